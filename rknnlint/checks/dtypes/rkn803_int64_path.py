from __future__ import annotations

from onnx import TensorProto

from ...finding import Severity
from ...rule import Rule, Violation, register

_COMPUTE = {"Add", "Sub", "Mul", "Div", "Mod", "MatMul", "Gemm", "Neg", "Abs", "ReduceSum", "ReduceMax",
            "ReduceMin", "CumSum", "Max", "Min", "Clip"}


@register
class Int64Path(Rule):
    """int64 tensors computed from input data by arithmetic ops.

    What it does:
    Flags arithmetic nodes (Add, Mul, Div, Mod, ReduceSum ...) whose int64 output depends on
    graph-input data. Shape arithmetic (through Shape/Size) and constants are skipped: the toolkit
    folds them.

    Why the NPU cares:
    The NPU computes in int8/float16; int64 data arithmetic is not an NPU type and such layers run on
    the CPU or are cast (docs/facts.md#observed-placement: Cast and Mod seen on the CPU).

    Example:
    Index arithmetic on an ArgMax result, e.g. ArgMax -> Mul -> Add.

    How to fix:
    Keep the data path in float32, or move index arithmetic to host post-processing.

    Fix safety:
    No automatic fix.
    """

    code = "RKN803"
    name = "int64-path"
    severity = Severity.INFO

    def check(self, ctx):
        view = ctx.view
        for ref in view.nodes:
            if ref.op_type not in _COMPUTE or not ref.node.output:
                continue
            o = ref.node.output[0]
            if o and view.dtype(o) == TensorProto.INT64 and view.depends_on_inputs(o):
                yield Violation(ref, f"{ref.op_type} node '{ref.label}' computes int64 data '{o}'",
                                hint="keep the path in float32 or do it on the host", data={"op": ref.op_type})
