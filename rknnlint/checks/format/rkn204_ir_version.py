from __future__ import annotations

from ...finding import Severity
from ...rule import Rule, Violation, register

PINNED_IR = 11  # onnx 1.18, the newest onnx that installs beside rknn-toolkit2 2.5.0
MIN_IR = 3  # oldest observed to load


@register
class IrVersion(Rule):
    """ONNX IR version outside what the pinned onnx (<= 1.18) reads.

    What it does:
    Flags a model whose ir_version is newer than onnx 1.18 understands (IR 11), or older than IR 3.

    Why the NPU cares:
    rknn-toolkit2 2.5.0 requires onnx <= 1.18, which rejects newer IR versions when it checks the model.
    Observed with 2.5.0: IR versions 3, 9, 10 and 11 all load and build (docs/facts.md#opset: no documented
    limit), so only versions outside that window are flagged.

    Example:
    A model saved by onnx >= 1.19 with ir_version 12.

    How to fix:
    Set model.ir_version to 10 or 11 (safe when only standard ops up to opset 19 are used), or export
    with the onnx version that ships with the toolkit.

    Fix safety:
    Safe when the graph uses no IR-12 features.
    """

    code = "RKN204"
    name = "ir-version"
    severity = Severity.ERROR

    def check(self, ctx):
        ir = ctx.view.model.ir_version
        if ir > PINNED_IR:
            yield Violation(None, f"model IR version {ir} is newer than onnx 1.18 (pinned with rknn-toolkit2 2.5.0) reads "
                            f"(<= {PINNED_IR})", hint=f"set model.ir_version = {PINNED_IR} or re-export with onnx <= 1.18")
        elif ir < MIN_IR:
            yield Violation(None, f"model IR version {ir} is older than any rknn-toolkit2 2.5.0 was seen to load (>= {MIN_IR})",
                            hint="re-save the model with a current onnx (onnx.version_converter)")
