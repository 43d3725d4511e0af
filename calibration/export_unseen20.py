"""Export a twenty-first set of models nobody calibrated on, to measure how the predictions carry over (toolkit 2.3.2).

Unseen sets 4 to 20 (export_unseen3.py ... export_unseen19.py) taught fixes and are no longer unseen. No model name here
is in export_models.py, export_unseen.py ... export_unseen19.py, pretrained_set.py, issue_repros.py or issue_repros2.py,
and no architecture either. timm variants with sub-patterns no set had (timm families no set exported): SE-HaloNet-33ts
(halo attention with squeeze-excitation) at 256 and LambdaHaloBotNet-50ts (lambda, halo and bottleneck self-attention
layers in one net) at its fixed 256 (both dynamo), GC-ResNeXt-26ts (global-context blocks) at 224 x 288 and RegNetV-040
(pre-activation RegNet; dynamo opset 19) at 240 x 320. Hugging Face transformers built from a config with random
weights (transformers 5.25, nothing downloaded), exported as users export them (a wrapper returning the tensors), none
of them in an earlier set: I-JEPA ViT/14 cut to 4 layers at 224 (no class token), UniSpeech-SAT cut to 2 layers (1 s
of 16 kHz audio), the SpeechT5 speech encoder with its prenet cut to 2 layers (relative position bias; 1 s), RemBERT
cut to 2 layers (decoupled 256-d input embeddings projected to 1152; vocabulary cut to 32000), Longformer cut to 2
layers (local attention windows of 64 over 256 tokens), BigBird cut to 2 layers (block-sparse attention, blocks of 32
over 512 tokens), Phi cut to 2 layers at 256-d (partial rotary, parallel attention and MLP; 64-token prefill;
dynamo), Gemma cut to 2 layers at 256-d (multi-query attention with 128-d heads, (1 + w) RMSNorm, GeGLU, scaled
embeddings; 64-token prefill), the TrOCR decoder cut to 2 layers (learned positions, cross-attention to 145 ViT states
of 384; 16 tokens), BLOOM cut to 2 layers (ALiBi from the attention mask; 64 tokens) and the DAC encoder (Snake
activations, weight-normed strided Conv1d; 16384 samples). Ultralytics variants no set exported: YOLOE-v8n (detect,
prompt embeddings fixed) at 320 x 416, YOLOv9t at 256 x 448, YOLOv8n-OBB at 512 and YOLOv5nu at 192 x 320. Small
hand-built models of real edge workloads that no set hand-built: a Mamba-1 one-token step (conv state shifted in /
out, selective scan with softplus dt and exp(dt A); 2 layers), DeepFilterNet-lite (ERB and complex-spectrum encoders
with causal separable convs, GRUs, ERB gain decoder, a 5-tap deep filter applied as complex multiply-adds over
time-shifted frames) on 100 frames, LoFTR-lite coarse matching (ResNet-FPN to 1 / 8 of two 120 x 160 grey images, 2
self / cross linear-attention layer pairs with elu + 1 feature maps, dual-softmax confidence over 300 x 300 with
mutual maxima), an IMU gesture classifier (Conv1d stem, class token, 2 pre-norm Transformer layers; dynamo) on 6 x
128 samples and X3D-XS-lite action recognition (Conv3d stem, depthwise 3 x 3 x 3 bottlenecks with SE and swish; 4
frames of 160 x 160). Exporters and opsets mixed (TorchScript 11-17, dynamo 18-19), input sizes as users pick them
(224 x 288, 240 x 320, 320 x 416, 256 x 448, 192 x 320 are not square; 6 x 128, 16384 samples). Random weights,
nothing downloaded. 24 exports. Changed at export: SE-HaloNet-33ts and LambdaHaloBotNet-50ts fail the TorchScript
exporter (SymbolicValueError), so both are dynamo (opset 18); BLOOM's forward takes
past_key_values second, so its inputs are passed by keyword. Dropped: YOLOv8-World v1 (ultralytics' TorchScript
export fails with a SymbolicValueError at 320 x 480 and at 320; replaced by YOLOE-v8n) and YOLO11-cls on ResNet-18
(building it reached for the network, URLError; replaced by YOLOv9t at 256 x 448). LoFTR-lite
at 240 x 320 (1200 x 1200 confidences) was killed out of memory (7.5 GB RSS) in the rk3588 build on this shared
2-core, 24 GB machine: it is built at 120 x 160.
Same exporter, manifest and log lines as export_models.py:

    YOLO_OFFLINE=1 /work/calib/venv/bin/python calibration/export_unseen20.py --out /work/calib/s29/unseen20/models

Then the truths, one row at a time (2.3.2 through its venv):

    nice -n 10 python calibration/run_toolkit.py --models /work/calib/s29/unseen20/models --target rk3588 \
        --dtype float16 --python /work/main/.toolkits/rknn-2.3.2/bin/python \
        --out /work/calib/s29/unseen20/rk3588-float16-2.3.2/truth.json --jobs 2
    python calibration/score.py --truth /work/calib/s29/unseen20/rk3588-float16-2.3.2/truth.json \
        --models /work/calib/s29/unseen20/models --results calibration/results/unseen20/rk3588-float16-2.3.2.json
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

        ids = torch.randint(5, 20000, (1, 512))
        ids_mask = ("input_ids", "attention_mask")
        mask = torch.ones(1, 512, dtype=torch.int64)
        if kind == "ijepa":
            m = tr.IJepaModel(tr.IJepaConfig(num_hidden_layers=4, hidden_size=384, num_attention_heads=6,
                                             intermediate_size=1536, image_size=224, patch_size=14))
            return hf_outputs(m, ["last_hidden_state"]), (torch.randn(1, 3, 224, 224),)
        if kind == "unispeech_sat":
            m = tr.UniSpeechSatModel(tr.UniSpeechSatConfig(num_hidden_layers=2))
            return hf_outputs(m, ["last_hidden_state"]), (torch.randn(1, 16000),)
        if kind == "speecht5":
            from transformers.models.speecht5.modeling_speecht5 import SpeechT5EncoderWithSpeechPrenet

            m = SpeechT5EncoderWithSpeechPrenet(tr.SpeechT5Config(encoder_layers=2))
            return hf_outputs(m, ["last_hidden_state"]), (torch.randn(1, 16000),)
        if kind == "rembert":
            m = tr.RemBertModel(tr.RemBertConfig(num_hidden_layers=2, vocab_size=32000), add_pooling_layer=False)
            return hf_outputs(m, ["last_hidden_state"]), (ids[:, :128], mask[:, :128])
        if kind == "longformer":
            m = tr.LongformerModel(tr.LongformerConfig(num_hidden_layers=2, attention_window=64,
                                                       vocab_size=32000), add_pooling_layer=False)
            return hf_outputs(m, ["last_hidden_state"]), (ids[:, :256], mask[:, :256])
        if kind == "bigbird":
            m = tr.BigBirdModel(tr.BigBirdConfig(num_hidden_layers=2, attention_type="block_sparse", block_size=32,
                                                 num_random_blocks=2, vocab_size=32000), add_pooling_layer=False)
            return hf_outputs(m, ["last_hidden_state"]), (ids, mask)
        if kind == "phi":
            m = tr.PhiModel(tr.PhiConfig(vocab_size=32000, hidden_size=256, intermediate_size=1024,
                                         num_hidden_layers=2, num_attention_heads=4, partial_rotary_factor=0.5,
                                         use_cache=False, max_position_embeddings=512))
            return hf_outputs(m, ["last_hidden_state"]), (ids[:, :64], mask[:, :64])
        if kind == "gemma":
            m = tr.GemmaModel(tr.GemmaConfig(vocab_size=32000, hidden_size=256, intermediate_size=1024,
                                             num_hidden_layers=2, num_attention_heads=4, num_key_value_heads=1,
                                             head_dim=128, use_cache=False, max_position_embeddings=512))
            return hf_outputs(m, ["last_hidden_state"]), (ids[:, :64], mask[:, :64])
        if kind == "trocr":
            m = tr.TrOCRForCausalLM(tr.TrOCRConfig(vocab_size=8000, d_model=256, decoder_layers=2,
                                                   decoder_attention_heads=4, decoder_ffn_dim=1024,
                                                   cross_attention_hidden_size=384, use_cache=False))
            return (hf_outputs(m, ["logits"], ("input_ids", "encoder_hidden_states")),
                    (ids[:, :16] % 8000, torch.randn(1, 145, 384)))
        if kind == "bloom":
            m = tr.BloomModel(tr.BloomConfig(vocab_size=32000, hidden_size=256, n_layer=2, n_head=8,
                                             use_cache=False))
            return hf_outputs(m, ["last_hidden_state"], ids_mask), (ids[:, :64], mask[:, :64])
        if kind == "dac":
            m = tr.DacModel(tr.DacConfig()).encoder.eval()
            return m, (torch.randn(1, 1, 16384),)
        raise ValueError(kind)

    return build


def _custom(kind: str) -> Callable[[], tuple[Any, tuple]]:  # noqa: C901 (one branch per model)
    def build():  # noqa: C901 (one branch per model, as in the other sets)
        import torch
        import torch.nn.functional as F
        from torch import nn

        if kind == "mamba":  # Mamba-1 one-token step: conv state and SSM state in / out
            class MambaBlock(nn.Module):
                def __init__(self, d=256, e=2, n=16, k=4) -> None:
                    super().__init__()
                    di, r = d * e, d // 16
                    self.norm = nn.LayerNorm(d)
                    self.inp = nn.Linear(d, 2 * di, bias=False)
                    self.conv_w, self.conv_b = nn.Parameter(torch.randn(di, k) * 0.3), nn.Parameter(torch.zeros(di))
                    self.xp = nn.Linear(di, r + 2 * n, bias=False)
                    self.dtp = nn.Linear(r, di)
                    self.A_log = nn.Parameter(torch.log(torch.arange(1, n + 1).float()).repeat(di, 1))
                    self.D = nn.Parameter(torch.ones(di))
                    self.out = nn.Linear(di, d, bias=False)
                    self.r, self.n = r, n

                def forward(self, x, cs, hs):  # x [1, d], conv state [di, k-1], ssm state [di, n]
                    xz = self.inp(self.norm(x))
                    u, z = xz.chunk(2, -1)
                    win = torch.cat([cs, u.transpose(0, 1)], 1)  # [di, k]
                    u = F.silu((win * self.conv_w).sum(-1) + self.conv_b)[None]  # [1, di]
                    dt, B, C = self.xp(u).split([self.r, self.n, self.n], -1)
                    dt = F.softplus(self.dtp(dt))  # [1, di]
                    A = -torch.exp(self.A_log)  # [di, n]
                    h = hs * torch.exp(dt.transpose(0, 1) * A) + (dt * u).transpose(0, 1) * B
                    y = (h @ C.transpose(0, 1)).transpose(0, 1) + self.D * u
                    return x + self.out(y * F.silu(z)), win[:, 1:], h

            class Mamba(nn.Module):
                def __init__(self, d=256, L=2, vocab=8192) -> None:
                    super().__init__()
                    self.emb = nn.Embedding(vocab, d)
                    self.blocks = nn.ModuleList(MambaBlock(d) for _ in range(L))
                    self.norm = nn.LayerNorm(d)
                    self.head = nn.Linear(d, vocab, bias=False)

                def forward(self, tok, conv_state, ssm_state):  # [1], [L, di, 3], [L, di, n]
                    x = self.emb(tok)
                    cs, hs = [], []
                    for i, b in enumerate(self.blocks):
                        x, c, h = b(x, conv_state[i], ssm_state[i])
                        cs.append(c)
                        hs.append(h)
                    return self.head(self.norm(x)), torch.stack(cs), torch.stack(hs)

            return Mamba().eval(), (torch.tensor([11]), torch.zeros(2, 512, 3), torch.zeros(2, 512, 16))
        if kind == "deepfilter":  # DeepFilterNet-lite: ERB gains + a 5-tap deep filter on the low bins
            class SepConv(nn.Module):  # causal in time (left pad 2), separable over frequency
                def __init__(self, i, o, fs=1) -> None:
                    super().__init__()
                    self.dw = nn.Conv2d(i, i, (3, 3), (1, fs), (0, 1), groups=i, bias=False)
                    self.pw = nn.Conv2d(i, o, 1, bias=False)
                    self.bn = nn.BatchNorm2d(o)

                def forward(self, x):
                    return F.relu(self.bn(self.pw(self.dw(F.pad(x, (0, 0, 2, 0))))))

            class DFNet(nn.Module):
                def __init__(self, erb=32, df=96, order=5, c=64, h=256) -> None:
                    super().__init__()
                    self.erb_enc = nn.Sequential(SepConv(1, c), SepConv(c, c, 2), SepConv(c, c, 2), SepConv(c, c, 2))
                    self.df_enc = nn.Sequential(SepConv(2, c), SepConv(c, c, 2), SepConv(c, c, 2))
                    self.df_proj = nn.Linear(c * 24, c * 4)
                    self.gru = nn.GRU(c * 4, h, batch_first=True)
                    self.erb_dec = nn.Sequential(nn.Linear(h, h), nn.ReLU(), nn.Linear(h, erb), nn.Sigmoid())
                    self.df_dec = nn.GRU(h, h, batch_first=True)
                    self.df_out = nn.Linear(h, df * order * 2)
                    self.df, self.order = df, order

                def forward(self, feat_erb, spec):  # [1, 1, T, 32], [1, 2, T, 96] (real, imag of the low bins)
                    T = feat_erb.shape[2]
                    e = self.erb_enc(feat_erb)  # [1, c, T, 4]
                    d = self.df_enc(spec)  # [1, c, T, 24]
                    e = e.permute(0, 2, 1, 3).flatten(2)
                    d = self.df_proj(d.permute(0, 2, 1, 3).flatten(2))
                    g, _ = self.gru(e + d)  # [1, T, h]
                    mask = self.erb_dec(g)  # [1, T, 32]
                    co, _ = self.df_dec(g)
                    co = torch.tanh(self.df_out(co)).view(1, T, self.order, self.df, 2)
                    sp = F.pad(spec, (0, 0, self.order - 1, 0))  # past frames
                    re = torch.zeros_like(spec[:, 0])
                    im = torch.zeros_like(spec[:, 0])
                    for k in range(self.order):
                        sr, si = sp[:, 0, k:k + T], sp[:, 1, k:k + T]
                        cr, ci = co[:, :, k, :, 0], co[:, :, k, :, 1]
                        re = re + sr * cr - si * ci
                        im = im + sr * ci + si * cr
                    return mask, torch.stack([re, im], 1)

            return DFNet().eval(), (torch.randn(1, 1, 100, 32), torch.randn(1, 2, 100, 96))
        if kind == "loftr":  # LoFTR-lite coarse matching
            class Block(nn.Module):
                def __init__(self, i, o, s) -> None:
                    super().__init__()
                    self.a, self.b = cbr(i, o, 3, s), nn.Sequential(nn.Conv2d(o, o, 3, 1, 1, bias=False),
                                                                     nn.BatchNorm2d(o))
                    self.sc = nn.Sequential(nn.Conv2d(i, o, 1, s, bias=False), nn.BatchNorm2d(o)) if s > 1 else None

                def forward(self, x):
                    return F.relu(self.b(self.a(x)) + (self.sc(x) if self.sc is not None else x))

            class LinAttn(nn.Module):
                def __init__(self, d=128, h=8) -> None:
                    super().__init__()
                    self.q, self.k, self.v = nn.Linear(d, d, False), nn.Linear(d, d, False), nn.Linear(d, d, False)
                    self.merge = nn.Linear(d, d, False)
                    self.mlp = nn.Sequential(nn.Linear(2 * d, 2 * d, False), nn.ReLU(), nn.Linear(2 * d, d, False))
                    self.n1, self.n2 = nn.LayerNorm(d), nn.LayerNorm(d)
                    self.h, self.d = h, d

                def forward(self, x, src):
                    n, L, S = x.shape[0], x.shape[1], src.shape[1]
                    q = F.elu(self.q(x).view(n, L, self.h, -1)) + 1
                    k = F.elu(self.k(src).view(n, S, self.h, -1)) + 1
                    v = self.v(src).view(n, S, self.h, -1) / S
                    kv = torch.einsum("nshd,nshv->nhdv", k, v)
                    z = 1 / (torch.einsum("nlhd,nhd->nlh", q, k.sum(1)) + 1e-6)
                    m = torch.einsum("nlhd,nhdv,nlh->nlhv", q, kv, z) * S
                    m = self.n1(self.merge(m.reshape(n, L, self.d)))
                    return x + self.n2(self.mlp(torch.cat([x, m], -1)))

            class LoFTRLite(nn.Module):
                def __init__(self, d=128) -> None:
                    super().__init__()
                    self.stem = cbr(1, 64, 7, 2)
                    self.l1 = nn.Sequential(Block(64, 64, 1), Block(64, 96, 2), Block(96, d, 2))
                    self.layers = nn.ModuleList(LinAttn(d) for _ in range(4))  # self, cross, self, cross
                    self.d = d

                def forward(self, im0, im1):  # [1, 1, 120, 160] each
                    f0 = self.l1(self.stem(im0)).flatten(2).transpose(1, 2)  # [1, 300, d]
                    f1 = self.l1(self.stem(im1)).flatten(2).transpose(1, 2)
                    for i, layer in enumerate(self.layers):
                        if i % 2 == 0:
                            f0, f1 = layer(f0, f0), layer(f1, f1)
                        else:
                            f0, f1 = layer(f0, f1), layer(f1, f0)
                    sim = f0 @ f1.transpose(1, 2) / (self.d * 0.1)
                    conf = sim.softmax(1) * sim.softmax(2)
                    mask = (conf == conf.max(2, keepdim=True)[0]) & (conf == conf.max(1, keepdim=True)[0])
                    mconf, idx = (conf * mask.float()).max(2)
                    return conf, mconf, idx

            return LoFTRLite().eval(), (torch.rand(1, 1, 120, 160), torch.rand(1, 1, 120, 160))
        if kind == "imu":  # IMU gesture: Conv1d stem, class token, 2 pre-norm Transformer layers
            class IMUNet(nn.Module):
                def __init__(self, c=6, d=64, classes=12) -> None:
                    super().__init__()
                    self.stem = nn.Sequential(nn.Conv1d(c, 32, 5, 1, 2), nn.BatchNorm1d(32), nn.ReLU(),
                                              nn.Conv1d(32, d, 5, 2, 2), nn.BatchNorm1d(d), nn.ReLU(),
                                              nn.Conv1d(d, d, 5, 2, 2), nn.BatchNorm1d(d), nn.ReLU())
                    self.cls = nn.Parameter(torch.zeros(1, 1, d))
                    self.pos = nn.Parameter(torch.randn(1, 33, d) * 0.02)
                    layer = nn.TransformerEncoderLayer(d, 4, 4 * d, 0.0, batch_first=True, norm_first=True)
                    self.enc = nn.TransformerEncoder(layer, 2, enable_nested_tensor=False)
                    self.head = nn.Sequential(nn.LayerNorm(d), nn.Linear(d, classes))

                def forward(self, x):  # [1, 6, 128]
                    t = self.stem(x).transpose(1, 2)  # [1, 32, d]
                    t = torch.cat([self.cls.expand(t.shape[0], -1, -1), t], 1) + self.pos
                    return self.head(self.enc(t)[:, 0])

            return IMUNet().eval(), (torch.randn(1, 6, 128),)
        if kind == "x3d":  # X3D-XS-lite: Conv3d stem, depthwise 3x3x3 bottlenecks with SE and swish
            class Bottle(nn.Module):
                def __init__(self, i, o, e, s, se) -> None:
                    super().__init__()
                    self.a = nn.Sequential(nn.Conv3d(i, e, 1, bias=False), nn.BatchNorm3d(e), nn.ReLU())
                    self.b = nn.Sequential(nn.Conv3d(e, e, 3, (1, s, s), 1, groups=e, bias=False), nn.BatchNorm3d(e))
                    self.se = nn.Sequential(nn.AdaptiveAvgPool3d(1), nn.Conv3d(e, e // 16 * 4, 1), nn.ReLU(),
                                            nn.Conv3d(e // 16 * 4, e, 1), nn.Sigmoid()) if se else None
                    self.c = nn.Sequential(nn.Conv3d(e, o, 1, bias=False), nn.BatchNorm3d(o))
                    self.sc = (nn.Sequential(nn.Conv3d(i, o, 1, (1, s, s), bias=False), nn.BatchNorm3d(o))
                               if s > 1 or i != o else None)

                def forward(self, x):
                    y = self.b(self.a(x))
                    if self.se is not None:
                        y = y * self.se(y)
                    y = self.c(F.silu(y))
                    return F.relu(y + (self.sc(x) if self.sc is not None else x))

            class X3D(nn.Module):
                def __init__(self, classes=400) -> None:
                    super().__init__()
                    self.stem = nn.Sequential(nn.Conv3d(3, 24, (1, 3, 3), (1, 2, 2), (0, 1, 1), bias=False),
                                              nn.Conv3d(24, 24, (5, 1, 1), 1, (2, 0, 0), groups=24, bias=False),
                                              nn.BatchNorm3d(24), nn.ReLU())
                    blocks, i = [], 24
                    for o, n in ((24, 2), (48, 3), (96, 3), (192, 2)):
                        for j in range(n):
                            blocks.append(Bottle(i, o, int(o * 2.25), 2 if j == 0 else 1, j % 2 == 0))
                            i = o
                    self.blocks = nn.Sequential(*blocks)
                    self.head = nn.Sequential(nn.Conv3d(192, 432, 1, bias=False), nn.BatchNorm3d(432), nn.ReLU())
                    self.fc = nn.Linear(432, classes)

                def forward(self, x):  # [1, 3, 4, 160, 160]
                    y = self.head(self.blocks(self.stem(x)))
                    return self.fc(F.adaptive_avg_pool3d(y, 1).flatten(1)).softmax(-1)

            return X3D().eval(), (torch.randn(1, 3, 4, 160, 160),)
        raise ValueError(kind)

    return build


def specs() -> list[Spec]:
    ids_mask = ("input_ids", "attention_mask")
    return [
        # timm families no set exported
        Spec("cls_timm_sehalonet33ts_256_dynamo_op18", "cls", "timm/sehalonet33ts (halo attention with squeeze-"
             "excitation) at 256, dynamo", _timm("sehalonet33ts", 256), opset=18, dynamo=True),
        Spec("cls_timm_lamhalobotnet50ts_256_dynamo_op18", "cls", "timm/lamhalobotnet50ts_256 (lambda, halo and "
             "bottleneck self-attention layers) at its fixed 256, dynamo", _timm("lamhalobotnet50ts_256", 256),
             opset=18, dynamo=True),
        Spec("cls_timm_gcresnext26ts_224x288_op11", "cls", "timm/gcresnext26ts (global-context blocks) at 224 x 288",
             _timm_rect("gcresnext26ts", 224, 288), opset=11),
        Spec("cls_timm_regnetv_040_240x320_dynamo_op19", "cls", "timm/regnetv_040 (pre-activation RegNet) at "
             "240 x 320, dynamo", _timm_rect("regnetv_040", 240, 320), opset=19, dynamo=True),
        # Hugging Face transformers from configs, random weights
        Spec("emb_hf_ijepa_vit14_l4_224_op17", "cls", "HF I-JEPA ViT/14, 4 layers at 384-d (no class token)",
             _hf("ijepa"), opset=17, input_names=("pixel_values",)),
        Spec("asr_hf_unispeech_sat_l2_16k_op14", "audio", "HF UniSpeech-SAT, 2 layers, 1 s of 16 kHz audio",
             _hf("unispeech_sat"), opset=14, input_names=("input_values",)),
        Spec("asr_hf_speecht5_speech_encoder_l2_16k_op17", "audio", "HF SpeechT5 speech encoder with its prenet, 2 "
             "layers (relative position bias), 1 s", _hf("speecht5"), opset=17, input_names=("input_values",)),
        Spec("nlp_hf_rembert_l2_seq128_op14", "seq", "HF RemBERT, 2 layers (256-d input embeddings projected to "
             "1152), vocabulary cut to 32000", _hf("rembert"), opset=14, input_names=ids_mask),
        Spec("nlp_hf_longformer_l2_w64_seq256_op14", "seq", "HF Longformer, 2 layers, local attention windows of 64 "
             "over 256 tokens", _hf("longformer"), opset=14, input_names=ids_mask),
        Spec("nlp_hf_bigbird_blocksparse_l2_seq512_op13", "seq", "HF BigBird, 2 layers, block-sparse attention "
             "(blocks of 32) over 512 tokens", _hf("bigbird"), opset=13, input_names=ids_mask),
        Spec("llm_hf_phi_l2_seq64_dynamo_op18", "seq", "HF Phi, 2 layers, 256-d (partial rotary, parallel attention "
             "and MLP), 64-token prefill, dynamo", _hf("phi"), opset=18, dynamo=True, input_names=ids_mask),
        Spec("llm_hf_gemma_l2_seq64_op17", "seq", "HF Gemma, 2 layers, 256-d (multi-query attention, 128-d heads, "
             "GeGLU), 64-token prefill", _hf("gemma"), opset=17, input_names=ids_mask),
        Spec("ocr_hf_trocr_decoder_l2_seq16_op14", "ocr", "HF TrOCR decoder, 2 layers (learned positions, cross-"
             "attention to 145 ViT states), 16 tokens", _hf("trocr"), opset=14,
             input_names=("input_ids", "encoder_hidden_states")),
        Spec("llm_hf_bloom_l2_seq64_op14", "seq", "HF BLOOM, 2 layers, 256-d (ALiBi from the attention mask), 64 "
             "tokens", _hf("bloom"), opset=14, input_names=ids_mask),
        Spec("audio_hf_dac_encoder_16384_op15", "audio", "HF DAC encoder (Snake activations, strided Conv1d), 16384 "
             "samples", _hf("dac"), opset=15, input_names=("wav",)),
        # ultralytics variants no set exported
        Spec("det_yoloe_v8n_320x416_op13", "det", "yoloe-v8n (prompt embeddings fixed) at 320 x 416", None,
             ultralytics=_yolo("yoloe-v8n.yaml", [320, 416], opset=13)),
        Spec("det_yolov9t_256x448_op13", "det", "yolov9t at 256 x 448", None,
             ultralytics=_yolo("yolov9t.yaml", [256, 448], opset=13)),
        Spec("obb_yolov8n_obb_512_op13", "obb", "yolov8n-obb at 512", None,
             ultralytics=_yolo("yolov8n-obb.yaml", 512, opset=13)),
        Spec("det_yolov5nu_192x320_op11", "det", "yolov5nu at 192 x 320", None,
             ultralytics=_yolo("yolov5n.yaml", [192, 320], opset=11)),
        # hand-built: real edge workloads no set hand-built
        Spec("llm_mamba1_step_op15", "seq", "Mamba-1 one-token step (conv and SSM states in / out, selective scan)",
             _custom("mamba"), opset=15, input_names=("token", "conv_state", "ssm_state"),
             output_names=("logits", "conv_state_out", "ssm_state_out")),
        Spec("se_deepfilternet_lite_100_op14", "audio", "DeepFilterNet-lite (causal separable convs, GRUs, ERB gains, "
             "5-tap deep filter)", _custom("deepfilter"), opset=14, input_names=("feat_erb", "spec"),
             output_names=("erb_mask", "df_spec")),
        Spec("match_loftr_lite_coarse_120x160_op16", "match", "LoFTR-lite coarse matching (ResNet-FPN 1 / 8, linear "
             "attention self / cross, dual softmax, mutual maxima)", _custom("loftr"), opset=16,
             input_names=("image0", "image1"), output_names=("conf", "mconf", "idx")),
        Spec("imu_gesture_conv1d_transformer_6x128_dynamo_op18", "seq", "IMU gesture classifier (Conv1d stem, class "
             "token, 2 pre-norm Transformer layers), dynamo", _custom("imu"), opset=18, dynamo=True),
        Spec("video_x3d_xs_lite_4x160_op13", "cls", "X3D-XS-lite (Conv3d, depthwise 3x3x3 bottlenecks with SE, "
             "swish), 4 frames of 160 x 160", _custom("x3d"), opset=13),
    ]


if __name__ == "__main__":
    sys.exit(run(specs, "/work/calib/s29/unseen20/models", sys.argv[1:]))
