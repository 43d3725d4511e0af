from __future__ import annotations

from ...finding import Severity
from ...rule import Rule, Violation, register
from ...toolkit.versions import toolkit_said


def _opset(model) -> int:
    for o in model.opset_import:
        if o.domain in ("", "ai.onnx"):
            return o.version
    return 1


@register
class UnknownOpType(Rule):
    """Default-domain nodes whose op_type is not an ONNX op at the model's opset.

    What it does:
    Looks each default-domain op_type up in the ONNX schema registry at the model's opset.

    Why the NPU cares:
    rknn-toolkit2 2.5.0 validates the graph with onnxruntime in load_onnx; an unknown op stops it with
    "[ONNXRuntimeError] : 10 : INVALID_GRAPH : ... No Op registered for FooBar with domain_version of 19"
    (observed).

    Example:
    A hand-edited graph with op_type "FooBar", or an op that only exists from a later opset.

    How to fix:
    Replace the node by standard ONNX ops, raise the opset if the op exists at a later one (<= 19 for
    2.5.0), or register it as a cst-prefixed custom op with rknn.reg_custom_op.

    Fix safety:
    Display-only.
    """

    code = "RKN203"
    name = "unknown-op-type"
    severity = Severity.ERROR

    def check(self, ctx):
        from onnx import defs

        opset = _opset(ctx.view.model)
        known: dict[str, bool] = {}
        for ref in ctx.view.nodes:
            if ref.domain not in ("", "ai.onnx"):
                continue
            if ref.op_type not in known:
                known[ref.op_type] = defs.has(ref.op_type, "") and _schema_at(defs, ref.op_type, opset)
            if not known[ref.op_type]:
                yield Violation(ref, f"'{ref.op_type}' ('{ref.name}') is not an ONNX op at opset {opset}; "
                                f"{toolkit_said(ctx)} fails in load_onnx (\"No Op registered for "
                                f"{ref.op_type}\")",
                                hint="replace it with standard ONNX ops, or register it as a cst custom op")


def _schema_at(defs, op_type: str, opset: int) -> bool:
    try:
        defs.get_schema(op_type, opset, "")
    except Exception:
        return False
    return True
