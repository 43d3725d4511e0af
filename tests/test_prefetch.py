"""check's early read of the model file (rknnlint/prefetch.py): the loader gets the same bytes, or reads again."""
from __future__ import annotations

import os
import subprocess
import sys

from conftest import FIXTURES
from rknnlint import prefetch
from rknnlint.loader import load_model

MODEL = FIXTURES / "cls_squeezenet1_1_fp16_op13.onnx"


def test_prefetched_bytes_are_the_file(tmp_path):
    p = tmp_path / "m.onnx"
    p.write_bytes(b"abc" * 1000)
    prefetch.start(str(p))
    assert prefetch.take(p) == b"abc" * 1000
    assert prefetch.take(p) is None  # taken once


def test_a_file_changed_after_the_read_is_read_again(tmp_path):
    p = tmp_path / "m.onnx"
    p.write_bytes(b"old" * 1000)
    prefetch.start(str(p))
    prefetch._pending[prefetch._key(str(p))][0].join()
    p.write_bytes(b"newer" * 1000)
    os.utime(p, ns=(0, 0))
    assert prefetch.take(p) is None


def test_only_check_prefetches_and_only_onnx_files(tmp_path):
    p = tmp_path / "m.onnx"
    p.write_bytes(b"x")
    prefetch.start_for_check(["fix", str(p)])
    prefetch.start_for_check(["check", "--target", "rk3588", str(tmp_path / "missing.onnx")])
    assert prefetch.take(p) is None
    prefetch.start_for_check(["check", "--target", "rk3588", str(p)])
    assert prefetch.take(p) == b"x"


def test_loader_parses_prefetched_model():
    prefetch.start(str(MODEL))
    model = load_model(MODEL)
    assert len(model.graph.node) > 0


def test_check_process_on_a_truncated_file_still_says_one_line(tmp_path):
    p = tmp_path / "cut.onnx"
    p.write_bytes(MODEL.read_bytes()[: MODEL.stat().st_size // 2])
    r = subprocess.run([sys.executable, "-m", "rknnlint", "check", str(p)], capture_output=True, text=True)
    assert r.returncode == 2
    assert r.stderr.strip().count("\n") == 0 and "not an ONNX model" in r.stderr
