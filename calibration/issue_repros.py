"""Small models reproducing op patterns of public rknn-toolkit2 issue reports, for building with the real toolkit.

Issue 12: crash classes and CPU fallbacks nobody wrote a rule for pass as "builds". Each model here is one report
of the public trackers (github.com/airockchip/rknn-toolkit2, github.com/rockchip-linux/rknn-toolkit2,
github.com/airockchip/rknn_model_zoo) that names a concrete op pattern and what the toolkit did with it: a build
error or crash, or a CPU fallback (the board's "unsupport cpu <Op> op" at rknn_init means the build put that op on
the CPU). The model is written from the report's description (shapes, attributes and opset as reported where the
report gives them, a small stand-in where it does not: `note` says which), never from the reporter's file.

    python calibration/issue_repros.py --out /work/calib/issue-repros/models      # models + manifest.json

Then build each with run_toolkit.py for the family and version the report names and its neighbours, and score:

    for row in rk3588:float16 rk3566:float16 rv1106:int8; do t=${row%%:*}; d=${row##*:}
      nice -n 10 .venv/bin/python calibration/run_toolkit.py --models /work/calib/issue-repros/models \
          --target $t --dtype $d --python <venv python of the version> --jobs 1 \
          --out /work/calib/issue-repros/$t-$d-<version>/truth.json
      .venv/bin/python calibration/score.py --truth /work/calib/issue-repros/$t-$d-<version>/truth.json \
          --models /work/calib/issue-repros/models --results calibration/results/issue-repros/$t-$d-<version>.json
    done

The manifest gives per model: `source` (the issue URL), `reported` (target, toolkit version and what the toolkit
did, in the reporter's words), `family` = "issue" and `arch` = the report's model kind, for score.py.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

F = np.float32
RNG = np.random.RandomState(12)


def _t(name: str, arr) -> onnx.TensorProto:
    return numpy_helper.from_array(np.asarray(arr), name)


def _w(name: str, *shape: int, scale: float = 0.1) -> onnx.TensorProto:
    return _t(name, (RNG.randn(*shape) * scale).astype(F))


def _vi(name: str, shape, elem=TensorProto.FLOAT):
    return helper.make_tensor_value_info(name, elem, shape)


def _model(nodes, inputs, outputs, inits, opset: int = 13) -> onnx.ModelProto:
    g = helper.make_graph(nodes, "g", inputs, outputs, inits)
    m = helper.make_model(g, opset_imports=[helper.make_opsetid("", opset)], producer_name="issue_repros")
    m.ir_version = 8
    m = onnx.shape_inference.infer_shapes(m)
    onnx.checker.check_model(m, full_check=True)
    return m


def _conv(name, x, y, cin, cout, k=1, pads=None, **kw):
    w = _w(name + "_w", cout, cin // kw.get("group", 1), k, k)
    b = _w(name + "_b", cout)
    n = helper.make_node("Conv", [x, w.name, b.name], [y], name=name, kernel_shape=[k, k],
                         pads=pads or [k // 2] * 4, **kw)
    return n, [w, b]


def _i64(name, vals):
    return _t(name, np.asarray(vals, dtype=np.int64))


# ------------------------------------------------------------------------------------------------ the reports
def avgpool_exclude_pad():
    """AveragePool 3x3 stride 1 pad 1 with count_include_pad=0 between Convs."""
    c0, i0 = _conv("conv0", "x", "c0", 16, 16, 3)
    pool = helper.make_node("AveragePool", ["c0"], ["p"], name="pool", kernel_shape=[3, 3], strides=[1, 1],
                            pads=[1, 1, 1, 1], count_include_pad=0)
    c1, i1 = _conv("conv1", "p", "y", 16, 16)
    return _model([c0, pool, c1], [_vi("x", [1, 16, 32, 32])], [_vi("y", [1, 16, 32, 32])], i0 + i1)


def argmax_heatmap():
    """MoveNet's keypoint pick: a heatmap Conv -> Reshape [1, 17, H*W] -> ArgMax over the positions."""
    c0, i0 = _conv("heat", "x", "h", 8, 17)
    rs = helper.make_node("Reshape", ["h", "shp"], ["hr"], name="flat")
    am = helper.make_node("ArgMax", ["hr"], ["y"], name="argmax", axis=2, keepdims=1)
    return _model([c0, rs, am], [_vi("x", [1, 8, 48, 48])], [_vi("y", [1, 17, 1], TensorProto.INT64)],
                  i0 + [_i64("shp", [1, 17, 48 * 48])])


def min_relu6():
    """Keras ReLU6 exported as Relu -> Minimum(x, 6) between Convs."""
    c0, i0 = _conv("conv0", "x", "c0", 8, 16, 3)
    r = helper.make_node("Relu", ["c0"], ["r"], name="relu")
    mn = helper.make_node("Min", ["r", "six"], ["m"], name="min6")
    c1, i1 = _conv("conv1", "m", "y", 16, 16)
    return _model([c0, r, mn, c1], [_vi("x", [1, 8, 32, 32])], [_vi("y", [1, 16, 32, 32])],
                  i0 + i1 + [_t("six", np.array([6.0], dtype=F))])


def transpose_large():
    """A Transpose of a [1, 32, 128, 2048] map to channels-last (128 * 2048 past the hardware's limit)."""
    c0, i0 = _conv("conv0", "x", "c0", 32, 32)
    tp = helper.make_node("Transpose", ["c0"], ["y"], name="to_nhwc", perm=[0, 2, 3, 1])
    return _model([c0, tp], [_vi("x", [1, 32, 128, 2048])], [_vi("y", [1, 128, 2048, 32])], i0)


def resize_paddle():
    """PP-TinyPose's upsampling as Paddle2ONNX writes it (opset 11): Resize linear x2, half_pixel, roi and scales."""
    c0, i0 = _conv("conv0", "x", "c0", 24, 24, 3)
    rz = helper.make_node("Resize", ["c0", "roi", "scales"], ["u"], name="resize", mode="linear",
                          coordinate_transformation_mode="half_pixel")
    c1, i1 = _conv("conv1", "u", "y", 24, 24, 3)
    return _model([c0, rz, c1], [_vi("x", [1, 24, 32, 24])], [_vi("y", [1, 24, 64, 48])],
                  i0 + i1 + [_t("roi", np.zeros(0, dtype=F)), _t("scales", np.array([1, 1, 2, 2], dtype=F))],
                  opset=11)


def pow_global_context():
    """LPRNet's global context: f / mean(f ** 2) with Pow(f, 2) -> ReduceMean over everything."""
    c0, i0 = _conv("conv0", "x", "f", 8, 16, 3)
    pw = helper.make_node("Pow", ["f", "two"], ["p"], name="pow")
    rm = helper.make_node("ReduceMean", ["p"], ["m"], name="mean", keepdims=1)
    dv = helper.make_node("Div", ["f", "m"], ["y"], name="div")
    return _model([c0, pw, rm, dv], [_vi("x", [1, 8, 24, 94])], [_vi("y", [1, 16, 24, 94])],
                  i0 + [_t("two", np.array(2.0, dtype=F))])


def _decomposed_ln(x, c, pre):
    """The ReduceMean / Sub / Pow / ReduceMean / Add / Sqrt / Div / Mul / Add LayerNorm over the last axis."""
    nodes = [helper.make_node("ReduceMean", [x], [pre + "mu"], name=pre + "rm0", axes=[-1]),
             helper.make_node("Sub", [x, pre + "mu"], [pre + "d"], name=pre + "sub"),
             helper.make_node("Pow", [pre + "d", pre + "two"], [pre + "d2"], name=pre + "pow"),
             helper.make_node("ReduceMean", [pre + "d2"], [pre + "var"], name=pre + "rm1", axes=[-1]),
             helper.make_node("Add", [pre + "var", pre + "eps"], [pre + "ve"], name=pre + "addeps"),
             helper.make_node("Sqrt", [pre + "ve"], [pre + "sd"], name=pre + "sqrt"),
             helper.make_node("Div", [pre + "d", pre + "sd"], [pre + "n"], name=pre + "div"),
             helper.make_node("Mul", [pre + "n", pre + "g"], [pre + "ng"], name=pre + "mul"),
             helper.make_node("Add", [pre + "ng", pre + "b"], [pre + "ln"], name=pre + "addb")]
    inits = [_t(pre + "two", np.array(2.0, dtype=F)), _t(pre + "eps", np.array(1e-5, dtype=F)),
             _t(pre + "g", (1 + RNG.randn(c) * 0.1).astype(F)), _w(pre + "b", c)]
    return nodes, inits, pre + "ln"


def ppocr_rec_layernorm():
    """PP-OCR rec's SVTR mixer: [1, C, 1, T] -> Reshape [1, C, T] -> Transpose [1, T, C] -> decomposed LayerNorm ->
    Linear."""
    c0, i0 = _conv("conv0", "x", "c0", 120, 120)
    rs = helper.make_node("Reshape", ["c0", "shp"], ["r"], name="squeeze_h")
    tp = helper.make_node("Transpose", ["r"], ["t"], name="to_tokens", perm=[0, 2, 1])
    ln, il, out = _decomposed_ln("t", 120, "ln_")
    mm = helper.make_node("MatMul", [out, "wfc"], ["y"], name="fc")
    return _model([c0, rs, tp, *ln, mm], [_vi("x", [1, 120, 1, 40])], [_vi("y", [1, 40, 120])],
                  i0 + il + [_i64("shp", [1, 120, 40]), _w("wfc", 120, 120)])


def vit_layernorm_op():
    """Depth Anything V2-S's ViT block front: LayerNormalization (opset 17) over [1, 1370, 384] -> Linear."""
    ln = helper.make_node("LayerNormalization", ["x", "g", "b"], ["n"], name="norm1", axis=-1, epsilon=1e-6)
    mm = helper.make_node("MatMul", ["n", "w"], ["m"], name="qkv")
    ad = helper.make_node("Add", ["m", "bias"], ["y"], name="qkv_bias")
    return _model([ln, mm, ad], [_vi("x", [1, 1370, 384])], [_vi("y", [1, 1370, 384])],
                  [_t("g", (1 + RNG.randn(384) * 0.1).astype(F)), _w("b", 384), _w("w", 384, 384), _w("bias", 384)],
                  opset=17)


def einsum_attention():
    """ViViT-pytorch's attention: q, k, v Linears -> heads -> einsum('bhid,bhjd->bhij') -> Softmax ->
    einsum('bhij,bhjd->bhid') -> merge heads -> Linear."""
    nodes, inits = [], [_i64("split_shp", [1, 65, 3, 64]), _i64("merge_shp", [1, 65, 192]),
                        _t("scale", np.array(0.125, dtype=F)), _w("wo", 192, 192)]
    for p in "qkv":
        inits.append(_w("w" + p, 192, 192))
        nodes += [helper.make_node("MatMul", ["x", "w" + p], [p + "l"], name=p + "_proj"),
                  helper.make_node("Reshape", [p + "l", "split_shp"], [p + "r"], name=p + "_split"),
                  helper.make_node("Transpose", [p + "r"], [p], name=p + "_heads", perm=[0, 2, 1, 3])]
    nodes += [helper.make_node("Einsum", ["q", "k"], ["dots"], name="einsum_qk", equation="bhid,bhjd->bhij"),
              helper.make_node("Mul", ["dots", "scale"], ["ds"], name="scale_mul"),
              helper.make_node("Softmax", ["ds"], ["attn"], name="softmax", axis=-1),
              helper.make_node("Einsum", ["attn", "v"], ["o"], name="einsum_av", equation="bhij,bhjd->bhid"),
              helper.make_node("Transpose", ["o"], ["ot"], name="merge_tp", perm=[0, 2, 1, 3]),
              helper.make_node("Reshape", ["ot", "merge_shp"], ["om"], name="merge"),
              helper.make_node("MatMul", ["om", "wo"], ["y"], name="out_proj")]
    return _model(nodes, [_vi("x", [1, 65, 192])], [_vi("y", [1, 65, 192])], inits)


def cumsum_positions():
    """NLLB / M2M100's position ids: mask = ids != pad; cumsum(mask) * mask + pad -> Gather from a table."""
    nodes = [helper.make_node("Equal", ["ids", "pad"], ["eq"], name="is_pad"),
             helper.make_node("Not", ["eq"], ["mask"], name="not_pad"),
             helper.make_node("Cast", ["mask"], ["mi"], name="mask_int", to=TensorProto.INT32),
             helper.make_node("CumSum", ["mi", "axis"], ["cs"], name="cumsum"),
             helper.make_node("Mul", ["cs", "mi"], ["cm"], name="mask_mul"),
             helper.make_node("Cast", ["cm"], ["c64"], name="to_int64", to=TensorProto.INT64),
             helper.make_node("Add", ["c64", "pad"], ["pos"], name="add_pad"),
             helper.make_node("Gather", ["table", "pos"], ["y"], name="embed_positions", axis=0)]
    return _model(nodes, [_vi("ids", [1, 16], TensorProto.INT64)], [_vi("y", [1, 16, 32])],
                  [_i64("pad", 1), _t("axis", np.array(1, dtype=np.int32)), _w("table", 64, 32)])


def pose_keypoint_reshape():
    """YOLOv8-pose's keypoint decode at one level: Conv -> Reshape [1, 17, 3, HW] -> Slice xy / visibility ->
    grid arithmetic, Sigmoid -> Concat -> Reshape [1, 51, HW]."""
    c0, i0 = _conv("kpt", "x", "k", 16, 51)
    hw = 400
    nodes = [c0,
             helper.make_node("Reshape", ["k", "shp4"], ["k4"], name="kpt_view"),
             helper.make_node("Slice", ["k4", "s0", "s2", "ax2"], ["xy"], name="slice_xy"),
             helper.make_node("Slice", ["k4", "s2", "s3", "ax2"], ["vis"], name="slice_vis"),
             helper.make_node("Mul", ["xy", "two"], ["xy2"], name="xy_mul"),
             helper.make_node("Add", ["xy2", "grid"], ["xyg"], name="xy_grid"),
             helper.make_node("Mul", ["xyg", "stride"], ["xys"], name="xy_stride"),
             helper.make_node("Sigmoid", ["vis"], ["vs"], name="vis_sigmoid"),
             helper.make_node("Concat", ["xys", "vs"], ["kd"], name="kpt_cat", axis=2),
             helper.make_node("Reshape", ["kd", "shp3"], ["y"], name="kpt_flat")]
    inits = i0 + [_i64("shp4", [1, 17, 3, hw]), _i64("shp3", [1, 51, hw]), _i64("s0", [0]), _i64("s2", [2]),
                  _i64("s3", [3]), _i64("ax2", [2]), _t("two", np.array(2.0, dtype=F)),
                  _t("grid", (RNG.rand(1, 1, 2, hw) * 20).astype(F)), _t("stride", np.array(32.0, dtype=F))]
    return _model(nodes, [_vi("x", [1, 16, 20, 20])], [_vi("y", [1, 51, hw])], inits)


def transpose_hw_wide():
    """A Transpose of a [1, C, 256, 2560] map (the toolkit's 'height(256) * width(2560) = 655360, required product
    no larger than 8192' warning) between Convs."""
    c0, i0 = _conv("conv0", "x", "c0", 4, 4)
    tp = helper.make_node("Transpose", ["c0"], ["t"], name="swap_hw", perm=[0, 1, 3, 2])
    c1, i1 = _conv("conv1", "t", "y", 4, 4)
    return _model([c0, tp, c1], [_vi("x", [1, 4, 256, 2560])], [_vi("y", [1, 4, 2560, 256])], i0 + i1)


def reducemax_pillars():
    """PointPillars' PFN: Conv over [1, 10, 32, 10000] points -> Relu -> ReduceMax over the points axis -> Squeeze."""
    c0, i0 = _conv("pfn", "x", "c0", 10, 64)
    r = helper.make_node("Relu", ["c0"], ["r"], name="relu")
    mx = helper.make_node("ReduceMax", ["r"], ["m"], name="reducemax", axes=[2], keepdims=1)
    sq = helper.make_node("Squeeze", ["m", "ax"], ["y"], name="squeeze")
    return _model([c0, r, mx, sq], [_vi("x", [1, 10, 32, 10000])], [_vi("y", [1, 64, 10000])],
                  i0 + [_i64("ax", [2])])


def reducel2_normalize():
    """Swin V2's cosine attention: F.normalize(q), F.normalize(k) (ReduceL2 -> Clip -> Expand -> Div) -> q @ k^T ->
    Softmax."""
    nodes = []
    inits = [_i64("split_shp", [1, 49, 3, 32]), _t("eps", np.array(1e-12, dtype=F)), _i64("qshape", [1, 3, 49, 32])]
    for p in "qk":
        inits.append(_w("w" + p, 96, 96))
        nodes += [helper.make_node("MatMul", ["x", "w" + p], [p + "l"], name=p + "_proj"),
                  helper.make_node("Reshape", [p + "l", "split_shp"], [p + "r"], name=p + "_split"),
                  helper.make_node("Transpose", [p + "r"], [p], name=p + "_heads", perm=[0, 2, 1, 3]),
                  helper.make_node("ReduceL2", [p], [p + "n"], name=p + "_l2", axes=[-1], keepdims=1),
                  helper.make_node("Clip", [p + "n", "eps"], [p + "c"], name=p + "_clip"),
                  helper.make_node("Expand", [p + "c", "qshape"], [p + "e"], name=p + "_expand"),
                  helper.make_node("Div", [p, p + "e"], [p + "u"], name=p + "_div")]
    nodes += [helper.make_node("Transpose", ["ku"], ["kt"], name="k_t", perm=[0, 1, 3, 2]),
              helper.make_node("MatMul", ["qu", "kt"], ["a"], name="qk"),
              helper.make_node("Softmax", ["a"], ["y"], name="softmax", axis=-1)]
    return _model(nodes, [_vi("x", [1, 49, 96])], [_vi("y", [1, 3, 49, 49])], inits)


def matmul_self():
    """torch.matmul(x, x.transpose(-1, -2)) on the graph input: both MatMul inputs from x."""
    nodes = [helper.make_node("Transpose", ["x"], ["xt"], name="xt", perm=[0, 2, 1]),
             helper.make_node("MatMul", ["x", "xt"], ["y"], name="gram")]
    return _model(nodes, [_vi("x", [1, 8, 16])], [_vi("y", [1, 8, 8])], [])


def dynamic_conv():
    """A dynamic convolution: its weight computed from the input (GlobalAveragePool -> Flatten -> Gemm -> Reshape
    [Cout, Cin, 1, 1]) and convolved with the input, group 1."""
    nodes = [helper.make_node("GlobalAveragePool", ["x"], ["g"], name="gap"),
             helper.make_node("Flatten", ["g"], ["f"], name="flatten", axis=1),
             helper.make_node("Gemm", ["f", "wg", "bg"], ["k"], name="kernel_gen", transB=1),
             helper.make_node("Reshape", ["k", "kshape"], ["kw"], name="kernel_view"),
             helper.make_node("Conv", ["x", "kw"], ["y"], name="dyn_conv", kernel_shape=[1, 1], group=1)]
    return _model(nodes, [_vi("x", [1, 8, 16, 16])], [_vi("y", [1, 8, 16, 16])],
                  [_w("wg", 64, 8), _w("bg", 64), _i64("kshape", [8, 8, 1, 1])])


def layernorm_256():
    """nn.LayerNorm(256, eps=1e-5) alone on a [1, 4, 256] input (LayerNormalization, opset 17)."""
    ln = helper.make_node("LayerNormalization", ["x", "g", "b"], ["y"], name="ln1", axis=-1, epsilon=1e-5)
    return _model([ln], [_vi("x", [1, 4, 256])], [_vi("y", [1, 4, 256])],
                  [_t("g", (1 + RNG.randn(256) * 0.1).astype(F)), _w("b", 256)], opset=17)


def gathernd_keypoints():
    """MoveNet's offset pick: ArgMax over each heatmap's positions -> GatherND of the offsets at those positions."""
    ch, cm = _conv("heat", "x", "h", 8, 17)
    co, io = _conv("offs", "x", "o", 8, 34)
    nodes = [ch, co,
             helper.make_node("Reshape", ["h", "hshp"], ["hr"], name="heat_flat"),
             helper.make_node("ArgMax", ["hr"], ["am"], name="argmax", axis=1, keepdims=1),
             helper.make_node("Concat", ["rows", "am"], ["idx"], name="idx_cat", axis=1),
             helper.make_node("Reshape", ["o", "oshp"], ["or3"], name="offs_view"),
             helper.make_node("Transpose", ["or3"], ["ot"], name="offs_tp", perm=[0, 2, 1]),
             helper.make_node("GatherND", ["ot", "idx"], ["y"], name="gathernd")]
    inits = cm + io + [_i64("hshp", [17, 48 * 48]), _i64("oshp", [17, 2, 48 * 48]),
                       _t("rows", np.arange(17, dtype=np.int64).reshape(17, 1))]
    return _model(nodes, [_vi("x", [1, 8, 48, 48])], [_vi("y", [17, 2])], inits)


def argmax_cast_seg():
    """PP-LiteSeg's label map: a class Conv -> ArgMax over the channels -> Cast to int32 -> output."""
    c0, i0 = _conv("cls", "x", "c0", 8, 19)
    am = helper.make_node("ArgMax", ["c0"], ["a"], name="argmax", axis=1, keepdims=1)
    cs = helper.make_node("Cast", ["a"], ["y"], name="cast", to=TensorProto.INT32)
    return _model([c0, am, cs], [_vi("x", [1, 8, 64, 64])], [_vi("y", [1, 1, 64, 64], TensorProto.INT32)], i0)


def layernorm_rank2():
    """A decomposed LayerNorm on a rank-2 [50, 256] tensor (the toolkit's 'LayerNorm: input_shape.size() invalid ...
    turn to Target:CPU' and 'dimension -2 of first input must be aligned to 16')."""
    rs = helper.make_node("Reshape", ["x", "shp"], ["x2"], name="to_rows")
    ln, il, out = _decomposed_ln("x2", 256, "ln_")
    mm = helper.make_node("MatMul", [out, "w"], ["y"], name="fc")
    return _model([rs, *ln, mm], [_vi("x", [1, 50, 256])], [_vi("y", [50, 256])],
                  il + [_i64("shp", [50, 256]), _w("w", 256, 256)])


def yolonas_dfl_softmax():
    """YOLO-NAS's DFL as exported: Conv to 4 x 17 bins -> Reshape [1, 4, 17, A] -> Transpose(0, 2, 3, 1) -> Softmax over
    the 17 bins (axis 1) -> 1x1 Conv projection -> Reshape [1, A, 4]."""
    c0, i0 = _conv("reg", "x", "r", 16, 68)
    a = 80 * 105
    nodes = [c0,
             helper.make_node("Reshape", ["r", "shp4"], ["r4"], name="bins_view"),
             helper.make_node("Transpose", ["r4"], ["rt"], name="bins_tp", perm=[0, 2, 3, 1]),
             helper.make_node("Softmax", ["rt"], ["sm"], name="softmax", axis=1),
             helper.make_node("Conv", ["sm", "proj"], ["pj"], name="proj", kernel_shape=[1, 1]),
             helper.make_node("Reshape", ["pj", "shp3"], ["y"], name="boxes")]
    inits = i0 + [_i64("shp4", [1, 4, 17, a]), _i64("shp3", [1, a, 4]),
                  _t("proj", np.arange(17, dtype=F).reshape(1, 17, 1, 1))]
    return _model(nodes, [_vi("x", [1, 16, 80, 105])], [_vi("y", [1, a, 4])], inits)


def flat_input_vit():
    """A ViT fed a flat [1, 1, 150528] input: Reshape to [1, 3, 224, 224] -> 16 x 16 patch Conv -> Reshape [1, 192,
    196] -> Transpose to tokens."""
    rs = helper.make_node("Reshape", ["x", "img"], ["im"], name="to_image")
    c0, i0 = _conv("patch", "im", "p", 3, 192, 16, pads=[0, 0, 0, 0], strides=[16, 16])
    nodes = [rs, c0, helper.make_node("Reshape", ["p", "tok"], ["pt"], name="flatten_hw"),
             helper.make_node("Transpose", ["pt"], ["y"], name="to_tokens", perm=[0, 2, 1])]
    return _model(nodes, [_vi("x", [1, 1, 150528])], [_vi("y", [1, 196, 192])],
                  i0 + [_i64("img", [1, 3, 224, 224]), _i64("tok", [1, 192, 196])])


def pad_image_input():
    """F.pad(img, (1, 1, 1, 1)) zero padding of the [1, 3, 512, 512] image input (opset 14) -> Conv."""
    pd = helper.make_node("Pad", ["x", "pads", "zero"], ["xp"], name="pad", mode="constant")
    c0, i0 = _conv("conv0", "xp", "y", 3, 16, 3, pads=[0, 0, 0, 0])
    return _model([pd, c0], [_vi("x", [1, 3, 512, 512])], [_vi("y", [1, 16, 512, 512])],
                  i0 + [_i64("pads", [0, 0, 1, 1, 0, 0, 1, 1]), _t("zero", np.array(0.0, dtype=F))], opset=14)


def retinaface_head():
    """RetinaFace's class head at one level: Conv to 2 anchors x 2 -> Transpose(0, 2, 3, 1) -> Reshape [1, H*W*2, 2]
    -> output."""
    c0, i0 = _conv("cls", "x", "c", 64, 4)
    tp = helper.make_node("Transpose", ["c"], ["t"], name="permute", perm=[0, 2, 3, 1])
    rs = helper.make_node("Reshape", ["t", "shp"], ["y"], name="view")
    return _model([c0, tp, rs], [_vi("x", [1, 64, 80, 80])], [_vi("y", [1, 12800, 2])],
                  i0 + [_i64("shp", [1, 12800, 2])])


def gru_sequence():
    """A GRU over a [T, 1, D] sequence (torch.nn.GRU, one direction, with biases) -> Squeeze -> Linear."""
    t, d, h = 16, 64, 64
    nodes = [helper.make_node("GRU", ["x", "W", "R", "B"], ["ys", "yh"], name="gru", hidden_size=h,
                              linear_before_reset=1),
             helper.make_node("Squeeze", ["ys", "ax"], ["yq"], name="squeeze"),
             helper.make_node("MatMul", ["yq", "wo"], ["y"], name="fc")]
    return _model(nodes, [_vi("x", [t, 1, d])], [_vi("y", [t, 1, 10])],
                  [_w("W", 1, 3 * h, d), _w("R", 1, 3 * h, h), _w("B", 1, 6 * h), _i64("ax", [1]), _w("wo", h, 10)])


A = "https://github.com/airockchip/rknn-toolkit2/issues/"
R = "https://github.com/rockchip-linux/rknn-toolkit2/issues/"
Z = "https://github.com/airockchip/rknn_model_zoo/issues/"
# name -> (builder, issue URL, model kind, reported: target, toolkit, what happened, note on what was guessed)
REPORTS = {
    "i217_avgpool_exclude_pad": (avgpool_exclude_pad, A + "217", "classifier",
                                 ("rv1106", None, "converted; board: 'unsupport cpu AveragePool op' (title: "
                                  "'AveragePool count_include_pad=0, fallback to cpu')"), "channels and map size"),
    "i557_argmax_heatmap": (argmax_heatmap, A + "557", "pose",
                            ("rv1106", "2.3.2", "converted; board: 'unsupport cpu ArgMax op, op name: ArgMax:ArgMax'"),
                            "MoveNet (from tflite) heatmap size 48 and the ArgMax axis"),
    "i482_min_relu6": (min_relu6, A + "482", "classifier",
                       ("rv1106", None, "converted; board: 'unsupport cpu Min op' (a Keras activation Minimum)"),
                       "the Relu before the Minimum and the sizes"),
    "i145_transpose_large": (transpose_large, A + "145", "audio",
                             ("rv1106", "2.1.0", "converted; board: 'unsupport cpu Transpose op'; maintainer: "
                              "transpose shape (1,32,128,2048) exceeds the hardware limit"), "the perm"),
    "i560_resize_paddle": (resize_paddle, A + "560", "pose",
                           ("rv1106", None, "PP-TinyPose converted; board: Resize not supported (CPU)"),
                           "linear half_pixel x2 as Paddle2ONNX writes bilinear upsampling; sizes"),
    "i312_pow_lprnet": (pow_global_context, Z + "312", "ocr",
                        ("rv1106", None, "LPRNet converted; board: 'unsupport cpu Pow op, op name: Pow:Pow_44'"),
                        "LPRNet's global-context block, sizes of its input"),
    "i561_ppocr_rec_layernorm": (ppocr_rec_layernorm, A + "561", "ocr",
                                 ("rv1106", None, "PP-OCR rec converted; board: 'unsupport cpu exNorm op, op name: "
                                  "exNorm:ReduceMean_0_2ln'"), "SVTR tokens 40 x 120"),
    "i359_vit_layernorm": (vit_layernorm_op, A + "359", "depth",
                           ("rv1106", None, "Depth Anything V2 converted; board: 'unsupport cpu exNorm op, op name: "
                            "exNorm:/blocks.0/norm1/LayerNormalization#1'"), "ViT-S at 518 (1370 tokens x 384)"),
    "i366_einsum_attention": (einsum_attention, R + "366", "video",
                              ("rk3588", "2.3.2", "ViViT converted; board: 'ERROR: unsupport Einsum op in current'"),
                              "ViViT-pytorch's attention, 65 tokens, 3 heads of 64"),
    "i176_cumsum_positions": (cumsum_positions, Z + "176", "translation",
                              ("rk3588", None, "NLLB: 'No lowering found for ... CumSum ... use CustomOperatorLower', "
                               "'dataconvert type -1 is unsupport'"), "16 tokens, a 64 x 32 position table"),
    "i251_pose_keypoint_reshape": (pose_keypoint_reshape, R + "251", "pose",
                                   ("rv1106", "1.5.3b15", "YOLOv8-pose converted; board: 'unsupport cpu reshape op' "
                                    "(1.5.2), 'failed to submit' (1.5.3)"), "one 20 x 20 level of the keypoint decode"),
    "i490_transpose_hw_wide": (transpose_hw_wide, A + "490", "speech",
                               ("rk3588", None, "'Transpose will fallback to CPU, because input shape has exceeded the "
                                "max limit, height(256) * width(2560) = 655360'; NPU on rk3576"), "4 channels, the perm"),
    "i60_reducemax_pillars": (reducemax_pillars, R + "60", "pointcloud",
                              ("rk3588", None, "ReduceMax (1,64,32,10000) -> (1,64,1,10000) ran on the CPU (139 ms)"),
                              None),
    "i220_reducel2_normalize": (reducel2_normalize, R + "220", "transformer",
                                ("rk3568", "1.5", "Swin V2: 'unsupported operator ReduceL2'"),
                                "one 7 x 7 window, 3 heads of 32"),
    "i369_matmul_self": (matmul_self, R + "369", "other",
                         ("rk3588", None, "'Segmentation fault (core dumped)' in rknn.build of a small model"),
                         "the matmul of x with its own transpose, as the maintainer describes the model"),
    "i266_dynamic_conv": (dynamic_conv, A + "266", "other",
                          ("rk3588", "2.3.0", "dynamic convolution (group 1) conversion failed"),
                          "how the weight is computed"),
    "i186_layernorm_256": (layernorm_256, A + "186", "transformer",
                           ("rk3562", "2.2.0", "nn.LayerNorm(256) alone: wrong results on the board"), None),
    "i93_gathernd_keypoints": (gathernd_keypoints, A + "93", "pose",
                               ("rk3588", "2.0.0b0", "MoveNet: 'No lowering found for: GatherNd ... use "
                                "CustomOperatorLower'; board: 'Unsupport CPU op: GatherND'"), "the index arithmetic"),
    "i134_argmax_cast_seg": (argmax_cast_seg, R + "134", "segmentation",
                             ("rk3588", "1.4.0", "PP-LiteSeg converted; board: 'Meet unsupported output dtype for "
                              "all Cast nodes'"), "19 classes at 64 x 64; Cast to int32"),
    "i162_layernorm_rank2": (layernorm_rank2, R + "162", "transformer",
                             ("rk3588", "1.4/1.5", "'LayerNorm: input_shape.size() invalid ... turn to Target:CPU', "
                              "'dimension -2 of first input must be aligned to 16'"), "rank 2, 50 rows of 256"),
    "i378_yolonas_dfl_softmax": (yolonas_dfl_softmax, A + "378", "detector",
                                 ("rk3588", "2.3.2", "YOLO-NAS converted; board: 'failed to submit' at the Softmax on "
                                  "rk3588 (fine with 2.1.0 and on rk3576, rk3566)"), "one level of 80 x 105 anchors"),
    "i173_flat_input_vit": (flat_input_vit, A + "173", "transformer",
                            ("rk3588", "2.1.0", "a ViT with a 3-dim input (1,1,150528): simulator fine, C API failed"),
                            "the patch embedding after the input Reshape"),
    "i328_pad_image_input": (pad_image_input, A + "328", "other",
                             ("rk3588", "2.3.0 / 2.3.2", "F.pad on the image ran on the CPU; 'Pad: mode constant "
                              "unsupport pads[5] = 0', Pad (1,3,512,512) CPU in the layer table"), None),
    "i316_retinaface_head": (retinaface_head, A + "316", "detector",
                             ("rv1106", "2.3.0", "RetinaFace: 'unsupport cpu Transpose op, op name: "
                              "Transpose:606-rs_tp'"), "one 80 x 80 level of the class head"),
    "i380_gru_sequence": (gru_sequence, R + "380", "speech",
                          ("unknown", None, "'I found GRU is put on the CPU' during conversion"),
                          "T = 16, 64 features, hidden 64"),
}


def write(out: Path, reports: dict | None = None) -> dict[str, dict]:
    """Write each report's model (unchanged files keep their mtime) and manifest.json; `reports` defaults to this
    batch's REPORTS (issue_repros2.py passes its own)."""
    out.mkdir(parents=True, exist_ok=True)
    manifest = {}
    for name, (build, url, arch, (target, version, what), note) in (reports or REPORTS).items():
        m = build()
        data, path = m.SerializeToString(), out / f"{name}.onnx"
        if not path.exists() or path.read_bytes() != data:  # an unchanged model keeps its mtime: no rebuild
            path.write_bytes(data)
        opset = next(o.version for o in m.opset_import if o.domain in ("", "ai.onnx"))
        manifest[name] = {"family": "issue", "arch": arch, "opset": opset, "exporter": "onnx.helper", "source": url,
                          "reported": {"target": target, "toolkit": version, "what": what},
                          "guessed": note, "doc": (build.__doc__ or "").split("\n")[0]}
    (out / "manifest.json").write_text(json.dumps(manifest, indent=1, sort_keys=True))
    return manifest


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=Path("/work/calib/issue-repros/models"))
    a = ap.parse_args(argv)
    man = write(a.out)
    print(f"{len(man)} models in {a.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
