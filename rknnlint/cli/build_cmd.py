"""`rknnlint build`: the real rknn-toolkit2 trial build, placement report and output agreement."""
from __future__ import annotations

import argparse
import json
import os
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..errors import UsageError
from ..executors import WorkerLost, add_executor_options, executor_from_args, run_tasks
from .options import add_selection_options, config_from_args, parse_input_shapes


def add_parser(sub) -> None:
    p = sub.add_parser("build", help="trial-build models with the real rknn-toolkit2 (seconds to minutes per model)",
                       description="Build ONNX models with rknn-toolkit2 in a child process and report what it did: "
                                   "errors mapped to rule codes, per-layer NPU/CPU placement, warnings, output agreement.")
    p.add_argument("paths", nargs="+", metavar="MODEL|DIR", help="ONNX files or directories")
    p.add_argument("--target", "-t", default=None, help="target platform (default rk3588)")
    p.add_argument("--toolkit-version", default=None, metavar="V",
                   help="build with this rknn-toolkit2 version's venv, or with each of V1,V2,... in one run "
                        "(docs/toolkit-versions.md); default: the installed one")
    q = p.add_mutually_exclusive_group()
    q.add_argument("--fp16", action="store_true", help="float build (default)")
    q.add_argument("--int8", action="store_true", help="quantized build (calibration: --dataset, else seeded random data)")
    p.add_argument("--dataset", default=None, metavar="FILE", help="calibration list: one line per sample, .npy/image paths")
    p.add_argument("--mean", default=None, help="per-channel mean, e.g. 0,0,0")
    p.add_argument("--std", default=None, help="per-channel std, e.g. 255,255,255")
    p.add_argument("--quantized-dtype", default=None, metavar="D",
                   help="int8: rknn.config quantized_dtype (w8a8 default, w8a16, w16a16i, w16a16i_dfp, w4a16)")
    p.add_argument("--quantized-algorithm", default=None, metavar="A",
                   help="int8: rknn.config quantized_algorithm: normal (default), mmse or kl_divergence")
    p.add_argument("--quantized-method", default=None, metavar="M",
                   help="int8: rknn.config quantized_method: channel (default) or layer")
    p.add_argument("--optimization-level", default=None, metavar="N", help="rknn.config optimization_level 0-3 (default 3)")
    p.add_argument("--quant-img-rgb2bgr", action="store_true",
                   help="int8: rknn.config quant_img_RGB2BGR=True (calibration images swapped to BGR)")
    p.add_argument("--float-dtype", default=None, metavar="F", help="rknn.config float_dtype (float16, the only value)")
    p.add_argument("--input-shape", action="append", default=None, metavar="NAME=1,3,H,W",
                   help="fix an input's shape (load_onnx inputs/input_size_list); repeatable")
    p.add_argument("--export", default=None, metavar="OUT.rknn", help="write the built model (one model only)")
    p.add_argument("--source", default=None, metavar="FILE",
                   help="source config (onnx_source.yaml): mean/std/shapes from it; writes rknn_source.yaml after a good build")
    p.add_argument("--compare", action="store_true", help="run seeded inputs through onnxruntime and the simulator")
    p.add_argument("--timeout", type=float, default=600.0, metavar="S", help="seconds per build (default 600)")
    p.add_argument("--format", "-f", choices=("text", "json"), default="text")
    p.add_argument("--apply-workarounds", action="store_true",
                   help="when a known toolkit bug has a disable_rules workaround that builds and agrees, use that build")
    p.add_argument("--jobs", "-j", type=int, default=1, help="models built in parallel (default 1)")
    add_executor_options(p)
    p.add_argument("--no-cache", action="store_true",
                   help="build even when the build cache holds a result for the same model bytes and options")
    p.add_argument("--out-dir", default=None, metavar="DIR", help="per-model JSON reports and build logs go here")
    p.add_argument("--no-static", action="store_true", help="skip the static check that the build is compared with")
    p.add_argument("--reduce", action="store_true",
                   help="when a build fails or crashes, bisect the graph to the smallest subgraph that fails the same "
                        "way and write it as MODEL.repro.onnx (docs/build.md)")
    p.add_argument("--max-builds", type=int, default=None, metavar="N",
                   help="--reduce: at most N trial builds per failing model (default 40)")
    p.add_argument("--fail-on", choices=("error", "warning", "info"), default=None,
                   help="lowest severity of a build finding that makes the exit code 1 (default: error, or the "
                        "config's fail-on); a build that fails always exits 1")
    add_selection_options(p)
    p.set_defaults(func=run)


def _floats(text: str | None, flag: str) -> list[float] | None:
    if text is None:
        return None
    try:
        vals = [float(v) for v in text.split(",") if v.strip()]
    except ValueError:
        raise UsageError(f"{flag} '{text}': expected numbers separated by commas, e.g. 0,0,0") from None
    if not vals:
        raise UsageError(f"{flag} is empty")
    if flag == "--std" and any(v == 0 for v in vals):
        raise UsageError("--std values must not be 0")
    return vals


def _inputs(model: Path, shapes: dict[str, tuple[int, ...]]) -> list[tuple[str, list]]:
    from ..loader import load_model

    m = load_model(model)  # check's reader (no weights): an unreadable model gets check's one line, exit 2
    inits = {i.name for i in m.graph.initializer}
    out = []
    for i in m.graph.input:
        if i.name in inits:
            continue
        dims = [d.dim_value if d.HasField("dim_value") else (d.dim_param or "?") for d in i.type.tensor_type.shape.dim]
        out.append((i.name, list(shapes.get(i.name, dims))))
    return out


def _check_dataset(path: str, n_inputs: int) -> None:
    p = Path(path)
    if not p.is_file():
        raise UsageError(f"--dataset {path}: file not found")
    lines = [ln.split() for ln in p.read_text(errors="replace").splitlines() if ln.strip() and not ln.startswith("#")]
    if not lines:
        raise UsageError(f"--dataset {path}: no samples (one line per sample, the file paths of each input)")
    for k, parts in enumerate(lines, 1):
        if len(parts) != n_inputs:
            raise UsageError(f"--dataset {path} line {k}: {len(parts)} file(s) for a model with {n_inputs} input(s)")
        for f in parts:
            fp = Path(f) if Path(f).is_absolute() else p.parent / f
            if not fp.is_file():
                raise UsageError(f"--dataset {path} line {k}: '{f}' not found")


def _make_job(model: Path, args, cfg, target: str, dtype: str, read_inputs: bool = True):
    from ..toolkit.build_options import effective, from_args
    from ..toolkit.runner import BuildJob

    given = from_args(args)
    if dtype != "int8":
        from ..toolkit.build_options import FLAGS, INT8_ONLY

        flag_of = {v: k for k, v in FLAGS.items()} | {"quant_img_RGB2BGR": "--quant-img-rgb2bgr"}
        wrong = [flag_of[k] for k in given if k in INT8_ONLY]
        if wrong:
            raise UsageError(f"{wrong[0]} is for --int8 builds")
    opts = {**(getattr(args, "source_options", None) or {}), **given}
    shapes = dict(cfg.input_shapes)
    mean, std = _floats(getattr(args, "mean", None), "--mean"), _floats(getattr(args, "std", None), "--std")
    dataset = getattr(args, "dataset", None)
    # reading the inputs costs the onnx import and a load (tenths of a second): the early start skips it when
    # there is nothing to check them against; the normal path reads them (and reports an unreadable model)
    ins = _inputs(model, shapes) if (read_inputs or mean or std or dataset) else []
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
        _check_dataset(dataset, len(ins))
    return BuildJob(model=str(model), target=target, dtype=dtype, dataset=dataset, mean=mean, std=std,
                    input_shapes={k: list(v) for k, v in shapes.items()}, export=getattr(args, "export", None),
                    compare=bool(getattr(args, "compare", False)), toolkit_version=cfg.toolkit_version,
                    config=effective(opts, dtype))


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

    if not build_cache.enabled() or job.export:
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


def _exit(entries: list[dict], fail_on=None) -> int:
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


def _render_text(entries: list[dict], stream) -> None:
    from ..toolkit.compare import describe

    for e in entries:
        r, o = e["result"], e["outcome"]
        s = r.summary()
        wa = f" (with disable_rules={r.disable_rules})" if r.disable_rules else ""
        given = f" (rknn-toolkit2 {e['toolkit_version']})" if e.get("toolkit_version") else ""
        head = f"{r.model}  {r.target} {r.dtype}{given}: " + (f"built in {r.seconds:.1f} s{wa}" if r.built else f"{r.status}: {r.error}")
        print(head, file=stream)
        if r.built and s["layers"]:
            cpu = ", ".join(f"{k} x{v}" for k, v in s["cpu_ops"].items()) or "none"
            print(f"  NPU coverage {s['npu_layers']}/{s['layers']} layers ({100 * s['npu_coverage']:.1f}%); CPU: {cpu}", file=stream)
        if r.exported:
            print(f"  exported {r.exported}", file=stream)
        for c in r.compare.get("outputs", []):
            print(f"  compare {c['output']}: {c['verdict']}: {describe(c)}", file=stream)
        if r.compare and not r.compare.get("ran"):
            print(f"  compare not run: {r.compare.get('why')}", file=stream)
        findings = o.findings if r is o else r.findings
        for f in sorted(findings, key=lambda f: (-int(f.severity), f.code, f.message)):
            loc = f" {f.location}" if f.location.kind != "model" else ""
            print(f"  {f.code} {f.severity}{loc}: {f.message}", file=stream)
            if f.hint:
                print(f"      hint: {f.hint}", file=stream)
        for d in e.get("disagreements", []):
            print(f"  static vs build: {d}", file=stream)
        if e.get("reduce") is not None:
            _render_reduce(e["reduce"], stream)
        print(f"  log: {o.log_path}" + (f", {e['workaround'].log_path}" if e.get("workaround") else ""), file=stream)


def _render_reduce(red, stream) -> None:
    from ..toolkit.reduce import motif_text

    sig = red.signature.describe()
    if red.repro is None:
        print(f"  reduce: {red.note} ({red.builds} builds); failure: {sig}", file=stream)
        return
    print(f"  reduce: {red.nodes_before} -> {red.nodes_after} nodes in {red.builds} builds"
          + (f" (stopped at --max-builds {red.max_builds})" if red.stopped == "max-builds" else ""), file=stream)
    print(f"  repro: {red.repro}", file=stream)
    print(f"  failure: {sig}", file=stream)
    print(f"  motif: {motif_text(red.motif)}", file=stream)
    ins = ", ".join(f"{i['name']} {i['dtype']}{i['shape']}" for i in red.inputs)
    print(f"  repro inputs: {ins}", file=stream)


def _summary_table(entries: list[dict]) -> None:
    from rich.console import Console
    from rich.table import Table

    t = Table(title="rknnlint build")
    for c in ("model", "target", "result", "NPU", "CPU ops", "cosine", "s"):
        t.add_column(c)
    for e in entries:
        r = e["result"]
        s = r.summary()
        cos = [o.get("cosine") for o in r.compare.get("outputs", []) if o.get("cosine") is not None]
        version = f" {e['toolkit_version']}" if e.get("toolkit_version") else ""
        t.add_row(Path(r.model).name, f"{r.target} {r.dtype}{version}", r.status + (" (workaround)" if r.disable_rules else ""),
                  f"{100 * s['npu_coverage']:.0f}%" if s["npu_coverage"] is not None else "-",
                  ", ".join(s["cpu_ops"]) or "-", f"{min(cos):.4f}" if cos else "-", f"{r.seconds:.1f}")
    Console(file=sys.stdout, width=160).print(t)


def _entry_dict(e: dict) -> dict:
    d = e["result"].to_dict()
    if e["result"] is not e["outcome"]:
        d["as_exported"] = e["outcome"].to_dict()
    if e.get("workaround") is not None:
        d["workaround"] = e["workaround"].to_dict()
    d["static_vs_build"] = e.get("disagreements", [])
    if e.get("reduce") is not None:
        d["reduce"] = e["reduce"].to_dict()
    d["cached"] = bool(e.get("cached"))
    from ..platforms import installed_toolkit_version

    d["toolkit_version"] = e.get("toolkit_version") or installed_toolkit_version() or "none"
    return d


def readable_models(models: list[Path]) -> tuple[list[Path], list[dict[str, str]]]:
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
            print(f"rknnlint: error: {e}", file=sys.stderr)
        else:
            good.append(m)
    return good, bad


def build_models(models: list[Path], args, cfg, static: dict[str, list] | None = None, early=None) -> int:
    """Build every readable model for every target of cfg, print the report, return the exit code (2 when a
    model could not be read, as `check`)."""
    models, unreadable = readable_models(models)
    entries = run_builds(models, args, cfg, static=static, early=early) if models else []
    if getattr(args, "format", "text") == "json":
        json.dump(build_document(entries, unreadable, cfg), sys.stdout, indent=1)
        print()
    else:
        _render_text(entries, sys.stdout)
        for u in unreadable:
            print(f"{u['path']}: cannot read: {u['error']}", file=sys.stdout)
        if len(entries) > 1:
            _summary_table(entries)
    _report_timeouts(entries)
    _trace("report-done")
    return max(_exit(entries, cfg.fail_on), 2 if unreadable else 0)


BUILD_SCHEMA_VERSION = "1.0"


def build_document(entries: list[dict], unreadable: list[dict], cfg) -> dict:
    """The JSON document of `rknnlint build --format json` (docs/schemas/build.schema.json)."""
    from .. import __version__

    code = max(_exit(entries, cfg.fail_on), 2 if unreadable else 0)
    return {"schema_version": BUILD_SCHEMA_VERSION, "tool": {"name": "rknnlint", "version": __version__},
            "fail_on": str(cfg.fail_on), "exit_code": code, "builds": [_entry_dict(e) for e in entries],
            "unreadable": unreadable}


def _trace(mark: str) -> None:
    from ..toolkit.runner import trace

    trace(mark)


def _report_timeouts(entries: list[dict]) -> None:
    for e in entries:
        if e["result"].status == "timeout":
            print(f"rknnlint: error: {Path(e['result'].model).name}: build {e['result'].error}", file=sys.stderr)


def run_builds(models: list[Path], args, cfg, static: dict[str, list] | None = None, early=None) -> list[dict]:
    """Build every model for every target of cfg; the entries of the report (nothing printed on stdout)."""
    from ..platforms import resolve_targets
    from ..toolkit.logparse import apply_config
    from ..toolkit.runner import INSTALL_HINT, toolkit_available
    from ..toolkit.versions import python_for

    # --toolkit-version 2.3.2,2.5.0: every model and target is built with each version (each in its own venv)
    versions = list(dict.fromkeys(v.strip() for v in (cfg.toolkit_version or "").split(",") if v.strip())) or [None]
    for v in versions:
        if not toolkit_available(python_for(v)):  # a version without a venv: exit 2 naming the fix
            raise UsageError(INSTALL_HINT)
    targets = [t for t, _ in resolve_targets(cfg.target)]
    dtype = "int8" if getattr(args, "int8", False) or cfg.dtype == "int8" else "fp16"
    if getattr(args, "export", None) and len(models) * len(targets) * len(versions) > 1:
        raise UsageError("--export needs exactly one model, one target and one toolkit version")
    if getattr(args, "timeout", 600.0) <= 0:
        raise UsageError("--timeout must be positive")
    if getattr(args, "max_builds", None) is not None:
        if not getattr(args, "reduce", False):
            raise UsageError("--max-builds is for --reduce")
        if args.max_builds < 1:
            raise UsageError("--max-builds must be at least 1")
    if getattr(args, "reduce", False) and len(targets) * len(versions) > 1:
        raise UsageError("--reduce needs one target (the repro is for the failure on that target)")
    if dtype == "int8" and not getattr(args, "dataset", None):
        print("rknnlint: warning: --int8 without --dataset: calibrating on seeded random inputs, so accuracy figures "
              "say nothing about real data", file=sys.stderr)
    jobs = [_make_job(m, args, replace(cfg, toolkit_version=v), t, dtype)  # all usage errors before any build
            for m in models for t in targets for v in versions]
    out_dir = Path(args.out_dir) if getattr(args, "out_dir", None) else None
    if out_dir:
        out_dir.mkdir(parents=True, exist_ok=True)
    timeout = float(getattr(args, "timeout", 600.0))
    apply = bool(getattr(args, "apply_workarounds", False))

    if early is not None and (len(jobs) != 1 or jobs[0] != early.job):
        early.cancel()  # the configuration changed what to build
        early = None

    spec = executor_from_args(args, int(getattr(args, "jobs", 1) or 1))

    use_cache = not getattr(args, "no_cache", False)

    def finish(job, e: dict, sf) -> dict:
        e["toolkit_version"] = job.toolkit_version  # None: the toolkit beside rknnlint
        for o in (e["outcome"], e["workaround"]):
            apply_config(o, cfg)  # --select / --ignore / severity overrides, as for the static findings
        if not getattr(args, "no_static", False):
            e["disagreements"] = static_vs_build(sf or [], e["outcome"])
        if getattr(args, "reduce", False) and not e["outcome"].built:
            e["reduce"] = _reduce(job, e, args, timeout, out_dir)
        if out_dir:
            (out_dir / f"{_stem(job)}.json").write_text(json.dumps(_entry_dict(e), indent=1))
        return e

    def one(job) -> dict:
        pending = ThreadPoolExecutor(max_workers=1)
        if static is None and not getattr(args, "no_static", False):
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
        if not getattr(args, "no_static", False):
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
            if not getattr(args, "no_static", False):
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


def _reduce(job, entry: dict, args, timeout: float, out_dir: Path | None):
    """--reduce: the smallest subgraph that fails like this build did (toolkit/reduce.py)."""
    from ..toolkit.reduce import DEFAULT_MAX_BUILDS, reduce_failure

    def progress(line: str) -> None:
        print(f"rknnlint: {line}", file=sys.stderr)

    n = getattr(args, "max_builds", None)
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


def _err_console():
    from rich.console import Console

    return Console(file=sys.stderr)


def run(args: argparse.Namespace) -> int:
    if getattr(args, "fp16", False) and getattr(args, "dataset", None):
        raise UsageError("--dataset is for --int8 builds")
    if args.jobs < 1:
        raise UsageError("--jobs must be at least 1")
    _trace("parent-run")
    early = None
    if len(args.paths) == 1 and not getattr(args, "source", None) and Path(args.paths[0]).is_file():
        # one model: the child starts before this process imports the engine and onnx
        early = _start_early([Path(args.paths[0])], args)
    try:
        from ..discover import discover
        from ..workflow.source import apply_to_build_args, write_after_build
        from .check_cmd import say_skipped
        from .options import discovery_config

        src = apply_to_build_args(args)
        found = discover(args.paths, discovery_config(args))
        say_skipped(found.skipped)
        models = found.files
        if not models:
            return 0
        for m in models:
            if not m.is_file():
                raise UsageError(f"{m}: no such file")
        if early is None:
            early = _start_early(models, args)
        rc = _run(args, models, early)
        write_after_build(args, src, rc)
        return rc
    except BaseException:
        if early is not None:
            early.cancel()
        raise


def _start_early(models: list[Path], args):
    """Start the one build right away, so that the toolkit's import and build overlap rknnlint's own set-up
    (platform tables, static check). Anything unusual returns None and the build starts later as usual."""
    from ..config import load_config
    from ..toolkit.runner import StartedBuild, toolkit_available

    if len(models) != 1 or getattr(args, "toolkit_version", None):
        return None
    try:
        fcfg = load_config(getattr(args, "config", None))
        target = args.target or fcfg.target
        if "," in target or target == "all" or not toolkit_available():
            return None
        shapes = {**fcfg.input_shapes, **parse_input_shapes(args.input_shape)}
        dtype = "int8" if args.int8 or (fcfg.dtype == "int8" and not args.fp16) else "fp16"
        if dtype == "int8" and not args.dataset:
            return None  # the warning about random calibration comes first
        job = _make_job(models[0], args, replace(fcfg, input_shapes=shapes), target, dtype, read_inputs=False)
    except Exception:  # noqa: BLE001 - the normal path reports the problem
        return None
    return StartedBuild(job)


def _run(args: argparse.Namespace, models: list[Path], early) -> int:
    cfg = config_from_args(args)
    if args.int8:
        cfg = replace(cfg, dtype="int8")
    elif args.fp16:
        cfg = replace(cfg, dtype="float16")
    if args.input_shape:
        cfg = replace(cfg, input_shapes={**cfg.input_shapes, **parse_input_shapes(args.input_shape)})
    return build_models(models, args, cfg, early=early)


def run_from_check(args: argparse.Namespace, cfg, report, fmt_name: str = "text") -> int:
    """`rknnlint check --build`: build every readable model of the static report.

    Text on the terminal: the static report first, then the build's. Any other format (or --output FILE):
    the builds run first and one document holds both: JSON gets the static report's fields plus `builds`,
    SARIF / GitHub / JUnit get the build findings beside the static ones. Returns the exit code of both."""
    from ..formatters import get_formatter, write_report

    models = [Path(m.path) for m in report.models if not m.error]
    static = {str(Path(m.path)): list(m.findings) for m in report.models if not m.error}
    verbose, quiet = getattr(args, "verbose", False), getattr(args, "quiet", False)
    if fmt_name == "text" and not getattr(args, "output", None):
        code = write_report(report, get_formatter("text"), None, verbose=verbose, quiet=quiet)
        if not models:
            return code
        print(file=sys.stdout)
        return max(code, build_models(models, args, cfg, static=static))
    entries = run_builds(models, args, cfg, static=static) if models else []
    code = max(report.exit_code, _exit(entries, cfg.fail_on))
    combined = _Combined(get_formatter(fmt_name), entries, code)
    write_report(report, combined, getattr(args, "output", None), verbose=verbose, quiet=quiet)
    if getattr(args, "output", None) and entries:  # the terminal got the static text report: the builds follow
        print(file=sys.stdout)
        _render_text(entries, sys.stdout)
    _report_timeouts(entries)
    return code


def with_build_findings(report, entries: list[dict]):
    """A copy of the static report whose models also carry the findings of their builds."""

    extra: dict[str, list] = {}
    for e in entries:
        r, o = e["result"], e["outcome"]
        extra.setdefault(str(Path(r.model)), []).extend(o.findings if r is o else r.findings)
    models = [replace(m, findings=list(m.findings) + extra.get(str(Path(m.path)), [])) for m in report.models]
    return replace(report, models=models)


class _Combined:
    """A formatter rendering the static report and the builds as one document in the format of `fmt`."""

    def __init__(self, fmt, entries: list[dict], code: int) -> None:
        self.fmt, self.entries, self.code = fmt, entries, code

    def render(self, report, stream, **kw) -> None:
        name = self.fmt.__name__.rsplit(".", 1)[-1]
        if name == "json_format":
            d = report.to_dict()
            d["static_exit_code"] = d["exit_code"]
            d["exit_code"] = self.code
            d["builds"] = [_entry_dict(e) for e in self.entries]
            json.dump(d, stream, indent=2)
            stream.write("\n")
        elif name == "sarif_format":
            doc = self.fmt.to_sarif(with_build_findings(report, self.entries))
            run = doc["runs"][0]
            run["invocations"][0]["exitCode"] = self.code
            run["properties"]["builds"] = [_build_summary(e) for e in self.entries]
            json.dump(doc, stream, indent=2)
            stream.write("\n")
        else:
            self.fmt.render(with_build_findings(report, self.entries), stream, **kw)


def _build_summary(e: dict) -> dict:
    """The short form of one build (SARIF run properties): no layer table, no findings (they are results)."""
    r = e["result"]
    return {"model": r.model, "target": r.target, "dtype": r.dtype, "status": r.status, "error": r.error or None,
            "disable_rules": r.disable_rules, "summary": r.summary(), "compare": r.compare or None, "log": r.log_path}
