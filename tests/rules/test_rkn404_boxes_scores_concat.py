from __future__ import annotations

from _det_graphs import dfl_detector

from conftest import findings, shared_model


def test_fires_on_real_yolov8_output_concat():
    fs = findings(shared_model("det_yolov8n_nc20_256_op12.onnx"), select={"RKN404"})
    assert [f.location.node_name for f in fs] == ["/model.22/Concat_3"]
    assert "into [1,24,1344]" in fs[0].message and "int8" in fs[0].message


def test_fires_per_stride_on_yolov5_style():
    fs = findings(shared_model("det_yolov5style_nc20_320_op12.onnx"), select={"RKN404"})
    assert [f.location.node_name for f in fs] == ["/Concat_1", "/Concat_3", "/Concat_5"]


def test_int8_wording_and_minimal_graph():
    fs = findings(dfl_detector(), select={"RKN404"}, dtype="int8")
    assert [f.location.node_name for f in fs] == ["final_concat"]
    assert "an int8 build quantizes both with one scale" in fs[0].message


def test_silent_when_boxes_and_scores_are_separate_outputs():
    assert findings(dfl_detector(concat_scores=False), select={"RKN404"}) == []
    assert findings(shared_model("det_tiny_topk_nms_op11.onnx"), select={"RKN404"}) == []
