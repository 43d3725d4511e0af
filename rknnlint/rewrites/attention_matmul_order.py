"""attention-matmul-order: v @ softmax(.)^T computed as (softmax(.) @ v^T)^T, the form rknn-toolkit2 2.5.0's
SDPA fusion handles."""
from __future__ import annotations

import onnx

from ._base import (
    Applicability,
    NameMaker,
    Rewrite,
    RewriteOptions,
    RewriteResult,
    copy_model,
    register_rewrite,
    tag,
)
from ._walk import get_attr


def _swap_last2(rank: int) -> list[int]:
    return list(range(rank - 2)) + [rank - 1, rank - 2]


@register_rewrite
class AttentionMatMulOrder(Rewrite):
    """Ultralytics attention blocks (C2PSA in YOLO11 / YOLO26, PSA in YOLOv10, A2 in YOLO12) end in
    MatMul(v, Transpose(Softmax(q^T k))). rknn-toolkit2 2.5.0 crashes on it in
    `_p_fuse_exmatmul_add_mul_exsoftmax13_exmatmul_to_sdpa` ("IndexError: list index out of range";
    observed on yolo11n, yolo12n, yolov10n after their DFL head is cut). The same product written as
    Transpose(MatMul(Softmax(.), Transpose(v))) builds, all on the NPU, and computes the same sums of the
    same products (proven in onnxruntime). Exact; apply it with --rewrite attention-matmul-order."""

    name = "attention-matmul-order"
    summary = "MatMul(v, Transpose(Softmax)) -> Transpose(MatMul(Softmax, Transpose(v))) (exact)"
    applicability = Applicability.SAFE

    def apply(self, model: onnx.ModelProto, options: RewriteOptions) -> RewriteResult:
        from ..graph import ModelView

        view = ModelView(model)
        out = copy_model(model)
        names = NameMaker(out, "rknnlint/attention")
        producers = {o: n for n in out.graph.node for o in n.output}
        users: dict[str, int] = {}
        for n in out.graph.node:
            for i in n.input:
                users[i] = users.get(i, 0) + 1
        nodes: list[onnx.NodeProto] = []
        done = []
        for n in out.graph.node:
            t = producers.get(n.input[1]) if n.op_type == "MatMul" and len(n.input) == 2 else None
            s = producers.get(t.input[0]) if t is not None and t.op_type == "Transpose" else None
            rank = view.rank(n.input[0])
            if s is None or s.op_type != "Softmax" or rank is None or rank < 2 or view.rank(t.input[0]) != rank:
                nodes.append(n)
                continue
            if list(get_attr(t, "perm") or []) != _swap_last2(rank):
                nodes.append(n)
                continue
            axis = int(get_attr(s, "axis", -1))
            if axis not in (-1, rank - 1):
                nodes.append(n)
                continue
            perm = _swap_last2(rank)
            vt, mm = names("v_t"), names("attn_v")
            base = n.name or n.output[0]
            new = [onnx.helper.make_node("Transpose", [n.input[0]], [vt], perm=perm, name=f"{base}/v_t"),
                   onnx.helper.make_node("MatMul", [t.input[0], vt], [mm], name=base),
                   onnx.helper.make_node("Transpose", [mm], [n.output[0]], perm=perm, name=f"{base}/out_t")]
            for x in new:
                tag(x, self.name, options.codes)
            nodes.extend(new)
            users[n.input[1]] -= 1
            done.append(base)
        if not done:
            return RewriteResult(model, False, ["no MatMul(v, Transpose(Softmax(...)))"])
        # the Transposes of the attention weights that nothing reads any more
        dead = {n.output[0] for n in nodes if n.op_type == "Transpose" and users.get(n.output[0], 1) == 0
                and n.output[0] not in {o.name for o in out.graph.output}}
        del out.graph.node[:]
        out.graph.node.extend(x for x in nodes if not (x.op_type == "Transpose" and x.output[0] in dead))
        shown = ", ".join(f"'{d}'" for d in done[:3]) + (f" and {len(done) - 3} more" if len(done) > 3 else "")
        return RewriteResult(out, True, [f"MatMul {shown}: v @ softmax^T -> (softmax @ v^T)^T"])
