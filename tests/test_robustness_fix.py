"""`rknnlint fix` on hostile models and interrupted runs: one line and exit 2, a bounded time, no temp files."""
from __future__ import annotations

import hashlib
import os
import random
import signal
import subprocess
import sys
import time

import numpy as np
import onnx
import pytest
from onnx import TensorProto, helper, numpy_helper

from conftest import run_cli, run_cli_process, shared_model
from rknnlint.fix._proof import MAX_PROOF_NESTING, nesting_depth
from rknnlint.fix._write import remove_stale_temps, write_model
from rknnlint.fuzz import structural_mutations


def _digest(p):
    return hashlib.sha256(p.read_bytes()).hexdigest()


def _mutation(kind: str) -> onnx.ModelProto:
    model = onnx.load(shared_model("misc_layernorm_noeps_op17.onnx"))
    return dict(structural_mutations(model, random.Random(7)))[kind]


def _one_error_line(err: str) -> str:
    lines = [x for x in err.splitlines() if x.strip()]
    assert len(lines) == 1 and "Traceback" not in err, err
    return lines[0]


def test_internal_error_is_one_line_exit_2(monkeypatch):
    from rknnlint.cli import check_cmd

    def boom(args):
        raise RuntimeError("boom\nsecond line")

    monkeypatch.setattr(check_cmd, "run", boom)
    monkeypatch.delenv("RKNNLINT_DEBUG", raising=False)
    code, out, err = run_cli("check", "x.onnx")
    assert code == 2
    assert _one_error_line(err).startswith("rknnlint: internal error: RuntimeError: boom (RKNNLINT_DEBUG=1")
    monkeypatch.setenv("RKNNLINT_DEBUG", "1")
    with pytest.raises(RuntimeError, match="boom"):
        run_cli("check", "x.onnx")


def test_internal_error_in_a_child_process_has_no_traceback(tmp_path):
    # a real process and a real bug: a command whose code raises IndexError
    env = {k: v for k, v in os.environ.items() if k != "RKNNLINT_DEBUG"}
    code = ("import sys; from rknnlint.cli import main; import rknnlint.cli.check_cmd as c\n"
            "c.run = lambda a: [][1]\n"
            "sys.exit(main(sys.argv[1:]))")
    p = subprocess.run([sys.executable, "-c", code, "check", "x.onnx"], capture_output=True, text=True, env=env,
                       timeout=120)
    assert p.returncode == 2
    assert _one_error_line(p.stderr).startswith("rknnlint: internal error: IndexError: list index out of range")


@pytest.mark.parametrize("dims", [[2**40, 3, 8, 8], [1, 3, 2**31, 2**31]])
def test_huge_input_dims_are_refused_before_allocating(tmp_path, dims):
    m = _mutation(f"dims{dims}")
    src = tmp_path / "m.onnx"
    onnx.save(m, src)
    t = time.perf_counter()
    code, out, err = run_cli("fix", src)
    assert time.perf_counter() - t < 30
    assert code == 2
    line = _one_error_line(err)
    assert f"input 'x' of shape {dims}" in line and "above the proof's 1 GiB limit" in line and "--no-verify" in line
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.onnx"]


def test_deep_subgraphs_are_refused_by_the_proof_in_bounded_time(tmp_path):
    m = _mutation("deep-subgraphs")
    assert nesting_depth(m.graph) == 30
    src = tmp_path / "m.onnx"
    onnx.save(m, src)
    t = time.perf_counter()
    code, out, err = run_cli("fix", src)
    took = time.perf_counter() - t
    assert code == 2 and took < 30, (code, took)
    assert f"nests subgraphs 30 levels deep; onnxruntime's session creation time doubles with every level, so the " \
           f"proof refuses more than {MAX_PROOF_NESTING}" in _one_error_line(err)
    # with --no-verify the rewrite is written, unproven
    code, out, err = run_cli("fix", src, "--no-verify")
    assert code in (0, 1) and "unproven" in out and (tmp_path / "m.rknn-ready.onnx").is_file()


def test_nesting_depth_counts_levels():
    leaf = helper.make_graph([helper.make_node("Identity", ["c"], ["o"])], "leaf", [],
                             [helper.make_tensor_value_info("o", TensorProto.BOOL, [])])
    assert nesting_depth(leaf) == 0
    g = helper.make_graph([helper.make_node("If", ["c"], ["o"], then_branch=leaf, else_branch=leaf)], "g", [],
                          [helper.make_tensor_value_info("o", TensorProto.BOOL, [])])
    g2 = helper.make_graph([helper.make_node("Loop", ["", "c"], ["o"], body=g)], "g2", [], [])
    assert nesting_depth(g) == 1 and nesting_depth(g2) == 2


def _dead_pid() -> int:
    p = subprocess.Popen([sys.executable, "-c", "pass"])
    p.wait()
    return p.pid


def test_stale_temp_folders_of_dead_runs_are_removed(tmp_path):
    out = tmp_path / "m.rknn-ready.onnx"
    dead = tmp_path / f".{out.name}.{_dead_pid()}.abc123"
    alive = tmp_path / f".{out.name}.{os.getpid()}.def456"
    foreign = tmp_path / f".{out.name}.notapid"
    for d in (dead, alive, foreign):
        d.mkdir()
        (d / out.name).write_bytes(b"partial")
    model = helper.make_model(helper.make_graph([helper.make_node("Identity", ["x"], ["y"])], "g",
                                                [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1])],
                                                [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1])]))
    assert write_model(model, out, external=False, protected=[]) == [out]
    assert not dead.exists()  # a killed run's leftovers
    assert alive.is_dir() and foreign.is_dir()  # a live process's (maybe a concurrent fix) and not ours
    assert remove_stale_temps(out) == []


def _slow_to_write_model(folder):
    """A 32 MiB MatMul with a dynamic batch: `fix --input-shape` pins it, and the write takes ~1 s."""
    w = numpy_helper.from_array(np.ones((2048, 4096), np.float32), "w")
    g = helper.make_graph([helper.make_node("MatMul", ["x", "w"], ["y"])], "g",
                          [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["batch", 2048])],
                          [helper.make_tensor_value_info("y", TensorProto.FLOAT, ["batch", 4096])], [w])
    src = folder / "m.onnx"
    onnx.save(helper.make_model(g, opset_imports=[helper.make_opsetid("", 13)], ir_version=8), src)
    return src


@pytest.mark.parametrize("sig,code", [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_signal_while_writing_leaves_no_temp_files_and_input_unchanged(tmp_path, sig, code):
    src = _slow_to_write_model(tmp_path)
    before = _digest(src)
    env = {k: v for k, v in os.environ.items() if k != "RKNNLINT_DEBUG"}
    p = subprocess.Popen([sys.executable, "-m", "rknnlint", "fix", "--input-shape", "x=1,2048", "--no-verify", str(src)],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    sent = False
    deadline = time.monotonic() + 120
    while p.poll() is None and time.monotonic() < deadline:
        if any(n.startswith(".m.rknn-ready.onnx.") for n in os.listdir(tmp_path)):  # the temp folder is there
            p.send_signal(sig)
            sent = True
            break
        time.sleep(0.001)
    out, err = p.communicate(timeout=120)
    assert sent, "the write was never seen: " + out + err
    assert p.returncode == code, (p.returncode, err)
    assert "Traceback" not in err
    assert sorted(x.name for x in tmp_path.iterdir()) == ["m.onnx"]  # no temp folder, no half-written output
    assert _digest(src) == before


def test_sigkilled_fix_leaves_a_pid_named_folder_that_the_next_run_removes(tmp_path):
    src = _slow_to_write_model(tmp_path)
    before = _digest(src)
    args = [sys.executable, "-m", "rknnlint", "fix", "--input-shape", "x=1,2048", "--no-verify", str(src)]
    p = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    left = []
    deadline = time.monotonic() + 120
    while p.poll() is None and time.monotonic() < deadline and not left:
        left = [n for n in os.listdir(tmp_path) if n.startswith(".m.rknn-ready.onnx.")]
        time.sleep(0.001)
    p.kill()  # SIGKILL: no Python code runs, the folder stays
    p.communicate(timeout=60)
    assert left and left[0].startswith(f".m.rknn-ready.onnx.{p.pid}."), left
    assert (tmp_path / left[0]).is_dir() and _digest(src) == before
    code, out, err = run_cli("fix", "--input-shape", "x=1,2048", "--no-verify", src)
    assert code == 0, out + err
    assert sorted(x.name for x in tmp_path.iterdir()) == ["m.onnx", "m.rknn-ready.onnx"]
    assert _digest(src) == before


def _constant_of_shape_model(folder, n: int):
    """x[batch,3,8,8] + ConstantOfShape([n,3,8,8]): an n*768-byte tensor only at run time."""
    g = helper.make_graph(
        [helper.make_node("ConstantOfShape", ["s"], ["c"], value=numpy_helper.from_array(np.array([1.0], np.float32))),
         helper.make_node("Add", ["x", "c"], ["y"])], "g",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["batch", 3, 8, 8])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, None)],
        [numpy_helper.from_array(np.array([n, 3, 8, 8], np.int64), "s")])
    src = folder / "m.onnx"
    onnx.save(helper.make_model(g, opset_imports=[helper.make_opsetid("", 13)], ir_version=8), src)
    return src


@pytest.mark.parametrize("n,shown", [(2**30, "768 GiB"), (2**22, "3 GiB")])
def test_huge_intermediate_tensor_is_refused_before_onnxruntime_runs(tmp_path, n, shown):
    # 2**22: a 3 GiB tensor the proof ran (14 GB peak, 50-90 s) before the limit; 2**30: onnxruntime's arena failed
    src = _constant_of_shape_model(tmp_path, n)
    t = time.perf_counter()
    code, out, err = run_cli("fix", src)
    took = time.perf_counter() - t
    assert code == 2 and took < 30, (code, took, err)
    assert _one_error_line(err) == (
        f"rknnlint: error: tensor 'c' of shape [{n}, 3, 8, 8] would take {shown} in onnxruntime, above the proof's "
        "1 GiB limit for one tensor; pin smaller input shapes with --input-shape, or pass --no-verify to write the "
        "fix unproven")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.onnx"]


def test_constant_folding_skips_tensors_above_the_size_limit(tmp_path):
    # graphsurgeon evaluates a constant before comparing its size: a 3 GiB ConstantOfShape took 6.5 GB and 23 s
    from rknnlint.rewrites._gs import fold_and_clean, value_shapes

    m = onnx.load(_constant_of_shape_model(tmp_path, 2**22))
    assert value_shapes(m)["c"] == ([2**22, 3, 8, 8], 2**22 * 768)
    t = time.perf_counter()
    out = fold_and_clean(m, 1 << 22)
    assert time.perf_counter() - t < 10
    assert [n.op_type for n in out.graph.node] == ["ConstantOfShape", "Add"]  # not folded


def test_onnxruntime_failure_is_one_line_on_the_real_stderr(tmp_path):
    # onnxruntime logged its own error line (native stderr) above ours before sessions were set to fatal-only
    model = onnx.load(shared_model("seq_gru2x96_op12.onnx"))
    m = dict(structural_mutations(model, random.Random(7)))["dims[-5, 3, 224, 224]"]
    f = tmp_path / "m.onnx"
    onnx.save(m, f)
    p = run_cli_process("fix", f, timeout=120)
    assert p.returncode == 2
    assert _one_error_line(p.stderr).startswith("rknnlint: error: onnxruntime fails running the original model")
