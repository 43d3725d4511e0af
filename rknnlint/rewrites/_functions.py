"""Expanding ops that ONNX defines as functions (Gelu 20, AffineGrid 20, RMSNormalization 23, ...) into
ops of older opsets, so that a model above the toolkit's opset window can be converted down: those ops have
no older version, and onnx.version_converter stops on them ("No Previous Version of Gelu exists").

The body is the one ONNX's schema gives (`function_body`, or the context-dependent one built for the node's
input types), inlined with fresh names; CastLike of a constant becomes a constant of the input's type (the
body's opset has CastLike, opset 13 has not). Gelu is written the way the TorchScript exporter writes it
(x * (Erf(x / sqrt 2) + 1) * 0.5, or the tanh form), which is the pattern rknn-toolkit2's own GELU fusion
matches: the ONNX body ordered the multiplies differently, and the fused-away Erf then ran on the CPU.
"""
from __future__ import annotations

import math

import numpy as np
import onnx
from onnx import helper, numpy_helper

from ._base import NameMaker, elem_types, tag


def _schema(op: str, version: int, domain: str = ""):
    try:
        return onnx.defs.get_schema(op, version, domain)
    except onnx.defs.SchemaError:
        return None


def first_version(op: str, domain: str = "") -> int | None:
    """The opset an op was introduced in (None for unknown ops)."""
    s = _schema(op, 10**4, domain)
    if s is None:
        return None
    v = s.since_version
    while True:
        prev = _schema(op, v - 1, domain)
        if prev is None:
            return v
        v = prev.since_version


# Ops whose newest version changed the meaning of an input with no down-adapter in onnx.version_converter:
# op -> the opset of that version. GroupNormalization 21 takes scale and bias per channel, 18 per group.
_REDEFINED = {"GroupNormalization": 21}


def needs_expansion(model: onnx.ModelProto, hi: int) -> list[onnx.NodeProto]:
    """Main-graph default-domain nodes whose op did not exist at opset `hi`, or whose version in the model
    means something else at `hi` (_REDEFINED)."""
    opset = next((o.version for o in model.opset_import if o.domain in ("", "ai.onnx")), 0)
    out = []
    for n in model.graph.node:
        if n.domain in ("", "ai.onnx"):
            v = first_version(n.op_type)
            if v is not None and v > hi or opset >= _REDEFINED.get(n.op_type, 10**4) > hi:
                out.append(n)
    return out


def _const(name: str, value: np.ndarray) -> onnx.NodeProto:
    return helper.make_node("Constant", [], [name], name=name, value=numpy_helper.from_array(value, name))


def _gelu(node: onnx.NodeProto, dtype: np.dtype, fresh: NameMaker) -> list[onnx.NodeProto]:
    """Gelu as the TorchScript exporter writes it (the pattern the toolkit fuses)."""
    x, y = node.input[0], node.output[0]
    approx = next((helper.get_attribute_value(a) for a in node.attribute if a.name == "approximate"), b"none")
    approx = approx.decode() if isinstance(approx, bytes) else approx
    c = lambda v, hint: _const(fresh(hint), np.asarray(v, dtype=dtype))  # noqa: E731
    t = lambda hint: fresh(hint)  # noqa: E731
    out: list[onnx.NodeProto] = []

    def op(kind: str, inputs: list[str], hint: str, output: str | None = None) -> str:
        o = output or t(hint)
        out.append(helper.make_node(kind, inputs, [o], name=fresh(kind)))
        return o

    def k(v, hint: str) -> str:
        node_ = c(v, hint)
        out.append(node_)
        return node_.output[0]

    if approx == "tanh":
        cube = op("Pow", [x, k(3.0, "three")], "cube")
        inner = op("Add", [x, op("Mul", [cube, k(0.044715, "c0")], "c0_cube")], "inner")
        th = op("Tanh", [op("Mul", [inner, k(math.sqrt(2.0 / math.pi), "sqrt_2_pi")], "scaled")], "tanh")
        phi = op("Add", [th, k(1.0, "one")], "phi")
    else:
        erf = op("Erf", [op("Div", [x, k(math.sqrt(2.0), "sqrt2")], "div")], "erf")
        phi = op("Add", [erf, k(1.0, "one")], "phi")
    op("Mul", [op("Mul", [x, phi], "xphi"), k(0.5, "half")], "gelu", output=y)
    return out


def _rms(node: onnx.NodeProto, dtype: np.dtype, rank: int, fresh: NameMaker) -> list[onnx.NodeProto]:
    """RMSNormalization: x / Sqrt(ReduceMean(x * x over axis..rank-1) + epsilon) * scale. ONNX 1.18's own body
    feeds 1-D tensors to Range, which onnxruntime refuses."""
    x, scale, y = node.input[0], node.input[1], node.output[0]
    axis = next((helper.get_attribute_value(a) for a in node.attribute if a.name == "axis"), -1)
    eps = next((helper.get_attribute_value(a) for a in node.attribute if a.name == "epsilon"), 1e-5)
    axis = axis % rank
    sq, mean, var, rms, norm = (fresh(h) for h in ("sq", "mean", "var", "rms", "norm"))
    axes, e = _const(fresh("axes"), np.arange(axis, rank, dtype=np.int64)), _const(fresh("eps"), np.asarray(eps, dtype))
    return [axes, e,
            helper.make_node("Mul", [x, x], [sq], name=fresh("Mul")),
            helper.make_node("ReduceMean", [sq, axes.output[0]], [mean], name=fresh("ReduceMean"), keepdims=1),
            helper.make_node("Add", [mean, e.output[0]], [var], name=fresh("Add")),
            helper.make_node("Sqrt", [var], [rms], name=fresh("Sqrt")),
            helper.make_node("Div", [x, rms], [norm], name=fresh("Div")),
            helper.make_node("Mul", [norm, scale], [y], name=fresh("Mul"))]


def _affine_base(sizes: list[int], align_corners: bool, dtype: np.dtype) -> np.ndarray:
    """AffineGrid's base grid, [prod(sizes), k + 1]: per output position (x, y[, z], 1), x along the last
    spatial axis; coordinates in [-1, 1] at pixel centres, or at the corners with align_corners."""
    axes = []
    for n in sizes:
        i = np.arange(n, dtype=np.float64)
        if align_corners:
            axes.append(-1 + 2 * i / (n - 1))
        else:
            axes.append((2 * i + 1) / n - 1)
    mesh = np.meshgrid(*axes, indexing="ij")  # (z,) y, x
    cols = [m.reshape(-1) for m in reversed(mesh)] + [np.ones(int(np.prod(sizes)))]
    return np.stack(cols, 1).astype(dtype)


def _affine_grid(node: onnx.NodeProto, size: np.ndarray, dtype: np.dtype, fresh: NameMaker) -> list[onnx.NodeProto]:
    """AffineGrid(theta, size) with a constant size: MatMul(base grid [D*H*W, k+1], theta^T [N, k+1, k]) reshaped
    to [N, (D,) H, W, k], the computation ONNX defines (x' = theta @ (x, y, 1)), in opset-13 ops."""
    align = bool(next((helper.get_attribute_value(a) for a in node.attribute if a.name == "align_corners"), 0))
    sizes = [int(v) for v in size.reshape(-1)]
    if align and 1 in sizes[2:]:  # a single position with align_corners: torch says 0, onnxruntime +1, ONNX's reference -1
        raise ValueError("AffineGrid with align_corners=1 over a size-1 axis is defined differently by onnxruntime, "
                         "ONNX's reference and torch: not expanded")
    n, spatial = sizes[0], sizes[2:]
    base, perm, prod, shape = (fresh(h) for h in ("affine_base", "theta_t", "affine_flat", "affine_shape"))
    return [_const(base, _affine_base(spatial, align, dtype)),
            helper.make_node("Transpose", [node.input[0]], [perm], name=fresh("Transpose"), perm=[0, 2, 1]),
            helper.make_node("MatMul", [base, perm], [prod], name=fresh("MatMul")),
            _const(shape, np.asarray([n, *spatial, len(spatial)], np.int64)),
            helper.make_node("Reshape", [prod, shape], [node.output[0]], name=fresh("Reshape"))]


def _group_norm(node: onnx.NodeProto, rank: int, fresh: NameMaker) -> list[onnx.NodeProto]:
    """GroupNormalization 21 (scale and bias per channel) as the TorchScript exporter writes GroupNorm:
    Reshape [N, G, -1] -> InstanceNormalization (unit scale, zero bias) -> Reshape back -> Mul scale -> Add bias,
    scale and bias reshaped to [C, 1, ...]. In float32, as stash_type 1 (the default) computes."""
    x, scale, bias, y = node.input[0], node.input[1], node.input[2], node.output[0]
    attr = {a.name: helper.get_attribute_value(a) for a in node.attribute}
    groups, eps = int(attr["num_groups"]), float(attr.get("epsilon", 1e-5))
    g3, shp, inorm, back, cshape, s_c, b_c, scaled = (fresh(h) for h in (
        "gn_groups", "gn_shape", "gn_norm", "gn_back", "gn_cshape", "gn_scale", "gn_bias", "gn_scaled"))
    ones, zeros, gshape, cs = (fresh(h) for h in ("gn_ones", "gn_zeros", "gn_gshape", "gn_cs"))
    return [_const(gshape, np.asarray([0, groups, -1], np.int64)),
            _const(ones, np.ones(groups, np.float32)), _const(zeros, np.zeros(groups, np.float32)),
            _const(cs, np.asarray([-1] + [1] * (rank - 2), np.int64)),
            helper.make_node("Reshape", [x, gshape], [g3], name=fresh("Reshape")),
            helper.make_node("InstanceNormalization", [g3, ones, zeros], [inorm], name=fresh("InstanceNormalization"),
                             epsilon=eps),
            helper.make_node("Shape", [x], [shp], name=fresh("Shape")),
            helper.make_node("Reshape", [inorm, shp], [back], name=fresh("Reshape")),
            helper.make_node("Reshape", [scale, cs], [s_c], name=fresh("Reshape")),
            helper.make_node("Reshape", [bias, cs], [b_c], name=fresh("Reshape")),
            helper.make_node("Mul", [back, s_c], [scaled], name=fresh("Mul")),
            helper.make_node("Add", [scaled, b_c], [y], name=fresh("Add"))]


def _constant_value(model: onnx.ModelProto, name: str) -> np.ndarray | None:
    for t in model.graph.initializer:
        if t.name == name:
            return numpy_helper.to_array(t)
    for n in model.graph.node:
        if n.op_type == "Constant" and list(n.output) == [name]:
            a = next((x for x in n.attribute if x.name in ("value", "value_ints")), None)
            if a is not None:
                return numpy_helper.to_array(a.t) if a.name == "value" else np.asarray(a.ints, np.int64)
    return None


def _rank(model: onnx.ModelProto, name: str) -> int | None:
    for vi in list(model.graph.input) + list(model.graph.value_info) + list(model.graph.output):
        if vi.name == name and vi.type.tensor_type.HasField("shape"):
            return len(vi.type.tensor_type.shape.dim)
    return None


def _body(node: onnx.NodeProto, types: dict[str, int], shapes_model: onnx.ModelProto, opset: int) -> onnx.FunctionProto:
    schema = onnx.defs.get_schema(node.op_type, opset, node.domain)
    if schema.has_function:
        return schema.function_body
    if not schema.has_context_dependent_function:
        raise ValueError(f"{node.op_type} has no function body in ONNX")
    vis = {vi.name: vi for vi in list(shapes_model.graph.input) + list(shapes_model.graph.value_info)}
    inits = {t.name: t for t in shapes_model.graph.initializer}
    arg_types = []
    for i in node.input:
        if i in vis:
            arg_types.append(vis[i].type.SerializeToString())
        elif i in inits:
            arg_types.append(helper.make_tensor_type_proto(inits[i].data_type, list(inits[i].dims)).SerializeToString())
        elif i:
            arg_types.append(helper.make_tensor_type_proto(types.get(i, onnx.TensorProto.FLOAT), None).SerializeToString())
        else:
            arg_types.append(onnx.TypeProto().SerializeToString())
    f = onnx.FunctionProto()
    f.ParseFromString(schema.get_context_dependent_function(node.SerializeToString(), arg_types))
    return f


def _inline(node: onnx.NodeProto, body: onnx.FunctionProto, schema, fresh: NameMaker) -> list[onnx.NodeProto]:
    """The body's nodes with the node's inputs / outputs / attributes substituted and fresh inner names."""
    names: dict[str, str] = {"": ""}
    for formal, actual in zip(body.input, node.input):
        names[formal] = actual
    for formal in list(body.input)[len(node.input):]:
        names[formal] = ""
    for formal, actual in zip(body.output, node.output):
        names[formal] = actual
    attrs = {a.name: a for a in node.attribute}
    for name, spec in schema.attributes.items():
        if name not in attrs and spec.default_value.name:
            attrs[name] = spec.default_value
    out = []
    for b in body.node:
        n = onnx.NodeProto()
        n.CopyFrom(b)
        if any(a.type in (onnx.AttributeProto.GRAPH, onnx.AttributeProto.GRAPHS) for a in n.attribute):
            raise ValueError(f"the body of {node.op_type} has a subgraph")
        for lst in (n.input, n.output):
            for i, v in enumerate(lst):
                if v not in names:
                    names[v] = fresh(v)
                lst[i] = names[v]
        kept = []
        for a in n.attribute:
            if a.ref_attr_name:
                if a.ref_attr_name not in attrs:
                    continue
                new = onnx.AttributeProto()
                new.CopyFrom(attrs[a.ref_attr_name])
                new.name = a.name
                kept.append(new)
            else:
                kept.append(a)
        del n.attribute[:]
        n.attribute.extend(kept)
        n.name = fresh(n.op_type)
        out.append(n)
    return out


def _cast_like_constants(nodes: list[onnx.NodeProto], types: dict[str, int]) -> list[onnx.NodeProto]:
    """CastLike(Constant c, x) -> Constant c in x's element type (x's type is known; the value is not needed)."""
    consts = {n.output[0]: n for n in nodes if n.op_type == "Constant" and len(n.output) == 1}
    known = dict(types)
    out = []
    for n in nodes:
        if n.op_type == "CastLike" and n.input[0] in consts and known.get(n.input[1]):
            src = consts[n.input[0]]
            a = next(x for x in src.attribute if x.name.startswith("value"))
            val = np.asarray(helper.get_attribute_value(a))
            if isinstance(helper.get_attribute_value(a), onnx.TensorProto):
                val = numpy_helper.to_array(a.t)
            dt = helper.tensor_dtype_to_np_dtype(known[n.input[1]])
            out.append(_const(n.output[0], val.astype(dt)))
            known[n.output[0]] = known[n.input[1]]
            continue
        out.append(n)
        if n.op_type in ("Constant",) and n.output:
            a = next((x for x in n.attribute if x.name == "value"), None)
            if a is not None:
                known[n.output[0]] = a.t.data_type
    return out


def expand(model: onnx.ModelProto, hi: int, codes: tuple[str, ...] = ()) -> tuple[onnx.ModelProto, list[str]]:
    """A copy of the model whose ops newer than opset `hi` are replaced by their ONNX function bodies (Gelu
    by the TorchScript pattern), and the op types expanded. ValueError when one has no body."""
    todo = needs_expansion(model, hi)
    if not todo:
        return model, []
    from ._base import copy_model, infer, opset_of

    opset = opset_of(model)
    inferred = infer(model)
    types = elem_types(model)
    out = copy_model(model)
    fresh = NameMaker(out, "expand")
    ids = {id(n) for n in todo}
    index = [i for i, n in enumerate(model.graph.node) if id(n) in ids]
    new_nodes: list[onnx.NodeProto] = []
    done: list[str] = []
    for i, n in enumerate(out.graph.node):
        if i not in index:
            new_nodes.append(n)
            continue
        if n.op_type == "Gelu":
            dt = helper.tensor_dtype_to_np_dtype(types.get(n.input[0], onnx.TensorProto.FLOAT))
            body = _gelu(n, np.dtype(dt), fresh)
        elif n.op_type == "RMSNormalization" and _rank(inferred, n.input[0]) and \
                types.get(n.input[0]) in (onnx.TensorProto.FLOAT, onnx.TensorProto.FLOAT16) and \
                (len(n.output) == 1 or not any(n.output[1:])):
            dt = helper.tensor_dtype_to_np_dtype(types[n.input[0]])
            body = _rms(n, np.dtype(dt), _rank(inferred, n.input[0]), fresh)
        elif n.op_type == "GroupNormalization" and _rank(inferred, n.input[0]) and \
                types.get(n.input[0]) == onnx.TensorProto.FLOAT and \
                any(a.name == "num_groups" for a in n.attribute):
            body = _group_norm(n, _rank(inferred, n.input[0]), fresh)
        elif n.op_type == "AffineGrid" and _constant_value(model, n.input[1]) is not None:
            dt = helper.tensor_dtype_to_np_dtype(types.get(n.input[0], onnx.TensorProto.FLOAT))
            body = _affine_grid(n, _constant_value(model, n.input[1]), np.dtype(dt), fresh)
        else:
            schema = onnx.defs.get_schema(n.op_type, opset, n.domain)
            body = _cast_like_constants(_inline(n, _body(n, types, inferred, opset), schema, fresh), types)
            left = sorted({b.op_type for b in body if (first_version(b.op_type) or 0) > hi})
            if left:
                raise ValueError(f"the body of {n.op_type} uses {', '.join(left)}, also newer than opset {hi}")
        for b in body:
            tag(b, "convert-opset", codes)
        new_nodes.extend(body)
        done.append(n.op_type)
    del out.graph.node[:]
    out.graph.node.extend(new_nodes)
    if set(done) - {"Gelu", "RMSNormalization", "AffineGrid"} or "GroupNormalization" in done:  # bodies compute axes from Shape / Size / Range: constant once shapes are static
        from ._gs import fold_and_clean

        out = fold_and_clean(out, 1 << 22, "convert-opset", codes)
    return out, done
