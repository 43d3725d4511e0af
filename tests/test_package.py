"""rknnlint package: a real detector end to end (head cut, fp16 + int8, board script vs ONNX), rknn_convert
accepts the model_config.yml, batch, and bad input (exit 2, nothing written)."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import numpy as np
import pytest
import yaml

from tests.conftest import run_cli, shared_model

DET = "det_yolov5style_nc20_320_op12.onnx"
NAMES = [f"c{i}" for i in range(20)]


def _source(d, name="onnx_source.yaml", **over):
    cfg = {"phase": "onnx", "model": DET, "inputs": [{"name": "images", "shape": [1, 3, 320, 320]}],
           "layout": "NCHW", "color_order": "RGB", "mean": [0, 0, 0], "std": [255, 255, 255],
           "padding_color": [114, 114, 114], "class_names": NAMES, "targets": ["rk3588"]}
    cfg.update(over)
    cfg = {k: v for k, v in cfg.items() if v is not None}
    p = d / name
    p.write_text(yaml.safe_dump(cfg))
    return p


def _dataset(d, n=3, shape=(1, 3, 320, 320)):
    rng = np.random.default_rng(1)
    lines = []
    for i in range(n):
        np.save(d / f"s{i}.npy", rng.integers(0, 256, shape, dtype=np.uint8))
        lines.append(f"s{i}.npy")
    (d / "dataset.txt").write_text("\n".join(lines) + "\n")
    return d / "dataset.txt"


def _nms(pred, conf=0.25, iou=0.45, top=10):
    """YOLOv5 post-processing: score = obj * cls, xywh boxes, greedy NMS per class."""
    p = pred.reshape(-1, pred.shape[-1]).astype(np.float64)
    scores = p[:, 4:5] * p[:, 5:]
    cls, sc = scores.argmax(1), scores.max(1)
    keep = np.argsort(-sc)[: top * 10]
    keep = keep[sc[keep] > conf]
    xy, wh = p[keep, :2], p[keep, 2:4]
    boxes = np.concatenate([xy - wh / 2, xy + wh / 2], 1)
    out = []
    for i in range(len(keep)):
        ok = True
        for j, _ in out:
            if cls[keep[j]] == cls[keep[i]] and _iou(boxes[i], boxes[j]) > iou:
                ok = False
                break
        if ok:
            out.append((i, None))
        if len(out) == top:
            break
    return [(int(cls[keep[i]]), boxes[i]) for i, _ in out]


def _iou(a, b):
    x1, y1 = max(a[0], b[0]), max(a[1], b[1])
    x2, y2 = min(a[2], b[2]), min(a[3], b[3])
    inter = max(0.0, x2 - x1) * max(0.0, y2 - y1)
    return inter / ((a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter)


@pytest.fixture(scope="module")
def pkg(tmp_path_factory):
    d = tmp_path_factory.mktemp("pkg")
    src, ds = _source(d), _dataset(d)
    code, out, err = run_cli("package", str(shared_model(DET)), "--source", str(src), "--target", "rk3588",
                             "--int8", "--dataset", str(ds), "-o", str(d / "out"))
    assert code == 0, err
    return d, d / "out"


@pytest.mark.toolkit
def test_package_files_and_records(pkg):
    _, out = pkg
    stem = DET[:-5]
    names = {p.name for p in out.iterdir()}
    assert {f"{stem}_fp16.rknn", f"{stem}_int8.rknn", f"{stem}.postprocess.onnx", f"{stem}.npu.onnx",
            "rknn_source.yaml", "npu_inference.py", "performance_rknn.json", "model_config.yml"} <= names
    nxt = yaml.safe_load((out / "rknn_source.yaml").read_text())
    assert nxt["phase"] == "rknn" and nxt["previous"]["phase"] == "onnx"
    assert nxt["mean"] == [0, 0, 0] and nxt["std"] == [255, 255, 255] and nxt["class_names"] == NAMES
    assert nxt["decided"]["head_cut"] is True and nxt["decided"]["builds"] == ["fp16", "int8"]
    perf = json.loads((out / "performance_rknn.json").read_text())
    assert perf["head_cut"] and len(perf["boundary"]) == 3
    for dtype, floor in (("fp16", 0.9999), ("int8", 0.99)):
        b = perf["builds"][dtype]
        assert b["status"] == "built" and b["npu_coverage"] == 1.0 and b["cpu_ops"] == []
        assert len(b["outputs"]) == 3 and all(o["cosine"] >= floor for o in b["outputs"])
        assert b["size_bytes"] == (out / f"{stem}_{dtype}.rknn").stat().st_size
    assert perf["builds"]["int8"]["size_bytes"] < perf["builds"]["fp16"]["size_bytes"]


@pytest.mark.toolkit
def test_inference_script_same_detections_as_onnx(pkg):
    import onnxruntime as ort

    d, out = pkg
    x = np.load(d / "s0.npy")
    np.save(d / "in.npy", x)
    r = subprocess.run([sys.executable, str(out / "npu_inference.py"), str(d / "in.npy"), "--out", str(d / "res.npz"),
                        "--conf", "0.25", "--iou", "0.45", "--max-det", "10", "--timings", str(d / "t.json")],
                       capture_output=True, text=True, timeout=300, cwd=d)
    assert r.returncode == 0, r.stderr[-2000:]
    res = np.load(d / "res.npz")
    got = res["output"]
    sess = ort.InferenceSession(str(shared_model(DET)), providers=["CPUExecutionProvider"])
    ref = sess.run(None, {"images": x.astype(np.float32) / 255.0})[0]
    assert got.shape == ref.shape
    a, b = _nms(ref), _nms(got)
    assert len(a) == len(b) == 10
    # the same detections (order may swap between near-equal scores): each has a twin of the same class
    for ca, ba in a:
        assert any(ca == cb and _iou(ba, bb) > 0.98 for cb, bb in b), (ca, ba)
    # the script's own detections (--conf/--iou/--max-det applied after the tail): the same ten
    det = res["detections"]
    assert det.shape == (10, 6) and (det[:, 4] > 0.25).all()
    for ca, ba in a:
        assert any(ca == int(c) and _iou(ba, bb) > 0.98 for *bb, _, c in det), (ca, ba)
    t = json.loads((d / "t.json").read_text())
    assert t["settings"] == {"conf": 0.25, "iou": 0.45, "max_det": 10} and t["stages_ms"]["npu"] > 0
    # --rknn int8 off the board: the simulator repeats the package's int8 build (its options and dataset.txt)
    r = subprocess.run([sys.executable, str(out / "npu_inference.py"), str(d / "in.npy"), "--rknn", "int8",
                        "--out", str(d / "res8.npz"), "--timings", str(d / "t8.json")],
                       capture_output=True, text=True, timeout=300, cwd=d)
    assert r.returncode == 0, r.stderr[-2000:]
    got8 = np.load(d / "res8.npz")["output"].astype(np.float64).ravel()
    cos = got8 @ ref.ravel() / (np.linalg.norm(got8) * np.linalg.norm(ref))
    assert cos > 0.99 and "int8" in json.loads((d / "t8.json").read_text())["runtime"]


@pytest.mark.toolkit
def test_model_config_accepted_by_rknn_convert(pkg, tmp_path):
    _, out = pkg
    r = subprocess.run([sys.executable, "-m", "rknn.api.rknn_convert", "-t", "rk3588", "-i",
                        str(out / "model_config.yml"), "-o", str(tmp_path / "conv")],
                       capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert r.returncode == 0, r.stdout[-2000:]
    made = tmp_path / "conv" / f"{DET[:-5]}_int8.rknn"
    assert made.is_file() and made.stat().st_size > 100_000


@pytest.mark.toolkit
def test_batch_summary_table(tmp_path):
    models = tmp_path / "models.txt"
    models.write_text(str(shared_model(DET)) + "\n")
    code, out, err = run_cli("package", "--models", str(models), "--source", str(_source(tmp_path)), "-j", "1",
                             "-o", str(tmp_path / "out"))
    assert code == 0, err
    assert "NPU coverage" in out and DET[:-5] in out and "1 packaged, 0 failed" in out
    assert (tmp_path / "out" / DET[:-5] / "performance_rknn.json").is_file()


@pytest.mark.parametrize("over, dataset, message", [
    ({"mean": None}, False, "missing critical value 'mean'"),
    ({"mean": [0, 0]}, False, "'mean' has 2 values but 'std' has 3"),
    ({"class_names": NAMES[:7]}, False, "class_names has 7 names"),
    ({"inputs": [{"name": "images", "shape": [1, 3, 256, 256]}]}, False, "contradicts model shape"),
    ({}, True, "has shape [1, 3, 100, 100] but input 'images' is [1, 3, 320, 320]"),
])
def test_bad_input_one_line_exit_2_nothing_written(tmp_path, over, dataset, message):
    src = _source(tmp_path, **over)
    args = ["package", str(shared_model(DET)), "--source", str(src), "-o", str(tmp_path / "out")]
    if dataset:
        args += ["--int8", "--dataset", str(_dataset(tmp_path, 1, (1, 3, 100, 100)))]
    before = set(os.listdir(tmp_path))
    code, out, err = run_cli(*args)
    assert code == 2
    assert message in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert set(os.listdir(tmp_path)) == before


def test_drift_against_previous_phase_refused(tmp_path):
    _source(tmp_path, "pt_source.yaml", phase="pt", color_order="BGR")
    src = _source(tmp_path, previous="pt_source.yaml")
    code, _, err = run_cli("package", str(shared_model(DET)), "--source", str(src), "-o", str(tmp_path / "out"))
    assert code == 2 and "color_order changed from pt to onnx" in err
    assert not (tmp_path / "out").exists()


def test_usage_errors_exit_2(tmp_path):
    src = str(_source(tmp_path))
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "keep.txt").write_text("x")
    for args, msg in ((["--source", src, "-o", str(tmp_path / "o")], "give one MODEL or --models"),
                      ([str(tmp_path / "nope.onnx"), "--source", src, "-o", str(tmp_path / "o")], "no such file"),
                      ([str(shared_model(DET)), "--source", src, "-o", str(tmp_path / "full")], "exists and is not empty"),
                      ([str(shared_model(DET)), "--source", src, "--int8", "-o", str(tmp_path / "o")], "--int8 needs --dataset"),
                      (["--models", str(tmp_path / "none.txt"), "--source", src, "-o", str(tmp_path / "o")],
                       "no such model list or folder")):
        code, _, err = run_cli("package", *args)
        assert code == 2 and msg in err and len(err.strip().splitlines()) == 1, (args, err)
    assert not (tmp_path / "o").exists() and os.listdir(tmp_path / "full") == ["keep.txt"]


@pytest.mark.toolkit
def test_batch_folder_with_per_model_source(tmp_path):
    import shutil

    v8 = "det_yolov8n_nc20_256_op12.onnx"
    (tmp_path / "m").mkdir()
    shutil.copy(shared_model(v8), tmp_path / "m" / v8)
    _source(tmp_path / "m", v8[:-5] + ".source.yaml", model=v8, inputs=[{"name": "images", "shape": [1, 3, 256, 256]}])
    code, out, err = run_cli("package", "--models", str(tmp_path / "m"), "-j", "2", "-o", str(tmp_path / "out"))
    assert code == 0, err
    assert "1 packaged, 0 failed" in out
    perf = json.loads((tmp_path / "out" / v8[:-5] / "performance_rknn.json").read_text())
    assert perf["head_cut"] and perf["builds"]["fp16"]["npu_coverage"] == 1.0
    assert (tmp_path / "out" / v8[:-5] / f"{v8[:-5]}.postprocess.onnx").is_file()
