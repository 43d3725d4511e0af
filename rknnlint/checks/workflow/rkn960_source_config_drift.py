from __future__ import annotations

from ...finding import Severity
from ...rule import Rule, Violation, register


@register
class SourceConfigDrift(Rule):
    """A critical preprocessing or interface value changed between phases or contradicts the model.

    What it does:
    With a source config (`--source onnx_source.yaml`), compares the values that must never change
    (input shapes, layout, colour order, mean/std, padding colour, class names, preprocessing
    method and interpolation) with the config of the
    phase before it, and checks the config against the model: input names and shapes, class count vs
    the output channels. Silent without a source config.

    Why the NPU cares:
    rknn-toolkit2 bakes mean_values/std_values and the colour order into the .rknn at build time
    (rknn.config); a drifted value converts without any message and the board sees other pixels.
    Preprocessing drift is the first cause of accuracy lost after conversion.

    Example:
    pt_source.yaml says mean [0, 0, 0], std [255, 255, 255], RGB; onnx_source.yaml says BGR.

    How to fix:
    Copy the critical values from the previous phase unchanged (rknnlint package and build write the
    next phase's config for you), or re-export the model with the configured input shape.

    Fix safety:
    Not fixable automatically: which side is right is the team's decision.
    """

    code = "RKN960"
    name = "source-config-drift"
    severity = Severity.ERROR

    def check(self, ctx):
        src = getattr(ctx, "source", None)
        if src is None:
            return
        from ...workflow.source import check_against_model, compare_critical

        if src.previous is not None:
            for line in compare_critical(src.previous, src):
                yield Violation(None, f"source config drift: {line}",
                                hint="copy the critical value from the previous phase unchanged")
        for line in check_against_model(src, ctx.view):
            yield Violation(None, f"source config contradicts the model: {line}",
                            hint="fix the source config or re-export the model to match it")
