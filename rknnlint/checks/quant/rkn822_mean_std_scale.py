from __future__ import annotations

from ...finding import Severity
from ...rule import Rule, Violation, register


@register
class MeanStdScale(Rule):
    """mean/std given on a 0-1 scale (0.485 / 0.229) for an image input the toolkit feeds 0-255 pixels.

    What it does:
    With a source config (`check --source`), and in `build` / `package` (from `--mean/--std` or the source
    config), fires when every std is below 1 and every mean within 0..1 for a 4-D image input: the
    normalisation of a training script that divides by 255 first (torchvision's 0.485/0.229), copied as is.

    Why the NPU cares:
    rknn-toolkit2 bakes mean_values/std_values into the model and applies (pixel - mean) / std to the values
    it is given: 0-255 pixels (images in the calibration list, uint8 frames on the board). With std 0.229 a
    pixel of 255 becomes about 1100 where the model was trained on about 2.2. The build succeeds and says
    nothing; the outputs are garbage, in float16 and int8 alike.

    Example:
    onnx_source.yaml: `mean: [0.485, 0.456, 0.406]`, `std: [0.229, 0.224, 0.225]`, input [1, 3, 224, 224].

    How to fix:
    Multiply both by 255: mean [123.675, 116.28, 103.53], std [58.395, 57.12, 57.375]. If the model really
    takes values already scaled to 0..1, feed floats and say so in the source config's notes.

    Fix safety:
    No automatic fix: the source config is the team's.
    """

    code = "RKN822"
    name = "mean-std-scale"
    severity = Severity.WARNING

    def check(self, ctx):
        src = ctx.source
        if src is None:
            return
        from ...workflow.calibration_set import scale_problem

        images = [i for i in src.inputs if len(i.get("shape") or []) == 4]
        if not images:
            return
        p = scale_problem(src.mean, src.std, f"image input '{images[0]['name']}'")
        if p is not None:
            yield Violation(None, p.message, hint=p.hint, data={"mean": list(src.mean), "std": list(src.std)})
