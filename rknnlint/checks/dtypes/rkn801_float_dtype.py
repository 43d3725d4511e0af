from __future__ import annotations

from onnx import TensorProto

from ...finding import Severity
from ...rewrites.upcast_float import UpcastFloat
from ...rule import Fix, Rule, Violation, register

_ODD = {TensorProto.FLOAT16: "float16", TensorProto.DOUBLE: "float64", TensorProto.BFLOAT16: "bfloat16"}


@register
class FloatDtype(Rule):
    """Graph inputs, outputs or weights stored as float16, float64 or bfloat16.

    What it does:
    Flags every graph input, graph output and initializer whose element type is float16, float64
    or bfloat16.

    Why the NPU cares:
    rknn-toolkit2 2.5.0 converts them to float32 at load and warns "some float16/float64 data types
    in the model have been modified to float32!" (docs/facts.md#opset); the model then takes a different
    input type than it was exported with, and float64 values lose precision.

    Example:
    model.half() before torch.onnx.export gives float16 inputs and weights.

    How to fix:
    Export in float32 (the toolkit quantizes or converts to fp16 itself), or `rknnlint fix MODEL
    --unsafe-fixes` (upcast-float: inputs, outputs, weights, Constants and Casts to float32).

    Fix safety:
    Unsafe: float64 -> float32 loses precision; float16 -> float32 is exact but changes the input type.
    """

    code = "RKN801"
    name = "float-dtype"
    severity = Severity.WARNING
    fix = Fix(UpcastFloat)

    def check(self, ctx):
        view = ctx.view
        for vi in list(view.inputs) + list(view.outputs):
            t = vi.type.tensor_type.elem_type
            if t in _ODD:
                kind = "input" if vi in view.inputs else "output"
                yield Violation(vi.name, f"{kind} '{vi.name}' is {_ODD[t]}; the toolkit converts it to float32",
                                hint="export the model in float32", data={"dtype": _ODD[t]})
        odd = {}
        for name, init in view.initializers.items():
            if init.data_type in _ODD:
                odd.setdefault(_ODD[init.data_type], []).append(name)
        for dt, names in sorted(odd.items()):
            yield Violation(names[0], f"{len(names)} initializer(s) are {dt} (first: '{names[0]}'); "
                            "the toolkit converts them to float32",
                            hint="export the model in float32", data={"dtype": dt, "count": len(names)})
