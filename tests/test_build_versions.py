"""`rknnlint build --toolkit-version V1,V2`: one run builds every model with each version, in that version's venv."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import run_cli, run_cli_process, shared_model

pytestmark = pytest.mark.toolkit


def _installed() -> str:
    from importlib import metadata

    return metadata.version("rknn-toolkit2")


def test_each_version_needs_its_venv_before_any_build(tmp_path, monkeypatch):
    monkeypatch.setenv("RKNNLINT_TOOLKIT_VENVS", str(tmp_path / "none"))
    code, out, err = run_cli("build", shared_model("seq_gru2x96_op12.onnx"), "--toolkit-version", f"{_installed()},2.3.0")
    assert code == 2 and out == ""
    assert "2.3.0" in err and "setup-toolkit.sh 2.3.0" in err and len(err.strip().splitlines()) == 1


def test_the_report_names_the_version_that_built(tmp_path):
    v = _installed()
    p = run_cli_process("build", shared_model("seq_gru2x96_op12.onnx"), "--toolkit-version", v, "--format", "json",
                        "--out-dir", tmp_path)
    assert p.returncode == 0, p.stderr
    (b,) = json.loads(p.stdout)["builds"]
    assert b["toolkit_version"] == v and b["status"] == "built"
    assert (tmp_path / f"seq_gru2x96_op12.rk3588.fp16.{v}.json").is_file()


def test_two_versions_in_one_run(tmp_path):
    """YOLOv8n's DFL head: 2.3.2 builds it, 2.5.0 crashes in _p_seperate_conv_rs_split (measured, issue 11);
    needs a 2.3.2 venv beside 2.5.0, which scripts/setup.sh installs in .toolkits/ (skipped with RKNNLINT_EXTRA_TOOLKITS=none)."""
    from rknnlint.toolkit import versions

    try:
        versions.python_for("2.3.2")
    except Exception:  # noqa: BLE001 - no venv for 2.3.2 here
        pytest.skip("no rknn-toolkit2 2.3.2 venv (scripts/setup-toolkit.sh 2.3.2)")
    if _installed() != "2.5.0":
        pytest.skip("the installed toolkit is not 2.5.0")
    p = run_cli_process("build", shared_model("det_yolov8n_nc20_256_op12.onnx"), "--toolkit-version", "2.3.2,2.5.0",
                        "--jobs", "2", "--format", "json")
    got = {b["toolkit_version"]: b for b in json.loads(p.stdout)["builds"]}
    assert got["2.3.2"]["status"] == "built" and got["2.5.0"]["status"] == "failed"
    assert got["2.3.2"]["static_vs_build"] == got["2.5.0"]["static_vs_build"] == []
    assert Path(got["2.3.2"]["model"]).name == "det_yolov8n_nc20_256_op12.onnx"
