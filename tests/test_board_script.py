"""The package's npu_inference.py: preprocessing methods (resampling as cv2.resize does it, numpy fallback),
grayscale and two-input models run with the simulator stand-in, detection settings, timings, and the board
benchmark record (performance_board.json) with its comparison to performance_rknn.json."""
from __future__ import annotations

import importlib.util
import json
import subprocess
import sys

import numpy as np
import onnx
import onnx.helper as h
import pytest
import yaml

from rknnlint.workflow.inference_script import render
from rknnlint.workflow.source import parse_source
from tests.conftest import init, make_model, run_cli, tensor

cv2 = pytest.importorskip("cv2")  # rknn-toolkit2 installs opencv; the tests compare with its resize

GRAY_SRC = {"phase": "onnx", "inputs": [{"name": "x", "shape": [1, 1, 32, 32]}], "color_order": "GRAY",
            "mean": [127.5], "std": [64.0], "class_names": list("abcde"),
            "preprocess": {"method": "center_crop", "interpolation": "area", "short_side": 40}}
TWO_SRC = {"phase": "onnx", "inputs": [{"name": "a", "shape": [1, 3, 32, 32]}, {"name": "b", "shape": [1, 3, 16, 16]}],
           "color_order": "BGR", "mean": [0, 0, 0], "std": [255, 255, 255], "padding_color": [0, 0, 0],
           "preprocess": {"method": "letterbox", "interpolation": "linear"}}


def _script(tmp_path, src, name="m", **kw):
    """The rendered script imported as a module (what the package writes, values filled in)."""
    p = tmp_path / f"{name}_npu_inference.py"
    p.write_text(render(parse_source(src), name, False, "rk3588", **kw))
    spec = importlib.util.spec_from_file_location(f"board_{name}", p)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.mark.parametrize("interp", ["nearest", "linear", "cubic", "area"])
def test_numpy_resize_matches_cv2(tmp_path, monkeypatch, interp):
    mod = _script(tmp_path, GRAY_SRC)
    rng = np.random.default_rng(0)
    for (ih, iw), (oh, ow) in (((37, 53), (16, 16)), ((20, 30), (64, 48)), ((30, 50), (45, 20)), ((64, 64), (32, 32))):
        img = rng.integers(0, 256, (ih, iw, 3), dtype=np.uint8)
        ref = cv2.resize(img, (ow, oh), interpolation=mod.CV2_INTER[interp])
        monkeypatch.setenv("NPU_INFERENCE_NO_CV2", "1")
        got = mod.resize(img, ow, oh, interp)
        monkeypatch.delenv("NPU_INFERENCE_NO_CV2")
        assert got.shape == ref.shape and got.dtype == np.uint8
        # cv2 works in fixed point for uint8 linear/area: one grey level apart at most
        assert np.abs(got.astype(int) - ref).max() <= 1, ((ih, iw), (oh, ow))


def test_preprocess_methods_sizes_and_mapping(tmp_path):
    img = np.arange(60 * 45 * 3, dtype=np.uint32).reshape(60, 45, 3).astype(np.uint8)
    inp = {"name": "a", "shape": [1, 3, 32, 32]}
    lb = _script(tmp_path, TWO_SRC, "lb")
    out, m = lb.preprocess_image(img, inp)
    # 60x45 -> 32x24 centred with 4 columns of padding colour either side
    assert out.shape == (32, 32, 3) and m == {"sx": 32 / 60, "sy": 32 / 60, "left": 4.0, "top": 0.0}
    assert (out[:, :4] == 0).all() and (out[:, 28:] == 0).all()
    rs = _script(tmp_path, {**TWO_SRC, "preprocess": {"method": "resize", "interpolation": "nearest"}}, "rs")
    out, m = rs.preprocess_image(img, inp)
    assert out.shape == (32, 32, 3) and (out == cv2.resize(img, (32, 32), interpolation=cv2.INTER_NEAREST)).all()
    cc = _script(tmp_path, GRAY_SRC, "cc")
    gray = img[..., :1]
    out, m = cc.preprocess_image(gray, {"name": "x", "shape": [1, 1, 32, 32]})
    big = cv2.resize(gray, (40, 53), interpolation=cv2.INTER_AREA)  # shorter side 45 -> 40
    assert out.shape == (32, 32, 1) and (out[..., 0] == big[10:42, 4:36]).all() and m["left"] == -4.0


def test_inputs_by_position_and_name_and_errors(tmp_path):
    mod = _script(tmp_path, TWO_SRC)
    assert mod.assign_inputs(["p.png"], ["b=q.npy"]) == ["p.png", "q.npy"]
    assert mod.assign_inputs(["p.png", "q.npy"], None) == ["p.png", "q.npy"]
    for pos, named, msg in ((["p.png"], None, "no file for input(s) b"), ([], ["c=x"], "'c' is not a model input"),
                            (["1", "2", "3"], None, "3 file(s) given for 2 input(s)")):
        with pytest.raises(mod.InputError) as e:
            mod.assign_inputs(pos, named)
        assert msg in str(e.value)
    np.save(tmp_path / "bad.npy", np.zeros((1, 3, 8, 8), np.uint8))
    with pytest.raises(mod.InputError, match="neither NCHW"):
        mod.load_input(str(tmp_path / "bad.npy"), TWO_SRC["inputs"][1])


def test_detection_settings_threshold_nms_max_det(tmp_path):
    mod = _script(tmp_path, {**TWO_SRC, "class_names": ["a", "b"]})
    # YOLOv5-style rows: x, y, w, h, objectness, 2 class scores
    rows = np.array([[10, 10, 4, 4, 0.9, 0.9, 0.1],    # a, 0.81
                     [10.5, 10, 4, 4, 0.9, 0.8, 0.1],  # a, 0.72: overlaps the first (IoU 0.78)
                     [10.5, 10, 4, 4, 0.9, 0.1, 0.7],  # b, 0.63: same place, other class
                     [30, 30, 4, 4, 0.5, 0.9, 0.0],    # a, 0.45
                     [50, 50, 4, 4, 0.2, 0.9, 0.0]],   # a, 0.18: under the threshold
                    np.float32)[None]
    det = mod.detections({"out": rows}, {"conf": 0.25, "iou": 0.45, "max_det": 100})
    assert det[:, 5].tolist() == [0, 1, 0] and np.allclose(det[:, 4], [0.81, 0.63, 0.45])
    assert det[0, :4].tolist() == [8, 8, 12, 12]
    assert len(mod.detections({"out": rows}, {"conf": 0.25, "iou": 0.9, "max_det": 100})) == 4
    assert len(mod.detections({"out": rows}, {"conf": 0.25, "iou": 0.45, "max_det": 2})) == 2
    assert len(mod.detections({"out": rows}, {"conf": 0.5, "iou": 0.45, "max_det": 100})) == 2
    # YOLOv8-style: channels first (4 + classes, N), no objectness
    v8 = np.concatenate([rows[0, :, :4], rows[0, :, 5:]], 1).T[None]
    assert mod.detections({"out": v8}, {"conf": 0.5, "iou": 0.45, "max_det": 100})[:, 5].tolist() == [0, 0, 0, 1]


def _gray_model(d):
    rng = np.random.default_rng(0)
    nodes = [h.make_node("Conv", ["x", "w"], ["c"], pads=[1, 1, 1, 1]), h.make_node("Relu", ["c"], ["r"]),
             h.make_node("GlobalAveragePool", ["r"], ["g"]), h.make_node("Flatten", ["g"], ["f"]),
             h.make_node("Gemm", ["f", "fw", "fb"], ["logits"], transB=1)]
    m = make_model(nodes, [tensor("x", [1, 1, 32, 32])], [tensor("logits", [1, 5])],
                   [init("w", rng.standard_normal((8, 1, 3, 3)).astype(np.float32)),
                    init("fw", rng.standard_normal((5, 8)).astype(np.float32)), init("fb", np.zeros(5, np.float32))])
    onnx.save(m, d / "gray.onnx")
    return d / "gray.onnx"


def _two_input_model(d):
    rng = np.random.default_rng(1)
    nodes = [h.make_node("Conv", ["a", "wa"], ["ca"], pads=[1, 1, 1, 1], strides=[2, 2]),
             h.make_node("Conv", ["b", "wb"], ["cb"], pads=[1, 1, 1, 1]), h.make_node("Add", ["ca", "cb"], ["y"])]
    m = make_model(nodes, [tensor("a", [1, 3, 32, 32]), tensor("b", [1, 3, 16, 16])], [tensor("y", [1, 4, 16, 16])],
                   [init("wa", (rng.standard_normal((4, 3, 3, 3)) * 0.3).astype(np.float32)),
                    init("wb", (rng.standard_normal((4, 3, 3, 3)) * 0.3).astype(np.float32))])
    onnx.save(m, d / "two.onnx")
    return d / "two.onnx"


def _package(d, model, src, *extra):
    (d / "src.yaml").write_text(yaml.safe_dump(src))
    code, _, err = run_cli("package", str(model), "--source", str(d / "src.yaml"), "-o", str(d / "pkg"), *map(str, extra))
    assert code == 0, err
    return d / "pkg"


def _run(script, *args, cwd):
    return subprocess.run([sys.executable, str(script), *map(str, args)], capture_output=True, text=True,
                          timeout=300, cwd=cwd)


@pytest.mark.toolkit
def test_grayscale_package_image_timings_and_benchmark(tmp_path):
    import onnxruntime as ort

    model = _gray_model(tmp_path)
    rng = np.random.default_rng(2)
    cv2.imwrite(str(tmp_path / "g.png"), rng.integers(0, 256, (60, 45), dtype=np.uint8))
    # reference: the same centre crop by hand (area resize of the shorter side to 40), mean/std, onnxruntime fp32
    img = cv2.resize(cv2.imread(str(tmp_path / "g.png"), cv2.IMREAD_GRAYSCALE), (40, 53), interpolation=cv2.INTER_AREA)
    x = ((img[10:42, 4:36].astype(np.float32) - 127.5) / 64.0)[None, None]
    ref = ort.InferenceSession(str(model), providers=["CPUExecutionProvider"]).run(None, {"x": x})[0]
    best = int(ref.argmax())
    (tmp_path / "samples.txt").write_text(f"g.png {best}\ng.png {'abcde'[(best + 1) % 5]}\n")

    pkg = _package(tmp_path, model, GRAY_SRC, "--samples", tmp_path / "samples.txt")
    rknn = json.loads((pkg / "performance_rknn.json").read_text())
    assert rknn["accuracy"] == {"samples": 2, "top1": 0.5, "top5": 1.0, "correct": 1,
                                "runtime": "rknn-toolkit2 simulator (stand-in, fp16)"}
    assert rknn["builds"]["fp16"]["accuracy"] == rknn["accuracy"]
    assert yaml.safe_load((pkg / "rknn_source.yaml").read_text())["preprocess"] == GRAY_SRC["preprocess"]

    r = _run(pkg / "npu_inference.py", "g.png", "--out", "g.npz", "--timings", "t.json", "--repeat", "3", cwd=tmp_path)
    assert r.returncode == 0, r.stderr[-2000:]
    got = np.load(tmp_path / "g.npz")["logits"]
    assert got.shape == (1, 5) and np.abs(got - ref).max() < 0.02
    t = json.loads((tmp_path / "t.json").read_text())
    assert t["repeat"] == 3 and t["preprocess"]["method"] == "center_crop" and "simulator" in t["runtime"]
    assert set(t["stages_ms"]) == {"preprocess", "npu", "postprocess", "total"}
    assert all(v > 0 for v in t["stages_ms"].values()) and t["fps"] > 0
    assert t["latency"]["rknn-toolkit2-simulator"]["runs"] == 3

    r = _run(pkg / "npu_inference.py", "--benchmark", "--samples", "samples.txt", "--repeat", "4",
             "--previous", pkg / "performance_rknn.json", cwd=tmp_path)
    assert r.returncode == 0, r.stderr[-2000:]
    rec = json.loads((pkg / "performance_board.json").read_text())
    assert rec["phase"] == "board" and rec["samples"] == 2 and rec["repeat"] == 4
    assert rec["accuracy"] == {"samples": 2, "top1": 0.5, "top5": 1.0, "correct": 1}
    assert [o["output"] for o in rec["builds"]["fp16"]["outputs"]] == [o["output"] for o in rknn["builds"]["fp16"]["outputs"]]
    assert rec["builds"]["fp16"]["outputs"][0]["cosine"] > 0.999
    prev = rec["previous"]
    assert prev["phase"] == "rknn" and prev["fp16"]["min_cosine"][1] == rec["builds"]["fp16"]["outputs"][0]["cosine"]
    assert prev["top1"] == [0.5, 0.5] and prev["latency_median_ms"][0] is None
    r = _run(pkg / "npu_inference.py", "--benchmark", "--previous", "nope.json", cwd=tmp_path)
    assert r.returncode == 2 and "nope.json: cannot read previous record" in r.stderr


@pytest.mark.toolkit
def test_two_input_package_by_name(tmp_path):
    import onnxruntime as ort

    model = _two_input_model(tmp_path)
    pkg = _package(tmp_path, model, TWO_SRC)
    rng = np.random.default_rng(3)
    cv2.imwrite(str(tmp_path / "a.png"), rng.integers(0, 256, (40, 32, 3), dtype=np.uint8))  # BGR on disk
    b = rng.integers(0, 256, (1, 3, 16, 16)).astype(np.uint8)
    np.save(tmp_path / "b.npy", b)
    r = _run(pkg / "npu_inference.py", "--input", "b=b.npy", "--input", "a=a.png", "--out", "o.npz", cwd=tmp_path)
    assert r.returncode == 0, r.stderr[-2000:]
    # reference: letterbox 40x32 -> 32x26 (+3 px black each side), the model wants BGR = the file's order
    a = np.zeros((32, 32, 3), np.uint8)
    a[:, 3:29] = cv2.resize(cv2.imread(str(tmp_path / "a.png")), (26, 32), interpolation=cv2.INTER_LINEAR)
    feeds = {"a": (a.transpose(2, 0, 1)[None] / 255.0).astype(np.float32), "b": (b / 255.0).astype(np.float32)}
    ref = ort.InferenceSession(str(model), providers=["CPUExecutionProvider"]).run(None, feeds)[0]
    got = np.load(tmp_path / "o.npz")["y"]
    assert got.shape == ref.shape and np.abs(got - ref).max() < 0.01
    r = _run(pkg / "npu_inference.py", "a.png", cwd=tmp_path)
    assert r.returncode == 2 and r.stderr.strip() == "npu_inference: no file for input(s) b: give one file per input " \
                                                     "(in order, or --input NAME=PATH)"


def test_pc_phases_get_the_board_scripts_pixels(tmp_path):
    from rknnlint.errors import UsageError
    from rknnlint.workflow.preprocess import image_input

    rng = np.random.default_rng(4)
    cv2.imwrite(str(tmp_path / "c.png"), rng.integers(0, 256, (50, 70, 3), dtype=np.uint8))
    cfg = parse_source(TWO_SRC)
    board, _, _ = _script(tmp_path, TWO_SRC).load_input(str(tmp_path / "c.png"), TWO_SRC["inputs"][0])
    x = image_input(str(tmp_path / "c.png"), cfg)
    assert x.shape == (1, 3, 32, 32) and x.dtype == np.float32
    assert (x == board.transpose(0, 3, 1, 2)).all()  # NCHW here, NHWC on the NPU: the same pixels, BGR both
    # letterbox 50x70 -> 23x32 at row 4, black padding_color above and below; BGR as the file holds it
    inner = cv2.resize(cv2.imread(str(tmp_path / "c.png")), (32, 23), interpolation=cv2.INTER_LINEAR)
    assert (x[0, :, 4:27] == inner.transpose(2, 0, 1)).all() and (x[0, :, :4] == 0).all() and (x[0, :, 27:] == 0).all()
    with pytest.raises(UsageError, match="nope.png: not found"):
        image_input(str(tmp_path / "nope.png"), cfg)


@pytest.mark.parametrize("line, msg", [("g.png", "expected 1 file(s) and a label, got 1 field(s)"),
                                       ("g.png zebra", "label 'zebra' is neither a class index nor one of class_names"),
                                       ("nope.png 1", "'nope.png' not found")])
def test_package_bad_samples_one_line_nothing_written(tmp_path, line, msg):
    model = _gray_model(tmp_path)
    cv2.imwrite(str(tmp_path / "g.png"), np.zeros((8, 8), np.uint8))
    (tmp_path / "s.txt").write_text(line + "\n")
    (tmp_path / "src.yaml").write_text(yaml.safe_dump(GRAY_SRC))
    code, _, err = run_cli("package", str(model), "--source", str(tmp_path / "src.yaml"), "--samples",
                           str(tmp_path / "s.txt"), "-o", str(tmp_path / "pkg"))
    assert code == 2 and msg in err and len(err.strip().splitlines()) == 1 and not (tmp_path / "pkg").exists()


def test_package_cut_head_zoo_refused_one_line(tmp_path):
    model = _gray_model(tmp_path)
    (tmp_path / "src.yaml").write_text(yaml.safe_dump(GRAY_SRC))
    code, _, err = run_cli("package", str(model), "--source", str(tmp_path / "src.yaml"), "--cut-head", "zoo",
                           "-o", str(tmp_path / "pkg"))
    assert code == 2 and "--cut-head zoo: " in err and "not a recognised YOLO family" in err
    assert len(err.strip().splitlines()) == 1 and not (tmp_path / "pkg").exists()


@pytest.mark.toolkit
def test_zoo_package_board_script_decodes_with_yolo_zoo(tmp_path):
    """--cut-head zoo: the package ships yolo_zoo.py and the board script decodes the NPU outputs with it; the
    detections are those of yolo_zoo on onnxruntime's outputs of the same NPU part (fp16 noise aside)."""
    import onnxruntime as ort

    from rknnlint.postprocess import yolo_zoo
    from tests.test_zoo_head import _v5

    src = {"phase": "onnx", "inputs": [{"name": "images", "shape": [1, 3, 320, 320]}], "color_order": "RGB",
           "mean": [0, 0, 0], "std": [255, 255, 255], "class_names": [f"c{i}" for i in range(20)]}
    (tmp_path / "src.yaml").write_text(yaml.safe_dump(src))
    code, _, err = run_cli("package", str(_v5(tmp_path)), "--source", str(tmp_path / "src.yaml"), "--cut-head", "zoo",
                           "-o", str(tmp_path / "zoo"))
    assert code == 0, err
    zoo = tmp_path / "zoo"
    stem = "det_yolov5style_nc20_320_op12"
    assert (zoo / "yolo_zoo.py").is_file() and json.loads((zoo / "performance_rknn.json").read_text())["head_kind"] == "zoo"
    x = np.random.default_rng(5).integers(0, 256, (1, 3, 320, 320), dtype=np.uint8)
    np.save(tmp_path / "x.npy", x)
    r = _run(zoo / "npu_inference.py", "x.npy", "--conf", "0.3", "--iou", "0.45", "--max-det", "30", "--out", "z.npz",
             cwd=tmp_path)
    assert r.returncode == 0, r.stderr[-2000:]
    det = np.load(tmp_path / "z.npz")["detections"]
    sess = ort.InferenceSession(str(zoo / f"{stem}.npu.onnx"), providers=["CPUExecutionProvider"])
    layout = yolo_zoo.layout_of({p.key: p.value for p in onnx.load(zoo / f"{stem}.npu.onnx").metadata_props})
    ref = yolo_zoo.detect(sess.run(None, {"images": x.astype(np.float32) / 255.0}), layout, conf=0.3, iou=0.45, max_det=30)
    assert len(ref["scores"]) == 30 and det.shape == (30, 6)
    matched = sum(any(int(c) == rc and yolo_zoo.box_iou(rb, np.asarray([b]))[0] > 0.95 for *b, _, c in det)
                  for rb, rc in zip(ref["boxes"], ref["classes"]))
    assert matched >= 28  # fp16: a pair of near-equal scores may swap at the 30th place


def test_pt_and_onnx_phases_read_image_samples_as_the_board_does(tmp_path):
    from rknnlint.workflow.measure import read_samples
    from rknnlint.workflow.preprocess import image_input

    rng = np.random.default_rng(6)
    cv2.imwrite(str(tmp_path / "g.png"), rng.integers(0, 256, (60, 45), dtype=np.uint8))
    (tmp_path / "s.txt").write_text("g.png c\n")
    cfg = parse_source(GRAY_SRC)
    [(arrays, label)] = read_samples(tmp_path / "s.txt", cfg)
    board, _, _ = _script(tmp_path, GRAY_SRC).load_input(str(tmp_path / "g.png"), GRAY_SRC["inputs"][0])
    assert label == 2 and arrays[0].shape == (1, 1, 32, 32)
    assert (arrays[0] == image_input(str(tmp_path / "g.png"), cfg)).all() and (arrays[0][0, 0] == board[0, ..., 0]).all()
