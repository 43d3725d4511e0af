"""`rknnlint check`: static findings for one or more models."""
from __future__ import annotations

import argparse
import sys

from ..errors import UsageError
from .options import add_selection_options, add_target_options, config_from_args, parse_input_shapes


def add_parser(sub) -> None:
    p = sub.add_parser("check", help="check ONNX models for rknn-toolkit2 problems (static, about a second)",
                       description="Check ONNX models statically. A directory is searched for *.onnx.")
    p.add_argument("paths", nargs="+", metavar="PATH", help="ONNX files or directories")
    add_target_options(p)
    add_selection_options(p)
    p.add_argument("--format", "-f", default="text",
                   help="output format: text (default), concise (one `path:location: CODE severity message` line per "
                        "finding), json, sarif, github, junit")
    p.add_argument("--statistics", action="store_true", help="print the number of findings per rule instead of the findings")
    p.add_argument("--exit-zero", action="store_true",
                   help="exit 0 even when findings are at or above --fail-on (2 still means a usage error or an "
                        "unreadable model)")
    p.add_argument("--color", choices=("auto", "always", "never"), default="auto",
                   help="colour in the text reports: auto (default: on a terminal, unless NO_COLOR is set; FORCE_COLOR "
                        "forces it), always, never")
    p.add_argument("--output", "-o", default=None, help="write the report to this file (the terminal still gets the text report)")
    p.add_argument("--fail-on", choices=("error", "warning", "info"), default=None,
                   help="lowest severity that makes the exit code 1 (default: error)")
    p.add_argument("--verbose", "-v", action="store_true", help="show each rule's explanation inline")
    p.add_argument("--quiet", "-q", action="store_true", help="print only the summary line")
    p.add_argument("--source", default=None, metavar="FILE",
                   help="source config (onnx_source.yaml) checked against its previous phase and the model (RKN960)")
    p.add_argument("--baseline", default=None, metavar="FILE",
                   help="hide the findings recorded in this baseline file; fail only on new ones")
    p.add_argument("--update-baseline", action="store_true",
                   help="write every current finding to the --baseline file (exit 0)")
    p.add_argument("--fix", action="store_true", help="same as `rknnlint fix` on each model")
    p.add_argument("--unsafe-fixes", action="store_true", help="with --fix: also apply unsafe fixes (as `rknnlint fix`)")
    p.add_argument("--cut-head", default=None, metavar="auto|zoo|TENSOR,...",
                   help="with --fix: cut the post-processing head (as `rknnlint fix`)")
    p.add_argument("--input-shape", action="append", default=None, metavar="NAME=1,3,640,640",
                   help="check the model with this input pinned to these static dims, as `load_onnx(inputs=[NAME], "
                        "input_size_list=[[1,3,640,640]])` builds it: written into the graph input in memory, the "
                        "file untouched (an unknown input name or dims that do not fit: one error line, exit 2); "
                        "with --fix: pin it in the fixed model (as `rknnlint fix`); repeatable")
    p.add_argument("--build", action="store_true", help="after the static check, run the real rknn-toolkit2 trial build")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Parse into a CheckRequest, run the check use case, render its result."""
    from ..formatters import get_formatter, write_report
    from ..usecases import check

    cfg = config_from_args(args)
    if (args.unsafe_fixes or args.cut_head) and not args.fix:
        raise UsageError("--unsafe-fixes and --cut-head apply fixes: add --fix (or run `rknnlint fix`)")
    request = check.CheckRequest(args.paths, cfg, source=args.source, baseline=args.baseline,
                                 update_baseline=args.update_baseline, progress=_progress(args),
                                 input_shapes=parse_input_shapes(args.input_shape) or None)
    if args.fix:
        from ..context import build_context
        from . import fix_cmd

        build_context(cfg)  # an unknown target is a usage error first
        get_formatter(args.format)
        return fix_cmd.run_from_check(args, cfg)
    prepared = check.prepare(request)  # usage errors (target, baseline, source config) before any model is read
    fmt = get_formatter(args.format)
    result = check.run(request, prepared)
    _say_toolkit(result, args)
    report = result.report
    if result.baseline_refused:
        for m in report.unreadable:
            print(f"rknnlint: error: {m.error}", file=sys.stderr)
        print(f"rknnlint: baseline {result.baseline_path} not written: {len(report.unreadable)} model(s) unreadable",
              file=sys.stderr)
        return result.exit_code
    if result.recorded is not None:
        print(f"rknnlint: recorded {result.recorded} finding(s) in {result.baseline_path}", file=sys.stderr)
        return result.exit_code
    if result.hidden and not args.quiet:
        print(f"rknnlint: {result.hidden} finding(s) hidden by baseline {result.baseline_path}", file=sys.stderr)
    if result.baseline_missing and not args.quiet:
        print(f"rknnlint: baseline {result.baseline_path} (the 'baseline' key of {cfg.source}) does not exist yet: "
              "nothing hidden; create it with --update-baseline", file=sys.stderr)
    if result.stale and not args.quiet:
        print(f"rknnlint: {len(result.stale)} baseline entr{'y' if len(result.stale) == 1 else 'ies'} in "
              f"{result.baseline_path} no longer match a finding (fixed, or the node or model renamed): "
              + "; ".join(f"{e.get('code')} {e.get('model')} {e.get('location')}" for e in result.stale[:3])
              + (f"; and {len(result.stale) - 3} more" if len(result.stale) > 3 else "")
              + "; --update-baseline drops them", file=sys.stderr)
    say_skipped(report.skipped, args.quiet)
    for m in report.unreadable:
        print(f"rknnlint: error: {m.error}", file=sys.stderr)
    if args.build:  # static and build findings in one report
        from . import build_cmd

        code = build_cmd.run_from_check(args, cfg, report, args.format)
    elif args.statistics:
        code = _statistics(report, args)
    else:
        code = write_report(report, fmt, args.output, verbose=args.verbose, quiet=args.quiet, color=args.color)
    return 0 if args.exit_zero and code == 1 else code


def _statistics(report, args: argparse.Namespace) -> int:
    """`--statistics`: one line per rule (count, code, name, severity, fix), most frequent first, then the
    summary line; with --output the file gets the report in --format as usual."""
    from ..formatters import get_formatter, write_report
    from ..formatters._common import statistics
    from ..formatters.text_format import summary_line

    if args.output:
        write_report(report, get_formatter(args.format), args.output, quiet=True, color="never")
    rows = statistics(report)
    width = max((len(str(r[0])) for r in rows), default=1)
    for n, code, name, sev, fix in rows:
        print(f"{n:>{width}}  {code}  {name:<32} {sev:<7} {'[fix: ' + fix + ']' if fix != '-' else ''}".rstrip())
    print(summary_line(report))
    return report.exit_code


def _say_toolkit(result, args: argparse.Namespace) -> None:
    """When the user named a toolkit version, say on stderr which measured op tables were used per family:
    that version's, the nearest measured version's (said so), or none (documented tables)."""
    tk = result.context.toolkit
    if tk.origin != "given":
        return
    by: dict[str, list[str]] = {}
    for _, p in result.context.targets:
        by.setdefault(p.measured, [])
        if p.family not in by[p.measured]:
            by[p.measured].append(p.family)
    parts = []
    for used, fams in by.items():
        if used == tk.version:
            parts.append(f"using op tables measured with rknn-toolkit2 {used} for {', '.join(fams)}")
        elif used:
            parts.append(f"no op tables measured with rknn-toolkit2 {tk.version} for {', '.join(fams)}: using the "
                         f"nearest measured version's, {used}")
        else:
            parts.append(f"no op tables measured for {', '.join(fams)}; using the documented tables")
    print("rknnlint: " + "; ".join(parts), file=sys.stderr)


PROGRESS_MIN_MODELS = 5  # a progress line from this many models on


def _progress(args: argparse.Namespace):
    """A callback for long runs: 'checked 3/40 models' on stderr, only when stderr is a terminal."""
    if args.quiet or not sys.stderr.isatty():
        return None

    def tick(done: int, total: int, path: str) -> None:
        if total < PROGRESS_MIN_MODELS:
            return
        end = "\n" if done == total else ""
        sys.stderr.write(f"\r\x1b[2Kchecked {done}/{total} models ({path})"[:200] + end)
        sys.stderr.flush()

    return tick


def say_skipped(skipped, quiet: bool = False) -> None:
    """One stderr line per file found but not checked (a post-processing tail rknnlint wrote), so nothing is
    left out silently."""
    if quiet:
        return
    for path, why in skipped:
        print(f"rknnlint: skipped {path}: {why}", file=sys.stderr)
