"""The layers: the CLI parses arguments and renders; the use cases (rknnlint/usecases), the engine and the
formatters sit below it and never import it; the CLI uses other modules' public names only."""
from __future__ import annotations

import ast

from tests.conftest import ROOT

PKG = ROOT / "rknnlint"
DRIVES_THE_CLI = {"__main__.py", "fuzz.py"}  # `python -m rknnlint`, and the fuzzer that runs the command line


def _imports(path):
    for n in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(n, ast.ImportFrom):
            yield n.level, n.module or "", [a.name for a in n.names]
        elif isinstance(n, ast.Import):
            for a in n.names:
                yield 0, a.name, []


def _rel(p) -> str:
    return p.relative_to(PKG).as_posix()


def test_nothing_below_the_cli_imports_it():
    bad = []
    for p in sorted(PKG.rglob("*.py")):
        rel = _rel(p)
        if rel.startswith("cli/") or rel in DRIVES_THE_CLI:
            continue
        for level, module, names in _imports(p):
            parts = module.split(".")
            if "cli" in parts or (level and not module and "cli" in names):
                bad.append((rel, module, names))
    assert bad == []


def test_the_cli_imports_no_private_names():
    bad = [(_rel(p), module, [x for x in names if x.startswith("_") and not x.startswith("__")])
           for p in sorted((PKG / "cli").glob("*.py")) for _, module, names in _imports(p)
           if any(x.startswith("_") and not x.startswith("__") for x in names)]
    assert bad == []


def test_check_fix_and_build_are_use_cases():
    for name in ("check", "fix", "build"):
        assert (PKG / "usecases" / f"{name}.py").is_file()
        assert any(module == "usecases" and name in names
                   for _, module, names in _imports(PKG / "cli" / f"{name}_cmd.py"))


def test_the_build_command_runs_no_build_itself():
    """cli/build_cmd.py parses and renders: the runner, the build cache and the executors' task runner are the use
    case's (the early start of a single build is the one toolkit name it may use)."""
    used = {(module, x) for _, module, names in _imports(PKG / "cli" / "build_cmd.py") for x in names}
    assert not {m for m, _ in used} & {"toolkit.build_cache", "toolkit.logparse", "toolkit.workarounds"}
    assert ("executors", "run_tasks") not in used and ("toolkit.runner", "run_build") not in used
    assert ("usecases", "build") in used
