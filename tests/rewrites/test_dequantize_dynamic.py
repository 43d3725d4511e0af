"""dequantize-dynamic: onnxruntime's quantize_dynamic output (DynamicQuantizeLinear + MatMulInteger /
ConvInteger) back to float MatMul / Conv on dequantized weights. Unsafe: the original rounds activations to
uint8 at run time; measured here at most 1.2% of max|output| (cosine >= 0.9999), held to 5% by the proof."""
from __future__ import annotations

import numpy as np
import onnx
import pytest
from _rw import apply, feeds, run
from onnx import helper

from conftest import init, make_model, run_cli


def _float_model():
    rng = np.random.default_rng(0)
    nodes = [helper.make_node("MatMul", ["x", "w1"], ["h"]), helper.make_node("Add", ["h", "b1"], ["hb"]),
             helper.make_node("Relu", ["hb"], ["r"]), helper.make_node("MatMul", ["r", "w2"], ["y"]),
             helper.make_node("Conv", ["img", "cw"], ["c"], pads=[1, 1, 1, 1])]
    inits = [init("w1", rng.standard_normal((64, 128)).astype(np.float32)),
             init("b1", rng.standard_normal(128).astype(np.float32)),
             init("w2", rng.standard_normal((128, 32)).astype(np.float32)),
             init("cw", rng.standard_normal((16, 8, 3, 3)).astype(np.float32))]
    return make_model(nodes, [("x", [1, 16, 64]), ("img", [1, 8, 16, 16])], [("y", [1, 16, 32]), ("c", [1, 16, 16, 16])],
                      inits)


@pytest.fixture(scope="module")
def quantized(tmp_path_factory):
    quantization = pytest.importorskip("onnxruntime.quantization")
    d = tmp_path_factory.mktemp("dq")
    onnx.save(_float_model(), d / "f.onnx")
    quantization.quantize_dynamic(str(d / "f.onnx"), str(d / "dq.onnx"), weight_type=quantization.QuantType.QInt8,
                                  op_types_to_quantize=["MatMul", "Conv"])
    return d / "dq.onnx"


def test_float_equivalent_within_tolerance(quantized):
    m = onnx.load(quantized)
    assert {"DynamicQuantizeLinear", "MatMulInteger", "ConvInteger"} <= {n.op_type for n in m.graph.node}
    res = apply("dequantize-dynamic", m)
    assert res.changed and "3 integer op(s) to float" in res.notes[0], res.notes
    ops = {n.op_type for n in res.model.graph.node}
    assert not ops & {"DynamicQuantizeLinear", "MatMulInteger", "ConvInteger", "Cast"}, ops
    for seed in range(3):
        f = feeds(m, seed)
        a, b = run(m, f), run(res.model, f)
        for name, ref in a.items():
            rel = float(np.abs(b[name] - ref).max() / np.abs(ref).max())
            cos = float((ref * b[name]).sum() / np.linalg.norm(ref) / np.linalg.norm(b[name]))
            # changed, but by the rounding only: within the rewrite's own tolerance (5% of max|output|); onnxruntime's u8s8
            # kernel saturates on AVX2 without VNNI, which moves the original by up to 3.4% (AMD EPYC), 1.2% elsewhere
            assert 1e-4 < rel < 0.05 and cos > 0.9999, (name, rel, cos)


def test_fix_needs_unsafe_and_states_the_tolerance(quantized, tmp_path):
    out = tmp_path / "fixed.onnx"
    code, stdout, err = run_cli("fix", quantized, "-o", out)
    assert "skipped" in stdout and "dequantize-dynamic" in stdout and not out.exists(), stdout + err
    code, stdout, err = run_cli("fix", quantized, "-o", out, "--unsafe-fixes")
    assert code == 0, stdout + err
    assert "rtol 0.05, atol 0.05 x max|output|" in stdout


@pytest.mark.toolkit
def test_float_equivalent_builds(quantized, tmp_path):
    from _toolkit_build import toolkit_build

    out = tmp_path / "fixed.onnx"
    assert toolkit_build(quantized)[0] != 0
    code, stdout, err = run_cli("fix", quantized, "-o", out, "--unsafe-fixes")
    assert code == 0, stdout + err
    rc, log = toolkit_build(out)
    assert rc == 0, log[-2000:]
