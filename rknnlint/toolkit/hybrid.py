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
   those nearest the outputs), within the fp16 budget, go into the cfg's custom_quantize_layers and through
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
DEFAULT_MAX_BUILDS = 14  # hybrid step-2 builds at most (each costs seconds to minutes)
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
    family: str = ""  # which ordering of the layers this prefix came from (analysis, input side, output side)
    raw: RawRun | None = field(default=None, repr=False)

    @property
    def worst(self) -> float | None:
        vals = [c for c in self.cosines.values() if c is not None]
        return min(vals) if vals else None

    def reaches(self, target: float) -> bool:
        w = self.worst
        return self.status == "built" and w is not None and w >= target

    def to_dict(self) -> dict[str, Any]:
        return {"fp16_layers": len(self.fp16), "family": self.family or None, "status": self.status, "worst_cosine": self.worst,
                "cosines": self.cosines, "error": self.error or None, "seconds": self.seconds}


@dataclass
class HybridResult:
    """What the search found and what it cost."""

    model: str
    target: str
    target_cosine: float
    max_share: float
    reached: bool = False
    base: Trial | None = None  # the plain int8 build
    trials: list[Trial] = field(default_factory=list)
    best: Trial | None = None
    total_layers: int = 0  # quantized tensors in the toolkit's quantization cfg
    analysis: Analysis | None = None
    rknn: str | None = None
    cfg: str | None = None
    int8_bytes: int | None = None
    rknn_bytes: int | None = None
    error: str = ""
    final_raw: RawRun | None = None

    @property
    def builds(self) -> int:
        return len(self.trials) + (1 if self.base else 0)

    @property
    def fp16_share(self) -> float | None:
        if self.best is None or not self.total_layers:
            return None
        return len(self.best.fp16) / self.total_layers

    def to_dict(self) -> dict[str, Any]:
        best = self.best
        return {"target_cosine": self.target_cosine, "max_fp16_share": self.max_share, "reached": self.reached,
                "keep_dtype": keep_dtype(self.target),
                "error": self.error or None, "int8_worst_cosine": self.base.worst if self.base else None,
                "int8_cosines": self.base.cosines if self.base else {},
                "worst_cosine": best.worst if best else None, "cosines": best.cosines if best else {},
                "fp16_layers": list(best.fp16) if best else [], "quantized_layers": self.total_layers,
                "fp16_share": None if self.fp16_share is None else round(self.fp16_share, 4),
                "rknn": self.rknn, "quantization_cfg": self.cfg, "int8_bytes": self.int8_bytes,
                "rknn_bytes": self.rknn_bytes, "builds": self.builds, "trials": [t.to_dict() for t in self.trials]}


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


def _edges(rows, model) -> dict[int, set[int]]:
    """Row index -> the indexes of the rows that produce its inputs, through the ONNX graph (a row's tensors and
    the outputs of its ONNX nodes name it)."""
    try:
        by_name, by_out = onnx_index(model)
    except Exception:  # noqa: BLE001 - without the graph no row has producers
        return {}
    row_of: dict[str, int] = {}
    for i, r in enumerate(rows):
        for t in r.tensors:
            row_of[t] = i
    for i, r in enumerate(rows):
        for n in r.onnx_nodes:
            node = by_name.get(n) or by_out.get(n)
            for o in (node.output if node is not None else []):
                row_of.setdefault(o, i)
    out: dict[int, set[int]] = {}
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


def ranked(analysis: Analysis, model) -> list[tuple[float, int]]:
    """(loss, row index) worst first. A row's loss is what it adds to the error: the larger of its single-layer
    loss (1 - single cosine) and the drop of the accumulated cosine from its producers to it. A row whose
    consumers all agree better than it does (an SE block's gate squashed by a sigmoid) loses nothing that
    reaches the outputs and is ranked last."""
    rows = analysis.rows
    prod = _edges(rows, model)
    cons: dict[int, set[int]] = {}
    for i, ps in prod.items():
        for j in ps:
            cons.setdefault(j, set()).add(i)
    out = []
    for i, r in enumerate(rows):
        prev = min((_cos(rows[j].entire_cos) for j in prod.get(i, ())), default=1.0)
        loss = max(1.0 - _cos(r.single_cos), prev - _cos(r.entire_cos), 0.0)
        after = [_cos(rows[j].entire_cos) for j in cons.get(i, ())]
        if after and min(after) > _cos(r.entire_cos) + 0.5 * loss:
            loss = 0.0
        out.append((loss, i))
    out.sort(key=lambda x: (-x[0], rows[x[1]].order))
    return out


def units(analysis: Analysis, model, layers: list[str]) -> list[list[str]]:
    """The candidates for fp16, worst first (ranked): each row's tensors plus those of the rows producing its
    inputs, because the int8 tensor a layer reads was quantized by its producer; only quantized tensors of the
    cfg, and rows that lose nothing or add no new tensor are left out."""
    known = set(layers)
    rows = analysis.rows
    prod = _edges(rows, model)
    out: list[list[str]] = []
    seen: set[str] = set()
    for loss, i in ranked(analysis, model):
        if loss <= 0.0:
            break
        group = list(rows[i].tensors) + [t for j in sorted(prod.get(i, ())) for t in rows[j].tensors]
        unit = [t for t in dict.fromkeys(group) if t in known]
        if unit and not set(unit) <= seen:
            out.append(unit)
            seen.update(unit)
    return out


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


def auto_hybrid(job: BuildJob, target_cos: float, max_share: float, out_rknn: Path, timeout: float = 600.0,
                samples: int = DEFAULT_SAMPLES, log_dir: Path | None = None, max_builds: int = DEFAULT_MAX_BUILDS,
                say: Callable[[str], None] = lambda s: None) -> HybridResult:
    """Search, build and write `out_rknn` and its quantization cfg (beside it: NAME.quantization.cfg) from the
    best build found; HybridResult.reached says whether every output reached target_cos."""
    import yaml

    res = HybridResult(job.model, job.target, target_cos, max_share)
    work = Path(tempfile.mkdtemp(prefix="rknnlint-hybrid-"))
    stem = Path(job.model).stem

    def logp(name: str) -> Path | None:
        return (log_dir / f"{stem}.{job.target}.{name}.log") if log_dir else None

    try:
        base_job = replace(job, analyze=True, compare=True, compare_samples=samples, export=str(work / "int8.rknn"),
                           hybrid={})
        say(f"plain int8 build with accuracy_analysis ({Path(job.model).name}, {job.target})")
        raw = run_build(base_job, timeout=timeout, log_path=logp("int8"))
        res.base = _trial(raw, base_job, [], "int8 build")
        res.final_raw = raw
        res.analysis = from_result(raw.result, job.model)
        if res.base.error:
            res.error = res.base.error
            return res
        if res.base.rknn:
            res.int8_bytes = Path(res.base.rknn).stat().st_size
        if res.base.reaches(target_cos):
            res.reached, res.best = True, res.base
            _write(res, res.base, out_rknn, None)
            return res
        if res.analysis is None or not res.analysis.rows:
            res.error = "no per-layer analysis to rank layers by" + (f": {res.analysis.error}" if res.analysis else "")
            return res

        say("hybrid_quantization_step1")
        s1_job = replace(job, compare=False, export=None, analyze=False, hybrid={"step": 1, "dir": str(work)})
        raw1 = run_build(s1_job, timeout=timeout, log_path=logp("hybrid-step1"))
        files = raw1.result.get("hybrid_files") if raw1.status == "built" else None
        if not files:
            res.error = _one_line(raw1, s1_job, "hybrid_quantization_step1") or "hybrid_quantization_step1 wrote nothing"
            return res
        cfg = yaml.safe_load(Path(files["quantization.cfg"]).read_text()) or {}
        layers = quantized_layers(cfg, res.analysis)
        res.total_layers = len(layers)
        us = units(res.analysis, job.model, layers)
        budget = max(1, int(max_share * len(layers)))

        order = [[t for t in r.tensors if t in set(layers)] for r in sorted(res.analysis.rows, key=lambda r: r.order)]
        order = [u for u in order if u]
        # where to look, in turn: the analysis's ranking, then the layers nearest the input (errors there are
        # small by cosine but every later layer amplifies them), then those nearest the outputs
        families = [("analysis", us), ("input side", order), ("output side", order[::-1])]
        keep = keep_dtype(job.target)
        tried: dict[tuple[str, int], Trial] = {}

        def trial(fam: str, units_: list[list[str]], k: int) -> Trial:
            if (fam, k) in tried:
                return tried[(fam, k)]
            fp16 = _prefix(units_, k)
            t = run_trial(job, files, cfg, fp16, work / f"trial{len(res.trials)}", samples, timeout,
                          logp(f"hybrid-{len(res.trials) + 1}"))
            t.family = fam
            tried[(fam, k)] = t
            res.trials.append(t)
            say(f"{fam}: {len(fp16)}/{len(layers)} layers in {keep}: "
                + (f"worst output cosine {t.worst:.5f}" if t.worst is not None else t.error or t.status))
            return t

        best = None
        for fam, units_ in families:
            if len(res.trials) >= max_builds:
                break
            top = max((j for j in range(1, len(units_) + 1) if len(_prefix(units_, j)) <= budget), default=0)
            if not top:
                continue
            if fam == "analysis":
                ks = sorted({min(2 ** e, top) for e in range(0, max(1, top.bit_length()) + 1)})
            else:
                ks = sorted({max(1, top // 4), max(1, top // 2), top})
            lo, hi = 0, None
            for k in ks:
                if len(res.trials) >= max_builds:
                    break
                if trial(fam, units_, k).reaches(target_cos):
                    hi = k
                    break
                lo = k
            if hi is None:
                continue
            while hi - lo > 1 and len(res.trials) < max_builds:  # the fewest of this family's layers that still reach
                mid = (lo + hi) // 2
                if trial(fam, units_, mid).reaches(target_cos):
                    hi = mid
                else:
                    lo = mid
            best = tried[(fam, hi)]
            res.reached = True
            break
        if best is None:
            built = [t for t in res.trials if t.status == "built" and t.worst is not None]
            best = max(built, key=lambda t: t.worst) if built else None
            if best is None or best.worst <= (res.base.worst or 0.0):
                best = None  # nothing better than plain int8: keep plain int8
            errs = [t.error for t in res.trials if t.error]
            res.error = (f"no set of at most {budget} {keep} layers ({100 * max_share:.0f}% of {len(layers)}) reached "
                         f"cosine {target_cos} in {res.builds} builds" + (f"; {errs[0]}" if errs else ""))
        if best is None:
            res.best = res.base
            _write(res, res.base, out_rknn, None)
        else:
            res.best = best
            res.final_raw = best.raw or res.final_raw
            _write(res, best, out_rknn, best.cfg)
        return res
    finally:
        shutil.rmtree(work, ignore_errors=True)


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


def render(res: HybridResult, stream) -> None:
    """The text report of the search."""
    b = res.base
    keep = "fp16" if keep_dtype(res.target) == "float16" else "int16"
    print(f"{res.model}  {res.target} int8 hybrid (target cosine {res.target_cosine}):", file=stream)
    if b is not None and b.worst is not None:
        print("  plain int8: worst output cosine " + f"{b.worst:.5f} ("
              + ", ".join(f"{k} {v:.5f}" for k, v in b.cosines.items() if v is not None) + ")", file=stream)
    for t in res.trials:
        what = f"worst output cosine {t.worst:.5f}" if t.worst is not None else (t.error or t.status)
        print(f"  try {len(t.fp16)} {keep} layers ({t.family}): {what} ({t.seconds:.1f} s)", file=stream)
    best = res.best
    if res.reached and best is not None:
        share = res.fp16_share
        cost = (f"{len(best.fp16)}/{res.total_layers} layers in {keep} ({100 * share:.1f}%)" if share is not None
                else f"no layer in {keep} (plain int8 reaches it)")
        print(f"  reached: worst output cosine {best.worst:.5f} with {cost}", file=stream)
        if best.fp16:
            nodes = onnx_nodes(best.fp16, res.model)
            print(f"  {keep} layers: " + ", ".join(best.fp16) + (f" (ONNX nodes: {', '.join(nodes)})" if nodes else ""),
                  file=stream)
    elif res.error:
        print(f"  not reached: {res.error}", file=stream)
    if res.rknn:
        size = f" ({res.rknn_bytes / 1e6:.2f} MB" + (f"; plain int8 {res.int8_bytes / 1e6:.2f} MB)" if res.int8_bytes else ")")
        print(f"  wrote {res.rknn}{size}" + (f" and {res.cfg}" if res.cfg else ""), file=stream)
    print(f"  {res.builds} builds", file=stream)
