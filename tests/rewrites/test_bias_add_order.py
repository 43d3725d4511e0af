"""bias-add-order: Add(uniform bias, MatMul) -> Add(MatMul, bias), bit-identical."""
from __future__ import annotations

import numpy as np
from _crash_graphs import qkv_zero_bias
from _rw import apply, assert_same, tagged

from conftest import findings


def test_zero_qkv_bias_operands_swapped():
    m = qkv_zero_bias()
    res = apply("bias-add-order", m, codes=("RKN705",))
    add = next(n for n in res.model.graph.node if n.name == "qkv_add")
    assert list(add.input) == ["mm", "b"]
    assert tagged(res.model, "bias-add-order") == [add]
    assert_same(m, res.model, rtol=0, atol=0)
    assert not findings(res.model, select={"RKN705"})


def test_non_uniform_bias_is_left_alone():
    m = qkv_zero_bias()
    b = next(t for t in m.graph.initializer if t.name == "b")
    from onnx import numpy_helper

    b.CopyFrom(numpy_helper.from_array(np.arange(b.dims[0], dtype=np.float32), "b"))
    assert not apply("bias-add-order", m).changed
