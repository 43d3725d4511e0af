"""Minimal graphs with the patterns that crash rknn-toolkit2 2.5.0 (calibration set, rk3588), for the
exact workaround rewrites: timm qkv with a zero bias, ultralytics PSA attention, distillation heads,
dynamo LSTM layout=0."""
from __future__ import annotations

import numpy as np
from onnx import TensorProto, helper

from conftest import init, make_model

_rng = np.random.default_rng(0)


def _w(*shape, scale=0.1):
    return (_rng.standard_normal(shape) * scale).astype(np.float32)


def qkv_zero_bias(n=17, c=64, heads=4):
    """timm Attention: Add(zero bias, MatMul) -> Reshape [1,N,3,h,d] -> Transpose(2,0,3,1,4) -> Split -> attention."""
    d = c // heads
    inits = [init("W", _w(c, 3 * c)), init("b", np.zeros(3 * c, np.float32)),
             init("s5", np.array([1, n, 3, heads, d], np.int64)), init("sp", np.array([1, 1, 1], np.int64)),
             init("ax", np.array([0], np.int64)), init("so", np.array([1, n, c], np.int64))]
    nodes = [helper.make_node("MatMul", ["x", "W"], ["mm"], name="qkv_matmul"),
             helper.make_node("Add", ["b", "mm"], ["qkv"], name="qkv_add"),
             helper.make_node("Reshape", ["qkv", "s5"], ["r"]),
             helper.make_node("Transpose", ["r"], ["rt"], perm=[2, 0, 3, 1, 4]),
             helper.make_node("Split", ["rt", "sp"], ["q0", "k0", "v0"], axis=0, name="qkv_split")]
    nodes += [helper.make_node("Squeeze", [t + "0", "ax"], [t + "h"]) for t in "qkv"]
    nodes += [helper.make_node("Transpose", ["kh"], ["kt"], perm=[0, 1, 3, 2]),
              helper.make_node("MatMul", ["qh", "kt"], ["s"]), helper.make_node("Softmax", ["s"], ["p"], axis=-1),
              helper.make_node("MatMul", ["p", "vh"], ["a"]), helper.make_node("Transpose", ["a"], ["at"], perm=[0, 2, 1, 3]),
              helper.make_node("Reshape", ["at", "so"], ["y"])]
    return make_model(nodes, [("x", [1, n, c])], [("y", [1, n, c])], inits)


def psa_attention(c=64, heads=2, hw=8, key=16):
    """ultralytics Attention (C2PSA / PSA): qkv conv -> view -> split -> softmax(q^T k) -> v @ attn^T -> + pe(v)."""
    head = c // heads
    n = hw * hw
    inits = [init("wqkv", _w(c + 2 * key * heads, c, 1, 1)), init("wpe", _w(c, 1, 3, 3)),
             init("wproj", _w(c, c, 1, 1)), init("s4", np.array([1, heads, 2 * key + head, n], np.int64)),
             init("sp", np.array([key, key, head], np.int64)), init("scale", np.array(key ** -0.5, np.float32)),
             init("sback", np.array([1, c, hw, hw], np.int64))]
    nodes = [helper.make_node("Conv", ["x", "wqkv"], ["qkv"], name="attn_qkv"),
             helper.make_node("Reshape", ["qkv", "s4"], ["r"]),
             helper.make_node("Split", ["r", "sp"], ["q", "k", "v"], axis=2),
             helper.make_node("Mul", ["q", "scale"], ["qs"]),
             helper.make_node("Transpose", ["qs"], ["qt"], perm=[0, 1, 3, 2]),
             helper.make_node("MatMul", ["qt", "k"], ["att"], name="attn_qk"),
             helper.make_node("Softmax", ["att"], ["p"], axis=-1, name="attn_softmax"),
             helper.make_node("Transpose", ["p"], ["pt"], perm=[0, 1, 3, 2], name="attn_pt"),
             helper.make_node("MatMul", ["v", "pt"], ["o"], name="attn_v"),
             helper.make_node("Reshape", ["o", "sback"], ["o4"]),
             helper.make_node("Reshape", ["v", "sback"], ["v4"]),
             helper.make_node("Conv", ["v4", "wpe"], ["pe"], group=c, pads=[1, 1, 1, 1], name="attn_pe"),
             helper.make_node("Add", ["o4", "pe"], ["sum"]),
             helper.make_node("Conv", ["sum", "wproj"], ["y"], name="attn_proj")]
    return make_model(nodes, [("x", [1, c, hw, hw])], [("y", [1, c, hw, hw])], inits)


def distill_head(c=32, classes=10, bn=True):
    """timm distillation classifier: pooled features -> (BN) -> Gemm head and (BN) -> Gemm head_dist -> Add -> /2."""
    inits = [init("w1", _w(classes, c)), init("b1", _w(classes)), init("w2", _w(classes, c)), init("b2", _w(classes)),
             init("two", np.array(2.0, np.float32)), init("axes", np.array([2, 3], np.int64))]
    nodes = [helper.make_node("ReduceMean", ["x"], ["pool"], axes=[2, 3], keepdims=0)]
    a, b = "pool", "pool"
    if bn:
        for k in ("1", "2"):
            inits += [init(f"g{k}", _rng.random(c).astype(np.float32) + 0.5), init(f"be{k}", _w(c)),
                      init(f"m{k}", _w(c)), init(f"v{k}", _rng.random(c).astype(np.float32) + 0.5)]
            nodes.append(helper.make_node("BatchNormalization", ["pool", f"g{k}", f"be{k}", f"m{k}", f"v{k}"], [f"bn{k}"]))
        a, b = "bn1", "bn2"
    nodes += [helper.make_node("Gemm", [a, "w1", "b1"], ["h1"], transB=1, name="head"),
              helper.make_node("Gemm", [b, "w2", "b2"], ["h2"], transB=1, name="head_dist"),
              helper.make_node("Add", ["h1", "h2"], ["s"], name="heads_add"),
              helper.make_node("Div", ["s", "two"], ["y"])]
    return make_model(nodes, [("x", [1, c, 4, 4])], [("y", [1, classes])], inits)


def lstm_layout0(t=10, i=8, h=16):
    inits = [init("W", _w(1, 4 * h, i)), init("R", _w(1, 4 * h, h)), init("B", _w(1, 8 * h))]
    nodes = [helper.make_node("LSTM", ["x", "W", "R", "B"], ["y"], hidden_size=h, layout=0, name="lstm")]
    return make_model(nodes, [("x", [t, 1, i])], [("y", [t, 1, 1, h])], inits, opset=18, ir_version=8)


__all__ = ["TensorProto", "distill_head", "lstm_layout0", "psa_attention", "qkv_zero_bias"]
