from __future__ import annotations

from ...finding import Severity
from ...rule import Rule, Violation, register
from ...toolkit.versions import toolkit_said


@register
class BatchSize(Rule):
    """Model inputs with a static batch dimension above 1.

    What it does:
    Flags 4-D model inputs whose first dim is a fixed integer > 1.

    Why the NPU cares:
    Observed with rknn-toolkit2 2.5.0: a Conv model with input [2,3,8,8] builds for rk3588, and a 5-D
    [2,2,3,16,16] input builds too; Conv + Softmax at batch 2 stays on the NPU (exSoftmax13) on rk3588
    and rk3566, although the op docs list Softmax, Slice, Tile, GRU, LogSoftmax and RoiAlign as batch 1
    only (docs/facts.md#npu-limits, #cpu-ops). So this is advice, not a failure: the documented way to batch is
    rknn.build(rknn_batch_size=N) on a batch-1 model, and the docs' batch-1 limits are not guaranteed.

    Example:
    torch.onnx.export(model, torch.randn(4, 3, 224, 224), ...).

    How to fix:
    Export with batch 1 and set rknn.build(rknn_batch_size=N) (or run N inferences).

    Fix safety:
    Display-only (changing the batch changes input/output shapes).
    """

    code = "RKN102"
    name = "batch-size"
    severity = Severity.INFO

    def check(self, ctx):
        for vi in ctx.view.inputs:
            shape = ctx.view.shape(vi.name)
            if shape and len(shape) >= 3 and isinstance(shape[0], int) and shape[0] > 1:
                yield Violation(vi.name, f"input '{vi.name}' has batch {shape[0]}; {toolkit_said(ctx)} builds it, but the RKNN docs "
                                "specify Softmax, Slice, Tile, GRU ... for batch 1 only",
                                hint="export with batch 1 and use rknn.build(rknn_batch_size=N) for batching")
