from __future__ import annotations

from ...finding import Severity
from ...rewrites.resize_cubic_to_conv import ResizeCubicToConv
from ...rewrites.resize_cubic_to_linear import ResizeCubicToLinear
from ...rule import Fix, Rule, Violation, register
from . import seen_in


@register
class ResizeCubic(Rule):
    """Resize with mode='cubic', which crashes the rknn-toolkit2 compiler.

    What it does:
    Flags every Resize (and opset-9 Upsample) whose mode is 'cubic' and whose input is not a constant.

    Why the NPU cares:
    Which toolkit versions crash is measured data (`crashes` in rules/toolkit/<version>.yaml, see
    docs/toolkit-versions.md); the finding names them and is silent for a version measured to build.
    The NPU Resize supports only nearest and linear (Compiler op list V2.3.2 5.2, docs/facts.md#npu-limits).
    With a cubic Resize rknn-toolkit2 does not fall back to the CPU: the native compiler dies with
    signal 11 (segfault, exit 139, no message) during build(). Observed on rk3588, rk3566, rk3562 and rk2118 with
    misc_resize_cubic_op13.onnx; the same model with mode='linear' builds. The public report
    https://github.com/airockchip/rknn-toolkit2/issues/502 (nn.Upsample(mode='bicubic'), opset 12 or 19, a
    segfault with 2.3.0 and 2.3.2, bilinear works) was reproduced: killed by SIGSEGV with 2.3.0, 2.3.2 and 2.5.0 on
    all seven families (scripts/verify_crashes.py --only RKN701).

    Example:
    F.interpolate(x, scale_factor=2, mode='bicubic') exported as Resize(mode='cubic').

    How to fix:
    `rknnlint fix MODEL` rewrites a cubic Resize by an integer factor 2-8 as Pad + depthwise Conv +
    DepthToSpace (resize-cubic-to-conv, exact, all NPU ops); other factors need `rknnlint fix MODEL
    --unsafe-fixes`, which switches them to bilinear (resize-cubic-to-linear). Or export with bilinear
    interpolation, or do the resize on the CPU outside the model.

    Fix safety:
    Safe where resize-cubic-to-conv applies (the same numbers, proven in onnxruntime); unsafe elsewhere:
    linear interpolation gives slightly different numbers than cubic.
    """

    code = "RKN701"
    name = "resize-cubic"
    severity = Severity.ERROR
    fix = Fix(ResizeCubicToConv, fallback=Fix(ResizeCubicToLinear))
    op_types = ("Resize", "Upsample")

    def check_node(self, ctx, ref):
        seen = seen_in(ctx, self.code)
        if seen is None:
            return
        mode = ref.attr("mode", b"nearest")
        mode = mode.decode() if isinstance(mode, bytes) else str(mode)
        if mode != "cubic" or not ref.inputs or ctx.view.is_constant(ref.inputs[0]):
            return
        yield Violation(ref, f"{ref.op_type} '{ref.label}' uses mode='cubic': the rknn-toolkit2 compiler crashes "
                             f"(segmentation fault during build; {seen}); use mode='linear'",
                        hint="`rknnlint fix MODEL` (exact for integer factors 2-8; other factors: --unsafe-fixes, "
                             "cubic -> linear), or export with bilinear interpolation")
