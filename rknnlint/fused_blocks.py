"""Blocks of ONNX nodes that rknn-toolkit2 turns into one layer, so that a finding names the block as the layer
table does.

A LayerNorm exported as arithmetic (ReduceMean -> Sub -> Pow -> ReduceMean -> Add -> Sqrt -> Div, then an optional
Mul by gamma and Add of beta: torchvision ConvNeXt, hand-written encoders) is fused into one "exNorm" layer named
after its first ReduceMean ("exNorm:<ReduceMean>_2ln"). Measured with rknn-toolkit2 2.5.0, rv1106 int8, on
torchvision convnext_tiny (23 blocks) and a token encoder (4 blocks): each block is one CPU layer
(calibration/results/rv1106-int8-2.5.0.json); on rk3566 fp16 the same blocks ran on the NPU.
"""
from __future__ import annotations

from .graph import ModelView, NodeRef


def _only_user(view: ModelView, name: str, op: str) -> NodeRef | None:
    users = view.consumers.get(name, [])
    hits = [u for u in users if u.op_type == op]
    return hits[0] if len(hits) == 1 else None


def layernorm_block(view: ModelView, head: NodeRef) -> list[NodeRef] | None:
    """The nodes of a decomposed LayerNorm starting at its mean (a ReduceMean), in graph order; None otherwise."""
    if head.op_type != "ReduceMean" or head.graph_path or not head.node.input:
        return None
    x, mean = head.node.input[0], head.node.output[0]
    sub = _only_user(view, mean, "Sub")
    if sub is None or list(sub.node.input) != [x, mean]:
        return None
    d = sub.node.output[0]
    sq = _only_user(view, d, "Pow")
    if sq is None:
        sq = next((u for u in view.consumers.get(d, []) if u.op_type == "Mul" and list(u.node.input) == [d, d]), None)
    if sq is None:
        return None
    var = _only_user(view, sq.node.output[0], "ReduceMean")
    add = _only_user(view, var.node.output[0], "Add") if var else None
    sqrt = _only_user(view, add.node.output[0], "Sqrt") if add else None
    div = _only_user(view, sqrt.node.output[0], "Div") if sqrt else None
    if div is None or div.node.input[0] != d:
        return None
    block = [head, sub, sq, var, add, sqrt, div]
    nxt = div
    for op in ("Mul", "Add"):  # the affine part, when its other input is a constant
        users = view.consumers.get(nxt.node.output[0], [])
        if len(users) != 1 or users[0].op_type != op:
            break
        other = [i for i in users[0].node.input if i != nxt.node.output[0]]
        if not other or not view.is_constant(other[0]):
            break
        nxt = users[0]
        block.append(nxt)
    return block


def blocks(view: ModelView) -> dict[int, list[NodeRef]]:
    """Main-graph node index -> the fused block it belongs to (every member maps to the same list)."""
    out: dict[int, list[NodeRef]] = {}
    for ref in view.main_nodes:
        if ref.op_type != "ReduceMean" or ref.index in out:
            continue
        block = layernorm_block(view, ref)
        if block:
            for r in block:
                out[r.index] = block
    return out
