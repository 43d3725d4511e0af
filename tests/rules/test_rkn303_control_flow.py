from __future__ import annotations

import numpy as np
import pytest
from _toolkit_build import toolkit_build
from onnx import TensorProto, helper

from conftest import findings, init, make_model, save, shared_model


def _branch(op, out):
    return helper.make_graph([helper.make_node(op, ["x"], [out])], op, [], [helper.make_tensor_value_info(out, TensorProto.FLOAT, [1, 4])])


def _if(const_cond: bool):
    nodes = [] if const_cond else [helper.make_node("ReduceMax", ["x"], ["r"], keepdims=0),
                                   helper.make_node("Greater", ["r", "z"], ["c"])]
    nodes.append(helper.make_node("If", ["c"], ["y"], then_branch=_branch("Relu", "a"), else_branch=_branch("Neg", "b"), name="iff"))
    inits = [init("c", np.array(True))] if const_cond else [init("z", np.array(0, np.float32))]
    return make_model(nodes, [("x", [1, 4])], [("y", [1, 4])], inits)


def test_fires_on_minimal_if_with_data_condition():
    fs = findings(_if(False), select={"RKN303"})
    assert [f.location.node_name for f in fs] == ["iff"] and str(fs[0].severity) == "error"
    assert "control flow" in fs[0].message


def test_constant_condition_names_the_crash():
    fs = findings(_if(True), select={"RKN303"})
    assert len(fs) == 1 and "KeyError: 'c'" in fs[0].message and "inline" in fs[0].hint


def test_walks_subgraphs():
    inner = helper.make_graph([helper.make_node("If", ["c2"], ["a"], then_branch=_branch("Relu", "t"),
                                                else_branch=_branch("Neg", "e"), name="inner")], "then", [],
                              [helper.make_tensor_value_info("a", TensorProto.FLOAT, [1, 4])])
    nodes = [helper.make_node("ReduceMax", ["x"], ["r"], keepdims=0), helper.make_node("Greater", ["r", "z"], ["c"]),
             helper.make_node("Greater", ["r", "z"], ["c2"]),
             helper.make_node("If", ["c"], ["y"], then_branch=inner, else_branch=_branch("Neg", "b"), name="outer")]
    m = make_model(nodes, [("x", [1, 4])], [("y", [1, 4])], [init("z", np.array(0, np.float32))])
    assert sorted(f.location.node_name for f in findings(m, select={"RKN303"})) == ["inner", "outer"]


def test_silent_on_clean_models():
    for name in ("cls_shufflenet_v2_x1_0_op13.onnx", "seq_gru2x96_op12.onnx"):
        assert findings(shared_model(name), select={"RKN303"}) == []


@pytest.mark.toolkit
def test_toolkit_fails_on_if(tmp_path):
    rc, out = toolkit_build(save(_if(True), tmp_path, "ifc.onnx"))
    assert rc != 0 and "KeyError: 'c'" in out
    rc, out = toolkit_build(save(_if(False), tmp_path, "ifd.onnx"))
    assert rc != 0 and "The If('iff') will cause the graph to be a dynamic graph!" in out
