"""upcast-float: float16 / float64 / bfloat16 to float32 everywhere, numbers within the fp16 tolerance."""
from __future__ import annotations

import numpy as np
import onnx
from _rw import apply, feeds, run, tagged
from onnx import TensorProto, helper

from conftest import init, make_model, shared_model
from rknnlint.rewrites import get_rewrite

LOW = {TensorProto.FLOAT16, TensorProto.DOUBLE, TensorProto.BFLOAT16}


def _types(m: onnx.ModelProto) -> set[int]:
    g = m.graph
    out = {t.data_type for t in g.initializer}
    out |= {v.type.tensor_type.elem_type for v in list(g.input) + list(g.output) + list(g.value_info)}
    for n in g.node:
        for a in n.attribute:
            if a.type == onnx.AttributeProto.TENSOR:
                out.add(a.t.data_type)
            if n.op_type == "Cast" and a.name == "to":
                out.add(a.i)
    return out


def test_real_fp16_classifier():
    m = onnx.load(shared_model("cls_squeezenet1_1_fp16_op13.onnx"))
    assert TensorProto.FLOAT16 in _types(m)
    res = apply("upcast-float", m)
    assert res.changed and not (_types(res.model) & LOW)
    assert res.model.graph.input[0].type.tensor_type.elem_type == TensorProto.FLOAT
    assert any("interface dtype is now float32" in n for n in res.notes)
    f = feeds(m)  # float16 values: both models see the same numbers
    ref = run(m, f)
    got = run(res.model, {k: v.astype(np.float32) for k, v in f.items()})
    tol = get_rewrite("upcast-float").tolerance
    for name, r in ref.items():
        r = r.astype(np.float64)
        scale = max(1.0, float(np.abs(r).max()))
        np.testing.assert_allclose(got[name], r, rtol=tol.rtol, atol=tol.atol * scale)
        cos = float(r.ravel() @ got[name].ravel() / (np.linalg.norm(r) * np.linalg.norm(got[name])))
        assert cos > 0.9999


def test_float64_and_bfloat16_and_casts():
    bf = helper.make_tensor("bf", TensorProto.BFLOAT16, [3], [0.5, 1.5, -2.0])
    nodes = [helper.make_node("Cast", ["x"], ["xd"], to=TensorProto.DOUBLE, name="to_double"),
             helper.make_node("Constant", [], ["c"], value=helper.make_tensor("cv", TensorProto.DOUBLE, [3], [1.0, 2.0, 3.0])),
             helper.make_node("Mul", ["xd", "c"], ["m"]),
             helper.make_node("Cast", ["bf"], ["bff"], to=TensorProto.DOUBLE),
             helper.make_node("Add", ["m", "bff"], ["y"])]
    m = make_model(nodes, [("x", [1, 3])], [("y", [1, 3], TensorProto.DOUBLE)], [bf])
    res = apply("upcast-float", m)
    assert res.changed and not (_types(res.model) & LOW)
    assert tagged(res.model, "upcast-float")  # the Casts and the Constant carry the tag
    x = np.array([[1.0, -2.0, 3.0]], np.float32)
    np.testing.assert_allclose(run(res.model, {"x": x})["y"], run(m, {"x": x})["y"], rtol=1e-6)
    assert run(res.model, {"x": x})["y"].dtype == np.float32


def test_float32_model_is_unchanged():
    m = make_model([helper.make_node("Relu", ["x"], ["y"])], [("x", [1, 3])], [("y", [1, 3])],
                   [init("unused", np.ones(2, np.float32))])
    assert not apply("upcast-float", m).changed
