from __future__ import annotations

import numpy as np
import pytest
from _toolkit_build import toolkit_build
from onnx import helper

from conftest import findings, init, make_model, save, shared_model


def _heads(same_input: bool = True, bias: bool = True):
    """Two Gemm classifier heads, head(x) + head_dist(x), as timm distilled models export them."""
    rng = np.random.default_rng(0)
    inits = [init("W1", rng.standard_normal((64, 32)).astype(np.float32)),
             init("W2", rng.standard_normal((64, 32)).astype(np.float32)),
             init("B1", np.zeros(64, np.float32)), init("B2", np.zeros(64, np.float32))]
    x2 = "x" if same_input else "y"
    nodes = [helper.make_node("Gemm", ["x", "W1"] + (["B1"] if bias else []), ["a"], transB=1, name="head"),
             helper.make_node("Gemm", [x2, "W2"] + (["B2"] if bias else []), ["b"], transB=1, name="head_dist"),
             helper.make_node("Add", ["a", "b"], ["o"], name="heads_add")]
    inputs = [("x", [1, 32])] + ([] if same_input else [("y", [1, 32])])
    return make_model(nodes, inputs, [("o", [1, 64])], inits)


def _convs(k: int = 1):
    rng = np.random.default_rng(0)
    inits = [init("W1", rng.standard_normal((16, 8, k, k)).astype(np.float32)),
             init("W2", rng.standard_normal((16, 8, k, k)).astype(np.float32))]
    p = [k // 2] * 4
    nodes = [helper.make_node("Conv", ["x", "W1"], ["a"], pads=p), helper.make_node("Conv", ["x", "W2"], ["b"], pads=p),
             helper.make_node("Add", ["a", "b"], ["o"])]
    return make_model(nodes, [("x", [1, 8, 8, 8])], [("o", [1, 16, 8, 8])], inits)


def test_fires_on_two_gemm_heads_on_one_input():
    fs = findings(_heads(), select={"RKN706"})
    assert [f.location.node_name for f in fs] == ["heads_add"]
    assert str(fs[0].severity) == "error"
    assert "_p_fuse_conv_conv_add" in fs[0].message and "Gemm 'head_dist'" in fs[0].message
    assert "disable_rules=['fuse_conv_conv_add']" in fs[0].hint
    assert fs[0].fix == "merge-parallel-gemm" and fs[0].fix_applicability == "safe"
    assert len(findings(_heads(bias=False), select={"RKN706"})) == 1


def test_fix_merges_the_heads_and_clears_the_finding():
    from rknnlint.fix import FixRequest, fix_model, verify

    out = fix_model(_heads(), FixRequest())
    verify(out, FixRequest())
    assert [s.rewrite for s in out.applied] == ["merge-parallel-gemm"] and out.proof.ok
    assert [f for f in out.after if f.code == "RKN706"] == []
    assert [n.op_type for n in out.fixed.graph.node].count("Gemm") == 1


def test_silent_on_the_neighbours_that_build():
    assert findings(_heads(same_input=False), select={"RKN706"}) == []
    assert findings(_convs(1), select={"RKN706"}) == []
    assert findings(_convs(3), select={"RKN706"}) == []
    assert findings(shared_model("cls_tiny_vit_5d_op14.onnx"), select={"RKN706"}) == []


@pytest.mark.toolkit
def test_toolkit_agrees(tmp_path):
    rc, out = toolkit_build(save(_heads(), tmp_path, "crash.onnx"))
    assert rc in (1, 4) and "_p_fuse_conv_conv_add" in out
    rc, out = toolkit_build(save(_heads(same_input=False), tmp_path, "ok.onnx"))
    assert rc == 0, out[-2000:]
    rc, out = toolkit_build(save(_convs(1), tmp_path, "conv.onnx"))
    assert rc == 0, out[-2000:]
