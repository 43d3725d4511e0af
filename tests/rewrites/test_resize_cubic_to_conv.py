"""resize-cubic-to-conv: integer-factor bicubic Resize as Pad(edge) + depthwise Conv + DepthToSpace, same numbers."""
from __future__ import annotations

import numpy as np
import onnx
import pytest
from _rw import apply, assert_same, ops, tagged
from onnx import helper

from conftest import init, make_model, shared_model


def _cubic(scale=2.0, mode="half_pixel", a=-0.75, sizes=None, shape=(1, 3, 6, 5), exclude=0):
    attrs = {"mode": "cubic", "coordinate_transformation_mode": mode, "cubic_coeff_a": a, "exclude_outside": exclude}
    if sizes is None:
        inputs = ["x", "", "scales"]
        inits = [init("scales", np.array([1, 1, scale, scale], np.float32))]
        out = [shape[0], shape[1], int(shape[2] * scale), int(shape[3] * scale)]
    else:
        inputs = ["x", "", "", "sizes"]
        inits = [init("sizes", np.array(sizes, np.int64))]
        out = list(sizes)
    return make_model([helper.make_node("Resize", inputs, ["y"], name="up", **attrs)], [("x", list(shape))],
                      [("y", out)], inits)


def test_real_model():
    m = onnx.load(shared_model("misc_resize_cubic_op13.onnx"))
    res = apply("resize-cubic-to-conv", m, codes=("RKN701",))
    assert res.changed
    assert ops(res.model) == ["Conv", "Pad", "Conv", "DepthToSpace"]
    assert len(tagged(res.model, "resize-cubic-to-conv")) == 3
    assert assert_same(m, res.model, rtol=1e-5, atol=1e-5) < 1e-5


@pytest.mark.parametrize("scale", [2, 3, 4])
@pytest.mark.parametrize("mode", ["half_pixel", "pytorch_half_pixel", "asymmetric"])
@pytest.mark.parametrize("a", [-0.75, -0.5])
def test_every_phase_matches_onnxruntime(scale, mode, a):
    m = _cubic(scale, mode, a)
    res = apply("resize-cubic-to-conv", m)
    assert res.changed and "DepthToSpace" in ops(res.model) and "Resize" not in ops(res.model)
    assert_same(m, res.model, rtol=1e-5, atol=1e-5)


def test_sizes_input():
    m = _cubic(sizes=[1, 3, 12, 10])
    res = apply("resize-cubic-to-conv", m)
    assert res.changed
    assert_same(m, res.model, rtol=1e-5, atol=1e-5)


@pytest.mark.parametrize("kw, reason", [
    ({"scale": 1.5}, "not the same integer factor"),
    ({"mode": "align_corners"}, "position-dependent weights"),
    ({"exclude": 1}, "exclude_outside=1"),
])
def test_cases_it_does_not_take(kw, reason):
    res = apply("resize-cubic-to-conv", _cubic(**kw))
    assert not res.changed and reason in res.notes[0]
