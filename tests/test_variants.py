"""rknnlint/variants.py names each probe model's node by its own variant, so measured placements apply to real nodes."""
from __future__ import annotations

import numpy as np
import pytest

from rknnlint import probe
from rknnlint.graph import ModelView
from rknnlint.platforms import families
from rknnlint.variants import _MATCHERS, match

# probe variants whose model the matcher names by an equivalent, more general label
EQUIVALENT = {
    "Resize/nearest_sizes_32": "nearest_x2", "Resize/nearest_x2_opset11": "nearest_x2",
    "Resize/linear_sizes_24_align_corners": "linear_x2_align_corners",
    "Softmax/rank4_axis-1": "rank4_axis3", "Softmax/opset11_axis1": "rank4_axis1", "Softmax/attention_1x4x64x64": "rank4_axis3",
    "Pow/scalar": "exponent_1.5", "Pad/opset10_attr": "constant_hw1", "Pad/reflect_conv": "reflect_hw1",
}
# variants that stand for the op itself (no attribute makes them special): the op-level placement applies
OP_LEVEL = {"Where/mask_feature", "Where/mask_scalar",
            # only a Tile of all-1 repeats is a variant (repeats_ones); the others take the op's placement
            "Tile/hw_x2", "Tile/channels_x3", "Tile/batch_x2", "Tile/repeats_graph_input",
            # only integer data names a CumSum / Concat variant (int64_inputs, int64_shapes, int64_computed)
            "CumSum/axis3", "CumSum/axis1", "Concat/axis1_features", "Concat/axis2_features",
            "Concat/axis3_features", "Concat/axis1_const", "Concat/axis1_odd_channels", "Concat/rank3_axis1",
            "Concat/rank2_axis0", "Concat/rank5_axis2",
            # only a rotary interleave back to 4-D names a Reshape variant (interleave_5d)
            "Reshape/4d_to_4d", "Reshape/4d_to_3d_tokens", "Reshape/4d_to_2d", "Reshape/4d_to_5d_yolo",
            "Reshape/4d_to_6d", "Reshape/zero_dims", "Reshape/shape_from_data", "Reshape/shape_graph_input",
            # only an And cast to float names a variant (masks_to_float)
            "And/bool_masks", "And/bool_inputs",
            # only a Clip of integers names a variant (int64_computed); a float Clip takes the op's placement
            "Clip/relu6", "Clip/min_max", "Clip/min_only", "Clip/opset6_attrs"}


@pytest.mark.parametrize("case", probe.cases(sorted(_MATCHERS)), ids=lambda c: c.key)
def test_probe_model_matches_its_variant(case):
    view = ModelView(case.model)
    ref = next(r for r in view.nodes if r.name == "probe")
    names = match(view, ref)
    if case.key in OP_LEVEL:
        assert names == []
    else:
        assert case.variant in names or EQUIVALENT.get(case.key) in names, names


def test_measured_variants_load_with_their_source():
    p = families()["rk3588"]
    fact = p.variant("DepthToSpace", "CRD_b3")
    assert fact.placement == "cpu" and "probe variant DepthToSpace/CRD_b3" in fact.source
    assert p.variant("DepthToSpace", "no_such_variant") is None


def test_odd_attributes_give_no_variant():
    from onnx import helper

    m = helper.make_model(helper.make_graph([helper.make_node("AveragePool", ["x"], ["y"], kernel_shape=[3])], "g",
                                            [helper.make_tensor_value_info("x", 1, None)],
                                            [helper.make_tensor_value_info("y", 1, None)]))
    view = ModelView(m)
    assert match(view, view.nodes[0]) == ["rank3_pool1d"]


def _int64_div(after_cast: bool, from_topk: bool):
    """int64 -> Div(2) [-> Cast float], the int64 a graph input or TopK indices (the measured rv1106 int8 builds)."""
    import numpy as np
    from onnx import TensorProto as T
    from onnx import helper, numpy_helper

    nodes, inits = [], [numpy_helper.from_array(np.full([1, 8], 2, np.int64), "two"),
                        numpy_helper.from_array(np.array([8], np.int64), "k")]
    if from_topk:
        x = helper.make_tensor_value_info("x", T.FLOAT, [1, 64])
        nodes.append(helper.make_node("TopK", ["x", "k"], ["v", "i"], name="topk", axis=-1))
        a = "i"
    else:
        x, a = helper.make_tensor_value_info("x", T.INT64, [1, 8]), "x"
    nodes.append(helper.make_node("Div", [a, "two"], ["d"], name="div"))
    out = "d"
    if after_cast:
        nodes.append(helper.make_node("Cast", ["d"], ["y"], name="cast", to=T.FLOAT))
        out = "y"
    y = helper.make_tensor_value_info(out, T.FLOAT if after_cast else T.INT64, [1, 8])
    view = ModelView(helper.make_model(helper.make_graph(nodes, "g", [x], [y], inits)))
    return match(view, next(r for r in view.nodes if r.name == "div"))


def test_int64_from_a_graph_input_to_the_output_is_the_crashing_probe_variant_only():
    """rv1106 int8, 2.5.0: only input -> Div -> output crashed; with a Cast after it, or on TopK indices, Div ran on
    the CPU (int64_computed)."""
    assert _int64_div(after_cast=False, from_topk=False) == ["int64_inputs"]
    for cast in (True, False):  # int64_computed first, the probed form where a table has no int64_computed
        assert _int64_div(after_cast=cast, from_topk=True) == ["int64_computed", "int64_inputs"]
    assert _int64_div(after_cast=True, from_topk=False) == ["int64_computed", "int64_inputs"]
    from rknnlint.platforms import families

    assert families()["rv1106"].variant("Div", "int64_computed").placement == "cpu"
    assert families()["rv1106"].variant("Div", "int64_inputs").placement == "fails"


def test_a_gem_pooling_exponent_folded_from_constants_is_its_exponent_variant():
    """Unseen set 14's ReID GeM head: AveragePool(x^p) ^ (Reciprocal(p) * 1.0) with p a learned constant. The toolkit
    folds the constant exponent (rk3588 float16 2.3.0: the Pow on the CPU, the build fine); read as a computed
    exponent it was the probe's feature variant, whose crash made a false alarm."""
    from onnx import TensorProto as T
    from onnx import helper, numpy_helper

    import rknnlint

    p = numpy_helper.from_array(np.array([3.0], np.float32), "p")
    one = numpy_helper.from_array(np.array(1.0, np.float32), "one")
    nodes = [helper.make_node("Pow", ["x", "p"], ["xp"]),
             helper.make_node("AveragePool", ["xp"], ["a"], kernel_shape=[16, 8], strides=[16, 8]),
             helper.make_node("Reciprocal", ["p"], ["rp"]), helper.make_node("Mul", ["rp", "one"], ["e"]),
             helper.make_node("Pow", ["a", "e"], ["y"], name="gem_root")]
    g = helper.make_graph(nodes, "g", [helper.make_tensor_value_info("x", T.FLOAT, [1, 64, 16, 8])],
                          [helper.make_tensor_value_info("y", T.FLOAT, [1, 64, 1, 1])], [p, one])
    model = helper.make_model(g, opset_imports=[helper.make_opsetid("", 13)])
    view = ModelView(model)
    assert match(view, next(r for r in view.nodes if r.name == "gem_root")) == ["exponent_0.333333", "exponent_1.5"]
    report = rknnlint.check(model, target="rk3588", toolkit_version="2.3.0")
    codes = [f.code for f in report.findings if f.location.node_name == "gem_root"]
    assert "RKN601" in codes and "RKN602" not in codes and report.exit_code == 0


def test_a_divisor_computed_and_broadcast_is_the_feature_div():
    """EfficientViT's v / (sum + eps): [1,8,64,16] / [1,8,64,1], both computed: the toolkit expands the divisor."""
    from onnx import TensorProto as T
    from onnx import helper

    nodes = [helper.make_node("ReduceSum", ["x"], ["s"], keepdims=1, axes=[3]),
             helper.make_node("Div", ["x", "s"], ["y"], name="div")]
    g = helper.make_graph(nodes, "g", [helper.make_tensor_value_info("x", T.FLOAT, [1, 8, 64, 16])],
                          [helper.make_tensor_value_info("y", T.FLOAT, [1, 8, 64, 16])])
    view = ModelView(helper.make_model(g, opset_imports=[helper.make_opsetid("", 11)]))
    assert match(view, next(r for r in view.nodes if r.name == "div")) == ["feature"]
    for axes, want in (([3], []), ([1], ["feature_bcast"]), ([2, 3], [])):  # last axis; channels (the probe's); SE
        nodes = [helper.make_node("ReduceSum", ["x"], ["s"], keepdims=1, axes=axes),
                 helper.make_node("Mul", ["x", "s"], ["y"], name="mul")]
        view = ModelView(helper.make_model(helper.make_graph(nodes, "g", list(g.input), list(g.output)),
                                           opset_imports=[helper.make_opsetid("", 11)]))
        assert match(view, next(r for r in view.nodes if r.name == "mul")) == want, axes


def test_rank5_constant_is_the_cpu_variant_only_when_it_varies_along_leading_axes():
    """rk2118 fp16 / rv1106b int8, 2.5.0: x[1,3,20,20,2] * c runs on the CPU for c [1,3,1,1,1] only."""
    import numpy as np
    from onnx import TensorProto as T
    from onnx import helper, numpy_helper

    def variant(shape):
        rhs = numpy_helper.from_array(np.linspace(0.5, 2.0, int(np.prod(shape)) or 1, dtype=np.float32).reshape(shape), "c")
        g = helper.make_graph([helper.make_node("Mul", ["x", "c"], ["y"], name="mul")], "g",
                              [helper.make_tensor_value_info("x", T.FLOAT, [1, 3, 20, 20, 2])],
                              [helper.make_tensor_value_info("y", T.FLOAT, [1, 3, 20, 20, 2])], [rhs])
        view = ModelView(helper.make_model(g))
        return match(view, view.nodes[0])

    assert variant([1, 3, 1, 1, 1]) == ["rank5"]
    for shape in ([], [1, 3, 1, 1, 2], [1, 1, 1, 1, 2], [1, 1, 20, 20, 2]):
        assert variant(shape) == [], shape


def test_a_rank5_square_is_no_broadcast_variant():
    """placement_sweep `evonorm` (2.3.2, rv1106b int8 / rk2118 float16): EvoNorm's x * x of the centred group view ran
    on the NPU, where the probe's rank-5 Mul by [1, C, 1, 1, 1] ran on the CPU; a computed [1, C, 1, 1, 1] stays it."""
    from onnx import TensorProto as T
    from onnx import helper

    def mul(rhs):
        nodes = [helper.make_node("ReduceMean", ["x"], ["m"], axes=[2, 3, 4], keepdims=1),
                 helper.make_node("Sub", ["x", "m"], ["d"]), helper.make_node("Mul", ["d", rhs], ["y"], name="mul")]
        g = helper.make_graph(nodes, "g", [helper.make_tensor_value_info("x", T.FLOAT, [1, 4, 2, 8, 8])],
                              [helper.make_tensor_value_info("y", T.FLOAT, None)])
        view = ModelView(helper.make_model(g, opset_imports=[helper.make_opsetid("", 13)]))
        return match(view, next(r for r in view.nodes if r.name == "mul"))

    assert mul("d") == []
    assert mul("m") == ["rank5"]


def test_a_rank5_mul_of_computed_maps_is_the_cpu_variant_only_by_a_squeeze_excite_gate():
    """placement_sweep `mul5` (2.3.2 and 2.5.0, rk2118 float16 / rv1106b int8; unseen set 21's X3D-XS): behind a
    depthwise Conv3d the SE Mul by its gate [1, C, 1, 1, 1] ran on the CPU, in either operand order; the swish
    x * sigmoid(x) and a computed [1, C, T, 1, 1] or [1, 1, T, H, W] gate on the NPU."""
    from onnx import TensorProto as T
    from onnx import helper

    def mul(gate_axes, gate_first=False):
        nodes = [helper.make_node("Relu", ["x"], ["d"])]
        if gate_axes is None:
            nodes.append(helper.make_node("Sigmoid", ["d"], ["s"]))
        else:
            nodes += [helper.make_node("ReduceMean", ["d"], ["m"], axes=gate_axes, keepdims=1),
                      helper.make_node("Sigmoid", ["m"], ["s"])]
        nodes.append(helper.make_node("Mul", ["s", "d"] if gate_first else ["d", "s"], ["y"], name="mul"))
        g = helper.make_graph(nodes, "g", [helper.make_tensor_value_info("x", T.FLOAT, [1, 8, 4, 10, 10])],
                              [helper.make_tensor_value_info("y", T.FLOAT, None)])
        view = ModelView(helper.make_model(g, opset_imports=[helper.make_opsetid("", 13)]))
        return match(view, next(r for r in view.nodes if r.name == "mul"))

    assert mul([2, 3, 4]) == ["rank5"]
    assert mul([2, 3, 4], gate_first=True) == ["rank5"]
    assert mul(None) == []  # the swish: operands of one shape
    assert mul([3, 4]) == []  # [1, C, T, 1, 1]
    assert mul([1]) == []  # [1, 1, T, H, W]


def test_a_rank2_or_rank3_div_by_a_computed_tensor_is_the_feature_div():
    """rv1106 int8 calibration: RT-DETR's x / (1 - x) [1,300,4] and a masked mean [1,128] / [1,1] ran on the CPU."""
    from onnx import TensorProto as T
    from onnx import helper

    def div(shape, axes):
        nodes = [helper.make_node("ReduceSum", ["x"], ["s"], keepdims=1, axes=axes) if axes else
                 helper.make_node("Sigmoid", ["x"], ["s"]),
                 helper.make_node("Div", ["x", "s"], ["y"], name="div")]
        g = helper.make_graph(nodes, "g", [helper.make_tensor_value_info("x", T.FLOAT, shape)],
                              [helper.make_tensor_value_info("y", T.FLOAT, shape)])
        view = ModelView(helper.make_model(g, opset_imports=[helper.make_opsetid("", 11)]))
        return match(view, next(r for r in view.nodes if r.name == "div"))

    assert div([1, 300, 4], None) == ["feature"]
    assert div([1, 128], [1]) == ["feature"]


def test_a_zero_pad_in_front_of_a_conv_is_the_convs_padding_where_measured():
    """rknn-toolkit2 2.3.2 on rv1106 int8 ran a zero Pad that is the graph output on the CPU (Pad/constant_hw1) and
    merged one in front of a Conv into that Conv (Pad/constant_conv, constant_asym_conv: one Conv@NPU layer), as the
    calibration builds did with 26 such Pads (timm TF-'same' convs, HGNet stems)."""
    from conftest import findings

    cases = {c.variant: c for c in probe.cases(["Pad"])}
    for v in ("constant_conv", "constant_asym_conv"):
        assert findings(cases[v].model, target="rv1106", dtype="int8", toolkit_version="2.3.2", select={"RKN601"}) == []
    [f] = findings(cases["constant_hw1"].model, target="rv1106", dtype="int8", toolkit_version="2.3.2",
                   select={"RKN601"})
    assert f.location.node_name == "probe" and "Pad/constant_hw1" in f.message


def test_a_zero_pad_in_front_of_a_maxpool_is_the_pools_padding_even_when_its_pads_are_computed():
    """EfficientDet's BiFPN pools ('same' max pooling: F.pad with pads computed from the map's size, then a 3x3
    stride-2 MaxPool) built with 2.3.2 on rv1106 int8 with the Pads merged into the MaxPools (8 of 8), and the probe
    variants Pad/constant_pool and constant_asym_pool built as one MaxPool@NPU layer on all seven families: such a
    Pad is not Pad/constant_hw1 (a zero Pad that is the graph output, on the CPU on rv1106)."""
    from onnx import TensorProto, helper, numpy_helper

    from conftest import findings

    pads = numpy_helper.from_array(np.array([0, 0, 0, 0, 0, 1, 0, 1], np.int64), "p")
    shape = numpy_helper.from_array(np.array([4, 2], np.int64), "shape")
    nodes = [helper.make_node("Relu", ["x"], ["r"]),
             # the pads as TorchScript writes F.pad's: (begin, end) pairs Transposed to ONNX's order, Reshaped, Cast
             helper.make_node("Reshape", ["p", "shape"], ["p2"]),
             helper.make_node("Transpose", ["p2"], ["p3"], perm=[1, 0]),
             helper.make_node("Reshape", ["p3", "minus1"], ["p4"]),
             helper.make_node("Cast", ["p4"], ["pads"], to=TensorProto.INT64),
             helper.make_node("Pad", ["r", "pads"], ["padded"], name="same_pad", mode="constant"),
             helper.make_node("MaxPool", ["padded"], ["y"], kernel_shape=[3, 3], strides=[2, 2])]
    minus1 = numpy_helper.from_array(np.array([-1], np.int64), "minus1")
    g = helper.make_graph(nodes, "g", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 16, 24, 24])],
                          [helper.make_tensor_value_info("y", TensorProto.FLOAT, None)], [pads, shape, minus1])
    model = helper.make_model(g, opset_imports=[helper.make_opsetid("", 13)])
    view = ModelView(model)
    assert match(view, next(r for r in view.nodes if r.name == "same_pad"))[0] == "constant_asym_pool"
    assert findings(model, target="rv1106", dtype="int8", toolkit_version="2.3.2", select={"RKN601"}) == []
    cases = {c.variant: c for c in probe.cases(["Pad"])}
    for v in ("constant_pool", "constant_asym_pool"):
        assert findings(cases[v].model, target="rv1106", dtype="int8", toolkit_version="2.3.2", select={"RKN601"}) == []


def test_a_zero_pad_of_a_map_with_few_channels_is_placed_by_its_channel_count():
    """EfficientAD's one-channel anomaly map padded by 4 ran its Pad on the CPU on rk3588 fp16 2.3.2 (unseen set 13);
    placement_sweep `padtail`: with 2.3.2 on the CPU where C is no multiple of 8 on rk3588, of 4 on rk3566, on the NPU
    with 2.5.0 (probe variants Pad/constant_c1 .. c6); an 8-channel map's Pad stays on the NPU (constant_hw1)."""
    from onnx import helper

    from conftest import findings, init, make_model

    def model(c):
        nodes = [helper.make_node("Conv", ["x", "w"], ["m"], kernel_shape=[1, 1]),
                 helper.make_node("Pad", ["m", "pads"], ["y"], name="pad", mode="constant")]
        return make_model(nodes, [("x", [1, 8, 64, 64])], [("y", [1, c, 72, 72])],
                          [init("w", np.ones((c, 8, 1, 1), np.float32)),
                           init("pads", np.array([0, 0, 4, 4, 0, 0, 4, 4], np.int64))])

    def cpu(c, target, version):
        return [f.location.node_name for f in findings(model(c), target=target, toolkit_version=version,
                                                      select={"RKN601"})]

    view = ModelView(model(3))
    assert match(view, next(r for r in view.nodes if r.name == "pad"))[0] == "constant_c3"
    assert cpu(1, "rk3588", "2.3.2") == ["pad"] and cpu(4, "rk3588", "2.3.2") == ["pad"]
    assert cpu(4, "rk3566", "2.3.2") == [] and cpu(3, "rk3566", "2.3.2") == ["pad"]
    assert cpu(8, "rk3588", "2.3.2") == [] and cpu(1, "rk3588", "2.5.0") == []
    assert cpu(12, "rk3588", "2.3.2") == ["pad"] and cpu(12, "rk3566", "2.3.2") == [] and cpu(10, "rk3566", "2.3.2") == ["pad"]


def test_a_zero_pad_a_conv_cannot_take_is_placed_by_its_channel_count():
    """placement_sweep `padconv` (2.3.2, rk3562 / rk3576 / rk2118 float16, rv1106 / rv1106b int8): a zero Pad into a
    Conv with pads of its own (DCCRN's causal time Pad into a Conv padded on the frequency axis), or of 31 / 32 rows
    (CREPE's), stayed a layer: on the CPU on rk3562, rk3576 and rv1106 for 1 and 4 channels, on the NPU on rk2118 and
    rv1106b; Pads of up to 4 into a Conv without pads vanished into it on every family."""
    import importlib.util
    from pathlib import Path

    from conftest import findings

    spec = importlib.util.spec_from_file_location(
        "ps_padconv", Path(__file__).resolve().parents[1] / "calibration" / "placement_sweep.py")
    ps = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(ps)

    def cpu(m, target, dtype, version="2.3.2"):
        return "pad" in {f.location.node_name for f in findings(m, target=target, dtype=dtype, toolkit_version=version,
                                                                select={"RKN601"}) if f.severity.name != "INFO"}

    own = ps.case_padconv(1, (0, 1, 0, 0), (5, 2), (2, 0), (2, 1), (256, 100))[0]
    four = ps.case_padconv(4, (0, 1, 0, 0), (5, 2), (2, 0), (2, 1), (128, 100))[0]
    wide = ps.case_padconv(1, (31, 0, 32, 0), (64, 1), (0, 0), (1, 1), (256, 1))[0]
    taken = [ps.case_padconv(1, (0, 1, 0, 0), (5, 2), (0, 0), (2, 1), (256, 100))[0],
             ps.case_padconv(1, (3, 0, 4, 0), (8, 1), (0, 0), (1, 1), (256, 1))[0]]
    for target, dtype in (("rk3562", "float16"), ("rk3576", "float16"), ("rv1106", "int8")):
        assert cpu(own, target, dtype) and cpu(four, target, dtype) and cpu(wide, target, dtype), target
        assert not any(cpu(m, target, dtype) for m in taken), target
    for target, dtype in (("rk2118", "float16"), ("rv1106b", "int8")):
        assert not cpu(own, target, dtype) and not cpu(wide, target, dtype), target
    assert not cpu(own, "rk3562", "float16", "2.5.0")


def _strided_slices(pairs, shared=False):
    """x [1, 3, 32, 32] -> Slice(axis a, step 2) -> Slice(axis b, step 2) per (a, b) pair (one first Slice read by
    all second ones when `shared`) -> Concat."""
    from onnx import TensorProto, helper, numpy_helper

    c = {f"i{v}": numpy_helper.from_array(np.array([v], np.int64), f"i{v}") for v in (0, 1, 2, 3)}
    c["end"] = numpy_helper.from_array(np.array([2 ** 62], np.int64), "end")
    nodes, outs = [], []
    for k, (a, b) in enumerate(pairs):
        first = "f0" if shared else f"f{k}"
        if not shared or k == 0:
            nodes.append(helper.make_node("Slice", ["x", "i0", "end", f"i{a}", "i2"], [first], name=f"first{k}"))
        nodes.append(helper.make_node("Slice", [first, "i0", "end", f"i{b}", "i2"], [f"s{k}"], name=f"second{k}"))
        outs.append(f"s{k}")
    nodes.append(helper.make_node("Concat", outs, ["y"], axis=1))
    g = helper.make_graph(nodes, "g", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 3, 32, 32])],
                          [helper.make_tensor_value_info("y", TensorProto.FLOAT, None)], list(c.values()))
    return ModelView(helper.make_model(g, opset_imports=[helper.make_opsetid("", 13)]))


def test_focus_stem_slices_are_the_measured_focus_variants():
    # ddddocr's detector (separate pairs): the strided-H Slices ran on the CPU on rk3588 fp16 and the strided-W ones were
    # merged into them; a torch export that shares the strided-H Slice was made one Conv (rknnlint probe variants)
    view = _strided_slices([(2, 3), (2, 3)])
    assert [match(view, r) for r in view.nodes if r.op_type == "Slice"] == [
        ["height_step2", "width_step2"], ["focus_second"], ["height_step2", "width_step2"], ["focus_second"]]
    view = _strided_slices([(2, 3), (2, 3)], shared=True)
    assert [match(view, r) for r in view.nodes if r.op_type == "Slice"] == [["focus_shared"], ["focus_second"],
                                                                            ["focus_second"]]
    # the whole stem as older torch exports write it, four separate pairs into one Concat (the probe's focus_pairs)
    view = _strided_slices([(2, 3)] * 4)
    assert [match(view, r) for r in view.nodes if r.op_type == "Slice"] == [
        ["focus_pairs", "height_step2", "width_step2"], ["focus_second"]] * 4
    # channels-last windows (Swin's patch merging: H is axis 1): no measured variant speaks for them
    view = _strided_slices([(1, 2)])
    assert [match(view, r) for r in view.nodes if r.op_type == "Slice"] == [[], []]


def test_focus_stem_pairs_run_on_the_cpu_with_2_5_0_only():
    # four strided-H / strided-W pairs into a Concat and the stem's Conv (ddddocr's detector): rk3588 float16 ran the
    # strided-H Slices on the CPU with 2.5.0 and made the stem one NPU Conv with 2.3.2 (probe variant focus_pairs)
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    from conftest import findings

    m = _strided_slices([(2, 3)] * 4).model
    g = m.graph
    g.node.append(helper.make_node("Conv", ["y", "wc"], ["z"], kernel_shape=[3, 3], pads=[1, 1, 1, 1], name="stem"))
    g.initializer.append(numpy_helper.from_array(np.full((8, 12, 3, 3), 0.1, np.float32), "wc"))
    del g.output[:]
    g.output.append(helper.make_tensor_value_info("z", TensorProto.FLOAT, [1, 8, 16, 16]))
    onnx.checker.check_model(m)
    new = findings(m, toolkit_version="2.5.0", select={"RKN601"})
    assert sorted(f.location.node_name for f in new) == ["first0", "first1", "first2", "first3"]
    assert all("Slice/focus_pairs" in f.message for f in new)
    assert findings(m, toolkit_version="2.3.2", select={"RKN601"}) == []


def test_a_sequence_reversed_in_time_runs_on_the_cpu_with_2_3_2():
    # captcha CRNN's unrolled backward LSTM reads its [T, 1, D] input reversed (x[::-1]): rk3588 float16 with 2.3.2
    # ran that Slice on the CPU (probe variant Slice/rank3_reverse_time); a reversed W of a feature map stays NPU
    from onnx import helper, numpy_helper

    from conftest import findings, make_model

    c = [numpy_helper.from_array(np.array([v], np.int64), n) for n, v in
         (("st", -1), ("en", -2 ** 63 + 1), ("ax", 0), ("sp", -1))]
    m = make_model([helper.make_node("Relu", ["x"], ["r"], name="pre"),
                    helper.make_node("Slice", ["r", "st", "en", "ax", "sp"], ["s"], name="rev"),
                    helper.make_node("Relu", ["s"], ["y"], name="post")], [("x", [20, 1, 64])], [("y", [20, 1, 64])],
                   initializers=c)
    [f] = findings(m, toolkit_version="2.3.2", select={"RKN601"})
    assert f.location.node_name == "rev" and "Slice/rank3_reverse_time" in f.message


def test_a_reducemax_to_a_scalar_runs_on_the_cpu_on_rk3576_where_the_op_level_placement_says_npu():
    """rk3576 2.5.0 measured ReduceMax over the channels on the NPU (the op-level placement) and the all-axes
    probe variant on the CPU; openWakeWord's melspectrogram takes the maximum of its whole log-mel map (no axes,
    keepdims 0) and its rk3576 float16 build ran that ReduceMax on the CPU."""
    from onnx import helper

    from conftest import conv_weight, findings, init, make_model

    def model(**attrs):
        nodes = [helper.make_node("Conv", ["x", "w"], ["a"], name="pre", pads=[1, 1, 1, 1]),
                 helper.make_node("ReduceMax", ["a"], ["m"], name="rmax", **attrs)]
        out = [("m", [] if not attrs.get("axes") else [1, 1, 16, 16] if attrs["axes"] == [1] else [1, 8, 1, 1])]
        return make_model(nodes, [("x", [1, 3, 16, 16])], out, [init("w", conv_weight(8, 3))], opset=13)

    scalar = model(keepdims=0)
    view = ModelView(scalar)
    assert match(view, view.nodes[1]) == ["all_axes"]
    fs = findings(scalar, target="rk3576", toolkit_version="2.5.0", select={"RKN601"})
    assert [(f.location.node_name, f.data.get("variant")) for f in fs] == [("rmax", "all_axes")]
    # over the channels: the NPU variant, no finding; over H and W: the CPU variant
    assert findings(model(axes=[1], keepdims=1), target="rk3576", toolkit_version="2.5.0", select={"RKN601"}) == []
    spatial = findings(model(axes=[2, 3], keepdims=1), target="rk3576", toolkit_version="2.5.0", select={"RKN601"})
    assert [f.data.get("variant") for f in spatial] == ["axes23_keepdims1"]


def test_an_unsqueeze_is_placed_by_the_rank_it_makes():
    # rk3588 float16 with 2.3.0 ran the probe's 5-D Unsqueeze (axis0_to_5d) on the CPU and rank 3 -> 4 (rank3_axis1)
    # on the NPU; its op-level row is the 5-D one, which made every Unsqueeze of a real model a false CPU warning
    # (translit-encoder, silero-vad, PP-OCR rec: they ran on the NPU in the 2.3.0 builds)
    from onnx import helper, numpy_helper

    from conftest import findings, make_model

    def unsqueeze(shape, axis):
        out = list(shape)
        out.insert(axis, 1)
        return make_model([helper.make_node("Relu", ["x"], ["r"], name="pre"),
                           helper.make_node("Unsqueeze", ["r", "ax"], ["u"], name="unsq"),
                           helper.make_node("Relu", ["u"], ["y"], name="post")], [("x", shape)], [("y", out)],
                          [numpy_helper.from_array(np.array([axis], np.int64), "ax")])

    five = findings(unsqueeze([1, 8, 16, 16], 0), toolkit_version="2.3.0", select={"RKN601"})
    assert [f.location.node_name for f in five] == ["unsq"] and "Unsqueeze/axis0_to_5d" in five[0].message
    for shape, axis in (([1, 64], 1), ([1, 10, 64], 1), ([10, 64], 0)):
        assert findings(unsqueeze(shape, axis), toolkit_version="2.3.0", select={"RKN601"}) == [], shape
    # with 2.3.2 the 5-D one stayed on the NPU too
    assert findings(unsqueeze([1, 8, 16, 16], 0), toolkit_version="2.3.2", select={"RKN601"}) == []


def test_a_5d_unsqueeze_taken_back_to_4d_inside_the_network_is_not_the_handed_out_one():
    """EVA-02's rotary interleave (x[..., 1::2] negated and x[..., 0::2], each Unsqueeze-d to 5-D at the end, Concat-ed
    there, Reshape-d back) ran on the NPU on rk3588 with 2.2.0 and 2.3.0 (unseen set 4: 48 false CPU Unsqueezes); the
    probe's axis0_to_5d CPU layer is the Reshape that hands its 5-D result out. Small models measured it: a 5-D
    Unsqueeze / Relu / Concat as the graph output got that CPU Reshape, the same taken back to 4-D nothing."""
    from onnx import helper, numpy_helper

    from conftest import findings, make_model
    from rknnlint.graph import ModelView
    from rknnlint.variants import match

    ax = numpy_helper.from_array(np.array([-1], np.int64), "ax")
    shp = numpy_helper.from_array(np.array([1, 3, 64, 64], np.int64), "shp")
    rotary = make_model([helper.make_node("Neg", ["x"], ["n"], name="neg"),
                         helper.make_node("Unsqueeze", ["n", "ax"], ["u0"], name="unsq_a"),
                         helper.make_node("Unsqueeze", ["x", "ax"], ["u1"], name="unsq_b"),
                         helper.make_node("Concat", ["u0", "u1"], ["c"], name="cat", axis=-1),
                         helper.make_node("Reshape", ["c", "shp"], ["r"], name="back"),
                         helper.make_node("Mul", ["r", "sin"], ["y"], name="mul_sin")],
                        [("x", [1, 3, 64, 32])], [("y", [1, 3, 64, 64])],
                        [ax, shp, numpy_helper.from_array(np.ones((64, 64), np.float32), "sin")])
    view = ModelView(rotary)
    assert [match(view, r) for r in view.nodes if r.op_type == "Unsqueeze"] == [["to_5d_inside"]] * 2
    assert match(view, next(r for r in view.nodes if r.name == "back")) == ["interleave_5d"]
    for version in ("2.2.0", "2.3.0"):
        assert findings(rotary, target="rk3588", toolkit_version=version, select={"RKN601"}) == [], version
    # rv1106 int8 with 2.2.0 / 2.3.0 made the interleave a Gather named after the Reshape's output and ran it on the
    # CPU (EVA-02 in unseen set 4: 'Gather:/blocks.0/attn/Reshape_1_output_0-gather', which the layer table gives to
    # the Mul reading it; the probe's Reshape/interleave_5d), a placement the `concat>Reshape>elt` motif hid
    for version in ("2.2.0", "2.3.0"):
        [f] = findings(rotary, target="rv1106", toolkit_version=version, select={"RKN601"})
        assert f.location.node_name == "mul_sin" and f.data.get("variant") == "interleave_5d"
        assert "Reshape 'back' in front runs as a CPU Gather" in f.message
    # not probed with 2.3.2 (EVA-02's whole build turned the Gather into a Conv there): the motif decides, as before
    assert [f for f in findings(rotary, target="rv1106", toolkit_version="2.3.2", select={"RKN601"})
            if f.location.node_name in ("back", "mul_sin")] == []
    # the same Concat handed out at rank 5: the probe's variant, on the CPU
    out5 = make_model([helper.make_node("Unsqueeze", ["x", "ax"], ["u0"], name="unsq_a"),
                       helper.make_node("Relu", ["u0"], ["r"], name="relu"),
                       helper.make_node("Concat", ["u0", "r"], ["y"], name="cat", axis=-1)],
                      [("x", [1, 3, 64, 32])], [("y", [1, 3, 64, 32, 2])], [ax])
    fs = findings(out5, target="rk3588", toolkit_version="2.3.0", select={"RKN601"})
    assert "unsq_a" in [f.location.node_name for f in fs]


def test_a_zero_pad_reshaped_to_nchw_by_its_channel_alignment():
    """A zero Pad whose only user is a Reshape (tf2onnx's channels-last front: openWakeWord's [1, 76, 32, 1] input ->
    Pad -> Reshape [1, 1, 76, 34] -> Conv) is Pad/constant_reshape where C is no multiple of 8, constant_reshape_c8
    where it is: rknn-toolkit2 2.3.0 on rk3588 ran the first on the CPU, the second on the NPU (placement_sweep
    `padin`: C = 12, 36, 74, 76, 77, 84 on the CPU, 8 to 96 in steps of 8 on the NPU); the same Pad into a Conv is
    no reshape variant."""
    from onnx import TensorProto, helper, numpy_helper

    from conftest import findings

    def model(c, user="Reshape"):
        inits = [numpy_helper.from_array(np.array([0, 0, 1, 0, 0, 0, 1, 0], np.int64), "pads"),
                 numpy_helper.from_array(np.array([1, 1, c, 34], np.int64), "shape"),
                 numpy_helper.from_array(np.full((24, 1, 3, 3) if user == "Reshape" else (24, c, 3, 1), 0.1, np.float32), "w")]
        nodes = [helper.make_node("Pad", ["x", "pads"], ["p"], name="pad", mode="constant")]
        if user == "Reshape":
            nodes.append(helper.make_node("Reshape", ["p", "shape"], ["r"], name="to_nchw"))
        nodes.append(helper.make_node("Conv", ["r" if user == "Reshape" else "p", "w"], ["y"], name="conv"))
        g = helper.make_graph(nodes, "g", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, c, 32, 1])],
                              [helper.make_tensor_value_info("y", TensorProto.FLOAT, None)], inits)
        return helper.make_model(g, opset_imports=[helper.make_opsetid("", 13)])

    def names(m):
        view = ModelView(m)
        return match(view, next(r for r in view.nodes if r.name == "pad"))

    assert names(model(76))[0] == "constant_reshape"
    assert names(model(72))[0] == "constant_reshape_c8"
    assert "constant_reshape" not in names(model(76, user="Conv"))

    def cpu(m, version):
        return [f for f in findings(m, target="rk3588", toolkit_version=version, select={"RKN601"})
                if f.location.node_name == "pad"]
    [f] = cpu(model(76), "2.3.0")
    assert "Pad/constant_reshape" in f.message
    assert cpu(model(72), "2.3.0") == []
    assert cpu(model(76), "2.5.0") == []
    # rk3566 with 2.2.0: the Pad itself on the NPU, the Transpose the toolkit made of the Reshape after it on the CPU
    # (rknnlint probe --ops Pad --toolkit-version 2.2.0: `Transpose:probe_post3`, the Reshape's): no finding on the Pad
    assert [f for f in findings(model(76), target="rk3566", toolkit_version="2.2.0", select={"RKN601"})
            if f.location.node_name == "pad"] == []


def test_a_class_map_cast_to_uint8_fails_the_build():
    # ultralytics' semantic head (YOLO26-sem, unseen set 4) ends ArgMax -> Cast(uint8): every build crashed with
    # 'Not Support Dtype: 2' (SIGABRT); probe variant Cast/int_to_uint8 failed on all seven families with 2.2.0-2.5.0
    from onnx import TensorProto, helper

    from conftest import findings, make_model

    m = make_model([helper.make_node("Relu", ["x"], ["r"], name="pre"),
                    helper.make_node("ArgMax", ["r"], ["a"], name="argmax", axis=1, keepdims=0),
                    helper.make_node("Cast", ["a"], ["y"], name="to_bytes", to=TensorProto.UINT8)],
                   [("x", [1, 8, 16, 16])], [("y", [1, 16, 16])])
    m.graph.output[0].type.tensor_type.elem_type = TensorProto.UINT8
    view = ModelView(m)
    assert match(view, view.main_nodes[2]) == ["int_to_uint8"]
    for version in ("2.3.2", "2.5.0"):
        [f] = findings(m, target="rk3588", toolkit_version=version, select={"RKN602"})
        assert f.location.node_name == "to_bytes" and "Cast/int_to_uint8" in f.message and f.severity.name == "ERROR"
    # the same Cast to int32 builds (a CPU layer, no error)
    m.graph.node[2].attribute[0].i = TensorProto.INT32
    m.graph.output[0].type.tensor_type.elem_type = TensorProto.INT32
    assert findings(m, target="rk3588", toolkit_version="2.3.2", select={"RKN602"}) == []


def test_integer_cumsum_and_concat_name_their_integer_variant_and_float_ones_none():
    """calibration/issue_repros.py: NLLB's position count (cumsum of an int32 mask) and a keypoint decode's GatherND
    indices (a Concat of constant rows and ArgMax indices) ran on the CPU with every version and family built; a float
    CumSum is rewritten to an NPU Conv and a float Concat stays on the NPU, so only integers name a variant, and no
    fall-back to the graph-input form where a table lacks int64_computed."""
    from onnx import TensorProto, helper

    from conftest import init

    def view(nodes, inputs, outputs, inits):
        g = helper.make_graph(nodes, "g", inputs, outputs, inits)
        m = helper.make_model(g, opset_imports=[helper.make_opsetid("", 13)])
        return ModelView(m)

    ids = helper.make_tensor_value_info("ids", TensorProto.INT64, [1, 16])
    mask = [helper.make_node("Equal", ["ids", "pad"], ["eq"]), helper.make_node("Not", ["eq"], ["m"]),
            helper.make_node("Cast", ["m"], ["mi"], to=TensorProto.INT32),
            helper.make_node("CumSum", ["mi", "ax"], ["cs"], name="cumsum")]
    v = view(mask, [ids], [helper.make_tensor_value_info("cs", TensorProto.INT32, [1, 16])],
             [init("pad", np.array(1, np.int64)), init("ax", np.array(1, np.int32))])
    assert match(v, next(r for r in v.nodes if r.name == "cumsum")) == ["int64_computed"]
    x = helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 16])
    v = view([helper.make_node("CumSum", ["x", "ax"], ["y"], name="cumsum")], [x],
             [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 16])], [init("ax", np.array(1, np.int32))])
    assert match(v, next(r for r in v.nodes if r.name == "cumsum")) == []
    h = helper.make_tensor_value_info("h", TensorProto.FLOAT, [17, 64])
    v = view([helper.make_node("ArgMax", ["h"], ["am"], axis=1, keepdims=1),
              helper.make_node("Concat", ["rows", "am"], ["idx"], name="cat", axis=1)], [h],
             [helper.make_tensor_value_info("idx", TensorProto.INT64, [17, 2])],
             [init("rows", np.arange(17, dtype=np.int64).reshape(17, 1))])
    assert match(v, next(r for r in v.nodes if r.name == "cat")) == ["int64_computed"]


def test_a_bilinear_spread_of_a_1x1_map_is_no_cpu_resize():
    """An ASPP image-pooling branch's Resize from [1, C, 1, 1] (align_corners) built on the NPU on every family measured
    (2.3.2, 2.5.0, 2.3.0), while the same Resize from 8 x 16 to 64 x 128 ran on the CPU (probe variant
    linear_x2_align_corners)."""
    from onnx import helper

    from conftest import findings, init, make_model

    def model(hw, to):
        node = helper.make_node("Resize", ["x", "", "", "sz"], ["y"], name="up", mode="linear",
                                coordinate_transformation_mode="align_corners")
        return make_model([node], [("x", [1, 128, *hw])], [("y", [1, 128, *to])],
                          [init("sz", np.array([1, 128, *to], np.int64))], opset=13)

    spread = model((1, 1), (8, 16))
    view = ModelView(spread)
    assert match(view, view.nodes[0]) == []
    for target, version in (("rk3588", "2.3.2"), ("rk3566", "2.3.2"), ("rk3588", "2.5.0")):
        assert findings(spread, target=target, toolkit_version=version, select={"RKN601"}) == []
        fs = findings(model((8, 16), (64, 128)), target=target, toolkit_version=version, select={"RKN601"})
        assert [(f.location.node_name, f.data.get("variant")) for f in fs] == [("up", "linear_x2_align_corners")]


def test_an_align_corners_resize_by_whole_input_steps_is_its_own_variant():
    """Fast-SCNN's pyramid pooling 2 x 2 -> 12 x 24 ((out - 1) / (in - 1) = 11 and 23) built on the NPU on rk3588 and
    rk3576 (2.3.2) where 3 x 3 -> 12 x 24 and 2 x 3 -> 12 x 24 ran on the CPU: the whole-step form names the probe
    variant linear_sizes_31_align_corners first, any other align_corners upscale only the x2 one."""
    from onnx import helper

    from conftest import findings, init, make_model

    def model(hw, to, sizes=True):
        ins = ["x", "", "", "sz"] if sizes else ["x", "", "sc"]
        node = helper.make_node("Resize", ins, ["y"], name="up", mode="linear",
                                coordinate_transformation_mode="align_corners")
        k = init("sz", np.array([1, 32, *to], np.int64)) if sizes else init(
            "sc", np.array([1, 1, to[0] / hw[0], to[1] / hw[1]], np.float32))
        return make_model([node], [("x", [1, 32, *hw])], [("y", [1, 32, *to])], [k], opset=13)

    for hw, to in (((2, 2), (12, 24)), ((6, 6), (11, 21)), ((16, 16), (31, 31))):
        view = ModelView(model(hw, to))
        assert match(view, view.nodes[0])[0] == "linear_sizes_31_align_corners", (hw, to)
    for hw, to, sizes in (((3, 3), (12, 24), True), ((2, 3), (12, 24), True), ((4, 4), (8, 8), False)):
        view = ModelView(model(hw, to, sizes))
        assert "linear_sizes_31_align_corners" not in match(view, view.nodes[0]), (hw, to)
    assert findings(model((2, 2), (12, 24)), target="rk3588", toolkit_version="2.3.2", select={"RKN601"}) == []
    fs = findings(model((3, 3), (12, 24)), target="rk3588", toolkit_version="2.3.2", select={"RKN601"})
    assert [(f.location.node_name, f.data.get("variant")) for f in fs] == [("up", "linear_x2_align_corners")]


def test_a_resize_to_sizes_computed_from_a_padded_maps_shape_is_read_from_the_folded_shapes():
    """EfficientAD's tail: Pad with pads computed in the graph (onnx's shape inference stops there) -> Resize to
    sizes Concat(Shape(padded)[:2], [256, 256]). The toolkit folds both (static input) and ran the Resize (72 -> 256)
    on the CPU on rk3588 fp16 2.3.2 (unseen set 13): it is the fractional upscale, not an unknown Resize."""
    from onnx import helper

    from conftest import findings, init, make_model

    nodes = [helper.make_node("Identity", ["p0"], ["pads"]),
             helper.make_node("Pad", ["x", "pads"], ["padded"], mode="constant"),
             helper.make_node("Shape", ["padded"], ["shp"]),
             helper.make_node("Slice", ["shp", "zero", "two"], ["nc"]),
             helper.make_node("Concat", ["nc", "size"], ["sizes"], axis=0),
             helper.make_node("Resize", ["padded", "", "", "sizes"], ["y"], name="up", mode="linear")]
    model = make_model(nodes, [("x", [1, 1, 64, 64])], [("y", None)],
                       [init("p0", np.array([0, 0, 4, 4, 0, 0, 4, 4], np.int64)), init("zero", np.array([0], np.int64)),
                        init("two", np.array([2], np.int64)), init("size", np.array([256, 256], np.int64))], opset=13)
    view = ModelView(model)
    assert match(view, next(r for r in view.nodes if r.name == "up")) == ["linear_x3.55556_half_pixel",
                                                                           "linear_x1.5_half_pixel"]
    fs = findings(model, target="rk3588", toolkit_version="2.3.2", select={"RKN601"})
    assert [(f.location.node_name, f.data.get("variant")) for f in fs if f.location.node_name == "up"] == [
        ("up", "linear_x1.5_half_pixel")]


def test_a_bilinear_resize_fractional_on_one_axis_is_the_fractional_upscale():
    """DDRNet's DAPPM (unseen set 15): half_pixel Resizes to sizes 2 x 3 -> 8 x 10 and 8 x 10 -> 60 x 80 ran on the
    CPU on every family measured, like a fractional x1.5; 1 x 2 -> 8 x 10 and 4 x 5 -> 8 x 15 (whole factors, unequal)
    on the NPU (rk3588 fp16 2.3.2, 9 onnx.helper models)."""
    from onnx import helper

    from conftest import findings, init, make_model

    def model(hw, to):
        node = helper.make_node("Resize", ["x", "", "", "sz"], ["y"], name="up", mode="linear")
        return make_model([node], [("x", [1, 32, *hw])], [("y", [1, 32, *to])],
                          [init("sz", np.array([1, 32, *to], np.int64))], opset=13)

    for hw, to in (((2, 3), (8, 10)), ((8, 10), (60, 80)), ((4, 4), (8, 10))):
        view = ModelView(model(hw, to))
        assert match(view, view.nodes[0]) == ["linear_x1.5_half_pixel"], (hw, to)
        fs = findings(model(hw, to), target="rk3588", toolkit_version="2.3.2", select={"RKN601"})
        assert [(f.location.node_name, f.data.get("variant")) for f in fs] == [("up", "linear_x1.5_half_pixel")]
    for hw, to in (((1, 2), (8, 10)), ((4, 5), (8, 15))):
        view = ModelView(model(hw, to))
        assert match(view, view.nodes[0]) == [], (hw, to)
        assert findings(model(hw, to), target="rk3588", toolkit_version="2.3.2", select={"RKN601"}) == []


def test_a_strided_slice_into_a_rotary_interleave_is_placed_by_the_toolkit_version():
    # timm's RoPE ViT (unseen set 10): x[..., 1::2] and x[..., 0::2] of the attention heads into the interleave ran on
    # the CPU with 2.3.2 on rk3588 and on the NPU with 2.5.0 (probe variant Slice/rotary_pairs); the same strided Slice
    # read by anything else too is width_step2
    from onnx import helper

    from conftest import findings

    m = next(c for c in probe.cases(["Slice"]) if c.variant == "rotary_pairs").model
    view = ModelView(m)
    assert [match(view, r) for r in view.nodes if r.op_type == "Slice"] == [["rotary_pairs", "width_step2"]] * 2
    cpu = {f.location.node_name for f in findings(m, toolkit_version="2.3.2", select={"RKN601"})}
    assert {"probe", "pre_12"} <= cpu
    cpu = {f.location.node_name for f in findings(m, toolkit_version="2.5.0", select={"RKN601"})}
    assert not {"probe", "pre_12"} & cpu
    m.graph.node.append(helper.make_node("Relu", ["probe_o0"], ["other"], name="other"))
    view = ModelView(m)
    assert match(view, next(r for r in view.nodes if r.name == "probe")) == ["width_step2"]


def test_a_rotary_interleave_reshaped_to_a_computed_shape_is_still_rotary_pairs():
    # unseen set 19 (rk3588): HF RoFormer Reshapes the interleave to Shape(heads) (rank unknown to onnx's inference)
    # and an LLM decode step to Concat(Shape(pair)[:-2], [-1]) (the pair also read by that Shape): their strided Slices
    # ran on the CPU with 2.3.2 / 2.3.0 and on the NPU with 2.5.0, as the probe's rotary_pairs
    from onnx import helper

    from conftest import findings

    for form in ("heads", "pair"):
        m = next(c for c in probe.cases(["Slice"]) if c.variant == "rotary_pairs").model
        rs = next(n for n in m.graph.node if n.op_type == "Reshape" and n.input[0].startswith("pre")
                  and any(k.op_type == "Concat" and k.output[0] == n.input[0] for k in m.graph.node))
        heads = next(n for n in m.graph.node if n.op_type == "Transpose").output[0]
        at = list(m.graph.node).index(rs)
        if form == "heads":
            m.graph.node.insert(at, helper.make_node("Shape", [heads], ["shp"], name="shp"))
        else:
            for k, n in enumerate([helper.make_node("Shape", [rs.input[0]], ["shp5"], name="shp5"),
                                   helper.make_node("Slice", ["shp5", "s0", "s1"], ["shp3"], name="shp3"),
                                   helper.make_node("Concat", ["shp3", "minus1"], ["shp"], name="shpcat", axis=0)]):
                m.graph.node.insert(at + k, n)
            m.graph.initializer.extend([helper.make_tensor("s0", 7, [1], [0]), helper.make_tensor("s1", 7, [1], [-2]),
                                        helper.make_tensor("minus1", 7, [1], [-1])])
        rs.input[1] = "shp"
        del m.graph.value_info[:]
        view = ModelView(m)
        assert [match(view, r) for r in view.nodes if r.op_type == "Slice" and r.name != "shp3"] == \
            [["rotary_pairs", "width_step2"]] * 2, form
        assert {"probe", "pre_12"} <= {f.location.node_name for f in findings(m, toolkit_version="2.3.2",
                                                                             select={"RKN601"})}
        assert not {"probe", "pre_12"} & {f.location.node_name for f in findings(m, toolkit_version="2.5.0",
                                                                                select={"RKN601"})}


def test_an_and_cast_to_float_is_placed_by_the_toolkit_version():
    # unseen set 11's KAN ((x >= g0) & (x < g1) -> Cast to float): its Ands on the NPU with 2.5.0 on rk3588 and on the
    # CPU with 2.3.2 (probe variant And/masks_to_float); an And handed out as bool stays the op's (bool_masks)
    from conftest import findings

    m = next(c for c in probe.cases(["And"]) if c.variant == "masks_to_float").model
    assert "probe" in {f.location.node_name for f in findings(m, toolkit_version="2.3.2", select={"RKN601"})}
    assert "probe" not in {f.location.node_name for f in findings(m, toolkit_version="2.5.0", select={"RKN601"})}
    out = next(c for c in probe.cases(["And"]) if c.variant == "bool_masks").model
    assert "probe" in {f.location.node_name for f in findings(out, toolkit_version="2.5.0", select={"RKN601"})}


def test_a_comparison_of_a_rank3_map_with_a_scalar_is_the_cpu_scalar_variant_not_the_crashing_op():
    # dynamo's softplus writes Greater(x, 20) on a [1, 192, 16] map (Zipformer-like chunk, unseen set 14): it built
    # with Greater on the CPU on rv1106 int8, where the op-level placement (its 4-D channel pattern crashes) said fails
    import numpy as np
    from onnx import helper, numpy_helper

    from conftest import findings, make_model

    def model(shape, thr):
        m = make_model([helper.make_node("Add", ["x", "x"], ["a"], name="pre"),
                        helper.make_node("Greater", ["a", "thr"], ["m"], name="cmp"),
                        helper.make_node("Where", ["m", "a", "x"], ["y"], name="where")],
                       [("x", shape)], [("y", shape)])
        m.graph.initializer.append(numpy_helper.from_array(np.asarray(thr, np.float32), "thr"))
        return m

    m = model([1, 192, 16], 20.0)
    view = ModelView(m)
    assert match(view, next(r for r in view.nodes if r.name == "cmp")) == ["scalar"]
    assert findings(m, target="rv1106", dtype="int8", toolkit_version="2.3.2", select={"RKN602"}) == []
    [f] = [f for f in findings(m, target="rv1106", dtype="int8", toolkit_version="2.3.2", select={"RKN601"})
           if f.location.node_name == "cmp"]
    assert "Greater/scalar" in f.message
    # unseen set 19's DCCRN-lite (torch.atan2 -> Greater / Less (x, 0)) on a map whose shape is unknown: the scalar
    # variant too (it built on rv1106 int8 2.3.2 with both on the CPU), not the op-level "fails"
    m = model(None, 0.0)
    view = ModelView(m)
    assert match(view, next(r for r in view.nodes if r.name == "cmp")) == ["scalar"]
    assert findings(m, target="rv1106", dtype="int8", toolkit_version="2.3.2", select={"RKN602"}) == []
    # the probe's 4-D per-channel threshold still fails the build there
    m = model([1, 8, 16, 16], np.zeros((1, 8, 1, 1)))
    [f] = findings(m, target="rv1106", dtype="int8", toolkit_version="2.3.2", select={"RKN602"})
    assert f.location.node_name == "cmp"


def test_integer_comparisons_the_graph_computes_build_on_rv1106_with_2_3_x():
    """Unseen set 16's pose decode (ArgMax indices -> floor division: Less, Xor, Equal, And -> Where) built on rv1106
    int8 with 2.3.2, its Less / Where on the CPU; RKN602 had reported both because the 2.3.x tables knew only the
    int64 graph-input variants (which crash). `rknnlint probe --ops Less,Greater,Equal,LessOrEqual,GreaterOrEqual,Where
    --variants int64_computed` put all six on the CPU with 2.3.2 and 2.3.0 on rv1106, rv1106b and rk2118."""
    from onnx import TensorProto as T
    from onnx import helper, numpy_helper

    from conftest import findings

    inits = [numpy_helper.from_array(np.array([8], np.int64), "k"), numpy_helper.from_array(np.array(3, np.int64), "t")]
    nodes = [helper.make_node("TopK", ["x", "k"], ["v", "i"], name="topk", axis=-1),
             helper.make_node("Less", ["i", "t"], ["lt"], name="less"),
             helper.make_node("Sub", ["i", "t"], ["d"], name="sub"),
             helper.make_node("Where", ["lt", "i", "d"], ["w"], name="where"),
             helper.make_node("Cast", ["w"], ["y"], name="cast", to=T.FLOAT)]
    g = helper.make_graph(nodes, "g", [helper.make_tensor_value_info("x", T.FLOAT, [1, 64])],
                          [helper.make_tensor_value_info("y", T.FLOAT, [1, 8])], inits)
    model = helper.make_model(g, opset_imports=[helper.make_opsetid("", 13)])
    for family in ("rv1106", "rv1106b"):
        for version in ("2.3.2", "2.3.0"):
            assert families(toolkit_version=version)[family].variant("Less", "int64_computed").placement == "cpu"
            got = findings(model, target=family, dtype="int8", toolkit_version=version, select={"RKN602"})
            assert got == [], (family, version, [f.message for f in got])
    assert families(toolkit_version="2.3.2")["rk2118"].variant("Where", "int64_computed").placement == "cpu"


def test_a_clip_of_computed_indices_is_its_int64_variant_and_a_float_clip_is_none():
    """Unseen set 16's pose decode clamps ArgMax indices (+- 1, +- W) before GatherElements: Clip/int64_computed
    (`rknnlint probe --ops Clip --variants int64_computed`); a float Clip (ReLU6) names no such variant."""
    from onnx import TensorProto as T
    from onnx import helper, numpy_helper

    inits = [numpy_helper.from_array(np.array([8], np.int64), "k"), numpy_helper.from_array(np.array(0, np.int64), "lo"),
             numpy_helper.from_array(np.array(62, np.int64), "hi"), numpy_helper.from_array(np.array(0, np.float32), "z"),
             numpy_helper.from_array(np.array(6, np.float32), "six")]
    nodes = [helper.make_node("TopK", ["x", "k"], ["v", "i"], name="topk", axis=-1),
             helper.make_node("Clip", ["i", "lo", "hi"], ["c"], name="clip_i"),
             helper.make_node("Clip", ["x", "z", "six"], ["y"], name="relu6"),
             helper.make_node("Cast", ["c"], ["cf"], name="cast", to=T.FLOAT)]
    g = helper.make_graph(nodes, "g", [helper.make_tensor_value_info("x", T.FLOAT, [1, 64])],
                          [helper.make_tensor_value_info("y", T.FLOAT, [1, 64]),
                           helper.make_tensor_value_info("cf", T.FLOAT, [1, 8])], inits)
    view = ModelView(helper.make_model(g, opset_imports=[helper.make_opsetid("", 13)]))
    assert match(view, next(r for r in view.nodes if r.name == "clip_i")) == ["int64_computed"]
    assert match(view, next(r for r in view.nodes if r.name == "relu6")) == []
    for family in ("rk3588", "rk3566", "rk3576", "rk3562", "rk2118", "rv1106", "rv1106b"):
        assert families(toolkit_version="2.3.2")[family].variant("Clip", "int64_computed").placement == "cpu"


def test_an_unsqueeze_or_tile_of_computed_indices_is_its_int64_variant_and_a_float_one_is_not():
    """YOLOv10's box gather index (TopK indices -> Unsqueeze -> Tile -> GatherElements; calibration/issue_repros2.py
    i141_topk_scores): Unsqueeze/int64_computed and Tile/int64_computed, placed before the layout motif keys (CONTEXT);
    a float Unsqueeze / Tile and shape arithmetic (Shape -> Gather -> Unsqueeze) name no such variant."""
    from onnx import TensorProto as T
    from onnx import helper, numpy_helper

    from rknnlint.variants import CONTEXT

    i64 = lambda name, v: numpy_helper.from_array(np.array(v, np.int64), name)  # noqa: E731
    nodes = [helper.make_node("TopK", ["x", "k"], ["v", "i"], name="topk", axis=-1),
             helper.make_node("Unsqueeze", ["i", "ax"], ["iu"], name="idx_u"),
             helper.make_node("Tile", ["iu", "rep"], ["it"], name="idx_tile"),
             helper.make_node("Unsqueeze", ["x", "ax"], ["xu"], name="float_u"),
             helper.make_node("Tile", ["xu", "rep"], ["xt"], name="float_tile"),
             helper.make_node("Shape", ["x"], ["s"], name="shape"),
             helper.make_node("Gather", ["s", "one"], ["n"], name="n", axis=0),
             helper.make_node("Unsqueeze", ["n", "ax0"], ["nu"], name="shape_u"),
             helper.make_node("Cast", ["it"], ["itf"], name="cast", to=T.FLOAT),
             helper.make_node("Cast", ["nu"], ["nuf"], name="cast_n", to=T.FLOAT)]
    g = helper.make_graph(nodes, "g", [helper.make_tensor_value_info("x", T.FLOAT, [1, 64])],
                          [helper.make_tensor_value_info("itf", T.FLOAT, [1, 8, 4]),
                           helper.make_tensor_value_info("xt", T.FLOAT, [1, 64, 4]),
                           helper.make_tensor_value_info("nuf", T.FLOAT, [1])],
                          [i64("k", [8]), i64("ax", [2]), i64("rep", [1, 1, 4]), i64("one", 1), i64("ax0", [0])])
    view = ModelView(helper.make_model(g, opset_imports=[helper.make_opsetid("", 13)]))
    by = {r.name: r for r in view.nodes}
    assert match(view, by["idx_u"]) == ["int64_computed"]
    assert match(view, by["idx_tile"]) == ["int64_computed"]
    assert "int64_computed" not in match(view, by["float_u"]) and match(view, by["float_tile"]) == []
    assert "int64_computed" not in match(view, by["shape_u"])
    assert CONTEXT[("Unsqueeze", "int64_computed")] == CONTEXT[("Tile", "int64_computed")] == ""
    # an Unsqueeze whose only reader takes it as a GatherElements' indices (unseen set 16's pose decode: 3 of 4 had no
    # CPU layer of their own) names no integer variant
    nodes = [helper.make_node("TopK", ["x", "k"], ["v", "i"], name="topk", axis=-1),
             helper.make_node("Unsqueeze", ["i", "ax0"], ["iu"], name="idx_u"),
             helper.make_node("GatherElements", ["x2", "iu"], ["g"], name="take", axis=1)]
    g = helper.make_graph(nodes, "g", [helper.make_tensor_value_info("x", T.FLOAT, [64]),
                                       helper.make_tensor_value_info("x2", T.FLOAT, [1, 64])],
                          [helper.make_tensor_value_info("g", T.FLOAT, [1, 8])], [i64("k", [8]), i64("ax0", [0])])
    view = ModelView(helper.make_model(g, opset_imports=[helper.make_opsetid("", 13)]))
    assert "int64_computed" not in match(view, next(r for r in view.nodes if r.name == "idx_u"))


def test_a_where_with_a_constant_condition_builds_on_rk2118_where_a_computed_one_fails():
    """Unseen set 19's Funnel Transformer picks its token-type attention with a constant [1, 1, T, T] mask: the build
    passed on rk2118 float16 with 2.3.2 while RKN602 said the Where fails there (the probe's mask_feature, a computed
    mask, crashes). `rknnlint probe --ops Where --variants mask_const` put the constant-mask Where on the NPU on every
    family."""
    from onnx import TensorProto as T
    from onnx import helper, numpy_helper

    from conftest import findings

    def model(cond_const):
        inits = [numpy_helper.from_array(np.array(0.0, np.float32), "z")]
        nodes = [helper.make_node("Sigmoid", ["x"], ["a"], name="sig"), helper.make_node("Tanh", ["x"], ["b"], name="tanh")]
        if cond_const:
            inits.append(numpy_helper.from_array(np.random.RandomState(0).rand(1, 1, 32, 32) > 0.5, "c"))
        else:
            nodes.append(helper.make_node("Greater", ["x", "z"], ["c"], name="gt"))
        nodes.append(helper.make_node("Where", ["c", "a", "b"], ["y"], name="where"))
        g = helper.make_graph(nodes, "g", [helper.make_tensor_value_info("x", T.FLOAT, [1, 6, 32, 32])],
                              [helper.make_tensor_value_info("y", T.FLOAT, [1, 6, 32, 32])], inits)
        return helper.make_model(g, opset_imports=[helper.make_opsetid("", 14)])

    view = ModelView(model(True))
    assert match(view, next(r for r in view.nodes if r.name == "where")) == ["mask_const"]
    assert findings(model(True), target="rk2118", toolkit_version="2.3.2", select={"RKN602"}) == []
    [f] = findings(model(False), target="rk2118", toolkit_version="2.3.2", select={"RKN602"})
    assert f.location.node_name == "where"
    assert families(toolkit_version="2.3.2")["rk2118"].variant("Where", "mask_const").placement == "npu"
