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
