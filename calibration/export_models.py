"""Export the calibration set: real architectures with random weights, as ONNX, for measuring rknnlint.

Runs in its own environment (torch, torchvision, timm, ultralytics; see calibration/README.md), never in
the linter's: rknnlint itself must not import torch. Nothing is downloaded: every model is built from
its constructor or yaml config with random weights.

    python calibration/export_models.py --out /work/calib/models [--only SUBSTR] [--force] [--list]

Writes OUT/<name>.onnx (dynamo exports with external data also write <name>.onnx.data) and
OUT/manifest.json: per model the family, architecture, exporter, opset, input shape, dynamic axes,
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
    ]
    return s


# ---------------------------------------------------------------------------------------------- export
def _export_torch(spec: Spec, path: Path) -> None:
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


def _export_ultralytics(spec: Spec, path: Path) -> None:
    from ultralytics import YOLO

    u = dict(spec.ultralytics or {})
    cfg = u.pop("cfg")
    with tempfile.TemporaryDirectory() as tmp:
        cwd = os.getcwd()
        os.chdir(tmp)
        try:
            model = YOLO(cfg)
            out = model.export(format="onnx", **u)
        finally:
            os.chdir(cwd)
        src = Path(out) if Path(out).is_absolute() else Path(tmp) / out
        shutil.move(str(src), path)


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
                if s.ultralytics:
                    _export_ultralytics(s, path)
                else:
                    _export_torch(s, path)
            rec.update(ok=True, **_describe(path))
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
