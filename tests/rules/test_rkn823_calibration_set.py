"""RKN823 calibration-set: too few samples (with the count), repeated samples, .npy shapes and value ranges that
do not fit the mean/std, reported by `build --int8 --dataset` and `package --int8 --dataset` before building."""
from __future__ import annotations

import json

import numpy as np
import pytest
import yaml
from onnx import TensorProto, helper, numpy_helper, save

from rknnlint.workflow.calibration_set import dataset_problems
from tests.conftest import run_cli

SHAPE = [1, 3, 16, 16]
INPUTS = [("x", SHAPE)]


def _samples(d, n, make, name="ds.txt"):
    lines = []
    for k in range(n):
        np.save(d / f"s{k}.npy", make(k))
        lines.append(f"s{k}.npy")
    (d / name).write_text("\n".join(lines) + "\n")
    return d / name


def _pixels(k):
    return np.random.default_rng(k).integers(0, 256, SHAPE).astype(np.float32)


def _msgs(ds, mean=(0, 0, 0), std=(255, 255, 255)):
    return [p.message for p in dataset_problems(ds, INPUTS, list(mean), list(std))]


def test_too_few_samples_one_line_with_the_count(tmp_path):
    msgs = _msgs(_samples(tmp_path, 4, _pixels))
    assert msgs == ["calibration set ds.txt has 4 sample(s); the RKNN SDK user guide asks for 20-200: int8 ranges "
                    "taken from 4 miss values the model meets"]


def test_twenty_distinct_pixel_samples_are_clean(tmp_path):
    assert _msgs(_samples(tmp_path, 20, _pixels)) == []


def test_repeated_samples_named_by_line(tmp_path):
    ds = _samples(tmp_path, 22, lambda k: _pixels(k % 20))
    msgs = _msgs(ds)
    assert len(msgs) == 1
    assert "2 of 22 samples repeat another (same bytes: line 21 = line 1, line 22 = line 2); 20 distinct" in msgs[0]


def test_already_normalised_floats_with_pixel_mean_std(tmp_path):
    ds = _samples(tmp_path, 20, lambda k: np.random.default_rng(k).uniform(0, 1, SHAPE).astype(np.float32))
    msgs = _msgs(ds, mean=(123.675, 116.28, 103.53), std=(58.395, 57.12, 57.375))
    assert len(msgs) == 1 and "input 'x' samples hold 0..1 (float32), already normalized" in msgs[0]
    assert "expect 0-255 pixels: the toolkit normalizes them again" in msgs[0]
    assert _msgs(ds, mean=(0, 0, 0), std=(1, 1, 1)) == []  # no normalisation: nothing to contradict


def test_pixels_with_0_1_mean_std(tmp_path):
    msgs = _msgs(_samples(tmp_path, 20, _pixels), mean=(0.485, 0.456, 0.406), std=(0.229, 0.224, 0.225))
    assert len(msgs) == 1 and "pixel values, but mean [0.485, 0.456, 0.406] / std [0.229, 0.224, 0.225]" in msgs[0]


def test_npy_shape_mismatch(tmp_path):
    ds = _samples(tmp_path, 20, lambda k: _pixels(k).transpose(0, 2, 3, 1))  # NHWC
    msgs = _msgs(ds)
    assert len(msgs) == 1 and "line 1: 's0.npy' has shape [1, 16, 16, 3] but input 'x' is [1, 3, 16, 16]" in msgs[0]


def _tiny(d):
    w = numpy_helper.from_array(np.random.default_rng(0).standard_normal((8, 3, 3, 3)).astype(np.float32), "w")
    g = helper.make_graph([helper.make_node("Conv", ["x", "w"], ["y"], pads=[1, 1, 1, 1], name="conv")], "g",
                          [helper.make_tensor_value_info("x", TensorProto.FLOAT, SHAPE)],
                          [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 8, 16, 16])], [w])
    m = helper.make_model(g, opset_imports=[helper.make_opsetid("", 13)])
    m.ir_version = 8
    save(m, d / "tiny.onnx")
    return d / "tiny.onnx"


@pytest.mark.toolkit
def test_build_int8_reports_the_count_as_a_finding(tmp_path):
    model, ds = _tiny(tmp_path), _samples(tmp_path, 4, _pixels)
    code, out, err = run_cli("build", model, "--int8", "--dataset", ds, "--mean", "0,0,0", "--std", "255,255,255",
                             "--format", "json", "--no-cache", "--no-static")
    assert code == 0, err
    b = json.loads(out)["builds"][0]
    assert b["status"] == "built"
    fs = [f for f in b["findings"] if f["code"] == "RKN823"]
    assert [f["message"] for f in fs] == ["calibration set ds.txt has 4 sample(s); the RKNN SDK user guide asks for "
                                          "20-200: int8 ranges taken from 4 miss values the model meets"]


@pytest.mark.toolkit
def test_package_int8_says_it_and_records_it(tmp_path):
    model, ds = _tiny(tmp_path), _samples(tmp_path, 4, _pixels)
    src = tmp_path / "onnx_source.yaml"
    src.write_text(yaml.safe_dump({"phase": "onnx", "model": "tiny.onnx", "inputs": [{"name": "x", "shape": SHAPE}],
                                   "layout": "NCHW", "color_order": "RGB", "mean": [0.485, 0.456, 0.406],
                                   "std": [0.229, 0.224, 0.225]}))
    code, out, err = run_cli("package", model, "--source", src, "--target", "rv1106", "--int8", "--dataset", ds,
                             "-o", tmp_path / "pkg")
    assert code == 0, err
    lines = [ln for ln in err.splitlines() if ln.startswith("rknnlint: warning: RKN82")]
    assert [ln.split(":")[2].strip() for ln in lines] == ["RKN822", "RKN823", "RKN823"]
    assert "has 4 sample(s)" in lines[1] and "pixel values, but mean [0.485" in lines[2]
    perf = json.loads((tmp_path / "pkg" / "performance_rknn.json").read_text())
    assert [w["code"] for w in perf["warnings"]] == ["RKN822", "RKN823", "RKN823"]
