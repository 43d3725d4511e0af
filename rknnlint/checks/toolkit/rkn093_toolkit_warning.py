from __future__ import annotations

from ...finding import Severity
from ...rule import register
from ._base import BuildRule


@register
class ToolkitWarning(BuildRule):
    """A build warning of rknn-toolkit2 that matters for accuracy or the model's interface.

    What it does:
    Reports the toolkit's warning lines (`W ...`) that rknnlint recognises, once each: float16/float64 data
    converted to float32 (info), a Resize converted to a deconvolution that may drift (warning), and
    outlier weights or activations found by int8 quantization (warning).

    Why the NPU cares:
    These warnings scroll past among hundreds of log lines, but each changes what runs on the board: the
    input type the model takes, or numbers that drift from the ONNX model's.

    Example:
    `the model's float16/float64 data was converted to float32 by the toolkit (toolkit: some float16/float64
    data types in the model have been modified to float32!)`.

    How to fix:
    Export in float32 (RKN801); compare outputs with `rknnlint build --compare`; for int8 outliers,
    calibrate on real data (`--dataset`) or build in float16.

    Fix safety:
    No automatic fix from the build: RKN801's upcast-float rewrite covers the dtype case.
    """

    code = "RKN093"
    name = "toolkit-warning"
    severity = Severity.WARNING
