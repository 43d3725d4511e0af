from __future__ import annotations

from ...finding import Severity
from ...rule import Rule, Violation, register
from ...toolkit.versions import toolkit_said

SEQUENCE_OPS = ("SequenceConstruct", "SequenceEmpty", "SequenceAt", "SequenceInsert", "SequenceErase",
                "SequenceLength", "SequenceMap", "SplitToSequence", "ConcatFromSequence")


@register
class SequenceOp(Rule):
    """Ops that make or consume ONNX tensor sequences.

    What it does:
    Flags Sequence* nodes, SplitToSequence and ConcatFromSequence.

    Why the NPU cares:
    RKNN tensors are plain dense tensors. Observed with rknn-toolkit2 2.5.0 (SequenceConstruct +
    ConcatFromSequence): the build fails with "The Op of 'SequenceConstruct' is not supported yet, please
    remove it and try again!".

    Example:
    torch.split() / list comprehension in a scripted export gives SplitToSequence + ConcatFromSequence.

    How to fix:
    Export with tracing so lists become plain Split/Concat with a fixed count, or run onnxslim.

    Fix safety:
    Display-only.
    """

    code = "RKN304"
    name = "sequence-op"
    severity = Severity.ERROR
    op_types = SEQUENCE_OPS

    def check_node(self, ctx, ref):
        yield Violation(ref, f"{ref.op_type} '{ref.name}' works on tensor sequences; {toolkit_said(ctx)} fails: "
                        f"\"The Op of '{ref.op_type}' is not supported yet, please remove it and try again!\"",
                        hint="re-export with tracing so the sequence becomes a fixed Split/Concat")
