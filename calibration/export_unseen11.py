"""Export a twelfth set of models nobody calibrated on, to measure how the predictions carry over (toolkit 2.3.2).

Unseen sets 4 to 11 (export_unseen3.py ... export_unseen10.py) taught fixes and are no longer unseen. No model name
here is in export_models.py, export_unseen.py ... export_unseen10.py, pretrained_set.py or issue_repros.py; the brief's
timm list and its hand-built ideas (LPRNet, RetinaFace / SCRFD, PP-LiteSeg / BiSeNet, UFLD, SimCC, GFL, Whisper,
Conformer, DPT, HiFi-GAN, OSNet, CenterNet) were all used by earlier sets, so this set takes timm models with
sub-patterns no set had: DarkNet-53 with anti-aliased (blur) downsampling, ResNet-RS-50 (SE, ResNet-D stem),
ViT-S R26 hybrid (BiT ResNet with weight-standardised convs + GroupNorm under a 4-block ViT), ViT-betwixt with 4
registers and average pooling (dynamo), FlexiViT-S at 240, AIMv2-L cut to 2 blocks (RMSNorm, SwiGLU; dynamo),
Wide-ResNet-50-2 (dynamo), DeiT-tiny distilled (class + distillation tokens, two heads averaged, TorchScript opset 14
so LayerNorm is decomposed); ultralytics sizes / heads no set exported (YOLO11s-pose at 480, YOLO11s-OBB at 640,
YOLOv5s at 320, YOLO11s-cls at 256); and small hand-built models of what users ship to these NPUs that the
other sets lack: an SVTR / PP-OCRv3-like text recogniser (local mixing by a constant window mask, CTC over 6625
classes) at 48 x 320, a YOLO-style detector with CBAM and coordinate attention, PSPNet-lite (pyramid pooling 1 / 2 / 3
/ 6, align_corners; dynamo) at 480, YOLOP-lite (driving: Focus, SPP, anchors + drivable / lane segmentation) at
384 x 640, Lite-HRNet-lite pose (channel shuffle, cross-resolution weighting; dynamo) at 256 x 192, an Ultra-Light
face detector (RFB, SSD prior decode in the graph) at 240 x 320, YOLACT-lite (protonet, tanh coefficients, FPN by
size-based bilinear; dynamo) at 550, BC-ResNet keyword spotting (sub-spectral norm, frequency-broadcast residuals;
dynamo), DLinear forecasting (edge-replicated moving average; dynamo), Lightweight-OpenPose (ELU CPM, dilated
refinement) at 256 x 456 and a Silero-VAD-like streaming detector (reflect pad, STFT by Conv1d, LSTMCell with its
state as graph input / output). Exporters and opsets mixed (TorchScript 11-17, dynamo 18-19), input sizes as users
pick them. Random weights, nothing downloaded. Dropped: ultralytics yolo11-cls-resnet18 (its ResNet backbone
downloads torchvision weights; YOLO11s-cls instead) and torchvision RetinaNet-ResNet50-FPN-v2 cut before its
post-processing (GroupNorm heads, 5 levels; dynamo opset 18) at 384, whose rk3588 fp16 2.3.2 build timed out
(> 300 s). DeiT-tiny distilled needs opset 14: TorchScript has no scaled_dot_product_attention below it. Same
exporter, manifest and log lines as export_models.py:

    YOLO_OFFLINE=1 /work/calib/venv/bin/python calibration/export_unseen11.py --out /work/calib/s20/unseen11/models

Then the truths, one row at a time (2.3.2 through its venv; at most two builds at a time):

    nice -n 10 python calibration/run_toolkit.py --models /work/calib/s20/unseen11/models --target rk3588 \
        --dtype float16 --python /work/venvs/rknn-2.3.2/bin/python \
        --out /work/calib/s20/unseen11/rk3588-float16-2.3.2/truth.json --jobs 2
    python calibration/score.py --truth /work/calib/s20/unseen11/rk3588-float16-2.3.2/truth.json \
        --models /work/calib/s20/unseen11/models --results /tmp/before-rk3588-float16-2.3.2.json
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, Callable

sys.path.insert(0, str(Path(__file__).resolve().parent))
from export_common import cbr, run  # noqa: E402
from export_models import Spec, _timm, _yolo  # noqa: E402


def _custom(kind: str) -> Callable[[], tuple[Any, tuple]]:
    def build():  # noqa: C901 (one branch per model, as in the other sets)
        import math

        import torch
        import torch.nn.functional as F
        from torch import nn

        def dws(i, o, s=1, d=1, act=nn.ReLU):  # depthwise 3x3 + pointwise, both with BatchNorm
            return nn.Sequential(cbr(i, i, 3, s, g=i, act=act, d=d), cbr(i, o, 1, act=act))

        class MHSA(nn.Module):  # fused qkv attention with an optional additive mask
            def __init__(self, d, heads) -> None:
                super().__init__()
                self.qkv, self.o, self.h = nn.Linear(d, 3 * d), nn.Linear(d, d), heads

            def forward(self, x, mask=None):
                B, N, C = x.shape
                q, k, v = self.qkv(x).reshape(B, N, 3, self.h, C // self.h).permute(2, 0, 3, 1, 4)
                a = q @ k.transpose(-1, -2) / math.sqrt(C // self.h)
                if mask is not None:
                    a = a + mask
                return self.o((a.softmax(-1) @ v).transpose(1, 2).reshape(B, N, C))

        if kind == "svtr_rec":  # PP-OCRv3-like recogniser: conv backbone, SVTR local + global mixing, CTC head
            class Mix(nn.Module):
                def __init__(self, d, heads, mask=None) -> None:
                    super().__init__()
                    self.n1, self.n2, self.attn = nn.LayerNorm(d), nn.LayerNorm(d), MHSA(d, heads)
                    self.mlp = nn.Sequential(nn.Linear(d, 2 * d), nn.Hardswish(), nn.Linear(2 * d, d))
                    self.register_buffer("mask", mask if mask is not None else torch.zeros(1))

                def forward(self, x):
                    x = x + self.attn(self.n1(x), self.mask)
                    return x + self.mlp(self.n2(x))

            class Rec(nn.Module):
                def __init__(self, d=96, classes=6625, hw=(3, 80), win=(3, 11)) -> None:
                    super().__init__()
                    hs = nn.Hardswish
                    self.backbone = nn.Sequential(cbr(3, 16, 3, 2, act=hs), dws(16, 32, act=hs), dws(32, 64, 2, act=hs),
                                                  dws(64, 64, act=hs), nn.Sequential(cbr(64, 64, 3, (2, 1), g=64, act=hs),
                                                                                     cbr(64, 128, 1, act=hs)),
                                                  nn.Sequential(cbr(128, 128, 3, (2, 1), g=128, act=hs),
                                                                cbr(128, d, 1, act=hs)))
                    H, W = hw
                    ys, xs = torch.meshgrid(torch.arange(H), torch.arange(W), indexing="ij")
                    ys, xs = ys.flatten(), xs.flatten()
                    near = ((ys[:, None] - ys[None]).abs() <= win[0] // 2) & ((xs[:, None] - xs[None]).abs() <= win[1] // 2)
                    mask = torch.zeros(H * W, H * W).masked_fill(~near, float("-inf"))
                    self.local, self.glob = Mix(d, 4, mask), Mix(d, 4)
                    self.norm, self.head = nn.LayerNorm(d), nn.Linear(d, classes)

                def forward(self, x):  # x: [1, 3, 48, 320] text line -> per-column class probabilities [1, 80, 6625]
                    f = self.backbone(x)  # [1, d, 3, 80]
                    B, C, H, W = f.shape
                    t = self.glob(self.local(f.flatten(2).transpose(1, 2)))
                    t = self.norm(t).transpose(1, 2).reshape(B, C, H, W).mean(2).transpose(1, 2)
                    return self.head(t).softmax(-1)

            return Rec().eval(), (torch.randn(1, 3, 48, 320),)
        if kind == "cbam_ca_det":  # YOLO-style detector with CBAM in the backbone and coordinate attention in the neck
            class CBAM(nn.Module):
                def __init__(self, c, r=8) -> None:
                    super().__init__()
                    self.mlp = nn.Sequential(nn.Conv2d(c, c // r, 1), nn.ReLU(), nn.Conv2d(c // r, c, 1))
                    self.spatial = nn.Conv2d(2, 1, 7, padding=3)

                def forward(self, x):
                    ca = torch.sigmoid(self.mlp(F.adaptive_avg_pool2d(x, 1)) + self.mlp(F.adaptive_max_pool2d(x, 1)))
                    x = x * ca
                    sa = torch.cat([x.mean(1, keepdim=True), x.amax(1, keepdim=True)], 1)
                    return x * torch.sigmoid(self.spatial(sa))

            class CoordAtt(nn.Module):
                def __init__(self, c, r=16) -> None:
                    super().__init__()
                    m = max(8, c // r)
                    self.conv = nn.Sequential(nn.Conv2d(c, m, 1), nn.BatchNorm2d(m), nn.Hardswish())
                    self.ch, self.cw = nn.Conv2d(m, c, 1), nn.Conv2d(m, c, 1)

                def forward(self, x):
                    h, w = x.shape[2:]
                    xh, xw = x.mean(3, keepdim=True), x.mean(2, keepdim=True).permute(0, 1, 3, 2)
                    y = self.conv(torch.cat([xh, xw], 2))
                    yh, yw = torch.split(y, [h, w], 2)
                    return x * self.ch(yh).sigmoid() * self.cw(yw.permute(0, 1, 3, 2)).sigmoid()

            class Det(nn.Module):
                def __init__(self, nc=20, na=3) -> None:
                    super().__init__()
                    act = nn.SiLU
                    self.s1 = nn.Sequential(cbr(3, 16, 3, 2, act=act), cbr(16, 32, 3, 2, act=act), cbr(32, 32, act=act),
                                            cbr(32, 64, 3, 2, act=act), CBAM(64))
                    self.s2 = nn.Sequential(cbr(64, 128, 3, 2, act=act), cbr(128, 128, act=act), CBAM(128))
                    self.s3 = nn.Sequential(cbr(128, 256, 3, 2, act=act), cbr(256, 256, act=act), CBAM(256))
                    self.lat, self.ca4, self.ca3 = cbr(256, 128, 1, act=act), CoordAtt(256), CoordAtt(192)
                    self.f4, self.f3 = cbr(256, 128, act=act), cbr(192, 64, act=act)
                    self.heads = nn.ModuleList([nn.Conv2d(c, na * (5 + nc), 1) for c in (64, 128, 256)])

                def forward(self, x):  # x: [1, 3, 416, 416] -> raw head maps at strides 8 / 16 / 32
                    c3 = self.s1(x)
                    c4 = self.s2(c3)
                    c5 = self.s3(c4)
                    p4 = self.f4(self.ca4(torch.cat([F.interpolate(self.lat(c5), scale_factor=2.0), c4], 1)))
                    p3 = self.f3(self.ca3(torch.cat([F.interpolate(p4, scale_factor=2.0), c3], 1)))
                    return tuple(h(p) for h, p in zip(self.heads, (p3, p4, c5)))

            return Det().eval(), (torch.randn(1, 3, 416, 416),)
        if kind == "pspnet":  # PSPNet-lite: dilated stride-8 backbone, pyramid pooling (1, 2, 3, 6), align_corners
            class PSP(nn.Module):
                def __init__(self, classes=21) -> None:
                    super().__init__()
                    self.body = nn.Sequential(cbr(3, 32, 3, 2), cbr(32, 32), cbr(32, 64, 3, 2), cbr(64, 64),
                                              cbr(64, 128, 3, 2), cbr(128, 128), cbr(128, 256, d=2), cbr(256, 256, d=4))
                    self.bins = (1, 2, 3, 6)
                    self.ppm = nn.ModuleList([cbr(256, 64, 1) for _ in self.bins])
                    self.fuse, self.cls = cbr(512, 128), nn.Conv2d(128, classes, 1)

                def forward(self, x):  # x: [1, 3, 480, 480] -> class logits at input size
                    f = self.body(x)
                    size = f.shape[2:]
                    pyr = [F.interpolate(p(F.adaptive_avg_pool2d(f, b)), size=size, mode="bilinear", align_corners=True)
                           for b, p in zip(self.bins, self.ppm)]
                    y = self.cls(self.fuse(torch.cat([f] + pyr, 1)))
                    return F.interpolate(y, size=x.shape[2:], mode="bilinear", align_corners=True)

            return PSP().eval(), (torch.randn(1, 3, 480, 480),)
        if kind == "yolop":  # YOLOP-lite: Focus stem, CSP-ish backbone, SPP, anchor det head + drivable / lane seg
            hs = nn.Hardswish

            class C3(nn.Module):
                def __init__(self, i, o) -> None:
                    super().__init__()
                    self.a, self.b = cbr(i, o // 2, 1, act=hs), cbr(i, o // 2, 1, act=hs)
                    self.m, self.out = nn.Sequential(cbr(o // 2, o // 2, 1, act=hs), cbr(o // 2, o // 2, act=hs)), \
                        cbr(o, o, 1, act=hs)

                def forward(self, x):
                    a = self.a(x)
                    return self.out(torch.cat([a + self.m(a), self.b(x)], 1))

            class SPP(nn.Module):
                def __init__(self, c) -> None:
                    super().__init__()
                    self.a, self.b = cbr(c, c // 2, 1, act=hs), cbr(c * 2, c, 1, act=hs)

                def forward(self, x):
                    x = self.a(x)
                    return self.b(torch.cat([x] + [F.max_pool2d(x, k, 1, k // 2) for k in (5, 9, 13)], 1))

            class YOLOP(nn.Module):
                def __init__(self, nc=1, na=3) -> None:
                    super().__init__()
                    self.na, self.no = na, nc + 5
                    self.stem = cbr(12, 32, act=hs)
                    self.b3 = nn.Sequential(cbr(32, 64, 3, 2, act=hs), C3(64, 64), cbr(64, 128, 3, 2, act=hs), C3(128, 128))
                    self.b4 = nn.Sequential(cbr(128, 256, 3, 2, act=hs), C3(256, 256))
                    self.b5 = nn.Sequential(cbr(256, 512, 3, 2, act=hs), SPP(512), C3(512, 512))
                    self.l5, self.n4 = cbr(512, 256, 1, act=hs), C3(512, 256)
                    self.l4, self.n3 = cbr(256, 128, 1, act=hs), C3(256, 128)
                    self.heads = nn.ModuleList([nn.Conv2d(c, na * self.no, 1) for c in (128, 256, 512)])
                    self.segs = nn.ModuleList([nn.Sequential(cbr(128, 64, act=hs), nn.Upsample(scale_factor=2.0),
                                                             C3(64, 32), cbr(32, 16, act=hs), nn.Upsample(scale_factor=2.0),
                                                             cbr(16, 8, act=hs), nn.Upsample(scale_factor=2.0),
                                                             nn.Conv2d(8, 2, 3, 1, 1)) for _ in range(2)])

                def forward(self, x):  # x: [1, 3, 384, 640] -> det [1, N, 6], drivable [1, 2, 384, 640], lane likewise
                    x = torch.cat([x[..., ::2, ::2], x[..., 1::2, ::2], x[..., ::2, 1::2], x[..., 1::2, 1::2]], 1)
                    c3 = self.b3(self.stem(x))
                    c4 = self.b4(c3)
                    c5 = self.b5(c4)
                    p4 = self.n4(torch.cat([F.interpolate(self.l5(c5), scale_factor=2.0), c4], 1))
                    p3 = self.n3(torch.cat([F.interpolate(self.l4(p4), scale_factor=2.0), c3], 1))
                    det = []
                    for h, p in zip(self.heads, (p3, p4, c5)):
                        y = h(p)
                        B, _, H, W = y.shape
                        det.append(y.reshape(B, self.na, self.no, H, W).permute(0, 1, 3, 4, 2).reshape(B, -1, self.no))
                    da, ll = (F.softmax(s(p3), 1) for s in self.segs)
                    return torch.cat(det, 1).sigmoid(), da, ll

            return YOLOP().eval(), (torch.randn(1, 3, 384, 640),)
        if kind == "lite_hrnet":  # Lite-HRNet-lite: shuffle blocks, cross-resolution + spatial weighting, 3 branches
            def shuffle(x, g=2):
                B, C, H, W = x.shape
                return x.reshape(B, g, C // g, H, W).transpose(1, 2).reshape(B, C, H, W)

            class CCW(nn.Module):  # conditional channel weighting over all branches (half of each branch's channels)
                def __init__(self, chs) -> None:
                    super().__init__()
                    half = [c // 2 for c in chs]
                    self.half, t = half, sum(half)
                    self.cross = nn.Sequential(nn.Conv2d(t, t // 4, 1), nn.ReLU(), nn.Conv2d(t // 4, t, 1), nn.Sigmoid())
                    self.dw = nn.ModuleList([cbr(c, c, 3, g=c, act=nn.Identity) for c in half])
                    self.sw = nn.ModuleList([nn.Sequential(nn.Conv2d(c, c // 2, 1), nn.ReLU(), nn.Conv2d(c // 2, c, 1),
                                                           nn.Sigmoid()) for c in half])

                def forward(self, xs):
                    parts = [x.chunk(2, 1) for x in xs]
                    a = [p[1] for p in parts]
                    small = a[-1].shape[2:]
                    w = self.cross(torch.cat([F.adaptive_avg_pool2d(t, small) for t in a], 1)).split(self.half, 1)
                    out = []
                    for (keep, _), t, wi, dw, sw in zip(parts, a, w, self.dw, self.sw):
                        t = t * F.interpolate(wi, size=t.shape[2:])
                        t = dw(t)
                        t = t * sw(F.adaptive_avg_pool2d(t, 1))
                        out.append(shuffle(torch.cat([keep, t], 1)))
                    return out

            class Fuse(nn.Module):  # each output branch sums all inputs resampled to its resolution
                def __init__(self, chs) -> None:
                    super().__init__()
                    self.adapt = nn.ModuleList([nn.ModuleList([cbr(ci, co, 1, act=nn.Identity) for ci in chs])
                                                for co in chs])

                def forward(self, xs):
                    outs = []
                    for i, row in enumerate(self.adapt):
                        size = xs[i].shape[2:]
                        outs.append(F.relu(sum(F.interpolate(a(x), size=size) if j != i else x
                                               for j, (a, x) in enumerate(zip(row, xs)))))
                    return outs

            class LiteHRNet(nn.Module):
                def __init__(self, joints=17) -> None:
                    super().__init__()
                    self.stem = nn.Sequential(cbr(3, 32, 3, 2), cbr(32, 32, 3, 2, g=32), cbr(32, 40, 1))
                    chs = (40, 80, 160)
                    self.down1, self.down2 = cbr(40, 80, 3, 2), cbr(80, 160, 3, 2)
                    self.s2 = nn.ModuleList([CCW(chs[:2]), Fuse(chs[:2])])
                    self.s3 = nn.ModuleList([CCW(chs), CCW(chs), Fuse(chs)])
                    self.head = nn.Sequential(cbr(40, 40), nn.Conv2d(40, joints, 1))

                def forward(self, x):  # x: [1, 3, 256, 192] person crop -> heatmaps [1, 17, 64, 48]
                    x = self.stem(x)
                    xs = [x, self.down1(x)]
                    for m in self.s2:
                        xs = m(xs)
                    xs = xs + [self.down2(xs[-1])]
                    for m in self.s3:
                        xs = m(xs)
                    return self.head(xs[0])

            return LiteHRNet().eval(), (torch.randn(1, 3, 256, 192),)
        if kind == "ultraface":  # Ultra-Light-Fast face detector (RFB-320): separable convs, RFB, SSD decode in-graph
            class RFB(nn.Module):
                def __init__(self, i, o) -> None:
                    super().__init__()
                    m = i // 8
                    self.b = nn.ModuleList([
                        nn.Sequential(cbr(i, 2 * m, 1), cbr(2 * m, 2 * m, 3, act=nn.Identity, d=1)),
                        nn.Sequential(cbr(i, m, 1), cbr(m, 2 * m, 3), cbr(2 * m, 2 * m, 3, act=nn.Identity, d=2)),
                        nn.Sequential(cbr(i, m, 1), cbr(m, 3 * m // 2, 3), cbr(3 * m // 2, 2 * m, 3),
                                      cbr(2 * m, 2 * m, 3, act=nn.Identity, d=3))])
                    self.lin, self.short = cbr(6 * m, o, 1, act=nn.Identity), cbr(i, o, 1, act=nn.Identity)

                def forward(self, x):
                    return F.relu(self.lin(torch.cat([b(x) for b in self.b], 1)) * 0.1 + self.short(x))

            class UltraFace(nn.Module):
                def __init__(self, h=240, w=320) -> None:
                    super().__init__()
                    b = 16
                    self.s8 = nn.Sequential(cbr(3, b, 3, 2), dws(b, 2 * b), dws(2 * b, 2 * b, 2), dws(2 * b, 2 * b),
                                            dws(2 * b, 4 * b, 2), dws(4 * b, 4 * b), dws(4 * b, 4 * b), RFB(4 * b, 4 * b))
                    self.s16 = nn.Sequential(dws(4 * b, 8 * b, 2), dws(8 * b, 8 * b), dws(8 * b, 8 * b))
                    self.s32 = nn.Sequential(dws(8 * b, 16 * b, 2), dws(16 * b, 16 * b))
                    self.s64 = nn.Sequential(nn.Conv2d(16 * b, 4 * b, 1), nn.ReLU(),
                                             nn.Conv2d(4 * b, 4 * b, 3, 2, 1, groups=4 * b), nn.ReLU(),
                                             nn.Conv2d(4 * b, 16 * b, 1), nn.ReLU())
                    mins = ((10, 16, 24), (32, 48), (64, 96), (128, 192, 256))
                    chans = (4 * b, 8 * b, 16 * b, 16 * b)
                    self.cls = nn.ModuleList([nn.Sequential(nn.Conv2d(c, c, 3, 1, 1, groups=c), nn.ReLU(),
                                                            nn.Conv2d(c, 2 * len(m), 1)) for c, m in zip(chans, mins)])
                    self.reg = nn.ModuleList([nn.Sequential(nn.Conv2d(c, c, 3, 1, 1, groups=c), nn.ReLU(),
                                                            nn.Conv2d(c, 4 * len(m), 1)) for c, m in zip(chans, mins)])
                    pri = []
                    for s, ms in zip((8, 16, 32, 64), mins):
                        fh, fw = math.ceil(h / s), math.ceil(w / s)
                        for y in range(fh):
                            for x in range(fw):
                                for m in ms:
                                    pri.append([(x + .5) / fw, (y + .5) / fh, m / w, m / h])
                    self.register_buffer("priors", torch.tensor(pri).clamp(0, 1)[None])

                def forward(self, x):  # x: [1, 3, 240, 320] -> scores [1, 4420, 2], boxes [1, 4420, 4] (x1 y1 x2 y2)
                    f8 = self.s8(x)
                    f16 = self.s16(f8)
                    f32 = self.s32(f16)
                    feats = (f8, f16, f32, self.s64(f32))
                    conf = torch.cat([c(f).permute(0, 2, 3, 1).reshape(1, -1, 2) for c, f in zip(self.cls, feats)], 1)
                    loc = torch.cat([r(f).permute(0, 2, 3, 1).reshape(1, -1, 4) for r, f in zip(self.reg, feats)], 1)
                    p = self.priors
                    cxcy = loc[..., :2] * 0.1 * p[..., 2:] + p[..., :2]
                    wh = torch.exp(loc[..., 2:] * 0.2) * p[..., 2:]
                    return conf.softmax(-1), torch.cat([cxcy - wh / 2, cxcy + wh / 2], -1)

            return UltraFace().eval(), (torch.randn(1, 3, 240, 320),)
        if kind == "yolact":  # YOLACT-lite: FPN by size-based bilinear, protonet, conf / box / tanh mask coefficients
            class YOLACT(nn.Module):
                def __init__(self, nc=81, k=32, na=3) -> None:
                    super().__init__()
                    self.nc, self.k = nc, k
                    self.c3 = nn.Sequential(cbr(3, 32, 3, 2), cbr(32, 64, 3, 2), cbr(64, 64), cbr(64, 128, 3, 2))
                    self.c4, self.c5 = cbr(128, 256, 3, 2), cbr(256, 512, 3, 2)
                    self.lat = nn.ModuleList([nn.Conv2d(c, 128, 1) for c in (128, 256, 512)])
                    self.smooth = nn.ModuleList([nn.Conv2d(128, 128, 3, 1, 1) for _ in range(3)])
                    self.p6 = nn.Conv2d(128, 128, 3, 2, 1)
                    self.proto = nn.Sequential(cbr(128, 128), cbr(128, 128), nn.Upsample(scale_factor=2.0,
                                               mode="bilinear", align_corners=False), cbr(128, 128), nn.Conv2d(128, k, 1),
                                               nn.ReLU())
                    self.up = cbr(128, 128)
                    self.conf, self.box = nn.Conv2d(128, na * nc, 3, 1, 1), nn.Conv2d(128, na * 4, 3, 1, 1)
                    self.coef = nn.Conv2d(128, na * k, 3, 1, 1)

                def forward(self, x):  # x: [1, 3, 550, 550] -> loc, conf, mask coefficients, prototypes [1, 138, 138, 32]
                    c3 = self.c3(x)
                    c4 = self.c4(c3)
                    c5 = self.c5(c4)
                    p5 = self.lat[2](c5)
                    p4 = self.lat[1](c4) + F.interpolate(p5, size=c4.shape[2:], mode="bilinear", align_corners=False)
                    p3 = self.lat[0](c3) + F.interpolate(p4, size=c3.shape[2:], mode="bilinear", align_corners=False)
                    ps = [F.relu(s(p)) for s, p in zip(self.smooth, (p3, p4, p5))]
                    ps.append(self.p6(ps[-1]))
                    locs, confs, coefs = [], [], []
                    for p in ps:
                        h = self.up(p)
                        locs.append(self.box(h).permute(0, 2, 3, 1).reshape(1, -1, 4))
                        confs.append(self.conf(h).permute(0, 2, 3, 1).reshape(1, -1, self.nc))
                        coefs.append(torch.tanh(self.coef(h)).permute(0, 2, 3, 1).reshape(1, -1, self.k))
                    proto = self.proto(ps[0]).permute(0, 2, 3, 1)
                    return torch.cat(locs, 1), torch.cat(confs, 1).softmax(-1), torch.cat(coefs, 1), proto

            return YOLACT().eval(), (torch.randn(1, 3, 550, 550),)
        if kind == "bcresnet":  # BC-ResNet-lite: sub-spectral norm, frequency-wise conv, broadcast temporal residual
            class SubSpectralNorm(nn.Module):
                def __init__(self, c, s=5) -> None:
                    super().__init__()
                    self.s, self.bn = s, nn.BatchNorm2d(c * s)

                def forward(self, x):
                    B, C, Fq, T = x.shape
                    return self.bn(x.reshape(B, C * self.s, Fq // self.s, T)).reshape(B, C, Fq, T)

            class BCBlock(nn.Module):
                def __init__(self, i, o, d=1) -> None:
                    super().__init__()
                    self.pre = cbr(i, o, 1) if i != o else nn.Identity()
                    self.f2 = nn.Sequential(nn.Conv2d(o, o, (3, 1), padding=(1, 0), groups=o, bias=False),
                                            SubSpectralNorm(o))
                    self.f1 = nn.Sequential(nn.Conv2d(o, o, (1, 3), padding=(0, d), dilation=(1, d), groups=o,
                                                      bias=False), nn.BatchNorm2d(o), nn.SiLU(), nn.Conv2d(o, o, 1),
                                            nn.Dropout(0.1))

                def forward(self, x):
                    x = self.pre(x)
                    aux = self.f2(x)
                    return F.relu(x + aux + self.f1(aux.mean(2, keepdim=True)))

            class BCResNet(nn.Module):
                def __init__(self, classes=12) -> None:
                    super().__init__()
                    self.stem = nn.Conv2d(1, 32, 5, (2, 1), 2)
                    self.blocks = nn.Sequential(BCBlock(32, 32), BCBlock(32, 32), nn.MaxPool2d((2, 1)),
                                                BCBlock(32, 48, 2), BCBlock(48, 48, 2), nn.MaxPool2d((2, 1)),
                                                BCBlock(48, 64, 4), BCBlock(64, 64, 4))
                    self.head = nn.Sequential(nn.Conv2d(64, 64, 5, groups=64, padding=(0, 2)), nn.Conv2d(64, 64, 1),
                                              nn.BatchNorm2d(64), nn.ReLU(), nn.Conv2d(64, classes, 1))

                def forward(self, x):  # x: [1, 1, 40, 101] log-mel -> keyword logits [1, 12]
                    return self.head(self.blocks(self.stem(x))).mean((2, 3))

            return BCResNet().eval(), (torch.randn(1, 1, 40, 101),)
        if kind == "dlinear":  # DLinear: edge-replicated moving average (trend), seasonal remainder, per-channel Linear
            class DLinear(nn.Module):
                def __init__(self, seq=336, pred=96, ch=7, k=25) -> None:
                    super().__init__()
                    self.k = k
                    self.trend = nn.ModuleList([nn.Linear(seq, pred) for _ in range(ch)])
                    self.season = nn.ModuleList([nn.Linear(seq, pred) for _ in range(ch)])

                def forward(self, x):  # x: [1, 336, 7] -> forecast [1, 96, 7]
                    p = (self.k - 1) // 2
                    xp = torch.cat([x[:, :1].repeat(1, p, 1), x, x[:, -1:].repeat(1, p, 1)], 1)
                    trend = F.avg_pool1d(xp.permute(0, 2, 1), self.k, 1).permute(0, 2, 1)
                    season = (x - trend).permute(0, 2, 1)
                    trend = trend.permute(0, 2, 1)
                    out = torch.stack([t(trend[:, i]) + s(season[:, i])
                                       for i, (t, s) in enumerate(zip(self.trend, self.season))], 1)
                    return out.permute(0, 2, 1)

            return DLinear().eval(), (torch.randn(1, 336, 7),)
        if kind == "openpose":  # Lightweight OpenPose: dilated MobileNet, ELU CPM, initial + one refinement stage
            class CPM(nn.Module):
                def __init__(self, i, o) -> None:
                    super().__init__()
                    self.align = nn.Sequential(nn.Conv2d(i, o, 1), nn.ReLU())
                    self.trunk = nn.Sequential(*[nn.Sequential(nn.Conv2d(o, o, 3, 1, 1, groups=o, bias=False), nn.ELU(),
                                                               nn.Conv2d(o, o, 1, bias=False), nn.ELU())
                                                 for _ in range(3)])
                    self.conv = nn.Sequential(nn.Conv2d(o, o, 3, 1, 1), nn.ReLU())

                def forward(self, x):
                    x = self.align(x)
                    return self.conv(x + self.trunk(x))

            class Refine(nn.Module):
                def __init__(self, c) -> None:
                    super().__init__()
                    self.init = nn.Sequential(nn.Conv2d(c, c, 1), nn.ReLU())
                    self.trunk = nn.Sequential(cbr(c, c), cbr(c, c, d=2))

                def forward(self, x):
                    x = self.init(x)
                    return x + self.trunk(x)

            class OpenPose(nn.Module):
                def __init__(self, c=128, heat=19, paf=38) -> None:
                    super().__init__()
                    self.body = nn.Sequential(cbr(3, 32, 3, 2), dws(32, 64), dws(64, 128, 2), dws(128, 128),
                                              dws(128, 256, 2), dws(256, 256), dws(256, 512), dws(512, 512, d=2),
                                              dws(512, 512))
                    self.cpm = CPM(512, c)
                    self.init = nn.Sequential(*[nn.Sequential(nn.Conv2d(c, c, 3, 1, 1), nn.ReLU()) for _ in range(3)])
                    self.ih = nn.Sequential(nn.Conv2d(c, 512, 1), nn.ReLU(), nn.Conv2d(512, heat, 1))
                    self.ip = nn.Sequential(nn.Conv2d(c, 512, 1), nn.ReLU(), nn.Conv2d(512, paf, 1))
                    self.ref = nn.Sequential(Refine(c + heat + paf), Refine(c + heat + paf))
                    self.rh, self.rp = nn.Conv2d(c + heat + paf, heat, 1), nn.Conv2d(c + heat + paf, paf, 1)

                def forward(self, x):  # x: [1, 3, 256, 456] -> heatmaps [1, 19, 32, 57], PAFs [1, 38, 32, 57]
                    f = self.cpm(self.body(x))
                    t = self.init(f)
                    h, p = self.ih(t), self.ip(t)
                    r = self.ref(torch.cat([f, h, p], 1))
                    return self.rh(r), self.rp(r)

            return OpenPose().eval(), (torch.randn(1, 3, 256, 456),)
        if kind == "silero_vad":  # Silero-VAD-like: reflect pad, STFT as Conv1d, conv encoder, LSTMCell with its state
            class VAD(nn.Module):
                def __init__(self, n_fft=256, hop=128, hidden=128) -> None:
                    super().__init__()
                    self.n_fft, self.hidden = n_fft, hidden
                    f = n_fft // 2 + 1
                    t = torch.arange(n_fft).float()
                    k = torch.arange(f).float()[:, None]
                    win = torch.hann_window(n_fft)
                    basis = torch.cat([torch.cos(2 * math.pi * k * t / n_fft), -torch.sin(2 * math.pi * k * t / n_fft)]) * win
                    self.stft = nn.Conv1d(1, 2 * f, n_fft, hop, bias=False)
                    self.stft.weight.data = basis[:, None]
                    self.enc = nn.Sequential(nn.Conv1d(f, 128, 3, 1, 1), nn.ReLU(), nn.Conv1d(128, 64, 3, 2, 1), nn.ReLU(),
                                             nn.Conv1d(64, 64, 3, 2, 1), nn.ReLU(), nn.Conv1d(64, hidden, 3, 1, 1),
                                             nn.ReLU())
                    self.cell = nn.LSTMCell(hidden, hidden)
                    self.dec = nn.Sequential(nn.ReLU(), nn.Conv1d(hidden, 1, 1), nn.Sigmoid())

                def forward(self, x, state):  # x: [1, 512] samples at 16 kHz (+64 context), state [2, 1, 128]
                    x = F.pad(x[:, None], (self.n_fft // 2, self.n_fft // 2), mode="reflect")
                    s = self.stft(x)
                    re, im = s.chunk(2, 1)
                    mag = torch.sqrt(re * re + im * im)
                    e = self.enc(mag).mean(-1)  # [1, hidden]
                    h, c = self.cell(e, (state[0], state[1]))
                    prob = self.dec(h[..., None]).mean(-1)
                    return prob, torch.stack([h, c])

            return VAD().eval(), (torch.randn(1, 576), torch.zeros(2, 1, 128))
        raise ValueError(kind)

    return build


def specs() -> list[Spec]:
    return [
        # timm variants with sub-patterns no set used
        Spec("cls_timm_darknetaa53_256_op13", "cls", "timm/darknetaa53 (anti-aliased blur-pool downsampling)",
             _timm("darknetaa53", 256)),
        Spec("cls_timm_resnetrs50_224_op11", "cls", "timm/resnetrs50 (SE, ResNet-D stem)", _timm("resnetrs50", 224),
             opset=11),
        Spec("cls_timm_vit_small_r26_s32_d4_224_op14", "cls", "timm/vit_small_r26_s32_224, depth 4 (BiT ResNet-26 "
             "with weight-standardised convs + GroupNorm under a ViT)", _timm("vit_small_r26_s32_224", 224, depth=4),
             opset=14),
        Spec("cls_timm_vit_betwixt_reg4_gap_d4_256_dynamo_op18", "cls", "timm/vit_betwixt_patch16_reg4_gap_256, "
             "depth 4 (4 registers, average pooling), dynamo", _timm("vit_betwixt_patch16_reg4_gap_256", 256, depth=4),
             opset=18, dynamo=True),
        Spec("cls_timm_flexivit_small_d4_240_op17", "cls", "timm/flexivit_small, depth 4, at 240",
             _timm("flexivit_small", 240, depth=4), opset=17),
        Spec("cls_timm_aimv2_large_d2_224_dynamo_op19", "cls", "timm/aimv2_large_patch14_224, depth 2 (RMSNorm, "
             "SwiGLU), dynamo", _timm("aimv2_large_patch14_224", 224, depth=2), opset=19, dynamo=True),
        Spec("cls_timm_wide_resnet50_2_224_dynamo_op18", "cls", "timm/wide_resnet50_2, dynamo",
             _timm("wide_resnet50_2", 224), opset=18, dynamo=True),
        Spec("cls_timm_deit_tiny_distilled_224_op14", "cls", "timm/deit_tiny_distilled_patch16_224 (class + "
             "distillation tokens, two heads averaged), opset 14: decomposed LayerNorm",
             _timm("deit_tiny_distilled_patch16_224", 224), opset=14),
        # ultralytics sizes / heads not exported elsewhere
        Spec("pose_yolo11s_pose_480_op12", "pose", "yolo11s-pose at 480", None,
             ultralytics=_yolo("yolo11s-pose.yaml", 480, opset=12)),
        Spec("obb_yolo11s_obb_640_op13", "obb", "yolo11s-obb at 640", None,
             ultralytics=_yolo("yolo11s-obb.yaml", 640, opset=13)),
        Spec("det_yolov5s_320_op11", "det", "yolov5s (anchor-free u head) at 320", None,
             ultralytics=_yolo("yolov5s.yaml", 320, opset=11)),
        Spec("cls_yolo11s_cls_256_op13", "cls", "yolo11s-cls at 256", None,
             ultralytics=_yolo("yolo11s-cls.yaml", 256, opset=13)),
        # hand-built: what users ship to these NPUs that the other sets lack
        Spec("ocr_svtr_rec_48x320_op14", "ocr", "SVTR / PP-OCRv3-like recogniser (local mixing by a window mask, CTC "
             "over 6625 classes)", _custom("svtr_rec"), opset=14),
        Spec("det_cbam_coordatt_416_op13", "det", "YOLO-style detector with CBAM and coordinate attention",
             _custom("cbam_ca_det"), output_names=("p3", "p4", "p5")),
        Spec("seg_pspnet_lite_480_dynamo_op18", "seg", "PSPNet-lite (pyramid pooling 1/2/3/6, align_corners), dynamo",
             _custom("pspnet"), opset=18, dynamo=True),
        Spec("drive_yolop_lite_384x640_op12", "det", "YOLOP-lite (Focus, SPP, anchor det + drivable / lane seg)",
             _custom("yolop"), opset=12, output_names=("det", "drivable", "lane")),
        Spec("pose_lite_hrnet_256x192_dynamo_op18", "pose", "Lite-HRNet-lite (channel shuffle, cross-resolution "
             "weighting), dynamo", _custom("lite_hrnet"), opset=18, dynamo=True),
        Spec("face_ultraface_rfb_240x320_op11", "det", "Ultra-Light face detector RFB-320 (SSD prior decode in graph)",
             _custom("ultraface"), opset=11, output_names=("scores", "boxes")),
        Spec("seg_yolact_lite_550_dynamo_op18", "seg", "YOLACT-lite (protonet, tanh coefficients, size-based bilinear "
             "FPN), dynamo", _custom("yolact"), opset=18, dynamo=True,
             output_names=("loc", "conf", "mask_coef", "proto")),
        Spec("kws_bcresnet_dynamo_op18", "audio", "BC-ResNet keyword spotting (sub-spectral norm, broadcast "
             "residuals), dynamo", _custom("bcresnet"), opset=18, dynamo=True),
        Spec("ts_dlinear_336_dynamo_op19", "ts", "DLinear (edge-replicated moving average, per-channel Linear), dynamo",
             _custom("dlinear"), opset=19, dynamo=True),
        Spec("pose_lw_openpose_256x456_op13", "pose", "Lightweight OpenPose (ELU CPM, dilated refinement)",
             _custom("openpose"), output_names=("heatmaps", "pafs")),
        Spec("vad_silero_like_op16", "audio", "Silero-VAD-like (reflect pad, STFT Conv1d, LSTMCell state in / out)",
             _custom("silero_vad"), opset=16, input_names=("input", "state"), output_names=("prob", "state_out")),
    ]


if __name__ == "__main__":
    sys.exit(run(specs, "/work/calib/s20/unseen11/models", sys.argv[1:]))
