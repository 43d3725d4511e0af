"""convert-opset: into the toolkit's window (13 by default), IR <= 11, numbers unchanged."""
from __future__ import annotations

import numpy as np
import onnx
from _rw import apply, assert_same
from onnx import helper

from conftest import init, make_model, shared_model


def _opset(m):
    return next(o.version for o in m.opset_import if o.domain in ("", "ai.onnx"))


def test_dynamo_opset21_with_external_data_goes_to_13():
    # onnx.version_converter alone fails here ("No Adapter From Version $19 for Reshape")
    m = onnx.load(shared_model("cls_squeezenet1_1_op21_dynamo.onnx"))
    res = apply("convert-opset", m)
    assert res.changed and _opset(res.model) == 13 and "opset 21 -> 13" in res.notes[0]
    rm = [n for n in res.model.graph.node if n.op_type == "ReduceMean"]
    assert rm and len(rm[0].input) == 1 and [list(a.ints) for a in rm[0].attribute if a.name == "axes"] == [[-1, -2]]
    assert not [a for n in res.model.graph.node if n.op_type == "Reshape" for a in n.attribute if a.name == "allowzero"]
    assert res.model.ir_version <= 11
    assert assert_same(m, res.model, runs=1, rtol=0, atol=0) == 0.0


def _op21_minimal():
    nodes = [helper.make_node("Relu", ["x"], ["r"]),
             helper.make_node("ReduceMean", ["r", "axes"], ["m"], keepdims=1),
             helper.make_node("Reshape", ["m", "shape"], ["y"], allowzero=1)]
    inits = [init("axes", np.array([-1, -2], np.int64)), init("shape", np.array([1, 3], np.int64))]
    return make_model(nodes, [("x", [1, 3, 4, 4])], [("y", [1, 3])], inits, opset=21, ir_version=10)


def test_minimal_opset21_step_by_step():
    m = _op21_minimal()
    res = apply("convert-opset", m)
    assert _opset(res.model) == 13
    assert "step by step" in res.notes[0]
    assert_same(m, res.model, rtol=0, atol=0)


def test_old_opset_goes_up_to_13():
    m = make_model([helper.make_node("Squeeze", ["x"], ["y"], axes=[0])], [("x", [1, 3, 4])], [("y", [3, 4])], opset=11,
                   ir_version=6)
    res = apply("convert-opset", m)
    assert _opset(res.model) == 13
    sq = res.model.graph.node[-1]
    assert sq.op_type == "Squeeze" and len(sq.input) == 2  # axes became an input at 13
    assert_same(m, res.model, rtol=0, atol=0)


def test_inside_the_window_is_kept():
    m = make_model([helper.make_node("Relu", ["x"], ["y"])], [("x", [1, 3])], [("y", [1, 3])], opset=17)
    assert not apply("convert-opset", m).changed


def test_ir_version_goes_down_to_what_onnx_1_18_reads():
    m = make_model([helper.make_node("Relu", ["x"], ["y"])], [("x", [1, 3])], [("y", [1, 3])], opset=17, ir_version=12)
    res = apply("convert-opset", m, check=False)  # onnx 1.18's checker refuses IR 12 itself
    assert res.changed and res.model.ir_version == 11 and "IR version 12 -> 11" in res.notes[0]
    onnx.checker.check_model(res.model)


def test_unconvertible_model_is_left_alone_with_the_reason():
    # ImageDecoder (opset 20) has neither an older version nor a function body: no relabelling either
    x = helper.make_tensor_value_info("x", onnx.TensorProto.UINT8, [10])
    y = helper.make_tensor_value_info("y", onnx.TensorProto.UINT8, [1, 1, 3])
    m = helper.make_model(helper.make_graph([helper.make_node("ImageDecoder", ["x"], ["y"])], "g", [x], [y]),
                          opset_imports=[helper.make_opsetid("", 21)], ir_version=10)
    res = apply("convert-opset", m)
    assert not res.changed and res.notes[0].startswith("cannot convert opset 21 to 13")
    assert "ImageDecoder" in res.notes[0]
