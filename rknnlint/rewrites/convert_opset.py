"""convert-opset: bring the default-domain opset into the window rknn-toolkit2 loads, and the IR version
down to what the pinned onnx (<= 1.18) reads."""
from __future__ import annotations

import onnx

from ._base import (
    Applicability,
    Rewrite,
    RewriteOptions,
    RewriteResult,
    constant_values,
    copy_model,
    opset_of,
    register_rewrite,
)
from ._functions import expand, first_version
from ._walk import graphs, nodes

# Ops whose semantics changed between opsets without a change of signature: never relabelled.
_SEMANTIC_CHANGES = frozenset({"GroupNormalization", "Softmax", "LogSoftmax", "Hardmax"})


def _schema(op: str, version: int, domain: str):
    try:
        return onnx.defs.get_schema(op, version, domain)
    except onnx.defs.SchemaError:
        return None


def _drop_default_attrs(node: onnx.NodeProto, old: int, new: int, consts: dict) -> None:
    """Remove attributes the older schema lacks when they hold the newer schema's default (Reshape allowzero=0),
    or when they cannot matter (allowzero=1 with a constant shape that has no 0)."""
    s_old, s_new = _schema(node.op_type, old, node.domain), _schema(node.op_type, new, node.domain)
    if s_old is None or s_new is None:
        return
    for i in reversed(range(len(node.attribute))):
        a = node.attribute[i]
        if a.name in s_old.attributes or a.name not in s_new.attributes:
            continue
        if node.op_type == "Reshape" and a.name == "allowzero" and len(node.input) > 1:
            shape = consts.get(node.input[1])
            if shape is not None and 0 not in shape.reshape(-1).tolist():
                del node.attribute[i]
                continue
        d = s_new.attributes[a.name].default_value
        if d.name and onnx.helper.get_attribute_value(d) == onnx.helper.get_attribute_value(a):
            del node.attribute[i]


# GridSample 20 renamed its interpolation modes (and added N-D grids): bilinear -> linear, bicubic -> cubic
_GRID_SAMPLE_16_MODES = {b"linear": b"bilinear", b"cubic": b"bicubic"}


def _grid_sample_modes(node: onnx.NodeProto) -> None:
    """GridSample 20 -> 16: the same computation under the old mode names (20's default, linear, is 16's
    default, bilinear). A 5-D (volumetric) GridSample has no opset-16 form: onnxruntime refuses it in the proof."""
    for a in node.attribute:
        if a.name == "mode" and a.s in _GRID_SAMPLE_16_MODES:
            a.s = _GRID_SAMPLE_16_MODES[a.s]


def _same_signature(node: onnx.NodeProto, old: int, new: int) -> bool:
    """True when the node's schema at opset `old` differs from the one at `new` in type constraints only."""
    s_old, s_new = _schema(node.op_type, old, node.domain), _schema(node.op_type, new, node.domain)
    if s_old is None or s_new is None:
        return False
    if s_old.since_version == s_new.since_version:
        return True
    if node.op_type in _SEMANTIC_CHANGES:
        return False
    sig = lambda params: [(p.name, p.option) for p in params]  # noqa: E731
    if sig(s_old.inputs) != sig(s_new.inputs) or sig(s_old.outputs) != sig(s_new.outputs):
        return False
    return all(a.name in s_old.attributes for a in node.attribute)


def _set_opset(model: onnx.ModelProto, version: int) -> None:
    for o in model.opset_import:
        if o.domain in ("", "ai.onnx"):
            o.version = version


def _check(model: onnx.ModelProto) -> str | None:
    try:
        onnx.checker.check_model(model)
        onnx.shape_inference.infer_shapes(model, check_type=True, strict_mode=True)
    except Exception as e:
        return str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
    return None


_MASK = "rknnlint.opset-mask"


def _step_down(model: onnx.ModelProto, cur: int) -> onnx.ModelProto:
    """The model one opset lower. Ops that only gained types at `cur` are relabelled (the converter has no
    adapters for them: Reshape 19 -> 18, Relu 14 -> 13, ...): they are hidden in a private domain while
    onnx.version_converter adapts the others, then put back."""
    from onnx import version_converter

    v = cur - 1
    m = copy_model(model)
    default = [n for n in nodes(m) if n.domain in ("", "ai.onnx")]
    consts = constant_values(m)
    for n in default:
        _drop_default_attrs(n, v, cur, consts)
        if n.op_type == "GridSample" and cur == 20:
            _grid_sample_modes(n)
    same = [n for n in default if _same_signature(n, v, cur)]
    if len(same) < len(default):
        for n in same:
            n.domain = _MASK
        m.opset_import.append(onnx.helper.make_opsetid(_MASK, 1))
        try:
            m = version_converter.convert_version(m, v)
        except Exception as e:  # RuntimeError from the C++ converter
            text = str(e).strip().splitlines()[-1] if str(e).strip() else type(e).__name__
            raise ValueError(f"opset {cur} -> {v}: {text.split('failed: ')[-1]}") from None
        for n in nodes(m):
            if n.domain == _MASK:
                n.domain = ""
        keep = [o for o in m.opset_import if o.domain != _MASK]
        del m.opset_import[:]
        m.opset_import.extend(keep)
    _set_opset(m, v)
    err = _check(m)
    if err:
        raise ValueError(f"opset {cur} -> {v}: {err}")
    return m


def _typed_small_ints(model: onnx.ModelProto) -> onnx.ModelProto:
    """Small integer initializers and Constant values in typed fields instead of raw_data: the converter's
    adapters (ReduceMean 18 -> 17 axes, ...) read only the typed fields and would see empty axes."""
    from onnx import numpy_helper

    m = copy_model(model)

    def typed(t: onnx.TensorProto) -> onnx.TensorProto | None:
        if t.data_type not in (onnx.TensorProto.INT64, onnx.TensorProto.INT32) or not t.HasField("raw_data"):
            return None
        a = numpy_helper.to_array(t)
        if a.size > 64:
            return None
        return onnx.helper.make_tensor(t.name, t.data_type, list(t.dims), a.reshape(-1).tolist())

    for g in graphs(m):
        for i, t in enumerate(g.initializer):
            new = typed(t)
            if new is not None:
                g.initializer[i].CopyFrom(new)
        for n in g.node:
            if n.op_type == "Constant":
                for a in n.attribute:
                    if a.type == onnx.AttributeProto.TENSOR:
                        new = typed(a.t)
                        if new is not None:
                            a.t.CopyFrom(new)
    return m


def convert(model: onnx.ModelProto, target: int) -> tuple[onnx.ModelProto, str]:
    """The model at opset `target` and how it got there; ValueError with the reason when it cannot.

    onnx.version_converter first. It has no down-adapters for ops whose newer versions only added types,
    so when it fails the opset goes down one version at a time: ops whose schema differs only in type
    constraints are relabelled, the converter adapts the others, and each step is checked with
    onnx.checker and strict shape inference. The numeric proof in onnxruntime checks the result."""
    from onnx import version_converter

    src = opset_of(model)
    g = model.graph
    known = {v.name for v in g.input} | {t.name for t in g.initializer} | {o for n in g.node for o in n.output}
    orphan = [o.name for o in g.output if o.name not in known]
    if orphan:  # onnx 1.18's C++ converter dereferences the missing producer: a segfault, not an exception
        raise ValueError(f"graph output '{orphan[0]}' is produced by no node, input or initializer")
    model = _typed_small_ints(model)
    try:
        out = version_converter.convert_version(model, target)
        if _check(out) is None:
            return out, "onnx.version_converter"
        first_error = _check(out)
    except Exception as e:  # RuntimeError from the C++ converter
        first_error = str(e).strip().splitlines()[-1].split("failed: ")[-1] if str(e).strip() else type(e).__name__
    if target > src:
        raise ValueError(first_error)
    m, cur = model, src
    while cur > target:
        m = _step_down(m, cur)
        cur -= 1
    return m, "step by step: onnx.version_converter for changed ops, type-only changes relabelled"


def _target(model: onnx.ModelProto, wanted: int, hi: int) -> int:
    """`wanted`, raised to the opset that introduced the newest op of the model (LayerNormalization: 17),
    since an op has no version before its first one; at most `hi`."""
    newest = max((first_version(n.op_type) or 0 for n in nodes(model) if n.domain in ("", "ai.onnx")), default=0)
    return min(hi, max(wanted, newest))


@register_rewrite
class ConvertOpset(Rewrite):
    """rknn-toolkit2 2.5.0 refuses opset 20 and above ('Unsupport onnx opset 21, need <= 19!') and is
    documented for 12-19 (docs/facts.md#opset); it pins onnx <= 1.18, which reads IR <= 11. Opsets outside
    the window become `options.opset` (13); opsets inside it are kept."""

    name = "convert-opset"
    summary = "convert the opset into 12-19 (default 13) and the IR version to <= 11"
    applicability = Applicability.SAFE

    def apply(self, model: onnx.ModelProto, options: RewriteOptions) -> RewriteResult:
        src = opset_of(model)
        lo, hi = options.opset_window
        notes: list[str] = []
        out = model
        if src and (src > hi or src < lo):
            source = model
            try:
                if src > hi:
                    source, expanded = expand(model, hi, options.codes)
                    if expanded:
                        counts = {op: expanded.count(op) for op in dict.fromkeys(expanded)}
                        notes.append(f"expanded into older ops (no version at or below opset {hi} computes the "
                                     "same): " + ", ".join(f"{k} x{v}" for k, v in counts.items()))
                target = _target(source, options.opset, hi)
                try:
                    out, how = convert(source, target)
                except ValueError as e:
                    if target >= hi or not lo <= src - 1:
                        raise
                    # an op that needs a newer opset than the target (Shape-15 start / end: no adapter to 14):
                    # the top of the window keeps it
                    out, how = convert(source, hi)
                    how += f"; not {target}: {e}"
                    target = hi
            except ValueError as e:
                return RewriteResult(model, False, notes + [f"cannot convert opset {src} to {options.opset}: {e}"])
            notes.append(f"opset {src} -> {target} ({how})")
        if out.ir_version > options.max_ir_version:
            if out is model:
                out = copy_model(model)
            notes.append(f"IR version {out.ir_version} -> {options.max_ir_version}")
            out.ir_version = options.max_ir_version
        if out is model:
            return RewriteResult(model, False, [f"opset {src} and IR {model.ir_version} already inside the window"])
        return RewriteResult(out, True, notes)
