from __future__ import annotations

from ...finding import Severity
from ...rewrites.layernorm_epsilon import LayerNormEpsilon
from ...rule import Fix, Rule, Violation, register
from . import seen_in


@register
class LayerNormNoEpsilon(Rule):
    """LayerNormalization without an explicit epsilon attribute, which crashes rknn-toolkit2.

    What it does:
    Flags every LayerNormalization node (opset 17+) that has no 'epsilon' attribute. ONNX gives it the
    default 1e-5, but the toolkit reads the attribute directly.

    Why the NPU cares:
    Which toolkit versions crash is measured data (`crashes` in rules/toolkit/<version>.yaml, see
    docs/toolkit-versions.md); the finding names them and is silent for a version measured to build.
    rknn-toolkit2 fails in the fusion pass `_p_convert_layernorm_to_exnorm` with
    "KeyError: 'LayerNormalization'" (reported as `fuse_rule_crash(norm._p_convert_layernorm_to_exnorm)`);
    observed on rk3588, rk3566, rk3562 and rk2118 with misc_layernorm_noeps_op17.onnx. The same graph with epsilon set
    builds, LayerNorm on the NPU (docs/facts.md#known-messages, #real-exports).

    Example:
    A LayerNormalization node written by hand or by a graph tool that drops default attributes.

    How to fix:
    Add epsilon=1e-5 explicitly: `rknnlint fix MODEL` does it (the value ONNX already uses).

    Fix safety:
    Safe: 1e-5 is the ONNX default, so the outputs do not change.
    """

    code = "RKN702"
    name = "layernorm-no-epsilon"
    severity = Severity.ERROR
    fix = Fix(LayerNormEpsilon)
    op_types = ("LayerNormalization",)

    def check_node(self, ctx, ref):
        seen = seen_in(ctx, self.code)
        if seen is None:
            return
        if ref.has_attr("epsilon"):
            return
        yield Violation(ref, f"LayerNormalization '{ref.label}' has no epsilon attribute: rknn-toolkit2 crashes in "
                             f"pass _p_convert_layernorm_to_exnorm (KeyError; {seen}); set epsilon=1e-5 explicitly",
                        hint="`rknnlint fix MODEL` adds epsilon=1e-5 (the ONNX default; outputs unchanged)")
