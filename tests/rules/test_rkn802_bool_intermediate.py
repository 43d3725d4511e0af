from __future__ import annotations

from onnx import helper

from conftest import findings, make_model


def test_fires_on_equal_mask():
    m = make_model([helper.make_node("Equal", ["x", "x"], ["b"]), helper.make_node("Cast", ["b"], ["y"], to=1)],
                   [("x", [1, 3, 8, 8])], [("y", [1, 3, 8, 8])])
    fs = findings(m, select={"RKN802"})
    assert [f.location.op_type for f in fs] == ["Equal"]
    assert str(fs[0].severity) == "info"


def test_silent_on_float_graph():
    m = make_model([helper.make_node("Relu", ["x"], ["y"])], [("x", [1, 3, 8, 8])], [("y", [1, 3, 8, 8])])
    assert findings(m, select={"RKN802"}) == []
