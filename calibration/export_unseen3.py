"""Export a fourth set of models nobody calibrated on, to measure how the predictions carry over (toolkit 2.3.2).

None of these architectures is in export_models.py, export_unseen.py, export_unseen2.py or pretrained_set.py:
timm mobile CNNs and hybrids users ship (GhostNetV2 / V3, HGNet v1, InceptionNeXt, SelecSLS, MobileNetV1,
EfficientNet-EdgeTPU, the "minimal" MobileNetV3, MobileCLIP's FastViT-MCi0, SwiftFormer, EVA-02 with rotary
position, global-context and Res2Net blocks, DaViT, Darknet-17, CSPResNet-50, MobileNetV1 through the dynamo
exporter), torchvision ResNeXt, a 3-D video ResNet (MC3) and Keypoint R-CNN (a two-stage detector), ultralytics
heads not exported elsewhere (YOLO26 depth / semantic / P2, YOLO12 pose / OBB, YOLOv5 P6, YOLOv8 pose P6) and
small hand-built models for patterns the other sets lack (U-Net with ConvTranspose, a depth decoder with PixelShuffle and bilinear Resize, a GRU CRNN, a causal 1-D TCN for audio,
PointNet with max-pool over points, a transformer decoder with a causal mask, a DS-CNN keyword spotter, an
integral pose-heatmap head). Exporters and opsets mixed (TorchScript 12-17, dynamo 18-19), input sizes as
users pick them. Random weights, nothing downloaded (dropped: timm mvitv2_tiny at 112 px and halonet26t at
128 px, whose exports fail; yolo11-cls-resnet18, which downloads torchvision weights; a dynamo export of the
transformer decoder, which torch.export refused). Same exporter, manifest and log lines as export_models.py:

    /work/calib/venv/bin/python calibration/export_unseen3.py --out /work/calib/s10-unseen3/models [--only SUBSTR]

Then the truths, one row at a time (2.3.2 through its venv; at most two builds at a time):

    nice -n 10 python calibration/run_toolkit.py --models /work/calib/s10-unseen3/models --target rk3566 \
        --dtype float16 --python /work/main/.toolkits/rknn-2.3.2/bin/python \
        --out /work/calib/s10-unseen3/rk3566-float16-2.3.2/truth.json --jobs 2
    python calibration/score.py --truth /work/calib/s10-unseen3/rk3566-float16-2.3.2/truth.json \
        --models /work/calib/s10-unseen3/models --results calibration/results/unseen3/before/rk3566-float16-2.3.2.json
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, Callable

sys.path.insert(0, str(Path(__file__).resolve().parent))
from export_common import _timm_sz, run  # noqa: E402
from export_models import Spec, _timm, _tv, _yolo  # noqa: E402


def _timm_unfused(name: str, size: int) -> Callable[[], tuple[Any, tuple]]:
    """A timm model with fused attention off (its scaled_dot_product_attention call does not export)."""
    inner = _timm_sz(name, size)

    def build():
        import timm.layers

        timm.layers.set_fused_attn(False)
        return inner()

    return build


def _video(name: str, frames: int = 4, size: int = 64) -> Callable[[], tuple[Any, tuple]]:
    def build():
        import torch
        import torchvision

        m = torchvision.models.get_model(name, weights=None).eval()
        return m, (torch.randn(1, 3, frames, size, size),)

    return build


def _keypointrcnn(size: int) -> Callable[[], tuple[Any, tuple]]:
    def build():
        import torch
        import torchvision

        m = torchvision.models.detection.keypointrcnn_resnet50_fpn(
            weights=None, weights_backbone=None, min_size=size, max_size=size, box_detections_per_img=20).eval()
        return m, ([torch.rand(3, size, size)],)

    return build


def _custom(kind: str) -> Callable[[], tuple[Any, tuple]]:
    def build():
        import torch
        import torch.nn.functional as F
        from torch import nn

        def cbr(i, o, k=3, s=1):
            return nn.Sequential(nn.Conv2d(i, o, k, s, k // 2, bias=False), nn.BatchNorm2d(o), nn.ReLU())

        if kind == "unet_convtranspose":  # segmentation U-Net: max-pool down, ConvTranspose up, skip concat
            class UNet(nn.Module):
                def __init__(self) -> None:
                    super().__init__()
                    self.e1, self.e2, self.e3 = (nn.Sequential(cbr(3, 16), cbr(16, 16)),
                                                 nn.Sequential(cbr(16, 32), cbr(32, 32)),
                                                 nn.Sequential(cbr(32, 64), cbr(64, 64)))
                    self.t2, self.t1 = nn.ConvTranspose2d(64, 32, 2, 2), nn.ConvTranspose2d(32, 16, 2, 2)
                    self.d2, self.d1 = nn.Sequential(cbr(64, 32), cbr(32, 32)), nn.Sequential(cbr(32, 16), cbr(16, 16))
                    self.out = nn.Conv2d(16, 3, 1)

                def forward(self, x):
                    a = self.e1(x)
                    b = self.e2(F.max_pool2d(a, 2))
                    c = self.e3(F.max_pool2d(b, 2))
                    y = self.d2(torch.cat([self.t2(c), b], 1))
                    y = self.d1(torch.cat([self.t1(y), a], 1))
                    return self.out(y)

            return UNet().eval(), (torch.randn(1, 3, 128, 128),)
        if kind == "depth_decoder":  # monocular depth: strided encoder, PixelShuffle and bilinear up, sigmoid disparity
            class Depth(nn.Module):
                def __init__(self) -> None:
                    super().__init__()
                    self.s1, self.s2, self.s3, self.s4 = cbr(3, 24, s=2), cbr(24, 48, s=2), cbr(48, 96, s=2), \
                        cbr(96, 128, s=2)
                    self.ps = nn.Sequential(nn.Conv2d(128, 96 * 4, 3, 1, 1), nn.PixelShuffle(2))
                    self.f3, self.f2, self.f1 = cbr(192, 64), cbr(112, 32), cbr(56, 16)
                    self.disp = nn.Conv2d(16, 1, 3, 1, 1)

                def forward(self, x):
                    a = self.s1(x)
                    b = self.s2(a)
                    c = self.s3(b)
                    d = self.s4(c)
                    y = self.f3(torch.cat([F.elu(self.ps(d)), c], 1))
                    y = F.interpolate(y, scale_factor=2.0, mode="bilinear", align_corners=False)
                    y = self.f2(torch.cat([y, b], 1))
                    y = F.interpolate(y, size=a.shape[-2:], mode="bilinear", align_corners=False)
                    y = self.f1(torch.cat([y, a], 1))
                    y = F.interpolate(y, scale_factor=2.0, mode="bilinear", align_corners=False)
                    return 1.0 / (0.01 + 9.99 * torch.sigmoid(self.disp(y)))

            return Depth().eval(), (torch.randn(1, 3, 192, 256),)
        if kind == "crnn_gru":  # text recognition: VGG-ish convs, height collapsed, bidirectional GRU, log-softmax
            class CRNN(nn.Module):
                def __init__(self) -> None:
                    super().__init__()
                    self.cnn = nn.Sequential(cbr(1, 32), nn.MaxPool2d(2), cbr(32, 64), nn.MaxPool2d(2),
                                             cbr(64, 96), nn.MaxPool2d((2, 1)), cbr(96, 128), nn.MaxPool2d((4, 1)))
                    self.rnn = nn.GRU(128, 96, num_layers=2, bidirectional=True)
                    self.fc = nn.Linear(192, 64)

                def forward(self, x):  # x: [1, 1, 32, 160] -> [40, 1, 64]
                    f = self.cnn(x).squeeze(2).permute(2, 0, 1)
                    return self.fc(self.rnn(f)[0]).log_softmax(-1)

            return CRNN().eval(), (torch.randn(1, 1, 32, 160),)
        if kind == "tcn_audio":  # causal dilated 1-D TCN over log-mel frames (left padding, weight-normed convs)
            class Block(nn.Module):
                def __init__(self, c: int, d: int) -> None:
                    super().__init__()
                    self.pad = 2 * d
                    self.c1 = nn.utils.parametrizations.weight_norm(nn.Conv1d(c, c, 3, dilation=d))
                    self.c2 = nn.utils.parametrizations.weight_norm(nn.Conv1d(c, c, 3, dilation=d))

                def forward(self, x):
                    y = F.relu(self.c1(F.pad(x, (self.pad, 0))))
                    y = F.relu(self.c2(F.pad(y, (self.pad, 0))))
                    return F.relu(x + y)

            class TCN(nn.Module):
                def __init__(self) -> None:
                    super().__init__()
                    self.inp = nn.Conv1d(40, 64, 1)
                    self.blocks = nn.Sequential(*[Block(64, 2 ** i) for i in range(5)])
                    self.out = nn.Linear(64, 12)

                def forward(self, x):  # x: [1, 40, 101]
                    h = self.blocks(self.inp(x))
                    return self.out(h[:, :, -1])

            return TCN().eval(), (torch.randn(1, 40, 101),)
        if kind == "pointnet":  # point cloud classification: shared MLPs as Conv1d, T-net, max over points
            class TNet(nn.Module):
                def __init__(self, k: int) -> None:
                    super().__init__()
                    self.k = k
                    self.mlp = nn.Sequential(nn.Conv1d(k, 64, 1), nn.BatchNorm1d(64), nn.ReLU(),
                                             nn.Conv1d(64, 256, 1), nn.BatchNorm1d(256), nn.ReLU())
                    self.fc = nn.Sequential(nn.Linear(256, 128), nn.ReLU(), nn.Linear(128, k * k))

                def forward(self, x):
                    g = torch.max(self.mlp(x), 2)[0]
                    return self.fc(g).view(-1, self.k, self.k) + torch.eye(self.k)

            class PointNet(nn.Module):
                def __init__(self) -> None:
                    super().__init__()
                    self.t = TNet(3)
                    self.mlp = nn.Sequential(nn.Conv1d(3, 64, 1), nn.BatchNorm1d(64), nn.ReLU(),
                                             nn.Conv1d(64, 128, 1), nn.BatchNorm1d(128), nn.ReLU(),
                                             nn.Conv1d(128, 512, 1), nn.BatchNorm1d(512))
                    self.head = nn.Sequential(nn.Linear(512, 128), nn.ReLU(), nn.Linear(128, 10))

                def forward(self, x):  # x: [1, 3, 1024]
                    x = torch.bmm(self.t(x), x)
                    return self.head(F.adaptive_max_pool1d(self.mlp(x), 1).flatten(1))

            return PointNet().eval(), (torch.randn(1, 3, 1024),)
        if kind == "transformer_decoder":  # autoregressive decoder step: causal self-attention + cross-attention
            class Dec(nn.Module):
                def __init__(self, d=128, vocab=500, steps=24) -> None:
                    super().__init__()
                    self.emb = nn.Linear(vocab, d, bias=False)  # one-hot tokens in, no Gather
                    self.pos = nn.Parameter(torch.randn(1, steps, d) * 0.02)
                    layer = nn.TransformerDecoderLayer(d, 4, 256, 0.0, batch_first=True, norm_first=True)
                    self.dec = nn.TransformerDecoder(layer, 2)
                    self.out = nn.Linear(d, vocab)
                    self.register_buffer("mask", torch.triu(torch.full((steps, steps), float("-inf")), 1))

                def forward(self, tokens, memory):  # tokens [1, 24, 500] one-hot, memory [1, 50, 128]
                    h = self.emb(tokens) + self.pos
                    return self.out(self.dec(h, memory, tgt_mask=self.mask))

            return Dec().eval(), (torch.randn(1, 24, 500), torch.randn(1, 50, 128))
        if kind == "dscnn_kws":  # keyword spotting DS-CNN on MFCC (depthwise-separable 2-D convs, global avg pool)
            def ds(c):
                return nn.Sequential(nn.Conv2d(c, c, 3, 1, 1, groups=c, bias=False), nn.BatchNorm2d(c), nn.ReLU(),
                                     nn.Conv2d(c, c, 1, bias=False), nn.BatchNorm2d(c), nn.ReLU())

            m = nn.Sequential(nn.Conv2d(1, 64, (10, 4), (2, 2), (5, 1), bias=False), nn.BatchNorm2d(64), nn.ReLU(),
                              *[ds(64) for _ in range(4)], nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(64, 12),
                              nn.Softmax(-1))
            return m.eval(), (torch.randn(1, 1, 49, 10),)
        if kind == "pose_integral":  # pose heatmap head with integral (soft-argmax) keypoint regression
            class Pose(nn.Module):
                def __init__(self, k=17) -> None:
                    super().__init__()
                    self.k = k
                    self.body = nn.Sequential(cbr(3, 32, s=2), cbr(32, 64, s=2), cbr(64, 96, s=2), cbr(96, 96))
                    self.up = nn.Sequential(nn.ConvTranspose2d(96, 64, 4, 2, 1, bias=False), nn.BatchNorm2d(64),
                                            nn.ReLU())
                    self.hm = nn.Conv2d(64, k, 1)

                def forward(self, x):  # x: [1, 3, 192, 144] -> heatmaps [1, 17, 48, 36] and [1, 17, 2]
                    h = self.hm(self.up(self.body(x)))
                    b, k, hh, ww = h.shape
                    p = torch.softmax(h.reshape(b, k, hh * ww), -1).reshape(b, k, hh, ww)
                    xs = torch.arange(ww, dtype=torch.float32)
                    ys = torch.arange(hh, dtype=torch.float32)
                    cx = (p.sum(2) * xs).sum(-1)
                    cy = (p.sum(3) * ys).sum(-1)
                    return h, torch.stack([cx, cy], -1)

            return Pose().eval(), (torch.randn(1, 3, 192, 144),)
        raise ValueError(kind)

    return build


def specs() -> list[Spec]:
    return [
        # timm mobile CNNs and hybrids
        Spec("cls_timm_ghostnetv2_100_op13", "cls", "timm/ghostnetv2_100", _timm("ghostnetv2_100", 160)),
        Spec("cls_timm_ghostnetv3_050_op13", "cls", "timm/ghostnetv3_050", _timm("ghostnetv3_050", 224)),
        Spec("cls_timm_hgnet_tiny_op13", "cls", "timm/hgnet_tiny", _timm("hgnet_tiny", 160)),
        Spec("cls_timm_inception_next_atto_op17", "cls", "timm/inception_next_atto", _timm("inception_next_atto"),
             opset=17),
        Spec("cls_timm_selecsls42b_op12", "cls", "timm/selecsls42b", _timm("selecsls42b", 128), opset=12),
        Spec("cls_timm_mobilenetv1_100_op12", "cls", "timm/mobilenetv1_100", _timm("mobilenetv1_100", 224), opset=12),
        Spec("cls_timm_efficientnet_es_op13", "cls", "timm/efficientnet_es", _timm("efficientnet_es", 192)),
        Spec("cls_timm_mnv3_small_minimal_op12", "cls", "timm/tf_mobilenetv3_small_minimal_100",
             _timm("tf_mobilenetv3_small_minimal_100", 224), opset=12),
        Spec("cls_timm_fastvit_mci0_op17", "cls", "timm/fastvit_mci0", _timm("fastvit_mci0", 128), opset=17),
        Spec("cls_timm_swiftformer_xs_op17", "cls", "timm/swiftformer_xs", _timm("swiftformer_xs", 160), opset=17),
        Spec("cls_timm_eva02_tiny_112_op17", "cls", "timm/eva02_tiny_patch14_224",
             _timm_unfused("eva02_tiny_patch14_224", 112), opset=17),
        Spec("cls_timm_gcresnet33ts_op14", "cls", "timm/gcresnet33ts", _timm("gcresnet33ts", 128), opset=14),
        Spec("cls_timm_res2net50_14w_8s_op13", "cls", "timm/res2net50_14w_8s", _timm("res2net50_14w_8s", 128)),
        Spec("cls_timm_davit_tiny_op17", "cls", "timm/davit_tiny", _timm("davit_tiny", 112), opset=17),
        Spec("cls_timm_darknet17_op12", "cls", "timm/darknet17", _timm("darknet17", 160), opset=12),
        Spec("cls_timm_cspresnet50_op14", "cls", "timm/cspresnet50", _timm("cspresnet50", 128), opset=14),
        Spec("cls_timm_mobilenetv1_dynamo_op18", "cls", "timm/mobilenetv1_100 (dynamo)",
             _timm("mobilenetv1_100", 160), opset=18, dynamo=True),
        # torchvision: grouped ResNeXt, 3-D video, a two-stage keypoint detector
        Spec("cls_tv_resnext50_32x4d_op13", "cls", "resnext50_32x4d", _tv("resnext50_32x4d", 128)),
        Spec("video_tv_mc3_18_op13", "video", "mc3_18", _video("mc3_18")),
        Spec("pose_tv_keypointrcnn_op13", "pose", "keypointrcnn_resnet50_fpn", _keypointrcnn(256), opset=13),
        # ultralytics heads not exported elsewhere
        Spec("depth_yolo26n_320_op17", "depth", "yolo26n-depth", None, ultralytics=_yolo("yolo26n-depth.yaml", opset=17)),
        Spec("sem_yolo26n_320_op17", "seg", "yolo26n-sem", None, ultralytics=_yolo("yolo26n-sem.yaml", opset=17)),
        Spec("det_yolo26n_p2_320_op17", "det", "yolo26n-p2", None, ultralytics=_yolo("yolo26n-p2.yaml", opset=17)),
        Spec("pose_yolo12n_320_op12", "pose", "yolo12n-pose", None, ultralytics=_yolo("yolo12n-pose.yaml")),
        Spec("obb_yolo12n_320_op17", "obb", "yolo12n-obb", None, ultralytics=_yolo("yolo12n-obb.yaml", opset=17)),
        Spec("det_yolov5n_p6_384_op12", "det", "yolov5n-p6", None, ultralytics=_yolo("yolov5n-p6.yaml", 384)),
        Spec("pose_yolov8n_p6_384_op13", "pose", "yolov8n-pose-p6", None,
             ultralytics=_yolo("yolov8n-pose-p6.yaml", 384, opset=13)),
        # hand-built: patterns the other sets lack
        Spec("seg_unet_convtranspose_op13", "seg", "U-Net (max-pool, ConvTranspose, skip concat)",
             _custom("unet_convtranspose")),
        Spec("depth_pixelshuffle_bilinear_op16", "depth", "depth decoder (PixelShuffle, bilinear, sigmoid disparity)",
             _custom("depth_decoder"), opset=16),
        Spec("ocr_crnn_gru_op14", "ocr", "CRNN with a bidirectional GRU", _custom("crnn_gru"), opset=14),
        Spec("audio_tcn_causal_op18", "seq", "causal dilated TCN (weight norm, left Pad)", _custom("tcn_audio"),
             opset=18, dynamo=True),
        Spec("pc_pointnet_op13", "pc", "PointNet (T-net, Conv1d, max over points)", _custom("pointnet")),
        Spec("seq_transformer_decoder_op17", "seq", "transformer decoder, causal mask, cross-attention",
             _custom("transformer_decoder"), opset=17, input_names=("tokens", "memory")),
        Spec("seg_unet_convtranspose_dynamo_op19", "seg", "U-Net (max-pool, ConvTranspose, skip concat; dynamo)",
             _custom("unet_convtranspose"), opset=19, dynamo=True),
        Spec("kws_dscnn_op12", "kws", "DS-CNN keyword spotting (depthwise-separable, softmax)", _custom("dscnn_kws"),
             opset=12, input_names=("mfcc",)),
        Spec("pose_integral_heatmap_op15", "pose", "heatmap head + soft-argmax (integral regression)",
             _custom("pose_integral"), opset=15, output_names=("heatmaps", "keypoints")),
    ]


if __name__ == "__main__":
    sys.exit(run(specs, "/work/calib/s10-unseen3/models", sys.argv[1:]))
