from __future__ import annotations

from ...rule import register
from ._common import HeadRule


@register
class EmbeddedNms(HeadRule):
    """NonMaxSuppression or TopK selection exported inside the model.

    What it does:
    Flags every NonMaxSuppression node (and the TensorRT NMS plugins) and every TopK in the
    post-processing after a detector's last convolutions, and names the tensors where the NPU part of
    the model should end (the outputs of the last conv of each head branch, found by rknnlint.heads).

    Why the NPU cares:
    The NPU has no NMS: its output count depends on the data, which makes the graph dynamic. rknn-toolkit2
    2.5.0 stops the build with "The input 0 of NonMaxSuppression('nms') need to be constant! It will
    cause the graph to be a dynamic graph!" (observed on det_tiny_topk_nms_op11.onnx; that error is
    reported by RKN301). TopK with a constant K builds but runs on the CPU (docs/facts.md#observed-platforms). Rockchip's
    own detector exports stop at the head convolutions and run selection and NMS on the CPU
    (docs/facts.md#detector-exports; User Guide FAQ 10.6).

    Example:
    An end-to-end export: ... Conv -> Sigmoid -> Reshape -> TopK -> Gather -> NonMaxSuppression.

    How to fix:
    Cut the head with `rknnlint fix MODEL --unsafe-fixes --cut-head auto`: the tensors named in the finding
    become the outputs, and the removed tail is written as its own ONNX model to run on the CPU after
    the NPU. Or export without NMS (ultralytics: nms=False; mmdet/torchvision: export the raw head).

    Fix safety:
    Unsafe: the model's outputs change (raw head tensors instead of detections); the written tail model
    gives back the original outputs exactly.
    """

    code = "RKN401"
    name = "embedded-nms"

    def check_head(self, ctx, hb):
        for ref in hb.markers_of("nms"):
            yield self.at(ref, f"{ref.op_type} '{ref.label}' is post-processing inside the model; the NPU cannot "
                               "run it (data-dependent output)", hb)
        for ref in hb.markers_of("topk"):
            yield self.at(ref, f"TopK '{ref.label}' selects detections inside the model; it runs on the CPU at best "
                               "and fails when K is not constant", hb)
