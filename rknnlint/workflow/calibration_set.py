"""Checks of what an int8 build is calibrated on, before it is built: the size of the calibration set, samples
that repeat, samples whose values do not match the mean/std the toolkit applies, .npy shapes, and mean/std
written on a 0-1 scale for 0-255 pixels. Each problem is one line; `build` and `package` report them as
findings (RKN822 for the mean/std scale, RKN823 for the set), `check --source` reports the scale (RKN822).

What the toolkit does to its input (rknn.config): (pixel - mean_values) / std_values, per channel, on the
values it is given: 0-255 for images (and for uint8 data on the board)."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

# User Guide V2.3.0 6.2.3: "generally recommended to use a quantization calibration set of 20-200 images"
MIN_SAMPLES = 20
RECOMMENDED = "20-200"  # docs/facts.md#calibration-set
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".bmp")
RANGE_SAMPLES = 20  # value ranges are read from at most this many samples


@dataclass(frozen=True)
class Problem:
    """One line about the calibration or the preprocessing: `code` is the rule that reports it."""

    code: str
    message: str
    hint: str = ""


def unit_scale(mean: list[float] | None, std: list[float] | None) -> bool:
    """True when mean/std look like a 0-1 scale (ImageNet's 0.485/0.229): every std below 1 and every mean
    within 0..1. mean 0 / std 1 (no normalisation) is not."""
    if not std:
        return False
    m = mean or [0.0] * len(std)
    return all(0 < s < 1 for s in std) and all(0 <= v <= 1 for v in m)


def _fmt(vals) -> str:
    return "[" + ", ".join(f"{v:g}" for v in vals) + "]"


def scale_problem(mean: list[float] | None, std: list[float] | None, what: str = "uint8 image input") -> Problem | None:
    """The mean/std scale finding (RKN822) for a model fed 0-255 pixels, or None."""
    if not unit_scale(mean, std):
        return None
    m = mean or [0.0] * len(std or [])
    m255 = [round(v * 255, 3) for v in m]
    s255 = [round(v * 255, 3) for v in std or []]
    return Problem("RKN822",
                   f"mean {_fmt(m)} / std {_fmt(std or [])} are on a 0-1 scale, but with {what} the toolkit "
                   f"subtracts mean and divides by std on 0-255 pixels: the model sees values up to "
                   f"{(255 - min(m)) / min(std or [1]):.0f} instead of about {(1 - min(m)) / min(std or [1]):.1f}",
                   hint=f"give them on the 0-255 scale: mean {_fmt(m255)} / std {_fmt(s255)} (x 255)")


def _lines(path: Path) -> list[list[str]]:
    return [ln.split() for ln in path.read_text(errors="replace").splitlines() if ln.strip() and not ln.startswith("#")]


def _resolve(path: Path, f: str) -> Path:
    return Path(f) if Path(f).is_absolute() else path.parent / f


def _digest(p: Path) -> str:
    h = hashlib.sha256()
    with open(p, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def dataset_problems(dataset: str | Path, inputs: list[tuple[str, list]], mean: list[float] | None,
                     std: list[float] | None) -> list[Problem]:
    """The calibration list's problems (files that exist; a missing file is the caller's usage error):
    inputs are (name, shape) in the model's order; mean/std what the toolkit applies to 4-D inputs."""
    import numpy as np

    path = Path(dataset)
    lines = _lines(path)
    out: list[Problem] = []
    n = len(lines)
    if 0 < n < MIN_SAMPLES:
        out.append(Problem("RKN823", f"calibration set {path.name} has {n} sample(s); the RKNN SDK user guide asks "
                                     f"for {RECOMMENDED}: int8 ranges taken from {n} miss values the model meets",
                           hint=f"give at least {MIN_SAMPLES} samples like the real inputs, then check the outputs "
                                "(--int8-accuracy): with quantized_algorithm normal each range is the min/max over the "
                                "set, and more samples can lose more (docs/int8.md#calibration-set-size)"))
    seen: dict[tuple[str, ...], int] = {}
    repeats: list[tuple[int, int]] = []
    for k, files in enumerate(lines, 1):
        try:
            key = tuple(_digest(_resolve(path, f)) for f in files)
        except OSError:
            continue
        if key in seen:
            repeats.append((k, seen[key]))
        else:
            seen[key] = k
    if repeats:
        shown = ", ".join(f"line {a} = line {b}" for a, b in repeats[:3]) + (", ..." if len(repeats) > 3 else "")
        out.append(Problem("RKN823", f"calibration set {path.name}: {len(repeats)} of {n} samples repeat another "
                                     f"(same bytes: {shown}); {len(seen)} distinct",
                           hint="use distinct samples: a repeated one only weighs its ranges twice"))
    shapes: list[str] = []
    ranges: dict[int, list[tuple[float, float, str]]] = {}
    for k, files in enumerate(lines, 1):
        for j, f in enumerate(files[:len(inputs)]):
            fp = _resolve(path, f)
            name, want = inputs[j]
            if fp.suffix.lower() in IMAGE_SUFFIXES:
                if k <= RANGE_SAMPLES:
                    ranges.setdefault(j, []).append((0.0, 255.0, "uint8"))
                continue
            if fp.suffix.lower() != ".npy":
                continue
            try:
                arr = np.load(fp, mmap_mode="r", allow_pickle=False)
            except (OSError, ValueError):
                shapes.append(f"line {k}: '{f}' is not a readable .npy file")
                continue
            static = [d for d in want if isinstance(d, int) and d > 0]
            if len(static) == len(want) and list(arr.shape) != list(want) and len(shapes) < 3:
                shapes.append(f"line {k}: '{f}' has shape {list(arr.shape)} but input '{name}' is {list(want)}")
            if k <= RANGE_SAMPLES and arr.size and arr.dtype.kind in "fiu":
                ranges.setdefault(j, []).append((float(np.min(arr)), float(np.max(arr)), arr.dtype.name))
    if shapes:
        out.append(Problem("RKN823", f"calibration set {path.name}: " + "; ".join(shapes[:3])
                           + " (rknn-toolkit2 reads .npy samples in the ONNX layout, batch included)",
                           hint="save each sample with the input's shape (NCHW for an ONNX model)"))
    for j, rs in ranges.items():
        name, shape = inputs[j]
        if len(shape) != 4:
            continue
        lo, hi = min(r[0] for r in rs), max(r[1] for r in rs)
        kinds = sorted({r[2] for r in rs})
        p = _range_problem(path.name, name, lo, hi, kinds, mean, std)
        if p is not None:
            out.append(p)
    return out


def _range_problem(ds: str, name: str, lo: float, hi: float, kinds: list[str], mean, std) -> Problem | None:
    """Samples whose values do not fit the mean/std the toolkit applies to them."""
    seen = f"calibration set {ds}: input '{name}' samples hold {round(lo, 3):g}..{round(hi, 3):g} ({'/'.join(kinds)})"
    if unit_scale(mean, std):
        if hi > 2:
            return Problem("RKN823", f"{seen}, pixel values, but mean {_fmt(mean or [])} / std {_fmt(std or [])} are "
                                     "on a 0-1 scale: the toolkit subtracts mean and divides by std on those values",
                           hint="give mean/std on the 0-255 scale (x 255)")
        return None
    pixel_scale = bool(std) and any(s >= 2 for s in std or []) or bool(mean) and any(abs(v) >= 2 for v in mean or [])
    if pixel_scale and hi <= 1.5 and lo >= -5 and all(k.startswith("float") for k in kinds):
        return Problem("RKN823", f"{seen}, already normalized or on a 0-1 scale, but mean {_fmt(mean or [])} / std "
                                 f"{_fmt(std or [])} expect 0-255 pixels: the toolkit normalizes them again",
                       hint="save the samples as raw 0-255 pixels (what the board feeds), or drop mean/std")
    return None
