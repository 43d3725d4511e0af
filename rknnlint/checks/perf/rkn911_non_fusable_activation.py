from __future__ import annotations

from ...finding import Severity
from ...rule import Rule, Violation, register

ACTIVATIONS = ("Relu", "Clip", "LeakyRelu", "PRelu", "Sigmoid", "Tanh", "Elu", "HardSigmoid", "HardSwish", "Softplus")
_MOVES = ("Transpose", "Reshape")


@register
class NonFusableActivation(Rule):
    """Activations placed where the NPU cannot fuse them into the preceding convolution.

    What it does:
    Flags an activation (Relu, Clip, LeakyRelu, PRelu, Sigmoid, Tanh, Elu, HardSigmoid, HardSwish,
    Softplus) that follows a Conv only through a Transpose or Reshape, or whose Conv input is also used
    raw by another node (so the conv must write its un-activated output). A SiLU (Conv -> Sigmoid and
    Mul(conv, sigmoid)) is not flagged: the toolkit fuses it into exSwish.

    Why the NPU cares:
    The NPU fuses Conv+Relu, Conv+PRelu/LeakyRelu, Conv+Clip, Conv+Sigmoid/Tanh/Elu/Silu, Conv+Add and
    Conv+Activation+Add into one op (User Guide V2.3.0 8.4.2, docs/facts.md#fusion); the guide's own example
    (Figure 8-7) swaps a Transpose and a Clip so that Conv+Clip fuse. An activation that cannot fuse
    runs as a separate NPU op with its own read and write of the whole tensor.

    Example:
    Conv -> Transpose(0,2,3,1) -> Clip(0, 6): move the Clip before the Transpose.

    How to fix:
    Apply the activation right after the conv (activations commute with Transpose and Reshape), and avoid
    using a conv's raw output elsewhere when it is also activated.

    Fix safety:
    Display-only: advice.
    """

    code = "RKN911"
    name = "non-fusable-activation"
    severity = Severity.INFO
    op_types = ACTIVATIONS

    def check_node(self, ctx, ref):
        view = ctx.view
        if ref.graph_path or not ref.inputs:
            return
        src = view.producer_of(ref.inputs[0])
        if src is None:
            return
        if src.op_type in _MOVES and src.inputs:
            conv = view.producer_of(src.inputs[0])
            if conv is not None and conv.op_type == "Conv" and len(view.consumers_of(src.inputs[0])) == 1:
                yield Violation(ref, f"{ref.op_type} '{ref.label}' follows Conv '{conv.label}' through {src.op_type} "
                                     f"'{src.label}', so it cannot fuse into the conv; apply it before the "
                                     f"{src.op_type}", hint=f"move the {ref.op_type} before the {src.op_type}")
            return
        if src.op_type != "Conv":
            return
        others = [c for c in view.consumers_of(ref.inputs[0]) if c != ref]
        if not others:
            return
        if ref.op_type == "Sigmoid" and all(c.op_type == "Mul" and ref.outputs[0] in c.inputs for c in others):
            return  # SiLU -> exSwish
        names = ", ".join(f"{c.op_type} '{c.label}'" for c in others[:3])
        yield Violation(ref, f"{ref.op_type} '{ref.label}' cannot fuse into Conv '{src.label}': the conv's raw output is "
                             f"also used by {names}",
                        hint="use the activated tensor everywhere, or accept a separate activation pass")
