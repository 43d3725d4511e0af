from __future__ import annotations

from ...finding import Severity
from ...rule import Rule, Violation, register


@register
class NhwcInputTranspose(Rule):
    """A 4-D model input that is immediately transposed NHWC -> NCHW.

    What it does:
    Flags a Transpose with perm [0,3,1,2] that reads a 4-D graph input.

    Why the NPU cares:
    The RKNN runtime already feeds images as NHWC and converts to the NPU layout itself; an explicit
    Transpose in the graph is an extra layer (observed: such a model builds on rk3588 with 2.5.0).

    Example:
    A TensorFlow-style export: input [1,224,224,3] -> Transpose(perm=[0,3,1,2]) -> Conv.

    How to fix:
    Export the model with an NCHW input, or remove the Transpose and let the runtime's input layout
    handling (rknn_input.fmt = NHWC) do the conversion.

    Fix safety:
    No automatic fix; done by hand it changes the model's input shape.
    """

    code = "RKN104"
    name = "nhwc-input-transpose"
    severity = Severity.INFO

    def check(self, ctx):
        v = ctx.view
        for vi in v.inputs:
            if v.rank(vi.name) != 4:
                continue
            for ref in v.consumers_of(vi.name):
                if ref.op_type == "Transpose" and list(ref.attr("perm") or []) == [0, 3, 1, 2]:
                    yield Violation(ref, f"Transpose '{ref.name}' converts NHWC input '{vi.name}' to NCHW",
                                    hint="export with an NCHW input; the RKNN runtime already accepts NHWC images")
