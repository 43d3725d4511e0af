"""`rknnlint rules`: the rule list."""
from __future__ import annotations

import argparse
import json


def add_parser(sub) -> None:
    p = sub.add_parser("rules", help="list the rules", description="List every rule with its code, name, severity and fix.")
    p.add_argument("--format", "-f", choices=("text", "json"), default="text")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..rule import all_rules

    rules = all_rules()
    if args.format == "json":
        print(json.dumps([
            {"code": c, "name": r.name, "severity": str(r.severity), "summary": r.title(),
             "platforms": r.families() or "all", "fix": r.fix.name if r.fix else None,
             "fix_applicability": r.fix.level.value if r.fix else None,
             "fix_chain": [{"rewrite": f.name, "applicability": f.level.value} for f in r.fix.chain()] if r.fix else []}
            for c, r in rules.items()], indent=2))
        return 0
    from rich.console import Console
    from rich.table import Table

    t = Table(box=None, pad_edge=False, show_edge=False)
    for col in ("code", "name", "severity", "fix", "what it checks"):
        t.add_column(col)
    for c, r in rules.items():
        t.add_row(c, r.name, str(r.severity), r.fix.level.value if r.fix else "-", r.title())
    import sys

    # piped or redirected, rich would assume 80 columns and wrap or cut names: use the table's natural width
    if sys.stdout.isatty():
        Console(file=sys.stdout, soft_wrap=False, highlight=False).print(t)
        return 0
    con = Console(width=10_000, highlight=False, color_system=None)
    with con.capture() as cap:
        con.print(t)
    sys.stdout.write("".join(line.rstrip() + "\n" for line in cap.get().splitlines()))
    return 0
