from __future__ import annotations

import numpy as np
from onnx import TensorProto, helper

from conftest import findings, init, make_model, tensor


def test_expand_to_2_pow_40_elements_is_an_error_on_its_node():
    shape = [1, 3, 2**19, 2**21]
    m = make_model([helper.make_node("Expand", ["x", "shp"], ["b"], name="expand_huge"),
                    helper.make_node("ReduceMax", ["b"], ["y"], name="rmax", axes=[2, 3], keepdims=1)],
                   [("x", [1, 3, 1, 1])], [("y", [1, 3, 1, 1])], [init("shp", np.array(shape, np.int64))])
    fs = findings(m, select={"RKN208"})
    assert [(str(f.severity), f.location.node_name, f.data["tensor"], f.data["dims"]) for f in fs] == [
        ("error", "expand_huge", "b", shape)]
    assert fs[0].data["bytes"] == 3 * 2**42


def test_only_where_the_size_first_appears():
    s = [2**21, 2**21]  # 2^42 elements
    m = make_model([helper.make_node("Relu", ["x"], ["r"], name="relu"), helper.make_node("Neg", ["r"], ["y"], name="neg")],
                   [("x", s)], [("y", s)])
    fs = findings(m, select={"RKN208"})
    assert [(f.location.tensor, f.data["tensor"]) for f in fs] == [("x", "x")]


def test_huge_declared_value_info_and_initializer():
    w = TensorProto(name="w", data_type=TensorProto.FLOAT, dims=[2**20, 2**20])  # declared only: 4 TiB
    m = make_model([helper.make_node("MatMul", ["x", "w"], ["y"], name="mm")], [("x", [1, 2**20])], [("y", [1, 2**20])], [w])
    assert [f.data["tensor"] for f in findings(m, select={"RKN208"})] == ["w"]
    assert "w" in {f.location.tensor for f in findings(m, select={"RKN207"})}  # and it holds no data


def test_big_but_real_tensors_pass():
    s = [1, 16384, 16384]  # 1 GiB of float32, like the 3 GiB sparse-file test's weights
    m = make_model([helper.make_node("Relu", ["x"], ["y"], name="relu")], [("x", s)], [("y", s)])
    m.graph.value_info.append(tensor("unused", [2**38], TensorProto.UINT8))  # 256 GiB: under the bound
    assert findings(m, select={"RKN208"}) == []
