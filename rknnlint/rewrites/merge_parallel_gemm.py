"""merge-parallel-gemm: Add(Gemm(BN1(x)), Gemm(BN2(x))) of two heads on the same features as one Gemm."""
from __future__ import annotations

import numpy as np
import onnx
from onnx import numpy_helper

from ._base import Applicability, Rewrite, RewriteOptions, RewriteResult, begin, register_rewrite, tag
from ._walk import get_attr, producer_map, use_counts


def _affine(view, bn: onnx.NodeProto | None, c: int):
    """(scale, shift) of an inference BatchNormalization on [N, C] features, or identity."""
    if bn is None:
        return np.ones(c), np.zeros(c)
    vals = [view.const_value(i) if view.const_value(i) is not None else view.initializer_value(i) for i in bn.input[1:5]]
    if any(v is None for v in vals):
        return None
    gamma, beta, mean, var = (np.asarray(v, np.float64).reshape(-1) for v in vals)
    s = gamma / np.sqrt(var + float(get_attr(bn, "epsilon", 1e-5)))
    return s, beta - mean * s


@register_rewrite
class MergeParallelGemm(Rewrite):
    """Distillation classifiers (timm LeViT, RepViT, EfficientFormerV2) end in head(x) + head_dist(x): two
    Gemms on the same pooled features, each maybe behind its own BatchNormalization, then Add. rknn-toolkit2
    2.5.0 crashes on that Add in `_p_fuse_conv_conv_add` ("TypeError: 'NoneType' object is unsliceable").
    Both heads are affine in x, so their sum is one Gemm with W = a1 W1 diag(s1) + a2 W2 diag(s2) and the
    matching bias; the numbers agree to float rounding (proven in onnxruntime). Apply it with
    --rewrite merge-parallel-gemm."""

    name = "merge-parallel-gemm"
    summary = "Add of two Gemm heads on the same features -> one Gemm"
    applicability = Applicability.SAFE

    def apply(self, model: onnx.ModelProto, options: RewriteOptions) -> RewriteResult:
        view, out, names = begin(model, "rknnlint/merge-gemm")
        producers = producer_map(out.graph)
        uses = use_counts(out.graph)
        graph_outputs = {o.name for o in out.graph.output}
        drop: set[int] = set()
        notes = []
        for add in out.graph.node:
            if add.op_type != "Add" or len(add.input) != 2:
                continue
            gemms = [producers.get(i) for i in add.input]
            if any(g is None or g.op_type != "Gemm" or uses.get(g.output[0], 0) != 1 or g.output[0] in graph_outputs
                   or int(get_attr(g, "transA", 0)) for g in gemms):
                continue
            srcs, bns = [], []
            for g in gemms:
                p = producers.get(g.input[0])
                if p is not None and p.op_type == "BatchNormalization" and uses.get(p.output[0], 0) == 1 and \
                        view.rank(p.input[0]) == 2:
                    srcs.append(p.input[0])
                    bns.append(p)
                else:
                    srcs.append(g.input[0])
                    bns.append(None)
            if srcs[0] != srcs[1] or view.rank(srcs[0]) != 2:
                continue
            c = view.static_shape(srcs[0])
            if c is None:
                continue
            c = c[1]
            w_sum, b_sum, ok = None, None, True
            for g, bn in zip(gemms, bns):
                w = view.const_value(g.input[1])
                w = view.initializer_value(g.input[1]) if w is None else w
                b = (view.const_value(g.input[2]) if view.const_value(g.input[2]) is not None else
                     view.initializer_value(g.input[2])) if len(g.input) > 2 and g.input[2] else None
                aff = _affine(view, bn, c)
                if w is None or aff is None or (len(g.input) > 2 and g.input[2] and b is None):
                    ok = False
                    break
                w = np.asarray(w, np.float64)
                w = w if int(get_attr(g, "transB", 0)) else w.T  # [out, C]
                alpha, beta = float(get_attr(g, "alpha", 1.0)), float(get_attr(g, "beta", 1.0))
                s, t = aff
                wi = alpha * w * s[None, :]
                bi = alpha * (w @ t) + (beta * np.asarray(b, np.float64).reshape(-1) if b is not None else 0.0)
                w_sum = wi if w_sum is None else w_sum + wi
                b_sum = bi if b_sum is None else b_sum + bi
            if not ok:
                continue
            wn, bn_name = names("weight"), names("bias")
            out.graph.initializer.extend([numpy_helper.from_array(w_sum.astype(np.float32), wn),
                                          numpy_helper.from_array(np.asarray(b_sum, np.float32).reshape(-1), bn_name)])
            merged = onnx.helper.make_node("Gemm", [srcs[0], wn, bn_name], [add.output[0]], name=add.name or add.output[0],
                                           transB=1)
            tag(merged, self.name, options.codes)
            add.CopyFrom(merged)
            for g, bn in zip(gemms, bns):
                drop.add(id(g))
                if bn is not None:
                    drop.add(id(bn))
            notes.append(f"'{gemms[0].name}' + '{gemms[1].name}' -> one Gemm '{add.name}'"
                         + (" (BatchNormalizations folded in)" if any(bns) else ""))
        if not notes:
            return RewriteResult(model, False, ["no Add of two Gemms on the same features"])
        keep = [n for n in out.graph.node if id(n) not in drop]
        del out.graph.node[:]
        out.graph.node.extend(keep)
        from ._gs import clean

        return RewriteResult(clean(out), True, notes)
