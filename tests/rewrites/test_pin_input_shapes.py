"""pin-input-shapes: fixed input dims, folded shape arithmetic, dead nodes and initializers removed."""
from __future__ import annotations

import numpy as np
import onnx
import pytest
from _rw import apply, assert_same, ops
from onnx import helper

from conftest import init, make_model, shared_model
from rknnlint.rewrites import RewriteRefused


def _dyn_flatten():
    """x [N,3,8,8] -> Shape -> Gather(0) -> Concat([n, -1]) -> Reshape: the shape chain a dynamic export writes."""
    nodes = [
        helper.make_node("Relu", ["x"], ["r"]),
        helper.make_node("Shape", ["r"], ["s"], name="shape"),
        helper.make_node("Gather", ["s", "zero"], ["n"], axis=0, name="gather"),
        helper.make_node("Unsqueeze", ["n", "ax0"], ["n1"], name="unsq"),
        helper.make_node("Concat", ["n1", "minus1"], ["target"], axis=0, name="concat"),
        helper.make_node("Reshape", ["r", "target"], ["y"], name="reshape"),
    ]
    inits = [init("zero", np.array(0, np.int64)), init("ax0", np.array([0], np.int64)),
             init("minus1", np.array([-1], np.int64)), init("unused", np.ones(5, np.float32))]
    return make_model(nodes, [("x", ["N", 3, 8, 8])], [("y", ["N", 192])], inits)


def test_batch_becomes_one_and_the_shape_chain_folds():
    m = _dyn_flatten()
    res = apply("pin-input-shapes", m)
    assert res.changed
    dims = [d.dim_value for d in res.model.graph.input[0].type.tensor_type.shape.dim]
    assert dims == [1, 3, 8, 8]
    assert ops(res.model) == ["Relu", "Reshape"]  # Shape, Gather, Unsqueeze, Concat folded
    assert "unused" not in {t.name for t in res.model.graph.initializer}
    out_dims = [d.dim_value for d in res.model.graph.output[0].type.tensor_type.shape.dim]
    assert out_dims == [1, 192]
    assert "[N, 3, 8, 8] -> [1, 3, 8, 8]" in res.notes[0]
    assert_same(m, res.model, rtol=0, atol=0)


def test_given_shape_wins():
    m = _dyn_flatten()
    res = apply("pin-input-shapes", m, input_shapes={"x": (2, 3, 8, 8)})
    assert [d.dim_value for d in res.model.graph.input[0].type.tensor_type.shape.dim] == [2, 3, 8, 8]
    assert_same(m, res.model, shapes={"x": [2, 3, 8, 8]}, rtol=0, atol=0)


def test_sequence_dims_are_not_guessed():
    m = onnx.load(shared_model("seq_transformer_encoder_dynseq_op17.onnx"))
    res = apply("pin-input-shapes", m)
    assert not res.changed
    assert "dim 1 (T) is dynamic and not the batch" in res.notes[0] and "--input-shape feats=1,N,128" in res.notes[0]


def test_real_transformer_with_given_shape_folds_all_shape_ops():
    m = onnx.load(shared_model("seq_transformer_encoder_dynseq_op17.onnx"))
    assert "Shape" in ops(m)
    res = apply("pin-input-shapes", m, input_shapes={"feats": (1, 50, 128)})
    assert res.changed
    assert not {"Shape", "Concat", "Constant", "Mod"} & set(ops(res.model))
    assert len(res.model.graph.node) < len(m.graph.node) // 2
    assert_same(m, res.model, shapes={"feats": [1, 50, 128]}, rtol=1e-6, atol=1e-6)


def test_real_dynamic_batch_classifier():
    m = onnx.load(shared_model("cls_mnasnet0_5_op13_dynbatch.onnx"))
    res = apply("pin-input-shapes", m)
    assert res.changed
    assert [d.dim_value for d in res.model.graph.input[0].type.tensor_type.shape.dim] == [1, 3, 224, 224]
    assert "Identity" not in ops(res.model)
    assert_same(m, res.model, runs=1, rtol=0, atol=0)


def test_image_size_from_exporter_metadata():
    m = make_model([helper.make_node("Relu", ["x"], ["y"])], [("x", ["batch", 3, "h", "w"])], [("y", ["batch", 3, "h", "w"])])
    m.metadata_props.append(onnx.StringStringEntryProto(key="imgsz", value="[32, 48]"))
    res = apply("pin-input-shapes", m)
    assert [d.dim_value for d in res.model.graph.input[0].type.tensor_type.shape.dim] == [1, 3, 32, 48]


@pytest.mark.parametrize("shapes, message", [
    ({"images": (1, 3, 8, 8)}, "has no input 'images' (inputs: x)"),
    ({"x": (1, 3, 8)}, "is 4-D [N, 3, 8, 8], not 3-D"),
    ({"x": (1, 4, 8, 8)}, "dim 1 of input 'x' is fixed to 3"),
])
def test_bad_input_shapes_are_refused(shapes, message):
    with pytest.raises(RewriteRefused, match=message.replace("[", r"\[").replace("]", r"\]").replace("(", r"\(").replace(")", r"\)")):
        apply("pin-input-shapes", _dyn_flatten(), input_shapes=shapes)


def test_shape_that_contradicts_the_graph_is_refused():
    # the Reshape target fixes 48 elements: an input of 1x3x8x8 cannot be reshaped to it
    m = make_model([helper.make_node("Reshape", ["x", "t"], ["y"])], [("x", ["N", 3, "H", "W"])], [("y", [1, 48])],
                   [init("t", np.array([1, 48], np.int64))])
    with pytest.raises(RewriteRefused, match="contradicts the graph"):
        apply("pin-input-shapes", m, input_shapes={"x": (1, 3, 8, 8)})


def test_static_model_is_unchanged():
    m = make_model([helper.make_node("Relu", ["x"], ["y"])], [("x", [1, 3, 4, 4])], [("y", [1, 3, 4, 4])])
    assert not apply("pin-input-shapes", m).changed


def _dyn_conv_stack():
    """x [N,8,4,4] -> 3 x (Conv with 8x8x3x3 weights, Relu) -> dynamic flatten: weights large enough to be
    left out of shape inference, an int64 shape chain that must stay in."""
    rng = np.random.default_rng(1)
    nodes, inits, prev = [], [], "x"
    for i in range(3):
        inits += [init(f"w{i}", (rng.standard_normal((8, 8, 3, 3)) * 0.1).astype(np.float32)),
                  init(f"b{i}", rng.standard_normal(8).astype(np.float32))]
        nodes += [helper.make_node("Conv", [prev, f"w{i}", f"b{i}"], [f"c{i}"], pads=[1, 1, 1, 1]),
                  helper.make_node("Relu", [f"c{i}"], [f"r{i}"])]
        prev = f"r{i}"
    nodes += [helper.make_node("Shape", [prev], ["s"]), helper.make_node("Gather", ["s", "zero"], ["n"], axis=0),
              helper.make_node("Unsqueeze", ["n", "ax0"], ["n1"]),
              helper.make_node("Concat", ["n1", "minus1"], ["target"], axis=0),
              helper.make_node("Reshape", [prev, "target"], ["y"])]
    inits += [init("zero", np.array(0, np.int64)), init("ax0", np.array([0], np.int64)),
              init("minus1", np.array([-1], np.int64))]
    return make_model(nodes, [("x", ["N", 8, 4, 4])], [("y", ["N", 128])], inits)


def test_shape_inference_without_the_weights_gives_the_whole_model_result():
    from rknnlint.rewrites import _base

    m = _dyn_conv_stack()
    light = _base.weightless(m)
    assert light is not None and not {"w0", "w1", "w2"} & {t.name for t in light.graph.initializer}
    assert {"zero", "ax0", "minus1"} <= {t.name for t in light.graph.initializer}
    whole = onnx.shape_inference.infer_shapes(m, check_type=False, strict_mode=False, data_prop=True)
    assert _base.infer(m).SerializeToString() == whole.SerializeToString()
    own = _base.copy_model(m)
    assert _base.infer(own, in_place=True) is own and own.SerializeToString() == whole.SerializeToString()


def test_pinned_conv_stack_same_with_and_without_weightless_inference(monkeypatch):
    from rknnlint.rewrites import _base

    m = _dyn_conv_stack()
    fast = apply("pin-input-shapes", m).model
    monkeypatch.setattr(_base, "weightless", lambda model: None)  # inference on the whole model
    slow = apply("pin-input-shapes", m).model
    assert fast.SerializeToString() == slow.SerializeToString()
    assert ops(fast) == ["Conv", "Relu"] * 3 + ["Reshape"]
    assert [d.dim_value for d in fast.graph.output[0].type.tensor_type.shape.dim] == [1, 128]
    assert_same(m, fast, rtol=0, atol=0)
