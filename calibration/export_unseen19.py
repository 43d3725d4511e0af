"""Export a twentieth set of models nobody calibrated on, to measure how the predictions carry over (toolkit 2.3.2).

Unseen sets 4 to 19 (export_unseen3.py ... export_unseen18.py) taught fixes and are no longer unseen. No model name here
is in export_models.py, export_unseen.py ... export_unseen18.py, pretrained_set.py, issue_repros.py or issue_repros2.py,
and no architecture either. timm variants with sub-patterns no set had: TinyNet-E at its own 106 x 106 (odd map sizes
53, 27, 14, 7, 4), EdgeNeXt-small-rw (split depthwise transposed attention over channels; dynamo) at 256 x 320,
MobileNetV4-conv-large (extra-depthwise universal inverted bottlenecks) at 320 x 256 and RepVGG-A1 re-parameterised for
deployment (timm reparameterize_model: one 3 x 3 conv per block, as users ship it) at 224 x 288. Hugging Face
transformers built from a config with random weights (transformers 5.25, nothing downloaded), exported as users export
them (a wrapper returning the tensors), none of them in an earlier set: MPNet cut to 2 layers (relative position
buckets, seq 128), CANINE-s cut to 2 deep layers (hashed Unicode code-point embeddings, local attention over 128-char
chunks, strided-conv downsampling by 4, upsampling conv; 256 characters; dynamo), LayoutLMv3 cut to 2 layers (text, 2-D box
embeddings and 196 image patches in one sequence, spatial-aware relative attention bias; inputs passed by keyword),
MarkupLM cut to 2 layers (xpath tag / subscript embeddings of depth 50, seq 128), ViTMatte on a 4-layer ViTDet backbone
(window attention padded to whole 14 x 14 windows and global attention with decomposed relative positions, a residual
bottleneck block, the detail-capture conv stream and fusion) on RGB + trimap at 320 x 448, CLIPSeg (text 2 layers,
vision 3 layers, FiLM conditioning of the decoder by the text embedding, activations extracted at layers 1 and 2,
transposed-conv upsampling) at 224, GroupViT vision with depths 2-1-1 (64 then 8 group tokens, hard assignment by
argmax / one-hot in the grouping blocks), the Speech2Text encoder cut to 2 layers (Conv1d + GLU subsampler, sinusoidal
positions; 300 fbank frames of 80), the EnCodec 24 kHz encoder (SEANet convs behind computed reflect pads, a 2-layer
LSTM; 1 s) and Qwen2 cut to 2 layers at 256-d (GQA 4 / 2, RoPE, RMSNorm, causal mask built from the attention mask;
a 64-token prefill; dynamo). Ultralytics sizes no set exported: YOLO11n at 352 x 640, YOLOv8n-cls at 224 x 160,
YOLOv6n at 384 x 640 and YOLO11n-seg at 256 x 448. Small hand-built models of real edge workloads that no set
hand-built: a SAR-lite text-recognition decoder step (CNN features of a 48 x 160 crop, embedding of the previous
token, a 2-layer LSTM whose states are graph inputs / outputs, 2-D additive attention over the 6 x 40 map, glimpse +
query classifier), a FastSpeech2 encoder (4 FFT blocks with Conv1d k9 feed-forward and a key padding mask from the
phoneme ids, duration / pitch / energy predictors, FastPitch-style pitch embedding; no length regulator), SwinIR-light
cut to one group of 2 Swin blocks (window 8, shifted by torch.roll with the constant shift mask, relative position bias
gathered from its table, x2 pixel-shuffle upsampler) at 64 x 96, SiamRPN up-channel cross-correlation (the template's
features reshaped into the weights of a Conv over the search features, 127 / 255 inputs), an RWKV-4 one-token step
(token shift, WKV numerator / denominator with a running max, states [3, 5, 256] in and out) and LEDNet
(split-shuffle non-bottleneck blocks with dilations to 17, downsampler conv || max-pool with ceil_mode, attention
pyramid decoder with 7 / 5 / 3 strided convs and align_corners resizes) at 360 x 480. Exporters and opsets mixed
(TorchScript 11-17, dynamo 18), input sizes as users pick them (106, 256 x 320, 320 x 256, 224 x 288, 320 x 448,
352 x 640, 224 x 160, 384 x 640, 256 x 448, 48 x 160, 64 x 96, 360 x 480 are not all multiples of 32 or square).
Random weights, nothing downloaded. 24 exports. Changed at export: ViTMatte's config needs its convstream / fusion
sizes as lists (transformers 5.25 keeps the defaults as tuples and fails to concatenate them); CANINE with TorchScript
(opset 14) wrote a final-encoder MatMul whose operands do not broadcast (onnxruntime refuses the file, so did the
rk3588 build's fold_constant): exported with dynamo (opset 18) instead. Same exporter,
manifest and log lines as export_models.py:

    YOLO_OFFLINE=1 /work/calib/venv/bin/python calibration/export_unseen19.py --out /work/calib/s28/unseen19/models

Then the truths, one row at a time (2.3.2 through its venv):

    nice -n 10 python calibration/run_toolkit.py --models /work/calib/s28/unseen19/models --target rk3588 \
        --dtype float16 --python /work/main/.toolkits/rknn-2.3.2/bin/python \
        --out /work/calib/s28/unseen19/rk3588-float16-2.3.2/truth.json --jobs 2
    python calibration/score.py --truth /work/calib/s28/unseen19/rk3588-float16-2.3.2/truth.json \
        --models /work/calib/s28/unseen19/models --results calibration/results/unseen19/rk3588-float16-2.3.2.json
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, Callable

sys.path.insert(0, str(Path(__file__).resolve().parent))
from export_common import _timm_rect, cbr, hf_outputs, run  # noqa: E402
from export_models import Spec, _timm, _yolo  # noqa: E402


def _hf(kind: str) -> Callable[[], tuple[Any, tuple]]:  # noqa: C901 (one branch per model)
    """A Hugging Face transformers model from its config (random weights), wrapped to return plain tensors."""
    def build():  # noqa: C901 (one branch per model)
        import torch
        import transformers as tr

        ids = torch.randint(5, 20000, (1, 128))
        mask = torch.ones(1, 128, dtype=torch.int64)
        if kind == "mpnet":
            m = tr.MPNetModel(tr.MPNetConfig(num_hidden_layers=2), add_pooling_layer=False)
            return hf_outputs(m, ["last_hidden_state"]), (ids, mask)
        if kind == "canine":
            m = tr.CanineModel(tr.CanineConfig(num_hidden_layers=2), add_pooling_layer=False)
            chars = torch.randint(32, 1200, (1, 256))  # Unicode code points, 256 characters
            return hf_outputs(m, ["last_hidden_state"]), (chars, torch.ones(1, 256, dtype=torch.int64))
        if kind == "layoutlmv3":
            m = tr.LayoutLMv3Model(tr.LayoutLMv3Config(num_hidden_layers=2, input_size=224))
            x0 = torch.randint(0, 900, (1, 64, 1))
            y0 = torch.randint(0, 900, (1, 64, 1))
            bbox = torch.cat([x0, y0, x0 + torch.randint(1, 100, (1, 64, 1)), y0 + torch.randint(1, 100, (1, 64, 1))],
                             -1)
            return (hf_outputs(m, ["last_hidden_state"], ("input_ids", "bbox", "attention_mask", "pixel_values")),
                    (ids[:, :64], bbox, mask[:, :64], torch.randn(1, 3, 224, 224)))
        if kind == "markuplm":
            m = tr.MarkupLMModel(tr.MarkupLMConfig(num_hidden_layers=2), add_pooling_layer=False)
            tags = torch.randint(0, 200, (1, 128, 50))
            subs = torch.randint(0, 100, (1, 128, 50))
            tags[:, :, 8:], subs[:, :, 8:] = 216, 1001  # xpaths of depth 8, padded as the processor pads them
            return hf_outputs(m, ["last_hidden_state"]), (ids, tags, subs, mask)
        if kind == "vitmatte":
            bb = tr.VitDetConfig(num_hidden_layers=4, hidden_size=384, num_attention_heads=6, num_channels=4,
                                 image_size=512, window_size=14, window_block_indices=[0, 1, 2],
                                 residual_block_indices=[1], use_relative_position_embeddings=True,
                                 out_features=["stage4"])
            m = tr.VitMatteForImageMatting(tr.VitMatteConfig(backbone_config=bb, hidden_size=384,
                                                                 convstream_hidden_sizes=[48, 96, 192],
                                                                 fusion_hidden_sizes=[256, 128, 64, 32]))
            return hf_outputs(m, ["alphas"]), (torch.randn(1, 4, 320, 448),)
        if kind == "clipseg":
            cfg = tr.CLIPSegConfig(text_config={"num_hidden_layers": 2}, vision_config={"num_hidden_layers": 3},
                                   extract_layers=[1, 2], reduce_dim=64)
            m = tr.CLIPSegForImageSegmentation(cfg)
            return hf_outputs(m, ["logits"]), (torch.randint(5, 40000, (1, 12)), torch.randn(1, 3, 224, 224))
        if kind == "groupvit":
            m = tr.GroupViTVisionModel(tr.GroupViTVisionConfig(depths=[2, 1, 1], num_group_tokens=[64, 8, 0],
                                                               num_output_groups=[64, 8, 8]))
            return hf_outputs(m, ["last_hidden_state", "pooler_output"]), (torch.randn(1, 3, 224, 224),)
        if kind == "speech2text":
            cfg = tr.Speech2TextConfig(encoder_layers=2, decoder_layers=1, d_model=256, encoder_attention_heads=4,
                                       encoder_ffn_dim=1024)
            m = tr.Speech2TextModel(cfg).get_encoder()
            return hf_outputs(m, ["last_hidden_state"]), (torch.randn(1, 300, 80),)
        if kind == "encodec":
            m = tr.EncodecModel(tr.EncodecConfig()).encoder.eval()
            return m, (torch.randn(1, 1, 24000),)
        if kind == "qwen2":
            cfg = tr.Qwen2Config(vocab_size=32000, hidden_size=256, intermediate_size=704, num_hidden_layers=2,
                                 num_attention_heads=4, num_key_value_heads=2, use_cache=False,
                                 max_position_embeddings=512)
            m = tr.Qwen2Model(cfg)
            return hf_outputs(m, ["last_hidden_state"]), (ids[:, :64], mask[:, :64])
        raise ValueError(kind)

    return build


def _reparam(name: str, h: int, w: int) -> Callable[[], tuple[Any, tuple]]:
    """A timm re-parameterisable net in its deploy form (branches fused into one conv), as users ship it."""
    def build():
        import timm
        import torch
        from timm.utils.model import reparameterize_model

        m = reparameterize_model(timm.create_model(name, pretrained=False).eval())
        return m, (torch.randn(1, 3, h, w),)

    return build


def _custom(kind: str) -> Callable[[], tuple[Any, tuple]]:  # noqa: C901 (one branch per model)
    def build():  # noqa: C901 (one branch per model, as in the other sets)
        import torch
        import torch.nn.functional as F
        from torch import nn

        if kind == "sar":  # SAR-lite: one decoder step (LSTM state in / out, 2-D attention over the feature map)
            class SARStep(nn.Module):
                def __init__(self, c=256, hid=256, classes=94) -> None:
                    super().__init__()
                    self.body = nn.Sequential(cbr(3, 64), nn.MaxPool2d(2), cbr(64, 128), nn.MaxPool2d(2),
                                              cbr(128, c), cbr(c, c), nn.MaxPool2d((2, 1)))  # [1, c, 6, 40]
                    self.emb = nn.Embedding(classes + 2, hid)
                    self.lstm = nn.LSTM(hid, hid, 2)
                    self.kconv = nn.Conv2d(c, hid, 3, 1, 1)
                    self.q = nn.Linear(hid, hid)
                    self.score = nn.Conv2d(hid, 1, 1)
                    self.cls = nn.Linear(hid + c, classes)

                def forward(self, img, tok, h, c):  # [1, 3, 48, 160], [1] int64, [2, 1, hid] x 2
                    f = self.body(img)
                    y, (h2, c2) = self.lstm(self.emb(tok).unsqueeze(0), (h, c))
                    q = y[0]  # [1, hid]
                    e = self.score(torch.tanh(self.kconv(f) + self.q(q)[:, :, None, None]))  # [1, 1, 6, 40]
                    a = torch.softmax(e.flatten(1), -1).view_as(e)
                    g = (a * f).sum((2, 3))  # glimpse [1, c]
                    return torch.softmax(self.cls(torch.cat([q, g], -1)), -1), h2, c2

            return SARStep().eval(), (torch.randn(1, 3, 48, 160), torch.tensor([3]), torch.zeros(2, 1, 256),
                                      torch.zeros(2, 1, 256))
        if kind == "fastspeech2":  # FastSpeech2 encoder + duration / pitch / energy predictors (no length regulator)
            class FFT(nn.Module):
                def __init__(self, d=256, h=2, k=9, ff=1024) -> None:
                    super().__init__()
                    self.att = nn.MultiheadAttention(d, h, batch_first=True)
                    self.ln1, self.ln2 = nn.LayerNorm(d), nn.LayerNorm(d)
                    self.c1, self.c2 = nn.Conv1d(d, ff, k, padding=k // 2), nn.Conv1d(ff, d, 1)

                def forward(self, x, kpm):
                    x = self.ln1(x + self.att(x, x, x, key_padding_mask=kpm, need_weights=False)[0])
                    y = self.c2(F.relu(self.c1(x.transpose(1, 2)))).transpose(1, 2)
                    return self.ln2(x + y)

            class VarPred(nn.Module):
                def __init__(self, d=256) -> None:
                    super().__init__()
                    self.c1, self.c2 = nn.Conv1d(d, d, 3, padding=1), nn.Conv1d(d, d, 3, padding=1)
                    self.l1, self.l2 = nn.LayerNorm(d), nn.LayerNorm(d)
                    self.out = nn.Linear(d, 1)

                def forward(self, x):
                    x = self.l1(F.relu(self.c1(x.transpose(1, 2))).transpose(1, 2))
                    x = self.l2(F.relu(self.c2(x.transpose(1, 2))).transpose(1, 2))
                    return self.out(x).squeeze(-1)

            class FS2(nn.Module):
                def __init__(self, d=256, T=96, vocab=360) -> None:
                    super().__init__()
                    self.emb = nn.Embedding(vocab, d, padding_idx=0)
                    pos = torch.arange(T)[:, None] / torch.pow(10000, torch.arange(0, d, 2)[None] / d)
                    self.register_buffer("pe", torch.stack([pos.sin(), pos.cos()], -1).reshape(1, T, d))
                    self.blocks = nn.ModuleList(FFT(d) for _ in range(4))
                    self.dur, self.pitch, self.energy = VarPred(d), VarPred(d), VarPred(d)
                    self.pemb = nn.Conv1d(1, d, 9, padding=4)

                def forward(self, ph):  # [1, T] int64 phoneme ids, 0 = padding
                    kpm = ph.eq(0)
                    x = self.emb(ph) + self.pe
                    for b in self.blocks:
                        x = b(x, kpm)
                    x = x.masked_fill(kpm.unsqueeze(-1), 0.0)
                    logd = self.dur(x)
                    p = self.pitch(x)
                    x = x + self.pemb(p.unsqueeze(1)).transpose(1, 2)  # FastPitch-style pitch embedding
                    return x, logd, p, self.energy(x)

            ph = torch.randint(1, 360, (1, 96))
            ph[:, 80:] = 0
            return FS2().eval(), (ph,)
        if kind == "swinir":  # SwinIR-light cut: one residual Swin group of 2 blocks (window 8, shifted), x2 upsampler
            ws, H, W = 8, 64, 96

            def windows(x):  # [1, H, W, C] -> [nW, ws*ws, C]
                C = x.shape[-1]
                x = x.view(1, H // ws, ws, W // ws, ws, C).permute(0, 1, 3, 2, 4, 5)
                return x.reshape(-1, ws * ws, C)

            def unwindows(x):
                C = x.shape[-1]
                x = x.view(1, H // ws, W // ws, ws, ws, C).permute(0, 1, 3, 2, 4, 5)
                return x.reshape(1, H, W, C)

            idx = torch.stack(torch.meshgrid(torch.arange(ws), torch.arange(ws), indexing="ij")).flatten(1)
            rel = (idx[:, :, None] - idx[:, None, :]).permute(1, 2, 0) + ws - 1
            rel_index = rel[..., 0] * (2 * ws - 1) + rel[..., 1]  # [64, 64]
            img = torch.zeros(1, H, W, 1)
            cnt = 0
            for hs in (slice(0, -ws), slice(-ws, -ws // 2), slice(-ws // 2, None)):
                for wsl in (slice(0, -ws), slice(-ws, -ws // 2), slice(-ws // 2, None)):
                    img[:, hs, wsl, :] = cnt
                    cnt += 1
            mw = windows(img).squeeze(-1)
            shift_mask = (mw[:, None, :] - mw[:, :, None]).ne(0).float() * -100.0  # [nW, 64, 64]

            class STL(nn.Module):
                def __init__(self, c=60, heads=6, shift=0) -> None:
                    super().__init__()
                    self.n1, self.n2 = nn.LayerNorm(c), nn.LayerNorm(c)
                    self.qkv, self.proj = nn.Linear(c, 3 * c), nn.Linear(c, c)
                    self.table = nn.Parameter(torch.randn((2 * ws - 1) ** 2, heads) * 0.02)
                    self.register_buffer("ri", rel_index)
                    self.register_buffer("mask", shift_mask)
                    self.mlp = nn.Sequential(nn.Linear(c, 2 * c), nn.GELU(), nn.Linear(2 * c, c))
                    self.h, self.shift, self.c = heads, shift, c

                def forward(self, x):  # [1, H*W, c]
                    s = x
                    x = self.n1(x).view(1, H, W, self.c)
                    if self.shift:
                        x = torch.roll(x, (-self.shift, -self.shift), (1, 2))
                    w = windows(x)
                    n = w.shape[0]
                    q, k, v = self.qkv(w).reshape(n, ws * ws, 3, self.h, -1).permute(2, 0, 3, 1, 4)
                    a = (q * (self.c // self.h) ** -0.5) @ k.transpose(-2, -1)
                    a = a + self.table[self.ri.reshape(-1)].view(ws * ws, ws * ws, -1).permute(2, 0, 1)
                    if self.shift:
                        a = a + self.mask.unsqueeze(1)
                    o = (a.softmax(-1) @ v).transpose(1, 2).reshape(n, ws * ws, self.c)
                    x = unwindows(self.proj(o))
                    if self.shift:
                        x = torch.roll(x, (self.shift, self.shift), (1, 2))
                    x = s + x.reshape(1, H * W, self.c)
                    return x + self.mlp(self.n2(x))

            class SwinIRLight(nn.Module):
                def __init__(self, c=60) -> None:
                    super().__init__()
                    self.first = nn.Conv2d(3, c, 3, 1, 1)
                    self.blocks = nn.Sequential(STL(c, shift=0), STL(c, shift=ws // 2))
                    self.gconv = nn.Conv2d(c, c, 3, 1, 1)
                    self.norm = nn.LayerNorm(c)
                    self.after = nn.Conv2d(c, c, 3, 1, 1)
                    self.up = nn.Sequential(nn.Conv2d(c, 3 * 4, 3, 1, 1), nn.PixelShuffle(2))

                def forward(self, x):  # [1, 3, 64, 96]
                    f = self.first(x)
                    t = self.blocks(f.flatten(2).transpose(1, 2))
                    g = self.gconv(t.transpose(1, 2).reshape(f.shape)) + f
                    g = self.norm(g.flatten(2).transpose(1, 2)).transpose(1, 2).reshape(f.shape)
                    return self.up(self.after(g) + f)

            return SwinIRLight().eval(), (torch.rand(1, 3, H, W),)
        if kind == "siamrpn":  # SiamRPN up-channel cross-correlation: the template's features become Conv weights
            class SiamRPN(nn.Module):
                def __init__(self, c=128, k=5) -> None:
                    super().__init__()
                    self.bb = nn.Sequential(cbr(3, 48, 5, 2), nn.MaxPool2d(3, 2), cbr(48, 96, 3, 1),
                                            nn.MaxPool2d(3, 2), cbr(96, c, 3), cbr(c, c, 3))
                    self.zc, self.zr = nn.Conv2d(c, 2 * k * c, 3), nn.Conv2d(c, 4 * k * c, 3)
                    self.xc, self.xr = nn.Conv2d(c, c, 3), nn.Conv2d(c, c, 3)
                    self.adj = nn.Conv2d(4 * k, 4 * k, 1)
                    self.c, self.k = c, k

                def forward(self, z, x):  # template [1, 3, 127, 127], search [1, 3, 255, 255]
                    fz, fx = self.bb(z), self.bb(x)
                    kc = self.zc(fz)
                    kr = self.zr(fz)
                    s = kc.shape[-1]
                    kc = kc.view(2 * self.k, self.c, s, s)
                    kr = kr.view(4 * self.k, self.c, s, s)
                    cls = F.conv2d(self.xc(fx), kc)
                    loc = self.adj(F.conv2d(self.xr(fx), kr))
                    return cls, loc

            return SiamRPN().eval(), (torch.randn(1, 3, 127, 127), torch.randn(1, 3, 255, 255))
        if kind == "rwkv":  # RWKV-4 one-token step: token shift, WKV numerator / denominator with a running max
            class Block(nn.Module):
                def __init__(self, d=256, ff=1024) -> None:
                    super().__init__()
                    self.ln1, self.ln2 = nn.LayerNorm(d), nn.LayerNorm(d)
                    self.mk, self.mv, self.mr = (nn.Parameter(torch.rand(d)) for _ in range(3))
                    self.fk, self.fr = nn.Parameter(torch.rand(d)), nn.Parameter(torch.rand(d))
                    self.decay, self.first = nn.Parameter(-torch.rand(d)), nn.Parameter(torch.rand(d))
                    self.k, self.v, self.r, self.o = (nn.Linear(d, d, bias=False) for _ in range(4))
                    self.ck, self.cr = nn.Linear(d, ff, bias=False), nn.Linear(d, d, bias=False)
                    self.cv = nn.Linear(ff, d, bias=False)

                def forward(self, x, st):  # x [1, d], st [5, d]: att x, a, b, p, ffn x
                    ax, aa, bb, pp, fx = st.unbind(0)
                    xx = self.ln1(x)
                    k = self.k(xx * self.mk + ax * (1 - self.mk))
                    v = self.v(xx * self.mv + ax * (1 - self.mv))
                    r = torch.sigmoid(self.r(xx * self.mr + ax * (1 - self.mr)))
                    ww = self.first + k
                    p = torch.maximum(pp, ww)
                    e1, e2 = torch.exp(pp - p), torch.exp(ww - p)
                    wkv = (e1 * aa + e2 * v) / (e1 * bb + e2)
                    ww = pp - torch.exp(self.decay)
                    p2 = torch.maximum(ww, k)
                    e1, e2 = torch.exp(ww - p2), torch.exp(k - p2)
                    na, nb = e1 * aa + e2 * v, e1 * bb + e2
                    x = x + self.o(r * wkv)
                    xf = self.ln2(x)
                    rr = torch.sigmoid(self.cr(xf * self.fr + fx * (1 - self.fr)))
                    kk = torch.square(torch.relu(self.ck(xf * self.fk + fx * (1 - self.fk))))
                    x = x + rr * self.cv(kk)
                    return x, torch.stack([xx.reshape(-1), na.reshape(-1), nb.reshape(-1), p2.reshape(-1),
                                           xf.reshape(-1)])

            class RWKV(nn.Module):
                def __init__(self, d=256, L=3, vocab=4096) -> None:
                    super().__init__()
                    self.emb = nn.Embedding(vocab, d)
                    self.ln0, self.lnf = nn.LayerNorm(d), nn.LayerNorm(d)
                    self.blocks = nn.ModuleList(Block(d) for _ in range(L))
                    self.head = nn.Linear(d, vocab, bias=False)

                def forward(self, tok, state):  # [1] int64, [L, 5, d]
                    x = self.ln0(self.emb(tok))
                    new = []
                    for i, b in enumerate(self.blocks):
                        x, s = b(x, state[i])
                        new.append(s)
                    return self.head(self.lnf(x)), torch.stack(new)

            st = torch.zeros(3, 5, 256)
            st[:, 3] = -1e30
            return RWKV().eval(), (torch.tensor([7]), st)
        if kind == "lednet":  # LEDNet: split-shuffle non-bottleneck blocks, attention pyramid decoder
            class Down(nn.Module):
                def __init__(self, i, o) -> None:
                    super().__init__()
                    self.conv, self.bn = nn.Conv2d(i, o - i, 3, 2, 1), nn.BatchNorm2d(o)

                def forward(self, x):
                    return F.relu(self.bn(torch.cat([self.conv(x), F.max_pool2d(x, 2, 2, ceil_mode=True)], 1)))

            class SSnbt(nn.Module):
                def __init__(self, c, d=1) -> None:
                    super().__init__()
                    h = c // 2

                    def branch(first_h):
                        k1, k2 = ((3, 1), (1, 3)) if first_h else ((1, 3), (3, 1))
                        p1, p2 = (1, 0) if first_h else (0, 1), (0, 1) if first_h else (1, 0)
                        dp1 = (d, 0) if first_h else (0, d)
                        dp2 = (0, d) if first_h else (d, 0)
                        return nn.Sequential(nn.Conv2d(h, h, k1, 1, p1), nn.ReLU(), nn.Conv2d(h, h, k2, 1, p2),
                                             nn.BatchNorm2d(h), nn.ReLU(),
                                             nn.Conv2d(h, h, k1, 1, dp1, dilation=(d, 1) if first_h else (1, d)),
                                             nn.ReLU(),
                                             nn.Conv2d(h, h, k2, 1, dp2, dilation=(1, d) if first_h else (d, 1)),
                                             nn.BatchNorm2d(h))
                    self.l, self.r = branch(True), branch(False)

                def forward(self, x):
                    a, b = x.chunk(2, 1)
                    y = F.relu(torch.cat([self.l(a), self.r(b)], 1) + x)
                    n, c, hh, ww = y.shape
                    return y.view(n, 2, c // 2, hh, ww).transpose(1, 2).reshape(n, c, hh, ww)  # channel shuffle

            class APN(nn.Module):
                def __init__(self, c=128, classes=19) -> None:
                    super().__init__()
                    self.d1, self.d2, self.d3 = cbr(c, c, 7, 2), cbr(c, c, 5, 2), cbr(c, c, 3, 2)
                    self.c1, self.c2 = cbr(c, classes, 7), cbr(c, classes, 5)
                    self.c3a, self.c3b = cbr(c, classes, 3), cbr(classes, classes, 3)
                    self.mid = cbr(c, classes, 1)
                    self.gp = cbr(c, classes, 1)

                def forward(self, x):
                    s = x.shape[2:]
                    x1 = self.d1(x)
                    x2 = self.d2(x1)
                    x3 = self.c3b(self.c3a(self.d3(x2)))
                    x2 = self.c2(x2) + F.interpolate(x3, size=x2.shape[2:], mode="bilinear", align_corners=True)
                    x1 = self.c1(x1) + F.interpolate(x2, size=x1.shape[2:], mode="bilinear", align_corners=True)
                    att = F.interpolate(x1, size=s, mode="bilinear", align_corners=True)
                    g = self.gp(F.adaptive_avg_pool2d(x, 1))
                    return self.mid(x) * att + g

            class LEDNet(nn.Module):
                def __init__(self) -> None:
                    super().__init__()
                    self.enc = nn.Sequential(Down(3, 32), SSnbt(32), SSnbt(32), Down(32, 64), SSnbt(64), SSnbt(64),
                                             Down(64, 128), SSnbt(128, 1), SSnbt(128, 2), SSnbt(128, 5),
                                             SSnbt(128, 9), SSnbt(128, 17))
                    self.dec = APN()

                def forward(self, x):  # [1, 3, 360, 480]
                    return F.interpolate(self.dec(self.enc(x)), size=x.shape[2:], mode="bilinear",
                                         align_corners=True)

            return LEDNet().eval(), (torch.randn(1, 3, 360, 480),)
        raise ValueError(kind)

    return build


def specs() -> list[Spec]:
    ids_mask = ("input_ids", "attention_mask")
    return [
        # timm variants with sub-patterns no set used
        Spec("cls_timm_tinynet_e_106_op13", "cls", "timm/tinynet_e at its own 106 x 106 (odd map sizes 53, 27, 14, 7, "
             "4)", _timm("tinynet_e", 106), opset=13),
        Spec("cls_timm_edgenext_small_rw_256x320_dynamo_op18", "cls", "timm/edgenext_small_rw (conv encoder blocks, "
             "split depthwise transposed attention) at 256 x 320, dynamo", _timm_rect("edgenext_small_rw", 256, 320),
             opset=18, dynamo=True),
        Spec("cls_timm_mnv4_conv_large_320x256_op17", "cls", "timm/mobilenetv4_conv_large (extra-depthwise UIB blocks) "
             "at 320 x 256", _timm_rect("mobilenetv4_conv_large", 320, 256), opset=17),
        Spec("cls_timm_repvgg_a1_deploy_224x288_op12", "cls", "timm/repvgg_a1 re-parameterised for deployment (one "
             "3 x 3 conv per block) at 224 x 288", _reparam("repvgg_a1", 224, 288), opset=12),
        # Hugging Face transformers from configs, random weights
        Spec("nlp_hf_mpnet_l2_seq128_op14", "seq", "HF MPNet, 2 layers (relative position buckets)", _hf("mpnet"),
             opset=14, input_names=ids_mask),
        Spec("nlp_hf_canine_s_l2_chars256_dynamo_op18", "seq", "HF CANINE-s, 2 deep layers (hashed code-point "
             "embeddings, local attention, strided-conv downsampling, upsampling conv), 256 characters, dynamo",
             _hf("canine"), opset=18, dynamo=True, input_names=ids_mask),
        Spec("doc_hf_layoutlmv3_l2_seq64_224_op14", "seq", "HF LayoutLMv3, 2 layers (text + 2-D box embeddings + "
             "224 image patches, spatial-aware attention bias)", _hf("layoutlmv3"), opset=14,
             input_names=("input_ids", "bbox", "attention_mask", "pixel_values")),
        Spec("doc_hf_markuplm_l2_seq128_op14", "seq", "HF MarkupLM, 2 layers (xpath tag / subscript embeddings)",
             _hf("markuplm"), opset=14, input_names=("input_ids", "xpath_tags_seq", "xpath_subs_seq",
                                                      "attention_mask")),
        Spec("matting_hf_vitmatte_vitdet_l4_320x448_op17", "seg", "HF ViTMatte on a 4-layer ViTDet backbone (window "
             "and global attention with decomposed relative positions, residual bottleneck block, detail capture "
             "fusion), RGB + trimap at 320 x 448", _hf("vitmatte"), opset=17, input_names=("pixel_values",)),
        Spec("seg_hf_clipseg_l3_224_op14", "seg", "HF CLIPSeg (text 2 layers, vision 3 layers, FiLM-conditioned "
             "decoder over extracted activations, transposed-conv upsampling)", _hf("clipseg"), opset=14,
             input_names=("input_ids", "pixel_values")),
        Spec("emb_hf_groupvit_vision_d211_224_op17", "cls", "HF GroupViT vision, depths 2-1-1 (group tokens, hard "
             "assignment by argmax / one-hot in grouping blocks)", _hf("groupvit"), opset=17,
             input_names=("pixel_values",), output_names=("last_hidden_state", "pooler_output")),
        Spec("asr_hf_speech2text_encoder_l2_300x80_op14", "audio", "HF Speech2Text encoder, 2 layers (Conv1d GLU "
             "subsampler, sinusoidal positions), 300 fbank frames", _hf("speech2text"), opset=14,
             input_names=("input_features",)),
        Spec("audio_hf_encodec_encoder_24k_op13", "audio", "HF EnCodec 24 kHz encoder (SEANet convs with reflect "
             "pads, 2-layer LSTM), 1 s", _hf("encodec"), opset=13, input_names=("wav",)),
        Spec("llm_hf_qwen2_l2_seq64_dynamo_op18", "seq", "HF Qwen2, 2 layers, 256-d, GQA 4 / 2, prefill of 64 tokens "
             "(RoPE, RMSNorm, causal mask from the attention mask), dynamo", _hf("qwen2"), opset=18, dynamo=True,
             input_names=ids_mask),
        # ultralytics heads / sizes not exported elsewhere
        Spec("det_yolo11n_352x640_op13", "det", "yolo11n at 352 x 640", None,
             ultralytics=_yolo("yolo11n.yaml", [352, 640], opset=13)),
        Spec("cls_yolov8n_cls_224x160_op12", "cls", "yolov8n-cls at 224 x 160", None,
             ultralytics=_yolo("yolov8n-cls.yaml", [224, 160], opset=12)),
        Spec("det_yolov6n_384x640_op13", "det", "yolov6n (ultralytics yaml) at 384 x 640", None,
             ultralytics=_yolo("yolov6n.yaml", [384, 640], opset=13)),
        Spec("seg_yolo11n_seg_256x448_op12", "seg", "yolo11n-seg at 256 x 448", None,
             ultralytics=_yolo("yolo11n-seg.yaml", [256, 448], opset=12)),
        # hand-built: real edge workloads no set hand-built
        Spec("ocr_sar_lite_step_48x160_op13", "ocr", "SAR-lite decoder step (2-layer LSTM state in / out, 2-D "
             "additive attention over a 6 x 40 map)", _custom("sar"), opset=13,
             input_names=("image", "token", "h", "c"), output_names=("probs", "h_out", "c_out")),
        Spec("tts_fastspeech2_encoder_96_op14", "audio", "FastSpeech2 encoder (4 FFT blocks with Conv1d FFN, padding "
             "mask) + duration / pitch / energy predictors, pitch embedding", _custom("fastspeech2"), opset=14,
             input_names=("phonemes",), output_names=("hidden", "log_duration", "pitch", "energy")),
        Spec("sr_swinir_light_g1_64x96_op16", "sr", "SwinIR-light cut to one group of 2 Swin blocks (window 8, "
             "shifted by roll, relative position bias), x2 pixel shuffle", _custom("swinir"), opset=16),
        Spec("trk_siamrpn_upxcorr_op12", "track", "SiamRPN up-channel cross-correlation (template features reshaped "
             "into Conv weights)", _custom("siamrpn"), opset=12, input_names=("template", "search"),
             output_names=("cls", "loc")),
        Spec("llm_rwkv4_step_op15", "seq", "RWKV-4 one-token step (token shift, WKV with running max, states in / "
             "out)", _custom("rwkv"), opset=15, input_names=("token", "state"), output_names=("logits", "state_out")),
        Spec("seg_lednet_360x480_op11", "seg", "LEDNet (split-shuffle non-bottleneck blocks, attention pyramid "
             "decoder) at 360 x 480", _custom("lednet"), opset=11),
    ]



if __name__ == "__main__":
    sys.exit(run(specs, "/work/calib/s28/unseen19/models", sys.argv[1:]))
