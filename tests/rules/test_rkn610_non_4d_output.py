from __future__ import annotations

from onnx import helper

from conftest import findings, make_model, shared_model


def test_fires_on_real_yolov5style_3d_output():
    fs = findings(shared_model("det_yolov5style_nc20_320_op12.onnx"), select={"RKN610"})
    assert [f.location.tensor for f in fs] == ["output"]
    assert "runs on the CPU on rk3588" in fs[0].message


def test_fires_on_minimal_3d_output():
    m = make_model([helper.make_node("Relu", ["x"], ["y"])], [("x", [1, 3, 10])], [("y", [1, 3, 10])])
    assert len(findings(m, select={"RKN610"})) == 1


def test_silent_on_4d_and_2d_outputs():
    m = make_model([helper.make_node("Relu", ["x"], ["y"])], [("x", [1, 3, 8, 8])], [("y", [1, 3, 8, 8])])
    assert findings(m, select={"RKN610"}) == []
    assert findings(shared_model("cls_shufflenet_v2_x1_0_op13.onnx"), select={"RKN610"}) == []


def test_silent_on_3d_output_with_aligned_last_dim():
    m = make_model([helper.make_node("Relu", ["x"], ["y"])], [("x", [1, 3, 16])], [("y", [1, 3, 16])])
    assert findings(m, select={"RKN610"}) == []
