from __future__ import annotations

from onnx import TensorProto

from ...finding import Severity
from ...rule import Rule, Violation, register


@register
class BoolIntermediate(Rule):
    """Bool tensors computed from the input data inside the graph.

    What it does:
    Flags nodes whose output is a bool tensor that depends on graph-input data (masks from
    Equal / Greater / Less / Not / And ...). Bool values that fold to constants are skipped.

    Why the NPU cares:
    The NPU has no bool type: the comparison ops that make such masks run on the CPU with
    rknn-toolkit2 2.5.0 (Equal, Greater observed on CPU on rk3588; docs/facts.md#observed-placement), and the mask
    travels between CPU and NPU.

    Example:
    An attention mask built with Equal(x, 0) followed by Where.

    How to fix:
    Compute the mask on the host and feed it as a float input, or use arithmetic (x * mask) instead.

    Fix safety:
    No automatic fix.
    """

    code = "RKN802"
    name = "bool-intermediate"
    severity = Severity.INFO

    def check(self, ctx):
        view = ctx.view
        for ref in view.nodes:
            for o in ref.node.output:
                if o and view.dtype(o) == TensorProto.BOOL and view.depends_on_inputs(o):
                    yield Violation(ref, f"{ref.op_type} node '{ref.label}' makes bool tensor '{o}' from input data",
                                    hint="compute the mask on the host or use float arithmetic", data={"op": ref.op_type})
                    break
