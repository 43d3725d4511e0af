"""Where the NPU part of a detector should end: find embedded post-processing and the tensors before it.

Rockchip's own detector exports (rknn_model_zoo, airockchip/ultralytics_yolov8; docs/facts.md#detector-exports)
stop at the last convolutions of each head branch: per stride a `[1, 64, H, W]` box tensor (raw DFL logits)
and a `[1, nc, H, W]` sigmoid score tensor. Everything after that (DFL, grid / anchor / stride decoding,
Concat of boxes with scores, TopK, NonMaxSuppression) runs on the CPU. This module finds that boundary in
an arbitrary exported graph; it knows nothing of findings, so the check rules and the head-cut fixer
(`rknnlint fix --cut-head auto`) share it.

    >>> hb = find_head_boundary(view)
    >>> hb.kind, hb.boundary_tensors, [r.name for r in hb.tail_nodes]

The tail is the suffix of the graph with no "heavy" op (Conv, ConvTranspose, Gemm, MatMul, RNNs) on any
path to an output; its inputs are the boundary tensors. A projection conv or matmul whose constant
weights are 0, 1, ..., R-1 (the DFL expectation) is not heavy. The graph only has a head boundary when
the tail holds post-processing (a marker); a classifier or a segmenter ending in Softmax, Resize or a
plain Sigmoid has none.
"""
from __future__ import annotations

import weakref
from dataclasses import dataclass, field

import numpy as np

from .graph import ModelView, NodeRef

# Post-processing kinds, most decisive first; HeadBoundary.kind is the first one found.
KINDS = ("nms", "topk", "dfl", "decode", "concat")

NMS_OPS = frozenset({"NonMaxSuppression", "EfficientNMS_TRT", "BatchedNMS_TRT", "BatchedNMSDynamic_TRT",
                     "NMSDynamic_TRT", "TRT_NMS", "NMS"})
HEAVY_OPS = frozenset({"Conv", "ConvTranspose", "Gemm", "MatMul", "Einsum", "LSTM", "GRU", "RNN", "ConvInteger",
                       "MatMulInteger", "QLinearConv", "QLinearMatMul", "RoiAlign", "MaxRoiPool"})
ARITH_OPS = frozenset({"Add", "Sub", "Mul", "Div", "Pow"})
SLICING_OPS = frozenset({"Slice", "Split", "Gather", "GatherElements", "Chunk"})
# Ops that only move data: DFL's Softmax reaches its projection through them.
MOVE_OPS = frozenset({"Transpose", "Reshape", "Unsqueeze", "Squeeze", "Flatten", "Identity"})
DFL_BINS = range(4, 65)  # reg_max: 16 in YOLOv6/v8/v11, 17 in GFL / PP-YOLOE


def shape_text(shape) -> str:
    """'[1,64,?,?]': a shape with unknown dims (None) as '?'."""
    return "[" + ",".join("?" if d is None else str(d) for d in shape) + "]"


@dataclass(frozen=True, eq=False)
class HeadBoundary:
    """Embedded post-processing found at the end of a model.

    kind: the most decisive post-processing found ('nms', 'topk', 'dfl', 'decode' or 'concat').
    kinds: every kind found, in KINDS order.
    boundary_tensors: where the NPU part should end, ordered by the graph position of their producers
        (for ultralytics YOLOv8: box, cls per stride); these become the outputs after a head cut.
    tail_nodes: the nodes after the boundary (main graph, graph order): the CPU post-processing model.
    markers: (kind, node) pairs, the nodes that show each kind.
    reason: one sentence for humans, naming the markers.
    cuttable: False when post-processing feeds later heavy layers (a two-stage detector: RPN NMS then
        RoIAlign): then no single cut separates it, and the boundary lists the tensors before that
        post-processing only.
    """

    kind: str
    kinds: tuple[str, ...]
    boundary_tensors: tuple[str, ...]
    tail_nodes: tuple[NodeRef, ...]
    markers: tuple[tuple[str, NodeRef], ...]
    reason: str
    cuttable: bool = True
    shapes: dict[str, tuple | None] = field(default_factory=dict)

    def markers_of(self, kind: str) -> list[NodeRef]:
        """The marker nodes of one kind, in graph order."""
        return [r for k, r in self.markers if k == kind]

    def describe_boundary(self, limit: int = 6) -> str:
        """The boundary tensors with their shapes, e.g. "'a' [1,64,32,32], 'b' [1,20,32,32]"."""
        parts = []
        for t in self.boundary_tensors[:limit]:
            s = self.shapes.get(t)
            shown = shape_text(s) if s is not None else "[?]"
            parts.append(f"'{t}' {shown}")
        more = len(self.boundary_tensors) - limit
        return ", ".join(parts) + (f" and {more} more" if more > 0 else "")


_CACHE: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def find_head_boundary(view: ModelView) -> HeadBoundary | None:
    """The head boundary of a model, or None when it has no embedded post-processing (cached per view)."""
    if view not in _CACHE:
        _CACHE[view] = _find(view)
    return _CACHE[view]


# -- helpers ------------------------------------------------------------------------------------------

def _const(view: ModelView, name: str) -> np.ndarray | None:
    if not name:
        return None
    v = view.const_value(name)
    if v is None and view.is_initializer(name):
        v = view.initializer_value(name)
    return v


def _is_const(view: ModelView, name: str) -> bool:
    return bool(name) and (view.is_initializer(name) or view.const_value(name) is not None or view.is_constant(name))


def _is_arange(a: np.ndarray | None) -> int:
    """Length R when `a` holds 0, 1, ..., R-1 (any shape with R elements), else 0."""
    if a is None or a.size not in DFL_BINS or not np.issubdtype(a.dtype, np.number):
        return 0
    flat = a.astype(np.float64).reshape(-1)
    return a.size if np.allclose(flat, np.arange(a.size), atol=1e-4) else 0


def _projection_bins(view: ModelView, ref: NodeRef) -> int:
    """R when the node is a DFL projection: a 1x1 conv, matmul or gemm whose weights are 0..R-1."""
    if ref.op_type == "Conv" and len(ref.inputs) > 1:
        s = view.shape(ref.inputs[1])
        if s is None or len(s) != 4 or s[0] != 1 or s[1] not in DFL_BINS or tuple(s[2:]) != (1, 1):
            return 0  # decided from the shape: big conv weights are never read
        w = _const(view, ref.inputs[1])
        if w is not None and w.ndim == 4 and w.shape[0] == 1 and w.shape[2:] == (1, 1):
            return _is_arange(w)
        return 0
    if ref.op_type in ("MatMul", "Gemm"):
        for name in ref.inputs[:2]:
            s = view.static_shape(name)
            if s is None or int(np.prod(s, dtype=np.int64)) not in DFL_BINS:
                continue
            w = _const(view, name)
            if w is not None and w.size in DFL_BINS and max(w.shape, default=1) == w.size:
                r = _is_arange(w)
                if r:
                    return r
    return 0


def _heavy(view: ModelView, ref: NodeRef) -> bool:
    return ref.op_type in HEAVY_OPS and not _projection_bins(view, ref)


def _live_nodes(view: ModelView) -> set[NodeRef]:
    """The nodes some graph output is computed from: one walk up from all outputs together."""
    live: set[NodeRef] = set()
    seen: set[str] = set()
    stack = list(view.output_names)
    producer = view.producer
    while stack:
        name = stack.pop()
        if name in seen:
            continue
        seen.add(name)
        ref = producer.get(name)
        if ref is not None and ref not in live:
            live.add(ref)
            stack.extend(i for i in ref.node.input if i and i not in seen)
    return live


def _tail(view: ModelView, live: set[NodeRef]) -> set[NodeRef]:
    """Live nodes with no heavy op on any path to an output (reverse graph order: ONNX graphs are sorted)."""
    tail: set[NodeRef] = set()
    for ref in reversed(view.main_nodes):
        if ref not in live or _heavy(view, ref):
            continue
        if all(c in tail for o in ref.outputs if o for c in view.consumers_of(o)):
            tail.add(ref)
    return tail


def _dfl_softmax(view: ModelView, ref: NodeRef) -> NodeRef | None:
    """The projection that makes a Softmax the DFL expectation, or None."""
    frontier, seen = [ref], {ref}
    for _ in range(5):
        nxt = []
        for r in frontier:
            for o in r.outputs:
                for c in view.consumers_of(o):
                    if c in seen:
                        continue
                    seen.add(c)
                    if _projection_bins(view, c):
                        return c
                    if c.op_type == "ReduceSum":
                        return c
                    if c.op_type == "Mul" and any(_is_arange(_const(view, i)) for i in c.inputs):
                        nxt.append(c)  # softmax * arange then ReduceSum
                    elif c.op_type in MOVE_OPS:
                        nxt.append(c)
        frontier = nxt
    return None


def _reduce_is_dfl(view: ModelView, softmax: NodeRef, proj: NodeRef) -> bool:
    if proj.op_type != "ReduceSum":
        return True
    # ReduceSum alone is a DFL only after a Mul by 0..R-1 somewhere between it and the Softmax
    return any(r.op_type == "Mul" and any(_is_arange(_const(view, i)) for i in r.inputs)
               for r in view.upstream(proj.inputs[0], limit=8))


# -- the search --------------------------------------------------------------------------------------

def _find(view: ModelView) -> HeadBoundary | None:
    live = _live_nodes(view)
    tail = _tail(view, live)
    markers: list[tuple[str, NodeRef]] = []
    outside: list[NodeRef] = []  # post-processing that feeds heavy layers (two-stage detectors)

    for ref in view.main_nodes:
        if ref not in live:
            continue
        if ref.op_type in NMS_OPS:
            (markers.append(("nms", ref)) if ref in tail else outside.append(ref))
        elif ref.op_type == "TopK" and ref in tail:
            markers.append(("topk", ref))

    flags: dict[str, frozenset[str]] = {}
    for ref in view.main_nodes:
        if ref not in tail:
            continue
        dyn_in = [i for i in ref.inputs if i and not _is_const(view, i)]
        inflags = frozenset().union(*(flags.get(i, frozenset()) for i in dyn_in))
        op = ref.op_type
        add: set[str] = set()
        if op == "Sigmoid":
            add.add("sig")
        elif op == "Exp":
            add.add("exp")
        elif op == "Softmax":
            proj = _dfl_softmax(view, ref)
            if proj is not None and _reduce_is_dfl(view, ref, proj):
                markers.append(("dfl", ref))
                add.add("dfl")
        elif op in SLICING_OPS:
            add.add("sliced")
        elif op in ARITH_OPS and len(dyn_in) == 1 and len(ref.inputs) == 2 and inflags & {"sig", "exp", "dfl"}:
            c = next(i for i in ref.inputs if i not in dyn_in)
            cv = _const(view, c)
            numel = int(cv.size) if cv is not None else 2
            if numel > 1 or op == "Pow" or inflags & {"sliced", "dfl"}:
                if "box" not in inflags:
                    markers.append(("decode", ref))
                add.add("box")
        elif op == "Concat" and len(dyn_in) >= 2:
            kinds = [flags.get(i, frozenset()) for i in dyn_in]
            has_box = any("box" in k for k in kinds)
            has_score = any("sig" in k and "box" not in k for k in kinds)
            if has_box and has_score:
                markers.append(("concat", ref))
        out = inflags | add
        for o in ref.outputs:
            if o:
                flags[o] = out

    if not markers and not outside:
        return None

    if not markers:
        return _two_stage(view, outside)

    tail_set = set(tail)
    boundary = _keep_sigmoids(view, _boundary(view, tail), tail_set)
    markers.sort(key=lambda kr: (KINDS.index(kr[0]), kr[1].index))
    kinds = tuple(k for k in KINDS if any(m[0] == k for m in markers))
    tail_nodes = tuple(r for r in view.main_nodes if r in tail_set)
    return HeadBoundary(kinds[0], kinds, tuple(boundary), tail_nodes, tuple(markers),
                        _reason(markers, outside), not outside, {t: view.shape(t) for t in boundary})


def _keep_sigmoids(view: ModelView, boundary: list[str], region: set[NodeRef]) -> list[str]:
    """Conv + Sigmoid stays on the NPU (Rockchip's exports end each score branch with the sigmoid): a boundary
    tensor whose only consumer is a Sigmoid in the region moves past it (the region loses the Sigmoid)."""
    moved: list[str] = []
    for t in boundary:
        cons = view.consumers_of(t)
        if len(cons) == 1 and cons[0].op_type == "Sigmoid" and cons[0] in region and t not in view.output_names:
            region.discard(cons[0])
            moved.append(cons[0].outputs[0])
        else:
            moved.append(t)
    return _order(view, list(dict.fromkeys(moved)))


def _boundary(view: ModelView, tail: set[NodeRef]) -> list[str]:
    out: list[str] = []
    for ref in view.main_nodes:
        if ref not in tail:
            continue
        for i in ref.inputs:
            if not i or _is_const(view, i):
                continue
            p = view.producer_of(i)
            if p is None or p not in tail:
                out.append(i)
    return list(dict.fromkeys(out))


def _order(view: ModelView, names: list[str]) -> list[str]:
    input_pos = {vi.name: k for k, vi in enumerate(view.inputs)}

    def key(n: str):
        p = view.producer_of(n)
        return (-1, input_pos.get(n, 0), 0) if p is None else (p.index, 0, p.outputs.index(n))

    return sorted(names, key=key)


def _two_stage(view: ModelView, outside: list[NodeRef]) -> HeadBoundary:
    """NMS that feeds later heavy layers: report the tensors its proposal branch starts from."""
    region: set[NodeRef] = set()
    for nms in outside:
        stack = [nms]
        while stack:
            r = stack.pop()
            if r in region or _heavy(view, r):
                continue
            region.add(r)
            for i in r.inputs:
                p = view.producer_of(i) if i else None
                if p is not None:
                    stack.append(p)
    boundary = _keep_sigmoids(view, _boundary(view, region), region)
    markers = tuple(("nms", r) for r in outside)
    return HeadBoundary("nms", ("nms",), tuple(boundary), tuple(r for r in view.main_nodes if r in region), markers,
                        _reason(list(markers), outside), False, {t: view.shape(t) for t in boundary})


_WHAT = {"nms": "NonMaxSuppression", "topk": "TopK selection", "dfl": "DFL softmax + projection",
         "decode": "box decoding (grid / anchor / stride arithmetic)", "concat": "Concat of boxes with scores"}


def _reason(markers: list[tuple[str, NodeRef]], outside: list[NodeRef]) -> str:
    parts = []
    for k in KINDS:
        refs = [r for kk, r in markers if kk == k]
        if refs:
            names = ", ".join(f"'{r.label}'" for r in refs[:3]) + (f" (+{len(refs) - 3})" if len(refs) > 3 else "")
            parts.append(f"{_WHAT[k]} at {names}")
    text = "; ".join(parts) + " after the last convolutions"
    if outside:
        text += ("; NonMaxSuppression feeds later layers (two-stage detector), so the model has to be split "
                 "rather than cut")
    return text
