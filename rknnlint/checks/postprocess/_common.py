"""Shared wording for the post-processing rules: where the NPU part should end, and how to get there."""
from __future__ import annotations

from ...finding import Severity
from ...heads import HeadBoundary, find_head_boundary
from ...rewrites.cut_head import CutHead
from ...rule import Fix, Rule, Violation

CUT_HINT = ("cut the head: `rknnlint fix MODEL --unsafe-fixes --cut-head auto` (writes the removed tail as "
            "<stem>.postprocess.onnx to run on the CPU), or export per-branch outputs like rknn_model_zoo")


def boundary_text(hb: HeadBoundary | None) -> str:
    """'; the NPU part should end at 'a' [1,64,32,32], ...' or '' when no boundary is known."""
    if hb is None or not hb.boundary_tensors:
        return ""
    if not hb.cuttable:
        return (f"; the post-processing starts at {hb.describe_boundary()} and feeds later layers, so split the "
                "model there (two-stage detector)")
    return f"; the NPU part should end at {hb.describe_boundary()}"


def boundary_data(hb: HeadBoundary | None) -> dict:
    if hb is None:
        return {}
    return {"boundary_tensors": list(hb.boundary_tensors), "head_kind": hb.kind, "tail_nodes": len(hb.tail_nodes),
            "cuttable": hb.cuttable}


class HeadRule(Rule):
    """Base of the rules on post-processing after a detector's head (RKN401-404): a warning, fixed by cutting
    the head, checked only where rknnlint.heads finds a head boundary. Subclasses implement check_head."""

    severity = Severity.WARNING
    fix = Fix(CutHead)

    def check(self, ctx):
        hb = find_head_boundary(ctx.view)
        if hb is not None:
            yield from self.check_head(ctx, hb)

    def check_head(self, ctx, hb: HeadBoundary):
        return iter(())

    @staticmethod
    def at(ref, message: str, hb: HeadBoundary, **data) -> Violation:
        """A finding whose message ends with where the NPU part should end, with the cut hint and the
        boundary (plus `data`) in its data."""
        return Violation(ref, message + boundary_text(hb), hint=CUT_HINT, data={**boundary_data(hb), **data})
