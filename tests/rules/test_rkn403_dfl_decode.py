from __future__ import annotations

from _det_graphs import classifier, dfl_detector, nms_detector

from conftest import findings, shared_model


def test_fires_on_real_yolov8_dfl():
    fs = findings(shared_model("det_yolov8n_nc20_256_op12.onnx"), select={"RKN403"})
    assert len(fs) == 1
    assert fs[0].location.node_name == "/model.22/dfl/Softmax"
    assert "over [1,1344,4,16]" in fs[0].message
    assert "'/model.22/cv2.0/cv2.0.2/Conv_output_0' [1,64,32,32]" in fs[0].message


def test_fires_on_minimal_dfl_without_anything_after():
    fs = findings(dfl_detector(slice_after=False, concat_scores=False), select={"RKN403"})
    assert [f.location.node_name for f in fs] == ["dfl_softmax"]


def test_silent_on_plain_softmax():
    assert findings(classifier(), select={"RKN403"}) == []
    assert findings(nms_detector(), select={"RKN403"}) == []
    assert findings(shared_model("cls_tiny_vit_5d_op14.onnx"), select={"RKN403"}) == []
