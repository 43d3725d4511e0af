from __future__ import annotations

from ...finding import Severity
from ...heads import find_head_boundary
from ...rewrites.cut_head import CutHead
from ...rule import Fix, Rule, Violation, register
from ._common import CUT_HINT, boundary_data, boundary_text


@register
class SigmoidOutputShared(Rule):
    """A Sigmoid whose result is a model output and also feeds other nodes.

    What it does:
    Flags a Sigmoid whose output tensor is a graph output and is consumed by at least one more node
    inside the graph (typically scores that are both returned and decoded further).

    Why the NPU cares:
    A tensor that is both an output and an intermediate must be written out in the output layout
    (NCHW) and kept in the NPU layout (NC1HWC2) for its consumers, and with int8 it gets one
    quantization shared by both uses. It usually means post-processing sits after the head:
    Rockchip's exports end each score branch with its Sigmoid and nothing after it (docs/facts.md#detector-exports).

    Example:
    scores = sigmoid(conv(x)) is returned as 'scores' and also multiplied into 'boxes' by the decode.

    How to fix:
    Cut the head at the named tensors (`rknnlint fix MODEL --unsafe-fixes --cut-head auto`) so the Sigmoid
    output is only an output, or return a separate copy.

    Fix safety:
    Unsafe: the model's outputs change when the head is cut.
    """

    code = "RKN405"
    name = "sigmoid-output-shared"
    severity = Severity.WARNING
    fix = Fix(CutHead)
    op_types = ("Sigmoid",)

    def check_node(self, ctx, ref):
        if ref.graph_path or not ref.outputs:
            return
        out = ref.outputs[0]
        if out not in ctx.view.output_names:
            return
        others = ctx.view.consumers_of(out)
        if not others:
            return
        hb = find_head_boundary(ctx.view)
        names = ", ".join(f"{c.op_type} '{c.label}'" for c in others[:3])
        yield Violation(ref, f"Sigmoid '{ref.label}' output '{out}' is a model output and also feeds {names}"
                             f"{boundary_text(hb)}", hint=CUT_HINT, data=boundary_data(hb))
