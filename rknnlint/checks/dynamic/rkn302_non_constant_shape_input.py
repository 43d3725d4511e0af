from __future__ import annotations

from ...finding import Severity
from ...rule import Rule, Violation, register
from ...toolkit.versions import toolkit_said

# op -> (input index, what it is) of the inputs that decide an output shape
SHAPE_INPUTS: dict[str, tuple[tuple[int, str], ...]] = {
    "TopK": ((1, "K"),),
    "Range": ((0, "start"), (1, "limit"), (2, "delta")),
    "Slice": ((1, "starts"), (2, "ends"), (3, "axes"), (4, "steps")),
    "Expand": ((1, "shape"),),
    "Reshape": ((1, "shape"),),
    "Resize": ((2, "scales"), (3, "sizes")),
    "Upsample": ((1, "scales"),),
    "Pad": ((1, "pads"),),
    "Tile": ((1, "repeats"),),
    "ConstantOfShape": ((0, "shape"),),
    "OneHot": ((1, "depth"),),
    "EyeLike": ((0, "input"),),
}


@register
class NonConstantShapeInput(Rule):
    """Shape-deciding inputs (TopK K, Slice starts, Reshape shape, ...) computed from input data.

    What it does:
    For TopK, Range, Slice, Expand, Reshape, Resize, Upsample, Pad, Tile, ConstantOfShape, OneHot and
    EyeLike, checks whether an input that decides the output shape depends on the *values* of a graph
    input. A value computed only from Shape/Size of a static input is not flagged: the toolkit folds it
    once the input shapes are fixed.

    Why the NPU cares:
    rknn-toolkit2 2.5.0 needs these inputs constant after folding, otherwise the graph is dynamic and the
    build fails ("The input 1 of Reshape('rs') need to be constant! ..." style messages; issues
    airockchip/rknn-toolkit2 #136 Range, #141 TopK, rknn_model_zoo #359 Slice; docs/facts.md#dynamic-graph).
    Observed with 2.5.0: a Reshape whose shape is Shape->Gather->Concat of a static input builds;
    the same Reshape with a shape computed from input data does not.

    Example:
    Reshape(x, Concat(Cast(ReduceMax(x)), [-1])) - the target shape depends on a pixel value.

    How to fix:
    Compute the value from constants or shapes only (e.g. use the known size), or move this part of the
    model to the CPU post-processing.

    Fix safety:
    Display-only.
    """

    code = "RKN302"
    name = "non-constant-shape-input"
    severity = Severity.ERROR
    op_types = tuple(SHAPE_INPUTS)

    def check_node(self, ctx, ref):
        ins = ref.inputs
        for idx, what in SHAPE_INPUTS[ref.op_type]:
            if idx >= len(ins) or not ins[idx]:
                continue
            if ctx.view.depends_on_inputs(ins[idx]):
                yield Violation(
                    ref,
                    f"{ref.op_type} '{ref.name}': input {idx} ({what}, '{ins[idx]}') is computed from input data, "
                    f"so the graph is dynamic and {toolkit_said(ctx)} fails the build "
                    f"(\"The input {idx} of {ref.op_type}('{ref.name}') need to be constant!\")",
                    hint=f"make {what} a constant (or derive it from tensor shapes only), or move this step to CPU post-processing",
                    data={"input": idx})
                return
