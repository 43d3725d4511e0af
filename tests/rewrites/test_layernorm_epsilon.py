"""layernorm-epsilon: the explicit default epsilon, bit-identical outputs."""
from __future__ import annotations

import numpy as np
import onnx
from _rw import apply, assert_same, tagged
from onnx import helper

from conftest import init, make_model, shared_model


def _ln(eps=None):
    kw = {} if eps is None else {"epsilon": eps}
    return make_model([helper.make_node("LayerNormalization", ["x", "g", "b"], ["y"], axis=-1, name="ln", **kw)],
                      [("x", [1, 4, 8])], [("y", [1, 4, 8])], [init("g", np.ones(8, np.float32)), init("b", np.zeros(8, np.float32))], opset=17)


def test_real_model_gets_epsilon_and_same_numbers():
    m = onnx.load(shared_model("misc_layernorm_noeps_op17.onnx"))
    res = apply("layernorm-epsilon", m, codes=("RKN702",))
    assert res.changed and "epsilon=1e-5" in res.notes[0]
    ln = [n for n in res.model.graph.node if n.op_type == "LayerNormalization"]
    assert len(ln) == 1
    assert abs(next(a.f for a in ln[0].attribute if a.name == "epsilon") - 1e-5) < 1e-12
    assert tagged(res.model, "layernorm-epsilon") == ln
    assert "RKN702" in ln[0].doc_string
    assert assert_same(m, res.model, rtol=0, atol=0) == 0.0


def test_explicit_epsilon_is_left_alone():
    res = apply("layernorm-epsilon", _ln(1e-6))
    assert not res.changed


def test_minimal_graph():
    m = _ln()
    res = apply("layernorm-epsilon", m)
    assert res.changed
    assert_same(m, res.model, rtol=0, atol=0)
