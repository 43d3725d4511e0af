"""Measured crash patterns: multi-node graph patterns from public rknn-toolkit2 issue reports whose minimal model was
built with each toolkit version and family, kept as data (rules/motifs/crash-patterns.yaml).

The motif probe (rknnlint/probe/_motifs.py) measures runs of layout / LayerNorm / Linear nodes; the crashes users
report are often elsewhere: a Concat whose computed input comes after its constants, a MatMul that reads one tensor
twice. A pattern here is a node the finding is reported on (`match.op`, a regular expression over its op type), the
kinds of its outputs (`match.outputs`: `value`, or `none` for an optional output declared with an empty name), the
shapes of its inputs (`match.shapes`: a regular expression over them, dims joined by `x`, space-joined; `match.resolved_shapes`
the same with the shape computations folded, rknnlint/static_shapes.py; `match.reshaped_from` the same over the tensors a chain
of Reshape / Squeeze / Unsqueeze / Flatten nodes made each input from, `?` where none did), its attributes
(`match.attrs`: name -> a regular expression over the value, a list space-joined, '' when not set), a regular expression over the kinds of its
inputs (`match.inputs`: each input is `const`, `input` (a graph input) or its producer's op type, joined by spaces)
and, optionally, two inputs that are re-layouts of one tensor (`match.same_source`: [i, j], through up to three
Reshape / Transpose / Squeeze / Unsqueeze / Flatten / Identity nodes), one tensor read twice (`match.repeated_input`), and the op types of the chain of single consumers after it
(`match.followed_by`: a regular expression over them, space-joined, up to 4), whether the first node of a given op
type among them reads the data this node reads at an input (`match.read_after`: [this node's input index, op type, that
node's input index]; the values of an attention that are its keys) and the shapes of their first outputs
(`match.followed_by_shapes`: a regular expression over them, dims joined by `x`, space-joined; a qkv Reshape to rank 4
is not the rank-5 one), and the ops that computed one input
(`match.computed_by`: [input index (negative: from the last), a regular expression over their op types, nearest first, each through its first
non-constant input, up to 5; `input` where a graph input ends it]; `match.computed_by_shapes`: the same chain's
output shapes, dims joined by `x`, space-joined: the proj Linear of [P, ws, ws, C] tokens, not of [P, N, C] ones;
`match.computed_by_dtypes`: its element types, `int64 bool ...`, `?` where unknown: an int64 mask Cast to bool, not a
float one; `match.computed_by_outputs_read`: [input index, op type]: the nearest node of that type in the chain has every
output read, a Split the toolkit keeps rather than cutting into Slices; `match.sliced_after`: N: the node's output,
through up to three Reshape / Transpose nodes, cut by N Slices, a fused qkv tensor) and
the values of a constant input
(`match.const_value`: [input index, a regular expression over its values, space-joined]) and an input another node
of the same op type reads at the same place beside other data (`match.shared_input`: the input index, or a list of
them that must all be shared: a rotated-box decode's Mul of one Split output by Cos; two Gathers of
one index tensor; `match.shared_through_zero_add`: one of them may read it plus zeros, an Add the toolkit drops; `match.shared_unlike`: only where the two differ in
another input's shape or an attribute; `match.shared_reader_after`: only where that other node is computed from
this one's output, the next layer's attention adding the same mask; `match.slices_of_one`: every input a Slice of one
tensor; `match.rotates_shared_slice`: a rotate-half Concat(Neg(Slice(x)), Slice(x)) whose x was cut by Slice / Split
nodes from a tensor another rotate-half cuts a different part of: GPT-NeoX's q and k of one fused qkv tensor; `match.followed_within`:
[a regular expression over an op type, N]: a node of that op type among the N nearest downstream of this one, every
reader followed: the next LayerNorm's ReduceMean after an attention block) and the number of elements a Reduce* node reduces into each output value (`match.reduced`: a regular
expression over it, the product of the input's dims on its axes) and whether the node's output has another shape than
its data input with the shape computations folded (`match.changes_shape`: a Pad whose computed pads are not all zero),
the shapes of its outputs (`match.output_shapes`: a regular expression, as `match.shapes`), the number of axes its first
input is broadcast along to make its output (`match.broadcast_axes`: at least N; an Expand of [N, C, 1, 1] over H and W
is 2), a pooling window longer than
its input map in some spatial dim (`match.window_over_map`) and more than N elements in its first input
(`match.input_elements_over`: N, or [input index, N] for another input: a Conv's computed weight) and more than N
elements in each output channel's kernel of a Conv's weight (`match.kernel_elements_over`: C / group x kh x kw), the
elements of one map of an input (`match.map_elements`: [input index, a regular expression over `N R`, N the product of
its last two dims, R = N mod 16]: rv1106's int8 Mul of a rank-5 map by its SE scale fails at some sizes), the op types of the other readers of the tensor the `same_source` inputs share
(`match.same_source_read_by`: a regular expression over them, sorted, space-joined: a Gram matrix of points that a Pow also reads),
whether a constant input is the model's largest by far (`match.largest_constant`: [input index, share]: no other
initializer holds that share of its elements or more), whether the model's initializers hold fewer than N elements in all
(`match.constant_elements_under`: N; rk2118's heap abort in RKNNFlatcModelBuildPass stops at 2^24),
the values of an optional constant input or its absence (`match.const_value_or_absent`: [input index, a regular
expression]; a Pad's constant_value 0 or not given) and an input stored as raw bytes (`match.raw_const`: the input
index; an initializer or Constant with raw_data, not computed nor a typed field) and whether the node's output reaches a
graph output other than through a node that multiplies it by an all-zero constant (`match.live_output`: the toolkit's
constant folding drops such a dead branch before fuse_ops, zero_weights.folded_away) and the op types of the other
readers of a graph-input operand (`match.input_also_read_by`: a regular expression over them, sorted, space-joined,
without the producers of the node's other operands: an image both a residual Add and the first Conv read) and the op
types of the readers of an output with no elements (`match.empty_output_read_by`) and of the first output whatever its
size (`match.read_by`) and whether no operand is a Conv /
MatMul / Mul by an all-zero weight the toolkit folds with the node away (`match.no_zero_operand`) and whether a Gather's
indices are positions counted from an integer graph input, CumSum(x) * x through Add / Sub / Cast, into a constant
table of fewer rows than N per element of x's summed axis (`match.seeded_cumsum_positions`: N; rknnlint's seeded int8
samples draw integers from 0 to 7, so such positions reach about 24 per token: OPT's positions from its attention
mask). `measured` says, per toolkit version, on which families the pattern's minimal
model failed or built (scripts/verify_crash_patterns.py wrote it, the command is in `measured_by`); a pattern with
`dtype: int8` failed in the int8 quantizer, so it was measured with int8 builds and is reported for them only. RKN709
reads it.
"""
from __future__ import annotations

import math
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from onnx import helper

from .graph import ModelView, NodeRef
from .zero_weights import all_zero, folded_away, zero_valued


def patterns_path() -> Path:
    from .platforms import rules_dir

    return Path(rules_dir()) / "motifs" / "crash-patterns.yaml"


@lru_cache(maxsize=4)
def _load(path: str) -> dict[str, Any]:
    from .platforms import read_yaml

    p = Path(path)
    return (read_yaml(p) or {}) if p.is_file() else {}


def table() -> dict[str, Any]:
    """The whole data file: `patterns` (id -> source, summary, match, fix, measured) and `measured_by`."""
    return _load(str(patterns_path()))


def input_kind(view: ModelView, name: str) -> str:
    """One input as the pattern language spells it: const | input | none | the producer's op type."""
    if not name:
        return "none"
    if view.is_constant(name):
        return "const"
    p = view.producer_of(name)
    if p is None:
        return "input"
    return p.op_type


def signature(view: ModelView, ref: NodeRef) -> str:
    """The kinds of a node's inputs, space-joined (`const const const Transpose`)."""
    return " ".join(input_kind(view, x) for x in ref.node.input)


_LAYOUT = frozenset({"Reshape", "Transpose", "Squeeze", "Unsqueeze", "Flatten", "Identity"})


def _roots(view: ModelView, name: str, hops: int = 3) -> set[str]:
    """A tensor and the tensors it is a re-layout of (through up to `hops` Reshape / Transpose / Squeeze / Unsqueeze /
    Flatten / Identity nodes): two inputs sharing one are the same data."""
    out = {name}
    for _ in range(hops):
        p = view.producer_of(name)
        if p is None or p.op_type not in _LAYOUT or not p.node.input or not p.node.input[0]:
            break
        name = p.node.input[0]
        out.add(name)
    return out


def _source_readers(view: ModelView, ref: NodeRef, a: str, b: str) -> str:
    """The op types of the other nodes that read the tensor two inputs share (`same_source`), sorted, space-joined,
    leaving out this node and the re-layouts between: DGCNN's points x in x^T @ x are also squared for their norms
    (`Pow`), which 2.3.0 crashes on; x^T @ x alone built."""
    ra, rb = _roots(view, a), _roots(view, b)
    chain = {p.index for t in ra | rb for p in (view.producer_of(t),) if p is not None} | {ref.index}
    return " ".join(sorted(r.op_type for t in sorted(ra & rb) for r in view.consumers_of(t) if r.index not in chain))


def _dims(view: ModelView, name: str) -> str:
    """One tensor's shape as the pattern language spells it: dims joined by 'x', '?' for an unknown dim or shape."""
    shape = view.shape(name) if name else None
    if shape is None:
        return "?"
    return "x".join(str(d) if isinstance(d, int) and d >= 0 else "?" for d in shape) or "scalar"


def shape_signature(view: ModelView, ref: NodeRef) -> str:
    """The shapes of a node's inputs, space-joined, dims joined by 'x' ('?' for an unknown dim or shape):
    `1x4x16x1 1x4x1x16`."""
    return " ".join(_dims(view, x) for x in ref.node.input)


def resolved_signature(view: ModelView, ref: NodeRef) -> str:
    """shape_signature with the shape computations the toolkit folds resolved (rknnlint/static_shapes.py): SAM's
    relative position logits, gathered by indices computed from Shape nodes, are [12, 16, 16, ?, 1] to onnx's
    inference and [12, 16, 16, 16, 1] once folded."""
    from .static_shapes import resolved_shape

    return " ".join("x".join(str(d) if isinstance(d, int) and d >= 0 else "?" for d in (resolved_shape(view, x) or ()))
                    or ("scalar" if resolved_shape(view, x) is not None else "?") for x in ref.node.input)


_RESHAPES = frozenset({"Reshape", "Squeeze", "Unsqueeze", "Flatten"})


def _reshaped_source(view: ModelView, name: str, hops: int = 3) -> str | None:
    """The tensor a chain of Reshape / Squeeze / Unsqueeze / Flatten nodes (each read by the next alone; the toolkit
    fuses such a chain into one Reshape) made `name` from, or None where no such node made it."""
    src = None
    for _ in range(hops):
        p = view.producer_of(name)
        if p is None or p.op_type not in _RESHAPES or not p.node.input or not p.node.input[0]:
            break
        if src is not None and len(view.consumers_of(name)) != 1:
            break
        name = src = p.node.input[0]
    return src


def reshaped_signature(view: ModelView, ref: NodeRef) -> str:
    """The resolved shapes of the tensors each input was reshaped from (`?` for an input no reshape made),
    space-joined: the operands of SAM's relative-position outer sum are both reshapes of [B, H, W, K] logits."""
    from .static_shapes import resolved_shape

    out = []
    for x in ref.node.input:
        src = _reshaped_source(view, x) if x else None
        shape = resolved_shape(view, src) if src else None
        out.append("x".join(str(d) if isinstance(d, int) and d >= 0 else "?" for d in shape) if shape else "?")
    return " ".join(out)


def attr_text(ref: NodeRef, name: str) -> str:
    """One attribute of a node as the pattern language spells it: an int, float or string as written, a list
    space-joined, '' when the node does not set it."""
    for a in ref.node.attribute:
        if a.name == name:
            v = helper.get_attribute_value(a)
            if isinstance(v, bytes):
                return v.decode("utf-8", "replace")
            if isinstance(v, (list, tuple)):
                return " ".join(x.decode("utf-8", "replace") if isinstance(x, bytes) else str(x) for x in v)
            return str(v)
    return ""


def attr_or_default(view: ModelView, ref: NodeRef, name: str) -> str:
    """attr_text, or where the node does not set the attribute, its default in the ONNX schema of the model's opset
    (LogSoftmax's axis: 1 before opset 13, -1 from it); '' when the schema has none."""
    if any(a.name == name for a in ref.node.attribute):
        return attr_text(ref, name)
    import onnx.defs

    try:
        schema = onnx.defs.get_schema(ref.op_type, view.opsets.get(ref.node.domain or "ai.onnx", view.opset),
                                      ref.node.domain)
    except onnx.defs.SchemaError:
        return ""
    a = schema.attributes.get(name)
    if a is None or not a.default_value.name:
        return ""
    v = helper.get_attribute_value(a.default_value)
    if isinstance(v, bytes):
        return v.decode("utf-8", "replace")
    return " ".join(str(x) for x in v) if isinstance(v, (list, tuple)) else str(v)


def output_signature(ref: NodeRef) -> str:
    """The node's outputs, space-joined: `value`, or `none` for an optional output declared with an empty name."""
    return " ".join("value" if y else "none" for y in ref.node.output)


def matches(view: ModelView, ref: NodeRef, match: dict[str, Any]) -> bool:
    if ref.graph_path or not re.fullmatch(str(match.get("op", "")), ref.op_type):
        return False
    if "outputs" in match and not re.search(str(match["outputs"]), output_signature(ref)):
        return False
    if "inputs" in match and not re.search(str(match["inputs"]), signature(view, ref)):
        return False
    if "shapes" in match and not re.search(str(match["shapes"]), shape_signature(view, ref)):
        return False
    if "resolved_shapes" in match and not re.search(str(match["resolved_shapes"]), resolved_signature(view, ref)):
        return False
    if "reshaped_from" in match and not re.search(str(match["reshaped_from"]), reshaped_signature(view, ref)):
        return False
    for name, rx in (match.get("attrs") or {}).items():
        if not re.search(str(rx), attr_text(ref, name)):
            return False
    for name, rx in (match.get("attrs_or_default") or {}).items():
        if not re.search(str(rx), attr_or_default(view, ref, name)):
            return False
    if match.get("repeated_input"):
        names = [x for x in ref.node.input if x]
        if len(set(names)) == len(names):
            return False
    pair = match.get("same_source")
    if pair:
        ins = list(ref.node.input)
        i, j = (int(k) for k in pair)
        if max(i, j) >= len(ins) or not ins[i] or not ins[j]:
            return False
        if not (_roots(view, ins[i]) & _roots(view, ins[j])):
            return False
        if "same_source_read_by" in match and not re.search(
            str(match["same_source_read_by"]), _source_readers(view, ref, ins[i], ins[j])
        ):
            return False
    if "followed_by" in match and not re.search(str(match["followed_by"]), " ".join(r.op_type for r in _after(view, ref))):
        return False
    ra = match.get("read_after")
    if ra and not _read_after(view, ref, int(ra[0]), str(ra[1]), int(ra[2])):
        return False
    if "followed_by_shapes" in match and not re.search(
        str(match["followed_by_shapes"]), " ".join(_dims(view, r.node.output[0]) for r in _after(view, ref))
    ):
        return False
    cv = match.get("const_value")
    if cv:
        ins = list(ref.node.input)
        k = int(cv[0])
        val = view.const_value(ins[k]) if k < len(ins) and ins[k] else None
        if val is None or not re.search(str(cv[1]), " ".join(str(x) for x in val.flatten().tolist())):
            return False
    zv = match.get("const_value_or_absent")
    if zv:
        ins = list(ref.node.input)
        k = int(zv[0])
        if k < len(ins) and ins[k]:
            val = view.const_value(ins[k])
            if val is None or not re.search(str(zv[1]), " ".join(str(x) for x in val.flatten().tolist())):
                return False
    if "raw_const" in match and not _raw_const(view, ref, int(match["raw_const"])):
        return False
    if "reduced" in match:
        n = reduced_count(view, ref)
        if n is None or not re.search(str(match["reduced"]), str(n)):
            return False
    if match.get("changes_shape") and not _changes_shape(view, ref):
        return False
    if "output_shapes" in match and not re.search(str(match["output_shapes"]),
                                                  " ".join(_dims(view, y) for y in ref.node.output)):
        return False
    if match.get("window_over_map") and not _window_over_map(view, ref):
        return False
    if "broadcast_axes" in match and _broadcast_axes(view, ref) < int(match["broadcast_axes"]):
        return False
    if "input_elements_over" in match:
        over = match["input_elements_over"]
        k, limit = (int(over[0]), int(over[1])) if isinstance(over, list) else (0, int(over))
        n = _elements(view, ref.node.input[k] if len(ref.node.input) > k else "")
        if n is None or n <= limit:
            return False
    if "map_elements" in match:
        k, rx = int(match["map_elements"][0]), str(match["map_elements"][1])
        shape = view.static_shape(ref.node.input[k]) if len(ref.node.input) > k and ref.node.input[k] else None
        if not shape or len(shape) < 2 or not re.search(rx, _map_elements(shape)):
            return False
    if "kernel_elements_over" in match:
        w = view.static_shape(ref.node.input[1]) if len(ref.node.input) > 1 and ref.node.input[1] else None
        if not w or math.prod(w[1:]) <= int(match["kernel_elements_over"]):
            return False
    if "constant_elements_under" in match and sum(
            math.prod(i.dims) for i in view.model.graph.initializer) >= int(match["constant_elements_under"]):
        return False
    lc = match.get("largest_constant")
    if lc and not _largest_constant(view, ref, int(lc[0]), float(lc[1])):
        return False
    shared = match.get("shared_input")
    if shared is not None and not all(
            _shares_input(view, ref, int(k), bool(match.get("shared_through_zero_add")), bool(match.get("shared_unlike")))
            for k in (shared if isinstance(shared, list) else [shared])):
        return False
    if match.get("slices_of_one") and not _slices_of_one(view, ref):
        return False
    if match.get("rotates_shared_slice") and not _rotates_shared_slice(view, ref):
        return False
    fw = match.get("followed_within")
    if fw and not _followed_within(view, ref, str(fw[0]), int(fw[1])):
        return False
    if match.get("shared_reader_after") and not _shared_reader_after(view, ref, int(match.get("shared_input", 0))):
        return False
    if "sole_reader" in match and not _sole_reader(view, ref, int(match["sole_reader"])):
        return False
    if "input_also_read_by" in match and not re.search(str(match["input_also_read_by"]), _input_readers(view, ref)):
        return False
    if match.get("no_zero_operand") and any(x and zero_valued(view, x) for x in ref.node.input):
        return False
    if "empty_output_read_by" in match and not re.search(str(match["empty_output_read_by"]), _empty_readers(view, ref)):
        return False
    if "read_by" in match and not re.search(str(match["read_by"]), _readers(view, ref)):
        return False
    if match.get("live_output") and ref.node.output and folded_away(view, ref.node.output[0]):
        return False
    if "seeded_cumsum_positions" in match and not _seeded_cumsum_positions(view, ref,
                                                                           float(match["seeded_cumsum_positions"])):
        return False
    if "sliced_after" in match and not _sliced_after(view, ref, int(match["sliced_after"])):
        return False
    up = match.get("computed_by_outputs_read")
    if up and not _chain_outputs_read(view, ref, int(up[0]), str(up[1])):
        return False
    for key, text in (("computed_by", lambda x: " ".join(_before(view, x))),
                      ("computed_by_shapes", lambda x: " ".join(_dims(view, t) for _, t in _chain(view, x))),
                      ("computed_by_dtypes", lambda x: " ".join(_dtype_name(view, t) for _, t in _chain(view, x)))):
        up = match.get(key)
        if up:
            ins = list(ref.node.input)
            k = int(up[0])
            if k >= len(ins) or not re.search(str(up[1]), text(ins[k])):
                return False
    return True


def _largest_constant(view: ModelView, ref: NodeRef, k: int, share: float) -> bool:
    """Whether the constant at input `k` is the model's largest by far: no other initializer holds `share` of its
    elements or more. An embedding table with an odd number of rows crashed rv1106 / rv1106b / rk2118 builds alone
    and built beside a constant of 91% of its elements or more (a Whisper decoder's tied-embedding logits weight;
    scripts/verify_crash_patterns.py embedding-gather-odd-rows neighbours)."""
    ins = list(ref.node.input)
    t = view.stored_tensor(ins[k]) if k < len(ins) and ins[k] else None
    if t is None:
        return False
    n = math.prod(t.dims)
    return not any(i.name != t.name and math.prod(i.dims) >= share * n for i in view.model.graph.initializer)


def _raw_const(view: ModelView, ref: NodeRef, k: int) -> bool:
    """Whether input `k` is a tensor stored as raw bytes: an initializer or a Constant node's value with raw_data (as
    torch, onnxsim and numpy_helper write them), not one folded from other nodes nor stored in a typed field
    (int64_data). rknn-toolkit2 2.5.0 reads raw bytes into a read-only array, which `_p_fuse_pad_into_conv` then
    writes into (calibration/issue_repros.py `i328_pad_image_input`; the int64_data neighbour built)."""
    ins = list(ref.node.input)
    if k >= len(ins) or not ins[k]:
        return False
    t = view.stored_tensor(ins[k])
    if t is None:
        return False
    return bool(t.raw_data) or t.data_location == 1  # external data is raw bytes too


def reduced_count(view: ModelView, ref: NodeRef) -> int | None:
    """How many elements a Reduce* node reduces into each output value: the product of its input's dims on its axes
    (the `axes` attribute, or the constant second input of opset 13 ReduceSum / opset 18 reductions; none: every
    axis). None where a dim or the axes are not known."""
    ins = list(ref.node.input)
    shape = view.shape(ins[0]) if ins and ins[0] else None
    if shape is None or not all(isinstance(d, int) and d >= 0 for d in shape):
        return None
    axes = view.axes(ref)
    if axes is None:
        return None
    if not axes:
        if attr_text(ref, "noop_with_empty_axes") == "1":
            return 1
        axes = list(range(len(shape)))
    n = 1
    for a in axes:
        if not -len(shape) <= a < len(shape):
            return None
        n *= shape[a]
    return n


def _elements(view: ModelView, name: str) -> int | None:
    """The number of elements of a tensor of static shape, else None."""
    shape = view.static_shape(name) if name else None
    return math.prod(shape) if shape is not None else None


def _window_over_map(view: ModelView, ref: NodeRef) -> bool:
    """A pooling window (`kernel_shape`) longer than its input map in some spatial dim: rknn-toolkit2 rewrites such a
    MaxPool into tiled global max pools (`<name>#1_2gmp_tile0`, an Expand back to the map) rather than the cascade of
    smaller pools it makes of a window that fits the map."""
    ins = list(ref.node.input)
    shape = view.shape(ins[0]) if ins and ins[0] else None
    kernel = [int(k) for k in attr_text(ref, "kernel_shape").split()]
    if shape is None or not kernel or len(shape) != len(kernel) + 2:
        return False
    return any(isinstance(d, int) and 0 < d < k for d, k in zip(shape[2:], kernel))


def _broadcast_axes(view: ModelView, ref: NodeRef) -> int:
    """How many axes the node's first input is broadcast along to make its output (a dim of 1 that the output makes
    larger), the shape computations folded; 0 where a shape is unknown. An Expand of [1, 3, 1, 1] to [1, 3, 150, 200]
    broadcasts along 2."""
    from .static_shapes import resolved_shape

    if not ref.node.input or not ref.node.output:
        return 0
    a, b = resolved_shape(view, ref.node.input[0]), resolved_shape(view, ref.node.output[0])
    if a is None or b is None or len(a) > len(b):
        return 0
    a = (1,) * (len(b) - len(a)) + tuple(a)
    return sum(1 for x, y in zip(a, b) if x == 1 and isinstance(y, int) and y > 1)


def _changes_shape(view: ModelView, ref: NodeRef) -> bool:
    """The node's output has another shape than its data input, with the shape computations folded as the toolkit
    folds them (rknnlint/static_shapes.py): a Pad whose pads, computed from the map's shape, are not all zero."""
    from .static_shapes import resolved_shape

    if not ref.node.input or not ref.node.input[0] or not ref.node.output:
        return False
    x, y = resolved_shape(view, ref.node.input[0]), resolved_shape(view, ref.node.output[0])
    if x is None or y is None or not all(isinstance(d, int) and d > 0 for d in (*x, *y)):
        return False
    return tuple(x) != tuple(y)


def _shares_input(view: ModelView, ref: NodeRef, k: int, zero_add: bool = False, unlike: bool = False) -> bool:
    """Another node of the same op type reads input k of this one at the same place, and other data beside it (two
    Gathers of one index tensor from different tables): a pass that merges 'parallel' nodes may take them for one.
    `zero_add`: also where one of them reads it plus a tensor of zeros, stored or computed (ultralytics' RT-DETR adds
    `arange(batch) * N` to the features' indices): the toolkit's remove_invalid_add drops that Add first. `unlike`:
    only another node whose other inputs differ in shape or whose attributes differ (RT-DETR's [N, D] features on
    axis 0 and [1, N, 4] anchors on axis 1; a rotary embedding's cos and sin tables of one shape merge and build)."""
    ins = list(ref.node.input)
    if k >= len(ins) or not ins[k]:
        return False
    mine = _without_zero_add(view, ins[k]) if zero_add else ins[k]
    reads = [mine]
    if zero_add:
        reads += [y for c in view.consumers_of(mine) if c.op_type == "Add" for y in c.node.output
                  if y and _without_zero_add(view, y) == mine]
    for name in reads:
        for other in view.consumers_of(name):
            o = list(other.node.input)
            if (other.index != ref.index and other.op_type == ref.op_type and len(o) > k and o[k] == name
                    and o != ins and (not unlike or _unlike(view, ref, other, k))):
                return True
    return False


def _slices_of_one(view: ModelView, ref: NodeRef) -> bool:
    """Every input is a Slice and all of them slice one tensor (Funnel's cls shift, Concat(x[:, :1], x[:, :-1])); two
    Slices of two tensors built where this failed."""
    srcs = set()
    for x in ref.node.input:
        p = view.producer_of(x) if x else None
        if p is None or p.op_type != "Slice" or not p.node.input:
            return False
        srcs.add(p.node.input[0])
    return len(srcs) == 1


def _rotated(view: ModelView, ref: NodeRef) -> str | None:
    """The tensor x a rotate-half Concat(Neg(Slice(x)), Slice(x)) rotates, else None."""
    if ref.op_type != "Concat" or len(ref.node.input) != 2:
        return None
    neg, lo = (view.producer_of(x) if x else None for x in ref.node.input)
    hi = view.producer_of(neg.node.input[0]) if neg is not None and neg.op_type == "Neg" and neg.node.input else None
    if hi is None or lo is None or hi.op_type != "Slice" or lo.op_type != "Slice":
        return None
    return hi.node.input[0] if hi.node.input[0] == lo.node.input[0] else None


def _slice_root(view: ModelView, name: str, hops: int = 3) -> str:
    """The tensor `name` was cut from through up to `hops` Slice / Split nodes (itself where none cut it)."""
    for _ in range(hops):
        p = view.producer_of(name)
        if p is None or p.op_type not in ("Slice", "Split") or not p.node.input:
            break
        name = p.node.input[0]
    return name


def _rotates_shared_slice(view: ModelView, ref: NodeRef) -> bool:
    """A rotate-half Concat whose rotated tensor was cut by Slice / Split nodes from a tensor that another rotate-half
    Concat's rotated tensor was cut from as well (q and k of one fused qkv: GPT-NeoX failed in gather_to_conv; q and k
    of two projections, q alone rotated, or a Transpose between the Split and the rotation built)."""
    x = _rotated(view, ref)
    if x is None:
        return False
    root = _slice_root(view, x)
    if root == x:
        return False
    for other in view.nodes_of("Concat"):
        if other.index == ref.index:
            continue
        y = _rotated(view, other)
        if y is not None and y != x and _slice_root(view, y) == root:
            return True
    return False


def _int_input(view: ModelView, name: str) -> str | None:
    """The integer graph input a tensor is (or is a Cast of), else None."""
    p = view.producer_of(name)
    if p is not None and p.op_type == "Cast" and p.node.input:
        name, p = p.node.input[0], view.producer_of(p.node.input[0])
    if p is not None or view.is_constant(name) or _dtype_name(view, name)[:3] not in ("int", "uin"):
        return None
    return name


def _seeded_cumsum_positions(view: ModelView, ref: NodeRef, per_token: float) -> bool:
    """A Gather of a constant table (axis 0) whose indices are CumSum(x) * x of an integer graph input x, through Add /
    Sub / Cast / Unsqueeze / Squeeze / Reshape, with fewer table rows than per_token x the length of x's summed axis:
    the int8 quantizer runs the model in onnxruntime on seeded samples of 0 to 7, and the positions pass the table."""
    ins = list(ref.node.input)
    if len(ins) < 2 or not view.is_constant(ins[0]) or attr_or_default(view, ref, "axis") not in ("0", ""):
        return False
    table = view.shape(ins[0])
    if not table or not isinstance(table[0], int):
        return False
    name = ins[1]
    for _ in range(8):
        p = view.producer_of(name)
        if p is None:
            return False
        if p.op_type == "Mul":
            break
        if p.op_type not in ("Add", "Sub", "Cast", "Unsqueeze", "Squeeze", "Reshape", "Identity"):
            return False
        name = next((x for x in p.node.input if x and not view.is_constant(x)), "")
    else:
        return False
    a, b = (list(p.node.input) + ["", ""])[:2]
    for cs, other in ((a, b), (b, a)):
        c = view.producer_of(cs) if cs else None
        if c is None or c.op_type != "CumSum" or not c.node.input:
            continue
        x = _int_input(view, c.node.input[0])
        if x is None or x != _int_input(view, other):
            continue
        axis = view.const_value(c.node.input[1]) if len(c.node.input) > 1 and c.node.input[1] else None
        shape = view.shape(x)
        if axis is None or not shape:
            continue
        k = int(axis.reshape(-1)[0]) % len(shape)
        if isinstance(shape[k], int) and table[0] < per_token * shape[k]:
            return True
    return False


def _followed_within(view: ModelView, ref: NodeRef, rx: str, limit: int) -> bool:
    """A node whose op type matches `rx` among the `limit` nearest nodes downstream of `ref` (breadth first, every
    reader of every output followed)."""
    seen: set[int] = set()
    todo = [y for y in ref.node.output if y]
    while todo and len(seen) < limit:
        nxt = []
        for name in todo:
            for c in view.consumers_of(name):
                if c.index in seen or len(seen) >= limit:
                    continue
                seen.add(c.index)
                if re.fullmatch(rx, c.op_type):
                    return True
                nxt.extend(y for y in c.node.output if y)
        todo = nxt
    return False


def _shared_reader_after(view: ModelView, ref: NodeRef, k: int, limit: int = 400) -> bool:
    """Another node of this op type that reads input k of this one at the same place is computed from this node's
    output (within `limit` nodes downstream): the masked-score Add of the next layer's attention adding the same mask,
    not a parallel attention beside it (two Einsum attentions of one mask built when neither fed the other)."""
    ins = list(ref.node.input)
    if k >= len(ins) or not ins[k]:
        return False
    others = {o.index for o in view.consumers_of(ins[k])
              if o.index != ref.index and o.op_type == ref.op_type and len(o.node.input) > k and o.node.input[k] == ins[k]}
    seen, todo = set(), [y for y in ref.node.output if y]
    while todo and len(seen) < limit:
        for c in view.consumers_of(todo.pop()):
            if c.index in others:
                return True
            if c.index not in seen:
                seen.add(c.index)
                todo.extend(y for y in c.node.output if y)
    return False


def _unlike(view: ModelView, a: NodeRef, b: NodeRef, k: int) -> bool:
    """Two nodes of one op type differ apart from their input k: another shape at some other input, or other
    attributes."""
    shapes = [[_dims(view, x) for i, x in enumerate(r.node.input) if i != k] for r in (a, b)]
    attrs = [sorted(x.SerializeToString() for x in r.node.attribute) for r in (a, b)]
    return shapes[0] != shapes[1] or attrs[0] != attrs[1]


def _without_zero_add(view: ModelView, name: str) -> str:
    """The tensor an Add of an all-zero operand passes on (through such Adds), else `name` itself."""
    for _ in range(4):
        p = view.producer_of(name)
        if p is None or p.op_type != "Add" or len(p.node.input) != 2:
            break
        a, b = p.node.input
        if a and b and all_zero(view, b) and not all_zero(view, a):
            name = a
        elif a and b and all_zero(view, a) and not all_zero(view, b):
            name = b
        else:
            break
    return name


def _sole_reader(view: ModelView, ref: NodeRef, k: int) -> bool:
    """Input k is read by this node alone and is no graph output: a pass that swaps its producer with this node
    (rknn-toolkit2's _p_swap_transpose) leaves a tensor others read where it is."""
    ins = list(ref.node.input)
    if k >= len(ins) or not ins[k]:
        return False
    return len(view.consumers_of(ins[k])) == 1 and ins[k] not in view.output_names


def _input_readers(view: ModelView, ref: NodeRef) -> str:
    """The op types of the other nodes that read this node's graph-input operands, sorted, space-joined, leaving out
    the producers of its other operands: Restormer's `x + f(x)` is `Conv` (the stack's first Conv reads the image),
    `x + Conv(x)` is ''. rknn-toolkit2's RKNNAddFirstConv pass treats an input a Conv reads apart."""
    ins = [x for x in ref.node.input if x]
    graph_inputs = [x for x in ins if not view.is_constant(x) and view.producer_of(x) is None]
    beside = {p.index for x in ins if x not in graph_inputs for p in (view.producer_of(x),) if p is not None}
    return " ".join(sorted(r.op_type for x in dict.fromkeys(graph_inputs) for r in view.consumers_of(x)
                           if r.index != ref.index and r.index not in beside))


def _map_elements(shape) -> str:
    """`N R` for `match.map_elements`: N the elements of one map (the product of the last two dims), R = N mod 16."""
    n = math.prod(shape[-2:])
    return f"{n} {n % 16}"


def _readers(view: ModelView, ref: NodeRef) -> str:
    """The op types of the readers of the node's first output, sorted, space-joined: a LayerNormalization reading a
    token Concat makes the toolkit transpose the Concat's output, which changes what its later passes do to it."""
    out = ref.node.output[0] if ref.node.output else ""
    return " ".join(sorted(r.op_type for r in view.consumers_of(out))) if out else ""


def _empty_readers(view: ModelView, ref: NodeRef) -> str:
    """The op types of the readers of the node's first output, sorted, space-joined, where that output has no
    elements with the shape computations folded (a zero dim); '' otherwise. The toolkit refuses such a tensor
    ('is abnormal!') unless a Concat drops it."""
    from .static_shapes import resolved_shape

    y = ref.node.output[0] if ref.node.output else ""
    shape = resolved_shape(view, y) if y else None
    if not shape or not any(isinstance(d, int) and d == 0 for d in shape):
        return ""
    return " ".join(sorted(r.op_type for r in view.consumers_of(y)))


def _before(view: ModelView, name: str, limit: int = 5) -> list[str]:
    """The op types that computed a tensor, nearest first, each through its first input that is not a constant
    (`input` where a graph input ends the chain): an affine grid is `Reshape MatMul Transpose Reshape Gemm`."""
    return [op for op, _ in _chain(view, name, limit)]


def _sliced_after(view: ModelView, ref: NodeRef, n: int) -> bool:
    """Whether the node's output, through at most three Reshape / Transpose nodes each its only reader, is cut by at
    least `n` Slices (Shape readers aside): GPT-NeoX's fused qkv tensor taken apart into q, k, v, where a single
    projection's Reshape into heads is not (scripts/verify_crash_patterns.py qkv-heads-three-slices neighbour
    one-slice); a Split of the same layout is grid-tokens-qkv-reshape's and tokens-qkv-heads-split's, measured apart
    (it built with 2.5.0 on rk3588)."""
    name = ref.node.output[0] if ref.node.output else ""
    for _ in range(4):
        readers = [r for r in view.consumers_of(name) if r.op_type != "Shape"]
        if sum(r.op_type == "Slice" for r in readers) >= n:
            return True
        if len(readers) != 1 or readers[0].op_type not in ("Reshape", "Transpose"):
            return False
        name = readers[0].node.output[0]
    return False


def _chain_outputs_read(view: ModelView, ref: NodeRef, k: int, op: str) -> bool:
    """Whether the nearest node of op type `op` in input `k`'s computed_by chain has every output read (by a node or
    as a graph output): a Split some of whose outputs nothing reads is cut into Slices by the toolkit first, and the
    pass that fails on the Split's form never sees it (Falcon's qkv Split, scripts/verify_crash_patterns.py
    mqa-repeat-kv-expand-split neighbour values-unread)."""
    ins = list(ref.node.input)
    if k >= len(ins):
        return False
    outs = {o.name for o in view.model.graph.output}
    for op_type, tensor in _chain(view, ins[k]):
        if re.search(op, op_type):
            p = view.producer_of(tensor)
            return p is not None and all(o in outs or view.consumers_of(o) for o in p.node.output if o)
    return False


def _dtype_name(view: ModelView, name: str) -> str:
    """A value's element type as `computed_by_dtypes` spells it (float, int64, bool, ...), `?` where unknown."""
    try:
        return helper.tensor_dtype_to_np_dtype(view.dtype(name)).name
    except (KeyError, ValueError, TypeError):  # 0 (unknown) and the types numpy has no name for
        return "?"


def _chain(view: ModelView, name: str, limit: int = 5) -> list[tuple[str, str]]:
    """_before's chain as (op type, the tensor that node computed) pairs; ('input', its name) for a graph input."""
    out: list[tuple[str, str]] = []
    while len(out) < limit and name:
        p = view.producer_of(name)
        if p is None:
            if not view.is_constant(name):
                out.append(("input", name))
            break
        out.append((p.op_type, name))
        name = next((x for x in p.node.input if x and not view.is_constant(x)), "")
    return out


def _read_after(view: ModelView, ref: NodeRef, i: int, op: str, j: int) -> bool:
    """Whether the first `op` node among the single consumers after `ref` reads at its input `j` the data `ref` reads at
    its input `i` (the same tensor or a re-layout of it): an attention whose values are its keys,
    Softmax(q @ k^T) @ k."""
    ins = list(ref.node.input)
    if i >= len(ins) or not ins[i]:
        return False
    later = next((r for r in _after(view, ref) if r.op_type == op), None)
    if later is None or j >= len(later.node.input) or not later.node.input[j]:
        return False
    return bool(_roots(view, ins[i]) & _roots(view, later.node.input[j]))


def _after(view: ModelView, ref: NodeRef, limit: int = 4) -> list[NodeRef]:
    """The single consumers after a node, one after the other (a fan-out or a graph output ends it)."""
    out: list[NodeRef] = []
    cur = ref
    while len(out) < limit and cur.node.output:
        users = view.consumers_of(cur.node.output[0])
        if len(users) != 1:
            break
        cur = users[0]
        out.append(cur)
    return out


def outcome(entry: dict[str, Any], version: str, family: str) -> tuple[str, dict[str, Any]]:
    """How the pattern's minimal model did with `version` on `family`: failed | built | untested (the family was not
    measured with that version, though others were) | unmeasured (the version was not measured); and that version's
    measurement."""
    m = (entry.get("measured") or {}).get(version)
    if not m:
        return "unmeasured", {}
    if family in (m.get("failed") or []):
        return "failed", m
    if family in (m.get("built") or []):
        return "built", m
    return "untested", m


def failing_versions(entry: dict[str, Any]) -> list[str]:
    from .toolkit.versions import vkey

    return sorted((v for v, m in (entry.get("measured") or {}).items() if m.get("failed")), key=vkey)


def find(model) -> list[tuple[str, str]]:
    """(pattern id, node name) of every crash pattern of the data file in a model, whatever the version: what
    `rknnlint build --reduce` says of its repro (a known pattern, or a new one to add to the data file)."""
    view = model if isinstance(model, ModelView) else ModelView(model)
    out = []
    for pid, entry in (table().get("patterns") or {}).items():
        for ref in view.nodes:
            if matches(view, ref, entry.get("match") or {}):
                out.append((pid, ref.name))
    return out
