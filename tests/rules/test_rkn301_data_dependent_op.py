from __future__ import annotations

import numpy as np
from onnx import TensorProto, helper

from conftest import findings, init, make_model, shared_model


def test_fires_on_real_nms_export():
    fs = findings(shared_model("det_tiny_topk_nms_op11.onnx"), select={"RKN301"})
    assert [(f.location.op_type, f.location.node_name) for f in fs] == [("NonMaxSuppression", "nms")]
    assert "The input 0 of NonMaxSuppression('nms') need to be constant!" in fs[0].message
    assert str(fs[0].severity) == "error"


def test_fires_on_minimal_nonzero_and_not_on_constant_input():
    m = make_model([helper.make_node("NonZero", ["x"], ["y"], name="nz")], [("x", [1, 4])], [("y", [2, "n"], TensorProto.INT64)])
    fs = findings(m, select={"RKN301"})
    assert [f.location.node_name for f in fs] == ["nz"]
    assert "It will cause the graph to be a dynamic graph!" in fs[0].message
    m = make_model([helper.make_node("NonZero", ["k"], ["z"], name="nz"), helper.make_node("Cast", ["z"], ["zf"], to=1),
                    helper.make_node("Add", ["x", "zf"], ["y"])], [("x", [2, 2])], [("y", [2, 2])],
                   [init("k", np.array([1, 0], np.float32))])
    assert findings(m, select={"RKN301"}) == []


def test_silent_on_clean_models():
    for name in ("cls_shufflenet_v2_x1_0_op13.onnx", "seg_tiny_unet_odd_channels_op13.onnx"):
        assert findings(shared_model(name), select={"RKN301"}) == []
