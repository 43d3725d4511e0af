from __future__ import annotations

from ...finding import Severity
from ...rule import Rule, Violation, register
from ...toolkit.versions import toolkit_said

_DATA_DEPENDENT = ("NonZero", "NonMaxSuppression", "Unique", "Compress")


@register
class DataDependentOp(Rule):
    """Ops whose output shape depends on the values of their input (a "dynamic graph").

    What it does:
    Flags NonZero, NonMaxSuppression, Unique and Compress nodes whose data input is not a constant.

    Why the NPU cares:
    The RKNN compiler needs every tensor shape at build time. rknn-toolkit2 2.5.0 stops the build with
    "The input 0 of NonZero('y') need to be constant! It will cause the graph to be a dynamic graph!"
    (observed; the same for NonMaxSuppression on det_tiny_topk_nms_op11.onnx; docs/facts.md#dynamic-graph).

    Example:
    An end-to-end detector export that appends NonMaxSuppression after the box decode.

    How to fix:
    Cut the graph before the op (export the raw head outputs) and do the step on the CPU in your
    application code, as the rknn_model_zoo post-processing does.

    Fix safety:
    Display-only: removing the op changes the model's outputs.
    """

    code = "RKN301"
    name = "data-dependent-op"
    severity = Severity.ERROR
    op_types = _DATA_DEPENDENT

    def check_node(self, ctx, ref):
        data = ref.inputs[0] if ref.inputs else ""
        if data and ctx.view.is_constant(data):
            return  # folds away at build time
        yield Violation(
            ref,
            f"{ref.op_type} '{ref.name}' has a data-dependent output shape; {toolkit_said(ctx)} fails the build: "
            f"\"The input 0 of {ref.op_type}('{ref.name}') need to be constant! It will cause the graph to be a dynamic graph!\"",
            hint=f"export the model without {ref.op_type} (end the graph at its inputs) and run it on the CPU in post-processing")
