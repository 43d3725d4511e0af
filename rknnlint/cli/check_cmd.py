"""`rknnlint check`: static findings for one or more models."""
from __future__ import annotations

import argparse
import sys

from .options import add_selection_options, add_target_options, config_from_args


def add_parser(sub) -> None:
    p = sub.add_parser("check", help="check ONNX models for rknn-toolkit2 problems (static, about a second)",
                       description="Check ONNX models statically. A directory is searched for *.onnx.")
    p.add_argument("paths", nargs="+", metavar="PATH", help="ONNX files or directories")
    add_target_options(p)
    add_selection_options(p)
    p.add_argument("--format", "-f", default="text", help="output format: text (default), json")
    p.add_argument("--output", "-o", default=None, help="write the report to this file (the terminal still gets the text report)")
    p.add_argument("--fail-on", choices=("error", "warning", "info"), default=None,
                   help="lowest severity that makes the exit code 1 (default: error)")
    p.add_argument("--verbose", "-v", action="store_true", help="show each rule's explanation inline")
    p.add_argument("--quiet", "-q", action="store_true", help="print only the summary line")
    p.add_argument("--fix", action="store_true", help="same as `rknnlint fix` on each model")
    p.add_argument("--build", action="store_true", help="after the static check, run the real rknn-toolkit2 trial build")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..engine import check
    from ..formatters import get_formatter, write_report
    from ..platforms import resolve_targets

    cfg = config_from_args(args)
    resolve_targets(cfg.target)
    fmt = get_formatter(args.format)
    if args.fix:
        from . import fix_cmd

        return fix_cmd.run_from_check(args, cfg)
    report = check(args.paths, config=cfg)
    for m in report.unreadable:
        print(f"rknnlint: error: {m.error}", file=sys.stderr)
    code = write_report(report, fmt, args.output, verbose=args.verbose, quiet=args.quiet)
    if args.build:
        from . import build_cmd

        code = max(code, build_cmd.run_from_check(args, cfg, report))
    return code
