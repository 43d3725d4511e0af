"""`rknnlint check`: static findings for one or more models."""
from __future__ import annotations

import argparse
import sys

from ..errors import UsageError
from .options import add_selection_options, add_target_options, config_from_args


def add_parser(sub) -> None:
    p = sub.add_parser("check", help="check ONNX models for rknn-toolkit2 problems (static, about a second)",
                       description="Check ONNX models statically. A directory is searched for *.onnx.")
    p.add_argument("paths", nargs="+", metavar="PATH", help="ONNX files or directories")
    add_target_options(p)
    add_selection_options(p)
    p.add_argument("--format", "-f", default="text", help="output format: text (default), json, sarif, github, junit")
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
    p.add_argument("--build", action="store_true", help="after the static check, run the real rknn-toolkit2 trial build")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..formatters import get_formatter, write_report
    from ..platforms import resolve_targets

    cfg = config_from_args(args)
    resolve_targets(cfg.target)
    fmt = get_formatter(args.format)
    if args.fix:
        from . import fix_cmd

        return fix_cmd.run_from_check(args, cfg)
    baseline_path = args.baseline or cfg.baseline
    if args.update_baseline and not baseline_path:
        raise UsageError("--update-baseline needs --baseline FILE (or 'baseline' in the config)")
    known = None
    if baseline_path and not args.update_baseline:
        from .. import baseline

        known = baseline.load(baseline_path)  # before checking, so a bad file fails fast
    from ..workflow.source import load_source, use_source

    with use_source(load_source(args.source) if args.source else None):
        report = _check(args, cfg)
    if args.update_baseline:
        from .. import baseline

        if report.unreadable:  # a baseline without some models' findings would hide them later
            for m in report.unreadable:
                print(f"rknnlint: error: {m.error}", file=sys.stderr)
            print(f"rknnlint: baseline {baseline_path} not written: {len(report.unreadable)} model(s) unreadable",
                  file=sys.stderr)
            return 2
        n = baseline.write(report, baseline_path)
        print(f"rknnlint: recorded {n} finding(s) in {baseline_path}", file=sys.stderr)
        return 0
    if known is not None:
        from .. import baseline

        report, hidden = baseline.filter_report(report, known)
        if hidden and not args.quiet:
            print(f"rknnlint: {hidden} finding(s) hidden by baseline {baseline_path}", file=sys.stderr)
    for m in report.unreadable:
        print(f"rknnlint: error: {m.error}", file=sys.stderr)
    if args.build:  # static and build findings in one report
        from . import build_cmd

        return build_cmd.run_from_check(args, cfg, report, args.format)
    return write_report(report, fmt, args.output, verbose=args.verbose, quiet=args.quiet)


def _check(args: argparse.Namespace, cfg):
    """engine.check over the paths; model by model with a progress line when that is worth showing."""
    from ..engine import check, expand_paths
    from ..report import Report

    tick = _progress(args)
    if tick is None:
        return check(args.paths, config=cfg)
    paths = expand_paths(args.paths)
    if len(paths) < 5:
        return check(args.paths, config=cfg)
    parts = []
    for i, p in enumerate(paths, 1):
        parts.append(check([p], config=cfg))
        tick(i, len(paths), str(p))
    return Report([m for r in parts for m in r.models], parts[0].fail_on, parts[0].targets)


def _progress(args: argparse.Namespace):
    """A callback for long runs: 'checked 3/40 models' on stderr, only when stderr is a terminal."""
    if args.quiet or not sys.stderr.isatty():
        return None

    def tick(done: int, total: int, path: str) -> None:
        end = "\n" if done == total else ""
        sys.stderr.write(f"\r\x1b[2Kchecked {done}/{total} models ({path})"[:200] + end)
        sys.stderr.flush()

    return tick
