"""pin-input-shapes on dynamo exports whose dims are symbol expressions ([1, 80, 2*T] and [1, T]): the symbol
is solved from the given shape (T = 100 for 200), the other inputs of the same symbol are pinned, the
Range / Sin / Cos computed from it are folded, exactly. The graph is the one torch 2.14's dynamo exporter
writes for `arange(x.shape[2] // 2)` positions with `dynamic_shapes={"x": {2: 2*T}, "mask": {1: T}}`."""
from __future__ import annotations

import numpy as np
import onnx
import pytest
from _rw import apply, assert_same
from onnx import TensorProto, helper

from conftest import init, make_model, run_cli
from rknnlint.rewrites.pin_input_shapes import plan_shapes, solve_symbols


def _dynamo_positions(opset: int = 20):
    nodes = [helper.make_node("Shape", ["mask"], ["s"], start=1, end=2, name="node_Shape_1"),
             helper.make_node("Squeeze", ["s"], ["t"], name="node_sym_size_int_5"),
             helper.make_node("Cast", ["t"], ["tf"], to=TensorProto.FLOAT),
             helper.make_node("Range", ["zero", "tf", "one"], ["pos"], name="node_arange"),
             helper.make_node("Sin", ["pos"], ["sin"]), helper.make_node("Cos", ["pos"], ["cos"]),
             helper.make_node("Add", ["sin", "cos"], ["pe"]),
             helper.make_node("Slice", ["x", "st", "en", "ax", "ax"], ["xs"]),
             helper.make_node("Add", ["xs", "pe"], ["a"]),
             helper.make_node("Unsqueeze", ["mask", "one_i"], ["m3"]),
             helper.make_node("Add", ["a", "m3"], ["y"])]
    inits = [init("zero", np.float32(0)), init("one", np.float32(1)), init("st", np.array([0], np.int64)),
             init("en", np.array([2**63 - 1], np.int64)), init("ax", np.array([2], np.int64)),
             init("one_i", np.array([1], np.int64))]
    inputs = [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 80, "2*T"]),
              helper.make_tensor_value_info("mask", TensorProto.FLOAT, [1, "T"])]
    outputs = [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 80, "T"])]
    m = make_model(nodes, inputs, outputs, inits, opset=opset, ir_version=10)
    # dynamo declares the symbolic intermediate shapes too
    m.graph.value_info.extend([helper.make_tensor_value_info("pos", TensorProto.FLOAT, ["T"]),
                               helper.make_tensor_value_info("t", TensorProto.INT64, [])])
    return m


@pytest.mark.parametrize("expr, size, want", [("2*T", 200, 100), ("T", 7, 7), ("T + 1", 9, 8), ("(T//2)", 50, 100),
                                              ("s0*4", 64, 16)])
def test_solve_symbols(expr, size, want):
    m = make_model([helper.make_node("Identity", ["x"], ["y"])], [("x", [1, expr])], [("y", [1, expr])])
    sym = "s0" if "s0" in expr else "T"
    assert solve_symbols(m, {"x": (1, size)}) == {sym: want}


def test_other_input_of_the_same_symbol_is_pinned():
    plan, left = plan_shapes(_dynamo_positions(), {"x": (1, 80, 200)})
    assert plan == {"x": (1, 80, 200), "mask": (1, 100)} and not left


def test_range_sin_cos_folded_exactly():
    m = _dynamo_positions(opset=19)
    res = apply("pin-input-shapes", m, input_shapes={"x": (1, 80, 200)})
    assert res.changed, res.notes
    assert "input 'mask' [1, T] -> [1, 100]" in res.notes[1]
    ops = {n.op_type for n in res.model.graph.node}
    assert not ops & {"Shape", "Range", "Sin", "Cos", "Cast"}, ops
    assert assert_same(m, res.model, runs=2, rtol=0, atol=0, shapes={"x": [1, 80, 200], "mask": [1, 100]}) == 0.0


def test_fix_cli_opset20_dynamo_positions(tmp_path):
    # opset 20 with Shape-15 start / end: converted to 19 (no adapter to 14), then pinned and folded
    src, out = tmp_path / "pos.onnx", tmp_path / "pos.fixed.onnx"
    onnx.save(_dynamo_positions(), src)
    code, stdout, err = run_cli("fix", src, "-o", out, "--input-shape", "x=1,80,200")
    assert code == 0, stdout + err
    assert "opset 20 -> 19" in stdout and "[1, T] -> [1, 100]" in stdout and "bit-identical" in stdout
    fixed = onnx.load(out)
    assert [[d.dim_value for d in i.type.tensor_type.shape.dim] for i in fixed.graph.input] == [[1, 80, 200], [1, 100]]


@pytest.mark.toolkit
def test_fixed_dynamo_positions_build(tmp_path):
    from _toolkit_build import toolkit_build

    src, out = tmp_path / "pos.onnx", tmp_path / "pos.fixed.onnx"
    onnx.save(_dynamo_positions(), src)
    assert toolkit_build(src)[0] != 0
    code, stdout, err = run_cli("fix", src, "-o", out, "--input-shape", "x=1,80,200")
    assert code == 0, stdout + err
    rc, log = toolkit_build(out)
    assert rc == 0, log[-2000:]
