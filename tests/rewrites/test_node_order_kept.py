"""Folding (pin-input-shapes) keeps the node order: rknn-toolkit2 2.5.0 fuses x * (Erf(x / sqrt 2) + 1) * 0.5
into one NPU GELU only when the five nodes are not interleaved with another branch's (measured on rk3588: two
GELUs interleaved left 4 Erf layers on the CPU, grouped they became two NPU GELUs). onnx-graphsurgeon's
toposort interleaves parallel branches; the fix keeps the given order wherever it is valid."""
from __future__ import annotations

import numpy as np
import pytest
from _rw import apply, assert_same
from onnx import helper

from conftest import init, make_model


def _gelu(x: str, p: str) -> list:
    return [helper.make_node("Div", [x, "sqrt2"], [p + "d"], name=p + "div"),
            helper.make_node("Erf", [p + "d"], [p + "e"], name=p + "erf"),
            helper.make_node("Add", [p + "e", "one"], [p + "a"], name=p + "add"),
            helper.make_node("Mul", [x, p + "a"], [p + "m"], name=p + "mul"),
            helper.make_node("Mul", [p + "m", "half"], [p + "g"], name=p + "mul2")]


def _two_gelus():
    nodes = [helper.make_node("Shape", ["x"], ["s"], name="shape"),
             helper.make_node("Reshape", ["x", "s"], ["xr"], name="reshape"),
             helper.make_node("Add", ["xr", "b"], ["xb"], name="pre"),
             *_gelu("xr", "A/"), *_gelu("xb", "B/"),
             helper.make_node("Add", ["A/g", "B/g"], ["y"], name="post")]
    inits = [init("sqrt2", np.float32(2 ** 0.5)), init("one", np.float32(1)), init("half", np.float32(0.5)),
             init("b", np.full((1, 32, 8, 8), 0.1, np.float32))]
    return make_model(nodes, [("x", ["N", 32, 8, 8])], [("y", ["N", 32, 8, 8])], inits)


def test_two_gelus_stay_grouped_after_pinning():
    m = _two_gelus()
    res = apply("pin-input-shapes", m, input_shapes={"x": (1, 32, 8, 8)})
    names = [n.name for n in res.model.graph.node]
    assert "shape" not in names, names  # the Shape was folded
    for p in ("A/", "B/"):
        at = [names.index(p + k) for k in ("div", "erf", "add", "mul", "mul2")]
        assert at == list(range(at[0], at[0] + 5)), names
    assert assert_same(m, res.model, runs=1, rtol=0, atol=0, shapes={"x": [1, 32, 8, 8]}) == 0.0


_VERBOSE_BUILD = """
import sys
from rknn.api import RKNN
r = RKNN(verbose=True)
r.config(target_platform="rk3588")
assert r.load_onnx(model=sys.argv[1]) == 0
sys.exit(0 if r.build(do_quantization=False) == 0 else 4)
"""


@pytest.mark.toolkit
def test_fixed_model_keeps_the_toolkit_gelu_fusion(tmp_path):
    import subprocess
    import sys

    import onnx

    from conftest import run_cli

    pytest.importorskip("rknn.api")
    src, out = tmp_path / "gelus.onnx", tmp_path / "gelus.fixed.onnx"
    onnx.save(_two_gelus(), src)
    code, stdout, err = run_cli("fix", src, "-o", out, "--input-shape", "x=1,32,8,8")
    assert code == 0, stdout + err
    p = subprocess.run([sys.executable, "-c", _VERBOSE_BUILD, str(out)], capture_output=True, text=True, timeout=600,
                       cwd=tmp_path)
    log = p.stdout + p.stderr
    assert p.returncode == 0, log[-2000:]
    assert log.count("replace_torch_gelu") == 2
    assert not [line for line in log.splitlines() if " Erf " in line and " CPU " in line]
