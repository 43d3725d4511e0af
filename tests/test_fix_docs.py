"""docs/fixing.md names every rewrite and every rewrite group, and the rules that name a rewrite name one
that exists (directly or through the fixer's fallback table)."""
from __future__ import annotations

from pathlib import Path

from rknnlint.fix._loop import ORDER, REWRITE_GROUPS
from rknnlint.rewrites import Applicability, all_rewrites
from rknnlint.rule import all_rules

DOC = (Path(__file__).resolve().parents[1] / "docs" / "fixing.md").read_text()


def test_every_rewrite_is_documented_with_its_applicability():
    for name, cls in all_rewrites().items():
        row = next((ln for ln in DOC.splitlines() if ln.startswith(f"| `{name}` |")), None)
        assert row is not None, f"docs/fixing.md has no row for {name}"
        assert cls.applicability.value in row, f"{name}: the row does not say {cls.applicability.value}"
        assert cls.__doc__ and cls.summary


def test_groups_fallbacks_and_order_name_real_rewrites():
    rewrites = all_rewrites()
    for group, members in REWRITE_GROUPS.items():
        assert f"--rewrite {group}" in DOC
        assert set(members) <= set(rewrites)
        assert all(rewrites[m].applicability == Applicability.SAFE for m in members)
    assert set(ORDER) == set(rewrites)


def test_rule_fixes_name_existing_rewrites():
    rewrites = all_rewrites()
    for code, rule in all_rules().items():
        for fix in rule.fix.chain() if rule.fix else ():
            assert rewrites.get(fix.name) is fix.rewrite, f"{code}.fix names an unregistered rewrite {fix.rewrite!r}"
