"""cut-head: end the model where post-processing (DFL, decode, TopK, NMS, box/score Concat) begins, and
return the removed tail as its own model to run on the CPU."""
from __future__ import annotations

import onnx

from ._base import (
    Applicability,
    Rewrite,
    RewriteOptions,
    RewriteRefused,
    RewriteResult,
    copy_model,
    infer,
    listed,
    register_rewrite,
)


def _fill_boundary_shapes(model: onnx.ModelProto, names: list[str]) -> None:
    """Shapes shape inference could not give (after a data-dependent op), taken from one onnxruntime run
    on zeros: the tail's inputs need them. Only when every graph input is static."""
    vis = {vi.name: vi for vi in model.graph.value_info}
    missing = [n for n in names if n not in vis or not vis[n].type.tensor_type.HasField("shape")]
    if not missing or not _has_static_inputs(model):
        return
    import numpy as np
    import onnxruntime as ort

    probe = onnx.ModelProto()
    probe.CopyFrom(model)
    have = {o.name for o in probe.graph.output}
    for n in missing:
        if n not in have:
            probe.graph.output.append(onnx.helper.make_empty_tensor_value_info(n))
    so = ort.SessionOptions()
    so.log_severity_level = 4  # fatal only: an error is raised as an exception and reported in one line
    try:
        sess = ort.InferenceSession(probe.SerializeToString(), so, providers=["CPUExecutionProvider"])
        types = {"tensor(float)": np.float32, "tensor(float16)": np.float16, "tensor(int64)": np.int64,
                 "tensor(int32)": np.int32, "tensor(uint8)": np.uint8, "tensor(bool)": np.bool_}
        feed = {i.name: np.zeros(i.shape, types.get(i.type, np.float32)) for i in sess.get_inputs()}
        got = dict(zip(missing, sess.run(missing, feed)))
    except Exception:
        return
    for n in missing:
        if n not in got:
            continue
        arr = got[n]
        vi = onnx.helper.make_tensor_value_info(n, onnx.helper.np_dtype_to_tensor_dtype(arr.dtype), list(arr.shape))
        if n in vis:
            vis[n].CopyFrom(vi)
        else:
            model.graph.value_info.append(vi)


def _has_static_inputs(model: onnx.ModelProto) -> bool:
    inits = {t.name for t in model.graph.initializer}
    for vi in model.graph.input:
        if vi.name in inits:
            continue
        t = vi.type.tensor_type
        if not t.HasField("shape") or any(not d.HasField("dim_value") for d in t.shape.dim):
            return False
    return True


def _has_static_shape_ops(model: onnx.ModelProto) -> bool:
    """Shape / Size nodes in a graph whose inputs all have static shapes."""
    return any(n.op_type in ("Shape", "Size") for n in model.graph.node) and _has_static_inputs(model)


def _refuse(options: RewriteOptions, model: onnx.ModelProto, why: str) -> RewriteResult:
    if options.explicit:
        raise RewriteRefused(f"--cut-head: {why}")
    return RewriteResult(model, False, [why])


# Casts to these types that make a graph output: the build fails on them (probe variants Cast/to_uint8 and
# Cast/int_to_uint8: 'Not Support Dtype: 2', SIGABRT on every family with 2.2.0-2.5.0, docs/probe.md)
_OUTPUT_CASTS = frozenset({onnx.TensorProto.UINT8})
# index ops a failing output Cast reads: they run on the CPU anyway, so they go to the tail with the Cast
_INDEX_OPS = frozenset({"ArgMax", "ArgMin"})


def _cast_tail(model: onnx.ModelProto) -> list[str]:
    """Where the NPU part ends when no post-processing head is found but a graph output is a Cast the build
    fails on (a segmenter's ArgMax -> Cast(uint8) class map): the Cast's input, or the input of the ArgMax /
    ArgMin it reads. Empty when there is none."""
    produced = {o: n for n in model.graph.node for o in n.output if o}
    boundary: list[str] = []
    for out in model.graph.output:
        n = produced.get(out.name)
        if n is None or n.op_type != "Cast" or not n.input:
            continue
        to = next((a.i for a in n.attribute if a.name == "to"), None)
        if to not in _OUTPUT_CASTS:
            continue
        src = produced.get(n.input[0])
        t = src.input[0] if src is not None and src.op_type in _INDEX_OPS and src.input else n.input[0]
        if t and t not in boundary:
            boundary.append(t)
    return boundary


def _inferred(model: onnx.ModelProto) -> onnx.ModelProto:
    """A copy of the model with the value_info and output types of shape inference, run on a copy whose large
    weights are typed graph inputs (the same shapes, without sending the weights through inference twice)."""
    import math

    from onnx import TensorProto

    g = model.graph
    light = onnx.ModelProto()
    light.ir_version = model.ir_version
    light.opset_import.extend(model.opset_import)
    light.functions.extend(model.functions)
    lg = light.graph
    lg.node.extend(g.node)
    lg.input.extend(g.input)
    lg.output.extend(g.output)
    lg.value_info.extend(g.value_info)
    declared = {vi.name for vi in g.input}
    for t in g.initializer:
        small = t.data_type not in (TensorProto.FLOAT, TensorProto.FLOAT16, TensorProto.DOUBLE, TensorProto.BFLOAT16)
        if (small or math.prod(t.dims) <= 64) and t.data_location != TensorProto.EXTERNAL:
            lg.initializer.append(t)  # shape arithmetic reads these values
        elif t.name not in declared:
            lg.input.append(onnx.helper.make_tensor_value_info(t.name, t.data_type, list(t.dims)))
    inf = infer(light).graph
    out = onnx.ModelProto()
    out.CopyFrom(model)
    del out.graph.value_info[:]
    out.graph.value_info.extend(vi for vi in inf.value_info)
    del out.graph.output[:]
    out.graph.output.extend(inf.output)
    return out


def keep_header(part: onnx.ModelProto, model: onnx.ModelProto) -> None:
    """A part cut out of `model` keeps its IR version, opsets, producer and metadata (the Extractor drops them)."""
    part.ir_version = model.ir_version
    del part.opset_import[:]
    part.opset_import.extend(model.opset_import)
    part.producer_name, part.producer_version = model.producer_name, model.producer_version
    del part.metadata_props[:]
    part.metadata_props.extend(model.metadata_props)


def split_at(model: onnx.ModelProto, boundary: list[str]) -> tuple[onnx.ModelProto, onnx.ModelProto, list[str]]:
    """(NPU part, tail, NPU outputs): the NPU part computes the boundary tensors (and the original outputs
    that do not depend on the tail); the tail maps the boundary tensors to the remaining outputs.
    Uses onnx.utils.Extractor. ValueError when the tensors do not separate the graph."""
    from onnx.utils import Extractor

    g = model.graph
    inits = {t.name for t in g.initializer}
    inputs = [vi.name for vi in g.input if vi.name not in inits]
    produced = {o: n for n in g.node for o in n.output if o}
    known = set(produced) | set(inputs)
    missing = [b for b in boundary if b not in known]
    if missing:
        raise ValueError(f"no tensor named {', '.join(repr(m) for m in missing)} in the main graph")
    # tail nodes: everything downstream of the boundary that leads to an output
    consumers: dict[str, list[onnx.NodeProto]] = {}
    for n in g.node:
        for i in n.input:
            consumers.setdefault(i, []).append(n)
    down: set[int] = set()
    stack = list(boundary)
    seen: set[str] = set()
    while stack:
        t = stack.pop()
        if t in seen:
            continue
        seen.add(t)
        for c in consumers.get(t, []):
            down.add(id(c))
            stack.extend(o for o in c.output if o)
    outputs = [o.name for o in g.output]
    tail_outputs = [o for o in outputs if o in produced and id(produced[o]) in down]
    if not tail_outputs:
        raise ValueError("no model output depends on the given tensors: nothing to cut")
    keep_outputs = [o for o in outputs if o not in tail_outputs]
    npu_outputs = [b for b in boundary if b not in inputs] + [o for o in keep_outputs if o not in boundary]
    inferred = _inferred(model)
    _fill_boundary_shapes(inferred, [b for b in boundary if b not in inputs])
    ex = Extractor(inferred)  # the Extractor takes boundary types from value_info
    npu = ex.extract_model(inputs, npu_outputs)
    tail = ex.extract_model(list(boundary), tail_outputs)
    tail_inputs = {vi.name for vi in tail.graph.input} - {t.name for t in tail.graph.initializer}
    tail_produced = {o for n in tail.graph.node for o in n.output}
    tail_inits = {t.name for t in tail.graph.initializer}
    dangling = sorted({i for n in tail.graph.node for i in n.input
                       if i and i not in tail_produced and i not in tail_inputs and i not in tail_inits})
    if dangling:
        raise ValueError(f"the tensors do not separate the post-processing: it also reads {', '.join(dangling[:4])}")
    for m in (npu, tail):
        keep_header(m, model)
    npu.graph.name = model.graph.name or "npu"
    tail.graph.name = "postprocess"
    return npu, tail, npu_outputs


@register_rewrite
class CutHead(Rewrite):
    """rknn-toolkit2 fails on NonMaxSuppression and data-dependent TopK ('dynamic graph'), crashes on the
    ultralytics DFL decode (_p_seperate_conv_rs_split), and an int8 build quantizes boxes and scores
    together after a Concat (docs/facts.md#dynamic-graph, #detector-exports, #real-exports). Where no such
    head is found but an output is a Cast to uint8 (the build aborts on it: probe variants Cast/to_uint8,
    Cast/int_to_uint8), the cut is before that Cast (before the ArgMax / ArgMin it reads: a segmenter's
    class map).
    Rockchip's own exports end each head branch at
    its last conv (and score sigmoid). This rewrite finds that boundary with rknnlint.heads (or takes the
    tensors from --cut-head), makes them the outputs, and returns the removed tail (extra['tail']) whose
    inputs are the new outputs, so NPU part + tail reproduce the original outputs exactly (extra also has
    'boundary', the NPU part's outputs, 'head_kind' and 'reason'). `rknnlint package` cuts with it too. Unsafe: the
    model's outputs change."""

    name = "cut-head"
    summary = "cut post-processing off; the tail becomes <stem>.postprocess.onnx"
    applicability = Applicability.UNSAFE

    def apply(self, model: onnx.ModelProto, options: RewriteOptions) -> RewriteResult:
        from ..heads import find_head_boundary

        spec = (options.cut_head or "auto").strip()
        pre: list[str] = []
        if _has_static_shape_ops(model):
            # shape arithmetic on a static graph is constant: folded first, it stays out of the boundary
            # (otherwise image sizes and feature-map shapes would become NPU outputs)
            from ._gs import fold_and_clean

            model = fold_and_clean(copy_model(model), options.fold_size_limit, self.name, options.codes)  # gs edits its input
            pre.append("folded the constant shape arithmetic first")
        if spec == "zoo":
            return self._zoo(model, options, pre)
        if spec == "auto":
            hb = find_head_boundary(options.view_of(model))
            cast_tail = _cast_tail(model) if hb is None else []
            if hb is None and not cast_tail:
                return _refuse(options, model, "no post-processing head found (no NMS, TopK, DFL, box decode or "
                                               "box/score Concat after the last convolutions)")
            if hb is None:
                boundary = cast_tail
                why, kind = "a uint8 Cast the build fails on makes an output; it runs in the tail", "cast"
            elif not hb.cuttable:
                return _refuse(options, model, f"no single cut separates the post-processing: {hb.reason}")
            else:
                boundary = list(hb.boundary_tensors)
                why, kind = hb.reason, hb.kind
        else:
            boundary = [t.strip() for t in spec.split(",") if t.strip()]
            why, kind = "tensors given with --cut-head", None
        if set(boundary) == {o.name for o in model.graph.output}:
            return RewriteResult(model, False, ["the outputs already are the head boundary"])
        try:
            npu, tail, npu_outputs = split_at(model, boundary)
        except ValueError as e:
            raise RewriteRefused(f"--cut-head {spec}: {e}") from None
        meta = onnx.StringStringEntryProto(key="rknnlint.cut_head",
                                           value=f"outputs {', '.join(npu_outputs)}; post-processing tail "
                                                 f"({len(tail.graph.node)} nodes) in <stem>.postprocess.onnx")
        npu.metadata_props.append(meta)
        shown = listed(npu_outputs, 6)
        notes = pre + [f"cut at {shown} ({why}); {len(tail.graph.node)} node(s) moved to the post-processing tail"]
        return RewriteResult(npu, True, notes, extra={"tail": tail, "boundary": npu_outputs, "head_kind": kind,
                                                      "reason": why})

    def _zoo(self, model: onnx.ModelProto, options: RewriteOptions, pre: list[str]) -> RewriteResult:
        """--cut-head zoo: the outputs in rknn_model_zoo's layout (rknnlint.rewrites.zoo_head)."""
        from .zoo_head import LAYOUT_KEY, cut_zoo

        if any(p.key == LAYOUT_KEY for p in model.metadata_props):
            return RewriteResult(model, False, ["the outputs already are in the zoo layout"])
        npu, tail, layout, notes = cut_zoo(model, options.view_of(model))
        npu.metadata_props.append(onnx.StringStringEntryProto(
            key="rknnlint.cut_head", value=f"zoo layout, outputs {', '.join(layout['outputs'])}; post-processing "
                                           f"tail ({len(tail.graph.node)} nodes) in <stem>.postprocess.onnx"))
        return RewriteResult(npu, True, pre + notes, extra={"tail": tail, "boundary": list(layout["outputs"]),
                                                            "head_kind": "zoo", "reason": notes[0],
                                                            "zoo_layout": layout})
