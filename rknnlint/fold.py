"""Constant values of small tensors, computed with numpy the way the toolkit's own constant folding would."""
from __future__ import annotations

from typing import TYPE_CHECKING, Callable

import numpy as np
from onnx import TensorProto, helper

if TYPE_CHECKING:
    from .graph import ModelView, NodeRef

MAX_ELEMENTS = 1 << 16


def _axis_list(ref: NodeRef, vals: list, pos: int, attr: str = "axes"):
    if len(vals) > pos and vals[pos] is not None:
        return [int(a) for a in np.asarray(vals[pos]).reshape(-1)]
    a = ref.attr(attr)
    return None if a is None else [int(x) for x in a]


def _slice(ref, v):
    data, starts, ends = v[0], v[1] if len(v) > 1 else None, v[2] if len(v) > 2 else None
    if starts is None:  # opset < 10: attributes
        starts, ends = ref.attr("starts"), ref.attr("ends")
        axes = ref.attr("axes")
        steps = None
    else:
        axes = v[3] if len(v) > 3 else None
        steps = v[4] if len(v) > 4 else None
    starts = np.asarray(starts).reshape(-1)
    ends = np.asarray(ends).reshape(-1)
    axes = list(range(len(starts))) if axes is None else [int(a) for a in np.asarray(axes).reshape(-1)]
    steps = [1] * len(starts) if steps is None else [int(s) for s in np.asarray(steps).reshape(-1)]
    sl = [slice(None)] * data.ndim
    for s, e, a, st in zip(starts, ends, axes, steps):
        e = int(min(e, np.iinfo(np.int64).max))
        sl[a] = slice(int(s), e if e < 2**62 and e > -(2**62) else None if st > 0 else None, st)
    return data[tuple(sl)]


def _unsqueeze(ref, v):
    axes = _axis_list(ref, v, 1)
    out = v[0]
    rank = out.ndim + len(axes)
    for a in sorted(x % rank for x in axes):
        out = np.expand_dims(out, a)
    return out


def _squeeze(ref, v):
    axes = _axis_list(ref, v, 1)
    return np.squeeze(v[0], axis=tuple(axes) if axes else None)


def _gather(ref, v):
    return np.take(v[0], v[1].astype(np.int64), axis=int(ref.attr("axis", 0)))


def _concat(ref, v):
    return np.concatenate([np.atleast_1d(x) for x in v], axis=int(ref.attr("axis", 0)))


def _cast(ref, v):
    return v[0].astype(helper.tensor_dtype_to_np_dtype(int(ref.attr("to"))))


def _const_of_shape(ref, v):
    value = ref.attr("value")
    fill = np.zeros(1, np.float32) if value is None else np.frombuffer(value.raw_data, helper.tensor_dtype_to_np_dtype(value.data_type)) if value.raw_data else _tensor(value)
    shape = [int(x) for x in v[0].reshape(-1)]
    if int(np.prod(shape)) > MAX_ELEMENTS:
        raise _TooBig
    return np.full(shape, fill.reshape(-1)[0], dtype=fill.dtype)


def _tensor(t: TensorProto) -> np.ndarray:
    from onnx import numpy_helper

    return numpy_helper.to_array(t)


def _range(ref, v):
    start, limit, delta = (np.asarray(x).reshape(()) for x in v[:3])
    n = int(max(np.ceil((limit - start) / delta), 0))
    if n > MAX_ELEMENTS:
        raise _TooBig
    return np.arange(start, limit, delta).astype(np.asarray(start).dtype)


def _reshape(ref, v):
    shape = [int(s) for s in v[1].reshape(-1)]
    if not ref.attr("allowzero", 0):
        shape = [v[0].shape[i] if s == 0 else s for i, s in enumerate(shape)]
    return v[0].reshape(shape)


def _expand(ref, v):
    shape = tuple(int(s) for s in v[1].reshape(-1))
    out_shape = np.broadcast_shapes(v[0].shape, shape)
    if int(np.prod(out_shape)) > MAX_ELEMENTS:
        raise _TooBig
    return np.broadcast_to(v[0], out_shape).copy()


def _reduce(fn):
    def run(ref, v):
        axes = _axis_list(ref, v, 1)
        keep = bool(ref.attr("keepdims", 1))
        return fn(v[0], axis=None if not axes else tuple(axes), keepdims=keep)

    return run


def _transpose(ref, v):
    perm = ref.attr("perm")
    return np.transpose(v[0], perm)


def _where(ref, v):
    return np.where(v[0], v[1], v[2])


def _clip(ref, v):
    """Clip with min / max as inputs (opset 11+) or attributes (before): timm's TF-'same' padding clips its computed
    pads at 0 (tf_efficientnet: max((ceil(x / s) - 1) * s + (k - 1) * d + 1 - x, 0))."""
    lo = v[1] if len(v) > 1 and v[1] is not None else ref.attr("min")
    hi = v[2] if len(v) > 2 and v[2] is not None else ref.attr("max")
    out = v[0]
    if lo is not None:
        out = np.maximum(out, np.asarray(lo, out.dtype))
    if hi is not None:
        out = np.minimum(out, np.asarray(hi, out.dtype))
    return out


def _div(ref, v):
    a, b = v
    if np.issubdtype(a.dtype, np.integer):
        return (a // b).astype(a.dtype) if np.all(a * b >= 0) else np.trunc(a / b).astype(a.dtype)
    return a / b


class _TooBig(Exception):
    pass


def _binary(fn):
    return lambda ref, v: fn(v[0], v[1]).astype(np.result_type(v[0], v[1])) if fn not in _BOOL_OUT else fn(v[0], v[1])


_BOOL_OUT = {np.equal, np.less, np.greater, np.logical_and, np.logical_or}


def _scatter_nd(ref, v):
    """ScatterND without reduction: torchvision Swin V2 zeroes the k third of its qkv bias this way."""
    if ref.attr("reduction", b"none") not in (b"none", "none"):
        raise ValueError("reduction")
    out, idx, upd = v[0].copy(), v[1].astype(np.int64), v[2]
    for i in np.ndindex(idx.shape[:-1]):
        out[tuple(idx[i])] = upd[i]
    return out

OPS: dict[str, Callable] = {
    "Identity": lambda ref, v: v[0],
    "Cast": _cast,
    "Gather": _gather,
    "Unsqueeze": _unsqueeze,
    "Squeeze": _squeeze,
    "Concat": _concat,
    "Slice": _slice,
    "Add": _binary(np.add),
    "Sub": _binary(np.subtract),
    "Mul": _binary(np.multiply),
    "Div": _div,
    "Mod": lambda ref, v: (np.fmod if ref.attr("fmod", 0) else np.mod)(v[0], v[1]).astype(np.result_type(v[0], v[1])),
    "Neg": lambda ref, v: -v[0],
    "Abs": lambda ref, v: np.abs(v[0]),
    "Floor": lambda ref, v: np.floor(v[0]),
    "Ceil": lambda ref, v: np.ceil(v[0]),
    "Sqrt": lambda ref, v: np.sqrt(v[0]),
    "Reciprocal": lambda ref, v: np.reciprocal(np.asarray(v[0], dtype=np.result_type(v[0], np.float32))),
    "Equal": _binary(np.equal),
    "Less": _binary(np.less),
    "Greater": _binary(np.greater),
    "Not": lambda ref, v: np.logical_not(v[0]),
    "And": _binary(np.logical_and),
    "Or": _binary(np.logical_or),
    "Where": _where,
    "Clip": _clip,
    "Min": lambda ref, v: np.minimum.reduce(np.broadcast_arrays(*v)),
    "Max": lambda ref, v: np.maximum.reduce(np.broadcast_arrays(*v)),
    "Range": _range,
    "ConstantOfShape": _const_of_shape,
    "Reshape": _reshape,
    "Expand": _expand,
    "Tile": lambda ref, v: np.tile(v[0], [int(r) for r in np.asarray(v[1]).reshape(-1)]),
    "Transpose": _transpose,
    "ReduceProd": _reduce(np.prod),
    "ReduceSum": _reduce(np.sum),
    "ReduceMax": _reduce(np.max),
    "ReduceMin": _reduce(np.min),
    "ScatterND": _scatter_nd,
    "Flatten": lambda ref, v: v[0].reshape(int(np.prod(v[0].shape[: ref.attr("axis", 1)])), -1),
}


def fold_node(ref, values: dict[str, np.ndarray], static_shape: Callable) -> np.ndarray | None:
    """The value of a Shape, Size or computable node's first output from the values known so far
    (`static_shape(name)` gives a value's all-int shape or None); None when it is not known. May raise
    on odd attributes: callers leave the value unknown then."""
    op = ref.op_type
    if op in ("Shape", "Size"):
        s = static_shape(ref.inputs[0])
        if s is None:
            return None
        if op == "Size":
            return np.asarray(int(np.prod(s)), dtype=np.int64)
        return np.asarray(s, dtype=np.int64)[ref.attr("start", 0):ref.attr("end", None)]
    fn = OPS.get(op)
    if fn is None:
        return None
    ins = [values.get(i) if i else None for i in ref.inputs]
    required = [x for i, x in zip(ref.inputs, ins) if i]
    if not required or any(x is None for x in required):
        return None
    out = np.asarray(fn(ref, ins))
    return out if out.size <= MAX_ELEMENTS else None


def fold_constants(view: ModelView) -> dict[str, np.ndarray]:
    """Values of every main-graph tensor that is small and computable without the graph's inputs."""
    values: dict[str, np.ndarray] = {}
    base = view.path.parent if view.path else None
    from .graph import tensor_to_array

    for name, t in view.initializers.items():
        n = int(np.prod(t.dims)) if len(t.dims) else 1
        if n <= MAX_ELEMENTS:
            arr = tensor_to_array(t, base) if t.data_location != TensorProto.EXTERNAL else None
            if arr is not None:
                values[name] = arr
    for ref in view.main_nodes:
        op = ref.op_type
        if ref.domain not in ("", "ai.onnx"):
            continue
        try:
            if op == "Constant":
                t = ref.attr("value")
                if t is not None and not isinstance(t, (int, float, list)):
                    arr = _tensor(t)
                else:
                    for key in ("value_float", "value_int", "value_floats", "value_ints"):
                        v = ref.attr(key)
                        if v is not None:
                            arr = np.asarray(v, dtype=np.float32 if "float" in key else np.int64)
                            break
                    else:
                        continue
                if arr.size <= MAX_ELEMENTS:
                    values[ref.outputs[0]] = arr
                continue
            out = fold_node(ref, values, view.static_shape)
            if out is not None:
                values[ref.outputs[0]] = out
        except Exception:  # anything odd (bad attrs, overflow): leave the value unknown
            continue
    return values
