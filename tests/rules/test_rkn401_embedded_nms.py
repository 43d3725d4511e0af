from __future__ import annotations

from _det_graphs import classifier, dfl_detector, nms_detector, two_stage_detector

from conftest import findings, shared_model


def test_fires_on_real_topk_nms_export():
    fs = findings(shared_model("det_tiny_topk_nms_op11.onnx"), select={"RKN401"})
    assert [(f.location.op_type, f.location.node_name) for f in fs] == [("TopK", "topk"), ("NonMaxSuppression", "nms")]
    assert all(str(f.severity) == "warning" for f in fs)
    assert "'/box/Conv_output_0' [1,4,16,16], '/Sigmoid_output_0' [1,1,16,16]" in fs[1].message
    assert fs[1].fix == "cut-head" and fs[1].fix_applicability == "unsafe"
    assert fs[1].data["boundary_tensors"] == ["/box/Conv_output_0", "/Sigmoid_output_0"]


def test_fires_on_minimal_nms():
    fs = findings(nms_detector(), select={"RKN401"})
    assert len(fs) == 1 and fs[0].location.node_name == "nms"
    assert "'box' [1,4,8,8], 'clsp' [1,1,8,8]" in fs[0].message


def test_silent_without_nms():
    assert findings(dfl_detector(), select={"RKN401"}) == []
    assert findings(classifier(), select={"RKN401"}) == []
    assert findings(shared_model("det_yolov8n_nc20_256_op12.onnx"), select={"RKN401"}) == []


def test_two_stage_detector_is_told_to_split():
    fs = findings(two_stage_detector(), select={"RKN401"})
    assert [f.location.node_name for f in fs] == ["rpn_nms"]
    assert "split the model there (two-stage detector)" in fs[0].message and fs[0].data["cuttable"] is False
