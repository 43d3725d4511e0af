"""RKN822 mean-std-scale: mean/std on a 0-1 scale for an image input the toolkit feeds 0-255 pixels."""
from __future__ import annotations

import json

import numpy as np
import pytest
import yaml
from onnx import TensorProto, helper, numpy_helper, save

from rknnlint.workflow.source import load_source
from tests.conftest import findings, run_cli

IMAGENET_01 = ([0.485, 0.456, 0.406], [0.229, 0.224, 0.225])
IMAGENET_255 = ([123.675, 116.28, 103.53], [58.395, 57.12, 57.375])


def _tiny(d):
    """Conv 3x16x16 -> 8 channels."""
    w = numpy_helper.from_array(np.random.default_rng(0).standard_normal((8, 3, 3, 3)).astype(np.float32), "w")
    g = helper.make_graph([helper.make_node("Conv", ["x", "w"], ["y"], pads=[1, 1, 1, 1], name="conv")], "g",
                          [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 3, 16, 16])],
                          [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 8, 16, 16])], [w])
    m = helper.make_model(g, opset_imports=[helper.make_opsetid("", 13)])
    m.ir_version = 8
    save(m, d / "tiny.onnx")
    return d / "tiny.onnx"


def _source(d, mean, std):
    p = d / "onnx_source.yaml"
    p.write_text(yaml.safe_dump({"phase": "onnx", "model": "tiny.onnx", "inputs": [{"name": "x", "shape": [1, 3, 16, 16]}],
                                 "layout": "NCHW", "color_order": "RGB", "mean": mean, "std": std}))
    return p


def test_fires_on_imagenet_0_1_scale_with_the_toolkit_wording(tmp_path):
    model = _tiny(tmp_path)
    fs = findings(model, select={"RKN822"}, source=load_source(_source(tmp_path, *IMAGENET_01)))
    assert len(fs) == 1 and str(fs[0].severity) == "warning"
    m = fs[0].message
    assert "mean [0.485, 0.456, 0.406] / std [0.229, 0.224, 0.225] are on a 0-1 scale" in m
    assert "subtracts mean and divides by std on 0-255 pixels" in m and "image input 'x'" in m
    assert "mean [123.675, 116.28, 103.53] / std [58.395, 57.12, 57.375]" in fs[0].hint


@pytest.mark.parametrize("mean,std", [IMAGENET_255, ([0, 0, 0], [255, 255, 255]), ([0, 0, 0], [1, 1, 1])])
def test_silent_on_pixel_scale_or_no_normalisation(tmp_path, mean, std):
    model = _tiny(tmp_path)
    assert findings(model, select={"RKN822"}, source=load_source(_source(tmp_path, mean, std))) == []


def test_silent_without_source_config(tmp_path):
    assert findings(_tiny(tmp_path), select={"RKN822"}) == []


def test_check_source_cli_reports_it(tmp_path):
    model = _tiny(tmp_path)
    code, out, err = run_cli("check", model, "--source", _source(tmp_path, *IMAGENET_01), "--format", "json")
    assert code == 0, err
    codes = [f["code"] for m in json.loads(out)["models"] for f in m["findings"]]
    assert codes.count("RKN822") == 1


@pytest.mark.toolkit
def test_build_with_0_1_mean_std_reports_it_and_pixel_scale_does_not(tmp_path):
    model = _tiny(tmp_path)
    mean, std = (",".join(map(str, v)) for v in IMAGENET_01)
    code, out, err = run_cli("build", model, "--mean", mean, "--std", std, "--format", "json", "--no-cache",
                             "--no-static")
    assert code == 0, err
    fs = [f for f in json.loads(out)["builds"][0]["findings"] if f["code"] == "RKN822"]
    assert len(fs) == 1 and "on 0-255 pixels" in fs[0]["message"]
    mean, std = (",".join(map(str, v)) for v in IMAGENET_255)
    code, out, err = run_cli("build", model, "--mean", mean, "--std", std, "--format", "json", "--no-static")
    assert code == 0, err
    assert not [f for f in json.loads(out)["builds"][0]["findings"] if f["code"] == "RKN822"]
