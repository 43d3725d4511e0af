"""reducemean-keepdims: ReduceMean over H, W with keepdims=0 written as ReduceMean(keepdims=1) + Flatten(axis=1)."""
from __future__ import annotations

import numpy as np
import onnx

from ._base import Applicability, Rewrite, RewriteOptions, RewriteResult, begin, listed, register_rewrite, tag


def squeezed_spatial_mean(view, ref) -> bool:
    """Whether a main-graph node is ReduceMean over H and W (axes [2, 3] or [-2, -1], the attribute or, from
    opset 18, the constant axes input) of a 4-D tensor with keepdims=0 whose result another node reads: the
    pattern RKN708 flags and this rewrite changes."""
    if ref.op_type != "ReduceMean" or ref.domain not in ("", "ai.onnx") or ref.graph_path:
        return False
    if not ref.outputs or not ref.inputs or int(ref.attr("keepdims", 1)) != 0 or view.rank(ref.inputs[0]) != 4:
        return False
    axes = ref.attr("axes")
    if axes is None and len(ref.inputs) > 1 and ref.inputs[1]:
        value = view.const_value(ref.inputs[1])
        axes = None if value is None else np.asarray(value).reshape(-1).tolist()
    if axes is None or sorted(int(a) % 4 for a in axes) != [2, 3]:
        return False
    return bool(view.consumers_of(ref.outputs[0]))


@register_rewrite
class ReduceMeanKeepdims(Rewrite):
    """rknn-toolkit2 2.3.2 fails a build whose ReduceMean(axes=[2, 3], keepdims=0) feeds another op with
    onnxruntime's "Invalid rank for input ... Got: 4 Expected: 2" (RKN708); keepdims=1 followed by
    Flatten(axis=1) builds with every version measured. On a 4-D [N, C, H, W] input both give the same
    [N, C] means (the same reduction, then a reshape), under the original output name, so no bit changes."""

    name = "reducemean-keepdims"
    summary = "ReduceMean(H, W, keepdims=0) -> ReduceMean(keepdims=1) + Flatten(axis=1) (exact)"
    applicability = Applicability.SAFE

    def apply(self, model: onnx.ModelProto, options: RewriteOptions) -> RewriteResult:
        view, out, names = begin(model, "reducemean_keepdims")
        hits = {ref.index for ref in view.main_nodes if squeezed_spatial_mean(view, ref)}
        if not hits:
            return RewriteResult(model, False, ["no ReduceMean over H, W with keepdims=0 read by another node"])
        nodes, fixed = [], []
        for i, n in enumerate(out.graph.node):
            nodes.append(n)
            if i not in hits:
                continue
            result = n.output[0]
            kept = names("kept")
            for a in n.attribute:
                if a.name == "keepdims":
                    a.i = 1
            n.output[0] = kept
            flat = onnx.helper.make_node("Flatten", [kept], [result], axis=1,
                                         name=names(f"{n.name or 'ReduceMean'}_flatten"))
            tag(n, self.name, options.codes)
            tag(flat, self.name, options.codes)
            nodes.append(flat)
            fixed.append(n.name or result)
        del out.graph.node[:]
        out.graph.node.extend(nodes)
        shown = listed(fixed)
        return RewriteResult(out, True, [f"ReduceMean {shown}: keepdims=1 + Flatten(axis=1), same output name"])
