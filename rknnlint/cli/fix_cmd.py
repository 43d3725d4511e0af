"""`rknnlint fix`: rewrite models so that rknn-toolkit2 builds them, and prove the numbers stayed."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..errors import UsageError
from ..finding import Severity
from .options import add_selection_options, add_target_options, config_from_args, parse_input_shapes


def add_parser(sub) -> None:
    p = sub.add_parser(
        "fix", help="rewrite models so that rknn-toolkit2 builds them; prove the outputs in onnxruntime",
        description="Apply the rewrites that the check's findings name (safe ones by default), validate, re-check, "
                    "and prove in onnxruntime that the fixed model computes what the original did. Writes "
                    "<stem>.rknn-ready.onnx beside the input; the input is never changed unless --in-place.",
        epilog="Exit codes: 0 fixed and clean, 1 findings left at or above --fail-on or the proof failed (nothing "
               "written), 2 usage error, unreadable model, or a fix that cannot apply.")
    p.add_argument("paths", nargs="+", metavar="MODEL", help="ONNX files or directories")
    p.add_argument("-o", "--output", default=None, metavar="OUT",
                   help="output file (one model) or folder; default <stem>.rknn-ready.onnx beside the input")
    add_target_options(p)
    add_selection_options(p)
    g = p.add_argument_group("fixes")
    g.add_argument("--unsafe-fixes", action="store_true",
                   help="also apply unsafe fixes (interface or numbers may change: upcast-float, cut-head, cubic->linear)")
    g.add_argument("--input-shape", action="append", default=None, metavar="NAME=1,3,640,640",
                   help="pin this input's shape (repeatable)")
    g.add_argument("--input-value", action="append", default=None, metavar="NAME=VALUE",
                   help="fix this input to the value the deployment uses (e.g. sr=16000): it becomes a constant and "
                        "is removed from the inputs, so an If that selects on it folds (repeatable)")
    g.add_argument("--cut-head", default=None, metavar="auto|zoo|TENSOR,...",
                   help="cut the post-processing head at the found boundary (auto), into rknn_model_zoo's YOLO "
                        "output layout (zoo), or at these tensors; the tail is written as <stem>.postprocess.onnx")
    g.add_argument("--rewrite", action="append", default=None, metavar="NAME",
                   help="apply this rewrite even when no finding asks for it (e.g. pad-channels, expand-to-tile, "
                        "rename-names); repeatable or a comma list")
    o = p.add_argument_group("output")
    o.add_argument("--diff", action="store_true", help="print what would change (nodes, inputs, outputs); write nothing")
    o.add_argument("--dry-run", action="store_true", help="fix and prove, but write nothing")
    o.add_argument("--in-place", action="store_true", help="replace the input file (atomically)")
    o.add_argument("--format", "-f", choices=("text", "json"), default="text", help="report format")
    o.add_argument("--fail-on", choices=("error", "warning", "info"), default=None,
                   help="lowest severity left after fixing that makes the exit code 1 (default: error)")
    o.add_argument("--quiet", "-q", action="store_true", help="print one line per model")
    v = p.add_argument_group("proof")
    # one value per flag (repeatable, or a comma list): nargs="+" would swallow the model path that follows
    v.add_argument("--inputs", action="append", default=None, metavar="X.npy[,Y.npy]",
                   help="also prove on these arrays (model input order, NAME=X.npy, or one .npz); repeatable or a "
                        "comma list")
    v.add_argument("--runs", type=int, default=None, metavar="N",
                   help="seeded random input sets for the proof (default 2, or 1 when the first gives bit-identical "
                        "outputs under the exact tolerance)")
    v.add_argument("--build", action="store_true",
                   help="also build the original and the fixed model with the real rknn-toolkit2 (first --target, --dtype); "
                        "nothing is written when the fixed one fails or has CPU layers the original did not")
    v.add_argument("--no-verify", action="store_true",
                   help="skip the onnxruntime proof (for models onnxruntime cannot run); the report says unproven")
    p.set_defaults(func=run)


def _request(args: argparse.Namespace, cfg):
    from ..fix import FixRequest

    rewrites: list[str] = []
    for item in getattr(args, "rewrite", None) or []:
        rewrites.extend(x.strip() for x in item.split(",") if x.strip())
    runs = getattr(args, "runs", None)
    if runs is not None and runs < 1:
        raise UsageError("--runs must be at least 1")
    shapes = parse_input_shapes(getattr(args, "input_shape", None))
    values: dict[str, str] = {}
    for item in getattr(args, "input_value", None) or []:
        name, sep, value = item.partition("=")
        if not sep or not name.strip() or not value.strip():
            raise UsageError(f"--input-value {item}: give NAME=VALUE (e.g. sr=16000)")
        values[name.strip()] = value.strip()
    cut = getattr(args, "cut_head", None)
    if cut is not None and not cut.strip():
        raise UsageError("--cut-head: give 'auto', 'zoo' or tensor names")
    return FixRequest(config=cfg, unsafe=bool(getattr(args, "unsafe_fixes", False)), input_shapes=shapes,
                      input_values=values, cut_head=cut.strip() if cut else None, rewrites=tuple(dict.fromkeys(rewrites)),
                      verify=not getattr(args, "no_verify", False), runs=runs)


def run(args: argparse.Namespace) -> int:
    cfg = config_from_args(args)
    return _run(args, cfg)


def run_from_check(args: argparse.Namespace, cfg) -> int:
    """`rknnlint check --fix`: the same as `rknnlint fix` on the checked paths, with the fix options `check`
    accepts (--unsafe-fixes, --cut-head, --input-shape). The check's --output is its report file: the fix
    report goes there (text or json) and the models to their default names."""
    import contextlib
    import io

    ns = argparse.Namespace(**vars(args))
    ns.output = None
    if getattr(ns, "format", "text") not in ("text", "json"):
        raise UsageError(f"check --fix reports as text or json, not {ns.format}")
    report_file = getattr(args, "output", None)
    if not report_file:
        return _run(ns, cfg)
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        code = _run(ns, cfg)
    from .._files import write_text_atomic

    write_text_atomic(Path(report_file), buf.getvalue(), "--output")
    print(f"rknnlint: fix report written to {report_file}", file=sys.stderr)
    return code


def _run(args: argparse.Namespace, cfg) -> int:
    """Parse into a FixJob, run the fix use case, render each model's result as it is done."""
    from ..usecases import fix

    request = _request(args, cfg)
    from ..discover import discover
    from .check_cmd import say_skipped

    found = discover(args.paths, cfg)  # the files a folder covers, as `check` takes them
    say_skipped(found.skipped, getattr(args, "quiet", False))
    fail_on = Severity.parse(args.fail_on) if getattr(args, "fail_on", None) else cfg.fail_on
    fmt = getattr(args, "format", "text")
    if not found.files:  # only post-processing tails were named: nothing to fix
        if fmt == "json":
            json.dump(fix_document([], 0), sys.stdout, indent=2)
            sys.stdout.write("\n")
        return 0
    job = fix.FixJob(found.files, request, output=getattr(args, "output", None), in_place=bool(getattr(args, "in_place", False)),
                     diff=bool(getattr(args, "diff", False)), dry_run=bool(getattr(args, "dry_run", False)),
                     inputs=tuple(getattr(args, "inputs", None) or ()), fail_on=fail_on,
                     diff_format="dict" if fmt == "json" else "lines", build=bool(getattr(args, "build", False)))

    def show(res: dict) -> None:
        if "error" in res:
            print(f"rknnlint: error: {res['path']}: {res['error']}", file=sys.stderr)
        if fmt == "text":
            _print_text(res, quiet=getattr(args, "quiet", False), verbose=getattr(args, "verbose", False))

    code, results, toolkit = fix.run(job, on_result=show)
    if fmt == "text" and not getattr(args, "quiet", False):  # as check's footer: the version the findings are for
        sys.stdout.write(f"findings for {toolkit.describe()}\n")
    if fmt == "json":
        json.dump(fix_document(results, code, toolkit), sys.stdout, indent=2)
        sys.stdout.write("\n")
    return code


def _counts(findings) -> str:
    c = {"error": 0, "warning": 0, "info": 0}
    for f in findings:
        c[str(f.severity)] += 1
    return f"{c['error']} error(s), {c['warning']} warning(s), {c['info']} info"


def _print_text(res: dict, quiet: bool = False, verbose: bool = False) -> None:
    out = sys.stdout
    if "outcome" not in res:
        return
    o = res["outcome"]
    src = res["path"]
    if quiet:
        worse = res.get("build") is not None and not res["build"].ok
        state = ("fixed model INVALID, nothing written" if o.invalid else
                 "proof FAILED, nothing written" if o.proof is not None and not o.proof.ok else
                 "real build worse than the original's, nothing written" if worse else
                 f"-> {res['output']}" if o.changed and res["written"] else
                 f"(would write {res['output']})" if o.changed else "nothing to fix")
        out.write(f"{src}: {len(o.applied)} fix(es) {state}; left: {_counts(o.after)}\n")
        return
    out.write(f"{src}\n")
    for s in o.steps:
        codes = f" [{', '.join(s.codes)}]" if s.codes else ""
        label = {"applied": "fixed", "unchanged": "no-op", "rolled-back": "rolled back", "skipped": "skipped"}[s.status]
        notes = "; ".join(s.notes) if s.notes else ""
        out.write(f"  {label:<11} {s.rewrite}{codes} ({s.applicability}){': ' + notes if notes else ''}\n")
    if not o.converged:
        out.write(f"  warning     the fix loop did not converge in {o.rounds} round(s): findings still ask for fixes\n")
    if o.changed:
        if o.invalid:
            out.write(f"  {'INVALID':<11} {o.invalid}; nothing written\n")
        if o.proof is not None:
            out.write(f"  {'proof' if o.proof.ok else 'PROOF FAILED':<11} {o.proof.summary()}\n")
            if not o.proof.ok:
                for c in o.proof.outputs + o.proof.boundary:
                    if not c.ok:
                        out.write(f"              output '{c.name}' {list(c.shape)}: {c.why}\n")
                out.write("              nothing written\n")
        elif res.get("unproven"):
            out.write("  unproven    --no-verify: the outputs were not compared in onnxruntime\n")
        if res.get("build") is not None:
            b = res["build"]
            out.write(f"  {'build' if b.ok else 'BUILD WORSE':<11} {b.line()}" + ("" if b.ok else "; nothing written") + "\n")
        if res["written"]:
            out.write(f"  wrote       {', '.join(res['written'])}\n")
        elif res["output"]:
            out.write(f"  would write {res['output']}{' and ' + res['tail'] if res['tail'] else ''} (--diff / --dry-run)\n")
    elif any(s.status == "skipped" for s in o.steps):
        out.write("  nothing fixed: the skipped fix(es) above say what enables them; no file written\n")
    else:
        out.write("  nothing to fix: no file written\n")
    for line in res.get("advice", []):
        out.write(f"  advice      {line}\n")
    for line in res.get("diff", []):
        out.write(f"  diff        {line}\n")
    out.write(f"  left        {_counts(o.after)} (before: {_counts(o.before)})\n")
    for f in o.after:
        if f.severity >= Severity.WARNING or verbose:
            out.write(f"    {str(f.severity):<7} {f.code} {f.location}: {f.message}\n")


FIX_SCHEMA_VERSION = "1.0"


def fix_document(results: list[dict], code: int, toolkit=None) -> dict:
    """The JSON document of `rknnlint fix --format json` (docs/schemas/fix.schema.json); `toolkit`: the
    context.ToolkitChoice whose facts the findings are for."""
    from .. import __version__

    return {"schema_version": FIX_SCHEMA_VERSION, "tool": {"name": "rknnlint", "version": __version__},
            "toolkit": toolkit.to_dict() if toolkit is not None else None,
            "exit_code": code, "models": [_jsonable(r) for r in results]}


def _jsonable(res: dict) -> dict:
    if "outcome" not in res:
        return res
    o = res["outcome"]
    fail_on = res["fail_on"]
    return {
        "path": res["path"], "output": res["output"], "tail": res["tail"], "written": res["written"],
        "changed": o.changed, "converged": o.converged, "rounds": o.rounds, "unproven": res["unproven"],
        "steps": [s.to_dict() for s in o.steps],
        "proof": o.proof.to_dict() if o.proof is not None else None,
        "invalid": o.invalid or None,
        "build": res["build"].to_dict() if res.get("build") is not None else None,
        "diff": res.get("diff"),
        "advice": res.get("advice", []),
        "before": [f.to_dict() for f in o.before],
        "after": [f.to_dict() for f in o.after],
        "left": sum(1 for f in o.after if f.severity >= fail_on),
        "seconds": {k: round(v, 4) for k, v in o.seconds.items()},
        "exit_code": res["exit_code"],
    }
