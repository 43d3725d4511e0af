"""Export an eighteenth set of models nobody calibrated on, to measure how the predictions carry over (toolkit 2.3.2).

Unseen sets 4 to 17 (export_unseen3.py ... export_unseen16.py) taught fixes and are no longer unseen. No model name here
is in export_models.py, export_unseen.py ... export_unseen16.py, pretrained_set.py, issue_repros.py or issue_repros2.py,
and no architecture either. Hugging Face transformers built from a config with random weights (transformers 5.25,
nothing downloaded), exported as users export them (a wrapper returning the tensors), none of them in an earlier set:
ConvBERT cut to 2 layers (span-based dynamic convolution heads beside self-attention: a per-token kernel softmaxed and
applied to unfolded neighbours, seq 128), Wav2Vec2-Conformer cut to 2 layers (relative-position multi-head attention,
GLU / depthwise-conv module, 1 s raw audio), GLPN depth with a one-block-per- stage MiT encoder (selective feature
fusion decoder; dynamo) at 352 x 480, Donut-Swin cut to depths 1-1-2-1 (window 10, the last stages padded to whole
windows) at 384 x 320 (portrait document crop), the OWL-ViT vision tower cut to 2 layers (patch 32 at 768: 577 tokens,
post-LayerNorm), the SigLIP vision tower cut to 2 layers (attention-pooling head; dynamo) and SEW cut to 2 layers
(squeezed wav2vec: the sequence average-pooled by 2 before the transformer, upsampled back by a Linear and a reshape; 1
s raw audio). timm variants with sub-patterns no set had: DLA-60X-C (aggregation trees of grouped ResNeXt bottlenecks)
at 224 x 288, PoolFormer-S12 (GroupNorm(1), average-pool token mixer minus its input, layer scale; dynamo),
TF-EfficientNetV2-B0 (TensorFlow 'same' pads in front of fused-MBConv stride-2 convs) at 192 x 256,
MobileNetV4-conv-blur-medium (blur-pool downsampling; dynamo, opset 19) at 256 and ESE-VoVNet-39b (one-shot aggregation
of plain 3 x 3 convs, effective SE with hard sigmoid; opset 11). Ultralytics heads / sizes no set exported: YOLOv9c at
352 x 608, YOLOv10b at 448, YOLOv8s-ghost at 288 x 512 and YOLO11m-seg at 320 x 480. Small hand-built models of real
edge workloads that no set hand-built: a MoveNet-like single-pose net (centre heatmap weighted by a constant
distance-to-centre prior, ArgMax over the flattened map, regressions gathered at the centre, keypoint heatmaps
re-weighted by the distance to the regressed joints, offsets gathered; the decode in the graph) at 192, a NanoTrack-like
tracker (template and search through one backbone, depthwise cross-correlation by a Conv whose weights are the template
features, BAN-style cls / reg heads), BiSeNetV2 (detail and semantic branches, gather-and-expand layers, context
embedding, bilateral guided aggregation; semantic features resized to the detail size) at 360 x 640, a CRN speech
denoiser (causal Conv2d encoder over frequency, two LSTMs over time, ConvTranspose2d decoder with skip concatenations,
softplus mask) on 100 x 161 spectra, a MiniFASNet-like face anti-spoofing net (depthwise residual blocks with SE, 5 x 5
depthwise GDC, 3-way softmax) at 80, a Whisper-tiny-like decoder step with self-attention key / value caches in and out
and the encoder's cross-attention keys / values as inputs (position embedding gathered by an int64 offset input,
tied-embedding logits over 51865 tokens), SCI-like low-light enhancement (illumination estimate, clamp, division of the
input by it) at 400 x 600 and FFDNet (PixelUnshuffle, a noise-level input expanded to a map, PixelShuffle back; dynamo)
at 300 x 400. Exporters and opsets mixed (TorchScript 11-17, dynamo 18-19), input sizes as users pick them (360 x 640,
400 x 600, 300 x 400, 352 x 608, 384 x 320 are not all multiples of 32 or square). Random weights, nothing downloaded.
24 exports. Changed at export: Donut-Swin at 320 x 240 (its last stage, 10 x 8 tokens, shrinks the window below the
position-bias table's 10: a RuntimeError in the trace) became 384 x 320; Swin2SR on a 90 x 160 crop (its reshape after
the padding to whole windows fails in the trace) became 96 x 160, whose rk3588 fp16 2.3.2 build ran past 300 s (1542
nodes, 9.6 GB): dropped, SEW instead. Same exporter, manifest and log lines as export_models.py:

    YOLO_OFFLINE=1 /work/calib/venv/bin/python calibration/export_unseen17.py --out /work/calib/s26/unseen17/models

Then the truths, one row at a time (2.3.2 through its venv):

    nice -n 10 python calibration/run_toolkit.py --models /work/calib/s26/unseen17/models --target rk3588 \
        --dtype float16 --python /work/main/.toolkits/rknn-2.3.2/bin/python \
        --out /work/calib/s26/unseen17/rk3588-float16-2.3.2/truth.json --jobs 2
    python calibration/score.py --truth /work/calib/s26/unseen17/rk3588-float16-2.3.2/truth.json \
        --models /work/calib/s26/unseen17/models --results calibration/results/unseen17/rk3588-float16-2.3.2.json
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
        if kind == "convbert":
            m = tr.ConvBertModel(tr.ConvBertConfig(num_hidden_layers=2))
            return hf_outputs(m, ["last_hidden_state"]), (ids, torch.ones(1, 128, dtype=torch.int64))
        if kind == "w2v2_conformer":
            m = tr.Wav2Vec2ConformerModel(tr.Wav2Vec2ConformerConfig(num_hidden_layers=2,
                                                                    position_embeddings_type="relative"))
            return hf_outputs(m, ["last_hidden_state"]), (torch.randn(1, 16000),)
        if kind == "glpn":
            m = tr.GLPNForDepthEstimation(tr.GLPNConfig(depths=[1, 1, 1, 1], hidden_sizes=[32, 64, 160, 256],
                                                        num_attention_heads=[1, 2, 5, 8], decoder_hidden_size=64))
            return hf_outputs(m, ["predicted_depth"]), (torch.randn(1, 3, 352, 480),)
        if kind == "donut_swin":
            m = tr.DonutSwinModel(tr.DonutSwinConfig(image_size=[384, 320], depths=[1, 1, 2, 1],
                                                     num_heads=[3, 6, 12, 24], embed_dim=96, window_size=10))
            return hf_outputs(m, ["last_hidden_state"]), (torch.randn(1, 3, 384, 320),)
        if kind == "owlvit_vision":
            m = tr.OwlViTVisionModel(tr.OwlViTVisionConfig(num_hidden_layers=2, image_size=768, patch_size=32))
            return hf_outputs(m, ["last_hidden_state", "pooler_output"]), (torch.randn(1, 3, 768, 768),)
        if kind == "siglip_vision":
            m = tr.SiglipVisionModel(tr.SiglipVisionConfig(num_hidden_layers=2, image_size=224, patch_size=16))
            return hf_outputs(m, ["pooler_output"]), (torch.randn(1, 3, 224, 224),)
        if kind == "sew":
            m = tr.SEWModel(tr.SEWConfig(num_hidden_layers=2))
            return hf_outputs(m, ["last_hidden_state"]), (torch.randn(1, 16000),)
        raise ValueError(kind)

    return build


def _custom(kind: str) -> Callable[[], tuple[Any, tuple]]:
    def build():  # noqa: C901 (one branch per model, as in the other sets)
        import torch
        import torch.nn.functional as F
        from torch import nn

        def dws(i, o, s=1):  # depthwise 3 x 3 + pointwise, both conv-BN-ReLU
            return nn.Sequential(cbr(i, i, 3, s, i), cbr(i, o, 1))

        if kind == "movenet":  # MoveNet-like: centre / keypoint heatmaps, regressions, offsets, decode in-graph
            class MoveNet(nn.Module):
                def __init__(self, H=48) -> None:
                    super().__init__()
                    self.s1 = nn.Sequential(cbr(3, 16, 3, 2), dws(16, 24, 2), dws(24, 32))  # /4
                    self.s2 = nn.Sequential(dws(32, 64, 2), dws(64, 64))  # /8
                    self.s3 = nn.Sequential(dws(64, 96, 2), dws(96, 96), dws(96, 96))  # /16
                    self.l2, self.l1 = nn.Conv2d(64, 96, 1), nn.Conv2d(32, 96, 1)

                    def head(o):
                        return nn.Sequential(cbr(96, 96, 3, 1, 96), nn.Conv2d(96, o, 1))

                    self.ctr, self.kpt, self.reg, self.off = head(1), head(17), head(34), head(34)
                    yy, xx = torch.meshgrid(torch.arange(H, dtype=torch.float32),
                                            torch.arange(H, dtype=torch.float32), indexing="ij")
                    self.register_buffer("yy", yy)
                    self.register_buffer("xx", xx)
                    self.register_buffer("prior", 1.0 / (torch.sqrt((yy - H / 2) ** 2 + (xx - H / 2) ** 2) + 1.0))
                    self.H = H

                def forward(self, x):  # [1, 3, 192, 192] -> [1, 17, 3] (y, x, score)
                    H = self.H
                    f1 = self.s1(x)
                    f2 = self.s2(f1)
                    y = self.s3(f2)
                    y = F.interpolate(y, scale_factor=2.0, mode="bilinear", align_corners=False) + self.l2(f2)
                    y = F.interpolate(y, scale_factor=2.0, mode="bilinear", align_corners=False) + self.l1(f1)
                    ctr = self.ctr(y).sigmoid()[0, 0] * self.prior
                    idx = ctr.flatten().argmax()
                    reg = self.reg(y)[0].flatten(1)[:, idx].reshape(17, 2)
                    cy, cx = (idx // H).float(), (idx % H).float()
                    ky, kx = cy + reg[:, 0], cx + reg[:, 1]
                    d = torch.sqrt((self.yy - ky[:, None, None]) ** 2 + (self.xx - kx[:, None, None]) ** 2)
                    hm = self.kpt(y).sigmoid()[0]
                    kidx = (hm / (d + 1.8)).flatten(1).argmax(1, keepdim=True)  # [17, 1]
                    score = torch.gather(hm.flatten(1), 1, kidx)
                    off = self.off(y)[0].reshape(17, 2, H * H)
                    oy = torch.gather(off[:, 0], 1, kidx)
                    ox = torch.gather(off[:, 1], 1, kidx)
                    py = ((kidx // H).float() + oy) / H
                    px = ((kidx % H).float() + ox) / H
                    return torch.cat([py, px, score], 1)[None]

            return MoveNet().eval(), (torch.randn(1, 3, 192, 192),)
        if kind == "nanotrack":  # NanoTrack-like: shared backbone, depthwise xcorr by template-weighted Conv
            class NanoTrack(nn.Module):
                def __init__(self, c=96) -> None:
                    super().__init__()
                    self.body = nn.Sequential(cbr(3, 16, 3, 2), dws(16, 24, 2), dws(24, 48, 2), dws(48, 48),
                                              dws(48, c, 2), dws(c, c))  # /16
                    self.adj_z, self.adj_x = cbr(c, c, 1), cbr(c, c, 1)
                    self.cls = nn.Sequential(cbr(c, c, 3, 1, c), cbr(c, c, 1), nn.Conv2d(c, 2, 1))
                    self.reg = nn.Sequential(cbr(c, c, 3, 1, c), cbr(c, c, 1), nn.Conv2d(c, 4, 1))

                def forward(self, z, x):  # template [1, 3, 128, 128], search [1, 3, 256, 256]
                    kz = self.adj_z(self.body(z))  # [1, c, 8, 8]
                    fx = self.adj_x(self.body(x))  # [1, c, 16, 16]
                    c = kz.shape[1]
                    xc = F.conv2d(fx, kz.reshape(c, 1, kz.shape[2], kz.shape[3]), groups=c)  # [1, c, 9, 9]
                    return self.cls(xc), torch.exp(self.reg(xc))

            return NanoTrack().eval(), (torch.randn(1, 3, 128, 128), torch.randn(1, 3, 256, 256))
        if kind == "bisenetv2":  # BiSeNetV2: detail / semantic branches, GE layers, CE, bilateral guided aggregation
            class GE(nn.Module):
                def __init__(self, i, o, s=1, e=6) -> None:
                    super().__init__()
                    m = i * e
                    layers = [cbr(i, i, 3), nn.Conv2d(i, m, 3, s, 1, groups=i, bias=False), nn.BatchNorm2d(m)]
                    if s == 2:
                        layers += [nn.Conv2d(m, m, 3, 1, 1, groups=m, bias=False), nn.BatchNorm2d(m), nn.ReLU()]
                    self.main = nn.Sequential(*layers, nn.Conv2d(m, o, 1, bias=False), nn.BatchNorm2d(o))
                    self.short = (nn.Sequential(nn.Conv2d(i, i, 3, 2, 1, groups=i, bias=False), nn.BatchNorm2d(i),
                                                nn.Conv2d(i, o, 1, bias=False), nn.BatchNorm2d(o))
                                  if s == 2 else nn.Identity())

                def forward(self, x):
                    return F.relu(self.main(x) + self.short(x))

            class BiSeNetV2(nn.Module):
                def __init__(self, classes=19) -> None:
                    super().__init__()
                    self.detail = nn.Sequential(cbr(3, 64, 3, 2), cbr(64, 64), cbr(64, 64, 3, 2), cbr(64, 64),
                                                cbr(64, 64), cbr(64, 128, 3, 2), cbr(128, 128), cbr(128, 128))
                    self.stem = cbr(3, 16, 3, 2)
                    self.stem_l = nn.Sequential(cbr(16, 8, 1), cbr(8, 16, 3, 2))
                    self.stem_f = cbr(32, 16)
                    self.sem = nn.Sequential(GE(16, 32, 2), GE(32, 32), GE(32, 64, 2), GE(64, 64), GE(64, 128, 2),
                                             GE(128, 128), GE(128, 128), GE(128, 128))
                    self.ce_bn, self.ce_gap, self.ce_last = nn.BatchNorm2d(128), cbr(128, 128, 1), cbr(128, 128)
                    self.d_dw = nn.Sequential(nn.Conv2d(128, 128, 3, 1, 1, groups=128, bias=False),
                                              nn.BatchNorm2d(128), nn.Conv2d(128, 128, 1))
                    self.d_down = nn.Sequential(nn.Conv2d(128, 128, 3, 2, 1, bias=False), nn.BatchNorm2d(128),
                                                nn.AvgPool2d(3, 2, 1, ceil_mode=False))
                    self.s_up = nn.Sequential(nn.Conv2d(128, 128, 3, 1, 1, bias=False), nn.BatchNorm2d(128))
                    self.s_dw = nn.Sequential(nn.Conv2d(128, 128, 3, 1, 1, groups=128, bias=False),
                                              nn.BatchNorm2d(128), nn.Conv2d(128, 128, 1))
                    self.fuse = cbr(128, 128)
                    self.head = nn.Sequential(cbr(128, 256), nn.Conv2d(256, classes, 1))

                def forward(self, x):  # [1, 3, 360, 640] -> logits [1, 19, 360, 640]
                    d = self.detail(x)  # /8
                    s = self.stem(x)
                    s = self.stem_f(torch.cat([self.stem_l(s), F.max_pool2d(s, 3, 2, 1)], 1))
                    s = self.sem(s)  # /32
                    s = self.ce_last(s + self.ce_gap(self.ce_bn(s.mean((2, 3), keepdim=True))))
                    size = d.shape[2:]
                    left1, left2 = self.d_dw(d), self.d_down(d)
                    right1 = F.interpolate(self.s_up(s), size=size, mode="bilinear", align_corners=False)
                    right2 = self.s_dw(s)
                    a = left1 * right1.sigmoid()
                    b = F.interpolate(left2 * right2.sigmoid(), size=size, mode="bilinear", align_corners=False)
                    y = self.head(self.fuse(a + b))
                    return F.interpolate(y, size=x.shape[2:], mode="bilinear", align_corners=False)

            return BiSeNetV2().eval(), (torch.randn(1, 3, 360, 640),)
        if kind == "crn":  # CRN denoiser: causal conv encoder, LSTMs over time, transposed-conv decoder with skips
            class CRN(nn.Module):
                def __init__(self) -> None:
                    super().__init__()
                    ch = [1, 16, 32, 64, 64, 64]
                    self.enc = nn.ModuleList([nn.Sequential(nn.Conv2d(ch[k], ch[k + 1], (2, 3), (1, 2)),
                                                            nn.BatchNorm2d(ch[k + 1]), nn.ELU()) for k in range(5)])
                    self.lstm = nn.LSTM(256, 256, num_layers=2, batch_first=True)
                    outp = [0, 0, 0, 1, 0]  # frequency 161 -> 80 -> 39 -> 19 -> 9 -> 4 and back
                    self.dec = nn.ModuleList([nn.ConvTranspose2d(2 * ch[k + 1], ch[k] if k else 1, (2, 3), (1, 2),
                                                                 output_padding=(0, outp[4 - k]))
                                              for k in range(4, -1, -1)])
                    self.bn = nn.ModuleList([nn.BatchNorm2d(ch[k]) for k in range(4, 0, -1)])

                def forward(self, x):  # [1, 1, 100, 161] magnitude (time, frequency) -> enhanced
                    skips, y = [], x
                    for e in self.enc:
                        y = e(F.pad(y, (0, 0, 1, 0)))  # causal in time
                        skips.append(y)
                    b, c, t, f = y.shape
                    r, _ = self.lstm(y.permute(0, 2, 1, 3).reshape(b, t, c * f))
                    y = r.reshape(b, t, c, f).permute(0, 2, 1, 3)
                    for k, d in enumerate(self.dec):
                        y = d(torch.cat([y, skips[4 - k]], 1))[:, :, :-1]
                        if k < 4:
                            y = F.elu(self.bn[k](y))
                    return F.softplus(y) * x

            return CRN().eval(), (torch.rand(1, 1, 100, 161),)
        if kind == "minifas":  # MiniFASNet-like anti-spoofing: depthwise residual blocks with SE, GDC, softmax
            class SE(nn.Module):
                def __init__(self, c, r=4) -> None:
                    super().__init__()
                    self.fc = nn.Sequential(nn.Conv2d(c, c // r, 1, bias=False), nn.BatchNorm2d(c // r), nn.ReLU(),
                                            nn.Conv2d(c // r, c, 1, bias=False), nn.BatchNorm2d(c), nn.Sigmoid())

                def forward(self, x):
                    return x * self.fc(F.adaptive_avg_pool2d(x, 1))

            class Res(nn.Module):
                def __init__(self, c, m) -> None:
                    super().__init__()
                    self.b = nn.Sequential(cbr(c, m, 1, act=nn.PReLU), cbr(m, m, 3, 1, m, act=nn.PReLU),
                                           nn.Conv2d(m, c, 1, bias=False), nn.BatchNorm2d(c), SE(c))

                def forward(self, x):
                    return x + self.b(x)

            class MiniFAS(nn.Module):
                def __init__(self) -> None:
                    super().__init__()
                    self.body = nn.Sequential(
                        cbr(3, 32, 3, 2, act=nn.PReLU), cbr(32, 32, 3, 1, 32, act=nn.PReLU),  # 40
                        cbr(32, 103, 1, act=nn.PReLU), cbr(103, 103, 3, 2, 103, act=nn.PReLU),
                        cbr(103, 64, 1, act=nn.PReLU), Res(64, 13), Res(64, 13), Res(64, 13), Res(64, 13),  # 20
                        cbr(64, 231, 1, act=nn.PReLU), cbr(231, 231, 3, 2, 231, act=nn.PReLU),
                        cbr(231, 128, 1, act=nn.PReLU), Res(128, 231), Res(128, 231),  # 10
                        cbr(128, 231, 1, act=nn.PReLU), cbr(231, 231, 3, 2, 231, act=nn.PReLU),
                        cbr(231, 128, 1, act=nn.PReLU), Res(128, 77), Res(128, 77),  # 5
                        cbr(128, 512, 1, act=nn.PReLU), nn.Conv2d(512, 512, 5, groups=512, bias=False),
                        nn.BatchNorm2d(512))
                    self.fc = nn.Sequential(nn.Linear(512, 128, bias=False), nn.BatchNorm1d(128), nn.Linear(128, 3))

                def forward(self, x):  # [1, 3, 80, 80] -> [1, 3] (fake 2-D, real, fake 3-D)
                    return self.fc(self.body(x).flatten(1)).softmax(-1)

            return MiniFAS().eval(), (torch.randn(1, 3, 80, 80),)
        if kind == "whisper_dec":  # Whisper-tiny-like decoder step: self KV caches in / out, cross KV as inputs
            class Layer(nn.Module):
                def __init__(self, d=384, h=6) -> None:
                    super().__init__()
                    self.h = h
                    self.n1, self.n2, self.n3 = nn.LayerNorm(d), nn.LayerNorm(d), nn.LayerNorm(d)
                    self.q, self.k, self.v, self.o = (nn.Linear(d, d), nn.Linear(d, d, bias=False), nn.Linear(d, d),
                                                      nn.Linear(d, d))
                    self.cq, self.co = nn.Linear(d, d), nn.Linear(d, d)
                    self.mlp = nn.Sequential(nn.Linear(d, 4 * d), nn.GELU(), nn.Linear(4 * d, d))

                def attn(self, q, k, v):  # q [1, 1, d], k / v [1, T, d]
                    h, dh = self.h, q.shape[-1] // self.h
                    q = q.reshape(1, -1, h, dh).transpose(1, 2)
                    k = k.reshape(1, -1, h, dh).transpose(1, 2)
                    v = v.reshape(1, -1, h, dh).transpose(1, 2)
                    a = (q @ k.transpose(-1, -2) * dh ** -0.5).softmax(-1)
                    return (a @ v).transpose(1, 2).reshape(1, -1, h * dh)

                def forward(self, x, sk, sv, ck, cv):
                    y = self.n1(x)
                    k = torch.cat([sk, self.k(y)], 1)
                    v = torch.cat([sv, self.v(y)], 1)
                    x = x + self.o(self.attn(self.q(y), k, v))
                    x = x + self.co(self.attn(self.cq(self.n2(x)), ck, cv))
                    return x + self.mlp(self.n3(x)), k[:, 1:], v[:, 1:]

            class Decoder(nn.Module):
                def __init__(self, vocab=51865, d=384, layers=2, ctx=448) -> None:
                    super().__init__()
                    self.emb = nn.Embedding(vocab, d)
                    self.pos = nn.Parameter(torch.randn(ctx, d) * 0.01)
                    self.layers = nn.ModuleList([Layer(d) for _ in range(layers)])
                    self.norm = nn.LayerNorm(d)

                def forward(self, tok, offset, self_k, self_v, cross_k, cross_v):
                    x = self.emb(tok) + self.pos[offset][:, None]  # [1, 1, d]
                    ks, vs = [], []
                    for n, layer in enumerate(self.layers):
                        x, k, v = layer(x, self_k[n], self_v[n], cross_k[n], cross_v[n])
                        ks.append(k)
                        vs.append(v)
                    logits = self.norm(x) @ self.emb.weight.t()
                    return logits, torch.stack(ks), torch.stack(vs)

            return Decoder().eval(), (torch.tensor([[50258]]), torch.tensor([24]), torch.randn(2, 1, 24, 384),
                                      torch.randn(2, 1, 24, 384), torch.randn(2, 1, 1500, 384),
                                      torch.randn(2, 1, 1500, 384))
        if kind == "sci":  # SCI-like low-light enhancement: illumination estimate, clamp, divide
            class SCI(nn.Module):
                def __init__(self, c=16, blocks=3) -> None:
                    super().__init__()
                    self.inc = nn.Sequential(nn.Conv2d(3, c, 3, 1, 1), nn.ReLU())
                    self.blocks = nn.ModuleList([cbr(c, c) for _ in range(blocks)])
                    self.out = nn.Sequential(nn.Conv2d(c, 3, 3, 1, 1), nn.Sigmoid())

                def forward(self, x):  # [1, 3, 400, 600] in [0, 1] -> enhanced, illumination
                    f = self.inc(x)
                    for b in self.blocks:
                        f = f + b(f)
                    illu = torch.clamp(self.out(f) + x, 0.0001, 1.0)
                    return torch.clamp(x / illu, 0.0, 1.0), illu

            return SCI().eval(), (torch.rand(1, 3, 400, 600),)
        if kind == "ffdnet":  # FFDNet: pixel-unshuffle, noise-level map, conv body, pixel-shuffle
            class FFDNet(nn.Module):
                def __init__(self, c=96, depth=12) -> None:
                    super().__init__()
                    self.body = nn.Sequential(nn.Conv2d(15, c, 3, 1, 1), nn.ReLU(),
                                              *[cbr(c, c) for _ in range(depth - 2)], nn.Conv2d(c, 12, 3, 1, 1))

                def forward(self, x, sigma):  # [1, 3, 300, 400], noise level [1, 1, 1, 1]
                    y = F.pixel_unshuffle(x, 2)
                    m = sigma.expand(-1, 3, y.shape[2], y.shape[3])
                    return x - F.pixel_shuffle(self.body(torch.cat([y, m], 1)), 2)

            return FFDNet().eval(), (torch.rand(1, 3, 300, 400), torch.full((1, 1, 1, 1), 25.0 / 255))
        raise ValueError(kind)

    return build


def specs() -> list[Spec]:
    return [
        # timm variants with sub-patterns no set used
        Spec("cls_timm_dla60x_c_224x288_op12", "cls", "timm/dla60x_c (aggregation trees of grouped bottlenecks) at "
             "224 x 288", _timm_rect("dla60x_c", 224, 288), opset=12),
        Spec("cls_timm_poolformer_s12_224_dynamo_op18", "cls", "timm/poolformer_s12 (GroupNorm(1), pool token "
             "mixer), dynamo", _timm("poolformer_s12", 224), opset=18, dynamo=True),
        Spec("cls_timm_tf_efficientnetv2_b0_192x256_op13", "cls", "timm/tf_efficientnetv2_b0 (TF 'same' pads, "
             "fused MBConv) at 192 x 256", _timm_rect("tf_efficientnetv2_b0", 192, 256), opset=13),
        Spec("cls_timm_mnv4_conv_blur_medium_256_dynamo_op19", "cls", "timm/mobilenetv4_conv_blur_medium (blur-pool "
             "downsampling), dynamo", _timm("mobilenetv4_conv_blur_medium", 256), opset=19, dynamo=True),
        Spec("cls_timm_ese_vovnet39b_224_op11", "cls", "timm/ese_vovnet39b (one-shot aggregation, effective SE)",
             _timm("ese_vovnet39b", 224), opset=11),
        # Hugging Face transformers from configs, random weights
        Spec("nlp_hf_convbert_l2_seq128_op14", "seq", "HF ConvBERT, 2 layers (span-based dynamic convolution)",
             _hf("convbert"), opset=14, input_names=("input_ids", "attention_mask")),
        Spec("audio_hf_w2v2_conformer_l2_16k_op17", "audio", "HF Wav2Vec2-Conformer, 2 layers (relative-position "
             "attention, conv module), 1 s raw audio", _hf("w2v2_conformer"), opset=17,
             input_names=("input_values",)),
        Spec("depth_hf_glpn_mit_d1111_352x480_dynamo_op18", "depth", "HF GLPN depth, MiT encoder one block per "
             "stage, dynamo", _hf("glpn"), opset=18, dynamo=True, input_names=("pixel_values",)),
        Spec("doc_hf_donut_swin_d1121_384x320_op17", "cls", "HF Donut-Swin, depths 1-1-2-1, window 10, at 384 x 320",
             _hf("donut_swin"), opset=17, input_names=("pixel_values",)),
        Spec("emb_hf_owlvit_vision_l2_768_op14", "cls", "HF OWL-ViT vision tower, 2 layers, patch 32 at 768",
             _hf("owlvit_vision"), opset=14, input_names=("pixel_values",),
             output_names=("last_hidden_state", "pooler_output")),
        Spec("emb_hf_siglip_vision_l2_224_dynamo_op18", "cls", "HF SigLIP vision tower, 2 layers (attention-pooling "
             "head), dynamo", _hf("siglip_vision"), opset=18, dynamo=True, input_names=("pixel_values",)),
        Spec("audio_hf_sew_l2_16k_op14", "audio", "HF SEW, 2 layers (sequence pooled by 2, upsampled by a Linear), 1 s "
             "raw audio", _hf("sew"), opset=14, input_names=("input_values",)),
        # ultralytics sizes / heads not exported elsewhere
        Spec("det_yolov9c_352x608_op12", "det", "yolov9c at 352 x 608", None,
             ultralytics=_yolo("yolov9c.yaml", [352, 608], opset=12)),
        Spec("det_yolov10b_448_op13", "det", "yolov10b at 448", None,
             ultralytics=_yolo("yolov10b.yaml", 448, opset=13)),
        Spec("det_yolov8s_ghost_288x512_op12", "det", "yolov8s-ghost at 288 x 512", None,
             ultralytics=_yolo("yolov8s-ghost.yaml", [288, 512], opset=12)),
        Spec("seg_yolo11m_seg_320x480_op13", "seg", "yolo11m-seg at 320 x 480", None,
             ultralytics=_yolo("yolo11m-seg.yaml", [320, 480], opset=13)),
        # hand-built: real edge workloads no set hand-built
        Spec("pose_movenet_like_decode_192_op13", "pose", "MoveNet-like single pose (centre prior, ArgMax, gathered "
             "regressions / offsets in the graph)", _custom("movenet"), opset=13, output_names=("keypoints",)),
        Spec("trk_nanotrack_dwxcorr_op12", "track", "NanoTrack-like (depthwise xcorr by a template-weighted Conv)",
             _custom("nanotrack"), opset=12, input_names=("template", "search"), output_names=("cls", "reg")),
        Spec("seg_bisenetv2_360x640_op11", "seg", "BiSeNetV2 (detail / semantic branches, guided aggregation) at "
             "360 x 640", _custom("bisenetv2"), opset=11),
        Spec("se_crn_lstm_100x161_op13", "audio", "CRN denoiser (causal conv encoder, LSTMs, transposed-conv "
             "decoder with skips)", _custom("crn"), opset=13, input_names=("mag",)),
        Spec("face_minifasnet_like_80_op12", "face", "MiniFASNet-like anti-spoofing (depthwise residual SE blocks, "
             "GDC)", _custom("minifas"), opset=12),
        Spec("asr_whisper_decoder_kvcache_step_op17", "seq", "Whisper-tiny-like decoder step (self KV caches in / "
             "out, cross KV inputs)", _custom("whisper_dec"), opset=17,
             input_names=("tokens", "offset", "self_k", "self_v", "cross_k", "cross_v"),
             output_names=("logits", "self_k_out", "self_v_out")),
        Spec("enhance_sci_lowlight_400x600_op13", "enh", "SCI-like low-light enhancement (illumination, divide)",
             _custom("sci"), opset=13, output_names=("enhanced", "illumination")),
        Spec("denoise_ffdnet_300x400_dynamo_op18", "enh", "FFDNet (pixel-unshuffle, noise-level map, pixel-shuffle), "
             "dynamo", _custom("ffdnet"), opset=18, dynamo=True, input_names=("image", "sigma")),
    ]


if __name__ == "__main__":
    sys.exit(run(specs, "/work/calib/s26/unseen17/models", sys.argv[1:]))
