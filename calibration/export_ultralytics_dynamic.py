"""Export ultralytics detectors with `dynamic=True` (dynamic batch, H and W; the exporter's value_info declares every
intermediate value with symbolic dims), for the pinned load mode (calibration/pin_models.py, run_toolkit.py --pin):
YOLO11n, YOLOv5nu, YOLOv8n-seg (opset 12) and YOLOv10n (opset 13) at 320, random weights, nothing downloaded.
Their pinned builds taught RKN108 (docs/facts.md#declared-symbolic-dims); the YOLOv8n dynamic exports are in
export_models.py.

    YOLO_OFFLINE=1 /work/calib/venv/bin/python calibration/export_ultralytics_dynamic.py --out DIR [--strip-value-info]

`--strip-value-info` writes the same exports with their value_info removed (`<name>_novi.onnx`): the neighbours that
built.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

MODELS = (("yolo11n.yaml", 12), ("yolov5nu.yaml", 12), ("yolov8n-seg.yaml", 12), ("yolov10n.yaml", 13))
IMGSZ = 320


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--strip-value-info", action="store_true")
    a = ap.parse_args(argv)
    os.environ.setdefault("YOLO_OFFLINE", "1")
    os.environ.setdefault("YOLO_CONFIG_DIR", str(a.out / ".ultralytics"))
    import onnx
    from ultralytics import YOLO

    a.out.mkdir(parents=True, exist_ok=True)
    manifest = {}
    for cfg, opset in MODELS:
        name = f"{cfg.split('.')[0].replace('-', '_')}_{IMGSZ}_op{opset}_dynamic"
        with tempfile.TemporaryDirectory() as tmp:
            cwd = os.getcwd()
            os.chdir(tmp)
            try:
                p = YOLO(cfg).export(format="onnx", imgsz=IMGSZ, opset=opset, dynamic=True)
                shutil.move(p if os.path.isabs(p) else os.path.join(tmp, p), a.out / f"{name}.onnx")
            finally:
                os.chdir(cwd)
        entry = {"family": "det", "arch": cfg.split(".")[0], "opset": opset, "ultralytics": {"dynamic": True},
                 "dynamic": {"images": {"0": "batch", "2": "height", "3": "width"}},
                 "example_inputs": {"images": [1, 3, IMGSZ, IMGSZ]}}
        if a.strip_value_info:
            m = onnx.load(str(a.out / f"{name}.onnx"))
            del m.graph.value_info[:]
            (a.out / f"{name}.onnx").unlink()
            name += "_novi"
            onnx.save(m, str(a.out / f"{name}.onnx"))
        manifest[name] = entry
        print(f"ok    {name}", flush=True)
    (a.out / "manifest.json").write_text(json.dumps(manifest, indent=1, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
