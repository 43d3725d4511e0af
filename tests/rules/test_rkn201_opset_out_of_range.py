from __future__ import annotations

from onnx import helper

from conftest import findings, make_model, shared_model


def _relu(opset):
    return make_model([helper.make_node("Relu", ["x"], ["y"])], [("x", [1, 3, 8, 8])], [("y", [1, 3, 8, 8])], opset=opset)


def test_fires_on_real_opset21_dynamo_export():
    fs = findings(shared_model("cls_squeezenet1_1_op21_dynamo.onnx"), select={"RKN201"})
    assert len(fs) == 1 and str(fs[0].severity) == "error"
    assert "need <= 19" in fs[0].message


def test_opset_window_edges():
    assert [str(f.severity) for f in findings(_relu(20), select={"RKN201"})] == ["error"]
    assert findings(_relu(19), select={"RKN201"}) == []
    assert findings(_relu(12), select={"RKN201"}) == []
    assert [str(f.severity) for f in findings(_relu(11), select={"RKN201"})] == ["warning"]
