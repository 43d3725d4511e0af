"""Round trips through onnx-graphsurgeon that keep what graphsurgeon drops (doc_strings, metadata)."""
from __future__ import annotations

import onnx
import onnx.numpy_helper

from ._walk import toposort

# onnx-graphsurgeon's own toposort() orders nodes by depth, which interleaves parallel branches; rknn-toolkit2
# 2.5.0's pattern fusions read the node list in order: two GELUs interleaved Div/Div/Erf/Erf/... were not fused
# (4 Erf layers on the CPU on rk3588, measured) where the same nodes grouped per GELU fused into NPU GELUs. So
# the node order is kept as it was and only repaired where it is invalid (rknnlint.rewrites._walk.toposort).

QDQ_OPS = frozenset({"QuantizeLinear", "DequantizeLinear", "DynamicQuantizeLinear"})


def graphsurgeon():
    """onnx_graphsurgeon with its logger silenced: it prints to stdout ("[W] colored module is not installed",
    "[W] Inference failed ..." for every constant it cannot evaluate), and everything `rknnlint` prints must be
    its own. A constant it cannot fold simply stays; errors it cannot recover from are raised, not logged."""
    import onnx_graphsurgeon as gs

    logger = gs.logger.G_LOGGER
    logger.colors = False  # else the first warning tries `import colored` and warns that it is missing
    logger.severity = logger.CRITICAL + 1
    return gs


def _node_key(n: onnx.NodeProto) -> str:
    return n.name or f"{n.op_type}->{n.output[0] if n.output else ''}"


def restore_metadata(before: onnx.ModelProto, after: onnx.ModelProto) -> onnx.ModelProto:
    """Copy model-level fields and node doc_strings / metadata_props from `before` into `after` (in place)."""
    after.ir_version = before.ir_version
    for f in ("producer_name", "producer_version", "domain", "model_version", "doc_string"):
        setattr(after, f, getattr(before, f))
    del after.metadata_props[:]
    after.metadata_props.extend(before.metadata_props)
    del after.opset_import[:]
    after.opset_import.extend(before.opset_import)
    old = {_node_key(n): n for n in before.graph.node}
    for n in after.graph.node:
        o = old.get(_node_key(n))
        if o is None:
            continue
        if o.doc_string and not n.doc_string:
            n.doc_string = o.doc_string
        if len(o.metadata_props) and not len(n.metadata_props):
            n.metadata_props.extend(o.metadata_props)
    return after


def value_shapes(model: onnx.ModelProto) -> dict[str, tuple[list[int], int]]:
    """name -> (dims, bytes) of every tensor onnx shape inference (with data propagation) can size, dynamic
    dims counted as 1; run on a copy without the weights over 4 KiB (their dims only), so it is cheap."""
    import math

    import numpy as np

    m = onnx.ModelProto(ir_version=model.ir_version)
    m.opset_import.extend(model.opset_import)
    g = m.graph
    g.node.extend(model.graph.node)
    g.input.extend(model.graph.input)
    g.output.extend(model.graph.output)
    for t in model.graph.initializer:
        if t.data_location != onnx.TensorProto.EXTERNAL and len(t.raw_data) <= 4096:
            g.initializer.append(t)
        else:
            g.initializer.append(onnx.TensorProto(name=t.name, data_type=t.data_type, dims=t.dims))
    try:
        inferred = onnx.shape_inference.infer_shapes(m, data_prop=True).graph
    except Exception:
        return {}
    out: dict[str, tuple[list[int], int]] = {}
    for vi in list(inferred.value_info) + list(inferred.output):
        tt = vi.type.tensor_type
        if not vi.type.HasField("tensor_type") or not tt.HasField("shape"):
            continue
        dims = [d.dim_value if d.HasField("dim_value") and d.dim_value > 0 else 1 for d in tt.shape.dim]
        try:
            item = np.dtype(onnx.helper.tensor_dtype_to_np_dtype(tt.elem_type)).itemsize
        except Exception:
            item = 8
        out[vi.name] = (dims, math.prod(dims) * item)
    return out


def fold_static_shapes(model: onnx.ModelProto) -> onnx.ModelProto:
    """Shape nodes of the main graph whose input shape is static, replaced by Constants (in a copy; the
    model itself when there is none). onnx-graphsurgeon 0.6 folds Shape by the input's whole shape and ignores
    Shape-15's start / end (a dynamo export's Shape(mask, start=1, end=2) became [1, T], not [T])."""
    import numpy as np

    from ._base import copy_model, static_shapes

    todo = [k for k, n in enumerate(model.graph.node) if n.op_type == "Shape" and n.domain in ("", "ai.onnx")]
    if not todo:
        return model
    shapes = static_shapes(model)
    out = None
    for k in todo:
        n = model.graph.node[k]
        dims = shapes.get(n.input[0])
        if dims is None:
            continue
        rank = len(dims)
        start = next((a.i for a in n.attribute if a.name == "start"), 0)
        end = next((a.i for a in n.attribute if a.name == "end"), rank)
        start, end = (max(0, min(rank, x + rank if x < 0 else x)) for x in (start, end))
        value = np.asarray(dims[start:end], dtype=np.int64)
        out = out or copy_model(model)
        const = onnx.helper.make_node("Constant", [], [n.output[0]], name=n.name,
                                      value=onnx.numpy_helper.from_array(value, n.output[0]))
        const.doc_string = n.doc_string
        out.graph.node[k].CopyFrom(const)
    return out or model


def fold_and_clean(model: onnx.ModelProto, size_limit: int, rewrite: str = "pin-input-shapes",
                   codes: tuple[str, ...] = (), notes: list[str] | None = None) -> onnx.ModelProto:
    """Fold every constant subgraph (shape arithmetic included, evaluated with onnxruntime by
    onnx-graphsurgeon), then remove dead nodes and unused initializers. Quantize/Dequantize nodes are
    kept: folding them would turn a QDQ model's int8 weights into float ones."""
    import onnxruntime as ort

    from ._base import infer
    from ._control_flow import fold_control_flow

    gs = graphsurgeon()
    ort.set_default_logger_severity(4)  # graphsurgeon's folding sessions warn about every Unsqueeze; errors are raised
    out = model
    for _ in range(4):  # a folded shape makes the next Reshape's output shape known: fold again
        # graphsurgeon evaluates a constant before it compares its size with the threshold: a ConstantOfShape
        # of 800 MB took 6.5 GB and 23 s. Nodes whose output shape inference sizes above the limit stay.
        out = fold_static_shapes(out)
        sizes = value_shapes(out)
        big = {name for name, (_, size) in sizes.items() if size > size_limit}
        graph = gs.import_onnx(out)
        before = len(graph.nodes)
        # graphsurgeon's own If flattening is off: it loses If outputs taken from the outer scope
        graph.fold_constants(size_threshold=size_limit, flatten_subgraphs=False,
                             should_exclude_node=lambda n, big=big: n.op in QDQ_OPS or any(o.name in big for o in n.outputs))
        graph.cleanup(remove_unused_graph_inputs=False)
        out = gs.export_onnx(graph, do_type_check=False)
        out, done, _ = fold_control_flow(out, None, rewrite, codes)
        if notes is not None:
            notes.extend(done)
        if done:
            graph = gs.import_onnx(out)
            graph.cleanup(remove_unused_graph_inputs=False)
            out = gs.export_onnx(graph, do_type_check=False)
        toposort(out.graph)
        out = infer(out, in_place=True)
        if len(graph.nodes) == before and not done:
            break
    return restore_metadata(model, out)


def clean(model: onnx.ModelProto) -> onnx.ModelProto:
    """Remove dead nodes and unused initializers (onnx-graphsurgeon cleanup), keeping graph inputs."""
    gs = graphsurgeon()
    graph = gs.import_onnx(model)
    graph.cleanup(remove_unused_graph_inputs=False)
    out = gs.export_onnx(graph, do_type_check=False)
    toposort(out.graph)
    return restore_metadata(model, out)
