"""Benchmark: wall time of `rknnlint build` against a bare rknn-toolkit2 script doing the same load/build/export.

    .venv/bin/python bench/bench_build.py [--repeat 5] [--models a.onnx ...] [--no-static] [--fast-exit] [--profile]

Both sides are what a user runs from a shell, one whole process each, on the same model, rk3588 fp16:
- bare: `python -c SCRIPT model out.rknn`, a conversion script doing config / load_onnx / build /
  export_rknn (RKNN(verbose=False), the usual setting; rknnlint needs verbose=True for the layer table,
  so that cost counts as rknnlint's overhead);
- rknnlint: `python -m rknnlint build model --export out.rknn` (default options: the static check runs too).
Each repetition runs both, alternating which goes first (ABBA), after one unmeasured warm-up pair per model
(page cache). Per model: median and min of the wall time, and the overhead on each; the verdict is on the
sum of the medians. Both sides' stdout/stderr go to files, as neither is read by a terminal.

--profile prints, for one rknnlint run per model, where rknnlint's time goes: the parent's own time before the
child starts, the child's time to import the toolkit, the build, and the parent's time after the child ends.
Target (issue 4): overhead at most 10%.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "fixtures"))
import make_fixtures  # noqa: E402  (writes the large fixture models from their skeletons)

FIXTURES = make_fixtures.ensure_all()
# models that build as exported on rk3588 fp16 (a failing model would stop the bare script early)
DEFAULT = ["cls_shufflenet_v2_x1_0_op13.onnx", "det_yolov5style_nc20_320_op12.onnx",
           "seg_tiny_unet_odd_channels_op13.onnx", "seq_gru2x96_op12.onnx"]

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
# --fast-exit: the bare script also leaves without the interpreter's teardown, as rknnlint's build child does,
# so that the difference is only rknnlint's own work (parent process, verbose log, parsing, static check)
FAST_EXIT = "import os, sys; sys.stdout.flush(); sys.stderr.flush(); os._exit(0)\n"


CPU: dict[str, list[float]] = {"bare": [], "lint": []}


def _run(cmd: list[str], tmp: Path, env: dict, side: str = "") -> float:
    """Wall seconds; the CPU seconds of the process tree (user+sys) go to CPU[side]: on a loaded machine the
    wall time is noisy, the CPU time much less."""
    with open(tmp / "out.txt", "wb") as out, open(tmp / "err.txt", "wb") as err:
        r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        rc = subprocess.run(cmd, cwd=tmp, stdin=subprocess.DEVNULL, stdout=out, stderr=err, env=env).returncode
        dt = time.perf_counter() - t0
        r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    if side:
        CPU[side].append(r1.ru_utime + r1.ru_stime - r0.ru_utime - r0.ru_stime)
    if rc != 0:
        raise SystemExit(f"failed ({rc}): {' '.join(cmd)}\n{(tmp / 'err.txt').read_text(errors='replace')[-2000:]}")
    return dt


def _cmds(model: Path, tmp: Path, no_static: bool, fast_exit: bool = False) -> dict[str, list[str]]:
    lint = [sys.executable, "-m", "rknnlint", "build", str(model), "--export", str(tmp / "lint.rknn")]
    return {"bare": [sys.executable, "-c", BARE + (FAST_EXIT if fast_exit else ""), str(model), str(tmp / "bare.rknn")],
            "lint": lint + (["--no-static"] if no_static else [])}


def _profile(model: Path, tmp: Path, env: dict) -> str:
    """One rknnlint run with RKNNLINT_BENCH_TRACE: the parent and the child record monotonic time stamps."""
    trace = tmp / "trace.jsonl"
    trace.unlink(missing_ok=True)
    t0 = time.monotonic()
    _run(_cmds(model, tmp, False)["lint"], tmp, {**env, "RKNNLINT_BENCH_TRACE": str(trace)})
    t1 = time.monotonic()
    marks = {}
    for line in trace.read_text().splitlines():
        d = json.loads(line)
        marks.setdefault(d["mark"], d["t"])
    order = ["parent-run", "child-spawned", "child-start", "toolkit-imported", "child-done", "child-reaped", "report-done"]
    prev, parts = t0, []
    for m in order:
        if m in marks:
            parts.append(f"{m} +{marks[m] - prev:.2f}")
            prev = marks[m]
    parts.append(f"exit +{t1 - prev:.2f}")
    return "  ".join(parts) + f"  (total {t1 - t0:.2f} s)"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--models", nargs="*", default=None)
    ap.add_argument("--no-static", action="store_true", help="time `rknnlint build --no-static`")
    ap.add_argument("--fast-exit", action="store_true",
                    help="the bare script skips the interpreter teardown too (rknnlint's own cost alone)")
    ap.add_argument("--profile", action="store_true", help="also show where one rknnlint run spends its time")
    a = ap.parse_args()
    models = [Path(m).resolve() for m in a.models] if a.models else [FIXTURES / m for m in DEFAULT]
    totals = {"bare": 0.0, "lint": 0.0}
    mins = {"bare": 0.0, "lint": 0.0}
    print(f"load average {os.getloadavg()[0]:.2f}, {a.repeat} repetitions, {'--no-static' if a.no_static else 'default options'}"
          f"{', bare script with os._exit' if a.fast_exit else ''}")
    with tempfile.TemporaryDirectory(prefix="rknnlint-bench-") as t:
        tmp = Path(t)
        env = {**os.environ, "TMPDIR": str(tmp)}  # rknnlint's kept build logs land here and go away
        for m in models:
            cmds = _cmds(m, tmp, a.no_static, a.fast_exit)
            for side in ("bare", "lint"):  # warm-up: page cache, .pyc files
                _run(cmds[side], tmp, env)
            times: dict[str, list[float]] = {"bare": [], "lint": []}
            for k in range(a.repeat):
                for side in (("bare", "lint") if k % 2 == 0 else ("lint", "bare")):
                    times[side].append(_run(cmds[side], tmp, env, side))
            med = {s: statistics.median(v) for s, v in times.items()}
            low = {s: min(v) for s, v in times.items()}
            for s in totals:
                totals[s] += med[s]
                mins[s] += low[s]
            print(f"{m.name:40s} median bare {med['bare']:5.2f} s  rknnlint {med['lint']:5.2f} s "
                  f"({100 * (med['lint'] / med['bare'] - 1):+5.1f}%) | min bare {low['bare']:5.2f} s  rknnlint "
                  f"{low['lint']:5.2f} s ({100 * (low['lint'] / low['bare'] - 1):+5.1f}%)", flush=True)
            if a.profile:
                print(f"    rknnlint time line: {_profile(m, tmp, env)}", flush=True)
    over = 100 * (totals["lint"] / totals["bare"] - 1)
    over_min = 100 * (mins["lint"] / mins["bare"] - 1)
    print(f"{'total':40s} median bare {totals['bare']:5.2f} s  rknnlint {totals['lint']:5.2f} s ({over:+5.1f}%) | "
          f"min bare {mins['bare']:5.2f} s  rknnlint {mins['lint']:5.2f} s ({over_min:+5.1f}%)")
    cb, cl = sum(CPU["bare"]), sum(CPU["lint"])
    print(f"CPU time (user+sys of the process tree, measured runs): bare {cb:.2f} s, rknnlint {cl:.2f} s "
          f"({100 * (cl / cb - 1):+.1f}%)")
    print(f"overhead (sum of medians) {over:+.1f}% (target <= 10%): {'OK' if over <= 10 else 'OVER'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
