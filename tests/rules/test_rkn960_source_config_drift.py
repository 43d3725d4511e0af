"""RKN960 source-config-drift: critical values that changed between phases or contradict the model."""
from __future__ import annotations

import yaml

from rknnlint.workflow.source import load_source
from tests.conftest import findings, make_model, save, shared_model, tensor


def _src(tmp_path, name="onnx_source.yaml", **over):
    d = {"phase": "onnx", "inputs": [{"name": "images", "shape": [1, 3, 320, 320]}], "layout": "NCHW",
         "color_order": "RGB", "mean": [0, 0, 0], "std": [255, 255, 255], "padding_color": [114, 114, 114],
         "class_names": [f"c{i}" for i in range(20)]}
    d.update(over)
    p = tmp_path / name
    p.write_text(yaml.safe_dump(d))
    return p


def _codes(model, src):
    return [f for f in findings(model, select={"RKN960"}, source=load_source(src))]


def test_fires_on_colour_order_drift_real_detector(tmp_path):
    prev = _src(tmp_path, "pt_source.yaml", phase="pt")
    src = _src(tmp_path, color_order="BGR", previous="pt_source.yaml")
    out = _codes(shared_model("det_yolov5style_nc20_320_op12.onnx"), src)
    assert len(out) == 1 and "color_order changed from pt to onnx" in out[0].message
    assert out[0].severity.name.lower() == "error"
    assert prev.exists()


def test_fires_on_class_count_and_input_shape(tmp_path):
    src = _src(tmp_path, class_names=[f"c{i}" for i in range(7)],
               inputs=[{"name": "images", "shape": [1, 3, 256, 256]}])
    msgs = [f.message for f in _codes(shared_model("det_yolov5style_nc20_320_op12.onnx"), src)]
    assert any("class_names has 7 names" in m for m in msgs)
    assert any("contradicts model shape [1, 3, 320, 320]" in m for m in msgs)


def test_minimal_graph_unknown_input_name(tmp_path):
    import onnx.helper as h

    m = make_model([h.make_node("Relu", ["x"], ["y"])], [tensor("x", [1, 3, 8, 8])], [tensor("y", [1, 3, 8, 8])])
    path = save(m, tmp_path)
    src = _src(tmp_path, class_names=None, inputs=[{"name": "images", "shape": [1, 3, 8, 8]}])
    out = _codes(path, src)
    assert len(out) == 1 and "'images' of the source config is not a model input" in out[0].message


def test_silent_when_consistent_or_without_source(tmp_path):
    model = shared_model("det_yolov5style_nc20_320_op12.onnx")
    _src(tmp_path, "pt_source.yaml", phase="pt")
    src = _src(tmp_path, previous="pt_source.yaml")
    assert _codes(model, src) == []
    assert findings(model, select={"RKN960"}) == []
