"""Source configs: the preprocessing and interface facts that must not change from phase to phase.

A source config is YAML that travels with a model (onnx_source.yaml, rknn_source.yaml). Each phase copies
the critical values of the phase before it and adds what it decided; `compare_critical` says loudly where a
later phase drifted, the first cause of accuracy lost in conversion.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import UsageError

PHASES = ("pt", "onnx", "rknn")
# Values that must be identical in every phase: change one and the deployed model sees other pixels.
CRITICAL = ("inputs", "layout", "color_order", "mean", "std", "padding_color", "class_names", "preprocess")
# preprocess: how an image becomes the input size. Interpolation names follow OpenCV's cv2.resize (INTER_*).
PREPROCESS_METHODS = ("letterbox", "resize", "center_crop")
INTERPOLATIONS = ("linear", "nearest", "cubic", "area")
PREPROCESS_KEYS = ("method", "interpolation", "short_side")
KNOWN = set(CRITICAL) | {"phase", "model", "targets", "quantization", "previous", "notes", "outputs", "decided",
                         "name", "postprocess", "toolkit"}


class SourceConfigError(UsageError):
    """A source config that is missing a critical value or contradicts itself or the model."""


@dataclass
class SourceConfig:
    """One phase's record. `previous` is the config of the phase before it (parsed), when given."""

    phase: str
    model: str | None
    inputs: list[dict[str, Any]]
    layout: str
    color_order: str
    mean: list[float]
    std: list[float]
    padding_color: list[int] | None
    class_names: list[str] | None
    targets: list[str] = field(default_factory=list)
    quantization: dict[str, Any] = field(default_factory=dict)
    previous: SourceConfig | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    path: Path | None = None
    preprocess: dict[str, Any] | None = None

    def critical(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in CRITICAL}

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"phase": self.phase, "model": self.model}
        d.update(self.critical())
        d["targets"] = self.targets
        if self.quantization:
            d["quantization"] = self.quantization
        d.update(self.extra)
        if self.previous is not None:
            d["previous"] = self.previous.to_dict()
        return d


def _floats(v: Any, key: str, where: str) -> list[float]:
    if not isinstance(v, (list, tuple)) or not v or not all(isinstance(x, (int, float)) for x in v):
        raise SourceConfigError(f"{where}: '{key}' must be a non-empty list of numbers")
    return [float(x) for x in v]


def parse_preprocess(v: Any, where: str, shape: list[int] | None = None, layout: str = "NCHW") -> dict[str, Any] | None:
    """`preprocess: {method, interpolation[, short_side]}` normalised (interpolation defaults to linear);
    short_side (center_crop only): the shorter image side is resized to it before the centre crop."""
    if v is None:
        return None
    if not isinstance(v, dict):
        raise SourceConfigError(f"{where}: 'preprocess' must be a mapping (method, interpolation)")
    unknown = sorted(set(v) - set(PREPROCESS_KEYS))
    if unknown:
        raise SourceConfigError(f"{where}: unknown preprocess key(s) {', '.join(map(str, unknown))} "
                                f"(known: {', '.join(PREPROCESS_KEYS)})")
    method, interp = v.get("method"), v.get("interpolation", "linear")
    if method not in PREPROCESS_METHODS:
        raise SourceConfigError(f"{where}: preprocess.method {method!r} is not one of {', '.join(PREPROCESS_METHODS)}")
    if interp not in INTERPOLATIONS:
        raise SourceConfigError(f"{where}: preprocess.interpolation {interp!r} is not one of {', '.join(INTERPOLATIONS)}")
    out: dict[str, Any] = {"method": method, "interpolation": interp}
    if "short_side" in v:
        side = v["short_side"]
        if method != "center_crop":
            raise SourceConfigError(f"{where}: preprocess.short_side applies to method center_crop only")
        if not isinstance(side, int) or isinstance(side, bool) or side <= 0:
            raise SourceConfigError(f"{where}: preprocess.short_side must be a positive integer")
        if shape is not None and len(shape) == 4:
            hw = shape[2:] if layout == "NCHW" else shape[1:3]
            if side < min(hw):
                raise SourceConfigError(f"{where}: preprocess.short_side {side} is smaller than the input size {hw}")
        out["short_side"] = side
    return out


def parse_source(data: dict[str, Any], where: str = "source config", base: Path | None = None) -> SourceConfig:
    if not isinstance(data, dict):
        raise SourceConfigError(f"{where}: expected a mapping")
    unknown = sorted(set(data) - KNOWN)
    if unknown:
        raise SourceConfigError(f"{where}: unknown key(s) {', '.join(unknown)} (known: {', '.join(sorted(KNOWN))})")
    phase = data.get("phase")
    if phase not in PHASES:
        raise SourceConfigError(f"{where}: 'phase' must be one of {', '.join(PHASES)}")
    for key in ("inputs", "mean", "std", "color_order"):
        if key not in data:
            raise SourceConfigError(f"{where}: missing critical value '{key}'")
    inputs = data["inputs"]
    if not isinstance(inputs, list) or not inputs:
        raise SourceConfigError(f"{where}: 'inputs' must list the model inputs (name, shape)")
    for i, inp in enumerate(inputs):
        if not isinstance(inp, dict) or "name" not in inp or "shape" not in inp:
            raise SourceConfigError(f"{where}: inputs[{i}] needs 'name' and 'shape'")
        if not isinstance(inp["shape"], list) or not all(isinstance(d, int) and d > 0 for d in inp["shape"]):
            raise SourceConfigError(f"{where}: inputs[{i}].shape must be positive integers")
    color = str(data["color_order"]).upper()
    if color not in ("RGB", "BGR", "GRAY"):
        raise SourceConfigError(f"{where}: 'color_order' must be RGB, BGR or GRAY")
    layout = str(data.get("layout", "NCHW")).upper()
    if layout not in ("NCHW", "NHWC"):
        raise SourceConfigError(f"{where}: 'layout' must be NCHW or NHWC")
    mean, std = _floats(data["mean"], "mean", where), _floats(data["std"], "std", where)
    if len(mean) != len(std):
        raise SourceConfigError(f"{where}: 'mean' has {len(mean)} values but 'std' has {len(std)}")
    if any(s == 0 for s in std):
        raise SourceConfigError(f"{where}: 'std' must not contain 0")
    first = inputs[0]["shape"]
    if len(first) == 4:
        channels = first[1] if layout == "NCHW" else first[3]
        if len(mean) != channels:
            raise SourceConfigError(f"{where}: 'mean'/'std' have {len(mean)} values but input '{inputs[0]['name']}' has "
                                    f"{channels} channels ({layout})")
        if color == "GRAY" and channels != 1 or color in ("RGB", "BGR") and channels != 3:
            raise SourceConfigError(f"{where}: color_order {color} contradicts {channels} input channels")
    pad = data.get("padding_color")
    if pad is not None and (not isinstance(pad, list) or not all(isinstance(x, int) for x in pad)):
        raise SourceConfigError(f"{where}: 'padding_color' must be a list of integers")
    names = data.get("class_names")
    if names is not None and (not isinstance(names, list) or not all(isinstance(x, str) for x in names)):
        raise SourceConfigError(f"{where}: 'class_names' must be a list of strings")
    if names is not None and len(set(names)) != len(names):
        raise SourceConfigError(f"{where}: 'class_names' has duplicates")
    preprocess = parse_preprocess(data.get("preprocess"), where, first, layout)
    prev = data.get("previous")
    previous = None
    if isinstance(prev, str):
        previous = load_source((base or Path(".")) / prev)
    elif isinstance(prev, dict):
        previous = parse_source(prev, f"{where} (previous)", base)
    elif prev is not None:
        raise SourceConfigError(f"{where}: 'previous' must be a path or a mapping")
    extra = {k: data[k] for k in ("name", "outputs", "decided", "postprocess", "toolkit", "notes") if k in data}
    return SourceConfig(phase, data.get("model"), inputs, layout, color, mean, std, pad, names,
                        list(data.get("targets") or []), dict(data.get("quantization") or {}), previous, extra,
                        preprocess=preprocess)


def read_source_yaml(path: str | Path) -> Any:
    """A source config file's YAML as data; a missing or unreadable file is one SourceConfigError line."""
    p = Path(path)
    if not p.is_file():
        raise SourceConfigError(f"{p}: source config not found")
    import yaml  # here, not at the top: a plain `rknnlint check` imports this module and needs no YAML

    try:
        return yaml.safe_load(p.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as e:
        raise SourceConfigError(f"{p}: cannot read: {str(e).splitlines()[0]}") from None


def load_source(path: str | Path) -> SourceConfig:
    p = Path(path)
    cfg = parse_source(read_source_yaml(p), str(p), p.parent)
    cfg.path = p
    return cfg


def compare_critical(previous: SourceConfig, current: SourceConfig) -> list[str]:
    """Every critical value that differs between two phases, as one readable line each."""
    out = []
    for key in CRITICAL:
        a, b = getattr(previous, key), getattr(current, key)
        if key == "inputs":
            a = [(i["name"], list(i["shape"])) for i in a]
            b = [(i["name"], list(i["shape"])) for i in b]
        if a is None:  # the earlier phase did not fix this value yet: nothing to drift from
            continue
        if key == "preprocess" and isinstance(b, dict):  # name the sub-value that moved (method, interpolation)
            for sub in PREPROCESS_KEYS:
                if a.get(sub) != b.get(sub):
                    out.append(f"preprocess.{sub} changed from {previous.phase} to {current.phase}: "
                               f"{a.get(sub)!r} -> {b.get(sub)!r}")
            continue
        if a != b:
            out.append(f"{key} changed from {previous.phase} to {current.phase}: {a!r} -> {b!r}")
    return out


def check_against_model(cfg: SourceConfig, view) -> list[str]:
    """Contradictions between a source config and the model it names (input names/shapes, class count)."""
    problems = []
    model_inputs = {vi.name: view.shape(vi.name) for vi in view.inputs}
    for inp in cfg.inputs:
        if inp["name"] not in model_inputs:
            problems.append(f"input '{inp['name']}' of the source config is not a model input ({', '.join(model_inputs)})")
            continue
        shape = model_inputs[inp["name"]]
        if shape is not None and len(shape) != len(inp["shape"]):
            problems.append(f"input '{inp['name']}': config shape {inp['shape']} has rank {len(inp['shape'])}, model has {len(shape)}")
        elif shape is not None:
            for d_cfg, d_model in zip(inp["shape"], shape):
                if isinstance(d_model, int) and d_model > 0 and d_model != d_cfg:
                    problems.append(f"input '{inp['name']}': config shape {inp['shape']} contradicts model shape {list(shape)}")
                    break
    if cfg.class_names:
        nc = len(cfg.class_names)
        counts = _class_counts(view)
        if counts and nc not in counts:
            problems.append(f"class_names has {nc} names but the model's outputs carry {sorted(counts)} classes")
    return problems


def _class_counts(view) -> set[int]:
    """Plausible class counts of a detector/classifier from its output shapes (channels minus box/objectness)."""
    out = set()
    for name in view.output_names:
        s = view.static_shape(name)
        if not s:
            continue
        if len(s) == 2:
            out.add(s[1])
        elif len(s) == 3:
            c = min(s[1], s[2])
            out |= {c, c - 4, c - 5}
        elif len(s) == 4:
            out |= {s[1], s[1] - 4, s[1] - 5}
    return {c for c in out if c > 0}


def next_phase(cfg: SourceConfig, phase: str, model: str, decided: dict[str, Any]) -> dict[str, Any]:
    """The next phase's config: the critical values copied, this phase's decisions added, the chain kept."""
    d = {"phase": phase, "model": model, **{k: v for k, v in cfg.critical().items() if v is not None},
         "targets": cfg.targets, "decided": decided, "previous": cfg.to_dict()}
    if cfg.quantization:
        d["quantization"] = cfg.quantization
    return d


def rknn_config(cfg: SourceConfig) -> dict[str, Any]:
    """rknn.config() keyword arguments implied by a source config (mean/std per input, colour order)."""
    kw: dict[str, Any] = {"mean_values": [cfg.mean], "std_values": [cfg.std]}
    if cfg.color_order == "BGR":
        kw["quant_img_RGB2BGR"] = True
    return kw


def apply_to_build_args(args) -> SourceConfig | None:
    """`rknnlint build --source FILE`: mean/std/input shapes from the source config into the build options.
    An explicit --mean/--std/--input-shape that contradicts the config is a usage error (drift at the door)."""
    path = getattr(args, "source", None)
    if not path:
        return None
    cfg = load_source(path)
    fmt = ",".join
    for flag, attr, vals in (("--mean", "mean", cfg.mean), ("--std", "std", cfg.std)):
        given = getattr(args, attr, None)
        want = fmt(f"{v:g}" for v in vals)
        if given and [float(x) for x in given.split(",")] != vals:
            raise SourceConfigError(f"{flag} {given} contradicts {attr} [{want}] of {path}")
        setattr(args, attr, want)
    shapes = [f"{i['name']}=" + fmt(str(d) for d in i["shape"]) for i in cfg.inputs]
    args.input_shape = (args.input_shape or []) + [s for s in shapes if s not in (args.input_shape or [])]
    if cfg.color_order == "BGR":  # the toolkit's colour swap applies to int8 calibration images only
        args.source_note = "BGR"
    from ..toolkit.build_options import FLAGS, from_args, from_source

    opts = from_source(cfg.quantization, cfg.color_order, str(path))
    flag_of = {v: k for k, v in FLAGS.items()} | {"quant_img_RGB2BGR": "--quant-img-rgb2bgr"}
    for key, v in from_args(args).items():
        if key in opts and opts[key] != v:
            raise SourceConfigError(f"{flag_of[key]} {v} contradicts {key} {opts[key]} of {path}")
    args.source_options = opts
    return cfg


def write_after_build(args, cfg: SourceConfig | None, rc: int) -> None:
    """After a successful `rknnlint build --source`, write rknn_source.yaml next to --export (or in --out-dir)."""
    if cfg is None or rc != 0:
        return
    export = getattr(args, "export", None)
    folder = Path(export).parent if export else Path(getattr(args, "out_dir", None) or ".")
    dtype = "int8" if getattr(args, "int8", False) else "fp16"
    from ..toolkit.build_options import effective, from_args

    decided = {"target": getattr(args, "target", None) or "rk3588", "builds": [dtype],
               "dataset": getattr(args, "dataset", None), "toolkit": "rknn-toolkit2 2.5.0",
               "rknn_config": effective({**(getattr(args, "source_options", None) or {}), **from_args(args)}, dtype)}
    model = Path(export).name if export else str(args.paths[0])
    out = folder / "rknn_source.yaml"
    from .._files import write_text_atomic, yaml_dump

    write_text_atomic(out, yaml_dump(next_phase(cfg, "rknn", model, decided)))
    print(f"rknnlint: wrote {out}", file=__import__("sys").stderr)
