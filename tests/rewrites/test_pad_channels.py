"""pad-channels: zero filters up to the alignment, zero input channels in the consumers; same numbers."""
from __future__ import annotations

import numpy as np
import onnx
from _rw import apply, assert_same
from onnx import helper, numpy_helper

from conftest import conv_weight, init, make_model, shared_model


def _weights(m):
    return {t.name: numpy_helper.to_array(t) for t in m.graph.initializer}


def _conv_chain(mid="Relu", c=13):
    nodes = [helper.make_node("Conv", ["x", "w1", "b1"], ["a"], pads=[1, 1, 1, 1], name="c1")]
    if mid == "SiLU":
        nodes += [helper.make_node("Sigmoid", ["a"], ["s"]), helper.make_node("Mul", ["a", "s"], ["r"])]
    else:
        nodes.append(helper.make_node(mid, ["a"], ["r"]))
    nodes.append(helper.make_node("Conv", ["r", "w2"], ["y"], name="c2"))
    inits = [init("w1", conv_weight(c, 3)), init("b1", np.linspace(-1, 1, c).astype(np.float32)),
             init("w2", conv_weight(4, c, 1))]
    return make_model(nodes, [("x", [1, 3, 6, 6])], [("y", [1, 4, 6, 6])], inits)


def test_relu_chain_pads_13_to_16():
    m = _conv_chain()
    res = apply("pad-channels", m, channel_align=8)
    w = _weights(res.model)
    assert w["w1"].shape == (16, 3, 3, 3) and w["b1"].shape == (16,) and w["w2"].shape == (4, 16, 1, 1)
    assert not w["w1"][13:].any() and not w["b1"][13:].any() and not w["w2"][:, 13:].any()
    assert "13 -> 16 output channels" in res.notes[0]
    assert_same(m, res.model, rtol=1e-6, atol=1e-6)  # the conv sums in another order: last-bit differences


def test_silu_chain_and_alignment_from_options():
    m = _conv_chain("SiLU", c=20)
    res = apply("pad-channels", m, channel_align=16)
    assert _weights(res.model)["w1"].shape[0] == 32
    assert_same(m, res.model, rtol=1e-6, atol=1e-6)


def test_graph_output_is_not_padded():
    m = make_model([helper.make_node("Conv", ["x", "w"], ["y"])], [("x", [1, 3, 4, 4])], [("y", [1, 5, 2, 2])],
                   [init("w", conv_weight(5, 3))])
    res = apply("pad-channels", m, channel_align=8)
    assert not res.changed and "'y' is a graph output" in res.notes[0]


def test_real_unet_pads_where_it_can():
    m = onnx.load(shared_model("seg_tiny_unet_odd_channels_op13.onnx"))
    res = apply("pad-channels", m, channel_align=8)
    assert res.changed and "45 -> 48" in res.notes[0]
    assert any("Concat" in n and "kept" in n for n in res.notes)
    assert_same(m, res.model, runs=1, rtol=1e-6, atol=1e-6)
