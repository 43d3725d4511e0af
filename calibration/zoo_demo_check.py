"""Run rknn_model_zoo's own Python post-processing (`post_process` of examples/yolov8, yolo11, yolov5,
yolov8_seg, from a local checkout; nothing of it is in this repository) on the outputs of `--cut-head zoo`
and compare its detections with rknnlint.postprocess.yolo_zoo.detect at the demos' thresholds
(OBJ_THRESH 0.25, NMS_THRESH 0.45, the seg demo's MAX_DETECT). The exports' head convolutions are rescaled
first (calibration/zoo_cut.py's _liven), so there are detections to compare.

    git clone https://github.com/airockchip/rknn_model_zoo /tmp/rknn_model_zoo   # the path must contain 'rknn_model_zoo'
    python calibration/zoo_demo_check.py /tmp/rknn_model_zoo [MODEL,...] > calibration/results/zoo/zoo_demo_check.json

The demos need opencv-python and torch (the seg demo torchvision too); pycocotools, which they import for
their mAP evaluation only, is stubbed. The pose and obb demos are not run: their main loops hard-code a
640x640 input and their class counts.
"""
import importlib.util
import json
import sys
import types
from pathlib import Path

import numpy as np
import onnx

sys.path.insert(0, str(Path(__file__).resolve().parent))
import zoo_cut  # noqa: E402

from rknnlint.postprocess import yolo_zoo  # noqa: E402
from rknnlint.rewrites import RewriteOptions, get_rewrite  # noqa: E402

ZOO = Path(sys.argv[1])
for n in ("pycocotools", "pycocotools.coco", "pycocotools.cocoeval"):
    sys.modules.setdefault(n, types.ModuleType(n))
sys.modules["pycocotools.coco"].COCO = object
sys.modules["pycocotools.cocoeval"].COCOeval = object


def load(example, name):
    spec = importlib.util.spec_from_file_location(f"zoo_{name}", ZOO / "examples" / example / "python" / f"{name}.py")
    m = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(m)
    return m


rows = []
for model, example, name in [m for m in [("det_yolov8n_320_op12", "yolov8", "yolov8"), ("det_yolo11n_320_op12", "yolo11", "yolo11"),
                             ("det_yolov5_anchor_head_op13", "yolov5", "yolov5"), ("seg_yolov8n_320_op12", "yolov8_seg", "yolov8_seg")] if len(sys.argv) < 3 or m[0] in sys.argv[2].split(",")]:
    src = Path(f"/work/calib/models/{model}.onnx")
    live = Path(f"/tmp/{model}.live.onnx")
    zoo_cut._liven(src, live)
    r = get_rewrite("cut-head").apply(onnx.load(live), RewriteOptions(cut_head="zoo", explicit=True))
    layout = r.extra["zoo_layout"]
    s = zoo_cut._session_bytes(r.model.SerializeToString())
    x = np.random.default_rng(0).random(s.get_inputs()[0].shape, dtype=np.float32)
    outs = s.run(None, {s.get_inputs()[0].name: x})
    try:
        mod = load(example, name)
    except Exception as e:
        rows.append({"model": model, "zoo_demo": f"not importable: {type(e).__name__}: {e}"})
        continue
    mod.IMG_SIZE = (320, 320)
    if layout["family"] == "anchor":
        res = mod.post_process(outs, layout["anchors"])
    else:
        res = mod.post_process(outs)
    boxes, classes, scores = res[0], res[1], res[2]
    got = yolo_zoo.detect(outs, layout, conf=0.25, iou=0.45, max_det=getattr(mod, "MAX_DETECT", 10000))
    n_zoo = 0 if boxes is None else len(scores)
    ok = n_zoo == len(got["scores"])
    if ok and n_zoo:
        o1 = np.lexsort((boxes[:, 0], classes, -np.round(scores, 5)))
        o2 = np.lexsort((got["boxes"][:, 0], got["classes"], -np.round(got["scores"], 5)))
        ok = (np.array_equal(classes[o1], got["classes"][o2]) and np.allclose(scores[o1], got["scores"][o2], rtol=1e-4)
              and np.allclose(boxes[o1], got["boxes"][o2], rtol=1e-4, atol=1e-2))
    rows.append({"model": model, "zoo_example": f"examples/{example}/python/{name}.py", "zoo_detections": n_zoo,
                 "rknnlint_detections": int(len(got["scores"])), "classes": int(len(set(got["classes"].tolist()))), "same": bool(ok)})
    print(json.dumps(rows[-1]), file=sys.stderr, flush=True)
print(json.dumps({"command": "python calibration/zoo_demo_check.py /tmp/rknn_model_zoo", "models": rows}, indent=1))
