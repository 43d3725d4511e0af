"""rknn-toolkit2 2.3.0 / 2.3.2 abort the rk2118 float16 build on a Linear over one [1, K] row with K <= 256 after a
chain of Linears back to the input (RKN709 crash pattern row-gemm-narrow: openWakeWord's timer head; K = 257
built). RKN709 names widen-narrow-rows: the feeding Linear gets zero output columns up to 264, the narrow one
zero input rows; the outputs are the original's exactly and the build passes."""
from __future__ import annotations

import numpy as np
import onnx
import pytest
from onnx import TensorProto, helper, numpy_helper

from conftest import findings, run_cli, toolkit_python


def _mlp(path, trans_b: int = 1):
    """Flatten [1, 4, 16] -> Gemm 64 -> 96 -> Relu -> Gemm 96 -> 96 -> Relu -> Gemm 96 -> 6 -> Softmax."""
    rng = np.random.default_rng(5)
    inits, nodes, x, k = [], [helper.make_node("Flatten", ["x"], ["f"], name="flat")], "f", 64
    for i, n in enumerate((96, 96, 6)):
        w = rng.standard_normal((n, k) if trans_b else (k, n)).astype(np.float32) * 0.2
        inits += [numpy_helper.from_array(w, f"w{i}"), numpy_helper.from_array(rng.standard_normal(n).astype(np.float32), f"b{i}")]
        nodes.append(helper.make_node("Gemm", [x, f"w{i}", f"b{i}"], [f"g{i}"], transB=trans_b, name=f"gemm{i}"))
        x, k = f"g{i}", n
        if i < 2:
            nodes.append(helper.make_node("Relu", [x], [f"r{i}"], name=f"relu{i}"))
            x = f"r{i}"
    nodes.append(helper.make_node("Softmax", [x], ["y"], axis=1, name="softmax"))
    g = helper.make_graph(nodes, "mlp", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 4, 16])],
                          [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 6])], inits)
    m = helper.make_model(g, opset_imports=[helper.make_opsetid("", 13)])
    m.ir_version = 8
    onnx.save(m, path)
    return path


def test_rkn709_row_gemm_narrow_names_widen_narrow_rows(tmp_path):
    got = findings(_mlp(tmp_path / "m.onnx"), target="rk2118", select={"RKN709"}, toolkit_version="2.3.0")
    assert got and {(f.data.get("pattern"), f.fix) for f in got} == {("row-gemm-narrow", "widen-narrow-rows")}


@pytest.mark.parametrize("trans_b", [1, 0])
def test_fix_widens_and_keeps_the_outputs(tmp_path, trans_b):
    import onnxruntime as ort

    src = _mlp(tmp_path / "m.onnx", trans_b)
    out = tmp_path / "fixed.onnx"
    code, text, err = run_cli("fix", src, "-o", out, "--target", "rk2118", "--toolkit-version", "2.3.0")
    assert code == 0, text + err
    m = onnx.load(out)
    shapes = {t.name: numpy_helper.to_array(t).shape for t in m.graph.initializer}
    ws = [shapes[n.input[1]] for n in m.graph.node if n.op_type == "Gemm"]
    k_axis = 1 if trans_b else 0
    assert [w[k_axis] for w in ws] == [64, 264, 264]  # the first reads the input (64 > nothing to widen from)
    x = np.random.default_rng(0).standard_normal((1, 4, 16)).astype(np.float32)
    np.testing.assert_array_equal(ort.InferenceSession(str(out)).run(None, {"x": x})[0],
                                  ort.InferenceSession(str(src)).run(None, {"x": x})[0])
    assert findings(out, target="rk2118", select={"RKN709"}, toolkit_version="2.3.0") == []


def test_a_row_read_from_the_input_is_left(tmp_path):
    from _rw import apply

    m = onnx.load(_mlp(tmp_path / "m.onnx"))
    # only the first Gemm (reads the Flatten of the input): nothing feeds it a Linear's columns to widen
    keep = {"flat", "gemm0"}
    nodes = [n for n in m.graph.node if n.name in keep]
    del m.graph.node[:]
    m.graph.node.extend(nodes)
    del m.graph.output[:]
    m.graph.output.append(helper.make_tensor_value_info("g0", TensorProto.FLOAT, [1, 96]))
    assert not apply("widen-narrow-rows", m).changed


@pytest.mark.toolkit
def test_fixed_mlp_builds_on_rk2118_with_2_3_0(tmp_path):
    """Where the 2.3.0 venv is installed (RKNNLINT_TOOLKIT_VENVS): the original aborts, the fix builds."""
    from rknnlint.toolkit.simulate import simulate
    py = toolkit_python("2.3.0")
    src = _mlp(tmp_path / "m.onnx")
    rc, _, log = simulate(src, cwd=tmp_path, target="rk2118", python=py)
    assert rc < 0, log[-1500:]  # killed by a signal (SIGABRT)
    out = tmp_path / "fixed.onnx"
    code, text, err = run_cli("fix", src, "-o", out, "--target", "rk2118", "--toolkit-version", "2.3.0")
    assert code == 0, text + err
    rc, _, log = simulate(out, cwd=tmp_path, target="rk2118", python=py)
    assert rc == 0, log[-1500:]
