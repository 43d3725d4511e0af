"""Export a fourteenth set of models nobody calibrated on, to measure how the predictions carry over (toolkit 2.3.2).

Unseen sets 4 to 13 (export_unseen3.py ... export_unseen12.py) taught fixes and are no longer unseen. No model name
here is in export_models.py, export_unseen.py ... export_unseen12.py, pretrained_set.py or issue_repros.py. Every
timm family had been used by some set, so the timm rows are variants with sub-patterns no set had: MobileNetV3-Large
(hard-swish, SE; the staple of NPU users, opset 11), ResNet-50-D at 256 (average-pool shortcut), RegNetY-800MF
(dynamo), ResNetV2-50-D with GroupNorm and weight-standardised convs, CS3-DarkNet-S with a Focus stem, SwinV2-T
window 8 at 256 cut to depths 1-1-2-1 (cosine attention, log-spaced continuous position bias; dynamo), ViT-B with 4
registers and average pooling at 256 cut to 2 blocks, EfficientNet-B0 with GroupNorm (dynamo), ViT-S with shared
relative positions cut to 3 blocks, ECA-BoTNeXt-26 at 256 (bottleneck self-attention with relative position
logits); torchvision EfficientNet-B3 at its own 300 (dynamo); ultralytics heads / sizes no set exported (YOLOv5m at
640, YOLOv3u at 416, YOLO12s-OBB at 640); and small hand-built models of what users ship to these NPUs that no set
hand-built: a CenterTrack-like tracker (image, previous image and previous heatmap in; heat / size / offset /
tracking heads, max-pool peak mask) at 384 x 640, a Zipformer-like streaming ASR chunk with attention key / value
and causal-conv caches in and out (BiasNorm, SwooshR-like activation; dynamo), a person ReID net with GeM pooling
(learned exponent), BNNeck and L2 norm at 256 x 128, a Vocos-like vocoder (ConvNeXt-1d, exp / cos / sin spectrum,
inverse STFT by a fixed basis and overlap-add ConvTranspose1d; dynamo), HED edge detection (five side outputs
upsampled by ConvTranspose2d and cropped, 1 x 1 fusion) at 320 x 480, a FastestDet-like single-scale detector
(ShuffleNetV2 stages, SPP of cascaded depthwise convs, sigmoid / softmax head) at 352, STDC-Seg (STDC modules,
attention refinement, feature fusion; dynamo) at 384 x 768, a RIFE-like frame interpolator (two IFBlocks, backward
warping by grid_sample, mask blend) at 256 x 448 and FastDepth (MobileNet encoder, NNConv5 decoder of depthwise
5 x 5 + nearest upsampling, additive skips; dynamo) at 224. Exporters and opsets mixed (TorchScript 11-17, dynamo
18-19), input sizes as users pick them. Random weights, nothing downloaded. Same exporter, manifest and log lines as
export_models.py:

    YOLO_OFFLINE=1 /work/calib/venv/bin/python calibration/export_unseen13.py --out /work/calib/s22/unseen13/models

Then the truths, one row at a time (2.3.2 through its venv; at most two builds at a time):

    nice -n 10 python calibration/run_toolkit.py --models /work/calib/s22/unseen13/models --target rk3588 \
        --dtype float16 --python /work/venvs/rknn-2.3.2/bin/python \
        --out /work/calib/s22/unseen13/rk3588-float16-2.3.2/truth.json --jobs 2
    python calibration/score.py --truth /work/calib/s22/unseen13/rk3588-float16-2.3.2/truth.json \
        --models /work/calib/s22/unseen13/models --results /tmp/before-rk3588-float16-2.3.2.json
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, Callable

sys.path.insert(0, str(Path(__file__).resolve().parent))
from export_common import cbr, run  # noqa: E402
from export_models import Spec, _timm, _tv, _yolo  # noqa: E402


def _custom(kind: str) -> Callable[[], tuple[Any, tuple]]:
    def build():  # noqa: C901 (one branch per model, as in the other sets)
        import math

        import torch
        import torch.nn.functional as F
        from torch import nn

        def dw(i, o, s=1, k=3):  # depthwise k x k + BN + ReLU, then pointwise 1 x 1 + BN + ReLU (MobileNetV1)
            return nn.Sequential(cbr(i, i, k, s, g=i), cbr(i, o, 1))

        if kind == "centertrack":  # CenterTrack-like: image, previous image and previous heatmap, 4 heads at stride 4
            class Block(nn.Module):
                def __init__(self, i, o, s) -> None:
                    super().__init__()
                    self.a, self.b = cbr(i, o, 3, s), nn.Sequential(nn.Conv2d(o, o, 3, 1, 1, bias=False),
                                                                    nn.BatchNorm2d(o))
                    self.skip = cbr(i, o, 1, s, act=nn.Identity) if (i != o or s != 1) else nn.Identity()

                def forward(self, x):
                    return F.relu(self.b(self.a(x)) + self.skip(x))

            class CenterTrack(nn.Module):
                def __init__(self, classes=10) -> None:
                    super().__init__()
                    self.img, self.pre, self.hm = cbr(3, 32, 7, 2), cbr(3, 32, 7, 2), cbr(1, 32, 7, 2)
                    self.s1, self.s2 = Block(32, 64, 2), Block(64, 128, 2)
                    self.s3, self.s4 = Block(128, 256, 2), Block(256, 256, 2)
                    self.up = nn.ModuleList([nn.Sequential(nn.ConvTranspose2d(i, o, 4, 2, 1, bias=False),
                                                           nn.BatchNorm2d(o), nn.ReLU())
                                             for i, o in ((256, 256), (256, 128), (128, 64))])
                    self.heads = nn.ModuleList([nn.Sequential(nn.Conv2d(64, 64, 3, padding=1), nn.ReLU(),
                                                              nn.Conv2d(64, o, 1)) for o in (classes, 2, 2, 2)])

                def forward(self, image, pre_image, pre_hm):  # [1, 3, 384, 640] x 2, [1, 1, 384, 640]
                    f1 = self.s1(self.img(image) + self.pre(pre_image) + self.hm(pre_hm))
                    f2 = self.s2(f1)
                    f3 = self.s3(f2)
                    y = self.up[0](self.s4(f3)) + f3
                    y = self.up[2](self.up[1](y) + f2)
                    heat, wh, reg, track = (h(y) for h in self.heads)
                    heat = heat.sigmoid()
                    peaks = heat * (F.max_pool2d(heat, 3, 1, 1) == heat).float()
                    return peaks, wh, reg, track

            x = torch.randn(1, 3, 384, 640)
            return CenterTrack().eval(), (x, torch.randn(1, 3, 384, 640), torch.rand(1, 1, 384, 640))
        if kind == "zipformer_stream":  # Zipformer-like streaming chunk: attention k / v and conv caches in and out
            class BiasNorm(nn.Module):
                def __init__(self, d) -> None:
                    super().__init__()
                    self.bias, self.log_scale = nn.Parameter(torch.zeros(d)), nn.Parameter(torch.tensor(0.0))

                def forward(self, x):
                    return x * self.log_scale.exp() * ((x - self.bias) ** 2).mean(-1, keepdim=True).pow(-0.5)

            def swoosh(x):  # SwooshR: log(1 + exp(x - 1)) - 0.08 x - 0.313261687
                return F.softplus(x - 1) - 0.08 * x - 0.313261687

            class Layer(nn.Module):
                def __init__(self, d, heads, k) -> None:
                    super().__init__()
                    self.h, self.k = heads, k
                    self.q, self.kv, self.o = nn.Linear(d, d), nn.Linear(d, 2 * d), nn.Linear(d, d)
                    self.pw1, self.dw = nn.Linear(d, 2 * d), nn.Conv1d(d, d, k, groups=d)
                    self.pw2 = nn.Linear(d, d)
                    self.ff1, self.ff2 = nn.Linear(d, 3 * d), nn.Linear(3 * d, d)
                    self.norm = BiasNorm(d)

                def forward(self, x, ck, cv, cc):  # x [1, T, d], ck / cv [1, L, d], cc [1, d, k - 1]
                    B, T, C = x.shape
                    k_new, v_new = self.kv(x).chunk(2, -1)
                    k, v = torch.cat([ck, k_new], 1), torch.cat([cv, v_new], 1)
                    q = self.q(x).reshape(B, T, self.h, -1).transpose(1, 2)
                    kh, vh = (t.reshape(B, t.shape[1], self.h, -1).transpose(1, 2) for t in (k, v))
                    a = (q @ kh.transpose(-1, -2) / math.sqrt(C // self.h)).softmax(-1)
                    x = x + self.o((a @ vh).transpose(1, 2).reshape(B, T, C))
                    g = F.glu(self.pw1(x), -1).transpose(1, 2)  # [1, d, T]
                    g = torch.cat([cc, g], 2)
                    x = x + self.pw2(swoosh(self.dw(g)).transpose(1, 2))
                    x = self.norm(x + self.ff2(swoosh(self.ff1(x))))
                    L = ck.shape[1]
                    return x, k[:, -L:], v[:, -L:], g[:, :, -(self.k - 1):]

            class Chunk(nn.Module):
                def __init__(self, feat=80, d=192, layers=2, vocab=500) -> None:
                    super().__init__()
                    self.embed = nn.Sequential(nn.Linear(feat, d), nn.ReLU(), nn.Linear(d, d))
                    self.layers = nn.ModuleList([Layer(d, 4, 15) for _ in range(layers)])
                    self.out = nn.Linear(d, vocab)

                def forward(self, x, cached_key, cached_val, cached_conv):  # x [1, 16, 80]; caches [2, 1, ...]
                    x = self.embed(x)
                    ks, vs, cs = [], [], []
                    for i, layer in enumerate(self.layers):
                        x, k, v, c = layer(x, cached_key[i], cached_val[i], cached_conv[i])
                        ks.append(k)
                        vs.append(v)
                        cs.append(c)
                    return self.out(x).log_softmax(-1), torch.stack(ks), torch.stack(vs), torch.stack(cs)

            return Chunk().eval(), (torch.randn(1, 16, 80), torch.randn(2, 1, 32, 192), torch.randn(2, 1, 32, 192),
                                    torch.randn(2, 1, 192, 14))
        if kind == "reid_gem":  # person ReID: ResNet-like trunk, GeM pooling (learned p), BNNeck, L2 norm
            class GeM(nn.Module):
                def __init__(self, p=3.0, eps=1e-6) -> None:
                    super().__init__()
                    self.p, self.eps = nn.Parameter(torch.ones(1) * p), eps

                def forward(self, x):
                    return F.avg_pool2d(x.clamp(min=self.eps).pow(self.p), x.shape[2:]).pow(1.0 / self.p)

            class ReID(nn.Module):
                def __init__(self) -> None:
                    super().__init__()
                    self.trunk = nn.Sequential(cbr(3, 32, 3, 2), cbr(32, 64, 3, 2), cbr(64, 64), cbr(64, 128, 3, 2),
                                               cbr(128, 128), cbr(128, 256, 3, 2), cbr(256, 256), cbr(256, 512),
                                               cbr(512, 512))
                    self.gem, self.neck = GeM(), nn.BatchNorm1d(512)

                def forward(self, x):  # x: [1, 3, 256, 128] person crop -> embedding [1, 512]
                    return F.normalize(self.neck(self.gem(self.trunk(x)).flatten(1)), dim=1)

            return ReID().eval(), (torch.randn(1, 3, 256, 128),)
        if kind == "vocos":  # Vocos-like vocoder: ConvNeXt-1d over mel, exp / cos / sin spectrum, inverse STFT
            class Block(nn.Module):
                def __init__(self, d) -> None:
                    super().__init__()
                    self.dw, self.norm = nn.Conv1d(d, d, 7, padding=3, groups=d), nn.LayerNorm(d)
                    self.pw1, self.pw2 = nn.Linear(d, 3 * d), nn.Linear(3 * d, d)
                    self.gamma = nn.Parameter(torch.full((d,), 0.1))

                def forward(self, x):  # x [1, d, T]
                    y = self.pw2(F.gelu(self.pw1(self.norm(self.dw(x).transpose(1, 2)))))
                    return x + (self.gamma * y).transpose(1, 2)

            class Vocos(nn.Module):
                def __init__(self, mels=100, d=192, n_fft=256, hop=64, blocks=4) -> None:
                    super().__init__()
                    self.embed, self.norm = nn.Conv1d(mels, d, 7, padding=3), nn.LayerNorm(d)
                    self.blocks = nn.Sequential(*[Block(d) for _ in range(blocks)])
                    self.final, self.head = nn.LayerNorm(d), nn.Linear(d, n_fft + 2)
                    bins, n = n_fft // 2 + 1, torch.arange(n_fft).float()
                    win = torch.hann_window(n_fft)
                    ang = 2 * math.pi * torch.arange(bins).float()[:, None] * n[None] / n_fft
                    scale = torch.full((bins, 1), 2.0 / n_fft)
                    scale[0], scale[-1] = 1.0 / n_fft, 1.0 / n_fft
                    self.register_buffer("cos_b", ang.cos() * scale * win)  # [bins, n_fft] irfft times window
                    self.register_buffer("sin_b", -ang.sin() * scale * win)
                    self.register_buffer("ola", torch.eye(n_fft)[:, None, :])  # overlap-add as ConvTranspose1d
                    self.hop, self.n_fft = hop, n_fft

                def forward(self, mel):  # mel [1, 100, 64] -> audio [1, 1, 4096]
                    x = self.norm(self.embed(mel).transpose(1, 2)).transpose(1, 2)
                    h = self.head(self.final(self.blocks(x).transpose(1, 2)))  # [1, T, n_fft + 2]
                    mag, p = h.chunk(2, -1)
                    mag = mag.exp().clamp(max=100.0)
                    frames = (mag * p.cos()) @ self.cos_b + (mag * p.sin()) @ self.sin_b  # [1, T, n_fft]
                    y = F.conv_transpose1d(frames.transpose(1, 2), self.ola, stride=self.hop)
                    pad = (self.n_fft - self.hop) // 2
                    return y[:, :, pad:pad + mel.shape[2] * self.hop]

            return Vocos().eval(), (torch.randn(1, 100, 64),)
        if kind == "hed":  # HED: VGG stages, five 1 x 1 side outputs upsampled by ConvTranspose2d and cropped, fusion
            class HED(nn.Module):
                def __init__(self) -> None:
                    super().__init__()
                    widths, i = ((32, 2), (64, 2), (128, 3), (256, 3), (256, 3)), 3
                    self.stages = nn.ModuleList()
                    for n, (c, reps) in enumerate(widths):
                        layers = [nn.MaxPool2d(2, 2, ceil_mode=True)] if n else []
                        for _ in range(reps):
                            layers += [nn.Conv2d(i, c, 3, padding=1), nn.ReLU()]
                            i = c
                        self.stages.append(nn.Sequential(*layers))
                    self.sides = nn.ModuleList([nn.Conv2d(c, 1, 1) for c, _ in widths])
                    self.ups = nn.ModuleList([nn.ConvTranspose2d(1, 1, 2 * s, s, bias=False) for s in (2, 4, 8, 16)])
                    self.fuse = nn.Conv2d(5, 1, 1)

                def forward(self, x):  # x: [1, 3, 320, 480] -> fused edge map and the five side maps
                    H, W = x.shape[2:]
                    sides = []
                    for n, (stage, side) in enumerate(zip(self.stages, self.sides)):
                        x = stage(x)
                        s = side(x)
                        if n:
                            s = self.ups[n - 1](s)
                            off = 2 ** (n - 1)
                            s = s[:, :, off:off + H, off:off + W]
                        sides.append(s)
                    fused = self.fuse(torch.cat(sides, 1))
                    return fused.sigmoid(), torch.cat(sides, 1).sigmoid()

            return HED().eval(), (torch.randn(1, 3, 320, 480),)
        if kind == "fastestdet":  # FastestDet-like: ShuffleNetV2 stages, cascaded depthwise SPP, one 22 x 22 head
            def shuffle(x):
                B, C, H, W = x.shape
                return x.reshape(B, 2, C // 2, H, W).transpose(1, 2).reshape(B, C, H, W)

            class Unit(nn.Module):
                def __init__(self, i, o, s) -> None:
                    super().__init__()
                    self.s, h = s, o // 2
                    self.main = nn.Sequential(cbr(i if s == 2 else h, h, 1), cbr(h, h, 3, s, g=h, act=nn.Identity),
                                              cbr(h, h, 1))
                    self.proj = nn.Sequential(cbr(i, i, 3, 2, g=i, act=nn.Identity), cbr(i, h, 1)) if s == 2 else None

                def forward(self, x):
                    if self.s == 2:
                        return shuffle(torch.cat([self.proj(x), self.main(x)], 1))
                    a, b = x.chunk(2, 1)
                    return shuffle(torch.cat([a, self.main(b)], 1))

            def stage(i, o, n):
                return nn.Sequential(Unit(i, o, 2), *[Unit(o, o, 1) for _ in range(n - 1)])

            class FastestDet(nn.Module):
                def __init__(self, classes=80) -> None:
                    super().__init__()
                    self.stem = nn.Sequential(cbr(3, 24, 3, 2), nn.MaxPool2d(3, 2, 1))
                    self.s2, self.s3, self.s4 = stage(24, 48, 4), stage(48, 96, 8), stage(96, 192, 4)
                    c = 48 + 96 + 192
                    self.conv1 = cbr(c, 96, 1)
                    self.spp = nn.ModuleList([nn.Sequential(cbr(96, 96, 5, g=96), cbr(96, 96, 1)) for _ in range(3)])
                    self.out = cbr(288, 96, 1)
                    self.obj, self.reg = nn.Conv2d(96, 1, 1), nn.Conv2d(96, 4, 1)
                    self.cls = nn.Conv2d(96, classes, 1)

                def forward(self, x):  # x: [1, 3, 352, 352] -> [1, 85, 22, 22]
                    p2 = self.s2(self.stem(x))
                    p3 = self.s3(p2)
                    p4 = self.s4(p3)
                    f = torch.cat([F.avg_pool2d(p2, 2), p3, F.interpolate(p4, scale_factor=2.0)], 1)
                    y, outs = self.conv1(f), []
                    for m in self.spp:
                        y = m(y)
                        outs.append(y)
                    y = self.out(torch.cat(outs, 1)) + self.conv1(f)
                    return torch.cat([self.obj(y).sigmoid(), self.reg(y), self.cls(y).softmax(1)], 1)

            return FastestDet().eval(), (torch.randn(1, 3, 352, 352),)
        if kind == "stdc":  # STDC-Seg: STDC modules, attention refinement modules, feature fusion, x8 bilinear
            class STDC(nn.Module):
                def __init__(self, i, o, s) -> None:
                    super().__init__()
                    self.s = s
                    self.c1 = cbr(i, o // 2, 1)
                    self.down = cbr(o // 2, o // 2, 3, 2, g=o // 2, act=nn.Identity) if s == 2 else nn.Identity()
                    self.c2, self.c3, self.c4 = cbr(o // 2, o // 4), cbr(o // 4, o // 8), cbr(o // 8, o // 8)
                    self.pool = nn.AvgPool2d(3, 2, 1) if s == 2 else nn.Identity()

                def forward(self, x):
                    a = self.c1(x)
                    b = self.c2(self.down(a))
                    c = self.c3(b)
                    return torch.cat([self.pool(a), b, c, self.c4(c)], 1)

            class ARM(nn.Module):
                def __init__(self, i, o) -> None:
                    super().__init__()
                    self.conv, self.att = cbr(i, o), nn.Sequential(nn.Conv2d(o, o, 1, bias=False), nn.BatchNorm2d(o),
                                                                   nn.Sigmoid())

                def forward(self, x):
                    f = self.conv(x)
                    return f * self.att(F.adaptive_avg_pool2d(f, 1))

            class FFM(nn.Module):
                def __init__(self, i, o) -> None:
                    super().__init__()
                    self.conv = cbr(i, o, 1)
                    self.att = nn.Sequential(nn.Conv2d(o, o // 4, 1), nn.ReLU(), nn.Conv2d(o // 4, o, 1), nn.Sigmoid())

                def forward(self, a, b):
                    f = self.conv(torch.cat([a, b], 1))
                    return f + f * self.att(F.adaptive_avg_pool2d(f, 1))

            class STDCSeg(nn.Module):
                def __init__(self, classes=19) -> None:
                    super().__init__()
                    self.stem = nn.Sequential(cbr(3, 32, 3, 2), cbr(32, 64, 3, 2))
                    self.st3 = nn.Sequential(STDC(64, 256, 2), STDC(256, 256, 1))
                    self.st4 = nn.Sequential(STDC(256, 512, 2), STDC(512, 512, 1))
                    self.st5 = nn.Sequential(STDC(512, 1024, 2), STDC(1024, 1024, 1))
                    self.gap = cbr(1024, 128, 1)
                    self.arm16, self.arm32 = ARM(512, 128), ARM(1024, 128)
                    self.h16, self.h32 = cbr(128, 128), cbr(128, 128)
                    self.ffm = FFM(256 + 128, 256)
                    self.head = nn.Sequential(cbr(256, 256), nn.Conv2d(256, classes, 1))

                def forward(self, x):  # x: [1, 3, 384, 768] -> logits [1, 19, 384, 768]
                    f8 = self.st3(self.stem(x))
                    f16 = self.st4(f8)
                    f32 = self.st5(f16)
                    ctx = self.gap(F.adaptive_avg_pool2d(f32, 1))
                    u32 = F.interpolate(self.h32(self.arm32(f32) + ctx), scale_factor=2.0, mode="nearest")
                    u16 = F.interpolate(self.h16(self.arm16(f16) + u32), scale_factor=2.0, mode="nearest")
                    y = self.head(self.ffm(f8, u16))
                    return F.interpolate(y, scale_factor=8.0, mode="bilinear", align_corners=False)

            return STDCSeg().eval(), (torch.randn(1, 3, 384, 768),)
        if kind == "rife":  # RIFE-like: two IFBlocks estimate flow + mask, backward warping by grid_sample, blend
            class IFBlock(nn.Module):
                def __init__(self, i, c=64) -> None:
                    super().__init__()
                    self.conv0 = nn.Sequential(nn.Conv2d(i, c // 2, 3, 2, 1), nn.PReLU(c // 2),
                                               nn.Conv2d(c // 2, c, 3, 2, 1), nn.PReLU(c))
                    self.body = nn.Sequential(*[nn.Sequential(nn.Conv2d(c, c, 3, 1, 1), nn.PReLU(c))
                                                for _ in range(4)])
                    self.last = nn.ConvTranspose2d(c, 5, 4, 2, 1)

                def forward(self, x, scale):
                    x = F.interpolate(x, scale_factor=1.0 / scale, mode="bilinear", align_corners=False)
                    x = self.conv0(x)
                    x = self.last(self.body(x) + x)
                    x = F.interpolate(x, scale_factor=scale * 2.0, mode="bilinear", align_corners=False)
                    return x[:, :4] * scale * 2, x[:, 4:5]

            class RIFE(nn.Module):
                def __init__(self, H=256, W=448) -> None:
                    super().__init__()
                    self.b0, self.b1 = IFBlock(6, 96), IFBlock(6 + 4 + 1 + 6, 64)
                    ys, xs = torch.meshgrid(torch.linspace(-1, 1, H), torch.linspace(-1, 1, W), indexing="ij")
                    self.register_buffer("grid", torch.stack([xs, ys], -1)[None])  # [1, H, W, 2]
                    self.register_buffer("norm", torch.tensor([(W - 1) / 2.0, (H - 1) / 2.0]).view(1, 2, 1, 1))

                def warp(self, img, flow):
                    g = self.grid + (flow / self.norm).permute(0, 2, 3, 1)
                    return F.grid_sample(img, g, mode="bilinear", padding_mode="border", align_corners=True)

                def forward(self, img0, img1):  # [1, 3, 256, 448] x 2 -> middle frame [1, 3, 256, 448]
                    flow, mask = self.b0(torch.cat([img0, img1], 1), 4)
                    w0, w1 = self.warp(img0, flow[:, :2]), self.warp(img1, flow[:, 2:4])
                    d, dm = self.b1(torch.cat([img0, img1, w0, w1, flow, mask], 1), 2)
                    flow, mask = flow + d, (mask + dm).sigmoid()
                    w0, w1 = self.warp(img0, flow[:, :2]), self.warp(img1, flow[:, 2:4])
                    return (w0 * mask + w1 * (1 - mask)).clamp(0, 1)

            return RIFE().eval(), (torch.rand(1, 3, 256, 448), torch.rand(1, 3, 256, 448))
        if kind == "fastdepth":  # FastDepth: MobileNetV1 encoder, NNConv5 decoder (dw 5 x 5 + nearest x2), skips
            class FastDepth(nn.Module):
                def __init__(self) -> None:
                    super().__init__()
                    cfg = [(64, 1), (128, 2), (128, 1), (256, 2), (256, 1), (512, 2), (512, 1), (512, 1), (512, 1),
                           (512, 1), (512, 1), (1024, 2), (1024, 1)]
                    self.enc, i = nn.ModuleList([cbr(3, 32, 3, 2)]), 32
                    for o, s in cfg:
                        self.enc.append(dw(i, o, s))
                        i = o
                    self.dec = nn.ModuleList([dw(i, o, k=5) for i, o in ((1024, 512), (512, 256), (256, 128),
                                                                          (128, 64), (64, 32))])
                    self.out = nn.Sequential(nn.Conv2d(32, 1, 1), nn.ReLU())

                def forward(self, x):  # x: [1, 3, 224, 224] -> depth [1, 1, 224, 224]
                    feats = []
                    for m in self.enc:
                        x = m(x)
                        feats.append(x)
                    skips = {0: feats[11], 1: feats[5], 2: feats[3], 3: feats[1]}  # 512 @ 14, 256 @ 28, 128, 64
                    for n, m in enumerate(self.dec):
                        x = F.interpolate(m(x), scale_factor=2.0, mode="nearest")
                        if n in skips:
                            x = x + skips[n]
                    return self.out(x)

            return FastDepth().eval(), (torch.randn(1, 3, 224, 224),)
        raise ValueError(kind)

    return build


def specs() -> list[Spec]:
    return [
        # timm variants with sub-patterns no set used
        Spec("cls_timm_mobilenetv3_large_100_224_op11", "cls", "timm/mobilenetv3_large_100 (hard-swish, SE)",
             _timm("mobilenetv3_large_100", 224), opset=11),
        Spec("cls_timm_resnet50d_256_op12", "cls", "timm/resnet50d at 256 (average-pool shortcut)",
             _timm("resnet50d", 256), opset=12),
        Spec("cls_timm_regnety_008_224_dynamo_op18", "cls", "timm/regnety_008 (SE), dynamo", _timm("regnety_008", 224),
             opset=18, dynamo=True),
        Spec("cls_timm_resnetv2_50d_gn_224_op13", "cls", "timm/resnetv2_50d_gn (GroupNorm, weight-standardised "
             "convs)", _timm("resnetv2_50d_gn", 224)),
        Spec("cls_timm_cs3darknet_focus_s_256_op14", "cls", "timm/cs3darknet_focus_s (Focus stem) at 256",
             _timm("cs3darknet_focus_s", 256), opset=14),
        Spec("cls_timm_swinv2_tiny_w8_d1121_256_dynamo_op18", "cls", "timm/swinv2_tiny_window8_256, depths 1-1-2-1 "
             "(cosine attention, log-spaced CPB), dynamo", _timm("swinv2_tiny_window8_256", 256, depths=(1, 1, 2, 1)),
             opset=18, dynamo=True),
        Spec("cls_timm_vit_base_reg4_gap_d2_256_op17", "cls", "timm/vit_base_patch16_reg4_gap_256, depth 2 (4 "
             "registers, average pooling)", _timm("vit_base_patch16_reg4_gap_256", 256, depth=2), opset=17),
        Spec("cls_timm_efficientnet_b0_gn_224_dynamo_op19", "cls", "timm/efficientnet_b0_gn (GroupNorm), dynamo",
             _timm("efficientnet_b0_gn", 224), opset=19, dynamo=True),
        Spec("cls_timm_vit_srelpos_small_d3_224_op15", "cls", "timm/vit_srelpos_small_patch16_224, depth 3 (shared "
             "relative position bias)", _timm("vit_srelpos_small_patch16_224", 224, depth=3), opset=15),
        Spec("cls_timm_eca_botnext26ts_256_op16", "cls", "timm/eca_botnext26ts_256 (bottleneck self-attention, "
             "relative position logits)", _timm("eca_botnext26ts_256", 256), opset=16),
        Spec("cls_tv_efficientnet_b3_300_dynamo_op18", "cls", "torchvision efficientnet_b3 at 300, dynamo",
             _tv("efficientnet_b3", 300), opset=18, dynamo=True),
        # ultralytics sizes / heads not exported elsewhere
        Spec("det_yolov5m_640_op12", "det", "yolov5m (v5u head) at 640", None,
             ultralytics=_yolo("yolov5m.yaml", 640, opset=12)),
        Spec("det_yolov3u_416_op13", "det", "yolov3u at 416", None, ultralytics=_yolo("yolov3.yaml", 416, opset=13)),
        Spec("obb_yolo12s_obb_640_op17", "obb", "yolo12s-obb (area attention) at 640", None,
             ultralytics=_yolo("yolo12s-obb.yaml", 640, opset=17)),
        # hand-built: what users ship to these NPUs that no set hand-built
        Spec("trk_centertrack_lite_384x640_op13", "det", "CenterTrack-like (previous image / heatmap in, heat / "
             "size / offset / tracking heads, max-pool peaks)", _custom("centertrack"),
             input_names=("image", "pre_image", "pre_hm"), output_names=("heat", "wh", "reg", "tracking")),
        Spec("asr_zipformer_stream_chunk16_dynamo_op18", "seq", "Zipformer-like streaming chunk (k / v and causal "
             "conv caches in / out, BiasNorm), dynamo", _custom("zipformer_stream"), opset=18, dynamo=True,
             input_names=("x", "cached_key", "cached_val", "cached_conv"),
             output_names=("log_probs", "new_key", "new_val", "new_conv")),
        Spec("reid_gem_bnneck_256x128_op12", "misc", "person ReID (GeM pooling with a learned exponent, BNNeck, L2 "
             "norm)", _custom("reid_gem"), opset=12),
        Spec("tts_vocos_lite_mel100_dynamo_op19", "audio", "Vocos-like vocoder (ConvNeXt-1d, exp / cos / sin, "
             "inverse STFT by basis + ConvTranspose1d overlap-add), dynamo", _custom("vocos"), opset=19, dynamo=True,
             input_names=("mel",), output_names=("audio",)),
        Spec("edge_hed_320x480_op11", "misc", "HED edge detection (ConvTranspose2d side outputs, crops, fusion)",
             _custom("hed"), opset=11, output_names=("fused", "sides")),
        Spec("det_fastestdet_352_op11", "det", "FastestDet-like (ShuffleNetV2, depthwise SPP, one head)",
             _custom("fastestdet"), opset=11),
        Spec("seg_stdc_seg_384x768_dynamo_op18", "seg", "STDC-Seg (STDC modules, ARM, FFM), dynamo", _custom("stdc"),
             opset=18, dynamo=True),
        Spec("vfi_rife_lite_256x448_op16", "misc", "RIFE-like frame interpolation (IFBlocks, grid_sample warping)",
             _custom("rife"), opset=16, input_names=("img0", "img1")),
        Spec("depth_fastdepth_224_dynamo_op18", "misc", "FastDepth (MobileNet encoder, NNConv5 decoder), dynamo",
             _custom("fastdepth"), opset=18, dynamo=True),
    ]


if __name__ == "__main__":
    sys.exit(run(specs, "/work/calib/s22/unseen13/models", sys.argv[1:]))
