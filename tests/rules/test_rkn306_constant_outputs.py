from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from _toolkit_build import toolkit_build
from onnx import helper

from conftest import findings, init, make_model, save, shared_model

VIT = Path(__file__).resolve().parents[2].parent / "calib" / "models" / "cls_tv_vit_b_16_112_op17.onnx"


def _shape_only():
    return make_model([helper.make_node("Shape", ["x"], ["s"]), helper.make_node("Cast", ["s"], ["y"], to=1)],
                      [("x", [1, 4, 8, 8])], [("y", [4])])


def test_fires_when_every_output_is_shape_derived():
    fs = findings(_shape_only(), select={"RKN306"})
    assert len(fs) == 1 and str(fs[0].severity) == "error"
    assert "All outputs ['y'] of model are constants, The model is invalid!" in fs[0].message


def _zero_head(op: str = "Gemm", weight=None, then: str | None = None, second_output: bool = False):
    """x -> Relu -> op with a constant operand (default all zeros), as a zero-initialised classifier head."""
    w = np.zeros((8, 16), np.float32) if weight is None else weight
    inits, x_shape, y_shape = [], [1, 16], [1, 8]
    if op == "Gemm":
        inits = [init("W", w), init("B", np.zeros(8, np.float32))]
        node = helper.make_node("Gemm", ["h", "W", "B"], ["g"], transB=1, name="head")
    elif op == "MatMul":
        inits = [init("W", np.ascontiguousarray(w.T))]
        node = helper.make_node("MatMul", ["h", "W"], ["g"], name="head")
    elif op == "Conv":
        inits, x_shape, y_shape = [init("W", np.zeros((8, 3, 1, 1), np.float32))], [1, 3, 8, 8], [1, 8, 8, 8]
        node = helper.make_node("Conv", ["h", "W"], ["g"], name="head")
    else:  # Mul
        inits, y_shape = [init("W", np.zeros(16, np.float32))], [1, 16]
        node = helper.make_node("Mul", ["h", "W"], ["g"], name="head")
    nodes = [helper.make_node("Relu", ["x"], ["h"], name="act"), node]
    nodes.append(helper.make_node(then or "Identity", ["g"], ["y"], name="post"))
    outs = [("y", y_shape)] + ([("h", x_shape)] if second_output else [])
    return make_model(nodes, [("x", x_shape)], outs, inits)


@pytest.mark.parametrize("op", ["Gemm", "MatMul", "Conv", "Mul"])
def test_fires_when_a_zero_weight_cuts_every_output(op):
    fs = findings(_zero_head(op, then="Sigmoid"), select={"RKN306"})
    assert [f.location.node_name for f in fs] == ["head"] and str(fs[0].severity) == "error"
    assert f"{op} 'head' multiplies by an all-zero constant" in fs[0].message
    assert "All outputs ['y'] of model are constants, The model is invalid!" in fs[0].message


def test_negative_zeros_count_as_zeros(tmp_path):
    """BN folding leaves -0.0 (sign bit set): a weight of -0.0 is all zero by value, in memory and from the file."""
    fs = findings(_zero_head("MatMul", weight=-np.zeros((8, 16), np.float32)), select={"RKN306"})
    assert [f.location.node_name for f in fs] == ["head"]
    p = save(_big_head(-np.zeros((512, 768), np.float32)), tmp_path, "negzero.onnx")
    assert [f.location.node_name for f in findings(p, select={"RKN306"})] == ["head"]


def test_silent_on_partly_zero_weights_and_live_outputs():
    w = np.concatenate([np.zeros((4, 16), np.float32), np.ones((4, 16), np.float32)])
    assert findings(_zero_head(weight=w), select={"RKN306"}) == []
    assert findings(_zero_head(second_output=True), select={"RKN306"}) == []


@pytest.mark.skipif(not VIT.exists(), reason="calibration set not present")
def test_fires_on_torchvision_vit_with_its_zero_head():
    fs = findings(VIT, select={"RKN306"})
    assert [f.location.node_name for f in fs] == ["/heads/head/Gemm"]
    assert "All outputs ['2053'] of model are constants" in fs[0].message


def test_silent_when_one_output_uses_data():
    m = make_model([helper.make_node("Shape", ["x"], ["s"]), helper.make_node("Cast", ["s"], ["y"], to=1),
                    helper.make_node("Relu", ["x"], ["z"])], [("x", [1, 4, 8, 8])], [("y", [4]), ("z", [1, 4, 8, 8])])
    assert findings(m, select={"RKN306"}) == []
    for name in ("cls_shufflenet_v2_x1_0_op13.onnx", "det_tiny_topk_nms_op11.onnx", "cls_tiny_vit_5d_op14.onnx"):
        assert findings(shared_model(name), select={"RKN306"}) == []


@pytest.mark.toolkit
def test_toolkit_refuses_constant_outputs(tmp_path):
    rc, out = toolkit_build(save(_shape_only(), tmp_path))
    assert rc != 0 and "All outputs ['y'] of model are constants, The model is invalid!" in out


@pytest.mark.toolkit
def test_toolkit_folds_a_zero_weight(tmp_path):
    rc, out = toolkit_build(save(_zero_head("MatMul", then="Sigmoid"), tmp_path, "zero.onnx"))
    assert rc != 0 and "All outputs ['y'] of model are constants, The model is invalid!" in out
    negative = _zero_head("MatMul", weight=-np.zeros((8, 16), np.float32))  # -0.0 folds like 0.0
    rc, out = toolkit_build(save(negative, tmp_path, "negzero.onnx"))
    assert rc != 0 and "All outputs ['y'] of model are constants, The model is invalid!" in out
    rc, out = toolkit_build(save(_zero_head(second_output=True), tmp_path, "live.onnx"))
    assert rc == 0, out[-2000:]


def _big_head(w: np.ndarray):
    """x -> Relu -> Gemm with a 1.5 MiB weight (over the size whose first bytes RKN306 reads from the file)."""
    nodes = [helper.make_node("Relu", ["x"], ["h"], name="act"),
             helper.make_node("Gemm", ["h", "W"], ["y"], transB=1, name="head")]
    return make_model(nodes, [("x", [1, 768])], [("y", [1, 512])], [init("W", w)])


def test_large_weights_from_the_file(tmp_path):
    """Weights of 1 MiB and more are judged from their first bytes in the model file: a weight that is zero
    only after its first bytes, or only in its first bytes, is not all zero; an all-zero one is."""
    from rknnlint.weight_heads import _raw_data_index

    zero = np.zeros((512, 768), np.float32)
    late = zero.copy()
    late[-1, -1] = 1.0  # the first bytes are zero: the whole weight is read
    early = zero.copy()
    early[0, 0] = 1.0  # the first bytes are not zero: nothing more is read
    for name, w, fires in (("zero", zero, True), ("late", late, False), ("early", early, False),
                           ("random", np.random.default_rng(0).standard_normal((512, 768)).astype(np.float32), False)):
        p = save(_big_head(w), tmp_path, f"{name}.onnx")
        fs = findings(p, select={"RKN306"})
        assert [f.location.node_name for f in fs] == (["head"] if fires else []), name
        dtype, dims, offset, length = _raw_data_index(p)["W"]
        assert (dtype, dims, length) == (1, (512, 768), w.nbytes)
        assert p.read_bytes()[offset:offset + length] == w.tobytes()
