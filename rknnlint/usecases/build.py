"""The `build` use case: config -> one job per model, target and toolkit version -> toolkit runner (a child process
per build, the build cache, the local pool or Ray) -> the report's entries, each compared with the static check of
the same config and version (the engine's context, as `check`), with nothing printed on stdout. The CLI
(cli/build_cmd.py) turns arguments into a BuildRequest, calls `run` and renders the BuildResult; `check --build`
runs the same use case with the static findings it already has.
"""
from __future__ import annotations

import json
import os
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..config import Config
from ..errors import UsageError
from ..executors import ExecutorSpec, WorkerLost, run_tasks

BUILD_SCHEMA_VERSION = "1.0"


@dataclass(frozen=True)
class BuildRequest:
    """One `rknnlint build`: the models, the merged config (targets, dtype, toolkit version or versions V1,V2, input
    shapes, fail-on, selection) and how to build them."""

    models: Sequence[Path]
    config: Config
    toolkit_options: Mapping[str, Any] = field(default_factory=dict)  # rknn.config keywords given as flags
    source_options: Mapping[str, Any] = field(default_factory=dict)  # rknn.config keywords from --source (flags win)
    dataset: str | None = None  # int8 calibration list
    mean: Sequence[float] | None = None
    std: Sequence[float] | None = None
    export: str | None = None  # write the built .rknn (one model, one target, one version)
    compare: bool = False  # seeded inputs through onnxruntime and the simulator
    timeout: float = 600.0  # seconds per build
    apply_workarounds: bool = False
    executor: ExecutorSpec = field(default_factory=ExecutorSpec)
    use_cache: bool = True
    out_dir: str | None = None  # per-model JSON reports and logs
    static: bool = True  # run the static check and compare it with each build
    static_findings: Mapping[str, list] | None = None  # the static findings per model path (check --build)
    reduce: bool = False
    max_builds: int | None = None
    log: Callable[[str], None] | None = None  # one line at a time for the user (stderr), e.g. --reduce progress
    analyze: bool = False  # int8: the toolkit's accuracy_analysis per layer (toolkit/analysis.py)
    int8_accuracy: float | None = None  # int8: automatic hybrid quantization to this output cosine (toolkit/hybrid.py)
    max_fp16: float = 0.15  # int8_accuracy: at most this share of the quantized layers in fp16

    @property
    def dtype(self) -> str:
        return "int8" if self.config.dtype == "int8" else "fp16"

    def say(self, line: str) -> None:
        if self.log is not None:
            self.log(line)


@dataclass(frozen=True)
class BuildResult:
    """The entries of a build (one per model x target x version: outcome, workaround, result, static vs build),
    the models that could not be read, and the command's exit code."""

    entries: list[dict]
    unreadable: list[dict]
    fail_on: Any = None

    @property
    def exit_code(self) -> int:
        return max(exit_code(self.entries, self.fail_on), 2 if self.unreadable else 0)

    def document(self) -> dict:
        """The JSON document of `rknnlint build --format json` (docs/schemas/build.schema.json)."""
        from .. import __version__

        return {"schema_version": BUILD_SCHEMA_VERSION, "tool": {"name": "rknnlint", "version": __version__},
                "fail_on": str(self.fail_on), "exit_code": self.exit_code,
                "builds": [entry_dict(e) for e in self.entries], "unreadable": self.unreadable}


def run(request: BuildRequest, early=None) -> BuildResult:
    """Build every readable model for every target and toolkit version of the request. `early`: a build the CLI
    started before the config was read (runner.StartedBuild), used when it is the one build asked for."""
    models, unreadable = readable_models(list(request.models), request.log)
    entries = run_builds(models, request, early=early) if models else []
    return BuildResult(entries, unreadable, request.config.fail_on)


def _read(model: Path):
    from ..loader import load_model

    return load_model(model)  # check's reader (no weights): an unreadable model gets check's one line, exit 2


def _inputs(m, shapes: dict[str, tuple[int, ...]]) -> list[tuple[str, list]]:
    inits = {i.name for i in m.graph.initializer}
    out = []
    for i in m.graph.input:
        if i.name in inits:
            continue
        dims = [d.dim_value if d.HasField("dim_value") else (d.dim_param or "?") for d in i.type.tensor_type.shape.dim]
        out.append((i.name, list(shapes.get(i.name, dims))))
    return out


def _unread_inputs(m) -> list[str]:
    """Graph inputs no node reads (subgraphs included): rknn-toolkit2 drops them and then wants one file fewer per
    dataset line ("input num: 3 ... not match input num: 2"), e.g. silero-vad's `sr` once its If is folded."""
    from ..rewrites._walk import nodes

    read = {i for n in nodes(m) for i in n.input}
    return [i.name for i in m.graph.input if i.name not in read]


def _check_dataset(path: str, n_inputs: int, unread: list[str] = ()) -> None:
    p = Path(path)
    if not p.is_file():
        raise UsageError(f"--dataset {path}: file not found")
    lines = [ln.split() for ln in p.read_text(errors="replace").splitlines() if ln.strip() and not ln.startswith("#")]
    if not lines:
        raise UsageError(f"--dataset {path}: no samples (one line per sample, the file paths of each input)")
    for k, parts in enumerate(lines, 1):
        if len(parts) != n_inputs:
            unused = (f" (the toolkit drops the input(s) no node reads: {', '.join(unread)})" if unread else "")
            raise UsageError(f"--dataset {path} line {k}: {len(parts)} file(s) for a model with {n_inputs} input(s)"
                             + unused)
        for f in parts:
            fp = Path(f) if Path(f).is_absolute() else p.parent / f
            if not fp.is_file():
                raise UsageError(f"--dataset {path} line {k}: '{f}' not found")




def make_job(model: Path, request: BuildRequest, cfg: Config, target: str, dtype: str, read_inputs: bool = True):
    """The runner's BuildJob for one model, target and version (cfg.toolkit_version); every usage error here."""
    from ..toolkit.build_options import effective
    from ..toolkit.runner import BuildJob

    given = dict(request.toolkit_options)
    if dtype != "int8":
        from ..toolkit.build_options import FLAGS, INT8_ONLY

        flag_of = {v: k for k, v in FLAGS.items()} | {"quant_img_RGB2BGR": "--quant-img-rgb2bgr"}
        wrong = [flag_of[k] for k in given if k in INT8_ONLY]
        if wrong:
            raise UsageError(f"{wrong[0]} is for --int8 builds")
    opts = {**dict(request.source_options), **given}
    if dtype == "int8":  # what this version takes for this target (gdq, group{SIZE}, w8a16 / w4a16 per family)
        from ..toolkit.build_options import labels, validate

        validate(opts, target, cfg.toolkit_version, labels(dict(request.source_options), given))
    shapes = dict(cfg.input_shapes)
    mean = list(request.mean) if request.mean is not None else None
    std = list(request.std) if request.std is not None else None
    dataset = request.dataset
    # reading the inputs costs the onnx import and a load (tenths of a second): the early start skips it when
    # there is nothing to check them against; the normal path reads them (and reports an unreadable model)
    m = _read(model) if (read_inputs or mean or std or dataset) else None
    ins = _inputs(m, shapes) if m is not None else []
    for vals, flag in ((mean, "--mean"), (std, "--std")):
        if vals is None:
            continue
        four = [(n, s) for n, s in ins if len(s) == 4]
        if not four:
            raise UsageError(f"{flag}: the model has no 4-D image input to normalise")
        for n, s in four:
            c = s[1]
            if isinstance(c, int) and c > 0 and len(vals) != c:
                raise UsageError(f"{flag} has {len(vals)} value(s) but input '{n}' has {c} channels")
    if dataset:
        unread = _unread_inputs(m)
        _check_dataset(dataset, len([n for n, _ in ins if n not in unread]), unread)
    return BuildJob(model=str(model), target=target, dtype=dtype, dataset=dataset, mean=mean, std=std,
                    input_shapes={k: list(v) for k, v in shapes.items()}, export=request.export,
                    compare=request.compare, toolkit_version=cfg.toolkit_version,
                    config=effective(opts, dtype), analyze=request.analyze)


def build_one(job, timeout: float, log_dir: Path | None, apply_workarounds: bool = False, started=None,
              show_progress: bool = False) -> dict[str, Any]:
    """Build, diagnose a known crash with its workaround; returns {'outcome', 'workaround', 'result'}.
    show_progress: a spinner with the toolkit's stage on a terminal (a single build; a folder has its bar)."""
    from ..finding import Severity
    from ..toolkit.logparse import WORKAROUND, build_finding, parse_outcome
    from ..toolkit.runner import run_build
    from ..toolkit.workarounds import workaround_for

    stem = _stem(job)
    log = (log_dir / f"{stem}.log") if log_dir else None
    if show_progress:
        from .._progress import stage_progress
        from ..toolkit.runner import StartedBuild

        started = started or StartedBuild(job)
        with stage_progress(f"building {Path(job.model).name} ({job.target} {job.dtype})", started.stage):
            raw = started.finish(timeout, log)
    else:
        raw = started.finish(timeout, log) if started is not None else run_build(job, timeout=timeout, log_path=log)
    outcome = parse_outcome(raw, job.model, job.target, job.dtype)
    entry: dict[str, Any] = {"outcome": outcome, "workaround": None, "result": outcome, "raw": raw}
    rule = workaround_for(outcome, job.toolkit_version)
    if rule:
        wjob = replace(job, disable_rules=[rule], compare=True)
        raw2 = run_build(wjob, timeout=timeout, log_path=(log_dir / f"{stem}.no-{rule}.log") if log_dir else None)
        w = parse_outcome(raw2, job.model, job.target, job.dtype, [rule])
        entry["workaround"] = w
        if w.built:
            cos = [o.get("cosine") for o in w.compare.get("outputs", [])]
            agree = w.agrees
            msg = (f"builds with rknn.config(..., disable_rules=['{rule}'])"
                   + (f"; outputs {'agree' if agree else 'DIFFER'} with onnxruntime (cosine "
                      + ", ".join(f"{c:.6f}" for c in cos if c is not None) + ")" if agree is not None else
                      "; the outputs could not be compared"))
            f = build_finding(WORKAROUND, Severity.INFO, msg, job.model, job.target,
                         hint="add that disable_rules entry to your conversion script" + ("" if agree else
                              " only after checking accuracy on real data"), disable_rules=[rule],
                         agrees=agree, log=w.log_path)
            outcome.findings.append(f)
            if apply_workarounds and agree:
                w.findings.append(f)
                entry["result"] = w
        else:
            outcome.findings.append(build_finding(WORKAROUND, Severity.INFO, f"disable_rules=['{rule}'] does not help: {w.error}",
                                             job.model, job.target, disable_rules=[rule]))
    return entry


def _cache_key(job, apply_workarounds: bool) -> str | None:
    """The build cache's key for a job, or None when the cache is off or the job exports (it must build)."""
    from ..toolkit import build_cache

    if not build_cache.enabled() or job.export or job.analyze:
        return None
    # the version that builds: the job's venv, else the toolkit beside rknnlint
    from ..platforms import installed_toolkit_version

    version = job.toolkit_version or installed_toolkit_version() or "none"
    return build_cache.key(job, version, {"workarounds": apply_workarounds})


def _stem(job) -> str:
    version = f".{job.toolkit_version}" if job.toolkit_version else ""  # one run may build with several versions
    return f"{Path(job.model).stem}.{job.target}.{job.dtype}{version}"


def cached_build(job, timeout: float, log_dir: Path | None, apply_workarounds: bool = False, started=None,
                 use_cache: bool = True, show_progress: bool = False) -> dict[str, Any]:
    """build_one, answered from the build cache when the same bytes were built with the same options and toolkit.
    A fresh result is stored (--no-cache only skips the lookup); timeouts are not stored."""
    from ..toolkit import build_cache

    k = _cache_key(job, apply_workarounds)
    hit = build_cache.load(k) if k is not None and use_cache else None
    if hit is not None:
        if started is not None:
            started.cancel()
        return _restore(hit, job.model, log_dir, _stem(job))
    e = build_one(job, timeout, log_dir, apply_workarounds, started=started, show_progress=show_progress)
    if k is not None and e["outcome"].status != "timeout":
        build_cache.store(k, _to_cache(e))
    return e


def _to_cache(e: dict) -> dict:
    logs = {}
    for name in ("outcome", "workaround"):
        o = e.get(name)
        if o is not None and o.log_path:
            try:
                logs[name] = Path(o.log_path).read_text(encoding="utf-8", errors="replace")
            except OSError:
                pass
    return {"entry": {k: e[k] for k in ("outcome", "workaround", "result")},
            "result_is": "workaround" if e["result"] is e.get("workaround") and e.get("workaround") is not None else "outcome",
            "logs": logs}


def _restore(hit: dict, model: str, log_dir: Path | None, stem: str) -> dict:
    """The cached entry as if built from `model` now: paths and log files are this run's."""
    import tempfile

    def moved(o, name: str):
        if o is None:
            return None
        text = hit.get("logs", {}).get(name)
        log = ""
        if text is not None:
            if log_dir is not None:
                p = log_dir / (f"{stem}.log" if name == "outcome" else f"{stem}.no-{'-'.join(o.disable_rules)}.log")
            else:
                fd, tmp = tempfile.mkstemp(prefix=f"rknnlint-{Path(model).stem}-", suffix=".log")
                os.close(fd)
                p = Path(tmp)
            p.write_text(text, encoding="utf-8")
            log = str(p)
        return replace(o, model=model, log_path=log, findings=[replace(f, model=model) for f in o.findings])

    entry = hit["entry"]
    out = {"outcome": moved(entry["outcome"], "outcome"), "workaround": moved(entry.get("workaround"), "workaround")}
    out["result"] = out["workaround"] if hit.get("result_is") == "workaround" else out["outcome"]
    out["cached"] = True
    return out


def _ray_build(task) -> dict[str, Any]:
    """One build as a Ray task (module level, so Ray can ship it): the toolkit runs in a child process of the worker.
    Returns the entry as the build cache holds it (log texts included), so the logs land on the caller's machine."""
    job, timeout, apply = task
    return _to_cache(build_one(job, timeout, None, apply))


def _lost_entry(job, lost) -> dict[str, Any]:
    """A job whose Ray worker died on every try: a failed build of its own, the other jobs go on."""
    from ..finding import Severity
    from ..toolkit.logparse import TOOLKIT_CRASHED, BuildOutcome, build_finding

    err = f"the Ray worker running this build died on all {lost.attempts} tries ({lost.reason})"
    out = BuildOutcome(job.model, job.target, job.dtype, "crashed", error=err)
    out.findings.append(build_finding(TOOLKIT_CRASHED, Severity.ERROR, err, job.model, job.target,
                                      hint="look at the Ray worker logs; a worker is killed when its node runs out of memory"))
    return {"outcome": out, "workaround": None, "result": out}


def static_vs_build(static_findings, outcome) -> list[str]:
    """Where the static rules disagreed with the real build."""
    from ..finding import Severity

    out = []
    errors = [f for f in static_findings if f.severity >= Severity.ERROR]
    if errors and outcome.built:
        out.append("predicted failure that built: " + ", ".join(sorted({f.code for f in errors})))
    if not errors and not outcome.built:
        out.append(f"build {outcome.status} but no static error predicted it: {outcome.error}")
    if outcome.built:
        # a CPU layer is predicted when a finding points at the ONNX node it maps to, or, for a layer the toolkit
        # added on a graph input or output ("Reshape:logits_mm_tp_rs"), at that value (as calibration/score.py counts)
        top = [f for f in static_findings if not f.location.graph_path]
        nodes = {f.location.node_name for f in top if f.location.node_name}
        values = {f.location.tensor for f in top if f.location.tensor and f.location.node_index < 0}
        for lay in outcome.layers:
            if lay.target != "CPU" or lay.op_type in ("InputOperator", "OutputOperator"):
                continue
            tensor = lay.full_name.split(":", 1)[-1]
            if not (set(lay.onnx_nodes) & nodes or any(tensor == v or (tensor.startswith(v) and tensor[len(v)] in "-_#")
                                                       for v in values)):
                where = f" at '{lay.onnx_nodes[0]}'" if lay.onnx_nodes else ""
                out.append(f"CPU layer no rule predicted: {lay.op_type}{where} (layer {lay.id})")
    return out


def _warm_up() -> None:
    """Import what parsing a build's output uses (onnx to map layers to nodes, the rule registry for names)."""
    try:
        import onnx  # noqa: F401

        from ..rule import all_rules

        all_rules()
    except Exception:  # noqa: BLE001 - the parse reports its own problems
        pass


def _static(model: Path, cfg, target: str) -> list:
    from ..engine import check

    try:
        rep = check([model], config=replace(cfg, target=target))
    except Exception:  # noqa: BLE001 - a static-check problem must not hide the build result
        return []
    return [f for f in rep.findings if f.target in ("", target)]


def exit_code(entries: list[dict], fail_on=None) -> int:
    """1 when a build failed, crashed or timed out, or a build finding is at or above fail_on (default error),
    as `check` counts its findings; an output mismatch is a warning finding (RKN094)."""
    from ..finding import Severity

    fail_on = Severity.ERROR if fail_on is None else fail_on
    code = 0
    for e in entries:
        r, o = e["result"], e["outcome"]
        findings = o.findings if r is o else r.findings
        if not r.built or any(f.severity >= fail_on for f in findings):
            code = 1
    return code


def entry_dict(e: dict) -> dict:
    d = e["result"].to_dict()
    if e["result"] is not e["outcome"]:
        d["as_exported"] = e["outcome"].to_dict()
    if e.get("workaround") is not None:
        d["workaround"] = e["workaround"].to_dict()
    d["static_vs_build"] = e.get("disagreements", [])
    if e.get("reduce") is not None:
        d["reduce"] = e["reduce"].to_dict()
    d["cached"] = bool(e.get("cached"))
    if e.get("analysis") is not None:
        d["analysis"] = e["analysis"].to_dict()
    if e.get("hybrid") is not None:
        d["hybrid"] = e["hybrid"].to_dict()
    from ..platforms import installed_toolkit_version

    d["toolkit_version"] = e.get("toolkit_version") or installed_toolkit_version() or "none"
    return d


def readable_models(models: list[Path], log: Callable[[str], None] | None = None) -> tuple[list[Path], list[dict[str, str]]]:
    """The models `check` can read, and {path, error} for the others (said on stderr, as `check` says them):
    an unreadable file is never sent to the toolkit. One model that cannot be read is a usage error."""
    from ..errors import ModelLoadError
    from ..loader import load_model

    if len(models) == 1:
        return models, []  # _inputs reads it and raises check's error
    good, bad = [], []
    for m in models:
        try:
            load_model(m)
        except ModelLoadError as e:
            bad.append({"path": str(m), "error": str(e)})
            if log is not None:
                log(f"rknnlint: error: {e}")
        else:
            good.append(m)
    return good, bad


def run_builds(models: list[Path], request: BuildRequest, early=None) -> list[dict]:
    """Build every model for every target and version of the request's config; the entries of the report."""
    from ..platforms import resolve_targets
    from ..toolkit.logparse import apply_config
    from ..toolkit.runner import INSTALL_HINT, toolkit_available
    from ..toolkit.versions import python_for

    cfg, static = request.config, request.static_findings

    # --toolkit-version 2.3.2,2.5.0: every model and target is built with each version (each in its own venv)
    versions = list(dict.fromkeys(v.strip() for v in (cfg.toolkit_version or "").split(",") if v.strip())) or [None]
    for v in versions:
        if not toolkit_available(python_for(v)):  # a version without a venv: exit 2 naming the fix
            raise UsageError(INSTALL_HINT)
    targets = [t for t, _ in resolve_targets(cfg.target)]
    dtype = request.dtype
    if request.export and len(models) * len(targets) * len(versions) > 1:
        raise UsageError("--export needs exactly one model, one target and one toolkit version")
    if request.timeout <= 0:
        raise UsageError("--timeout must be positive")
    if request.max_builds is not None:
        if not request.reduce:
            raise UsageError("--max-builds is for --reduce")
        if request.max_builds < 1:
            raise UsageError("--max-builds must be at least 1")
    if request.reduce and len(targets) * len(versions) > 1:
        raise UsageError("--reduce needs one target (the repro is for the failure on that target)")
    for flag, on in (("--analyze", request.analyze), ("--int8-accuracy", request.int8_accuracy is not None)):
        if on and (dtype != "int8" or not request.dataset):
            raise UsageError(f"{flag} needs --int8 and --dataset (the calibration samples)")
    if dtype == "int8" and not request.dataset:
        request.say("rknnlint: warning: --int8 without --dataset: calibrating on seeded random inputs, so accuracy "
                    "figures say nothing about real data")
    jobs = [make_job(m, request, replace(cfg, toolkit_version=v), t, dtype)  # all usage errors before any build
            for m in models for t in targets for v in versions]
    prep = _input_findings(models, request, dtype)
    out_dir = Path(request.out_dir) if request.out_dir else None
    if out_dir:
        out_dir.mkdir(parents=True, exist_ok=True)
    timeout = float(request.timeout)
    apply = request.apply_workarounds

    if early is not None and (len(jobs) != 1 or jobs[0] != early.job):
        early.cancel()  # the configuration changed what to build
        early = None

    spec = request.executor

    # --reduce compares each trial build with this build's raw run (its log and signature): the cache keeps neither
    use_cache = request.use_cache and not request.reduce

    def finish(job, e: dict, sf) -> dict:
        e["toolkit_version"] = job.toolkit_version  # None: the toolkit beside rknnlint
        _add_input_findings(e, prep.get(job.model, []), job)
        for o in (e["outcome"], e["workaround"]):
            apply_config(o, cfg)  # --select / --ignore / severity overrides, as for the static findings
        if request.static:
            e["disagreements"] = static_vs_build(sf or [], e["outcome"])
        if job.analyze and e.get("raw") is not None:
            from ..toolkit.analysis import from_result

            e["analysis"] = from_result(e["raw"].result, job.model)
        if request.reduce and not e["outcome"].built:
            e["reduce"] = _reduce(job, e, request, timeout, out_dir)
        if out_dir:
            (out_dir / f"{_stem(job)}.json").write_text(json.dumps(entry_dict(e), indent=1))
        return e

    def one(job) -> dict:
        pending = ThreadPoolExecutor(max_workers=1)
        if static is None and request.static:
            # the static check runs in this process while the child builds: it costs no wall time
            fut = pending.submit(_static, Path(job.model), replace(cfg, toolkit_version=job.toolkit_version), job.target)
        else:  # what reading the build's output needs, loaded while the child builds
            fut = pending.submit(_warm_up)
        try:
            e = cached_build(job, timeout, out_dir, apply, started=early, use_cache=use_cache,
                             show_progress=len(jobs) == 1)
        finally:
            pending.shutdown(wait=True)
        sf = None
        if request.static:
            sf = fut.result() if static is None else static.get(str(job.model))
        return finish(job, e, sf)

    from ..toolkit.runner import kill_all

    prev = _on_sigterm()
    try:
        if spec.kind == "local":
            return run_tasks(one, jobs, spec, label=lambda j: Path(j.model).name)
        if early is not None:
            early.cancel()
        from ..toolkit import build_cache

        # the cache is this machine's: hits never leave it, misses are built on the cluster and stored here
        keys = [_cache_key(j, apply) for j in jobs]
        records = [build_cache.load(k) if k is not None and use_cache else None for k in keys]
        misses = [i for i, r in enumerate(records) if r is None]
        built = run_tasks(_ray_build, [(jobs[i], timeout, apply) for i in misses], spec,
                          label=lambda t: Path(t[0].model).name) if misses else []
        fresh = set(misses)
        for i, r in zip(misses, built):
            records[i] = r
            if keys[i] is not None and not isinstance(r, WorkerLost) and r["entry"]["outcome"].status != "timeout":
                build_cache.store(keys[i], r)
        entries = []
        for i, (job, r) in enumerate(zip(jobs, records)):
            if isinstance(r, WorkerLost):
                e = _lost_entry(job, r)
            else:
                e = _restore(r, job.model, out_dir, _stem(job))
                e["cached"] = i not in fresh
            sf = None
            if request.static:
                sf = (_static(Path(job.model), replace(cfg, toolkit_version=job.toolkit_version), job.target)
                      if static is None else static.get(str(job.model)))
            entries.append(finish(job, e, sf))
        return entries
    except BaseException:
        kill_all()
        raise
    finally:
        if prev is not None:
            import signal

            signal.signal(signal.SIGTERM, prev)


def _input_findings(models: list[Path], request: BuildRequest, dtype: str) -> dict[str, list]:
    """What the inputs of each build are given, checked before it runs (workflow/calibration_set.py): mean/std
    on a 0-1 scale (RKN822) and, for --int8 --dataset, the calibration set (RKN823). Model path -> problems."""
    from ..workflow.calibration_set import dataset_problems, scale_problem

    mean = list(request.mean) if request.mean is not None else None
    std = list(request.std) if request.std is not None else None
    dataset = request.dataset if dtype == "int8" else None
    if not (mean or std or dataset):
        return {}
    shapes = dict(request.config.input_shapes)
    memo: dict[tuple, list] = {}
    out: dict[str, list] = {}
    for m in models:
        ins = _inputs(_read(m), shapes)
        key = tuple((n, tuple(map(str, s))) for n, s in ins)
        if key not in memo:
            probs = []
            four = [n for n, s in ins if len(s) == 4]
            sp = scale_problem(mean, std, f"image input '{four[0]}'") if four else None
            if sp is not None:
                probs.append(sp)
            if dataset:
                probs += dataset_problems(dataset, ins, mean, std)
            memo[key] = probs
        out[str(m)] = list(memo[key])
        if dataset:
            out[str(m)] += _activation_problems(m, dataset, mean, std, request)
    return out


def _activation_problems(model: Path, dataset: str, mean, std, request: BuildRequest) -> list:
    """RKN824 from onnxruntime fp32 on the calibration samples; a model onnxruntime cannot run gives none (the
    build reports what is wrong with it)."""
    from ..activation_ranges import problems
    from ..config import rule_selected
    from ..int8_ranges import measured, threshold

    cfg = request.config
    if not rule_selected("RKN824", "int8-activation-range", cfg.select, cfg.ignore):
        return []  # `--ignore RKN824` skips the onnxruntime pass over the samples (minutes on a large model)
    method = {**dict(request.source_options), **dict(request.toolkit_options)}.get("quantized_method", "channel")
    limit = threshold("activation", method, "activation_ratio")
    if limit is None:
        return []
    m = measured()
    try:
        return problems(model, dataset, mean, std, limit, f"rknn-toolkit2 {m.get('toolkit')} {m.get('target')}")
    except Exception as e:  # noqa: BLE001 - onnxruntime refuses the model or a sample: the build still runs
        request.say(f"rknnlint: warning: {Path(model).name}: activation ranges not measured: {type(e).__name__}: "
                    f"{str(e).splitlines()[0][:200] if str(e) else ''}")
        return []


def _add_input_findings(e: dict, problems: list, job) -> None:
    """The input problems as findings of the build (in the outcome, and in the workaround build's when that is
    the result), so text, JSON and --fail-on treat them as the build's other findings."""
    if not problems:
        return
    from ..finding import Finding, Location
    from ..rule import all_rules

    rules = all_rules()
    for o in {id(x): x for x in (e["outcome"], e.get("result")) if x is not None}.values():
        for p in problems:
            r = rules[p.code]
            o.findings.append(Finding(r.code, r.name, r.severity, p.message, Location(), hint=p.hint,
                                      target=job.target, model=job.model, data={"source": "build"}))


def _reduce(job, entry: dict, request: BuildRequest, timeout: float, out_dir: Path | None):
    """--reduce: the smallest subgraph that fails like this build did (toolkit/reduce.py)."""
    from ..toolkit.reduce import DEFAULT_MAX_BUILDS, reduce_failure

    def progress(line: str) -> None:
        request.say(f"rknnlint: {line}")

    n = request.max_builds
    try:
        return reduce_failure(job.model, job, entry["raw"], entry["outcome"],
                              max_builds=DEFAULT_MAX_BUILDS if n is None else n, timeout=timeout, out_dir=out_dir,
                              log=progress)
    except Exception as e:  # noqa: BLE001 - an unreadable or too large model: the build report stands
        import os

        if os.environ.get("RKNNLINT_DEBUG"):  # the test suite sets it: a bug in the reduction fails the test
            raise
        from ..toolkit.reduce import ReduceResult, Signature

        r = ReduceResult(job.model, Signature.of(entry["raw"], entry["outcome"]), 0)
        r.note = f"reduce stopped: {type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}".rstrip(": ")
        return r


def _on_sigterm():
    """SIGTERM unwinds like Ctrl-C, so the build children are killed; returns the previous handler."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        return None

    def handler(signum, frame):
        raise KeyboardInterrupt

    return signal.signal(signal.SIGTERM, handler)




def run_hybrid(request: BuildRequest) -> BuildResult:
    """--int8-accuracy COS: the automatic hybrid quantization (toolkit/hybrid.py) of one model for one target. The
    result's one entry is the build that was written, with `analysis` and `hybrid`; its exit code is 0 when every
    output reached COS, 1 when not (the best build found is still written)."""
    from ..platforms import resolve_targets
    from ..toolkit.hybrid import auto_hybrid
    from ..toolkit.logparse import apply_config, parse_outcome
    from ..toolkit.runner import INSTALL_HINT, toolkit_available
    from ..toolkit.versions import python_for

    cfg = request.config
    cos, share = request.int8_accuracy, request.max_fp16
    if cos is None or not 0 < cos <= 1:
        raise UsageError(f"--int8-accuracy {cos}: expected a cosine in (0, 1], e.g. 0.99")
    if not 0 < share <= 1:
        raise UsageError(f"--max-fp16 {share}: expected a share of the layers in (0, 1], e.g. 0.15")
    if request.dtype != "int8" or not request.dataset:
        raise UsageError("--int8-accuracy needs --int8 and --dataset (the calibration samples)")
    targets = [t for t, _ in resolve_targets(cfg.target)]
    if len(request.models) != 1 or len(targets) != 1 or "," in (cfg.toolkit_version or ""):
        raise UsageError("--int8-accuracy needs exactly one model, one target and one toolkit version")
    ds = Path(request.dataset)
    files = [f for ln in (ds.read_text(errors="replace").splitlines() if ds.is_file() else [])
             if ln.strip() and not ln.startswith("#") for f in ln.split()]
    if any(not f.endswith(".npy") for f in files):
        raise UsageError(f"--int8-accuracy compares the outputs on the --dataset samples: {request.dataset} must list "
                         ".npy files (an image would need the toolkit's own reader on the onnxruntime side too)")
    if request.timeout <= 0:
        raise UsageError("--timeout must be positive")
    if not toolkit_available(python_for(cfg.toolkit_version)):
        raise UsageError(INSTALL_HINT)
    model = Path(request.models[0])
    job = replace(make_job(model, request, cfg, targets[0], "int8"), export=None, compare=False, analyze=False)
    out_dir = Path(request.out_dir) if request.out_dir else None
    if out_dir:
        out_dir.mkdir(parents=True, exist_ok=True)
    out = Path(request.export) if request.export else (out_dir or Path.cwd()) / f"{model.stem}.{targets[0]}.hybrid.rknn"
    # the job's config states every option (the toolkit's defaults too): only an algorithm the user named is fixed
    named = "quantized_algorithm" in {**dict(request.source_options), **dict(request.toolkit_options)}
    res = auto_hybrid(job, cos, share, out, timeout=request.timeout, log_dir=out_dir,
                      say=lambda line: request.say(f"rknnlint: {line}"),
                      algorithms=(job.config["quantized_algorithm"],) if named else None)
    entries = []
    if res.final_raw is not None:
        o = parse_outcome(res.final_raw, job.model, job.target, "int8")
        o.exported = res.rknn
        apply_config(o, cfg)
        entries.append({"outcome": o, "result": o, "workaround": None, "analysis": res.analysis, "hybrid": res,
                        "toolkit_version": job.toolkit_version})
    return HybridBuildResult(entries, [], cfg.fail_on, res)


@dataclass(frozen=True)
class HybridBuildResult(BuildResult):
    """A BuildResult whose exit code says whether the hybrid search reached its target."""

    hybrid: Any = None

    @property
    def exit_code(self) -> int:
        return 0 if self.hybrid is not None and self.hybrid.reached else 1
