"""Fuzzing `check` with broken models: every case either works or exits 2 with one line; no traceback, no hang.

CI runs a fixed number of iterations with a fixed seed; `python -m rknnlint.fuzz --iterations 5000 MODEL`
runs a longer campaign.
"""
from __future__ import annotations

import random
import time

import onnx
import pytest

import rknnlint
from conftest import run_cli, run_cli_process, shared_model
from rknnlint.fuzz import byte_mutations, structural_mutations

SEEDS_MODELS = ["det_yolov5style_nc20_320_op12.onnx", "seq_gru2x96_op12.onnx", "misc_layernorm_noeps_op17.onnx",
                "det_tiny_topk_nms_op11.onnx"]
ITERATIONS = 60  # per model; fixed seed
TIME_BOUND = 10.0  # seconds per case


@pytest.mark.parametrize("name", SEEDS_MODELS)
def test_byte_mutations_are_handled(tmp_path, name):
    data = shared_model(name).read_bytes()
    rng = random.Random(1234)
    counts = {"ran": 0, "ok": 0, "unreadable": 0}
    for kind, blob in byte_mutations(data, rng, ITERATIONS):
        f = tmp_path / "fuzz.onnx"
        f.write_bytes(blob)
        t = time.perf_counter()
        rep = rknnlint.check(f)
        assert time.perf_counter() - t < TIME_BOUND, f"{kind}: took too long"
        counts["ran"] += 1
        if rep.unreadable:
            err = rep.unreadable[0].error
            assert "\n" not in err and err, f"{kind}: error must be one line"
            counts["unreadable"] += 1
        else:
            counts["ok"] += 1
        assert rep.exit_code in (0, 1, 2)
    print(f"{name}: {counts['ran']} cases ran, {counts['ok']} checked, {counts['unreadable']} refused as unreadable")
    assert counts["ran"] == ITERATIONS


@pytest.mark.parametrize("name", SEEDS_MODELS)
def test_structural_mutations_are_handled(tmp_path, name):
    model = onnx.load(shared_model(name))
    ran = 0
    for kind, m in structural_mutations(model, random.Random(7)):
        f = tmp_path / f"{kind.replace(' ', '')}.onnx"
        onnx.save(m, f)
        t = time.perf_counter()
        rep = rknnlint.check(f)
        assert time.perf_counter() - t < TIME_BOUND, f"{kind}: took too long"
        assert rep.exit_code in (0, 1, 2), kind
        ran += 1
    print(f"{name}: {ran} structural cases handled")
    assert ran >= 15


def test_cli_prints_one_line_and_no_traceback_for_garbage(tmp_path):
    cases = {"empty.onnx": b"", "text.onnx": b"this is not a model\n", "trunc.onnx": shared_model("seq_gru2x96_op12.onnx").read_bytes()[:999],
             "zeros.onnx": bytes(4096)}
    for name, blob in cases.items():
        (tmp_path / name).write_bytes(blob)
        p = run_cli_process("check", tmp_path / name)
        assert p.returncode == 2, (name, p.stdout, p.stderr)
        assert "Traceback" not in p.stderr + p.stdout
        lines = [x for x in p.stderr.splitlines() if x.strip()]
        assert len(lines) == 1 and lines[0].startswith("rknnlint: error:"), (name, p.stderr)


@pytest.mark.parametrize("args,needle", [
    (["check", "/nonexistent/model.onnx"], "no such file"),
    (["check", "--target", "rk9999", "x.onnx"], "unknown target 'rk9999'"),
    (["check", "--target", "rk1808", "x.onnx"], "RKNN-Toolkit 1"),
    (["check", "--format", "xml", "x.onnx"], "unknown format"),
    (["check", "--select", "RKN999", "x.onnx"], "unknown rule"),
    (["explain", "RKN999"], "unknown rule"),
])
def test_bad_usage_is_one_line_exit_2(args, needle):
    code, out, err = run_cli(*args)
    assert code == 2
    assert needle in err
    assert len(err.strip().splitlines()) == 1


def test_empty_directory_is_usage_error(tmp_path):
    code, _, err = run_cli("check", tmp_path)
    assert code == 2 and "no *.onnx files" in err
