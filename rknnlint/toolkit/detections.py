"""Telling a detector's composed-output drift apart: numeric drift of the NPU part, or a different selection.

After a head cut, the NPU part's boundary tensors (pre-threshold scores and box regressions) go through the CPU
tail (score threshold, TopK, NMS). When many candidates have nearly equal scores (random weights: hundreds of
scores within 1e-3 of each other), fp16 noise far below the 0.999 cosine bar reorders them, so the final lists
pair different boxes position by position and their cosine drops (0.78-0.81 on a random-weight torchvision
SSDlite whose boundary tensors agree at cosine >= 0.998). The numbers to report are then the boundary cosine
(the NPU part's drift) and the detections matched as sets (same label, IoU >= 0.5), apart from the numeric
error of the matched ones."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass
class DetectionMatch:
    """Detections of a reference and a candidate list matched greedily by score (same label, IoU >= iou)."""

    reference: int
    candidate: int
    matched: int
    same_rank: int  # matched at the same position of the lists
    box_error: float  # max |coordinate difference| over matched boxes
    score_error: float  # max |score difference| over matched detections

    @property
    def membership_differs(self) -> int:
        """Detections of either list without a partner in the other."""
        return (self.reference - self.matched) + (self.candidate - self.matched)

    def summary(self) -> str:
        return (f"{self.matched}/{self.reference} detections matched as a set ({self.same_rank} at the same rank, "
                f"{self.membership_differs} without a partner); matched boxes max|err| {self.box_error:.3g}, "
                f"scores max|err| {self.score_error:.2g}")


def _iou(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    x1 = np.maximum(a[:, None, 0], b[None, :, 0])
    y1 = np.maximum(a[:, None, 1], b[None, :, 1])
    x2 = np.minimum(a[:, None, 2], b[None, :, 2])
    y2 = np.minimum(a[:, None, 3], b[None, :, 3])
    inter = np.clip(x2 - x1, 0, None) * np.clip(y2 - y1, 0, None)

    def area(z):
        return np.clip(z[:, 2] - z[:, 0], 0, None) * np.clip(z[:, 3] - z[:, 1], 0, None)

    return inter / (area(a)[:, None] + area(b)[None, :] - inter + 1e-12)


def detection_outputs(outputs: dict[str, np.ndarray]) -> tuple[str, str, str | None] | None:
    """(boxes, scores, labels or None) output names of a torchvision-style detector: boxes [N, 4], scores [N] float
    and labels [N] integer of the same N; None when the outputs do not look like that."""
    boxes = [k for k, v in outputs.items() if v.ndim == 2 and v.shape[1] == 4 and v.dtype.kind == "f"]
    for b in boxes:
        n = outputs[b].shape[0]
        scores = [k for k, v in outputs.items() if v.shape == (n,) and v.dtype.kind == "f"]
        labels = [k for k, v in outputs.items() if v.shape == (n,) and v.dtype.kind in "iu"]
        if scores:
            return b, scores[0], labels[0] if labels else None
    return None


def match_detections(ref: dict[str, np.ndarray], got: dict[str, np.ndarray], iou: float = 0.5) -> DetectionMatch | None:
    """Match the candidate's detections to the reference's as sets; None when the outputs are no detection lists."""
    names = detection_outputs(ref)
    if names is None or any(n is not None and n not in got for n in names):
        return None
    b, s, lab = names
    rb, rs, gb, gs = (np.asarray(x, np.float64) for x in (ref[b], ref[s], got[b], got[s]))
    gb = gb.reshape(-1, 4)
    gs = gs.reshape(-1)
    same_label = (ref[lab].reshape(-1)[:, None] == np.asarray(got[lab]).reshape(-1)[None, :]) if lab else \
        np.ones((len(rb), len(gb)), bool)
    overlap = np.where(same_label, _iou(rb, gb), 0.0) if len(rb) and len(gb) else np.zeros((len(rb), len(gb)))
    free = np.ones(len(gb), bool)
    matched = same = 0
    box_err = score_err = 0.0
    for i in np.argsort(-rs, kind="stable"):
        if not free.any():
            break
        row = np.where(free, overlap[i], -1.0)
        j = int(np.argmax(row))
        if row[j] >= iou:
            free[j] = False
            matched += 1
            same += int(i == j)
            box_err = max(box_err, float(np.abs(rb[i] - gb[j]).max()))
            score_err = max(score_err, float(abs(rs[i] - gs[j])))
    return DetectionMatch(len(rb), len(gb), matched, same, box_err, score_err)
