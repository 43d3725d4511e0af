"""Export a fifth set of models nobody calibrated on, to measure how the predictions carry over (toolkit 2.3.2).

Unseen set 4 (export_unseen3.py) taught fixes and is no longer unseen. None of these architectures is in
export_models.py, export_unseen.py, export_unseen2.py, export_unseen3.py or pretrained_set.py: timm CNNs and
hybrids users ship (TResNet's space-to-depth stem, ECA-NFNet, ConvMixer, Twins-PCPVT, Sequencer2D's 2-D LSTMs,
VOLO's outlook attention, RDNet, CAFormer, FocalNet, CSPDarknet-53, Xception, ECA-ResNet and SPNASNet through the
dynamo exporter, Next-ViT), ultralytics models not exported elsewhere (YOLO26 P6, YOLO12 classifier, YOLOv8 seg
P6, YOLOv8 ghost P6, the YOLOv8 ResNet-50 classifier) and small hand-built models for patterns users export that
the other sets lack (an ECAPA-TDNN speaker embedding with SE-Res2 1-D blocks and attentive statistics pooling,
FSRCNN super-resolution with PReLU and a strided ConvTranspose, a global-matching optical-flow head (bmm
correlation, softmax, soft-argmax), an Ultra-Fast-Lane-Detection row-anchor head, a RetinaFace multi-level
class / box / landmark head, a ReID embedding with a BN neck and L2 normalisation (dynamo), a Siamese tracker's
depthwise cross-correlation (a Conv whose weight is an input), a PFLD-style landmark regressor over multi-scale
pooled features). Exporters and opsets mixed (TorchScript 11-17, dynamo 18-19), input sizes as users pick them.
Random weights, nothing downloaded. Same exporter, manifest and log lines as export_models.py:

    /work/calib/venv/bin/python calibration/export_unseen4.py --out /work/calib/s12-unseen5/models [--only SUBSTR]

Then the truths, one row at a time (2.3.2 through its venv; at most two builds at a time):

    nice -n 10 python calibration/run_toolkit.py --models /work/calib/s12-unseen5/models --target rk3566 \
        --dtype float16 --python /work/main/.toolkits/rknn-2.3.2/bin/python \
        --out /work/calib/s12-unseen5/rk3566-float16-2.3.2/truth.json --jobs 2
    python calibration/score.py --truth /work/calib/s12-unseen5/rk3566-float16-2.3.2/truth.json \
        --models /work/calib/s12-unseen5/models --results calibration/results/unseen4/before/rk3566-float16-2.3.2.json
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, Callable

sys.path.insert(0, str(Path(__file__).resolve().parent))
from export_common import _timm_sz, run  # noqa: E402
from export_models import Spec, _timm, _yolo  # noqa: E402


def _custom(kind: str) -> Callable[[], tuple[Any, tuple]]:
    def build():
        import torch
        import torch.nn.functional as F
        from torch import nn

        def cbr(i, o, k=3, s=1, g=1):
            return nn.Sequential(nn.Conv2d(i, o, k, s, k // 2, groups=g, bias=False), nn.BatchNorm2d(o), nn.ReLU())

        def dw(i, o, s=1):  # MobileNet-0.25 style depthwise-separable block
            return nn.Sequential(cbr(i, i, 3, s, g=i), cbr(i, o, 1))

        if kind == "ecapa_tdnn":  # speaker embedding: SE-Res2 1-D blocks, feature aggregation, attentive stats pool
            class SERes2(nn.Module):
                def __init__(self, c: int, d: int, scale: int = 4) -> None:
                    super().__init__()
                    self.scale, w = scale, c // scale
                    self.c1 = nn.Sequential(nn.Conv1d(c, c, 1), nn.ReLU(), nn.BatchNorm1d(c))
                    self.convs = nn.ModuleList(nn.Sequential(nn.Conv1d(w, w, 3, dilation=d, padding=d), nn.ReLU(),
                                                             nn.BatchNorm1d(w)) for _ in range(scale - 1))
                    self.c3 = nn.Sequential(nn.Conv1d(c, c, 1), nn.ReLU(), nn.BatchNorm1d(c))
                    self.se = nn.Sequential(nn.Conv1d(c, 32, 1), nn.ReLU(), nn.Conv1d(32, c, 1), nn.Sigmoid())

                def forward(self, x):
                    parts = torch.chunk(self.c1(x), self.scale, 1)
                    ys, y = [parts[0]], None
                    for i, conv in enumerate(self.convs):
                        y = conv(parts[i + 1] if y is None else parts[i + 1] + y)
                        ys.append(y)
                    y = self.c3(torch.cat(ys, 1))
                    return x + y * self.se(y.mean(2, keepdim=True))

            class ECAPA(nn.Module):
                def __init__(self, c: int = 256, emb: int = 192) -> None:
                    super().__init__()
                    self.stem = nn.Sequential(nn.Conv1d(80, c, 5, padding=2), nn.ReLU(), nn.BatchNorm1d(c))
                    self.blocks = nn.ModuleList(SERes2(c, d) for d in (2, 3, 4))
                    self.mfa = nn.Sequential(nn.Conv1d(3 * c, 3 * c, 1), nn.ReLU())
                    self.att = nn.Sequential(nn.Conv1d(9 * c, 128, 1), nn.ReLU(), nn.BatchNorm1d(128), nn.Tanh(),
                                             nn.Conv1d(128, 3 * c, 1))
                    self.bn = nn.BatchNorm1d(6 * c)
                    self.fc = nn.Linear(6 * c, emb)

                def forward(self, x):  # x: [1, 80, 200] log-mel frames
                    h, outs = self.stem(x), []
                    for b in self.blocks:
                        h = b(h)
                        outs.append(h)
                    h = self.mfa(torch.cat(outs, 1))
                    t = h.shape[-1]
                    mean = h.mean(2, keepdim=True).expand(-1, -1, t)
                    std = torch.sqrt(h.var(2, keepdim=True).clamp(min=1e-4)).expand(-1, -1, t)
                    w = torch.softmax(self.att(torch.cat([h, mean, std], 1)), 2)
                    mu = (h * w).sum(2)
                    sg = torch.sqrt(((h * h) * w).sum(2) - mu * mu).clamp(min=1e-4)
                    return self.fc(self.bn(torch.cat([mu, sg], 1)))

            return ECAPA().eval(), (torch.randn(1, 80, 200),)
        if kind == "fsrcnn":  # super-resolution on the Y channel: feature extract, shrink, map, expand, deconv x3
            m = nn.Sequential(nn.Conv2d(1, 56, 5, padding=2), nn.PReLU(56), nn.Conv2d(56, 12, 1), nn.PReLU(12),
                              *[nn.Sequential(nn.Conv2d(12, 12, 3, padding=1), nn.PReLU(12)) for _ in range(4)],
                              nn.Conv2d(12, 56, 1), nn.PReLU(56),
                              nn.ConvTranspose2d(56, 1, 9, stride=3, padding=4, output_padding=2))
            return m.eval(), (torch.randn(1, 1, 120, 160),)
        if kind == "flow_global_matching":  # GMFlow-style: feature correlation by bmm, softmax, soft-argmax flow
            class Flow(nn.Module):
                def __init__(self) -> None:
                    super().__init__()
                    self.enc = nn.Sequential(cbr(3, 32, 7, 2), cbr(32, 64, 3, 2), cbr(64, 96, 3, 2), cbr(96, 96))
                    self.refine = nn.Sequential(cbr(2 + 96, 64), nn.Conv2d(64, 2, 3, 1, 1))

                def forward(self, a, b):  # two frames [1, 3, 128, 160] -> flow at 1/8 [1, 2, 16, 20]
                    fa, fb = self.enc(a), self.enc(b)
                    n, c, h, w = fa.shape
                    qa = fa.flatten(2).transpose(1, 2)  # [1, HW, C]
                    kb = fb.flatten(2)  # [1, C, HW]
                    prob = torch.softmax(torch.bmm(qa, kb) / c ** 0.5, -1)  # [1, HW, HW]
                    ys, xs = torch.meshgrid(torch.arange(h, dtype=torch.float32), torch.arange(w, dtype=torch.float32),
                                            indexing="ij")
                    grid = torch.stack([xs, ys], -1).reshape(1, h * w, 2)
                    flow = (torch.bmm(prob, grid) - grid).transpose(1, 2).reshape(n, 2, h, w)
                    return flow + self.refine(torch.cat([flow, fa], 1))

            return Flow().eval(), (torch.randn(1, 3, 128, 160), torch.randn(1, 3, 128, 160))
        if kind == "ufld_row_anchor":  # Ultra-Fast-Lane-Detection: backbone, 8-ch squeeze, MLP to grid x rows x lanes
            class UFLD(nn.Module):
                def __init__(self, grid=100, rows=18, lanes=4) -> None:
                    super().__init__()
                    self.shape = (grid + 1, rows, lanes)
                    self.body = nn.Sequential(cbr(3, 32, 3, 2), cbr(32, 64, 3, 2), cbr(64, 64), cbr(64, 128, 3, 2),
                                              cbr(128, 128), cbr(128, 256, 3, 2), cbr(256, 256, 3, 2))
                    self.pool = nn.Conv2d(256, 8, 1)
                    self.cls = nn.Sequential(nn.Linear(8 * 9 * 25, 1024), nn.ReLU(), nn.Linear(1024, (grid + 1) * rows
                                                                                               * lanes))

                def forward(self, x):  # x: [1, 3, 288, 800]
                    y = self.cls(self.pool(self.body(x)).view(1, -1)).view(1, *self.shape)
                    prob = torch.softmax(y[:, :-1], 1)
                    loc = (prob * torch.arange(1, self.shape[0], dtype=torch.float32).view(1, -1, 1, 1)).sum(1)
                    return y, loc

            return UFLD().eval(), (torch.randn(1, 3, 288, 800),)
        if kind == "retinaface":  # face detector: MobileNet-0.25, FPN, SSH context, class / box / 5-landmark heads
            class SSH(nn.Module):
                def __init__(self, c: int) -> None:
                    super().__init__()
                    self.a = nn.Sequential(nn.Conv2d(c, c // 2, 3, 1, 1), nn.BatchNorm2d(c // 2))
                    self.b1 = cbr(c, c // 4)
                    self.b2 = nn.Sequential(nn.Conv2d(c // 4, c // 4, 3, 1, 1), nn.BatchNorm2d(c // 4))
                    self.c1 = cbr(c // 4, c // 4)
                    self.c2 = nn.Sequential(nn.Conv2d(c // 4, c // 4, 3, 1, 1), nn.BatchNorm2d(c // 4))

                def forward(self, x):
                    t = self.b1(x)
                    return F.relu(torch.cat([self.a(x), self.b2(t), self.c2(self.c1(t))], 1))

            class RetinaFace(nn.Module):
                def __init__(self, c: int = 64, anchors: int = 2) -> None:
                    super().__init__()
                    self.s1 = nn.Sequential(cbr(3, 8, 3, 2), dw(8, 16), dw(16, 32, 2), dw(32, 32), dw(32, 64, 2),
                                            dw(64, 64))
                    self.s2 = nn.Sequential(dw(64, 128, 2), *[dw(128, 128) for _ in range(3)])
                    self.s3 = nn.Sequential(dw(128, 256, 2), dw(256, 256))
                    self.lat = nn.ModuleList(cbr(i, c, 1) for i in (64, 128, 256))
                    self.merge = nn.ModuleList(cbr(c, c) for _ in range(2))
                    self.ssh = nn.ModuleList(SSH(c) for _ in range(3))
                    self.heads = nn.ModuleList(nn.ModuleList(nn.Conv2d(c, anchors * k, 1) for _ in range(3))
                                               for k in (2, 4, 10))

                def forward(self, x):  # x: [1, 3, 320, 320]
                    a = self.s1(x)
                    b = self.s2(a)
                    c = self.s3(b)
                    p3 = self.lat[2](c)
                    p2 = self.merge[1](self.lat[1](b) + F.interpolate(p3, size=b.shape[-2:], mode="nearest"))
                    p1 = self.merge[0](self.lat[0](a) + F.interpolate(p2, size=a.shape[-2:], mode="nearest"))
                    feats = [s(p) for s, p in zip(self.ssh, (p1, p2, p3))]
                    outs = [torch.cat([h(f).permute(0, 2, 3, 1).reshape(1, -1, k) for h, f in zip(hs, feats)], 1)
                            for hs, k in zip(self.heads, (2, 4, 10))]
                    return outs[1], torch.softmax(outs[0], -1), outs[2]

            return RetinaFace().eval(), (torch.randn(1, 3, 320, 320),)
        if kind == "reid_l2norm":  # person ReID embedding (tracking): ResNet-ish, GAP, BN neck, L2 normalisation
            class Block(nn.Module):
                def __init__(self, i: int, o: int, s: int) -> None:
                    super().__init__()
                    self.f = nn.Sequential(cbr(i, o, 3, s), nn.Conv2d(o, o, 3, 1, 1, bias=False), nn.BatchNorm2d(o))
                    self.sc = nn.Sequential(nn.Conv2d(i, o, 1, s, bias=False), nn.BatchNorm2d(o)) if s > 1 or i != o \
                        else nn.Identity()

                def forward(self, x):
                    return F.relu(self.f(x) + self.sc(x))

            class ReID(nn.Module):
                def __init__(self) -> None:
                    super().__init__()
                    self.body = nn.Sequential(cbr(3, 32, 3, 2), nn.MaxPool2d(3, 2, 1), Block(32, 64, 1),
                                              Block(64, 128, 2), Block(128, 256, 2), Block(256, 512, 1))
                    self.neck = nn.BatchNorm1d(512)

                def forward(self, x):  # x: [1, 3, 256, 128] person crop -> [1, 512] unit vector
                    f = self.neck(F.adaptive_avg_pool2d(self.body(x), 1).flatten(1))
                    return F.normalize(f, dim=1)

            return ReID().eval(), (torch.randn(1, 3, 256, 128),)
        if kind == "siamese_xcorr":  # NanoTrack / SiamRPN++ style: depthwise cross-correlation, weight from an input
            class Siam(nn.Module):
                def __init__(self, c: int = 96) -> None:
                    super().__init__()
                    self.c = c
                    self.body = nn.Sequential(cbr(3, 32, 3, 2), dw(32, 64, 2), dw(64, 96, 2), dw(96, c))
                    self.adj_z, self.adj_x = cbr(c, c, 1), cbr(c, c, 1)
                    self.cls = nn.Sequential(cbr(c, c), nn.Conv2d(c, 2, 1))
                    self.reg = nn.Sequential(cbr(c, c), nn.Conv2d(c, 4, 1))

                def forward(self, z, x):  # template [1, 3, 128, 128], search [1, 3, 256, 256]
                    kz = self.adj_z(self.body(z))[:, :, 4:12, 4:12]  # centre crop of the template map: [1, C, 8, 8]
                    fx = self.adj_x(self.body(x))  # [1, C, 32, 32]
                    corr = F.conv2d(fx, kz.reshape(self.c, 1, 8, 8), groups=self.c)  # [1, C, 25, 25]
                    return self.cls(corr), self.reg(corr)

            return Siam().eval(), (torch.randn(1, 3, 128, 128), torch.randn(1, 3, 256, 256))
        if kind == "pfld_landmarks":  # PFLD-style 98-point face landmarks: multi-scale pooled features -> one Linear
            class PFLD(nn.Module):
                def __init__(self) -> None:
                    super().__init__()
                    self.s1 = nn.Sequential(cbr(3, 64, 3, 2), dw(64, 64), dw(64, 64, 2), dw(64, 128, 2))  # 14 x 14
                    self.s2 = nn.Sequential(dw(128, 16), cbr(16, 32, 3, 2))  # 7 x 7
                    self.s3 = nn.Sequential(nn.Conv2d(32, 128, 7), nn.ReLU())  # 1 x 1
                    self.fc = nn.Linear(16 + 32 + 128, 196)

                def forward(self, x):  # x: [1, 3, 112, 112] -> [1, 98, 2]
                    a = self.s1(x)
                    b = self.s2[0](a)
                    c = self.s2[1](b)
                    d = self.s3(c)
                    f = torch.cat([F.adaptive_avg_pool2d(b, 1).flatten(1), F.adaptive_avg_pool2d(c, 1).flatten(1),
                                   d.flatten(1)], 1)
                    return self.fc(f).view(1, 98, 2)

            return PFLD().eval(), (torch.randn(1, 3, 112, 112),)
        raise ValueError(kind)

    return build


def specs() -> list[Spec]:
    return [
        # timm CNNs and hybrids
        Spec("cls_timm_tresnet_m_op13", "cls", "timm/tresnet_m", _timm("tresnet_m", 128)),
        Spec("cls_timm_eca_nfnet_l0_op14", "cls", "timm/eca_nfnet_l0", _timm("eca_nfnet_l0", 128), opset=14),
        Spec("cls_timm_convmixer_768_32_op15", "cls", "timm/convmixer_768_32", _timm("convmixer_768_32", 112),
             opset=15),
        Spec("cls_timm_twins_pcpvt_small_op17", "cls", "timm/twins_pcpvt_small", _timm_sz("twins_pcpvt_small", 128),
             opset=17),
        Spec("cls_timm_sequencer2d_s_op14", "cls", "timm/sequencer2d_s", _timm_sz("sequencer2d_s", 112), opset=14),
        Spec("cls_timm_volo_d1_dynamo_op18", "cls", "timm/volo_d1_224 (dynamo; TorchScript cannot export its fold)",
             _timm_sz("volo_d1_224", 112), opset=18, dynamo=True),
        Spec("cls_timm_rdnet_tiny_op17", "cls", "timm/rdnet_tiny", _timm("rdnet_tiny", 128), opset=17),
        Spec("cls_timm_caformer_s18_op17", "cls", "timm/caformer_s18", _timm("caformer_s18", 112), opset=17),
        Spec("cls_timm_focalnet_tiny_srf_op16", "cls", "timm/focalnet_tiny_srf", _timm("focalnet_tiny_srf", 128),
             opset=16),
        Spec("cls_timm_cspdarknet53_op12", "cls", "timm/cspdarknet53", _timm("cspdarknet53", 160), opset=12),
        Spec("cls_timm_xception41_op13", "cls", "timm/xception41", _timm("xception41", 160)),
        Spec("cls_timm_ecaresnet26t_dynamo_op18", "cls", "timm/ecaresnet26t (dynamo)", _timm("ecaresnet26t", 128),
             opset=18, dynamo=True),
        Spec("cls_timm_spnasnet_100_dynamo_op19", "cls", "timm/spnasnet_100 (dynamo)", _timm("spnasnet_100", 224),
             opset=19, dynamo=True),
        Spec("cls_timm_nextvit_small_op17", "cls", "timm/nextvit_small", _timm("nextvit_small", 128), opset=17),
        # ultralytics models not exported elsewhere
        Spec("det_yolo26n_p6_384_op17", "det", "yolo26n-p6", None, ultralytics=_yolo("yolo26n-p6.yaml", 384, opset=17)),
        Spec("cls_yolo12n_cls_224_op17", "cls", "yolo12n-cls", None, ultralytics=_yolo("yolo12n-cls.yaml", 224, opset=17)),
        Spec("seg_yolov8n_p6_384_op12", "seg", "yolov8n-seg-p6", None, ultralytics=_yolo("yolov8n-seg-p6.yaml", 384)),
        Spec("det_yolov8n_ghost_p6_384_op13", "det", "yolov8n-ghost-p6", None,
             ultralytics=_yolo("yolov8n-ghost-p6.yaml", 384, opset=13)),
        Spec("cls_yolov8_cls_resnet50_160_op12", "cls", "yolov8-cls-resnet50", None,
             ultralytics=_yolo("yolov8-cls-resnet50.yaml", 160)),
        # hand-built: patterns the other sets lack
        Spec("spk_ecapa_tdnn_op14", "audio", "ECAPA-TDNN (SE-Res2 1-D, attentive statistics pooling)",
             _custom("ecapa_tdnn"), opset=14, input_names=("fbank",)),
        Spec("sr_fsrcnn_op13", "sr", "FSRCNN (PReLU, ConvTranspose stride 3)", _custom("fsrcnn")),
        Spec("flow_global_matching_op18", "flow", "global-matching flow (bmm correlation, softmax, soft-argmax)",
             _custom("flow_global_matching"), opset=18, dynamo=True, input_names=("frame0", "frame1")),
        Spec("lane_ufld_row_anchor_op12", "lane", "Ultra-Fast-Lane-Detection row-anchor head",
             _custom("ufld_row_anchor"), opset=12, output_names=("logits", "loc")),
        Spec("face_retinaface_mnet025_op11", "det", "RetinaFace (MobileNet-0.25, FPN, SSH, landmarks)",
             _custom("retinaface"), opset=11, output_names=("bbox", "conf", "landmarks")),
        Spec("reid_l2norm_dynamo_op18", "reid", "ReID embedding (BN neck, L2 normalize; dynamo)",
             _custom("reid_l2norm"), opset=18, dynamo=True),
        Spec("track_siamese_xcorr_op13", "track", "Siamese tracker, depthwise cross-correlation (input weight)",
             _custom("siamese_xcorr"), input_names=("template", "search"), output_names=("cls", "reg")),
        Spec("face_pfld_landmarks_op16", "pose", "PFLD-style landmarks (multi-scale pooled features, Linear)",
             _custom("pfld_landmarks"), opset=16),
    ]


if __name__ == "__main__":
    sys.exit(run(specs, "/work/calib/s12-unseen5/models", sys.argv[1:]))
