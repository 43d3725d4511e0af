"""rknn-toolkit2 2.3.0 aborts the rk2118 float16 build on a ReduceMean over more than 2048 elements (RKN709 crash
pattern reduce-mean-wide: PP-OCRv6's text detectors' squeeze-and-excitation pooling at 80 x 80; 46 x 46 crashed
too); GlobalAveragePool was measured to build. RKN709 names reducemean-to-gap: the same means under the same
output name (float rounding apart), and the build passes."""
from __future__ import annotations

import numpy as np
import onnx
import pytest
from onnx import TensorProto, helper, numpy_helper

from conftest import findings, run_cli, toolkit_python


def _se(path, hw: int = 46):
    """Conv 3 -> 8 -> ReduceMean(H, W, keepdims) -> Conv 1x1 -> Sigmoid -> Mul with the map (an SE block)."""
    rng = np.random.default_rng(6)
    w1 = numpy_helper.from_array(rng.standard_normal((8, 3, 3, 3)).astype(np.float32) * 0.3, "w1")
    w2 = numpy_helper.from_array(rng.standard_normal((8, 8, 1, 1)).astype(np.float32) * 0.3, "w2")
    nodes = [helper.make_node("Conv", ["x", "w1"], ["c"], pads=[1, 1, 1, 1], name="conv"),
             helper.make_node("ReduceMean", ["c"], ["m"], axes=[2, 3], keepdims=1, name="pool"),
             helper.make_node("Conv", ["m", "w2"], ["e"], name="excite"),
             helper.make_node("Sigmoid", ["e"], ["s"], name="gate"),
             helper.make_node("Mul", ["c", "s"], ["y"], name="scale")]
    g = helper.make_graph(nodes, "se", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 3, hw, hw])],
                          [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 8, hw, hw])], [w1, w2])
    m = helper.make_model(g, opset_imports=[helper.make_opsetid("", 14)])
    m.ir_version = 8
    onnx.save(m, path)
    return path


def test_rkn709_reduce_mean_wide_names_reducemean_to_gap(tmp_path):
    got = findings(_se(tmp_path / "m.onnx"), target="rk2118", select={"RKN709"}, toolkit_version="2.3.0")
    assert [(f.location.node_name, f.data.get("pattern"), f.fix) for f in got] == [
        ("pool", "reduce-mean-wide", "reducemean-to-gap")]


def test_fix_pools_with_gap_and_keeps_the_outputs(tmp_path):
    import onnxruntime as ort

    src = _se(tmp_path / "m.onnx")
    out = tmp_path / "fixed.onnx"
    code, text, err = run_cli("fix", src, "-o", out, "--target", "rk2118", "--toolkit-version", "2.3.0")
    assert code == 0, text + err
    m = onnx.load(out)
    assert [n.op_type for n in m.graph.node] == ["Conv", "GlobalAveragePool", "Conv", "Sigmoid", "Mul"]
    x = np.random.default_rng(0).standard_normal((1, 3, 46, 46)).astype(np.float32)
    np.testing.assert_allclose(ort.InferenceSession(str(out)).run(None, {"x": x})[0],
                               ort.InferenceSession(str(src)).run(None, {"x": x})[0], rtol=1e-5, atol=1e-6)
    assert findings(out, target="rk2118", select={"RKN709"}, toolkit_version="2.3.0") == []


def test_a_narrow_pool_is_left(tmp_path):
    from _rw import apply

    assert not apply("reducemean-to-gap", onnx.load(_se(tmp_path / "m.onnx", hw=32))).changed  # 1024 elements


@pytest.mark.toolkit
def test_fixed_se_block_builds_on_rk2118_with_2_3_0(tmp_path):
    """Where the 2.3.0 venv is installed (RKNNLINT_TOOLKIT_VENVS): the original aborts, the fix builds."""
    from rknnlint.toolkit.simulate import simulate
    py = toolkit_python("2.3.0")
    src = _se(tmp_path / "m.onnx")
    rc, _, log = simulate(src, cwd=tmp_path, target="rk2118", python=py)
    assert rc < 0, log[-1500:]
    out = tmp_path / "fixed.onnx"
    code, text, err = run_cli("fix", src, "-o", out, "--target", "rk2118", "--toolkit-version", "2.3.0")
    assert code == 0, text + err
    rc, _, log = simulate(out, cwd=tmp_path, target="rk2118", python=py)
    assert rc == 0, log[-1500:]
