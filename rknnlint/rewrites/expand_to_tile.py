"""expand-to-tile: an Expand whose broadcast only repeats size-1 axes becomes a Tile with constant repeats."""
from __future__ import annotations

import numpy as np
import onnx
from onnx import numpy_helper

from ._base import Applicability, Rewrite, RewriteOptions, RewriteResult, begin, register_rewrite, tag


@register_rewrite
class ExpandToTile(Rewrite):
    """The RKNN User Guide (V2.3.0 10.6) suggests replacing Expand with a repeat where the toolkit does not
    take Expand. Measured on 2.5.0 rk3588 (rules/measured): Expand on channels or tokens ran on the NPU,
    Tile on H/W on the CPU, so this rewrite is not offered by any finding: apply it with
    --rewrite expand-to-tile where your toolkit version or target needs it. Exact."""

    name = "expand-to-tile"
    summary = "Expand that repeats size-1 axes -> Tile with constant repeats"
    applicability = Applicability.SAFE

    def apply(self, model: onnx.ModelProto, options: RewriteOptions) -> RewriteResult:
        view, out, names = begin(model, "rknnlint/expand-to-tile")
        notes, skipped = [], []
        nodes = []
        for n in out.graph.node:
            if n.op_type != "Expand" or n.domain not in ("", "ai.onnx"):
                nodes.append(n)
                continue
            xs = view.static_shape(n.input[0])
            shape = view.const_value(n.input[1])
            if xs is None or shape is None:
                skipped.append(f"Expand '{n.name or n.output[0]}' kept: input shape or target shape not constant")
                nodes.append(n)
                continue
            target = [int(d) for d in shape.reshape(-1)]
            rank = max(len(xs), len(target))
            x_full = [1] * (rank - len(xs)) + list(xs)
            t_full = [1] * (rank - len(target)) + target
            repeats = []
            for a, b in zip(x_full, t_full):
                repeats.append(b if a == 1 and b > 1 else 1)
            src = n.input[0]
            base = n.name or n.output[0]
            if rank > len(xs):
                shp = names("shape")
                out.graph.initializer.append(numpy_helper.from_array(np.asarray(x_full, dtype=np.int64), shp))
                src_r = names("reshaped")
                r = onnx.helper.make_node("Reshape", [src, shp], [src_r], name=f"{base}/rank")
                tag(r, self.name, options.codes)
                nodes.append(r)
                src = src_r
            rep = names("repeats")
            out.graph.initializer.append(numpy_helper.from_array(np.asarray(repeats, dtype=np.int64), rep))
            tile = onnx.helper.make_node("Tile", [src, rep], [n.output[0]], name=base)
            tag(tile, self.name, options.codes)
            nodes.append(tile)
            notes.append(f"Expand '{base}' {list(xs)} -> {t_full}: Tile repeats {repeats}")
        if not notes:
            return RewriteResult(model, False, skipped or ["no Expand"])
        del out.graph.node[:]
        out.graph.node.extend(nodes)
        return RewriteResult(out, True, notes + skipped)
