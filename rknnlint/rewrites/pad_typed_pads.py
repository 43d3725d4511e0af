"""pad-typed-pads: a Pad's constant pads stored in the tensor's int64_data field instead of raw bytes."""
from __future__ import annotations

import numpy as np
import onnx
from onnx import numpy_helper

from ._base import Applicability, Rewrite, RewriteOptions, RewriteResult, begin, listed, register_rewrite, tag


@register_rewrite
class PadTypedPads(Rewrite):
    """rknn-toolkit2 2.5.0 fails every family's build in `_p_fuse_pad_into_conv` ('assignment destination is
    read-only') on a zero Pad in front of a Conv whose pads are raw bytes (an initializer or a Constant node, as
    numpy_helper, onnxsim and torch's dynamo exporter write them): RKN709 crash pattern pad-raw-pads-into-conv,
    github.com/airockchip/rknn-toolkit2/issues/328. The same numbers in the tensor's int64_data field were measured to
    build on all seven families. Only the storage changes, so the outputs are the same."""

    name = "pad-typed-pads"
    summary = "Pad pads from raw bytes to int64_data (exact)"
    applicability = Applicability.SAFE

    def apply(self, model: onnx.ModelProto, options: RewriteOptions) -> RewriteResult:
        view, out, _names = begin(model, "pad_typed_pads")
        inits = {t.name: t for t in out.graph.initializer}
        consts = {n.output[0]: n for n in out.graph.node if n.op_type == "Constant" and n.output}
        fixed = []
        for ref, n in zip(view.main_nodes, out.graph.node):
            if n.op_type != "Pad" or ref.graph_path or len(n.input) < 2 or not n.input[1]:
                continue
            t = inits.get(n.input[1])
            if t is None and n.input[1] in consts:
                t = next((a.t for a in consts[n.input[1]].attribute if a.name == "value"), None)
            if t is None or not t.raw_data or t.data_type != onnx.TensorProto.INT64:
                continue
            vals = numpy_helper.to_array(t).astype(np.int64).reshape(-1).tolist()
            t.ClearField("raw_data")
            t.int64_data.extend(vals)
            tag(n, self.name, options.codes)
            fixed.append(n.name or n.output[0])
        if not fixed:
            return RewriteResult(model, False, ["no Pad whose pads are raw int64 bytes"])
        return RewriteResult(out, True, [f"Pad {listed(fixed)}: pads stored as int64_data"])
