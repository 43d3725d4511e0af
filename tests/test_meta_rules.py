"""Every rule is documented, named, tested, and its fix names a rewrite that exists."""
from __future__ import annotations

from pathlib import Path

import pytest

from rknnlint.rule import DOC_SECTIONS, all_rules

RULES = all_rules()
TESTS = Path(__file__).parent / "rules"


@pytest.mark.parametrize("code", sorted(RULES))
def test_rule_has_every_doc_section(code):
    sections = RULES[code].doc_sections()
    missing = [s for s in DOC_SECTIONS if not sections.get(s)]
    assert not missing, f"{code} docstring lacks sections {missing}"
    assert sections["Summary"], f"{code} has no one-line summary"


@pytest.mark.parametrize("code", sorted(RULES))
def test_rule_has_its_own_test_file(code):
    name = RULES[code].name.replace("-", "_")
    expected = TESTS / f"test_{code.lower()}_{name}.py"
    assert expected.is_file(), f"{code}: expected tests in {expected.relative_to(TESTS.parent.parent)}"


@pytest.mark.parametrize("code", sorted(RULES))
def test_fix_metadata_is_consistent(code):
    from rknnlint.rule import Fix

    rule = RULES[code]
    assert rule.fix is None or isinstance(rule.fix, Fix)


def test_codes_and_names_are_unique():
    names = [r.name for r in RULES.values()]
    assert len(names) == len(set(names))
