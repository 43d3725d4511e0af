from __future__ import annotations

import numpy as np

from ...finding import Severity
from ...rewrites.bias_add_order import BiasAddOrder
from ...rule import Fix, Rule, Violation, register
from ...static_shapes import resolved_shape
from . import seen_in

_TO_ATTENTION = ("Squeeze", "Transpose", "Reshape", "Mul", "Div", "Identity", "Unsqueeze")
_ELEMENTWISE = ("Mul", "Div", "Add", "Sub", "Identity", "Cast")


@register
class ExMatMulRsSplit(Rule):
    """The qkv projection pattern that crashes rknn-toolkit2's pass `_p_seperate_exmatmul_rs_split`.

    What it does:
    Flags an attention qkv projection whose bias is uniform (every element equal, e.g. all zeros) and is
    added as Add(bias, MatMul(x, W)), the operand order torch.onnx gives nn.Linear, when its result is
    split into q / k / v that feed attention MatMuls: either Reshape [.., N, 3, heads, d] with a batch
    of 1, Transposes, then Split / Gather / Slice over the axis of 3, with q entering the q.k MatMul as
    [.., N, d] (tokens x head dim: timm ViT / DeiT, torchvision Swin's last stage), or v entering
    softmax(..) @ v so; the same with an axis of 2 (a kv projection: timm PVT-v2), or Reshape
    [.., N, heads, 3d] split on its last axis (timm TinyViT); or a Split (or parallel Slices) of the
    projection output (torch's chunk) with any batch. A bias computed from constants (torchvision Swin V2
    zeroes its k third with ScatterND) is folded first. Shape computations
    (Shape -> Gather -> Concat, Swin's window padding) are folded first, as the toolkit does.

    Why the NPU cares:
    Which toolkit versions crash is measured data (`crashes` in rules/toolkit/<version>.yaml, see
    docs/toolkit-versions.md); the finding names them and is silent for a version measured to build.
    The toolkit turns the MatMul into exMatMul, folds the bias into it and shrinks a constant whose
    elements are all equal to a single element; `_p_seperate_exmatmul_rs_split` then tries to cut that
    bias into q / k / v and fails: "ValueError: cannot reshape array of size 1 into shape
    (1,newaxis,3,1,1)" (reported as a fuse_rule_crash; the log suggests
    disable_rules=['seperate_exmatmul_rs_split']). Observed on rk3588, rk3566,
    rk3562, rk3576 and rk2118 with timm-style ViT blocks and torchvision Swin windows whose qkv bias is
    zero-initialised, which is what timm and torchvision do for a model created without pretrained
    weights. Measured on rk3588 over all 120 axis orders of the reshaped [1, N, 3, h, d] tensor, with
    Split and with Gather: the build crashes when q reaches attention as [1, h, N, d] or [h, 1, N, d],
    and builds for every other layout, e.g. timm EdgeNeXt's cross-covariance attention, whose q is
    [1, h, d, N] (two orders that leave q as [1, h, N, d] build too; the rule still flags them).
    CaiT's talking-heads attention (a Linear over the heads between q.k and the Softmax, and after it) crashes
    the same way (measured on rk3588 at 17, 50 and 197 tokens, on rk3576 and rk3566 fp16 and rv1106 int8 at 17;
    the same block with a random bias built on all four). Neighbours that build: a non-uniform bias (trained
    weights, or only the q third zero), no qkv bias, Add(MatMul, bias), a batch of 2, 4 or 64 in the reshape-split form (Swin's first three stages,
    whose windows are the batch), q / k / v returned as outputs instead of feeding attention, and
    factorised attention without a softmax after q's MatMul (timm CoaT: q @ (softmax(k)^T v)).

    Example:
    timm Attention exported right after timm.create_model(..., pretrained=False):
    Add(qkv.bias = 0, MatMul(x, W)) -> Reshape [1,N,3,h,d] -> Transpose(2,0,3,1,4) -> Split -> q @ k^T.

    How to fix:
    `rknnlint fix MODEL` writes the Add as Add(MatMul, bias) (bias-add-order, exact); measured to make
    timm ViT-Tiny, DeiT-Tiny, PVT-v2-b0, TinyViT-5M and torchvision Swin-T build. Or build with
    rknn.config(..., disable_rules=['seperate_exmatmul_rs_split']) (measured to build the same models),
    or export the trained weights.

    Fix safety:
    Safe: swapping the operands of a commutative Add changes no bit of the output.
    """

    code = "RKN705"
    name = "exmatmul-rs-split"
    severity = Severity.ERROR
    fix = Fix(BiasAddOrder)
    op_types = ("MatMul",)

    def check_node(self, ctx, ref):
        seen = seen_in(ctx, self.code)
        if seen is None:
            return
        view = ctx.view
        if ref.graph_path or len(ref.inputs) != 2:
            return
        w_shape = view.shape(ref.inputs[1])
        if w_shape is None or len(w_shape) != 2 or not view.is_constant(ref.inputs[1]):
            return
        cons = view.consumers_of(ref.outputs[0])
        if len(cons) != 1 or cons[0].op_type != "Add" or len(cons[0].inputs) != 2:
            return
        add = cons[0]
        if add.inputs[1] != ref.outputs[0]:  # Add(MatMul, bias) builds; only Add(bias, MatMul) crashes
            return
        bias = view.const_value(add.inputs[0])
        if bias is None and view.is_initializer(add.inputs[0]):
            bias = view.initializer_value(add.inputs[0])
        if bias is None or bias.size < 1 or not np.all(bias == bias.reshape(-1)[0]):
            return
        found = self._qkv_split(view, add.outputs[0])
        if found is None:
            return
        split, how = found
        value = float(bias.reshape(-1)[0])
        yield Violation(ref, f"qkv projection MatMul '{ref.label}' + uniform bias '{add.inputs[0]}' (all {value:g}) "
                             f"split into q/k/v by {split.op_type} '{split.label}' ({how}): rknn-toolkit2 "
                             f"crashes in pass _p_seperate_exmatmul_rs_split (cannot reshape the folded bias; {seen})",
                        hint="`rknnlint fix MODEL` writes the Add as Add(MatMul, bias) (exact), or build with "
                             "rknn.config(disable_rules=['seperate_exmatmul_rs_split']), or export trained "
                             "(non-uniform) weights",
                        data={"pass": "_p_seperate_exmatmul_rs_split", "disable_rules": ["seperate_exmatmul_rs_split"]})

    def _qkv_split(self, view, name: str):
        consumers = view.consumers_of(name)
        slices = [c for c in consumers if c.op_type == "Slice"]
        for c in consumers:
            # chunk: one Split, or parallel Slices (torch exports chunk as Slices); crashes with any batch
            if (c.op_type == "Split" or (c.op_type == "Slice" and len(slices) >= 2)) and self._feeds_attention(view, c):
                return c, "chunk"
            if c.op_type == "Reshape":
                got = self._head_split(view, name, c)
                if got is not None:
                    return got
        return None

    def _head_split(self, view, name: str, reshape):
        """Reshape [.., N, 3*C] -> [.., N, 3, heads, d] with a batch of 1, Transposes, then a Split / Gather /
        Slice over the axis of 3 whose q reaches the attention MatMul as [.., N, d] (tokens x head dim)."""
        src, out = resolved_shape(view, name), resolved_shape(view, reshape.outputs[0])
        if not _static(src) or not _static(out) or len(src) < 2 or len(out) not in (len(src) + 1, len(src) + 2):
            return None
        k = len(src) - 1  # the axis of 3 (q, k, v) or 2 (k, v: PVT) in the reshape output
        if tuple(out[:k]) != tuple(src[:k]) or int(np.prod(out[k:])) != src[-1]:
            return None
        if int(np.prod(out[:k - 1] or [1])) != 1:
            return None  # measured: batch 2, 4 and 64 (Swin's windows) build
        if len(out) == len(src) + 2:  # [.., N, 3 or 2, heads, d]
            if out[k] not in (2, 3):
                return None
            labels = [f"b{i}" for i in range(k - 1)] + ["N", "3"] + [f"h{i}" for i in range(len(out) - k - 2)] + ["d"]
        else:  # [.., N, heads, 3 x d] split on the last axis (TinyViT: q, k, v of unequal widths)
            labels = [f"b{i}" for i in range(k - 1)] + ["N", "h0", "3"]
        frontier = [(reshape.outputs[0], labels)]
        for _ in range(4):
            nxt = []
            for value, lab in frontier:
                for c in view.consumers_of(value):
                    if c.op_type == "Transpose":
                        perm = c.attr("perm")
                        if perm is not None and len(perm) == len(lab):
                            nxt.append((c.outputs[0], [lab[p] for p in perm]))
                        continue
                    if c.op_type not in ("Split", "Gather", "Slice") or not c.outputs or not c.outputs[0]:
                        continue
                    axis = _split_axis(view, c)
                    if axis is None or not -len(lab) <= axis < len(lab) or lab[axis] != "3":
                        continue
                    q = list(lab) if c.op_type != "Gather" else lab[:axis % len(lab)] + lab[axis % len(lab) + 1:]
                    if lab[-1] == "3":  # split on the last axis: each part is [.., heads, d]
                        q = lab[:-1] + ["d"]
                    if any(self._q_rows_are_tokens(view, o, q) for o in c.outputs if o):
                        layout = ",".join(x for x in q if x != "3")
                        return c, f"batch 1, q as [{_pretty(layout)}]"
            frontier = nxt
        return None

    @staticmethod
    def _q_rows_are_tokens(view, value: str, lab: list[str]) -> bool:
        """Whether q (labelled axes) reaches a MatMul of two computed operands as its left operand with
        tokens x head dim as the matrix (XCA's [.., d, N] builds)."""
        stack = [(value, lab, 0)]
        while stack:
            v, lab, depth = stack.pop()
            if depth > 6 or v in view.output_names:
                continue
            for c in view.consumers_of(v):
                out = c.outputs[0] if c.outputs else ""
                if c.op_type == "MatMul":
                    # q as the left operand, or v as the right one (attn @ v), with tokens x head dim
                    other = c.inputs[1] if c.inputs[0] == v else c.inputs[0]
                    if not view.is_constant(other) and (_from_softmax(view, other) if c.inputs[0] != v
                                                        else _to_softmax(view, c.outputs[0])):
                        core = [x for x in lab if x != "3"]
                        if core[-2:] == ["N", "d"]:
                            return True
                elif c.op_type == "Transpose":
                    perm = c.attr("perm")
                    if perm is not None and len(perm) == len(lab):
                        stack.append((out, [lab[p] for p in perm], depth + 1))
                elif c.op_type == "Squeeze":
                    axes = _axes(view, c)
                    if axes is None:  # all size-1 axes: the one of 3 after a Split
                        axes = [lab.index("3")] if "3" in lab else []
                    axes = {a % len(lab) for a in axes}
                    stack.append((out, [x for i, x in enumerate(lab) if i not in axes], depth + 1))
                elif c.op_type in _ELEMENTWISE:
                    other = [i for i in c.inputs if i and i != v]
                    if all(view.rank(i) is None or view.rank(i) <= len(lab) for i in other):
                        stack.append((out, lab, depth + 1))
        return False

    @staticmethod
    def _feeds_attention(view, split) -> bool:
        stack = [(o, 0) for o in split.outputs if o]
        while stack:
            name, depth = stack.pop()
            if name in view.output_names or depth > 4:
                continue
            for c in view.consumers_of(name):
                if c.op_type == "MatMul" and all(not view.is_constant(i) for i in c.inputs):
                    return True
                if c.op_type in _TO_ATTENTION:
                    stack.extend((o, depth + 1) for o in c.outputs if o)
        return False


def _from_softmax(view, name: str) -> bool:
    """Whether `name` is attention probabilities: a Softmax output, maybe through Cast / Identity / Dropout."""
    for _ in range(3):
        p = view.producer_of(name)
        if p is None:
            return False
        if p.op_type == "Softmax":
            return True
        if p.op_type not in ("Cast", "Identity", "Dropout") or not p.inputs:
            return False
        name = p.inputs[0]
    return False


def _to_softmax(view, name: str) -> bool:
    """Whether the q.k MatMul's scores reach a Softmax (through scaling, biases, masks, reshapes): attention.
    CoaT's factorised attention, q @ (softmax(k)^T v), has no softmax after q's MatMul, and builds."""
    stack = [(name, 0)]
    while stack:
        v, depth = stack.pop()
        for c in view.consumers_of(v):
            if c.op_type == "Softmax":
                return True
            if depth < 4 and c.op_type in ("Mul", "Div", "Add", "Sub", "Reshape", "Transpose", "Cast", "Where") \
                    and c.outputs:
                stack.append((c.outputs[0], depth + 1))
            # CaiT's talking heads: a Linear over the heads (MatMul by a constant) between q.k and the Softmax
            elif depth < 4 and c.op_type == "MatMul" and c.outputs and len(c.inputs) == 2 and c.inputs[0] == v \
                    and view.is_constant(c.inputs[1]):
                stack.append((c.outputs[0], depth + 1))
    return False


def _static(shape) -> bool:
    return shape is not None and all(isinstance(d, int) and d > 0 for d in shape)


def _pretty(layout: str) -> str:
    return layout.replace("b0", "B").replace("h0", "heads")


def _axes(view, ref):
    if len(ref.inputs) > 1 and ref.inputs[1]:
        v = view.const_value(ref.inputs[1])
        return None if v is None else [int(a) for a in np.asarray(v).reshape(-1)]
    a = ref.attr("axes")
    return None if a is None else [int(x) for x in a]


def _split_axis(view, ref):
    if ref.op_type in ("Split", "Gather"):
        if ref.op_type == "Gather":
            idx = view.const_value(ref.inputs[1]) if len(ref.inputs) > 1 else None
            if idx is None or np.asarray(idx).ndim != 0:
                return None
        return int(ref.attr("axis", 0))
    axes = view.const_value(ref.inputs[3]) if len(ref.inputs) > 3 and ref.inputs[3] else None
    if axes is None:
        axes = ref.attr("axes")
    axes = None if axes is None else [int(a) for a in np.asarray(axes).reshape(-1)]
    return axes[0] if axes and len(axes) == 1 else None
