from __future__ import annotations

from onnx import helper

from conftest import findings, make_model, shared_model


def test_fires_on_real_3d_sequence_input():
    fs = findings(shared_model("seq_gru2x96_op12.onnx"), select={"RKN103"})
    assert [f.location.tensor for f in fs] == ["feats"] and str(fs[0].severity) == "info"
    assert "3-D" in fs[0].message


def test_fires_on_minimal_5d_input_and_not_4d():
    m = make_model([helper.make_node("Relu", ["x"], ["y"])], [("x", [1, 2, 3, 16, 16])], [("y", [1, 2, 3, 16, 16])])
    assert [f.location.tensor for f in findings(m, select={"RKN103"})] == ["x"]
    m = make_model([helper.make_node("Relu", ["x"], ["y"])], [("x", [1, 3, 16, 16])], [("y", [1, 3, 16, 16])])
    assert findings(m, select={"RKN103"}) == []
    assert findings(shared_model("cls_shufflenet_v2_x1_0_op13.onnx"), select={"RKN103"}) == []
