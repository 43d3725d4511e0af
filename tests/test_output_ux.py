"""Output people can read and grep (issue 13): full-width piped tables, concise lines, statistics, colour."""
from __future__ import annotations

from conftest import run_cli
from rknnlint.rule import all_rules


def test_rules_piped_uses_the_full_width():
    code, out, _ = run_cli("rules")  # stdout is not a terminal here, as with `rknnlint rules | cat`
    assert code == 0 and "…" not in out
    lines = out.splitlines()
    assert len(lines) == 1 + len(all_rules()) and max(map(len, lines)) > 80
    for line, (c, r) in zip(lines[1:], all_rules().items()):
        assert line.startswith(c) and f" {r.name} " in line and line.endswith(r.title()), line
        assert line == line.rstrip()
