"""An int8 build fails with a KeyError in the quantizer on an output name of more than 127 characters (RKN105,
docs/facts.md#output-names; openWakeWord's timer head names its output with its JSON label map). RKN105 names
shorten-output-names (unsafe): the name is cut to the limit with a digest of the whole name, the old name kept in
metadata_props, the numbers unchanged, and the int8 build passes."""
from __future__ import annotations

import json

import numpy as np
import onnx
import pytest
from onnx import TensorProto, helper

from conftest import findings, run_cli

LONG = json.dumps({str(k): f"{k}_minute_label_for_a_long_name" for k in range(1, 7)})


def _head(path):
    rng = np.random.default_rng(2)
    w = helper.make_tensor("w", TensorProto.FLOAT, [16, 6], rng.standard_normal(96).astype(np.float32))
    g = helper.make_graph([helper.make_node("Flatten", ["x"], ["f"], name="flat"),
                           helper.make_node("Gemm", ["f", "w"], ["g"], name="gemm"),
                           helper.make_node("Softmax", ["g"], [LONG], axis=1, name="softmax")], "head",
                          [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 16, 1, 1])],
                          [helper.make_tensor_value_info(LONG, TensorProto.FLOAT, [1, 6])], [w])
    m = helper.make_model(g, opset_imports=[helper.make_opsetid("", 13)])
    m.ir_version = 8
    onnx.save(m, path)
    return path


def test_rkn105_names_rename_names(tmp_path):
    assert len(LONG) > 127
    got = findings(_head(tmp_path / "m.onnx"), select={"RKN105"}, dtype="int8")
    assert [(f.fix, f.fix_applicability) for f in got] == [("shorten-output-names", "unsafe")]


def test_fix_shortens_the_output_name_and_keeps_the_numbers(tmp_path):
    import onnxruntime as ort

    src = _head(tmp_path / "m.onnx")
    out = tmp_path / "fixed.onnx"
    code, text, err = run_cli("fix", src, "--unsafe-fixes", "--dtype", "int8", "-o", out)
    assert code == 0, text + err
    m = onnx.load(out)
    name = m.graph.output[0].name
    assert len(name) <= 127 and name != LONG
    assert json.loads({p.key: p.value for p in m.metadata_props}["rknnlint.renamed"]) == {name: LONG}
    x = np.random.default_rng(0).standard_normal((1, 16, 1, 1)).astype(np.float32)
    a = ort.InferenceSession(str(src)).run(None, {"x": x})[0]
    b = ort.InferenceSession(str(out)).run(None, {"x": x})[0]
    np.testing.assert_array_equal(a, b)
    assert findings(out, select={"RKN105"}, dtype="int8") == []


@pytest.mark.toolkit
def test_fixed_head_builds_int8(tmp_path):
    pytest.importorskip("rknn.api")
    from rknnlint.toolkit.simulate import simulate

    src = _head(tmp_path / "m.onnx")
    x = {"x": np.random.default_rng(0).standard_normal((1, 16, 1, 1)).astype(np.float32)}
    rc, _, log = simulate(src, x, cwd=tmp_path, dtype="int8")
    assert rc != 0 and "KeyError" in log, log[-1500:]
    out = tmp_path / "fixed.onnx"
    code, text, err = run_cli("fix", src, "--unsafe-fixes", "--dtype", "int8", "-o", out)
    assert code == 0, text + err
    rc, sim, log = simulate(out, x, cwd=tmp_path, dtype="int8")
    assert rc == 0, log[-1500:]
