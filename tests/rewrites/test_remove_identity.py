"""remove-identity: Identity nodes between computed tensors dropped, bit-identical outputs; graph outputs and
names a subgraph reads keep theirs."""
from __future__ import annotations

import numpy as np
from _rw import apply, assert_same, tagged
from onnx import helper

from conftest import init, make_model


def _chain(out_identity: bool = False):
    nodes = [helper.make_node("Softmax", ["x"], ["s"], axis=-1, name="sm"),
             helper.make_node("Identity", ["s"], ["d"], name="dropout"),
             helper.make_node("Identity", ["d"], ["d2"], name="dropout2"),
             helper.make_node("MatMul", ["d2", "v"], ["y"], name="av")]
    outs = [("y", [1, 2, 4, 3])]
    if out_identity:
        nodes.append(helper.make_node("Identity", ["y"], ["z"], name="to_output"))
        outs = [("z", [1, 2, 4, 3])]
    return make_model(nodes, [("x", [1, 2, 4, 4])], outs, [init("v", np.arange(24, dtype=np.float32).reshape(1, 2, 4, 3))])


def test_identities_between_computed_tensors_are_dropped_and_numbers_stay():
    m = _chain()
    res = apply("remove-identity", m, codes=("RKN709",))
    assert res.changed and res.notes == ["dropped Identity 'dropout', 'dropout2': their readers read their inputs"]
    assert [n.op_type for n in res.model.graph.node] == ["Softmax", "MatMul"]
    (mm,) = tagged(res.model, "remove-identity")
    assert mm.name == "av" and list(mm.input) == ["s", "v"] and "RKN709" in mm.doc_string
    assert assert_same(m, res.model, rtol=0, atol=0) == 0.0


def test_an_identity_that_makes_a_graph_output_or_reads_a_weight_is_kept():
    res = apply("remove-identity", _chain(out_identity=True))
    assert [n.name for n in res.model.graph.node] == ["sm", "av", "to_output"]
    w = make_model([helper.make_node("Identity", ["w"], ["w2"], name="shared"),
                    helper.make_node("MatMul", ["x", "w2"], ["y"], name="mm")],
                   [("x", [1, 4])], [("y", [1, 4])], [init("w", np.eye(4, dtype=np.float32))])
    assert not apply("remove-identity", w).changed
