from __future__ import annotations

from onnx import helper

from conftest import findings, make_model, shared_model


def test_fires_on_minimal_random_like():
    m = make_model([helper.make_node("RandomNormalLike", ["x"], ["r"], name="noise"), helper.make_node("Add", ["x", "r"], ["y"])],
                   [("x", [1, 4, 8, 8])], [("y", [1, 4, 8, 8])])
    fs = findings(m, select={"RKN305"})
    assert [f.location.node_name for f in fs] == ["noise"] and str(fs[0].severity) == "error"
    assert "Found Random node 'r'" in fs[0].message and "model.eval()" in fs[0].hint


def test_silent_on_real_models():
    for name in ("cls_shufflenet_v2_x1_0_op13.onnx", "seg_tiny_unet_odd_channels_op13.onnx"):
        assert findings(shared_model(name), select={"RKN305"}) == []
