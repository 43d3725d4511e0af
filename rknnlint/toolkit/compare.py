"""Output agreement between onnxruntime and the RKNN simulator: seeded inputs, layout, mean/std, metrics."""
from __future__ import annotations

from typing import Any

# A float build is expected to match closely; int8 only roughly (RKNN_FACTS.md 14: 0.94-0.9999 on random data).
COSINE_MIN = {"fp16": 0.999, "int8": 0.98}


def seeded_inputs(inputs: list[tuple[str, list[int], str]], seed: int, image_like: bool) -> list[Any]:
    """One array per (name, shape, numpy dtype); pixel-range values when mean/std are given (the toolkit
    normalises on its side), else standard normal."""
    import numpy as np

    rng = np.random.default_rng(seed)
    out = []
    for _name, shape, dtype in inputs:
        dt = np.dtype(dtype)
        if dt.kind in "iu":
            arr = rng.integers(0, 8, size=shape).astype(dt)
        elif dt.kind == "b":
            arr = rng.integers(0, 2, size=shape).astype(bool)
        elif image_like and len(shape) == 4:
            arr = rng.uniform(0, 255, size=shape).astype(np.float32)
        else:
            arr = rng.standard_normal(size=shape).astype(np.float32)
        out.append(arr)
    return out


def normalise(arr, mean: list[float] | None, std: list[float] | None):
    """(x - mean) / std over axis 1 (NCHW channels): what the toolkit does to its input before the model."""
    import numpy as np

    if not mean and not std or arr.ndim != 4:
        return arr
    c = arr.shape[1]
    m = np.asarray(mean or [0.0] * c, dtype=np.float32).reshape(1, c, 1, 1)
    s = np.asarray(std or [1.0] * c, dtype=np.float32).reshape(1, c, 1, 1)
    return ((arr.astype(np.float32) - m) / s).astype(np.float32)


def metrics(ref, got, dtype: str = "fp16") -> dict[str, Any]:
    """Cosine similarity, max abs error and a verdict for one output."""
    import numpy as np

    ref = np.asarray(ref)
    got = np.asarray(got)
    res: dict[str, Any] = {"shape": list(ref.shape), "rknn_shape": list(got.shape)}
    if ref.size != got.size:
        res.update(verdict="mismatch", why=f"shape {list(got.shape)} vs onnxruntime {list(ref.shape)}")
        return res
    r = ref.astype(np.float64).reshape(-1)
    g = got.astype(np.float64).reshape(-1)
    finite = np.isfinite(r) & np.isfinite(g)
    if not np.array_equal(np.isfinite(r), np.isfinite(g)):
        res.update(verdict="mismatch", why="non-finite values differ")
        return res
    r, g = r[finite], g[finite]
    if r.size == 0:
        res.update(cosine=1.0, max_abs_err=0.0, verdict="match")
        return res
    denom = float(np.linalg.norm(r) * np.linalg.norm(g))
    cos = float(np.dot(r, g) / denom) if denom > 0 else (1.0 if np.allclose(r, g) else 0.0)
    err = float(np.max(np.abs(r - g)))
    ok = cos >= COSINE_MIN.get(dtype, 0.999)
    res.update(cosine=round(cos, 6), max_abs_err=float(f"{err:.6g}"), verdict="match" if ok else "mismatch")
    return res
