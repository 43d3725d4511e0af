from __future__ import annotations

from ...finding import Severity
from ...rule import Rule, Violation, register

# ops other rules already report (dynamic graph, control flow, sequences, random)
_ELSEWHERE = {"If", "Loop", "Scan", "NonZero", "NonMaxSuppression", "Unique", "ConcatFromSequence",
              "RandomNormal", "RandomUniform", "RandomNormalLike", "RandomUniformLike", "Multinomial", "Bernoulli"}


@register
class UnsupportedOp(Rule):
    """Ops the target cannot run at all: the build fails, or the op is documented unsupported.

    What it does:
    Looks every node's op type up in the target's placement table and flags placement 'fails'
    (error: the rknn-toolkit2 2.5.0 build was observed to fail on it for this family) and
    'unsupported' (warning: documented unsupported, not observed; it may fall back to the CPU or fail).
    Nodes that fold to constants are skipped (the toolkit folds them away).

    Why the NPU cares:
    The per-family tables in rules/measured/<family>-2.5.0.yaml come from real builds of one-op
    models (`rknnlint probe`); e.g. BitShift and ConvInteger fail on every family, and RV1106 has
    no NPU or CPU kernel for the Bitwise ops.

    Example:
    A ConvInteger node in a model built for rk3588.

    How to fix:
    Replace the op with supported ones (e.g. float Conv instead of ConvInteger), or compute it on the host.

    Fix safety:
    No automatic fix.
    """

    code = "RKN602"
    name = "unsupported-op"
    severity = Severity.ERROR

    def check(self, ctx):
        view = ctx.view
        for ref in view.nodes:
            if ref.domain not in ("", "ai.onnx") or ref.op_type in _ELSEWHERE or ref.op_type.startswith("Sequence"):
                continue
            fact = ctx.placement(ref.op_type)
            if fact is None or fact.placement not in ("fails", "unsupported"):
                continue
            if ref.node.output and not any(view.depends_on_inputs(o) for o in ref.node.output if o):
                continue
            label = f"'{ref.name}'" if ref.name else f"#{ref.index}"
            if fact.placement == "fails":
                yield Violation(ref, f"{ref.op_type} node {label}: the rknn-toolkit2 build fails on it for {ctx.target}",
                                hint="replace the op or compute it on the host", data={"op": ref.op_type, "source": fact.source})
            else:
                yield Violation(ref, f"{ref.op_type} node {label} is unsupported on {ctx.target}; it may fall back to CPU or fail",
                                hint="replace the op or compute it on the host", severity=Severity.WARNING,
                                data={"op": ref.op_type, "source": fact.source})
