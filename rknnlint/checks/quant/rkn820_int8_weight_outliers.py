from __future__ import annotations

import numpy as np

from ...finding import Severity
from ...int8_ranges import weight_of, weight_outlier_stats
from ...rule import Rule, Violation, register
from ._common import DOC, builds_int8, limit, measured_with, method_of

_LEVELS = 127  # int8 magnitudes on one side of zero


@register
class Int8WeightOutliers(Rule):
    """A weight whose largest value sits far beyond its typical spread, in an int8 build.

    What it does:
    For an int8 build (`--dtype int8`, or an int8-only family such as rv1106), computes for every constant
    Conv / ConvTranspose / Gemm / MatMul weight how many robust standard deviations (1.4826 x the median
    absolute deviation) its largest magnitude lies from zero: per output channel (channels of at least 16
    weights) and over the whole tensor. Fires where the ratio reaches the value from which a measured int8
    build lost accuracy (rules/int8/hazards.yaml, output cosine below 0.99 against onnxruntime fp32), for the
    build's quantized_method (the source config's `quantization.method`, else the toolkit's default
    `channel`). The finding names the node and the channel.

    Why the NPU cares:
    int8 gives a weight 127 levels on each side of zero, spread over its largest magnitude: per output channel
    with quantized_method `channel`, over the whole tensor with `layer`. One value 100 times the typical
    weight leaves the others one or two levels. Measured with rknn-toolkit2 on rk3588 (calibration/
    int8_hazards.py): one output channel scaled up (the function kept identical) costs accuracy from a
    tensor ratio of about 100 with `layer`; a single outlier weight costs it in both methods
    (docs/int8-hazards.md has the figures).

    Example:
    Conv 'conv2' channel 5 holds one weight of 5.3 in a channel whose robust std is 0.07 (ratio 71).

    How to fix:
    With `layer`, build with per-channel quantization (`--quantized-method channel`, the default); try
    `--quantized-algorithm mmse`, which clips outliers by error; or keep that layer in float16 (hybrid
    quantization). `rknnlint build --int8 --dataset FILE --compare` measures what the build loses. Retraining
    with weight decay or clipping removes the outlier at its source.

    Fix safety:
    No automatic fix: the weights are the model's.
    """

    code = "RKN820"
    name = "int8-weight-outliers"
    severity = Severity.WARNING

    def check(self, ctx):
        if not builds_int8(ctx):
            return
        method = method_of(ctx)
        by_tensor = limit(ctx, "weight-channel", method)
        by_channel = limit(ctx, "weight-element", method)
        if by_tensor is None and by_channel is None:
            return
        view = ctx.view
        seen: set[str] = set()
        for ref in view.main_nodes:
            if ref.domain not in ("", "ai.onnx"):
                continue
            wi = weight_of(view, ref)
            if wi is None or wi[0] in seen:
                continue
            name, axis = wi
            w = view.initializer_value(name) if view.is_initializer(name) else view.const_value(name)
            if w is None or w.ndim < 1 or w.size < 16 or not np.issubdtype(w.dtype, np.floating):
                continue
            seen.add(name)
            s = weight_outlier_stats(w, axis % w.ndim)
            if by_channel is not None and s.channel_ratio >= by_channel:
                flat = np.moveaxis(np.asarray(w, np.float64), axis % w.ndim, 0).reshape(s.channels, -1)[s.channel]
                peak = float(np.max(np.abs(flat)))
                yield self._at(ref, name, s.channel, s.channel_ratio, peak, method, "channel", by_channel, ctx)
            elif by_tensor is not None and s.tensor_ratio >= by_tensor:
                per = np.abs(np.moveaxis(np.asarray(w, np.float64), axis % w.ndim, 0).reshape(s.channels, -1)).max(1)
                c = int(np.argmax(per))
                yield self._at(ref, name, c, s.tensor_ratio, float(per[c]), method, "tensor", by_tensor, ctx)

    def _at(self, ref, weight: str, channel: int, ratio: float, peak: float, method: str, scope: str,
            limit_: float, ctx) -> Violation:
        if scope == "channel":
            why = (f"is {ratio:.0f}x the robust std of its channel: int8 ({method} quantization) leaves a typical "
                   f"weight of that channel {_LEVELS / ratio:.2g} level(s)")
        elif method == "layer":
            why = (f"is {ratio:.0f}x the robust std of the whole weight: int8 (layer quantization, one scale per "
                   f"tensor) leaves a typical weight {_LEVELS / ratio:.2g} level(s)")
        else:
            why = (f"is {ratio:.0f}x the robust std of the whole weight: the channel's output grows with it, and "
                   "activations share one int8 scale per tensor (per-channel quantization covers weights only)")
        msg = (f"{ref.op_type} '{ref.label}' weight '{weight}' channel {channel}: |w| max {peak:.4g} {why} "
               f"(measured accuracy loss from {limit_:.0f}x, {measured_with(ctx)})")
        fixes = []
        if method == "layer":
            fixes.append("per-channel quantization (`--quantized-method channel`, the default)")
        fixes += ["`--quantized-algorithm mmse`", f"keep '{ref.label}' in float16 (hybrid quantization)"]
        hint = ("try " + ", or ".join(fixes) + "; measure with `rknnlint build --int8 --dataset FILE --compare` "
                f"({DOC})")
        return Violation(ref, msg, hint=hint, data={"weight": weight, "channel": channel, "ratio": round(ratio, 2),
                                                    "scope": scope, "quantized_method": method,
                                                    "threshold": limit_})
