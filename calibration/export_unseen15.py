"""Export a sixteenth set of models nobody calibrated on, to measure how the predictions carry over (toolkit 2.3.2).

Unseen sets 4 to 15 (export_unseen3.py ... export_unseen14.py) taught fixes and are no longer unseen. No model name
here is in export_models.py, export_unseen.py ... export_unseen14.py, pretrained_set.py or issue_repros.py. The
timm / torchvision rows are variants with sub-patterns no set had: GC-EfficientNetV2-RW-T (fused MBConv, global
context attention: softmax over all positions), TF-MixNet-S (mixed depthwise kernels behind TensorFlow 'same' pads,
opset 12), MobileViT-XS at 256 (dynamo; the XXS one was TorchScript), torchvision RegNetY-1.6GF (dynamo, opset 19).
Hugging Face transformers built from a config with random weights (transformers 5.25, nothing downloaded), exported
as users export them (a wrapper returning the tensors), none of them in set 15: RoBERTa cut to 2 layers (position
ids from input_ids by ne / cumsum, int64 ids + mask, seq 128), ALBERT (one shared layer applied 4 times, factorised
128-d embeddings; dynamo, seq 64), the T5-small encoder cut to 2 layers (relative position buckets by log, RMS
T5LayerNorm, seq 64), Swin-tiny cut to depths 1-1-2-1 (HF window partition / padding code) at 224, SegFormer-B0
(MiT: overlapping patch merging, reduced-key attention, Mix-FFN; dynamo) at 512, DETR with a ResNet-18 backbone
(timm, not pretrained), 2 encoder / 2 decoder layers, 50 queries, at 320 x 320, the Audio Spectrogram Transformer cut
to 2 layers (1024 x 128 fbank in, overlapping 16 x 16 patches, 1214 tokens), ConvNeXtV2-atto (HF GRN) at 224
(dynamo) and the CLIP ViT-B/32 vision tower cut to 3 layers with its projection (pre-LayerNorm, quick GELU).
Ultralytics heads / sizes no set exported: YOLO12s at 480 (area attention), YOLO26s-seg at 512 x 288, YOLOv8s-pose
at 640 (opset 11). Small hand-built models of real edge workloads that no set hand-built: a PARSeq-lite text
recogniser (ViT encoder over a 32 x 128 crop, one non-autoregressive pass of position queries with cross attention,
97 classes), a 3DDFA-like face model (MobileNet regressing 62 parameters, 68 3-D landmarks reconstructed in-graph
by a constant-basis MatMul and the pose matrix) at 120, SimpleBaseline-like pose with the argmax decode in the graph
(ArgMax over the flattened heatmap, x / y by Mod / Div, quarter-pixel offsets by GatherElements) at 256 x 192, a
DCASE-style sound-event CRNN (GLU conv blocks, bidirectional GRU, attention pooling over time) on 64 x 500 log-mel,
SegNeXt-lite (multi-scale conv attention with 1 x k / k x 1 strip convs; dynamo) at 512, FairMOT-lite tracking
(DLA-style IDA up, heat / size / offset heads, 128-d L2-normalised ReID embeddings, max-pool peaks) at 320 x 576,
a CenterPoint-like BEV detector on a 64 x 256 x 256 pillar pseudo-image (SECOND-style ConvTranspose2d upsampling,
six-task heads), an N-BEATS interpretable forecaster (trend polynomial / seasonality Fourier constant bases, stacked
backcast residuals; dynamo) and an AnyNet-like stereo depth net (cost volume by shifted differences, Conv3d
aggregation, soft-argmin disparity) at 256 x 512. Exporters and opsets mixed (TorchScript 11-17, dynamo 18-19),
input sizes as users pick them. Random weights, nothing downloaded. 25 exports (one more than set 15); none
dropped: every one exported and built with 2.3.2 on rk3588 within 90 s (MobileViT-XS the slowest, 87 s with two
builds at a time). Same exporter, manifest and log lines as export_models.py:

    YOLO_OFFLINE=1 /work/calib/venv/bin/python calibration/export_unseen15.py --out /work/calib/s24/unseen15/models

Then the truths, one row at a time (2.3.2 through its venv):

    nice -n 10 python calibration/run_toolkit.py --models /work/calib/s24/unseen15/models --target rk3588 \
        --dtype float16 --python /work/main/.toolkits/rknn-2.3.2/bin/python \
        --out /work/calib/s24/unseen15/rk3588-float16-2.3.2/truth.json --jobs 2
    python calibration/score.py --truth /work/calib/s24/unseen15/rk3588-float16-2.3.2/truth.json \
        --models /work/calib/s24/unseen15/models --results calibration/results/unseen15/rk3588-float16-2.3.2.json
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
    def build():  # noqa: C901 (one branch per model)
        import torch
        import transformers as tr

        ids = torch.randint(5, 20000, (1, 128))
        if kind == "roberta":
            m = tr.RobertaModel(tr.RobertaConfig(num_hidden_layers=2), add_pooling_layer=True)
            return (hf_outputs(m, ["last_hidden_state", "pooler_output"]),
                    (ids, torch.ones(1, 128, dtype=torch.int64)))
        if kind == "albert":
            m = tr.AlbertModel(tr.AlbertConfig(num_hidden_layers=4, hidden_size=384, num_attention_heads=6,
                                               intermediate_size=1536))
            return hf_outputs(m, ["last_hidden_state"]), (ids[:, :64], torch.ones(1, 64, dtype=torch.int64))
        if kind == "t5_encoder":
            m = tr.T5EncoderModel(tr.T5Config(d_model=512, d_ff=2048, num_layers=2, num_heads=8))
            return hf_outputs(m, ["last_hidden_state"]), (ids[:, :64],)
        if kind == "swin":
            m = tr.SwinModel(tr.SwinConfig(depths=[1, 1, 2, 1]))
            return hf_outputs(m, ["pooler_output"]), (torch.randn(1, 3, 224, 224),)
        if kind == "segformer":
            m = tr.SegformerForSemanticSegmentation(tr.SegformerConfig(num_labels=19))
            return hf_outputs(m, ["logits"]), (torch.randn(1, 3, 512, 512),)
        if kind == "detr":
            cfg = tr.DetrConfig(use_timm_backbone=True, backbone="resnet18", use_pretrained_backbone=False,
                                encoder_layers=2, decoder_layers=2, num_queries=50, d_model=256,
                                encoder_ffn_dim=1024, decoder_ffn_dim=1024, num_labels=91)
            m = tr.DetrForObjectDetection(cfg)
            return hf_outputs(m, ["logits", "pred_boxes"]), (torch.randn(1, 3, 320, 320),)
        if kind == "ast":
            m = tr.ASTModel(tr.ASTConfig(num_hidden_layers=2))
            return hf_outputs(m, ["pooler_output"]), (torch.randn(1, 1024, 128),)
        if kind == "convnextv2":
            m = tr.ConvNextV2ForImageClassification(tr.ConvNextV2Config(depths=[2, 2, 6, 2],
                                                                         hidden_sizes=[40, 80, 160, 320]))
            return hf_outputs(m, ["logits"]), (torch.randn(1, 3, 224, 224),)
        if kind == "clip_vision":
            m = tr.CLIPVisionModelWithProjection(tr.CLIPVisionConfig(num_hidden_layers=3, patch_size=32,
                                                                      projection_dim=512))
            return hf_outputs(m, ["image_embeds"]), (torch.randn(1, 3, 224, 224),)
        raise ValueError(kind)

    return build


def _custom(kind: str) -> Callable[[], tuple[Any, tuple]]:
    def build():  # noqa: C901 (one branch per model, as in the other sets)
        import math

        import torch
        import torch.nn.functional as F
        from torch import nn

        def dw(i, o, s=1):
            return nn.Sequential(cbr(i, i, 3, s, g=i), cbr(i, o, 1))

        if kind == "parseq":  # PARSeq-lite: ViT encoder, one non-autoregressive pass of position queries
            class PARSeq(nn.Module):
                def __init__(self, d=192, classes=97, L=26) -> None:
                    super().__init__()
                    self.patch = nn.Conv2d(3, d, (4, 8), (4, 8))
                    self.pos = nn.Parameter(torch.randn(1, 8 * 16, d) * 0.02)
                    layer = nn.TransformerEncoderLayer(d, 3, 4 * d, 0.0, activation="gelu", batch_first=True,
                                                       norm_first=True)
                    self.enc = nn.TransformerEncoder(layer, 4, enable_nested_tensor=False)
                    self.query = nn.Parameter(torch.randn(1, L, d) * 0.02)
                    self.q_norm, self.m_norm = nn.LayerNorm(d), nn.LayerNorm(d)
                    self.cross = nn.MultiheadAttention(d, 3, batch_first=True)
                    self.mlp = nn.Sequential(nn.LayerNorm(d), nn.Linear(d, 4 * d), nn.GELU(), nn.Linear(4 * d, d))
                    self.head = nn.Linear(d, classes)

                def forward(self, x):  # [1, 3, 32, 128] -> [1, 26, 97] probabilities
                    mem = self.m_norm(self.enc(self.patch(x).flatten(2).transpose(1, 2) + self.pos))
                    q = self.query
                    q = q + self.cross(self.q_norm(q), mem, mem, need_weights=False)[0]
                    q = q + self.mlp(q)
                    return self.head(q).softmax(-1)

            return PARSeq().eval(), (torch.randn(1, 3, 32, 128),)
        if kind == "tddfa":  # 3DDFA-like: 62 params -> pose [3 x 4] + shape / expression -> 68 3-D landmarks
            class TDDFA(nn.Module):
                def __init__(self) -> None:
                    super().__init__()
                    chans = [(32, 64, 1), (64, 128, 2), (128, 128, 1), (128, 256, 2), (256, 256, 1), (256, 512, 2),
                             (512, 512, 1), (512, 512, 1), (512, 1024, 2)]
                    self.body = nn.Sequential(cbr(3, 32, 3, 2), *[dw(i, o, s) for i, o, s in chans])
                    self.fc = nn.Linear(1024, 62)
                    g = torch.Generator().manual_seed(0)
                    self.register_buffer("u", torch.randn(204, 1, generator=g))
                    self.register_buffer("w_shp", torch.randn(204, 40, generator=g) * 0.1)
                    self.register_buffer("w_exp", torch.randn(204, 10, generator=g) * 0.1)

                def forward(self, x):  # [1, 3, 120, 120] -> params [1, 62], landmarks [1, 3, 68]
                    p = self.fc(F.adaptive_avg_pool2d(self.body(x), 1).flatten(1))
                    pose = p[:, :12].reshape(-1, 3, 4)
                    R, t = pose[:, :, :3], pose[:, :, 3:]
                    alpha_shp, alpha_exp = p[:, 12:52].reshape(-1, 40, 1), p[:, 52:].reshape(-1, 10, 1)
                    vert = (self.u + self.w_shp @ alpha_shp + self.w_exp @ alpha_exp).reshape(-1, 68, 3)
                    pts = R @ vert.transpose(1, 2) + t
                    return p, pts

            return TDDFA().eval(), (torch.randn(1, 3, 120, 120),)
        if kind == "pose_argmax":  # SimpleBaseline-like with argmax + quarter-offset decode in the graph
            class Pose(nn.Module):
                def __init__(self, k=17) -> None:
                    super().__init__()
                    self.body = nn.Sequential(cbr(3, 32, 3, 2), cbr(32, 64, 3, 2), cbr(64, 128, 3, 2),
                                              cbr(128, 128), cbr(128, 256, 3, 2), cbr(256, 256), cbr(256, 256, 3, 2))
                    self.up = nn.Sequential(*[nn.Sequential(nn.ConvTranspose2d(256, 256, 4, 2, 1, bias=False),
                                                            nn.BatchNorm2d(256), nn.ReLU()) for _ in range(3)])
                    self.head = nn.Conv2d(256, k, 1)

                def forward(self, x):  # [1, 3, 256, 192] -> keypoints [1, 17, 2], scores [1, 17]
                    hm = self.head(self.up(self.body(x)))  # [1, 17, 64, 48]
                    H, W = hm.shape[2], hm.shape[3]
                    flat = hm.flatten(2)
                    score, idx = flat.max(-1)
                    xs, ys = idx % W, torch.div(idx, W, rounding_mode="floor")
                    right = torch.gather(flat, 2, (idx + 1).clamp(max=H * W - 1)[..., None])[..., 0]
                    left = torch.gather(flat, 2, (idx - 1).clamp(min=0)[..., None])[..., 0]
                    down = torch.gather(flat, 2, (idx + W).clamp(max=H * W - 1)[..., None])[..., 0]
                    up = torch.gather(flat, 2, (idx - W).clamp(min=0)[..., None])[..., 0]
                    dx, dy = torch.sign(right - left) * 0.25, torch.sign(down - up) * 0.25
                    kp = torch.stack([xs.float() + dx, ys.float() + dy], -1) * 4.0
                    return kp, score.sigmoid()

            return Pose().eval(), (torch.randn(1, 3, 256, 192),)
        if kind == "sed_crnn":  # DCASE-style SED: GLU conv blocks, BiGRU, frame + attention-pooled clip outputs
            class GLUBlock(nn.Module):
                def __init__(self, i, o, pool) -> None:
                    super().__init__()
                    self.conv, self.bn, self.pool = nn.Conv2d(i, 2 * o, 3, padding=1), nn.BatchNorm2d(2 * o), pool

                def forward(self, x):
                    return F.avg_pool2d(F.glu(self.bn(self.conv(x)), 1), self.pool)

            class SED(nn.Module):
                def __init__(self, classes=10) -> None:
                    super().__init__()
                    pools = [(2, 2), (2, 2), (1, 2), (1, 2), (1, 2), (1, 2)]
                    chans = [1, 16, 32, 64, 128, 128, 128]
                    self.cnn = nn.Sequential(*[GLUBlock(chans[k], chans[k + 1], pools[k]) for k in range(6)])
                    self.rnn = nn.GRU(128, 128, 2, batch_first=True, bidirectional=True)
                    self.strong, self.att = nn.Linear(256, classes), nn.Linear(256, classes)

                def forward(self, mel):  # [1, 1, 500, 64] (frames, mel) -> frame probs [1, 125, 10], clip [1, 10]
                    x = self.cnn(mel)  # [1, 128, 125, 1]
                    x, _ = self.rnn(x.squeeze(-1).transpose(1, 2))
                    strong = self.strong(x).sigmoid()
                    w = self.att(x).softmax(-1).clamp(1e-7, 1.0)
                    weak = (strong * w).sum(1) / w.sum(1)
                    return strong, weak

            return SED().eval(), (torch.randn(1, 1, 500, 64),)
        if kind == "segnext":  # SegNeXt-lite: MSCA (5 x 5 dw + 1 x k / k x 1 strips), Hamburger-free light head
            class MSCA(nn.Module):
                def __init__(self, c) -> None:
                    super().__init__()
                    self.c0 = nn.Conv2d(c, c, 5, padding=2, groups=c)
                    self.strips = nn.ModuleList([nn.Sequential(nn.Conv2d(c, c, (1, k), padding=(0, k // 2), groups=c),
                                                               nn.Conv2d(c, c, (k, 1), padding=(k // 2, 0), groups=c))
                                                 for k in (7, 11, 21)])
                    self.mix = nn.Conv2d(c, c, 1)

                def forward(self, x):
                    a = self.c0(x)
                    return self.mix(a + sum(s(a) for s in self.strips)) * x

            class Block(nn.Module):
                def __init__(self, c) -> None:
                    super().__init__()
                    self.n1, self.n2 = nn.BatchNorm2d(c), nn.BatchNorm2d(c)
                    self.att = nn.Sequential(nn.Conv2d(c, c, 1), nn.GELU(), MSCA(c), nn.Conv2d(c, c, 1))
                    self.ffn = nn.Sequential(nn.Conv2d(c, 4 * c, 1), nn.Conv2d(4 * c, 4 * c, 3, padding=1,
                                                                               groups=4 * c), nn.GELU(),
                                             nn.Conv2d(4 * c, c, 1))

                def forward(self, x):
                    x = x + self.att(self.n1(x))
                    return x + self.ffn(self.n2(x))

            class SegNeXt(nn.Module):
                def __init__(self, classes=19) -> None:
                    super().__init__()
                    dims = (32, 64, 160, 256)
                    self.stem = nn.Sequential(cbr(3, 16, 3, 2, act=nn.GELU), cbr(16, 32, 3, 2, act=nn.GELU))
                    self.stages = nn.ModuleList()
                    for k, c in enumerate(dims):
                        down = nn.Identity() if k == 0 else cbr(dims[k - 1], c, 3, 2, act=nn.Identity)
                        self.stages.append(nn.Sequential(down, Block(c), Block(c)))
                    self.lat = nn.ModuleList([nn.Conv2d(c, 128, 1) for c in dims[1:]])
                    self.head = nn.Sequential(cbr(384, 128, 1), nn.Conv2d(128, classes, 1))

                def forward(self, x):  # [1, 3, 512, 512] -> [1, 19, 512, 512]
                    feats, y = [], self.stem(x)
                    for s in self.stages:
                        y = s(y)
                        feats.append(y)
                    size = feats[1].shape[2:]
                    ups = [F.interpolate(lat(f), size=size, mode="bilinear", align_corners=False)
                           for lat, f in zip(self.lat, feats[1:])]
                    return F.interpolate(self.head(torch.cat(ups, 1)), scale_factor=8.0, mode="bilinear",
                                         align_corners=False)

            return SegNeXt().eval(), (torch.randn(1, 3, 512, 512),)
        if kind == "fairmot":  # FairMOT-lite: DLA-like IDA up, CenterNet heads + L2-normalised ReID embedding
            class FairMOT(nn.Module):
                def __init__(self) -> None:
                    super().__init__()
                    self.s1 = nn.Sequential(cbr(3, 32, 3, 2), cbr(32, 64, 3, 2))  # /4
                    self.s2 = nn.Sequential(cbr(64, 128, 3, 2), cbr(128, 128))  # /8
                    self.s3 = nn.Sequential(cbr(128, 256, 3, 2), cbr(256, 256))  # /16
                    self.s4 = nn.Sequential(cbr(256, 512, 3, 2), cbr(512, 512))  # /32
                    self.proj = cbr(512, 64, 3)
                    self.node = nn.ModuleList([cbr(64 + c, 64, 3) for c in (256, 128, 64)])
                    self.ups = nn.ModuleList([nn.ConvTranspose2d(64, 64, 4, 2, 1, groups=64, bias=False)
                                              for _ in range(3)])

                    def head(o):
                        return nn.Sequential(nn.Conv2d(64, 256, 3, padding=1), nn.ReLU(), nn.Conv2d(256, o, 1))

                    self.hm, self.wh, self.reg, self.id = head(1), head(4), head(2), head(128)

                def forward(self, x):  # [1, 3, 320, 576] -> heat, boxes, offsets, embeddings at 80 x 144
                    f1 = self.s1(x)
                    f2 = self.s2(f1)
                    f3 = self.s3(f2)
                    y = self.proj(self.s4(f3))
                    for node, up, skip in zip(self.node, self.ups, (f3, f2, f1)):
                        y = node(torch.cat([up(y), skip], 1))
                    heat = self.hm(y).sigmoid()
                    peaks = (F.max_pool2d(heat, 3, 1, 1) == heat).float() * heat
                    return peaks, self.wh(y), self.reg(y), F.normalize(self.id(y), dim=1)

            return FairMOT().eval(), (torch.randn(1, 3, 320, 576),)
        if kind == "centerpoint":  # CenterPoint-like BEV: SECOND-style backbone / neck, six-task heads
            class CenterPoint(nn.Module):
                def __init__(self, tasks=(1, 2, 2, 1, 2, 2)) -> None:
                    super().__init__()
                    self.b1 = nn.Sequential(cbr(64, 64, 3, 2), cbr(64, 64), cbr(64, 64))
                    self.b2 = nn.Sequential(cbr(64, 128, 3, 2), cbr(128, 128), cbr(128, 128))
                    self.b3 = nn.Sequential(cbr(128, 256, 3, 2), cbr(256, 256), cbr(256, 256))
                    self.u1 = cbr(64, 128, 1)
                    self.u2 = nn.Sequential(nn.ConvTranspose2d(128, 128, 2, 2, bias=False), nn.BatchNorm2d(128),
                                            nn.ReLU())
                    self.u3 = nn.Sequential(nn.ConvTranspose2d(256, 128, 4, 4, bias=False), nn.BatchNorm2d(128),
                                            nn.ReLU())
                    self.shared = cbr(384, 64)
                    self.heads = nn.ModuleList()
                    for n in tasks:  # per task: heatmap n, reg 2, height 1, dim 3, rot 2 (sin / cos), vel 2
                        self.heads.append(nn.ModuleList([nn.Sequential(cbr(64, 64), nn.Conv2d(64, o, 1))
                                                         for o in (n, 2, 1, 3, 2, 2)]))

                def forward(self, bev):  # [1, 64, 256, 256] pillar features -> 6 tasks x 6 maps at 128 x 128
                    x1 = self.b1(bev)
                    x2 = self.b2(x1)
                    x3 = self.b3(x2)
                    y = self.shared(torch.cat([self.u1(x1), self.u2(x2), self.u3(x3)], 1))
                    outs = []
                    for hs in self.heads:
                        hm, reg, hei, dim, rot, vel = [h(y) for h in hs]
                        outs.append(torch.cat([hm.sigmoid(), reg, hei, dim.exp(), rot, vel], 1))
                    return tuple(outs)

            return CenterPoint().eval(), (torch.randn(1, 64, 256, 256),)
        if kind == "nbeats":  # N-BEATS interpretable: trend (polynomial) and seasonality (Fourier) constant bases
            class NBlock(nn.Module):
                def __init__(self, back, fore, basis_b, basis_f, width=256) -> None:
                    super().__init__()
                    self.fc = nn.Sequential(nn.Linear(back, width), nn.ReLU(), nn.Linear(width, width), nn.ReLU(),
                                            nn.Linear(width, width), nn.ReLU(), nn.Linear(width, width), nn.ReLU())
                    self.theta = nn.Linear(width, basis_b.shape[0], bias=False)
                    self.register_buffer("bb", basis_b)
                    self.register_buffer("bf", basis_f)

                def forward(self, x):
                    th = self.theta(self.fc(x))
                    return th @ self.bb, th @ self.bf

            def trend(n, p=4):
                t = torch.arange(n, dtype=torch.float32) / n
                return torch.stack([t ** k for k in range(p)])

            def season(n, h=8):
                t = torch.arange(n, dtype=torch.float32) / n
                return torch.cat([torch.stack([torch.cos(2 * math.pi * k * t) for k in range(h)]),
                                  torch.stack([torch.sin(2 * math.pi * k * t) for k in range(h)])])

            class NBEATS(nn.Module):
                def __init__(self, back=168, fore=24) -> None:
                    super().__init__()
                    self.blocks = nn.ModuleList([NBlock(back, fore, trend(back), trend(fore)) for _ in range(3)]
                                                + [NBlock(back, fore, season(back), season(fore)) for _ in range(3)])

                def forward(self, x):  # [1, 7, 168] seven series, one week hourly -> [1, 7, 24]
                    fc = 0.0
                    for b in self.blocks:
                        bc, f = b(x)
                        x, fc = x - bc, fc + f
                    return fc

            return NBEATS().eval(), (torch.randn(1, 7, 168),)
        if kind == "stereo":  # AnyNet-like: shared 2-D features, difference cost volume, Conv3d, soft-argmin
            class Stereo(nn.Module):
                def __init__(self, D=24) -> None:
                    super().__init__()
                    self.feat = nn.Sequential(cbr(3, 16, 3, 2), cbr(16, 32, 3, 2), cbr(32, 32), cbr(32, 16, 1))
                    self.agg = nn.Sequential(nn.Conv3d(16, 16, 3, padding=1), nn.BatchNorm3d(16), nn.ReLU(),
                                             nn.Conv3d(16, 16, 3, padding=1), nn.BatchNorm3d(16), nn.ReLU(),
                                             nn.Conv3d(16, 1, 3, padding=1))
                    self.D = D
                    self.register_buffer("disp", torch.arange(D, dtype=torch.float32).reshape(1, D, 1, 1) * 4.0)

                def forward(self, left, right):  # [1, 3, 256, 512] x 2 -> disparity [1, 1, 256, 512]
                    fl, fr = self.feat(left), self.feat(right)  # [1, 16, 64, 128]
                    W = fl.shape[3]
                    costs = [(fl - fr).abs()] + [F.pad((fl[..., d:] - fr[..., :W - d]).abs(), (d, 0))
                                                 for d in range(1, self.D)]
                    cost = self.agg(torch.stack(costs, 2))[:, 0]  # [1, D, 64, 128]
                    disp = (F.softmax(-cost, 1) * self.disp).sum(1, keepdim=True)
                    return F.interpolate(disp, scale_factor=4.0, mode="bilinear", align_corners=False)

            return Stereo().eval(), (torch.randn(1, 3, 256, 512), torch.randn(1, 3, 256, 512))
        raise ValueError(kind)

    return build


def specs() -> list[Spec]:
    return [
        # timm / torchvision variants with sub-patterns no set used
        Spec("cls_timm_gc_efficientnetv2_rw_t_224_op13", "cls", "timm/gc_efficientnetv2_rw_t (fused MBConv, global "
             "context attention)", _timm("gc_efficientnetv2_rw_t", 224), opset=13),
        Spec("cls_timm_tf_mixnet_s_224_op12", "cls", "timm/tf_mixnet_s (mixed kernels, TF 'same' padding)",
             _timm("tf_mixnet_s", 224), opset=12),
        Spec("cls_timm_mobilevit_xs_256_dynamo_op18", "cls", "timm/mobilevit_xs at 256, dynamo",
             _timm("mobilevit_xs", 256), opset=18, dynamo=True),
        Spec("cls_tv_regnet_y_1_6gf_224_dynamo_op19", "cls", "torchvision regnet_y_1_6gf, dynamo",
             _tv("regnet_y_1_6gf", 224), opset=19, dynamo=True),
        # Hugging Face transformers from configs, random weights
        Spec("nlp_hf_roberta_l2_seq128_op14", "seq", "HF RoBERTa, 2 layers (position ids by cumsum; int64 ids + "
             "mask)", _hf("roberta"), opset=14, input_names=("input_ids", "attention_mask"),
             output_names=("last_hidden_state", "pooler_output")),
        Spec("nlp_hf_albert_l4_seq64_dynamo_op18", "seq", "HF ALBERT (one shared layer x 4, factorised "
             "embeddings), dynamo", _hf("albert"), opset=18, dynamo=True,
             input_names=("input_ids", "attention_mask")),
        Spec("nlp_hf_t5_small_encoder_l2_seq64_op17", "seq", "HF T5-small encoder, 2 layers (relative position "
             "buckets, RMS norm)", _hf("t5_encoder"), opset=17, input_names=("input_ids",)),
        Spec("cls_hf_swin_tiny_d1121_224_op17", "cls", "HF Swin-tiny, depths 1-1-2-1", _hf("swin"), opset=17,
             input_names=("pixel_values",)),
        Spec("seg_hf_segformer_b0_512_dynamo_op18", "seg", "HF SegFormer-B0 (MiT), dynamo", _hf("segformer"),
             opset=18, dynamo=True, input_names=("pixel_values",)),
        Spec("det_hf_detr_r18_e2d2_320_op17", "det", "HF DETR, timm ResNet-18 backbone (not pretrained), 2 + 2 "
             "layers, 50 queries", _hf("detr"), opset=17, input_names=("pixel_values",),
             output_names=("logits", "pred_boxes")),
        Spec("audio_hf_ast_l2_1024x128_op17", "audio", "HF Audio Spectrogram Transformer, 2 layers (1214 tokens)",
             _hf("ast"), opset=17, input_names=("input_values",)),
        Spec("cls_hf_convnextv2_atto_224_dynamo_op18", "cls", "HF ConvNeXtV2-atto (GRN), dynamo", _hf("convnextv2"),
             opset=18, dynamo=True, input_names=("pixel_values",)),
        Spec("emb_hf_clip_vit_b32_vision_l3_224_op14", "misc", "HF CLIP ViT-B/32 vision tower, 3 layers, with "
             "projection", _hf("clip_vision"), opset=14, input_names=("pixel_values",)),
        # ultralytics sizes / heads not exported elsewhere
        Spec("det_yolo12s_480_op13", "det", "yolo12s at 480", None, ultralytics=_yolo("yolo12s.yaml", 480, opset=13)),
        Spec("seg_yolo26s_seg_512x288_op12", "seg", "yolo26s-seg at 512 x 288", None,
             ultralytics=_yolo("yolo26s-seg.yaml", [512, 288], opset=12)),
        Spec("pose_yolov8s_pose_640_op11", "pose", "yolov8s-pose at 640", None,
             ultralytics=_yolo("yolov8s-pose.yaml", 640, opset=11)),
        # hand-built: real edge workloads no set hand-built
        Spec("ocr_parseq_lite_32x128_op14", "ocr", "PARSeq-lite text recognition (ViT encoder, position queries, "
             "one cross-attention pass)", _custom("parseq"), opset=14),
        Spec("face_3ddfa_lite_120_op12", "face", "3DDFA-like 62-parameter regression, 68 landmarks reconstructed "
             "in-graph", _custom("tddfa"), opset=12, output_names=("params", "landmarks")),
        Spec("pose_argmax_decode_256x192_op13", "pose", "SimpleBaseline-like pose with ArgMax / GatherElements "
             "decode in the graph", _custom("pose_argmax"), opset=13, output_names=("keypoints", "scores")),
        Spec("sed_crnn_glu_bigru_500x64_op15", "audio", "DCASE-style sound-event CRNN (GLU blocks, BiGRU, attention "
             "pooling)", _custom("sed_crnn"), opset=15, input_names=("mel",), output_names=("strong", "weak")),
        Spec("seg_segnext_lite_512_dynamo_op18", "seg", "SegNeXt-lite (MSCA strip convs), dynamo", _custom("segnext"),
             opset=18, dynamo=True),
        Spec("trk_fairmot_lite_320x576_op11", "track", "FairMOT-lite (IDA up, CenterNet heads, L2-normalised ReID "
             "embeddings)", _custom("fairmot"), opset=11, output_names=("heat", "wh", "reg", "id")),
        Spec("lidar_centerpoint_bev_256_op13", "lidar", "CenterPoint-like BEV detector (SECOND neck, six-task "
             "heads)", _custom("centerpoint"), opset=13, input_names=("bev",)),
        Spec("ts_nbeats_interp_168x24_dynamo_op19", "ts", "N-BEATS interpretable (trend / seasonality bases), "
             "dynamo", _custom("nbeats"), opset=19, dynamo=True),
        Spec("stereo_anynet_lite_256x512_op16", "depth", "AnyNet-like stereo (difference cost volume, Conv3d, "
             "soft-argmin)", _custom("stereo"), opset=16, input_names=("left", "right")),
    ]


if __name__ == "__main__":
    sys.exit(run(specs, "/work/calib/s24/unseen15/models", sys.argv[1:]))
