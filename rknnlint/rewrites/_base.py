"""The rewrite contract: a named graph transformation with an applicability and a numeric contract.

A rewrite knows nothing of findings: `apply(model, options)` returns a new model (the input is never
modified), whether anything changed, and notes for humans. The fixer (rknnlint.fixer) decides which
rewrites to run, validates, re-checks and proves the numbers.
"""
from __future__ import annotations

import enum
import importlib
import pkgutil
from dataclasses import dataclass, field
from typing import Any, ClassVar

import onnx

from ..errors import UsageError

TAG_PREFIX = "rknnlint-fix:"


def listed(names: list[str], most: int = 3, quote: bool = True) -> str:
    """The first `most` names (quoted) and how many more: a rewrite's note stays one line on a large model."""
    head = ", ".join(f"'{n}'" if quote else n for n in names[:most])
    return head + (f" and {len(names) - most} more" if len(names) > most else "")


class Applicability(str, enum.Enum):
    """Whether `rknnlint fix` applies a rewrite on its own.

    safe: outputs do not change (proven in onnxruntime) and the interface stays: applied by default.
    unsafe: the interface (dtype, outputs) or the numbers may change: needs --unsafe-fixes or its own flag.
    display-only: offered as advice; applied only when named with --rewrite.
    """

    SAFE = "safe"
    UNSAFE = "unsafe"
    DISPLAY_ONLY = "display-only"


@dataclass(frozen=True)
class Tolerance:
    """How close the fixed model's outputs must be to the original's.

    |fixed - original| <= atol + rtol * |original| elementwise (numpy.allclose), where atol is multiplied
    by max(1, max|original|) when `scaled` (for lower-precision originals such as float16).
    `approximate`: the rewrite changes the numbers by design; the proof reports the difference
    instead of failing.
    """

    rtol: float = 1e-4
    atol: float = 1e-5
    scaled: bool = False
    approximate: bool = False

    def describe(self) -> str:
        if self.approximate:
            return "approximate"
        return f"rtol {self.rtol:g}, atol {self.atol:g}" + (" x max|output|" if self.scaled else "")

    def loosest(self, other: Tolerance) -> Tolerance:
        return Tolerance(max(self.rtol, other.rtol), max(self.atol, other.atol), self.scaled or other.scaled,
                         self.approximate or other.approximate)


EXACT = Tolerance()


class RewriteRefused(UsageError):
    """The user asked for a rewrite that cannot apply (bad --input-shape, no head boundary, ...): exit 2."""


def _max_ir_version() -> int:
    from ..toolkit.versions import facts, version_of

    return facts(version_of()).max_ir_version


@dataclass(frozen=True)
class RewriteOptions:
    """What a rewrite may need from the command line; each rewrite reads only its own fields."""

    input_shapes: dict[str, tuple[int, ...]] = field(default_factory=dict)
    input_values: dict[str, str] = field(default_factory=dict)  # --input-value NAME=VALUE (pin-input-values)
    opset: int = 13  # target of convert-opset when the source is outside the window
    opset_window: tuple[int, int] = (12, 19)  # documented window; convert-opset keeps opsets inside it
    # what the onnx pinned by the toolkit version reads (rules/toolkit/<version>.yaml)
    max_ir_version: int = field(default_factory=lambda: _max_ir_version())
    cut_head: str | None = None  # "auto", "zoo" (rknn_model_zoo's YOLO layout) or comma-separated tensor names
    channel_align: int = 8  # pad-channels: C2 of the target for the planned dtype
    max_rank: int = 4  # reduce-rank: the target's `max_rank` fact (rules/common.yaml)
    # shorten-output-names: output names longer than this are cut (`int8_output_name_max`, RKN105)
    max_output_name: int = 127
    allow_unsafe: bool = False  # a rewrite with safe and unsafe cases does the unsafe ones only when True
    explicit: bool = False  # the user named this rewrite (a refusal is then an error, not a note)
    codes: tuple[str, ...] = ()  # rule codes that asked for this rewrite, written into node doc_strings
    fold_size_limit: int = 1 << 22  # pin-input-shapes folds constants up to this many bytes
    # a ModelView the caller already has (the fix loop's check): a rewrite may use it when view.model is the
    # very model it is given, instead of building its own
    view: Any = field(default=None, compare=False, repr=False)

    def view_of(self, model: onnx.ModelProto):
        """A ModelView of `model`: the caller's when it is of this very model, else a new one."""
        from ..graph import ModelView

        return self.view if self.view is not None and self.view.model is model else ModelView(model)


@dataclass
class RewriteResult:
    """What apply() returns. `extra` carries artefacts: 'tail' (the cut-off post-processing model),
    'renamed' (old -> new interface names)."""

    model: onnx.ModelProto
    changed: bool
    notes: list[str] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)

    def __iter__(self):  # `model, changed, notes = rewrite.apply(...)`
        return iter((self.model, self.changed, self.notes))


class Rewrite:
    """Base class: subclasses set the class attributes and implement apply()."""

    name: ClassVar[str]
    summary: ClassVar[str] = ""
    applicability: ClassVar[Applicability] = Applicability.SAFE
    tolerance: ClassVar[Tolerance] = EXACT
    # the rewrite has safe cases even though its applicability is unsafe: the fixer runs it without
    # --unsafe-fixes with allow_unsafe=False
    has_safe_cases: ClassVar[bool] = False

    def apply(self, model: onnx.ModelProto, options: RewriteOptions) -> RewriteResult:
        raise NotImplementedError

    def tolerance_for(self, result: RewriteResult) -> Tolerance:
        """The numeric contract of one application (a rewrite may be exact in some cases only)."""
        return result.extra.get("tolerance", self.tolerance)


_REGISTRY: dict[str, type[Rewrite]] = {}
_loaded = False


def register_rewrite(cls: type[Rewrite]) -> type[Rewrite]:
    """Class decorator: add a rewrite to the registry by its kebab-case name."""
    other = _REGISTRY.get(cls.name)
    if other is not None and other.__qualname__ != cls.__qualname__:
        raise ValueError(f"rewrite {cls.name!r} registered twice")
    _REGISTRY[cls.name] = cls
    return cls


def all_rewrites() -> dict[str, type[Rewrite]]:
    global _loaded
    if not _loaded:
        _loaded = True
        pkg = importlib.import_module("rknnlint.rewrites")
        for info in pkgutil.iter_modules(pkg.__path__):
            if not info.name.startswith("_"):
                importlib.import_module(f"rknnlint.rewrites.{info.name}")
    return dict(sorted(_REGISTRY.items()))


def get_rewrite(name: str) -> Rewrite:
    rewrites = all_rewrites()
    if name not in rewrites:
        raise UsageError(f"unknown rewrite '{name}' (known: {', '.join(rewrites)})")
    return rewrites[name]()


# -- helpers shared by rewrites ---------------------------------------------------------------------

def copy_model(model: onnx.ModelProto) -> onnx.ModelProto:
    m = onnx.ModelProto()
    m.CopyFrom(model)
    return m


def begin(model: onnx.ModelProto, prefix: str | None = None):
    """The start of a rewrite's apply(): (a ModelView of the input, a copy to edit, a NameMaker on the copy
    whose fresh names start with `prefix`, or None without a prefix). The input model is never edited."""
    from ..graph import ModelView

    view = ModelView(model)
    out = copy_model(model)
    return view, out, NameMaker(out, prefix) if prefix else None


def tag(node: onnx.NodeProto, rewrite: str, codes: tuple[str, ...] = ()) -> None:
    """Record in the node's doc_string which rewrite (and which rule) made or changed it."""
    text = f"{TAG_PREFIX} {rewrite}" + (f" ({', '.join(codes)})" if codes else "")
    if text in node.doc_string:
        return
    node.doc_string = f"{node.doc_string}\n{text}" if node.doc_string else text


def tags_of(node: onnx.NodeProto) -> list[str]:
    """Rewrite names recorded in a node's doc_string."""
    return [line.split(":", 1)[1].strip().split(" ")[0] for line in node.doc_string.splitlines()
            if line.startswith(TAG_PREFIX)]


class NameMaker:
    """Fresh tensor and node names that do not collide with anything in the model."""

    def __init__(self, model: onnx.ModelProto, prefix: str):
        self.prefix = prefix
        self.used: set[str] = set()
        self._collect(model.graph)
        self.n = 0

    def _collect(self, g: onnx.GraphProto) -> None:
        self.used.update(t.name for t in g.initializer)
        self.used.update(v.name for v in list(g.input) + list(g.output) + list(g.value_info))
        for n in g.node:
            self.used.update(n.output)
            self.used.update(n.input)
            self.used.add(n.name)
            for a in n.attribute:
                if a.type == onnx.AttributeProto.GRAPH:
                    self._collect(a.g)
                elif a.type == onnx.AttributeProto.GRAPHS:
                    for sg in a.graphs:
                        self._collect(sg)

    def __call__(self, hint: str = "") -> str:
        while True:
            self.n += 1
            name = f"{self.prefix}/{hint}_{self.n}" if hint else f"{self.prefix}/{self.n}"
            if name not in self.used:
                self.used.add(name)
                return name


def drop_value_info(graph: onnx.GraphProto, names: set[str] | None = None) -> None:
    """Remove (stale) value_info entries: all of them, or those of `names`."""
    keep = [vi for vi in graph.value_info if names is not None and vi.name not in names]
    del graph.value_info[:]
    graph.value_info.extend(keep)


def clear_output_shapes(graph: onnx.GraphProto, names: set[str] | None = None) -> None:
    """Forget declared output shapes that a rewrite made stale (shape inference fills them again)."""
    for o in graph.output:
        if (names is None or o.name in names) and o.type.HasField("tensor_type"):
            o.type.tensor_type.ClearField("shape")


def restore_output_types(graph: onnx.GraphProto, original: onnx.GraphProto) -> None:
    """Give back an output's declared type where shape inference could not fill it again after clear_output_shapes
    (an output behind an If folded while other inputs are still symbolic): onnx.checker requires the shape of a
    graph output, and the declaration (symbolic dims included) still holds for the same values."""
    declared = {o.name: o for o in original.output}
    for o in graph.output:
        if o.name in declared and o.type.HasField("tensor_type") and not o.type.tensor_type.HasField("shape"):
            o.type.CopyFrom(declared[o.name].type)


_SHAPE_FREE = frozenset({onnx.TensorProto.FLOAT, onnx.TensorProto.FLOAT16, onnx.TensorProto.DOUBLE,
                         onnx.TensorProto.BFLOAT16})


def weightless(model: onnx.ModelProto) -> onnx.ModelProto | None:
    """A copy of the model for shape inference whose float weights over 64 elements (and external ones) are
    typed graph inputs of the same dims: their values never decide a shape, and sending them through
    inference serializes and parses them twice (~12 s of a 128 MB model's pin-input-shapes). Integer and
    small initializers stay (Reshape targets, Resize scales are read). None when nothing would move."""
    import math

    from onnx import TensorProto

    g = model.graph
    heavy = [t for t in g.initializer if t.data_location == TensorProto.EXTERNAL
             or (t.data_type in _SHAPE_FREE and math.prod(t.dims) > 64)]
    if not heavy:
        return None
    light = onnx.ModelProto()
    for f in ("ir_version", "producer_name", "producer_version", "domain", "model_version", "doc_string"):
        setattr(light, f, getattr(model, f))
    light.opset_import.extend(model.opset_import)
    light.functions.extend(model.functions)
    lg = light.graph
    lg.name = g.name
    lg.node.extend(g.node)
    lg.input.extend(g.input)
    lg.output.extend(g.output)
    lg.value_info.extend(g.value_info)
    lg.sparse_initializer.extend(g.sparse_initializer)
    moved = {t.name for t in heavy}
    lg.initializer.extend(t for t in g.initializer if t.name not in moved)
    declared = {vi.name for vi in g.input}
    lg.input.extend(onnx.helper.make_tensor_value_info(t.name, t.data_type, list(t.dims))
                    for t in heavy if t.name not in declared)
    return light


def infer(model: onnx.ModelProto, strict: bool = False, in_place: bool = False) -> onnx.ModelProto:
    """onnx shape inference with data propagation; the input model unchanged. It runs on a copy without
    the large float weights (see weightless); nodes (subgraph value_info), value_info and outputs come
    back from it, so the result is the one inference on the whole model gives. strict=True raises on
    shape contradictions. in_place=True writes the result into `model` (a copy the caller owns) and
    returns it, saving a copy of the weights."""
    light = weightless(model)
    if light is None:
        return onnx.shape_inference.infer_shapes(model, check_type=False, strict_mode=strict, data_prop=True)
    inf = onnx.shape_inference.infer_shapes(light, check_type=False, strict_mode=strict, data_prop=True).graph
    if in_place:
        out = model
    else:
        out = onnx.ModelProto()
        out.CopyFrom(model)
    g = out.graph
    for part in ("node", "value_info", "output"):
        del getattr(g, part)[:]
        getattr(g, part).extend(getattr(inf, part))
    return out


def static_shapes(model: onnx.ModelProto) -> dict[str, tuple[int, ...]]:
    """Static shapes of every value after shape inference (initializers included)."""
    inferred = infer(model)
    g = inferred.graph
    out: dict[str, tuple[int, ...]] = {}
    for vi in list(g.input) + list(g.output) + list(g.value_info):
        t = vi.type.tensor_type
        if not vi.type.HasField("tensor_type") or not t.HasField("shape"):
            continue
        dims = []
        for d in t.shape.dim:
            if d.HasField("dim_value") and d.dim_value >= 0:
                dims.append(int(d.dim_value))
            else:
                break
        else:
            out[vi.name] = tuple(dims)
    for t in g.initializer:
        out[t.name] = tuple(int(d) for d in t.dims)
    return out


def elem_types(model: onnx.ModelProto) -> dict[str, int]:
    inferred = infer(model)
    g = inferred.graph
    out = {vi.name: vi.type.tensor_type.elem_type for vi in list(g.input) + list(g.output) + list(g.value_info)
           if vi.type.HasField("tensor_type")}
    out.update({t.name: t.data_type for t in g.initializer})
    return out


def constant_values(model: onnx.ModelProto) -> dict[str, Any]:
    """numpy values of initializers and Constant outputs of the main graph (no folding)."""
    from onnx import numpy_helper

    out: dict[str, Any] = {t.name: numpy_helper.to_array(t) for t in model.graph.initializer}
    for n in model.graph.node:
        if n.op_type == "Constant" and n.domain in ("", "ai.onnx") and len(n.output) == 1:
            for a in n.attribute:
                if a.name == "value":
                    out[n.output[0]] = numpy_helper.to_array(a.t)
                elif a.name == "value_ints":
                    import numpy as np

                    out[n.output[0]] = np.asarray(list(a.ints), dtype=np.int64)
                elif a.name == "value_int":
                    import numpy as np

                    out[n.output[0]] = np.asarray(a.i, dtype=np.int64)
                elif a.name == "value_floats":
                    import numpy as np

                    out[n.output[0]] = np.asarray(list(a.floats), dtype=np.float32)
                elif a.name == "value_float":
                    import numpy as np

                    out[n.output[0]] = np.asarray(a.f, dtype=np.float32)
    return out


def opset_of(model: onnx.ModelProto) -> int:
    for o in model.opset_import:
        if o.domain in ("", "ai.onnx"):
            return int(o.version)
    return 0
