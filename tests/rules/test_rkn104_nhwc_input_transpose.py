from __future__ import annotations

from onnx import helper

from conftest import conv_weight, findings, init, make_model, shared_model


def _nhwc(perm):
    nodes = [helper.make_node("Transpose", ["x"], ["t"], perm=perm, name="to_nchw"),
             helper.make_node("Conv", ["t", "w"], ["y"], pads=[1, 1, 1, 1])]
    return make_model(nodes, [("x", [1, 8, 8, 3])], [("y", None)], [init("w", conv_weight(4, 3))])


def test_fires_on_minimal_nhwc_transpose():
    fs = findings(_nhwc([0, 3, 1, 2]), select={"RKN104"})
    assert [f.location.node_name for f in fs] == ["to_nchw"] and str(fs[0].severity) == "info"
    assert "NCHW" in fs[0].hint


def test_silent_on_other_perm_and_real_models():
    assert findings(_nhwc([0, 1, 3, 2]), select={"RKN104"}) == []
    for name in ("cls_shufflenet_v2_x1_0_op13.onnx", "seg_tiny_unet_odd_channels_op13.onnx"):
        assert findings(shared_model(name), select={"RKN104"}) == []
