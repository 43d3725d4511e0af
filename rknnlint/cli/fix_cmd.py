"""`rknnlint fix`: rewrite models so that rknn-toolkit2 builds them, and prove the numbers stayed."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..errors import RknnlintError, UsageError
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
    g.add_argument("--cut-head", default=None, metavar="auto|TENSOR,...",
                   help="cut the post-processing head at the found boundary (auto) or at these tensors; the tail "
                        "is written as <stem>.postprocess.onnx")
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
        raise UsageError("--cut-head: give 'auto' or tensor names")
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
    from ..engine import expand_paths
    from ..platforms import resolve_targets

    resolve_targets(cfg.target)
    request = _request(args, cfg)
    if getattr(args, "in_place", False) and getattr(args, "output", None):
        raise UsageError("--in-place and --output exclude each other")
    paths = expand_paths(args.paths)
    out_arg = Path(args.output) if getattr(args, "output", None) else None
    if out_arg is not None and len(paths) > 1 and not out_arg.is_dir():
        raise UsageError(f"--output {out_arg}: several models need an existing folder")
    fail_on = Severity.parse(args.fail_on) if getattr(args, "fail_on", None) else cfg.fail_on
    fmt = getattr(args, "format", "text")
    results = []
    code = 0
    for p in paths:
        try:
            res = _fix_one(p, args, request, out_arg, fail_on)
        except RknnlintError as e:
            if len(paths) == 1:
                raise
            res = {"path": str(p), "error": str(e), "exit_code": e.exit_code}
            print(f"rknnlint: error: {p}: {e}", file=sys.stderr)
        code = max(code, res["exit_code"])
        results.append(res)
        if fmt == "text":
            _print_text(res, quiet=getattr(args, "quiet", False), verbose=getattr(args, "verbose", False))
    if fmt == "json":
        json.dump(fix_document(results, code), sys.stdout, indent=2)
        sys.stdout.write("\n")
    return code


def _fix_one(p: Path, args: argparse.Namespace, request, out_arg: Path | None, fail_on: Severity) -> dict:
    from dataclasses import replace

    from ..fix import verify
    from ..fix._diff import diff_dict, diff_lines
    from ..fix._loop import fix_model
    from ..fix._proof import load_user_inputs
    from ..fix._write import WeightsTooLarge, default_output, load_full, tail_path, write_model

    try:
        model, data_files = load_full(p)
    except WeightsTooLarge as e:  # fine when nothing needs fixing: the check needs no weights
        if _needs_rewrite(e.model, p, request):
            raise
        model, data_files = e.model, []
    items = [x.strip() for item in getattr(args, "inputs", None) or [] for x in item.split(",") if x.strip()]
    user = load_user_inputs(items, model)
    if user:
        request = replace(request, user_inputs=user)
    # the config file's input-shapes apply to the models that have those inputs; --input-shape wins
    names = {vi.name for vi in model.graph.input}
    from_config = {k: v for k, v in (request.config.input_shapes or {}).items() if k in names}
    if from_config:
        request = replace(request, input_shapes={**from_config, **request.input_shapes})
    if getattr(args, "in_place", False):
        out = p
    elif out_arg is not None:
        out = out_arg / default_output(p).name if out_arg.is_dir() else out_arg
    else:
        out = default_output(p)
    if out.resolve() == p.resolve() and not getattr(args, "in_place", False):
        raise UsageError(f"{out}: is the input; use --in-place to replace it")
    outcome = fix_model(model, request, p, label=str(p))
    tail_out = tail_path(p, out) if outcome.tail is not None else None
    res: dict = {"path": str(p), "output": None, "tail": None, "outcome": outcome, "written": [],
                 "unproven": False, "exit_code": 0, "fail_on": fail_on}
    if outcome.changed and request.verify:
        _check_user_shapes(outcome, request)
        verify(outcome, request)
    elif outcome.changed:
        res["unproven"] = True
    proof_failed = outcome.proof is not None and not outcome.proof.ok
    if getattr(args, "build", False) and outcome.changed and not proof_failed:
        from ..fix._build import build_check
        from ..platforms import resolve_targets

        target = resolve_targets(request.config.target)[0][0]
        dtype = "int8" if request.config.dtype == "int8" else "fp16"
        res["build"] = build_check(p, outcome.fixed, target, dtype)
        proof_failed = not res["build"].ok  # nothing written, exit 1
    if getattr(args, "diff", False) and outcome.changed:
        tail_name = tail_out.name if tail_out else ""
        if getattr(args, "format", "text") == "json":
            res["diff"] = diff_dict(outcome.original, outcome.fixed, outcome.tail, tail_name)
        else:
            res["diff"] = diff_lines(outcome.original, outcome.fixed, outcome.tail, tail_name)
    dry = getattr(args, "diff", False) or getattr(args, "dry_run", False)
    if outcome.changed and not proof_failed:
        res["output"] = str(out)
        res["tail"] = str(tail_out) if tail_out else None
        if not dry:
            stem = p.name[:-5] if p.name.endswith(".onnx") else p.name
            same = [f for f in data_files if f.resolve().parent == p.resolve().parent and f.name.startswith(stem)]
            if getattr(args, "in_place", False) and len(data_files) == 1 and same:
                # the model's own data file (X.onnx.data): replaced under its name (data first, then the model,
                # each by a rename), so that `git add -u` after the fix commits a model and the data it points at;
                # a data file named otherwise may be shared by other models and is left alone
                files = write_model(outcome.fixed, out, external=True, protected=[], data_name=same[0].name)
            else:
                files = write_model(outcome.fixed, out, external=bool(data_files), protected=data_files)
            if outcome.tail is not None and tail_out is not None:
                files += write_model(outcome.tail, tail_out, external=False, protected=data_files)
            res["written"] = [str(f) for f in files]
    left = [f for f in outcome.after if f.severity >= fail_on]
    # as ruff's --diff: a pending change exits 1, so that `fix --diff` / `--dry-run` can gate CI
    res["exit_code"] = 1 if proof_failed or left or (dry and outcome.changed) else 0
    res["advice"] = [] if proof_failed else _advice(outcome)
    return res


def _needs_rewrite(model, path: Path, request) -> bool:
    """Whether the fix loop's first round would apply any rewrite to this model (checked without weights)."""
    from ..fix import would_rewrite

    return would_rewrite(model, path, request)


def _advice(outcome) -> list[str]:
    """Crash workarounds no finding asked for but whose pattern is in the fixed model: say so (they are
    exact; rknn-toolkit2 2.5.0 crashed on each pattern in real exports)."""
    from ..fix._loop import REWRITE_GROUPS
    from ..rewrites import RewriteOptions, get_rewrite

    done = {s.rewrite for s in outcome.steps}
    out = []
    for name in REWRITE_GROUPS["toolkit-workarounds"]:
        if name in done:
            continue
        try:
            r = get_rewrite(name).apply(outcome.fixed, RewriteOptions())
        except Exception:  # advice only: a rewrite that cannot even look at the model says nothing
            continue
        if r.changed:
            out.append(f"--rewrite {name} would change this model ({r.notes[0][:160]}): rknn-toolkit2 2.5.0 "
                       "crashed on this pattern in real exports")
    return out


def _check_user_shapes(outcome, request) -> None:
    """--inputs arrays must fit the fixed model's (now static) input shapes."""
    if not request.user_inputs:
        return
    static = {}
    for vi in outcome.fixed.graph.input:
        dims = [d.dim_value if d.HasField("dim_value") else None for d in vi.type.tensor_type.shape.dim]
        static[vi.name] = dims
    for feed in request.user_inputs:
        for name, arr in feed.items():
            want = static.get(name)
            if want is not None and (len(want) != arr.ndim or any(w is not None and w != s for w, s in zip(want, arr.shape))):
                raise UsageError(f"--inputs: array for '{name}' has shape {list(arr.shape)}; the fixed model takes "
                                 f"{['?' if w is None else w for w in want]}")


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
        state = ("proof FAILED, nothing written" if o.proof is not None and not o.proof.ok else
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


def fix_document(results: list[dict], code: int) -> dict:
    """The JSON document of `rknnlint fix --format json` (docs/schemas/fix.schema.json)."""
    from .. import __version__

    return {"schema_version": FIX_SCHEMA_VERSION, "tool": {"name": "rknnlint", "version": __version__},
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
        "build": res["build"].to_dict() if res.get("build") is not None else None,
        "diff": res.get("diff"),
        "advice": res.get("advice", []),
        "before": [f.to_dict() for f in o.before],
        "after": [f.to_dict() for f in o.after],
        "left": sum(1 for f in o.after if f.severity >= fail_on),
        "seconds": {k: round(v, 4) for k, v in o.seconds.items()},
        "exit_code": res["exit_code"],
    }
