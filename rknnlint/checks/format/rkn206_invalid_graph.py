from __future__ import annotations

import re

import onnx
from onnx import AttributeProto

from ...finding import Severity
from ...rule import Rule, Violation, register
from ...toolkit.versions import toolkit_said

# Checker messages another rule reports already (with its own code and fix): not repeated here.
_OTHER_RULES = (
    ("is not output of any previous nodes", "RKN206 graph walk"),
    ("No Op registered", "RKN203"),
    ("No opset import for domain", "RKN202"),
    ("Unrecognized attribute", "RKN205"),
    ("is higher than the checker's", "RKN204"),
)
# A declared value_info / output shape that disagrees with the inferred one: the toolkit re-infers shapes
# and builds (measured, see the docstring), so it is a warning, not an error.
_DECLARATION_CONFLICT = "Inferred shape and existing shape differ"
_NODE_NAME = (re.compile(r"node name: ([^)]*)\)"), re.compile(r"name: (.*?) OpType: "))


@register
class InvalidGraph(Rule):
    """A graph that onnx's full checker rejects: rknn-toolkit2 cannot convert it.

    What it does:
    Walks every graph and subgraph for node inputs that nothing produces (no graph input, initializer,
    outer-scope value or earlier node) and for nodes that read a value a later node produces (the graph
    is not in topological order), naming each node and value. Then runs onnx's full checker
    (onnx.checker.check_model(full_check=True): the structural checks plus strict shape inference with
    type checking) on the model's graph with its large weights replaced by typed inputs and reports what
    it rejects, with the checker's message,
    on the node the message names. The checker stops at its first error. Its messages that other rules
    report (unknown op RKN203, unknown attribute RKN205, IR version RKN204, custom domain RKN202) are
    left to them. A declared value_info or output shape that differs from the inferred one is a warning:
    the toolkit re-infers shapes and builds such a model. Why not the checker on the whole model: it
    serializes and copies every weight. Measured (onnx 1.18, the 132 MB conv stack of
    bench/bench_check.py): check_model(full_check=True) takes 0.32 s CPU from the path and 0.51 s on the
    loaded ModelProto, 3-4x the 0.12 s of reading the model; on the weightless graph this rule takes
    0.5 ms (9 ms on a ViT-B/16). The checker's checks that need the weights (none: it does not compare
    a tensor's data with its dims) are RKN207's. `bench/bench_check.py --repeat 7` (whole processes, CPU
    time, a loaded 2-core machine): rknnlint check / onnx.load = 1.12x on that model with RKN206-RKN208,
    1.13x at the commit before them (c5e2846): no measurable cost.

    Why the NPU cares:
    Observed with rknn-toolkit2 2.5.0 on rk3588 (fp16): a node input nothing produces fails the build
    with "ValueError: Can not find tensor value info for 'ghost'!"; a graph out of topological order
    fails the build with "KeyError: 'r'" (the first value read before it is made). A declared output
    shape [1,3,9,9] where inference gives [1,3,8,8] ("Inferred shape and existing shape differ in
    dimension 2: (8) vs (9)") builds. The toolkit loads the ONNX graph with onnx and onnxruntime, so
    whatever onnx's checker rejects is not a model the conversion can rely on.

    Example:
    A graph edited by hand or by a script that deleted a node but left its consumers reading its output;
    nodes appended out of order; an Add of [1,3,8,8] and [1,4,8,8].

    How to fix:
    Re-export the model, or repair the edit: give every input a producer, sort the nodes
    (onnx-graphsurgeon's graph.cleanup().toposort()), and make shapes agree. Run
    `python -c "import onnx; onnx.checker.check_model('m.onnx', full_check=True)"` to see the checker's
    complete message.

    Fix safety:
    Display-only.
    """

    code = "RKN206"
    name = "invalid-graph"
    severity = Severity.ERROR

    def check(self, ctx):
        view = ctx.view
        walked = False
        for ref, value, later in _unproduced_inputs(view.graph, set(), ()):
            walked = True
            if later:
                yield Violation(ref, f"{ref.op_type} '{ref.label}' reads '{value}' before the node that produces it: "
                                     "the graph is not in topological order, which onnx's checker rejects and "
                                     f"{toolkit_said(ctx)}'s build fails on (KeyError)",
                                hint="sort the nodes topologically (onnx-graphsurgeon: graph.toposort())",
                                data={"value": value, "kind": "order"})
            else:
                yield Violation(ref, f"{ref.op_type} '{ref.label}' reads '{value}', which nothing produces (no graph "
                                     f"input, initializer or node): {toolkit_said(ctx)}'s build fails with "
                                     f"\"Can not find tensor value info for '{value}'!\"",
                                hint="give the value a producer or remove the input; re-export the model",
                                data={"value": value, "kind": "unproduced"})
        if walked:
            return  # the checker would stop at the same first error
        message = _checker_error(view)
        if message is None or any(k in message for k, _ in _OTHER_RULES):
            return
        target = _named_node(view, message)
        if _DECLARATION_CONFLICT in message:
            yield Violation(target, f"onnx's full checker: {message} (a declared shape disagrees with the inferred one; "
                                    f"{toolkit_said(ctx)} re-infers shapes and was seen to build such a model)",
                            severity=Severity.WARNING,
                            hint="drop or correct the stale value_info / output shape", data={"checker": message})
        else:
            yield Violation(target, f"onnx's full checker rejects the model: {message}",
                            hint="repair or re-export the model until onnx.checker.check_model(full_check=True) passes",
                            data={"checker": message})


def _unproduced_inputs(graph: onnx.GraphProto, outer: set[str], path: tuple[str, ...]):
    """(node, value, made later?) for each node input that is not available where the node reads it."""
    from ...graph import NodeRef

    available = set(outer) | {i.name for i in graph.input} | {t.name for t in graph.initializer}
    made = {o for n in graph.node for o in n.output if o}
    for i, n in enumerate(graph.node):
        for value in n.input:
            if value and value not in available:
                yield NodeRef(n, i, path), value, value in made
        for a in n.attribute:
            tag = f'node[{i}]({n.op_type}, "{n.name}")'
            if a.type == AttributeProto.GRAPH:
                yield from _unproduced_inputs(a.g, available, path + (tag, a.name))
            elif a.type == AttributeProto.GRAPHS:
                for k, g in enumerate(a.graphs):
                    yield from _unproduced_inputs(g, available, path + (tag, f"{a.name}[{k}]"))
        available.update(o for o in n.output if o)


def _checker_error(view) -> str | None:
    """The full checker's first error on the weightless model, on one line; None when it passes."""
    try:
        onnx.checker.check_model(view.checker_model, full_check=True)
    except Exception as e:  # noqa: BLE001 - ValidationError, InferenceError, and ValueError from its Python side
        text = " ".join(str(e).split())
        return text or type(e).__name__
    return None


def _named_node(view, message: str):
    for pattern in _NODE_NAME:
        m = pattern.search(message)
        if m and m.group(1):
            for ref in view.nodes:
                if ref.name == m.group(1):
                    return ref
    return None
