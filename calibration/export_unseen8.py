"""Export a ninth set of models nobody calibrated on, to measure how the predictions carry over (toolkit 2.3.2).

Unseen sets 4 to 8 (export_unseen3.py ... export_unseen7.py) taught fixes and are no longer unseen. None of these
architectures is in export_models.py, export_unseen.py ... export_unseen7.py, pretrained_set.py or issue_repros.py:
timm families no set used yet (the vision towers of VLMs: Qwen3-VL's ViT with 2-D rotary embeddings, Gemma 4's,
DeepSeek's; MobileNetV5 (Gemma 3n), NaFlexViT with SigLIP's attention-pool head, Swin-V2-CR, the original Xception,
VGG-11-BN), ultralytics YOLOE-v8 and YOLOE-26 segmentation and RT-DETR on ResNet-50 (YOLOv8-World v1 dropped: its
TorchScript export fails), and small hand-built models for patterns users ship to these NPUs that the other sets
lack (a Whisper-style log-mel front end computed in the graph, Robust-Video-Matting's ConvGRU decoder with recurrent
state inputs, a HiFi-GAN vocoder (ConvTranspose1d), QuartzNet (1-D depthwise kernels 33-75), NetVLAD place
recognition, an OSNet-AIN ReID net (DeepSORT-style trackers), SegFormer-B0 (MiT, all-MLP decoder), SeaFormer's
squeeze-axial attention, PP-LiteSeg (STDC, UAFM, SPPM), LaMa's fast Fourier convolution, a DCNv2 head (DeformConv),
a second-stage RoIAlign box head, TSM action recognition over 8 frames in the batch, Zero-DCE low-light curves,
6DRepNet head pose (Gram-Schmidt), PatchCore anomaly scoring against a memory bank, a DDPM U-Net with a timestep
input, PatchTST time-series forecasting). Exporters and opsets mixed (TorchScript 11-17, dynamo 18-19), input sizes
as users pick them. Random weights, nothing downloaded. Same exporter, manifest and log lines as export_models.py:

    /work/calib/venv/bin/python calibration/export_unseen8.py --out /work/calib/s16-unseen9/models [--only SUBSTR]

Then the truths, one row at a time (2.3.2 through its venv; at most two builds at a time):

    nice -n 10 python calibration/run_toolkit.py --models /work/calib/s16-unseen9/models --target rk3588 \
        --dtype float16 --python /work/main/.toolkits/rknn-2.3.2/bin/python \
        --out /work/calib/s16-unseen9/rk3588-float16-2.3.2/truth.json --jobs 2
    python calibration/score.py --truth /work/calib/s16-unseen9/rk3588-float16-2.3.2/truth.json \
        --models /work/calib/s16-unseen9/models --results calibration/results/unseen8/before/rk3588-float16-2.3.2.json
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

        def ln_block(d, heads, mlp=4):  # pre-LN transformer encoder layer, batch first
            return nn.TransformerEncoderLayer(d, heads, d * mlp, dropout=0.0, activation="gelu", batch_first=True,
                                              norm_first=True)

        if kind == "whisper_logmel":  # raw audio -> STFT as Conv1d, power, mel MatMul, log10, max - 8 clamp -> encoder
            class Whisper(nn.Module):
                def __init__(self, n_fft=400, hop=160, mels=80, d=192, layers=2) -> None:
                    super().__init__()
                    n = torch.arange(n_fft).float()
                    win = 0.5 - 0.5 * torch.cos(2 * math.pi * n / n_fft)
                    f = torch.arange(n_fft // 2 + 1).float()[:, None]
                    ang = 2 * math.pi * f * n[None] / n_fft
                    self.register_buffer("basis", torch.cat([torch.cos(ang) * win, -torch.sin(ang) * win])[:, None])
                    self.register_buffer("mel", torch.rand(mels, n_fft // 2 + 1) / 20)
                    self.hop, self.bins = hop, n_fft // 2 + 1
                    self.conv1 = nn.Conv1d(mels, d, 3, padding=1)
                    self.conv2 = nn.Conv1d(d, d, 3, stride=2, padding=1)
                    self.pos = nn.Parameter(torch.randn(1, 100, d) * 0.02)
                    self.blocks = nn.Sequential(*[ln_block(d, 3) for _ in range(layers)])
                    self.ln = nn.LayerNorm(d)

                def forward(self, x):  # x: [1, 1, 32000] 2 s of 16 kHz audio -> [1, 100, 192]
                    spec = F.conv1d(F.pad(x, (200, 200), mode="reflect"), self.basis, stride=self.hop)[..., :-1]
                    power = spec[:, : self.bins] ** 2 + spec[:, self.bins:] ** 2
                    logmel = torch.log10(torch.clamp(torch.matmul(self.mel, power), min=1e-10))
                    logmel = torch.maximum(logmel, logmel.max() - 8.0)
                    h = F.gelu(self.conv2(F.gelu(self.conv1((logmel + 4.0) / 4.0))))
                    return self.ln(self.blocks(h.permute(0, 2, 1) + self.pos))

            return Whisper().eval(), (torch.randn(1, 1, 32000) * 0.1,)
        if kind == "rvm":  # Robust Video Matting: MobileNet-ish encoder, LR-ASPP, ConvGRU decoder with recurrent states
            class ConvGRU(nn.Module):
                def __init__(self, c) -> None:
                    super().__init__()
                    self.ih = nn.Sequential(nn.Conv2d(2 * c, 2 * c, 3, padding=1), nn.Sigmoid())
                    self.hh = nn.Sequential(nn.Conv2d(2 * c, c, 3, padding=1), nn.Tanh())

                def forward(self, x, h):
                    r, z = self.ih(torch.cat([x, h], 1)).split(x.shape[1], 1)
                    c = self.hh(torch.cat([x, r * h], 1))
                    return (1 - z) * h + z * c

            class Up(nn.Module):
                def __init__(self, i, skip, src, o) -> None:
                    super().__init__()
                    self.conv = cbr(i + skip + src, o)
                    self.gru = ConvGRU(o // 2)

                def forward(self, x, f, s, r):
                    x = F.interpolate(x, size=f.shape[-2:], mode="bilinear", align_corners=False)
                    x = self.conv(torch.cat([x, f, s], 1))
                    a, b = x.split(x.shape[1] // 2, 1)
                    b = self.gru(b, r)
                    return torch.cat([a, b], 1), b

            class RVM(nn.Module):
                def __init__(self) -> None:
                    super().__init__()
                    hs = nn.Hardswish
                    self.e1 = nn.Sequential(cbr(3, 16, 3, 2, act=hs))  # 1/2
                    self.e2 = nn.Sequential(cbr(16, 16, 3, 2, g=16, act=hs), cbr(16, 24, 1, act=hs))  # 1/4
                    self.e3 = nn.Sequential(cbr(24, 72, 1, act=hs), cbr(72, 72, 5, 2, g=72, act=hs), cbr(72, 40, 1))  # 1/8
                    self.e4 = nn.Sequential(cbr(40, 120, 1, act=hs), cbr(120, 120, 3, 2, g=120, act=hs),
                                            cbr(120, 160, 1, act=hs))  # 1/16
                    self.aspp = cbr(160, 128, 1)
                    self.gate = nn.Sequential(nn.AdaptiveAvgPool2d(1), nn.Conv2d(160, 128, 1, bias=False), nn.Sigmoid())
                    self.gru4 = ConvGRU(64)
                    self.u3, self.u2, self.u1 = Up(128, 40, 3, 80), Up(80, 24, 3, 40), Up(40, 16, 3, 32)
                    self.out = nn.Sequential(cbr(32 + 3, 16), cbr(16, 16))
                    self.proj = nn.Conv2d(16, 4, 1)

                def forward(self, src, r1, r2, r3, r4):  # src [1, 3, 288, 512], states at 1/2 ... 1/16
                    f1 = self.e1(src)
                    f2 = self.e2(f1)
                    f3 = self.e3(f2)
                    f4 = self.e4(f3)
                    x4 = self.aspp(f4) * self.gate(f4)
                    a, b = x4.split(64, 1)
                    r4 = self.gru4(b, r4)
                    x = torch.cat([a, r4], 1)
                    s2 = F.avg_pool2d(src, 2, 2)
                    s4 = F.avg_pool2d(s2, 2, 2)
                    s8 = F.avg_pool2d(s4, 2, 2)
                    x, r3 = self.u3(x, f3, s8, r3)
                    x, r2 = self.u2(x, f2, s4, r2)
                    x, r1 = self.u1(x, f1, s2, r1)
                    x = F.interpolate(x, size=src.shape[-2:], mode="bilinear", align_corners=False)
                    fgr, pha = self.proj(self.out(torch.cat([x, src], 1))).split([3, 1], 1)
                    return (fgr + src).clamp(0.0, 1.0), pha.clamp(0.0, 1.0), r1, r2, r3, r4

            return RVM().eval(), (torch.rand(1, 3, 288, 512), torch.zeros(1, 16, 144, 256), torch.zeros(1, 20, 72, 128),
                                  torch.zeros(1, 40, 36, 64), torch.zeros(1, 64, 18, 32))
        if kind == "hifigan":  # HiFi-GAN v3 generator: ConvTranspose1d upsampling 8, 8, 4, ResBlock2 (dilations 1, 3)
            class Res2(nn.Module):
                def __init__(self, c, k) -> None:
                    super().__init__()
                    self.convs = nn.ModuleList([nn.Conv1d(c, c, k, dilation=d, padding=d * (k - 1) // 2) for d in (1, 3)])

                def forward(self, x):
                    for c in self.convs:
                        x = x + c(F.leaky_relu(x, 0.1))
                    return x

            class HiFiGAN(nn.Module):
                def __init__(self, mels=80, c=256) -> None:
                    super().__init__()
                    self.pre = nn.Conv1d(mels, c, 7, padding=3)
                    self.ups, self.res = nn.ModuleList(), nn.ModuleList()
                    for i, (u, k) in enumerate(((8, 16), (8, 16), (4, 8))):
                        self.ups.append(nn.ConvTranspose1d(c >> i, c >> (i + 1), k, u, padding=(k - u) // 2))
                        self.res.append(nn.ModuleList([Res2(c >> (i + 1), kk) for kk in (3, 5, 7)]))
                    self.post = nn.Conv1d(c >> 3, 1, 7, padding=3)

                def forward(self, mel):  # mel [1, 80, 64] -> waveform [1, 1, 16384]
                    x = self.pre(mel)
                    for up, res in zip(self.ups, self.res):
                        x = up(F.leaky_relu(x, 0.1))
                        x = sum(r(x) for r in res) / len(res)
                    return torch.tanh(self.post(F.leaky_relu(x)))

            return HiFiGAN().eval(), (torch.randn(1, 80, 64),)
        if kind == "quartznet":  # QuartzNet 5x1: time-channel separable Conv1d, kernels 33 ... 75, residual, CTC logits
            def sep(i, o, k, s=1, d=1):
                return [nn.Conv1d(i, i, k, s, d * (k // 2), dilation=d, groups=i, bias=False), nn.Conv1d(i, o, 1, bias=False),
                        nn.BatchNorm1d(o)]

            class Block(nn.Module):
                def __init__(self, i, o, k) -> None:
                    super().__init__()
                    self.body = nn.Sequential(*sep(i, o, k))
                    self.res = nn.Sequential(nn.Conv1d(i, o, 1, bias=False), nn.BatchNorm1d(o))

                def forward(self, x):
                    return F.relu(self.body(x) + self.res(x))

            class QuartzNet(nn.Module):
                def __init__(self, mels=64, vocab=29) -> None:
                    super().__init__()
                    self.c1 = nn.Sequential(*sep(mels, 256, 33, 2), nn.ReLU())
                    self.blocks = nn.Sequential(Block(256, 256, 33), Block(256, 256, 39), Block(256, 512, 51),
                                                Block(512, 512, 63), Block(512, 512, 75))
                    self.c2 = nn.Sequential(*sep(512, 512, 87, d=2), nn.ReLU(), nn.Conv1d(512, 1024, 1), nn.ReLU())
                    self.head = nn.Conv1d(1024, vocab, 1)

                def forward(self, x):  # x: [1, 64, 400] log-mel frames -> [1, 200, 29] log-probs over time
                    return F.log_softmax(self.head(self.c2(self.blocks(self.c1(x)))).transpose(1, 2), -1)

            return QuartzNet().eval(), (torch.randn(1, 64, 400),)
        if kind == "netvlad":  # NetVLAD on a small VGG-ish trunk: soft assignment, residual aggregation, intra + L2 norm
            class NetVLAD(nn.Module):
                def __init__(self, k=32, c=256) -> None:
                    super().__init__()
                    self.trunk = nn.Sequential(cbr(3, 32, 3, 2), cbr(32, 64), nn.MaxPool2d(2), cbr(64, 128), cbr(128, 128),
                                               nn.MaxPool2d(2), cbr(128, 256), cbr(256, 256), nn.MaxPool2d(2),
                                               nn.Conv2d(256, c, 3, padding=1))
                    self.assign = nn.Conv2d(c, k, 1)
                    self.centroids = nn.Parameter(torch.rand(k, c))
                    self.proj = nn.Linear(k * c, 512)

                def forward(self, x):  # x: [1, 3, 240, 320] -> global descriptor [1, 512]
                    f = F.normalize(self.trunk(x), dim=1)
                    a = F.softmax(self.assign(f).flatten(2), dim=1)  # [1, K, N]
                    f = f.flatten(2)  # [1, C, N]
                    vlad = torch.matmul(a, f.transpose(1, 2)) - a.sum(-1, keepdim=True) * self.centroids
                    vlad = F.normalize(F.normalize(vlad, dim=2).flatten(1), dim=1)
                    return F.normalize(self.proj(vlad), dim=1)

            return NetVLAD().eval(), (torch.randn(1, 3, 240, 320),)
        if kind == "osnet":  # OSNet-AIN x0.5: omni-scale streams of lite 3x3, shared aggregation gate, InstanceNorm
            class Lite(nn.Module):
                def __init__(self, i, o, inorm=False) -> None:
                    super().__init__()
                    self.pw = nn.Conv2d(i, o, 1, bias=False)
                    self.dw = nn.Conv2d(o, o, 3, 1, 1, groups=o, bias=False)
                    self.n = nn.InstanceNorm2d(o, affine=True) if inorm else nn.BatchNorm2d(o)

                def forward(self, x):
                    return F.relu(self.n(self.dw(self.pw(x))))

            class OSBlock(nn.Module):
                def __init__(self, i, o, inorm=False) -> None:
                    super().__init__()
                    m = o // 4
                    self.c1 = cbr(i, m, 1)
                    self.streams = nn.ModuleList([nn.Sequential(*[Lite(m, m) for _ in range(t)]) for t in (1, 2, 3, 4)])
                    self.gate = nn.Sequential(nn.AdaptiveAvgPool2d(1), nn.Conv2d(m, m // 4, 1), nn.ReLU(),
                                              nn.Conv2d(m // 4, m, 1), nn.Sigmoid())
                    self.c3 = nn.Sequential(nn.Conv2d(m, o, 1, bias=False), nn.BatchNorm2d(o))
                    self.down = nn.Sequential(nn.Conv2d(i, o, 1, bias=False), nn.BatchNorm2d(o)) if i != o else None
                    self.inorm = nn.InstanceNorm2d(o, affine=True) if inorm else None

                def forward(self, x):
                    h = self.c1(x)
                    h = sum(s(h) * self.gate(s(h)) for s in self.streams)
                    h = self.c3(h)
                    if self.inorm is not None:
                        h = self.inorm(h)
                    return F.relu(h + (self.down(x) if self.down is not None else x))

            class OSNet(nn.Module):
                def __init__(self, c=(32, 128, 192, 256)) -> None:
                    super().__init__()
                    self.conv1 = nn.Sequential(nn.Conv2d(3, c[0], 7, 2, 3, bias=False), nn.InstanceNorm2d(c[0], affine=True),
                                               nn.ReLU(), nn.MaxPool2d(3, 2, 1))
                    self.s2 = nn.Sequential(OSBlock(c[0], c[1], True), OSBlock(c[1], c[1]), cbr(c[1], c[1], 1),
                                            nn.AvgPool2d(2, 2))
                    self.s3 = nn.Sequential(OSBlock(c[1], c[2], True), OSBlock(c[2], c[2]), cbr(c[2], c[2], 1),
                                            nn.AvgPool2d(2, 2))
                    self.s4 = nn.Sequential(OSBlock(c[2], c[3], True), OSBlock(c[3], c[3]), cbr(c[3], c[3], 1))
                    self.fc = nn.Sequential(nn.Linear(c[3], 512), nn.BatchNorm1d(512), nn.ReLU())

                def forward(self, x):  # x: [1, 3, 256, 128] person crop -> embedding [1, 512]
                    f = F.adaptive_avg_pool2d(self.s4(self.s3(self.s2(self.conv1(x)))), 1).flatten(1)
                    return F.normalize(self.fc(f), dim=1)

            return OSNet().eval(), (torch.randn(1, 3, 256, 128),)
        if kind == "segformer":  # SegFormer-B0: MiT overlap patch embeds, spatial-reduction attention, Mix-FFN, MLP head
            class Attn(nn.Module):
                def __init__(self, d, heads, sr) -> None:
                    super().__init__()
                    self.h, self.sr = heads, sr
                    self.q, self.kv, self.proj = nn.Linear(d, d), nn.Linear(d, 2 * d), nn.Linear(d, d)
                    if sr > 1:
                        self.srconv, self.srnorm = nn.Conv2d(d, d, sr, sr), nn.LayerNorm(d)

                def forward(self, x, H, W):
                    B, N, C = x.shape
                    q = self.q(x).reshape(B, N, self.h, C // self.h).permute(0, 2, 1, 3)
                    if self.sr > 1:
                        x = self.srnorm(self.srconv(x.transpose(1, 2).reshape(B, C, H, W)).flatten(2).transpose(1, 2))
                    k, v = self.kv(x).reshape(B, -1, 2, self.h, C // self.h).permute(2, 0, 3, 1, 4)
                    a = (q @ k.transpose(-2, -1) * (C // self.h) ** -0.5).softmax(-1)
                    return self.proj((a @ v).transpose(1, 2).reshape(B, N, C))

            class Block(nn.Module):
                def __init__(self, d, heads, sr) -> None:
                    super().__init__()
                    self.n1, self.attn, self.n2 = nn.LayerNorm(d), Attn(d, heads, sr), nn.LayerNorm(d)
                    self.fc1, self.dw, self.fc2 = nn.Linear(d, 4 * d), nn.Conv2d(4 * d, 4 * d, 3, 1, 1, groups=4 * d), \
                        nn.Linear(4 * d, d)

                def forward(self, x, H, W):
                    x = x + self.attn(self.n1(x), H, W)
                    h = self.fc1(self.n2(x))
                    B, N, C = h.shape
                    h = self.dw(h.transpose(1, 2).reshape(B, C, H, W)).flatten(2).transpose(1, 2)
                    return x + self.fc2(F.gelu(h))

            class SegFormer(nn.Module):
                def __init__(self, dims=(32, 64, 160, 256), heads=(1, 2, 5, 8), srs=(8, 4, 2, 1), classes=19) -> None:
                    super().__init__()
                    self.embeds, self.stages, self.norms, self.lin = (nn.ModuleList() for _ in range(4))
                    prev = 3
                    for i, d in enumerate(dims):
                        k, s = (7, 4) if i == 0 else (3, 2)
                        self.embeds.append(nn.Sequential(nn.Conv2d(prev, d, k, s, k // 2)))
                        self.stages.append(nn.ModuleList([Block(d, heads[i], srs[i]) for _ in range(2)]))
                        self.norms.append(nn.LayerNorm(d))
                        self.lin.append(nn.Linear(d, 256))
                        prev = d
                    self.fuse = cbr(4 * 256, 256, 1)
                    self.cls = nn.Conv2d(256, classes, 1)

                def forward(self, x):  # x: [1, 3, 512, 512] -> [1, 19, 128, 128]
                    outs = []
                    for emb, blocks, norm, lin in zip(self.embeds, self.stages, self.norms, self.lin):
                        x = emb(x)
                        B, C, H, W = x.shape
                        t = x.flatten(2).transpose(1, 2)
                        for b in blocks:
                            t = b(t, H, W)
                        t = norm(t)
                        x = t.transpose(1, 2).reshape(B, C, H, W)
                        outs.append(lin(t).transpose(1, 2).reshape(B, 256, H, W))
                    size = outs[0].shape[-2:]
                    ups = [F.interpolate(o, size=size, mode="bilinear", align_corners=False) for o in outs[::-1]]
                    return self.cls(self.fuse(torch.cat(ups, 1)))

            return SegFormer().eval(), (torch.randn(1, 3, 512, 512),)
        if kind == "seaformer":  # SeaFormer-like: squeeze-axial attention (row / column means), detail enhancement
            class SeaAttn(nn.Module):
                def __init__(self, d, heads=4, kd=16) -> None:
                    super().__init__()
                    self.h, self.kd, self.vd = heads, kd, 2 * kd
                    self.q = nn.Sequential(nn.Conv2d(d, heads * kd, 1, bias=False), nn.BatchNorm2d(heads * kd))
                    self.k = nn.Sequential(nn.Conv2d(d, heads * kd, 1, bias=False), nn.BatchNorm2d(heads * kd))
                    self.v = nn.Sequential(nn.Conv2d(d, heads * 2 * kd, 1, bias=False), nn.BatchNorm2d(heads * 2 * kd))
                    self.row_pos = nn.Parameter(torch.randn(1, heads * kd, 16) * 0.02)
                    self.col_pos = nn.Parameter(torch.randn(1, heads * kd, 16) * 0.02)
                    self.proj_r = cbr(heads * 2 * kd, heads * 2 * kd, 1, act=nn.Hardswish)
                    self.proj_c = cbr(heads * 2 * kd, heads * 2 * kd, 1, act=nn.Hardswish)
                    self.proj = nn.Sequential(nn.Hardswish(), cbr(heads * 2 * kd, d, 1))
                    self.detail = nn.Sequential(cbr(3 * heads * kd + heads * kd, 2 * heads * 2 * kd, 3),
                                                nn.Conv2d(2 * heads * 2 * kd, d, 1), nn.Hardsigmoid())

                def axial(self, q, k, v):  # q, k: [B, h*kd, L], v: [B, h*vd, L]
                    B, _, L = q.shape
                    q = q.reshape(B, self.h, self.kd, L).transpose(2, 3)
                    k = k.reshape(B, self.h, self.kd, L)
                    v = v.reshape(B, self.h, self.vd, L).transpose(2, 3)
                    a = (q @ k * self.kd ** -0.5).softmax(-1)
                    return (a @ v).transpose(2, 3).reshape(B, self.h * self.vd, L)

                def forward(self, x):
                    B, C, H, W = x.shape
                    q, k, v = self.q(x), self.k(x), self.v(x)
                    detail = self.detail(torch.cat([q, k, v], 1))
                    row = self.axial(q.mean(-1) + self.row_pos, k.mean(-1) + self.row_pos, v.mean(-1))
                    col = self.axial(q.mean(-2) + self.col_pos, k.mean(-2) + self.col_pos, v.mean(-2))
                    row = self.proj_r(row.unsqueeze(-1))
                    col = self.proj_c(col.unsqueeze(-2))
                    return self.proj(v + row + col) * detail

            class Sea(nn.Module):
                def __init__(self, classes=19) -> None:
                    super().__init__()
                    self.stem = nn.Sequential(cbr(3, 16, 3, 2), cbr(16, 32, 3, 2), cbr(32, 32, 3, 1, g=32), cbr(32, 64, 1),
                                              cbr(64, 64, 3, 2, g=64), cbr(64, 128, 1), cbr(128, 128, 3, 2, g=128),
                                              cbr(128, 160, 1))  # 1/16
                    self.attn = nn.ModuleList([SeaAttn(160), SeaAttn(160)])
                    self.ffn = nn.ModuleList([nn.Sequential(cbr(160, 320, 1), nn.Conv2d(320, 160, 1)) for _ in range(2)])
                    self.fuse_l = cbr(64, 64, 1)
                    self.fuse_g = nn.Sequential(nn.Conv2d(160, 64, 1), nn.Sigmoid())
                    self.cls = nn.Conv2d(64, classes, 1)

                def forward(self, x):  # x: [1, 3, 256, 256] -> [1, 19, 64, 64]
                    f = x
                    for i, m in enumerate(self.stem):
                        f = m(f)
                        if i == 3:
                            local = f  # 1/4, 64 channels
                    for a, ffn in zip(self.attn, self.ffn):
                        f = f + a(f)
                        f = f + ffn(f)
                    g = F.interpolate(self.fuse_g(f), size=local.shape[-2:], mode="bilinear", align_corners=False)
                    return self.cls(self.fuse_l(local) * g)

            return Sea().eval(), (torch.randn(1, 3, 256, 256),)
        if kind == "ppliteseg":  # PP-LiteSeg-T-like: STDC stages, SPPM, UAFM (channel mean / max spatial attention)
            class STDC(nn.Module):
                def __init__(self, i, o, s) -> None:
                    super().__init__()
                    self.c1 = cbr(i, o // 2, 1)
                    self.c2 = cbr(o // 2, o // 4, 3, s, g=1)
                    self.c3 = cbr(o // 4, o // 8)
                    self.c4 = cbr(o // 8, o // 8)
                    self.s = s

                def forward(self, x):
                    a = self.c1(x)
                    b = self.c2(a)
                    c = self.c3(b)
                    d = self.c4(c)
                    if self.s == 2:
                        a = F.avg_pool2d(a, 3, 2, 1)
                    return torch.cat([a, b, c, d], 1)

            class UAFM(nn.Module):
                def __init__(self, lo, hi, o) -> None:
                    super().__init__()
                    self.lo, self.hi = cbr(lo, hi), cbr(hi, hi)
                    self.att = nn.Sequential(cbr(4, 2), nn.Conv2d(2, 1, 3, padding=1, bias=False), nn.BatchNorm2d(1))
                    self.out = cbr(hi, o)

                def forward(self, low, high):
                    x = self.lo(low)
                    y = F.interpolate(self.hi(high), size=x.shape[-2:], mode="bilinear", align_corners=False)
                    stats = torch.cat([x.mean(1, keepdim=True), x.amax(1, keepdim=True), y.mean(1, keepdim=True),
                                       y.amax(1, keepdim=True)], 1)
                    w = torch.sigmoid(self.att(stats))
                    return self.out(x * w + y * (1 - w))

            class PPLiteSeg(nn.Module):
                def __init__(self, classes=19) -> None:
                    super().__init__()
                    self.stem = nn.Sequential(cbr(3, 32, 3, 2), cbr(32, 64, 3, 2))  # 1/4
                    self.s3 = nn.Sequential(STDC(64, 256, 2), STDC(256, 256, 1))  # 1/8
                    self.s4 = nn.Sequential(STDC(256, 512, 2), STDC(512, 512, 1))  # 1/16
                    self.s5 = nn.Sequential(STDC(512, 1024, 2), STDC(1024, 1024, 1))  # 1/32
                    self.sppm = nn.ModuleList([nn.Sequential(nn.AdaptiveAvgPool2d(b), cbr(1024, 128, 1)) for b in (1, 2, 4)])
                    self.sppm_out = cbr(128, 128)
                    self.f4, self.f3 = UAFM(512, 128, 96), UAFM(256, 96, 64)
                    self.head = nn.Sequential(cbr(64, 64), nn.Conv2d(64, classes, 1))

                def forward(self, x):  # x: [1, 3, 512, 1024] -> [1, 19, 512, 1024]
                    f3 = self.s3(self.stem(x))
                    f4 = self.s4(f3)
                    f5 = self.s5(f4)
                    ctx = sum(F.interpolate(p(f5), size=f5.shape[-2:], mode="bilinear", align_corners=False)
                              for p in self.sppm)
                    y = self.f3(f3, self.f4(f4, self.sppm_out(ctx)))
                    return F.interpolate(self.head(y), size=x.shape[-2:], mode="bilinear", align_corners=False)

            return PPLiteSeg().eval(), (torch.randn(1, 3, 512, 1024),)
        if kind == "lama_ffc":  # LaMa-style fast Fourier convolution: rfft2, conv over (real, imag), irfft2
            class Spectral(nn.Module):
                def __init__(self, c) -> None:
                    super().__init__()
                    self.conv = cbr(2 * c, 2 * c, 1)

                def forward(self, x):
                    B, C, H, W = x.shape
                    f = torch.fft.rfft2(x, norm="ortho")
                    f = torch.cat([f.real, f.imag], 1)
                    r, i = self.conv(f).chunk(2, 1)
                    return torch.fft.irfft2(torch.complex(r, i), s=(H, W), norm="ortho")

            class FFC(nn.Module):
                def __init__(self, c) -> None:
                    super().__init__()
                    self.l2l, self.g2l, self.l2g = nn.Conv2d(c, c, 3, 1, 1), nn.Conv2d(c, c, 3, 1, 1), nn.Conv2d(c, c, 3, 1, 1)
                    self.g2g = nn.Sequential(cbr(c, c // 2, 1), Spectral(c // 2), nn.Conv2d(c // 2, c, 1))

                def forward(self, xl, xg):
                    return F.relu(self.l2l(xl) + self.g2l(xg)), F.relu(self.l2g(xl) + self.g2g(xg))

            class LaMa(nn.Module):
                def __init__(self, c=64) -> None:
                    super().__init__()
                    self.down = nn.Sequential(cbr(4, 32, 7), cbr(32, 64, 3, 2), cbr(64, 2 * c, 3, 2))
                    self.blocks = nn.ModuleList([FFC(c) for _ in range(3)])
                    self.up = nn.Sequential(nn.ConvTranspose2d(2 * c, 64, 3, 2, 1, 1), nn.BatchNorm2d(64), nn.ReLU(),
                                            nn.ConvTranspose2d(64, 32, 3, 2, 1, 1), nn.BatchNorm2d(32), nn.ReLU(),
                                            nn.Conv2d(32, 3, 7, padding=3), nn.Sigmoid())

                def forward(self, img, mask):  # img [1, 3, 256, 256], mask [1, 1, 256, 256] -> inpainted [1, 3, 256, 256]
                    xl, xg = self.down(torch.cat([img * (1 - mask), mask], 1)).chunk(2, 1)
                    for b in self.blocks:
                        xl, xg = b(xl, xg)
                    return self.up(torch.cat([xl, xg], 1))

            return LaMa().eval(), (torch.rand(1, 3, 256, 256), (torch.rand(1, 1, 256, 256) > 0.8).float())
        if kind == "dcnv2":  # CenterNet-DCN-like neck: DeformConv2d (offsets and mask from a Conv), ConvTranspose up
            import torchvision

            class DCN(nn.Module):
                def __init__(self, i, o) -> None:
                    super().__init__()
                    self.off = nn.Conv2d(i, 27, 3, 1, 1)
                    self.dcn = torchvision.ops.DeformConv2d(i, o, 3, 1, 1)
                    self.bn = nn.BatchNorm2d(o)

                def forward(self, x):
                    o1, o2, m = self.off(x).split([9, 9, 9], 1)
                    return F.relu(self.bn(self.dcn(x, torch.cat([o1, o2], 1), torch.sigmoid(m))))

            class Net(nn.Module):
                def __init__(self) -> None:
                    super().__init__()
                    self.trunk = nn.Sequential(cbr(3, 32, 3, 2), cbr(32, 64, 3, 2), cbr(64, 128, 3, 2), cbr(128, 256, 3, 2))
                    self.neck = nn.Sequential(DCN(256, 128), nn.ConvTranspose2d(128, 128, 4, 2, 1), nn.ReLU(),
                                              DCN(128, 64), nn.ConvTranspose2d(64, 64, 4, 2, 1), nn.ReLU())
                    self.hm, self.wh = nn.Conv2d(64, 80, 1), nn.Conv2d(64, 4, 1)

                def forward(self, x):  # x: [1, 3, 256, 256] -> heatmap [1, 80, 64, 64], box [1, 4, 64, 64]
                    f = self.neck(self.trunk(x))
                    return torch.sigmoid(self.hm(f)), self.wh(f)

            return Net().eval(), (torch.randn(1, 3, 256, 256),)
        if kind == "roi_head":  # two-stage detector's second stage: RoIAlign 7x7 on one level for given boxes, box head
            import torchvision

            class RoIHead(nn.Module):
                def __init__(self) -> None:
                    super().__init__()
                    self.trunk = nn.Sequential(cbr(3, 32, 3, 2), cbr(32, 64, 3, 2), cbr(64, 128, 3, 2), cbr(128, 256, 3, 2))
                    self.fc = nn.Sequential(nn.Flatten(), nn.Linear(256 * 49, 256), nn.ReLU(), nn.Linear(256, 256), nn.ReLU())
                    self.cls, self.box = nn.Linear(256, 21), nn.Linear(256, 84)

                def forward(self, x, boxes):  # x [1, 3, 320, 320], boxes [32, 4] (x1, y1, x2, y2) in pixels
                    f = self.trunk(x)
                    rois = torch.cat([torch.zeros_like(boxes[:, :1]), boxes], 1)
                    h = self.fc(torchvision.ops.roi_align(f, rois, (7, 7), 1 / 16, 2, aligned=True))
                    return self.cls(h).softmax(-1), self.box(h)

            xy = torch.rand(32, 2) * 200
            return RoIHead().eval(), (torch.randn(1, 3, 320, 320), torch.cat([xy, xy + 16 + torch.rand(32, 2) * 100], 1))
        if kind == "tsm":  # TSM on a MobileNetV2-ish trunk: 8 frames in the batch, 1/8 channels shifted each way in time
            T = 8

            def shift(x):
                nt, c, h, w = x.shape
                x = x.reshape(nt // T, T, c, h, w)
                f = c // 8
                left = torch.cat([x[:, 1:, :f], torch.zeros_like(x[:, :1, :f])], 1)
                right = torch.cat([torch.zeros_like(x[:, :1, f:2 * f]), x[:, :-1, f:2 * f]], 1)
                return torch.cat([left, right, x[:, :, 2 * f:]], 2).reshape(nt, c, h, w)

            class IR(nn.Module):
                def __init__(self, i, o, s) -> None:
                    super().__init__()
                    self.body = nn.Sequential(cbr(i, 4 * i, 1, act=nn.ReLU6), cbr(4 * i, 4 * i, 3, s, g=4 * i, act=nn.ReLU6),
                                              nn.Conv2d(4 * i, o, 1, bias=False), nn.BatchNorm2d(o))
                    self.res = s == 1 and i == o

                def forward(self, x):
                    return x + self.body(shift(x)) if self.res else self.body(x)

            class TSM(nn.Module):
                def __init__(self, classes=27) -> None:
                    super().__init__()
                    self.f = nn.Sequential(cbr(3, 32, 3, 2, act=nn.ReLU6), IR(32, 16, 1), IR(16, 24, 2), IR(24, 24, 1),
                                           IR(24, 32, 2), IR(32, 32, 1), IR(32, 64, 2), IR(64, 64, 1), IR(64, 96, 1),
                                           IR(96, 96, 1), IR(96, 160, 2), IR(160, 160, 1), cbr(160, 640, 1, act=nn.ReLU6))
                    self.fc = nn.Linear(640, classes)

                def forward(self, x):  # x: [8, 3, 160, 160] (8 frames) -> [1, 27] clip logits (jester gestures)
                    logits = self.fc(F.adaptive_avg_pool2d(self.f(x), 1).flatten(1))
                    return logits.reshape(-1, T, logits.shape[-1]).mean(1)

            return TSM().eval(), (torch.randn(T, 3, 160, 160),)
        if kind == "zero_dce":  # Zero-DCE++: 7 depthwise-separable convs with skip concats, 8 curve iterations
            class DCE(nn.Module):
                def __init__(self, c=32) -> None:
                    super().__init__()

                    def ds(i, o):
                        return nn.Sequential(nn.Conv2d(i, i, 3, 1, 1, groups=i), nn.Conv2d(i, o, 1))
                    self.e = nn.ModuleList([ds(3, c), ds(c, c), ds(c, c), ds(c, c), ds(2 * c, c), ds(2 * c, c),
                                            ds(2 * c, 3)])

                def forward(self, x):  # x: [1, 3, 360, 640] dark frame -> enhanced [1, 3, 360, 640], curve map
                    d = F.interpolate(x, scale_factor=0.5, mode="bilinear", align_corners=False)
                    x1 = F.relu(self.e[0](d))
                    x2 = F.relu(self.e[1](x1))
                    x3 = F.relu(self.e[2](x2))
                    x4 = F.relu(self.e[3](x3))
                    x5 = F.relu(self.e[4](torch.cat([x3, x4], 1)))
                    x6 = F.relu(self.e[5](torch.cat([x2, x5], 1)))
                    r = torch.tanh(self.e[6](torch.cat([x1, x6], 1)))
                    r = F.interpolate(r, size=x.shape[-2:], mode="bilinear", align_corners=False)
                    y = x
                    for _ in range(8):
                        y = y + r * (y * y - y)
                    return y, r

            return DCE().eval(), (torch.rand(1, 3, 360, 640) * 0.3,)
        if kind == "sixdrepnet":  # 6DRepNet head pose: RepVGG-ish trunk, 6-D output, Gram-Schmidt to a rotation matrix
            def norm(v):
                return v / torch.clamp(torch.sqrt((v * v).sum(1, keepdim=True)), min=1e-8)

            def cross(u, v):
                i = u[:, 1:2] * v[:, 2:3] - u[:, 2:3] * v[:, 1:2]
                j = u[:, 2:3] * v[:, 0:1] - u[:, 0:1] * v[:, 2:3]
                k = u[:, 0:1] * v[:, 1:2] - u[:, 1:2] * v[:, 0:1]
                return torch.cat([i, j, k], 1)

            class Rep(nn.Module):
                def __init__(self) -> None:
                    super().__init__()
                    chans = [(3, 48, 2), (48, 48, 2), (48, 96, 2), (96, 96, 1), (96, 192, 2), (192, 192, 1),
                             (192, 384, 2), (384, 1280, 2)]
                    self.f = nn.Sequential(*[cbr(i, o, 3, s) for i, o, s in chans])
                    self.fc = nn.Linear(1280, 6)

                def forward(self, x):  # x: [1, 3, 224, 224] face crop -> rotation matrix [1, 3, 3]
                    p = self.fc(F.adaptive_avg_pool2d(self.f(x), 1).flatten(1))
                    a = norm(p[:, 0:3])
                    c = norm(cross(a, p[:, 3:6]))
                    b = cross(c, a)
                    return torch.stack([a, b, c], 2)

            return Rep().eval(), (torch.randn(1, 3, 224, 224),)
        if kind == "patchcore":  # PatchCore: layer2 + layer3 features, 3x3 local average, nearest memory-bank distance
            class PatchCore(nn.Module):
                def __init__(self, bank=2048) -> None:
                    super().__init__()
                    self.l1 = nn.Sequential(cbr(3, 64, 7, 2), nn.MaxPool2d(3, 2, 1), cbr(64, 64), cbr(64, 128, 3, 2))  # 1/8
                    self.l2 = nn.Sequential(cbr(128, 256, 3, 2), cbr(256, 256))  # 1/16
                    self.proj = nn.Conv2d(384, 256, 1, bias=False)
                    self.register_buffer("bank", torch.randn(bank, 256))

                def forward(self, x):  # x: [1, 3, 224, 224] -> anomaly map [1, 1, 224, 224], image score [1, 1]
                    a = self.l1(x)
                    b = F.interpolate(self.l2(a), size=a.shape[-2:], mode="bilinear", align_corners=False)
                    f = self.proj(F.avg_pool2d(torch.cat([a, b], 1), 3, 1, 1))
                    h, w = f.shape[-2:]
                    e = f.flatten(2).transpose(1, 2)[0]  # [N, C]
                    d2 = (e * e).sum(1, keepdim=True) - 2 * e @ self.bank.t() + (self.bank * self.bank).sum(1)[None]
                    dist = torch.sqrt(torch.clamp(d2.amin(1), min=0.0)).reshape(1, 1, h, w)
                    amap = F.interpolate(dist, size=x.shape[-2:], mode="bilinear", align_corners=False)
                    return amap, dist.flatten(1).amax(1, keepdim=True)

            return PatchCore().eval(), (torch.randn(1, 3, 224, 224),)
        if kind == "ddpm_unet":  # DDPM U-Net: sinusoidal timestep embedding of a graph input, GroupNorm + SiLU res blocks
            class Res(nn.Module):
                def __init__(self, i, o, t) -> None:
                    super().__init__()
                    self.n1, self.c1 = nn.GroupNorm(8, i), nn.Conv2d(i, o, 3, 1, 1)
                    self.t = nn.Linear(t, o)
                    self.n2, self.c2 = nn.GroupNorm(8, o), nn.Conv2d(o, o, 3, 1, 1)
                    self.sc = nn.Conv2d(i, o, 1) if i != o else nn.Identity()

                def forward(self, x, temb):
                    h = self.c1(F.silu(self.n1(x))) + self.t(temb)[:, :, None, None]
                    return self.sc(x) + self.c2(F.silu(self.n2(h)))

            class UNet(nn.Module):
                def __init__(self, c=64, t=256) -> None:
                    super().__init__()
                    self.temb = nn.Sequential(nn.Linear(c, t), nn.SiLU(), nn.Linear(t, t))
                    self.c = c
                    self.inp = nn.Conv2d(3, c, 3, 1, 1)
                    self.d1, self.d2 = Res(c, c, t), Res(c, 2 * c, t)
                    self.down = nn.Conv2d(c, c, 3, 2, 1)
                    self.mid = Res(2 * c, 2 * c, t)
                    self.u2, self.u1 = Res(4 * c, c, t), Res(2 * c, c, t)
                    self.out = nn.Sequential(nn.GroupNorm(8, c), nn.SiLU(), nn.Conv2d(c, 3, 3, 1, 1))

                def forward(self, x, t):  # x [1, 3, 64, 64] noisy image, t [1] timestep -> predicted noise
                    half = self.c // 2
                    freqs = torch.exp(-math.log(10000.0) * torch.arange(half, dtype=torch.float32) / half)
                    e = t[:, None] * freqs[None]
                    temb = self.temb(torch.cat([torch.sin(e), torch.cos(e)], 1))
                    h0 = self.inp(x)
                    h1 = self.d1(h0, temb)
                    h2 = self.d2(self.down(h1), temb)
                    m = self.mid(h2, temb)
                    u = self.u2(torch.cat([m, h2], 1), temb)
                    u = F.interpolate(u, scale_factor=2.0, mode="nearest")
                    return self.out(self.u1(torch.cat([u, h1], 1), temb))

            return UNet().eval(), (torch.randn(1, 3, 64, 64), torch.tensor([500.0]))
        if kind == "patchtst":  # PatchTST: RevIN, patches by unfold, channel-independent transformer (BatchNorm), head
            class TST(nn.Module):
                def __init__(self, L=336, chans=7, patch=16, stride=8, d=128, horizon=96) -> None:
                    super().__init__()
                    self.patch, self.stride = patch, stride
                    n = (L - patch) // stride + 2
                    self.emb = nn.Linear(patch, d)
                    self.pos = nn.Parameter(torch.randn(1, n, d) * 0.02)
                    self.q, self.k, self.v, self.o = (nn.Linear(d, d) for _ in range(4))
                    self.bn1, self.bn2 = nn.BatchNorm1d(d), nn.BatchNorm1d(d)
                    self.ff = nn.Sequential(nn.Linear(d, 2 * d), nn.GELU(), nn.Linear(2 * d, d))
                    self.head = nn.Linear(n * d, horizon)
                    self.h, self.chans = 8, chans

                def forward(self, x):  # x: [1, 336, 7] history -> [1, 96, 7] forecast
                    mean = x.mean(1, keepdim=True)
                    std = torch.sqrt(x.var(1, keepdim=True, unbiased=False) + 1e-5)
                    z = ((x - mean) / std).permute(0, 2, 1)  # [1, 7, L]
                    z = torch.cat([z, z[..., -1:].expand(-1, -1, self.stride)], -1)
                    p = z.unfold(-1, self.patch, self.stride)  # [1, 7, n, patch]
                    B, C, N, _ = p.shape
                    t = self.emb(p).reshape(B * C, N, -1) + self.pos
                    D = t.shape[-1]
                    q = self.q(t).reshape(B * C, N, self.h, -1).transpose(1, 2)
                    k = self.k(t).reshape(B * C, N, self.h, -1).transpose(1, 2)
                    v = self.v(t).reshape(B * C, N, self.h, -1).transpose(1, 2)
                    a = (q @ k.transpose(-1, -2) / math.sqrt(D // self.h)).softmax(-1)
                    t = t + self.o((a @ v).transpose(1, 2).reshape(B * C, N, D))
                    t = self.bn1(t.transpose(1, 2)).transpose(1, 2)
                    t = self.bn2((t + self.ff(t)).transpose(1, 2)).transpose(1, 2)
                    y = self.head(t.reshape(B, C, -1)).permute(0, 2, 1)  # [1, 96, 7]
                    return y * std + mean

            return TST().eval(), (torch.randn(1, 336, 7),)
        raise ValueError(kind)

    return build


def specs() -> list[Spec]:
    return [
        # timm families no set used yet
        Spec("cls_timm_qwen3_vit_d4_224_op17", "cls", "timm/qwen3_vit_88m, depth 4 (Qwen3-VL vision tower, 2-D RoPE)",
             _timm("qwen3_vit_88m", 224, depth=4), opset=17),
        Spec("cls_timm_gemma4_vit_d2_dynamo_op18", "cls", "timm/gemma4_vit_167m, depth 2 (Gemma 4 vision tower), dynamo: "
             "TorchScript has no rms_norm below opset 23", _timm("gemma4_vit_167m", 224, depth=2), opset=18, dynamo=True),
        Spec("cls_timm_deepseek_vit_d2_dynamo_op18", "cls", "timm/deepseek_vit_412m, depth 2 (DeepSeek vision tower), "
             "dynamo", _timm("deepseek_vit_412m", 224, depth=2), opset=18, dynamo=True),
        Spec("cls_timm_mobilenetv5_base_256_op16", "cls", "timm/mobilenetv5_base (Gemma 3n vision: MQA, RMSNorm2d)",
             _timm("mobilenetv5_base", 256), opset=16),
        Spec("cls_timm_naflexvit_siglip_d4_dynamo_op18", "cls", "timm/naflexvit_base_patch16_siglip, depth 4 (attention-"
             "pool head), dynamo: TorchScript has no antialiased resize", _timm("naflexvit_base_patch16_siglip", 224,
                                                                                depth=4), opset=18, dynamo=True),
        Spec("cls_timm_swinv2_cr_tiny_ns_224_op17", "cls", "timm/swinv2_cr_tiny_ns_224 (cosine attention, log-CPB)",
             _timm("swinv2_cr_tiny_ns_224", 224), opset=17),
        Spec("cls_timm_legacy_xception_160_op12", "cls", "timm/legacy_xception (original Xception)",
             _timm("legacy_xception", 160), opset=12),
        Spec("cls_timm_vgg11_bn_dynamo_op19", "cls", "timm/vgg11_bn (ConvMlp pre-logits, mlp_ratio 0.25), dynamo",
             _timm("vgg11_bn", 224, mlp_ratio=0.25), opset=19, dynamo=True),
        # ultralytics models not exported elsewhere
        Spec("seg_yoloe_v8s_seg_320_op12", "seg", "yoloe-v8s-seg (prompt embeddings fixed)", None,
             ultralytics=_yolo("yoloe-v8s-seg.yaml", 320)),
        Spec("seg_yoloe_26n_seg_320_op17", "seg", "yoloe-26n-seg", None, ultralytics=_yolo("yoloe-26n-seg.yaml", 320,
                                                                                              opset=17)),
        Spec("det_rtdetr_resnet50_320_op16", "det", "rtdetr-resnet50", None,
             ultralytics=_yolo("rtdetr-resnet50.yaml", 320, opset=16)),
        # hand-built: patterns the other sets lack
        Spec("audio_whisper_logmel_op17", "audio", "Whisper-style log-mel front end in the graph + encoder",
             _custom("whisper_logmel"), opset=17),
        Spec("matting_rvm_convgru_op12", "matting", "Robust-Video-Matting-like (ConvGRU decoder, recurrent state inputs)",
             _custom("rvm"), opset=12, input_names=("src", "r1i", "r2i", "r3i", "r4i"),
             output_names=("fgr", "pha", "r1o", "r2o", "r3o", "r4o")),
        Spec("tts_hifigan_v3_op13", "audio", "HiFi-GAN v3 vocoder (ConvTranspose1d, ResBlock2)", _custom("hifigan")),
        Spec("asr_quartznet_5x1_op13", "audio", "QuartzNet 5x1 (time-channel separable Conv1d, kernels 33-87)",
             _custom("quartznet")),
        Spec("place_netvlad_240x320_op11", "retrieval", "NetVLAD place recognition (soft assignment, intra-norm)",
             _custom("netvlad"), opset=11),
        Spec("reid_osnet_ain_256x128_op12", "reid", "OSNet-AIN-like ReID (omni-scale streams, InstanceNorm)",
             _custom("osnet"), opset=12),
        Spec("seg_segformer_b0_512_op13", "seg", "SegFormer-B0 (MiT spatial-reduction attention, Mix-FFN, MLP head)",
             _custom("segformer")),
        Spec("seg_seaformer_axial_dynamo_op18", "seg", "SeaFormer-like squeeze-axial attention, dynamo",
             _custom("seaformer"), opset=18, dynamo=True),
        Spec("seg_ppliteseg_stdc_512x1024_op11", "seg", "PP-LiteSeg-like (STDC, SPPM, UAFM)", _custom("ppliteseg"),
             opset=11),
        Spec("inpaint_lama_ffc_dynamo_op18", "inpaint", "LaMa-style fast Fourier convolution (rfft2 / irfft2), dynamo: "
             "TorchScript has no fft_rfft2", _custom("lama_ffc"), opset=18, dynamo=True, input_names=("image", "mask")),
        Spec("det_dcnv2_centernet_dynamo_op19", "det", "CenterNet-DCN-like neck (torchvision DeformConv2d), dynamo",
             _custom("dcnv2"), opset=19, dynamo=True),
        Spec("det_roialign_box_head_op16", "det", "two-stage box head (RoIAlign 7x7 on given boxes)",
             _custom("roi_head"), opset=16, input_names=("image", "boxes")),
        Spec("action_tsm_mbv2_8f_op12", "video", "TSM (temporal shift, 8 frames in the batch)", _custom("tsm"),
             opset=12),
        Spec("enhance_zero_dce_360x640_op12", "enhance", "Zero-DCE++ low-light curve estimation", _custom("zero_dce"),
             opset=12),
        Spec("pose_6drepnet_op13", "pose", "6DRepNet head pose (6-D output, Gram-Schmidt)", _custom("sixdrepnet")),
        Spec("anomaly_patchcore_op13", "anomaly", "PatchCore (memory-bank nearest distance)", _custom("patchcore")),
        Spec("gen_ddpm_unet_temb_op14", "gen", "DDPM U-Net (timestep input, sinusoidal embedding, GroupNorm)",
             _custom("ddpm_unet"), opset=14, input_names=("x", "t")),
        Spec("ts_patchtst_op15", "ts", "PatchTST forecaster (RevIN, unfold patches, BatchNorm transformer)",
             _custom("patchtst"), opset=15),
    ]


if __name__ == "__main__":
    sys.exit(run(specs, "/work/calib/s16-unseen9/models", sys.argv[1:]))
