"""Shared wording for the post-processing rules: where the NPU part should end, and how to get there."""
from __future__ import annotations

from ...heads import HeadBoundary

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
