"""Benchmark: `rknnlint check` wall time against `onnx.load` (whole processes, same run), and against peers.

    .venv/bin/python bench/bench_check.py [--peers-python /path/to/venv/bin/python] [--repeat 5]

Targets: check <= 1.25x the load time on a >= 100 MB model (issue 12: the measured motif tables must not
slow it down), <= 2x on the largest model in fixtures/ (issue 2); less than onnx-doctor and `polygraphy check lint` on the same model; under 1 s wall
in total (interpreter start included) for a ~10 MB model. The 100 MB model is generated here with numpy
(a ResNet-50-sized conv stack) into a temporary folder.

Each figure is the median over --repeat runs of a whole process: wall time, and in brackets its CPU time
(user + sys, from the child's rusage). On a machine shared with other work the wall time includes waiting
for a core; the CPU time does not, and the ratios are given for both. --realtime runs every timed process
(rknnlint, onnx.load and the peers alike) under SCHED_FIFO (`chrt -f 10`, Linux, root), so that other
work on a shared machine does not stretch its wall time. rknnlint's bytecode is compiled
first (as `pip install` does), so a checkout run with PYTHONDONTWRITEBYTECODE=1 is timed like an install.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "fixtures"))
import make_fixtures  # noqa: E402  (writes the large fixture models from their skeletons)

FIXTURES = make_fixtures.ensure_all()


def make_conv_stack(path: Path, target_mb: int = 110) -> Path:
    """A plain conv stack whose fp32 weights add up to about target_mb (ResNet-50 is ~100 MB)."""
    rng = np.random.default_rng(0)
    nodes, inits = [], []
    prev, c, total, i = "x", 3, 0, 0
    widths = [64, 128, 256, 512, 1024, 2048]
    while total < target_mb * 2**20:
        cout = widths[min(i // 4, len(widths) - 1)]
        w = rng.standard_normal((cout, c, 3, 3), dtype=np.float32) * 0.01
        b = np.zeros(cout, np.float32)
        inits += [numpy_helper.from_array(w, f"w{i}"), numpy_helper.from_array(b, f"b{i}")]
        nodes.append(helper.make_node("Conv", [prev, f"w{i}", f"b{i}"], [f"c{i}"], name=f"conv{i}", pads=[1, 1, 1, 1]))
        nodes.append(helper.make_node("Relu", [f"c{i}"], [f"r{i}"], name=f"relu{i}"))
        prev, c, total, i = f"r{i}", cout, total + w.nbytes, i + 1
    g = helper.make_graph(nodes, "stack", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 3, 64, 64])],
                          [helper.make_tensor_value_info(prev, TensorProto.FLOAT, [1, c, 64, 64])], inits)
    onnx.save(helper.make_model(g, opset_imports=[helper.make_opsetid("", 13)], ir_version=8), path)
    return path


PREFIX: list[str] = []  # ["chrt", "-f", "10"] with --realtime


def wall(cmd: list[str], repeat: int, ok: tuple[int, ...] = (0, 1)) -> tuple[float, float, int]:
    """(median wall time, median CPU time, last exit code) of a whole process; `ok`: exit codes that mean
    it ran to the end (rknnlint check exits 1 on findings)."""
    walls, cpus, status = [], [], 0
    for _ in range(repeat):
        t = time.perf_counter()
        p = subprocess.Popen(PREFIX + cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, status, ru = os.wait4(p.pid, 0)
        p.returncode = os.waitstatus_to_exitcode(status)  # reaped above
        walls.append(time.perf_counter() - t)
        cpus.append(ru.ru_utime + ru.ru_stime)
        if p.returncode not in ok:
            return statistics.median(walls), statistics.median(cpus), p.returncode
    return statistics.median(walls), statistics.median(cpus), 0


def _fmt(t: tuple[float, float, int]) -> str:
    return f"{t[0]:.3f}s ({t[1]:.3f}s CPU)" + (f" FAILED (exit {t[2]})" if t[2] else "")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--peers-python", default=None,
                    help="python of a venv with onnx-doctor, polygraphy, onnx-graphsurgeon and onnxruntime installed")
    ap.add_argument("--realtime", action="store_true", help="time every process under chrt -f 10 (SCHED_FIFO)")
    a = ap.parse_args()
    if a.realtime:
        PREFIX[:] = ["chrt", "-f", "10"]
    py = sys.executable
    rknnlint = [py, "-m", "rknnlint", "check", "--format", "json"]
    subprocess.run([py, "-m", "compileall", "-q", str(ROOT / "rknnlint")], stdout=subprocess.DEVNULL, check=True)
    tmp = Path(tempfile.mkdtemp(prefix="rknnlint-bench-"))
    try:
        big = make_conv_stack(tmp / "convstack_110mb.onnx")
        largest = max(FIXTURES.glob("*.onnx"), key=lambda p: p.stat().st_size)
        rows = []
        for model, target in ((big, 1.25), (largest, 2.0)):
            size = model.stat().st_size / 2**20
            t_load = wall([py, "-c", f"import onnx; onnx.load({str(model)!r})"], a.repeat, ok=(0,))
            t_check = wall(rknnlint + [str(model)], a.repeat)
            row = {"model": model.name, "MB": size, "onnx.load": t_load, "rknnlint check": t_check, "target": target}
            if a.peers_python:
                row["onnx-doctor"] = wall([a.peers_python, "-m", "onnx_doctor", "check", str(model)], a.repeat)
                row["polygraphy lint"] = wall([str(Path(a.peers_python).parent / "polygraphy"), "check", "lint", str(model)], a.repeat)
            rows.append(row)
        for r in rows:
            chk, load = r["rknnlint check"], r["onnx.load"]
            peers = "".join(f", {k} {_fmt(v)}" for k, v in r.items() if k in ("onnx-doctor", "polygraphy lint"))
            print(f"{r['model']:45s} {r['MB']:7.1f} MB  onnx.load {_fmt(load)}  rknnlint check {_fmt(chk)}"
                  f"  ratio {chk[0] / load[0]:.2f}x wall, {chk[1] / load[1]:.2f}x CPU (target <= {r['target']}x){peers}")
        ten = min(FIXTURES.glob("*.onnx"), key=lambda p: abs(p.stat().st_size - 10 * 2**20))
        t10 = wall(rknnlint + [str(ten)], a.repeat)
        print(f"10 MB-class model {ten.name} ({ten.stat().st_size / 2**20:.1f} MB): rknnlint check {_fmt(t10)} "
              f"incl. interpreter start (target < 1 s wall)")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
