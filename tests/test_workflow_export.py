"""Phases 1 and 2 of the workflow: `rknnlint package-pt` and `rknnlint export` on models built with random
weights (fixtures/torch_models.py), the chain into `rknnlint package`, drift (RKN960), bad input, batch, and
the docs/workflow.md walk-through run as written."""
from __future__ import annotations

import json
import os
import re
import shlex
import shutil

import numpy as np
import onnx
import pytest
import torch
import yaml

from conftest import ROOT, run_cli

MODELS = ROOT / "fixtures" / "torch_models.py"
NAMES = [f"k{i}" for i in range(10)]


def _meta(d, name="training.yaml", **over):
    cfg = {"phase": "pt", "inputs": [{"name": "input", "shape": [1, 3, 64, 64]}], "layout": "NCHW", "color_order": "RGB",
           "mean": [123.675, 116.28, 103.53], "std": [58.395, 57.12, 57.375], "class_names": NAMES, "targets": ["rk3588"]}
    cfg.update(over)
    p = d / name
    p.write_text(yaml.safe_dump(cfg))
    return p


def _classifier_logits(raw: np.ndarray) -> np.ndarray:
    import importlib.util

    spec = importlib.util.spec_from_file_location("tm_for_test", MODELS)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    mean = np.array([123.675, 116.28, 103.53], np.float32).reshape(1, 3, 1, 1)
    std = np.array([58.395, 57.12, 57.375], np.float32).reshape(1, 3, 1, 1)
    with torch.no_grad():
        return mod.classifier()(torch.from_numpy((raw - mean) / std)).numpy()


def _samples(d):
    """Four .npy samples labelled so that exactly two are right: top-1 must be 0.5 in every phase."""
    rng = np.random.default_rng(7)
    lines = []
    for i in range(4):
        raw = rng.integers(0, 256, (1, 3, 64, 64)).astype(np.float32)
        np.save(d / f"s{i}.npy", raw)
        top = int(_classifier_logits(raw)[0].argmax())
        lines.append(f"s{i}.npy {NAMES[top] if i % 2 == 0 else (top + 1) % 10}")
    (d / "samples.txt").write_text("\n".join(lines) + "\n")
    return d / "samples.txt"


@pytest.fixture(scope="module")
def cls_pkgs(tmp_path_factory):
    d = tmp_path_factory.mktemp("cls")
    meta, samples = _meta(d), _samples(d)
    code, out, err = run_cli("package-pt", f"{MODELS}:classifier", "--source", meta, "--samples", samples,
                             "--runs", "2", "-o", d / "pt")
    assert code == 0, err
    code, out, err = run_cli("export", d / "pt", "--samples", samples, "--runs", "2", "-o", d / "onnx")
    assert code == 0, err + out
    return d, out


def _yaml(p):
    return yaml.safe_load(p.read_text())


def test_classifier_pt_then_onnx_package(cls_pkgs):
    d, out = cls_pkgs
    pt_src = _yaml(d / "pt" / "training_source.yaml")
    assert pt_src["phase"] == "pt" and pt_src["model"] == f"{MODELS.resolve()}:classifier"
    assert pt_src["decided"]["format"] == "module" and pt_src["class_names"] == NAMES
    pt = json.loads((d / "pt" / "performance_pt.json").read_text())
    assert pt["outputs"][0]["shape"] == [1, 10] and pt["latency"]["torch"]["runs"] >= 1
    assert pt["accuracy"] == {"samples": 4, "top1": 0.5, "correct": 2}

    assert sorted(os.listdir(d / "onnx")) == ["classifier.onnx", "onnx_source.yaml", "performance_onnx.json"]
    src = _yaml(d / "onnx" / "onnx_source.yaml")
    assert src["phase"] == "onnx" and src["model"] == "classifier.onnx" and src["previous"]["phase"] == "pt"
    assert src["mean"] == pt_src["mean"] and src["class_names"] == NAMES
    assert src["decided"]["opset"] == 12 and src["decided"]["head_cut"] is False
    m = onnx.load(d / "onnx" / "classifier.onnx")
    assert m.opset_import[0].version == 12
    assert [dim.dim_value for dim in m.graph.input[0].type.tensor_type.shape.dim] == [1, 3, 64, 64]
    perf = json.loads((d / "onnx" / "performance_onnx.json").read_text())
    row = perf["torch_vs_onnxruntime"][0]
    assert row["shape"] == [1, 10] and row["cosine"] > 0.99999 and row["max_abs_err"] < 1e-3
    assert perf["accuracy"]["top1"] == 0.5 and perf["previous"]["top1"] == [0.5, 0.5]
    assert perf["previous"]["same_torch_outputs"] is True and perf["previous"]["phase"] == "pt"
    assert "check (rk3588):" in out and "0 error(s)" in out


def test_drift_after_export_fails_with_rkn960(cls_pkgs, tmp_path):
    d, _ = cls_pkgs
    shutil.copytree(d / "onnx", tmp_path / "onnx")
    src = tmp_path / "onnx" / "onnx_source.yaml"
    cfg = _yaml(src)
    cfg["mean"] = [0.0, 0.0, 0.0]
    src.write_text(yaml.safe_dump(cfg))
    code, _, err = run_cli("package", tmp_path / "onnx", "-o", tmp_path / "rknn")
    assert code == 2 and "RKN960 source-config-drift: mean changed from pt to onnx" in err, err
    assert len(err.strip().splitlines()) == 1 and not (tmp_path / "rknn").exists()
    assert sorted(os.listdir(tmp_path)) == ["onnx"]
    code, out, _ = run_cli("check", tmp_path / "onnx" / "classifier.onnx", "--source", src, "--select", "RKN960")
    assert code == 1 and "RKN960" in out and "mean changed from pt to onnx" in out


def test_rknn_batch_over_onnx_packages_reports_drift_in_its_table(cls_pkgs, tmp_path):
    """`package --models FOLDER` of onnx packages (what `export --models` writes): each uses its own
    onnx_source.yaml; a drifted one is a failed row naming RKN960, before any build."""
    d, _ = cls_pkgs
    shutil.copytree(d / "onnx", tmp_path / "onnxs" / "classifier")
    src = tmp_path / "onnxs" / "classifier" / "onnx_source.yaml"
    cfg = _yaml(src)
    cfg["color_order"] = "BGR"
    src.write_text(yaml.safe_dump(cfg))
    code, out, err = run_cli("package", "--models", tmp_path / "onnxs", "-o", tmp_path / "rknn")
    assert code == 1 and "0 packaged, 1 failed" in out, out + err
    assert re.search(r"^classifier\s+failed\s+.*RKN960 source-config-drift: color_order changed from pt to onnx", out, re.M)
    assert not (tmp_path / "rknn" / "classifier").exists()


def test_changed_weights_are_seen_against_the_pt_record(cls_pkgs, tmp_path):
    """Same factory, other weights (--weights): the torch outputs differ from performance_pt.json."""
    d, _ = cls_pkgs
    import importlib.util

    spec = importlib.util.spec_from_file_location("tm_for_weights", MODELS)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    sd = mod.classifier().state_dict()
    sd["fc.bias"] = sd["fc.bias"] + 1.0
    torch.save(sd, tmp_path / "w.pt")
    code, out, err = run_cli("export", f"{MODELS}:classifier", "--weights", tmp_path / "w.pt", "--source",
                             d / "pt" / "training_source.yaml", "--previous", d / "pt" / "performance_pt.json",
                             "--runs", "1", "-o", tmp_path / "onnx")
    assert code == 0, err
    assert "the torch outputs differ from" in err
    perf = json.loads((tmp_path / "onnx" / "performance_onnx.json").read_text())
    assert perf["previous"]["same_torch_outputs"] is False
    assert perf["torch_vs_onnxruntime"][0]["cosine"] > 0.99999  # the export itself is still faithful


def test_torchscript_and_pickled_module(tmp_path):
    torch.manual_seed(0)
    seq = torch.nn.Sequential(torch.nn.Conv2d(3, 8, 3, 2), torch.nn.ReLU(), torch.nn.AdaptiveAvgPool2d(1),
                              torch.nn.Flatten(), torch.nn.Linear(8, 10)).eval()
    torch.save(seq, tmp_path / "seq.pt")
    torch.jit.trace(seq, torch.rand(1, 3, 64, 64)).save(str(tmp_path / "seq.torchscript"))
    meta = _meta(tmp_path)
    code, _, err = run_cli("package-pt", tmp_path / "seq.pt", "--source", meta, "--runs", "1", "-o", tmp_path / "pt")
    assert code == 0, err
    assert "seq.pt" in os.listdir(tmp_path / "pt") and _yaml(tmp_path / "pt" / "training_source.yaml")["model"] == "seq.pt"
    code, _, err = run_cli("export", tmp_path / "pt", "--runs", "1", "-o", tmp_path / "onnx1")
    assert code == 0, err
    code, _, err = run_cli("export", tmp_path / "seq.torchscript", "--source", meta, "--opset", "13", "--runs", "1",
                           "-o", tmp_path / "onnx2")
    assert code == 0, err
    a = json.loads((tmp_path / "onnx1" / "performance_onnx.json").read_text())
    b = json.loads((tmp_path / "onnx2" / "performance_onnx.json").read_text())
    assert a["opset"] == 12 and b["opset"] == 13
    assert a["outputs"] == b["outputs"]  # the same model through both doors gives the same outputs
    assert _yaml(tmp_path / "onnx2" / "onnx_source.yaml")["decided"]["opset"] == 13


_BAD_PY = '''
import torch

def number():
    return 3

class Unexportable(torch.nn.Module):
    def forward(self, x):
        return torch.special.erfcx(x)

def broken():
    raise RuntimeError("no weights here")
'''


def _fake_ultralytics_checkpoint(path):
    import sys
    import types

    mod = types.ModuleType("ultralytics")

    class DetectionModel(torch.nn.Module):
        pass

    DetectionModel.__module__, DetectionModel.__qualname__ = "ultralytics", "DetectionModel"
    mod.DetectionModel = DetectionModel
    sys.modules["ultralytics"] = mod
    try:
        torch.save({"model": DetectionModel()}, path)
    finally:
        del sys.modules["ultralytics"]


@pytest.mark.parametrize("cmd, model, extra, message", [
    ("package-pt", "missing.pt", [], "missing.pt: no such file"),
    ("package-pt", "bad.py", [], "name the factory or class"),
    ("package-pt", "bad.py:nope", [], "bad.py: has no 'nope'"),
    ("package-pt", "bad.py:number", [], "number() returned int, not a torch.nn.Module"),
    ("package-pt", "bad.py:broken", [], "calling broken() failed: RuntimeError: no weights here"),
    ("package-pt", "text.pt", [], "text.pt: not a PyTorch checkpoint"),
    ("package-pt", "weights.pt", [], "holds weights only (a state_dict)"),
    ("package-pt", "yolo.pt", [], "an ultralytics checkpoint; reading it needs ultralytics"),
    ("package-pt", "CLS", ["--source", "gray.yaml"], "the model fails on the configured input(s) input [1, 1, 64, 64]"),
    ("export", "bad.py:Unexportable", [], "torch.onnx.export failed at opset 12-19"),
    ("export", "CLS", ["--opset", "21"], "--opset 21: rk3588 loads opsets 7-19"),
    ("export", "CLS", ["--cut-head", "nope"], "--cut-head"),
])
def test_bad_input_one_line_exit_2_nothing_written(tmp_path, capfd, cmd, model, extra, message):
    (tmp_path / "bad.py").write_text(_BAD_PY)
    (tmp_path / "text.pt").write_text("not a checkpoint")
    torch.save({"w": torch.zeros(2)}, tmp_path / "weights.pt")
    _fake_ultralytics_checkpoint(tmp_path / "yolo.pt")
    _meta(tmp_path, "gray.yaml", inputs=[{"name": "input", "shape": [1, 1, 64, 64]}], color_order="GRAY", mean=[0],
          std=[1])
    meta = _meta(tmp_path)
    model = f"{MODELS}:classifier" if model == "CLS" else str(tmp_path / model)
    if "--source" not in extra:
        extra = [*extra, "--source", str(meta)]
    extra = [str(tmp_path / x) if x.endswith(".yaml") else x for x in extra]
    before = sorted(os.listdir(tmp_path))
    code, out, err = run_cli(cmd, model, *extra, "--runs", "1", "-o", tmp_path / "out")
    assert code == 2, (out, err)
    assert message in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err, err
    assert sorted(os.listdir(tmp_path)) == before  # no output folder, no temporary folder left beside it
    native = capfd.readouterr()
    assert "Torch IR graph" not in native.out + native.err  # the exporter's C++ graph dump stays off the terminal


def test_batch_pt_and_export_one_table(tmp_path):
    meta = _meta(tmp_path)
    (tmp_path / "pt.txt").write_text(f"{MODELS}:classifier training.yaml\nmissing.py:net training.yaml\n")
    code, out, _ = run_cli("package-pt", "--models", tmp_path / "pt.txt", "--runs", "1", "-o", tmp_path / "pt")
    assert code == 1 and "1 packaged, 1 failed" in out and re.search(r"^classifier\s+ok", out, re.M), out
    assert "missing.py: no such file" in out and meta.is_file()
    (tmp_path / "onnx.txt").write_text("pt/classifier\n")
    code, out, _ = run_cli("export", "--models", tmp_path / "onnx.txt", "--runs", "1", "-o", tmp_path / "onnx")
    assert code == 0 and "1 packaged, 0 failed" in out, out
    assert re.search(r"^classifier\s+ok\s+[\d.]+\s+(1\.0+|0\.9999\d+)\s", out, re.M), out
    assert (tmp_path / "onnx" / "classifier" / "classifier.onnx").is_file()


def test_export_zoo_layout_outputs(tmp_path):
    """--cut-head zoo through export: rknn_model_zoo's nine YOLOv8 outputs, the tail restoring the model's."""
    meta = _meta(tmp_path, inputs=[{"name": "images", "shape": [1, 3, 160, 160]}], mean=[0, 0, 0],
                 std=[255, 255, 255], class_names=["person", "car", "dog"])
    code, out, err = run_cli("export", f"{MODELS}:yolov8n", "--source", meta, "--cut-head", "zoo", "--runs", "1",
                             "-o", tmp_path / "onnx")
    assert code == 0, err + out
    npu = onnx.load(tmp_path / "onnx" / "yolov8n.onnx")
    shapes = [[d.dim_value for d in o.type.tensor_type.shape.dim] for o in npu.graph.output]
    assert [s[1] for s in shapes] == [64, 3, 1] * 3 and [s[2] for s in shapes[::3]] == [20, 10, 5]
    perf = json.loads((tmp_path / "onnx" / "performance_onnx.json").read_text())
    assert perf["torch_vs_onnxruntime"][0]["shape"] == [1, 7, 525] and perf["torch_vs_onnxruntime"][0]["cosine"] > 0.9999
    assert _yaml(tmp_path / "onnx" / "onnx_source.yaml")["decided"]["cut_head"] == "zoo"


def _walkthrough():
    text = (ROOT / "docs" / "workflow.md").read_text()
    section = text.split("## Walk-through", 1)[1].split("\n## ", 1)[0]
    meta = re.search(r"```yaml\n(.*?)```", section, re.S).group(1)
    commands = re.search(r"```sh\n(.*?)```", section, re.S).group(1).strip().splitlines()
    return meta, commands


@pytest.mark.toolkit
def test_docs_walkthrough_yolov8n_three_phases(tmp_path, monkeypatch):
    """docs/workflow.md's three commands as written: pt -> onnx -> rknn (one real fp16 build)."""
    meta, commands = _walkthrough()
    assert [c.split()[1] for c in commands] == ["package-pt", "export", "package"]
    (tmp_path / "training.yaml").write_text(meta)
    (tmp_path / "fixtures").symlink_to(ROOT / "fixtures")
    monkeypatch.chdir(tmp_path)
    for c in commands:
        args = shlex.split(c)
        assert args[0] == "rknnlint"
        code, out, err = run_cli(*args[1:])
        assert code == 0, (c, out, err)
    pkg = tmp_path / "pkg"
    src = _yaml(pkg / "onnx" / "onnx_source.yaml")
    assert src["decided"]["head_cut"] is True and src["decided"]["opset"] == 12
    assert src["decided"]["head_kind"] == "dfl" and len(src["decided"]["boundary"]) == 6
    npu = onnx.load(pkg / "onnx" / "yolov8n.onnx")
    shapes = [[d.dim_value for d in o.type.tensor_type.shape.dim] for o in npu.graph.output]
    assert sorted(s[1] for s in shapes) == [3, 3, 3, 64, 64, 64] and all(len(s) == 4 and min(s) > 0 for s in shapes)
    perf = json.loads((pkg / "onnx" / "performance_onnx.json").read_text())
    assert perf["torch_vs_onnxruntime"][0]["shape"] == [1, 7, 525]  # 4 box + 3 classes, 20*20+10*10+5*5 anchors
    assert perf["torch_vs_onnxruntime"][0]["cosine"] > 0.9999 and perf["previous"]["same_torch_outputs"]
    rk = json.loads((pkg / "rknn" / "performance_rknn.json").read_text())
    assert rk["builds"]["fp16"]["status"] == "built" and rk["head_cut_at"] == "export"
    assert rk["previous"]["phase"] == "onnx" and rk["previous"]["fp16"]["min_cosine_vs_onnxruntime"] > 0.999
    assert (pkg / "rknn" / "yolov8n.postprocess.onnx").is_file() and (pkg / "rknn" / "yolov8n_fp16.rknn").is_file()
    chain, cfg = [], _yaml(pkg / "rknn" / "rknn_source.yaml")
    while cfg:
        chain.append(cfg["phase"])
        assert cfg["mean"] == [0, 0, 0] and cfg["class_names"] == ["person", "car", "dog"]
        assert cfg["preprocess"]["method"] == "letterbox"
        cfg = cfg.get("previous")
    assert chain == ["rknn", "onnx", "pt"]


def test_image_samples_resized_in_the_configured_colour_order(tmp_path):
    """An image sample is read with opencv (BGR), resized to the input and put in the config's order."""
    import cv2

    from rknnlint.workflow.measure import read_samples
    from rknnlint.workflow.source import parse_source

    img = np.zeros((60, 80, 3), np.uint8)
    img[:] = (10, 20, 30)  # B, G, R
    cv2.imwrite(str(tmp_path / "a.png"), img)
    (tmp_path / "s.txt").write_text("a.png k3\n")
    cfg = parse_source({"phase": "pt", "inputs": [{"name": "x", "shape": [1, 3, 32, 48]}], "color_order": "RGB",
                        "mean": [0, 0, 0], "std": [1, 1, 1], "class_names": NAMES})
    [(arrays, label)] = read_samples(tmp_path / "s.txt", cfg)
    assert label == 3 and arrays[0].shape == (1, 3, 32, 48)
    assert arrays[0][0, :, 5, 5].tolist() == [30.0, 20.0, 10.0]
    (tmp_path / "s.txt").write_text("a.png zebra\n")
    with pytest.raises(Exception, match="label 'zebra' is neither a class index nor one of class_names"):
        read_samples(tmp_path / "s.txt", cfg)


_FAKE_ULTRALYTICS = '''
import torch
from torch import nn


class Head(nn.Module):
    export, format, dynamic = False, None, True

    def forward(self, x):
        y = x.mean((2, 3))
        return y if self.export else (y, x)


class DetectionModel(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 4, 3, padding=1)
        self.head = Head()
        self.names = {0: "a", 1: "b", 2: "c", 3: "d"}

    def forward(self, x):
        return self.head(self.conv(x))
'''


def test_ultralytics_checkpoint_needs_no_source(tmp_path, monkeypatch):
    """A checkpoint whose model class comes from `ultralytics` (here a stand-in package on sys.path): its names
    and image size fill the config, ultralytics' preprocessing the rest, and its head is put in export mode
    (one output, not the training tuple)."""
    import sys

    (tmp_path / "lib" / "ultralytics").mkdir(parents=True)
    (tmp_path / "lib" / "ultralytics" / "__init__.py").write_text("")
    (tmp_path / "lib" / "ultralytics" / "tasks.py").write_text(_FAKE_ULTRALYTICS)
    monkeypatch.syspath_prepend(str(tmp_path / "lib"))
    try:
        from ultralytics.tasks import DetectionModel

        torch.save({"model": DetectionModel().half(), "train_args": {"imgsz": 96}}, tmp_path / "best.pt")
        code, out, err = run_cli("package-pt", tmp_path / "best.pt", "--runs", "1", "-o", tmp_path / "pt")
        assert code == 0, err
        src = _yaml(tmp_path / "pt" / "training_source.yaml")
        assert src["inputs"] == [{"name": "images", "shape": [1, 3, 96, 96]}] and src["class_names"] == ["a", "b", "c", "d"]
        assert (src["mean"], src["std"], src["padding_color"]) == ([0.0] * 3, [255.0] * 3, [114] * 3)
        assert src["decided"]["format"] == "ultralytics" and src["preprocess"]["method"] == "letterbox"
        pt = json.loads((tmp_path / "pt" / "performance_pt.json").read_text())
        assert [o["shape"] for o in pt["outputs"]] == [[1, 4]]  # export mode: the head's single tensor
        code, out, err = run_cli("export", tmp_path / "pt", "--runs", "1", "-o", tmp_path / "onnx")
        assert code == 0, err + out
        assert json.loads((tmp_path / "onnx" / "performance_onnx.json").read_text())["torch_vs_onnxruntime"][0]["cosine"] > 0.9999
    finally:
        for name in [m for m in sys.modules if m == "ultralytics" or m.startswith("ultralytics.")]:
            del sys.modules[name]


_SHUFFLE_PY = '''
import torch
from torch import nn


class Shuffle(nn.Module):
    """A ShuffleNet channel shuffle: a rank-5 view the NPU does not take."""

    def __init__(self):
        super().__init__()
        torch.manual_seed(0)
        self.conv = nn.Conv2d(3, 8, 3, padding=1)

    def forward(self, x):
        y = self.conv(x)
        b, c, h, w = y.shape
        return y.view(b, 2, c // 2, h, w).transpose(1, 2).reshape(b, c, h, w)
'''


def test_export_brings_rank_5_down_to_4(tmp_path):
    (tmp_path / "shuffle.py").write_text(_SHUFFLE_PY)
    meta = _meta(tmp_path, class_names=None)
    code, out, err = run_cli("export", f"{tmp_path / 'shuffle.py'}:Shuffle", "--source", meta, "--runs", "1",
                             "-o", tmp_path / "onnx")
    assert code == 0, err + out
    assert _yaml(tmp_path / "onnx" / "onnx_source.yaml")["decided"]["reduce_rank"] is True
    m = onnx.shape_inference.infer_shapes(onnx.load(tmp_path / "onnx" / "Shuffle.onnx"))
    ranks = [len(v.type.tensor_type.shape.dim) for v in [*m.graph.value_info, *m.graph.output]]
    assert ranks and max(ranks) == 4
    row = json.loads((tmp_path / "onnx" / "performance_onnx.json").read_text())["torch_vs_onnxruntime"][0]
    assert row["cosine"] > 0.99999 and row["max_abs_err"] < 1e-4


_NONZERO_PY = '''
import torch
from torch import nn


class Masked(nn.Module):
    def __init__(self):
        super().__init__()
        torch.manual_seed(0)
        self.conv = nn.Conv2d(3, 4, 3, padding=1)

    def forward(self, x):
        return torch.nonzero(self.conv(x) > 0.5).float().unsqueeze(0).unsqueeze(0)
'''


def test_export_check_errors_exit_1_and_keep_the_package(tmp_path):
    """What no export choice can fix (a data-dependent NonZero) is check's finding: exit 1, package kept."""
    (tmp_path / "nz.py").write_text(_NONZERO_PY)
    meta = _meta(tmp_path, inputs=[{"name": "input", "shape": [1, 3, 16, 16]}], class_names=None)
    code, out, err = run_cli("export", f"{tmp_path / 'nz.py'}:Masked", "--source", meta, "--runs", "1",
                             "-o", tmp_path / "onnx")
    assert code == 1, err + out
    assert "check (rk3588):" in out and re.search(r"error\s+RKN\d+ .*NonZero", out), out
    assert sorted(os.listdir(tmp_path / "onnx")) == ["Masked.onnx", "onnx_source.yaml", "performance_onnx.json"]


_ENCODER_PY = '''
import torch
from torch import nn


class Enc(nn.Module):
    def __init__(self):
        super().__init__()
        torch.manual_seed(0)
        self.layer = nn.TransformerEncoderLayer(32, 4, 64, batch_first=True)

    def forward(self, x):
        return self.layer(x.squeeze(1))
'''


def test_opset_goes_up_until_the_export_works(tmp_path, capfd):
    """A transformer encoder layer does not export at opsets 12 and 13 (torch 2.13): the next opset of the
    window that works is taken and said, and the failed attempts' graph dumps stay off the terminal."""
    (tmp_path / "enc.py").write_text(_ENCODER_PY)
    meta = _meta(tmp_path, inputs=[{"name": "x", "shape": [1, 1, 16, 32]}], color_order="GRAY", mean=[0], std=[1],
                 class_names=None)
    code, out, err = run_cli("export", f"{tmp_path / 'enc.py'}:Enc", "--source", meta, "--runs", "1",
                             "-o", tmp_path / "onnx")
    assert code == 0, err + out
    assert "opset 14 (opset 13 and lower failed)" in out
    assert _yaml(tmp_path / "onnx" / "onnx_source.yaml")["decided"]["opset"] == 14
    assert json.loads((tmp_path / "onnx" / "performance_onnx.json").read_text())["torch_vs_onnxruntime"][0]["cosine"] > 0.99999
    assert "Torch IR graph" not in capfd.readouterr().out
