"""attention-matmul-order: v @ softmax(.)^T computed as (softmax(.) @ v^T)^T, the form rknn-toolkit2 2.5.0's
SDPA fusion handles."""
from __future__ import annotations

import heapq

import onnx

from ._base import Applicability, Rewrite, RewriteOptions, RewriteResult, begin, listed, register_rewrite, tag
from ._walk import get_attr, producer_map, use_counts


def _swap_last2(rank: int) -> list[int]:
    return list(range(rank - 2)) + [rank - 1, rank - 2]


def _score_chain(softmax: onnx.NodeProto, producers: dict) -> list[onnx.NodeProto]:
    """The nodes from the q.k MatMul to the Softmax: the MatMul and any Mul / Div / Add (scale, mask) between."""
    chain: list[onnx.NodeProto] = []
    p = producers.get(softmax.input[0])
    while p is not None and len(chain) < 4:
        chain.insert(0, p)
        if p.op_type == "MatMul":
            return chain
        if p.op_type not in ("Mul", "Div", "Add"):
            break
        p = next((producers[i] for i in p.input if i in producers and producers[i].op_type in ("MatMul", "Mul", "Div",
                                                                                                 "Add")), None)
    return []


def _keep_together(nodes: list[onnx.NodeProto], chains: list[list[onnx.NodeProto]]) -> list[onnx.NodeProto]:
    """The nodes in their order, except that each attention chain (q.k MatMul ... Softmax ... the new
    Transpose / MatMul / Transpose) is emitted as one block where all its inputs are ready. rknn-toolkit2
    2.5.0's SDPA fusion still crashes when an unrelated node sits between the q.k MatMul and the Softmax in
    the node list (YOLO12n's model.8 attention: its position-encoding branch was interleaved). A stable
    topological order with each chain as one unit; the original order where that is impossible."""
    if any(a.type in (onnx.AttributeProto.GRAPH, onnx.AttributeProto.GRAPHS) for n in nodes for a in n.attribute):
        return nodes  # subgraphs read outer names implicitly: keep the order as it is
    unit_of: dict[int, int] = {}
    members: list[list[onnx.NodeProto]] = []
    present = {id(n) for n in nodes}
    for ch in chains:
        if ch and all(id(n) in present for n in ch) and not any(id(n) in unit_of for n in ch):
            for n in ch:
                unit_of[id(n)] = len(members)
            members.append([])
    first: list[int] = [0] * len(members)
    for i, n in enumerate(nodes):
        u = unit_of.get(id(n))
        if u is None:
            unit_of[id(n)] = len(members)
            members.append([n])
            first.append(i)
        else:
            if not members[u]:
                first[u] = i
            members[u].append(n)
    made_by = {o: unit_of[id(n)] for n in nodes for o in n.output if o}
    deps: list[set[int]] = [set() for _ in members]
    users: list[list[int]] = [[] for _ in members]
    for u, ns in enumerate(members):
        for n in ns:
            for i in n.input:
                d = made_by.get(i)
                if d is not None and d != u and d not in deps[u]:
                    deps[u].add(d)
                    users[d].append(u)
    ready = [(first[u], u) for u in range(len(members)) if not deps[u]]
    heapq.heapify(ready)
    left = [len(d) for d in deps]
    order: list[onnx.NodeProto] = []
    while ready:
        _, u = heapq.heappop(ready)
        order.extend(members[u])
        for w in users[u]:
            left[w] -= 1
            if left[w] == 0:
                heapq.heappush(ready, (first[w], w))
    return order if len(order) == len(nodes) else nodes


@register_rewrite
class AttentionMatMulOrder(Rewrite):
    """Ultralytics attention blocks (C2PSA in YOLO11 / YOLO26, PSA in YOLOv10, A2 in YOLO12) end in
    MatMul(v, Transpose(Softmax(q^T k))). rknn-toolkit2 2.5.0 crashes on it in
    `_p_fuse_exmatmul_add_mul_exsoftmax13_exmatmul_to_sdpa` ("IndexError: list index out of range",
    RKN707). The same product written as Transpose(MatMul(Softmax(.), Transpose(v))) computes the same
    sums of the same products (proven in onnxruntime). The fusion also crashes on that form when another
    node sits between the q.k MatMul and the Softmax in the node list (YOLO12n's export interleaves the
    position-encoding branch there), so each rewritten block is emitted as one run of nodes where its
    inputs are ready. Measured: YOLO11n, YOLOv10n, YOLO12n (head cut) and YOLO26n build, all on the NPU."""

    name = "attention-matmul-order"
    summary = "MatMul(v, Transpose(Softmax)) -> Transpose(MatMul(Softmax, Transpose(v))) (exact)"
    applicability = Applicability.SAFE

    def apply(self, model: onnx.ModelProto, options: RewriteOptions) -> RewriteResult:
        view, out, names = begin(model, "rknnlint/attention")
        producers = producer_map(out.graph)
        users = use_counts(out.graph)
        nodes: list[onnx.NodeProto] = []
        chains: list[list[onnx.NodeProto]] = []
        done = []
        for n in out.graph.node:
            t = producers.get(n.input[1]) if n.op_type == "MatMul" and len(n.input) == 2 else None
            s = producers.get(t.input[0]) if t is not None and t.op_type == "Transpose" else None
            rank = view.rank(n.input[0])
            if s is None or s.op_type != "Softmax" or rank is None or rank < 2 or view.rank(t.input[0]) != rank:
                nodes.append(n)
                continue
            if list(get_attr(t, "perm") or []) != _swap_last2(rank):
                nodes.append(n)
                continue
            axis = int(get_attr(s, "axis", -1))
            if axis not in (-1, rank - 1):
                nodes.append(n)
                continue
            perm = _swap_last2(rank)
            vt, mm = names("v_t"), names("attn_v")
            base = n.name or n.output[0]
            new = [onnx.helper.make_node("Transpose", [n.input[0]], [vt], perm=perm, name=f"{base}/v_t"),
                   onnx.helper.make_node("MatMul", [t.input[0], vt], [mm], name=base),
                   onnx.helper.make_node("Transpose", [mm], [n.output[0]], perm=perm, name=f"{base}/out_t")]
            for x in new:
                tag(x, self.name, options.codes)
            nodes.extend(new)
            chains.append(_score_chain(s, producers) + [s] + new)
            users[n.input[1]] -= 1
            done.append(base)
        if not done:
            return RewriteResult(model, False, ["no MatMul(v, Transpose(Softmax(...)))"])
        # the Transposes of the attention weights that nothing reads any more
        dead = {n.output[0] for n in nodes if n.op_type == "Transpose" and users.get(n.output[0], 1) == 0
                and n.output[0] not in {o.name for o in out.graph.output}}
        kept = [x for x in nodes if not (x.op_type == "Transpose" and x.output[0] in dead)]
        del out.graph.node[:]
        out.graph.node.extend(_keep_together(kept, chains))
        shown = listed(done)
        return RewriteResult(out, True, [f"MatMul {shown}: v @ softmax^T -> (softmax @ v^T)^T"])
