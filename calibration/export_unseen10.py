"""Export an eleventh set of models nobody calibrated on, to measure how the predictions carry over (toolkit 2.3.2).

Unseen sets 4 to 10 (export_unseen3.py ... export_unseen9.py) taught fixes and are no longer unseen. None of these
architectures (by model name) is in export_models.py, export_unseen.py ... export_unseen9.py, pretrained_set.py or
issue_repros.py. The brief's timm suggestions (MobileNetV4, EfficientViT, EfficientFormerV2, LeViT, EdgeNeXt, RepViT,
HGNetV2, InceptionNeXt, GCViT, GhostNetV2, MobileViTV2, PoolFormerV2, PVTv2, ReXNet, XCiT, TinyViT, ConvNeXtV2, PiT,
CoaT, MambaOut, StarNet, FasterNet, Hiera, ViTamin, FocalNet) and its hand-built ones (Conformer, wav2vec2, CRNN,
SuperPoint, CenterNet, RAFT, ESPCN, DBNet, MobileFaceNet, GRU keyword spotter) are all in earlier sets, so this set
takes timm variants with sub-patterns no set had: ResNetV2-50d with EvoNorm-S0, EfficientNet-X-B3 (TF 'same'
padding, EdgeResidual), NF-RegNet-B0 (in-graph weight standardisation on grouped convs), LambdaResNet-26-RPT
(lambda layers with relative positions), and ViTs cut to a few blocks: Perception Encoder core tiny (2-D RoPE,
latent attention pooling; dynamo), ViT-dpwee (differential attention, RMSNorm, parallel blocks; dynamo), ViT-B mci (MobileCLIP conv stem), ViT-B rpn (residual post-norm), Sapiens2 (RoPE, GLU MLP,
RMSNorm, GQA in the middle blocks; dynamo) at 256 x 192; ultralytics YOLO11s-seg at 512 and YOLOv9s at 480; torchvision Swin3D-T (video, 3-D shifted
windows) at 8 x 112; and small hand-built models for what users ship to these NPUs that the other sets lack: an LLM
decode step with a KV cache as graph inputs (GQA, RoPE at an input position, RMSNorm, SwiGLU), a Mamba2 block in its
chunked SSD form (cumsum, segment-sum mask, no loop; dynamo), LightGlue-lite (rotary keypoint encoding, self + cross
attention, dual-softmax assignment), an OSTrack-lite tracker (template + search tokens through one ViT, centre
head), EfficientDet-lite BiFPN (fast normalised fusion, separable convs, shared heads), an EAST text detector (RBOX
geometry), an Attention U-Net (attention gates) on a grey medical slice, DLRM-lite (26 embedding tables, pairwise
dot-product interaction by a lower-triangle Gather), PANNs CNN14-lite audio tagging (mel BatchNorm, freq mean, time
max + mean), a Kolmogorov-Arnold network (B-spline bases by comparisons), a 1-D ResNet on a 12-lead ECG, NAFNet-lite (SimpleGate, simplified channel attention; dynamo) and a
transformer with a top-2 mixture-of-experts FFN (TopK, ScatterElements gate). Exporters and opsets mixed
(TorchScript 11-17, dynamo 18-19), input sizes as users pick them. Random weights, nothing downloaded. Dropped:
timm vit_base_patch16_xp_224 (the same parallel-scaling block as ViT-dpwee; TorchScript cannot export its RMSNorm). Same
exporter, manifest and log lines as export_models.py:

    YOLO_OFFLINE=1 /work/calib/venv/bin/python calibration/export_unseen10.py --out /work/calib/s19/unseen10/models

Then the truths, one row at a time (2.3.2 through its venv; at most two builds at a time):

    nice -n 10 python calibration/run_toolkit.py --models /work/calib/s19/unseen10/models --target rk3588 \
        --dtype float16 --python /work/venvs/rknn-2.3.2/bin/python \
        --out /work/calib/s19/unseen10/rk3588-float16-2.3.2/truth.json --jobs 2
    python calibration/score.py --truth /work/calib/s19/unseen10/rk3588-float16-2.3.2/truth.json \
        --models /work/calib/s19/unseen10/models --results /tmp/before-rk3588-float16-2.3.2.json
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, Callable

sys.path.insert(0, str(Path(__file__).resolve().parent))
from export_common import cbr, run  # noqa: E402
from export_models import Spec, _timm, _yolo  # noqa: E402
from export_unseen5 import _tv_video  # noqa: E402


def _timm_hw(name: str, h: int, w: int, **kw) -> Callable[[], tuple[Any, tuple]]:
    """A timm model built for a non-square input (img_size passed to the constructor)."""
    def build():
        import timm
        import torch

        m = timm.create_model(name, pretrained=False, img_size=(h, w), **kw).eval()
        return m, (torch.randn(1, 3, h, w),)

    return build


def _custom(kind: str) -> Callable[[], tuple[Any, tuple]]:
    def build():  # noqa: C901 (one branch per model, as in the other sets)
        import math

        import torch
        import torch.nn.functional as F
        from torch import nn

        class Attn(nn.Module):  # fused qkv, heads split by reshape, optional rotary (cos, sin) on q / k
            def __init__(self, d, heads) -> None:
                super().__init__()
                self.qkv, self.o, self.h = nn.Linear(d, 3 * d), nn.Linear(d, d), heads

            def forward(self, x, kv=None, rot=None):
                B, N, C = x.shape
                q, k, v = self.qkv(x).chunk(3, -1)
                if kv is not None:  # cross attention: keys / values from the other sequence
                    _, k, v = self.qkv(kv).chunk(3, -1)
                q, k, v = (t.reshape(B, -1, self.h, C // self.h).transpose(1, 2) for t in (q, k, v))
                if rot is not None:
                    q, k = rope(q, *rot), rope(k, *rot)
                a = (q @ k.transpose(-1, -2) / math.sqrt(C // self.h)).softmax(-1)
                return self.o((a @ v).transpose(1, 2).reshape(B, N, C))

        def rope(x, cos, sin):  # rotate-half rotary embedding
            x1, x2 = x.chunk(2, -1)
            return x * cos + torch.cat([-x2, x1], -1) * sin

        class Block(nn.Module):  # pre-LN transformer block with a GELU MLP
            def __init__(self, d, heads, mlp=4) -> None:
                super().__init__()
                self.n1, self.n2, self.attn = nn.LayerNorm(d), nn.LayerNorm(d), Attn(d, heads)
                self.mlp = nn.Sequential(nn.Linear(d, mlp * d), nn.GELU(), nn.Linear(mlp * d, d))

            def forward(self, x, rot=None):
                x = x + self.attn(self.n1(x), rot=rot)
                return x + self.mlp(self.n2(x))

        class RMSNorm(nn.Module):
            def __init__(self, d, eps=1e-6) -> None:
                super().__init__()
                self.w, self.eps = nn.Parameter(torch.ones(d)), eps

            def forward(self, x):
                return self.w * x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + self.eps)

        if kind == "llm_kv_step":  # one decode step: KV cache in / out, GQA 8 q heads over 2 kv heads, RoPE, SwiGLU
            class Layer(nn.Module):
                def __init__(self, d, h, kvh) -> None:
                    super().__init__()
                    self.h, self.kvh, self.hd = h, kvh, d // h
                    self.n1, self.n2 = RMSNorm(d), RMSNorm(d)
                    self.q, self.k = nn.Linear(d, d, bias=False), nn.Linear(d, kvh * self.hd, bias=False)
                    self.v, self.o = nn.Linear(d, kvh * self.hd, bias=False), nn.Linear(d, d, bias=False)
                    self.gate, self.up = nn.Linear(d, 3 * d, bias=False), nn.Linear(d, 3 * d, bias=False)
                    self.down = nn.Linear(3 * d, d, bias=False)

                def forward(self, x, cos, sin, pk, pv, mask):  # x [1, 1, d], pk / pv [1, kvh, P, hd]
                    h = self.n1(x)
                    q = rope(self.q(h).reshape(1, 1, self.h, self.hd).transpose(1, 2), cos, sin)
                    k = rope(self.k(h).reshape(1, 1, self.kvh, self.hd).transpose(1, 2), cos, sin)
                    v = self.v(h).reshape(1, 1, self.kvh, self.hd).transpose(1, 2)
                    k, v = torch.cat([pk, k], 2), torch.cat([pv, v], 2)
                    rep = self.h // self.kvh
                    kk = k[:, :, None].expand(-1, -1, rep, -1, -1).reshape(1, self.h, -1, self.hd)
                    vv = v[:, :, None].expand(-1, -1, rep, -1, -1).reshape(1, self.h, -1, self.hd)
                    a = (q @ kk.transpose(-1, -2) / math.sqrt(self.hd) + mask).softmax(-1)
                    x = x + self.o((a @ vv).transpose(1, 2).reshape(1, 1, -1))
                    h = self.n2(x)
                    return x + self.down(F.silu(self.gate(h)) * self.up(h)), k, v

            class Step(nn.Module):
                def __init__(self, vocab=8192, d=256, h=8, kvh=2, layers=2, ctx=256) -> None:
                    super().__init__()
                    self.emb = nn.Embedding(vocab, d)
                    self.layers = nn.ModuleList([Layer(d, h, kvh) for _ in range(layers)])
                    self.norm, self.head = RMSNorm(d), nn.Linear(d, vocab, bias=False)
                    inv = 1.0 / (10000 ** (torch.arange(0, d // h, 2).float() / (d // h)))
                    ang = torch.arange(ctx).float()[:, None] * inv[None]
                    self.register_buffer("cos", torch.cat([ang.cos(), ang.cos()], -1))
                    self.register_buffer("sin", torch.cat([ang.sin(), ang.sin()], -1))

                def forward(self, ids, pos, mask, pk, pv):  # ids / pos [1, 1]; mask [1, 1, 1, P+1]; pk / pv [L, 1, 2, P, 32]
                    x = self.emb(ids)
                    cos, sin = self.cos[pos][:, None], self.sin[pos][:, None]
                    ks, vs = [], []
                    for i, layer in enumerate(self.layers):
                        x, k, v = layer(x, cos, sin, pk[i], pv[i], mask)
                        ks.append(k)
                        vs.append(v)
                    return self.head(self.norm(x)), torch.stack(ks), torch.stack(vs)

            P = 63
            mask = torch.zeros(1, 1, 1, P + 1)
            return Step().eval(), (torch.tensor([[17]]), torch.tensor([[P]]), mask, torch.randn(2, 1, 2, P, 32),
                                   torch.randn(2, 1, 2, P, 32))
        if kind == "mamba2_ssd":  # Mamba2 blocks in the chunked SSD form (one chunk): cumsum, segment-sum mask, no loop
            class Mamba2(nn.Module):
                def __init__(self, d=128, heads=4, n=16, conv=4) -> None:
                    super().__init__()
                    self.h, self.n, self.di = heads, n, 2 * d
                    self.inp = nn.Linear(d, 2 * self.di + 2 * n + heads, bias=False)
                    self.conv = nn.Conv1d(self.di + 2 * n, self.di + 2 * n, conv, groups=self.di + 2 * n,
                                          padding=conv - 1)
                    self.A_log = nn.Parameter(torch.log(torch.linspace(1, 16, heads)))
                    self.dt_bias, self.D = nn.Parameter(torch.zeros(heads)), nn.Parameter(torch.ones(heads))
                    self.norm, self.out = RMSNorm(self.di), nn.Linear(self.di, d, bias=False)

                def forward(self, u):  # u [1, L, d]
                    L = u.shape[1]
                    z, xbc, dt = self.inp(u).split([self.di, self.di + 2 * self.n, self.h], -1)
                    xbc = F.silu(self.conv(xbc.transpose(1, 2))[..., :L].transpose(1, 2))
                    x, Bm, Cm = xbc.split([self.di, self.n, self.n], -1)
                    x = x.reshape(1, L, self.h, -1)  # [1, L, H, P]
                    dt = F.softplus(dt + self.dt_bias)  # [1, L, H]
                    dA = (dt * -torch.exp(self.A_log)).transpose(1, 2)  # [1, H, L]
                    cs = torch.cumsum(dA, -1)
                    seg = cs[..., :, None] - cs[..., None, :]  # [1, H, L, L]
                    causal = torch.ones(L, L, dtype=torch.bool).tril()
                    decay = torch.exp(seg.masked_fill(~causal, float("-inf")))
                    cb = Cm @ Bm.transpose(1, 2)  # [1, L, L]
                    w = cb[:, None] * decay * dt.transpose(1, 2)[:, :, None, :]  # [1, H, L(t), L(s)]
                    y = (w @ x.transpose(1, 2)).transpose(1, 2) + x * self.D[:, None]  # [1, L, H, P]
                    y = self.norm(y.reshape(1, L, -1) * F.silu(z))
                    return self.out(y)

            class Net(nn.Module):
                def __init__(self, feat=40, d=128, classes=12) -> None:
                    super().__init__()
                    self.inp = nn.Linear(feat, d)
                    self.blocks = nn.ModuleList([Mamba2(d) for _ in range(2)])
                    self.norms = nn.ModuleList([RMSNorm(d) for _ in range(2)])
                    self.head = nn.Linear(d, classes)

                def forward(self, x):  # x: [1, 64, 40] features -> [1, 12]
                    h = self.inp(x)
                    for n, b in zip(self.norms, self.blocks):
                        h = h + b(n(h))
                    return self.head(h.mean(1))

            return Net().eval(), (torch.randn(1, 64, 40),)
        if kind == "lightglue":  # LightGlue-lite: rotary keypoint encoding, self + cross layers, dual-softmax scores
            class Cross(nn.Module):  # bidirectional cross attention: one similarity, softmax along both axes
                def __init__(self, d, heads) -> None:
                    super().__init__()
                    self.qk, self.v, self.o, self.h = nn.Linear(d, d), nn.Linear(d, d), nn.Linear(d, d), heads
                    self.ffn = nn.Sequential(nn.Linear(2 * d, 2 * d), nn.LayerNorm(2 * d), nn.GELU(),
                                             nn.Linear(2 * d, d))

                def forward(self, x0, x1):
                    def split(t):
                        return t.reshape(1, -1, self.h, t.shape[-1] // self.h).transpose(1, 2)

                    q0, q1, v0, v1 = split(self.qk(x0)), split(self.qk(x1)), split(self.v(x0)), split(self.v(x1))
                    sim = q0 @ q1.transpose(-1, -2) / math.sqrt(q0.shape[-1])
                    m0 = (sim.softmax(-1) @ v1).transpose(1, 2).flatten(2)
                    m1 = (sim.transpose(-1, -2).softmax(-1) @ v0).transpose(1, 2).flatten(2)
                    return (x0 + self.ffn(torch.cat([x0, self.o(m0)], -1)),
                            x1 + self.ffn(torch.cat([x1, self.o(m1)], -1)))

            class Glue(nn.Module):
                def __init__(self, d=128, heads=4, layers=3) -> None:
                    super().__init__()
                    self.posenc = nn.Linear(2, d // heads // 2, bias=False)
                    self.selfs = nn.ModuleList([Block(d, heads, 2) for _ in range(layers)])
                    self.cross = nn.ModuleList([Cross(d, heads) for _ in range(layers)])
                    self.proj, self.match = nn.Linear(d, d), nn.Linear(d, 1)

                def rot(self, k):
                    f = self.posenc(k)[:, None]  # [1, 1, N, hd/2]
                    f = torch.cat([f, f], -1)
                    return f.cos(), f.sin()

                def forward(self, kpts0, desc0, kpts1, desc1):  # kpts [1, N, 2] normalised, desc [1, N, 128]
                    r0, r1 = self.rot(kpts0), self.rot(kpts1)
                    for s, c in zip(self.selfs, self.cross):
                        desc0, desc1 = c(s(desc0, r0), s(desc1, r1))
                    m0, m1 = self.proj(desc0), self.proj(desc1)
                    sim = m0 @ m1.transpose(-1, -2) / desc0.shape[-1] ** 0.5
                    z0, z1 = F.logsigmoid(self.match(desc0)), F.logsigmoid(self.match(desc1))
                    return F.log_softmax(sim, 2) + F.log_softmax(sim, 1) + z0 + z1.transpose(1, 2)

            n = 256
            return Glue().eval(), (torch.rand(1, n, 2) * 2 - 1, torch.randn(1, n, 128), torch.rand(1, n, 2) * 2 - 1,
                                   torch.randn(1, n, 128))
        if kind == "ostrack":  # OSTrack-lite: template + search patches through one ViT, centre head on search tokens
            class Track(nn.Module):
                def __init__(self, d=192, heads=3, depth=4) -> None:
                    super().__init__()
                    self.patch = nn.Conv2d(3, d, 16, 16)
                    self.pos_z, self.pos_x = nn.Parameter(torch.randn(1, 64, d) * .02), \
                        nn.Parameter(torch.randn(1, 256, d) * .02)
                    self.blocks = nn.ModuleList([Block(d, heads) for _ in range(depth)])
                    self.norm = nn.LayerNorm(d)

                    def branch(o):
                        return nn.Sequential(cbr(d, 64), cbr(64, 32), nn.Conv2d(32, o, 1))
                    self.ctr, self.size, self.off = branch(1), branch(2), branch(2)

                def forward(self, z, x):  # template [1, 3, 128, 128], search [1, 3, 256, 256]
                    tz = self.patch(z).flatten(2).transpose(1, 2) + self.pos_z
                    tx = self.patch(x).flatten(2).transpose(1, 2) + self.pos_x
                    t = torch.cat([tz, tx], 1)
                    for b in self.blocks:
                        t = b(t)
                    s = self.norm(t)[:, 64:].transpose(1, 2).reshape(1, -1, 16, 16)
                    return torch.sigmoid(self.ctr(s)), torch.sigmoid(self.size(s)), self.off(s)

            return Track().eval(), (torch.randn(1, 3, 128, 128), torch.randn(1, 3, 256, 256))
        if kind == "bifpn":  # EfficientDet-lite: strided trunk, P3-P7, 2 BiFPN layers with fast normalised fusion
            def sep(c):  # depthwise-separable conv + BN (EfficientDet's SeparableConvBlock)
                return nn.Sequential(nn.Conv2d(c, c, 3, 1, 1, groups=c, bias=False), nn.Conv2d(c, c, 1),
                                     nn.BatchNorm2d(c))

            class Fuse(nn.Module):
                def __init__(self, n, c) -> None:
                    super().__init__()
                    self.w, self.conv = nn.Parameter(torch.ones(n)), sep(c)

                def forward(self, *xs):
                    w = F.relu(self.w)
                    w = w / (w.sum() + 1e-4)
                    return self.conv(F.silu(sum(w[i] * x for i, x in enumerate(xs))))

            class BiFPN(nn.Module):
                def __init__(self, c) -> None:
                    super().__init__()
                    self.td = nn.ModuleList([Fuse(2, c) for _ in range(4)])
                    self.bu = nn.ModuleList([Fuse(3, c) for _ in range(3)] + [Fuse(2, c)])

                def forward(self, p):  # p3 .. p7
                    td = [p[4]]
                    for i in range(3, -1, -1):
                        td.insert(0, self.td[i](p[i], F.interpolate(td[0], scale_factor=2.0, mode="nearest")))
                    out = [td[0]]
                    for i in range(1, 5):
                        down = F.max_pool2d(F.pad(out[-1], (0, 1, 0, 1)), 3, 2)
                        out.append(self.bu[i - 1](p[i], td[i], down) if i < 4 else self.bu[3](p[i], down))
                    return out

            class Det(nn.Module):
                def __init__(self, c=64, anchors=9, classes=20) -> None:
                    super().__init__()
                    self.trunk = nn.ModuleList([nn.Sequential(cbr(3, 32, 3, 2, act=nn.SiLU), cbr(32, 32, 3, 2,
                                                                                                 act=nn.SiLU),
                                                              cbr(32, 48, 3, 2, act=nn.SiLU)),
                                                cbr(48, 96, 3, 2, act=nn.SiLU), cbr(96, 160, 3, 2, act=nn.SiLU)])
                    self.lat = nn.ModuleList([nn.Conv2d(i, c, 1) for i in (48, 96, 160)])
                    self.p6 = nn.Sequential(nn.Conv2d(160, c, 1), nn.MaxPool2d(3, 2, 1))
                    self.fpn = nn.ModuleList([BiFPN(c) for _ in range(2)])
                    self.cls = nn.Sequential(sep(c), nn.SiLU(), sep(c), nn.SiLU(), nn.Conv2d(c, anchors * classes, 1))
                    self.box = nn.Sequential(sep(c), nn.SiLU(), sep(c), nn.SiLU(), nn.Conv2d(c, anchors * 4, 1))
                    self.k = classes

                def forward(self, x):  # x: [1, 3, 384, 384] -> class scores [1, A, 20], boxes [1, A, 4]
                    c3 = self.trunk[0](x)
                    c4 = self.trunk[1](c3)
                    c5 = self.trunk[2](c4)
                    p6 = self.p6(c5)
                    p = [lat(c) for lat, c in zip(self.lat, (c3, c4, c5))] + [p6, F.max_pool2d(p6, 3, 2, 1)]
                    for f in self.fpn:
                        p = f(p)
                    cls = torch.cat([self.cls(f).permute(0, 2, 3, 1).reshape(1, -1, self.k) for f in p], 1)
                    box = torch.cat([self.box(f).permute(0, 2, 3, 1).reshape(1, -1, 4) for f in p], 1)
                    return torch.sigmoid(cls), box

            return Det().eval(), (torch.randn(1, 3, 384, 384),)
        if kind == "east":  # EAST: VGG-ish trunk, U-shaped merging with bilinear upsampling, score + RBOX geometry
            class East(nn.Module):
                def __init__(self) -> None:
                    super().__init__()
                    ch = (32, 64, 128, 256)
                    self.stages = nn.ModuleList([nn.Sequential(cbr(3, 32, 3, 2), cbr(32, 32, 3, 2))] +
                                                [nn.Sequential(cbr(i, o, 3, 2), cbr(o, o)) for i, o in zip(ch, ch[1:])])
                    self.merge = nn.ModuleList([nn.Sequential(cbr(256 + 128, 128, 1), cbr(128, 128)),
                                                nn.Sequential(cbr(128 + 64, 64, 1), cbr(64, 64)),
                                                nn.Sequential(cbr(64 + 32, 32, 1), cbr(32, 32))])
                    self.last = cbr(32, 32)
                    self.score, self.geo, self.angle = nn.Conv2d(32, 1, 1), nn.Conv2d(32, 4, 1), nn.Conv2d(32, 1, 1)

                def forward(self, x):  # x: [1, 3, 512, 512] -> score [1, 1, 128, 128], geometry [1, 5, 128, 128]
                    feats = []
                    for s in self.stages:
                        x = s(x)
                        feats.append(x)
                    h = feats[-1]
                    for m, f in zip(self.merge, reversed(feats[:-1])):
                        h = m(torch.cat([F.interpolate(h, scale_factor=2.0, mode="bilinear", align_corners=True), f],
                                        1))
                    h = self.last(h)
                    geo = torch.sigmoid(self.geo(h)) * 512
                    ang = (torch.sigmoid(self.angle(h)) - 0.5) * math.pi / 2
                    return torch.sigmoid(self.score(h)), torch.cat([geo, ang], 1)

            return East().eval(), (torch.randn(1, 3, 512, 512),)
        if kind == "attention_unet":  # Attention U-Net: gates (g + x 1x1, ReLU, psi sigmoid) on each skip, ConvTranspose
            class Gate(nn.Module):
                def __init__(self, g, x, m) -> None:
                    super().__init__()
                    self.wg, self.wx = nn.Conv2d(g, m, 1), nn.Conv2d(x, m, 1)
                    self.psi = nn.Sequential(nn.Conv2d(m, 1, 1), nn.BatchNorm2d(1), nn.Sigmoid())

                def forward(self, g, x):
                    return x * self.psi(F.relu(self.wg(g) + self.wx(x)))

            class AttUNet(nn.Module):
                def __init__(self, ch=(16, 32, 64, 128, 256)) -> None:
                    super().__init__()
                    self.enc = nn.ModuleList([nn.Sequential(cbr(i, o), cbr(o, o)) for i, o in zip((1,) + ch, ch)])
                    self.up = nn.ModuleList([nn.ConvTranspose2d(ch[i + 1], ch[i], 2, 2) for i in range(4)])
                    self.gate = nn.ModuleList([Gate(ch[i], ch[i], ch[i] // 2) for i in range(4)])
                    self.dec = nn.ModuleList([nn.Sequential(cbr(2 * ch[i], ch[i]), cbr(ch[i], ch[i])) for i in range(4)])
                    self.out = nn.Conv2d(ch[0], 2, 1)

                def forward(self, x):  # x: [1, 1, 256, 256] grey slice -> 2-class logits
                    skips = []
                    for i, e in enumerate(self.enc):
                        x = e(F.max_pool2d(x, 2) if i else x)
                        skips.append(x)
                    for i in range(3, -1, -1):
                        g = self.up[i](x)
                        x = self.dec[i](torch.cat([self.gate[i](g, skips[i]), g], 1))
                    return self.out(x)

            return AttUNet().eval(), (torch.randn(1, 1, 256, 256),)
        if kind == "dlrm":  # DLRM-lite: 13 dense + 26 sparse ids, bottom MLP, dot interaction (lower triangle), top MLP
            class DLRM(nn.Module):
                def __init__(self, tables=26, rows=1000, d=16) -> None:
                    super().__init__()
                    self.emb = nn.ModuleList([nn.Embedding(rows, d) for _ in range(tables)])
                    self.bot = nn.Sequential(nn.Linear(13, 64), nn.ReLU(), nn.Linear(64, d), nn.ReLU())
                    n = tables + 1
                    li, lj = torch.tril_indices(n, n, -1)
                    self.register_buffer("tri", li * n + lj)
                    self.top = nn.Sequential(nn.Linear(d + len(li), 128), nn.ReLU(), nn.Linear(128, 64), nn.ReLU(),
                                             nn.Linear(64, 1))

                def forward(self, dense, sparse):  # dense [1, 13] float, sparse [1, 26] int64 -> click probability
                    x = self.bot(dense)
                    t = torch.stack([x] + [e(sparse[:, i]) for i, e in enumerate(self.emb)], 1)  # [1, 27, d]
                    z = (t @ t.transpose(1, 2)).flatten(1)[:, self.tri]
                    return torch.sigmoid(self.top(torch.cat([x, z], 1)))

            return DLRM().eval(), (torch.randn(1, 13), torch.randint(0, 1000, (1, 26)))
        if kind == "panns":  # PANNs CNN14-lite: BatchNorm over mel bins, conv blocks, freq mean, time max + mean
            class CNN14(nn.Module):
                def __init__(self, mel=64, classes=527) -> None:
                    super().__init__()
                    self.bn0 = nn.BatchNorm2d(mel)
                    ch = (1, 32, 64, 128, 256)
                    self.blocks = nn.ModuleList([nn.Sequential(cbr(i, o), cbr(o, o)) for i, o in zip(ch, ch[1:])])
                    self.fc1, self.fc = nn.Linear(256, 256), nn.Linear(256, classes)

                def forward(self, x):  # x: [1, 1, 500, 64] log-mel (time, mel) -> clip-wise probabilities [1, 527]
                    x = self.bn0(x.transpose(1, 3)).transpose(1, 3)
                    for b in self.blocks:
                        x = F.avg_pool2d(b(x), 2)
                    x = x.mean(3)
                    x = x.amax(2) + x.mean(2)
                    return torch.sigmoid(self.fc(F.relu(self.fc1(x))))

            return CNN14().eval(), (torch.randn(1, 1, 500, 64),)
        if kind == "ecg_resnet1d":  # 1-D ResNet on a 12-lead ECG: Conv1d k=15, max-pooled residual shortcuts
            class Res(nn.Module):
                def __init__(self, i, o, s) -> None:
                    super().__init__()
                    self.body = nn.Sequential(nn.Conv1d(i, o, 15, s, 7, bias=False), nn.BatchNorm1d(o), nn.ReLU(),
                                              nn.Dropout(0.2), nn.Conv1d(o, o, 15, 1, 7, bias=False))
                    self.skip = nn.Sequential(nn.MaxPool1d(s, s), nn.Conv1d(i, o, 1, bias=False)) if s > 1 else \
                        nn.Identity()
                    self.post = nn.Sequential(nn.BatchNorm1d(o), nn.ReLU())

                def forward(self, x):
                    return self.post(self.body(x) + self.skip(x))

            class ECG(nn.Module):
                def __init__(self, classes=5) -> None:
                    super().__init__()
                    self.stem = nn.Sequential(nn.Conv1d(12, 64, 15, 2, 7, bias=False), nn.BatchNorm1d(64), nn.ReLU())
                    ch = (64, 128, 196, 256, 320)
                    self.blocks = nn.Sequential(*[Res(i, o, 4) for i, o in zip(ch, ch[1:])])
                    self.fc = nn.Linear(320, classes)

                def forward(self, x):  # x: [1, 12, 4096] (8 s at 500 Hz, cut) -> multi-label probabilities
                    return torch.sigmoid(self.fc(self.blocks(self.stem(x)).mean(-1)))

            return ECG().eval(), (torch.randn(1, 12, 4096),)
        if kind == "nafnet":  # NAFNet-lite: LayerNorm2d, SimpleGate, simplified channel attention, 3 levels
            class LN2d(nn.Module):
                def __init__(self, c) -> None:
                    super().__init__()
                    self.w, self.b = nn.Parameter(torch.ones(1, c, 1, 1)), nn.Parameter(torch.zeros(1, c, 1, 1))

                def forward(self, x):
                    mu = x.mean(1, keepdim=True)
                    var = (x - mu).pow(2).mean(1, keepdim=True)
                    return self.w * (x - mu) / torch.sqrt(var + 1e-6) + self.b

            class NAF(nn.Module):
                def __init__(self, c) -> None:
                    super().__init__()
                    self.n1, self.n2 = LN2d(c), LN2d(c)
                    self.c1, self.dw = nn.Conv2d(c, 2 * c, 1), nn.Conv2d(2 * c, 2 * c, 3, 1, 1, groups=2 * c)
                    self.sca, self.c3 = nn.Conv2d(c, c, 1), nn.Conv2d(c, c, 1)
                    self.c4, self.c5 = nn.Conv2d(c, 2 * c, 1), nn.Conv2d(c, c, 1)
                    self.beta, self.gamma = nn.Parameter(torch.zeros(1, c, 1, 1)), nn.Parameter(torch.zeros(1, c, 1, 1))

                def forward(self, x):
                    a, b = self.dw(self.c1(self.n1(x))).chunk(2, 1)
                    h = a * b
                    h = self.c3(h * self.sca(F.adaptive_avg_pool2d(h, 1)))
                    y = x + h * self.beta
                    a, b = self.c4(self.n2(y)).chunk(2, 1)
                    return y + self.c5(a * b) * self.gamma

            class NAFNet(nn.Module):
                def __init__(self, c=16) -> None:
                    super().__init__()
                    self.intro, self.end = nn.Conv2d(3, c, 3, 1, 1), nn.Conv2d(c, 3, 3, 1, 1)
                    self.enc = nn.ModuleList([NAF(c), NAF(2 * c)])
                    self.down = nn.ModuleList([nn.Conv2d(c, 2 * c, 2, 2), nn.Conv2d(2 * c, 4 * c, 2, 2)])
                    self.mid = nn.Sequential(NAF(4 * c), NAF(4 * c))
                    self.up = nn.ModuleList([nn.Sequential(nn.Conv2d(4 * c, 8 * c, 1, bias=False), nn.PixelShuffle(2)),
                                             nn.Sequential(nn.Conv2d(2 * c, 4 * c, 1, bias=False), nn.PixelShuffle(2))])
                    self.dec = nn.ModuleList([NAF(2 * c), NAF(c)])

                def forward(self, inp):  # inp: [1, 3, 256, 256] blurred / noisy -> restored
                    x, skips = self.intro(inp), []
                    for e, d in zip(self.enc, self.down):
                        x = e(x)
                        skips.append(x)
                        x = d(x)
                    x = self.mid(x)
                    for u, d, s in zip(self.up, self.dec, reversed(skips)):
                        x = d(u(x) + s)
                    return self.end(x) + inp

            return NAFNet().eval(), (torch.randn(1, 3, 256, 256),)
        if kind == "moe":  # 2-layer transformer whose FFN is a top-2 mixture of 4 experts (dense compute, scattered gate)
            class MoE(nn.Module):
                def __init__(self, d, experts=4, k=2) -> None:
                    super().__init__()
                    self.router, self.k = nn.Linear(d, experts, bias=False), k
                    self.experts = nn.ModuleList([nn.Sequential(nn.Linear(d, 2 * d), nn.GELU(), nn.Linear(2 * d, d))
                                                  for _ in range(experts)])

                def forward(self, x):
                    p = self.router(x).softmax(-1)
                    val, idx = p.topk(self.k, -1)
                    gate = torch.zeros_like(p).scatter(-1, idx, val / val.sum(-1, keepdim=True))
                    return sum(gate[..., i:i + 1] * e(x) for i, e in enumerate(self.experts))

            class Net(nn.Module):
                def __init__(self, d=128, heads=4, tokens=64, classes=10) -> None:
                    super().__init__()
                    self.inp, self.pos = nn.Linear(32, d), nn.Parameter(torch.randn(1, tokens, d) * .02)
                    self.attn = nn.ModuleList([Attn(d, heads) for _ in range(2)])
                    self.moe = nn.ModuleList([MoE(d) for _ in range(2)])
                    self.norms = nn.ModuleList([nn.LayerNorm(d) for _ in range(4)])
                    self.head = nn.Linear(d, classes)

                def forward(self, x):  # x: [1, 64, 32] sensor / token features -> [1, 10]
                    h = self.inp(x) + self.pos
                    for i, (a, m) in enumerate(zip(self.attn, self.moe)):
                        h = h + a(self.norms[2 * i](h))
                        h = h + m(self.norms[2 * i + 1](h))
                    return self.head(h.mean(1))

            return Net().eval(), (torch.randn(1, 64, 32),)
        if kind == "kan":  # efficient-KAN: per-input cubic B-spline bases (Cox-de Boor, unrolled) + SiLU base branch
            class KANLinear(nn.Module):
                def __init__(self, i, o, grid=5, k=3) -> None:
                    super().__init__()
                    h = 2.0 / grid
                    g = torch.arange(-k, grid + k + 1).float() * h - 1.0
                    self.register_buffer("grid", g.expand(i, -1).contiguous())
                    self.k = k
                    self.base = nn.Linear(i, o, bias=False)
                    self.spline = nn.Parameter(torch.randn(o, i * (grid + k)) * 0.1)

                def forward(self, x):  # x [B, i]
                    g, xe = self.grid, x[..., None]
                    b = ((xe >= g[:, :-1]) & (xe < g[:, 1:])).to(x.dtype)
                    for j in range(1, self.k + 1):
                        b = (xe - g[:, :-(j + 1)]) / (g[:, j:-1] - g[:, :-(j + 1)]) * b[..., :-1] + \
                            (g[:, j + 1:] - xe) / (g[:, j + 1:] - g[:, 1:-j]) * b[..., 1:]
                    return self.base(F.silu(x)) + F.linear(b.flatten(1), self.spline)

            class KAN(nn.Module):
                def __init__(self) -> None:
                    super().__init__()
                    self.l1, self.l2 = KANLinear(784, 64), KANLinear(64, 10)

                def forward(self, x):  # x: [1, 1, 28, 28] in [-1, 1] -> logits [1, 10]
                    return self.l2(self.l1(x.flatten(1)))

            return KAN().eval(), (torch.rand(1, 1, 28, 28) * 2 - 1,)
        raise ValueError(kind)

    return build


def specs() -> list[Spec]:
    return [
        # timm variants with sub-patterns no set used
        Spec("cls_timm_resnetv2_50d_evos_224_op13", "cls", "timm/resnetv2_50d_evos (pre-activation, EvoNorm-S0)",
             _timm("resnetv2_50d_evos", 224)),
        Spec("cls_timm_efficientnet_x_b3_288_op12", "cls", "timm/efficientnet_x_b3 (TF 'same' padding, EdgeResidual)",
             _timm("efficientnet_x_b3", 288), opset=12),
        Spec("cls_timm_nf_regnet_b0_224_op14", "cls", "timm/nf_regnet_b0 (normaliser-free, in-graph weight "
             "standardisation, grouped convs, SE)", _timm("nf_regnet_b0", 224), opset=14),
        Spec("cls_timm_lambda_resnet26rpt_256_op15", "cls", "timm/lambda_resnet26rpt_256 (lambda layers, relative "
             "positions)", _timm("lambda_resnet26rpt_256", 256), opset=15),
        Spec("cls_timm_vit_pe_core_tiny_d4_384_dynamo_op18", "cls", "timm/vit_pe_core_tiny_patch16_384, depth 4 (2-D "
             "RoPE, latent attention pooling), dynamo", _timm("vit_pe_core_tiny_patch16_384", 384, depth=4), opset=18,
             dynamo=True),
        Spec("cls_timm_vit_dpwee_d4_256_dynamo_op18", "cls", "timm/vit_dpwee_patch16_reg1_gap_256, depth 4 "
             "(differential attention, RMSNorm, parallel blocks), dynamo: TorchScript has no rms_norm",
             _timm("vit_dpwee_patch16_reg1_gap_256", 256, depth=4), opset=18, dynamo=True),
        Spec("cls_timm_vit_base_mci_d4_224_op14", "cls", "timm/vit_base_mci_224, depth 4 (MobileCLIP conv stem ViT)",
             _timm("vit_base_mci_224", 224, depth=4), opset=14),
        Spec("cls_timm_vit_base_rpn_d4_224_op14", "cls", "timm/vit_base_patch16_rpn_224, depth 4 (residual post-norm "
             "blocks)", _timm("vit_base_patch16_rpn_224", 224, depth=4), opset=14),
        Spec("pose_timm_sapiens2_d4_256x192_dynamo_op19", "pose", "timm/vit_base_patch16_sapiens2, depth 4 at 256 x "
             "192 (RoPE, GLU MLP, RMSNorm, GQA in the middle blocks), dynamo: TorchScript has no rms_norm",
             _timm_hw("vit_base_patch16_sapiens2", 256, 192, depth=4, num_kv_heads=(12, 6, 6, 12)), opset=19,
             dynamo=True),
        # ultralytics sizes / heads not exported elsewhere
        Spec("seg_yolo11s_seg_512_op12", "seg", "yolo11s-seg at 512", None,
             ultralytics=_yolo("yolo11s-seg.yaml", 512, opset=12)),
        Spec("det_yolov9s_480_op14", "det", "yolov9s at 480", None, ultralytics=_yolo("yolov9s.yaml", 480, opset=14)),
        # torchvision
        Spec("video_tv_swin3d_t_8x112_op17", "video", "torchvision swin3d_t (3-D shifted windows), 8 frames of 112",
             _tv_video("swin3d_t", 8, 112), opset=17),
        # hand-built: patterns the other sets lack
        Spec("llm_kv_cache_step_op17", "llm", "LLM decode step with KV cache inputs (GQA, RoPE, RMSNorm, SwiGLU)",
             _custom("llm_kv_step"), opset=17, input_names=("input_ids", "position_ids", "attention_mask",
                                                             "past_keys", "past_values"),
             output_names=("logits", "present_keys", "present_values")),
        Spec("seq_mamba2_ssd_dynamo_op18", "seq", "Mamba2 blocks, chunked SSD form (cumsum, segment-sum mask), dynamo",
             _custom("mamba2_ssd"), opset=18, dynamo=True),
        Spec("match_lightglue_lite_op17", "match", "LightGlue-lite (rotary keypoints, self / cross, dual softmax)",
             _custom("lightglue"), opset=17, input_names=("kpts0", "desc0", "kpts1", "desc1")),
        Spec("track_ostrack_lite_op13", "track", "OSTrack-lite (template + search one-stream ViT, centre head)",
             _custom("ostrack"), input_names=("template", "search"), output_names=("score", "size", "offset")),
        Spec("det_efficientdet_bifpn_384_op12", "det", "EfficientDet-lite BiFPN (fast normalised fusion)",
             _custom("bifpn"), opset=12),
        Spec("ocr_east_512_op11", "ocr", "EAST text detector (U merge, bilinear, score + RBOX geometry)",
             _custom("east"), opset=11),
        Spec("med_attention_unet_256_op13", "seg", "Attention U-Net (attention gates, ConvTranspose), 1 channel",
             _custom("attention_unet")),
        Spec("rec_dlrm_lite_op14", "rec", "DLRM-lite (26 embedding tables, dot interaction by a lower-triangle "
             "Gather)", _custom("dlrm"), opset=14, input_names=("dense", "sparse")),
        Spec("audio_panns_cnn14_lite_op11", "audio", "PANNs CNN14-lite (mel BatchNorm, freq mean, time max + mean)",
             _custom("panns"), opset=11),
        Spec("ecg_resnet1d_12lead_op15", "ts", "1-D ResNet on a 12-lead ECG (Conv1d k=15, max-pooled shortcuts)",
             _custom("ecg_resnet1d"), opset=15),
        Spec("restore_nafnet_lite_dynamo_op19", "restore", "NAFNet-lite (SimpleGate, simplified channel attention), "
             "dynamo", _custom("nafnet"), opset=19, dynamo=True),
        Spec("cls_kan_mnist_op13", "cls", "Kolmogorov-Arnold network on 28 x 28 digits (cubic B-spline bases by "
             "comparisons, SiLU base branch)", _custom("kan")),
        Spec("seq_moe_top2_transformer_op16", "seq", "transformer with a top-2 mixture-of-experts FFN (TopK, "
             "ScatterElements)", _custom("moe"), opset=16),
    ]


if __name__ == "__main__":
    sys.exit(run(specs, "/work/calib/s19/unseen10/models", sys.argv[1:]))
