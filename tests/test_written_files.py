"""Files rknnlint writes for people: ordinary permissions under the umask, YAML without anchors (issue 13)."""
from __future__ import annotations

import os
import stat

import pytest
import yaml

from conftest import make_model, run_cli, save
from rknnlint._files import write_text_atomic, yaml_dump


@pytest.fixture
def umask_022():
    old = os.umask(0o022)
    yield
    os.umask(old)


def _mode(p) -> int:
    return stat.S_IMODE(p.stat().st_mode)


def _model(tmp_path):
    from onnx import helper

    return save(make_model([helper.make_node("Relu", ["x"], ["y"], name="r")], [("x", [1, 3, 8, 8])],
                           [("y", [1, 3, 8, 8])]), tmp_path)


def test_report_and_baseline_are_0644_under_umask_022(tmp_path, umask_022):
    src = _model(tmp_path)
    for fmt in ("json", "sarif", "junit"):
        out = tmp_path / f"r.{fmt}"
        code, _, err = run_cli("check", src, "--format", fmt, "-o", out)
        assert code == 0 and _mode(out) == 0o644, (fmt, oct(_mode(out)), err)
    code, _, err = run_cli("check", src, "--baseline", tmp_path / "b.json", "--update-baseline")
    assert code == 0 and _mode(tmp_path / "b.json") == 0o644, err
    write_text_atomic(tmp_path / "t.txt", "x")
    assert _mode(tmp_path / "t.txt") == 0o644
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temp files left


def test_written_yaml_has_no_anchors():
    shared = [1, 3, 640, 640]
    text = yaml_dump({"a": {"shape": shared}, "b": {"shape": shared}, "order": "kept"})
    assert "&id" not in text and "*id" not in text
    assert yaml.safe_load(text) == {"a": {"shape": shared}, "b": {"shape": shared}, "order": "kept"}
    assert text.index("a:") < text.index("b:") < text.index("order:")


def test_probe_table_is_0644_without_anchors(tmp_path, umask_022):
    from rknnlint.probe._table import read_table, write_table

    same = ["Conv", "Relu"]
    path = tmp_path / "measured" / "rk3588-9.9.0.yaml"
    write_table(path, {"toolkit": "9.9.0", "ops": {"a": {"fused_with": same}, "b": {"fused_with": same}}})
    text = path.read_text()
    assert _mode(path) == 0o644 and "&id" not in text and 'toolkit: "9.9.0"' in text
    assert read_table(path)["ops"]["b"]["fused_with"] == same
