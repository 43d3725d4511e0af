from __future__ import annotations

from ...heads import shape_text
from ...rule import register
from ._common import HeadRule


@register
class DflDecode(HeadRule):
    """DFL (distribution focal loss) box decoding exported inside a detector.

    What it does:
    Flags a Softmax over the regression bins (16 in YOLOv6/v8/v11) that is followed by the expectation:
    a 1x1 Conv or MatMul with constant weights 0..R-1, or a Mul by 0..R-1 and ReduceSum. Names the
    tensors where the NPU part should end (the [1, 4*R, H, W] box convs and the score convs).

    Why the NPU cares:
    In stock ultralytics exports this block crashes rknn-toolkit2 2.5.0 (fusion pass
    `_p_seperate_conv_rs_split`, see RKN704). Where it builds, the Softmax over a reshaped
    [1, 4, 16, N] tensor needs Transposes around it and is slow: Rockchip's YOLOv8 / YOLO11 exports
    "remove dfl structure at the end of the model (which slowdown the inference speed on NPU device)"
    and output the raw [1, 64, H, W] logits per stride (airockchip/ultralytics_yolov8 RKOPT_README,
    docs/facts.md#detector-exports).

    Example:
    ultralytics DFL: Reshape [1,4,16,N] -> Transpose -> Softmax(axis=1) -> Conv(1x1, weights 0..15).

    How to fix:
    Cut the head at the named tensors (`rknnlint fix MODEL --unsafe-fixes --cut-head auto`) and compute
    the DFL on the CPU, or export with airockchip/ultralytics_yolov8 (format=rknn). `--cut-head zoo` gives
    that fork's output layout (box logits, class scores and their clipped sum per stride), which the
    rknn_model_zoo demos decode unchanged (docs/fixing.md#zoo-layout).

    Fix safety:
    Unsafe: the outputs become the per-branch raw logits and scores; the written tail model reproduces
    the original outputs exactly.
    """

    code = "RKN403"
    name = "dfl-decode"

    def check_head(self, ctx, hb):
        for ref in hb.markers_of("dfl"):
            shape = ctx.view.shape(ref.inputs[0]) if ref.inputs else None
            shown = "" if shape is None else " over " + shape_text(shape)
            yield self.at(ref, f"DFL decode inside the model: Softmax '{ref.label}'{shown} followed by the bin "
                               "expectation", hb)
