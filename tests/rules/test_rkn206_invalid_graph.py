from __future__ import annotations

from onnx import helper

from conftest import findings, make_model, tensor

S = [1, 3, 8, 8]


def test_input_nothing_produces_is_an_error_on_its_node():
    m = make_model([helper.make_node("Relu", ["x"], ["r"], name="relu"),
                    helper.make_node("Add", ["r", "ghost"], ["y"], name="add_ghost")], [("x", S)], [("y", S)])
    fs = findings(m, select={"RKN206"})
    assert [(str(f.severity), f.location.node_name, f.data["value"], f.data["kind"]) for f in fs] == [
        ("error", "add_ghost", "ghost", "unproduced")]
    assert "Can not find tensor value info for 'ghost'!" in fs[0].message


def test_nodes_out_of_order_are_an_error():
    m = make_model([helper.make_node("Sigmoid", ["r"], ["y"], name="sig"),
                    helper.make_node("Relu", ["x"], ["r"], name="relu")], [("x", S)], [("y", S)])
    fs = findings(m, select={"RKN206"})
    assert [(f.location.node_name, f.data["kind"]) for f in fs] == [("sig", "order")]


def test_unproduced_input_inside_a_subgraph_is_found():
    then = helper.make_graph([helper.make_node("Add", ["x", "nowhere"], ["t"], name="inner_add")], "then", [],
                             [tensor("t", S)])
    other = helper.make_graph([helper.make_node("Identity", ["x"], ["e"], name="inner_id")], "else", [], [tensor("e", S)])
    m = make_model([helper.make_node("If", ["c"], ["y"], name="if0", then_branch=then, else_branch=other)],
                   [("x", S), ("c", [], 9)], [("y", S)])
    fs = findings(m, select={"RKN206"})
    assert [(f.location.node_name, f.data["value"]) for f in fs] == [("inner_add", "nowhere")]
    assert f"{fs[0].location}" == 'graph/node[0](If, "if0")/then_branch:node[0](Add, "inner_add")'


def test_strict_shape_inference_error_names_the_node_and_the_checker_message():
    m = make_model([helper.make_node("Add", ["x", "z"], ["y"], name="bad_add")], [("x", S), ("z", [1, 4, 8, 8])],
                   [("y", S)])
    fs = findings(m, select={"RKN206"})
    assert [(str(f.severity), f.location.node_name) for f in fs] == [("error", "bad_add")]
    assert "Incompatible dimensions" in fs[0].message and "full checker" in fs[0].message


def test_declared_shape_conflict_is_a_warning():
    m = make_model([helper.make_node("Relu", ["x"], ["y"], name="relu")], [("x", S)], [("y", [1, 3, 9, 9])])
    fs = findings(m, select={"RKN206"})
    assert [(str(f.severity), f.location.node_name) for f in fs] == [("warning", "relu")]
    assert "differ in dimension 2" in fs[0].message


def test_what_other_rules_report_is_not_repeated():
    m = make_model([helper.make_node("FooBar", ["x"], ["y"], name="foo")], [("x", S)], [("y", S)])
    assert findings(m, select={"RKN206"}) == []
    assert [f.code for f in findings(m, select={"RKN203", "RKN206"})] == ["RKN203"]


def test_valid_models_pass():
    import numpy as np

    from conftest import conv_weight, init

    w = init("w", conv_weight(8, 3))
    shp = init("shp", np.array([1, -1], np.int64))
    then = helper.make_graph([helper.make_node("Relu", ["x"], ["t"], name="inner")], "then", [], [tensor("t", S)])
    other = helper.make_graph([helper.make_node("Identity", ["x"], ["e"])], "else", [], [tensor("e", S)])
    m = make_model([helper.make_node("If", ["c"], ["b"], name="if0", then_branch=then, else_branch=other),
                    helper.make_node("Conv", ["b", "w"], ["c1"], name="conv", pads=[1, 1, 1, 1]),
                    helper.make_node("Reshape", ["c1", "shp"], ["y"], name="flat")],
                   [("x", S), ("c", [], 9)], [("y", [1, 512])], [w, shp])
    assert findings(m, select={"RKN206"}) == []
    m.ir_version = 3  # IR 3: initializers are also graph inputs; the checker must see them declared
    m.graph.input.extend([tensor("w", [8, 3, 3, 3]), tensor("shp", [2], 7)])
    assert findings(m, select={"RKN206"}) == []
