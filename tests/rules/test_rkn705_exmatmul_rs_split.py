from __future__ import annotations

import numpy as np
import pytest
from _toolkit_build import toolkit_build
from onnx import helper

from conftest import findings, init, make_model, save, shared_model


def _attention(bias: str = "zero", bias_first: bool = True, batch: int = 1, form: str = "reshape", n: int = 17,
               c: int = 64, heads: int = 4, xca: bool = False, factorised: bool = False, talking: bool = False):
    """One timm-style attention block: qkv projection, q/k/v split, softmax(q k^T) v. xca: EdgeNeXt's
    cross-covariance layout, q / k / v as [B, h, d, N] (Transpose(2,0,3,4,1)), attention over channels.
    talking: CaiT's talking heads, a Linear over the heads before and after the Softmax (heads moved last)."""
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
                  helper.make_node("Transpose", ["r"], ["rt"], perm=[2, 0, 3, 4, 1] if xca else [2, 0, 3, 1, 4]),
                  helper.make_node("Split", ["rt", "sp"], ["q0", "k0", "v0"], axis=0, name="qkv_split")]
        nodes += [helper.make_node("Squeeze", [t + "0", "ax"], [t + "h"]) for t in "qkv"]
    else:  # chunk(3, -1) exported as one Split, then per-tensor reshape to heads
        inits += [init("sp", np.array([c, c, c], np.int64)), init("s4", np.array([batch, n, heads, d], np.int64))]
        nodes.append(helper.make_node("Split", ["qkv", "sp"], ["q0", "k0", "v0"], axis=2, name="qkv_split"))
        for t in "qkv":
            nodes += [helper.make_node("Reshape", [t + "0", "s4"], [t + "r"]),
                      helper.make_node("Transpose", [t + "r"], [t + "h"], perm=[0, 2, 1, 3])]
    if factorised:  # CoaT: q @ (softmax(k over tokens)^T @ v), no softmax after q's MatMul
        nodes += [helper.make_node("Softmax", ["kh"], ["ks"], axis=2),
                  helper.make_node("Transpose", ["ks"], ["kst"], perm=[0, 1, 3, 2]),
                  helper.make_node("MatMul", ["kst", "vh"], ["fa"]),
                  helper.make_node("MatMul", ["qh", "fa"], ["a"])]
    elif talking:
        inits += [init("Wl", (rng.standard_normal((heads, heads)) * 0.3).astype(np.float32)),
                  init("bl", rng.standard_normal(heads).astype(np.float32)),
                  init("Ww", (rng.standard_normal((heads, heads)) * 0.3).astype(np.float32)),
                  init("bw", rng.standard_normal(heads).astype(np.float32))]
        nodes += [helper.make_node("Transpose", ["kh"], ["kt"], perm=[0, 1, 3, 2]),
                  helper.make_node("MatMul", ["qh", "kt"], ["s"]),
                  helper.make_node("Transpose", ["s"], ["s_t"], perm=[0, 2, 3, 1]),
                  helper.make_node("MatMul", ["s_t", "Wl"], ["s_l"], name="proj_l"),
                  helper.make_node("Add", ["s_l", "bl"], ["s_lb"]),
                  helper.make_node("Transpose", ["s_lb"], ["s2"], perm=[0, 3, 1, 2]),
                  helper.make_node("Softmax", ["s2"], ["p0"], axis=-1),
                  helper.make_node("Transpose", ["p0"], ["p_t"], perm=[0, 2, 3, 1]),
                  helper.make_node("MatMul", ["p_t", "Ww"], ["p_w"], name="proj_w"),
                  helper.make_node("Add", ["p_w", "bw"], ["p_wb"]),
                  helper.make_node("Transpose", ["p_wb"], ["p"], perm=[0, 3, 1, 2]),
                  helper.make_node("MatMul", ["p", "vh"], ["a"])]
    else:
        nodes += [helper.make_node("Transpose", ["kh"], ["kt"], perm=[0, 1, 3, 2]),
                  helper.make_node("MatMul", ["qh", "kt"], ["s"]),
                  helper.make_node("Softmax", ["s"], ["p"], axis=-1),
                  helper.make_node("MatMul", ["p", "vh"], ["a"])]
    nodes += [helper.make_node("Transpose", ["a"], ["at"], perm=[0, 3, 1, 2] if xca else [0, 2, 1, 3]),
              helper.make_node("Reshape", ["at", "so"], ["y"])]
    return make_model(nodes, [("x", [batch, n, c])], [("y", [batch, n, c])], inits)


def test_fires_on_zero_and_uniform_qkv_bias():
    fs = findings(_attention(), select={"RKN705"})
    assert [f.location.node_name for f in fs] == ["qkv_matmul"]
    assert str(fs[0].severity) == "error"
    assert "_p_seperate_exmatmul_rs_split" in fs[0].message and "Split 'qkv_split'" in fs[0].message
    assert "disable_rules=['seperate_exmatmul_rs_split']" in fs[0].hint and "q as [B,heads,N,d]" in fs[0].message
    assert fs[0].fix == "bias-add-order" and fs[0].fix_applicability == "safe"
    assert len(findings(_attention(bias="half"), select={"RKN705"})) == 1
    assert len(findings(_attention(form="chunk", batch=4), select={"RKN705"})) == 1
    # CaiT's talking heads: a Linear over the heads between q.k and the Softmax (measured to crash, rk3588)
    assert [f.location.node_name for f in findings(_attention(talking=True), select={"RKN705"})] == ["qkv_matmul"]


def test_silent_on_the_neighbours_that_build():
    assert findings(_attention(bias="rand"), select={"RKN705"}) == []
    assert findings(_attention(bias_first=False), select={"RKN705"}) == []
    assert findings(_attention(batch=2), select={"RKN705"}) == []
    assert findings(_attention(xca=True), select={"RKN705"}) == []  # q as [B, h, d, N]: builds
    assert findings(_attention(factorised=True), select={"RKN705"}) == []  # CoaT's q @ (softmax(k)^T v): builds
    assert findings(_attention(talking=True, bias="rand"), select={"RKN705"}) == []
    assert findings(shared_model("cls_tiny_vit_5d_op14.onnx"), select={"RKN705"}) == []
    assert findings(shared_model("seq_transformer_encoder_dynseq_op17.onnx"), select={"RKN705"}) == []


@pytest.mark.toolkit
def test_toolkit_agrees(tmp_path):
    rc, out = toolkit_build(save(_attention(), tmp_path, "crash.onnx"))
    assert rc in (1, 4) and "_p_seperate_exmatmul_rs_split" in out
    rc, out = toolkit_build(save(_attention(form="chunk", batch=4), tmp_path, "chunk.onnx"))
    assert rc in (1, 4) and "_p_seperate_exmatmul_rs_split" in out
    rc, out = toolkit_build(save(_attention(talking=True), tmp_path, "talking.onnx"))
    assert rc in (1, 4) and "_p_seperate_exmatmul_rs_split" in out
    rc, out = toolkit_build(save(_attention(), tmp_path, "crash.onnx"), disable_rule="seperate_exmatmul_rs_split")
    assert rc == 0, out[-2000:]
    for kw in ({"bias": "rand"}, {"bias_first": False}, {"batch": 2}, {"factorised": True}):
        rc, out = toolkit_build(save(_attention(**kw), tmp_path, "ok.onnx"))
        assert rc == 0, (kw, out[-2000:])


def _swin_window_attention(hw: int = 7, c: int = 32, heads: int = 2, win: int = 7, bias: float = 0.0):
    """torchvision Swin-T's shifted_window_attention as exported (opset 17): the window padding computed
    from Shape / Mod, window partition, Linear with a zero bias as Add(bias, MatMul), a qkv Reshape whose
    shape is a Concat of Shape -> Gather dims, Transpose(2,0,3,1,4), q / k / v by Gather, scaled q,
    relative position bias, softmax, window merge. The batch of the qkv Reshape is the number of
    windows: (hw / win)^2, which onnx's own shape inference leaves symbolic."""
    rng = np.random.default_rng(0)
    d, n = c // heads, win * win
    i64 = lambda *v: np.array(v, np.int64)  # noqa: E731
    inits = [init("W", (rng.standard_normal((c, 3 * c)) * 0.1).astype(np.float32)),
             init("qkv_bias", np.full(3 * c, bias, np.float32)),
             init("rel", (rng.standard_normal((1, heads, n, n)) * 0.1).astype(np.float32)),
             init("Wp", (rng.standard_normal((c, c)) * 0.1).astype(np.float32)),
             init("win", np.array(win, np.int64)), init("zero", np.array(0, np.int64)), init("one", np.array(1, np.int64)),
             init("two", np.array(2, np.int64)),
             init("u0", np.array([0], np.int64)), init("c3", np.array([3], np.int64)), init("ch", np.array([heads], np.int64)),
             init("cd", np.array([d], np.int64)), init("cm1", np.array([-1], np.int64)),
             init("cwin", np.array([win], np.int64)), init("cc", np.array([c], np.int64)),
             init("cn", np.array([n], np.int64)), init("z2", i64(0, 0)),
             init("scale", np.array(d ** -0.5, np.float32))]
    N = helper.make_node
    nodes = [N("Shape", ["x"], ["sx"]),
             N("Gather", ["sx", "one"], ["H"], axis=0), N("Gather", ["sx", "two"], ["Wd"], axis=0),
             # pad_b = (win - H % win) % win, same for W
             N("Mod", ["H", "win"], ["hm"]), N("Sub", ["win", "hm"], ["hs"]), N("Mod", ["hs", "win"], ["pb"]),
             N("Mod", ["Wd", "win"], ["wm"]), N("Sub", ["win", "wm"], ["ws"]), N("Mod", ["ws", "win"], ["pr"]),
             N("Unsqueeze", ["pb", "u0"], ["pbu"]), N("Unsqueeze", ["pr", "u0"], ["pru"]),
             N("Concat", ["z2", "z2", "zero_1", "pbu", "pru", "zero_1"], ["pads"], axis=0),
             N("Pad", ["x", "pads"], ["xp"]),
             N("Shape", ["xp"], ["sp"]), N("Gather", ["sp", "one"], ["Hp"], axis=0),
             N("Gather", ["sp", "two"], ["Wp_"], axis=0),
             N("Div", ["Hp", "win"], ["nh"]), N("Div", ["Wp_", "win"], ["nw"]),
             N("Unsqueeze", ["nh", "u0"], ["nhu"]), N("Unsqueeze", ["nw", "u0"], ["nwu"]),
             N("Concat", ["one_1", "nhu", "cwin", "nwu", "cwin", "cc"], ["s6"], axis=0),
             N("Reshape", ["xp", "s6"], ["x6"]),
             N("Transpose", ["x6"], ["x6t"], perm=[0, 1, 3, 2, 4, 5]),
             N("Mul", ["nh", "nw"], ["nwin"]), N("Unsqueeze", ["nwin", "u0"], ["nwinu"]),
             N("Concat", ["nwinu", "cn", "cc"], ["s3"], axis=0),
             N("Reshape", ["x6t", "s3"], ["xw"]),
             N("MatMul", ["xw", "W"], ["mm"], name="qkv_matmul"),
             N("Add", ["qkv_bias", "mm"], ["qkv"], name="qkv_add"),
             N("Shape", ["xw"], ["sw"]), N("Gather", ["sw", "zero"], ["b0"], axis=0),
             N("Gather", ["sw", "one"], ["b1"], axis=0),
             N("Unsqueeze", ["b0", "u0"], ["b0u"]), N("Unsqueeze", ["b1", "u0"], ["b1u"]),
             N("Concat", ["b0u", "b1u", "c3", "ch", "cd"], ["s5"], axis=0),
             N("Reshape", ["qkv", "s5"], ["r"]),
             N("Transpose", ["r"], ["rt"], perm=[2, 0, 3, 1, 4]),
             N("Gather", ["rt", "zero"], ["q"], axis=0, name="q_gather"),
             N("Gather", ["rt", "one"], ["k"], axis=0), N("Gather", ["rt", "two"], ["v"], axis=0),
             N("Mul", ["q", "scale"], ["qs"]),
             N("Transpose", ["k"], ["kt"], perm=[0, 1, 3, 2]),
             N("MatMul", ["qs", "kt"], ["a"]), N("Add", ["a", "rel"], ["ab"]),
             N("Softmax", ["ab"], ["p"], axis=-1), N("MatMul", ["p", "v"], ["o"]),
             N("Transpose", ["o"], ["ot"], perm=[0, 2, 1, 3]),
             N("Concat", ["b0u", "b1u", "cm1"], ["s3b"], axis=0),
             N("Reshape", ["ot", "s3b"], ["o3"]),
             N("MatMul", ["o3", "Wp"], ["y3"]),
             N("Concat", ["one_1", "nhu", "nwu", "cwin", "cwin", "cc"], ["s6b"], axis=0),
             N("Reshape", ["y3", "s6b"], ["y6"]),
             N("Transpose", ["y6"], ["y6t"], perm=[0, 1, 3, 2, 4, 5]),
             N("Concat", ["one_1", "Hp_u", "Wp_u", "cc"], ["s4"], axis=0),
             N("Unsqueeze", ["Hp", "u0"], ["Hp_u"]), N("Unsqueeze", ["Wp_", "u0"], ["Wp_u"]),
             N("Reshape", ["y6t", "s4"], ["yp"]),
             N("Slice", ["yp", "z2", "hw2", "axes12"], ["y"])]
    inits += [init("zero_1", np.array([0], np.int64)), init("one_1", np.array([1], np.int64)), init("hw2", i64(hw, hw)),
              init("axes12", i64(1, 2))]
    # the Unsqueezes of Hp / Wp are listed after their use above: put every node after its inputs
    order, have = [], {"x"} | {t.name for t in inits}
    pending = list(nodes)
    while pending:
        nxt = next(x for x in pending if all(i in have for i in x.input if i))
        order.append(nxt)
        have.update(nxt.output)
        pending.remove(nxt)
    return make_model(order, [("x", [1, hw, hw, c])], [("y", [1, hw, hw, c])], inits, opset=17)


def test_swin_window_attention_with_computed_shapes():
    # last stage: one window, the qkv Reshape has a batch of 1 once the shape computations are folded
    fs = findings(_swin_window_attention(hw=7), select={"RKN705"})
    assert [f.location.node_name for f in fs] == ["qkv_matmul"]
    assert "Gather 'q_gather'" in fs[0].message and "q as [B,heads,N,d]" in fs[0].message
    # a padded 5x5 map is one window too
    assert len(findings(_swin_window_attention(hw=5), select={"RKN705"})) == 1
    # earlier stages: 4 windows form the batch, which builds
    assert findings(_swin_window_attention(hw=14), select={"RKN705"}) == []
    assert len(findings(_swin_window_attention(hw=7, bias=0.5), select={"RKN705"})) == 1


def test_swin_window_attention_runs():
    ort = pytest.importorskip("onnxruntime")
    m = _swin_window_attention(hw=5)
    x = np.random.default_rng(1).standard_normal((1, 5, 5, 32)).astype(np.float32)
    (y,) = ort.InferenceSession(m.SerializeToString()).run(None, {"x": x})
    assert y.shape == (1, 5, 5, 32)


@pytest.mark.toolkit
def test_toolkit_swin_and_xca(tmp_path):
    rc, out = toolkit_build(save(_swin_window_attention(hw=7), tmp_path, "swin.onnx"))
    assert rc in (1, 4) and "_p_seperate_exmatmul_rs_split" in out
    rc, out = toolkit_build(save(_swin_window_attention(hw=14), tmp_path, "swin4.onnx"))
    assert rc == 0, out[-2000:]
    rc, out = toolkit_build(save(_attention(xca=True), tmp_path, "xca.onnx"))
    assert rc == 0, out[-2000:]


def _kv_or_head_split(form: str, bias: str = "zero", n: int = 16, c: int = 64, heads: int = 4):
    """The two other ways timm splits a zero-bias projection for attention (issue 14, unseen exports):
    form "kv": PVT-v2's kv = Linear(C, 2C) -> Reshape [1, N, 2, h, d] -> Transpose(2,0,3,1,4) -> k, v, with q
    from its own Linear; attention softmax(q k^T) @ v. form "heads": TinyViT's Linear -> Reshape [1, N, h, 3d]
    -> Split on the last axis -> Transpose(0,2,1,3) each."""
    rng = np.random.default_rng(0)
    d = c // heads
    width = 2 * c if form == "kv" else 3 * c
    b = np.zeros(width, np.float32) if bias == "zero" else rng.standard_normal(width).astype(np.float32)
    inits = [init("W", (rng.standard_normal((c, width)) * 0.1).astype(np.float32)), init("b", b),
             init("so", np.array([1, n, c], np.int64))]
    nodes = [helper.make_node("MatMul", ["x", "W"], ["mm"], name="proj_matmul"),
             helper.make_node("Add", ["b", "mm"], ["proj"], name="proj_add")]
    if form == "kv":
        inits += [init("Wq", (rng.standard_normal((c, c)) * 0.1).astype(np.float32)),
                  init("s4", np.array([1, n, heads, d], np.int64)), init("s5", np.array([1, n, 2, heads, d], np.int64)),
                  init("sp", np.array([1, 1], np.int64)), init("ax", np.array([0], np.int64))]
        nodes += [helper.make_node("MatMul", ["x", "Wq"], ["q0"]), helper.make_node("Reshape", ["q0", "s4"], ["qr"]),
                  helper.make_node("Transpose", ["qr"], ["qh"], perm=[0, 2, 1, 3]),
                  helper.make_node("Reshape", ["proj", "s5"], ["r"]),
                  helper.make_node("Transpose", ["r"], ["rt"], perm=[2, 0, 3, 1, 4]),
                  helper.make_node("Split", ["rt", "sp"], ["k0", "v0"], axis=0, name="kv_split")]
        nodes += [helper.make_node("Squeeze", [t + "0", "ax"], [t + "h"]) for t in "kv"]
    else:
        inits += [init("s4", np.array([1, n, heads, 3 * d], np.int64)), init("sp", np.array([d, d, d], np.int64))]
        nodes += [helper.make_node("Reshape", ["proj", "s4"], ["r"]),
                  helper.make_node("Split", ["r", "sp"], ["q0", "k0", "v0"], axis=3, name="qkv_split")]
        nodes += [helper.make_node("Transpose", [t + "0"], [t + "h"], perm=[0, 2, 1, 3]) for t in "qkv"]
    nodes += [helper.make_node("Transpose", ["kh"], ["kt"], perm=[0, 1, 3, 2]),
              helper.make_node("MatMul", ["qh", "kt"], ["s"]),
              helper.make_node("Softmax", ["s"], ["p"], axis=-1),
              helper.make_node("MatMul", ["p", "vh"], ["a"]),
              helper.make_node("Transpose", ["a"], ["at"], perm=[0, 2, 1, 3]),
              helper.make_node("Reshape", ["at", "so"], ["y"])]
    return make_model(nodes, [("x", [1, n, c])], [("y", [1, n, c])], inits)


@pytest.mark.parametrize("form, split", [("kv", "kv_split"), ("heads", "qkv_split")])
def test_fires_on_kv_and_last_axis_splits(form, split):
    fs = findings(_kv_or_head_split(form), select={"RKN705"})
    assert [f.location.node_name for f in fs] == ["proj_matmul"] and f"Split '{split}'" in fs[0].message
    assert findings(_kv_or_head_split(form, bias="rand"), select={"RKN705"}) == []


@pytest.mark.toolkit
def test_toolkit_agrees_on_kv_and_last_axis_splits(tmp_path):
    from conftest import run_cli

    for form in ("kv", "heads"):
        src = save(_kv_or_head_split(form), tmp_path, f"{form}.onnx")
        rc, out = toolkit_build(src)
        assert rc in (1, 4) and "_p_seperate_exmatmul_rs_split" in out, (form, out[-2000:])
        fixed = tmp_path / f"{form}.fixed.onnx"
        code, stdout, err = run_cli("fix", src, "-o", fixed)
        assert code == 0 and "bias-add-order" in stdout, stdout + err
        rc, out = toolkit_build(fixed)
        assert rc == 0, (form, out[-2000:])


def test_bias_computed_by_scatter_nd_is_folded():
    # torchvision Swin V2 zeroes the k third of its qkv bias with ScatterND: the toolkit folds it to a constant
    m = _attention()
    b = next(t for t in m.graph.initializer if t.name == "b")
    b.name = "b_src"
    m.graph.initializer.extend([init("idx", np.arange(64, 128, dtype=np.int64).reshape(-1, 1)),
                                init("upd", np.zeros(64, np.float32))])
    m.graph.node.insert(0, helper.make_node("ScatterND", ["b_src", "idx", "upd"], ["b"], name="zero_k_bias"))
    fs = findings(m, select={"RKN705"})
    assert [f.location.node_name for f in fs] == ["qkv_matmul"] and "'b' (all 0)" in fs[0].message
    b.CopyFrom(init("b_src", np.full(192, 0.5, np.float32)))  # q and v thirds 0.5, k third 0: not uniform
    assert findings(m, select={"RKN705"}) == []
