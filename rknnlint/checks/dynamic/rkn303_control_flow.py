from __future__ import annotations

from ...finding import Severity
from ...rewrites.fold_control_flow import FoldControlFlow
from ...rule import Fix, Rule, Violation, register
from ...toolkit.versions import toolkit_said


@register
class ControlFlow(Rule):
    """If, Loop and Scan nodes (control flow), in the main graph and inside subgraphs.

    What it does:
    Flags every If, Loop and Scan node. An If whose condition is an initializer is called out
    separately because the toolkit crashes on it instead of reporting it.

    Why the NPU cares:
    The NPU runs one static dataflow graph. rknn-toolkit2 reports "The If('') will cause the graph to be a
    dynamic graph!" (airockchip/rknn-toolkit2 #107) although the op list says If takes a constant input.
    Observed with 2.5.0: an If whose condition is an initializer 'c' crashes load_onnx with KeyError: 'c' (the condition's name);
    an If whose condition is computed from input data fails too (docs/facts.md#dynamic-graph).

    Example:
    torch.jit.script-ed `if x.sum() > 0:` exported as If; a decoder loop exported as Loop.

    How to fix:
    `rknnlint fix MODEL` inlines an If whose condition is constant and unrolls a Loop with a constant
    trip count (fold-control-flow); otherwise export a traced (not scripted) model so the branch is
    resolved, or inline the taken branch and unroll fixed loops yourself (onnxsim / onnxslim).

    Fix safety:
    Safe where the outcome is constant: `rknnlint fix` (rewrite fold-control-flow) inlines an If whose condition
    is constant after folding and unrolls a Loop with a constant trip count (at most 64), exactly. An If that
    selects on an input fixed at deployment folds with `--input-value NAME=VALUE`. Other control flow stays.
    """

    code = "RKN303"
    name = "control-flow"
    severity = Severity.ERROR
    fix = Fix(FoldControlFlow)
    op_types = ("If", "Loop", "Scan")

    def check_node(self, ctx, ref):
        if ref.op_type == "If" and ref.inputs and ctx.view.is_initializer(ref.inputs[0]):
            yield Violation(
                ref,
                f"If '{ref.name}' has a constant condition (initializer '{ref.inputs[0]}'); {toolkit_said(ctx)} "
                f"crashes in load_onnx with KeyError: '{ref.inputs[0]}'",
                hint="inline the branch that is taken (onnxslim / onnxsim fold a constant If) before converting")
            return
        yield Violation(
            ref,
            f"{ref.op_type} '{ref.name}' is control flow; {toolkit_said(ctx)} cannot build it "
            "(it makes the graph dynamic)",
            hint="export with tracing so branches resolve, unroll fixed loops, or move this part to CPU code")
