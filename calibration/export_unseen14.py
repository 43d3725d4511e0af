"""Export a fifteenth set of models nobody calibrated on, to measure how the predictions carry over (toolkit 2.3.2).

Unseen sets 4 to 14 (export_unseen3.py ... export_unseen13.py) taught fixes and are no longer unseen. No model name
here is in export_models.py, export_unseen.py ... export_unseen13.py, pretrained_set.py or issue_repros.py. Every
timm family had been used by some set, so the timm rows are variants with sub-patterns no set had: EfficientNet-B1
pruned (odd channel counts) at 240, ConvNeXt-nano with an overlapping conv stem (dynamo), CS3-EdgeNet-X (edge
residual blocks) at 256, ViT-S at 384 (576 tokens) cut to 2 blocks, ResNet-10-T (tiered stem) at opset 11;
torchvision ViT-B/32 (dynamo). NEW in this set: Hugging Face transformers architectures built from a config with
random weights (transformers 5.25, nothing downloaded), exported as users export them (a wrapper returning the
tensors): DistilBERT cut to 3 layers (int64 input_ids and attention_mask, seq 128), MobileBERT cut to 4 layers
(bottleneck, NoNorm; dynamo, seq 64), HuBERT-base cut to 2 layers (raw 1 s audio in: conv feature extractor with
GroupNorm, weight-normed grouped positional conv), the Whisper-tiny encoder cut to 2 layers (80 x 3000 log-mel in;
dynamo), YOLOS-tiny cut to 4 layers at 320 x 480 (100 detection tokens, bicubic position interpolation) and
Depth-Anything-small with a 4-layer DINOv2 backbone at 252 x 336 (DPT reassemble / fusion; dynamo). Ultralytics
heads / sizes no set exported: YOLO26s at 640, YOLOv8s-seg at a 384 x 640 rectangle, YOLO26s-pose at 640 x 384
(portrait). Small hand-built models of what users ship to these NPUs that no set hand-built: a TC-ResNet-8
keyword spotter (MFCC transposed in-graph to channels, 1 x 9 temporal convs) on 101 x 40, ABPN x3 super-resolution
(input repeated 9 times as the anchor, PixelShuffle, clip) at 270 x 480, DDRNet-23-slim (two resolution branches,
bilateral fusion, DAPPM; dynamo) at 480 x 640, Zhang-style colorization (L in, dilated convs, ConvTranspose2d,
313-bin softmax with temperature, annealed-mean 1 x 1, bilinear x4) at 256, XFeat-like local features (grayscale
mean, InstanceNorm, BN without affine, pixel-unshuffle keypoint head, L2-normalised descriptors) at 480 x 640,
a GTCRN-like speech enhancer (ERB band merge, unfold subband features, grouped dilated causal convs, grouped
bidirectional GRU along frequency and GRU along time, complex mask) on 257 x 63 spectra, SparseInst-lite instance
segmentation (coordinate features, instance activation maps, bmm-pooled instance features, kernel x mask features;
dynamo) at 640, and SalsaNext-lite LiDAR segmentation on a 64 x 1024 range image (dilated residual blocks, average
pooling down, PixelShuffle up; dynamo), FFA-Net-lite dehazing (channel and pixel attention blocks, three groups
weighted by a learned attention over their concatenation, rank-5 weighted sum) at 256. Exporters and opsets mixed
(TorchScript 11-17, dynamo 18-19), input sizes as users pick them. Random weights, nothing downloaded. Same
exporter, manifest and log lines as export_models.py:

    YOLO_OFFLINE=1 /work/calib/venv/bin/python calibration/export_unseen14.py --out /work/calib/s23/unseen14/models

Then the truths, one row at a time (2.3.2 through its venv; at most two builds at a time):

    nice -n 10 python calibration/run_toolkit.py --models /work/calib/s23/unseen14/models --target rk3588 \
        --dtype float16 --python /work/venvs/rknn-2.3.2/bin/python \
        --out /work/calib/s23/unseen14/rk3588-float16-2.3.2/truth.json --jobs 2
    python calibration/score.py --truth /work/calib/s23/unseen14/rk3588-float16-2.3.2/truth.json \
        --models /work/calib/s23/unseen14/models --results /tmp/before-rk3588-float16-2.3.2.json
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, Callable

sys.path.insert(0, str(Path(__file__).resolve().parent))
from export_common import cbr, hf_outputs, run  # noqa: E402
from export_models import Spec, _timm, _tv, _yolo  # noqa: E402


def _hf(kind: str) -> Callable[[], tuple[Any, tuple]]:
    """A Hugging Face transformers model from its config (random weights), wrapped to return plain tensors."""
    def build():
        import torch
        import transformers as tr

        ids = torch.randint(1000, 20000, (1, 128))
        if kind == "distilbert":
            m = tr.DistilBertModel(tr.DistilBertConfig(n_layers=3))
            return hf_outputs(m, ["last_hidden_state"]), (ids, torch.ones(1, 128, dtype=torch.int64))
        if kind == "mobilebert":
            m = tr.MobileBertModel(tr.MobileBertConfig(num_hidden_layers=4))
            return (hf_outputs(m, ["last_hidden_state", "pooler_output"]),
                    (ids[:, :64], torch.ones(1, 64, dtype=torch.int64)))
        if kind == "hubert":
            m = tr.HubertModel(tr.HubertConfig(num_hidden_layers=2))
            return hf_outputs(m, ["last_hidden_state"]), (torch.randn(1, 16000),)
        if kind == "whisper_encoder":
            cfg = tr.WhisperConfig(d_model=384, encoder_layers=2, encoder_attention_heads=6, encoder_ffn_dim=1536,
                                   decoder_layers=1, decoder_attention_heads=6, decoder_ffn_dim=1536)
            return hf_outputs(tr.WhisperModel(cfg).get_encoder(), ["last_hidden_state"]), (torch.randn(1, 80, 3000),)
        if kind == "yolos":
            cfg = tr.YolosConfig(hidden_size=192, num_hidden_layers=4, num_attention_heads=3, intermediate_size=768,
                                 image_size=[320, 480], num_detection_tokens=100)
            m = tr.YolosForObjectDetection(cfg)
            return hf_outputs(m, ["logits", "pred_boxes"]), (torch.randn(1, 3, 320, 480),)
        if kind == "depth_anything":
            bb = tr.Dinov2Config(hidden_size=384, num_hidden_layers=4, num_attention_heads=6, image_size=518,
                                 patch_size=14, out_indices=[1, 2, 3, 4], reshape_hidden_states=False)
            cfg = tr.DepthAnythingConfig(backbone_config=bb, reassemble_hidden_size=384,
                                         neck_hidden_sizes=[48, 96, 192, 384], fusion_hidden_size=64)
            return (hf_outputs(tr.DepthAnythingForDepthEstimation(cfg), ["predicted_depth"]),
                    (torch.randn(1, 3, 252, 336),))
        raise ValueError(kind)

    return build


def _custom(kind: str) -> Callable[[], tuple[Any, tuple]]:
    def build():  # noqa: C901 (one branch per model, as in the other sets)
        import torch
        import torch.nn.functional as F
        from torch import nn

        if kind == "tcresnet":  # TC-ResNet-8: MFCC [1, 1, 101, 40] transposed to 40 channels, 1 x 9 temporal convs
            class Block(nn.Module):
                def __init__(self, i, o) -> None:
                    super().__init__()
                    self.a = nn.Sequential(nn.Conv2d(i, o, (1, 9), (1, 2), (0, 4), bias=False), nn.BatchNorm2d(o),
                                           nn.ReLU())
                    self.b = nn.Sequential(nn.Conv2d(o, o, (1, 9), 1, (0, 4), bias=False), nn.BatchNorm2d(o))
                    self.skip = nn.Sequential(nn.Conv2d(i, o, 1, (1, 2), bias=False), nn.BatchNorm2d(o), nn.ReLU())

                def forward(self, x):
                    return F.relu(self.b(self.a(x)) + self.skip(x))

            class TCResNet(nn.Module):
                def __init__(self, classes=12) -> None:
                    super().__init__()
                    self.stem = nn.Conv2d(40, 24, (1, 3), padding=(0, 1), bias=False)
                    self.blocks = nn.Sequential(Block(24, 36), Block(36, 48), Block(48, 72))
                    self.fc = nn.Conv2d(72, classes, 1)

                def forward(self, mfcc):  # [1, 1, 101, 40] -> class probabilities [1, 12]
                    x = self.blocks(self.stem(mfcc.permute(0, 3, 1, 2)))
                    return self.fc(F.adaptive_avg_pool2d(x, 1)).flatten(1).softmax(-1)

            return TCResNet().eval(), (torch.randn(1, 1, 101, 40),)
        if kind == "abpn":  # ABPN x3 (Mobile AI SR): plain convs + the input repeated 9 times as anchor, PixelShuffle
            class ABPN(nn.Module):
                def __init__(self, c=28, s=3) -> None:
                    super().__init__()
                    layers, i = [], 3
                    for o in (c, c, c, c, c):
                        layers += [nn.Conv2d(i, o, 3, padding=1), nn.ReLU()]
                        i = o
                    self.body = nn.Sequential(*layers, nn.Conv2d(c, 3 * s * s, 3, padding=1), nn.ReLU(),
                                              nn.Conv2d(3 * s * s, 3 * s * s, 3, padding=1))
                    self.s = s

                def forward(self, x):  # [1, 3, 270, 480] in 0..255 -> [1, 3, 810, 1440]
                    y = self.body(x) + torch.cat([x] * (self.s * self.s), 1)
                    return F.pixel_shuffle(y, self.s).clamp(0.0, 255.0)

            return ABPN().eval(), (torch.rand(1, 3, 270, 480) * 255,)
        if kind == "ddrnet":  # DDRNet-23-slim: high / low resolution branches, bilateral fusion, DAPPM
            class Basic(nn.Module):
                def __init__(self, i, o, s=1, last_relu=True) -> None:
                    super().__init__()
                    self.a, self.b = cbr(i, o, 3, s), nn.Sequential(nn.Conv2d(o, o, 3, 1, 1, bias=False),
                                                                    nn.BatchNorm2d(o))
                    self.skip = cbr(i, o, 1, s, act=nn.Identity) if (i != o or s != 1) else nn.Identity()
                    self.last_relu = last_relu

                def forward(self, x):
                    y = self.b(self.a(x)) + self.skip(x)
                    return F.relu(y) if self.last_relu else y

            def up(x, ref):
                return F.interpolate(x, size=ref.shape[2:], mode="bilinear", align_corners=False)

            class DAPPM(nn.Module):
                def __init__(self, i, m, o) -> None:
                    super().__init__()
                    self.scale0 = cbr(i, m, 1)
                    self.pools = nn.ModuleList([nn.Sequential(nn.AvgPool2d(k, s, k // 2), cbr(i, m, 1))
                                                for k, s in ((5, 2), (9, 4), (17, 8))])
                    self.glob = cbr(i, m, 1)
                    self.procs = nn.ModuleList([cbr(m, m, 3) for _ in range(4)])
                    self.comp, self.short = cbr(5 * m, o, 1), cbr(i, o, 1)

                def forward(self, x):
                    outs = [self.scale0(x)]
                    branches = [p(x) for p in self.pools] + [self.glob(F.adaptive_avg_pool2d(x, 1))]
                    for b, proc in zip(branches, self.procs):
                        outs.append(proc(up(b, x) + outs[-1]))
                    return self.comp(torch.cat(outs, 1)) + self.short(x)

            class DDRNet(nn.Module):
                def __init__(self, c=32, classes=19) -> None:
                    super().__init__()
                    self.stem = nn.Sequential(cbr(3, c, 3, 2), cbr(c, c, 3, 2), Basic(c, c), Basic(c, c))
                    self.l2 = nn.Sequential(Basic(c, 2 * c, 2), Basic(2 * c, 2 * c))
                    self.l3, self.l3h = nn.Sequential(Basic(2 * c, 4 * c, 2), Basic(4 * c, 4 * c)), Basic(2 * c, 2 * c)
                    self.l4, self.l4h = nn.Sequential(Basic(4 * c, 8 * c, 2), Basic(8 * c, 8 * c)), Basic(2 * c, 2 * c)
                    self.down3 = cbr(2 * c, 4 * c, 3, 2, act=nn.Identity)
                    self.down4 = nn.Sequential(cbr(2 * c, 4 * c, 3, 2), cbr(4 * c, 8 * c, 3, 2, act=nn.Identity))
                    self.comp3 = cbr(4 * c, 2 * c, 1, act=nn.Identity)
                    self.comp4 = cbr(8 * c, 2 * c, 1, act=nn.Identity)
                    self.l5 = Basic(8 * c, 16 * c, 2)
                    self.spp = DAPPM(16 * c, 128, 4 * c)
                    self.l5h = Basic(2 * c, 4 * c)
                    self.head = nn.Sequential(cbr(4 * c, 64), nn.Conv2d(64, classes, 1))

                def forward(self, x):  # [1, 3, 480, 640] -> logits [1, 19, 480, 640]
                    x2 = self.l2(self.stem(x))
                    lo, hi = self.l3(F.relu(x2)), self.l3h(F.relu(x2))
                    lo, hi = lo + self.down3(F.relu(hi)), hi + up(self.comp3(F.relu(lo)), hi)
                    lo, hi = self.l4(F.relu(lo)), self.l4h(F.relu(hi))
                    lo, hi = lo + self.down4(F.relu(hi)), hi + up(self.comp4(F.relu(lo)), hi)
                    y = self.l5h(F.relu(hi)) + up(self.spp(self.l5(F.relu(lo))), hi)
                    return F.interpolate(self.head(y), scale_factor=8.0, mode="bilinear", align_corners=False)

            return DDRNet().eval(), (torch.randn(1, 3, 480, 640),)
        if kind == "colorization":  # Zhang-style colorization: L in, 313 ab bins, annealed mean, bilinear x4
            def block(i, o, n, s=1, d=1):
                layers = []
                for k in range(n):
                    last = k == n - 1
                    layers += [nn.Conv2d(i if k == 0 else o, o, 3, s if last else 1, d, dilation=d), nn.ReLU()]
                return nn.Sequential(*layers, nn.BatchNorm2d(o))

            class Color(nn.Module):
                def __init__(self) -> None:
                    super().__init__()
                    self.body = nn.Sequential(block(1, 32, 2, 2), block(32, 64, 2, 2), block(64, 128, 3, 2),
                                              block(128, 256, 3), block(256, 256, 3, d=2), block(256, 256, 3, d=2),
                                              block(256, 256, 3))
                    self.up = nn.Sequential(nn.ConvTranspose2d(256, 128, 4, 2, 1), nn.ReLU(),
                                            nn.Conv2d(128, 128, 3, padding=1), nn.ReLU(), nn.Conv2d(128, 313, 1))
                    self.ab = nn.Conv2d(313, 2, 1, bias=False)

                def forward(self, L):  # [1, 1, 256, 256] lightness 0..100 -> ab [1, 2, 256, 256]
                    q = self.up(self.body((L - 50.0) / 100.0))
                    ab = self.ab((q * 2.606).softmax(1))
                    return F.interpolate(ab, scale_factor=4.0, mode="bilinear", align_corners=False) * 110.0

            return Color().eval(), (torch.rand(1, 1, 256, 256) * 100,)
        if kind == "xfeat":  # XFeat-like: grayscale + InstanceNorm, BN without affine, pixel-unshuffle keypoint head
            def basic(i, o, s=1, k=3):
                return nn.Sequential(nn.Conv2d(i, o, k, s, k // 2, bias=False), nn.BatchNorm2d(o, affine=False),
                                     nn.ReLU())

            class XFeat(nn.Module):
                def __init__(self) -> None:
                    super().__init__()
                    self.norm = nn.InstanceNorm2d(1)
                    self.skip1 = nn.Sequential(nn.AvgPool2d(4, 4), nn.Conv2d(1, 24, 1))
                    self.b1 = nn.Sequential(basic(1, 4), basic(4, 8, 2), basic(8, 8), basic(8, 24, 2))
                    self.b2 = nn.Sequential(basic(24, 24), basic(24, 24))
                    self.b3 = nn.Sequential(basic(24, 64, 2), basic(64, 64), basic(64, 64, k=1))
                    self.b4 = nn.Sequential(basic(64, 64, 2), basic(64, 64), basic(64, 64))
                    self.b5 = nn.Sequential(basic(64, 128, 2), basic(128, 128), basic(128, 128), basic(128, 64, k=1))
                    self.fuse = nn.Sequential(basic(64, 64), basic(64, 64), nn.Conv2d(64, 64, 1))
                    self.heat = nn.Sequential(basic(64, 64, k=1), basic(64, 64, k=1), nn.Conv2d(64, 1, 1),
                                              nn.Sigmoid())
                    self.kpt = nn.Sequential(basic(64, 64, k=1), basic(64, 64, k=1), basic(64, 64, k=1),
                                             nn.Conv2d(64, 65, 1))

                def forward(self, img):  # [1, 3, 480, 640] -> descriptors / heat [1, ., 60, 80], logits [1, 65, 60, 80]
                    x = self.norm(img.mean(1, keepdim=True))
                    x2 = self.b2(self.b1(x) + self.skip1(x))
                    x3 = self.b3(x2)
                    x4, x5 = self.b4(x3), None
                    x5 = self.b5(x4)
                    size = x3.shape[2:]
                    feats = self.fuse(x3 + F.interpolate(x4, size, mode="bilinear", align_corners=False)
                                      + F.interpolate(x5, size, mode="bilinear", align_corners=False))
                    kpts = self.kpt(F.pixel_unshuffle(x, 8))
                    return F.normalize(feats, dim=1), kpts, self.heat(feats)

            return XFeat().eval(), (torch.rand(1, 3, 480, 640),)
        if kind == "gtcrn":  # GTCRN-like speech enhancement: ERB merge, unfold SFE, grouped convs, dual-path GRUs
            class GTConv(nn.Module):
                def __init__(self, c, d) -> None:
                    super().__init__()
                    h = c // 2
                    self.pw1 = nn.Sequential(nn.Conv2d(h * 3, h, 1), nn.BatchNorm2d(h), nn.PReLU())
                    self.dw = nn.Sequential(nn.Conv2d(h, h, 3, dilation=(d, 1), groups=h), nn.BatchNorm2d(h),
                                            nn.PReLU())
                    self.pw2 = nn.Sequential(nn.Conv2d(h, h, 1), nn.BatchNorm2d(h))
                    self.tra = nn.GRU(h, 2 * h, batch_first=True)
                    self.tra_fc = nn.Linear(2 * h, h)
                    self.pad = 2 * d

                def forward(self, x):  # [1, c, T, F]
                    a, b = x.chunk(2, 1)
                    h = self.pw1(F.unfold(b, (1, 3), padding=(0, 1)).reshape(b.shape[0], -1, *b.shape[2:]))
                    h = self.pw2(self.dw(F.pad(h, (1, 1, self.pad, 0))))
                    att, _ = self.tra(h.pow(2).mean(-1).transpose(1, 2))  # temporal recurrent attention
                    h = h * self.tra_fc(att).sigmoid().transpose(1, 2)[..., None]
                    y = torch.stack([h, a], 2).flatten(1, 2)  # channel shuffle
                    return y

            class DPGRNN(nn.Module):
                def __init__(self, c, f) -> None:
                    super().__init__()
                    self.intra = nn.ModuleList([nn.GRU(c // 2, c // 4, batch_first=True, bidirectional=True)
                                                for _ in range(2)])
                    self.inter = nn.ModuleList([nn.GRU(c // 2, c // 2, batch_first=True) for _ in range(2)])
                    self.n1, self.n2 = nn.LayerNorm([f, c]), nn.LayerNorm([f, c])

                def grouped(self, grus, x):
                    return torch.cat([g(p)[0] for g, p in zip(grus, x.chunk(2, -1))], -1)

                def forward(self, x):  # [1, c, T, F]
                    B, C, T, Fq = x.shape
                    x = x.permute(0, 2, 3, 1)  # [B, T, F, C]
                    y = self.grouped(self.intra, x.reshape(B * T, Fq, C)).reshape(B, T, Fq, C)
                    x = x + self.n1(y)
                    y = self.grouped(self.inter, x.transpose(1, 2).reshape(B * Fq, T, C)).reshape(B, Fq, T, C)
                    x = x + self.n2(y.transpose(1, 2))
                    return x.permute(0, 3, 1, 2)

            class GTCRN(nn.Module):
                def __init__(self, c=16) -> None:
                    super().__init__()
                    self.erb = nn.Linear(192, 64, bias=False)  # high bands merged to 64 ERB-like bands: 65 + 64 = 129
                    self.enc = nn.Sequential(nn.Conv2d(9, c, (1, 5), (1, 2), (0, 2)), nn.BatchNorm2d(c), nn.PReLU(),
                                             nn.Conv2d(c, c, (1, 5), (1, 2), (0, 2), groups=2), nn.BatchNorm2d(c),
                                             nn.PReLU())
                    self.gt = nn.Sequential(GTConv(c, 1), GTConv(c, 2), GTConv(c, 5))
                    self.dp = nn.Sequential(DPGRNN(c, 33), DPGRNN(c, 33))
                    self.dec = nn.Sequential(nn.ConvTranspose2d(c, c, (1, 5), (1, 2), (0, 2)), nn.BatchNorm2d(c),
                                             nn.PReLU(), nn.ConvTranspose2d(c, 2, (1, 5), (1, 2), (0, 2)), nn.Tanh())
                    self.ierb = nn.Linear(64, 192, bias=False)

                def forward(self, spec):  # [1, 257, 63, 2] (freq, frames, re / im) -> enhanced spectrum, same shape
                    re, im = spec[..., 0].transpose(1, 2)[:, None], spec[..., 1].transpose(1, 2)[:, None]  # [1,1,T,F]
                    mag = (re ** 2 + im ** 2 + 1e-12).sqrt()
                    feat = torch.cat([mag, re, im], 1)
                    feat = torch.cat([feat[..., :65], self.erb(feat[..., 65:])], -1)  # [1, 3, T, 129]
                    feat = F.unfold(feat, (1, 3), padding=(0, 1)).reshape(1, 9, feat.shape[2], 129)
                    x = self.gt(self.enc(feat))
                    m = self.dec(self.dp(x))  # [1, 2, T, 129]
                    m = torch.cat([m[..., :65], self.ierb(m[..., 65:])], -1)  # [1, 2, T, 257]
                    out_re = re * m[:, :1] - im * m[:, 1:]
                    out_im = re * m[:, 1:] + im * m[:, :1]
                    return torch.stack([out_re[:, 0], out_im[:, 0]], -1).transpose(1, 2)

            return GTCRN().eval(), (torch.randn(1, 257, 63, 2),)
        if kind == "sparseinst":  # SparseInst-lite: instance activation maps pool features by bmm; masks by kernels
            class SparseInst(nn.Module):
                def __init__(self, n=100, classes=80, d=128) -> None:
                    super().__init__()
                    self.c3 = nn.Sequential(cbr(3, 32, 3, 2), cbr(32, 64, 3, 2), cbr(64, 128, 3, 2), cbr(128, 128))
                    self.c4, self.c5 = nn.Sequential(cbr(128, 256, 3, 2), cbr(256, 256)), nn.Sequential(
                        cbr(256, 512, 3, 2), cbr(512, 512))
                    self.lat = nn.ModuleList([nn.Conv2d(c, d, 1) for c in (128, 256, 512)])
                    self.ppm = nn.ModuleList([nn.Conv2d(d, d // 4, 1) for _ in range(4)])
                    self.ppm_out = nn.Conv2d(d + d, d, 1)
                    self.fuse = cbr(3 * d, d, 1)
                    self.inst = nn.Sequential(cbr(d + 2, d), cbr(d, d), cbr(d, d), cbr(d, d))
                    self.iam = nn.Conv2d(d, n, 3, padding=1)
                    self.cls, self.obj, self.kernel = nn.Linear(d, classes), nn.Linear(d, 1), nn.Linear(d, d)
                    self.mask = nn.Sequential(cbr(d + 2, d), cbr(d, d), nn.Conv2d(d, d, 1))

                def forward(self, x):  # [1, 3, 640, 640] -> scores [1, 100, 80], masks [1, 100, 80, 80]
                    f3 = self.c3(x)
                    f4 = self.c4(f3)
                    f5 = self.c5(f4)
                    p5 = self.lat[2](f5)
                    pooled = [F.interpolate(m(F.adaptive_avg_pool2d(p5, s)), size=p5.shape[2:], mode="bilinear",
                                            align_corners=False) for m, s in zip(self.ppm, (1, 2, 3, 6))]
                    p5 = self.ppm_out(torch.cat([p5] + pooled, 1))
                    p4 = self.lat[1](f4) + F.interpolate(p5, scale_factor=2.0, mode="nearest")
                    p3 = self.lat[0](f3) + F.interpolate(p4, scale_factor=2.0, mode="nearest")
                    size = p3.shape[2:]
                    f = self.fuse(torch.cat([p3, F.interpolate(p4, size, mode="bilinear", align_corners=False),
                                             F.interpolate(p5, size, mode="bilinear", align_corners=False)], 1))
                    H, W = size
                    ys, xs = torch.meshgrid(torch.linspace(-1, 1, H), torch.linspace(-1, 1, W), indexing="ij")
                    coord = torch.stack([xs, ys])[None].to(f.dtype)
                    fc = torch.cat([f, coord], 1)
                    g = self.inst(fc)
                    iam = self.iam(g).sigmoid().flatten(2)  # [1, N, HW]
                    inst = torch.bmm(iam, g.flatten(2).transpose(1, 2)) / iam.sum(-1, keepdim=True).clamp(min=1e-6)
                    scores = (self.cls(inst).sigmoid() * self.obj(inst).sigmoid()).sqrt()
                    masks = torch.bmm(self.kernel(inst), self.mask(fc).flatten(2)).reshape(1, -1, H, W)
                    return scores, masks.sigmoid()

            return SparseInst().eval(), (torch.randn(1, 3, 640, 640),)
        if kind == "salsanext":  # SalsaNext-lite: range image, dilated residual blocks, avg-pool down, PixelShuffle up
            def conv(i, o, k=3, d=1):
                return nn.Sequential(nn.Conv2d(i, o, k, padding=d * (k // 2), dilation=d), nn.LeakyReLU(),
                                     nn.BatchNorm2d(o))

            class Context(nn.Module):
                def __init__(self, i, o) -> None:
                    super().__init__()
                    self.a, self.b, self.c = nn.Sequential(nn.Conv2d(i, o, 1), nn.LeakyReLU()), conv(o, o), conv(o, o,
                                                                                                               d=2)

                def forward(self, x):
                    s = self.a(x)
                    return s + self.c(self.b(s))

            class Res(nn.Module):
                def __init__(self, i, o, pool=True) -> None:
                    super().__init__()
                    self.short = nn.Sequential(nn.Conv2d(i, o, 1), nn.LeakyReLU())
                    self.c1, self.c2, self.c3 = conv(i, o), conv(o, o, d=2), conv(o, o, d=2)
                    self.mix = conv(3 * o, o, 1)
                    self.pool = nn.AvgPool2d(3, 2, 1) if pool else nn.Identity()

                def forward(self, x):
                    a = self.c1(x)
                    b = self.c2(a)
                    c = self.c3(b)
                    y = self.mix(torch.cat([a, b, c], 1)) + self.short(x)
                    return self.pool(y), y

            class Up(nn.Module):
                def __init__(self, i, skip, o) -> None:
                    super().__init__()
                    self.c1, self.c2 = conv(i // 4 + skip, o), conv(o, o, d=2)
                    self.mix = conv(2 * o, o, 1)

                def forward(self, x, s):
                    x = torch.cat([F.pixel_shuffle(x, 2), s], 1)
                    a = self.c1(x)
                    return self.mix(torch.cat([a, self.c2(a)], 1))

            class SalsaNext(nn.Module):
                def __init__(self, classes=20) -> None:
                    super().__init__()
                    self.ctx = nn.Sequential(Context(5, 32), Context(32, 32))
                    self.r1, self.r2, self.r3 = Res(32, 64), Res(64, 128), Res(128, 256)
                    self.r4 = Res(256, 256, pool=False)
                    self.u3, self.u2, self.u1 = Up(256, 256, 128), Up(128, 128, 64), Up(64, 64, 32)
                    self.out = nn.Conv2d(32, classes, 1)

                def forward(self, x):  # [1, 5, 64, 1024] range / xyz / remission -> class probs [1, 20, 64, 1024]
                    c = self.ctx(x)
                    d1, s1 = self.r1(c)
                    d2, s2 = self.r2(d1)
                    d3, s3 = self.r3(d2)
                    y, _ = self.r4(d3)
                    y = self.u1(self.u2(self.u3(y, s3), s2), s1)
                    return self.out(y).softmax(1)

            return SalsaNext().eval(), (torch.randn(1, 5, 64, 1024),)
        if kind == "ffa":  # FFA-Net-lite dehazing: channel + pixel attention blocks, attention-weighted groups
            class CA(nn.Module):
                def __init__(self, c) -> None:
                    super().__init__()
                    self.f = nn.Sequential(nn.Conv2d(c, c // 8, 1), nn.ReLU(), nn.Conv2d(c // 8, c, 1), nn.Sigmoid())

                def forward(self, x):
                    return x * self.f(F.adaptive_avg_pool2d(x, 1))

            class PA(nn.Module):
                def __init__(self, c) -> None:
                    super().__init__()
                    self.f = nn.Sequential(nn.Conv2d(c, c // 8, 1), nn.ReLU(), nn.Conv2d(c // 8, 1, 1), nn.Sigmoid())

                def forward(self, x):
                    return x * self.f(x)

            class Block(nn.Module):
                def __init__(self, c) -> None:
                    super().__init__()
                    self.c1, self.c2 = nn.Conv2d(c, c, 3, padding=1), nn.Conv2d(c, c, 3, padding=1)
                    self.ca, self.pa = CA(c), PA(c)

                def forward(self, x):
                    y = F.relu(self.c1(x)) + x
                    return self.pa(self.ca(self.c2(y))) + x

            class FFA(nn.Module):
                def __init__(self, c=32, groups=3, blocks=4) -> None:
                    super().__init__()
                    self.pre = nn.Conv2d(3, c, 3, padding=1)
                    self.groups = nn.ModuleList([nn.Sequential(*[Block(c) for _ in range(blocks)],
                                                               nn.Conv2d(c, c, 3, padding=1)) for _ in range(groups)])
                    self.att = nn.Sequential(nn.Conv2d(c * groups, c // 4, 1), nn.ReLU(),
                                             nn.Conv2d(c // 4, c * groups, 1), nn.Sigmoid())
                    self.pa = PA(c)
                    self.post = nn.Sequential(nn.Conv2d(c, c, 3, padding=1), nn.Conv2d(c, 3, 3, padding=1))
                    self.n = groups

                def forward(self, x):  # hazy [1, 3, 256, 256] -> dehazed, same shape
                    outs, y = [], self.pre(x)
                    for g in self.groups:
                        y = g(y) + y
                        outs.append(y)
                    cat = torch.cat(outs, 1)
                    w = self.att(F.adaptive_avg_pool2d(cat, 1)).reshape(1, self.n, -1, 1, 1)
                    y = (w * cat.reshape(1, self.n, -1, *cat.shape[2:])).sum(1)
                    return self.post(self.pa(y)) + x

            return FFA().eval(), (torch.rand(1, 3, 256, 256),)
        raise ValueError(kind)

    return build


def specs() -> list[Spec]:
    return [
        # timm / torchvision variants with sub-patterns no set used
        Spec("cls_timm_efficientnet_b1_pruned_240_op13", "cls", "timm/efficientnet_b1_pruned at 240 (odd channel "
             "counts)", _timm("efficientnet_b1_pruned", 240)),
        Spec("cls_timm_convnext_nano_ols_224_dynamo_op19", "cls", "timm/convnext_nano_ols (overlapping conv stem), "
             "dynamo", _timm("convnext_nano_ols", 224), opset=19, dynamo=True),
        Spec("cls_timm_cs3edgenet_x_256_op12", "cls", "timm/cs3edgenet_x (edge residual blocks) at 256",
             _timm("cs3edgenet_x", 256), opset=12),
        Spec("cls_timm_vit_small_p16_384_d2_op17", "cls", "timm/vit_small_patch16_384, depth 2 (576 tokens)",
             _timm("vit_small_patch16_384", 384, depth=2), opset=17),
        Spec("cls_timm_resnet10t_224_op11", "cls", "timm/resnet10t (tiered stem, average-pool shortcut)",
             _timm("resnet10t", 224), opset=11),
        Spec("cls_tv_vit_b_32_224_dynamo_op18", "cls", "torchvision vit_b_32 (patch 32), dynamo", _tv("vit_b_32", 224),
             opset=18, dynamo=True),
        # Hugging Face transformers from configs, random weights
        Spec("nlp_hf_distilbert_l3_seq128_op14", "seq", "HF DistilBERT, 3 layers (int64 ids + mask)",
             _hf("distilbert"), opset=14, input_names=("input_ids", "attention_mask")),
        Spec("nlp_hf_mobilebert_l4_seq64_dynamo_op18", "seq", "HF MobileBERT, 4 layers (bottleneck, NoNorm), dynamo",
             _hf("mobilebert"), opset=18, dynamo=True, input_names=("input_ids", "attention_mask"),
             output_names=("last_hidden_state", "pooler_output")),
        Spec("asr_hf_hubert_base_l2_16k_op17", "audio", "HF HuBERT-base, 2 layers (raw 1 s audio, conv extractor, "
             "GroupNorm, weight-normed positional conv)", _hf("hubert"), opset=17, input_names=("audio",)),
        Spec("asr_hf_whisper_tiny_encoder_l2_dynamo_op18", "audio", "HF Whisper-tiny encoder, 2 layers (80 x 3000 "
             "log-mel), dynamo", _hf("whisper_encoder"), opset=18, dynamo=True, input_names=("input_features",)),
        Spec("det_hf_yolos_tiny_l4_320x480_op17", "det", "HF YOLOS-tiny, 4 layers, 100 detection tokens",
             _hf("yolos"), opset=17, input_names=("pixel_values",), output_names=("logits", "pred_boxes")),
        Spec("depth_hf_depth_anything_s_l4_252x336_dynamo_op18", "misc", "HF Depth-Anything-small, 4-layer DINOv2 "
             "(DPT neck / head), dynamo", _hf("depth_anything"), opset=18, dynamo=True,
             input_names=("pixel_values",)),
        # ultralytics sizes / heads not exported elsewhere
        Spec("det_yolo26s_640_op13", "det", "yolo26s at 640", None, ultralytics=_yolo("yolo26s.yaml", 640, opset=13)),
        Spec("seg_yolov8s_seg_384x640_op12", "seg", "yolov8s-seg at a 384 x 640 rectangle", None,
             ultralytics=_yolo("yolov8s-seg.yaml", [384, 640], opset=12)),
        Spec("pose_yolo26s_pose_640x384_op17", "pose", "yolo26s-pose at 640 x 384 (portrait)", None,
             ultralytics=_yolo("yolo26s-pose.yaml", [640, 384], opset=17)),
        # hand-built: what users ship to these NPUs that no set hand-built
        Spec("kws_tcresnet8_mfcc101x40_op11", "audio", "TC-ResNet-8 keyword spotting (MFCC as channels, 1 x 9 convs)",
             _custom("tcresnet"), opset=11, input_names=("mfcc",)),
        Spec("sr_abpn_x3_270x480_op12", "misc", "ABPN x3 super-resolution (anchor = input repeated 9 times, "
             "PixelShuffle, clip)", _custom("abpn"), opset=12),
        Spec("seg_ddrnet23_slim_480x640_dynamo_op18", "seg", "DDRNet-23-slim (bilateral fusion, DAPPM), dynamo",
             _custom("ddrnet"), opset=18, dynamo=True),
        Spec("color_zhang_lite_256_op13", "misc", "Zhang-style colorization (313-bin softmax, annealed mean, dilated "
             "convs, ConvTranspose2d)", _custom("colorization"), input_names=("L",), output_names=("ab",)),
        Spec("kpt_xfeat_lite_480x640_op16", "misc", "XFeat-like local features (InstanceNorm, BN without affine, "
             "pixel-unshuffle keypoint head)", _custom("xfeat"), opset=16,
             output_names=("descriptors", "keypoint_logits", "heatmap")),
        Spec("se_gtcrn_lite_257x63_op16", "audio", "GTCRN-like speech enhancement (ERB merge, unfold, grouped "
             "dilated convs, dual-path grouped GRUs, complex mask)", _custom("gtcrn"), opset=16,
             input_names=("spec",), output_names=("enhanced",)),
        Spec("inst_sparseinst_lite_640_dynamo_op18", "seg", "SparseInst-lite (instance activation maps, bmm "
             "pooling, dynamic mask kernels), dynamo", _custom("sparseinst"), opset=18, dynamo=True,
             output_names=("scores", "masks")),
        Spec("lidar_salsanext_lite_64x1024_dynamo_op19", "seg", "SalsaNext-lite LiDAR range-image segmentation "
             "(dilated residual blocks, PixelShuffle up), dynamo", _custom("salsanext"), opset=19, dynamo=True),
        Spec("dehaze_ffa_lite_256_op12", "misc", "FFA-Net-lite dehazing (channel + pixel attention, attention-weighted "
             "groups)", _custom("ffa"), opset=12),
    ]


if __name__ == "__main__":
    sys.exit(run(specs, "/work/calib/s23/unseen14/models", sys.argv[1:]))
