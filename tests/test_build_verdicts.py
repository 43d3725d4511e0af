"""Output agreement judged by tolerances (Polygraphy-style), too-small outputs, and build's --fail-on (issue 13)."""
from __future__ import annotations

import numpy as np
import pytest

from rknnlint.finding import Severity
from rknnlint.toolkit.compare import FP16_TINY, describe, metrics
from rknnlint.toolkit.logparse import BuildOutcome, parse_outcome
from rknnlint.toolkit.runner import RawRun
from rknnlint.usecases.build import exit_code as _exit


def test_fp16_noise_within_tolerance_matches_and_reports_tolerances():
    rng = np.random.default_rng(0)
    ref = rng.standard_normal(1000).astype(np.float32)
    got = ref.astype(np.float16).astype(np.float32)  # float16 rounding: what an fp16 NPU can at least do
    m = metrics(ref, got, "fp16")
    assert m["verdict"] == "match"
    assert m["rtol"] == 1e-2 and m["atol"] == pytest.approx(1e-2 * np.abs(ref).max(), rel=1e-5)
    assert m["cosine"] > 0.9999 and m["outside"] == 0


def test_one_wrong_element_is_a_mismatch_even_with_cosine_near_one():
    ref = np.linspace(1, 2, 10000).astype(np.float32)
    got = ref.copy()
    got[17] += 0.5  # cosine stays above 0.999; one element is off by 25 %
    m = metrics(ref, got, "fp16")
    assert m["cosine"] > 0.999 and m["verdict"] == "mismatch"
    assert m["outside"] == pytest.approx(1e-4)
    assert "atol" in describe(m) and "0.01% of elements outside" in describe(m)


def test_int8_tolerance_is_wider_than_fp16():
    ref = np.linspace(-1, 1, 101).astype(np.float32)
    got = ref + 0.05  # 2.5 % of the range: several int8 steps, many float16 steps
    assert metrics(ref, got, "fp16")["verdict"] == "mismatch"
    assert metrics(ref, got, "int8")["verdict"] == "match"


def test_outputs_below_fp16_resolution_are_too_small_not_a_mismatch():
    # MNASNet under random weights: every output below 1e-7; the NPU returns other tiny numbers (cosine ~0.7)
    rng = np.random.default_rng(1)
    ref = (rng.standard_normal(1000) * 1e-8).astype(np.float32)
    got = (rng.standard_normal(1000) * 1e-8).astype(np.float32)
    m = metrics(ref, got, "fp16")
    assert m["verdict"] == "too-small" and "float16 resolution" in m["why"]
    # ... but a big answer where onnxruntime says ~0 is a mismatch
    assert metrics(ref, got + 1.0, "fp16")["verdict"] == "mismatch"
    assert FP16_TINY == 2.0 ** -14


def _outcome(verdicts: list[str]) -> BuildOutcome:
    res = {"ok": True, "stage": "done", "compare": {"ran": True, "outputs": [
        {"output": f"o{i}", "cosine": 0.7, "max_abs_err": 1e-8, "verdict": v,
         **({"why": "all values below float16 resolution"} if v == "too-small" else {})}
        for i, v in enumerate(verdicts)]}}
    return parse_outcome(RawRun(0, "", "", res, 1.0, "/tmp/x.log", 5.0), "m.onnx", "rk3588", "fp16")


def test_too_small_outputs_make_no_finding_and_no_verdict():
    o = _outcome(["too-small"])
    assert o.built and o.agrees is None and not [f for f in o.findings if f.code == "RKN094"]
    assert _outcome(["too-small", "match"]).agrees is True
    assert _outcome(["match", "mismatch"]).agrees is False


def test_build_exit_follows_fail_on_like_check():
    mismatch = {"outcome": _outcome(["mismatch"])}
    mismatch["result"] = mismatch["outcome"]
    assert [f.severity for f in mismatch["outcome"].findings if f.code == "RKN094"] == [Severity.WARNING]
    assert _exit([mismatch]) == 0  # default threshold: error (README)
    assert _exit([mismatch], Severity.WARNING) == 1
    failed = BuildOutcome("m.onnx", "rk3588", "fp16", "failed", error="boom")
    assert _exit([{"outcome": failed, "result": failed}], Severity.ERROR) == 1
