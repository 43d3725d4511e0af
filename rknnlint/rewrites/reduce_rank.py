"""reduce-rank: rewrite rank-5/6 reshape-transpose regions (YOLOv5 detect, channel shuffle, attention qkv,
Swin window partition) to rank <= 4 by merging axes that always move together and dropping size-1 axes.

A region starts where a Reshape / Unsqueeze makes a rank > 4 tensor from a rank <= 4 one and grows
through the ops that only move or map elements (Transpose, elementwise ops with constants, Slice,
Split, Concat, Softmax, Gather, Reduce*) until Reshape / Squeeze / Flatten bring the rank back down.
Each axis gets a label at the region start; Transposes permute labels. Two labels that are adjacent and
in the same order in every tensor of the region, and that no Slice / Concat / Split / Softmax / Gather /
Reduce uses as its axis, can be merged: the merged tensor holds the same elements in the same row-major
order, so every reshape at the region's exits still sees the same data. Constants broadcast into the
region are reshaped (and expanded over the merged axes where needed). The outputs stay bit-identical.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import onnx
from onnx import numpy_helper

from ._base import (
    Applicability,
    NameMaker,
    Rewrite,
    RewriteOptions,
    RewriteResult,
    copy_model,
    drop_value_info,
    opset_of,
    register_rewrite,
    tag,
)
from ._walk import get_attr, set_attr

ENTRY_OPS = frozenset({"Reshape", "Unsqueeze"})
EXIT_OPS = frozenset({"Reshape", "Squeeze", "Unsqueeze", "Flatten"})
UNARY = frozenset({"Sigmoid", "Relu", "Tanh", "Exp", "Log", "Neg", "Abs", "Sqrt", "Reciprocal", "Erf", "Cast",
                   "Identity", "LeakyRelu", "Elu", "Selu", "Celu", "HardSigmoid", "HardSwish", "Softplus", "Softsign",
                   "Floor", "Ceil", "Round", "Sign", "Sin", "Cos", "Not", "Clip", "Gelu", "Mish", "ThresholdedRelu",
                   "IsNaN", "IsInf"})
BINARY = frozenset({"Add", "Sub", "Mul", "Div", "Pow", "Max", "Min", "PRelu", "Where", "Equal", "Greater", "Less",
                    "GreaterOrEqual", "LessOrEqual", "And", "Or", "Xor", "Mod", "Sum", "Mean"})
AXIS_OPS = frozenset({"Concat", "Split", "Softmax", "LogSoftmax", "Gather"})
REDUCE = frozenset({"ReduceSum", "ReduceMean", "ReduceMax", "ReduceMin", "ReduceProd", "ReduceL1", "ReduceL2",
                    "ReduceSumSquare", "ReduceLogSum", "ReduceLogSumExp"})


class _Abort(Exception):
    """This region cannot be reduced; the message says why."""


class _UF:
    def __init__(self):
        self.parent: dict[int, int] = {}

    def find(self, x: int) -> int:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[rb] = ra


@dataclass
class _Region:
    entry: onnx.NodeProto
    nodes: list[onnx.NodeProto] = field(default_factory=list)
    tensors: dict[str, list[int]] = field(default_factory=dict)  # name -> labels
    exits: list[onnx.NodeProto] = field(default_factory=list)
    escapes: list[str] = field(default_factory=list)  # region tensors read outside the region (rank <= 4)
    pinned: set[int] = field(default_factory=set)
    const_inputs: list[tuple[onnx.NodeProto, int, str]] = field(default_factory=list)  # (node, input idx, out tensor)


class _Graph:
    """What the region search needs to know about the main graph."""

    def __init__(self, model: onnx.ModelProto, max_rank: int = 4):
        from ..graph import ModelView

        self.model = model
        self.max_rank = max_rank  # the target's `max_rank` fact (rules/common.yaml), through RewriteOptions
        self.view = ModelView(model)
        self.opset = opset_of(model)
        self.producer = {o: n for n in model.graph.node for o in n.output if o}
        self.consumers: dict[str, list[onnx.NodeProto]] = {}
        for n in model.graph.node:
            for i in n.input:
                if i:
                    self.consumers.setdefault(i, []).append(n)
        self.outputs = {o.name for o in model.graph.output}

    def shape(self, name: str) -> tuple[int, ...] | None:
        return self.view.static_shape(name)

    def const(self, name: str) -> np.ndarray | None:
        if not name:
            return None
        v = self.view.const_value(name)
        if v is None and self.view.is_initializer(name):
            v = self.view.initializer_value(name)
        return v

    def is_const(self, name: str) -> bool:
        return bool(name) and (self.view.is_initializer(name) or self.const(name) is not None)


def _axis(node: onnx.NodeProto, rank: int, default: int = 0) -> int:
    a = int(get_attr(node, "axis", default))
    return a + rank if a < 0 else a


def _data_inputs(node: onnx.NodeProto) -> list[int]:
    """Indices of the inputs that carry region data (the others are parameters)."""
    op = node.op_type
    if op in UNARY or op in EXIT_OPS or op in ENTRY_OPS or op in ("Transpose", "Slice", "Split", "Softmax",
                                                                  "LogSoftmax", "Gather") or op in REDUCE:
        return [0]
    return list(range(len(node.input)))


def _find_region(g: _Graph, entry: onnx.NodeProto, counter: list[int]) -> _Region:
    uf = _UF()
    reg = _Region(entry)
    out = entry.output[0]
    shape = g.shape(out)
    if shape is None:
        raise _Abort(f"the shape of '{out}' is not static (pin the input shapes first)")
    labels = []
    for _ in shape:
        counter[0] += 1
        labels.append(counter[0])
    reg.tensors[out] = labels
    in_region: set[int] = set()
    waiting: dict[int, onnx.NodeProto] = {}
    queue = [out]
    while queue:
        t = queue.pop(0)
        for c in g.consumers.get(t, []):
            if id(c) in in_region:
                continue
            if c.op_type in EXIT_OPS and c.input[0] == t and c.domain in ("", "ai.onnx"):
                s = g.shape(c.output[0])
                if s is None:
                    raise _Abort(f"the shape of '{c.output[0]}' is not static")
                if len(s) > g.max_rank:
                    raise _Abort(f"{c.op_type} '{c.name}' makes another rank-{len(s)} tensor")
                if all(c is not e for e in reg.exits):
                    reg.exits.append(c)
                continue
            if len(reg.tensors[t]) <= g.max_rank:
                if t not in reg.escapes:
                    reg.escapes.append(t)
                continue
            if not _supported(c):
                raise _Abort(f"{c.op_type} '{c.name}' reads the rank-{len(reg.tensors[t])} tensor '{t}'")
            # a node that joins several region tensors waits until all of them have labels
            ready = all(not i or i in reg.tensors or g.is_const(i) for k, i in enumerate(c.input)
                        if k in _data_inputs(c))
            if not ready:
                waiting[id(c)] = c
                continue
            waiting.pop(id(c), None)
            in_region.add(id(c))
            reg.nodes.append(c)
            queue.extend(_propagate(g, reg, c, uf, counter))
    if waiting:
        c = next(iter(waiting.values()))
        other = next(i for k, i in enumerate(c.input) if k in _data_inputs(c) and i and i not in reg.tensors
                     and not g.is_const(i))
        raise _Abort(f"{c.op_type} '{c.name}' also reads '{other}', which is neither in the region nor constant")
    for t in reg.tensors:
        if t in g.outputs and t not in reg.escapes:
            if len(reg.tensors[t]) > g.max_rank:
                raise _Abort(f"'{t}' is a rank-{len(reg.tensors[t])} graph output")
            reg.escapes.append(t)
    # every data input of a region node must be a region tensor or a constant
    for n in reg.nodes:
        for k in _data_inputs(n):
            i = n.input[k] if k < len(n.input) else ""
            if i and i not in reg.tensors and not g.is_const(i):
                raise _Abort(f"{n.op_type} '{n.name}' also reads '{i}', which is neither in the region nor constant")
    reg.tensors = {t: [uf.find(x) for x in ls] for t, ls in reg.tensors.items()}
    reg.pinned = {uf.find(x) for x in reg.pinned}
    for t, ls in reg.tensors.items():
        if len(set(ls)) != len(ls):
            raise _Abort(f"the axes of '{t}' cannot be told apart")
    return reg


def _supported(n: onnx.NodeProto) -> bool:
    if n.domain not in ("", "ai.onnx"):
        return False
    return n.op_type in UNARY or n.op_type in BINARY or n.op_type in AXIS_OPS or n.op_type in REDUCE or \
        n.op_type in ("Transpose", "Slice")


def _propagate(g: _Graph, reg: _Region, n: onnx.NodeProto, uf: _UF, counter: list[int]) -> list[str]:
    """Give the node's outputs their labels; returns the new region tensors."""
    op = n.op_type
    region_in = [i for i in n.input if i in reg.tensors]
    src = reg.tensors[region_in[0]]
    rank = len(src)
    new: list[str] = []

    def put(name: str, labels: list[int]) -> None:
        shape = g.shape(name)
        if shape is None:
            raise _Abort(f"the shape of '{name}' is not static")
        if len(shape) != len(labels):
            raise _Abort(f"unexpected rank of '{name}'")
        reg.tensors[name] = labels
        new.append(name)

    if op in UNARY:
        put(n.output[0], list(src))
    elif op in BINARY:
        out_shape = g.shape(n.output[0])
        if out_shape is None or len(out_shape) != rank:
            raise _Abort(f"{op} '{n.name}' changes the rank")
        for k, i in enumerate(n.input):
            if not i:
                continue
            if i in reg.tensors:
                other = reg.tensors[i]
                if len(other) != rank:
                    raise _Abort(f"{op} '{n.name}' joins tensors of different rank")
                for a, b in zip(src, other):
                    uf.union(a, b)
                if g.shape(i) != out_shape:
                    raise _Abort(f"{op} '{n.name}' broadcasts a region tensor")
            elif g.is_const(i):
                reg.const_inputs.append((n, k, n.output[0]))
        put(n.output[0], list(src))
    elif op == "Transpose":
        perm = get_attr(n, "perm") or list(reversed(range(rank)))
        put(n.output[0], [src[p] for p in perm])
    elif op == "Slice":
        axes = _slice_axes(g, n, rank)
        if axes is None:
            raise _Abort(f"Slice '{n.name}' has non-constant parameters")
        reg.pinned.update(src[a] for a in axes)
        put(n.output[0], list(src))
    elif op in ("Split", "Concat", "Softmax", "LogSoftmax"):
        if op in ("Softmax", "LogSoftmax") and g.opset < 13:
            ax = _axis(n, rank, 1)
            if ax != rank - 1:
                raise _Abort(f"{op} '{n.name}' (opset < 13) flattens axes {ax}..{rank - 1}")
        else:
            ax = _axis(n, rank, -1 if op in ("Softmax", "LogSoftmax") else 0)
        if op == "Concat":
            for i in n.input:
                if i in reg.tensors:
                    for a, b in zip(src, reg.tensors[i]):
                        uf.union(a, b)
                elif i:
                    raise _Abort(f"Concat '{n.name}' joins a tensor from outside the region")
        if op == "Split" and len(n.input) > 1 and n.input[1] and not g.is_const(n.input[1]):
            raise _Abort(f"Split '{n.name}' has non-constant sizes")
        reg.pinned.add(src[ax])
        for o in n.output:
            if o:
                put(o, list(src))
    elif op == "Gather":
        idx = g.const(n.input[1])
        if idx is None:
            raise _Abort(f"Gather '{n.name}' has non-constant indices")
        ax = _axis(n, rank, 0)
        reg.pinned.add(src[ax])
        if idx.ndim == 0:
            put(n.output[0], src[:ax] + src[ax + 1:])
        elif idx.ndim == 1:
            put(n.output[0], list(src))
        else:
            raise _Abort(f"Gather '{n.name}' with {idx.ndim}-D indices")
    elif op in REDUCE:
        axes = _reduce_axes(g, n, rank)
        if axes is None:
            raise _Abort(f"{op} '{n.name}' has non-constant axes")
        reg.pinned.update(src[a] for a in axes)
        keep = int(get_attr(n, "keepdims", 1))
        put(n.output[0], list(src) if keep else [x for k, x in enumerate(src) if k not in axes])
    else:  # pragma: no cover - _supported() filters
        raise _Abort(f"{op} '{n.name}'")
    return new


def _slice_axes(g: _Graph, n: onnx.NodeProto, rank: int) -> list[int] | None:
    if g.opset < 10:
        axes = get_attr(n, "axes")
        starts = get_attr(n, "starts") or []
        axes = list(axes) if axes is not None else list(range(len(starts)))
    else:
        for i in n.input[1:3]:
            if not g.is_const(i):
                return None
        if len(n.input) > 4 and n.input[4] and not g.is_const(n.input[4]):
            return None
        if len(n.input) > 3 and n.input[3]:
            v = g.const(n.input[3])
            if v is None:
                return None
            axes = [int(x) for x in v.reshape(-1)]
        else:
            axes = list(range(int(g.const(n.input[1]).size)))
    return [a + rank if a < 0 else a for a in axes]


def _reduce_axes(g: _Graph, n: onnx.NodeProto, rank: int) -> list[int] | None:
    input_form = g.opset >= 18 or (n.op_type == "ReduceSum" and g.opset >= 13)
    if input_form:
        if len(n.input) > 1 and n.input[1]:
            v = g.const(n.input[1])
            if v is None:
                return None
            axes = [int(x) for x in v.reshape(-1)]
        else:
            axes = [] if get_attr(n, "noop_with_empty_axes", 0) else list(range(rank))
    else:
        a = get_attr(n, "axes")
        axes = list(a) if a is not None else list(range(rank))
    return sorted(x + rank if x < 0 else x for x in axes)


# -- deciding the merge ---------------------------------------------------------------------------

def _plan(reg: _Region, g: _Graph) -> dict[int, int | None]:
    """label -> group id (None: dropped size-1 axis), so that every region tensor has rank <= 4."""
    sizes: dict[int, set[int]] = {}
    for t, labels in reg.tensors.items():
        for lab, d in zip(labels, g.shape(t)):
            sizes.setdefault(lab, set()).add(d)
    group = {lab: lab for lab in sizes}
    dropped: set[int] = set()

    def view(labels: list[int]) -> list[int]:
        out: list[int] = []
        for lab in labels:
            if lab in dropped:
                continue
            gid = group[lab]
            if not out or out[-1] != gid:
                out.append(gid)
        return out

    def max_rank() -> int:
        return max(len(view(ls)) for ls in reg.tensors.values())

    entry_labels = reg.tensors[reg.entry.output[0]]
    while max_rank() > g.max_rank:
        pairs = []
        seqs = [view(ls) for ls in reg.tensors.values()]
        members: dict[int, set[int]] = {}
        for lab, gid in group.items():
            members.setdefault(gid, set()).add(lab)
        pinned_groups = {group[p] for p in reg.pinned if p in group}
        ev = view(entry_labels)
        for k in range(len(ev) - 1):
            a, b = ev[k], ev[k + 1]
            if a in pinned_groups or b in pinned_groups:
                continue
            ok = True
            for s in seqs:
                if a in s or b in s:
                    if a not in s or b not in s or s.index(b) != s.index(a) + 1:
                        ok = False
                        break
            if ok:
                pairs.append((k, a, b))
        if pairs:
            _, a, b = max(pairs)  # the rightmost pair first: spatial axes before batch-like ones
            for lab in members[b]:
                group[lab] = a
            continue
        units = {lab for lab, s in sizes.items() if s == {1} and lab not in reg.pinned and lab not in dropped}
        if units:
            dropped |= units
            continue
        raise _Abort("no axes that always move together are left to merge")
    return {lab: (None if lab in dropped else group[lab]) for lab in sizes}


def _merged(labels: list[int], shape: tuple[int, ...], plan: dict[int, int | None]) -> tuple[list[int], list[list[int]]]:
    """(merged shape, original axis positions of each merged axis)."""
    dims: list[int] = []
    axes: list[list[int]] = []
    last = object()
    for pos, (lab, d) in enumerate(zip(labels, shape)):
        gid = plan[lab]
        if gid is None:
            continue
        if gid == last:
            dims[-1] *= d
            axes[-1].append(pos)
        else:
            dims.append(d)
            axes.append([pos])
            last = gid
    return dims, axes


def _gids(labels: list[int], plan: dict[int, int | None]) -> list[int]:
    out: list[int] = []
    for lab in labels:
        gid = plan[lab]
        if gid is not None and (not out or out[-1] != gid):
            out.append(gid)
    return out


# -- rewriting ------------------------------------------------------------------------------------

def _pattern(reg: _Region, g: _Graph) -> str:
    ops = {n.op_type for n in reg.nodes}
    rank = len(reg.tensors[reg.entry.output[0]])
    if rank >= 6:
        return "window partition"
    if ops & {"Sigmoid"} and ops & {"Concat", "Slice"}:
        return "detect head reshape + permute"
    if ops == {"Transpose"} and len(reg.exits) == 1:
        ins = g.shape(reg.entry.input[0])
        outs = g.shape(reg.exits[0].output[0])
        if ins is not None and ins == outs:
            return "channel shuffle"
    for n in reg.nodes:  # qkv: the axis of size 3 moves to the front, then is split or indexed
        if n.op_type == "Transpose":
            src = g.shape(n.input[0])
            perm = get_attr(n, "perm") or []
            if src and perm and src[perm[0]] == 3:
                return "attention qkv split"
    if ops & {"Split", "Gather"}:
        return "attention qkv split"
    return "rank-5 reshape/transpose chain"


def _const_tensor(model: onnx.ModelProto, names: NameMaker, hint: str, value: np.ndarray) -> str:
    name = names(hint)
    model.graph.initializer.append(numpy_helper.from_array(np.ascontiguousarray(value), name))
    return name


def _rewrite_region(model: onnx.ModelProto, g: _Graph, reg: _Region, plan: dict[int, int | None],
                    names: NameMaker, rewrite: str, codes: tuple[str, ...]) -> str:
    pattern = _pattern(reg, g)  # before the nodes change
    shapes = {t: g.shape(t) for t in reg.tensors}
    merged = {t: _merged(ls, shapes[t], plan) for t, ls in reg.tensors.items()}
    touched: list[onnx.NodeProto] = []

    def new_axis(t: str, pos: int) -> int:
        for k, group in enumerate(merged[t][1]):
            if pos in group:
                return k
        raise _Abort(f"axis {pos} of '{t}' was dropped")  # pragma: no cover - pinned axes are never dropped

    # the region start: a Reshape to the merged shape
    e = reg.entry
    out = e.output[0]
    shape_name = _const_tensor(model, names, "shape", np.asarray(merged[out][0], dtype=np.int64))
    data = e.input[0]
    e.op_type = "Reshape"
    del e.input[:]
    e.input.extend([data, shape_name])
    del e.attribute[:]
    touched.append(e)
    for n in reg.nodes:
        op = n.op_type
        src_t = next(i for i in n.input if i in reg.tensors)
        rank = len(reg.tensors[src_t])
        if op == "Transpose":
            gin = _gids(reg.tensors[src_t], plan)
            gout = _gids(reg.tensors[n.output[0]], plan)
            set_attr(n, "perm", [gin.index(x) for x in gout])
        elif op == "Slice":
            axes = [new_axis(src_t, a) for a in _slice_axes(g, n, rank)]
            if g.opset < 10:
                set_attr(n, "axes", axes)
            else:
                ax_name = _const_tensor(model, names, "axes", np.asarray(axes, dtype=np.int64))
                while len(n.input) < 4:
                    n.input.append("")
                n.input[3] = ax_name
        elif op in ("Split", "Concat", "Softmax", "LogSoftmax", "Gather"):
            default = -1 if op in ("Softmax", "LogSoftmax") else (1 if False else 0)
            if op in ("Softmax", "LogSoftmax") and g.opset < 13:
                default = 1
            set_attr(n, "axis", new_axis(src_t, _axis(n, rank, default)))
        elif op in REDUCE:
            axes = [new_axis(src_t, a) for a in _reduce_axes(g, n, rank)]
            input_form = g.opset >= 18 or (op == "ReduceSum" and g.opset >= 13)
            if input_form:
                ax_name = _const_tensor(model, names, "axes", np.asarray(axes, dtype=np.int64))
                while len(n.input) < 2:
                    n.input.append("")
                n.input[1] = ax_name
            else:
                set_attr(n, "axes", axes)
        touched.append(n)
    # constants broadcast into the region
    for n, k, out_t in reg.const_inputs:
        value = g.const(n.input[k])
        full = shapes[out_t]
        rank = len(full)
        v = value.reshape((1,) * (rank - value.ndim) + value.shape)
        target = list(v.shape)
        for group in merged[out_t][1]:
            if len(group) > 1 and any(v.shape[p] != 1 for p in group):
                for p in group:
                    target[p] = full[p]
        v = np.broadcast_to(v, target)
        new_shape = []
        for group in merged[out_t][1]:
            new_shape.append(int(np.prod([v.shape[p] for p in group])))
        v = np.ascontiguousarray(v).reshape(new_shape)
        n.input[k] = _const_tensor(model, names, "const", v.astype(value.dtype, copy=False))
        touched.append(n)
    # the region ends: reshapes to the original shapes
    for x in reg.exits:
        s = g.shape(x.output[0])
        shape_name = _const_tensor(model, names, "shape", np.asarray(s, dtype=np.int64))
        data = x.input[0]
        x.op_type = "Reshape"
        del x.input[:]
        x.input.extend([data, shape_name])
        del x.attribute[:]
        touched.append(x)
    for t in reg.escapes:
        if list(merged[t][0]) == list(shapes[t]):
            continue
        inner = names("merged")
        prod = next(n for n in model.graph.node if t in n.output)
        for k, o in enumerate(prod.output):
            if o == t:
                prod.output[k] = inner
        for n in reg.nodes:
            for k, i in enumerate(n.input):
                if i == t:
                    n.input[k] = inner
        for x in reg.exits:
            if x.input[0] == t:
                x.input[0] = inner
        shape_name = _const_tensor(model, names, "shape", np.asarray(shapes[t], dtype=np.int64))
        r = onnx.helper.make_node("Reshape", [inner, shape_name], [t], name=names("reshape"))
        tag(r, rewrite, codes)
        idx = list(model.graph.node).index(prod)
        model.graph.node.insert(idx + 1, r)
    for n in touched:
        tag(n, rewrite, codes)
    drop_value_info(model.graph, set(reg.tensors))
    before = list(shapes[out])
    return f"{pattern} at '{e.name or out}': {before} -> {merged[out][0]}"


@register_rewrite
class ReduceRank(Rewrite):
    """The NPU works on 4-D tensors; rknn-toolkit2 2.5.0 rewrites simple rank-5/6 patterns itself but puts
    some 5-D Transposes on the CPU and crashes on others (docs/facts.md#rank, #observed-platforms,
    #real-exports: exmatmul_rs_split
    after a rank-5 qkv reshape). This rewrite turns reshape/transpose regions into rank <= 4 ones that
    hold the same elements in the same order; outputs are bit-identical."""

    name = "reduce-rank"
    summary = "rank-5/6 reshape-transpose regions to rank 4 (same elements, same order)"
    applicability = Applicability.SAFE

    @staticmethod
    def _entries(g: _Graph) -> list[onnx.NodeProto]:
        """Reshape / Unsqueeze nodes whose output has (or may have) rank > 4 and whose input does not."""
        out = []
        for n in g.model.graph.node:
            if n.op_type not in ENTRY_OPS or n.domain not in ("", "ai.onnx"):
                continue
            r_out, r_in = g.view.rank(n.output[0]), g.view.rank(n.input[0])
            if r_out is not None and r_out > g.max_rank and (r_in is None or r_in <= g.max_rank):
                out.append(n)
        return out

    def apply(self, model: onnx.ModelProto, options: RewriteOptions) -> RewriteResult:
        """Passes until nothing changes (a region whose input came out of another region's rewrite shows up
        only in the next pass), at most 4."""
        res = self._pass(model, options)
        if not res.changed:
            return res
        notes = list(res.notes)
        for _ in range(3):
            nxt = self._pass(res.model, options)
            if not nxt.changed:
                break
            res = nxt
            notes = [n for n in notes if " kept" not in n] + [n for n in nxt.notes if not n.startswith("folded")]
        return RewriteResult(res.model, True, notes)

    def _pass(self, model: onnx.ModelProto, options: RewriteOptions) -> RewriteResult:
        out = copy_model(model)
        g = _Graph(out, options.max_rank)
        notes: list[str] = []
        if any(s is None for s in (g.shape(n.output[0]) for n in self._entries(g))) or \
                any(g.shape(n.input[0]) is None for n in self._entries(g)):
            from ._gs import fold_and_clean

            out = fold_and_clean(out, options.fold_size_limit, self.name, options.codes)
            g = _Graph(out, options.max_rank)
            notes.append("folded the constant shape arithmetic first (some shapes were unknown)")
        names = NameMaker(out, "rknnlint/reduce-rank")
        skipped: list[str] = []
        counter = [0]
        done: set[int] = set()
        for n in self._entries(g):
            if id(n) in done:
                continue
            s_out, s_in = g.shape(n.output[0]), g.shape(n.input[0])
            if s_out is None or s_in is None:
                skipped.append(f"'{n.name or n.output[0]}' kept: its shapes are not static")
                continue
            if len(s_out) <= g.max_rank or len(s_in) > g.max_rank:
                continue
            if g.is_const(n.output[0]) or not g.view.depends_on_inputs(n.output[0]):
                continue  # constant chains are folded, not rewritten
            try:
                reg = _find_region(g, n, counter)
                plan = _plan(reg, g)
            except _Abort as e:
                skipped.append(f"'{n.name or n.output[0]}' kept at rank {len(s_out)}: {e}")
                continue
            done.add(id(n))
            notes.append(_rewrite_region(out, g, reg, plan, names, self.name, options.codes))
        if len(notes) == (1 if notes and notes[0].startswith("folded") else 0):
            return RewriteResult(model, False, skipped or ["no rank > 4 region"])
        from ._gs import clean

        out = clean(out)
        return RewriteResult(out, True, notes + skipped)
