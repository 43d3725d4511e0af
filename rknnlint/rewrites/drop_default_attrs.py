"""drop-default-attrs: remove attributes that only restate the op schema's default value."""
from __future__ import annotations

import onnx

from ._base import (
    Applicability,
    Rewrite,
    RewriteOptions,
    RewriteResult,
    copy_model,
    listed,
    opset_of,
    register_rewrite,
    tag,
)
from ._walk import nodes

# Attributes the toolkit's own onnx checks reject although they hold the default (observed with 2.5.0:
# "onnx.checker.ValidationError: Unrecognized attribute: layout for operator LSTM" on dynamo exports).
TARGETS = {"LSTM": ("layout",), "GRU": ("layout",), "RNN": ("layout",)}


@register_rewrite
class DropDefaultAttrs(Rewrite):
    """The dynamo exporter writes `layout=0` on LSTM / GRU / RNN. rknn-toolkit2 2.5.0 validates the model
    against an older schema and stops with "Unrecognized attribute: layout for operator LSTM". An
    attribute that states the schema default means nothing: removing it is exact. RKN205
    (unknown-attribute) names it."""

    name = "drop-default-attrs"
    summary = "remove LSTM/GRU/RNN layout=0 and other attributes equal to the schema default"
    applicability = Applicability.SAFE

    def apply(self, model: onnx.ModelProto, options: RewriteOptions) -> RewriteResult:
        out = copy_model(model)
        opset = opset_of(out)
        removed = []
        for n in nodes(out):
            if n.domain not in ("", "ai.onnx") or n.op_type not in TARGETS:
                continue
            try:
                schema = onnx.defs.get_schema(n.op_type, opset, "")
            except onnx.defs.SchemaError:
                continue
            for i in reversed(range(len(n.attribute))):
                a = n.attribute[i]
                if a.name not in TARGETS[n.op_type] or a.name not in schema.attributes:
                    continue
                d = schema.attributes[a.name].default_value
                if d.name and onnx.helper.get_attribute_value(d) == onnx.helper.get_attribute_value(a):
                    del n.attribute[i]
                    tag(n, self.name, options.codes)
                    removed.append(f"{n.op_type} '{n.name or n.output[0]}' {a.name}")
        if not removed:
            return RewriteResult(model, False, ["no attribute that only restates its default"])
        return RewriteResult(out, True, [f"removed {listed(removed, 4, quote=False)}"])
