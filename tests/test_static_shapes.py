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
