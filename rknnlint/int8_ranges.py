"""What an int8 build does to a tensor's range, computed statically: how far a weight's largest value sits beyond
its typical spread (the int8 levels its other values keep), and the value range of a tensor where the graph
bounds it (Sigmoid, Clip, constants and their scaling). The measured thresholds these are compared with are
data: rules/int8/hazards.yaml, written by calibration/int8_hazards.py."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from .graph import ModelView

# a channel needs this many weights for its spread to mean anything (a 3x3 depthwise channel has 9)
MIN_CHANNEL_SIZE = 16
# channels whose largest weight is below this share of the tensor's largest are not scored
LIVE_CHANNEL = 0.01


# the robust std is estimated from an even subsample: a median of 1024 values is within a few per cent, and
# a check of a 25M-weight model stays in tenths of a second
SAMPLE_TENSOR = 1 << 16
SAMPLE_CHANNEL = 1024


def robust_std(a: np.ndarray, sample: int = SAMPLE_TENSOR) -> float:
    """1.4826 x the median absolute deviation (the std of a Gaussian, unmoved by a few outliers), from an even
    subsample of at most `sample` values; the plain std when more than half the values are equal (pruned weights)."""
    a = np.asarray(a, dtype=np.float32).ravel()
    if a.size == 0:
        return 0.0
    a = a[:: -(-a.size // sample)]
    mad = float(np.median(np.abs(a - np.median(a))))
    return 1.4826 * mad if mad > 0 else float(np.std(a))


@dataclass(frozen=True)
class WeightStats:
    """tensor_ratio: |w| max over the whole tensor's robust std (what per-tensor, quantized_method=layer, pays);
    channel_ratio: the largest such ratio inside one output channel, and that channel; norm_ratio: the largest
    output channel's L2 norm over the median channel's, and that channel (its output outgrows the others', and
    activations share one int8 scale per tensor whatever the method); absmax: the tensor's largest magnitude."""

    tensor_ratio: float
    channel_ratio: float
    channel: int
    absmax: float
    channels: int
    norm_ratio: float = 0.0  # the largest output channel's L2 norm over the median channel's
    norm_channel: int = -1


def weight_outlier_stats(w: np.ndarray, axis: int = 0) -> WeightStats:
    """The outlier ratios of a weight whose output channels lie on `axis`."""
    w = np.asarray(w, dtype=np.float32)
    absmax = float(np.max(np.abs(w))) if w.size else 0.0
    rs = robust_std(w)
    tensor_ratio = absmax / rs if rs > 0 else 0.0
    per = np.moveaxis(w, axis, 0).reshape(w.shape[axis], -1) if w.ndim > 1 else w.reshape(1, -1)
    best, best_c = 0.0, -1
    if per.shape[1] >= MIN_CHANNEL_SIZE:
        sub = per[:, :: -(-per.shape[1] // SAMPLE_CHANNEL)]
        med = np.median(sub, axis=1, keepdims=True)
        rs_c = 1.4826 * np.median(np.abs(sub - med), axis=1)
        rs_c = np.where(rs_c > 0, rs_c, sub.std(axis=1))  # pruned channels: the plain std
        peak = np.abs(per).max(axis=1)
        # a channel whose weights are all tiny next to the tensor's (a dead channel, denormal leftovers of
        # training) contributes nothing, whatever int8 does to it: only channels that matter are scored
        live = (peak >= LIVE_CHANNEL * absmax) & (rs_c > 0)
        ratio = np.divide(peak, rs_c, out=np.zeros_like(peak), where=live)
        if ratio.size:
            best_c = int(np.argmax(ratio))
            best = float(ratio[best_c])
    norm_ratio, norm_c = 0.0, -1
    if per.shape[0] >= 4:
        norms = np.sqrt(np.einsum("ij,ij->i", per, per, dtype=np.float64))
        mid = float(np.median(norms))
        if mid > 0:
            norm_c = int(np.argmax(norms))
            norm_ratio = float(norms[norm_c]) / mid
    return WeightStats(tensor_ratio, best, best_c, absmax, per.shape[0], norm_ratio, norm_c)


def weight_of(view: ModelView, ref) -> tuple[str, int] | None:
    """(the constant weight input, its output-channel axis) of a Conv / ConvTranspose / Gemm / MatMul node."""
    n = ref.node
    if ref.op_type == "Conv" and len(n.input) > 1:
        return n.input[1], 0
    if ref.op_type == "ConvTranspose" and len(n.input) > 1:
        return n.input[1], 1
    if ref.op_type == "Gemm" and len(n.input) > 1:
        trans_b = next((a.i for a in n.attribute if a.name == "transB"), 0)
        return n.input[1], 0 if trans_b else 1
    if ref.op_type == "MatMul" and len(n.input) > 1:
        return n.input[1], -1
    return None


# ---- value ranges -------------------------------------------------------------------------------------------
Range = tuple[float, float]
_BOUNDED = {"Sigmoid": (0.0, 1.0), "HardSigmoid": (0.0, 1.0), "Softmax": (0.0, 1.0), "Tanh": (-1.0, 1.0),
            "Softsign": (-1.0, 1.0)}
_PASS = ("Reshape", "Transpose", "Flatten", "Squeeze", "Unsqueeze", "Slice", "Gather", "Split", "Identity",
         "MaxPool", "AveragePool", "GlobalAveragePool", "GlobalMaxPool", "Resize", "Upsample", "Expand", "Tile",
         "DepthToSpace", "SpaceToDepth", "ReduceMax", "ReduceMin", "ReduceMean")


def value_ranges(view: ModelView) -> dict[str, Range]:
    """[lo, hi] of every value whose range the graph itself bounds: constants (their min and max), Sigmoid /
    Softmax / Tanh outputs, Clip and Relu of bounded values, and bounded values scaled or shifted by constants.
    Values computed from unbounded ones (convolutions of the input) are absent: their range is the data's."""
    out: dict[str, Range] = {}

    def rng(name: str) -> Range | None:
        if name in out:
            return out[name]
        c = view.const_value(name)
        if c is not None and c.size and np.issubdtype(c.dtype, np.floating):  # integers are shapes, not data
            r = (float(np.min(c)), float(np.max(c)))
            if np.isfinite(r).all():
                out[name] = r
                return r
        return None

    for ref in view.main_nodes:
        n = ref.node
        op = ref.op_type
        if not n.output or ref.domain not in ("", "ai.onnx") or n.output[0] in out:
            continue
        if view.const_value(n.output[0]) is not None:
            continue  # a folded constant: rng() reads its value
        r: Range | None = None
        ins = [rng(i) if i else None for i in n.input]
        if op in _BOUNDED:
            r = _BOUNDED[op]
        elif op in _PASS and ins and ins[0] is not None:
            r = ins[0]
        elif op == "Relu" and ins[0] is not None:
            r = (max(0.0, ins[0][0]), max(0.0, ins[0][1]))
        elif op == "Clip":
            lo = _clip_bound(view, n, 1, "min")
            hi = _clip_bound(view, n, 2, "max")
            if ins[0] is not None:
                lo = ins[0][0] if lo is None else max(lo, ins[0][0])
                hi = ins[0][1] if hi is None else min(hi, ins[0][1])
            if lo is not None and hi is not None:
                r = (lo, hi)
        elif op in ("Mul", "Add", "Sub", "Div") and len(ins) == 2 and ins[0] is not None and ins[1] is not None:
            r = _arith(op, ins[0], ins[1])
        elif op in ("Concat", "Max", "Min", "Sum") and ins and all(x is not None for x in ins):
            r = (min(x[0] for x in ins), max(x[1] for x in ins))  # type: ignore[index]
        if r is not None and np.isfinite(r).all():
            for o in n.output:
                if o:
                    out[o] = r
    return out


def _clip_bound(view, node, k: int, attr: str) -> float | None:
    if len(node.input) > k and node.input[k]:
        c = view.const_value(node.input[k])
        return float(c.reshape(-1)[0]) if c is not None and c.size else None
    a = next((a.f for a in node.attribute if a.name == attr), None)
    return None if a is None else float(a)


def _arith(op: str, a: Range, b: Range) -> Range | None:
    if op == "Add":
        return (a[0] + b[0], a[1] + b[1])
    if op == "Sub":
        return (a[0] - b[1], a[1] - b[0])
    if op == "Div":
        if b[0] <= 0 <= b[1]:
            return None
        b = (1.0 / b[1], 1.0 / b[0])
    p = [a[0] * b[0], a[0] * b[1], a[1] * b[0], a[1] * b[1]]
    return (min(p), max(p))


def width(r: Range) -> float:
    """What one int8 scale has to cover for the range: its largest magnitude (the toolkit's asymmetric int8
    covers [lo, hi]; a range that includes 0 costs at least hi - lo)."""
    return max(r[1], 0.0) - min(r[0], 0.0)


# ---- measured thresholds ------------------------------------------------------------------------------------
HAZARDS_FILE = Path("int8") / "hazards.yaml"


@lru_cache(maxsize=4)
def _load(path: str) -> dict[str, Any]:
    from .platforms import read_yaml

    p = Path(path)
    return read_yaml(p) if p.is_file() else {}


def measured(rules_dir: str | Path | None = None) -> dict[str, Any]:
    """rules/int8/hazards.yaml: the thresholds, the command that measured them and its toolkit version."""
    from .platforms import rules_dir as default_dir

    return _load(str(Path(rules_dir or default_dir()) / HAZARDS_FILE))


def threshold(kind: str, method: str, stat: str, rules_dir: str | Path | None = None) -> float | None:
    """The measured value of statistic `stat` from which `kind` (weight-channel, weight-element, concat) cost the
    target cosine with quantized_method `method`; None when the sweep never got there."""
    t = (measured(rules_dir).get("thresholds", {}).get(method, {}).get(kind) or {}).get(stat)
    return None if t is None else float(t)
