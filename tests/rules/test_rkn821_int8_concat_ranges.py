"""RKN821 int8-concat-ranges: Concat inputs whose statically known ranges differ by at least the measured ratio."""
from __future__ import annotations

import numpy as np
from onnx import TensorProto, helper, numpy_helper

from rknnlint.int8_ranges import threshold
from tests.conftest import findings


def _model(ratio: float):
    """y = Concat(Sigmoid(conv_a(x)) * ratio, Sigmoid(conv_b(x)))."""
    rng = np.random.default_rng(0)
    inits = [numpy_helper.from_array((rng.standard_normal((8, 16, 3, 3)) * 0.1).astype(np.float32), "wa"),
             numpy_helper.from_array((rng.standard_normal((8, 16, 3, 3)) * 0.1).astype(np.float32), "wb"),
             numpy_helper.from_array(np.array(ratio, np.float32), "k")]
    nodes = [helper.make_node("Conv", ["x", "wa"], ["a"], name="conv_a", pads=[1] * 4),
             helper.make_node("Sigmoid", ["a"], ["sa"], name="sig_a"),
             helper.make_node("Mul", ["sa", "k"], ["big"], name="scale"),
             helper.make_node("Conv", ["x", "wb"], ["b"], name="conv_b", pads=[1] * 4),
             helper.make_node("Sigmoid", ["b"], ["small"], name="sig_b"),
             helper.make_node("Concat", ["big", "small"], ["y"], name="joined", axis=1)]
    g = helper.make_graph(nodes, "g", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 16, 8, 8])],
                          [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 16, 8, 8])], inits)
    m = helper.make_model(g, opset_imports=[helper.make_opsetid("", 13)])
    m.ir_version = 8
    return m


def test_fires_at_the_measured_ratio_naming_both_inputs():
    lim = threshold("concat", "channel", "range_ratio")
    fs = findings(_model(2 * lim), select={"RKN821"}, dtype="int8")
    assert len(fs) == 1
    f = fs[0]
    assert f.location.node_name == "joined"
    assert f"joins 'big' (0..{2 * lim:g}) with 'small' (0..1)" in f.message
    assert f.data["ratio"] == 2 * lim and "--int8-accuracy 0.99" in f.hint


def test_silent_below_the_threshold_and_on_fp16():
    lim = threshold("concat", "channel", "range_ratio")
    assert findings(_model(lim / 4), select={"RKN821"}, dtype="int8") == []
    assert findings(_model(4 * lim), select={"RKN821"}) == []


def test_constant_input_range_counts():
    m = _model(1.0)
    grid = numpy_helper.from_array(np.linspace(0, 640, 8 * 8 * 8, dtype=np.float32).reshape(1, 8, 8, 8), "grid")
    m.graph.initializer.append(grid)
    m.graph.node[-1].input[0] = "grid"
    fs = findings(m, select={"RKN821"}, dtype="int8")
    assert len(fs) == 1 and "'grid' (0..640)" in fs[0].message


def test_integer_shape_concat_is_not_data():
    m = _model(1.0)
    m.graph.initializer.extend([numpy_helper.from_array(np.array([512], np.int64), "c512"),
                                numpy_helper.from_array(np.array([2], np.int64), "c2")])
    m.graph.node.append(helper.make_node("Shape", ["y"], ["shp"], name="shape"))
    m.graph.node.append(helper.make_node("Concat", ["c512", "c2", "shp"], ["dims"], name="dims", axis=0))
    m.graph.output.append(helper.make_tensor_value_info("dims", TensorProto.INT64, [6]))
    assert findings(m, select={"RKN821"}, dtype="int8") == []
