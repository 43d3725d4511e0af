"""Export a twenty-second set of models nobody calibrated on, to measure how the predictions carry over (toolkit 2.3.2).

Unseen sets 4 to 21 (export_unseen3.py ... export_unseen20.py) taught fixes and are no longer unseen. No model name here
is in export_models.py, export_unseen.py ... export_unseen20.py, pretrained_set.py, issue_repros.py or issue_repros2.py,
and no architecture either. timm families no set exported: NFNet-F0 (dm_nfnet_f0: scaled weight-standardised convs,
GELU, skip-init gains; stages cut from 1-2-6-3 to 1-1-2-1 blocks, the full net is 472 MB) at 192 x 256, ECA-ResNeXt-26t at 256 x 320, MnasNet-100 at 200 (not a multiple of 32) and
EfficientNet-EdgeTPU-M (efficientnet_em: fused expansion convs) at 240 x 320. Hugging Face transformers built from a
config with random weights (transformers 5.25, nothing downloaded), exported as users export them (a wrapper
returning the tensors): SmolLM (Llama: grouped-query attention with 9 query / 3 key-value heads, RMSNorm, SwiGLU) cut
to 2 layers at 576-d with a 48-token prefill, Mistral cut to 2 layers with a 16-token sliding window over 64 tokens
(dynamo), GPT-2 cut to 2 layers (Conv1D projections, tanh GELU, learned positions; 96 tokens), GPT-NeoX cut to 2
layers (quarter rotary, parallel residual; 64 tokens), Falcon cut to 2 layers (multi-query, parallel attention and
MLP; 64 tokens), BART cut to 2 + 2 layers (encoder over 64 tokens, decoder over 16 with cross-attention), XLNet cut to
2 layers (two-stream relative attention; 64 tokens), TimeSformer cut to 2 layers (divided space-time attention; 4
frames of 112), LiLT cut to 2 layers (layout stream from word boxes; 128 tokens) and TextNet (the FAST text-detection
backbone) at 320 x 480. Ultralytics variants no set exported: YOLOE-26n at 320 x 480, YOLOE-11n-seg at 320 x 416 and
YOLO12n-OBB at 384 x 640. Small hand-built models of real edge workloads that no set hand-built: a Llama-style
decode step with a static key / value cache written at the position (index_put) and RoPE read from a table at the
position (2 layers, GQA 4 / 2 heads, 128 cache slots), a SenseVoice-small-like SAN-M encoder (LFR 560-d features,
4 prompt embeddings, FSMN depthwise Conv1d memory on the values, CTC log-softmax; 2 layers, 100 frames), a
SAM-style prompt mask decoder (Fourier point encodings, label embeddings, 2-layer two-way transformer over 64 x 64
image embeddings, ConvTranspose upscaling, hypernetwork masks, IoU head), a hand landmark regressor with DSNT soft-
argmax (softmax over heatmaps, expected coordinates) at 192, PP-YOLOE-lite (CSPRepRes stages with effective-SE,
SPP neck, ET-head with DFL integral and box decode) at 320 x 384, a triplet-attention ResNet classifier (Z-pool over
permuted axes, 7 x 7 gates) at 224 and a DeepFill-lite gated-conv inpainting net (masked input, dilated gated
convs, composite output) at 256. Exporters and opsets mixed (TorchScript 11-17, dynamo 18), input sizes as users pick
them (192 x 256, 256 x 320, 240 x 320, 320 x 480, 320 x 416, 384 x 640, 320 x 384 are not square; 200 is not a
multiple of 32). Random weights, nothing downloaded. 24 exports. Changed at export: GPT-2 at opset 13 fails the
TorchScript exporter (aten::scaled_dot_product_attention needs opset 14), so it is exported at 14 as its users must.
Dropped: the Moonshine speech encoder cut to 2 layers (TorchScript export fails, AssertionError "All tensors must have
the same rank").
Same exporter, manifest and log lines as export_models.py:

    YOLO_OFFLINE=1 /work/calib/venv/bin/python calibration/export_unseen21.py --out /work/calib/s30/unseen21/models

Then the truths, one row at a time (2.3.2 through its venv):

    nice -n 10 python calibration/run_toolkit.py --models /work/calib/s30/unseen21/models --target rk3588 \
        --dtype float16 --python /work/main/.toolkits/rknn-2.3.2/bin/python \
        --out /work/calib/s30/unseen21/rk3588-float16-2.3.2/truth.json --jobs 2
    python calibration/score.py --truth /work/calib/s30/unseen21/rk3588-float16-2.3.2/truth.json \
        --models /work/calib/s30/unseen21/models --results calibration/results/unseen21/rk3588-float16-2.3.2.json
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, Callable

sys.path.insert(0, str(Path(__file__).resolve().parent))
from export_common import _timm_rect, cbr, hf_outputs, rms_norm, run  # noqa: E402
from export_models import Spec, _timm, _yolo  # noqa: E402


def _nfnet_cut(h: int, w: int) -> Callable[[], tuple[Any, tuple]]:
    """timm dm_nfnet_f0 with its stages cut from 1-2-6-3 to 1-1-2-1 blocks (the full net is 472 MB of float32)."""
    def build():
        import dataclasses

        import torch
        from timm.models.nfnet import NormFreeNet, model_cfgs

        return NormFreeNet(dataclasses.replace(model_cfgs["dm_nfnet_f0"], depths=(1, 1, 2, 1))).eval(), \
            (torch.randn(1, 3, h, w),)

    return build


def _hf(kind: str) -> Callable[[], tuple[Any, tuple]]:  # noqa: C901 (one branch per model)
    """A Hugging Face transformers model from its config (random weights), wrapped to return plain tensors."""
    def build():  # noqa: C901 (one branch per model)
        import torch
        import transformers as tr

        ids = torch.randint(5, 16000, (1, 128))
        mask = torch.ones(1, 128, dtype=torch.int64)
        ids_mask = ("input_ids", "attention_mask")
        if kind == "smollm":
            m = tr.LlamaModel(tr.LlamaConfig(vocab_size=16384, hidden_size=576, intermediate_size=1536,
                                             num_hidden_layers=2, num_attention_heads=9, num_key_value_heads=3,
                                             head_dim=64, use_cache=False, max_position_embeddings=2048))
            return hf_outputs(m, ["last_hidden_state"], ids_mask), (ids[:, :48], mask[:, :48])
        if kind == "mistral":
            m = tr.MistralModel(tr.MistralConfig(vocab_size=16000, hidden_size=256, intermediate_size=896,
                                                 num_hidden_layers=2, num_attention_heads=8, num_key_value_heads=2,
                                                 head_dim=32, sliding_window=16, use_cache=False,
                                                 max_position_embeddings=512))
            return hf_outputs(m, ["last_hidden_state"], ids_mask), (ids[:, :64], mask[:, :64])
        if kind == "gpt2":
            m = tr.GPT2Model(tr.GPT2Config(vocab_size=16000, n_positions=256, n_embd=256, n_layer=2, n_head=4,
                                           use_cache=False))
            return hf_outputs(m, ["last_hidden_state"], ids_mask), (ids[:, :96], mask[:, :96])
        if kind == "gptneox":
            m = tr.GPTNeoXModel(tr.GPTNeoXConfig(vocab_size=16000, hidden_size=256, intermediate_size=1024,
                                                 num_hidden_layers=2, num_attention_heads=4, rotary_pct=0.25,
                                                 use_parallel_residual=True, use_cache=False,
                                                 max_position_embeddings=512))
            return hf_outputs(m, ["last_hidden_state"], ids_mask), (ids[:, :64], mask[:, :64])
        if kind == "falcon":
            m = tr.FalconModel(tr.FalconConfig(vocab_size=16000, hidden_size=256, num_hidden_layers=2,
                                               num_attention_heads=8, multi_query=True, parallel_attn=True,
                                               new_decoder_architecture=False, alibi=False, bias=False,
                                               use_cache=False))
            return hf_outputs(m, ["last_hidden_state"], ids_mask), (ids[:, :64], mask[:, :64])
        if kind == "bart":
            m = tr.BartModel(tr.BartConfig(vocab_size=16000, d_model=256, encoder_layers=2, decoder_layers=2,
                                           encoder_attention_heads=4, decoder_attention_heads=4,
                                           encoder_ffn_dim=1024, decoder_ffn_dim=1024, use_cache=False,
                                           max_position_embeddings=256))
            return (hf_outputs(m, ["last_hidden_state"], ("input_ids", "attention_mask", "decoder_input_ids")),
                    (ids[:, :64], mask[:, :64], ids[:, 64:80]))
        if kind == "xlnet":
            m = tr.XLNetModel(tr.XLNetConfig(vocab_size=16000, d_model=256, n_layer=2, n_head=4, d_inner=1024,
                                             use_mems_eval=False))
            return hf_outputs(m, ["last_hidden_state"], ids_mask), (ids[:, :64], mask[:, :64].float())
        if kind == "timesformer":
            m = tr.TimesformerModel(tr.TimesformerConfig(image_size=112, patch_size=16, num_frames=4, hidden_size=256,
                                                         num_hidden_layers=2, num_attention_heads=4,
                                                         intermediate_size=1024))
            return hf_outputs(m, ["last_hidden_state"]), (torch.randn(1, 4, 3, 112, 112),)
        if kind == "lilt":
            m = tr.LiltModel(tr.LiltConfig(vocab_size=16000, num_hidden_layers=2), add_pooling_layer=False)
            x0 = torch.randint(0, 900, (1, 128, 2))
            bbox = torch.cat([x0, x0 + torch.randint(1, 100, (1, 128, 2))], -1)
            return (hf_outputs(m, ["last_hidden_state"], ("input_ids", "bbox", "attention_mask")),
                    (ids, bbox, mask))
        if kind == "textnet":
            m = tr.TextNetModel(tr.TextNetConfig())
            return hf_outputs(m, ["last_hidden_state"]), (torch.randn(1, 3, 320, 480),)
        raise ValueError(kind)

    return build


def _custom(kind: str) -> Callable[[], tuple[Any, tuple]]:  # noqa: C901 (one branch per model)
    def build():  # noqa: C901 (one branch per model, as in the other sets)
        import math

        import torch
        import torch.nn.functional as F
        from torch import nn

        if kind == "static_kv":  # Llama-style decode step, static caches written at the position
            class Layer(nn.Module):
                def __init__(self, d=256, h=4, kvh=2, hd=64) -> None:
                    super().__init__()
                    self.n1, self.n2 = rms_norm(d), rms_norm(d)
                    self.q, self.k, self.v = (nn.Linear(d, h * hd, False), nn.Linear(d, kvh * hd, False),
                                              nn.Linear(d, kvh * hd, False))
                    self.o = nn.Linear(h * hd, d, False)
                    self.gate, self.up, self.down = (nn.Linear(d, 683, False), nn.Linear(d, 683, False),
                                                     nn.Linear(683, d, False))
                    self.h, self.kvh, self.hd = h, kvh, hd

                @staticmethod
                def rope(x, cos, sin):
                    x1, x2 = x.chunk(2, -1)
                    return x * cos + torch.cat([-x2, x1], -1) * sin

                def forward(self, x, pos, cos, sin, bias, kc, vc):  # x [1, 1, d]; kc, vc [kvh, T, hd]
                    y = self.n1(x)
                    q = self.rope(self.q(y).view(1, self.h, self.hd), cos, sin)  # [1, h, hd]
                    k = self.rope(self.k(y).view(self.kvh, 1, self.hd), cos, sin)
                    v = self.v(y).view(self.kvh, 1, self.hd)
                    kc, vc = kc.clone(), vc.clone()
                    kc[:, pos] = k
                    vc[:, pos] = v
                    T = kc.shape[1]
                    kr = kc[:, None].expand(self.kvh, self.h // self.kvh, T, self.hd).reshape(self.h, T, self.hd)
                    vr = vc[:, None].expand(self.kvh, self.h // self.kvh, T, self.hd).reshape(self.h, T, self.hd)
                    a = (q.transpose(0, 1) @ kr.transpose(1, 2)) / math.sqrt(self.hd) + bias  # [h, 1, T]
                    x = x + self.o((a.softmax(-1) @ vr).reshape(1, 1, -1))
                    y = self.n2(x)
                    return x + self.down(F.silu(self.gate(y)) * self.up(y)), kc, vc

            class Step(nn.Module):
                def __init__(self, d=256, L=2, T=128, hd=64, vocab=8192) -> None:
                    super().__init__()
                    self.emb = nn.Embedding(vocab, d)
                    self.layers = nn.ModuleList(Layer(d) for _ in range(L))
                    self.norm = rms_norm(d)
                    self.head = nn.Linear(d, vocab, False)
                    inv = 1.0 / (10000 ** (torch.arange(0, hd, 2).float() / hd))
                    f = torch.outer(torch.arange(T).float(), inv)
                    f = torch.cat([f, f], -1)
                    self.register_buffer("cos_t", f.cos())
                    self.register_buffer("sin_t", f.sin())
                    self.register_buffer("slots", torch.arange(T))

                def forward(self, tok, pos, k_cache, v_cache):  # [1, 1], [1], [L, kvh, T, hd] x 2
                    x = self.emb(tok)
                    cos, sin = self.cos_t[pos], self.sin_t[pos]  # [1, hd]
                    bias = torch.where(self.slots <= pos, 0.0, -1e4)[None, None]  # [1, 1, T]
                    ks, vs = [], []
                    for i, layer in enumerate(self.layers):
                        x, k, v = layer(x, pos, cos, sin, bias, k_cache[i], v_cache[i])
                        ks.append(k)
                        vs.append(v)
                    return self.head(self.norm(x)), torch.stack(ks), torch.stack(vs)

            return Step().eval(), (torch.tensor([[7]]), torch.tensor([5]), torch.zeros(2, 2, 128, 64),
                                   torch.zeros(2, 2, 128, 64))
        if kind == "sensevoice":  # SAN-M encoder: self-attention plus FSMN memory on the values
            class SANM(nn.Module):
                def __init__(self, d=256, h=4, k=11) -> None:
                    super().__init__()
                    self.n1, self.n2 = nn.LayerNorm(d), nn.LayerNorm(d)
                    self.qkv = nn.Linear(d, 3 * d)
                    self.fsmn = nn.Conv1d(d, d, k, 1, k // 2, groups=d, bias=False)
                    self.out = nn.Linear(d, d)
                    self.ff = nn.Sequential(nn.Linear(d, 1024), nn.ReLU(), nn.Linear(1024, d))
                    self.h, self.d = h, d

                def forward(self, x):
                    n, T = x.shape[0], x.shape[1]
                    q, k, v = self.qkv(self.n1(x)).split(self.d, -1)
                    mem = self.fsmn(v.transpose(1, 2)).transpose(1, 2) + v
                    q, k, v = (t.view(n, T, self.h, -1).transpose(1, 2) for t in (q, k, v))
                    a = (q @ k.transpose(2, 3) / math.sqrt(self.d // self.h)).softmax(-1) @ v
                    x = x + self.out(a.transpose(1, 2).reshape(n, T, self.d)) + mem
                    return x + self.ff(self.n2(x))

            class SenseVoiceLite(nn.Module):
                def __init__(self, feat=560, d=256, L=2, vocab=2000) -> None:
                    super().__init__()
                    self.prompt = nn.Parameter(torch.randn(1, 4, feat) * 0.02)  # language, event, emotion, itn
                    self.inp = nn.Linear(feat, d)
                    self.layers = nn.Sequential(*(SANM(d) for _ in range(L)))
                    self.norm = nn.LayerNorm(d)
                    self.ctc = nn.Linear(d, vocab)
                    self.d = d

                def forward(self, x):  # [1, T, 560] low-frame-rate fbank stacks
                    x = torch.cat([self.prompt.expand(x.shape[0], -1, -1), x], 1)
                    T = x.shape[1]
                    pos = torch.arange(1, T + 1, dtype=torch.float32)[:, None]
                    i = torch.arange(self.d // 2, dtype=torch.float32)[None]
                    ang = pos * torch.exp(-math.log(10000.0) * i / (self.d // 2 - 1))
                    x = self.inp(x) * math.sqrt(self.d) + torch.cat([ang.sin(), ang.cos()], -1)
                    return self.ctc(self.norm(self.layers(x))).log_softmax(-1)

            return SenseVoiceLite().eval(), (torch.randn(1, 100, 560),)
        if kind == "sam_decoder":  # SAM-style prompt mask decoder
            class Attn(nn.Module):
                def __init__(self, d=256, h=8, down=1) -> None:
                    super().__init__()
                    i = d // down
                    self.q, self.k, self.v, self.o = (nn.Linear(d, i), nn.Linear(d, i), nn.Linear(d, i),
                                                      nn.Linear(i, d))
                    self.h = h

                def forward(self, q, k, v):
                    n = q.shape[0]
                    q, k, v = self.q(q), self.k(k), self.v(v)
                    c = q.shape[-1]
                    q, k, v = (t.reshape(n, -1, self.h, c // self.h).transpose(1, 2) for t in (q, k, v))
                    a = (q @ k.transpose(2, 3) / math.sqrt(c // self.h)).softmax(-1) @ v
                    return self.o(a.transpose(1, 2).reshape(n, -1, c))

            class TwoWay(nn.Module):
                def __init__(self, d=256, skip_pe=False) -> None:
                    super().__init__()
                    self.sa, self.t2i, self.i2t = Attn(d), Attn(d, down=2), Attn(d, down=2)
                    self.mlp = nn.Sequential(nn.Linear(d, 2048), nn.ReLU(), nn.Linear(2048, d))
                    self.n = nn.ModuleList(nn.LayerNorm(d) for _ in range(4))
                    self.skip_pe = skip_pe

                def forward(self, qs, ks, qpe, kpe):
                    qs = self.sa(qs, qs, qs) if self.skip_pe else qs + self.sa(qs + qpe, qs + qpe, qs)
                    qs = self.n[0](qs)
                    qs = self.n[1](qs + self.t2i(qs + qpe, ks + kpe, ks))
                    qs = self.n[2](qs + self.mlp(qs))
                    ks = self.n[3](ks + self.i2t(ks + kpe, qs + qpe, qs))
                    return qs, ks

            class LN2d(nn.Module):
                def __init__(self, c) -> None:
                    super().__init__()
                    self.w, self.b = nn.Parameter(torch.ones(c)), nn.Parameter(torch.zeros(c))

                def forward(self, x):
                    u = x.mean(1, keepdim=True)
                    s = (x - u).pow(2).mean(1, keepdim=True)
                    return self.w[:, None, None] * (x - u) / torch.sqrt(s + 1e-6) + self.b[:, None, None]

            class MaskDecoder(nn.Module):
                def __init__(self, d=256, g=64, masks=4) -> None:
                    super().__init__()
                    self.register_buffer("gauss", torch.randn(2, d // 2))
                    self.point_embed = nn.Parameter(torch.randn(4, d) * 0.02)
                    self.not_a_point = nn.Parameter(torch.randn(d) * 0.02)
                    self.no_mask = nn.Parameter(torch.randn(d) * 0.02)
                    self.tokens = nn.Parameter(torch.randn(1 + masks, d) * 0.02)  # IoU token, mask tokens
                    ys, xs = torch.meshgrid((torch.arange(g) + 0.5) / g, (torch.arange(g) + 0.5) / g, indexing="ij")
                    self.register_buffer("image_pe", self.pe(torch.stack([xs, ys], -1)).permute(2, 0, 1)[None])
                    self.layers = nn.ModuleList([TwoWay(d, True), TwoWay(d)])
                    self.final = Attn(d, down=2)
                    self.nf = nn.LayerNorm(d)
                    self.up = nn.Sequential(nn.ConvTranspose2d(d, d // 4, 2, 2), LN2d(d // 4), nn.GELU(),
                                            nn.ConvTranspose2d(d // 4, d // 8, 2, 2), nn.GELU())
                    self.hyper = nn.ModuleList(nn.Sequential(nn.Linear(d, d), nn.ReLU(), nn.Linear(d, d), nn.ReLU(),
                                                             nn.Linear(d, d // 8)) for _ in range(masks))
                    self.iou = nn.Sequential(nn.Linear(d, 256), nn.ReLU(), nn.Linear(256, masks))
                    self.masks, self.g = masks, g

                def pe(self, c):  # random Fourier features of coordinates in [0, 1]
                    c = (2 * c - 1) @ self.gauss * (2 * math.pi)
                    return torch.cat([c.sin(), c.cos()], -1)

                def forward(self, emb, coords, labels):  # [1, d, g, g], [1, N, 2] pixels of 1024, [1, N]
                    pe = self.pe(coords / 1024.0)
                    lab = labels[..., None]
                    pe = pe * (lab != -1) + self.not_a_point * (lab == -1)
                    for i in range(4):
                        pe = pe + self.point_embed[i] * (lab == i)
                    qs = torch.cat([self.tokens[None].expand(emb.shape[0], -1, -1), pe], 1)
                    src = emb + self.no_mask[None, :, None, None]
                    n, c, h, w = src.shape
                    ks = src.flatten(2).transpose(1, 2)
                    kpe = self.image_pe.flatten(2).transpose(1, 2)
                    qpe = qs
                    for layer in self.layers:
                        qs, ks = layer(qs, ks, qpe, kpe)
                    qs = self.nf(qs + self.final(qs + qpe, ks + kpe, ks))
                    up = self.up(ks.transpose(1, 2).reshape(n, c, h, w))
                    hyp = torch.stack([self.hyper[i](qs[:, 1 + i]) for i in range(self.masks)], 1)
                    b, cu, hu, wu = up.shape
                    masks = (hyp @ up.flatten(2)).view(b, -1, hu, wu)
                    return masks, self.iou(qs[:, 0])

            return MaskDecoder().eval(), (torch.randn(1, 256, 64, 64), torch.tensor([[[500.0, 375.0], [0.0, 0.0]]]),
                                          torch.tensor([[1.0, -1.0]]))
        if kind == "dsnt":  # hand landmarks: heatmaps, softmax over each map, expected coordinates
            class DSNTHand(nn.Module):
                def __init__(self, k=21) -> None:
                    super().__init__()
                    chans = [(3, 24, 2), (24, 32, 2), (32, 32, 1), (32, 64, 2), (64, 64, 1), (64, 96, 2), (96, 96, 1)]
                    self.body = nn.Sequential(*(cbr(i, o, 3, s, act=nn.ReLU6) for i, o, s in chans))
                    self.up = nn.Sequential(nn.Upsample(scale_factor=2, mode="bilinear", align_corners=False),
                                            cbr(96, 64, 3))
                    self.hm = nn.Conv2d(64, k, 1)
                    self.hand = nn.Linear(96, 1)
                    self.k = k

                def forward(self, x):  # [1, 3, 192, 192]
                    f = self.body(x)  # [1, 96, 12, 12]
                    hm = self.hm(self.up(f))  # [1, k, 24, 24]
                    n, k, h, w = hm.shape
                    p = hm.flatten(2).softmax(-1).view(n, k, h, w)
                    xs = (torch.arange(w, dtype=torch.float32) * 2 + 1) / w - 1
                    ys = (torch.arange(h, dtype=torch.float32) * 2 + 1) / h - 1
                    cx = (p.sum(2) * xs).sum(-1)
                    cy = (p.sum(3) * ys).sum(-1)
                    return torch.stack([cx, cy], -1), torch.sigmoid(self.hand(f.mean((2, 3))))

            return DSNTHand().eval(), (torch.randn(1, 3, 192, 192),)
        if kind == "ppyoloe":  # PP-YOLOE-lite: CSPRepRes + ESE, SPP neck, ET-head with DFL
            class RepBlock(nn.Module):  # RepVGG block as trained (3x3 and 1x1 branches), residual
                def __init__(self, c) -> None:
                    super().__init__()
                    self.a = cbr(c, c, 3, act=nn.SiLU)
                    self.b3 = nn.Sequential(nn.Conv2d(c, c, 3, 1, 1, bias=False), nn.BatchNorm2d(c))
                    self.b1 = nn.Sequential(nn.Conv2d(c, c, 1, bias=False), nn.BatchNorm2d(c))

                def forward(self, x):
                    y = self.a(x)
                    return x + F.silu(self.b3(y) + self.b1(y))

            class ESE(nn.Module):
                def __init__(self, c) -> None:
                    super().__init__()
                    self.fc = nn.Conv2d(c, c, 1)

                def forward(self, x):
                    return x * F.hardsigmoid(self.fc(x.mean((2, 3), keepdim=True)))

            class Stage(nn.Module):
                def __init__(self, i, o, n) -> None:
                    super().__init__()
                    m = o // 2
                    self.down = cbr(i, o, 3, 2, act=nn.SiLU)
                    self.c1, self.c2 = cbr(o, m, 1, act=nn.SiLU), cbr(o, m, 1, act=nn.SiLU)
                    self.blocks = nn.Sequential(*(RepBlock(m) for _ in range(n)))
                    self.ese = ESE(o)
                    self.c3 = cbr(o, o, 1, act=nn.SiLU)

                def forward(self, x):
                    x = self.down(x)
                    return self.c3(self.ese(torch.cat([self.c1(x), self.blocks(self.c2(x))], 1)))

            class PPYOLOE(nn.Module):
                def __init__(self, nc=80, reg_max=16) -> None:
                    super().__init__()
                    self.stem = nn.Sequential(cbr(3, 16, 3, 2, act=nn.SiLU), cbr(16, 32, 3, 1, act=nn.SiLU))
                    self.s2, self.s3, self.s4, self.s5 = Stage(32, 64, 1), Stage(64, 128, 2), Stage(128, 256, 2), \
                        Stage(256, 384, 1)
                    self.spp = cbr(384 * 4, 192, 1, act=nn.SiLU)
                    self.lat4, self.lat3 = cbr(192 + 256, 128, 1, act=nn.SiLU), cbr(128 + 128, 96, 1, act=nn.SiLU)
                    chans = (96, 128, 192)
                    self.stem_cls = nn.ModuleList(ESE(c) for c in chans)
                    self.stem_reg = nn.ModuleList(ESE(c) for c in chans)
                    self.cls = nn.ModuleList(nn.Conv2d(c, nc, 3, 1, 1) for c in chans)
                    self.reg = nn.ModuleList(nn.Conv2d(c, 4 * (reg_max + 1), 3, 1, 1) for c in chans)
                    self.proj = nn.Conv2d(reg_max + 1, 1, 1, bias=False)
                    self.proj.weight.data = torch.arange(reg_max + 1, dtype=torch.float32).view(1, -1, 1, 1)
                    self.reg_max = reg_max

                def forward(self, x):  # [1, 3, 320, 384]
                    c3 = self.s3(self.s2(self.stem(x)))
                    c4 = self.s4(c3)
                    c5 = self.s5(c4)
                    p5 = self.spp(torch.cat([c5] + [F.max_pool2d(c5, k, 1, k // 2) for k in (5, 9, 13)], 1))
                    p4 = self.lat4(torch.cat([F.interpolate(p5, scale_factor=2.0, mode="nearest"), c4], 1))
                    p3 = self.lat3(torch.cat([F.interpolate(p4, scale_factor=2.0, mode="nearest"), c3], 1))
                    scores, boxes = [], []
                    for i, (f, s) in enumerate(((p3, 8), (p4, 16), (p5, 32))):
                        n, _, h, w = f.shape
                        cl = torch.sigmoid(self.cls[i](self.stem_cls[i](f) + f))
                        rg = self.reg[i](self.stem_reg[i](f)).view(n, 4, self.reg_max + 1, h * w)
                        dist = self.proj(rg.softmax(2).permute(0, 2, 1, 3)).view(n, 4, h * w)
                        ys, xs = torch.meshgrid(torch.arange(h) + 0.5, torch.arange(w) + 0.5, indexing="ij")
                        anc = torch.stack([xs, ys]).view(1, 2, h * w).float()
                        boxes.append(torch.cat([anc - dist[:, :2], anc + dist[:, 2:]], 1) * s)
                        scores.append(cl.flatten(2))
                    return torch.cat(scores, 2), torch.cat(boxes, 2).transpose(1, 2)

            return PPYOLOE().eval(), (torch.randn(1, 3, 320, 384),)
        if kind == "triplet":  # ResNet-ish with triplet attention after each stage
            class Gate(nn.Module):
                def __init__(self) -> None:
                    super().__init__()
                    self.conv = nn.Sequential(nn.Conv2d(2, 1, 7, 1, 3, bias=False), nn.BatchNorm2d(1))

                def forward(self, x):
                    z = torch.cat([x.max(1, keepdim=True)[0], x.mean(1, keepdim=True)], 1)
                    return x * torch.sigmoid(self.conv(z))

            class Triplet(nn.Module):
                def __init__(self) -> None:
                    super().__init__()
                    self.ch, self.cw, self.hw = Gate(), Gate(), Gate()

                def forward(self, x):
                    a = self.ch(x.permute(0, 2, 1, 3)).permute(0, 2, 1, 3)
                    b = self.cw(x.permute(0, 3, 2, 1)).permute(0, 3, 2, 1)
                    return (a + b + self.hw(x)) / 3

            class Basic(nn.Module):
                def __init__(self, i, o, s) -> None:
                    super().__init__()
                    self.a = cbr(i, o, 3, s)
                    self.b = nn.Sequential(nn.Conv2d(o, o, 3, 1, 1, bias=False), nn.BatchNorm2d(o))
                    self.att = Triplet()
                    self.sc = nn.Sequential(nn.Conv2d(i, o, 1, s, bias=False), nn.BatchNorm2d(o)) if s > 1 else None

                def forward(self, x):
                    return F.relu(self.att(self.b(self.a(x))) + (self.sc(x) if self.sc is not None else x))

            class TripletNet(nn.Module):
                def __init__(self, classes=1000) -> None:
                    super().__init__()
                    self.stem = nn.Sequential(cbr(3, 32, 3, 2), cbr(32, 64, 3, 2))
                    self.body = nn.Sequential(Basic(64, 64, 1), Basic(64, 128, 2), Basic(128, 256, 2),
                                              Basic(256, 512, 2))
                    self.fc = nn.Linear(512, classes)

                def forward(self, x):
                    return self.fc(self.body(self.stem(x)).mean((2, 3)))

            return TripletNet().eval(), (torch.randn(1, 3, 224, 224),)
        if kind == "gated_inpaint":  # DeepFill-lite coarse network with gated convolutions
            class GConv(nn.Module):
                def __init__(self, i, o, k=3, s=1, d=1, act=True) -> None:
                    super().__init__()
                    self.conv = nn.Conv2d(i, 2 * o, k, s, d * (k // 2), dilation=d)
                    self.act = act

                def forward(self, x):
                    f, g = self.conv(x).chunk(2, 1)
                    return (F.elu(f) if self.act else f) * torch.sigmoid(g)

            class Inpaint(nn.Module):
                def __init__(self, c=32) -> None:
                    super().__init__()
                    self.enc = nn.Sequential(GConv(5, c, 5), GConv(c, 2 * c, 3, 2), GConv(2 * c, 2 * c),
                                             GConv(2 * c, 4 * c, 3, 2), GConv(4 * c, 4 * c))
                    self.mid = nn.Sequential(*(GConv(4 * c, 4 * c, 3, 1, d) for d in (2, 4, 8, 16)))
                    self.dec = nn.Sequential(nn.Upsample(scale_factor=2.0), GConv(4 * c, 2 * c),
                                             nn.Upsample(scale_factor=2.0), GConv(2 * c, c), GConv(c, c // 2),
                                             nn.Conv2d(c // 2, 3, 3, 1, 1))

                def forward(self, image, mask):  # [1, 3, 256, 256] in [-1, 1], [1, 1, 256, 256] 1 = hole
                    x = torch.cat([image * (1 - mask), torch.ones_like(mask), mask], 1)
                    out = torch.tanh(self.dec(self.mid(self.enc(x))))
                    return out * mask + image * (1 - mask)

            return Inpaint().eval(), (torch.rand(1, 3, 256, 256) * 2 - 1,
                                      (torch.rand(1, 1, 256, 256) > 0.8).float())
        raise ValueError(kind)

    return build


def specs() -> list[Spec]:
    ids_mask = ("input_ids", "attention_mask")
    return [
        # timm families no set exported
        Spec("cls_timm_dm_nfnet_f0_cut1121_192x256_op13", "cls", "timm/dm_nfnet_f0 cut to 1-1-2-1 blocks (scaled "
             "weight-standardised convs, GELU, skip-init gains) at 192 x 256", _nfnet_cut(192, 256), opset=13),
        Spec("cls_timm_ecaresnext26t_256x320_op12", "cls", "timm/ecaresnext26t_32x4d (ECA attention, ResNeXt, "
             "tiered stem) at 256 x 320", _timm_rect("ecaresnext26t_32x4d", 256, 320), opset=12),
        Spec("cls_timm_mnasnet_100_200_op11", "cls", "timm/mnasnet_100 at 200", _timm("mnasnet_100", 200), opset=11),
        Spec("cls_timm_efficientnet_em_240x320_op17", "cls", "timm/efficientnet_em (EdgeTPU-M, fused expansion "
             "convs) at 240 x 320", _timm_rect("efficientnet_em", 240, 320), opset=17),
        # Hugging Face transformers from configs, random weights
        Spec("llm_hf_smollm_llama_l2_seq48_op17", "seq", "HF Llama at SmolLM-135M's width (576-d, 9 query / 3 key-"
             "value heads), 2 layers, 48-token prefill", _hf("smollm"), opset=17, input_names=ids_mask),
        Spec("llm_hf_mistral_swa16_l2_seq64_dynamo_op18", "seq", "HF Mistral, 2 layers, sliding window 16 over 64 "
             "tokens, dynamo", _hf("mistral"), opset=18, dynamo=True, input_names=ids_mask),
        Spec("llm_hf_gpt2_l2_seq96_op14", "seq", "HF GPT-2, 2 layers, 256-d (Conv1D projections, tanh GELU), 96 "
             "tokens", _hf("gpt2"), opset=14, input_names=ids_mask),
        Spec("llm_hf_gptneox_l2_seq64_op14", "seq", "HF GPT-NeoX, 2 layers, 256-d (quarter rotary, parallel "
             "residual), 64 tokens", _hf("gptneox"), opset=14, input_names=ids_mask),
        Spec("llm_hf_falcon_mqa_l2_seq64_op17", "seq", "HF Falcon, 2 layers, 256-d (multi-query, parallel attention "
             "and MLP), 64 tokens", _hf("falcon"), opset=17, input_names=ids_mask),
        Spec("nlp_hf_bart_l2x2_src64_tgt16_op14", "seq", "HF BART, 2 + 2 layers, 64 source / 16 target tokens",
             _hf("bart"), opset=14, input_names=("input_ids", "attention_mask", "decoder_input_ids")),
        Spec("nlp_hf_xlnet_l2_seq64_op14", "seq", "HF XLNet, 2 layers, 256-d (two-stream relative attention), 64 "
             "tokens", _hf("xlnet"), opset=14, input_names=ids_mask),
        Spec("video_hf_timesformer_l2_4x112_op17", "cls", "HF TimeSformer, 2 layers, 256-d (divided space-time "
             "attention), 4 frames of 112", _hf("timesformer"), opset=17, input_names=("pixel_values",)),
        Spec("doc_hf_lilt_l2_seq128_op14", "seq", "HF LiLT, 2 layers (layout stream from word boxes), 128 tokens",
             _hf("lilt"), opset=14, input_names=("input_ids", "bbox", "attention_mask")),
        Spec("ocr_hf_textnet_320x480_op13", "ocr", "HF TextNet (FAST text-detection backbone) at 320 x 480",
             _hf("textnet"), opset=13, input_names=("pixel_values",)),
        # ultralytics variants no set exported
        Spec("det_yoloe_26n_320x480_op13", "det", "yoloe-26n (prompt embeddings fixed) at 320 x 480", None,
             ultralytics=_yolo("yoloe-26n.yaml", [320, 480], opset=13)),
        Spec("seg_yoloe_11n_seg_320x416_op12", "seg", "yoloe-11n-seg at 320 x 416", None,
             ultralytics=_yolo("yoloe-11n-seg.yaml", [320, 416], opset=12)),
        Spec("obb_yolo12n_obb_384x640_op13", "obb", "yolo12n-obb at 384 x 640", None,
             ultralytics=_yolo("yolo12n-obb.yaml", [384, 640], opset=13)),
        # hand-built: real edge workloads no set hand-built
        Spec("llm_llama_static_kv_step_t128_op17", "seq", "Llama-style decode step, static key / value caches of "
             "128 slots written at the position, RoPE table read at the position (2 layers, GQA 4 / 2)",
             _custom("static_kv"), opset=17, input_names=("token", "position", "k_cache", "v_cache"),
             output_names=("logits", "k_cache_out", "v_cache_out")),
        Spec("asr_sensevoice_lite_sanm_100_op14", "audio", "SenseVoice-small-like SAN-M encoder (LFR 560-d, 4 prompt "
             "embeddings, FSMN memory, CTC), 2 layers, 100 frames", _custom("sensevoice"), opset=14,
             input_names=("speech",)),
        Spec("seg_sam_prompt_mask_decoder_64_op16", "seg", "SAM-style prompt mask decoder (two-way transformer over "
             "64 x 64 embeddings, hypernetwork masks)", _custom("sam_decoder"), opset=16,
             input_names=("image_embeddings", "point_coords", "point_labels"), output_names=("masks", "iou")),
        Spec("pose_hand_dsnt_192_op13", "pose", "hand landmarks with DSNT soft-argmax over 21 heatmaps at 192",
             _custom("dsnt"), opset=13, output_names=("landmarks", "handedness")),
        Spec("det_ppyoloe_lite_320x384_op11", "det", "PP-YOLOE-lite (CSPRepRes + effective SE, SPP, ET-head with DFL "
             "and box decode) at 320 x 384", _custom("ppyoloe"), opset=11, output_names=("scores", "boxes")),
        Spec("cls_triplet_attention_resnet_224_op12", "cls", "ResNet-ish classifier with triplet attention (Z-pool "
             "over permuted axes) at 224", _custom("triplet"), opset=12),
        Spec("inpaint_deepfill_lite_gated_256_op13", "misc", "DeepFill-lite gated-conv inpainting (dilated gated "
             "convs, composite output) at 256", _custom("gated_inpaint"), opset=13, input_names=("image", "mask")),
    ]


if __name__ == "__main__":
    sys.exit(run(specs, "/work/calib/s30/unseen21/models", sys.argv[1:]))
