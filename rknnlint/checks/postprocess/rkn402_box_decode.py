from __future__ import annotations

from ...rule import register
from ._common import HeadRule


@register
class BoxDecode(HeadRule):
    """Box decoding (grid, anchor and stride arithmetic) exported inside a detector.

    What it does:
    Flags the grid / anchor / stride arithmetic after a detector's head activations: Mul, Add, Sub, Div
    or Pow with a constant operand, applied to a Sigmoid, Exp or DFL result (typically after slicing
    xy / wh apart), in the part of the graph after the last convolutions. One finding per model, on
    the first decode node, naming the tensors where the NPU part should end.

    Why the NPU cares:
    The decode runs on tensors of shape [1, N, 4+nc] or 5-D [1, 3, H, W, 85]: Slice, Concat, Reshape and
    elementwise ops that the User Guide lists as inefficient on the NPU (Table 8-5, docs/facts.md#inefficient-ops);
    5-D tensors are rewritten or sent to the CPU (rk3566: the YOLOv5 head's Reshape and Transpose ran
    on the CPU, docs/facts.md#observed-platforms). With int8, pixel-scale box coordinates and 0..1 scores share
    quantization ranges, which costs accuracy. rknn_model_zoo's YOLO exports remove the decode
    ("post-process block in model is unfriendly for quantization", docs/facts.md#detector-exports).

    Example:
    YOLOv5 Detect: Conv -> Reshape [1,3,85,H,W] -> Transpose -> Sigmoid -> (xy * 2 - 0.5 + grid) * stride.

    How to fix:
    Cut the head at the named tensors (`rknnlint fix MODEL --unsafe-fixes --cut-head auto`) and decode on
    the CPU, or export with the decode disabled.

    Fix safety:
    Unsafe: the outputs become the raw head tensors; the written tail model reproduces the original
    outputs exactly.
    """

    code = "RKN402"
    name = "box-decode"

    def check_head(self, ctx, hb):
        refs = hb.markers_of("decode")
        if not refs:
            return
        first = refs[0]
        plural = "s" if len(refs) > 2 else ""
        more = f" (and {len(refs) - 1} more decode node{plural})" if len(refs) > 1 else ""
        yield self.at(first, f"box decoding inside the model: {first.op_type} '{first.label}' applies grid / anchor / "
                             f"stride constants to head activations{more}", hb, decode_nodes=[r.label for r in refs])
