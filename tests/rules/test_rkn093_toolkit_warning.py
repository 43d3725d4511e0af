"""RKN093 toolkit-warning: toolkit warnings that matter, once each."""
from __future__ import annotations

from _build_run import outcome, static_codes


def test_known_warnings_once_each_with_their_severity():
    stderr = ("W load_onnx: Please note that some float16/float64 data types in the model have been modified to float32!\n"
              "W load_onnx: Please note that some float16/float64 data types in the model have been modified to float32!\n"
              "W build: found outlier value, this may affect quantization accuracy\n"
              "W build: something else\n")
    o = outcome(0, {"stage": "done", "ok": True}, stderr=stderr)
    got = sorted((f.code, f.severity.name, f.message.split(" (toolkit")[0]) for f in o.findings)
    assert got == [("RKN093", "INFO", "the model's float16/float64 data was converted to float32 by the toolkit"),
                   ("RKN093", "WARNING", "quantization found outlier weights or activations: int8 accuracy may suffer")]


def test_static_check_finds_nothing():
    assert static_codes("RKN093") == []
