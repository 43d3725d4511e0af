"""calibration/int8_subsets.py's onnxruntime proxy of an int8 build (_fake_quant): each int8 tensor of a step-1
cfg goes through QuantizeLinear / DequantizeLinear with the cfg's own scale and zero point behind a switch, and a
tensor the toolkit made (`-rs`) names the ONNX tensor that is its longest prefix. docs/int8.md measures that the
proxy does not predict the toolkit; this checks that it computes what it says."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import onnx
from onnx import TensorProto, helper

from conftest import load_script


def _load():
    return load_script("calibration/int8_subsets.py")


def _model(path: Path) -> None:
    nodes = [helper.make_node("Mul", ["x", "k"], ["m"], name="mul"),
             helper.make_node("Relu", ["m"], ["r"], name="relu"),
             helper.make_node("Add", ["r", "x"], ["y"], name="add")]
    g = helper.make_graph(nodes, "g", [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["n", 8])],
                          [helper.make_tensor_value_info("y", TensorProto.FLOAT, ["n", 8])],
                          [helper.make_tensor("k", TensorProto.FLOAT, [], [3.0])])
    onnx.save(helper.make_model(g, opset_imports=[helper.make_opsetid("", 17)]), path)


def _q(v, scale, zp):
    return (np.clip(np.round(v / scale) + zp, -128, 127) - zp) * scale


def test_fake_quant_switches_each_cfg_tensor(tmp_path):
    import onnxruntime as ort

    mod = _load()
    _model(tmp_path / "m.onnx")
    params = {"x": {"dtype": "float32", "scale": [], "zero_point": []},  # a float input: not quantized
              "m-rs": {"dtype": "int8", "scale": [0.05], "zero_point": [-20]},  # toolkit-made: names 'm'
              "r": {"dtype": "int8", "scale": [0.07], "zero_point": [-128]},
              "k": {"dtype": "int8", "scale": [0.1, 0.2], "zero_point": [0, 0]}}  # per-channel: not an activation
    m, tmap, sw = mod._fake_quant(str(tmp_path / "m.onnx"), {"x": [2, 8]}, params)
    onnx.checker.check_model(m)
    assert tmap == {"m-rs": "m", "r": "r"}
    assert [i.name for i in m.graph.input][0] == "x" and m.graph.input[0].type.tensor_type.shape.dim[0].dim_value == 2
    sess = ort.InferenceSession(m.SerializeToString(), providers=["CPUExecutionProvider"])
    x = np.linspace(-1.0, 2.0, 16, dtype=np.float32).reshape(2, 8)

    def run(on):
        return sess.run(None, {"x": x, **{s: np.array(1.0 if t in on else 0.0, np.float32) for t, s in sw.items()}})[0]

    np.testing.assert_allclose(run(set()), np.maximum(3 * x, 0) + x, rtol=1e-6)
    np.testing.assert_allclose(run({"m"}), np.maximum(_q(3 * x, 0.05, -20), 0) + x, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(run({"m", "r"}), _q(np.maximum(_q(3 * x, 0.05, -20), 0), 0.07, -128) + x,
                               rtol=1e-5, atol=1e-6)
    only_r = run({"r"})
    np.testing.assert_allclose(only_r, _q(np.maximum(3 * x, 0), 0.07, -128) + x, rtol=1e-5, atol=1e-6)
    assert not np.allclose(only_r, run(set()))  # the int8 steps of 'r' show
