from __future__ import annotations

from ...finding import Severity
from ...rule import Rule, Violation, register


@register
class BatchSize(Rule):
    """Model inputs with a static batch dimension above 1.

    What it does:
    Flags 4-D model inputs whose first dim is a fixed integer > 1.

    Why the NPU cares:
    Observed with rknn-toolkit2 2.5.0: a Conv model with input [2,3,8,8] builds for rk3588, and a 5-D
    [2,2,3,16,16] input builds too. But many NPU ops are specified for batch 1 only (Softmax, Slice,
    Tile, GRU, LogSoftmax, RoiAlign: RKNN_FACTS.md op limits), so batched graphs fall back to the CPU or
    are split; RKNN's own way to batch is config(rknn_batch_size=N) on a batch-1 model.

    Example:
    torch.onnx.export(model, torch.randn(4, 3, 224, 224), ...).

    How to fix:
    Export with batch 1 and set rknn.build(rknn_batch_size=N) (or run N inferences).

    Fix safety:
    Display-only (changing the batch changes input/output shapes).
    """

    code = "RKN102"
    name = "batch-size"
    severity = Severity.WARNING

    def check(self, ctx):
        for vi in ctx.view.inputs:
            shape = ctx.view.shape(vi.name)
            if shape and len(shape) >= 3 and isinstance(shape[0], int) and shape[0] > 1:
                yield Violation(vi.name, f"input '{vi.name}' has batch {shape[0]}; rknn-toolkit2 2.5.0 builds it, but batch-1-only "
                                "NPU ops (Softmax, Slice, Tile, GRU ...) may then run on the CPU",
                                hint="export with batch 1 and use rknn.build(rknn_batch_size=N) for batching")
