"""Output agreement between onnxruntime and the RKNN simulator: seeded inputs, layout, mean/std, metrics."""
from __future__ import annotations

from typing import Any

# How an output is judged, as Polygraphy judges it: element by element, |rknn - onnxruntime| <= atol + rtol * |onnxruntime|.
# The absolute tolerance is a fraction of the output's largest magnitude, because what a float16 or int8 result can
# resolve scales with that magnitude: float16 keeps 11 significant bits (a step of 2^-10 of the value), an int8 output
# has 255 steps across its range. fp16: 1 % of the peak (about 10 float16 steps at the peak) and 1 % relative;
# int8: 10 % of the peak (about 13 int8 steps) and 10 % relative. Cosine similarity is reported beside it, as information.
TOLERANCES = {"fp16": {"rtol": 1e-2, "atol_of_peak": 1e-2}, "int8": {"rtol": 1e-1, "atol_of_peak": 1e-1}}
# Below float16's smallest normal number an output has no significant bits left on the NPU: it cannot be scored.
FP16_TINY = 6.103515625e-05


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
    """The verdict for one output ("match", "mismatch" or "too-small"), the tolerances it was judged by, and
    cosine similarity, max abs error and the share of elements outside the tolerance as information."""
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
    tol = TOLERANCES.get(dtype, TOLERANCES["fp16"])
    peak = float(np.max(np.abs(r)))
    diff = np.abs(r - g)
    err = float(np.max(diff))
    denom = float(np.linalg.norm(r) * np.linalg.norm(g))
    cos = float(np.dot(r, g) / denom) if denom > 0 else (1.0 if np.allclose(r, g) else 0.0)
    res.update(cosine=round(cos, 6), max_abs_err=float(f"{err:.6g}"), peak=float(f"{peak:.6g}"))
    if peak < FP16_TINY and float(np.max(np.abs(g))) < FP16_TINY:
        res.update(verdict="too-small", why=f"all values below float16 resolution (|x| < {FP16_TINY:.3g}): not scored")
        return res
    atol = tol["atol_of_peak"] * peak
    outside = diff > atol + tol["rtol"] * np.abs(r)
    res.update(rtol=tol["rtol"], atol=float(f"{atol:.6g}"), outside=float(f"{float(np.mean(outside)):.6g}"),
               verdict="mismatch" if outside.any() else "match")
    return res


def describe(o: dict[str, Any]) -> str:
    """One output's comparison in words, for the text report and the mismatch finding."""
    if o.get("why"):
        return o["why"]
    text = f"max abs err {o.get('max_abs_err')}"
    if o.get("atol") is not None:
        text += f" (atol {o['atol']}, rtol {o['rtol']}"
        text += f"; {100 * o['outside']:.3g}% of elements outside)" if o.get("outside") else ")"
    return text + f", cosine {o.get('cosine'):.6f}" if o.get("cosine") is not None else text
