"""rknn-toolkit2 versions as data (rules/toolkit/<version>.yaml): every key is read, the facts reach the rules,
crash rules follow the measured versions, a version's venv is found or named, doctor reports them."""
from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
import yaml

from rknnlint.errors import UsageError
from rknnlint.rule import all_rules
from rknnlint.toolkit import versions

ROOT = Path(__file__).resolve().parents[1]
DATA = sorted((ROOT / "rules" / "toolkit").glob("*.yaml"))


class _Tracked(dict):
    """A mapping that records which of its keys were read."""

    def __init__(self, raw, seen: set, prefix: str = ""):
        super().__init__(raw)
        self._seen, self._prefix = seen, prefix

    def _wrap(self, key, value):
        self._seen.add(self._prefix + str(key))
        if isinstance(value, dict) and self._prefix.count(".") < 3 and key not in _MAPS:
            return _Tracked(value, self._seen, f"{self._prefix}{key}.")
        return value

    def __getitem__(self, key):
        return self._wrap(key, super().__getitem__(key))

    def get(self, key, default=None):
        return self._wrap(key, super().get(key, default)) if key in self else default

    def items(self):
        return [(k, self[k]) for k in self.keys()]


@pytest.fixture(autouse=True)
def _installed_version_after():
    """`check --toolkit-version` run in-process chooses a version for the process: undo it after each test."""
    yield
    from rknnlint import platforms

    if hasattr(platforms, "set_toolkit_version"):
        platforms.set_toolkit_version(None)


# maps whose keys are data (package names, pass names, rule codes), not schema
_MAPS = {"pins", "workarounds", "pass_rules", "error_rules"}


def _schema_keys(raw: dict, prefix: str = "") -> set[str]:
    out = set()
    for k, v in raw.items():
        out.add(prefix + str(k))
        if isinstance(v, dict) and k not in _MAPS:
            out |= _schema_keys(v, f"{prefix}{k}.")
    return out


def test_there_is_data_for_the_four_versions_and_a_requirements_file_each():
    assert versions.known_versions() == ["2.2.0", "2.3.0", "2.3.2", "2.5.0"]
    for v in versions.known_versions():
        assert (ROOT / "requirements" / f"rknn-toolkit2-{v}.txt").is_file()


@pytest.mark.parametrize("path", DATA, ids=[p.stem for p in DATA])
def test_every_key_is_read(path):
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    seen: set[str] = set()
    versions.parse(_Tracked(raw, seen))
    unread = _schema_keys(raw) - seen
    # per-rule entries are keyed by rule code: compare the field names
    unread = {re.sub(r"^crashes\.rules\.RKN\d+\.", "crashes.rules.*.", k) for k in unread} - {
        re.sub(r"^crashes\.rules\.RKN\d+\.", "crashes.rules.*.", k) for k in seen}
    assert not {k for k in unread if not re.fullmatch(r"crashes\.rules\.RKN\d+", k)}, f"{path.name}: read by nothing"


def test_every_fact_is_used_by_rknnlint():
    """A ToolkitFacts field that no module outside the reader uses is a fact nothing relies on."""
    code = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "rknnlint").rglob("*.py")
                     if p.name != "versions.py")
    crash_fields = {f.name for f in dataclasses.fields(versions.Crash)} - {"code"}
    for name in [f.name for f in dataclasses.fields(versions.ToolkitFacts)] + sorted(crash_fields):
        assert re.search(rf"\.{name}\b", code), f"ToolkitFacts/Crash.{name} is read by nothing"


def test_data_names_registered_rules_and_no_rule_text_names_a_version():
    rules = all_rules()
    for v in versions.known_versions():
        f = versions.facts(v)
        assert set(f.pass_rules.values()) <= set(rules) and set(f.error_rules.values()) <= set(rules)
        assert set(f.crashes) <= set(rules)
    for code in ("RKN701", "RKN702", "RKN704", "RKN705", "RKN706", "RKN707"):
        src = Path(__import__(rules[code].__module__, fromlist=["x"]).__file__).read_text(encoding="utf-8")
        assert not re.search(r"toolkit2? \d\.\d\.\d", src), f"{code} names a toolkit version in code; it belongs in data"


def _codes(path, version: str, select: str) -> tuple[list[dict], str]:
    import json

    from conftest import run_cli

    code, out, err = run_cli("check", str(path), "--toolkit-version", version, "--select", select, "-f", "json")
    assert code in (0, 1), err
    return [f for m in json.loads(out)["models"] for f in m["findings"]], err


def test_ir_window_follows_the_version(tmp_path):
    from onnx import helper

    from conftest import make_model, save

    m = make_model([helper.make_node("Relu", ["x"], ["y"])], [("x", [1, 3, 4, 4])], [("y", [1, 3, 4, 4])])
    m.ir_version = 10
    path = save(m, tmp_path, "ir10.onnx")
    assert versions.facts("2.2.0").max_ir_version == 9
    assert _codes(path, "2.5.0", "RKN204")[0] == []
    fs, _ = _codes(path, "2.2.0", "RKN204")
    assert len(fs) == 1 and "2.2.0" in fs[0]["message"] and "<= 9" in fs[0]["message"]


def test_nearest_version_and_unknown_version_note():
    assert versions.nearest("2.3.1") in ("2.3.0", "2.3.2")
    assert versions.nearest("2.4.0") in ("2.3.2", "2.5.0")
    assert versions.nearest("2.3.2") == "2.3.2"
    fire, text = versions.crash_status("RKN702", "2.4.0")
    assert fire and "not verified for 2.4.0" in text


def test_venv_lookup(tmp_path, monkeypatch):
    monkeypatch.setenv(versions.VENVS_ENV, str(tmp_path))
    assert versions.venvs() == {}
    with pytest.raises(UsageError, match="setup-toolkit.sh 2.3.2"):
        versions.python_for("2.3.2" if versions.installed_version() != "2.3.2" else "2.3.0")
    venv = tmp_path / "rknn-2.3.0"
    (venv / "bin").mkdir(parents=True)
    (venv / "bin" / "python").write_text("")
    assert versions.venvs() == {}  # a python without the toolkit is not that version's venv
    (venv / "lib" / "python3.11" / "site-packages" / "rknn_toolkit2-2.3.0.dist-info").mkdir(parents=True)
    assert versions.venvs() == {"2.3.0": venv / "bin" / "python"}
    assert versions.venv_python("2.3.0") == venv / "bin" / "python"


def test_build_with_a_version_that_has_no_venv_is_a_usage_error(tmp_path, monkeypatch):
    from conftest import run_cli, shared_model

    monkeypatch.setenv(versions.VENVS_ENV, str(tmp_path))
    code, out, err = run_cli("build", str(shared_model("misc_resize_cubic_op13.onnx")), "--toolkit-version", "2.2.0")
    assert code == 2 and "scripts/setup-toolkit.sh 2.2.0" in err and "Traceback" not in err


def test_doctor_lists_every_version_and_what_is_measured(tmp_path, monkeypatch):
    from conftest import run_cli

    monkeypatch.setenv(versions.VENVS_ENV, str(tmp_path))
    code, out, err = run_cli("doctor")
    for v in versions.known_versions():
        assert re.search(rf"^  {re.escape(v)}\s", out, re.M), out
        assert f"rules/toolkit/{v}.yaml" in out
    assert "probe tables: rk2118, rk3562, rk3566, rk3576, rk3588, rv1106, rv1106b" in out
    assert "crash rules:" in out and "calibration:" in out


def test_crash_rules_follow_the_measured_versions(tmp_path):
    """2.3.2 builds the ultralytics DFL head (measured: scripts/verify_crashes.py), 2.5.0 crashes on it."""
    from _det_graphs import dfl_detector

    from conftest import save, shared_model

    assert versions.crash_versions("RKN704") == ["2.5.0"]
    for path in (save(dfl_detector(), tmp_path, "dfl.onnx"), shared_model("det_yolov8n_nc20_256_op12.onnx")):
        fs, err = _codes(path, "2.5.0", "RKN704")
        assert [f["code"] for f in fs] == ["RKN704"] and "seen in 2.5.0" in fs[0]["message"]
        assert _codes(path, "2.3.2", "RKN704")[0] == []
    # a version never measured: fires on what the others showed, and says so
    fs, _ = _codes(save(dfl_detector(), tmp_path, "dfl.onnx"), "2.4.0", "RKN704")
    assert len(fs) == 1 and "crash rules not verified for 2.4.0" in fs[0]["message"]


def test_layernorm_without_epsilon_crashes_every_measured_version():
    assert set(versions.crash_versions("RKN702")) >= {"2.3.0", "2.3.2", "2.5.0"}


def test_probe_with_a_version_that_has_no_venv_is_a_usage_error(tmp_path, monkeypatch):
    from conftest import run_cli

    monkeypatch.setenv(versions.VENVS_ENV, str(tmp_path))
    code, out, err = run_cli("probe", "--toolkit-version", "2.2.0", "--target", "rk3588", "--dry-run")
    assert code == 2 and "no venv rknn-2.2.0" in err and "scripts/setup-toolkit.sh 2.2.0" in err


def test_explain_lists_the_versions_a_crash_rule_was_seen_in():
    from conftest import run_cli

    code, out, _ = run_cli("explain", "RKN704")
    assert code == 0 and "Toolkit versions: crashes 2.5.0 (rk3566, rk3588); builds 2.2.0, 2.3.0, 2.3.2" in out
    assert "Toolkit versions" not in run_cli("explain", "RKN101")[1]


def test_other_rule_texts_name_the_version_they_were_measured_with(tmp_path):
    """A rule text measured with the reference version says so when the check is for another version."""
    from onnx import helper

    from conftest import make_model, save

    m = make_model([helper.make_node("Relu", ["x"], ["y"])], [("x", [1, 3, 4])], [("y", [1, 3, 4])])
    path = save(m, tmp_path, "rank3.onnx")
    ref = versions.reference_version()
    assert ref == "2.5.0"
    (same,), _ = _codes(path, ref, "RKN103")
    assert f"rknn-toolkit2 {ref} converts it" in same["message"]
    (other,), _ = _codes(path, "2.3.2", "RKN103")
    assert f"rknn-toolkit2 (seen with {ref}; not verified with 2.3.2) converts it" in other["message"]


def test_checked_python_refuses_a_python_without_that_toolkit_version():
    """scripts/verify_crashes.py and verify_crash_patterns.py measure a version only with a python that has it."""
    import sys

    from rknnlint.errors import UsageError
    from rknnlint.toolkit import versions

    installed = versions.installed_version()
    assert versions.checked_python(installed, sys.executable) == sys.executable
    with pytest.raises(UsageError, match=f"has rknn-toolkit2 {installed}, not 0.0.1"):
        versions.checked_python("0.0.1", sys.executable)
