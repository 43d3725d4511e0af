"""RKN824 int8-activation-range: an activation whose max on the calibration samples (onnxruntime fp32) is far
beyond its 99.9th percentile, reported by `build --int8 --dataset` before building."""
from __future__ import annotations

import json

import numpy as np
import pytest
from onnx import TensorProto, helper, numpy_helper, save

from rknnlint.activation_ranges import collect, problems
from rknnlint.int8_ranges import threshold
from tests.conftest import run_cli

SHAPE = [1, 3, 16, 16]


def _model(d):
    w = numpy_helper.from_array(np.random.default_rng(0).standard_normal((8, 3, 1, 1)).astype(np.float32), "w")
    g = helper.make_graph([helper.make_node("Conv", ["x", "w"], ["feat"], name="conv"),
                           helper.make_node("Relu", ["feat"], ["y"], name="relu")], "g",
                          [helper.make_tensor_value_info("x", TensorProto.FLOAT, SHAPE)],
                          [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 8, 16, 16])], [w])
    m = helper.make_model(g, opset_imports=[helper.make_opsetid("", 13)])
    m.ir_version = 8
    save(m, d / "m.onnx")
    return d / "m.onnx"


def _dataset(d, spike: float):
    """20 N(0,1) samples; the first holds one pixel of `spike` (an outlier sample)."""
    lines = []
    for k in range(20):
        a = np.random.default_rng(k).standard_normal(SHAPE).astype(np.float32)
        if k == 0:
            a[0, :, 5, 5] = spike
        np.save(d / f"s{k}.npy", a)
        lines.append(f"s{k}.npy")
    (d / "ds.txt").write_text("\n".join(lines) + "\n")
    return d / "ds.txt"


def test_outlier_sample_names_the_tensor_and_its_node(tmp_path):
    lim = threshold("activation", "channel", "activation_ratio")
    model = _model(tmp_path)
    probs = problems(model, _dataset(tmp_path, 3000.0), None, None, lim, "rknn-toolkit2 2.5.0 rk3588")
    msgs = [p.message for p in probs]
    assert any(m.startswith("activation 'feat' (output of 'conv'): on the calibration samples its max |x| ") for m in msgs)
    assert all(p.code == "RKN824" for p in probs) and "mmse" in probs[0].hint
    ranges = {r.tensor: r for r in collect(model, tmp_path / "ds.txt")}
    assert ranges["feat"].ratio >= lim and ranges["feat"].node == "conv"


def test_silent_on_ordinary_samples(tmp_path):
    lim = threshold("activation", "channel", "activation_ratio")
    assert problems(_model(tmp_path), _dataset(tmp_path, 1.0), None, None, lim, "") == []


@pytest.mark.toolkit
def test_build_int8_reports_it(tmp_path):
    model, ds = _model(tmp_path), _dataset(tmp_path, 3000.0)
    code, out, err = run_cli("build", model, "--int8", "--dataset", ds, "--format", "json", "--no-cache",
                             "--no-static")
    assert code == 0, err
    b = json.loads(out)["builds"][0]
    assert b["status"] == "built"
    fs = [f for f in b["findings"] if f["code"] == "RKN824"]
    assert fs and "activation 'feat' (output of 'conv')" in fs[0]["message"]


@pytest.mark.toolkit
def test_ignored_rule_skips_the_onnxruntime_pass(tmp_path, monkeypatch):
    import rknnlint.activation_ranges as ar

    def refuse(*a, **k):
        raise AssertionError("the activation pass ran although RKN824 is ignored")

    monkeypatch.setattr(ar, "problems", refuse)
    model, ds = _model(tmp_path), _dataset(tmp_path, 3000.0)
    code, out, err = run_cli("build", model, "--int8", "--dataset", ds, "--format", "json", "--no-cache",
                             "--no-static", "--ignore", "RKN824")
    assert code == 0, err
    b = json.loads(out)["builds"][0]
    assert b["status"] == "built" and not [f for f in b["findings"] if f["code"] == "RKN824"]
    assert "activation ranges not measured" not in err
