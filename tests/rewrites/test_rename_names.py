"""rename-names: unique non-empty node names (safe); interface names without whitespace (unsafe part)."""
from __future__ import annotations

import numpy as np
import pytest
from _rw import apply, run, session
from onnx import helper

from conftest import make_model


def _model():
    nodes = [helper.make_node("Relu", ["in put"], ["a"], name=""), helper.make_node("Relu", ["a"], ["b"], name="r"),
             helper.make_node("Relu", ["b"], ["out\tput"], name="r")]
    return make_model(nodes, [("in put", [1, 3])], [("out\tput", [1, 3])])


def test_node_names_become_unique():
    m = _model()
    res = apply("rename-names", m)
    names = [n.name for n in res.model.graph.node]
    assert all(names) and len(set(names)) == 3 and names[1] == "r"
    assert res.model.graph.input[0].name == "in put"  # the interface needs --unsafe-fixes
    with pytest.raises(Exception, match="two nodes with same node name"):
        session(m)  # onnxruntime refuses the original
    x = np.array([[-1.0, 0.5, 2.0]], np.float32)
    np.testing.assert_array_equal(run(res.model, {"in put": x})["out\tput"], np.maximum(x, 0))


def test_interface_names_only_when_unsafe_is_allowed():
    res = apply("rename-names", _model(), allow_unsafe=True)
    assert res.model.graph.input[0].name == "in_put" and res.model.graph.output[0].name == "out_put"
    assert res.extra["renamed"] == {"in put": "in_put", "out\tput": "out_put"}


def test_clean_model_unchanged():
    m = make_model([helper.make_node("Relu", ["x"], ["y"], name="n")], [("x", [1])], [("y", [1])])
    assert not apply("rename-names", m).changed
