"""Fuzzing `check` and `fix` with broken models: every case either works or exits 2 with one line; no
traceback, no hang.

CI runs a fixed number of iterations with a fixed seed; `python -m rknnlint.fuzz [--command fix]
--iterations 5000 MODEL` runs a longer campaign.
"""
from __future__ import annotations

import random
import subprocess
import sys
import time

import onnx
import pytest

import rknnlint
from conftest import run_cli, run_cli_process, shared_model
from rknnlint.fuzz import byte_mutations, campaign, structural_mutations

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


FIX_MODELS = ["det_tiny_topk_nms_op11.onnx", "misc_layernorm_noeps_op17.onnx", "seq_gru2x96_op12.onnx",
              "det_yolov5style_nc20_320_op12.onnx"]
FIX_ITERATIONS = 12  # byte mutations per model, plus every structural mutation; ~20 s in all


def test_fix_fuzz_campaign_handles_every_case():
    """`rknnlint fix` in a worker process on byte and structural mutations: each case works, or exits 2 with one
    line, within the time bound; no traceback, no internal error, no crash of the process."""
    rep = campaign([shared_model(n) for n in FIX_MODELS], command="fix", iterations=FIX_ITERATIONS, seed=1,
                   time_bound=TIME_BOUND * 3)
    print(rep.line())
    assert rep.ran >= len(FIX_MODELS) * (FIX_ITERATIONS + 15)
    assert (rep.hangs, rep.tracebacks, rep.internal_errors, rep.bad_exit) == ([], [], [], [])
    assert rep.handled == rep.ran
    assert rep.by_code.get(2, 0) > 0 and rep.by_code.get(0, 0) + rep.by_code.get(1, 0) > 0  # both kinds happen
    assert rep.peak_mb < 1500  # memory bounded: the worker ran every case


def test_fuzz_command_prints_cases_ran_and_handled():
    p = subprocess.run([sys.executable, "-m", "rknnlint.fuzz", "--command", "fix", "--iterations", "2", "--seed", "5",
                        shared_model("misc_layernorm_noeps_op17.onnx")], capture_output=True, text=True, timeout=300)
    assert p.returncode == 0, p.stdout + p.stderr
    first = p.stdout.splitlines()[0]
    assert first.startswith("fuzz fix: ") and " cases ran, " in first and " handled (" in first
    ran = int(first.split("fuzz fix: ")[1].split(" cases ran")[0])
    handled = int(first.split(" cases ran, ")[1].split(" handled")[0])
    assert ran == handled >= 2 + 15


def test_fix_on_empty_graph_with_orphan_outputs_does_not_crash(tmp_path):
    # onnx.version_converter segfaulted on graph outputs no node produces (opset 11 -> 13 on det_tiny_topk_nms)
    model = onnx.load(shared_model("det_tiny_topk_nms_op11.onnx"))
    m = dict(structural_mutations(model, random.Random(7)))["empty-graph"]
    f = tmp_path / "m.onnx"
    onnx.save(m, f)
    p = run_cli_process("fix", "-q", f, timeout=120)
    assert p.returncode in (0, 1, 2), (p.returncode, p.stderr[-500:])
    assert "Traceback" not in p.stderr and "nothing to fix" in p.stdout
