"""Blocks of ONNX nodes that rknn-toolkit2 turns into one layer, so that a finding names the block as the layer
table does.

A LayerNorm exported as arithmetic (ReduceMean -> Sub -> Pow -> ReduceMean -> Add -> Sqrt -> Div, then an optional
Mul by gamma and Add of beta: torchvision ConvNeXt, hand-written encoders) is fused into one "exNorm" layer named
after its first ReduceMean ("exNorm:<ReduceMean>_2ln"). Measured with rknn-toolkit2 2.5.0, rv1106 int8, on
torchvision convnext_tiny (23 blocks) and a token encoder (4 blocks): each block is one CPU layer
(calibration/results/rv1106-int8-2.5.0.json); on rk3566 fp16 the same blocks ran on the NPU.

An L2 normalization exported by torch.nn.functional.normalize (ReduceL2 -> Clip -> optional Expand -> Div of the
input by it: timm EdgeNeXt's cross-covariance attention, embedding heads) is fused into one "LpNormalization" layer
named after its ReduceL2 ("LpNormalization:<ReduceL2>_2lpnorm"): measured with rknn-toolkit2 2.2.0, rk3588 fp16, on
timm edgenext_xx_small (6 blocks, each one CPU layer; calibration/results/rk3588-float16-2.2.0.json), where the
probe runs LpNormalization on the CPU; 2.3.0 and later rewrite it onto the NPU.
"""
from __future__ import annotations

from .graph import ModelView, NodeRef


def _only_user(view: ModelView, name: str, op: str) -> NodeRef | None:
    users = view.consumers.get(name, [])
    hits = [u for u in users if u.op_type == op]
    return hits[0] if len(hits) == 1 else None


def _same_type_cast(view: ModelView, ref: NodeRef) -> bool:
    """A Cast to the element type its input already has (a no-op the toolkit drops)."""
    if ref.op_type != "Cast" or not ref.node.input:
        return False
    return int(ref.attr("to", 0) or 0) == view.dtype(ref.node.input[0]) != 0


def layernorm_block(view: ModelView, head: NodeRef) -> list[NodeRef] | None:
    """The nodes of a decomposed LayerNorm starting at its mean (a ReduceMean), in graph order; None otherwise."""
    if head.op_type != "ReduceMean" or head.graph_path or not head.node.input:
        return None
    x, mean = head.node.input[0], head.node.output[0]
    sub = _only_user(view, mean, "Sub")
    if sub is None or list(sub.node.input) != [x, mean]:
        return None
    d = sub.node.output[0]
    sq = _only_user(view, d, "Pow")
    if sq is None:
        sq = next((u for u in view.consumers.get(d, []) if u.op_type == "Mul" and list(u.node.input) == [d, d]), None)
    if sq is None:
        return None
    var = _only_user(view, sq.node.output[0], "ReduceMean")
    add = _only_user(view, var.node.output[0], "Add") if var else None
    sqrt = _only_user(view, add.node.output[0], "Sqrt") if add else None
    div = _only_user(view, sqrt.node.output[0], "Div") if sqrt else None
    if div is None or div.node.input[0] != d:
        return None
    return [head, sub, sq, var, add, sqrt, div, *affine_tail(view, div)]


def same_value(view: ModelView, a: str, b: str) -> bool:
    """The same tensor, or two constants of equal value."""
    x, y = view.const_value(a), view.const_value(b)
    return a == b or (x is not None and y is not None and x.shape == y.shape and bool((x == y).all()))


def _constant_operand(ref: NodeRef, data: str) -> str:
    return next((i for i in ref.node.input if i != data), "")


def shared_norm(view: ModelView, block: list[NodeRef], fused: dict[int, list[NodeRef]]) -> NodeRef | None:
    """The first node of an earlier decomposed LayerNorm that computes the same thing as `block`: the same tensor,
    epsilon, gamma and beta (equal values; torch.onnx reads a repeated initializer through an Identity, as a randomly
    initialised timm model's all-ones / all-zeros LayerNorm weights). The toolkit computes it once, one exNorm layer
    named after the earlier block: with 2.3.2 on rv1106 / rv1106b int8 and rk2118 fp16 two such norms of one tensor
    made one CPU exNorm, two with their own gamma and beta two (calibration/placement_sweep.py `duoln`; unseen set
    10's vit_small_patch16_18x2, the parallel blocks' second norms). None otherwise."""
    if len(block) < 7 or block[1].op_type != "Sub":
        return None
    for user in view.consumers.get(block[0].node.input[0], []):
        other = fused.get(user.index)
        if (other is None or other is block or other[0] is not user or user.index >= block[0].index
                or len(other) != len(block) or other[1].op_type != "Sub" or view.axes(user) != view.axes(block[0])):
            continue
        if all(same_value(view, _constant_operand(other[i], other[i - 1].node.output[0]),
                           _constant_operand(block[i], block[i - 1].node.output[0]))
               for i in (4, *range(7, len(block)))):
            return user
    return None


def affine_tail(view: ModelView, last: NodeRef) -> list[NodeRef]:
    """The Mul by gamma and the Add of beta after a written-out norm's last node, where they follow it (each the only
    reader, its other input a constant): the toolkit fuses them into the norm's layer."""
    tail, nxt = [], last
    for op in ("Mul", "Add"):
        users = view.consumers.get(nxt.node.output[0], [])
        if len(users) != 1 or users[0].op_type != op:
            break
        other = [i for i in users[0].node.input if i != nxt.node.output[0]]
        if not other or not view.is_constant(other[0]):
            break
        nxt = users[0]
        tail.append(nxt)
    return tail


def l2norm_block(view: ModelView, head: NodeRef) -> list[NodeRef] | None:
    """The nodes of x / max(||x||_2, eps) starting at its ReduceL2, in graph order; also x / ||x||_2 with no floor (a CLIP
    text encoder's output normalisation: with 2.3.2 on every family of unseen set 10 the toolkit made one
    'exNorm:<ReduceL2>_2lpnorm2' layer of the two, no Div layer); None otherwise."""
    if head.op_type != "ReduceL2" or head.graph_path or not head.node.input:
        return None
    x = head.node.input[0]
    if len(view.consumers.get(head.node.output[0], [])) != 1:
        return None
    div = _only_user(view, head.node.output[0], "Div")
    if div is not None and list(div.node.input) == [x, head.node.output[0]]:
        return [head, div]
    clip = _only_user(view, head.node.output[0], "Clip") or _only_user(view, head.node.output[0], "Max")
    if clip is None:
        return None
    block, nxt = [head, clip], clip
    users = view.consumers.get(nxt.node.output[0], [])
    if len(users) == 1 and users[0].op_type == "Expand":
        nxt = users[0]
        block.append(nxt)
        users = view.consumers.get(nxt.node.output[0], [])
    if len(users) != 1 or users[0].op_type != "Div" or list(users[0].node.input) != [x, nxt.node.output[0]]:
        return None
    return block + [users[0]]


def rmsnorm_block(view: ModelView, head: NodeRef, axes: tuple[str, ...] = ("last",)) -> list[NodeRef] | None:
    """The nodes of an RMSNorm written out as x * (1 / sqrt(mean(x ** 2) + eps)) * weight (Pow 2 -> ReduceMean ->
    Add -> Sqrt -> Div(1, .) -> Mul by x -> Mul by a constant weight, a Cast to the same type allowed before that last
    Mul as Hugging Face's LlamaRMSNorm writes it), its ReduceMean first; None otherwise. The
    toolkit fuses exactly that form into one "exNorm:<ReduceMean>_2rmsn" layer, placed as LayerNormalization: with
    rknn-toolkit2 2.3.2 on the CPU on rv1106 int8 and rk2118 fp16, on the NPU on rk3588 fp16 (small models, see
    docs/probe.md; unseen set 7's tiny decoder's five RMSNorms); written with Reciprocal, or without the weight, it
    was not fused (Div / Sqrt / Mul layers of their own). Which axes the mean may run over is the toolkit's
    `rmsnorm_fused_axes` (rules/toolkit/<version>.yaml): over the channels of a [1, C, H, W] map (timm's RmsNorm2d,
    MobileNetV5) 2.5.0 fused it, 2.3.2 did not (placement_sweep `rms_cf`)."""
    if head.op_type != "ReduceMean" or head.graph_path or not head.node.input:
        return None
    if mean_axes_class(view, head) not in axes:
        return None
    pw = view.producer.get(head.node.input[0])
    if pw is None or pw.op_type != "Pow" or len(pw.node.input) != 2 or len(view.consumers.get(pw.node.output[0], [])) != 1:
        return None
    two = view.const_value(pw.node.input[1]) if view.is_constant(pw.node.input[1]) else None
    if two is None or getattr(two, "size", 0) != 1 or float(two.reshape(-1)[0]) != 2.0:
        return None
    x = pw.node.input[0]
    add = _only_user(view, head.node.output[0], "Add")
    sqrt = _only_user(view, add.node.output[0], "Sqrt") if add else None
    div = _only_user(view, sqrt.node.output[0], "Div") if sqrt else None
    if div is None or div.node.input[1] != sqrt.node.output[0] or not view.is_constant(div.node.input[0]):
        return None
    mul = _only_user(view, div.node.output[0], "Mul")
    if mul is None or set(mul.node.input) != {x, div.node.output[0]}:
        return None
    fed = mul.node.output[0]
    users = view.consumers.get(fed, [])
    if len(users) == 1 and _same_type_cast(view, users[0]):  # HF Llama's `.to(input_dtype)`, float32 to float32
        fed = users[0].node.output[0]
        users = view.consumers.get(fed, [])
    if len(users) != 1 or users[0].op_type != "Mul":
        return None
    other = [i for i in users[0].node.input if i != fed]
    if not other or not view.is_constant(other[0]):
        return None
    return [head, pw, add, sqrt, div, mul, users[0]]


def mean_axes_class(view: ModelView, mean: NodeRef) -> str | None:
    """'last' for a ReduceMean over the last axis alone, 'channels' over axis 1 of a rank-4 tensor alone, else None:
    the classes the toolkit fuses a norm over (`rmsnorm_fused_axes`) and motifs keys a channels-last mean by."""
    shape = view.shape(mean.node.input[0])
    try:
        axes = view.axes(mean)
    except (TypeError, ValueError):
        return None
    if not shape or not axes or len(axes) != 1:
        return None
    axis = axes[0] % len(shape)
    return "last" if axis == len(shape) - 1 else "channels" if axis == 1 and len(shape) == 4 else None


def _reduce_mean_block(view: ModelView, head: NodeRef, rms_axes: tuple[str, ...]) -> list[NodeRef] | None:
    return layernorm_block(view, head) or rmsnorm_block(view, head, rms_axes)


def _l2_block(view: ModelView, head: NodeRef, rms_axes: tuple[str, ...]) -> list[NodeRef] | None:
    return l2norm_block(view, head)


# the head op of a block -> (how it is found, the op the toolkit fuses it into, whose measured placement applies)
_FUSED = {"ReduceMean": (_reduce_mean_block, "LayerNormalization"), "ReduceL2": (_l2_block, "LpNormalization")}


def fused_op(block: list[NodeRef]) -> str:
    """The op the toolkit fuses this block into (its measured placement is the block's)."""
    return _FUSED[block[0].op_type][1]


def blocks(view: ModelView, version: str | None = None) -> dict[int, list[NodeRef]]:
    """Main-graph node index -> the fused block it belongs to (every member maps to the same list), as rknn-toolkit2
    `version` fuses them (default: rknnlint's default version); computed once per view and version."""
    from .toolkit.versions import facts

    rms_axes = facts(version).rmsnorm_fused_axes
    cache = view.__dict__.setdefault("_fused_blocks", {})
    if rms_axes in cache:
        return cache[rms_axes]
    out: dict[int, list[NodeRef]] = {}
    for ref in view.main_nodes:
        if ref.op_type not in _FUSED or ref.index in out:
            continue
        block = _FUSED[ref.op_type][0](view, ref, rms_axes)
        if block:
            for r in block:
                out[r.index] = block
    cache[rms_axes] = out
    return out
