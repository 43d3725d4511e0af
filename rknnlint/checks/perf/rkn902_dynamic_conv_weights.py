from __future__ import annotations

from ...finding import Severity
from ...platforms import families_with
from ...rule import Rule, Violation, register
from ...toolkit.versions import toolkit_said


@register
class DynamicConvWeights(Rule):
    """Conv weights that are computed at run time instead of stored as an initializer.

    What it does:
    Flags a Conv / ConvTranspose whose weight input depends on a graph input (dynamic weights), on
    targets where the documentation does not support them, and grouped dynamic convs everywhere.

    Why the NPU cares:
    The User Guide says: "Currently, the RK3588/RK3576 platform supports dynamic convolution with a
    group parameter of 1. Other platforms are not supported yet." (V2.3.0 EN 10.6, docs/facts.md#dtypes).
    rknn-toolkit2 2.5.0 does better than documented: a Conv with its weight fed as a graph input built
    with the Conv on the NPU for rk3588, rk3566, rk3562, rk3576, rv1126b, rk2118 (fp16) and rv1106,
    rv1106b (int8), and a grouped (depthwise) dynamic conv built on rk3588 (observed). So this is advice
    (info): check the results on the device, since the documented support is narrower.

    Example:
    A dynamic filter network or a correlation layer: Conv(x, weight=f(y)) where y is another input.

    How to fix:
    Nothing is required for the 2.5.0 build. To follow the documented support, keep dynamic convs
    on RK3588 / RK3576 with group=1, or express the op as MatMul.

    Fix safety:
    Display-only: advice.
    """

    code = "RKN902"
    name = "dynamic-conv-weights"
    severity = Severity.INFO
    op_types = ("Conv", "ConvTranspose")

    def check_node(self, ctx, ref):
        if len(ref.inputs) < 2 or ref.graph_path:
            return
        w = ref.inputs[1]
        if ctx.view.is_initializer(w) or not ctx.view.depends_on_inputs(w):
            return
        group = int(ref.attr("group", 1) or 1)
        # dynamic_weights (rules/<family>.yaml): the families the User Guide documents dynamic conv weights for
        documented = bool(ctx.platform.fact("dynamic_weights")) and ref.op_type == "Conv"
        if documented and group == 1:
            return
        where = "/".join(f.upper() for f in families_with("dynamic_weights", ctx.lint.rules_dir or None))
        why = (f"group={group}: the docs support dynamic conv weights only with group=1" if documented else
               f"the docs support dynamic conv weights only on {where} (group=1), not {ctx.target}")
        yield Violation(ref, f"{ref.op_type} '{ref.label}' takes its weights '{w}' at run time; {why}. "
                             f"{toolkit_said(ctx)} built such convs on the NPU (observed): verify on the device",
                        hint=f"keep dynamic-weight convs to {where} with group=1, or check the results on the board")
