"""Export a second set of models nobody calibrated on, to measure placement on every family (issue 12).

None of these architectures is in export_models.py (the calibration corpus the motif tables were mined from)
or export_unseen.py (the first unseen set, which taught rk3566 float16): other timm CNNs (multi-branch,
split attention, selective kernels, weight standardisation, lambda / bottleneck attention), MLP mixers
and vision transformers at small input sizes, torchvision video / optical flow / inception, ultralytics heads
of other generations, and small hand-built models for patterns none of those has (OCR text-detection head,
super-resolution RRDB, conformer block, GAN generator, speech separation). Random weights, nothing
downloaded (timm gc_efficientnetv2_rw_t was dropped: its rk3588 build ran past 10 minutes). Same exporter, manifest and log lines as export_models.py:

    /work/calib/venv/bin/python calibration/export_unseen2.py --out /work/calib/s6-unseen2/models [--only SUBSTR]

Then the truths (the project's venv, rknn-toolkit2 2.5.0), one target at a time:

    python calibration/run_toolkit.py --models /work/calib/s6-unseen2/models --target rk3576 --dtype float16 \
        --out /work/calib/s6-unseen2/rk3576-float16/truth.json --jobs 1
    python calibration/score.py --truth /work/calib/s6-unseen2/rk3576-float16/truth.json \
        --out calibration/results/unseen/rk3576-float16-2.5.0.json
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, Callable

sys.path.insert(0, str(Path(__file__).resolve().parent))
import export_models as em  # noqa: E402
from export_models import Spec, _timm, _tv, _yolo  # noqa: E402


def _timm_sz(name: str, size: int, **kw) -> Callable[[], tuple[Any, tuple]]:
    """A timm model built for a smaller input than its default (img_size passed to the constructor)."""
    return _timm(name, size, img_size=size, **kw)


def _video(name: str) -> Callable[[], tuple[Any, tuple]]:
    def build():
        import torch
        import torchvision

        m = torchvision.models.get_model(name, weights=None).eval()
        return m, (torch.randn(1, 3, 4, 64, 64),)

    return build


def _custom(kind: str) -> Callable[[], tuple[Any, tuple]]:
    def build():
        import torch
        import torch.nn.functional as F
        from torch import nn

        def cbr(i, o, k=3, s=1):
            return nn.Sequential(nn.Conv2d(i, o, k, s, k // 2, bias=False), nn.BatchNorm2d(o), nn.ReLU())

        if kind == "raft_small":  # optical flow: correlation volume, grid_sample lookups, GRU updates (3 iterations)
            import torchvision

            class Flow(nn.Module):
                def __init__(self) -> None:
                    super().__init__()
                    self.m = torchvision.models.optical_flow.raft_small(weights=None)

                def forward(self, a, b):
                    return self.m(a, b, num_flow_updates=3)[-1]

            return Flow().eval(), (torch.randn(1, 3, 128, 128), torch.randn(1, 3, 128, 128))
        if kind == "dbnet_head":  # OCR text detection (DBNet-style): FPN, ConvTranspose head, sigmoid maps
            class DB(nn.Module):
                def __init__(self) -> None:
                    super().__init__()
                    self.s1, self.s2, self.s3 = cbr(3, 16, s=2), cbr(16, 32, s=2), cbr(32, 64, s=2)
                    self.l2, self.l3 = nn.Conv2d(32, 32, 1), nn.Conv2d(64, 32, 1)
                    self.head = nn.Sequential(cbr(64, 16), nn.ConvTranspose2d(16, 16, 2, 2), nn.BatchNorm2d(16),
                                              nn.ReLU(), nn.ConvTranspose2d(16, 2, 2, 2), nn.Sigmoid())

                def forward(self, x):
                    a = self.s2(self.s1(x))
                    b = self.s3(a)
                    p3 = self.l3(b)
                    p2 = self.l2(a) + F.interpolate(p3, scale_factor=2.0, mode="nearest")
                    f = torch.cat([p2, F.interpolate(p3, scale_factor=2.0, mode="nearest")], 1)
                    return self.head(f)

            return DB().eval(), (torch.randn(1, 3, 96, 160),)
        if kind == "rrdb_sr":  # ESRGAN-style super resolution: dense blocks, LeakyReLU, residual scaling, nearest x2
            class Dense(nn.Module):
                def __init__(self, c=32, g=16) -> None:
                    super().__init__()
                    self.c = nn.ModuleList([nn.Conv2d(c + i * g, g if i < 3 else c, 3, 1, 1) for i in range(4)])

                def forward(self, x):
                    feats = [x]
                    for i, conv in enumerate(self.c):
                        y = conv(torch.cat(feats, 1))
                        if i < 3:
                            feats.append(F.leaky_relu(y, 0.2))
                    return x + 0.2 * y

            class SR(nn.Module):
                def __init__(self) -> None:
                    super().__init__()
                    self.inp = nn.Conv2d(3, 32, 3, 1, 1)
                    self.body = nn.Sequential(Dense(), Dense())
                    self.up = nn.Conv2d(32, 32, 3, 1, 1)
                    self.out = nn.Conv2d(32, 3, 3, 1, 1)

                def forward(self, x):
                    f = self.inp(x)
                    f = f + self.body(f)
                    f = F.leaky_relu(self.up(F.interpolate(f, scale_factor=2.0, mode="nearest")), 0.2)
                    return self.out(f)

            return SR().eval(), (torch.randn(1, 3, 64, 64),)
        if kind == "conformer":  # speech: macaron feed-forward, MHSA, GLU + depthwise Conv1d module
            class Block(nn.Module):
                def __init__(self, d=96) -> None:
                    super().__init__()
                    self.ff1 = nn.Sequential(nn.LayerNorm(d), nn.Linear(d, 2 * d), nn.SiLU(), nn.Linear(2 * d, d))
                    self.ln_a = nn.LayerNorm(d)
                    self.att = nn.MultiheadAttention(d, 4, batch_first=True)
                    self.ln_c = nn.LayerNorm(d)
                    self.pw1 = nn.Conv1d(d, 2 * d, 1)
                    self.dw = nn.Conv1d(d, d, 15, padding=7, groups=d)
                    self.bn = nn.BatchNorm1d(d)
                    self.pw2 = nn.Conv1d(d, d, 1)
                    self.ff2 = nn.Sequential(nn.LayerNorm(d), nn.Linear(d, 2 * d), nn.SiLU(), nn.Linear(2 * d, d))
                    self.ln = nn.LayerNorm(d)

                def forward(self, x):
                    x = x + 0.5 * self.ff1(x)
                    h = self.ln_a(x)
                    x = x + self.att(h, h, h, need_weights=False)[0]
                    c = self.ln_c(x).transpose(1, 2)
                    c = self.pw2(F.silu(self.bn(self.dw(F.glu(self.pw1(c), dim=1)))))
                    x = x + c.transpose(1, 2)
                    return self.ln(x + 0.5 * self.ff2(x))

            class Conformer(nn.Module):
                def __init__(self) -> None:
                    super().__init__()
                    self.sub = nn.Sequential(nn.Conv2d(1, 32, 3, 2, 1), nn.ReLU(), nn.Conv2d(32, 32, 3, 2, 1), nn.ReLU())
                    self.proj = nn.Linear(32 * 20, 96)
                    self.blocks = nn.Sequential(Block(), Block())

                def forward(self, x):  # x: [1, 1, T, 80]
                    h = self.sub(x)
                    b, c, t, f = h.shape
                    return self.blocks(self.proj(h.permute(0, 2, 1, 3).reshape(b, t, c * f)))

            return Conformer().eval(), (torch.randn(1, 1, 128, 80),)
        if kind == "dcgan_generator":  # GAN generator: latent vector, ConvTranspose stack, Tanh
            g = nn.Sequential(
                nn.ConvTranspose2d(64, 128, 4, 1, 0, bias=False), nn.BatchNorm2d(128), nn.ReLU(),
                nn.ConvTranspose2d(128, 64, 4, 2, 1, bias=False), nn.BatchNorm2d(64), nn.ReLU(),
                nn.ConvTranspose2d(64, 32, 4, 2, 1, bias=False), nn.BatchNorm2d(32), nn.ReLU(),
                nn.ConvTranspose2d(32, 3, 4, 2, 1, bias=False), nn.Tanh())
            return g.eval(), (torch.randn(1, 64, 1, 1),)
        if kind == "convtasnet":  # speech separation: 1-D encoder, PReLU, global layer norm, dilated depthwise TCN
            class TCN(nn.Module):
                def __init__(self, c=64, h=128, d=1) -> None:
                    super().__init__()
                    self.a = nn.Conv1d(c, h, 1)
                    self.p1, self.n1 = nn.PReLU(), nn.GroupNorm(1, h)
                    self.dw = nn.Conv1d(h, h, 3, padding=d, dilation=d, groups=h)
                    self.p2, self.n2 = nn.PReLU(), nn.GroupNorm(1, h)
                    self.b = nn.Conv1d(h, c, 1)

                def forward(self, x):
                    return x + self.b(self.n2(self.p2(self.dw(self.n1(self.p1(self.a(x)))))))

            class Sep(nn.Module):
                def __init__(self) -> None:
                    super().__init__()
                    self.enc = nn.Conv1d(1, 64, 16, 8, bias=False)
                    self.tcn = nn.Sequential(*[TCN(d=2 ** i) for i in range(4)])
                    self.mask = nn.Conv1d(64, 128, 1)
                    self.dec = nn.ConvTranspose1d(64, 1, 16, 8, bias=False)

                def forward(self, x):
                    e = F.relu(self.enc(x))
                    m = torch.sigmoid(self.mask(self.tcn(e))).view(1, 2, 64, -1)
                    s = (m * e.unsqueeze(1)).view(2, 64, -1)
                    return self.dec(s)

            return Sep().eval(), (torch.randn(1, 1, 4000),)
        raise ValueError(kind)

    return build


def specs() -> list[Spec]:
    return [
        # timm CNNs: multi-branch, split / selective attention, weight standardisation, attention blocks in CNNs
        Spec("cls_timm_hrnet_w18_small_op13", "cls", "timm/hrnet_w18_small", _timm("hrnet_w18_small")),
        Spec("cls_timm_dla46_c_op13", "cls", "timm/dla46_c", _timm("dla46_c")),
        Spec("cls_timm_fbnetv3_b_op13", "cls", "timm/fbnetv3_b", _timm("fbnetv3_b")),
        Spec("cls_timm_repvgg_a0_op13", "cls", "timm/repvgg_a0", _timm("repvgg_a0")),
        Spec("cls_timm_skresnet18_op13", "cls", "timm/skresnet18", _timm("skresnet18")),
        Spec("cls_timm_cs3darknet_s_op13", "cls", "timm/cs3darknet_s", _timm("cs3darknet_s")),
        Spec("cls_timm_ese_vovnet19b_dw_op13", "cls", "timm/ese_vovnet19b_dw", _timm("ese_vovnet19b_dw")),
        Spec("cls_timm_semnasnet_075_op13", "cls", "timm/semnasnet_075", _timm("semnasnet_075")),
        Spec("cls_timm_hardcorenas_a_op13", "cls", "timm/hardcorenas_a", _timm("hardcorenas_a")),
        Spec("cls_timm_dpn68b_op13", "cls", "timm/dpn68b", _timm("dpn68b")),
        Spec("cls_timm_resnest14d_op13", "cls", "timm/resnest14d", _timm("resnest14d")),
        Spec("cls_timm_regnetz_005_op13", "cls", "timm/regnetz_005", _timm("regnetz_005")),
        Spec("cls_timm_gernet_s_op13", "cls", "timm/gernet_s", _timm("gernet_s")),
        Spec("cls_timm_repghostnet_050_op13", "cls", "timm/repghostnet_050", _timm("repghostnet_050")),
        Spec("cls_timm_nf_resnet26_op13", "cls", "timm/nf_resnet26", _timm("nf_resnet26")),
        Spec("cls_timm_bat_resnext26ts_256_op17", "cls", "timm/bat_resnext26ts", _timm("bat_resnext26ts", 256),
             opset=17),
        Spec("cls_timm_lambda_resnet26t_128_op17", "cls", "timm/lambda_resnet26t", _timm_sz("lambda_resnet26t", 128),
             opset=17),
        Spec("cls_timm_botnet26t_128_op17", "cls", "timm/botnet26t_256", _timm_sz("botnet26t_256", 128), opset=17),
        Spec("cls_timm_mobilenetv4_hybrid_medium_op17", "cls", "timm/mobilenetv4_hybrid_medium",
             _timm("mobilenetv4_hybrid_medium"), opset=17),
        # MLP mixers and vision transformers at small inputs
        Spec("cls_timm_mixer_s16_112_op17", "cls", "timm/mixer_s16_224", _timm_sz("mixer_s16_224", 112), opset=17),
        Spec("cls_timm_resmlp_12_112_op17", "cls", "timm/resmlp_12_224", _timm_sz("resmlp_12_224", 112), opset=17),
        Spec("cls_timm_gmlp_s16_112_op17", "cls", "timm/gmlp_s16_224", _timm_sz("gmlp_s16_224", 112), opset=17),
        Spec("cls_timm_cait_xxs24_112_op17", "cls", "timm/cait_xxs24_224", _timm_sz("cait_xxs24_224", 112), opset=17),
        Spec("cls_timm_convit_tiny_112_op17", "cls", "timm/convit_tiny", _timm_sz("convit_tiny", 112), opset=17),
        Spec("cls_timm_crossvit_tiny_240_op17", "cls", "timm/crossvit_tiny_240", _timm("crossvit_tiny_240", 240),
             opset=17),
        Spec("cls_timm_visformer_tiny_op17", "cls", "timm/visformer_tiny", _timm("visformer_tiny", 224), opset=17),
        Spec("cls_timm_efficientformer_l1_op17", "cls", "timm/efficientformer_l1", _timm("efficientformer_l1", 224),
             opset=17),
        Spec("cls_timm_shvit_s1_op17", "cls", "timm/shvit_s1", _timm("shvit_s1", 224), opset=17),
        Spec("cls_timm_gcvit_xxtiny_op17", "cls", "timm/gcvit_xxtiny", _timm("gcvit_xxtiny", 224), opset=17),
        Spec("cls_timm_coatnet_nano_rw_128_op17", "cls", "timm/coatnet_nano_rw_224",
             _timm_sz("coatnet_nano_rw_224", 128), opset=17),
        Spec("cls_timm_nest_tiny_112_op17", "cls", "timm/nest_tiny", _timm_sz("nest_tiny", 112), opset=17),
        # torchvision: inception, fused MBConv, video (Conv3d), optical flow
        Spec("cls_tv_inception_v3_op13", "cls", "inception_v3",
             _tv("inception_v3", 160, aux_logits=False, init_weights=False)),
        Spec("cls_tv_efficientnet_v2_s_op17", "cls", "efficientnet_v2_s", _tv("efficientnet_v2_s"), opset=17),
        Spec("video_tv_r2plus1d_18_op13", "video", "r2plus1d_18", _video("r2plus1d_18")),
        Spec("flow_tv_raft_small_op16", "flow", "raft_small (3 flow updates)", _custom("raft_small"), opset=16,
             input_names=("image1", "image2")),
        # ultralytics heads and generations not in the other sets
        Spec("pose_yolo26n_320_op17", "pose", "yolo26n-pose", None, ultralytics=_yolo("yolo26n-pose.yaml", opset=17)),
        Spec("obb_yolo26n_320_op17", "obb", "yolo26n-obb", None, ultralytics=_yolo("yolo26n-obb.yaml", opset=17)),
        Spec("cls_yolo26n_cls_224_op17", "cls", "yolo26n-cls", None,
             ultralytics=_yolo("yolo26n-cls.yaml", 224, opset=17)),
        Spec("seg_yolo12n_320_op17", "seg", "yolo12n-seg", None, ultralytics=_yolo("yolo12n-seg.yaml", opset=17)),
        Spec("det_yolov8n_p6_320_op12", "det", "yolov8n-p6", None, ultralytics=_yolo("yolov8n-p6.yaml")),
        Spec("det_yolov8n_rtdetr_320_op17", "det", "yolov8n-rtdetr", None,
             ultralytics=_yolo("yolov8n-rtdetr.yaml", opset=17)),
        # hand-built: patterns of other domains
        Spec("ocr_dbnet_head_op13", "ocr", "DBNet-style text detection (FPN, ConvTranspose, sigmoid)",
             _custom("dbnet_head")),
        Spec("sr_rrdb_x2_op13", "sr", "ESRGAN-style RRDB x2 (LeakyReLU, dense concat, nearest)", _custom("rrdb_sr")),
        Spec("seq_conformer_op17", "seq", "conformer (MHSA, GLU, depthwise Conv1d)", _custom("conformer"), opset=17),
        Spec("gen_dcgan_op13", "gen", "DCGAN generator (ConvTranspose, Tanh)", _custom("dcgan_generator"),
             input_names=("z",)),
        Spec("seq_convtasnet_op13", "seq", "Conv-TasNet-style separation (PReLU, global norm, ConvTranspose1d)",
             _custom("convtasnet")),
    ]


if __name__ == "__main__":
    em.specs = specs  # export_models.main exports whatever specs() returns, with its manifest and log lines
    sys.exit(em.main(sys.argv[1:] + ([] if any(a.startswith("--out") for a in sys.argv[1:])
                                     else ["--out", "/work/calib/s6-unseen2/models"])))
