"""convert-opset on opset >= 20 models whose ops have no older version (Gelu 20, RMSNormalization 23): the ops
are expanded into opset-19 ops first, exactly (onnxruntime agrees), then converted; the Gelu is written in the
pattern rknn-toolkit2 fuses into one NPU GELU."""
from __future__ import annotations

import numpy as np
import pytest
from _rw import apply, assert_same
from onnx import helper

from conftest import findings, init, make_model, run_cli
from rknnlint.rewrites._functions import first_version


def _opset(m):
    return next(o.version for o in m.opset_import if o.domain in ("", "ai.onnx"))


def _gelu_model(approx: str | None, opset: int = 21):
    rng = np.random.default_rng(0)
    kw = {"approximate": approx} if approx else {}
    nodes = [helper.make_node("MatMul", ["x", "w"], ["m"]), helper.make_node("Gelu", ["m"], ["g"], **kw),
             helper.make_node("MatMul", ["g", "w2"], ["y"])]
    inits = [init("w", rng.standard_normal((32, 64)).astype(np.float32)),
             init("w2", rng.standard_normal((64, 32)).astype(np.float32))]
    return make_model(nodes, [("x", [1, 16, 32])], [("y", [1, 16, 32])], inits, opset=opset, ir_version=10)


def test_first_versions():
    assert first_version("Gelu") == 20 and first_version("RMSNormalization") == 23
    assert first_version("Relu") == 1 and first_version("NoSuchOp") is None


@pytest.mark.parametrize("approx, opset", [(None, 20), ("none", 21), ("tanh", 21)])
def test_gelu_expanded_then_converted(approx, opset):
    m = _gelu_model(approx, opset)
    res = apply("convert-opset", m)
    assert res.changed and _opset(res.model) == 13, res.notes
    assert "Gelu x1" in res.notes[0] and f"opset {opset} -> 13" in res.notes[1]
    ops = [n.op_type for n in res.model.graph.node]
    assert "Gelu" not in ops and ("Tanh" in ops) == (approx == "tanh") and ("Erf" in ops) == (approx != "tanh")
    assert assert_same(m, res.model, runs=2, rtol=1e-5, atol=1e-5) < 1e-4


def test_exact_gelu_keeps_the_pattern_the_toolkit_fuses():
    # x / sqrt2 -> Erf -> + 1 -> x * . -> * 0.5: the static check knows it is fused (no CPU Erf predicted)
    res = apply("convert-opset", _gelu_model("none"))
    ops = [n.op_type for n in res.model.graph.node if n.op_type != "Constant"]
    assert ops == ["MatMul", "Div", "Erf", "Add", "Mul", "Mul", "MatMul"]
    assert not findings(res.model, select=["RKN601"])


def test_rms_normalization_opset23():
    rng = np.random.default_rng(1)
    nodes = [helper.make_node("RMSNormalization", ["x", "s"], ["y"], axis=-1, epsilon=1e-5)]
    m = make_model(nodes, [("x", [1, 4, 8])], [("y", [1, 4, 8])], [init("s", rng.random(8).astype(np.float32))],
                   opset=23, ir_version=10)
    res = apply("convert-opset", m)
    assert res.changed and _opset(res.model) == 13, res.notes
    assert "RMSNormalization x1" in res.notes[0]
    assert [n.op_type for n in res.model.graph.node if n.op_type != "Constant"] == \
        ["Mul", "ReduceMean", "Add", "Sqrt", "Div", "Mul"]
    assert assert_same(m, res.model, runs=2, rtol=1e-5, atol=1e-6) < 1e-5


def test_newest_op_raises_the_target_opset():
    # LayerNormalization exists from opset 17: an opset-21 model with it goes to 17, not 13 (no version at 13)
    nodes = [helper.make_node("LayerNormalization", ["x", "s", "b"], ["y"], axis=-1, epsilon=1e-5),
             helper.make_node("Gelu", ["y"], ["z"])]
    m = make_model(nodes, [("x", [1, 4, 8])], [("z", [1, 4, 8])],
                   [init("s", np.ones(8, np.float32)), init("b", np.zeros(8, np.float32))], opset=21, ir_version=10)
    res = apply("convert-opset", m)
    assert res.changed and _opset(res.model) == 17, res.notes
    assert assert_same(m, res.model, runs=1, rtol=1e-5, atol=1e-6) < 1e-5


@pytest.mark.toolkit
def test_opset21_gelu_builds_after_fix(tmp_path):
    from _toolkit_build import toolkit_build

    src, out = tmp_path / "gelu.onnx", tmp_path / "gelu.fixed.onnx"
    import onnx

    onnx.save(_gelu_model("none"), src)
    rc, log = toolkit_build(src)
    assert rc != 0 and "Unsupport onnx opset 21" in log, log[-2000:]
    code, stdout, err = run_cli("fix", src, "-o", out)
    assert code == 0 and "Gelu x1" in stdout, stdout + err
    rc, log = toolkit_build(out)
    assert rc == 0, log[-2000:]


def _affine_model(size, align: int):
    # AffineGrid-20 (no older version, and the ONNX body branches on the rank in an If): theta from the input
    k = len(size) - 2
    nodes = [helper.make_node("Tanh", ["x"], ["theta"]),
             helper.make_node("AffineGrid", ["theta", "size"], ["grid"], align_corners=align)]
    return make_model(nodes, [("x", [size[0], k, k + 1])], [("grid", [size[0], *size[2:], k])],
                      [init("size", np.asarray(size, np.int64))], opset=20, ir_version=10)


@pytest.mark.parametrize("size", [[2, 1, 5, 7], [2, 3, 3, 4, 5], [1, 1, 1, 6]])
@pytest.mark.parametrize("align", [0, 1])
def test_affine_grid_as_matmul_of_a_base_grid(size, align):
    m = _affine_model(size, align)
    res = apply("convert-opset", m)
    if align and 1 in size[2:]:  # onnxruntime, ONNX's reference and torch disagree on one aligned position
        assert not res.changed and "size-1 axis" in " ".join(res.notes)
        return
    assert res.changed and _opset(res.model) == 13 and "AffineGrid x1" in res.notes[0], res.notes
    assert [n.op_type for n in res.model.graph.node if n.op_type != "Constant"] == \
        ["Tanh", "Transpose", "MatMul", "Reshape"]
    assert assert_same(m, res.model, runs=2, rtol=1e-5, atol=1e-6) < 1e-6


@pytest.mark.toolkit
def test_opset20_affine_grid_builds_after_fix(tmp_path):
    import onnx
    from _toolkit_build import toolkit_build

    # a spatial transformer: theta from the image, AffineGrid, GridSample (opset 16)
    rng = np.random.default_rng(0)
    nodes = [helper.make_node("GlobalAveragePool", ["x"], ["p"]), helper.make_node("Flatten", ["p"], ["pf"]),
             helper.make_node("Gemm", ["pf", "w", "b"], ["t"]),
             helper.make_node("Reshape", ["t", "s23"], ["theta"]),
             helper.make_node("AffineGrid", ["theta", "size"], ["grid"]),
             helper.make_node("GridSample", ["x", "grid"], ["y"])]
    inits = [init("w", (rng.standard_normal((1, 6)) * 0.1).astype(np.float32)),
             init("b", np.asarray([1, 0, 0, 0, 1, 0], np.float32)), init("s23", np.asarray([1, 2, 3], np.int64)),
             init("size", np.asarray([1, 1, 32, 32], np.int64))]
    src, out = tmp_path / "stn.onnx", tmp_path / "stn.fixed.onnx"
    onnx.save(make_model(nodes, [("x", [1, 1, 48, 48])], [("y", [1, 1, 32, 32])], inits, opset=20, ir_version=10), src)
    rc, log = toolkit_build(src)
    assert rc != 0 and "Unsupport onnx opset 20" in log, log[-2000:]
    code, stdout, err = run_cli("fix", src, "-o", out)
    assert code == 0 and "AffineGrid x1" in stdout and "opset 20 -> 16" in stdout, stdout + err
    rc, log = toolkit_build(out)
    assert rc == 0, log[-2000:]


def _group_norm_model(opset: int = 21):
    # GroupNormalization 21: scale / bias per channel (18's were per group, and the converter has no adapter)
    rng = np.random.default_rng(2)
    nodes = [helper.make_node("Conv", ["x", "w"], ["c"], pads=[1, 1, 1, 1]),
             helper.make_node("GroupNormalization", ["c", "s", "b"], ["g"], num_groups=2, epsilon=1e-5),
             helper.make_node("Relu", ["g"], ["y"])]
    inits = [init("w", (rng.standard_normal((8, 3, 3, 3)) * 0.3).astype(np.float32)),
             init("s", rng.random(8).astype(np.float32) + 0.5), init("b", rng.standard_normal(8).astype(np.float32))]
    return make_model(nodes, [("x", [1, 3, 8, 8])], [("y", [1, 8, 8, 8])], inits, opset=opset, ir_version=10)


def test_group_normalization_21_expanded():
    m = _group_norm_model()
    res = apply("convert-opset", m)
    assert res.changed and _opset(res.model) == 13 and "GroupNormalization x1" in res.notes[0], res.notes
    ops = [n.op_type for n in res.model.graph.node if n.op_type != "Constant"]
    assert "GroupNormalization" not in ops and "InstanceNormalization" in ops
    assert assert_same(m, res.model, runs=2, rtol=1e-5, atol=1e-5) < 1e-4


def test_grid_sample_20_modes_renamed_for_16():
    # GridSample 20 calls bilinear "linear" (and bicubic "cubic"); opset 16 only knows the old names
    nodes = [helper.make_node("Tanh", ["g"], ["gt"]),
             helper.make_node("GridSample", ["x", "gt"], ["y"], mode="linear", align_corners=0),
             helper.make_node("GridSample", ["x", "gt"], ["z"], mode="cubic")]
    m = make_model(nodes, [("x", [1, 2, 6, 6]), ("g", [1, 4, 4, 2])], [("y", [1, 2, 4, 4]), ("z", [1, 2, 4, 4])],
                   opset=20, ir_version=10)
    res = apply("convert-opset", m)
    assert res.changed and _opset(res.model) == 16, res.notes
    modes = [helper.get_attribute_value(a) for n in res.model.graph.node for a in n.attribute if a.name == "mode"]
    assert modes == [b"bilinear", b"bicubic"]
    assert assert_same(m, res.model, runs=2, rtol=1e-6, atol=1e-6) == 0


@pytest.mark.toolkit
def test_opset21_group_norm_builds_after_fix(tmp_path):
    import onnx
    from _toolkit_build import toolkit_build

    src, out = tmp_path / "gn.onnx", tmp_path / "gn.fixed.onnx"
    onnx.save(_group_norm_model(), src)
    rc, log = toolkit_build(src)
    assert rc != 0 and "Unsupport onnx opset 21" in log, log[-2000:]
    code, stdout, err = run_cli("fix", src, "-o", out)
    assert code == 0 and "GroupNormalization x1" in stdout, stdout + err
    rc, log = toolkit_build(out)
    assert rc == 0, log[-2000:]
