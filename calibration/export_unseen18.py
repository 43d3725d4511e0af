"""Export a nineteenth set of models nobody calibrated on, to measure how the predictions carry over (toolkit 2.3.2).

Unseen sets 4 to 18 (export_unseen3.py ... export_unseen17.py) taught fixes and are no longer unseen. No model name here
is in export_models.py, export_unseen.py ... export_unseen17.py, pretrained_set.py, issue_repros.py or issue_repros2.py,
and no architecture either. timm variants with sub-patterns no set had: EfficientNet-ES (EdgeTPU-S: fused expansion
convs, ReLU, no SE) at 224 x 320, TF-MobileNetV3-Large-minimal (no SE, no hard-swish, TensorFlow 'same' pads) at 256 x
192, the CLIP ModifiedResNet-50 (anti-aliased average-pool downsampling, attention pooling with a class token; dynamo)
and ViT-B with learned mixed-frequency 2-D RoPE cut to 2 blocks (dynamo). Hugging Face transformers built from a config
with random weights (transformers 5.25, nothing downloaded), exported as users export them (a wrapper returning the
tensors), none of them in an earlier set: RoBERTa-PreLayerNorm cut to 2 layers (seq 128), RoFormer cut to 2 layers
(sinusoidal rotary q / k, 384-d), Funnel-base with blocks 1-1-1 (mean-pooled queries, relative attention, seq 128 to
32), Wav2Vec2-BERT cut to 2 conformer layers (200 stacked fbank frames of 160), the BLIP vision tower cut to 2 layers at
384 (dynamo), the Pix2Struct vision encoder cut to 2 layers (512 flattened patches with row / column ids gathered into
embeddings), UperNet (PPM + FPN) on a ConvNeXt 1-1-3-1 backbone at 384 x 576 and ViTPose with a 4-layer backbone and the
simple decoder at 256 x 192 (dynamo). Ultralytics heads / sizes no set exported: YOLOv10n at 384 x 672, YOLOv5n-P6
(YOLOv5u, anchor-free, four scales) at 512 x 768, YOLO11n-pose at 480 x 288 (portrait) and YOLO11s-OBB at 416 x 736.
Small hand-built models of real edge workloads that no set hand-built: ABINet-lite text recognition (position attention
over a mini U-Net of keys, one language-model pass over the softmaxed vision logits, gated fusion; opset 14) on 32 x
128, DCCRN-lite speech enhancement (complex Conv2d / ConvTranspose2d pairs, complex LSTM, complex ratio mask through
atan2 / cos / sin) on 257 x 100 spectra, Demucs-lite (Conv1d k8 s4 + GLU encoder, input padded to a valid length,
BiLSTM, ConvTranspose1d decoder with cropped skips) on 1 s of audio, ERFNet (downsampler conv || max-pool,
non-bottleneck-1d blocks of dilated 3 x 1 / 1 x 3 convs, ConvTranspose2d decoder) at 288 x 512, an LLM decode step with
a static KV cache [1, 128, kv heads x head dim] written by a one-hot position mask (fused Qwen-style qkv with bias,
interleaved RoPE, GQA by expand, einsum attention), PicoDet-lite (ESNet shuffle blocks with SE, CSP-PAN, GFL head with
the DFL integral as softmax @ arange) at 320 x 416, CREPE-tiny pitch (k x 1 convs over 8 frames of 1024 samples, 360-bin
sigmoid, ArgMax and local weighted-average decode) and a MiDaS-small-like depth net (EfficientNet-Lite3 features,
RefineNet fusion, align_corners upsampling) at 256 x 384. Exporters and opsets mixed (TorchScript 11-17, dynamo 18),
input sizes as users pick them (224 x 320, 256 x 192, 384 x 576, 384 x 672, 480 x 288, 416 x 736, 320 x 416, 288 x 512
are not square). Random weights, nothing downloaded. 24 exports. Changed at export: ViT-RoPE-mixed (TorchScript:
scaled_dot_product_attention got a tensor is_causal) became dynamo; UperNet at 320 x 480 (the PPM's adaptive pools of 10
x 15 to 6 x 6 do not export with TorchScript) became 384 x 576; ABINet-lite opset 13 (no scaled_dot_product_attention
before 14) became 14; the BLIP and Pix2Struct vision configs initialise weights with a standard deviation of 1e-10 (in
fp16 every weight is 0: the rk3588 build refused BLIP, "All outputs ... are constants", and Pix2Struct failed in
fold_constant), so both are built with initializer_range 0.02. Dropped: HF Nystromformer (TorchScript trace and dynamo
both fail on its landmark segment means) and timm MobileNetV3-RW (to keep 24; too close to set 14's MobileNetV3-Large).
Same exporter, manifest and log lines as export_models.py:

    YOLO_OFFLINE=1 /work/calib/venv/bin/python calibration/export_unseen18.py --out /work/calib/s27/unseen18/models

Then the truths, one row at a time (2.3.2 through its venv):

    nice -n 10 python calibration/run_toolkit.py --models /work/calib/s27/unseen18/models --target rk3588 \
        --dtype float16 --python /work/main/.toolkits/rknn-2.3.2/bin/python \
        --out /work/calib/s27/unseen18/rk3588-float16-2.3.2/truth.json --jobs 2
    python calibration/score.py --truth /work/calib/s27/unseen18/rk3588-float16-2.3.2/truth.json \
        --models /work/calib/s27/unseen18/models --results calibration/results/unseen18/rk3588-float16-2.3.2.json
"""
from __future__ import annotations

import math
import sys
from pathlib import Path
from typing import Any, Callable

sys.path.insert(0, str(Path(__file__).resolve().parent))
from export_common import _timm_rect, cbr, hf_outputs, rms_norm, run  # noqa: E402
from export_models import Spec, _timm, _yolo  # noqa: E402


def _hf(kind: str) -> Callable[[], tuple[Any, tuple]]:
    """A Hugging Face transformers model from its config (random weights), wrapped to return plain tensors."""
    def build():  # noqa: C901 (one branch per model)
        import torch
        import transformers as tr

        ids = torch.randint(5, 20000, (1, 128))
        mask = torch.ones(1, 128, dtype=torch.int64)
        if kind == "roberta_preln":
            m = tr.RobertaPreLayerNormModel(tr.RobertaPreLayerNormConfig(num_hidden_layers=2))
            return hf_outputs(m, ["last_hidden_state"]), (ids, mask)
        if kind == "roformer":
            m = tr.RoFormerModel(tr.RoFormerConfig(num_hidden_layers=2, hidden_size=384, num_attention_heads=6,
                                                   intermediate_size=1536, embedding_size=384))
            return hf_outputs(m, ["last_hidden_state"]), (ids, mask)
        if kind == "funnel":
            m = tr.FunnelBaseModel(tr.FunnelConfig(block_sizes=[1, 1, 1], d_model=384, n_head=6, d_head=64,
                                                   d_inner=1536))
            return hf_outputs(m, ["last_hidden_state"]), (ids, mask)
        if kind == "w2v2_bert":
            m = tr.Wav2Vec2BertModel(tr.Wav2Vec2BertConfig(num_hidden_layers=2, hidden_size=512,
                                                           num_attention_heads=8, intermediate_size=2048,
                                                           output_hidden_size=512))
            return hf_outputs(m, ["last_hidden_state"]), (torch.randn(1, 200, 160),)
        if kind == "blip_vision":
            m = tr.BlipVisionModel(tr.BlipVisionConfig(num_hidden_layers=2, image_size=384, patch_size=16,
                                                         initializer_range=0.02))
            return hf_outputs(m, ["last_hidden_state", "pooler_output"]), (torch.randn(1, 3, 384, 384),)
        if kind == "pix2struct_vision":
            m = tr.Pix2StructVisionModel(tr.Pix2StructVisionConfig(num_hidden_layers=2, hidden_size=384,
                                                                   num_attention_heads=6, d_ff=1024, d_kv=64,
                                                                   patch_embed_hidden_size=768,
                                                                   initializer_range=0.02))
            rows, cols = torch.meshgrid(torch.arange(1, 17.0), torch.arange(1, 33.0), indexing="ij")  # 16 x 32 patches
            patches = torch.cat([rows.reshape(1, 512, 1), cols.reshape(1, 512, 1), torch.randn(1, 512, 768)], -1)
            return hf_outputs(m, ["last_hidden_state"]), (patches, torch.ones(1, 512))
        if kind == "upernet_convnext":
            bb = tr.ConvNextConfig(depths=[1, 1, 3, 1], hidden_sizes=[48, 96, 192, 384],
                                   out_features=["stage1", "stage2", "stage3", "stage4"])
            m = tr.UperNetForSemanticSegmentation(tr.UperNetConfig(backbone_config=bb, hidden_size=128,
                                                                   auxiliary_in_channels=192, num_labels=21,
                                                                   use_auxiliary_head=False))
            return hf_outputs(m, ["logits"]), (torch.randn(1, 3, 384, 576),)
        if kind == "vitpose":
            bb = tr.VitPoseBackboneConfig(num_hidden_layers=4, hidden_size=384, num_attention_heads=6,
                                          intermediate_size=1536, image_size=[256, 192], out_indices=[4])
            m = tr.VitPoseForPoseEstimation(tr.VitPoseConfig(backbone_config=bb, use_simple_decoder=True,
                                                             num_labels=17))
            return hf_outputs(m, ["heatmaps"]), (torch.randn(1, 3, 256, 192),)
        raise ValueError(kind)

    return build


def _custom(kind: str) -> Callable[[], tuple[Any, tuple]]:  # noqa: C901 (one branch per model)
    def build():  # noqa: C901 (one branch per model, as in the other sets)
        import torch
        import torch.nn.functional as F
        from torch import nn

        if kind == "abinet":  # ABINet-lite: ResNet-ish + transformer, position attention, one language / fusion pass
            class PosAttn(nn.Module):
                def __init__(self, c=256, T=26, h=8, w=32) -> None:
                    super().__init__()
                    self.k1, self.k2 = cbr(c, 64, 3, (1, 2)), cbr(64, 64, 3, (2, 2))
                    self.u1, self.u2 = cbr(64, 64), cbr(64, c)
                    self.pos = nn.Parameter(torch.randn(1, T, c) * 0.02)
                    self.q = nn.Linear(c, c)
                    self.c = c

                def forward(self, x):  # x [1, c, 8, 32]
                    k1 = self.k1(x)  # [1, 64, 8, 16]
                    k2 = self.k2(k1)  # [1, 64, 4, 8]
                    k = self.u1(F.interpolate(k2, size=k1.shape[2:], mode="nearest")) + k1
                    k = self.u2(F.interpolate(k, size=x.shape[2:], mode="nearest"))
                    q = self.q(self.pos)
                    a = torch.softmax(q @ k.flatten(2) / math.sqrt(self.c), -1)  # [1, T, 256]
                    return a @ x.flatten(2).transpose(1, 2)  # [1, T, c]

            class ABINet(nn.Module):
                def __init__(self, c=256, T=26, classes=37) -> None:
                    super().__init__()
                    self.body = nn.Sequential(cbr(3, 32), cbr(32, 64, 3, 2), cbr(64, 64), cbr(64, 128, 3, (2, 1)),
                                              cbr(128, 128), cbr(128, c, 3, (1, 1)), cbr(c, c))  # [1, c, 8, 64]
                    self.down = cbr(c, c, 3, (1, 2))  # [1, c, 8, 32]
                    self.enc = nn.TransformerEncoder(nn.TransformerEncoderLayer(c, 8, 512, 0.0, batch_first=True), 2)
                    self.pe = nn.Parameter(torch.randn(1, 256, c) * 0.02)
                    self.att = PosAttn(c, T)
                    self.vcls = nn.Linear(c, classes)
                    self.proj = nn.Linear(classes, c, bias=False)
                    self.lpos = nn.Parameter(torch.randn(1, T, c) * 0.02)
                    self.dec = nn.TransformerDecoder(nn.TransformerDecoderLayer(c, 8, 512, 0.0, batch_first=True), 1)
                    self.lcls = nn.Linear(c, classes)
                    self.gate = nn.Linear(2 * c, c)
                    self.fcls = nn.Linear(c, classes)
                    self.register_buffer("lmask", torch.eye(T) * -1e4)  # a character does not see itself

                def forward(self, x):  # [1, 3, 32, 128]
                    f = self.down(self.body(x))
                    s = f.flatten(2).transpose(1, 2) + self.pe
                    f = self.enc(s).transpose(1, 2).reshape(f.shape)
                    v = self.att(f)
                    vlog = self.vcls(v)
                    emb = self.proj(torch.softmax(vlog, -1))
                    lf = self.dec(self.lpos.expand(1, -1, -1), emb, tgt_mask=self.lmask)
                    g = torch.sigmoid(self.gate(torch.cat([v, lf], -1)))
                    fused = g * v + (1 - g) * lf
                    return self.fcls(fused).softmax(-1), vlog

            return ABINet().eval(), (torch.randn(1, 3, 32, 128),)
        if kind == "dccrn":  # DCCRN-lite: complex conv encoder / decoder, complex LSTM, complex ratio mask (E)
            class CConv(nn.Module):
                def __init__(self, i, o, tr_=False) -> None:
                    super().__init__()
                    C = nn.ConvTranspose2d if tr_ else nn.Conv2d
                    kw = dict(kernel_size=(5, 2), stride=(2, 1), padding=(2, 0))
                    if tr_:
                        kw["output_padding"] = (1, 0)
                    self.re, self.im = C(i, o, **kw), C(i, o, **kw)
                    self.tr = tr_

                def forward(self, r, i):
                    if not self.tr:  # causal along time: pad one frame in front
                        r, i = F.pad(r, (1, 0)), F.pad(i, (1, 0))
                    rr, ii = self.re(r) - self.im(i), self.re(i) + self.im(r)
                    if self.tr:
                        rr, ii = rr[..., 1:], ii[..., 1:]
                    return rr, ii

            class DCCRN(nn.Module):
                def __init__(self, ch=(8, 16, 32, 64), F_=256, hid=128) -> None:
                    super().__init__()
                    io = list(zip((1,) + ch[:-1], ch))
                    self.enc = nn.ModuleList(CConv(i, o) for i, o in io)
                    self.ebn = nn.ModuleList(nn.BatchNorm2d(2 * o) for _, o in io)
                    fd = F_ // 2 ** len(ch)
                    self.lr, self.li = nn.LSTM(ch[-1] * fd, hid, batch_first=True), nn.LSTM(ch[-1] * fd, hid,
                                                                                              batch_first=True)
                    self.fr, self.fi = nn.Linear(hid, ch[-1] * fd), nn.Linear(hid, ch[-1] * fd)
                    self.dec = nn.ModuleList(CConv(2 * o, i, True) for i, o in reversed(io))
                    self.dbn = nn.ModuleList(nn.BatchNorm2d(2 * i) for i, _ in list(reversed(io))[:-1])

                def forward(self, spec):  # spec [1, 2, 257, T] real / imag
                    r, i = spec[:, :1, 1:], spec[:, 1:, 1:]  # drop the DC bin: 256 bins
                    skips = []
                    for conv, bn in zip(self.enc, self.ebn):
                        r, i = conv(r, i)
                        y = F.prelu(bn(torch.cat([r, i], 1)), torch.tensor([0.25]))
                        r, i = y.chunk(2, 1)
                        skips.append((r, i))
                    B, C, Fd, T = r.shape
                    sr, si = r.permute(0, 3, 1, 2).reshape(1, T, C * Fd), i.permute(0, 3, 1, 2).reshape(1, T, C * Fd)
                    rr, ri = self.lr(sr)[0], self.lr(si)[0]
                    ir, ii = self.li(sr)[0], self.li(si)[0]
                    r = self.fr(rr - ii).reshape(1, T, C, Fd).permute(0, 2, 3, 1)
                    i = self.fi(ri + ir).reshape(1, T, C, Fd).permute(0, 2, 3, 1)
                    for n, conv in enumerate(self.dec):
                        sr_, si_ = skips[-1 - n]
                        r, i = conv(torch.cat([r, sr_], 1), torch.cat([i, si_], 1))
                        if n < len(self.dbn):
                            y = F.prelu(self.dbn[n](torch.cat([r, i], 1)), torch.tensor([0.25]))
                            r, i = y.chunk(2, 1)
                    mag = torch.tanh(torch.sqrt(r ** 2 + i ** 2 + 1e-8))
                    pha = torch.atan2(i, r + 1e-8)
                    xr, xi = spec[:, :1, 1:], spec[:, 1:, 1:]
                    xm = torch.sqrt(xr ** 2 + xi ** 2 + 1e-8)
                    xp = torch.atan2(xi, xr + 1e-8)
                    om, op = xm * mag, xp + pha
                    out = torch.cat([om * torch.cos(op), om * torch.sin(op)], 1)
                    return F.pad(out, (0, 0, 1, 0))

            return DCCRN().eval(), (torch.randn(1, 2, 257, 100),)
        if kind == "demucs":  # Demucs-lite: Conv1d k8 s4 + GLU encoder, BiLSTM, ConvTranspose1d decoder with skips
            class Demucs(nn.Module):
                def __init__(self, depth=4, h=32, K=8, S=4) -> None:
                    super().__init__()
                    self.enc, self.dec = nn.ModuleList(), nn.ModuleList()
                    ch_in = 1
                    for d in range(depth):
                        ch = h * 2 ** d
                        self.enc.append(nn.Sequential(nn.Conv1d(ch_in, ch, K, S), nn.ReLU(),
                                                      nn.Conv1d(ch, 2 * ch, 1), nn.GLU(1)))
                        dec = [nn.Conv1d(ch, 2 * ch, 1), nn.GLU(1), nn.ConvTranspose1d(ch, ch_in, K, S)]
                        if d > 0:
                            dec.append(nn.ReLU())
                        self.dec.insert(0, nn.Sequential(*dec))
                        ch_in = ch
                    self.lstm = nn.LSTM(ch_in, ch_in, 2, bidirectional=True, batch_first=True)
                    self.lin = nn.Linear(2 * ch_in, ch_in)

                def forward(self, wav):  # [1, 1, 16000] padded to 16212, a valid length for depth 4, k 8, s 4
                    std = wav.std(-1, keepdim=True) + 1e-3
                    x = F.pad(wav / std, (0, 212))
                    skips = []
                    for e in self.enc:
                        x = e(x)
                        skips.append(x)
                    y = self.lin(self.lstm(x.transpose(1, 2))[0]).transpose(1, 2)
                    for d in self.dec:
                        s = skips.pop()
                        y = d(y + s[..., :y.shape[-1]])
                    return y[..., :wav.shape[-1]] * std

            return Demucs().eval(), (torch.randn(1, 1, 16000),)
        if kind == "erfnet":  # ERFNet: downsampler (conv || maxpool), non-bottleneck-1d blocks, deconv decoder
            class Down(nn.Module):
                def __init__(self, i, o) -> None:
                    super().__init__()
                    self.conv, self.pool, self.bn = nn.Conv2d(i, o - i, 3, 2, 1), nn.MaxPool2d(2, 2), nn.BatchNorm2d(o)

                def forward(self, x):
                    return F.relu(self.bn(torch.cat([self.conv(x), self.pool(x)], 1)))

            class NB1d(nn.Module):
                def __init__(self, c, d=1) -> None:
                    super().__init__()
                    self.c1, self.c2 = nn.Conv2d(c, c, (3, 1), 1, (1, 0)), nn.Conv2d(c, c, (1, 3), 1, (0, 1))
                    self.bn1 = nn.BatchNorm2d(c)
                    self.c3 = nn.Conv2d(c, c, (3, 1), 1, (d, 0), dilation=(d, 1))
                    self.c4 = nn.Conv2d(c, c, (1, 3), 1, (0, d), dilation=(1, d))
                    self.bn2 = nn.BatchNorm2d(c)

                def forward(self, x):
                    y = F.relu(self.bn1(self.c2(F.relu(self.c1(x)))))
                    y = self.bn2(self.c4(F.relu(self.c3(y))))
                    return F.relu(y + x)

            class Up(nn.Module):
                def __init__(self, i, o) -> None:
                    super().__init__()
                    self.conv, self.bn = nn.ConvTranspose2d(i, o, 3, 2, 1, output_padding=1), nn.BatchNorm2d(o)

                def forward(self, x):
                    return F.relu(self.bn(self.conv(x)))

            net = nn.Sequential(Down(3, 16), Down(16, 64), *[NB1d(64) for _ in range(5)], Down(64, 128),
                                *[NB1d(128, d) for d in (2, 4, 8, 16, 2, 4, 8, 16)],
                                Up(128, 64), NB1d(64), NB1d(64), Up(64, 16), NB1d(16), NB1d(16),
                                nn.ConvTranspose2d(16, 20, 2, 2))
            return net.eval(), (torch.randn(1, 3, 288, 512),)
        if kind == "llm_static_cache":  # decode step, static KV cache [1, MAX, kvh * hd] written by a one-hot mask
            def rope_interleaved(x, cos, sin):  # GPT-J style: rotate every pair (x0, x1) -> (-x1, x0)
                x1, x2 = x[..., 0::2], x[..., 1::2]
                rot = torch.stack([-x2, x1], -1).flatten(-2)
                return x * cos + rot * sin

            class Layer(nn.Module):
                def __init__(self, d, h, kvh) -> None:
                    super().__init__()
                    self.h, self.kvh, self.hd = h, kvh, d // h
                    self.n1, self.n2 = rms_norm(d), rms_norm(d)
                    self.qkv = nn.Linear(d, d + 2 * kvh * self.hd, bias=True)  # Qwen-style fused qkv with bias
                    self.o = nn.Linear(d, d, bias=False)
                    self.gate_up = nn.Linear(d, 2 * 688, bias=False)
                    self.down = nn.Linear(688, d, bias=False)

                def forward(self, x, cos, sin, kc, vc, onehot, mask):  # kc / vc [1, MAX, kvh * hd]; onehot [1, MAX, 1]
                    h, kvd = self.n1(x), self.kvh * self.hd
                    q, k, v = self.qkv(h).split([self.h * self.hd, kvd, kvd], -1)
                    q = rope_interleaved(q.reshape(1, 1, self.h, self.hd), cos, sin)
                    k = rope_interleaved(k.reshape(1, 1, self.kvh, self.hd), cos, sin).reshape(1, 1, kvd)
                    kc = kc * (1 - onehot) + k * onehot
                    vc = vc * (1 - onehot) + v * onehot
                    M = kc.shape[1]
                    kk = kc.reshape(1, M, self.kvh, 1, self.hd).expand(1, M, self.kvh, self.h // self.kvh, self.hd)
                    vv = vc.reshape(1, M, self.kvh, 1, self.hd).expand(1, M, self.kvh, self.h // self.kvh, self.hd)
                    kk, vv = kk.reshape(1, M, self.h, self.hd), vv.reshape(1, M, self.h, self.hd)
                    s = torch.einsum("bqhd,bkhd->bhqk", q, kk) / math.sqrt(self.hd) + mask
                    a = torch.einsum("bhqk,bkhd->bqhd", s.softmax(-1), vv).reshape(1, 1, -1)
                    x = x + self.o(a)
                    g, u = self.gate_up(self.n2(x)).chunk(2, -1)
                    return x + self.down(F.silu(g) * u), kc, vc

            class Step(nn.Module):
                def __init__(self, vocab=6000, d=256, h=8, kvh=2, layers=2, ctx=128) -> None:
                    super().__init__()
                    self.emb = nn.Embedding(vocab, d)
                    self.layers = nn.ModuleList([Layer(d, h, kvh) for _ in range(layers)])
                    self.norm, self.head = rms_norm(d), nn.Linear(d, vocab, bias=False)
                    hd = d // h
                    inv = 1.0 / (10000 ** (torch.arange(0, hd, 2).float() / hd))
                    ang = torch.arange(ctx).float()[:, None] * inv[None]
                    self.register_buffer("cos", ang.cos().repeat_interleave(2, -1))
                    self.register_buffer("sin", ang.sin().repeat_interleave(2, -1))
                    self.ctx = ctx

                def forward(self, ids, pos, kcache, vcache):  # ids / pos [1, 1] int64; caches [L, 1, MAX, kvh * hd]
                    x = self.emb(ids)
                    cos, sin = self.cos[pos][:, :, None], self.sin[pos][:, :, None]
                    ar = torch.arange(self.ctx)[None, :, None]
                    onehot = (ar == pos[:, :, None]).float()  # [1, MAX, 1]
                    mask = torch.where(ar.transpose(1, 2) <= pos[:, :, None], 0.0, -1e4)[:, None]  # [1, 1, 1, MAX]
                    ks, vs = [], []
                    for i, layer in enumerate(self.layers):
                        x, k, v = layer(x, cos, sin, kcache[i], vcache[i], onehot, mask)
                        ks.append(k)
                        vs.append(v)
                    return self.head(self.norm(x)), torch.stack(ks), torch.stack(vs)

            return Step().eval(), (torch.randint(0, 6000, (1, 1)), torch.tensor([[17]]),
                                   torch.randn(2, 1, 128, 64), torch.randn(2, 1, 128, 64))
        if kind == "picodet":  # PicoDet-lite: ESNet-like shuffle blocks with SE, CSP-PAN, GFL head with DFL integral
            def shuffle(x, g=2):
                b, c, h, w = x.shape
                return x.reshape(b, g, c // g, h, w).transpose(1, 2).reshape(b, c, h, w)

            class SE(nn.Module):
                def __init__(self, c) -> None:
                    super().__init__()
                    self.a, self.b = nn.Conv2d(c, c // 4, 1), nn.Conv2d(c // 4, c, 1)

                def forward(self, x):
                    return x * F.hardsigmoid(self.b(F.relu(self.a(x.mean((2, 3), keepdim=True)))))

            class ES(nn.Module):
                def __init__(self, i, o, s) -> None:
                    super().__init__()
                    self.s = s
                    m = o // 2
                    if s == 1:
                        self.r = nn.Sequential(cbr(m, m, 1, act=nn.Hardswish), cbr(m, m, 3, 1, m, act=nn.Identity),
                                               SE(m), cbr(m, m, 1, act=nn.Hardswish))
                    else:
                        self.l = nn.Sequential(cbr(i, i, 3, 2, i, act=nn.Identity), cbr(i, m, 1, act=nn.Hardswish))
                        self.r = nn.Sequential(cbr(i, m, 1, act=nn.Hardswish), cbr(m, m, 3, 2, m, act=nn.Identity),
                                               SE(m), cbr(m, m, 1, act=nn.Hardswish))

                def forward(self, x):
                    if self.s == 1:
                        a, b = x.chunk(2, 1)
                        return shuffle(torch.cat([a, self.r(b)], 1))
                    return shuffle(torch.cat([self.l(x), self.r(x)], 1))

            class PicoDet(nn.Module):
                def __init__(self, nc=80, reg_max=7, c=96) -> None:
                    super().__init__()
                    self.stem = nn.Sequential(cbr(3, 24, 3, 2, act=nn.Hardswish), nn.MaxPool2d(3, 2, 1))
                    self.s2 = nn.Sequential(ES(24, 96, 2), ES(96, 96, 1), ES(96, 96, 1))  # /8
                    self.s3 = nn.Sequential(ES(96, 192, 2), *[ES(192, 192, 1) for _ in range(3)])  # /16
                    self.s4 = nn.Sequential(ES(192, 384, 2), ES(384, 384, 1))  # /32
                    self.lat = nn.ModuleList(cbr(ci, c, 1, act=nn.Hardswish) for ci in (96, 192, 384))
                    self.td = nn.ModuleList(cbr(2 * c, c, 1, act=nn.Hardswish) for _ in range(2))
                    self.dn = nn.ModuleList(cbr(c, c, 5, 2, c, act=nn.Hardswish) for _ in range(2))
                    self.bu = nn.ModuleList(cbr(2 * c, c, 1, act=nn.Hardswish) for _ in range(2))
                    self.head = nn.ModuleList(nn.Sequential(cbr(c, c, 5, 1, c, act=nn.Hardswish),
                                                            cbr(c, c, 1, act=nn.Hardswish),
                                                            nn.Conv2d(c, nc + 4 * (reg_max + 1), 1))
                                              for _ in range(3))
                    self.nc, self.rm = nc, reg_max
                    self.register_buffer("proj", torch.arange(reg_max + 1, dtype=torch.float32))

                def forward(self, x):  # [1, 3, 320, 416]
                    c3 = self.s2(self.stem(x))
                    c4 = self.s3(c3)
                    c5 = self.s4(c4)
                    p5, p4, p3 = self.lat[2](c5), self.lat[1](c4), self.lat[0](c3)
                    p4 = self.td[0](torch.cat([F.interpolate(p5, scale_factor=2.0, mode="bilinear"), p4], 1))
                    p3 = self.td[1](torch.cat([F.interpolate(p4, scale_factor=2.0, mode="bilinear"), p3], 1))
                    n4 = self.bu[0](torch.cat([self.dn[0](p3), p4], 1))
                    n5 = self.bu[1](torch.cat([self.dn[1](n4), p5], 1))
                    scores, boxes = [], []
                    for f, h in zip((p3, n4, n5), self.head):
                        o = h(f).flatten(2).transpose(1, 2)  # [1, HW, nc + 32]
                        cls, reg = o.split([self.nc, 4 * (self.rm + 1)], -1)
                        scores.append(cls.sigmoid())
                        d = reg.reshape(1, -1, 4, self.rm + 1).softmax(-1) @ self.proj  # DFL integral
                        boxes.append(d)
                    return torch.cat(scores, 1), torch.cat(boxes, 1)

            return PicoDet().eval(), (torch.randn(1, 3, 320, 416),)
        if kind == "crepe":  # CREPE-tiny: 1024-sample frames, (k, 1) convs + max-pool, 360-bin sigmoid, weighted decode
            class Crepe(nn.Module):
                def __init__(self, cap=4) -> None:
                    super().__init__()
                    chs = [32 * cap, 4 * cap, 4 * cap, 4 * cap, 8 * cap, 16 * cap]
                    ks, ss = [512, 64, 64, 64, 64, 64], [4, 1, 1, 1, 1, 1]
                    layers, i = [], 1
                    for o, k, s in zip(chs, ks, ss):
                        layers += [nn.ZeroPad2d((0, 0, (k - 1) // 2, k // 2)), nn.Conv2d(i, o, (k, 1), (s, 1)),
                                   nn.ReLU(), nn.BatchNorm2d(o), nn.MaxPool2d((2, 1), (2, 1))]
                        i = o
                    self.body = nn.Sequential(*layers)
                    self.fc = nn.Linear(i * 4, 360)
                    self.register_buffer("cents", torch.linspace(0, 7180, 360) + 1997.3794084376191)

                def forward(self, audio):  # [N, 1024] frames
                    x = audio - audio.mean(1, keepdim=True)
                    x = x / x.std(1, keepdim=True).clamp(min=1e-8)
                    y = self.body(x[:, None, :, None])  # [N, C, 4, 1]
                    act = torch.sigmoid(self.fc(y.permute(0, 2, 1, 3).reshape(y.shape[0], -1)))
                    idx = act.argmax(-1, keepdim=True)
                    win = torch.arange(360)[None] - idx
                    w = act * (win.abs() <= 4).float()
                    cents = (w * self.cents).sum(-1) / w.sum(-1)
                    return 10 * 2 ** (cents / 1200), act.max(-1).values

            return Crepe().eval(), (torch.randn(8, 1024),)
        if kind == "midas_small":  # MiDaS-small-like: EfficientNet-Lite3 features, RefineNet fusion, align_corners x2
            import timm

            class RCU(nn.Module):
                def __init__(self, c) -> None:
                    super().__init__()
                    self.a, self.b = nn.Conv2d(c, c, 3, 1, 1), nn.Conv2d(c, c, 3, 1, 1)

                def forward(self, x):
                    return x + self.b(F.relu(self.a(F.relu(x))))

            class Fuse(nn.Module):
                def __init__(self, c) -> None:
                    super().__init__()
                    self.r1, self.r2, self.out = RCU(c), RCU(c), nn.Conv2d(c, c // 2 if c > 64 else c, 1)

                def forward(self, x, skip=None):
                    if skip is not None:
                        x = x + self.r1(skip)
                    x = self.r2(x)
                    x = F.interpolate(x, scale_factor=2.0, mode="bilinear", align_corners=True)
                    return self.out(x)

            class MiDaS(nn.Module):
                def __init__(self, c=64) -> None:
                    super().__init__()
                    self.bb = timm.create_model("efficientnet_lite3", pretrained=False, features_only=True,
                                                out_indices=(1, 2, 3, 4))
                    chs = self.bb.feature_info.channels()
                    self.rn = nn.ModuleList(nn.Conv2d(ci, co, 3, 1, 1, bias=False)
                                            for ci, co in zip(chs, (c, 2 * c, 4 * c, 8 * c)))
                    self.f4, self.f3, self.f2, self.f1 = Fuse(8 * c), Fuse(4 * c), Fuse(2 * c), Fuse(c)
                    self.head = nn.Sequential(nn.Conv2d(c, c // 2, 3, 1, 1),
                                              nn.Upsample(scale_factor=2.0, mode="bilinear"),
                                              nn.Conv2d(c // 2, 32, 3, 1, 1), nn.ReLU(), nn.Conv2d(32, 1, 1),
                                              nn.ReLU())

                def forward(self, x):  # [1, 3, 256, 384]
                    l1, l2, l3, l4 = [r(f) for r, f in zip(self.rn, self.bb(x))]
                    p = self.f4(l4)
                    p = self.f3(p, l3)
                    p = self.f2(p, l2)
                    p = self.f1(p, l1)
                    return self.head(p).squeeze(1)

            return MiDaS().eval(), (torch.randn(1, 3, 256, 384),)
        raise ValueError(kind)

    return build


def specs() -> list[Spec]:
    return [
        # timm variants with sub-patterns no set used
        Spec("cls_timm_efficientnet_es_224x320_op12", "cls", "timm/efficientnet_es (EdgeTPU-S: fused expansion "
             "convs, ReLU, no SE) at 224 x 320", _timm_rect("efficientnet_es", 224, 320), opset=12),
        Spec("cls_timm_tf_mnv3_large_minimal_256x192_op13", "cls", "timm/tf_mobilenetv3_large_minimal_100 (no SE, "
             "no hard-swish, TF 'same' pads) at 256 x 192", _timm_rect("tf_mobilenetv3_large_minimal_100", 256, 192),
             opset=13),
        Spec("cls_timm_resnet50_clip_attnpool_224_dynamo_op18", "cls", "timm/resnet50_clip (CLIP ModifiedResNet: "
             "anti-aliased avg-pool downsampling, attention pooling), dynamo", _timm("resnet50_clip", 224),
             opset=18, dynamo=True),
        Spec("cls_timm_vit_base_rope_mixed_d2_224_dynamo_op18", "cls", "timm/vit_base_patch16_rope_mixed_224, depth "
             "2 (learned mixed-frequency 2-D RoPE), dynamo", _timm("vit_base_patch16_rope_mixed_224", 224, depth=2),
             opset=18, dynamo=True),
        # Hugging Face transformers from configs, random weights
        Spec("nlp_hf_roberta_preln_l2_seq128_op14", "seq", "HF RoBERTa-PreLayerNorm, 2 layers", _hf("roberta_preln"),
             opset=14, input_names=("input_ids", "attention_mask")),
        Spec("nlp_hf_roformer_l2_seq128_op13", "seq", "HF RoFormer, 2 layers (sinusoidal rotary q / k)",
             _hf("roformer"), opset=13, input_names=("input_ids", "attention_mask")),
        Spec("nlp_hf_funnel_base_b111_seq128_op14", "seq", "HF Funnel base, blocks 1-1-1 (mean-pooled queries, "
             "relative attention)", _hf("funnel"), opset=14, input_names=("input_ids", "attention_mask")),
        Spec("audio_hf_w2v2_bert_l2_200x160_op17", "audio", "HF Wav2Vec2-BERT, 2 conformer layers, 200 stacked fbank "
             "frames", _hf("w2v2_bert"), opset=17, input_names=("input_features",)),
        Spec("emb_hf_blip_vision_l2_384_dynamo_op18", "cls", "HF BLIP vision tower, 2 layers, 384, dynamo",
             _hf("blip_vision"), opset=18, dynamo=True, input_names=("pixel_values",),
             output_names=("last_hidden_state", "pooler_output")),
        Spec("doc_hf_pix2struct_vision_l2_512p_op14", "cls", "HF Pix2Struct vision encoder, 2 layers, 512 flattened "
             "patches (row / column embeddings gathered)", _hf("pix2struct_vision"), opset=14,
             input_names=("flattened_patches", "attention_mask")),
        Spec("seg_hf_upernet_convnext_384x576_op13", "seg", "HF UperNet (PPM + FPN) on a ConvNeXt 1-1-3-1 backbone at "
             "384 x 576", _hf("upernet_convnext"), opset=13, input_names=("pixel_values",)),
        Spec("pose_hf_vitpose_l4_256x192_dynamo_op18", "pose", "HF ViTPose, 4-layer backbone, simple decoder, "
             "256 x 192, dynamo", _hf("vitpose"), opset=18, dynamo=True, input_names=("pixel_values",)),
        # ultralytics heads / sizes not exported elsewhere
        Spec("det_yolov10n_384x672_op13", "det", "yolov10n at 384 x 672", None,
             ultralytics=_yolo("yolov10n.yaml", [384, 672], opset=13)),
        Spec("det_yolov5n_p6_512x768_op12", "det", "yolov5n-p6 (YOLOv5u P6: anchor-free head, 4 scales) at "
             "512 x 768", None,
             ultralytics=_yolo("yolov5n-p6.yaml", [512, 768], opset=12)),
        Spec("pose_yolo11n_pose_480x288_op17", "pose", "yolo11n-pose at 480 x 288 (portrait)", None,
             ultralytics=_yolo("yolo11n-pose.yaml", [480, 288], opset=17)),
        Spec("obb_yolo11s_obb_416x736_op12", "obb", "yolo11s-obb at 416 x 736", None,
             ultralytics=_yolo("yolo11s-obb.yaml", [416, 736], opset=12)),
        # hand-built: real edge workloads no set hand-built
        Spec("ocr_abinet_lite_32x128_op14", "ocr", "ABINet-lite (position attention, one language / fusion pass)",
             _custom("abinet"), opset=14, output_names=("probs", "vision_logits")),
        Spec("se_dccrn_lite_257x100_op13", "audio", "DCCRN-lite (complex conv / LSTM, complex ratio mask, atan2)",
             _custom("dccrn"), opset=13, input_names=("spec",)),
        Spec("se_demucs_lite_16k_op12", "audio", "Demucs-lite (Conv1d + GLU encoder, BiLSTM, ConvTranspose1d "
             "decoder with cropped skips)", _custom("demucs"), opset=12, input_names=("wav",)),
        Spec("seg_erfnet_288x512_op11", "seg", "ERFNet (downsampler conv || maxpool, non-bottleneck-1d dilated "
             "3 x 1 / 1 x 3)", _custom("erfnet"), opset=11),
        Spec("llm_static_kvcache_step_op17", "seq", "LLM decode step, static KV cache [1, MAX, kvh * hd] written by "
             "a one-hot mask, interleaved RoPE, GQA", _custom("llm_static_cache"), opset=17,
             input_names=("ids", "pos", "k_cache", "v_cache"), output_names=("logits", "k_out", "v_out")),
        Spec("det_picodet_lite_320x416_op13", "det", "PicoDet-lite (ESNet shuffle blocks with SE, CSP-PAN, GFL head "
             "with DFL integral)", _custom("picodet"), opset=13, output_names=("scores", "dists")),
        Spec("audio_crepe_tiny_8x1024_op13", "audio", "CREPE-tiny pitch (k x 1 convs, 360-bin sigmoid, local "
             "weighted-average decode)", _custom("crepe"), opset=13, input_names=("frames",),
             output_names=("f0", "confidence")),
        Spec("depth_midas_small_like_256x384_op12", "depth", "MiDaS-small-like (EfficientNet-Lite3 features, "
             "RefineNet fusion, align_corners upsampling)", _custom("midas_small"), opset=12),
    ]


if __name__ == "__main__":
    sys.exit(run(specs, "/work/calib/s27/unseen18/models", sys.argv[1:]))
