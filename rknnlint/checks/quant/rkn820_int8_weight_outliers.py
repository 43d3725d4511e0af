from __future__ import annotations

import numpy as np

from ...finding import Severity
from ...int8_ranges import weight_of, weight_outlier_stats
from ...rule import Rule, Violation, register
from ._common import DOC, HYBRID, builds_int8, limit, measured_with, method_of

_LEVELS = 127  # int8 magnitudes on one side of zero


@register
class Int8WeightOutliers(Rule):
    """A weight with an outlier output channel or value that an int8 build pays for, by measured thresholds.

    What it does:
    For an int8 build (`--dtype int8`, or an int8-only family such as rv1106), scores every constant
    Conv / ConvTranspose / Gemm / MatMul weight three ways and fires where a measured int8 build lost accuracy
    (output cosine below 0.99 against onnxruntime fp32; rules/int8/hazards.yaml):
    - the largest output channel's L2 norm over the median channel's (any quantized_method): that channel's
      output outgrows the others', and activations share one int8 scale per tensor;
    - with quantized_method `layer` (the source config's `quantization.method`; the toolkit's default is
      `channel`), the tensor's |w| max over its robust std (1.4826 x the median absolute deviation): one int8
      scale covers the whole weight;
    - inside each output channel (of at least 16 weights), |w| max over the channel's robust std: a single
      outlier weight (measured: 142 with `layer`, 568 with `channel`).
    The finding names the node and the channel.

    Why the NPU cares:
    int8 spreads 255 levels over a range. Per-channel quantization gives each weight channel its own range,
    but activations are always quantized per tensor (docs/facts.md#calibration-set), so a channel whose output
    is 64 times the others' leaves them a handful of levels; with `layer` one large weight does the same to
    every weight of the tensor. Measured with rknn-toolkit2 2.5.0 on rk3588 (calibration/int8_hazards.py,
    docs/int8-hazards.md): one output channel scaled up while the model computes the same in fp32 drops the
    output cosine below 0.99 from a channel norm ratio of 32 (layer) or 64 (channel).

    Example:
    Conv 'conv2' channel 5 has 64 times the L2 norm of a typical channel of its weight.

    How to fix:
    With `layer`, build with per-channel quantization (`--quantized-method channel`, the default); try
    `--quantized-algorithm mmse`, which clips outliers by error; or keep that layer in float16 (hybrid
    quantization: `rknnlint build --int8 --dataset FILE --int8-accuracy 0.99`, docs/int8.md).
    `rknnlint build --int8 --dataset FILE --analyze` shows which layers lose accuracy. At the
    source: rebalance the channel into the next layer (scale it down and the next layer's input channel up,
    exact for ReLU), or retrain with weight decay.

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
        by_norm = limit(ctx, "weight-channel", method, "norm_ratio")
        by_tensor = limit(ctx, "weight-channel", "layer", "tensor_ratio") if method == "layer" else None
        by_channel = limit(ctx, "weight-element", method, "channel_ratio")
        if by_norm is None and by_tensor is None and by_channel is None:
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
            seen.add(name)
            memo = view.__dict__.setdefault("_int8_weight_stats", {})  # one model, many targets: score once
            if name not in memo:
                w = _weight(view, name)
                ok = w is not None and w.ndim >= 1 and w.size >= 16 and np.issubdtype(w.dtype, np.floating)
                memo[name] = weight_outlier_stats(w, axis % w.ndim) if ok else None
            s = memo[name]
            if s is None:
                continue
            if by_tensor is not None and s.tensor_ratio >= by_tensor:
                w = _weight(view, name)
                per = np.abs(np.moveaxis(np.asarray(w, np.float32), axis % w.ndim, 0).reshape(s.channels, -1)).max(1)
                c = int(np.argmax(per))
                why = (f"|w| max {float(per[c]):.4g} is {s.tensor_ratio:.0f}x the robust std of the whole weight: "
                       f"one int8 scale per tensor (layer quantization) leaves a typical weight "
                       f"{_LEVELS / s.tensor_ratio:.2g} level(s)")
                yield self._at(ref, name, c, s.tensor_ratio, method, "tensor", by_tensor, why, ctx)
            elif by_channel is not None and s.channel_ratio >= by_channel:
                w = _weight(view, name)
                flat = np.moveaxis(np.asarray(w, np.float32), axis % w.ndim, 0).reshape(s.channels, -1)[s.channel]
                why = (f"|w| max {float(np.max(np.abs(flat))):.4g} is {s.channel_ratio:.0f}x the robust std of its "
                       f"channel: int8 leaves a typical weight of that channel {_LEVELS / s.channel_ratio:.2g} level(s)")
                yield self._at(ref, name, s.channel, s.channel_ratio, method, "channel", by_channel, why, ctx)
            elif by_norm is not None and s.norm_ratio >= by_norm:
                why = (f"its L2 norm is {s.norm_ratio:.0f}x the median channel's: its output outgrows the other "
                       "channels', which share one int8 activation scale with it (per-channel quantization covers "
                       "weights only)")
                yield self._at(ref, name, s.norm_channel, s.norm_ratio, method, "norm", by_norm, why, ctx)

    def _at(self, ref, weight: str, channel: int, ratio: float, method: str, scope: str, limit_: float, why: str,
            ctx) -> Violation:
        msg = (f"{ref.op_type} '{ref.label}' weight '{weight}' channel {channel}: {why} (measured accuracy loss "
               f"from {limit_:.0f}x with quantized_method {method}, {measured_with(ctx)})")
        fixes = []
        if method == "layer":
            fixes.append("per-channel quantization (`--quantized-method channel`, the default)")
        fixes += ["`--quantized-algorithm mmse`", f"keep '{ref.label}' in float16 " + HYBRID]
        hint = ("try " + ", or ".join(fixes) + "; measure with `rknnlint build --int8 --dataset FILE --compare` "
                f"({DOC})")
        return Violation(ref, msg, hint=hint, data={"weight": weight, "channel": channel, "ratio": round(ratio, 2),
                                                    "scope": scope, "quantized_method": method,
                                                    "threshold": limit_})


def _weight(view, name: str):
    """The weight's numbers (read again where a finding needs them: the stats are kept, not the arrays)."""
    return view.initializer_value(name) if view.is_initializer(name) else view.const_value(name)
