"""Export the calibration set: real architectures with random weights, as ONNX, for measuring rknnlint.

Runs in its own environment (torch, torchvision, timm, ultralytics; see calibration/README.md), never in
the linter's: rknnlint itself must not import torch. Nothing is downloaded: every model is built from
its constructor or yaml config with random weights.

    python calibration/export_models.py --out /work/calib/models [--only SUBSTR] [--force] [--list]

Writes OUT/<name>.onnx (dynamo exports with external data also write <name>.onnx.data) and
OUT/manifest.json: per model the family, architecture, exporter, opset, input shape (`inputs`: the graph's, with
the symbolic dims of dynamic axes; `example_inputs`: the shapes it was exported with), dynamic axes,
dtype and, for exports that failed, the reason. An export that fails is logged and skipped.
"""
from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import shutil
import sys
import tempfile
import time
import traceback
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Callable

# No hub, no weights, no telemetry: everything below builds from code or yaml.
for _k, _v in {"YOLO_OFFLINE": "1", "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "TORCH_HOME": "/nonexistent",
               "YOLO_VERBOSE": "False"}.items():
    os.environ.setdefault(_k, _v)


@dataclass
class Spec:
    """One model to export."""

    name: str
    family: str  # cls | det | seg | pose | obb | seq | misc
    arch: str
    build: Callable[[], tuple[Any, tuple]]  # -> (module, example args)
    opset: int = 13
    dynamo: bool = False
    dynamic: dict[str, dict[int, str]] = field(default_factory=dict)  # input/output name -> {axis: dim name}
    fp16: bool = False
    external_data: bool = False
    input_names: tuple[str, ...] = ("input",)
    output_names: tuple[str, ...] | None = None
    ultralytics: dict | None = None  # export through ultralytics' own exporter: {"cfg":..., "imgsz":..., ...}
    note: str = ""


# ---------------------------------------------------------------------------------------------- builders
def _tv(name: str, size: int = 128, **kw) -> Callable[[], tuple[Any, tuple]]:
    def build():
        import torch
        import torchvision

        m = torchvision.models.get_model(name, weights=None, **kw).eval()
        return m, (torch.randn(1, 3, size, size),)

    return build


class _Pick:
    """Wraps a module whose forward returns a dict (torchvision segmentation) so the export has one output."""

    def __new__(cls, module, key: str):
        import torch

        class Pick(torch.nn.Module):
            def __init__(self) -> None:
                super().__init__()
                self.m = module

            def forward(self, x):
                return self.m(x)[key]

        return Pick().eval()


def _tv_seg(name: str, size: int, **kw) -> Callable[[], tuple[Any, tuple]]:
    def build():
        import torch
        import torchvision

        m = torchvision.models.get_model(name, weights=None, weights_backbone=None, **kw).eval()
        return _Pick(m, "out"), (torch.randn(1, 3, size, size),)

    return build


def _tv_det(name: str, size: int, **kw) -> Callable[[], tuple[Any, tuple]]:
    def build():
        import torch
        import torchvision

        m = torchvision.models.get_model(name, weights=None, weights_backbone=None, **kw).eval()
        return m, ([torch.rand(3, size, size)],)

    return build


def _timm(name: str, size: int = 128, **kw) -> Callable[[], tuple[Any, tuple]]:
    def build():
        import timm
        import torch

        m = timm.create_model(name, pretrained=False, **kw).eval()
        return m, (torch.randn(1, 3, size, size),)

    return build


def _rnn(kind: str, layers: int, bidir: bool, feat: int = 64, hidden: int = 96, steps: int = 32):
    def build():
        import torch

        class Seq(torch.nn.Module):
            def __init__(self) -> None:
                super().__init__()
                cell = torch.nn.LSTM if kind == "lstm" else torch.nn.GRU
                self.rnn = cell(feat, hidden, num_layers=layers, bidirectional=bidir, batch_first=True)
                self.head = torch.nn.Linear(hidden * (2 if bidir else 1), 12)

            def forward(self, x):
                y, _ = self.rnn(x)
                return self.head(y)

        return Seq().eval(), (torch.randn(1, steps, feat),)

    return build


def _encoder(d: int = 128, heads: int = 4, layers: int = 2, steps: int = 32, norm_first: bool = False):
    def build():
        import torch

        class Enc(torch.nn.Module):
            def __init__(self) -> None:
                super().__init__()
                layer = torch.nn.TransformerEncoderLayer(d, heads, dim_feedforward=2 * d, batch_first=True,
                                                         norm_first=norm_first, dropout=0.0)
                self.enc = torch.nn.TransformerEncoder(layer, layers, enable_nested_tensor=False)
                self.head = torch.nn.Linear(d, 10)

            def forward(self, x):
                return self.head(self.enc(x))

        return Enc().eval(), (torch.randn(1, steps, d),)

    return build


def _token_encoder(vocab: int = 1000, d: int = 128, steps: int = 32):
    """BERT-like: int64 token ids -> embedding + learned positions -> encoder -> first-token classifier."""

    def build():
        import torch

        class TokEnc(torch.nn.Module):
            def __init__(self) -> None:
                super().__init__()
                self.tok = torch.nn.Embedding(vocab, d)
                self.pos = torch.nn.Parameter(torch.randn(1, steps, d) * 0.02)
                layer = torch.nn.TransformerEncoderLayer(d, 4, dim_feedforward=2 * d, batch_first=True,
                                                         activation="gelu", dropout=0.0)
                self.enc = torch.nn.TransformerEncoder(layer, 2, enable_nested_tensor=False)
                self.head = torch.nn.Linear(d, 3)

            def forward(self, ids):
                h = self.enc(self.tok(ids) + self.pos)
                return self.head(h[:, 0])

        return TokEnc().eval(), (torch.randint(0, vocab, (1, steps)),)

    return build


def _crnn():
    """Text-recognition style CRNN: conv stack -> squeeze height -> bidirectional LSTM -> per-step classes."""

    def build():
        import torch
        from torch import nn

        class CRNN(nn.Module):
            def __init__(self) -> None:
                super().__init__()
                c = [1, 32, 64, 128]
                blocks = []
                for i in range(3):
                    blocks += [nn.Conv2d(c[i], c[i + 1], 3, padding=1), nn.BatchNorm2d(c[i + 1]), nn.ReLU(),
                               nn.MaxPool2d((2, 2) if i < 2 else (2, 1))]
                self.cnn = nn.Sequential(*blocks)
                self.rnn = nn.LSTM(128 * 4, 96, bidirectional=True, batch_first=True)
                self.fc = nn.Linear(192, 40)

            def forward(self, x):
                f = self.cnn(x)  # [1,128,4,W/4]
                b, c, h, w = f.shape
                f = f.permute(0, 3, 1, 2).reshape(b, w, c * h)
                y, _ = self.rnn(f)
                return self.fc(y).log_softmax(-1)

        return CRNN().eval(), (torch.randn(1, 1, 32, 128),)

    return build


def _custom(kind: str):
    """Hand-written models of common deployment shapes (heads, pre/post-processing written into the graph)."""

    def build():
        import torch
        import torch.nn.functional as F
        import torchvision
        from torch import nn

        def cbr(i, o, k=3, s=1):
            return nn.Sequential(nn.Conv2d(i, o, k, s, k // 2, bias=False), nn.BatchNorm2d(o), nn.ReLU())

        if kind == "unet_align_corners":
            class UNet(nn.Module):
                def __init__(self) -> None:
                    super().__init__()
                    self.d1, self.d2, self.d3 = cbr(3, 16), cbr(16, 32, s=2), cbr(32, 64, s=2)
                    self.u2, self.u1 = cbr(96, 32), cbr(48, 16)
                    self.out = nn.Conv2d(16, 4, 1)

                def forward(self, x):
                    a = self.d1(x)
                    b = self.d2(a)
                    c = self.d3(b)
                    up = F.interpolate(c, scale_factor=2, mode="bilinear", align_corners=True)
                    y = self.u2(torch.cat([up, b], 1))
                    y = F.interpolate(y, scale_factor=2, mode="bilinear", align_corners=True)
                    return self.out(self.u1(torch.cat([y, a], 1)))

            return UNet().eval(), (torch.randn(1, 3, 128, 128),)
        if kind == "deeplab_argmax":
            m = torchvision.models.get_model("deeplabv3_mobilenet_v3_large", weights=None, weights_backbone=None,
                                             aux_loss=False).eval()

            class Argmax(nn.Module):
                def __init__(self) -> None:
                    super().__init__()
                    self.m = m

                def forward(self, x):
                    return self.m(x)["out"].argmax(1)

            return Argmax().eval(), (torch.randn(1, 3, 256, 256),)
        if kind == "espcn":
            net = nn.Sequential(nn.Conv2d(1, 64, 5, padding=2), nn.Tanh(), nn.Conv2d(64, 32, 3, padding=1), nn.Tanh(),
                                nn.Conv2d(32, 9, 3, padding=1), nn.PixelShuffle(3))
            return net.eval(), (torch.randn(1, 1, 96, 96),)
        if kind == "centernet":
            r = torchvision.models.resnet18(weights=None)

            class CenterNet(nn.Module):
                def __init__(self) -> None:
                    super().__init__()
                    self.body = nn.Sequential(*list(r.children())[:-2])
                    ups, c = [], 512
                    for o in (128, 64, 64):
                        ups += [nn.ConvTranspose2d(c, o, 4, 2, 1, bias=False), nn.BatchNorm2d(o), nn.ReLU()]
                        c = o
                    self.up = nn.Sequential(*ups)
                    self.hm, self.wh, self.off = nn.Conv2d(64, 20, 1), nn.Conv2d(64, 2, 1), nn.Conv2d(64, 2, 1)

                def forward(self, x):
                    f = self.up(self.body(x))
                    heat = self.hm(f).sigmoid()
                    peak = F.max_pool2d(heat, 3, 1, 1)
                    heat = heat * (peak == heat).float()  # the usual max-pool "NMS"
                    return heat, self.wh(f), self.off(f)

            return CenterNet().eval(), (torch.randn(1, 3, 256, 256),)
        if kind == "yolov5_anchor_head":
            class V5(nn.Module):
                def __init__(self) -> None:
                    super().__init__()
                    self.body = nn.ModuleList([nn.Sequential(cbr(3, 16, s=2), cbr(16, 32, s=2), cbr(32, 64, s=2)),
                                               cbr(64, 128, s=2), cbr(128, 128, s=2)])
                    self.heads = nn.ModuleList([nn.Conv2d(c, 3 * 85, 1) for c in (64, 128, 128)])
                    self.register_buffer("anchors", torch.rand(3, 3, 2) * 100)

                def forward(self, x):
                    feats, outs = [], []
                    for b in self.body:
                        x = b(x)
                        feats.append(x)
                    for i, (f, h) in enumerate(zip(feats, self.heads)):
                        y = h(f)
                        bs, _, ny, nx = y.shape
                        y = y.view(bs, 3, 85, ny, nx).permute(0, 1, 3, 4, 2).sigmoid()
                        gy, gx = torch.meshgrid(torch.arange(ny), torch.arange(nx), indexing="ij")
                        grid = torch.stack((gx, gy), 2).view(1, 1, ny, nx, 2).float()
                        stride = 320 / ny
                        xy = (y[..., :2] * 2 - 0.5 + grid) * stride
                        wh = (y[..., 2:4] * 2) ** 2 * self.anchors[i].view(1, 3, 1, 1, 2)
                        outs.append(torch.cat((xy, wh, y[..., 4:]), -1).view(bs, -1, 85))
                    return torch.cat(outs, 1)

            return V5().eval(), (torch.randn(1, 3, 320, 320),)
        if kind == "stn_gridsample":
            class STN(nn.Module):
                def __init__(self) -> None:
                    super().__init__()
                    self.loc = nn.Sequential(cbr(1, 8, s=2), cbr(8, 16, s=2), nn.AdaptiveAvgPool2d(1), nn.Flatten(),
                                             nn.Linear(16, 6))
                    self.cls = nn.Sequential(cbr(1, 16, s=2), cbr(16, 32, s=2), nn.AdaptiveAvgPool2d(1), nn.Flatten(),
                                             nn.Linear(32, 10))
                    lin = torch.linspace(-1, 1, 64)
                    gy, gx = torch.meshgrid(lin, lin, indexing="ij")
                    self.register_buffer("base", torch.stack((gx, gy, torch.ones_like(gx)), -1).view(1, 64 * 64, 3))

                def forward(self, x):
                    theta = self.loc(x).view(-1, 2, 3)
                    # affine_grid by hand (its exporter needs opset 20): [1, HW, 3] @ theta^T
                    grid = (self.base @ theta.transpose(1, 2)).view(1, 64, 64, 2)
                    return self.cls(F.grid_sample(x, grid, align_corners=False))

            return STN().eval(), (torch.randn(1, 1, 64, 64),)
        if kind == "audio_conv1d_gru":
            class KWS(nn.Module):
                def __init__(self) -> None:
                    super().__init__()
                    self.conv = nn.Sequential(nn.Conv1d(40, 64, 5, padding=2), nn.BatchNorm1d(64), nn.ReLU(),
                                              nn.Conv1d(64, 64, 3, stride=2, padding=1), nn.ReLU())
                    self.gru = nn.GRU(64, 64, batch_first=True)
                    self.fc = nn.Linear(64, 12)

                def forward(self, x):  # [1, 40 mel, 100 frames]
                    y, _ = self.gru(self.conv(x).transpose(1, 2))
                    return self.fc(y[:, -1]).softmax(-1)

            return KWS().eval(), (torch.randn(1, 40, 100),)
        if kind == "pose_simplebaseline":
            r = torchvision.models.resnet18(weights=None)

            class SB(nn.Module):
                def __init__(self) -> None:
                    super().__init__()
                    self.body = nn.Sequential(*list(r.children())[:-2])
                    ups, c = [], 512
                    for _ in range(3):
                        ups += [nn.ConvTranspose2d(c, 128, 4, 2, 1, bias=False), nn.BatchNorm2d(128), nn.ReLU()]
                        c = 128
                    self.up = nn.Sequential(*ups)
                    self.out = nn.Conv2d(128, 17, 1)

                def forward(self, x):
                    return self.out(self.up(self.body(x)))

            return SB().eval(), (torch.randn(1, 3, 256, 192),)
        if kind == "topk_classifier":
            m = torchvision.models.mobilenet_v3_small(weights=None).eval()

            class Top5(nn.Module):
                def __init__(self) -> None:
                    super().__init__()
                    self.m = m

                def forward(self, x):
                    return torch.topk(self.m(x).softmax(-1), 5)

            return Top5().eval(), (torch.randn(1, 3, 128, 128),)
        if kind == "nhwc_resnet18":
            m = torchvision.models.resnet18(weights=None).eval()

            class NHWC(nn.Module):
                def __init__(self) -> None:
                    super().__init__()
                    self.m = m

                def forward(self, x):  # uint8-style NHWC image, normalisation in the graph
                    x = x.permute(0, 3, 1, 2) / 255.0
                    return self.m((x - 0.45) / 0.225)

            return NHWC().eval(), (torch.rand(1, 128, 128, 3) * 255,)
        if kind == "style_transfer":
            def cin(i, o, k, s):
                return nn.Sequential(nn.ReflectionPad2d(k // 2), nn.Conv2d(i, o, k, s),
                                     nn.InstanceNorm2d(o, affine=True), nn.ReLU())

            class Res(nn.Module):
                def __init__(self) -> None:
                    super().__init__()
                    self.b = nn.Sequential(cin(64, 64, 3, 1), cin(64, 64, 3, 1))

                def forward(self, x):
                    return x + self.b(x)

            net = nn.Sequential(cin(3, 16, 9, 1), cin(16, 32, 3, 2), cin(32, 64, 3, 2), Res(), Res(),
                                nn.Upsample(scale_factor=2, mode="nearest"), cin(64, 32, 3, 1),
                                nn.Upsample(scale_factor=2, mode="nearest"), cin(32, 16, 3, 1),
                                nn.ReflectionPad2d(4), nn.Conv2d(16, 3, 9))
            return net.eval(), (torch.randn(1, 3, 128, 128),)
        if kind == "token_encoder_padmask":
            class TokMask(nn.Module):
                def __init__(self) -> None:
                    super().__init__()
                    self.tok = nn.Embedding(1000, 128, padding_idx=0)
                    layer = nn.TransformerEncoderLayer(128, 4, 256, batch_first=True, dropout=0.0)
                    self.enc = nn.TransformerEncoder(layer, 2, enable_nested_tensor=False)
                    self.head = nn.Linear(128, 2)

                def forward(self, ids):
                    pad = ids.eq(0)  # padding mask computed in the graph from the token ids
                    h = self.enc(self.tok(ids), src_key_padding_mask=pad)
                    keep = (~pad).unsqueeze(-1).float()
                    return self.head((h * keep).sum(1) / keep.sum(1).clamp(min=1.0))

            return TokMask().eval(), (torch.randint(1, 1000, (1, 32)),)
        if kind == "focus_space_to_depth":
            class Focus(nn.Module):
                def __init__(self) -> None:
                    super().__init__()
                    self.conv = cbr(12, 32)
                    self.body = nn.Sequential(cbr(32, 64, s=2), cbr(64, 128, s=2), nn.Conv2d(128, 3 * 25, 1))

                def forward(self, x):  # YOLOv5 v1-v5 stem: space-to-depth by strided slicing
                    x = torch.cat([x[..., ::2, ::2], x[..., 1::2, ::2], x[..., ::2, 1::2], x[..., 1::2, 1::2]], 1)
                    return self.body(self.conv(x)).sigmoid()

            return Focus().eval(), (torch.randn(1, 3, 256, 256),)
        if kind == "resnet18_batch4":
            return torchvision.models.resnet18(weights=None).eval(), (torch.randn(4, 3, 96, 96),)
        raise ValueError(kind)

    return build


def _yolo(cfg: str, imgsz: int = 320, opset: int | None = 12, **kw) -> dict:
    return {"cfg": cfg, "imgsz": imgsz, "opset": opset, **kw}


# ---------------------------------------------------------------------------------------------- the set
def specs() -> list[Spec]:
    D_B = {"input": {0: "batch"}}
    D_HW = {"input": {0: "batch", 2: "height", 3: "width"}}
    s: list[Spec] = [
        # torchvision classifiers
        Spec("cls_tv_resnet18_op11", "cls", "resnet18", _tv("resnet18"), opset=11),
        Spec("cls_tv_resnet18_op13", "cls", "resnet18", _tv("resnet18"), opset=13),
        Spec("cls_tv_resnet18_op17", "cls", "resnet18", _tv("resnet18"), opset=17),
        Spec("cls_tv_resnet18_op19", "cls", "resnet18", _tv("resnet18"), opset=19),
        Spec("cls_tv_resnet18_op13_dynbatch", "cls", "resnet18", _tv("resnet18"), dynamic=D_B),
        Spec("cls_tv_resnet18_fp16_op13", "cls", "resnet18", _tv("resnet18"), fp16=True),
        Spec("cls_tv_resnet18_op18_dynamo", "cls", "resnet18", _tv("resnet18"), opset=18, dynamo=True),
        Spec("cls_tv_mobilenet_v2_op13", "cls", "mobilenet_v2", _tv("mobilenet_v2")),
        Spec("cls_tv_mobilenet_v2_op19_dynamo", "cls", "mobilenet_v2", _tv("mobilenet_v2"), opset=19, dynamo=True),
        Spec("cls_tv_mobilenet_v3_small_op13", "cls", "mobilenet_v3_small", _tv("mobilenet_v3_small")),
        Spec("cls_tv_mobilenet_v3_small_op17", "cls", "mobilenet_v3_small", _tv("mobilenet_v3_small"), opset=17),
        Spec("cls_tv_mobilenet_v3_large_op13_dynhw", "cls", "mobilenet_v3_large", _tv("mobilenet_v3_large"),
             dynamic=D_HW),
        Spec("cls_tv_efficientnet_b0_op13", "cls", "efficientnet_b0", _tv("efficientnet_b0")),
        Spec("cls_tv_efficientnet_b0_op21_dynamo", "cls", "efficientnet_b0", _tv("efficientnet_b0"), opset=21,
             dynamo=True),
        Spec("cls_tv_regnet_x_400mf_op13", "cls", "regnet_x_400mf", _tv("regnet_x_400mf")),
        Spec("cls_tv_regnet_y_400mf_op15", "cls", "regnet_y_400mf", _tv("regnet_y_400mf"), opset=15),
        Spec("cls_tv_resnet18_op20_dynamo", "cls", "resnet18", _tv("resnet18"), opset=20, dynamo=True),
        Spec("cls_tv_shufflenet_v2_x0_5_op11", "cls", "shufflenet_v2_x0_5", _tv("shufflenet_v2_x0_5"), opset=11),
        Spec("cls_tv_squeezenet1_0_op11", "cls", "squeezenet1_0", _tv("squeezenet1_0"), opset=11),
        Spec("cls_tv_densenet121_op13", "cls", "densenet121", _tv("densenet121")),
        Spec("cls_tv_googlenet_op13", "cls", "googlenet", _tv("googlenet", aux_logits=False, init_weights=True)),
        Spec("cls_tv_mnasnet0_5_op13_dynbatch", "cls", "mnasnet0_5", _tv("mnasnet0_5"), dynamic=D_B),
        Spec("cls_tv_convnext_tiny_op17", "cls", "convnext_tiny", _tv("convnext_tiny")),
        Spec("cls_tv_vit_b_16_112_op17", "cls", "vit_b_16", _tv("vit_b_16", 112, image_size=112), opset=17),
        Spec("cls_tv_swin_t_op17", "cls", "swin_t", _tv("swin_t", 224), opset=17),
        Spec("cls_tv_maxvit_t_op17", "cls", "maxvit_t", _tv("maxvit_t", 224), opset=17),
        # timm classifiers
        Spec("cls_timm_vit_tiny_112_op17", "cls", "timm/vit_tiny_patch16_224",
             _timm("vit_tiny_patch16_224", 112, img_size=112), opset=17),
        Spec("cls_timm_deit_tiny_112_op14", "cls", "timm/deit_tiny_patch16_224",
             _timm("deit_tiny_patch16_224", 112, img_size=112), opset=14),
        Spec("cls_timm_resnet26d_op13", "cls", "timm/resnet26d", _timm("resnet26d")),
        Spec("cls_timm_efficientnet_b0_op13_dynbatch", "cls", "timm/efficientnet_b0", _timm("efficientnet_b0"),
             dynamic=D_B),
        Spec("cls_timm_tf_efficientnet_lite0_op13", "cls", "timm/tf_efficientnet_lite0", _timm("tf_efficientnet_lite0")),
        Spec("cls_timm_mobilevit_xxs_op17", "cls", "timm/mobilevit_xxs", _timm("mobilevit_xxs"), opset=17),
        Spec("cls_timm_convnext_atto_op17", "cls", "timm/convnext_atto", _timm("convnext_atto"), opset=17),
        Spec("cls_timm_levit_128s_op14", "cls", "timm/levit_128s", _timm("levit_128s", 224), opset=14),
        Spec("cls_timm_ghostnet_100_op13", "cls", "timm/ghostnet_100", _timm("ghostnet_100")),
        Spec("cls_timm_mobilenetv4_conv_small_op18_dynamo", "cls", "timm/mobilenetv4_conv_small",
             _timm("mobilenetv4_conv_small"), opset=18, dynamo=True, external_data=True),
        Spec("cls_timm_repvit_m0_9_op13", "cls", "timm/repvit_m0_9", _timm("repvit_m0_9")),
        Spec("cls_timm_fastvit_t8_op17", "cls", "timm/fastvit_t8", _timm("fastvit_t8"), opset=17),
        Spec("cls_timm_efficientformerv2_s0_op17", "cls", "timm/efficientformerv2_s0",
             _timm("efficientformerv2_s0", 224), opset=17),
        Spec("cls_timm_hgnetv2_b0_op13", "cls", "timm/hgnetv2_b0", _timm("hgnetv2_b0")),
        Spec("cls_timm_edgenext_xx_small_op17", "cls", "timm/edgenext_xx_small", _timm("edgenext_xx_small"), opset=17),
        Spec("cls_timm_efficientvit_b0_op17", "cls", "timm/efficientvit_b0", _timm("efficientvit_b0"), opset=17),
        Spec("cls_timm_mobileone_s0_op13", "cls", "timm/mobileone_s0", _timm("mobileone_s0")),
        Spec("cls_tv_mobilenet_v2_fp16_op17", "cls", "mobilenet_v2", _tv("mobilenet_v2"), opset=17, fp16=True),
        Spec("cls_tv_resnet50_op18_dynamo_extdata", "cls", "resnet50", _tv("resnet50"), opset=18, dynamo=True,
             external_data=True),
        # torchvision detection (NMS inside)
        Spec("det_tv_ssdlite320_mbv3_op11", "det", "ssdlite320_mobilenet_v3_large",
             _tv_det("ssdlite320_mobilenet_v3_large", 320), opset=11, input_names=("images",)),
        Spec("det_tv_retinanet_r50_fpn_256_op11", "det", "retinanet_resnet50_fpn",
             _tv_det("retinanet_resnet50_fpn", 256, min_size=256, max_size=256), opset=11, input_names=("images",)),
        Spec("det_tv_fasterrcnn_mbv3_320_op11", "det", "fasterrcnn_mobilenet_v3_large_320_fpn",
             _tv_det("fasterrcnn_mobilenet_v3_large_320_fpn", 320), opset=11, input_names=("images",)),
        Spec("det_tv_fcos_r50_fpn_256_op13", "det", "fcos_resnet50_fpn",
             _tv_det("fcos_resnet50_fpn", 256, min_size=256, max_size=256), opset=13, input_names=("images",)),
        # ultralytics (default heads, their own exporter)
        Spec("det_yolov8n_320_op12", "det", "yolov8n", None, ultralytics=_yolo("yolov8n.yaml")),
        Spec("det_yolov8n_320_op12_noslim", "det", "yolov8n", None, ultralytics=_yolo("yolov8n.yaml", simplify=False)),
        Spec("det_yolov8n_320_op17_dynamic", "det", "yolov8n", None,
             ultralytics=_yolo("yolov8n.yaml", opset=17, dynamic=True)),
        Spec("det_yolov8n_320_op12_nms", "det", "yolov8n", None, ultralytics=_yolo("yolov8n.yaml", nms=True)),
        Spec("det_yolo11n_320_op12", "det", "yolo11n", None, ultralytics=_yolo("yolo11n.yaml")),
        Spec("det_yolo11n_640_op19", "det", "yolo11n", None, ultralytics=_yolo("yolo11n.yaml", 640, opset=19)),
        Spec("det_yolov5nu_320_op12", "det", "yolov5nu", None, ultralytics=_yolo("yolov5n.yaml")),
        Spec("det_yolov10n_320_op13", "det", "yolov10n", None, ultralytics=_yolo("yolov10n.yaml", opset=13)),
        Spec("det_yolo26n_320_op13", "det", "yolo26n", None, ultralytics=_yolo("yolo26n.yaml", opset=13)),
        Spec("det_yolo12n_320_op17", "det", "yolo12n", None, ultralytics=_yolo("yolo12n.yaml", opset=17)),
        Spec("det_yolov8n_320_op12_dynbatch", "det", "yolov8n", None,
             ultralytics=_yolo("yolov8n.yaml", dynamic=True, batch=1)),
        Spec("det_rtdetr_l_320_op17", "det", "rtdetr-l", None, ultralytics=_yolo("rtdetr-l.yaml", opset=17)),
        Spec("seg_yolov8n_320_op12", "seg", "yolov8n-seg", None, ultralytics=_yolo("yolov8n-seg.yaml")),
        Spec("seg_yolo11n_320_op12", "seg", "yolo11n-seg", None, ultralytics=_yolo("yolo11n-seg.yaml")),
        Spec("pose_yolov8n_320_op12", "pose", "yolov8n-pose", None, ultralytics=_yolo("yolov8n-pose.yaml")),
        Spec("pose_yolo11n_320_op12", "pose", "yolo11n-pose", None, ultralytics=_yolo("yolo11n-pose.yaml")),
        Spec("obb_yolov8n_320_op12", "obb", "yolov8n-obb", None, ultralytics=_yolo("yolov8n-obb.yaml")),
        Spec("obb_yolo11n_320_op12", "obb", "yolo11n-obb", None, ultralytics=_yolo("yolo11n-obb.yaml")),
        Spec("cls_yolov8n_cls_224_op12", "cls", "yolov8n-cls", None, ultralytics=_yolo("yolov8n-cls.yaml", 224)),
        # segmentation
        Spec("seg_tv_deeplabv3_mbv3_256_op13", "seg", "deeplabv3_mobilenet_v3_large",
             _tv_seg("deeplabv3_mobilenet_v3_large", 256, aux_loss=False)),
        Spec("seg_tv_lraspp_mbv3_256_op13", "seg", "lraspp_mobilenet_v3_large", _tv_seg("lraspp_mobilenet_v3_large", 256)),
        Spec("seg_tv_fcn_resnet50_128_op11", "seg", "fcn_resnet50", _tv_seg("fcn_resnet50", 128, aux_loss=False),
             opset=11),
        Spec("seg_tv_deeplabv3_resnet50_128_op17_dynamo", "seg", "deeplabv3_resnet50",
             _tv_seg("deeplabv3_resnet50", 128, aux_loss=False), opset=17, dynamo=True),
        # sequence models
        Spec("seq_lstm1x96_op13", "seq", "LSTM", _rnn("lstm", 1, False)),
        Spec("seq_lstm2x96_bidir_op11", "seq", "LSTM", _rnn("lstm", 2, True), opset=11),
        Spec("seq_gru1x96_bidir_op13", "seq", "GRU", _rnn("gru", 1, True)),
        Spec("seq_gru2x96_op14_dynseq", "seq", "GRU", _rnn("gru", 2, False), opset=14,
             dynamic={"input": {1: "T"}}),
        Spec("seq_lstm1x96_op18_dynamo", "seq", "LSTM", _rnn("lstm", 1, False), opset=18, dynamo=True),
        Spec("seq_crnn_bilstm_op13", "seq", "CRNN", _crnn()),
        Spec("seq_transformer_enc_op17", "seq", "TransformerEncoder", _encoder(), opset=17),
        Spec("seq_transformer_enc_op14", "seq", "TransformerEncoder", _encoder(), opset=14),
        Spec("seq_transformer_enc_prenorm_op18_dynamo", "seq", "TransformerEncoder", _encoder(norm_first=True),
             opset=18, dynamo=True),
        Spec("seq_transformer_enc_op17_dynbatch", "seq", "TransformerEncoder", _encoder(), opset=17,
             dynamic={"input": {0: "batch"}}),
        Spec("seq_token_encoder_op14", "seq", "TransformerEncoder+Embedding", _token_encoder(), opset=14,
             input_names=("input_ids",)),
        # hand-written models of common deployment shapes
        Spec("seg_unet_align_corners_op13", "seg", "UNet (bilinear align_corners)", _custom("unet_align_corners")),
        Spec("seg_tv_deeplabv3_mbv3_argmax_op13", "seg", "deeplabv3_mobilenet_v3_large+argmax",
             _custom("deeplab_argmax")),
        Spec("misc_espcn_pixelshuffle_op13", "misc", "ESPCN (PixelShuffle)", _custom("espcn")),
        Spec("det_centernet_r18_op13", "det", "CenterNet-style (ConvTranspose, max-pool peaks)", _custom("centernet"),
             output_names=("heat", "wh", "offset")),
        Spec("det_yolov5_anchor_head_op13", "det", "YOLOv5-style anchor head with decode", _custom("yolov5_anchor_head")),
        Spec("misc_stn_gridsample_op16", "misc", "spatial transformer (affine_grid, grid_sample)",
             _custom("stn_gridsample"), opset=16),
        Spec("seq_kws_conv1d_gru_op13", "seq", "keyword spotting (Conv1d, GRU, softmax)", _custom("audio_conv1d_gru")),
        Spec("pose_simplebaseline_r18_op11", "pose", "SimpleBaseline (resnet18 + 3 ConvTranspose)",
             _custom("pose_simplebaseline"), opset=11),
        Spec("cls_tv_mobilenet_v3_small_top5_op11", "cls", "mobilenet_v3_small + softmax + TopK(5)",
             _custom("topk_classifier"), opset=11, output_names=("scores", "classes")),
        Spec("cls_tv_resnet18_nhwc_norm_op13", "cls", "resnet18, NHWC input, normalisation in graph",
             _custom("nhwc_resnet18")),
        Spec("misc_style_transfer_instnorm_op13", "misc", "fast style transfer (reflect pad, InstanceNorm)",
             _custom("style_transfer")),
        Spec("seq_token_encoder_padmask_op14", "seq", "TransformerEncoder, padding mask from token ids",
             _custom("token_encoder_padmask"), opset=14, input_names=("input_ids",)),
        Spec("det_focus_space_to_depth_op12", "det", "YOLOv5 Focus stem (strided Slice + Concat)",
             _custom("focus_space_to_depth"), opset=12),
        Spec("cls_tv_resnet18_batch4_op13", "cls", "resnet18, static batch 4", _custom("resnet18_batch4")),
    ]
    return s


# ---------------------------------------------------------------------------------------------- export
def _example_shapes(names, args) -> dict[str, list[int]]:
    """Input name -> the shape of the example tensor it was exported with (the export-time shape; the graph input
    has symbolic dims where the axes are dynamic): what calibration/pin_models.py pins a dynamic input to."""
    import torch

    tensors = [a for a in args if isinstance(a, torch.Tensor)]
    return {n: list(t.shape) for n, t in zip(names, tensors)}


def _export_torch(spec: Spec, path: Path) -> dict[str, list[int]]:
    import torch

    module, args = spec.build()
    if spec.fp16:
        module = module.half()
        args = tuple(a.half() if isinstance(a, torch.Tensor) and a.is_floating_point() else a for a in args)
    kw: dict[str, Any] = {"input_names": list(spec.input_names), "opset_version": spec.opset}
    if spec.output_names:
        kw["output_names"] = list(spec.output_names)
    with torch.no_grad():
        if spec.dynamo:
            dyn = None
            if spec.dynamic:
                axes = spec.dynamic.get(spec.input_names[0], {})
                dyn = ({a: torch.export.Dim(n, min=2 if a else 1, max=4096) for a, n in axes.items()},)
            prog = torch.onnx.export(module, args, dynamo=True, dynamic_shapes=dyn, **kw)
            prog.save(str(path), external_data=spec.external_data)
        else:
            if spec.dynamic:
                kw["dynamic_axes"] = spec.dynamic
            torch.onnx.export(module, args, str(path), dynamo=False, do_constant_folding=True, **kw)
    return _example_shapes(spec.input_names, args)


def _export_ultralytics(spec: Spec, path: Path) -> dict[str, list[int]]:
    from ultralytics import RTDETR, YOLO

    u = dict(spec.ultralytics or {})
    cfg = u.pop("cfg")
    with tempfile.TemporaryDirectory() as tmp:
        cwd = os.getcwd()
        os.chdir(tmp)
        try:
            model = (RTDETR if "rtdetr" in cfg else YOLO)(cfg)
            out = model.export(format="onnx", **u)
        finally:
            os.chdir(cwd)
        src = Path(out) if Path(out).is_absolute() else Path(tmp) / out
        shutil.move(str(src), path)
    imgsz = u.get("imgsz", 640)
    hw = list(imgsz) if isinstance(imgsz, (list, tuple)) else [imgsz, imgsz]
    return {"images": [int(u.get("batch") or 1), 3, *hw]}


def _describe(path: Path) -> dict[str, Any]:
    import onnx

    m = onnx.load(str(path), load_external_data=False)
    init = {i.name for i in m.graph.initializer}

    def dims(v):
        return [d.dim_value if d.HasField("dim_value") else (d.dim_param or "?") for d in v.type.tensor_type.shape.dim]

    return {"opset": next((o.version for o in m.opset_import if o.domain in ("", "ai.onnx")), None),
            "ir_version": m.ir_version,
            "inputs": {v.name: dims(v) for v in m.graph.input if v.name not in init},
            "outputs": {v.name: dims(v) for v in m.graph.output},
            "nodes": len(m.graph.node),
            "op_types": sorted({n.op_type for n in m.graph.node}),
            "bytes": path.stat().st_size + sum(p.stat().st_size for p in path.parent.glob(path.name + ".data"))}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default="/work/calib/models", help="folder for the .onnx files and manifest.json")
    ap.add_argument("--only", action="append", default=[], help="export only names containing this (repeatable)")
    ap.add_argument("--force", action="store_true", help="re-export models that already exist")
    ap.add_argument("--list", action="store_true", help="list the specs and exit")
    a = ap.parse_args(argv)
    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("YOLO_CONFIG_DIR", str(out / ".ultralytics"))
    todo = [s for s in specs() if not a.only or any(o in s.name for o in a.only)]
    if a.list:
        for s in todo:
            print(f"{s.name:50s} {s.family:5s} {s.arch}")
        return 0
    man_path = out / "manifest.json"
    manifest: dict[str, Any] = json.loads(man_path.read_text()) if man_path.exists() else {}
    known = {s.name for s in specs()}
    manifest = {k: v for k, v in manifest.items() if k in known}  # specs renamed or removed since
    import torch

    torch.manual_seed(0)
    torch.set_num_threads(2)
    # the fused multi-head-attention fast path (eval + no_grad) has no ONNX export: use the plain ops
    torch.backends.mha.set_fastpath_enabled(False)
    for s in todo:
        path = out / f"{s.name}.onnx"
        if path.exists() and not a.force and manifest.get(s.name, {}).get("ok"):
            continue
        for p in (path, out / f"{s.name}.onnx.data"):
            p.unlink(missing_ok=True)
        rec: dict[str, Any] = {k: v for k, v in asdict(s).items() if k not in ("build", "name")}
        t0 = time.time()
        log = io.StringIO()
        try:
            with contextlib.redirect_stdout(log):
                example = _export_ultralytics(s, path) if s.ultralytics else _export_torch(s, path)
            rec.update(ok=True, **_describe(path), example_inputs=example)
            print(f"ok    {s.name}  ({time.time() - t0:.1f} s, {rec['nodes']} nodes)", flush=True)
        except Exception as e:  # an architecture the exporter cannot take: record why and go on
            last = str(e).strip().splitlines()[-1] if str(e).strip() else ""
            rec.update(ok=False, error=f"{type(e).__name__}: {last}"[:500], traceback=traceback.format_exc()[-2000:])
            for p in (path, out / f"{s.name}.onnx.data"):
                p.unlink(missing_ok=True)
            print(f"FAIL  {s.name}: {rec['error']}", flush=True)
        rec["export_seconds"] = round(time.time() - t0, 1)
        manifest[s.name] = rec
        man_path.write_text(json.dumps(manifest, indent=1, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
