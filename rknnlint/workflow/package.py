"""`rknnlint package`: one model to an RKNN conversion package with its source config and performance record.

Everything is written into a temporary folder next to the output and renamed into place at the end, so a
failure (bad source config, bad dataset, failed build) leaves nothing behind.
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
from ..platforms import installed_toolkit_version
from .source import (
    SourceConfig,
    SourceConfigError,
    check_against_model,
    compare_critical,
    load_source,
    next_phase,
)


@dataclass
class PackageResult:
    model: str
    out_dir: str
    ok: bool
    error: str = ""
    files: list[str] = field(default_factory=list)
    performance: dict[str, Any] = field(default_factory=dict)
    seconds: float = 0.0


def validate_dataset(path: str | Path, cfg: SourceConfig) -> list[str]:
    """The dataset list: one line per sample, one file per input; .npy files must have the input's shape."""
    import numpy as np

    p = Path(path)
    if not p.is_file():
        raise UsageError(f"{p}: dataset list not found")
    lines = [ln.split() for ln in p.read_text(encoding="utf-8").splitlines() if ln.strip()]
    if not lines:
        raise UsageError(f"{p}: dataset list is empty")
    n_in = len(cfg.inputs)
    for i, files in enumerate(lines, 1):
        if len(files) != n_in:
            raise UsageError(f"{p}:{i}: {len(files)} file(s) on the line but the model has {n_in} input(s)")
        for f, inp in zip(files, cfg.inputs):
            fp = Path(f) if Path(f).is_absolute() else p.parent / f
            if not fp.is_file():
                raise UsageError(f"{p}:{i}: '{f}' not found")
            if fp.suffix == ".npy":
                arr = np.load(fp, mmap_mode="r")
                want = list(inp["shape"])
                got = list(arr.shape)
                if got != want:  # rknn-toolkit2 2.5.0 reads .npy samples in the model's own layout, batch included
                    raise UsageError(f"{p}:{i}: '{f}' has shape {got} but input '{inp['name']}' is {want}")
    return [" ".join(str(Path(f) if Path(f).is_absolute() else (p.parent / f).resolve()) for f in files)
            for files in lines]


def input_problems(cfg: SourceConfig, dataset: str | None, model: Path | None = None) -> list:
    """The source config's mean/std scale (RKN822), the calibration set's problems (RKN823) and the activations
    whose calibration range explodes (RKN824), each said on stderr as one line before anything is built."""
    import sys

    from .calibration_set import dataset_problems, scale_problem

    images = [i for i in cfg.inputs if len(i["shape"]) == 4]
    probs = []
    sp = scale_problem(cfg.mean, cfg.std, f"image input '{images[0]['name']}'") if images else None
    if sp is not None:
        probs.append(sp)
    if dataset:
        probs += dataset_problems(dataset, [(i["name"], list(i["shape"])) for i in cfg.inputs], cfg.mean, cfg.std)
        if model is not None:
            from ..activation_ranges import problems
            from ..int8_ranges import measured, threshold

            limit = threshold("activation", str((cfg.quantization or {}).get("method") or "channel"),
                              "activation_ratio")
            m = measured()
            try:
                probs += problems(model, dataset, cfg.mean, cfg.std, limit, f"rknn-toolkit2 {m.get('toolkit')} "
                                  f"{m.get('target')}") if limit is not None else []
            except Exception as e:  # noqa: BLE001 - onnxruntime refuses the model: the build says what is wrong
                print(f"rknnlint: warning: activation ranges not measured: {type(e).__name__}", file=sys.stderr)
    for p in probs:
        print(f"rknnlint: warning: {p.code}: {p.message}" + (f" ({p.hint})" if p.hint else ""), file=sys.stderr)
    return probs


def model_config_yml(name: str, model_file: str, cfg: SourceConfig, quantize: bool, dataset: str | None,
                     options: dict[str, Any] | None = None) -> dict:
    """The model_config.yml that `python -m rknn.api.rknn_convert -t TARGET -i model_config.yml -o OUT` reads;
    `options`: the rknn.config options the package's own build used (build_options.effective), so the record
    and the .rknn agree."""
    from ..toolkit.build_options import effective, from_source

    if options is None:
        options = effective(from_source(cfg.quantization, cfg.color_order, "source config"), "int8")
    configs: dict[str, Any] = {"mean_values": [cfg.mean] * len(cfg.inputs), "std_values": [cfg.std] * len(cfg.inputs),
                               **options}
    d: dict[str, Any] = {"models": {"name": name, "platform": "onnx", "model_file_path": model_file,
                                    "quantize": bool(quantize), "configs": configs,
                                    "subgraphs": {"inputs": [i["name"] for i in cfg.inputs],
                                                  "input_size_list": [",".join(str(x) for x in i["shape"])
                                                                      for i in cfg.inputs]}}}
    if quantize and dataset:
        d["models"]["dataset"] = dataset
    return d


def _cut_head(model_path: Path, work: Path, name: str, spec: str = "auto") -> tuple[Path, Path | None, dict]:
    """Split at the head boundary with the cut-head rewrite (the one `rknnlint fix --cut-head auto` uses):
    the NPU part and the post-processing tail (None when nothing is embedded or no single cut separates it).
    spec 'zoo': rknn_model_zoo's YOLO output layout (a model it does not recognise is a usage error), and
    the package gets zoo_layout.json and yolo_zoo.py (rknnlint.postprocess.yolo_zoo) to decode on the board."""
    from ..fix._write import load_full, write_model
    from ..rewrites import RewriteOptions, RewriteRefused, get_rewrite

    model, _ = load_full(model_path)
    from ..postprocess import yolo_zoo

    already = next((p.value for p in model.metadata_props if p.key == yolo_zoo.LAYOUT_KEY), None)
    if already:  # cut to the zoo layout before (rknnlint export / fix --cut-head zoo)
        _zoo_files(work, yolo_zoo.layout_of(already))
        return model_path, None, {"head_cut": False}
    try:
        res = get_rewrite("cut-head").apply(model, RewriteOptions(cut_head=spec, explicit=spec == "zoo"))
    except RewriteRefused:
        if spec == "zoo":
            raise
        return model_path, None, {"head_cut": False}
    if not res.changed:
        return model_path, None, {"head_cut": False}
    npu_path, tail_path = work / f"{name}.npu.onnx", work / f"{name}.postprocess.onnx"
    write_model(res.model, npu_path, external=False, protected=[])
    write_model(res.extra["tail"], tail_path, external=False, protected=[])
    if "zoo_layout" in res.extra:
        _zoo_files(work, res.extra["zoo_layout"])
    return npu_path, tail_path, {"head_cut": True, "head_kind": res.extra["head_kind"],
                                 "boundary": list(res.extra["boundary"]), "reason": res.extra["reason"]}


def _zoo_files(work: Path, layout: dict) -> None:
    """zoo_layout.json, the numpy decoder (rknnlint.postprocess.yolo_zoo) and, for YOLOv5/v7, the anchors in
    the file format of rknn_model_zoo's demos (anchors_yolov5.txt: one number a line)."""
    from ..postprocess import yolo_zoo

    (work / "zoo_layout.json").write_text(json.dumps(layout, indent=1) + "\n")
    shutil.copy2(yolo_zoo.__file__, work / "yolo_zoo.py")
    if layout.get("anchors"):
        (work / "anchors.txt").write_text("".join(f"{v}\n" for s in layout["anchors"] for a in s for v in a))


def _build(model: Path, cfg: SourceConfig, target: str, dtype: str, dataset: str | None, export: Path,
           timeout: float, options: dict[str, Any]) -> dict:
    from .._progress import stage_progress
    from ..toolkit.logparse import parse_outcome
    from ..toolkit.runner import BuildJob, StartedBuild

    job = BuildJob(model=str(model), target=target, dtype=dtype, dataset=dataset, mean=cfg.mean, std=cfg.std,
                   input_shapes={i["name"]: list(i["shape"]) for i in cfg.inputs}, export=str(export), compare=True,
                   config=options)
    started = StartedBuild(job)
    with stage_progress(f"packaging {model.name}: {dtype} build ({target})", started.stage):
        raw = started.finish(timeout)
    out = parse_outcome(raw, str(model), target, dtype)
    layers = [lay for lay in out.layers if lay.op_type not in ("InputOperator", "OutputOperator")]
    npu = sum(lay.target == "NPU" for lay in layers)
    cpu_ops = sorted({lay.op_type for lay in layers if lay.target == "CPU"})
    return {"status": out.status, "error": out.error, "seconds": round(out.seconds, 2),
            "outputs": [{k: o.get(k) for k in ("output", "cosine", "max_abs_err", "verdict")}
                        for o in out.compare.get("outputs", [])],
            "npu_coverage": round(npu / len(layers), 4) if layers else None, "cpu_ops": cpu_ops,
            "rknn_config": out.config or options,
            "size_bytes": export.stat().st_size if export.is_file() else None}


def package(model: str | Path, source: str | Path, target: str, out_dir: str | Path, int8: bool = False,
            dataset: str | None = None, previous_record: str | None = None, timeout: float = 600.0,
            cut_head: str = "auto", samples: str | None = None) -> PackageResult:
    """Build the package; raises UsageError (exit 2) on bad input before anything is written. cut_head:
    'auto' (the head boundary) or 'zoo' (rknn_model_zoo's YOLO layout, rknnlint.rewrites.zoo_head).
    samples: a labelled samples list; the package's own npu_inference.py (simulator stand-in, so the pixels are
    the board's) measures top-1/top-5 on it into performance_rknn.json."""
    from ..graph import ModelView
    from ..loader import load_model

    t0 = time.monotonic()
    model = Path(model)
    out = Path(out_dir)
    cfg = load_source(source)
    view = ModelView(load_model(model), model)
    problems = check_against_model(cfg, view)
    if cfg.previous is not None:
        problems += compare_critical(cfg.previous, cfg)
    if problems:
        raise SourceConfigError(f"{source}: RKN960 source-config-drift: {problems[0]}"
                                + (f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""))
    from ..platforms import resolve_target
    from ..toolkit.build_options import effective, from_source

    opts = from_source(cfg.quantization, cfg.color_order, str(source))
    int8_only = resolve_target(target).fact("fp16_build", True) is False
    if int8 or int8_only:
        from ..toolkit.build_options import labels, validate

        validate(opts, target, None, labels(opts, {}, str(source)))
    if int8_only and not (int8 and dataset):
        raise UsageError(f"{target} builds int8 only (no fp16 build): give --int8 --dataset FILE")
    if int8 and not dataset:
        raise UsageError("--int8 needs --dataset FILE (one line per sample, one file per input)")
    ds_lines = validate_dataset(dataset, cfg) if dataset else None
    warnings = input_problems(cfg, dataset if int8 else None, model)
    sample_lines = validate_samples(samples, cfg) if samples else None
    if out.exists() and any(out.iterdir()):
        raise UsageError(f"{out}: output folder exists and is not empty")
    name = model.stem
    with staged_folder(out) as work:
        npu_model, tail, cut = _cut_head(model, work, name, cut_head)
        beside = model.with_name(f"{name}.postprocess.onnx")
        if tail is None and beside.is_file():  # cut at export (rknnlint export): the tail travels with the model
            tail = work / beside.name
            shutil.copy2(beside, tail)
            cut = {"head_cut": True, "head_cut_at": "export", "postprocess": beside.name}
        ds_path = None
        if ds_lines:
            ds_path = work / "dataset.txt"
            ds_path.write_text("\n".join(ds_lines) + "\n")
        perf: dict[str, Any] = {"model": name, "target": target, "onnx_size_bytes": model.stat().st_size, **cut,
                                "builds": {}}
        if warnings:
            perf["warnings"] = [{"code": p.code, "message": p.message, "hint": p.hint} for p in warnings]
        dtypes = ("int8",) if int8_only else ("fp16", "int8") if int8 else ("fp16",)
        for dtype in dtypes:
            rk = work / f"{name}_{dtype}.rknn"
            res = _build(npu_model, cfg, target, dtype, str(ds_path) if ds_path else None, rk, timeout,
                         effective(opts, dtype))
            perf["builds"][dtype] = res
            if res["status"] != "built" or not rk.is_file():
                raise BuildFailed(f"{model}: {dtype} build failed: {res['error'] or res['status']}")
        decided = {"target": target, "builds": list(perf["builds"]), "head_cut": cut.get("head_cut", False),
                   "npu_model": f"{name}_{dtypes[0]}.rknn", "postprocess": f"{name}.postprocess.onnx" if tail else None,
                   "toolkit": f"rknn-toolkit2 {installed_toolkit_version()}",
                   "rknn_config": {d: perf["builds"][d]["rknn_config"] for d in dtypes}}
        nxt = next_phase(cfg, "rknn", f"{name}_{dtypes[0]}.rknn", decided)
        (work / "rknn_source.yaml").write_text(yaml_dump(nxt))
        if npu_model == model:
            shutil.copy2(model, work / f"{name}.npu.onnx")
        mc = model_config_yml(f"{name}_{'int8' if int8 else 'fp16'}", f"{name}.npu.onnx", cfg, int8,
                              "dataset.txt" if ds_path else None, effective(opts, "int8" if int8 else "fp16"))
        (work / "model_config.yml").write_text(yaml_dump(mc))
        from .inference_script import render

        (work / "npu_inference.py").write_text(render(cfg, name, tail is not None, target, dtypes[0],
                                                      cut.get("head_kind"), _output_names(work / f"{name}.npu.onnx"),
                                                      {d: effective(opts, d) for d in dtypes}))
        if sample_lines:
            (work / "samples.txt").write_text("\n".join(sample_lines) + "\n")
            for d in dtypes:  # per build; the default build's also at the top, where the other records keep it
                perf["builds"][d]["accuracy"] = _simulated_accuracy(work, d, timeout)
            perf["accuracy"] = perf["builds"][dtypes[0]]["accuracy"]
        if previous_record:
            perf["previous"] = _compare_previous(perf, previous_record)
        (work / "performance_rknn.json").write_text(json.dumps(perf, indent=2) + "\n")
    return PackageResult(str(model), str(out), True, files=sorted(p.name for p in out.iterdir()), performance=perf,
                         seconds=time.monotonic() - t0)


def validate_samples(path: str | Path, cfg: SourceConfig) -> list[str]:
    """A labelled samples list: one line per sample, one file (image or .npy) per input, then a label (class
    index or one of class_names). Returned with absolute paths."""
    p = Path(path)
    if not p.is_file():
        raise UsageError(f"{p}: samples list not found")
    lines = [ln.split() for ln in p.read_text(encoding="utf-8").splitlines() if ln.strip()]
    if not lines:
        raise UsageError(f"{p}: samples list is empty")
    n_in, names = len(cfg.inputs), cfg.class_names or []
    out = []
    for i, parts in enumerate(lines, 1):
        if len(parts) != n_in + 1:
            raise UsageError(f"{p}:{i}: expected {n_in} file(s) and a label, got {len(parts)} field(s)")
        *files, label = parts
        if not label.isdigit() and label not in names:
            raise UsageError(f"{p}:{i}: label '{label}' is neither a class index nor one of class_names")
        full = [Path(f) if Path(f).is_absolute() else (p.parent / f).resolve() for f in files]
        missing = [f for f, fp in zip(files, full) if not fp.is_file()]
        if missing:
            raise UsageError(f"{p}:{i}: '{missing[0]}' not found")
        out.append(" ".join([*map(str, full), label]))
    return out


def _simulated_accuracy(work: Path, dtype: str, timeout: float) -> dict[str, Any]:
    """top-1/top-5 of the package's own board script on samples.txt with the simulator stand-in repeating the
    `dtype` build (int8: with the package's dataset.txt)."""
    import subprocess
    import sys

    rec = work / ".accuracy.json"
    try:
        r = subprocess.run([sys.executable, str(work / "npu_inference.py"), "--benchmark", "--samples",
                            str(work / "samples.txt"), "--record", str(rec), "--warmup", "0", "--rknn", dtype],
                           capture_output=True, text=True, timeout=timeout, cwd=work)
    except subprocess.TimeoutExpired:
        raise BuildFailed(f"accuracy on --samples: the simulator ran over {timeout:.0f} s") from None
    if r.returncode != 0 or not rec.is_file():
        last = (r.stderr.strip().splitlines() or ["no message"])[-1]
        if r.returncode == 2:
            raise UsageError(last.replace("npu_inference: ", "--samples: "))
        raise BuildFailed(f"accuracy on --samples failed: {last}")
    data = json.loads(rec.read_text(encoding="utf-8"))
    rec.unlink()
    return {**(data.get("accuracy") or {}), "runtime": data.get("runtime")}


def _output_names(path: Path) -> list[str]:
    import onnx

    return [o.name for o in onnx.load(str(path), load_external_data=False).graph.output]


class BuildFailed(Exception):
    """A build of the package failed (exit 1)."""


def _compare_previous(perf: dict, path: str) -> dict:
    try:
        prev = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise UsageError(f"{path}: cannot read previous record: {e}") from None
    diff: dict[str, Any] = {"path": str(path)}
    if prev.get("phase") == "onnx":  # performance_onnx.json of `rknnlint export`: the phase before this one
        rows = prev.get("torch_vs_onnxruntime") or []
        diff["phase"] = "onnx"
        diff["onnx"] = {"opset": prev.get("opset"), "min_cosine_torch_vs_onnxruntime":
                        min((r["cosine"] for r in rows if r.get("cosine") is not None), default=None),
                        "onnxruntime_median_ms": ((prev.get("latency") or {}).get("onnxruntime") or {}).get("median_ms"),
                        "onnx_size_bytes": prev.get("onnx_size_bytes")}
        diff.update({dtype: {"min_cosine_vs_onnxruntime": min((o.get("cosine") or 0 for o in b.get("outputs", [])),
                                                              default=None), "size_bytes": b.get("size_bytes")}
                     for dtype, b in perf["builds"].items()})
        if "accuracy" in prev or "accuracy" in perf:
            diff["top1"] = [(prev.get("accuracy") or {}).get("top1"), (perf.get("accuracy") or {}).get("top1")]
        return diff
    for dtype, b in perf["builds"].items():
        pb = (prev.get("builds") or {}).get(dtype)
        if not pb:
            continue
        diff[dtype] = {"npu_coverage": [pb.get("npu_coverage"), b.get("npu_coverage")],
                       "size_bytes": [pb.get("size_bytes"), b.get("size_bytes")],
                       "min_cosine": [min((o.get("cosine") or 0 for o in pb.get("outputs", [])), default=None),
                                      min((o.get("cosine") or 0 for o in b.get("outputs", [])), default=None)]}
    if "accuracy" in prev or "accuracy" in perf:  # as performance_onnx.json and performance_board.json pair it
        diff["top1"] = [(prev.get("accuracy") or {}).get("top1"), (perf.get("accuracy") or {}).get("top1")]
    return diff
