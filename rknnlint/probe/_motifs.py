"""Motif probe: a minimal model per measured-in-context motif (rknnlint/motifs.py), built with the real toolkit.

The single-op probe puts each op between a Conv and a graph output; the toolkit decides layout ops by their
neighbours, so `rknnlint probe --motifs` builds each frequent *motif* of real exports instead: the run of layout /
LayerNorm / Linear nodes (motifs.run_of) with one op of the class in front of it and one op of each class after it,
at the sizes of the export it was mined from. A motif is a *spec* (plain JSON, rules/motifs/probe-motifs.json, written
by calibration/mine_motifs.py specs): the run's input shape, each node's op, attributes and constant inputs (integer
constants by value, float weights by shape), and the neighbour classes. The generated model names the run's nodes
`motif<i>`, so the layer table says where each one ran; `motifs.chain_key` of the generated model must give the
spec's key back, or the spec is skipped (the model would measure another motif).

Graph inputs are motifs too (kind "input"): the input's rank and dtype with the classes of its consumers; the
toolkit inserts a Reshape on some inputs (`Reshape:<input>_rs`), on the CPU.
"""
from __future__ import annotations

from typing import Any

import numpy as np
import onnx
from onnx import TensorProto, helper

from ._models import B, Case, _seed

F32 = np.float32
MOTIF_OP = "motif"  # Case.op of every motif case; Case.variant is the spec's id
_INT_CONST_MAX = 64  # integer constants up to this many values are kept by value (shapes, axes, perms)


def _attrs(node: onnx.NodeProto) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for a in node.attribute:
        v = helper.get_attribute_value(a)
        if isinstance(v, bytes):
            v = v.decode()
        elif isinstance(v, (list, tuple)):
            v = [x.decode() if isinstance(x, bytes) else x for x in v]
        if isinstance(v, (int, float, str)) or (isinstance(v, list) and all(isinstance(x, (int, float, str)) for x in v)):
            out[a.name] = v
    return out


def _static(shape) -> list[int] | None:
    """Dims with an open batch made 1; None when another dim is open."""
    if shape is None:
        return None
    out = []
    for i, d in enumerate(shape):
        if isinstance(d, int) and d > 0:
            out.append(d)
        elif i == 0:
            out.append(1)
        else:
            return None
    return out


def _opset(view) -> int:
    return next((o.version for o in view.model.opset_import if o.domain in ("", "ai.onnx")), 13)


def spec_of(view, run) -> dict[str, Any] | None:
    """The spec of one run of a real model (motifs.run_of), None when it cannot be rebuilt alone (open dims, computed
    shape inputs, a non-float input)."""
    from .. import motifs as M

    x = run[0].node.input[0]
    shape = _static(view.shape(x))
    if shape is None or view.dtype(x) not in (TensorProto.FLOAT, TensorProto.FLOAT16) or len(shape) < 2:
        return None
    nodes = []
    for ref in run:
        consts: dict[str, Any] = {}
        for k, name in enumerate(ref.node.input[1:], start=1):
            if not name:
                continue
            val = view.const_value(name)
            if val is None:
                if not view.is_constant(name):
                    return None  # a shape computed at run time
                s = _static(view.shape(name))
                if s is None:
                    return None
                consts[str(k)] = {"shape": s}
            elif np.issubdtype(val.dtype, np.integer) and val.size <= _INT_CONST_MAX:
                consts[str(k)] = {"int": val.astype(np.int64).tolist()}
            elif np.issubdtype(val.dtype, np.floating):
                consts[str(k)] = {"shape": list(val.shape)}
            else:
                return None
        nodes.append({"op": ref.op_type, "attrs": _attrs(ref.node), "consts": consts})
    last = run[-1].node.output[0]
    after = M._consumer_class(view, last).split("+")
    return {"kind": "chain", "key": M.chain_key(view, run), "opset": _opset(view), "x": shape, "before": M._producer_class(view, x),
            "after": after, "y": _static(view.shape(last)), "nodes": nodes}


def input_key(view, name: str) -> str | None:
    from .. import motifs as M

    return M.input_key(view, name)


def input_spec_of(view, name: str) -> dict[str, Any] | None:
    """The spec of a graph input's motif: its static shape, dtype and its consumers' classes."""
    shape = _static(view.shape(name))
    key = input_key(view, name)
    if shape is None or key is None:
        return None
    dt = view.dtype(name)
    if dt not in (TensorProto.FLOAT, TensorProto.FLOAT16, TensorProto.INT64):
        return None
    from .. import motifs as M

    after = sorted({M.op_class(u.op_type) for u in view.consumers.get(name, [])})
    return {"kind": "input", "key": key, "opset": _opset(view), "x": shape, "dtype": "int64" if dt == TensorProto.INT64 else "float32",
            "after": after}


# --------------------------------------------------------------------------------------------- model generation
class _NoModel(Exception):
    """The spec needs a neighbour this generator cannot make with the right shape."""


_FEED_CONV_MAX = 512  # channels up to which the feed is a 1x1 Conv (else an Add, to keep the model small)


def _feed(b: B, shape: list[int]) -> str:
    """A tensor of `shape` computed on the NPU from a 4-D graph input, as inside a network: input -> 1x1 Conv (an Add
    for very wide tensors) -> Reshape to `shape` when it is not 4-D. A run fed straight from a graph input of another
    rank is a different context (the toolkit inserts a layer on such inputs)."""
    r = len(shape)
    if r == 4:
        four = list(shape)
    elif r == 3:
        four = [shape[0], shape[1], shape[2], 1]
    elif r == 2:
        four = [shape[0], shape[1], 1, 1]
    else:
        four = [shape[0], shape[1], shape[2], int(np.prod(shape[3:]))]
    x = b.input(four, name="x" if not b.inputs else None, lo=-1.0)
    c = four[1]
    if c <= _FEED_CONV_MAX:
        w = b.rng.normal(0, 1.0 / np.sqrt(c), size=(c, c, 1, 1)).astype(F32)
        y = b.node("Conv", [x, b.const(w), b.const(np.zeros(c, F32))], kernel_shape=[1, 1])
    else:
        y = b.node("Add", [x, b.const(np.array(0.25, F32))])
    if r != 4:
        y = b.node("Reshape", [y, b.const(np.asarray(shape, np.int64))])
    return y


def _front(b: B, cls: str, shape: list[int]) -> str:
    """A computed tensor of `shape` made by one op of class `cls`, fed as inside a network (_feed); for class "in"
    the run reads the graph input itself."""
    r = len(shape)
    if cls == "in":
        return b.input(shape, name="x")
    if cls == "conv":
        if r != 4:
            raise _NoModel("conv in front of a non-4-D run")
        c = shape[1]
        x = b.input(shape, name="x")
        w = b.rng.normal(0, 0.3 / np.sqrt(9 * c), size=(c, c, 3, 3)).astype(F32)
        return b.node("Conv", [x, b.const(w), b.const(np.zeros(c, F32))], pads=[1, 1, 1, 1], kernel_shape=[3, 3])
    if cls == "mm":  # MatMul / Gemm are "layout" (motifs._CLASSES): an Einsum with a weight
        k = shape[-1]
        letters = "abcdefg"[:r - 1]
        return b.node("Einsum", [_feed(b, shape), b.rand([k, k], -0.2, 0.2)], equation=f"{letters}y,yz->{letters}z")
    if cls == "elt":
        return b.node("Add", [_feed(b, shape), b.const(np.array(0.5, F32))])
    if cls == "softmax":
        return b.node("Softmax", [_feed(b, shape)], axis=-1)
    if cls == "ln":
        d = shape[-1]
        return b.node("LayerNormalization", [_feed(b, shape), b.const(np.ones(d, F32)), b.const(np.zeros(d, F32))],
                      axis=-1)
    if cls == "norm" and r >= 2:
        c = shape[1]
        return b.node("BatchNormalization", [_feed(b, shape), b.const(np.ones(c, F32)), b.const(np.zeros(c, F32)),
                                             b.const(np.zeros(c, F32)), b.const(np.ones(c, F32))])
    if cls == "pool" and r == 4:
        return b.node("MaxPool", [_feed(b, shape)], kernel_shape=[3, 3], pads=[1, 1, 1, 1])
    if cls == "slice" and shape[1] >= 1:
        big = [shape[0], shape[1] * 2, *shape[2:]]
        return b.node("Slice", [_feed(b, big), b.const(np.array([0], np.int64)), b.const(np.array([shape[1]], np.int64)),
                                b.const(np.array([1], np.int64))])
    if cls == "concat" and any(d % 2 == 0 for d in shape[1:]):
        ax = next(i for i in range(1, r) if shape[i] % 2 == 0)
        half = [d // 2 if i == ax else d for i, d in enumerate(shape)]
        return b.node("Concat", [_feed(b, half), _feed(b, half)], axis=ax)
    if cls == "reduce":
        return b.node("ReduceMean", [_feed(b, [*shape, 2])], axes=[-1], keepdims=0)
    if cls == "layout" and r >= 2:  # a MatMul of two computed tensors (attention): not a Linear, so not in the run
        k = shape[-1]
        return b.node("MatMul", [_feed(b, shape), _feed(b, [k, k])])
    if cls == "resize" and r == 4 and shape[2] % 2 == 0 and shape[3] % 2 == 0:
        x = _feed(b, [shape[0], shape[1], shape[2] // 2, shape[3] // 2])
        return b.node("Resize", [x, "", b.const(np.array([1, 1, 2, 2], F32))], mode="nearest")
    raise _NoModel(f"no generator for a '{cls}' in front")


def _back(b: B, cls: str, y: str, shape: list[int] | None) -> None:
    """One consumer of class `cls` reading `y` (of `shape`), its output a graph output."""
    r = len(shape) if shape else 0
    if cls == "out":
        b.outputs.append(y)
        return
    if cls == "conv" and r == 4:
        c = shape[1]
        w = b.rng.normal(0, 0.3 / np.sqrt(c), size=(c, c, 1, 1)).astype(F32)
        out = b.node("Conv", [y, b.const(w), b.const(np.zeros(c, F32))], kernel_shape=[1, 1], prefix="post_")
    elif cls == "conv" and r == 3:  # a 1-D convolution
        c = shape[1]
        w = b.rng.normal(0, 0.3 / np.sqrt(c), size=(c, c, 1)).astype(F32)
        out = b.node("Conv", [y, b.const(w), b.const(np.zeros(c, F32))], kernel_shape=[1], prefix="post_")
    elif cls == "mm" and r >= 2:
        out = b.node("MatMul", [y, b.rand([shape[-1], shape[-1]], -0.2, 0.2)], prefix="post_")
    elif cls == "elt":
        out = b.node("Add", [y, b.const(np.array(0.5, F32))], prefix="post_")
    elif cls == "softmax":
        out = b.node("Softmax", [y], axis=-1, prefix="post_")
    elif cls == "ln" and r >= 2:
        d = shape[-1]
        out = b.node("LayerNormalization", [y, b.const(np.ones(d, F32)), b.const(np.zeros(d, F32))], axis=-1,
                     prefix="post_")
        out = b.node("Add", [out, b.const(np.array(0.5, F32))], prefix="post_")  # a LayerNorm into a graph output fails
    elif cls == "norm" and r >= 2:
        c = shape[1]
        out = b.node("BatchNormalization", [y, b.const(np.ones(c, F32)), b.const(np.zeros(c, F32)),
                                            b.const(np.zeros(c, F32)), b.const(np.ones(c, F32))], prefix="post_")
    elif cls == "pool" and r == 4:
        out = b.node("MaxPool", [y], kernel_shape=[3, 3], pads=[1, 1, 1, 1], prefix="post_")
    elif cls == "reduce" and r >= 2:
        out = b.node("ReduceMean", [y], axes=[-1], keepdims=1, prefix="post_")
    elif cls == "concat" and r >= 2:  # with another computed tensor (the same tensor twice is no real Concat)
        out = b.node("Concat", [y, _feed(b, shape)], axis=1, prefix="post_")
    elif cls == "slice" and r >= 1 and max(shape) >= 2:
        ax = int(np.argmax(shape))
        out = b.node("Slice", [y, b.const(np.array([0], np.int64)), b.const(np.array([shape[ax] // 2], np.int64)),
                               b.const(np.array([ax], np.int64))], prefix="post_")
    elif cls == "layout" and r >= 2:  # attention MatMul with a computed right-hand side
        out = b.node("MatMul", [y, _feed(b, [shape[-1], shape[-1]])], prefix="post_")
    elif cls == "resize" and r == 4:
        out = b.node("Resize", [y, "", b.const(np.array([1, 1, 2, 2], F32))], mode="nearest", prefix="post_")
    else:
        raise _NoModel(f"no generator for a '{cls}' after")
    b.outputs.append(out)


def _const(b: B, c: dict[str, Any]) -> str:
    if "int" in c:
        return b.const(np.asarray(c["int"], np.int64))
    return b.rand(c["shape"], -0.2, 0.2)


def _chain_model(spec: dict[str, Any], opset: int) -> tuple[B, list[str]]:
    b = B(_seed(spec["key"]), opset)
    y = _linear_front(b, spec["x"]) if spec.get("front") == "linear" else _front(b, spec["before"], spec["x"])
    names = []
    for i, n in enumerate(spec["nodes"]):
        ins = [y] + [_const(b, n["consts"][str(k)]) if str(k) in n["consts"] else ""
                     for k in range(1, 1 + max((int(k) for k in n["consts"]), default=0))]
        name = f"motif{i}"
        b.nodes.append(helper.make_node(n["op"], ins, [f"{name}_o"], name=name, **n["attrs"]))
        names.append(name)
        y = f"{name}_o"
    if spec.get("tail") == "attention":
        _attention(b, y, spec.get("y"))
        return b, names
    for cls in spec["after"]:
        _back(b, cls, y, spec.get("y"))
    return b, names


def _linear_front(b: B, shape: list[int]) -> str:
    """A (windows, tokens, channels) run input made as in a transformer block: tokens cut from a 4-D map (Conv 1x1 ->
    Transpose -> Reshape) into a Linear with bias (MatMul + Add, so the front class stays "elt"). rknn-toolkit2 2.2.0
    keeps Swin's qkv Reshape on the NPU behind a plain Add and runs it on the CPU behind such a Linear."""
    if len(shape) != 3:
        raise _NoModel("a Linear front needs a (windows, tokens, channels) run")
    w, t, c = shape
    cin = c // 3 if c % 3 == 0 else c
    x = b.input([1, cin, w, t], name="x", lo=-1.0)
    x = b.node("Conv", [x, b.const(b.rng.normal(0, 1.0 / np.sqrt(cin), size=(cin, cin, 1, 1)).astype(F32))],
               kernel_shape=[1, 1])
    x = b.node("Reshape", [b.node("Transpose", [x], perm=[0, 2, 3, 1]), b.const(np.array([w, t, cin], np.int64))])
    y = b.node("MatMul", [x, b.rand([cin, c], -0.2, 0.2)])
    return b.node("Add", [y, b.rand([c], -0.1, 0.1)])


def _attention(b: B, y: str, shape: list[int] | None) -> None:
    """The tail of an attention qkv run (3, windows, heads, tokens, dim): q, k, v gathered, softmax(q k^T) v, as in
    ViT / Swin / MobileViT, which the toolkit fuses into one attention layer (exSDPAttention): the run is measured in
    the context it has in those networks rather than in front of a lone Slice."""
    if not shape or len(shape) != 5 or shape[0] != 3:
        raise _NoModel("an attention tail needs a (3, windows, heads, tokens, dim) run")
    q, k, v = (b.node("Gather", [y, b.const(np.array(i, np.int64))], axis=0, prefix="post_") for i in range(3))
    q = b.node("Mul", [q, b.const(np.array(1.0 / np.sqrt(shape[-1]), F32))], prefix="post_")
    kt = b.node("Transpose", [k], perm=[0, 1, 3, 2], prefix="post_")
    a = b.node("Softmax", [b.node("MatMul", [q, kt], prefix="post_")], axis=-1, prefix="post_")
    b.outputs.append(b.node("MatMul", [a, v], prefix="post_"))


def _input_model(spec: dict[str, Any], opset: int) -> tuple[B, list[str]]:
    b = B(_seed(spec["key"]), opset)
    shape = spec["x"]
    if spec["dtype"] == "int64":
        x = b.input(shape, np.int64, name="x", lo=0, hi=9)
    else:
        x = b.input(shape, name="x", lo=-1.0)
    for cls in spec["after"]:
        if spec["dtype"] == "int64":
            if cls == "slice":  # an embedding lookup: the input is the indices
                b.outputs.append(b.node("Gather", [b.rand([10, 16]), x], axis=0, prefix="post_"))
            elif cls == "equal":
                eq = b.node("Equal", [x, b.const(np.array(0, np.int64))], prefix="post_")
                b.outputs.append(b.node("Cast", [eq], to=TensorProto.FLOAT, prefix="post_"))
            else:
                raise _NoModel(f"no generator for an int64 input into '{cls}'")
            continue
        if cls == "layout":
            perm = list(range(len(shape)))
            perm[-1], perm[-2] = perm[-2], perm[-1]
            b.outputs.append(b.node("Transpose", [x], perm=perm, prefix="post_"))
        else:
            _back(b, cls, x, shape)
    return b, ["x"]


def motif_case(spec: dict[str, Any]) -> Case | None:
    """The probe model of one spec, None when it cannot be generated or would measure another motif."""
    from .. import motifs as M
    from ..graph import ModelView

    try:
        opset = max(13, min(19, int(spec.get("opset", 13))))
        b, names = (_input_model if spec["kind"] == "input" else _chain_model)(spec, opset)
        model = b.model()
        onnx.checker.check_model(model)
    except (_NoModel, onnx.checker.ValidationError, onnx.shape_inference.InferenceError, ValueError, KeyError):
        return None
    view = ModelView(model)
    if spec["kind"] == "input":
        if input_key(view, "x") != spec["key"]:
            return None
    else:
        by_name = {r.node.name: r for r in view.main_nodes}
        run = M.run_of(view, by_name[names[0]])
        if run is None or [r.node.name for r in run] != names or M.chain_key(view, run) != spec["key"]:
            return None
    return Case(MOTIF_OP, spec["id"], model, b.feeds, note=spec["key"])


def node_layers(layers, model: onnx.ModelProto) -> tuple[dict[str, list], list]:
    """The layers of the layer table per ONNX node name (toolkit/owners.py: FullName 'OpType:tensor', the tensor a
    node name or output name with suffixes the toolkit added), and per graph input ('input:<name>' for a layer named
    after it); with the layers that compute the node reading the value they are named after
    ('exNorm:<input>_tp_rs_norm' is the InstanceNormalization's own layer)."""
    from ..toolkit.owners import ModelIndex

    index = ModelIndex(model)
    out: dict[str, list] = {}
    computing: list = []
    for lay in layers:
        if lay.op_type in ("InputOperator", "OutputOperator"):
            continue
        own = index.owner(lay.op_type, lay.full_name)
        hit = None if own is None else own.node or (f"input:{own.key}" if own.graph_input else None)
        if hit is not None:
            out.setdefault(hit, []).append(lay)
            if own.via == "consumer":
                computing.append(lay)
    return out, computing


def crash_pass(error: str) -> str:
    """The toolkit pass a failed build names (`_p_<pass>` in its message), '' when none."""
    import re

    m = re.search(r"_p_(\w+)", error or "")
    return m.group(1) if m else ""


def record(spec: dict[str, Any], case: Case, result) -> dict[str, Any]:
    """What one build of a motif case says: per node of the run (or the input) cpu | npu, or the failure."""
    rec: dict[str, Any] = {"id": spec["id"], "x": spec["x"], "status": str(result.status), "seconds": round(result.seconds, 1)}
    if str(result.status) != "built":
        rec["error"] = result.error
        p = crash_pass(result.error)
        if p:
            rec["pass"] = p
        return rec
    per, computing = node_layers(result.layers, case.model)
    if spec["kind"] == "input":
        rec["nodes"] = ["cpu" if any(lay.target == "CPU" for lay in per.get("input:x", [])) else "npu"]
        rec["layers"] = "; ".join(f"{lay.full_name}@{lay.target}" for lay in per.get("input:x", []))
        return rec
    names = [f"motif{i}" for i in range(len(spec["nodes"]))]
    rec["sized"] = _sized(case.model, names)
    # a node's own layers carry its name or output name (a '#n' split at most); a suffixed one ('_tp', '-rs') is a
    # layout layer the toolkit inserted after it for the model's generated tail (its graph outputs): recorded, but
    # not the node's placement; a layer named after the value a node reads that computes that node is its own
    own = {n: [lay for lay in per.get(n, []) if _own(lay.tensor, n) or lay in computing] for n in names}
    rec["nodes"] = ["cpu" if any(lay.target == "CPU" for lay in own[n]) else "npu" for n in names]
    rec["inserted"] = ["cpu" if any(lay.target == "CPU" and lay not in own[n] for lay in per.get(n, []))
                       else "npu" for n in names]
    if spec.get("after") == ["out"] and rec["inserted"][-1] == "cpu":
        rec["nodes"][-1] = "cpu"  # the run ends in a graph output: a layer inserted there is the motif's own
    rec["layers"] = "; ".join(f"{lay.full_name}@{lay.target}" for n in names for lay in per.get(n, []))
    return rec


def _sized(model: onnx.ModelProto, names: list[str]) -> str:
    """The generated run's motif key with its size class (motifs.sized_key)."""
    from .. import motifs as M
    from ..graph import ModelView

    view = ModelView(model)
    by_name = {r.node.name: r for r in view.main_nodes}
    return M.sized_key(view, [by_name[n] for n in names])


def _own(tensor: str, node: str) -> bool:
    base = tensor.split("#", 1)[0]
    return base in (node, f"{node}_o")


# ---------------------------------------------------------------------------------------------------- the table
def load_specs(path) -> list[dict[str, Any]]:
    import json
    from pathlib import Path

    return json.loads(Path(path).read_text())["specs"]


def default_specs_path():
    from ..platforms import rules_dir

    return rules_dir() / "motifs" / "probe-motifs.json"


def _one(values: list[str]) -> str:
    return values[0] if len(set(values)) == 1 else "mixed"


def build_table(specs: list[dict[str, Any]], records: list[dict[str, Any]], version: str, family: str, target: str,
                dtype: str, seconds: float, command: str,
                motif_set: str = "rules/motifs/probe-motifs.json") -> dict[str, Any]:
    """The probed motif table: per motif key the placement of each node over every size measured (mixed when the
    sizes disagree, with each size's placement), per input motif whether the toolkit put a layer on it on the CPU,
    and every motif whose build failed or crashed, with the pass its error names."""
    by_id = {s["id"]: s for s in specs}
    motifs: dict[str, Any] = {}
    inputs: dict[str, Any] = {}
    crashes: dict[str, Any] = {}
    failed: dict[str, Any] = {}  # failures the error does not pin on the motif (the generated neighbours')
    for rec in records:
        spec = by_id[rec["id"]]
        key = spec["key"]
        size = _size(spec)
        if rec["status"] != "built":
            if not motif_failure(rec):
                failed.setdefault(key, {"kind": spec["kind"], "status": rec["status"], "error": rec.get("error", ""),
                                        "sizes": []})["sizes"].append(size)
                continue
            c = crashes.setdefault(key, {"kind": spec["kind"], "status": rec["status"], "error": rec.get("error", ""),
                                         "sizes": []})
            if rec.get("pass"):
                c["pass"] = rec["pass"]
            c["sizes"].append(size)
            continue
        sec = inputs if spec["kind"] == "input" else motifs
        e = sec.setdefault(key, {"sizes": {}, "models": spec.get("models", 0), "from": spec.get("from", "")})
        e["sizes"][size] = {"nodes": rec["nodes"], **({"inserted": rec["inserted"]} if "inserted" in rec else {}),
                            "layers": rec.get("layers", "")}
    for e in motifs.values():
        runs = [v["nodes"] for v in e["sizes"].values()]
        width = min(len(r) for r in runs)
        e["nodes"] = [_one([r[i] for r in runs]) for i in range(width)]
    sized: dict[str, Any] = {}  # the sizes of a motif grouped by motifs.size_class: where a size sweep decides
    for rec in records:
        if rec.get("sized") and rec["status"] == "built":
            e = sized.setdefault(rec["sized"], {"sizes": []})
            e["sizes"].append(_size(by_id[rec["id"]]))
            e.setdefault("runs", []).append(rec["nodes"])
    for e in sized.values():
        runs = e.pop("runs")
        e["nodes"] = [_one([r[i] for r in runs]) for i in range(min(len(r) for r in runs))]
    # kept where the motif's sizes disagreed: there the size class decides; elsewhere the motif's own entry does
    sized = {k: e for k, e in sized.items() if "mixed" in (motifs.get(k.split("@")[0]) or {}).get("nodes", [])}
    for e in inputs.values():
        e["placement"] = _one([v["nodes"][0] for v in e["sizes"].values()])
    for key, c in crashes.items():  # a motif that built at another size: the crash depends on size
        ok = (motifs.get(key) or inputs.get(key) or {}).get("sizes", {})
        c["built_sizes"] = sorted(ok)
    order = lambda d: {k: d[k] for k in sorted(d)}  # noqa: E731
    return {"toolkit": version, "family": family, "target": target, "dtype": dtype,
            "source": f"measured with rknn-toolkit2 {version}, {target} {dtype}: rknnlint probe --motifs (one minimal "
                      f"model per motif of {motif_set})",
            "command": command,
            "probe": {"specs": len(records), "keys": len({by_id[r['id']]['key'] for r in records}),
                      "seconds": round(seconds, 1),
                      "status": {s: sum(r["status"] == s for r in records) for s in sorted({r["status"] for r in records})}},
            "motifs": order(motifs), **({"sized": order(sized)} if sized else {}), "inputs": order(inputs), "crashes": order(crashes), "failed": order(failed)}


def _size(spec: dict[str, Any]) -> str:
    """A spec's size as the table names it: the run input's shape, and the front it was built behind when not the
    default one of its class ("64x49x288/linear")."""
    size = "x".join(str(d) for d in spec["x"])
    return f"{size}/{spec['front']}" if spec.get("front") else size


def motif_failure(rec: dict[str, Any]) -> bool:
    """Whether a failed build is the motif's: its error names a toolkit pass (`_p_<pass>`) or a node of the run
    (`motif<i>`) or the input. Other failures are the generated neighbours' (a LayerNorm consumer into a graph output
    failed with "KeyError: 'LayerNormalization'" where the same motif built inside real exports) and are kept apart."""
    import re

    err = rec.get("error", "") or ""
    return bool(rec.get("pass")) or bool(re.search(r"\bmotif\d+|'x'", err))


HEAD = ("# Placement of motifs (rknnlint/motifs.py) measured one minimal model per motif with the real rknn-toolkit2;\n"
        "# written by `rknnlint probe --motifs` (rknnlint/probe/_motifs.py). motifs: placement of each node of the run\n"
        "# (cpu | npu | mixed when the sizes measured disagree), per size; inputs: whether the toolkit put a layer on\n"
        "# the graph input on the CPU (Reshape:<input>_rs); crashes: motifs whose build failed or crashed (the pass\n"
        "# the error names, or a node of the run), read by RKN709; failed: builds that failed for the generated\n"
        "# neighbours (the error names neither a pass nor the motif), not read by any rule.\n")


def table_path(out_dir, family: str, dtype: str, version: str):
    from pathlib import Path

    return Path(out_dir) / "motifs" / "probed" / f"{family}-{dtype}-{version}.yaml"


def write_table(path, table: dict[str, Any]) -> None:
    import os
    import tempfile

    import yaml

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    with os.fdopen(fd, "w") as f:
        f.write(HEAD + yaml.safe_dump(table, sort_keys=False, width=200, default_flow_style=None))
    os.chmod(tmp, 0o644)  # mkstemp makes it 0600: the table is data for every user of the checkout
    os.replace(tmp, path)
