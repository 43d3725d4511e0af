"""An input read only by a Mul by an all-zero constant (silero-vad 16 kHz's int64 `sr`: `Cast(sr * 0)` added to its
state) changes no output; rknn-toolkit2 folds it away and an int8 build given one calibration file per ONNX input
stops ('The input num: 3 in dataset.txt not match input num: 2', RKN106, docs/facts.md#folded-inputs). RKN106
names drop-zeroed-inputs: the input becomes the constant 0, the outputs are the original's for any value of it."""
from __future__ import annotations

import numpy as np
import onnx
import pytest
from onnx import TensorProto, helper, numpy_helper

from conftest import findings, run_cli


def _vad(path):
    """x [1, 8] -> MatMul -> y; state [1, 4] + Cast(sr * 0) -> new_state; sr an int64 scalar input."""
    rng = np.random.default_rng(4)
    w = numpy_helper.from_array(rng.standard_normal((8, 4)).astype(np.float32), "w")
    zero = numpy_helper.from_array(np.zeros((), np.int64), "zero")
    nodes = [helper.make_node("MatMul", ["x", "w"], ["y"], name="mm"),
             helper.make_node("Mul", ["sr", "zero"], ["z"], name="/Mul"),
             helper.make_node("Cast", ["z"], ["zf"], to=TensorProto.FLOAT, name="cast"),
             helper.make_node("Add", ["state", "zf"], ["s2"], name="add"),
             helper.make_node("Relu", ["s2"], ["new_state"], name="relu")]
    g = helper.make_graph(nodes, "vad", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 8]),
                                         helper.make_tensor_value_info("state", TensorProto.FLOAT, [1, 4]),
                                         helper.make_tensor_value_info("sr", TensorProto.INT64, [])],
                          [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 4]),
                           helper.make_tensor_value_info("new_state", TensorProto.FLOAT, [1, 4])], [w, zero])
    m = helper.make_model(g, opset_imports=[helper.make_opsetid("", 15)])
    m.ir_version = 8
    onnx.save(m, path)
    return path


def _feed(sr=16000):
    rng = np.random.default_rng(0)
    return {"x": rng.standard_normal((1, 8)).astype(np.float32), "state": rng.standard_normal((1, 4)).astype(np.float32),
            "sr": np.array(sr, np.int64)}


def test_rkn106_names_drop_zeroed_inputs(tmp_path):
    got = findings(_vad(tmp_path / "m.onnx"), select={"RKN106"}, dtype="int8", toolkit_version="2.3.2")
    assert [(f.location.tensor, f.fix, f.fix_applicability) for f in got] == [("sr", "drop-zeroed-inputs", "unsafe")]


def test_fix_removes_sr_and_keeps_the_outputs(tmp_path):
    import onnxruntime as ort

    src = _vad(tmp_path / "m.onnx")
    out = tmp_path / "fixed.onnx"
    code, text, err = run_cli("fix", src, "--unsafe-fixes", "--dtype", "int8", "--toolkit-version", "2.3.2", "-o", out)
    assert code == 0, text + err
    fixed = onnx.load(out)
    assert [i.name for i in fixed.graph.input] == ["x", "state"]
    f = _feed()
    got = ort.InferenceSession(str(out)).run(None, {k: f[k] for k in ("x", "state")})
    for sr in (16000, 8000, 0):
        ref = ort.InferenceSession(str(src)).run(None, _feed(sr))
        for a, b in zip(got, ref):
            np.testing.assert_array_equal(a, b)
    assert findings(out, select={"RKN106"}, dtype="int8", toolkit_version="2.3.2") == []


def test_an_input_that_counts_is_kept(tmp_path):
    from _rw import apply

    m = onnx.load(_vad(tmp_path / "m.onnx"))
    m.graph.initializer[1].CopyFrom(numpy_helper.from_array(np.ones((), np.int64), "zero"))  # sr * 1: sr counts
    assert not apply("drop-zeroed-inputs", m).changed


@pytest.mark.toolkit
def test_fixed_model_builds_int8(tmp_path):
    """The fixed model's int8 build takes a calibration line with one file per input it has (the runner writes
    one per ONNX input, as a user following the ONNX interface would)."""
    pytest.importorskip("rknn.api")
    from rknnlint.toolkit.simulate import simulate

    src = _vad(tmp_path / "m.onnx")
    rc, _, log = simulate(src, _feed(), cwd=tmp_path, dtype="int8")
    assert rc != 0 and "input num: 3" in log, log[-1500:]  # the toolkit folded sr away
    out = tmp_path / "fixed.onnx"
    code, text, err = run_cli("fix", src, "--unsafe-fixes", "--dtype", "int8", "-o", out)
    assert code == 0, text + err
    f = _feed()
    rc, _, log = simulate(out, {k: f[k] for k in ("x", "state")}, cwd=tmp_path, dtype="int8")
    assert rc == 0, log[-1500:]
