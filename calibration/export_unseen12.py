"""Export a thirteenth set of models nobody calibrated on, to measure how the predictions carry over (toolkit 2.3.2).

Unseen sets 4 to 12 (export_unseen3.py ... export_unseen11.py) taught fixes and are no longer unseen. No model name
here is in export_models.py, export_unseen.py ... export_unseen11.py, pretrained_set.py or issue_repros.py; every
timm family of the brief's list and every hand-built idea it named had been used, so this set takes timm models
with sub-patterns no set had: ResNet-50 CLIP (attention pooling over the 7 x 7 grid with a positional embedding;
dynamo), ViT-B SigLIP cut to 2 blocks (MAP head: attention pooling by a learned probe), DINOv2-S cut to 4 blocks at
224 (LayerScale, patch 14; dynamo), ViT-B CLIP with QuickGELU cut to 3 blocks (pre-norm before the blocks), LeViT
conv mode (BatchNorm2d 1 x 1 conv attention), TF-EfficientNet-B0 (TensorFlow 'same' padding: asymmetric Pad before
stride-2 convs), MobileNetV4-conv-medium at 256 (dynamo), RepVGG-B1g4 (grouped 3 x 3 convs, train-time branches);
ultralytics heads / sizes no set exported (YOLOv10m at 480, YOLOv9m at 416 with opset 11, YOLOv6s at 640); and
small hand-built models of what users ship to these NPUs that the other sets lack: a CRAFT-lite text detector
(VGG-BN U-net, size-based bilinear upsampling, region / affinity maps channel-last) at 480 x 640, AOD-Net dehazing
(K-estimation, relu(K x - K + 1)) at 480 x 640, IMDN-lite x4 super-resolution (channel splits, contrast-aware
channel attention by a standard deviation, PixelShuffle; dynamo) at 180 x 320, CSRNet-lite crowd counting (VGG
front, dilated back end) at 384 x 512, a transducer (RNN-T) stateless decoder + joiner step as sherpa-onnx ships it
(token ids through an embedding, context Conv1d, broadcast joint, log-softmax), ConvLSTM precipitation nowcasting
with its states as graph inputs / outputs (dynamo), LaneATT-lite (anchor features gathered by constant row / column
indices, anchor attention) at 360 x 640, an iTransformer forecaster (variates as tokens, RevIN normalisation;
dynamo), EfficientAD-S anomaly detection (PDN teacher / student, autoencoder by size-based bilinear upsampling,
anomaly map at input size), a YAMNet-like audio tagger (MobileNetV1 on a 96 x 64 log-mel patch) and L2CS-Net-lite
gaze estimation (90-bin softmax expectation per angle; dynamo) at 448. Exporters and opsets mixed (TorchScript
11-17, dynamo 18-19), input sizes as users pick them. Random weights, nothing downloaded. Dropped: ultralytics
YOLOv8s-World v1 at 640 (its TorchScript export fails with a SymbolicValueError in the text-guided attention;
YOLOv6s at 640 instead); timm CoaT-tiny (dynamo, 1734 nodes) and torchvision R(2+1)D-18 on an 8 x 112 x 112 clip
(dynamo), whose rk3588 fp16 2.3.2 builds took 213 s and 147 s (YAMNet-like and L2CS-lite instead; they joined the
first two rows by separate builds). Same exporter, manifest and log lines as export_models.py:

    YOLO_OFFLINE=1 /work/calib/venv/bin/python calibration/export_unseen12.py --out /work/calib/s21/unseen12/models

Then the truths, one row at a time (2.3.2 through its venv; at most two builds at a time):

    nice -n 10 python calibration/run_toolkit.py --models /work/calib/s21/unseen12/models --target rk3588 \
        --dtype float16 --python /work/venvs/rknn-2.3.2/bin/python \
        --out /work/calib/s21/unseen12/rk3588-float16-2.3.2/truth.json --jobs 2
    python calibration/score.py --truth /work/calib/s21/unseen12/rk3588-float16-2.3.2/truth.json \
        --models /work/calib/s21/unseen12/models --results /tmp/before-rk3588-float16-2.3.2.json
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, Callable

sys.path.insert(0, str(Path(__file__).resolve().parent))
from export_common import _timm_sz, cbr, run  # noqa: E402
from export_models import Spec, _timm, _yolo  # noqa: E402


def _custom(kind: str) -> Callable[[], tuple[Any, tuple]]:
    def build():  # noqa: C901 (one branch per model, as in the other sets)
        import math

        import torch
        import torch.nn.functional as F
        from torch import nn

        def vgg(cfg, i=3):  # VGG stages: ints are 3 x 3 conv + BN + ReLU widths, "M" a 2 x 2 max pool
            layers = []
            for c in cfg:
                if c == "M":
                    layers.append(nn.MaxPool2d(2, 2))
                else:
                    layers.append(cbr(i, c))
                    i = c
            return nn.Sequential(*layers)

        if kind == "craft":  # CRAFT-lite: VGG-BN backbone, U-net up path by size-based bilinear, region + affinity
            class Up(nn.Module):
                def __init__(self, i, m, o) -> None:
                    super().__init__()
                    self.conv = nn.Sequential(cbr(i, m, 1), cbr(m, o))

                def forward(self, x, skip):
                    x = F.interpolate(x, size=skip.shape[2:], mode="bilinear", align_corners=False)
                    return self.conv(torch.cat([x, skip], 1))

            class CRAFT(nn.Module):
                def __init__(self) -> None:
                    super().__init__()
                    self.s1, self.s2 = vgg([32, 32, "M", 64, 64]), vgg(["M", 128, 128], 64)
                    self.s3, self.s4 = vgg(["M", 256, 256], 128), vgg(["M", 256, 256], 256)
                    self.s5 = nn.Sequential(nn.MaxPool2d(3, 1, 1), nn.Conv2d(256, 512, 3, padding=6, dilation=6),
                                            nn.Conv2d(512, 512, 1))
                    self.u1 = nn.Sequential(cbr(512 + 256, 256, 1), cbr(256, 128))
                    self.u2, self.u3, self.u4 = Up(128 + 256, 128, 64), Up(64 + 128, 64, 32), Up(32 + 64, 32, 16)
                    self.cls = nn.Sequential(nn.Conv2d(16, 16, 3, padding=1), nn.ReLU(), nn.Conv2d(16, 16, 3, padding=1),
                                             nn.ReLU(), nn.Conv2d(16, 8, 3, padding=1), nn.ReLU(), nn.Conv2d(8, 8, 1),
                                             nn.ReLU(), nn.Conv2d(8, 2, 1))

                def forward(self, x):  # x: [1, 3, 480, 640] -> region / affinity [1, 240, 320, 2], features
                    f1 = self.s1(x)
                    f2 = self.s2(f1)
                    f3 = self.s3(f2)
                    f4 = self.s4(f3)
                    y = self.u4(self.u3(self.u2(self.u1(torch.cat([self.s5(f4), f4], 1)), f3), f2), f1)
                    return self.cls(y).permute(0, 2, 3, 1), y

            return CRAFT().eval(), (torch.randn(1, 3, 480, 640),)
        if kind == "aodnet":  # AOD-Net: five convs with concatenations estimate K; clean = relu(K * x - K + 1)
            class AOD(nn.Module):
                def __init__(self) -> None:
                    super().__init__()
                    self.c1, self.c2 = nn.Conv2d(3, 3, 1), nn.Conv2d(3, 3, 3, padding=1)
                    self.c3, self.c4 = nn.Conv2d(6, 3, 5, padding=2), nn.Conv2d(6, 3, 7, padding=3)
                    self.c5 = nn.Conv2d(12, 3, 3, padding=1)

                def forward(self, x):  # x: [1, 3, 480, 640] hazy -> dehazed
                    x1 = F.relu(self.c1(x))
                    x2 = F.relu(self.c2(x1))
                    x3 = F.relu(self.c3(torch.cat([x1, x2], 1)))
                    x4 = F.relu(self.c4(torch.cat([x2, x3], 1)))
                    k = F.relu(self.c5(torch.cat([x1, x2, x3, x4], 1)))
                    return F.relu(k * x - k + 1)

            return AOD().eval(), (torch.rand(1, 3, 480, 640),)
        if kind == "imdn":  # IMDN-lite x4: information multi-distillation blocks, contrast-aware attention, shuffle
            class CCA(nn.Module):
                def __init__(self, c, r=4) -> None:
                    super().__init__()
                    self.fc = nn.Sequential(nn.Conv2d(c, c // r, 1), nn.ReLU(), nn.Conv2d(c // r, c, 1), nn.Sigmoid())

                def forward(self, x):
                    mean = x.mean((2, 3), keepdim=True)
                    std = ((x - mean) ** 2).mean((2, 3), keepdim=True).sqrt()
                    return x * self.fc(std + mean)

            class IMDB(nn.Module):
                def __init__(self, c=48, d=12) -> None:
                    super().__init__()
                    self.d, self.r = d, c - d
                    self.c1 = nn.Conv2d(c, c, 3, padding=1)
                    self.c2, self.c3 = nn.Conv2d(self.r, c, 3, padding=1), nn.Conv2d(self.r, c, 3, padding=1)
                    self.c4 = nn.Conv2d(self.r, d, 3, padding=1)
                    self.cca, self.out = CCA(4 * d), nn.Conv2d(4 * d, c, 1)

                def forward(self, x):
                    kept, t = [], x
                    for conv in (self.c1, self.c2, self.c3):
                        a, t = torch.split(F.leaky_relu(conv(t), 0.05), [self.d, self.r], 1)
                        kept.append(a)
                    kept.append(self.c4(t))
                    return self.out(self.cca(torch.cat(kept, 1))) + x

            class IMDN(nn.Module):
                def __init__(self, c=48, blocks=4, scale=4) -> None:
                    super().__init__()
                    self.fea = nn.Conv2d(3, c, 3, padding=1)
                    self.blocks = nn.ModuleList([IMDB(c) for _ in range(blocks)])
                    self.fuse = nn.Sequential(nn.Conv2d(c * blocks, c, 1), nn.LeakyReLU(0.05))
                    self.lr = nn.Conv2d(c, c, 3, padding=1)
                    self.up = nn.Sequential(nn.Conv2d(c, 3 * scale * scale, 3, padding=1), nn.PixelShuffle(scale))

                def forward(self, x):  # x: [1, 3, 180, 320] -> [1, 3, 720, 1280]
                    f = self.fea(x)
                    t, outs = f, []
                    for b in self.blocks:
                        t = b(t)
                        outs.append(t)
                    return self.up(self.lr(self.fuse(torch.cat(outs, 1))) + f)

            return IMDN().eval(), (torch.rand(1, 3, 180, 320),)
        if kind == "csrnet":  # CSRNet-lite: VGG-16 front (10 convs), dilated back end, 1 x 1 density map
            class CSRNet(nn.Module):
                def __init__(self) -> None:
                    super().__init__()
                    self.front = vgg([32, 32, "M", 64, 64, "M", 128, 128, 128, "M", 256, 256, 256])
                    self.back = nn.Sequential(*[nn.Sequential(nn.Conv2d(i, o, 3, padding=2, dilation=2), nn.ReLU())
                                                for i, o in ((256, 256), (256, 256), (256, 256), (256, 128), (128, 64),
                                                             (64, 32))])
                    self.out = nn.Conv2d(32, 1, 1)

                def forward(self, x):  # x: [1, 3, 384, 512] -> density [1, 1, 48, 64], count [1]
                    d = F.relu(self.out(self.back(self.front(x))))
                    return d, d.sum((1, 2, 3))

            return CSRNet().eval(), (torch.randn(1, 3, 384, 512),)
        if kind == "transducer":  # RNN-T step as sherpa-onnx ships it: stateless decoder + joiner in one graph
            class Step(nn.Module):
                def __init__(self, vocab=500, ctx=2, d=256, enc=384, joint=320) -> None:
                    super().__init__()
                    self.emb = nn.Embedding(vocab, d)
                    self.conv = nn.Conv1d(d, d, ctx, groups=d // 4, bias=False)
                    self.dproj, self.eproj = nn.Linear(d, joint), nn.Linear(enc, joint)
                    self.out = nn.Linear(joint, vocab)

                def forward(self, y, enc):  # y: [1, 2] last token ids, enc: [1, 384] one encoder frame -> [1, 500]
                    dec = F.relu(self.conv(self.emb(y).permute(0, 2, 1))).squeeze(-1)
                    return torch.tanh(self.eproj(enc) + self.dproj(dec)).matmul(self.out.weight.t()).log_softmax(-1)

            return Step().eval(), (torch.randint(0, 500, (1, 2)), torch.randn(1, 384))
        if kind == "convlstm":  # ConvLSTM nowcasting: conv encoder, one ConvLSTM cell with states in / out, decoder
            class Nowcast(nn.Module):
                def __init__(self, c=64) -> None:
                    super().__init__()
                    self.enc = nn.Sequential(nn.Conv2d(1, 16, 3, 2, 1), nn.LeakyReLU(0.2), nn.Conv2d(16, c, 3, 2, 1),
                                             nn.LeakyReLU(0.2))
                    self.gates = nn.Conv2d(2 * c, 4 * c, 5, padding=2)
                    self.dec = nn.Sequential(nn.ConvTranspose2d(c, 16, 4, 2, 1), nn.LeakyReLU(0.2),
                                             nn.ConvTranspose2d(16, 8, 4, 2, 1), nn.LeakyReLU(0.2), nn.Conv2d(8, 1, 1))

                def forward(self, frame, h, c):  # frame [1, 1, 128, 128], h / c [1, 64, 32, 32]
                    i, f, g, o = self.gates(torch.cat([self.enc(frame), h], 1)).chunk(4, 1)
                    c = torch.sigmoid(f) * c + torch.sigmoid(i) * torch.tanh(g)
                    h = torch.sigmoid(o) * torch.tanh(c)
                    return torch.sigmoid(self.dec(h)), h, c

            return Nowcast().eval(), (torch.rand(1, 1, 128, 128), torch.zeros(1, 64, 32, 32), torch.zeros(1, 64, 32, 32))
        if kind == "laneatt":  # LaneATT-lite: features gathered along fixed line anchors, anchor attention, heads
            class LaneATT(nn.Module):
                def __init__(self, anchors=192, c=64, offsets=72) -> None:
                    super().__init__()
                    self.backbone = nn.Sequential(cbr(3, 32, 3, 2), cbr(32, 32, 3, 2), cbr(32, 64, 3, 2), cbr(64, 64),
                                                  cbr(64, 128, 3, 2), cbr(128, 128), cbr(128, 256, 3, 2), cbr(256, 256))
                    self.conv = nn.Conv2d(256, c, 1)
                    Hf, Wf = 12, 20
                    g = torch.Generator().manual_seed(0)
                    starts = torch.rand(anchors, generator=g) * (Wf - 1)
                    slopes = (torch.rand(anchors, generator=g) - 0.5) * 2
                    ys = torch.arange(Hf).float()
                    xs = (starts[:, None] + slopes[:, None] * (Hf - 1 - ys)).round().clamp(0, Wf - 1).long()
                    self.register_buffer("ys", ys.long()[None].expand(anchors, Hf).reshape(-1).clone())
                    self.register_buffer("xs", xs.reshape(-1))
                    self.a, self.f = anchors, c * Hf
                    self.att = nn.Linear(self.f, anchors)
                    self.cls, self.reg = nn.Linear(2 * self.f, 2), nn.Linear(2 * self.f, offsets + 1)

                def forward(self, x):  # x: [1, 3, 360, 640] -> scores [1, 192, 2], offsets [1, 192, 73]
                    f = self.conv(self.backbone(x))  # [1, 64, 12, 20]
                    B, C, Hf, Wf = f.shape
                    a = f[:, :, self.ys, self.xs].reshape(B, C, self.a, Hf).permute(0, 2, 1, 3).reshape(B, self.a, -1)
                    w = self.att(a).softmax(-1)
                    feats = torch.cat([a, torch.bmm(w, a)], -1)
                    return self.cls(feats), self.reg(feats)

            return LaneATT().eval(), (torch.randn(1, 3, 360, 640),)
        if kind == "itransformer":  # iTransformer: variates as tokens, RevIN, 2 encoder layers, per-variate projection
            class Layer(nn.Module):
                def __init__(self, d, heads) -> None:
                    super().__init__()
                    self.qkv, self.o, self.h = nn.Linear(d, 3 * d), nn.Linear(d, d), heads
                    self.n1, self.n2 = nn.LayerNorm(d), nn.LayerNorm(d)
                    self.ff = nn.Sequential(nn.Linear(d, 2 * d), nn.GELU(), nn.Linear(2 * d, d))

                def forward(self, x):
                    B, N, C = x.shape
                    q, k, v = self.qkv(x).reshape(B, N, 3, self.h, C // self.h).permute(2, 0, 3, 1, 4)
                    a = (q @ k.transpose(-1, -2) / math.sqrt(C // self.h)).softmax(-1)
                    x = self.n1(x + self.o((a @ v).transpose(1, 2).reshape(B, N, C)))
                    return self.n2(x + self.ff(x))

            class ITransformer(nn.Module):
                def __init__(self, seq=96, pred=96, d=128) -> None:
                    super().__init__()
                    self.embed, self.proj = nn.Linear(seq, d), nn.Linear(d, pred)
                    self.layers = nn.Sequential(Layer(d, 8), Layer(d, 8))
                    self.norm = nn.LayerNorm(d)

                def forward(self, x):  # x: [1, 96, 21] -> forecast [1, 96, 21]
                    mean = x.mean(1, keepdim=True)
                    std = torch.sqrt(x.var(1, keepdim=True, unbiased=False) + 1e-5)
                    t = self.norm(self.layers(self.embed(((x - mean) / std).permute(0, 2, 1))))
                    return self.proj(t).permute(0, 2, 1) * std + mean

            return ITransformer().eval(), (torch.randn(1, 96, 21),)
        if kind == "efficientad":  # EfficientAD-S: PDN teacher / student, autoencoder, combined anomaly map
            def pdn(o):
                return nn.Sequential(nn.Conv2d(3, 128, 4, padding=3), nn.ReLU(), nn.AvgPool2d(2, 2, 1),
                                     nn.Conv2d(128, 256, 4, padding=3), nn.ReLU(), nn.AvgPool2d(2, 2, 1),
                                     nn.Conv2d(256, 256, 3, padding=1), nn.ReLU(), nn.Conv2d(256, o, 4))

            class AE(nn.Module):
                def __init__(self, o=384) -> None:
                    super().__init__()
                    enc = [nn.Conv2d(3, 32, 4, 2, 1), nn.ReLU(), nn.Conv2d(32, 32, 4, 2, 1), nn.ReLU()]
                    enc += [nn.Conv2d(32, 64, 4, 2, 1), nn.ReLU(), nn.Conv2d(64, 64, 4, 2, 1), nn.ReLU()]
                    self.enc = nn.Sequential(*enc, nn.Conv2d(64, 64, 4, 2, 1), nn.ReLU(), nn.Conv2d(64, 64, 8))
                    self.sizes = (3, 8, 15, 32, 63, 127)
                    self.dec = nn.ModuleList([nn.Sequential(nn.Conv2d(64, 64, 4, 1, 2), nn.ReLU()) for _ in self.sizes])
                    self.tail = nn.Sequential(nn.Conv2d(64, 64, 3, 1, 1), nn.ReLU(), nn.Conv2d(64, o, 3, 1, 1))

                def forward(self, x):
                    t = self.enc(x)
                    for s, conv in zip(self.sizes, self.dec):
                        t = conv(F.interpolate(t, size=s, mode="bilinear"))
                    return self.tail(F.interpolate(t, size=64, mode="bilinear"))

            class EfficientAD(nn.Module):
                def __init__(self, o=384) -> None:
                    super().__init__()
                    self.o, self.teacher, self.student, self.ae = o, pdn(o), pdn(2 * o), AE(o)
                    self.register_buffer("mean", torch.randn(1, o, 1, 1) * 0.1)
                    self.register_buffer("std", torch.rand(1, o, 1, 1) + 0.5)
                    self.register_buffer("imnet_mean", torch.tensor([0.485, 0.456, 0.406]).view(1, 3, 1, 1))
                    self.register_buffer("imnet_std", torch.tensor([0.229, 0.224, 0.225]).view(1, 3, 1, 1))

                def forward(self, x):  # x: [1, 3, 256, 256] in [0, 1] -> anomaly map [1, 1, 256, 256], score [1]
                    x = (x - self.imnet_mean) / self.imnet_std
                    t = (self.teacher(x) - self.mean) / self.std
                    s = self.student(x)
                    st = ((t - s[:, :self.o]) ** 2).mean(1, keepdim=True)
                    ae = ((self.ae(x) - s[:, self.o:]) ** 2).mean(1, keepdim=True)
                    m = F.interpolate(F.pad(0.5 * st + 0.5 * ae, (4, 4, 4, 4)), size=256, mode="bilinear")
                    return m, m.amax((1, 2, 3))

            return EfficientAD().eval(), (torch.rand(1, 3, 256, 256),)
        if kind == "yamnet":  # YAMNet-like audio tagger: MobileNetV1 on a 96 x 64 log-mel patch, 521 sigmoid classes
            class YAMNet(nn.Module):
                def __init__(self, classes=521) -> None:
                    super().__init__()
                    cfg = [(64, 1), (128, 2), (128, 1), (256, 2), (256, 1), (512, 2), (512, 1), (512, 1), (1024, 2),
                           (1024, 1)]
                    layers, i = [cbr(1, 32, 3, 2)], 32
                    for o, st in cfg:
                        layers += [cbr(i, i, 3, st, g=i), cbr(i, o, 1)]
                        i = o
                    self.body, self.fc = nn.Sequential(*layers), nn.Linear(1024, classes)

                def forward(self, x):  # x: [1, 1, 96, 64] log-mel patch -> scores [1, 521], embedding [1, 1024]
                    e = F.adaptive_avg_pool2d(self.body(x), 1).flatten(1)
                    return torch.sigmoid(self.fc(e)), e

            return YAMNet().eval(), (torch.randn(1, 1, 96, 64),)
        if kind == "gaze_l2cs":  # L2CS-Net-lite gaze: ResNet-18-like trunk, yaw / pitch over 90 bins, expectation
            class Block(nn.Module):
                def __init__(self, i, o, s) -> None:
                    super().__init__()
                    self.a, self.b = cbr(i, o, 3, s), nn.Sequential(nn.Conv2d(o, o, 3, 1, 1, bias=False),
                                                                    nn.BatchNorm2d(o))
                    self.skip = cbr(i, o, 1, s, act=nn.Identity) if (i != o or s != 1) else nn.Identity()

                def forward(self, x):
                    return F.relu(self.b(self.a(x)) + self.skip(x))

            class L2CS(nn.Module):
                def __init__(self, bins=90) -> None:
                    super().__init__()
                    self.trunk = nn.Sequential(cbr(3, 64, 7, 2), nn.MaxPool2d(3, 2, 1), Block(64, 64, 1),
                                               Block(64, 128, 2), Block(128, 256, 2), Block(256, 512, 2))
                    self.yaw, self.pitch = nn.Linear(512, bins), nn.Linear(512, bins)
                    self.register_buffer("idx", torch.arange(bins, dtype=torch.float32))

                def forward(self, x):  # x: [1, 3, 448, 448] face crop -> yaw, pitch in degrees [1] each
                    f = F.adaptive_avg_pool2d(self.trunk(x), 1).flatten(1)
                    return tuple((h(f).softmax(1) * self.idx).sum(1) * 4 - 180 for h in (self.yaw, self.pitch))

            return L2CS().eval(), (torch.randn(1, 3, 448, 448),)
        raise ValueError(kind)

    return build


def specs() -> list[Spec]:
    return [
        # timm variants with sub-patterns no set used
        Spec("cls_timm_resnet50_clip_224_dynamo_op18", "cls", "timm/resnet50_clip (attention pooling with a "
             "positional embedding), dynamo", _timm("resnet50_clip", 224), opset=18, dynamo=True),
        Spec("cls_timm_vit_base_siglip_d2_224_op17", "cls", "timm/vit_base_patch16_siglip_224, depth 2 (MAP head: "
             "attention pooling by a learned probe)", _timm("vit_base_patch16_siglip_224", 224, depth=2), opset=17),
        Spec("cls_timm_dinov2_small_d4_224_dynamo_op19", "cls", "timm/vit_small_patch14_dinov2, depth 4, at 224 "
             "(LayerScale, patch 14), dynamo", _timm_sz("vit_small_patch14_dinov2", 224, depth=4), opset=19,
             dynamo=True),
        Spec("cls_timm_clip_quickgelu_d3_224_op14", "cls", "timm/vit_base_patch16_clip_quickgelu_224, depth 3 "
             "(QuickGELU, pre-norm)", _timm("vit_base_patch16_clip_quickgelu_224", 224, depth=3), opset=14),
        Spec("cls_timm_levit_conv_128s_224_op13", "cls", "timm/levit_conv_128s (conv-mode LeViT: BatchNorm2d, 1 x 1 "
             "conv attention)", _timm("levit_conv_128s", 224)),
        Spec("cls_timm_tf_efficientnet_b0_224_op12", "cls", "timm/tf_efficientnet_b0 (TF 'same' padding)",
             _timm("tf_efficientnet_b0", 224), opset=12),
        Spec("cls_timm_mobilenetv4_conv_medium_256_dynamo_op18", "cls", "timm/mobilenetv4_conv_medium at 256, dynamo",
             _timm("mobilenetv4_conv_medium", 256), opset=18, dynamo=True),
        Spec("cls_timm_repvgg_b1g4_224_op11", "cls", "timm/repvgg_b1g4 (grouped 3 x 3 convs, train-time branches)",
             _timm("repvgg_b1g4", 224), opset=11),
        # ultralytics sizes / heads not exported elsewhere
        Spec("det_yolov6s_640_op13", "det", "yolov6s at 640", None, ultralytics=_yolo("yolov6s.yaml", 640, opset=13)),
        Spec("det_yolov10m_480_op13", "det", "yolov10m (NMS-free: TopK / Gather inside) at 480", None,
             ultralytics=_yolo("yolov10m.yaml", 480, opset=13)),
        Spec("det_yolov9m_416_op11", "det", "yolov9m at 416, opset 11", None,
             ultralytics=_yolo("yolov9m.yaml", 416, opset=11)),
        # hand-built: what users ship to these NPUs that the other sets lack
        Spec("ocr_craft_lite_480x640_op11", "ocr", "CRAFT-lite text detector (VGG-BN U-net, size-based bilinear)",
             _custom("craft"), opset=11, output_names=("score", "feature")),
        Spec("enh_aodnet_480x640_op12", "misc", "AOD-Net dehazing (K-estimation, relu(K x - K + 1))",
             _custom("aodnet"), opset=12),
        Spec("sr_imdn_lite_x4_180x320_dynamo_op18", "misc", "IMDN-lite x4 super-resolution (channel splits, "
             "contrast-aware attention, PixelShuffle), dynamo", _custom("imdn"), opset=18, dynamo=True),
        Spec("count_csrnet_lite_384x512_op13", "misc", "CSRNet-lite crowd counting (VGG front, dilated back end)",
             _custom("csrnet"), output_names=("density", "count")),
        Spec("asr_transducer_decoder_joiner_op13", "seq", "RNN-T stateless decoder + joiner step (embedding, "
             "context Conv1d, joint tanh, log-softmax)", _custom("transducer"), input_names=("y", "encoder_out"),
             output_names=("logits",)),
        Spec("nowcast_convlstm_128_dynamo_op18", "misc", "ConvLSTM nowcasting (states in / out), dynamo",
             _custom("convlstm"), opset=18, dynamo=True, input_names=("frame", "h", "c"),
             output_names=("pred", "h_out", "c_out")),
        Spec("lane_laneatt_lite_360x640_op11", "det", "LaneATT-lite (anchor features by constant indices, anchor "
             "attention)", _custom("laneatt"), opset=11, output_names=("scores", "offsets")),
        Spec("ts_itransformer_96x21_dynamo_op19", "ts", "iTransformer (variates as tokens, RevIN), dynamo",
             _custom("itransformer"), opset=19, dynamo=True),
        Spec("ad_efficientad_s_256_op16", "misc", "EfficientAD-S anomaly detection (PDN teacher / student, "
             "autoencoder by size-based bilinear)", _custom("efficientad"), opset=16, output_names=("map", "score")),
        Spec("audio_yamnet_like_96x64_op13", "audio", "YAMNet-like tagger (MobileNetV1 on a log-mel patch, 521 sigmoid "
             "classes)", _custom("yamnet"), output_names=("scores", "embedding")),
        Spec("gaze_l2cs_lite_448_dynamo_op18", "pose", "L2CS-Net-lite gaze (90-bin softmax expectation per angle), "
             "dynamo", _custom("gaze_l2cs"), opset=18, dynamo=True, output_names=("yaw", "pitch")),
    ]


if __name__ == "__main__":
    sys.exit(run(specs, "/work/calib/s21/unseen12/models", sys.argv[1:]))
