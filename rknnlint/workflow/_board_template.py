#!/usr/bin/env python3
"""Run a converted model on a Rockchip NPU: preprocessing, NPU part, post-processing tail, timings.

Written into a package by `rknnlint package` (rknnlint/workflow/_board_template.py with the package's values
filled in between the PACKAGE markers). It imports nothing from rknnlint: on a board it needs numpy and
rknn-toolkit-lite2 (RKNNLite); onnxruntime for a post-processing tail and the accuracy check against
<name>.npu.onnx; OpenCV (cv2) or Pillow to read images (cv2 also resizes; without it numpy resizes the way
cv2.resize does). Off the board (no rknnlite), the stand-in is the rknn-toolkit2 simulator: <name>.npu.onnx is
built as the package built it (mean/std, rknn.config options, int8 with its dataset.txt) and run with
init_runtime() without a target.

  python3 npu_inference.py IMAGE_OR_NPY [...]          one file per model input, in order
  python3 npu_inference.py --input NAME=PATH [...]     or by input name
      [--out outputs.npz] [--timings timings.json] [--repeat N] [--rknn fp16|int8]
      [--conf 0.25] [--iou 0.45] [--max-det 100]       detection settings (a package with a detection tail)
  python3 npu_inference.py --benchmark [--samples list.txt] [--repeat N] [--previous performance_rknn.json]
      writes performance_board.json: latency/FPS, per-output cosine against <name>.npu.onnx (onnxruntime),
      top-1/top-5 when the samples list ends each line with a label
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time

import numpy as np

# --- PACKAGE values (rknnlint package writes them) ---
NAME = "model"
TARGET = "rk3588"
DEFAULT_RKNN = "fp16"
INPUTS = [{"name": "images", "shape": [1, 3, 640, 640]}]
LAYOUT = "NCHW"
COLOR_ORDER = "RGB"
MEAN = [0.0, 0.0, 0.0]
STD = [255.0, 255.0, 255.0]
PADDING_COLOR = None
PREPROCESS = {"method": "letterbox", "interpolation": "linear"}
CLASS_NAMES = None
TAIL = None
HEAD_KIND = None
NPU_OUTPUTS = None
RKNN_CONFIG = None
# --- end of PACKAGE values ---

HERE = os.path.dirname(os.path.abspath(__file__))


def _zoo_layout():
    """rknn_model_zoo's output layout when the package was cut with --cut-head zoo (zoo_layout.json beside)."""
    path = os.path.join(HERE, "zoo_layout.json")
    if not os.path.isfile(path):
        return None
    with open(path, encoding="utf-8") as f:
        return json.load(f)


ZOO_LAYOUT = _zoo_layout()
CV2_INTER = {"nearest": 0, "linear": 1, "cubic": 2, "area": 3}  # cv2.INTER_NEAREST/LINEAR/CUBIC/AREA


class InputError(Exception):
    """Bad input given by the user: one line, exit 2."""


def _cv2():
    if os.environ.get("NPU_INFERENCE_NO_CV2"):  # run the numpy/Pillow path on a machine that has cv2
        return None
    try:
        import cv2
    except ImportError:
        return None
    return cv2


# ---------------------------------------------------------------- preprocessing


def _is_image_input(inp):
    return len(inp["shape"]) == 4


def _hwc(inp):
    s = inp["shape"]
    return (s[2], s[3], s[1]) if LAYOUT == "NCHW" else (s[1], s[2], s[3])


def read_image(path, channels):
    """HxWxC uint8, RGB (C=3) or gray (C=1)."""
    if not os.path.isfile(path):
        raise InputError(f"{path}: not found")
    cv2 = _cv2()
    if cv2 is not None:
        img = cv2.imread(path, cv2.IMREAD_GRAYSCALE if channels == 1 else cv2.IMREAD_COLOR)
        if img is None:
            raise InputError(f"{path}: not an image OpenCV can read")
        return img[..., None] if channels == 1 else img[..., ::-1]
    try:
        from PIL import Image
    except ImportError:
        raise InputError(f"{path}: reading images needs OpenCV (cv2) or Pillow; give a .npy instead") from None
    try:
        with Image.open(path) as im:
            img = np.asarray(im.convert("L" if channels == 1 else "RGB"))
    except OSError as e:
        raise InputError(f"{path}: not an image Pillow can read ({e})") from None
    return img[..., None] if channels == 1 else img


def _weights(n_in, n_out, interp, shrink_both=True):
    """(n_out, n_in) resampling matrix along one axis, as cv2.resize computes it (half-pixel centres,
    replicated border, no antialiasing; INTER_AREA: pixel-area overlap when both axes shrink)."""
    scale = n_in / n_out
    w = np.zeros((n_out, n_in))
    dst = np.arange(n_out)
    if interp == "nearest":
        w[dst, np.minimum(np.floor(dst * scale).astype(int), n_in - 1)] = 1.0
        return w
    if interp == "area" and shrink_both:
        for i in range(n_out):
            a, b = i * scale, (i + 1) * scale
            for j in range(int(np.floor(a)), min(int(np.ceil(b)), n_in)):
                w[i, j] = (min(b, j + 1) - max(a, j)) / scale
        return w
    if interp == "cubic":
        src = (dst + 0.5) * scale - 0.5
        x0 = np.floor(src).astype(int)
        t = src - x0
        a = -0.75
        for d in (-1, 0, 1, 2):
            x = np.abs(t - d)
            wk = np.where(x <= 1, ((a + 2) * x - (a + 3)) * x * x + 1,
                          np.where(x < 2, ((a * x - 5 * a) * x + 8 * a) * x - 4 * a, 0.0))
            np.add.at(w, (dst, np.clip(x0 + d, 0, n_in - 1)), wk)
        return w
    if interp == "area":  # growing with INTER_AREA: cv2 uses this variant of linear
        x0 = np.floor(dst * scale).astype(int)
        f = (dst + 1) - (x0 + 1) / scale
        f = np.where(f <= 0, 0.0, f - np.floor(f))
    else:
        src = np.maximum((dst + 0.5) * scale - 0.5, 0.0)
        x0 = np.floor(src).astype(int)
        f = src - x0
    x0 = np.minimum(x0, n_in - 1)
    np.add.at(w, (dst, x0), 1 - f)
    np.add.at(w, (dst, np.minimum(x0 + 1, n_in - 1)), f)
    return w


def resize(img, w, h, interp):
    """img HxWxC uint8 -> h x w x C uint8 with the named interpolation (cv2 when present, else numpy)."""
    if img.shape[:2] == (h, w):
        return img
    cv2 = _cv2()
    if cv2 is not None:
        out = cv2.resize(img, (w, h), interpolation=CV2_INTER[interp])
        return out[..., None] if out.ndim == 2 else out
    both = img.shape[0] >= h and img.shape[1] >= w
    wy = _weights(img.shape[0], h, interp, both)
    wx = _weights(img.shape[1], w, interp, both)
    out = np.einsum("oi,ijc->ojc", wy, img.astype(np.float64))
    out = np.einsum("pj,ojc->opc", wx, out)
    return np.clip(np.rint(out), 0, 255).astype(np.uint8)


def fit(img, h, w, pre=None, padding=None):
    """img HxWxC uint8 to h x w by a source config's preprocess (method, interpolation; letterbox with linear
    interpolation when None); returns the image and the mapping back to the original pixels:
    x_orig = (x - left) / sx, y_orig = (y - top) / sy."""
    pre = pre or {"method": "letterbox", "interpolation": "linear"}
    interp = pre.get("interpolation", "linear")
    ih, iw = img.shape[:2]
    if pre["method"] == "resize":
        return resize(img, w, h, interp), {"sx": w / iw, "sy": h / ih, "left": 0.0, "top": 0.0}
    if pre["method"] == "center_crop":
        side = pre.get("short_side") or max(h, w)
        r = side / min(ih, iw)
        nh, nw = (side, int(side * iw / ih)) if ih <= iw else (int(side * ih / iw), side)
        big = resize(img, nw, nh, interp)
        top, left = int(round((nh - h) / 2.0)), int(round((nw - w) / 2.0))
        return big[top:top + h, left:left + w], {"sx": r, "sy": r, "left": -float(left), "top": -float(top)}
    r = min(h / ih, w / iw)  # letterbox
    nh, nw = int(round(ih * r)), int(round(iw * r))
    out = np.empty((h, w, img.shape[2]), dtype=np.uint8)
    pad = padding or [114] * img.shape[2]
    out[:] = np.asarray(pad[: img.shape[2]], dtype=np.uint8)
    top, left = (h - nh) // 2, (w - nw) // 2
    out[top:top + nh, left:left + nw] = resize(img, nw, nh, interp)
    return out, {"sx": r, "sy": r, "left": float(left), "top": float(top)}


def preprocess_image(img, inp):
    """This package's preprocess to the input's size (see fit)."""
    h, w, _ = _hwc(inp)
    return fit(img, h, w, PREPROCESS, PADDING_COLOR)


def load_input(path, inp):
    """One model input from a file: an image (4-D inputs: preprocessed, colour order, NHWC uint8) or an .npy
    (NCHW or NHWC for 4-D inputs, the input's own shape otherwise). Returns (array, data_format, mapping)."""
    shape = list(inp["shape"])
    if path.endswith(".npy"):
        try:
            a = np.load(path, allow_pickle=False)
        except (OSError, ValueError) as e:
            raise InputError(f"{path}: cannot read ({e})") from None
        if a.ndim == len(shape) - 1:
            a = a[None]
        if len(shape) == 4:
            h, w, c = _hwc(inp)
            if list(a.shape) == [shape[0], h, w, c]:
                return np.ascontiguousarray(a), "nhwc", None
            if list(a.shape) == [shape[0], c, h, w]:
                return np.ascontiguousarray(a.transpose(0, 2, 3, 1)), "nhwc", None
            raise InputError(f"{path}: shape {list(a.shape)} is neither NCHW {[shape[0], c, h, w]} nor NHWC "
                             f"{[shape[0], h, w, c]} for input '{inp['name']}'")
        if list(a.shape) != shape:
            raise InputError(f"{path}: shape {list(a.shape)} but input '{inp['name']}' is {shape}")
        return a.astype(np.float32) if a.dtype.kind == "f" else a, None, None
    if not _is_image_input(inp):
        raise InputError(f"input '{inp['name']}' is not an image ({shape}): give a .npy")
    c = _hwc(inp)[2]
    img, mapping = preprocess_image(read_image(path, c), inp)
    if COLOR_ORDER == "BGR":
        img = img[..., ::-1]
    return np.ascontiguousarray(img[None]), "nhwc", mapping


def assign_inputs(positional, named):
    """Input files in the model's input order from positional paths and/or NAME=PATH pairs."""
    names = [i["name"] for i in INPUTS]
    given = {}
    for item in named or []:
        if "=" not in item:
            raise InputError(f"--input {item}: expected NAME=PATH")
        k, v = item.split("=", 1)
        if k not in names:
            raise InputError(f"--input {item}: '{k}' is not a model input ({', '.join(names)})")
        given[k] = v
    free = [n for n in names if n not in given]
    if len(positional) > len(free):
        raise InputError(f"{len(positional)} file(s) given for {len(free)} input(s) ({', '.join(free)})")
    given.update(zip(free, positional))
    missing = [n for n in names if n not in given]
    if missing:
        raise InputError(f"no file for input(s) {', '.join(missing)}: give one file per input "
                         f"(in order, or --input NAME=PATH)")
    return [given[n] for n in names]


# ---------------------------------------------------------------- NPU and tail


class Runner:
    """The NPU part (RKNNLite on the board, the rknn-toolkit2 simulator off it) and the onnxruntime tail."""

    def __init__(self, dtype):
        try:
            from rknnlite.api import RKNNLite
        except ImportError:
            RKNNLite = None
        if RKNNLite is not None:
            self.runtime = self.runtime_key = "rknn-toolkit-lite2"
            self.rk = RKNNLite()
            path = os.path.join(HERE, NAME + "_" + dtype + ".rknn")
            if self.rk.load_rknn(path) != 0 or self.rk.init_runtime() != 0:
                sys.exit(f"npu_inference: cannot load {path} on the NPU")
        else:
            from rknn.api import RKNN  # stand-in: rknn-toolkit2 simulator

            # the build the package made for this dtype: its rknn.config options, its calibration list for int8
            quant, dataset = dtype == "int8", os.path.join(HERE, "dataset.txt")
            if quant and not os.path.isfile(dataset):
                sys.exit("npu_inference: the stand-in simulates int8 with the package's dataset.txt, which is missing")
            self.runtime, self.runtime_key = f"rknn-toolkit2 simulator (stand-in, {dtype})", "rknn-toolkit2-simulator"
            self.rk = RKNN(verbose=False)
            self.rk.config(target_platform=TARGET, mean_values=[MEAN] * len(INPUTS), std_values=[STD] * len(INPUTS),
                           **(RKNN_CONFIG or {}).get(dtype, {}))
            ret = self.rk.load_onnx(model=os.path.join(HERE, NAME + ".npu.onnx"), inputs=[i["name"] for i in INPUTS],
                                    input_size_list=[list(i["shape"]) for i in INPUTS])
            if ret != 0 or self.rk.build(do_quantization=quant, dataset=dataset if quant else None) != 0:
                sys.exit("npu_inference: simulator build failed")
            if self.rk.init_runtime() != 0:
                sys.exit("npu_inference: simulator init_runtime failed")
        self.tail = None
        if TAIL:
            import onnxruntime as ort

            self.tail = ort.InferenceSession(os.path.join(HERE, TAIL), providers=["CPUExecutionProvider"])

    def npu(self, arrays, formats):
        # image inputs go in as NHWC uint8 (one format for all: rknn-toolkit-lite2 takes a single string)
        fmt = next((f for f in formats if f), None)
        outs = self.rk.inference(inputs=list(arrays), data_format=fmt)
        if outs is None:
            sys.exit("npu_inference: inference() returned nothing")
        return [np.asarray(o) for o in outs]

    def post(self, outs, settings, mapping):
        """The tail (onnxruntime), then for a detection tail: score threshold, per-class NMS, max detections."""
        names = list(NPU_OUTPUTS or [f"output{i}" for i in range(len(outs))])
        npu_outs = outs
        if self.tail is not None:
            by_name = dict(zip(names, outs))
            feeds = {}
            for k, i in enumerate(self.tail.get_inputs()):
                o = np.asarray(by_name.get(i.name, outs[k] if k < len(outs) else None), dtype=np.float32)
                if i.shape and all(isinstance(d, int) for d in i.shape) and o.size == int(np.prod(i.shape)):
                    o = o.reshape(i.shape)
                feeds[i.name] = o
            outs = self.tail.run(None, feeds)
            names = [o.name for o in self.tail.get_outputs()]
        res = dict(zip(names, outs))
        if ZOO_LAYOUT is not None:
            det = zoo_detections(npu_outs, settings)
        else:
            det = detections(res, settings) if self.tail is not None and HEAD_KIND != "nms" else None
        if det is not None:
            res["detections"] = det
            if mapping is not None:
                back = det.copy()
                back[:, [0, 2]] = (back[:, [0, 2]] - mapping["left"]) / mapping["sx"]
                back[:, [1, 3]] = (back[:, [1, 3]] - mapping["top"]) / mapping["sy"]
                res["detections_image"] = back
        return res

    def release(self):
        try:
            self.rk.release()
        except Exception:  # noqa: BLE001 - best effort at exit
            pass


def _yolo_rows(out):
    """(N, 4 + [1 objectness] + classes) rows and whether an objectness column is present, from a decoded
    YOLO output: (1, N, 5+nc) rows (YOLOv5 style, objectness) or (1, 4+nc, N) channels-first (YOLOv8 style)."""
    a = np.asarray(out, dtype=np.float32)
    if a.ndim == 3:
        a = a[0]
    if a.ndim != 2 or min(a.shape) < 5:
        return None, False
    nc = len(CLASS_NAMES) if CLASS_NAMES else None
    if nc is not None:
        if a.shape[1] == 5 + nc:
            return a, True
        if a.shape[0] == 4 + nc:
            return a.T, False
        if a.shape[1] == 4 + nc:
            return a, False
        if a.shape[0] == 5 + nc:
            return a.T, True
        return None, False
    return (a.T, False) if a.shape[0] < a.shape[1] else (a, True)


def nms(boxes, scores, classes, iou, max_det):
    """Greedy per-class NMS (boxes x1y1x2y2); indices kept, best score first. Works on score-sorted copies with
    slices (no per-box fancy indexing): a board CPU gets through thousands of candidates quickly."""
    order = np.argsort(-scores, kind="stable")
    b, c = boxes[order], classes[order]
    area = np.clip(b[:, 2] - b[:, 0], 0, None) * np.clip(b[:, 3] - b[:, 1], 0, None)
    alive = np.ones(len(order), dtype=bool)
    keep, n = [], 0
    while n < len(order) and len(keep) < max_det:
        keep.append(order[n])
        rest = b[n + 1:]
        x1 = np.maximum(b[n, 0], rest[:, 0])
        y1 = np.maximum(b[n, 1], rest[:, 1])
        x2 = np.minimum(b[n, 2], rest[:, 2])
        y2 = np.minimum(b[n, 3], rest[:, 3])
        inter = np.clip(x2 - x1, 0, None) * np.clip(y2 - y1, 0, None)
        ov = inter / (area[n] + area[n + 1:] - inter + 1e-12)
        alive[n + 1:] &= ~((ov > iou) & (c[n + 1:] == c[n]))
        nxt = np.flatnonzero(alive[n + 1:])
        if not len(nxt):
            break
        n += 1 + int(nxt[0])
    return np.asarray(keep, dtype=int)


def zoo_detections(outs, settings):
    """Detections from NPU outputs in rknn_model_zoo's layout (--cut-head zoo) by the package's yolo_zoo.py."""
    if HERE not in sys.path:
        sys.path.insert(0, HERE)
    import yolo_zoo

    d = yolo_zoo.detect(outs, ZOO_LAYOUT, conf=settings["conf"], iou=settings["iou"], max_det=settings["max_det"])
    return np.concatenate([np.asarray(d["boxes"], np.float32).reshape(-1, 4), np.asarray(d["scores"], np.float32)[:, None],
                           np.asarray(d["classes"], np.float32)[:, None]], 1)


def detections(res, settings):
    """(K, 6) float32: x1, y1, x2, y2, score, class in input pixels; None when no output is a decoded YOLO tensor."""
    for out in res.values():
        rows, obj = _yolo_rows(out)
        if rows is None:
            continue
        cls_scores = rows[:, 5:] * rows[:, 4:5] if obj else rows[:, 4:]
        cls = cls_scores.argmax(1)
        score = cls_scores[np.arange(len(rows)), cls]
        ok = score > settings["conf"]
        xy, wh = rows[ok, :2], rows[ok, 2:4]
        boxes = np.concatenate([xy - wh / 2, xy + wh / 2], 1)
        keep = nms(boxes, score[ok], cls[ok], settings["iou"], settings["max_det"])
        return np.concatenate([boxes[keep], score[ok][keep, None], cls[ok][keep, None].astype(np.float32)],
                              1).astype(np.float32) if len(keep) else np.zeros((0, 6), np.float32)
    return None


# ---------------------------------------------------------------- timing and records


def _ms(t):
    return round(t * 1000.0, 3)


def summarise(times, wall, runtime_key):
    """Per stage, mean and median over the timed runs (ms); FPS of the whole loop (preprocess included); and
    `latency`, the model's own inference (NPU part + tail) as performance_pt.json / performance_onnx.json
    record theirs: {runtime: {median_ms, min_ms, fps, runs}}."""
    stages = ("preprocess", "npu", "postprocess", "total")
    arr = {s: np.asarray([t[s] for t in times]) for s in stages}
    model = arr["npu"] + arr["postprocess"]
    med = float(np.median(model))
    return {"repeat": len(times), "stages_ms": {s: _ms(float(arr[s].mean())) for s in stages},
            "stages_ms_median": {s: _ms(float(np.median(arr[s]))) for s in stages},
            "fps": round(len(times) / wall, 2) if wall > 0 else None,
            "latency": {runtime_key: {"median_ms": _ms(med), "min_ms": _ms(float(model.min())),
                                      "fps": round(1.0 / med, 2) if med > 0 else None, "runs": len(times)}}}


def run_once(runner, files, settings):
    t0 = time.perf_counter()
    loaded = [load_input(f, inp) for f, inp in zip(files, INPUTS)]
    t1 = time.perf_counter()
    outs = runner.npu([x for x, _, _ in loaded], [f for _, f, _ in loaded])
    t2 = time.perf_counter()
    mapping = next((m for _, _, m in loaded if m is not None), None)
    res = runner.post(outs, settings, mapping)
    t3 = time.perf_counter()
    return loaded, outs, res, {"preprocess": t1 - t0, "npu": t2 - t1, "postprocess": t3 - t2, "total": t3 - t0}


def timed(runner, samples, settings, repeat, warmup):
    """Run the samples round-robin: warmup untimed runs, then repeat timed ones."""
    for k in range(warmup):
        run_once(runner, samples[k % len(samples)][0], settings)
    times, results = [], []
    t0 = time.perf_counter()
    for k in range(repeat):
        files, label = samples[k % len(samples)]
        loaded, outs, res, t = run_once(runner, files, settings)
        times.append(t)
        if k < len(samples):
            results.append((loaded, outs, res, label))
    return summarise(times, time.perf_counter() - t0, runner.runtime_key), results


def _cosine(a, b):
    a, b = np.asarray(a, np.float64).ravel(), np.asarray(b, np.float64).ravel()
    d = np.linalg.norm(a) * np.linalg.norm(b)
    return float(a @ b / d) if d > 0 else (1.0 if np.allclose(a, b) else 0.0)


def against_onnx(results):
    """Per NPU output, worst cosine and max abs error over the samples against <name>.npu.onnx in onnxruntime
    fp32 (inputs normalised with mean/std): the figures performance_rknn.json holds for the simulator."""
    path = os.path.join(HERE, NAME + ".npu.onnx")
    try:
        import onnxruntime as ort
    except ImportError:
        return None
    if not os.path.isfile(path):
        return None
    sess = ort.InferenceSession(path, providers=["CPUExecutionProvider"])
    names = [o.name for o in sess.get_outputs()]
    rows = {n: {"output": n, "cosine": 1.0, "max_abs_err": 0.0} for n in names}
    for loaded, outs, _, _ in results:
        feeds = {}
        for (x, fmt, _), inp in zip(loaded, INPUTS):
            a = x
            if fmt == "nhwc":
                a = (x.astype(np.float32) - np.asarray(MEAN, np.float32)) / np.asarray(STD, np.float32)
                if LAYOUT == "NCHW":
                    a = a.transpose(0, 3, 1, 2)
            feeds[inp["name"]] = np.ascontiguousarray(a, dtype=np.float32) if a.dtype.kind == "f" else a
        for n, r, o in zip(names, sess.run(None, feeds), outs):
            if np.size(r) != np.size(o):
                rows[n]["cosine"] = None
                continue
            o = np.asarray(o).reshape(np.shape(r))
            if rows[n]["cosine"] is not None:
                rows[n]["cosine"] = round(min(rows[n]["cosine"], _cosine(r, o)), 6)
            rows[n]["max_abs_err"] = max(rows[n]["max_abs_err"], float(np.abs(np.asarray(r, np.float64) - o).max()))
    return list(rows.values())


def top_k_accuracy(results):
    """top-1 / top-5 over the labelled samples, from the first output's scores (a classifier)."""
    hits1 = hits5 = n = 0
    for _, _, res, label in results:
        if label is None:
            continue
        first = np.asarray(next(iter(res.values())), np.float64)
        if not (first.ndim == 2 or first.ndim == 4 and first.shape[2:] == (1, 1)):
            return {"samples": sum(r[3] is not None for r in results), "top1": None,
                    "reason": f"the first output {list(first.shape)} is not class scores: top-1 is for classifiers"}
        scores = first.ravel()
        if CLASS_NAMES and label in CLASS_NAMES:
            want = CLASS_NAMES.index(label)
        else:
            try:
                want = int(label)
            except ValueError:
                raise InputError(f"label '{label}' is neither a class index nor one of the class names") from None
        order = np.argsort(-scores, kind="stable")
        hits1 += int(order[0] == want)
        hits5 += int(want in order[:5])
        n += 1
    return {"samples": n, "top1": round(hits1 / n, 6), "top5": round(hits5 / n, 6), "correct": hits1} if n else None


def read_samples(path):
    """A samples list: one line per sample, one file per input, then optionally a label (class index or name)."""
    if not os.path.isfile(path):
        raise InputError(f"{path}: samples list not found")
    base = os.path.dirname(os.path.abspath(path))
    out = []
    with open(path, encoding="utf-8") as f:
        for k, line in enumerate(f, 1):
            parts = line.split()
            if not parts:
                continue
            if len(parts) not in (len(INPUTS), len(INPUTS) + 1):
                raise InputError(f"{path}:{k}: {len(parts)} item(s); expected {len(INPUTS)} file(s) and an optional label")
            files = [p if os.path.isabs(p) else os.path.join(base, p) for p in parts[: len(INPUTS)]]
            out.append((files, parts[len(INPUTS)] if len(parts) > len(INPUTS) else None))
    if not out:
        raise InputError(f"{path}: samples list is empty")
    return out


def seeded_samples(folder, n=2):
    """Samples when none are given: pixel-range uint8 for image inputs, standard normal otherwise (seeded)."""
    rng = np.random.default_rng(0)
    out = []
    for k in range(n):
        files = []
        for j, inp in enumerate(INPUTS):
            if _is_image_input(inp):
                h, w, c = _hwc(inp)
                a = rng.integers(0, 256, (inp["shape"][0], h, w, c), dtype=np.uint8)
            else:
                a = rng.standard_normal(inp["shape"]).astype(np.float32)
            p = os.path.join(folder, f"seeded{k}_{j}.npy")
            np.save(p, a)
            files.append(p)
        out.append((files, None))
    return out


def compare_previous(record, path):
    """[previous, this run] pairs for what both records hold: worst output cosine (performance_rknn.json and
    performance_board.json: builds -> dtype -> outputs), model latency median and top-1 (performance_pt.json,
    performance_onnx.json, performance_board.json: latency -> runtime -> median_ms, accuracy -> top1)."""
    try:
        with open(path, encoding="utf-8") as f:
            prev = json.load(f)
        if not isinstance(prev, dict):
            raise ValueError("not a JSON object")
    except (OSError, ValueError) as e:
        raise InputError(f"{path}: cannot read previous record ({e})") from None

    def worst(rec):
        vals = [o.get("cosine") for o in (rec or {}).get("outputs") or [] if o.get("cosine") is not None]
        return min(vals) if vals else None

    def median(rec):
        return next((v.get("median_ms") for v in (rec.get("latency") or {}).values() if isinstance(v, dict)), None)

    diff = {"path": path, "phase": prev.get("phase") or ("rknn" if "builds" in prev else None)}
    for dtype, b in record["builds"].items():
        pb = (prev.get("builds") or {}).get(dtype)
        if pb:
            diff[dtype] = {"min_cosine": [worst(pb), worst(b)]}
    diff["latency_median_ms"] = [median(prev), median(record)]
    if "accuracy" in prev or "accuracy" in record:
        diff["top1"] = [(prev.get("accuracy") or {}).get("top1"), (record.get("accuracy") or {}).get("top1")]
    return diff


def _write_json(path, data):
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(data, f, indent=2)
        f.write("\n")
    os.replace(tmp, path)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="*", help="one image or .npy per model input, in input order")
    ap.add_argument("--input", action="append", metavar="NAME=PATH", help="a file for the named input (repeatable)")
    ap.add_argument("--out", default="outputs.npz", help="the outputs (and detections) as .npz")
    ap.add_argument("--timings", default="timings.json", help="where the timings go (JSON)")
    ap.add_argument("--rknn", choices=("fp16", "int8"), default=DEFAULT_RKNN,
                    help="which .rknn to load on the board (off the board: which build the simulator repeats)")
    ap.add_argument("--conf", type=float, default=0.25, help="score threshold (detection tail)")
    ap.add_argument("--iou", type=float, default=0.45, help="NMS IoU threshold (detection tail)")
    ap.add_argument("--max-det", type=int, default=100, help="detections kept after NMS (detection tail)")
    ap.add_argument("--repeat", type=int, default=1, help="timed runs (FPS over them)")
    ap.add_argument("--warmup", type=int, default=None, help="untimed runs first (default: 0, 1 with --benchmark)")
    ap.add_argument("--benchmark", action="store_true", help="write performance_board.json")
    ap.add_argument("--samples", help="--benchmark: list of samples (files per input, optional label)")
    ap.add_argument("--record", default=os.path.join(HERE, "performance_board.json"),
                    help="--benchmark: the record to write")
    ap.add_argument("--previous", help="--benchmark: a performance_rknn.json or performance_board.json to compare with")
    a = ap.parse_args(argv)
    try:
        if a.repeat < 1 or a.max_det < 1 or not 0 <= a.conf <= 1 or not 0 <= a.iou <= 1:
            raise InputError("--repeat and --max-det must be >= 1, --conf and --iou within 0..1")
        settings = {"conf": a.conf, "iou": a.iou, "max_det": a.max_det}
        if a.benchmark:
            return benchmark(a, settings)
        samples = [(assign_inputs(a.files, a.input), None)]
        runner = Runner(a.rknn)
        try:
            summary, results = timed(runner, samples, settings, a.repeat, a.warmup or 0)
        finally:
            runner.release()
    except InputError as e:
        print(f"npu_inference: {e}", file=sys.stderr)
        return 2
    res = results[0][2]
    np.savez(a.out, **res)
    timings = {"model": NAME, "target": TARGET, "rknn": a.rknn, "runtime": runner.runtime,
               "preprocess": PREPROCESS, "settings": settings, **summary}
    _write_json(a.timings, timings)
    for k, v in res.items():
        print(k, list(np.shape(v)))
    if "detections" in res:
        for x1, y1, x2, y2, s, c in res.get("detections_image", res["detections"])[:20]:
            label = CLASS_NAMES[int(c)] if CLASS_NAMES and int(c) < len(CLASS_NAMES) else str(int(c))
            print(f"  {label:<16} {s:.3f}  [{x1:.1f}, {y1:.1f}, {x2:.1f}, {y2:.1f}]")
    lat = summary["stages_ms"]
    print(f"timings (ms, mean of {summary['repeat']}): preprocess {lat['preprocess']}, NPU {lat['npu']}, "
          f"postprocess {lat['postprocess']}, total {lat['total']}; {summary['fps']} FPS ({runner.runtime})")
    return 0


def benchmark(a, settings):
    """performance_board.json: `builds -> dtype -> outputs` (cosine / max abs error against <name>.npu.onnx)
    as performance_rknn.json holds them for the simulator, `latency` and `accuracy` as performance_pt.json and
    performance_onnx.json hold them, and the per-stage timings."""
    import tempfile

    record = {"phase": "board", "model": NAME, "target": TARGET, "rknn": a.rknn, "runtime": None,
              "preprocess": PREPROCESS, "builds": {}}
    if a.previous:  # read before the run: a bad path is exit 2 without waiting
        compare_previous(record, a.previous)
    with tempfile.TemporaryDirectory() as tmp:
        samples = read_samples(a.samples) if a.samples else seeded_samples(tmp)
        runner = Runner(a.rknn)
        try:
            summary, results = timed(runner, samples, settings, max(a.repeat, len(samples)),
                                     1 if a.warmup is None else a.warmup)
        finally:
            runner.release()
        outputs = against_onnx(results)
        accuracy = top_k_accuracy(results)
    record.update(runtime=runner.runtime, samples=len(samples), **summary,
                  builds={a.rknn: {"status": "ran", "outputs": outputs}})
    if accuracy is not None:
        record["accuracy"] = accuracy
    if a.previous:
        record["previous"] = compare_previous(record, a.previous)
    _write_json(a.record, record)
    st, lat = summary["stages_ms"], summary["latency"][runner.runtime_key]
    print(f"{NAME} ({a.rknn}, {runner.runtime}): model median {lat['median_ms']} ms ({lat['fps']} FPS); "
          f"with preprocessing {st['total']} ms/frame, {summary['fps']} FPS over {summary['repeat']} runs"
          + (f"; top-1 {accuracy['top1']}" if accuracy else ""))
    print(f"wrote {a.record}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
