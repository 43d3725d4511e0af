"""Nodes rknn-toolkit2 removes before it places layers, so that no check reports them on the CPU: constant subgraphs,
values only a Shape reads, branches behind an all-zero weight, Adds of zeros, Pads of zero pads, ScatterNDs that
overwrite all of their data. Each removal was measured on small models with the real toolkit (the sweep or fact each function names); RKN601
asks `dropped_before_placement` before it looks a node up, RKN611 and RKN106 ask the parts they need."""
from __future__ import annotations

from typing import Any

import numpy as np

from .graph import ModelView, NodeRef
from .zero_weights import all_zero, zero_valued

ZERO_WEIGHT_OPS = frozenset({"Conv", "MatMul", "Mul"})
# ops whose result is a constant when a weight is all zero (a Mul's zeros, whatever the other operand): the toolkit's
# fold_constant folds them and what reads only them and constants (silero-vad's Cast of `sr * 0`); a Conv's result
# (its bias) and a MatMul's are not measured folded, so only the branch in front of those is dropped
ZERO_FOLD_OPS = frozenset({"Mul"})


def zero_weight_inputs(view: ModelView, ref: NodeRef, stored: frozenset[str] = frozenset()) -> tuple[int, ...]:
    """The inputs of a Conv, MatMul or Mul whose result does not depend on them because its weight is all zero (the
    Conv's output is its bias, the MatMul's and Mul's zeros): the data input of a Conv with an all-zero weight, the
    other operand of a MatMul or Mul with an all-zero constant operand; () otherwise. For the op types in `stored`
    the zeros must be the weight itself, not read through an Identity (TorchScript's shared weights), which the
    toolkit folds too late to drop the branch (sweep `zero_weight` `<op>:identity: kept`)."""
    ins = ref.node.input

    def zero(name: str) -> bool:
        if not all_zero(view, name):
            return False
        p = view.producer.get(name)
        return ref.op_type not in stored or p is None or p.op_type != "Identity"

    if ref.op_type == "Conv" and len(ins) > 1 and zero(ins[1]):
        return (0,)
    if ref.op_type in ("MatMul", "Mul") and len(ins) == 2:
        for i in (0, 1):
            if zero(ins[i]):
                return (1 - i,)
    return ()


def dead_nodes(view: ModelView, ops: frozenset[str] = ZERO_WEIGHT_OPS, stored: frozenset[str] = frozenset()
               ) -> frozenset[int]:
    """Main-graph nodes whose results reach no graph output except through the cut input of a Conv / MatMul with an
    all-zero weight (zero_weight_inputs; `ops` the op types a sweep measured that for). timm initialises the last
    layer of some residual branches to zero (EfficientViT's attention proj, its FFN's second conv); exported with
    those weights, the branch computes a constant and the toolkit drops it with its CPU ops (measured on small models:
    calibration/placement_sweep.py `zero`; `stored`: zero_weight_inputs). Empty when no such weight exists; cached per
    view and op sets."""
    memo = view.__dict__.setdefault("_motif_dead", {})
    if (ops, stored) in memo:
        return memo[ops, stored]
    cut = {ref.index: zero_weight_inputs(view, ref, stored) for ref in view.main_nodes if ref.op_type in ops}
    cut = {k: v for k, v in cut.items() if v}
    dead: set[int] = set()
    if cut:
        from onnx import AttributeProto

        from .graph import _outer_names

        live = set(view.output_names)
        for ref in reversed(view.main_nodes):
            if not any(o in live for o in ref.node.output if o):
                dead.add(ref.index)
                continue
            skip = cut.get(ref.index, ())
            live.update(x for i, x in enumerate(ref.node.input) if x and i not in skip)
            for a in ref.node.attribute:
                if a.type == AttributeProto.GRAPH:
                    live.update(_outer_names(a.g))
    memo[ops, stored] = frozenset(dead)
    return memo[ops, stored]


def zero_folded_nodes(view: ModelView, ops: frozenset[str] = ZERO_FOLD_OPS, stored: frozenset[str] = frozenset(),
                      fold: frozenset[str] = frozenset()) -> frozenset[int]:
    """Main-graph nodes whose result the toolkit folds to a constant because of an all-zero weight: a Mul (of `ops`)
    with an all-zero constant operand, then every node reading only such results and constants (a Cast, a Reshape
    of them). silero-vad adds `Cast(sr * 0)` to its state output; rknn-toolkit2 2.5.0 logs `fold_constant remove
    nodes = ['/Cast', '/Mul']` and leaves the `sr` input unread (calibration/placement_sweep.py `zero_mul`).
    `fold`: other op types a sweep measured folded so (`zero_weight` `<op>:fold`: a Conv with an all-zero weight and
    the squeeze-excite reading it, placement_sweep `zero_se`). Cached per view and op sets (`stored`:
    zero_weight_inputs)."""
    memo = view.__dict__.setdefault("_motif_folded", {})
    ops = (ops & ZERO_FOLD_OPS) | fold
    if (ops, stored) in memo:
        return memo[ops, stored]
    folded: set[str] = set()
    nodes: set[int] = set()
    if ops:
        for ref in view.main_nodes:
            ins = [x for x in ref.node.input if x]
            if ref.op_type in ops and zero_weight_inputs(view, ref, stored):
                hit = True
            else:
                hit = any(x in folded for x in ins) and all(x in folded or view.is_constant(x) for x in ins)
            if hit and not any(a.type == a.GRAPH for a in ref.node.attribute):
                nodes.add(ref.index)
                folded.update(o for o in ref.node.output if o)
    memo[ops, stored] = frozenset(nodes)
    return memo[ops, stored]


def dropped_by_zero_weight(tab: dict[str, Any] | None, view: ModelView, ref: NodeRef) -> str | None:
    """The sweep table that measured the toolkit dropping a branch behind an all-zero weight, when `ref` is in such a
    branch (dead_nodes over the op types whose `zero_weight` entry says `dropped`) or, behind a Mul, folded with it
    (zero_folded_nodes); None otherwise."""
    entries = ((tab or {}).get("sweep") or {}).get("zero_weight") or {}
    ops = frozenset(op for op, e in entries.items() if (e or {}).get("branch") == "dropped" and ":" not in op)
    # zeros read through an Identity that a sweep measured kept (`Mul:identity`, placement_sweep `gnorm`'s
    # zero_identity: timm's zero_init_last gammas that TorchScript shares): only stored zeros drop the branch
    stored = frozenset(op.split(":")[0] for op, e in entries.items()
                       if op.endswith(":identity") and (e or {}).get("branch") == "kept")
    # what reads a zero-weight op's constant result, folded with it (`Conv:fold`: ResNet-RS's squeeze-excite)
    fold = frozenset(op.split(":")[0] for op, e in entries.items()
                     if op.endswith(":fold") and (e or {}).get("branch") == "dropped")
    if not ops or ref.graph_path:
        return None
    if ref.index not in dead_nodes(view, ops, stored) and ref.index not in zero_folded_nodes(view, ops, stored, fold):
        return None
    return tab.get("sweep_path") or ""


def removed_zero_add(tab: dict[str, Any] | None, view: ModelView, ref: NodeRef) -> str | None:
    """The sweep table that measured the toolkit removing an Add of zeros (`remove_invalid_add`), when `ref` is an Add
    one of whose operands is all zeros, stored or computed from constants and shapes (the toolkit folds it first), and
    whose result has the other operand's shape: ultralytics' RT-DETR adds `arange(batch) * N` ([0] for one image) to
    its TopK indices, and no Add layer is left where the same Add of a 1 runs on the CPU (calibration/placement_sweep.py
    `zero_add`, sweep `zero_weight: Add: {node: removed}`); None otherwise."""
    entry = (((tab or {}).get("sweep") or {}).get("zero_weight") or {}).get("Add") or {}
    if entry.get("node") != "removed" or ref.op_type != "Add" or ref.graph_path or len(ref.node.input) != 2:
        return None
    for i in (0, 1):
        zero, other = ref.node.input[i], ref.node.input[1 - i]
        v = view.const_value(zero)
        if v is None or np.asarray(v).any() or not view.depends_on_inputs(other):
            continue
        a, y = view.shape(other), view.shape(ref.node.output[0]) if ref.node.output else None
        if a is not None and y is not None and tuple(a) == tuple(y) and all(isinstance(d, int) for d in a):
            return tab.get("sweep_path") or ""
    return None


def full_overwrite(view, ref) -> bool:
    """A ScatterND (no reduction) whose updates have its data's shape and whose indices [*data.shape, rank] name as
    many positions as the data holds: torch's slice assignment of a whole tensor (timm MViTv2's
    `attn[:, :, sp:, sp:] = ...` with no class token). rknn-toolkit2 2.3.2 dropped it on rk3588 and rk3576 float16
    (Conv -> ScatterND(Conv, full 8 x 8 x 4 grid, Conv) -> Softmax: no ScatterND layer; writing half the grid: a
    ScatterND on the CPU), 2.5.0 too, 2.2.0 and 2.3.0 ran it on the CPU (rk3588): the toolkit fact
    `scatter_full_overwrite_dropped` (rules/toolkit/<version>.yaml). MViTv2-T's ten such nodes got no CPU layer on any
    family of unseen set 8 with 2.3.2, all ten on the CPU on rk3588 with 2.3.0."""
    if ref.op_type != "ScatterND" or len(ref.node.input) < 3 or ref.attr("reduction", b"none") not in (b"none", "none"):
        return False
    data, idx, upd = (view.shape(x) for x in ref.node.input[:3])
    if not data or not idx or not upd or not all(isinstance(d, int) and d > 0 for d in [*data, *upd]):
        return False
    # updates are indices.shape[:-1] + data.shape[k:] with k = indices.shape[-1]: k = rank and updates of the data's
    # shape mean one index per element (the index dims themselves may be symbolic: MViTv2's come from an Expand)
    return list(upd) == list(data) and idx[-1] == len(data)


def shape_read_only(view, ref) -> bool:
    """Whether every output of the node is read by Shape / Size nodes only (no graph output) and has a static shape:
    the value is never used, its shape folds to a constant, and the toolkit drops the node. Measured with
    rknn-toolkit2 2.3.2 on rk3588 and rk3566 and 2.5.0 on rk3588 float16 (calibration/placement_sweep.py `shapeonly`):
    an int64 Add of an Unsqueeze-d graph input and a constant, read only by the Shape that sizes an Expand (unseen set
    7's PointPillars scatter), had no layer of its own, where the same Add also added into the data ran on the CPU."""
    outs = [o for o in ref.node.output if o]
    if not outs or any(o in view.output_names for o in outs):
        return False
    for o in outs:
        users = view.consumers.get(o, [])
        shape = view.shape(o)
        if (not users or any(u.op_type not in ("Shape", "Size") for u in users) or not shape
                or not all(isinstance(d, int) and d > 0 for d in shape)):
            return False
    return True


def zero_pad(view, ref) -> bool:
    """Whether the node is a Pad of zero pads, stored so or computed from the map's shape (folded as the toolkit folds
    it: the output has the input's shape): the toolkit's remove_invalid_pad drops it. Measured with rknn-toolkit2 2.3.2
    on rv1106 int8 (calibration/placement_sweep.py `roll`, the _pad models: `remove_invalid_pad: remove node = ['pad']`,
    no Pad layer) and in unseen set 9's Swin-V2-CR, whose 15 window Pads, pads computed from the map's size and zero
    at 224 px, ran nowhere on rv1106, rv1106b and rk2118 where a Pad of real pads runs on the CPU."""
    if ref.op_type != "Pad" or len(ref.node.input) < 2 or not ref.node.input[1]:
        return False
    pads = view.const_value(ref.node.input[1])
    if pads is not None:
        return not np.any(np.asarray(pads))
    from .static_shapes import resolved_shape

    x, y = resolved_shape(view, ref.node.input[0]), resolved_shape(view, ref.node.output[0])
    return (x is not None and y is not None and all(isinstance(d, int) and d > 0 for d in (*x, *y))
            and tuple(x) == tuple(y))


def zero_branch_shortcut(view, ref):
    """The node computing the shortcut of a residual Add whose other operand is all zeros (`ref` the Add, or a Relu
    of it whose shortcut is a Relu's output, Relu(Relu(x)) being Relu(x)), else None."""
    add = ref
    if ref.op_type == "Relu":
        add = view.producer.get(ref.node.input[0])
    if add is None or add.op_type != "Add" or len(add.inputs) != 2 or not all(add.inputs):
        return None
    a, b = add.inputs
    live = b if zero_valued(view, a) else a if zero_valued(view, b) else None
    short = view.producer.get(live) if live else None
    if short is None or (ref.op_type == "Relu" and short.op_type != "Relu"):
        return None
    return short


def noop_expand(view, ref: NodeRef) -> bool:
    """Whether the node is an Expand by a constant shape that leaves its input's shape as it is (torch.onnx's `repeat`
    writes an Expand by a ConstantOfShape of ones before its Tile): no layer with 2.3.2 on rk3588, rk3566, rv1106,
    rk2118 (calibration/placement_sweep.py `tilebc`)."""
    if ref.op_type != "Expand" or len(ref.node.input) < 2:
        return False
    from .static_shapes import resolved_shape

    target = view.const_value(ref.node.input[1])
    shape = view.shape(ref.node.input[0])
    if shape is None or not all(isinstance(d, int) for d in shape):
        shape = resolved_shape(view, ref.node.input[0])
    if target is None or not shape or np.size(target) > len(shape):
        return False
    dims = [int(d) for d in np.asarray(target).ravel()]
    return all(d == 1 or d == s for d, s in zip(dims[::-1], list(shape)[::-1]))


def duplicate_of(view, ref: NodeRef, ops: tuple[str, ...]) -> NodeRef | None:
    """The earlier node (of `ops`) computing what `ref` computes: the same op and attributes, reading the same computed
    tensors and constants of equal value (each folded: PointNet++'s two Expands of one index tensor by shapes that two
    ConstantOfShape / Where chains fold to [-1, -1, 3], MobileSAM's two `labels == -1`). The toolkit keeps the first
    one's layer and reads it for both; once, over the graph as exported (the GatherElements reading the two Expands
    stay two layers). None otherwise."""
    from .fused_blocks import same_value

    if ref.op_type not in ops or ref.graph_path or not ref.node.input:
        return None
    data = next((x for x in ref.node.input if x and view.depends_on_inputs(x)), None)
    if data is None:
        return None
    mine = sorted((a.name, str(a)) for a in ref.node.attribute)
    for other in view.consumers_of(data):
        if (other.index < ref.index and other.op_type == ref.op_type and not other.graph_path
                and len(other.node.input) == len(ref.node.input)
                and sorted((a.name, str(a)) for a in other.node.attribute) == mine
                and all(same_value(view, a, b) for a, b in zip(other.node.input, ref.node.input))):
            return other
    return None


def _concat_part_taken(view, ref: NodeRef) -> bool:
    """Whether `ref` is a Gather or Slice (constant indices, on the Concat's axis) taking back out only parts of a
    Concat that are constants (torchvision's roi_align over a list of boxes: Concat(zeros, boxes) -> Gather [0])."""
    from .static_shapes import resolved_shape

    if ref.op_type not in ("Gather", "Slice") or len(ref.node.input) < (2 if ref.op_type == "Gather" else 3):
        return False
    cat = view.producer.get(ref.node.input[0])
    if cat is None or cat.op_type != "Concat":
        return False
    rank = len(resolved_shape(view, ref.node.input[0]) or ())
    if not rank:
        return False
    axis = int(cat.attr("axis", 0) or 0) % rank
    spans, total = [], 0  # (start, end) of each constant part along the axis
    for x in cat.node.input:
        shape = resolved_shape(view, x)
        if not shape or len(shape) != rank or not isinstance(shape[axis], int):
            return False
        if not view.depends_on_inputs(x):
            spans.append((total, total + shape[axis]))
        total += shape[axis]
    if ref.op_type == "Gather":
        idx = view.const_value(ref.node.input[1])
        if idx is None or not np.size(idx) or int(ref.attr("axis", 0) or 0) % rank != axis:
            return False
        picked = [(i % total, i % total + 1) for i in (int(v) for v in np.ravel(idx))]
    else:
        ins = list(ref.node.input) + [""] * 2
        lo, hi, axes, steps = (view.const_value(x) if x else None for x in ins[1:5])
        if lo is None or hi is None or np.size(lo) != 1 or np.size(hi) != 1:
            return False
        if (int(np.ravel(axes)[0]) % rank if axes is not None else 0) != axis:
            return False
        if steps is not None and int(np.ravel(steps)[0]) != 1:
            return False
        a, b = (int(np.ravel(v)[0]) for v in (lo, hi))
        a, b = (min(max(v + total if v < 0 else v, 0), total) for v in (a, b))
        picked = [(a, b)] if a < b else []
    return bool(picked) and all(any(s <= a and b <= e for s, e in spans) for a, b in picked)


def folded_concat_part(view, ref: NodeRef, hops: int = 4) -> bool:
    """Whether `ref` computes a constant once the toolkit removes a Concat whose parts Gathers or Slices take back out
    (remove_concat_split) and folds what reads only its constant parts: the part taken and the nodes after it that
    read nothing else computed (unseen set 8's box head: the zeros' Gather -> Squeeze -> Cast to int64 of its
    batch indices, no CPU layer with 2.3.0 and 2.3.2 on every family; calibration/placement_sweep.py `catpart`)."""
    if _concat_part_taken(view, ref):
        return True
    live = [x for x in ref.node.input if x and view.depends_on_inputs(x)]
    if not live or hops <= 0 or ref.graph_path:
        return False
    return all((p := view.producer.get(x)) is not None and folded_concat_part(view, p, hops - 1) for x in live)


def parallel_gather_of(view, ref: NodeRef, fewest: int) -> NodeRef | None:
    """The first (in graph order) of the Gathers that read `ref`'s computed index tensor on the same axis (from other
    data: a rotary embedding's cos and sin tables read at one position id) when there are at least `fewest` of them
    and `ref` is not that first: the toolkit's fuse pass remove_parallel_gather makes one layer of them, named after
    the first (rules/toolkit `parallel_gathers_merged`: 2 with 2.3.2, 3 with 2.2.0 and 2.3.0, none with 2.5.0; unseen set 10's
    llm_kv_cache_step; calibration/placement_sweep.py `pgather`). None otherwise."""
    if fewest < 2 or ref.op_type != "Gather" or ref.graph_path or len(ref.node.input) < 2:
        return None
    idx = ref.node.input[1]
    if not view.depends_on_inputs(idx):
        return None
    axis = int(ref.attr("axis", 0) or 0)
    peers = sorted((o for o in view.consumers_of(idx)
                    if o.op_type == "Gather" and not o.graph_path and len(o.node.input) > 1 and o.node.input[1] == idx
                    and int(o.attr("axis", 0) or 0) == axis), key=lambda o: o.index)
    if len(peers) < fewest or peers[0].index == ref.index:
        return None
    return peers[0]


def dropped_before_placement(ctx, ref: NodeRef) -> str | None:
    """Why the toolkit removes this node before placing layers (a few words), or None when it keeps it."""
    from .motifs import for_context
    from .toolkit.versions import facts, version_of

    view = ctx.view
    if ref.node.output and not any(view.depends_on_inputs(o) for o in ref.node.output if o):
        return "constant subgraph, folded"
    if shape_read_only(view, ref):
        return "only Shape reads it, of a static shape: folded"
    if folded_concat_part(view, ref):
        return "reads only a constant part of a Concat taken back out: folded"
    tab = for_context(ctx)
    if dropped_by_zero_weight(tab, view, ref) is not None:
        return "behind an all-zero weight: the branch computes a constant"
    if removed_zero_add(tab, view, ref) is not None:
        return "an Add of zeros (remove_invalid_add)"
    if zero_pad(view, ref):
        return "a Pad of zero pads (remove_invalid_pad)"
    if full_overwrite(view, ref) and facts(version_of(ctx)).scatter_full_overwrite_dropped:
        return "a ScatterND writing every element of its data is its updates"
    if noop_expand(view, ref):
        return "an Expand to its input's own shape"
    known = facts(version_of(ctx))
    twin = duplicate_of(view, ref, known.duplicates_merged)
    if twin is not None:
        return f"computes what '{twin.name}' computes: one layer for both"
    first = parallel_gather_of(view, ref, known.parallel_gathers_merged)
    if first is not None:
        return f"a Gather by the index tensor '{first.name}' reads too: one layer for them (remove_parallel_gather)"
    return None
