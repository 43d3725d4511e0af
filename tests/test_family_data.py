"""Family facts are data: every key in rules/*.yaml is read by the code, every family or target name the code
mentions is in the data, rule code names none, and a new rules/<family>.yaml is a valid --target with no code
change."""
from __future__ import annotations

import ast
import json
import re
import shutil
from pathlib import Path

import yaml
from onnx import helper

from rknnlint.platforms import all_targets, families, rules_dir, toolkit1_targets
from tests.conftest import ROOT, make_model, run_cli, save

CODE = sorted((ROOT / "rknnlint").rglob("*.py"))
NAME = re.compile(r"\b(?:rk|rv)\d{4}[a-z]*\b", re.IGNORECASE)
META = {"source", "value", "int8", "float16"}  # read by Platform.fact / fact_source, or keyed by the dtype


def _keys(data: dict) -> set[str]:
    """The keys of one rules/*.yaml the code must read: top level, and every key below it (an op entry's fields,
    not the op names; a `by_version` entry's fields, not the toolkit versions; not the META keys)."""
    out = set(data)
    for k, v in data.items():
        stack = list(v.values()) if k == "ops" and isinstance(v, dict) else [v]
        while stack:
            d = stack.pop()
            if isinstance(d, dict):
                out |= {x for x in d if x not in META}
                stack += [y for x, w in d.items() for y in (w.values() if x == "by_version" and isinstance(w, dict)
                                                           else [w])]
    return out


def _read(key: str, code: str) -> bool:
    """Whether the code reads `key` at a read site: fact("k"), fact_source("k"), families_with("k"), .get("k"),
    ["k"], requires = "k", or a *KEYS tuple (a mere string "k" elsewhere is a coincidence, not a read)."""
    k = re.escape(key)
    return re.search(rf"""(?:\b(?:fact|fact_source|families_with|get)\(\s*|\[|requires\s*=\s*)["']{k}["']|"""
                     rf"""KEYS\s*=\s*\([^)]*["']{k}["']""", code) is not None


def unread(data: dict, code: str) -> list[str]:
    return sorted(k for k in _keys(data) if not _read(k, code))


def test_every_key_in_rules_yaml_is_read_by_the_code():
    code = "\n".join(p.read_text(encoding="utf-8") for p in CODE)
    found = {p.name: unread(yaml.safe_load(p.read_text(encoding="utf-8")), code) for p in sorted(rules_dir().glob("*.yaml"))}
    assert len(found) >= 8 and {k: v for k, v in found.items() if v} == {}
    # the check itself: a key nothing reads is caught
    assert unread({"family": "x", "facts": {"nobody_reads_this": {"value": 1, "source": "s"}}}, code) == ["nobody_reads_this"]


def test_family_and_target_names_in_the_code_are_in_the_data():
    known = set(all_targets()) | set(families()) | set(toolkit1_targets())
    assert {"rk3588", "rv1106b", "rk1808"} <= known
    stray = {(p.relative_to(ROOT).as_posix(), m.group(0)) for p in CODE
             for m in NAME.finditer(p.read_text(encoding="utf-8")) if m.group(0).lower() not in known}
    assert stray == set()


def _strings(path: Path) -> list[str]:
    """String constants of a module that are not docstrings (messages, sets, tuples, comparisons)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docs = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                docs.add(id(first.value))
    return [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docs]


def test_rule_rewrite_and_probe_code_names_no_family():
    """Which family does what is data (rules/<family>.yaml facts), not a name in a rule, a rewrite or the probe."""
    found = {}
    for sub in ("checks", "rewrites", "probe"):
        for p in sorted((ROOT / "rknnlint" / sub).rglob("*.py")):
            names = sorted({m.group(0) for s in _strings(p) for m in NAME.finditer(s)})
            if names:
                found[p.relative_to(ROOT).as_posix()] = names
    assert found == {}


def _new_family(tmp_path, monkeypatch) -> Path:
    rules = tmp_path / "rules"
    shutil.copytree(rules_dir(), rules)
    (rules / "rk9999.yaml").write_text(
        "# a family that exists only in this test\nfamily: rk9999\ntargets: [rk9999, rk9999s]\ntoolkit: \"2.5.0\"\n"
        "facts:\n  c2: {int8: 16, float16: 8, source: test}\n"
        "  sdpa_fusion: {value: true, source: test}\nops:\n  Softmax: {placement: cpu, source: test}\n")
    monkeypatch.setenv("RKNNLINT_RULES_DIR", str(rules))
    return rules


def _softmax(tmp_path) -> Path:
    m = make_model([helper.make_node("Softmax", ["x"], ["y"], name="sm", axis=1)], [("x", [1, 8, 4, 4])], [("y", [1, 8, 4, 4])])
    return save(m, tmp_path, "sm.onnx")


def test_a_new_family_yaml_is_a_valid_target_with_no_code_change(tmp_path, monkeypatch):
    model = _softmax(tmp_path)
    code, out, err = run_cli("check", model, "--target", "rk9999")
    assert code == 2 and "unknown target 'rk9999'" in err  # not in the shipped data
    _new_family(tmp_path, monkeypatch)
    code, out, err = run_cli("check", model, "--target", "rk9999s", "--select", "RKN601", "-q")
    assert code == 0, err
    code, out, err = run_cli("check", model, "--target", "rk9999s", "--select", "RKN601")
    assert "RKN601" in out and "Softmax" in out  # the new family's own op table
    code, out, err = run_cli("check", model, "--target", "all", "-f", "json")
    assert "rk9999" in json.loads(out)["targets"]
    code, out, err = run_cli("check", "--help")
    assert "rk9999s" in out  # the help lists the data's targets
    code, out, err = run_cli("explain", "RKN707")
    assert "rk9999" in out.split("Platforms:")[1]  # a rule's families come from the facts


def test_a_fact_in_data_drives_a_rule(tmp_path, monkeypatch):
    """RKN707 runs where `sdpa_fusion` is true: the new family gets it from its YAML alone."""
    import rknnlint
    from tests.rules.test_rkn707_sdpa_fusion_crash import _core

    _new_family(tmp_path, monkeypatch)
    assert [f.code for f in rknnlint.check(_core(), target="rk9999", select=["RKN707"]).findings] == ["RKN707"]
    assert rknnlint.check(_core(), target="rk3566", select=["RKN707"]).findings == []


def test_the_documented_target_list_is_the_data():
    row = next(ln for ln in (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8").splitlines()
               if ln.startswith("| `target`"))
    assert {m.group(0) for m in NAME.finditer(row)} == set(all_targets())
