"""clip-to-max: a Clip whose bound is computed in the graph written as Max(x, min) / Min(., max)."""
from __future__ import annotations

import numpy as np
import onnx
from onnx import numpy_helper

from ._base import Applicability, Rewrite, RewriteOptions, RewriteResult, begin, listed, register_rewrite, tag


@register_rewrite
class ClipToMax(Rewrite):
    """rknn-toolkit2 2.3.0 kills the rk3576 float16 build (SIGSEGV) on a Clip whose min or max is computed in the
    graph, not a constant (RKN709 crash pattern clip-computed-bound: librosa's power_to_db top_db clamp as
    openWakeWord's melspectrogram model exports it, ReduceMax -> Sub(80) -> Clip(x, min=that)); the clamp written
    as Max(x, threshold) was measured to build on every family. Clip(x, lo, hi) is min(max(x, lo), hi) by
    definition, so Max(x, lo) then Min(., hi) (a constant hi stays a Clip at constant bounds, its min the
    dtype's lowest value; a bound left empty is left out) gives every value exactly."""

    name = "clip-to-max"
    summary = "Clip with a computed bound -> Max(x, min) / Min(., max) (exact)"
    applicability = Applicability.SAFE

    def apply(self, model: onnx.ModelProto, options: RewriteOptions) -> RewriteResult:
        view, out, names = begin(model, "clip_to_max")
        nodes, fixed = [], []
        for ref, n in zip(view.main_nodes, out.graph.node):
            bounds = list(n.input[1:3]) + [""] * (3 - len(n.input))
            computed = [b for b in bounds[:2] if b and view.const_value(b) is None and not view.is_initializer(b)]
            if n.op_type != "Clip" or ref.graph_path or not computed:
                nodes.append(n)
                continue
            x, lo, hi = n.input[0], bounds[0], bounds[1]
            made = []
            if lo:
                made.append(onnx.helper.make_node("Max", [x, lo], [names("max") if hi else n.output[0]],
                                                  name=names(f"{n.name or 'Clip'}_max")))
            if hi and hi in computed:
                made.append(onnx.helper.make_node("Min", [made[-1].output[0] if made else x, hi], [n.output[0]],
                                                  name=names(f"{n.name or 'Clip'}_min")))
            elif hi:  # a constant upper bound stays a Clip at constant bounds (measured to build; Min runs on the
                # CPU on some families): its min the dtype's lowest value, below every Max(x, lo)
                dt = onnx.helper.tensor_dtype_to_np_dtype(view.dtype(x) or onnx.TensorProto.FLOAT)
                low = names("lowest")
                out.graph.initializer.append(numpy_helper.from_array(np.array(np.finfo(dt).min, dt), low))
                made.append(onnx.helper.make_node("Clip", [made[-1].output[0], low, hi], [n.output[0]],
                                                  name=names(f"{n.name or 'Clip'}_max")))
            if not made:
                nodes.append(n)
                continue
            for m in made:
                tag(m, self.name, options.codes)
            nodes.extend(made)
            fixed.append(n.name or n.output[0])
        if not fixed:
            return RewriteResult(model, False, ["no Clip with a computed bound"])
        del out.graph.node[:]
        out.graph.node.extend(nodes)
        return RewriteResult(out, True, [f"Clip {listed(fixed)} -> Max(x, min) / Min(., max)"])
