"""A segmenter's class map made by ArgMax -> Cast(uint8) at the output: the build aborts on the Cast (probe
variants Cast/to_uint8, Cast/int_to_uint8: 'Not Support Dtype: 2', SIGABRT, every family; YOLO26-sem), RKN602
names cut-head, and `rknnlint fix --unsafe-fixes` ends the NPU part at the logits with ArgMax -> Cast in the
post-processing tail: NPU part + tail give the original class map exactly, and the real build passes."""
from __future__ import annotations

import numpy as np
import onnx
import pytest
from onnx import TensorProto, helper

from conftest import findings, run_cli


def _segmenter(path, classes: int = 5, size: int = 32):
    """Conv(3 -> classes) -> Resize x2 -> ArgMax(axis 1) -> Cast(uint8) as the output [1, 2*size, 2*size]."""
    rng = np.random.default_rng(3)
    w = helper.make_tensor("w", TensorProto.FLOAT, [classes, 3, 3, 3], rng.standard_normal((classes, 3, 3, 3)).astype(np.float32).ravel())
    b = helper.make_tensor("b", TensorProto.FLOAT, [classes], rng.standard_normal(classes).astype(np.float32))
    scales = helper.make_tensor("scales", TensorProto.FLOAT, [4], [1.0, 1.0, 2.0, 2.0])
    nodes = [helper.make_node("Conv", ["images", "w", "b"], ["logits"], pads=[1, 1, 1, 1], name="classifier"),
             helper.make_node("Resize", ["logits", "", "scales"], ["up"], mode="linear", name="up"),
             helper.make_node("ArgMax", ["up"], ["cls"], axis=1, keepdims=0, name="argmax"),
             helper.make_node("Cast", ["cls"], ["mask"], to=TensorProto.UINT8, name="cast")]
    g = helper.make_graph(nodes, "seg", [helper.make_tensor_value_info("images", TensorProto.FLOAT, [1, 3, size, size])],
                          [helper.make_tensor_value_info("mask", TensorProto.UINT8, [1, 2 * size, 2 * size])],
                          [w, b, scales])
    m = helper.make_model(g, opset_imports=[helper.make_opsetid("", 17)])
    m.ir_version = 8
    onnx.checker.check_model(m, full_check=True)
    onnx.save(m, path)
    return path


def _run(path, feed):
    import onnxruntime as ort

    s = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    return dict(zip([o.name for o in s.get_outputs()], s.run(None, feed)))


def test_rkn602_names_cut_head_for_the_output_cast(tmp_path):
    src = _segmenter(tmp_path / "seg.onnx")
    got = findings(src, select={"RKN602"})
    assert [(f.location.node_name, f.fix, f.fix_applicability) for f in got] == [("cast", "cut-head", "unsafe")]


def test_fix_cuts_before_argmax_and_the_tail_reproduces_the_class_map(tmp_path):
    src = _segmenter(tmp_path / "seg.onnx")
    out = tmp_path / "fixed.onnx"
    code, text, err = run_cli("fix", src, "--unsafe-fixes", "-o", out)
    assert code == 0, text + err
    fixed = onnx.load(out)
    assert [o.name for o in fixed.graph.output] == ["up"]
    assert {n.op_type for n in fixed.graph.node} == {"Conv", "Resize"}
    tail_path = tmp_path / "seg.postprocess.onnx"
    tail = onnx.load(tail_path)
    assert [n.op_type for n in tail.graph.node] == ["ArgMax", "Cast"]
    x = np.random.default_rng(0).standard_normal((1, 3, 32, 32)).astype(np.float32)
    npu = _run(out, {"images": x})
    composed = _run(tail_path, {"up": npu["up"]})
    np.testing.assert_array_equal(composed["mask"], _run(src, {"images": x})["mask"])
    assert findings(out, select={"RKN602"}) == []


def test_cast_not_at_an_output_is_not_cut(tmp_path):
    """Only a Cast that makes an output is cut: the cut-head refusal stays for anything else."""
    from _rw import apply

    m = onnx.load(_segmenter(tmp_path / "seg.onnx"))
    m.graph.node[-1].attribute[0].i = TensorProto.INT32  # Cast to int32: the build takes it (CPU)
    m.graph.output[0].type.tensor_type.elem_type = TensorProto.INT32
    res = apply("cut-head", m)
    assert not res.changed


@pytest.mark.toolkit
def test_fixed_segmenter_builds_where_the_original_aborts(tmp_path):
    pytest.importorskip("rknn.api")
    from rknnlint.toolkit.simulate import cosine, simulate

    src = _segmenter(tmp_path / "seg.onnx")
    rc, _, _ = simulate(src, cwd=tmp_path)
    assert rc != 0, "the uint8 output Cast builds: the fact changed"
    out = tmp_path / "fixed.onnx"
    code, text, err = run_cli("fix", src, "--unsafe-fixes", "-o", out)
    assert code == 0, text + err
    x = np.random.default_rng(0).standard_normal((1, 3, 32, 32)).astype(np.float32)
    rc, sim, log = simulate(out, {"images": x}, cwd=tmp_path)
    assert rc == 0, log[-2000:]
    ref = _run(out, {"images": x})["up"]
    assert cosine(np.asarray(sim[0]).reshape(ref.shape), ref) >= 0.999
