from __future__ import annotations

from onnx import helper

from conftest import conv_weight, findings, init, make_model, shared_model


def _conv(hw: int, cout: int = 64):
    return make_model([helper.make_node("Conv", ["x", "w"], ["y"], pads=[1, 1, 1, 1], name="head")],
                      [("x", [1, 16, hw, hw])], [("y", [1, cout, hw, hw])], [init("w", conv_weight(cout, 16))])


def test_fires_below_16_pixels():
    fs = findings(_conv(3), select={"RKN913"})
    assert [f.location.node_name for f in fs] == ["head"] and "3x3 map (H*W = 9 < 16)" in fs[0].message


def test_silent_at_16_pixels_few_channels_and_real_models():
    assert findings(_conv(4), select={"RKN913"}) == []
    assert findings(_conv(2, cout=32), select={"RKN913"}) == []
    assert findings(shared_model("cls_shufflenet_v2_x1_0_op13.onnx"), select={"RKN913"}) == []
