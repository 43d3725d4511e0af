"""rknnlint.heads: the NPU/CPU boundary of detectors, checked by running head + tail in onnxruntime."""
from __future__ import annotations

import numpy as np
import onnx
import pytest
from _det_graphs import classifier, dfl_detector, nms_detector, segmenter, two_stage_detector

from conftest import shared_model
from rknnlint.graph import ModelView
from rknnlint.heads import find_head_boundary


def _hb(model_or_path):
    m = onnx.load(model_or_path) if not isinstance(model_or_path, onnx.ModelProto) else model_or_path
    return find_head_boundary(ModelView(m)), m


def _compose_equal(path, hb, tmp_path):
    """Head (inputs -> boundary) then tail (boundary -> outputs) reproduce the model's outputs exactly."""
    ort = pytest.importorskip("onnxruntime")
    from onnx import utils

    m = onnx.load(path)
    inputs = [i for i in m.graph.input if i.name not in {t.name for t in m.graph.initializer}]
    head, tail = tmp_path / "head.onnx", tmp_path / "tail.onnx"
    utils.extract_model(str(path), str(head), [i.name for i in inputs], list(hb.boundary_tensors))
    utils.extract_model(str(path), str(tail), list(hb.boundary_tensors), [o.name for o in m.graph.output])
    assert len(onnx.load(tail).graph.node) == len(hb.tail_nodes)
    rng = np.random.default_rng(1)
    feed = {i.name: rng.standard_normal([d.dim_value for d in i.type.tensor_type.shape.dim]).astype(np.float32)
            for i in inputs}
    want = ort.InferenceSession(str(path)).run(None, feed)
    mid = ort.InferenceSession(str(head)).run(None, feed)
    got = ort.InferenceSession(str(tail)).run(None, dict(zip(hb.boundary_tensors, mid)))
    for a, b in zip(want, got):
        np.testing.assert_array_equal(a, b)


def test_yolov8_boundary_is_the_six_head_convs(tmp_path):
    path = shared_model("det_yolov8n_nc20_256_op12.onnx")
    hb, _ = _hb(path)
    assert hb.kind == "dfl" and hb.kinds == ("dfl", "decode", "concat") and hb.cuttable
    assert hb.boundary_tensors == tuple(f"/model.22/{b}.{k}/{b}.{k}.2/Conv_output_0" for k in range(3) for b in ("cv2", "cv3"))
    assert [hb.shapes[t] for t in hb.boundary_tensors[:2]] == [(1, 64, 32, 32), (1, 20, 32, 32)]
    assert [r.name for r in hb.markers_of("dfl")] == ["/model.22/dfl/Softmax"]
    assert [r.name for r in hb.markers_of("concat")] == ["/model.22/Concat_3"]
    assert len(hb.tail_nodes) == 25
    _compose_equal(path, hb, tmp_path)


def test_yolov5style_boundary_is_the_three_detect_convs(tmp_path):
    path = shared_model("det_yolov5style_nc20_320_op12.onnx")
    hb, _ = _hb(path)
    assert hb.kind == "decode" and "concat" in hb.kinds
    assert hb.boundary_tensors == ("/m.0/Conv_output_0", "/m.1/Conv_output_0", "/m.2/Conv_output_0")
    assert hb.shapes["/m.2/Conv_output_0"] == (1, 75, 10, 10)
    _compose_equal(path, hb, tmp_path)


def test_topk_nms_boundary_keeps_the_score_sigmoid_on_the_npu(tmp_path):
    path = shared_model("det_tiny_topk_nms_op11.onnx")
    hb, _ = _hb(path)
    assert hb.kind == "nms" and hb.kinds[:2] == ("nms", "topk")
    assert hb.boundary_tensors == ("/box/Conv_output_0", "/Sigmoid_output_0")
    assert "Sigmoid" not in [r.op_type for r in hb.tail_nodes]
    _compose_equal(path, hb, tmp_path)


def test_minimal_dfl_detector(tmp_path):
    m = dfl_detector()
    hb, _ = _hb(m)
    assert hb.kinds == ("dfl", "decode", "concat")
    assert hb.boundary_tensors == ("box0", "cls0", "box1", "cls1", "box2", "cls2")
    assert [r.name for r in hb.markers_of("decode")] == ["decode_sub", "decode_add"]
    p = tmp_path / "m.onnx"
    onnx.save(m, p)
    _compose_equal(p, hb, tmp_path)


def test_minimal_nms_detector():
    hb, _ = _hb(nms_detector())
    assert hb.kind == "nms" and [r.name for r in hb.markers_of("nms")] == ["nms"]
    assert hb.boundary_tensors == ("box", "clsp")


def test_dfl_projection_conv_is_not_a_boundary():
    hb, _ = _hb(dfl_detector(concat_scores=False, decode=False))
    assert "dfl_conv" in [r.name for r in hb.tail_nodes]
    assert hb.kinds == ("dfl",)


@pytest.mark.parametrize("name", ["cls_shufflenet_v2_x1_0_op13.onnx", "cls_tiny_vit_5d_op14.onnx",
                                  "seg_tiny_unet_odd_channels_op13.onnx", "seq_gru2x96_op12.onnx",
                                  "misc_resize_cubic_op13.onnx"])
def test_nothing_on_classifiers_and_segmenters(name):
    assert _hb(shared_model(name))[0] is None


def test_nothing_on_minimal_classifier_and_segmenter():
    assert _hb(classifier())[0] is None
    assert _hb(segmenter())[0] is None


def test_two_stage_nms_is_found_but_not_cuttable():
    hb, _ = _hb(two_stage_detector())
    assert hb.kind == "nms" and not hb.cuttable
    assert [r.name for r in hb.markers_of("nms")] == ["rpn_nms"]
    assert hb.boundary_tensors == ("box", "clsp")
    assert "two-stage" in hb.reason
