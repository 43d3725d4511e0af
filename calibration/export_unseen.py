"""Export a set of models the team has not calibrated on, to re-measure `rknnlint fix` (issue 14).

None of these architectures / export settings is in export_models.py (the calibration set rknnlint's
rules and rewrites were tuned on): other timm and torchvision architectures, dynamo exports at opset 20-21
with dynamic axes (Gelu, AffineGrid, GroupNormalization at their new opsets), TorchScript Loop / If,
ultralytics heads and nms=True variants not in the calibration set, transformer encoders with dynamic
sequence length. Random weights, nothing downloaded. Same environment and output layout as
export_models.py (it reuses its exporter):

    /work/calib/venv/bin/python calibration/export_unseen.py --out /work/calib/s2-fix/unseen [--only SUBSTR]

Then (the project's venv, rknn-toolkit2 2.5.0):

    python calibration/run_toolkit.py --models /work/calib/s2-fix/unseen --out /work/calib/s2-fix/truth.json
    python bench/bench_fix.py --builds /work/calib/s2-fix/unseen --truth /work/calib/s2-fix/truth.json \
        --input-shapes-from calibration/export_unseen.py
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, Callable

sys.path.insert(0, str(Path(__file__).resolve().parent))
import export_models as em  # noqa: E402
from export_models import Spec, _timm, _tv, _tv_det, _tv_seg, _yolo  # noqa: E402

# dims rknnlint does not guess (not the batch): what the measurement pins them to (bench_fix.py reads this)
INPUT_SHAPES: dict[str, list[str]] = {
    "cls_tv_resnet34_op21_dynamo_dynhw": ["input=1,3,128,128"],
    "seg_tv_deeplabv3_mbv3_op18_dynamo_dynhw": ["input=1,3,128,128"],
    "seq_encoder_gelu_op20_dynamo_dynseq": ["input=1,48,128"],
    "seq_bert_tiny_op21_dynamo_dynseq": ["input_ids=1,48"],
    "seq_audio_encoder_op20_dynamo_dynt": ["input=1,80,200"],
    "misc_if_on_height_dynhw_op17": ["input=1,3,96,96"],
    "misc_cond_on_height_op20_dynamo_dynhw": ["input=1,3,96,96"],
    "seq_mha_padmask_op17_dynseq": ["input=1,40,64", "mask=1,40"],
}


def _custom(kind: str) -> Callable[[], tuple[Any, tuple]]:
    def build():
        import torch
        import torch.nn.functional as F
        from torch import nn

        def cbr(i, o, k=3, s=1):
            return nn.Sequential(nn.Conv2d(i, o, k, s, k // 2, bias=False), nn.BatchNorm2d(o), nn.ReLU())

        if kind == "loop_refine":  # TorchScript Loop with a constant trip count (iterative refinement)
            class Refine(nn.Module):
                def __init__(self) -> None:
                    super().__init__()
                    self.stem = cbr(3, 16, s=2)
                    self.step = cbr(16, 16)
                    self.head = nn.Conv2d(16, 4, 1)

                def forward(self, x):
                    h = self.stem(x)
                    for _ in range(3):
                        h = h + self.step(h)
                    return self.head(h)

            return torch.jit.script(Refine().eval()), (torch.randn(1, 3, 64, 64),)
        if kind == "if_on_height":  # TorchScript If on an input dim (constant once the shape is pinned)
            class Branch(nn.Module):
                def __init__(self) -> None:
                    super().__init__()
                    self.a = cbr(3, 16)
                    self.b = cbr(16, 16)

                def forward(self, x):
                    h = self.a(x)
                    if x.shape[2] > 64:
                        h = F.max_pool2d(h, 2)
                    else:
                        h = h * 2.0
                    return self.b(h)

            return torch.jit.script(Branch().eval()), (torch.randn(1, 3, 96, 96),)
        if kind == "cond_on_height":  # dynamo torch.cond on a symbolic dim
            class Cond(nn.Module):
                def __init__(self) -> None:
                    super().__init__()
                    self.a = cbr(3, 16)
                    self.b = cbr(16, 16)

                def forward(self, x):
                    h = self.a(x)
                    h = torch.cond(x.shape[2] > 64, lambda t: F.avg_pool2d(t, 2) * 1.0, lambda t: t * 2.0, (h,))
                    return self.b(h)

            return Cond().eval(), (torch.randn(1, 3, 96, 96),)
        if kind == "stn_affinegrid":  # F.affine_grid: AffineGrid at opset 20
            class STN(nn.Module):
                def __init__(self) -> None:
                    super().__init__()
                    self.loc = nn.Sequential(cbr(1, 8, s=2), cbr(8, 16, s=2), nn.AdaptiveAvgPool2d(1), nn.Flatten(),
                                             nn.Linear(16, 6))
                    self.cls = nn.Sequential(cbr(1, 16, s=2), cbr(16, 32, s=2), nn.AdaptiveAvgPool2d(1), nn.Flatten(),
                                             nn.Linear(32, 10))

                def forward(self, x):
                    theta = self.loc(x).view(-1, 2, 3)
                    grid = F.affine_grid(theta, [1, 1, 48, 48], align_corners=False)
                    return self.cls(F.grid_sample(x, grid, align_corners=False))

            return STN().eval(), (torch.randn(1, 1, 64, 64),)
        if kind == "groupnorm_unet":  # diffusion-style GroupNorm + SiLU blocks
            def gblock(i, o):
                return nn.Sequential(nn.Conv2d(i, o, 3, padding=1), nn.GroupNorm(8, o), nn.SiLU())

            class GUNet(nn.Module):
                def __init__(self) -> None:
                    super().__init__()
                    self.d1, self.d2 = gblock(3, 32), gblock(32, 64)
                    self.u1 = gblock(96, 32)
                    self.out = nn.Conv2d(32, 3, 1)

                def forward(self, x):
                    a = self.d1(x)
                    b = self.d2(F.max_pool2d(a, 2))
                    u = F.interpolate(b, scale_factor=2.0, mode="nearest")
                    return self.out(self.u1(torch.cat([a, u], 1)))

            return GUNet().eval(), (torch.randn(1, 3, 64, 64),)
        if kind == "encoder_gelu":  # nn.TransformerEncoder, GELU, dynamic sequence
            layer = nn.TransformerEncoderLayer(128, 4, 256, dropout=0.0, activation="gelu", batch_first=True)
            return nn.TransformerEncoder(layer, 2, enable_nested_tensor=False).eval(), (torch.randn(1, 48, 128),)
        if kind == "bert_tiny":  # token + position embeddings (arange on the dynamic length), pre-norm encoder
            class Bert(nn.Module):
                def __init__(self) -> None:
                    super().__init__()
                    self.tok = nn.Embedding(2000, 128)
                    self.pos = nn.Embedding(512, 128)
                    layer = nn.TransformerEncoderLayer(128, 4, 256, dropout=0.0, activation="gelu", batch_first=True,
                                                       norm_first=True)
                    self.enc = nn.TransformerEncoder(layer, 2, enable_nested_tensor=False)
                    self.cls = nn.Linear(128, 2)

                def forward(self, ids):
                    pos = torch.arange(ids.shape[1]).unsqueeze(0)
                    return self.cls(self.enc(self.tok(ids) + self.pos(pos))[:, 0])

            return Bert().eval(), (torch.randint(0, 2000, (1, 48)),)
        if kind == "audio_encoder":  # whisper-style: conv1d stride 2, sinusoid positions from the length
            class Audio(nn.Module):
                def __init__(self) -> None:
                    super().__init__()
                    self.c1 = nn.Conv1d(80, 128, 3, padding=1)
                    self.c2 = nn.Conv1d(128, 128, 3, stride=2, padding=1)
                    layer = nn.TransformerEncoderLayer(128, 4, 256, dropout=0.0, activation="gelu", batch_first=True,
                                                       norm_first=True)
                    self.enc = nn.TransformerEncoder(layer, 2, enable_nested_tensor=False)

                def forward(self, x):
                    h = F.gelu(self.c2(F.gelu(self.c1(x)))).transpose(1, 2)
                    t = torch.arange(h.shape[1], dtype=torch.float32).unsqueeze(1)
                    f = torch.exp(torch.arange(64, dtype=torch.float32) * (-9.21 / 63)).unsqueeze(0)
                    pe = torch.cat([torch.sin(t * f), torch.cos(t * f)], 1)
                    return self.enc(h + pe)

            return Audio().eval(), (torch.randn(1, 80, 200),)
        if kind == "mha_padmask":  # MultiheadAttention with a key padding mask input
            class MHA(nn.Module):
                def __init__(self) -> None:
                    super().__init__()
                    self.att = nn.MultiheadAttention(64, 4, batch_first=True)
                    self.ln = nn.LayerNorm(64)

                def forward(self, x, mask):
                    a, _ = self.att(x, x, x, key_padding_mask=mask < 0.5)
                    return self.ln(x + a)

            return MHA().eval(), (torch.randn(1, 40, 64), torch.ones(1, 40))
        raise ValueError(kind)

    return build


def specs() -> list[Spec]:
    D_B = {"input": {0: "batch"}}
    D_HW = {"input": {0: "batch", 2: "height", 3: "width"}}
    return [
        # timm classifiers not in the calibration set
        Spec("cls_timm_regnetx_002_op13", "cls", "timm/regnetx_002", _timm("regnetx_002")),
        Spec("cls_timm_lcnet_050_op13_dynbatch", "cls", "timm/lcnet_050", _timm("lcnet_050"), dynamic=D_B),
        Spec("cls_timm_mixnet_s_op13", "cls", "timm/mixnet_s", _timm("mixnet_s")),
        Spec("cls_timm_rexnet_100_op13", "cls", "timm/rexnet_100", _timm("rexnet_100")),
        Spec("cls_timm_tinynet_a_op17", "cls", "timm/tinynet_a", _timm("tinynet_a"), opset=17),
        Spec("cls_timm_pit_ti_224_op17", "cls", "timm/pit_ti_224", _timm("pit_ti_224", 224), opset=17),
        Spec("cls_timm_tiny_vit_5m_224_op17", "cls", "timm/tiny_vit_5m_224", _timm("tiny_vit_5m_224", 224), opset=17),
        Spec("cls_timm_efficientvit_m0_op17", "cls", "timm/efficientvit_m0", _timm("efficientvit_m0", 224), opset=17),
        Spec("cls_timm_mobilevitv2_050_op17", "cls", "timm/mobilevitv2_050", _timm("mobilevitv2_050"), opset=17),
        Spec("cls_timm_convnextv2_atto_op18", "cls", "timm/convnextv2_atto", _timm("convnextv2_atto"), opset=18),
        Spec("cls_timm_poolformerv2_s12_op17", "cls", "timm/poolformerv2_s12", _timm("poolformerv2_s12"), opset=17),
        Spec("cls_timm_fasternet_t0_op13", "cls", "timm/fasternet_t0", _timm("fasternet_t0")),
        Spec("cls_timm_starnet_s1_op13", "cls", "timm/starnet_s1", _timm("starnet_s1")),
        Spec("cls_timm_pvt_v2_b0_op17", "cls", "timm/pvt_v2_b0", _timm("pvt_v2_b0"), opset=17),
        Spec("cls_timm_coat_lite_tiny_op17", "cls", "timm/coat_lite_tiny", _timm("coat_lite_tiny", 224), opset=17),
        Spec("cls_timm_xcit_nano_12_p16_op17", "cls", "timm/xcit_nano_12_p16_224",
             _timm("xcit_nano_12_p16_224", 224), opset=17),
        Spec("cls_timm_vit_small_112_op20_dynamo", "cls", "timm/vit_small_patch16_224",
             _timm("vit_small_patch16_224", 112, img_size=112), opset=20, dynamo=True),
        Spec("cls_timm_deit_tiny_112_op21_dynamo_dynbatch", "cls", "timm/deit_tiny_patch16_224",
             _timm("deit_tiny_patch16_224", 112, img_size=112), opset=21, dynamo=True, dynamic=D_B),
        Spec("cls_timm_mambaout_femto_op17", "cls", "timm/mambaout_femto", _timm("mambaout_femto"), opset=17),
        # torchvision, other architectures / exporters
        Spec("cls_tv_resnet34_op21_dynamo_dynhw", "cls", "resnet34", _tv("resnet34"), opset=21, dynamo=True,
             dynamic=D_HW),
        Spec("cls_tv_mobilenet_v3_large_op20_dynamo", "cls", "mobilenet_v3_large", _tv("mobilenet_v3_large"),
             opset=20, dynamo=True),
        Spec("cls_tv_shufflenet_v2_x1_0_op18_dynamo_dynbatch", "cls", "shufflenet_v2_x1_0",
             _tv("shufflenet_v2_x1_0"), opset=18, dynamo=True, dynamic=D_B),
        Spec("cls_tv_squeezenet1_1_op20_dynamo", "cls", "squeezenet1_1", _tv("squeezenet1_1"), opset=20, dynamo=True),
        Spec("cls_tv_regnet_y_800mf_op17", "cls", "regnet_y_800mf", _tv("regnet_y_800mf"), opset=17),
        Spec("cls_tv_mnasnet1_0_fp16_op13", "cls", "mnasnet1_0", _tv("mnasnet1_0"), fp16=True),
        Spec("cls_tv_efficientnet_b1_op20_dynamo", "cls", "efficientnet_b1", _tv("efficientnet_b1"), opset=20,
             dynamo=True),
        Spec("cls_tv_swin_v2_t_op17", "cls", "swin_v2_t", _tv("swin_v2_t", 128), opset=17),
        Spec("seg_tv_lraspp_mbv3_op20_dynamo", "seg", "lraspp_mobilenet_v3_large",
             _tv_seg("lraspp_mobilenet_v3_large", 128), opset=20, dynamo=True),
        Spec("seg_tv_deeplabv3_mbv3_op18_dynamo_dynhw", "seg", "deeplabv3_mobilenet_v3_large",
             _tv_seg("deeplabv3_mobilenet_v3_large", 128, aux_loss=False), opset=18, dynamo=True, dynamic=D_HW),
        Spec("det_tv_ssd300_vgg16_op13", "det", "ssd300_vgg16", _tv_det("ssd300_vgg16", 300), opset=13,
             input_names=("images",)),
        # ultralytics heads and options not in the calibration set
        Spec("det_yolov8n_p2_320_op12", "det", "yolov8n-p2", None, ultralytics=_yolo("yolov8n-p2.yaml")),
        Spec("det_yolov8n_ghost_320_op12", "det", "yolov8n-ghost", None, ultralytics=_yolo("yolov8n-ghost.yaml")),
        Spec("det_yolov9t_320_op12", "det", "yolov9t", None, ultralytics=_yolo("yolov9t.yaml")),
        Spec("det_yolov6n_320_op12", "det", "yolov6n", None, ultralytics=_yolo("yolov6n.yaml")),
        Spec("det_yolov3_tinyu_320_op12", "det", "yolov3-tinyu", None, ultralytics=_yolo("yolov3-tinyu.yaml")),
        Spec("det_yolo11n_320_op17_nms", "det", "yolo11n", None, ultralytics=_yolo("yolo11n.yaml", opset=17, nms=True)),
        Spec("pose_yolo11n_320_op17_nms", "pose", "yolo11n-pose", None,
             ultralytics=_yolo("yolo11n-pose.yaml", opset=17, nms=True)),
        Spec("seg_yolo26n_320_op17", "seg", "yolo26n-seg", None, ultralytics=_yolo("yolo26n-seg.yaml", opset=17)),
        Spec("cls_yolo11n_cls_224_op17", "cls", "yolo11n-cls", None, ultralytics=_yolo("yolo11n-cls.yaml", 224, opset=17)),
        # control flow, new-opset ops, sequence models
        Spec("misc_loop_refine_op13", "misc", "TorchScript for-loop (Loop, 3 trips)", _custom("loop_refine")),
        Spec("misc_if_on_height_dynhw_op17", "misc", "TorchScript if on H (If)", _custom("if_on_height"), opset=17,
             dynamic=D_HW),
        Spec("misc_cond_on_height_op20_dynamo_dynhw", "misc", "torch.cond on H (If)", _custom("cond_on_height"),
             opset=20, dynamo=True, dynamic=D_HW),
        Spec("misc_stn_affinegrid_op20_dynamo", "misc", "spatial transformer, F.affine_grid (AffineGrid-20)",
             _custom("stn_affinegrid"), opset=20, dynamo=True),
        Spec("misc_stn_affinegrid_op20", "misc", "spatial transformer, F.affine_grid, TorchScript (AffineGrid-20)",
             _custom("stn_affinegrid"), opset=20),
        Spec("misc_groupnorm_unet_op21_dynamo", "misc", "GroupNorm + SiLU UNet (GroupNormalization-21)",
             _custom("groupnorm_unet"), opset=21, dynamo=True),
        Spec("seq_encoder_gelu_op20_dynamo_dynseq", "seq", "TransformerEncoder GELU", _custom("encoder_gelu"),
             opset=20, dynamo=True, dynamic={"input": {1: "T"}}),
        Spec("seq_bert_tiny_op21_dynamo_dynseq", "seq", "BERT-style token encoder", _custom("bert_tiny"), opset=21,
             dynamo=True, dynamic={"input_ids": {1: "T"}}, input_names=("input_ids",)),
        Spec("seq_audio_encoder_op20_dynamo_dynt", "seq", "whisper-style audio encoder", _custom("audio_encoder"),
             opset=20, dynamo=True, dynamic={"input": {2: "T"}}),
        Spec("seq_mha_padmask_op17_dynseq", "seq", "MultiheadAttention + key padding mask", _custom("mha_padmask"),
             opset=17, dynamic={"input": {1: "T"}, "mask": {1: "T"}}, input_names=("input", "mask")),
    ]


if __name__ == "__main__":
    em.specs = specs  # export_models.main exports whatever specs() returns, with its manifest and log lines
    sys.exit(em.main(sys.argv[1:] + ([] if any(a.startswith("--out") for a in sys.argv[1:])
                                     else ["--out", "/work/calib/s2-fix/unseen"])))
