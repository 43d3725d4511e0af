"""`rknnlint export`: phase 2, a PyTorch model to an RKNN-ready ONNX package.

The four things an RKNN-ready export needs are decided here rather than left to a training script:
static shapes (the source config's `inputs`, no dynamic axes), an opset inside the toolkit's window
(rules/common.yaml `opset`; the lowest recommended one that exports, as Rockchip's own exporters use 12),
constant folding, and no tensor above rank 4 (the reduce-rank rewrite) with the post-processing head cut
where rknnlint.heads says (the cut-head rewrite). The exporter is torch.onnx.export's TorchScript path
(dynamo=False): it honours opset_version down to 12 and needs no onnxscript.

The package (model, post-processing tail, onnx_source.yaml inherited from the pt config,
performance_onnx.json with torch vs onnxruntime on the same seeded inputs) is written into a temporary
folder beside the output and renamed at the end.
"""
from __future__ import annotations

import json
import time
import warnings
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .._files import staged_folder, yaml_dump
from ..errors import UsageError
from . import measure
from .pt_package import (
    PT_RECORD,
    PT_SOURCE,
    PhaseResult,
    model_name,
    pt_config,
    read_metadata,
    run_check,
    torch_version,
)
from .source import SourceConfig, SourceConfigError, load_source, next_phase, parse_source
from .torch_model import TorchModelError, first_line, load

ONNX_SOURCE = "onnx_source.yaml"
ONNX_RECORD = "performance_onnx.json"
EXPORTER = "torch.onnx.export (TorchScript exporter, dynamo=False)"


class ExportFailed(TorchModelError):
    """torch.onnx.export failed at every opset, or onnxruntime cannot run what it wrote (exit 2)."""


def resolve_input(model: str, source: str | None, weights: str | None) -> tuple[str, str | None, str | None, Path | None]:
    """(model spec, pt source config, weights, previous record) from a pt package folder or a spec + --source."""
    p = Path(model)
    if p.is_dir():
        src = Path(source) if source else p / PT_SOURCE
        cfg = load_source(src)
        if not cfg.model:
            raise SourceConfigError(f"{src}: no 'model' to export")
        spec = cfg.model if Path(cfg.model.rpartition(":")[0] or cfg.model).is_absolute() else str(p / cfg.model)
        w = weights or (cfg.extra.get("decided") or {}).get("weights")
        if w and not weights:
            w = str(p / w)
        rec = p / PT_RECORD
        return spec, str(src), w, rec if rec.is_file() else None
    return model, source, weights, None


def opset_candidates(target: str, opset: int | None) -> list[int]:
    """The opsets to try, lowest first: the one asked for, or the recommended part of the target's window."""
    from ..platforms import resolve_target

    plat = resolve_target(target)
    lo, hi = plat.opset_window
    rec = int((plat.facts.get("opset") or {}).get("recommended_min", lo))
    if opset is not None:
        if not lo <= opset <= hi:
            raise UsageError(f"--opset {opset}: {target} loads opsets {lo}-{hi} (docs/facts.md#opset)")
        return [opset]
    return list(range(max(lo, rec), hi + 1))


@contextmanager
def _native_output_to(path: Path):
    """When an op fails, the exporter's C++ side prints the whole TorchScript graph on fd 1 ("Torch IR graph at
    exception"): keep fds 1 and 2 in a file during the export (the error itself is reported in one line)."""
    import os
    import sys

    sys.stdout.flush()
    sys.stderr.flush()
    saved = [os.dup(1), os.dup(2)]
    with open(path, "wb") as f:
        os.dup2(f.fileno(), 1)
        os.dup2(f.fileno(), 2)
        try:
            yield
        finally:
            os.dup2(saved[0], 1)
            os.dup2(saved[1], 2)
            for fd in saved:
                os.close(fd)


def _export(tm, cfg: SourceConfig, path: Path, opsets: list[int], output_names: list[str] | None) -> tuple[int, list[str]]:
    """torch.onnx.export at the first opset that works; (opset, the failures before it)."""
    import torch

    feeds = tuple(torch.from_numpy(x) for x in measure.normalise(cfg, measure.raw_inputs(cfg)))
    failures = []
    for opset in opsets:
        try:
            with warnings.catch_warnings(), _native_output_to(path.with_suffix(".log")):
                warnings.simplefilter("ignore")  # the legacy-exporter deprecation note and tracer warnings
                torch.onnx.export(tm.module, feeds, str(path), opset_version=opset, dynamo=False,
                                  do_constant_folding=True, input_names=[i["name"] for i in cfg.inputs],
                                  output_names=output_names)
            return opset, failures
        except Exception as e:  # noqa: BLE001 - torch raises many kinds; each is one line in the report
            failures.append(f"opset {opset}: {first_line(e)}")
            path.unlink(missing_ok=True)
    raise ExportFailed(f"{tm.spec}: torch.onnx.export failed at opset {opsets[0]}"
                       + (f"-{opsets[-1]}" if len(opsets) > 1 else "") + f": {failures[-1].split(': ', 1)[1]}")


def _output_names(cfg: SourceConfig, n: int) -> list[str]:
    declared = cfg.extra.get("outputs")
    if isinstance(declared, list) and len(declared) == n:
        names = [o if isinstance(o, str) else (o or {}).get("name") for o in declared]
        if all(isinstance(x, str) and x for x in names):
            return names
    return [f"output{i}" for i in range(n)]


def _rewrite(model, name: str, options):
    from ..rewrites import RewriteRefused, get_rewrite

    try:
        return get_rewrite(name).apply(model, options)
    except RewriteRefused as e:
        raise UsageError(str(e)) from None


def _same_stats(a: dict, b: dict) -> bool:
    """The same output by its statistics, up to float noise (thread count, library version: rtol 1e-4)."""
    import math

    keys = ("mean", "std", "min", "max")
    if a.get("shape") != b.get("shape") or any(not isinstance(x.get(k), (int, float)) for x in (a, b) for k in keys):
        return False
    return all(math.isclose(a[k], b[k], rel_tol=1e-4, abs_tol=1e-6) for k in keys)


def _compare_pt(record: Path, perf: dict[str, Any], torch_summary: list[dict]) -> dict[str, Any]:
    """performance_onnx.json against performance_pt.json: the same model (its torch outputs on the seeded
    inputs unchanged), onnxruntime's output statistics beside torch's, latency and accuracy side by side."""
    try:
        prev = json.loads(record.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise UsageError(f"{record}: cannot read previous record: {e}") from None
    pt_out = prev.get("outputs") or []
    same = len(pt_out) == len(torch_summary) and all(_same_stats(a, b) for a, b in zip(pt_out, torch_summary))
    diff: dict[str, Any] = {"path": str(record), "phase": prev.get("phase"), "same_torch_outputs": same,
                            "outputs": [{"index": o["index"], "pt": {k: p.get(k) for k in ("mean", "std", "min", "max")},
                                         "onnx": {k: o.get(k) for k in ("mean", "std", "min", "max")}}
                                        for o, p in zip(perf["outputs"], pt_out)],
                            "latency_median_ms": [((prev.get("latency") or {}).get("torch") or {}).get("median_ms"),
                                                  perf["latency"]["onnxruntime"]["median_ms"]]}
    if "accuracy" in prev or "accuracy" in perf:
        diff["top1"] = [(prev.get("accuracy") or {}).get("top1"), (perf.get("accuracy") or {}).get("top1")]
    return diff


def _require(*modules: str) -> None:
    """The comparison (onnxruntime) and the head cut (onnx-graphsurgeon) come with rknnlint[fix]."""
    import importlib.util

    missing = [m for m in modules if importlib.util.find_spec(m) is None]
    if missing:
        raise UsageError(f"export needs {', '.join(missing)}: pip install 'rknnlint[fix]'")


def export_package(model: str, source: str | None, out_dir: str | Path, weights: str | None = None,
                   opset: int | None = None, cut_head: str = "auto", target: str | None = None,
                   samples: str | None = None, previous_record: str | None = None, runs: int = 20,
                   threads: int = measure.THREADS) -> PhaseResult:
    """Write the onnx package; UsageError (exit 2) on bad input or a failed export, nothing left behind.
    `threads`: CPU threads of torch and onnxruntime while measuring (measure.THREADS)."""
    from .torch_model import import_torch

    import_torch()
    with measure.torch_threads(threads):
        return _export_package(model, source, out_dir, weights, opset, cut_head, target, samples, previous_record,
                               runs, threads)


def _export_package(model: str, source: str | None, out_dir: str | Path, weights: str | None, opset: int | None,
                    cut_head: str, target: str | None, samples: str | None, previous_record: str | None, runs: int,
                    threads: int) -> PhaseResult:
    import onnx

    t0 = time.monotonic()
    out = Path(out_dir)
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise UsageError(f"{out}: output folder exists and is not empty")
    _require("onnxruntime", "onnx_graphsurgeon")
    spec, src, weights, record = resolve_input(model, source, weights)
    if previous_record:
        record = Path(previous_record)
    if Path(model).is_dir():  # a pt package: its training_source.yaml as written by package-pt
        cfg = load_source(src)
        if cfg.phase != "pt":
            raise SourceConfigError(f"{src}: phase {cfg.phase}: export reads the pt phase's config (training_source.yaml)")
        opsets = opset_candidates(target or (cfg.targets[0] if cfg.targets else "rk3588"), opset)
        tm = load(spec, weights)
    else:  # a model and the user's metadata (phase pt), read as package-pt reads them
        if opset is not None:
            opset_candidates(target or "rk3588", opset)  # a wrong --opset before the model is read
        tm = load(spec, weights)
        if src is None and tm.kind != "ultralytics":
            raise UsageError("--source FILE is required (training_source.yaml or the model's metadata), or give a "
                             "pt package folder")
        data = pt_config(tm, read_metadata(src), str(src or spec))
        data["model"] = spec
        cfg = parse_source(data, str(src or spec))
        opsets = opset_candidates(target or (cfg.targets[0] if cfg.targets else "rk3588"), opset)
    target = target or (cfg.targets[0] if cfg.targets else "rk3588")
    reference = run_check(tm, cfg)
    name = model_name(spec)
    from ..rewrites import RewriteOptions

    with staged_folder(out) as work:
        raw = work / "export.tmp.onnx"
        chosen, failures = _export(tm, cfg, raw, opsets, _output_names(cfg, len(reference)))
        m = onnx.load(str(raw))
        raw.unlink()
        raw.with_suffix(".log").unlink(missing_ok=True)
        notes = [f"opset {chosen} ({failures[-1].split(':')[0]} and lower failed)" if failures else f"opset {chosen}"]
        rr = _rewrite(m, "reduce-rank", RewriteOptions())
        if rr.changed:
            m = rr.model
            notes.append("reduce-rank: " + "; ".join(rr.notes))
        decided: dict[str, Any] = {"exporter": EXPORTER, "torch": torch_version(), "opset": chosen,
                                   "constant_folding": True, "static_shapes": True, "reduce_rank": rr.changed,
                                   "head_cut": False, "target": target}
        tail = None
        if cut_head != "none":
            cr = _rewrite(m, "cut-head", RewriteOptions(cut_head=cut_head, explicit=cut_head != "auto"))
            if cr.changed:
                m, tail = cr.model, cr.extra["tail"]
                decided.update(head_cut=True, cut_head=cut_head, head_kind=cr.extra.get("head_kind"),
                               boundary=list(cr.extra["boundary"]), postprocess=f"{name}.postprocess.onnx")
            notes.extend(cr.notes)
        from ..fix._write import write_model

        model_path = work / f"{name}.onnx"
        write_model(m, model_path, external=False, protected=[])
        tail_path = None
        if tail is not None:
            tail_path = work / f"{name}.postprocess.onnx"
            write_model(tail, tail_path, external=False, protected=[])
        feeds = measure.normalise(cfg, measure.raw_inputs(cfg))
        names = [o.name for o in (m.graph.output if tail is None else ())] or _output_names(cfg, len(reference))
        try:
            ort_run = measure.ort_runner(model_path, tail_path, names, threads)
            got = ort_run(feeds)
        except Exception as e:  # noqa: BLE001 - what torch wrote and onnxruntime refuses: the export failed
            raise ExportFailed(f"{spec}: onnxruntime cannot run the exported model: {first_line(e)}") from None
        t_run = measure.torch_runner(tm.module)
        perf: dict[str, Any] = {"phase": "onnx", "model": f"{name}.onnx", "opset": chosen, "seed": measure.SEED,
                                "inputs": [{"name": i["name"], "shape": i["shape"]} for i in cfg.inputs],
                                "head_cut": decided["head_cut"],
                                "torch_vs_onnxruntime": measure.compare(reference, got, names),
                                "outputs": measure.summary(got),
                                "latency": {"onnxruntime": measure.latency(ort_run, feeds, runs, threads=threads),
                                            "torch": measure.latency(t_run, feeds, runs, threads=threads)},
                                "onnx_size_bytes": model_path.stat().st_size}
        if samples:
            perf["accuracy"] = measure.accuracy(ort_run, cfg, measure.read_samples(samples, cfg))
        if record is not None:
            perf["previous"] = _compare_pt(record, perf, measure.summary(reference))
        nxt = next_phase(cfg, "onnx", f"{name}.onnx", decided)
        (work / ONNX_SOURCE).write_text(yaml_dump(nxt))
        (work / ONNX_RECORD).write_text(json.dumps(perf, indent=2) + "\n")
    return PhaseResult(spec, str(out), sorted(p.name for p in out.iterdir()), perf, time.monotonic() - t0, notes)
