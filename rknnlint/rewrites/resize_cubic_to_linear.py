"""resize-cubic-to-linear: Resize mode=cubic becomes mode=linear (the numbers change)."""
from __future__ import annotations

import onnx

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
from ._walk import get_attr, set_attr

CUBIC_ONLY = ("cubic_coeff_a", "exclude_outside")


@register_rewrite
class ResizeCubicToLinear(Rewrite):
    """The rknn-toolkit2 2.5.0 compiler segfaults on Resize mode=cubic (docs/facts.md#npu-limits). Where the exact
    rewrite (resize-cubic-to-conv: integer factors) does not apply, bilinear interpolation is the usual
    replacement. Unsafe: the outputs change (the proof reports by how much). RKN701's Fix names it as the
    fallback of resize-cubic-to-conv."""

    name = "resize-cubic-to-linear"
    summary = "cubic Resize to linear (changes the numbers)"
    applicability = Applicability.UNSAFE
    tolerance = Tolerance(approximate=True)

    def apply(self, model: onnx.ModelProto, options: RewriteOptions) -> RewriteResult:
        out = copy_model(model)
        changed = []
        for n in out.graph.node:
            if n.op_type == "Resize" and n.domain in ("", "ai.onnx") and get_attr(n, "mode") in (b"cubic", "cubic"):
                set_attr(n, "mode", "linear")
                keep = [a for a in n.attribute if a.name not in CUBIC_ONLY]
                del n.attribute[:]
                n.attribute.extend(keep)
                tag(n, self.name, options.codes)
                changed.append(n.name or n.output[0])
        if not changed:
            return RewriteResult(model, False, ["no cubic Resize"])
        return RewriteResult(out, True, [f"Resize {', '.join(repr(c) for c in changed[:4])} cubic -> linear: the "
                                         "outputs change (bilinear instead of bicubic)"])
