"""`rknnlint explain CODE`: a rule's documentation."""
from __future__ import annotations

import argparse

from ..rule import find_rule


def add_parser(sub) -> None:
    p = sub.add_parser("explain", help="print a rule's documentation", description="Explain a rule: what it checks, why, how to fix.")
    p.add_argument("code", help="rule code (RKN101) or name (dynamic-input-shape)")
    p.set_defaults(func=run)


def render(rule) -> str:
    """The explain text of a rule: its metadata, then its docstring sections."""
    s = rule.doc_sections()
    lines = [f"{rule.code} {rule.name} ({rule.severity})", "", s.get("Summary", "")]
    for section in ("What it does", "Why the NPU cares", "Example", "How to fix", "Fix safety"):
        if s.get(section):
            lines += ["", f"{section}:", *("  " + x if x else "" for x in s[section].splitlines())]
    plat = ", ".join(rule.families() or ()) or "all targets"
    lines += ["", f"Platforms: {plat}"]
    if rule.build_only:
        lines.append("Found by: `rknnlint build` and `rknnlint check --build` (the real toolkit's output)")
    if rule.fix:
        lines.append(f"Fix: {rule.fix.describe()}: {rule.fix.command()}")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    print(render(find_rule(args.code)))
    return 0
