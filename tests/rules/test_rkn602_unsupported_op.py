from __future__ import annotations

from onnx import helper

from conftest import findings, make_model, shared_model


def test_fires_on_minimal_bitshift():
    m = make_model([helper.make_node("BitShift", ["x", "x"], ["y"], direction="LEFT")],
                   [("x", [1, 3, 8, 8], 12)], [("y", [1, 3, 8, 8], 12)])
    fs = findings(m, select={"RKN602"})
    assert [f.location.op_type for f in fs] == ["BitShift"]
    assert str(fs[0].severity) == "error"


def test_silent_on_relu_and_real_model():
    m = make_model([helper.make_node("Relu", ["x"], ["y"])], [("x", [1, 3, 8, 8])], [("y", [1, 3, 8, 8])])
    assert findings(m, select={"RKN602"}) == []
    assert findings(shared_model("cls_shufflenet_v2_x1_0_op13.onnx"), select={"RKN602"}) == []
