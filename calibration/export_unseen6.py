"""Export a seventh set of models nobody calibrated on, to measure how the predictions carry over (toolkit 2.3.2).

Unseen sets 4, 5 and 6 (export_unseen3.py, export_unseen4.py, export_unseen5.py) taught fixes and are no longer
unseen. None of these architectures is in export_models.py, export_unseen.py, export_unseen2.py ...
export_unseen5.py, pretrained_set.py or issue_repros.py: timm models users ship that no set used yet (CPUBone,
ConvFormer, RTMDet's CSPNeXt, ViTamin, MaxxViT-v2, ResNet-v2 (pre-activation), SE-ResNeXt-26ts (dynamo), the legacy
SE-ResNet, SAM2's HieraDet, DenseNet-Blur, ECA-ResNet-light, SE-DarkNet-21, a ViT with registers and GAP, a ViT with
relative position bias, anti-aliased MobileNetV4, EfficientNet-Blur (dynamo)), torchvision R3D-18 (video),
ultralytics YOLOv3u-SPP, and small hand-built models for patterns users export that the other sets lack (a
medical U-Net with ConvTranspose skip concats, a Real-ESRGAN compact net (SRVGGNetCompact: PReLU, PixelShuffle x4,
nearest-upsampled residual), a PFLD face-landmark net with multi-scale flatten, a GRU denoiser on spectrogram
frames, a PointPillars pillar-feature net with ScatterND onto the BEV canvas, an Ultra-Fast-Lane-Detection
row-anchor head, a YOLOX decoupled head with in-graph decode, an ArcFace IResNet with BatchNorm1d on the embedding,
a tiny LLM decoder block (RMSNorm, rotary embedding, causal mask, SwiGLU, 32 tokens), a PWC-Net cost volume and a
SincNet-like raw-waveform classifier). Exporters and opsets mixed (TorchScript 11-17, dynamo 18-19), input sizes as
users pick them. Random weights, nothing downloaded. Same exporter, manifest and log lines as export_models.py:

    /work/calib/venv/bin/python calibration/export_unseen6.py --out /work/calib/s14-unseen7/models [--only SUBSTR]

Then the truths, one row at a time (2.3.2 through its venv; at most two builds at a time):

    nice -n 10 python calibration/run_toolkit.py --models /work/calib/s14-unseen7/models --target rk3566 \
        --dtype float16 --python /work/main/.toolkits/rknn-2.3.2/bin/python \
        --out /work/calib/s14-unseen7/rk3566-float16-2.3.2/truth.json --jobs 2
    python calibration/score.py --truth /work/calib/s14-unseen7/rk3566-float16-2.3.2/truth.json \
        --models /work/calib/s14-unseen7/models --results calibration/results/unseen6/before/rk3566-float16-2.3.2.json
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, Callable

sys.path.insert(0, str(Path(__file__).resolve().parent))
from export_common import _timm_sz, run  # noqa: E402
from export_models import Spec, _timm, _yolo  # noqa: E402
from export_unseen5 import _tv_video  # noqa: E402


def _custom(kind: str) -> Callable[[], tuple[Any, tuple]]:
    def build():
        import math

        import torch
        import torch.nn.functional as F
        from torch import nn

        def cbr(i, o, k=3, s=1, g=1, act=nn.ReLU):
            return nn.Sequential(nn.Conv2d(i, o, k, s, k // 2, groups=g, bias=False), nn.BatchNorm2d(o), act())

        if kind == "unet_convtranspose":  # medical U-Net: double convs, max-pool down, ConvTranspose up, skip concat
            class UNet(nn.Module):
                def __init__(self, w=(16, 32, 64, 128, 256)) -> None:
                    super().__init__()
                    self.down = nn.ModuleList(nn.Sequential(cbr(a, b), cbr(b, b)) for a, b in zip((1,) + w[:-1], w))
                    self.up = nn.ModuleList(nn.ConvTranspose2d(b, a, 2, 2) for a, b in zip(w[:-1], w[1:]))
                    self.dec = nn.ModuleList(nn.Sequential(cbr(2 * a, a), cbr(a, a)) for a in w[:-1])
                    self.out = nn.Conv2d(w[0], 1, 1)

                def forward(self, x):  # x: [1, 1, 256, 256] CT / MRI slice -> mask probability
                    skips = []
                    for j, d in enumerate(self.down):
                        x = d(x if j == 0 else F.max_pool2d(x, 2))
                        skips.append(x)
                    x = skips.pop()
                    for up, dec in zip(reversed(self.up), reversed(self.dec)):
                        x = dec(torch.cat([skips.pop(), up(x)], 1))
                    return torch.sigmoid(self.out(x))

            return UNet().eval(), (torch.randn(1, 1, 256, 256),)
        if kind == "srvgg_compact":  # Real-ESRGAN SRVGGNetCompact: conv + PReLU body, PixelShuffle x4, nearest skip
            class SRVGG(nn.Module):
                def __init__(self, f: int = 48, n: int = 12, scale: int = 4) -> None:
                    super().__init__()
                    layers = [nn.Conv2d(3, f, 3, 1, 1), nn.PReLU(f)]
                    for _ in range(n):
                        layers += [nn.Conv2d(f, f, 3, 1, 1), nn.PReLU(f)]
                    layers += [nn.Conv2d(f, 3 * scale * scale, 3, 1, 1), nn.PixelShuffle(scale)]
                    self.body, self.scale = nn.Sequential(*layers), scale

                def forward(self, x):  # x: [1, 3, 128, 128] -> [1, 3, 512, 512]
                    return self.body(x) + F.interpolate(x, scale_factor=self.scale, mode="nearest")

            return SRVGG().eval(), (torch.randn(1, 3, 128, 128),)
        if kind == "pfld":  # PFLD: MobileNetV2 blocks, multi-scale features (avg-pool flatten + conv flatten) -> FC
            class IR(nn.Module):
                def __init__(self, i, o, s, t) -> None:
                    super().__init__()
                    self.res = s == 1 and i == o
                    self.f = nn.Sequential(cbr(i, i * t, 1), cbr(i * t, i * t, 3, s, g=i * t),
                                           nn.Conv2d(i * t, o, 1, bias=False), nn.BatchNorm2d(o))

                def forward(self, x):
                    return x + self.f(x) if self.res else self.f(x)

            class PFLD(nn.Module):
                def __init__(self, points: int = 98) -> None:
                    super().__init__()
                    self.stem = nn.Sequential(cbr(3, 64, 3, 2), cbr(64, 64, 3, 1, g=64))
                    self.b3 = nn.Sequential(IR(64, 64, 2, 2), IR(64, 64, 1, 2), IR(64, 64, 1, 2))
                    self.b4 = nn.Sequential(IR(64, 128, 2, 2), IR(128, 128, 1, 4), IR(128, 128, 1, 4),
                                            IR(128, 16, 1, 2))
                    self.conv7 = cbr(16, 32, 3, 2)
                    self.conv8 = nn.Sequential(nn.Conv2d(32, 128, 7), nn.ReLU())
                    self.fc = nn.Linear(16 + 32 + 128, points * 2)

                def forward(self, x):  # x: [1, 3, 112, 112] face crop -> 98 landmarks
                    x = self.b4(self.b3(self.stem(x)))
                    s1 = F.adaptive_avg_pool2d(x, 1).flatten(1)
                    x = self.conv7(x)
                    s2 = F.adaptive_avg_pool2d(x, 1).flatten(1)
                    s3 = self.conv8(x).flatten(1)
                    return self.fc(torch.cat([s1, s2, s3], 1))

            return PFLD().eval(), (torch.randn(1, 3, 112, 112),)
        if kind == "gru_denoiser":  # spectral mask denoiser: [1, T, 257] magnitude frames -> GRU x2 -> sigmoid mask
            class Denoiser(nn.Module):
                def __init__(self, bins: int = 257, hidden: int = 128) -> None:
                    super().__init__()
                    self.inp = nn.Sequential(nn.Linear(bins, hidden), nn.Tanh())
                    self.gru = nn.GRU(hidden, hidden, num_layers=2, batch_first=True)
                    self.mask = nn.Sequential(nn.Linear(hidden, bins), nn.Sigmoid())

                def forward(self, x):  # x: [1, 50, 257] log-magnitude frames (0.5 s at 10 ms hop)
                    y, _ = self.gru(self.inp(x))
                    return x * self.mask(y)

            return Denoiser().eval(), (torch.rand(1, 50, 257),)
        if kind == "pointpillars":  # pillar feature net (1x1 conv, BN, max over points), ScatterND to the BEV canvas
            class PP(nn.Module):
                def __init__(self, c: int = 64, h: int = 128, w: int = 128) -> None:
                    super().__init__()
                    self.c, self.h, self.w = c, h, w
                    self.pfn = nn.Sequential(nn.Conv2d(9, c, 1, bias=False), nn.BatchNorm2d(c), nn.ReLU())
                    self.bev = nn.Sequential(cbr(c, 64, 3, 2), cbr(64, 64), cbr(64, 128, 3, 2), cbr(128, 128))
                    self.up = nn.ConvTranspose2d(128, 64, 2, 2)
                    self.cls = nn.Conv2d(64 + 64, 2 * 3, 1)
                    self.box = nn.Conv2d(64 + 64, 2 * 7, 1)

                def forward(self, pillars, coords):  # pillars [1, 9, P, 32] points; coords [P] flat canvas index
                    f = self.pfn(pillars).amax(3)[0]  # [c, P]
                    canvas = torch.zeros(self.c, self.h * self.w, dtype=f.dtype)
                    canvas = canvas.index_put((torch.arange(self.c).unsqueeze(1), coords.unsqueeze(0)), f)
                    x = canvas.view(1, self.c, self.h, self.w)
                    b = self.bev(x)
                    y = torch.cat([self.bev[1](self.bev[0](x)), self.up(b)], 1)
                    return self.cls(y), self.box(y)

            return PP().eval(), (torch.randn(1, 9, 1200, 32), torch.randperm(128 * 128)[:1200])
        if kind == "ufld_row_anchor":  # Ultra-Fast-Lane-Detection: backbone, 1x1 to 8 ch, flatten, MLP, grid reshape
            class UFLD(nn.Module):
                def __init__(self, griding: int = 200, rows: int = 18, lanes: int = 4) -> None:
                    super().__init__()
                    self.shape = (griding + 1, rows, lanes)
                    self.body = nn.Sequential(cbr(3, 32, 3, 2), cbr(32, 64, 3, 2), cbr(64, 64), cbr(64, 128, 3, 2),
                                              cbr(128, 128), cbr(128, 256, 3, 2), cbr(256, 256), cbr(256, 512, 3, 2))
                    self.pool = nn.Conv2d(512, 8, 1)
                    self.cls = nn.Sequential(nn.Linear(8 * 9 * 25, 2048), nn.ReLU(),
                                             nn.Linear(2048, math.prod(self.shape)))

                def forward(self, x):  # x: [1, 3, 288, 800] road image -> [1, 201, 18, 4] (CULane)
                    return self.cls(self.pool(self.body(x)).view(1, -1)).view(-1, *self.shape)

            return UFLD().eval(), (torch.randn(1, 3, 288, 800),)
        if kind == "yolox_decode":  # YOLOX-nano-like decoupled head, decode in the graph: (xy + grid) * s, exp(wh) * s
            class YOLOX(nn.Module):
                def __init__(self, classes: int = 80, size: int = 416) -> None:
                    super().__init__()
                    w = (64, 128, 256)
                    self.body = nn.Sequential(cbr(3, 16, 3, 2, act=nn.SiLU), cbr(16, 32, 3, 2, act=nn.SiLU),
                                              cbr(32, 64, 3, 2, act=nn.SiLU))
                    self.down = nn.ModuleList([nn.Identity(), cbr(64, 128, 3, 2, act=nn.SiLU),
                                               cbr(128, 256, 3, 2, act=nn.SiLU)])
                    self.stem = nn.ModuleList(cbr(c, 64, 1, act=nn.SiLU) for c in w)
                    self.cls = nn.ModuleList(nn.Sequential(cbr(64, 64, act=nn.SiLU), cbr(64, 64, act=nn.SiLU),
                                                           nn.Conv2d(64, classes, 1)) for _ in w)
                    self.reg = nn.ModuleList(nn.Sequential(cbr(64, 64, act=nn.SiLU), cbr(64, 64, act=nn.SiLU))
                                             for _ in w)
                    self.box = nn.ModuleList(nn.Conv2d(64, 4, 1) for _ in w)
                    self.obj = nn.ModuleList(nn.Conv2d(64, 1, 1) for _ in w)
                    grids, strides = [], []
                    for s in (8, 16, 32):
                        n = size // s
                        yy, xx = torch.meshgrid(torch.arange(n), torch.arange(n), indexing="ij")
                        grids.append(torch.stack([xx, yy], -1).view(1, -1, 2).float())
                        strides.append(torch.full((1, n * n, 1), float(s)))
                    self.register_buffer("grid", torch.cat(grids, 1))
                    self.register_buffer("stride", torch.cat(strides, 1))

                def forward(self, x):  # x: [1, 3, 416, 416] -> [1, 3549, 85]
                    f, outs = self.body(x), []
                    for j in range(3):
                        f = self.down[j](f)
                        s = self.stem[j](f)
                        r = self.reg[j](s)
                        o = torch.cat([self.box[j](r), self.obj[j](r).sigmoid(), self.cls[j](s).sigmoid()], 1)
                        outs.append(o.flatten(2))
                    p = torch.cat(outs, 2).permute(0, 2, 1)
                    xy = (p[..., :2] + self.grid) * self.stride
                    wh = torch.exp(p[..., 2:4]) * self.stride
                    return torch.cat([xy, wh, p[..., 4:]], -1)

            return YOLOX().eval(), (torch.randn(1, 3, 416, 416),)
        if kind == "arcface_iresnet":  # ArcFace IResNet: BN-conv-BN-PReLU-conv-BN blocks, BN2d, flatten, FC, BN1d
            class IBlock(nn.Module):
                def __init__(self, i, o, s) -> None:
                    super().__init__()
                    self.f = nn.Sequential(nn.BatchNorm2d(i), nn.Conv2d(i, o, 3, 1, 1, bias=False), nn.BatchNorm2d(o),
                                           nn.PReLU(o), nn.Conv2d(o, o, 3, s, 1, bias=False), nn.BatchNorm2d(o))
                    self.sc = (nn.Sequential(nn.Conv2d(i, o, 1, s, bias=False), nn.BatchNorm2d(o))
                               if s != 1 or i != o else nn.Identity())

                def forward(self, x):
                    return self.f(x) + self.sc(x)

            class IResNet(nn.Module):
                def __init__(self, emb: int = 512) -> None:
                    super().__init__()
                    self.stem = nn.Sequential(nn.Conv2d(3, 64, 3, 1, 1, bias=False), nn.BatchNorm2d(64), nn.PReLU(64))
                    blocks = []
                    for i, o in ((64, 64), (64, 128), (128, 256), (256, 512)):
                        blocks += [IBlock(i, o, 2), IBlock(o, o, 1)]
                    self.blocks = nn.Sequential(*blocks)
                    self.bn2 = nn.BatchNorm2d(512)
                    self.fc = nn.Linear(512 * 7 * 7, emb)
                    self.features = nn.BatchNorm1d(emb)

                def forward(self, x):  # x: [1, 3, 112, 112] aligned face -> [1, 512] embedding
                    return self.features(self.fc(self.bn2(self.blocks(self.stem(x))).flatten(1)))

            return IResNet().eval(), (torch.randn(1, 3, 112, 112),)
        if kind == "llm_block":  # tiny decoder-only LM: RMSNorm, rotary q/k, causal mask, SwiGLU MLP, tied head
            class RMSNorm(nn.Module):
                def __init__(self, d: int) -> None:
                    super().__init__()
                    self.w = nn.Parameter(torch.ones(d))

                def forward(self, x):
                    return x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + 1e-6) * self.w

            class Block(nn.Module):
                def __init__(self, d: int, heads: int, t: int) -> None:
                    super().__init__()
                    self.h, self.dh = heads, d // heads
                    self.n1, self.n2 = RMSNorm(d), RMSNorm(d)
                    self.qkv = nn.Linear(d, 3 * d, bias=False)
                    self.o = nn.Linear(d, d, bias=False)
                    self.gate, self.upp = nn.Linear(d, 4 * d, bias=False), nn.Linear(d, 4 * d, bias=False)
                    self.down = nn.Linear(4 * d, d, bias=False)
                    inv = 1.0 / (10000 ** (torch.arange(0, self.dh, 2).float() / self.dh))
                    ang = torch.outer(torch.arange(t).float(), inv)
                    self.register_buffer("cos", torch.cat([ang.cos(), ang.cos()], -1))
                    self.register_buffer("sin", torch.cat([ang.sin(), ang.sin()], -1))
                    self.register_buffer("mask", torch.full((t, t), float("-inf")).triu(1))

                def rot(self, x):
                    a, b = x.chunk(2, -1)
                    return x * self.cos + torch.cat([-b, a], -1) * self.sin

                def forward(self, x):
                    t = x.shape[1]
                    q, k, v = self.qkv(self.n1(x)).view(1, t, 3, self.h, self.dh).permute(2, 0, 3, 1, 4)
                    att = (self.rot(q) @ self.rot(k).transpose(-1, -2)) / math.sqrt(self.dh) + self.mask
                    y = (att.softmax(-1) @ v).transpose(1, 2).reshape(1, t, -1)
                    x = x + self.o(y)
                    h = self.n2(x)
                    return x + self.down(F.silu(self.gate(h)) * self.upp(h))

            class TinyLM(nn.Module):
                def __init__(self, d: int = 256, layers: int = 2, vocab: int = 2048, t: int = 32) -> None:
                    super().__init__()
                    self.blocks = nn.Sequential(*[Block(d, 4, t) for _ in range(layers)])
                    self.norm = RMSNorm(d)
                    self.head = nn.Linear(d, vocab, bias=False)

                def forward(self, x):  # x: [1, 32, 256] token embeddings (the lookup stays on the host)
                    return self.head(self.norm(self.blocks(x)))

            return TinyLM().eval(), (torch.randn(1, 32, 256),)
        if kind == "cost_volume":  # PWC-Net: two pyramids, local correlation over a 9 x 9 window, flow estimator
            class PWC(nn.Module):
                def __init__(self, d: int = 4) -> None:
                    super().__init__()
                    self.d = d
                    self.feat = nn.Sequential(cbr(3, 16, 3, 2, act=nn.LeakyReLU), cbr(16, 32, 3, 2, act=nn.LeakyReLU),
                                              cbr(32, 64, 3, 2, act=nn.LeakyReLU))
                    n = (2 * d + 1) ** 2
                    self.est = nn.Sequential(cbr(n + 64, 96, act=nn.LeakyReLU), cbr(96, 64, act=nn.LeakyReLU),
                                             cbr(64, 32, act=nn.LeakyReLU), nn.Conv2d(32, 2, 3, 1, 1))

                def forward(self, im1, im2):  # two [1, 3, 256, 320] frames -> flow at 1/8
                    f1, f2 = self.feat(im1), self.feat(im2)
                    h, w = f1.shape[-2:]
                    p = F.pad(f2, [self.d] * 4)
                    cv = [(f1 * p[:, :, i:i + h, j:j + w]).mean(1, keepdim=True)
                          for i in range(2 * self.d + 1) for j in range(2 * self.d + 1)]
                    cv = F.leaky_relu(torch.cat(cv, 1), 0.1)
                    return self.est(torch.cat([cv, f1], 1))

            return PWC().eval(), (torch.randn(1, 3, 256, 320), torch.randn(1, 3, 256, 320))
        if kind == "sincnet":  # SincNet-like: sinc band-pass Conv1d (251 taps), max-pool, LayerNorm, strided Conv1d
            class SincNet(nn.Module):
                def __init__(self, classes: int = 10) -> None:
                    super().__init__()
                    self.sinc = nn.Conv1d(1, 80, 251, stride=1, bias=False)
                    self.ln0 = nn.LayerNorm([80, 1250])
                    self.convs = nn.ModuleList([nn.Conv1d(80, 60, 5, stride=2), nn.Conv1d(60, 60, 5, stride=2)])
                    self.bns = nn.ModuleList([nn.BatchNorm1d(60), nn.BatchNorm1d(60)])
                    self.fc = nn.Sequential(nn.Linear(60, 256), nn.LeakyReLU(0.2), nn.Linear(256, classes))

                def forward(self, x):  # x: [1, 1, 4000] raw waveform (0.25 s at 16 kHz)
                    x = F.leaky_relu(self.ln0(F.max_pool1d(torch.abs(self.sinc(x)), 3)), 0.2)
                    for c, b in zip(self.convs, self.bns):
                        x = F.leaky_relu(b(F.max_pool1d(c(x), 3)), 0.2)
                    return self.fc(x.mean(-1))

            return SincNet().eval(), (torch.randn(1, 1, 4000),)
        raise ValueError(kind)

    return build


def specs() -> list[Spec]:
    return [
        # timm models no set used yet
        Spec("cls_timm_cpubone_b0_op14", "cls", "timm/cpubone_b0_bfrobust", _timm("cpubone_b0_bfrobust", 160),
             opset=14),
        Spec("cls_timm_convformer_s18_op17", "cls", "timm/convformer_s18", _timm("convformer_s18", 128), opset=17),
        Spec("cls_timm_cspnext_tiny_op12", "cls", "timm/cspnext_tiny (RTMDet backbone)", _timm("cspnext_tiny", 224),
             opset=12),
        Spec("cls_timm_vitamin_small_112_op17", "cls", "timm/vitamin_small_224", _timm_sz("vitamin_small_224", 112),
             opset=17),
        Spec("cls_timm_maxxvitv2_nano_128_op17", "cls", "timm/maxxvitv2_nano_rw_256",
             _timm_sz("maxxvitv2_nano_rw_256", 128), opset=17),
        Spec("cls_timm_resnetv2_18d_op11", "cls", "timm/resnetv2_18d (pre-activation)", _timm("resnetv2_18d", 160),
             opset=11),
        Spec("cls_timm_seresnext26ts_dynamo_op18", "cls", "timm/seresnext26ts (dynamo)", _timm("seresnext26ts", 192),
             opset=18, dynamo=True),
        Spec("cls_timm_legacy_seresnet18_op12", "cls", "timm/legacy_seresnet18", _timm("legacy_seresnet18", 128),
             opset=12),
        Spec("cls_timm_hieradet_small_op17", "cls", "timm/hieradet_small (SAM2 Hiera)", _timm("hieradet_small", 128),
             opset=17),
        Spec("cls_timm_densenetblur121d_op13", "cls", "timm/densenetblur121d", _timm("densenetblur121d", 128)),
        Spec("cls_timm_ecaresnetlight_op14", "cls", "timm/ecaresnetlight", _timm("ecaresnetlight", 160), opset=14),
        Spec("cls_timm_sedarknet21_op12", "cls", "timm/sedarknet21", _timm("sedarknet21", 256), opset=12),
        Spec("cls_timm_vit_little_reg4_gap_128_op17", "cls", "timm/vit_little_patch16_reg4_gap_256 (registers, GAP)",
             _timm_sz("vit_little_patch16_reg4_gap_256", 128), opset=17),
        Spec("cls_timm_vit_relpos_small_112_op16", "cls", "timm/vit_relpos_small_patch16_224 (relative positions)",
             _timm_sz("vit_relpos_small_patch16_224", 112), opset=16),
        Spec("cls_timm_mobilenetv4_conv_aa_medium_op13", "cls", "timm/mobilenetv4_conv_aa_medium (anti-aliased)",
             _timm("mobilenetv4_conv_aa_medium", 160)),
        Spec("cls_timm_efficientnet_blur_b0_dynamo_op19", "cls", "timm/efficientnet_blur_b0 (dynamo)",
             _timm("efficientnet_blur_b0", 160), opset=19, dynamo=True),
        # torchvision
        Spec("video_tv_r3d_18_op13", "video", "torchvision r3d_18", _tv_video("r3d_18", 8, 112)),
        # ultralytics models not exported elsewhere
        Spec("det_yolov3u_spp_256_op12", "det", "yolov3u-spp", None, ultralytics=_yolo("yolov3-spp.yaml", 256)),
        # hand-built: patterns the other sets lack
        Spec("seg_unet_convtranspose_op13", "seg", "medical U-Net (ConvTranspose up, skip concat)",
             _custom("unet_convtranspose")),
        Spec("sr_realesrgan_compact_op17", "sr", "Real-ESRGAN SRVGGNetCompact (PReLU, PixelShuffle x4)",
             _custom("srvgg_compact"), opset=17),
        Spec("face_pfld_landmarks_op11", "face", "PFLD (multi-scale flatten, FC to 98 landmarks)", _custom("pfld"),
             opset=11),
        Spec("audio_gru_denoiser_op14", "audio", "GRU spectral-mask denoiser", _custom("gru_denoiser"), opset=14),
        Spec("det3d_pointpillars_scatter_op13", "det3d", "PointPillars PFN, ScatterND to the BEV canvas, SSD head",
             _custom("pointpillars"), input_names=("pillars", "coords"), output_names=("cls", "box")),
        Spec("lane_ufld_row_anchor_op11", "lane", "Ultra-Fast-Lane-Detection row-anchor head", _custom("ufld_row_anchor"),
             opset=11),
        Spec("det_yolox_decode_op13", "det", "YOLOX decoupled head, in-graph decode (grid add, exp)",
             _custom("yolox_decode")),
        Spec("face_arcface_iresnet_op12", "face", "ArcFace IResNet (BN-FC-BN1d embedding)", _custom("arcface_iresnet"),
             opset=12),
        Spec("llm_tiny_decoder_op17", "llm", "decoder block (RMSNorm, rotary, causal mask, SwiGLU), 32 tokens",
             _custom("llm_block"), opset=17),
        Spec("flow_pwc_cost_volume_op13", "flow", "PWC-Net-like cost volume (9 x 9 local correlation)",
             _custom("cost_volume"), input_names=("im1", "im2")),
        Spec("audio_sincnet_raw_dynamo_op18", "audio", "SincNet-like raw-waveform classifier (dynamo)",
             _custom("sincnet"), opset=18, dynamo=True),
    ]


if __name__ == "__main__":
    sys.exit(run(specs, "/work/calib/s14-unseen7/models", sys.argv[1:]))
