from __future__ import annotations

from ...finding import Severity
from ...rewrites.convert_opset import ConvertOpset
from ...rule import Fix, Rule, Violation, register

MIN_IR = 3  # oldest observed to load


@register
class IrVersion(Rule):
    """ONNX IR version outside what the onnx pinned by the toolkit version reads.

    What it does:
    Flags a model whose ir_version is newer than the onnx inside the toolkit version's pins understands
    (`max_ir_version` in rules/toolkit/<version>.yaml: IR 11 for 2.3.x and 2.5.0 with onnx 1.18, IR 9 for
    2.2.0 with its exact onnx 1.14.1 pin), or older than IR 3.

    Why the NPU cares:
    rknn-toolkit2 loads the model with the onnx it pins, which rejects newer IR versions when it checks the
    model. Observed with 2.5.0: IR versions 3, 9, 10 and 11 all load and build (docs/facts.md#opset: no documented limit), so
    only versions outside that window are flagged.

    Example:
    A model saved by onnx >= 1.19 with ir_version 12.

    How to fix:
    `rknnlint fix MODEL` lowers the IR version to what the toolkit's onnx reads (convert-opset; safe when
    only standard ops up to opset 19 are used), or export with the onnx version that ships with the toolkit.

    Fix safety:
    Safe when the graph uses no IR-12 features.
    """

    code = "RKN204"
    name = "ir-version"
    severity = Severity.ERROR
    fix = Fix(ConvertOpset)

    def check(self, ctx):
        from ...toolkit.versions import facts, version_of

        ir = ctx.view.model.ir_version
        version = version_of(ctx)
        pinned = facts(version).max_ir_version
        if ir > pinned:
            yield Violation(None, f"model IR version {ir} is newer than the onnx pinned with rknn-toolkit2 {version} "
                            f"reads (<= {pinned})", hint=f"set model.ir_version = {pinned} or re-export with the onnx "
                            "that installs beside the toolkit")
        elif ir < MIN_IR:
            yield Violation(None, f"model IR version {ir} is older than any rknn-toolkit2 was seen to load (>= {MIN_IR})",
                            hint="re-save the model with a current onnx (onnx.version_converter)")
