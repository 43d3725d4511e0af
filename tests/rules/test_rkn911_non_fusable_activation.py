from __future__ import annotations

from onnx import helper

from conftest import conv_weight, findings, init, make_model, shared_model


def test_fires_on_activation_behind_a_transpose():
    nodes = [helper.make_node("Conv", ["x", "w"], ["c"], name="conv"),
             helper.make_node("Transpose", ["c"], ["t"], perm=[0, 2, 3, 1], name="tp"),
             helper.make_node("Relu", ["t"], ["y"], name="act")]
    m = make_model(nodes, [("x", [1, 3, 8, 8])], [("y", [1, 6, 6, 8])], [init("w", conv_weight(8, 3))])
    fs = findings(m, select={"RKN911"})
    assert [f.location.node_name for f in fs] == ["act"] and str(fs[0].severity) == "info"
    assert "move the Relu before the Transpose" in fs[0].hint


def test_fires_when_raw_conv_output_is_reused():
    nodes = [helper.make_node("Conv", ["x", "w"], ["c"], name="conv"),
             helper.make_node("Relu", ["c"], ["r"], name="act"),
             helper.make_node("Add", ["c", "r"], ["y"], name="skip")]
    m = make_model(nodes, [("x", [1, 3, 8, 8])], [("y", [1, 8, 6, 6])], [init("w", conv_weight(8, 3))])
    fs = findings(m, select={"RKN911"})
    assert [f.location.node_name for f in fs] == ["act"] and "Add 'skip'" in fs[0].message


def test_silent_on_silu_and_plain_fusion():
    assert findings(shared_model("det_yolov8n_nc20_256_op12.onnx"), select={"RKN911"}) == []
    m = make_model([helper.make_node("Conv", ["x", "w"], ["c"]), helper.make_node("Clip", ["c"], ["y"])],
                   [("x", [1, 3, 8, 8])], [("y", [1, 8, 6, 6])], [init("w", conv_weight(8, 3))])
    assert findings(m, select={"RKN911"}) == []
