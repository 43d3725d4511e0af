"""`rknnlint package-pt`: phase 1, the trained PyTorch model as a package (training_source.yaml,
performance_pt.json, the checkpoint), the start of the source-config chain.

The user's metadata (inputs, colour order, mean/std, class names...) is checked against the model by
running it once on the seeded inputs; an ultralytics checkpoint fills in what ultralytics fixes itself.
Written into a temporary folder beside the output and renamed at the end: bad input leaves nothing.
"""
from __future__ import annotations

import json
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .._files import staged_folder, yaml_dump
from ..errors import UsageError
from . import measure
from .source import SourceConfig, SourceConfigError, parse_source, read_source_yaml
from .torch_model import TorchModel, TorchModelError, first_line, load, split_spec, ultralytics_defaults

PT_SOURCE = "training_source.yaml"
PT_RECORD = "performance_pt.json"


@dataclass
class PhaseResult:
    """What a phase command wrote: the package folder, its files and its performance record."""

    model: str
    out_dir: str
    files: list[str] = field(default_factory=list)
    performance: dict[str, Any] = field(default_factory=dict)
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)


def model_name(spec: str) -> str:
    """The package's model name: the factory's name for FILE.py:NAME, else the file's stem."""
    path, name = split_spec(spec)
    return name if name else path.stem


def read_metadata(path: str | Path | None) -> dict[str, Any]:
    if path is None:
        return {}
    p = Path(path)
    data = read_source_yaml(p)
    if not isinstance(data, dict):
        raise SourceConfigError(f"{p}: expected a mapping")
    if data.get("phase", "pt") != "pt":
        raise SourceConfigError(f"{p}: phase {data['phase']!r}: package-pt writes phase pt (the first phase)")
    return data


def pt_config(tm: TorchModel, metadata: dict[str, Any], where: str) -> dict[str, Any]:
    """The phase-pt source config: the user's metadata over what the checkpoint implies."""
    implied = ultralytics_defaults(tm)
    names = implied.get("class_names")
    if names and metadata.get("class_names") and metadata["class_names"] != names:
        raise SourceConfigError(f"{where}: class_names ({len(metadata['class_names'])}) differ from the "
                                f"checkpoint's own names ({len(names)}: {', '.join(names[:3])}...)")
    data = {**implied, **{k: v for k, v in metadata.items() if k != "previous"}, "phase": "pt"}
    if "inputs" not in data:
        raise SourceConfigError(f"{where}: missing critical value 'inputs' (name and shape of each model input)")
    return data


def run_check(tm: TorchModel, cfg: SourceConfig) -> list:
    """The torch outputs on the seeded inputs; a model that fails on the configured shapes is bad input."""
    feeds = measure.normalise(cfg, measure.raw_inputs(cfg))
    try:
        outs = measure.torch_runner(tm.module)(feeds)
    except Exception as e:  # noqa: BLE001 - the user's model: any error is the configured input's
        shapes = ", ".join(f"{i['name']} {i['shape']}" for i in cfg.inputs)
        raise TorchModelError(f"{tm.spec}: the model fails on the configured input(s) {shapes}: {first_line(e)}") from None
    if not outs:
        raise TorchModelError(f"{tm.spec}: the model returns no tensor")
    return outs


def torch_version() -> str:
    import torch

    return str(torch.__version__)


def package_pt(spec: str, source: str | None, out_dir: str | Path, weights: str | None = None,
               samples: str | None = None, runs: int = 20, threads: int = measure.THREADS) -> PhaseResult:
    """Write the pt package; UsageError (exit 2) on bad input before anything is in place. `threads`: CPU
    threads of torch while measuring (measure.THREADS)."""
    from .torch_model import import_torch

    import_torch()
    with measure.torch_threads(threads):
        return _package_pt(spec, source, out_dir, weights, samples, runs, threads)


def _package_pt(spec: str, source: str | None, out_dir: str | Path, weights: str | None, samples: str | None,
                runs: int, threads: int) -> PhaseResult:
    t0 = time.monotonic()
    out = Path(out_dir)
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise UsageError(f"{out}: output folder exists and is not empty")
    metadata = read_metadata(source)
    tm = load(spec, weights)
    if source is None and tm.kind != "ultralytics":
        raise UsageError("--source FILE is required (the model's metadata: inputs, color_order, mean, std...)")
    where = str(source or spec)
    name = model_name(spec)
    data = pt_config(tm, metadata, where)
    path, factory = split_spec(spec)
    copied = [f for f in tm.files if f.suffix != ".py"]  # a .py stays where its imports work
    data["model"] = f"{path.resolve()}:{factory}" if factory else path.name
    cfg = parse_source(data, where)
    outs = run_check(tm, cfg)
    decided: dict[str, Any] = {"format": tm.kind, "torch": torch_version()}
    if weights:
        decided["weights"] = Path(weights).name
    if tm.meta.get("task"):
        decided["task"] = tm.meta["task"]
    cfg.extra["decided"] = decided
    feeds = measure.normalise(cfg, measure.raw_inputs(cfg))
    run = measure.torch_runner(tm.module)
    perf: dict[str, Any] = {"phase": "pt", "model": name, "format": tm.kind, "torch": decided["torch"],
                            "seed": measure.SEED, "inputs": [{"name": i["name"], "shape": i["shape"]} for i in cfg.inputs],
                            "outputs": measure.summary(outs), "latency": {"torch": measure.latency(run, feeds, runs, threads=threads)}}
    if samples:
        perf["accuracy"] = measure.accuracy(run, cfg, measure.read_samples(samples, cfg))
    with staged_folder(out) as work:
        for f in copied:
            shutil.copy2(f, work / f.name)
        (work / PT_SOURCE).write_text(yaml_dump(cfg.to_dict()))
        (work / PT_RECORD).write_text(json.dumps(perf, indent=2) + "\n")
    return PhaseResult(spec, str(out), sorted(p.name for p in out.iterdir()), perf, time.monotonic() - t0)
