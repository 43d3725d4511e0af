"""rknnlint.static_shapes: shapes with every shape computation folded, as the toolkit sees them."""
from __future__ import annotations

import numpy as np
from onnx import helper

from conftest import init, make_model


def _padded(h: int = 5, win: int = 4):
    """Pad H up to a multiple of win with pads computed from Shape and Mod (torchvision Swin's window
    padding), then Reshape to [-1, win, W]: onnx's shape inference leaves the dims symbolic."""
    i64 = lambda v: np.array(v, np.int64)  # noqa: E731
    inits = [init("one", i64(1)), init("win", i64(win)), init("u0", i64([0])), init("z4", i64([0, 0, 0, 0])),
             init("z1", i64([0])), init("sh", i64([-1, win, 3]))]
    N = helper.make_node
    nodes = [N("Shape", ["x"], ["s"]), N("Gather", ["s", "one"], ["H"], axis=0),
             N("Mod", ["H", "win"], ["m"]), N("Sub", ["win", "m"], ["d"]), N("Mod", ["d", "win"], ["pb"]),
             N("Unsqueeze", ["pb", "u0"], ["pbu"]), N("Concat", ["z4", "pbu", "z1"], ["pads"], axis=0),
             N("Pad", ["x", "pads"], ["xp"]), N("Reshape", ["xp", "sh"], ["y"])]
    return make_model(nodes, [("x", [1, h, 3])], [("y", None)], inits, opset=17)


def test_computed_pad_and_reshape_resolved():
    from rknnlint.graph import ModelView
    from rknnlint.static_shapes import resolved_shape

    view = ModelView(_padded())
    assert view.static_shape("xp") is None  # onnx's inference stops at the computed pads
    assert resolved_shape(view, "xp") == (1, 8, 3)
    assert resolved_shape(view, "y") == (2, 4, 3)
    assert resolved_shape(view, "x") == (1, 5, 3)
    assert resolved_shape(view, "no-such-value") is None
    assert view.const_value("pb").item() == 3  # Mod folds


def test_unknown_ops_leave_the_plain_shape():
    from rknnlint.graph import ModelView
    from rknnlint.static_shapes import resolved_shape

    m = make_model([helper.make_node("Foo", ["x"], ["y"], domain="custom")], [("x", [1, 3])], [("y", None)],
                   extra_opsets=[("custom", 1)])
    view = ModelView(m)
    assert resolved_shape(view, "y") == view.shape("y")


def test_only_nodes_with_unresolved_outputs_are_inferred(monkeypatch):
    """Per-node inference (one onnx call each) runs only where onnx's whole-graph inference left a dim open:
    in _padded, Shape..Concat compute small constants the view already knows statically, and Pad / Reshape
    are the two nodes whose outputs need the folded pads."""
    import onnx

    from rknnlint.graph import ModelView
    from rknnlint.static_shapes import resolved_shape

    calls = []
    real = onnx.shape_inference.infer_node_outputs

    def counting(schema, node, *a, **k):
        calls.append(node.op_type)
        return real(schema, node, *a, **k)

    monkeypatch.setattr(onnx.shape_inference, "infer_node_outputs", counting)
    view = ModelView(_padded())
    assert resolved_shape(view, "y") == (2, 4, 3)
    assert sorted(calls) == ["Pad", "Reshape"]


def _tf_same(h: int = 14, k: int = 3, stride: int = 2):
    """timm's TF-'same' padding as torch.onnx writes it (tf_efficientnet): pad = Clip((ceil(H / s) - 1) * s + k - H,
    0), split in halves by Div, Cast and Sub, then Pad with the computed pads and a stride-2 Conv."""
    f = lambda v: np.array(v, np.float32)  # noqa: E731
    i64 = lambda v: np.array(v, np.int64)  # noqa: E731
    inits = [init("hs", f(h / stride)), init("one", f(1.0)), init("s", f(float(stride))), init("k1", f(k - 1.0)),
             init("hh", f(float(h))), init("zero", f(0.0)), init("two", f(2.0)), init("u0", i64([0])),
             init("z2", i64([0, 0])), init("w", np.zeros((4, 4, k, k), np.float32))]
    N = helper.make_node
    nodes = [N("Ceil", ["hs"], ["c"]), N("Sub", ["c", "one"], ["c1"]), N("Mul", ["c1", "s"], ["m"]),
             N("Add", ["m", "k1"], ["a"]), N("Add", ["a", "one"], ["a1"]), N("Sub", ["a1", "hh"], ["d"]),
             N("Clip", ["d", "zero", ""], ["p"]), N("Div", ["p", "two"], ["half"]),
             N("Cast", ["half"], ["lo"], to=7), N("Cast", ["p"], ["pi"], to=7), N("Sub", ["pi", "lo"], ["hi"]),
             N("Unsqueeze", ["lo", "u0"], ["lou"]), N("Unsqueeze", ["hi", "u0"], ["hiu"]),
             N("Concat", ["z2", "lou", "lou", "z2", "hiu", "hiu"], ["pads"], axis=0),
             N("Pad", ["x", "pads"], ["xp"]), N("Conv", ["xp", "w"], ["y"], strides=[stride, stride])]
    return make_model(nodes, [("x", [1, 4, h, h])], [("y", None)], inits, opset=13)


def test_tf_same_pads_with_clip_resolved():
    """The Clip at 0 folds (rknnlint.fold), so the Pad and the Conv after it get static shapes: timm's
    tf_efficientnet_b0's squeeze-excite means on 14 x 14 / 7 x 7 maps are classed by their plane only then."""
    from rknnlint.graph import ModelView
    from rknnlint.static_shapes import resolved_shape

    view = ModelView(_tf_same())
    assert view.static_shape("xp") is None
    assert view.const_value("p").item() == 1.0
    assert resolved_shape(view, "xp") == (1, 4, 15, 15)
    assert resolved_shape(view, "y") == (1, 4, 7, 7)


def test_light_model_declares_big_weights_as_make_tensor_value_info_does():
    import onnx
    from onnx import numpy_helper

    from rknnlint.graph import ModelView

    inits = [numpy_helper.from_array(np.ones((4, 8, 3, 3), np.float32), "w"),
             numpy_helper.from_array(np.ones((0, 80), np.float32), "empty"),
             numpy_helper.from_array(np.arange(5, dtype=np.int64), "idx")]
    g = helper.make_graph([helper.make_node("Conv", ["x", "w"], ["y"])], "g",
                          [helper.make_tensor_value_info("x", onnx.TensorProto.FLOAT, [1, 8, 5, 5])],
                          [helper.make_tensor_value_info("y", onnx.TensorProto.FLOAT, None)], inits)
    light = ModelView(helper.make_model(g, opset_imports=[helper.make_opsetid("", 13)]))._light_model()
    assert [t.name for t in light.graph.initializer] == ["empty", "idx"]  # 0 floats, 5 ints: kept
    assert [vi.SerializeToString() for vi in light.graph.input[1:]] == [
        helper.make_tensor_value_info("w", onnx.TensorProto.FLOAT, [4, 8, 3, 3]).SerializeToString()]
