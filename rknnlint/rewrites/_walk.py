"""Walking every graph of a model (main graph and subgraphs of If / Loop / Scan)."""
from __future__ import annotations

from collections.abc import Iterator

import onnx


def graphs(model_or_graph) -> Iterator[onnx.GraphProto]:
    """The main graph, then every subgraph, depth first."""
    g = model_or_graph.graph if isinstance(model_or_graph, onnx.ModelProto) else model_or_graph
    yield g
    for n in g.node:
        for a in n.attribute:
            if a.type == onnx.AttributeProto.GRAPH:
                yield from graphs(a.g)
            elif a.type == onnx.AttributeProto.GRAPHS:
                for sg in a.graphs:
                    yield from graphs(sg)


def rename_values(model_or_graph, renamed: dict[str, str]) -> None:
    """Give values new names everywhere they appear: graph inputs, outputs and value_info, node inputs and outputs,
    in every graph (a subgraph may read an outer value by name)."""
    for g in graphs(model_or_graph):
        for vi in list(g.input) + list(g.output) + list(g.value_info):
            if vi.name in renamed:
                vi.name = renamed[vi.name]
        for n in g.node:
            for k, i in enumerate(n.input):
                if i in renamed:
                    n.input[k] = renamed[i]
            for k, o in enumerate(n.output):
                if o in renamed:
                    n.output[k] = renamed[o]


def nodes(model: onnx.ModelProto) -> Iterator[onnx.NodeProto]:
    for g in graphs(model):
        yield from g.node


def get_attr(node: onnx.NodeProto, name: str, default=None):
    for a in node.attribute:
        if a.name == name:
            return onnx.helper.get_attribute_value(a)
    return default


def set_attr(node: onnx.NodeProto, name: str, value) -> None:
    for i, a in enumerate(node.attribute):
        if a.name == name:
            del node.attribute[i]
            break
    node.attribute.append(onnx.helper.make_attribute(name, value))


def producer_map(graph: onnx.GraphProto) -> dict[str, onnx.NodeProto]:
    """Tensor name -> the node of `graph` that makes it."""
    return {o: n for n in graph.node for o in n.output}


def use_counts(graph: onnx.GraphProto) -> dict[str, int]:
    """Tensor name -> how many node inputs of `graph` read it (a node reading it twice counts twice)."""
    uses: dict[str, int] = {}
    for n in graph.node:
        for i in n.input:
            uses[i] = uses.get(i, 0) + 1
    return uses


def _used_inside(node: onnx.NodeProto) -> set[str]:
    """Names a node's subgraphs read from outside themselves (implicit inputs)."""
    out: set[str] = set()
    for a in node.attribute:
        subs = [a.g] if a.type == onnx.AttributeProto.GRAPH else list(a.graphs) if a.type == onnx.AttributeProto.GRAPHS else []
        for g in subs:
            made = {i.name for i in g.input} | {t.name for t in g.initializer} | {o for n in g.node for o in n.output}
            for n in g.node:
                out.update(i for i in n.input if i and i not in made)
                out.update(x for x in _used_inside(n) if x not in made)
            out.update(o.name for o in g.output if o.name not in made)
    return out


def toposort(graph: onnx.GraphProto) -> bool:
    """Sort the nodes of `graph` (and of its subgraphs) topologically, in place, keeping the given order
    wherever it is already valid (a node waits only for its producers). Returns whether anything moved.
    Nodes that wait on a cycle or on a name nothing makes keep their relative order at the end."""
    import heapq

    moved = False
    for n in graph.node:
        for a in n.attribute:
            for g in ([a.g] if a.type == onnx.AttributeProto.GRAPH else list(a.graphs)
                      if a.type == onnx.AttributeProto.GRAPHS else []):
                moved = toposort(g) or moved
    nodes = list(graph.node)
    producer = {o: k for k, n in enumerate(nodes) for o in n.output if o}
    waits: list[set[int]] = []
    for k, n in enumerate(nodes):
        deps = {producer[i] for i in list(n.input) + sorted(_used_inside(n)) if i in producer and producer[i] != k}
        waits.append(deps)
    users: dict[int, list[int]] = {}
    for k, deps in enumerate(waits):
        for d in deps:
            users.setdefault(d, []).append(k)
    left = [len(d) for d in waits]
    ready = [k for k, c in enumerate(left) if c == 0]
    heapq.heapify(ready)
    order: list[int] = []
    while ready:
        k = heapq.heappop(ready)
        order.append(k)
        for u in users.get(k, []):
            left[u] -= 1
            if left[u] == 0:
                heapq.heappush(ready, u)
    seen = set(order)
    order += [k for k in range(len(nodes)) if k not in seen]
    if order == list(range(len(nodes))):
        return moved
    copies = [onnx.NodeProto() for _ in nodes]
    for c, n in zip(copies, nodes):
        c.CopyFrom(n)
    del graph.node[:]
    graph.node.extend(copies[k] for k in order)
    return True
