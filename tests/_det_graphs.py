"""Minimal detector / classifier graphs for the head-boundary and post-processing tests."""
from __future__ import annotations

import numpy as np
from onnx import helper

from conftest import init, make_model

_rng = np.random.default_rng(0)


def _w(*shape):
    return (_rng.standard_normal(shape) * 0.1).astype(np.float32)


def dfl_detector(branches: int = 3, slice_after: bool = True, decode: bool = True, concat_scores: bool = True,
                 nc: int = 2, size: int = 8):
    """A YOLOv8-like head: per-stride box (64 ch) and cls convs, Concat, DFL (softmax + arange conv),
    Slice into lt / rb, anchor decode, Concat with sigmoid scores."""
    nodes, inits, box_parts, cls_parts = [], [init("wb", _w(64, 3, 3, 3)), init("wc", _w(nc, 3, 3, 3))], [], []
    inits += [init("rb", np.array([1, 64, -1], np.int64)), init("rc", np.array([1, nc, -1], np.int64))]
    anchors = 0
    for k in range(branches):
        s = 2 ** k
        nodes += [helper.make_node("Conv", ["x", "wb"], [f"box{k}"], pads=[1, 1, 1, 1], strides=[s, s], name=f"box_conv{k}"),
                  helper.make_node("Conv", ["x", "wc"], [f"cls{k}"], pads=[1, 1, 1, 1], strides=[s, s], name=f"cls_conv{k}"),
                  helper.make_node("Reshape", [f"box{k}", "rb"], [f"boxf{k}"]),
                  helper.make_node("Reshape", [f"cls{k}", "rc"], [f"clsf{k}"])]
        box_parts.append(f"boxf{k}")
        cls_parts.append(f"clsf{k}")
        anchors += (size // s) ** 2
    a = anchors
    nodes += [helper.make_node("Concat", box_parts, ["boxcat"], axis=2, name="box_concat"),
              helper.make_node("Concat", cls_parts, ["clscat"], axis=2, name="cls_concat"),
              helper.make_node("Sigmoid", ["clscat"], ["scores"], name="score_sigmoid")]
    inits += [init("s4", np.array([1, 4, 16, a], np.int64)), init("proj", np.arange(16, dtype=np.float32).reshape(1, 16, 1, 1)),
              init("s3", np.array([1, 4, a], np.int64))]
    nodes += [helper.make_node("Reshape", ["boxcat", "s4"], ["d0"]),
              helper.make_node("Transpose", ["d0"], ["d1"], perm=[0, 3, 1, 2]),
              helper.make_node("Softmax", ["d1"], ["d2"], axis=3, name="dfl_softmax"),
              helper.make_node("Transpose", ["d2"], ["d3"], perm=[0, 3, 2, 1]),
              helper.make_node("Conv", ["d3", "proj"], ["d4"], name="dfl_conv"),
              helper.make_node("Reshape", ["d4", "s3"], ["dist"], name="dfl_reshape")]
    out = "dist"
    if slice_after:
        inits += [init("z", np.array([0], np.int64)), init("two", np.array([2], np.int64)),
                  init("four", np.array([4], np.int64)), init("ax1", np.array([1], np.int64))]
        nodes += [helper.make_node("Slice", ["dist", "z", "two", "ax1"], ["lt"], name="slice_lt"),
                  helper.make_node("Slice", ["dist", "two", "four", "ax1"], ["rb_"], name="slice_rb")]
        if decode:
            inits += [init("anc", _rng.random((2, a)).astype(np.float32) * size)]
            nodes += [helper.make_node("Sub", ["anc", "lt"], ["x1"], name="decode_sub"),
                      helper.make_node("Add", ["anc", "rb_"], ["x2"], name="decode_add"),
                      helper.make_node("Concat", ["x1", "x2"], ["boxes"], axis=1)]
            out = "boxes"
        else:
            nodes.append(helper.make_node("Concat", ["lt", "rb_"], ["boxes"], axis=1))
            out = "boxes"
    if concat_scores:
        nodes.append(helper.make_node("Concat", [out, "scores"], ["output0"], axis=1, name="final_concat"))
        outputs = [("output0", [1, 4 + nc, a])]
    else:
        outputs = [(out, [1, 4, a]), ("scores", [1, nc, a])]
    return make_model(nodes, [("x", [1, 3, size, size])], outputs, inits)


def nms_detector():
    """Conv box and score heads, then NonMaxSuppression on the (reshaped) outputs."""
    inits = [init("wb", _w(4, 3, 3, 3)), init("wc", _w(1, 3, 3, 3)), init("sb", np.array([1, -1, 4], np.int64)),
             init("perm_s", np.array([1, 1, -1], np.int64)), init("maxo", np.array([10], np.int64))]
    nodes = [helper.make_node("Conv", ["x", "wb"], ["box"], pads=[1, 1, 1, 1], name="box_conv"),
             helper.make_node("Conv", ["x", "wc"], ["cls"], pads=[1, 1, 1, 1], name="cls_conv"),
             helper.make_node("Sigmoid", ["cls"], ["clsp"], name="cls_sigmoid"),
             helper.make_node("Transpose", ["box"], ["boxt"], perm=[0, 2, 3, 1]),
             helper.make_node("Reshape", ["boxt", "sb"], ["boxes"]),
             helper.make_node("Reshape", ["clsp", "perm_s"], ["scores"]),
             helper.make_node("NonMaxSuppression", ["boxes", "scores", "maxo"], ["sel"], name="nms")]
    return make_model(nodes, [("x", [1, 3, 8, 8])], [("sel", ["K", 3])], inits)


def classifier():
    inits = [init("w", _w(8, 3, 3, 3)), init("fc", _w(8, 10))]
    nodes = [helper.make_node("Conv", ["x", "w"], ["c"], pads=[1, 1, 1, 1]),
             helper.make_node("Relu", ["c"], ["r"]),
             helper.make_node("GlobalAveragePool", ["r"], ["g"]),
             helper.make_node("Flatten", ["g"], ["f"]),
             helper.make_node("MatMul", ["f", "fc"], ["logits"]),
             helper.make_node("Softmax", ["logits"], ["prob"], axis=1)]
    return make_model(nodes, [("x", [1, 3, 8, 8])], [("prob", [1, 10])], inits)


def segmenter():
    """Conv -> Sigmoid -> Mul by 255 -> Resize: a mask, not a detector."""
    inits = [init("w", _w(1, 3, 3, 3)), init("k", np.array(255.0, np.float32)),
             init("sc", np.array([1, 1, 2, 2], np.float32))]
    nodes = [helper.make_node("Conv", ["x", "w"], ["c"], pads=[1, 1, 1, 1]),
             helper.make_node("Sigmoid", ["c"], ["s"]),
             helper.make_node("Mul", ["s", "k"], ["m"]),
             helper.make_node("Resize", ["m", "", "sc"], ["y"], mode="linear")]
    return make_model(nodes, [("x", [1, 3, 8, 8])], [("y", [1, 1, 16, 16])], inits)


def two_stage_detector():
    """Proposals -> NonMaxSuppression -> Gather of features -> MatMul: post-processing feeds a later layer."""
    inits = [init("wb", _w(4, 3, 3, 3)), init("wc", _w(1, 3, 3, 3)), init("wf", _w(8, 3, 3, 3)),
             init("sb", np.array([1, -1, 4], np.int64)), init("ss", np.array([1, 1, -1], np.int64)),
             init("sf", np.array([-1, 8], np.int64)), init("maxo", np.array([5], np.int64)),
             init("col", np.array([2], np.int64)), init("fc", _w(8, 2))]
    nodes = [helper.make_node("Conv", ["x", "wb"], ["box"], pads=[1, 1, 1, 1]),
             helper.make_node("Conv", ["x", "wc"], ["cls"], pads=[1, 1, 1, 1]),
             helper.make_node("Conv", ["x", "wf"], ["feat"], pads=[1, 1, 1, 1]),
             helper.make_node("Sigmoid", ["cls"], ["clsp"]),
             helper.make_node("Transpose", ["box"], ["boxt"], perm=[0, 2, 3, 1]),
             helper.make_node("Reshape", ["boxt", "sb"], ["boxes"]),
             helper.make_node("Reshape", ["clsp", "ss"], ["scores"]),
             helper.make_node("NonMaxSuppression", ["boxes", "scores", "maxo"], ["sel"], name="rpn_nms"),
             helper.make_node("Gather", ["sel", "col"], ["idx2"], axis=1),
             helper.make_node("Flatten", ["idx2"], ["idx"], axis=0),
             helper.make_node("Transpose", ["feat"], ["ft"], perm=[0, 2, 3, 1]),
             helper.make_node("Reshape", ["ft", "sf"], ["rows"]),
             helper.make_node("Gather", ["rows", "idx"], ["picked0"], axis=0),
             helper.make_node("Squeeze", ["picked0"], ["picked"]),
             helper.make_node("MatMul", ["picked", "fc"], ["logits"], name="roi_head")]
    return make_model(nodes, [("x", [1, 3, 8, 8])], [("logits", ["K", 2])], inits)
