"""Post-processing for the NPU outputs `--cut-head zoo` writes (Rockchip rknn_model_zoo's per-stride YOLO
layout, docs/fixing.md#zoo-layout): decode, confidence filter, NMS. numpy only and no rknnlint import, so a
package can ship this one file next to npu_inference.py and run it on the board.

    layout = layout_of(metadata)            # the 'rknnlint.zoo_layout' JSON the cut wrote into the model
    dets = detect(outputs, layout, conf=0.25, iou=0.45)
    dets["boxes"], dets["scores"], dets["classes"]   # xyxy in input pixels, best first

`predictions(outputs, layout)` gives every candidate before filtering (one row per anchor point), the
same numbers as the exported model's own decoded output: the cut checks itself with it.
"""
from __future__ import annotations

import json
import math

import numpy as np

LAYOUT_KEY = "rknnlint.zoo_layout"


def layout_of(meta) -> dict:
    """The layout dict from a model's metadata: a dict of metadata_props, the JSON text, or the dict itself."""
    if isinstance(meta, dict) and LAYOUT_KEY in meta:
        meta = meta[LAYOUT_KEY]
    if isinstance(meta, (str, bytes)):
        meta = json.loads(meta)
    if not isinstance(meta, dict) or "family" not in meta:
        raise ValueError("no zoo layout: cut the model with `rknnlint fix --unsafe-fixes --cut-head zoo`")
    return meta


def sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


def dfl(box: np.ndarray, reg_max: int) -> np.ndarray:
    """[4*R, H, W] distribution logits -> [4, H, W] distances in grid cells (softmax expectation over 0..R-1)."""
    c, h, w = box.shape
    x = box.reshape(4, reg_max, h, w).astype(np.float64)
    x = np.exp(x - x.max(axis=1, keepdims=True))
    x /= x.sum(axis=1, keepdims=True)
    return (x * np.arange(reg_max, dtype=np.float64).reshape(1, reg_max, 1, 1)).sum(axis=1)


def _cells(h: int, w: int) -> tuple[np.ndarray, np.ndarray]:
    ys, xs = np.meshgrid(np.arange(h, dtype=np.float64), np.arange(w, dtype=np.float64), indexing="ij")
    return xs.reshape(-1), ys.reshape(-1)


def _per_stride(outputs: list[np.ndarray], layout: dict) -> list[list[np.ndarray]]:
    """The outputs grouped per stride (batch dropped), in the layout's order."""
    k = len(layout["per_stride"])
    return [[np.asarray(outputs[i * k + j])[0] for j in range(k)] for i in range(len(layout["strides"]))]


def predictions(outputs: list[np.ndarray], layout: dict) -> dict:
    """Every candidate, one row per anchor point (per stride, row-major; anchors first for anchor-based
    families): 'boxes' xyxy [N, 4] in input pixels, 'scores' [N, nc] (class probability, times objectness
    for anchor-based families), plus 'mask_coef' [N, nm] and 'proto' [nm, h, w] (segment),
    'keypoints' [N, K, ndim] (pose), 'angle' [N] in radians and 'xywhr' [N, 5] (obb)."""
    layout = layout_of(layout)
    if layout["family"] == "anchor":
        return _anchor_predictions(outputs, layout)
    return _dfl_predictions(outputs, layout)


def _dfl_predictions(outputs: list[np.ndarray], layout: dict) -> dict:
    R, nc, task = int(layout["reg_max"]), int(layout["nc"]), layout["task"]
    roles = layout["per_stride"]
    boxes, scores, extra, angle_rows = [], [], [], []
    angle_all = np.asarray(outputs[-1], np.float64).reshape(-1) if task == "obb" else None  # sigmoid already
    start = 0
    for s, group in zip(layout["strides"], _per_stride(outputs, layout)):
        t = dict(zip(roles, group))
        if "box_cls" in t:  # pose / obb: box logits and raw class logits in one tensor
            box, cls = t["box_cls"][: 4 * R], sigmoid(t["box_cls"][4 * R:].astype(np.float64))
        else:
            box, cls = t["box"], t["cls"].astype(np.float64)
        h, w = box.shape[1:]
        d = dfl(box, R).reshape(4, -1)
        xs, ys = _cells(h, w)
        cx, cy = xs + 0.5, ys + 0.5
        if task == "obb":
            th = (angle_all[start:start + h * w] - 0.25) * math.pi
            angle_rows.append(th)
            dx, dy = (d[2] - d[0]) / 2, (d[3] - d[1]) / 2
            x = cx + dx * np.cos(th) - dy * np.sin(th)
            y = cy + dx * np.sin(th) + dy * np.cos(th)
            ww, hh = d[0] + d[2], d[1] + d[3]
            boxes.append(np.stack([x, y, ww, hh], 1) * s)  # xywh of the rotated box
        else:
            boxes.append(np.stack([cx - d[0], cy - d[1], cx + d[2], cy + d[3]], 1) * s)
        scores.append(cls.reshape(nc, -1).T)
        if task == "segment":
            extra.append(t["mask"].reshape(t["mask"].shape[0], -1).T)
        start += h * w
    out = {"boxes": np.concatenate(boxes), "scores": np.concatenate(scores)}
    if task == "segment":
        out["mask_coef"] = np.concatenate(extra)
        out["proto"] = np.asarray(outputs[-1])[0]
    elif task == "pose":
        k = np.asarray(outputs[-1])[0]  # [K, ndim, N], xy already in input pixels
        out["keypoints"] = np.transpose(k, (2, 0, 1))
    elif task == "obb":
        xywh = out["boxes"]
        out["angle"] = np.concatenate(angle_rows)
        out["xywhr"] = np.concatenate([xywh, out["angle"][:, None]], 1)
        out["boxes"] = np.concatenate([xywh[:, :2] - xywh[:, 2:] / 2, xywh[:, :2] + xywh[:, 2:] / 2], 1)
    return out


def _anchor_predictions(outputs: list[np.ndarray], layout: dict) -> dict:
    nc, anchors = int(layout["nc"]), layout["anchors"]
    boxes, scores = [], []
    for s, (p,), anc in zip(layout["strides"], _per_stride(outputs, layout), anchors):
        na = len(anc)
        h, w = p.shape[1:]
        p = p.reshape(na, 5 + nc, h * w).astype(np.float64)  # already sigmoid
        xs, ys = _cells(h, w)
        a = np.asarray(anc, np.float64).reshape(na, 2, 1)
        xy = (p[:, :2] * 2 - 0.5 + np.stack([xs, ys])[None]) * s
        wh = (p[:, 2:4] * 2) ** 2 * a
        b = np.concatenate([xy - wh / 2, xy + wh / 2], 1)  # [na, 4, HW]
        boxes.append(b.transpose(0, 2, 1).reshape(-1, 4))
        scores.append((p[:, 5:] * p[:, 4:5]).transpose(0, 2, 1).reshape(-1, nc))
    return {"boxes": np.concatenate(boxes), "scores": np.concatenate(scores)}


def box_iou(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """IoU of one xyxy box `a` [4] with boxes `b` [M, 4]."""
    iw = np.clip(np.minimum(a[2], b[:, 2]) - np.maximum(a[0], b[:, 0]), 0, None)
    ih = np.clip(np.minimum(a[3], b[:, 3]) - np.maximum(a[1], b[:, 1]), 0, None)
    inter = iw * ih
    union = (a[2] - a[0]) * (a[3] - a[1]) + (b[:, 2] - b[:, 0]) * (b[:, 3] - b[:, 1]) - inter
    return inter / np.maximum(union, 1e-9)


def probiou(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Overlap of one rotated box `a` (x, y, w, h, angle) with boxes `b` [M, 5]: 1 - Hellinger distance of
    the two boxes as Gaussians (covariance from w^2/12, h^2/12 rotated), as rotated-box NMS uses."""
    def cov(r):
        r = np.atleast_2d(r)
        a_, b_ = r[:, 2] ** 2 / 12, r[:, 3] ** 2 / 12
        c, s = np.cos(r[:, 4]), np.sin(r[:, 4])
        return a_ * c * c + b_ * s * s, a_ * s * s + b_ * c * c, (a_ - b_) * c * s

    a1, b1, c1 = cov(a)
    a2, b2, c2 = cov(b)
    x1, y1, x2, y2 = a[0], a[1], b[:, 0], b[:, 1]
    den = (a1 + a2) * (b1 + b2) - (c1 + c2) ** 2 + 1e-7
    t1 = ((a1 + a2) * (y1 - y2) ** 2 + (b1 + b2) * (x1 - x2) ** 2) / den * 0.25
    t2 = ((c1 + c2) * (x2 - x1) * (y1 - y2)) / den * 0.5
    t3 = np.log(den / (4 * np.sqrt(np.clip(a1 * b1 - c1 ** 2, 0, None) * np.clip(a2 * b2 - c2 ** 2, 0, None)) + 1e-7)
                + 1e-7) * 0.5
    bd = np.clip(t1 + t2 + t3, 1e-7, 100.0)
    return 1 - np.sqrt(1.0 - np.exp(-bd) + 1e-7)


def nms(boxes: np.ndarray, scores: np.ndarray, iou: float, rotated: bool = False) -> np.ndarray:
    """Greedy NMS: indices kept, best score first. `boxes` xyxy, or xywhr with rotated=True."""
    order = np.argsort(-scores, kind="stable")
    keep = []
    overlap = probiou if rotated else box_iou
    while order.size:
        i = order[0]
        keep.append(i)
        if order.size == 1:
            break
        rest = order[1:]
        order = rest[overlap(boxes[i], boxes[rest]) <= iou]
    return np.asarray(keep, dtype=np.int64)


def detect(outputs: list[np.ndarray], layout, conf: float = 0.25, iou: float = 0.45, max_det: int = 300,
           agnostic: bool = False) -> dict:
    """Detections from the NPU outputs: 'boxes' xyxy [M, 4] (input pixels), 'scores' [M], 'classes' [M]
    (best first), per-class NMS at `iou` (none for the one-to-one YOLOv10 head, layout 'nms' false: the best
    `max_det` (anchor point, class) pairs above `conf`, an anchor point may give several classes),
    plus the task's extras for the kept rows ('masks' [M, h, w] logits of the prototype masks, 'keypoints',
    'xywhr')."""
    layout = layout_of(layout)
    p = predictions(outputs, layout)
    if not layout.get("nms", True):  # one-to-one head: the best (anchor point, class) pairs, no suppression
        flat = p["scores"].reshape(-1)
        pick = np.nonzero(flat > conf)[0]
        pick = pick[np.argsort(-flat[pick], kind="stable")][:max_det]
        idx, nc = pick // p["scores"].shape[1], p["scores"].shape[1]
        return {"boxes": p["boxes"][idx], "scores": flat[pick], "classes": pick % nc}
    score = p["scores"].max(axis=1)
    cls = p["scores"].argmax(axis=1)
    idx = np.nonzero(score > conf)[0]
    idx = idx[np.argsort(-score[idx], kind="stable")]
    rotated = layout["task"] == "obb"
    geo = p["xywhr"] if rotated else p["boxes"]
    kept = []
    for c in ([None] if agnostic else np.unique(cls[idx])):
        sel = idx if c is None else idx[cls[idx] == c]
        kept.extend(sel[nms(geo[sel], score[sel], iou, rotated)])
    idx = np.asarray(kept, dtype=np.int64)
    idx = idx[np.argsort(-score[idx], kind="stable")][:max_det]
    out = {"boxes": p["boxes"][idx], "scores": score[idx], "classes": cls[idx]}
    if "mask_coef" in p:
        proto = p["proto"]
        out["masks"] = (p["mask_coef"][idx] @ proto.reshape(proto.shape[0], -1)).reshape(-1, *proto.shape[1:])
    if "keypoints" in p:
        out["keypoints"] = p["keypoints"][idx]
    if "xywhr" in p:
        out["xywhr"] = p["xywhr"][idx]
    return out
