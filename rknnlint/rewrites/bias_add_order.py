"""bias-add-order: Add(uniform bias, MatMul(...)) written as Add(MatMul(...), bias), the operand order that
rknn-toolkit2 2.5.0's exMatMul bias folding handles."""
from __future__ import annotations

import onnx

from ._base import Applicability, Rewrite, RewriteOptions, RewriteResult, begin, listed, register_rewrite, tag
from ._walk import producer_map


@register_rewrite
class BiasAddOrder(Rewrite):
    """torch.onnx writes nn.Linear as Add(bias, MatMul(x, W)). When the bias is uniform (all zeros in a model
    created without pretrained weights) and the result is split into attention q / k / v, rknn-toolkit2
    2.5.0 crashes in `_p_seperate_exmatmul_rs_split` ("cannot reshape array of size 1 into shape
    (1,newaxis,3,1,1)"); the same graph with Add(MatMul, bias) builds (RKN705). Swapping the operands of
    a commutative Add changes no bit of the output."""

    name = "bias-add-order"
    summary = "Add(uniform bias, MatMul) -> Add(MatMul, bias) (exact)"
    applicability = Applicability.SAFE

    def apply(self, model: onnx.ModelProto, options: RewriteOptions) -> RewriteResult:
        view, out, _ = begin(model)
        producers = producer_map(out.graph)
        swapped = []
        for n in out.graph.node:
            if n.op_type != "Add" or n.domain not in ("", "ai.onnx") or len(n.input) != 2:
                continue
            bias, data = n.input[0], n.input[1]
            p = producers.get(data)
            if p is None or p.op_type != "MatMul":
                continue
            v = view.const_value(bias)
            if v is None and view.is_initializer(bias):
                v = view.initializer_value(bias)
            if v is None or v.size == 0 or not (v == v.reshape(-1)[0]).all():
                continue
            if view.shape(data) is not None and view.shape(n.output[0]) is not None and \
                    view.shape(data) != view.shape(n.output[0]):
                continue  # the bias broadcasts the shape up: keep it as it is
            n.input[0], n.input[1] = data, bias
            tag(n, self.name, options.codes)
            swapped.append(n.name or n.output[0])
        if not swapped:
            return RewriteResult(model, False, ["no Add(uniform bias, MatMul)"])
        shown = listed(swapped)
        return RewriteResult(out, True, [f"Add {shown}: operands swapped to Add(MatMul, bias)"])
