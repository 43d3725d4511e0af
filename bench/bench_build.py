"""Benchmark: wall time of `rknnlint build` against a bare rknn-toolkit2 script doing the same load/build/export.

    .venv/bin/python bench/bench_build.py [--repeat 2] [--models a.onnx b.onnx ...]

Both are whole processes, run alternately on the same models (rk3588 fp16, export to a temporary .rknn).
The bare script is what a user's conversion script does (RKNN(verbose=False)); rknnlint builds with
verbose=True (it needs the layer table), runs the static check too and parses the logs. Target (issue 4):
overhead at most 10%.
"""
from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "models"
DEFAULT = ["cls_shufflenet_v2_x1_0_op13.onnx", "seg_tiny_unet_odd_channels_op13.onnx", "seq_gru2x96_op12.onnx"]

BARE = """
import sys
from rknn.api import RKNN
r = RKNN(verbose=False)
r.config(target_platform='rk3588')
assert r.load_onnx(model=sys.argv[1]) == 0
assert r.build(do_quantization=False) == 0
assert r.export_rknn(sys.argv[2]) == 0
r.release()
"""


CPU: dict[str, list[float]] = {}


def _time(cmd: list[str], cwd: str, kind: str = "") -> float:
    """Wall seconds; the CPU seconds (user+sys of the process tree) go to CPU[kind]: on a loaded machine the
    wall time is noise, the CPU time is not."""
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    p = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    dt = time.perf_counter() - t0
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU.setdefault(kind, []).append(r1.ru_utime + r1.ru_stime - r0.ru_utime - r0.ru_stime)
    if p.returncode != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{p.stderr[-2000:]}")
    return dt


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--models", nargs="*", default=None)
    a = ap.parse_args()
    models = [Path(m) for m in a.models] if a.models else [SHARED / m for m in DEFAULT]
    rows = []
    with tempfile.TemporaryDirectory(prefix="rknnlint-bench-") as tmp:
        for m in models:
            bare, lint, lint_ns = [], [], []
            for _ in range(a.repeat):
                out = str(Path(tmp) / "bare.rknn")
                bare.append(_time([sys.executable, "-c", BARE, str(m.resolve()), out], tmp, "bare"))
                lint.append(_time([sys.executable, "-m", "rknnlint", "build", str(m), "--export", str(Path(tmp) / "l.rknn"),
                                   "--out-dir", tmp], tmp, "lint"))
                lint_ns.append(_time([sys.executable, "-m", "rknnlint", "build", str(m), "--no-static", "--export",
                                      str(Path(tmp) / "l.rknn"), "--out-dir", tmp], tmp))
            b, li, ln = statistics.median(bare), statistics.median(lint), statistics.median(lint_ns)
            rows.append((m.name, b, li, ln))
            print(f"{m.name:45s} bare {b:6.2f} s  rknnlint build {li:6.2f} s ({100 * (li / b - 1):+5.1f}%)  "
                  f"--no-static {ln:6.2f} s ({100 * (ln / b - 1):+5.1f}%)", flush=True)
    tb, tl, tn = (sum(r[i] for r in rows) for i in (1, 2, 3))
    print(f"{'total':45s} bare {tb:6.2f} s  rknnlint build {tl:6.2f} s ({100 * (tl / tb - 1):+5.1f}%)  "
          f"--no-static {tn:6.2f} s ({100 * (tn / tb - 1):+5.1f}%)")
    cb, cl = sum(CPU["bare"]), sum(CPU["lint"])
    print(f"CPU time (user+sys, all runs): bare {cb:.2f} s, rknnlint build {cl:.2f} s ({100 * (cl / cb - 1):+.1f}%)")
    over = 100 * (tl / tb - 1)
    print(f"overhead {over:+.1f}% (target <= 10%): {'OK' if over <= 10 else 'OVER'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
