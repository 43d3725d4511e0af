"""Export a tenth set of models nobody calibrated on, to measure how the predictions carry over (toolkit 2.3.2).

Unseen sets 4 to 9 (export_unseen3.py ... export_unseen8.py) taught fixes and are no longer unseen. None of these
architectures (by model name) is in export_models.py, export_unseen.py ... export_unseen8.py, pretrained_set.py or
issue_repros.py: timm variants no set used (Twins-SVT's locally-grouped / global sub-sampled attention, a ViT-M with
mixed rotary embeddings cut to 4 blocks, FastViT-SA12 with its attention stage, ECA-HaloNeXt-26, SE-BoTNet-33,
Swin-S3 (AutoFormerV2), MaxViT-RMLP-pico (relative-MLP position bias), ResNet-51-Q, DINOv3 ViT-S cut
to 4 blocks (dynamo), ViT-S 18x2 with parallel blocks cut to 4), ultralytics YOLO11s at 640, YOLO12s-pose at 480 and
YOLOv10s at 416, torchvision's R(2+1)D-18 video net, and small hand-built models for patterns users ship to these
NPUs that the other sets lack (a CLIP text encoder with token Gather, causal mask and argmax-EOT Gather, a BERT-tiny
with an attention-mask input and pooler, a U2-Net-lite (RSU blocks, dilations, bilinear upsampling, side outputs),
a MobileSAM-style two-way mask decoder with point inputs, a Restormer-lite (MDTA transposed attention with
L2-normalised q / k, gated-dconv FFN), a DTLN-like two-stage denoiser (four LSTMs, sigmoid masks, states as inputs),
a YuNet-like face detector (depthwise, three heads per scale, no decode), a Monodepth2-like depth decoder (ELU,
reflection Pad, nearest upsampling, disparity sigmoids), a PointNet++-like set abstraction (kNN by TopK + Gather),
an LSTM autoencoder for time series (repeat of the last state), a StyleGAN2-like synthesis net with modulated convs
(per-sample weights computed in the graph), DnCNN, ST-GCN skeleton action recognition (graph conv by einsum)).
27 exports; exporters and opsets mixed (TorchScript 11-17, dynamo 18 where TorchScript cannot: the RoPE ViT's
is_causal, halo attention), input sizes as users pick them. Dropped: timm haloregnetz_b (TorchScript cannot export
halo attention; ECA-HaloNeXt already covers it through dynamo). Random weights, nothing downloaded. The brief's other timm / torchvision suggestions
(mobilevitv2_050, efficientvit_m0, poolformerv2_s12, pvt_v2_b0, rexnet_100, mixnet_s, xcit_nano, tiny_vit_5m,
convnextv2_atto, pit_ti, coat_lite_tiny, mambaout_femto, starnet_s1, fasternet_t0, swin_v2_t, shufflenet_v2_x1_0)
are all in export_unseen.py already, so they are not here. Same exporter, manifest and log lines as
export_models.py:

    YOLO_OFFLINE=1 /work/calib/venv/bin/python calibration/export_unseen9.py --out /work/calib/s18/unseen9/models

Then the truths, one row at a time (2.3.2 through its venv; at most two builds at a time):

    nice -n 10 python calibration/run_toolkit.py --models /work/calib/s18/unseen9/models --target rk3588 \
        --dtype float16 --python /work/venvs/rknn-2.3.2/bin/python \
        --out /work/calib/s18/unseen9/rk3588-float16-2.3.2/truth.json --jobs 2
    python calibration/score.py --truth /work/calib/s18/unseen9/rk3588-float16-2.3.2/truth.json \
        --models /work/calib/s18/unseen9/models --results /tmp/before-rk3588-float16-2.3.2.json
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, Callable

sys.path.insert(0, str(Path(__file__).resolve().parent))
from export_common import cbr, run  # noqa: E402
from export_models import Spec, _timm, _yolo  # noqa: E402
from export_unseen5 import _tv_video  # noqa: E402


def _custom(kind: str) -> Callable[[], tuple[Any, tuple]]:
    def build():  # noqa: C901 (one branch per model, as in the other sets)
        import math

        import torch
        import torch.nn.functional as F
        from torch import nn

        class MHA(nn.Module):  # q / k / v / out projections, heads split by reshape, optional additive mask
            def __init__(self, d, heads, inner=None) -> None:
                super().__init__()
                inner = inner or d
                self.q, self.k, self.v, self.o = nn.Linear(d, inner), nn.Linear(d, inner), nn.Linear(d, inner), \
                    nn.Linear(inner, d)
                self.h = heads

            def forward(self, q, k, v, mask=None):
                B, Nq, _ = q.shape
                Nk = k.shape[1]
                q = self.q(q).reshape(B, Nq, self.h, -1).transpose(1, 2)
                k = self.k(k).reshape(B, Nk, self.h, -1).transpose(1, 2)
                v = self.v(v).reshape(B, Nk, self.h, -1).transpose(1, 2)
                a = q @ k.transpose(-1, -2) / math.sqrt(q.shape[-1])
                if mask is not None:
                    a = a + mask
                return self.o((a.softmax(-1) @ v).transpose(1, 2).reshape(B, Nq, -1))

        if kind == "clip_text":  # CLIP text tower: token Gather, causal mask, pre-LN blocks, argmax-EOT Gather, proj
            class Block(nn.Module):
                def __init__(self, d, heads) -> None:
                    super().__init__()
                    self.ln1, self.ln2 = nn.LayerNorm(d), nn.LayerNorm(d)
                    self.attn = MHA(d, heads)
                    self.fc1, self.fc2 = nn.Linear(d, 4 * d), nn.Linear(4 * d, d)

                def forward(self, x, mask):
                    h = self.ln1(x)
                    x = x + self.attn(h, h, h, mask)
                    h = self.fc1(self.ln2(x))
                    return x + self.fc2(h * torch.sigmoid(1.702 * h))  # QuickGELU

            class CLIPText(nn.Module):
                def __init__(self, vocab=49408, ctx=77, d=256, heads=4, layers=4, proj=256) -> None:
                    super().__init__()
                    self.tok = nn.Embedding(vocab, d)
                    self.pos = nn.Parameter(torch.randn(ctx, d) * 0.01)
                    self.blocks = nn.ModuleList([Block(d, heads) for _ in range(layers)])
                    self.ln = nn.LayerNorm(d)
                    self.proj = nn.Parameter(torch.randn(d, proj) * d ** -0.5)
                    self.register_buffer("mask", torch.full((ctx, ctx), float("-inf")).triu(1))

                def forward(self, text):  # text: [1, 77] int64 token ids -> [1, 256] L2-normalised embedding
                    x = self.tok(text) + self.pos
                    for b in self.blocks:
                        x = b(x, self.mask)
                    x = self.ln(x)
                    x = x[torch.arange(x.shape[0]), text.argmax(-1)] @ self.proj
                    return x / x.norm(dim=-1, keepdim=True)

            text = torch.randint(1, 49406, (1, 77))
            text[0, 12] = 49407
            text[0, 13:] = 0
            return CLIPText().eval(), (text,)
        if kind == "bert_tiny":  # BERT-tiny (2 x 128): input ids + attention mask, extended additive mask, pooler
            class Layer(nn.Module):
                def __init__(self, d, heads) -> None:
                    super().__init__()
                    self.attn = MHA(d, heads)
                    self.ln1, self.ln2 = nn.LayerNorm(d, eps=1e-12), nn.LayerNorm(d, eps=1e-12)
                    self.ff = nn.Sequential(nn.Linear(d, 4 * d), nn.GELU(), nn.Linear(4 * d, d))

                def forward(self, x, mask):
                    x = self.ln1(x + self.attn(x, x, x, mask))
                    return self.ln2(x + self.ff(x))

            class Bert(nn.Module):
                def __init__(self, vocab=30522, L=512, d=128, heads=2, layers=2) -> None:
                    super().__init__()
                    self.word, self.pos, self.ttype = nn.Embedding(vocab, d), nn.Embedding(L, d), nn.Embedding(2, d)
                    self.ln = nn.LayerNorm(d, eps=1e-12)
                    self.layers = nn.ModuleList([Layer(d, heads) for _ in range(layers)])
                    self.pool = nn.Linear(d, d)

                def forward(self, ids, mask):  # ids, mask: [1, 128] int64 -> hidden [1, 128, 128], pooled [1, 128]
                    pos = torch.arange(ids.shape[1])[None]
                    x = self.ln(self.word(ids) + self.pos(pos) + self.ttype(torch.zeros_like(ids)))
                    ext = (1.0 - mask[:, None, None, :].to(torch.float32)) * -10000.0
                    for layer in self.layers:
                        x = layer(x, ext)
                    return x, torch.tanh(self.pool(x[:, 0]))

            mask = torch.ones(1, 128, dtype=torch.long)
            mask[0, 40:] = 0
            return Bert().eval(), (torch.randint(0, 30522, (1, 128)), mask)
        if kind == "u2net_lite":  # U2-Net-lite: RSU blocks (nested U, dilated bottom), bilinear upsampling, side outputs
            def up(x, ref):
                return F.interpolate(x, size=ref.shape[-2:], mode="bilinear", align_corners=False)

            class RSU(nn.Module):
                def __init__(self, depth, i, m, o) -> None:
                    super().__init__()
                    self.inp = cbr(i, o)
                    self.enc = nn.ModuleList([cbr(o, m)] + [cbr(m, m) for _ in range(depth - 2)])
                    self.bottom = cbr(m, m, d=2)
                    self.dec = nn.ModuleList([cbr(2 * m, m) for _ in range(depth - 2)] + [cbr(2 * m, o)])

                def forward(self, x):
                    hx = self.inp(x)
                    feats, h = [], hx
                    for i, e in enumerate(self.enc):
                        h = e(F.max_pool2d(h, 2, 2, ceil_mode=True) if i else h)
                        feats.append(h)
                    h = self.bottom(h)
                    for d, f in zip(self.dec, reversed(feats)):
                        h = d(torch.cat([up(h, f), f], 1))
                    return h + hx

            class RSU4F(nn.Module):  # the dilated, un-pooled bottom block
                def __init__(self, i, m, o) -> None:
                    super().__init__()
                    self.inp = cbr(i, o)
                    self.e = nn.ModuleList([cbr(o, m, d=1), cbr(m, m, d=2), cbr(m, m, d=4)])
                    self.b = cbr(m, m, d=8)
                    self.d = nn.ModuleList([cbr(2 * m, m, d=4), cbr(2 * m, m, d=2), cbr(2 * m, o, d=1)])

                def forward(self, x):
                    hx = self.inp(x)
                    e1 = self.e[0](hx)
                    e2 = self.e[1](e1)
                    e3 = self.e[2](e2)
                    h = self.b(e3)
                    for d, f in zip(self.d, (e3, e2, e1)):
                        h = d(torch.cat([h, f], 1))
                    return h + hx

            class U2NetLite(nn.Module):
                def __init__(self) -> None:
                    super().__init__()
                    self.s1, self.s2, self.s3 = RSU(7, 3, 16, 64), RSU(6, 64, 16, 64), RSU(5, 64, 16, 64)
                    self.s4, self.s5 = RSU(4, 64, 16, 64), RSU4F(64, 16, 64)
                    self.d4, self.d3 = RSU(4, 128, 16, 64), RSU(5, 128, 16, 64)
                    self.d2, self.d1 = RSU(6, 128, 16, 64), RSU(7, 128, 16, 64)
                    self.side = nn.ModuleList([nn.Conv2d(64, 1, 3, padding=1) for _ in range(5)])
                    self.fuse = nn.Conv2d(5, 1, 1)

                def forward(self, x):  # x: [1, 3, 320, 320] -> fused saliency + 5 side maps, all sigmoids
                    h1 = self.s1(x)
                    h2 = self.s2(F.max_pool2d(h1, 2, 2, ceil_mode=True))
                    h3 = self.s3(F.max_pool2d(h2, 2, 2, ceil_mode=True))
                    h4 = self.s4(F.max_pool2d(h3, 2, 2, ceil_mode=True))
                    h5 = self.s5(F.max_pool2d(h4, 2, 2, ceil_mode=True))
                    d4 = self.d4(torch.cat([up(h5, h4), h4], 1))
                    d3 = self.d3(torch.cat([up(d4, h3), h3], 1))
                    d2 = self.d2(torch.cat([up(d3, h2), h2], 1))
                    d1 = self.d1(torch.cat([up(d2, h1), h1], 1))
                    sides = [self.side[0](d1)] + [up(s(f), d1) for s, f in zip(self.side[1:], (d2, d3, d4, h5))]
                    fused = self.fuse(torch.cat(sides, 1))
                    return tuple(torch.sigmoid(s) for s in [fused] + sides)

            return U2NetLite().eval(), (torch.randn(1, 3, 320, 320),)
        if kind == "sam_decoder":  # MobileSAM / SAM prompt decoder: point embedding, two-way transformer, hypernet masks
            class Ln2d(nn.Module):
                def __init__(self, c) -> None:
                    super().__init__()
                    self.w, self.b = nn.Parameter(torch.ones(c)), nn.Parameter(torch.zeros(c))

                def forward(self, x):
                    u = x.mean(1, keepdim=True)
                    s = (x - u).pow(2).mean(1, keepdim=True)
                    return self.w[:, None, None] * (x - u) / torch.sqrt(s + 1e-6) + self.b[:, None, None]

            class TwoWay(nn.Module):
                def __init__(self, d, heads, mlp) -> None:
                    super().__init__()
                    self.self_attn, self.t2i, self.i2t = MHA(d, heads), MHA(d, heads, d // 2), MHA(d, heads, d // 2)
                    self.n1, self.n2, self.n3, self.n4 = (nn.LayerNorm(d) for _ in range(4))
                    self.mlp = nn.Sequential(nn.Linear(d, mlp), nn.ReLU(), nn.Linear(mlp, d))

                def forward(self, q, k, qpe, kpe):
                    h = q + qpe
                    q = self.n1(q + self.self_attn(h, h, q))
                    q = self.n2(q + self.t2i(q + qpe, k + kpe, k))
                    q = self.n3(q + self.mlp(q))
                    k = self.n4(k + self.i2t(k + kpe, q + qpe, q))
                    return q, k

            class Decoder(nn.Module):
                def __init__(self, d=256, heads=8, masks=4) -> None:
                    super().__init__()
                    self.register_buffer("gauss", torch.randn(2, d // 2))
                    self.point_emb = nn.Parameter(torch.randn(4, d))  # neg, pos, box corners
                    self.not_a_point = nn.Parameter(torch.randn(1, d))
                    self.no_mask = nn.Parameter(torch.randn(1, d, 1, 1))
                    self.tokens = nn.Parameter(torch.randn(1 + masks, d))  # iou token + mask tokens
                    self.layers = nn.ModuleList([TwoWay(d, heads, 1024) for _ in range(2)])
                    self.final, self.nf = MHA(d, heads, d // 2), nn.LayerNorm(d)
                    self.up1, self.ln = nn.ConvTranspose2d(d, d // 4, 2, 2), Ln2d(d // 4)
                    self.up2 = nn.ConvTranspose2d(d // 4, d // 8, 2, 2)
                    self.hyper = nn.ModuleList([nn.Sequential(nn.Linear(d, d), nn.ReLU(), nn.Linear(d, d), nn.ReLU(),
                                                              nn.Linear(d, d // 8)) for _ in range(masks)])
                    self.iou = nn.Sequential(nn.Linear(d, 256), nn.ReLU(), nn.Linear(256, masks))
                    self.masks = masks

                def pe(self, xy):  # xy in [0, 1]: random Fourier features
                    p = 2 * math.pi * ((2 * xy - 1) @ self.gauss)
                    return torch.cat([torch.sin(p), torch.cos(p)], -1)

                def forward(self, emb, coords, labels):  # emb [1, 256, 64, 64], coords [1, N, 2] px, labels [1, N]
                    B, C, H, W = emb.shape
                    pts = self.pe((coords + 0.5) / 1024.0)
                    lab = labels[..., None]
                    pts = pts * (lab != -1) + self.not_a_point * (lab == -1)
                    for i in range(4):
                        pts = pts + self.point_emb[i] * (lab == i)
                    q = torch.cat([self.tokens[None].expand(B, -1, -1), pts], 1)
                    ys = (torch.arange(H, dtype=torch.float32) + 0.5) / H
                    xs = (torch.arange(W, dtype=torch.float32) + 0.5) / W
                    grid = torch.stack([xs[None].expand(H, W), ys[:, None].expand(H, W)], -1)
                    kpe = self.pe(grid).reshape(1, H * W, C)
                    k = (emb + self.no_mask).flatten(2).transpose(1, 2)
                    qpe = q
                    for layer in self.layers:
                        q, k = layer(q, k, qpe, kpe)
                    q = self.nf(q + self.final(q + qpe, k + kpe, k))
                    img = k.transpose(1, 2).reshape(B, C, H, W)
                    img = F.gelu(self.up2(F.gelu(self.ln(self.up1(img)))))
                    hyper = torch.stack([h(q[:, 1 + i]) for i, h in enumerate(self.hyper)], 1)  # [B, masks, C/8]
                    m = (hyper @ img.flatten(2)).reshape(B, self.masks, 4 * H, 4 * W)
                    return m, self.iou(q[:, 0])

            return Decoder().eval(), (torch.randn(1, 256, 64, 64), torch.tensor([[[500.0, 375.0], [0.0, 0.0]]]),
                                      torch.tensor([[1.0, -1.0]]))
        if kind == "restormer_lite":  # Restormer-lite: MDTA (channel attention, L2-normalised q / k), GDFN, 2 levels
            class LN(nn.Module):  # LayerNorm over channels through [B, HW, C], as Restormer's to_3d / to_4d
                def __init__(self, c) -> None:
                    super().__init__()
                    self.n = nn.LayerNorm(c)

                def forward(self, x):
                    b, c, h, w = x.shape
                    return self.n(x.flatten(2).transpose(1, 2)).transpose(1, 2).reshape(b, c, h, w)

            class MDTA(nn.Module):
                def __init__(self, c, heads) -> None:
                    super().__init__()
                    self.h = heads
                    self.temp = nn.Parameter(torch.ones(heads, 1, 1))
                    self.qkv = nn.Conv2d(c, 3 * c, 1, bias=False)
                    self.dw = nn.Conv2d(3 * c, 3 * c, 3, 1, 1, groups=3 * c, bias=False)
                    self.proj = nn.Conv2d(c, c, 1, bias=False)

                def forward(self, x):
                    b, c, h, w = x.shape
                    q, k, v = self.dw(self.qkv(x)).chunk(3, 1)
                    q, k, v = (t.reshape(b, self.h, c // self.h, h * w) for t in (q, k, v))
                    q, k = F.normalize(q, dim=-1), F.normalize(k, dim=-1)
                    a = (q @ k.transpose(-2, -1) * self.temp).softmax(-1)
                    return self.proj((a @ v).reshape(b, c, h, w))

            class GDFN(nn.Module):
                def __init__(self, c, r=2.66) -> None:
                    super().__init__()
                    hid = int(c * r)
                    self.pin = nn.Conv2d(c, 2 * hid, 1, bias=False)
                    self.dw = nn.Conv2d(2 * hid, 2 * hid, 3, 1, 1, groups=2 * hid, bias=False)
                    self.pout = nn.Conv2d(hid, c, 1, bias=False)

                def forward(self, x):
                    a, b = self.dw(self.pin(x)).chunk(2, 1)
                    return self.pout(F.gelu(a) * b)

            class Block(nn.Module):
                def __init__(self, c, heads) -> None:
                    super().__init__()
                    self.n1, self.att, self.n2, self.ffn = LN(c), MDTA(c, heads), LN(c), GDFN(c)

                def forward(self, x):
                    x = x + self.att(self.n1(x))
                    return x + self.ffn(self.n2(x))

            class Restormer(nn.Module):
                def __init__(self, c=32) -> None:
                    super().__init__()
                    self.embed = nn.Conv2d(3, c, 3, 1, 1, bias=False)
                    self.e1 = nn.Sequential(Block(c, 1), Block(c, 1))
                    self.down = nn.Sequential(nn.Conv2d(c, c // 2, 3, 1, 1, bias=False), nn.PixelUnshuffle(2))
                    self.e2 = nn.Sequential(Block(2 * c, 2), Block(2 * c, 2))
                    self.up = nn.Sequential(nn.Conv2d(2 * c, 4 * c, 3, 1, 1, bias=False), nn.PixelShuffle(2))
                    self.d1 = nn.Sequential(Block(2 * c, 1), Block(2 * c, 1))
                    self.out = nn.Conv2d(2 * c, 3, 3, 1, 1, bias=False)

                def forward(self, x):  # x: [1, 3, 128, 128] degraded -> restored (residual)
                    e1 = self.e1(self.embed(x))
                    e2 = self.e2(self.down(e1))
                    d1 = self.d1(torch.cat([self.up(e2), e1], 1))
                    return self.out(d1) + x

            return Restormer().eval(), (torch.randn(1, 3, 128, 128),)
        if kind == "dtln":  # DTLN: magnitude mask (2 LSTMs) then a learned-basis mask (2 LSTMs), states in and out
            class DTLN(nn.Module):
                def __init__(self, bins=257, frame=512, hid=128, enc=256) -> None:
                    super().__init__()
                    self.l1 = nn.ModuleList([nn.LSTM(bins, hid, batch_first=True), nn.LSTM(hid, hid, batch_first=True)])
                    self.m1 = nn.Linear(hid, bins)
                    self.enc = nn.Conv1d(frame, enc, 1, bias=False)
                    self.ln = nn.LayerNorm(enc)  # instant layer norm over the encoded frame
                    self.l2 = nn.ModuleList([nn.LSTM(enc, hid, batch_first=True), nn.LSTM(hid, hid, batch_first=True)])
                    self.m2 = nn.Linear(hid, enc)
                    self.dec = nn.Conv1d(enc, frame, 1, bias=False)

                def forward(self, mag, frame, states):  # mag [1,1,257], frame [1,1,512], states [4,2,1,128]
                    outs = []
                    h = mag
                    for i, lstm in enumerate(self.l1):
                        h, (hn, cn) = lstm(h, (states[i, 0:1], states[i, 1:2]))
                        outs.append(torch.stack([hn[0], cn[0]], 0))
                    est_mag = mag * torch.sigmoid(self.m1(h))
                    f = self.enc(frame.transpose(1, 2)).transpose(1, 2)  # [1, 1, 256]
                    h = self.ln(f)
                    for i, lstm in enumerate(self.l2):
                        h, (hn, cn) = lstm(h, (states[2 + i, 0:1], states[2 + i, 1:2]))
                        outs.append(torch.stack([hn[0], cn[0]], 0))
                    est = self.dec((f * torch.sigmoid(self.m2(h))).transpose(1, 2)).transpose(1, 2)
                    return est_mag, est, torch.stack(outs, 0)

            return DTLN().eval(), (torch.rand(1, 1, 257), torch.randn(1, 1, 512) * 0.1, torch.zeros(4, 2, 1, 128))
        if kind == "yunet":  # YuNet-like: depthwise-separable trunk, tiny top-down neck, cls / obj / box / kps heads
            def dw(i, o):  # 1x1 then depthwise 3x3 (YuNet's ConvDPUnit)
                return nn.Sequential(nn.Conv2d(i, o, 1), nn.Conv2d(o, o, 3, 1, 1, groups=o), nn.BatchNorm2d(o),
                                     nn.ReLU())

            class YuNet(nn.Module):
                def __init__(self) -> None:
                    super().__init__()
                    self.stem = nn.Sequential(cbr(3, 16, 3, 2), dw(16, 16))
                    self.s1 = nn.Sequential(nn.MaxPool2d(2), dw(16, 32), dw(32, 64))  # 1/4
                    self.s2 = nn.Sequential(nn.MaxPool2d(2), dw(64, 64), dw(64, 64))  # 1/8
                    self.s3 = nn.Sequential(nn.MaxPool2d(2), dw(64, 64), dw(64, 64))  # 1/16
                    self.s4 = nn.Sequential(nn.MaxPool2d(2), dw(64, 64), dw(64, 64))  # 1/32
                    self.lat = nn.ModuleList([dw(64, 64) for _ in range(3)])
                    self.heads = nn.ModuleList([nn.ModuleList([nn.Sequential(dw(64, 64), nn.Conv2d(64, n, 1))
                                                               for n in (1, 1, 4, 10)]) for _ in range(3)])

                def forward(self, x):  # x: [1, 3, 320, 320] -> cls, obj, bbox, kps per stride 8 / 16 / 32
                    p3 = self.s2(self.s1(self.stem(x)))
                    p4 = self.s3(p3)
                    p5 = self.lat[2](self.s4(p4))
                    p4 = self.lat[1](p4 + F.interpolate(p5, scale_factor=2.0, mode="nearest"))
                    p3 = self.lat[0](p3 + F.interpolate(p4, scale_factor=2.0, mode="nearest"))
                    outs = []
                    for f, hs in zip((p3, p4, p5), self.heads):
                        cls, obj, box, kps = (h(f).flatten(2).transpose(1, 2) for h in hs)
                        outs += [torch.sigmoid(cls), torch.sigmoid(obj), box, kps]
                    return tuple(outs)

            return YuNet().eval(), (torch.randn(1, 3, 320, 320),)
        if kind == "monodepth2":  # Monodepth2: ResNet-18 encoder, decoder of reflection-padded convs + ELU, 4 disparities
            import torchvision

            class ConvBlock(nn.Module):
                def __init__(self, i, o) -> None:
                    super().__init__()
                    self.conv = nn.Conv2d(i, o, 3)

                def forward(self, x):
                    return F.elu(self.conv(F.pad(x, (1, 1, 1, 1), mode="reflect")))

            class Depth(nn.Module):
                def __init__(self) -> None:
                    super().__init__()
                    r = torchvision.models.resnet18(weights=None)
                    self.enc = nn.ModuleList([nn.Sequential(r.conv1, r.bn1, r.relu), nn.Sequential(r.maxpool, r.layer1),
                                              r.layer2, r.layer3, r.layer4])
                    enc, dec = (64, 64, 128, 256, 512), (16, 32, 64, 128, 256)
                    self.c0 = nn.ModuleList([ConvBlock(enc[4] if i == 4 else dec[i + 1], dec[i]) for i in range(5)])
                    self.c1 = nn.ModuleList([ConvBlock(dec[i] + (enc[i - 1] if i else 0), dec[i]) for i in range(5)])
                    self.disp = nn.ModuleList([nn.Conv2d(dec[i], 1, 3) for i in range(4)])

                def forward(self, x):  # x: [1, 3, 192, 640] (KITTI) -> disparities at 1, 1/2, 1/4, 1/8
                    feats = []
                    for e in self.enc:
                        x = e(x)
                        feats.append(x)
                    x, outs = feats[-1], []
                    for i in range(4, -1, -1):
                        x = F.interpolate(self.c0[i](x), scale_factor=2.0, mode="nearest")
                        x = self.c1[i](torch.cat([x, feats[i - 1]], 1) if i else x)
                        if i < 4:
                            outs.append(torch.sigmoid(self.disp[i](F.pad(x, (1, 1, 1, 1), mode="reflect"))))
                    return tuple(reversed(outs))

            return Depth().eval(), (torch.randn(1, 3, 192, 640),)
        if kind == "pointnet2":  # PointNet++ SSG: strided centroids, kNN by TopK over distances, Gather, MLP, max
            class SA(nn.Module):
                def __init__(self, stride, k, i, chans) -> None:
                    super().__init__()
                    self.stride, self.k = stride, k
                    layers, c = [], i + 3
                    for o in chans:
                        layers += [nn.Conv2d(c, o, 1, bias=False), nn.BatchNorm2d(o), nn.ReLU()]
                        c = o
                    self.mlp = nn.Sequential(*layers)

                def forward(self, xyz, feat):  # xyz [B, N, 3], feat [B, N, C]
                    B, N, _ = xyz.shape
                    cen = xyz[:, :: self.stride]  # [B, S, 3]
                    d = (cen * cen).sum(-1, keepdim=True) - 2 * cen @ xyz.transpose(1, 2) + \
                        (xyz * xyz).sum(-1)[:, None]
                    idx = (-d).topk(self.k, -1).indices  # [B, S, k]
                    S = cen.shape[1]
                    flat = idx.reshape(B, -1)
                    gx = torch.gather(xyz, 1, flat[..., None].expand(-1, -1, 3)).reshape(B, S, self.k, 3)
                    gf = torch.gather(feat, 1, flat[..., None].expand(-1, -1, feat.shape[-1])).reshape(B, S, self.k, -1)
                    g = torch.cat([gx - cen[:, :, None], gf], -1).permute(0, 3, 1, 2)  # [B, 3 + C, S, k]
                    return cen, self.mlp(g).amax(-1).transpose(1, 2)  # [B, S, C']

            class PointNet2(nn.Module):
                def __init__(self, classes=40) -> None:
                    super().__init__()
                    self.sa1, self.sa2 = SA(4, 32, 3, (64, 64, 128)), SA(4, 32, 128, (128, 128, 256))
                    self.glob = nn.Sequential(nn.Conv1d(256 + 3, 256, 1), nn.BatchNorm1d(256), nn.ReLU(),
                                              nn.Conv1d(256, 512, 1), nn.BatchNorm1d(512), nn.ReLU())
                    self.head = nn.Sequential(nn.Linear(512, 256), nn.BatchNorm1d(256), nn.ReLU(), nn.Linear(256, classes))

                def forward(self, xyz):  # xyz: [1, 1024, 3] -> class logits [1, 40]
                    c1, f1 = self.sa1(xyz, xyz)
                    c2, f2 = self.sa2(c1, f1)
                    g = self.glob(torch.cat([c2, f2], -1).transpose(1, 2)).amax(-1)
                    return F.log_softmax(self.head(g), -1)

            return PointNet2().eval(), (torch.rand(1, 1024, 3) * 2 - 1,)
        if kind == "lstm_ae":  # LSTM autoencoder: 2 encoder LSTMs, last hidden state repeated over time, 2 decoder LSTMs
            class AE(nn.Module):
                def __init__(self, feat=8, T=60) -> None:
                    super().__init__()
                    self.T = T
                    self.e1, self.e2 = nn.LSTM(feat, 64, batch_first=True), nn.LSTM(64, 32, batch_first=True)
                    self.d1, self.d2 = nn.LSTM(32, 32, batch_first=True), nn.LSTM(32, 64, batch_first=True)
                    self.out = nn.Linear(64, feat)

                def forward(self, x):  # x: [1, 60, 8] window -> reconstruction [1, 60, 8], anomaly score [1, 1]
                    h, _ = self.e1(x)
                    _, (hn, _) = self.e2(h)
                    z = hn[-1][:, None].repeat(1, self.T, 1)
                    y = self.out(self.d2(self.d1(z)[0])[0])
                    return y, ((x - y) ** 2).mean((1, 2))[:, None]

            return AE().eval(), (torch.randn(1, 60, 8),)
        if kind == "stylegan_modconv":  # StyleGAN2-like: mapping MLP, modulated / demodulated convs with in-graph weights
            class ModConv(nn.Module):
                def __init__(self, i, o, k, wdim, demod=True) -> None:
                    super().__init__()
                    self.weight = nn.Parameter(torch.randn(o, i, k, k))
                    self.affine = nn.Linear(wdim, i)
                    self.demod, self.pad = demod, k // 2
                    self.bias = nn.Parameter(torch.zeros(o))

                def forward(self, x, w):
                    B, C, H, W = x.shape
                    s = self.affine(w) + 1.0  # [B, Cin]
                    wt = self.weight[None] * s[:, None, :, None, None]  # [B, O, I, k, k]
                    if self.demod:
                        wt = wt * torch.rsqrt((wt * wt).sum((2, 3, 4), keepdim=True) + 1e-8)
                    y = F.conv2d(x.reshape(1, B * C, H, W), wt.reshape(-1, C, *wt.shape[-2:]), padding=self.pad,
                                 groups=B)
                    return y.reshape(B, -1, H, W) + self.bias[None, :, None, None]

            class Synth(nn.Module):
                def __init__(self, z=128, wdim=256, chans=(256, 256, 128, 64, 32)) -> None:
                    super().__init__()
                    layers, d = [], z
                    for _ in range(4):
                        layers += [nn.Linear(d, wdim), nn.LeakyReLU(0.2)]
                        d = wdim
                    self.mapping = nn.Sequential(*layers)
                    self.const = nn.Parameter(torch.randn(1, chans[0], 4, 4))
                    self.convs = nn.ModuleList([ModConv(i, o, 3, wdim) for i, o in zip(chans[:-1], chans[1:])])
                    self.rgb = nn.ModuleList([ModConv(o, 3, 1, wdim, demod=False) for o in chans[1:]])
                    self.noise_strength = nn.Parameter(torch.full((len(chans) - 1,), 0.1))
                    self.register_buffer("noise", torch.randn(1, 1, 64, 64))

                def forward(self, z):  # z: [1, 128] -> image [1, 3, 64, 64]
                    z = z * torch.rsqrt((z * z).mean(1, keepdim=True) + 1e-8)  # pixel norm
                    w = self.mapping(z)
                    x, img = self.const.expand(z.shape[0], -1, -1, -1), None
                    for i, (conv, rgb) in enumerate(zip(self.convs, self.rgb)):
                        x = F.interpolate(x, scale_factor=2.0, mode="bilinear", align_corners=False)
                        x = conv(x, w)
                        n = F.interpolate(self.noise, size=x.shape[-2:], mode="nearest")
                        x = F.leaky_relu(x + self.noise_strength[i] * n, 0.2) * math.sqrt(2)
                        y = rgb(x, w)
                        img = y if img is None else y + F.interpolate(img, scale_factor=2.0, mode="bilinear",
                                                                      align_corners=False)
                    return img

            return Synth().eval(), (torch.randn(1, 128),)
        if kind == "dncnn":  # DnCNN-S: 17 conv layers (conv + BN + ReLU body), predicts the noise, residual output
            class DnCNN(nn.Module):
                def __init__(self, c=64, depth=17) -> None:
                    super().__init__()
                    body = [nn.Conv2d(1, c, 3, padding=1), nn.ReLU()] + [cbr(c, c) for _ in range(depth - 2)]
                    self.net = nn.Sequential(*body, nn.Conv2d(c, 1, 3, padding=1))

                def forward(self, x):  # x: [1, 1, 256, 256] noisy grey image -> denoised
                    return x - self.net(x)

            return DnCNN().eval(), (torch.rand(1, 1, 256, 256),)
        if kind == "stgcn":  # ST-GCN: skeleton sequences, spatial graph conv by einsum with a partitioned adjacency
            class GCN(nn.Module):
                def __init__(self, i, o, A, stride=1) -> None:
                    super().__init__()
                    self.register_buffer("A", A)
                    self.edge = nn.Parameter(torch.ones_like(A))  # learnable edge importance
                    self.gcn = nn.Conv2d(i, o * A.shape[0], 1)
                    self.tcn = nn.Sequential(nn.BatchNorm2d(o), nn.ReLU(), nn.Conv2d(o, o, (9, 1), (stride, 1), (4, 0)),
                                             nn.BatchNorm2d(o))
                    self.res = nn.Identity() if i == o and stride == 1 else \
                        nn.Sequential(nn.Conv2d(i, o, 1, (stride, 1)), nn.BatchNorm2d(o))

                def forward(self, x):  # x [N, C, T, V]
                    n, _, t, v = x.shape
                    k = self.A.shape[0]
                    y = self.gcn(x).reshape(n, k, -1, t, v)
                    y = torch.einsum("nkctv,kvw->nctw", y, self.A * self.edge)
                    return F.relu(self.tcn(y) + self.res(x))

            class STGCN(nn.Module):
                def __init__(self, V=17, classes=60) -> None:
                    super().__init__()
                    g = torch.Generator().manual_seed(0)
                    adj = (torch.rand(V, V, generator=g) < 0.15).float()
                    adj = ((adj + adj.t()) > 0).float()
                    A = torch.stack([torch.eye(V), adj.triu(1), adj.tril(-1)])
                    A = A / A.sum(1, keepdim=True).clamp(min=1.0)
                    self.bn = nn.BatchNorm1d(3 * V)
                    chans = [(3, 64, 1), (64, 64, 1), (64, 128, 2), (128, 128, 1), (128, 256, 2), (256, 256, 1)]
                    self.layers = nn.ModuleList([GCN(i, o, A, s) for i, o, s in chans])
                    self.fc = nn.Conv2d(256, classes, 1)

                def forward(self, x):  # x: [1, 3, 64, 17] (x, y, score) of 17 COCO joints over 64 frames -> [1, 60]
                    n, c, t, v = x.shape
                    x = self.bn(x.permute(0, 3, 1, 2).reshape(n, v * c, t)).reshape(n, v, c, t).permute(0, 2, 3, 1)
                    for layer in self.layers:
                        x = layer(x)
                    return self.fc(F.adaptive_avg_pool2d(x, 1)).flatten(1)

            return STGCN().eval(), (torch.randn(1, 3, 64, 17),)
        raise ValueError(kind)

    return build


def specs() -> list[Spec]:
    return [
        # timm variants no set used yet
        Spec("cls_timm_twins_svt_small_224_op17", "cls", "timm/twins_svt_small (locally-grouped + global sub-sampled "
             "attention)", _timm("twins_svt_small", 224), opset=17),
        Spec("cls_timm_vit_medium_rope_reg1_d4_dynamo_op18", "cls", "timm/vit_medium_patch16_rope_reg1_gap_256, depth "
             "4 (mixed rotary embeddings, register token, GAP), dynamo: TorchScript cannot trace its is_causal",
             _timm("vit_medium_patch16_rope_reg1_gap_256", 256, depth=4), opset=18, dynamo=True),
        Spec("cls_timm_fastvit_sa12_256_op16", "cls", "timm/fastvit_sa12 (RepMixer stages + attention stage, "
             "conditional position encoding)", _timm("fastvit_sa12", 256), opset=16),
        Spec("cls_timm_eca_halonext26ts_256_dynamo_op18", "cls", "timm/eca_halonext26ts (halo attention on ResNeXt + "
             "ECA), dynamo: TorchScript cannot export halo attention", _timm("eca_halonext26ts", 256), opset=18,
             dynamo=True),
        Spec("cls_timm_sebotnet33ts_256_op14", "cls", "timm/sebotnet33ts_256 (SE + bottleneck self-attention, rel pos)",
             _timm("sebotnet33ts_256", 256), opset=14),
        Spec("cls_timm_swin_s3_tiny_224_op16", "cls", "timm/swin_s3_tiny_224 (AutoFormerV2: Swin v1, searched windows)",
             _timm("swin_s3_tiny_224", 224), opset=16),
        Spec("cls_timm_maxvit_rmlp_pico_256_op17", "cls", "timm/maxvit_rmlp_pico_rw_256 (block + grid attention, "
             "relative-MLP bias)", _timm("maxvit_rmlp_pico_rw_256", 256), opset=17),
        Spec("cls_timm_resnet51q_224_op11", "cls", "timm/resnet51q (quad bottlenecks, SiLU)", _timm("resnet51q", 224),
             opset=11),
        Spec("cls_timm_dinov3_vits16_d4_dynamo_op18", "cls", "timm/vit_small_patch16_dinov3, depth 4 (RoPE, 4 "
             "registers, LayerScale), dynamo", _timm("vit_small_patch16_dinov3", 224, depth=4), opset=18, dynamo=True),
        Spec("cls_timm_vit_s_18x2_d4_224_op15", "cls", "timm/vit_small_patch16_18x2_224, depth 4 (parallel "
             "attention / MLP branches)", _timm("vit_small_patch16_18x2_224", 224, depth=4), opset=15),
        # ultralytics sizes / heads not exported elsewhere
        Spec("det_yolo11s_640_op13", "det", "yolo11s at 640", None, ultralytics=_yolo("yolo11s.yaml", 640, opset=13)),
        Spec("pose_yolo12s_pose_480_op17", "pose", "yolo12s-pose at 480", None,
             ultralytics=_yolo("yolo12s-pose.yaml", 480, opset=17)),
        Spec("det_yolov10s_416_op13", "det", "yolov10s at 416", None, ultralytics=_yolo("yolov10s.yaml", 416, opset=13)),
        # torchvision
        Spec("video_tv_r2plus1d_18_8x112_op13", "video", "torchvision r2plus1d_18 ((2+1)-D convs), 8 frames of 112",
             _tv_video("r2plus1d_18", 8, 112)),
        # hand-built: patterns the other sets lack
        Spec("text_clip_text_encoder_op14", "text", "CLIP text tower (token Gather, causal mask, argmax-EOT Gather), "
             "4 x 256", _custom("clip_text"), opset=14, input_names=("text",)),
        Spec("nlp_bert_tiny_mask_op12", "nlp", "BERT-tiny 2 x 128 with attention-mask input and pooler",
             _custom("bert_tiny"), opset=12, input_names=("input_ids", "attention_mask"),
             output_names=("last_hidden_state", "pooler_output")),
        Spec("sod_u2net_lite_320_op11", "seg", "U2-Net-lite (RSU blocks, dilations, bilinear upsampling, side outputs)",
             _custom("u2net_lite"), opset=11),
        Spec("seg_mobilesam_decoder_op16", "seg", "MobileSAM / SAM-style two-way mask decoder (point inputs)",
             _custom("sam_decoder"), opset=16, input_names=("image_embeddings", "point_coords", "point_labels"),
             output_names=("masks", "iou_predictions")),
        Spec("restore_restormer_lite_128_op13", "restore", "Restormer-lite (MDTA transposed attention, GDFN)",
             _custom("restormer_lite")),
        Spec("audio_dtln_states_op13", "audio", "DTLN-like two-stage denoiser (4 LSTMs, sigmoid masks, state input)",
             _custom("dtln"), input_names=("mag", "frame", "states_in"),
             output_names=("est_mag", "est_frame", "states_out")),
        Spec("face_yunet_like_320_op11", "det", "YuNet-like face detector (depthwise, cls / obj / box / kps heads)",
             _custom("yunet"), opset=11),
        Spec("depth_monodepth2_192x640_op11", "depth", "Monodepth2-like (ResNet-18, reflection pad, ELU, nearest up)",
             _custom("monodepth2"), opset=11),
        Spec("pc_pointnet2_ssg_knn_op13", "pointcloud", "PointNet++ SSG-like (kNN by TopK, Gather, max over neighbours)",
             _custom("pointnet2")),
        Spec("ts_lstm_autoencoder_op12", "ts", "LSTM autoencoder (repeat of the last state, reconstruction error)",
             _custom("lstm_ae"), opset=12),
        Spec("gen_stylegan2_modconv_dynamo_op18", "gen", "StyleGAN2-like synthesis (modulated convs, in-graph weights), "
             "dynamo", _custom("stylegan_modconv"), opset=18, dynamo=True),
        Spec("denoise_dncnn_256_op11", "restore", "DnCNN-S (17 conv + BN + ReLU, residual noise)", _custom("dncnn"),
             opset=11),
        Spec("action_stgcn_coco17_op17", "video", "ST-GCN skeleton action recognition (graph conv by einsum)",
             _custom("stgcn"), opset=17),
    ]


if __name__ == "__main__":
    sys.exit(run(specs, "/work/calib/s18/unseen9/models", sys.argv[1:]))
