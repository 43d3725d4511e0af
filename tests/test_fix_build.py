"""`fix --build`: the real rknn-toolkit2 build of the original and the fixed model; a fixed model that fails
or has CPU layers the original did not have is not written (exit 1)."""
from __future__ import annotations

import numpy as np
import onnx
import pytest
from onnx import helper

from conftest import init, make_model, run_cli
from rknnlint.fix._build import BuildCheck


def test_added_cpu_layers_make_it_worse():
    b = BuildCheck("rk3588", "fp16", "built", "built", {"Exp": 1}, {"Exp": 1, "Erf": 2})
    assert b.added == {"Erf": 2} and not b.ok
    assert "adds CPU layers the original did not have: Erf x2" in b.line()
    same = BuildCheck("rk3588", "fp16", "built", "built", {"Erf": 2}, {"Erf": 1})
    assert same.ok and not same.added
    # an original that did not build has nothing to compare with: the fixed one only has to build
    assert BuildCheck("rk3588", "fp16", "failed", "built", {}, {"Erf": 2}).ok
    assert not BuildCheck("rk3588", "fp16", "failed", "crashed", error="Segmentation fault").ok


@pytest.mark.toolkit
def test_fix_build_reports_both_builds(tmp_path):
    pytest.importorskip("rknn.api")
    rng = np.random.default_rng(0)
    nodes = [helper.make_node("MatMul", ["x", "w"], ["m"]), helper.make_node("Gelu", ["m"], ["y"])]
    m = make_model(nodes, [("x", [1, 16, 32])], [("y", [1, 16, 64])],
                   [init("w", rng.standard_normal((32, 64)).astype(np.float32))], opset=21, ir_version=10)
    src, out = tmp_path / "gelu.onnx", tmp_path / "gelu.fixed.onnx"
    onnx.save(m, src)
    code, stdout, err = run_cli("fix", src, "-o", out, "--build", "--format", "json")
    assert code == 0, stdout + err
    from json_schemas import validate

    b = validate(stdout, "fix")["models"][0]["build"]
    assert b["original"] == "failed" and b["fixed"] == "built" and b["ok"] and b["fixed_cpu"] == {}
    assert out.exists()


def _gelus(interleaved: bool):
    def gelu(x, p):
        return [helper.make_node("Div", [x, "sqrt2"], [p + "d"]), helper.make_node("Erf", [p + "d"], [p + "e"]),
                helper.make_node("Add", [p + "e", "one"], [p + "a"]), helper.make_node("Mul", [x, p + "a"], [p + "m"]),
                helper.make_node("Mul", [p + "m", "half"], [p + "g"])]

    a, b = gelu("x", "A/"), gelu("xb", "B/")
    body = [n for pair in zip(a, b) for n in pair] if interleaved else a + b
    nodes = [helper.make_node("Add", ["x", "bias"], ["xb"]), *body, helper.make_node("Add", ["A/g", "B/g"], ["y"])]
    inits = [init("sqrt2", np.float32(2 ** 0.5)), init("one", np.float32(1)), init("half", np.float32(0.5)),
             init("bias", np.full((1, 32, 8, 8), 0.1, np.float32))]
    return make_model(nodes, [("x", [1, 32, 8, 8])], [("y", [1, 32, 8, 8])], inits)


@pytest.mark.toolkit
def test_real_build_sees_cpu_layers_the_static_check_does_not(tmp_path):
    # the same GELUs with their nodes interleaved: the toolkit's GELU fusion misses them, Erf runs on the CPU
    from rknnlint.fix._build import build_check

    pytest.importorskip("rknn.api")
    src = tmp_path / "grouped.onnx"
    onnx.save(_gelus(False), src)
    b = build_check(src, _gelus(True), "rk3588", "fp16")
    assert b.original == "built" and b.original_cpu == {} and b.added == {"Erf": 2} and not b.ok
