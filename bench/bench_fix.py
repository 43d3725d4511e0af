"""Benchmark `rknnlint fix`: its time against onnxruntime, and how many failing real models it makes build.

    .venv/bin/python bench/bench_fix.py [--repeat 3] [--model X.onnx]
    .venv/bin/python bench/bench_fix.py --builds ../calib/models --truth calibration/results/rk3588-float16-2.5.0.json \
        [--workarounds] [--jobs 2] [--input-shapes-from calibration/export_unseen.py]
    RKNNLINT_TOOLKIT_VENVS=/work/venvs .venv/bin/python bench/bench_fix.py --builds MODELS --truth ROW/truth.json \
        [--target rk3566] [--dtype int8] [--toolkit-version 2.3.2] [--out fix-ROW.json]

Time (default): the whole fix of the largest model in fixtures/ (check, rewrites, validation,
re-check, the onnxruntime proof with the default seeded inputs), in one warm process, against creating a
plain onnxruntime session for the same model and running one inference (measured interleaved); then both
as whole processes (rknnlint's bytecode compiled first, as an install does). Target (issue 3): at most 5x.

Builds (--builds): every model the truth file (any row: calibration/run_toolkit.py's truth or score.py's
results) records as failing is fixed with `rknnlint fix --unsafe-fixes --target T --dtype D --toolkit-version V`
(and --input-shape where a non-batch dim is dynamic), built with the real rknn-toolkit2 of that version (its
venv: toolkit/versions.py, RKNNLINT_TOOLKIT_VENVS) in a child process for that family and dtype, run on the
simulator, and compared with onnxruntime on the original (composed with the post-processing tail after a head
cut). Target, dtype and version default to the truth file's own (rk3588 / float16 / the installed toolkit).
int8 builds quantize on the seeded input itself (one NCHW .npy sample, as run_toolkit.py's dataset). Fixed
(the project scoring's "Fix"): builds and every output's cosine >= 0.999. --out writes the rows as JSON.
"""
from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "fixtures"))
import make_fixtures  # noqa: E402  (writes the large fixture models from their skeletons)

FIXTURES = make_fixtures.ensure_all()
RKNNLINT = [sys.executable, "-m", "rknnlint"]

# dims rknnlint does not guess (not the batch): what the bench pins them to
INPUT_SHAPES = {"cls_tv_mobilenet_v3_large_op13_dynhw": ["input=1,3,224,224"],
                "seq_gru2x96_op14_dynseq": ["input=1,40,64"]}

PLAIN_ORT = """
import sys
import numpy as np
import onnxruntime as ort
s = ort.InferenceSession(sys.argv[1], providers=["CPUExecutionProvider"])
s.run(None, {i.name: np.zeros([d if isinstance(d, int) else 1 for d in i.shape], np.float32) for i in s.get_inputs()})
"""


def bench_time(model: Path, repeat: int) -> None:
    import numpy as np
    import onnxruntime as ort

    from rknnlint.fix import FixRequest, fix_model, verify
    from rknnlint.fix._write import load_full

    def ort_once() -> float:
        t = time.perf_counter()
        s = ort.InferenceSession(str(model), providers=["CPUExecutionProvider"])
        feed = {i.name: np.random.default_rng(0).standard_normal(
            [d if isinstance(d, int) else 1 for d in i.shape]).astype(np.float32) for i in s.get_inputs()}
        s.run(None, feed)
        return time.perf_counter() - t

    def fix_once() -> tuple[float, dict]:
        t = time.perf_counter()
        m, _ = load_full(model)
        req = FixRequest(unsafe=True)
        out = fix_model(m, req, model)
        verify(out, req)
        return time.perf_counter() - t, {"steps": [s.rewrite for s in out.applied], **out.seconds,
                                          "summary": out.proof.summary() if out.proof else None}

    ort_once(), fix_once()  # warm: imports, rule registry, onnxruntime kernels
    o, f = [], []
    for _ in range(repeat):  # interleaved, so that load from other processes hits both alike
        o.append(ort_once())
        dt, info = fix_once()
        f.append(dt)
    mo, mf = statistics.median(o), statistics.median(f)
    loop = info.get("fix", 0) - info.get("check", 0)
    print(f"model: {model.name} ({model.stat().st_size / 1e6:.1f} MB), {repeat} runs, medians")
    print(f"  onnxruntime session + 1 inference: {mo * 1000:.0f} ms")
    print(f"  rknnlint fix (--unsafe-fixes): {mf * 1000:.0f} ms (last run: check and re-check "
          f"{info.get('check', 0) * 1000:.0f} ms, rewrites and validation {loop * 1000:.0f} ms, "
          f"proof {info.get('proof', 0) * 1000:.0f} ms)")
    print(f"  fixes: {', '.join(info['steps']) or '-'}; {info['summary']}")
    print(f"  in-process ratio: {mf / mo:.1f}x (target <= 5x)")
    # bytecode compiled first, as an install does (PYTHONDONTWRITEBYTECODE would recompile rknnlint every run)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "rknnlint")], stdout=subprocess.DEVNULL, check=True)
    cold, plain = [], []
    with tempfile.TemporaryDirectory() as d:
        for _ in range(repeat):
            t = time.perf_counter()
            subprocess.run(RKNNLINT + ["fix", str(model), "--unsafe-fixes", "-o", str(Path(d) / "out.onnx"), "-q"],
                           capture_output=True, check=False)
            cold.append(time.perf_counter() - t)
            t = time.perf_counter()
            subprocess.run([sys.executable, "-c", PLAIN_ORT, str(model)], capture_output=True, check=True)
            plain.append(time.perf_counter() - t)
    mc, mp = statistics.median(cold), statistics.median(plain)
    print(f"  whole processes: `rknnlint fix` {mc:.2f} s, a plain onnxruntime script (import, session, 1 inference) "
          f"{mp:.2f} s: {mc / mp:.1f}x (target <= 5x)")


def bench_builds(folder: Path, truth: Path, workarounds: bool, only: list[str], jobs: int = 1, target: str | None = None,
                 dtype: str | None = None, version: str | None = None, out_json: Path | None = None,
                 fix_only: bool = False) -> int:
    import numpy as np
    import onnx
    import onnxruntime as ort

    from rknnlint.toolkit.detections import match_detections
    from rknnlint.toolkit.simulate import cosine, simulate, with_tail
    from rknnlint.toolkit.versions import installed_version, python_for

    row_info = json.loads(truth.read_text())
    models = row_info["models"]
    target = target or row_info.get("target") or "rk3588"
    dtype = dtype or ("int8" if row_info.get("dtype") in ("int8", "i8") else "float16")
    version = version or row_info.get("toolkit") or installed_version()
    python = python_for(version)
    for v in models.values():  # score.py's results (build, build_error) or run_toolkit.py's truth (status, error)
        v.setdefault("build", v.get("status")), v.setdefault("build_error", v.get("error"))
    failing = sorted(k for k, v in models.items() if v["build"] != "built" and (not only or k in only))
    work = Path(tempfile.mkdtemp(prefix="bench-fix-"))

    def one(name: str) -> dict:
        print(f"... {name}", file=sys.stderr, flush=True)
        src = folder / f"{name}.onnx"
        row = {"model": name, "as_exported": models[name]["build_error"][:70] if models[name]["build_error"] else ""}
        if not src.exists():
            row["result"] = "missing"
            return row
        out = work / f"{name}.fixed.onnx"
        args = ["fix", str(src), "--unsafe-fixes", "-o", str(out), "--runs", "1", "-f", "json",
                "--target", target, "--dtype", dtype, "--toolkit-version", version]
        for s in INPUT_SHAPES.get(name, []):
            args += ["--input-shape", s]
        if workarounds:
            args += ["--rewrite", "toolkit-workarounds"]
        t = time.perf_counter()
        p = subprocess.run(RKNNLINT + args, capture_output=True, text=True)
        row["fix_s"] = round(time.perf_counter() - t, 1)
        try:
            rep = json.loads(p.stdout)["models"][0]
            row["fixes"] = ",".join(s["rewrite"] for s in rep["steps"] if s["status"] == "applied")
            row["left"] = sorted({f["code"] for f in rep.get("after") or [] if f.get("severity") == "error"})
        except (ValueError, KeyError, IndexError):
            row["fixes"] = ""
            row["result"] = f"fix error: {(p.stderr.strip().splitlines() or ['?'])[-1][:80]}"
            return row
        if not out.exists():
            row["result"] = "nothing written"
            return row
        if fix_only:
            row["result"] = "written"
            return row
        m = onnx.load(out, load_external_data=False)
        rng = np.random.default_rng(0)
        feed = {}
        for i in m.graph.input:  # floats standard normal; token ids small integers (inside any embedding table)
            shape = [d.dim_value for d in i.type.tensor_type.shape.dim]
            kind = onnx.helper.tensor_dtype_to_np_dtype(i.type.tensor_type.elem_type)
            feed[i.name] = (rng.integers(0, 100, shape).astype(kind) if np.dtype(kind).kind in "iu"
                            else rng.standard_normal(shape).astype(np.float32))
        cwd = work / f"{name}.cwd"  # the toolkit's debug files and the feed, apart per model when --jobs > 1
        cwd.mkdir(exist_ok=True)
        rc, sim, log = simulate(out, feed, cwd=cwd, timeout=1800, target=target, python=python,
                                dtype="int8" if dtype == "int8" else "fp16")
        if rc != 0:
            err = [ln for ln in log.splitlines() if "Error" in ln or " E " in ln]
            row["result"] = (f"crash: signal {-rc}" if rc < 0 else
                             f"build failed: {err[-1][-80:] if err else rc}")
            return row
        if len(sim) != len(m.graph.output):
            row["result"] = f"builds; simulator gave {len(sim)} of {len(m.graph.output)} outputs"
            return row
        got = dict(zip([o.name for o in m.graph.output], sim))
        for p in m.metadata_props:  # rename-names (RKN105's long output name): the original's names
            if p.key == "rknnlint.renamed":
                got.update({old: got[new] for new, old in json.loads(p.value).items() if new in got})
        tail = Path(rep.get("tail") or work / f"{name}.postprocess.onnx")
        missing = [i.name for i in ort.InferenceSession(str(tail)).get_inputs()
                   if i.name not in got and i.name not in feed] if tail.exists() else []
        if missing:
            row["result"] = f"builds; the simulator lacks tail input {missing[0]}"
            return row
        if tail.exists():
            got = with_tail(tail, got, feed)
        o = ort.InferenceSession(str(src), providers=["CPUExecutionProvider"])
        ofeed = {i.name: feed[i.name] if feed[i.name].dtype.kind in "iu" else
                 feed[i.name].astype(np.float16 if i.type == "tensor(float16)" else np.float32)
                 for i in o.get_inputs() if i.name in feed}
        for i in o.get_inputs():  # an input the fix made a constant (drop-zeroed-inputs: its value changes nothing)
            if i.name not in ofeed:
                kind = {"tensor(int64)": np.int64, "tensor(int32)": np.int32, "tensor(float16)": np.float16}.get(i.type, np.float32)
                shape = [d if isinstance(d, int) else 1 for d in i.shape]
                ofeed[i.name] = (rng.integers(0, 100, shape).astype(kind) if np.dtype(kind).kind in "iu"
                                 else rng.standard_normal(shape).astype(kind))
        ref = dict(zip([x.name for x in o.get_outputs()], o.run(None, ofeed)))
        coss = []
        for k, r in ref.items():
            if k in got and np.asarray(got[k]).size == r.size and r.dtype.kind == "f" and r.size and np.abs(r).max() >= 1e-3:
                coss.append(cosine(np.asarray(got[k]).reshape(r.shape), r))
        row["result"] = "builds"
        row["cosine"] = round(min(coss), 6) if coss else None
        # fixed (SCORING.md): builds and every scored output >= 0.999 (the NPU part's where the tail selects or
        # the composed outputs are integers); with no output above 1e-3 anywhere it builds but is not scored
        row["fixed"] = coss == [] or min(coss) >= 0.999
        if tail.exists():  # the NPU part alone against onnxruntime: selection ops (TopK, NMS) in the tail
            fs = ort.InferenceSession(str(out), providers=["CPUExecutionProvider"])  # can flip on fp16 noise
            fref = dict(zip([x.name for x in fs.get_outputs()], fs.run(None, feed)))
            npu = [cosine(np.asarray(got[k]).reshape(v.shape), v) for k, v in fref.items()
                   if v.dtype.kind == "f" and v.size and np.abs(v).max() >= 1e-3]
            row["npu_cosine"] = round(min(npu), 6) if npu else None
            # which drift: the NPU part's numbers (boundary cosine) or the tail's selection among near-tie scores
            # (the same detections in another order / the last few of a capped list): rknnlint.toolkit.detections
            dm = match_detections(ref, {k: np.asarray(v) for k, v in got.items()})
            if dm is not None:
                row["detections"] = dm.summary()
            if row["npu_cosine"] is not None and (row["cosine"] is None or row["cosine"] < 0.999):
                row["fixed"] = row["npu_cosine"] >= 0.999
            if row["cosine"] is not None and row["cosine"] < 0.999:
                row["drift"] = (f"NPU part (boundary cosine {row['npu_cosine']})" if (row["npu_cosine"] or 0) < 0.999
                                else "selection in the CPU tail, not the numbers" + (f": {dm.summary()}" if dm else ""))
        for f in work.glob(f"{name}.*"):
            shutil.rmtree(f) if f.is_dir() else f.unlink()
        return row

    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max(1, jobs)) as ex:
        rows = list(ex.map(one, failing))
    shutil.rmtree(work, ignore_errors=True)
    fixed = sum(bool(r.get("fixed")) for r in rows)
    print(f"{target} {dtype} rknn-toolkit2 {version}: {len(rows)} failing as exported")
    built = sum(r.get("result", "").startswith("builds") for r in rows)
    print(f"{'model':<42} {'fixes':<58} {'result':<12} cosine (composed / NPU part)")
    for r in rows:
        npu = f" / {r['npu_cosine']}" if "npu_cosine" in r else ""
        print(f"{r['model']:<42} {r.get('fixes', ''):<58} {r.get('result', '')[:60]:<12} {r.get('cosine', '')}{npu}")
        if "drift" in r:
            print(f"    drift: {r['drift']}")
    print(f"\n{built}/{len(rows)} failing models build after rknnlint fix --unsafe-fixes"
          + (" --rewrite toolkit-workarounds" if workarounds else "") + f" ({100 * built / max(1, len(rows)):.0f}%)")
    low = [r["model"] for r in rows if r.get("result", "").startswith("builds") and not r.get("fixed")]
    print("simulator cosine >= 0.999 on every output with |ref| >= 1e-3 (the NPU part's outputs where TopK / NMS "
          f"in the tail make the composed detections flip on fp16 noise): {built - len(low)}/{built}"
          + (f" (below: {', '.join(low)})" if low else ""))
    print(f"fixed (builds and cosine >= 0.999): {fixed}/{len(rows)} ({100 * fixed / max(1, len(rows)):.0f}%)")
    if out_json:
        out_json.parent.mkdir(parents=True, exist_ok=True)
        out_json.write_text(json.dumps({
            "target": target, "dtype": dtype, "toolkit": version, "truth": str(truth), "models_dir": str(folder),
            "command": " ".join([Path(sys.argv[0]).name, *sys.argv[1:]]),
            "summary": {"failing": len(rows), "builds": built, "fixed": fixed},
            "models": {r["model"]: {k: v for k, v in r.items() if k != "model"} for r in rows}}, indent=1) + "\n")
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--model", type=Path, default=None, help="default: the largest model in fixtures/")
    ap.add_argument("--builds", type=Path, default=None, metavar="DIR", help="folder of real models to fix and build")
    ap.add_argument("--truth", type=Path, default=ROOT / "calibration" / "results" / "rk3588-float16-2.5.0.json")
    ap.add_argument("--workarounds", action="store_true", help="also --rewrite toolkit-workarounds")
    ap.add_argument("--jobs", type=int, default=1, help="models fixed and built at once (--builds)")
    ap.add_argument("--only", nargs="*", default=[], help="model stems to include")
    ap.add_argument("--target", default=None, help="family to fix and build for (default: the truth file's, else rk3588)")
    ap.add_argument("--dtype", choices=["float16", "int8"], default=None, help="default: the truth file's, else float16")
    ap.add_argument("--toolkit-version", default=None, help="rknn-toolkit2 version to fix for and build with "
                    "(its venv under RKNNLINT_TOOLKIT_VENVS; default: the truth file's, else the installed one)")
    ap.add_argument("--fix-only", action="store_true", help="fix, build nothing: which models get a fix written")
    ap.add_argument("--out", type=Path, default=None, help="write the rows and the fixed count as JSON")
    ap.add_argument("--input-shapes-from", type=Path, default=None, metavar="SCRIPT.py",
                    help="an export script whose INPUT_SHAPES dict gives --input-shape per model stem "
                         "(calibration/export_unseen.py)")
    a = ap.parse_args()
    if a.input_shapes_from:
        import ast

        tree = ast.parse(a.input_shapes_from.read_text())  # read, not imported: the script needs torch
        for node in tree.body:
            target = node.target if isinstance(node, ast.AnnAssign) else (node.targets[0] if isinstance(node, ast.Assign) else None)
            if isinstance(target, ast.Name) and target.id == "INPUT_SHAPES":
                INPUT_SHAPES.update(ast.literal_eval(node.value))
    if a.builds:
        return bench_builds(a.builds, a.truth, a.workarounds, a.only, a.jobs, a.target, a.dtype, a.toolkit_version, a.out, a.fix_only)
    model = a.model or max(FIXTURES.glob("*.onnx"), key=lambda p: p.stat().st_size + sum(
        d.stat().st_size for d in p.parent.glob(p.name + ".data")))
    bench_time(model, a.repeat)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
