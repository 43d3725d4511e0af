from __future__ import annotations

import numpy as np
import pytest
from onnx import helper

from conftest import findings, init, make_model, shared_model


def test_fires_on_real_yolov5style_3d_output():
    fs = findings(shared_model("det_yolov5style_nc20_320_op12.onnx"), select={"RKN610"})
    assert [f.location.tensor for f in fs] == ["output"]
    assert "runs on the CPU on rk3588" in fs[0].message


def test_fires_on_minimal_3d_output():
    m = make_model([helper.make_node("Relu", ["x"], ["y"])], [("x", [1, 3, 10])], [("y", [1, 3, 10])])
    assert len(findings(m, select={"RKN610"})) == 1


def test_silent_on_4d_and_aligned_2d_outputs():
    m = make_model([helper.make_node("Relu", ["x"], ["y"])], [("x", [1, 3, 8, 8])], [("y", [1, 3, 8, 8])])
    assert findings(m, select={"RKN610"}) == []
    assert findings(shared_model("cls_shufflenet_v2_x1_0_op13.onnx"), select={"RKN610"}) == []


def test_silent_on_3d_output_with_aligned_last_dim():
    m = make_model([helper.make_node("Relu", ["x"], ["y"])], [("x", [1, 3, 16])], [("y", [1, 3, 16])])
    assert findings(m, select={"RKN610"}) == []


def _gemm_head(n: int):
    w = np.random.default_rng(0).standard_normal((n, 32)).astype(np.float32)
    return make_model([helper.make_node("Gemm", ["x", "W", "B"], ["y"], transB=1)], [("x", [1, 32])], [("y", [1, n])],
                      [init("W", w), init("B", np.zeros(n, np.float32))])


@pytest.mark.parametrize(("n", "fires"), [(6, True), (10, True), (1001, True), (8, False), (16, False), (1000, False)])
def test_rank2_gemm_head_fires_when_classes_not_multiple_of_c2(n, fires):
    # measured on rk3588 fp16 (rknn-toolkit2 2.5.0): Reshape:y_mm_tp_rs (1,n,1,1) -> (1,n) on the CPU exactly for 6, 10, 1001
    fs = findings(_gemm_head(n), select={"RKN610"})
    assert [f.location.tensor for f in fs] == (["y"] if fires else [])
    if fires:
        assert f"has rank 2 [1, {n}] and its last dim is no multiple of 8" in fs[0].message


def test_real_tiny_vit_10_class_head_named_once_from_the_measured_motif():
    # real build, rk3588 fp16 2.5.0: "Reshape:logits_mm_tp_rs" (1,10,1,1) -> (1,10) at '/head/Gemm' on the CPU; the
    # whole-build motif table (rules/motifs/rk3588-float16-2.5.0.yaml) measured the run ending in this output, so
    # RKN601 names the Gemm from that measurement and RKN610 leaves it alone (one finding, not two)
    fs = findings(shared_model("cls_tiny_vit_5d_op14.onnx"), select={"RKN601", "RKN610"})
    assert [(f.code, f.location.node_name) for f in fs] == [("RKN601", "/head/Gemm")]
    assert "slice>Gemm2>2:n1:a1>out" in fs[0].message


@pytest.mark.parametrize(("target", "dtype"), [("rv1106b", "int8"), ("rk2118", "float16"), ("rv1106", "int8")])
def test_silent_where_whole_builds_added_no_output_reshape(target, dtype):
    # rules/<family>.yaml output_reshape_cpu: false: the rknn-toolkit2 2.5.0 builds of 31 calibration exports each
    # put no CPU layer on any graph output, among them 1x10 / 1x3 Gemm heads that rk3588 fp16 reshapes on the CPU;
    # rv1106 int8: none on a float op's output in 56 exports built with 2.5.0 and 41 with 2.3.2 (8 YOLO heads)
    assert findings(_gemm_head(10), select={"RKN610"}) != []  # rk3588 float16
    assert findings(_gemm_head(10), target=target, dtype=dtype, select={"RKN610"}) == []


def _head(linear: str, tail: list[str], n: int):
    """Flatten -> Linear (MatMul + bias Add, or Gemm) -> tail ops -> a [1, n] graph output."""
    rng = np.random.default_rng(1)
    if linear == "matmul":
        nodes = [helper.make_node("MatMul", ["x", "W"], ["mm"], name="mm"), helper.make_node("Add", ["mm", "B"], ["t0"])]
        inits = [init("W", rng.standard_normal((32, n)).astype(np.float32)), init("B", np.zeros(n, np.float32))]
    else:
        nodes = [helper.make_node("Gemm", ["x", "W", "B"], ["t0"], name="mm", transB=1)]
        inits = [init("W", rng.standard_normal((n, 32)).astype(np.float32)), init("B", np.zeros(n, np.float32))]
    for i, op in enumerate(tail):
        nodes.append(helper.make_node(op, [f"t{i}"], [f"t{i + 1}"], name=f"tail{i}"))
    return make_model(nodes, [("x", [1, 32])], [(f"t{len(tail)}", [1, n])], inits)


@pytest.mark.parametrize(("linear", "tail", "n", "where"), [
    ("matmul", ["Softmax"], 2, "mm"), ("matmul", [], 4, "mm"), ("matmul", ["Identity", "Softmax"], 4, "mm"),
    ("gemm", ["Relu", "Softmax"], 7, "output"), ("matmul", ["Sigmoid"], 1, "output"), ("matmul", ["Softmax"], 8, None)])
def test_classifier_head_reshape_is_named_where_the_sweep_measured_it(linear, tail, n, where):
    # rules/motifs/sweeps/rk3588-float16-2.5.0.yaml `heads` (calibration/placement_sweep.py head2, rknn-toolkit2 2.5.0):
    # after MatMul + Add the CPU Reshape is the MatMul's ("Reshape:<mm out>_rs", as in MTCNN and PP-OCR's classifier),
    # after a Gemm with ops behind it and for one output feature it is the output's; none for N = 8
    m = _head(linear, tail, n)
    fs = findings(m, select={"RKN610"})
    out = m.graph.output[0].name
    got = [f.location.node_name or ("output" if f.location.tensor == out else f.location.tensor) for f in fs]
    assert got == ([where] if where else [])
    assert findings(m, target="rv1106", dtype="int8", select={"RKN610"}) == []  # rv1106 int8 sweep: none


def _ctc_head(n: int):
    """x [1, 40, 120] -> MatMul -> Add -> Softmax -> a [1, 40, n] output: a CTC recogniser's head (PP-OCR rec)."""
    nodes = [helper.make_node("MatMul", ["x", "W"], ["mm"], name="mm"), helper.make_node("Add", ["mm", "B"], ["a"]),
             helper.make_node("Softmax", ["a"], ["y"], axis=2, name="sm")]
    inits = [init("W", np.full((120, n), 0.01, np.float32)), init("B", np.zeros(n, np.float32))]
    return make_model(nodes, [("x", [1, 40, 120])], [("y", [1, 40, n])], inits)


@pytest.mark.parametrize(("n", "where"), [(18385, "mm"), (6625, "output")])
def test_wide_ctc_head_puts_the_linears_transpose_on_the_cpu_with_2_3_2(n, where):
    # rules/motifs/sweeps/rk3588-float16-2.3.2.yaml (placement_sweep.py head3sm): more than 8192 classes (8200 to
    # 18710) put the Transpose after the Linear on the CPU and nothing on the output (PP-OCRv5 rec, 18385 classes);
    # 6625 classes (PP-OCRv4 rec) the output Reshape. Past the family's `wide_features_npu_max` (rk3588: 8192 with
    # 2.3.0-2.5.0, placement_sweep.py `wide`) RKN601 names the Linear, once: RKN610 leaves it to it
    fs = findings(_ctc_head(n), toolkit_version="2.3.2", select={"RKN610", "RKN601"})
    fs = [f for f in fs if f.severity.name.lower() != "info"]
    assert [f.location.node_name or ("output" if f.location.tensor == "y" else f.location.tensor) for f in fs] == [where]
    if where == "mm":
        assert fs[0].code == "RKN601" and "18385 output features, more than 8192" in fs[0].message
    else:
        assert fs[0].code == "RKN610"


def _rows_output(k: int, hw: int = 20, tail: str = "Sigmoid"):
    """A detector level's output as SCRFD writes it: Conv -> Transpose(0, 2, 3, 1) -> Reshape [-1, K] -> tail ->
    [H * W, K] (placement_sweep `outrows`)."""
    rng = np.random.default_rng(0)
    nodes = [helper.make_node("Conv", ["x", "w"], ["c"], kernel_shape=[1, 1]),
             helper.make_node("Transpose", ["c"], ["t"], perm=[0, 2, 3, 1]),
             helper.make_node("Reshape", ["t", "shape"], ["r"])]
    inits = [init("w", rng.standard_normal((k, 16, 1, 1)).astype(np.float32)), init("shape", np.array([-1, k]))]
    if tail == "Mul":
        nodes.append(helper.make_node("Mul", ["r", "stride"], ["y"]))
        inits.append(init("stride", np.array(8.0, np.float32)))
    else:
        nodes.append(helper.make_node(tail, ["r"], ["y"]))
    return make_model(nodes, [("x", [1, 16, hw, hw])], [("y", [hw * hw, k])], inits, opset=11)


@pytest.mark.parametrize("target", ["rk3588", "rk3566"])
@pytest.mark.parametrize(("k", "tail"), [(1, "Sigmoid"), (4, "Mul"), (10, "Mul")])
def test_an_output_of_many_rows_gets_no_cpu_reshape_where_the_sweep_measured_none(target, k, tail):
    """SCRFD's [H * W, K] scores / boxes / key points: rknn-toolkit2 2.3.2 added no Reshape on any such output on
    rk3588 and rk3566 float16 (placement_sweep `outrows`, 20 models each: K = 1, 2, 4, 8, 10, 16, maps 5 to 80), where
    the classifier heads' [1, N] outputs of the same class got one; the fallback (last dim no multiple of 8) said CPU."""
    assert findings(_rows_output(k, tail=tail), target=target, toolkit_version="2.3.2", select={"RKN610"}) == []


def _level_rows_concat(k: int, feed: str):
    """Two detector levels' maps [1, A * K, H, W] laid out as rows [1, H * W * A, K] and Concatenated into the output:
    `feed` "layout" as BlazeFace writes it (Conv -> Transpose(0, 2, 3, 1) -> Reshape into the Concat), "sigmoid" with a
    Sigmoid after each Reshape (a YOLOv5 anchor head's scores)."""
    nodes, parts = [], []
    inits = [init("shape", np.array([1, -1, k], np.int64))]
    for i, a in enumerate((2, 6)):  # anchors on the 16 x 16 and 8 x 8 levels
        inits.append(init(f"w{i}", np.full((a * k, 16, 1, 1), 0.1, np.float32)))
        nodes += [helper.make_node("Conv", [f"m{i}", f"w{i}"], [f"c{i}"], kernel_shape=[1, 1]),
                  helper.make_node("Transpose", [f"c{i}"], [f"t{i}"], perm=[0, 2, 3, 1]),
                  helper.make_node("Reshape", [f"t{i}", "shape"], [f"r{i}"])]
        if feed == "sigmoid":
            nodes.append(helper.make_node("Sigmoid", [f"r{i}"], [f"s{i}"]))
        parts.append(f"s{i}" if feed == "sigmoid" else f"r{i}")
    nodes.append(helper.make_node("Concat", parts, ["y"], axis=1))
    return make_model(nodes, [("m0", [1, 16, 16, 16]), ("m1", [1, 16, 8, 8])], [("y", [1, 896, k])], inits, opset=11)


@pytest.mark.parametrize("version", ["2.3.2", "2.5.0"])
@pytest.mark.parametrize("k", [1, 85])
def test_a_concat_of_laid_out_rows_gets_no_cpu_reshape_on_rk3588(version, k):
    """BlazeFace's [1, 896, 1] scores and [1, 896, 16] boxes: rknn-toolkit2 2.3.2 and 2.5.0 added no Reshape on a
    Concat of the levels' Reshapes on rk3588 for K = 1 to 85 (placement_sweep `outcat`), where a YOLOv5 anchor head's
    Concat of Sigmoid-ed rows [1, N, 85] got a CPU one (`anchor`); rk3566 added one to both."""
    assert findings(_level_rows_concat(k, "layout"), target="rk3588", toolkit_version=version, select={"RKN610"}) == []
    if k == 85:  # computed after the layout, the measured anchor head's context: the CPU Reshape is still named
        assert [f.location.tensor for f in findings(_level_rows_concat(k, "sigmoid"), target="rk3588",
                                                    toolkit_version=version, select={"RKN610"})] == ["y"]
    assert [f.location.tensor for f in findings(_level_rows_concat(k, "layout"), target="rk3566", toolkit_version=version,
                                                select={"RKN610"})] == ["y"]


@pytest.mark.parametrize(("op", "axes", "owner"), [("ReduceMean", [1], "frames"), ("ReduceSum", [1], "y"),
                                                    ("ReduceMean", [2], "y")])
def test_a_mean_over_the_frames_gives_its_output_reshape_the_means_input_name(op, axes, owner):
    """placement_sweep `clipmean` (rk3588 2.3.2 / 2.5.0, rk3566 2.3.2 float16): TSM's consensus, a ReduceMean over the
    frames of [1, T, K] (keepdims 0) making the [1, K] output, is lowered to a MatMul whose output Reshape (on the CPU)
    is named after the mean's input (`<input>_rs_mm_tp_rs`); a ReduceSum keeps `<output>-rs`."""
    nodes = [helper.make_node("Reshape", ["x", "s"], ["frames"], name="clip")]
    if op == "ReduceSum":
        nodes.append(helper.make_node(op, ["frames", "ax"], ["y"], name="consensus", keepdims=0))
    else:
        nodes.append(helper.make_node(op, ["frames"], ["y"], name="consensus", axes=axes, keepdims=0))
    clip = [1, 8, 27] if axes == [1] else [1, 27, 8]  # the reduced axis holds the 8 frames
    m = make_model(nodes, [("x", [8, 27])], [("y", [1, 27])],
                   [init("s", np.array(clip, np.int64)), init("ax", np.array(axes, np.int64))])
    [f] = findings(m, target="rk3588", select={"RKN610"})
    assert f.location.tensor == owner and f.data["output"] == "y"
    assert ("names that Reshape after the mean's input 'frames'" in f.message) == (owner == "frames")


@pytest.mark.parametrize(("flat", "pooled", "owner"), [("Flatten", True, "flat"), ("Reshape", True, "flat"),
                                                       ("Flatten", False, "y")])
def test_a_softmax_after_a_flattened_pooled_map_gives_the_output_reshape_the_flattens_name(flat, pooled, owner):
    """A classifier's tail [1, C, 1, 1] -> Flatten / Reshape -> Softmax -> output [1, C] (TC-ResNet, unseen set 15): the
    toolkit runs the Softmax on the 4-D map (NPU) and names the output's CPU Reshape after the Flatten (`<flat>_rs`),
    measured on rk3588 fp16 2.3.2 (8 small models, 12 to 100 classes); from a [1, C, 2, 2] map it is a plain output."""
    hw = [1, 1] if pooled else [2, 2]
    node = (helper.make_node("Flatten", ["x"], ["flat"], name="fl") if flat == "Flatten" else
            helper.make_node("Reshape", ["x", "s"], ["flat"], name="fl"))
    c = 12 if pooled else 3
    m = make_model([node, helper.make_node("Softmax", ["flat"], ["y"], name="sm", axis=-1)],
                   [("x", [1, c, *hw])], [("y", [1, 12])], [init("s", np.array([1, 12], np.int64))])
    [f] = findings(m, target="rk3588", select={"RKN610"})
    assert f.location.tensor == owner and f.data["output"] == "y"
    assert ("runs Softmax 'sm' on the 4-D map" in f.message) == (owner == "flat")
