from __future__ import annotations

from ...finding import Severity
from ...rule import Rule, Violation, register
from ...toolkit.versions import toolkit_said


@register
class FpBuildUnsupported(Rule):
    """A build dtype the target cannot produce: float16 on RV1103/RV1106/RV1103B/RV1106B, int8 on RK2118.

    What it does:
    Reports, once per model, when the planned build (--dtype, default float16) is one the target does
    not support: the families whose facts say fp16_build: false or int8_build: false.

    Why the NPU cares:
    rknn-toolkit2 2.5.0 refuses the float16 build for the int8-only NPUs: "E build: Current
    target_platform(rv1106) not support do_quantization = False!" (observed for rv1106, rv1103b and
    rv1106b; docs/facts.md#dtypes). RK2118 is float16-only ("w8a8: RK2118 not supported", API Reference
    V2.3.2); an int8 build for rk2118 aborted the compiler with "Meet unsupported conv, input tensor
    name: x input type: 3" (SIGABRT, observed with 2.5.0).

    Example:
    `rknnlint check model.onnx --target rv1106` with the default float16 build.

    How to fix:
    Quantize for RV1103/RV1106/RV1103B/RV1106B: rknn.build(do_quantization=True, dataset=...) and check
    with --dtype int8. Build RK2118 models in float16 (do_quantization=False).

    Fix safety:
    Display-only: the build options change, not the model.
    """

    code = "RKN903"
    name = "fp-build-unsupported"
    severity = Severity.ERROR

    def check(self, ctx):
        p = ctx.platform
        if not ctx.quantized and p.fact("fp16_build", True) is False:
            yield Violation(None, f"{ctx.target} cannot build float16 models: {toolkit_said(ctx)} stops with "
                                  f"'Current target_platform({ctx.target}) not support do_quantization = False!'",
                            hint="quantize: rknn.build(do_quantization=True, dataset=...); check with --dtype int8",
                            data={"dtype": ctx.dtype})
        elif ctx.quantized and p.fact("int8_build", True) is False:
            yield Violation(None, f"{ctx.target} cannot build int8 models (float16 only): {toolkit_said(ctx)} aborts "
                                  "the compile ('Meet unsupported conv')",
                            hint="build with do_quantization=False (float16)", data={"dtype": ctx.dtype})
