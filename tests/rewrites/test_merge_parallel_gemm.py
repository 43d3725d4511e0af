"""merge-parallel-gemm: two Gemm heads on the same features (with or without BatchNormalization) as one."""
from __future__ import annotations

import pytest
from _crash_graphs import distill_head
from _rw import apply, assert_same, ops


@pytest.mark.parametrize("bn", [True, False])
def test_distillation_head_becomes_one_gemm(bn):
    m = distill_head(bn=bn)
    res = apply("merge-parallel-gemm", m)
    assert ops(res.model) == ["ReduceMean", "Gemm", "Div"]
    assert res.model.graph.node[1].name == "heads_add"
    assert ("BatchNormalizations folded in" in res.notes[0]) == bn
    assert_same(m, res.model, rtol=1e-5, atol=1e-6)


def test_gemms_on_different_features_are_kept():
    m = distill_head(bn=False)
    m.graph.node[2].input[0] = "x2"  # head_dist reads another tensor
    m.graph.input.append(m.graph.input[0].__class__())
    m.graph.input[-1].CopyFrom(m.graph.input[0])
    m.graph.input[-1].name = "x2"
    assert not apply("merge-parallel-gemm", m, check=False).changed
