from __future__ import annotations

import numpy as np

from ...finding import Severity
from ...rule import Rule, Violation, register

_TO_SPLIT = ("Transpose",)
_TO_ATTENTION = ("Squeeze", "Transpose", "Reshape", "Mul", "Div", "Identity", "Unsqueeze")


@register
class ExMatMulRsSplit(Rule):
    """The qkv projection pattern that crashes rknn-toolkit2 2.5.0's pass `_p_seperate_exmatmul_rs_split`.

    What it does:
    Flags an attention qkv projection whose bias is uniform (every element equal, e.g. all zeros) and is
    added as Add(bias, MatMul(x, W)), the operand order torch.onnx gives nn.Linear, when its result is
    split into q / k / v that feed attention MatMuls: either Reshape [.., 3, heads, d] (then Transpose)
    then Split / Gather / Slice with a batch of 1, or a Split (or parallel Slices) of the projection output
    (torch's chunk) with any batch.

    Why the NPU cares:
    The toolkit turns the MatMul into exMatMul, folds the bias into it and shrinks a constant whose
    elements are all equal to a single element; `_p_seperate_exmatmul_rs_split` then tries to cut that
    bias into q / k / v and fails: "ValueError: cannot reshape array of size 1 into shape
    (1,newaxis,3,1,1)" (reported as a fuse_rule_crash; the log suggests
    disable_rules=['seperate_exmatmul_rs_split']). Observed with rknn-toolkit2 2.5.0 on rk3588, rk3566,
    rk3562, rk3576 and rk2118 with timm-style ViT blocks and torchvision-style Swin windows whose qkv bias is zero-initialised, which
    is what timm and torchvision do for a model created without pretrained weights. Neighbours that
    build: the same graphs with a non-uniform bias (trained weights, or only the q third zero), with no
    qkv bias, with the Add written as Add(MatMul, bias), with batch 2 in the reshape-split form, and
    with q / k / v returned as outputs instead of feeding attention. A hand-written ViT with a rank-5 qkv
    reshape and random biases (cls_tiny_vit_5d_op14.onnx) builds: rank is not the trigger.

    Example:
    timm Attention exported right after timm.create_model(..., pretrained=False):
    Add(qkv.bias = 0, MatMul(x, W)) -> Reshape [1,N,3,h,d] -> Transpose(2,0,3,1,4) -> Split -> q @ k^T.

    How to fix:
    Build with rknn.config(..., disable_rules=['seperate_exmatmul_rs_split']) (verified to build the
    same models), or export the trained weights; an all-zero bias Add can also be deleted from the graph
    (exact).

    Fix safety:
    Display-only: the workaround is a toolkit option, not a graph change.
    """

    code = "RKN705"
    name = "exmatmul-rs-split"
    severity = Severity.ERROR
    fix = None
    fix_applicability = "display-only"
    op_types = ("MatMul",)

    def check_node(self, ctx, ref):
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
        x_shape = view.shape(ref.inputs[0])
        batch1 = x_shape is not None and all(isinstance(d, int) for d in x_shape[:-2]) and \
            int(np.prod([d for d in x_shape[:-2]] or [1])) == 1
        split = self._qkv_split(view, add.outputs[0], batch1)
        if split is None:
            return
        value = float(bias.reshape(-1)[0])
        yield Violation(ref, f"qkv projection MatMul '{ref.label}' + uniform bias '{add.inputs[0]}' (all {value:g}) "
                             f"split into q/k/v by {split.op_type} '{split.label}': rknn-toolkit2 2.5.0 crashes in pass "
                             "_p_seperate_exmatmul_rs_split (cannot reshape the folded bias)",
                        hint="build with rknn.config(disable_rules=['seperate_exmatmul_rs_split']), or export trained "
                             "(non-uniform) weights",
                        data={"pass": "_p_seperate_exmatmul_rs_split", "disable_rules": ["seperate_exmatmul_rs_split"]})

    def _qkv_split(self, view, name: str, batch1: bool):
        consumers = view.consumers_of(name)
        slices = [c for c in consumers if c.op_type == "Slice"]
        for c in consumers:
            # chunk: one Split, or parallel Slices (torch exports chunk as Slices); crashes with any batch
            if (c.op_type == "Split" or (c.op_type == "Slice" and len(slices) >= 2)) and self._feeds_attention(view, c):
                return c
            if c.op_type == "Reshape" and batch1:
                shape = view.shape(c.outputs[0])
                if shape is None or 3 not in shape[1:]:
                    continue
                frontier = [c]
                for _ in range(3):
                    nxt = []
                    for r in frontier:
                        for cc in view.consumers_of(r.outputs[0]):
                            if cc.op_type in ("Split", "Gather", "Slice") and self._feeds_attention(view, cc):
                                return cc
                            if cc.op_type in _TO_SPLIT:
                                nxt.append(cc)
                    frontier = nxt
        return None

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
