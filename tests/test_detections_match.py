"""Detections compared as sets: the same boxes in another order are matched (a cosine over the lists is not the
measure), boxes present in one list only are counted apart from the numeric error of the matched ones."""
from __future__ import annotations

import numpy as np

from rknnlint.toolkit.detections import detection_outputs, match_detections


def _dets(n=6, seed=0):
    rng = np.random.default_rng(seed)
    xy = rng.uniform(0, 200, (n, 2))
    boxes = np.concatenate([xy, xy + rng.uniform(20, 60, (n, 2))], axis=1).astype(np.float32)
    return {"boxes": boxes, "scores": np.linspace(0.99, 0.98, n).astype(np.float32),
            "labels": rng.integers(1, 5, n).astype(np.int64)}


def test_reordered_near_ties_are_the_same_set():
    ref = _dets()
    perm = np.array([1, 0, 3, 2, 5, 4])  # near-tie scores swapped pairwise, boxes moved by 0.5 px
    got = {k: v[perm] for k, v in ref.items()}
    got["boxes"] = got["boxes"] + 0.5
    m = match_detections(ref, got)
    assert (m.matched, m.same_rank, m.membership_differs) == (6, 0, 0)
    assert abs(m.box_error - 0.5) < 1e-4
    cos = float((ref["boxes"].ravel() @ got["boxes"].ravel()) / np.linalg.norm(ref["boxes"]) / np.linalg.norm(got["boxes"]))
    assert cos < 0.999  # what a list-wise cosine would have called drift


def test_membership_counted_apart():
    ref = _dets()
    got = {k: v.copy() for k, v in ref.items()}
    got["boxes"][5] += 150  # the last candidate is another box
    m = match_detections(ref, got)
    assert (m.matched, m.membership_differs) == (5, 2) and m.box_error == 0.0
    assert "5/6 detections matched as a set" in m.summary()


def test_not_detections():
    assert detection_outputs({"logits": np.zeros((1, 10), np.float32)}) is None
    assert match_detections({"logits": np.zeros((1, 10), np.float32)}, {}) is None
