from __future__ import annotations

from ...finding import Severity
from ...rule import Rule, Violation, register


@register
class SmallOutputHw(Rule):
    """Convolutions whose output feature map has fewer than 16 pixels (H*W < 16).

    What it does:
    Flags Conv / ConvTranspose nodes with a 4-D output whose H*W is below 16 and that have at least 64
    output channels (the layers where the cost matters), e.g. the 2x2 or 3x3 maps at the end of a
    backbone.

    Why the NPU cares:
    "The utilization rate decreases when the Height * Width of the output Tensor < 16" (User Guide
    V2.3.0 8.5.2, docs/facts.md#ddr-alignment): the NPU parallelises over output pixels, so tiny maps leave most
    MAC units idle. It builds and runs; it is advice.

    Example:
    A 64x64 input through five stride-2 stages leaves a 2x2 map for the last 512-channel convs.

    How to fix:
    Use a larger input, fewer downsampling stages, or fold such layers into a MatMul over the
    flattened features; "larger Width and smaller Height" is the friendlier shape (User Guide 8.5).

    Fix safety:
    Display-only: advice.
    """

    code = "RKN913"
    name = "small-output-hw"
    severity = Severity.INFO
    op_types = ("Conv", "ConvTranspose")

    def check_node(self, ctx, ref):
        if ref.graph_path or not ref.outputs:
            return
        s = ctx.view.static_shape(ref.outputs[0])
        if s is None or len(s) != 4 or s[1] < 64:
            return
        hw = s[2] * s[3]
        if hw >= 16:
            return
        yield Violation(ref, f"{ref.op_type} '{ref.label}' writes a {s[2]}x{s[3]} map (H*W = {hw} < 16) with {s[1]} "
                             "channels: NPU utilisation drops below 16 output pixels",
                        hint="keep output maps at 16 pixels or more where the model allows",
                        data={"hw": hw, "channels": s[1]})
