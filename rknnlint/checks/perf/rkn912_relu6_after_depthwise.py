from __future__ import annotations

import numpy as np

from ...finding import Severity
from ...rule import Rule, Violation, register


@register
class Relu6AfterDepthwise(Rule):
    """ReLU6 (Clip 0..6) right after a depthwise convolution, in an int8 build.

    What it does:
    In int8 builds (--dtype int8), flags a Clip with min 0 and max 6 whose input is a depthwise Conv
    (group == input channels == output channels), the MobileNet V2/V3 pattern.

    Why the NPU cares:
    Conv+Clip fuses on the NPU (User Guide V2.3.0 8.4.2, docs/facts.md#fusion), so speed is not the issue.
    Accuracy is: depthwise weights vary widely per channel, and the clipped 0..6 output range is shared
    by every channel of the fused op's int8 output, a known source of int8 accuracy loss on MobileNets
    (docs/facts.md#real-exports measured int8 cosine from 0.94 to 0.9999 with random calibration data). This is
    advice (the issue's SDK list names it; the exact User Guide wording is UNVERIFIED).

    Example:
    MobileNetV2 inverted residual: Conv(group=C) -> Clip(0, 6).

    How to fix:
    Check int8 accuracy against onnxruntime; if it drops, try quantized_algorithm='mmse', hybrid
    quantization of the depthwise layers, or ReLU in place of ReLU6 when retraining.

    Fix safety:
    Display-only: advice.
    """

    code = "RKN912"
    name = "relu6-after-depthwise"
    severity = Severity.INFO
    op_types = ("Clip",)

    def check_node(self, ctx, ref):
        if not ctx.quantized or not ref.inputs:
            return
        view = ctx.view
        lo = ref.attr("min") if len(ref.inputs) < 2 else view.const_value(ref.inputs[1])
        hi = ref.attr("max") if len(ref.inputs) < 3 else view.const_value(ref.inputs[2])
        if lo is None or hi is None or not np.isclose(float(np.asarray(lo)), 0.0) or not np.isclose(float(np.asarray(hi)), 6.0):
            return
        conv = view.producer_of(ref.inputs[0])
        if conv is None or conv.op_type != "Conv" or len(conv.inputs) < 2:
            return
        w = view.shape(conv.inputs[1])
        group = int(conv.attr("group", 1) or 1)
        if w is None or len(w) != 4 or group == 1 or w[1] != 1 or w[0] != group:
            return
        yield Violation(ref, f"ReLU6 '{ref.label}' after depthwise Conv '{conv.label}' ({group} channels): check int8 "
                             "accuracy of this block",
                        hint="compare int8 outputs with onnxruntime; try quantized_algorithm='mmse' or hybrid quantization")
