from __future__ import annotations

import numpy as np
from onnx import TensorProto, helper, numpy_helper

from conftest import findings, make_model, shared_model


def _fp16_model():
    g = helper.make_graph(
        [helper.make_node("Add", ["x", "w"], ["y"])], "g",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT16, [1, 3, 4, 4])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT16, [1, 3, 4, 4])],
        [numpy_helper.from_array(np.ones((1, 3, 4, 4), np.float16), "w")])
    return helper.make_model(g, opset_imports=[helper.make_opsetid("", 13)], ir_version=8)


def test_fires_on_fp16_inputs_outputs_weights():
    fs = findings(_fp16_model(), select={"RKN801"})
    msgs = sorted(f.message for f in fs)
    assert len(fs) == 3
    assert any("input 'x' is float16" in m for m in msgs)
    assert any("output 'y' is float16" in m for m in msgs)
    assert any("1 initializer(s) are float16" in m for m in msgs)
    assert all(str(f.severity) == "warning" for f in fs)


def test_silent_on_float32():
    m = make_model([helper.make_node("Relu", ["x"], ["y"])], [("x", [1, 3, 8, 8])], [("y", [1, 3, 8, 8])])
    assert findings(m, select={"RKN801"}) == []
    assert findings(shared_model("cls_shufflenet_v2_x1_0_op13.onnx"), select={"RKN801"}) == []
