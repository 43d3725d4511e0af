"""--source on `rknnlint check` (RKN960) and `rknnlint build` (config into the build, rknn_source.yaml out)."""
from __future__ import annotations

import pytest
import yaml

from tests.conftest import run_cli, shared_model

DET = "det_yolov5style_nc20_320_op12.onnx"


def _src(d, name="onnx_source.yaml", **over):
    cfg = {"phase": "onnx", "inputs": [{"name": "images", "shape": [1, 3, 320, 320]}], "color_order": "RGB",
           "mean": [0, 0, 0], "std": [255, 255, 255], "class_names": [f"c{i}" for i in range(20)]}
    cfg.update(over)
    p = d / name
    p.write_text(yaml.safe_dump(cfg))
    return p


def test_check_source_reports_drift(tmp_path):
    _src(tmp_path, "pt_source.yaml", phase="pt", std=[58.4, 57.1, 57.4])
    src = _src(tmp_path, previous="pt_source.yaml")
    code, out, err = run_cli("check", str(shared_model(DET)), "--source", str(src), "--select", "RKN960")
    assert code == 1 and "RKN960" in out and "std changed from pt to onnx" in out
    code, out, _ = run_cli("check", str(shared_model(DET)), "--select", "RKN960")
    assert code == 0 and "RKN960" not in out


def test_check_source_missing_file_exit_2(tmp_path):
    code, _, err = run_cli("check", str(shared_model(DET)), "--source", str(tmp_path / "nope.yaml"))
    assert code == 2 and "source config not found" in err


def test_build_source_contradicting_mean_exit_2(tmp_path):
    code, _, err = run_cli("build", str(shared_model(DET)), "--source", str(_src(tmp_path)), "--mean", "1,1,1")
    assert code == 2 and "--mean 1,1,1 contradicts mean [0,0,0]" in err


@pytest.mark.toolkit
def test_build_source_writes_next_phase(tmp_path):
    src = _src(tmp_path)
    code, _, err = run_cli("build", str(shared_model(DET)), "--source", str(src), "--export", str(tmp_path / "o" / "m.rknn"))
    assert code == 0, err
    nxt = yaml.safe_load((tmp_path / "o" / "rknn_source.yaml").read_text())
    assert nxt["phase"] == "rknn" and nxt["model"] == "m.rknn" and nxt["std"] == [255, 255, 255]
    assert nxt["previous"]["phase"] == "onnx" and nxt["decided"]["builds"] == ["fp16"]


def test_check_source_preprocess_method_drift_and_unknown_method(tmp_path):
    _src(tmp_path, "pt_source.yaml", phase="pt", preprocess={"method": "letterbox", "interpolation": "linear"})
    src = _src(tmp_path, previous="pt_source.yaml", preprocess={"method": "resize", "interpolation": "linear"})
    code, out, err = run_cli("check", str(shared_model(DET)), "--source", str(src), "--select", "RKN960")
    assert code == 1 and "RKN960" in out and "preprocess.method changed from pt to onnx: 'letterbox' -> 'resize'" in out
    bad = _src(tmp_path, "bad.yaml", preprocess={"method": "squash"})
    code, out, err = run_cli("check", str(shared_model(DET)), "--source", str(bad))
    assert code == 2 and "preprocess.method 'squash' is not one of" in err and len(err.strip().splitlines()) == 1
