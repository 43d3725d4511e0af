"""Shapes the way rknn-toolkit2 sees them: with the graph inputs' shapes fixed, every shape computation
(Shape -> Gather -> Mod -> Concat -> Reshape / Pad ...) folded in one forward pass.

onnx's own shape inference stops at the first shape it cannot compute from the graph alone (torchvision
Swin's window padding: Mod of a Shape, then Pad with computed pads), and every dim after it stays
symbolic. The toolkit folds those chains because the input shape is static. This pass infers each node
in order with onnx's per-node inference, giving it the constant values folded so far (rknnlint.fold), so a
Reshape or Pad with computed arguments gets concrete output dims. A node whose outputs onnx's inference
already made static keeps them without a call (Swin-T: 6261 nodes, about 1000 calls left, 0.65 s -> 0.15 s);
the pass runs only when a rule asks, once per model.
"""
from __future__ import annotations

import weakref
from typing import TYPE_CHECKING

import numpy as np
import onnx
from onnx import numpy_helper

from .fold import MAX_ELEMENTS, fold_node

if TYPE_CHECKING:
    from .graph import ModelView, Shape

_CACHE: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def resolved_shape(view: ModelView, name: str) -> Shape | None:
    """The shape of a main-graph value with shape computations folded; the plain inferred shape where the
    forward pass learns nothing more (or fails)."""
    shapes = _CACHE.get(view)
    if shapes is None:
        try:
            shapes = _resolve(view)
        except Exception:  # a malformed or unusual graph: keep what onnx's inference gave
            shapes = {}
        _CACHE[view] = shapes
    got = shapes.get(name)
    return got if got is not None else view.shape(name)


def _dims(tp: onnx.TypeProto) -> Shape | None:
    if not tp.HasField("tensor_type") or not tp.tensor_type.HasField("shape"):
        return None
    return tuple(d.dim_value if d.HasField("dim_value") else (d.dim_param or "?") for d in tp.tensor_type.shape.dim)


def _type(elem: int, shape) -> onnx.TypeProto:
    return onnx.helper.make_tensor_type_proto(elem, list(shape) if shape is not None else None)


def _resolve(view: ModelView) -> dict[str, Shape]:
    types: dict[str, onnx.TypeProto] = {}
    values: dict[str, np.ndarray] = {}
    for vi in view.inputs:
        types[vi.name] = vi.type
    for name, t in view.initializers.items():
        types[name] = _type(t.data_type, t.dims)
        v = view.const_value(name)
        if v is not None:
            values[name] = v
    opsets = list(view.model.opset_import)
    ir = min(int(view.model.ir_version or 8), 11)
    out: dict[str, Shape] = {}
    static: dict[str, tuple[int, tuple[int, ...]]] = {}  # outputs already static: TypeProto made on first use

    def type_of(name: str) -> onnx.TypeProto | None:
        tp = types.get(name)
        if tp is None and name in static:
            tp = types[name] = _type(*static[name])
        return tp

    for ref in view.main_nodes:
        node, op = ref.node, ref.op_type
        outs = [o for o in node.output if o]
        shapes = [view.static_shape(o) for o in outs]
        elems = [view.dtype(o) for o in outs]
        if outs and all(s is not None for s in shapes) and all(elems):
            static.update(zip(outs, zip(elems, shapes)))  # nothing more to learn for this node
            out.update(zip(outs, shapes))
            _values_of(view, ref, values, out)
            continue
        domain = ref.domain if ref.domain != "ai.onnx" else ""
        try:
            schema = onnx.defs.get_schema(op, view.opsets.get(domain or "ai.onnx", view.opset), domain)
        except Exception:
            continue
        in_types = {i: tp for i in node.input if i and (tp := type_of(i)) is not None}
        data = {}
        for i in node.input:
            v = values.get(i) if i else None
            if v is not None and v.size <= MAX_ELEMENTS:
                try:
                    data[i] = numpy_helper.from_array(np.asarray(v), i)
                except Exception:
                    pass
        try:
            inferred = onnx.shape_inference.infer_node_outputs(schema, node, in_types, data, opset_imports=opsets,
                                                               ir_version=ir)
        except Exception:
            inferred = {}
        for o in node.output:
            if not o:
                continue
            tp = inferred.get(o)
            if tp is not None and tp.HasField("tensor_type"):
                types[o] = tp
                out[o] = _dims(tp)
        _values_of(view, ref, values, out)
    return out


def _values_of(view: ModelView, ref, values: dict[str, np.ndarray], shapes: dict[str, Shape]) -> None:
    """The node's output values: the view's constants, else folded from the values known so far."""
    node = ref.node
    known = [view.const_value(o) for o in node.output]
    if node.output and all(v is not None for v in known):
        values.update(zip(node.output, known))
    elif ref.op_type in ("Shape", "Size") or all(i in values for i in node.input if i):
        _fold(ref, values, shapes)  # (_fold needs every input's value, but Shape / Size only its shape)


def _fold(ref, values: dict[str, np.ndarray], shapes: dict[str, Shape]) -> None:
    if ref.domain not in ("", "ai.onnx") or not ref.outputs:
        return

    def static(name: str):
        got = shapes.get(name)
        return got if got is not None and all(isinstance(d, int) for d in got) else None

    try:
        v = fold_node(ref, values, static)
        if v is not None:
            values[ref.outputs[0]] = v
    except Exception:
        return
