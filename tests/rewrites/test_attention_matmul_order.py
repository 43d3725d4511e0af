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


def test_attention_block_kept_together():
    """A node of another branch between the q.k MatMul and the Softmax (YOLO12n's export order) is moved
    out of the block; the rest keeps its order and the numbers do not change."""
    m = psa_attention()
    nodes = list(m.graph.node)
    mm = next(i for i, n in enumerate(nodes) if n.name == "attn_qk")
    side = next(n for n in nodes if n.name == "attn_pe")  # the depthwise position encoding of v
    v4 = next(n for n in nodes if n.output[0] == side.input[0])
    for n in (side, v4):
        nodes.remove(n)
    nodes[mm + 1:mm + 1] = [v4, side]  # both now between attn_qk and the Softmax
    del m.graph.node[:]
    m.graph.node.extend(nodes)
    order = [n.name or n.output[0] for n in m.graph.node]
    assert order.index("attn_pe") < order.index("attn_softmax")
    res = apply("attention-matmul-order", m)
    order = [n.name or n.output[0] for n in res.model.graph.node]
    assert order.index("attn_softmax") == order.index("attn_qk") + 1
    assert order.index("attn_v") == order.index("attn_softmax") + 2  # after the new Transpose of v
    assert order.index("attn_proj") == len(order) - 1
    assert_same(m, res.model, rtol=1e-6, atol=1e-6)
