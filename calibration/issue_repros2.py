"""A second batch of small models reproducing op patterns of public rknn-toolkit2 issue reports.

Issue 12: crash classes nobody wrote a pattern for pass as "builds". Like issue_repros.py (whose helpers, manifest
format and conventions this reuses), each model here is one report of the public trackers
(github.com/airockchip/rknn-toolkit2, github.com/rockchip-linux/rknn-toolkit2, github.com/airockchip/rknn_model_zoo)
that names a concrete op pattern and what the toolkit did with it: a build error or crash in a named pass or fuse
rule, a CPU fallback, an op accepted on one family and not another. None of these reports is in issue_repros.py. The
model is written from the report's description (shapes, attributes and opset as reported where the report gives
them, a small stand-in where it does not: `guessed` says which), never from the reporter's file.

    python calibration/issue_repros2.py --out /work/calib/issue-repros2/models      # models + manifest.json

Then build each row one at a time and score it (issue_repros.py's loop; the rows of results/issue-repros2/):

    for row in rk3588:float16:2.3.2 rk3566:float16:2.3.2 rv1106:int8:2.3.2 rk3576:float16:2.3.2 \\
               rk3562:float16:2.3.2 rk2118:float16:2.3.2 rv1106b:int8:2.3.2 rk3588:int8:2.3.2 \\
               rk3588:float16:2.5.0 rv1106:int8:2.5.0 rk3588:float16:2.3.0; do
      IFS=: read t d v <<< "$row"
      nice -n 10 .venv/bin/python calibration/run_toolkit.py --models /work/calib/issue-repros2/models \\
          --target $t --dtype $d --python <venv python of $v> --jobs 1 \\
          --out /work/calib/issue-repros2/$t-$d-$v/truth.json
      .venv/bin/python calibration/score.py --truth /work/calib/issue-repros2/$t-$d-$v/truth.json \\
          --models /work/calib/issue-repros2/models --results calibration/results/issue-repros2/$t-$d-$v.json
    done

The manifest gives per model: `source` (the issue URL), `reported` (target, toolkit version and what the toolkit
did, in the reporter's words), `family` = "issue" and `arch` = the report's model kind, for score.py.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
from onnx import TensorProto, helper

sys.path.insert(0, str(Path(__file__).resolve().parent))
from issue_repros import A, R, Z, F, _conv, _i64, _model, _t, _vi, _w, write  # noqa: E402

RNG = np.random.RandomState(25)


def _mm(name: str, x: str, y: str, cin: int, cout: int) -> tuple[list, list]:
    """A Linear as TorchScript writes it: MatMul by a stored [cin, cout] weight, then Add of the bias."""
    w, b = _w(name + "_w", cin, cout), _w(name + "_b", cout)
    return ([helper.make_node("MatMul", [x, w.name], [name + "_mm"], name=name),
             helper.make_node("Add", [name + "_mm", b.name], [y], name=name + "_add")], [w, b])


# ------------------------------------------------------------------------------------------------ the reports
def yolov5_head_5d():
    """YOLOv5's detect head at the stride-8 level of a 1280 input: Conv to 3 anchors x 9 (4 classes) -> Reshape
    [1, 3, 9, 160, 160] -> Transpose(0, 1, 3, 4, 2) -> output."""
    c0, i0 = _conv("m0", "x", "c", 32, 27)
    rs = helper.make_node("Reshape", ["c", "shp"], ["r"], name="view")
    tp = helper.make_node("Transpose", ["r"], ["y"], name="permute", perm=[0, 1, 3, 4, 2])
    return _model([c0, rs, tp], [_vi("x", [1, 32, 160, 160])], [_vi("y", [1, 3, 160, 160, 9])],
                  i0 + [_i64("shp", [1, 3, 9, 160, 160])])


def atan_phase():
    """A vocoder's phase from two Conv branches: atan(im / re) (Div -> Atan) -> Mul -> output."""
    cr, ir = _conv("re", "x", "re_o", 16, 16)
    ci, ii = _conv("im", "x", "im_o", 16, 16)
    nodes = [cr, ci, helper.make_node("Div", ["im_o", "re_o"], ["q"], name="div"),
             helper.make_node("Atan", ["q"], ["a"], name="atan"),
             helper.make_node("Mul", ["a", "two"], ["y"], name="scale")]
    return _model(nodes, [_vi("x", [1, 16, 1, 64])], [_vi("y", [1, 16, 1, 64])],
                  ir + ii + [_t("two", np.array(2.0, dtype=F))])


def tokens_to_map_identity():
    """A transformer's tokens back to a map as the graph output: Slice off the class token -> Transpose -> Reshape
    [1, 64, 20, 40] -> Identity -> output."""
    nodes = [helper.make_node("Slice", ["x", "s1", "send", "ax1"], ["p"], name="drop_cls"),
             helper.make_node("Transpose", ["p"], ["pt"], name="to_channels", perm=[0, 2, 1]),
             helper.make_node("Reshape", ["pt", "shp"], ["m"], name="to_map"),
             helper.make_node("Identity", ["m"], ["y"], name="identity")]
    return _model(nodes, [_vi("x", [1, 801, 64])], [_vi("y", [1, 64, 20, 40])],
                  [_i64("s1", [1]), _i64("send", [801]), _i64("ax1", [1]), _i64("shp", [1, 64, 20, 40])])


def map_attention_pool():
    """SigLIP's attention-pooling head: one learned query over 576 tokens, 16 heads of 64: q [1, 16, 1, 64] @ k^T
    [1, 16, 64, 576] -> Softmax -> @ v -> merge heads -> Linear."""
    d, h, n = 1024, 16, 576
    q_nodes, q_inits = _mm("q_proj", "probe", "q2", d, d)
    nodes, inits = list(q_nodes), list(q_inits) + [_t("probe", (RNG.randn(1, 1, d) * 0.1).astype(F)),
                                                   _i64("q_shp", [1, 1, h, 64]), _i64("kv_shp", [1, n, h, 64]),
                                                   _i64("o_shp", [1, 1, d]), _t("scale", np.array(0.125, dtype=F))]
    for p in "kv":
        pn, pi = _mm(p + "_proj", "x", p + "2", d, d)
        nodes += pn
        inits += pi
    nodes += [helper.make_node("Reshape", ["q2", "q_shp"], ["q3"], name="q_split"),
              helper.make_node("Transpose", ["q3"], ["q"], name="q_heads", perm=[0, 2, 1, 3]),
              helper.make_node("Reshape", ["k2", "kv_shp"], ["k3"], name="k_split"),
              helper.make_node("Transpose", ["k3"], ["kt"], name="k_heads_t", perm=[0, 2, 3, 1]),
              helper.make_node("Reshape", ["v2", "kv_shp"], ["v3"], name="v_split"),
              helper.make_node("Transpose", ["v3"], ["v"], name="v_heads", perm=[0, 2, 1, 3]),
              helper.make_node("MatMul", ["q", "kt"], ["s"], name="qk"),
              helper.make_node("Mul", ["s", "scale"], ["ss"], name="scale_mul"),
              helper.make_node("Softmax", ["ss"], ["a"], name="softmax", axis=-1),
              helper.make_node("MatMul", ["a", "v"], ["o"], name="av"),
              helper.make_node("Transpose", ["o"], ["ot"], name="merge_tp", perm=[0, 2, 1, 3]),
              helper.make_node("Reshape", ["ot", "o_shp"], ["om"], name="merge")]
    on, oi = _mm("out_proj", "om", "y", d, d)
    return _model(nodes + on, [_vi("x", [1, n, d])], [_vi("y", [1, 1, d])], inits + oi)


def lstm_no_bias():
    """One LSTM layer, hidden 128, no bias input, over a [1, 1, 128] sequence (opset 12), Y and Y_h as outputs."""
    node = helper.make_node("LSTM", ["x", "W", "R"], ["y", "yh"], name="lstm", hidden_size=128)
    return _model([node], [_vi("x", [1, 1, 128])], [_vi("y", [1, 1, 1, 128]), _vi("yh", [1, 1, 128])],
                  [_w("W", 1, 512, 128), _w("R", 1, 512, 128)], opset=12)


def not_bool_mask():
    """EdgeSAM's prompt encoder: labels == -1 -> Not -> Cast to float -> Mul with the point embeddings, plus the
    not-a-point embedding where labels == -1."""
    nodes = [helper.make_node("Equal", ["labels", "neg1"], ["pad"], name="is_pad"),
             helper.make_node("Not", ["pad"], ["keep"], name="not"),
             helper.make_node("Cast", ["keep"], ["kf"], name="keep_f", to=TensorProto.FLOAT),
             helper.make_node("Cast", ["pad"], ["pf"], name="pad_f", to=TensorProto.FLOAT),
             helper.make_node("Unsqueeze", ["kf", "ax2"], ["ku"], name="keep_u"),
             helper.make_node("Unsqueeze", ["pf", "ax2"], ["pu"], name="pad_u"),
             helper.make_node("Mul", ["pts", "ku"], ["e0"], name="keep_mul"),
             helper.make_node("Mul", ["pu", "not_a_point"], ["e1"], name="pad_mul"),
             helper.make_node("Add", ["e0", "e1"], ["y"], name="add")]
    return _model(nodes, [_vi("pts", [1, 5, 256]), _vi("labels", [1, 5])], [_vi("y", [1, 5, 256])],
                  [_t("neg1", np.array(-1.0, dtype=F)), _i64("ax2", [2]), _w("not_a_point", 1, 1, 256)])


def convtranspose_sr_tail():
    """FSRCNN-style x4 tail of a real-time super-resolution net: ConvTranspose 56 -> 3, kernel 9, stride 4, pads 4,
    output_padding 3."""
    c0, i0 = _conv("mid", "x", "m", 56, 56, 3)
    w, b = _w("up_w", 56, 3, 9, 9), _w("up_b", 3)
    up = helper.make_node("ConvTranspose", ["m", w.name, b.name], ["y"], name="deconv", kernel_shape=[9, 9],
                          strides=[4, 4], pads=[4, 4, 4, 4], output_padding=[3, 3])
    return _model([c0, up], [_vi("x", [1, 56, 90, 160])], [_vi("y", [1, 3, 360, 640])], i0 + [w, b])


def ibnorm_instancenorm():
    """MODNet's IBNorm: Conv -> Split the channels in halves -> BatchNormalization on one, InstanceNormalization on
    the other -> Concat -> Relu."""
    c0, i0 = _conv("conv", "x", "c", 16, 32, 3)
    nodes = [c0, helper.make_node("Split", ["c", "halves"], ["c0", "c1"], name="split", axis=1),
             helper.make_node("BatchNormalization", ["c0", "bn_g", "bn_b", "bn_m", "bn_v"], ["b0"], name="bn"),
             helper.make_node("InstanceNormalization", ["c1", "in_g", "in_b"], ["b1"], name="inorm", epsilon=1e-5),
             helper.make_node("Concat", ["b0", "b1"], ["cat"], name="concat", axis=1),
             helper.make_node("Relu", ["cat"], ["y"], name="relu")]
    inits = i0 + [_i64("halves", [16, 16]), _t("bn_g", (1 + RNG.randn(16) * 0.1).astype(F)), _w("bn_b", 16),
                  _w("bn_m", 16), _t("bn_v", (1 + RNG.rand(16)).astype(F)),
                  _t("in_g", (1 + RNG.randn(16) * 0.1).astype(F)), _w("in_b", 16)]
    return _model(nodes, [_vi("x", [1, 16, 64, 64])], [_vi("y", [1, 32, 64, 64])], inits)


def gap_large_map():
    """A classifier head on a large map: Conv -> GlobalAveragePool over 160 x 160 (past 128) -> Flatten -> Gemm."""
    c0, i0 = _conv("conv", "x", "c", 16, 32, 3)
    nodes = [c0, helper.make_node("GlobalAveragePool", ["c"], ["g"], name="gap"),
             helper.make_node("Flatten", ["g"], ["f"], name="flatten", axis=1),
             helper.make_node("Gemm", ["f", "fc_w", "fc_b"], ["y"], name="fc", transB=1)]
    return _model(nodes, [_vi("x", [1, 16, 160, 160])], [_vi("y", [1, 10])], i0 + [_w("fc_w", 10, 32), _w("fc_b", 10)])


def obb_angle_decode():
    """YOLO11-OBB's rotated box decode: angle = (Sigmoid(Conv) - 0.25) * pi -> Cos, Sin -> rotate the (w - h) / 2
    offset -> add to the anchor centres -> Concat."""
    ca, ia = _conv("ang", "x", "a", 16, 1)
    cb, ib = _conv("box", "x", "b", 16, 4)
    nodes = [ca, cb,
             helper.make_node("Reshape", ["a", "shp1"], ["a1"], name="ang_flat"),
             helper.make_node("Sigmoid", ["a1"], ["as"], name="ang_sigmoid"),
             helper.make_node("Sub", ["as", "quarter"], ["ad"], name="ang_sub"),
             helper.make_node("Mul", ["ad", "pi"], ["th"], name="ang_pi"),
             helper.make_node("Cos", ["th"], ["cos"], name="cos"),
             helper.make_node("Sin", ["th"], ["sin"], name="sin"),
             helper.make_node("Reshape", ["b", "shp4"], ["b4"], name="box_flat"),
             helper.make_node("Split", ["b4", "two2"], ["lt", "rb"], name="split", axis=1),
             helper.make_node("Sub", ["rb", "lt"], ["d"], name="half_diff"),
             helper.make_node("Mul", ["d", "half"], ["d2"], name="half"),
             helper.make_node("Split", ["d2", "one1"], ["dx", "dy"], name="split_xy", axis=1),
             helper.make_node("Mul", ["dx", "cos"], ["xc"], name="x_cos"),
             helper.make_node("Mul", ["dy", "sin"], ["ys"], name="y_sin"),
             helper.make_node("Sub", ["xc", "ys"], ["rx"], name="rot_x"),
             helper.make_node("Mul", ["dx", "sin"], ["xs"], name="x_sin"),
             helper.make_node("Mul", ["dy", "cos"], ["yc"], name="y_cos"),
             helper.make_node("Add", ["xs", "yc"], ["ry"], name="rot_y"),
             helper.make_node("Concat", ["rx", "ry"], ["r"], name="rot_cat", axis=1),
             helper.make_node("Add", ["r", "anchors"], ["xy"], name="centre"),
             helper.make_node("Concat", ["xy", "th"], ["y"], name="out_cat", axis=1)]
    inits = ia + ib + [_i64("shp1", [1, 1, 1600]), _i64("shp4", [1, 4, 1600]), _i64("two2", [2, 2]),
                       _i64("one1", [1, 1]), _t("quarter", np.array(0.25, dtype=F)),
                       _t("pi", np.array(np.pi, dtype=F)), _t("half", np.array(0.5, dtype=F)),
                       _t("anchors", (RNG.rand(1, 2, 1600) * 40).astype(F))]
    return _model(nodes, [_vi("x", [1, 16, 40, 40])], [_vi("y", [1, 3, 1600])], inits)


def topk_scores():
    """YOLOv10's one-to-one post-process: class scores [1, 8400, 80] -> ReduceMax over classes -> TopK 300 ->
    GatherElements of the boxes at those indices."""
    nodes = [helper.make_node("ReduceMax", ["scores"], ["mx"], name="reducemax", axes=[-1], keepdims=0),
             helper.make_node("TopK", ["mx", "k"], ["tv", "ti"], name="topk", axis=-1),
             helper.make_node("Unsqueeze", ["ti", "ax2"], ["tiu"], name="idx_u"),
             helper.make_node("Tile", ["tiu", "rep"], ["idx"], name="idx_tile"),
             helper.make_node("GatherElements", ["boxes", "idx"], ["y"], name="gather_boxes", axis=1)]
    return _model(nodes, [_vi("scores", [1, 8400, 80]), _vi("boxes", [1, 8400, 4])],
                  [_vi("y", [1, 300, 4]), _vi("tv", [1, 300])],
                  [_i64("k", [300]), _i64("ax2", [2]), _i64("rep", [1, 1, 4])])


def flatten_topk_large():
    """A keypoint heatmap's peaks: Conv -> Reshape [1, 393216] (the whole 512 x 768 map) -> TopK 100."""
    c0, i0 = _conv("heat", "x", "h", 8, 1)
    nodes = [c0, helper.make_node("Reshape", ["h", "shp"], ["f"], name="flatten"),
             helper.make_node("TopK", ["f", "k"], ["y", "yi"], name="topk", axis=-1)]
    return _model(nodes, [_vi("x", [1, 8, 512, 768])],
                  [_vi("y", [1, 100]), _vi("yi", [1, 100], TensorProto.INT64)],
                  i0 + [_i64("shp", [1, 512 * 768]), _i64("k", [100])])


def gridsample_deform():
    """RT-DETR / RF-DETR's deformable sampling: a value map [1, 32, 32, 32] sampled by GridSample (bilinear, zeros,
    align_corners 0; opset 16) at 300 queries x 4 points whose grid comes from Linear -> Tanh."""
    gn, gi = _mm("offsets", "q", "g2", 64, 8)
    nodes = gn + [helper.make_node("Tanh", ["g2"], ["g3"], name="tanh"),
                  helper.make_node("Reshape", ["g3", "gshp"], ["grid"], name="grid_view"),
                  helper.make_node("GridSample", ["v", "grid"], ["s"], name="grid_sample", mode="bilinear",
                                   padding_mode="zeros", align_corners=0),
                  helper.make_node("ReduceMean", ["s"], ["y"], name="point_mean", axes=[3], keepdims=0)]
    return _model(nodes, [_vi("v", [1, 32, 32, 32]), _vi("q", [1, 300, 64])], [_vi("y", [1, 32, 300])],
                  gi + [_i64("gshp", [1, 300, 4, 2])], opset=16)


def index_bilinear_gather():
    """grid_sample rewritten with indexing (the report's workaround): grid -> Floor -> Cast int64 -> Clip -> flat
    index y * W + x -> Gather of the flattened map at the 4 corners -> weighted sum."""
    h = w = 16
    nodes = [helper.make_node("Split", ["g", "one1"], ["gx", "gy"], name="split_xy", axis=2),
             helper.make_node("Floor", ["gx"], ["fx"], name="floor_x"),
             helper.make_node("Floor", ["gy"], ["fy"], name="floor_y"),
             helper.make_node("Sub", ["gx", "fx"], ["wx"], name="frac_x"),
             helper.make_node("Sub", ["gy", "fy"], ["wy"], name="frac_y"),
             helper.make_node("Cast", ["fx"], ["x0"], name="x0_i", to=TensorProto.INT64),
             helper.make_node("Cast", ["fy"], ["y0"], name="y0_i", to=TensorProto.INT64),
             helper.make_node("Add", ["x0", "i1"], ["x1r"], name="x1"),
             helper.make_node("Add", ["y0", "i1"], ["y1r"], name="y1"),
             helper.make_node("Clip", ["x0", "i0", "wmax"], ["x0c"], name="clip_x0"),
             helper.make_node("Clip", ["x1r", "i0", "wmax"], ["x1c"], name="clip_x1"),
             helper.make_node("Clip", ["y0", "i0", "hmax"], ["y0c"], name="clip_y0"),
             helper.make_node("Clip", ["y1r", "i0", "hmax"], ["y1c"], name="clip_y1"),
             helper.make_node("Reshape", ["im", "flat"], ["imf"], name="im_flat"),
             helper.make_node("Sub", ["one_f", "wx"], ["wx1m"], name="one_minus_wx"),
             helper.make_node("Sub", ["one_f", "wy"], ["wy1m"], name="one_minus_wy")]
    corners = []
    for yy, xx, wyy, wxx in (("y0c", "x0c", "wy1m", "wx1m"), ("y0c", "x1c", "wy1m", "wx"),
                             ("y1c", "x0c", "wy", "wx1m"), ("y1c", "x1c", "wy", "wx")):
        p = f"{yy[0:2]}{xx[0:2]}"
        nodes += [helper.make_node("Mul", [yy, "wconst"], [p + "_yw"], name=p + "_row"),
                  helper.make_node("Add", [p + "_yw", xx], [p + "_i"], name=p + "_index"),
                  helper.make_node("Squeeze", [p + "_i", "ax2"], [p + "_is"], name=p + "_sq"),
                  helper.make_node("Gather", ["imf", p + "_is"], [p + "_v"], name=p + "_gather", axis=2),
                  helper.make_node("Mul", [wyy, wxx], [p + "_wt"], name=p + "_w"),
                  helper.make_node("Squeeze", [p + "_wt", "ax2"], [p + "_wts"], name=p + "_wsq"),
                  helper.make_node("Unsqueeze", [p + "_wts", "ax1"], [p + "_wtu"], name=p + "_wu"),
                  helper.make_node("Mul", [p + "_v", p + "_wtu"], [p + "_c"], name=p + "_weighted")]
        corners.append(p + "_c")
    nodes.append(helper.make_node("Sum", corners, ["y"], name="sum"))
    inits = [_i64("one1", [1, 1]), _i64("i1", 1), _i64("i0", 0), _i64("wmax", w - 1), _i64("hmax", h - 1),
             _i64("wconst", w), _i64("flat", [1, 8, h * w]), _i64("ax2", [2]), _i64("ax1", [1]),
             _t("one_f", np.array(1.0, dtype=F))]
    return _model(nodes, [_vi("im", [1, 8, h, w]), _vi("g", [1, 81, 2])], [_vi("y", [1, 8, 1, 81])], inits)


def rwkv_state_outer():
    """RWKV-6's per-head state update: k, v Linears of one token [1, 2048] -> heads [1, 32, 64, 1] and [1, 32, 1, 64]
    -> MatMul (an outer product, [1, 32, 64, 64]) -> Add to the state input."""
    d = 2048
    nodes = [helper.make_node("MatMul", ["x", "wk"], ["k2"], name="key"),
             helper.make_node("MatMul", ["x", "wv"], ["v2"], name="value"),
             helper.make_node("Reshape", ["k2", "kshp"], ["k"], name="k_heads"),
             helper.make_node("Reshape", ["v2", "vshp"], ["v"], name="v_heads"),
             helper.make_node("MatMul", ["k", "v"], ["kv"], name="outer"),
             helper.make_node("Add", ["kv", "state"], ["y"], name="state_add")]
    return _model(nodes, [_vi("x", [1, d]), _vi("state", [1, 32, 64, 64])], [_vi("y", [1, 32, 64, 64])],
                  [_w("wk", d, d, scale=0.02), _w("wv", d, d, scale=0.02), _i64("kshp", [1, 32, 64, 1]),
                   _i64("vshp", [1, 32, 1, 64])])


def video_conv3d():
    """A 3-D CNN video classifier on a [1, 3, 16, 224, 224] clip: Conv3d stem (3, 7, 7) stride (1, 2, 2) -> Relu ->
    MaxPool3d -> Conv3d -> Relu -> GlobalAveragePool -> Flatten -> Gemm to 50 classes."""
    w0, b0 = _w("stem_w", 8, 3, 3, 7, 7), _w("stem_b", 8)
    w1, b1 = _w("c1_w", 16, 8, 3, 3, 3), _w("c1_b", 16)
    nodes = [helper.make_node("Conv", ["x", w0.name, b0.name], ["s"], name="stem", kernel_shape=[3, 7, 7],
                              strides=[1, 2, 2], pads=[1, 3, 3, 1, 3, 3]),
             helper.make_node("Relu", ["s"], ["sr"], name="stem_relu"),
             helper.make_node("MaxPool", ["sr"], ["p"], name="pool", kernel_shape=[1, 3, 3], strides=[1, 2, 2],
                              pads=[0, 1, 1, 0, 1, 1]),
             helper.make_node("Conv", ["p", w1.name, b1.name], ["c"], name="conv1", kernel_shape=[3, 3, 3],
                              strides=[2, 2, 2], pads=[1, 1, 1, 1, 1, 1]),
             helper.make_node("Relu", ["c"], ["cr"], name="relu1"),
             helper.make_node("GlobalAveragePool", ["cr"], ["g"], name="gap"),
             helper.make_node("Flatten", ["g"], ["f"], name="flatten", axis=1),
             helper.make_node("Gemm", ["f", "fc_w", "fc_b"], ["y"], name="fc", transB=1)]
    return _model(nodes, [_vi("x", [1, 3, 16, 224, 224])], [_vi("y", [1, 50])],
                  [w0, b0, w1, b1, _w("fc_w", 50, 16), _w("fc_b", 50)])


def gather_channel_list():
    """A channel pick by a constant index list: Conv -> Gather(axis 1, indices [0, 2, 4]) -> Conv."""
    c0, i0 = _conv("conv0", "x", "c", 8, 8, 3)
    g = helper.make_node("Gather", ["c", "idx"], ["p"], name="pick", axis=1)
    c1, i1 = _conv("conv1", "p", "y", 3, 8)
    return _model([c0, g, c1], [_vi("x", [1, 8, 32, 32])], [_vi("y", [1, 8, 32, 32])],
                  i0 + i1 + [_i64("idx", [0, 2, 4])])


def mask_expand():
    """An attention mask broadcast by Expand: mask [1, 1, 1, T] -> (1 - mask) * -1e4 -> Expand [1, 4, T, T] -> Add to
    the scores -> Softmax."""
    t = 32
    nodes = [helper.make_node("Sub", ["one", "mask"], ["inv"], name="invert"),
             helper.make_node("Mul", ["inv", "neg"], ["bias"], name="to_bias"),
             helper.make_node("Expand", ["bias", "eshp"], ["be"], name="expand"),
             helper.make_node("Add", ["scores", "be"], ["s"], name="add_mask"),
             helper.make_node("Softmax", ["s"], ["y"], name="softmax", axis=-1)]
    return _model(nodes, [_vi("scores", [1, 4, t, t]), _vi("mask", [1, 1, 1, t])], [_vi("y", [1, 4, t, t])],
                  [_t("one", np.array(1.0, dtype=F)), _t("neg", np.array(-1e4, dtype=F)), _i64("eshp", [1, 4, t, t])])


def yolov4_mish_spp():
    """YOLOv4's neck from darknet: Conv -> Mish written as Softplus -> Tanh -> Mul -> SPP (MaxPool 5, 9, 13 stride 1)
    -> Concat -> Conv."""
    c0, i0 = _conv("conv0", "x", "c", 32, 32, 3)
    nodes = [c0, helper.make_node("Softplus", ["c"], ["sp"], name="softplus"),
             helper.make_node("Tanh", ["sp"], ["th"], name="tanh"),
             helper.make_node("Mul", ["c", "th"], ["m"], name="mish")]
    pools = []
    for k in (5, 9, 13):
        nodes.append(helper.make_node("MaxPool", ["m"], [f"p{k}"], name=f"spp{k}", kernel_shape=[k, k],
                                      strides=[1, 1], pads=[k // 2] * 4))
        pools.append(f"p{k}")
    nodes.append(helper.make_node("Concat", pools + ["m"], ["cat"], name="concat", axis=1))
    c1, i1 = _conv("conv1", "cat", "y", 128, 32)
    return _model(nodes + [c1], [_vi("x", [1, 32, 19, 19])], [_vi("y", [1, 32, 19, 19])], i0 + i1)


def range_positions():
    """An ASR encoder's positions: Range(0, T, 1) with T read from Shape(x) -> Gather from a position table -> Add
    to x."""
    nodes = [helper.make_node("Shape", ["x"], ["s"], name="shape"),
             helper.make_node("Gather", ["s", "i1"], ["tlen"], name="time_len", axis=0),
             helper.make_node("Range", ["zero", "tlen", "step"], ["pos"], name="range"),
             helper.make_node("Gather", ["table", "pos"], ["pe"], name="pos_embed", axis=0),
             helper.make_node("Unsqueeze", ["pe", "ax0"], ["peu"], name="pe_u"),
             helper.make_node("Add", ["x", "peu"], ["y"], name="add")]
    return _model(nodes, [_vi("x", [1, 50, 256])], [_vi("y", [1, 50, 256])],
                  [_i64("i1", 1), _i64("zero", 0), _i64("step", 1), _w("table", 64, 256), _i64("ax0", [0])])


# name -> (builder, issue URL, model kind, reported: target, toolkit, what happened, note on what was guessed)
REPORTS = {
    "i251_yolov5_head_5d": (yolov5_head_5d, A + "251", "detector",
                            ("rk3588", "2.3.0", "'Rule: squeeze_1_in_nd_transpose' Transpose [1, 3, 9, 160, 160] "
                             "perm (0, 1, 3, 4, 2): build error in fuse_ops; 1.6.0 converts"),
                            "the head's input channels; one level only"),
    "i486_atan_phase": (atan_phase, A + "486", "speech",
                        ("unknown", "2.3.2", "'No lowering found for: Atan ... use CustomOperatorLower', then "
                         "'Segmentation fault (core dumped)' in rknn.build, no quantization"),
                        "where the Atan sits: a phase atan(im / re) between Convs"),
    "i256_tokens_identity_out": (tokens_to_map_identity, A + "256", "transformer",
                                 ("unknown", "2.3.0", "'Rule: convert_identity_to_reshape' Identity of a [1, 64, 20, "
                                  "40] Reshape as the output: KeyError '/model/Slice_2_2sp' in remove_nodes"),
                                 "a class token sliced off 801 tokens of 64 before the Reshape"),
    "i298_map_attention_pool": (map_attention_pool, A + "298", "transformer",
                                ("unknown", "2.3.0", "SigLIP vision encoder: 'Rule: "
                                 "fuse_matmul_softmax_matmul_to_sdpa' MatMul [1, 16, 1, 64] x [1, 16, 64, 576]: "
                                 "'inputs or outputs must be set'; builds with the rule disabled"),
                                "width 1024 (16 heads of 64), the projections"),
    "r70_lstm_no_bias": (lstm_no_bias, R + "70", "speech",
                         ("unknown", "1.3.0", "a bare LSTM (hidden 128, X [1, 1, 128], no B; opset 12): "
                          "segmentation fault in the conversion (DTLN)"), None),
    "z288_not_bool_mask": (not_bool_mask, Z + "288", "segmentation",
                           ("unknown", "2.3", "EdgeSAM converted with Not on the CPU; board: 'Meet unsupported not, "
                            "dtype = 3', 'fallback cpu failed'"), "the prompt encoder's label masking, 5 points"),
    "i331_convtranspose_sr_tail": (convtranspose_sr_tail, A + "331", "super-resolution",
                                   ("unknown", None, "the last ConvTranspose (upsampling) split into "
                                    "exConvTransposePad + Conv, exConvTransposePad on the CPU, 95% of the time"),
                                   "FSRCNN's x4 deconv (kernel 9, stride 4, output_padding 3) on a 90 x 160 map"),
    "r24_ibnorm_instancenorm": (ibnorm_instancenorm, R + "24", "segmentation",
                                ("rk3588", "1.2", "MODNet: 'Fatal: Meet unsupported operator: InstanceNormalization'"
                                 " on rk3588; converts for rk3568"), "IBNorm's channel split, 32 channels at 64 x 64"),
    "r10_gap_large_map": (gap_large_map, R + "10", "classifier",
                          ("unknown", "1.3.0", "'rknn.build failure at Global Average Pool input height/width > "
                           "128'"), "160 x 160 x 32"),
    "i354_obb_angle_decode": (obb_angle_decode, A + "354", "detector",
                              ("rk3588", "2.3.2", "YOLO11-OBB export(format='rknn'): 'E RKNN: Unkown op target: 0' "
                               "repeated during the build"), "one 40 x 40 level of the rotated-box decode"),
    "i141_topk_scores": (topk_scores, A + "141", "detector",
                         ("unknown", None, "YOLOv10: 'The input 0 of TopK('/model.23/TopK') need to be constant! It "
                          "will cause the graph to be a dynamic graph'"), "8400 anchors, 80 classes, the box gather"),
    "i368_flatten_topk_large": (flatten_topk_large, A + "368", "pose",
                                ("unknown", None, "Flatten of a large map before TopK: 'REGTASK: The bit width of "
                                 "field value exceeds the limit ... limit: 0x1fff, value: 0x5fd00'"),
                                "a 512 x 768 heatmap (393216 values, near the reported 0x5fd00), k = 100"),
    "i478_gridsample_deform": (gridsample_deform, A + "478", "detector",
                               ("unknown", "2.3.2", "a detector with GridSample: converted, board: 'Unsupport CPU op: "
                                "GridSample in this librknnrt.so'; GridSample on the CPU in RF-DETR's profile "
                                "(rknn_model_zoo#366)"), "one level of deformable sampling, 300 queries x 4 points"),
    "i430_index_bilinear_gather": (index_bilinear_gather, A + "430", "other",
                                   ("unknown", None, "grid_sample rewritten with advanced indexing: every op in the "
                                    "support list, the conversion still errors"),
                                   "a flat Gather per corner on a 16 x 16 map, 81 points"),
    "i169_rwkv_state_outer": (rwkv_state_outer, A + "169", "llm",
                              ("unknown", "2.2.0", "RWKV-6: onnxruntime in fold_constant: Reshape "
                               "'/blocks.0/MatMul_4_output_0_mm-rs' cannot reshape {1, 2048, 1, 1} to {1, 32, 64, 64}"),
                              "the per-head k^T v outer product of one token; state as an input"),
    "i449_video_conv3d": (video_conv3d, A + "449", "video",
                          ("unknown", None, "input (1, 3, 16, 224, 224), output (1, 50): \"terminate called after "
                           "throwing an instance of 'std::out_of_range' ... vector::_M_range_check\", aborted"),
                          "a two-layer 3-D CNN with 8 and 16 channels"),
    "r101_gather_channel_list": (gather_channel_list, R + "101", "other",
                                 ("unknown", "1.4.0", "a Gather: fuse rule _p_convert_gather_to_slice_reshape: "
                                  "'TypeError: unsupported operand type(s) for -: list and list'"),
                                 "a channel pick by three constant indices between Convs"),
    "r56_mask_expand": (mask_expand, R + "56", "transformer",
                        ("unknown", "1.3", "'Fatal: Meet unsuported operator: Expand' (42 Expands, 6 after onnxsim)"),
                        "an attention-mask Expand to [1, 4, 32, 32]"),
    "r26_yolov4_mish_spp": (yolov4_mish_spp, R + "26", "detector",
                            ("rk3588", None, "darknet YOLOv4: converts for rk3566 / rk3568, errors for rk3588"),
                            "Mish and SPP, the ops of YOLOv4's neck, at 19 x 19"),
    "i136_range_positions": (range_positions, A + "136", "speech",
                             ("unknown", "2.1.0", "ASR encoder: 'The input 1 of Range('/Range') need to be "
                              "constant!'"), "positions 0..T from Shape(x) with a static T = 50"),
}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=Path("/work/calib/issue-repros2/models"))
    a = ap.parse_args(argv)
    man = write(a.out, REPORTS)
    print(f"{len(man)} models in {a.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
