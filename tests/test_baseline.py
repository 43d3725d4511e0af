"""--baseline / --update-baseline: record today's findings, fail only on new ones, reject bad files."""
from __future__ import annotations

import json

import pytest
from onnx import helper

from conftest import make_model, run_cli, save, shared_model, tensor
from json_schemas import validate

CUBIC = shared_model("misc_resize_cubic_op13.onnx")


def _cubic_and_clean(tmp_path):
    m = tmp_path / "models"
    m.mkdir()
    (m / "a.onnx").write_bytes(CUBIC.read_bytes())
    return m


def test_baseline_hides_old_findings_and_fails_on_new(tmp_path):
    models = _cubic_and_clean(tmp_path)
    bl = tmp_path / "rknnlint-baseline.json"
    code, _, err = run_cli("check", models, "--baseline", bl, "--update-baseline")
    assert code == 0 and "recorded 3 finding(s)" in err
    data = json.loads(bl.read_text())
    assert data["rknnlint-baseline"] == 1 and len(data["findings"]) == 3
    assert {v["code"] for v in data["findings"].values()} >= {"RKN701"}

    code, out, err = run_cli("check", models, "--baseline", bl)
    assert code == 0, out
    assert "hidden by baseline" in err and "RKN701" not in out

    # a new model with a new problem fails, and only the new finding is shown
    (models / "b.onnx").write_bytes(CUBIC.read_bytes())
    code, out, _ = run_cli("check", models, "--baseline", bl, "-f", "json")
    assert code == 1
    rep = validate(out, "check")
    assert {f["model"].rsplit("/", 1)[-1] for f in rep["models"][0]["findings"] + rep["models"][1]["findings"]} == {"b.onnx"}


def test_baseline_survives_node_renumbering(tmp_path):
    def model(extra: bool):
        nodes = [helper.make_node("Relu", ["x"], ["r"], name="pre")] if extra else []
        src = "r" if extra else "x"
        nodes.append(helper.make_node("Resize", [src, "", "scales"], ["y"], name="up", mode="cubic"))
        import numpy as np
        from onnx import numpy_helper
        init = numpy_helper.from_array(np.array([1, 1, 2, 2], dtype=np.float32), "scales")
        return make_model(nodes, [tensor("x", [1, 8, 16, 16])], [tensor("y", [1, 8, 32, 32])], [init])

    p = save(model(False), tmp_path, "m.onnx")
    bl = tmp_path / "b.json"
    assert run_cli("check", p, "--select", "RKN701", "--baseline", bl, "--update-baseline")[0] == 0
    save(model(True), tmp_path, "m.onnx")
    code, out, _ = run_cli("check", p, "--select", "RKN701")
    assert code == 1 and "node[1](Resize" in out
    assert run_cli("check", p, "--select", "RKN701", "--baseline", bl)[0] == 0


@pytest.mark.parametrize("content,needle", [
    ("{not json", "corrupt JSON"),
    ('{"rknnlint-baseline": 99, "findings": {}}', "version 99"),
    ('{"something": 1}', "not an rknnlint baseline"),
    ('{"rknnlint-baseline": 1, "findings": []}', "no findings table"),
])
def test_bad_baseline_is_one_line_exit_2(tmp_path, content, needle):
    bl = tmp_path / "b.json"
    bl.write_text(content)
    code, out, err = run_cli("check", CUBIC, "--baseline", bl)
    assert code == 2 and out == ""
    assert needle in err and len(err.strip().splitlines()) == 1
    assert bl.read_text() == content


def test_missing_baseline_and_unwritable(tmp_path):
    code, _, err = run_cli("check", CUBIC, "--baseline", tmp_path / "nope.json")
    assert code == 2 and "file not found" in err
    code, _, err = run_cli("check", CUBIC, "--baseline", tmp_path / "no" / "b.json", "--update-baseline")
    assert code == 2 and "does not exist" in err
    code, _, err = run_cli("check", CUBIC, "--update-baseline")
    assert code == 2 and "needs --baseline" in err


def test_baseline_from_config(tmp_path, monkeypatch):
    models = _cubic_and_clean(tmp_path)
    bl = tmp_path / "b.json"
    assert run_cli("check", models, "--baseline", bl, "--update-baseline")[0] == 0
    cfg = tmp_path / "rknnlint.yaml"
    cfg.write_text(f"baseline: {bl}\n")
    assert run_cli("check", models, "--config", cfg)[0] == 0


def test_update_baseline_refuses_when_a_model_is_unreadable(tmp_path):
    models = _cubic_and_clean(tmp_path)
    (models / "bad.onnx").write_bytes(b"not onnx")
    bl = tmp_path / "b.json"
    code, _, err = run_cli("check", models, "--baseline", bl, "--update-baseline")
    assert code == 2 and "not written" in err
    assert not bl.exists() and not list(tmp_path.glob(".b.json*"))
