"""A small random-weight YOLOv8-style model for each task (detect, segment, pose, obb): three strided convs
for the strides 8, 16, 32, per stride a box branch (4 x 16 DFL logits), a class branch and the task's extra
branch, and the ultralytics decode written out in torch (DFL softmax + 0..15 projection conv, anchor points
at cell centres, xywh x stride; segment: mask coefficients + prototypes from the stride-8 map upsampled;
pose: keypoints (raw x 2 + cell) x stride, visibility sigmoid; obb: angle (sigmoid - 1/4) x pi rotating the
box centre). Output [1, 4 + nc + extra, N] like an ultralytics export (segment also the prototypes); with
max_det, YOLOv10's one-to-one selection: [1, max_det, 6] (x1, y1, x2, y2, score, class)."""
from __future__ import annotations

import math
import warnings

import torch
from torch import nn

R = 16


class TinyYolo(nn.Module):
    def __init__(self, task: str = "detect", nc: int = 5, nm: int = 8, kpt=(4, 3), max_det: int = 0):
        super().__init__()
        self.task, self.nc, self.nm, self.kpt, self.max_det = task, nc, nm, kpt, max_det
        self.stem = nn.Sequential(nn.Conv2d(3, 16, 3, 2, 1), nn.SiLU(), nn.Conv2d(16, 16, 3, 2, 1), nn.SiLU())
        self.down = nn.ModuleList([nn.Sequential(nn.Conv2d(16, 16, 3, 2, 1), nn.SiLU()) for _ in range(3)])
        extra = {"detect": 0, "segment": nm, "pose": kpt[0] * kpt[1], "obb": 1}[task]
        self.box = nn.ModuleList([nn.Conv2d(16, 4 * R, 1) for _ in range(3)])
        self.cls = nn.ModuleList([nn.Conv2d(16, nc, 1) for _ in range(3)])
        self.extra = nn.ModuleList([nn.Conv2d(16, extra, 1) for _ in range(3)]) if extra else None
        if task == "segment":
            self.proto = nn.Sequential(nn.Upsample(scale_factor=2, mode="nearest"), nn.Conv2d(16, nm, 1), nn.SiLU())
        self.dfl = nn.Conv2d(R, 1, 1, bias=False).requires_grad_(False)
        self.dfl.weight.data[:] = torch.arange(R, dtype=torch.float).view(1, R, 1, 1)

    def forward(self, x):
        f = self.stem(x)
        feats = []
        for d in self.down:
            f = d(f)
            feats.append(f)
        b = x.shape[0]
        pts, strides, boxes, clss, extras = [], [], [], [], []
        for i, f in enumerate(feats):
            h, w = f.shape[2:]
            s = x.shape[2] // h
            sy, sx = torch.meshgrid(torch.arange(h, dtype=torch.float) + 0.5, torch.arange(w, dtype=torch.float) + 0.5,
                                    indexing="ij")
            pts.append(torch.stack((sx, sy), 0).view(2, -1))
            strides.append(torch.full((1, h * w), float(s)))
            boxes.append(self.box[i](f).view(b, 4 * R, -1))
            clss.append(self.cls[i](f).view(b, self.nc, -1))
            if self.extra is not None:
                extras.append(self.extra[i](f).view(b, -1, h * w))
        anchors, stride = torch.cat(pts, 1), torch.cat(strides, 1)
        box, cls = torch.cat(boxes, 2), torch.cat(clss, 2)
        a = box.shape[2]
        dist = self.dfl(box.view(b, 4, R, a).transpose(2, 1).softmax(1)).view(b, 4, a)
        lt, rb = dist.chunk(2, 1)
        if self.task == "obb":
            theta = (torch.cat(extras, 2).sigmoid() - 0.25) * math.pi
            c, s_ = theta.cos(), theta.sin()
            xf, yf = ((rb - lt) / 2).chunk(2, 1)
            xy = torch.cat((xf * c - yf * s_, xf * s_ + yf * c), 1) + anchors
            dbox = torch.cat((xy, lt + rb), 1) * stride
            return torch.cat((dbox, cls.sigmoid(), theta), 1)
        x1y1, x2y2 = anchors - lt, anchors + rb
        if self.max_det:  # YOLOv10's one-to-one head: xyxy boxes, the best anchor points, then the best pairs
            out = torch.cat((torch.cat((x1y1, x2y2), 1) * stride, cls.sigmoid()), 1).permute(0, 2, 1)
            boxes, scores = out.split((4, self.nc), -1)
            idx = scores.amax(-1).topk(self.max_det)[1].unsqueeze(-1)
            boxes, scores = boxes.gather(1, idx.repeat(1, 1, 4)), scores.gather(1, idx.repeat(1, 1, self.nc))
            scores, idx = scores.flatten(1).topk(self.max_det)
            boxes = boxes.gather(1, (idx // self.nc).unsqueeze(-1).repeat(1, 1, 4))
            return torch.cat((boxes, scores.unsqueeze(-1), (idx % self.nc).unsqueeze(-1).float()), -1)
        dbox = torch.cat(((x1y1 + x2y2) / 2, x2y2 - x1y1), 1) * stride
        out = torch.cat((dbox, cls.sigmoid()), 1)
        if self.task == "segment":
            return torch.cat((out, torch.cat(extras, 2)), 1), self.proto(feats[0])
        if self.task == "pose":
            k, nd = self.kpt
            kp = torch.cat(extras, 2).view(b, k, nd, a)
            xy = (kp[:, :, :2] * 2.0 + (anchors - 0.5)) * stride
            kp = torch.cat((xy, kp[:, :, 2:3].sigmoid()), 2) if nd == 3 else xy
            return torch.cat((out, kp.view(b, k * nd, a)), 1)
        return out


def export(task: str, path, size: int = 64, seed: int = 0, **kw):
    """The task's model, seeded, exported at opset 12 (TorchScript exporter) to `path`."""
    torch.manual_seed(seed)
    m = TinyYolo(task, **kw).eval()
    names = ["output0", "output1"] if task == "segment" else ["output0"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the tracer's notes on Python numbers: the export is at one size
        torch.onnx.export(m, torch.rand(1, 3, size, size), str(path), opset_version=12, input_names=["images"],
                          output_names=names, dynamo=False)
    return path
