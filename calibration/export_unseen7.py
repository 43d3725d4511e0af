"""Export an eighth set of models nobody calibrated on, to measure how the predictions carry over (toolkit 2.3.2).

Unseen sets 4 to 7 (export_unseen3.py ... export_unseen6.py) taught fixes and are no longer unseen. None of these
architectures is in export_models.py, export_unseen.py, export_unseen2.py ... export_unseen6.py, pretrained_set.py or
issue_repros.py: timm families no set used yet (DeiT-III with layer scale, BEiT (relative position bias), MViTv2
(pooling attention), the hybrid ViT on a BiT stem, SAM's ViT image encoder (windowed attention, neck), Inception-
ResNet-v2, ResNet-50 with GroupNorm, BiT ResNetV2 (weight standardisation, dynamo), ConvNeXt with RMSNorm (dynamo),
EfficientNet with CondConv), torchvision AlexNet, ultralytics YOLOv8-Worldv2 and YOLOE-11, and small hand-built
models for patterns users ship to these NPUs that the other sets lack (LPRNet licence plates with its 3-D
max-pool over channels, PIDNet real-time segmentation, MODNet portrait matting with IBNorm, a Depth-Anything-style
DPT head on a DINOv2 ViT-S, an EfficientSAM-style ViT-tiny image encoder with LayerNorm2d neck, SuperPoint keypoints
(softmax, depth-to-space, descriptor L2 normalisation), SCRFD face detection with key points, an RTMPose SimCC head
with the gated attention unit, a wav2vec2-style speech encoder (GroupNorm feature extractor, weight-normed grouped
positional Conv1d, dynamo), a VAE decoder (GroupNorm, spatial self-attention, nearest upsampling), Fast-SCNN with
its pyramid pooling, ENet (max-pool indices and MaxUnpool) and BlazeFace (channel padding)). Exporters and opsets
mixed (TorchScript 11-17, dynamo 18), input sizes as users pick them. Random weights, nothing downloaded. Same
exporter, manifest and log lines as export_models.py:

    /work/calib/venv/bin/python calibration/export_unseen7.py --out /work/calib/s15-unseen8/models [--only SUBSTR]

Then the truths, one row at a time (2.3.2 through its venv; at most two builds at a time):

    nice -n 10 python calibration/run_toolkit.py --models /work/calib/s15-unseen8/models --target rk3588 \
        --dtype float16 --python /work/main/.toolkits/rknn-2.3.2/bin/python \
        --out /work/calib/s15-unseen8/rk3588-float16-2.3.2/truth.json --jobs 2
    python calibration/score.py --truth /work/calib/s15-unseen8/rk3588-float16-2.3.2/truth.json \
        --models /work/calib/s15-unseen8/models --results calibration/results/unseen7/before/rk3588-float16-2.3.2.json
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, Callable

sys.path.insert(0, str(Path(__file__).resolve().parent))
from export_common import _timm_sz, cbr, run  # noqa: E402
from export_models import Spec, _timm, _tv, _yolo  # noqa: E402


def _custom(kind: str) -> Callable[[], tuple[Any, tuple]]:
    def build():
        import math

        import torch
        import torch.nn.functional as F
        from torch import nn

        if kind == "lprnet":  # LPRNet: small basic blocks, MaxPool3d over (channel, H, W), global context, mean over H
            def sbb(i, o):
                return nn.Sequential(nn.Conv2d(i, o // 4, 1), nn.ReLU(), nn.Conv2d(o // 4, o // 4, (3, 1), padding=(1, 0)),
                                     nn.ReLU(), nn.Conv2d(o // 4, o // 4, (1, 3), padding=(0, 1)), nn.ReLU(),
                                     nn.Conv2d(o // 4, o, 1))

            class LPRNet(nn.Module):
                def __init__(self, classes: int = 68) -> None:
                    super().__init__()
                    self.backbone = nn.Sequential(
                        nn.Conv2d(3, 64, 3), nn.BatchNorm2d(64), nn.ReLU(),  # 2
                        nn.MaxPool3d((1, 3, 3), (1, 1, 1)),
                        sbb(64, 128), nn.BatchNorm2d(128), nn.ReLU(),  # 6
                        nn.MaxPool3d((1, 3, 3), (2, 1, 2)),
                        sbb(64, 256), nn.BatchNorm2d(256), nn.ReLU(),
                        sbb(256, 256), nn.BatchNorm2d(256), nn.ReLU(),  # 13
                        nn.MaxPool3d((1, 3, 3), (4, 1, 2)),
                        nn.Dropout(0.5), nn.Conv2d(64, 256, (1, 4)), nn.BatchNorm2d(256), nn.ReLU(),
                        nn.Dropout(0.5), nn.Conv2d(256, classes, (13, 1)), nn.BatchNorm2d(classes), nn.ReLU())  # 22
                    self.container = nn.Conv2d(64 + 128 + 256 + classes, classes, 1)

                def forward(self, x):  # x: [1, 3, 24, 94] plate crop -> [1, 68, 18] per-column logits (CTC)
                    keep = []
                    for i, layer in enumerate(self.backbone):
                        x = layer(x)
                        if i in (2, 6, 13, 22):
                            keep.append(x)
                    ctx = []
                    for i, f in enumerate(keep):
                        if i in (0, 1):
                            f = F.avg_pool2d(f, 5, 5)
                        if i == 2:
                            f = F.avg_pool2d(f, (4, 10), (4, 2))
                        ctx.append(f / torch.mean(torch.pow(f, 2)))
                    return torch.mean(self.container(torch.cat(ctx, 1)), dim=2)

            return LPRNet().eval(), (torch.randn(1, 3, 24, 94),)
        if kind == "pidnet":  # PIDNet-S-like: P / I / D branches, Pag (sigmoid similarity), PAPPM, Bag fusion
            class Basic(nn.Module):
                def __init__(self, i, o, s=1) -> None:
                    super().__init__()
                    self.f = nn.Sequential(cbr(i, o, 3, s), nn.Conv2d(o, o, 3, 1, 1, bias=False), nn.BatchNorm2d(o))
                    self.sc = (nn.Sequential(nn.Conv2d(i, o, 1, s, bias=False), nn.BatchNorm2d(o))
                               if s != 1 or i != o else nn.Identity())

                def forward(self, x):
                    return F.relu(self.f(x) + self.sc(x))

            class Pag(nn.Module):
                def __init__(self, c, m) -> None:
                    super().__init__()
                    self.fx = nn.Sequential(nn.Conv2d(c, m, 1, bias=False), nn.BatchNorm2d(m))
                    self.fy = nn.Sequential(nn.Conv2d(c, m, 1, bias=False), nn.BatchNorm2d(m))

                def forward(self, x, y):
                    size = x.shape[-2:]
                    yq = F.interpolate(self.fy(y), size=size, mode="bilinear", align_corners=False)
                    sim = torch.sigmoid(torch.sum(self.fx(x) * yq, dim=1).unsqueeze(1))
                    return (1 - sim) * x + sim * F.interpolate(y, size=size, mode="bilinear", align_corners=False)

            class PAPPM(nn.Module):
                def __init__(self, i, m, o) -> None:
                    super().__init__()
                    self.scales = nn.ModuleList(
                        [nn.Sequential(nn.AvgPool2d(k, s, s), nn.BatchNorm2d(i), nn.ReLU(), nn.Conv2d(i, m, 1, bias=False))
                         for k, s in ((5, 2), (9, 4), (17, 8))]
                        + [nn.Sequential(nn.AdaptiveAvgPool2d(1), nn.BatchNorm2d(i), nn.ReLU(),
                                         nn.Conv2d(i, m, 1, bias=False))])
                    self.scale0 = nn.Sequential(nn.BatchNorm2d(i), nn.ReLU(), nn.Conv2d(i, m, 1, bias=False))
                    self.proc = nn.Sequential(nn.BatchNorm2d(4 * m), nn.ReLU(), nn.Conv2d(4 * m, 4 * m, 3, 1, 1, groups=4,
                                                                                        bias=False))
                    self.comp = nn.Sequential(nn.BatchNorm2d(5 * m), nn.ReLU(), nn.Conv2d(5 * m, o, 1, bias=False))
                    self.sc = nn.Sequential(nn.BatchNorm2d(i), nn.ReLU(), nn.Conv2d(i, o, 1, bias=False))

                def forward(self, x):
                    size = x.shape[-2:]
                    x0 = self.scale0(x)
                    ups = [F.interpolate(s(x), size=size, mode="bilinear", align_corners=False) + x0 for s in self.scales]
                    y = self.proc(torch.cat(ups, 1))
                    return self.comp(torch.cat([x0, y], 1)) + self.sc(x)

            class PIDNet(nn.Module):
                def __init__(self, classes: int = 19, c: int = 32) -> None:
                    super().__init__()
                    self.stem = nn.Sequential(cbr(3, c, 3, 2), cbr(c, c, 3, 2), Basic(c, c), Basic(c, c))  # 1/4
                    self.l2 = nn.Sequential(Basic(c, 2 * c, 2), Basic(2 * c, 2 * c))  # 1/8
                    self.l3 = nn.Sequential(Basic(2 * c, 4 * c, 2), Basic(4 * c, 4 * c))  # 1/16 (I)
                    self.l4 = nn.Sequential(Basic(4 * c, 8 * c, 2), Basic(8 * c, 8 * c))  # 1/32 (I)
                    self.p3, self.p4 = Basic(2 * c, 2 * c), Basic(2 * c, 2 * c)  # P stays at 1/8
                    self.d3, self.d4 = Basic(2 * c, c), Basic(c, c)  # D at 1/8
                    self.comp3 = nn.Sequential(nn.Conv2d(4 * c, 2 * c, 1, bias=False), nn.BatchNorm2d(2 * c))
                    self.comp4 = nn.Sequential(nn.Conv2d(8 * c, 2 * c, 1, bias=False), nn.BatchNorm2d(2 * c))
                    self.diff3 = nn.Sequential(nn.Conv2d(4 * c, c, 3, 1, 1, bias=False), nn.BatchNorm2d(c))
                    self.pag3, self.pag4 = Pag(2 * c, c), Pag(2 * c, c)
                    self.spp = PAPPM(8 * c, 96, 4 * c)
                    self.dout = nn.Sequential(cbr(c, 2 * c, 1))
                    self.iout = nn.Sequential(nn.Conv2d(4 * c, 2 * c, 1, bias=False), nn.BatchNorm2d(2 * c))
                    self.bag = cbr(2 * c, 4 * c)
                    self.head = nn.Sequential(cbr(4 * c, 64), nn.Conv2d(64, classes, 1))

                def forward(self, x):  # x: [1, 3, 512, 1024] street scene -> [1, 19, 64, 128] logits at 1/8
                    x = self.l2(self.stem(x))
                    size = x.shape[-2:]
                    i3 = self.l3(x)
                    p = self.pag3(self.p3(x), self.comp3(i3))
                    d = self.d3(x) + F.interpolate(self.diff3(i3), size=size, mode="bilinear", align_corners=False)
                    i4 = self.l4(i3)
                    p = self.pag4(self.p4(p), self.comp4(i4))
                    d = self.d4(d)
                    i = F.interpolate(self.iout(self.spp(i4)), size=size, mode="bilinear", align_corners=False)
                    edge = torch.sigmoid(self.dout(d))
                    return self.head(self.bag(edge * p + (1 - edge) * i))

            return PIDNet().eval(), (torch.randn(1, 3, 512, 1024),)
        if kind == "modnet":  # MODNet: MobileNetV2 encoder, SE, IBNorm (BN | InstanceNorm halves), HR + fusion branches
            import torchvision

            class IBNorm(nn.Module):
                def __init__(self, c) -> None:
                    super().__init__()
                    self.bn_c = c // 2
                    self.bn = nn.BatchNorm2d(self.bn_c)
                    self.inorm = nn.InstanceNorm2d(c - self.bn_c, affine=False)

                def forward(self, x):
                    return torch.cat([self.bn(x[:, :self.bn_c]), self.inorm(x[:, self.bn_c:])], 1)

            def cib(i, o, k=3, s=1, relu=True, ib=True):
                layers = [nn.Conv2d(i, o, k, s, k // 2, bias=False)]
                if ib:
                    layers.append(IBNorm(o))
                if relu:
                    layers.append(nn.ReLU())
                return nn.Sequential(*layers)

            class SE(nn.Module):
                def __init__(self, c, r=4) -> None:
                    super().__init__()
                    self.fc = nn.Sequential(nn.Linear(c, c // r, bias=False), nn.ReLU(), nn.Linear(c // r, c, bias=False),
                                            nn.Sigmoid())

                def forward(self, x):
                    w = self.fc(F.adaptive_avg_pool2d(x, 1).view(x.shape[0], -1)).view(x.shape[0], -1, 1, 1)
                    return x * w.expand_as(x)

            def up(x, s=2.0):
                return F.interpolate(x, scale_factor=s, mode="bilinear", align_corners=False)

            class MODNet(nn.Module):
                def __init__(self, hr: int = 32) -> None:
                    super().__init__()
                    f = torchvision.models.mobilenet_v2(weights=None).features
                    self.enc2, self.enc4, self.enc32 = f[:2], f[2:4], f[4:]
                    self.se = SE(1280)
                    self.lr16, self.lr8 = cib(1280, 96, 5), cib(96, 32, 5)
                    self.tohr2, self.tohr4 = cib(16, hr, 1), cib(24, hr, 1)
                    self.conv_enc2 = cib(hr + 3, hr, 3, 2)
                    self.conv_enc4 = nn.Sequential(cib(2 * hr, 2 * hr), cib(2 * hr, hr))
                    self.conv_hr4 = nn.Sequential(cib(hr + 32 + 3, 2 * hr), cib(2 * hr, 2 * hr), cib(2 * hr, hr))
                    self.conv_hr2 = nn.Sequential(cib(2 * hr, 2 * hr), cib(2 * hr, hr))
                    self.lr4 = cib(32, 32, 5)
                    self.f2 = cib(hr + 32, hr)
                    self.f = nn.Sequential(cib(hr + 3, hr // 2), cib(hr // 2, 1, 1, relu=False, ib=False))

                def forward(self, img):  # img: [1, 3, 512, 512] portrait -> [1, 1, 512, 512] alpha matte
                    e2 = self.enc2(img)
                    e4 = self.enc4(e2)
                    e32 = self.se(self.enc32(e4))
                    lr8 = self.lr8(up(self.lr16(up(e32))))
                    img2, img4 = up(img, 0.5), up(img, 0.25)
                    e2 = self.tohr2(e2)
                    hr4 = self.conv_enc2(torch.cat([img2, e2], 1))
                    hr4 = self.conv_enc4(torch.cat([hr4, self.tohr4(e4)], 1))
                    hr4 = self.conv_hr4(torch.cat([hr4, up(lr8), img4], 1))
                    hr2 = self.conv_hr2(torch.cat([up(hr4), e2], 1))
                    lr2 = up(self.lr4(up(lr8)))
                    f = up(self.f2(torch.cat([lr2, hr2], 1)))
                    return torch.sigmoid(self.f(torch.cat([f, img], 1)))

            return MODNet().eval(), (torch.randn(1, 3, 512, 512),)
        if kind == "dpt_depth":  # Depth-Anything-small-like: DINOv2 ViT-S/14 intermediates, DPT reassemble + fusion
            import timm

            class RCU(nn.Module):
                def __init__(self, c) -> None:
                    super().__init__()
                    self.c1, self.c2 = nn.Conv2d(c, c, 3, 1, 1), nn.Conv2d(c, c, 3, 1, 1)

                def forward(self, x):
                    return self.c2(F.relu(self.c1(F.relu(x)))) + x

            class Fusion(nn.Module):
                def __init__(self, c) -> None:
                    super().__init__()
                    self.r1, self.r2, self.out = RCU(c), RCU(c), nn.Conv2d(c, c, 1)

                def forward(self, x, skip=None, size=None):
                    if skip is not None:
                        x = x + self.r1(skip)
                    x = self.r2(x)
                    x = F.interpolate(x, size=size, mode="bilinear", align_corners=True) if size is not None else \
                        F.interpolate(x, scale_factor=2, mode="bilinear", align_corners=True)
                    return self.out(x)

            class DPT(nn.Module):
                def __init__(self, feat: int = 64, outs=(48, 96, 192, 384)) -> None:
                    super().__init__()
                    self.vit = timm.create_model("vit_small_patch14_dinov2", pretrained=False, img_size=224)
                    self.proj = nn.ModuleList(nn.Conv2d(384, o, 1) for o in outs)
                    self.resize = nn.ModuleList([nn.ConvTranspose2d(outs[0], outs[0], 4, 4),
                                                 nn.ConvTranspose2d(outs[1], outs[1], 2, 2), nn.Identity(),
                                                 nn.Conv2d(outs[3], outs[3], 3, 2, 1)])
                    self.rn = nn.ModuleList(nn.Conv2d(o, feat, 3, 1, 1, bias=False) for o in outs)
                    self.fuse = nn.ModuleList(Fusion(feat) for _ in outs)
                    self.head1 = nn.Conv2d(feat, feat // 2, 3, 1, 1)
                    self.head2 = nn.Sequential(nn.Conv2d(feat // 2, 32, 3, 1, 1), nn.ReLU(), nn.Conv2d(32, 1, 1),
                                               nn.ReLU())

                def forward(self, x):  # x: [1, 3, 224, 224] -> [1, 1, 224, 224] relative depth
                    feats = self.vit.forward_intermediates(x, indices=[2, 5, 8, 11], output_fmt="NCHW",
                                                           intermediates_only=True)
                    r = [rn(rs(p(f))) for f, p, rs, rn in zip(feats, self.proj, self.resize, self.rn)]
                    y = self.fuse[3](r[3], size=r[2].shape[-2:])
                    y = self.fuse[2](y, r[2], size=r[1].shape[-2:])
                    y = self.fuse[1](y, r[1], size=r[0].shape[-2:])
                    y = self.fuse[0](y, r[0])
                    y = F.interpolate(self.head1(y), size=(224, 224), mode="bilinear", align_corners=True)
                    return self.head2(y)

            return DPT().eval(), (torch.randn(1, 3, 224, 224),)
        if kind == "efficientsam_encoder":  # EfficientSAM-style ViT-tiny image encoder, LayerNorm2d neck
            class LN2d(nn.Module):
                def __init__(self, c, eps=1e-6) -> None:
                    super().__init__()
                    self.w, self.b, self.eps = nn.Parameter(torch.ones(c)), nn.Parameter(torch.zeros(c)), eps

                def forward(self, x):
                    u = x.mean(1, keepdim=True)
                    s = (x - u).pow(2).mean(1, keepdim=True)
                    return self.w[:, None, None] * ((x - u) / torch.sqrt(s + self.eps)) + self.b[:, None, None]

            class Attn(nn.Module):
                def __init__(self, d, h) -> None:
                    super().__init__()
                    self.h, self.scale = h, (d // h) ** -0.5
                    self.qkv, self.proj = nn.Linear(d, 3 * d), nn.Linear(d, d)

                def forward(self, x):
                    b, n, c = x.shape
                    q, k, v = self.qkv(x).reshape(b, n, 3, self.h, c // self.h).permute(2, 0, 3, 1, 4)
                    a = (q @ k.transpose(-2, -1)) * self.scale
                    return self.proj((a.softmax(-1) @ v).transpose(1, 2).reshape(b, n, c))

            class Block(nn.Module):
                def __init__(self, d, h) -> None:
                    super().__init__()
                    self.n1, self.n2, self.attn = nn.LayerNorm(d, eps=1e-6), nn.LayerNorm(d, eps=1e-6), Attn(d, h)
                    self.mlp = nn.Sequential(nn.Linear(d, 4 * d), nn.GELU(), nn.Linear(4 * d, d))

                def forward(self, x):
                    x = x + self.attn(self.n1(x))
                    return x + self.mlp(self.n2(x))

            class Encoder(nn.Module):
                def __init__(self, size: int = 384, d: int = 192, depth: int = 12, heads: int = 3) -> None:
                    super().__init__()
                    self.g = size // 16
                    self.patch = nn.Conv2d(3, d, 16, 16)
                    self.pos = nn.Parameter(torch.randn(1, self.g * self.g, d) * 0.02)
                    self.blocks = nn.Sequential(*[Block(d, heads) for _ in range(depth)])
                    self.neck = nn.Sequential(nn.Conv2d(d, 256, 1, bias=False), LN2d(256),
                                              nn.Conv2d(256, 256, 3, 1, 1, bias=False), LN2d(256))

                def forward(self, x):  # x: [1, 3, 384, 384] -> [1, 256, 24, 24] image embedding
                    x = self.patch(x).flatten(2).transpose(1, 2) + self.pos
                    x = self.blocks(x)
                    return self.neck(x.transpose(1, 2).reshape(1, -1, self.g, self.g))

            return Encoder().eval(), (torch.randn(1, 3, 384, 384),)
        if kind == "superpoint":  # SuperPoint: VGG encoder, 65-bin softmax -> depth-to-space heatmap, L2 descriptors
            class SuperPoint(nn.Module):
                def __init__(self) -> None:
                    super().__init__()
                    c = (1, 64, 64, 64, 64, 128, 128, 128, 128)
                    self.convs = nn.ModuleList(nn.Conv2d(c[i], c[i + 1], 3, 1, 1) for i in range(8))
                    self.pa, self.pb = nn.Conv2d(128, 256, 3, 1, 1), nn.Conv2d(256, 65, 1)
                    self.da, self.db = nn.Conv2d(128, 256, 3, 1, 1), nn.Conv2d(256, 256, 1)

                def forward(self, x):  # x: [1, 1, 240, 320] grey image -> heatmap [1, 1, 240, 320], desc [1, 256, 30, 40]
                    for i, c in enumerate(self.convs):
                        x = F.relu(c(x))
                        if i in (1, 3, 5):
                            x = F.max_pool2d(x, 2, 2)
                    semi = self.pb(F.relu(self.pa(x)))
                    heat = F.pixel_shuffle(torch.softmax(semi, 1)[:, :-1], 8)
                    desc = F.normalize(self.db(F.relu(self.da(x))), p=2, dim=1)
                    return heat, desc

            return SuperPoint().eval(), (torch.randn(1, 1, 240, 320),)
        if kind == "scrfd":  # SCRFD-500M-like: depthwise backbone, PAFPN, shared BN heads, score / bbox / kps per stride
            def dw(i, o, s=1):
                return nn.Sequential(cbr(i, i, 3, s, g=i), cbr(i, o, 1))

            class SCRFD(nn.Module):
                def __init__(self, c: int = 16) -> None:
                    super().__init__()
                    self.stem = nn.Sequential(cbr(3, 16, 3, 2), dw(16, 16), dw(16, 32, 2), dw(32, 32))  # 1/4
                    self.s8 = nn.Sequential(dw(32, 64, 2), dw(64, 64))
                    self.s16 = nn.Sequential(dw(64, 128, 2), *[dw(128, 128) for _ in range(3)])
                    self.s32 = nn.Sequential(dw(128, 256, 2), dw(256, 256))
                    self.lat = nn.ModuleList(cbr(i, c, 1) for i in (64, 128, 256))
                    self.fpn = nn.ModuleList(cbr(c, c) for _ in range(3))
                    self.down = nn.ModuleList(cbr(c, c, 3, 2) for _ in range(2))
                    self.pafpn = nn.ModuleList(cbr(c, c) for _ in range(2))
                    self.tower = nn.ModuleList(nn.Sequential(dw(c, 64), dw(64, 64)) for _ in range(3))
                    self.cls = nn.ModuleList(nn.Conv2d(64, 2, 3, 1, 1) for _ in range(3))
                    self.reg = nn.ModuleList(nn.Conv2d(64, 2 * 4, 3, 1, 1) for _ in range(3))
                    self.kps = nn.ModuleList(nn.Conv2d(64, 2 * 10, 3, 1, 1) for _ in range(3))

                def forward(self, x):  # x: [1, 3, 640, 640] -> per stride 8 / 16 / 32: score, bbox, kps as [N, k]
                    c8 = self.s8(self.stem(x))
                    c16 = self.s16(c8)
                    c32 = self.s32(c16)
                    p = [lat(c) for lat, c in zip(self.lat, (c8, c16, c32))]
                    p[1] = p[1] + F.interpolate(p[2], size=p[1].shape[-2:], mode="nearest")
                    p[0] = p[0] + F.interpolate(p[1], size=p[0].shape[-2:], mode="nearest")
                    p = [f(q) for f, q in zip(self.fpn, p)]
                    p[1] = p[1] + self.down[0](p[0])
                    p[2] = p[2] + self.down[1](p[1])
                    p[1], p[2] = self.pafpn[0](p[1]), self.pafpn[1](p[2])
                    scores, boxes, kpss = [], [], []
                    for j, (f, s) in enumerate(zip(p, (8, 16, 32))):
                        t = self.tower[j](f)
                        scores.append(self.cls[j](t).permute(0, 2, 3, 1).reshape(-1, 1).sigmoid())
                        boxes.append(self.reg[j](t).permute(0, 2, 3, 1).reshape(-1, 4) * s)
                        kpss.append(self.kps[j](t).permute(0, 2, 3, 1).reshape(-1, 10) * s)
                    return (*scores, *boxes, *kpss)

            return SCRFD().eval(), (torch.randn(1, 3, 640, 640),)
        if kind == "rtmpose_gau":  # RTMPose-t-like: conv backbone, 7x7 to K maps, flatten, ScaleNorm, GAU, SimCC
            class ScaleNorm(nn.Module):
                def __init__(self, d, eps=1e-5) -> None:
                    super().__init__()
                    self.scale, self.eps, self.g = d ** -0.5, eps, nn.Parameter(torch.ones(1))

                def forward(self, x):
                    return x / (torch.norm(x, dim=-1, keepdim=True) * self.scale).clamp(min=self.eps) * self.g

            class GAU(nn.Module):
                def __init__(self, d: int = 256, s: int = 128, e: int = 512) -> None:
                    super().__init__()
                    self.e, self.s = e, s
                    self.ln = ScaleNorm(d)
                    self.uv = nn.Linear(d, 2 * e + s, bias=False)
                    self.gamma, self.beta = nn.Parameter(torch.rand(2, s)), nn.Parameter(torch.rand(2, s))
                    self.o = nn.Linear(e, d, bias=False)
                    self.res_scale = nn.Parameter(torch.ones(d))

                def forward(self, x):
                    u, v, base = torch.split(F.silu(self.uv(self.ln(x))), [self.e, self.e, self.s], dim=-1)
                    base = base.unsqueeze(2) * self.gamma[None, None, :] + self.beta
                    q, k = torch.unbind(base, dim=2)
                    kernel = torch.square(F.relu(torch.bmm(q, k.permute(0, 2, 1)) / math.sqrt(self.s)))
                    return x * self.res_scale + self.o(u * torch.bmm(kernel, v))

            class RTMPose(nn.Module):
                def __init__(self, k: int = 17, size=(256, 192)) -> None:
                    super().__init__()
                    self.body = nn.Sequential(cbr(3, 24, 3, 2, act=nn.SiLU), cbr(24, 48, 3, 2, act=nn.SiLU),
                                              cbr(48, 48, act=nn.SiLU), cbr(48, 96, 3, 2, act=nn.SiLU),
                                              cbr(96, 96, act=nn.SiLU), cbr(96, 192, 3, 2, act=nn.SiLU),
                                              cbr(192, 192, act=nn.SiLU), cbr(192, 384, 3, 2, act=nn.SiLU))
                    self.final = nn.Conv2d(384, k, 7, 1, 3)
                    hw = (size[0] // 32) * (size[1] // 32)
                    self.mlp = nn.Sequential(ScaleNorm(hw), nn.Linear(hw, 256, bias=False))
                    self.gau = GAU()
                    self.cls_x = nn.Linear(256, size[1] * 2, bias=False)
                    self.cls_y = nn.Linear(256, size[0] * 2, bias=False)

                def forward(self, x):  # x: [1, 3, 256, 192] person crop -> simcc_x [1, 17, 384], simcc_y [1, 17, 512]
                    f = self.gau(self.mlp(torch.flatten(self.final(self.body(x)), 2)))
                    return self.cls_x(f), self.cls_y(f)

            return RTMPose().eval(), (torch.randn(1, 3, 256, 192),)
        if kind == "wav2vec2":  # wav2vec2-base-like, shrunk: GroupNorm conv feature extractor, weight-normed pos conv
            class W2V(nn.Module):
                def __init__(self, c: int = 256, d: int = 384, layers: int = 4) -> None:
                    super().__init__()
                    convs = [nn.Sequential(nn.Conv1d(1, c, 10, 5, bias=False), nn.GroupNorm(c, c), nn.GELU())]
                    for k, s in ((3, 2), (3, 2), (3, 2), (3, 2), (2, 2), (2, 2)):
                        convs.append(nn.Sequential(nn.Conv1d(c, c, k, s, bias=False), nn.GELU()))
                    self.fe = nn.Sequential(*convs)
                    self.fp_norm, self.fp = nn.LayerNorm(c), nn.Linear(c, d)
                    self.pos = nn.utils.parametrizations.weight_norm(nn.Conv1d(d, d, 128, padding=64, groups=16), dim=2)
                    self.norm = nn.LayerNorm(d)
                    self.enc = nn.ModuleList(nn.TransformerEncoderLayer(d, 6, 4 * d, 0.0, "gelu", batch_first=True)
                                             for _ in range(layers))

                def forward(self, wav):  # wav: [1, 16000] one second at 16 kHz -> [1, 49, 384] frame features
                    x = self.fe(wav.unsqueeze(1)).transpose(1, 2)
                    x = self.fp(self.fp_norm(x))
                    x = x + F.gelu(self.pos(x.transpose(1, 2))[:, :, :-1]).transpose(1, 2)
                    x = self.norm(x)
                    for layer in self.enc:
                        x = layer(x)
                    return x

            return W2V().eval(), (torch.randn(1, 16000),)
        if kind == "vae_decoder":  # Stable-Diffusion-style VAE decoder, shrunk: GroupNorm resnets, mid attention, nearest up
            class Res(nn.Module):
                def __init__(self, i, o) -> None:
                    super().__init__()
                    self.n1, self.c1 = nn.GroupNorm(32, i, eps=1e-6), nn.Conv2d(i, o, 3, 1, 1)
                    self.n2, self.c2 = nn.GroupNorm(32, o, eps=1e-6), nn.Conv2d(o, o, 3, 1, 1)
                    self.sc = nn.Conv2d(i, o, 1) if i != o else nn.Identity()

                def forward(self, x):
                    h = self.c1(F.silu(self.n1(x)))
                    return self.sc(x) + self.c2(F.silu(self.n2(h)))

            class AttnBlock(nn.Module):
                def __init__(self, c) -> None:
                    super().__init__()
                    self.norm = nn.GroupNorm(32, c, eps=1e-6)
                    self.q, self.k, self.v, self.o = (nn.Conv2d(c, c, 1) for _ in range(4))

                def forward(self, x):
                    b, c, h, w = x.shape
                    y = self.norm(x)
                    q = self.q(y).reshape(b, c, h * w).permute(0, 2, 1)
                    k = self.k(y).reshape(b, c, h * w)
                    a = torch.softmax(torch.bmm(q, k) * (c ** -0.5), dim=2)
                    o = torch.bmm(self.v(y).reshape(b, c, h * w), a.permute(0, 2, 1)).reshape(b, c, h, w)
                    return x + self.o(o)

            class Decoder(nn.Module):
                def __init__(self, ch=(128, 128, 64, 64)) -> None:
                    super().__init__()
                    self.post_quant = nn.Conv2d(4, 4, 1)
                    self.conv_in = nn.Conv2d(4, ch[0], 3, 1, 1)
                    self.mid = nn.Sequential(Res(ch[0], ch[0]), AttnBlock(ch[0]), Res(ch[0], ch[0]))
                    ups = []
                    for j in range(len(ch) - 1):
                        ups.append(nn.ModuleDict({"res": nn.Sequential(Res(ch[j], ch[j + 1]), Res(ch[j + 1], ch[j + 1])),
                                                  "up": nn.Conv2d(ch[j + 1], ch[j + 1], 3, 1, 1)}))
                    self.ups = nn.ModuleList(ups)
                    self.norm_out, self.conv_out = nn.GroupNorm(32, ch[-1], eps=1e-6), nn.Conv2d(ch[-1], 3, 3, 1, 1)

                def forward(self, z):  # z: [1, 4, 32, 32] latent -> [1, 3, 256, 256] image
                    x = self.mid(self.conv_in(self.post_quant(z / 0.18215)))
                    for u in self.ups:
                        x = u["up"](F.interpolate(u["res"](x), scale_factor=2.0, mode="nearest"))
                    return self.conv_out(F.silu(self.norm_out(x)))

            return Decoder().eval(), (torch.randn(1, 4, 32, 32),)
        if kind == "fast_scnn":  # Fast-SCNN: learning to downsample, bottlenecks, pyramid pooling 1/2/3/6, fusion
            def dsconv(i, o, s=1):
                return nn.Sequential(cbr(i, i, 3, s, g=i), cbr(i, o, 1))

            class LB(nn.Module):
                def __init__(self, i, o, t=6, s=1) -> None:
                    super().__init__()
                    self.res = s == 1 and i == o
                    self.f = nn.Sequential(cbr(i, i * t, 1), cbr(i * t, i * t, 3, s, g=i * t),
                                           nn.Conv2d(i * t, o, 1, bias=False), nn.BatchNorm2d(o))

                def forward(self, x):
                    return x + self.f(x) if self.res else self.f(x)

            class FastSCNN(nn.Module):
                def __init__(self, classes: int = 19) -> None:
                    super().__init__()
                    self.ltd = nn.Sequential(cbr(3, 32, 3, 2), dsconv(32, 48, 2), dsconv(48, 64, 2))
                    self.gfe = nn.Sequential(LB(64, 64, s=2), LB(64, 64), LB(64, 64), LB(64, 96, s=2), LB(96, 96),
                                             LB(96, 96), LB(96, 128), LB(128, 128), LB(128, 128))
                    self.ppm = nn.ModuleList(cbr(128, 32, 1) for _ in range(4))
                    self.ppm_out = cbr(256, 128, 1)
                    self.lower = nn.Sequential(cbr(128, 128, 3, g=128), nn.Conv2d(128, 128, 1), nn.BatchNorm2d(128))
                    self.higher = nn.Sequential(nn.Conv2d(64, 128, 1), nn.BatchNorm2d(128))
                    self.cls = nn.Sequential(dsconv(128, 128), dsconv(128, 128), nn.Dropout(0.1),
                                             nn.Conv2d(128, classes, 1))

                def forward(self, x):  # x: [1, 3, 384, 768] -> [1, 19, 384, 768] logits
                    size = x.shape[-2:]
                    hi = self.ltd(x)
                    lo = self.gfe(hi)
                    feats = [lo] + [F.interpolate(c(F.adaptive_avg_pool2d(lo, s)), size=lo.shape[-2:], mode="bilinear",
                                                  align_corners=True) for c, s in zip(self.ppm, (1, 2, 3, 6))]
                    lo = self.ppm_out(torch.cat(feats, 1))
                    lo = self.lower(F.interpolate(lo, scale_factor=4, mode="bilinear", align_corners=True))
                    y = self.cls(F.relu(self.higher(hi) + lo))
                    return F.interpolate(y, size=size, mode="bilinear", align_corners=True)

            return FastSCNN().eval(), (torch.randn(1, 3, 384, 768),)
        if kind == "enet":  # ENet: initial conv | max-pool concat, max-pool indices + channel zero pad, MaxUnpool up
            class Initial(nn.Module):
                def __init__(self, o=16) -> None:
                    super().__init__()
                    self.conv = nn.Conv2d(3, o - 3, 3, 2, 1, bias=False)
                    self.bn, self.act = nn.BatchNorm2d(o), nn.PReLU(o)

                def forward(self, x):
                    return self.act(self.bn(torch.cat([self.conv(x), F.max_pool2d(x, 3, 2, 1)], 1)))

            class Bottleneck(nn.Module):
                def __init__(self, c, k=3, d=1, asym=False) -> None:
                    super().__init__()
                    m = c // 4
                    mid = (nn.Sequential(nn.Conv2d(m, m, (k, 1), 1, (k // 2, 0), bias=False), nn.BatchNorm2d(m), nn.PReLU(m),
                                         nn.Conv2d(m, m, (1, k), 1, (0, k // 2), bias=False)) if asym
                           else nn.Conv2d(m, m, k, 1, d * (k // 2), dilation=d, bias=False))
                    self.ext = nn.Sequential(nn.Conv2d(c, m, 1, bias=False), nn.BatchNorm2d(m), nn.PReLU(m), mid,
                                             nn.BatchNorm2d(m), nn.PReLU(m), nn.Conv2d(m, c, 1, bias=False),
                                             nn.BatchNorm2d(c), nn.Dropout2d(0.1))
                    self.act = nn.PReLU(c)

                def forward(self, x):
                    return self.act(x + self.ext(x))

            class Down(nn.Module):
                def __init__(self, i, o) -> None:
                    super().__init__()
                    m = i // 4
                    self.pool = nn.MaxPool2d(2, 2, return_indices=True)
                    self.ext = nn.Sequential(nn.Conv2d(i, m, 2, 2, bias=False), nn.BatchNorm2d(m), nn.PReLU(m),
                                             nn.Conv2d(m, m, 3, 1, 1, bias=False), nn.BatchNorm2d(m), nn.PReLU(m),
                                             nn.Conv2d(m, o, 1, bias=False), nn.BatchNorm2d(o))
                    self.pad, self.act = o - i, nn.PReLU(o)

                def forward(self, x):
                    main, idx = self.pool(x)
                    ext = self.ext(x)
                    n, _, h, w = ext.shape
                    main = torch.cat([main, torch.zeros(n, self.pad, h, w, dtype=main.dtype)], 1)
                    return self.act(main + ext), idx

            class Up(nn.Module):
                def __init__(self, i, o, size) -> None:
                    super().__init__()
                    m, self.size = i // 4, size  # a constant output size: traced shapes fail unpool's size check
                    self.main = nn.Sequential(nn.Conv2d(i, o, 1, bias=False), nn.BatchNorm2d(o))
                    self.unpool = nn.MaxUnpool2d(2)
                    self.ext = nn.Sequential(nn.Conv2d(i, m, 1, bias=False), nn.BatchNorm2d(m), nn.ReLU(),
                                             nn.ConvTranspose2d(m, m, 2, 2, bias=False), nn.BatchNorm2d(m), nn.ReLU(),
                                             nn.Conv2d(m, o, 1, bias=False), nn.BatchNorm2d(o))

                def forward(self, x, idx):
                    return F.relu(self.unpool(self.main(x), idx, output_size=self.size) + self.ext(x))

            class ENet(nn.Module):
                def __init__(self, classes: int = 12) -> None:
                    super().__init__()
                    self.initial = Initial()
                    self.down1, self.s1 = Down(16, 64), nn.Sequential(*[Bottleneck(64) for _ in range(4)])
                    self.down2 = Down(64, 128)
                    self.s2 = nn.Sequential(Bottleneck(128), Bottleneck(128, d=2), Bottleneck(128, 5, asym=True),
                                            Bottleneck(128, d=4), Bottleneck(128), Bottleneck(128, d=8),
                                            Bottleneck(128, 5, asym=True), Bottleneck(128, d=16))
                    self.up1, self.s4 = Up(128, 64, (90, 120)), nn.Sequential(Bottleneck(64), Bottleneck(64))
                    self.up2, self.s5 = Up(64, 16, (180, 240)), Bottleneck(16)
                    self.full = nn.ConvTranspose2d(16, classes, 3, 2, 1, output_padding=1, bias=False)

                def forward(self, x):  # x: [1, 3, 360, 480] CamVid frame -> [1, 12, 360, 480]
                    x0 = self.initial(x)
                    x1, i1 = self.down1(x0)
                    x1 = self.s1(x1)
                    x2, i2 = self.down2(x1)
                    x2 = self.s2(x2)
                    y = self.s4(self.up1(x2, i2))
                    y = self.s5(self.up2(y, i1))
                    return self.full(y)

            return ENet().eval(), (torch.randn(1, 3, 360, 480),)
        if kind == "blazeface":  # MediaPipe BlazeFace (front, 128 px): BlazeBlocks with channel Pad, 896 anchors
            class BlazeBlock(nn.Module):
                def __init__(self, i, o, s=1) -> None:
                    super().__init__()
                    self.s, self.pad = s, o - i
                    self.convs = nn.Sequential(nn.Conv2d(i, i, 3, s, 0 if s == 2 else 1, groups=i), nn.Conv2d(i, o, 1))
                    self.pool = nn.MaxPool2d(s, s) if s == 2 else None

                def forward(self, x):
                    if self.s == 2:
                        h = F.pad(x, (0, 2, 0, 2), "constant", 0)
                        x = self.pool(x)
                    else:
                        h = x
                    if self.pad > 0:
                        x = F.pad(x, (0, 0, 0, 0, 0, self.pad), "constant", 0)
                    return F.relu(self.convs(h) + x)

            class BlazeFace(nn.Module):
                def __init__(self) -> None:
                    super().__init__()
                    b1 = [(24, 24, 1), (24, 28, 1), (28, 32, 2), (32, 36, 1), (36, 42, 1), (42, 48, 2), (48, 56, 1),
                          (56, 64, 1), (64, 72, 1), (72, 80, 1), (80, 88, 1)]
                    self.b1 = nn.Sequential(nn.Conv2d(3, 24, 5, 2, 0), nn.ReLU(), *[BlazeBlock(*a) for a in b1])
                    self.b2 = nn.Sequential(BlazeBlock(88, 96, 2), *[BlazeBlock(96, 96) for _ in range(4)])
                    self.c8, self.c16 = nn.Conv2d(88, 2, 1), nn.Conv2d(96, 6, 1)
                    self.r8, self.r16 = nn.Conv2d(88, 32, 1), nn.Conv2d(96, 96, 1)

                def forward(self, x):  # x: [1, 3, 128, 128] -> boxes + 6 key points [1, 896, 16], scores [1, 896, 1]
                    x = self.b1(F.pad(x, (1, 2, 1, 2), "constant", 0))
                    h = self.b2(x)
                    c = torch.cat([self.c8(x).permute(0, 2, 3, 1).reshape(1, -1, 1),
                                   self.c16(h).permute(0, 2, 3, 1).reshape(1, -1, 1)], 1)
                    r = torch.cat([self.r8(x).permute(0, 2, 3, 1).reshape(1, -1, 16),
                                   self.r16(h).permute(0, 2, 3, 1).reshape(1, -1, 16)], 1)
                    return r, c

            return BlazeFace().eval(), (torch.randn(1, 3, 128, 128),)
        raise ValueError(kind)

    return build


def specs() -> list[Spec]:
    return [
        # timm families no set used yet
        Spec("cls_timm_deit3_small_128_op17", "cls", "timm/deit3_small_patch16_224 (layer scale)",
             _timm_sz("deit3_small_patch16_224", 128), opset=17),
        Spec("cls_timm_beit_base_d4_112_op14", "cls", "timm/beit_base_patch16_224, depth 4 (relative position bias)",
             _timm_sz("beit_base_patch16_224", 112, depth=4), opset=14),
        Spec("cls_timm_mvitv2_tiny_128_op17", "cls", "timm/mvitv2_tiny (pooling attention)",
             _timm_sz("mvitv2_tiny", 128), opset=17),
        Spec("cls_timm_vit_tiny_r_s16_p8_op14", "cls", "timm/vit_tiny_r_s16_p8_224 (ViT on a BiT stem)",
             _timm("vit_tiny_r_s16_p8_224", 224), opset=14),
        Spec("seg_timm_samvit_d4_256_op17", "seg", "timm/samvit_base_patch16, depth 4, 256 px (SAM image encoder)",
             _timm_sz("samvit_base_patch16", 256, depth=4, global_attn_indexes=(1, 3), window_size=8), opset=17),
        Spec("cls_timm_inception_resnet_v2_op11", "cls", "timm/inception_resnet_v2", _timm("inception_resnet_v2", 160),
             opset=11),
        Spec("cls_timm_resnet50_gn_op13", "cls", "timm/resnet50_gn (GroupNorm)", _timm("resnet50_gn", 128)),
        Spec("cls_timm_resnetv2_50x1_bit_dynamo_op18", "cls", "timm/resnetv2_50x1_bit (StdConv + GroupNorm, dynamo)",
             _timm("resnetv2_50x1_bit", 128), opset=18, dynamo=True),
        Spec("cls_timm_convnext_zepto_rms_dynamo_op18", "cls", "timm/convnext_zepto_rms (RMSNorm, dynamo)",
             _timm("convnext_zepto_rms", 160), opset=18, dynamo=True),
        Spec("cls_timm_efficientnet_cc_b0_4e_op13", "cls", "timm/efficientnet_cc_b0_4e (CondConv)",
             _timm("efficientnet_cc_b0_4e", 160)),
        # torchvision
        Spec("cls_tv_alexnet_op11", "cls", "torchvision alexnet", _tv("alexnet", 224), opset=11),
        # ultralytics models not exported elsewhere
        Spec("det_yolov8s_worldv2_320_op12", "det", "yolov8s-worldv2 (open-vocabulary, text embeddings fixed)", None,
             ultralytics=_yolo("yolov8s-worldv2.yaml", 320)),
        Spec("det_yoloe_11s_320_op13", "det", "yoloe-11s (prompt embeddings fixed)", None,
             ultralytics=_yolo("yoloe-11s.yaml", 320, opset=13)),
        # hand-built: patterns the other sets lack
        Spec("ocr_lprnet_op11", "ocr", "LPRNet (MaxPool3d over channels, global context, CTC columns)",
             _custom("lprnet"), opset=11),
        Spec("seg_pidnet_s_512x1024_op12", "seg", "PIDNet-S-like (Pag, PAPPM, Bag)", _custom("pidnet"), opset=12),
        Spec("matting_modnet_512_op11", "matting", "MODNet (MobileNetV2, SE, IBNorm)", _custom("modnet"), opset=11),
        Spec("depth_dpt_vits14_224_op17", "depth", "Depth-Anything-small-like DPT head on DINOv2 ViT-S/14",
             _custom("dpt_depth"), opset=17),
        Spec("seg_efficientsam_vitt_384_op16", "seg", "EfficientSAM-style ViT-tiny image encoder, LayerNorm2d neck",
             _custom("efficientsam_encoder"), opset=16),
        Spec("kp_superpoint_240x320_op12", "kp", "SuperPoint (softmax, pixel shuffle, descriptor L2 norm)",
             _custom("superpoint"), opset=12, output_names=("heatmap", "desc")),
        Spec("face_scrfd_kps_640_op11", "face", "SCRFD-500M-like with key points, [N, k] outputs per stride",
             _custom("scrfd"), opset=11,
             output_names=tuple(f"{k}_{s}" for k in ("score", "bbox", "kps") for s in (8, 16, 32))),
        Spec("pose_rtmpose_gau_op11", "pose", "RTMPose-t-like SimCC head with the gated attention unit",
             _custom("rtmpose_gau"), opset=11, output_names=("simcc_x", "simcc_y")),
        Spec("audio_wav2vec2_small_dynamo_op18", "audio", "wav2vec2-like encoder (GroupNorm conv stem, weight-normed "
             "grouped positional conv), dynamo", _custom("wav2vec2"), opset=18, dynamo=True),
        Spec("gen_vae_decoder_gn_op14", "gen", "Stable-Diffusion-style VAE decoder (GroupNorm, mid attention)",
             _custom("vae_decoder"), opset=14),
        Spec("seg_fast_scnn_384x768_op11", "seg", "Fast-SCNN (pyramid pooling 1/2/3/6, feature fusion)",
             _custom("fast_scnn"), opset=11),
        Spec("seg_enet_unpool_dynamo_op18", "seg", "ENet (max-pool indices, channel zero pad, MaxUnpool), dynamo: "
             "TorchScript has no max_unpool2d", _custom("enet"), opset=18, dynamo=True),
        Spec("face_blazeface_128_op11", "face", "MediaPipe BlazeFace (channel Pad, 896 anchors)", _custom("blazeface"),
             opset=11, output_names=("regressors", "classificators")),
    ]


if __name__ == "__main__":
    sys.exit(run(specs, "/work/calib/s15-unseen8/models", sys.argv[1:]))
