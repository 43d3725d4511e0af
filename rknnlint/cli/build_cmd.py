"""`rknnlint build`: the real rknn-toolkit2 trial build, placement report and output agreement. This module parses
the arguments into a usecases.build.BuildRequest and renders the result; the builds are the use case's."""
from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from pathlib import Path

from ..errors import UsageError
from ..executors import add_executor_options, executor_from_args
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
                   help="int8: rknn.config quantized_dtype: w8a8 (default), w16a16i_dfp, w8a16 (rk3562), w4a16 (rk3576); "
                        "what each toolkit version takes per target: docs/build.md")
    p.add_argument("--quantized-algorithm", default=None, metavar="A",
                   help="int8: rknn.config quantized_algorithm: normal (default), mmse, kl_divergence or gdq "
                        "(gdq: 2.3.2+, with --quantized-dtype w4a16 / w8a16)")
    p.add_argument("--quantized-method", default=None, metavar="M",
                   help="int8: rknn.config quantized_method: channel (default), layer or group{SIZE} (SIZE 32..256 "
                        "in steps of 32; 2.3.2+, with --quantized-dtype w4a16)")
    p.add_argument("--optimization-level", default=None, metavar="N", help="rknn.config optimization_level 0-3 (default 3)")
    p.add_argument("--quant-img-rgb2bgr", action="store_true",
                   help="int8: rknn.config quant_img_RGB2BGR=True (calibration images swapped to BGR)")
    p.add_argument("--float-dtype", default=None, metavar="F", help="rknn.config float_dtype (float16, the only value)")
    p.add_argument("--analyze", action="store_true",
                   help="int8: run the toolkit's accuracy_analysis on the first --dataset sample and report each layer's "
                        "cosine against fp32, worst first, mapped to ONNX nodes (docs/int8.md)")
    p.add_argument("--int8-accuracy", type=float, default=None, metavar="COS",
                   help="int8: automatic hybrid quantization: keep the fewest layers in fp16 until every output's "
                        "cosine against onnxruntime fp32 on the --dataset samples reaches COS (docs/int8.md)")
    p.add_argument("--max-fp16", type=float, default=0.15, metavar="SHARE",
                   help="--int8-accuracy: at most this share of the quantized layers in fp16 (default 0.15)")
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


def _stderr(line: str) -> None:
    print(line, file=sys.stderr)


def build_request(args: argparse.Namespace, models: list[Path], cfg, static: dict[str, list] | None = None):
    """The use case's request from `build` (or `check --build`) arguments and the merged config."""
    from ..toolkit.build_options import from_args
    from ..usecases.build import BuildRequest

    return BuildRequest(
        models=list(models), config=cfg, toolkit_options=from_args(args),
        source_options=getattr(args, "source_options", None) or {}, dataset=getattr(args, "dataset", None),
        mean=_floats(getattr(args, "mean", None), "--mean"), std=_floats(getattr(args, "std", None), "--std"),
        export=getattr(args, "export", None), compare=bool(getattr(args, "compare", False)),
        timeout=float(getattr(args, "timeout", 600.0)), apply_workarounds=bool(getattr(args, "apply_workarounds", False)),
        executor=executor_from_args(args, int(getattr(args, "jobs", 1) or 1)),
        use_cache=not getattr(args, "no_cache", False), out_dir=getattr(args, "out_dir", None),
        static=not getattr(args, "no_static", False), static_findings=static,
        reduce=bool(getattr(args, "reduce", False)), max_builds=getattr(args, "max_builds", None), log=_stderr,
        analyze=bool(getattr(args, "analyze", False)), int8_accuracy=getattr(args, "int8_accuracy", None),
        max_fp16=float(getattr(args, "max_fp16", 0.15)))


def _trace(mark: str) -> None:
    from ..toolkit.runner import trace

    trace(mark)


def _report_timeouts(entries: list[dict]) -> None:
    for e in entries:
        if e["result"].status == "timeout":
            print(f"rknnlint: error: {Path(e['result'].model).name}: build {e['result'].error}", file=sys.stderr)


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
        if e.get("analysis") is not None:
            from ..toolkit.analysis import render

            render(e["analysis"], stream)
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
    if red.patterns:
        print("  known crash pattern: " + ", ".join(f"{p} at '{n}'" for p, n in red.patterns)
              + " (rules/motifs/crash-patterns.yaml, RKN709)", file=stream)
    else:
        print("  no measured crash pattern matches it: a new one belongs in rules/motifs/crash-patterns.yaml with a "
              "minimal model in scripts/verify_crash_patterns.py (docs/probe.md#crash-patterns)", file=stream)
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


def build_models(models: list[Path], args, cfg, static: dict[str, list] | None = None, early=None) -> int:
    """Run the build use case on the models, print its report, return the exit code (2 when a model could not be
    read, as `check`)."""
    from ..usecases import build

    result = build.run(build_request(args, models, cfg, static), early=early)
    if getattr(args, "format", "text") == "json":
        json.dump(result.document(), sys.stdout, indent=1)
        print()
    else:
        _render_text(result.entries, sys.stdout)
        for u in result.unreadable:
            print(f"{u['path']}: cannot read: {u['error']}", file=sys.stdout)
        if len(result.entries) > 1:
            _summary_table(result.entries)
    _report_timeouts(result.entries)
    _trace("report-done")
    return result.exit_code


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
    from ..usecases.build import make_job

    if len(models) != 1 or getattr(args, "toolkit_version", None) or getattr(args, "int8_accuracy", None) is not None:
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
        cfg = replace(fcfg, input_shapes=shapes)
        job = make_job(models[0], build_request(args, models, cfg), cfg, target, dtype, read_inputs=False)
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
    if getattr(args, "int8_accuracy", None) is not None:
        return hybrid_build(models, args, cfg)
    return build_models(models, args, cfg, early=early)


def hybrid_build(models: list[Path], args, cfg) -> int:
    """--int8-accuracy: the hybrid search of the use case, its report, its exit code."""
    from ..toolkit.analysis import render as render_analysis
    from ..toolkit.hybrid import render
    from ..usecases import build

    result = build.run_hybrid(build_request(args, models, cfg))
    if getattr(args, "format", "text") == "json":
        json.dump(result.document(), sys.stdout, indent=1)
        print()
    else:
        render(result.hybrid, sys.stdout)
        if result.hybrid.analysis is not None:
            render_analysis(result.hybrid.analysis, sys.stdout, limit=5)
    return result.exit_code


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
    from ..usecases.build import exit_code, run_builds

    entries = run_builds(models, build_request(args, models, cfg, static)) if models else []
    code = max(report.exit_code, exit_code(entries, cfg.fail_on))
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
        from ..usecases.build import entry_dict

        name = self.fmt.__name__.rsplit(".", 1)[-1]
        if name == "json_format":
            d = report.to_dict()
            d["static_exit_code"] = d["exit_code"]
            d["exit_code"] = self.code
            d["builds"] = [entry_dict(e) for e in self.entries]
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
