from __future__ import annotations

from ...finding import Severity
from ...rewrites.convert_opset import ConvertOpset
from ...rule import Fix, Rule, Violation, register


@register
class OpsetRange(Rule):
    """The default-domain opset is outside what rknn-toolkit2 loads.

    What it does:
    Compares the model's ai.onnx opset with the target's window (rules/common.yaml: 7-19 loads on
    2.5.0; the docs recommend 12-19). Above the ceiling is an error; below 12 is a warning.

    Why the NPU cares:
    rknn-toolkit2 2.5.0 refuses opset 20 and above in load_onnx with "Unsupport onnx opset 21, need
    <= 19!" (observed; docs/facts.md#opset). The dynamo exporter writes opset 18-21 by default.

    Example:
    torch.onnx.export(model, x, "m.onnx", dynamo=True) writes opset 21.

    How to fix:
    Export with opset_version=13..19, or `rknnlint fix MODEL` to convert the opset (default 13).

    Fix safety:
    Safe: opset conversion keeps the numbers; the fix proves it in onnxruntime.
    """

    code = "RKN201"
    name = "opset-out-of-range"
    severity = Severity.ERROR
    fix = Fix(ConvertOpset)

    def check(self, ctx):
        lo, hi = ctx.platform.opset_window
        rec = int(ctx.platform.facts.get("opset", {}).get("recommended_min", 12))
        opset = ctx.view.opset
        if opset > hi:
            yield Violation(None, f"opset {opset} is above {hi}; rknn-toolkit2 refuses it: 'Unsupport onnx opset {opset}, need <= {hi}!'",
                            hint="export with opset_version=17 (or 13), or run `rknnlint fix` to convert it",
                            data={"opset": opset, "max": hi})
        elif opset < lo:
            yield Violation(None, f"opset {opset} is below {lo}, the oldest the toolkit was seen to load",
                            hint="re-export with opset_version=13", data={"opset": opset})
        elif opset < rec:
            yield Violation(None, f"opset {opset} is below {rec}, the oldest Rockchip documents (12-19)",
                            severity=Severity.WARNING, hint="re-export with opset_version=13 to stay inside the documented window",
                            data={"opset": opset})
