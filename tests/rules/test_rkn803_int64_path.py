from __future__ import annotations

from onnx import helper

from conftest import findings, make_model, shared_model


def test_fires_on_argmax_index_arithmetic():
    m = make_model([helper.make_node("ArgMax", ["x"], ["i"], axis=1, keepdims=1),
                    helper.make_node("Add", ["i", "i"], ["y"])],
                   [("x", [1, 3, 8, 8])], [("y", [1, 1, 8, 8], 7)])
    fs = findings(m, select={"RKN803"})
    assert [f.location.op_type for f in fs] == ["Add"]


def test_silent_on_float_graph_and_shape_arithmetic():
    m = make_model([helper.make_node("Relu", ["x"], ["y"])], [("x", [1, 3, 8, 8])], [("y", [1, 3, 8, 8])])
    assert findings(m, select={"RKN803"}) == []
    assert findings(shared_model("cls_shufflenet_v2_x1_0_op13.onnx"), select={"RKN803"}) == []
