"""Export a seventeenth set of models nobody calibrated on, to measure how the predictions carry over (toolkit 2.3.2).

Unseen sets 4 to 16 (export_unseen3.py ... export_unseen15.py) taught fixes and are no longer unseen. No model name
here is in export_models.py, export_unseen.py ... export_unseen15.py, pretrained_set.py or issue_repros.py.
Hugging Face transformers built from a config with random weights (transformers 5.25, nothing downloaded), exported
as users export them (a wrapper returning the tensors), none of them in an earlier set: ELECTRA-small cut to 2
layers (factorised 128-d embeddings projected to 256, token type ids as a third int64 input, seq 96), DeBERTa-v2 cut
to 2 layers (disentangled content / position attention, log-bucketed relative positions gathered per query, seq
64), SqueezeBERT cut to 2 layers (grouped Conv1d in place of the dense projections, channels-first, seq 128), WavLM
cut to 2 layers (gated relative position bias over 1 s of raw audio), Data2Vec-Audio cut to 2 layers (conv feature
extractor with LayerNorm, five stacked positional convs; dynamo, 0.5 s), Conditional-DETR with a timm ResNet-18
backbone (not pretrained), 2 + 2 layers, 100 queries (sine reference points, sigmoid / inverse-sigmoid box
refinement) at 384 x 512, CvT-13 cut to depths 1-2-3 (convolutional token embedding, depthwise-conv q / k / v
projections, class token in the last stage; dynamo) at 224, and MobileNetV2 + DeepLabV3 (HF's TF-'same' padding, ASPP
head) at 513 x 513. timm variants with sub-patterns no set had: SK-ResNeXt-50 32x4d (selective kernel over grouped
branches) at 224, Res2NeXt-50 (hierarchical splits with grouped 3 x 3) at 240 x 320, MobileOne-S4 (the SE variant)
at 224 x 288 and CSP-ResNeXt-50 (cross-stage partial with grouped convs) at 256 (dynamo). Ultralytics heads / sizes
no set exported: YOLO11m at 416 x 256, YOLO12s-seg at 384 x 640, YOLO26s-OBB at 512 and YOLOv8s-P2 at 480 (opset 11).
Small hand-built models of real edge workloads that no set hand-built: a MediaPipe-like hand-landmark net (BlazeBlocks
whose residual pads the channels with Pad and max-pools on stride 2; 21 x 3 landmarks, handedness, presence) at 224,
DB++-lite text detection (adaptive scale fusion: spatial attention weighting the four FPN scales, prob / threshold
maps by ConvTranspose2d, differentiable binarisation) at 480 x 640, an RNNoise-like streaming denoiser (three GRUs
with their states as graph inputs / outputs over 42 band features, band gains + VAD), DGCNN (EdgeConv: kNN by TopK
over pairwise distances, neighbour gather, max over k) on 1024 points, PaDiM-lite anomaly detection (three feature
levels resized and concatenated, a constant channel selection, per-position Mahalanobis distance by batched MatMul
with constant inverse covariances, Gaussian blur) at 224, a TSMixer forecaster (RevIN, time- and feature-mixing MLPs;
dynamo) on 512 x 7, a Lite-Mono-like depth net (dilated depthwise blocks, cross-covariance attention over channels
with L2-normalised q / k, multi-scale sigmoid disparities) at 192 x 640 and MatchboxNet-3x2x64 keyword spotting
(1-D time-channel separable convs, pointwise residuals) on 64 x 101 MFCC. Exporters and opsets mixed (TorchScript
11-17, dynamo 18-19), input sizes as users pick them (513, 416 x 256, 240 x 320, 224 x 288 are not all multiples
of 32 or square). Random weights, nothing downloaded. 24 exports. Same exporter, manifest and log lines as
export_models.py:

    YOLO_OFFLINE=1 /work/calib/venv/bin/python calibration/export_unseen16.py --out /work/calib/s25/unseen16/models

Then the truths, one row at a time (2.3.2 through its venv):

    nice -n 10 python calibration/run_toolkit.py --models /work/calib/s25/unseen16/models --target rk3588 \
        --dtype float16 --python /work/main/.toolkits/rknn-2.3.2/bin/python \
        --out /work/calib/s25/unseen16/rk3588-float16-2.3.2/truth.json --jobs 2
    python calibration/score.py --truth /work/calib/s25/unseen16/rk3588-float16-2.3.2/truth.json \
        --models /work/calib/s25/unseen16/models --results calibration/results/unseen16/rk3588-float16-2.3.2.json
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, Callable

sys.path.insert(0, str(Path(__file__).resolve().parent))
from export_common import _timm_rect, cbr, hf_outputs, run  # noqa: E402
from export_models import Spec, _timm, _yolo  # noqa: E402


def _hf(kind: str) -> Callable[[], tuple[Any, tuple]]:
    """A Hugging Face transformers model from its config (random weights), wrapped to return plain tensors."""
    def build():  # noqa: C901 (one branch per model)
        import torch
        import transformers as tr

        ids = torch.randint(5, 20000, (1, 128))
        if kind == "electra":
            m = tr.ElectraModel(tr.ElectraConfig(num_hidden_layers=2))
            tt = torch.cat([torch.zeros(1, 48, dtype=torch.int64), torch.ones(1, 48, dtype=torch.int64)], 1)
            return hf_outputs(m, ["last_hidden_state"]), (ids[:, :96], torch.ones(1, 96, dtype=torch.int64), tt)
        if kind == "deberta":
            m = tr.DebertaV2Model(tr.DebertaV2Config(num_hidden_layers=2, hidden_size=384, num_attention_heads=6,
                                                     intermediate_size=1536, relative_attention=True,
                                                     position_buckets=256, norm_rel_ebd="layer_norm",
                                                     pos_att_type=["p2c", "c2p"], max_relative_positions=-1,
                                                     position_biased_input=False, vocab_size=32000))
            return hf_outputs(m, ["last_hidden_state"]), (ids[:, :64], torch.ones(1, 64, dtype=torch.int64))
        if kind == "squeezebert":
            m = tr.SqueezeBertModel(tr.SqueezeBertConfig(num_hidden_layers=2))
            return (hf_outputs(m, ["last_hidden_state", "pooler_output"]),
                    (ids, torch.ones(1, 128, dtype=torch.int64)))
        if kind == "wavlm":
            m = tr.WavLMModel(tr.WavLMConfig(num_hidden_layers=2))
            return hf_outputs(m, ["last_hidden_state"]), (torch.randn(1, 16000),)
        if kind == "data2vec_audio":
            m = tr.Data2VecAudioModel(tr.Data2VecAudioConfig(num_hidden_layers=2))
            return hf_outputs(m, ["last_hidden_state"]), (torch.randn(1, 8000),)
        if kind == "conditional_detr":
            cfg = tr.ConditionalDetrConfig(use_timm_backbone=True, backbone="resnet18", use_pretrained_backbone=False,
                                           encoder_layers=2, decoder_layers=2, num_queries=100, d_model=256,
                                           encoder_ffn_dim=1024, decoder_ffn_dim=1024, num_labels=91)
            m = tr.ConditionalDetrForObjectDetection(cfg)
            return hf_outputs(m, ["logits", "pred_boxes"]), (torch.randn(1, 3, 384, 512),)
        if kind == "cvt":
            m = tr.CvtForImageClassification(tr.CvtConfig(depth=[1, 2, 3]))
            return hf_outputs(m, ["logits"]), (torch.randn(1, 3, 224, 224),)
        if kind == "mobilenetv2_deeplab":
            m = tr.MobileNetV2ForSemanticSegmentation(tr.MobileNetV2Config(num_labels=21))
            return hf_outputs(m, ["logits"]), (torch.randn(1, 3, 513, 513),)
        raise ValueError(kind)

    return build


def _custom(kind: str) -> Callable[[], tuple[Any, tuple]]:
    def build():  # noqa: C901 (one branch per model, as in the other sets)
        import torch
        import torch.nn.functional as F
        from torch import nn

        if kind == "hand_landmark":  # MediaPipe-like: BlazeBlocks with channel-padded residuals, three heads
            class Blaze(nn.Module):
                def __init__(self, i, o, s=1) -> None:
                    super().__init__()
                    self.dw, self.pw = nn.Conv2d(i, i, 5, s, 2, groups=i), nn.Conv2d(i, o, 1)
                    self.s, self.pad = s, o - i

                def forward(self, x):
                    h = F.max_pool2d(x, 2) if self.s == 2 else x
                    if self.pad:
                        h = F.pad(h, (0, 0, 0, 0, 0, self.pad))
                    return F.relu6(self.pw(self.dw(x)) + h)

            class Hand(nn.Module):
                def __init__(self) -> None:
                    super().__init__()
                    plan = [(24, 24, 1), (24, 48, 2), (48, 48, 1), (48, 96, 2), (96, 96, 1), (96, 192, 2),
                            (192, 192, 1), (192, 192, 1), (192, 288, 2), (288, 288, 1), (288, 288, 1)]
                    self.body = nn.Sequential(nn.Conv2d(3, 24, 3, 2, 1), nn.ReLU6(), *[Blaze(*p) for p in plan])
                    self.lm, self.hand, self.side = nn.Conv2d(288, 63, 7), nn.Conv2d(288, 1, 7), nn.Conv2d(288, 1, 7)

                def forward(self, x):  # [1, 3, 224, 224] -> landmarks [1, 21, 3], presence, handedness
                    y = self.body(x)  # [1, 288, 7, 7]
                    return (self.lm(y).reshape(1, 21, 3) / 224.0, self.hand(y).flatten(1).sigmoid(),
                            self.side(y).flatten(1).sigmoid())

            return Hand().eval(), (torch.randn(1, 3, 224, 224),)
        if kind == "dbpp":  # DB++-lite: FPN, adaptive scale fusion, prob / threshold heads, binarisation
            class ASF(nn.Module):
                def __init__(self, c=64, n=4) -> None:
                    super().__init__()
                    self.conv = nn.Conv2d(c * n, c, 3, padding=1)
                    self.spatial = nn.Sequential(nn.Conv2d(1, 1, 3, padding=1), nn.ReLU(), nn.Conv2d(1, 1, 1),
                                                 nn.Sigmoid())
                    self.att = nn.Sequential(nn.Conv2d(c, n, 1), nn.Sigmoid())
                    self.n = n

                def forward(self, feats):
                    x = torch.cat(feats, 1)
                    y = self.conv(x)
                    w = self.att(self.spatial(y.mean(1, keepdim=True)) + y)
                    return torch.cat([w[:, k:k + 1] * f for k, f in enumerate(feats)], 1)

            class DBPP(nn.Module):
                def __init__(self, c=64) -> None:
                    super().__init__()
                    self.stages = nn.ModuleList([nn.Sequential(cbr(3, 32, 3, 2), cbr(32, 64, 3, 2)),
                                                 nn.Sequential(cbr(64, 128, 3, 2), cbr(128, 128)),
                                                 nn.Sequential(cbr(128, 256, 3, 2), cbr(256, 256)),
                                                 nn.Sequential(cbr(256, 512, 3, 2), cbr(512, 512))])
                    self.lat = nn.ModuleList([nn.Conv2d(k, 4 * c, 1) for k in (64, 128, 256, 512)])
                    self.out = nn.ModuleList([nn.Conv2d(4 * c, c, 3, padding=1) for _ in range(4)])
                    self.asf = ASF(c)

                    def head():
                        return nn.Sequential(cbr(4 * c, c, 3), nn.ConvTranspose2d(c, c, 2, 2), nn.BatchNorm2d(c),
                                             nn.ReLU(), nn.ConvTranspose2d(c, 1, 2, 2), nn.Sigmoid())

                    self.prob, self.thresh = head(), head()

                def forward(self, x):  # [1, 3, 480, 640] -> prob, thresh, binary [1, 1, 480, 640] each
                    feats, y = [], x
                    for s in self.stages:
                        y = s(y)
                        feats.append(y)
                    lat = [l(f) for l, f in zip(self.lat, feats)]
                    for k in (2, 1, 0):
                        lat[k] = lat[k] + F.interpolate(lat[k + 1], scale_factor=2.0, mode="nearest")
                    outs = [F.interpolate(o(l), scale_factor=float(2 ** k), mode="nearest") if k else o(l)
                            for k, (o, l) in enumerate(zip(self.out, lat))]
                    fused = self.asf(outs)
                    p, t = self.prob(fused), self.thresh(fused)
                    return p, t, torch.reciprocal(1 + torch.exp(-50.0 * (p - t)))

            return DBPP().eval(), (torch.randn(1, 3, 480, 640),)
        if kind == "rnnoise":  # RNNoise-like: VAD / noise / denoise GRUs, states in and out
            class RNNoise(nn.Module):
                def __init__(self) -> None:
                    super().__init__()
                    self.dense = nn.Linear(42, 24)
                    self.vad_gru, self.noise_gru = nn.GRU(24, 24, batch_first=True), nn.GRU(90, 48, batch_first=True)
                    self.den_gru = nn.GRU(114, 96, batch_first=True)
                    self.gain, self.vad = nn.Linear(96, 22), nn.Linear(24, 1)

                def forward(self, feats, h_vad, h_noise, h_den):  # [1, 10, 42] frames + three states
                    d = torch.tanh(self.dense(feats))
                    v, h_vad = self.vad_gru(d, h_vad)
                    n, h_noise = self.noise_gru(torch.cat([d, v, feats], -1), h_noise)
                    g, h_den = self.den_gru(torch.cat([v, n, feats], -1), h_den)
                    return self.gain(g).sigmoid(), self.vad(v).sigmoid(), h_vad, h_noise, h_den

            return RNNoise().eval(), (torch.randn(1, 10, 42), torch.zeros(1, 1, 24), torch.zeros(1, 1, 48),
                                      torch.zeros(1, 1, 96))
        if kind == "dgcnn":  # DGCNN: EdgeConv over a kNN graph recomputed per layer
            class EdgeConv(nn.Module):
                def __init__(self, i, o, k=16) -> None:
                    super().__init__()
                    self.k = k
                    self.mlp = nn.Sequential(nn.Conv2d(2 * i, o, 1, bias=False), nn.BatchNorm2d(o), nn.LeakyReLU(0.2))

                def forward(self, x):  # [1, C, N]
                    n = x.shape[2]
                    inner = -2 * torch.matmul(x.transpose(2, 1), x)
                    xx = (x ** 2).sum(1, keepdim=True)
                    idx = (-xx - inner - xx.transpose(2, 1)).topk(self.k, dim=-1)[1]  # [1, N, k]
                    pts = x.transpose(2, 1)[0]  # [N, C]
                    nb = pts[idx.reshape(-1)].reshape(1, n, self.k, -1)
                    ctr = pts.reshape(1, n, 1, -1).expand(-1, -1, self.k, -1)
                    e = torch.cat([nb - ctr, ctr], 3).permute(0, 3, 1, 2)  # [1, 2C, N, k]
                    return self.mlp(e).max(-1)[0]

            class DGCNN(nn.Module):
                def __init__(self, classes=40) -> None:
                    super().__init__()
                    self.e1, self.e2, self.e3 = EdgeConv(3, 64), EdgeConv(64, 64), EdgeConv(64, 128)
                    self.fuse = nn.Sequential(nn.Conv1d(256, 512, 1, bias=False), nn.BatchNorm1d(512),
                                              nn.LeakyReLU(0.2))
                    self.head = nn.Sequential(nn.Linear(1024, 256), nn.ReLU(), nn.Linear(256, classes))

                def forward(self, x):  # [1, 3, 1024] points -> [1, 40]
                    x1 = self.e1(x)
                    x2 = self.e2(x1)
                    x3 = self.e3(x2)
                    y = self.fuse(torch.cat([x1, x2, x3], 1))
                    return self.head(torch.cat([y.amax(-1), y.mean(-1)], 1))

            return DGCNN().eval(), (torch.randn(1, 3, 1024),)
        if kind == "padim":  # PaDiM-lite: per-position Mahalanobis distance over selected features
            class PaDiM(nn.Module):
                def __init__(self, d=32, hw=28) -> None:
                    super().__init__()
                    self.l1 = nn.Sequential(cbr(3, 32, 3, 2), cbr(32, 64, 3, 2), cbr(64, 64, 3, 2))  # /8
                    self.l2 = nn.Sequential(cbr(64, 128, 3, 2), cbr(128, 128))  # /16
                    self.l3 = nn.Sequential(cbr(128, 256, 3, 2), cbr(256, 256))  # /32
                    g = torch.Generator().manual_seed(0)
                    self.register_buffer("sel", torch.randperm(448, generator=g)[:d])
                    self.register_buffer("mean", torch.randn(1, d, hw * hw, generator=g) * 0.1)
                    a = torch.randn(hw * hw, d, d, generator=g) * 0.1
                    self.register_buffer("icov", a @ a.transpose(1, 2) + torch.eye(d))
                    blur = torch.exp(-((torch.arange(9.0) - 4) ** 2) / 8.0)
                    blur = blur[:, None] * blur[None, :]
                    self.register_buffer("blur", (blur / blur.sum()).reshape(1, 1, 9, 9))

                def forward(self, x):  # [1, 3, 224, 224] -> anomaly map [1, 1, 224, 224], score [1]
                    f1 = self.l1(x)
                    f2 = self.l2(f1)
                    f3 = self.l3(f2)
                    size = f1.shape[2:]
                    emb = torch.cat([f1, F.interpolate(f2, size=size, mode="nearest"),
                                     F.interpolate(f3, size=size, mode="nearest")], 1)
                    emb = torch.index_select(emb, 1, self.sel).flatten(2)  # [1, d, P]
                    delta = (emb - self.mean).permute(2, 0, 1)  # [P, 1, d]
                    dist = (torch.matmul(delta, self.icov) * delta).sum(-1).clamp(min=0).sqrt()  # [P, 1]
                    amap = dist.reshape(1, 1, size[0], size[1])
                    amap = F.conv2d(F.interpolate(amap, size=x.shape[2:], mode="bilinear", align_corners=False),
                                    self.blur, padding=4)
                    return amap, amap.flatten(1).amax(1)

            return PaDiM().eval(), (torch.randn(1, 3, 224, 224),)
        if kind == "tsmixer":  # TSMixer: RevIN, time mixing and feature mixing MLPs, temporal projection
            class Block(nn.Module):
                def __init__(self, L, C, hidden=64) -> None:
                    super().__init__()
                    self.n1, self.n2 = nn.LayerNorm(C), nn.LayerNorm(C)
                    self.time = nn.Sequential(nn.Linear(L, L), nn.ReLU())
                    self.feat = nn.Sequential(nn.Linear(C, hidden), nn.ReLU(), nn.Linear(hidden, C))

                def forward(self, x):  # [1, L, C]
                    x = x + self.time(self.n1(x).transpose(1, 2)).transpose(1, 2)
                    return x + self.feat(self.n2(x))

            class TSMixer(nn.Module):
                def __init__(self, L=512, C=7, H=96) -> None:
                    super().__init__()
                    self.w, self.b = nn.Parameter(torch.ones(C)), nn.Parameter(torch.zeros(C))
                    self.blocks = nn.Sequential(*[Block(L, C) for _ in range(4)])
                    self.proj = nn.Linear(L, H)

                def forward(self, x):  # [1, 512, 7] -> [1, 96, 7]
                    mu = x.mean(1, keepdim=True)
                    sd = torch.sqrt(x.var(1, keepdim=True, unbiased=False) + 1e-5)
                    y = self.blocks((x - mu) / sd * self.w + self.b)
                    y = self.proj(y.transpose(1, 2)).transpose(1, 2)
                    return (y - self.b) / (self.w + 1e-10) * sd + mu

            return TSMixer().eval(), (torch.randn(1, 512, 7),)
        if kind == "litemono":  # Lite-Mono-like: dilated depthwise blocks, cross-covariance attention, disparities
            class CDC(nn.Module):
                def __init__(self, c, d) -> None:
                    super().__init__()
                    self.dw = nn.Conv2d(c, c, 3, padding=d, dilation=d, groups=c)
                    self.bn = nn.BatchNorm2d(c)
                    self.mlp = nn.Sequential(nn.Conv2d(c, 4 * c, 1), nn.GELU(), nn.Conv2d(4 * c, c, 1))

                def forward(self, x):
                    return x + self.mlp(self.bn(self.dw(x)))

            class XCA(nn.Module):
                def __init__(self, c, heads=4) -> None:
                    super().__init__()
                    self.h = heads
                    self.norm = nn.LayerNorm(c)
                    self.qkv, self.proj = nn.Linear(c, 3 * c), nn.Linear(c, c)
                    self.temp = nn.Parameter(torch.ones(heads, 1, 1))

                def forward(self, x):  # [1, C, H, W]
                    B, C, H, W = x.shape
                    t = self.norm(x.flatten(2).transpose(1, 2))  # [1, N, C]
                    q, k, v = self.qkv(t).reshape(B, H * W, 3, self.h, C // self.h).permute(2, 0, 3, 4, 1)
                    q, k = F.normalize(q, dim=-1), F.normalize(k, dim=-1)  # over tokens
                    a = ((q @ k.transpose(-2, -1)) * self.temp).softmax(-1)  # [1, h, C/h, C/h]
                    y = (a @ v).permute(0, 3, 1, 2).reshape(B, H * W, C)
                    return x + self.proj(y).transpose(1, 2).reshape(B, C, H, W)

            class LiteMono(nn.Module):
                def __init__(self) -> None:
                    super().__init__()
                    self.stem = nn.Sequential(cbr(3, 32, 3, 2, act=nn.GELU), cbr(32, 32, act=nn.GELU))  # /2
                    self.s1 = nn.Sequential(cbr(32, 48, 3, 2, act=nn.GELU), CDC(48, 1), CDC(48, 2), XCA(48))  # /4
                    self.s2 = nn.Sequential(cbr(48, 80, 3, 2, act=nn.GELU), CDC(80, 1), CDC(80, 2), XCA(80))  # /8
                    self.s3 = nn.Sequential(cbr(80, 128, 3, 2, act=nn.GELU), CDC(128, 1), CDC(128, 2), CDC(128, 3),
                                            XCA(128))  # /16
                    self.up = nn.ModuleList([cbr(128 + 80, 80, act=nn.ELU), cbr(80 + 48, 48, act=nn.ELU),
                                             cbr(48 + 32, 32, act=nn.ELU)])
                    self.disp = nn.ModuleList([nn.Conv2d(c, 1, 3, padding=1) for c in (80, 48, 32)])

                def forward(self, x):  # [1, 3, 192, 640] -> disparities at 1/8, 1/4, 1/2 (sigmoid)
                    f0 = self.stem(x)
                    f1 = self.s1(f0)
                    f2 = self.s2(f1)
                    y = self.s3(f2)
                    outs = []
                    for up, disp, skip in zip(self.up, self.disp, (f2, f1, f0)):
                        y = up(torch.cat([F.interpolate(y, scale_factor=2.0, mode="nearest"), skip], 1))
                        outs.append(disp(y).sigmoid())
                    return tuple(outs)

            return LiteMono().eval(), (torch.randn(1, 3, 192, 640),)
        if kind == "matchbox":  # MatchboxNet 3x2x64: 1-D time-channel separable convs, pointwise residuals
            def sep(i, o, k, d=1):
                return [nn.Conv1d(i, i, k, padding=d * (k // 2), dilation=d, groups=i), nn.Conv1d(i, o, 1),
                        nn.BatchNorm1d(o)]

            class Block(nn.Module):
                def __init__(self, i, o, k) -> None:
                    super().__init__()
                    self.a = nn.Sequential(*sep(i, o, k), nn.ReLU())
                    self.b = nn.Sequential(*sep(o, o, k))
                    self.res = nn.Sequential(nn.Conv1d(i, o, 1), nn.BatchNorm1d(o))

                def forward(self, x):
                    return F.relu(self.b(self.a(x)) + self.res(x))

            class Matchbox(nn.Module):
                def __init__(self, classes=12) -> None:
                    super().__init__()
                    self.pro = nn.Sequential(*sep(64, 128, 11), nn.ReLU())
                    self.blocks = nn.Sequential(Block(128, 64, 13), Block(64, 64, 15), Block(64, 64, 17))
                    self.epi = nn.Sequential(*sep(64, 128, 29, 2), nn.ReLU(), nn.Conv1d(128, 128, 1),
                                             nn.BatchNorm1d(128), nn.ReLU(), nn.Conv1d(128, classes, 1))

                def forward(self, x):  # [1, 64, 101] MFCC -> [1, 12]
                    return self.epi(self.blocks(self.pro(x))).mean(-1).softmax(-1)

            return Matchbox().eval(), (torch.randn(1, 64, 101),)
        raise ValueError(kind)

    return build


def specs() -> list[Spec]:
    return [
        # timm variants with sub-patterns no set used
        Spec("cls_timm_skresnext50_32x4d_224_op13", "cls", "timm/skresnext50_32x4d (selective kernel, grouped "
             "branches)", _timm("skresnext50_32x4d", 224), opset=13),
        Spec("cls_timm_res2next50_240x320_op16", "cls", "timm/res2next50 (hierarchical splits, grouped 3 x 3) at "
             "240 x 320", _timm_rect("res2next50", 240, 320), opset=16),
        Spec("cls_timm_mobileone_s4_224x288_op12", "cls", "timm/mobileone_s4 (SE variant) at 224 x 288",
             _timm_rect("mobileone_s4", 224, 288), opset=12),
        Spec("cls_timm_cspresnext50_256_dynamo_op18", "cls", "timm/cspresnext50 (CSP with grouped convs), dynamo",
             _timm("cspresnext50", 256), opset=18, dynamo=True),
        # Hugging Face transformers from configs, random weights
        Spec("nlp_hf_electra_small_l2_seq96_op14", "seq", "HF ELECTRA-small, 2 layers (embedding projection, token "
             "type ids)", _hf("electra"), opset=14, input_names=("input_ids", "attention_mask", "token_type_ids")),
        Spec("nlp_hf_deberta_v2_l2_seq64_op17", "seq", "HF DeBERTa-v2, 2 layers (disentangled relative attention)",
             _hf("deberta"), opset=17, input_names=("input_ids", "attention_mask")),
        Spec("nlp_hf_squeezebert_l2_seq128_op13", "seq", "HF SqueezeBERT, 2 layers (grouped Conv1d projections)",
             _hf("squeezebert"), opset=13, input_names=("input_ids", "attention_mask"),
             output_names=("last_hidden_state", "pooler_output")),
        Spec("audio_hf_wavlm_l2_16k_op17", "audio", "HF WavLM, 2 layers (gated relative position bias), 1 s raw "
             "audio", _hf("wavlm"), opset=17, input_names=("input_values",)),
        Spec("audio_hf_data2vec_audio_l2_8k_dynamo_op18", "audio", "HF Data2Vec-Audio, 2 layers (LayerNorm conv "
             "features, stacked positional convs), dynamo", _hf("data2vec_audio"), opset=18, dynamo=True,
             input_names=("input_values",)),
        Spec("det_hf_conditional_detr_r18_e2d2_384x512_op17", "det", "HF Conditional-DETR, timm ResNet-18 backbone "
             "(not pretrained), 2 + 2 layers, 100 queries", _hf("conditional_detr"), opset=17,
             input_names=("pixel_values",), output_names=("logits", "pred_boxes")),
        Spec("cls_hf_cvt13_d123_224_dynamo_op18", "cls", "HF CvT-13, depths 1-2-3 (conv token embedding, conv "
             "projections), dynamo", _hf("cvt"), opset=18, dynamo=True, input_names=("pixel_values",)),
        Spec("seg_hf_mobilenetv2_deeplabv3_513_op13", "seg", "HF MobileNetV2 + DeepLabV3 (TF 'same' padding, ASPP) "
             "at 513", _hf("mobilenetv2_deeplab"), opset=13, input_names=("pixel_values",)),
        # ultralytics sizes / heads not exported elsewhere
        Spec("det_yolo11m_416x256_op12", "det", "yolo11m at 416 x 256", None,
             ultralytics=_yolo("yolo11m.yaml", [416, 256], opset=12)),
        Spec("seg_yolo12s_seg_384x640_op13", "seg", "yolo12s-seg at 384 x 640", None,
             ultralytics=_yolo("yolo12s-seg.yaml", [384, 640], opset=13)),
        Spec("obb_yolo26s_obb_512_op17", "obb", "yolo26s-obb at 512", None,
             ultralytics=_yolo("yolo26s-obb.yaml", 512, opset=17)),
        Spec("det_yolov8s_p2_480_op11", "det", "yolov8s-p2 at 480", None,
             ultralytics=_yolo("yolov8s-p2.yaml", 480, opset=11)),
        # hand-built: real edge workloads no set hand-built
        Spec("hand_blaze_landmark_224_op12", "pose", "MediaPipe-like hand landmarks (BlazeBlocks, channel-padded "
             "residuals)", _custom("hand_landmark"), opset=12, output_names=("landmarks", "presence", "handedness")),
        Spec("ocr_dbpp_asf_480x640_op14", "ocr", "DB++-lite text detection (adaptive scale fusion, binarisation)",
             _custom("dbpp"), opset=14, output_names=("prob", "thresh", "binary")),
        Spec("audio_rnnoise_gru_stream_op13", "audio", "RNNoise-like streaming denoiser (three GRUs, states in / "
             "out)", _custom("rnnoise"), opset=13, input_names=("feats", "h_vad", "h_noise", "h_den"),
             output_names=("gains", "vad", "h_vad_out", "h_noise_out", "h_den_out")),
        Spec("pc_dgcnn_edgeconv_1024_op13", "lidar", "DGCNN (EdgeConv: kNN by TopK, neighbour gather, max over k)",
             _custom("dgcnn"), opset=13, input_names=("points",)),
        Spec("anomaly_padim_lite_224_op12", "anomaly", "PaDiM-lite (per-position Mahalanobis by batched MatMul, "
             "Gaussian blur)", _custom("padim"), opset=12, output_names=("amap", "score")),
        Spec("ts_tsmixer_512x7_dynamo_op19", "ts", "TSMixer (RevIN, time / feature mixing MLPs), dynamo",
             _custom("tsmixer"), opset=19, dynamo=True),
        Spec("depth_litemono_lite_192x640_op16", "depth", "Lite-Mono-like depth (dilated depthwise blocks, "
             "cross-covariance attention)", _custom("litemono"), opset=16, output_names=("disp3", "disp2", "disp1")),
        Spec("kws_matchboxnet_3x2x64_op15", "audio", "MatchboxNet-3x2x64 keyword spotting (1-D separable convs)",
             _custom("matchbox"), opset=15, input_names=("mfcc",)),
    ]


if __name__ == "__main__":
    sys.exit(run(specs, "/work/calib/s25/unseen16/models", sys.argv[1:]))
