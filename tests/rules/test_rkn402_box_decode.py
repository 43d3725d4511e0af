from __future__ import annotations

from _det_graphs import classifier, dfl_detector, segmenter

from conftest import findings, shared_model


def test_fires_once_on_real_yolov5_style_decode():
    fs = findings(shared_model("det_yolov5style_nc20_320_op12.onnx"), select={"RKN402"})
    assert len(fs) == 1
    f = fs[0]
    assert f.location.op_type == "Mul" and str(f.severity) == "warning"
    assert "(and 5 more decode nodes)" in f.message
    assert "'/m.0/Conv_output_0' [1,75,40,40]" in f.message
    assert f.data["boundary_tensors"] == ["/m.0/Conv_output_0", "/m.1/Conv_output_0", "/m.2/Conv_output_0"]


def test_fires_on_yolov8_anchor_arithmetic_and_minimal_graph():
    fs = findings(shared_model("det_yolov8n_nc20_256_op12.onnx"), select={"RKN402"})
    assert [f.location.node_name for f in fs] == ["/model.22/Sub"]
    fs = findings(dfl_detector(), select={"RKN402"})
    assert [f.location.node_name for f in fs] == ["decode_sub"]


def test_silent_without_decode():
    assert findings(dfl_detector(decode=False), select={"RKN402"}) == []
    assert findings(segmenter(), select={"RKN402"}) == []  # sigmoid * 255 is not a box decode
    assert findings(classifier(), select={"RKN402"}) == []
