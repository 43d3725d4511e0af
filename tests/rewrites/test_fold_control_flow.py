"""fold-control-flow / pin-input-values: If with a constant condition -> the taken branch (outer-scope names
and outputs taken straight from the outer scope included); Loop with a constant trip count -> unrolled (carried
values and scan outputs); `--input-value sr=16000` fixes a scalar input so the If selecting on it folds. Each
is exact: onnxruntime gives the same bits on the original and the fixed model."""
from __future__ import annotations

import numpy as np
import onnx
import pytest
from _rw import apply, assert_same, run
from onnx import TensorProto, helper

from conftest import findings, init, make_model, run_cli

F = TensorProto.FLOAT


def _vi(name, shape=None, t=F):
    return helper.make_tensor_value_info(name, t, shape)


def _if_model(cond_init: bool | None = True):
    """If on an initializer (or on Greater(Shape(x)[2], 100) when cond_init is None); the then branch reads the
    outer 'r' and 'w'; the else branch's first output is read inside it too."""
    then = helper.make_graph([helper.make_node("Mul", ["r", "w"], ["t0"]), helper.make_node("Sigmoid", ["t0"], ["t1"]),
                              helper.make_node("Identity", ["r"], ["t2"])], "then", [], [_vi("t1"), _vi("t2")])
    other = helper.make_graph([helper.make_node("Neg", ["r"], ["e0"]), helper.make_node("Abs", ["e0"], ["e1"])], "else",
                              [], [_vi("e0"), _vi("e1")])
    nodes = [helper.make_node("Relu", ["x"], ["r"])]
    inits = [init("w", np.full((1, 4, 8), 0.5, np.float32))]
    if cond_init is None:
        nodes += [helper.make_node("Shape", ["x"], ["s"]), helper.make_node("Gather", ["s", "two"], ["d"], axis=0),
                  helper.make_node("Greater", ["d", "hundred"], ["c"])]
        inits += [init("two", np.array(2, np.int64)), init("hundred", np.array(100, np.int64))]
        x = ("x", [1, 4, "T"])
    else:
        inits.append(init("c", np.array(cond_init)))
        x = ("x", [1, 4, 8])
    nodes += [helper.make_node("If", ["c"], ["a", "b"], name="branch", then_branch=then, else_branch=other),
              helper.make_node("Add", ["a", "b"], ["y"])]
    return make_model(nodes, [x], [("y", None)], inits, opset=13)


def _loop_model(trips: int = 3):
    body = helper.make_graph(
        [helper.make_node("Mul", ["v_in", "half"], ["h"]), helper.make_node("Add", ["h", "x"], ["v_out"]),
         helper.make_node("Cast", ["i"], ["fi"], to=F), helper.make_node("Mul", ["v_out", "fi"], ["scan"]),
         helper.make_node("Identity", ["cond_in"], ["cond_out"])],
        "body", [_vi("i", [], TensorProto.INT64), _vi("cond_in", [], TensorProto.BOOL), _vi("v_in", [1, 8])],
        [_vi("cond_out", [], TensorProto.BOOL), _vi("v_out", [1, 8]), _vi("scan", [1, 8])],
        [init("half", np.float32(0.5))])
    nodes = [helper.make_node("Loop", ["M", "", "x"], ["v", "scans"], name="loop", body=body),
             helper.make_node("Relu", ["scans"], ["y"])]
    return make_model(nodes, [("x", [1, 8])], [("v", [1, 8]), ("y", [trips, 1, 8])],
                      [init("M", np.array(trips, np.int64))], opset=13)


@pytest.mark.parametrize("cond", [True, False])
def test_if_on_an_initializer_inlined(cond):
    m = _if_model(cond)
    assert findings(m, select=["RKN303"])
    res = apply("fold-control-flow", m)
    assert res.changed, res.notes
    assert f"If 'branch' -> its {'then' if cond else 'else'} branch" in res.notes[0]
    assert "If" not in {n.op_type for n in res.model.graph.node}
    assert assert_same(m, res.model, runs=2, rtol=0, atol=0) == 0.0
    assert not findings(res.model, select=["RKN303"])


def test_if_on_a_shape_folds_after_pinning():
    m = _if_model(None)
    res = apply("pin-input-shapes", m, input_shapes={"x": (1, 4, 8)})
    assert "If" not in {n.op_type for n in res.model.graph.node}, res.notes
    assert any("If 'branch' -> its else branch" in n for n in res.notes)
    assert assert_same(m, res.model, runs=2, rtol=0, atol=0, shapes={"x": [1, 4, 8]}) == 0.0


def test_loop_unrolled():
    m = _loop_model(3)
    res = apply("fold-control-flow", m)
    assert res.changed and "Loop 'loop' unrolled x3" in res.notes[0], res.notes
    assert "Loop" not in {n.op_type for n in res.model.graph.node}
    assert assert_same(m, res.model, runs=2, rtol=0, atol=0) == 0.0


def test_loop_that_can_stop_early_stays():
    m = _loop_model(3)
    body = m.graph.node[0].attribute[0].g
    body.node[4].CopyFrom(helper.make_node("ReduceMax", ["v_out"], ["mx"], keepdims=0))
    body.node.append(helper.make_node("Less", ["mx", "half"], ["cond_out"]))
    res = apply("fold-control-flow", m, check=False)
    assert not res.changed and "can stop early" in res.notes[0]


def _sr_model():
    """A front end that resamples unless sr is 16000 (then the audio passes as is), as exported by scripting."""
    then = helper.make_graph([helper.make_node("Identity", ["audio"], ["o"])], "keep", [], [_vi("o")])
    other = helper.make_graph([helper.make_node("Mul", ["audio", "gain"], ["o2"])], "resample", [], [_vi("o2")])
    nodes = [helper.make_node("Equal", ["sr", "k16"], ["c"]),
             helper.make_node("If", ["c"], ["a"], name="resample_if", then_branch=then, else_branch=other),
             helper.make_node("MatMul", ["a", "w"], ["y"])]
    rng = np.random.default_rng(0)
    inits = [init("k16", np.array(16000, np.int64)), init("gain", np.float32(0.5)),
             init("w", rng.standard_normal((160, 16)).astype(np.float32))]
    return make_model(nodes, [("audio", [1, 160]), ("sr", [], TensorProto.INT64)], [("y", [1, 16])], inits, opset=13)


def test_input_value_folds_the_if():
    m = _sr_model()
    res = apply("pin-input-values", m, input_values={"sr": "16000"})
    assert [i.name for i in res.model.graph.input] == ["audio"]
    assert "If" not in {n.op_type for n in res.model.graph.node}, res.notes
    feed = {"audio": np.random.default_rng(1).standard_normal((1, 160)).astype(np.float32)}
    want = run(m, {**feed, "sr": np.array(16000, np.int64)})["y"]
    assert np.array_equal(run(res.model, feed)["y"], want)
    assert not np.array_equal(run(m, {**feed, "sr": np.array(8000, np.int64)})["y"], want)  # the input mattered


def test_fix_cli_input_value(tmp_path):
    src, out = tmp_path / "sr.onnx", tmp_path / "sr.fixed.onnx"
    onnx.save(_sr_model(), src)
    code, stdout, err = run_cli("fix", src, "-o", out)
    assert code == 1 and "RKN303" in stdout  # without the value the If stays
    code, stdout, err = run_cli("fix", src, "-o", out, "--input-value", "sr=16000")
    assert code == 0, stdout + err
    assert "input 'sr' = 16000" in stdout and "bit-identical" in stdout
    code, stdout, err = run_cli("fix", src, "-o", out, "--input-value", "rate=16000")
    assert code == 2 and "no input 'rate'" in err


@pytest.mark.toolkit
def test_fixed_input_value_and_loop_build(tmp_path):
    from _toolkit_build import toolkit_build

    for name, model, extra in (("sr", _sr_model(), ["--input-value", "sr=16000"]), ("loop", _loop_model(3), [])):
        src, out = tmp_path / f"{name}.onnx", tmp_path / f"{name}.fixed.onnx"
        onnx.save(model, src)
        assert toolkit_build(src)[0] != 0, name
        code, stdout, err = run_cli("fix", src, "-o", out, *extra)
        assert code == 0, stdout + err
        rc, log = toolkit_build(out)
        assert rc == 0, (name, log[-2000:])


def test_input_value_keeps_an_output_shape_inference_cannot_fill():
    """After the If folds, shape inference cannot give the Squeeze's output (no axes, a symbolic dim) a shape;
    onnx.checker wants one on a graph output, so the declared [1, T] stays (silero-vad's export rolled back here)."""
    then = helper.make_graph([helper.make_node("Identity", ["audio"], ["o"])], "keep", [], [_vi("o")])
    other = helper.make_graph([helper.make_node("Mul", ["audio", "gain"], ["o2"])], "resample", [], [_vi("o2")])
    nodes = [helper.make_node("Equal", ["sr", "k16"], ["c"]),
             helper.make_node("If", ["c"], ["a"], name="resample_if", then_branch=then, else_branch=other),
             helper.make_node("Squeeze", ["a"], ["y"], name="squeeze")]
    m = make_model(nodes, [("audio", [1, "T", 1]), ("sr", [], TensorProto.INT64)], [("y", [1, "T"])],
                   [init("k16", np.array(16000, np.int64)), init("gain", np.float32(0.5))], opset=13)
    res = apply("pin-input-values", m, input_values={"sr": "16000"})
    onnx.checker.check_model(res.model, full_check=True)
    [y] = res.model.graph.output
    assert [d.dim_value or d.dim_param for d in y.type.tensor_type.shape.dim] == [1, "T"]
    assert "If" not in {n.op_type for n in res.model.graph.node}
    feed = {"audio": np.arange(5, dtype=np.float32).reshape(1, 5, 1)}
    assert np.array_equal(run(res.model, feed)["y"], run(m, {**feed, "sr": np.array(16000, np.int64)})["y"])
