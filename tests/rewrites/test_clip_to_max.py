"""rknn-toolkit2 2.3.0 segfaults the rk3576 float16 build on a Clip whose min is computed in the graph (RKN709 crash
pattern clip-computed-bound: openWakeWord's melspectrogram top_db clamp, ReduceMax -> Sub(80) -> Clip(x, min=that));
Max(x, threshold) was measured to build. RKN709 names clip-to-max: Max(x, min) (then the constant max as a Clip at
constant bounds), exactly Clip's definition, and the build passes."""
from __future__ import annotations

import numpy as np
import onnx
import pytest
from onnx import TensorProto, helper, numpy_helper

from conftest import findings, run_cli, toolkit_python


def _top_db(path, with_max: bool = True):
    """x [1, 1, 8, 32] -> Clip(x, min=ReduceMax(x) - 80[, max=100])."""
    inits = [numpy_helper.from_array(np.array(80.0, np.float32), "db")]
    if with_max:
        inits.append(numpy_helper.from_array(np.array(100.0, np.float32), "hi"))
    nodes = [helper.make_node("ReduceMax", ["x"], ["m"], keepdims=0, name="rmax"),
             helper.make_node("Sub", ["m", "db"], ["lo"], name="sub"),
             helper.make_node("Clip", ["x", "lo"] + (["hi"] if with_max else []), ["y"], name="clip")]
    g = helper.make_graph(nodes, "topdb", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 1, 8, 32])],
                          [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 1, 8, 32])], inits)
    m = helper.make_model(g, opset_imports=[helper.make_opsetid("", 13)])
    m.ir_version = 8
    onnx.save(m, path)
    return path


def test_rkn709_clip_computed_bound_names_clip_to_max(tmp_path):
    got = findings(_top_db(tmp_path / "m.onnx"), target="rk3576", select={"RKN709"}, toolkit_version="2.3.0")
    assert [(f.location.node_name, f.data.get("pattern"), f.fix) for f in got] == [
        ("clip", "clip-computed-bound", "clip-to-max")]


@pytest.mark.parametrize("with_max", [True, False])
def test_fix_clamps_with_max_exactly(tmp_path, with_max):
    import onnxruntime as ort

    src = _top_db(tmp_path / "m.onnx", with_max)
    out = tmp_path / "fixed.onnx"
    code, text, err = run_cli("fix", src, "-o", out, "--target", "rk3576", "--toolkit-version", "2.3.0")
    assert code == 0, text + err
    m = onnx.load(out)
    assert [n.op_type for n in m.graph.node] == ["ReduceMax", "Sub", "Max"] + (["Clip"] if with_max else [])
    x = (np.random.default_rng(0).standard_normal((1, 1, 8, 32)) * 60).astype(np.float32)
    np.testing.assert_array_equal(ort.InferenceSession(str(out)).run(None, {"x": x})[0],
                                  ort.InferenceSession(str(src)).run(None, {"x": x})[0])
    assert findings(out, target="rk3576", select={"RKN709"}, toolkit_version="2.3.0") == []


@pytest.mark.toolkit
def test_fixed_clamp_builds_on_rk3576_with_2_3_0(tmp_path):
    """Where the 2.3.0 venv is installed (RKNNLINT_TOOLKIT_VENVS): the original segfaults, the fix builds."""
    from rknnlint.toolkit.simulate import simulate
    py = toolkit_python("2.3.0")
    src = _top_db(tmp_path / "m.onnx")
    rc, _, log = simulate(src, cwd=tmp_path, target="rk3576", python=py)
    assert rc < 0, log[-1500:]
    out = tmp_path / "fixed.onnx"
    code, text, err = run_cli("fix", src, "-o", out, "--target", "rk3576", "--toolkit-version", "2.3.0")
    assert code == 0, text + err
    rc, _, log = simulate(out, cwd=tmp_path, target="rk3576", python=py)
    assert rc == 0, log[-1500:]
