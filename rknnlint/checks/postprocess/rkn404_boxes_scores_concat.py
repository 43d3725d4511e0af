from __future__ import annotations

from ...heads import shape_text
from ...rule import register
from ._common import HeadRule


@register
class BoxesScoresConcat(HeadRule):
    """Decoded boxes and class scores concatenated into one tensor.

    What it does:
    Flags a Concat whose inputs mix decoded box coordinates (after grid / anchor / DFL arithmetic) with
    sigmoid scores, as in YOLOv5's [1, N, 85] and YOLOv8's [1, 4+nc, N] outputs.

    Why the NPU cares:
    An int8 build quantizes each tensor with one scale and zero point. Box coordinates reach the input
    size (hundreds of pixels) while scores live in 0..1, so with a shared scale of about 2.5 / 255 most
    scores round to zero or to a handful of levels and detections disappear. rknn_model_zoo keeps boxes
    and scores in separate outputs for this reason ("post-process block in model is unfriendly for
    quantization", docs/facts.md#detector-exports). An fp16 build is not affected by the range, but still runs
    the concat and decode in the model.

    Example:
    YOLOv8 export: Concat(axis=1)([dbox * stride [1,4,N], sigmoid(cls) [1,nc,N]]) -> output0 [1, 4+nc, N].

    How to fix:
    Cut the head at the named tensors (`rknnlint fix MODEL --unsafe-fixes --cut-head auto`), or at least
    export boxes and scores as two outputs.

    Fix safety:
    Unsafe: the outputs change; the written tail model reproduces the original outputs exactly.
    """

    code = "RKN404"
    name = "boxes-scores-concat"

    def check_head(self, ctx, hb):
        why = ("an int8 build quantizes both with one scale, which rounds the 0..1 scores to zero"
               if ctx.quantized else "an int8 build would quantize both with one scale and round the scores to zero")
        for ref in hb.markers_of("concat"):
            shape = ctx.view.shape(ref.outputs[0])
            shown = "" if shape is None else " into " + shape_text(shape)
            yield self.at(ref, f"Concat '{ref.label}' joins decoded boxes with scores{shown}: {why}", hb)
