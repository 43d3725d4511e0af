"""Source configs: parsing, contradictions, and drift of critical values between phases."""
from __future__ import annotations

import pytest
import yaml

from conftest import shared_model
from rknnlint.graph import ModelView
from rknnlint.loader import load_model
from rknnlint.workflow.source import (
    SourceConfigError,
    check_against_model,
    compare_critical,
    load_source,
    next_phase,
    parse_source,
    rknn_config,
)

BASE = {"phase": "onnx", "model": "det.onnx", "inputs": [{"name": "images", "shape": [1, 3, 320, 320]}],
        "layout": "NCHW", "color_order": "RGB", "mean": [0, 0, 0], "std": [255, 255, 255],
        "padding_color": [114, 114, 114], "class_names": [f"c{i}" for i in range(20)], "targets": ["rk3588"]}


def test_parse_and_rknn_config():
    cfg = parse_source(BASE)
    assert cfg.inputs[0]["shape"] == [1, 3, 320, 320]
    assert rknn_config(cfg) == {"mean_values": [[0.0, 0.0, 0.0]], "std_values": [[255.0, 255.0, 255.0]]}
    assert rknn_config(parse_source({**BASE, "color_order": "BGR"}))["quant_img_RGB2BGR"] is True


@pytest.mark.parametrize("change,needle", [
    ({"mean": [0, 0]}, "'mean' has 2 values but 'std' has 3"),
    ({"mean": [0] * 4, "std": [1] * 4}, "has 3 channels"),
    ({"std": [0, 1, 1]}, "must not contain 0"),
    ({"color_order": "GRAY"}, "contradicts 3 input channels"),
    ({"phase": "tflite"}, "'phase' must be one of"),
    ({"colour": "RGB"}, "unknown key(s) colour"),
    ({"class_names": ["a", "a"]}, "duplicates"),
])
def test_contradictions_are_one_line(change, needle):
    with pytest.raises(SourceConfigError) as e:
        parse_source({**BASE, **change})
    assert needle in str(e.value) and "\n" not in str(e.value)


def test_missing_critical_value():
    data = dict(BASE)
    del data["std"]
    with pytest.raises(SourceConfigError, match="missing critical value 'std'"):
        parse_source(data)


def test_drift_between_phases_is_named():
    onnx_cfg = parse_source(BASE)
    rknn = parse_source({**BASE, "phase": "rknn", "std": [1, 1, 1], "color_order": "BGR"})
    drift = compare_critical(onnx_cfg, rknn)
    assert [d.split(" ")[0] for d in drift] == ["color_order", "std"]
    assert compare_critical(onnx_cfg, parse_source({**BASE, "phase": "rknn"})) == []


def test_next_phase_copies_critical_values_and_chains(tmp_path):
    cfg = parse_source(BASE)
    nxt = next_phase(cfg, "rknn", "det_fp16.rknn", {"target": "rk3588", "dtype": "float16"})
    p = tmp_path / "rknn_source.yaml"
    p.write_text(yaml.safe_dump(nxt))
    back = load_source(p)
    assert back.phase == "rknn" and back.previous.phase == "onnx"
    assert compare_critical(back.previous, back) == []


def test_config_checked_against_real_model():
    view = ModelView(load_model(shared_model("det_yolov5style_nc20_320_op12.onnx")))
    assert check_against_model(parse_source(BASE), view) == []
    bad = parse_source({**BASE, "class_names": ["a", "b", "c"], "inputs": [{"name": "images", "shape": [1, 3, 640, 640]}]})
    problems = check_against_model(bad, view)
    assert any("contradicts model shape [1, 3, 320, 320]" in p for p in problems)
    assert any("class_names has 3 names" in p for p in problems)
    wrong = parse_source({**BASE, "inputs": [{"name": "image", "shape": [1, 3, 320, 320]}]})
    assert "is not a model input" in check_against_model(wrong, view)[0]


def test_preprocess_is_normalised_and_inherited(tmp_path):
    cfg = parse_source({**BASE, "preprocess": {"method": "letterbox"}})
    assert cfg.preprocess == {"method": "letterbox", "interpolation": "linear"}
    assert parse_source(BASE).preprocess is None
    nxt = next_phase(cfg, "rknn", "det_fp16.rknn", {})
    assert nxt["preprocess"] == {"method": "letterbox", "interpolation": "linear"}
    p = tmp_path / "rknn_source.yaml"
    p.write_text(yaml.safe_dump(nxt))
    back = load_source(p)
    assert back.preprocess == back.previous.preprocess and compare_critical(back.previous, back) == []


def test_preprocess_change_is_named():
    onnx_cfg = parse_source({**BASE, "preprocess": {"method": "letterbox", "interpolation": "linear"}})
    rknn = parse_source({**BASE, "phase": "rknn", "preprocess": {"method": "resize", "interpolation": "area"}})
    assert compare_critical(onnx_cfg, rknn) == [
        "preprocess.method changed from onnx to rknn: 'letterbox' -> 'resize'",
        "preprocess.interpolation changed from onnx to rknn: 'linear' -> 'area'"]
    dropped = parse_source({**BASE, "phase": "rknn"})
    assert compare_critical(onnx_cfg, dropped)[0].startswith("preprocess changed from onnx to rknn")


@pytest.mark.parametrize("pre,needle", [
    ({"method": "stretch"}, "preprocess.method 'stretch' is not one of letterbox, resize, center_crop"),
    ({"method": "resize", "interpolation": "bilinear"}, "preprocess.interpolation 'bilinear' is not one of"),
    ({"method": "resize", "antialias": True}, "unknown preprocess key(s) antialias"),
    ({"method": "letterbox", "short_side": 256}, "short_side applies to method center_crop only"),
    ({"method": "center_crop", "short_side": 100}, "short_side 100 is smaller than the input size"),
    ("letterbox", "'preprocess' must be a mapping"),
])
def test_preprocess_bad_values_are_one_line(pre, needle):
    with pytest.raises(SourceConfigError) as e:
        parse_source({**BASE, "preprocess": pre})
    assert needle in str(e.value) and "\n" not in str(e.value)
