"""`--cut-head zoo`: a YOLO model cut to rknn_model_zoo's per-stride output layout gives, decoded by
rknnlint.postprocess.yolo_zoo, the detections of the original model's own decode (and of its own NMS when
one is embedded); the layout and the refusals are what docs/fixing.md#zoo-layout says.

The fixtures' random weights leave the head's features near zero (every anchor point scores the same), so
the tests first rescale the head's last convolutions to give varied boxes and scores: the comparison then
can fail on any misplaced channel, stride or anchor."""
from __future__ import annotations

import json

import numpy as np
import onnx
import pytest
from onnx import helper, numpy_helper

from conftest import run_cli, shared_model
from rknnlint.postprocess import yolo_zoo

V8 = "det_yolov8n_nc20_256_op12.onnx"  # ultralytics YOLOv8n export, 20 classes, 256x256
V5 = "det_yolov5style_nc20_320_op12.onnx"  # YOLOv5-style anchor head, 20 classes, 320x320
V5_ANCHORS = [[[10, 13], [16, 30], [33, 23]], [[30, 61], [62, 45], [59, 119]], [[116, 90], [156, 198], [373, 326]]]


def _session(model):
    import onnxruntime as ort

    so = ort.SessionOptions()
    so.log_severity_level = 3
    data = model.SerializeToString() if isinstance(model, onnx.ModelProto) else str(model)
    return ort.InferenceSession(data, so, providers=["CPUExecutionProvider"])


def _image(shape, seed=0):
    return np.random.default_rng(seed).random(shape, dtype=np.float32)


def _liven(name: str, heads: list[str], tmp_path, seed: int = 0):
    """The fixture with its last head convolutions (those named) rescaled to unit-variance features and
    given random biases (mean -4 for class branches), so boxes and scores vary between anchor points."""
    m = onnx.load(shared_model(name))
    convs = [n for n in m.graph.node if n.op_type == "Conv" and n.name in heads]
    assert len(convs) == len(heads), [n.name for n in convs]
    probe = onnx.ModelProto()
    probe.CopyFrom(m)
    for n in convs:
        probe.graph.output.append(helper.make_empty_tensor_value_info(n.input[0]))
    s = _session(probe)
    feats = s.run([n.input[0] for n in convs], {s.get_inputs()[0].name: _image(s.get_inputs()[0].shape)})
    inits = {t.name: t for t in m.graph.initializer}
    rng = np.random.default_rng(seed)
    for n, f in zip(convs, feats):
        w, b = numpy_helper.to_array(inits[n.input[1]]), numpy_helper.to_array(inits[n.input[2]])
        w = (w / (f.std() * np.sqrt(w.shape[1]) * np.abs(w).mean())).astype(np.float32)
        b = (rng.standard_normal(b.shape) - (4.0 if b.mean() < 0 else 0.0)).astype(np.float32)
        for k, arr in ((1, w), (2, b)):  # new initializers: an exporter may share one (a zero bias) among convs
            m.graph.initializer.append(numpy_helper.from_array(arr, f"{n.name}/live_{k}"))
            n.input[k] = f"{n.name}/live_{k}"
    p = tmp_path / name
    onnx.save(m, p)
    return p


def _v8(tmp_path):
    return _liven(V8, [f"/model.22/cv{b}.{i}/cv{b}.{i}.2/Conv" for i in range(3) for b in (2, 3)], tmp_path)


def _v5(tmp_path):
    return _liven(V5, [f"/m.{i}/Conv" for i in range(3)], tmp_path)


def _cut(src, tmp_path, *extra):
    out = tmp_path / "zoo.onnx"
    code, text, err = run_cli("fix", src, "--unsafe-fixes", "--cut-head", "zoo", "-o", out, *extra)
    assert code == 0, text + err
    assert "zoo layout" in text and "proof       NPU part + post-processing tail equal to the original" in text, text
    m = onnx.load(out)
    layout = yolo_zoo.layout_of({p.key: p.value for p in m.metadata_props})
    return out, m, layout


def _ref_nms(boxes, scores, classes, iou):
    """Plain per-class greedy NMS (xyxy), written apart from yolo_zoo's."""
    keep = []
    for c in sorted(set(classes.tolist())):
        idx = [i for i in np.argsort(-scores, kind="stable") if classes[i] == c]
        while idx:
            i, idx = idx[0], idx[1:]
            keep.append(i)
            rest = []
            for j in idx:
                x1, y1 = max(boxes[i, 0], boxes[j, 0]), max(boxes[i, 1], boxes[j, 1])
                x2, y2 = min(boxes[i, 2], boxes[j, 2]), min(boxes[i, 3], boxes[j, 3])
                inter = max(0.0, x2 - x1) * max(0.0, y2 - y1)
                area = lambda k: (boxes[k, 2] - boxes[k, 0]) * (boxes[k, 3] - boxes[k, 1])  # noqa: E731
                if inter / (area(i) + area(j) - inter) <= iou:
                    rest.append(j)
            idx = rest
    keep = np.array(sorted(keep, key=lambda k: -scores[k]), dtype=np.int64)
    return boxes[keep], scores[keep], classes[keep]


def _xyxy(xywh):
    return np.concatenate([xywh[:, :2] - xywh[:, 2:] / 2, xywh[:, :2] + xywh[:, 2:] / 2], 1)


def _same_detections(got, ref, scale):
    boxes, scores, classes = ref
    assert len(got["scores"]) == len(scores)
    order = np.lexsort((got["boxes"][:, 0], got["classes"], -np.round(got["scores"], 5)))
    ref_order = np.lexsort((boxes[:, 0], classes, -np.round(scores, 5)))
    np.testing.assert_array_equal(got["classes"][order], classes[ref_order])
    np.testing.assert_allclose(got["scores"][order], scores[ref_order], rtol=1e-4, atol=1e-6)
    np.testing.assert_allclose(got["boxes"][order], boxes[ref_order], atol=1e-4 * scale, rtol=1e-4)


@pytest.fixture(scope="module")
def v8cut(tmp_path_factory):
    """The rescaled YOLOv8n fixture and its zoo cut: (source, folder, cut model, layout), made once."""
    d = tmp_path_factory.mktemp("v8zoo")
    src = _v8(d)
    _, npu, layout = _cut(src, d)
    return src, d, npu, layout


def _conf_for(scores, k):
    """A threshold between the k-th and (k+1)-th best score (no score sits on it)."""
    s = np.sort(scores)[::-1]
    return float((s[k - 1] + s[k]) / 2)


def test_v8_zoo_layout(v8cut):
    _, _, m, layout = v8cut
    shapes = [(o.name, [d.dim_value for d in o.type.tensor_type.shape.dim]) for o in m.graph.output]
    want = []
    for hw in (32, 16, 8):
        want += [[1, 64, hw, hw], [1, 20, hw, hw], [1, 1, hw, hw]]
    assert [s for _, s in shapes] == want
    assert [n for n, _ in shapes][1:3] == ["cls_s8", "score_sum_s8"]
    assert layout["family"] == "dfl" and layout["task"] == "detect" and layout["strides"] == [8, 16, 32]
    assert layout["reg_max"] == 16 and layout["nc"] == 20 and layout["per_stride"] == ["box", "cls", "score_sum"]
    assert "rknn_model_zoo" in layout["zoo"]
    s = _session(m)
    outs = s.run(None, {s.get_inputs()[0].name: _image([1, 3, 256, 256])})
    for k in range(3):
        cls, total = outs[3 * k + 1], outs[3 * k + 2]
        assert 0 < cls.min() and cls.max() < 1 and cls.std() > 0.05  # sigmoid scores that vary
        np.testing.assert_allclose(total, np.clip(cls.sum(1, keepdims=True), 0, 1), rtol=1e-5, atol=1e-6)
        assert total.min() < 1 and total.max() == 1  # some sums clipped to 1, as the zoo's quick filter expects


@pytest.mark.parametrize("seed", [0, 1])
def test_v8_zoo_detections_equal_the_models_own_decode(v8cut, seed):
    src, _, npu, layout = v8cut
    x = _image([1, 3, 256, 256], seed)
    ref = _session(src).run(None, {"images": x})[0][0]  # [24, N]: xywh, 20 class scores
    s = _session(npu)
    outs = s.run(None, {s.get_inputs()[0].name: x})
    scores = ref[4:].max(0)
    conf = _conf_for(scores, 150)
    keep = scores > conf
    want = _ref_nms(_xyxy(ref[:4].T)[keep], scores[keep], ref[4:].argmax(0)[keep], 0.45)
    got = yolo_zoo.detect(outs, layout, conf=conf, iou=0.45, max_det=1000)
    assert len(want[1]) >= 20 and len(set(want[2].tolist())) >= 5  # many boxes of many classes
    _same_detections(got, want, 256)


def _with_nms(src, tmp_path, conf: float, iou: float):
    """The model with ONNX NonMaxSuppression appended to its decoded output (per class, on each anchor
    point's best class, as exporters embed it): outputs 'selected' [K, 3] and the decoded 'output0'."""
    m = onnx.load(src)
    out = m.graph.output[0].name
    n = [d.dim_value for d in m.graph.output[0].type.tensor_type.shape.dim][2]
    i64 = lambda v, k: numpy_helper.from_array(np.array(v, np.int64), k)  # noqa: E731
    m.graph.initializer.extend([i64([0], "s0"), i64([4], "s4"), i64([24], "s24"), i64([1], "ax1"),
                                i64([1000], "max_out"), numpy_helper.from_array(np.array([iou], np.float32), "iou"),
                                numpy_helper.from_array(np.array([conf], np.float32), "conf")])
    m.graph.node.extend([
        helper.make_node("Slice", [out, "s0", "s4", "ax1"], ["xywh_t"]),
        helper.make_node("Transpose", ["xywh_t"], ["xywh"], perm=[0, 2, 1]),
        helper.make_node("Slice", [out, "s4", "s24", "ax1"], ["cls"]),
        helper.make_node("ReduceMax", ["cls"], ["best"], axes=[1], keepdims=1),
        helper.make_node("Equal", ["cls", "best"], ["is_best"]),
        helper.make_node("Cast", ["is_best"], ["is_best_f"], to=onnx.TensorProto.FLOAT),
        helper.make_node("Mul", ["cls", "is_best_f"], ["cls_best"]),
        helper.make_node("NonMaxSuppression", ["xywh", "cls_best", "max_out", "iou", "conf"], ["selected"],
                         center_point_box=1)])
    m.graph.output.insert(0, helper.make_tensor_value_info("selected", onnx.TensorProto.INT64, [None, 3]))
    assert n > 0
    p = tmp_path / "with_nms.onnx"
    onnx.save(m, p)
    return p


def test_v8_zoo_detections_equal_the_models_embedded_nms(tmp_path):
    src = _v8(tmp_path)
    x = _image([1, 3, 256, 256], 2)
    ref = _session(src).run(None, {"images": x})[0][0]
    conf = _conf_for(ref[4:].max(0), 200)
    nms_model = _with_nms(src, tmp_path, conf, 0.5)
    selected, decoded = _session(nms_model).run(None, {"images": x})
    _, npu, layout = _cut(nms_model, tmp_path)
    assert layout["nms"] is True
    s = _session(npu)
    got = yolo_zoo.detect(s.run(None, {s.get_inputs()[0].name: x}), layout, conf=conf, iou=0.5, max_det=1000)
    d = decoded[0]
    cls, idx = selected[:, 1], selected[:, 2]
    want = (_xyxy(d[:4].T)[idx], d[4 + cls, idx], cls)
    assert len(idx) >= 30
    _same_detections(got, want, 256)


def test_v5_zoo_layout_and_detections(tmp_path):
    src = _v5(tmp_path)
    _, npu, layout = _cut(src, tmp_path)
    assert [[d.dim_value for d in o.type.tensor_type.shape.dim] for o in npu.graph.output] == \
        [[1, 75, 40, 40], [1, 75, 20, 20], [1, 75, 10, 10]]
    assert layout["family"] == "anchor" and layout["per_stride"] == ["p"] and layout["nc"] == 20
    assert layout["anchors"] == V5_ANCHORS  # read back from the model's own decode, in input pixels
    x = _image([1, 3, 320, 320], 3)
    ref = _session(src).run(None, {_session(src).get_inputs()[0].name: x})[0][0]  # [N, 25]: xywh, obj, classes
    s = _session(npu)
    outs = s.run(None, {s.get_inputs()[0].name: x})
    assert all(0 < o.min() and o.max() < 1 for o in outs)  # after the sigmoid, as the zoo's yolov5.py reads them
    score_all = ref[:, 5:] * ref[:, 4:5]
    scores = score_all.max(1)
    conf = _conf_for(scores, 300)
    keep = scores > conf
    want = _ref_nms(_xyxy(ref[:, :4])[keep], scores[keep], score_all.argmax(1)[keep], 0.45)
    got = yolo_zoo.detect(outs, layout, conf=conf, iou=0.45, max_det=1000)
    assert len(want[1]) >= 20 and len(set(want[2].tolist())) >= 5
    _same_detections(got, want, 320)


def test_zoo_tail_restores_the_original_outputs(v8cut):
    """The written <stem>.postprocess.onnx maps the zoo outputs back to the model's own outputs."""
    src, d, npu, _ = v8cut
    tail = _session(d / (src.stem + ".postprocess.onnx"))
    x = _image([1, 3, 256, 256], 4)
    s = _session(npu)
    got = dict(zip([o.name for o in s.get_outputs()], s.run(None, {s.get_inputs()[0].name: x})))
    assert "score_sum_s8" not in {i.name for i in tail.get_inputs()}
    back = tail.run(None, {i.name: got[i.name] for i in tail.get_inputs()})[0]
    np.testing.assert_allclose(back, _session(src).run(None, {"images": x})[0], rtol=1e-4, atol=1e-4)


@pytest.mark.parametrize("name, why", [
    ("cls_shufflenet_v2_x1_0_op13.onnx", "not a recognised YOLO family: no post-processing head found"),
    ("det_tiny_topk_nms_op11.onnx", "not a recognised YOLO family"),
    ("cls_mnasnet0_5_op13_dynbatch.onnx", "not a recognised YOLO family"),
])
def test_zoo_refuses_what_is_not_yolo(tmp_path, name, why):
    out = tmp_path / "x.onnx"
    code, text, err = run_cli("fix", shared_model(name), "--unsafe-fixes", "--cut-head", "zoo", "-o", out)
    assert code == 2
    assert err.startswith("rknnlint: error: --cut-head zoo: ") and why in err and err.count("\n") == 1, err
    assert not out.exists()


def test_zoo_needs_a_static_input(tmp_path):
    m = onnx.load(_v8(tmp_path))
    m.graph.input[0].type.tensor_type.shape.dim[2].dim_param = "h"
    p = tmp_path / "dyn.onnx"
    onnx.save(m, p)
    from rknnlint.errors import UsageError
    from rknnlint.rewrites.zoo_head import cut_zoo

    with pytest.raises(UsageError, match=r"static \[1,C,H,W\] shape: pin it first"):
        cut_zoo(onnx.load(p))


def test_layout_is_json_in_the_metadata(v8cut):
    _, _, m, layout = v8cut
    meta = {p.key: p.value for p in m.metadata_props}
    assert json.loads(meta["rknnlint.zoo_layout"]) == layout
    assert layout["outputs"] == [o.name for o in m.graph.output]
    with pytest.raises(ValueError, match="--cut-head zoo"):
        yolo_zoo.layout_of({})


def test_nms_and_probiou():
    boxes = np.array([[0, 0, 10, 10], [1, 1, 11, 11], [20, 20, 30, 30]], np.float64)
    assert yolo_zoo.nms(boxes, np.array([0.9, 0.8, 0.7]), 0.5).tolist() == [0, 2]
    assert yolo_zoo.nms(boxes, np.array([0.9, 0.8, 0.7]), 0.7).tolist() == [0, 1, 2]
    r = np.array([[5, 5, 10, 4, 0.3], [5, 5, 10, 4, 0.3], [50, 50, 10, 4, 0.3]], np.float64)
    iou = yolo_zoo.probiou(r[0], r)
    assert iou[0] > 0.99 and iou[2] < 0.01
    assert yolo_zoo.nms(r, np.array([0.9, 0.8, 0.7]), 0.5, rotated=True).tolist() == [0, 2]


@pytest.mark.toolkit
def test_zoo_cut_v8_builds_and_the_simulator_decodes_alike(tmp_path):
    """One real rknn-toolkit2 build (rk3588 fp16) of the zoo-cut YOLOv8n: it builds, and the simulator's
    outputs decode to the predictions onnxruntime's do (cosine of the scores and boxes). The fixture as
    exported: the rescaled heads of the other tests overflow float16."""
    pytest.importorskip("rknn.api")
    from rknnlint.toolkit.simulate import cosine, simulate

    npu_path, npu, layout = _cut(shared_model(V8), tmp_path)
    x = _image([1, 3, 256, 256], 5)
    name = npu.graph.input[0].name
    rc, sim, log = simulate(npu_path, {name: x}, cwd=tmp_path)
    assert rc == 0, log[-2000:]
    assert [list(o.shape) for o in sim] == [[d.dim_value for d in o.type.tensor_type.shape.dim] for o in npu.graph.output]
    s = _session(npu)
    want = yolo_zoo.predictions(s.run(None, {name: x}), layout)
    got = yolo_zoo.predictions(sim, layout)
    assert cosine(got["scores"], want["scores"]) >= 0.999
    assert cosine(got["boxes"], want["boxes"]) >= 0.999


@pytest.mark.toolkit
def test_package_cut_head_zoo(tmp_path):
    """`rknnlint package --cut-head zoo`: the .rknn is built from the zoo-layout NPU part, and the package
    carries zoo_layout.json and a yolo_zoo.py that decodes on its own (numpy only, no rknnlint)."""
    import subprocess
    import sys

    import yaml

    pytest.importorskip("rknn.api")
    src = _v5(tmp_path)
    cfg = {"phase": "onnx", "model": src.name, "inputs": [{"name": "images", "shape": [1, 3, 320, 320]}],
           "layout": "NCHW", "color_order": "RGB", "mean": [0, 0, 0], "std": [255, 255, 255],
           "padding_color": [114, 114, 114], "class_names": [f"c{i}" for i in range(20)], "targets": ["rk3588"]}
    (tmp_path / "onnx_source.yaml").write_text(yaml.safe_dump(cfg))
    out = tmp_path / "pkg"
    code, text, err = run_cli("package", src, "--source", tmp_path / "onnx_source.yaml", "--cut-head", "zoo", "-o", out)
    assert code == 0, err
    names = {p.name for p in out.iterdir()}
    assert {"zoo_layout.json", "yolo_zoo.py", "anchors.txt", f"{src.stem}.npu.onnx", f"{src.stem}.postprocess.onnx",
            f"{src.stem}_fp16.rknn"} <= names
    layout = json.loads((out / "zoo_layout.json").read_text())
    assert np.loadtxt(out / "anchors.txt").reshape(3, -1, 2).tolist() == V5_ANCHORS  # the zoo's anchors file
    assert layout["outputs"] == ["p_s8", "p_s16", "p_s32"] and layout["anchors"] == V5_ANCHORS
    perf = json.loads((out / "performance_rknn.json").read_text())
    assert perf["head_kind"] == "zoo" and perf["builds"]["fp16"]["status"] == "built"
    x = _image([1, 3, 320, 320], 6)
    s = _session(out / f"{src.stem}.npu.onnx")
    outs = s.run(None, {"images": x})
    np.savez(tmp_path / "outs.npz", *outs)
    code = ("import json, sys, numpy as np; sys.path.insert(0, sys.argv[1]); import yolo_zoo; "
            "assert 'rknnlint' not in sys.modules; z = np.load(sys.argv[2]); "
            "d = yolo_zoo.detect([z[f'arr_{i}'] for i in range(3)], json.load(open(sys.argv[1] + '/zoo_layout.json')), "
            "conf=0.05, iou=0.45); print(json.dumps([len(d['scores']), d['scores'][:5].tolist()]))")
    r = subprocess.run([sys.executable, "-c", code, str(out), str(tmp_path / "outs.npz")], capture_output=True,
                       text=True, timeout=120, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    n, top = json.loads(r.stdout)
    want = yolo_zoo.detect(outs, layout, conf=0.05, iou=0.45)
    assert n == len(want["scores"]) >= 10
    np.testing.assert_allclose(top, want["scores"][:5], rtol=1e-6)


TASKS = [("segment", {}), ("segment", {"nm": 5}), ("pose", {}), ("pose", {"kpt": (6, 2)}), ("obb", {})]


@pytest.mark.parametrize("task, kw", TASKS, ids=["segment", "segment-nm-eq-nc", "pose", "pose-6x2", "obb"])
def test_seg_pose_obb_zoo_layouts_decode_like_the_model(tmp_path, task, kw):
    """A small YOLOv8-style model per task (tests/_yolo_tasks.py: the ultralytics decode written in torch):
    the zoo layout of docs/fixing.md#zoo-layout, and yolo_zoo's predictions equal the model's own output."""
    pytest.importorskip("torch")
    import _yolo_tasks

    src = _yolo_tasks.export(task, tmp_path / f"tiny_{task}.onnx", **kw)
    _, npu, layout = _cut(src, tmp_path)
    shapes = [[d.dim_value for d in o.type.tensor_type.shape.dim] for o in npu.graph.output]
    nc, n = 5, 8 * 8 + 4 * 4 + 2 * 2
    assert layout["task"] == task and layout["nc"] == nc and layout["strides"] == [8, 16, 32]
    x = _image([1, 3, 64, 64], 7)
    ref = _session(src).run(None, {"images": x})
    s = _session(npu)
    outs = s.run(None, {"images": x})
    p = yolo_zoo.predictions(outs, layout)
    d = ref[0][0]  # [4 + nc + extra, N]
    np.testing.assert_allclose(p["scores"], d[4:4 + nc].T, rtol=1e-4, atol=1e-6)
    if task == "segment":
        nm = kw.get("nm", 8)
        assert shapes == [s for hw in (8, 4, 2) for s in ([1, 64, hw, hw], [1, nc, hw, hw], [1, 1, hw, hw], [1, nm, hw, hw])] \
            + [[1, nm, 16, 16]]
        np.testing.assert_allclose(p["boxes"], _xyxy(d[:4].T), rtol=1e-4, atol=1e-3)
        np.testing.assert_allclose(p["mask_coef"], d[4 + nc:].T, rtol=1e-4, atol=1e-5)
        np.testing.assert_array_equal(outs[-1], ref[1])  # the prototypes, after their activation
        dets = yolo_zoo.detect(outs, layout, conf=0.0, iou=1.0, max_det=n)
        assert len(dets["scores"]) == n  # no threshold, no suppression: every anchor point
        i = np.argsort(-d[4:4 + nc].max(0), kind="stable")
        want = (d[4 + nc:, i].T @ ref[1][0].reshape(nm, -1)).reshape(n, 16, 16)
        np.testing.assert_allclose(dets["masks"], want, rtol=1e-4, atol=1e-4)
    elif task == "pose":
        k, nd = kw.get("kpt", (4, 3))
        assert shapes == [[1, 64 + nc, 8, 8], [1, 64 + nc, 4, 4], [1, 64 + nc, 2, 2], [1, k, nd, n]]
        assert layout["kpt_shape"] == [k, nd]
        np.testing.assert_allclose(p["boxes"], _xyxy(d[:4].T), rtol=1e-4, atol=1e-3)
        np.testing.assert_allclose(p["keypoints"], d[4 + nc:].reshape(k, nd, n).transpose(2, 0, 1), rtol=1e-4, atol=1e-3)
    else:
        assert shapes == [[1, 64 + nc, 8, 8], [1, 64 + nc, 4, 4], [1, 64 + nc, 2, 2], [1, 1, n]]
        np.testing.assert_allclose(p["xywhr"][:, :4], d[:4].T, rtol=1e-4, atol=1e-3)
        np.testing.assert_allclose(p["angle"], d[-1], rtol=1e-4, atol=1e-5)
        dets = yolo_zoo.detect(outs, layout, conf=0.3, iou=0.3)
        assert 0 < len(dets["scores"]) < (d[4:4 + nc].max(0) > 0.3).sum()  # rotated NMS removed some


def test_yolov10_one_to_one_head_top_k_like_the_model(tmp_path):
    """A YOLOv10-style head ending in top-k (no NMS): layout nms false, and yolo_zoo.detect picks the model's
    own [1, 60, 6] (anchor point, class) pairs."""
    pytest.importorskip("torch")
    import _yolo_tasks

    src = _yolo_tasks.export("detect", tmp_path / "tiny_v10.onnx", max_det=60)
    _, npu, layout = _cut(src, tmp_path)
    assert layout["nms"] is False and len(npu.graph.output) == 9
    x = _image([1, 3, 64, 64], 8)
    ref = _session(src).run(None, {"images": x})[0][0]
    s = _session(npu)
    got = yolo_zoo.detect(s.run(None, {"images": x}), layout, conf=0.0, max_det=60)
    assert len(set((ref[:, 0] * 1000).astype(int).tolist())) < 60  # some anchor point gave two classes
    np.testing.assert_array_equal(got["classes"], ref[:, 5].astype(np.int64))
    np.testing.assert_allclose(got["scores"], ref[:, 4], rtol=1e-5)
    np.testing.assert_allclose(got["boxes"], ref[:, :4], rtol=1e-4, atol=1e-3)
