from __future__ import annotations

from ...finding import Severity
from ...rule import Rule, Violation, register
from ...toolkit.versions import toolkit_said

RANDOM_OPS = ("RandomNormal", "RandomNormalLike", "RandomUniform", "RandomUniformLike", "Multinomial", "Bernoulli")


@register
class RandomOp(Rule):
    """Random-number ops (RandomNormal*, RandomUniform*, Multinomial, Bernoulli).

    What it does:
    Flags every random-number node: an error where the op's build was measured to fail with the checked
    toolkit version on the target's family (rules/measured/<family>-<version>.yaml, placement 'fails') or
    where that family was not measured with that version; a warning where the measured build succeeds.

    Why the NPU cares:
    Observed with rknn-toolkit2 2.5.0 (RandomNormalLike + Add): constant folding stops the build with
    "Found Random node 'r', which is not supported, please remove it manually and try again!"; the 2.5.0
    probe fails on all four RandomNormal / RandomUniform ops on every measured family. With 2.3.2 the same
    probes build (rk3588, rk3576, rk3566): RandomNormalLike / RandomUniformLike run on the CPU, and
    RandomNormal / RandomUniform of a constant shape leave no random layer (placement 'rewrite', an Add on
    the NPU). Multinomial and Bernoulli build on the CPU with both versions. They are usually training-only
    leftovers (noise injection).

    Example:
    A model exported in training mode with noise augmentation: RandomNormalLike + Add.

    How to fix:
    Export in eval mode (model.eval()) so the random branch disappears, or remove the node.

    Fix safety:
    Display-only: removing a random op changes outputs.
    """

    code = "RKN305"
    name = "random-op"
    severity = Severity.ERROR
    op_types = RANDOM_OPS

    def check_node(self, ctx, ref):
        fact = ctx.placement(ref.op_type)
        if fact is not None and fact.observed and fact.observed == ctx.toolkit_version and \
                fact.placement not in ("fails", "unsupported"):
            what = {"cpu": "runs on the CPU", "npu": "runs on the NPU", "fold": "is folded away",
                    "rewrite": "leaves no random layer"}.get(fact.placement, fact.placement)
            yield Violation(ref, f"{ref.op_type} '{ref.label}' generates random numbers; measured with rknn-toolkit2 "
                                 f"{fact.observed} on {ctx.family}, the build succeeds and the op {what}"
                                 + (f" ({fact.note})" if fact.note else ""),
                            hint="export with model.eval() so training-only randomness is removed",
                            severity=Severity.WARNING, data={"op": ref.op_type, "source": fact.source})
            return
        yield Violation(ref, f"{ref.op_type} '{ref.name}' generates random numbers; {toolkit_said(ctx)} fails: "
                        f"\"Found Random node '{ref.outputs[0] if ref.outputs else ref.name}', which is not supported\"",
                        hint="export with model.eval() so training-only randomness is removed")
