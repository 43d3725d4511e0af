"""Raw simulator outputs of a float build, for comparing a fixed model (and its cut-off tail) with the
original: what bench/bench_fix.py and tests/test_fix_toolkit.py measure. The build runs through the one
toolkit runner (toolkit/runner.py); numpy and onnxruntime are imported only when called.
"""
from __future__ import annotations

import subprocess
from pathlib import Path

# why the child's simulator step did not run -> the return code simulate() reports
_SIM_CODES = {"init_runtime() failed": 5, "inference() returned None": 6}


def simulate(model, feed: dict | None = None, shapes: dict | None = None, cwd=None, target: str = "rk3588",
             timeout: float = 600, python: str | None = None, dtype: str = "fp16") -> tuple[int, list | None, str]:
    """Build `model` for `target` (`dtype` fp16, or int8: quantized on `feed` as its one calibration sample,
    NCHW .npy files as calibration/run_toolkit.py's) and, when `feed` (input name -> array) is given, run it on the
    simulator. Returns (return code, the simulator's outputs in model order or None, the child's output):
    0 built (and simulated), 3 load failed, 4 build failed, 5 init_runtime failed, 6 inference failed,
    1 the toolkit raised, negative: killed by a signal; a timeout raises subprocess.TimeoutExpired. `shapes`
    (input name -> dims) is passed to load_onnx. The feed file goes to `cwd` (default: the model's folder);
    `python`: another toolkit version's interpreter."""
    import numpy as np

    from .runner import BuildJob, run_build
    from .status import BuildStatus

    cwd = Path(cwd) if cwd is not None else Path(model).parent
    feeds = None
    if feed:
        feeds = cwd / "inputs.npz"
        np.savez(feeds, **feed)
    job = BuildJob(model=str(model), target=target, dtype="int8" if dtype == "int8" else "fp16", input_shapes={k: list(v) for k, v in (shapes or {}).items()},
                   feeds=str(feeds) if feeds else None, compare=bool(feed), keep_outputs=bool(feed))
    raw = run_build(job, timeout=timeout, python=python, write_log=False)
    log = raw.stdout + raw.stderr
    res = raw.result
    status = raw.status
    if status is BuildStatus.TIMEOUT:
        raise subprocess.TimeoutExpired(str(model), timeout, output=log)
    if status is BuildStatus.CRASHED:
        return raw.returncode or 1, None, log
    if status is BuildStatus.FAILED:
        return (1 if res.get("exception") else 3 if res.get("stage") == "load" else 4), None, log
    if not feed:
        return 0, None, log
    cmp = res.get("compare") or {}
    if raw.signal or not cmp.get("ran") or not raw.outputs:
        return (-raw.signal if raw.signal else _SIM_CODES.get(cmp.get("why", ""), 1)), None, log
    return 0, list(raw.outputs["sim"]), log


def with_tail(tail, got: dict, feed: dict) -> dict:
    """`got` (output name -> array of the NPU part) plus the outputs of the post-processing tail model at
    path `tail` (written by a head cut), run in onnxruntime on `got` and, for its other inputs, `feed`."""
    import numpy as np
    import onnxruntime as ort

    ts = ort.InferenceSession(str(tail), providers=["CPUExecutionProvider"])
    tfeed = {i.name: (got[i.name] if i.name in got else feed[i.name]).astype(np.float32) for i in ts.get_inputs()}
    return {**got, **dict(zip([o.name for o in ts.get_outputs()], ts.run(None, tfeed)))}


def cosine(a, b) -> float:
    """Cosine similarity of two arrays taken flat: 1.0 when both are all zero, 0.0 when only one is."""
    import numpy as np

    a, b = np.asarray(a, np.float64).ravel(), np.asarray(b, np.float64).ravel()
    na, nb = np.linalg.norm(a), np.linalg.norm(b)
    return 1.0 if na == nb == 0 else float(a @ b / (na * nb)) if na and nb else 0.0
