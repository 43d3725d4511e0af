"""Automatic hybrid quantization: the fewest layers kept in fp16 so that every output of an int8 build agrees
with onnxruntime fp32 on the user's calibration samples (`rknnlint build --int8 --dataset FILE
--int8-accuracy COS`, docs/int8.md).

Why not the toolkit's own proposal (hybrid_quantization_step1(proposal=True), build(auto_hybrid=True)): it
picks layers by its own threshold without checking the outputs, and it is where public reports of segfaults
and of hybrid models that got worse come from. Here every candidate is built and measured:

1. a plain int8 build, compared on the first calibration samples, with rknn.accuracy_analysis
   (toolkit/analysis.py) on the sample that agreed least;
2. hybrid_quantization_step1 (no proposal) once writes the .model/.data/.quantization.cfg;
3. prefixes of three orderings of the layers (the analysis's ranking, each layer with the layers producing its
   inputs, because the int8 tensor a layer reads is quantized by its producer; the layers nearest the input;
   those nearest the outputs; all three on the main path, without the side branches of SE blocks' gates),
   within the fp16 budget, go into the cfg's custom_quantize_layers and through
   hybrid_quantization_step2, the simulator and the comparison; the first prefix that reaches the target is
   narrowed by bisection. A few builds, not one per layer.

Every toolkit step runs in the build child (toolkit/runner.py): a crash or a raise in step 1 or step 2 is one
line in the report, never rknnlint's own crash."""
from __future__ import annotations

import math
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .analysis import Analysis, from_result, onnx_index
from .runner import BuildJob, RawRun, run_build

DEFAULT_SAMPLES = 4  # calibration samples every candidate is compared on (the worst one counts)
DEFAULT_MAX_BUILDS = 30  # toolkit runs at most, plain builds and step 1 included (each costs seconds to minutes)
# quantized_algorithm tried in turn, cheapest first, when the user names none (a setting's plain build, step 1
# and its candidates come before the next one)
ALGORITHMS = ("normal", "mmse")
# how much longer a plain int8 build takes with this algorithm than with normal (rknn-toolkit2 2.5.0, rk3588,
# 12 calibration samples, loaded 2-core machine: silero-vad 39 s / 15 s, PP-OCRv4 rec 502 s / 45 s, CDLA layout
# more than 900 s / 159 s); a setting whose plain build would pass --timeout is not started
SLOWER = {"mmse": 11.0}
FLOAT_TYPES = ("float32", "float16")


@dataclass
class Trial:
    """One build of the search: the tensors kept in fp16 and what the outputs did."""

    fp16: list[str]
    status: str
    cosines: dict[str, float] = field(default_factory=dict)  # output -> cosine on the worst sample
    error: str = ""
    seconds: float = 0.0
    rknn: str | None = None
    cfg: str | None = None
    family: str = ""  # which candidates: plain int8, output stage, input side, analysis, output side, or two of these
    setting: str = ""  # the quantized_algorithm of the build (its step 1 for a hybrid build)
    raw: RawRun | None = field(default=None, repr=False)

    @property
    def worst(self) -> float | None:
        vals = [c for c in self.cosines.values() if c is not None]
        return min(vals) if vals else None

    def reaches(self, target: float) -> bool:
        w = self.worst
        return self.status == "built" and w is not None and w >= target

    def to_dict(self) -> dict[str, Any]:
        return {"fp16_layers": len(self.fp16), "family": self.family or None, "quantized_algorithm": self.setting or None,
                "status": self.status, "worst_cosine": self.worst, "cosines": self.cosines, "error": self.error or None,
                "seconds": self.seconds}


@dataclass
class HybridResult:
    """What the search found and what it cost."""

    model: str
    target: str
    target_cosine: float
    max_share: float
    reached: bool = False
    base: Trial | None = None  # the plain int8 build with the job's own settings
    bases: list[Trial] = field(default_factory=list)  # the plain int8 build of every quantized_algorithm tried
    trials: list[Trial] = field(default_factory=list)  # the hybrid (step-2) builds
    step1_runs: int = 0
    layers_of: dict[str, int] = field(default_factory=dict)  # quantized_algorithm -> layers its cfg can move
    notes: list[str] = field(default_factory=list)  # why a setting was not searched
    best: Trial | None = None
    total_layers: int = 0  # quantized tensors in the toolkit's quantization cfg
    analysis: Analysis | None = None
    rknn: str | None = None
    cfg: str | None = None
    int8_bytes: int | None = None
    rknn_bytes: int | None = None
    error: str = ""
    final_raw: RawRun | None = None
    rewrites: list[str] = field(default_factory=list)  # exact rewrites applied before the search (prepare())
    rewritten: str | None = None  # the rewritten ONNX model written beside the .rknn (its tensors name the cfg's)
    searched: str | None = None  # the ONNX model the builds were made from (the rewritten one, or the user's)
    disable_rules: list[str] = field(default_factory=list)  # a known toolkit crash's workaround every build used

    @property
    def builds(self) -> int:
        """Every toolkit run: plain builds, hybrid_quantization_step1 runs and step-2 builds."""
        return len(self.trials) + len(self.bases) + self.step1_runs

    @property
    def fp16_share(self) -> float | None:
        if self.best is None or not self.total_layers:
            return None
        return len(self.best.fp16) / self.total_layers

    def to_dict(self) -> dict[str, Any]:
        best = self.best
        return {"target_cosine": self.target_cosine, "max_fp16_share": self.max_share, "reached": self.reached,
                "keep_dtype": keep_dtype(self.target),
                "quantized_algorithm": (best.setting or None) if best else None,
                "algorithms_tried": [{"quantized_algorithm": b.setting, "int8_worst_cosine": b.worst,
                                      "quantized_layers": self.layers_of.get(b.setting)} for b in self.bases],
                "error": self.error or None, "int8_worst_cosine": self.base.worst if self.base else None,
                "int8_cosines": self.base.cosines if self.base else {},
                "worst_cosine": best.worst if best else None, "cosines": best.cosines if best else {},
                "fp16_layers": list(best.fp16) if best else [], "quantized_layers": self.total_layers,
                "fp16_share": None if self.fp16_share is None else round(self.fp16_share, 4),
                "rknn": self.rknn, "quantization_cfg": self.cfg, "int8_bytes": self.int8_bytes,
                "rknn_bytes": self.rknn_bytes, "builds": self.builds, "notes": list(self.notes),
                "rewrites": list(self.rewrites), "rewritten_model": self.rewritten,
                "disable_rules": list(self.disable_rules),
                "trials": [t.to_dict() for t in self.trials]}


def _known_crash(raw: RawRun, job: BuildJob) -> str | None:
    """The disable_rules entry of a known toolkit crash (toolkit/workarounds.py) that failed this build, if any."""
    if raw.status == "built" or job.disable_rules:
        return None
    try:
        from .logparse import parse_outcome
        from .workarounds import workaround_for

        return workaround_for(parse_outcome(raw, job.model, job.target, job.dtype), job.toolkit_version)
    except Exception:  # noqa: BLE001 - no workaround: the failure is reported as it is
        return None


def _one_line(raw: RawRun, job: BuildJob, what: str) -> str:
    from .logparse import parse_outcome

    o = parse_outcome(raw, job.model, job.target, job.dtype)
    return f"{what} {o.status}: {o.error}".strip().rstrip(":") if not o.built else ""


def _trial(raw: RawRun, job: BuildJob, fp16: list[str], what: str) -> Trial:
    res = raw.result
    t = Trial(fp16=list(fp16), status=str(raw.status), seconds=raw.seconds, rknn=res.get("exported"))
    t.error = _one_line(raw, job, what)
    cmp = res.get("compare") or {}
    if t.status == "built" and not cmp.get("ran"):
        t.error = f"{what}: the simulator did not run: {cmp.get('why', 'unknown')}"
    for o in cmp.get("outputs", []):
        c = o.get("cosine")
        t.cosines[o["output"]] = None if c is None or (isinstance(c, float) and math.isnan(c)) else float(c)
    return t


def quantized_layers(cfg: dict, analysis: Analysis | None = None) -> list[str]:
    """The layers custom_quantize_layers can move: quantized tensors of a .quantization.cfg that a layer writes.
    The cfg also lists constants (weights, biases, whose names step 2 refuses as 'Invalid operands name'); the
    analysis's rows name exactly the tensors layers write, so with an analysis only those count."""
    params = cfg.get("quantize_parameters") or {}
    written = {t for r in analysis.rows for t in r.tensors} if analysis is not None else None
    return [k for k, v in params.items() if str((v or {}).get("dtype", "")) not in FLOAT_TYPES
            and (written is None or k in written)]


# op types of the toolkit's layers that carry weights (its own ops are prefixed 'ex': exLSTM, exMatMul)
WEIGHTED = frozenset({"Conv", "ConvTranspose", "Deconvolution", "MatMul", "Gemm", "FullyConnected", "LSTM", "GRU", "RNN"})


@dataclass
class Graph:
    """The toolkit's own graph of the quantized model: hybrid_quantization_step1's .model is an ONNX file whose
    nodes are the toolkit's layers and whose tensors carry the names of the .quantization.cfg and of the
    analysis rows (the source ONNX names them differently once the toolkit has split, fused or inlined nodes:
    silero-vad's STFT Conv becomes 69 Conv layers inside an inlined If)."""

    reads: dict[str, tuple[str, ...]]  # tensor -> the tensors the layer writing it reads
    op: dict[str, str]  # tensor -> op type of the layer writing it
    outputs: list[str]
    size: dict[str, int] = field(default_factory=dict)  # tensor -> elements, where the graph's value_info says

    def upstream(self, starts) -> set[str]:
        """The tensors the given tensors are computed from, themselves included."""
        seen: set[str] = set()
        todo = list(starts)
        while todo:
            t = todo.pop()
            if t not in seen:
                seen.add(t)
                todo.extend(self.reads.get(t, ()))
        return seen

    def stage(self, out: str) -> list[str]:
        """An output's tail: the tensors from the output back to the nearest layers with weights (included). An
        activation or softmax there is precision-critical: nothing after it averages the int8 rounding out."""
        seen: list[str] = []
        todo = [out]
        while todo:
            t = todo.pop(0)
            if t in seen or t not in self.op:
                continue
            seen.append(t)
            if self.op[t].removeprefix("ex") not in WEIGHTED:
                todo.extend(self.reads.get(t, ()))
        return seen


    def consumers(self) -> dict[str, list[str]]:
        """tensor -> the tensors of the layers that read it."""
        out: dict[str, list[str]] = {}
        for t, ins in self.reads.items():
            for i in ins:
                out.setdefault(i, []).append(t)
        return out

    def gate_branches(self) -> set[str]:
        """The tensors of gate side branches (an SE block's squeeze and excite): from a gate (GATES) whose output a
        Mul multiplies into the tensor the branch forked from, back along layers that one layer reads, to that
        fork (left out), with a squeeze on the way (a tensor smaller than the fork: a swish's x * sigmoid(x) or a
        spatial attention map is no side branch). The main path does not go through them."""
        cons = self.consumers()
        out: set[str] = set()
        for g, op in self.op.items():
            if op.removeprefix("ex") not in GATES:
                continue
            branch, t = [g], g
            while True:
                ins = [i for i in self.reads.get(t, ()) if i in self.op]
                if len(ins) != 1:
                    break
                t = ins[0]
                if len(cons.get(t, ())) > 1:  # the fork: read by the branch and by the Mul (or others)
                    squeezed = any(0 < self.size.get(b, 0) < self.size.get(t, 0) for b in branch)
                    if squeezed and any(self.op.get(m) == "Mul" and t in self.reads.get(m, ()) for m in cons.get(g, ())):
                        out.update(branch)
                    break
                branch.append(t)
        return out


def read_graph(path: str | Path | None) -> Graph | None:
    """The Graph of a step-1 .model; None when there is none or it is not an ONNX graph."""
    if not path:
        return None
    try:
        import onnx

        m = onnx.load(str(path), load_external_data=False)
    except Exception:  # noqa: BLE001 - another toolkit version may write another format: the ONNX model's edges then
        return None
    reads: dict[str, tuple[str, ...]] = {}
    op: dict[str, str] = {}
    for n in m.graph.node:
        for o in n.output:
            reads[o] = tuple(i for i in n.input if i)
            op[o] = n.op_type
    size: dict[str, int] = {}
    for v in [*m.graph.value_info, *m.graph.output]:
        dims = [d.dim_value for d in v.type.tensor_type.shape.dim]
        if dims and all(d > 0 for d in dims):
            size[v.name] = math.prod(dims)
    return Graph(reads, op, [o.name for o in m.graph.output], size) if reads else None


def _edges(rows, model, graph: Graph | None = None) -> dict[int, set[int]]:
    """Row index -> the indexes of the rows that produce its inputs: through the toolkit's graph when there is one
    (a tensor no row names is passed through to what it reads), else through the ONNX graph (a row's tensors
    and the outputs of its ONNX nodes name it)."""
    row_of: dict[str, int] = {}
    for i, r in enumerate(rows):
        for t in r.tensors:
            row_of[t] = i
    out: dict[int, set[int]] = {}
    if graph is not None:
        for i, r in enumerate(rows):
            todo, seen = [s for t in r.tensors for s in graph.reads.get(t, ())], set(r.tensors)
            while todo:
                s = todo.pop()
                if s in seen:
                    continue
                seen.add(s)
                j = row_of.get(s)
                if j is None:
                    todo.extend(graph.reads.get(s, ()))
                elif j != i:
                    out.setdefault(i, set()).add(j)
        return out
    try:
        by_name, by_out = onnx_index(model)
    except Exception:  # noqa: BLE001 - without the graph no row has producers
        return {}
    for i, r in enumerate(rows):
        for n in r.onnx_nodes:
            node = by_name.get(n) or by_out.get(n)
            for o in (node.output if node is not None else []):
                row_of.setdefault(o, i)
    for i, r in enumerate(rows):
        for n in r.onnx_nodes:
            node = by_name.get(n) or by_out.get(n)
            for t in (node.input if node is not None else []):
                j = row_of.get(t)
                if j is not None and j != i:
                    out.setdefault(i, set()).add(j)
    return out


def _cos(x: float) -> float:
    return 0.0 if math.isnan(x) else x


# a gate's error is squashed where it is multiplied in (an SE block's sigmoid): only a gate's loss may be cancelled
# by its consumers agreeing better. Elsewhere a consumer's better cosine does not mean the error is gone:
# silero-vad's STFT magnitude (Sqrt, cosine 0.54) feeds a Conv at 0.96, and the LSTM after it ends at 0.56
GATES = frozenset({"Sigmoid", "HardSigmoid"})


def ranked(analysis: Analysis, model, graph: Graph | None = None) -> list[tuple[float, int]]:
    """(loss, row index) worst first. A row's loss is what it adds to the error: the larger of its single-layer
    loss (1 - single cosine) and the drop of the accumulated cosine from its producers to it. A gate (GATES) whose
    consumers all agree better than it does (an SE block's sigmoid) loses nothing that reaches the outputs and
    is ranked last."""
    rows = analysis.rows
    prod = _edges(rows, model, graph)
    cons: dict[int, set[int]] = {}
    for i, ps in prod.items():
        for j in ps:
            cons.setdefault(j, set()).add(i)
    out = []
    for i, r in enumerate(rows):
        prev = min((_cos(rows[j].entire_cos) for j in prod.get(i, ())), default=1.0)
        loss = max(1.0 - _cos(r.single_cos), prev - _cos(r.entire_cos), 0.0)
        after = [_cos(rows[j].entire_cos) for j in cons.get(i, ())]
        if r.op_type.removeprefix("ex") in GATES and after and min(after) > _cos(r.entire_cos) + 0.5 * loss:
            loss = 0.0
        out.append((loss, i))
    out.sort(key=lambda x: (-x[0], rows[x[1]].order))
    return out


def units(analysis: Analysis, model, layers: list[str], graph: Graph | None = None,
          allowed: set[str] | None = None) -> list[list[str]]:
    """The candidates for fp16, worst first (ranked): each row's tensors plus those of the rows producing its
    inputs, because the int8 tensor a layer reads was quantized by its producer; only quantized tensors of the
    cfg (and of `allowed`: upstream of the outputs that miss the target), and rows that lose nothing or add no
    new tensor are left out."""
    known = set(layers) if allowed is None else set(layers) & allowed
    rows = analysis.rows
    prod = _edges(rows, model, graph)
    out: list[list[str]] = []
    seen: set[str] = set()
    for loss, i in ranked(analysis, model, graph):
        if loss <= 0.0:
            break
        group = list(rows[i].tensors) + [t for j in sorted(prod.get(i, ())) for t in rows[j].tensors]
        unit = [t for t in dict.fromkeys(group) if t in known]
        if unit and not set(unit) <= seen:
            out.append(unit)
            seen.update(unit)
    return out


def input_cast(row, graph: Graph | None) -> bool:
    """The toolkit's conversion of a model input to int8 (`exDataConvert` reading only graph inputs: `x_int8`).
    The input side leaves it out: its rounding costs nothing measurable (accumulated cosine 0.99999 on PP-OCRv4
    det), and the slot it would take goes to the next layer: on rv1106 (int16) the first 31 layers in graph order
    give 0.9885, the same 31 without `x_int8` and one layer further 0.9905 (docs/int8.md)."""
    if row.op_type.removeprefix("ex") != "DataConvert":
        return False
    if graph is None:
        return row.order <= 1
    return all(i not in graph.op for t in row.tensors for i in graph.reads.get(t, ()))


def keep_dtype(target: str) -> str:
    """What the layers leave int8 for: float16, or int16 on a family that builds no float (rv1103/rv1106: step 2
    refuses float16 there, 'only support int8/int16', measured with rknn-toolkit2 2.5.0)."""
    from ..platforms import resolve_target

    try:
        return "int16" if resolve_target(target).fact("fp16_build", True) is False else "float16"
    except Exception:  # noqa: BLE001 - an unknown target fails in the build with its own message
        return "float16"


def run_trial(job: BuildJob, files: dict[str, str], cfg: dict, fp16: list[str], stem: Path,
              samples: int = DEFAULT_SAMPLES, timeout: float = 600.0, log_path: Path | None = None) -> Trial:
    """One hybrid_quantization_step2 build with `fp16` in custom_quantize_layers (cfg written to
    STEM.quantization.cfg, the model to STEM.rknn), run in the simulator and compared on the first `samples`
    calibration samples. Whatever the toolkit does (raise, crash, hang) comes back as the Trial's status and
    one-line error."""
    import yaml

    c = dict(cfg)
    c["custom_quantize_layers"] = {t: keep_dtype(job.target) for t in fp16}
    p = stem.with_name(stem.name + ".quantization.cfg")
    p.write_text(yaml.safe_dump(c, sort_keys=False))
    s2_job = replace(job, analyze=False, compare=True, compare_samples=samples, export=str(stem.with_suffix(".rknn")),
                     hybrid={"step": 2, "model": files["model"], "data": files["data"], "cfg": str(p)})
    raw = run_build(s2_job, timeout=timeout, log_path=log_path)
    t = _trial(raw, s2_job, fp16, "hybrid_quantization_step2")
    t.cfg, t.raw = str(p), raw
    return t


def _prefix(us: list[list[str]], k: int) -> list[str]:
    return list(dict.fromkeys(t for u in us[:k] for t in u))


def _fits_in(us: list[list[str]], room: int) -> int:
    """How many units of an ordering fit in `room` layers."""
    return max((j for j in range(1, len(us) + 1) if len(_prefix(us, j)) <= room), default=0)


def _fit(us: list[list[str]], room: int) -> list[str]:
    """The layers of an ordering's longest prefix that fits in `room`."""
    return _prefix(us, _fits_in(us, room))


def _cos_of(t: Trial, output: str) -> float:
    c = t.cosines.get(output)
    return -2.0 if c is None else c


def _failing(t: Trial, target: float) -> list[str]:
    """The outputs of a build below the target, worst first."""
    bad = [(c if c is not None else -2.0, o) for o, c in t.cosines.items() if c is None or c < target]
    return [o for _c, o in sorted(bad)]


@dataclass
class _Setting:
    """One quantized_algorithm's plain build, step-1 files and candidates."""

    algo: str
    job: BuildJob
    base: Trial
    analysis: Analysis | None
    files: dict[str, str] = field(default_factory=dict)
    cfg: dict = field(default_factory=dict)
    graph: Graph | None = None
    layers: list[str] = field(default_factory=list)


def auto_hybrid(job: BuildJob, target_cos: float, max_share: float, out_rknn: Path, timeout: float = 600.0,
                samples: int = DEFAULT_SAMPLES, log_dir: Path | None = None, max_builds: int = DEFAULT_MAX_BUILDS,
                say: Callable[[str], None] = lambda s: None, algorithms: tuple[str, ...] | None = None) -> HybridResult:
    """Search, build and write `out_rknn` and its quantization cfg (beside it: NAME.quantization.cfg) from the
    best build found; HybridResult.reached says whether every output reached target_cos. The quantization
    algorithms are tried in turn (`algorithms`: the one the user named, else ALGORITHMS, cheapest first) until
    one reaches the target; at most `max_builds` toolkit runs in all."""
    res = HybridResult(job.model, job.target, target_cos, max_share)
    work = Path(tempfile.mkdtemp(prefix="rknnlint-hybrid-"))
    algos = list(algorithms or ALGORITHMS)
    try:
        job = prepare(job, work, res, say)
        for k, algo in enumerate(algos):
            if res.builds + 3 > max_builds:  # a plain build, step 1 and one trial at least
                break
            if k > 0 and res.base is not None and res.base.seconds * SLOWER.get(algo, 1.0) > timeout:
                res.notes.append(f"{algo} not tried: its plain build would take about "
                                 f"{res.base.seconds * SLOWER.get(algo, 1.0):.0f} s ({SLOWER.get(algo, 1.0):g} times "
                                 f"{res.base.setting}'s), more than the {timeout:g} s timeout")
                continue
            sjob = replace(job, config={**(job.config or {}), "quantized_algorithm": algo},
                           disable_rules=list(res.disable_rules or job.disable_rules))
            _search_setting(res, sjob, algo, work / algo, target_cos, max_share, timeout, samples, log_dir,
                            max_builds, say)
            if any(t.reaches(target_cos) for t in res.bases + res.trials) or (k == 0 and res.base is not None
                                                                              and res.base.error):
                break  # the cheapest setting that reaches wins: the next one is not tried
        _finish(res, out_rknn, max_share)
        return res
    finally:
        shutil.rmtree(work, ignore_errors=True)


# exact rewrites applied before the search: each turns what the toolkit would split into many int8 layers into
# one layer that the search can keep in fp16 as a whole (rewrites/<name>.py says why)
PREPARE = ("fold-strided-conv",)


def prepare(job: BuildJob, work: Path, res: HybridResult, say: Callable[[str], None] = lambda s: None) -> BuildJob:
    """The job on the model the search builds: the user's, or a copy with the PREPARE rewrites applied where they
    apply (exact, checked in onnxruntime on the first calibration sample; a rewrite that fails or differs is
    left out with a note). res.rewrites says what changed."""
    try:
        import onnx

        from ..rewrites import RewriteOptions, get_rewrite

        model = onnx.load(job.model)
        notes: list[str] = []
        for name in PREPARE:
            r = get_rewrite(name).apply(model, RewriteOptions())
            if r.changed:
                model = r.model
                notes += [f"{name}: {n}" for n in r.notes if " kept: " not in n]
        if not notes:
            return job
        path = work / "model" / Path(job.model).name
        path.parent.mkdir(parents=True, exist_ok=True)
        onnx.save(model, str(path))
        why = _differs(job, str(path))
        if why:
            res.notes.append(f"{', '.join(PREPARE)} not used: {why}")
            return job
    except Exception as e:  # noqa: BLE001 - the search goes on with the user's model
        res.notes.append(f"{', '.join(PREPARE)} not used: {type(e).__name__}: {e}".strip()[:300])
        return job
    res.rewrites = notes
    res.searched = str(path)
    for n in notes:
        say(f"rewrote {n}")
    return replace(job, model=str(path))


def _differs(job: BuildJob, rewritten: str) -> str:
    """'' when the rewritten model's outputs equal the original's in onnxruntime on the first calibration sample
    (rtol 1e-4, atol 1e-5 x max|output|), else why not."""
    import numpy as np
    import onnxruntime as ort

    line = next((ln for ln in Path(job.dataset).read_text().splitlines() if ln.strip() and not ln.startswith("#")), "")
    base = Path(job.dataset).parent
    feeds_of = []
    for f in line.split():
        p = Path(f) if Path(f).is_absolute() else base / f
        feeds_of.append(np.load(p))
    outs = []
    for m in (job.model, rewritten):
        s = ort.InferenceSession(m, providers=["CPUExecutionProvider"])
        outs.append(s.run(None, {i.name: a for i, a in zip(s.get_inputs(), feeds_of)}))
    for a, b in zip(*outs):
        tol = 1e-5 * max(1.0, float(np.abs(a).max()) if a.size else 1.0)
        if a.shape != b.shape or not np.allclose(a, b, rtol=1e-4, atol=tol):
            return "its outputs differ from the original's in onnxruntime"
    return ""


def _search_setting(res: HybridResult, job: BuildJob, algo: str, work: Path, target_cos: float, max_share: float,
                    timeout: float, samples: int, log_dir: Path | None, max_builds: int,
                    say: Callable[[str], None]) -> None:
    """One quantization algorithm: its plain int8 build and, when that misses the target, the fp16 candidates."""
    import yaml

    work.mkdir(parents=True, exist_ok=True)
    stem = Path(job.model).stem

    def logp(name: str) -> Path | None:
        return (log_dir / f"{stem}.{job.target}.{algo}.{name}.log") if log_dir else None

    base_job = replace(job, analyze=True, compare=True, compare_samples=samples, export=str(work / "int8.rknn"),
                       hybrid={})
    say(f"plain int8 build ({algo}) with accuracy_analysis ({Path(job.model).name}, {job.target})")
    raw = run_build(base_job, timeout=timeout, log_path=logp("int8"))
    rule = _known_crash(raw, base_job)
    if rule:  # a known toolkit fusion-pass crash: every build of the search goes with its disable_rules workaround
        say(f"plain int8 build ({algo}) crashed in the toolkit's {rule} pass: again with disable_rules=['{rule}']")
        job = replace(job, disable_rules=[rule])
        base_job = replace(base_job, disable_rules=[rule])
        raw = run_build(base_job, timeout=timeout, log_path=logp("int8-no-" + rule))
        if raw.status == "built":
            res.disable_rules = [rule]
            res.notes.append(f"built with rknn.config(disable_rules=['{rule}']) (a known toolkit crash without it): "
                             "use the same in your conversion script")
    base = _trial(raw, base_job, [], f"int8 build ({algo})")
    base.family, base.setting, base.raw = "plain int8", algo, raw
    res.bases.append(base)
    if res.base is None:
        res.base, res.final_raw = base, raw
        res.analysis = from_result(raw.result, job.model)
        if base.error:
            res.error = base.error
            return
        if base.rknn:
            res.int8_bytes = Path(base.rknn).stat().st_size
    say(f"plain int8 ({algo}): " + (f"worst output cosine {base.worst:.5f}" if base.worst is not None else base.error))
    if base.error:
        if base is not res.base:
            res.notes.append(base.error)
        return
    if base.reaches(target_cos):
        res.reached = True
        return
    analysis = res.analysis if algo == res.base.setting else from_result(raw.result, job.model)
    if analysis is None or not analysis.rows:
        res.notes.append(f"{algo}: no per-layer analysis to rank layers by" + (f": {analysis.error}" if analysis else ""))
        return
    say(f"hybrid_quantization_step1 ({algo})")
    s1_job = replace(job, compare=False, export=None, analyze=False, hybrid={"step": 1, "dir": str(work)})
    raw1 = run_build(s1_job, timeout=timeout, log_path=logp("hybrid-step1"))
    res.step1_runs += 1
    files = raw1.result.get("hybrid_files") if raw1.status == "built" else None
    if not files:
        res.notes.append(_one_line(raw1, s1_job, f"hybrid_quantization_step1 ({algo})")
                         or f"hybrid_quantization_step1 ({algo}) wrote nothing")
        return
    cfg = yaml.safe_load(Path(files["quantization.cfg"]).read_text()) or {}
    graph = read_graph(files["model"])
    layers = quantized_layers(cfg, analysis)
    res.layers_of[algo] = len(layers)
    known = set(layers)
    budget = max(1, int(max_share * len(layers)))
    keep_as = keep_dtype(job.target)
    tried: dict[tuple[str, ...], Trial] = {}

    def trial(fam: str, fp16: list[str]) -> Trial | None:
        fp16 = list(dict.fromkeys(fp16))
        key = tuple(sorted(fp16))
        if key in tried:
            return tried[key]
        if res.builds >= max_builds or not fp16:
            return None
        n = len(res.trials) + 1
        t = run_trial(job, files, cfg, fp16, work / f"trial{n}", samples, timeout, logp(f"hybrid-{n}"))
        t.family, t.setting = fam, algo
        tried[key] = t
        res.trials.append(t)
        say(f"{algo}, {fam}: {len(fp16)}/{len(layers)} layers in {keep_as}: "
            + (f"worst output cosine {t.worst:.5f}" if t.worst is not None else t.error or t.status))
        return t

    def ok(t: Trial | None) -> bool:
        return t is not None and t.reaches(target_cos)

    def worst(t: Trial | None) -> float:
        return t.worst if t is not None and t.worst is not None and t.status == "built" else -2.0

    failing = _failing(base, target_cos)
    # only layers the failing outputs are computed from can bring them back
    allowed = graph.upstream(failing) if graph is not None and set(failing) <= set(graph.op) else None

    # 1. the tails of the failing outputs (an activation after the last layer with weights: a sigmoid's or a
    # softmax's int8 output steps are coarse where the values are small); a tail stays for the rest of the
    # search when its own output improved
    keep: list[str] = []
    if graph is not None:
        # the worst outputs' tails first, as many as fit in half the budget
        stages: dict[str, list[str]] = {}
        for o in failing:
            st = [t for t in graph.stage(o) if t in known] if o in graph.op else []
            if st and len(_prefix([*stages.values(), st], len(stages) + 1)) <= budget // 2:
                stages[o] = st
        cand = _prefix(list(stages.values()), len(stages))
        if cand:
            t = trial("output stage", cand)
            if ok(t):
                return
            if t is not None and t.status == "built":
                keep = _prefix([u for o, u in stages.items() if _cos_of(t, o) > _cos_of(base, o) + 1e-3], len(stages))
    room = budget - len(keep)
    # the orderings walk the main path: a gate's side branch (an SE block's squeeze and excite, 81 of PP-OCRv6-tiny
    # det's 207 layers) would take slots without bringing the outputs back (its analysis loss is squashed by the
    # gate): the input side's 31 layers give 0.9851 with them, 0.9905 without (docs/int8.md)
    side = graph.gate_branches() & known if graph is not None else set()
    if side:
        res.notes.append(f"{algo}: {len(side)} layers of gate side branches (SE blocks) left out of the orderings")

    def usable(u: list[str], main: bool = True) -> list[str]:
        return [t for t in u if t in known and t not in keep and (not main or t not in side)
                and (allowed is None or t in allowed)]

    rows = sorted(analysis.rows, key=lambda r: r.order)
    order = [u for u in (usable(list(r.tensors)) for r in rows if not input_cast(r, graph)) if u]
    ranked_units = [u for u in (usable(x) for x in units(analysis, job.model, layers, graph, allowed)) if u]
    # 2. three orderings, in turn, each at the whole budget left: the analysis's ranking, the layers nearest the
    # input (small errors there that every later layer amplifies), the layers nearest the outputs
    fams = [("analysis", ranked_units), ("input side", order), ("output side", order[::-1])]
    # the input side with the side branches too, where they would change it: PP-OCRv6-tiny rec's first SE block
    # matters (its 12 layers: 0.9824 with it, 0.9768 without), PP-OCRv6-tiny det's do not (0.9851 with, 0.9905 without)
    whole = [u for u in (usable(list(r.tensors), main=False) for r in rows if not input_cast(r, graph)) if u]
    if side and _fit(whole, room) != _fit(order, room):
        fams.insert(2, ("input side with side branches", whole))
    tops: list[tuple[Trial, str, list[list[str]], int]] = []
    for fam, us in fams:
        top = _fits_in(us, room)
        t = trial(fam, keep + _prefix(us, top)) if top else None
        if t is None:
            continue
        if ok(t):
            # 3. the fewest of that ordering's layers that still reach, by bisection
            lo, hi = 0, top
            while hi - lo > 1 and res.builds < max_builds:
                mid = (lo + hi) // 2
                if ok(trial(fam, keep + _prefix(us, mid))):
                    hi = mid
                else:
                    lo = mid
            return
        tops.append((t, fam, us, top))
    tops.sort(key=lambda x: -worst(x[0]))
    # 4. none reached alone: half the budget from each of the two orderings that came closest
    if len(tops) >= 2 and worst(tops[0][0]) > worst(base):
        fp16 = list(keep)
        for _t, _fam, us, _top in tops[:2]:
            j = max((j for j in range(1, len(us) + 1) if len(_prefix(us, j)) <= room // 2), default=0)
            fp16 += _prefix(us, j)
        fp16 = list(dict.fromkeys(fp16))[:budget]
        trial(f"{tops[0][1]} + {tops[1][1]}", fp16)


def _finish(res: HybridResult, out_rknn: Path, max_share: float) -> None:
    """Pick the build to write: the first that reached the target (the cheapest setting, the fewest layers),
    else the one that came closest; plain int8 when nothing did better."""
    reached = [t for t in res.bases + res.trials if t.reaches(res.target_cosine)]
    if reached:
        first = reached[0].setting
        best = min((t for t in reached if t.setting == first), key=lambda t: len(t.fp16))
        res.reached = True
    else:
        res.reached = False
        built = [t for t in res.bases + res.trials if t.status == "built" and t.worst is not None]
        best = max(built, key=lambda t: t.worst) if built else None
        if res.base is not None and not res.base.error:
            budget = {a: max(1, int(max_share * n)) for a, n in res.layers_of.items()}
            tried = ", ".join(sorted(res.layers_of)) or (res.base.setting or "normal")
            res.error = res.error or (
                f"no set of at most {100 * max_share:.0f}% of the layers in {keep_dtype(res.target)} reached cosine "
                f"{res.target_cosine} in {res.builds} builds (quantized_algorithm {tried}; "
                + ", ".join(f"{a}: {b} of {res.layers_of[a]} layers" for a, b in budget.items()) + ")"
                + "".join(f"; {n}" for n in res.notes)
                + next((f"; {t.error}" for t in res.trials if t.error), ""))
    if best is None:
        return
    res.best = best
    res.total_layers = res.layers_of.get(best.setting, res.total_layers or 0) if best.fp16 else \
        res.layers_of.get(best.setting, 0)
    res.final_raw = best.raw or res.final_raw
    _write(res, best, out_rknn, best.cfg if best.fp16 else None)


def onnx_nodes(tensors: list[str], model) -> list[str]:
    """The ONNX nodes behind the cfg's tensor names (graph order of the names, no repeats)."""
    from .analysis import node_of

    try:
        by_name, by_out = onnx_index(model)
    except Exception:  # noqa: BLE001 - the names alone then
        return []
    out = [n.name or n.output[0] for t in tensors if (n := node_of(t, by_name, by_out)) is not None]
    return list(dict.fromkeys(out))


def cfg_path_for(out_rknn: Path) -> Path:
    """Where the hybrid quantization config is written: beside the .rknn, NAME.quantization.cfg."""
    return out_rknn.with_suffix(".quantization.cfg")


def _write(res: HybridResult, t: Trial, out_rknn: Path, cfg: str | None) -> None:
    """Copy the chosen build (and its cfg) into place, whole or not at all."""
    import os

    if not t.rknn or not Path(t.rknn).is_file():
        return
    out_rknn.parent.mkdir(parents=True, exist_ok=True)
    part = out_rknn.with_name(out_rknn.name + ".part")
    shutil.copyfile(t.rknn, part)
    os.replace(part, out_rknn)
    res.rknn, res.rknn_bytes = str(out_rknn), out_rknn.stat().st_size
    if cfg:
        dest = cfg_path_for(out_rknn)
        shutil.copyfile(cfg, dest)
        res.cfg = str(dest)
    if res.searched:  # the .rknn and the cfg are of the rewritten model: it goes beside them
        dest = out_rknn.with_suffix(".rewritten.onnx")
        shutil.copyfile(res.searched, dest)
        res.rewritten = str(dest)


def render(res: HybridResult, stream) -> None:
    """The text report of the search."""
    b = res.base
    keep = "fp16" if keep_dtype(res.target) == "float16" else "int16"
    print(f"{res.model}  {res.target} int8 hybrid (target cosine {res.target_cosine}):", file=stream)
    for n in res.rewrites:
        print(f"  rewrote (exact) {n}", file=stream)
    for t in [x for x in res.bases if x is not b or x.worst is not None] + res.trials:
        what = f"worst output cosine {t.worst:.5f}" if t.worst is not None else (t.error or t.status)
        if t in res.bases:
            algo = f" ({t.setting})" if len(res.bases) > 1 else ""
            cos = (" (" + ", ".join(f"{k} {v:.5f}" for k, v in t.cosines.items() if v is not None) + ")"
                   if t is b and t.worst is not None else "")
            print(f"  plain int8{algo}: {what}{cos}", file=stream)
            continue
        algo = f"{t.setting}, " if len(res.bases) > 1 else ""
        print(f"  try {len(t.fp16)} {keep} layers ({algo}{t.family}): {what} ({t.seconds:.1f} s)", file=stream)
    best = res.best
    if res.reached and best is not None:
        share = res.fp16_share
        cost = (f"{len(best.fp16)}/{res.total_layers} layers in {keep} ({100 * share:.1f}%)" if best.fp16 and share
                is not None else f"no layer in {keep} (plain int8 reaches it)")
        algo = f", quantized_algorithm {best.setting}" if best.setting else ""
        print(f"  reached: worst output cosine {best.worst:.5f} with {cost}{algo}", file=stream)
        if best.fp16:
            nodes = onnx_nodes(best.fp16, res.rewritten or res.model)
            print(f"  {keep} layers: " + ", ".join(best.fp16) + (f" (ONNX nodes: {', '.join(nodes)})" if nodes else ""),
                  file=stream)
    elif res.error:
        print(f"  not reached: {res.error}", file=stream)
    if res.rknn:
        size = f" ({res.rknn_bytes / 1e6:.2f} MB" + (f"; plain int8 {res.int8_bytes / 1e6:.2f} MB)" if res.int8_bytes else ")")
        print(f"  wrote {res.rknn}{size}" + (f" and {res.cfg}" if res.cfg else "")
              + (f" (its layers are those of {res.rewritten})" if res.rewritten else ""), file=stream)
    print(f"  {res.builds} builds", file=stream)
