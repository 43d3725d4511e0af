"""The one child process that runs rknn-toolkit2 (build, probe, package, calibration, fix measurements):
`python -m rknnlint.toolkit._child JOB.json`, started by toolkit/runner.py.

Runs config / load_onnx / build / export / simulator compare with the real rknn-toolkit2 and writes
result.json after every stage, so a segfault or a kill still tells the parent how far it got. The native
compiler's layer table goes to this process's stdout, which the parent points at a file. Inputs come from
the job's `feeds` (an .npz, input name -> array) when given, else seeded; `keep_outputs` saves the
simulator's and onnxruntime's outputs to outputs.npz for the parent's own comparison."""
from __future__ import annotations

import json
import sys
import traceback
from pathlib import Path


def _ort_inputs(model: str, shapes: dict[str, list[int]]):
    import onnxruntime as ort

    sess = ort.InferenceSession(model, providers=["CPUExecutionProvider"])
    types = {"tensor(float)": "float32", "tensor(float16)": "float16", "tensor(double)": "float64",
             "tensor(int64)": "int64", "tensor(int32)": "int32", "tensor(uint8)": "uint8", "tensor(int8)": "int8",
             "tensor(bool)": "bool"}
    spec = []
    for i in sess.get_inputs():
        shape = shapes.get(i.name) or [d if isinstance(d, int) and d > 0 else 1 for d in i.shape]
        spec.append((i.name, list(shape), types.get(i.type, "float32")))
    return sess, spec


def _feeds(spec, given: dict) -> list:
    """The given arrays in the model's input order."""
    return [given[name] for name, _shape, _dt in spec]


def _held_config(rknn, wanted: dict) -> dict:
    """The options the toolkit itself holds after the build (rknn-toolkit2 2.x keeps its config() arguments on
    rknn_base.args), printed to the log and recorded, so the records state what the build really used rather
    than what was asked for; `wanted` when the toolkit does not expose them."""
    args = getattr(getattr(rknn, "rknn_base", None), "args", None)
    if args is None or not wanted:
        return wanted
    held = {}
    for k, v in wanted.items():
        h = getattr(args, k, v)
        if isinstance(h, (list, tuple)) and not isinstance(v, (list, tuple)) and len(set(map(str, h))) == 1:
            h = h[0]  # the toolkit keeps some flags per input (quant_img_RGB2BGR -> [True])
        held[k] = h
    print("rknnlint: rknn.config as the toolkit holds it: "
          + ", ".join(f"{k}={v}" for k, v in held.items()), file=sys.stderr, flush=True)
    return held


def _dataset_lines(job: dict) -> list[list[str]]:
    """The calibration list's samples as absolute paths (a relative path is relative to the list's folder)."""
    ds = job.get("dataset")
    if not ds:
        return []
    base = Path(ds).parent
    out = []
    for ln in Path(ds).read_text(errors="replace").splitlines():
        if ln.strip() and not ln.startswith("#"):
            out.append([str(p if p.is_absolute() else base / p) for p in map(Path, ln.split())])
    return out


def _dataset_samples(job: dict, n: int) -> list:
    """The first n samples of the calibration list as arrays (.npy only: an image would need the toolkit's own
    reader to be compared fairly), [] when there are none."""
    import numpy as np

    out = []
    for files in _dataset_lines(job)[:n]:
        if not all(f.endswith(".npy") for f in files):
            return []
        out.append([np.load(f) for f in files])
    return out


def _analyze(rknn, job: dict, work: Path, save, sample: int = 0) -> None:
    """rknn.accuracy_analysis on the simulator with one calibration sample (the first, or with compare_samples
    the one whose outputs agreed least): the text of the per-layer error_analysis.txt it writes goes to
    result.json (toolkit/analysis.py reads it)."""
    lines = _dataset_lines(job)
    if not lines:
        save(analysis_error="accuracy_analysis needs a calibration sample (--dataset)")
        return
    out = work / "analysis"
    try:
        ret = rknn.accuracy_analysis(inputs=lines[min(sample, len(lines) - 1)], output_dir=str(out), target=None)
    except Exception as e:  # noqa: BLE001 - the build stands; say why the analysis did not
        save(analysis_error=f"accuracy_analysis raised {type(e).__name__}: {str(e).strip().splitlines()[-1:]}")
        return
    f = out / "error_analysis.txt"
    if ret != 0 or not f.is_file():
        save(analysis_error=f"accuracy_analysis returned {ret}")
        return
    save(analysis=f.read_text(errors="replace"), analysis_sample=sample)


def _hybrid_step1(rknn, job: dict, work: Path, dataset: str, save) -> None:
    """hybrid_quantization_step1: its .model/.data/.quantization.cfg go to the job's hybrid dir, where the parent
    edits the cfg's custom_quantize_layers for each step 2. With {"proposal": True} the toolkit fills
    custom_quantize_layers with its own proposal (read by the parent, not trusted: calibration/int8_subsets.py)."""
    import shutil

    ret = rknn.hybrid_quantization_step1(dataset=dataset, proposal=bool(job["hybrid"].get("proposal")))
    if ret != 0:
        save(rc=ret)
        return
    dest = Path(job["hybrid"]["dir"])
    stem = Path(job["model"]).stem
    files = {}
    for ext in ("model", "data", "quantization.cfg"):
        src = work / f"{stem}.{ext}"
        if not src.is_file():
            save(exception=f"hybrid_quantization_step1 wrote no {src.name}")
            return
        shutil.copyfile(src, dest / src.name)
        files[ext] = str(dest / src.name)
    save(stage="done", ok=True, hybrid_files=files)


def _die_with_parent() -> None:
    """Linux: get SIGKILL when rknnlint dies, even by SIGKILL, so no build outlives it."""
    import os
    import signal

    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() == 1:  # the parent is already gone
        os._exit(1)


def _trace(mark: str) -> None:
    """The child's side of runner.trace (kept here: this module must import nothing heavy before the toolkit)."""
    import os

    path = os.environ.get("RKNNLINT_BENCH_TRACE")
    if path:
        import time

        with open(path, "a", encoding="utf-8") as f:
            f.write(json.dumps({"mark": mark, "t": time.monotonic(), "pid": os.getpid()}) + "\n")


def main(argv: list[str]) -> int:
    _trace("child-start")
    _die_with_parent()
    job = json.loads(Path(argv[0]).read_text())
    work = Path(job["work_dir"])
    res: dict = {"stage": "import", "ok": False}
    out = work / "result.json"

    def save(**kw) -> None:
        res.update(kw)
        tmp = out.with_suffix(".tmp")
        tmp.write_text(json.dumps(res))
        tmp.replace(out)

    save()
    from rknn.api import RKNN

    _trace("toolkit-imported")
    rknn = RKNN(verbose=True)
    try:
        import numpy as np

        quant = job["dtype"] == "int8"
        shapes = job.get("input_shapes") or {}
        mean, std = job.get("mean"), job.get("std")
        sess = spec = given = None
        if job.get("compare") or (quant and not job.get("dataset")):
            sess, spec = _ort_inputs(job.get("reference") or job["model"], shapes)
        if job.get("feeds"):
            with np.load(job["feeds"], allow_pickle=False) as z:
                given = {k: z[k] for k in z.files}
        save(stage="config")
        n_in = len(spec) if spec else max(1, len(shapes))
        kw = {"target_platform": job["target"]}
        if mean:
            kw["mean_values"] = [mean] * n_in
        if std:
            kw["std_values"] = [std] * n_in
        if job.get("disable_rules"):
            kw["disable_rules"] = job["disable_rules"]
        kw.update(job.get("config") or {})
        rknn.config(**kw)
        save(stage="load", config=job.get("config") or {})
        hybrid = job.get("hybrid") or {}
        load_kw = {}
        if shapes:
            load_kw = {"inputs": list(shapes), "input_size_list": [list(s) for s in shapes.values()]}
        # hybrid step 2 starts from step 1's files instead of the ONNX model
        ret = 0 if hybrid.get("step") == 2 else rknn.load_onnx(model=job["model"], **load_kw)
        if ret != 0:
            save(rc=ret)
            return 0
        save(stage="build")
        bkw = {}
        if quant and hybrid.get("step") != 2:
            if job.get("dataset"):
                bkw["dataset"] = job["dataset"]
            else:
                from .compare import seeded_inputs

                lines = []
                samples = [_feeds(spec, given)] if given else [seeded_inputs(spec, 1000 + k, bool(mean or std))
                                                               for k in range(4)]
                for k, sample in enumerate(samples):
                    names = []
                    for j, arr in enumerate(sample):
                        p = work / f"calib{k}_{j}.npy"
                        np.save(p, arr)
                        names.append(str(p))
                    lines.append(" ".join(names))
                (work / "dataset.txt").write_text("\n".join(lines) + "\n")
                bkw["dataset"] = str(work / "dataset.txt")
        if hybrid.get("step") == 1:
            _hybrid_step1(rknn, job, work, bkw["dataset"], save)
            return 0
        if hybrid.get("step") == 2:
            ret = rknn.hybrid_quantization_step2(model_input=hybrid["model"], data_input=hybrid["data"],
                                                 model_quantization_cfg=hybrid["cfg"])
        else:
            ret = rknn.build(do_quantization=quant, **bkw)
        held = _held_config(rknn, job.get("config") or {})
        if held:
            save(config=held)
        if ret != 0:
            save(rc=ret)
            return 0
        save(stage="built", ok=True)
        if job.get("export"):
            save(stage="export")
            if rknn.export_rknn(job["export"]) != 0:
                save(export_error="export_rknn returned an error")
        if job.get("compare"):
            save(stage="simulate")
            from .compare import metrics, normalise, seeded_inputs

            samples = _dataset_samples(job, int(job.get("compare_samples") or 0))
            if not samples:
                samples = [_feeds(spec, given) if given else seeded_inputs(spec, int(job.get("seed", 0)),
                                                                            bool(mean or std))]
            if rknn.init_runtime() != 0:
                save(compare={"ran": False, "why": "init_runtime() failed"})
                return 0
            names = [o.name for o in sess.get_outputs()]
            worst: dict[str, dict] = {}
            least, worst_sample = 2.0, 0  # the sample whose worst output agrees least: the one to analyse
            for k, feeds in enumerate(samples):
                # 4-D inputs go in as NCHW (the ONNX layout); the toolkit's default would be NHWC. Without a 4-D
                # input no format: a list of None for several inputs makes the toolkit raise ('NoneType' .lower())
                fmt = "nchw" if any(f.ndim == 4 for f in feeds) else None
                outs = rknn.inference(inputs=feeds, data_format=fmt)
                if outs is None:
                    save(compare={"ran": False, "why": "inference() returned None"})
                    return 0
                ort_feeds = {}
                for (name, _shape, dt), f in zip(spec, feeds):
                    ort_feeds[name] = normalise(f, mean, std).astype(dt) if f.dtype.kind == "f" else f
                ref = sess.run(None, ort_feeds)
                for n, r, o in zip(names, ref, outs):
                    row = {"output": n, **metrics(r, o, job["dtype"])}
                    if n not in worst or row.get("cosine", 1.0) < worst[n].get("cosine", 1.0):
                        worst[n] = row  # over several samples: the sample where this output agrees least
                    if row.get("cosine") is not None and row["cosine"] < least:
                        least, worst_sample = row["cosine"], k
            rows = [worst[n] for n in names if n in worst]
            if job.get("keep_outputs"):
                np.savez(work / "outputs.npz", **{f"ref{k}": r for k, r in enumerate(ref)},
                         **{f"sim{k}": np.asarray(o) for k, o in enumerate(outs)})
            cmp = {"ran": True, "seed": int(job.get("seed", 0)), "outputs": rows}
            if job.get("compare_samples"):
                cmp.update(samples=len(samples), worst_sample=worst_sample)
            save(compare=cmp)
            if job.get("analyze"):
                save(stage="analyze")
                _analyze(rknn, job, work, save, worst_sample if job.get("compare_samples") else 0)
            save(stage="done")
        else:
            if job.get("analyze"):
                save(stage="analyze")
                _analyze(rknn, job, work, save, 0)
            save(stage="done")
    except BaseException as e:  # the toolkit raises on many unsupported models: record the exception, don't lose it
        last = str(e).strip().splitlines()[-1] if str(e).strip() else ""
        info = f"{type(e).__name__}: {last}".strip().rstrip(":")
        if res["stage"] in ("simulate", "export"):
            save(compare={"ran": False, "why": info} if res["stage"] == "simulate" else res.get("compare"),
                 export_error=info if res["stage"] == "export" else None)
        else:
            save(exception=info, traceback=traceback.format_exc()[-4000:])
        traceback.print_exc()
    finally:
        try:
            rknn.release()
        except Exception:
            pass
        _trace("child-done")
    return 0


def _exit_now(code: int) -> None:
    """Leave without the interpreter's teardown: with the toolkit (torch, onnxruntime, its thread pools) loaded,
    tearing down takes longer than many builds (0.5-3 s measured), and everything this process had to say is
    in result.json and its output files. Python's and C's stdio buffers are flushed first: the native compiler
    prints the layer table with printf, which buffers fully when stdout is a file."""
    import os

    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    try:
        import ctypes

        ctypes.CDLL(None).fflush(None)
    except (OSError, AttributeError):
        pass
    os._exit(code)


if __name__ == "__main__":
    _exit_now(main(sys.argv[1:]))
