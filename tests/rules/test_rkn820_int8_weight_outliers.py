"""RKN820 int8-weight-outliers: a weight whose largest value sits far beyond its robust std, in an int8 build,
against the thresholds measured with the real toolkit (rules/int8/hazards.yaml)."""
from __future__ import annotations

import numpy as np
import yaml
from onnx import TensorProto, helper, numpy_helper

from rknnlint.int8_ranges import measured, threshold, weight_outlier_stats
from rknnlint.workflow.source import load_source
from tests.conftest import findings


def _model(kind: str = "", factor: float = 1.0):
    """x -> conv1 -> relu -> conv2 -> relu -> conv3: conv2's channel 5 scaled (kind 'channel'), or one weight
    of it set to `factor` robust stds (kind 'element'); the construction calibration/int8_hazards.py measured."""
    rng = np.random.default_rng(0)
    w1 = (rng.standard_normal((32, 3, 3, 3)) * 0.1).astype(np.float32)
    w2 = (rng.standard_normal((32, 32, 3, 3)) * 0.1).astype(np.float32)
    w3 = (rng.standard_normal((16, 32, 1, 1)) * 0.1).astype(np.float32)
    if kind == "channel":
        w2[5] *= factor
    elif kind == "element":
        w2[5, 3, 1, 1] = factor * 1.4826 * np.median(np.abs(w2 - np.median(w2)))
    nodes = [helper.make_node("Conv", ["x", "w1"], ["a1"], name="conv1", pads=[1] * 4),
             helper.make_node("Relu", ["a1"], ["r1"], name="relu1"),
             helper.make_node("Conv", ["r1", "w2"], ["a2"], name="conv2", pads=[1] * 4),
             helper.make_node("Relu", ["a2"], ["r2"], name="relu2"),
             helper.make_node("Conv", ["r2", "w3"], ["y"], name="conv3")]
    g = helper.make_graph(nodes, "g", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 3, 16, 16])],
                          [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 16, 16, 16])],
                          [numpy_helper.from_array(a, n) for n, a in (("w1", w1), ("w2", w2), ("w3", w3))])
    m = helper.make_model(g, opset_imports=[helper.make_opsetid("", 13)])
    m.ir_version = 8
    return m


def _layer_source(tmp_path):
    p = tmp_path / "onnx_source.yaml"
    p.write_text(yaml.safe_dump({"phase": "onnx", "inputs": [{"name": "x", "shape": [1, 3, 16, 16]}],
                                 "color_order": "RGB", "mean": [0.0] * 3, "std": [1.0] * 3,
                                 "quantization": {"method": "layer"}}))
    return load_source(p)


def test_thresholds_are_measured_data_with_their_command():
    m = measured()
    assert m["source"].startswith("measured: ") and "calibration/int8_hazards.py" in m["source"]
    assert m["toolkit"] and m["target"] == "rk3588" and m["rows"]
    assert threshold("weight-channel", "channel", "norm_ratio") is not None
    assert threshold("weight-channel", "layer", "tensor_ratio") is not None


def test_scaled_channel_named_with_node_and_channel():
    factor = 2 * threshold("weight-channel", "channel", "norm_ratio")  # the channel's norm grows with the factor
    fs = findings(_model("channel", factor), select={"RKN820"}, dtype="int8")
    assert len(fs) == 1
    f = fs[0]
    assert f.location.node_name == "conv2" and "weight 'w2' channel 5" in f.message
    assert "share one int8 activation scale" in f.message and "quantized_method channel" in f.message
    assert str(f.severity) == "warning" and f.data["channel"] == 5 and f.data["scope"] == "norm"
    assert "mmse" in f.hint and "--int8-accuracy 0.99" in f.hint
    half = _model("channel", threshold("weight-channel", "channel", "norm_ratio") / 2)
    assert findings(half, select={"RKN820"}, dtype="int8") == []


def test_layer_method_from_the_source_config_scores_the_whole_tensor(tmp_path):
    lim = threshold("weight-channel", "layer", "tensor_ratio")
    fs = findings(_model("element", 2 * lim), select={"RKN820"}, dtype="int8", source=_layer_source(tmp_path))
    assert len(fs) == 1 and "channel 5" in fs[0].message and "(layer quantization)" in fs[0].message
    assert fs[0].data["scope"] == "tensor" and "--quantized-method channel" in fs[0].hint
    # the same single outlier weight under the default per-channel quantization: no channel outgrows the others
    assert findings(_model("element", 2 * lim), select={"RKN820"}, dtype="int8") == []


def test_silent_on_a_clean_model_and_on_fp16():
    assert findings(_model(), select={"RKN820"}, dtype="int8") == []
    big = _model("channel", 4 * threshold("weight-channel", "channel", "norm_ratio"))
    assert findings(big, select={"RKN820"}) == []  # float16 build
    assert findings(big, select={"RKN820"}, target="rv1106")  # int8-only family: int8 implied


def test_statistics_of_a_dead_channel_and_a_grown_one():
    w = np.random.default_rng(1).standard_normal((8, 32)).astype(np.float32)
    w[3] = 1e-30
    w[3, 0] = 1e-20
    s = weight_outlier_stats(w)
    assert s.channel != 3 and s.channel_ratio < 10 and s.norm_ratio < 2
    w[6] *= 50
    s = weight_outlier_stats(w)
    assert s.norm_channel == 6 and 40 < s.norm_ratio < 60


def test_single_outlier_weight_scored_inside_its_channel():
    lim = threshold("weight-element", "channel", "channel_ratio")
    fs = findings(_model("element", 2 * lim), select={"RKN820"}, dtype="int8")
    assert len(fs) == 1 and fs[0].data["scope"] == "channel" and fs[0].data["channel"] == 5
    assert "robust std of its channel" in fs[0].message and fs[0].location.node_name == "conv2"
