from __future__ import annotations

import numpy as np
import pytest
from _toolkit_build import toolkit_build
from onnx import helper

from conftest import findings, init, make_model, save, shared_model


def _reshape_from_shape():
    nodes = [helper.make_node("Shape", ["x"], ["s"]), helper.make_node("Gather", ["s", "i0"], ["b"], axis=0),
             helper.make_node("Concat", ["b", "m1"], ["shp"], axis=0), helper.make_node("Reshape", ["x", "shp"], ["y"], name="rs")]
    return make_model(nodes, [("x", [1, 4, 8, 8])], [("y", [1, 256])],
                      [init("i0", np.array([0], np.int64)), init("m1", np.array([-1], np.int64))])


def _reshape_from_data():
    nodes = [helper.make_node("ReduceMax", ["x"], ["r"], axes=[0, 1, 2, 3], keepdims=1),
             helper.make_node("Reshape", ["r", "one"], ["r1"]), helper.make_node("Cast", ["r1"], ["ri"], to=7),
             helper.make_node("Concat", ["ri", "m1"], ["shp"], axis=0), helper.make_node("Reshape", ["x", "shp"], ["y"], name="rs")]
    return make_model(nodes, [("x", [1, 4, 8, 8])], [("y", None)],
                      [init("m1", np.array([-1], np.int64)), init("one", np.array([1], np.int64))])


def test_fires_when_shape_comes_from_input_data():
    fs = findings(_reshape_from_data(), select={"RKN302"})
    assert [(f.location.node_name, f.data.get("input")) for f in fs] == [("rs", 1)]
    assert "The input 1 of Reshape('rs') need to be constant!" in fs[0].message


def test_silent_when_shape_comes_from_shapes_only():
    assert findings(_reshape_from_shape(), select={"RKN302"}) == []


def test_fires_on_minimal_topk_with_data_k():
    nodes = [helper.make_node("ReduceMax", ["x"], ["r"], keepdims=1, axes=[0, 1]), helper.make_node("Cast", ["r"], ["k"], to=7),
             helper.make_node("Reshape", ["k", "one"], ["k1"]), helper.make_node("TopK", ["x", "k1"], ["v", "i"], name="topk")]
    m = make_model(nodes, [("x", [1, 8])], [("v", [1, None])], [init("one", np.array([1], np.int64))])
    assert [f.location.node_name for f in findings(m, select={"RKN302"})] == ["topk"]


def test_silent_on_real_models():
    # TopK with constant K; Reshape shapes of the dynamic-seq transformer come from Shape only
    for name in ("det_tiny_topk_nms_op11.onnx", "seq_transformer_encoder_dynseq_op17.onnx",
                 "cls_shufflenet_v2_x1_0_op13.onnx", "seg_tiny_unet_odd_channels_op13.onnx"):
        assert findings(shared_model(name), select={"RKN302"}) == [], name


@pytest.mark.toolkit
def test_toolkit_builds_shape_only_and_refuses_data_dependent(tmp_path):
    rc, _ = toolkit_build(save(_reshape_from_shape(), tmp_path, "shape.onnx"))
    assert rc == 0
    rc, out = toolkit_build(save(_reshape_from_data(), tmp_path, "data.onnx"))
    assert rc != 0 and "The input 1 of Reshape('rs') need to be constant!" in out
