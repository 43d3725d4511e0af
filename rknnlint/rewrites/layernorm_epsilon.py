"""layernorm-epsilon: write the default epsilon (1e-5) into LayerNormalization nodes that omit it."""
from __future__ import annotations

import onnx

from ._base import (
    Applicability,
    Rewrite,
    RewriteOptions,
    RewriteResult,
    copy_model,
    listed,
    register_rewrite,
    tag,
)
from ._walk import nodes

DEFAULT_EPSILON = 1e-5  # the ONNX default, so the numbers do not change


@register_rewrite
class LayerNormEpsilon(Rewrite):
    """rknn-toolkit2 2.5.0 crashes in _p_convert_layernorm_to_exnorm (KeyError) on a LayerNormalization
    without an explicit epsilon (docs/facts.md#observed-placement); with epsilon=1e-5 the same node builds as exNorm.
    Writing the default value keeps the outputs bit-identical."""

    name = "layernorm-epsilon"
    summary = "add the explicit default epsilon=1e-5 to LayerNormalization"
    applicability = Applicability.SAFE

    def apply(self, model: onnx.ModelProto, options: RewriteOptions) -> RewriteResult:
        out = copy_model(model)
        fixed = []
        for n in nodes(out):
            if n.op_type == "LayerNormalization" and n.domain in ("", "ai.onnx") and \
                    not any(a.name == "epsilon" for a in n.attribute):
                n.attribute.append(onnx.helper.make_attribute("epsilon", DEFAULT_EPSILON))
                tag(n, self.name, options.codes)
                fixed.append(n.name or n.output[0])
        if not fixed:
            return RewriteResult(model, False, ["no LayerNormalization without epsilon"])
        shown = listed(fixed, 4)
        return RewriteResult(out, True, [f"epsilon=1e-5 (the ONNX default) written into LayerNormalization {shown}"])
