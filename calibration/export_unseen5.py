"""Export a sixth set of models nobody calibrated on, to measure how the predictions carry over (toolkit 2.3.2).

Unseen sets 4 and 5 (export_unseen3.py, export_unseen4.py) taught fixes and are no longer unseen. None of these
architectures is in export_models.py, export_unseen.py, export_unseen2.py, export_unseen3.py, export_unseen4.py,
pretrained_set.py or issue_repros.py: timm models users ship that no set used yet (EfficientViM's hidden-state
mixer, LowFormer, iFormer-M, CSATv2 and HaloNet-26t's halo attention (dynamo), PP-LCNetV2, Inception-v4, TNT-S, gMixer-12,
ResNet-Blur-18 (BlurPool, dynamo), ResNet-AA-34d (anti-aliased), FBNet-C (dynamo), Hiera-T, CoAtNeXt-nano),
torchvision S3D (video), ultralytics models not exported elsewhere (YOLOv9c seg, YOLOv8 ghost P2) and small hand-built models for patterns users export that the other sets lack (a DeepLabV3+
ASPP decoder with align_corners resizes, CenterNet peaks taken by TopK, a DBNet head with the differentiable
binarisation step, a CRNN with a two-layer bidirectional LSTM and CTC log_softmax through the dynamo exporter, a
MobileFaceNet with its global depthwise convolution, a BiSeNet-like two-branch segmenter, a SimCC 1-D keypoint
head, a depthwise TCN over IMU channels, a keyword transformer with a class token, learned positional embedding
and LayerNormalization at opset 17, a NanoDet / GFL head with its DFL integral). Exporters and opsets mixed
(TorchScript 11-17, dynamo 18-19), input sizes as users pick them. Random weights, nothing downloaded. Same
exporter, manifest and log lines as export_models.py:

    /work/calib/venv/bin/python calibration/export_unseen5.py --out /work/calib/s13-unseen6/models [--only SUBSTR]

Then the truths, one row at a time (2.3.2 through its venv; at most two builds at a time):

    nice -n 10 python calibration/run_toolkit.py --models /work/calib/s13-unseen6/models --target rk3566 \
        --dtype float16 --python /work/main/.toolkits/rknn-2.3.2/bin/python \
        --out /work/calib/s13-unseen6/rk3566-float16-2.3.2/truth.json --jobs 2
    python calibration/score.py --truth /work/calib/s13-unseen6/rk3566-float16-2.3.2/truth.json \
        --models /work/calib/s13-unseen6/models --results calibration/results/unseen5/before/rk3566-float16-2.3.2.json
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, Callable

sys.path.insert(0, str(Path(__file__).resolve().parent))
from export_common import _timm_sz, run  # noqa: E402
from export_models import Spec, _timm, _yolo  # noqa: E402


def _tv_video(name: str, frames: int, size: int) -> Callable[[], tuple[Any, tuple]]:
    def build():
        import torch
        import torchvision

        m = torchvision.models.get_model(name, weights=None).eval()
        return m, (torch.randn(1, 3, frames, size, size),)

    return build


def _custom(kind: str) -> Callable[[], tuple[Any, tuple]]:
    def build():
        import torch
        import torch.nn.functional as F
        from torch import nn

        def cbr(i, o, k=3, s=1, g=1, d=1):
            return nn.Sequential(nn.Conv2d(i, o, k, s, d * (k // 2), dilation=d, groups=g, bias=False),
                                 nn.BatchNorm2d(o), nn.ReLU())

        def dw(i, o, s=1):
            return nn.Sequential(cbr(i, i, 3, s, g=i), cbr(i, o, 1))

        def body(widths=(16, 32, 64, 128), stem=3):  # a small strided backbone returning the 1/4 .. 1/32 maps
            class Body(nn.Module):
                def __init__(self) -> None:
                    super().__init__()
                    self.stem = nn.Sequential(cbr(stem, widths[0], 3, 2), dw(widths[0], widths[0], 2))
                    self.stages = nn.ModuleList(
                        nn.Sequential(dw(a, b, 1 if j == 0 else 2), dw(b, b))
                        for j, (a, b) in enumerate(zip((widths[0],) + widths[:-1], widths)))

                def forward(self, x):
                    x, outs = self.stem(x), []
                    for s in self.stages:
                        x = s(x)
                        outs.append(x)
                    return outs

            return Body()

        if kind == "deeplabv3plus":  # ASPP (atrous rates 6/12/18 + image pooling), low-level decoder, align_corners
            class DLV3P(nn.Module):
                def __init__(self, classes: int = 19) -> None:
                    super().__init__()
                    self.body = body((24, 32, 96, 160))
                    self.aspp = nn.ModuleList([cbr(160, 128, 1)] + [cbr(160, 128, 3, d=r) for r in (6, 12, 18)])
                    self.pool = nn.Sequential(nn.AdaptiveAvgPool2d(1), nn.Conv2d(160, 128, 1), nn.ReLU())
                    self.proj = cbr(5 * 128, 128, 1)
                    self.low = cbr(24, 48, 1)
                    self.dec = nn.Sequential(cbr(176, 128), cbr(128, 128), nn.Conv2d(128, classes, 1))

                def forward(self, x):  # x: [1, 3, 256, 512] street scene
                    low, _, _, c = self.body(x)
                    p = F.interpolate(self.pool(c), size=c.shape[-2:], mode="bilinear", align_corners=True)
                    a = self.proj(torch.cat([m(c) for m in self.aspp] + [p], 1))
                    a = F.interpolate(a, size=low.shape[-2:], mode="bilinear", align_corners=True)
                    y = self.dec(torch.cat([a, self.low(low)], 1))
                    return F.interpolate(y, size=x.shape[-2:], mode="bilinear", align_corners=True)

            return DLV3P().eval(), (torch.randn(1, 3, 256, 512),)
        if kind == "centernet_topk":  # CenterNet decode in the graph: sigmoid heat, 3x3 max-pool peaks, TopK
            class CenterNet(nn.Module):
                def __init__(self, classes: int = 20, k: int = 50) -> None:
                    super().__init__()
                    self.k = k
                    self.body = body((32, 64, 128, 256))
                    self.up = nn.Sequential(nn.ConvTranspose2d(256, 128, 4, 2, 1, bias=False), nn.BatchNorm2d(128),
                                            nn.ReLU(), nn.ConvTranspose2d(128, 64, 4, 2, 1, bias=False),
                                            nn.BatchNorm2d(64), nn.ReLU())
                    self.hm = nn.Sequential(cbr(64, 64), nn.Conv2d(64, classes, 1))
                    self.wh = nn.Sequential(cbr(64, 64), nn.Conv2d(64, 4, 1))

                def forward(self, x):  # x: [1, 3, 384, 384] -> heat map at 1/8, 50 peaks
                    f = self.up(self.body(x)[-1])
                    heat = torch.sigmoid(self.hm(f))
                    keep = (F.max_pool2d(heat, 3, 1, 1) == heat).float()
                    scores, idx = torch.topk((heat * keep).flatten(1), self.k)
                    return scores, idx, self.wh(f)

            return CenterNet().eval(), (torch.randn(1, 3, 384, 384),)
        if kind == "dbnet_binarize":  # DBNet: FPN of four scales, probability and threshold maps, DB step
            class DB(nn.Module):
                def __init__(self, c: int = 64) -> None:
                    super().__init__()
                    self.body = body((24, 48, 96, 192))
                    self.lat = nn.ModuleList(nn.Conv2d(w, c, 1) for w in (24, 48, 96, 192))
                    self.smooth = nn.ModuleList(nn.Conv2d(c, c // 4, 3, 1, 1) for _ in range(4))

                    def head():
                        return nn.Sequential(cbr(c, c // 4), nn.ConvTranspose2d(c // 4, c // 4, 2, 2),
                                             nn.BatchNorm2d(c // 4), nn.ReLU(), nn.ConvTranspose2d(c // 4, 1, 2, 2),
                                             nn.Sigmoid())

                    self.prob, self.thresh = head(), head()

                def forward(self, x):  # x: [1, 3, 640, 640] document page
                    fs = [m(f) for m, f in zip(self.lat, self.body(x))]
                    for i in (2, 1, 0):
                        fs[i] = fs[i] + F.interpolate(fs[i + 1], scale_factor=2.0, mode="nearest")
                    outs = [F.interpolate(s(f), scale_factor=2.0 ** i, mode="nearest") if i else s(f)
                            for i, (s, f) in enumerate(zip(self.smooth, fs))]
                    fuse = torch.cat(outs[::-1], 1)
                    p, t = self.prob(fuse), self.thresh(fuse)
                    return torch.cat([p, t, torch.reciprocal(1 + torch.exp(-50 * (p - t)))], 1)

            return DB().eval(), (torch.randn(1, 3, 640, 640),)
        if kind == "crnn_bilstm2_ctc":  # CRNN: VGG-ish CNN, 2-layer bidirectional LSTM, CTC log_softmax [T, N, C]
            class CRNN(nn.Module):
                def __init__(self, classes: int = 97) -> None:
                    super().__init__()
                    self.cnn = nn.Sequential(cbr(1, 32), nn.MaxPool2d(2), cbr(32, 64), nn.MaxPool2d(2), cbr(64, 128),
                                             cbr(128, 128), nn.MaxPool2d((2, 1)), cbr(128, 192), nn.MaxPool2d((2, 1)),
                                             nn.Conv2d(192, 192, (2, 1)), nn.ReLU())
                    self.rnn = nn.LSTM(192, 128, num_layers=2, bidirectional=True)
                    self.fc = nn.Linear(256, classes)

                def forward(self, x):  # x: [1, 1, 32, 256] grey text line -> [64, 1, classes]
                    f = self.cnn(x).squeeze(2).permute(2, 0, 1)  # [T, N, C]
                    y, _ = self.rnn(f)
                    return F.log_softmax(self.fc(y), 2)

            return CRNN().eval(), (torch.randn(1, 1, 32, 256),)
        if kind == "mobilefacenet":  # face embedding: depthwise bottlenecks with PReLU, GDC (7x7 depthwise), BN
            def cbp(i, o, k=3, s=1, g=1):
                return nn.Sequential(nn.Conv2d(i, o, k, s, k // 2, groups=g, bias=False), nn.BatchNorm2d(o),
                                     nn.PReLU(o))

            class Bneck(nn.Module):
                def __init__(self, i: int, o: int, s: int, t: int = 2) -> None:
                    super().__init__()
                    self.res = s == 1 and i == o
                    self.f = nn.Sequential(cbp(i, i * t, 1), cbp(i * t, i * t, 3, s, g=i * t),
                                           nn.Conv2d(i * t, o, 1, bias=False), nn.BatchNorm2d(o))

                def forward(self, x):
                    return x + self.f(x) if self.res else self.f(x)

            class MFN(nn.Module):
                def __init__(self, emb: int = 128) -> None:
                    super().__init__()
                    self.f = nn.Sequential(cbp(3, 64, 3, 2), cbp(64, 64, 3, 1, g=64), Bneck(64, 64, 2, 2),
                                           *[Bneck(64, 64, 1) for _ in range(3)], Bneck(64, 128, 2, 4),
                                           *[Bneck(128, 128, 1) for _ in range(3)], Bneck(128, 128, 2, 4),
                                           Bneck(128, 128, 1), cbp(128, 512, 1))
                    self.gdc = nn.Sequential(nn.Conv2d(512, 512, 7, groups=512, bias=False), nn.BatchNorm2d(512))
                    self.lin = nn.Sequential(nn.Conv2d(512, emb, 1, bias=False), nn.BatchNorm2d(emb))

                def forward(self, x):  # x: [1, 3, 112, 112] aligned face -> [1, 128]
                    return self.lin(self.gdc(self.f(x))).flatten(1)

            return MFN().eval(), (torch.randn(1, 3, 112, 112),)
        if kind == "bisenet":  # BiSeNet-like: spatial path, context path with ARM / global context, FFM
            class ARM(nn.Module):
                def __init__(self, i: int, o: int) -> None:
                    super().__init__()
                    self.conv = cbr(i, o)
                    self.att = nn.Sequential(nn.AdaptiveAvgPool2d(1), nn.Conv2d(o, o, 1, bias=False),
                                             nn.BatchNorm2d(o), nn.Sigmoid())

                def forward(self, x):
                    y = self.conv(x)
                    return y * self.att(y)

            class BiSeNet(nn.Module):
                def __init__(self, classes: int = 11) -> None:
                    super().__init__()
                    self.spatial = nn.Sequential(cbr(3, 64, 7, 2), cbr(64, 64, 3, 2), cbr(64, 64, 3, 2), cbr(64, 128, 1))
                    self.ctx = body((32, 64, 128, 256))
                    self.arm16, self.arm32 = ARM(128, 128), ARM(256, 128)
                    self.gctx = nn.Sequential(nn.AdaptiveAvgPool2d(1), cbr(256, 128, 1))
                    self.ffm = cbr(256, 256, 1)
                    self.ffm_att = nn.Sequential(nn.AdaptiveAvgPool2d(1), nn.Conv2d(256, 64, 1), nn.ReLU(),
                                                 nn.Conv2d(64, 256, 1), nn.Sigmoid())
                    self.out = nn.Sequential(cbr(256, 64), nn.Conv2d(64, classes, 1))

                def forward(self, x):  # x: [1, 3, 360, 480] (CamVid-sized)
                    sp = self.spatial(x)
                    _, _, c16, c32 = self.ctx(x)
                    a32 = self.arm32(c32) + self.gctx(c32)
                    a32 = F.interpolate(a32, size=c16.shape[-2:], mode="nearest")
                    a16 = F.interpolate(self.arm16(c16) + a32, size=sp.shape[-2:], mode="nearest")
                    f = self.ffm(torch.cat([sp, a16], 1))
                    f = f + f * self.ffm_att(f)
                    return F.interpolate(self.out(f), scale_factor=8.0, mode="bilinear", align_corners=False)

            return BiSeNet().eval(), (torch.randn(1, 3, 360, 480),)
        if kind == "simcc":  # SimCC keypoints: backbone, 1x1 to K maps, flatten, per-axis 1-D classification
            class SimCC(nn.Module):
                def __init__(self, k: int = 17, ratio: float = 2.0) -> None:
                    super().__init__()
                    self.body = body((32, 64, 128, 256))
                    self.final = nn.Conv2d(256, k, 1)
                    self.mlp = nn.Sequential(nn.Linear(8 * 6, 64), nn.LayerNorm(64), nn.GELU())
                    self.x = nn.Linear(64, int(192 * ratio))
                    self.y = nn.Linear(64, int(256 * ratio))

                def forward(self, x):  # x: [1, 3, 256, 192] person crop -> x / y logits [1, 17, 384 | 512]
                    f = self.mlp(self.final(self.body(x)[-1]).flatten(2))
                    return self.x(f), self.y(f)

            return SimCC().eval(), (torch.randn(1, 3, 256, 192),)
        if kind == "imu_dwtcn":  # activity recognition on 6-axis IMU windows: depthwise dilated 1-D TCN
            class Block(nn.Module):
                def __init__(self, c: int, d: int) -> None:
                    super().__init__()
                    self.dw = nn.Conv1d(c, c, 5, padding=2 * d, dilation=d, groups=c)
                    self.pw = nn.Conv1d(c, c, 1)
                    self.bn = nn.BatchNorm1d(c)

                def forward(self, x):
                    return x + F.relu(self.bn(self.pw(F.relu(self.dw(x)))))

            class TCN(nn.Module):
                def __init__(self, c: int = 64, classes: int = 8) -> None:
                    super().__init__()
                    self.inp = nn.Conv1d(6, c, 1)
                    self.blocks = nn.Sequential(*[Block(c, d) for d in (1, 2, 4, 8, 16)])
                    self.fc = nn.Linear(c, classes)

                def forward(self, x):  # x: [1, 6, 128] accelerometer + gyroscope at 50 Hz
                    return torch.softmax(self.fc(self.blocks(self.inp(x)).mean(-1)), -1)

            return TCN().eval(), (torch.randn(1, 6, 128),)
        if kind == "kwt":  # keyword transformer: mel patches, class token, learned positions, pre-LN encoder
            class KWT(nn.Module):
                def __init__(self, d: int = 96, layers: int = 4, classes: int = 12) -> None:
                    super().__init__()
                    self.embed = nn.Linear(40, d)
                    self.cls = nn.Parameter(torch.randn(1, 1, d) * 0.02)
                    self.pos = nn.Parameter(torch.randn(1, 99, d) * 0.02)
                    layer = nn.TransformerEncoderLayer(d, 3, 2 * d, dropout=0.0, activation="gelu",
                                                       batch_first=True, norm_first=True)
                    self.enc = nn.TransformerEncoder(layer, layers, enable_nested_tensor=False)
                    self.norm = nn.LayerNorm(d)
                    self.head = nn.Linear(d, classes)

                def forward(self, x):  # x: [1, 98, 40] mel frames
                    h = torch.cat([self.cls.expand(x.shape[0], -1, -1), self.embed(x)], 1) + self.pos
                    return self.head(self.norm(self.enc(h))[:, 0])

            return KWT().eval(), (torch.randn(1, 98, 40),)
        if kind == "nanodet_gfl":  # NanoDet-Plus-style: shared GFL head per level, DFL integral over 8 bins
            class NanoDet(nn.Module):
                def __init__(self, classes: int = 80, reg_max: int = 7) -> None:
                    super().__init__()
                    self.reg_max = reg_max
                    self.body = body((24, 48, 96, 192))
                    self.lat = nn.ModuleList(cbr(w, 96, 1) for w in (48, 96, 192))
                    self.head = nn.ModuleList(nn.Sequential(dw(96, 96), dw(96, 96),
                                                            nn.Conv2d(96, classes + 4 * (reg_max + 1), 1))
                                              for _ in range(3))
                    self.register_buffer("project", torch.linspace(0, reg_max, reg_max + 1))
                    self.classes = classes

                def forward(self, x):  # x: [1, 3, 416, 416] -> scores [1, N, 80], distances [1, N, 4]
                    _, c8, c16, c32 = self.body(x)
                    p32 = self.lat[2](c32)
                    p16 = self.lat[1](c16) + F.interpolate(p32, scale_factor=2.0, mode="bilinear")
                    p8 = self.lat[0](c8) + F.interpolate(p16, scale_factor=2.0, mode="bilinear")
                    outs = torch.cat([h(p).flatten(2) for h, p in zip(self.head, (p8, p16, p32))], 2).permute(0, 2, 1)
                    cls, reg = outs.split([self.classes, 4 * (self.reg_max + 1)], -1)
                    dist = F.linear(F.softmax(reg.reshape(1, -1, 4, self.reg_max + 1), -1), self.project.view(1, -1))
                    return cls.sigmoid(), dist.reshape(1, -1, 4)

            return NanoDet().eval(), (torch.randn(1, 3, 416, 416),)
        raise ValueError(kind)

    return build


def specs() -> list[Spec]:
    return [
        # timm models no set used yet
        Spec("cls_timm_efficientvim_m1_op17", "cls", "timm/efficientvim_m1", _timm("efficientvim_m1", 128), opset=17),
        Spec("cls_timm_lowformer_b0_op16", "cls", "timm/lowformer_b0", _timm("lowformer_b0", 128), opset=16),
        Spec("cls_timm_iformer_m_op17", "cls", "timm/iformer_m", _timm("iformer_m", 128), opset=17),
        Spec("cls_timm_csatv2_dynamo_op18", "cls", "timm/csatv2 (dynamo; TorchScript cannot export it)",
             _timm("csatv2", 128), opset=18, dynamo=True),
        Spec("cls_timm_lcnetv2_small_op13", "cls", "timm/lcnetv2_small (PP-LCNetV2)", _timm("lcnetv2_small", 224)),
        Spec("cls_timm_halonet26t_dynamo_op18", "cls", "timm/halonet26t (dynamo; TorchScript cannot export it)",
             _timm("halonet26t", 256), opset=18, dynamo=True),
        Spec("cls_timm_inception_v4_op12", "cls", "timm/inception_v4", _timm("inception_v4", 160), opset=12),
        Spec("cls_timm_tnt_s_112_op17", "cls", "timm/tnt_s_patch16_224", _timm_sz("tnt_s_patch16_224", 112),
             opset=17),
        Spec("cls_timm_gmixer_12_112_op14", "cls", "timm/gmixer_12_224", _timm_sz("gmixer_12_224", 112), opset=14),
        Spec("cls_timm_resnetblur18_dynamo_op18", "cls", "timm/resnetblur18 (dynamo)", _timm("resnetblur18", 160),
             opset=18, dynamo=True),
        Spec("cls_timm_resnetaa34d_op11", "cls", "timm/resnetaa34d", _timm("resnetaa34d", 128), opset=11),
        Spec("cls_timm_fbnetc_100_dynamo_op19", "cls", "timm/fbnetc_100 (dynamo)", _timm("fbnetc_100", 160),
             opset=19, dynamo=True),
        Spec("cls_timm_hiera_tiny_op17", "cls", "timm/hiera_tiny_224", _timm("hiera_tiny_224", 224), opset=17),
        Spec("cls_timm_coatnext_nano_128_op17", "cls", "timm/coatnext_nano_rw_224",
             _timm_sz("coatnext_nano_rw_224", 128), opset=17),
        # torchvision
        Spec("video_tv_s3d_op13", "video", "torchvision s3d", _tv_video("s3d", 16, 224)),
        # ultralytics models not exported elsewhere
        Spec("seg_yolov9c_seg_320_op12", "seg", "yolov9c-seg", None, ultralytics=_yolo("yolov9c-seg.yaml", 320)),
        Spec("det_yolov8n_ghost_p2_320_op13", "det", "yolov8n-ghost-p2", None,
             ultralytics=_yolo("yolov8n-ghost-p2.yaml", 320, opset=13)),
        # hand-built: patterns the other sets lack
        Spec("seg_deeplabv3plus_aspp_op13", "seg", "DeepLabV3+-like (ASPP, decoder, align_corners)",
             _custom("deeplabv3plus")),
        Spec("det_centernet_topk_op11", "det", "CenterNet decode (max-pool peaks, TopK)", _custom("centernet_topk"),
             opset=11, output_names=("scores", "indices", "wh")),
        Spec("ocr_dbnet_binarize_op14", "ocr", "DBNet (FPN, ConvTranspose heads, differentiable binarisation)",
             _custom("dbnet_binarize"), opset=14),
        Spec("ocr_crnn_bilstm2_ctc_dynamo_op18", "ocr", "CRNN, 2-layer BiLSTM, CTC log_softmax (dynamo)",
             _custom("crnn_bilstm2_ctc"), opset=18, dynamo=True),
        Spec("face_mobilefacenet_gdc_op12", "face", "MobileFaceNet (PReLU bottlenecks, GDC)", _custom("mobilefacenet"),
             opset=12),
        Spec("seg_bisenet_op15", "seg", "BiSeNet-like (spatial / context path, ARM, FFM)", _custom("bisenet"),
             opset=15),
        Spec("pose_simcc_op17", "pose", "SimCC head (flatten, LayerNorm MLP, 1-D x / y classifiers)", _custom("simcc"),
             opset=17, output_names=("simcc_x", "simcc_y")),
        Spec("imu_dwtcn_op13", "imu", "depthwise dilated TCN over 6-axis IMU windows", _custom("imu_dwtcn")),
        Spec("kws_kwt_learned_pos_op17", "audio", "keyword transformer (class token, learned positions, pre-LN)",
             _custom("kwt"), opset=17),
        Spec("det_nanodet_gfl_dfl_op16", "det", "NanoDet-Plus-like GFL head (DFL integral)", _custom("nanodet_gfl"),
             opset=16, output_names=("scores", "distances")),
    ]


if __name__ == "__main__":
    sys.exit(run(specs, "/work/calib/s13-unseen6/models", sys.argv[1:]))
