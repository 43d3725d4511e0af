"""The fixed model's nodes are in topological order (the toolkit refuses a graph that is not), also when the
original was not, and an order that is already valid is kept as it is."""
from __future__ import annotations

import numpy as np
import onnx
from onnx import helper

from conftest import init, make_model, run_cli
from rknnlint.rewrites._walk import toposort


def _chain():
    nodes = [helper.make_node("Relu", ["x"], ["a"], name="n0"), helper.make_node("Neg", ["a"], ["b"], name="n1"),
             helper.make_node("Add", ["a", "b"], ["y"], name="n2")]
    return make_model(nodes, [("x", [1, 4])], [("y", [1, 4])])


def test_sorted_graph_is_kept():
    m = _chain()
    assert not toposort(m.graph)
    assert [n.name for n in m.graph.node] == ["n0", "n1", "n2"]


def test_reversed_graph_is_sorted_and_subgraph_outer_names_count():
    m = _chain()
    nodes = list(m.graph.node)
    # an If whose branch reads 'b' from the outer scope must come after the node that makes 'b'
    then = helper.make_graph([helper.make_node("Identity", ["b"], ["t"])], "then", [],
                             [helper.make_tensor_value_info("t", onnx.TensorProto.FLOAT, [1, 4])])
    other = helper.make_graph([helper.make_node("Identity", ["a"], ["e"])], "else", [],
                              [helper.make_tensor_value_info("e", onnx.TensorProto.FLOAT, [1, 4])])
    cond = helper.make_node("Constant", [], ["c"], name="c", value=helper.make_tensor("v", onnx.TensorProto.BOOL, [], [True]))
    branch = helper.make_node("If", ["c"], ["z"], name="if", then_branch=then, else_branch=other)
    del m.graph.node[:]
    m.graph.node.extend([branch, nodes[2], nodes[1], cond, nodes[0]])
    assert toposort(m.graph)
    order = [n.name for n in m.graph.node]
    assert order.index("n1") < order.index("if") and order.index("c") < order.index("if")
    assert order.index("n0") < order.index("n1") < order.index("n2")


def test_fix_writes_sorted_nodes(tmp_path):
    # LayerNormalization without epsilon (RKN702) in a graph whose nodes are stored in reverse order
    nodes = [helper.make_node("Relu", ["x"], ["r"], name="relu"),
             helper.make_node("LayerNormalization", ["r", "s", "b"], ["n"], name="ln", axis=-1),
             helper.make_node("Sigmoid", ["n"], ["y"], name="sig")]
    m = make_model(nodes[::-1], [("x", [1, 8, 16])], [("y", [1, 8, 16])],
                   [init("s", np.ones(16, np.float32)), init("b", np.zeros(16, np.float32))], opset=17)
    src, out = tmp_path / "rev.onnx", tmp_path / "out.onnx"
    onnx.save(m, src)
    code, stdout, err = run_cli("fix", src, "-o", out)
    assert out.exists(), stdout + err
    fixed = onnx.load(out)
    assert [n.name for n in fixed.graph.node] == ["relu", "ln", "sig"]
    onnx.checker.check_model(fixed, full_check=True)
