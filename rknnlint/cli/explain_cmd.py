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
    versions = _toolkit_versions(rule.code)
    if versions:
        lines.append(f"Toolkit versions: {versions}")
    if rule.build_only:
        lines.append("Found by: `rknnlint build` and `rknnlint check --build` (the real toolkit's output)")
    if rule.fix:
        lines.append(f"Fix: {rule.fix.describe()}: {rule.fix.command()}")
    return "\n".join(lines)


def _toolkit_versions(code: str) -> str:
    """For a crash rule: the versions whose trigger crashed, built, or were never verified (rules/toolkit/*.yaml)."""
    from ..toolkit.versions import facts, known_versions

    crash, build, unverified = [], [], []
    for v in known_versions():
        f = facts(v)
        c = f.crash(code)
        if c is not None and f.crashes_measured:
            (crash if c.crashes else build).append(f"{v} ({', '.join(c.targets)})" if c.crashes else v)
        else:
            unverified.append(v)
    if not crash and not build:
        return ""
    return "; ".join(x for x in (crash and f"crashes {', '.join(crash)}", build and f"builds {', '.join(build)}",
                                 unverified and f"not verified {', '.join(unverified)}") if x)


def run(args: argparse.Namespace) -> int:
    print(render(find_rule(args.code)))
    return 0
