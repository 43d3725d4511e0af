"""reducemean-to-gap: ReduceMean over H and W of a [N, C, H, W] map (keepdims=1) written as GlobalAveragePool."""
from __future__ import annotations

import numpy as np
import onnx

from ._base import (
    Applicability,
    Rewrite,
    RewriteOptions,
    RewriteResult,
    Tolerance,
    begin,
    register_rewrite,
    tag,
)

WIDE = 2048  # the crash pattern's limit (rules/motifs/crash-patterns.yaml reduce-mean-wide: more than 2048 elements)


def wide_spatial_mean(view, ref) -> bool:
    """A main-graph ReduceMean over H and W (axes [2, 3] / [-2, -1], attribute or constant input) of a static 4-D
    tensor with keepdims=1 and more than 2048 elements pooled: what the crash pattern matches and GlobalAveragePool
    computes."""
    if ref.op_type != "ReduceMean" or ref.domain not in ("", "ai.onnx") or ref.graph_path or not ref.inputs:
        return False
    shape = view.static_shape(ref.inputs[0])
    if shape is None or len(shape) != 4 or int(ref.attr("keepdims", 1)) != 1 or shape[2] * shape[3] <= WIDE:
        return False
    axes = ref.attr("axes")
    if axes is None and len(ref.inputs) > 1 and ref.inputs[1]:
        value = view.const_value(ref.inputs[1])
        axes = None if value is None else np.asarray(value).reshape(-1).tolist()
    return axes is not None and sorted(int(a) % 4 for a in axes) == [2, 3]


@register_rewrite
class ReduceMeanToGap(Rewrite):
    """rknn-toolkit2 2.3.0 aborts the rk2118 float16 build (SIGABRT in OpEmit) on a ReduceMean over more than 2048
    elements, which it turns into a MatMul with a vector of ones (RKN709 crash pattern reduce-mean-wide: the
    squeeze-and-excitation pooling of PP-OCRv6's text detectors at 80 x 80); the same pooling written as
    GlobalAveragePool was measured to build on every family. ReduceMean(axes=[2, 3], keepdims=1) and
    GlobalAveragePool compute the same [N, C, 1, 1] means (float rounding of the summation order apart)."""

    name = "reducemean-to-gap"
    summary = "ReduceMean over H, W (keepdims=1, > 2048 elements) -> GlobalAveragePool"
    applicability = Applicability.SAFE
    # float32 rounding of another summation order, carried through the layers after the pooling (PP-OCRv6-tiny's
    # detector: max abs error 5.6e-5 on its [0, 1] map, 26 of 102400 values past rtol 1e-4)
    tolerance = Tolerance(rtol=1e-3, atol=1e-4, scaled=True)

    def apply(self, model: onnx.ModelProto, options: RewriteOptions) -> RewriteResult:
        view, out, names = begin(model, "reducemean_to_gap")
        hits = {ref.index for ref in view.main_nodes if wide_spatial_mean(view, ref)}
        if not hits:
            return RewriteResult(model, False, [f"no ReduceMean over H, W of more than {WIDE} elements with keepdims=1"])
        fixed = []
        for i, n in enumerate(out.graph.node):
            if i not in hits:
                continue
            gap = onnx.helper.make_node("GlobalAveragePool", [n.input[0]], [n.output[0]], name=n.name or names("gap"))
            tag(gap, self.name, options.codes)
            out.graph.node[i].CopyFrom(gap)
            fixed.append(gap.name)
        shown = ", ".join(f"'{s}'" for s in fixed[:3]) + (f" and {len(fixed) - 3} more" if len(fixed) > 3 else "")
        return RewriteResult(out, True, [f"ReduceMean {shown} -> GlobalAveragePool (same output name)"])
