"""Export a twenty-third set of models nobody calibrated on (unseen set 23), to measure how the predictions carry over.

Unseen sets 4 to 22 (export_unseen3.py ... export_unseen21.py) taught fixes and are no longer unseen. No model name here
is in export_models.py, export_unseen.py ... export_unseen21.py, pretrained_set.py, issue_repros.py or issue_repros2.py.
Every timm module but nasnet / pnasnet (88 M parameters at 331) is in an earlier set, so the timm models here are
models of those modules no set exported, at input sizes users pick: EfficientViT-L1 (fused MBConv stages, ReLU linear
attention) at 256 x 320, HGNetV2-B2 at 288 x 480, DLA-34 at 256 x 320, ConvNeXt-Pico at 192 x 320 (dynamo) and
MobileNetV3-Small-100 at 192 x 256 (opset 19). Hugging Face transformers classes no set built, from configs with
random weights (transformers 5.25, nothing downloaded), wrapped to return the tensors: Qwen3 (RMSNorm on the queries
and keys per head, GQA 8 / 2) cut to 2 layers over 64 tokens, LFM2 (gated short Conv1d blocks and GQA attention
blocks; 1 + 1 layers, 64 tokens, dynamo), Gemma-3 text (sliding window 16 then global, q / k norms, embedding scaled
by sqrt(d); 2 layers, 64 tokens, dynamo), ModernBERT (alternating local window 32 / global attention, RoPE, GeGLU;
2 layers, 128 tokens), OPT (learned positions offset by 2, ReLU FFN, pre-LN; 2 layers, 64 tokens), Swin2SR (x2
pixel-shuffle super-resolution, 1 stage of 2 blocks, window 8; 64 x 96) and the Parakeet FastConformer encoder (8x
depthwise-striding subsampling, relative-position attention, convolution module; 2 layers over 200 mel frames). Ultralytics variants at scales and sizes no set exported:
YOLO26n-pose at 256 x 448 (opset 19), YOLO12n-seg at 288 x 512 and YOLO11n-OBB at 384 x 672 (opset 11). Small hand-
built models of edge workloads no set hand-built: an FMCW radar gesture net (range and Doppler DFTs as MatMuls with
fixed DFT matrices over 4 receivers, magnitude, log, CNN), a KWS front end with PCEN (STFT as a strided Conv1d with
DFT kernels, mel MatMul, smoother as a causal depthwise Conv1d, learned Pow exponents) and a small residual CNN, an
ASTER-like OCR attention decoder unrolled 12 steps (GRU cell, additive attention, arg-max fed back through the
embedding), a LightTrack-like pixel-wise correlation tracker (template pixels MatMul search pixels, SE, heads), a
VideoPose3D lifter (dilated temporal Conv1d 3 / 9 / 27 over 81 frames of 17 joints, sliced residuals), an on-device
sampling head (final RMSNorm, tied embedding read by Gather and MatMul, tanh soft-capping, temperature, TopK 40,
softmax), a MIRNet-v2-lite restoration net (selective-kernel fusion with a softmax over branches, multi-scale
residual groups) at 256 x 256, a 3-D U-Net lite for volumes (Conv3d, MaxPool3d, ConvTranspose3d, 32 x 64 x 64) and a
top-down pose net with its heatmap decode in the graph (max / arg-max, Gaussian blur, log, derivative convs read at
the peak by GatherElements: DARK-style refinement) at 256 x 192. Exporters and opsets mixed (TorchScript 11-19, dynamo 18), batch 1, static
shapes. Random weights, nothing downloaded. 24 exports. Changed at export: ModernBERT's default special-token ids
(50281-50283) lie outside a 16000-token vocabulary, so they are set to 0-2. Dropped before any build: HF PatchTST
(set 9 hand-built PatchTST) and an XFeat-like net (set 15 hand-built one), architectures an earlier set had.
Same exporter, manifest and log lines as export_models.py:

    YOLO_OFFLINE=1 nice /work/calib/venv/bin/python calibration/export_unseen22.py --out /work/calib/s31/s31-set23/models

Then the truths, one row at a time (2.3.2 through its venv):

    nice -n 10 python calibration/run_toolkit.py --models /work/calib/s31/s31-set23/models --target rk3588 \
        --dtype float16 --python /work/main/.toolkits/rknn-2.3.2/bin/python \
        --out /work/calib/s31/s31-set23/rk3588-float16-2.3.2/truth.json --jobs 1
    python calibration/score.py --truth /work/calib/s31/s31-set23/rk3588-float16-2.3.2/truth.json \
        --models /work/calib/s31/s31-set23/models --results calibration/results/unseen22/rk3588-float16-2.3.2.json
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, Callable

sys.path.insert(0, str(Path(__file__).resolve().parent))
from export_common import _timm_rect, cbr, hf_outputs, rms_norm, run  # noqa: E402
from export_models import Spec, _yolo  # noqa: E402


def _hf(kind: str) -> Callable[[], tuple[Any, tuple]]:  # noqa: C901 (one branch per model)
    """A Hugging Face transformers model from its config (random weights), wrapped to return plain tensors."""
    def build():  # noqa: C901 (one branch per model)
        import torch
        import transformers as tr

        ids = torch.randint(5, 16000, (1, 128))
        mask = torch.ones(1, 128, dtype=torch.int64)
        ids_mask = ("input_ids", "attention_mask")
        if kind == "qwen3":
            m = tr.Qwen3Model(tr.Qwen3Config(vocab_size=16000, hidden_size=256, intermediate_size=768,
                                             num_hidden_layers=2, num_attention_heads=8, num_key_value_heads=2,
                                             head_dim=32, use_cache=False, max_position_embeddings=1024))
            return hf_outputs(m, ["last_hidden_state"], ids_mask), (ids[:, :64], mask[:, :64])
        if kind == "lfm2":
            m = tr.Lfm2Model(tr.Lfm2Config(vocab_size=16000, hidden_size=256, intermediate_size=768,
                                           num_hidden_layers=2, num_attention_heads=8, num_key_value_heads=2,
                                           layer_types=["conv", "full_attention"], use_cache=False,
                                           max_position_embeddings=1024))
            return hf_outputs(m, ["last_hidden_state"], ids_mask), (ids[:, :64], mask[:, :64])
        if kind == "gemma3":
            m = tr.Gemma3TextModel(tr.Gemma3TextConfig(vocab_size=16000, hidden_size=256, intermediate_size=768,
                                                       num_hidden_layers=2, num_attention_heads=4,
                                                       num_key_value_heads=1, head_dim=64, sliding_window=16,
                                                       layer_types=["sliding_attention", "full_attention"],
                                                       use_cache=False, max_position_embeddings=1024))
            return hf_outputs(m, ["last_hidden_state"], ids_mask), (ids[:, :64], mask[:, :64])
        if kind == "modernbert":
            m = tr.ModernBertModel(tr.ModernBertConfig(vocab_size=16000, hidden_size=256, intermediate_size=512,
                                                       num_hidden_layers=2, num_attention_heads=4,
                                                       local_attention=32, max_position_embeddings=512,
                                                       pad_token_id=0, bos_token_id=1, eos_token_id=2,
                                                       cls_token_id=1, sep_token_id=2,
                                                       layer_types=["sliding_attention", "full_attention"]))
            return hf_outputs(m, ["last_hidden_state"], ids_mask), (ids, mask)
        if kind == "opt":
            m = tr.OPTModel(tr.OPTConfig(vocab_size=16000, hidden_size=256, num_hidden_layers=2, ffn_dim=1024,
                                         num_attention_heads=4, max_position_embeddings=512, use_cache=False,
                                         word_embed_proj_dim=256))
            return hf_outputs(m, ["last_hidden_state"], ids_mask), (ids[:, :64], mask[:, :64])
        if kind == "swin2sr":
            m = tr.Swin2SRForImageSuperResolution(tr.Swin2SRConfig(image_size=64, embed_dim=60, depths=[2],
                                                                    num_heads=[6], window_size=8, upscale=2,
                                                                    upsampler="pixelshuffledirect"))
            return hf_outputs(m, ["reconstruction"]), (torch.rand(1, 3, 64, 96),)
        if kind == "parakeet":
            m = tr.ParakeetEncoder(tr.ParakeetEncoderConfig(hidden_size=176, num_hidden_layers=2,
                                                            num_attention_heads=4, intermediate_size=704,
                                                            num_mel_bins=80))
            return hf_outputs(m, ["last_hidden_state"], ("input_features",)), (torch.randn(1, 200, 80),)
        raise ValueError(kind)

    return build


def _custom(kind: str) -> Callable[[], tuple[Any, tuple]]:  # noqa: C901 (one branch per model)
    def build():  # noqa: C901 (one branch per model, as in the other sets)
        import math

        import torch
        import torch.nn.functional as F
        from torch import nn

        if kind == "radar":  # FMCW radar cube -> range / Doppler DFTs as MatMuls -> magnitude -> CNN
            class RadarGesture(nn.Module):
                def __init__(self, chirps=32, samples=64, rx=4, classes=8) -> None:
                    super().__init__()
                    n = torch.arange(samples, dtype=torch.float32)
                    ang = 2 * math.pi * n[:, None] * n[None, :] / samples
                    self.register_buffer("rc", torch.cos(ang) * torch.hann_window(samples)[:, None])
                    self.register_buffer("rs", -torch.sin(ang) * torch.hann_window(samples)[:, None])
                    c = torch.arange(chirps, dtype=torch.float32)
                    angd = 2 * math.pi * c[:, None] * c[None, :] / chirps
                    self.register_buffer("dc", torch.cos(angd))
                    self.register_buffer("ds", -torch.sin(angd))
                    self.rx = rx
                    self.body = nn.Sequential(cbr(rx, 32, 3), nn.MaxPool2d(2), cbr(32, 64, 3), nn.MaxPool2d(2),
                                              cbr(64, 96, 3), nn.AdaptiveAvgPool2d(1), nn.Flatten(),
                                              nn.Linear(96, classes))

                def forward(self, x):  # [1, 2 * rx, chirps, samples]: real parts then imaginary parts
                    re, im = x[:, :self.rx], x[:, self.rx:]
                    rre = re @ self.rc - im @ self.rs  # range DFT along the samples
                    rim = re @ self.rs + im @ self.rc
                    dre = self.dc @ rre - self.ds @ rim  # Doppler DFT along the chirps
                    dim = self.ds @ rre + self.dc @ rim
                    mag = torch.log1p(torch.sqrt(dre * dre + dim * dim + 1e-6))
                    return self.body(mag)

            return RadarGesture().eval(), (torch.randn(1, 8, 32, 64),)
        if kind == "pcen_kws":  # STFT conv -> mel -> PCEN -> residual CNN
            class PCENKWS(nn.Module):
                def __init__(self, n_fft=400, hop=160, mels=40, classes=12) -> None:
                    super().__init__()
                    bins = n_fft // 2 + 1
                    t = torch.arange(n_fft, dtype=torch.float32)
                    f = torch.arange(bins, dtype=torch.float32)
                    win = torch.hann_window(n_fft)
                    ang = 2 * math.pi * f[:, None] * t[None, :] / n_fft
                    self.stft = nn.Conv1d(1, 2 * bins, n_fft, hop, bias=False)
                    self.stft.weight.data = torch.cat([torch.cos(ang) * win, -torch.sin(ang) * win])[:, None]
                    self.register_buffer("mel", torch.rand(bins, mels) / bins)
                    self.smooth = nn.Conv1d(mels, mels, 16, groups=mels, bias=False)  # EMA as a causal FIR
                    self.smooth.weight.data = (0.04 * 0.96 ** torch.arange(15, -1, -1.0)).repeat(mels, 1, 1)
                    self.log_alpha = nn.Parameter(torch.full((mels, 1), math.log(0.98)))
                    self.log_delta = nn.Parameter(torch.full((mels, 1), math.log(2.0)))
                    self.log_r = nn.Parameter(torch.full((mels, 1), math.log(0.5)))
                    self.bins = bins
                    self.body = nn.Sequential(cbr(1, 32, 3), cbr(32, 32, 3), nn.MaxPool2d(2), cbr(32, 64, 3),
                                              cbr(64, 64, 3, d=2), nn.AdaptiveAvgPool2d(1), nn.Flatten(),
                                              nn.Linear(64, classes))

                def forward(self, wav):  # [1, 1, 16000]
                    s = self.stft(wav)  # [1, 2 * bins, frames]
                    p = s[:, :self.bins] ** 2 + s[:, self.bins:] ** 2
                    e = (p.transpose(1, 2) @ self.mel).transpose(1, 2)  # [1, mels, frames]
                    m = self.smooth(F.pad(e, (15, 0)))
                    alpha, delta, r = self.log_alpha.exp(), self.log_delta.exp(), self.log_r.exp()
                    pcen = (e / (1e-6 + m) ** alpha + delta) ** r - delta ** r
                    return self.body(pcen[:, None])

            return PCENKWS().eval(), (torch.randn(1, 1, 16000) * 0.1,)
        if kind == "aster_dec":  # CNN encoder + unrolled attention decoder with GRU cell
            class Aster(nn.Module):
                def __init__(self, d=256, classes=97, steps=12) -> None:
                    super().__init__()
                    self.enc = nn.Sequential(cbr(3, 32, 3, 2), cbr(32, 64, 3, 2), cbr(64, 128, 3),
                                             nn.MaxPool2d((2, 1)), cbr(128, d, 3), nn.MaxPool2d((2, 1)))
                    self.key = nn.Linear(d, d)
                    self.query = nn.Linear(d, d, bias=False)
                    self.v = nn.Linear(d, 1, bias=False)
                    self.emb = nn.Embedding(classes + 1, 128)
                    self.gru = nn.GRUCell(d + 128, d)
                    self.out = nn.Linear(d, classes)
                    self.steps, self.classes, self.d = steps, classes, d

                def forward(self, x):  # [1, 3, 32, 100]
                    f = self.enc(x).mean(2).transpose(1, 2)  # [1, 25, d]
                    k = self.key(f)
                    h = torch.zeros(1, self.d)
                    y = torch.full((1,), self.classes, dtype=torch.long)
                    logits = []
                    for _ in range(self.steps):
                        e = self.v(torch.tanh(k + self.query(h)[:, None])).squeeze(-1)  # [1, 25]
                        a = e.softmax(-1)
                        ctx = (a[:, :, None] * f).sum(1)
                        h = self.gru(torch.cat([ctx, self.emb(y)], -1), h)
                        o = self.out(h)
                        logits.append(o)
                        y = o.argmax(-1)
                    return torch.stack(logits, 1)

            return Aster().eval(), (torch.randn(1, 3, 32, 100),)
        if kind == "lighttrack":  # pixel-wise correlation tracker
            def dw(i, o, s=1):
                return nn.Sequential(cbr(i, i, 3, s, g=i, act=nn.ReLU6), cbr(i, o, 1, act=nn.ReLU6))

            class LightTrack(nn.Module):
                def __init__(self, c=96) -> None:
                    super().__init__()
                    self.backbone = nn.Sequential(cbr(3, 16, 3, 2), dw(16, 24, 2), dw(24, 32, 2), dw(32, 64, 2),
                                                  dw(64, c, 1))
                    self.se = nn.Sequential(nn.AdaptiveAvgPool2d(1), nn.Conv2d(64, 64, 1), nn.Sigmoid())
                    self.cls = nn.Sequential(dw(64, 64), nn.Conv2d(64, 1, 1))
                    self.reg = nn.Sequential(dw(64, 64), nn.Conv2d(64, 4, 1))

                def forward(self, template, search):  # [1, 3, 128, 128], [1, 3, 256, 256]
                    z = self.backbone(template)  # [1, c, 8, 8]
                    x = self.backbone(search)  # [1, c, 16, 16]
                    n, c, h, w = x.shape
                    corr = (z.flatten(2).transpose(1, 2) @ x.flatten(2)).view(n, -1, h, w)  # [1, 64, 16, 16]
                    corr = corr * self.se(corr)
                    return torch.sigmoid(self.cls(corr)), torch.exp(self.reg(corr))

            return LightTrack().eval(), (torch.randn(1, 3, 128, 128), torch.randn(1, 3, 256, 256))
        if kind == "videopose":  # VideoPose3D lifter, 81 frames
            class Lifter(nn.Module):
                def __init__(self, j=17, c=256) -> None:
                    super().__init__()
                    self.expand = nn.Sequential(nn.Conv1d(2 * j, c, 3, bias=False), nn.BatchNorm1d(c), nn.ReLU())
                    self.dil = (3, 9, 27)
                    self.blocks = nn.ModuleList(
                        nn.Sequential(nn.Conv1d(c, c, 3, dilation=d, bias=False), nn.BatchNorm1d(c), nn.ReLU(),
                                      nn.Conv1d(c, c, 1, bias=False), nn.BatchNorm1d(c), nn.ReLU())
                        for d in self.dil)
                    self.shrink = nn.Conv1d(c, 3 * j, 1)
                    self.j = j

                def forward(self, kp):  # [1, 81, 17, 2]
                    x = kp.flatten(2).transpose(1, 2)  # [1, 34, 81]
                    x = self.expand(x)
                    for d, b in zip(self.dil, self.blocks):
                        x = x[:, :, d:-d] + b(x)
                    return self.shrink(x).view(1, self.j, 3)

            return Lifter().eval(), (torch.randn(1, 81, 17, 2),)
        if kind == "sampling":  # decode-step tail: tied head, soft-capping, top-k sampling distribution
            class SampleHead(nn.Module):
                def __init__(self, vocab=32000, d=256, k=40) -> None:
                    super().__init__()
                    self.emb = nn.Embedding(vocab, d)
                    self.norm = rms_norm(d)
                    self.mix = nn.Linear(2 * d, d, bias=False)
                    self.k = k

                def forward(self, hidden, token, temperature):  # [1, 1, d], [1, 1] int64, [1]
                    prev = self.emb(token) * math.sqrt(hidden.shape[-1])
                    h = self.norm(self.mix(torch.cat([hidden, prev], -1)))
                    logits = h @ self.emb.weight.t()  # [1, 1, vocab]
                    logits = 30.0 * torch.tanh(logits / 30.0) / temperature
                    top, idx = logits.topk(self.k, -1)
                    return top.softmax(-1), idx

            return SampleHead().eval(), (torch.randn(1, 1, 256), torch.tensor([[17]]), torch.tensor([0.7]))
        if kind == "mirnet":  # MIRNet-v2-lite: selective kernel fusion, multi-scale residual groups
            class SKFF(nn.Module):
                def __init__(self, c, n=2) -> None:
                    super().__init__()
                    self.squeeze = nn.Sequential(nn.AdaptiveAvgPool2d(1), nn.Conv2d(c, max(c // 8, 4), 1),
                                                 nn.LeakyReLU(0.2))
                    self.fcs = nn.ModuleList(nn.Conv2d(max(c // 8, 4), c, 1) for _ in range(n))

                def forward(self, feats):
                    u = sum(feats)
                    z = self.squeeze(u)
                    att = torch.stack([fc(z) for fc in self.fcs], 1).softmax(1)  # [1, n, c, 1, 1]
                    return (torch.stack(feats, 1) * att).sum(1)

            class RCB(nn.Module):  # residual contextual block
                def __init__(self, c) -> None:
                    super().__init__()
                    self.body = nn.Sequential(nn.Conv2d(c, c, 3, 1, 1, groups=2), nn.LeakyReLU(0.2),
                                              nn.Conv2d(c, c, 3, 1, 1, groups=2))
                    self.mask = nn.Conv2d(c, 1, 1)
                    self.t = nn.Sequential(nn.Conv2d(c, c, 1), nn.LeakyReLU(0.2), nn.Conv2d(c, c, 1))

                def forward(self, x):
                    y = self.body(x)
                    n, c, h, w = y.shape
                    m = self.mask(y).view(n, 1, h * w).softmax(-1)
                    ctx = (y.view(n, c, h * w) @ m.transpose(1, 2)).view(n, c, 1, 1)
                    return x + F.leaky_relu(y + self.t(ctx), 0.2)

            class MRB(nn.Module):  # two scales, fused both ways
                def __init__(self, c) -> None:
                    super().__init__()
                    self.r1, self.r2 = RCB(c), RCB(2 * c)
                    self.down = nn.Sequential(nn.AvgPool2d(2), nn.Conv2d(c, 2 * c, 1, bias=False))
                    self.up = nn.Sequential(nn.Conv2d(2 * c, c, 1, bias=False),
                                            nn.Upsample(scale_factor=2.0, mode="bilinear", align_corners=False))
                    self.sk = SKFF(c)
                    self.out = nn.Conv2d(c, c, 1)

                def forward(self, x):
                    a = self.r1(x)
                    b = self.r2(self.down(x))
                    return x + self.out(self.sk([a, self.up(b)]))

            class MIRNet(nn.Module):
                def __init__(self, c=32) -> None:
                    super().__init__()
                    self.head = nn.Conv2d(3, c, 3, 1, 1)
                    self.body = nn.Sequential(MRB(c), MRB(c), MRB(c))
                    self.tail = nn.Conv2d(c, 3, 3, 1, 1)

                def forward(self, x):
                    return x + self.tail(self.body(self.head(x)))

            return MIRNet().eval(), (torch.rand(1, 3, 256, 256),)
        if kind == "unet3d":  # volumetric 3-D U-Net lite
            def c3(i, o):
                return nn.Sequential(nn.Conv3d(i, o, 3, 1, 1, bias=False), nn.BatchNorm3d(o), nn.ReLU(),
                                     nn.Conv3d(o, o, 3, 1, 1, bias=False), nn.BatchNorm3d(o), nn.ReLU())

            class UNet3D(nn.Module):
                def __init__(self, c=8, classes=3) -> None:
                    super().__init__()
                    self.e1, self.e2, self.e3 = c3(1, c), c3(c, 2 * c), c3(2 * c, 4 * c)
                    self.pool = nn.MaxPool3d(2)
                    self.u2 = nn.ConvTranspose3d(4 * c, 2 * c, 2, 2)
                    self.d2 = c3(4 * c, 2 * c)
                    self.u1 = nn.ConvTranspose3d(2 * c, c, 2, 2)
                    self.d1 = c3(2 * c, c)
                    self.out = nn.Conv3d(c, classes, 1)

                def forward(self, v):  # [1, 1, 32, 64, 64]
                    a = self.e1(v)
                    b = self.e2(self.pool(a))
                    c = self.e3(self.pool(b))
                    d = self.d2(torch.cat([self.u2(c), b], 1))
                    return self.out(self.d1(torch.cat([self.u1(d), a], 1))).softmax(1)

            return UNet3D().eval(), (torch.randn(1, 1, 32, 64, 64),)
        if kind == "dark":  # top-down pose: heatmaps decoded in the graph, DARK-style Taylor refinement
            class DarkPose(nn.Module):
                def __init__(self, joints=17) -> None:
                    super().__init__()
                    self.body = nn.Sequential(cbr(3, 32, 3, 2), cbr(32, 32, 3, g=32), cbr(32, 64, 1),
                                              cbr(64, 64, 3, 2, g=64), cbr(64, 128, 1), cbr(128, 128, 3, 2, g=128),
                                              cbr(128, 192, 1), cbr(192, 192, 3, 2, g=192), cbr(192, 256, 1))
                    self.deconv = nn.Sequential(nn.ConvTranspose2d(256, 128, 4, 2, 1, bias=False),
                                                nn.BatchNorm2d(128), nn.ReLU(),
                                                nn.ConvTranspose2d(128, 128, 4, 2, 1, bias=False),
                                                nn.BatchNorm2d(128), nn.ReLU())
                    self.hm = nn.Conv2d(128, joints, 1)
                    g = torch.tensor([1.0, 4.0, 6.0, 4.0, 1.0])
                    self.blur = nn.Conv2d(joints, joints, 5, 1, 2, groups=joints, bias=False)
                    self.blur.weight.data = (g[:, None] * g[None, :] / 256).repeat(joints, 1, 1, 1)
                    self.dx = nn.Conv2d(joints, joints, (1, 3), 1, (0, 1), groups=joints, bias=False)
                    self.dx.weight.data = torch.tensor([-0.5, 0.0, 0.5]).view(1, 1, 1, 3).repeat(joints, 1, 1, 1)
                    self.dy = nn.Conv2d(joints, joints, (3, 1), 1, (1, 0), groups=joints, bias=False)
                    self.dy.weight.data = torch.tensor([-0.5, 0.0, 0.5]).view(1, 1, 3, 1).repeat(joints, 1, 1, 1)

                def forward(self, x):  # [1, 3, 256, 192]
                    hm = self.hm(self.deconv(self.body(x)))  # [1, 17, 64, 48]
                    n, k, h, w = hm.shape
                    flat = hm.flatten(2)
                    score, idx = flat.max(-1, keepdim=True)
                    lg = torch.log(self.blur(hm).clamp(min=1e-10))
                    gx = self.dx(lg).flatten(2).gather(2, idx)
                    gy = self.dy(lg).flatten(2).gather(2, idx)
                    xs = (idx % w).float() - gx.clamp(-0.5, 0.5)
                    ys = torch.div(idx, w, rounding_mode="floor").float() - gy.clamp(-0.5, 0.5)
                    return torch.cat([xs * 4, ys * 4, torch.sigmoid(score)], -1)  # [1, 17, 3] in input pixels

            return DarkPose().eval(), (torch.randn(1, 3, 256, 192),)
        raise ValueError(kind)

    return build


def specs() -> list[Spec]:
    ids_mask = ("input_ids", "attention_mask")
    return [
        # timm models of modules whose other models earlier sets exported, at new sizes
        Spec("cls_timm_efficientvit_l1_256x320_op17", "cls", "timm/efficientvit_l1 (fused MBConv, ReLU linear "
             "attention) at 256 x 320", _timm_rect("efficientvit_l1", 256, 320), opset=17),
        Spec("cls_timm_hgnetv2_b2_288x480_op13", "cls", "timm/hgnetv2_b2 at 288 x 480",
             _timm_rect("hgnetv2_b2", 288, 480), opset=13),
        Spec("cls_timm_dla34_256x320_op12", "cls", "timm/dla34 at 256 x 320", _timm_rect("dla34", 256, 320),
             opset=12),
        Spec("cls_timm_convnext_pico_192x320_dynamo_op18", "cls", "timm/convnext_pico at 192 x 320, dynamo",
             _timm_rect("convnext_pico", 192, 320), opset=18, dynamo=True),
        Spec("cls_timm_mobilenetv3_small_100_192x256_op19", "cls", "timm/mobilenetv3_small_100 at 192 x 256",
             _timm_rect("mobilenetv3_small_100", 192, 256), opset=19),
        # Hugging Face transformers classes no set built, from configs, random weights
        Spec("llm_hf_qwen3_l2_seq64_op17", "seq", "HF Qwen3, 2 layers, 256-d (q / k RMSNorm per head, GQA 8 / 2), 64 "
             "tokens", _hf("qwen3"), opset=17, input_names=ids_mask),
        Spec("llm_hf_lfm2_conv_attn_seq64_dynamo_op18", "seq", "HF LFM2, 1 gated short-conv + 1 attention layer, "
             "256-d, 64 tokens, dynamo", _hf("lfm2"), opset=18, dynamo=True, input_names=ids_mask),
        Spec("llm_hf_gemma3_swa16_l2_seq64_dynamo_op18", "seq", "HF Gemma-3 text, sliding 16 then global layer, "
             "256-d, 64 tokens, dynamo", _hf("gemma3"), opset=18, dynamo=True, input_names=ids_mask),
        Spec("nlp_hf_modernbert_l2_seq128_op14", "seq", "HF ModernBERT, local 32 / global layers, 256-d, 128 tokens",
             _hf("modernbert"), opset=14, input_names=ids_mask),
        Spec("llm_hf_opt_l2_seq64_op14", "seq", "HF OPT, 2 layers, 256-d (learned positions, ReLU FFN), 64 tokens",
             _hf("opt"), opset=14, input_names=ids_mask),
        Spec("sr_hf_swin2sr_x2_64x96_op17", "misc", "HF Swin2SR x2 (pixel-shuffle direct), 1 stage of 2 blocks, "
             "window 8, 64 x 96", _hf("swin2sr"), opset=17, input_names=("pixel_values",)),
        Spec("asr_hf_parakeet_encoder_l2_200x80_op17", "audio", "HF Parakeet (FastConformer) encoder, 8x depthwise "
             "subsampling, 2 layers, 176-d, 200 mel frames", _hf("parakeet"), opset=17,
             input_names=("input_features",)),
        # ultralytics variants at scales / sizes / opsets no set exported
        Spec("pose_yolo26n_pose_256x448_op19", "pose", "yolo26n-pose at 256 x 448", None,
             ultralytics=_yolo("yolo26n-pose.yaml", [256, 448], opset=19)),
        Spec("seg_yolo12n_seg_288x512_op13", "seg", "yolo12n-seg at 288 x 512", None,
             ultralytics=_yolo("yolo12n-seg.yaml", [288, 512], opset=13)),
        Spec("obb_yolo11n_obb_384x672_op11", "obb", "yolo11n-obb at 384 x 672", None,
             ultralytics=_yolo("yolo11n-obb.yaml", [384, 672], opset=11)),
        # hand-built: edge workloads no set hand-built
        Spec("radar_fmcw_rd_dft_gesture_32x64_op13", "misc", "FMCW radar gesture net: range / Doppler DFTs as "
             "MatMuls over 4 receivers, magnitude, log, CNN", _custom("radar"), opset=13, input_names=("radar_cube",)),
        Spec("kws_pcen_stft_conv_resnet_1s_op15", "audio", "KWS: STFT as strided Conv1d, mel MatMul, PCEN (FIR "
             "smoother, learned exponents), residual CNN, 1 s at 16 kHz", _custom("pcen_kws"), opset=15,
             input_names=("waveform",)),
        Spec("ocr_aster_attn_gru_unroll12_32x100_op14", "ocr", "ASTER-like OCR: CNN encoder, additive attention GRU "
             "decoder unrolled 12 steps with arg-max feedback", _custom("aster_dec"), opset=14),
        Spec("trk_lighttrack_pwcorr_128_256_op12", "misc", "LightTrack-like tracker: pixel-wise correlation of "
             "template and search features by MatMul, SE, heads", _custom("lighttrack"), opset=12,
             input_names=("template", "search"), output_names=("score", "box")),
        Spec("pose3d_videopose_tcn_81x17_op11", "pose", "VideoPose3D lifter: dilated temporal Conv1d over 81 frames "
             "of 17 2-D joints", _custom("videopose"), opset=11, input_names=("keypoints_2d",)),
        Spec("llm_sampling_head_tied_softcap_top40_op17", "seq", "on-device sampling head: RMSNorm, tied embedding "
             "head (Gather + MatMul), tanh soft-cap, temperature, TopK 40, softmax", _custom("sampling"), opset=17,
             input_names=("hidden", "token", "temperature"), output_names=("probs", "ids")),
        Spec("restore_mirnetv2_lite_256_op13", "misc", "MIRNet-v2-lite restoration (selective kernel fusion, "
             "contextual blocks, 2 scales) at 256", _custom("mirnet"), opset=13),
        Spec("vol_unet3d_lite_32x64x64_op13", "seg", "3-D U-Net lite (Conv3d, MaxPool3d, ConvTranspose3d) on a "
             "32 x 64 x 64 volume", _custom("unet3d"), opset=13, input_names=("volume",)),
        Spec("pose_dark_decode_in_graph_256x192_op16", "pose", "top-down pose with its heatmap decode in the graph "
             "(max / argmax, Gaussian blur, log, derivative convs gathered at the peak) at 256 x 192",
             _custom("dark"), opset=16, output_names=("keypoints",)),
    ]


if __name__ == "__main__":
    sys.exit(run(specs, "/work/calib/s31/s31-set23/models", sys.argv[1:]))
