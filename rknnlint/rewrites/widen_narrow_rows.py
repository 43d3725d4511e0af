"""widen-narrow-rows: a Linear on one [1, K] row with K <= 256 fed by another Linear gets K past 256 with zero
features (the feeding Linear's extra output columns are zero, the reading Linear's extra rows are zero)."""
from __future__ import annotations

import numpy as np
import onnx
from onnx import numpy_helper

from ._base import (
    Applicability,
    Rewrite,
    RewriteOptions,
    RewriteResult,
    begin,
    clear_output_shapes,
    drop_value_info,
    infer,
    register_rewrite,
    restore_output_types,
    tag,
)
from ._walk import get_attr, producer_map, use_counts

NARROW = 256  # the crash pattern's K (rules/motifs/crash-patterns.yaml row-gemm-narrow: K <= 256 crashed, 257 built)
WIDE = 264  # the width given: past 256 and a multiple of 8 (the NPU's channel alignment)
# elementwise ops between the two Linears that keep a zero feature zero
ZERO_KEEPING = frozenset({"Relu", "LeakyRelu", "Identity"})


def _weight(init: dict, node: onnx.NodeProto) -> tuple[str, np.ndarray] | None:
    """(name, array) of the constant 2-D weight of a Gemm / MatMul, else None."""
    if len(node.input) < 2 or node.input[1] not in init:
        return None
    w = numpy_helper.to_array(init[node.input[1]])
    return (node.input[1], w) if w.ndim == 2 else None


@register_rewrite
class WidenNarrowRows(Rewrite):
    """rknn-toolkit2 2.3.0 and 2.3.2 abort the rk2118 float16 build (SIGABRT in RKNNFlatcModelBuildPass, glibc
    heap checks) on a Gemm / MatMul over one [1, K] row with K <= 256 that reads a chain of Linears / Relus back
    to the input: openWakeWord's timer head (RKN709 crash pattern row-gemm-narrow; the same head with K = 257
    built). Where such a Linear reads (through Relu) another Linear with constant weights, that one gets zero
    output columns (and zero bias) up to 264 features and the reading one zero input rows: the extra features
    are 0 (Relu(0) = 0) and are multiplied by 0, so every output is the original's exactly. Safe: the
    interface does not change."""

    name = "widen-narrow-rows"
    summary = "give a narrow Linear row (K <= 256) after another Linear zero features up to 264"
    applicability = Applicability.SAFE

    def apply(self, model: onnx.ModelProto, options: RewriteOptions) -> RewriteResult:
        view, out, names = begin(model, "rknnlint/widen")
        g = out.graph
        init = {t.name: t for t in g.initializer}
        producers = producer_map(g)
        uses = use_counts(g)
        outputs = {o.name for o in g.output}
        widened: set[str] = set()
        notes = []
        for node in list(g.node):
            if node.op_type not in ("Gemm", "MatMul") or node.output[0] in widened:
                continue
            shape = view.static_shape(node.input[0])
            if shape is None or len(shape) != 2 or shape[0] != 1 or not 0 < shape[1] <= NARROW:
                continue
            if node.op_type == "Gemm" and int(get_attr(node, "transA", 0)):
                continue
            cw = _weight(init, node)
            if cw is None:
                continue
            # back through ops that keep zeros zero (each read only here) to the feeding Linear
            chain, t = [], node.input[0]
            p = producers.get(t)
            while p is not None and p.op_type in ZERO_KEEPING and uses.get(t, 0) == 1 and t not in outputs:
                chain.append(p)
                t = p.input[0]
                p = producers.get(t)
            if p is None or p.op_type not in ("Gemm", "MatMul") or uses.get(t, 0) != 1 or t in outputs:
                continue
            if p.op_type == "Gemm" and (float(get_attr(p, "alpha", 1.0)) == 0 or int(get_attr(p, "transA", 0))):
                continue
            pw = _weight(init, p)
            if pw is None:
                continue
            k = shape[1]
            extra = WIDE - k
            # the feeding Linear: zero output columns (its weight's N axis) and zero bias
            p_trans = p.op_type == "Gemm" and int(get_attr(p, "transB", 0))
            pn = pw[1].shape[0] if p_trans else pw[1].shape[1]
            if pn != k:
                continue
            bias = None
            if p.op_type == "Gemm" and len(p.input) > 2 and p.input[2]:
                if p.input[2] not in init:
                    continue
                b = numpy_helper.to_array(init[p.input[2]])
                if b.size not in (1, k) or b.ndim > 2:
                    continue
                bias = np.concatenate([np.broadcast_to(b.reshape(-1), (k,)), np.zeros(extra, b.dtype)])
            new_pw = np.concatenate([pw[1], np.zeros((extra, pw[1].shape[1]) if p_trans else (pw[1].shape[0], extra),
                                                     pw[1].dtype)], axis=0 if p_trans else 1)
            c_trans = node.op_type == "Gemm" and int(get_attr(node, "transB", 0))
            new_cw = np.concatenate([cw[1], np.zeros((cw[1].shape[0], extra) if c_trans else (extra, cw[1].shape[1]),
                                                     cw[1].dtype)], axis=1 if c_trans else 0)
            for n_, arr, i in ((p, new_pw, 1), (node, new_cw, 1)) + (((p, bias, 2),) if bias is not None else ()):
                name = names(f"{n_.name or n_.op_type}_w{i}")
                g.initializer.append(numpy_helper.from_array(arr, name))
                init[name] = g.initializer[-1]
                n_.input[i] = name
                tag(n_, self.name, options.codes)
            widened.add(node.output[0])
            notes.append(f"'{node.name or node.output[0]}' reads {WIDE} features ({k} + {extra} zero) from "
                         f"'{p.name or p.output[0]}'" + (f" through {', '.join(c.op_type for c in chain)}" if chain else ""))
        if not notes:
            return RewriteResult(model, False, [f"no Linear on one row of <= {NARROW} features fed by another Linear"])
        used = {i for n in g.node for i in n.input}
        keep = [t for t in g.initializer if t.name in used or t.name in {i.name for i in g.input}]
        del g.initializer[:]
        g.initializer.extend(keep)
        drop_value_info(g)
        clear_output_shapes(g)
        out = infer(out, in_place=True)
        restore_output_types(out.graph, model.graph)
        return RewriteResult(out, True, notes)
