"""`rknnlint package`: RKNN conversion package (fp16/int8 .rknn, rknn_source.yaml, post-processing tail,
npu_inference.py, performance_rknn.json, model_config.yml) from an ONNX model and its source config."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import UsageError
from ..executors import add_executor_options


def add_parser(sub) -> None:
    p = sub.add_parser("package", help="convert to an RKNN package with source config and performance record",
                       description=__doc__)
    p.add_argument("model", nargs="?", help="ONNX model, or an onnx package folder (rknnlint export)")
    p.add_argument("--source", default=None, metavar="FILE",
                   help="source config of the model (onnx_source.yaml); batch: default for models without <stem>.source.yaml beside them")
    p.add_argument("--target", default="rk3588", help="target platform (default rk3588)")
    p.add_argument("--int8", action="store_true", help="also build the int8 model (needs --dataset)")
    p.add_argument("--dataset", default=None, metavar="FILE", help="calibration list: one line per sample")
    p.add_argument("--samples", default=None, metavar="FILE",
                   help="labelled samples (files per input, then a class index or name): top-1/top-5 of the package's "
                        "board script on the simulator into performance_rknn.json")
    p.add_argument("--previous", default=None, metavar="JSON", help="performance_rknn.json of an earlier build, or performance_onnx.json of the onnx phase, to compare "
                        "(default with an onnx package: its performance_onnx.json)")
    p.add_argument("--models", default=None, metavar="LIST_OR_DIR",
                   help="batch: a file with one model (or onnx package folder) per line, or a folder of .onnx models or "
                        "of onnx packages (each in -o DIR/<name>)")
    p.add_argument("--jobs", "-j", type=int, default=1, help="batch: models converted in parallel (default 1)")
    add_executor_options(p)
    p.add_argument("--cut-head", default="auto", choices=("auto", "zoo"),
                   help="where the NPU part ends: the head boundary (auto, default) or rknn_model_zoo's YOLO "
                        "output layout (zoo; adds zoo_layout.json and yolo_zoo.py)")
    p.add_argument("--timeout", type=float, default=600.0, help="seconds per build (default 600)")
    p.add_argument("-o", "--output", required=True, metavar="DIR", help="output folder (must not exist or be empty)")
    p.set_defaults(func=run)


def _batch_models(spec: str) -> list[Path]:
    p = Path(spec)
    if p.is_dir():  # a folder of .onnx models, else of onnx packages (rknnlint export --models writes those)
        models = sorted(p.glob("*.onnx")) or sorted(d for d in p.iterdir() if (d / "onnx_source.yaml").is_file())
    elif p.is_file():
        models = [Path(ln.strip()) if Path(ln.strip()).is_absolute() else p.parent / ln.strip()
                  for ln in p.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")]
    else:
        raise UsageError(f"{spec}: no such model list or folder")
    if not models:
        raise UsageError(f"{spec}: no models")
    missing = [m for m in models if not m.is_file() and not (m / "onnx_source.yaml").is_file()]
    if missing:
        raise UsageError(f"{spec}: model not found: {missing[0]}")
    return models


def run(args: argparse.Namespace) -> int:
    from ..workflow.package import BuildFailed, package

    if args.jobs < 1:
        raise UsageError("--jobs must be at least 1")
    if bool(args.model) == bool(args.models):
        raise UsageError("give one MODEL or --models LIST_OR_DIR")
    if args.model and Path(args.model).is_dir():
        args.model, args.source, args.previous = _from_onnx_package(Path(args.model), args.source, args.previous)
    if args.model and not args.source:
        raise UsageError("--source FILE is required (the model's source config, e.g. onnx_source.yaml)")
    if args.model:
        try:
            res = package(args.model, args.source, args.target, args.output, args.int8, args.dataset, args.previous,
                          args.timeout, args.cut_head, args.samples)
        except BuildFailed as e:
            print(f"rknnlint: error: {e}; nothing written", file=sys.stderr)
            return 1
        except (OSError, ValueError, KeyError) as e:  # e.g. a head cut onnx cannot extract; nothing was written
            print(f"rknnlint: error: {args.model}: packaging failed: {type(e).__name__}: {e}; nothing written",
                  file=sys.stderr)
            return 1
        _print_one(res)
        return 0
    return _run_batch(args, _batch_models(args.models))


def _from_onnx_package(folder: Path, source: str | None, previous: str | None) -> tuple[str, str, str | None]:
    """An onnx package (rknnlint export): its model, onnx_source.yaml and performance_onnx.json."""
    from ..workflow.source import load_source

    src = Path(source) if source else folder / "onnx_source.yaml"
    cfg = load_source(src)
    if not cfg.model:
        raise UsageError(f"{src}: no 'model' to package")
    rec = folder / "performance_onnx.json"
    return str(folder / cfg.model), str(src), previous or (str(rec) if rec.is_file() else None)


def _print_one(res) -> None:
    print(f"{res.model}: package in {res.out_dir} ({res.seconds:.1f} s): {', '.join(res.files)}")
    for dtype, b in res.performance.get("builds", {}).items():
        cos = [o["cosine"] for o in b["outputs"] if o.get("cosine") is not None]
        print(f"  {dtype}: {b['seconds']:.1f} s, NPU coverage {b['npu_coverage']}, CPU ops {b['cpu_ops'] or 'none'}, "
              f"min cosine {min(cos) if cos else 'n/a'}, {b['size_bytes']} bytes")
    acc = res.performance.get("accuracy")
    if acc:
        print(f"  accuracy on {acc['samples']} labelled sample(s), {acc.get('runtime', 'simulator')}: "
              f"top-1 {acc.get('top1')}, top-5 {acc.get('top5')}")


def _package_one(task) -> tuple[str, str, str, str, str]:
    """One model of a batch: its summary row (module level: with --executor ray it runs as a Ray task, and the
    package folder is written where the task runs, so a multi-machine cluster needs -o on shared storage)."""
    from ..errors import RknnlintError
    from ..workflow.package import BuildFailed, package

    m, source, target, out_dir, int8, dataset, timeout, cut_head, previous, samples = task
    try:
        r = package(m, source, target, out_dir, int8, dataset, previous, timeout, cut_head, samples)
        b = r.performance["builds"]
        cos = [o["cosine"] for d in b.values() for o in d["outputs"] if o.get("cosine") is not None]
        cov = next(iter(b.values()))["npu_coverage"] if b else None
        return m.stem, "ok", f"{sum(d['seconds'] for d in b.values()):.1f}", str(cov), f"{min(cos):.5f}" if cos else "n/a"
    except (RknnlintError, BuildFailed, OSError, ValueError, KeyError) as e:
        return m.stem, "failed", "", "", str(e)


def _run_batch(args, entries: list[Path]) -> int:
    out = Path(args.output)
    models, sources, previous = [], {}, {}
    for e in entries:
        if e.is_dir():  # an onnx package: its model, onnx_source.yaml and performance_onnx.json
            model, sources[Path(model)], previous[Path(model)] = _from_onnx_package(e, None, None)
            models.append(Path(model))
        else:
            models.append(e)
    sources.update({m: m.with_name(m.stem + ".source.yaml") if m.with_name(m.stem + ".source.yaml").is_file()
                    else args.source for m in models if m not in sources})
    lacking = [m for m, s in sources.items() if s is None]
    if lacking:
        raise UsageError(f"{lacking[0]}: no {lacking[0].stem}.source.yaml beside it and no --source")

    from ..executors import WorkerLost, executor_from_args, run_tasks

    spec = executor_from_args(args, max(1, min(args.jobs, 4)) if getattr(args, "executor", "local") == "local" else args.jobs)
    tasks = [(m, sources[m], args.target, out / m.stem, args.int8, args.dataset, args.timeout, args.cut_head,
              previous.get(m), args.samples) for m in models]
    rows = [(t[0].stem, "failed", "", "", f"the Ray worker died on all {r.attempts} tries ({r.reason})")
            if isinstance(r, WorkerLost) else r
            for t, r in zip(tasks, run_tasks(_package_one, tasks, spec, label=lambda t: t[0].name, verb="packaging"))]
    from .phase_table import print_summary

    return print_summary(("model", "status", "build s", "NPU coverage", "min cosine / error"), rows)
