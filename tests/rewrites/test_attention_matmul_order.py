"""attention-matmul-order: v @ softmax^T as (softmax @ v^T)^T, same numbers."""
from __future__ import annotations

from _crash_graphs import psa_attention
from _rw import apply, assert_same, ops


def test_psa_attention_rewritten():
    m = psa_attention()
    res = apply("attention-matmul-order", m)
    assert res.changed and "attn_v" in res.notes[0]
    mm = next(n for n in res.model.graph.node if n.name == "attn_v")
    assert mm.input[0] == "p"  # the softmax output is now the left operand
    assert "attn_pt" not in [n.name for n in res.model.graph.node]  # the old transpose is gone
    assert ops(res.model).count("Transpose") == ops(m).count("Transpose") + 1
    assert_same(m, res.model, rtol=1e-6, atol=1e-6)


def test_other_matmuls_untouched():
    from _crash_graphs import qkv_zero_bias

    assert not apply("attention-matmul-order", qkv_zero_bias()).changed
