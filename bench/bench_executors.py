"""Benchmark: a folder build on the local pool against the same build on Ray, and the build cache.

    .venv/bin/python bench/bench_executors.py [--models a.onnx ...] [--repeat 1]

Prints, for the same folder of fixture models (rk3588 fp16, real rknn-toolkit2 builds, whole `rknnlint build`
processes, static check on):
- local pool: --jobs 1 and --jobs 2;
- Ray: a two-node cluster on this machine (`ray start --head` + `ray start`, one CPU each, started before the
  clock runs), --executor ray --address, and a private Ray started by the run itself (--executor ray, 2 CPUs);
- the per-task overhead of each executor on a task that does nothing (1 000 tasks);
- the build cache: the same folder built again (cache on), as a share of the first run.
Targets (issue 17): Ray over 2 workers within 10% of --jobs 2; an unchanged re-run under 5% of the first.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "fixtures"))
import make_fixtures  # noqa: E402  (writes the large fixture models from their skeletons)

FIXTURES = make_fixtures.ensure_all()
DEFAULT = ["cls_shufflenet_v2_x1_0_op13.onnx", "det_yolov5style_nc20_320_op12.onnx",
           "seg_tiny_unet_odd_channels_op13.onnx", "seq_gru2x96_op12.onnx", "cls_tiny_vit_5d_op14.onnx",
           "misc_resize_cubic_op13.onnx"]
RAY_ENV = {"RAY_AUTH_MODE": "disabled", "RAY_USAGE_STATS_ENABLED": "0"}


def _run(args: list[str], env: dict[str, str]) -> tuple[float, dict]:
    t0 = time.monotonic()
    p = subprocess.run([sys.executable, "-m", "rknnlint", "build", *args, "--format", "json"], capture_output=True,
                       text=True, env=env)
    wall = time.monotonic() - t0
    if p.returncode not in (0, 1):
        raise SystemExit(f"rknnlint build failed: {p.stderr.strip()[-500:]}")
    return wall, json.loads(p.stdout)


def _outcomes(doc: dict) -> list[tuple]:
    return [(Path(b["model"]).name, b["status"], json.dumps(b["summary"], sort_keys=True)) for b in doc["builds"]]


def _noop(_x):
    return None


def _overhead(n: int = 1000) -> dict[str, float]:
    from concurrent.futures import ThreadPoolExecutor

    import ray

    t0 = time.monotonic()
    with ThreadPoolExecutor(2) as pool:
        list(pool.map(_noop, range(n)))
    local = (time.monotonic() - t0) / n
    os.environ.update(RAY_ENV)
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    try:
        f = ray.remote(num_cpus=1)(_noop)
        ray.get([f.remote(i) for i in range(20)])  # workers started
        t0 = time.monotonic()
        ray.get([f.remote(i) for i in range(n)])
        on_ray = (time.monotonic() - t0) / n
    finally:
        ray.shutdown()
    return {"local_ms": local * 1e3, "ray_ms": on_ray * 1e3}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--models", nargs="*", default=DEFAULT)
    args = ap.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="rknnlint-bench-exec-"))
    cache = folder / ".cache"
    for name in args.models:
        shutil.copy(FIXTURES / name if (FIXTURES / name).is_file() else name, folder / Path(name).name)
    env = {**os.environ, **RAY_ENV, "PYTHONPATH": str(ROOT), "RKNNLINT_CACHE_DIR": str(cache)}
    nocache = {**env, "RKNNLINT_NO_BUILD_CACHE": "1"}
    with open("/proc/loadavg") as f:
        load = f.read().split()[0]
    print(f"{len(args.models)} models, rk3588 fp16, {os.cpu_count()} cores, load average {load} at start")

    rows = {}
    rows["local --jobs 1"] = _run([str(folder), "--jobs", "1"], nocache)
    rows["local --jobs 2"] = _run([str(folder), "--jobs", "2"], nocache)
    rows["ray, private instance, 2 CPUs"] = _run([str(folder), "--executor", "ray", "--jobs", "2"], nocache)

    ray_bin = str(Path(sys.executable).with_name("ray"))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    common = ["--num-cpus=1", "--node-ip-address=127.0.0.1", "--disable-usage-stats"]
    try:
        subprocess.run([ray_bin, "start", "--head", f"--port={port}", "--include-dashboard=false", *common], env=env,
                       check=True, capture_output=True)
        rows["ray cluster, 1 node x 1 CPU"] = _run([str(folder), "--executor", "ray", "--address", f"127.0.0.1:{port}"],
                                                   nocache)
        subprocess.run([ray_bin, "start", f"--address=127.0.0.1:{port}", *common], env=env, check=True,
                       capture_output=True)
        time.sleep(5)
        rows["ray cluster, 2 nodes x 1 CPU"] = _run([str(folder), "--executor", "ray", "--address",
                                                     f"127.0.0.1:{port}"], nocache)
    finally:
        subprocess.run([ray_bin, "stop", "--force"], env=env, capture_output=True)

    first, doc = _run([str(folder), "--jobs", "2"], env)
    again, doc2 = _run([str(folder), "--jobs", "2"], env)
    base = _outcomes(rows["local --jobs 2"][1])
    print(f"{'run':34} {'wall s':>8} {'vs --jobs 2':>12}  same outcomes as --jobs 2")
    ref = rows["local --jobs 2"][0]
    for name, (wall, d) in rows.items():
        print(f"{name:34} {wall:8.1f} {wall / ref:11.2f}x  {_outcomes(d) == base}")
    print(f"cache: first run {first:.1f} s, unchanged re-run {again:.2f} s = {100 * again / first:.1f}% "
          f"({sum(b['cached'] for b in doc2['builds'])}/{len(doc2['builds'])} from the cache)")
    ov = _overhead()
    print(f"per-task overhead (no-op task): local pool {ov['local_ms']:.3f} ms, Ray {ov['ray_ms']:.3f} ms")
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
