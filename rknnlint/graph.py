"""A read-only view of an ONNX graph: nodes with their locations, producers, consumers, shapes, constants."""
from __future__ import annotations

from collections.abc import Collection, Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np
import onnx
from onnx import AttributeProto, TensorProto

from .finding import Location

Dim = "int | str | None"  # an int, a symbolic name, or None when unknown
Shape = tuple  # tuple of dims

# Initializers up to this many elements keep their values for shape inference and folding;
# larger ones are passed as typed inputs so that neither copies the weights.
SMALL_TENSOR = 65536
MAX_SUBGRAPH_DEPTH = 64
# Float initializers matter to shape inference only as Resize scales or Range bounds: a few values. Larger
# ones (weights) are passed as typed inputs, which keeps the copy shape inference makes small.
SMALL_FLOAT = 64
_FLOATS = (TensorProto.FLOAT, TensorProto.FLOAT16, TensorProto.DOUBLE, TensorProto.BFLOAT16)


@dataclass(frozen=True)
class NodeRef:
    """A node plus where it sits: its index in its graph and the path of subgraphs above it."""

    node: onnx.NodeProto
    index: int
    graph_path: tuple[str, ...] = ()

    @property
    def op_type(self) -> str:
        return self.node.op_type

    @property
    def name(self) -> str:
        return self.node.name

    @property
    def domain(self) -> str:
        return self.node.domain

    @property
    def inputs(self) -> list[str]:
        return list(self.node.input)

    @property
    def outputs(self) -> list[str]:
        return list(self.node.output)

    @property
    def location(self) -> Location:
        return Location(self.graph_path, self.index, self.node.op_type, self.node.name)

    @property
    def label(self) -> str:
        """Short human name: the node name, else its op type and first output."""
        return self.node.name or f"{self.node.op_type}->{self.node.output[0] if self.node.output else '?'}"

    @property
    def quoted_name(self) -> str:
        """How a finding's message cites the node: its name in quotes, else '#' and its index."""
        return f"'{self.node.name}'" if self.node.name else f"#{self.index}"

    def attr(self, name: str, default: Any = None) -> Any:
        for a in self.node.attribute:
            if a.name == name:
                return onnx.helper.get_attribute_value(a) if a.type != AttributeProto.TENSOR else a.t
        return default

    def has_attr(self, name: str) -> bool:
        return any(a.name == name for a in self.node.attribute)

    def __hash__(self) -> int:
        return hash((self.graph_path, self.index))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, NodeRef) and (self.graph_path, self.index) == (other.graph_path, other.index)


def _dims(type_proto: onnx.TypeProto) -> Shape | None:
    if type_proto.WhichOneof("value") != "tensor_type" or not type_proto.tensor_type.HasField("shape"):
        return None
    out = []
    for d in type_proto.tensor_type.shape.dim:
        kind = d.WhichOneof("value")
        out.append(d.dim_value if kind == "dim_value" else (d.dim_param or None) if kind == "dim_param" else None)
    return tuple(out)


class ModelView:
    """Everything a rule asks about a model, computed once per model and shared by all rules and targets."""

    def __init__(self, model: onnx.ModelProto, path: str | Path | None = None):
        self.model = model
        self.path = Path(path) if path else None
        self.graph = model.graph
        self.initializers: dict[str, TensorProto] = {t.name: t for t in self.graph.initializer}
        self.inputs = [vi for vi in self.graph.input if vi.name not in self.initializers]
        self.outputs = list(self.graph.output)
        self.output_names = [o.name for o in self.outputs]
        self.opsets = {o.domain or "ai.onnx": o.version for o in model.opset_import}
        self.opset = self.opsets.get("ai.onnx", self.opsets.get("", 0))
        self.main_nodes = [NodeRef(n, i) for i, n in enumerate(self.graph.node)]
        self.producer: dict[str, NodeRef] = {}
        self.consumers: dict[str, list[NodeRef]] = {}
        for ref in self.main_nodes:
            for o in ref.node.output:
                if o:
                    self.producer[o] = ref
            for i in ref.node.input:
                if i:
                    self.consumers.setdefault(i, []).append(ref)
        self.shape_inference_error: str | None = None
        self._types: dict[str, tuple[int, Shape | None]] = {}
        self._infer()

    # -- nodes -------------------------------------------------------------------------------
    @cached_property
    def nodes(self) -> list[NodeRef]:
        """All nodes, the main graph first, then every subgraph of If/Loop/Scan, depth first."""
        out: list[NodeRef] = []

        def walk(graph: onnx.GraphProto, path: tuple[str, ...]):
            if len(path) > 2 * MAX_SUBGRAPH_DEPTH:
                from .errors import ModelLoadError

                raise ModelLoadError(f"subgraphs nested more than {MAX_SUBGRAPH_DEPTH} deep; refused")
            for i, n in enumerate(graph.node):
                out.append(NodeRef(n, i, path))
                for a in n.attribute:
                    tag = f'node[{i}]({n.op_type}, "{n.name}")'
                    if a.type == AttributeProto.GRAPH:
                        walk(a.g, path + (tag, a.name))
                    elif a.type == AttributeProto.GRAPHS:
                        for k, g in enumerate(a.graphs):
                            walk(g, path + (tag, f"{a.name}[{k}]"))

        walk(self.graph, ())
        return out

    def nodes_of(self, *op_types: str) -> Iterator[NodeRef]:
        for ref in self.main_nodes:
            if ref.op_type in op_types and ref.domain in ("", "ai.onnx"):
                yield ref

    def consumers_of(self, name: str) -> list[NodeRef]:
        return self.consumers.get(name, [])

    def producer_of(self, name: str) -> NodeRef | None:
        return self.producer.get(name)

    # -- types and shapes --------------------------------------------------------------------
    def _infer(self) -> None:
        for vi in list(self.graph.input) + list(self.graph.output) + list(self.graph.value_info):
            self._types[vi.name] = (vi.type.tensor_type.elem_type, _dims(vi.type))
        for t in self.graph.initializer:
            self._types[t.name] = (t.data_type, tuple(int(d) for d in t.dims))
        light = self._light_model()
        try:
            inferred = onnx.shape_inference.infer_shapes(light, check_type=False, strict_mode=False, data_prop=True)
        except Exception as e:  # a malformed graph: rules see unknown shapes and say so
            self.shape_inference_error = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
            return
        types = self._types
        for vi in list(inferred.graph.value_info) + list(inferred.graph.output):
            dims = _dims(vi.type)
            if dims is not None or vi.type.WhichOneof("value") == "tensor_type":
                old = types.get(vi.name)
                if (old and old[1] is not None and dims is not None and len(old[1]) == len(dims)
                        and not all(type(n) is int for n in dims)):
                    # keep declared concrete dims where inference left them symbolic
                    dims = tuple(o if isinstance(o, int) and not isinstance(n, int) else n for o, n in zip(old[1], dims))
                types[vi.name] = (vi.type.tensor_type.elem_type or (old[0] if old else 0), dims)

    def _light_model(self) -> onnx.ModelProto:
        """The model with large initializers replaced by typed graph inputs: same shapes, no weight copies."""
        import math

        g = self.graph
        small, big_inputs = [], []
        for t in g.initializer:
            n = math.prod(t.dims)
            if n <= (SMALL_TENSOR if t.data_type not in _FLOATS else SMALL_FLOAT) and t.data_location != TensorProto.EXTERNAL:
                small.append(t)
            else:  # as onnx.helper.make_tensor_value_info(name, type, dims) makes it, without its checks
                vi = onnx.ValueInfoProto(name=t.name)
                tt = vi.type.tensor_type
                tt.elem_type = t.data_type
                tt.shape.SetInParent()
                for d in t.dims:
                    tt.shape.dim.add().dim_value = d
                big_inputs.append(vi)
        m = onnx.ModelProto()
        m.ir_version = self.model.ir_version
        m.opset_import.extend(self.model.opset_import)
        m.functions.extend(self.model.functions)
        graph = m.graph
        graph.name = g.name
        graph.node.extend(g.node)
        graph.initializer.extend(small)
        graph.input.extend([vi for vi in g.input if vi.name not in self.initializers] + big_inputs)
        graph.output.extend(g.output)
        graph.value_info.extend(g.value_info)
        return m

    @cached_property
    def checker_model(self) -> onnx.ModelProto:
        """The light model for onnx's checker: also the graph-input entries of the small initializers it keeps
        (IR < 4 requires them), so the checker sees the declarations the file has, without the weights."""
        m = self._light_model()
        kept = {t.name for t in m.graph.initializer}
        m.graph.input.extend(vi for vi in self.graph.input if vi.name in kept)
        for f in ("producer_name", "producer_version", "domain", "model_version", "doc_string"):
            setattr(m, f, getattr(self.model, f))
        m.metadata_props.extend(self.model.metadata_props)
        return m

    def shape(self, name: str) -> Shape | None:
        t = self._types.get(name)
        return t[1] if t else None

    def dtype(self, name: str) -> int:
        """ONNX elem type of a value (TensorProto.FLOAT, ...), 0 when unknown."""
        t = self._types.get(name)
        return t[0] if t else 0

    def rank(self, name: str) -> int | None:
        s = self.shape(name)
        return None if s is None else len(s)

    def static_shape(self, name: str) -> tuple[int, ...] | None:
        s = self.shape(name)
        if s is None or any(not isinstance(d, int) or d < 0 for d in s):
            return None
        return tuple(s)

    @cached_property
    def value_names(self) -> list[str]:
        return sorted(self._types)

    # -- constants ---------------------------------------------------------------------------
    def is_initializer(self, name: str) -> bool:
        return name in self.initializers

    @cached_property
    def _folded(self) -> dict[str, np.ndarray]:
        from .fold import fold_constants

        return fold_constants(self)

    def const_value(self, name: str) -> np.ndarray | None:
        """The value of a tensor that is constant (initializer, Constant, or foldable small arithmetic)."""
        if not name:
            return None
        return self._folded.get(name)

    def axes(self, ref: NodeRef, pos: int = 1) -> list[int] | None:
        """The axes a node names: its `axes` attribute (Reduce* before opset 18, Squeeze / Unsqueeze before 13), else
        its constant input at `pos`; [] where it names none, None where the network computes them."""
        if ref.attr("axes") is not None:
            return [int(a) for a in ref.attr("axes")]
        if len(ref.node.input) > pos and ref.node.input[pos]:
            v = self.const_value(ref.node.input[pos])
            return None if v is None else [int(a) for a in np.asarray(v).reshape(-1)]
        return []

    def stored_tensor(self, name: str) -> TensorProto | None:
        """The TensorProto a value is stored as: its initializer, or the `value` of the Constant node making it; None
        for a computed value (how it is stored, raw bytes or a typed field, matters to the toolkit, not only what)."""
        t = self.initializers.get(name)
        if t is None:
            p = self.producer.get(name)
            if p is not None and p.op_type == "Constant":
                t = next((a.t for a in p.node.attribute if a.name == "value" and a.type == AttributeProto.TENSOR), None)
        return t

    def initializer_value(self, name: str) -> np.ndarray | None:
        """An initializer's numbers; external data is read from inside the model's folder only."""
        t = self.initializers.get(name)
        if t is None:
            return None
        return tensor_to_array(t, self.path.parent if self.path else None)

    def is_constant(self, name: str) -> bool:
        """True when the value does not depend on any graph input (weights, constants, and their arithmetic)."""
        return not self.depends_on_inputs(name, through_shape=True)

    def depends_on_inputs(self, name: str, through_shape: bool = False) -> bool:
        """Whether a value depends on graph-input data; Shape/Size cut the chain unless through_shape."""
        fwd = self._dependent_values(through_shape)
        if fwd is not None:
            return name in fwd
        key = (name, through_shape)
        memo = self._dep_memo
        if key in memo:
            return memo[key]
        stack, seen, result = [name], set(), False
        input_names = {vi.name for vi in self.inputs}
        while stack and not result:
            n = stack.pop()
            if n in seen or not n:
                continue
            seen.add(n)
            if n in input_names or memo.get((n, through_shape)):  # reached a value known to depend on inputs
                result = True
                break
            ref = self.producer.get(n)
            if ref is None:
                continue
            if ref.op_type in ("Shape", "Size") and not through_shape:
                continue
            if ref.op_type in _RANDOM_OPS:
                result = True
                break
            stack.extend(ref.node.input)
            # values captured by subgraphs count as inputs of the If/Loop node
            for a in ref.node.attribute:
                if a.type == AttributeProto.GRAPH:
                    stack.extend(_outer_names(a.g))
        memo[key] = result
        return result

    @cached_property
    def _dep_memo(self) -> dict:
        return {}

    def _dependent_values(self, through_shape: bool) -> set[str] | None:
        """Every main-graph value that depends on graph-input data, in one pass over the nodes (which ONNX
        keeps in topological order); None when they are not in order (then depends_on_inputs walks back)."""
        cache = self._dep_sets
        if through_shape not in cache:
            cache[through_shape] = self._forward_dependence(through_shape)
        return cache[through_shape]

    @cached_property
    def _dep_sets(self) -> dict:
        return {}

    def _forward_dependence(self, through_shape: bool) -> set[str] | None:
        dep = {vi.name for vi in self.inputs}
        for ref in self.main_nodes:
            n = ref.node
            ins = [i for i in n.input if i]
            for a in n.attribute:
                if a.type == AttributeProto.GRAPH:
                    ins.extend(_outer_names(a.g))
            for i in ins:
                p = self.producer.get(i)
                if p is not None and p.index >= ref.index:
                    return None  # not in topological order (or a cycle)
            if n.op_type in ("Shape", "Size") and not through_shape:
                continue
            if n.op_type in _RANDOM_OPS or any(i in dep for i in ins):
                dep.update(o for o in n.output if o)
        return dep

    # -- walking -------------------------------------------------------------------------------
    def behind(self, name: str, ops: Collection[str], limit: int = 10_000) -> NodeRef | None:
        """The first producer of a value that is not one of `ops`, going back through their data input (input 0),
        at most `limit` hops; None when the walk reaches a graph input or an initializer, or runs out of hops."""
        ref = self.producer.get(name)
        for _ in range(limit):
            if ref is None or ref.op_type not in ops or not ref.node.input:
                break
            ref = self.producer.get(ref.node.input[0])
        else:
            return None
        return ref

    def upstream(self, name: str, limit: int = 10_000) -> Iterator[NodeRef]:
        """Producers of a value and of everything it is computed from, nearest first."""
        seen, queue = set(), [name]
        while queue and len(seen) < limit:
            n = queue.pop(0)
            ref = self.producer.get(n)
            if ref is None or ref in seen:
                continue
            seen.add(ref)
            yield ref
            queue.extend(i for i in ref.node.input if i)

    def downstream(self, name: str, limit: int = 10_000) -> Iterator[NodeRef]:
        """Consumers of a value and everything computed from it, nearest first."""
        seen, queue = set(), [name]
        while queue and len(seen) < limit:
            n = queue.pop(0)
            for ref in self.consumers.get(n, []):
                if ref in seen:
                    continue
                seen.add(ref)
                yield ref
                queue.extend(o for o in ref.node.output if o)


_RANDOM_OPS = ("RandomNormalLike", "RandomUniformLike", "RandomNormal", "RandomUniform", "Multinomial", "Bernoulli")


def _outer_names(graph: onnx.GraphProto) -> set[str]:
    """Names a subgraph reads from its enclosing scope."""
    local = {i.name for i in graph.input} | {t.name for t in graph.initializer}
    for n in graph.node:
        local.update(n.output)
    outer = set()
    for n in graph.node:
        for i in n.input:
            if i and i not in local:
                outer.add(i)
        for a in n.attribute:
            if a.type == AttributeProto.GRAPH:
                outer |= {x for x in _outer_names(a.g) if x not in local}
    return outer


def tensor_to_array(t: TensorProto, base_dir: Path | None) -> np.ndarray | None:
    """numpy value of a TensorProto; None when its external data cannot be read safely."""
    from onnx import numpy_helper

    if t.data_location == TensorProto.EXTERNAL:
        if base_dir is None:
            return None
        from .loader import check_external_location

        entries = {e.key: e.value for e in t.external_data}
        path = check_external_location(base_dir, entries.get("location", ""), t.name)
        offset = int(entries.get("offset", 0) or 0)
        length = entries.get("length")
        dtype = onnx.helper.tensor_dtype_to_np_dtype(t.data_type)
        count = int(np.prod(t.dims)) if len(t.dims) else 1
        with open(path, "rb") as f:
            f.seek(offset)
            raw = f.read(int(length) if length else count * dtype.itemsize)
        if len(raw) < count * dtype.itemsize:
            return None
        return np.frombuffer(raw[: count * dtype.itemsize], dtype=dtype).reshape(tuple(t.dims))
    try:
        return numpy_helper.to_array(t)
    except Exception:
        return None
