"""pad-drop-empty-value: a Pad's trailing empty constant_value input ('') left out."""
from __future__ import annotations

import onnx

from ._base import Applicability, Rewrite, RewriteOptions, RewriteResult, begin, listed, register_rewrite, tag


@register_rewrite
class PadDropEmptyValue(Rewrite):
    """rknn-toolkit2 2.3.0 and 2.3.2 kill the rv1106b int8 build (SIGSEGV in OpEmit) on a Pad with non-zero pads whose
    constant_value input is the empty name torch writes for F.pad (RKN709 crash patterns pad-empty-constant-value,
    HGNetV2's stem, pad-empty-constant-value-wide, Wav2Vec2-BERT's causal conv padding, and pad-window-channels-last,
    DaViT's window padding); the same Pad without that input was measured
    to build. An empty optional input and a missing one mean the same (constant_value 0), so leaving the trailing
    empty inputs out changes no value."""

    name = "pad-drop-empty-value"
    summary = "Pad(x, pads, '') -> Pad(x, pads) (exact)"
    applicability = Applicability.SAFE

    def apply(self, model: onnx.ModelProto, options: RewriteOptions) -> RewriteResult:
        view, out, _names = begin(model, "pad_drop_empty_value")
        fixed = []
        for ref, n in zip(view.main_nodes, out.graph.node):
            if n.op_type != "Pad" or ref.graph_path or len(n.input) < 3 or n.input[-1]:
                continue
            keep = list(n.input)
            while len(keep) > 2 and not keep[-1]:
                keep.pop()
            del n.input[:]
            n.input.extend(keep)
            tag(n, self.name, options.codes)
            fixed.append(n.name or n.output[0])
        if not fixed:
            return RewriteResult(model, False, ["no Pad with an empty trailing input"])
        return RewriteResult(out, True, [f"Pad {listed(fixed)}: empty constant_value input left out"])
