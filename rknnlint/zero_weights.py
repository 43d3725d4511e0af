"""Whether a constant operand is all zeros, for the checks that ask it (RKN306's constant outputs, the zero-weight
branch fold of the placement motifs). One answer for both: zeros by value, so -0.0 (what BN folding leaves) counts,
as the toolkit folds it (an all -0.0 MatMul weight fails the rk3588 build like an all 0.0 one, measured with 2.5.0).
A large weight is rejected on its first numbers, read from the model file (weight_heads.py), and an external one
is scanned in chunks, so a trained or random weight costs a few bytes and a zero one bounded memory."""
from __future__ import annotations

import numpy as np
from onnx import AttributeProto, TensorProto, helper

from .weight_heads import FROM_FILE, HEAD, file_heads

_CHUNK = 1 << 22  # bytes read at a time when an external weight starts with zeros
_IDENTITY_HOPS = 8  # torch.onnx shares equal weights through Identity nodes


# Ops whose output rknn-toolkit2 2.5.0's constant folding replaces by a constant when an operand is a
# constant of all zeros (measured on rk3588: MatMul / Gemm with a zero weight, with or without bias, Conv
# with a zero weight, with or without bias, Mul by a zero scalar or vector; a partly zero weight is kept).
# op type -> indices of the operands that zero the output
_ZEROING = {"MatMul": (0, 1), "Gemm": (0, 1), "Conv": (1,), "Mul": (0, 1)}


def all_zero(view, name: str) -> bool:
    """Whether the value `name` is a constant whose numbers are all zero (cached per view)."""
    cache = view.__dict__.setdefault("_all_zero", {})
    if name not in cache:
        cache[name] = _all_zero(view, name)
    return cache[name]


def _dtype(t) -> np.dtype | None:
    try:
        return np.dtype(helper.tensor_dtype_to_np_dtype(t.data_type))
    except (KeyError, ValueError, TypeError):
        return None


def _none_nonzero(buf: bytes, dt: np.dtype) -> bool:
    usable = len(buf) - len(buf) % dt.itemsize
    return not np.frombuffer(buf[:usable], dt).any()


def _all_zero(view, name: str) -> bool:
    for _ in range(_IDENTITY_HOPS):
        p = view.producer.get(name)
        if p is None or p.op_type != "Identity" or not p.node.input:
            break
        name = p.node.input[0]
    t = view.stored_tensor(name)
    if t is None:
        if view.depends_on_inputs(name, through_shape=True):
            return False
        value = view.const_value(name)
        return value is not None and np.asarray(value).size > 0 and not np.any(value)
    dt = _dtype(t)
    if dt is None or dt.kind not in "fiub":
        return False
    if t.data_location == TensorProto.EXTERNAL:
        return _external_all_zero(view, t, dt)
    if int(np.prod(t.dims, dtype=np.int64)) * dt.itemsize >= FROM_FILE:
        head = file_heads(view).head(t)
        if head and not _none_nonzero(head, dt):
            return False  # a zero head is confirmed from the tensor in memory below
    if t.raw_data:
        raw = t.raw_data
        if len(raw) % dt.itemsize:
            return False
        return _none_nonzero(raw[:HEAD], dt) and not np.frombuffer(raw, dt).any()
    from .graph import tensor_to_array

    value = tensor_to_array(t, view.path.parent if view.path else None)
    return value is not None and value.size > 0 and not np.any(value)


def _external_all_zero(view, t, dt: np.dtype) -> bool:
    """Scanned in chunks so memory stays bounded (a 1 GiB weight of zeros in a sparse file is not read whole)."""
    if view.path is None:
        return False
    from .loader import ModelLoadError, check_external_location

    entries = {e.key: e.value for e in t.external_data}
    try:
        path = check_external_location(view.path.parent, entries.get("location", ""), t.name)
        offset = int(entries.get("offset", 0) or 0)
        length = entries.get("length")
        left = int(length) if length else path.stat().st_size - offset
        if left <= 0 or left % dt.itemsize:
            return False
        with open(path, "rb") as f:
            f.seek(offset)
            chunk = HEAD
            while left > 0:
                buf = f.read(min(chunk, left))
                if not buf or len(buf) % dt.itemsize or not _none_nonzero(buf, dt):
                    return False
                left -= len(buf)
                chunk = _CHUNK
        return True
    except (OSError, ValueError, ModelLoadError):
        return False


def zeroing_nodes(view, outs: list[str], through_identity: bool = True):
    """The nodes multiplying by an all-zero constant when they cut every value in `outs` from the graph inputs (the
    toolkit's constant folding then replaces those values by constants: RKN306's constant outputs, RKN708's
    pooled branch), else None. through_identity=False: a zero operand counts only when it is stored itself, not
    when it reaches the node through Identity nodes (TorchScript's shared weights), which 2.3.2 folds only after
    its rank check (RKN708)."""
    inputs = {vi.name for vi in view.inputs}
    stack, seen, zeroed = list(outs), set(), []
    while stack:
        n = stack.pop()
        if not n or n in seen:
            continue
        seen.add(n)
        if n in inputs:
            return None
        ref = view.producer.get(n)
        if ref is None or ref.op_type in ("Shape", "Size"):
            continue
        if ref.op_type in _ZEROING and not ref.graph_path and _zeroing(view, ref, through_identity):
            zeroed.append(ref)
            continue
        if ref.op_type in ("RandomNormalLike", "RandomUniformLike", "RandomNormal", "RandomUniform", "Multinomial",
                           "Bernoulli"):
            return None
        stack.extend(ref.node.input)
        for a in ref.node.attribute:
            if a.type == AttributeProto.GRAPH:
                return None  # a subgraph: leave it to the plain dependence check
    return zeroed or None


def _zeroing(view, ref, through_identity: bool = True) -> bool:
    if ref.op_type == "Gemm" and ref.attr("alpha", 1.0) == 0:
        return True
    ins = ref.inputs
    for i in _ZEROING[ref.op_type]:
        if i < len(ins) and ins[i] and all_zero(view, ins[i]):
            p = view.producer.get(ins[i])
            if through_identity or p is None or p.op_type != "Identity":
                return True
    return False


def folded_away(view, name: str) -> bool:
    """Whether every path from the value `name` to a graph output passes through a node that multiplies it by an
    all-zero initializer (a Conv / MatMul / Gemm whose weight, a Mul whose other factor, is zero) or ends in a Shape /
    Size: the toolkit's constant folding replaces that node's output by a constant before fuse_ops, so the nodes that
    compute `name` are dead and its passes never see them (HaloNet-26t's attention behind timm's zero_init_last Conv
    with random weights, docs/probe.md#crash-patterns). The zero weight must be the initializer itself: read through an
    Identity (as torch.onnx shares equal weights, BoTNet-26t's) it is folded too late (measured with 2.5.0 on rk3566)."""
    outputs = set(view.output_names)
    stack, seen, zeroed = [name], set(), False
    while stack:
        v = stack.pop()
        if v in seen:
            continue
        seen.add(v)
        if v in outputs:
            return False
        for c in view.consumers_of(v):
            if c.graph_path:
                return False
            if c.op_type in ("Shape", "Size"):
                continue
            if c.op_type in _ZEROING and _zeroing_other(view, c, v):
                zeroed = True
                continue
            stack.extend(y for y in c.node.output if y)
    return zeroed


def _zeroing_other(view, ref, value: str) -> bool:
    """`ref` zeroes its output through an initializer operand other than `value` (the data `value` carries is
    multiplied away)."""
    if ref.op_type == "Gemm" and ref.attr("alpha", 1.0) == 0:
        return True
    ins = ref.inputs
    return any(i < len(ins) and ins[i] and ins[i] != value and view.is_initializer(ins[i]) and all_zero(view, ins[i])
               for i in _ZEROING[ref.op_type])


def zero_valued(view, name: str) -> bool:
    """Whether the value `name` is all zeros once the toolkit folds it: a Conv / MatMul / Gemm whose weight, or a Mul
    whose factor, is an all-zero initializer, with no bias or an all-zero one (timm's zero_init_last residual branch
    with random weights: the toolkit drops it and the Add after it, so what reads the block reads the shortcut)."""
    ref = view.producer.get(name)
    if ref is None or ref.graph_path or ref.op_type not in _ZEROING:
        return False
    ins = ref.inputs
    zeroed = any(i < len(ins) and ins[i] and view.is_initializer(ins[i]) and all_zero(view, ins[i])
                 for i in _ZEROING[ref.op_type])
    bias = ins[2] if ref.op_type in ("Conv", "Gemm") and len(ins) > 2 else ""
    return zeroed and (not bias or all_zero(view, bias))
