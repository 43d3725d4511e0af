"""Measure the crash patterns of public rknn-toolkit2 issue reports with one toolkit version, as data.

Each pattern of rules/motifs/crash-patterns.yaml (`patterns`: RKN709 reports them; `built`: reproductions that built,
kept so nobody re-tests them) has a minimal model here, built from the pattern the report describes, and neighbours
that differ in the one thing the pattern names (they must build). Every model is built with the given version's
python (its venv, scripts/setup-toolkit.sh) for each target, fp16 (int8 for rv1106 / rv1106b, and everywhere for a pattern whose `dtype` is int8), in a child process
each; with --write the outcome replaces `measured.<version>` of each pattern:

    measured:
      "2.3.2": {status: failed, failed: [rk3566, rk3588], built: [], error: "KeyError: 't'",
                stage: "fuse_ops > fold_constant", neighbours: {transpose-first: {built: [rk3566, rk3588]}}}

Usage: PYTHONPATH=. .venv/bin/python scripts/verify_crash_patterns.py --version 2.3.2 [--targets rk3588,rk3566]
       [--only ID,ID] [--write]
"""
from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT)]
from rknnlint.platforms import resolve_target  # noqa: E402
from rknnlint.toolkit.messages import failure_line  # noqa: E402
from rknnlint.toolkit.runner import BuildJob, RawRun, run_build  # noqa: E402

DATA = ROOT / "rules" / "motifs" / "crash-patterns.yaml"
_ANSI = re.compile(r"\x1b\[[0-9;]*m")
F = np.float32


# ------------------------------------------------------------------------------------------------ the models
def _t(name, arr):
    return numpy_helper.from_array(np.asarray(arr), name)


def _model(nodes, inputs, outputs, inits=(), opset=13):
    g = helper.make_graph(nodes, "g", [helper.make_tensor_value_info(n, TensorProto.FLOAT, s) for n, s in inputs],
                          [helper.make_tensor_value_info(n, TensorProto.FLOAT, s) for n, s in outputs], list(inits))
    m = helper.make_model(g, opset_imports=[helper.make_opsetid("", opset)])
    m.ir_version = 8
    onnx.checker.check_model(m, full_check=True)
    return m


def _conv(name, x, y, cin, cout, rng):
    w = _t(name + "_w", (rng.randn(cout, cin, 1, 1) * 0.1).astype(F))
    return helper.make_node("Conv", [x, w.name], [y], name=name, kernel_shape=[1, 1]), [w]


def concat(order="ccct", producer="Transpose", c=8, h=16, w=16, k=2):
    """Conv -> <producer> -> Concat with constants; `order` spells the Concat's inputs (c constant, t computed)."""
    rng = np.random.RandomState(0)
    n0, i0 = _conv("conv", "x", "c", c, c, rng)
    nodes = [n0]
    if producer == "Transpose":
        nodes.append(helper.make_node("Transpose", ["c"], ["t"], name="tp", perm=[0, 2, 3, 1]))
        shp, axis = [1, h, w, c], 3
    elif producer == "Relu":
        nodes.append(helper.make_node("Relu", ["c"], ["t"], name="relu"))
        shp, axis = [1, c, h, w], 1
    else:  # the Conv output itself
        n0.output[0] = "t"
        shp, axis = [1, c, h, w], 1
    cshape = list(shp)
    cshape[axis] = k
    consts = [_t(f"k{i}", rng.randn(*cshape).astype(F)) for i in range(order.count("c"))]
    names = iter(t.name for t in consts)
    nodes.append(helper.make_node("Concat", [next(names) if ch == "c" else "t" for ch in order], ["y"], name="cat",
                                  axis=axis))
    out = list(shp)
    out[axis] += k * len(consts)
    return _model(nodes, [("x", [1, c, h, w])], [("y", out)], i0 + consts)


def gram(kind="self", n=16, d=32):
    """MatMul(x, Transpose(x)) (self), MatMul(x, x) (same), MatMul(x, Transpose(z)) (other); "points": DGCNN's pairwise
    inner products of a point cloud x [1, D, N] (unseen set 17's pc_dgcnn_edgeconv_1024_op13): MatMul(Transpose(x), x)
    [1, N, N] times -2."""
    if kind.startswith("points"):  # "points-pow": x also squared for the norms; "points-tp-out": x^T an output too
        nodes = [helper.make_node("Transpose", ["x"], ["xt"], name="tp", perm=[0, 2, 1]),
                 helper.make_node("MatMul", ["xt", "x"], ["g"], name="mm"),
                 helper.make_node("Mul", ["g", "m2"], ["y"], name="scale")]
        outs, inits = [("y", [1, n, n])], [_t("m2", np.array(-2, F))]
        if "pow" in kind:
            nodes.append(helper.make_node("Pow", ["x", "two"], ["sq"], name="pow"))
            outs, inits = outs + [("sq", [1, d, n])], inits + [_t("two", np.array(2, F))]
        if "square" in kind:  # x * x in place of the Pow
            nodes.append(helper.make_node("Mul", ["x", "x"], ["sq"], name="square"))
            outs.append(("sq", [1, d, n]))
        if "relu" in kind:  # x another reader's, not the MatMul's and Transpose's alone: a Relu
            nodes.append(helper.make_node("Relu", ["x"], ["r"], name="relu"))
            outs.append(("r", [1, d, n]))
        if "computed" in kind:  # x computed from the graph input (a Relu), not the input itself
            nodes.insert(0, helper.make_node("Relu", ["x_in"], ["x"], name="pre"))
            return _model(nodes, [("x_in", [1, d, n])], outs, inits)
        if "tp-out" in kind:
            outs.append(("xt", [1, n, d]))
        return _model(nodes, [("x", [1, d, n])], outs, inits)
    if kind == "same":
        return _model([helper.make_node("MatMul", ["x", "x"], ["y"], name="mm")], [("x", [1, n, n])], [("y", [1, n, n])])
    src = "x" if kind == "self" else "z"
    nodes = [helper.make_node("Transpose", [src], ["xt"], name="tp", perm=[0, 2, 1]),
             helper.make_node("MatMul", ["x", "xt"], ["y"], name="mm")]
    ins = [("x", [1, n, d])] + ([("z", [1, n, d])] if kind == "other" else [])
    return _model(nodes, ins, [("y", [1, n, n])])


def gram_conv(c=16, h=8, w=8, order="xxt"):
    """Conv -> Reshape [1, C, HW] -> MatMul(r, Transpose(r)): a Gram matrix inside a network; `order` xtx: the
    transposed operand first, Transpose(r) @ r ([1, HW, HW]: an attention over positions with the map as its own
    queries and keys, placement_sweep `axmean` heads)."""
    rng = np.random.RandomState(0)
    n0, i0 = _conv("conv", "x", "c", c, c, rng)
    pair = ["r", "rt"] if order == "xxt" else ["rt", "r"]
    nodes = [n0, helper.make_node("Reshape", ["c", "s"], ["r"], name="rs"),
             helper.make_node("Transpose", ["r"], ["rt"], name="tp", perm=[0, 2, 1]),
             helper.make_node("MatMul", pair, ["y"], name="mm")]
    n = c if order == "xxt" else h * w
    return _model(nodes, [("x", [1, c, h, w])], [("y", [1, n, n])], i0 + [_t("s", np.array([1, c, h * w], np.int64))])


def pooling_attention(query="const", q_len=1, scale=True, tokens=576, heads=4, dh=16, keys="input"):
    """Attention pooling: Q [1,H,q_len,D] (a constant probe, or computed from the mean token) against K/V projected
    from the input: MatMul(Q, K^T) -> Mul -> Softmax -> MatMul(., V) -> [1, q_len, H*D]. keys="const": K / V
    projected from a constant [1, tokens, H*D] instead (the whole attention computable ahead, as the first
    self-attention of a DETR decoder over its learned queries), the input's mean token added to the result."""
    rng = np.random.RandomState(0)
    dm = heads * dh
    if query == "batched":  # rank 3, the heads in the batch axis, as dynamo writes nn.MultiheadAttention (SigLIP head)
        inits = [_t("wk", (rng.randn(dm, dm) * 0.05).astype(F)), _t("wv", (rng.randn(dm, dm) * 0.05).astype(F)),
                 _t("s3", np.array([tokens, heads, dh], np.int64)), _t("so", np.array([1, q_len, dm], np.int64)),
                 _t("q", (rng.randn(heads, q_len, dh) * dh ** -0.5).astype(F))]
        nodes = [helper.make_node("MatMul", ["x", "wk"], ["k"], name="k_proj"),
                 helper.make_node("MatMul", ["x", "wv"], ["v"], name="v_proj"),
                 helper.make_node("Reshape", ["k", "s3"], ["k3"], name="k_rs"),
                 helper.make_node("Transpose", ["k3"], ["kt"], name="k_tp", perm=[1, 2, 0]),
                 helper.make_node("Reshape", ["v", "s3"], ["v3"], name="v_rs"),
                 helper.make_node("Transpose", ["v3"], ["vt"], name="v_tp", perm=[1, 0, 2]),
                 helper.make_node("MatMul", ["q", "kt"], ["a"], name="qk")]
        if scale:
            inits.append(_t("sc", np.array(1.0, F)))
            nodes.append(helper.make_node("Mul", ["a", "sc"], ["a2"], name="scale"))
        nodes += [helper.make_node("Softmax", ["a2" if scale else "a"], ["p"], name="softmax", axis=-1),
                  helper.make_node("MatMul", ["p", "vt"], ["o"], name="pv"),
                  helper.make_node("Transpose", ["o"], ["ot"], name="o_tp", perm=[1, 0, 2]),
                  helper.make_node("Reshape", ["ot", "so"], ["y"], name="o_rs")]
        return _model(nodes, [("x", [1, tokens, dm])], [("y", [1, q_len, dm])], inits)
    inits = [_t("wk", (rng.randn(dm, dm) * 0.05).astype(F)), _t("wv", (rng.randn(dm, dm) * 0.05).astype(F)),
             _t("s4", np.array([1, tokens, heads, dh], np.int64)), _t("sc", np.array(dh ** -0.5, F)),
             _t("so", np.array([1, q_len, dm], np.int64))]
    nodes = []
    if query == "const":
        inits.append(_t("q", rng.randn(1, heads, q_len, dh).astype(F)))
    else:
        inits += [_t("wq", (rng.randn(dm, dm) * 0.05).astype(F)), _t("sq", np.array([1, 1, heads, dh], np.int64))]
        nodes += [helper.make_node("ReduceMean", ["x"], ["xm"], name="pool", axes=[1], keepdims=1),
                  helper.make_node("MatMul", ["xm", "wq"], ["q0"], name="q_proj"),
                  helper.make_node("Reshape", ["q0", "sq"], ["q1"], name="q_rs"),
                  helper.make_node("Transpose", ["q1"], ["q"], name="q_tp", perm=[0, 2, 1, 3])]
    src = "x"
    if keys == "const":
        inits.append(_t("kv", rng.randn(1, tokens, dm).astype(F)))
        src = "kv"
    nodes += [helper.make_node("MatMul", [src, "wk"], ["k"], name="k_proj"),
              helper.make_node("MatMul", [src, "wv"], ["v"], name="v_proj"),
              helper.make_node("Reshape", ["k", "s4"], ["k4"], name="k_rs"),
              helper.make_node("Transpose", ["k4"], ["kt"], name="k_tp", perm=[0, 2, 3, 1]),
              helper.make_node("Reshape", ["v", "s4"], ["v4"], name="v_rs"),
              helper.make_node("Transpose", ["v4"], ["vt"], name="v_tp", perm=[0, 2, 1, 3]),
              helper.make_node("MatMul", ["q", "kt"], ["a"], name="qk")]
    if scale:
        nodes.append(helper.make_node("Mul", ["a", "sc"], ["a2"], name="scale"))
    nodes += [helper.make_node("Softmax", ["a2" if scale else "a"], ["p"], name="softmax", axis=-1),
              helper.make_node("MatMul", ["p", "vt"], ["o"], name="pv"),
              helper.make_node("Transpose", ["o"], ["ot"], name="o_tp", perm=[0, 2, 1, 3]),
              helper.make_node("Reshape", ["ot", "so"], ["y0" if keys == "const" else "y"], name="o_rs")]
    if keys == "const":
        nodes += [helper.make_node("ReduceMean", ["x"], ["xmean"], name="x_mean", axes=[1], keepdims=1),
                  helper.make_node("Add", ["y0", "xmean"], ["y"], name="plus_x")]
    if not scale:
        inits = [i for i in inits if i.name != "sc"]
    return _model(nodes, [("x", [1, tokens, dm])], [("y", [1, q_len, dm])], inits)


def yolo_head(hw=160, na=3, no=9, c_in=16):
    """Conv -> Reshape [1, na, no, H, W] -> Transpose [0, 1, 3, 4, 2] (a YOLOv5 head)."""
    rng = np.random.RandomState(0)
    n0, i0 = _conv("conv", "x", "c", c_in, na * no, rng)
    nodes = [n0, helper.make_node("Reshape", ["c", "s"], ["r"], name="rs"),
             helper.make_node("Transpose", ["r"], ["y"], name="tp", perm=[0, 1, 3, 4, 2])]
    return _model(nodes, [("x", [1, c_in, hw, hw])], [("y", [1, na, hw, hw, no])],
                  i0 + [_t("s", np.array([1, na, no, hw, hw], np.int64))])


def identity_output(split=False, c=64, h=20, w=40):
    """Conv -> Slice (or Split) -> Reshape -> Identity -> graph output."""
    rng = np.random.RandomState(0)
    n0, i0 = _conv("conv", "x", "c", c, 2 * c, rng)
    inits = i0 + [_t("shp", np.array([1, c, h * w], np.int64))]
    outs = [("y", [1, c, h * w])]
    if split:
        nodes = [n0, helper.make_node("Split", ["c"], ["s", "s1"], name="split", axis=1),
                 helper.make_node("Add", ["s1", "s1"], ["y2"], name="add")]
        outs.append(("y2", [1, c, h, w]))
    else:
        nodes = [n0, helper.make_node("Slice", ["c", "st", "en", "ax"], ["s"], name="slice")]
        inits += [_t("st", np.array([0], np.int64)), _t("en", np.array([c], np.int64)), _t("ax", np.array([1], np.int64))]
    nodes += [helper.make_node("Reshape", ["s", "shp"], ["r"], name="rs"),
              helper.make_node("Identity", ["r"], ["y"], name="idn")]
    return _model(nodes, [("x", [1, c, h, w])], outs, inits)


def empty_optional_output(op="Dropout", c=8, n=16, d=32):
    """A node whose optional output is declared with an empty name (Dropout mask, MaxPool indices, LayerNorm stats)."""
    rng = np.random.RandomState(0)
    if op == "LayerNormalization":
        nodes = [helper.make_node("LayerNormalization", ["x", "g", "b"], ["l", "", ""], name="ln", axis=-1),
                 helper.make_node("Add", ["l", "one"], ["y"], name="add")]
        return _model(nodes, [("x", [1, n, d])], [("y", [1, n, d])],
                      [_t("g", np.ones(d, F)), _t("b", np.zeros(d, F)), _t("one", np.array(1.0, F))], opset=17)
    n0, i0 = _conv("conv", "x", "c", c, c, rng)
    if op == "MaxPool":
        nodes = [n0, helper.make_node("MaxPool", ["c"], ["y", ""], name="pool", kernel_shape=[2, 2], strides=[2, 2])]
        return _model(nodes, [("x", [1, c, 16, 16])], [("y", [1, c, 8, 8])], i0)
    n1, i1 = _conv("conv2", "d", "y", c, c, rng)
    outs = ["d"] if op == "Dropout-one-output" else ["d", ""]
    return _model([n0, helper.make_node("Dropout", ["c"], outs, name="drop"), n1], [("x", [1, c, 16, 16])],
                  [("y", [1, c, 16, 16])], i0 + i1)


def subsampling_embed(c=128, t=48, f=19, d=64):
    """Conv output [1, C, T, F] -> Transpose(0, 2, 1, 3) -> Reshape [1, T, C*F] -> Linear (zipformer's encoder_embed)."""
    rng = np.random.RandomState(0)
    n0, i0 = _conv("conv", "x", "c", 8, c, rng)
    nodes = [n0, helper.make_node("Transpose", ["c"], ["t"], name="tp", perm=[0, 2, 1, 3]),
             helper.make_node("Reshape", ["t", "s"], ["r"], name="rs"),
             helper.make_node("MatMul", ["r", "w"], ["y"], name="linear")]
    return _model(nodes, [("x", [1, 8, t, f])], [("y", [1, t, d])],
                  i0 + [_t("s", np.array([1, t, c * f], np.int64)), _t("w", (rng.randn(c * f, d) * 0.01).astype(F))])


def outer_product_heads(h=32, n=64, dm=2048, inner=1, op="MatMul"):
    """Per-head outer product k^T v: MatMul [1, H, N, 1] x [1, H, 1, N] of two Linear projections (RWKV-6 time mix);
    `inner` > 1 makes it an ordinary batched MatMul of the same projections."""
    rng = np.random.RandomState(0)
    dk = h * n * inner if inner > 1 else dm
    nodes = [helper.make_node("MatMul", ["x", "wk"], ["k"], name="k_proj"),
             helper.make_node("MatMul", ["x", "wv"], ["v"], name="v_proj"),
             helper.make_node("Reshape", ["k", "sk"], ["k4"], name="k_rs"),
             helper.make_node("Reshape", ["v", "sv"], ["v4"], name="v_rs"),
             helper.make_node(op, ["k4", "v4"], ["y"], name="outer")]
    return _model(nodes, [("x", [1, dm])], [("y", [1, h, n, n])],
                  [_t("wk", (rng.randn(dm, dk) * 0.01).astype(F)), _t("wv", (rng.randn(dm, dk) * 0.01).astype(F)),
                   _t("sk", np.array([1, h, n, inner], np.int64)), _t("sv", np.array([1, h, inner, n], np.int64))])


def einsum_scores(n=64, d=32, same=False, equation="bhid,bhjd->bhij"):
    """Two Conv outputs reshaped to [1, 1, N, D] (or one, `same`) -> Einsum `equation` (attention scores q k^T)."""
    rng = np.random.RandomState(0)
    n0, i0 = _conv("convq", "x", "cq", d, d, rng)
    nodes, inits, kq = [n0], list(i0), "cq"
    if not same:
        n1, i1 = _conv("convk", "x", "ck", d, d, rng)
        nodes.append(n1)
        inits += i1
        kq = "ck"
    nodes += [helper.make_node("Reshape", ["cq", "s"], ["q"], name="q_rs"),
              helper.make_node("Reshape", [kq, "s"], ["k"], name="k_rs"),
              helper.make_node("Transpose", ["q"], ["qt"], name="q_tp", perm=[0, 1, 3, 2]),
              helper.make_node("Transpose", ["k"], ["kt"], name="k_tp", perm=[0, 1, 3, 2]),
              helper.make_node("Einsum", ["qt", "kt"], ["y"], name="einsum", equation=equation)]
    return _model(nodes, [("x", [1, d, 1, n])], [("y", [1, 1, n, n])],
                  inits + [_t("s", np.array([1, 1, d, n], np.int64))])


def einsum_attention(heads=1, query="linear", second="Einsum", n=784, t=196, dh=64):
    """An attention written as two Einsums, as torch.export writes HF CvT's: queries a Linear (MatMul + Add) reshaped to
    [1, N, heads, dh] and transposed to [1, heads, N, dh] -> Einsum 'bhlk,bhtk->bhlt' with keys [1, heads, T, dh] ->
    Mul scale -> Softmax -> `second` ('bhlt,bhtv->bhlv', or MatMul) with values; `query`='input': no Linear."""
    rng = np.random.RandomState(0)
    d = heads * dh
    nodes, inits, q = [], [_t("shp", np.array([1, n, heads, dh], np.int64)), _t("scale", np.array(dh ** -0.5, F))], "x"
    if query == "linear":
        nodes += [helper.make_node("MatMul", ["x", "w"], ["mm"], name="lin_mm"),
                  helper.make_node("Add", ["mm", "b"], ["lin"], name="lin_add")]
        inits += [_t("w", (rng.randn(d, d) * 0.1).astype(F)), _t("b", (rng.randn(d) * 0.1).astype(F))]
        q = "lin"
    nodes += [helper.make_node("Reshape", [q, "shp"], ["rs"], name="q_rs"),
              helper.make_node("Transpose", ["rs"], ["qt"], name="q_tp", perm=[0, 2, 1, 3]),
              helper.make_node("Einsum", ["qt", "k"], ["s"], name="einsum_qk", equation="bhlk,bhtk->bhlt"),
              helper.make_node("Mul", ["s", "scale"], ["s2"], name="scale"),
              helper.make_node("Softmax", ["s2"], ["p"], name="softmax", axis=-1)]
    if second == "Einsum":
        nodes.append(helper.make_node("Einsum", ["p", "v"], ["y"], name="einsum_pv", equation="bhlt,bhtv->bhlv"))
    else:
        nodes.append(helper.make_node("MatMul", ["p", "v"], ["y"], name="matmul_pv"))
    return _model(nodes, [("x", [1, n, d]), ("k", [1, heads, t, dh]), ("v", [1, heads, t, dh])],
                  [("y", [1, heads, n, dh])], inits, opset=18)


def einsum_attention_shared_mask(share=True, second="Einsum", layout="bqhd", q=1, m=128, heads=8, dh=32,
                                 attentions=2, scale="Div", chain=False, own_scale=False):
    """`attentions` attentions written with Einsum as an LLM decode step writes them (unseen set 19's static-KV-cache
    step, torch.einsum): queries [1, Q, H, dh] and keys / values [1, M, H, dh] graph inputs -> Einsum 'bqhd,bkhd->bhqk'
    -> Div by sqrt(dh) (`scale` Mul: by its inverse) -> Add an additive mask [1, 1, 1, M] -> Softmax -> `second`
    ('bhqk,bkhd->bqhd', or Transposes around a MatMul); `share`: every attention adds the one mask input, else each its
    own; `layout` "bhqd": 'bhqd,bhkd->bhqk' / 'bhqk,bhkd->bhqd' over [1, H, Q, dh] / [1, H, M, dh]; `chain`: the queries
    of every attention after the first are its predecessor's output (Reshape [1, Q, H * dh], Linear, Reshape back);
    `own_scale`: each attention its own scale constant."""
    rng = np.random.RandomState(0)
    inits = [_t("sc", np.array(dh ** 0.5 if scale == "Div" else dh ** -0.5, F)),
             _t("flat", np.array([1, q, heads * dh], np.int64)), _t("heads", np.array([1, q, heads, dh], np.int64))]
    nodes, inputs, outputs = [], [], []
    eq1, eq2 = (("bqhd,bkhd->bhqk", "bhqk,bkhd->bqhd") if layout == "bqhd" else
                ("bhqd,bhkd->bhqk", "bhqk,bhkd->bhqd"))
    shq, shk = (([1, q, heads, dh], [1, m, heads, dh]) if layout == "bqhd" else
                ([1, heads, q, dh], [1, heads, m, dh]))
    inputs.append(("mask", [1, 1, 1, m]))
    for i in range(attentions):
        mask = "mask" if share or i == 0 else f"mask{i}"
        if mask != "mask":
            inputs.append((mask, [1, 1, 1, m]))
        sc = "sc"
        if own_scale:
            sc = f"sc{i}"
            inits.append(_t(sc, np.array(dh ** 0.5 if scale == "Div" else dh ** -0.5, F)))
        inputs += [(f"k{i}", shk), (f"v{i}", shk)]
        if chain and i:
            inits += [_t(f"w{i}", (rng.randn(heads * dh, heads * dh) * 0.05).astype(F)),
                      _t(f"b{i}", (rng.randn(heads * dh) * 0.05).astype(F))]
            nodes += [helper.make_node("Reshape", [f"y{i - 1}", "flat"], [f"f{i}"], name=f"flat{i}"),
                      helper.make_node("MatMul", [f"f{i}", f"w{i}"], [f"l{i}"], name=f"lin_mm{i}"),
                      helper.make_node("Add", [f"b{i}", f"l{i}"], [f"lb{i}"], name=f"lin_add{i}"),
                      helper.make_node("Reshape", [f"lb{i}", "heads"], [f"q{i}"], name=f"q_rs{i}")]
            outputs.pop()
        else:
            inputs.append((f"q{i}", shq))
        nodes += [helper.make_node("Einsum", [f"q{i}", f"k{i}"], [f"s{i}"], name=f"einsum_qk{i}", equation=eq1),
                  helper.make_node(scale, [f"s{i}", sc], [f"d{i}"], name=f"scale{i}"),
                  helper.make_node("Add", [f"d{i}", mask], [f"a{i}"], name=f"mask_add{i}"),
                  helper.make_node("Softmax", [f"a{i}"], [f"p{i}"], name=f"softmax{i}", axis=-1)]
        if second == "Einsum":
            nodes.append(helper.make_node("Einsum", [f"p{i}", f"v{i}"], [f"y{i}"], name=f"einsum_pv{i}", equation=eq2))
        else:  # values [1, M, H, dh] -> [1, H, M, dh], p @ v, back to [1, Q, H, dh]
            nodes += [helper.make_node("Transpose", [f"v{i}"], [f"vt{i}"], name=f"v_tp{i}", perm=[0, 2, 1, 3]),
                      helper.make_node("MatMul", [f"p{i}", f"vt{i}"], [f"o{i}"], name=f"matmul_pv{i}"),
                      helper.make_node("Transpose", [f"o{i}"], [f"y{i}"], name=f"o_tp{i}", perm=[0, 2, 1, 3])]
        outputs.append((f"y{i}", shq))
    return _model(nodes, inputs, outputs, inits, opset=17)


def slice_shift_concat(first=(0, 1), second=(0, -1), n=128, d=384, axis=1, rank=3, pre=None, post=None,
                       two_inputs=False):
    """Funnel's cls shift (unseen set 19's nlp_hf_funnel_base_b111_seq128_op14, `rknnlint build --reduce` to 11 nodes):
    x [1, N, D] -> Concat(x[:, a:b], x[:, c:e]) on `axis`, both Slices of the graph input; `first` / `second` the two
    (start, end) pairs ((0, 1), (0, -1): the first token, then every token but the last); rank 4 puts x [1, N, D, 1];
    `pre` / `post`: an op (Relu, ...) computing the sliced tensor from the input / reading the Concat; `two_inputs`:
    the second Slice reads a second graph input of the same shape."""
    shape = [1, n, d] + ([1] * (rank - 3))
    inits = [_t("ax", np.array([axis], np.int64)), _t("one", np.array([1], np.int64))]
    nodes, src = [], "x"
    if pre:
        nodes.append(helper.make_node(pre, ["x"], ["xp"], name="pre"))
        src = "xp"
    for i, (a, b) in enumerate((first, second)):
        inits += [_t(f"s{i}", np.array([a], np.int64)), _t(f"e{i}", np.array([b], np.int64))]
        x = "x2" if two_inputs and i else src
        nodes.append(helper.make_node("Slice", [x, f"s{i}", f"e{i}", "ax", "one"], [f"p{i}"], name=f"slice{i}"))
    nodes.append(helper.make_node("Concat", ["p0", "p1"], ["c" if post else "y"], name="cat", axis=axis))
    if post:
        nodes.append(helper.make_node(post, ["c"], ["y"], name="post"))
    ln = lambda a, b: (b if b >= 0 else shape[axis] + b) - (a if a >= 0 else shape[axis] + a)  # noqa: E731
    out = list(shape)
    out[axis] = ln(*first) + ln(*second)
    return _model(nodes, [("x", shape)] + ([("x2", shape)] if two_inputs else []), [("y", out)], inits, opset=14)


def gather_channels_sub(tail="Sub", reshape=True, c=448, k=32, hw=28):
    """PaDiM's random feature selection (unseen set 17's anomaly_padim_lite_224_op12, torch.index_select): a map [1, C, H,
    W] -> Gather(axis 1, constant channel indices [K]) -> (Reshape [1, K, H * W]) -> `tail` with a constant (Sub: the
    mean), or nothing after it (`tail` None)."""
    rng = np.random.RandomState(0)
    shape = [1, k, hw * hw] if reshape else [1, k, hw, hw]
    inits = [_t("sel", rng.permutation(c)[:k].astype(np.int64)), _t("shp", np.array([1, k, hw * hw], np.int64)),
             _t("mean", (rng.randn(*shape) * 0.1).astype(F))]
    nodes, y = [helper.make_node("Gather", ["x", "sel"], ["g"], name="gather", axis=1)], "g"
    if reshape:
        nodes.append(helper.make_node("Reshape", [y, "shp"], ["r"], name="flat"))
        y = "r"
    if tail:
        nodes.append(helper.make_node(tail, [y, "mean"], ["y"], name="tail"))
        y = "y"
    return _model(nodes, [("x", [1, c, hw, hw])], [(y, shape)], inits, opset=12)


def mahalanobis(tail="Clip", front="reshape", p=784, d=32, chain="MatMul Mul ReduceSum", weight="batched"):
    """PaDiM's Mahalanobis distance per patch (unseen set 17's anomaly_padim_lite_224_op12): a map [1, D, H, W] ->
    Reshape [1, D, P] (`front` "reshape"; "input": the [1, D, P] graph input itself) -> Sub the mean -> Transpose
    (2, 0, 1) to [P, 1, D] -> MatMul by the constant inverse covariances [P, D, D] -> Mul by the [P, 1, D] deltas ->
    ReduceSum(last axis) -> `tail` (Clip at 0, Relu, or nothing); `chain` keeps a part of the quadratic form, `weight`
    "shared" one [D, D] matrix, `front` "tokens" a [P, 1, D] graph input (no Sub, no Transpose)."""
    rng = np.random.RandomState(0)
    hw = int(round(p ** 0.5))
    a = (rng.randn(p, d, d) * 0.1).astype(F)
    icov = a @ a.transpose(0, 2, 1) if weight == "batched" else (a[0] @ a[0].T)  # one [D, D] shared by all patches
    inits = [_t("mean", (rng.randn(1, d, p) * 0.1).astype(F)), _t("icov", icov),
             _t("shp", np.array([1, d, p], np.int64)), _t("zero", np.array(0, F))]
    nodes, x, inputs = [], "x", [("x", [1, d, p])]
    if front == "reshape":
        nodes.append(helper.make_node("Reshape", ["x", "shp"], ["flat"], name="flat"))
        x, inputs = "flat", [("x", [1, d, hw, p // hw])]
    if front == "tokens":
        nodes, inputs = [helper.make_node("Identity", ["x"], ["dt"], name="id")], [("x", [p, 1, d])]
    else:
        nodes += [helper.make_node("Sub", [x, "mean"], ["delta"], name="sub"),
                  helper.make_node("Transpose", ["delta"], ["dt"], name="tp", perm=[2, 0, 1])]
    y, shape = "dt", [p, 1, d]
    for op in chain.split():  # the quadratic form, or a part of it (`chain`)
        if op == "MatMul":
            nodes.append(helper.make_node("MatMul", [y, "icov"], ["mm"], name="mm"))
            y = "mm"
        elif op == "Mul":
            nodes.append(helper.make_node("Mul", [y, "dt"], ["sq"], name="mul"))
            y = "sq"
        else:
            nodes.append(helper.make_node("ReduceSum", [y], ["dist"], name="rsum", axes=[-1], keepdims=0))
            y, shape = "dist", [p, 1]
    if tail == "Clip":
        nodes.append(helper.make_node("Clip", [y, "zero"], ["y"], name="clip"))
        y = "y"
    elif tail:
        nodes.append(helper.make_node(tail, [y], ["y"], name="tail"))
        y = "y"
    used = {i for n in nodes for i in n.input}
    return _model(nodes, inputs, [(y, shape)], [i for i in inits if i.name in used], opset=12)


def reduce_sum_all(rank=1, n=8, keepdims=0):
    """ReduceSum over every axis of a graph input (torch.sum(x) exported with opset 17: no axes input)."""
    shape = [n] if rank == 1 else [1, n, 4, 4]
    out = ([1] * rank) if keepdims else []
    node = helper.make_node("ReduceSum", ["x"], ["y"], name="sum", keepdims=keepdims)
    return _model([node], [("x", shape)], [("y", out)], opset=17)


def dense_bn(k=64, n=32, vec=True):
    """A Dense layer then a batch norm as TF exports it: MatMul [1, K] x [K, N] -> Add bias -> Mul scale -> Add shift,
    the bias, scale and shift rank-1 [N] (`vec`) or [1, N]."""
    rng = np.random.RandomState(0)
    shp = (n,) if vec else (1, n)
    nodes = [helper.make_node("MatMul", ["x", "w"], ["m"], name="dense"),
             helper.make_node("Add", ["m", "b"], ["a"], name="bias"),
             helper.make_node("Mul", ["a", "g"], ["s"], name="bn_mul"),
             helper.make_node("Add", ["s", "h"], ["y"], name="bn_add")]
    return _model(nodes, [("x", [1, k])], [("y", [1, n])],
                  [_t("w", (rng.randn(k, n) * 0.1).astype(F)), _t("b", rng.randn(*shp).astype(F)),
                   _t("g", rng.rand(*shp).astype(F) + 0.5), _t("h", rng.randn(*shp).astype(F))])


def global_pool(hw=160, c=16, op="GlobalAveragePool"):
    """Conv -> GlobalAveragePool over an HxW map (a classifier head on a large feature map)."""
    rng = np.random.RandomState(0)
    n0, i0 = _conv("conv", "x", "c", 3, c, rng)
    return _model([n0, helper.make_node(op, ["c"], ["y"], name="gap")], [("x", [1, 3, hw, hw])], [("y", [1, c, 1, 1])], i0)


def token_concat(order="cct", c=64, f=8, t=12, pos=True, tokens=(1, 1)):
    """Audio-spectrogram / DeiT embedding: Conv patches -> Reshape [1, C, N] -> Transpose [1, N, C] -> Concat(class
    token, distillation token, patches) on axis 1 -> Add position embedding; `order` spells the Concat's inputs,
    `tokens` the length of each constant ((1, 4): a class token and four register tokens, as DINOv2 / v3)."""
    rng = np.random.RandomState(0)
    n0, i0 = _conv("patch", "x", "c", 1, c, rng)
    nt = f * t
    nodes = [n0, helper.make_node("Reshape", ["c", "s"], ["r"], name="flat"),
             helper.make_node("Transpose", ["r"], ["tp"], name="tp", perm=[0, 2, 1])]
    consts = [_t(f"tok{i}", rng.randn(1, tokens[i], c).astype(F)) for i in range(order.count("c"))]
    names = iter(k.name for k in consts)
    ntok = nt + sum(tokens[:len(consts)])
    nodes.append(helper.make_node("Concat", [next(names) if ch == "c" else "tp" for ch in order],
                                  ["cat" if pos else "y"], name="cat", axis=1))
    inits = i0 + consts + [_t("s", np.array([1, c, nt], np.int64))]
    if pos:
        nodes.append(helper.make_node("Add", ["cat", "pos"], ["y"], name="pos_add"))
        inits.append(_t("pos", rng.randn(1, ntok, c).astype(F) * 0.1))
    return _model(nodes, [("x", [1, 1, f, t])], [("y", [1, ntok, c])], inits)


def token_concat_nhwc(c=64, h=8, w=12, tokens=(1, 8), reader="rms"):
    """The dynamo form of a ViT embedding with class and register tokens (unseen set 11's Sapiens2): Conv patches ->
    Transpose [1, H, W, C] -> Reshape [1, N, C] -> Concat(class token, register tokens, patches) on axis 1, read by
    the first block: an RMSNorm written out (Pow, ReduceMean, Add, Sqrt, Div, Mul) -> Linear, and the residual Add;
    `reader` "layernorm" reads it with a LayerNormalization op instead (DINOv3's first block)."""
    rng = np.random.RandomState(0)
    n0, i0 = _conv("patch", "x", "c", 3, c, rng)
    n = h * w + sum(tokens)
    consts = [_t(f"tok{i}", rng.randn(1, k, c).astype(F)) for i, k in enumerate(tokens)]
    inits = i0 + consts + [_t("s", np.array([1, h * w, c], np.int64)), _t("wl", (rng.randn(c, c) * 0.1).astype(F)),
                           _t("g", np.ones(c, F)), _t("b", np.zeros(c, F))]
    nodes = [n0, helper.make_node("Transpose", ["c"], ["tp"], name="tp", perm=[0, 2, 3, 1]),
             helper.make_node("Reshape", ["tp", "s"], ["r"], name="flat"),
             helper.make_node("Concat", [k.name for k in consts] + ["r"], ["cat"], name="cat", axis=1)]
    if reader == "layernorm":
        nodes.append(helper.make_node("LayerNormalization", ["cat", "g", "b"], ["nrm"], name="norm", axis=-1, epsilon=1e-6))
    else:
        inits += [_t("two", F(2)), _t("ax", np.array([-1], np.int64)), _t("eps", F(1e-6))]
        nodes += [helper.make_node("Pow", ["cat", "two"], ["sq"], name="sq"),
                  helper.make_node("ReduceMean", ["sq", "ax"], ["ms"], name="ms", keepdims=1),
                  helper.make_node("Add", ["ms", "eps"], ["mse"], name="eps_add"),
                  helper.make_node("Sqrt", ["mse"], ["rms"], name="sqrt"),
                  helper.make_node("Div", ["cat", "rms"], ["dn"], name="div"),
                  helper.make_node("Mul", ["dn", "g"], ["nrm"], name="gamma")]
    nodes += [helper.make_node("MatMul", ["nrm", "wl"], ["lin"], name="linear"),
              helper.make_node("Add", ["cat", "lin"], ["y"], name="residual")]
    return _model(nodes, [("x", [1, 3, h, w])], [("y", [1, n, c])], inits, opset=18)


def einsum_weight(equation="bnc,ck->bnk", n=16, c=32, k=24):
    """Einsum of a computed tensor with a constant weight (a Linear written as einsum); `bchw,bc->bchw`: a channel
    attention, the feature map scaled by a pooled vector."""
    rng = np.random.RandomState(0)
    if equation == "bchw,bc->bchw":
        n0, i0 = _conv("conv", "x", "cv", c, c, rng)
        nodes = [n0, helper.make_node("GlobalAveragePool", ["cv"], ["p"], name="gap"),
                 helper.make_node("Flatten", ["p"], ["v"], name="flat", axis=1),
                 helper.make_node("Einsum", ["cv", "v"], ["y"], name="einsum", equation=equation)]
        return _model(nodes, [("x", [1, c, 8, n])], [("y", [1, c, 8, n])], i0)
    n0, i0 = _conv("conv", "x", "cv", c, c, rng)
    nodes = [n0, helper.make_node("Reshape", ["cv", "s"], ["r"], name="rs"),
             helper.make_node("Transpose", ["r"], ["tp"], name="tp", perm=[0, 2, 1]),
             helper.make_node("Einsum", ["tp", "w"], ["y"], name="einsum", equation=equation)]
    wshape = [c, k] if equation.split(",")[1].startswith("c") else [k, c]
    return _model(nodes, [("x", [1, c, 1, n])], [("y", [1, n, k])],
                  i0 + [_t("s", np.array([1, c, n], np.int64)), _t("w", (rng.randn(*wshape) * 0.1).astype(F))], opset=13)


def constant_branch(all_const=False, c=8, hw=16):
    """An output computed from constants only (a Conv over a learned map), beside one computed from the input, or alone
    (`all_const`: the graph input feeds nothing). rknn-toolkit2 issue 221: measured with this script (2.2.0 - 2.5.0,
    rk3562 / rk3566 / rk3576 / rk3588 fp16, rv1106 int8), the lone one fails "All outputs [...] of model are
    constants" everywhere and the other builds; RKN306 predicts it, so it is no crash pattern (tests/test_crash_patterns.py)."""
    rng = np.random.RandomState(0)
    n0, i0 = _conv("conv_k", "k", "kc", c, c, rng)
    nodes = [n0, helper.make_node("Relu", ["kc"], ["y0"], name="relu_k")]
    inits = i0 + [_t("k", rng.randn(1, c, hw, hw).astype(F))]
    outs = [("y0", [1, c, hw, hw])]
    if not all_const:
        n1, i1 = _conv("conv_x", "x", "y1", c, c, rng)
        nodes.append(n1)
        inits += i1
        outs.append(("y1", [1, c, hw, hw]))
    return _model(nodes, [("x", [1, c, hw, hw])], outs, inits)


def concat_repeated(order=(0, 1, 0), rank=3, n=8400):
    """An oriented-box head: Cos and Sin of an angle map, concatenated with one of them twice (Concat(cos, sin, cos)
    on axis 1); `order` lists the Concat's inputs (0 = Cos, 1 = Sin), `rank` 3 ([1, 1, N]), 4 ([1, 1, 1, N]) or 2
    ([1, N], concatenated on axis 0)."""
    shape = {2: [1, n], 3: [1, 1, n], 4: [1, 1, 1, n]}[rank]
    axis = 0 if rank == 2 else 1
    nodes = [helper.make_node("Cos", ["x"], ["c"], name="cos"), helper.make_node("Sin", ["x"], ["s"], name="sin"),
             helper.make_node("Concat", [("c", "s")[i] for i in order], ["y"], name="cat", axis=axis)]
    out = list(shape)
    out[axis] = len(order)
    return _model(nodes, [("x", shape)], [("y", out)])


def two_layernorms(forms=("op", "decomposed"), n=16, d=64):
    """Two LayerNorms in a row over [1, N, D], each as `forms` says: the opset-17 LayerNormalization op or the
    decomposition older exporters write (ReduceMean, Sub, Pow, ReduceMean, Add, Sqrt, Div, Mul, Add)."""
    rng = np.random.RandomState(0)
    nodes, inits, cur = [], [_t("eps", np.array(1e-5, F)), _t("two", np.array(2.0, F))], "x"
    for i, form in enumerate(forms):
        g, b = _t(f"g{i}", rng.rand(d).astype(F) + 0.5), _t(f"b{i}", rng.randn(d).astype(F) * 0.1)
        inits += [g, b]
        out = "y" if i == len(forms) - 1 else f"ln{i}"
        if form == "op":
            nodes.append(helper.make_node("LayerNormalization", [cur, g.name, b.name], [out], name=f"ln{i}", axis=-1,
                                          epsilon=1e-5))
        else:
            p = f"d{i}_"
            nodes += [helper.make_node("ReduceMean", [cur], [p + "mu"], name=p + "mean", axes=[-1], keepdims=1),
                      helper.make_node("Sub", [cur, p + "mu"], [p + "xc"], name=p + "sub"),
                      helper.make_node("Pow", [p + "xc", "two"], [p + "sq"], name=p + "pow"),
                      helper.make_node("ReduceMean", [p + "sq"], [p + "var"], name=p + "var", axes=[-1], keepdims=1),
                      helper.make_node("Add", [p + "var", "eps"], [p + "ve"], name=p + "add_eps"),
                      helper.make_node("Sqrt", [p + "ve"], [p + "sd"], name=p + "sqrt"),
                      helper.make_node("Div", [p + "xc", p + "sd"], [p + "nx"], name=p + "div"),
                      helper.make_node("Mul", [p + "nx", g.name], [p + "sc"], name=p + "mul"),
                      helper.make_node("Add", [p + "sc", b.name], [out], name=p + "shift")]
        cur = out
    return _model(nodes, [("x", [1, n, d])], [("y", [1, n, d])], inits, opset=17)


def affine_grid_sample(theta="gemm", hw=64, feat=16):
    """A spatial transformer: Gemm theta [1,6] -> Reshape [-1,2,3] -> Transpose -> MatMul with the constant base
    grid [1,HW,3] (torch's affine_grid) -> Reshape [1,H,W,2] -> GridSample(image); `theta`: gemm (computed),
    input (theta a graph input) or grid (the grid itself a graph input)."""
    rng = np.random.RandomState(0)
    ys, xs = np.meshgrid(np.linspace(-1, 1, hw), np.linspace(-1, 1, hw), indexing="ij")
    base = _t("base", np.stack([xs, ys, np.ones_like(xs)], -1).reshape(1, hw * hw, 3).astype(F))
    inits = [base, _t("s23", np.array([-1, 2, 3], np.int64)), _t("shw2", np.array([1, hw, hw, 2], np.int64))]
    inputs = [("x", [1, 1, hw, hw])]
    nodes = []
    if theta == "grid":
        inputs.append(("grid", [1, hw, hw, 2]))
        inits = []
    else:
        if theta == "gemm":
            inits += [_t("fc_w", (rng.randn(6, feat) * 0.1).astype(F)),
                      _t("fc_b", np.array([1, 0, 0, 0, 1, 0], F))]
            inputs.append(("f", [1, feat]))
            nodes.append(helper.make_node("Gemm", ["f", "fc_w", "fc_b"], ["theta"], name="fc", transB=1))
        else:
            inputs.append(("theta", [1, 6]))
        nodes += [helper.make_node("Reshape", ["theta", "s23"], ["t23"], name="rs_theta"),
                  helper.make_node("Transpose", ["t23"], ["t32"], name="tp_theta", perm=[0, 2, 1]),
                  helper.make_node("MatMul", ["base", "t32"], ["pts"], name="affine"),
                  helper.make_node("Reshape", ["pts", "shw2"], ["grid"], name="rs_grid")]
    nodes.append(helper.make_node("GridSample", ["x", "grid"], ["y"], name="grid_sample", align_corners=0,
                                  mode="bilinear", padding_mode="zeros"))
    return _model(nodes, inputs, [("y", [1, 1, hw, hw])], inits, opset=16)


def constant_of_shape(value=None, shape="const", c=4, hw=8):
    """Conv -> Add of a ConstantOfShape: the zeros torch dynamo writes for F.max_unpool2d (ENet's decoder: a
    ConstantOfShape with no `value` attribute, then ScatterND). `value`: None (the attribute left out, which ONNX
    reads as a float 0) or a float written as the attribute; `shape`: const (an initializer) or computed (Shape of the
    Conv's output)."""
    rng = np.random.RandomState(0)
    n0, i0 = _conv("conv", "x", "c", c, c, rng)
    kw = {} if value is None else {"value": helper.make_tensor("value", TensorProto.FLOAT, [1], [float(value)])}
    nodes = [n0]
    inits = list(i0)
    if shape == "const":
        inits.append(_t("shp", np.array([1, c, hw, hw], np.int64)))
    else:
        nodes.append(helper.make_node("Shape", ["c"], ["shp"], name="shape"))
    nodes += [helper.make_node("ConstantOfShape", ["shp"], ["z"], name="zeros", **kw),
              helper.make_node("Add", ["c", "z"], ["y"], name="add")]
    return _model(nodes, [("x", [1, c, hw, hw])], [("y", [1, c, hw, hw])], inits)


def _torch_pad_chain(pairs, total):
    """torch's export of F.pad: the pads input computed at run time from its [left, right, top, bottom, ...] list
    `pairs` (last axis first), zeros for the `total` - len(pairs) other entries: ConstantOfShape -> Concat ->
    Reshape [-1, 2] -> reversed Slice -> Transpose -> Reshape [-1] -> Cast, output "pads"."""
    inits = [_t("nz", np.array([total - len(pairs)], np.int64)), _t("lr", np.array(pairs, np.int64)),
             _t("m12", np.array([-1, 2], np.int64)), _t("z", np.array([0], np.int64)),
             _t("m1", np.array([-1], np.int64)), _t("big", np.array([-(2 ** 63) + 1], np.int64))]
    nodes = [helper.make_node("ConstantOfShape", ["nz"], ["zeros"], name="pads_zeros",
                              value=helper.make_tensor("v", TensorProto.INT64, [1], [0])),
             helper.make_node("Concat", ["lr", "zeros"], ["pc"], name="pads_cat", axis=0),
             helper.make_node("Reshape", ["pc", "m12"], ["p2"], name="pads_rs"),
             helper.make_node("Slice", ["p2", "m1", "big", "z", "m1"], ["rev"], name="pads_rev"),
             helper.make_node("Transpose", ["rev"], ["pt"], name="pads_tp", perm=[1, 0]),
             helper.make_node("Reshape", ["pt", "m1"], ["pf"], name="pads_flat"),
             helper.make_node("Cast", ["pf"], ["pads"], name="pads_cast", to=TensorProto.INT64)]
    return inits, nodes


def causal_pad(c=512, t=200, left=30, right=0, after="dwconv", empty=True, chain=True, rank=3, axis=-1, k=None):
    """A Conformer convolution module's causal padding (unseen set 19's Hugging Face Wav2Vec2-BERT,
    calibration/export_unseen18.py audio_hf_w2v2_bert_l2_200x160_op17: F.pad(x, (30, 0)) on the GLU's [1, 512, 200],
    then the depthwise Conv1d of kernel 31): Pad(x, pads, '') with torch's empty constant_value input, the pads
    computed at run time from the [left, right] list (`chain`) or an initializer, `left` / `right` on `axis` of a rank
    `rank` map [1, C, T] or [1, C, 1, T]. `after`: dwconv (the depthwise Conv of kernel `k`, left + 1 by default),
    conv (a dense one), output (the Pad is the graph output)."""
    rng = np.random.RandomState(0)
    k = k or left + right + 1
    shape = [1, c, t] if rank == 3 else [1, c, 1, t]
    ax = axis % rank
    pads = [0] * (2 * rank)
    pads[ax], pads[rank + ax] = left, right
    inits, nodes = [], []
    if chain:  # torch's export of F.pad: the pads computed from the [left, right, ...] list at run time
        lr = []
        for a in range(rank - 1, ax - 1, -1):
            lr += [pads[a], pads[rank + a]]
        inits, nodes = _torch_pad_chain(lr, 2 * rank)
    else:
        inits.append(_t("pads", np.array(pads, np.int64)))
    padded = [d + pads[i] + pads[rank + i] for i, d in enumerate(shape)]
    nodes.append(helper.make_node("Pad", ["x", "pads", ""] if empty else ["x", "pads"],
                                  ["y" if after == "output" else "p"], name="pad", mode="constant"))
    out = padded
    if after != "output":
        g = c if after == "dwconv" else 1
        kern = [k] if rank == 3 else ([k, 1] if ax == 2 else [1, k])
        inits.append(_t("w", (rng.randn(c, c // g, *kern) * 0.1).astype(F)))
        nodes.append(helper.make_node("Conv", ["p", "w"], ["y"], name="conv", group=g, kernel_shape=kern))
        out = padded[:2] + [d - kk + 1 for d, kk in zip(padded[2:], kern)]
    return _model(nodes, [("x", shape)], [("y", out)], inits, opset=17)


def pad_end(after="output", pads=(0, 0, 0, 0, 0, 0, 1, 1), c=16, hw=64, chain=True, empty=True):
    """HGNetV2's stem pad as torch exports F.pad(x, [0, 1, 0, 1]): Pad(x, pads, '') with an empty constant_value
    input, the pads computed at run time (`chain`) or an initializer; `empty`=False leaves the third input out.
    `after`: output (the Pad is the graph output), conv (a 2x2 Conv reads it), pool (a 2x2 stride-1 ceil-mode MaxPool
    reads it), relu / unsqueeze (a Relu, an Unsqueeze to rank 5 reads it) or stem (HGNetV2's stem: a 2x2 Conv
    and a 2x2 stride-1 ceil-mode MaxPool read it, Concat)."""
    rng = np.random.RandomState(0)
    h2, w2 = hw + pads[2] + pads[6], hw + pads[3] + pads[7]
    inits, nodes = [], []
    if chain:  # torch's export of F.pad: the pads computed from the [left, right, top, bottom] list at run time
        inits, nodes = _torch_pad_chain([pads[3], pads[7], pads[2], pads[6]], 8)
    else:
        inits.append(_t("pads", np.array(pads, np.int64)))
    nodes.append(helper.make_node("Pad", ["x", "pads", ""] if empty else ["x", "pads"],
                                  ["p" if after != "output" else "y"], name="pad", mode="constant"))
    out = [1, c, h2, w2]
    if after in ("conv", "stem"):
        inits.append(_t("w2", (rng.randn(c, c, 2, 2) * 0.1).astype(F)))
        nodes.append(helper.make_node("Conv", ["p", "w2"], ["cv" if after == "stem" else "y"], name="conv2",
                                      kernel_shape=[2, 2]))
        out = [1, c, h2 - 1, w2 - 1]
    if after == "pool":
        nodes.append(helper.make_node("MaxPool", ["p"], ["y"], name="pool", kernel_shape=[2, 2], strides=[1, 1],
                                      ceil_mode=1))
        out = [1, c, h2 - 1, w2 - 1]
    if after == "relu":
        nodes.append(helper.make_node("Relu", ["p"], ["y"], name="relu"))
    if after == "unsqueeze":  # unseen set 16's stereo cost volume: each shifted difference padded, then stacked
        inits.append(_t("ax2", np.array([2], np.int64)))
        nodes.append(helper.make_node("Unsqueeze", ["p", "ax2"], ["y"], name="unsq"))
        out = [1, c, 1, h2, w2]
    if after == "stem":
        nodes += [helper.make_node("MaxPool", ["p"], ["mp"], name="pool", kernel_shape=[2, 2], strides=[1, 1],
                                   ceil_mode=1),
                  helper.make_node("Concat", ["mp", "cv"], ["y"], name="cat", axis=1)]
        out = [1, 2 * c, h2 - 1, w2 - 1]
    return _model(nodes, [("x", [1, c, hw, hw])], [("y", out)], inits)


def mqa_expanded_keys(kv=1, q="split", cut="split", tail="matmul", heads=8, n=64, d=32, values=True):
    """Falcon's multi-query attention (HF FalconAttention, unseen set 22): one fused qkv tensor [1, N, heads + 2 kv, d]
    cut by a Split on the head axis, q and k Transposed to [1, heads, N, d], the one key head Unsqueezed, Expanded over
    the heads and Reshaped to [1, heads, N, d], then k^T (Transpose 0 1 3 2) read by q @ k^T, the values Transposed
    to a graph output; `kv` key heads (GQA), q a graph input (`q="input"`), q and k cut by Slices (`cut="slice"`),
    k^T read by a Relu (`tail="relu"`) or the values read by nothing (`values=False`: the toolkit then cuts the two
    other outputs with Slices and builds)."""
    inits = [_t("spl", np.array([heads, kv, kv], np.int64)), _t("ax2", np.array([2], np.int64)),
             _t("eshape", np.array([1, kv, heads // kv, n, d], np.int64)), _t("rshape", np.array([1, heads, n, d], np.int64))]
    nodes = []
    if cut == "split":
        nodes.append(helper.make_node("Split", ["x", "spl"], ["q0", "k0", "v0"], name="qkv_split", axis=2))
    else:
        inits += [_t("qs", np.array([0], np.int64)), _t("qe", np.array([heads], np.int64)),
                  _t("ke", np.array([heads + kv], np.int64)), _t("ax", np.array([2], np.int64))]
        nodes += [helper.make_node("Slice", ["x", "qs", "qe", "ax"], ["q0"], name="q_slice"),
                  helper.make_node("Slice", ["x", "qe", "ke", "ax"], ["k0"], name="k_slice")]
    nodes += [helper.make_node("Transpose", ["q0"], ["qt"], name="q_tp", perm=[0, 2, 1, 3]),
              helper.make_node("Transpose", ["k0"], ["kt"], name="k_tp", perm=[0, 2, 1, 3]),
              helper.make_node("Unsqueeze", ["kt", "ax2"], ["ku"], name="k_unsqueeze"),
              helper.make_node("Expand", ["ku", "eshape"], ["ke5"], name="k_expand"),
              helper.make_node("Reshape", ["ke5", "rshape"], ["kr"], name="k_heads"),
              helper.make_node("Transpose", ["kr"], ["ktt"], name="k_t", perm=[0, 1, 3, 2])]
    inputs = [("x", [1, n, heads + 2 * kv, d])]
    v_out = []
    if values and cut == "split":  # the values' own Transpose, Unsqueeze, Expand and Reshape, as Falcon's
        nodes += [helper.make_node("Transpose", ["v0"], ["vt"], name="v_tp", perm=[0, 2, 1, 3]),
                  helper.make_node("Unsqueeze", ["vt", "ax2"], ["vu"], name="v_unsqueeze"),
                  helper.make_node("Expand", ["vu", "eshape"], ["ve5"], name="v_expand"),
                  helper.make_node("Reshape", ["ve5", "rshape"], ["vr"], name="v_heads")]
        v_out = [("vr", [1, heads, n, d])]
    q_in = "qt"
    if q == "input":
        inputs.append(("qi", [1, heads, n, d]))
        q_in = "qi"
    if tail == "matmul":
        nodes.append(helper.make_node("MatMul", [q_in, "ktt"], ["y"], name="qk"))
        return _model(nodes, inputs, [("y", [1, heads, n, n]), *v_out], inits, opset=17)
    nodes.append(helper.make_node("Relu", ["ktt"], ["y"], name="relu"))
    outs = [("y", [1, heads, d, n]), *v_out] + ([("qt", [1, heads, n, d])] if q != "input" else [])
    return _model(nodes, inputs, outs, inits, opset=17)


def attention_as_output(tail="none", batch=1, heads=4, n=64, d=64, scale=False, rank=4, mask=False):
    """q @ k^T [* scale] [+ mask] -> Softmax -> @ v with the last MatMul's output a graph output read by nothing (the
    minimal attention of an issue report, or a model ending in an attention pooling); q, k, v graph inputs
    [batch, heads, n, d] (rank 3: [heads, n, d]); `tail` an Add or a Transpose after it; `mask`: a constant [n, n]
    Added to the logits."""
    shape = [batch, heads, n, d] if rank == 4 else [heads, n, d]
    perm = [0, 1, 3, 2] if rank == 4 else [0, 2, 1]
    nodes = [helper.make_node("Transpose", ["k"], ["kt"], name="k_t", perm=perm),
             helper.make_node("MatMul", ["q", "kt"], ["s"], name="qk")]
    inits, logits = [], "s"
    if scale:
        inits.append(_t("sc", np.array(d ** -0.5, F)))
        nodes.append(helper.make_node("Mul", ["s", "sc"], ["ss"], name="scale"))
        logits = "ss"
    if mask:
        inits.append(_t("mask", np.triu(np.full((n, n), -1e4, F), 1)))
        nodes.append(helper.make_node("Add", [logits, "mask"], ["sm"], name="mask_add"))
        logits = "sm"
    nodes += [helper.make_node("Softmax", [logits], ["p"], name="softmax", axis=-1),
              helper.make_node("MatMul", ["p", "v"], ["o" if tail != "none" else "y"], name="av")]
    out_shape = list(shape)
    if tail == "add":
        inits.append(_t("c", np.array(0.5, F)))
        nodes.append(helper.make_node("Add", ["o", "c"], ["y"], name="after"))
    elif tail == "transpose":
        nodes.append(helper.make_node("Transpose", ["o"], ["y"], name="after", perm=[0, 2, 1, 3]))
        out_shape = [batch, n, heads, d]
    return _model(nodes, [(t, shape) for t in "qkv"], [("y", out_shape)], inits, opset=14)


def qkv_three_slices(bias="zero", order="const-first", cut="slice", heads=4, d=64, t=64):
    """GPT-NeoX's fused qkv Linear (unseen set 22's llm_hf_gptneox_l2_seq64_op14, transformers' zero bias): tokens
    [1, T, C] @ W, Add(bias, x) with the bias an all-zero constant (`bias` random: a trained one; `order`
    matmul-first: Add(x, bias)), Reshape [1, T, heads, 3 d], Transpose to [1, heads, T, 3 d], q, k, v cut by three
    Slices on the last axis (`cut` one: one Slice of d, Transposed back as the output), then a scaled attention and the
    heads Reshaped back to [1, T, C]."""
    rng = np.random.RandomState(0)
    c = heads * d
    b = np.zeros(3 * c, F) if bias == "zero" else rng.randn(3 * c).astype(F)
    inits = [_t("w", (rng.randn(c, 3 * c) * 0.05).astype(F)), _t("b", b), _t("s4", np.array([1, t, heads, 3 * d], np.int64)),
             _t("ax", np.array([3], np.int64)), _t("so", np.array([1, t, c], np.int64)), _t("sc", np.array(d ** -0.5, F))]
    nodes = [helper.make_node("MatMul", ["x", "w"], ["mm"], name="qkv_linear"),
             helper.make_node("Add", ["b", "mm"] if order == "const-first" else ["mm", "b"], ["ad"], name="qkv_bias"),
             helper.make_node("Reshape", ["ad", "s4"], ["r4"], name="qkv_heads"),
             helper.make_node("Transpose", ["r4"], ["t4"], name="qkv_tp", perm=[0, 2, 1, 3])]
    parts = "qkv" if cut == "slice" else "q"
    for i, nm in enumerate(parts):
        inits += [_t(f"st{nm}", np.array([i * d], np.int64)), _t(f"en{nm}", np.array([(i + 1) * d], np.int64))]
        nodes.append(helper.make_node("Slice", ["t4", f"st{nm}", f"en{nm}", "ax"], [nm], name=f"{nm}_slice"))
    if cut != "slice":  # the one part Transposed back to tokens [1, T, heads, d] as the output
        nodes.append(helper.make_node("Transpose", ["q"], ["y"], name="q_back", perm=[0, 2, 1, 3]))
        return _model(nodes, [("x", [1, t, c])], [("y", [1, t, heads, d])], inits, opset=14)
    k, v = "k", "v"
    nodes += [helper.make_node("Transpose", [k], ["kt"], name="k_t", perm=[0, 1, 3, 2]),
              helper.make_node("MatMul", ["q", "kt"], ["s"], name="qk"), helper.make_node("Mul", ["s", "sc"], ["ss"], name="scale"),
              helper.make_node("Softmax", ["ss"], ["p"], name="softmax", axis=-1), helper.make_node("MatMul", ["p", v], ["o"], name="av"),
              helper.make_node("Transpose", ["o"], ["ot"], name="o_tp", perm=[0, 2, 1, 3]),
              helper.make_node("Reshape", ["ot", "so"], ["y"], name="merge_heads")]
    return _model(nodes, [("x", [1, t, c])], [("y", [1, t, c])], inits, opset=14)


def gc_context(c=64, h=56, w=72, tail="ln", col="unsqueeze", cols=1):
    """timm's global-context block (GCNet; unseen set 21's GC-ResNeXt-26ts, calibration/export_unseen20.py): a 1x1 Conv
    to one attention map -> Reshape [1, 1, HW] -> Softmax -> Unsqueeze; the map Reshaped [1, C, HW] and Unsqueezed;
    MatMul -> one column [1, 1, C, 1] -> Reshape [1, C, 1, 1] -> 1x1 Conv C -> C/8 (fc1) -> `tail` (ln: a LayerNorm over
    the channels written out between two Transposes, then Relu; relu: Relu alone; none: the fc1 Conv is the output) ->
    1x1 Conv back to C (fc2) -> Add to the map. `col`: unsqueeze (the timm export: [1, 1, C, HW] x [1, 1, HW, 1]) or
    rank3 ([1, C, HW] x [1, HW, `cols`] -> [1, C, `cols`]: `cols` attention maps, Reshaped [1, C, 1, cols])."""
    rng = np.random.RandomState(0)
    r = max(c // 8, 1)
    inits = [_t("wa", (rng.randn(cols, c, 1, 1) * 0.1).astype(F)), _t("s_a", np.array([1, cols, h * w], np.int64)),
             _t("s_x", np.array([1, c, h * w], np.int64)), _t("s_c", np.array([1, c, 1, cols], np.int64)),
             _t("w1", (rng.randn(r, c, 1, 1) * 0.1).astype(F)), _t("w2", (rng.randn(c, r, 1, 1) * 0.1).astype(F)),
             _t("ax3", np.array([3], np.int64)), _t("ax1", np.array([1], np.int64))]
    nodes = [helper.make_node("Conv", ["x", "wa"], ["a"], name="attn_conv", kernel_shape=[1, 1]),
             helper.make_node("Reshape", ["a", "s_a"], ["ar"], name="attn_rs"),
             helper.make_node("Softmax", ["ar"], ["as"], name="softmax", axis=2),
             helper.make_node("Reshape", ["x", "s_x"], ["xr"], name="x_rs")]
    if col == "unsqueeze":
        nodes += [helper.make_node("Unsqueeze", ["as", "ax3"], ["au"], name="attn_unsq"),
                  helper.make_node("Unsqueeze", ["xr", "ax1"], ["xu"], name="x_unsq"),
                  helper.make_node("MatMul", ["xu", "au"], ["ctx"], name="matmul")]
    else:
        nodes += [helper.make_node("Transpose", ["as"], ["au"], name="attn_tp", perm=[0, 2, 1]),
                  helper.make_node("MatMul", ["xr", "au"], ["ctx"], name="matmul")]
    nodes += [helper.make_node("Reshape", ["ctx", "s_c"], ["cc"], name="ctx_rs"),
              helper.make_node("Conv", ["cc", "w1"], ["f1"], name="fc1", kernel_shape=[1, 1])]
    last = "f1"
    if tail == "ln":
        inits += [_t("g", np.ones(r, F)), _t("b", np.zeros(r, F)), _t("eps", np.array(1e-5, F)),
                  _t("two", np.array(2.0, F))]
        nodes += [helper.make_node("Transpose", ["f1"], ["t1"], name="ln_tp", perm=[0, 2, 3, 1]),
                  helper.make_node("ReduceMean", ["t1"], ["m1"], name="ln_mean", axes=[-1]),
                  helper.make_node("Sub", ["t1", "m1"], ["d1"], name="ln_sub"),
                  helper.make_node("Pow", ["d1", "two"], ["p1"], name="ln_pow"),
                  helper.make_node("ReduceMean", ["p1"], ["v1"], name="ln_var", axes=[-1]),
                  helper.make_node("Add", ["v1", "eps"], ["v2"], name="ln_eps"),
                  helper.make_node("Sqrt", ["v2"], ["v3"], name="ln_sqrt"),
                  helper.make_node("Div", ["d1", "v3"], ["n1"], name="ln_div"),
                  helper.make_node("Mul", ["n1", "g"], ["n2"], name="ln_mul"),
                  helper.make_node("Add", ["n2", "b"], ["n3"], name="ln_add"),
                  helper.make_node("Transpose", ["n3"], ["t2"], name="ln_tp2", perm=[0, 3, 1, 2]),
                  helper.make_node("Relu", ["t2"], ["f1r"], name="relu")]
        last = "f1r"
    elif tail == "relu":
        nodes.append(helper.make_node("Relu", ["f1"], ["f1r"], name="relu"))
        last = "f1r"
    if tail == "none":
        used = {x for n in nodes for x in n.input}
        return _model(nodes, [("x", [1, c, h, w])], [("f1", [1, r, 1, cols])], [i for i in inits if i.name in used])
    nodes += [helper.make_node("Conv", [last, "w2"], ["f2"], name="fc2", kernel_shape=[1, 1]),
              helper.make_node("Add", ["x", "f2"], ["y"], name="add")]
    used = {x for n in nodes for x in n.input}
    return _model(nodes, [("x", [1, c, h, w])], [("y", [1, c, h, w])], [i for i in inits if i.name in used])


def rel_shift_pad(heads=12, t=49, matmul=True):
    """Transformer-XL's relative shift as Wav2Vec2-Conformer's relative attention writes it (unseen set 18's
    audio_hf_w2v2_conformer_l2_16k_op17): the position scores [1, H, T, 2T - 1] (a MatMul of the queries by the
    position keys, or the graph input when `matmul` is False) -> Pad 1 in front of the last axis (the empty
    constant_value input torch writes) -> Reshape [1, H, 2T, T] -> Slice off the first row -> Reshape [1, H, T, 2T - 1]
    -> Slice the first T columns."""
    rng = np.random.RandomState(0)
    w = 2 * t - 1
    inits = [_t("pads", np.array([0, 0, 0, 1, 0, 0, 0, 0], np.int64)), _t("s1", np.array([1, heads, 2 * t, t], np.int64)),
             _t("s2", np.array([1, heads, t, w], np.int64)), _t("one", np.array([1], np.int64)),
             _t("big", np.array([2 * t], np.int64)), _t("ax2", np.array([2], np.int64)), _t("zero", np.array([0], np.int64)),
             _t("tt", np.array([t], np.int64)), _t("ax3", np.array([3], np.int64))]
    nodes, x, ins = [], "x", [("x", [1, heads, t, w])]
    if matmul:
        inits.append(_t("pk", (rng.randn(1, heads, 16, w) * 0.1).astype(F)))
        nodes.append(helper.make_node("MatMul", ["q", "pk"], ["x"], name="pos_scores"))
        ins = [("q", [1, heads, t, 16])]
    nodes += [helper.make_node("Pad", [x, "pads", ""], ["p"], name="pad"),
              helper.make_node("Reshape", ["p", "s1"], ["r1"], name="rs1"),
              helper.make_node("Slice", ["r1", "one", "big", "ax2"], ["sl"], name="drop_row"),
              helper.make_node("Reshape", ["sl", "s2"], ["r2"], name="rs2"),
              helper.make_node("Slice", ["r2", "zero", "tt", "ax3"], ["y"], name="keep_t")]
    return _model(nodes, ins, [("y", [1, heads, t, t])], inits)


def softmax_identity_attention(identity=True, linear=False, batch=1, heads=8, n=40, d=15):
    """Attention as Paddle2ONNX exports SVTR's (PP-OCRv5 / v6 text recognisers): q scaled by a Mul, q @ k^T, Softmax,
    an Identity (the dropout of inference), @ v, Transpose and Reshape back to [B, N, C]; q, k, v graph inputs
    [B, heads, N, d], or (`linear`) cut with Slice + Squeeze from a qkv Linear's [3, B, heads, N, d] as exported."""
    rng = np.random.RandomState(0)
    c = heads * d
    inits = [_t("scale", np.array(d ** -0.5, F)), _t("oshape", np.array([batch, n, c], np.int64))]
    nodes = []
    if linear:
        inits += [_t("wqkv", (rng.randn(c, 3 * c) * 0.1).astype(F)), _t("s5", np.array([batch, n, 3, heads, d], np.int64)),
                  _t("ax0", np.array([0], np.int64))]
        nodes += [helper.make_node("MatMul", ["x", "wqkv"], ["qkv"], name="qkv_mm"),
                  helper.make_node("Reshape", ["qkv", "s5"], ["qkv5"], name="qkv_rs"),
                  helper.make_node("Transpose", ["qkv5"], ["qkvt"], name="qkv_tp", perm=[2, 0, 3, 1, 4])]
        for i, t in enumerate("qkv"):
            inits += [_t(f"st{i}", np.array([i], np.int64)), _t(f"en{i}", np.array([i + 1], np.int64))]
            nodes += [helper.make_node("Slice", ["qkvt", f"st{i}", f"en{i}", "ax0"], [t + "5"], name="slice_" + t),
                      helper.make_node("Squeeze", [t + "5", "ax0"], [t], name="squeeze_" + t)]
        inputs = [("x", [batch, n, c])]
    else:
        inputs = [(t, [batch, heads, n, d]) for t in "qkv"]
    nodes += [helper.make_node("Mul", ["q", "scale"], ["qs"], name="q_scale"),
              helper.make_node("Transpose", ["k"], ["kt"], name="k_tp", perm=[0, 1, 3, 2]),
              helper.make_node("MatMul", ["qs", "kt"], ["s"], name="qk"),
              helper.make_node("Softmax", ["s"], ["p"], name="softmax", axis=-1)]
    if identity:
        nodes.append(helper.make_node("Identity", ["p"], ["pd"], name="dropout"))
    nodes += [helper.make_node("MatMul", ["pd" if identity else "p", "v"], ["o"], name="av"),
              helper.make_node("Transpose", ["o"], ["ot"], name="o_tp", perm=[0, 2, 1, 3]),
              helper.make_node("Reshape", ["ot", "oshape"], ["y"], name="o_rs")]
    return _model(nodes, inputs, [("y", [batch, n, c])], inits)


def batchnorm_stats(kind="training", c=16, hw=16):
    """A BatchNormalization that also writes its running / saved mean and variance (the training-mode outputs, as
    torch exports F.batch_norm(training=True) at opset 9-13: timm's ScaledStdConv2d standardises the conv weights
    so, NF-ResNet). `kind`: training (x computed by a Conv, the four statistics outputs named and unread),
    weights (the NF-ResNet form: the BN standardises a constant weight that a Conv then uses), inference (one
    output, the neighbour every exporter writes for eval)."""
    rng = np.random.RandomState(0)
    stats = [_t("g", np.ones(c, F)), _t("b", np.zeros(c, F)), _t("mean", np.zeros(c, F)), _t("var", np.ones(c, F))]
    if kind == "weights-training-mode":  # the same at opset 15, as torch writes it from opset 14: training_mode=1 and
        # the running mean / variance as the two further outputs (timm's StdConv2d in the hybrid ViT's BiT stem)
        w = _t("w", (rng.randn(1, c, c * 9) * 0.1).astype(F))
        nodes = [helper.make_node("BatchNormalization", ["w", "g", "b", "mean", "var"], ["wn", "m1", "v1"], name="bn",
                                  epsilon=1e-8, momentum=1.0, training_mode=1),
                 helper.make_node("Reshape", ["wn", "wshape"], ["w4"], name="wrs"),
                 helper.make_node("Conv", ["x", "w4"], ["y"], name="conv", kernel_shape=[3, 3], pads=[1, 1, 1, 1])]
        return _model(nodes, [("x", [1, c, hw, hw])], [("y", [1, c, hw, hw])],
                      [w, *stats, _t("wshape", np.array([c, c, 3, 3], np.int64))], opset=15)
    if kind == "weights":
        w = _t("w", (rng.randn(1, c, c * 9) * 0.1).astype(F))
        nodes = [helper.make_node("BatchNormalization", ["w", "g", "b", "mean", "var"],
                                  ["wn", "m1", "v1", "sm", "sv"], name="bn", epsilon=1e-5, momentum=0.0),
                 helper.make_node("Reshape", ["wn", "wshape"], ["w4"], name="wrs"),
                 helper.make_node("Conv", ["x", "w4"], ["y"], name="conv", kernel_shape=[3, 3], pads=[1, 1, 1, 1])]
        return _model(nodes, [("x", [1, c, hw, hw])], [("y", [1, c, hw, hw])],
                      [w, *stats, _t("wshape", np.array([c, c, 3, 3], np.int64))])
    n0, i0 = _conv("conv", "x", "c", c, c, rng)
    outs = ["bn_y"] if kind == "inference" else ["bn_y", "m1", "v1", "sm", "sv"]
    nodes = [n0, helper.make_node("BatchNormalization", ["c", "g", "b", "mean", "var"], outs, name="bn",
                                  epsilon=1e-5, momentum=0.9),
             helper.make_node("Relu", ["bn_y"], ["y"], name="relu")]
    return _model(nodes, [("x", [1, c, hw, hw])], [("y", [1, c, hw, hw])], i0 + stats)


def lstm(seq=1, d=128, hidden=128, outputs=("Y", "Y_h"), direction="forward", bias=False, pre=None):
    """A bare ONNX LSTM over [seq, 1, d] (no bias unless `bias`), with the outputs `outputs` of Y [seq, dirs, 1, H],
    Y_h and Y_c [dirs, 1, H]; `direction` forward or bidirectional; `pre` "Transpose": the input is [1, seq, d]
    transposed to [seq, 1, d] first, as torch exports a batch-first LSTM."""
    rng = np.random.RandomState(0)
    dirs = 2 if direction == "bidirectional" else 1
    shapes = {"Y": [seq, dirs, 1, hidden], "Y_h": [dirs, 1, hidden], "Y_c": [dirs, 1, hidden]}
    names = [y if y in outputs else "" for y in ("Y", "Y_h", "Y_c")]
    while names and not names[-1]:
        names.pop()
    inits = [_t("w", (rng.randn(dirs, 4 * hidden, d) * 0.1).astype(F)),
             _t("r", (rng.randn(dirs, 4 * hidden, hidden) * 0.1).astype(F))]
    ins = ["xs" if pre else "x", "w", "r"]
    if bias:
        inits.append(_t("b", (rng.randn(dirs, 8 * hidden) * 0.1).astype(F)))
        ins.append("b")
    nodes = [helper.make_node("Transpose", ["x"], ["xs"], name="tp", perm=[1, 0, 2])] if pre else []
    nodes.append(helper.make_node("LSTM", ins, names, name="lstm", hidden_size=hidden, direction=direction))
    return _model(nodes, [("x", [1, seq, d] if pre else [seq, 1, d])], [(y, shapes[y]) for y in outputs], inits)


def gather_nd_sample(indices="computed", n=2, c=1, hw=16, k=9):
    """Bilinear sampling written as advanced indexing: x[b, ch, y0, x0] with y0 / x0 = Clip(Cast(Floor(grid))) of a
    grid input [n, k, k, 2], the batch and channel indices constants, all four stacked into GatherND indices
    [n, k, k, 4]; `indices` "const": the same GatherND with constant indices."""
    rng = np.random.RandomState(0)
    inputs = [("x", [n, c, hw, hw])]
    bi = np.broadcast_to(np.arange(n).reshape(n, 1, 1, 1), (n, k, k, 1)).astype(np.int64)
    nodes, inits = [], []
    if indices == "const":
        inits.append(_t("idx", np.concatenate([bi, np.zeros((n, k, k, 1), np.int64), rng.randint(0, hw, (n, k, k, 2))],
                                              axis=3).astype(np.int64)))
    else:
        inputs.append(("grid", [n, k, k, 2]))
        inits += [_t("bi", bi.copy()), _t("ci", np.zeros((n, k, k, 1), np.int64)),
                  _t("lo", np.array(0, np.int64)), _t("hi", np.array(hw - 1, np.int64)),
                  _t("sp", np.array([1, 1], np.int64))]
        nodes += [helper.make_node("Floor", ["grid"], ["gf"], name="floor"),
                  helper.make_node("Cast", ["gf"], ["gi"], name="cast", to=TensorProto.INT64),
                  helper.make_node("Clip", ["gi", "lo", "hi"], ["gc"], name="clip"),
                  helper.make_node("Split", ["gc", "sp"], ["gx", "gy"], name="split", axis=3),
                  helper.make_node("Concat", ["bi", "ci", "gy", "gx"], ["idx"], name="stack", axis=3)]
    nodes.append(helper.make_node("GatherND", ["x", "idx"], ["y"], name="gather_nd"))
    return _model(nodes, inputs, [("y", [n, k, k])], inits)


def unary_between_convs(op="Atan", c=8, hw=16, last=False):
    """Conv -> <op> -> Conv (an op rknn-toolkit2 lowers to a CPU custom op, such as Atan); `last`: the op ends the
    graph."""
    rng = np.random.RandomState(0)
    n0, i0 = _conv("conv", "x", "c", c, c, rng)
    nodes, inits = [n0, helper.make_node(op, ["c"], ["y" if last else "a"], name=op.lower())], list(i0)
    if not last:
        n1, i1 = _conv("conv2", "a", "y", c, c, rng)
        nodes.append(n1)
        inits += i1
    return _model(nodes, [("x", [1, c, hw, hw])], [("y", [1, c, hw, hw])], inits)


def const_sub(first="scalar", second="input", op="Sub", shape=(1, 1, 1, 32)):
    """One binary op with a constant first operand: `first` "scalar" (1 - x), "vector" (a constant of x's shape),
    "second" (x - 1, the constant second); `second` "input" (x is the graph input), "relu" (x = Relu(input)),
    "conv" (x = a 1x1 Conv of the input); `op` Sub, Add, Div or Mul. calibration/issue_repros2.py r56_mask_expand
    reduced to Sub(1, mask) alone on rk2118 with 2.3.2 (`rknnlint build --reduce`)."""
    rng = np.random.RandomState(0)
    nodes, inits, x = [], [], "x"
    if second == "relu":
        nodes.append(helper.make_node("Relu", ["x"], ["xr"], name="relu"))
        x = "xr"
    elif second == "conv":
        n0, i0 = _conv("conv", "x", "xc", shape[1], shape[1], rng)
        nodes.append(n0)
        inits += i0
        x = "xc"
    c = np.full(shape, 1.0, F) if first == "vector" else np.array(1.0, F)
    inits.append(_t("c", c))
    nodes.append(helper.make_node(op, [x, "c"] if first == "second" else ["c", x], ["y"], name=op.lower()))
    return _model(nodes, [("x", list(shape))], [("y", list(shape))], inits)


def mask_bias(invert="const_first", expand=True, softmax=True, heads=4, t=32, scale=-1e4, mask_rank=4):
    """An attention-mask bias (calibration/issue_repros2.py r56_mask_expand, github.com/rockchip-linux/rknn-toolkit2/
    issues/56): mask [1, 1, 1, T] -> (1 - mask) * -1e4 -> Expand to the scores [1, H, T, T] -> Add -> Softmax.
    `invert`: "const_first" (1 - mask), "input_first" (mask - 1), "none" (mask * -1e4); `expand` False: the Add
    broadcasts the [1, 1, 1, T] bias itself; `softmax` False: the Add ends the graph; mask_rank 2: a [1, T] mask
    Unsqueezed to rank 4 first."""
    nodes, inits = [], [_t("one", np.array(1.0, F)), _t("neg", np.array(scale, F)),
                        _t("eshp", np.array([1, heads, t, t], np.int64)), _t("ax12", np.array([1, 2], np.int64))]
    m = "mask"
    if mask_rank == 2:
        nodes.append(helper.make_node("Unsqueeze", ["mask", "ax12"], ["m4"], name="unsqueeze"))
        m = "m4"
    if invert == "const_first":
        nodes.append(helper.make_node("Sub", ["one", m], ["inv"], name="invert"))
    elif invert == "input_first":
        nodes.append(helper.make_node("Sub", [m, "one"], ["inv"], name="invert"))
    else:
        nodes.append(helper.make_node("Identity", [m], ["inv"], name="invert"))
    nodes.append(helper.make_node("Mul", ["inv", "neg"], ["bias"], name="to_bias"))
    b = "bias"
    if expand:
        nodes.append(helper.make_node("Expand", ["bias", "eshp"], ["be"], name="expand"))
        b = "be"
    nodes.append(helper.make_node("Add", ["scores", b], ["s" if softmax else "y"], name="add_mask"))
    if softmax:
        nodes.append(helper.make_node("Softmax", ["s"], ["y"], name="softmax", axis=-1))
    mshape = [1, t] if mask_rank == 2 else [1, 1, 1, t]
    used = {x for n in nodes for x in n.input}
    return _model(nodes, [("scores", [1, heads, t, t]), ("mask", mshape)], [("y", [1, heads, t, t])],
                  [i for i in inits if i.name in used])


def scatter_decode(form="ScatterND", n=2160, k=6):
    """A YOLOv5 decode of an older export: s = Sigmoid(x [1, N, K]); s[..., 0:2] = s[..., 0:2] * 2 + 0.5 written
    back with ScatterND (constant indices [1, N, 2, 3]); `form` "Concat": the same result as a Concat of the new
    columns and the rest."""
    nodes = [helper.make_node("Sigmoid", ["x"], ["s"], name="sig"),
             helper.make_node("Slice", ["s", "s0", "s2", "ax"], ["xy"], name="slice_xy"),
             helper.make_node("Mul", ["xy", "two"], ["xy2"], name="mul"),
             helper.make_node("Add", ["xy2", "half"], ["upd"], name="add")]
    inits = [_t("s0", np.array([0], np.int64)), _t("s2", np.array([2], np.int64)), _t("ax", np.array([2], np.int64)),
             _t("two", np.array(2.0, F)), _t("half", np.array(0.5, F))]
    if form == "ScatterND":
        ii, jj = np.meshgrid(np.arange(n), np.arange(2), indexing="ij")
        idx = np.stack([np.zeros_like(ii), ii, jj], axis=-1).reshape(1, n, 2, 3).astype(np.int64)
        inits.append(_t("idx", idx))
        nodes.append(helper.make_node("ScatterND", ["s", "idx", "upd"], ["y"], name="scatter"))
    else:
        inits.append(_t("sk", np.array([k], np.int64)))
        nodes += [helper.make_node("Slice", ["s", "s2", "sk", "ax"], ["rest"], name="slice_rest"),
                  helper.make_node("Concat", ["upd", "rest"], ["y"], name="cat", axis=2)]
    return _model(nodes, [("x", [1, n, k])], [("y", [1, n, k])], inits)


def gather_then_conv(indices=(0, 2, 4), c=8, hw=32):
    """Conv 3x3 -> Gather of the channels at a constant index list -> 1x1 Conv (calibration/issue_repros2.py
    r101_gather_channel_list: indices 0, 2, 4 failed fold_constant with 2.3.0, 'Got invalid dimensions' for the
    Gather's output)."""
    rng = np.random.RandomState(0)
    w0 = _t("w0", (rng.randn(c, c, 3, 3) * 0.1).astype(F))
    n0 = helper.make_node("Conv", ["x", "w0"], ["c"], name="conv0", kernel_shape=[3, 3], pads=[1, 1, 1, 1])
    g = helper.make_node("Gather", ["c", "idx"], ["p"], name="pick", axis=1)
    n1, i1 = _conv("conv1", "p", "y", len(indices), c, rng)
    return _model([n0, g, n1], [("x", [1, c, hw, hw])], [("y", [1, c, hw, hw])],
                  [w0, _t("idx", np.array(indices, np.int64))] + i1)


def rotated_offsets(sub=True, sin=True, dy_cos=True, rank=3, n=1600, op="Cos", full=False, angle="input",
                    offsets="input"):
    """The rotated-box decode of calibration/issue_repros2.py i354_obb_angle_decode as `rknnlint build --reduce` cut it
    (2.3.0, rk3588: KeyError 'cos_rs' in reduce_reshape_op_around_concat; 22 -> 7 nodes): the angle th [1, 1, N]
    through Cos and Sin, the offsets d [1, 2, N] Split into dx, dy, then dx * cos - ys, dx * sin, dy * cos as outputs.
    `sub` False: dx * cos is the output; `sin` False: dx * th in place of dx * sin; `dy_cos` False: dy * th in place
    of dy * cos; `op` what takes the place of Cos; rank 4: [1, 1, 1, N] / [1, 2, 1, N]. `full`: the whole rotation
    as ultralytics' OBB head writes it (dx * cos - dy * sin, dx * sin + dy * cos, Concat on axis 1, the [1, 2, N]
    output); `angle` "sigmoid": th is (Sigmoid(a) - 0.25) * pi of the input a, as that head computes it."""
    if full:
        return _rotation(n, angle, offsets)
    one = [1, 1, n] if rank == 3 else [1, 1, 1, n]
    two = [1, 2, n] if rank == 3 else [1, 2, 1, n]
    nodes = [helper.make_node(op, ["th"], ["cos"], name="cos"),
             helper.make_node("Split", ["d", "halves"], ["dx", "dy"], name="split", axis=1),
             helper.make_node("Mul", ["dx", "cos"], ["xc"], name="x_cos")]
    outs = ["xc"]
    if sub:
        nodes.append(helper.make_node("Sub", ["xc", "ys"], ["rx"], name="rot_x"))
        outs = ["rx"]
    if sin:
        nodes.insert(1, helper.make_node("Sin", ["th"], ["sin"], name="sin"))
    nodes.append(helper.make_node("Mul", ["dx", "sin" if sin else "th"], ["xs"], name="x_sin"))
    nodes.append(helper.make_node("Mul", ["dy", "cos" if dy_cos else "th"], ["yc"], name="y_cos"))
    outs += ["xs", "yc"]
    inputs = [("d", two), ("th", one)] + ([("ys", one)] if sub else [])
    return _model(nodes, inputs, [(o, one) for o in outs], [_t("halves", np.array([1, 1], np.int64))])


def _rotation(n, angle, offsets="input"):
    one, two = [1, 1, n], [1, 2, n]
    nodes, inits, th = [], [_t("halves", np.array([1, 1], np.int64))], "th"
    d_in = [("d", two)]
    if offsets == "div":  # the offsets halved: computed, by one Div of the input
        d_in = [("dd", two)]
        inits.append(_t("two", np.array(2, F)))
        nodes.append(helper.make_node("Div", ["dd", "two"], ["d"], name="half"))
    elif offsets != "input":  # ultralytics' DFL: box bins [1, 64, N] -> softmax over 16 bins -> expectation (a 1x1 Conv
        # by 0..15) -> [1, 4, N] -> Split lt, rb -> (rb - lt) / 2; "softmax-input": the softmax's output is the input
        inits += [_t("bins", np.array([1, 4, 16, n], np.int64)), _t("proj", np.arange(16, dtype=F).reshape(1, 16, 1, 1)),
                  _t("box", np.array([1, 4, n], np.int64)), _t("two", np.array(2, F))]
        if offsets == "dfl":
            d_in = [("dist", [1, 64, n])]
            nodes += [helper.make_node("Reshape", ["dist", "bins"], ["b4"], name="dfl_rs"),
                      helper.make_node("Transpose", ["b4"], ["bt"], name="dfl_tp", perm=[0, 2, 1, 3]),
                      helper.make_node("Softmax", ["bt"], ["p"], name="dfl_softmax", axis=1)]
        else:
            d_in = [("p", [1, 16, 4, n])]
        nodes += [helper.make_node("Conv", ["p", "proj"], ["e"], name="dfl_conv", kernel_shape=[1, 1]),
                  helper.make_node("Reshape", ["e", "box"], ["ltrb"], name="dfl_out"),
                  helper.make_node("Split", ["ltrb", "halves2"], ["lt", "rb"], name="split_ltrb", axis=1),
                  helper.make_node("Sub", ["rb", "lt"], ["dd"], name="rb_lt"),
                  helper.make_node("Div", ["dd", "two"], ["d"], name="half")]
        inits.append(_t("halves2", np.array([2, 2], np.int64)))
    a, inputs = "a", [("a", one)]
    if angle.startswith("concat"):  # the angle of three levels' maps, each Reshaped to [1, 1, h * w], Concat-ed
        sides = [int(round((n / 21) ** 0.5)) * k for k in (4, 2, 1)]
        inputs = [(f"a{k}", [1, 1, h, h]) for k, h in enumerate(sides)]
        for k, h in enumerate(sides):
            inits.append(_t(f"flat{k}", np.array([1, 1, h * h], np.int64)))
            nodes.append(helper.make_node("Reshape", [f"a{k}", f"flat{k}"], [f"l{k}"], name=f"flat{k}"))
        nodes.append(helper.make_node("Concat", [f"l{k}" for k in range(3)], ["a"], name="levels", axis=2))
        one = [1, 1, sum(h * h for h in sides)]
        two = [1, 2, one[2]]
        if angle == "concat":
            th = "a"
    if angle in ("sigmoid", "concat-sigmoid"):
        inits += [_t("quarter", np.array(0.25, F)), _t("pi", np.array(np.pi, F))]
        nodes += [helper.make_node("Sigmoid", ["a"], ["sa"], name="sig"),
                  helper.make_node("Sub", ["sa", "quarter"], ["sq"], name="shift"),
                  helper.make_node("Mul", ["sq", "pi"], ["th"], name="scale")]
    nodes += [helper.make_node("Cos", [th], ["cos"], name="cos"), helper.make_node("Sin", [th], ["sin"], name="sin"),
              helper.make_node("Split", ["d", "halves"], ["dx", "dy"], name="split", axis=1),
              helper.make_node("Mul", ["dx", "cos"], ["xc"], name="x_cos"),
              helper.make_node("Mul", ["dy", "sin"], ["ys"], name="y_sin"),
              helper.make_node("Mul", ["dx", "sin"], ["xs"], name="x_sin"),
              helper.make_node("Mul", ["dy", "cos"], ["yc"], name="y_cos"),
              helper.make_node("Sub", ["xc", "ys"], ["rx"], name="rot_x"),
              helper.make_node("Add", ["xs", "yc"], ["ry"], name="rot_y"),
              helper.make_node("Concat", ["rx", "ry"], ["xy"], name="cat", axis=1)]
    inputs = d_in + (inputs if angle != "input" else [("th", one)])
    return _model(nodes, inputs, [("xy", two)], inits)


def gather_channels(indices=1, c=8, hw=16, axis=1, src="conv"):
    """Conv -> Gather with constant indices (an int: a scalar index, which drops the axis; a tuple: rank 1) on `axis`;
    `src` "input": the Gather reads the graph input, "relu": a Relu after the Conv, "tokens": a ViT class-token pick,
    Gather(axis 1) of a MatMul output [1, N, C]."""
    rng = np.random.RandomState(0)
    idx = np.array(indices, np.int64)
    if src == "tokens":
        nodes = [helper.make_node("MatMul", ["x", "w"], ["c"], name="proj"),
                 helper.make_node("Gather", ["c", "idx"], ["y"], name="gather", axis=1)]
        return _model(nodes, [("x", [1, hw, c])], [("y", [1, c])],
                      [_t("w", (rng.randn(c, c) * 0.1).astype(F)), _t("idx", idx)])
    shape = [1, c, hw, hw]
    out = list(shape)
    if idx.ndim == 0:
        out.pop(axis)
    else:
        out[axis] = len(indices)
    if src == "input":
        return _model([helper.make_node("Gather", ["x", "idx"], ["y"], name="gather", axis=axis)],
                      [("x", shape)], [("y", out)], [_t("idx", idx)])
    n0, i0 = _conv("conv", "x", "c", 3, c, rng)
    nodes = [n0]
    if src == "relu":
        n0.output[0] = "c0"
        nodes.append(helper.make_node("Relu", ["c0"], ["c"], name="relu"))
    nodes.append(helper.make_node("Gather", ["c", "idx"], ["y"], name="gather", axis=axis))
    return _model(nodes, [("x", [1, 3, hw, hw])], [("y", out)], i0 + [_t("idx", idx)])


def conv3d(c=4, d=8, hw=16, cout=8):
    """A Conv over a 5-D [1, C, D, H, W] input (kernel 3x3x3, padding 1), as a video model's Conv3d."""
    rng = np.random.RandomState(0)
    node = helper.make_node("Conv", ["x", "w"], ["y"], name="conv3d", kernel_shape=[3, 3, 3], pads=[1] * 6)
    return _model([node], [("x", [1, c, d, hw, hw])], [("y", [1, cout, d, hw, hw])],
                  [_t("w", (rng.randn(cout, c, 3, 3, 3) * 0.1).astype(F))])


def frames_input(rank=5, t=4, c=3, hw=32, cout=8):
    """A clip of frames [1, T, C, H, W] (rank 5) reshaped to [T, C, H, W] for a per-frame Conv, pooled and reshaped to
    [1, T, Cout]; `rank` 4: the same network with the frames as a [T, C, H, W] input."""
    rng = np.random.RandomState(0)
    nodes, inits = [], []
    src = "x"
    if rank == 5:
        nodes.append(helper.make_node("Reshape", ["x", "s4"], ["f"], name="frames"))
        inits.append(_t("s4", np.array([t, c, hw, hw], np.int64)))
        src = "f"
    n0, i0 = _conv("conv", src, "cv", c, cout, rng)
    nodes += [n0, helper.make_node("GlobalAveragePool", ["cv"], ["p"], name="gap"),
              helper.make_node("Reshape", ["p", "s3"], ["y"], name="seq")]
    inits += i0 + [_t("s3", np.array([1, t, cout], np.int64))]
    shape = [1, t, c, hw, hw] if rank == 5 else [t, c, hw, hw]
    return _model(nodes, [("x", shape)], [("y", [1, t, cout])], inits)


def instance_norm(c=32, hw=64):
    """Conv -> InstanceNormalization -> Relu (a matting / style-transfer block)."""
    rng = np.random.RandomState(0)
    n0, i0 = _conv("conv", "x", "c", 3, c, rng)
    nodes = [n0, helper.make_node("InstanceNormalization", ["c", "sc", "bi"], ["n"], name="inorm", epsilon=1e-5),
             helper.make_node("Relu", ["n"], ["y"], name="relu")]
    return _model(nodes, [("x", [1, 3, hw, hw])], [("y", [1, c, hw, hw])],
                  i0 + [_t("sc", (rng.rand(c) + 0.5).astype(F)), _t("bi", rng.randn(c).astype(F))])


def dfl(n=8400, bins=16):
    """YOLOv8's distribution focal loss decode: [1, 4*bins, N] -> Reshape [1, 4, bins, N] -> Transpose [0, 2, 1, 3]
    -> Softmax over the bins -> Conv 1x1 with weights 0..bins-1 -> Reshape [1, 4, N]."""
    nodes = [helper.make_node("Reshape", ["x", "s4"], ["r"], name="dfl_rs"),
             helper.make_node("Transpose", ["r"], ["t"], name="dfl_tp", perm=[0, 2, 1, 3]),
             helper.make_node("Softmax", ["t"], ["sm"], name="dfl_softmax", axis=1),
             helper.make_node("Conv", ["sm", "w"], ["cv"], name="dfl_conv", kernel_shape=[1, 1]),
             helper.make_node("Reshape", ["cv", "s3"], ["y"], name="dfl_out")]
    return _model(nodes, [("x", [1, 4 * bins, n])], [("y", [1, 4, n])],
                  [_t("s4", np.array([1, 4, bins, n], np.int64)), _t("s3", np.array([1, 4, n], np.int64)),
                   _t("w", np.arange(bins, dtype=F).reshape(1, bins, 1, 1))])


def dfl_wide(n=8400, bins=16, conv=True):
    """YOLOv8's DFL decode as calibration/placement_sweep.py's `dfl` case builds it (where 8400 anchors, a 640 px
    YOLOv8, crashed the rv1106b int8 build with 2.5.0; 4095 built there and 4096 crashed): a 1x1 Conv to 4*bins channels over [1, 3, 1, N] -> Reshape [1, 4, bins, N] -> Transpose
    [0, 2, 1, 3] -> Softmax over the bins (axis 1 of [1, bins, 4, N]) -> Conv 1x1 with weights 0..bins-1 -> Reshape
    [1, 4, N] (`conv` False: the graph input [1, 4*bins, N] straight into the Reshape, as `dfl`)."""
    if not conv:
        return dfl(n, bins)
    rng = np.random.RandomState(0)
    n0, i0 = _conv("pre", "x", "c", 3, 4 * bins, rng)
    nodes = [n0, helper.make_node("Reshape", ["c", "s4"], ["r"], name="dfl_rs"),
             helper.make_node("Transpose", ["r"], ["t"], name="dfl_tp", perm=[0, 2, 1, 3]),
             helper.make_node("Softmax", ["t"], ["sm"], name="dfl_softmax", axis=1),
             helper.make_node("Conv", ["sm", "w"], ["cv"], name="dfl_conv", kernel_shape=[1, 1]),
             helper.make_node("Reshape", ["cv", "s3"], ["y"], name="dfl_out")]
    return _model(nodes, [("x", [1, 3, 1, n])], [("y", [1, 4, n])],
                  i0 + [_t("s4", np.array([1, 4, bins, n], np.int64)), _t("s3", np.array([1, 4, n], np.int64)),
                        _t("w", np.arange(bins, dtype=F).reshape(1, bins, 1, 1))])


def group_norm(outputs=("out", "gn_rs", "gn"), d=2048, groups=32):
    """RWKV-6's per-head group norm of a [1, D] state: Reshape [1, G, D/G] -> InstanceNormalization (scale 1, bias 0)
    -> Reshape [1, D] -> Mul / Add affine; `outputs` also declares the Reshape and the InstanceNormalization outputs
    as graph outputs, as the report's load_onnx(outputs=...) did."""
    rng = np.random.RandomState(0)
    nodes = [helper.make_node("Reshape", ["x", "s3"], ["gn_rs"], name="gn_rs"),
             helper.make_node("InstanceNormalization", ["gn_rs", "one", "zero"], ["gn"], name="gn", epsilon=1e-5),
             helper.make_node("Reshape", ["gn", "s2"], ["back"], name="gn_back"),
             helper.make_node("Mul", ["back", "g"], ["m"], name="gn_mul"),
             helper.make_node("Add", ["m", "b"], ["out"], name="gn_add")]
    shapes = {"out": [1, d], "gn_rs": [1, groups, d // groups], "gn": [1, groups, d // groups]}
    return _model(nodes, [("x", [1, d])], [(o, shapes[o]) for o in outputs],
                  [_t("s3", np.array([1, groups, d // groups], np.int64)), _t("s2", np.array([1, d], np.int64)),
                   _t("one", np.ones(groups, F)), _t("zero", np.zeros(groups, F)),
                   _t("g", (rng.rand(d) + 0.5).astype(F)), _t("b", rng.randn(d).astype(F))])


def video_classifier(t=16, hw=32, classes=50, cout=8, pool="GlobalAveragePool"):
    """A video classifier on a [1, 3, T, H, W] clip: Conv3d 3x3x3 -> Relu -> 5-D GlobalAveragePool -> Flatten ->
    Gemm to `classes` (the report's input (1, 3, 16, 224, 224), output (1, 50)); `pool` "ReduceMean": the pooling as a
    ReduceMean over T, H, W."""
    rng = np.random.RandomState(0)
    nodes = [helper.make_node("Conv", ["x", "w"], ["c"], name="conv3d", kernel_shape=[3, 3, 3], pads=[1] * 6),
             helper.make_node("Relu", ["c"], ["r"], name="relu")]
    if pool == "GlobalAveragePool":
        nodes.append(helper.make_node("GlobalAveragePool", ["r"], ["p"], name="pool"))
    else:
        nodes.append(helper.make_node("ReduceMean", ["r"], ["p"], name="pool", axes=[2, 3, 4], keepdims=1))
    nodes += [helper.make_node("Flatten", ["p"], ["f"], name="flat", axis=1),
              helper.make_node("Gemm", ["f", "fc_w", "fc_b"], ["y"], name="fc", transB=1)]
    return _model(nodes, [("x", [1, 3, t, hw, hw])], [("y", [1, classes])],
                  [_t("w", (rng.randn(cout, 3, 3, 3, 3) * 0.1).astype(F)),
                   _t("fc_w", (rng.randn(classes, cout) * 0.1).astype(F)), _t("fc_b", np.zeros(classes, F))])


def maxpool_5d(op="MaxPool", kernel=(1, 3, 3), strides=(1, 2, 2), pads=(0, 1, 1), c=16, t=8, hw=28, rank=5):
    """A pooling over a 5-D [1, C, T, H, W] map, as torchvision S3D's MaxPool3d((1, 3, 3), (1, 2, 2), (0, 1, 1)) (unseen
    set 6's video_tv_s3d_op13: 'vector::_M_range_check ... (which is 3)' and SIGABRT in OpEmit with 2.3.2, the report's
    message); `op` AveragePool: the same window averaged; `rank` 4: the same MaxPool over [1, C * T, H, W]."""
    attrs = {"kernel_shape": list(kernel), "strides": list(strides), "pads": list(pads) * 2}
    if rank == 4:
        attrs = {k: v[1:] if k != "pads" else list(pads[1:]) * 2 for k, v in attrs.items()}
    shape = [1, c, t, hw, hw] if rank == 5 else [1, c * t, hw, hw]
    out = [d + 2 * p_ - k for d, p_, k in zip(shape[2:], attrs["pads"], attrs["kernel_shape"])]
    out = shape[:2] + [o // s + 1 for o, s in zip(out, attrs["strides"])]
    return _model([helper.make_node(op, ["x"], ["y"], name="pool", **attrs)], [("x", shape)], [("y", out)])


def dilated_conv(d=18, cin=160, cout=128, h=8, w=16, k=3, group=1):
    """DeepLabV3+'s atrous branch: a k x k Conv with dilation `d` and pads `d` * (k // 2) (the map keeps its size) over
    [1, cin, h, w], then a Relu, as unseen set 6's seg_deeplabv3plus_aspp_op13 (ASPP rates 6 / 12 / 18 at output stride
    32 of a 256 x 512 input; its rate-18 branch was killed by SIGABRT in OpEmit, 'invalid tensor reset size: 0', on
    rk2118 with 2.3.2, reduced to this Conv with rknnlint build --reduce)."""
    rng = np.random.RandomState(0)
    pad = d * (k // 2)
    nodes = [helper.make_node("Conv", ["x", "w"], ["c"], name="conv", kernel_shape=[k, k], dilations=[d, d],
                              pads=[pad] * 4, group=group),
             helper.make_node("Relu", ["c"], ["y"], name="relu")]
    oh, ow = h + 2 * pad - d * (k - 1), w + 2 * pad - d * (k - 1)
    return _model(nodes, [("x", [1, cin, h, w])], [("y", [1, cout, oh, ow])],
                  [_t("w", (rng.randn(cout, cin // group, k, k) * 0.05).astype(F))])


def dwconv_small_map(c=1024, h=4, w=0, k=7):
    """ConvFormer's separable-conv token mixer at its last stage (timm convformer_s18 at 128 px, unseen set 7: 512
    channels expanded to 1024 on a 4 x 4 map): a depthwise k x k Conv with pads k // 2 over [1, c, h, w], then a Relu.
    With 2.3.2 on rv1106b int8 the whole network was killed by SIGABRT in OpEmit; rknnlint build --reduce cut it to
    this one Conv (634 -> 1 nodes in 21 builds)."""
    rng = np.random.RandomState(0)
    w = w or h
    nodes = [helper.make_node("Conv", ["x", "w"], ["c"], name="dwconv", kernel_shape=[k, k], pads=[k // 2] * 4, group=c),
             helper.make_node("Relu", ["c"], ["y"], name="relu")]
    return _model(nodes, [("x", [1, c, h, w])], [("y", [1, c, h, w])], [_t("w", (rng.randn(c, 1, k, k) * 0.05).astype(F))])


def kv_shared_attention(values="keys", b=4, n=64, d=32, scale=True):
    """Softmax(q @ k^T [* scale]) @ v with v = k (`keys`), a tensor of its own (`own`) or k re-laid out
    (`keys-reshaped`: Reshape to [b, n, d] again); q, k and v are Adds of one input."""
    rng = np.random.default_rng(b * n + d)
    w = lambda name: _t(name, rng.normal(0, 0.2, d).astype(F))  # noqa: E731
    nodes = [helper.make_node("Add", ["x", "wq"], ["q"], name="q"), helper.make_node("Add", ["x", "wk"], ["k"], name="k"),
             helper.make_node("Transpose", ["k"], ["kt"], name="kt", perm=[0, 2, 1]),
             helper.make_node("MatMul", ["q", "kt"], ["s"], name="qk")]
    inits, logits = [w("wq"), w("wk")], "s"
    if scale:
        nodes.append(helper.make_node("Mul", ["s", "sc"], ["ss"], name="scale"))
        inits.append(_t("sc", np.array(d ** -0.5, F)))
        logits = "ss"
    nodes.append(helper.make_node("Softmax", [logits], ["a"], name="softmax", axis=-1))
    v = "k"
    if values == "own":
        nodes.append(helper.make_node("Add", ["x", "wv"], ["v"], name="v"))
        inits.append(w("wv"))
        v = "v"
    elif values == "keys-reshaped":
        nodes.append(helper.make_node("Reshape", ["k", "vshape"], ["v"], name="v_rs"))
        inits.append(_t("vshape", np.array([b, n, d], np.int64)))
        v = "v"
    nodes += [helper.make_node("MatMul", ["a", v], ["o"], name="av"), helper.make_node("Add", ["o", "q"], ["y"], name="back")]
    return _model(nodes, [("x", [b, n, d])], [("y", [b, n, d])], inits, opset=17)


def rel_pos_add5(b=12, h=16, w=16, k=0, order="hw", unsqueeze=True, tail="reshape", rank=5):
    """SAM's decomposed relative position (timm vision_transformer_sam add_decomposed_rel_pos): the height and width
    logits [B, H, W, K] (q @ the gathered rel_pos tables, Einsum bhwc,hkc->bhwk as timm writes it) Unsqueezed at 4
    and 3 and Added into [B, H, W, K, K], then Reshaped to [B, H * W, K * K] (`tail` reshape) or handed out rank 5
    (`tail` none). The two logits are graph inputs [b, h, w, k] and [b, h, w, w]: k = 0 takes h (a square window, the
    same shape both); `order` "wh" adds them the other way round; `unsqueeze`=False takes them rank 5 already
    ([b, h, w, k, 1] and [b, h, w, 1, w]); `rank` 4: the same one rank lower (logits [h, w, k] and [h, w, w]
    Unsqueezed at 3 and 2 into [h, w, k, w], b ignored). With 2.3.0 on rk3588 timm samvit_base_patch16 at 256 px (unseen set 8,
    windowed 14 x 14 blocks and a global 16 x 16 one) failed in build, an onnxruntime Reshape of the toolkit's
    ('Reshape_4_output_0_rs', input {12,16,16,16} to {12,256,1,256}): rknnlint build --reduce cut it to 99 nodes of
    the global block's attention."""
    k = k or h
    lead = [b] if rank == 5 else []
    ins = [("lh", [*lead, h, w, k, 1] if not unsqueeze else [*lead, h, w, k]),
           ("lw", [*lead, h, w, 1, w] if not unsqueeze else [*lead, h, w, w])]
    inits, nodes, x, y = [], [], "lh", "lw"
    if unsqueeze:
        inits += [_t("a4", np.array([rank - 1], np.int64)), _t("a3", np.array([rank - 2], np.int64))]
        nodes += [helper.make_node("Unsqueeze", ["lh", "a4"], ["uh"], name="unsqueeze_h"),
                  helper.make_node("Unsqueeze", ["lw", "a3"], ["uw"], name="unsqueeze_w")]
        x, y = "uh", "uw"
    nodes.append(helper.make_node("Add", [x, y] if order == "hw" else [y, x], ["rel"], name="add_rel"))
    out = ("rel", [*lead, h, w, k, w])
    if tail == "reshape":
        inits.append(_t("shp", np.array([*lead, h * w, k * w], np.int64)))
        nodes.append(helper.make_node("Reshape", ["rel", "shp"], ["y"], name="to_attn"))
        out = ("y", [*lead, h * w, k * w])
    return _model(nodes, ins, [out], inits, opset=17)
def reshaped_outer_sum(b=12, h=16, w=16, k=0, src="rank4", broadcast=True):
    """The rank-4 form of SAM's relative-position outer sum (placement_sweep case `relpos` rank 4): the height and
    width logits [B, H, W, K] and [B, H, W, W] Reshaped to [B, H * W, K, 1] and [B, H * W, 1, W], Added into
    [B, H * W, K, W], Reshaped to [B, H * W, K * W]. With 2.3.0 the sweep's models failed in fold_constant on rk3588:
    remove_reshape_before_add drops both Reshapes of the two same-shaped logits and adds them elementwise, so the
    Reshape after the sum gets a quarter of its elements. k = 0 takes h. `src`: rank4 (the logits Reshaped), unsqueeze
    (Reshaped to [B, H * W, K] first, then Unsqueezed, as the sweep writes it), rank3 (logits [B, H * W, K] and
    [B, H * W, W] from the graph, Reshaped to rank 4); `broadcast` False: both Reshaped to [B, H * W, K, 1]."""
    k = k or h
    shapes = [[b, h, w, k], [b, h, w, w]] if src != "rank3" else [[b, h * w, k], [b, h * w, w]]
    targets = [[b, h * w, k, 1], [b, h * w, 1, w] if broadcast else [b, h * w, k, 1]]
    inits, nodes = [], []
    for i, (x, t) in enumerate(zip(("lh", "lw"), targets)):
        if src == "unsqueeze":
            inits += [_t(f"s{i}", np.array(t[:2] + [t[2] * t[3]], np.int64)), _t(f"a{i}", np.array([3 - i], np.int64))]
            nodes += [helper.make_node("Reshape", [x, f"s{i}"], [f"r{i}"], name=f"flat_{x}"),
                      helper.make_node("Unsqueeze", [f"r{i}", f"a{i}"], [f"u{i}"], name=f"unsqueeze_{x}")]
        else:
            inits.append(_t(f"s{i}", np.array(t, np.int64)))
            nodes.append(helper.make_node("Reshape", [x, f"s{i}"], [f"u{i}"], name=f"reshape_{x}"))
    out = [b, h * w, k * (w if broadcast else 1)]
    inits.append(_t("shp", np.array(out, np.int64)))
    nodes += [helper.make_node("Add", ["u0", "u1"], ["rel"], name="add_rel"),
              helper.make_node("Reshape", ["rel", "shp"], ["y"], name="to_attn")]
    return _model(nodes, list(zip(("lh", "lw"), shapes)), [("y", out)], inits, opset=17)


def transpose_softmax(op="LogSoftmax", axis=-1, perm=(0, 2, 1), pre="Conv", c=29, t=200, opset=13,
                      shared=False):
    """QuartzNet's CTC tail (unseen set 9): a Conv1d head over [1, c, t], Transpose(0, 2, 1) to [1, t, c], then
    LogSoftmax over the last axis written as axis=-1 (as torch exports F.log_softmax(x, -1)). With 2.3.2 on rk3588 the
    whole network failed in the toolkit's pass _swap_transpose_softmax ('-1 is not in list'); `axis` 2 (the same axis,
    written positive), Softmax, a rank-4 perm, no Conv in front, no Transpose (`perm` None), no axis attribute (`axis`
    None: opset 13's default, -1; opset 12's is 1), the Transpose also a graph output (`shared`) are the neighbours."""
    rng = np.random.RandomState(0)
    shape = [1, c, 4, t // 4] if perm and len(perm) == 4 else [1, c, t]
    nodes, inits, src = [], [], "x"
    if pre == "Conv":
        k = [1] * (len(shape) - 2)
        inits.append(_t("w", (rng.randn(c, c, *k) * 0.1).astype(F)))
        nodes.append(helper.make_node("Conv", ["x", "w"], ["c"], name="head", kernel_shape=k))
        src = "c"
    out_shape = [shape[p] for p in perm] if perm else shape
    if perm:
        nodes.append(helper.make_node("Transpose", [src], ["tp"], name="transpose", perm=list(perm)))
        src = "tp"
    nodes.append(helper.make_node(op, [src], ["y"], name="softmax", **({} if axis is None else {"axis": axis})))
    return _model(nodes, [("x", shape)], [("y", out_shape)] + ([(src, out_shape)] if shared else []), inits, opset)


def gru(seq=16, d=64, hidden=64, bias=False, direction="forward", lbr=0):
    """A bare ONNX GRU over [seq, 1, d] with its Y output (no bias unless `bias`; `lbr` linear_before_reset, which
    torch exports as 1)."""
    rng = np.random.RandomState(0)
    dirs = 2 if direction == "bidirectional" else 1
    inits = [_t("w", (rng.randn(dirs, 3 * hidden, d) * 0.1).astype(F)),
             _t("r", (rng.randn(dirs, 3 * hidden, hidden) * 0.1).astype(F))]
    ins = ["x", "w", "r"]
    if bias:
        inits.append(_t("b", (rng.randn(dirs, 6 * hidden) * 0.1).astype(F)))
        ins.append("b")
    node = helper.make_node("GRU", ins, ["y"], name="gru", hidden_size=hidden, direction=direction,
                            linear_before_reset=lbr)
    return _model([node], [("x", [seq, 1, d])], [("y", [seq, dirs, 1, hidden])], inits)


def rel_logits(perm=(0, 3, 1, 4, 2), b=4, heads=8, w=8, expand=True, chain=True, tail=None):
    """BoTNet's relative position logits (timm rel_logits_1d) after q @ rel_k^T [B*H, W, 2W-1]: Pad the last axis by 1,
    flatten, Pad by W-1, Reshape [-1, W+1, 2W-1], Slice [:, :W, W-1:], Reshape [B, H, 1, W, W], Expand the third axis
    to W and Transpose by `perm` ((0, 3, 1, 4, 2) for the height logits, (0, 1, 3, 2, 4) for the width ones);
    `expand`=False leaves the Expand out, `chain`=False the Pad / Slice chain (the graph input is [B*H, W, W]);
    `tail` 'conv' / 'zero-conv': a residual block around it, as HaloNet-26t's: the graph input is a map [1, 16, W, W]
    whose 1x1 Conv, reshaped to [B*H, W, 2W-1], the chain reads; the logits reshaped to a map [1, B*H*W, W, W], a 1x1
    Conv back to 16 channels with a random / an all-zero weight (timm's zero_init_last with random weights) added to
    the input; 'zero-conv-identity': the zero weight read through an Identity (torch.onnx's shared weights)."""
    r = 2 * w - 1
    inits = [_t("p1", np.array([0, 0, 0, 0, 0, 1], np.int64)), _t("sf", np.array([b * heads, w * (r + 1)], np.int64)),
             _t("p2", np.array([0, 0, 0, w - 1], np.int64)), _t("s3", np.array([-1, w + 1, r], np.int64)),
             _t("st", np.array([0, w - 1], np.int64)), _t("en", np.array([w, r], np.int64)),
             _t("ax", np.array([1, 2], np.int64)), _t("s5", np.array([b, heads, 1, w, w], np.int64))]
    nodes = [helper.make_node("Pad", ["x", "p1"], ["a"], name="pad1"),
             helper.make_node("Reshape", ["a", "sf"], ["f"], name="flat"),
             helper.make_node("Pad", ["f", "p2"], ["g"], name="pad2"),
             helper.make_node("Reshape", ["g", "s3"], ["h"], name="rs3"),
             helper.make_node("Slice", ["h", "st", "en", "ax"], ["sl"], name="slice"),
             helper.make_node("Reshape", ["sl", "s5"], ["r5"], name="rs5")]
    if not chain:
        nodes, inits = [helper.make_node("Reshape", ["x", "s5"], ["r5"], name="rs5")], inits[-1:]
    cur, shape = "r5", [b, heads, 1, w, w]
    if expand:
        nodes.append(helper.make_node("Expand", ["r5", "ex"], ["e"], name="expand"))
        inits.append(_t("ex", np.array([b, heads, w, w, w], np.int64)))
        cur, shape = "e", [b, heads, w, w, w]
    nodes.append(helper.make_node("Transpose", [cur], ["y"], name="tp", perm=list(perm)))
    ins, out = [("x", [b * heads, w, r if chain else w])], ("y", [shape[i] for i in perm])
    if tail:
        rng = np.random.RandomState(0)
        c, cq = b * heads * w, b * heads * (r if chain else w) // w
        wt = np.zeros((16, c, 1, 1), F) if tail.startswith("zero") else (rng.randn(16, c, 1, 1) * 0.05).astype(F)
        inits += [_t("qw", (rng.randn(cq, 16, 1, 1) * 0.1).astype(F)),
                  _t("sq", np.array([b * heads, w, r if chain else w], np.int64)),
                  _t("smap", np.array([1, c, w, w], np.int64)), _t("cw", wt)]
        nodes = [helper.make_node("Conv", ["res", "qw"], ["q"], name="q", kernel_shape=[1, 1]),
                 helper.make_node("Reshape", ["q", "sq"], ["x"], name="q_rs"), *nodes,
                 helper.make_node("Reshape", ["y", "smap"], ["map"], name="to_map"),
                 helper.make_node("Conv", ["map", "cw"], ["cv"], name="proj", kernel_shape=[1, 1]),
                 helper.make_node("Add", ["cv", "res"], ["out"], name="residual")]
        if tail.endswith("identity"):
            nodes[-2].input[1] = "cw_id"
            nodes.insert(-2, helper.make_node("Identity", ["cw"], ["cw_id"], name="shared_weight"))
        ins, out = [("res", [1, 16, w, w])], ("out", [1, 16, w, w])
    return _model(nodes, ins, [out], inits)


def shared_index_tables(n=256, d=32, n_sin=None, t=16, heads=8):
    """A decoder's rotary embedding: one position index [1, T] gathers the constant cos and sin tables [N, D] (each
    axis 0), Unsqueezed to [1, 1, T, D] and applied to q [1, heads, T, D] (q * cos + q * sin); `n_sin`: the sin
    table's rows, when not N. (At T = 1 and 2 heads rk2118 aborted the build with 2.3.2 without the Gathers too.)"""
    rng = np.random.RandomState(n + d)
    inits = [_t("cos", rng.randn(n, d).astype(F)), _t("sin", rng.randn(n_sin or n, d).astype(F)),
             _t("ax", np.array([1], np.int64))]
    nodes = [helper.make_node("Gather", ["cos", "pos"], ["c"], name="gather_cos", axis=0),
             helper.make_node("Gather", ["sin", "pos"], ["s"], name="gather_sin", axis=0),
             helper.make_node("Unsqueeze", ["c", "ax"], ["c4"], name="cos_4d"),
             helper.make_node("Unsqueeze", ["s", "ax"], ["s4"], name="sin_4d"),
             helper.make_node("Mul", ["q", "c4"], ["qc"], name="q_cos"),
             helper.make_node("Mul", ["q", "s4"], ["qs"], name="q_sin"),
             helper.make_node("Add", ["qc", "qs"], ["y"], name="rope")]
    ins = [helper.make_tensor_value_info("q", TensorProto.FLOAT, [1, heads, t, d]),
           helper.make_tensor_value_info("pos", TensorProto.INT64, [1, t])]
    g = helper.make_graph(nodes, "g", ins, [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, heads, t, d])],
                          inits)
    m = helper.make_model(g, opset_imports=[helper.make_opsetid("", 17)])
    m.ir_version = 8
    onnx.checker.check_model(m, full_check=True)
    return m


def shared_index_gathers(indices="shared", layers=1, n=2100, k=300, d=256, feat="input"):
    """RT-DETR's query selection: one top-k index tensor [K] gathers the encoder features [N, D] (axis 0, Reshape
    [1, K, D], `layers` Linear layers, the last to 4) and the constant anchors [1, N, 4] (axis 1), Add, Sigmoid;
    `indices`: shared (one index input for both Gathers) or own (each Gather its own index input) or zero-add (the
    features' Gather reads the indices plus a constant zero vector, as ultralytics 8.4 adds `arange(batch) * N`, [0]
    for one image, which the toolkit's remove_invalid_add drops, while the anchors' Gather reads the indices themselves;
    computed-zero-add: the zeros computed as ultralytics does; reshaped-zero-add: the indices made by a Reshape of an
    input [1, K]); `feat` const: the features a constant table too."""
    rng = np.random.RandomState(0)
    inits = [_t("anc", rng.randn(1, n, 4).astype(F)), _t("s", np.array([1, k, -1], np.int64))]
    nodes = [helper.make_node("Gather", ["f", "idx"], ["g"], name="gather_feat", axis=0),
             helper.make_node("Reshape", ["g", "s"], ["h0"], name="rs")]
    if indices in ("zero-add", "reshaped-zero-add"):
        inits.append(_t("zeros", np.zeros(k, np.int64)))
        nodes[0].input[1] = "idx_z"
        nodes.insert(0, helper.make_node("Add", ["idx", "zeros"], ["idx_z"], name="add_zero"))
    if indices == "computed-zero-add":  # ultralytics' own: Expand(0) -> Tile -> Reshape -> Mul(N), one image's [0]
        inits += [_t("z0", np.zeros((1, 1), np.int64)), _t("z_shape", np.array([1, 1], np.int64)),
                  _t("z_reps", np.array([1, k], np.int64)), _t("flat", np.array([-1], np.int64)),
                  _t("n_rows", np.array(n, np.int64))]
        nodes[0].input[1] = "idx_z"
        nodes[:0] = [helper.make_node("Expand", ["z0", "z_shape"], ["z1"], name="z_expand"),
                     helper.make_node("Tile", ["z1", "z_reps"], ["z2"], name="z_tile"),
                     helper.make_node("Reshape", ["z2", "flat"], ["z3"], name="z_reshape"),
                     helper.make_node("Mul", ["z3", "n_rows"], ["z4"], name="z_mul"),
                     helper.make_node("Add", ["idx", "z4"], ["idx_z"], name="add_zero")]
    cur = "h0"
    for i in range(layers - 1):
        inits.append(_t(f"w{i}", (rng.randn(d, d) * 0.05).astype(F)))
        nodes += [helper.make_node("MatMul", [cur, f"w{i}"], [f"m{i}"], name=f"mm{i}"),
                  helper.make_node("Relu", [f"m{i}"], [f"r{i}"], name=f"relu{i}")]
        cur = f"r{i}"
    inits.append(_t("wb", (rng.randn(d, 4) * 0.05).astype(F)))
    idx2 = "idx2" if indices == "own" else "idx"  # the zero-add forms: the anchors read the indices themselves
    nodes += [helper.make_node("MatMul", [cur, "wb"], ["mb"], name="mm_box"),
              helper.make_node("Gather", ["anc", idx2], ["a"], name="gather_anchor", axis=1),
              helper.make_node("Add", ["mb", "a"], ["s1"], name="add"),
              helper.make_node("Sigmoid", ["s1"], ["y"], name="sigmoid")]
    ins = [helper.make_tensor_value_info("f", TensorProto.FLOAT, [n, d])]
    if feat == "const":
        ins, inits = [], [*inits, _t("f", (rng.randn(n, d) * 0.1).astype(F))]
    ins += [helper.make_tensor_value_info(x, TensorProto.INT64, [k]) for x in dict.fromkeys(["idx", idx2])]
    if indices == "reshaped-zero-add":  # the indices computed by a node (RT-DETR: TopK -> Reshape), not an input
        ins[1] = helper.make_tensor_value_info("idx_in", TensorProto.INT64, [1, k])
        inits.append(_t("flat_idx", np.array([-1], np.int64)))
        nodes.insert(0, helper.make_node("Reshape", ["idx_in", "flat_idx"], ["idx"], name="idx_rs"))
    g = helper.make_graph(nodes, "g", ins, [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, k, 4])], inits)
    m = helper.make_model(g, opset_imports=[helper.make_opsetid("", 17)])
    m.ir_version = 8
    onnx.checker.check_model(m, full_check=True)
    return m


def roi_batch_index(cast="int64", concat=True, take="gather", n=32, roi=True):
    """A RoIAlign box head's inputs as torch exports torchvision's roi_align for one image (unseen set 9's RoIAlign
    box head, reduced with rknnlint build --reduce): boxes [N, 4] -> Concat(zeros [N, 1], boxes) on axis 1 -> rois
    [N, 5]; the batch index column Gather(axis 1, [0]) -> Squeeze(1) -> Cast(to int64) and the boxes Gather(axis 1,
    [1, 2, 3, 4]) -> RoiAlign (7 x 7) of a Conv map [1, 8, 16, 16] of an image input -> Flatten -> Gemm -> output
    (`roi` False: both are graph outputs, as the reduced repro has them). `cast`: int64, float (a float Cast) or none (both without RoiAlign); `concat` False: the
    Gathers read the boxes [N, 4] themselves; `take` "slice": the index column cut by a Slice [0:1], not a Gather."""
    inits = [_t("zeros", np.zeros((n, 1), F)), _t("i0", np.array([0], np.int64)),
             _t("i14", np.array([1, 2, 3, 4] if concat else [0, 1, 2, 3], np.int64)), _t("ax1", np.array([1], np.int64)),
             _t("s0", np.array([0], np.int64)), _t("s1", np.array([1], np.int64))]
    src = "rois" if concat else "boxes"
    nodes = [helper.make_node("Concat", ["zeros", "boxes"], ["rois"], name="concat", axis=1)] if concat else []
    if take == "slice":
        nodes.append(helper.make_node("Slice", [src, "s0", "s1", "ax1"], ["col"], name="take_index"))
    else:
        nodes.append(helper.make_node("Gather", [src, "i0"], ["col"], name="take_index", axis=1))
    nodes.append(helper.make_node("Squeeze", ["col", "ax1"], ["bidx_f"], name="squeeze"))
    out_t, bidx = TensorProto.FLOAT, "bidx_f"
    if cast != "none":
        to = TensorProto.INT64 if cast == "int64" else TensorProto.FLOAT
        nodes.append(helper.make_node("Cast", ["bidx_f"], ["bidx"], name="cast", to=to))
        out_t, bidx = to, "bidx"
    nodes.append(helper.make_node("Gather", [src, "i14"], ["box4"], name="take_boxes", axis=1))
    ins = [helper.make_tensor_value_info("boxes", TensorProto.FLOAT, [n, 4])]
    outs = [helper.make_tensor_value_info(bidx, out_t, [n]),
            helper.make_tensor_value_info("box4", TensorProto.FLOAT, [n, 4])]
    if roi and out_t == TensorProto.INT64:
        rng = np.random.RandomState(0)
        inits += [_t("wc", (rng.randn(8, 3, 3, 3) * 0.2).astype(F)), _t("wf", (rng.randn(10, 8 * 49) * 0.05).astype(F)),
                  _t("bf", np.zeros(10, F))]
        ins.insert(0, helper.make_tensor_value_info("image", TensorProto.FLOAT, [1, 3, 32, 32]))
        nodes += [helper.make_node("Conv", ["image", "wc"], ["c"], name="trunk", kernel_shape=[3, 3], pads=[1, 1, 1, 1],
                                   strides=[2, 2]),
                  helper.make_node("Relu", ["c"], ["feat"], name="trunk_act"),
                  helper.make_node("RoiAlign", ["feat", "box4", bidx], ["pooled"], name="roi_align", output_height=7,
                                   output_width=7, sampling_ratio=2, spatial_scale=0.5),
                  helper.make_node("Flatten", ["pooled"], ["flat"], name="flatten", axis=1),
                  helper.make_node("Gemm", ["flat", "wf", "bf"], ["scores"], name="fc", transB=1)]
        outs = [helper.make_tensor_value_info("scores", TensorProto.FLOAT, [n, 10])]
    g = helper.make_graph(nodes, "g", ins, outs, inits)
    m = helper.make_model(g, opset_imports=[helper.make_opsetid("", 16)])
    m.ir_version = 8
    onnx.checker.check_model(m, full_check=True)
    return m


def mqa(heads=4, softmax=True, n=64, d=16, m=16):
    """Multi-query attention as timm MobileNetV4's Mobile MQA exports it (calibration/placement_sweep.py `mqa`): q from
    a 1x1 Conv as [1, heads, N, d], one key / value head from a pooled 1x1 Conv as [1, 1, M, d]; q @ k^T broadcast over
    the heads, Softmax, @ v, back to a map and a Conv; `heads` 1 (nothing broadcasts) and no Softmax are neighbours."""
    rng = np.random.RandomState(0)
    hw, mhw, c = int(round(n ** 0.5)), int(round(m ** 0.5)), 32
    i64 = lambda name, v: _t(name, np.array(v, np.int64))  # noqa: E731
    inits = [_t("w0", (rng.randn(c, 3, 3, 3) * 0.2).astype(F)), _t("wq", (rng.randn(heads * d, c, 1, 1) * 0.2).astype(F)),
             _t("wk", (rng.randn(d, c, 1, 1) * 0.2).astype(F)), _t("wv", (rng.randn(d, c, 1, 1) * 0.2).astype(F)),
             _t("wo", (rng.randn(16, heads * d, 1, 1) * 0.2).astype(F)), _t("sc", np.array([d ** -0.25], F)),
             i64("sq", [1, heads, d, n]), i64("skv", [1, d, m]), i64("one", [1]), i64("so", [1, heads * d, hw, hw])]
    nodes = [helper.make_node("Conv", ["x", "w0"], ["f"], name="pre", kernel_shape=[3, 3], pads=[1, 1, 1, 1]),
             helper.make_node("Conv", ["f", "wq"], ["q0"], name="q_conv", kernel_shape=[1, 1]),
             helper.make_node("Reshape", ["q0", "sq"], ["q1"], name="q_rs"),
             helper.make_node("Transpose", ["q1"], ["q2"], name="q_tp", perm=[0, 1, 3, 2]),
             helper.make_node("Mul", ["q2", "sc"], ["q"], name="q_mul"),
             helper.make_node("MaxPool", ["f"], ["fp"], name="kv_pool", kernel_shape=[hw // mhw] * 2,
                              strides=[hw // mhw] * 2)]
    for t in ("k", "v"):
        nodes += [helper.make_node("Conv", ["fp", f"w{t}"], [f"{t}0"], name=f"{t}_conv", kernel_shape=[1, 1]),
                  helper.make_node("Reshape", [f"{t}0", "skv"], [f"{t}1"], name=f"{t}_rs"),
                  helper.make_node("Transpose", [f"{t}1"], [f"{t}2"], name=f"{t}_tp", perm=[0, 2, 1]),
                  helper.make_node("Unsqueeze", [f"{t}2", "one"], [f"{t}3"], name=f"{t}_unsq")]
    nodes += [helper.make_node("Transpose", ["k3"], ["k4"], name="k_tp2", perm=[0, 1, 3, 2]),
              helper.make_node("Mul", ["k4", "sc"], ["k"], name="k_mul"),
              helper.make_node("MatMul", ["q", "k"], ["att"], name="mm_qk")]
    p = "att"
    if softmax:
        nodes.append(helper.make_node("Softmax", ["att"], ["p"], name="softmax", axis=-1))
        p = "p"
    nodes += [helper.make_node("MatMul", [p, "v3"], ["o0"], name="mm_pv"),
              helper.make_node("Transpose", ["o0"], ["o1"], name="o_tp", perm=[0, 1, 3, 2]),
              helper.make_node("Reshape", ["o1", "so"], ["o2"], name="o_rs"),
              helper.make_node("Conv", ["o2", "wo"], ["y"], name="post", kernel_shape=[1, 1])]
    return _model(nodes, [("x", [1, 3, hw, hw])], [("y", [1, 16, hw, hw])], inits)


def siamese_xcorr(kind="depthwise", c=256, zs=6, xs=26):
    """A Siamese tracker head on two inputs, the template z [1, C, 6, 6] and the search region x [1, C, 26, 26]
    (airockchip/rknn-toolkit2 issue 14): a 1x1 Conv on each, then the cross-correlation as a Conv of x whose weight
    is z: depthwise (SiamRPN++: Reshape z to [C, 1, 6, 6], group=C) or plain (SiamFC: group 1, one output map)."""
    rng = np.random.RandomState(0)
    nodes = [helper.make_node("Conv", ["z", "wz"], ["zf"], name="adjust_z", kernel_shape=[1, 1]),
             helper.make_node("Conv", ["x", "wx"], ["xf"], name="adjust_x", kernel_shape=[1, 1])]
    inits = [_t("wz", (rng.randn(c, c, 1, 1) * 0.05).astype(F)), _t("wx", (rng.randn(c, c, 1, 1) * 0.05).astype(F))]
    o = xs - zs + 1
    if kind == "depthwise":
        inits.append(_t("ks", np.array([c, 1, zs, zs], np.int64)))
        nodes += [helper.make_node("Reshape", ["zf", "ks"], ["k"], name="kernel_rs"),
                  helper.make_node("Conv", ["xf", "k"], ["y"], name="xcorr", group=c, kernel_shape=[zs, zs])]
        out = [1, c, o, o]
    else:
        nodes.append(helper.make_node("Conv", ["xf", "zf"], ["y"], name="xcorr", kernel_shape=[zs, zs]))
        out = [1, 1, o, o]
    return _model(nodes, [("z", [1, c, zs, zs]), ("x", [1, c, xs, xs])], [("y", out)], inits)


def slices_identity(slices=2, reshapes=2, identity=True, c=64, h=20, w=40):
    """A Conv output cut by two Slices on the channel axis (the toolkit turns them into one Split), the second
    through `reshapes` Reshapes ([1, C, HW] then back to [1, C, H, W]) into an Identity that is a graph output
    (airockchip/rknn-toolkit2 issue 256, a transformer's Reshape_2 -> Identity -> output); the first into a Relu."""
    rng = np.random.RandomState(0)
    inits = [_t("w", (rng.randn(2 * c, c, 1, 1) * 0.1).astype(F)), _t("a0", np.array([0], np.int64)),
             _t("a1", np.array([c], np.int64)), _t("a2", np.array([2 * c], np.int64)), _t("ax", np.array([1], np.int64)),
             _t("s3", np.array([1, c, h * w], np.int64)), _t("s4", np.array([1, c, h, w], np.int64))]
    nodes = [helper.make_node("Conv", ["x", "w"], ["cv"], name="conv", kernel_shape=[1, 1]),
             helper.make_node("Slice", ["cv", "a1", "a2", "ax"], ["s2"], name="slice_2")]
    outs = []
    if slices == 2:
        nodes += [helper.make_node("Slice", ["cv", "a0", "a1", "ax"], ["s1"], name="slice_1"),
                  helper.make_node("Relu", ["s1"], ["o1"], name="relu")]
        outs.append(("o1", [1, c, h, w]))
    src, shape = "s2", [1, c, h, w]
    for i, target in enumerate([("s3", [1, c, h * w]), ("s4", [1, c, h, w])][:reshapes]):
        nodes.append(helper.make_node("Reshape", [src, target[0]], [f"r{i}"], name=f"reshape_{i}"))
        src, shape = f"r{i}", target[1]
    if identity:
        nodes.append(helper.make_node("Identity", [src], ["y"], name="identity"))
    else:
        nodes[-1].output[0] = "y"
    return _model(nodes, [("x", [1, c, h, w])], [("y", shape), *outs], inits)


def constant_attr(attr="value_ints", c=8, hw=16):
    """Conv -> Reshape [1, C, HW] whose shape comes from a Constant node written with `attr` (value_ints, as
    onnxscript / the dynamo exporter and graph tools write small constants), or a Conv -> Mul by a Constant written
    with value_float; `value`: the same Constant as a tensor attribute (torch.onnx's TorchScript exporter)."""
    rng = np.random.RandomState(0)
    inits = [_t("w", (rng.randn(c, c, 1, 1) * 0.1).astype(F))]
    nodes = [helper.make_node("Conv", ["x", "w"], ["cv"], name="conv", kernel_shape=[1, 1])]
    if attr == "value_float":
        nodes += [helper.make_node("Constant", [], ["k"], name="cst", value_float=0.5),
                  helper.make_node("Mul", ["cv", "k"], ["y"], name="mul")]
        return _model(nodes, [("x", [1, c, hw, hw])], [("y", [1, c, hw, hw])], inits)
    shape = [1, c, hw * hw]
    kw = {"value_ints": shape} if attr == "value_ints" else {"value": _t("sv", np.array(shape, np.int64))}
    nodes += [helper.make_node("Constant", [], ["s"], name="cst", **kw),
              helper.make_node("Reshape", ["cv", "s"], ["y"], name="rs")]
    return _model(nodes, [("x", [1, c, hw, hw])], [("y", shape)], inits)


def conv1x1_padded(c=384, h=126, w=1198, cout=128, pad=1, k=1):
    """A Conv whose kernel is 1x1 and whose pads are 1 on each side (the output is 2 px larger than the input) -> Relu:
    airockchip/rknn-toolkit2 issue 86 (input 126 x 1198 x 384, output 128 x 1200 x 128, 'Failed to config layer:
    Conv:/lila2/conv/conv/Conv, Fatal Error' with 2.0.0b0 and 2.0.0b22)."""
    rng = np.random.RandomState(0)
    inits = [_t("w", (rng.randn(cout, c, k, k) * 0.05).astype(F)), _t("b", np.zeros(cout, F))]
    nodes = [helper.make_node("Conv", ["x", "w", "b"], ["cv"], name="conv", kernel_shape=[k, k], pads=[pad] * 4),
             helper.make_node("Relu", ["cv"], ["y"], name="relu")]
    oh, ow = h + 2 * pad - k + 1, w + 2 * pad - k + 1
    return _model(nodes, [("x", [1, c, h, w])], [("y", [1, cout, oh, ow])], inits)


def atan2(wrap=True, c=8, hw=16):
    """atan2(y, x) of two halves of a Conv output (a spectrum's phase, a rotated box's angle) as exporters write it:
    Div(y, x) -> Atan (airockchip/rknn-toolkit2 issue 486: Atan nodes lowered as custom CPU ops, then a segfault with
    2.3.2), and with `wrap` the quadrant fix torch.atan2 adds (Less(x, 0) -> Where(Atan + pi, Atan))."""
    rng = np.random.RandomState(0)
    inits = [_t("w", (rng.randn(2 * c, c, 1, 1) * 0.1).astype(F)), _t("zero", np.float32(0)), _t("pi", np.float32(np.pi)),
             _t("a0", np.array([0], np.int64)), _t("a1", np.array([c], np.int64)), _t("a2", np.array([2 * c], np.int64)),
             _t("ax", np.array([1], np.int64))]
    nodes = [helper.make_node("Conv", ["x", "w"], ["cv"], name="conv", kernel_shape=[1, 1]),
             helper.make_node("Slice", ["cv", "a0", "a1", "ax"], ["yy"], name="slice_y"),
             helper.make_node("Slice", ["cv", "a1", "a2", "ax"], ["xx"], name="slice_x"),
             helper.make_node("Div", ["yy", "xx"], ["q"], name="div"),
             helper.make_node("Atan", ["q"], ["at" if wrap else "y"], name="atan")]
    if wrap:
        nodes += [helper.make_node("Less", ["xx", "zero"], ["neg"], name="less"),
                  helper.make_node("Add", ["at", "pi"], ["atp"], name="add_pi"),
                  helper.make_node("Where", ["neg", "atp", "at"], ["y"], name="where")]
    return _model(nodes, [("x", [1, c, hw, hw])], [("y", [1, c, hw, hw])], inits)


def segment_sum_exp(n=64, heads=4, form="ssd", fill=-1e4):
    """Mamba2's chunked SSD decay (unseen set 11, seq_mamba2_ssd_dynamo_op18: every int8 build failed with 2.3.2 in the
    quantizer's cal_scale_zp, "cannot convert float NaN to integer"; `rknnlint build --reduce` cut it to the six nodes
    here): a [1, H, n] input -> Abs -> Neg (the decays dt * -exp(A) are negative) -> CumSum over n -> the segment sums
    cs[:, :, i] - cs[:, :, j] ([1, H, n, n], two Unsqueezes and a Sub) -> masked_fill of the upper triangle (Where with
    `fill`) -> Exp -> Mul by a [1, 1, n, n] input. `form` "exp" is CumSum -> Exp alone; "no-exp" drops the Exp."""
    inits = [_t("last", np.array(-1, np.int64)), _t("ax2", np.array([2], np.int64)), _t("ax3", np.array([3], np.int64)),
             _t("mask", ~np.tril(np.ones((n, n), bool))), _t("fill", F(fill))]
    nodes = [helper.make_node("Abs", ["a"], ["ab"], name="abs"), helper.make_node("Neg", ["ab"], ["dA"], name="neg"),
             helper.make_node("CumSum", ["dA", "last"], ["cs"], name="cumsum")]
    if form == "exp":
        nodes += [helper.make_node("Exp", ["cs"], ["e"], name="exp"), helper.make_node("Mul", ["b", "e"], ["y"], name="mul")]
        shape, bshape = [1, heads, n], [1, heads, n]
    else:
        nodes += [helper.make_node("Unsqueeze", ["cs", "ax3"], ["ci"], name="seg_i"),
                  helper.make_node("Unsqueeze", ["cs", "ax2"], ["cj"], name="seg_j"),
                  helper.make_node("Sub", ["ci", "cj"], ["seg"], name="segsum"),
                  helper.make_node("Where", ["mask", "fill", "seg"], ["m"], name="masked_fill")]
        if form == "no-exp":
            nodes.append(helper.make_node("Mul", ["b", "m"], ["y"], name="mul"))
        else:
            nodes += [helper.make_node("Exp", ["m"], ["e"], name="exp"), helper.make_node("Mul", ["b", "e"], ["y"], name="mul")]
        shape, bshape = [1, heads, n, n], [1, 1, n, n]
    return _model(nodes, [("a", [1, heads, n]), ("b", bshape)], [("y", shape)], inits, opset=18)


def yolo_decode(hw=160, na=3, no=9, c_in=16):
    """ultralytics YOLOv5 (v6/v7) Detect head exported with its decode, one scale: Conv -> Reshape [1, na, no, H, W] ->
    Transpose [0, 1, 3, 4, 2] -> Sigmoid -> Split (2, 2, no - 4) on axis 4 -> xy * 2 + grid, (wh * 2) ** 2 * anchor ->
    Concat -> Reshape [1, na * H * W, no] (airockchip/rknn-toolkit2 issue 251: a 1280 px input, the 160 x 160 scale)."""
    rng = np.random.RandomState(0)
    inits = [_t("w", (rng.randn(na * no, c_in, 1, 1) * 0.1).astype(F)), _t("s5", np.array([1, na, no, hw, hw], np.int64)),
             _t("grid", rng.rand(1, na, hw, hw, 2).astype(F)), _t("anc", rng.rand(1, na, hw, hw, 2).astype(F)),
             _t("two", np.float32(2)), _t("stride", np.float32(8)), _t("so", np.array([1, na * hw * hw, no], np.int64)),
             _t("sp", np.array([2, 2, no - 4], np.int64))]
    nodes = [helper.make_node("Conv", ["x", "w"], ["c"], name="conv", kernel_shape=[1, 1]),
             helper.make_node("Reshape", ["c", "s5"], ["r"], name="rs"),
             helper.make_node("Transpose", ["r"], ["t"], name="tp", perm=[0, 1, 3, 4, 2]),
             helper.make_node("Sigmoid", ["t"], ["sg"], name="sig"),
             helper.make_node("Split", ["sg", "sp"], ["xy", "wh", "cf"], name="split", axis=4),
             helper.make_node("Mul", ["xy", "two"], ["xy2"], name="xy_mul"),
             helper.make_node("Add", ["xy2", "grid"], ["xy3"], name="xy_add"),
             helper.make_node("Mul", ["xy3", "stride"], ["xy4"], name="xy_stride"),
             helper.make_node("Mul", ["wh", "two"], ["wh2"], name="wh_mul"),
             helper.make_node("Pow", ["wh2", "two"], ["wh3"], name="wh_pow"),
             helper.make_node("Mul", ["wh3", "anc"], ["wh4"], name="wh_anchor"),
             helper.make_node("Concat", ["xy4", "wh4", "cf"], ["cat"], name="cat", axis=4),
             helper.make_node("Reshape", ["cat", "so"], ["y"], name="out_rs")]
    return _model(nodes, [("x", [1, c_in, hw, hw])], [("y", [1, na * hw * hw, no])], inits)


def weighted_marginal(axis=3, op="Mul", k=17, h=48, w=36):
    """An integral (soft-argmax) pose head's coordinate: Conv to K heatmaps [1, K, H, W] -> ReduceSum over `axis`
    (keepdims 0) -> `op` with the constant positions 0..L-1 -> ReduceSum over the last axis (keepdims 0) -> [1, K]
    (axis 3: the y coordinate, the marginal over W first; axis 2: the x coordinate)."""
    rng = np.random.RandomState(0)
    n0, i0 = _conv("hm", "x", "hm", 3, k, rng)
    n = h if axis == 3 else w
    nodes = [n0, helper.make_node("ReduceSum", ["hm", "ax"], ["m"], name="marginal", keepdims=0),
             helper.make_node(op, ["m", "pos"], ["wm"], name="weigh"),
             helper.make_node("ReduceSum", ["wm", "last"], ["y"], name="coord", keepdims=0)]
    return _model(nodes, [("x", [1, 3, h, w])], [("y", [1, k])],
                  i0 + [_t("ax", np.array([axis], np.int64)), _t("last", np.array([-1], np.int64)),
                        _t("pos", np.arange(n, dtype=F))], opset=15)


def token_normalize(n=1600, d=48, clip=True, expand=True, axis=1, tail="mul", op="ReduceL2"):
    """SwiftFormer's efficient additive attention's token weights as timm exports it (opset 17): q [1, N, d] -> q @
    w_g [d, 1] -> * scale -> F.normalize over the tokens (ReduceL2 over axis 1 of [1, N, 1], keepdims -> Clip(min
    eps) -> Expand to its shape -> Div) -> * q; `tail` "div" ends at the Div, `op` ReduceSum in place of ReduceL2."""
    rng = np.random.RandomState(0)
    inits = [_t("wg", (rng.randn(d, 1) * 0.1).astype(F)), _t("sc", np.array(d ** -0.5, F)),
             _t("eps", np.array(1e-12, F))]
    nodes = [helper.make_node("MatMul", ["x", "wg"], ["a0"], name="query_weight"),
             helper.make_node("Mul", ["a0", "sc"], ["a"], name="scale")]
    if op == "ReduceL2":
        nodes.append(helper.make_node("ReduceL2", ["a"], ["nrm"], name="norm", axes=[axis], keepdims=1))
    else:
        inits.append(_t("axes", np.array([axis], np.int64)))
        nodes.append(helper.make_node(op, ["a", "axes"], ["nrm"], name="norm", keepdims=1))
    t = "nrm"
    if clip:
        nodes.append(helper.make_node("Clip", [t, "eps", ""], ["cl"], name="clip"))
        t = "cl"
    if expand:
        nodes += [helper.make_node("Shape", ["a"], ["sh"], name="shape"),
                  helper.make_node("Expand", [t, "sh"], ["ex"], name="expand")]
        t = "ex"
    nodes.append(helper.make_node("Div", ["a", t], ["an"], name="div"))
    shape = [1, n, 1]
    if tail == "mul":
        nodes.append(helper.make_node("Mul", ["an", "x"], ["g"], name="weigh"))
        shape = [1, n, d]
    nodes[-1].output[0] = "y"
    return _model(nodes, [("x", [1, n, d])], [("y", shape)], inits, opset=17)


def global_max(c=64, hw=7, op="GlobalMaxPool", after="conv"):
    """CBAM's channel attention on its max branch: Conv -> a max over the whole [1, C, H, W] map (GlobalMaxPool, a
    MaxPool whose window is the map, ReduceMax over H and W) -> `after`: conv (the MLP's 1x1 Conv), relu-conv,
    flatten-gemm, output (the pooled vector is the graph output), sigmoid-mul (the gate on the map, no MLP) or
    add-avg-conv (max + average pooled vectors, then the Conv)."""
    rng = np.random.RandomState(0)
    n0, inits = _conv("c1", "x", "a", 3, c, rng)
    if op == "MaxPool":
        pool = helper.make_node(op, ["a"], ["p"], name="pool", kernel_shape=[hw, hw], strides=[hw, hw])
    elif op == "ReduceMax":
        pool = helper.make_node(op, ["a"], ["p"], name="pool", axes=[2, 3], keepdims=1)
    else:
        pool = helper.make_node(op, ["a"], ["p"], name="pool")
    nodes, out = [n0, pool], [1, c, 1, 1]
    if after == "output":
        nodes[-1].output[0] = "y"
        return _model(nodes, [("x", [1, 3, hw, hw])], [("y", out)], inits)
    if after == "sigmoid-mul":
        nodes += [helper.make_node("Sigmoid", ["p"], ["s"], name="sig"), helper.make_node("Mul", ["a", "s"], ["y"], name="gate")]
        return _model(nodes, [("x", [1, 3, hw, hw])], [("y", [1, c, hw, hw])], inits)
    if after == "flatten-gemm":
        nodes += [helper.make_node("Flatten", ["p"], ["f"], name="flat"),
                  helper.make_node("Gemm", ["f", "wg"], ["y"], name="fc", transB=1)]
        return _model(nodes, [("x", [1, 3, hw, hw])], [("y", [1, 10])],
                      inits + [_t("wg", (rng.randn(10, c) * 0.1).astype(F))])
    src = "p"
    if after == "relu-conv":
        nodes.append(helper.make_node("Relu", ["p"], ["r"], name="relu"))
        src = "r"
    elif after == "add-avg-conv":
        nodes += [helper.make_node("GlobalAveragePool", ["a"], ["g"], name="gap"),
                  helper.make_node("Add", ["p", "g"], ["s"], name="add")]
        src = "s"
    n1, i1 = _conv("mlp", src, "y", c, c, rng)
    return _model(nodes + [n1], [("x", [1, 3, hw, hw])], [("y", out)], inits + i1)


def window_max_pool(c=256, h=9, w=16, k=13):
    """An SPP branch: Conv -> MaxPool (k x k, stride 1, pad k // 2) -> Conv over a [1, C, H, W] map (YOLOP-lite's
    SPP 5 / 9 / 13 over [1, 256, 12, 20]); a window longer than the map in H or W."""
    rng = np.random.RandomState(0)
    n0, i0 = _conv("c1", "x", "a", 3, c, rng)
    p = k // 2
    pool = helper.make_node("MaxPool", ["a"], ["p"], name="pool", kernel_shape=[k, k], strides=[1, 1], pads=[p, p, p, p])
    n1, i1 = _conv("c2", "p", "y", c, c, rng)
    return _model([n0, pool, n1], [("x", [1, 3, h, w])], [("y", [1, c, h, w])], i0 + i1)


def reduce_mean_wide(c=32, h=80, w=80, axes=(2, 3), op="ReduceMean", keepdims=1):
    """A squeeze-and-excitation block's pooling written as ReduceMean over H and W (keepdims) of a [1, C, H, W] map, as
    paddle2onnx exports PP-OCRv6's text detector (its SE block over the 80 x 80 map of a 640 px input): the toolkit
    turns it into a MatMul with a vector of ones over the H * W elements; `op` GlobalAveragePool is the other export."""
    inits = []
    if op == "GlobalAveragePool":
        nodes = [helper.make_node(op, ["x"], ["y"], name="pool")]
    elif op == "ReduceSum":  # opset 13 takes its axes as an input
        inits = [_t("axes", np.array(axes, np.int64))]
        nodes = [helper.make_node(op, ["x", "axes"], ["y"], name="reduce", keepdims=keepdims)]
    else:
        nodes = [helper.make_node(op, ["x"], ["y"], name="reduce", axes=list(axes), keepdims=keepdims)]
    out = [1 if i in ((2, 3) if op == "GlobalAveragePool" else axes) else d for i, d in enumerate([1, c, h, w])]
    return _model(nodes, [("x", [1, c, h, w])], [("y", out)], inits)


def input_residual(c=1, hw=64, mid=16, op="Sub", left="input", depth=2, reader="Conv"):
    """A residual denoiser's output (DnCNN: the graph input minus the noise a Conv stack estimates; Restormer: the
    input plus the restored detail): Sub (or Add) of the graph input [1, C, H, W] and a Conv -> Relu -> Conv of it
    back to C channels; `left` conv: the residual's left operand a Conv of the input instead of the input itself;
    `depth` 1: one Conv of the input (C -> C); `reader` Relu: the stack starts with a Relu of the input, not a Conv."""
    rng = np.random.RandomState(hw + c + mid)
    inits, nodes = [], []

    def conv(name, x, cin, cout):
        w, b = _t(name + "_w", (rng.randn(cout, cin, 3, 3) * 0.1).astype(F)), _t(name + "_b", np.zeros(cout, F))
        inits.extend([w, b])
        nodes.append(helper.make_node("Conv", [x, w.name, b.name], [name], name=name, kernel_shape=[3, 3],
                                      pads=[1, 1, 1, 1]))
        return name

    src = conv("pre", "x", c, c) if left == "conv" else "x"
    head = src
    if reader == "Relu":
        nodes.append(helper.make_node("Relu", [src], ["rin"], name="rin"))
        head = "rin"
    if depth == 1:
        last = conv("clast", head, c, c)
    else:
        nodes.append(helper.make_node("Relu", [conv("c0", head, c, mid)], ["r0"], name="r0"))
        last = conv("clast", "r0", mid, c)
    nodes.append(helper.make_node(op, [src, last], ["y"], name="res"))
    return _model(nodes, [("x", [1, c, hw, hw])], [("y", [1, c, hw, hw])], inits, opset=11)


def input_affine(c=1, hw=256, ops=("Sub", "Div"), reader="Conv", const="scalar", rank=4):
    """A normalising front on a narrow graph input (Zhang-style colorization: (L - 50) / 100 on the lightness
    [1, 1, 256, 256], then a Conv): each op in `ops` takes the previous value and a constant (`const` scalar: a
    0-d tensor; channel: [1, C, 1, 1]); `reader` Conv: a 3x3 Conv to 8 channels reads the result, None: it is the
    graph output; `rank` 3: the input is [1, C, H * W] and a Conv1d reads it."""
    rng = np.random.RandomState(hw + c)
    inits, nodes, x = [], [], "x"
    for i, op in enumerate(ops):
        if op in ("Relu", "Sigmoid"):
            nodes.append(helper.make_node(op, [x], [f"e{i}"], name=f"e{i}"))
        elif op == "Clip":
            lo, hi = _t(f"lo{i}", np.array(0.0, F)), _t(f"hi{i}", np.array(6.0, F))
            inits += [lo, hi]
            nodes.append(helper.make_node("Clip", [x, lo.name, hi.name], [f"e{i}"], name=f"e{i}"))
        else:
            k = _t(f"k{i}", (np.array(50.0 - 49.0 * i, F) if const == "scalar" else
                             np.full((1, c) + (1,) * (rank - 2), 2.0, F)))
            inits.append(k)
            nodes.append(helper.make_node(op, [x, k.name], [f"e{i}"], name=f"e{i}"))
        x = f"e{i}"
    cout = c
    if reader == "Conv":
        cout = 8
        k = [3] * (rank - 2)
        w, b = _t("cw", (rng.randn(cout, c, *k) * 0.1).astype(F)), _t("cb", np.zeros(cout, F))
        inits += [w, b]
        nodes.append(helper.make_node("Conv", [x, w.name, b.name], ["y"], name="conv", kernel_shape=k,
                                      pads=[1] * (2 * len(k))))
    else:
        nodes.append(helper.make_node("Identity", [x], ["y"], name="out"))
    dims = [hw, hw] if rank == 4 else [hw * hw]
    return _model(nodes, [("x", [1, c, *dims])], [("y", [1, cout, *dims])], inits, opset=13)


def empty_mask_scatter(start=4, reader="ScatterND"):
    """torch's `mask[a:b] = 1` over an empty slice of a computed mask [4, 8, 8] (torchvision's Swin3D at 8 frames):
    ConstantOfShape(Shape(mask[4:4])) -> updates (0, 8, 8), indices ConstantOfShape -> (0, 8, 8, 3), ScatterND,
    added to the input map before a Conv; `start` 3: one row, not empty; `reader` Concat: the updates concatenated
    to the mask instead."""
    i = lambda n, v: _t(n, np.array(v, np.int64))  # noqa: E731
    inits = [i("s1", [1]), i("e4", [4]), i("a0", [0]), i("st", [start]), i("en", [4]), i("three", [3]),
             _t("w", np.full((4, 4, 1, 1), 0.1, F))]
    nodes = [helper.make_node("Shape", ["x"], ["shp"], name="shape"),
             helper.make_node("Slice", ["shp", "s1", "e4"], ["msh"], name="mask_shape"),
             helper.make_node("ConstantOfShape", ["msh"], ["mask"], name="mask", value=_t("v0", np.zeros(1, F))),
             helper.make_node("Slice", ["mask", "st", "en", "a0"], ["z"], name="rows"),
             helper.make_node("Shape", ["z"], ["zs"], name="rows_shape"),
             helper.make_node("ConstantOfShape", ["zs"], ["u"], name="updates", value=_t("v1", np.ones(1, F)))]
    if reader == "Concat":
        nodes.append(helper.make_node("Concat", ["u", "mask"], ["m2"], name="cat", axis=0))
    else:
        nodes += [helper.make_node("Concat", ["zs", "three"], ["ish"], name="idx_shape", axis=0),
                  helper.make_node("ConstantOfShape", ["ish"], ["idx"], name="idx",
                                   value=_t("v2", np.zeros(1, np.int64))),
                  helper.make_node("ScatterND", ["mask", "idx", "u"], ["m2"], name="scatter")]
    nodes += [helper.make_node("Unsqueeze", ["m2", "a0"], ["m4"], name="m4"),
              helper.make_node("Add", ["x", "m4"], ["xa"], name="add"),
              helper.make_node("Conv", ["xa", "w"], ["y"], name="conv", kernel_shape=[1, 1])]
    return _model(nodes, [("x", [1, 4, 8, 8])], [("y", [1, 4, 8, 8])], inits, opset=17)


def computed_weight_conv(cin=16, cout=32, k=3, data="const", hw=8):
    """A Conv whose weight the graph computes (StyleGAN2's modulated weight: a style [1, Cin] times a constant
    [Cout, Cin, k, k]) over a constant map [1, Cin, H, W]; `data` input: the map a second graph input instead."""
    rng = np.random.RandomState(cin * 7 + cout + k)
    w = _t("w", (rng.randn(cout, cin, k, k) * 0.1).astype(F))
    inits = [w, _t("s4", np.array([1, cin, 1, 1], np.int64))]
    inputs = [("x", [1, cin])]
    if data == "const":
        inits.append(_t("img", rng.randn(1, cin, hw, hw).astype(F)))
    else:
        inputs.append(("img", [1, cin, hw, hw]))
    nodes = [helper.make_node("Reshape", ["x", "s4"], ["style"], name="style"),
             helper.make_node("Mul", ["w", "style"], ["wmod"], name="modulate"),
             helper.make_node("Conv", ["img", "wmod"], ["y"], name="conv", kernel_shape=[k, k], pads=[k // 2] * 4)]
    return _model(nodes, inputs, [("y", [1, cout, hw, hw])], inits)


def clip_computed_bound(bound="min", cast=True, op="Clip", shape=(1, 1, 8, 32)):
    """A log-mel spectrogram's top_db clamp as librosa's power_to_db / torchaudio's AmplitudeToDB export it:
    ReduceMax over the whole map (keepdims 0) -> Sub(80) -> Cast -> Clip(x, min=that, max=1e4) (openWakeWord's
    melspectrogram model); `bound` const clips at a constant, max puts the computed value in max, op Max writes
    max(x, that) instead of a Clip."""
    inits = [_t("top", np.float32(80.0)), _t("hi", np.float32(1e4)), _t("lo", np.float32(-100.0))]
    if bound == "const":  # the clamp alone: no dead ReduceMax / Sub left in the graph
        return _model([helper.make_node("Clip", ["x", "lo", "hi"], ["y"], name="clip")], [("x", list(shape))],
                      [("y", list(shape))], inits)
    nodes = [helper.make_node("ReduceMax", ["x"], ["mx"], name="rmax", keepdims=0),
             helper.make_node("Sub", ["mx", "top"], ["thr0"], name="sub")]
    thr = "thr0"
    if cast:
        nodes.append(helper.make_node("Cast", ["thr0"], ["thr"], name="cast", to=TensorProto.FLOAT))
        thr = "thr"
    if op == "Max":
        nodes.append(helper.make_node("Max", ["x", thr], ["y"], name="max"))
    else:
        lo, hi = {"min": (thr, "hi"), "max": ("lo", thr)}[bound]
        nodes.append(helper.make_node("Clip", ["x", lo, hi], ["y"], name="clip"))
    return _model(nodes, [("x", list(shape))], [("y", list(shape))], inits)


def row_gemm(k=128, n=128, front="input", op="Gemm", rows=0):
    """A Linear on one [1, K] row, as a small classifier head exports it (openWakeWord's timer model: Flatten ->
    Gemm 3264 -> 128 -> Relu -> Gemm 128 -> 128 -> Relu -> Gemm 128 -> 7 -> Softmax): the toolkit turns the Gemm
    into a 1x1 Conv over [1, K, 1, 1]. `front` is what the row comes from: input (the graph input), mlp (the timer's
    Flatten -> Gemm(3264) -> Relu in front), conv (a Conv over a [1, 8, 4, 4] map -> Flatten -> Gemm(128) -> Relu,
    mtcnn-rnet's tail), flatten4x4 (Flatten of a [1, 8, 4, 4] input), gap (a 1x1 Conv over [1, 8, H, H] ->
    GlobalAveragePool -> Flatten, K = 16 channels, H = `rows` or 4), norm (a LayerNorm written out over the input
    row: ReduceMean, Sub, Pow, ReduceMean, Add, Sqrt, Div, Mul, Add) or embed (an int64 token id into an embedding
    Gather, then that norm: unseen set 21's Mamba-1 step, whose first in-projection killed rk2118 float16 2.3.2 by
    SIGSEGV); `rows` > 0 with op MatMul reads [1, rows, K]."""
    rng = np.random.RandomState(0)

    def lin(name, x, y, kk, nn):
        w = _t(name + "_w", (rng.randn(nn, kk) * 0.05).astype(F))
        b = _t(name + "_b", (rng.randn(nn) * 0.05).astype(F))
        return [helper.make_node("Gemm", [x, w.name, b.name], [y], name=name, transB=1)], [w, b]

    nodes, inits, src = [], [], "x"
    if front in ("norm", "embed"):
        shape, x = [1, k], "x"
        if front == "embed":
            inits.append(_t("table", (rng.randn(100, k) * 0.1).astype(F)))
            nodes.append(helper.make_node("Gather", ["table", "x"], ["e"], name="embed", axis=0))
            x = "e"
        inits += [_t("two", np.array(2.0, F)), _t("eps", np.array(1e-5, F)), _t("ln_g", (1 + rng.randn(k) * 0.1).astype(F)),
                  _t("ln_b", (rng.randn(k) * 0.1).astype(F))]
        nodes += [helper.make_node("ReduceMean", [x], ["mu"], name="mean", axes=[-1]),
                  helper.make_node("Sub", [x, "mu"], ["d"], name="centre"),
                  helper.make_node("Pow", ["d", "two"], ["d2"], name="square"),
                  helper.make_node("ReduceMean", ["d2"], ["var"], name="var", axes=[-1]),
                  helper.make_node("Add", ["var", "eps"], ["ve"], name="var_eps"),
                  helper.make_node("Sqrt", ["ve"], ["sd"], name="std"),
                  helper.make_node("Div", ["d", "sd"], ["xn"], name="normed"),
                  helper.make_node("Mul", ["xn", "ln_g"], ["xg"], name="gamma"),
                  helper.make_node("Add", ["xg", "ln_b"], ["xb"], name="beta")]
        src = "xb"
    elif front == "input":
        shape = [1, rows, k] if rows else [1, k]
    elif front == "flatten4x4":
        shape = [1, 8, 4, 4]
        nodes.append(helper.make_node("Flatten", ["x"], ["f"], name="flat", axis=1))
        src, k = "f", 128
    elif front == "gap":
        h = rows or 4
        shape = [1, 8, h, h]
        c, ci = _conv("conv", "x", "c", 8, 16, rng)
        nodes += [c, helper.make_node("GlobalAveragePool", ["c"], ["p"], name="gap"),
                      helper.make_node("Flatten", ["p"], ["f"], name="flat", axis=1)]
        inits += ci
        src, k, rows = "f", 16, 0
    else:
        if front == "mlp":
            shape, kin = [1, 34, 96], 3264
            nodes.append(helper.make_node("Flatten", ["x"], ["f"], name="flat", axis=1))
        else:  # conv
            shape, kin = [1, 8, 4, 4], 128
            c, ci = _conv("conv", "x", "c", 8, 8, rng)
            nodes += [c, helper.make_node("Flatten", ["c"], ["f"], name="flat", axis=1)]
            inits += ci
        g, gi = lin("fc0", "f", "h", kin, k)
        nodes += g + [helper.make_node("Relu", ["h"], ["r"], name="relu")]
        inits += gi
        src = "r"
    if op == "MatMul":
        w = _t("fc_w", (rng.randn(k, n) * 0.05).astype(F))
        nodes.append(helper.make_node("MatMul", [src, w.name], ["y"], name="fc"))
        inits.append(w)
    else:
        g, gi = lin("fc", src, "y", k, n)
        nodes += g
        inits += gi
    out = [1, rows, n] if rows and front == "input" else [1, n]
    if front == "embed":  # an int64 token id [1] as the graph input
        g = helper.make_graph(nodes, "g", [helper.make_tensor_value_info("x", TensorProto.INT64, [1])],
                              [helper.make_tensor_value_info("y", TensorProto.FLOAT, out)], inits)
        m = helper.make_model(g, opset_imports=[helper.make_opsetid("", 13)])
        m.ir_version = 8
        onnx.checker.check_model(m, full_check=True)
        return m
    return _model(nodes, [("x", shape)], [("y", out)], inits)


def row_sum_squares(front="gemm", kin=1280, n=6, width=3, op="ReduceSum", mul=True, keepdims=1, rank=2, tail=True):
    """The squared length of a few features of one [1, N] row (6DRepNet's rotation head, calibration/export_unseen8.py
    pose_6drepnet: Gemm 1280 -> 6, Slice [:, 0:3] -> Mul by itself -> ReduceSum over axis 1 -> Sqrt, a Gram-Schmidt
    step; rknnlint build --reduce cut it to these four nodes): the toolkit turns the ReduceSum into a 1x1 Conv over
    [1, width, 1, 1] (convert_reduce_sum_to_conv). `front`: gemm (a Linear from the graph input [1, kin]), input (the
    row [1, n] is the graph input), gap (a 1x1 Conv over [1, 8, 4, 4] -> GlobalAveragePool -> Flatten -> the Gemm);
    `width` features sliced (n: no Slice); `rank` 4: the row Reshaped to [1, n, 1, 1] first; `tail` False: no
    reduction (what the Slice / Mul make is the output)."""
    rng = np.random.RandomState(0)
    nodes, inits, src, shape = [], [], "x", [1, kin]
    if front == "input":
        shape, src = [1, n], "x"
    else:
        if front == "gap":
            shape, kin = [1, 8, 4, 4], 16
            c, ci = _conv("conv", "x", "c", 8, 16, rng)
            nodes += [c, helper.make_node("GlobalAveragePool", ["c"], ["p"], name="gap"),
                      helper.make_node("Flatten", ["p"], ["f"], name="flat", axis=1)]
            inits += ci
            src = "f"
        w = _t("fc_w", (rng.randn(n, kin) * 0.05).astype(F))
        b = _t("fc_b", (rng.randn(n) * 0.05).astype(F))
        nodes.append(helper.make_node("Gemm", [src, w.name, b.name], ["h"], name="fc", transB=1))
        inits += [w, b]
        src = "h"
    if rank == 4:
        inits.append(_t("shape4", np.array([1, n, 1, 1], np.int64)))
        nodes.append(helper.make_node("Reshape", [src, "shape4"], ["h4"], name="rs4"))
        src = "h4"
    if width < n:
        inits += [_t("s0", np.array([0], np.int64)), _t("s1", np.array([width], np.int64)),
                  _t("sax", np.array([1], np.int64))]
        nodes.append(helper.make_node("Slice", [src, "s0", "s1", "sax"], ["sl"], name="slice"))
        src = "sl"
    if mul:
        nodes.append(helper.make_node("Mul", [src, src], ["sq"], name="sq"))
        src = "sq"
    if not tail:
        nodes[-1].output[0] = "y"
        return _model(nodes, [("x", shape)], [("y", [1, width])], inits)
    inits.append(_t("rax", np.array([1], np.int64)))
    red = (helper.make_node(op, [src, "rax"], ["y"], name="reduce", keepdims=keepdims) if op == "ReduceSum"
           else helper.make_node(op, [src], ["y"], name="reduce", axes=[1], keepdims=keepdims))
    nodes.append(red)
    out = [1, 1] + ([1, 1] if rank == 4 else []) if keepdims else [1] + ([1, 1] if rank == 4 else [])
    return _model(nodes, [("x", shape)], [("y", out)], inits)


def row_reduce(k=90, front="relu", op="ReduceSum", rank=2, keepdims=1, tail=""):
    """A ReduceSum / ReduceMean over the K features of one [1, K] row, which the toolkit turns into a 1x1 Conv of one
    output over [1, K, 1, 1] (L2CS-Net's gaze angle, calibration/export_unseen12.py gaze_l2cs_lite: Gemm 512 -> 90
    bins -> Softmax -> Mul by the bin indices -> ReduceSum, the expectation over the bins; `rknnlint build --reduce`
    cut the model to the ReduceSum alone). `front`: relu (a Relu of the graph input [1, K]), input (the graph input
    itself), head (L2CS's: a 3x3 Conv 3 -> 16 over 8 x 8 -> GlobalAveragePool -> Flatten -> Gemm 16 -> K -> Softmax
    -> Mul by 0 .. K-1); `rank` 4: the row Reshaped to [1, K, 1, 1] first; `tail` layernorm: the mean is a
    LayerNorm's (x - mean, its variance, the division), which the toolkit fuses into one norm layer; rms: x / sqrt(mean(x^2))."""
    rng = np.random.RandomState(0)
    nodes, inits, src = [], [], "x"
    shape = [1, 3, 8, 8] if front == "head" else [1, k]
    if front == "head":
        c, ci = _conv("conv", "x", "c", 3, 16, rng)
        w = _t("fc_w", (rng.randn(k, 16) * 0.05).astype(F))
        b = _t("fc_b", (rng.randn(k) * 0.05).astype(F))
        idx = _t("bins", np.arange(k, dtype=F)[None])
        nodes += [c, helper.make_node("GlobalAveragePool", ["c"], ["p"], name="gap"),
                  helper.make_node("Flatten", ["p"], ["f"], name="flat", axis=1),
                  helper.make_node("Gemm", ["f", w.name, b.name], ["h"], name="fc", transB=1),
                  helper.make_node("Softmax", ["h"], ["sm"], name="softmax", axis=1),
                  helper.make_node("Mul", ["sm", idx.name], ["e"], name="bins_mul")]
        inits += ci + [w, b, idx]
        src = "e"
    elif front == "relu":
        nodes.append(helper.make_node("Relu", ["x"], ["r"], name="relu"))
        src = "r"
    if rank == 4:
        inits.append(_t("shape4", np.array([1, k, 1, 1], np.int64)))
        nodes.append(helper.make_node("Reshape", [src, "shape4"], ["r4"], name="rs4"))
        src = "r4"
    if tail in ("layernorm", "rms"):
        op = "ReduceMean"
    if tail == "rms":
        nodes.append(helper.make_node("Mul", [src, src], ["sq"], name="sq"))
        red_in = "sq"
    else:
        red_in = src
    inits.append(_t("rax", np.array([1], np.int64)))
    red_out = "y" if not tail else "m"
    nodes.append(helper.make_node(op, [red_in, "rax"], [red_out], name="reduce", keepdims=keepdims) if op == "ReduceSum"
                 else helper.make_node(op, [red_in], [red_out], name="reduce", axes=[1], keepdims=keepdims))
    out = [1, 1] + ([1, 1] if rank == 4 else []) if keepdims else [1] + ([1, 1] if rank == 4 else [])
    if tail == "layernorm":
        inits.append(_t("eps", np.array([1e-5], F)))
        nodes += [helper.make_node("Sub", [src, "m"], ["d"], name="center"),
                  helper.make_node("Mul", ["d", "d"], ["d2"], name="square"),
                  helper.make_node("ReduceMean", ["d2"], ["v"], name="variance", axes=[1], keepdims=1),
                  helper.make_node("Add", ["v", "eps"], ["ve"], name="add_eps"),
                  helper.make_node("Sqrt", ["ve"], ["sd"], name="sqrt"),
                  helper.make_node("Div", ["d", "sd"], ["y"], name="normalize")]
        out = [1, k] + ([1, 1] if rank == 4 else [])
    elif tail == "rms":
        nodes += [helper.make_node("Sqrt", ["m"], ["sd"], name="sqrt"),
                  helper.make_node("Div", [src, "sd"], ["y"], name="normalize")]
        out = [1, k] + ([1, 1] if rank == 4 else [])
    return _model(nodes, [("x", shape)], [("y", out)], inits)


def window_gather(c=32, hw=20, o=3, wheres=2, form="gathernd", mask="where"):
    """torch.export's decomposition of an adaptive average pool whose output size does not divide the map (SparseInst's
    pyramid pooling 20 -> 3, unseen set 15; CSATv2's 16 -> 7, unseen set 6), as `rknnlint build --reduce` cut it: a
    1x1 Conv [1, C, H, W] -> Transpose to [H, W, 1, C] -> GatherND of every window's rows and columns
    ([o, k, o, k, 2] indices, k the longest window) -> Transpose to [1, C, o, k, o, k] -> Where that zeroes the
    positions past each window, rows then columns. `wheres` 1 / 0: one masking or none; `form` reshape: the same
    rank-6 tensor made by a Reshape of the map instead of the GatherND (k = hw / o); rank5: the GatherND's window
    rows and columns merged ([o * k, o, k]) before the Transpose, so the Where runs at rank 5; `mask` mul: the
    positions zeroed by a Mul with a 0 / 1 mask instead of the Where."""
    rng = np.random.RandomState(0)
    k = -(-hw // o) + 1
    conv, inits = _conv("conv", "x", "c", 16, c, rng)
    nodes = [conv]
    starts = [(i * hw) // o for i in range(o)]
    ends = [-(-((i + 1) * hw) // o) for i in range(o)]
    rows = np.array([[min(starts[i] + j, hw - 1) for j in range(k)] for i in range(o)], np.int64)
    valid = np.array([[starts[i] + j < ends[i] for j in range(k)] for i in range(o)])
    if form == "reshape":
        k = hw // o
        inits.append(_t("shape6", np.array([1, c, o, k, o, k], np.int64)))
        nodes.append(helper.make_node("Reshape", ["c", "shape6"], ["w6"], name="rs6"))
        valid = np.ones((o, k), bool)
        valid[:, -1] = False
        shape = [1, c, o, k, o, k]
    else:
        idx = np.stack(np.broadcast_arrays(rows[:, :, None, None], rows[None, None, :, :]), -1)  # [o, k, o, k, 2]
        inits.append(_t("win_idx", idx))
        nodes += [helper.make_node("Transpose", ["c"], ["hwc"], name="to_hw", perm=[2, 3, 0, 1]),
                  helper.make_node("GatherND", ["hwc", "win_idx"], ["g"], name="windows")]
        if form == "rank5":
            inits.append(_t("shape5", np.array([o * k, o, k, 1, c], np.int64)))
            nodes += [helper.make_node("Reshape", ["g", "shape5"], ["g5"], name="rs5"),
                      helper.make_node("Transpose", ["g5"], ["w6"], name="to_nc", perm=[3, 4, 0, 1, 2])]
            valid = np.broadcast_to(valid[None], (o * k, o, k))
            valid = valid.reshape(o * k, o, k)
            shape = [1, c, o * k, o, k]
        else:
            nodes.append(helper.make_node("Transpose", ["g"], ["w6"], name="to_nc", perm=[4, 5, 0, 1, 2, 3]))
            shape = [1, c, o, k, o, k]
    if mask == "where" and wheres:
        inits.append(_t("zero", np.array(0.0, F)))
    src = "w6"
    if form == "rank5":
        masks = [~valid][:wheres]
    else:
        masks = [~valid[:, :, None, None], ~valid][:wheres]
    for i, m in enumerate(masks):
        if mask == "mul":
            inits.append(_t(f"mask{i}", np.ascontiguousarray(~m).astype(F)))
            nodes.append(helper.make_node("Mul", [src, f"mask{i}"], [f"m{i}"], name=f"masked_fill_{i}"))
        else:
            inits.append(_t(f"mask{i}", np.ascontiguousarray(m)))
            nodes.append(helper.make_node("Where", [f"mask{i}", "zero", src], [f"m{i}"], name=f"masked_fill_{i}"))
        src = f"m{i}"
    nodes.append(helper.make_node("Identity", [src], ["y"], name="out"))
    return _model(nodes, [("x", [1, 16, hw, hw])], [("y", shape)], inits, opset=18)


def gru_batch(b=63, direction="bidirectional", t=33, f=8, hid=4):
    """GTCRN's intra-frame GRU (unseen set 15): x [T, B, F] (bands as steps, frames as the batch) -> Add -> GRU with
    batch B > 1. `direction` forward: the one-way GRU over the same batch."""
    rng = np.random.RandomState(0)
    d = 2 if direction == "bidirectional" else 1
    inits = [_t("W", (rng.randn(d, 3 * hid, f) * 0.2).astype(F)), _t("R", (rng.randn(d, 3 * hid, hid) * 0.2).astype(F)),
             _t("B", np.zeros((d, 6 * hid), F))]
    nodes = [helper.make_node("Add", ["x", "x"], ["x2"], name="pre"),
             helper.make_node("GRU", ["x2", "W", "R", "B"], ["y"], name="gru", hidden_size=hid, direction=direction)]
    return _model(nodes, [("x", [t, b, f])], [("y", [t, d, b, hid])], inits)


def embedding_gather(vocab=50265, d=768, t=128, other=None, tied=False):
    """A token embedding: Gather(table [vocab, d], int64 ids [1, t]) -> [1, t, d], as Hugging Face text encoders
    start (unseen set 16's RoBERTa, 50265 x 768: an odd number of rows). other (K, N): beside it a MatMul of a second
    graph input [1, 1, K] by a constant [K, N]; tied: the embeddings times a constant [d, vocab] instead (the logits of
    a decoder whose output projection is the table transposed, unseen set 18's Whisper-like decoder step)."""
    rng = np.random.RandomState(0)
    table = (rng.randn(vocab, d) * 0.02).astype(F)
    inits = [_t("table", table)]
    nodes = [helper.make_node("Gather", ["table", "ids"], ["y"], name="embed", axis=0)]
    ins = [helper.make_tensor_value_info("ids", TensorProto.INT64, [1, t])]
    outs = [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, t, d])]
    if tied:
        inits.append(_t("w", np.ascontiguousarray(table.T)))
        nodes.append(helper.make_node("MatMul", ["y", "w"], ["logits"], name="logits"))
        outs = [helper.make_tensor_value_info("logits", TensorProto.FLOAT, [1, t, vocab])]
    if other:
        k, n = other
        inits.append(_t("w2", (rng.randn(k, n) * 0.02).astype(F)))
        ins.append(helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 1, k]))
        nodes.append(helper.make_node("MatMul", ["x", "w2"], ["z"], name="other"))
        outs.append(helper.make_tensor_value_info("z", TensorProto.FLOAT, [1, 1, n]))
    g = helper.make_graph(nodes, "g", ins, outs, inits)
    m = helper.make_model(g, opset_imports=[helper.make_opsetid("", 14)])
    m.ir_version = 8
    onnx.checker.check_model(m)
    return m


def seeded_positions_gather(rows=514, d=64, t=64, form="mask-mul", ids=True):
    """Positions from an attention mask, as Hugging Face OPT (and BioGPT, XGLM) compute them: an int64 mask [1, t] (a
    graph input) -> CumSum(axis 1) -> Mul by the mask -> Sub 1 -> Cast -> Add 2 (OPT's offset) -> Gather of a constant
    position table [rows, d]; ids: an int64 ids input [1, t] beside it (drawn first by the seeded samples, as OPT's
    input_ids), read by a token embedding Gather of 16000 rows. form cumsum-only: CumSum(mask) - 1 without the Mul;
    mask-compare: the mask is Cast(Not(Equal(ids, 1))) and the model has no mask input (RoBERTa's positions from the
    ids, 0 / 1 whatever ids holds)."""
    rng = np.random.RandomState(0)
    inits = [_t("table", (rng.randn(rows, d) * 0.02).astype(F)), _t("axis", np.array(1, np.int64)),
             _t("one", np.array(1, np.int64)), _t("two", np.array(2, np.int64))]
    ins = [helper.make_tensor_value_info("attention_mask", TensorProto.INT64, [1, t])]
    nodes = []
    src = "attention_mask"
    if ids:
        ins.insert(0, helper.make_tensor_value_info("input_ids", TensorProto.INT64, [1, t]))
        inits.append(_t("tokens", (rng.randn(16000, d) * 0.02).astype(F)))
        nodes.append(helper.make_node("Gather", ["tokens", "input_ids"], ["tok"], name="embed_tokens", axis=0))
    if form == "mask-compare":  # the mask is the ids' (RoBERTa has no mask input to count from)
        if ids:
            ins = ins[:1]
        nodes += [helper.make_node("Equal", ["input_ids" if ids else "attention_mask", "one"], ["eq"], name="pad_eq"),
                  helper.make_node("Not", ["eq"], ["ne"], name="pad_not"),
                  helper.make_node("Cast", ["ne"], ["m"], name="pad_cast", to=TensorProto.INT64)]
        src = "m"
    nodes.append(helper.make_node("CumSum", [src, "axis"], ["cs"], name="cumsum"))
    if form == "cumsum-only":
        nodes.append(helper.make_node("Sub", ["cs", "one"], ["p0"], name="sub"))
    else:
        nodes += [helper.make_node("Mul", ["cs", src], ["cm"], name="mul"),
                  helper.make_node("Sub", ["cm", "one"], ["p0"], name="sub")]
    nodes += [helper.make_node("Cast", ["p0"], ["p1"], name="cast", to=TensorProto.INT64),
              helper.make_node("Add", ["p1", "two"], ["pos"], name="offset"),
              helper.make_node("Gather", ["table", "pos"], ["y"], name="embed_positions", axis=0)]
    outs = [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, t, d])]
    if ids:
        nodes.append(helper.make_node("Add", ["tok", "y"], ["h"], name="embed_sum"))
        outs = [helper.make_tensor_value_info("h", TensorProto.FLOAT, [1, t, d])]
    g = helper.make_graph(nodes, "g", ins, outs, inits)
    m = helper.make_model(g, opset_imports=[helper.make_opsetid("", 14)])
    m.ir_version = 8
    onnx.checker.check_model(m)
    return m


def mask_where_softmax(n=64, src="cast", unsqueeze=True, heads=0, tail="Softmax"):
    """Hand-written attention masking: an int64 mask [1, N] (a graph input) Cast to bool (`src` cast; equal: Equal(mask,
    0) with the Where's branches swapped, `masked_fill(mask == 0, -1e4)`; float: a float mask Cast to bool), Unsqueezed
    to [1, 1, N] (`unsqueeze` False: broadcast from [1, N]), selecting the scores of x @ x^T [1, N, N] (`heads` H: [1,
    H, N, N] with the mask Unsqueezed to [1, 1, 1, N]) or -1e4 in a Where, then `tail` (Softmax, or Relu)."""
    d = 32
    rng = np.random.RandomState(n + heads)
    inits = [_t("kb", (rng.randn(d) * 0.1).astype(F)), _t("neg", np.array(-1e4, F)), _t("ax1", np.array([1], np.int64))]
    nodes = [helper.make_node("Add", ["x", "kb"], ["k"], name="key")]
    xs = [1, n, d]
    if heads:
        xs = [1, heads, n, d]
        nodes.append(helper.make_node("Transpose", ["k"], ["kt"], name="kt", perm=[0, 1, 3, 2]))
    else:
        nodes.append(helper.make_node("Transpose", ["k"], ["kt"], name="kt", perm=[0, 2, 1]))
    nodes.append(helper.make_node("MatMul", ["x", "kt"], ["sc"], name="scores"))
    if src == "equal":
        inits.append(_t("zero", np.array(0, np.int64)))
        nodes.append(helper.make_node("Equal", ["mask", "zero"], ["m0"], name="meq"))
    else:
        nodes.append(helper.make_node("Cast", ["mask"], ["m0"], name="mcast", to=TensorProto.BOOL))
    m = "m0"
    for i in range((1 + bool(heads)) if unsqueeze else 0):
        nodes.append(helper.make_node("Unsqueeze", [m, "ax1"], [f"m{i + 1}"], name=f"munsq{i}"))
        m = f"m{i + 1}"
    branches = ["neg", "sc"] if src == "equal" else ["sc", "neg"]
    nodes.append(helper.make_node("Where", [m] + branches, ["w"], name="masked"))
    nodes.append(helper.make_node(tail, ["w"], ["y"], name="attn", **({"axis": -1} if tail == "Softmax" else {})))
    out = xs[:-1] + [n]
    mask_t = TensorProto.FLOAT if src == "float" else TensorProto.INT64
    g = helper.make_graph(nodes, "g", [helper.make_tensor_value_info("x", TensorProto.FLOAT, xs),
                                       helper.make_tensor_value_info("mask", mask_t, [1, n])],
                          [helper.make_tensor_value_info("y", TensorProto.FLOAT, out)], inits)
    mdl = helper.make_model(g, opset_imports=[helper.make_opsetid("", 13)])
    mdl.ir_version = 8
    onnx.checker.check_model(mdl, full_check=True)
    return mdl


def state_gather_beside(cols, n=2, c=1, h=24, w=384):
    """state_gather beside a MatMul of a second input [1, 1, w] by a constant [w, cols] (unseen set 18's Whisper-like
    decoder step: self-attention caches [2, 1, 24, 384] unpacked by Gather, 20M-element embedding and logits weights)."""
    m = state_gather(n, c, h, w)
    g = m.graph
    g.initializer.append(_t("w2", (np.random.RandomState(0).randn(w, cols) * 0.02).astype(F)))
    g.input.append(helper.make_tensor_value_info("x2", TensorProto.FLOAT, [1, 1, w]))
    g.node.append(helper.make_node("MatMul", ["x2", "w2"], ["z"], name="other"))
    g.output.append(helper.make_tensor_value_info("z", TensorProto.FLOAT, [1, 1, cols]))
    onnx.checker.check_model(m)
    return m


def state_gather(n=4, c=2, h=1, w=128, front="input", index="scalar", axis=0):
    """The unpacking of a streaming model's recurrent states (DTLN, calibration/export_unseen9.py audio_dtln_states:
    states_in [4, 2, 1, 128] = [layer, h / c, batch, hidden] -> Gather(axis 0, index 0) per LSTM layer; `rknnlint build
    --reduce` cut it to that Gather alone). `front`: input (the graph input [n, c, h, w] itself), relu (a Relu and a
    Mul of it), reshape (a [1, n * c * h * w] input Reshaped to it), transpose (a [c, n, h, w] input transposed);
    `index` list: [0] instead of the scalar 0; `axis` 1: a Gather of the second axis of a [1, n, c, w] input."""
    nodes, inits = [], [_t("idx", np.array([0] if index == "list" else 0, np.int64))]
    shape, src = [n, c, h, w], "x"
    if axis == 1:
        shape = [1, n, c, w]
    elif front == "relu":
        nodes += [helper.make_node("Relu", ["x"], ["r"], name="relu"), helper.make_node("Mul", ["r", "r"], ["m"], name="mul")]
        src = "m"
    elif front == "reshape":
        shape = [1, n * c * h * w]
        inits.append(_t("shape4", np.array([n, c, h, w], np.int64)))
        nodes.append(helper.make_node("Reshape", ["x", "shape4"], ["r"], name="rs4"))
        src = "r"
    elif front == "transpose":
        shape = [c, n, h, w]
        nodes.append(helper.make_node("Transpose", ["x"], ["r"], name="tp", perm=[1, 0, 2, 3]))
        src = "r"
    nodes.append(helper.make_node("Gather", [src, "idx"], ["y"], name="gather", axis=axis))
    out = [n, c, w] if axis == 1 else [c, h, w]
    if index == "list":
        out = [1, c, h, w]
    if axis == 1 and index != "list":
        out = [1, c, w]
    return _model(nodes, [("x", shape)], [("y", out)], inits)


def long_kernel_convtranspose(k=256, s=64, c=256, t=64):
    """A vocoder's inverse-STFT written as a 1-D ConvTranspose of one output channel (unseen set 14's Vocos-like
    vocoder, calibration/export_unseen13.py tts_vocos_lite: [1, C, T] frames -> kernel k, stride s -> a waveform of
    (T - 1) * s + k samples; the build stopped with 'buffer overflow!'). An Add in front so the input is computed."""
    rng = np.random.RandomState(0)
    w = _t("w", (rng.randn(c, 1, k) * 0.05).astype(F))
    nodes = [helper.make_node("Add", ["x", "one"], ["a"], name="add"),
             helper.make_node("ConvTranspose", ["a", "w"], ["y"], name="istft", strides=[s], kernel_shape=[k])]
    return _model(nodes, [("x", [1, c, t])], [("y", [1, 1, (t - 1) * s + k])], [w, _t("one", np.array(1.0, F))])


def pooled_row_gemm(k=128, n=196, op="Gemm", front="gap", tail="", mh=8, mw=8, relu=False, depth=0, se=False):
    """A landmark / embedding regressor's head (PFLD, calibration/export_unseen4.py face_pfld_landmarks: GAP ->
    Flatten of two maps and a Flatten of a 1 x 1 map, Concat [1, 176] -> Gemm 196): a 3x3 Conv (3 -> K) over an
    8 x 8 input -> GlobalAveragePool -> Flatten -> a Linear of N outputs on the [1, K] row. `front` concat: two such
    pooled rows (K / 2 each, the second behind a stride-2 Conv) joined by a Concat, as PFLD. `tail` bn: a
    BatchNormalization and a Relu behind the Linear (OSNet-AIN's embedding fc, calibration/export_unseen8.py
    reid_osnet_ain: K = 256, N = 512); bnl2: then the L2 normalisation (ReduceL2 -> Clip -> Expand -> Div) too.
    `mh` x `mw`: the input map (OSNet's pooled map: 16 x 8); `relu`: a Relu between the Conv and the pool; `depth`:
    that many 1x1 Conv -> Relu pairs of K channels between the first Conv and the pool (a network in front); `se`: a
    squeeze-excitation gate on the map before the pool (GlobalAveragePool -> 1x1 Conv K / 4 -> Relu -> 1x1 Conv K ->
    Sigmoid -> Mul: OSNet's channel gates), a Conv over a [1, K, 1, 1] map ahead of the Linear's."""
    rng = np.random.RandomState(0)

    def conv3(name, x, y, cin, cout, stride=1):
        w = _t(name + "_w", (rng.randn(cout, cin, 3, 3) * 0.1).astype(F))
        return [helper.make_node("Conv", [x, w.name], [y], name=name, kernel_shape=[3, 3], pads=[1] * 4,
                                 strides=[stride] * 2)], [w]

    half = k // 2 if front == "concat" else k
    nodes, inits = conv3("conv", "x", "c0" if relu else "c", 3, half)
    if relu:
        nodes.append(helper.make_node("Relu", ["c0"], ["c"], name="act"))
    for i in range(depth):
        nodes[-1].output[0] = f"d{i}"
        ci, wi = _conv(f"pw{i}", f"d{i}", f"e{i}", half, half, rng)
        nodes += [ci, helper.make_node("Relu", [f"e{i}"], ["c"], name=f"act{i}")]
        inits += wi
    if se:
        nodes[-1].output[0] = "se_x"
        s1, w1 = _conv("se_fc1", "se_p", "se_h", half, max(half // 4, 1), rng)
        s2, w2 = _conv("se_fc2", "se_r", "se_g", max(half // 4, 1), half, rng)
        nodes += [helper.make_node("GlobalAveragePool", ["se_x"], ["se_p"], name="se_pool"), s1,
                  helper.make_node("Relu", ["se_h"], ["se_r"], name="se_relu"), s2,
                  helper.make_node("Sigmoid", ["se_g"], ["se_s"], name="se_sig"),
                  helper.make_node("Mul", ["se_x", "se_s"], ["c"], name="se_mul")]
        inits += w1 + w2
    nodes += [helper.make_node("GlobalAveragePool", ["c"], ["p"], name="gap"),
              helper.make_node("Flatten", ["p"], ["f"], name="flat", axis=1)]
    src = "f"
    if front == "concat":
        c2, w2 = conv3("conv2", "c", "c2", half, k - half, stride=2)
        nodes += c2 + [helper.make_node("GlobalAveragePool", ["c2"], ["p2"], name="gap2"),
                       helper.make_node("Flatten", ["p2"], ["f2"], name="flat2", axis=1),
                       helper.make_node("Concat", ["f", "f2"], ["cat"], name="cat", axis=1)]
        inits += w2
        src = "cat"
    if op == "MatMul":
        w = _t("fc_w", (rng.randn(k, n) * 0.05).astype(F))
        nodes.append(helper.make_node("MatMul", [src, w.name], ["y"], name="fc"))
    else:
        w = _t("fc_w", (rng.randn(n, k) * 0.05).astype(F))
        nodes.append(helper.make_node("Gemm", [src, w.name, "fc_b"], ["y" if not tail else "h"], name="fc", transB=1))
        inits.append(_t("fc_b", (rng.randn(n) * 0.05).astype(F)))
    inits.append(w)
    if tail:
        inits += [_t(f"bn_{i}", v) for i, v in enumerate(
            (1 + rng.randn(n) * 0.1, rng.randn(n) * 0.1, rng.randn(n) * 0.1, 1 + rng.rand(n)))]
        inits = [_t(t.name, numpy_helper.to_array(t).astype(F)) if t.name.startswith("bn_") else t for t in inits]
        nodes += [helper.make_node("BatchNormalization", ["h", "bn_0", "bn_1", "bn_2", "bn_3"], ["b"], name="bn"),
                  helper.make_node("Relu", ["b"], ["r" if tail == "bnl2" else "y"], name="relu")]
        if tail == "bnl2":
            inits += [_t("l2_min", np.array(1e-12, F))]
            nodes += [helper.make_node("ReduceL2", ["r"], ["l2"], name="l2", axes=[1], keepdims=1),
                      helper.make_node("Clip", ["l2", "l2_min", ""], ["cl"], name="clip"),
                      helper.make_node("Shape", ["r"], ["shp"], name="shape"),
                      helper.make_node("Expand", ["cl", "shp"], ["ex"], name="expand"),
                      helper.make_node("Div", ["r", "ex"], ["y"], name="div")]
    return _model(nodes, [("x", [1, 3, mh, mw])], [("y", [1, n])], inits, opset=16)


def pooled_norm_row_gemm(k=256, n=1000, norm="var", hw=8, op="Gemm"):
    """A ConvNeXt classifier head as torch dynamo writes timm's NormMlpClassifierHead with an RMS / LayerNorm2d
    (calibration/export_unseen7.py cls_timm_convnext_zepto_rms_dynamo_op18: ReduceMean over (-1, -2), keepdims ->
    Transpose to channels last -> the norm -> Transpose back -> Reshape [1, K] -> Gemm N): a 3x3 Conv (3 -> K) over an
    hw x hw input, then that head. `norm`: `var` as dynamo decomposes it (mean, x - mean squared, mean, times
    N / (N - 1), Reshape, + eps, Sqrt, Reciprocal, x * r, * weight), `ln` one LayerNormalization op (opset 18 as the
    export),
    `none` the two Transposes alone, `flatten` no Transposes (GlobalAveragePool -> Flatten, pooled-row-gemm-wide)."""
    rng = np.random.RandomState(1)
    w = _t("conv_w", (rng.randn(k, 3, 3, 3) * 0.1).astype(F))
    nodes = [helper.make_node("Conv", ["x", w.name], ["c"], name="conv", kernel_shape=[3, 3], pads=[1] * 4)]
    inits = [w]
    if norm != "flatten":
        inits += [_t("axes_hw", np.array([-1, -2], np.int64)), _t("row", np.array([1, k], np.int64))]
    if norm == "var":
        inits.append(_t("axes_c", np.array([-1], np.int64)))
    if norm == "flatten":
        nodes += [helper.make_node("GlobalAveragePool", ["c"], ["p"], name="gap"),
                  helper.make_node("Flatten", ["p"], ["f"], name="flat", axis=1)]
    else:
        nodes += [helper.make_node("ReduceMean", ["c", "axes_hw"], ["m"], name="pool", keepdims=1),
                  helper.make_node("Transpose", ["m"], ["t"], name="to_nhwc", perm=[0, 2, 3, 1])]
        t = "t"
        if norm == "var":
            inits += [_t("corr", np.array(k / (k - 1), F)), _t("shape1", np.array([1, 1, 1, 1], np.int64)),
                      _t("eps", np.array(1e-6, F)), _t("gamma", (rng.rand(k) + 0.5).astype(F))]
            nodes += [helper.make_node("ReduceMean", ["t", "axes_c"], ["mu"], name="mu", keepdims=1),
                      helper.make_node("Sub", ["t", "mu"], ["d"], name="d"),
                      helper.make_node("Mul", ["d", "d"], ["d2"], name="d2"),
                      helper.make_node("ReduceMean", ["d2", "axes_c"], ["v0"], name="v0", keepdims=0),
                      helper.make_node("Mul", ["v0", "corr"], ["v"], name="v"),
                      helper.make_node("Reshape", ["v", "shape1"], ["v4"], name="v4"),
                      helper.make_node("Add", ["v4", "eps"], ["ve"], name="ve"),
                      helper.make_node("Sqrt", ["ve"], ["sd"], name="sd"),
                      helper.make_node("Reciprocal", ["sd"], ["r"], name="r"),
                      helper.make_node("Mul", ["t", "r"], ["xn"], name="xn"),
                      helper.make_node("Mul", ["xn", "gamma"], ["xg"], name="xg")]
            t = "xg"
        elif norm == "ln":
            inits += [_t("gamma", (rng.rand(k) + 0.5).astype(F)), _t("beta", (rng.randn(k) * 0.1).astype(F))]
            nodes.append(helper.make_node("LayerNormalization", ["t", "gamma", "beta"], ["xg"], name="ln", axis=-1,
                                          epsilon=1e-6))
            t = "xg"
        nodes += [helper.make_node("Transpose", [t], ["b"], name="to_nchw", perm=[0, 3, 1, 2]),
                  helper.make_node("Reshape", ["b", "row"], ["f"], name="flat")]
    if op == "MatMul":
        fw = _t("fc_w", (rng.randn(k, n) * 0.05).astype(F))
        nodes.append(helper.make_node("MatMul", ["f", fw.name], ["y"], name="fc"))
    else:
        fw = _t("fc_w", (rng.randn(n, k) * 0.05).astype(F))
        nodes.append(helper.make_node("Gemm", ["f", fw.name], ["y"], name="fc", transB=1))
    inits.append(fw)
    return _model(nodes, [("x", [1, 3, hw, hw])], [("y", [1, n])], inits, opset=18)


def qkv_heads_gather(n=64, c=256, heads=8, bias="zero", order="heads3", take="gather"):
    """BLOOM's fused qkv (Hugging Face, unseen set 21's llm_hf_bloom: its Linear biases zero as transformers
    initialises them): tokens [1, N, C] -> MatMul [C, 3C] + Add of the bias -> Reshape [1, N, heads, 3, dh] -> a Gather
    on axis 3 per q, k, v -> Transpose (0, 2, 1, 3) -> softmax attention -> Transpose -> Reshape [1, N, C]. `bias`
    rand: a non-zero bias, none: no Add; `order` 3heads: Reshape [1, N, 3, heads, dh] and the Gathers on axis 2 (timm's
    order); `take` slice: Slices of width 1 on that axis, then a Squeeze, instead of the Gathers."""
    rng = np.random.RandomState(0)
    dh = c // heads
    inits = [_t("w", (rng.randn(c, 3 * c) * 0.05).astype(F)), _t("wo", (rng.randn(c, c) * 0.05).astype(F)),
             _t("scale", np.array(dh ** -0.5, F)),
             _t("s5", np.array([1, n, heads, 3, dh] if order == "heads3" else [1, n, 3, heads, dh], np.int64)),
             _t("s3", np.array([1, n, c], np.int64))]
    nodes = [helper.make_node("MatMul", ["x", "w"], ["mm"], name="qkv_mm")]
    qkv = "mm"
    if bias != "none":
        inits.append(_t("b", np.zeros(3 * c, F) if bias == "zero" else (rng.randn(3 * c) * 0.05).astype(F)))
        nodes.append(helper.make_node("Add", ["b", "mm"], ["qkv"], name="qkv_bias"))
        qkv = "qkv"
    nodes.append(helper.make_node("Reshape", [qkv, "s5"], ["r5"], name="qkv_rs"))
    axis = 3 if order == "heads3" else 2
    parts = []
    for i, nm in enumerate("qkv"):
        if take == "gather":
            inits.append(_t(f"i{nm}", np.array(i, np.int64)))
            nodes.append(helper.make_node("Gather", ["r5", f"i{nm}"], [f"{nm}4"], axis=axis, name=f"take_{nm}"))
        else:
            inits += [_t(f"st{nm}", np.array([i], np.int64)), _t(f"en{nm}", np.array([i + 1], np.int64)),
                      _t(f"ax{nm}", np.array([axis], np.int64))]
            nodes += [helper.make_node("Slice", ["r5", f"st{nm}", f"en{nm}", f"ax{nm}"], [f"{nm}5"], name=f"take_{nm}"),
                      helper.make_node("Squeeze", [f"{nm}5", f"ax{nm}"], [f"{nm}4"], name=f"sq_{nm}")]
        perm = [0, 2, 1, 3] if order == "heads3" else [0, 1, 2, 3]
        nodes.append(helper.make_node("Transpose", [f"{nm}4"], [f"{nm}h"], perm=perm, name=f"heads_{nm}"))
        parts.append(f"{nm}h")
    nodes += [helper.make_node("Transpose", ["kh"], ["kt"], perm=[0, 1, 3, 2], name="k_t"),
              helper.make_node("MatMul", ["qh", "kt"], ["sc"], name="qk"),
              helper.make_node("Mul", ["sc", "scale"], ["scs"], name="scaled"),
              helper.make_node("Softmax", ["scs"], ["a"], axis=-1, name="attn"),
              helper.make_node("MatMul", ["a", "vh"], ["o"], name="av"),
              helper.make_node("Transpose", ["o"], ["ot"], perm=[0, 2, 1, 3], name="o_t"),
              helper.make_node("Reshape", ["ot", "s3"], ["of"], name="o_flat"),
              helper.make_node("MatMul", ["of", "wo"], ["y"], name="proj")]
    return _model(nodes, [("x", [1, n, c])], [("y", [1, n, c])], inits, opset=14)


def grid_tokens_qkv(part="grid", tokens="grid", c=96, hw=32, ws=4, heads=3, bias="zero", add=True, qkv="heads"):
    """MaxxViT-v2's channels-last partition attention (timm maxxvitv2_nano_rw_256, calibration/export_unseen6.py at
    128 px: AttentionCl): a 3x3 Conv -> Transpose to [1, H, W, C] -> LayerNorm -> grid partition (Reshape
    [1, ws, H/ws, ws, W/ws, C], Transpose (0, 2, 4, 1, 3, 5), Reshape [P, ws, ws, C]: tokens kept as a rank-4 ws x ws
    grid) -> qkv Linear (MatMul + Add of a zero bias, as timm initialises it) -> Reshape [P, -1, heads, 3 * dh] ->
    Transpose -> Split q, k, v -> softmax attention -> Transpose -> Reshape [P, ws, ws, C] -> proj MatMul. `part`
    window: the window partition (perm (0, 1, 3, 2, 4, 5)); `tokens` flat: partition to [P, ws * ws, C] (rank 3,
    as Swin writes it); `bias` rand: a non-zero bias; `add` False: no bias Add; `hw` = `ws`: one partition; `qkv`
    rank5: timm's Attention layout instead (Reshape [P, N, 3, heads, dh] -> Transpose (2, 0, 3, 1, 4) -> Split on
    axis 0 -> Squeeze, as EdgeNeXt's XCA and MobileViT's transformer write it)."""
    rng = np.random.RandomState(0)
    dh, n = c // heads, hw // ws
    inits = [_t("cw", (rng.randn(c, 3, 3, 3) * 0.1).astype(F)), _t("g", np.ones(c, F)), _t("beta", np.zeros(c, F)),
             _t("w", (rng.randn(c, 3 * c) * 0.05).astype(F)),
             _t("bias", np.zeros(3 * c, F) if bias == "zero" else (rng.randn(3 * c) * 0.05).astype(F)),
             _t("wo", (rng.randn(c, c) * 0.05).astype(F)), _t("split", np.array([dh] * 3, np.int64)),
             _t("scale", np.array(dh ** -0.5, F))]
    s1, perm = (([1, ws, n, ws, n, c], [0, 2, 4, 1, 3, 5]) if part == "grid" else
                ([1, n, ws, n, ws, c], [0, 1, 3, 2, 4, 5]))
    s2 = [n * n, ws, ws, c] if tokens == "grid" else [n * n, ws * ws, c]
    inits += [_t("s1", np.array(s1, np.int64)), _t("s2", np.array(s2, np.int64)),
              _t("s3", np.array([n * n, -1, heads, 3 * dh], np.int64))]
    nodes = [helper.make_node("Conv", ["x", "cw"], ["c"], pads=[1, 1, 1, 1], name="conv"),
             helper.make_node("Transpose", ["c"], ["t"], perm=[0, 2, 3, 1], name="nhwc"),
             helper.make_node("LayerNormalization", ["t", "g", "beta"], ["ln"], axis=-1, epsilon=1e-5, name="ln"),
             helper.make_node("Reshape", ["ln", "s1"], ["r1"], name="part_rs"),
             helper.make_node("Transpose", ["r1"], ["t1"], perm=perm, name="part_tp"),
             helper.make_node("Reshape", ["t1", "s2"], ["r2"], name="part_rs2"),
             helper.make_node("MatMul", ["r2", "w"], ["mm"], name="qkv")]
    if add:
        nodes.append(helper.make_node("Add", ["bias", "mm"], ["a"], name="qkv_add"))
    else:
        inits = [i for i in inits if i.name != "bias"]
    if qkv == "rank5":
        inits = [i for i in inits if i.name not in ("s3", "split")]
        inits += [_t("s3", np.array([n * n, -1, 3, heads, dh], np.int64)), _t("split", np.array([1, 1, 1], np.int64)),
                  _t("ax0", np.array([0], np.int64))]
        nodes += [helper.make_node("Reshape", ["a" if add else "mm", "s3"], ["y0"], name="qkv_rs"),
                  helper.make_node("Transpose", ["y0"], ["y1"], perm=[2, 0, 3, 1, 4], name="heads_tp"),
                  helper.make_node("Split", ["y1", "split"], ["q5", "k5", "v5"], axis=0, name="split")]
        nodes += [helper.make_node("Squeeze", [f"{t}5", "ax0"], [t], name=f"sq_{t}") for t in "qkv"]
    else:
        nodes += [helper.make_node("Reshape", ["a" if add else "mm", "s3"], ["y0"], name="qkv_rs"),
                  helper.make_node("Transpose", ["y0"], ["y1"], perm=[0, 2, 1, 3], name="heads_tp"),
                  helper.make_node("Split", ["y1", "split"], ["q", "k", "v"], axis=3, name="split")]
    nodes += [helper.make_node("Transpose", ["k"], ["kt"], perm=[0, 1, 3, 2], name="kt"),
              helper.make_node("MatMul", ["q", "kt"], ["s"], name="qk"),
              helper.make_node("Mul", ["s", "scale"], ["ss"], name="sc"),
              helper.make_node("Softmax", ["ss"], ["p"], axis=-1, name="sm"),
              helper.make_node("MatMul", ["p", "v"], ["o"], name="pv"),
              helper.make_node("Transpose", ["o"], ["ot"], perm=[0, 2, 1, 3], name="o_tp"),
              helper.make_node("Reshape", ["ot", "s2"], ["o4"], name="o_rs"),
              helper.make_node("MatMul", ["o4", "wo"], ["y"], name="proj")]
    return _model(nodes, [("x", [1, 3, hw, hw])], [("y", s2)], inits, opset=17)


def window_unpartition(part="window", tokens="grid", proj_bias="zero", attn=False, c=32, hw=64, ws=8, heads=1):
    """timm MaxViT's block attention output (maxvit_rmlp_pico_rw_256, calibration/export_unseen9.py; AttentionCl,
    window 8, 32 channels on its 64 x 64 stage-1 map), reduced to what fails: a Conv -> Transpose to [1, H, W, C] ->
    window partition (Reshape [1, n, ws, n, ws, C], Transpose (0, 1, 3, 2, 4, 5), Reshape [P, ws, ws, C]: tokens
    kept as a rank-4 grid) -> the proj Linear (MatMul + Add of a zero bias, as timm initialises it) -> the window
    un-partition (Reshape [-1, n, n, ws, ws, C] -> Transpose (0, 1, 3, 2, 4, 5) -> Reshape [-1, H, W, C]). `part`
    grid: the grid partition and its un-partition (perm (0, 3, 1, 4, 2, 5), MaxxViT-v2's); `tokens` flat:
    [P, ws * ws, C] tokens (torchvision's Swin writes them so); `proj_bias` rand: a non-zero bias, none: no Add;
    `attn` True: grid_tokens_qkv's attention between the partition and the proj, as MaxViT has it; `hw` = `ws`: one
    partition."""
    rng = np.random.RandomState(1)
    n = hw // ws
    if attn:
        m = grid_tokens_qkv(part=part, tokens=tokens, c=c, hw=hw, ws=ws, heads=heads)
        nodes, inits = list(m.graph.node), list(m.graph.initializer)
        nodes[-1].output[0] = "proj"
    else:
        s1, perm = (([1, ws, n, ws, n, c], [0, 2, 4, 1, 3, 5]) if part == "grid" else
                    ([1, n, ws, n, ws, c], [0, 1, 3, 2, 4, 5]))
        inits = [_t("cw", (rng.randn(c, 3, 3, 3) * 0.1).astype(F)), _t("s1", np.array(s1, np.int64)),
                 _t("s2", np.array([n * n, ws, ws, c] if tokens == "grid" else [n * n, ws * ws, c], np.int64)),
                 _t("wo", (rng.randn(c, c) * 0.05).astype(F))]
        nodes = [helper.make_node("Conv", ["x", "cw"], ["cv"], pads=[1, 1, 1, 1], name="conv"),
                 helper.make_node("Transpose", ["cv"], ["t"], perm=[0, 2, 3, 1], name="nhwc"),
                 helper.make_node("Reshape", ["t", "s1"], ["r1"], name="part_rs"),
                 helper.make_node("Transpose", ["r1"], ["t1"], perm=perm, name="part_tp"),
                 helper.make_node("Reshape", ["t1", "s2"], ["r2"], name="part_rs2"),
                 helper.make_node("MatMul", ["r2", "wo"], ["proj"], name="proj")]
    x = "proj"
    if proj_bias != "none":
        inits.append(_t("pb", np.zeros(c, F) if proj_bias == "zero" else (rng.randn(c) * 0.05).astype(F)))
        nodes.append(helper.make_node("Add", ["pb", "proj"], ["pa"], name="proj_add"))
        x = "pa"
    unperm = [0, 1, 3, 2, 4, 5] if part == "window" else [0, 3, 1, 4, 2, 5]
    inits += [_t("u1", np.array([-1, n, n, ws, ws, c], np.int64)), _t("u2", np.array([-1, hw, hw, c], np.int64))]
    nodes += [helper.make_node("Reshape", [x, "u1"], ["ur"], name="unpart_rs"),
              helper.make_node("Transpose", ["ur"], ["ut"], perm=unperm, name="unpart_tp"),
              helper.make_node("Reshape", ["ut", "u2"], ["y"], name="unpart_rs2")]
    return _model(nodes, [("x", [1, 3, hw, hw])], [("y", [1, hw, hw, c])], inits, opset=17)


def conv_row_linear(k=120, n=12000, t=1, op="MatMul", front="conv"):
    """A Linear on the one row a Conv front leaves (placement_sweep `wide1`: a 1x3 Conv over [1, 3, 1, T] -> Reshape
    [1, K, T] -> Transpose [1, T, K] -> MatMul [K, N] -> bias Add, T = 1: a decoder step's vocabulary head behind a
    convolutional encoder). `op` Gemm: Reshape to [T, K] first, then Gemm transB with a bias; `front` "input": the
    row a graph input [1, K, T] (no Conv), "gap": the Conv's map pooled (GlobalAveragePool -> Reshape [1, 1, K])."""
    rng = np.random.RandomState(0)
    inits = [_t("w_pre", (rng.randn(k, 3, 1, 3) * 0.1).astype(F)), _t("b_pre", np.zeros(k, F))]
    nodes, inputs = [], [("x", [1, 3, 1, t])]
    if front == "input":
        inputs, inits, src = [("x", [1, k, t])], [], "x"
    else:
        nodes.append(helper.make_node("Conv", ["x", "w_pre", "b_pre"], ["c"], name="pre", kernel_shape=[1, 3],
                                      pads=[0, 1, 0, 1]))
        src = "c"
    if front == "gap":
        inits.append(_t("rs_shape", np.array([1, 1, k], np.int64)))
        nodes += [helper.make_node("GlobalAveragePool", ["c"], ["p"], name="gap"),
                  helper.make_node("Reshape", ["p", "rs_shape"], ["h"], name="rs")]
    else:
        if front != "input":
            inits.append(_t("rs_shape", np.array([1, k, t], np.int64)))
            nodes.append(helper.make_node("Reshape", [src, "rs_shape"], ["r"], name="rs"))
            src = "r"
        nodes.append(helper.make_node("Transpose", [src], ["h"], name="tp", perm=[0, 2, 1]))
    if op == "Gemm":
        inits += [_t("rows", np.array([t, k], np.int64)), _t("w_fc", (rng.randn(n, k) * 0.05).astype(F)),
                  _t("b_fc", np.zeros(n, F))]
        nodes += [helper.make_node("Reshape", ["h", "rows"], ["h2"], name="rs2"),
                  helper.make_node("Gemm", ["h2", "w_fc", "b_fc"], ["y"], name="fc", transB=1)]
        out = [t, n]
    else:
        inits += [_t("w_fc", (rng.randn(k, n) * 0.05).astype(F)), _t("b_fc", np.zeros(n, F))]
        nodes += [helper.make_node("MatMul", ["h", "w_fc"], ["mm"], name="fc"),
                  helper.make_node("Add", ["mm", "b_fc"], ["y"], name="fc_bias")]
        out = [1, t, n]
    return _model(nodes, inputs, [("y", out)], inits)


def expand_map(src=(1, 1, 1, 1), out=(1, 3, 150, 200), front="input", after="output", how="expand"):
    """FFDNet's noise-level map (unseen set 18's denoise_ffdnet_300x400_dynamo_op18, torch.onnx dynamo): the noise
    level, a [1, 1, 1, 1] graph input, Expanded to the image's [1, 3, H, W] (`src`, `out`); `front` "input" or
    "computed" (a Sigmoid of the input first); `after` "output" (the Expand is the graph output), "conv" (Concat with
    an image input, then a 3x3 Conv, as the denoiser does) or "mul" (a Mul of an image input by it, ECA's gate); `how` "expand", "mul" (a Mul by a ones map of the output's
    shape in place of the Expand), "two-step" (an Expand along the channels and W to [N, C, 1, W], then one along H) or "tile" (a Tile)."""
    rng = np.random.RandomState(0)
    inits = [_t("shape", np.array(out, np.int64))]
    nodes, x = [], "sigma"
    if front == "computed":
        nodes.append(helper.make_node("Sigmoid", ["sigma"], ["sg"], name="sig"))
        x = "sg"
    inputs = [("sigma", list(src))]
    y = "y" if after == "output" else "map"
    if how == "mul":
        inits = [_t("ones", np.ones(out, F))]
        nodes.append(helper.make_node("Mul", [x, "ones"], [y], name="broadcast"))
    elif how == "two-step":  # along the channels and W first, then along H
        inits.append(_t("row", np.array([out[0], out[1], 1, out[3]], np.int64)))
        nodes += [helper.make_node("Expand", [x, "row"], ["rowmap"], name="expand_w"),
                  helper.make_node("Expand", ["rowmap", "shape"], [y], name="expand")]
    elif how == "tile":
        inits = [_t("reps", np.array([1, out[1] // src[1], out[2], out[3]], np.int64))]
        nodes.append(helper.make_node("Tile", [x, "reps"], [y], name="tile"))
    else:
        nodes.append(helper.make_node("Expand", [x, "shape"], [y], name="expand"))
    shape = list(out)
    if after == "mul":  # ECA's gate: the map multiplies the image
        inputs.append(("img", list(out)))
        nodes.append(helper.make_node("Mul", ["img", "map"], ["y"], name="gate"))
    if after == "conv":
        c = out[1]
        inputs.append(("img", list(out)))
        inits.append(_t("w", (rng.randn(16, 2 * c, 3, 3) * 0.1).astype(F)))
        nodes += [helper.make_node("Concat", ["img", "map"], ["cat"], name="cat", axis=1),
                  helper.make_node("Conv", ["cat", "w"], ["y"], name="conv", kernel_shape=[3, 3], pads=[1, 1, 1, 1])]
        shape = [1, 16] + list(out[2:])
    return _model(nodes, inputs, [("y", shape)], inits, opset=13)


def pad_window(front="transpose", h=4, c=96, win=7, empty=True, pads="const", after="partition", w=None):
    """DaViT's window attention on a map smaller than its window (timm, torch.onnx: cls_timm_davit_tiny's 4 x 4 stage 4
    at 112 px, window 7): a channels-last map padded at the end of H and W up to the window by a Pad with the empty
    constant_value input torch writes, then the window partition (Reshape [1, n, 7, n, 7, C] -> Transpose(0, 1, 3, 2,
    4, 5) -> Reshape [n * n, 49, C]). `front` makes the channels-last map: transpose (a Conv's NCHW map ->
    Transpose(0, 2, 3, 1)), layernorm (DaViT's: [1, H * W, C] tokens -> LayerNormalization -> Reshape [1, H, W, C]),
    input (the graph input is channels last already) or nchw (the other way: a channels-last input -> Transpose(0, 3,
    1, 2) -> Pad of H and W -> a 2x2 stride-2 Conv, DaViT's downsample); `pads` const or shape ((win - H % win) % win
    from the map's shape, as exported); `after` partition, output (the Pad is the graph output), conv (nchw) or residual (layernorm: partition, a
    Linear, the window reverse, the crop back to H x W and the residual Add of the tokens, as a Swin block does); `w` the
    map's width when it is not `h` (a non-square map; const pads, channels-last fronts only)."""
    rng = np.random.RandomState(0)
    inits, nodes = [], []

    def ints(name, v):
        inits.append(_t(name, np.array(v, np.int64)))
        return name
    w = h if w is None else w
    p, pw = (win - h % win) % win, (win - w % win) % win
    hp, wp = h + p, w + pw
    if front == "transpose":
        shape = [1, c, h, w]
        n0, i0 = _conv("conv", "x", "cv", c, c, rng)
        nodes += [n0, helper.make_node("Transpose", ["cv"], ["map"], name="to_nhwc", perm=[0, 2, 3, 1])]
        inits += i0
    elif front == "layernorm":
        shape = [1, h * w, c]
        inits += [_t("ln_s", (1 + rng.randn(c) * 0.1).astype(F)), _t("ln_b", (rng.randn(c) * 0.1).astype(F))]
        nodes += [helper.make_node("LayerNormalization", ["x", "ln_s", "ln_b"], ["ln"], name="norm", axis=-1,
                                   epsilon=1e-5),
                  helper.make_node("Reshape", ["ln", ints("s4", [1, h, w, c])], ["map"], name="to_map")]
    elif front == "nchw":
        shape = [1, h, h, c]
        nodes.append(helper.make_node("Transpose", ["x"], ["map"], name="to_nchw", perm=[0, 3, 1, 2]))
    else:
        shape = [1, h, w, c]
        nodes.append(helper.make_node("Identity", ["x"], ["map"], name="ident"))
    hw_axes = (2, 3) if front == "nchw" else (1, 2)
    if pads == "const":
        pv = [0] * 8
        for a, v in zip(hw_axes, (p, pw)):
            pv[4 + a] = v
        ints("pads", pv)
    else:
        nodes += [helper.make_node("Shape", ["map"], ["shp"], name="shape"),
                  helper.make_node("Gather", ["shp", ints("i1", 1)], ["hh"], name="g_h", axis=0),
                  helper.make_node("Mod", ["hh", ints("w0", win)], ["m0"], name="mod0"),
                  helper.make_node("Sub", [ints("w1", win), "m0"], ["s0"], name="sub0"),
                  helper.make_node("Mod", ["s0", ints("w2", win)], ["ph"], name="mod1"),
                  helper.make_node("Unsqueeze", ["ph", ints("ax0", [0])], ["ph1"], name="unsq"),
                  helper.make_node("Concat", [ints("z5", [0, 0, 0, 0, 0]), "ph1", "ph1", ints("z1", [0])], ["pads"],
                                   name="pads_cat", axis=0)]
    nodes.append(helper.make_node("Pad", ["map", "pads", ""] if empty else ["map", "pads"],
                                  ["y" if after == "output" else "pd"], name="pad", mode="constant"))
    out = [1, c, hp, wp] if front == "nchw" else [1, hp, wp, c]
    if after == "partition":
        n, nw = hp // win, wp // win
        nodes += [helper.make_node("Reshape", ["pd", ints("s6", [1, n, win, nw, win, c])], ["r6"], name="part_rs"),
                  helper.make_node("Transpose", ["r6"], ["t6"], name="part_tp", perm=[0, 1, 3, 2, 4, 5]),
                  helper.make_node("Reshape", ["t6", ints("s3", [n * nw, win * win, c])], ["y"], name="part_rs2")]
        out = [n * nw, win * win, c]
    elif after == "residual":  # the whole window round trip: partition, a Linear, reverse, crop, + the tokens
        n, nw = hp // win, wp // win
        inits.append(_t("wl", (rng.randn(c, c) * 0.05).astype(F)))
        nodes += [helper.make_node("Reshape", ["pd", ints("s6", [1, n, win, nw, win, c])], ["r6"], name="part_rs"),
                  helper.make_node("Transpose", ["r6"], ["t6"], name="part_tp", perm=[0, 1, 3, 2, 4, 5]),
                  helper.make_node("Reshape", ["t6", ints("s3", [n * nw, win * win, c])], ["win"], name="part_rs2"),
                  helper.make_node("MatMul", ["win", "wl"], ["lin"], name="linear"),
                  helper.make_node("Reshape", ["lin", ints("r6s", [1, n, nw, win, win, c])], ["u6"], name="rev_rs"),
                  helper.make_node("Transpose", ["u6"], ["ut"], name="rev_tp", perm=[0, 1, 3, 2, 4, 5]),
                  helper.make_node("Reshape", ["ut", ints("r4s", [1, hp, wp, c])], ["rmap"], name="rev_rs2"),
                  helper.make_node("Slice", ["rmap", ints("c0", [0, 0]), ints("c1", [h, w]), ints("cax", [1, 2])],
                                   ["crop"], name="crop"),
                  helper.make_node("Reshape", ["crop", ints("tok", [1, h * w, c])], ["ctok"], name="to_tokens"),
                  helper.make_node("Add", ["x", "ctok"], ["y"], name="residual")]
        out = [1, h * w, c]
    elif after == "conv":
        inits.append(_t("wd", (rng.randn(c, c, 2, 2) * 0.05).astype(F)))
        nodes.append(helper.make_node("Conv", ["pd", "wd"], ["y"], name="down", kernel_shape=[2, 2], strides=[2, 2]))
        out = [1, c, hp // 2, wp // 2]
    return _model(nodes, [("x", shape)], [("y", out)], inits, opset=17)

def pad_into_conv(value="zero", pads="raw", front="input", between="", opset=14):
    """A zero Pad of a map's H and W written before a Conv (F.pad(img, (1, 1, 1, 1)) -> Conv2d as a simplified or
    dynamo export has it; github.com/airockchip/rknn-toolkit2/issues/328): `value` zero (the constant_value input 0),
    absent (no third input) or half (0.5); `pads` raw (an int64 initializer in raw bytes, as numpy_helper and torch
    write them), typed (the same numbers in int64_data), constant (a Constant node, raw bytes) or attr (opset 10's
    `pads` attribute); `front` input (the graph input is padded) or conv (a Conv's map); `between` an op between the
    Pad and the Conv (Relu) or none."""
    rng = np.random.RandomState(0)
    pv = [0, 0, 1, 1, 0, 0, 1, 1]
    inits = [_t("w", (rng.randn(16, 8, 3, 3) * 0.1).astype(F)), _t("b", (rng.randn(16) * 0.1).astype(F))]
    nodes, x = [], "x"
    if front == "conv":
        n0, i0 = _conv("conv0", "x", "c0", 8, 8, rng)
        nodes, inits, x = [n0], inits + i0, "c0"
    if pads == "attr":
        nodes.append(helper.make_node("Pad", [x], ["xp"], name="pad", mode="constant", pads=pv, value=0.0))
        opset = 10
    else:
        if pads == "raw":
            inits.append(_t("pads", np.array(pv, np.int64)))
        elif pads == "typed":
            inits.append(helper.make_tensor("pads", onnx.TensorProto.INT64, [8], pv))
        else:
            nodes.append(helper.make_node("Constant", [], ["pads"], name="pads_const", value=_t("pv", np.array(pv, np.int64))))
        ins = [x, "pads"]
        if value != "absent":
            inits.append(_t("cval", np.array(0.5 if value == "half" else 0.0, F)))
            ins.append("cval")
        nodes.append(helper.make_node("Pad", ins, ["xp"], name="pad", mode="constant"))
    y = "xp"
    if between:
        nodes.append(helper.make_node(between, ["xp"], ["xb"], name="between"))
        y = "xb"
    nodes.append(helper.make_node("Conv", [y, "w", "b"], ["y"], name="conv", kernel_shape=[3, 3], pads=[0, 0, 0, 0]))
    return _model(nodes, [("x", [1, 8, 32, 32])], [("y", [1, 16, 32, 32])], inits, opset=opset)


def row_square_matmuls(front="MatMul", act="Relu", op="Mul", tail="MatMul", rows=1, rank=2, d=64, ff=128):
    """RWKV's channel mix, square(relu(k(x))) of one token (unseen set 20's llm_rwkv4_step_op15): x [1, D] -> MatMul
    by a constant [D, FF] -> `act` -> `op` of that tensor by itself (torch.square: Mul(r, r)) -> MatMul by a constant
    [FF, D]; `front` / `tail` Gemm: the Linear with a bias; `front` None: the graph input squared; `op` Pow: r ** 2,
    MulOther: r times its Sigmoid; `rows` tokens; `rank` 3: x [1, 1, D]."""
    rng = np.random.RandomState(0)
    lead = [1] * (rank - 2) + [rows]
    d_in = d if front else ff
    inits = [_t("w1", (rng.randn(d, ff) * 0.1).astype(F)), _t("w2", (rng.randn(ff, d) * 0.1).astype(F)),
             _t("b1", np.zeros(ff, F)), _t("w2t", (rng.randn(d, ff) * 0.1).astype(F)), _t("b2", np.zeros(d, F)),
             _t("two", np.array(2.0, F))]
    nodes, h = [], "x"
    if front == "MatMul":
        nodes.append(helper.make_node("MatMul", ["x", "w1"], ["h"], name="fc1"))
        h = "h"
    elif front == "Gemm":
        nodes.append(helper.make_node("Gemm", ["x", "w1", "b1"], ["h"], name="fc1"))
        h = "h"
    if act:
        nodes.append(helper.make_node(act, [h], ["r"], name="act"))
        h = "r"
    if op == "Pow":
        nodes.append(helper.make_node("Pow", [h, "two"], ["s"], name="square"))
    elif op == "MulOther":
        nodes += [helper.make_node("Sigmoid", [h], ["g"], name="gate"), helper.make_node("Mul", [h, "g"], ["s"], name="square")]
    else:
        nodes.append(helper.make_node(op, [h, h], ["s"], name="square"))
    if tail == "Gemm":
        nodes.append(helper.make_node("Gemm", ["s", "w2t", "b2"], ["y"], name="fc2", transB=1))
    else:
        nodes.append(helper.make_node("MatMul", ["s", "w2"], ["y"], name="fc2"))
    return _model(nodes, [("x", lead + [d_in])], [("y", lead + [d])], inits)


def clip_int32(src="cast", bounds="int32", pair=True, op="Clip", n=64):
    """LayoutLMv3's relative 2-D position buckets (unseen set 20's doc_hf_layoutlmv3_l2_seq64_224_op14): an int64 box
    column [1, N] -> Cast to int32 -> Unsqueeze(-2) - Unsqueeze(-1) -> Clip(-32, 32) with int32 bounds -> Cast to
    float; `src` int32: the int32 data a graph input, float: a float input Cast to int32, int64: no Cast (int64 data,
    int64 bounds); `pair` False: the Clip of the column itself; `op` Add / Min: that op with an int32 constant in
    place of the Clip."""
    dt = {"int64": (TensorProto.INT64, np.int64)}.get(src, (TensorProto.INT32, np.int32))
    inits = [_t("lo", np.array(-32, dt[1])), _t("hi", np.array(32, dt[1])), _t("a2", np.array([-2], np.int64)),
             _t("a1", np.array([-1], np.int64))]
    in_type = {"int32": TensorProto.INT32, "float": TensorProto.FLOAT}.get(src, TensorProto.INT64)
    nodes, x = [], "ids"
    if src in ("cast", "float"):
        nodes.append(helper.make_node("Cast", ["ids"], ["c"], name="to_int32", to=TensorProto.INT32))
        x = "c"
    shape = [1, n]
    if pair:
        nodes += [helper.make_node("Unsqueeze", [x, "a2"], ["u1"], name="rows"),
                  helper.make_node("Unsqueeze", [x, "a1"], ["u2"], name="cols"),
                  helper.make_node("Sub", ["u1", "u2"], ["d"], name="rel")]
        x, shape = "d", [1, n, n]
    nodes.append(helper.make_node(op, [x, "lo", "hi"] if op == "Clip" else [x, "hi"], ["cl"], name="clip"))
    nodes.append(helper.make_node("Cast", ["cl"], ["y"], name="to_float", to=TensorProto.FLOAT))
    g = helper.make_graph(nodes, "g", [helper.make_tensor_value_info("ids", in_type, [1, n])],
                          [helper.make_tensor_value_info("y", TensorProto.FLOAT, shape)], inits)
    m = helper.make_model(g, opset_imports=[helper.make_opsetid("", 13)])
    m.ir_version = 8
    onnx.checker.check_model(m, full_check=True)
    return m


def upchannel_xcorr(c=128, k=11, zs=15, xs=31, adjust_x=True):
    """SiamRPN's up-channel cross-correlation (unseen set 20's trk_siamrpn_upxcorr_op12): the template z [1, C, zs, zs]
    -> a 3x3 Conv to k * C channels -> Reshape to a weight [k, C, zs - 2, zs - 2] -> Conv of the search features
    (a 3x3 Conv of x [1, C, xs, xs], or x itself) by that computed weight, group 1; the weight holds k * C * (zs - 2)^2
    elements (k * 128 * 13 * 13: 216320 for SiamRPN's 10 score maps, 432640 for its 20 box maps; k 11 here, 237952, as
    rv1106 int8 crashed from k 11 and built k 10)."""
    rng = np.random.RandomState(0)
    ks = zs - 2
    inits = [_t("wz", (rng.randn(k * c, c, 3, 3) * 0.02).astype(F)), _t("wx", (rng.randn(c, c, 3, 3) * 0.02).astype(F)),
             _t("kshape", np.array([k, c, ks, ks], np.int64))]
    nodes = [helper.make_node("Conv", ["z", "wz"], ["zf"], name="template_conv", kernel_shape=[3, 3]),
             helper.make_node("Reshape", ["zf", "kshape"], ["kern"], name="kernel_rs")]
    xi, xsz = "x", xs
    if adjust_x:
        nodes.append(helper.make_node("Conv", ["x", "wx"], ["xf"], name="search_conv", kernel_shape=[3, 3]))
        xi, xsz = "xf", xs - 2
    nodes.append(helper.make_node("Conv", [xi, "kern"], ["y"], name="xcorr", kernel_shape=[ks, ks]))
    o = xsz - ks + 1
    return _model(nodes, [("z", [1, c, zs, zs]), ("x", [1, c, xs, xs])], [("y", [1, k, o, o])], inits)


def mqa_expand(front="MatMul", kv=1, heads=4, t=64, d=128, dim=256, unsqueeze=True, rope=False, tail="Transpose",
               split=False):
    """A multi-query attention's repeat_kv (unseen set 21's Gemma, calibration/export_unseen20.py
    llm_hf_gemma_l2_seq64_op17: one kv head): x [1, T, D] -> MatMul by a constant [D, kv * d] -> Reshape [1, T, kv, d]
    -> Transpose(0, 2, 1, 3) -> Unsqueeze(2) -> Expand [1, kv, g, T, d] -> Reshape [1, kv * g, T, d] -> `tail`
    (Transpose(0, 1, 3, 2): the keys for q @ k^T; MatMul: probabilities @ values; Relu: neither); `front` Relu: the
    projection's place taken by a Relu of x [1, T, d], None: x [1, T, kv, d] a graph input; `unsqueeze` False: Expand
    [1, g, T, d] of the [1, 1, T, d] heads; `rope`: rotate-half RoPE between the Transpose and the Unsqueeze;
    `split`: one fused qkv projection, MatMul by [D, (heads + 2 kv) d] -> Reshape [1, T, heads + 2 kv, d] -> Split on
    axis 2 into q, k, v, the kv head repeated (unseen set 22's Falcon, calibration/export_unseen21.py
    llm_hf_falcon_mqa_l2_seq64_op17, failed in swap_expand_transpose; this form built)."""
    rng = np.random.RandomState(0)
    h = kv * heads
    inits = [_t("s1", np.array([1, t, kv, d], np.int64)), _t("s4", np.array([1, h, t, d], np.int64)),
             _t("ax2", np.array([2], np.int64)), _t("s5", np.array([1, kv, heads, t, d], np.int64)),
             _t("w", (rng.randn(dim, kv * d) * 0.05).astype(F))]
    if split:
        inits[0] = _t("s1", np.array([1, t, h + 2 * kv, d], np.int64))
        inits[4] = _t("w", (rng.randn(dim, (h + 2 * kv) * d) * 0.05).astype(F))
        inits.append(_t("parts", np.array([h, kv, kv], np.int64)))
        nodes, x_shape = [helper.make_node("MatMul", ["x", "w"], ["p"], name="qkv_proj"),
                          helper.make_node("Reshape", ["p", "s1"], ["pr"], name="qkv_reshape"),
                          helper.make_node("Split", ["pr", "parts"], ["q", "k", "r"], name="qkv_split", axis=2)], \
            [1, t, dim]
    elif front == "MatMul":
        nodes, x_shape = [helper.make_node("MatMul", ["x", "w"], ["p"], name="v_proj"),
                          helper.make_node("Reshape", ["p", "s1"], ["r"], name="v_reshape")], [1, t, dim]
    elif front == "Relu":
        nodes, x_shape = [helper.make_node("Relu", ["x"], ["p"], name="act"),
                          helper.make_node("Reshape", ["p", "s1"], ["r"], name="v_reshape")], [1, t, kv * d]
    else:
        nodes, x_shape = [helper.make_node("Identity", ["x"], ["r"], name="keep")], [1, t, kv, d]
    nodes.append(helper.make_node("Transpose", ["r"], ["v"], name="heads", perm=[0, 2, 1, 3]))
    if rope:
        inits += [_t("cos", rng.randn(1, 1, t, d).astype(F)), _t("sin", rng.randn(1, 1, t, d).astype(F)),
                  _t("z", np.array([0], np.int64)), _t("half", np.array([d // 2], np.int64)),
                  _t("end", np.array([d], np.int64)), _t("ax3", np.array([3], np.int64))]
        nodes += [helper.make_node("Mul", ["v", "cos"], ["vc"], name="rope_cos"),
                  helper.make_node("Slice", ["v", "z", "half", "ax3"], ["x1"], name="rope_lo"),
                  helper.make_node("Slice", ["v", "half", "end", "ax3"], ["x2"], name="rope_hi"),
                  helper.make_node("Neg", ["x2"], ["nx2"], name="rope_neg"),
                  helper.make_node("Concat", ["nx2", "x1"], ["rh"], name="rope_cat", axis=-1),
                  helper.make_node("Mul", ["rh", "sin"], ["vs"], name="rope_sin"),
                  helper.make_node("Add", ["vc", "vs"], ["vr"], name="rope_add")]
        src = "vr"
    else:
        src = "v"
    if unsqueeze:
        nodes += [helper.make_node("Unsqueeze", [src, "ax2"], ["u"], name="repeat_unsqueeze"),
                  helper.make_node("Expand", ["u", "s5"], ["e5"], name="repeat_kv"),
                  helper.make_node("Reshape", ["e5", "s4"], ["e"], name="repeat_reshape")]
    else:
        nodes.append(helper.make_node("Expand", [src, "s4"], ["e"], name="repeat_kv"))
    inputs = [("x", x_shape)]
    if tail == "Transpose":
        nodes.append(helper.make_node("Transpose", ["e"], ["y"], name="keys_t", perm=[0, 1, 3, 2]))
        out = [1, h, d, t]
    elif tail == "MatMul":
        nodes.append(helper.make_node("MatMul", ["probs", "e"], ["y"], name="attn_v"))
        inputs.append(("probs", [1, h, t, t]))
        out = [1, h, t, d]
    else:
        nodes.append(helper.make_node(tail, ["e"], ["y"], name="tail"))
        out = [1, h, t, d]
    return _model(nodes, inputs, [("y", out)], inits, opset=17)


def gather_elements_int64(src="reshape", axis=1, blocks=16, block=32, rows=336):
    """BigBird's block-sparse attention mask (unseen set 21's nlp_hf_bigbird_blocksparse_l2_seq512_op13): the int64
    attention mask [1, blocks * block] -> Reshape [1, blocks, block] -> GatherElements(axis 1) by constant int64
    indices [1, rows, block] (the random / sliding blocks) -> Cast to float. The toolkit turns the GatherElements into
    a one-hot Einsum, then a MatMul, whose int64 operand the NPU compiler refuses (`Unsupport type bits 64`,
    SIGABRT). `src` float: the mask Cast to float first; int32: Cast to int32 first (crashed on rk3566, built on
    rk3588 with 2.3.2 and 2.5.0: not a neighbour); input: the blocked int64 mask a graph input; `axis` 2 with indices
    over the block's columns."""
    rng = np.random.RandomState(0)
    shape_idx = [1, rows, block] if axis == 1 else [1, blocks, rows]
    hi = blocks if axis == 1 else block
    inits = [_t("blocked", np.array([1, blocks, block], np.int64)),
             _t("idx", rng.randint(0, hi, shape_idx).astype(np.int64))]
    nodes, x, x_type, x_shape = [], "mask", TensorProto.INT64, [1, blocks * block]
    if src == "input":
        x_shape = [1, blocks, block]
        data = "mask"
    else:
        if src in ("float", "int32"):
            nodes.append(helper.make_node("Cast", ["mask"], ["mc"], name="cast_mask",
                                          to=TensorProto.FLOAT if src == "float" else TensorProto.INT32))
            x = "mc"
        nodes.append(helper.make_node("Reshape", [x, "blocked"], ["b"], name="to_blocks"))
        data = "b"
    nodes.append(helper.make_node("GatherElements", [data, "idx"], ["g"], name="gather_blocks", axis=axis))
    if src == "float":
        nodes.append(helper.make_node("Identity", ["g"], ["y"], name="out"))
    else:
        nodes.append(helper.make_node("Cast", ["g"], ["y"], name="to_float", to=TensorProto.FLOAT))
    g = helper.make_graph(nodes, "g", [helper.make_tensor_value_info("mask", x_type, x_shape)],
                          [helper.make_tensor_value_info("y", TensorProto.FLOAT, shape_idx)], inits)
    m = helper.make_model(g, opset_imports=[helper.make_opsetid("", 13)])
    m.ir_version = 8
    onnx.checker.check_model(m, full_check=True)
    return m


def scatter_chain(order=(1, 2, 3, 4), heads=12, chunks=8, w=32):
    """Longformer's sliding-chunk attention scores (unseen set 21's nlp_hf_longformer_l2_w64_seq256_op14), written
    into a zero [H, C, w, 2w + 1] tensor by chained ScatterND slice assignments of the chunked scores s [H, C - 1, 2w,
    2w + 1], as TorchScript exports `d[:, :-1, :, w:] = ...` (write 1), `d[:, -1, :, w:] = ...` (2: one index of
    axis 1), `d[:, 1:, :, :w] = ...` (3) and `d[:, 0, 1:w, 1:w] = ...` (4: one index of axis 1), each ScatterND's
    data the previous one's output, then a Mul; `order`: which writes, in that order."""
    c = chunks
    regions = {1: ((0, heads), (0, c - 1), (0, w), (w, 2 * w + 1)), 2: ((0, heads), (c - 1, c), (0, w), (w, 2 * w + 1)),
               3: ((0, heads), (1, c), (0, w), (0, w)), 4: ((0, heads), (0, 1), (1, w), (1, w))}
    sources = {1: ((0, heads), (0, c - 1), (0, w), (0, w + 1)), 2: ((0, heads), (c - 2, c - 1), (w, 2 * w), (0, w + 1)),
               3: ((0, heads), (0, c - 1), (w - 1, 2 * w - 1), (w + 1, 2 * w + 1)),
               4: ((0, heads), (0, 1), (0, w - 1), (w + 2, 2 * w + 1))}
    inits = [_t("zeros", np.zeros((heads, c, w, 2 * w + 1), F)), _t("two", np.array(2.0, F)),
             _t("axes", np.arange(4, dtype=np.int64))]
    nodes, d = [], "zeros"
    for k in order:
        reg, src = regions[k], sources[k]
        idx = np.stack(np.meshgrid(*[np.arange(a, b) for a, b in reg], indexing="ij"), -1).astype(np.int64)
        inits += [_t(f"idx{k}", idx), _t(f"st{k}", np.array([a for a, _ in src], np.int64)),
                  _t(f"en{k}", np.array([b for _, b in src], np.int64))]
        nodes += [helper.make_node("Slice", ["s", f"st{k}", f"en{k}", "axes"], [f"u{k}"], name=f"src{k}"),
                  helper.make_node("ScatterND", [d, f"idx{k}", f"u{k}"], [f"d{k}"], name=f"write{k}")]
        d = f"d{k}"
    nodes.append(helper.make_node("Mul", [d, "two"], ["y"], name="scale"))
    return _model(nodes, [("s", [heads, c - 1, 2 * w, 2 * w + 1])], [("y", [heads, c, w, 2 * w + 1])], inits, opset=14)


def se_mul_rank5(c=64, t=4, h=10, w=10, rank=5):
    """X3D's squeeze-excitation on a clip (unseen set 21's video_x3d_xs_lite_4x160_op13): the rank-5 map x [1, C, T,
    H, W] times its SE scale s [1, C, 1, 1, 1], one Mul (what `rknnlint build --reduce` kept); `rank` 4: [1, C, H, W]
    by [1, C, 1, 1]."""
    shape = [1, c, t, h, w] if rank == 5 else [1, c, h, w]
    scale = [1, c] + [1] * (rank - 2)
    return _model([helper.make_node("Mul", ["x", "s"], ["y"], name="se_scale")], [("x", shape), ("s", scale)],
                  [("y", shape)])


def rope_shared_qkv(rot=16, d=64, heads=4, t=64, cut="slice", k_rope=True, own_trig=False, front="input", bias=True):
    """GPT-NeoX's rotary embedding (unseen set 22's llm_hf_gptneox_l2_seq64_op14, rotary_pct 0.25): q and k cut from
    one fused qkv tensor x [1, heads, T, 3 d] (`cut` slice: two Slices on the last axis; split: one Split into q, k,
    v; inputs: q and k two graph inputs, nothing shared; split-transpose: x [1, T, 3 heads, d] Split on axis 2, each
    part Transpose(0, 2, 1, 3) before its rotation), each rotated on its first `rot` of d dims (rotate-half: Slice the
    halves, Neg the second, Concat(-x2, x1), times sin, plus x times cos; the rest Concat-ed back when rot < d), then q @
    k^T. `k_rope` False: k not rotated; `own_trig`: k's cos / sin tables of their own. `front` linear: x made as
    GPT-NeoX makes it, the qkv Linear of tokens [1, T, C] (MatMul, its bias Added first unless `bias` is False),
    Reshaped to [1, T, heads, 3 d] and Transposed to [1, heads, T, 3 d]."""
    rng = np.random.RandomState(0)
    inits = [_t("cos", rng.randn(1, 1, t, rot).astype(F)), _t("sin", rng.randn(1, 1, t, rot).astype(F)),
             _t("k_cos", rng.randn(1, 1, t, rot).astype(F)), _t("k_sin", rng.randn(1, 1, t, rot).astype(F)),
             _t("ax3", np.array([3], np.int64)), _t("z", np.array([0], np.int64)), _t("rot", np.array([rot], np.int64)),
             _t("half", np.array([rot // 2], np.int64)), _t("big", np.array([2 ** 63 - 1], np.int64)),
             _t("d", np.array([d], np.int64)), _t("d2", np.array([2 * d], np.int64)), _t("one", np.array([1], np.int64)),
             _t("parts", np.array([d, d, d], np.int64)), _t("heads3", np.array([heads] * 3, np.int64))]
    nodes = []

    def rope(src, p):
        cos, sin = ("k_cos", "k_sin") if own_trig and p == "k_" else ("cos", "sin")
        r = src
        if rot < d:
            nodes.extend([helper.make_node("Slice", [src, "z", "rot", "ax3", "one"], [p + "r"], name=p + "slice_rot"),
                          helper.make_node("Slice", [src, "rot", "big", "ax3", "one"], [p + "p"], name=p + "slice_pass")])
            r = p + "r"
        nodes.extend([helper.make_node("Mul", [r, cos], [p + "rc"], name=p + "mul_cos"),
                      helper.make_node("Slice", [r, "z", "half", "ax3", "one"], [p + "x1"], name=p + "x1"),
                      helper.make_node("Slice", [r, "half", "big", "ax3", "one"], [p + "x2"], name=p + "x2"),
                      helper.make_node("Neg", [p + "x2"], [p + "n2"], name=p + "neg"),
                      helper.make_node("Concat", [p + "n2", p + "x1"], [p + "rh"], name=p + "rotate_half", axis=-1),
                      helper.make_node("Mul", [p + "rh", sin], [p + "rs"], name=p + "mul_sin"),
                      helper.make_node("Add", [p + "rc", p + "rs"], [p + "re"], name=p + "add")])
        if rot == d:
            return p + "re"
        nodes.append(helper.make_node("Concat", [p + "re", p + "p"], [p + "o"], name=p + "cat_pass", axis=-1))
        return p + "o"

    inputs = [("x", [1, heads, t, 3 * d])]
    if front == "linear":
        c = heads * d
        inits += [_t("w_qkv", (rng.randn(c, 3 * c) * 0.05).astype(F)), _t("b_qkv", rng.randn(3 * c).astype(F)),
                  _t("s_qkv", np.array([1, t, heads, 3 * d], np.int64))]
        nodes.append(helper.make_node("MatMul", ["tokens", "w_qkv"], ["qkv_mm"], name="qkv_linear"))
        lin = "qkv_mm"
        if bias:
            nodes.append(helper.make_node("Add", ["b_qkv", "qkv_mm"], ["qkv_b"], name="qkv_bias"))
            lin = "qkv_b"
        nodes += [helper.make_node("Reshape", [lin, "s_qkv"], ["qkv_rs"], name="qkv_heads"),
                  helper.make_node("Transpose", ["qkv_rs"], ["x"], name="qkv_tp", perm=[0, 2, 1, 3])]
        inputs = [("tokens", [1, t, c])]
    if cut == "slice":
        nodes += [helper.make_node("Slice", ["x", "z", "d", "ax3", "one"], ["q"], name="q_slice"),
                  helper.make_node("Slice", ["x", "d", "d2", "ax3", "one"], ["k"], name="k_slice")]
    elif cut == "split":
        nodes.append(helper.make_node("Split", ["x", "parts"], ["q", "k", "v"], name="qkv_split", axis=3))
    elif cut == "split-transpose":
        inputs = [("x", [1, t, 3 * heads, d])]
        nodes += [helper.make_node("Split", ["x", "heads3"], ["q0", "k0", "v0"], name="qkv_split", axis=2),
                  helper.make_node("Transpose", ["q0"], ["q"], name="q_heads", perm=[0, 2, 1, 3]),
                  helper.make_node("Transpose", ["k0"], ["k"], name="k_heads", perm=[0, 2, 1, 3])]
    else:
        inputs = [("q", [1, heads, t, d]), ("k", [1, heads, t, d])]
    qo, ko = rope("q", "q_"), rope("k", "k_") if k_rope else "k"
    nodes += [helper.make_node("Transpose", [ko], ["kt"], name="k_t", perm=[0, 1, 3, 2]),
              helper.make_node("MatMul", [qo, "kt"], ["y"], name="scores")]
    return _model(nodes, inputs, [("y", [1, heads, t, t])], inits, opset=14)


def seq_first_block(t=64, dim=256, heads=4, layout="ibh", proj="einsum", norm="decomposed", residual=True, tail_norm=True, pre="ln", proj_only=False):
    """XLNet's attention block (unseen set 22's nlp_hf_xlnet_l2_seq64_op14): x [T, 1, D] (sequence first) ->
    LayerNorm written out -> q, k, v by Einsum 'ibh,hnd->ibnd' with [D, heads, dh] weights -> scores 'ibnd,jbnd->bnij'
    -> Softmax -> 'bnij,jbnd->ibnd' -> output 'ibnd,hnd->ibh' -> + the normalised x -> the next LayerNorm's ReduceMean
    / Sub. `layout` bih: batch first; `proj` matmul: MatMul + Reshape projections; `norm` op: LayerNormalization;
    `residual` / `tail_norm` False: no residual Add / no next LayerNorm; `pre` none / relu: x itself or a Relu of it
    in place of the LayerNorm; `proj_only`: the q projection alone, Reshape-d back."""
    rng = np.random.RandomState(0)
    dh = dim // heads
    inits = [_t("g", np.ones(dim, F)), _t("b", np.zeros(dim, F)), _t("two", np.array(2.0, F)),
             _t("eps", np.array(1e-12, F)), _t("scale", np.array(dh ** -0.5, F))]
    for nm in "qkvo":
        inits.append(_t("w" + nm, (rng.randn(dim, heads, dh) * 0.05).astype(F)))
    shape = [t, 1, dim] if layout == "ibh" else [1, t, dim]
    nodes = []

    def ln(x, p, full=True):
        if norm == "op":
            nodes.append(helper.make_node("LayerNormalization", [x, "g", "b"], [p + "y"], axis=-1, epsilon=1e-12,
                                          name=p + "ln"))
            return p + "y"
        nodes.extend([helper.make_node("ReduceMean", [x], [p + "m"], axes=[-1], name=p + "mean"),
                      helper.make_node("Sub", [x, p + "m"], [p + "c"], name=p + "sub")])
        if not full:
            return p + "c"
        nodes.extend([helper.make_node("Pow", [p + "c", "two"], [p + "sq"], name=p + "pow"),
                      helper.make_node("ReduceMean", [p + "sq"], [p + "v"], axes=[-1], name=p + "var"),
                      helper.make_node("Add", [p + "v", "eps"], [p + "ve"], name=p + "eps"),
                      helper.make_node("Sqrt", [p + "ve"], [p + "sd"], name=p + "sqrt"),
                      helper.make_node("Div", [p + "c", p + "sd"], [p + "n"], name=p + "div"),
                      helper.make_node("Mul", [p + "n", "g"], [p + "ng"], name=p + "gain"),
                      helper.make_node("Add", [p + "ng", "b"], [p + "y"], name=p + "bias")])
        return p + "y"

    if pre == "ln":
        y = ln("x", "ln1_")
    elif pre == "relu":
        nodes.append(helper.make_node("Relu", ["x"], ["xr"], name="pre_relu"))
        y = "xr"
    else:
        y = "x"
    if layout == "ibh":
        e_in, e_sc, e_av, e_out = "ibh,hnd->ibnd", "ibnd,jbnd->bnij", "bnij,jbnd->ibnd", "ibnd,hnd->ibh"
    else:
        e_in, e_sc, e_av, e_out = "bih,hnd->bind", "bind,bjnd->bnij", "bnij,bjnd->bind", "bind,hnd->bih"
    for nm in "qkv":
        if proj == "einsum":
            nodes.append(helper.make_node("Einsum", [y, "w" + nm], [nm], equation=e_in, name=nm + "_proj"))
        else:
            inits.append(_t("m" + nm, (rng.randn(dim, dim) * 0.05).astype(F)))
            inits.append(_t("s" + nm, np.array(shape[:2] + [heads, dh], np.int64)))
            nodes += [helper.make_node("MatMul", [y, "m" + nm], [nm + "m"], name=nm + "_proj"),
                      helper.make_node("Reshape", [nm + "m", "s" + nm], [nm], name=nm + "_heads")]
    nodes += [helper.make_node("Einsum", ["q", "k"], ["sc"], equation=e_sc, name="scores"),
              helper.make_node("Mul", ["sc", "scale"], ["scs"], name="scaled"),
              helper.make_node("Softmax", ["scs"], ["p"], axis=3, name="probs"),
              helper.make_node("Einsum", ["p", "v"], ["av"], equation=e_av, name="attn_v"),
              helper.make_node("Einsum", ["av", "wo"], ["o"], equation=e_out, name="out_proj")]
    z = "o"
    if proj_only:  # the q projection alone, Reshape-d back, then the next LayerNorm's first nodes
        inits.append(_t("sback", np.array(shape, np.int64)))
        nodes[:] = [n for n in nodes if n.name not in ("k_proj", "v_proj", "scores", "scaled", "probs", "attn_v", "out_proj")]
        nodes.append(helper.make_node("Reshape", ["q", "sback"], ["o2"], name="q_back"))
        z = "o2"
    if residual:
        nodes.append(helper.make_node("Add", [z, y], ["r"], name="residual"))
        z = "r"
    out = ln(z, "ln2_", full=False) if tail_norm else z
    nodes.append(helper.make_node("Identity", [out], ["out"], name="out"))
    g = helper.make_graph(nodes, "g", [helper.make_tensor_value_info("x", TensorProto.FLOAT, shape)],
                          [helper.make_tensor_value_info("out", TensorProto.FLOAT, shape)], inits)
    m = helper.make_model(g, opset_imports=[helper.make_opsetid("", 17 if norm == "op" else 14)]); m.ir_version = 8
    onnx.checker.check_model(m, full_check=True)
    return m


MODELS = {
    "pad-raw-pads-into-conv": (
        pad_into_conv, {"typed-pads": lambda: pad_into_conv(pads="typed"),
                        "constant-node-pads": lambda: pad_into_conv(pads="constant"),
                        "no-value-input": lambda: pad_into_conv(value="absent"),
                        "value-0.5": lambda: pad_into_conv(value="half"),
                        "relu-between": lambda: pad_into_conv(between="Relu"),
                        "after-conv": lambda: pad_into_conv(front="conv"),
                        "pads-attribute-opset10": lambda: pad_into_conv(pads="attr")}),
    "concat-constants-then-transpose": (
        lambda: concat("ccct"),
        {"transpose-first": lambda: concat("tccc"), "one-constant": lambda: concat("ct"), "two-constants": lambda: concat("cct"), "computed-by-conv": lambda: concat("ccct", "Conv"),
         "computed-by-relu": lambda: concat("ccct", "Relu")}),
    "matmul-self-transpose": (
        gram_conv,
        {"graph-input": lambda: gram("self"), "x-times-x": lambda: gram("same"), "two-inputs": lambda: gram("other"),
         "transpose-first": lambda: gram_conv(order="xtx")}),
    "matmul-self-transpose-shared-source": (
        lambda: gram("points-pow", 1024, 3),
        {"no-other-reader": lambda: gram("points", 1024, 3), "no-other-reader-2048": lambda: gram("points", 2048, 3),
         "no-other-reader-512-d64": lambda: gram("points", 512, 64),
         "transpose-an-output": lambda: gram("points-tp-out", 1024, 3),
         "square": lambda: gram("points-square", 1024, 3), "relu": lambda: gram("points-relu", 1024, 3),
         "computed-source": lambda: gram("points-computed-pow", 1024, 3),
         "64-points": lambda: gram("points-pow", 64, 3), "256-points-d32": lambda: gram("points-pow", 256, 32)}),
    "embedding-gather-odd-rows": (
        embedding_gather,
        {"30522x768": lambda: embedding_gather(30522), "50265x384": lambda: embedding_gather(50265, 384),
         "50265x64": lambda: embedding_gather(50265, 64), "46000x64": lambda: embedding_gather(46000, 64),
         "49152x64": lambda: embedding_gather(49152, 64), "49153x64": lambda: embedding_gather(49153, 64),
         "49151x64": lambda: embedding_gather(49151, 64), "50266x64": lambda: embedding_gather(50266, 64),
         "1001x64": lambda: embedding_gather(1001, 64), "99x64": lambda: embedding_gather(99, 64),
         "49408x256": lambda: embedding_gather(49408, 256),
         "99x64-beside-64x64": lambda: embedding_gather(99, 64, 1, other=(64, 64)),
         "99x64-beside-64x90": lambda: embedding_gather(99, 64, 1, other=(64, 90)),
         "99x64-beside-256x64": lambda: embedding_gather(99, 64, 1, other=(256, 64)),
         "51865x384-tied-logits": lambda: embedding_gather(51865, 384, 1, tied=True)}),
    "constant-query-attention": (
        lambda: pooling_attention("const"),
        {"computed-query": lambda: pooling_attention("computed"), "four-queries": lambda: pooling_attention(q_len=4),
         "no-scale": lambda: pooling_attention(scale=False),
         "constant-keys": lambda: pooling_attention(keys="const"),
         "constant-keys-50x50": lambda: pooling_attention(q_len=50, tokens=50, heads=8, dh=32, keys="const"),
         "heads-in-batch": lambda: pooling_attention("batched", scale=False, tokens=196, heads=12, dh=64),
         "heads-in-batch-scaled": lambda: pooling_attention("batched", tokens=196, heads=12, dh=64)}),
    "einsum-self-transpose": (
        lambda: einsum_scores(same=True),
        {"two-tensors": einsum_scores, "two-tensors-1980x256": lambda: einsum_scores(1980, 256)}),
    "einsum-attention-one-head-linear-query": (
        einsum_attention,
        {"two-heads": lambda: einsum_attention(heads=2), "graph-input-query": lambda: einsum_attention(query="input"),
         "matmul-values": lambda: einsum_attention(second="MatMul"),
         "3136x784": lambda: einsum_attention(n=3136, t=784)}),
    "einsum-attention-one-head": (
        lambda: einsum_attention(query="input"),
        {"linear-query": einsum_attention, "two-heads": lambda: einsum_attention(heads=2, query="input"),
         "matmul-values": lambda: einsum_attention(query="input", second="MatMul")}),
    "einsum-attention-shared-mask-chained": (
        lambda: einsum_attention_shared_mask(chain=True),
        {"own-masks": lambda: einsum_attention_shared_mask(chain=True, share=False),
         "parallel": einsum_attention_shared_mask,
         "matmul-values": lambda: einsum_attention_shared_mask(chain=True, second="MatMul"),
         "16-queries": lambda: einsum_attention_shared_mask(chain=True, q=16),
         "mul-scale": lambda: einsum_attention_shared_mask(chain=True, scale="Mul")}),
    "concat-slices-of-one-rank3": (
        slice_shift_concat,
        {"rank4": lambda: slice_shift_concat(rank=4), "two-inputs": lambda: slice_shift_concat(two_inputs=True),
         "halves": lambda: slice_shift_concat((64, 128), (0, 64)),
         "computed": lambda: slice_shift_concat(pre="Relu", post="Relu"),
         "last-axis": lambda: slice_shift_concat((192, 384), (0, 192), axis=2)}),
    "square-between-row-matmuls": (
        row_square_matmuls,
        {"pow": lambda: row_square_matmuls(op="Pow"), "mul-other": lambda: row_square_matmuls(op="MulOther"),
         "rows-4": lambda: row_square_matmuls(rows=4), "rank3": lambda: row_square_matmuls(rank=3),
         "gemm-front": lambda: row_square_matmuls(front="Gemm"), "gemm-tail": lambda: row_square_matmuls(tail="Gemm"),
         "input-squared": lambda: row_square_matmuls(front=None)}),
    "einsum-attention-between-layernorms": (
        seq_first_block,
        {"batch-first": lambda: seq_first_block(layout="bih"), "layernorm-op": lambda: seq_first_block(norm="op"),
         "no-residual": lambda: seq_first_block(residual=False), "t16": lambda: seq_first_block(t=16),
         "d128-heads2": lambda: seq_first_block(dim=128, heads=2),
         "matmul-projections": lambda: seq_first_block(proj="matmul"),
         "no-next-layernorm": lambda: seq_first_block(tail_norm=False),
         "input-front": lambda: seq_first_block(pre="none"), "relu-front": lambda: seq_first_block(pre="relu"),
         "q-projection-only": lambda: seq_first_block(proj_only=True),
         "no-residual-no-next-layernorm": lambda: seq_first_block(residual=False, tail_norm=False)}),
    "rope-halves-of-shared-qkv": (
        rope_shared_qkv,
        {"separate-inputs": lambda: rope_shared_qkv(cut="inputs"),
         "separate-inputs-full": lambda: rope_shared_qkv(cut="inputs", rot=64),
         "q-only": lambda: rope_shared_qkv(k_rope=False),
         "transpose-after-split": lambda: rope_shared_qkv(cut="split-transpose", rot=64),
         "full-rotary": lambda: rope_shared_qkv(rot=64), "half-rotary": lambda: rope_shared_qkv(rot=32),
         "rot8": lambda: rope_shared_qkv(rot=8), "d32": lambda: rope_shared_qkv(d=32),
         "split": lambda: rope_shared_qkv(cut="split"), "own-trig": lambda: rope_shared_qkv(own_trig=True),
         "decode-1": lambda: rope_shared_qkv(t=1), "t100": lambda: rope_shared_qkv(t=100)}),
    "mqa-repeat-kv-expand": (
        mqa_expand,
        {"kv2": lambda: mqa_expand(kv=2, heads=2), "decode-1": lambda: mqa_expand(t=1),
         "relu-tail": lambda: mqa_expand(tail="Relu"), "relu-front": lambda: mqa_expand(front="Relu"),
         "input-front": lambda: mqa_expand(front=None), "rope": lambda: mqa_expand(rope=True),
         "values": lambda: mqa_expand(tail="MatMul"), "no-unsqueeze": lambda: mqa_expand(unsqueeze=False),
         "heads-8-d64": lambda: mqa_expand(heads=8, d=64),
         "fused-qkv-split": lambda: mqa_expand(split=True),
         "fused-qkv-split-values-8x32": lambda: mqa_expand(split=True, heads=8, d=32, tail="MatMul")}),
    "gather-elements-int64": (
        gather_elements_int64,
        {"float": lambda: gather_elements_int64(src="float"), "input": lambda: gather_elements_int64(src="input"), "axis-2": lambda: gather_elements_int64(axis=2, rows=8),
         "few-rows": lambda: gather_elements_int64(rows=4)}),
    "scatternd-chain-single-index-after": (
        scatter_chain,
        {"full-writes": lambda: scatter_chain((1, 3)), "one-index-alone": lambda: scatter_chain((2,)),
         "corner-alone": lambda: scatter_chain((4,)), "full-then-corner": lambda: scatter_chain((1, 4))}),
    "scatternd-chain-single-index-first": (
        lambda: scatter_chain((2, 3)),
        {"corner-first": lambda: scatter_chain((4, 1)), "full-writes": lambda: scatter_chain((1, 3))}),
    "se-mul-rank5-map-int8": (
        se_mul_rank5,
        {"16x16": lambda: se_mul_rank5(h=16, w=16), "8x8": lambda: se_mul_rank5(h=8, w=8),
         "12x12": lambda: se_mul_rank5(h=12, w=12), "5x5": lambda: se_mul_rank5(h=5, w=5),
         "7x7": lambda: se_mul_rank5(h=7, w=7), "3x4": lambda: se_mul_rank5(h=3, w=4),
         "10x16": lambda: se_mul_rank5(h=10, w=16), "one-frame": lambda: se_mul_rank5(t=1),
         "rank4": lambda: se_mul_rank5(rank=4), "6x6": lambda: se_mul_rank5(h=6, w=6),
         "14x14": lambda: se_mul_rank5(h=14, w=14), "20x5": lambda: se_mul_rank5(h=20, w=5),
         "6x4": lambda: se_mul_rank5(h=6, w=4), "10x2": lambda: se_mul_rank5(h=10, w=2),
         "8-frames": lambda: se_mul_rank5(t=8), "2-frames": lambda: se_mul_rank5(t=2),
         "3-frames": lambda: se_mul_rank5(t=3)}),
    "clip-int32": (
        clip_int32,
        {"int64": lambda: clip_int32(src="int64"), "add-int32": lambda: clip_int32(op="Add", pair=False),
         "min-int32": lambda: clip_int32(op="Min", pair=False), "int32-input": lambda: clip_int32(src="int32"),
         "from-float": lambda: clip_int32(src="float"), "column": lambda: clip_int32(pair=False)}),
    "computed-weight-conv-large": (
        upchannel_xcorr,
        {"one-map": lambda: upchannel_xcorr(k=1), "c96": lambda: upchannel_xcorr(c=96), "k10": lambda: upchannel_xcorr(k=10),
         "k7": lambda: upchannel_xcorr(k=7), "kernel-4": lambda: upchannel_xcorr(zs=6, xs=22),
         "c97": lambda: upchannel_xcorr(c=97), "c97-k8": lambda: upchannel_xcorr(c=97, k=8),
         "kernel-3-k160": lambda: upchannel_xcorr(k=160, zs=5), "kernel-7-k30": lambda: upchannel_xcorr(k=30, zs=9)}),
    "computed-weight-conv-over-128k": (lambda: upchannel_xcorr(c=97, k=8), {}),
    "computed-weight-conv-large-int8": (upchannel_xcorr, {"k10": lambda: upchannel_xcorr(k=10)}),
    "gather-channels-then-sub": (
        gather_channels_sub,
        {"no-tail": lambda: gather_channels_sub(tail=None), "no-reshape": lambda: gather_channels_sub(reshape=False)}),
    "positions-cumsum-of-mask-seeded-int8": (
        seeded_positions_gather,
        {"table-4096": lambda: seeded_positions_gather(rows=4096), "8-tokens": lambda: seeded_positions_gather(t=8),
         "cumsum-only": lambda: seeded_positions_gather(form="cumsum-only"),
         "mask-compare": lambda: seeded_positions_gather(form="mask-compare"),
         "no-ids": lambda: seeded_positions_gather(ids=False)}),
    "embedding-gather-few-rows-seeded-int8": (
        lambda: embedding_gather(2, 256, 96),
        {"8-rows": lambda: embedding_gather(8, 256, 96), "4-rows": lambda: embedding_gather(4, 256, 96),
         "512-rows": lambda: embedding_gather(512, 256, 96)}),
    "yolo-head-rank5-160": (yolo_head, {"80x80": lambda: yolo_head(80)}),
    "identity-output-after-slice-reshape": (identity_output, {"split": lambda: identity_output(split=True)}),
    "subsampling-embed-transpose-reshape": (subsampling_embed, {"small": lambda: subsampling_embed(32, 16, 8, 32)}),
    "outer-product-heads": (outer_product_heads, {"small": lambda: outer_product_heads(4, 16, 64),
                                                  "inner-dim-2": lambda: outer_product_heads(4, 16, 64, inner=2),
                                                  "broadcast-mul": lambda: outer_product_heads(op="Mul")}),
    "empty-optional-output": (
        empty_optional_output,
        {"no-empty-name": lambda: empty_optional_output("Dropout-one-output"), "maxpool": lambda: empty_optional_output("MaxPool"), "layernorm": lambda: empty_optional_output("LayerNormalization")}),
    "layernorm-op-and-decomposed": (two_layernorms, {"both-op": lambda: two_layernorms(("op", "op")),
                                                     "both-decomposed": lambda: two_layernorms(("decomposed", "decomposed"))}),
    "reduce-sum-all-axes": (
        reduce_sum_all, {"keepdims": lambda: reduce_sum_all(keepdims=1), "rank4": lambda: reduce_sum_all(rank=4)}),
    "dense-then-rank1-affine": (dense_bn, {"rank2-constants": lambda: dense_bn(vec=False)}),
    "global-pool-large-map": (global_pool, {"128x128": lambda: global_pool(128), "64x64": lambda: global_pool(64)}),
    "class-distillation-tokens-concat": (
        token_concat, {"one-token": lambda: token_concat("ct"), "tokens-last": lambda: token_concat("tcc"),
                       "class-and-4-registers": lambda: token_concat(tokens=(1, 4))}),
    "tokens-concat-nhwc-patches": (
        token_concat_nhwc, {"layernorm-reader": lambda: token_concat_nhwc(reader="layernorm"),
                            "one-token": lambda: token_concat_nhwc(tokens=(1,))}),
    "einsum-constant-weight": (
        einsum_weight, {"transposed-weight": lambda: einsum_weight("bnc,kc->bnk"),
                        "channel-scale": lambda: einsum_weight("bchw,bc->bchw")}),
    "concat-repeated-input": (
        concat_repeated, {"no-repeat": lambda: concat_repeated((0, 1)), "rank4": lambda: concat_repeated(rank=4),
                          "rank2": lambda: concat_repeated(rank=2)}),
    "affine-grid-sample": (
        affine_grid_sample, {"theta-input": lambda: affine_grid_sample("input"),
                             "grid-input": lambda: affine_grid_sample("grid")}),
    "batchnorm-statistics-outputs": (
        batchnorm_stats, {"inference": lambda: batchnorm_stats("inference"),
                          "standardised-weight": lambda: batchnorm_stats("weights"),
                          "standardised-weight-training-mode": lambda: batchnorm_stats("weights-training-mode")}),
    "constant-of-shape-default-value": (
        constant_of_shape, {"float-value": lambda: constant_of_shape(0.0),
                            "computed-shape": lambda: constant_of_shape(shape="computed"),
                            "computed-shape-float-value": lambda: constant_of_shape(0.0, "computed")}),
    "pad-empty-constant-value": (
        pad_end, {"no-empty-input": lambda: pad_end(empty=False), "constant-pads": lambda: pad_end(chain=False),
                  "then-conv": lambda: pad_end("conv"), "then-maxpool": lambda: pad_end("pool"),
                  "hgnetv2-stem": lambda: pad_end("stem"), "then-relu": lambda: pad_end("relu"),
                  "then-unsqueeze": lambda: pad_end("unsqueeze"),
                  "stereo-left-pad": lambda: pad_end("unsqueeze", pads=(0, 0, 0, 1, 0, 0, 0, 0), hw=64),
                  "top-pad-one-channel": lambda: pad_end(pads=(0, 0, 2, 0, 0, 0, 0, 0), c=1),
                  "top-pad-relu": lambda: pad_end("relu", pads=(0, 0, 4, 0, 0, 0, 0, 0), c=2),
                  "top-pad-then-conv": lambda: pad_end("conv", pads=(0, 0, 2, 0, 0, 0, 0, 0), c=1),
                  "relative-shift": rel_shift_pad, "relative-shift-input": lambda: rel_shift_pad(matmul=False)}),
    "pad-empty-constant-value-wide": (
        causal_pad, {"left-15": lambda: causal_pad(left=15),
                     "left-16": lambda: causal_pad(left=16),
                     "right-30": lambda: causal_pad(left=0, right=30),
                     "both-30": lambda: causal_pad(left=30, right=30),
                     "both-15-kernel-16": lambda: causal_pad(left=15, right=15, k=16),
                     "both-8-kernel-9": lambda: causal_pad(left=8, right=8, k=9),
                     "kernel-3": lambda: causal_pad(k=3),
                     "no-empty-input": lambda: causal_pad(empty=False),
                     "constant-pads": lambda: causal_pad(chain=False),
                     "64-channels-dense": lambda: causal_pad(c=64, after="conv"),
                     "144-channels-120-frames": lambda: causal_pad(c=144, t=120),
                     "rank4-width": lambda: causal_pad(rank=4),
                     "rank4-height": lambda: causal_pad(rank=4, axis=2, t=64),
                     "channels-16": lambda: causal_pad(c=64, t=50, axis=1, left=16, after="output"),
                     "one-channel": lambda: causal_pad(c=1),
                     "8-channels": lambda: causal_pad(c=8),
                     "32-channels": lambda: causal_pad(c=32),
                     "demucs-one-channel-16000": lambda: causal_pad(c=1, t=16000, left=0, right=212, k=8)}),
    "softmax-identity-attention": (
        softmax_identity_attention,
        {"no-identity": lambda: softmax_identity_attention(identity=False),
         "from-qkv-linear": lambda: softmax_identity_attention(linear=True),
         "batch-2": lambda: softmax_identity_attention(batch=2),
         "64-tokens-d16": lambda: softmax_identity_attention(n=64, d=16)}),
    "input-affine-narrow-const-first": (
        mask_bias,
        {"input-first": lambda: mask_bias("input_first"), "no-invert": lambda: mask_bias("none"),
         "no-expand": lambda: mask_bias(expand=False), "no-softmax": lambda: mask_bias(softmax=False),
         "heads-1": lambda: mask_bias(heads=1), "t-64": lambda: mask_bias(t=64), "mask-rank2": lambda: mask_bias(mask_rank=2),
         "sub-alone": const_sub, "sub-const-second": lambda: const_sub("second"),
         "sub-const-vector": lambda: const_sub("vector"), "sub-of-relu": lambda: const_sub(second="relu"),
         "sub-of-conv": lambda: const_sub(second="conv"), "add-const-first": lambda: const_sub(op="Add"),
         "div-const-first": lambda: const_sub(op="Div"), "sub-map": lambda: const_sub(shape=(1, 4, 32, 32)),
         "sub-rank2": lambda: const_sub(shape=(1, 32)), "x-minus-1-c1-h32": lambda: const_sub("second", shape=(1, 1, 32, 32)),
         "x-minus-1-c3-h1": lambda: const_sub("second", shape=(1, 3, 1, 32)),
         "x-minus-1-w64": lambda: const_sub("second", shape=(1, 1, 1, 64)),
         "x-minus-1-w7": lambda: const_sub("second", shape=(1, 1, 1, 7)),
         "x-minus-1-rank3": lambda: const_sub("second", shape=(1, 1, 32)),
         "x-times-2": lambda: const_sub("second", op="Mul")}),
    "gather-channel-list-into-conv": (
        gather_then_conv,
        {"contiguous": lambda: gather_then_conv((0, 1, 2)), "non-arithmetic": lambda: gather_then_conv((0, 2, 5)),
         "step-2-from-1": lambda: gather_then_conv((1, 3, 5)), "step-3": lambda: gather_then_conv((0, 3, 6)),
         "two-step-2": lambda: gather_then_conv((0, 2)), "four-step-2": lambda: gather_then_conv((0, 2, 4, 6)),
         "map-16": lambda: gather_then_conv(hw=16), "to-output": lambda: gather_channels((0, 2, 4), hw=32)}),
    "mahalanobis-clip": (
        mahalanobis, {"no-clip": lambda: mahalanobis(tail=None), "relu": lambda: mahalanobis(tail="Relu"),
                      "input-front": lambda: mahalanobis(front="input"), "49-patches": lambda: mahalanobis(p=49),
                      "d-16": lambda: mahalanobis(d=16), "sqrt": lambda: mahalanobis(tail="Sqrt"),
                      "sigmoid": lambda: mahalanobis(tail="Sigmoid"),
                      "no-matmul": lambda: mahalanobis(chain="Mul ReduceSum"),
                      "no-mul": lambda: mahalanobis(chain="MatMul ReduceSum"),
                      "no-reduce": lambda: mahalanobis(chain="MatMul Mul"),
                      "matmul-clip": lambda: mahalanobis(chain="MatMul"),
                      "shared-weight": lambda: mahalanobis(weight="shared"),
                      "tokens-input": lambda: mahalanobis(front="tokens")}),
    "split-pair-mul": (
        rotated_offsets,
        {"no-sub": lambda: rotated_offsets(sub=False), "no-sin": lambda: rotated_offsets(sin=False),
         "dy-by-angle": lambda: rotated_offsets(dy_cos=False), "rank4": lambda: rotated_offsets(rank=4),
         "sigmoid": lambda: rotated_offsets(op="Sigmoid"), "n-400": lambda: rotated_offsets(n=400),
         "full-rotation": lambda: rotated_offsets(full=True),
         "full-rotation-sigmoid-angle": lambda: rotated_offsets(full=True, angle="sigmoid"),
         "full-rotation-8400": lambda: rotated_offsets(n=8400, full=True),
         "levels-angle": lambda: rotated_offsets(n=8400, full=True, angle="concat"),
         "levels-sigmoid-angle": lambda: rotated_offsets(n=8400, full=True, angle="concat-sigmoid"),
         "dfl-offsets": lambda: rotated_offsets(n=8400, full=True, offsets="dfl"),
         "dfl-softmax-input": lambda: rotated_offsets(n=8400, full=True, offsets="softmax-input"),
         "halved-offsets": lambda: rotated_offsets(n=8400, full=True, offsets="div")}),
    "lstm-without-bias": (
        lstm, {"y-only": lambda: lstm(outputs=("Y",)), "seq-16": lambda: lstm(seq=16), "with-bias": lambda: lstm(bias=True),
               "after-transpose": lambda: lstm(pre="Transpose"),
               "calibration-like": lambda: lstm(32, 64, 96, ("Y",), bias=True, pre="Transpose")}),
    "bidirectional-lstm-without-bias": (
        lambda: lstm(16, 64, 64, ("Y",), "bidirectional"),
        {"forward": lambda: lstm(16, 64, 64, ("Y",)), "with-bias": lambda: lstm(16, 64, 64, ("Y",), "bidirectional", True),
         "after-transpose": lambda: lstm(16, 64, 64, ("Y",), "bidirectional", pre="Transpose")}),
    "gather-nd-computed-indices": (gather_nd_sample, {"constant-indices": lambda: gather_nd_sample("const")}),
    "atan-between-convs": (
        unary_between_convs, {"atan-last": lambda: unary_between_convs(last=True),
                              "sin": lambda: unary_between_convs("Sin")}),
    "scatter-nd-decode": (scatter_decode, {"concat": lambda: scatter_decode("Concat")}),
    "gather-scalar-index": (
        gather_channels, {"index-list": lambda: gather_channels((0, 1, 2)), "non-contiguous": lambda: gather_channels((0, 2, 5)),
                          "height-axis": lambda: gather_channels(axis=2), "graph-input": lambda: gather_channels(src="input"),
                          "class-token": lambda: gather_channels(0, 192, 16, src="tokens"),
                          "after-relu": lambda: gather_channels(src="relu"), "one-element-list": lambda: gather_channels((1,))}),
    "conv3d-5d": (conv3d, {"small": lambda: conv3d(2, 4, 8, 4)}),
    "frames-5d-input": (frames_input, {"rank4-input": lambda: frames_input(4)}),
    "instance-norm": (instance_norm, {"16x16": lambda: instance_norm(16, 16)}),
    "dfl-softmax": (dfl, {"2100-anchors": lambda: dfl(2100)}),
    "dfl-softmax-wide": (dfl_wide, {f"{n}-anchors": (lambda n=n: dfl_wide(n)) for n in (2100, 4095, 4096, 16384)}
                         | {"input-fed": lambda: dfl_wide(conv=False)}),
    "group-norm-intermediate-outputs": (group_norm, {"final-output-only": lambda: group_norm(("out",))}),
    "video-conv3d-classifier": (video_classifier, {"reducemean-pool": lambda: video_classifier(pool="ReduceMean")}),
    "maxpool-5d": (maxpool_5d, {"kernel-3x3x3": lambda: maxpool_5d(kernel=(3, 3, 3), strides=(1, 1, 1), pads=(1, 1, 1)),
                                "averagepool": lambda: maxpool_5d("AveragePool", pads=(0, 0, 0)),
                                "rank4": lambda: maxpool_5d(rank=4)}),
    "global-max-pool-read-by-conv": (
        global_max, {"maxpool-window-52x52": lambda: global_max(hw=52, op="MaxPool"),
                     "reduce-max-hw": lambda: global_max(op="ReduceMax"),
                     "relu-conv": lambda: global_max(after="relu-conv"),
                     "flatten-gemm": lambda: global_max(after="flatten-gemm"),
                     "graph-output": lambda: global_max(after="output"),
                     "sigmoid-mul": lambda: global_max(after="sigmoid-mul"),
                     "add-avg-then-conv": lambda: global_max(after="add-avg-conv")}),
    "max-pool-odd-width": (
        lambda: window_max_pool(h=10, w=15, k=5),
        {"11x19": lambda: window_max_pool(h=11, w=19, k=5), "9x15": lambda: window_max_pool(h=9, w=15, k=5),
         "k3": lambda: window_max_pool(h=10, w=15, k=3), "20x31": lambda: window_max_pool(h=20, w=31, k=5),
         "128-channels-16x17": lambda: window_max_pool(c=128, h=16, w=17, k=5),
         "8x15-30720": lambda: window_max_pool(h=8, w=15, k=5),
         "128-channels": lambda: window_max_pool(c=128, h=10, w=15, k=5),
         "64-channels": lambda: window_max_pool(c=64, h=10, w=15, k=5),
         "12x20": lambda: window_max_pool(h=12, w=20, k=5), "10x16": lambda: window_max_pool(h=10, w=16, k=5),
         "13x8": lambda: window_max_pool(h=13, w=8, k=5), "15x10": lambda: window_max_pool(h=15, w=10, k=5),
         "20x30": lambda: window_max_pool(h=20, w=30, k=5), "12x15": lambda: window_max_pool(h=12, w=15, k=5),
         "14x15": lambda: window_max_pool(h=14, w=15, k=5),
         "128-channels-10x31": lambda: window_max_pool(c=128, h=10, w=31, k=5),
         "16x17": lambda: window_max_pool(h=16, w=17, k=5)}),
    "max-pool-window-over-map": (
        window_max_pool, {"32768-elements": lambda: window_max_pool(h=8, w=16),
                          "128-channels-12x20": lambda: window_max_pool(c=128, h=12, w=20),
                          "window-fits-16x16": lambda: window_max_pool(h=16, w=16)}),
    "dilated-conv-16-23": (
        dilated_conv, {"dilation-12": lambda: dilated_conv(12), "dilation-15": lambda: dilated_conv(15),
                       "dilation-24": lambda: dilated_conv(24), "dilation-16-64x64": lambda: dilated_conv(16, h=64, w=64),
                       "dilation-21": lambda: dilated_conv(21), "depthwise": lambda: dilated_conv(cin=128, group=128)}),
    "depthwise-7x7-small-map-wide": (
        dwconv_small_map, {"768-channels": lambda: dwconv_small_map(c=768), "960-channels": lambda: dwconv_small_map(c=960),
                           "2048-channels": lambda: dwconv_small_map(c=2048), "5x5-map": lambda: dwconv_small_map(h=5),
                           "2x2-map": lambda: dwconv_small_map(h=2), "4x8-map": lambda: dwconv_small_map(w=8),
                           "5x5-kernel": lambda: dwconv_small_map(k=5), "9x9-kernel": lambda: dwconv_small_map(k=9)}),
    "attention-values-are-keys": (
        kv_shared_attention, {"own-values": lambda: kv_shared_attention("own"),
                              "reshaped-keys": lambda: kv_shared_attention("keys-reshaped"),
                              "one-batch": lambda: kv_shared_attention(b=1, n=196, d=64)}),
    "attention-values-are-keys-unscaled": (
        lambda: kv_shared_attention(scale=False),
        {"own-values": lambda: kv_shared_attention("own", scale=False),
         "one-batch": lambda: kv_shared_attention(b=1, n=196, d=64, scale=False)}),
    "rel-pos-unsqueeze-add-5d": (
        rel_pos_add5, {"8x8-windows": lambda: rel_pos_add5(b=4 * 12, h=8, w=8),
                       "16x8-logits": lambda: rel_pos_add5(h=16, w=8),
                       "8x16-logits": lambda: rel_pos_add5(h=8, w=16),
                       "one-head": lambda: rel_pos_add5(b=1, h=8, w=8),
                       "width-first": lambda: rel_pos_add5(order="wh"),
                       "rank5-inputs": lambda: rel_pos_add5(unsqueeze=False),
                       "rank4-sum": lambda: rel_pos_add5(rank=4, h=12 * 16, w=16, k=16),
                       "no-reshape": lambda: rel_pos_add5(tail="none")}),
    "reshaped-outer-sum-4d": (
        reshaped_outer_sum, {"unsqueeze": lambda: reshaped_outer_sum(src="unsqueeze"),
                             "one-head": lambda: reshaped_outer_sum(b=1),
                             "8x8-windows": lambda: reshaped_outer_sum(b=4, h=8, w=8),
                             "16x8-logits": lambda: reshaped_outer_sum(k=8),
                             "rank3-logits": lambda: reshaped_outer_sum(src="rank3"),
                             "no-broadcast": lambda: reshaped_outer_sum(broadcast=False)}),
    "transpose-softmax-negative-axis": (
        transpose_softmax, {"positive-axis": lambda: transpose_softmax(axis=2),
                            "softmax": lambda: transpose_softmax("Softmax"),
                            "softmax-positive-axis": lambda: transpose_softmax("Softmax", 2),
                            "rank4": lambda: transpose_softmax(perm=(0, 2, 3, 1)),
                            "rank4-positive-axis": lambda: transpose_softmax(perm=(0, 2, 3, 1), axis=3),
                            "input-fed": lambda: transpose_softmax(pre=None),
                            "axis-1": lambda: transpose_softmax(axis=1),
                            "axis-minus-2": lambda: transpose_softmax(axis=-2),
                            "no-transpose": lambda: transpose_softmax(perm=None),
                            "default-axis": lambda: transpose_softmax(axis=None),
                            "default-axis-opset12": lambda: transpose_softmax(axis=None, opset=12),
                            "opset12": lambda: transpose_softmax(opset=12),
                            "transpose-also-output": lambda: transpose_softmax(shared=True)}),
    "gru-without-bias": (
        gru, {"with-bias": lambda: gru(bias=True), "torch-like": lambda: gru(bias=True, lbr=1),
              "bidirectional": lambda: gru(direction="bidirectional")}),
    "rel-logits-expand-transpose": (
        rel_logits, {"width-perm": lambda: rel_logits((0, 1, 3, 2, 4)), "no-expand": lambda: rel_logits(expand=False),
                     "reshape-expand-transpose": lambda: rel_logits(chain=False),
                     "height-8x16": lambda: rel_logits(b=8, heads=4, w=16),
                     "conv-tail": lambda: rel_logits(tail="conv"),
                     "zero-conv-tail": lambda: rel_logits(tail="zero-conv"),
                     "zero-conv-identity-tail": lambda: rel_logits(tail="zero-conv-identity")}),
    "roi-batch-index-cast": (
        roi_batch_index, {"float-cast": lambda: roi_batch_index("float"), "no-cast": lambda: roi_batch_index("none"),
                          "no-concat": lambda: roi_batch_index(concat=False),
                          "slice-index": lambda: roi_batch_index(take="slice")}),
    "gathers-sharing-indices": (
        shared_index_gathers, {"own-indices": lambda: shared_index_gathers("own"),
                               "zero-add-indices": lambda: shared_index_gathers("zero-add"),
                               "computed-zero-add-indices": lambda: shared_index_gathers("computed-zero-add"),
                               "reshaped-zero-add-indices": lambda: shared_index_gathers("reshaped-zero-add"),
                               "three-layer-mlp": lambda: shared_index_gathers(layers=3),
                               "rope-constant-tables": shared_index_tables,
                               "constant-features": lambda: shared_index_gathers(feat="const")}),
    "siamese-depthwise-xcorr": (siamese_xcorr, {"plain-xcorr": lambda: siamese_xcorr("plain")}),
    "multi-query-attention-softmax": (mqa, {"one-head": lambda: mqa(heads=1), "no-softmax": lambda: mqa(softmax=False),
                                            "8-heads-256-tokens": lambda: mqa(heads=8, n=256, d=32, m=64)}),
    "constant-non-tensor-attribute": (
        constant_attr, {"value-tensor": lambda: constant_attr("value"), "value-float": lambda: constant_attr("value_float")}),
    "conv1x1-padded-wide": (
        conv1x1_padded, {"16x16x16": lambda: conv1x1_padded(16, 16, 16, 16), "unpadded": lambda: conv1x1_padded(pad=0),
                         "3x3-kernel": lambda: conv1x1_padded(k=3), "width-598": lambda: conv1x1_padded(w=598),
                         "64-channels-in": lambda: conv1x1_padded(c=64), "64-channels-out": lambda: conv1x1_padded(cout=64)}),
    "atan2-export": (lambda: atan2(wrap=False), {"quadrant-where": atan2}),
    "yolo-head-decode-160": (yolo_decode, {}),
    "segment-sum-exp": (
        segment_sum_exp, {"inf-fill": lambda: segment_sum_exp(fill=-np.inf), "cumsum-exp": lambda: segment_sum_exp(form="exp"),
                          "32-steps": lambda: segment_sum_exp(32), "no-exp": lambda: segment_sum_exp(form="no-exp")}),
    "parallel-slices-identity": (
        slices_identity, {"no-reshape": lambda: slices_identity(reshapes=0),
                          "reshape-3d": lambda: slices_identity(reshapes=1),
                          "one-slice": lambda: slices_identity(slices=1),
                          "no-identity": lambda: slices_identity(identity=False)}),
    "reduce-last-axis-weighted-sum": (
        weighted_marginal, {"reduce-h-first": lambda: weighted_marginal(axis=2),
                            "add-between": lambda: weighted_marginal(op="Add")}),
    "token-normalize-expand-mul": (
        token_normalize, {"n25": lambda: token_normalize(n=25),
                          "no-clip": lambda: token_normalize(clip=False),
                          "no-expand": lambda: token_normalize(expand=False),
                          "div-output": lambda: token_normalize(tail="div"),
                          "last-axis": lambda: token_normalize(axis=2),
                          "reduce-sum": lambda: token_normalize(op="ReduceSum")}),
    "input-affine-narrow": (
        input_affine, {"alone": lambda: input_affine(reader=None),
                       "sub-only": lambda: input_affine(ops=("Sub",)),
                       "div-only": lambda: input_affine(ops=("Div",)),
                       "mul-add": lambda: input_affine(ops=("Mul", "Add")),
                       "clip": lambda: input_affine(ops=("Clip",)),
                       "channel-const": lambda: input_affine(const="channel"),
                       "2-channels": lambda: input_affine(c=2),
                       "relu": lambda: input_affine(ops=("Relu",)),
                       "mul-rank3": lambda: input_affine(ops=("Mul",), rank=3),
                       "3-channels": lambda: input_affine(c=3),
                       "4-channels": lambda: input_affine(c=4),
                       "64x64": lambda: input_affine(hw=64),
                       "16x16": lambda: input_affine(hw=16)}),
    "mask-cast-where-softmax": (
        mask_where_softmax, {"16-tokens": lambda: mask_where_softmax(n=16),
                             "128-tokens": lambda: mask_where_softmax(n=128),
                             "no-unsqueeze": lambda: mask_where_softmax(unsqueeze=False),
                             "4-heads": lambda: mask_where_softmax(heads=4),
                             "equal-zero": lambda: mask_where_softmax(src="equal"),
                             "float-mask": lambda: mask_where_softmax(src="float")}),
    "input-residual-narrow": (
        input_residual, {"add": lambda: input_residual(op="Add"),
                         "2-channels": lambda: input_residual(c=2),
                         "16x16": lambda: input_residual(hw=16),
                         "3-channels": lambda: input_residual(c=3),
                         "4-channels": lambda: input_residual(c=4),
                         "conv-operand": lambda: input_residual(left="conv")}),
    "input-residual-first-conv": (
        lambda: input_residual(c=3, op="Add"),
        {"sub": lambda: input_residual(c=3),
         "1-channel": lambda: input_residual(op="Add"),
         "4-channels": lambda: input_residual(c=4, op="Add"),
         "16x16": lambda: input_residual(c=3, hw=16, op="Add"),
         "mul": lambda: input_residual(c=3, op="Mul"),
         "one-conv": lambda: input_residual(c=3, op="Add", depth=1),
         "relu-reads-input": lambda: input_residual(c=3, op="Add", reader="Relu")}),
    "constant-of-shape-empty": (
        empty_mask_scatter, {"one-row": lambda: empty_mask_scatter(start=3),
                             "concat-reader": lambda: empty_mask_scatter(reader="Concat")}),
    "computed-weight-conv-const-map": (
        computed_weight_conv, {"cout-16": lambda: computed_weight_conv(cout=16),
                               "cin-32": lambda: computed_weight_conv(cin=32),
                               "1x1": lambda: computed_weight_conv(k=1),
                               "map-input": lambda: computed_weight_conv(data="input")}),
    "input-residual-first-conv-2-channels": (
        lambda: input_residual(c=2, op="Add"),
        {"sub": lambda: input_residual(c=2),
         "one-conv": lambda: input_residual(c=2, op="Add", depth=1),
         "128x128": lambda: input_residual(c=2, hw=128, op="Add")}),
    "reduce-mean-wide": (
        reduce_mean_wide, {"32x64": lambda: reduce_mean_wide(h=32, w=64),
                           "46x46": lambda: reduce_mean_wide(h=46, w=46),
                           "global-average-pool": lambda: reduce_mean_wide(op="GlobalAveragePool"),
                           "reduce-sum": lambda: reduce_mean_wide(op="ReduceSum"),
                           "width-axis-6400": lambda: reduce_mean_wide(h=1, w=6400, axes=(3,))}),
    "clip-computed-bound": (
        clip_computed_bound, {"constant-bounds": lambda: clip_computed_bound("const"),
                              "computed-max": lambda: clip_computed_bound("max"),
                              "no-cast": lambda: clip_computed_bound(cast=False),
                              "max-op": lambda: clip_computed_bound(op="Max"),
                              "97x32": lambda: clip_computed_bound(shape=(1, 1, 97, 32))}),
    "row-gemm-narrow": (
        row_gemm, {"k16": lambda: row_gemm(k=16),
                   "k256-n4": lambda: row_gemm(k=256, n=4),
                   "k257": lambda: row_gemm(k=257),
                   "matmul": lambda: row_gemm(op="MatMul"),
                   "matmul-rows4": lambda: row_gemm(op="MatMul", rows=4),
                   "timer-mlp": lambda: row_gemm(front="mlp", n=7),
                   "conv-front": lambda: row_gemm(front="conv", n=4),
                   "flatten-4x4": lambda: row_gemm(front="flatten4x4", n=4),
                   "conv-gap-32x32": lambda: row_gemm(front="gap", n=2, rows=32),
                   "norm-front": lambda: row_gemm(front="norm", k=256, n=512, op="MatMul"),
                   "embed-norm-front": lambda: row_gemm(front="embed", k=256, n=512, op="MatMul")}),
    "row-sum-squares-narrow": (
        row_sum_squares, {"input-row": lambda: row_sum_squares(front="input"),
                          "input-row-3": lambda: row_sum_squares(front="input", n=3, width=3),
                          "no-slice-n3": lambda: row_sum_squares(n=3, width=3),
                          "no-mul": lambda: row_sum_squares(mul=False),
                          "reduce-mean": lambda: row_sum_squares(op="ReduceMean"),
                          "keepdims-0": lambda: row_sum_squares(keepdims=0),
                          "width-4": lambda: row_sum_squares(n=8, width=4),
                          "width-8": lambda: row_sum_squares(n=16, width=8),
                          "width-16": lambda: row_sum_squares(n=32, width=16),
                          "width-64": lambda: row_sum_squares(n=128, width=64),
                          "kin-128": lambda: row_sum_squares(kin=128),
                          "rank4": lambda: row_sum_squares(rank=4),
                          "gap-front": lambda: row_sum_squares(front="gap"),
                          "gemm-slice": lambda: row_sum_squares(mul=False, tail=False),
                          "gemm-slice-mul": lambda: row_sum_squares(tail=False),
                          "gemm-n6-mul": lambda: row_sum_squares(width=6, tail=False),
                          "gemm-n64": lambda: row_sum_squares(n=64),
                          "gemm-n256-width-128": lambda: row_sum_squares(n=256, width=128)}),
    "where-rank6": (
        # (wheres=0, mask="mul" and form="rank5" were built too, docs/probe.md: other families failed, no pattern)
        window_gather, {"one-where": lambda: window_gather(wheres=1),
                        "reshape": lambda: window_gather(form="reshape", hw=21),
                        "o7-hw16": lambda: window_gather(hw=16, o=7),
                        "c128": lambda: window_gather(c=128)}),
    "gru-batch": (
        lambda: gru_batch(direction="forward"), {"batch1": lambda: gru_batch(b=1, direction="forward")}),
    "gru-bidirectional-batch": (
        gru_batch, {"batch2": lambda: gru_batch(b=2), "batch1": lambda: gru_batch(b=1),
                    "forward": lambda: gru_batch(direction="forward")}),
    "row-reduce": (
        row_reduce, {"input": lambda: row_reduce(front="input"),
                     "k8": lambda: row_reduce(k=8),
                     "k256": lambda: row_reduce(k=256),
                     "k257": lambda: row_reduce(k=257),
                     "reduce-mean": lambda: row_reduce(op="ReduceMean"),
                     "keepdims-0": lambda: row_reduce(keepdims=0),
                     "rank4": lambda: row_reduce(rank=4),
                     "head": lambda: row_reduce(front="head"),
                     "rms": lambda: row_reduce(tail="rms"),
                     "layernorm": lambda: row_reduce(tail="layernorm")}),
    "row-reduce-few": (
        lambda: row_reduce(k=6), {"input-k4": lambda: row_reduce(k=4, front="input"),
                                  "input-k3": lambda: row_reduce(k=3, front="input"),
                                  "k2": lambda: row_reduce(k=2)}),
    "state-stack-gather": (
        state_gather, {"relu": lambda: state_gather(front="relu"),
                       "whisper-caches": lambda: state_gather(2, 1, 24, 384),
                       "beside-384x43690": lambda: state_gather_beside(43690),
                       "beside-384x43691": lambda: state_gather_beside(43691),
                       "list-index": lambda: state_gather(index="list"),
                       "n2": lambda: state_gather(n=2),
                       "c1": lambda: state_gather(c=1),
                       "h8": lambda: state_gather(h=8),
                       "w16": lambda: state_gather(w=16),
                       "c4": lambda: state_gather(c=4),
                       "c8": lambda: state_gather(c=8),
                       "w4-h4": lambda: state_gather(h=4, w=4),
                       "reshape": lambda: state_gather(front="reshape"),
                       "transpose": lambda: state_gather(front="transpose"),
                       "axis1": lambda: state_gather(axis=1)}),
    "convtranspose-1d-kernel-256": (
        long_kernel_convtranspose, {"16-channels": lambda: long_kernel_convtranspose(c=16),
                                    "16-frames": lambda: long_kernel_convtranspose(t=16),
                                    "kernel-1024": lambda: long_kernel_convtranspose(k=1024, s=256, c=64, t=64)}),
    "convtranspose-1d-kernel-128": (
        lambda: long_kernel_convtranspose(k=128, s=32, c=128), {
            "16-frames": lambda: long_kernel_convtranspose(k=128, s=32, c=128, t=16),
            "kernel-64": lambda: long_kernel_convtranspose(k=64, s=16, c=64)}),
    "row-sum-squares-input": (
        lambda: row_sum_squares(front="input"),
        {"input-row-3": lambda: row_sum_squares(front="input", n=3, width=3),
         "gemm-front": row_sum_squares}),
    "pooled-row-gemm-wide": (
        pooled_row_gemm, {"k16": lambda: pooled_row_gemm(k=16),
                          "n192": lambda: pooled_row_gemm(n=192),
                          "matmul": lambda: pooled_row_gemm(op="MatMul"),
                          "concat-pfld": lambda: pooled_row_gemm(k=176, front="concat"),
                          "n10": lambda: pooled_row_gemm(n=10),
                          "k512": lambda: pooled_row_gemm(k=512),
                          "k256": lambda: pooled_row_gemm(k=256),
                          "n512": lambda: pooled_row_gemm(n=512),
                          "k256-n512": lambda: pooled_row_gemm(k=256, n=512),
                          "bn-relu": lambda: pooled_row_gemm(tail="bn"),
                          "bn-relu-l2": lambda: pooled_row_gemm(tail="bnl2"),
                          "osnet-fc": lambda: pooled_row_gemm(k=256, n=512, tail="bnl2"),
                          "map-16x8": lambda: pooled_row_gemm(mh=16, mw=8),
                          "map-16x16": lambda: pooled_row_gemm(mh=16, mw=16),
                          "relu-front": lambda: pooled_row_gemm(relu=True),
                          "osnet-head-16x8": lambda: pooled_row_gemm(k=256, n=512, tail="bnl2", mh=16, mw=8, relu=True),
                          "depth-4": lambda: pooled_row_gemm(depth=4, relu=True),
                          "osnet-depth-4": lambda: pooled_row_gemm(k=256, n=512, tail="bnl2", mh=16, mw=8, relu=True,
                                                                   depth=4),
                          "osnet-depth-12": lambda: pooled_row_gemm(k=256, n=512, tail="bnl2", mh=16, mw=8,
                                                                    relu=True, depth=12),
                          "depth-20": lambda: pooled_row_gemm(depth=20, relu=True),
                          "depth-32": lambda: pooled_row_gemm(depth=32, relu=True),
                          "depth-48": lambda: pooled_row_gemm(depth=48, relu=True),
                          "se-front": lambda: pooled_row_gemm(se=True),
                          "osnet-se-16x8": lambda: pooled_row_gemm(k=256, n=512, tail="bnl2", mh=16, mw=8, relu=True,
                                                                   se=True)}),
    "pooled-norm-row-gemm-wide": (
        pooled_norm_row_gemm, {"layernorm-op": lambda: pooled_norm_row_gemm(norm="ln"),
                               "transposes-only": lambda: pooled_norm_row_gemm(norm="none"),
                               "gap-flatten": lambda: pooled_norm_row_gemm(norm="flatten"),
                               "matmul": lambda: pooled_norm_row_gemm(op="MatMul"),
                               "k128": lambda: pooled_norm_row_gemm(k=128),
                               "k512": lambda: pooled_norm_row_gemm(k=512),
                               "n10": lambda: pooled_norm_row_gemm(n=10),
                               "map-4x4": lambda: pooled_norm_row_gemm(hw=4)}),
    "grid-tokens-qkv-reshape": (
        grid_tokens_qkv, {"window-partition": lambda: grid_tokens_qkv(part="window"),
                          "tokens-rank3": lambda: grid_tokens_qkv(part="window", tokens="flat"),
                          "bias-random": lambda: grid_tokens_qkv(bias="rand"),
                          "no-bias-add": lambda: grid_tokens_qkv(add=False),
                          "one-partition": lambda: grid_tokens_qkv(hw=4)}),
    "window-unpartition-grid-tokens": (
        window_unpartition, {"no-proj-bias": lambda: window_unpartition(proj_bias="none"),
                             "proj-bias-random": lambda: window_unpartition(proj_bias="rand"),
                             "flat-tokens": lambda: window_unpartition(tokens="flat"),
                             "grid-unpartition": lambda: window_unpartition(part="grid"),
                             "one-partition": lambda: window_unpartition(hw=8),
                             "c96-window4": lambda: window_unpartition(c=96, hw=32, ws=4),
                             "maxvit-block-attention": lambda: window_unpartition(attn=True)}),
    "qkv-heads-three-gather": (
        qkv_heads_gather, {"bias-random": lambda: qkv_heads_gather(bias="rand"),
                           "no-bias-add": lambda: qkv_heads_gather(bias="none"),
                           "three-heads-order": lambda: qkv_heads_gather(order="3heads"),
                           "slice-squeeze": lambda: qkv_heads_gather(take="slice"),
                           "n16-c64-heads2": lambda: qkv_heads_gather(n=16, c=64, heads=2)}),
    "tokens-qkv-heads-split": (
        lambda: grid_tokens_qkv(part="window", tokens="flat"),
        {"one-window": lambda: grid_tokens_qkv(part="window", tokens="flat", hw=4),
         "bias-random": lambda: grid_tokens_qkv(part="window", tokens="flat", bias="rand"),
         "no-bias-add": lambda: grid_tokens_qkv(part="window", tokens="flat", add=False),
         "qkv-rank5": lambda: grid_tokens_qkv(part="window", tokens="flat", qkv="rank5")}),
    "one-row-linear-narrow": (
        conv_row_linear, {"n100": lambda: conv_row_linear(n=100),
                          "n196": lambda: conv_row_linear(n=196),
                          "n1000": lambda: conv_row_linear(n=1000),
                          "k64-n1000": lambda: conv_row_linear(k=64, n=1000),
                          "k256": lambda: conv_row_linear(k=256),
                          "gemm": lambda: conv_row_linear(op="Gemm"),
                          "k384": lambda: conv_row_linear(k=384),
                          "two-rows": lambda: conv_row_linear(t=2),
                          "n10": lambda: conv_row_linear(n=10),
                          "input-row": lambda: conv_row_linear(front="input"),
                          "pooled-rank3": lambda: conv_row_linear(front="gap", n=1000)}),
    "input-row-matmul-fuse-loop": (
        lambda: conv_row_linear(front="input"),
        {"k384": lambda: conv_row_linear(front="input", k=384),
         "two-rows": lambda: conv_row_linear(front="input", t=2),
         "n10": lambda: conv_row_linear(front="input", n=10),
         "gemm": lambda: conv_row_linear(front="input", op="Gemm"),
         "conv-front": conv_row_linear}),
    "qkv-heads-three-slices": (
        qkv_three_slices, {"trained-bias": lambda: qkv_three_slices(bias="random"),
                           "bias-second": lambda: qkv_three_slices(order="matmul-first"),
                           "one-slice": lambda: qkv_three_slices(cut="one")}),
    "mqa-repeat-kv-expand-split": (
        mqa_expanded_keys, {"two-key-heads": lambda: mqa_expanded_keys(kv=2), "query-input": lambda: mqa_expanded_keys(q="input"),
                            "slice-cut": lambda: mqa_expanded_keys(cut="slice"), "relu-after": lambda: mqa_expanded_keys(tail="relu"),
                            "values-unread": lambda: mqa_expanded_keys(values=False)}),
    "attention-output-unread": (
        attention_as_output, {"then-add": lambda: attention_as_output("add"), "then-transpose": lambda: attention_as_output("transpose"),
                              "batch-2": lambda: attention_as_output(batch=2), "rank-3": lambda: attention_as_output(rank=3),
                              "scaled": lambda: attention_as_output(scale=True), "masked": lambda: attention_as_output(mask=True),
                              "one-head-16": lambda: attention_as_output(heads=1, n=16, d=8)}),
    "matmul-column-conv-fuse-loop": (
        gc_context, {"fc1-output": lambda: gc_context(tail="none"), "relu": lambda: gc_context(tail="relu"),
                     "rank3": lambda: gc_context(col="rank3"), "two-columns": lambda: gc_context(col="rank3", cols=2, tail="none"),
                     "c32-16x16": lambda: gc_context(c=32, h=16, w=16)}),
    "expand-input-map": (
        expand_map, {"small-map": lambda: expand_map(out=(1, 3, 15, 20)),
                     "64x64": lambda: expand_map(out=(1, 3, 64, 64)),
                     "one-channel": lambda: expand_map(out=(1, 1, 150, 200)),
                     "channel-source": lambda: expand_map(src=(1, 3, 1, 1)),
                     "plane-source": lambda: expand_map(src=(1, 1, 150, 200)),
                     "computed-source": lambda: expand_map(front="computed"),
                     "into-conv": lambda: expand_map(after="conv"),
                     "small-into-conv": lambda: expand_map(out=(1, 3, 15, 20), after="conv"),
                     "w-only": lambda: expand_map(src=(1, 3, 150, 1)),
                     "h-only": lambda: expand_map(src=(1, 3, 1, 200)),
                     "h-only-8x8": lambda: expand_map(src=(1, 3, 1, 8), out=(1, 3, 8, 8)),
                     "rank3-rows": lambda: expand_map(src=(1, 1, 200), out=(1, 150, 200)),
                     "mul-by-ones": lambda: expand_map(how="mul", after="conv"),
                     "two-step": lambda: expand_map(how="two-step", after="conv"),
                     "tile": lambda: expand_map(how="tile", after="conv"),
                     "into-mul": lambda: expand_map(src=(1, 64, 1, 1), out=(1, 64, 32, 32), after="mul"),
                     "into-mul-computed": lambda: expand_map(src=(1, 64, 1, 1), out=(1, 64, 32, 32), front="computed",
                                                             after="mul")}),
    "pad-window-channels-last": (
        pad_window, {"layernorm-tokens": lambda: pad_window("layernorm"),
                     "shape-pads": lambda: pad_window(pads="shape"),
                     "pad-output": lambda: pad_window(after="output"),
                     "no-empty-input": lambda: pad_window(empty=False),
                     "channels-last-input": lambda: pad_window("input"),
                     "zero-pads-7x7": lambda: pad_window(h=7),
                     "nchw-then-conv": lambda: pad_window("nchw", after="conv"),
                     "768-channels": lambda: pad_window(c=768),
                     "map-12-window-7": lambda: pad_window("layernorm", h=12),
                     "pad-h-only": lambda: pad_window("layernorm", h=4, w=7),
                     "swin-24x20-window-10": lambda: pad_window("layernorm", h=24, w=20, win=10, c=384),
                     "swin-12x10-window-10": lambda: pad_window("layernorm", h=12, w=10, win=10, c=768),
                     "residual-12x10-window-10": lambda: pad_window("layernorm", h=12, w=10, win=10, c=768,
                                                                    after="residual"),
                     "residual-4x4-window-7": lambda: pad_window("layernorm", after="residual"),
                     "residual-12x12-window-7": lambda: pad_window("layernorm", h=12, after="residual")}),
}


# ------------------------------------------------------------------------------------------------ the builds
def message(raw: RawRun) -> str:
    """Why the build failed, in one line (the toolkit's error, the signal or the timeout)."""
    return _short(failure_line(raw))


def _short(line: str, limit: int = 240) -> str:
    """An error line without onnxruntime's source paths and C++ names; its end (where the cause is) when too long."""
    line = line.replace("onnxruntime.capi.onnxruntime_pybind11_state.", "")
    line = re.sub(r"/onnxruntime_src/\S+|\S*onnxruntime::\S+", "", line)
    line = re.sub(r"\s+", " ", line).strip()
    return line if len(line) <= limit else "..." + line[-limit:]


def stage(rc: int, text: str) -> str:
    """Where it failed: the toolkit's Python passes of the last traceback (`fuse_ops > fold_constant`), or the
    native compiler pass that started and never ended for a crash."""
    text = _ANSI.sub("", text)
    if rc < 0:
        ended = set(re.findall(r"<<<<<<<< end: (\S+)", text))
        started = [s for s in re.findall(r">>>>>> start: (\S+)", text) if s not in ended]
        return started[-1] if started else ""
    tb = text.rsplit("Traceback (most recent call last):", 1)[-1]
    steps = re.findall(r"GraphOptimizer\.(\w+)|RKNNBase\.(\w+)", tb)
    names = list(dict.fromkeys(a or b for a, b in steps))
    return " > ".join(n for n in names if n != "build" or len(names) == 1)


def fusion_rule(text: str) -> str:
    m = re.search(r"disable_rules=\['(\w+)'\]", _ANSI.sub("", text))
    return m.group(1) if m else ""


TIMEOUT = 900.0  # seconds a build may take (--timeout); a pass that never ends (2.5.0's fuse_rs_conv loop) fails so


def build(python: str, path: Path, target: str, dtype: str | None = None) -> RawRun:
    """One build through rknnlint's toolkit runner; int8 (seeded calibration) where the family builds nothing else or
    the pattern's `dtype` says int8 (a quantizer failure), else fp16."""
    int8 = dtype == "int8" or resolve_target(target).fact("fp16_build", True) is False
    return run_build(BuildJob(model=str(path), target=target, dtype="int8" if int8 else "fp16"), timeout=TIMEOUT,
                     python=python, write_log=False)


def pattern_dtype(pid: str) -> str | None:
    """The dtype a pattern is measured and reported for (`dtype:` of its entry; none: every dtype)."""
    import yaml

    data = yaml.safe_load(DATA.read_text(encoding="utf-8")) or {}
    return ((data.get("patterns") or {}).get(pid) or (data.get("built") or {}).get(pid) or {}).get("dtype")


def log_text(raw: RawRun) -> str:
    """The child's output and the traceback it recorded, for stage() and fusion_rule()."""
    return raw.stdout + raw.stderr + (raw.result or {}).get("traceback", "")


def measure(python: str, version: str, targets: list[str], ids: list[str], max_ir: int,
            only_neighbours: set[str] | None = None, trigger: bool = True) -> dict[str, dict]:
    out: dict[str, dict] = {}
    with tempfile.TemporaryDirectory(prefix="rknnlint-patterns-") as tmp:
        for pid in ids:
            make_trigger, neighbours = MODELS[pid]
            dtype = pattern_dtype(pid)
            rec: dict = {"status": "built", "failed": [], "built": []}
            models = ([("", make_trigger)] if trigger else []) + [
                (n, f) for n, f in neighbours.items() if only_neighbours is None or n in only_neighbours]
            for name, make in models:
                m = make()
                m.ir_version = min(m.ir_version, max_ir)
                path = Path(tmp) / f"{pid}-{name or 'trigger'}.onnx"
                onnx.save(m, str(path))
                row = rec if not name else rec.setdefault("neighbours", {}).setdefault(name, {"failed": [], "built": []})
                for target in targets:
                    t0 = time.monotonic()
                    raw = build(python, path, target, dtype)
                    rc, text, ok = raw.returncode if raw.returncode is not None else -9, log_text(raw), raw.status == "built"
                    row["built" if ok else "failed"].append(target)
                    if not ok and "error" not in row:
                        row["error"] = message(raw)
                        row["stage"] = stage(rc, text)
                        if fusion_rule(text):
                            row["pass"] = fusion_rule(text)
                        row["status"] = "crashed" if rc < 0 else "failed"
                    print(f"{version} {pid:<38} {name or 'TRIGGER':<18} {target:<7} "
                          f"{'built' if ok else 'FAILED: ' + message(raw)[:120]} ({time.monotonic() - t0:.0f} s)",
                          flush=True)
            if not rec["failed"]:
                rec["status"] = "built"
            for row in [rec, *rec.get("neighbours", {}).values()]:
                if not row["failed"]:
                    row.pop("failed")
                if not row["built"]:
                    row.pop("built")
            out[pid] = rec
    return out


def merge(old: dict, new: dict) -> dict:
    """A run over some families replaces those families' outcome and keeps the others' (per model)."""
    def fams(row, key, drop):
        return sorted({*[t for t in row.get(key) or [] if t not in drop]})

    def one(o: dict, n: dict) -> dict:
        ran = {*(n.get("failed") or []), *(n.get("built") or [])}
        out = {k: v for k, v in o.items() if k not in ("failed", "built", "neighbours")}
        if n.get("failed"):
            out.update({k: v for k, v in n.items() if k not in ("failed", "built", "neighbours")})
        failed = sorted({*fams(o, "failed", ran), *(n.get("failed") or [])})
        built = sorted({*fams(o, "built", ran), *(n.get("built") or [])})
        if not failed:
            out = {k: v for k, v in out.items() if k not in ("error", "stage", "pass")}
            out["status"] = "built" if "status" in o or "status" in n else out.get("status")
            out = {k: v for k, v in out.items() if v is not None}
        out.update({k: v for k, v in (("failed", failed), ("built", built)) if v})
        if n.get("onnxruntime"):
            out["onnxruntime"] = n["onnxruntime"]
        return out

    res = one(old, new)
    nb = dict(old.get("neighbours") or {})
    for name, row in (new.get("neighbours") or {}).items():
        nb[name] = one(nb.get(name) or {}, row)
    if nb:
        res["neighbours"] = nb
    return res


def write(version: str, results: dict[str, dict], command: str) -> None:
    import fcntl

    # two runs at once (one version each) read, merge and write the file in turn, so neither drops the other's rows
    with open(DATA, "rb") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        _write(version, results, command)


def _write(version: str, results: dict[str, dict], command: str) -> None:
    import yaml

    text = DATA.read_text(encoding="utf-8")
    head = "".join(line + "\n" for line in text.splitlines() if line.startswith("#"))
    data = yaml.safe_load(text) or {}
    for section in ("patterns", "built"):
        for pid, entry in (data.get(section) or {}).items():
            if pid in results:
                old = (entry.get("measured") or {}).get(version) or {}
                entry.setdefault("measured", {})[version] = merge(old, results[pid])
    data["measured_by"] = [*[c for c in data.get("measured_by") or [] if c != command], command]
    DATA.write_text(head + yaml.safe_dump(data, sort_keys=False, width=200, allow_unicode=True), encoding="utf-8")


def table_md(data: dict) -> str:
    """The measurements as the markdown table of docs/probe.md#crash-patterns (tests check that the page has it)."""
    from rknnlint.toolkit.versions import vkey

    entries = {**(data.get("patterns") or {}), **(data.get("built") or {})}
    vers = sorted({v for e in entries.values() for v in e.get("measured") or {}}, key=vkey)
    out = ["| pattern (report) | " + " | ".join(vers) + " | error where it failed |",
           "| --- | " + " | ".join("---" for _ in vers) + " | --- |"]
    for pid, e in entries.items():
        cells, errors = [], []
        for v in vers:
            m = (e.get("measured") or {}).get(v)
            if not m:
                cells.append("not measured")
                continue
            bits = ([f"fails {', '.join(sorted(m['failed']))}"] if m.get("failed") else []) + \
                   ([f"builds {', '.join(sorted(m['built']))}"] if m.get("built") else [])
            cells.append("; ".join(bits))
            text = f"`{m.get('error', '')}`" + (f" in {m['stage']}" if m.get("stage") else "")
            if m.get("failed") and text not in errors:
                errors.append(text)
        num = e["source"].rstrip("/").rsplit("/", 1)[-1]
        src = f"[#{num}]({e['source']})" if "/issues/" in e["source"] else "calibration build"
        err = "; ".join(errors).replace("|", "\\|") or "-"
        out.append(f"| {pid} ({src}) | " + " | ".join(cells) + f" | {err} |")
    return "\n".join(out) + "\n"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--version", required=True)
    ap.add_argument("--python", help="python of the version's venv (default: found by rknnlint)")
    ap.add_argument("--targets", default="rk3588,rk3566")
    ap.add_argument("--only", help="comma list of pattern ids")
    ap.add_argument("--neighbours", help="comma list of neighbour names to build (default: all; '' none)")
    ap.add_argument("--no-trigger", action="store_true", help="build the neighbours only")
    ap.add_argument("--write", action="store_true", help="record the outcome in rules/motifs/crash-patterns.yaml")
    ap.add_argument("--timeout", type=float, default=900.0, help="seconds a build may take before it counts as failed")
    ap.add_argument("--table", action="store_true", help="print the measurements as docs/probe.md's table and exit")
    a = ap.parse_args(argv)
    global TIMEOUT
    TIMEOUT = a.timeout
    if a.table:
        import yaml

        print(table_md(yaml.safe_load(DATA.read_text(encoding="utf-8"))), end="")
        return 0
    from rknnlint.errors import UsageError
    from rknnlint.toolkit import versions

    try:
        python = versions.checked_python(a.version, a.python)
    except UsageError as e:
        print(e, file=sys.stderr)
        return 2
    ids = a.only.split(",") if a.only else list(MODELS)
    unknown = [i for i in ids if i not in MODELS]
    if unknown:
        print(f"unknown pattern(s): {', '.join(unknown)}", file=sys.stderr)
        return 2
    only = None if a.neighbours is None else {n for n in a.neighbours.split(",") if n}
    results = measure(python, a.version, [t for t in a.targets.split(",") if t], ids,
                      versions.facts(a.version).max_ir_version, only, not a.no_trigger)
    ort = subprocess.run([python, "-c", "from importlib.metadata import version; print(version('onnxruntime'))"],
                         capture_output=True, text=True).stdout.strip()
    for rec in results.values():  # the toolkit folds constants with the onnxruntime installed beside it
        rec["onnxruntime"] = ort
    if a.write:
        opts = " ".join(x for x in (f"--targets {a.targets}", a.only and f"--only {a.only}",
                                    a.timeout != 900.0 and f"--timeout {a.timeout:g}",
                                    a.neighbours is not None and f"--neighbours '{a.neighbours}'",
                                    a.no_trigger and "--no-trigger") if x)
        write(a.version, results, f"scripts/verify_crash_patterns.py --version {a.version} {opts} --write")
    return 0


if __name__ == "__main__":
    sys.exit(main())
