"""upcast-float: float16 / float64 / bfloat16 inputs, outputs, weights and casts become float32."""
from __future__ import annotations

import numpy as np
import onnx
from onnx import AttributeProto, TensorProto, numpy_helper

from ._base import (
    Applicability,
    Rewrite,
    RewriteOptions,
    RewriteResult,
    Tolerance,
    copy_model,
    register_rewrite,
    tag,
)
from ._walk import graphs

LOW = {TensorProto.FLOAT16: "float16", TensorProto.DOUBLE: "float64", TensorProto.BFLOAT16: "bfloat16"}
# attributes that name an output element type
DTYPE_ATTRS = {"Cast": "to", "EyeLike": "dtype", "RandomNormal": "dtype", "RandomUniform": "dtype",
               "RandomNormalLike": "dtype", "RandomUniformLike": "dtype", "Multinomial": "dtype",
               "Bernoulli": "dtype"}


def _to_f32(t: TensorProto) -> TensorProto:
    if t.data_type == TensorProto.BFLOAT16:
        bits = numpy_helper.to_array(t).view(np.uint16).astype(np.uint32) << 16
        arr = bits.view(np.float32).reshape(tuple(t.dims))
    else:
        arr = numpy_helper.to_array(t).astype(np.float32)
    out = numpy_helper.from_array(np.ascontiguousarray(arr), t.name)
    out.doc_string = t.doc_string
    return out


@register_rewrite
class UpcastFloat(Rewrite):
    """rknn-toolkit2 2.5.0 converts float16/float64 models to float32 itself ('some float16/float64 data
    types in the model have been modified to float32!'), and the NPU computes in fp16 or int8 whatever the
    file holds. Doing the conversion in the file makes the interface explicit and lets onnxruntime check
    the result. Unsafe: the model's input/output dtype becomes float32, and the numbers move by the
    precision of the original (float16 accumulates rounding that float32 does not)."""

    name = "upcast-float"
    summary = "float16 / float64 / bfloat16 tensors and casts to float32"
    applicability = Applicability.UNSAFE
    # float16 originals: their own rounding (about 1e-3 relative per op) dominates the difference
    tolerance = Tolerance(rtol=1e-2, atol=1e-2, scaled=True)

    def apply(self, model: onnx.ModelProto, options: RewriteOptions) -> RewriteResult:
        out = copy_model(model)
        counts = {"interface": [], "weights": 0, "casts": 0, "values": 0}
        seen_types: set[str] = set()
        main = out.graph
        for g in graphs(out):
            for vi_list, kind in ((g.input, "interface"), (g.output, "interface"), (g.value_info, "values")):
                for vi in vi_list:
                    tt = vi.type.tensor_type
                    if vi.type.HasField("tensor_type") and tt.elem_type in LOW:
                        seen_types.add(LOW[tt.elem_type])
                        tt.elem_type = TensorProto.FLOAT
                        if kind == "interface" and g is main:
                            counts["interface"].append(vi.name)
                        else:
                            counts["values"] += 1
            for i, t in enumerate(g.initializer):
                if t.data_type in LOW:
                    seen_types.add(LOW[t.data_type])
                    g.initializer[i].CopyFrom(_to_f32(t))
                    counts["weights"] += 1
            for n in g.node:
                touched = False
                for a in n.attribute:
                    if a.type == AttributeProto.TENSOR and a.t.data_type in LOW:
                        seen_types.add(LOW[a.t.data_type])
                        a.t.CopyFrom(_to_f32(a.t))
                        touched = True
                    elif a.type == AttributeProto.TENSORS:
                        for k, t in enumerate(a.tensors):
                            if t.data_type in LOW:
                                seen_types.add(LOW[t.data_type])
                                a.tensors[k].CopyFrom(_to_f32(t))
                                touched = True
                    elif a.type == AttributeProto.INT and a.name == DTYPE_ATTRS.get(n.op_type) and a.i in LOW:
                        seen_types.add(LOW[a.i])
                        a.i = TensorProto.FLOAT
                        touched = True
                        counts["casts"] += n.op_type == "Cast"
                if touched:
                    tag(n, self.name, options.codes)
        if not seen_types:
            return RewriteResult(model, False, ["no float16, float64 or bfloat16 tensors"])
        notes = [f"{'/'.join(sorted(seen_types))} -> float32: {counts['weights']} initializer(s), "
                 f"{counts['casts']} Cast(s)"]
        if counts["interface"]:
            names = ", ".join(f"'{x}'" for x in counts["interface"][:6])
            notes.append(f"interface dtype is now float32 for {names}: feed float32 arrays")
        return RewriteResult(out, True, notes)
