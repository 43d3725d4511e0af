"""Activation ranges on the user's calibration samples, in onnxruntime fp32: for every float tensor, its largest
magnitude against the 99.9th percentile of its magnitudes (where the bulk of its values lies). An int8 build takes
each activation's range from its minimum and maximum on the calibration set (the `normal` algorithm), so a
tensor whose maximum is far beyond its bulk leaves the bulk a few of the 255 levels. Used by `build --int8
--dataset` (RKN824); imports onnxruntime, so a plain `check` never imports this module."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

PERCENTILE = 99.9
MAX_SAMPLES = 20  # calibration samples run through onnxruntime
SUBSAMPLE = 1 << 16  # values per tensor and sample the percentile is taken from


@dataclass(frozen=True)
class ActivationRange:
    tensor: str
    node: str  # the node that produces it
    peak: float  # max |x| over the samples
    bulk: float  # the 99.9th percentile of |x| over the samples

    @property
    def ratio(self) -> float:
        return self.peak / self.bulk if self.bulk > 0 else 0.0


def _load_sample(path: Path, shape: list, dtype):
    import numpy as np

    if path.suffix == ".npy":
        return np.load(path, allow_pickle=False).astype(dtype)
    import cv2  # images: read as the toolkit reads its calibration images (RGB, resized to the input)

    img = cv2.imread(str(path))
    if img is None:
        return None
    img = cv2.cvtColor(img, cv2.COLOR_BGR2RGB)
    if len(shape) == 4 and all(isinstance(d, int) and d > 0 for d in shape):
        img = cv2.resize(img, (shape[3], shape[2]))
    return img.transpose(2, 0, 1)[None].astype(dtype)


def collect(model: str | Path, dataset: str | Path, mean: list[float] | None = None,
            std: list[float] | None = None, max_samples: int = MAX_SAMPLES) -> list[ActivationRange]:
    """Every float intermediate tensor's peak and bulk over the first `max_samples` calibration samples (mean/std
    applied to 4-D inputs, as the toolkit does before the model)."""
    import numpy as np
    import onnx
    import onnxruntime as ort

    from .toolkit.compare import normalise

    m = onnx.load(str(model))
    inferred = onnx.shape_inference.infer_shapes(m)
    producer = {o: (n.name or n.op_type) for n in m.graph.node for o in n.output}
    known = {vi.name for vi in m.graph.output}
    live = {i.name for i in m.graph.input} - {t.name for t in m.graph.initializer}
    for n in m.graph.node:  # activations: values computed from the inputs (weights are RKN820's)
        if any(i in live for i in n.input):
            live.update(n.output)
    extra = [vi for vi in inferred.graph.value_info
             if vi.type.tensor_type.elem_type == onnx.TensorProto.FLOAT and vi.name not in known and vi.name in live]
    m.graph.output.extend(extra)
    opts = ort.SessionOptions()
    opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_DISABLE_ALL  # keep every tensor as exported
    sess = ort.InferenceSession(m.SerializeToString(), opts, providers=["CPUExecutionProvider"])
    ins = sess.get_inputs()
    names = [o.name for o in sess.get_outputs()]
    types = {"tensor(float)": np.float32, "tensor(uint8)": np.uint8, "tensor(int64)": np.int64}
    ds = Path(dataset)
    lines = [ln.split() for ln in ds.read_text(errors="replace").splitlines() if ln.strip() and not ln.startswith("#")]
    peak: dict[str, float] = {}
    parts: dict[str, list] = {}
    for files in lines[:max_samples]:
        feed = {}
        for i, f in zip(ins, files):
            p = Path(f) if Path(f).is_absolute() else ds.parent / f
            arr = _load_sample(p, list(i.shape), types.get(i.type, np.float32))
            if arr is None:
                break
            if arr.dtype.kind == "f" and arr.ndim == 4:
                arr = normalise(arr, mean, std)
            feed[i.name] = arr
        if len(feed) != len(ins):
            continue
        for name, out in zip(names, sess.run(names, feed)):
            a = np.abs(np.asarray(out, dtype=np.float32)).ravel()
            if a.size == 0 or not np.isfinite(a).all():
                continue
            peak[name] = max(peak.get(name, 0.0), float(a.max()))
            parts.setdefault(name, []).append(a[:: -(-a.size // SUBSAMPLE)])
    out = []
    for name, chunks in parts.items():
        bulk = float(np.percentile(np.concatenate(chunks), PERCENTILE))
        out.append(ActivationRange(name, producer.get(name, ""), peak[name], bulk))
    return out


def problems(model: str | Path, dataset: str | Path, mean, std, limit: float, measured_with: str,
             shown: int = 5) -> list:
    """The RKN824 lines: tensors whose peak is at least `limit` times their bulk, widest first (at most `shown`,
    and how many more)."""
    from .workflow.calibration_set import Problem

    wide = sorted((r for r in collect(model, dataset, mean, std) if r.ratio >= limit), key=lambda r: -r.ratio)
    out = []
    for r in wide[:shown]:
        levels = 255 / r.ratio
        out.append(Problem("RKN824", f"activation '{r.tensor}' (output of '{r.node}'): on the calibration samples "
                                     f"its max |x| {r.peak:.4g} is {r.ratio:.0f}x its {PERCENTILE:g}th percentile "
                                     f"{r.bulk:.4g}: an int8 range over the max leaves 99.9% of its values "
                                     f"{levels:.2g} of 255 levels (measured accuracy loss from {limit:.0f}x, "
                                     f"{measured_with})",
                           hint="try `--quantized-algorithm mmse` or `kl_divergence` (they clip the range), look for "
                                f"outlier samples, or keep '{r.node}' in float16 (`rknnlint build --int8 --dataset FILE "
                                "--int8-accuracy 0.99`)"))
    if len(wide) > shown:
        out.append(Problem("RKN824", f"{len(wide) - shown} more activation(s) whose max is at least {limit:.0f}x "
                                     f"their {PERCENTILE:g}th percentile on the calibration samples"))
    return out
