"""Build every calibration model with the real rknn-toolkit2 and record what it did (the ground truth).

Runs in the environment that has rknn-toolkit2 2.5.0 (the project's .venv):

    python calibration/run_toolkit.py --models /work/calib/models --out /work/calib/truth.json \
        [--target rk3588] [--dtype float16|int8] [--jobs 1] [--timeout 300] [--only SUBSTR] [--list FILE] [--force] \
        [--pin [--input-shapes-from calibration/export_unseen.py]]

Each model is built (fp16, `build(do_quantization=False)`, or with --dtype int8 `build(do_quantization=True)` on
the runner's seeded sample of every input as NCHW .npy files; no input shapes given, as exported) by rknnlint's
one toolkit runner (rknnlint/toolkit/runner.py: a child process of its own, a scratch working directory,
stdout and stderr sent to files at the fd level): the native compiler prints its "Network Layer Information
Table" (per-layer NPU/CPU placement) to stdout. `--python` runs the child with another interpreter (the venv
of another rknn-toolkit2 version).
The result per model: status (built | failed | crashed | timeout), the first error line, the suggested
disable_rules entry if the toolkit printed one, and the CPU layers (op type, FullName, and the ONNX
node(s) / graph output the FullName points at). Models already in the truth file with the same size and
mtime are not built again unless --force. Logs go to <out dir>/logs/<model>.{out,err}.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from rknnlint.toolkit.layers import IO_OPS as _IO_OPS  # noqa: E402
from rknnlint.toolkit.layers import clean, layer_table  # noqa: E402
from rknnlint.toolkit.runner import BuildJob, run_build  # noqa: E402
from rknnlint.toolkit.status import BuildStatus, status_of  # noqa: E402

_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_FRAME = re.compile(r'File "([^"]+)", line \d+, in (\S+)')
_EXC = re.compile(r"^([A-Za-z_][\w.]*(?:Error|Exception|Interrupt)): ?(.*)$")
_DISABLE = re.compile(r"disable_rules=\[['\"](\w+)['\"]\]")
_BENIGN = ("Unkown op target", "Unknown op target")


# ---------------------------------------------------------------------------------------------- parsing
def _legacy(res: dict[str, Any]) -> dict[str, Any]:
    """Records from before the one toolkit child (load_rc / build_rc, no 'ok'): stage 'done' meant built."""
    if "ok" in res or not res:
        return res
    return {**res, "ok": res.get("stage") == "done" and "exception" not in res}


def summarize_error(res: dict[str, Any], rc: int | None, err: str, out: str) -> tuple[str, str]:
    """(status, first error line) from the child's result, exit status and logs."""
    lines = [clean(x) for x in (err + "\n" + out).splitlines()]
    frames = [m.group(2) for x in lines for m in [_FRAME.search(x)] if m]
    excs = [m for x in lines for m in [_EXC.match(x.strip())] if m]
    rule_frames = [f for f in frames if f.startswith("_p_") or ".rules." in f]
    where = f" (in {rule_frames[-1].split('.')[-1]})" if rule_frames else ""
    status = status_of(rc, _legacy(res))
    if status is BuildStatus.CRASHED:
        return status, f"crash(signal {-rc} during {res.get('stage', '?')})" if rc is not None and rc < 0 else \
            f"crash(exit {rc} during {res.get('stage', '?')})"
    if status is BuildStatus.BUILT:
        return status, ""
    e_lines = [x[2:].strip() for x in lines if x.startswith("E ") and not any(b in x for b in _BENIGN)]
    e_lines = [x for x in e_lines if not x.startswith("rknn-toolkit2 version")]
    first = e_lines[0] if e_lines else (res.get("exception") or f"stopped during {res.get('stage')} (exit {rc})")
    if "Traceback" in first or not first.strip(":").strip() or first.endswith(":"):
        exc = excs[-1] if excs else None
        stage = first.split(":", 1)[0] if ":" in first else res.get("stage", "")
        msg = f"{exc.group(1)}: {exc.group(2)}" if exc else (res.get("exception") or first)
        first = f"{stage}: {msg}{where}"
    return BuildStatus.FAILED, first[:400]


def map_layers(layers: list[dict[str, Any]], model_path: str) -> None:
    """Attach to each layer the ONNX node(s) and graph input/output its FullName points at (rknnlint/toolkit/owners.py:
    a node name, a node output with the suffixes the toolkit added ('-rs', '_tp', '#2', '_output_0_mm_tp'), or, for a
    layer computing the node that reads that value ('exNorm:<input>_tp_rs_norm'), that node)."""
    from rknnlint.toolkit.owners import ModelIndex

    index = ModelIndex.load(model_path)
    for lay in layers:
        lay["onnx_nodes"], lay["onnx_node_index"], lay["onnx_op"] = [], [], None
        lay["graph_output"] = lay["graph_input"] = None
        own = index.owner(lay["op_type"], lay["full_name"])
        if own is not None:
            lay["matched_key"], lay["owner_via"] = own.key, own.via
            lay["graph_output"], lay["graph_input"] = own.graph_output, own.graph_input
            if own.node is not None:
                lay["onnx_nodes"], lay["onnx_node_index"], lay["onnx_op"] = [own.node], [own.node_index], own.op
        # a layer the toolkit inserted (its op is not the ONNX node's): e.g. Reshape:out-rs on a graph output
        lay["inserted"] = bool(lay["onnx_op"] and lay["onnx_op"] != lay["op_type"]
                               and lay["graph_output"] is not None)


# ---------------------------------------------------------------------------------------------- parent
def build_one(model: Path, target: str, timeout: float, logs: Path, python: str | None = None,
              dtype: str = "float16", input_shapes: dict[str, list[int]] | None = None) -> dict[str, Any]:
    logs.mkdir(parents=True, exist_ok=True)
    out_p, err_p = logs / f"{model.stem}.out", logs / f"{model.stem}.err"
    raw = run_build(BuildJob(model=str(model), target=target, dtype="int8" if dtype == "int8" else "fp16",
                             input_shapes=dict(input_shapes or {})),
                    timeout=timeout, python=python,
                    write_log=False)
    out_p.write_text(raw.stdout, encoding="utf-8")
    err_p.write_text(raw.stderr, encoding="utf-8")
    rec: dict[str, Any] = {"seconds": round(raw.seconds, 1), "exit": raw.returncode, "child": raw.result,
                           "timed_out": raw.returncode is None}
    if input_shapes:
        rec["pinned"] = {k: list(v) for k, v in input_shapes.items()}
    parse_logs(model, rec, out_p, err_p, timeout)
    return rec


def parse_logs(model: Path, rec: dict[str, Any], out_p: Path, err_p: Path, timeout: float) -> None:
    """Fill rec (status, error, CPU layers, ...) from the child's result and its logs."""
    out = out_p.read_text(errors="replace")
    err = err_p.read_text(errors="replace")
    res, rc = rec.get("child") or {}, rec.get("exit")
    rec["stage"] = res.get("stage")
    if rec.get("timed_out"):
        rec.update(status=BuildStatus.TIMEOUT, error=f"timeout after {timeout:.0f} s during {res.get('stage')}")
    else:
        rec["status"], rec["error"] = summarize_error(res, rc, err, out)
    text = _ANSI.sub("", err + out)
    sug = _DISABLE.search(text)
    rec["suggested_disable_rule"] = sug.group(1) if sug else None
    # "Show op fuse match nodes:" block printed before a fusion-pass crash: the rule and the nodes it matched
    m = re.search(r"Show op fuse match nodes:\s*\nRule: (\S+)(.*?)(?:\n\s*\n\s*\n|You can add)", text, re.S)
    rec["fuse_match"] = ({"rule": m.group(1), "nodes": re.findall(r"Op name: (\S+)", m.group(2))}
                         if m and rec["status"] != "built" else None)
    layers = [{"id": lay.id, "op_type": lay.op_type, "dtype": lay.dtype, "target": lay.target, "full_name": lay.full_name}
              for lay in layer_table(out)]
    if layers:
        try:
            map_layers(layers, str(model))
        except Exception as e:  # a model onnx cannot read in this environment: keep the raw layers
            rec["map_error"] = f"{type(e).__name__}: {e}"[:200]
    real = [x for x in layers if x["op_type"] not in _IO_OPS]
    rec["layers"] = len(real)
    rec["npu_layers"] = sum(x["target"] == "NPU" for x in real)
    rec["cpu_layers"] = [x for x in real if x["target"] == "CPU"]


def signature(p: Path) -> list[int]:
    files = [p, *p.parent.glob(p.name + ".data")]
    return [sum(f.stat().st_size for f in files), int(max(f.stat().st_mtime for f in files))]


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--models", default="/work/calib/models")
    ap.add_argument("--out", default="/work/calib/truth.json")
    ap.add_argument("--target", default="rk3588")
    ap.add_argument("--dtype", choices=("float16", "int8"), default="float16",
                    help="int8: build(do_quantization=True) on a seeded sample of the inputs")
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--timeout", type=float, default=300.0)
    ap.add_argument("--only", action="append", default=[])
    ap.add_argument("--list", type=Path, help="build only the models named in this file, one stem a line (# comments)")
    ap.add_argument("--force", action="store_true")
    ap.add_argument("--reparse", action="store_true", help="re-read the saved logs of built models, build nothing")
    ap.add_argument("--python", default=None, help="the Python whose rknn-toolkit2 builds (default: this one)")
    ap.add_argument("--executor", choices=("local", "ray"), default="local",
                    help="ray: each model a Ray task (docs/scale.md); --jobs CPUs of a private instance, or --address")
    ap.add_argument("--address", default=None, help="the Ray cluster to join (--executor ray)")
    ap.add_argument("--pin", action="store_true",
                    help="the pinned load mode: build only models with a non-static input, with load_onnx inputs / "
                         "input_size_list from calibration/pin_models.py (manifest export-time shapes, else defaults)")
    ap.add_argument("--input-shapes-from", type=Path, default=None, metavar="SCRIPT.py",
                    help="with --pin: an export script whose INPUT_SHAPES gives the dims (calibration/export_unseen.py)")
    a = ap.parse_args(argv)
    out = Path(a.out)
    truth: dict[str, Any] = json.loads(out.read_text()) if out.exists() else {}
    truth.setdefault("toolkit", _toolkit_version(a.python))
    truth["target"] = a.target
    truth["dtype"] = a.dtype
    recs: dict[str, Any] = truth.setdefault("models", {})
    models = sorted(Path(a.models).glob("*.onnx"))
    pins: dict[str, dict[str, list[int]]] = {}
    if a.pin:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from pin_models import plans

        truth["load"] = "pinned"
        pins = {k: v[0] for k, v in plans(Path(a.models), a.input_shapes_from).items()}
        models = [m for m in models if m.stem in pins]  # all-static models: their pinned job is the as-exported one
    if a.list:
        keep = {x.split("#", 1)[0].strip() for x in a.list.read_text().splitlines()} - {""}
        models = [m for m in models if m.stem in keep]
    todo = [m for m in models if (not a.only or any(o in m.name for o in a.only))
            and (a.force or recs.get(m.stem, {}).get("signature") != signature(m)
                 or recs.get(m.stem, {}).get("pinned") != pins.get(m.stem))]
    print(f"{len(todo)} of {len(models)} models to build for {a.target}", flush=True)
    logs = out.parent / "logs"
    if a.reparse:
        for name, rec in recs.items():
            p = Path(a.models) / f"{name}.onnx"
            if p.exists() and (logs / f"{name}.out").exists():
                # records from before the child's result was kept: its stage is enough to tell built from not
                rec.setdefault("child", {"stage": rec.get("stage")})
                rec.setdefault("timed_out", rec.get("status") == "timeout")
                parse_logs(p, rec, logs / f"{name}.out", logs / f"{name}.err", a.timeout)
        out.write_text(json.dumps(truth, indent=1, sort_keys=True))
        print(f"re-parsed {len(recs)} records")
        return 0

    def run(m: Path) -> tuple[Path, dict[str, Any]]:
        return m, build_one(m, a.target, a.timeout, logs, a.python, a.dtype, pins.get(m.stem))

    results = None
    if a.executor == "ray":  # each model a Ray task; `run` travels by value (this is a script, not a module)
        from rknnlint.executors import ExecutorSpec, WorkerLost, run_tasks

        def lost(r: WorkerLost) -> dict[str, Any]:
            return {"status": "crashed", "error": f"the Ray worker died on all {r.attempts} tries ({r.reason})",
                    "seconds": 0, "exit": None, "cpu_layers": [], "timed_out": False}

        out_all = run_tasks(run, todo, ExecutorSpec("ray", max(1, a.jobs), a.address), label=lambda m: m.name)
        results = [(m, lost(r)) if isinstance(r, WorkerLost) else r for m, r in zip(todo, out_all)]
    with ThreadPoolExecutor(max_workers=max(1, a.jobs)) as ex:
        for m, rec in (results if results is not None else ex.map(run, todo)):
            rec["signature"] = signature(m)
            recs[m.stem] = rec
            cpu = sorted({x["op_type"] for x in rec["cpu_layers"]})
            print(f"{rec['status']:8s} {m.stem}  {rec['seconds']}s  cpu={','.join(cpu) or '-'}  {rec['error']}",
                  flush=True)
            tmp = out.with_suffix(".tmp")
            tmp.write_text(json.dumps(truth, indent=1, sort_keys=True))
            tmp.replace(out)
    return 0


def _toolkit_version(python: str | None = None) -> str | None:
    """The rknn-toolkit2 version of `python` (default: this interpreter), from its package metadata."""
    import subprocess

    code = "from importlib.metadata import version; print(version('rknn-toolkit2'))"
    p = subprocess.run([python or sys.executable, "-c", code], capture_output=True, text=True)
    return p.stdout.strip() or None if p.returncode == 0 else None


if __name__ == "__main__":
    sys.exit(main())
