"""RKN094 output-mismatch: simulator vs onnxruntime."""
from __future__ import annotations

from _build_run import outcome, static_codes

from conftest import run_cli


def test_only_mismatching_outputs_are_reported():
    res = {"ok": True, "stage": "done", "compare": {"ran": True, "outputs": [
        {"output": "boxes", "cosine": 0.99999, "max_abs_err": 0.001, "verdict": "match"},
        {"output": "logits", "cosine": 0.91, "max_abs_err": 3.2, "verdict": "mismatch"},
        {"output": "mask", "verdict": "mismatch", "why": "shape [1, 4] vs onnxruntime [1, 5]"}]}}
    o = outcome(0, res)
    assert [(f.code, f.location.tensor) for f in o.findings] == [("RKN094", "logits"), ("RKN094", "mask")]
    assert "cosine 0.91" in o.findings[0].message and "shape [1, 4]" in o.findings[1].message
    assert o.agrees is False


def test_explain_prints_the_rule():
    assert static_codes("RKN094") == []
    code, out, _ = run_cli("explain", "output-mismatch")
    assert code == 0 and out.startswith("RKN094 output-mismatch (warning)") and "onnxruntime" in out
