from __future__ import annotations

import numpy as np
import pytest
from _toolkit_build import toolkit_build
from onnx import helper

from conftest import findings, init, make_model, save, shared_model


def _attention(bias: str = "zero", bias_first: bool = True, batch: int = 1, form: str = "reshape", n: int = 17,
               c: int = 64, heads: int = 4):
    """One timm-style attention block: qkv projection, q/k/v split, softmax(q k^T) v."""
    rng = np.random.default_rng(0)
    d = c // heads
    b = {"zero": np.zeros(3 * c), "half": np.full(3 * c, 0.5), "rand": rng.standard_normal(3 * c)}[bias].astype(np.float32)
    inits = [init("W", (rng.standard_normal((c, 3 * c)) * 0.1).astype(np.float32)), init("b", b),
             init("so", np.array([batch, n, c], np.int64))]
    nodes = [helper.make_node("MatMul", ["x", "W"], ["mm"], name="qkv_matmul"),
             helper.make_node("Add", ["b", "mm"] if bias_first else ["mm", "b"], ["qkv"], name="qkv_add")]
    if form == "reshape":
        inits += [init("s5", np.array([batch, n, 3, heads, d], np.int64)), init("sp", np.array([1, 1, 1], np.int64)),
                  init("ax", np.array([0], np.int64))]
        nodes += [helper.make_node("Reshape", ["qkv", "s5"], ["r"]),
                  helper.make_node("Transpose", ["r"], ["rt"], perm=[2, 0, 3, 1, 4]),
                  helper.make_node("Split", ["rt", "sp"], ["q0", "k0", "v0"], axis=0, name="qkv_split")]
        nodes += [helper.make_node("Squeeze", [t + "0", "ax"], [t + "h"]) for t in "qkv"]
    else:  # chunk(3, -1) exported as one Split, then per-tensor reshape to heads
        inits += [init("sp", np.array([c, c, c], np.int64)), init("s4", np.array([batch, n, heads, d], np.int64))]
        nodes.append(helper.make_node("Split", ["qkv", "sp"], ["q0", "k0", "v0"], axis=2, name="qkv_split"))
        for t in "qkv":
            nodes += [helper.make_node("Reshape", [t + "0", "s4"], [t + "r"]),
                      helper.make_node("Transpose", [t + "r"], [t + "h"], perm=[0, 2, 1, 3])]
    nodes += [helper.make_node("Transpose", ["kh"], ["kt"], perm=[0, 1, 3, 2]),
              helper.make_node("MatMul", ["qh", "kt"], ["s"]),
              helper.make_node("Softmax", ["s"], ["p"], axis=-1),
              helper.make_node("MatMul", ["p", "vh"], ["a"]),
              helper.make_node("Transpose", ["a"], ["at"], perm=[0, 2, 1, 3]),
              helper.make_node("Reshape", ["at", "so"], ["y"])]
    return make_model(nodes, [("x", [batch, n, c])], [("y", [batch, n, c])], inits)


def test_fires_on_zero_and_uniform_qkv_bias():
    fs = findings(_attention(), select={"RKN705"})
    assert [f.location.node_name for f in fs] == ["qkv_matmul"]
    assert str(fs[0].severity) == "error"
    assert "_p_seperate_exmatmul_rs_split" in fs[0].message and "Split 'qkv_split'" in fs[0].message
    assert "disable_rules=['seperate_exmatmul_rs_split']" in fs[0].hint
    assert len(findings(_attention(bias="half"), select={"RKN705"})) == 1
    assert len(findings(_attention(form="chunk", batch=4), select={"RKN705"})) == 1


def test_silent_on_the_neighbours_that_build():
    assert findings(_attention(bias="rand"), select={"RKN705"}) == []
    assert findings(_attention(bias_first=False), select={"RKN705"}) == []
    assert findings(_attention(batch=2), select={"RKN705"}) == []
    assert findings(shared_model("cls_tiny_vit_5d_op14.onnx"), select={"RKN705"}) == []
    assert findings(shared_model("seq_transformer_encoder_dynseq_op17.onnx"), select={"RKN705"}) == []


@pytest.mark.toolkit
def test_toolkit_agrees(tmp_path):
    rc, out = toolkit_build(save(_attention(), tmp_path, "crash.onnx"))
    assert rc in (1, 4) and "_p_seperate_exmatmul_rs_split" in out
    rc, out = toolkit_build(save(_attention(form="chunk", batch=4), tmp_path, "chunk.onnx"))
    assert rc in (1, 4) and "_p_seperate_exmatmul_rs_split" in out
    rc, out = toolkit_build(save(_attention(), tmp_path, "crash.onnx"), disable_rule="seperate_exmatmul_rs_split")
    assert rc == 0, out[-2000:]
    for kw in ({"bias": "rand"}, {"bias_first": False}, {"batch": 2}):
        rc, out = toolkit_build(save(_attention(**kw), tmp_path, "ok.onnx"))
        assert rc == 0, (kw, out[-2000:])
