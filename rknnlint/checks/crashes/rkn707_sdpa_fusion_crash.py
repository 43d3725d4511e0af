from __future__ import annotations

from ...finding import Severity
from ...rewrites.attention_matmul_order import AttentionMatMulOrder
from ...rule import Fix, Rule, Violation, register
from ...static_shapes import resolved_shape
from . import seen_in

_PASS = "_p_fuse_exmatmul_add_mul_exsoftmax13_exmatmul_to_sdpa"
_DISABLE = "fuse_exmatmul_add_mul_exsoftmax13_exmatmul_to_sdpa"


@register
class SdpaFusionCrash(Rule):
    """Attention written as v @ softmax(q^T k)^T, which crashes rknn-toolkit2's SDPA fusion.

    What it does:
    Flags a rank-4 MatMul(v, Transpose(Softmax(MatMul(a, b)))) with a batch of 1: the attention weights
    come straight from a MatMul of two computed tensors (nothing between it and the Softmax over the last
    axis) and enter the second MatMul as its right operand, transposed on the last two axes. That is
    ultralytics' Attention block as exported: C2PSA in YOLO11 and YOLO26, PSA in YOLOv10, the A2C2f
    area attention in YOLO12.

    Why the NPU cares:
    Which toolkit versions crash is measured data (`crashes` in rules/toolkit/<version>.yaml, see
    docs/toolkit-versions.md); the finding names them and is silent for a version measured to build.
    On targets with an NPU exSDPAttention (rk3588, rk3562, rk3576, rv1106) rknn-toolkit2 tries to fuse
    exMatMul -> exSoftmax -> exMatMul into one SDPA op and crashes in
    `_p_fuse_exmatmul_add_mul_exsoftmax13_exmatmul_to_sdpa` ("IndexError: list index out of range",
    reported as a fuse rule crash). Measured on minimal graphs (q, k, v as graph inputs already crash)
    and on YOLO11n, YOLOv10n, YOLO12n (after their DFL head is cut) and YOLO26n. Neighbours that build: a
    batch of 2 or 4 (YOLO12's 4-area blocks), rank 3, a Mul (scale) or Add (mask) between the first
    MatMul and the Softmax, MatMul(v, Softmax) without the Transpose, and Softmax(.) @ v^T; rk3566 and
    rk2118 (no SDPA fusion) build the same graph; so does rv1106b int8, while rv1106 int8 crashes like rk3588.

    Example:
    ultralytics Attention: attn = (q.transpose(-2, -1) @ k).softmax(-1); x = v @ attn.transpose(-2, -1).

    How to fix:
    `rknnlint fix MODEL` computes the product as Transpose(Softmax(.) @ Transpose(v)) and keeps each
    attention block's nodes together in the node list (attention-matmul-order, exact); measured to make
    YOLO11n, YOLOv10n, YOLO12n and YOLO26n build. Or build with
    rknn.config(disable_rules=['fuse_exmatmul_add_mul_exsoftmax13_exmatmul_to_sdpa']) (measured to build
    the same models; the attention then runs as separate MatMul / Softmax ops).

    Fix safety:
    Safe: the rewrite computes the same sums of the same products (exact, proven in onnxruntime).
    """

    code = "RKN707"
    name = "sdpa-fusion-crash"
    severity = Severity.ERROR
    requires = "sdpa_fusion"  # families whose toolkit fuses attention into exSDPAttention (rules/<family>.yaml)
    fix = Fix(AttentionMatMulOrder)
    op_types = ("MatMul",)

    def check_node(self, ctx, ref):
        seen = seen_in(ctx, self.code)
        if seen is None:
            return
        view = ctx.view
        if ref.graph_path or len(ref.inputs) != 2 or view.is_constant(ref.inputs[0]):
            return
        t = view.producer_of(ref.inputs[1])
        if t is None or t.op_type != "Transpose":
            return
        s = view.producer_of(t.inputs[0])
        if s is None or s.op_type != "Softmax":
            return
        m = view.producer_of(s.inputs[0])
        if m is None or m.op_type != "MatMul" or any(view.is_constant(i) for i in m.inputs):
            return
        shape = resolved_shape(view, s.outputs[0])
        if shape is None or len(shape) != 4 or shape[0] != 1:
            return  # measured: rank 3 and a batch of 2 or 4 build
        if int(s.attr("axis", -1 if view.opset >= 13 else 1)) not in (-1, 3):
            return
        if list(t.attr("perm") or []) != [0, 1, 3, 2]:
            return
        yield Violation(ref, f"attention MatMul '{ref.label}' computes v @ Transpose(Softmax(MatMul '{m.label}')): "
                             f"rknn-toolkit2 crashes in pass {_PASS} (IndexError; {seen}) while fusing it into SDPA",
                        hint="`rknnlint fix MODEL` rewrites it as (softmax @ v^T)^T (exact), or build with "
                             f"rknn.config(disable_rules=['{_DISABLE}'])",
                        data={"pass": _PASS, "disable_rules": [_DISABLE]})
