"""Measured motifs: where a layout op (or LayerNorm) runs depends on the ops around it, so look it up in context.

rknn-toolkit2 keeps a Reshape between two convolutions on the NPU where the same Reshape probed alone (into a
graph output) goes to the CPU, and it fuses channel-shuffle Reshape -> Transpose -> Reshape runs as a whole. A
*motif* is a maximal run of such ops (CHAIN_OPS, linked through single-consumer data edges) with the class of the
op in front of it and of the ops after it; its key spells the run's shapes as the toolkit sees them (rank in and
out, the last dim's alignment, the permutation, the normalised axis). `calibration/mine_motifs.py` mines the
frequent keys from real exports, cuts each out of the model it came from, builds it per family with the real
toolkit and commits the placement of every node of the run as rules/motifs/<family>-<dtype>-<version>.yaml.
The graph outputs of rank 2/3 (where the toolkit may insert a Reshape) are motifs too: producer class and the
output's rank and alignment.

RKN601 / RKN610 ask placement() first and fall back to the single-op tables when no measured motif matches.
"""
from __future__ import annotations

import math
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from .graph import ModelView, NodeRef, Shape
from .variants import _rotary_pair
from .zero_weights import all_zero

CHAIN_OPS = frozenset({"Reshape", "Transpose", "Squeeze", "Unsqueeze", "Flatten", "LayerNormalization", "MatMul",
                       "Gemm"})
LINEAR = frozenset({"MatMul", "Gemm"})  # in a run only with constant weights (a Linear layer), not attention
MAX_CHAIN = 6
# ops that only move data: a lone one's placement is its probe model's edge (graph input / output), not the context
# the motif tables measure, so a change of it between versions does not void a borrowed table (rk3588: Unsqueeze on
# the CPU alone with 2.2.0 / 2.3.0, rewritten with 2.5.0; inside attention on the NPU with every version, measured)
RELAYOUT_OPS = frozenset({"Reshape", "Transpose", "Squeeze", "Unsqueeze", "Flatten", "Identity"})
# the back-off sections of a motif table, most specific first (see node_placement)
BACKOFF = ("neighbors", "contexts", "ops")

_CLASSES = {
    "conv": ("Conv", "ConvTranspose"),
    "mm": ("MatMul", "Gemm", "Einsum"),
    "elt": ("Add", "Sub", "Mul", "Div", "Relu", "Sigmoid", "HardSigmoid", "HardSwish", "Clip", "LeakyRelu", "Tanh",
            "Erf", "Pow", "Sqrt", "Max", "Min", "Neg", "Abs", "Exp", "Gelu", "Mish", "Softplus", "PRelu", "Cast",
            "Identity", "Dropout"),
    "norm": ("BatchNormalization",),
    "inorm": ("InstanceNormalization", "GroupNormalization"),
    "rnn": ("LSTM", "GRU", "RNN"),
    "softmax": ("Softmax", "LogSoftmax"),
    "pool": ("MaxPool", "AveragePool", "GlobalAveragePool", "GlobalMaxPool"),
    "reduce": ("ReduceMean", "ReduceSum", "ReduceMax", "ReduceMin", "ReduceL2", "ReduceProd"),
    "concat": ("Concat",),
    "slice": ("Slice", "Split", "Gather"),
    "resize": ("Resize", "Upsample"),
    "layout": tuple(CHAIN_OPS - {"LayerNormalization"}),
    "ln": ("LayerNormalization",),
}
INT_TYPES = frozenset({2, 3, 4, 5, 6, 7, 12, 13})  # ONNX integer element types
_SHAPE_READERS = frozenset({"Shape", "Size"})  # read only the shape: folded away in a static model
_CLASS_OF = {op: cls for cls, ops in _CLASSES.items() for op in ops}


def op_class(op_type: str) -> str:
    return _CLASS_OF.get(op_type, op_type.lower())


def _align(dim: Any) -> str:
    if not isinstance(dim, int) or dim <= 0:
        return "a?"
    return "a16" if dim % 16 == 0 else "a8" if dim % 8 == 0 else "a1"


def _rank(shape) -> str:
    return "?" if shape is None else str(len(shape))


def _shape(view: ModelView, name: str) -> Shape | None:
    """A value's shape as the toolkit sees it: onnx's inferred one where all its dims are known, else the one with
    the shape computations folded (rknnlint/static_shapes.py; timm's TF-'same' Pads and everything after them are
    symbolic to onnx's inference, so the size classes of tf_efficientnet's squeeze-excite means were unknown). The
    folding pass runs only for a model that has such a value."""
    got = view.shape(name)
    if got is not None and all(isinstance(d, int) and d >= 0 for d in got):
        return got
    from .static_shapes import resolved_shape

    return resolved_shape(view, name)


def in_chain(view: ModelView, ref: NodeRef) -> bool:
    if ref.op_type not in CHAIN_OPS or ref.graph_path or not ref.node.input or not ref.node.output:
        return False
    return ref.op_type not in LINEAR or all(view.is_constant(x) for x in ref.node.input[1:] if x)


def _single_user(view: ModelView, name: str, shape_read: bool = False) -> NodeRef | None:
    users = view.consumers.get(name, [])
    if shape_read:  # a Shape / Size reading the value is folded away in a static model
        users = [u for u in users if u.op_type not in _SHAPE_READERS]
    if len(users) != 1 or name in view.output_names:
        return None
    return users[0]


def run_of(view: ModelView, ref: NodeRef, limit: int = 16, shape_read: bool = False) -> list[NodeRef] | None:
    """The maximal run of CHAIN_OPS through `ref` (data input 0 -> output 0, single consumers), at most `limit`
    nodes each way; None for a node that is not in a run. `shape_read`: a Shape or Size reading a value of the run
    does not end it (the toolkit folds it: node_placement's second look)."""
    if not in_chain(view, ref):
        return None
    up: list[NodeRef] = []
    cur = ref
    while len(up) < limit:
        p = view.producer.get(cur.node.input[0])
        if p is None or not in_chain(view, p) or _single_user(view, cur.node.input[0], shape_read) is None:
            break
        up.append(p)
        cur = p
    down: list[NodeRef] = []
    cur = ref
    while len(down) < limit:
        u = _single_user(view, cur.node.output[0], shape_read)
        if u is None or not in_chain(view, u) or u.node.input[0] != cur.node.output[0]:
            break
        down.append(u)
        cur = u
    return [*reversed(up), ref, *down]


def chain_of(view: ModelView, ref: NodeRef) -> list[NodeRef] | None:
    """The run through `ref` when it is short enough to be a motif (MAX_CHAIN nodes), else None."""
    run = run_of(view, ref)
    return run if run is not None and len(run) <= MAX_CHAIN else None


def describe(view: ModelView, ref: NodeRef, shape=None) -> str:
    """One chain node as the toolkit sees it: op, ranks, permutation or axis, alignment of a non-4-D output. `shape`
    (name -> shape) is where the shapes come from: onnx's inference by default (the motif key), the folded static
    shapes for the size-classed key (sized_key)."""
    sh = shape or view.shape
    x, y = ref.node.input[0], ref.node.output[0]
    rin, rout = _rank(sh(x)), _rank(sh(y))
    out_shape = sh(y)
    tail = "" if rout == "4" or not out_shape else ":" + _align(out_shape[-1])
    if ref.op_type == "Transpose":
        perm = ref.attr("perm")
        p = _digits(perm) if perm is not None else "rev"
        return f"Transpose{rin}:{p}{tail}"
    if ref.op_type in LINEAR:
        w = sh(ref.node.input[1]) if len(ref.node.input) > 1 else None
        n = _align(w[-1] if w and not (ref.op_type == "Gemm" and ref.attr("transB", 0)) else (w[0] if w else None))
        return f"{ref.op_type}{rin}>{rout}:n{n[1:]}{tail}"
    if ref.op_type == "LayerNormalization":
        axis = ref.attr("axis", -1)
        if not isinstance(axis, int):
            return f"LN{rin}:ax?{tail}"  # a malformed attribute: no motif of ours matches it
        if rin != "?" and axis < 0:
            axis += int(rin)
        return f"LN{rin}:ax{axis}{tail}"
    return f"{ref.op_type}{rin}>{rout}{tail}"


def _digits(perm) -> str:
    """A Transpose permutation as its digits; '?' when the attribute is not a list of integers (a malformed model
    is reported by RKN206, not here)."""
    try:
        return "".join(str(int(v)) for v in perm)
    except (TypeError, ValueError):
        return "?"


def _producer_class(view: ModelView, name: str) -> str:
    """The class of the op making `name`; `in` for a graph input, `in:i` for an integer one: a BERT attention mask
    [1, N] Unsqueezed twice ran its Reshape on the CPU as int64 ('Reshape:<last Unsqueeze>_2rs') with 2.3.2 on rk3588,
    rk3566, rk2118 float16 and rv1106 int8 (calibration/placement_sweep.py `i64in`), a float input's runs apart."""
    p = view.producer.get(name)
    if p is None:
        return ("in:i" if view.dtype(name) in (6, 7) else "in") if name in _input_names(view) else "const"
    return op_class(p.op_type)


def _consumer_class(view: ModelView, name: str) -> str:
    if name in view.output_names:
        return "out"
    users = [u for u in view.consumers.get(name, []) if u.op_type not in _SHAPE_READERS]
    return "+".join(sorted({op_class(u.op_type) for u in users})) or "none"


def chain_key(view: ModelView, chain: list[NodeRef], shape=None) -> str:
    head, last = chain[0], chain[-1]
    body = ">".join(describe(view, r, shape) for r in chain)
    return f"{_producer_class(view, head.node.input[0])}>{body}>{_consumer_class(view, last.node.output[0])}"


def _lead(d: Any) -> str:
    return "?" if not isinstance(d, int) or d <= 0 else "1" if d == 1 else "n"


def size_class(chain: list[NodeRef], shape) -> str:
    """The sizes the older toolkits place a run by: the leading dim of the run's input, 1 or more (the qkv Transpose
    of an attention runs on the NPU for a batch of 1 and on the CPU for 2 to 64 windows with 2.2.0-2.3.2 on rk3588:
    calibration/size_sweep.py, rules/motifs/probed/rk3588-float16-<version>.yaml), and the alignment of each dim
    between the first and the last (YOLO head Reshapes (1, C, 10, 10) -> (1, C, 100) with 1, 4 or 51 channels ran on
    the CPU in real builds, with 32, 64 or 80 on the NPU: rules/motifs/rk3588-float16-<version>.yaml)."""
    x = shape(chain[0].node.input[0])
    if not x:
        return "?"
    return ".".join([_lead(x[0]), *(_align(d)[1:] for d in x[1:-1])])


def sized_key(view: ModelView, chain: list[NodeRef]) -> str:
    """The motif key spelled with the folded static shapes (rknnlint/static_shapes.py: Swin's window dims are
    symbolic to onnx's inference) and the run's size class: `<key>@<size class>`."""
    from .static_shapes import resolved_shape

    def shape(name: str):
        return resolved_shape(view, name)

    return f"{chain_key(view, chain, shape)}@{size_class(chain, shape)}"


def flat_key(view: ModelView, chain: list[NodeRef]) -> str | None:
    """The motif key of a run that starts by flattening a map, Reshape [1, C, H, W] -> [1, C, H*W] (a detector
    head level: YOLOv8 / YOLOX / PicoDet), spelled with the classes the toolkit places it by: C's alignment and H
    and W modulo 4 (`<key>@c<align>.h<H % 4>.w<W % 4>`). rknn-toolkit2 2.5.0 on rk3588 fp16 ran such a Reshape on the
    CPU for C = 6, 65, 82 at 10 x 10, 10 x 5, 10 x 6, 6 x 6, 14 x 14 and 26 x 26 (H % 4 = 2, W no multiple of 4),
    on the NPU at 10 x 20, 5 x 10, 7 x 7, 13 x 13 and every map with H a multiple of 4, and for C = 80 at every map
    (calibration/placement_sweep.py `yhead3`). None for any other run."""
    from .static_shapes import resolved_shape

    head = chain[0]
    if head.op_type != "Reshape":
        return None
    x, y = resolved_shape(view, head.node.input[0]), resolved_shape(view, head.node.output[0])
    if not x or not y or len(x) != 4 or len(y) != 3 or not all(isinstance(d, int) and d > 0 for d in (*x, *y)):
        return None
    n, c, h, w = x
    if list(y) != [n, c, h * w] or h == 1 or w == 1:
        return None

    def shape(name: str):
        return resolved_shape(view, name)

    # spelled with the folded shapes: YOLOX's level Reshapes take [1, C, -1] from Shape of the map (unseen set 7's
    # YOLOX decode: the 26 x 26 level's on the CPU with 2.3.2 and 2.3.0 on rk3588, as yhead3's constant-target ones),
    # which onnx's inference leaves of unknown rank
    return f"{chain_key(view, chain, shape)}@c{_align(c)[1:]}.h{h % 4}.w{w % 4}"


def gn1_key(view: ModelView, chain: list[NodeRef]) -> str | None:
    """The motif key of a one-group GroupNorm's Reshape as timm writes it (CPUBone): the map [1, C, H, W] flattened
    to [1, 1, C*H*W] into an InstanceNormalization, or that InstanceNormalization's output put back to the map (its
    target often computed by Shape of the map), spelled with H and W modulo 4 (`<key>@gn.h<H % 4>.w<W % 4>`).
    rknn-toolkit2 2.3.0 on rk3588 float16 ran both Reshapes on the CPU on 14 x 14, 10 x 10, 7 x 7 and 5 x 5 maps
    (96 to 512 channels) and on the NPU on 32 x 32, 20 x 20, 8 x 8 and 4 x 4 ones, behind a Conv or a residual
    Add, the target constant or computed (calibration/placement_sweep.py `gn1s`); 2.3.2 and 2.5.0 on the NPU at
    every size. None for any other run."""
    from .static_shapes import resolved_shape

    if len(chain) != 1 or chain[0].op_type != "Reshape":
        return None
    ref = chain[0]
    x, y = resolved_shape(view, ref.node.input[0]), resolved_shape(view, ref.node.output[0])
    users = view.consumers.get(ref.node.output[0], [])
    src = view.producer.get(ref.node.input[0])
    if (x and len(x) == 4 and y and len(y) == 3 and len(users) == 1 and users[0].op_type == "InstanceNormalization"
            and list(y[:2]) == [1, 1]):
        m = x  # into the norm
    elif (src is not None and src.op_type == "InstanceNormalization" and x and len(x) == 3 and list(x[:2]) == [1, 1]
          and y and len(y) == 4):
        m = y  # out of it
    else:
        return None
    if not all(isinstance(d, int) and d > 0 for d in m):
        return None
    def shape(name: str):
        return resolved_shape(view, name)

    return f"{chain_key(view, chain, shape)}@gn.h{m[2] % 4}.w{m[3] % 4}"  # a Shape-made target spelled rank 4


def group_norm_block(view: ModelView, ref: NodeRef) -> tuple[str, list[NodeRef], int] | None:
    """(input value, nodes, groups) of a GroupNorm written as TorchScript and torch dynamo's opset-18 decomposition
    write it, found from its InstanceNormalization: a rank-3 / rank-4 map [1, C, ...] Reshaped to [1, G, L], the
    InstanceNormalization over it, the Reshape back to the map's shape, then a Mul by gamma and an Add of beta where
    they follow (constants). rknn-toolkit2 turns the whole into one exNorm layer. None for any other InstanceNorm."""
    from .static_shapes import resolved_shape

    if ref.op_type != "InstanceNormalization" or ref.graph_path or not ref.node.input or not ref.node.output:
        return None
    front = view.producer.get(ref.node.input[0])
    if front is None or front.op_type != "Reshape" or len(view.consumers.get(front.node.output[0], [])) != 1:
        return None
    x = front.node.input[0]
    xs, ys = resolved_shape(view, x), resolved_shape(view, ref.node.input[0])
    if (not xs or not ys or len(ys) != 3 or len(xs) not in (3, 4) or xs[0] != 1 or ys[0] != 1
            or not all(isinstance(d, int) and d > 0 for d in (*xs, *ys)) or xs[1] % ys[1]):
        return None
    from .fused_blocks import affine_tail

    block = [front, ref]
    users = view.consumers.get(ref.node.output[0], [])
    if len(users) == 1 and users[0].op_type == "Reshape":
        block += [users[0], *affine_tail(view, users[0])]
    return x, block, int(ys[1])


def group_norm_key(view: ModelView, ref: NodeRef) -> str | None:
    """The sweep key of a GroupNorm's InstanceNormalization (group_norm_block): `GroupNorm:g1` for one group, else
    `GroupNorm:a<A>` with A the largest power of two up to 32 that divides the channels per group. Which name the
    fused exNorm layer takes turns on it: rknn-toolkit2 2.3.2 named it after the block's input ('<x>_rs_norm') where
    the channels per group were a multiple of 4 on rk2118 float16 and of 16 on rv1106 int8, else after the
    InstanceNorm ('<inorm>#1'); one group always the InstanceNorm's (calibration/placement_sweep.py `gnorm`). None for
    any other node."""
    found = group_norm_block(view, ref)
    if found is None:
        return None
    from .static_shapes import resolved_shape

    x, _block, groups = found
    if groups == 1:
        return "GroupNorm:g1"
    cpg = resolved_shape(view, x)[1] // groups
    a = next(a for a in (32, 16, 8, 4, 2, 1) if cpg % a == 0)
    return f"GroupNorm:a{a}"


def group_norm_keys(view: ModelView, ref: NodeRef) -> list[str]:
    """group_norm_key spelled with the map's size class first (`GroupNorm:a8:w2`: H x W a multiple of 16, of 4 only,
    neither; on a square map W a multiple of 4, of 2 only, odd), then plain: rknn-toolkit2 2.3.2 on rk3588 int8 ran
    both Reshapes of a GroupNorm of 8 channels a group on the CPU on 7 x 7, 9 x 9, 14 x 14 maps (EfficientNet-B0-GN,
    unseen set 14), on the NPU on 12 x 12 to 36 x 36 ones whose width is a multiple of 4 (calibration/placement_sweep.py
    `gnormhw`); 2.3.0 on rk3588 fp16 kept one group's on the NPU on 8 x 6 and 6 x 8 maps, on the CPU on 10 x 10 and
    14 x 14 (`gn1s`): the area, not the width. Before both, for an odd number of groups or
    one channel a group, the class of the group's length (`GroupNorm:a1:w4:tlong`: channels a group x H x W past
    LONG_DIM, else `tshort`): rknn-toolkit2 2.3.0 and 2.5.0 on rk3588 transposed such a block's [1, G, 1, L] to
    [1, L, 1, G] around the exNorm layer, and a transpose of 12544 / 25088 rows ran on the CPU (ResNetV2-50-D-GN's
    stem, GroupNorm(32, 32) on 112 x 112; EfficientNet-B0-GN's 3 groups on 56 x 56; `gnormcg1`, `gnormgodd`)."""
    key = group_norm_key(view, ref)
    if key is None:
        return []
    from .static_shapes import resolved_shape

    x, _block, groups = group_norm_block(view, ref)
    shape = resolved_shape(view, x)
    if shape and len(shape) == 3:
        # a GroupNorm of a Conv1d's [1, C, L] map (wav2vec2 / HuBERT's first feature-extractor layer, GroupNorm(512,
        # 512)): rknn-toolkit2 2.3.2 on rk3566 ran a Transpose after the Conv in front and one named after the
        # InstanceNorm on the CPU at every length from 319 to 3199 positions (calibration/placement_sweep.py
        # `wavfront`), where the rank-4 maps' entries put the block's Reshapes there
        return [f"{key}:r3", key]
    w = shape[-1] if shape and len(shape) == 4 else None
    if not isinstance(w, int) or w <= 0:
        return [key]
    area = shape[2] * w if isinstance(shape[2], int) else w * w
    keys = [f"{key}:w{4 if area % 16 == 0 else 2 if area % 4 == 0 else 1}", key]
    if groups > 1 and (groups % 2 or shape[1] == groups):
        length = shape[1] // groups * shape[2] * w
        keys.insert(0, f"{keys[0]}:t{'long' if length > LONG_DIM else 'short'}")
    return keys


def group_norm_layer(tab: dict[str, Any] | None, view: ModelView, ref: NodeRef) -> tuple[dict[str, str], str, str] | None:
    """(entry, key, sweep table) of a GroupNorm measured on small models (the sweep's `gnorm` section,
    calibration/placement_sweep.py `gnorm`): `placement` of its fused exNorm layer (cpu / npu), `layer` whose name
    that layer takes (`norm`: the InstanceNorm's, `input`: the block's input's), and `reshape_in` / `reshape_out`, the
    block's own Reshapes as layers of their own (cpu / npu); None where not measured or the builds disagreed."""
    section = ((tab or {}).get("sweep") or {}).get("gnorm") or {}
    for key in group_norm_keys(view, ref):  # the width's class where measured, else the plain key
        entry = section.get(key) or {}
        if entry:
            break
    if entry.get("placement") not in ("cpu", "npu"):
        return None
    return entry, key, (tab or {}).get("sweep_path") or ""


def flat_c4_key(view: ModelView, chain: list[NodeRef], key: str | None) -> str | None:
    """flat_key of a level whose channel count is a multiple of 4 but not of 8 (`<flat key>.c4`; the flat key spells
    it `c1` with 1, 6, 51 channels). rknn-toolkit2 2.3.2 on rk3566 float16 kept a Pose head's 4-channel level flatten
    on the NPU at 40 x 40, 20 x 20, 10 x 10 and 6 x 6 where the 1- and 6-channel ones (and the 51-channel keypoints)
    of the same heads ran on the CPU (h % 4 = 2 and every other level); on rk3588 2.3.2 the 4-channel one at 10 x 10
    and 6 x 6 ran on the CPU like 6 (calibration/placement_sweep.py `posehead` nc 4 / 6). One channel and the other
    counts are classes too (`.one`, `.odd`): into a Transpose to rows [1, H * W, C] (YuNet's heads, `headflat`), 2.3.2
    on rk3566 put the Reshape of a one-channel map on the CPU and, for 4 and 10 channels, the Transpose instead. `key`:
    the run's flat_key. None for any other run."""
    if key is None or "@c1." not in key:
        return None
    from .static_shapes import resolved_shape

    c = resolved_shape(view, chain[0].node.input[0])[1]
    return f"{key}.c4" if c % 4 == 0 else f"{key}.one" if c == 1 else f"{key}.odd"


def split_flat_key(view: ModelView, chain: list[NodeRef], key: str | None) -> str | None:
    """flat_key of a level whose flattening Reshape reads an element-wise op (a Sigmoid) fed by a Split of the head's
    Conv (`<flat key>.split`; PicoDet as Paddle2ONNX writes it, layout-cdla: Conv -> Split -> Sigmoid -> Reshape
    [1, C, H*W] -> Transpose -> output). rknn-toolkit2 2.3.2 on rk3566 and rk3588 float16 ran that Reshape on the CPU
    where H*W is no multiple of 16 (50 x 38, 25 x 19, 13 x 10, 10 x 10) and on the NPU at 100 x 76 and 20 x 20, while
    the same level without the Split had it on the NPU at every size; 2.2.0 on the CPU at every size for 10 and 11
    channels, on the NPU for 16 (calibration/placement_sweep.py `yheads` / `yhead`). `key`: the run's flat_key. None
    for any other run."""
    if key is None:
        return None
    feeder = view.producer_of(chain[0].node.input[0])
    if feeder is None or len(feeder.node.input) != 1 or feeder.op_type not in ("Sigmoid", "Relu", "Identity", "Tanh"):
        return None
    src = view.producer_of(feeder.node.input[0])
    return f"{key}.split" if src is not None and src.op_type == "Split" else None


def level_flat_key(view: ModelView, chain: list[NodeRef], key: str | None) -> str | None:
    """flat_key of a detector level Reshaped straight into the Concat of one branch's rows over the levels (each
    input of a Concat on the last axis a flattening Reshape: ultralytics' pose / YOLO26 heads, one Concat per branch),
    with the level's place among the Concat's inputs and its size (`<flat key>.lv.<first|mid|last>.<big|mid|small>`:
    H * W from 2048, from 512, below). rknn-toolkit2 2.3.2 on rk3566 ran such Reshapes of 1, 4 (int8) and 51 channels on
    the CPU for the middle levels of 960 to 1600 positions and every last level (60 to 400), on the NPU for a first level
    of 3840 to 6400 and a middle one of 240 (float16 and int8; calibration/placement_sweep.py `yhead26`); a first level
    of 960 on the CPU; 4 channels in float16 on the NPU at every level. rk3588 (2.3.2 float16 / int8, 2.3.0) went by
    the map alone: on the CPU where H and W are both 2 modulo 4, at any level, on the NPU on odd maps (`yhead26`'s
    odd last levels: YOLO11s-OBB's 13 x 23). `key`: the run's flat_key with its channel
    class (flat_c4_key: `.c4` / `.one` / `.odd`). None for any other run."""
    if key is None or len(chain) != 1:
        return None
    from .static_shapes import resolved_shape

    users = view.consumers.get(chain[0].node.output[0], [])
    if len(users) != 1 or users[0].op_type != "Concat":
        return None
    cat = users[0]
    y = resolved_shape(view, cat.node.output[0])
    axis = cat.attr("axis", 0)
    if not y or not isinstance(axis, int) or axis % len(y) != len(y) - 1 or len(cat.node.input) < 2:
        return None
    feeders = [view.producer.get(x) for x in cat.node.input]
    if any(f is None or f.op_type != "Reshape" for f in feeders):
        return None
    i = list(cat.node.input).index(chain[0].node.output[0])
    pos = "first" if i == 0 else "last" if i == len(cat.node.input) - 1 else "mid"
    x = resolved_shape(view, chain[0].node.input[0])
    hw = x[2] * x[3]
    return f"{key}.lv.{pos}.{'big' if hw >= 2048 else 'mid' if hw >= 512 else 'small'}"


def levels_split_key(view: ModelView, chain: list[NodeRef], key: str) -> str | None:
    """The sized key of a Reshape that splits the channels of a detector's levels Concat-ed as rows ([1, C, A] ->
    [1, K, C / K, A]: a Pose head's keypoints [1, 51, A] -> [1, 17, 3, A]), every input of the Concat (last axis) a
    level's flattening Reshape [1, C, H, W] -> [1, C, H * W], with whether a level's map is 2 modulo 4 both high and
    wide (`<key>.levels:h2w2`), else one of its dims (`.levels:one2`), else none (`.levels:no2`). rknn-toolkit2 on
    rk3588 ran the keypoints' split on the CPU exactly where a level's flatten was a CPU layer: with 2.3.2 and 2.3.0
    float16 at `h2w2` (levels 10 x 10, 18 x 18, 22 x 22, 14 x 14, 6 x 6, 10 x 6, 6 x 10, 11 x 19), on the NPU at `one2`
    (12 x 10) and `no2`; with 2.3.2 int8 at `one2` too (calibration/placement_sweep.py `posehead`, `posekpt`):
    yolov8n-pose at 320 px on the CPU, yolov8s-pose at 640 and YOLO26s-pose at 640 x 384 (80 x 48, 40 x 24, 20 x 12)
    on the NPU. None for any other run."""
    from .static_shapes import resolved_shape

    if len(chain) != 1 or chain[0].op_type != "Reshape":
        return None
    x, y = resolved_shape(view, chain[0].node.input[0]), resolved_shape(view, chain[0].node.output[0])
    if not x or not y or len(x) != 3 or len(y) != 4 or y[-1] != x[-1]:
        return None
    cat = view.producer.get(chain[0].node.input[0])
    if cat is None or cat.op_type != "Concat" or cat.attr("axis", 0) not in (2, -1) or len(cat.node.input) < 2:
        return None
    maps = []
    for v in cat.node.input:
        f = view.producer.get(v)
        m = resolved_shape(view, f.node.input[0]) if f is not None and f.op_type == "Reshape" else None
        if not m or len(m) != 4 or not all(isinstance(d, int) and d > 0 for d in m):
            return None
        maps.append(m)
    if any(h % 4 == 2 and w % 4 == 2 for _n, _c, h, w in maps):
        return f"{key}.levels:h2w2"
    return f"{key}.levels:{'one2' if any(h % 4 == 2 or w % 4 == 2 for _n, _c, h, w in maps) else 'no2'}"


def one_feature_key(view: ModelView, chain: list[NodeRef], key: str) -> str | None:
    """The sized key of a lone rank-3 Linear (MatMul / Gemm by a constant weight) of one output feature, [B, T, C] ->
    [B, T, 1] (`<key>.feat1`; the sized key spells T's alignment): rknn-toolkit2 2.3.0, 2.3.2 (float16, int8) and 2.5.0
    on rk3588 ran a Reshape after RNNoise's voice-activity MatMul on the CPU (`<MatMul>_rs`) at T = 10 and 50 and none
    at T = 16 (calibration/placement_sweep.py `gruchain`, 8 of 8 each), where the plain sized key also holds Linears of
    10 features whose Reshape is the output's (unseen set 16's SED CRNN heads). None for any other run."""
    if len(chain) != 1 or chain[0].op_type not in LINEAR or len(chain[0].node.input) < 2:
        return None
    ref = chain[0]
    if not view.is_constant(ref.node.input[1]):
        return None
    x, y = _shape(view, ref.node.input[0]), _shape(view, ref.node.output[0])
    if not x or not y or len(x) != 3 or len(y) != 3 or y[-1] != 1:
        return None
    return f"{key}.feat1"


LONG_DIM = 8192  # a run with a longer dim (a 640 px detector's 8400 anchors) is its own size class (long_key)


def long_key(view: ModelView, chain: list[NodeRef]) -> str | None:
    """The motif key of a run that reads or makes a dim of more than 1024, with whether one is longer than LONG_DIM
    (`<key>@long` / `@short`): the DFL tail of a whole YOLOv8 / YOLO11 head as ultralytics 8.4 exports it (Reshape
    [1, 64, A] -> [1, 4, 16, A] -> Transpose -> Softmax, ..., the bin Conv -> Reshape [1, 4, A] -> Slices): with
    rknn-toolkit2 2.2.0, 2.3.0 and 2.3.2 on rk3588 (float16 and int8) and 2.3.2 on rv1106 int8 a CPU Transpose after
    the last Reshape (and on rv1106 the first Reshape on the CPU) at 8400 and 9261 anchors, none at 7581 and fewer
    (calibration/placement_sweep.py `dflhead84`). None for a run of shorter dims."""
    from .static_shapes import resolved_shape

    dims = [d for r in (chain[0].node.input[0], chain[-1].node.output[0]) for d in (resolved_shape(view, r) or ())]
    top = max((d for d in dims if isinstance(d, int)), default=0)
    if top <= 1024:
        return None
    return f"{chain_key(view, chain)}@{'long' if top > LONG_DIM else 'short'}"


def batched_weight_key(view: ModelView, chain: list[NodeRef]) -> str | None:
    """The motif key of a run with a MatMul by a constant of rank 3 or more whose leading dim is no 1, `<key>@bw`: one
    matrix per batch entry (PaDiM's inverse covariance per position, [P, D, D], times the centred features [P, 1, D]),
    where a Linear's [C, N] weight is shared by every row or window. rknn-toolkit2 2.3.2 / 2.5.0 on rk3566 ran PaDiM's
    on the NPU (placement_sweep `padim`, P 196 to 3136, D 16 to 64; unseen set 17's PaDiM-lite) where Swin-T's
    windowed Linear of the same plain key ran on the CPU. None for any other run."""
    for r in chain:
        if r.op_type != "MatMul" or len(r.node.input) < 2:
            continue
        w = _shape(view, r.node.input[1]) if view.is_constant(r.node.input[1]) else None
        if w and len(w) >= 3 and isinstance(w[0], int) and w[0] > 1:
            from .static_shapes import resolved_shape

            return f"{chain_key(view, chain, lambda n: resolved_shape(view, n))}@bw"
    return None


def unit_move(view: ModelView, ref: NodeRef) -> bool:
    """Whether a Transpose only moves dims of size 1 (its data stays in order: a Reshape to the toolkit)."""
    x = _shape(view, ref.node.input[0]) if ref.op_type == "Transpose" and ref.node.input else None
    perm = ref.attr("perm", None)
    if not x or not perm or len(perm) != len(x) or not all(isinstance(d, int) and d > 0 for d in x):
        return False
    moved = [p for p in perm if x[p] != 1]
    return list(perm) != sorted(perm) and moved == sorted(moved)


def unit_key(view: ModelView, chain: list[NodeRef]) -> str | None:
    """The motif key of a run with a Transpose that only moves unit dims, `<key>@unit`: a batch-first RNN of one
    sequence as torch.onnx writes it, Transpose(1, 0, 2) of [1, T, C] into the RNN, Squeeze -> Transpose(1, 0, 2) of
    [T, 1, H] out of it. The toolkit makes each such Transpose a Reshape (`<out>-rs`, `<out>_rs`), on the CPU on rk3566
    with 2.3.2 and 2.5.0, float16 and int8, into and out of a GRU or an LSTM behind a Linear or a Concat and into a
    Concat or a Linear (calibration/placement_sweep.py `rnnseq`, RNNoise in unseen set 17), where the same runs over a
    batch of sequences (`dpgru`) ran the Squeeze on the CPU and the Transpose on the NPU. None for any other run."""
    if not any(unit_move(view, r) for r in chain):
        return None
    return f"{chain_key(view, chain)}@unit"


def wide_key(view: ModelView, chain: list[NodeRef]) -> str | None:
    """The motif key of a run holding a Linear with more than WIDE_LINEAR output features (`<key>@wide`): the
    toolkit runs it as a 1x1 Conv and, past that width, may transpose its output back on the CPU where a narrower one
    of the same key put the CPU Reshape on the output instead (ddddocr's 8210-class Gemm behind its LSTM: rk3588
    fp16 2.3.2, calibration/placement_sweep.py `gemmrows`). None for any other run."""
    if not any(r.op_type in LINEAR and (_features(view, r) or 0) > WIDE_LINEAR for r in chain):
        return None
    return f"{chain_key(view, chain)}@wide"


def _features(view: ModelView, ref: NodeRef) -> int | None:
    shape = _shape(view, ref.node.output[0]) if ref.node.output else None
    n = shape[-1] if shape else None
    return n if isinstance(n, int) and n > 0 else None


def vector_key(view: ModelView, chain: list[NodeRef]) -> str | None:
    """The motif key of a run that ends in a rank-1 graph output, Reshape [1, N, T] -> [N * T], with whether T is 1
    (`<key>@t1` / `@tn`): a voice-activity head (silero-vad: Conv1d -> Sigmoid [1, 1, 1] -> Reshape [-1]) had that
    Reshape on the CPU for T = 1, on the NPU for T = 4 and 8 (rk3588 fp16 2.3.2 and 2.5.0, calibration/placement_sweep.py
    `out1`). None for any other run."""
    last = chain[-1]
    if last.op_type != "Reshape" or last.node.output[0] not in view.output_names:
        return None
    x, y = _shape(view, last.node.input[0]), _shape(view, last.node.output[0])
    if not x or not y or len(y) != 1 or len(x) != 3 or not isinstance(x[-1], int) or x[-1] <= 0:
        return None
    return f"{chain_key(view, chain)}@t{'1' if x[-1] == 1 else 'n'}"


def shared_linear_key(view: ModelView, chain: list[NodeRef], key: str) -> str | None:
    """The sized key of a Linear alone in its run whose input other Linears read too (`<key>.shared`: Hugging Face
    attention's q, k and v projections of one value): over a batch of windows rknn-toolkit2 2.3.2 on rk3566 transposed
    that shared value once, on the CPU, named after the value ('Transpose:<value>_tp': its producer's CPU node), and
    left the three Linears on the NPU, where torchvision Swin's one qkv Linear (the plain key) ran on the CPU
    (calibration/placement_sweep.py `hfswin`). None for any other run."""
    if len(chain) != 1 or chain[0].op_type not in LINEAR or not chain[0].node.input:
        return None
    readers = [u for u in view.consumers.get(chain[0].node.input[0], []) if u.op_type in LINEAR and len(u.node.input) > 1
               and view.is_constant(u.node.input[1])]
    return f"{key}.shared" if len(readers) > 1 else None


def shared_output_key(view: ModelView, chain: list[NodeRef]) -> str | None:
    """The motif key of a run that ends in a graph output, with whether other nodes read that output too (`<key>@read`
    / `@only`): an RNN encoder's sequence handed out and pooled (translit-encoder: GRU -> Transpose -> Reshape ->
    Transpose -> output, also read by a Mul): rknn-toolkit2 2.3.2 and 2.5.0 on rk3566 ran a CPU Reshape on that output
    where a Mul reads it, none where nothing does (calibration/placement_sweep.py `rnnout`). None for any other run."""
    last = chain[-1]
    y = last.node.output[0] if last.node.output else ""
    if y not in view.output_names:
        return None
    return f"{chain_key(view, chain)}@{'read' if view.consumers_of(y) else 'only'}"


def kv_key(view: ModelView, chain: list[NodeRef], key: str) -> str | None:
    """sized_key of a run that splits a cross-attention's packed key / value pair into heads (`<sized key>.kv`): the
    run reads a Gather (axis 0) of a tensor of two along that axis, as torch.nn.MultiheadAttention exports the k and v
    of a query that is not the key ([S, 1, D] -> Linear to 2D -> Reshape [S, 1, 2, D] -> Unsqueeze -> Transpose ->
    Squeeze -> Gather 0 / 1 -> Reshape [S, H, D / H] -> Transpose -> Reshape [1, H, S, D / H]); its self-attention
    gathers three (q, k, v) and spells the plain sized key. rknn-toolkit2 2.3.2 and 2.5.0 on rk3566 fp16 put v's last
    Reshape on the CPU in 8 of 8 cross-attention builds (S 24 to 100) and, with 2.5.0, k's Transpose to [1, H, D / H,
    S]; the self-attention kept v's on the NPU at 16, 24 and 64 tokens (calibration/placement_sweep.py `xattn`). `key`:
    the run's sized_key. None for any other run."""
    return f"{key}.kv" if _reads_kv_pair(view, chain) else None


def _reads_kv_pair(view: ModelView, chain: list[NodeRef]) -> bool:
    """Whether a run starts with a Reshape of a Gather (axis 0) from a tensor of two along that axis (kv_key)."""
    head = chain[0]
    src = view.producer_of(head.node.input[0]) if head.node.input else None
    if head.op_type != "Reshape" or src is None or src.op_type != "Gather" or int(src.attr("axis", 0) or 0) != 0:
        return False
    from .static_shapes import resolved_shape

    x = resolved_shape(view, src.node.input[0])
    return bool(x) and x[0] == 2


def qkv_key(view: ModelView, chain: list[NodeRef], key: str) -> str | None:
    """sized_key of a run of torch.nn.MultiheadAttention's self-attention with the token count's alignment
    (`<sized key>.qkv:<N's alignment>`): a run that reads a Gather (axis 0) of q / k / v packed three along that axis
    (each head split, Reshape [N, H, D / H] -> Transpose -> Reshape [1, H, N, D / H]), or the run that packs them
    (Reshape [N, 1, 3, D] -> Unsqueeze -> Transpose(3, 1, 2, 0, 4) -> Squeeze, read by those Gathers). Its sized key
    spells N as the lead dim only (`n`): rknn-toolkit2 2.3.2 and 2.5.0 on rk3566 fp16 ran v's last Reshape on the CPU
    where N is no multiple of 4 (17, 25, 49, 50, 98, 99 tokens) and on the NPU at 16, 24, 36, 64 and 100, with 2.5.0
    the Unsqueeze of the packing too; rk3588 2.3.2 none (calibration/placement_sweep.py `xattn` `_self`). `key`: the
    run's sized_key. None for any other run."""
    from .static_shapes import resolved_shape

    head, last = chain[0], chain[-1]
    n = None
    src = view.producer_of(head.node.input[0]) if head.op_type == "Reshape" and head.node.input else None
    if src is not None and src.op_type == "Gather" and int(src.attr("axis", 0) or 0) == 0:
        x, y = resolved_shape(view, src.node.input[0]), resolved_shape(view, head.node.input[0])
        if x and x[0] == 3 and y:
            n = y[0]
    users = [u for u in view.consumers.get(last.node.output[0], []) if u.op_type not in _SHAPE_READERS] \
        if last.node.output else []
    if n is None and head.op_type == "Reshape" and last.op_type == "Squeeze" and len(users) == 3 \
            and all(u.op_type == "Gather" and int(u.attr("axis", 0) or 0) == 0 for u in users):
        x, y = resolved_shape(view, last.node.output[0]), resolved_shape(view, head.node.input[0])
        if x and x[0] == 3 and y:
            n = y[0]
    return f"{key}.qkv:{_align4(n)}" if isinstance(n, int) and n > 0 else None


def area_qkv_key(view: ModelView, chain: list[NodeRef], key: str) -> str | None:
    """sized_key of ultralytics' area attention qkv run as YOLO12's A2C2f exports it (Conv -> Reshape [1, 3C, N] ->
    Transpose -> Reshape [areas, N / areas, h, 3d] -> Transpose, areas > 1) with the class of the tokens per area T
    (`<sized key>.ar:<a16|u>.<le144|gt144>`: T a multiple of 16 or not, T up to 144 or more). rknn-toolkit2 2.3.2 on
    rk3588 int8 ran the first Reshape on the CPU ('<out>_sw_sw_tp_rs') at T 169, 196, 225, 324 and 484 and on the NPU
    at 144, 256 and 400 and at 81 to 121 (calibration/placement_sweep.py `aattn_area` with 4 heads, 18 x 18 to 44 x 44
    maps; unseen set 16's YOLO12s at 480 px: its 30 x 30 level). `key`: the run's sized_key. None for any other run."""
    from .static_shapes import resolved_shape

    if len(chain) < 3 or [r.op_type for r in chain[:3]] != ["Reshape", "Transpose", "Reshape"] or not chain[2].node.output:
        return None
    x, y = resolved_shape(view, chain[0].node.input[0]), resolved_shape(view, chain[2].node.output[0])
    if not x or len(x) != 4 or not y or len(y) != 4 or not all(isinstance(d, int) and d > 0 for d in (*x, *y)):
        return None
    areas, t = y[0], y[1]
    if areas < 2 or areas * t != x[2] * x[3]:
        return None
    return f"{key}.ar:{'a16' if t % 16 == 0 else 'u'}.{'le144' if t <= 144 else 'gt144'}"


def _heads_product(view: ModelView, chain: list[NodeRef]) -> tuple[Shape, NodeRef] | None:
    """(the heads' shape [B, N, h, d], the MatMul reading them) of a run Reshape -> Transpose(0, 2, 1, 3) that one
    MatMul alone reads (vheads_key, qheads_key), else None."""
    if len(chain) != 2 or chain[0].op_type != "Reshape" or chain[1].op_type != "Transpose" \
            or _perm(chain[1]) != (0, 2, 1, 3):
        return None
    shape = _shape(view, chain[0].node.output[0])
    users = _users_past_identity(view, chain[1].node.output[0])
    if not shape or len(shape) != 4 or len(users) != 1 or users[0].op_type != "MatMul":
        return None
    return shape, users[0]


def _bmm_heads_product(view: ModelView, chain: list[NodeRef]) -> tuple[Shape, NodeRef] | None:
    """(the heads' shape [B, N, h, d], the MatMul reading them) of a run Reshape -> Transpose(0, 2, 1, 3) -> Reshape to
    rank 3 [B * h, N, d] that one MatMul alone reads: transformers' older eager attention (BART-style bmm), else
    None."""
    if len(chain) != 3 or [r.op_type for r in chain] != ["Reshape", "Transpose", "Reshape"] \
            or _perm(chain[1]) != (0, 2, 1, 3):
        return None
    shape, flat = _shape(view, chain[0].node.output[0]), _shape(view, chain[2].node.output[0])
    users = _users_past_identity(view, chain[2].node.output[0])
    if not shape or len(shape) != 4 or not flat or len(flat) != 3 or len(users) != 1 or users[0].op_type != "MatMul":
        return None
    return shape, users[0]

def vheads_key(view: ModelView, chain: list[NodeRef], key: str) -> str | None:
    """sized_key of the run that splits an attention's v, made by a Linear of its own, into heads (`<sized key>.v:<M's
    alignment>`): Reshape [B, M, C] -> [B, M, h, d] -> Transpose(0, 2, 1, 3), read as the right operand of the product
    with the Softmax's output, as torch.onnx writes Hugging Face's CLIP and SAM's decoder (q, k, v Linears apart). Its
    sized key is q's (the same Reshape and Transpose, read as the left operand of q @ k^T): rknn-toolkit2 2.3.2 on
    rk3566 fp16 ran v's Reshape and Transpose on the CPU where M is no multiple of 4 (7, 50, 77 key / value tokens, self
    and cross attention) and on the NPU at 16 and 64, q's at every size (calibration/placement_sweep.py `sepattn`).
    Likewise the older eager form's run on to [B * h, M, d] for rank-3 MatMuls (_bmm_heads_product; TrOCR's cross
    attention, SpeechT5's): on the CPU at M 49, 50, 145, with 2.3.2 int8 also at 100 and 196 (`bmmattn`).
    `key`: the run's sized_key. None for any other run."""
    heads = _heads_product(view, chain) or _bmm_heads_product(view, chain)
    if heads is None:
        return None
    shape, mm = heads
    if mm.node.input[1] != chain[-1].node.output[0] or mm.node.input[0] == mm.node.input[1]:
        return None
    att = _past_identity(view, mm.node.input[0])
    if att is not None and att.op_type == "Where" and len(att.node.input) == 3:
        # torch's masked SDPA: Where(IsNaN(p), 0, p) in between (`safesm` measured v's the same way: CPU at 50, 433)
        att = _past_identity(view, att.node.input[2])
    if att is None or att.op_type != "Softmax":
        return None
    return f"{key}.v:{_align4(shape[1])}"


V_VALUES_SPLIT = 245760  # between the 230400 values rk2118 kept on the NPU and the 261888 it ran on the CPU


def vsize_key(view: ModelView, chain: list[NodeRef], key: str) -> str | None:
    """The run vheads_key names by the size of v's heads alone (`<chain key>.v@gt240k` above V_VALUES_SPLIT values
    of [B, M, h, d], `.v@le240k` up to it; no batch or alignment class): rknn-toolkit2 2.3.2 and 2.5.0 on rk2118 float16 ran v's Transpose(0, 2, 1, 3) on the CPU
    from 261888 values (341 x 12 x 64; 1024 x 4 x 64, 2048 x 2 x 64, 256 x 8 x 128) and on the NPU at 230400 (300 x 12 x
    64) and below, whatever the split into M, h and d (calibration/placement_sweep.py `vsz`, batch 1), as the windowed v
    of the held Swin / Donut exports did by their whole batch of windows. `key`: the run's sized_key."""
    shape = _shape(view, chain[0].node.output[0]) if vheads_key(view, chain, key) else None
    if not shape or not all(isinstance(d, int) and d > 0 for d in shape):
        return None
    return f"{chain_key(view, chain)}.v@{'gt240k' if math.prod(shape) > V_VALUES_SPLIT else 'le240k'}"


def qheads_key(view: ModelView, chain: list[NodeRef], key: str) -> str | None:
    """sized_key of the run that splits an attention's q, made by a Linear of its own, into heads (`<sized key>.q:<N's
    alignment>`): Reshape [B, N, C] -> [B, N, h, d] -> Transpose(0, 2, 1, 3), read unscaled as the left operand of q @
    k^T (k's heads Transposed to [B, h, d, N]), the scores scaled after the product, as transformers 5 writes Hugging
    Face Swin (Donut). Its sized key is v's (vheads_key): rknn-toolkit2 2.3.2 (float16, int8) on rk3566 kept q's
    Reshape and Transpose on the NPU at 49, 64 and 100 tokens a window, where v's ran on the CPU at 49; 2.5.0 ran q's
    Transpose on the CPU at 49 and 64, split at 100 (calibration/placement_sweep.py `hfswinpad`). `key`: the run's
    sized_key. None for any other run."""
    heads = _heads_product(view, chain)
    if heads is None or heads[1].node.input[0] != chain[1].node.output[0]:
        return None
    shape, mm = heads
    k = _past_identity(view, mm.node.input[1])
    if k is None or k.op_type != "Transpose" or _perm(k) not in ((0, 2, 3, 1), (0, 1, 3, 2)):
        return None
    return f"{key}.q:{_align4(shape[1])}"


_SDPA_PATH = frozenset({"Split", "Slice", "Gather", "Squeeze", "Unsqueeze", "Transpose", "Reshape"})


def _matmul_reads(view: ModelView, name: str, hops: int = 6) -> dict[int, dict[int, bool]]:
    """The MatMuls that read `name` through layout ops (_SDPA_PATH) and at most one Mul by a constant (weights or
    shapes), within `hops` ops: MatMul index -> {input slot: whether that operand passed the Mul}."""
    slots: dict[int, dict[int, bool]] = {}
    frontier = [(name, False)]
    seen: set[tuple[str, bool]] = set()
    for _ in range(hops):
        nxt = []
        for value, through_mul in frontier:
            for user in view.consumers_of(value):
                slot = list(user.node.input).index(value)
                if user.op_type == "MatMul":
                    slots.setdefault(user.index, {})[slot] = through_mul
                elif user.op_type == "Mul" and not through_mul and any(  # a scale made of weights or of shapes
                        not view.depends_on_inputs(x) for x in user.node.input if x != value):
                    nxt += [(o, True) for o in user.node.output]
                elif user.op_type in _SDPA_PATH:
                    nxt += [(o, through_mul) for o in user.node.output if o]
        frontier = [v for v in nxt if v not in seen]
        seen.update(frontier)
    return slots


def _qk_form(view: ModelView, name: str) -> str | None:
    """How an attention's product of q and k^T reads the split qkv tensor `name`: `sdpa` where each part passes a Mul
    by a constant (weights or shapes) first, as torch.onnx writes F.scaled_dot_product_attention (q * s and k^T * s,
    s = sqrt(1 / sqrt(d))); `qk` where a MatMul reads two parts otherwise (q @ k^T, then the scale, or q scaled
    alone); None where no MatMul reads two parts of it."""
    pairs = [got for got in _matmul_reads(view, name).values() if len(got) == 2]
    if not pairs:
        return None
    return "sdpa" if any(all(got.values()) for got in pairs) else "qk"


def sdpa_key(view: ModelView, chain: list[NodeRef], key: str) -> str | None:
    """The sized key of an attention's qkv run with the form of its q @ k^T product (`<sized key>.sdpa` where q and
    k^T are each scaled by a constant before it: F.scaled_dot_product_attention as torch.onnx writes it, timm's fused
    attention, MobileViT's export; `<sized key>.qk` otherwise). rknn-toolkit2 2.3.0 and 2.3.2 on rv1106 int8 ran the
    qkv Transpose(2, 0, 3, 1, 4) over a batch of 4 on the CPU (a Gather) in the SDPA form and on the NPU in the plain
    form at 4, 16 and 64 tokens (calibration/placement_sweep.py `attn` b 4 with and without `sdpa`). `key`: the run's
    sized_key. None for a run whose output no such product reads."""
    last = chain[-1]
    form = _qk_form(view, last.node.output[0]) if last.op_type == "Transpose" and last.node.output else None
    return f"{key}.{form}" if form else None


def _slice_of_one(view: ModelView, ref: NodeRef, name: str) -> bool:
    """Whether `ref` is a Slice of one element of `name`'s axis 0, read only by a Squeeze (torch dynamo's `unbind(0)`,
    Paddle2ONNX's q / k / v)."""
    ins = list(ref.node.input)
    if ref.op_type != "Slice" or len(ins) < 4 or ins[0] != name:
        return False
    lo, hi, axes = (view.const_value(x) for x in ins[1:4])
    if lo is None or hi is None or axes is None or np.size(lo) != 1 or np.size(axes) != 1 or int(np.ravel(axes)[0]):
        return False
    if int(np.ravel(hi)[0]) - int(np.ravel(lo)[0]) != 1:
        return False
    users = view.consumers_of(ref.node.output[0])
    return len(users) == 1 and users[0].op_type == "Squeeze"


def _taken_by(view: ModelView, name: str) -> str | None:
    """How the parts of `name` are taken out of its leading axis: `gather` where every reader is a Gather of one index
    on axis 0 (torchvision's `qkv[0], qkv[1], qkv[2]`), `split` where one Split on axis 0 reads it (timm's
    `unbind(0)`: Split + Squeeze), `slice` where every reader is a Slice of one on axis 0 and a Squeeze (the same
    `unbind(0)` as torch dynamo writes it); None otherwise. Shape readers are left out (folded in a static model)."""
    users = [u for u in view.consumers_of(name) if u.op_type not in _SHAPE_READERS]
    if not users or name in view.output_names:
        return None
    if all(u.op_type == "Gather" and int(u.attr("axis", 0) or 0) == 0 and u.node.input[0] == name for u in users):
        idx = [view.const_value(u.node.input[1]) for u in users]
        return "gather" if all(i is not None and i.ndim == 0 for i in idx) else None
    if len(users) == 1 and users[0].op_type == "Split" and int(users[0].attr("axis", 0) or 0) == 0:
        return "split"
    if len(users) > 1 and all(_slice_of_one(view, u, name) for u in users):
        return "slice"
    return None


def take_key(view: ModelView, chain: list[NodeRef], key: str) -> str | None:
    """The sized key of a run ending in a Transpose whose parts are taken out of the leading axis, with how
    (`<sized key>.gather` / `.split` / `.slice`: _taken_by). rknn-toolkit2 2.3.2 on rk3588 fp16 ran a windowed
    attention's qkv Transpose(2, 0, 3, 1, 4) on the CPU where Gathers take q, k, v out (4 to 64 windows of 49, 64 and
    144 tokens, as torchvision's Swin-T in whole builds) and on the NPU where a Split does (timm's Swin-V2-CR)
    (calibration/placement_sweep.py `wtake`, `wslice`; docs/probe.md). `key`: the run's sized_key. None for any other
    run."""
    last = chain[-1]
    form = _taken_by(view, last.node.output[0]) if last.op_type == "Transpose" and last.node.output else None
    return f"{key}.{form}" if form else None


def take_width_key(view: ModelView, chain: list[NodeRef], take: str | None) -> str | None:
    """take_key of a qkv run (Reshape [B, N, 3, h, d] -> Transpose) with the alignment of the width C = h * d
    (`<take>.c<16|8|1>`; d's is the key's own): MobileViT's attention over its 4 patch pixels as torch dynamo writes
    it. With 2.3.2 on rk3566 float16 the qkv Reshape, the v Slice and the out Reshape ran on the CPU where C is no
    multiple of 16 (C 120, d 30), on the NPU at C 64 to 240 (d 16 to 60); int8 put them on the CPU where d is no
    multiple of 8 (20, 30, 36, 60), on the NPU at 16, 24, 48 (calibration/placement_sweep.py `mvitdyn`). None for any
    other run."""
    head = chain[0]
    if take is None or head.op_type != "Reshape" or not head.node.output:
        return None
    y = _shape(view, head.node.output[0])
    if not y or len(y) != 5 or y[2] != 3 or not all(isinstance(d, int) and d > 0 for d in y[3:]):
        return None
    return f"{take}.c{_align(y[3] * y[4])[1:]}"


def _q_scaled(view: ModelView, name: str) -> bool:
    """Whether the first part a Split takes out of `name` (q) is read, past its Squeeze, by one Mul by a constant."""
    split = next((u for u in view.consumers_of(name) if u.op_type == "Split"), None)
    sq = view.consumers_of(split.node.output[0]) if split is not None and split.node.output else []
    users = view.consumers_of(sq[0].node.output[0]) if len(sq) == 1 and sq[0].op_type == "Squeeze" else []
    return (len(users) == 1 and users[0].op_type == "Mul"
            and any(view.is_constant(i) for i in users[0].node.input if i != sq[0].node.output[0]))


def take_scaled_key(view: ModelView, chain: list[NodeRef], take: str | None) -> str | None:
    """`<take key>.qs` for a Split-taken qkv whose q is scaled after the take (timm's Swin and Swin-S3, `q = q *
    self.scale`): with 2.3.2 on rv1106 int8 that form put the Transpose on the CPU over 4 to 64 windows (a
    `<qkv Transpose>_y_swap_gather` Gather), none for one image, where q taken unscaled (or L2-normalised, Swin-V2-CR's
    cosine attention) kept it on the NPU at every size (calibration/placement_sweep.py `wtake`, the `qs` and `cos`
    models; unseen set 10's Swin-S3). `take`: the run's take_key. None for any other run."""
    if not take or not take.endswith(".split") or not _q_scaled(view, chain[-1].node.output[0]):
        return None
    return f"{take}.qs"


def _q_part(view: ModelView, name: str) -> str | None:
    """The first part (q) taken out of `name` past its Squeeze (a Split's first output or the Slice of index 0)."""
    first = None
    for u in view.consumers_of(name):
        if u.op_type == "Split":
            first = u.node.output[0]
        elif u.op_type == "Slice" and _slice_of_one(view, u, name):
            lo = view.const_value(u.node.input[1])
            if int(np.ravel(lo)[0]) == 0:
                first = u.node.output[0]
        elif u.op_type == "Gather":
            idx = view.const_value(u.node.input[1])
            if idx is not None and np.size(idx) == 1 and int(np.ravel(idx)[0]) == 0:
                return u.node.output[0]
    sq = view.consumers_of(first) if first else []
    return sq[0].node.output[0] if len(sq) == 1 and sq[0].op_type == "Squeeze" else None


def take_cos_key(view: ModelView, chain: list[NodeRef], take: str | None) -> str | None:
    """`<take key>.cos` for a qkv Transpose whose q is L2-normalised after the take (Swin-V2's cosine attention:
    fused_blocks.l2norm_block, its Div read next). With 2.3.2 on rk2118 float16 the plain Split and Slice takes ran
    the Transpose on the CPU over 4 to 64 windows (a `<qkv Transpose>_y_swap_gather` Gather), the cosine ones kept it on
    the NPU at every size (calibration/placement_sweep.py `wslice`; unseen set 14's SwinV2-T, unseen set 8's
    Swin-V2-CR). `take`: the run's take_key. None for any other run."""
    q = _q_part(view, chain[-1].node.output[0]) if take else None
    if q is None:
        return None
    return f"{take}.cos" if any(_l2_divided(view, u) for u in view.consumers_of(q)) else None


def _channel_attention(view: ModelView, name: str) -> bool:
    """Whether the qkv tensor `name` is split into three parts of which the second and third (k, v) reach the two
    operands of one MatMul through layout ops and a constant scale: attention over channels, k^T @ v (DaViT's channel
    attention), where token attention multiplies q by k^T."""
    splits = [u for u in view.consumers_of(name) if u.op_type == "Split" and len(u.node.output) == 3]
    if not splits:
        return False
    _, k, v = (set(_matmul_reads(view, part)) for part in splits[0].node.output)
    return bool(k & v)


def chan_key(view: ModelView, chain: list[NodeRef], key: str) -> str | None:
    """The sized key of a qkv run whose k and v parts meet in one product (`<sized key>.chan`: attention over
    channels, DaViT's channel blocks: k^T @ v -> Softmax -> @ q^T). rknn-toolkit2 2.3.2 on rk3566 fp16 ran the qkv
    Reshape [1, N, 3, H, D] and Transpose(2, 0, 3, 1, 4) of such a block on the CPU at every size measured (3136 x 96 to
    49 x 768), where timm's token attention of one image (q @ k^T) kept them on the NPU in the whole builds
    (calibration/placement_sweep.py `cattn`). `key`: the run's sized_key. None for any other run."""
    last = chain[-1]
    if last.op_type != "Transpose" or not last.node.output or not _channel_attention(view, last.node.output[0]):
        return None
    return f"{key}.chan"


TOKENS = 256  # an area attention's qkv Reshape over this many positions or more is its own size class (tokens_key)


def tokens_key(view: ModelView, chain: list[NodeRef], key: str) -> str | None:
    """The sized key of a run that starts by flattening a map's positions into the last axis, Reshape [1, C, H, W] ->
    [1, h, C / h, H * W] (ultralytics' area attention, YOLO11's C2PSA / YOLO12's A2C2f: the qkv Conv's map into its
    heads), with whether H * W reaches TOKENS (`<sized key>.n256` / `.n1`). rknn-toolkit2 2.3.0 on rk2118 float16 ran
    that Reshape on the CPU at 16 x 16, 18 x 18, 20 x 20 (YOLO11n's at 640 px), 24 x 24, 28 x 28, 32 x 32 and 40 x 40,
    on the NPU at 15 x 15 and smaller (5 to 14); 2.3.2 on the NPU at every size (calibration/placement_sweep.py
    `aattn`). `key`: the run's sized_key. None for any other run."""
    from .static_shapes import resolved_shape

    head = chain[0]
    if head.op_type != "Reshape":
        return None
    x, y = resolved_shape(view, head.node.input[0]), resolved_shape(view, head.node.output[0])
    if not x or not y or len(x) != 4 or len(y) != 4 or not all(isinstance(d, int) and d > 0 for d in (*x, *y)):
        return None
    if x[2] == 1 or x[3] == 1 or y[3] != x[2] * x[3] or y[1] * y[2] != x[1]:
        return None
    return f"{key}.n{TOKENS if y[3] >= TOKENS else 1}"


def fold_key(view: ModelView, chain: list[NodeRef], key: str) -> str | None:
    """The sized key of a run that starts by folding a batch of token rows into one row each, Reshape [B, P, c] ->
    [1, B, P * c] (B > 1: timm TNT's pixel tokens of each patch handed to the outer stream), `<sized key>.fold`.
    rknn-toolkit2 2.3.2, 2.3.0 and 2.5.0 on rk3566 fp16 ran that Reshape on the CPU (a Transpose and a Reshape named
    after it) for 4 to 196 patches of 4 to 16 pixels, into the projection's LayerNorm; rk3588 2.3.2 on the NPU
    (calibration/placement_sweep.py `tnt`). `key`: the run's sized_key. None for any other run."""
    from .static_shapes import resolved_shape

    head = chain[0]
    if head.op_type != "Reshape":
        return None
    x, y = resolved_shape(view, head.node.input[0]), resolved_shape(view, head.node.output[0])
    if not x or not y or len(x) != 3 or len(y) != 3 or not all(isinstance(d, int) and d > 0 for d in (*x, *y)):
        return None
    if x[0] == 1 or y[0] != 1 or y[1] != x[0] or y[2] != x[1] * x[2]:
        return None
    return f"{key}.fold"


def unflat_key(view: ModelView, chain: list[NodeRef], key: str) -> str | None:
    """The sized key of a run that starts by unflattening a sequence into a map, Reshape [1, C, L] -> [1, C, H, W]
    (H * W = L), with L's alignment (`<sized key>.l<1|8|16>`): the sized key spells C only. rknn-toolkit2 2.3.2 and
    2.3.0 on rk3588 fp16 ran that Reshape into EfficientViM's depthwise Conv (and the Reshape back) on the CPU for
    L = 4 and 49 with C no multiple of 4 (27, 147), on the NPU for L = 16, 64, 256 (C 75, 147) and for C = 48 at L = 4;
    rk3566 2.3.2 on the CPU at every L where C is no multiple of 4 (calibration/placement_sweep.py `hsm`). `key`: the
    run's sized_key. None for any other run."""
    from .static_shapes import resolved_shape

    head = chain[0]
    if head.op_type != "Reshape":
        return None
    x, y = resolved_shape(view, head.node.input[0]), resolved_shape(view, head.node.output[0])
    if not x or not y or len(x) != 3 or len(y) != 4 or not all(isinstance(d, int) and d > 0 for d in (*x, *y)):
        return None
    if x[0] != y[0] or x[1] != y[1] or y[2] * y[3] != x[2] or 1 in (y[2], y[3]):
        return None
    return f"{key}.l{_align(x[2])[1:]}"


def readout_key(view: ModelView, chain: list[NodeRef], key: str) -> str | None:
    """The sized key of a ViT read-out run (Reshape of the tokens [1, N, C] to a map [1, h, w, C], a Transpose to
    NCHW) fed by a Slice taking the class token off a value of a LayerNorm, with whether that norm's output is read
    by other nodes too (`<sized key>.ro:shared` / `.ro:alone`): Depth Anything's stage read-outs, whose norm torch
    dynamo merges with the next block's norm1. rknn-toolkit2 2.3.2 on rk3566 ran the read-out's Reshape and Transpose
    on the CPU where the norm also fed q / k / v Linears, on the NPU where the read-out alone read it (8 x 8 to 18 x
    24 tokens, 192 and 384 wide; calibration/placement_sweep.py `readln`). None for any other run."""
    head = chain[0]
    if head.op_type != "Reshape" or len(chain) < 2 or chain[1].op_type != "Transpose":
        return None
    sl = view.producer.get(head.node.input[0])
    if sl is None or sl.op_type != "Slice" or not sl.node.input:
        return None
    src = view.producer.get(sl.node.input[0])
    if src is None or src.op_type != "LayerNormalization":
        return None
    others = [u for u in view.consumers.get(sl.node.input[0], []) if u is not sl and u.op_type not in _SHAPE_READERS]
    return f"{key}.ro:{'shared' if others else 'alone'}"


def readout_norm_key(view: ModelView, chain: list[NodeRef], key: str) -> str | None:
    """The sized key of a LayerNorm read by a ViT read-out (a Slice of the tokens into a Reshape to a map [1, h, w, C],
    readout_key), with whether other nodes read the norm too and the class of the map's width w (`<sized
    key>.ro:shared.w8`: a multiple of 8, `.w4`: of 4 only, `.w1`): rknn-toolkit2 2.3.2 on rk3566 ran such a norm shared
    with q / k / v Linears on the CPU ('<ln>#1_rs_tp') at w = 8, 16, 24 in float16 and int8, at w = 12, 20 in float16
    only, on the NPU at w = 14 (8 x 8 to 18 x 24 tokens, 192 to 384 wide), and a norm the read-out alone reads on the
    NPU (calibration/placement_sweep.py `readln`). None for any other run."""
    from .static_shapes import resolved_shape

    if len(chain) != 1 or chain[0].op_type != "LayerNormalization":
        return None
    out = chain[0].node.output[0]
    users = [u for u in view.consumers.get(out, []) if u.op_type not in _SHAPE_READERS]
    for sl in users:
        if sl.op_type != "Slice":
            continue
        reads = view.consumers.get(sl.node.output[0], [])
        y = resolved_shape(view, sl.node.output[0])
        if len(reads) != 1 or reads[0].op_type != "Reshape" or not y or len(y) != 3 or not isinstance(y[1], int):
            continue
        grid = resolved_shape(view, reads[0].node.output[0])
        if not grid or len(grid) != 4:
            continue
        w = grid[2]
        if not isinstance(w, int) or w <= 0:
            continue
        return f"{key}.ro:{'shared' if len(users) > 1 else 'alone'}.w{8 if w % 8 == 0 else 4 if w % 4 == 0 else 1}"
    return None


def unshuffle_key(view: ModelView, chain: list[NodeRef], key: str) -> str | None:
    """The sized key of a pixel unshuffle written out (Reshape [1, C, H, W] -> [1, C, H/r, r, W/r, r] -> a rank-6
    Transpose -> Reshape to [1, C*r*r, H/r, W/r]; XFeat's stem), with whether the map is square (`<sized key>.sq` /
    `.rect`): rknn-toolkit2 2.3.2 on rk3566 ran the Transpose and the last Reshape on the CPU on 192 x 256 to 480 x 640
    maps, only the last Reshape on square ones (64 x 64 to 320 x 320; calibration/placement_sweep.py `unshuf`). None for
    any other run."""
    from .static_shapes import resolved_shape

    head = chain[0]
    if head.op_type != "Reshape" or len(chain) < 2 or chain[1].op_type != "Transpose":
        return None
    x, y = resolved_shape(view, head.node.input[0]), resolved_shape(view, head.node.output[0])
    if not x or not y or len(x) != 4 or len(y) != 6 or not all(isinstance(d, int) and d > 0 for d in (*x, *y)):
        return None
    return f"{key}.{'sq' if x[2] == x[3] else 'rect'}"


ROWS = 16  # a LayerNorm over more rank-3 token rows than this is its own size class (rows_key)


def rows_key(view: ModelView, chain: list[NodeRef], key: str) -> str | None:
    """The sized key of a run that starts with a LayerNorm over a batch of B > 1 token sequences [B, P, c] (timm TNT's
    pixel tokens, one sequence per patch), with whether B exceeds ROWS (`<sized key>.bgt16` / `.ble16`).
    rknn-toolkit2 2.5.0 on rk3566 fp16 ran TNT's inner LayerNorm's layout (two Transposes named after it) and the
    Transpose making the pixel tokens on the CPU for 24 to 196 patches, on the NPU for 4 and 16; 2.3.2 on the NPU at
    every size (calibration/placement_sweep.py `tnt`). `key`: the run's sized_key. None for any other run."""
    from .static_shapes import resolved_shape

    head = chain[0]
    if head.op_type != "LayerNormalization":
        return None
    x = resolved_shape(view, head.node.input[0])
    if not x or len(x) != 3 or not isinstance(x[0], int) or x[0] <= 1:
        return None
    return f"{key}.b{'gt' if x[0] > ROWS else 'le'}{ROWS}"


MLP_HW = 16  # a channels-last MLP block over a map this wide or narrower is its own size class (nhwc_mlp_roles)
_GELU_OPS = frozenset({"Div", "Erf", "Add", "Mul", "Sigmoid", "Tanh", "Pow", "Relu", "Gelu", "HardSwish", "Clip"})


def _linear4(view: ModelView, ref: NodeRef | None) -> bool:
    """A MatMul with a constant weight on a rank-4 tensor: a Linear over the last axis of a channels-last map."""
    if ref is None or ref.op_type != "MatMul" or ref.graph_path or len(ref.node.input) < 2:
        return False
    return view.is_constant(ref.node.input[1]) and len(_shape(view, ref.node.input[0]) or ()) == 4


def _activation_walk(view: ModelView, start: NodeRef, down: bool, hops: int = 8) -> NodeRef | None:
    """The other Linear of a channels-last MLP: from fc1 down (from fc2 up) through its activation's elementwise ops
    (GELU as torch.onnx writes it, the bias Add), at most `hops` ops; None where no such Linear is that close."""
    frontier, seen = [start], {start.index}
    for _ in range(hops):
        nxt: list[NodeRef] = []
        for ref in frontier:
            near = ([u for o in ref.node.output for u in view.consumers_of(o)] if down else
                    [p for x in ref.node.input[:1 if ref.index == start.index else None] if x
                     for p in (view.producer_of(x),) if p is not None])
            for other in near:
                if other.index in seen:
                    continue
                seen.add(other.index)
                if _linear4(view, other):
                    return other
                if other.op_type in _GELU_OPS:
                    nxt.append(other)
        frontier = nxt
    return None


def _linear3(view: ModelView, ref: NodeRef | None) -> bool:
    """A MatMul with a constant weight on rank-3 tokens [1, N, C]."""
    if ref is None or ref.op_type != "MatMul" or ref.graph_path or len(ref.node.input) < 2:
        return False
    return view.is_constant(ref.node.input[1]) and len(_shape(view, ref.node.input[0]) or ()) == 3


def token_mlp(view: ModelView, fc1: NodeRef) -> tuple[str, dict[str, NodeRef]] | None:
    """(key, role -> node) of a token MLP on rank-3 tokens [1, N, C] found at its fc1 (a MatMul with a constant weight)
    whose output reaches the next such MatMul (fc2) through elementwise ops only, one reader each: `fc1`, and `act` the
    last op in front of fc2, past an Add of an all-zero constant (which the toolkit folds away). The key spells whether a
    Pow is among them (`pow`: StarReLU, s * relu(x)^2 + b, MetaFormer's CAFormer / ConvFormer; `act` otherwise) and N's
    alignment: rknn-toolkit2 2.3.2 on rk3566 fp16 ran fc1's Transpose back and the one after the activation on the CPU
    for StarReLU at N = 9, 25, 30, 35, 49, 70, 81 (no multiple of 4), on the NPU at 16, 36, 64, 196, and a GELU or Relu
    MLP at 49 on the NPU; 2.3.0, 2.5.0 and rk3588 none (calibration/placement_sweep.py `tokmlp`). None for any other
    node."""
    if not _linear3(view, fc1) or not fc1.node.output:
        return None
    shape = _shape(view, fc1.node.output[0]) or ()
    if len(shape) != 3 or not isinstance(shape[1], int) or shape[1] <= 0:
        return None
    cur, ops, last = fc1, set(), None
    for _ in range(10):
        users = _users_past_identity(view, cur.node.output[0])
        if len(users) != 1:
            return None
        u = users[0]
        if _linear3(view, u) and u.node.input[0] == cur.node.output[0]:
            break
        if u.op_type not in _GELU_OPS:
            return None
        ins = [x for x in u.node.input if x and x != cur.node.output[0]]
        if any(view.depends_on_inputs(x) for x in ins) and u.op_type not in ("Mul",):
            return None  # another computed operand: not an activation (GELU's Mul by x is the one exception)
        ops.add(u.op_type)
        if not (u.op_type == "Add" and ins and all(all_zero(view, x) for x in ins)):
            last = u
        cur = u
    else:
        return None
    if last is None:
        return None
    return f"tokmlp3:{'pow' if 'Pow' in ops else 'act'}:{_align4(shape[1])}", {"fc1": fc1, "act": last}


def token_mlp_placement(tab: dict[str, Any], view: ModelView, ref: NodeRef
                        ) -> tuple[str, list[tuple[str, NodeRef]], str] | None:
    """(key, [(role, node)] on the CPU, sweep table) of a token MLP (token_mlp) the small models measured."""
    found = token_mlp(view, ref)
    return _measured_role_nodes(tab, "token_mlp", [found[0]], found[1]) if found else None


def _measured_role_nodes(tab: dict[str, Any], section: str, keys: list[str], roles: dict[str, NodeRef]
                         ) -> tuple[str, list[tuple[str, NodeRef]], str] | None:
    """(key, [(role, node)] on the CPU, sweep table) by the first of `keys` the sweep's `section` measured."""
    sec = (tab.get("sweep") or {}).get(section) or {}
    key = next((k for k in keys if k in sec), None)
    if key is None:
        return None
    return key, [(r, n) for r, n in roles.items() if sec[key].get(r) == "cpu"], tab.get("sweep_path") or ""


# The token count past which rknn-toolkit2 (2.3.0, 2.5.0) on rk3588 fp16 ran the Transpose from a masked SDPA's q @ k^T
# product to its CPU IsNaN on the CPU too, given more than one head: 256 kept it on the NPU, 257 did not
# (calibration/placement_sweep.py `safesz`; motifs.safe_softmax).
SAFE_SOFTMAX_LONG = 256
# int8 (2.3.2, rk3588 and rv1106) kept it on the NPU up to 325 tokens (257, 300, 301, 325) and ran it on the CPU from
# 384 (384 to 577 tokens of 2 to 6 heads): the class `@xl` first, where a table measured it.
SAFE_SOFTMAX_XL = 384


def safe_softmax(view: ModelView, ref: NodeRef) -> tuple[list[str], dict[str, NodeRef]] | None:
    """(keys, role -> node) of the Softmax torch's masked scaled_dot_product_attention exports, found at its IsNaN:
    probabilities p -> Where(IsNaN(p), 0, p) -> the product with v, p = Softmax of the product q @ k^T (past the
    scale / mask Muls, Divs and Adds on its first input). Roles `qk` (that product) and `where`. rknn-toolkit2 2.3.2 on
    rk3566 ran the IsNaN on the CPU with a Transpose on each side, from the product's layout (named after `qk`) and back
    into the product with v (named after `where`), at 16 to 433 tokens, masked or not (calibration/placement_sweep.py
    `safesm`: unseen set 15's Depth-Anything, MobileBERT, DistilBERT). On rk3588 fp16 (2.3.0, 2.5.0) only the
    Transpose named after `qk` ran on the CPU, and only past SAFE_SOFTMAX_LONG tokens with more than one head (257 to
    577 tokens of 2 to 6 heads; 16 to 256 tokens of up to 24 heads and 433 to 640 tokens of one head kept it on the
    NPU: `safesz`), hence the size class first; int8 builds moved that edge to SAFE_SOFTMAX_XL. Keys
    `safesm@xl.<h1|hn>` (from SAFE_SOFTMAX_XL tokens), `safesm@<long|short>.<h1|hn>`, `safesm:<N's alignment>`,
    `safesm`."""
    if ref.op_type != "IsNaN" or ref.graph_path or not ref.node.input:
        return None
    sm = view.producer.get(ref.node.input[0])
    where = next((u for u in view.consumers.get(ref.node.output[0], []) if u.op_type == "Where"
                  and len(u.node.input) == 3 and u.node.input[0] == ref.node.output[0]
                  and u.node.input[2] == ref.node.input[0]), None)
    if sm is None or sm.op_type != "Softmax" or where is None:
        return None
    cur = view.producer.get(sm.node.input[0])
    for _ in range(4):
        if cur is None or cur.op_type not in ("Add", "Mul", "Div") or not cur.node.input:
            break
        cur = view.producer.get(cur.node.input[0])
    shape = _shape(view, ref.node.input[0])
    if cur is None or cur.op_type != "MatMul" or not shape or len(shape) < 2:
        return None
    heads = shape[-3] if len(shape) >= 3 else 1
    keys = [f"safesm:{_align4(shape[-1])}", "safesm"]
    if isinstance(shape[-1], int) and isinstance(heads, int) and shape[-1] > 0 and heads > 0:
        h = 'h1' if heads == 1 else 'hn'
        keys.insert(0, f"safesm@{'long' if shape[-1] > SAFE_SOFTMAX_LONG else 'short'}.{h}")
        if shape[-1] >= SAFE_SOFTMAX_XL:
            keys.insert(0, f"safesm@xl.{h}")
    return keys, {"qk": cur, "where": where}


def safe_softmax_placement(tab: dict[str, Any], view: ModelView, ref: NodeRef
                           ) -> tuple[str, list[tuple[str, NodeRef]], str] | None:
    """(key, [(role, node)] on the CPU, sweep table) of a masked SDPA's safe Softmax (safe_softmax) the small models
    measured."""
    found = safe_softmax(view, ref)
    return _measured_role_nodes(tab, "safe_softmax", *found) if found else None


def _scores_product(view: ModelView, name: str, hops: int = 3) -> NodeRef | None:
    """The MatMul of two computed tensors (q @ k^T) that makes `name`, past Muls / Divs by constants; None otherwise."""
    cur = view.producer.get(name)
    for _ in range(hops):
        if cur is None or cur.op_type not in ("Mul", "Div") or len(cur.node.input) < 2:
            break
        live = [x for x in cur.node.input[:2] if not view.is_constant(x)]
        cur = view.producer.get(live[0]) if len(live) == 1 else None
    if cur is None or cur.op_type != "MatMul" or any(view.is_constant(x) for x in cur.node.input[:2]):
        return None
    return cur


def masked_softmax(view: ModelView, ref: NodeRef) -> tuple[list[str], dict[str, NodeRef]] | None:
    """(keys, role -> node) of an eager attention's Softmax whose scores, the product q @ k^T of two computed tensors,
    reach it through Adds / Muls / Divs one of which adds a computed mask (its other operand no constant). Role `qk`:
    that product. The mask's form is the key: `where` when a Where makes it (transformers 5's eager mask:
    Where(Expand(bool mask), 0, float min)), else `other`; `full` when it has the scores' query rows, `bcast` when it
    broadcasts over them (BERT's (1 - m) * -1e4 as [1, 1, 1, N]). rknn-toolkit2 2.3.2 on rk3566 (float16) put a CPU
    Transpose from the product's layout, named after `qk`, in front of the CPU Softmax for the full Where mask at 50,
    64 and 128 tokens, not for the broadcast one nor a constant mask (calibration/placement_sweep.py `qkmask`: unseen
    sets 17-19's RoFormer, ConvBERT and SqueezeBERT). Keys `masksm:<where|other>:<full|bcast>:<N's alignment>`,
    `masksm:<where|other>:<full|bcast>`."""
    if ref.op_type != "Softmax" or ref.graph_path or not ref.node.input:
        return None
    if any(u.op_type == "IsNaN" for u in view.consumers.get(ref.node.output[0], [])):
        return None  # torch's masked SDPA: safe_softmax
    cur, mask = view.producer.get(ref.node.input[0]), None
    for _ in range(4):
        if cur is None or cur.op_type not in ("Add", "Mul", "Div") or len(cur.node.input) < 2:
            break
        live = [x for x in cur.node.input[:2] if not view.is_constant(x)]
        if cur.op_type == "Add" and len(live) == 2:
            for x, other in ((live[0], live[1]), (live[1], live[0])):
                product = _scores_product(view, x)
                if product is not None and product.node.output[0] != other:
                    cur, mask = product, other
                    break
            break
        cur = view.producer.get(live[0]) if live else None
    if cur is None or cur.op_type != "MatMul" or mask is None:
        return None
    scores, m = _shape(view, cur.node.output[0]), _shape(view, mask)
    if not scores or not m or len(scores) < 2:
        return None
    maker = view.producer.get(mask)
    form = "where" if maker is not None and maker.op_type == "Where" else "other"
    rows = "full" if len(m) >= 2 and m[-2] == scores[-2] and scores[-2] != 1 else "bcast"
    keys = [f"masksm:{form}:{rows}:{_align4(scores[-1])}", f"masksm:{form}:{rows}"]
    return keys, {"qk": cur}


def masked_softmax_placement(tab: dict[str, Any], view: ModelView, ref: NodeRef
                             ) -> tuple[str, list[tuple[str, NodeRef]], str] | None:
    """(key, [(role, node)] on the CPU, sweep table) of an eager attention's masked Softmax (masked_softmax) the small
    models measured."""
    found = masked_softmax(view, ref)
    return _measured_role_nodes(tab, "masked_softmax", *found) if found else None


def _einsum_terms(ref: NodeRef) -> tuple[list[str], str] | None:
    """(input terms, output term) of an Einsum's equation written without spaces ('nshd,nshv->nhdv'); None else."""
    eq = ref.attr("equation")
    eq = eq.decode() if isinstance(eq, bytes) else eq
    if ref.op_type != "Einsum" or not isinstance(eq, str) or "->" not in eq or " " in eq or "." in eq:
        return None
    ins, out = eq.split("->")
    return ins.split(","), out


_FEATURE_MAPS = frozenset({"Elu", "Selu", "Celu", "Softplus", "Exp"})  # a linear attention's phi


def _feature_chain(view: ModelView, name: str) -> dict[str, NodeRef]:
    """The roles of a linear attention's operand back from `name`: `feat` (the last element-wise op making it: elu +
    1's Add, or v's scale by a constant), `act` (an element-wise op in front of that: the Elu), `rs` (the Reshape to
    heads), `lin` (the Linear, a MatMul by a constant, in front of it). Missing roles are left out."""
    roles: dict[str, NodeRef] = {}
    cur = view.producer.get(name)
    for role in ("feat", "act"):
        if cur is None or (op_class(cur.op_type) != "elt" and cur.op_type not in _FEATURE_MAPS) or \
                sum(not view.is_constant(i) for i in cur.node.input if i) != 1:
            break
        roles[role] = cur
        cur = view.producer.get(next(i for i in cur.node.input if i and not view.is_constant(i)))
    if cur is not None and cur.op_type == "Reshape":
        roles["rs"] = cur
        lin = view.producer.get(cur.node.input[0])
        if lin is not None and lin.op_type == "MatMul" and view.is_constant(lin.node.input[1]):
            roles["lin"] = lin
    return roles


def linear_attention(view: ModelView, ref: NodeRef) -> tuple[list[str], dict[str, NodeRef]] | None:
    """(keys, role -> node) of a linear attention as fast-transformers writes it (LoFTR's encoder), found at its KV
    Einsum: KV = Einsum('nshd,nshv->nhdv', k, v) contracting the token axis s of the feature-mapped k (elu + 1) and
    v, beside ReduceSum(k) over that axis, the normaliser Z = 1 / (Einsum('nlhd,nhd->nlh', q, ksum) + eps) and the
    output Einsum of q, KV (and Z) Reshaped back to tokens. Roles: `k_lin`, `k_rs`, `k_act`, `k_feat` (k's Linear,
    Reshape to heads, Elu and + 1), `v_lin`, `v_rs`, `v_feat` (v's scale), `q_lin`, `q_rs`, `q_act`, `q_feat`, `kv`,
    `ksum`, `qk` (q . ksum), `eps`, `recip`, `out` (the output Einsum), `out_scale`, `out_rs`. rknn-toolkit2 2.3.2 on
    rk3566 ran k's Linear, Reshape and + 1, the ReduceSum, the output Einsum and its Reshape on the CPU (layers named
    '<k lin>_mm_tp', '<k feat>_tp_rs', '<ksum>_rs', '<out>#1_tp_rs'; int8 v's scale and Reshape too;
    calibration/placement_sweep.py `linattn`: unseen set 21's LoFTR-lite). Keys `linattn:<S's alignment>:d<d's
    alignment>`, `linattn`."""
    terms = _einsum_terms(ref)
    if terms is None or len(ref.node.input) != 2 or ref.graph_path:
        return None
    (tk, tv), to = terms[0], terms[1]
    seq = [c for c in tk if c in tv and c not in to]
    if len(tk) != 4 or len(seq) != 1 or tk.index(seq[0]) == len(tk) - 1:
        return None  # one contracted axis, not k's features (the token axis)
    axis = tk.index(seq[0])
    k, v = ref.node.input
    ksum = None
    for u in view.consumers.get(k, []):
        if u.op_type == "ReduceSum":
            ax = u.attr("axes")
            if ax is None and len(u.node.input) > 1:
                val = view.const_value(u.node.input[1])
                ax = None if val is None else [int(a) for a in np.ravel(val)]
            if ax is not None and [a % len(tk) for a in ax] == [axis]:
                ksum = u
    if ksum is None:
        return None
    roles: dict[str, NodeRef] = {"kv": ref, "ksum": ksum}
    roles.update({f"k_{r}": n for r, n in _feature_chain(view, k).items()})
    roles.update({f"v_{r}": n for r, n in _feature_chain(view, v).items() if r != "act"})
    out = next((u for u in view.consumers.get(ref.node.output[0], []) if u.op_type == "Einsum"), None)
    qk = next((u for u in view.consumers.get(ksum.node.output[0], []) if u.op_type == "Einsum"), None)
    if out is None or qk is None:
        return None
    roles["out"], roles["qk"] = out, qk
    q = next((i for i in out.node.input if i != ref.node.output[0]), None)
    if q is not None and q in qk.node.input:
        roles.update({f"q_{r}": n for r, n in _feature_chain(view, q).items()})
    cur = qk
    for role, ops in (("eps", ("Add",)), ("recip", ("Reciprocal", "Div"))):
        nxt = view.consumers.get(cur.node.output[0], [])
        if len(nxt) != 1 or nxt[0].op_type not in ops:
            break
        cur = roles[role] = nxt[0]
    cur = out
    for role, ops in (("out_scale", ("Mul", "Div")), ("out_rs", ("Reshape",))):
        nxt = view.consumers.get(cur.node.output[0], [])
        if len(nxt) != 1 or nxt[0].op_type not in ops:
            continue
        cur = roles[role] = nxt[0]
    shape = _shape(view, k)
    if shape is None or len(shape) != 4 or not all(isinstance(d, int) and d > 0 for d in shape):
        from .static_shapes import resolved_shape

        shape = resolved_shape(view, k)
    s, d = (shape[axis], shape[-1]) if shape and len(shape) == 4 else (None, None)
    return [f"linattn:{_align4(s)}:d{_align(d)[1:]}", "linattn"], roles


def linear_attention_placement(tab: dict[str, Any], view: ModelView, ref: NodeRef
                               ) -> tuple[str, list[tuple[str, NodeRef]], str] | None:
    """(key, [(role, node)] on the CPU, sweep table) of a linear attention (linear_attention) the small models
    measured."""
    found = linear_attention(view, ref)
    return _measured_role_nodes(tab, "linear_attention", *found) if found else None


def written_layernorm_head(view: ModelView, last: NodeRef | None) -> NodeRef | None:
    """The first ReduceMean of a written-out LayerNorm (fused_blocks.layernorm_block) whose last node is `last`,
    found back from its affine Add / Mul to the Div, the Sub and the mean; None otherwise. The toolkit names the
    fused layer, and the layout layers it hangs on it, after that mean ('exNorm:<mean>_2ln')."""
    from .fused_blocks import layernorm_block

    cur = last
    while cur is not None and cur.op_type in ("Add", "Mul") and any(view.is_constant(i) for i in cur.node.input):
        cur = view.producer_of(next((i for i in cur.node.input if not view.is_constant(i)), ""))
    sub = view.producer_of(cur.node.input[0]) if cur is not None and cur.op_type == "Div" else None
    head = view.producer_of(sub.node.input[1]) if sub is not None and sub.op_type == "Sub" else None
    block = layernorm_block(view, head) if head is not None else None
    return head if block and last is not None and block[-1].index == last.index else None


def _mlp_entry(view: ModelView, fc1: NodeRef) -> tuple[NodeRef | None, set[str]]:
    """The LayerNormalization in front of a channels-last MLP's fc1 (None where it is written out) and the tensors
    the block's entry reads: the LayerNorm's input (a written-out one's mean's) and, where a Transpose(0, 2, 3, 1)
    makes that, the Transpose's input."""
    prod = view.producer_of(fc1.node.input[0])
    ln = prod if prod is not None and prod.op_type == "LayerNormalization" else None
    if ln is not None:
        x = ln.node.input[0]
    else:
        head = written_layernorm_head(view, prod)
        if head is None:
            return None, set()
        x = head.node.input[0]
    reads = {x}
    tp = view.producer_of(x)
    if tp is not None and tp.op_type == "Transpose" and _perm(tp) == (0, 2, 3, 1):
        reads.add(tp.node.input[0])
    return ln, reads


def _mlp_exit(view: ModelView, fc2: NodeRef) -> tuple[NodeRef | None, NodeRef | None, bool]:
    """(the Transpose(0, 3, 1, 2) back to NCHW, the residual Add, whether a Mul by a constant (a layer scale) comes
    between fc2 and that Transpose) behind a channels-last MLP's fc2, through its bias Add and a layer-scale Mul (each
    with a constant operand); None for what is not there."""
    cur, back, scaled = fc2, None, False
    for _ in range(5):
        users = view.consumers_of(cur.node.output[0])
        if len(users) != 1 or cur.node.output[0] in view.output_names:
            return back, None, scaled
        u = users[0]
        others = [x for x in u.node.input if x and x != cur.node.output[0]]
        if u.op_type == "Transpose" and back is None and _perm(u) == (0, 3, 1, 2):
            back = u
        elif u.op_type in ("Add", "Mul") and others and all(view.is_constant(x) for x in others):
            scaled = scaled or (u.op_type == "Mul" and back is None)
        elif u.op_type == "Add" and len(others) == 1:
            return back, u, scaled
        else:
            return back, None, scaled
        cur = u
    return back, None, scaled


def nhwc_mlp_roles(view: ModelView, ref: NodeRef) -> tuple[str, str] | None:
    """(role, form) of a node of a channels-last MLP block (_nhwc_mlp_parts without the block's Linears)."""
    got = _nhwc_mlp_parts(view, ref)
    return None if got is None else got[:2]


def _nhwc_mlp_parts(view: ModelView, ref: NodeRef) -> tuple[str, str, NodeRef, NodeRef] | None:
    """(role, form, fc1, fc2) of a node of a channels-last MLP block (LayerNorm over the last axis -> Linear -> activation ->
    Linear -> a residual Add, through a Transpose back to NCHW or not): role `mlpin` for the LayerNorm and fc1,
    `mlptp` for fc2 and the Transpose back where there is one (`mlpstp` where a layer-scale Mul comes before it),
    `mlpout` for fc2 where the residual Add reads it channels-last; form `fork` where the residual Add reads a tensor the block's entry
    reads (the LayerNorm's input, or the input of the Transpose(0, 2, 3, 1) in front of it: Swin's MLP, which adds
    its channels-last input back; a ConvNeXt block without its depthwise Conv), `own` where it reads another (the
    stream in front of ConvNeXt's depthwise Conv), `chain` / `chainin` inside a channels-last region (_mlp_chained),
    then the map's size class (`.le16`: H and W at most MLP_HW,
    `.gt16`). None for any other node."""
    fc1 = fc2 = None
    if ref.op_type == "LayerNormalization":
        users = view.consumers_of(ref.node.output[0])
        fc1 = users[0] if len(users) == 1 and _linear4(view, users[0]) else None
    elif ref.op_type == "Transpose" and _perm(ref) == (0, 3, 1, 2):
        cur = view.producer_of(ref.node.input[0])
        for _ in range(3):  # back through the bias Add and a layer-scale Mul
            if cur is None or _linear4(view, cur):
                break
            ins = [x for x in cur.node.input if x]
            if cur.op_type not in ("Add", "Mul") or len(ins) != 2 or not any(view.is_constant(x) for x in ins):
                return None
            cur = view.producer_of(next(x for x in ins if not view.is_constant(x)))
        back = _mlp_exit(view, cur)[0] if _linear4(view, cur) else None
        fc2 = cur if back is not None and back.index == ref.index else None
        if fc2 is None:
            return None
    elif _linear4(view, ref):
        fc2 = _activation_walk(view, ref, down=True)
        if fc2 is not None:
            fc1 = ref
        else:
            fc1, fc2 = _activation_walk(view, ref, down=False), ref
    if fc1 is None and fc2 is None:
        return None
    if fc1 is None:
        fc1 = _activation_walk(view, fc2, down=False)
    elif fc2 is None:
        fc2 = _activation_walk(view, fc1, down=True)
    if fc1 is None or fc2 is None:
        return None
    ln, reads = _mlp_entry(view, fc1)
    if not reads or (ref.op_type == "LayerNormalization" and (ln is None or ln.index != ref.index)):
        return None
    back, res, scaled = _mlp_exit(view, fc2)
    if res is None:
        return None
    chained = _mlp_chained(view, reads, res)
    role = ("mlpin" if ref.op_type == "LayerNormalization" or ref.index == fc1.index else "mlpout" if back is None
            else "mlpstp" if scaled else "mlptp")
    from .static_shapes import resolved_shape

    x = resolved_shape(view, fc2.node.input[0]) or ()
    hw = [d for d in x[1:3] if isinstance(d, int) and d > 0]
    size = "" if len(hw) != 2 else ".le16" if max(hw) <= MLP_HW else ".gt16"
    if chained:  # inside a channels-last region: `chain` where its entry adds another Linear's branch back
        if _entry_adds_branch(view, reads):
            return role, "chain" + size, fc1, fc2
        if _mlp_chained(view, reads, None):
            return None  # the stream itself a Linear's output (Swin's patch merging in front): not measured apart
        return role, "chainin" + size, fc1, fc2
    return role, ("fork" if reads & set(res.node.input) else "own") + size, fc1, fc2


def _after_linear4(view: ModelView, name: str, hops: int = 2) -> bool:
    """Whether `name` is a channels-last Linear's output, through at most `hops` constant Adds / Muls (its bias, a
    layer scale)."""
    cur = view.producer_of(name)
    for _ in range(hops + 1):
        if cur is None or _linear4(view, cur):
            return cur is not None
        ins = [x for x in cur.node.input if x]
        if cur.op_type not in ("Add", "Mul") or len(ins) != 2 or not any(view.is_constant(x) for x in ins):
            return False
        cur = view.producer_of(next(x for x in ins if not view.is_constant(x)))
    return False


def _entry_adds_branch(view: ModelView, reads: set[str]) -> bool:
    """Whether a channels-last MLP block's entry reads a residual Add of a channels-last Linear's output that nothing
    else reads (a branch added back: another block's fc2 or proj), not of a stream a Linear made that the branch reads
    too (Swin's patch merging Linear in front of a stage's first block, whose norm2 the whole builds ran on the CPU)."""
    for x in reads:
        add = view.producer_of(x)
        if add is not None and add.op_type == "Add" and any(
                _after_linear4(view, i) and len(view.consumers_of(i)) == 1 for i in add.node.input if i):
            return True
    return False


def _mlp_chained(view: ModelView, reads: set[str], res: NodeRef | None) -> bool:
    """Whether a channels-last MLP block sits in a run of channels-last compute with no layout op between: its entry
    is a residual Add of another channels-last Linear's output, or its residual Add feeds one (directly or through a
    LayerNorm). rknn-toolkit2 2.3.2 on rk3566 put one CPU entry and one exit around such a whole region, not around
    each block (calibration/placement_sweep.py `nhwc_mlp_chain`, kept as evidence), and ran timm VOLO-D1's chained
    outlooker / MLP blocks on the NPU (unseen set 5, calibration/results/unseen4/). nhwc_mlp_roles spells such a block
    `chain` (its entry adds another Linear's branch back, _entry_adds_branch: the LayerNorm and fc1 on the NPU in those
    builds) or `chainin` (only its residual Add feeds one: the region's first LayerNorm, on the CPU). `res` None: the
    entry alone."""
    for x in reads:
        add = view.producer_of(x)
        if add is not None and add.op_type == "Add" and any(_after_linear4(view, i) for i in add.node.input if i):
            return True
    for user in view.consumers_of(res.node.output[0]) if res is not None else ():
        if _linear4(view, user) or (user.op_type == "LayerNormalization" and any(
                _linear4(view, u) for u in view.consumers_of(user.node.output[0]))):
            return True
    return False


def _mlp_gelu(view: ModelView, fc1: NodeRef, fc2: NodeRef) -> str | None:
    """The form (rkn601's gelu_form: torchscript, dynamo, half_first, rsqrt2) of the Erf GELU between a channels-last
    MLP's two Linears, `other` for an Erf in no known GELU form; None where the activation holds no Erf."""
    from .checks.ops.rkn601_cpu_fallback_op import gelu_form

    frontier, seen = [fc1], {fc1.index, fc2.index}
    for _ in range(8):
        nxt = []
        for cur in frontier:
            for user in (u for o in cur.node.output for u in view.consumers_of(o)):
                if user.index in seen or user.op_type not in _GELU_OPS:
                    continue
                if user.op_type == "Erf":
                    return gelu_form(view, user) or "other"
                seen.add(user.index)
                nxt.append(user)
        frontier = nxt
    return None


def nhwc_mlp_act_key(view: ModelView, chain: list[NodeRef]) -> str | None:
    """nhwc_mlp_key with the form of the block's Erf GELU (`.gelu_dynamo`, ...; _mlp_gelu), None where the block has
    no Erf. A GELU the toolkit version does not fuse runs its Erf on the CPU, and rknn-toolkit2 2.3.2 on rk3566
    (float16 and int8) then put the LayerNorm's Transpose (`<norm>_tp_rs`) and the Transpose back on the CPU in every
    block, also where the residual reads the stream in front of a depthwise Conv (EdgeNeXt as torch dynamo writes it:
    no block of its kind ran all on the NPU); with the TorchScript GELU, which it fuses, all on the NPU; 2.5.0, which
    fuses the dynamo GELU too, all on the NPU (calibration/placement_sweep.py `edgeblk`, 8 x 10 to 64 x 80, 48 to 384
    channels, 3 x 3 to 9 x 9 depthwise kernels). Tables without the form fall back to nhwc_mlp_key."""
    for ref in chain:
        got = _nhwc_mlp_parts(view, ref)
        if got is not None:
            form = _mlp_gelu(view, got[2], got[3])
            return f"{chain_key(view, chain)}.{got[0]}.{got[1]}.gelu_{form}" if form else None
    return None


def nhwc_mlp_key(view: ModelView, chain: list[NodeRef]) -> str | None:
    """The motif key of a run holding a node of a channels-last MLP block, with its role and form (nhwc_mlp_roles:
    `<key>.mlpin.fork`, `.mlptp.own`, ...). rknn-toolkit2 2.3.2 on rk3566 fp16 put a CPU Transpose after the
    LayerNorm (`<norm>_tp_rs`) and one at the exit (after fc2, `<fc2>_mm_tp_rs`, or the Transpose back itself) of
    every block whose residual Add reads the tensor the block's entry reads (the exit layer on fc2 where the residual
    Add reads it channels-last, on the Transpose back where there is one), at 7 to 28 px and 32 to 384 channels,
    with the LayerNorm as one op or written out; none where the residual reads the stream in front of a depthwise Conv
    (ConvNeXt, EdgeNeXt; calibration/placement_sweep.py `nhwc_mlp`, `dw`); 2.3.0 the same; 2.5.0 the same at 7 to 16
    px (the exit on fc2 also where the Transpose back follows its bias Add), none at 28 px. The first such node of the
    run decides. None for any other run."""
    for ref in chain:
        got = nhwc_mlp_roles(view, ref)
        if got is not None:
            return f"{chain_key(view, chain)}.{got[0]}.{got[1]}"
    return None


NHWC_HOPS = 6  # element-wise ops between a channels-last Transpose and a Reduce / the Transpose back (ConvNeXt-RMS: 4)


def _nhwc_source(view: ModelView, name: str, hops: int = NHWC_HOPS) -> NodeRef | None:
    """The Transpose(0, 2, 3, 1) whose channels-last result `name` is computed from through at most `hops` element-wise
    ops, each followed through its first input the network computes (x - mean, (x - mean) ** 2, x * rsqrt); None when
    another op, a graph input or another Transpose comes first."""
    cur = name
    for _ in range(hops + 1):
        p = view.producer.get(cur)
        if p is None or p.graph_path:
            return None
        if p.op_type == "Transpose":
            return p if _perm(p) == (0, 2, 3, 1) else None
        if op_class(p.op_type) != "elt":
            return None
        ins = [x for x in p.node.input if x and not view.is_constant(x)]
        if not ins:
            return None
        cur = ins[0]
    return None


def _last_axis_mean(view: ModelView, ref: NodeRef) -> bool:
    """A ReduceMean over the last axis of a rank-4 tensor (axes [3] or [-1]) in the main graph."""
    from .fused_blocks import mean_axes_class

    if ref.op_type != "ReduceMean" or ref.graph_path or not ref.node.input:
        return False
    shape = _shape(view, ref.node.input[0])
    return bool(shape) and len(shape) == 4 and mean_axes_class(view, ref) == "last"


def nhwc_reduces(view: ModelView) -> dict[int, list[NodeRef]]:
    """Channels-last Transpose(0, 2, 3, 1) index -> the ReduceMean nodes over the last axis computed from it (through
    element-wise ops, _nhwc_source) that the toolkit does not fuse into one norm layer (fused_blocks: the LayerNorm /
    RMSNorm it fuses, torchvision ConvNeXt's, keeps its Transposes on the NPU). Any version's blocks serve: only
    last-axis means count here, and every version fuses a norm over the last axis (`rmsnorm_fused_axes` holds `last`
    in every rules/toolkit/<version>.yaml, tests/test_fused_blocks.py)."""
    got = getattr(view, "_nhwc_reduces", None)
    if got is not None:
        return got
    from .fused_blocks import blocks

    fused = blocks(view)
    got = {}
    for ref in view.main_nodes:
        if ref.index in fused or not _last_axis_mean(view, ref):
            continue
        src = _nhwc_source(view, ref.node.input[0])
        if src is not None:
            got.setdefault(src.index, []).append(ref)
    view._nhwc_reduces = got  # type: ignore[attr-defined]
    return got


def nhwc_norm_key(view: ModelView, chain: list[NodeRef]) -> str | None:
    """The key of a channels-last Transpose around a normalisation the toolkit does not fuse: the Transpose(0, 2, 3, 1)
    whose result one or more ReduceMean over the last axis read (through element-wise ops; nhwc_reduces), or the
    Transpose(0, 3, 1, 2) back from such a block (its input computed from that Transpose through element-wise ops),
    spelled with its descriptor and whether one or two or more such means (`Transpose4:0231@nhwc.r2`, `.p1` on a one-pixel
    map: placement_sweep measured those apart): a mean and a
    variance (timm ConvNeXt-RMS, x - mean then (x - mean) ** 2) or one (x - mean, an RMS). rknn-toolkit2 2.3.2 on rk3566
    float16 and int8 ran the Transpose in on the CPU with one or two, the Transpose back with two, on the NPU with one;
    2.5.0 every one on the NPU (calibration/placement_sweep.py `nhwc_rms`, 32 x 40 x 40 to 384 x 8 x 8). None for any
    other run, and for a norm the toolkit fuses (torchvision ConvNeXt's written-out LayerNorm: on the NPU)."""
    if len(chain) != 1 or chain[0].op_type != "Transpose":
        return None
    ref = chain[0]
    perm = _perm(ref)
    table = nhwc_reduces(view)
    if perm == (0, 2, 3, 1):
        src = ref
    elif perm == (0, 3, 1, 2):
        src = _nhwc_source(view, ref.node.input[0])
    else:
        return None
    n = len(table.get(src.index, ())) if src is not None else 0
    return f"{describe(view, ref)}@nhwc.r{min(n, 2)}{_pixel(view, src)}" if n else None


def _pixel(view: ModelView, src: NodeRef) -> str:
    """`.p1` for a channels-last tensor of one pixel ([1, 1, 1, C]: a classifier head's norm after the pool), whose
    lowering differed (placement_sweep `nhwc_rms` at 1 x 1: the var form with no CPU layout layer, the RMS with its
    Transposes on the CPU), else ''."""
    shape = _shape(view, src.node.output[0])
    return ".p1" if shape and len(shape) == 4 and shape[1] == 1 and shape[2] == 1 else ""


def reduce_nhwc_key(view: ModelView, ref: NodeRef) -> str | None:
    """A ReduceMean over the last axis of a channels-last tensor that the toolkit does not fuse (nhwc_reduces), by
    keepdims, the class of the op in front (`layout`: the Transpose itself, `elt`: x - mean, x ** 2) and how many such
    means the block has (`ReduceMean4:last:kd0@nhwc.elt.r2`). rknn-toolkit2 2.3.2 on rk3566 float16 and int8 lowered
    each as a Reshape to [H * W, C, 1, 1], a 1x1 Conv and a Reshape back, both Reshapes on the CPU (named after the
    input tensor and after the mean: `Reshape:<x>_rs`, `Reshape:<mean>#1_rs`; the Transpose in front gets none of
    its own); 2.5.0 neither (calibration/placement_sweep.py `nhwc_rms`). None for any other node."""
    if not _last_axis_mean(view, ref):
        return None
    src = _nhwc_source(view, ref.node.input[0])
    members = nhwc_reduces(view).get(src.index, []) if src is not None else []
    if ref not in members:
        return None
    p = view.producer.get(ref.node.input[0])
    front = "layout" if p is src else "elt"
    return (f"ReduceMean4:last:kd{int(ref.attr('keepdims', 1) or 0)}@nhwc.{front}.r{min(len(members), 2)}"
            f"{_pixel(view, src)}")


def reduce_nhwc_width_key(view: ModelView, ref: NodeRef) -> str | None:
    """reduce_nhwc_key with the map's width class (`.w4` where W is a multiple of 4, `.wn` where not; none for one
    pixel): rknn-toolkit2 2.5.0 on rk3588 float16 put the Reshape of the var form's first mean (`<mean>#1_rs`) on the
    CPU at W = 5, 10 and 14 and on the NPU at W = 8, 20, 32 and 40, whatever the channels (32 to 384;
    calibration/placement_sweep.py `nhwc_rms`), as unseen set 8's ConvNeXt-RMS at its 10- and 5-wide stages. Read
    before the plain key, which tables measured without the class answer."""
    key = reduce_nhwc_key(view, ref)
    shape = _shape(view, ref.node.input[0]) if key and not key.endswith(".p1") else None
    if not shape or len(shape) != 4 or not isinstance(shape[2], int) or shape[2] <= 0:
        return None
    return f"{key}.w{'4' if shape[2] % 4 == 0 else 'n'}"


def nhwc_rows_key(view: ModelView, chain: list[NodeRef]) -> str | None:
    """The motif key of a map handed out as rows, Transpose(0, 2, 3, 1) of a computed [N, C, H, W] then a Reshape to
    [N * H * W, C] (a detector level's scores, boxes or key points as SCRFD writes them), with whether C is 1
    (`<key>@rows.c1` / `@rows.cn`): the plain key spells C = 1, 2, 4 and 10 alike (a1). rknn-toolkit2 2.3.2 and 2.5.0
    on rk3566 float16 ran the Transpose on the CPU for C = 2 to 16 and the Reshape for C = 1 (its Transpose only moves
    the size-1 axis), 20 of 20 models at 5 x 5 to 80 x 80 (calibration/placement_sweep.py `outrows`). None for any
    other run."""
    from .static_shapes import resolved_shape

    if len(chain) != 2 or _perm(chain[0]) != (0, 2, 3, 1) or chain[1].op_type != "Reshape":
        return None
    x, y = resolved_shape(view, chain[0].node.input[0]), resolved_shape(view, chain[1].node.output[0])
    if not x or len(x) != 4 or not y or len(y) != 2 or not isinstance(x[1], int) or x[1] <= 0:
        return None
    return f"{chain_key(view, chain)}@rows.c{'1' if x[1] == 1 else 'n'}"


def level_rows_key(view: ModelView, chain: list[NodeRef]) -> str | None:
    """The motif key of a detector level handed out as rows and stacked with the other levels, Transpose(0, 2, 3, 1)
    of a map [1, A * K, H, W] then a Reshape to [1, H * W * A, K] into a Concat on axis 1 (EfficientDet, RetinaFace,
    SSD ports), with K's class (`one` for K = 1, else its alignment) and whether an op reads the Concat (`op`) or it is
    a graph output (`out`): `<key>@lvl.<K>.<op|out>`. rknn-toolkit2 2.3.2 on rk3588 float16 ran each level's Reshape
    on the CPU where a Sigmoid or Softmax reads the levels and K is no multiple of 8 (K = 2, 20), none for K = 80 or 1;
    where the Concat is the output it moved the Transpose past the Concat at some level sizes and the level Reshapes
    split by level and channels (calibration/placement_sweep.py `lvlrows`). The YOLOv5 layout of a level, Reshape
    [1, A, K, H, W] -> Transpose(0, 1, 3, 4, 2) first, then the Reshape to rows (YOLOP's raw head), is the same key
    of its own 3-node run (`lvlrows5`). None for any other run."""
    from .static_shapes import resolved_shape

    nhwc = chain[1:] if len(chain) == 3 and chain[0].op_type == "Reshape" and _perm(chain[1]) == (0, 1, 3, 4, 2) \
        else chain if len(chain) == 2 and _perm(chain[0]) == (0, 2, 3, 1) else None
    if nhwc is None or nhwc[1].op_type != "Reshape":
        return None
    y = resolved_shape(view, nhwc[1].node.output[0])
    if not y or len(y) != 3 or not isinstance(y[-1], int) or y[-1] <= 0:
        return None
    cats = view.consumers_of(nhwc[1].node.output[0])
    if len(cats) != 1 or cats[0].op_type != "Concat" or cats[0].attr("axis") not in (1, -2):
        return None
    # levels stack only levels: a ViT's patch rows Concat-ed behind its class / register tokens are no detector head
    # (DINOv3 on unseen set 10: its patch Transpose / Reshape on the NPU with 2.3.2 on rk3566)
    ins = [x for x in cats[0].node.input if x]
    if len(ins) < 2 or any(getattr(view.producer.get(x), "op_type", None) != "Reshape" for x in ins):
        return None
    out = cats[0].node.output[0]
    reader = "op" if view.consumers_of(out) else "out" if out in view.output_names else None
    k = y[-1]
    if reader is None:
        return None
    return f"{chain_key(view, chain, lambda n: resolved_shape(view, n))}@lvl.{'one' if k == 1 else _align(k)}.{reader}"


def class_keys(view: ModelView, chain: list[NodeRef], sized: str | None = None) -> list[str]:
    """The keys of a run's measured classes that the sweep tables keep whatever the plain key's builds did (a cross-
    attention's key / value heads', a channel attention's qkv run's, an SDPA qkv run's, a qkv Transpose's taken apart by
    Gathers or a Split, an area attention's qkv Reshape's, a qk-norm's heads', a fold of a batch of token rows', a LayerNorm's over many
    token sequences, a flattened map's, a wide Linear's, a rank-1 output's, a graph output's that others read, a one-
    group GroupNorm's), most specific first. `sized`: the run's sized_key when the caller has it."""
    flat = flat_key(view, chain)
    sized = sized or sized_key(view, chain)
    sdpa = sdpa_key(view, chain, sized) if chain[-1].op_type == "Transpose" else None
    take = take_key(view, chain, sized) if chain[-1].op_type == "Transpose" else None
    reduced = reduced_key(view, chain, sized)
    swap = swap_key(view, chain, sized)
    smlast = softmax_rows_key(view, chain, sized)
    sqnorm = norm_heads_key(view, chain, sized) or norm_tokens_key(view, chain, sized)
    l2 = l2_key(view, chain, sized)
    tokens = tokens_key(view, chain, sized) if chain[0].op_type == "Reshape" else None
    fold = fold_key(view, chain, sized) if chain[0].op_type == "Reshape" else None
    unflat = unflat_key(view, chain, sized) if chain[0].op_type == "Reshape" else None
    rows = rows_key(view, chain, sized) if chain[0].op_type == "LayerNormalization" else None
    readout = (readout_key(view, chain, sized) or unshuffle_key(view, chain, sized) if chain[0].op_type == "Reshape"
               else readout_norm_key(view, chain, sized) if chain[0].op_type == "LayerNormalization" else None)
    keys = (area_qkv_key(view, chain, sized), kv_key(view, chain, sized), qkv_key(view, chain, sized),
            vsize_key(view, chain, sized), vheads_key(view, chain, sized),
            qheads_key(view, chain, sized),
            chan_key(view, chain, sized), shared_linear_key(view, chain, sized), sdpa,
            take_scaled_key(view, chain, take), take_cos_key(view, chain, take), take_width_key(view, chain, take),
            take, reduced, swap, smlast, sqnorm, l2,
            hw_form_key(view, chain, sized),
            windows_key(view, chain, sized), partition_key(view, chain, sized), merge_slices_key(view, chain, sized),
            resplit_key(view, chain, sized), taps_key(view, chain, sized), rnn_rows_key(view, chain, sized),
            tokens,
            fold, unflat, rows, readout,
            nhwc_mlp_act_key(view, chain), nhwc_mlp_key(view, chain), nhwc_norm_key(view, chain), nhwc_rows_key(view, chain), level_rows_key(view, chain),
            gn1_key(view, chain),
            level_flat_key(view, chain, flat_c4_key(view, chain, flat) or flat), split_flat_key(view, chain, flat),
            levels_split_key(view, chain, sized), one_feature_key(view, chain, sized),
            flat_c4_key(view, chain, flat), flat, long_key(view, chain), unit_key(view, chain), batched_weight_key(view, chain),
            wide_key(view, chain),
            vector_key(view, chain),
            shared_output_key(view, chain))
    return [k for k in keys if k]


def _input_names(view: ModelView) -> set[str]:
    names = getattr(view, "_motif_inputs", None)
    if names is None:
        names = {vi.name for vi in view.inputs}
        view._motif_inputs = names  # type: ignore[attr-defined]
    return names


def _edge(view: ModelView, run: list[NodeRef]) -> str:
    edge = []
    if run[0].node.input[0] in _input_names(view):
        edge.append("in")
    if run[-1].node.output[0] in view.output_names:
        edge.append("out")
    return "+".join(edge) or "inner"


def node_key(view: ModelView, run: list[NodeRef], ref: NodeRef) -> str:
    """The first back-off key of a node of a run: its own descriptor and whether the run touches the graph's edge
    (fed by a graph input, or ending in a graph output) or sits inside the network."""
    return f"{_edge(view, run)}|{describe(view, ref)}"


def neighbor_key(view: ModelView, run: list[NodeRef], ref: NodeRef) -> str:
    """A back-off key: the op type with the classes of the ops in front of and after its run (a layout op next to
    a CPU Softmax goes with it; between convolutions it stays on the NPU)."""
    return (f"{_producer_class(view, run[0].node.input[0])}>{ref.op_type}>"
            f"{_consumer_class(view, run[-1].node.output[0])}")


def op_key(view: ModelView, run: list[NodeRef], ref: NodeRef) -> str:
    """The last back-off key: the op type alone in the same edge context."""
    return f"{_edge(view, run)}|{ref.op_type}"


def boundary_key(view: ModelView, ref: NodeRef) -> str | None:
    """The motif of a node outside the runs by what reads its output: the toolkit may insert a Reshape / Transpose
    after it (on the CPU) to hand the tensor to its consumers ("Transpose:<conv>_output_0_tp" in front of a CPU
    InstanceNorm). None for graph outputs (see output_key) and nodes of runs."""
    if ref.graph_path or not ref.node.output or in_chain(view, ref) or ref.op_type in CHAIN_OPS:
        return None
    y = ref.node.output[0]
    if not y or y in view.output_names or y not in view.consumers:
        return None
    return f"{op_class(ref.op_type)}{_rank(_shape(view, y))}>{_consumer_class(view, y)}"


def _measured(tab: dict[str, Any], section: str, key: str | None) -> tuple[str, str | None] | None:
    """(placement, where) of a key of a boundaries / outputs section: real builds of the family first (where None),
    then the small-model sweep (calibration/placement_sweep.py, `sweep_path`); None when neither measured it or the
    measurements split."""
    if key is None:
        return None
    for where, sec in ((None, tab.get(section) or {}), (tab.get("sweep_path"), (tab.get("sweep") or {}).get(section) or {})):
        entry = sec.get(key)
        if entry and entry.get("placement") in ("cpu", "npu"):
            return entry["placement"], where
        if entry:
            return None  # measured, and the builds disagreed: no verdict
    return None


def boundary_sized_key(view: ModelView, ref: NodeRef) -> str | None:
    """boundary_key of a node making a rank-3 [1, C, N] tensor, with the alignments of C and N
    (`concat3>slice@c1.a1`), a rank-2 Div dividend, with whether the divisor is constant (`reduce2>elt@/t`: computed),
    or a scalar, with the class of the op in front (`elt0>elt@<reduce`), a rank-5 tensor into a ReduceMean
    (`elt5>reduce@mean`) or into another element-wise op, by the op in front (`elt5>elt@<reduce`): rknn-toolkit2
    2.5.0 on rk3588 fp16 ran the Reshape it adds after a detector head's Concat of the levels' rows on the CPU for
    C = 6, 65, 82 and N = 756 to 3549 (no multiple of 8), on the NPU for N = 8400 and for C = 80
    (calibration/placement_sweep.py `yhead3`; the `boundaries_sized` section)."""
    key = boundary_key(view, ref)
    shape = _shape(view, ref.node.output[0]) if key else None
    if shape is not None and len(shape) == 0 and ref.node.input and ref.node.input[0]:
        # a scalar, by the class of the op that computed its input: openWakeWord's log-mel floor, ReduceMax (a CPU
        # op) -> Sub -> Cast -> Clip's min: the Reshape after the Sub ran on the CPU, none after the Cast (rk3588
        # fp16 2.3.2 and 2.5.0, calibration/placement_sweep.py `scalar`)
        return f"{key}@<{_producer_class(view, ref.node.input[0])}"
    if key is not None and op_class(ref.op_type) == "rnn":
        # an RNN whose directions are sliced apart, by what the first direction's Slice (past its Squeeze) feeds: a
        # Keras bidirectional LSTM as tf2onnx writes it (openWakeWord's hey-mycroft): rknn-toolkit2 2.3.2 and 2.5.0 on
        # rk3566 ran a Reshape after the LSTM on the CPU where a Slice takes the last step (`rnn4>slice@>slice`), none
        # where the directions are concatenated for the next LSTM (`@>concat`; calibration/placement_sweep.py `bilstm`)
        nxt = _past_squeeze(view, ref.node.output[0])
        return f"{key}@>{op_class(nxt.op_type)}" if nxt is not None else None
    if shape is not None and len(shape) == 2:
        # a rank-2 dividend, by whether the Div's divisor is computed: translit-encoder's masked mean, ReduceSum over
        # the tokens -> [1, D] / its clipped token count: rknn-toolkit2 2.3.2 and 2.5.0 on rk3566 ran a Transpose
        # after the ReduceSum on the CPU for a computed divisor, after the Div for a constant one (rk3588: none;
        # calibration/placement_sweep.py `div2`)
        y = ref.node.output[0]
        divs = [c for c in view.consumers_of(y) if c.op_type == "Div" and c.node.input[0] == y]
        if divs and len(divs[0].node.input) > 1:
            return f"{key}@/{'c' if view.const_value(divs[0].node.input[1]) is not None else 't'}"
        if all(isinstance(d, int) and d > 0 for d in shape):
            # by the alignment of both dims (`elt2>sign@r1.a1`): an argmax pose decode's Sub of the peak's neighbours
            # [K, 1] into a Sign (a CPU op): rknn-toolkit2 2.3.2 (fp16, int8), 2.5.0 and 2.3.0 on rk3588 ran the
            # Reshape it adds after the Sub on the CPU for K = 17 and 21, none for K = 16 (calibration/placement_sweep.py
            # `signq`, as the rank-3 [1, K, 1] form's `@c<n>.a1`; unseen set 16's argmax pose decode)
            return f"{key}@r{_align(shape[0])[1:]}.{_align(shape[1])}"
        return None
    if key == "concat4>reduce" and ref.attr("axis") == 0 and shape is not None and \
            all(isinstance(d, int) and d > 0 for d in shape):
        # parallel branches stacked and summed (timm's ParallelThingsBlock: Unsqueeze(0) -> Concat on axis 0 ->
        # ReduceSum over it): rknn-toolkit2 2.3.2 on rk3588 fp16 ran a Transpose after the Concat on the CPU where one
        # branch holds more than 65536 elements (171 x 384, 196 x 384, 577 x 128), none up to it (170 x 384,
        # 256 x 256, 197 x 320 and smaller; calibration/placement_sweep.py `stacksum`)
        part = int(np.prod(shape[1:]))
        return f"{key}@{'big' if part > 65536 else 'small'}"
    if (key is not None and shape is not None and len(shape) == 5 and "pool" in key.split(">", 1)[1].split("+")
            and any(u.op_type == "GlobalAveragePool" for u in view.consumers_of(ref.node.output[0]))):
        # a rank-5 map into a global average pool (X3D's depthwise Conv3d read by its squeeze-excite pool), by the
        # alignment of H * W (`@gap.a1` / `.a8` / `.a16`): rknn-toolkit2 on rk3588 ran the Reshape it adds after the
        # Conv on the CPU ('<conv>_output_0_rs') on 10 x 10 and 5 x 5 maps, none on 8 x 8, 12 x 12, 20 x 20, 40 x 40
        # (calibration/placement_sweep.py `c3dpool`; unseen set 21's X3D-XS-lite)
        hw = _align(int(np.prod(shape[-2:])) if all(isinstance(d, int) for d in shape[-2:]) else 0)
        return f"{key}@gap.{hw}"
    if key == "conv5>elt" and shape is not None and len(shape) == 5 and _relu_into_gap(view, ref.node.output[0]):
        # a rank-5 Conv whose Relu (fused into it) feeds a global average pool (X3D's head: 1x1x1 Conv3d -> Relu ->
        # pool), by H * W as `@gap` above: rknn-toolkit2 2.3.2 (fp16, int8), 2.5.0 and 2.3.0 on rk3588 ran the Reshape
        # after the Conv on the CPU on 5 x 5 maps (calibration/placement_sweep.py `c3dhead`; unseen set 21's X3D-XS-lite)
        hw = _align(int(np.prod(shape[-2:])) if all(isinstance(d, int) for d in shape[-2:]) else 0)
        return f"{key}@relugap.{hw}"
    if key is not None and shape is not None and len(shape) == 5 and key.endswith("reduce"):
        # a rank-5 tensor into a mean (timm EvoNorm-S0's group variance over (2, 3, 4): the tensor taken and its
        # square): rknn-toolkit2 2.3.2 on rk3566 fp16 ran the Reshape it adds after the op on the CPU in 14 of 14
        # builds (calibration/placement_sweep.py `evonorm`); a ReduceSum's (StyleGAN2's demodulation) not measured so
        # rk3588 (2.3.0 / 2.3.2 / 2.5.0, fp16 and int8) by the alignment of H * W, the rows the mean is taken as
        # (`@mean.a1` / `.a8` / `.a16`): the Reshape of the Cast and of the square on the CPU for 7 x 7 to 30 x 30
        # maps whose H * W is no multiple of 8, none for 8 x 8, 12 x 12, 16 x 16, 20 x 20, 14 x 28 and up
        # (calibration/placement_sweep.py `gstd5` sizes; the plain key, measured without them, mixed)
        reads = [u for u in view.consumers_of(ref.node.output[0]) if op_class(u.op_type) == "reduce"]
        if not reads or not all(u.op_type == "ReduceMean" for u in reads):
            return None
        # one channel a group (`.g1`, the [1, 32, 1, H, W] view of a 32-channel stem) apart: 2.3.2 put a Transpose of
        # the Cast on the CPU at 112 x 112, none at 28 x 28, and 2.5.0 nothing at 14 x 14, where more channels a group
        # got the CPU Reshapes
        hw = _align(int(np.prod(shape[-2:])) if all(isinstance(d, int) for d in shape[-2:]) else 0)
        return f"{key}@mean.{hw}{'.g1' if shape[2] == 1 else ''}"
    if key is not None and shape is not None and len(shape) == 5 and _se_gate5(view, ref):
        # a squeeze-excite's expanding Conv3d on the pooled [1, C, 1, 1, 1] vector, its Sigmoid gating the map
        # (X3D's se.3): rknn-toolkit2 2.3.2 and 2.5.0 on rk3566 fp16 ran a Transpose after it on the CPU
        # ('<se.3>_output_0_rs') in every block measured, 40 x 40 to 5 x 5 maps of 4 and 8 frames, where the reducing
        # Conv3d in front and the block's other 1x1x1 Conv3d (`@<elt`) had none (calibration/placement_sweep.py
        # `x3dblk`; unseen set 21's X3D-XS-lite), by the class of the op in front: an excite Conv3d straight on the pool
        # (`c3dpool`, `@gate<pool`) got it in int8 with 8 frames only (1 of 10 builds), behind a Relu (`@gate<elt`)
        # in 6 of 6
        return f"{key}@gate<{_producer_class(view, ref.node.input[0])}"
    if key is not None and shape is not None and len(shape) == 5 and ref.op_type == "Mul" and \
            isinstance(shape[2], int) and any(_gated_by(view, i) for i in ref.node.input[:2]):
        # the squeeze-excite's Mul of the map by its gate, by the frames: rknn-toolkit2 2.3.2 on rk3566 int8 ran a
        # Reshape after it on the CPU ('<mul>-rs') at 4 frames (6 of 6 builds, 40 x 40 to 5 x 5 maps), none at 8 (2 of
        # 2), none in float16 (calibration/placement_sweep.py `x3dblk`)
        front = next((_producer_class(view, i) for i in ref.node.input[:2]
                      if getattr(view.producer.get(i), "op_type", None) != "Sigmoid"), "in")
        return f"{key}@<{front}.gate:t{shape[2]}"
    if key is not None and shape is not None and len(shape) == 5 and key.endswith(">elt") and ref.node.input:
        # a rank-5 element-wise op into another, by the class of the op in front: EvoNorm-S0's eps Add on the
        # reduced variance (`@<reduce`) got a CPU Reshape after it in 8 of 8 builds, its Sub of the mean (`@<elt`,
        # `@<layout`) none (rk3566 fp16 2.3.2, calibration/placement_sweep.py `evonorm`); read by other ops than a
        # Sqrt (a CPU op at rank 5) it is keyed by them: the same Add into a Mul got none on rk3588 / rk3566 2.3.2
        # (`@<reduce>mul`, calibration/placement_sweep.py `gstd5`)
        front = _producer_class(view, ref.node.input[0])
        readers = sorted({u.op_type.lower() for u in view.consumers_of(ref.node.output[0])})
        tail = "" if front != "reduce" or readers == ["sqrt"] else ">" + "+".join(readers)
        return f"{key}@<{front}{tail}"
    if key is not None and shape is not None and len(shape) == 4 and _l2_divided(view, ref) and \
            all(u.op_type == "MatMul" for u in view.consumers_of(ref.node.output[0])):
        # a cosine attention's q, L2-normalised by a Div into q k^T (Swin-V2-CR): rknn-toolkit2 2.3.2 on rk3566 int8
        # ran a Transpose after that Div on the CPU over 1 to 64 windows ('Transpose:q_l2_y_tp',
        # calibration/placement_sweep.py `wtake` `cos`, 8 of 8; k's Div, into its own Transpose, none), where the plain
        # `elt4>layout` is measured on the NPU; by windows (`.n`) or one image (`.1`: the issue-220 repro's one image of
        # 49 tokens kept it on the NPU, as Swin-V2's one-window stages did, where the small models' one image did not)
        return f"{key}@l2.{_lead(shape[0])}"
    if key is not None and shape is not None and len(shape) == 4 and _after_kv_run(view, ref):
        # the scale on a cross-attention's k heads (k^T * s): rknn-toolkit2 2.3.2 on rk3566 fp16 ran a Transpose
        # after it on the CPU in 8 of 8 builds, none in the self-attention's (2.5.0 put it on k's Transpose, the run's
        # own; calibration/placement_sweep.py `xattn`)
        return f"{key}@kv"
    if key is not None and key.startswith("conv4>") and shape is not None and len(shape) == 4 and \
            any(_spatial_mean(view, u) for u in view.consumers_of(ref.node.output[0])):
        # a Conv's map read by a mean over (H, W) (a squeeze-excite as torch dynamo writes its pool), by the alignment
        # of H * W (`@mean.a1` / `.a8` / `.a16`): rknn-toolkit2 2.3.0 on rk3588 ran the Reshape it adds after the Conv
        # for the mean, (1, C, H, W) -> (C, H * W, 1, 1), on the CPU on 7 x 7, 10 x 10 and 15 x 20 maps (grouped,
        # depthwise or plain Conv), none on 12 x 12, 16 x 20, 30 x 40; 2.3.2 and 2.5.0 none (calibration/placement_sweep.py
        # `semean`; unseen set 21's RegNetV-040 last stage)
        hw = _align(int(np.prod(shape[-2:])) if all(isinstance(d, int) for d in shape[-2:]) else 0)
        return f"{key}@mean.{hw}"
    if not shape or len(shape) != 3 or shape[0] != 1 or not all(isinstance(d, int) and d > 0 for d in shape):
        return None
    sized = f"{key}@c{_align(shape[1])[1:]}.{_align(shape[2])}"
    axis = _reduced_axis(view, ref)
    if axis:
        # a map squeezed by a mean over one axis (SeaFormer's squeeze-axial attention: q and k averaged over W for the
        # rows, over H for the columns, each + a positional table): rknn-toolkit2 2.3.2 and 2.3.0 on rk3588 (fp16 and
        # int8) ran a Reshape after the row means on the CPU, none after the column means, at 8 x 8 to 32 x 32
        # (calibration/placement_sweep.py `seaaxial`)
        return f"{sized}{axis}"
    if key.endswith(">slice") and _sliced_into_layout(view, ref.node.output[0]):
        # a part cut out of it is reshaped (YOLOv8's DFL: rows Concat -> Split -> Reshape [1, 4, 16, A]): rknn-toolkit2
        # 2.5.0 on rk3566 ran the Reshape after the rows Concat on the CPU at every C and A measured, while a YOLO26
        # head's rows Concat whose Slices feed the decode's Sub / Add kept it on the NPU (calibration/placement_sweep.py
        # `yhead3` dfl tail; the calibration export det_yolo26n_320_op13)
        return f"{sized}>layout"
    if key.endswith(">concat") and _into_wide_concat(view, ref.node.output[0]):
        # the first of three or more rows Concat-ed into a head's output: a Segment head's boxes (the stride Mul) beside its
        # class scores and mask coefficients; rknn-toolkit2 2.3.2 and 2.3.0 on rk3588 fp16 ran a Reshape after that
        # Mul on the CPU at 2100 and 3549 anchors, none at 5376 and 8400, where a Detect head's Concat of two never
        # did (calibration/placement_sweep.py `seghead84`, `dflhead84`; YOLOv9c-seg's /model.22/Mul_2)
        return f"{sized}>cat3"
    users = view.consumers_of(ref.node.output[0])
    if key.endswith(">layout") and users and all(unit_move(view, u) for u in users):
        # read only by Transposes that move a unit dim (a batch-first RNN of one sequence as torch.onnx writes it):
        # those became the CPU Reshapes (unit_key) and rknn-toolkit2 2.5.0 on rk3566 fp16 added no layer after a
        # Concat of [1, T, C] into such a Transpose (calibration/placement_sweep.py `rnnseq`, 10 of 10; RNNoise in unseen
        # set 17), where YOLOv8's rows Concat into a Transpose got a CPU Reshape (`yhead3`)
        return f"{sized}>unit"
    if key.endswith(">layout") and _left_of_matmul(view, ref.node.output[0]):
        # a small computed matrix multiplying a tensor, by what that tensor is: the graph input (`>mm`: PointNet's
        # T-net matrix + identity [1, C, C] times the points; rknn-toolkit2 2.3.2 / 2.5.0 ran the Reshape it adds
        # after that Add on the CPU on rk3566 fp16 (C 3, 6, 16), with 2.3.2 / 2.3.0 on rk3588 fp16 for C 3, 6, 9, 17,
        # none for 16 and 24) or a computed one (`>mmv`: a gated attention unit's relu(q k^T)^2 [1, T, T] times v,
        # RTMPose's GAU: no Reshape for T 3 to 49 with 2.3.0 / 2.3.2 / 2.5.0 on rk3588 fp16 and int8; EfficientViM's
        # state mixer), where a Sigmoid [1, 1, 1] into a Reshape (silero-vad's decoder) spells the same class without
        # it (calibration/placement_sweep.py `in3_tnet_add`, `gau`, `hsm`)
        right = view.consumers_of(ref.node.output[0])[0].node.input[1]
        return f"{sized}>mm{'' if any(vi.name == right for vi in view.inputs) else 'v'}"
    return sized


def _spatial_mean(view: ModelView, ref: NodeRef) -> bool:
    """Whether `ref` is a ReduceMean over axes (2, 3) of a rank-4 map (the attribute's or an opset-18 axes input's)."""
    if ref.op_type != "ReduceMean":
        return False
    axes = ref.attr("axes")
    if axes is None and len(ref.node.input) > 1 and ref.node.input[1]:
        axes = view.const_value(ref.node.input[1])
    return axes is not None and sorted(int(a) % 4 for a in np.asarray(axes).reshape(-1)) == [2, 3]


def _relu_into_gap(view: ModelView, name: str) -> bool:
    """Whether `name` is read by one Relu alone, and that Relu by a GlobalAveragePool."""
    users = view.consumers_of(name)
    if len(users) != 1 or users[0].op_type != "Relu":
        return False
    return any(u.op_type == "GlobalAveragePool" for u in view.consumers_of(users[0].node.output[0]))


def _gated_by(view: ModelView, name: str) -> bool:
    """`name` is a squeeze-excite's gate: the Sigmoid of a rank-5 vector _se_gate5 holds."""
    sig = view.producer.get(name)
    src = view.producer.get(sig.node.input[0]) if sig is not None and sig.op_type == "Sigmoid" and sig.node.input \
        else None
    return src is not None and _se_gate5(view, src)


def _se_gate5(view: ModelView, ref: NodeRef) -> bool:
    """A node making a rank-5 [1, C, 1, 1, 1] vector whose one reader, a Sigmoid / HardSigmoid, is read by Muls of
    a rank-5 map with more than one position (a squeeze-excite's gate on a video map)."""
    y = _shape(view, ref.node.output[0])
    if not y or len(y) != 5 or any(d != 1 for d in y[2:]):
        return False
    users = view.consumers_of(ref.node.output[0])
    if len(users) != 1 or users[0].op_type not in ("Sigmoid", "HardSigmoid"):
        return False
    muls = view.consumers_of(users[0].node.output[0])
    if not muls or any(m.op_type != "Mul" for m in muls):
        return False
    for m in muls:
        other = next((i for i in m.node.input if i != users[0].node.output[0]), None)
        x = _shape(view, other) if other else None
        if not x or len(x) != 5 or not all(isinstance(d, int) for d in x[2:]) or int(np.prod(x[2:])) <= 1:
            return False
    return True


def boundary_sized_keys(view: ModelView, ref: NodeRef) -> list[str]:
    """boundary_sized_key and, where that names what a cut part feeds (`...@c1.a1>layout`), the key without it, the
    most specific first: a table measured without the distinction still answers."""
    key = boundary_sized_key(view, ref)
    if key is None:
        return []
    form = _hw_reader(view, ref)
    if form:  # tokens Reshaped to a channels-last map: by the map's form first (hw_form_key; `hfswinpad`)
        return [f"{key}.hw:{form}", *_boundary_plain_keys(key)]
    return _boundary_plain_keys(key)


def _hw_reader(view: ModelView, ref: NodeRef) -> str | None:
    """'sq' / 'rect' where a node's tokens [1, H * W, C] are read by Reshapes to a channels-last map [1, H, W, C]
    alone (Hugging Face Swin's residual Add into the patch merging's Reshape: with 2.3.2 on rk3566 a CPU Transpose
    after it on rectangular maps, none on square ones; calibration/placement_sweep.py `hfswinpad`), else None."""
    if not ref.node.output:
        return None
    x = _shape(view, ref.node.output[0])
    users = [u for u in view.consumers.get(ref.node.output[0], []) if u.op_type not in _SHAPE_READERS]
    if not x or len(x) != 3 or not users or any(u.op_type != "Reshape" or not u.node.output for u in users):
        return None
    forms = set()
    for u in users:
        y = _shape(view, u.node.output[0])
        if not y or len(y) != 4 or y[0] != 1 or y[3] != x[2] or not all(isinstance(d, int) and d > 1 for d in y[1:3]) \
                or y[1] * y[2] != x[1]:
            return None
        forms.add("sq" if y[1] == y[2] else "rect")
    return forms.pop() if len(forms) == 1 else None


def _boundary_plain_keys(key: str) -> list[str]:
    """boundary_sized_keys of a boundary key without the map form: where a key names what a cut part feeds, also the
    key without it."""
    for tail in (">layout", ">mm", ">mmv", ">cat3", ">unit", ":ax-1", ":ax-2"):
        if key.endswith(tail):
            return [key, key.removesuffix(tail)]
    if "@mean." in key:  # a rank-5 mean's rows by their alignment, then the tables measured without it
        return [key, *([key.removesuffix(".g1")] if key.endswith(".g1") else []), key[:key.index("@mean.") + len("@mean")]]
    return [key]


def _reduced_axis(view: ModelView, ref: NodeRef | None) -> str:
    """':ax-1' / ':ax-2' for a ReduceMean of a rank-4 map over its last axis (W) / the one before (H), keepdims 0;
    '' for any other node (reduced_key, boundary_sized_key)."""
    if ref is None or ref.op_type != "ReduceMean" or ref.attr("keepdims", 1) or not ref.node.input:
        return ""
    x = _shape(view, ref.node.input[0])
    try:
        axes = view.axes(ref)
    except (TypeError, ValueError):
        return ""
    if x is None or len(x) != 4 or not axes or len(axes) != 1 or axes[0] % 4 not in (2, 3):
        return ""
    return f":ax{axes[0] % 4 - 4}"


def swap_key(view: ModelView, chain: list[NodeRef], key: str) -> str | None:
    """The sized key of a lone rank-4 Transpose (0, 3, 2, 1), which swaps dims 1 and 3, with each swapped dim below 16
    or not (`<sized key>@swap:<lt16|ge16>.<lt16|ge16>`, dim 1 first): the size class leaves the last dim out, and
    triplet attention's Z-pool of a [1, C, H, W] map (Transposed to [1, W, H, C] and back) ran both Transposes on the
    CPU on rk3566 with W = 7 or 14 and on the NPU with W = 16 to 56 (2.5.0 and 2.3.2 float16; with 2.3.2 int8 on the
    CPU to W = 28), C = 32 to 512 (calibration/placement_sweep.py `zpool`). None for any other run."""
    if len(chain) != 1 or chain[0].op_type != "Transpose":
        return None
    try:
        perm = [int(v) for v in chain[0].attr("perm", None) or ()]
    except (TypeError, ValueError):  # a malformed perm attribute (the fuzz tests' mutations): no key
        return None
    if perm != [0, 3, 2, 1]:
        return None
    from .static_shapes import resolved_shape

    x = resolved_shape(view, chain[0].node.input[0])
    if not x or len(x) != 4 or not all(isinstance(d, int) and d > 0 for d in (x[1], x[3])):
        return None
    return f"{key}@swap:{'lt16' if x[1] < 16 else 'ge16'}.{'lt16' if x[3] < 16 else 'ge16'}"


def softmax_rows_key(view: ModelView, chain: list[NodeRef], key: str) -> str | None:
    """The sized key of a run whose first op, a Transpose, reads a Softmax over its last axis, with that axis' alignment
    (`<sized key>@smlast:a<1|8|16>`): the size class leaves the last dim out, and PP-YOLOE's DFL (the bins [1, 4, A, B]
    Softmax-ed over B, Transposed 0312 to [1, B, 4, A] into the projection Conv) got a CPU Reshape on that Transpose
    on rk3566 with B = 17 and none with B = 16 (2.5.0, 2.3.2 float16 and int8; calibration/placement_sweep.py
    `dflpp`). None for any other run."""
    if chain[0].op_type != "Transpose" or not chain[0].node.input:
        return None
    sm = view.producer_of(chain[0].node.input[0])
    x = _shape(view, chain[0].node.input[0])
    if sm is None or sm.op_type != "Softmax" or not x:
        return None
    axis = sm.attr("axis", -1 if view.opset >= 13 else 1)
    if not isinstance(axis, int) or axis % len(x) != len(x) - 1:
        return None
    return f"{key}@smlast:{_align(x[-1])}"


def reduced_key(view: ModelView, chain: list[NodeRef], key: str) -> str | None:
    """The sized key of a run that lays out a map squeezed by a mean over one axis (`<sized key>.ax-1` / `.ax-2`,
    _reduced_axis): SeaFormer's v averaged over W for the row attention, Reshape to heads -> Transpose(0, 1, 3, 2),
    ran its Transpose on the CPU with 2.3.2 and 2.3.0 on rk3588 (fp16 and int8); the column attention's (over H) on
    the NPU (calibration/placement_sweep.py `seaaxial`). `key`: the run's sized_key. None for any other run."""
    axis = _reduced_axis(view, view.producer_of(chain[0].node.input[0]) if chain[0].node.input else None)
    return f"{key}.{axis[1:]}" if axis else None


def _squared_into_last_axis_mean(view: ModelView, name: str) -> bool:
    """`name` is squared (Pow 2) into a ReduceMean over its last axis: an RMSNorm written out, as dynamo exports one."""
    for u in view.consumers.get(name, []):
        if u.op_type != "Pow" or len(u.node.input) < 2 or u.node.input[0] != name:
            continue
        if not np.array_equal(np.asarray(view.const_value(u.node.input[1])).reshape(-1), [2.0]):
            continue
        means = view.consumers.get(u.node.output[0], [])
        rank = len(_shape(view, name) or ())
        try:
            if rank and len(means) == 1 and means[0].op_type == "ReduceMean" and \
                    [a % rank for a in view.axes(means[0]) or ()] == [rank - 1]:
                return True
        except (TypeError, ValueError):
            continue
    return False


def norm_heads_key(view: ModelView, chain: list[NodeRef], key: str) -> str | None:
    """The sized key of a run laying tokens out as attention heads (its last op a Transpose 0213 to [1, H, T, D])
    whose heads an RMSNorm over D reads (`<sized key>@sqnorm`: a qk-norm, Sapiens2's, Qwen3's). With 2.3.2 on rk3566
    (float16 and int8) the Transpose ran on the CPU ('Transpose:q_tp'), with 2.5.0 on the NPU
    (calibration/placement_sweep.py `headrms`); the plain key spells a scaled q's heads alike. None for any other
    run."""
    last = chain[-1]
    if last.op_type != "Transpose" or _perm(last) != (0, 2, 1, 3) or not last.node.output:
        return None
    return f"{key}@sqnorm" if _squared_into_last_axis_mean(view, last.node.output[0]) else None


def norm_tokens_key(view: ModelView, chain: list[NodeRef], key: str) -> str | None:
    """The sized key of a run flattening a map into tokens [1, T, C] (its last op a Reshape to rank 3) that an RMSNorm
    over C reads (`<sized key>@sqnorm`): a ViT's channels-last patch flattening, Conv -> Transpose 0231 -> Reshape,
    into DeepSeek's written-out RMSNorm ran its Transpose on the CPU with 2.3.2 on rk3566 (float16 and int8) at
    14 x 14 as at 16 x 16, where Qwen3's, into the position Add, stayed on the NPU at 14 x 14
    (calibration/placement_sweep.py `nhwctok`). None for any other run."""
    last = chain[-1]
    if last.op_type != "Reshape" or not last.node.output or len(view.shape(last.node.output[0]) or ()) != 3:
        return None
    return f"{key}@sqnorm" if _squared_into_last_axis_mean(view, last.node.output[0]) else None


def _l2_divided(view: ModelView, ref: NodeRef | None) -> bool:
    """Whether `ref` is the Div of x / max(||x||_2, eps) (fused_blocks.l2norm_block: a cosine attention's q or k)."""
    from .fused_blocks import l2norm_block

    if ref is None or ref.op_type != "Div" or len(ref.node.input) < 2:
        return False
    den = view.producer_of(ref.node.input[1])
    for _ in range(3):  # back through the Expand and the Clip / Max floor to the ReduceL2
        if den is None or den.op_type == "ReduceL2" or not den.node.input:
            break
        den = view.producer_of(den.node.input[0])
    block = l2norm_block(view, den) if den is not None and den.op_type == "ReduceL2" else None
    return bool(block) and block[-1].name == ref.name


def windows_key(view: ModelView, chain: list[NodeRef], key: str) -> str | None:
    """The sized key of a run whose output a window partition reads (through a Pad of its own: Swin-V2's patch merging
    into the next stage, as dynamo writes it), with whether that partition makes one window (`<sized key>@win1`) or
    more (`@wins`): rknn-toolkit2 2.3.2 on rk3566 put the merge's Transpose after the reduction Linear on the CPU in
    front of 16 and 4 windows, after the LayerNorm in front of one window, where the toolkit keeps the map channels-
    last (calibration/placement_sweep.py `swinv2merge`, tails `mlp` / `head`). None for any other run."""
    users = _users_past_identity(view, chain[-1].node.output[0])
    for u in users:
        if u.op_type == "Pad":
            nxt = _users_past_identity(view, u.node.output[0])
            u = nxt[0] if len(nxt) == 1 else u
        shape = _shape(view, u.node.output[0]) if u.op_type == "Reshape" and u.node.output else None
        if shape and len(shape) == 6 and isinstance(shape[1], int) and isinstance(shape[3], int) \
                and _perm(_data_user(view, u, "Transpose")) == (0, 1, 3, 2, 4, 5):
            return f"{key}@win{'1' if shape[1] * shape[3] == 1 else 's'}"
    return None


def hw_form_key(view: ModelView, chain: list[NodeRef], key: str) -> str | None:
    """The sized key of a run that reads or makes a channels-last map [1, H, W, C] next to its tokens (a Reshape in the
    run turns it into, or makes it of, [..., C] values: Hugging Face Swin's window partition and reverse, the Reshape
    to the map in front of the window Pad, the patch merging's Reshapes, the crop back to tokens), with whether the
    map is square (`<sized key>.hw:sq` / `.hw:rect`). With 2.3.2 on rk3566 Donut's Swin at 384 x 320 (maps 96 x 80 to
    12 x 10) ran the partition's Reshapes and Transpose, the reverse, the merging's Reshapes and the Reshape in front
    of the Pad on the CPU, where square maps (36 to 56, windows 7 and 10, padded or not) kept them on the NPU
    (calibration/placement_sweep.py `hfswinpad`); the size classes alone could not tell 24 x 20 from 28 x 28. None for
    any other run."""
    head, last = chain[0], chain[-1]
    x = _shape(view, head.node.input[0]) if head.node.input else None
    y = _shape(view, last.node.output[0]) if last.node.output else None
    inner = [_shape(view, r.node.output[0]) for r in chain[:-1] if r.op_type == "Reshape" and r.node.output]
    for m in (x, y, *inner):  # the map at either end, else one the run makes inside (an unpadded partition)
        if not m or len(m) != 4 or m[0] != 1 or not all(isinstance(d, int) and d > 1 for d in m[1:]):
            continue
        for r in chain:
            if r.op_type != "Reshape" or not r.node.output:
                continue
            a, b = _shape(view, r.node.input[0]), _shape(view, r.node.output[0])
            if not a or not b or a[-1] != m[3] or b[-1] != m[3] or tuple(m) not in (tuple(a), tuple(b)):
                continue
            other = b if tuple(a) == tuple(m) else a  # tokens [., H * W, C] or windows [1, H/w, w, W/w, w, C]
            if len(other) in (3, 6) and all(isinstance(d, int) for d in other) \
                    and math.prod(other[:-1]) == m[1] * m[2]:
                # one window across H or W ([1, H/w, w, W/w, w, C] with H/w or W/w 1: Donut's 12 x 10 stage padded to
                # 20 x 10) is a form of its own: its reverse kept the Transpose on the NPU there
                row = len(other) == 6 and 1 in (other[1], other[3])
                return f"{key}.hw:{'sq' if m[1] == m[2] else 'rect1' if row else 'rect'}"
    return None


def partition_key(view: ModelView, chain: list[NodeRef], key: str) -> str | None:
    """The sized key of a window partition run (Reshape [1, H/w, w, W/w, w, C] -> Transpose(0, 1, 3, 2, 4, 5) -> ...)
    with whether it makes one window (`<sized key>.part:w1`) or more (`.part:ws`): with 2.3.2 on rk3566 Hugging Face
    Swin's tokens of 4 to 64 windows, read by its q, k and v Linears, got a CPU 'Transpose:<last Reshape>_tp', one
    window's none, at the same size classes (calibration/placement_sweep.py `hfswin`). None for any other run."""
    head = chain[0]
    if head.op_type != "Reshape" or len(chain) < 2 or chain[1].op_type != "Transpose" or not head.node.output:
        return None
    y = _shape(view, head.node.output[0])
    if not y or len(y) != 6 or _perm(chain[1]) != (0, 1, 3, 2, 4, 5) or not all(isinstance(d, int) for d in y[1:4:2]):
        return None
    return f"{key}.part:w{'1' if y[1] * y[3] == 1 else 's'}"


def _reshape_end(view: ModelView, chain: list[NodeRef]) -> tuple[Any, list[NodeRef]]:
    """The output shape of a run's last node where it is a Reshape, and the nodes that read that output other than
    shape readers; (None, []) where the run ends otherwise."""
    last = chain[-1]
    if last.op_type != "Reshape" or not last.node.output:
        return None, []
    out = last.node.output[0]
    return _shape(view, out), [u for u in view.consumers.get(out, []) if u.op_type not in _SHAPE_READERS]


def merge_slices_key(view: ModelView, chain: list[NodeRef], key: str) -> str | None:
    """The sized key of a run ending in a Reshape of tokens to a map [1, H, W, C] that two or more Slices read (Hugging
    Face Swin's patch merging: even / odd rows, then columns, Concatenated on C): `<sized key>.mslices`. With 2.3.2 on
    rk3566 float16 and int8 that Reshape stayed on the NPU (calibration/placement_sweep.py `hfswin`, 6 of 6), where
    LeViT's subsampling Reshape, read by one strided Slice, ran on the CPU in whole builds (the plain key). None for
    any other run."""
    y, users = _reshape_end(view, chain)
    if not y or len(y) != 4 or len(users) < 2 or any(u.op_type != "Slice" for u in users):
        return None
    return f"{key}.mslices"


def _align2(dim: Any) -> str:
    """_align with the even dims apart: `a2` (even, no multiple of 8) and `a1` (odd)."""
    got = _align(dim)
    return "a2" if got == "a1" and isinstance(dim, int) and dim % 2 == 0 else got


def resplit_key(view: ModelView, chain: list[NodeRef], key: str) -> str | None:
    """The sized key of a lone rank-4 Reshape that splits the last two axes of [1, C, A, B] anew, [1, C, A', B'] with
    A' * B' = A * B and B' != B (Transformer-XL's relative shift, Wav2Vec2-Conformer's: [1, h, N, 2N] -> [1, h, 2N,
    N], a row Sliced off, [1, h, 2N - 1, N] -> [1, h, N, 2N - 1]), with the class of the last dim in and out:
    `<sized key>.resplit:<a16|a8|a2|a1>.<...>` (a2: even, a1: odd). With 2.3.2 on rk3588 float16, at h no multiple of
    8, the Reshape ran on the CPU from an even last dim to an odd one (98 -> 49, 50 -> 99, 100 -> 199) and from an
    odd one (49 -> 97), on the NPU from even to even (100 -> 50) and from a multiple of 8 (48 -> 95, 200 -> 100);
    at h 8 and 16 on the NPU always (calibration/placement_sweep.py `relshift_mm`). None for any other run."""
    if len(chain) != 1 or chain[0].op_type != "Reshape" or not chain[0].node.output:
        return None
    x, y = _shape(view, chain[0].node.input[0]), _shape(view, chain[0].node.output[0])
    if not x or not y or len(x) != 4 or len(y) != 4 or not all(isinstance(d, int) and d > 0 for d in (*x, *y)):
        return None
    if list(x[:2]) != list(y[:2]) or x[2] * x[3] != y[2] * y[3] or x[3] == y[3] or 1 in (x[2], y[2]):
        return None
    return f"{key}.resplit:{_align2(x[3])}.{_align2(y[3])}"


def taps_key(view: ModelView, chain: list[NodeRef], key: str) -> str | None:
    """The sized key of a run ending in a Reshape to [N, k, 1] that a Softmax over k (axis 1) reads (ConvBERT's
    dynamic convolution kernel, one Softmax over the k taps per token and head), with the alignment of k:
    `<sized key>.taps:<a16|a8|a1>`. With 2.3.2 on rk3588 the toolkit added a CPU Reshape after it at k 7 and 9 (float16
    and int8) and at k 8 in int8 only (calibration/placement_sweep.py `dynconv`, T 32 to 128, 4 to 8 heads). None for
    any other run."""
    y, users = _reshape_end(view, chain)
    if not y or len(y) != 3 or y[2] != 1 or len(users) != 1 or users[0].op_type != "Softmax":
        return None
    if users[0].attr("axis", -1) not in (1, -2):
        return None
    return f"{key}.taps:{_align(y[1])}"


def rnn_rows_key(view: ModelView, chain: list[NodeRef], key: str) -> str | None:
    """The sized key of a run ending in a rank-3 Transpose that only RNNs read as their sequence [S, B, W], with the
    parity of the rows S * B: `<sized key>.rows:<odd|even>`. In int8 the RNN runs in float16 behind an
    'exDataConvert:<Transpose output>__cvt_int8_float16'; with 2.3.2 on rk3562 and rk3576 int8 that conversion ran
    on the CPU exactly where S * B was odd and W below 16 (GTCRN's dual-path GRUs over 63 x 33, its temporal GRU over
    [63, 1, 8]; on the NPU at even S * B or W 16: calibration/placement_sweep.py `dpgru` / `powmean`, 35 builds each).
    None for any other run."""
    last = chain[-1]
    if last.op_type != "Transpose" or not last.node.output:
        return None
    users = [u for u in view.consumers_of(last.node.output[0]) if u.op_type not in _SHAPE_READERS]
    if not users or any(u.op_type not in RNN_OPS or u.node.input[0] != last.node.output[0] for u in users):
        return None
    y = _shape(view, last.node.output[0])
    if not y or len(y) != 3 or not all(isinstance(d, int) and d > 0 for d in y):
        return None
    return f"{key}.rows:{'odd' if y[0] * y[1] % 2 else 'even'}"


def l2_key(view: ModelView, chain: list[NodeRef], key: str) -> str | None:
    """The sized key of a run whose first op reads an L2-normalised tensor (`<sized key>@l2`: a cosine attention's k
    taken to k^T, Swin-V2's and Swin-V2-CR's): with 2.3.2 on rk3566 int8 that Transpose(0, 1, 3, 2) ran on the CPU
    over 1 to 64 windows (calibration/placement_sweep.py `wtake` `cos`), where the plain key also spells a scaled k's.
    None for any other run."""
    src = view.producer_of(chain[0].node.input[0]) if chain[0].node.input else None
    return f"{key}@l2" if _l2_divided(view, src) else None


def _into_wide_concat(view: ModelView, name: str) -> bool:
    """Whether the tensor's one reader is a Concat of three or more computed inputs that takes it first and whose last
    is itself a Concat (a Segment head: the boxes, the scores, the levels' mask coefficients; a Pose head's decoded
    keypoints or an OBB head's angle, computed by a Reshape or a Mul, are not: YOLO12 / YOLOv8 pose and YOLO12 OBB of
    unseen set 4 kept their stride Mul's Reshape on the NPU with 2.3.2)."""
    users = view.consumers_of(name)
    if len(users) != 1 or users[0].op_type != "Concat" or users[0].node.input[0] != name:
        return False
    ins = [x for x in users[0].node.input if x and not view.is_constant(x)]
    last = view.producer_of(ins[-1]) if len(ins) >= 3 else None
    return last is not None and last.op_type == "Concat"


def boundary_long_key(view: ModelView, ref: NodeRef, key: str | None) -> str | None:
    """boundary_sized_key of a node making a rank-3 [1, C, N] tensor of N > 1024, with whether N is longer than
    LONG_DIM (`elt3>concat@c16.a16@long` / `@short`): rknn-toolkit2 2.3.2 on rv1106 int8 ran a Reshape after the
    classes' Sigmoid of a whole YOLOv8 head as ultralytics 8.4 exports it ([1, nc, A] into the output's Concat) on the
    CPU at 8400 and 9261 anchors, 1 or 80 classes, none at 7581 and fewer, and none after the boxes' stride Mul
    ([1, 4, A] into the same Concat) at any (calibration/placement_sweep.py `dflhead84`). Read before
    boundary_sized_key (its `boundaries_sized` section); `key`: the node's boundary_sized_key."""
    shape = _shape(view, ref.node.output[0]) if key else None
    if not shape or len(shape) != 3 or shape[0] != 1 or not isinstance(shape[2], int) or shape[2] <= 1024 \
            or key.endswith((">layout", ">mm", ">mmv", ">cat3")):
        return None
    return f"{key}@{'long' if shape[2] > LONG_DIM else 'short'}"


def _after_kv_run(view: ModelView, ref: NodeRef) -> bool:
    """Whether an element-wise node reads the end of a run that splits a cross-attention's key / value (kv_key)."""
    if op_class(ref.op_type) != "elt" or not ref.node.input:
        return False
    src = view.producer_of(ref.node.input[0])
    run = run_of(view, src) if src is not None else None
    return run is not None and run[-1] is src and len(run) <= MAX_CHAIN and _reads_kv_pair(view, run)


def _left_of_matmul(view: ModelView, name: str) -> bool:
    """Whether every reader of the tensor is a MatMul taking it as its left operand against a computed right one."""
    users = view.consumers_of(name)
    return bool(users) and all(u.op_type == "MatMul" and len(u.node.input) == 2 and u.node.input[0] == name
                               and u.node.input[1] != name and view.depends_on_inputs(u.node.input[1])
                               for u in users)


def _sliced_into_layout(view: ModelView, name: str) -> bool:
    """Whether a Slice / Split reading the tensor hands a part to a layout op (Reshape, Transpose, ...)."""
    return any(op_class(c.op_type) == "layout" for s in view.consumers_of(name) if op_class(s.op_type) == "slice"
               for o in s.node.output if o for c in view.consumers_of(o))


def _past_squeeze(view: ModelView, name: str) -> NodeRef | None:
    """The op a tensor's first Slice reader leads to through Squeeze nodes (None where no Slice reads it)."""
    users = [c for c in view.consumers_of(name) if c.op_type == "Slice"]
    if not users:
        return None
    ref: NodeRef | None = users[0]
    for _ in range(4):
        nxt = view.consumers_of(ref.node.output[0]) if ref is not None and ref.node.output else []
        if not nxt:
            return None
        ref = nxt[0]
        if ref.op_type != "Squeeze":
            return ref
    return None


def boundary_placement(tab: dict[str, Any], view: ModelView, ref: NodeRef) -> tuple[str, str] | None:
    """(placement, key) of the CPU layer the toolkit may add after a node: its sized key first (`boundaries_sized`),
    then its key (`boundaries`); None when neither was measured or the builds split."""
    sized = boundary_sized_keys(view, ref)
    long = boundary_long_key(view, ref, sized[0] if sized else None)
    for skey in ([long] if long else []) + sized:
        hit = _measured(tab, "boundaries_sized", skey)
        if hit is not None:
            return hit[0], skey  # type: ignore[return-value]
    key = boundary_key(view, ref)
    hit = _measured(tab, "boundaries", key)
    return None if hit is None else (hit[0], key)


def measured_where(tab: dict[str, Any], section: str, key: str) -> str | None:
    """The sweep table a boundaries / outputs key's placement came from, None when real builds of the family gave
    it (a boundaries key with a size class is looked up in `boundaries_sized`)."""
    if section == "boundaries" and "@" in key:
        section = "boundaries_sized"
    hit = _measured(tab, section, key)
    return hit[1] if hit else None


def _align4(dim: Any) -> str:
    """_align with a class for multiples of 4 that are not of 8: on rk3566 fp16 the toolkit's (1, S, 1, N) ->
    (1, N, 1, S) Transpose in front of a rank-3 output stays on the NPU only when both sides are multiples of 4
    (calibration/placement_sweep.py `head3`: N = 4, 8, 12, 16, 20 NPU; 6, 10 CPU), and where it does, the output
    Reshape after it runs on the CPU instead. The output key spells S the same way (`:s1` when S is no multiple of 4:
    S = 30 put the Transposes on the CPU and the output Reshape on the NPU)."""
    a = _align(dim)
    return "a4" if a == "a1" and isinstance(dim, int) and dim % 4 == 0 else a


# a Linear making an output with more features than this (calibration/placement_sweep.py `head3sm`, rk3588 float16
# 2.3.2, S = 40, D = 120: N = 8200, 10000, 12000, 16384, 16400, 18385, 18710 put the Transpose after the Linear on the
# CPU and nothing on the output whatever N's alignment; N = 6625 the output Reshape, N = 8192 and 64 neither)
WIDE_LINEAR = 8192


def output_key(view: ModelView, name: str) -> str | None:
    """The motif of a rank-1/2/3 graph output made by an op outside CHAIN_OPS (the toolkit may add a Reshape to it;
    rank 1: _vector_output_key). A Linear's output with more than WIDE_LINEAR features is spelled `:wide` (PP-OCRv5 /
    v6 rec's 18385 / 18710 classes). Spelled with onnx's inferred shape, not the folded one: the `:s1` rows class was
    measured on a Linear head of 30 rows and a Concat of 769 (no Reshape), and EfficientDet's 27621 rows, symbolic to
    onnx, got the CPU Reshape of the plain key (unseen set 11, rk3566 fp16 2.3.2 and 2.5.0)."""
    shape = view.shape(name)
    p = view.producer.get(name)
    if shape is None or len(shape) not in (1, 2, 3) or p is None or in_chain(view, p):
        return None
    if len(shape) == 1:
        return _vector_output_key(view, p, shape[0])
    rows = ":s1" if len(shape) == 3 and isinstance(shape[1], int) and shape[1] % 4 else ""  # head3_s30: no Reshape
    wide = ":wide" if isinstance(shape[-1], int) and shape[-1] > WIDE_LINEAR and output_linear(view, name) is not None \
        else ""
    return f"{op_class(p.op_type)}>out{len(shape)}:{_align4(shape[-1])}{rows}{wide}"


def _vector_output_key(view: ModelView, p: NodeRef, n: Any) -> str:
    """output_key of a rank-1 output [N]: the producer's class and its data input's rank, N spelled `n1` or by its
    alignment, and the class of the first op in front that is not element-wise (`elt1>out1:n1<reduce`). On small
    models (calibration/placement_sweep.py `out1op`) rknn-toolkit2 2.3.0, 2.3.2 and 2.5.0 on rk3588 and 2.3.2 on
    rk3566 put a CPU '<out>-rs' Reshape on a gaze head's ReduceSum -> Mul -> Sub of one value (L2CS-Net's yaw and
    pitch) and on a ReduceSum of a Softmax making the output, a CPU Reshape after the ReduceSum instead where the
    head makes 2 to 1000 values; a map's ReduceSum to [N] (CSRNet's count) got a CPU '<input>_rs_mm_tp_rs' named after
    the sum's input (the sweep's `named: input`); a Relu / Add / Mul of a Gemm Reshaped to [N] put that Reshape on
    the CPU (its run's motif), nothing on the output."""
    data = next((x for x in p.node.input if x and view.depends_on_inputs(x)), None)
    src = view.producer.get(data) if data else None
    for _ in range(MAX_CHAIN):  # back through element-wise ops of one computed input
        ins = [x for x in src.node.input if x and view.depends_on_inputs(x)] if src is not None else []
        if src is None or op_class(src.op_type) != "elt" or len(ins) != 1:
            break
        src = view.producer.get(ins[0])
    length = "n1" if n == 1 else _align4(n)
    behind = op_class(src.op_type) if src is not None else "in"
    return f"{op_class(p.op_type)}{_rank(_shape(view, data) if data else None)}>out1:{length}<{behind}"


def output_named_norm(tab: dict[str, Any], key: str) -> bool:
    """Whether the small models put the CPU layer on an output of this motif on the fused layer of the written-out
    LayerNorm making it, named after its first mean (the sweep's `outputs` entry `named: norm`, output_keys `:wln`)."""
    entry = (((tab.get("sweep") or {}).get("outputs") or {}).get(key) or {}) if key else {}
    return entry.get("named") == "norm"


def output_named_input(tab: dict[str, Any], key: str) -> bool:
    """Whether the small models named the CPU Reshape on an output of this motif after its producer's data input
    (the sweep's `outputs` entry `named: input`: a Reduce lowered to Reshape -> MatMul -> Transpose -> Reshape, whose
    last Reshape is '<input>_rs_mm_tp_rs')."""
    entry = (((tab.get("sweep") or {}).get("outputs") or {}).get(key) or {}) if key else {}
    return entry.get("named") == "input"


# a batch of windows' logits [nW, h, N, N] over this many numbers: rknn-toolkit2 2.3.2 on rk3566 fp16 ran the Reshape
# after q @ k^T on the CPU (393k to 1.5M: 64 / 16 windows of 64 and 49 tokens, 4 of 256), not at 230k and under (9
# and 4 windows of 64 tokens, 16 of 49), where it had tiled the position bias over the batch (placement_sweep
# `swinv2win`); the attention key's size class `:big`
TILED_LOGITS = 1 << 18
QKV_PERM = [2, 0, 3, 1, 4]  # [B, N, 3, heads, d] -> [3, B, heads, N, d]: timm's Attention as torch.onnx writes it
XCA_PERM = [2, 0, 3, 4, 1]  # [B, N, 3, heads, d] -> [3, B, heads, d, N]: XCiT's cross-covariance attention
GROUPED_QKV_PERM = [3, 0, 1, 4, 2, 5]  # [B, G, N, 3, heads, d] -> [3, B, G, heads, N, d]: Twins-SVT's grouped windows
ATTN_PERMS = {tuple(QKV_PERM): "attn5", tuple(XCA_PERM): "xca5", tuple(GROUPED_QKV_PERM): "gattn6"}
# the nodes of an attention whose placement the sweep records (attention_roles), in report order
ATTN_ROLES = ("qkv_in", "sr_rs", "qkv_mm", "qkv_rs", "qkv_tp", "split", "v_slice", "q", "q_scale", "k_tp", "k_scale",
              "qk", "v", "v_rs", "v_tp", "crpe_rs", "crpe_rs1", "crpe_mul", "av", "o_tp", "o_rs", "proj")


def attention_roles(view: ModelView, ref: NodeRef) -> tuple[str, dict[str, NodeRef]] | None:
    """(key, role -> node) of a timm-style attention found at its qkv Transpose (perm QKV_PERM, or XCiT's XCA_PERM, on
    a rank-5 [B, N, 3, h, d] from a Reshape of a Linear): `qkv_in` the op whose output the qkv Linear reads, `qkv_rs`
    the Reshape to [B, N, 3, h, d], `qkv_tp` the Transpose, `v` the node that takes v out (the third Split output's
    Squeeze, or a Gather of index 2), and the layout nodes int8 builds also moved to the CPU: `split`, `q` (q's
    Squeeze), `k_tp` (k's Transpose), `o_rs` (the Reshape back to [B, N, C] after attn @ v). The key spells the
    permutation and N's alignment (`attn5:a1` when N is no multiple of 4): on rk3566 fp16 the toolkit put v's Reshape
    and Transpose on the CPU for N = 50, 197, 730 and on the NPU for 64, 196, 200; with XCiT's permutation the qkv
    Reshape and Transpose ran on the CPU for N = 64, 196 and 197 (calibration/placement_sweep.py `attn`, `xca`). The
    full key adds the head width (`:d4`), `:bn` for a batch of more than one (MobileViT's patches) and `:s` for q
    scaled after its Squeeze: in int8 on rk3566 the qkv Reshape, the Split and the Reshape back of a scaled [4, 16, 3,
    4, 20] ran on the CPU, of a scaled [4, 64, 3, 4, 16] on the NPU, and unscaled the toolkit named other nodes;
    EdgeNeXt's XCA ([B, h, d, N]) had v on the CPU in int8 for d = 12, 22, 42, not 8, 16 (attention_keys: the
    back-off to the plain key). CoaT's factorised attention (k's Squeeze into a Softmax: key `fattn5`, `k_tp` the
    Transpose after k's Softmax) ran the qkv Reshape and Transpose on the CPU for N = 50, 196, 197 and q's Transpose
    for 50 and 197 in fp16 (`fattn`); with CoaT's convolutional relative position encoding on v (`crpe5`,
    _crpe_roles) the Transpose after k's Softmax instead of the qkv Transpose, and v, the encoding's two Reshapes and
    Mul and the output Reshape, for N = 50 and 197 (`coat`). Paddle2ONNX (PaddleOCR's SVTR) and torch.onnx's dynamo
    exporter take q, k, v out with a Slice + Squeeze each (_sliced_qkv), the same roles as the Split's: on rk3566
    fp16 at 197 tokens of 32 the same v Reshape / Transpose ran on the CPU as with the Split; a head width of 15
    (`:d1`, PP-OCR rec: 8 heads of 15) put the qkv Transpose, v and the Reshape back on the CPU at N = 40, 50, 64,
    widths 16 and 32 at N = 40 none (`pattn`). The qkv Linear over a channels-last map [B, H, W, C] (timm VOLO's
    transformer stages) is its own kind, `nattn5`, with the Linear (`qkv_mm`) and the Transpose after the product
    (`o_tp`) as roles: rknn-toolkit2 2.3.2 and 2.5.0 on rk3566 fp16 ran the Linear's Transpose back, the qkv Transpose,
    `o_tp` and the Reshape back to the map on the CPU at 16 to 196 tokens, v where N is no multiple of 4
    (`nhwc_attn`); a block whose residual goes straight back to NCHW is `nattn5end` (_nhwc_block_ends). A packed
    key / value pair ([B, M, 2, h, d]) is _kv_attention's. None when the structure differs."""
    if ref.op_type != "Transpose" or ref.graph_path:
        return None
    try:
        kind = ATTN_PERMS.get(tuple(int(v) for v in ref.attr("perm") or ()))
    except (TypeError, ValueError):
        return None
    if kind is None:
        return None
    from .static_shapes import resolved_shape

    # the shape with Shape arithmetic folded: SegFormer's TorchScript export computes the kv Reshape's token count
    shape = resolved_shape(view, ref.node.input[0])
    if kind == "gattn6":
        return _grouped_attention(view, ref, shape)
    if not shape or len(shape) != 5 or shape[2] not in (2, 3) or not isinstance(shape[1], int) or shape[1] <= 0:
        return None
    if shape[2] == 2 and kind != "attn5":
        return None
    rs = view.producer.get(ref.node.input[0])
    if rs is None or rs.op_type != "Reshape":
        return None
    lin = _past_identity(view, rs.node.input[0])  # (Paddle2ONNX writes Identity nodes in between)
    lin = _past_bias(view, lin)
    if lin is None or lin.op_type not in LINEAR:
        return None
    roles: dict[str, NodeRef] = {"qkv_rs": rs, "qkv_tp": ref}
    src = _past_identity(view, lin.node.input[0])
    if shape[2] == 2:
        found = _kv_attention(view, ref, shape, lin, src, dict(roles))
        return found if found is not None else _qk_attention(view, ref, shape, roles)
    if kind == "attn5" and len(_shape(view, lin.node.input[0]) or ()) == 4:
        # the qkv Linear over a channels-last map [B, H, W, C] (timm VOLO's transformer stages): its own class, and
        # the Linear itself and the Transpose after the product are roles (placement_sweep `nhwc_attn`)
        kind = "nattn5"
        roles["qkv_mm"] = lin
    if src is not None:
        roles["qkv_in"] = src
    if _channel_attention(view, ref.node.output[0]):
        # k^T @ v (DaViT's channel blocks): no token attention's roles (its qkv run is chan_key's); unseen set 4's
        # DaViT stage 3 had its v Squeeze predicted by the token attention's `attn5:a1` and its CPU Transpose elsewhere
        kind = "cattn5"
    users = view.consumers.get(ref.node.output[0], [])
    for u in users:
        if u.op_type == "Split" and len(u.node.output) == 3:
            roles["split"] = u
            q, k, v = ((t[0] if len(t) == 1 and t[0].op_type in ("Squeeze", "Reshape") else None)
                       for t in (view.consumers.get(o, []) for o in u.node.output))
            if q is not None:
                roles["q"] = q
            kt = view.consumers.get(k.node.output[0], []) if k is not None else []
            if len(kt) == 1 and kt[0].op_type == "Transpose":
                roles["k_tp"] = kt[0]
            if v is not None:
                roles["v"] = v
                o_rs = _attention_out(view, v)
                if o_rs is not None:
                    roles["o_rs"] = o_rs

        elif u.op_type == "Gather" and len(u.node.input) > 1:
            idx = view.const_value(u.node.input[1])
            if idx is not None and idx.size == 1 and int(idx.ravel()[0]) == 2:
                roles["v"] = u
    sliced = _sliced_qkv(view, users)
    if sliced is not None:  # Paddle2ONNX's (and torch.onnx dynamo's unbind) q, k, v: as the Split's
        q, k, v = sliced
        roles["q"], roles["v"] = q, v
        slice_v = view.producer.get(v.node.input[0])
        if slice_v is not None:
            roles["v_slice"] = slice_v
        kt = _data_user(view, k, "Transpose")
        if kt is not None:
            roles["k_tp"] = kt
        o_rs = _attention_out(view, v)
        if o_rs is not None:
            roles["o_rs"] = o_rs
    if "v" in roles:
        roles.update(_product_roles(view, roles["v"], roles.get("o_rs")))
    if kind == "nattn5" and "v" in roles:
        mm = _users_past_identity(view, roles["v"].node.output[0])
        tp = _users_past_identity(view, mm[0].node.output[0]) if len(mm) == 1 and mm[0].op_type == "MatMul" else []
        if len(tp) == 1 and tp[0].op_type == "Transpose":
            roles["o_tp"] = tp[0]
        o_rs = _attention_out(view, roles["v"])
        if o_rs is not None and _nhwc_block_ends(view, o_rs):
            kind = "nattn5end"
    split = roles.get("split")
    taken = [None, None, None]
    for i, out in enumerate(split.node.output if split is not None else ()):
        t = [u for u in view.consumers.get(out, []) if u.op_type not in _SHAPE_READERS]
        taken[i] = t[0] if len(t) == 1 and t[0].op_type in ("Squeeze", "Reshape") else None
    k_users = [u for u in view.consumers.get(taken[1].node.output[0], []) if u.op_type not in _SHAPE_READERS] \
        if taken[1] is not None else []
    if kind == "attn5" and taken[0] is not None and len(k_users) == 1 and k_users[0].op_type == "Softmax":
        kind = "fattn5"  # CoaT's factorised attention: softmax over k's tokens
        roles["q"] = taken[0]
        kt = _data_user(view, k_users[0], "Transpose")
        if kt is not None:
            roles["k_tp"] = kt
        crpe = _crpe_roles(view, roles["v"]) if "v" in roles else None
        if crpe:
            kind = "crpe5"
            roles.update(crpe)
    # the full key: the plain one, then the head width, a batch of more than one and q scaled after its Squeeze (as
    # torch.onnx writes scaled_dot_product_attention); attention_keys gives it with its back-off
    batch = ":bn" if isinstance(shape[0], int) and shape[0] > 1 else ""
    qs = _users_past_identity(view, roles["q"].node.output[0]) \
        if "q" in roles else []  # (torch.onnx reads q's shape for the scale)
    scaled = ":s" if len(qs) == 1 and qs[0].op_type == "Mul" else ""
    cos = ":cos" if any(_l2_divided(view, u) for u in qs) else ""
    big = ""
    if batch and "qk" in roles and all(isinstance(v, int) for v in shape):
        big = ":big" if shape[0] * shape[3] * shape[1] ** 2 > TILED_LOGITS else ""
    return f"{kind}:{_align4(shape[1])}:d{_align4(shape[4])[1:]}{batch}{scaled}{cos}{big}", roles


def _product_roles(view: ModelView, v: NodeRef, o_rs: NodeRef | None) -> dict[str, NodeRef]:
    """The attention's q @ k^T product (`qk`: the MatMul in front of the Softmax that reads attn @ v, back through
    the scale / bias Muls and Adds on its first input) and the proj Linear after the Reshape back to tokens
    (`proj`: its bias Add, or the Linear where the bias is all zero). rknn-toolkit2 2.3.2 on rk3566 put a Reshape after the product and a
    Transpose after the proj Linear on the CPU for a batch of windows (calibration/placement_sweep.py `swinv2win`)."""
    out: dict[str, NodeRef] = {}
    av = _users_past_identity(view, v.node.output[0])
    cur = view.producer.get(av[0].node.input[0]) if len(av) == 1 and av[0].op_type == "MatMul" else None
    for _ in range(5):
        if cur is None or cur.op_type == "MatMul" or cur.op_type not in ("Softmax", "Add", "Mul", "Div") \
                or not cur.node.input:
            break
        cur = view.producer.get(cur.node.input[0])
    if cur is not None and cur.op_type == "MatMul":
        out["qk"] = cur
    mm = _users_past_identity(view, o_rs.node.output[0]) if o_rs is not None else []
    if len(mm) == 1 and mm[0].op_type in LINEAR and all(view.is_constant(x) for x in mm[0].node.input[1:] if x):
        add = _users_past_identity(view, mm[0].node.output[0])
        bias = [x for x in add[0].node.input if x != mm[0].node.output[0]] if len(add) == 1 and \
            add[0].op_type == "Add" else []
        # the toolkit names the layer after the bias Add, after the Linear where it drops an all-zero bias (timm's
        # Linears with random weights: unseen set 14's SwinV2-T, 'Transpose:<MatMul output>_rs_tp')
        out["proj"] = add[0] if len(bias) == 1 and not all_zero(view, bias[0]) else mm[0]
    return out


def _past_bias(view: ModelView, lin: NodeRef | None) -> NodeRef | None:
    """The Linear behind a bias Add (MatMul / Gemm then Add, as torch.onnx writes a Linear), or the node itself."""
    if lin is not None and lin.op_type == "Add":
        lin = next((view.producer.get(x) for x in lin.node.input if view.producer.get(x) is not None
                    and view.producer[x].op_type in LINEAR), None)
    return lin


def _grouped_attention(view: ModelView, ref: NodeRef, shape) -> tuple[str, dict[str, NodeRef]] | None:
    """attention_roles of a windowed attention that keeps the window grid as an axis of its own (timm Twins-SVT's
    locally-grouped attention): the qkv Linear over the rank-6 grid [B, H/w, W/w, w, w, C] (`qkv_in` the Transpose
    making it, `qkv_mm` the Linear) -> Reshape [B, G, N, 3, h, d] -> Transpose(3, 0, 1, 4, 2, 5) -> Split -> Squeeze
    q, k, v of rank 5; `q_scale` / `k_scale` the Muls by sqrt(scale) of q and k^T (F.scaled_dot_product_attention),
    `av` the product with v, `o_tp` / `o_rs` the way back. rknn-toolkit2 2.3.2 on rk3566 put the rank-5 products'
    layout layers on the CPU (calibration/placement_sweep.py `lsa`). Key `gattn6:<N's alignment>:d<head width's>`,
    `:bn` for more than one window, `:s` for q scaled. None when the structure differs."""
    if not shape or len(shape) != 6 or shape[3] != 3 or not all(isinstance(d, int) and d > 0 for d in shape[1:]):
        return None
    rs = view.producer.get(ref.node.input[0])
    lin = _past_identity(view, rs.node.input[0]) if rs is not None and rs.op_type == "Reshape" else None
    lin = _past_bias(view, lin)
    if lin is None or lin.op_type not in LINEAR:
        return None
    split = next((u for u in view.consumers.get(ref.node.output[0], []) if u.op_type == "Split"
                  and len(u.node.output) == 3), None)
    if split is None:
        return None
    q, k, v = ((t[0] if len(t) == 1 and t[0].op_type in ("Squeeze", "Reshape") else None)
               for t in ([u for u in view.consumers.get(o, []) if u.op_type not in _SHAPE_READERS]
                         for o in split.node.output))
    if q is None or k is None or v is None:
        return None
    roles: dict[str, NodeRef] = {"qkv_mm": lin, "qkv_rs": rs, "qkv_tp": ref, "split": split, "q": q, "v": v}
    src = _past_identity(view, lin.node.input[0])
    if src is not None:
        roles["qkv_in"] = src
    qs = _data_user(view, q, "Mul")
    if qs is not None:
        roles["q_scale"] = qs
    kt = _data_user(view, k, "Transpose")
    if kt is not None:
        roles["k_tp"] = kt
        ks = _data_user(view, kt, "Mul")
        if ks is not None:
            roles["k_scale"] = ks
    av = _users_past_identity(view, v.node.output[0])
    if len(av) == 1 and av[0].op_type == "MatMul":
        roles["av"] = av[0]
        o_tp = _data_user(view, av[0], "Transpose")
        if o_tp is not None:
            roles["o_tp"] = o_tp
            o_rs = _data_user(view, o_tp, "Reshape")
            if o_rs is not None:
                roles["o_rs"] = o_rs
    batch = ":bn" if shape[0] * shape[1] > 1 else ""
    return f"gattn6:{_align4(shape[2])}:d{_align4(shape[5])[1:]}{batch}{':s' if qs is not None else ''}", roles


def _nhwc_block_ends(view: ModelView, o_rs: NodeRef) -> bool:
    """Whether a channels-last attention's output (its Reshape back to the map, `o_rs`) reaches, through the proj
    Linear (MatMul, bias Add) and the residual Add, only Transposes back to NCHW: the block ends the channels-last
    region. rknn-toolkit2 2.5.0 on rk3566 kept such a block's layout nodes on the NPU where the same block followed by
    a channels-last MLP ran them on the CPU (calibration/placement_sweep.py `nhwc_attn` `_nomlp`)."""
    cur = o_rs
    for _ in range(4):
        users = _users_past_identity(view, cur.node.output[0])
        if len(users) != 1:
            return bool(users) and all(u.op_type == "Transpose" and _perm(u) == (0, 3, 1, 2) for u in users)
        cur = users[0]
        if cur.op_type == "Transpose":
            return _perm(cur) == (0, 3, 1, 2)
        if cur.op_type not in ("MatMul", "Add"):
            return False
    return False


def _kv_attention(view: ModelView, ref: NodeRef, shape, lin: NodeRef, src: NodeRef | None,
                  roles: dict[str, NodeRef]) -> tuple[str, dict[str, NodeRef]] | None:
    """attention_roles of a packed key / value pair ([B, M, 2, h, d] -> Transpose(2, 0, 3, 1, 4) -> Split in two ->
    Squeeze k, v, v read by the product with the Softmax; q a Linear of its own), as spatial-reduction attention writes it (PVT, PVT-v2, Twins-PCPVT,
    SegFormer): `sr_rs` the Reshape [B, C, H', W'] -> [B, C, M] of the reduction Conv's map in front of the kv Linear
    (through a Transpose and a LayerNorm that only the kv Linear reads; where the LayerNorm is written out, its first
    mean, after which the toolkit names the fused norm and the Reshape it hangs on it), `k_scale` the Mul by a constant after k's
    Transpose (F.scaled_dot_product_attention's scale), else `k_tp` that Transpose, `v` v's Squeeze, `o_rs` the
    Reshape back. The kind
    spells the reduction (`srkv5`; `kv5`: k and v from the tokens q reads) and one head (`h1`), the key M's alignment
    and the head width. rknn-toolkit2 2.3.2 and 2.5.0 on rk3566 fp16 ran sr_rs (kv5: the kv Reshape), k^T's last node
    and v on the CPU for 2 to 8 heads at M = 4 to 256, for one head nothing (M = 16, 64) or v alone (M = 49)
    (calibration/placement_sweep.py `srattn`)."""
    split = next((u for u in view.consumers.get(ref.node.output[0], []) if u.op_type == "Split"
                  and len(u.node.output) == 2), None)
    if split is None:
        return None
    roles["split"] = split
    k, v = ((t[0] if len(t) == 1 and t[0].op_type in ("Squeeze", "Reshape") else None)
            for t in ([u for u in view.consumers.get(o, []) if u.op_type not in _SHAPE_READERS]
                      for o in split.node.output))
    if k is None or v is None:
        return None
    mm = _users_past_identity(view, v.node.output[0])
    att = view.producer_of(mm[0].node.input[0]) if len(mm) == 1 and mm[0].op_type == "MatMul" \
        and mm[0].node.input[1] == v.node.output[0] else None
    if att is None or att.op_type != "Softmax":
        return None  # the pair is no key / value (timm TNT packs q and k, v has a Linear of its own)
    roles["v"] = v
    kt = _data_user(view, k, "Transpose")
    ks = _data_user(view, kt, "Mul")
    if ks is not None and any(not view.depends_on_inputs(x) for x in ks.node.input if x != kt.node.output[0]):
        roles["k_scale"] = ks  # (the toolkit names k^T's layer after the last node in front of the product)
    elif kt is not None:
        roles["k_tp"] = kt
    o_rs = _attention_out(view, v)
    if o_rs is not None:
        roles["o_rs"] = o_rs
    kind = "kv5"
    # the LayerNorm in front: an op, or written out, whose fused layer the toolkit names after its first mean
    head = written_layernorm_head(view, src) if src is not None and src.op_type != "LayerNormalization" else None
    if src is not None and (src.op_type == "LayerNormalization" or head is not None) and \
            len([u for u in view.consumers.get(src.node.output[0], []) if u.op_type not in _SHAPE_READERS]) == 1:
        tp = _past_identity(view, (head or src).node.input[0])
        rs = _past_identity(view, tp.node.input[0]) if tp is not None and tp.op_type == "Transpose" else None
        if rs is not None and rs.op_type == "Reshape" and len(_shape(view, rs.node.input[0]) or ()) == 4:
            # SegFormer's written-out LayerNorm: the layer is '<mean>_2ln_rs_rs' (unseen set 9, rk3566 2.3.2)
            roles["sr_rs"] = head or rs
            kind = "srkv5"
    if shape[3] == 1:
        kind += "h1"
    batch = ":bn" if isinstance(shape[0], int) and shape[0] > 1 else ""
    return f"{kind}:{_align4(shape[1])}:d{_align4(shape[4])[1:]}{batch}", roles


def _qk_attention(view: ModelView, ref: NodeRef, shape, roles: dict[str, NodeRef]
                  ) -> tuple[str, dict[str, NodeRef]] | None:
    """attention_roles of a packed query / key pair ([B, N, 2, h, d] -> Transpose(2, 0, 3, 1, 4) -> Split in two ->
    Squeeze q, k) whose v has a Linear of its own (-> Reshape [B, N, h, d] -> Transpose(0, 2, 1, 3), read by the
    product with the Softmax), as timm's TNT writes both its inner (pixel) and outer (patch) attention: `v_rs` v's
    Reshape, `v_tp` its Transpose, `o_tp` / `o_rs` the way back, and the qkv roles of the pair. Key `qk5:<N's
    alignment>:d<head width's>` (`:bn` over a batch of patches). rknn-toolkit2 on rk3566 fp16 (calibration/
    placement_sweep.py `tnt`): the outer attention's v Reshape and Transpose on the CPU where N is no multiple of 4
    (17, 26, 37, 50, 197 tokens; NPU at 16, 24, 32, 64), as timm's packed attention; over 4 to 196 patches of 4 to 16
    pixels v's Transpose and the Reshape back on the CPU with 2.3.2 for heads of 6 (NPU for 8 and 12), with 2.5.0 for
    every head width measured, and the pair's Reshape too. None when the structure differs."""
    split = next((u for u in view.consumers.get(ref.node.output[0], []) if u.op_type == "Split"
                  and len(u.node.output) == 2), None)
    if split is None:
        return None
    q, k = ((t[0] if len(t) == 1 and t[0].op_type in ("Squeeze", "Reshape") else None)
            for t in ([u for u in view.consumers.get(o, []) if u.op_type not in _SHAPE_READERS]
                      for o in split.node.output))
    kt = _data_user(view, k, "Transpose")
    if q is None or kt is None:
        return None
    mm = _users_past_identity(view, kt.node.output[0])
    if len(mm) != 1 or mm[0].op_type != "MatMul" or mm[0].node.input[0] != q.node.output[0]:
        return None
    cur = mm[0]
    for _ in range(3):  # the scale Mul (or Div) between the product and the Softmax
        nxt = _users_past_identity(view, cur.node.output[0])
        if len(nxt) != 1:
            return None
        cur = nxt[0]
        if cur.op_type == "Softmax":
            break
    if cur.op_type != "Softmax":
        return None
    av = _users_past_identity(view, cur.node.output[0])
    if len(av) != 1 or av[0].op_type != "MatMul" or av[0].node.input[0] != cur.node.output[0]:
        return None
    v_tp = _past_identity(view, av[0].node.input[1])
    v_rs = _past_identity(view, v_tp.node.input[0]) if v_tp is not None and v_tp.op_type == "Transpose" \
        and _perm(v_tp) == (0, 2, 1, 3) else None
    lin = _past_identity(view, v_rs.node.input[0]) if v_rs is not None and v_rs.op_type == "Reshape" else None
    lin = _past_bias(view, lin)
    if lin is None or lin.op_type not in LINEAR:
        return None
    roles.update({"split": split, "q": q, "k_tp": kt, "v_rs": v_rs, "v_tp": v_tp})
    tp = _users_past_identity(view, av[0].node.output[0])
    if len(tp) == 1 and tp[0].op_type == "Transpose":
        roles["o_tp"] = tp[0]
        rs = _users_past_identity(view, tp[0].node.output[0])
        if len(rs) == 1 and rs[0].op_type == "Reshape":
            roles["o_rs"] = rs[0]
    batch = ":bn" if isinstance(shape[0], int) and shape[0] > 1 else ""
    return f"qk5:{_align4(shape[1])}:d{_align4(shape[4])[1:]}{batch}", roles


def _sliced_qkv(view: ModelView, users: list[NodeRef]) -> tuple[NodeRef, NodeRef, NodeRef] | None:
    """The Squeezes taking q, k, v out of the qkv Transpose as Paddle2ONNX writes them (PaddleOCR's SVTR attention):
    three Slices of one on axis 0 (starts 0, 1, 2), each read by one Squeeze; None when the structure differs."""
    data = [u for u in users if u.op_type not in _SHAPE_READERS]
    if len(data) != 3 or any(u.op_type != "Slice" or len(u.node.input) < 4 for u in data):
        return None
    taken: dict[int, NodeRef] = {}
    for u in data:
        starts, ends, axes = (view.const_value(u.node.input[i]) for i in (1, 2, 3))
        steps = view.const_value(u.node.input[4]) if len(u.node.input) > 4 and u.node.input[4] else None
        if starts is None or ends is None or axes is None or starts.size != 1 or ends.size != 1 or axes.size != 1:
            return None
        i = int(starts.ravel()[0])
        if int(axes.ravel()[0]) != 0 or int(ends.ravel()[0]) != i + 1 or i not in (0, 1, 2) or i in taken \
                or (steps is not None and (steps.size != 1 or int(steps.ravel()[0]) != 1)):
            return None
        sq = _data_user(view, u, "Squeeze")
        if sq is None:
            return None
        taken[i] = sq
    return taken[0], taken[1], taken[2]


def attention_keys(key: str) -> list[str]:
    """A full attention key and its back-off, most specific first: the key without its logits' size class (`:big`),
    then `attn5:<N>` (`xca5:<N>`) alone, the key the fp16 sweeps measured (token counts of a batch of 1, one head
    width)."""
    keys = [key, key.removesuffix(":big"), ":".join(key.split(":")[:2])]
    return [k for i, k in enumerate(keys) if k not in keys[:i]]


def _attention_out(view: ModelView, v: NodeRef) -> NodeRef | None:
    """The Reshape back to [B, N, C] after attn @ v -> Transpose(0, 2, 1, 3), None when the structure differs."""
    mm = _users_past_identity(view, v.node.output[0])
    if len(mm) != 1 or mm[0].op_type != "MatMul":
        return None
    tp = _users_past_identity(view, mm[0].node.output[0])
    if len(tp) != 1 or tp[0].op_type != "Transpose":
        return None
    rs = _users_past_identity(view, tp[0].node.output[0])
    return rs[0] if len(rs) == 1 and rs[0].op_type == "Reshape" else None


def _past_identity(view: ModelView, name: str) -> NodeRef | None:
    """The producer of `name` behind any Identity nodes (the toolkit drops them)."""
    p = view.producer.get(name)
    for _ in range(8):
        if p is None or p.op_type != "Identity" or not p.node.input:
            return p
        p = view.producer.get(p.node.input[0])
    return p


def _users_past_identity(view: ModelView, name: str) -> list[NodeRef]:
    """The consumers of `name` that read more than its shape, past a lone Identity chain (the toolkit drops them)."""
    users = [u for u in view.consumers.get(name, []) if u.op_type not in _SHAPE_READERS]
    for _ in range(8):
        if len(users) != 1 or users[0].op_type != "Identity":
            break
        users = [u for u in view.consumers.get(users[0].node.output[0], []) if u.op_type not in _SHAPE_READERS]
    return users



def _data_user(view: ModelView, ref: NodeRef | None, op: str) -> NodeRef | None:
    """The one consumer of a node's first output that reads more than its shape, when it is an `op`; else None."""
    if ref is None or not ref.node.output:
        return None
    users = [u for u in view.consumers.get(ref.node.output[0], []) if u.op_type not in _SHAPE_READERS]
    return users[0] if len(users) == 1 and users[0].op_type == op else None


def _crpe_roles(view: ModelView, v: NodeRef) -> dict[str, NodeRef] | None:
    """CoaT's convolutional relative position encoding on v (timm ConvRelPosEnc as torch.onnx writes it): v without
    the class token -> Transpose -> Reshape to an image (`crpe_rs`) -> Split -> depthwise Convs -> Concat -> Reshape
    back (`crpe_rs1`) -> Transpose -> Mul with q (`crpe_mul`) -> Pad -> Add to the attention -> Transpose -> Reshape to
    tokens (`o_rs`). None when the structure differs."""
    sl = next((u for u in view.consumers.get(v.node.output[0], []) if u.op_type == "Slice"), None)
    rs = _data_user(view, _data_user(view, sl, "Transpose"), "Reshape")
    sp = _data_user(view, rs, "Split")
    if sp is None:
        return None
    cats = set()
    for out in sp.node.output:
        users = [u for u in view.consumers.get(out, []) if u.op_type not in _SHAPE_READERS]
        conv = users[0] if len(users) == 1 and users[0].op_type == "Conv" else None
        cat = _data_user(view, conv, "Concat")
        if cat is None:
            return None
        cats.add(cat.index)
    if len(cats) != 1:
        return None
    cat = view.main_nodes[cats.pop()] if not sp.graph_path else None
    rs1 = _data_user(view, cat, "Reshape")
    mul = _data_user(view, _data_user(view, rs1, "Transpose"), "Mul")
    o_rs = _data_user(view, _data_user(view, _data_user(view, _data_user(view, mul, "Pad"), "Add"), "Transpose"),
                      "Reshape")
    if mul is None:
        return None
    return {"crpe_rs": rs, "crpe_rs1": rs1, "crpe_mul": mul, **({"o_rs": o_rs} if o_rs is not None else {})}


def attention_placement(tab: dict[str, Any], view: ModelView, ref: NodeRef):
    """(key, [(role, node)] on the CPU, sweep table) of an attention the small models measured; None otherwise. A full
    key (head width, batch, scaling) the small models did not measure falls back to the plain token-count key."""
    found = attention_roles(view, ref)
    if not found:
        return None
    sec = (tab.get("sweep") or {}).get("attention") or {}
    key = next((k for k in attention_keys(found[0]) if k in sec), None)
    if key is None:
        return None
    roles, entry = found[1], sec[key]
    cpu = [(r, roles[r]) for r in ATTN_ROLES if r in roles and entry.get(r) == "cpu"]
    return key, cpu, tab.get("sweep_path") or ""


def area_attention_key(view: ModelView, ref: NodeRef) -> str | None:
    """The key of ultralytics' area attention (C2PSA / A2C2f as exported) at its Split: Conv qkv -> Reshape [1, h, 2k
    + d, N] -> Split on axis 2 into q, k, v, v read by the product v @ attn^T. It spells N's alignment: on rk3566 int8
    the toolkit put a CPU Transpose / Reshape on v (named after the Split, `Split_output_2_tp_rs`) for some token counts
    (calibration/placement_sweep.py `aattn`). None when the structure differs."""
    if ref.op_type != "Split" or ref.graph_path or len(ref.node.output) != 3 or ref.attr("axis", 0) not in (2, -2):
        return None
    shape = _shape(view, ref.node.input[0])
    if not shape or len(shape) != 4 or not isinstance(shape[3], int) or shape[3] <= 0:
        return None
    rs = view.producer.get(ref.node.input[0])
    area = ""
    if rs is not None and rs.op_type == "Transpose" and _perm(rs) == NHWC:
        # YOLO12's A2C2f: Conv -> Reshape [1, 3C, N] -> Transpose -> Reshape [areas, N / areas, h, 3d] -> Transpose
        # (0, 2, 3, 1) -> Split (placement_sweep.py `aattn_area`)
        r2 = view.producer.get(rs.node.input[0])
        tp = view.producer.get(r2.node.input[0]) if r2 is not None and r2.op_type == "Reshape" else None
        rs = view.producer.get(tp.node.input[0]) if tp is not None and _perm(tp) == (0, 2, 1) else None
        area = ":areas" if isinstance(shape[0], int) and shape[0] > 1 else ":tp"
    src = view.producer.get(rs.node.input[0]) if rs is not None and rs.op_type == "Reshape" else None
    if src is None or src.op_type != "Conv":
        return None
    v = ref.node.output[2]
    if not any(u.op_type == "MatMul" and u.node.input[0] == v for u in view.consumers.get(v, [])):
        return None
    return f"aattn4:{_align4(shape[3])}{area}"


def area_attention_res_key(view: ModelView, ref: NodeRef) -> str | None:
    """area_attention_key with `:res` where the qkv Conv reads an Add: a block behind another's residual, as A2C2f
    stacks ABlocks. With 2.5.0 on rk3566 fp16 such a block's area split (Reshape, Transpose) and v's way back to
    NCHW (Reshape, Transpose) ran on the CPU as well, the first block's not, 3 of 3 two-block models of 4 areas
    (placement_sweep `aattn_area2`: 14 x 14, 16 x 16, 20 x 20; unseen set 5's YOLO12n-cls); with 2.3.2 neither.
    None where area_attention_key is None or the Conv reads no Add."""
    key = area_attention_key(view, ref)
    conv = _area_qkv(view, ref) if key else None
    src = view.producer.get(conv.node.input[0]) if conv is not None else None
    return f"{key}:res" if src is not None and src.op_type == "Add" else None


def _area_qkv(view: ModelView, split: NodeRef) -> NodeRef | None:
    """The qkv Conv in front of an area attention's Split (through its Reshape / Transposes)."""
    cur = view.producer.get(split.node.input[0])
    for _ in range(5):
        if cur is None or cur.op_type == "Conv":
            return cur
        if cur.op_type not in ("Reshape", "Transpose"):
            return None
        cur = view.producer.get(cur.node.input[0])
    return None


AREA_ROLES = ("q_tp", "av", "o_tp", "o_rs", "o_nchw", "area_rs", "area_tp", "v_rs", "v_nchw")


def area_attention_roles(view: ModelView, split: NodeRef) -> dict[str, NodeRef]:
    """The nodes around an area attention's Split (area_attention_key) whose layers the toolkit may put on the CPU
    besides the Split's: q's Transpose (`q_tp`: q -> [Mul] -> Transpose), the product v @ attn^T (`av`) and the way
    back to NCHW behind it (`o_tp` Transpose, `o_rs` Reshape, `o_nchw` Transpose). With the YOLO12 area split on rk3566
    fp16 (2.3.2) all but `o_tp` ran on the CPU (placement_sweep.py `aattn_area`, unseen set 4's yolo12n pose / obb)."""
    out: dict[str, NodeRef] = {}
    if len(split.node.output) != 3:
        return out
    q = split.node.output[0]
    for _ in range(2):
        users = view.consumers.get(q, [])
        if len(users) != 1:
            break
        if users[0].op_type == "Transpose":
            out["q_tp"] = users[0]
            break
        if users[0].op_type != "Mul" or not users[0].node.output:
            break
        q = users[0].node.output[0]
    v = split.node.output[2]
    av = next((u for u in view.consumers.get(v, []) if u.op_type == "MatMul" and u.node.input[0] == v), None)
    if av is None:
        return out
    out["av"] = av
    for start, roles in ((av, ("o_tp", "o_rs", "o_nchw")), (None, ("v_tp", "v_rs", "v_nchw"))):
        cur = start  # None: v's own way back to NCHW (the positional Conv's input) from the Split
        for role, op in zip(roles, ("Transpose", "Reshape", "Transpose")):
            users = view.consumers.get(cur.node.output[0] if cur is not None else v, [])
            users = [u for u in users if u.op_type == op] if cur is None else users
            if len(users) != 1 or users[0].op_type != op:
                break
            cur = users[0]
            if role != "v_tp":
                out[role] = cur
    tp = view.producer.get(split.node.input[0])
    rs = view.producer.get(tp.node.input[0]) if _perm(tp) == NHWC else None
    if rs is not None and rs.op_type == "Reshape":  # YOLO12's area split in front of the Split
        out.update(area_tp=tp, area_rs=rs)
    return out


def area_attention_placement(tab: dict[str, Any], view: ModelView, ref: NodeRef) -> tuple[str, str, str] | None:
    """(placement of the layer on v, key, sweep table) of an area attention the small models measured (a block behind
    a residual by its `:res` key where measured), else None."""
    sec = (tab.get("sweep") or {}).get("area_attention") or {}
    key = next((k for k in (area_attention_res_key(view, ref), area_attention_key(view, ref)) if k and k in sec), None)
    entry = sec.get(key) if key else None
    if not entry or entry.get("placement") not in ("cpu", "npu"):
        return None
    return entry["placement"], key, tab.get("sweep_path") or ""


NHWC, NCHW = (0, 2, 3, 1), (0, 3, 1, 2)
GLU_ROLES = ("fc1", "to_conv", "from_conv", "gate", "first_norm", "exit")


def _perm(ref: NodeRef | None) -> tuple[int, ...] | None:
    if ref is None or ref.op_type != "Transpose":
        return None
    try:
        return tuple(int(v) for v in ref.attr("perm") or ())
    except (TypeError, ValueError):
        return None


def _only_user(view: ModelView, name: str, op: str) -> NodeRef | None:
    users = view.consumers.get(name, [])
    return users[0] if len(users) == 1 and users[0].op_type == op else None


def _glu_block(view: ModelView, split: NodeRef) -> dict[str, Any] | None:
    """One channels-last gated conv block (timm MambaOut's GatedConvBlock as torch.onnx writes it) at its Split: a
    Split on the last axis of a rank-4 [1, H, W, C'] tensor made by a Linear (MatMul with a constant weight, then its
    bias Add), one part through Transpose(0, 3, 1, 2) -> Conv -> Transpose(0, 2, 3, 1) -> Concat (last axis) with
    another, the Concat into a Mul (the gate) -> Linear -> Add (the residual). None when the structure differs."""
    if split.graph_path or len(split.node.output) < 2:
        return None
    shape = _shape(view, split.node.input[0])
    if not shape or len(shape) != 4 or not all(isinstance(d, int) and d > 0 for d in shape):
        return None
    if split.attr("axis", 0) not in (-1, 3):
        return None
    roles: dict[str, NodeRef] = {}
    for out in split.node.output:
        t1 = _only_user(view, out, "Transpose")
        if _perm(t1) != NCHW:
            continue
        conv = _only_user(view, t1.node.output[0], "Conv")
        t2 = _only_user(view, conv.node.output[0], "Transpose") if conv else None
        cat = _only_user(view, t2.node.output[0], "Concat") if _perm(t2) == NHWC else None
        gate = _only_user(view, cat.node.output[0], "Mul") if cat is not None else None
        if gate is not None:
            roles.update(to_conv=t1, from_conv=t2, gate=gate)
            break
    if "gate" not in roles:
        return None
    fc1 = view.producer.get(split.node.input[0])
    if fc1 is not None and fc1.op_type == "Add":
        fc1 = next((view.producer[x] for x in fc1.node.input if x in view.producer
                    and view.producer[x].op_type == "MatMul"), None)
    if fc1 is None or fc1.op_type != "MatMul" or not view.is_constant(fc1.node.input[1]):
        return None
    roles["fc1"] = fc1
    x = _shape(view, fc1.node.input[0])
    if not x or len(x) != 4 or not isinstance(x[-1], int):
        return None
    norm = view.producer.get(fc1.node.input[0])
    if norm is not None and norm.op_type == "LayerNormalization":
        roles["norm"] = norm
    # the residual Add after the gate's Linear (fc2, its bias): what reads it leaves the block
    cur = gate
    for _ in range(3):
        users = view.consumers.get(cur.node.output[0], [])
        if len(users) != 1:
            break
        cur = users[0]
    roles["res"] = cur
    return {"hw": shape[1:3], "c": x[-1], "roles": roles}


def glu_blocks(view: ModelView) -> list[dict[str, Any]]:
    """The channels-last gated conv blocks of a model (_glu_block), grouped into runs: blocks at the same H, W and C
    (a network stage), each with its `key` `glu4:hw<le16|gt16>:b<1|2+>` (calibration/placement_sweep.py `glu`: on
    rk3566 fp16 a run of 2 or more such blocks at 16 or 8 px went through CPU Transposes (around the fc1 Linear, the
    depthwise Conv and the gate), at 32 px or as one block it stayed on the NPU, at 48 to 192 channels alike), the
    run's first block marked `first`, and the op reading the last block's residual (`exit`: a Transpose back to NCHW
    or a ReduceMean). Cached per view."""
    memo = view.__dict__.get("_motif_glu")
    if memo is not None:
        return memo
    found = [b for b in (_glu_block(view, r) for r in view.main_nodes if r.op_type == "Split") if b]
    groups: dict[tuple, list[dict[str, Any]]] = {}
    for b in found:
        groups.setdefault((*b["hw"], b["c"]), []).append(b)
    out: list[dict[str, Any]] = []
    for (h, w, c), blocks in groups.items():
        key = f"glu4:hw{'le16' if max(h, w) <= 16 else 'gt16'}:b{'1' if len(blocks) == 1 else '2+'}"
        blocks.sort(key=lambda b: b["roles"]["fc1"].index)
        last = blocks[-1]["roles"]["res"]
        users = [u for u in view.consumers.get(last.node.output[0], [])
                 if _perm(u) == NCHW or u.op_type == "ReduceMean"]
        for i, b in enumerate(blocks):
            roles = {k: v for k, v in b["roles"].items() if k in GLU_ROLES}
            if i == 0 and "norm" in b["roles"]:
                roles["first_norm"] = b["roles"]["norm"]
            if i == len(blocks) - 1 and len(users) == 1:
                roles["exit"] = users[0]
            out.append({"key": key, "hw": [h, w], "c": c, "blocks": len(blocks), "roles": roles})
    view.__dict__["_motif_glu"] = out
    return out


def glu_placement(tab: dict[str, Any] | None, view: ModelView) -> list[tuple[str, NodeRef, dict[str, Any], str]]:
    """(role, node, block, sweep table) of every role of a channels-last gated conv block that the small models put
    on the CPU (rules/motifs/sweeps `channels_last`); [] where nothing was measured."""
    entries = ((tab or {}).get("sweep") or {}).get("channels_last") or {}
    if not entries:
        return []
    hits = []
    for b in glu_blocks(view):
        entry = entries.get(b["key"]) or {}
        for role, node in b["roles"].items():
            if entry.get(role) == "cpu":
                hits.append((role, node, b, tab.get("sweep_path") or ""))
    return hits


HSWISH_ROLES = ("input", "output")


def hard_swishes(view: ModelView) -> list[dict[str, Any]]:
    """The HardSwish activations written as HardSigmoid(x) * x (Paddle2ONNX, older torch.onnx), each with its `key`
    `hswish<rank>:<class of x's producer>` and its roles: `input` the node making x, `output` the node the toolkit
    names the layer after the Mul by (the Mul, or the Unsqueeze / Squeeze / Reshape / Flatten that alone reads it).
    With rknn-toolkit2 2.3.2 on rk3566 fp16 a rank-3 one behind a BatchNormalization (PP-OCRv6-tiny rec's Conv1d
    neck) got a CPU Reshape on its input and on its output at 64 to 160 channels over 25 to 40 steps, where a Relu in
    its place got none (calibration/placement_sweep.py `bn1d`; the sweep's `hswish` section). Cached per view."""
    memo = view.__dict__.get("_motif_hswish")
    if memo is not None:
        return memo
    out: list[dict[str, Any]] = []
    for hs in view.main_nodes:
        if hs.op_type != "HardSigmoid" or not hs.node.input or not hs.node.output:
            continue
        x, h = hs.node.input[0], hs.node.output[0]
        mul = next((u for u in view.consumers.get(h, []) if u.op_type == "Mul" and set(u.node.input) == {x, h}), None)
        src = view.producer.get(x)
        if mul is None or src is None or src.graph_path:
            continue
        users = [u for u in view.consumers.get(mul.node.output[0], []) if u.op_type not in _SHAPE_READERS]
        last = users[0] if len(users) == 1 and users[0].op_type in ("Unsqueeze", "Squeeze", "Reshape", "Flatten") \
            and mul.node.output[0] not in view.output_names else mul
        key = f"hswish{_rank(_shape(view, x))}:{_producer_class(view, x)}"
        shape = _shape(view, x)
        # and with the last dim's alignment: on rk3588 int8 (2.5.0) 25 and 40 steps put the Reshapes on the CPU,
        # 32 not (`bn1d`)
        sized = f"{key}@{_align(shape[-1])}" if shape else None
        out.append({"key": key, "sized": sized, "roles": {"input": src, "output": last}})
    view.__dict__["_motif_hswish"] = out
    return out


def hswish_placement(tab: dict[str, Any] | None, view: ModelView) -> list[tuple[str, NodeRef, str, str]]:
    """(role, node, key, sweep table) of every role of a decomposed HardSwish that the small models put a CPU layer
    on (rules/motifs/sweeps `hswish`); [] where nothing was measured."""
    entries = ((tab or {}).get("sweep") or {}).get("hswish") or {}
    if not entries:
        return []
    hits = []
    for hsw in hard_swishes(view):
        key = hsw["key"]
        sized = entries.get(hsw["sized"]) or {}
        if all(sized.get(role) in ("cpu", "npu") for role in hsw["roles"]):
            key = hsw["sized"]  # the size class decides where the plain key's builds split
        entry = entries.get(key) or {}
        hits.extend((role, node, key, tab.get("sweep_path") or "") for role, node in hsw["roles"].items()
                    if entry.get(role) == "cpu")
    return hits


REDUCES = frozenset({"ReduceMean", "ReduceSum", "ReduceMax", "ReduceMin"})


def _rewritten_einsum(ref: NodeRef) -> bool:
    """An Einsum of two operands whose equation has no whitespace: the toolkit rewrites it into Transpose / Reshape /
    MatMul layers (variants._einsum; one written with spaces stays an Einsum of its own)."""
    eq = ref.attr("equation")
    eq = eq.decode("utf-8", "replace") if isinstance(eq, bytes) else eq
    return ref.op_type == "Einsum" and len(ref.node.input) == 2 and isinstance(eq, str) and \
        not any(c.isspace() for c in eq)


def einsum_operand_key(view: ModelView, ref: NodeRef) -> str | None:
    """`<op>>einsum` for a layout node whose every reader is a rewritten Einsum of it by a constant table (SAM's and
    MViTv2's decomposed relative positions: q Reshaped to [B, h, w, d] or [1, heads, h, w, d] -> Einsum with the
    height and the width table). The toolkit names the Transpose / Reshape layers it makes of such an Einsum after
    its computed operand ('Transpose:q_rs_y_tp', 'Reshape:q_rs_y_tp_rs_mm_rs'), so they are that node's
    (calibration/placement_sweep.py `relpos`, `mvitpool`). None for any other node."""
    if ref.op_type not in RELAYOUT_OPS or ref.graph_path or not ref.node.output:
        return None
    name = ref.node.output[0]
    users = [u for u in view.consumers_of(name) if u.op_type not in _SHAPE_READERS]
    if not users or name in view.output_names or not all(
            _rewritten_einsum(u) and all(x == name or not view.depends_on_inputs(x) for x in u.node.input)
            for u in users):
        return None
    return f"{ref.op_type}>einsum"


def conv_reading_weight(view: ModelView, name: str) -> NodeRef | None:
    """The Conv that reads the value `name` as its weight (input 1), else None."""
    return next((c for c in view.consumers_of(name) if c.op_type == "Conv" and len(c.node.input) > 1
                 and c.node.input[1] == name), None)


def conv_weight_of(view: ModelView, ref: NodeRef) -> NodeRef | None:
    """The Conv whose weight input (index 1) is this node's output, directly or through one Reshape; else None."""
    if not ref.node.output:
        return None
    out = ref.node.output[0]
    return conv_reading_weight(view, out) or next(
        (c for u in view.consumers_of(out) if u.op_type == "Reshape" and u.node.output
         for c in [conv_reading_weight(view, u.node.output[0])] if c is not None), None)


def weight_mul_key(view: ModelView, ref: NodeRef) -> str | None:
    """`Mul:convw:<k1|kn>:<in|out>` for a Mul that makes a Conv's weight (directly or through one Reshape) of a weight
    [.., Cout, Cin, kh, kw] and a computed scale spanning its input channels (`in`: StyleGAN2's modulation by the
    style, [1, 1, Cin, 1, 1]) or its output channels (`out`: the demodulation, [1, Cout, 1, 1, 1]), by whether the
    kernel is 1 x 1. With 2.3.2 on rk3588, rk3566, rk2118 float16 and rv1106 int8 and with 2.5.0 the modulation of
    a 1 x 1 kernel ran on the CPU ('Mul' on (Cout, Cin, 1, 1) x (1, Cin, 1, 1), Cout 3 to 64, rank 4 and 5), of a
    3 x 3 one on the NPU (calibration/placement_sweep.py `modw`, `demod`). None for any other node."""
    if ref.op_type != "Mul" or ref.graph_path or len(ref.node.input) != 2 or not any(
            view.depends_on_inputs(x) for x in ref.node.input) or conv_weight_of(view, ref) is None:
        return None
    out = _shape(view, ref.node.output[0])
    sa, sb = (_shape(view, x) for x in ref.node.input)
    if not out or len(out) < 4 or sa is None or sb is None or len(sa) != len(out) or len(sb) != len(out) or not all(
            isinstance(d, int) for d in (*out, *sa, *sb)):
        return None
    small = sa if int(np.prod(sa)) < int(np.prod(sb)) else sb
    spans = [i - len(out) for i, (d, s) in enumerate(zip(out, small)) if s != 1 and d != 1]
    side = "in" if spans == [-3] else "out" if spans == [-4] else None
    if side is None:
        return None
    return f"Mul:convw:{'k1' if out[-1] * out[-2] == 1 else 'kn'}:{side}"


def node_key_sweep(view: ModelView, ref: NodeRef) -> str | None:
    """An op outside the layout runs by its type and input rank (`InstanceNormalization3`): the sweep table's
    `nodes` section. None for layout-run ops (but the operand of a rewritten Einsum: einsum_operand_key), nodes in
    subgraphs and constant-only nodes."""
    operand = einsum_operand_key(view, ref) or weight_mul_key(view, ref)
    if operand is not None:
        return operand
    gsum = _group_sum(view, ref)
    if gsum:  # either operand may be the constant weight: keyed by the product's shape
        return f"Mul5{gsum}"
    if ref.op_type == "MatMul" and not ref.graph_path and _batch_broadcast(view, ref):
        # attention with one key / value head shared by every query head (multi-query attention): the toolkit expands
        # the shared operand first ('Expand:<operand>_expand'; calibration/placement_sweep.py `mqa`), next to a Softmax
        # (`:sm`) only: the same MatMuls without the Softmax between them stayed on the NPU whole
        sm = any(c.op_type == "Softmax" for c in view.consumers_of(ref.node.output[0])) or \
            getattr(view.producer.get(ref.node.input[0]), "op_type", None) == "Softmax"
        return f"MatMul{_rank(_shape(view, ref.node.input[0]))}:bcast{':sm' if sm else ''}"
    if ref.graph_path or ref.op_type in CHAIN_OPS | REDUCES or not ref.node.input or not ref.node.input[0]:
        return None  # a Reduce is decided by its axes (reduce_key), not its rank
    data = ref.node.input[0]
    if ref.op_type == "Div" and _reciprocal(view, ref):
        data = ref.node.input[1]  # 1 / t: the divisor is the data
    bias = _linear_bias(view, ref)
    if bias and not view.depends_on_inputs(data):
        data = ref.node.input[1]  # a Linear's bias Add written Add(bias, x) (torch.onnx's Linear of a rank-3 input)
    minuend = _const_minuend(view, ref)
    if minuend:
        return minuend
    if not view.depends_on_inputs(data):
        return None
    shape = _shape(view, data)
    if shape is None:  # onnx's inference stopped (RTMPose's computed Reshapes): the folded shape's rank
        from .static_shapes import resolved_shape

        shape = resolved_shape(view, data)
    rank = _rank(shape)
    roll = _roll(view, ref, len(shape)) if ref.op_type == "Concat" and shape else ""
    if roll:
        return f"Concat{rank}{roll}"
    levels = _levels_concat(view, ref)
    if levels:
        return f"Concat{rank}{levels}"
    if ref.op_type == "Resize":
        # the mode and the input width decide: an align_corners bilinear x2 Resize ran on the CPU in int8 on rk3588,
        # rk3566 and rk3576 at every size, on rk3562 from 64 px wide on (32 px: NPU; 33-63 not measured); so in float16
        # on rk3562 with 2.3.2 and 2.5.0, at every size with 2.3.0 (placement_sweep `resize`)
        mode, ctm = (v.decode() if isinstance(v, bytes) else str(v) for v in
                     (ref.attr("mode", "nearest"), ref.attr("coordinate_transformation_mode", "half_pixel")))
        shape = _shape(view, ref.node.input[0])
        w = shape[-1] if shape else None
        wide = "w?" if not isinstance(w, int) or w <= 0 else "w<=32" if w <= 32 else "w<64" if w < 64 else "w>=64"
        if shape and len(shape) == 4 and list(shape[2:]) == [1, 1]:
            wide = "hw1"  # a 1 x 1 map spread over H x W (an ASPP pooled branch; `resize1`): not an upscale's class
        return f"Resize{rank}:{mode}:{ctm}:{wide}"
    outer = _outer_rank(view, ref)
    if outer is not None:
        return f"{ref.op_type}{outer}:outer"
    divisor = ":t" if ref.op_type == "Div" and len(ref.node.input) > 1 and view.depends_on_inputs(ref.node.input[1]) \
        else ""  # a computed divisor: every int8 build put it on the CPU, a constant one is folded into a scale
    return (f"{ref.op_type}{rank}{divisor}{_stacked(ref, shape)}{_pool_pads(ref)}{_channel_pad(view, ref)}{_pad_mode(view, ref)}{_token_pad(view, ref)}"
            f"{_scalar_floor(view, ref)}{_reciprocal(view, ref)}{_square(view, ref)}{_focus(view, ref) or _stride(view, ref)}"
            f"{_tile_unit(view, ref)}{_expanded_axes(view, ref)}{_int_input_cast(view, ref)}{_unit_pairs(view, ref)}"
            f"{_rnn_concat(view, ref)}{_trig_read(view, ref)}{_softmax_rows(view, ref)}{_safe_mask(view, ref)}{_volume_concat(view, ref)}{_grouped_rnn(view, ref)}{_bidirectional(ref)}{_window_gather(view, ref)}{_int_columns(view, ref)}{bias}{_qkv_part(view, ref)}{_stack(view, ref)}")


def _int_columns(view: ModelView, ref: NodeRef) -> str:
    """`:cols1` for the first (in graph order) of two or more Gathers that each take one constant column of the same
    integer tensor on the same axis (MarkupLM's xpath tags [1, N, 50], one Gather per depth), `:cols` for the others:
    the toolkit makes one Split of them, named after the first ('Split:<first>_2sl_2sp'), which ran on the CPU with
    2.3.2, 2.5.0 and 2.3.0 on every family built (calibration/placement_sweep.py `idsin` xpath, 24 of 24 builds); the
    others leave no layer. "" for any other node."""
    if ref.op_type != "Gather" or len(ref.node.input) < 2 or view.dtype(ref.node.input[0]) not in INT_TYPES:
        return ""

    def column(g: NodeRef) -> int | None:
        if g.op_type != "Gather" or g.graph_path or len(g.node.input) < 2:
            return None
        iv = view.const_value(g.node.input[1])
        return int(g.attr("axis", 0) or 0) if iv is not None and np.ndim(iv) == 0 else None

    axis = column(ref)
    if axis is None:
        return ""
    sibs = [g for g in view.consumers_of(ref.node.input[0]) if column(g) == axis]
    if len(sibs) < 2:
        return ""
    return ":cols1" if ref.index == min(g.index for g in sibs) else ":cols"


def _window_gather(view: ModelView, ref: NodeRef) -> str:
    """`:win` for a Gather by constant indices of shape [K, W] with K > 1 (an unfold of K-wide windows, GTCRN's
    Gather on the padded frequency axis of [1, C, 1, T, F + 2] by [3, F] indices): with 2.3.2 on rv1106, rv1106b int8
    and rk2118 float16 that Gather ran on the CPU in every build (calibration/placement_sweep.py `gtunfold`, 12 of 12
    each), where a Gather by one row of indices ([1, T]) stayed on the NPU. "" for any other node."""
    if ref.op_type != "Gather" or len(ref.node.input) < 2 or view.depends_on_inputs(ref.node.input[1]):
        return ""
    idx = _shape(view, ref.node.input[1])
    return ":win" if idx and len(idx) == 2 and isinstance(idx[0], int) and idx[0] > 1 else ""


STACK = ":stack>"


def _stack(view: ModelView, ref: NodeRef) -> str:
    """`:stack><reader classes>` for a Concat of rank 5+ whose every input is Unsqueezed on the Concat's axis
    (torch.stack of maps), spelled with the classes of what reads it: with 2.3.2 / 2.5.0 on rk3566 selective-kernel
    attention's stack of two branches, read by a ReduceSum and the weighted Mul (`elt+reduce`), ran on the CPU
    (calibration/placement_sweep.py `skattn`, 24 of 24), where GTCRN's stack of two halves read by the Reshape that
    interleaves them (`layout`) stayed on the NPU (unseen set 15's rows). "" for any other node."""
    if ref.op_type != "Concat" or len(ref.node.input) < 2:
        return ""
    shape = _shape(view, ref.node.output[0]) if ref.node.output else None
    if not shape or len(shape) < 5:
        return ""
    try:
        axis = int(ref.attr("axis", 0) or 0) % len(shape)
    except (TypeError, ValueError):
        return ""
    for x in ref.node.input:
        p = view.producer.get(x)
        axes = view.const_value(p.node.input[1]) if p is not None and p.op_type == "Unsqueeze" and len(p.node.input) > 1 \
            else (p.attr("axes") if p is not None and p.op_type == "Unsqueeze" else None)
        if axes is None or [int(a) % len(shape) for a in np.asarray(axes).reshape(-1)] != [axis]:
            return ""
    users = [u for u in view.consumers.get(ref.node.output[0], []) if u.op_type not in _SHAPE_READERS]
    readers = {op_class(u.op_type) for u in users}
    summed = any(_sums_axis(view, u, axis, len(shape)) or (u.op_type == "Mul" and _group_sum(view, u)) for u in users)
    part = shape[axis + 1:]
    size = f"@{_group_class(math.prod(part))}{_branch_plane(part)}" if summed and all(
        isinstance(d, int) and d > 0 for d in part) else ""
    return f"{STACK}{'+'.join(sorted(readers)) or 'none'}{size}"


def _sums_axis(view: ModelView, ref: NodeRef, axis: int, rank: int) -> bool:
    """A ReduceSum over exactly `axis` of its rank-`rank` input: the sum over a stack's groups."""
    if ref.op_type != "ReduceSum":
        return False
    try:
        axes = view.axes(ref)
    except (TypeError, ValueError):
        return False
    return bool(axes) and [a % rank for a in axes] == [axis]


def _group_class(n: int) -> str:
    """The class of one group's element count in a rank-5 stack summed over its groups (`_group_sum`, `_stack`):
    `le8k` (<= 8192), `le16k`, `le32k`, `lt64k` (< 65536), `64k` (65536), `le128k` (<= 131072), `gt128k`. The bounds
    are where the toolkit's CPU Reshape of the lowered sum began on some family with 2.3.2 (calibration/placement_sweep.py
    `skattn`, `r5sum`): rv1106 int8 between 8192 and 16384, rk3562 and rk2118 float16 between 16384 and 38400, rk3562
    int8 between 50176 and 65536 (65536 on the CPU), rk3588 float16 between 65536 (NPU) and 73728, rk3588 int8 above
    131072. Tables measured before these classes hold `le64k` for the first five (sweep_node_placement falls back to
    it)."""
    return ("le8k" if n <= 8192 else "le16k" if n <= 16384 else "le32k" if n <= 32768 else "lt64k" if n < 65536
            else "64k" if n == 65536 else "le128k" if n <= 131072 else "gt128k")


OLD_GROUP_CLASSES = {c: "le64k" for c in ("le8k", "le16k", "le32k", "lt64k", "64k")}  # -> the class tables had before


BRANCH_PLANE = ".hw."  # the plane-alignment part of a branch stack's / group sum's class: `@lt64k.hw.a1`
BRANCH_SUM = "@branch"  # a Reduce over a rank-5 stack's branch axis (reduce_branch_key): `ReduceSum5:ax1:kd0@branch.hw.a1`


def _branch_plane(part) -> str:
    """`.hw.<align>` after a group's size class for one branch [C, H, W] of a rank-5 stack: the alignment of its plane
    H*W (_align: a16, a8, a1). With 2.3.2, 2.5.0 and 2.3.0 on rk3588 selective-kernel attention's stack and weighted Mul
    (and both sums over the branches: reduce_branch_key) got CPU Reshapes wherever H*W was no multiple of 8 (float16) /
    16 (int8), at any C*H*W (49, 196, 900, 100, 36, 25, 4: every build; calibration/placement_sweep.py `skattn`,
    `skattnc`, `skattnhw`), beside the size edge of _group_class. "" for another rank."""
    return f"{BRANCH_PLANE}{_align(part[-2] * part[-1])}" if len(part) == 3 else ""


def _unbranched(key: str) -> str:
    """A node key without _branch_plane's plane class (`Mul5:gsum@lt64k.hw.a1` -> `Mul5:gsum@lt64k`): what the tables
    measured before it (the group-size fallback of sweep_node_placement takes it from there)."""
    return re.sub(rf"{re.escape(BRANCH_PLANE)}a\d+$", "", key)


QKV_PART = ":qkv"


def _qkv_part(view: ModelView, ref: NodeRef) -> str:
    """`:qkv<i>.c<align>:a<align>` for a Slice taking part i of 3 off the leading axis of a qkv Transpose's output [3,
    B, h, N, d] (torch dynamo's unbind), with the alignments of the width C = h * d and of d: with 2.3.2 on rk3566
    MobileViT's v Slice (part 2) ran on the CPU as its qkv Reshape did (take_width_key: float16 where C is no multiple
    of 16, int8 where d is no multiple of 8), q's and k's never (calibration/placement_sweep.py `mvitdyn`). "" for any
    other node."""
    span = _slice_span(view, ref) if ref.op_type == "Slice" else None
    if span is None or span[1] != 0 or span[3] != span[2] + 1:
        return ""
    x = _shape(view, span[0])
    if not x or len(x) != 5 or x[0] != 3 or not all(isinstance(d, int) and d > 0 for d in x[2:]):
        return ""
    return f"{QKV_PART}{span[2]}.c{_align(x[2] * x[4])[1:]}:{_align(x[4])}"


LINEAR_BIAS = ":lin"


def _linear_bias(view: ModelView, ref: NodeRef) -> str:
    """`:lin@<batch>><reader>` for the bias Add of a Linear (a MatMul with a constant weight) over rank-3 rows [B, N,
    C]: `@n` for a batch B > 1 (windows, patches), `@1` for one; the reader: `tok` a Reshape that unflattens the tokens
    (its last dim still C: a window reverse), `ch` one that splits the channels (into heads), else its class. With
    2.3.2 on rk3566 the out-projection's Add of window attention, read by the window reverse, ran as a CPU
    'Transpose:<Add>_rs_tp' (timm and Hugging Face Swin), the q / k / v Linears' Adds read by their head split on the
    NPU (calibration/placement_sweep.py `hfswin`, `swinwin`). Either operand order (Hugging Face writes Add(bias, x));
    "" for any other node."""
    if ref.op_type != "Add" or len(ref.node.input) != 2 or ref.graph_path:
        return ""
    dyn = [x for x in ref.node.input if x and view.depends_on_inputs(x)]
    if len(dyn) != 1:
        return ""
    p = view.producer.get(dyn[0])
    if p is None or p.op_type not in LINEAR or len(p.node.input) < 2 or not view.is_constant(p.node.input[1]):
        return ""
    shape = _shape(view, dyn[0])
    if not shape or len(shape) != 3 or not all(isinstance(d, int) and d > 0 for d in shape):
        return ""
    users = [u for u in view.consumers.get(ref.node.output[0], []) if u.op_type not in _SHAPE_READERS]
    reader = "many" if len(users) != 1 else op_class(users[0].op_type)
    if len(users) == 1 and users[0].op_type == "Reshape":
        y = _shape(view, users[0].node.output[0])
        reader = ("tok" if y and len(y) >= 4 and y[-1] == shape[-1] else
                  "ch" if y and len(y) >= 4 and list(y[:2]) == list(shape[:2]) else "rs")
        if reader == "tok" and shape[0] > 1:
            form = _reversed_map_form(view, users[0])
            reader += f":{form}" if form else ""
    return f"{LINEAR_BIAS}@{'n' if shape[0] > 1 else '1'}>{reader}"


def _reversed_map_form(view: ModelView, ref: NodeRef, hops: int = 4) -> str | None:
    """'sq' / 'rect': the form of the channels-last map [1, H, W, C] a window reverse starting at `ref` makes
    (Reshapes and the rank-6 Transpose, each the only reader of the one before), None where none is reached. With
    2.3.2 on rk3566 the out-projection's bias Add of Hugging Face Swin ran as a CPU Transpose on square maps only
    (calibration/placement_sweep.py `hfswinpad`: 36 to 56, not Donut's 96 x 80 to 12 x 10)."""
    for _ in range(hops):
        if ref.op_type not in ("Reshape", "Transpose") or not ref.node.output:
            return None
        y = _shape(view, ref.node.output[0])
        if ref.op_type == "Reshape" and y and len(y) == 4 and y[0] == 1 and all(isinstance(d, int) for d in y) \
                and _perm(view.producer.get(ref.node.input[0])) == (0, 1, 3, 2, 4, 5):
            return "sq" if y[1] == y[2] else "rect"
        users = [u for u in view.consumers.get(ref.node.output[0], []) if u.op_type not in _SHAPE_READERS]
        if len(users) != 1:
            return None
        ref = users[0]
    return None


VOLUME = ":vol@"  # a rank-5 Concat stacking maps on axis 2 (_volume_concat): `Concat5:vol@<le16k|gt16k>`


def _volume_concat(view: ModelView, ref: NodeRef) -> str:
    """`:vol@le16k` / `:vol@gt16k` for a Concat on axis 2 of rank-5 parts [N, C, 1 or more, H, W] (a stereo cost
    volume of D disparities [N, C, D, H, W], AnyNet's), by the positions per channel D * H * W: with 2.3.2 on rv1106 and
    rk3588 int8 the toolkit's Reshape of the Concat's output ('Reshape:<out>_rs') ran on the CPU where D * H * W was
    more than 16384 (20480 to 196608: 14 of 14 each, 16 or 32 channels), on the NPU up to it (2048 to 16384: 4 of 4;
    calibration/placement_sweep.py `costvol`). "" otherwise."""
    axis = ref.attr("axis", 0)
    if ref.op_type != "Concat" or ref.graph_path or not ref.node.output or not isinstance(axis, int) or axis % 5 != 2:
        return ""
    shape = _shape(view, ref.node.output[0])
    if not shape or len(shape) != 5 or not all(isinstance(d, int) and d > 0 for d in shape[2:]):
        return ""
    return f"{VOLUME}{'le16k' if int(np.prod(shape[2:])) <= 16384 else 'gt16k'}"


BIDIRECTIONAL = ":bi"


def _bidirectional(ref: NodeRef) -> str:
    """`:bi` for a bidirectional GRU / LSTM / RNN: with 2.3.2 on rk3588 int8 every bidirectional GRU of a dual-path
    block got a CPU 'exDataConvert:<GRU>__cvt_float16_int8' after it, no forward one did (calibration/placement_sweep.py
    `dpgru`, 18 of 18 and 0 of 18); sweep_node_placement backs off to the plain key where a table did not measure it."""
    if ref.op_type not in RNN_OPS:
        return ""
    d = ref.attr("direction", b"forward")
    return BIDIRECTIONAL if (d.decode() if isinstance(d, bytes) else str(d)) == "bidirectional" else ""


RNN_OPS = frozenset({"GRU", "LSTM", "RNN"})
GROUPED_RNN = ":grp:"  # an RNN over one of several channel groups of a tensor (_grouped_rnn): `GRU3:grp:<align>`


def _grouped_rnn(view: ModelView, ref: NodeRef) -> str:
    """`:grp:<alignment of the batch>` for an RNN over a batch of sequences that reads, through a Transpose(1, 0, 2),
    one of several Slices of one tensor each read so by an RNN (a dual-path block's channel groups, GTCRN's halves).
    With 2.5.0 on rk3588 float16 the toolkit put a CPU 'Pad:<input>_pad' on such an RNN's input exactly where the batch
    (the input's dim 1) was no multiple of 4 (33, 17, 50, 63: every one; 12, 16, 20, 24, 32, 40, 48, 64, 100: none;
    calibration/placement_sweep.py `dpgru`), and on none where one RNN read its tensor's slice alone (`slicegru`,
    `rnnpad`, a dual-path half Concat-ed back as it was: no Pad at a batch of 63). "" otherwise."""
    if ref.op_type not in RNN_OPS or ref.graph_path or not ref.node.input or not ref.node.input[0]:
        return ""
    tp = view.producer.get(ref.node.input[0])
    if tp is None or tp.op_type != "Transpose" or list(tp.attr("perm") or []) != [1, 0, 2]:
        return ""
    sl = view.producer.get(tp.node.input[0])
    if sl is None or sl.op_type != "Slice" or not sl.node.input:
        return ""
    rnns = sum(1 for sib in view.consumers_of(sl.node.input[0]) if sib.op_type == "Slice"
               for t in view.consumers_of(sib.node.output[0]) if t.op_type == "Transpose"
               for u in view.consumers_of(t.node.output[0]) if u.op_type in RNN_OPS)
    shape = _shape(view, ref.node.input[0])
    if rnns < 2 or not shape or len(shape) != 3 or not isinstance(shape[1], int) or shape[1] <= 0:
        return ""
    return f"{GROUPED_RNN}{_align4(shape[1])}"


def _ungrouped(key: str) -> str:
    """A node key without an RNN's channel-group class (`GRU3:grp:a1:bi` -> `GRU3:bi`)."""
    return re.sub(rf"{re.escape(GROUPED_RNN)}a\d+", "", key)


def _unclassed(key: str) -> str:
    """A node key without the classes sweep_node_placement backs off from (a Pad's token side or spatial channel
    class, an RNN's direction), so a table that measured only the plain key still answers."""
    key = _unbranched(key)
    for mark in (TOKEN_PAD, SPATIAL_PAD, LINEAR_BIAS, QKV_PART, STACK, GROUPED_RNN, VOLUME, SOFTMAX_ROWS, SAFE_MASK,
                 MASK_EXPAND):
        if mark in key:
            return key[: key.index(mark)]
    return key[: -len(BIDIRECTIONAL)] if key.endswith(BIDIRECTIONAL) else key


SOFTMAX_ROWS = ":rows@"


def _softmax_rows(view: ModelView, ref: NodeRef) -> str:
    """`:rows@<le64k|gt64k>` for a Softmax of a rank-4 input over at most 32 bins by its rows (the product of every dim
    but the softmax axis): with 2.3.2 on rk3562 float16 and int8 YOLOv8's DFL Softmax over 16 bins of [1, A, 4, 16] ran on the NPU up
    to A 16384 (65536 rows) and on the CPU from 16385 (65540 rows) on (calibration/placement_sweep.py `dfl` op12,
    `dflhead84` at 96 to 120 px levels; unseen set 17's YOLOv8-p2 head: 19125 anchors); rk2118 ran it on the CPU from
    8400 anchors, rv1106 on the NPU throughout. Only `gt64k` is merged: the plain key answers below it, as before.
    sweep_node_placement backs off to the plain key where a table did not measure the class. "" otherwise."""
    if ref.op_type != "Softmax" or ref.graph_path or not ref.node.input:
        return ""
    shape = _shape(view, ref.node.input[0])
    if not shape or len(shape) != 4 or not all(isinstance(d, int) and d > 0 for d in shape):
        return ""
    try:
        axis = int(ref.attr("axis", -1)) % 4
    except (TypeError, ValueError):
        return ""
    if shape[axis] > 32:  # a distribution over a few bins (the DFL's 16), not an attention's tokens
        return ""
    rows = math.prod(shape) // shape[axis]
    return f"{SOFTMAX_ROWS}{'le64k' if rows <= 65536 else 'gt64k'}"


SAFE_MASK = ":safe@"


def _safe_mask(view: ModelView, ref: NodeRef) -> str:
    """`:safe@<mask>.<le96|le128|le256|gt256>` for the Softmax of torch's masked SDPA (Where(IsNaN(p), 0, p) after it:
    safe_softmax) by the mask added to the scores on its way from q @ k^T and the token count N. The mask: `cmap` a
    [.., N, N] map the network computes from its input (Hugging Face Pix2Struct's patch mask And-ed and Expand-ed),
    `crow` a computed [.., 1, N] row (a BERT padding mask), `k` a constant, `none`. rknn-toolkit2 on rk3588
    (calibration/placement_sweep.py `pmask`, float16 2.3.2 / 2.3.0 / 2.5.0, int8 2.3.2) ran the exSoftmax13, or a
    Transpose named after the Softmax, on the CPU with a computed map from 300 tokens on (int8: from 256), with a
    computed row at 512, and on the NPU at 128 and below, with a constant mask or none (433 / 577 tokens: `safesm`,
    `safesz`). With 2.3.2 on rv1106 int8 the computed map's Softmax ran on the CPU from 112 tokens on and on the NPU
    at 49 to 96 (2 to 12 heads, `infmask`, `pmask`), hence `le96` below `le128`; sweep_node_placement backs off from
    `le96` to `le128` (a table that measured the coarser class: rk3588's) and then to the plain key where a table did
    not measure the class. "" for any other node."""
    if ref.op_type != "Softmax" or ref.graph_path or not ref.node.input or not ref.node.output:
        return ""
    isnan = next((u for u in view.consumers.get(ref.node.output[0], []) if u.op_type == "IsNaN"), None)
    if isnan is None or safe_softmax(view, isnan) is None:
        return ""
    shape = _shape(view, ref.node.input[0])
    n = shape[-1] if shape else None
    if not isinstance(n, int) or n <= 0:
        return ""
    mask, cur = "none", view.producer.get(ref.node.input[0])
    for _ in range(4):
        if cur is None or cur.op_type not in ("Add", "Mul", "Div") or not cur.node.input:
            break
        if cur.op_type == "Add" and len(cur.node.input) == 2:
            other = cur.node.input[1]
            if not view.depends_on_inputs(other):
                mask = "k"
            else:
                ms = _shape(view, other)
                rows = ms[-2] if ms and len(ms) >= 2 else None
                mask = "crow" if rows == 1 else "cmap"  # an Expand-ed map's rows may be symbolic: a map
        cur = view.producer.get(cur.node.input[0])
    return f"{SAFE_MASK}{mask}.{'le96' if n <= 96 else 'le128' if n <= 128 else 'le256' if n <= 256 else 'gt256'}"


def _coarser_safe(key: str) -> str | None:
    """A safe Softmax key's `le96` class as the coarser `le128` the tables measured before it; None for other keys."""
    if SAFE_MASK not in key or ".le96" not in key:
        return None
    return key.replace(".le96", ".le128", 1)


TRIG_READ = ":trig@"


def _trig_read(view: ModelView, ref: NodeRef) -> str:
    """`:trig@<lt16|ge16>` for a Concat on axis 1 of rank-3 parts [1, c, N] one of which a Sin or Cos reads too (an
    oriented-box head's angle, Concat-ed into the output beside the boxes its rotation makes), by the total channels:
    with 2.3.2 on rk3562, rk3576 (float16 and int8), rk2118, rv1106 and rv1106b the Concat ran on the CPU at 3 and 5
    channels (14 of 14), on the NPU at 83 and 85 (42 of 42) and wherever the Concat took a Relu of the angle instead
    of the value the Sin reads (calibration/placement_sweep.py `chcat_sin`; 16 is a bound in between, not measured).
    "" otherwise."""
    if ref.op_type != "Concat" or ref.graph_path or len(ref.node.input) < 2:
        return ""
    shape = _shape(view, ref.node.output[0]) if ref.node.output else None
    try:
        axis = int(ref.attr("axis", 0) or 0)
    except (TypeError, ValueError):
        return ""
    if not shape or len(shape) != 3 or axis % 3 != 1 or not isinstance(shape[1], int) or shape[1] <= 0:
        return ""
    if not any(u.op_type in ("Sin", "Cos") for x in ref.node.input if x for u in view.consumers_of(x)):
        return ""
    return f"{TRIG_READ}{'lt16' if shape[1] < 16 else 'ge16'}"


def _rnn_concat(view: ModelView, ref: NodeRef) -> str:
    """`:birnn` for a Concat whose every input is an RNN's output laid out again (through at most 4 Transpose /
    Reshape / Squeeze / Unsqueeze ops) and at least one of those RNNs is bidirectional, `:rnn` when none is: a
    dual-path block's two halves (GTCRN, unseen set 15) Concat-ed back; with 2.3.2 on rk3588 float16 the Concat ran
    on the CPU when its halves came from bidirectional GRUs (Transpose(0, 2, 1, 3) -> Reshape -> Transpose), on the NPU
    from forward ones (Squeeze -> Transpose; calibration/placement_sweep.py `dpgru`). "" otherwise."""
    if ref.op_type != "Concat" or ref.graph_path or len(ref.node.input) < 2:
        return ""
    bi = False
    for x in ref.node.input:
        p = view.producer.get(x)
        for _ in range(4):
            if p is None or p.op_type not in ("Transpose", "Reshape", "Squeeze", "Unsqueeze"):
                break
            p = view.producer.get(p.node.input[0])
        if p is None or p.op_type not in RNN_OPS:
            return ""
        d = p.attr("direction", b"forward")
        bi = bi or (d.decode() if isinstance(d, bytes) else str(d)) == "bidirectional"
    return ":birnn" if bi else ":rnn"


def _unit_pairs(view: ModelView, ref: NodeRef) -> str:
    """`:last1@odd` / `:last1@even` for a Concat on the last axis of rank-4 parts each 1 wide there ([1, T, F, 1] ->
    [1, T, F, 2]: a complex spectrum's real and imaginary parts stacked, GTCRN's output), by whether F, the dim
    before, is odd: with 2.3.2 on rk3588 float16 and int8 the Concat got a CPU Reshape (`<Concat>-rs`) for F 17, 33,
    257, none for 16, 32, 64 (calibration/placement_sweep.py `cpxout`). "" otherwise."""
    if ref.op_type != "Concat" or len(ref.node.input) < 2:
        return ""
    shapes = [_shape(view, x) for x in ref.node.input]
    if not all(s and len(s) == 4 and s[-1] == 1 for s in shapes) or int(ref.attr("axis", 0) or 0) % 4 != 3:
        return ""
    f = shapes[0][-2]
    return f":last1@{'odd' if f % 2 else 'even'}" if isinstance(f, int) and f > 0 else ""


GSUM = ":gsum@"


def _group_sum(view: ModelView, ref: NodeRef) -> str:
    """`:gsum@<class>` for a rank-5 Mul whose only reader is a ReduceSum over axis 1 (a weighted sum of G groups
    [1, G, C, H, W], FFA-Net's fusion, selective-kernel attention), the class of one group's C*H*W (_group_class):
    the toolkit lowers the sum to Reshape (G, C, H, W) -> (1, G, 1, C*H*W) + a 1 x 1 Conv, and that
    Reshape (`<Mul>-rs_rs`, the Mul's) ran on the CPU with 2.3.2 on rk3588 float16 exactly above 65536, in int8 only
    above 131072 (calibration/placement_sweep.py `r5sum`), and (_branch_plane) at any size where H*W was no multiple of 8
    (`skattnhw`). "" otherwise."""
    if ref.op_type != "Mul" or ref.graph_path or not any(view.depends_on_inputs(x) for x in ref.node.input if x):
        return ""
    shape = _shape(view, ref.node.output[0])
    users = view.consumers_of(ref.node.output[0])
    if not shape or len(shape) != 5 or len(users) != 1 or users[0].op_type != "ReduceSum":
        return ""
    try:
        axes = view.axes(users[0])
    except (TypeError, ValueError):
        return ""
    if not axes or [a % 5 for a in axes] != [1] or not all(isinstance(d, int) and d > 0 for d in shape[2:]):
        return ""
    return f"{GSUM}{_group_class(math.prod(shape[2:]))}{_branch_plane(shape[2:])}"


def _int_input_cast(view: ModelView, ref: NodeRef) -> str:
    """`:in_i` for a Cast of an integer graph input (an int64 attention mask), `:in_i:where` where it reaches, through
    Unsqueezes / Reshapes only, the condition of a Where that a Softmax reads (the toolkit fuses the three into one
    'exSoftmaxMask' layer: no Cast layer with 2.3.2 on rk3588, rk3576, rv1106b); "" otherwise. The Cast to bool And-ed
    with a causal mask first, and the Cast to float, ran on the CPU (calibration/placement_sweep.py `maskcast`)."""
    if ref.op_type != "Cast" or not ref.node.input or ref.node.input[0] not in _input_names(view):
        return ""
    if view.dtype(ref.node.input[0]) not in INT_TYPES:
        return ""
    out = ref.node.output[0]
    for _ in range(3):
        users = view.consumers_of(out)
        if len(users) != 1:
            break
        u = users[0]
        if u.op_type == "Where" and u.node.input[0] == out:
            reads = view.consumers_of(u.node.output[0])
            return ":in_i:where" if reads and all(r.op_type == "Softmax" for r in reads) else ":in_i"
        if u.op_type not in ("Unsqueeze", "Reshape"):
            break
        out = u.node.output[0]
    return ":in_i"


def _levels_concat(view: ModelView, ref: NodeRef) -> str:
    """`:lvl.<K>.<op|out>.m<step>.r<rows>[.halves]` for a Concat on axis 1 of a detector's levels handed out as rows
    (each input a Transpose(0, 2, 3, 1) of a map [1, A * K, H, W] -> Reshape [1, H * W * A, K]; level_rows_key keys
    the runs in front): K's alignment, whether an op reads it or it is the graph output, the power of 2 (1 to 16)
    every level's row count is a multiple of, the power of 2 the stacked rows fill (2048 at least), and whether each
    level's map is exactly half the one before where the Concat is the output (the toolkit tiles such levels into
    one view). rknn-toolkit2 2.3.2 on rk3576 fp16 ran the Concat on the CPU where a level's rows are odd, K no multiple
    of 8 and the levels stack 6375 to 27621 rows (an op reading it; as the output unless the levels halve), on the
    NPU for even rows, for K 32 and at 375 to 3375 rows; rk3562 put 6375 rows on the NPU too, rv1106 int8 9450 rows
    of levels of 450 on the CPU (calibration/placement_sweep.py `lvlcat`)."""
    if ref.op_type != "Concat" or ref.attr("axis") not in (1, -2) or len(ref.node.input) < 2:
        return ""
    from .static_shapes import resolved_shape

    out = ref.node.output[0]
    y = resolved_shape(view, out)
    if not y or len(y) != 3 or not isinstance(y[-1], int) or y[-1] <= 0:
        return ""
    rows, maps = [], []
    for x in ref.node.input:
        rs = view.producer.get(x)
        tp = view.producer.get(rs.node.input[0]) if rs is not None and rs.op_type == "Reshape" else None
        shape, src = resolved_shape(view, x), resolved_shape(view, tp.node.input[0]) if tp is not None else None
        if _perm(tp) != (0, 2, 3, 1) or not shape or len(shape) != 3 or not isinstance(shape[1], int) \
                or not src or len(src) != 4 or not all(isinstance(d, int) for d in src[2:]):
            return ""
        rows.append(shape[1])
        maps.append(tuple(src[2:]))
    reader = "op" if view.consumers_of(out) else "out" if out in view.output_names else None
    if reader is None:
        return ""
    k, total = y[-1], sum(rows)
    step = min(16, *(r & -r for r in rows))  # the largest power of 2 (16 at most) every level's rows are a multiple of
    size = 1 << max(11, (total - 1).bit_length())  # the power of 2 the rows fill, 2048 at least
    halves = reader == "out" and all(a == (2 * b[0], 2 * b[1]) for a, b in zip(maps, maps[1:]))
    return f":lvl.{'one' if k == 1 else _align(k)}.{reader}.m{step}.r{size}{'.halves' if halves else ''}"


def _expanded_axes(view: ModelView, ref: NodeRef) -> str:
    """':x<n>' for an Expand of a tensor of known shape to a known shape: n axes broadcast (1 in the input, more in the
    output). timm EvoNorm-S0 expands its group std [1, G, 1, 1, 1] back to the group view [1, G, C / G, H, W]: with
    rknn-toolkit2 2.3.2 on rv1106b int8 that Expand ran on the CPU (`Expand:<node>`, the view taken as (G, C / G, H, W)
    with G in the batch) wherever C / G > 1, three axes broadcast, and on the NPU for one channel a group, two
    (the unit axis dropped: a channel vector over H x W; calibration/placement_sweep.py `evonorm`)."""
    if ref.op_type != "Expand" or len(ref.node.input) < 2:
        return ""
    from .static_shapes import resolved_shape

    src, out = _shape(view, ref.node.input[0]), resolved_shape(view, ref.node.output[0])
    if src is not None and not all(isinstance(d, int) for d in src):  # a Concat with a cache: folded
        src = resolved_shape(view, ref.node.input[0])
    if src is None or out is None or len(src) != len(out) or not all(isinstance(d, int) for d in (*src, *out)):
        return ""
    axes = [i for i, (a, b) in enumerate(zip(src, out)) if a == 1 and b > 1]
    # a rank-5 Expand that copies the whole tensor (every dim in front of the broadcast axes 1: transformers'
    # repeat_kv of a multi-query attention's one key / value head, [1, 1, 1, T, d] -> [1, 1, rep, T, d]), `:tile`:
    # rknn-toolkit2 2.5.0 on rk3588 ran it on the CPU for one kv head of 2 to 8 query heads, on the NPU for 2 to 4 kv
    # heads ([1, kvh, 1, T, d], an interleaved repeat); 2.3.2 on the NPU in both (calibration/placement_sweep.py
    # `kvrep`; unseen sets 21 and 22's Gemma and Falcon-MQA)
    tile = TILE if len(src) == 5 and axes and all(d == 1 for d in src[: axes[0]]) else ""
    cat = _head_concat(view, ref) if len(src) == 5 else ""
    return f":x{len(axes)}{tile}{cat}{_mask_expand(view, ref)}"


TILE = ":tile"


HEAD_CONCAT = ":cat"


HEAD_CONCAT_V = ":catv"


def _head_concat(view: ModelView, ref: NodeRef) -> str:
    """`:cat` for a repeat_kv Expand (Unsqueeze in front) of a head that a Concat makes, directly or through the
    elementwise ops of a rotary embedding (RoPE's rotate_half Concat(-x2, x1) under its Mul / Add, a past cache
    Concat-ed in front), whose repeat a Transpose reads (through its Reshape: the keys of q @ k^T); `:catv` for one
    read otherwise (the values of probabilities @ v). rknn-toolkit2 2.3.2 turned the keys' into a
    `Gather:<Unsqueeze output>_gather` on the CPU on rv1106 and rv1106b int8, the values' on rv1106 only, where the
    Expand of the projection itself, or of it plus / times a constant or a second projection, stayed on the NPU
    (calibration/placement_sweep.py `kvsrc`; unseen sets 11, 20 and 22's decoders: their keys' Expands behind RoPE,
    a cache step's both). "" otherwise."""
    unsq = view.producer.get(ref.node.input[0]) if ref.node.input else None
    if unsq is None or unsq.op_type != "Unsqueeze" or not unsq.node.input:
        return ""
    frontier, seen, found = [unsq.node.input[0]], set(), False
    for _ in range(4):
        nxt = []
        for name in frontier:
            p = view.producer.get(name)
            if p is None or p.index in seen:
                continue
            seen.add(p.index)
            if p.op_type == "Concat":
                found = True
                break
            if p.op_type in ("Add", "Sub", "Mul", "Neg", "Div"):
                nxt += [i for i in p.node.input if i and view.depends_on_inputs(i)]
        if found:
            break
        frontier = nxt
    if not found:
        return ""
    readers = view.consumers_of(ref.node.output[0])
    readers = [r2 for r in readers for r2 in (view.consumers_of(r.node.output[0]) if r.op_type == "Reshape" else [r])]
    return HEAD_CONCAT if readers and all(r.op_type == "Transpose" for r in readers) else HEAD_CONCAT_V


MASK_EXPAND = ":wmask"


def _mask_expand(view: ModelView, ref: NodeRef) -> str:
    """':wmask' for an Expand of an additive mask that a Where makes from a comparison of integers (through Reshapes /
    Unsqueezes): a padding mask Where(Cast(Equal(ids, 0)), -1e4, 0) spread over the heads as unseen set 20's
    FastSpeech2 encoder exports it. rknn-toolkit2 on rk3588 ran that Expand on the CPU (`Expand:<node>`) at 32 to 128
    tokens, 2 to 8 heads, its target shape constant or computed (calibration/placement_sweep.py `mexp`), where the
    Expands of float tensors with the same key (SwinV2-CR's and Restormer's attention, NetVLAD, SuperPoint) ran on the
    NPU. "" otherwise."""
    cur = view.producer.get(ref.node.input[0]) if ref.node.input else None
    for _ in range(3):
        if cur is None or cur.op_type not in ("Reshape", "Unsqueeze"):
            break
        cur = view.producer.get(cur.node.input[0])
    if cur is None or cur.op_type != "Where" or not cur.node.input:
        return ""
    cond = view.producer.get(cur.node.input[0])
    while cond is not None and cond.op_type in ("Cast", "Not", "Unsqueeze", "Reshape"):
        cond = view.producer.get(cond.node.input[0])
    if cond is None or cond.op_type not in ("Equal", "Greater", "Less", "GreaterOrEqual", "LessOrEqual"):
        return ""
    return MASK_EXPAND if view.dtype(cond.node.input[0]) in (6, 7) else ""  # INT32, INT64


def _tile_unit(view: ModelView, ref: NodeRef) -> str:
    """':unit' for a Tile whose every repeated axis is 1 in its input (an LSTM autoencoder's code [1, 1, 32] repeated
    over 60 steps): the toolkit makes it an Expand (_p_convert_tile_to_expand, 'Expand:<Tile>#1'), placed apart from
    a Tile of longer axes (calibration/placement_sweep.py `tilebc`)."""
    if ref.op_type != "Tile" or len(ref.node.input) < 2:
        return ""
    reps, shape = view.const_value(ref.node.input[1]), _shape(view, ref.node.input[0])
    if shape is None or not all(isinstance(d, int) for d in shape):  # torch's repeat: behind an Expand by ones
        from .static_shapes import resolved_shape

        shape = resolved_shape(view, ref.node.input[0])
    if reps is None or not shape or np.size(reps) != len(shape):
        return ""
    tiled = [d for d, r in zip(shape, np.asarray(reps).ravel()) if int(r) != 1]
    if not tiled:
        return ":ones"  # repeats all 1: the probe's `repeats_ones` variant (folded) speaks for it, no sweep key
    return ":unit" if all(d == 1 for d in tiled) else ""


def _strided_axes(view: ModelView, ref: NodeRef | None) -> set[int] | None:
    """The axes a Slice steps over by more than 1 (constant axes and steps), else None (not such a Slice)."""
    if ref is None or ref.op_type != "Slice" or len(ref.node.input) < 5 or not ref.node.input[4]:
        return None
    steps, axes = view.const_value(ref.node.input[4]), view.const_value(ref.node.input[3])
    if steps is None or axes is None or np.size(steps) != np.size(axes):
        return None
    picked = {int(a) % max(len(_shape(view, ref.node.input[0]) or ()), 1) for a, st in
              zip(np.asarray(axes).ravel(), np.asarray(steps).ravel()) if int(st) != 1}
    return picked or None


def _focus(view: ModelView, ref: NodeRef) -> str:
    """':focus:<form>:<sq|rect>:<h|w>' for a Slice of YOLOv5's Focus stem (a rank-4 Slice stepping over H whose every
    reader steps over W, or such a reader): `shared` where two strided-H Slices feed two strided-W ones each (torch 2.x
    TorchScript), `pairs` where each feeds one; `sq` where the stem's input is square. calibration/placement_sweep.py
    `focus` (32 to 640 px, 2.3.2 on rk3588 fp16 / int8, rk3566, rv1106 ..., 2.5.0 on rk3588): the shared form became
    one NPU Conv on a square input and six CPU Slices on any other (384 x 640, unseen set 12's YOLOP-lite); the pairs
    one Conv with 2.3.2 at every size, four CPU strided-H Slices with 2.5.0. The same Slices over H and W of a
    channels-last map [1, H, W, C] (Hugging Face Swin's patch merging) are spelled `:nhwc` too: on rk3588 all six ran
    on the CPU where H != W (Donut's 96 x 80 to 24 x 20 stages, unseen set 18) and none on a square map
    (placement_sweep `hfmerge`)."""
    mine = _strided_axes(view, ref)
    for h, w in ((2, 3), (1, 2)):
        if mine == {h}:
            first = ref
        elif mine == {w}:
            first = view.producer.get(ref.node.input[0])
            if _strided_axes(view, first) != {h}:
                continue
        else:
            continue
        seconds = view.consumers_of(first.node.output[0])
        if not seconds or any(_strided_axes(view, s) != {w} for s in seconds):
            continue
        shape = _shape(view, first.node.input[0])
        if not shape or len(shape) != 4:
            return ""
        form = "shared" if len(seconds) > 1 else "pairs"
        return (f":focus:{form}:{'sq' if shape[h] == shape[w] else 'rect'}:{'h' if first is ref else 'w'}"
                f"{':nhwc' if h == 1 else ''}")
    return ""


def _stride(view: ModelView, ref: NodeRef) -> str:
    """':step' for a Slice taking every k-th element along one axis (PointNet++'s centroids xyz[:, ::4]): with 2.3.2 on
    rk3588, rk3566, rk2118 float16 and rv1106 int8 it ran on the CPU, over the rows of a graph input [1, N, C], of a
    computed one, of a Slice, and over H of a Conv map (calibration/placement_sweep.py `sslice`). Not for the Slices
    of a YOLOv5 Focus (a strided Slice of a strided Slice over another axis), nor for a strided Slice that alone reads
    another: the toolkit fuses those (one CPU Slice for the two in `sslice`'s slice of a slice), nor for one half of
    a rotary interleave, which the probe variant Slice/rotary_pairs answers by version (2.5.0 folds it into a Conv:
    placement_sweep `rope`)."""
    mine = _strided_axes(view, ref)
    if mine is None or _rotary_pair(view, ref):
        return ""
    src = view.producer.get(ref.node.input[0])
    if _strided_axes(view, src) is not None and len(view.consumers_of(ref.node.input[0])) == 1:
        return ""
    near = [src, *view.consumers_of(ref.node.output[0])]
    if any((other := _strided_axes(view, n)) is not None and other != mine for n in near):
        return ""
    return ":step"


def _stacked(ref: NodeRef, shape) -> str:
    """`:ax0` for a Concat over the leading axis of a rank-3+ tensor: torch.stack(...) of branches, summed over that
    axis by a ReduceSum (timm's parallel blocks, calibration/placement_sweep.py `stacksum`), not a Concat of maps or
    token rows."""
    if ref.op_type != "Concat" or not shape or len(shape) < 3:
        return ""
    try:
        axis = int(ref.attr("axis", 0) or 0)
    except (TypeError, ValueError):
        return ""
    return ":ax0" if axis % len(shape) == 0 else ""


def _slice_span(view: ModelView, ref: NodeRef | None) -> tuple[str, int, int, int] | None:
    """(data, axis, start, end) of a one-axis step-1 Slice with constant bounds, else None."""
    if ref is None or ref.op_type != "Slice" or len(ref.node.input) < 4:
        return None
    vals = [view.const_value(x) if x else None for x in ref.node.input[1:5]]
    if any(v is None or np.asarray(v).size != 1 for v in vals[:3]) or (
            vals[3:] and vals[3] is not None and int(np.asarray(vals[3]).reshape(-1)[0]) != 1):
        return None
    start, end, axis = (int(np.asarray(v).reshape(-1)[0]) for v in vals[:3])
    return ref.node.input[0], axis, start, end


def roll_source(view: ModelView, ref: NodeRef, rank: int) -> tuple[int, str] | None:
    """(axis, the tensor rolled) of a Concat that is a cyclic shift (torch.roll as the exporters write it: x[k:] then
    x[:k] over one axis, two Slices of one tensor), else None. The tensor is the first roll's input when rolls over
    other axes are chained (Swin rolls H, then W)."""
    if ref.op_type != "Concat" or len(ref.node.input) != 2:
        return None
    spans = [_slice_span(view, view.producer.get(x)) for x in ref.node.input]
    if None in spans or spans[0][0] != spans[1][0]:
        return None
    axis = int(ref.attr("axis", 0)) % rank
    (src, a0, s0, _), (_, a1, s1, e1) = spans
    if a0 % rank != axis or a1 % rank != axis or s1 != 0 or s0 != e1 or s0 == 0:
        return None
    inner = view.producer.get(src)
    if inner is not None and inner.op_type == "Concat":
        up = roll_source(view, inner, rank)
        if up is not None:
            return axis, up[1]
    return axis, src


def _roll(view: ModelView, ref: NodeRef, rank: int) -> str:
    """`:roll<axis>` for a cyclic shift (roll_source), `.tok` added where the tensor rolled is a Reshape of rank-3
    tokens read by nothing else: there rknn-toolkit2 2.3.2 folded the roll into the Reshape's permutation (a
    `<roll>_2gather_2conv` over the tokens) in some contexts and not in others, while any other roll (of a Conv map,
    of a map the residual Add reads too, after a window reverse) became a CPU Gather `<Concat>_2gather` on rk2118
    float16 and rv1106 / rv1106b int8 at every size (calibration/placement_sweep.py `roll`)."""
    from .static_shapes import resolved_shape

    found = roll_source(view, ref, rank)
    if found is None:
        return ""
    axis, src = found
    p = view.producer.get(src)
    tok = (p is not None and p.op_type == "Reshape" and len(resolved_shape(view, p.node.input[0]) or ()) == 3
           and all(u.op_type == "Slice" for u in view.consumers_of(src)))
    return f":roll{axis}{'.tok' if tok else ''}"


def _pad_mode(view: ModelView, ref: NodeRef) -> str:
    """':<mode>' for a Pad that is not constant (reflect, edge), then ':in' where it pads a graph input, also one only
    lifted by unit axes (Unsqueeze / Reshape [1, L] -> [1, 1, L], silero-vad's STFT front): a log-mel front end's
    reflect Pad of its waveform [1, 1, L] ran on the CPU with 2.3.0, 2.3.2 and 2.5.0, the same Pad behind a Conv1d on
    the NPU; the lifted one ran on the CPU with 2.3.2 on rk3588 / rk3576 / rk3562 / rk2118 / rv1106 (calibration/
    placement_sweep.py `in3pad`, `lift`)."""
    if ref.op_type != "Pad":
        return ""
    mode = ref.attr("mode", b"constant")
    mode = mode.decode() if isinstance(mode, bytes) else str(mode)
    if mode == "constant":
        return ""
    return f":{mode}{':in' if _unit_lift_source(view, ref.node.input[0]) in _input_names(view) else ''}"


def _unit_lift_source(view: ModelView, name: str) -> str:
    """The tensor `name` is made from by Unsqueeze / Squeeze / Reshape / Flatten ops that only add or drop axes of
    size 1 (the toolkit folds them into the input's own Reshape), else `name` itself."""
    from .static_shapes import resolved_shape

    while (p := view.producer.get(name)) is not None and p.op_type in ("Unsqueeze", "Squeeze", "Reshape", "Flatten"):
        src, dst = resolved_shape(view, p.node.input[0]), resolved_shape(view, name)
        if not src or not dst or [d for d in src if d != 1] != [d for d in dst if d != 1]:
            break
        name = p.node.input[0]
    return name


def _scalar_floor(view: ModelView, ref: NodeRef) -> str:
    """':s' for a Max / Min of a tensor and a scalar of lower rank (rank 0 or [1]; constant or computed: Whisper's
    max(x, x.max() - 8)): on the CPU at rank 3 and 4, where a per-channel bound and a bound of shape [1, 1, 1, 1] (a
    converted TF model's max(leaky_relu(x), -0.4), openWakeWord) kept a rank-4 Max on the NPU
    (calibration/placement_sweep.py `maxs`)."""
    if ref.op_type not in ("Max", "Min") or len(ref.node.input) != 2:
        return ""
    shapes = [_shape(view, x) for x in ref.node.input]
    if any(s is not None and len(s) == 0 for s in shapes):
        return ":s"
    if any(s is None for s in shapes):
        return ""
    rank = max(len(s) for s in shapes)
    return ":s" if any(len(s) < rank and all(d == 1 for d in s) for s in shapes) else ""


RECIPROCAL = ":recip"  # a key's suffix that sweep_node_placement backs off from where no build measured it
LAST_AXIS = ":last"  # likewise, after RECIPROCAL: the 1 / t spread over the last axis only
SQUARE = ":sq"  # likewise
LEVELS = ":lvl."  # likewise


def _square(view: ModelView, ref: NodeRef) -> str:
    """':sq' for a Mul of a tensor by itself (x * x as torch dynamo writes x ** 2). StyleGAN2's demodulation squares
    the modulated weight [1, Cout, Cin, k, k] before its ReduceSum: rknn-toolkit2 2.5.0 on rk3588 and rk3566 float16
    put a Reshape of that square on the CPU (`Reshape:<square>-rs_rs`) for k = 3 and Cout >= 32, not for Cout = 16
    nor for k = 1 (calibration/placement_sweep.py `demod`), so a rank-5 square also spells `:k1` (a 1 x 1 kernel) or
    `:c<32` (fewer than 32 output channels)."""
    if ref.op_type != "Mul" or len(ref.node.input) != 2 or ref.node.input[0] != ref.node.input[1]:
        return ""
    shape = _shape(view, ref.node.input[0])
    if not shape or len(shape) != 5 or not all(isinstance(d, int) and d > 0 for d in shape[1:]):
        return SQUARE
    return SQUARE + (":k1" if list(shape[3:]) == [1, 1] else ":c<32" if shape[1] < 32 else "")


def _is_reciprocal(view: ModelView, name: str) -> bool:
    """The value is 1 / t: a Reciprocal, or a Div of a constant by a computed value."""
    p = view.producer.get(name)
    if p is None or p.op_type not in ("Reciprocal", "Div") or not p.node.input:
        return False
    return p.op_type == "Reciprocal" or (len(p.node.input) > 1 and not view.depends_on_inputs(p.node.input[0])
                                         and view.depends_on_inputs(p.node.input[1]))


def _reciprocal(view: ModelView, ref: NodeRef) -> str:
    """':recip' for a Div of a constant by a computed divisor (1 / t) and for a Mul that spreads such a 1 / t over a
    larger tensor (x * (1 / sqrt(mean(x ** 2))), an RMSNorm over the channels written out, timm's RmsNorm2d): with
    rknn-toolkit2 2.3.2 on rk2118 float16 the reciprocal ran on the CPU and so did the Mul behind it, while x / t and a
    Mul by a computed gate (Sigmoid of a 1x1 Conv) stayed on the NPU (calibration/placement_sweep.py `rmsc`).
    ':recip:last' where the 1 / t is spread over the last axis only (a per-head RMSNorm [1, h, N, d] * [1, h, N, 1],
    torch dynamo's q / k norm in Sapiens2 and ViT-dpwee): that Mul stayed on the NPU on rk2118 (unseen set 11's
    Sapiens2, 8 of 8; `rmsc` head4)."""
    if ref.op_type == "Div":
        return RECIPROCAL if _is_reciprocal(view, ref.node.output[0]) else ""
    if ref.op_type != "Mul" or len(ref.node.input) != 2:
        return ""
    a, b = (_shape(view, x) for x in ref.node.input)
    for x, mine, other in ((ref.node.input[0], a, b), (ref.node.input[1], b, a)):
        if (_is_reciprocal(view, x) and view.depends_on_inputs(ref.node.input[0])
                and view.depends_on_inputs(ref.node.input[1]) and mine and other and len(mine) == len(other)
                and all(isinstance(d, int) for d in (*mine, *other)) and int(np.prod(mine)) < int(np.prod(other))):
            spread = [i for i, (m, o) in enumerate(zip(mine, other)) if m == 1 and o != 1]
            return RECIPROCAL + (LAST_AXIS if spread == [len(mine) - 1] else "")
    return ""


_OUTER_OPS = frozenset({"Add", "Sub", "Mul", "Div"})


def _outer_rank(view: ModelView, ref: NodeRef) -> int | None:
    """For an elementwise op of two computed tensors that broadcast each other (each is 1 on an axis where the other is
    not, an outer sum as SAM's relative positions [B, h, w, h, 1] + [B, h, w, 1, w]), its rank without the leading
    unit axes; None for any other node. With 2.3.2 such a rank-5 Add ran on the CPU on rk3588, rk3576, rk3562, rk2118
    and rk3566 whenever B > 1; a leading 1, and the same sum at rank 4, stayed on the NPU, as with 2.5.0 at every size
    (calibration/placement_sweep.py `relpos`). An unknown dim counts as not 1."""
    if ref.op_type not in _OUTER_OPS or len(ref.node.input) != 2 or not all(
            x and view.depends_on_inputs(x) for x in ref.node.input):
        return None
    sa, sb = (_shape(view, x) for x in ref.node.input)
    if sa is None or sb is None or len(sa) != len(sb):
        return None
    ones = [[d == 1 for d in s_] for s_ in (sa, sb)]
    if not (any(a and not b for a, b in zip(*ones)) and any(b and not a for a, b in zip(*ones))):
        return None
    lead = 0
    while lead < len(sa) - 1 and sa[lead] == 1 and sb[lead] == 1:
        lead += 1
    return len(sa) - lead


def _channel_pad(view: ModelView, ref: NodeRef) -> str:
    """':cpad:<alignment of C>' for a constant Pad of a rank-4 map that pads the channels (BlazeFace's BlazeBlocks
    widen the shortcut so, pads [0, 0, 0, 0, 0, P, 0, 0]): the input's channel count decides where the toolkit runs it
    (calibration/placement_sweep.py `padc`). ':sp:<alignment of C>' for one that pads only H / W: with 2.3.2 on rk3588
    such a Pad of the last axis ran on the CPU for C 3, 4, 8 in int8 and C 3, 4 in float16, on the NPU for C 16 (and
    8 in float16; `gtunfold`, GTCRN's unfold)."""
    if ref.op_type != "Pad" or len(ref.node.input) < 2 or not ref.node.input[1]:
        return ""
    mode = ref.attr("mode", b"constant")
    mode = mode.decode() if isinstance(mode, bytes) else str(mode)
    pads = view.const_value(ref.node.input[1])
    shape = _shape(view, ref.node.input[0])
    if mode != "constant" or pads is None or np.size(pads) != 8 or not shape or len(shape) != 4:
        return ""
    p = [int(x) for x in np.asarray(pads).ravel()]
    if p[1] or p[5]:
        return f":cpad:{_align4(shape[1])}"
    users = view.consumers_of(ref.node.output[0])
    if any(p[2:4] + p[6:8]) and not (p[0] or p[4]) and view.depends_on_inputs(ref.node.input[0]) and not (
            users and all(u.op_type in ("Conv", "MaxPool", "AveragePool") for u in users)) and not any(
            u.op_type in LINEAR for u in users):
        # (not a channels-last map a Linear reads, Swin's window Pad: placement_sweep `roll` measured those apart)
        # a zero Pad of H / W (not one a Conv or pool takes as its padding): on the CPU where the map has fewer
        # channels than the NPU's lane width (int8 16, fp16 8)
        return f"{SPATIAL_PAD}{_align4(shape[1])}"
    return ""


def _const_minuend(view: ModelView, ref: NodeRef) -> str | None:
    """`Sub<rank of x>:cminus:b<n>` for a Sub of a computed x from a constant of more than one value (c - x), n the
    axes x is broadcast over (its dim 1 where the difference's is larger): a MoveNet-style decode's grid [H, W] minus
    the keypoints' coordinates [K, 1, 1]. With 2.3.2 on rk3588 float16 and int8 such a Sub ran on the CPU with x
    broadcast over H and W (b2: rank 3 and 4, a constant grid [H, W] or [K, H, W], x from CPU or NPU ops), where
    Sub(x, c) and Add(c, x) of the same operands stayed on the NPU (calibration/placement_sweep.py `bcsub`); YOLO's
    anchors minus the box sides (b0) ran on the NPU in every real build. None for any other node (a scalar constant
    minus x: the plain key)."""
    if ref.op_type != "Sub" or len(ref.node.input) != 2 or not all(ref.node.input) or ref.graph_path:
        return None
    c, x = ref.node.input
    if view.depends_on_inputs(c) or not view.depends_on_inputs(x):
        return None
    cval, xs = view.const_value(c), _shape(view, x)
    if cval is None or np.size(cval) <= 1 or not xs or not all(isinstance(d, int) and d > 0 for d in xs):
        return None
    cs = list(np.shape(cval))
    n = max(len(cs), len(xs))
    cs, xl = [1] * (n - len(cs)) + cs, [1] * (n - len(xs)) + list(xs)
    return f"Sub{len(xs)}{CONST_MINUEND}{sum(1 for a, b in zip(xl, cs) if a == 1 and b > 1)}"


CONST_MINUEND = ":cminus:b"  # a Sub of a computed tensor from a constant (_const_minuend): `Sub3:cminus:b2`
SPATIAL_PAD = ":sp:"  # a constant Pad of a rank-4 map's H / W (_channel_pad): `Pad4:sp:<alignment of C>`
TOKEN_PAD = ":tok:"  # a constant Pad of tokens [1, T, D] on T alone (_token_pad): `Pad3:tok:<end|start|both>`


def _token_pad(view: ModelView, ref: NodeRef) -> str:
    """`:tok:end` / `:tok:start` / `:tok:both` for a constant Pad of a rank-3 tensor on axis 1 alone (tokens [1, T, D]
    shifted by a row: MobileBERT's trigram embedding pads emb[:, 1:] at the end and emb[:, :-1] at the start): with
    2.3.2, 2.3.0 and 2.5.0 on rk3588 float16 and 2.3.2 int8 the Pad at the end ran on the CPU (8 of 8 each), the one at
    the start on the NPU (5 of 5; calibration/placement_sweep.py `tokshift`). "" otherwise."""
    if ref.op_type != "Pad" or len(ref.node.input) < 2 or not ref.node.input[1]:
        return ""
    mode = ref.attr("mode", b"constant")
    if (mode.decode() if isinstance(mode, bytes) else str(mode)) != "constant":
        return ""
    pads = view.const_value(ref.node.input[1])
    shape = _shape(view, ref.node.input[0])
    if pads is None or np.size(pads) != 6 or not shape or len(shape) != 3:
        return ""
    p = [int(x) for x in np.asarray(pads).ravel()]
    if p[0] or p[2] or p[3] or p[5] or not (p[1] or p[4]):
        return ""
    return f"{TOKEN_PAD}{'both' if p[1] and p[4] else 'start' if p[1] else 'end'}"


ATTRIBUTE_KEYED = frozenset({"AveragePool"})  # node_key_sweep spells the attributes its probe variants are named by


def _pool_pads(ref: NodeRef) -> str:
    """':pad_excl' for an AveragePool whose padded windows leave the pads out of the mean, the attribute the probe
    variants' placement turns on (k3_s1_p1, k3_s2_p1, k5_s1_p2 on the CPU, k3_s1_p1_count_include_pad and unpadded
    pools on the NPU, every family). calibration/placement_sweep.py `avgpool` (Conv -> AveragePool -> 1x1 Conv, 64
    channels on 14 x 14 and 384 on 35 x 35) found the same in int8 on rk3588, rk3566, rk3562 (2.3.2, 2.5.0), rk3588
    and rk3566 with 2.3.0 and on rk3576 with 2.5.0, but every such pool on the NPU on rk3576 int8 with 2.3.2 (unseen
    set 6's Inception-v4: 14 branch pools)."""
    from .variants import excludes_pads

    return ":pad_excl" if excludes_pads(ref) else ""


def _batch_broadcast(view: ModelView, ref: NodeRef) -> bool:
    """A MatMul of two computed operands whose batch dims broadcast: one is 1 where the other is larger."""
    if len(ref.node.input) != 2 or not all(x and view.depends_on_inputs(x) for x in ref.node.input):
        return False
    sa, sb = (_shape(view, x) for x in ref.node.input)
    if sa is None or sb is None or len(sa) < 3 or len(sb) < 3:
        return False
    ba, bb = list(sa[:-2]), list(sb[:-2])
    n = min(len(ba), len(bb))
    return any(isinstance(x, int) and isinstance(y, int) and x != y and 1 in (x, y)
               for x, y in zip(ba[len(ba) - n:], bb[len(bb) - n:]))


def node_key_sweep_ctx(view: ModelView, ref: NodeRef, key: str) -> str:
    """node_key_sweep with the class of the op in front (`Gather3<ln`): on rk3566 fp16 a class-token Gather after an
    Add ran on the CPU for 32 and 197 tokens, after a LayerNorm on the NPU (the CPU Transpose went in front of the
    LayerNorm instead; calibration/placement_sweep.py `token`)."""
    data = ref.node.input[0]
    if len(ref.node.input) > 1 and not view.depends_on_inputs(data) and _linear_bias(view, ref):
        data = ref.node.input[1]  # Add(bias, x): the op in front is x's (node_key_sweep)
    return f"{key}<{_producer_class(view, data)}"


def sweep_node_placement(tab: dict[str, Any], view: ModelView, ref: NodeRef,
                         version: str | None = None) -> tuple[str, str, str] | None:
    """(placement, key, sweep table) of an op by type and input rank where the small models measured it and every
    build agreed; None otherwise (the single-op tables apply). Not for a node of a decomposed LayerNorm / L2 norm:
    toolkit `version` fuses the block into one layer (its Div is no Div of its own; the sweep leaves those out too).
    With the op in front (`nodes_ctx`) only an NPU answer is taken: a CPU layer the toolkit inserts after an op is
    named after it, so a context's CPU entry may be a boundary (`boundaries` speaks for those), e.g. a Conv in front of
    a CPU InstanceNorm."""
    from .fused_blocks import blocks

    sweep = tab.get("sweep") or {}
    if not sweep.get("nodes") or ref.index in blocks(view, version):
        return None
    key = node_key_sweep(view, ref)
    if key and LINEAR_BIAS in key and key.endswith((":sq", ":rect")) and key not in sweep["nodes"]:
        key = key.rsplit(":", 1)[0]  # the reversed map's form unmeasured: the window reverse's reader class
    full = key
    if not key:
        return None
    if ref.op_type in tab.get("changed_ops", ()) and key not in ((tab.get("sweep_own") or {}).get("nodes") or {}):
        # an op whose single-op placement changed since the borrowed table: only this version's own partial sweep
        # speaks for it (rv1106 int8 2.3.2's `padc` keys, measured with 2.3.2, over the 2.5.0 sweep: Pad changed)
        return None
    k = node_key_sweep_ctx(view, ref, key)
    if k not in (sweep.get("nodes_ctx") or {}) and GROUPED_RNN in key:  # an RNN's group class unmeasured: its direction
        k = node_key_sweep_ctx(view, ref, _ungrouped(key))
    if k not in (sweep.get("nodes_ctx") or {}) and _coarser_safe(key):  # a safe Softmax's le96 unmeasured: le128
        k = node_key_sweep_ctx(view, ref, _coarser_safe(key) or key)
    if k not in (sweep.get("nodes_ctx") or {}) and not (LINEAR_BIAS in key and key in sweep["nodes"]):
        # a class this table did not measure: the op's plain key in context (a Linear's bias Add whose class the
        # table measured is answered by that class: its plain key in context is every other Add behind a Linear)
        k = node_key_sweep_ctx(view, ref, _unclassed(key))
    if ((sweep.get("nodes_ctx") or {}).get(k) or {}).get("placement") == "npu":
        return "npu", k, tab.get("sweep_path") or ""
    entry = sweep["nodes"].get(key)
    if entry is None and key.endswith(RECIPROCAL + LAST_AXIS):  # spread over the last axis, unmeasured: any spread
        key = key[: -len(LAST_AXIS)]
        entry = sweep["nodes"].get(key)
    if entry is None and key.endswith(RECIPROCAL):  # a reciprocal no build measured: the op's plain key
        key = key[: -len(RECIPROCAL)]
        entry = sweep["nodes"].get(key)
    if entry is None and SQUARE in key:  # likewise a square
        key = key[: key.index(SQUARE)]
        entry = sweep["nodes"].get(key)
    if entry is None and LEVELS in key:  # a detector's levels Concat no build of this table measured: by its rank
        key = key[: key.index(LEVELS)]
        entry = sweep["nodes"].get(key)
    if entry is None and TOKEN_PAD in key:  # a token Pad's side unmeasured: the op's plain key
        key = key[: key.index(TOKEN_PAD)]
        entry = sweep["nodes"].get(key)
    if entry is None and SPATIAL_PAD in key:  # a spatial Pad's channel class unmeasured: the op's plain key
        key = key[: key.index(SPATIAL_PAD)]
        entry = sweep["nodes"].get(key)
    if entry is None and key != _unbranched(key):  # a branch stack's / group sum's plane class unmeasured
        key = _unbranched(key)
        entry = sweep["nodes"].get(key)
    if entry is None and SOFTMAX_ROWS in key:  # a Softmax's row class unmeasured: the op's plain key
        key = key[: key.index(SOFTMAX_ROWS)]
        entry = sweep["nodes"].get(key)
    if entry is None and _coarser_safe(key):  # a safe Softmax's le96 class unmeasured: the coarser le128
        key = _coarser_safe(key) or key
        entry = sweep["nodes"].get(key)
    if entry is None and SAFE_MASK in key:  # a safe Softmax's mask class unmeasured: the op's plain key
        key = key[: key.index(SAFE_MASK)]
        entry = sweep["nodes"].get(key)
    if entry is None and key.endswith(MASK_EXPAND):  # a mask Expand unmeasured: the Expand's key without the class
        key = key[: -len(MASK_EXPAND)]
        entry = sweep["nodes"].get(key)
    if entry is None and HEAD_CONCAT in key:  # a repeat_kv of a Concat-made head unmeasured: the Expand's key without
        key = re.sub(rf"{re.escape(HEAD_CONCAT)}v?", "", key)
        entry = sweep["nodes"].get(key)
    if entry is None and (GSUM in key or STACK in key) and "@" in key.rsplit(":", 1)[-1]:
        # a group-size class (_group_class) this table did not measure: the coarser class tables measured before it
        # (`le64k` for le32k / lt64k / 64k), the stack without its class
        base, _, cls = key.rpartition("@")
        key = f"{base}@{OLD_GROUP_CLASSES[cls]}" if GSUM in key and cls in OLD_GROUP_CLASSES else \
            base if STACK in key else key
        entry = sweep["nodes"].get(key)
    if entry is None and STACK in key:  # a stack whose readers no build of this table measured: the op's plain key
        key = key[: key.index(STACK)]
        entry = sweep["nodes"].get(key)
    if entry is None and QKV_PART in key:  # a qkv part no build of this table measured: the op's plain key
        key = key[: key.index(QKV_PART)]
        entry = sweep["nodes"].get(key)
    if entry is None and LINEAR_BIAS in key and view.depends_on_inputs(ref.node.input[0]):
        # a Linear's bias Add whose class no build measured: the op's plain key, as before the class (an Add(bias, x)
        # had no key then: it stays unanswered)
        key = key[: key.index(LINEAR_BIAS)]
        entry = sweep["nodes"].get(key)
    if entry is None and VOLUME in full:  # a stacked volume's size class unmeasured: the key without it
        key = re.sub(rf"{re.escape(VOLUME)}(le|gt)16k", "", full)
        entry = sweep["nodes"].get(key)
        if entry is None and STACK in key:
            key = key[: key.index(STACK)]
        entry = sweep["nodes"].get(key)
    if entry is None and GROUPED_RNN in key:  # an RNN's channel-group class unmeasured: keyed by its direction
        key = _ungrouped(key)
        entry = sweep["nodes"].get(key)
    if entry is None and key.endswith(BIDIRECTIONAL) and ref.op_type in RNN_OPS:  # the direction unmeasured: any
        key = key[: -len(BIDIRECTIONAL)]
        entry = sweep["nodes"].get(key)
    if entry and entry.get("placement") in ("cpu", "npu"):
        return entry["placement"], key, tab.get("sweep_path") or ""
    if re.fullmatch(rf"{re.escape(ref.op_type)}(\d|\?)", key) and key[-1] != "0" and not _integer_valued(view, ref):
        agreed = (tab.get("sweep_ranks") or {}).get(ref.op_type)
        if agreed is not None:
            return agreed[0], agreed[1], tab.get("sweep_path") or ""
    return None


def _integer_valued(view: ModelView, ref: NodeRef) -> bool:
    """The node computes integers or booleans: the sweeps measured float maps, and an int64 Add of positions (NLLB's
    padding offset, calibration/issue_repros.py i176) ran on the CPU where every float Add stayed on the NPU."""
    return bool(ref.node.output) and view.dtype(ref.node.output[0]) in _INTEGER_TYPES


_INTEGER_TYPES = frozenset({2, 3, 4, 5, 6, 7, 9, 12, 13})  # onnx TensorProto: u/int 8-64 and bool


def _all_ranks(nodes: dict[str, Any]) -> dict[str, tuple[str, str]]:
    """op type -> (placement, the keys) for the ops a sweep table measured alone at two ranks or more (1 and up, plain
    keys such as `Sqrt3`, `Sqrt4`) with one placement at each: the answer for the op at a rank it did not measure or
    cannot know (onnx's inference left it open). int8 Sqrt on rk3588, rk3576, rk3562, rk3566 with 2.3.2 (ranks 3 and 4
    on the CPU) is unseen set 9's rank-2 Sqrt of a norm on the CPU on rk3562 int8 (PatchCore, DeepSeek ViT, 6DRepNet).
    table() keeps it with the sweep (`sweep_ranks`), computed once per table."""
    seen: dict[str, dict[str, str]] = {}
    for k, v in nodes.items():
        m = re.fullmatch(r"([A-Za-z]+)([1-9])", k)
        if m and (v or {}).get("placement") in ("cpu", "npu"):
            seen.setdefault(m.group(1), {})[k] = v["placement"]
    return {op: (next(iter(set(r.values()))), "|".join(sorted(r))) for op, r in seen.items()
            if len(r) >= 2 and len(set(r.values())) == 1}


def reduce_key(view: ModelView, ref: NodeRef) -> str | None:
    """A Reduce node as the toolkit's lowering sees it: op, input rank, the axes as written (sign and order kept:
    on rk3566 fp16 ReduceMean over axes [2, 3] or [-2, -1] became one NPU global-average-pool Conv, over [3, 2] or
    [-1, -2], as torch writes x.mean((-1, -2)), a Reshape + Transpose + Conv + Transpose with the Reshape and both
    Transposes on the CPU; calibration/placement_sweep.py `reduce`) and keepdims. None without constant axes."""
    if ref.op_type not in REDUCES or ref.graph_path or not ref.node.input:
        return None
    try:
        axes = view.axes(ref)
    except (TypeError, ValueError):  # a malformed attribute: no key
        return None
    if not axes:
        return None
    ax = ",".join(map(str, axes))
    return f"{ref.op_type}{_rank(_shape(view, ref.node.input[0]))}:ax{ax}:kd{int(ref.attr('keepdims', 1) or 0)}"


def reduce_key_axes(key: str) -> list[int]:
    """The axes a reduce_key names, as written (ValueError / IndexError when it names none)."""
    return [int(a) for a in key.split(":ax")[1].split(":")[0].split(",")]


def reduce_sized_key(view: ModelView, ref: NodeRef) -> str | None:
    """reduce_key with the class of the reduced extent (the product of the reduced dims, `@r<le4|gt4>`): on rk3566
    fp16 a ReduceSum over the last axis of [1, 128, 4, 4] ran on the NPU whole, over 8 or 12 it got a CPU Transpose
    after it (calibration/placement_sweep.py `reduce`; MobileViTv2's linear attention sums over 4 tokens in its last
    stage). None without a key or static reduced dims."""
    key = reduce_key(view, ref)
    shape = _shape(view, ref.node.input[0]) if key else None
    if not shape:
        return None
    try:
        dims = [shape[a] for a in reduce_key_axes(key)]
    except (IndexError, ValueError):
        return None
    if not all(isinstance(d, int) and d > 0 for d in dims):
        return None
    return f"{key}@r{'le4' if math.prod(dims) <= 4 else 'gt4'}"


def reduce_batch_key(view: ModelView, ref: NodeRef) -> str | None:
    """reduce_key of a Reduce over the last axis of a batch of single rows [B, 1, D] (B > 1), `<key>@batch`: PaDiM's
    Mahalanobis sum over D at each of P positions; rknn-toolkit2 2.3.2 on rk3566 ran its layer ('Transpose:<sum>_rs')
    on the CPU under the ReduceSum's own name (placement_sweep `padim`, 12 of 12 in float16 and int8), where the same
    sum of one image's rows [1, K, W] (`integral`) had the CPU layers on the op in front. None for any other Reduce."""
    found = _reduced(view, ref, 3)
    if found is None:
        return None
    key, shape, axes = found
    if axes != [2] or not isinstance(shape[0], int) or shape[0] <= 1 or shape[1] != 1:
        return None
    return f"{key}@batch"


def reduce_branch_key(view: ModelView, ref: NodeRef) -> str | None:
    """reduce_key of a Reduce over the branch axis 1 of a rank-5 stack [N, P, C, H, W] with the alignment of its plane
    H*W (`ReduceSum5:ax1:kd0@branch.hw.a1`, _branch_plane): with 2.3.2 and 2.5.0 on rk3588 selective-kernel attention's two sums
    over the branches got a CPU Reshape ('Reshape:<sum>#1_rs') wherever H*W was no multiple of 8, at any C*H*W, and none
    where it was (2.3.0: the sum of the stack only; calibration/placement_sweep.py `skattn`, `skattnhw`). None for any
    other Reduce."""
    got = _reduced(view, ref, 5)
    if got is None or got[2] != [1] or not all(isinstance(d, int) and d > 0 for d in got[1][3:]):
        return None
    return f"{got[0]}{BRANCH_SUM}{BRANCH_PLANE}{_align(got[1][3] * got[1][4])}"


def _reduced(view: ModelView, ref: NodeRef, rank: int | None = None) -> tuple[str, Shape, list[int]] | None:
    """A Reduce's reduce_key, its input's shape and its axes made non-negative, in order: what the sized reduce keys
    below class. None when the key or the shape is unknown, or the rank is not `rank`."""
    key = reduce_key(view, ref)
    shape = _shape(view, ref.node.input[0]) if key else None
    if not shape or (rank is not None and len(shape) != rank):
        return None
    try:
        return key, shape, sorted(a % len(shape) for a in reduce_key_axes(key))
    except (IndexError, ValueError, ZeroDivisionError):
        return None


def reduce_group_key(view: ModelView, ref: NodeRef) -> str | None:
    """reduce_key of a ReduceSum over axis 1 of a rank-5 stack of groups [1, G, C, H, W] with the class of one group's
    C*H*W (`@g<class>`, _group_class): with 2.3.2 on rv1106 int8 both sums of selective-kernel attention (the stack's
    and the weighted one) ran on the CPU from 38400 up, on the NPU at 16384 and below (calibration/placement_sweep.py
    `skattn`; sweep section `reduces_sized`). None for any other Reduce."""
    got = _reduced(view, ref, rank=5)
    if got is None or ref.op_type != "ReduceSum":
        return None
    key, shape, axes = got
    if axes != [1] or not all(isinstance(d, int) and d > 0 for d in shape[2:]):
        return None
    return f"{key}@g{_group_class(math.prod(shape[2:]))}"


def reduce_row_key(view: ModelView, ref: NodeRef) -> str | None:
    """reduce_key of a Reduce over the last axis of one row (every other dim 1: a decoder step's single token
    [1, 1, D]) with `@row1`: the toolkit needs no Transpose to lay one row out for the mean, where with 2.3.2 on rk3566 it
    put the token RMSNorm's square of 16 to 256 tokens through a CPU Transpose (calibration/placement_sweep.py `tokrms`,
    `wrms`; sweep section `reduces_sized`). None for any other Reduce."""
    got = _reduced(view, ref)
    if got is None:
        return None
    key, shape, axes = got
    if axes != [len(shape) - 1] or any(d != 1 for d in shape[:-1]):
        return None
    return f"{key}@row1"


def reduce_plane_key(view: ModelView, ref: NodeRef) -> str | None:
    """reduce_key of a Reduce over the H and W of a rank-4 map with the class of that plane (`@hw<b4|a4|u4>`: how
    many of H and W are 1 or a multiple of 4, both, one or neither): with rknn-toolkit2 2.2.0 and 2.3.0 on rk3588 a
    ReduceMean over [2, 3] of a 2 x 2, 5 x 5, 7 x 7, 14 x 14 or 6 x 6 map got a CPU Reshape after the op in front,
    over 4 x 4, 28 x 28, 8 x 1 none, whatever the channels, and over 12 x 6 or 8 x 7 none in fp16 (int8: mixed)
    (calibration/placement_sweep.py `reduce_plane`; squeeze-excite pools on 14 x 14 maps, a classifier's pool on
    7 x 7); with 2.3.2 all stayed on the NPU. None for any other Reduce."""
    got = _reduced(view, ref, rank=4)
    if got is None:
        return None
    key, shape, axes = got
    h, w = shape[2], shape[3]
    if axes != [2, 3] or not all(isinstance(d, int) and d > 0 for d in (h, w)):
        return None
    return f"{key}@hw{_plane_class(h, w)}"


def reduce_lanes_key(view: ModelView, ref: NodeRef) -> str | None:
    """reduce_key of a Reduce over the H and W of a rank-4 map with which of its positions H * W and its channels C
    are multiples of 16 (`@lanes.<both|pos|chan|none>`): with 2.3.2 on rk3588 int8 a ReduceMean over (-1, -2), keepdims
    1 (torch dynamo's x.mean((-1, -2), keepdim=True)), put a CPU Reshape after the op in front exactly where neither
    was (C 24 to 1512 no multiple of 16 at 6 x 6, 7 x 7, 14 x 14, 75 x 75, 150 x 150: 9 of 9), none where either was
    (C 40 / 120 at 28 x 28, 888 at 8 x 8, 336, 880, 896 at 7 x 7 or 14 x 14: 7 of 7); at 150 x 150 also a Transpose
    after that Reshape whatever C (calibration/placement_sweep.py `reduce`; RegNetY's and EfficientNet-B3's
    squeeze-excite means). None for any other Reduce."""
    got = _reduced(view, ref, rank=4)
    if got is None:
        return None
    key, shape, axes = got
    c, h, w = shape[1], shape[2], shape[3]
    if axes != [2, 3] or not all(isinstance(d, int) and d > 0 for d in (c, h, w)):
        return None
    p, q = (h * w) % 16 == 0, c % 16 == 0
    return f"{key}@lanes.{'both' if p and q else 'pos' if p else 'chan' if q else 'none'}"


def reduce_last_key(view: ModelView, ref: NodeRef) -> str | None:
    """reduce_key of a Reduce over the last axis alone of a rank-4 map, keepdims 0, with whether that axis is odd
    (`@rodd` / `@reven`): with 2.3.2 on rk3588 float16 the mean of [1, C, T, F] over F, keepdims 0 (GTCRN's temporal
    attention input), always put its output Reshape on the CPU, and the Reshape of its input (named after the op in
    front, a Pow or a Relu) where F was odd (17, 33), not where it was even (8, 16, 32; calibration/placement_sweep.py
    `powmean`). None for any other Reduce."""
    got = _reduced(view, ref, rank=4)
    if got is None or int(ref.attr("keepdims", 1) or 0):
        return None
    key, shape, axes = got
    if axes != [3] or not isinstance(shape[3], int) or shape[3] <= 0:
        return None
    return f"{key}@r{'odd' if shape[3] % 2 else 'even'}"


def reduce_side_key(view: ModelView, ref: NodeRef) -> str | None:
    """reduce_key of a Reduce over one side (H or W alone) of a rank-4 map, as coordinate attention pools, with
    whether the reduced side and the kept one are multiples of 8, whether C times the kept side passes 8192 and
    whether its one reader is a Transpose (`@r<a8|u8>k<a8|u8>.ck<le8k|gt8k>[>tp]`): with 2.5.0 on
    rk3588 fp16 coordinate attention's mean over W of a 12 to 52 high map got its CPU 'Reshape:<mean>#1_rs' where H
    is no multiple of 8, its mean over H (read by a Transpose) a CPU Transpose from C * W of about 10k, which the same
    mean read by a Conv did not get; with 2.3.2 the Reshape went on the op in front and followed W
    (calibration/placement_sweep.py `coordatt`, `coordatt1`; sweep section `reduces_sized`). None for any other
    Reduce."""
    got = _reduced(view, ref, rank=4)
    if got is None:
        return None
    key, shape, axes = got
    if axes not in ([2], [3]) or not all(isinstance(d, int) and d > 0 for d in shape[1:]) or shape[1] < 32:
        return None  # measured on maps of 32 to 256 channels, not on attention heads [1, heads, T, D]
    c, red, kept = shape[1], shape[axes[0]], shape[5 - axes[0]]
    users = view.consumers.get(ref.node.output[0], [])
    reader = ">tp" if len(users) == 1 and users[0].op_type == "Transpose" else ""

    def a8(d: int) -> str:
        return "a8" if d % 8 == 0 else "u8"

    return f"{key}@r{a8(red)}k{a8(kept)}.ck{'le8k' if c * kept <= 8192 else 'gt8k'}{reader}"


_SEQ_ELTWISE = frozenset({"Relu", "LeakyRelu", "Clip", "Sigmoid", "Tanh", "HardSwish", "HardSigmoid", "Pow", "Mul",
                          "Add", "Sub", "BatchNormalization"})


def _conv_sequence(view: ModelView, name: str, hops: int = 4) -> bool:
    """`name` is a Conv's output [1, C, T] or comes from one through at most `hops` elementwise ops (the first
    computed operand each time): a channel-first sequence, not tokens [1, T, D] out of a Linear."""
    for _ in range(hops + 1):
        src = view.producer.get(name)
        if src is None or src.graph_path:
            return False
        if src.op_type == "Conv":
            return True
        if src.op_type not in _SEQ_ELTWISE:
            return False
        name = next((x for x in src.node.input if x and view.depends_on_inputs(x)), "")
    return False


def reduce_seq_key(view: ModelView, ref: NodeRef) -> str | None:
    """`ReduceMean3:ax2:kd<k>@seq.<sq|prod|map>` for a ReduceMean over the last axis (written 2 or -1) of a Conv1d map
    [1, C, T] (_conv_sequence), with what it averages as reduce_channel_key spells it: with 2.5.0 on rk3566 fp16
    an ECAPA-TDNN squeeze-excite's mean over T put a CPU Transpose on the op in front and one on the mean
    ('Transpose:<mean>_rs#1'), 9 of 9 maps from 32 x 300 to 768 x 200, after a Relu or a Pow's square alike; with
    2.3.2 the op in front only; token RMS means [1, T, D] over D out of a Linear stayed on the NPU with 2.5.0
    (calibration/placement_sweep.py `se1d`, `tokrms`; sweep section `reduces_sized`). None for any other Reduce."""
    got = _reduced(view, ref, rank=3) if ref.op_type == "ReduceMean" else None
    if got is None or got[2] != [2] or not _conv_sequence(view, ref.node.input[0]):
        return None
    src = view.producer.get(ref.node.input[0])
    sq = src.op_type == "Pow" and len(src.node.input) > 1 and \
        np.array_equal(np.asarray(view.const_value(src.node.input[1])).reshape(-1), [2.0])
    prod = src.op_type == "Mul" and len(src.node.input) == 2 and \
        all(x and view.depends_on_inputs(x) for x in src.node.input)
    kind = "sq" if sq else "prod" if prod else "map"
    return f"ReduceMean3:ax2:kd{int(ref.attr('keepdims', 1) or 0)}@seq.{kind}"


def _plane_class(h: int, w: int) -> str:
    """How many of a plane's H and W are 1 or a multiple of 4: both `b4`, one `a4`, neither `u4`."""
    return ("u4", "a4", "b4")[sum(d == 1 or d % 4 == 0 for d in (h, w))]


def reduce_channel_key(view: ModelView, ref: NodeRef) -> str | None:
    """reduce_key of a ReduceMean over the channels (axis 1 alone) of a rank-4 map, with what it averages: `@chan.sq`
    for the square a Pow makes (a written-out RMSNorm's mean), `@chan.map` for any other map (CBAM's / PP-LiteSeg
    UAFM's channel statistics). With 2.3.2 on rk3566 (float16 and int8) the toolkit lowered the mean of a map as a
    Reshape to [1, C, 1, H * W] -> Conv -> Reshape back, the last Reshape on the CPU ('Reshape:<mean>#1_rs'), and
    the mean of a Pow's square as one Conv over the map on the NPU; with 2.5.0 both on the NPU
    (calibration/placement_sweep.py `chpool`, `rms_cf`; sweep section `reduces_chan`). None for any other Reduce."""
    got = _reduced(view, ref, rank=4) if ref.op_type == "ReduceMean" else None
    if got is None:
        return None
    key, shape, axes = got
    if axes != [1]:
        return None
    src = view.producer.get(ref.node.input[0])
    sq = src is not None and src.op_type == "Pow" and len(src.node.input) > 1 and \
        np.array_equal(np.asarray(view.const_value(src.node.input[1])).reshape(-1), [2.0])
    # the mean of a product of two computed maps (PWC-Net's cost volume, f1 * shifted f2): no small model measured it;
    # the whole rk3566 float16 2.3.2 build of unseen set 7's PWC-Net kept all 81 such means off the CPU, as a Pow's
    # square: its own class, so the map's `@chan.map` entry does not answer for it
    # (a map times a broadcast gate, CBAM's x * channel attention [1, C, 1, 1], stays a map)
    prod = src is not None and src.op_type == "Mul" and len(src.node.input) == 2 and \
        all(x and view.depends_on_inputs(x) for x in src.node.input) and \
        not any(len(g := _shape(view, x) or ()) == 4 and g[2] == 1 and g[3] == 1 for x in src.node.input)
    return f"{key}@chan.{'sq' if sq else 'prod' if prod else 'map'}"


def reduce_channel_sized_key(view: ModelView, ref: NodeRef) -> str | None:
    """reduce_channel_key with the class of the map's plane (`@hw<b4|a4|u4>`, as reduce_plane_key): with 2.3.2 and
    2.5.0 on rk3588 (fp16 and int8) the mean over the channels of a 13 x 13 or 26 x 26 map got its CPU
    'Reshape:<mean>#1_rs', of a 20 x 20, 40 x 40, 52 x 52 or 80 x 80 one none (calibration/placement_sweep.py
    `chpool` at C 128: CBAM in a YOLO neck; unseen set 12's CBAM / CoordAtt detector at 416 px); rv1106 and rk3576
    none at any size. None where reduce_channel_key is None."""
    key = reduce_channel_key(view, ref)
    if key is None:
        return None
    h, w = (_shape(view, ref.node.input[0]) or [None] * 4)[2:4]
    if not all(isinstance(d, int) and d > 0 for d in (h, w)):
        return None
    return f"{key}@hw{_plane_class(h, w)}"


def map_flatten_key(view: ModelView, ref: NodeRef) -> str | None:
    """A Flatten (axis 1) or Reshape turning a computed [1, C, H, W] map with H * W > 1, made by an op other than a
    layout op, into the [1, C * H * W] row of a Linear (its only reader: a Gemm, or a MatMul with a constant weight),
    by the map's size: `mapflat:k5` (H and W
    both 5 or less: the toolkit folds such a flatten + Linear into one H x W Conv), `mapflat:a8` (else H * W a
    multiple of 8), `mapflat:u8` (the rest). With rknn-toolkit2 2.3.2 the Reshape the toolkit adds to hand the map to
    the Linear ran on the CPU for u8 on rk3588 and for a8 and u8 on rk3566 (calibration/placement_sweep.py
    `mapflat`, sweep section `mapflats`; ArcFace's 7 x 7 head, UFLD's 9 x 25). None for anything else."""
    if ref.graph_path or ref.op_type not in ("Flatten", "Reshape") or not ref.node.input or not ref.node.input[0]:
        return None
    if ref.op_type == "Flatten" and int(ref.attr("axis", 1)) != 1:
        return None
    shape, out = _shape(view, ref.node.input[0]), _shape(view, ref.node.output[0])
    if not shape or len(shape) != 4 or not all(isinstance(d, int) and d > 0 for d in shape) or shape[0] != 1:
        return None
    _, c, h, w = shape
    if h * w == 1 or not out or len(out) != 2 or list(out) != [1, c * h * w]:
        return None
    src = view.producer.get(ref.node.input[0])
    if src is None or src.op_type in CHAIN_OPS or not view.depends_on_inputs(ref.node.input[0]):
        return None  # a map laid out by a Transpose / Reshape in front (tf2onnx's NHWC flatten) is another motif
    users = view.consumers_of(ref.node.output[0])
    if len(users) != 1 or ref.node.output[0] in view.output_names:
        return None
    u = users[0]
    if u.op_type == "MatMul":
        if len(u.node.input) != 2 or u.node.input[0] != ref.node.output[0] or view.depends_on_inputs(u.node.input[1]):
            return None
    elif u.op_type != "Gemm" or u.node.input[0] != ref.node.output[0] or int(u.attr("transA", 0)):
        return None
    return f"mapflat:{'k5' if h <= 5 and w <= 5 else 'a8' if h * w % 8 == 0 else 'u8'}"


def map_flatten_placement(tab: dict[str, Any], view: ModelView, ref: NodeRef) -> tuple[str, str, str] | None:
    """(placement, key, sweep table) of a map flattened into a Linear (map_flatten_key) where the small models
    measured its class and every build agreed; None otherwise."""
    key = map_flatten_key(view, ref)
    entry = ((tab.get("sweep") or {}).get("mapflats") or {}).get(key) if key else None
    if not entry or entry.get("placement") not in ("cpu", "npu"):
        return None
    return entry["placement"], key, tab.get("sweep_path") or ""


def reduce_reader_key(view: ModelView, ref: NodeRef) -> str | None:
    """reduce_key with the class of its one reader (`>conv`; a Reshape / Flatten / Squeeze into a Linear spelled
    `>Flatten>linear`): rknn-toolkit2 2.5.0 on rk3566 names the CPU Transpose it adds after a ReduceMean over (-1, -2)
    after the mean when a Conv reads it (`Transpose:mean#1_rs#1`), after the Flatten or Reshape when that hands it to
    a Gemm (`Transpose:flat_tp_rs#1`, `Transpose:view_tp_rs#1`; calibration/placement_sweep.py `reduce_tail`, sweep
    section `reduce_readers`). None without a key or one reader."""
    key = reduce_key(view, ref)
    users = view.consumers.get(ref.node.output[0], []) if key else []
    if len(users) != 1 or ref.node.output[0] in view.output_names:
        return None
    u = users[0]
    if u.op_type in ("Reshape", "Flatten", "Squeeze") and u.node.output:
        nxt = view.consumers.get(u.node.output[0], [])
        if len(nxt) == 1 and nxt[0].op_type in LINEAR and in_chain(view, nxt[0]):
            return f"{key}>{u.op_type}>linear"
    return f"{key}>{op_class(u.op_type)}"


def reduce_reader(tab: dict[str, Any], view: ModelView, ref: NodeRef) -> str | None:
    """Whose name the CPU layer after a Reduce takes, measured on small models (`reduce_readers`): "reduce" or
    "reader"; None where not measured or the builds disagreed."""
    key = reduce_reader_key(view, ref)
    entry = (((tab.get("sweep") or {}).get("reduce_readers") or {}).get(key) or {}) if key else {}
    return entry.get("placement") if entry.get("placement") in ("reduce", "reader") else None


def reduce_placement(tab: dict[str, Any], view: ModelView, ref: NodeRef) -> tuple[dict[str, str], str, str] | None:
    """({"producer": cpu|npu, "node": cpu|npu}, key, sweep table) of a Reduce node measured on small models, by its
    channels-last norm key (`reduces_nhwc`), channel key (`reduces_chan`), plane key (`reduces_plane`), one-row or sized
    key (`reduces_sized`) where measured,
    else its key; None when not measured or the builds disagreed."""
    sweep = tab.get("sweep") or {}
    if ref.op_type in tab.get("changed_ops", ()):
        return None  # a borrowed sweep says nothing about an op whose single-op placement changed
    for section, key in (("reduces_nhwc", reduce_nhwc_width_key(view, ref)), ("reduces_nhwc", reduce_nhwc_key(view, ref)),
                         ("reduces_chan", reduce_channel_sized_key(view, ref)),
                         ("reduces_chan", reduce_channel_key(view, ref)),
                         ("reduces_plane", reduce_lanes_key(view, ref)), ("reduces_plane", reduce_plane_key(view, ref)), ("reduces_sized", reduce_side_key(view, ref)),
                         ("reduces_sized", reduce_seq_key(view, ref)),
                         ("reduces_sized", reduce_row_key(view, ref)), ("reduces_sized", reduce_last_key(view, ref)),
                         ("reduces_sized", reduce_branch_key(view, ref)),
                         ("reduces_sized", reduce_group_key(view, ref)),
                         ("reduces_sized", reduce_batch_key(view, ref)),
                         ("reduces_sized", reduce_sized_key(view, ref)), ("reduces", reduce_key(view, ref))):
        entry = (sweep.get(section) or {}).get(key) if key else None
        if entry and all(entry.get(k) in ("cpu", "npu") for k in ("producer", "node")):
            return {"producer": entry["producer"], "node": entry["node"]}, key, tab.get("sweep_path") or ""
    for section, key in (("reduces_sized", reduce_sized_key(view, ref)), ("reduces", reduce_key(view, ref))):
        # the axes' sign does not change the lowering, their order does (placement_sweep `axmeanp`: a mean over axis
        # 2 / 3 of [1, C, H, W] lowered as over -2 / -1 on rk3566 fp16 and int8 2.3.2, the same CPU Transposes /
        # Reshapes, and rk3588 fp16 kept both on the NPU; `reduce`: [2, 3] as [-2, -1], [3, 2] apart): torch dynamo
        # writes them positive where the sweeps wrote them negative (BC-ResNet's frequency means, unseen set 12)
        key = _other_sign(key)
        entry = (sweep.get(section) or {}).get(key) if key else None
        if entry and all(entry.get(k) in ("cpu", "npu") for k in ("producer", "node")):
            return {"producer": entry["producer"], "node": entry["node"]}, key, tab.get("sweep_path") or ""
    return None


def _other_sign(key: str | None) -> str | None:
    """A reduce key with its axes spelled with the other sign (`ReduceMean4:ax2:kd1` <-> `ReduceMean4:ax-2:kd1`); None
    where the key names no rank, mixes signs or reduces the last axis: a last-axis entry measured on a Conv map's row
    means (`axmean`) says nothing of a head RMSNorm over the features that the plain key spells alike (rk3566 fp16
    2.5.0: unseen set 11's Sapiens2 head means on the NPU where the `axmean` entry had the CPU)."""
    m = re.fullmatch(r"([A-Za-z]+)(\d):ax([-\d,]+)(:.*)", key or "")
    if not m:
        return None
    rank, axes = int(m.group(2)), [int(a) for a in m.group(3).split(",")]
    if len({a < 0 for a in axes}) != 1 or not all(-rank <= a < rank for a in axes) or \
            any(a % rank == rank - 1 for a in axes):
        return None
    return f"{m.group(1)}{rank}:ax{','.join(str(a - rank if a >= 0 else a + rank) for a in axes)}{m.group(4)}"


# ------------------------------------------------------------------------------------------------- tables
def tables_dir() -> Path:
    from .platforms import rules_dir

    return Path(rules_dir()) / "motifs"


def _table(path: str) -> dict[str, Any]:
    """A motif table as data, through the platform tables' JSON cache (a parse of a 40 kB table costs more than
    check's whole budget over onnx.load on a large model)."""
    from .platforms import read_yaml

    return read_yaml(Path(path)) or {}


def probed_dir() -> Path:
    """rules/motifs/probed: the tables `rknnlint probe --motifs` writes (one minimal model per motif)."""
    from .platforms import rules_dir

    return Path(rules_dir()) / "motifs" / "probed"


def _find(d: Path, family: str, dtype: str, version: str) -> Path | None:
    p = d / f"{family}-{dtype}-{version}.yaml"
    if p.is_file():
        return p
    others = sorted(d.glob(f"{family}-*-{version}.yaml")) if d.is_dir() else []
    return others[0] if len(others) == 1 else None


def _find_full(d: Path, family: str, dtype: str, version: str) -> Path | None:
    """The full (not partial) table of a family and version that answers `dtype`: its own, else the one other
    dtype's full table of that version (what _find gives where no partial table of `dtype` lies in the way)."""
    p = d / f"{family}-{dtype}-{version}.yaml"
    if p.is_file() and not _table(str(p)).get("partial"):
        return p
    others = sorted(q for q in (d.glob(f"{family}-*-{version}.yaml") if d.is_dir() else ())
                    if q != p and not _table(str(q)).get("partial"))
    return others[0] if len(others) == 1 else None


def sweeps_dir() -> Path:
    """rules/motifs/sweeps: placements measured on small hand-built models (calibration/placement_sweep.py)."""
    from .platforms import rules_dir

    return Path(rules_dir()) / "motifs" / "sweeps"


_KINDS = ("whole", "probed", "sweep")


def _dir(kind: str) -> Path:
    return {"whole": tables_dir, "probed": probed_dir, "sweep": sweeps_dir}[kind]()


def measured_versions(family: str, kind: str = "") -> list[str]:
    """The toolkit versions with a motif table of `kind` (whole builds, probed or swept; "" any) for a family."""
    found = set()
    for k in (kind,) if kind else _KINDS:
        d = _dir(k)
        if d.is_dir():
            found.update(p.stem.rsplit("-", 1)[1] for p in d.glob(f"{family}-*-*.yaml"))
    return sorted(found)


@lru_cache(maxsize=64)
def table(family: str, dtype: str, version: str) -> dict[str, Any] | None:
    """The measured motif table of a family, dtype and toolkit version, None when the family has none. A family
    measured in one dtype only (rv1106: int8) answers for both. The probed table (rules/motifs/probed/, `rknnlint
    probe --motifs`) rides along as "probed" (and "probed_path"), the sweep table (rules/motifs/sweeps/) as "sweep"
    (and "sweep_path"); a family with only one of those gets a table too.

    Each of the three kinds the version has no table of for the family is borrowed from the family's nearest version
    that has one ("borrowed" lists them; every finding cites the table and version that measured it), never a
    borrowed table's crashes: placement changed little between versions where both were measured (rk3588 float16, 45
    exports: the models that built with 2.3.2 and 2.5.0 have the same 25 CPU nodes) while crashes did not (RKN704-708
    crash in one version and build in the next). A partial sweep table (`partial: true`, a few cases built with this
    version where its placement was seen to differ) lies over the full table the version reads without it (the same
    version's other dtype where only that one is full: rk3588 int8 2.3.2's over float16 2.3.2's): its keys answer, the
    rest stay borrowed."""
    from .toolkit.versions import closest

    found: dict[str, tuple[Path, str]] = {}
    partial: Path | None = None
    for kind in _KINDS:
        p = _find(_dir(kind), family, dtype, version)
        if p is not None and _table(str(p)).get("partial"):
            # a few cases measured with this version (in this dtype only): they answer their keys, the nearest
            # version's full table the others: the table this version would read without it (rk3588 int8 2.3.2's
            # partial lies over the rk3588 float16 2.3.2 sweep it read before, not over int8 2.5.0's)
            partial = p if _table(str(p)).get("dtype") == dtype else None
            p = _find_full(_dir(kind), family, dtype, version)
        others = [v for v in measured_versions(family, kind)
                  if v != version and _find_full(_dir(kind), family, dtype, v) is not None]
        if p is None and others:
            near = closest(version, others)
            p = _find_full(_dir(kind), family, dtype, near)
            if p is not None:
                found[kind] = (p, near)
        elif p is not None:
            found[kind] = (p, version)
    if not found and partial is None:
        return None
    whole = found.get("whole")
    tab = dict(_table(str(whole[0]))) if whole else {"toolkit": version, "family": family, "dtype": dtype}
    if "probed" in found:
        tab["probed"] = _table(str(found["probed"][0]))
        tab["probed_path"] = f"rules/motifs/probed/{found['probed'][0].name}"
    if "sweep" in found:
        tab["sweep"] = _table(str(found["sweep"][0]))
        tab["sweep_path"] = f"rules/motifs/sweeps/{found['sweep'][0].name}"
    if partial is not None:
        tab["sweep_own"] = _table(str(partial))  # measured with this very version: before any borrowed table
        tab["sweep"] = _overlay(tab.get("sweep") or {}, tab["sweep_own"])
        tab["sweep_path"] = f"rules/motifs/sweeps/{partial.name}" + (f" over {tab['sweep_path']}" if "sweep" in found else "")
    if (tab.get("sweep") or {}).get("nodes"):
        tab["sweep_ranks"] = _all_ranks(tab["sweep"]["nodes"])
    borrowed = {kind: v for kind, (_p, v) in found.items() if v != version}
    if len(borrowed) == len(found):  # nothing measured with this version on this family
        _version_sized(tab, family, dtype, version)
    if borrowed:
        tab["borrowed"] = borrowed
        tab["changed_ops"] = frozenset().union(*(changed_ops(family, version, v) for v in set(borrowed.values())))
        if "probed" in borrowed and "crashes" in tab["probed"]:
            tab["probed"] = {k: v for k, v in tab["probed"].items() if k != "crashes"}
    return tab


def _partial(kind: str, family: str, dtype: str, version: str) -> bool:
    """Whether the family's table of `kind` for a version is a partial sweep (never borrowed: it speaks for a few keys)."""
    p = _find(_dir(kind), family, dtype, version)
    return p is not None and bool(_table(str(p)).get("partial"))


def _overlay(base: dict[str, Any], own: dict[str, Any]) -> dict[str, Any]:
    """A partial sweep table (`partial: true`: a few cases measured with its version, calibration/placement_sweep.py
    `table --partial`) over the family's nearest full one: each section's keys the partial table measured are its own,
    the others the full table's (still counted as borrowed: its crashes and changed ops are never taken)."""
    out = dict(base)
    for k, v in own.items():
        out[k] = {**(base.get(k) or {}), **v} if isinstance(v, dict) and isinstance(base.get(k), dict) else v
    return out


def _version_sized(tab: dict[str, Any], family: str, dtype: str, version: str) -> None:
    """The size classes `rknnlint probe --motifs` measured with this very version on another family ("version_sized",
    "version_sized_path"): with 2.2.0, 2.3.0 and 2.3.2 the windowed qkv Transpose of Swin ran on the CPU and a batch-1
    one on the NPU on rk3588 (rules/motifs/probed/rk3588-float16-<version>.yaml), and the 2.3.2 builds of Swin-T put
    the same 10 Transposes on the CPU on rk3576 and rk3562 too. Only for a version with no table of its own."""
    d = probed_dir()
    if not d.is_dir():
        return
    for p in sorted(d.glob(f"*-{dtype}-{version}.yaml")) or sorted(d.glob(f"*-*-{version}.yaml")):
        if p.name.startswith(f"{family}-"):
            continue
        sized = _table(str(p)).get("sized") or {}
        if sized:
            tab["version_sized"], tab["version_sized_path"] = sized, f"rules/motifs/probed/{p.name}"
            return


def changed_ops(family: str, version: str, other: str) -> frozenset[str]:
    """Op types whose single-op placement (rules/measured/<family>-<version>.yaml `ops`) differs between two toolkit
    versions, data-moving ops aside (RELAYOUT_OPS): a borrowed table says nothing about them (rk3576: GRU, ReduceMax, Cos, Sin on the CPU with 2.3.2, on the
    NPU with 2.5.0; the 2.5.0 sweep's GRU on the NPU hid the CPU GRU 2.3.2 built in two calibration exports)."""
    from .platforms import read_yaml, rules_dir

    def ops(v: str) -> dict[str, Any]:
        path = Path(rules_dir()) / "measured" / f"{family}-{v}.yaml"
        return (read_yaml(path) or {}).get("ops") or {} if path.is_file() else {}

    a, b = ops(version), ops(other)
    if not a or not b:
        return frozenset()
    return frozenset(op for op in (set(a) | set(b)) - RELAYOUT_OPS
                     if (a.get(op) or {}).get("placement") != (b.get(op) or {}).get("placement"))


def for_context(ctx) -> dict[str, Any] | None:
    """The motif table for a rule context (its family, dtype and the run's toolkit version); None for a version
    nobody measured motifs with."""
    version = getattr(ctx, "toolkit_version", "") or ctx.platform.measured
    return table(ctx.platform.family, ctx.dtype, version) if version else None


# A motif's minimal model (rknnlint probe --motifs) leans to the CPU: on rk3566 fp16 (2.5.0) its nodes agreed with
# the same motifs inside real exports on 103 of 120 nodes, and 15 of the 17 others were CPU in the probe and NPU in
# the network (the generated neighbours are not the network's). So a probed NPU placement is taken before the
# whole-build back-offs and a probed CPU placement only after them; held out (2-fold, rk3566 fp16) that gave CPU-node
# recall 56.6% / precision 71.0%, against 62.0% / 52.7% taking both before the back-offs and 55.7% / 66.8% without
# the probe.


def _static_inputs(view: ModelView) -> bool:
    """Every graph input has static dims (as exported, or pinned by load_onnx's input_size_list / check
    --input-shape): the toolkit then folds every Shape / Size node."""
    return bool(view.inputs) and all(view.static_shape(vi.name) is not None for vi in view.inputs)


def node_placement(tab: dict[str, Any], view: ModelView, ref: NodeRef, _run: list[NodeRef] | None = None,
                   _backoff: bool = True) -> tuple[str, str, list[NodeRef]] | None:
    """(placement, key, run) of a node of a run, most specific measurement first: the motif with its size class
    (sized_key) when the tables have such entries (whole builds, then the small models of calibration/placement_sweep.py,
    then the probe's size sweep); the motif of its whole
    run when every build of it agreed; else the same motif built whole on the small models of
    calibration/placement_sweep.py (rules/motifs/sweeps `motifs`); else the motif's probed placement when it is npu (rknnlint probe --motifs); else the
    placement most builds gave the op between the same neighbour classes (`neighbors`); else its own descriptor in
    the same edge context (`contexts`); else the op type in that edge context (`ops`); else the motif's probed cpu
    placement; None when none was measured or the builds split evenly (then the single-op tables apply).
    In a model whose graph inputs are static, the run without the Shape / Size nodes reading its values (the toolkit
    folds them) is looked up first, through the measured motifs and size classes (no back-off): a dynamic export
    pinned with load_onnx's input_size_list keeps the Shape readers its reshape targets were computed from, and a
    TransformerEncoder's in-projection MatMul, read by a Shape too, was classed as a run of its own
    (`layout>MatMul3...`, CPU on rk3566) where the toolkit saw the Transpose into the MatMul the static export has
    (`in>Transpose3:102...>MatMul3...`, NPU; calibration/results/pinned/)."""
    run = _run or run_of(view, ref)
    if run is None or ref.op_type in tab.get("changed_ops", ()):
        return None  # a borrowed table's placement of an op whose single-op placement changed says nothing
    if _run is None and _static_inputs(view):
        folded = run_of(view, ref, shape_read=True)
        if folded is not None and folded != run and len(folded) <= MAX_CHAIN:
            got = node_placement(tab, view, ref, folded, False)
            if got is not None:
                return got
    probed = None
    if len(run) <= MAX_CHAIN:
        i = run.index(ref)
        if "whole" in (tab.get("borrowed") or {}):
            # a motif this version's partial sweep built on this family outranks another version's whole builds
            # (rk2118 / rv1106b 2.3.2: PaddleOCR's SVTR qkv Transpose on the NPU, the 2.5.0 MobileViT builds' CPU)
            # by its size class first where the partial sweep has one: its small models measured their sizes only (the
            # SVTR qkv Transpose of 1 image on the NPU; MobileViT's and Swin's over a batch of patches or windows
            # on the CPU with 2.3.2 on rk2118, placement_sweep `attn`, as the calibration builds of both), then the
            # size classes this version's probe measured on another family (Swin's windows on rk3588)
            own = tab.get("sweep_own") or {}
            skey0 = sized_key(view, run)
            for skey in (*class_keys(view, run, skey0), skey0):
                for sec in (own.get("sized"), tab.get("version_sized")):
                    places = ((sec or {}).get(skey) or {}).get("nodes") or []
                    if i < len(places) and places[i] in ("cpu", "npu"):
                        return places[i], skey, run
            key = chain_key(view, run)
            places = (((own.get("motifs") or {}).get(key) or {}).get("nodes") or [])
            if i < len(places) and places[i] in ("cpu", "npu"):
                return places[i], key, run
        # size classes measured with this very version on another family first (only where every table is borrowed)
        # a table measured with this version outranks a borrowed one whatever the key's class: rk3588 2.2.0's whole
        # builds put Swin-T's windowed qkv Reshape on the CPU (sized key `@n.1`), which the 2.3.2 sweep's more
        # specific `.gather` class (the Reshape on the NPU with 2.3.2) would otherwise overrule
        # (a partial sweep of this version, `sweep_own`, is this version's too: rk3588 2.3.0's `.split` class keeps
        # Swin-S3's qkv Reshape on the NPU where 2.3.0's whole builds of Swin-T's `@n.1` had it on the CPU)
        borrowed = tab.get("borrowed") or {}
        secs = ((tab.get("version_sized"), ""), (tab.get("sized"), "whole"),
                ((tab.get("sweep_own") or {}).get("sized"), ""), ((tab.get("sweep") or {}).get("sized"), "sweep"),
                ((tab.get("probed") or {}).get("sized"), "probed"))
        tiers = [[sec for sec, kind in secs if sec and (kind not in borrowed) == own] for own in (True, False)]
        if any(tiers):  # the size class decides where the plain key's builds disagreed (whole builds, then the probe)
            skey0 = sized_key(view, run)
            for sized in tiers:
                for skey in (*class_keys(view, run, skey0), skey0):  # a flattened map's, a wide Linear's first
                    for sec in sized:
                        places = (sec.get(skey) or {}).get("nodes") or []
                        if i < len(places) and places[i] in ("cpu", "npu"):
                            return places[i], skey, run
        key = chain_key(view, run)
        places = ((tab.get("motifs") or {}).get(key) or {}).get("nodes") or []  # built whole in real exports
        if i < len(places) and places[i] in ("cpu", "npu"):
            return places[i], key, run
        folded = _shape_read_run(tab, view, ref)
        if folded is not None:
            return folded
        # built whole on small models with real neighbours (calibration/placement_sweep.py), before the probe's; where
        # the whole builds split on the key (`mixed`: the size decides) only at the sizes the small models had (their
        # sized keys, above): rk3566's log-mel filterbank MatMul over [1, 1, T, F] on the CPU, ConvNeXt-T's MLP Linear
        # over [1, 14, 14, 384] on the NPU in the 2.3.2 builds (Swin-T's of the same key on the CPU)
        whole = ((tab.get("motifs") or {}).get(key) or {}).get("nodes") or []
        swept = (tab.get("sweep") or {}).get("sized") or {}
        split = i < len(whole) and whole[i] == "mixed" and any(k.startswith(key + "@") for k in swept)
        places = (((tab.get("sweep") or {}).get("motifs") or {}).get(key) or {}).get("nodes") or []
        if not split and i < len(places) and places[i] in ("cpu", "npu"):
            return places[i], key, run
        resolved = _resolved_run(tab, view, run, key, i)
        if resolved is not None:
            return resolved
        places = (((tab.get("probed") or {}).get("motifs") or {}).get(key) or {}).get("nodes") or []
        if i < len(places) and places[i] in ("cpu", "npu"):
            probed = places[i], key, run
            if probed[0] == "npu":
                return probed  # the probe leans to the CPU (above)
    if not _backoff:
        return None
    keys = {"neighbors": neighbor_key, "contexts": node_key, "ops": op_key}
    for section in BACKOFF:
        key = keys[section](view, run, ref)
        entry = (tab.get(section) or {}).get(key)
        if entry and entry.get("placement") in ("cpu", "npu"):
            return entry["placement"], key, run
    return probed


def _resolved_run(tab: dict[str, Any], view: ModelView, run: list[NodeRef], key: str, i: int
                  ) -> tuple[str, str, list[NodeRef]] | None:
    """(placement, key, run) of the run's motif spelled with the folded static shapes (rknnlint/static_shapes.py),
    where onnx's inference left a rank or a last dim of the run unknown (`a?`, `?` in the plain key) and whole builds
    or the small models measured that motif: the toolkit folds the Shape arithmetic of a static model, so it places
    the run by its real sizes. GTCRN's dual-path GRUs, exported with their reshape targets and the GRU's initial
    state computed from Shape nodes, put every Transpose into a GRU on the CPU on rk3566 (unseen set 15), the motif
    `slice>Transpose3:102:a8>rnn` the `dpgru` small models measured, while the plain key read `...:a?>rnn`."""
    if "?" not in key:
        return None
    from .static_shapes import resolved_shape

    folded = chain_key(view, run, lambda name: resolved_shape(view, name))
    if folded == key or "?" in folded:
        return None
    for sec in (tab.get("motifs"), (tab.get("sweep") or {}).get("motifs")):
        places = ((sec or {}).get(folded) or {}).get("nodes") or []
        if i < len(places) and places[i] in ("cpu", "npu"):
            return places[i], folded, run
    return None


def _shape_read_run(tab: dict[str, Any], view: ModelView, ref: NodeRef) -> tuple[str, str, list[NodeRef]] | None:
    """(placement, key, run) of the node in the run it makes when the Shape / Size nodes reading the run's values are
    left out, where whole builds measured that motif and the plain run differs: the toolkit folds a Shape of a static
    tensor (`fold_constant remove nodes`), so a Transpose whose output a Reshape and a Shape read is, to it, a Transpose
    into the Reshape. ultralytics' RT-DETR, exported with its reshape targets computed from Shape nodes, put the
    rank-5 sampling-location Transpose of each decoder layer's deformable attention on the CPU (rk3566 float16 2.5.0,
    the export built again on 2026-12-06), as the motif measured when the export had constant targets; the tables
    mined such runs without the Shape reader, so only their exact motif is read so: the whole builds', then the
    small models' (calibration/placement_sweep.py writes constant targets: timm Swin's patch merging, whose Shape
    nodes cut the rank-6 Reshape / Transpose from the Reshape after them, `pmerge`)."""
    run = run_of(view, ref, shape_read=True)
    if run is None or len(run) > MAX_CHAIN or run == run_of(view, ref):
        return None
    key = chain_key(view, run)
    i = run.index(ref)
    for sec in (tab.get("motifs"), (tab.get("sweep") or {}).get("motifs")):
        places = ((sec or {}).get(key) or {}).get("nodes") or []
        if i < len(places) and places[i] in ("cpu", "npu"):
            return places[i], key, run
    return _resolved_run(tab, view, run, key, i)


def output_keys(view: ModelView, name: str) -> list[str]:
    """output_key and, for a rank-3 output [B, 1, C] (one row: a recurrent state), the same spelled `<key>:m1` first:
    rknn-toolkit2 2.5.0 and 2.3.2 on rk3566 added no Reshape to silero-vad's state outputs [2, 1, 128] and [1, 1, 128]
    made by a Concat, a Tanh or an Add (calibration/placement_sweep.py `zstate`), where outputs of 50 to 730 rows of
    the same class (`:s1`) got a CPU one; a table measured without the distinction still answers. Likewise a rank-2
    output of many rows [R, K] (R > 1: a detector level's [H * W, K] scores, boxes or key points as SCRFD writes them)
    is spelled `<key>:rows` first: the classifier heads [1, N] that measured the plain key are another context
    (placement_sweep `outrows`). An output a written-out LayerNorm makes, which the toolkit fuses into one layer named
    after its first mean, is spelled `:wln` first: rknn-toolkit2 2.3.2 (float16, int8) and 2.5.0 on rk3566 put the
    output's CPU layer on that layer ('<mean>_2ln_rs_tp', the sweep's `named: norm`) at 50 to 197 tokens of 64 to 384
    features, float16 a '<out>-rs' Reshape at 100 tokens of 40 (placement_sweep `lnout_dec`; Speech2Text's final
    layer_norm, unseen set 20); rk3588 none."""
    key = output_key(view, name)
    if key is None:
        return []
    shape = view.shape(name)  # as output_key
    if len(shape) == 2 and isinstance(shape[0], int) and shape[0] > 1:
        keys = [f"{key}:rows", key]
    else:
        keys = [f"{key}:m1", key] if len(shape) == 3 and shape[1] == 1 else [key]
    if _unit_linear_output(view, name):
        keys = [f"{keys[0]}:n1", *keys]
    if written_layernorm_head(view, view.producer.get(name)) is not None:
        keys = [f"{keys[0]}:wln", *keys]
    prod = view.producer.get(name)
    trig = _trig_read(view, prod) if prod is not None else ""
    if trig:
        # an oriented-box head's output Concat beside the angle its Sin / Cos read, by its channels (`:trig@ge16`):
        # rknn-toolkit2 2.3.2 on rk3566 (float16, int8) added a CPU Reshape to it ('<out>-rs') at 2100 to 8400 anchors,
        # 20 and 85 channels, square and rectangular maps (calibration/placement_sweep.py `obbhead`, 14 of 14), where
        # the plain key's int8 build kept another output on the NPU; the issue-354 repro's 3 channels (box centre and
        # angle) got none (`@lt16`, not measured by the sweep)
        keys = [f"{keys[0]}{trig.replace(TRIG_READ, ':trig@')}", *keys]
    return [f"{keys[0]}:lay", *keys] if _concat_of_layouts(view, name) or _elt_of_layout(view, name) else keys


def _unit_linear_output(view: ModelView, name: str) -> bool:
    """Whether the output is a rank-3 [B, T, 1] that a Linear of one output feature makes, through element-wise ops of
    it alone (RNNoise's voice-activity head: MatMul -> bias Add -> Sigmoid): rknn-toolkit2 2.3.0, 2.3.2 and 2.5.0 on
    rk3588 added no Reshape to it but one after the MatMul, named after its output (`<MatMul>_rs`; calibration/
    placement_sweep.py `gruchain`, 8 of 8 each, T = 10, 16, 50), where the rows of a Linear head of 4 to 20 features
    (`head3`) got one on the output: the key is spelled `:n1` first."""
    shape = view.shape(name)
    if not shape or len(shape) != 3 or shape[-1] != 1:
        return False
    p = view.producer.get(name)
    for _ in range(MAX_CHAIN):
        if p is None:
            return False
        if p.op_type in LINEAR:
            return len(p.node.input) > 1 and view.is_constant(p.node.input[1])
        ins = [x for x in p.node.input if x and view.depends_on_inputs(x)]
        if op_class(p.op_type) != "elt" or len(ins) != 1:
            return False
        p = view.producer.get(ins[0])
    return False


def _elt_of_layout(view: ModelView, name: str) -> bool:
    """Whether the output is an elementwise op of one Conv map only laid out (a YuNet-style level: Conv -> Reshape
    [1, C, H * W] -> Transpose(0, 2, 1) -> Sigmoid): rknn-toolkit2 2.3.2 on rk3588 added no Reshape to such a
    [1, N, 1] output at 64 to 1600 rows (calibration/placement_sweep.py `laysig`), where the rows of a Linear head
    (`head3`, the plain `elt>out3:a1`) got a CPU one: the key is spelled `:lay` too."""
    p = view.producer.get(name)
    if p is None or op_class(p.op_type) != "elt":
        return False
    ins = [x for x in p.node.input if x and view.depends_on_inputs(x)]
    if len(ins) != 1:
        return False
    q = view.producer.get(ins[0])
    if q is None or q.op_type not in RELAYOUT_OPS:
        return False
    src = view.behind(ins[0], RELAYOUT_OPS, limit=MAX_CHAIN)
    return src is not None and src.op_type in ("Conv", "ConvTranspose")


def _concat_of_layouts(view: ModelView, name: str) -> bool:
    """Whether the output is a Concat of Conv maps only laid out (BlazeFace's levels, each Conv -> Transpose(0, 2, 3, 1)
    -> Reshape [1, H * W * A, K]): rknn-toolkit2 2.3.2 and 2.5.0 on rk3588 added no Reshape to such a [1, 896, K]
    output for any K (calibration/placement_sweep.py `outcat`), where a YOLOv5 anchor head's Concat of rows computed
    after the layout (Sigmoid, the box decode) [1, N, 85] got a CPU one (`anchor`, det_yolov5_anchor_head): the key is
    spelled `:lay`."""
    p = view.producer.get(name)
    ins = [x for x in p.node.input if x] if p is not None and p.op_type == "Concat" else []
    for x in ins:
        q = view.producer.get(x)
        if q is None or q.op_type not in RELAYOUT_OPS:
            return False
        src = view.behind(x, RELAYOUT_OPS, limit=MAX_CHAIN)
        if src is None or src.op_type not in ("Conv", "ConvTranspose"):
            return False
    return bool(ins)


def output_placement(tab: dict[str, Any], view: ModelView, name: str) -> tuple[str, str] | None:
    for key in output_keys(view, name):
        hit = _measured(tab, "outputs", key)
        if hit is not None:
            return hit[0], key
    return None


def probed_source(tab: dict[str, Any], key: str) -> str | None:
    """Where a motif's placement came from: the probed table when only it has the key, else None (whole builds)."""
    section = "sized" if "@" in key else "motifs"
    whole = ((tab.get(section) or {}).get(key) or {}).get("nodes")
    if whole and any(p in ("cpu", "npu") for p in whole):
        return None
    swept = (((tab.get("sweep") or {}).get(section) or {}).get(key) or {}).get("nodes")
    if swept and any(p in ("cpu", "npu") for p in swept):
        return tab.get("sweep_path")  # small models built whole (calibration/placement_sweep.py)
    if key in ((tab.get("probed") or {}).get(section) or {}):
        return tab.get("probed_path")
    return tab.get("version_sized_path") if section == "sized" and key in (tab.get("version_sized") or {}) else None


def output_linear(view: ModelView, name: str) -> NodeRef | None:
    """The Linear layer (MatMul / Gemm with a constant weight) whose result, through at most its bias Add and then a
    Softmax (a CTC recogniser's head, PP-OCR rec: `head3sm`), is the graph output `name`; None otherwise."""
    p = view.producer.get(name)
    if p is not None and p.op_type == "Softmax" and p.node.input:
        p = _past_identity(view, p.node.input[0])
    if p is not None and p.op_type == "Add":
        p = next((view.producer[x] for x in p.node.input if x in view.producer
                  and view.producer[x].op_type in LINEAR), None)
    if p is None or p.op_type not in LINEAR or len(p.node.input) < 2 or not view.is_constant(p.node.input[1]):
        return None
    return p


HEAD_TAIL = frozenset({"Add", "Softmax", "Sigmoid", "Relu", "Identity"})  # Add: the Linear's bias only


def output_head(view: ModelView, name: str) -> tuple[NodeRef, str] | None:
    """(Linear, key) of a rank-2 graph output that a classifier head makes: a Linear (MatMul / Gemm with a constant
    weight) on a rank-2 input, or the Flatten of a 1x1 Conv's one-pixel map (`head2:Flatten>...`), then at most 4 of
    its bias Add, Softmax, Sigmoid, Relu, Identity. The key spells the
    chain and the output's last-dim alignment (`head2:MatMul>Add>Softmax:a1`): where the toolkit puts its CPU Reshape,
    after the Linear's 1x1 Conv (named after the MatMul's output) or on the output, depends on that chain
    (calibration/placement_sweep.py `head2`, the sweep's `heads` section). None for any other output."""
    shape = view.shape(name)  # as output_key
    if shape is None or len(shape) != 2:
        return None
    chain: list[str] = []
    p = view.producer.get(name)
    while p is not None and not p.graph_path and len(chain) <= 4:
        ins = [x for x in p.node.input if x and not view.is_constant(x)]
        if p.op_type == "Flatten" and _conv_point(view, p.node.input[0]):
            # the classifier a 1x1 Conv on the pooled map, Flattened (TC-ResNet): the Flatten takes the Linear's place
            return p, f"head2:{'>'.join([p.op_type, *reversed(chain)])}:{_align4(shape[-1])}"
        if p.op_type in LINEAR:
            src = _shape(view, p.node.input[0]) if p.node.input else None
            if len(p.node.input) < 2 or not view.is_constant(p.node.input[1]) or src is None or len(src) != 2:
                return None
            n1 = ":n1" if shape[-1] == 1 else ""  # one output feature (a binary score) measured on its own
            return p, f"head2:{'>'.join([p.op_type, *reversed(chain)])}:{_align4(shape[-1])}{n1}"
        if p.op_type not in HEAD_TAIL or len(ins) != 1 or (p.op_type == "Add" and len(p.node.input) != 2):
            return None
        chain.append(p.op_type)
        p = view.producer.get(ins[0])
    return None


def _conv_point(view: ModelView, name: str) -> bool:
    """Whether `name` is a Conv's output map of one pixel [1, C, 1, 1]."""
    p = view.producer.get(name)
    shape = _shape(view, name)
    return (p is not None and p.op_type == "Conv" and shape is not None and len(shape) == 4
            and list(shape[2:]) == [1, 1])


def output_head_placement(tab: dict[str, Any], view: ModelView,
                          name: str) -> tuple[NodeRef, str, dict[str, Any], str] | None:
    """(Linear, key, entry, sweep table) when the small-model sweep measured this head chain (its `heads` entry says
    `linear` and `output`: cpu or npu, every build agreeing) and ops follow the Linear; None otherwise."""
    head = output_head(view, name)
    if head is None:
        return None
    entry = ((tab.get("sweep") or {}).get("heads") or {}).get(head[1]) or {}
    if entry.get("linear") not in ("cpu", "npu") or entry.get("output") not in ("cpu", "npu"):
        return None
    if name in head[0].node.output:
        # a Linear making the output itself: the motif of its run and the output rules speak, except where the run's
        # motif says NPU and this table's head builds put the Reshape after the Linear on the CPU (int8 2.3.x on rk3588
        # / rk3566 under a run motif borrowed from float16: unseen set 6's 1000-class Gemm heads)
        hit = node_placement(tab, view, head[0])
        if hit is None or hit[0] != "npu" or entry["linear"] != "cpu":
            return None
    return head[0], head[1], entry, tab.get("sweep_path") or ""


def output_linear_placement(tab: dict[str, Any], view: ModelView, name: str) -> tuple[NodeRef, str, str] | None:
    """(Linear node, output key, sweep table) when the small models put a CPU layer on the Linear that makes this
    rank-3 output (the sweep's `outputs` entry has `linear: cpu`: the toolkit's Transpose back from its 1x1 Conv, on
    the CPU when the output's last dim or rows are no multiple of 4); None otherwise."""
    key = output_key(view, name)
    entry = (((tab.get("sweep") or {}).get("outputs") or {}).get(key) or {}) if key else {}
    lin = output_linear(view, name) if entry.get("linear") == "cpu" else None
    return (lin, key, tab.get("sweep_path") or "") if lin is not None else None


def input_key(view: ModelView, name: str) -> str | None:
    """The motif of a graph input: rank, element type class (f, i, b, o) and the classes of its consumers
    (`in3:f>elt+layout`): the toolkit inserts a Reshape on some inputs (`Reshape:<input>_rs`), on the CPU."""
    shape = _shape(view, name)
    if shape is None:
        return None
    dt = view.dtype(name)
    kind = "f" if dt in (1, 10) else "i" if dt in (6, 7) else "b" if dt == 9 else "o"
    users = view.consumers.get(name, [])
    classes = "+".join(sorted({op_class(u.op_type) for u in users})) or "none"
    return f"in{len(shape)}:{kind}>{classes}"


_INT_PASS = frozenset({"Reshape", "Unsqueeze", "Squeeze", "Flatten"})


def input_keys(view: ModelView, name: str) -> list[str]:
    """input_key and, most specific first, the same key with the mode of the Pad that alone reads the input
    (`in2:f>pad:reflect`): with rknn-toolkit2 2.3.2 on rk3566 fp16 the Reshape on a rank-2 input into a reflect Pad
    ran on the CPU (L = 512, 576, 1024), into a constant Pad the Pad itself did and the input had no layer (L = 576;
    calibration/placement_sweep.py `in2pad`; 2.5.0 put the input's Reshape on the CPU for both). [] without a key."""
    key = input_key(view, name)
    if key is None:
        return []
    users = [u for u in view.consumers.get(name, []) if u.op_type not in _SHAPE_READERS]
    if len(users) == 1 and users[0].op_type == "Pad" and not users[0].graph_path:
        mode = users[0].attr("mode", "constant")
        return [f"{key}:{mode.decode() if isinstance(mode, bytes) else mode}", key]
    if len(users) == 1 and users[0].op_type == "Cast" and not users[0].graph_path and ":i>" in key:
        # an integer mask read by a Cast, with what reads the Cast: 2.3.2 put a CPU Reshape on the mask whether an
        # Unsqueeze (`maskcast`, DistilBERT's Flatten) or a GatherND with constant indices (`maskgnd`, MobileBERT as
        # dynamo writes it) reads the Cast; 2.5.0 on rk3588 / rk3566 moved the Cast behind the GatherND and put none
        readers = {op_class(u.op_type) for u in view.consumers.get(users[0].node.output[0], [])
                   if u.op_type not in _SHAPE_READERS}
        return [f"{key}:cast>{'+'.join(sorted(readers)) or 'none'}", key]
    if ":i>" in key and users and all(u.op_type in _INT_PASS and not u.graph_path for u in users):
        # an integer input only a Reshape / Unsqueeze reads: the toolkit's Reshape on the input takes that op in, and what
        # reads it decides whether the Reshape runs on the CPU. Token ids Reshaped to [-1, N] for an embedding Gather
        # alone got no CPU Reshape but on rk3566; read by CLIP's ArgMax too (through a Cast) they got one on every
        # family and version built (placement_sweep.py `idsin` reshape / rsargmax, docs/probe.md)
        after = {op_class(c.op_type) for u in users for c in view.consumers.get(u.node.output[0], [])
                 if c.op_type not in _SHAPE_READERS}
        return [f"{key}>{'+'.join(sorted(after)) or 'none'}", key]
    if len(users) > 1 and all(_stack_gather(view, u) for u in users):
        # a stack of per-layer states [L, 1, T, C] that each layer Gathers at its index (a Whisper-like decoder step's
        # self / cross caches as inputs): with 2.3.2 and 2.5.0 on rk3566 every such input got a CPU Reshape (and a
        # Transpose for the longer cross caches) in all 8 `kvstep` builds (T 8 to 1500, C 256 to 512), where the
        # probe's input into a Slice ran on the NPU (calibration/placement_sweep.py `kvstep`)
        return [f"{key}:stack", key]
    shape = _shape(view, name)
    if (key.startswith("in3:") and shape and isinstance(shape[-1], int) and shape[-1] > 0 and users
            and all(u.op_type == "MatMul" or u.op_type not in CHAIN_OPS for u in users)):
        # a rank-3 input's last dim: with 2.3.2 on rk3588 fp16 its Reshape ran on the CPU where that dim is no
        # multiple of 8 ([1, 40, 101] / [1, 64, 100] into a Conv1d, [1, 24, 500] into a MatMul) and on the NPU where
        # it is (96, 1000, 1024, 3000; 512 tokens' width); placement_sweep.py `in3`, whose inputs only a Conv1d and
        # a MatMul read, and `dlin` (DLinear's series [1, T, C] into Slices, a Concat and a Sub: on the CPU at C 3,
        # 7, 21, on the NPU at 8, 16, 32 with fp16, at 8 on the CPU with int8). An input into a Transpose or another
        # layout op spells the same class (`layout`) but was measured apart (`flat3`: on the NPU on rk3566 fp16 2.5.0
        # at 64 / 96 wide, where a MatMul's input ran on the CPU), so it keeps the plain key
        return [f"{key}@{_align(shape[-1])}", key]
    return [key]


def _stack_gather(view: ModelView, ref: NodeRef) -> bool:
    """Whether a node is a Gather on axis 0 of a graph input by one constant scalar index (a layer's slot of a stacked
    state input)."""
    if ref.op_type != "Gather" or int(ref.attr("axis", 0) or 0) != 0 or len(ref.node.input) < 2:
        return False
    idx = view.const_value(ref.node.input[1])
    return idx is not None and np.ndim(idx) == 0


def input_placement(tab: dict[str, Any], view: ModelView, name: str) -> tuple[str, str, str] | None:
    """(placement, key, where) of the layer the toolkit inserts on a graph input, the most specific key first
    (input_keys): real builds of the family first, then the probed table, then the small models of
    calibration/placement_sweep.py (`in2pad`: a rank-2 input into a Pad got a CPU Reshape on rk3566 fp16 for L = 512,
    576, 1024); None when none measured the input's motif (or the measurements split)."""
    borrowed = tab.get("borrowed") or {}
    secs = (("whole", tab.get("inputs") or {}), ("probed", (tab.get("probed") or {}).get("inputs") or {}),
            ("sweep", (tab.get("sweep") or {}).get("inputs") or {}))
    # the version's own tables before borrowed ones (as node_placement's size classes): rk3566 fp16 2.3.2's sweep keeps
    # a rank-3 input into a Reshape on the NPU ([1, 50, 256], issue repro i162) where the probe of 2.5.0 had it CPU
    for own in (True, False):
        for key in input_keys(view, name):
            for where, sec in secs:
                if (where not in borrowed) != own:
                    continue
                entry = sec.get(key) or _sibling_classes(sec, key) or _reader_classes(sec, key)
                if entry and entry.get("placement") in ("cpu", "npu"):
                    return entry["placement"], key, where
    return None


def _reader_classes(sec: dict[str, Any], key: str) -> dict[str, Any] | None:
    """For a rank-1 or rank-2 integer input's key with several reader classes (`in1:i>elt+expand+lessorequal+slice`,
    `in2:i>cumsum+elt`) no build measured as a whole: CPU where some reader class alone was measured to give the input
    a CPU layer, NPU where every one was measured without. A decoder step's position [1] got a CPU
    `Reshape:position_rs` when a LessOrEqual with the cache slots read it, alone or beside the rotary tables' Gathers,
    and no layer when only the Gathers did, on every family built with 2.3.2 and 2.5.0 (calibration/placement_sweep.py
    `posin`); an attention mask [1, T] that a Cast reads beside a CumSum of positions (OPT) or an Unsqueeze (LFM2)
    got its CPU `Reshape:attention_mask_rs` as where a Cast alone reads it (unseen set 23, rk3588 / rk3566 2.3.2);
    None otherwise."""
    head, sep, readers = key.partition(":i>")
    if not sep or head not in ("in1", "in2") or "+" not in readers or ">" in readers or ":" in readers:
        return None
    seen = [(sec.get(f"{head}:i>{r}") or {}).get("placement") for r in readers.split("+")]
    if "cpu" in seen:
        return {"placement": "cpu"}
    return {"placement": "npu"} if seen and all(s == "npu" for s in seen) else None


def _sibling_classes(sec: dict[str, Any], key: str) -> dict[str, Any] | None:
    """For a key with an alignment class (`in3:f>layout@a8`) no build measured: the placement every measured class of
    the same motif agreed on (rk3566 fp16 2.3.2: a rank-3 input into a MatMul on the CPU at @a1 and @a16 alike, so
    Mamba2's [1, 64, 40] is no exception), None where they disagree or none was measured."""
    base, sep, cls = key.rpartition("@")
    if not sep or not cls.startswith("a"):
        return None
    seen = {e.get("placement") for k, e in sec.items() if k.rpartition("@")[0] == base and k != key}
    return {"placement": seen.pop()} if len(seen) == 1 else None
