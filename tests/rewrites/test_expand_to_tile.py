"""expand-to-tile: an Expand that repeats size-1 axes as a Tile, same numbers."""
from __future__ import annotations

import numpy as np
from _rw import apply, assert_same, ops
from onnx import helper, numpy_helper

from conftest import init, make_model


def _expand(xshape, target):
    out = list(np.broadcast_shapes(tuple(xshape), tuple(target)))
    return make_model([helper.make_node("Expand", ["x", "s"], ["y"], name="ex")], [("x", list(xshape))], [("y", out)],
                      [init("s", np.array(target, np.int64))])


def test_repeat_on_spatial_axes():
    m = _expand([1, 3, 1, 1], [1, 3, 4, 4])
    res = apply("expand-to-tile", m)
    assert ops(res.model) == ["Tile"]
    reps = numpy_helper.to_array(next(t for t in res.model.graph.initializer if t.name == res.model.graph.node[0].input[1]))
    assert reps.tolist() == [1, 1, 4, 4]
    assert_same(m, res.model, rtol=0, atol=0)


def test_rank_growing_expand_gets_a_reshape_first():
    m = _expand([3, 1], [2, 3, 4])
    res = apply("expand-to-tile", m)
    assert ops(res.model) == ["Reshape", "Tile"]
    assert_same(m, res.model, rtol=0, atol=0)


def test_non_constant_shape_is_kept():
    m = make_model([helper.make_node("Expand", ["x", "s"], ["y"])], [("x", [1, 3]), ("s", [2], 7)], [("y", [2, 3])])
    res = apply("expand-to-tile", m)
    assert not res.changed and "not constant" in res.notes[0]
