from __future__ import annotations

from ...finding import Severity
from ...rule import Rule, Violation, register


@register
class ConstantOutputs(Rule):
    """A model whose every output is constant after folding.

    What it does:
    Flags the model when no graph output depends on graph-input data (shapes of static inputs count as
    constant, because the toolkit folds them).

    Why the NPU cares:
    rknn-toolkit2 2.5.0 folds such a graph to nothing and refuses it: "All outputs [...] of model are
    constants, The model is invalid!" (observed, e.g. Shape->Cast as the only output; RKNN_FACTS.md 8).

    Example:
    A helper graph that only computes anchors / grids from an input's shape.

    How to fix:
    Store the constants in your application instead of converting them, or keep at least one output
    that is computed from input data.

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
            yield Violation(None, f"all outputs {outs} are constant after folding; rknn-toolkit2 2.5.0 refuses the model: "
                            f"\"All outputs {outs} of model are constants, The model is invalid!\"",
                            hint="do not convert a graph that only computes constants; keep an output that depends on input data")
