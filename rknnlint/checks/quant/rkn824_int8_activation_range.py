from __future__ import annotations

from ...finding import Severity
from ...rule import register
from ..toolkit._base import BuildRule


@register
class Int8ActivationRange(BuildRule):
    """An activation whose maximum on the calibration samples is far beyond where its values lie.

    What it does:
    `rknnlint build --int8 --dataset FILE` and `rknnlint package --int8 --dataset FILE` run the model in
    onnxruntime fp32 on the first 20 calibration samples (mean/std applied as the toolkit applies them) and
    compare, for every activation (a float tensor computed from the inputs), its largest magnitude with the
    99.9th percentile of its magnitudes. Fires where the ratio reaches the value from which a measured int8
    build lost accuracy (rules/int8/hazards.yaml, `activation`); at most five tensors are named, widest first.
    The pass costs one onnxruntime run per sample (minutes on a large model); `--ignore RKN824` skips it.

    Why the NPU cares:
    The toolkit's default `normal` algorithm takes an activation's int8 range from its minimum and maximum on
    the calibration set, and activations are quantized per tensor (docs/facts.md#calibration-set): one outlier
    sample, or a feature that spikes, stretches the range and leaves the bulk of the values a few of the 255
    levels. Measured with rknn-toolkit2 2.5.0 on rk3588 (calibration/int8_hazards.py, docs/int8-hazards.md):
    one calibration sample with a spike, the compared input an ordinary one.

    Example:
    `activation '/encoder/attn/Add' (output of 'Add_12'): on the calibration samples its max |x| 812 is 150x
    its 99.9th percentile 5.4`.

    How to fix:
    Try `--quantized-algorithm mmse` or `kl_divergence` (they choose a clipped range), remove outlier samples
    from the calibration list, or keep the layer in float16 (hybrid quantization:
    `rknnlint build --int8 --dataset FILE --int8-accuracy 0.99`).

    Fix safety:
    No automatic fix: which values matter is the model's.
    """

    code = "RKN824"
    name = "int8-activation-range"
    severity = Severity.WARNING
