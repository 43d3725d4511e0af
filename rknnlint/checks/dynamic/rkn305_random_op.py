from __future__ import annotations

from ...finding import Severity
from ...rule import Rule, Violation, register
from ...toolkit.versions import toolkit_said

RANDOM_OPS = ("RandomNormal", "RandomNormalLike", "RandomUniform", "RandomUniformLike", "Multinomial", "Bernoulli")


@register
class RandomOp(Rule):
    """Random-number ops (RandomNormal*, RandomUniform*, Multinomial, Bernoulli).

    What it does:
    Flags every random-number node.

    Why the NPU cares:
    Observed with rknn-toolkit2 2.5.0 (RandomNormalLike + Add): constant folding stops the build with
    "Found Random node 'r', which is not supported, please remove it manually and try again!". They are
    usually training-only leftovers (noise injection).

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
        yield Violation(ref, f"{ref.op_type} '{ref.name}' generates random numbers; {toolkit_said(ctx)} fails: "
                        f"\"Found Random node '{ref.outputs[0] if ref.outputs else ref.name}', which is not supported\"",
                        hint="export with model.eval() so training-only randomness is removed")
