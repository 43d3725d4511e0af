"""A fix never writes a model with a validation error left (issue 14): each rewrite is only held to adding no
new error, so an error the original already had survives the loop; the final check refuses to write it."""
from __future__ import annotations

import json

import numpy as np
import onnx
from onnx import helper

from conftest import init, make_model, run_cli


def _ln_model(declared_width: int) -> onnx.ModelProto:
    # LayerNormalization without epsilon (RKN702: a safe, exact fix), output declared [1, 8, declared_width]
    nodes = [helper.make_node("Relu", ["x"], ["r"], name="relu"),
             helper.make_node("LayerNormalization", ["r", "s", "b"], ["y"], name="ln", axis=-1)]
    return make_model(nodes, [("x", [1, 8, 16])], [("y", [1, 8, declared_width])],
                      [init("s", np.ones(16, np.float32)), init("b", np.zeros(16, np.float32))], opset=17)


def test_error_the_original_had_is_not_written(tmp_path):
    src, out = tmp_path / "bad.onnx", tmp_path / "out.onnx"
    onnx.save(_ln_model(17), src)  # the declared output width contradicts what the graph computes (16)
    code, stdout, err = run_cli("fix", src, "-o", out)
    assert code == 1, stdout + err
    assert not out.exists()
    line = next(ln for ln in stdout.splitlines() if "INVALID" in ln)
    assert "the fixed model fails" in line and "nothing written" in line
    assert "Traceback" not in stdout + err
    code, stdout, _ = run_cli("fix", src, "-o", out, "-f", "json")
    rep = json.loads(stdout)["models"][0]
    assert code == 1 and rep["written"] == [] and "shape" in rep["invalid"].lower()


def test_valid_model_is_written(tmp_path):
    src, out = tmp_path / "ok.onnx", tmp_path / "out.onnx"
    onnx.save(_ln_model(16), src)
    code, stdout, err = run_cli("fix", src, "-o", out, "-f", "json")
    rep = json.loads(stdout)["models"][0]
    assert code == 0 and out.exists() and rep["invalid"] is None, stdout + err
    onnx.checker.check_model(onnx.load(out), full_check=True)


def test_stale_shape_hint_is_dropped_not_refused(tmp_path):
    # the same error in a value_info shape hint of an intermediate tensor: the hint goes, the model is written
    m = _ln_model(16)
    m.graph.value_info.append(helper.make_tensor_value_info("r", onnx.TensorProto.FLOAT, [1, 8, 17]))
    src, out = tmp_path / "hint.onnx", tmp_path / "out.onnx"
    onnx.save(m, src)
    code, stdout, err = run_cli("fix", src, "-o", out)
    assert code == 0 and out.exists(), stdout + err
    fixed = onnx.load(out)
    onnx.checker.check_model(fixed, full_check=True)
    assert "r" not in {v.name for v in fixed.graph.value_info}


def test_an_output_typed_without_a_shape_gets_one_and_the_checkers_finding_goes(tmp_path):
    """Older exporters write a graph output with an element type and no shape (the full checker rejects it:
    RKN206). The written model declares the shape inference gives, or for a Reshape to a computed shape its
    rank, and the re-check no longer reports the checker's complaint."""
    m = _ln_model(16)
    m.graph.output[0].type.tensor_type.ClearField("shape")
    src, out = tmp_path / "noshape.onnx", tmp_path / "out.onnx"
    onnx.save(m, src)
    code, stdout, err = run_cli("check", src, "--select", "RKN206")
    assert code == 1 and "Field 'shape' of 'type' is required but missing" in stdout, stdout
    code, stdout, err = run_cli("fix", src, "-o", out)
    assert code == 0 and out.exists() and "RKN206" not in stdout.split("left", 1)[1], stdout + err
    fixed = onnx.load(out)
    onnx.checker.check_model(fixed, full_check=True)
    assert [d.dim_value for d in fixed.graph.output[0].type.tensor_type.shape.dim] == [1, 8, 16]
    # a Reshape to a shape the graph computes: inference cannot give the dims, only the rank
    nodes = [helper.make_node("Shape", ["x"], ["s"], name="shape"),
             helper.make_node("Reshape", ["x", "s"], ["r"], name="reshape"),
             helper.make_node("LayerNormalization", ["r", "g", "b"], ["y"], name="ln", axis=-1)]
    m2 = make_model(nodes, [("x", [1, 8, 16])], [("y", [1, 8, 16])],
                    [init("g", np.ones(16, np.float32)), init("b", np.zeros(16, np.float32))], opset=17)
    m2.graph.node[1].output[0] = "y0"
    m2.graph.node[2].input[0] = "y0"
    m2.graph.node.append(helper.make_node("Reshape", ["y", "s"], ["z"], name="to_output"))
    m2.graph.output[0].CopyFrom(helper.make_tensor_value_info("z", onnx.TensorProto.FLOAT, None))
    src2 = tmp_path / "computed.onnx"
    onnx.save(m2, src2)
    code, stdout, err = run_cli("fix", src2, "-o", out)
    assert code == 0, stdout + err
    z = onnx.load(out).graph.output[0]
    assert len(z.type.tensor_type.shape.dim) == 3
