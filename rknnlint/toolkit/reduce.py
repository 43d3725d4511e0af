"""`rknnlint build --reduce`: bisect a model whose trial build fails to the smallest subgraph that fails the same way.

Polygraphy's `debug reduce`, for RKNN. Candidates are cut with onnx.utils.Extractor: a window of the nodes in
topological order and a set of its output values; the values entering the window become graph inputs with
their inferred static shapes (constants and shape computations feeding the window are kept). Each candidate is
built by the toolkit child (runner.run_build) with a timeout, and counts as failing only when its failure has
the same signature (status, stage, signal, crashing pass, exception classes, mapped rule) as the original's.

The search, each step a binary search that assumes a failing candidate keeps failing when it grows:
1. the shortest prefix whose frontier (its values read later or graph outputs) still fails;
2. the fewest of those frontier values still failing (halves, then quarters, ...);
3. the latest window start that still fails;
4. inside that window, the fewest nodes to keep (delta debugging): a node left out becomes a cut, its data
   outputs graph inputs, and what only it needed goes with it.
The build count is bounded (DEFAULT_MAX_BUILDS, --max-builds); the smallest failing candidate found so far is
the repro when the budget runs out.
"""
from __future__ import annotations

import math
import os
import re
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

DEFAULT_MAX_BUILDS = 40
# a candidate build gets this many times the original build's time (at least MIN_TIMEOUT s, at most --timeout)
TIMEOUT_FACTOR = 4.0
MIN_TIMEOUT = 60.0
MOTIF_CONST_MAX = 16  # constant inputs up to this many values are spelled out in the motif
_KEY_ATTR_TYPES = ("INT", "FLOAT", "STRING", "INTS", "FLOATS", "STRINGS")
_ERROR_CLASS = re.compile(r"\b([A-Z]\w*(?:Error|Exception))\b")


@dataclass(frozen=True)
class Signature:
    """How a build failed, without the names and numbers that change when the graph is cut."""

    status: str  # failed | crashed | timeout
    stage: str = ""  # load | build | ... (the child's last stage)
    signal: int = 0
    pass_name: str = ""  # the toolkit pass it crashed in (_p_...)
    error_classes: tuple[str, ...] = ()  # exception classes in the error line, outermost first
    code: str = ""  # the rule code the failure maps to

    @classmethod
    def of(cls, raw, outcome) -> Signature:
        res = raw.result or {}
        pass_name = code = ""
        for f in outcome.findings:
            if int(f.severity) >= 3 and not code:  # Severity.ERROR
                code = f.code
                pass_name = f.data.get("pass", "") or ""
        if not pass_name:
            m = re.search(r"_p_(\w+)", str(res.get("traceback", "")))
            pass_name = f"_p_{m.group(1)}" if m else ""
        if not pass_name and raw.signal:  # a native crash: the compiler pass that started and never ended
            pass_name = _open_native_pass(raw.stdout + "\n" + raw.stderr)
        classes = tuple(dict.fromkeys(_ERROR_CLASS.findall(outcome.error or "")))
        return cls(str(outcome.status), str(res.get("stage", "")), raw.signal, pass_name, classes, code)

    def describe(self) -> str:
        if self.status == "crashed":
            import signal as _signal

            try:
                sname = _signal.Signals(self.signal).name if self.signal else "an exit without a message"
            except ValueError:
                sname = f"signal {self.signal}"
            text = f"crashed with {sname} during {self.stage or '?'}"
        elif self.status == "timeout":
            text = f"timed out during {self.stage or '?'}"
        else:
            text = f"failed in {self.stage or '?'}"
            if self.error_classes:
                text += ": " + " / ".join(self.error_classes)
        if self.pass_name:
            text += f" in {self.pass_name}"
        return text + (f" ({self.code})" if self.code else "")

    def to_dict(self) -> dict[str, Any]:
        return {"status": self.status, "stage": self.stage or None, "signal": self.signal or None,
                "pass": self.pass_name or None, "error_classes": list(self.error_classes), "code": self.code or None,
                "text": self.describe()}


@dataclass
class ReduceResult:
    """What the reduction found: the repro (written next to the model), its size, failure and motif."""

    model: str
    signature: Signature
    nodes_before: int
    repro: str | None = None  # path of <model>.repro.onnx; None when no smaller failing subgraph was found
    nodes_after: int = 0
    builds: int = 0
    max_builds: int = DEFAULT_MAX_BUILDS
    stopped: str = "done"  # done | max-builds
    motif: list[dict[str, Any]] = field(default_factory=list)
    inputs: list[dict[str, Any]] = field(default_factory=list)
    outputs: list[str] = field(default_factory=list)
    steps: list[dict[str, Any]] = field(default_factory=list)
    note: str = ""
    patterns: list[tuple[str, str]] = field(default_factory=list)  # measured crash patterns in the repro (RKN709)

    def to_dict(self) -> dict[str, Any]:
        return {"model": self.model, "repro": self.repro, "nodes_before": self.nodes_before,
                "nodes_after": self.nodes_after, "builds": self.builds, "max_builds": self.max_builds,
                "stopped": self.stopped, "signature": self.signature.to_dict(), "motif": self.motif,
                "motif_text": motif_text(self.motif), "inputs": self.inputs, "outputs": self.outputs,
                "steps": self.steps, "note": self.note or None,
                "patterns": [{"pattern": p, "node": n} for p, n in self.patterns]}


def repro_path(model: str | Path, out_dir: str | Path | None = None) -> Path:
    p = Path(model)
    name = (p.name[: -len(".onnx")] if p.name.endswith(".onnx") else p.name) + ".repro.onnx"
    return (Path(out_dir) if out_dir else p.parent) / name


def key_attributes(node) -> dict[str, Any]:
    """A node's scalar, string and short list attributes (tensors and subgraphs left out)."""
    import onnx

    out: dict[str, Any] = {}
    for a in node.attribute:
        kind = onnx.AttributeProto.AttributeType.Name(a.type)
        if kind not in _KEY_ATTR_TYPES:
            continue
        v = onnx.helper.get_attribute_value(a)
        if isinstance(v, bytes):
            v = v.decode(errors="replace")
        elif isinstance(v, list):
            if len(v) > 8:
                continue
            v = [x.decode(errors="replace") if isinstance(x, bytes) else x for x in v]
        if isinstance(v, float):
            v = round(v, 6)
        out[a.name] = v
    return out


def motif_of(model) -> list[dict[str, Any]]:
    """The repro's nodes without its Constants: op type, key attributes, and input/output shapes."""
    import onnx

    inferred = onnx.shape_inference.infer_shapes(model)
    shapes = {}
    for vi in list(inferred.graph.input) + list(inferred.graph.value_info) + list(inferred.graph.output):
        t = vi.type.tensor_type
        if t.HasField("shape"):
            shapes[vi.name] = [d.dim_value if d.HasField("dim_value") else (d.dim_param or "?") for d in t.shape.dim]
    from onnx import numpy_helper

    consts: dict[str, list] = {}  # small constant inputs (Reshape shapes, Slice starts, Resize scales): part of the motif
    for t in model.graph.initializer:
        shapes[t.name] = list(t.dims)
        if math.prod(t.dims) <= MOTIF_CONST_MAX:
            consts[t.name] = numpy_helper.to_array(t).tolist()
    for n in model.graph.node:
        if n.op_type == "Constant" and n.attribute and n.attribute[0].type == onnx.AttributeProto.TENSOR:
            t = n.attribute[0].t
            if math.prod(t.dims) <= MOTIF_CONST_MAX:
                consts[n.output[0]] = numpy_helper.to_array(t).tolist()
    opset = next((o.version for o in model.opset_import if o.domain in ("", "ai.onnx")), 1)
    out = []
    for n in model.graph.node:
        if n.op_type == "Constant":
            continue
        names = _input_names(n, opset)
        out.append({"op": n.op_type if n.domain in ("", "ai.onnx") else f"{n.domain}::{n.op_type}", "name": n.name,
                    "attrs": key_attributes(n), "inputs": [shapes.get(i) if i else None for i in n.input],
                    "outputs": [shapes.get(o) for o in n.output if o],
                    "const_inputs": {names[k] if k < len(names) else str(k): consts[i]
                                     for k, i in enumerate(n.input) if i in consts}})
    return out


def _input_names(node, opset: int) -> list[str]:
    """The schema's names of a node's inputs (shape, scales, starts, ...); [] for an op without a schema."""
    from onnx import defs

    if node.domain not in ("", "ai.onnx"):
        return []
    try:
        return [i.name for i in defs.get_schema(node.op_type, opset, "").inputs]
    except Exception:  # noqa: BLE001 - an unknown op: positions instead of names
        return []


def motif_text(motif: list[dict[str, Any]]) -> str:
    """One line: each node's op with its key attributes and its small constant inputs (8 values at most)."""
    parts = []
    for m in motif:
        items = dict(m["attrs"])
        for k, v in m.get("const_inputs", {}).items():
            flat = v if isinstance(v, list) and all(not isinstance(x, list) for x in v) else None
            if flat is not None and len(flat) <= 8:
                items[k] = flat
        attrs = ", ".join(f"{k}={v!r}" if isinstance(v, str) else f"{k}={v}" for k, v in items.items())
        parts.append(f"{m['op']}({attrs})")
    return " -> ".join(parts)


class _Graph:
    """The model in topological order, with what cutting needs: producers, consumers, shapes, data dependence."""

    def __init__(self, model) -> None:
        from ..graph import ModelView

        self.model = model
        self.view = ModelView(model)
        self.nodes = list(model.graph.node)
        self.index = {o: i for i, n in enumerate(self.nodes) for o in n.output if o}
        self.last_use: dict[str, int] = {}
        for i, n in enumerate(self.nodes):
            for v in n.input:
                if v:
                    self.last_use[v] = i
        self.graph_outputs = {o.name for o in model.graph.output}
        self.initializers = {t.name for t in model.graph.initializer}
        self._extractor = None

    def is_data(self, name: str) -> bool:
        """A value computed from input data (not a constant, not only from shapes)."""
        return self.view.depends_on_inputs(name, through_shape=False)

    def frontier(self, k: int) -> list[str]:
        """Data values made by nodes 0..k that a later node reads or that are graph outputs."""
        out = []
        for n in self.nodes[: k + 1]:
            for o in n.output:
                if o and self.is_data(o) and (o in self.graph_outputs or self.last_use.get(o, -1) > k):
                    out.append(o)
        return out

    def cut(self, start: int, outputs: list[str], drop: frozenset[int] = frozenset()) -> tuple[list[str], list[int]] | None:
        """(inputs, node indices) of the subgraph computing `outputs` from the data values that nodes before
        `start` (and the nodes in `drop`) make, and the graph inputs; None when an input would lack a static shape."""
        inputs: list[str] = []
        seen: set[str] = set()
        nodes: set[int] = set()
        stack = list(outputs)
        graph_inputs = {vi.name for vi in self.view.inputs}
        while stack:
            v = stack.pop()
            if v in seen or not v:
                continue
            seen.add(v)
            if v in self.initializers:
                continue
            i = self.index.get(v)
            if v in graph_inputs or (i is not None and (i < start or i in drop) and self.is_data(v)):
                inputs.append(v)
                continue
            if i is None:
                return None
            if i not in nodes:
                nodes.add(i)
                stack.extend(self.nodes[i].input)
        if any(self.view.static_shape(v) is None for v in inputs) or not nodes:
            return None
        return sorted(inputs), sorted(nodes)

    def extract(self, inputs: list[str], outputs: list[str]):
        """The candidate model: onnx.utils.Extractor over a copy whose value_info holds every known type and shape,
        the inputs with their static shapes."""
        import onnx
        from onnx import helper

        if self._extractor is None:
            m = onnx.ModelProto()
            m.CopyFrom(self.model)
            del m.graph.value_info[:]
            declared = {vi.name for vi in list(m.graph.input) + list(m.graph.output)}
            for name in self.view.value_names:
                if name in declared or name in self.initializers:
                    continue
                dtype, shape = self.view.dtype(name), self.view.shape(name)
                if dtype:
                    dims = None if shape is None else [d if isinstance(d, int) and d >= 0 else None for d in shape]
                    m.graph.value_info.append(helper.make_tensor_value_info(name, dtype, dims))
            self._extractor = onnx.utils.Extractor(m)
        ex = self._extractor.extract_model(inputs, outputs)
        for vi in ex.graph.input:  # static shapes, also for graph inputs declared with names
            shape = self.view.static_shape(vi.name)
            vi.type.tensor_type.ClearField("shape")
            for d in shape or ():
                vi.type.tensor_type.shape.dim.add().dim_value = d
        ex.producer_name = "rknnlint build --reduce"
        return ex


def reduce_failure(model_path: str | Path, job, raw, outcome, max_builds: int = DEFAULT_MAX_BUILDS,
                   timeout: float = 600.0, out_dir: str | Path | None = None, log=None) -> ReduceResult:
    """Reduce a model whose build (job, raw run, parsed outcome) failed; writes <model>.repro.onnx."""
    import onnx

    from .logparse import parse_outcome
    from .runner import run_build

    # parsed again: the report's copy went through --select / --ignore / severity overrides, the candidates' do not
    target_sig = Signature.of(raw, parse_outcome(raw, outcome.model, outcome.target, outcome.dtype))
    model = onnx.load(str(model_path))  # with its external data: the repro is one self-contained file
    g = _Graph(model)
    n = len(g.nodes)
    result = ReduceResult(str(model_path), target_sig, n, max_builds=max_builds)
    if n <= 1:
        result.note = "the model has one node: nothing to reduce"
        return result
    cand_timeout = min(timeout, max(MIN_TIMEOUT, TIMEOUT_FACTOR * (raw.seconds or 0)))
    if target_sig.status == "timeout":
        cand_timeout = timeout
    tmp = Path(tempfile.mkdtemp(prefix="rknnlint-reduce-"))
    cache: dict[tuple, bool] = {}
    best: dict[str, Any] = {}

    def fails(start: int, outputs: list[str], step: str, drop: frozenset[int] = frozenset()) -> bool:
        cut = g.cut(start, outputs, drop)
        if cut is None:
            return False
        inputs, nodes = cut
        key = (tuple(inputs), tuple(nodes), tuple(sorted(outputs)))
        if key in cache:
            return cache[key]
        if result.builds >= max_builds:
            result.stopped = "max-builds"
            raise _Budget
        try:
            cand = g.extract(inputs, outputs)
        except Exception:  # noqa: BLE001 - a value without a known type cannot be cut there
            cache[key] = False
            return False
        path = tmp / f"cand{result.builds}.onnx"
        onnx.save(cand, path)
        result.builds += 1
        cjob = replace(job, model=str(path), input_shapes={}, mean=None, std=None, dataset=None, export=None,
                       compare=False, keep_outputs=False, feeds=None)
        craw = run_build(cjob, timeout=cand_timeout, log_path=tmp / f"cand{result.builds - 1}.log")
        cout = parse_outcome(craw, str(path), job.target, job.dtype)
        sig = None if cout.built else Signature.of(craw, cout)
        same = sig == target_sig
        cache[key] = same
        result.steps.append({"step": step, "nodes": len(nodes), "inputs": len(inputs), "outputs": len(outputs),
                             "result": "built" if sig is None else sig.describe(), "same": same})
        if log is not None:
            log(f"reduce: build {result.builds}/{max_builds} ({step}): {len(nodes)} nodes -> "
                + ("same failure" if same else ("builds" if sig is None else "other: " + sig.describe())))
        if same and (not best or len(nodes) < best["nodes"]):
            best.update(nodes=len(nodes), model=cand, inputs=inputs, outputs=list(outputs), node_set=nodes)
        return same

    try:
        # 1. the shortest failing prefix (the whole graph is known to fail)
        lo, hi = -1, n - 1
        while hi - lo > 1:
            mid = (lo + hi) // 2
            if g.frontier(mid) and fails(0, g.frontier(mid), "prefix"):
                hi = mid
            else:
                lo = mid
        outputs = g.frontier(hi) or [o.name for o in model.graph.output]
        # 2. the fewest outputs of that prefix
        outputs = _ddmin(outputs, lambda outs: fails(0, outs, "outputs"))
        # 3. the latest start
        lo, hi = 0, hi + 1  # start lo fails (or is the whole prefix); start hi leaves nothing
        while hi - lo > 1:
            mid = (lo + hi) // 2
            if fails(mid, outputs, "start"):
                lo = mid
            else:
                hi = mid
        # 4. cut inside the window: nodes whose data outputs become inputs (what only they need goes with them);
        # the nodes making the outputs stay
        cut = g.cut(lo, outputs)
        if cut is not None:
            makers = {g.index[o] for o in outputs if o in g.index}
            inner = [i for i in cut[1] if i not in makers]
            _ddmin(inner, lambda kept: fails(lo, outputs, "inside", frozenset(inner) - frozenset(kept)),
                   allow_empty=True)
    except _Budget:
        pass
    finally:
        import shutil

        shutil.rmtree(tmp, ignore_errors=True)
    if not best or best["nodes"] >= n:
        result.note = ("no smaller subgraph failed the same way" if result.stopped == "done" else
                       f"no smaller subgraph failed the same way within {max_builds} build"
                       + ("s" if max_builds != 1 else ""))
        return result
    dest = repro_path(model_path, out_dir)
    if dest.resolve() == Path(model_path).resolve():
        raise ValueError(f"refusing to overwrite the input model {model_path}")
    dest.parent.mkdir(parents=True, exist_ok=True)
    part = dest.with_name(dest.name + ".part")
    onnx.save(best["model"], part)
    os.replace(part, dest)
    result.repro = str(dest)
    result.nodes_after = len(best["model"].graph.node)
    result.motif = motif_of(best["model"])
    from ..crash_patterns import find

    result.patterns = find(best["model"])
    result.outputs = best["outputs"]
    result.inputs = [{"name": vi.name, "shape": [d.dim_value for d in vi.type.tensor_type.shape.dim],
                      "dtype": onnx.helper.tensor_dtype_to_string(vi.type.tensor_type.elem_type).split(".")[-1]}
                     for vi in best["model"].graph.input]
    return result


_PASS_MARK = re.compile(r"(>>>>>> start|<<<<<<<< end): (\S+)")


def _open_native_pass(log: str) -> str:
    """The last native compiler pass the log shows starting without its end (verbose logs mark both)."""
    open_: list[str] = []
    for kind, name in _PASS_MARK.findall(log):
        if kind.startswith(">"):
            open_.append(name)
        elif name in open_:
            open_.remove(name)
    return open_[-1] if open_ else ""


class _Budget(Exception):
    """The build budget is spent."""


def _ddmin(items: list, fails, allow_empty: bool = False) -> list:
    """Zeller's delta debugging: a 1-minimal sublist of items for which fails() holds (fails(items) is known to).
    Subsets first, then complements, then finer slices. With allow_empty, the empty list is tried first."""
    if allow_empty and items and fails([]):
        return []
    parts = 2
    while len(items) > 1:
        size = math.ceil(len(items) / parts)
        chunks = [items[i:i + size] for i in range(0, len(items), size)]
        for chunk in chunks:
            if fails(chunk):
                items, parts = chunk, 2
                break
        else:
            for chunk in chunks if len(chunks) > 2 else ():  # with two chunks the complements were just tried
                rest = [x for x in items if x not in chunk]
                if fails(rest):
                    items, parts = rest, max(parts - 1, 2)
                    break
            else:
                if parts >= len(items):
                    break
                parts = min(len(items), parts * 2)
    if allow_empty and len(items) == 1 and fails([]):
        return []
    return items
