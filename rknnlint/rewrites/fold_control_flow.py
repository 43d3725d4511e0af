"""fold-control-flow: inline an If whose condition is constant and unroll a Loop whose trip count is, after
folding every constant subgraph; both exactly (rknnlint.rewrites._control_flow)."""
from __future__ import annotations

import onnx

from ._base import Applicability, Rewrite, RewriteOptions, RewriteResult, copy_model, infer, register_rewrite


@register_rewrite
class FoldControlFlow(Rewrite):
    """rknn-toolkit2 2.5.0 cannot build If / Loop ('will cause the graph to be a dynamic graph', and a KeyError
    in load_onnx for an If on an initializer: RKN303). When the condition is constant (an initializer, or
    computed from constants and static shapes) the If is the taken branch's nodes; when a Loop's trip count is
    constant and its condition stays true, it is its body repeated (at most 64 times). Constant subgraphs are
    folded first (onnx-graphsurgeon) so that conditions computed from shapes become constants."""

    name = "fold-control-flow"
    summary = "inline If with a constant condition, unroll Loop with a constant trip count"
    applicability = Applicability.SAFE

    def apply(self, model: onnx.ModelProto, options: RewriteOptions) -> RewriteResult:
        from ._control_flow import fold_control_flow
        from ._gs import fold_and_clean

        if not any(n.op_type in ("If", "Loop") and n.domain in ("", "ai.onnx") for n in model.graph.node):
            return RewriteResult(model, False, ["no If or Loop in the main graph"])
        notes: list[str] = []
        out = fold_and_clean(copy_model(model), options.fold_size_limit, self.name, options.codes, notes)
        _, _, stays = fold_control_flow(copy_model(out), None, self.name)
        if not notes:
            return RewriteResult(model, False, stays or ["no If or Loop with a constant outcome"])
        out = infer(out, in_place=True)
        return RewriteResult(out, True, notes + [f"stays: {s}" for s in stays])
