"""Measure the three-phase workflow (docs/workflow.md) on real architectures with random weights: torchvision
ResNet-18 and MobileNetV3-Small (FILE.py:NAME factories) and an ultralytics YOLOv8n checkpoint (built from
ultralytics' yolov8n.yaml, 80 classes, 320 px, saved as a training checkpoint), each through
`package-pt` -> `export` -> `package` (rk3588 fp16).

    /work/calib/venv/bin/python calibration/workflow_phases.py --work /tmp/phases \\
        --rknn-python .venv/bin/python --out calibration/results/workflow_phases-rk3588-fp16.json

Phases 1 and 2 run in this (export) environment, which has torchvision and ultralytics; phase 3 runs with
--rknn-python (the project's venv, rknn-toolkit2 2.5.0). Latency is one CPU thread of this machine.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TV = '''import torch
import torchvision


def resnet18():
    torch.manual_seed(0)
    return torchvision.models.resnet18(weights=None)


def mobilenet_v3_small():
    torch.manual_seed(0)
    return torchvision.models.mobilenet_v3_small(weights=None)
'''
META = '''phase: pt
inputs: [{name: input, shape: [1, 3, 224, 224]}]
layout: NCHW
color_order: RGB
mean: [123.675, 116.28, 103.53]
std: [58.395, 57.12, 57.375]
targets: [rk3588]
'''


def _ultralytics_checkpoint(path: Path) -> None:
    import torch
    from ultralytics.nn.tasks import DetectionModel

    torch.manual_seed(0)
    m = DetectionModel("yolov8n.yaml", nc=80, verbose=False)
    m.names = {i: f"class{i}" for i in range(80)}
    torch.save({"model": m.half(), "train_args": {"imgsz": 320}}, path)


def _run(python: str, args: list[str], cwd: Path, env: dict) -> tuple[int, float, str]:
    t = time.monotonic()
    r = subprocess.run([python, "-m", "rknnlint", *args], cwd=cwd, env=env, capture_output=True, text=True)
    return r.returncode, round(time.monotonic() - t, 1), (r.stderr.strip().splitlines() or [""])[-1]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--work", required=True, type=Path)
    ap.add_argument("--rknn-python", required=True)
    ap.add_argument("--out", required=True, type=Path)
    a = ap.parse_args()
    a.work.mkdir(parents=True, exist_ok=True)
    (a.work / "tv.py").write_text(TV)
    (a.work / "meta.yaml").write_text(META)
    env = {**os.environ, "YOLO_OFFLINE": "1",
           "PYTHONPATH": os.pathsep.join(x for x in (str(ROOT), os.environ.get("PYTHONPATH")) if x)}
    if not (a.work / "yolov8n_random.pt").is_file():
        _ultralytics_checkpoint(a.work / "yolov8n_random.pt")
    models = {"resnet18": ["tv.py:resnet18", "--source", "meta.yaml"],
              "mobilenet_v3_small": ["tv.py:mobilenet_v3_small", "--source", "meta.yaml"],
              "yolov8n_ultralytics": ["yolov8n_random.pt"]}
    results = {}
    for name, spec in models.items():
        d = a.work / name
        if d.exists():
            subprocess.run(["rm", "-rf", str(d)], check=True)
        row: dict = {}
        for phase, python, args in (("pt", sys.executable, ["package-pt", *spec, "-o", f"{name}/pt"]),
                                    ("onnx", sys.executable, ["export", f"{name}/pt", "-o", f"{name}/onnx"]),
                                    ("rknn", a.rknn_python, ["package", f"{name}/onnx", "-o", f"{name}/rknn"])):
            code, secs, last = _run(python, args, a.work, env)
            row[phase] = {"exit": code, "seconds": secs, **({"error": last} if code else {})}
            if code:
                break
        if row.get("rknn", {}).get("exit") == 0:
            o = json.loads((d / "onnx" / "performance_onnx.json").read_text())
            r = json.loads((d / "rknn" / "performance_rknn.json").read_text())
            b = r["builds"]["fp16"]
            row["figures"] = {
                "opset": o["opset"], "head_cut": o["head_cut"], "onnx_size_bytes": o["onnx_size_bytes"],
                "torch_vs_onnxruntime_min_cosine": min(x["cosine"] for x in o["torch_vs_onnxruntime"]),
                "torch_vs_onnxruntime_max_abs_err": max(x["max_abs_err"] for x in o["torch_vs_onnxruntime"]),
                "torch_median_ms": o["latency"]["torch"]["median_ms"],
                "onnxruntime_median_ms": o["latency"]["onnxruntime"]["median_ms"],
                "rknn_fp16_status": b["status"], "rknn_fp16_seconds": b["seconds"], "npu_coverage": b["npu_coverage"],
                "rknn_fp16_min_cosine": min(x["cosine"] for x in b["outputs"]), "rknn_size_bytes": b["size_bytes"]}
        results[name] = row
        print(name, json.dumps(row))
    import torch

    doc = {"command": "calibration/workflow_phases.py", "target": "rk3588", "dtype": "float16",
           "toolkit": "rknn-toolkit2 2.5.0", "export_torch": str(torch.__version__), "models": results}
    a.out.write_text(json.dumps(doc, indent=2) + "\n")
    return 0 if all(r.get("rknn", {}).get("exit") == 0 for r in results.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
