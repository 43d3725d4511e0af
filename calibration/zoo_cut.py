"""Measure `--cut-head zoo` on the calibration corpus's YOLO exports (and its other detectors, which it must
refuse): which models cut, whether the zoo outputs decoded by rknnlint.postprocess.yolo_zoo give the
detections of the model's own decode, and whether each cut model builds with rknn-toolkit2.

    python calibration/zoo_cut.py --models /work/calib/models --out calibration/results/zoo/zoo_cut-rk3588-float16.json

Per model: `rknnlint fix MODEL --unsafe-fixes --cut-head zoo [--input-shape ...]` (its exit code, notes and
onnxruntime proof of NPU part + tail against the original); then the detections: the export's head
convolutions rescaled (its random weights score every anchor point alike), cut again, and the best 100 scores
of the model's own decode after per-class NMS (IoU 0.45; rotated IoU for obb) against yolo_zoo.detect on the
zoo outputs at the same threshold (same count and classes, boxes/scores within 1e-3 relative), where the
model's output has one decoded row per anchor point; then `rknnlint build CUT --target T --fp16 --format json`
on the cut export as it is.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
MODELS = ["det_yolov8n_320_op12", "det_yolov8n_320_op12_noslim", "det_yolov8n_320_op12_nms",
          "det_yolov8n_320_op12_dynbatch", "det_yolov8n_320_op17_dynamic", "det_yolo11n_320_op12",
          "det_yolo11n_640_op19", "det_yolov5nu_320_op12", "det_yolov5_anchor_head_op13", "det_yolov10n_320_op13",
          "det_yolo12n_320_op17", "det_yolo26n_320_op13", "seg_yolov8n_320_op12", "seg_yolo11n_320_op12",
          "pose_yolov8n_320_op12", "pose_yolo11n_320_op12", "obb_yolov8n_320_op12", "obb_yolo11n_320_op12",
          "det_rtdetr_l_320_op17", "det_tv_ssdlite320_mbv3_op11", "det_tv_fcos_r50_fpn_256_op13",
          "det_tv_retinanet_r50_fpn_256_op11", "det_centernet_r18_op13", "det_focus_space_to_depth_op12"]
# dynamic exports: the shape a user would pin (the corpus exported them at 320)
SHAPES = {"det_yolov8n_320_op12_dynbatch": "images=1,3,320,320", "det_yolov8n_320_op17_dynamic": "images=1,3,320,320"}


def _cli(*args, timeout=1800):
    p = subprocess.run([sys.executable, "-m", "rknnlint", *map(str, args)], capture_output=True, text=True,
                       timeout=timeout, cwd=ROOT)
    return p.returncode, p.stdout, p.stderr


def _session(path):
    import onnxruntime as ort

    so = ort.SessionOptions()
    so.log_severity_level = 3
    return ort.InferenceSession(str(path), so, providers=["CPUExecutionProvider"])


def _liven(src: Path, dst: Path) -> None:
    """The export with the convolutions that produce its head tensors rescaled to unit-variance features and
    given random biases (mean -4 where the export's are negative: class branches; 1x1 convs centred on the
    feature mean), as tests/test_zoo_head.py does: the random-weight exports' head features are ~1e-7, so every anchor point scores alike otherwise."""
    import onnx
    from onnx import numpy_helper

    from rknnlint.graph import ModelView
    from rknnlint.heads import find_head_boundary

    m = onnx.load(src)
    view = ModelView(m)
    hb = find_head_boundary(view)
    convs = [view.producer_of(t).node for t in hb.boundary_tensors
             if view.producer_of(t) is not None and view.producer_of(t).op_type == "Conv"]
    probe = onnx.ModelProto()
    probe.CopyFrom(m)
    for n in convs:
        probe.graph.output.append(onnx.helper.make_empty_tensor_value_info(n.input[0]))
    sess = _session_bytes(probe.SerializeToString())
    inp = sess.get_inputs()[0]
    x = np.random.default_rng(0).random([d if isinstance(d, int) else 1 for d in inp.shape], dtype=np.float32)
    feats = sess.run([n.input[0] for n in convs], {inp.name: x})
    inits = {t.name: t for t in m.graph.initializer}
    rng = np.random.default_rng(0)
    for n, f in zip(convs, feats):
        if len(n.input) < 3 or n.input[1] not in inits or n.input[2] not in inits:
            continue
        w, b = numpy_helper.to_array(inits[n.input[1]]), numpy_helper.to_array(inits[n.input[2]])
        w = (w / (max(float(f.std()), 1e-30) * np.sqrt(w.shape[1]) * np.abs(w).mean())).astype(w.dtype)
        mean = f.mean(axis=(0, 2, 3)).astype(np.float64)  # centred: a large feature mean would saturate
        centre = (w.astype(np.float64).sum(axis=(2, 3)) @ mean) if w.shape[2:] == (1, 1) else 0.0
        b = (rng.standard_normal(b.shape) - (4.0 if b.mean() < 0 else 0.0) - centre).astype(b.dtype)
        for k, arr in ((1, w), (2, b)):  # new initializers: an exporter may share one (a zero bias) among convs
            name = f"{n.name}/live_{k}"
            m.graph.initializer.append(numpy_helper.from_array(arr, name))
            n.input[k] = name
    onnx.save(m, dst)


def _session_bytes(data):
    import onnxruntime as ort

    so = ort.SessionOptions()
    so.log_severity_level = 3
    return ort.InferenceSession(data, so, providers=["CPUExecutionProvider"])


def _compare(orig: Path, work: Path, pinned: str | None) -> dict:
    """On the export with its head convolutions rescaled (_liven): the model's own decode + NMS vs the zoo
    outputs through yolo_zoo.detect, on one seeded input, at the threshold that keeps its best 100 scores."""
    import onnx

    from rknnlint.postprocess import yolo_zoo
    from rknnlint.rewrites import RewriteOptions, get_rewrite

    live = work / f"{orig.stem}.live.onnx"
    if pinned:  # the dynamic exports: pin the same shape the fix was given, first
        name, _, dims = pinned.partition("=")
        res = get_rewrite("pin-input-shapes").apply(onnx.load(orig),
                                                    RewriteOptions(input_shapes={name: tuple(map(int, dims.split(",")))}))
        onnx.save(res.model, live)
        orig = live
    _liven(orig, live)
    m0 = onnx.load(live)
    r = get_rewrite("cut-head").apply(m0, RewriteOptions(cut_head="zoo", explicit=True))
    m, layout = r.model, r.extra["zoo_layout"]
    s_cut = _session_bytes(m.SerializeToString())
    shape = s_cut.get_inputs()[0].shape
    x = np.random.default_rng(0).random(shape, dtype=np.float32)
    outs = s_cut.run(None, {s_cut.get_inputs()[0].name: x})
    s_o = _session(live)
    ref = s_o.run(None, {s_o.get_inputs()[0].name: x})[0]
    p = yolo_zoo.predictions(outs, layout)
    n = p["boxes"].shape[0]
    nc = layout["nc"]
    r = ref[0]
    if r.ndim == 2 and r.shape[1] == 6 and n not in r.shape:
        return _compare_embedded_nms(m0, r, outs, layout)
    if r.ndim != 2 or n not in r.shape:
        return {"compared": False, "why": f"the model's output {list(ref.shape)} is not one row per anchor point "
                                          "(embedded NMS / top-k): the cut's own check compared the predictions "
                                          "before it"}
    r = r if r.shape[1] == n else r.T  # [C, N]
    sc = r[5:5 + nc] * r[4:5] if layout["family"] == "anchor" else r[4:4 + nc]
    xywh = r[:4].T
    rotated = layout["task"] == "obb"
    rbox = np.concatenate([xywh, r[-1][:, None]], 1) if rotated else \
        np.concatenate([xywh[:, :2] - xywh[:, 2:] / 2, xywh[:, :2] + xywh[:, 2:] / 2], 1)
    best, cls = sc.max(0), sc.argmax(0)
    s = np.unique(best)[::-1]
    if s.size < 101:
        return {"compared": False, "why": f"only {s.size} distinct scores"}
    conf = float((s[99] + s[100]) / 2)
    from rknnlint.postprocess.yolo_zoo import nms

    kept = []
    for c in np.unique(cls[best > conf]):
        sel = np.nonzero((best > conf) & (cls == c))[0]
        kept.extend(sel[nms(rbox[sel], best[sel], 0.45, rotated=rotated)])
    kept = np.array(sorted(kept, key=lambda k: -best[k]), dtype=np.int64)
    want = (rbox[kept], best[kept], cls[kept])
    got = yolo_zoo.detect(outs, layout, conf=conf, iou=0.45, max_det=1000)
    gb = got["xywhr"] if rotated else got["boxes"]
    ok = len(got["scores"]) == len(want[1]) > 0
    if ok:
        o1 = np.lexsort((gb[:, 0], got["classes"], -np.round(got["scores"], 5)))
        o2 = np.lexsort((want[0][:, 0], want[2], -np.round(want[1], 5)))
        scale = max(float(np.abs(want[0]).max()), 1.0)
        ok = (np.array_equal(got["classes"][o1], want[2][o2])
              and np.allclose(got["scores"][o1], want[1][o2], rtol=1e-3, atol=1e-6)
              and np.allclose(gb[o1], want[0][o2], rtol=1e-3, atol=1e-3 * scale))
    return {"compared": True, "match": bool(ok), "conf": conf, "detections": int(len(want[1])),
            "classes": int(len(set(want[2].tolist()))), "got": int(len(got["scores"]))}


def _compare_embedded_nms(model, rows, outs, layout) -> dict:
    """An export ending in NMS ([K, 6]: x1, y1, x2, y2, score, class; zero rows pad): its own detections
    against yolo_zoo.detect at the IoU of its NonMaxSuppression and the score threshold of its Greater."""
    from rknnlint.graph import ModelView
    from rknnlint.postprocess import yolo_zoo

    view = ModelView(model)
    iou = conf = None
    for r in view.main_nodes:
        if r.op_type == "NonMaxSuppression" and len(r.inputs) > 3:
            v = view.const_value(r.inputs[3])
            iou = float(v.reshape(-1)[0]) if v is not None else None
        if r.op_type == "Greater" and conf is None:
            v = view.const_value(r.inputs[1])
            conf = float(v.reshape(-1)[0]) if v is not None and v.size == 1 else None
    if iou is None or conf is None:
        return {"compared": False, "why": "no NonMaxSuppression IoU / score threshold constants found"}
    want = rows[rows[:, 4] > 0]
    got = yolo_zoo.detect(outs, layout, conf=conf, iou=iou, max_det=rows.shape[0])
    ok = len(got["scores"]) == len(want) > 0
    if ok:
        o1 = np.lexsort((got["boxes"][:, 0], got["classes"], -np.round(got["scores"], 5)))
        o2 = np.lexsort((want[:, 0], want[:, 5], -np.round(want[:, 4], 5)))
        scale = max(float(np.abs(want[:, :4]).max()), 1.0)
        ok = (np.array_equal(got["classes"][o1], want[o2, 5].astype(np.int64))
              and np.allclose(got["scores"][o1], want[o2, 4], rtol=1e-3, atol=1e-6)
              and np.allclose(got["boxes"][o1], want[o2, :4], rtol=1e-3, atol=1e-3 * scale))
    return {"compared": True, "embedded_nms": True, "match": bool(ok), "conf": conf, "iou": iou,
            "detections": int(len(want)), "classes": int(len(set(want[:, 5].tolist()))), "got": int(len(got["scores"]))}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--models", default="/work/calib/models")
    ap.add_argument("--out", default=str(ROOT / "calibration/results/zoo/zoo_cut-rk3588-float16.json"))
    ap.add_argument("--target", default="rk3588")
    ap.add_argument("--work", default="/tmp/zoo_cut")
    ap.add_argument("--no-build", action="store_true")
    ap.add_argument("--only", default=None, help="comma list of model names (default: all of MODELS)")
    a = ap.parse_args()
    work = Path(a.work)
    work.mkdir(parents=True, exist_ok=True)
    rows = []
    for name in (a.only.split(",") if a.only else MODELS):
        src = Path(a.models) / f"{name}.onnx"
        if not src.is_file():
            continue
        cut = work / f"{name}.zoo.onnx"
        extra = ["--input-shape", SHAPES[name]] if name in SHAPES else []
        t0 = time.monotonic()
        code, out, err = _cli("fix", src, "--unsafe-fixes", "--cut-head", "zoo", "-o", cut, "--format", "json", *extra)
        row = {"model": name, "fix_exit": code, "seconds_cut": round(time.monotonic() - t0, 1)}
        if code != 0 or not cut.is_file():
            row["refused"] = (err.strip().splitlines() or ["?"])[-1]
            rows.append(row)
            print(json.dumps(row), flush=True)
            continue
        res = json.loads(out)["models"][0]
        step = next(s for s in res["steps"] if s["rewrite"] == "cut-head" and s["status"] == "applied")
        row["layout"] = step["notes"][-1]
        row["proof"] = res["proof"]["summary"] if res.get("proof") else None
        row["proof_ok"] = bool(res.get("proof") and res["proof"]["ok"])
        try:
            row["detections"] = _compare(src, work, SHAPES.get(name))
        except Exception as e:  # recorded, not fatal: the other models still run
            row["detections"] = {"compared": False, "why": f"{type(e).__name__}: {str(e).splitlines()[0][:200]}"}
        if not a.no_build:
            t0 = time.monotonic()
            bcode, bout, berr = _cli("build", cut, "--target", a.target, "--fp16", "--format", "json", "--no-cache")
            try:
                b = json.loads(bout)
                r0 = (b.get("builds") or [{}])[0]
                row["build"] = {"exit": bcode, "status": r0.get("status"), "error": r0.get("error"),
                                "cpu_ops": sorted({lay.get("op_type") for lay in r0.get("layers", [])
                                                   if lay.get("target") == "CPU"} - {"InputOperator", "OutputOperator"}),
                                "seconds": round(time.monotonic() - t0, 1)}
            except (ValueError, IndexError, AttributeError) as e:
                row["build"] = {"exit": bcode, "unparsed": str(e), "tail": (bout + berr)[-400:]}
        rows.append(row)
        print(json.dumps(row), flush=True)
    import rknnlint

    doc = {"command": "python calibration/zoo_cut.py --models /work/calib/models", "target": a.target,
           "dtype": "float16", "rknnlint": getattr(rknnlint, "__version__", "?"), "models": rows}
    try:
        from rknnlint.platforms import installed_toolkit_version

        doc["toolkit"] = installed_toolkit_version()
    except Exception:
        pass
    Path(a.out).write_text(json.dumps(doc, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
