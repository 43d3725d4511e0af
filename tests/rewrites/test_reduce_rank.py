"""reduce-rank: rank-5/6 reshape-transpose regions become rank <= 4, bit-identical outputs."""
from __future__ import annotations

import numpy as np
import onnx
import pytest
from _rw import apply, assert_same, max_rank, ops, tagged
from onnx import helper

from conftest import init, make_model, shared_model


def _i64(name, values):
    return init(name, np.array(values, np.int64))


def channel_shuffle(c=8, g=2, hw=4):
    nodes = [helper.make_node("Reshape", ["x", "s5"], ["r"], name="split_groups"),
             helper.make_node("Transpose", ["r"], ["t"], perm=[0, 2, 1, 3, 4], name="swap"),
             helper.make_node("Reshape", ["t", "s4"], ["y"], name="merge")]
    return make_model(nodes, [("x", [1, c, hw, hw])], [("y", [1, c, hw, hw])],
                      [_i64("s5", [1, g, c // g, hw, hw]), _i64("s4", [1, c, hw, hw])])


def window_partition(h=8, w=8, c=4, ws=4):
    """Swin: x [B,H,W,C] -> [B,H/ws,ws,W/ws,ws,C] -> perm(0,1,3,2,4,5) -> [-1,ws*ws,C], then the reverse."""
    nodes = [helper.make_node("Reshape", ["x", "s6"], ["a"], name="partition_reshape"),
             helper.make_node("Transpose", ["a"], ["b"], perm=[0, 1, 3, 2, 4, 5], name="partition_perm"),
             helper.make_node("Reshape", ["b", "win"], ["windows"], name="windows"),
             helper.make_node("Relu", ["windows"], ["wr"]),
             helper.make_node("Reshape", ["wr", "s6b"], ["c"], name="reverse_reshape"),
             helper.make_node("Transpose", ["c"], ["d"], perm=[0, 1, 3, 2, 4, 5], name="reverse_perm"),
             helper.make_node("Reshape", ["d", "s4"], ["y"], name="reverse_merge")]
    inits = [_i64("s6", [1, h // ws, ws, w // ws, ws, c]), _i64("win", [-1, ws * ws, c]),
             _i64("s6b", [1, h // ws, w // ws, ws, ws, c]), _i64("s4", [1, h, w, c])]
    return make_model(nodes, [("x", [1, h, w, c])], [("y", [1, h, w, c])], inits)


def yolov5_head(na=3, no=7, hw=4):
    """Conv output [1, na*no, H, W] -> [1, na, no, H, W] -> perm(0,1,3,4,2) -> sigmoid -> xy*2+grid, cat, -> [1,-1,no]."""
    grid = np.random.default_rng(0).random((1, 1, hw, hw, 2)).astype(np.float32)
    anchor = np.random.default_rng(1).random((1, na, 1, 1, 2)).astype(np.float32)
    nodes = [helper.make_node("Reshape", ["x", "s5"], ["r"], name="head_reshape"),
             helper.make_node("Transpose", ["r"], ["t"], perm=[0, 1, 3, 4, 2], name="head_perm"),
             helper.make_node("Sigmoid", ["t"], ["s"]),
             helper.make_node("Slice", ["s", "z", "two", "ax"], ["xy"]),
             helper.make_node("Slice", ["s", "two", "four", "ax"], ["wh"]),
             helper.make_node("Slice", ["s", "four", "big", "ax"], ["conf"]),
             helper.make_node("Mul", ["xy", "k2"], ["xy2"]), helper.make_node("Add", ["xy2", "grid"], ["xy3"]),
             helper.make_node("Pow", ["wh", "k2"], ["wh2"]), helper.make_node("Mul", ["wh2", "anchor"], ["wh3"]),
             helper.make_node("Concat", ["xy3", "wh3", "conf"], ["cat"], axis=-1),
             helper.make_node("Reshape", ["cat", "s3"], ["y"], name="flatten")]
    inits = [_i64("s5", [1, na, no, hw, hw]), _i64("z", [0]), _i64("two", [2]), _i64("four", [4]), _i64("big", [99]),
             _i64("ax", [-1]), init("k2", np.array(2.0, np.float32)), init("grid", grid), init("anchor", anchor),
             _i64("s3", [1, -1, no])]
    return make_model(nodes, [("x", [1, na * no, hw, hw])], [("y", [1, na * hw * hw, no])], inits)


@pytest.mark.parametrize("build, pattern", [(channel_shuffle, "channel shuffle"), (window_partition, "window partition"),
                                            (yolov5_head, "detect head")])
def test_minimal_patterns(build, pattern):
    m = build()
    assert max_rank(m) > 4
    res = apply("reduce-rank", m, codes=("RKN501",))
    assert res.changed and pattern in res.notes[0]
    assert max_rank(res.model) <= 4
    assert tagged(res.model, "reduce-rank") and all("RKN501" in n.doc_string for n in tagged(res.model, "reduce-rank"))
    assert_same(m, res.model, rtol=0, atol=0)


def test_window_partition_merges_batch_rows_and_window_channels():
    res = apply("reduce-rank", window_partition())
    assert "[1, 2, 4, 2, 4, 4] -> [2, 4, 2, 16]" in res.notes[0]


@pytest.mark.parametrize("name, shapes, count", [
    ("cls_shufflenet_v2_x1_0_op13.onnx", None, 16),
    ("det_yolov5style_nc20_320_op12.onnx", None, 3),
    ("cls_tiny_vit_5d_op14.onnx", None, 2),
])
def test_real_models(name, shapes, count):
    m = onnx.load(shared_model(name))
    assert max_rank(m) > 4
    res = apply("reduce-rank", m)
    regions = [n for n in res.notes if " at '" in n]
    assert len(regions) == count, res.notes
    assert max_rank(res.model) <= 4
    assert_same(m, res.model, runs=1, rtol=0, atol=0)


def test_real_transformer_attention_after_pinning():
    m = onnx.load(shared_model("seq_transformer_encoder_dynseq_op17.onnx"))
    pinned = apply("pin-input-shapes", m, input_shapes={"feats": (1, 50, 128)}).model
    res = apply("reduce-rank", pinned)
    assert [n.split(" at ")[0] for n in res.notes] == ["attention qkv split"] * 2
    assert max_rank(res.model) <= 4
    assert_same(pinned, res.model, rtol=0, atol=0)


def test_unsupported_consumer_keeps_the_region():
    nodes = [helper.make_node("Reshape", ["x", "s5"], ["r"], name="to5d"),
             helper.make_node("InstanceNormalization", ["r", "sc", "b"], ["y"], name="norm")]
    m = make_model(nodes, [("x", [1, 4, 2, 2])], [("y", [1, 2, 2, 2, 2])],
                   [_i64("s5", [1, 2, 2, 2, 2]), init("sc", np.ones(2, np.float32)), init("b", np.zeros(2, np.float32))])
    res = apply("reduce-rank", m)
    assert not res.changed and "InstanceNormalization 'norm' reads the rank-5 tensor" in res.notes[0]
    assert ops(res.model) == ops(m)
