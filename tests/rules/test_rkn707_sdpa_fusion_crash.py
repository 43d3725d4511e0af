from __future__ import annotations

import numpy as np
import pytest
from _toolkit_build import toolkit_build
from onnx import helper

from conftest import findings, init, make_model, save

_rng = np.random.default_rng(0)


def _w(*shape):
    return (_rng.standard_normal(shape) * 0.1).astype(np.float32)


def _core(lead=(1, 2), key: int = 16, head: int = 32, n: int = 64, between: str | None = None, last: str = "v_pT"):
    """q, k, v as graph inputs ([*lead, key|head, n]); out = v @ Transpose(Softmax(q^T @ k))."""
    r = len(lead) + 2
    sw = list(range(r - 2)) + [r - 1, r - 2]
    nodes = [helper.make_node("Transpose", ["q"], ["qt"], perm=sw),
             helper.make_node("MatMul", ["qt", "k"], ["a"], name="attn_qk")]
    inits = []
    a = "a"
    if between == "mul":
        inits.append(init("scale", np.array(0.25, np.float32)))
        nodes.append(helper.make_node("Mul", ["a", "scale"], ["as"]))
        a = "as"
    nodes.append(helper.make_node("Softmax", [a], ["p"], axis=-1))
    if last == "v_pT":
        nodes += [helper.make_node("Transpose", ["p"], ["pt"], perm=sw),
                  helper.make_node("MatMul", ["v", "pt"], ["o"], name="attn_v")]
    else:  # "v_p": no Transpose
        nodes.append(helper.make_node("MatMul", ["v", "p"], ["o"], name="attn_v"))
    lead = list(lead)
    return make_model(nodes, [("q", lead + [key, n]), ("k", lead + [key, n]), ("v", lead + [head, n])],
                      [("o", lead + [head, n])], inits)


def _area_attention(c: int = 128, heads: int = 4, hw: int = 10, area: int = 1):
    """ultralytics YOLO12 AAttn (A2C2f) as exported: qkv 1x1 conv; with area > 1 the areas become the batch
    ([1,3C,HW] -> [1,HW,3C] -> [area, HW/area, heads, 3d] -> [area, heads, 3d, HW/area]); split q / k / v;
    q scaled; softmax(q^T k); v @ attn^T; back to NCHW through Transposes; + a 7x7 depthwise position
    encoding of v (its nodes interleaved with the attention's, in export order); 1x1 projection."""
    d, n = c // heads, hw * hw
    c3 = 3 * c
    nb = n // area
    inits = [init("wqkv", _w(c3, c, 1, 1)), init("bqkv", _w(c3)), init("wpe", _w(c, 1, 7, 7)), init("bpe", _w(c)),
             init("wproj", _w(c, c, 1, 1)), init("sp", np.array([d, d, d], np.int64)),
             init("scale", np.array(d ** -0.5, np.float32)), init("shwc", np.array([1, hw, hw, c], np.int64))]
    N = helper.make_node
    nodes = [N("Conv", ["x", "wqkv", "bqkv"], ["qkv"], name="qkv_conv")]
    if area == 1:
        inits.append(init("s4", np.array([1, heads, 3 * d, n], np.int64)))
        nodes.append(N("Reshape", ["qkv", "s4"], ["r"]))
    else:
        inits += [init("s3", np.array([1, c3, n], np.int64)), init("sa", np.array([area, nb, heads, 3 * d], np.int64))]
        nodes += [N("Reshape", ["qkv", "s3"], ["r3"]), N("Transpose", ["r3"], ["r3t"], perm=[0, 2, 1]),
                  N("Reshape", ["r3t", "sa"], ["ra"]), N("Transpose", ["ra"], ["r"], perm=[0, 2, 3, 1])]
    nodes += [N("Split", ["r", "sp"], ["q", "k", "v"], axis=2),
              N("Mul", ["q", "scale"], ["qs"]),
              N("Transpose", ["v"], ["vp"], perm=[0, 3, 1, 2]),
              N("Transpose", ["qs"], ["qt"], perm=[0, 1, 3, 2]),
              N("Reshape", ["vp", "shwc"], ["vr"]),
              N("MatMul", ["qt", "k"], ["att"], name="attn_qk"),
              N("Transpose", ["vr"], ["v4"], perm=[0, 3, 1, 2]),
              N("Softmax", ["att"], ["p"], axis=-1),
              N("Conv", ["v4", "wpe", "bpe"], ["pe"], group=c, pads=[3, 3, 3, 3], name="pe_conv"),
              N("Transpose", ["p"], ["pt"], perm=[0, 1, 3, 2]),
              N("MatMul", ["v", "pt"], ["o"], name="attn_v"),
              N("Transpose", ["o"], ["op"], perm=[0, 3, 1, 2]),
              N("Reshape", ["op", "shwc"], ["or"]),
              N("Transpose", ["or"], ["o4"], perm=[0, 3, 1, 2]),
              N("Add", ["o4", "pe"], ["s"]),
              N("Conv", ["s", "wproj"], ["y"], name="proj_conv")]
    return make_model(nodes, [("x", [1, c, hw, hw])], [("y", [1, c, hw, hw])], inits)


def test_fires_on_v_at_softmax_transposed():
    fs = findings(_core(), select={"RKN707"})
    assert [f.location.node_name for f in fs] == ["attn_v"]
    assert str(fs[0].severity) == "error"
    assert "_p_fuse_exmatmul_add_mul_exsoftmax13_exmatmul_to_sdpa" in fs[0].message and "'attn_qk'" in fs[0].message
    assert "disable_rules=['fuse_exmatmul_add_mul_exsoftmax13_exmatmul_to_sdpa']" in fs[0].hint
    assert fs[0].fix == "attention-matmul-order" and fs[0].fix_applicability == "safe"
    assert len(findings(_core(lead=(1, 1)), select={"RKN707"})) == 1  # one head
    for target in ("rk3562", "rk3576", "rv1106"):  # rv1106: int8 measured to crash the same way (2.5.0)
        assert len(findings(_core(), target=target, select={"RKN707"})) == 1


def test_silent_on_the_neighbours_that_build():
    assert findings(_core(lead=(2, 2)), select={"RKN707"}) == []  # batch 2
    assert findings(_core(lead=(2,)), select={"RKN707"}) == []  # rank 3
    assert findings(_core(between="mul"), select={"RKN707"}) == []  # scale between MatMul and Softmax
    assert findings(_core(last="v_p"), select={"RKN707"}) == []
    for target in ("rk3566", "rk2118", "rv1106b"):  # no SDPA fusion there: builds (rv1106b int8, measured)
        assert findings(_core(), target=target, select={"RKN707"}) == []


def test_yolo12_area_attention():
    fs = findings(_area_attention(area=1), select={"RKN707"})
    assert [f.location.node_name for f in fs] == ["attn_v"]
    assert findings(_area_attention(area=4, hw=20, c=64, heads=2), select={"RKN707"}) == []  # areas are the batch


def test_fixed_by_the_rewrite():
    from rknnlint.rewrites import RewriteOptions, all_rewrites

    res = all_rewrites()["attention-matmul-order"]().apply(_area_attention(), RewriteOptions())
    assert res.changed
    assert findings(res.model, select={"RKN707"}) == []
    order = [n.output[0] for n in res.model.graph.node]
    assert order.index("p") == order.index("att") + 1  # the Softmax right after the q.k MatMul


@pytest.mark.toolkit
def test_toolkit_agrees(tmp_path):
    from rknnlint.rewrites import RewriteOptions, all_rewrites

    m = _area_attention()
    rc, out = toolkit_build(save(m, tmp_path, "crash.onnx"))
    assert rc in (1, 4) and "_p_fuse_exmatmul_add_mul_exsoftmax13_exmatmul_to_sdpa" in out
    rc, out = toolkit_build(save(m, tmp_path, "crash.onnx"),
                            disable_rule="fuse_exmatmul_add_mul_exsoftmax13_exmatmul_to_sdpa")
    assert rc == 0, out[-2000:]
    fixed = all_rewrites()["attention-matmul-order"]().apply(m, RewriteOptions()).model
    rc, out = toolkit_build(save(fixed, tmp_path, "fixed.onnx"))
    assert rc == 0, out[-2000:]
    rc, out = toolkit_build(save(_core(lead=(2, 2)), tmp_path, "b2.onnx"))
    assert rc == 0, out[-2000:]
