from __future__ import annotations

from ...finding import Severity
from ...rule import Rule, Violation, register
from ...toolkit.versions import toolkit_said
from ...zero_weights import zeroing_nodes


@register
class ConstantOutputs(Rule):
    """A model whose every output is constant after folding.

    What it does:
    Flags the model when no graph output depends on graph-input data. Shapes of static inputs count as
    constant (the toolkit folds them), and so does the output of a MatMul, Gemm or Conv whose weight is all
    zeros and of a Mul by an all-zero constant: the toolkit's constant folding replaces each by a constant.
    Weight values are read only for those ops, and only in full when their first bytes are zero.

    Why the NPU cares:
    rknn-toolkit2 2.5.0 folds such a graph to nothing and refuses it: "All outputs [...] of model are
    constants, The model is invalid!" (observed, e.g. Shape->Cast as the only output; docs/facts.md#dynamic-graph).
    Observed on rk3588 with x -> Relu -> Gemm / MatMul / Conv with an all-zero weight (with or without a
    bias, also followed by Sigmoid) and with Mul by a zero scalar or vector; zeros count by value, so a weight of
    -0.0 (left by BN folding) folds the same (measured on rk3588 with 2.5.0); a partly zero weight, or a
    second output that depends on the input, builds. torchvision's ViT-B/16 exported without trained
    weights has a zero-initialised classifier head (heads.head: weight and bias all zeros) and fails so.

    Example:
    A helper graph that only computes anchors / grids from an input's shape; a classifier whose last
    Gemm still has its zero initialisation (torchvision vit_b_16(weights=None)).

    How to fix:
    Load the trained weights before exporting (a zero head makes every prediction the bias), store
    constants in your application instead of converting them, or keep at least one output that is
    computed from input data.

    Fix safety:
    Display-only.
    """

    code = "RKN306"
    name = "constant-outputs"
    severity = Severity.ERROR

    def check(self, ctx):
        v = ctx.view
        outs = [o.name for o in v.model.graph.output]
        if not outs or not v.inputs:
            return
        if all(not v.depends_on_inputs(o) for o in outs):
            yield Violation(None, f"all outputs {outs} are constant after folding; {toolkit_said(ctx)} refuses the model: "
                            f"\"All outputs {outs} of model are constants, The model is invalid!\"",
                            hint="do not convert a graph that only computes constants; keep an output that depends on input data")
            return
        zeroed = zeroing_nodes(v, outs)
        if zeroed is None:
            return
        names = ", ".join(f"{r.op_type} '{r.label}'" for r in zeroed[:3]) + (f" and {len(zeroed) - 3} more" if len(zeroed) > 3 else "")
        yield Violation(zeroed[0], f"all outputs {outs} are constant after folding: {names} {'multiplies' if len(zeroed) == 1 else 'multiply'} "
                        f"by an all-zero constant, which {toolkit_said(ctx)} folds to a constant; it refuses the model: "
                        f"\"All outputs {outs} of model are constants, The model is invalid!\"",
                        hint="export with the trained weights (an all-zero weight, e.g. a freshly initialised "
                             "classifier head, makes the output constant)",
                        data={"zero_nodes": [r.label for r in zeroed]})
