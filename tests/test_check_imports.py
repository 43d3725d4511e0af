"""A plain `rknnlint check` stays light: it never imports torch, rknn-toolkit2 or onnxruntime (each costs
seconds of start-up, and rknn-toolkit2 may not be installed at all). Only --build, fix, probe and package
bring them in."""
from __future__ import annotations

import subprocess
import sys

from conftest import shared_model

HEAVY = ("torch", "rknn", "onnxruntime", "tensorflow")

_CODE = """
import contextlib, io, sys
from rknnlint.cli import main
fmt, models = sys.argv[1], sys.argv[2:]
with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
    code = main(["check", "--target", "all", "--format", fmt, *models])
loaded = sorted({m.split(".")[0] for m in sys.modules} & set(HEAVY))
print(code, ",".join(loaded) or "-")
""".replace("HEAVY", repr(HEAVY))

# every kind of shared model: detectors (head rules), external data, fp16, 5-D, dynamic, RNN
MODELS = ["det_yolov8n_nc20_256_op12.onnx", "det_tiny_topk_nms_op11.onnx", "det_yolov5style_nc20_320_op12.onnx",
          "cls_squeezenet1_1_op21_dynamo.onnx", "cls_squeezenet1_1_fp16_op13.onnx", "cls_tiny_vit_5d_op14.onnx",
          "cls_mnasnet0_5_op13_dynbatch.onnx", "seq_transformer_encoder_dynseq_op17.onnx", "seq_gru2x96_op12.onnx",
          "seg_tiny_unet_extdata_op13.onnx", "misc_resize_cubic_op13.onnx", "misc_layernorm_noeps_op17.onnx"]


def _heavy_after_check(fmt: str) -> tuple[int, str]:
    r = subprocess.run([sys.executable, "-c", _CODE, fmt, *[str(shared_model(m)) for m in MODELS]],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    code, loaded = r.stdout.split()
    return int(code), loaded


def test_check_imports_no_torch_rknn_onnxruntime():
    code, loaded = _heavy_after_check("text")
    assert code == 1  # the set has errors: every rule ran to the end
    assert loaded == "-", f"rknnlint check imported {loaded}"


def test_sarif_format_imports_none_either():
    code, loaded = _heavy_after_check("sarif")  # renders every rule's documentation too
    assert code == 1 and loaded == "-", loaded


def test_the_probe_sees_a_heavy_import():
    """The test above can fail: an import of onnxruntime in the same process is reported."""
    code = _CODE.replace("loaded = sorted", "import onnxruntime\nloaded = sorted")
    r = subprocess.run([sys.executable, "-c", code, "json", str(shared_model(MODELS[0]))], capture_output=True,
                       text=True, timeout=300)
    assert r.stdout.split()[1] == "onnxruntime", r.stdout + r.stderr
