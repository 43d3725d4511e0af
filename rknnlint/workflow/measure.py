"""The performance records of phases 1 and 2: the same seeded inputs for every phase, output summaries and
comparisons, latency / FPS, and top-1 accuracy on the user's labelled samples.

Inputs are raw pixels (uint8 values 0..255, seed 0) in the source config's shapes, normalised with its
mean/std before they reach the model: the same pixels the board feeds the .rknn, whose mean/std the toolkit
applies. So performance_pt.json, performance_onnx.json and performance_rknn.json describe the same images.
"""
from __future__ import annotations

import time
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import UsageError
from .source import SourceConfig

SEED = 0
# CPU threads of torch and onnxruntime while a record is measured. One by default: a multi-threaded OpenMP
# run on a shared or busy machine spin-waits (measured: YOLOv8n at 160 px, torch 2.13, 2 cores under load,
# 0.35-2.0 s per inference with 2 threads, 0.09 s with 1), and one thread compares phases like with like.
THREADS = 1


@contextmanager
def torch_threads(n: int):
    """torch.set_num_threads(n) for the block, restored after."""
    import torch

    before = torch.get_num_threads()
    torch.set_num_threads(n)
    try:
        yield
    finally:
        torch.set_num_threads(before)


def raw_inputs(cfg: SourceConfig, seed: int = SEED) -> list[np.ndarray]:
    """One raw-pixel array per input of the config (float32 holding 0..255 integers)."""
    rng = np.random.default_rng(seed)
    return [rng.integers(0, 256, inp["shape"], dtype=np.uint8).astype(np.float32) for inp in cfg.inputs]


def normalise(cfg: SourceConfig, raw: list[np.ndarray]) -> list[np.ndarray]:
    """(pixel - mean) / std per channel on every 4-D input whose channel count matches mean/std."""
    out = []
    axis = 1 if cfg.layout == "NCHW" else 3
    for x in raw:
        if x.ndim == 4 and x.shape[axis] == len(cfg.mean):
            shape = [1, 1, 1, 1]
            shape[axis] = len(cfg.mean)
            mean = np.asarray(cfg.mean, np.float32).reshape(shape)
            std = np.asarray(cfg.std, np.float32).reshape(shape)
            x = (x - mean) / std
        out.append(np.ascontiguousarray(x, dtype=np.float32))
    return out


def flatten_outputs(out: Any) -> list[np.ndarray]:
    """A torch model's output (tensor, tuple, list, dict, nested) as a flat list of numpy arrays, in the
    order torch.onnx.export numbers them."""
    import torch

    if isinstance(out, torch.Tensor):
        return [out.detach().cpu().float().numpy()]
    if isinstance(out, dict):
        return [a for v in out.values() for a in flatten_outputs(v)]
    if isinstance(out, (list, tuple)):
        return [a for v in out for a in flatten_outputs(v)]
    return []


def torch_runner(module):
    import torch

    def run(feeds: list[np.ndarray]) -> list[np.ndarray]:
        with torch.no_grad():
            return flatten_outputs(module(*[torch.from_numpy(f) for f in feeds]))

    return run


def ort_runner(model_path: Path, tail_path: Path | None = None, order: list[str] | None = None,
               threads: int = THREADS):
    """onnxruntime on the exported model, chained with the post-processing tail when the head was cut;
    `order`: the output names of the original model, in its order."""
    import onnxruntime as ort

    so = ort.SessionOptions()
    so.log_severity_level = 3
    so.intra_op_num_threads, so.inter_op_num_threads = threads, 1
    sess = ort.InferenceSession(str(model_path), so, providers=["CPUExecutionProvider"])
    tail = ort.InferenceSession(str(tail_path), so, providers=["CPUExecutionProvider"]) if tail_path else None
    names = [i.name for i in sess.get_inputs()]
    out_names = [o.name for o in sess.get_outputs()]

    def run(feeds: list[np.ndarray]) -> list[np.ndarray]:
        outs = dict(zip(out_names, sess.run(None, dict(zip(names, feeds)))))
        if tail is not None:
            outs.update(zip([o.name for o in tail.get_outputs()],
                            tail.run(None, {i.name: outs[i.name] for i in tail.get_inputs()})))
        return [outs[n] for n in order] if order else list(outs.values())

    return run


def latency(run, feeds: list[np.ndarray], runs: int = 20, budget_s: float = 5.0, threads: int = THREADS) -> dict[str, Any]:
    """Median and best wall time of one inference (ms) and the FPS of the median: one warm-up run, then up
    to `runs` runs, fewer when they take longer than `budget_s` in all (at least one)."""
    run(feeds)
    times: list[float] = []
    start = time.perf_counter()
    while len(times) < max(1, runs) and (not times or time.perf_counter() - start < budget_s):
        t = time.perf_counter()
        run(feeds)
        times.append((time.perf_counter() - t) * 1000)
    med = float(np.median(times))
    return {"median_ms": round(med, 3), "min_ms": round(min(times), 3), "fps": round(1000 / med, 2) if med else None,
            "runs": len(times), "threads": threads}


def summary(outputs: list[np.ndarray]) -> list[dict[str, Any]]:
    """Per output: shape and value statistics (what a later phase compares without the earlier runtime)."""
    return [{"index": i, "shape": list(a.shape), "mean": _r(a.mean()), "std": _r(a.std()), "min": _r(a.min()),
             "max": _r(a.max())} for i, a in enumerate(outputs)]


def compare(reference: list[np.ndarray], got: list[np.ndarray], names: list[str] | None = None) -> list[dict[str, Any]]:
    """Per output: cosine similarity and max abs error of `got` against `reference` (same order)."""
    rows = []
    for i, (a, b) in enumerate(zip(reference, got)):
        row: dict[str, Any] = {"index": i, "output": names[i] if names and i < len(names) else f"output{i}"}
        if a.shape != b.shape:
            row.update(shape=[list(a.shape), list(b.shape)], cosine=None, max_abs_err=None)
        else:
            x, y = a.astype(np.float64).ravel(), b.astype(np.float64).ravel()
            n = np.linalg.norm(x) * np.linalg.norm(y)
            cos = float(x @ y / n) if n else (1.0 if np.array_equal(x, y) else 0.0)
            row.update(shape=list(a.shape), cosine=round(cos, 6), max_abs_err=_r(np.abs(x - y).max() if x.size else 0))
        rows.append(row)
    return rows


def _r(v) -> float:
    return float(f"{float(v):.6g}")


def read_samples(path: str | Path, cfg: SourceConfig) -> list[tuple[list[np.ndarray], int]]:
    """Labelled samples: one line per sample, `FILE LABEL` (one FILE per input, then the label: a class
    index or a name of class_names). FILE is a .npy of raw pixels in the input's shape (as the calibration
    dataset of `rknnlint package`) or an image (the config's preprocess and colour order, exactly as the
    package's npu_inference.py prepares it)."""
    p = Path(path)
    if not p.is_file():
        raise UsageError(f"{p}: samples list not found")
    lines = [ln.split() for ln in p.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")]
    if not lines:
        raise UsageError(f"{p}: samples list is empty")
    names = cfg.class_names or []
    out = []
    for n, parts in enumerate(lines, 1):
        if len(parts) != len(cfg.inputs) + 1:
            raise UsageError(f"{p}:{n}: expected {len(cfg.inputs)} file(s) and a label, got {len(parts)} field(s)")
        *files, label = parts
        if label.lstrip("-").isdigit():
            idx = int(label)
        elif label in names:
            idx = names.index(label)
        else:
            raise UsageError(f"{p}:{n}: label '{label}' is neither a class index nor one of class_names")
        arrays = []
        for k, (f, inp) in enumerate(zip(files, cfg.inputs)):
            fp = Path(f) if Path(f).is_absolute() else p.parent / f
            if not fp.is_file():
                raise UsageError(f"{p}:{n}: '{f}' not found")
            arrays.append(_sample(fp, inp["shape"], cfg, f"{p}:{n}", k))
        out.append((arrays, idx))
    return out


def _sample(fp: Path, shape: list[int], cfg: SourceConfig, where: str, index: int = 0) -> np.ndarray:
    if fp.suffix == ".npy":
        try:
            a = np.load(fp)
        except (OSError, ValueError) as e:
            raise UsageError(f"{where}: '{fp.name}' cannot be read: {e}") from None
        if list(a.shape) != list(shape):
            raise UsageError(f"{where}: '{fp.name}' has shape {list(a.shape)} but the input is {list(shape)}")
        return a.astype(np.float32)
    from .preprocess import image_input  # the board script's preprocessing: every phase sees the same pixels

    try:
        return image_input(str(fp), cfg, index)
    except UsageError as e:
        raise UsageError(f"{where}: {e}") from None


def accuracy(run, cfg: SourceConfig, samples: list[tuple[list[np.ndarray], int]]) -> dict[str, Any]:
    """Top-1 accuracy of the first output read as class scores ([1, C] or [1, C, 1, 1]); a model whose first
    output is not that (a detector) gets the reason instead of a number."""
    hits = 0
    for arrays, label in samples:
        out = run(normalise(cfg, arrays))[0]
        scores = out.reshape(out.shape[0], -1) if out.ndim in (2, 4) else None
        if scores is None or out.ndim == 4 and out.shape[2:] != (1, 1):
            return {"samples": len(samples), "top1": None,
                    "reason": f"the first output {list(out.shape)} is not class scores: top-1 accuracy is for classifiers"}
        hits += int(scores[0].argmax() == label)
    return {"samples": len(samples), "top1": round(hits / len(samples), 6), "correct": hits}
