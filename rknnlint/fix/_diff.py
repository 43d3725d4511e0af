"""`rknnlint fix --diff`: what a fix changed in the graph, without writing anything."""
from __future__ import annotations

import onnx

LIMIT = 40


def _keys(graph: onnx.GraphProto) -> dict[str, onnx.NodeProto]:
    names = [n.name for n in graph.node]
    dup = {n for n in names if n and names.count(n) > 1}
    out = {}
    for n in graph.node:
        key = n.name if n.name and n.name not in dup else f"{n.op_type}->{n.output[0] if n.output else '?'}"
        out[key] = n
    return out


def _vi(vi: onnx.ValueInfoProto) -> str:
    t = vi.type.tensor_type
    dt = onnx.helper.tensor_dtype_to_np_dtype(t.elem_type).name if t.elem_type else "?"
    if not t.HasField("shape"):
        return f"'{vi.name}' {dt} [?]"
    dims = [str(d.dim_value) if d.HasField("dim_value") else (d.dim_param or "?") for d in t.shape.dim]
    return f"'{vi.name}' {dt} [{','.join(dims)}]"


def _interface(graph: onnx.GraphProto, which: str) -> list[str]:
    inits = {t.name for t in graph.initializer}
    vis = graph.input if which == "input" else graph.output
    return [_vi(v) for v in vis if v.name not in inits]


def _label(n: onnx.NodeProto) -> str:
    return f"{n.op_type} '{n.name or n.output[0]}'"


def _attrs(n: onnx.NodeProto) -> dict[str, str]:
    out = {}
    for a in n.attribute:
        if a.type in (onnx.AttributeProto.GRAPH, onnx.AttributeProto.GRAPHS):
            out[a.name] = "<graph>"
        elif a.type == onnx.AttributeProto.TENSOR:
            out[a.name] = f"<tensor {list(a.t.dims)}>"
        else:
            out[a.name] = str(onnx.helper.get_attribute_value(a))
    return out


def diff_lines(before: onnx.ModelProto, after: onnx.ModelProto, tail: onnx.ModelProto | None = None,
               tail_name: str = "") -> list[str]:
    """Human-readable lines: interface before/after, nodes removed, added, rewired."""
    lines: list[str] = []
    ops_b = {o.domain or "ai.onnx": o.version for o in before.opset_import}
    ops_a = {o.domain or "ai.onnx": o.version for o in after.opset_import}
    if ops_b != ops_a or before.ir_version != after.ir_version:
        lines.append(f"opset {ops_b.get('ai.onnx')} -> {ops_a.get('ai.onnx')}, IR {before.ir_version} -> {after.ir_version}")
    for which in ("input", "output"):
        b, a = _interface(before.graph, which), _interface(after.graph, which)
        if b != a:
            lines.append(f"{which}s before: " + ", ".join(b))
            lines.append(f"{which}s after:  " + ", ".join(a))
    kb, ka = _keys(before.graph), _keys(after.graph)
    removed = [k for k in kb if k not in ka]
    added = [k for k in ka if k not in kb]
    changed = []
    for k in kb:
        if k in ka:
            nb, na = kb[k], ka[k]
            what = []
            if list(nb.input) != list(na.input):
                for i, (x, y) in enumerate(zip(nb.input, na.input)):
                    if x != y:
                        what.append(f"input {i} '{x}' -> '{y}'")
                if len(nb.input) != len(na.input):
                    what.append(f"{len(nb.input)} -> {len(na.input)} inputs")
            if list(nb.output) != list(na.output):
                what.append(f"outputs {list(nb.output)} -> {list(na.output)}")
            if nb.op_type != na.op_type:
                what.append(f"op {nb.op_type} -> {na.op_type}")
            ab, aa = _attrs(nb), _attrs(na)
            for name in sorted(set(ab) | set(aa)):
                if ab.get(name) != aa.get(name):
                    what.append(f"{name} {ab.get(name, '(none)')} -> {aa.get(name, '(none)')}")
            if what:
                changed.append(f"~ {_label(na)}: " + "; ".join(what))
    ib = {t.name for t in before.graph.initializer}
    ia = {t.name for t in after.graph.initializer}
    lines.append(f"nodes: {len(removed)} removed, {len(added)} added, {len(changed)} rewired or changed; "
                 f"initializers: {len(ib - ia)} removed, {len(ia - ib)} added")
    body = [f"- {_label(kb[k])}" for k in removed] + [f"+ {_label(ka[k])}" for k in added] + changed
    lines.extend("  " + x for x in body[:LIMIT])
    if len(body) > LIMIT:
        lines.append(f"  ... and {len(body) - LIMIT} more")
    if tail is not None:
        lines.append(f"post-processing tail{f' ({tail_name})' if tail_name else ''}: {len(tail.graph.node)} node(s); "
                     f"inputs {', '.join(_interface(tail.graph, 'input'))}; outputs {', '.join(_interface(tail.graph, 'output'))}")
    return lines


def _vi_dict(vi: onnx.ValueInfoProto) -> dict:
    t = vi.type.tensor_type
    dt = onnx.helper.tensor_dtype_to_np_dtype(t.elem_type).name if t.elem_type else None
    shape = ([d.dim_value if d.HasField("dim_value") else (d.dim_param or None) for d in t.shape.dim]
             if t.HasField("shape") else None)
    return {"name": vi.name, "dtype": dt, "shape": shape}


def _interface_dicts(graph: onnx.GraphProto, which: str) -> list[dict]:
    inits = {t.name for t in graph.initializer}
    return [_vi_dict(v) for v in (graph.input if which == "input" else graph.output) if v.name not in inits]


def diff_dict(before: onnx.ModelProto, after: onnx.ModelProto, tail: onnx.ModelProto | None = None,
              tail_name: str = "") -> dict:
    """The same comparison as diff_lines as data (fix --format json, docs/schemas/fix.schema.json): every node
    removed, added or changed (no limit), the interface before and after when it changed, the tail."""
    ops_b = {o.domain or "ai.onnx": o.version for o in before.opset_import}
    ops_a = {o.domain or "ai.onnx": o.version for o in after.opset_import}
    out: dict = {"opset": None, "ir_version": None, "inputs": None, "outputs": None}
    if ops_b.get("ai.onnx") != ops_a.get("ai.onnx"):
        out["opset"] = {"before": ops_b.get("ai.onnx"), "after": ops_a.get("ai.onnx")}
    if before.ir_version != after.ir_version:
        out["ir_version"] = {"before": before.ir_version, "after": after.ir_version}
    for which in ("input", "output"):
        b, a = _interface_dicts(before.graph, which), _interface_dicts(after.graph, which)
        if b != a:
            out[f"{which}s"] = {"before": b, "after": a}
    kb, ka = _keys(before.graph), _keys(after.graph)

    def node(n: onnx.NodeProto) -> dict:
        return {"op_type": n.op_type, "name": n.name or None, "outputs": list(n.output)}

    changed = []
    for k in kb:
        if k not in ka:
            continue
        nb, na = kb[k], ka[k]
        what: dict = {}
        if list(nb.input) != list(na.input):
            what["inputs"] = {"before": list(nb.input), "after": list(na.input)}
        if list(nb.output) != list(na.output):
            what["outputs"] = {"before": list(nb.output), "after": list(na.output)}
        if nb.op_type != na.op_type:
            what["op_type"] = {"before": nb.op_type, "after": na.op_type}
        ab, aa = _attrs(nb), _attrs(na)
        attrs = {name: {"before": ab.get(name), "after": aa.get(name)} for name in sorted(set(ab) | set(aa))
                 if ab.get(name) != aa.get(name)}
        if attrs:
            what["attributes"] = attrs
        if what:
            changed.append({**node(na), "changes": what})
    ib = {t.name for t in before.graph.initializer}
    ia = {t.name for t in after.graph.initializer}
    out.update(nodes_removed=[node(kb[k]) for k in kb if k not in ka], nodes_added=[node(ka[k]) for k in ka if k not in kb],
               nodes_changed=changed, initializers_removed=sorted(ib - ia), initializers_added=sorted(ia - ib),
               tail=None)
    if tail is not None:
        out["tail"] = {"file": tail_name or None, "nodes": len(tail.graph.node),
                       "inputs": _interface_dicts(tail.graph, "input"), "outputs": _interface_dicts(tail.graph, "output")}
    return out
