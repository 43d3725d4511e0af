"""Removing control flow whose outcome is known: an If whose condition is a constant becomes the nodes of the
taken branch; a Loop with a constant trip count and a condition that stays true is unrolled. Both are exact:
the same nodes compute the same values, only without the If / Loop around them.

Names: a branch's (or loop body's) own tensors get fresh names; names it reads from the outer scope stay;
an output the branch takes straight from the outer scope (or from its own initializer) becomes an Identity.
"""
from __future__ import annotations

import numpy as np
import onnx
from onnx import helper, numpy_helper

from ._base import NameMaker, opset_of, tag

MAX_UNROLL = 64  # iterations
MAX_UNROLLED_NODES = 20000  # body nodes x iterations


def _subgraphs(node: onnx.NodeProto):
    for a in node.attribute:
        if a.type == onnx.AttributeProto.GRAPH:
            yield a.g
        elif a.type == onnx.AttributeProto.GRAPHS:
            yield from a.graphs


def _rename_reads(g: onnx.GraphProto, names: dict[str, str]) -> None:
    """Rename the outer-scope names a nested subgraph reads (its own names shadow)."""
    own = {i.name for i in g.input} | {t.name for t in g.initializer} | {o for n in g.node for o in n.output}
    local = {k: v for k, v in names.items() if k not in own}
    for n in g.node:
        for k, i in enumerate(n.input):
            if i in local:
                n.input[k] = local[i]
        for sg in _subgraphs(n):
            _rename_reads(sg, local)
    for o in g.output:
        if o.name in local:
            o.name = local[o.name]


def _copy_body(body: onnx.GraphProto, names: dict[str, str], fresh: NameMaker, prefix: str,
               rewrite: str, codes: tuple[str, ...]) -> tuple[list[onnx.NodeProto], list[onnx.TensorProto]]:
    """The body's nodes and initializers with local names renamed (`names` is extended in place)."""
    for t in body.initializer:
        names.setdefault(t.name, fresh(f"{prefix}{t.name}"))
    for n in body.node:
        for o in n.output:
            if o:
                names.setdefault(o, fresh(f"{prefix}{o}"))
    inits = []
    for t in body.initializer:
        c = onnx.TensorProto()
        c.CopyFrom(t)
        c.name = names[t.name]
        inits.append(c)
    out = []
    for b in body.node:
        n = onnx.NodeProto()
        n.CopyFrom(b)
        for lst in (n.input, n.output):
            for k, v in enumerate(lst):
                if v in names:
                    lst[k] = names[v]
        for sg in _subgraphs(n):
            _rename_reads(sg, names)
        n.name = fresh(f"{prefix}{b.name or b.op_type}")
        tag(n, rewrite, codes)
        out.append(n)
    return out, inits


def _bind_outputs(nodes: list[onnx.NodeProto], produced: list[str], targets: list[str], fresh: NameMaker,
                  rewrite: str, codes: tuple[str, ...]) -> list[onnx.NodeProto]:
    """Make `targets[k]` hold `produced[k]`: by renaming the producing node's output when it is made by one of
    `nodes` (once), else with an Identity."""
    makers = {o: (n, k) for n in nodes for k, o in enumerate(n.output)}
    used = {i for n in nodes for i in n.input} | {i for n in nodes for sg in _subgraphs(n) for i in _reads(sg)}
    taken: set[str] = set()
    extra = []
    for src, dst in zip(produced, targets):
        if not dst:
            continue
        if src in makers and src not in taken and src not in used and produced.count(src) == 1:
            node, k = makers[src]
            node.output[k] = dst
            taken.add(src)
        else:
            extra.append(helper.make_node("Identity", [src], [dst], name=fresh("Identity")))
            tag(extra[-1], rewrite, codes)
    return extra


def _reads(g: onnx.GraphProto) -> set[str]:
    out = set()
    for n in g.node:
        out.update(n.input)
        for sg in _subgraphs(n):
            out.update(_reads(sg))
    out.update(o.name for o in g.output)
    return out


def _scalar(values: dict[str, np.ndarray], name: str):
    if not name:
        return None
    v = values.get(name)
    if v is None or v.size != 1:
        return None
    return v.reshape(()).item()


def inline_if(node: onnx.NodeProto, cond: bool, fresh: NameMaker, rewrite: str, codes: tuple[str, ...]):
    """(nodes, initializers) replacing an If whose condition is `cond`."""
    branch = next(a.g for a in node.attribute if a.name == ("then_branch" if cond else "else_branch"))
    names: dict[str, str] = {}
    nodes, inits = _copy_body(branch, names, fresh, "if/", rewrite, codes)
    produced = [names.get(o.name, o.name) for o in branch.output]
    nodes += _bind_outputs(nodes, produced, list(node.output), fresh, rewrite, codes)
    return nodes, inits


def _loop_plan(node: onnx.NodeProto, values: dict[str, np.ndarray]) -> tuple[int, str] | tuple[None, str]:
    """(trip count, '') when the Loop can be unrolled, else (None, why)."""
    body = next(a.g for a in node.attribute if a.name == "body")
    trips = _scalar(values, node.input[0]) if len(node.input) > 0 else None
    if trips is None:
        return None, "its trip count is not constant"
    cond = _scalar(values, node.input[1]) if len(node.input) > 1 and node.input[1] else True
    if cond is None or not cond:
        return None, "its start condition is not constant true"
    cond_in, cond_out = body.input[1].name, body.output[0].name
    body_consts = {n.output[0]: n for n in body.node if n.op_type == "Constant"}
    inits = {t.name: t for t in body.initializer}
    made = {o: n for n in body.node for o in n.output}
    stays = cond_out == cond_in or (cond_out in made and made[cond_out].op_type == "Identity"
                                    and made[cond_out].input[0] == cond_in)
    if not stays:
        if cond_out in inits:
            stays = bool(numpy_helper.to_array(inits[cond_out]).all())
        elif cond_out in body_consts:
            a = next(x for x in body_consts[cond_out].attribute if x.name == "value")
            stays = bool(numpy_helper.to_array(a.t).all())
        elif cond_out in values:
            stays = bool(np.asarray(values[cond_out]).all())
    if not stays:
        return None, "its body can stop early (the condition it computes is not constant true)"
    trips = int(trips)
    if trips < 1 or trips > MAX_UNROLL or trips * len(body.node) > MAX_UNROLLED_NODES:
        return None, f"its trip count {trips} is outside 1-{MAX_UNROLL}"
    return trips, ""


def unroll_loop(node: onnx.NodeProto, trips: int, fresh: NameMaker, opset: int, rewrite: str,
                codes: tuple[str, ...]):
    """(nodes, initializers) replacing a Loop that runs `trips` times with a condition that stays true."""
    body = next(a.g for a in node.attribute if a.name == "body")
    n_carried = len(node.input) - 2
    carried = list(node.input[2:])
    scans: list[list[str]] = [[] for _ in range(len(body.output) - 1 - n_carried)]
    nodes: list[onnx.NodeProto] = []
    inits: list[onnx.TensorProto] = []
    true = fresh("loop/true")
    inits.append(numpy_helper.from_array(np.array(True), true))
    for k in range(trips):
        it = fresh(f"loop/iter{k}")
        inits.append(numpy_helper.from_array(np.array(k, dtype=np.int64), it))
        names = {body.input[0].name: it, body.input[1].name: true}
        for vi, cur in zip(body.input[2:], carried):
            names[vi.name] = cur
        part, part_inits = _copy_body(body, names, fresh, f"loop{k}/", rewrite, codes)
        nodes += part
        inits += part_inits
        outs = [names.get(o.name, o.name) for o in body.output]
        carried = outs[1:1 + n_carried]
        for s, name in zip(scans, outs[1 + n_carried:]):
            s.append(name)
    # the Loop's outputs: final carried values, then scan outputs stacked on a new axis 0
    results = list(carried)
    for s in scans:
        parts = []
        for name in s:
            u = fresh("loop/unsqueeze")
            if opset >= 13:
                axes = fresh("loop/axes")
                inits.append(numpy_helper.from_array(np.array([0], dtype=np.int64), axes))
                nodes.append(helper.make_node("Unsqueeze", [name, axes], [u], name=fresh("Unsqueeze")))
            else:
                nodes.append(helper.make_node("Unsqueeze", [name], [u], name=fresh("Unsqueeze"), axes=[0]))
            parts.append(u)
        cat = fresh("loop/stack")
        nodes.append(helper.make_node("Concat", parts, [cat], name=fresh("Concat"), axis=0))
        results.append(cat)
    for n in nodes:
        if not n.doc_string:
            tag(n, rewrite, codes)
    nodes += _bind_outputs(nodes, results, list(node.output), fresh, rewrite, codes)
    return nodes, inits


def deciding_constants(model: onnx.ModelProto) -> dict[str, np.ndarray]:
    """Values of the initializers and Constants that decide an If or a Loop of the main graph (conditions, trip
    counts): only those are read, not the weights."""
    want = set()
    for n in model.graph.node:
        if n.op_type == "If":
            want.add(n.input[0])
        elif n.op_type == "Loop":
            want.update(n.input[:2])
    want.discard("")
    if not want:
        return {}
    out = {t.name: numpy_helper.to_array(t) for t in model.graph.initializer if t.name in want}
    for n in model.graph.node:
        if n.op_type == "Constant" and n.output and n.output[0] in want:
            a = n.attribute[0]
            out[n.output[0]] = numpy_helper.to_array(a.t) if a.name == "value" else \
                np.asarray(helper.get_attribute_value(a))
    return out


def fold_control_flow(model: onnx.ModelProto, values: dict[str, np.ndarray] | None, rewrite: str,
                      codes: tuple[str, ...] = ()) -> tuple[onnx.ModelProto, list[str], list[str]]:
    """Main-graph If nodes with a constant condition inlined and Loops with a constant trip count unrolled, in
    `model` (edited in place: the caller's copy); `values` are the constants known so far (None: read them).
    Returns the model, what was done, and why other If / Loop nodes stay."""
    if not any(n.op_type in ("If", "Loop") for n in model.graph.node):
        return model, [], []
    if values is None:
        values = deciding_constants(model)
    fresh = NameMaker(model, "cf")
    opset = opset_of(model)
    done: list[str] = []
    stays: list[str] = []
    new_nodes: list[onnx.NodeProto] = []
    new_inits: list[onnx.TensorProto] = []
    for n in model.graph.node:
        if n.domain not in ("", "ai.onnx") or n.op_type not in ("If", "Loop"):
            new_nodes.append(n)
            continue
        label = f"{n.op_type} '{n.name or n.output[0]}'"
        if n.op_type == "If":
            cond = _scalar(values, n.input[0])
            if cond is None:
                stays.append(f"{label}: its condition is not constant")
                new_nodes.append(n)
                continue
            part, inits = inline_if(n, bool(cond), fresh, rewrite, codes)
            done.append(f"{label} -> its {'then' if cond else 'else'} branch ({len(part)} node(s))")
        else:
            trips, why = _loop_plan(n, values)
            if trips is None:
                stays.append(f"{label}: {why}")
                new_nodes.append(n)
                continue
            part, inits = unroll_loop(n, trips, fresh, opset, rewrite, codes)
            done.append(f"{label} unrolled x{trips} ({len(part)} node(s))")
        new_nodes += part
        new_inits += inits
    if done:
        del model.graph.node[:]
        model.graph.node.extend(new_nodes)
        model.graph.initializer.extend(new_inits)
    return model, done, stays
