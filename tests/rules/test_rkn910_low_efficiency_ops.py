from __future__ import annotations

import numpy as np
from onnx import helper

from conftest import conv_weight, findings, init, make_model, shared_model


def test_fires_once_per_op_type_on_real_shufflenet():
    fs = findings(shared_model("cls_shufflenet_v2_x1_0_op13.onnx"), select={"RKN910"})
    by_op = {f.data["op_type"]: f for f in fs}
    assert set(by_op) == {"MaxPool", "Concat", "Reshape", "Transpose"}
    assert by_op["Transpose"].data["count"] == 16 and str(by_op["Transpose"].severity) == "info"
    assert "User Guide Table 8-5" in by_op["Transpose"].message


def test_fused_activations_and_squeeze_reshapes_are_not_counted():
    nodes = [helper.make_node("Conv", ["x", "w"], ["c"], pads=[1, 1, 1, 1]),
             helper.make_node("Sigmoid", ["c"], ["s"]),                    # fused into the conv
             helper.make_node("Mul", ["c", "s"], ["silu"]),
             helper.make_node("Tanh", ["silu"], ["t"], name="tanh"),      # not after a conv
             helper.make_node("Reshape", ["t", "shape"], ["y"])]          # [1,8,8,8] -> [1,8,64]: counted
    m = make_model(nodes, [("x", [1, 3, 8, 8])], [("y", [1, 8, 64])],
                   [init("w", conv_weight(8, 3)), init("shape", np.array([1, 8, 64], np.int64))])
    fs = findings(m, select={"RKN910"})
    assert sorted(f.data["op_type"] for f in fs) == ["Reshape", "Tanh"]
    assert [f.location.node_name for f in fs if f.data["op_type"] == "Tanh"] == ["tanh"]


def test_silent_on_plain_conv_relu():
    m = make_model([helper.make_node("Conv", ["x", "w"], ["c"]), helper.make_node("Relu", ["c"], ["y"])],
                   [("x", [1, 3, 8, 8])], [("y", [1, 8, 6, 6])], [init("w", conv_weight(8, 3))])
    assert findings(m, select={"RKN910"}) == []
