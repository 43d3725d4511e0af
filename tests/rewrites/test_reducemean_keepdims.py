"""reducemean-keepdims: ReduceMean(H, W, keepdims=0) -> ReduceMean(keepdims=1) + Flatten(axis=1), bit-identical."""
from __future__ import annotations

import numpy as np
import pytest
from _rw import apply, assert_same, ops, tagged
from onnx import helper

from conftest import conv_weight, init, make_model

_rng = np.random.default_rng(1)


def _pool(opset: int = 13, axes=(2, 3), keepdims: int = 0, consumed: bool = True, batch=1):
    """Conv -> ReduceMean(axes, keepdims) -> Gemm (or the mean as the graph output when not `consumed`)."""
    nodes = [helper.make_node("Conv", ["x", "w"], ["c"], pads=[1, 1, 1, 1], name="conv")]
    inits = [init("w", conv_weight(6, 3))]
    if opset >= 18:
        inits.append(init("axes", np.array(axes, np.int64)))
        nodes.append(helper.make_node("ReduceMean", ["c", "axes"], ["p"], keepdims=keepdims, name="pool"))
    else:
        nodes.append(helper.make_node("ReduceMean", ["c"], ["p"], axes=list(axes), keepdims=keepdims, name="pool"))
    pooled = [batch, 6, 1, 1] if keepdims else [batch, 6]
    if not consumed:
        return make_model(nodes, [("x", [batch, 3, 5, 7])], [("p", pooled)], inits, opset=opset)
    inits += [init("wg", _rng.standard_normal((4, 6)).astype(np.float32)), init("bg", np.ones(4, np.float32))]
    nodes.append(helper.make_node("Gemm", ["p", "wg", "bg"], ["y"], transB=1, name="fc"))
    # the mean is also an output: its name and value must survive
    return make_model(nodes, [("x", [batch, 3, 5, 7])], [("y", [batch, 4]), ("p", pooled)], inits, opset=opset)


@pytest.mark.parametrize("opset,axes", [(13, (2, 3)), (13, (-1, -2)), (18, (2, 3)), (18, (-2, -1))])
def test_same_outputs_same_names(opset, axes):
    m = _pool(opset, axes)
    res = apply("reducemean-keepdims", m, codes=("RKN708",))
    assert res.changed and "'pool'" in res.notes[0]
    assert ops(res.model) == ["Conv", "ReduceMean", "Flatten", "Gemm"]
    pool, flat = res.model.graph.node[1], res.model.graph.node[2]
    assert pool.name == "pool" and [a.i for a in pool.attribute if a.name == "keepdims"] == [1]
    assert list(flat.input) == [pool.output[0]] and list(flat.output) == ["p"]
    assert [a.i for a in flat.attribute if a.name == "axis"] == [1]
    assert list(pool.input) == list(m.graph.node[1].input)  # opset 18: the axes input stays
    assert tagged(res.model, "reducemean-keepdims") == [pool, flat] and "RKN708" in flat.doc_string
    assert [o.name for o in res.model.graph.output] == ["y", "p"]
    assert assert_same(m, res.model, rtol=0, atol=0) == 0.0


def test_dynamic_batch():
    m = _pool(batch="N")
    res = apply("reducemean-keepdims", m)
    assert res.changed
    assert_same(m, res.model, rtol=0, atol=0, shapes={"x": [3, 3, 5, 7]})


@pytest.mark.parametrize("kw", [{"keepdims": 1}, {"axes": (3,)}, {"axes": (1, 2)}, {"consumed": False},
                                {"opset": 18, "axes": (1,)}])
def test_leaves_the_neighbours_alone(kw):
    res = apply("reducemean-keepdims", _pool(**kw))
    assert not res.changed and res.notes == ["no ReduceMean over H, W with keepdims=0 read by another node"]
