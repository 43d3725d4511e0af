"""The numeric proof: the original and the fixed model (composed with the cut-off tail) run in onnxruntime
on the same seeded inputs, and every original output must be matched within the fixes' tolerance."""
from __future__ import annotations

import math
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import onnx

from ..errors import RknnlintError
from ..rewrites import EXACT, Tolerance

ORT_TYPES = {"tensor(float)": np.float32, "tensor(float16)": np.float16, "tensor(double)": np.float64,
             "tensor(int64)": np.int64, "tensor(int32)": np.int32, "tensor(int16)": np.int16,
             "tensor(int8)": np.int8, "tensor(uint8)": np.uint8, "tensor(uint16)": np.uint16,
             "tensor(bool)": np.bool_}


DEFAULT_RUNS = 2  # seeded input sets when --runs is not given


PROOF_INPUT_LIMIT = 1 << 30  # bytes of one seeded input set; larger inputs are refused before allocating
PROOF_VALUE_LIMIT = 1 << 30  # bytes of the largest tensor shape inference finds (dynamic dims as 1); the
# proof of a model with a 3 GiB output peaked at 14 GB (both models' outputs, float64 copies and masks)
MAX_PROOF_NESTING = 10  # subgraph levels (If/Loop/Scan bodies); onnxruntime's session creation time doubles per
# level on nested If (measured, onnxruntime 1.x: 0.09 s at 10 levels, 0.8 s at 14, 11 s at 18)


class OriginalNotRunnable(RknnlintError):
    """onnxruntime cannot run the original model, so nothing can be proven (exit 2 unless --no-verify)."""


@dataclass
class OutputCheck:
    """The worst agreement of one output over all proof inputs."""

    name: str
    shape: tuple = ()
    max_abs: float = 0.0
    cosine: float = 1.0
    ok: bool = True
    why: str = ""
    exact: bool = False  # bit-identical on every input compared

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "shape": list(self.shape), "max_abs_err": self.max_abs,
                "cosine": round(self.cosine, 6), "ok": self.ok, "why": self.why or None}


@dataclass
class Proof:
    """What onnxruntime showed about the fixed model."""

    runs: int
    tolerance: Tolerance
    outputs: list[OutputCheck] = field(default_factory=list)
    boundary: list[OutputCheck] = field(default_factory=list)  # head cut: NPU outputs vs the original's tensors
    composed: bool = False  # a head cut: the original's outputs came from the tail model
    user_inputs: int = 0
    bit_identical: bool = False  # every output equal bit for bit on every input

    @property
    def ok(self) -> bool:
        return all(c.ok for c in self.outputs + self.boundary)

    @property
    def max_abs(self) -> float:
        return max([c.max_abs for c in self.outputs + self.boundary] or [0.0])

    @property
    def min_cosine(self) -> float:
        return min([c.cosine for c in self.outputs + self.boundary] or [1.0])

    def summary(self) -> str:
        what = "NPU part + post-processing tail equal to the original" if self.composed else "outputs equal"
        src = f"{self.runs} input(s)" + (f" ({self.user_inputs} from --inputs)" if self.user_inputs else " (seeded)")
        if self.tolerance.approximate:
            return (f"outputs changed by design on {src}: max abs err {self.max_abs:.3g}, "
                    f"min cosine {self.min_cosine:.6f}")
        if not self.ok:
            bad = [c for c in self.outputs + self.boundary if not c.ok]
            return f"outputs differ on {src}: " + "; ".join(f"'{c.name}' {c.why}" for c in bad[:6])
        if self.bit_identical:
            return f"{what} on {src}, bit-identical (max abs err 0)"
        return f"{what} on {src}, max abs err {self.max_abs:.3g} ({self.tolerance.describe()})"

    def to_dict(self) -> dict[str, Any]:
        return {"ok": self.ok, "runs": self.runs, "user_inputs": self.user_inputs, "composed": self.composed,
                "max_abs_err": self.max_abs, "min_cosine": round(self.min_cosine, 6), "bit_identical": self.bit_identical,
                "tolerance": self.tolerance.describe(), "summary": self.summary(),
                "outputs": [c.to_dict() for c in self.outputs], "boundary": [c.to_dict() for c in self.boundary]}


def session(model: onnx.ModelProto | bytes):
    """An onnxruntime CPU session without graph optimizations: node-by-node evaluation, so two graphs that
    compute the same ops in the same order give the same bits."""
    try:
        import onnxruntime as ort
    except ImportError:
        from ..errors import UsageError

        raise UsageError("the numeric proof needs onnxruntime: pip install 'rknnlint[fix]' (or pass --no-verify "
                         "to write the fix unproven)") from None
    so = ort.SessionOptions()
    so.graph_optimization_level = ort.GraphOptimizationLevel.ORT_DISABLE_ALL
    so.log_severity_level = 4  # fatal only: an error is raised as an exception and reported in one line
    # One thread per session, not spinning: the proof runs the original and the fixed model side by side
    # (prove), and idle spinning pools of three sessions would fight over the cores (3x slower on 2 cores).
    so.intra_op_num_threads = 1
    so.add_session_config_entry("session.intra_op.allow_spinning", "0")
    data = model if isinstance(model, bytes) else model.SerializeToString()
    return ort.InferenceSession(data, so, providers=["CPUExecutionProvider"])


def _first_line(e: Exception) -> str:
    text = str(e).strip()
    for line in text.splitlines():
        line = line.strip()
        if line:
            return line[:300]
    return type(e).__name__


def _index_bounds(model: onnx.ModelProto) -> dict[str, int]:
    """Integer inputs used as Gather indices: the size of the gathered axis (token ids stay in range)."""
    sizes = {t.name: list(t.dims) for t in model.graph.initializer}
    out: dict[str, int] = {}
    for n in model.graph.node:
        if n.op_type == "Gather" and len(n.input) > 1 and n.input[0] in sizes:
            axis = next((a.i for a in n.attribute if a.name == "axis"), 0)
            dims = sizes[n.input[0]]
            if dims:
                out[n.input[1]] = int(dims[axis % len(dims)])
    return out


def seeded_inputs(sess, model: onnx.ModelProto, shapes: dict[str, tuple[int, ...]], seed: int) -> dict[str, np.ndarray]:
    """One input set: floats standard normal, integers in [0, 8) (or inside the embedding table they
    index), booleans random; dynamic dims from `shapes`, else 1."""
    rng = np.random.default_rng(seed)
    bounds = _index_bounds(model)
    feed = {}
    total = 0
    for i in sess.get_inputs():
        dt = ORT_TYPES.get(i.type)
        if dt is None:
            raise OriginalNotRunnable(f"input '{i.name}' has type {i.type}; the proof feeds tensors only")
        shape = shapes.get(i.name) or tuple(d if isinstance(d, int) and d > 0 else 1 for d in i.shape)
        total += math.prod(shape) * np.dtype(dt).itemsize
        if total > PROOF_INPUT_LIMIT:
            raise OriginalNotRunnable(
                f"input '{i.name}' of shape {list(shape)} makes one proof input set {_size(total)}, above the "
                f"proof's {_size(PROOF_INPUT_LIMIT)} limit; pin a smaller shape with --input-shape, or pass "
                "--no-verify to write the fix unproven")
        if np.dtype(dt).kind == "f":
            arr = rng.standard_normal(size=shape).astype(dt)
        elif np.dtype(dt).kind == "b":
            arr = rng.integers(0, 2, size=shape).astype(bool)
        else:
            arr = rng.integers(0, max(1, min(bounds.get(i.name, 8), 8 if i.name not in bounds else 1 << 30)),
                               size=shape).astype(dt)
        feed[i.name] = arr
    return feed


def _size(n: int) -> str:
    for unit, k in (("TiB", 1 << 40), ("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if n >= k:
            return f"{n / k:.3g} {unit}"
    return f"{n} bytes"


def nesting_depth(graph: onnx.GraphProto) -> int:
    """How many subgraph levels (If branches, Loop and Scan bodies) nest below `graph` (iterative)."""
    deepest = 0
    stack = [(graph, 0)]
    while stack:
        g, d = stack.pop()
        deepest = max(deepest, d)
        for n in g.node:
            for a in n.attribute:
                if a.type == onnx.AttributeProto.GRAPH:
                    stack.append((a.g, d + 1))
                elif a.type == onnx.AttributeProto.GRAPHS:
                    stack.extend((sub, d + 1) for sub in a.graphs)
    return deepest


def _check_input_sizes(model: onnx.ModelProto) -> None:
    """The seeded_inputs size check from the graph's input declarations, before any session is made."""
    inits = {t.name for t in model.graph.initializer}
    total = 0
    for vi in model.graph.input:
        tt = vi.type.tensor_type
        if vi.name in inits or not vi.type.HasField("tensor_type"):
            continue
        shape = [d.dim_value if d.HasField("dim_value") and d.dim_value > 0 else 1 for d in tt.shape.dim]
        try:
            item = np.dtype(onnx.helper.tensor_dtype_to_np_dtype(tt.elem_type)).itemsize
        except Exception:
            continue
        total += math.prod(shape) * item
        if total > PROOF_INPUT_LIMIT:
            raise OriginalNotRunnable(
                f"input '{vi.name}' of shape {shape} makes one proof input set {_size(total)}, above the "
                f"proof's {_size(PROOF_INPUT_LIMIT)} limit; pin a smaller shape with --input-shape, or pass "
                "--no-verify to write the fix unproven")


def largest_value(model: onnx.ModelProto) -> tuple[str, list[int], int]:
    """(name, shape, bytes) of the largest tensor in the model as onnx shape inference sees it (dynamic dims
    as 1, like the seeded inputs)."""
    from ..rewrites._gs import value_shapes

    sizes = value_shapes(model)
    if not sizes:
        return "", [], 0
    name = max(sizes, key=lambda k: sizes[k][1])
    return name, sizes[name][0], sizes[name][1]


def _compare(name: str, ref: np.ndarray, got: np.ndarray, tol: Tolerance) -> OutputCheck:
    ref, got = np.asarray(ref), np.asarray(got)
    c = OutputCheck(name, tuple(ref.shape))
    if ref.shape != got.shape:
        c.ok, c.why = False, f"shape {list(got.shape)} instead of {list(ref.shape)}"
        c.max_abs, c.cosine = float("inf"), 0.0
        return c
    if ref.dtype == got.dtype and np.array_equal(ref, got):  # bit-identical (NaN never is): nothing to measure
        c.exact = True
        return c
    if ref.dtype.kind in "iub" and got.dtype.kind in "iub":
        diff = np.abs(ref.astype(np.int64) - got.astype(np.int64)) if ref.size else np.zeros(0)
        c.max_abs = float(diff.max()) if diff.size else 0.0
        c.ok = c.max_abs == 0
        if not c.ok:
            c.why = f"{int((diff != 0).sum())} of {ref.size} integer values differ"
        return c
    r, g = ref.astype(np.float64), got.astype(np.float64)
    same_nan = np.array_equal(np.isnan(r), np.isnan(g))
    finite = np.isfinite(r) & np.isfinite(g)
    if not same_nan or not np.array_equal(np.isinf(r), np.isinf(g)) or not np.array_equal(r[np.isinf(r)], g[np.isinf(g)]):
        c.ok, c.why, c.max_abs = False, "NaN / inf positions differ", float("inf")
        return c
    rf, gf = r[finite], g[finite]
    diff = np.abs(rf - gf)
    c.max_abs = float(diff.max()) if diff.size else 0.0
    nr, ng = float(np.linalg.norm(rf)), float(np.linalg.norm(gf))
    c.cosine = 1.0 if nr == 0 and ng == 0 else (float(rf @ gf) / (nr * ng) if nr and ng else 0.0)
    atol = tol.atol * (max(1.0, float(np.abs(rf).max())) if tol.scaled and rf.size else 1.0)
    bad = diff > atol + tol.rtol * np.abs(rf)
    c.ok = tol.approximate or not bool(bad.any())
    if not c.ok:
        k = int(np.argmax(diff - (atol + tol.rtol * np.abs(rf))))
        c.why = (f"{int(bad.sum())} of {rf.size} values outside {tol.describe()} "
                 f"(max abs err {c.max_abs:.3g}; e.g. {gf[k]:.6g} instead of {rf[k]:.6g})")
    return c


def _merge(old: OutputCheck | None, new: OutputCheck) -> OutputCheck:
    if old is None:
        return new
    worst = new if (not new.ok and old.ok) or new.max_abs > old.max_abs else old
    worst.cosine = min(old.cosine, new.cosine)
    worst.ok = old.ok and new.ok
    worst.max_abs = max(old.max_abs, new.max_abs)
    worst.exact = old.exact and new.exact
    return worst


def _boundary(original: onnx.ModelProto, fixed: onnx.ModelProto, tail: onnx.ModelProto | None) -> list[str]:
    """The head-cut outputs the original also computes (compared as extra outputs); outputs a cut made
    (--cut-head zoo: class sigmoids, score sums) are checked through the tail only."""
    if tail is None:
        return []
    known = {o for n in original.graph.node for o in n.output} | {vi.name for vi in original.graph.input}
    return [o.name for o in fixed.graph.output if o.name in known]


def _serialized_with_outputs(model: onnx.ModelProto, names: list[str]) -> bytes:
    """The original's bytes with the named intermediate tensors (the head-cut boundary) as extra outputs.
    The outputs are appended for the serialisation only and removed again: no copy of the weights."""
    have = {o.name for o in model.graph.output}
    extra = [n for n in names if n not in have]
    k = len(model.graph.output)
    try:
        for n in extra:
            model.graph.output.append(onnx.helper.make_empty_tensor_value_info(n))
        return model.SerializeToString()
    finally:
        del model.graph.output[k:]


def serialized(original: onnx.ModelProto, fixed: onnx.ModelProto, tail: onnx.ModelProto | None,
               fixed_data: bytes | None = None) -> tuple[bytes, bytes]:
    """The bytes prove() loads: the original (with the head-cut boundary as extra outputs) and the fixed model
    (`fixed_data` when already serialized). Made beforehand, a proof can run in another thread while the fixed
    model's metadata is written."""
    boundary = _boundary(original, fixed, tail)
    return _serialized_with_outputs(original, boundary), fixed_data or fixed.SerializeToString()


def original_session(original: onnx.ModelProto, boundary: list[str] | None = None, data: bytes | None = None):
    """The original model's session (with the boundary tensors as extra outputs); OriginalNotRunnable when
    onnxruntime cannot load it. `data`: those bytes, already serialized."""
    from ..errors import UsageError

    try:
        return session(data if data is not None else _serialized_with_outputs(original, boundary) if boundary else original)
    except UsageError:
        raise
    except Exception as e:
        raise OriginalNotRunnable(f"onnxruntime cannot run the original model ({_first_line(e)}); nothing can be "
                                  "proven: use --no-verify to write the rewrite unproven") from None


def prove(original: onnx.ModelProto, fixed: onnx.ModelProto, tail: onnx.ModelProto | None,
          tolerance: Tolerance = EXACT, runs: int | None = 3, user_inputs: list[dict[str, np.ndarray]] | None = None,
          renamed: dict[str, str] | None = None, seed: int = 0, data: tuple[bytes, bytes] | None = None,
          values: dict[str, np.ndarray] | None = None) -> Proof:
    """Run both models on `runs` seeded input sets plus the user's, and compare every original output.
    `data`: serialized(original, fixed, tail), when made beforehand. `values`: inputs of the original that
    the fix made constants (--input-value): fed to the original with that value.

    runs=None: DEFAULT_RUNS sets, but one is enough when the fixes are held to the exact tolerance and the
    first set gives bit-identical outputs (and head-cut boundary tensors): then the rewrite computed the
    same operations in the same order, which a second random input cannot contradict. Any difference,
    even inside the tolerance, runs the other sets too."""
    adaptive = runs is None
    runs = DEFAULT_RUNS if runs is None else runs
    renamed = renamed or {}
    depth = nesting_depth(original.graph)
    if depth > MAX_PROOF_NESTING:
        raise OriginalNotRunnable(
            f"the model nests subgraphs {depth} levels deep; onnxruntime's session creation time doubles with "
            f"every level, so the proof refuses more than {MAX_PROOF_NESTING}: pass --no-verify to write the fix "
            "unproven")
    _check_input_sizes(fixed)  # the inputs the proof will make: named first, they are what to pin
    name, shape, size = largest_value(original)
    if size > PROOF_VALUE_LIMIT:
        raise OriginalNotRunnable(
            f"tensor '{name}' of shape {shape} would take {_size(size)} in onnxruntime, above the proof's "
            f"{_size(PROOF_VALUE_LIMIT)} limit for one tensor; pin smaller input shapes with --input-shape, or pass "
            "--no-verify to write the fix unproven")
    boundary = _boundary(original, fixed, tail)
    with ThreadPoolExecutor(2) as pool:  # onnxruntime releases the GIL: the two models load and run in parallel
        return _prove(pool, original, fixed, tail, tolerance, runs, adaptive, user_inputs, renamed, seed, boundary, data,
                      values or {})


def _prove(pool: ThreadPoolExecutor, original: onnx.ModelProto, fixed: onnx.ModelProto, tail: onnx.ModelProto | None,
           tolerance: Tolerance, runs: int, adaptive: bool, user_inputs: list[dict[str, np.ndarray]] | None,
           renamed: dict[str, str], seed: int, boundary: list[str], data: tuple[bytes, bytes] | None,
           values: dict[str, np.ndarray]) -> Proof:
    # Sessions are made one after the other (two at once is slower: creation holds the GIL), the runs side by
    # side; the original's first run starts while the fixed model's session is made.
    orig_sess = original_session(original, boundary, data[0] if data else None)  # first: an original onnxruntime
    # cannot run is a usage error
    inits = {t.name for t in fixed.graph.initializer}
    shapes = {vi.name: tuple(d.dim_value if d.dim_value > 0 else 1 for d in vi.type.tensor_type.shape.dim)
              for vi in fixed.graph.input if vi.name not in inits}
    users = list(user_inputs or [])
    feeds: list[Any] = list(users) + [seed + k for k in range(runs)]  # seeded sets are made when reached
    proof = Proof(0, tolerance, composed=tail is not None, user_inputs=len(users))
    first = feeds[0] if isinstance(feeds[0], dict) else seeded_inputs(orig_sess, original, shapes, feeds[0])
    first = {**first, **values}
    early = pool.submit(orig_sess.run, None, first)
    try:
        fixed_sess = session(data[1] if data else fixed)
        tail_sess = session(tail) if tail is not None else None
    except Exception as e:
        failed = Proof(0, tolerance)
        failed.outputs.append(OutputCheck("<model>", ok=False, why=f"onnxruntime cannot run the fixed model: {_first_line(e)}"))
        return failed
    fixed_out_names = [o.name for o in fixed_sess.get_outputs()]
    orig_outputs = [o.name for o in original.graph.output]
    fixed_inputs = {i.name: i for i in fixed_sess.get_inputs()}
    checks: dict[str, OutputCheck] = {}
    bchecks: dict[str, OutputCheck] = {}
    seeded_done = 0
    for k, feed in enumerate(feeds):
        if k == 0:
            feed, pending = first, early
            seeded_done += not isinstance(feeds[0], dict)
        else:
            if not isinstance(feed, dict):
                if (adaptive and seeded_done and tolerance == EXACT and checks
                        and all(c.exact for c in list(checks.values()) + list(bchecks.values()))):
                    break  # bit-identical on a seeded set under the exact tolerance (see above)
                feed = seeded_inputs(orig_sess, original, shapes, feed)
                seeded_done += 1
            feed = {**feed, **values}
            pending = pool.submit(orig_sess.run, None, feed)
        proof.runs += 1
        ffeed = {}
        for name, arr in feed.items():
            if name in fixed_inputs:
                ffeed[name] = arr.astype(ORT_TYPES.get(fixed_inputs[name].type, arr.dtype), copy=False)
        try:
            fixed_list, fixed_err = fixed_sess.run(None, ffeed), None
        except Exception as e:
            fixed_list, fixed_err = [], e
        try:
            ref_list = pending.result()
        except Exception as e:
            shown = ", ".join(f"{k}={list(v.shape)}" for k, v in feed.items())
            raise OriginalNotRunnable(f"onnxruntime fails running the original model on inputs {shown} "
                                      f"({_first_line(e)}); if you gave --input-shape, it may contradict the graph; "
                                      "--no-verify writes the rewrite unproven") from None
        ref = dict(zip([o.name for o in orig_sess.get_outputs()], ref_list))
        try:
            if fixed_err is not None:
                raise fixed_err
            got = dict(zip(fixed_out_names, fixed_list))
            if tail_sess is not None:
                tfeed = {}
                for i in tail_sess.get_inputs():
                    v = got[i.name] if i.name in got else feed[i.name]
                    tfeed[i.name] = v.astype(ORT_TYPES.get(i.type, v.dtype), copy=False)
                for b in boundary:
                    bchecks[b] = _merge(bchecks.get(b), _compare(b, ref[b], got[b], tolerance))
                got.update(zip([o.name for o in tail_sess.get_outputs()], tail_sess.run(None, tfeed)))
        except Exception as e:
            proof.outputs = [OutputCheck("<model>", ok=False, why=f"onnxruntime fails running the fixed model: {_first_line(e)}")]
            return proof
        for name in orig_outputs:
            key = renamed.get(name, name)
            if key not in got:
                checks[name] = OutputCheck(name, ok=False, why="missing from the fixed model's outputs")
                continue
            checks[name] = _merge(checks.get(name), _compare(name, ref[name], got[key], tolerance))
    proof.bit_identical = bool(checks) and all(c.exact for c in list(checks.values()) + list(bchecks.values()))
    proof.outputs = [checks[n] for n in orig_outputs if n in checks]
    proof.boundary = [bchecks[n] for n in boundary if n in bchecks]
    return proof


def load_user_inputs(items: list[str], model: onnx.ModelProto) -> list[dict[str, np.ndarray]]:
    """--inputs X.npy [Y.npy ...] in the model's input order, or NAME=X.npy; one .npz holds named arrays.
    All given arrays form one input set."""
    from ..errors import UsageError

    if not items:
        return []
    inits = {t.name for t in model.graph.initializer}
    names = [vi.name for vi in model.graph.input if vi.name not in inits]
    feed: dict[str, np.ndarray] = {}
    positional = 0
    for item in items:
        if "=" in item:
            name, _, path = item.partition("=")
            sep = "="
        else:
            name, sep, path = "", "", item
        try:
            loaded = np.load(path, allow_pickle=False)
        except (OSError, ValueError) as e:
            raise UsageError(f"--inputs {path}: cannot read ({e})") from None
        if isinstance(loaded, np.lib.npyio.NpzFile):
            for k in loaded.files:
                if k not in names:
                    raise UsageError(f"--inputs {path}: array '{k}' is not an input of the model ({', '.join(names)})")
                feed[k] = loaded[k]
            continue
        if sep:
            if name not in names:
                raise UsageError(f"--inputs {item}: the model has no input '{name}' ({', '.join(names)})")
            feed[name] = loaded
        else:
            if positional >= len(names):
                raise UsageError(f"--inputs: {len(items)} arrays for {len(names)} model input(s)")
            feed[names[positional]] = loaded
            positional += 1
    missing = [n for n in names if n not in feed]
    if missing:
        raise UsageError(f"--inputs: no array for input(s) {', '.join(missing)}")
    elem = {vi.name: vi.type.tensor_type.elem_type for vi in model.graph.input}
    for n, a in feed.items():
        want = onnx.helper.tensor_dtype_to_np_dtype(elem[n]) if elem.get(n) else a.dtype
        feed[n] = np.ascontiguousarray(a.astype(want, copy=False))
    return [feed]
