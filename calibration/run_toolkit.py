"""Build every calibration model with the real rknn-toolkit2 and record what it did (the ground truth).

Runs in the environment that has rknn-toolkit2 2.5.0 (the project's .venv):

    python calibration/run_toolkit.py --models /work/calib/models --out /work/calib/truth.json \
        [--target rk3588] [--jobs 1] [--timeout 300] [--only SUBSTR] [--force]

Each model is built (fp16, `build(do_quantization=False)`, no input shapes given, as exported) in a child
process of its own, in a scratch working directory, with stdout and stderr sent to files at the fd level:
the native compiler prints its "Network Layer Information Table" (per-layer NPU/CPU placement) to stdout.
The result per model: status (built | failed | crashed | timeout), the first error line, the suggested
disable_rules entry if the toolkit printed one, and the CPU layers (op type, FullName, and the ONNX
node(s) / graph output the FullName points at). Models already in the truth file with the same size and
mtime are not built again unless --force. Logs go to <out dir>/logs/<model>.{out,err}.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_NATIVE = re.compile(r"^[DIWE] RKNN: \[[0-9:.]+\] ?")
_ROW = re.compile(r"^\s*(\d+)\s+(\S+)\s+(\S+)\s+(CPU|NPU)\s")
_FRAME = re.compile(r'File "([^"]+)", line \d+, in (\S+)')
_EXC = re.compile(r"^([A-Za-z_][\w.]*(?:Error|Exception|Interrupt)): ?(.*)$")
_DISABLE = re.compile(r"disable_rules=\[['\"](\w+)['\"]\]")
_BENIGN = ("Unkown op target", "Unknown op target")
_IO_OPS = ("InputOperator", "OutputOperator")


# ---------------------------------------------------------------------------------------------- child
def child(model: str, result: str, target: str) -> int:
    """Runs in the child: config, load_onnx, build; writes result after every stage."""
    res: dict[str, Any] = {"stage": "import"}

    def save(**kw: Any) -> None:
        res.update(kw)
        tmp = result + ".tmp"
        with open(tmp, "w") as f:
            json.dump(res, f)
        os.replace(tmp, result)

    save()
    from rknn.api import RKNN

    rknn = RKNN(verbose=True)
    try:
        save(stage="config")
        rknn.config(target_platform=target)
        save(stage="load")
        ret = rknn.load_onnx(model=model)
        save(load_rc=ret)
        if ret != 0:
            return 0
        save(stage="build")
        ret = rknn.build(do_quantization=False)
        save(build_rc=ret, stage="done" if ret == 0 else "build")
    except BaseException as e:  # the toolkit raises on many models: record it
        text = str(e).strip().splitlines()
        save(exception=f"{type(e).__name__}: {text[-1] if text else ''}".strip().rstrip(":"))
        import traceback

        traceback.print_exc()
    finally:
        sys.stdout.flush()
        try:
            rknn.release()
        except Exception:
            pass
    return 0


# ---------------------------------------------------------------------------------------------- parsing
def clean(line: str) -> str:
    return _NATIVE.sub("", _ANSI.sub("", line)).rstrip()


def layer_table(stdout: str) -> list[dict[str, Any]]:
    """Rows of the last Network Layer Information Table: id, op_type, dtype, target, full_name."""
    rows: list[dict[str, Any]] = []
    col = None
    inside = False
    for raw in stdout.splitlines():
        line = clean(raw)
        if "Network Layer Information Table" in line:
            rows, inside, col = [], True, None
            continue
        if not inside:
            continue
        s = line.strip()
        if s.startswith("ID ") and "FullName" in line:
            col = line.index("FullName")
            continue
        if set(s) <= {"-"}:
            if rows and s:
                inside = False
            continue
        m = _ROW.match(line)
        if not m:
            continue
        full = line[col:].strip() if col is not None and len(line) > col else ""
        if not full or " " in full.strip():
            full = line.split()[-1]
        rows.append({"id": int(m.group(1)), "op_type": m.group(2), "dtype": m.group(3), "target": m.group(4),
                     "full_name": full})
    return rows


def summarize_error(res: dict[str, Any], rc: int | None, err: str, out: str) -> tuple[str, str]:
    """(status, first error line) from the child's result, exit status and logs."""
    lines = [clean(x) for x in (err + "\n" + out).splitlines()]
    frames = [m.group(2) for x in lines for m in [_FRAME.search(x)] if m]
    excs = [m for x in lines for m in [_EXC.match(x.strip())] if m]
    rule_frames = [f for f in frames if f.startswith("_p_") or ".rules." in f]
    where = f" (in {rule_frames[-1].split('.')[-1]})" if rule_frames else ""
    if rc is not None and rc < 0:
        return "crashed", f"crash(signal {-rc} during {res.get('stage', '?')})"
    e_lines = [x[2:].strip() for x in lines if x.startswith("E ") and not any(b in x for b in _BENIGN)]
    e_lines = [x for x in e_lines if not x.startswith("rknn-toolkit2 version")]
    failed = (res.get("load_rc") not in (None, 0) or res.get("build_rc") not in (None, 0)
              or "exception" in res or res.get("stage") != "done")
    if not failed:
        return "built", ""
    first = e_lines[0] if e_lines else (res.get("exception") or f"stopped during {res.get('stage')} (exit {rc})")
    if "Traceback" in first or not first.strip(":").strip() or first.endswith(":"):
        exc = excs[-1] if excs else None
        stage = first.split(":", 1)[0] if ":" in first else res.get("stage", "")
        msg = f"{exc.group(1)}: {exc.group(2)}" if exc else (res.get("exception") or first)
        first = f"{stage}: {msg}{where}"
    return "failed", first[:400]


def map_layers(layers: list[dict[str, Any]], model_path: str) -> None:
    """Attach to each layer the ONNX node(s) and graph input/output its FullName points at. The FullName is
    'OpType:tensor', the tensor being a node name or an output name, often with a suffix the toolkit added
    ('-rs', 'rs', '_tp', '#2', '_output_0_mm_tp', '_2sp')."""
    import onnx

    m = onnx.load(model_path, load_external_data=False)
    g = m.graph
    by_name = {n.name: (i, n) for i, n in enumerate(g.node) if n.name}
    by_out = {o: (i, n) for i, n in enumerate(g.node) for o in n.output}
    outs = {o.name for o in g.output}
    ins = {i.name for i in g.input}
    for lay in layers:
        tensor = lay["full_name"].split(":", 1)[1] if ":" in lay["full_name"] else lay["full_name"]
        lay["onnx_nodes"], lay["onnx_node_index"], lay["onnx_op"] = [], [], None
        lay["graph_output"] = lay["graph_input"] = None
        # the longest prefix of the tensor that names a node, a node output or a graph input/output
        for cut in range(len(tensor), 0, -1):
            key = tensor[:cut]
            hit = by_name.get(key) or by_out.get(key)
            if hit is None and key not in outs and key not in ins:
                continue
            lay["matched_key"] = key
            lay["graph_output"] = key if key in outs else None
            lay["graph_input"] = key if key in ins else None
            if hit is not None:
                i, n = hit
                lay["onnx_nodes"] = [n.name or n.output[0]]
                lay["onnx_node_index"] = [i]
                lay["onnx_op"] = n.op_type
            break
        # a layer the toolkit inserted (its op is not the ONNX node's): e.g. Reshape:out-rs on a graph output
        lay["inserted"] = bool(lay["onnx_op"] and lay["onnx_op"] != lay["op_type"]
                               and lay["graph_output"] is not None)


# ---------------------------------------------------------------------------------------------- parent
def build_one(model: Path, target: str, timeout: float, logs: Path) -> dict[str, Any]:
    logs.mkdir(parents=True, exist_ok=True)
    out_p, err_p = logs / f"{model.stem}.out", logs / f"{model.stem}.err"
    t0 = time.time()
    with tempfile.TemporaryDirectory(prefix="calib_tk_") as tmp:
        result = os.path.join(tmp, "result.json")
        cmd = [sys.executable, os.path.abspath(__file__), "--child", str(model.resolve()), result, target]
        with open(out_p, "wb") as fo, open(err_p, "wb") as fe:
            proc = subprocess.Popen(cmd, cwd=tmp, stdout=fo, stderr=fe, stdin=subprocess.DEVNULL,
                                    start_new_session=True)
            try:
                rc: int | None = proc.wait(timeout=timeout)
                timed_out = False
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
                rc, timed_out = None, True
        try:
            res = json.loads(Path(result).read_text())
        except (OSError, ValueError):
            res = {"stage": "start"}
    rec: dict[str, Any] = {"seconds": round(time.time() - t0, 1), "exit": rc, "child": res, "timed_out": timed_out}
    parse_logs(model, rec, out_p, err_p, timeout)
    return rec


def parse_logs(model: Path, rec: dict[str, Any], out_p: Path, err_p: Path, timeout: float) -> None:
    """Fill rec (status, error, CPU layers, ...) from the child's result and its logs."""
    out = out_p.read_text(errors="replace")
    err = err_p.read_text(errors="replace")
    res, rc = rec.get("child") or {}, rec.get("exit")
    rec["stage"] = res.get("stage")
    if rec.get("timed_out"):
        rec.update(status="timeout", error=f"timeout after {timeout:.0f} s during {res.get('stage')}")
    else:
        rec["status"], rec["error"] = summarize_error(res, rc, err, out)
    text = _ANSI.sub("", err + out)
    sug = _DISABLE.search(text)
    rec["suggested_disable_rule"] = sug.group(1) if sug else None
    # "Show op fuse match nodes:" block printed before a fusion-pass crash: the rule and the nodes it matched
    m = re.search(r"Show op fuse match nodes:\s*\nRule: (\S+)(.*?)(?:\n\s*\n\s*\n|You can add)", text, re.S)
    rec["fuse_match"] = ({"rule": m.group(1), "nodes": re.findall(r"Op name: (\S+)", m.group(2))}
                         if m and rec["status"] != "built" else None)
    layers = layer_table(out)
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
    if argv[:1] == ["--child"]:
        return child(*argv[1:4])
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--models", default="/work/calib/models")
    ap.add_argument("--out", default="/work/calib/truth.json")
    ap.add_argument("--target", default="rk3588")
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--timeout", type=float, default=300.0)
    ap.add_argument("--only", action="append", default=[])
    ap.add_argument("--force", action="store_true")
    ap.add_argument("--reparse", action="store_true", help="re-read the saved logs of built models, build nothing")
    a = ap.parse_args(argv)
    out = Path(a.out)
    truth: dict[str, Any] = json.loads(out.read_text()) if out.exists() else {}
    truth.setdefault("toolkit", _toolkit_version())
    truth["target"] = a.target
    recs: dict[str, Any] = truth.setdefault("models", {})
    models = sorted(Path(a.models).glob("*.onnx"))
    todo = [m for m in models if (not a.only or any(o in m.name for o in a.only))
            and (a.force or recs.get(m.stem, {}).get("signature") != signature(m))]
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
        return m, build_one(m, a.target, a.timeout, logs)

    with ThreadPoolExecutor(max_workers=max(1, a.jobs)) as ex:
        for m, rec in ex.map(run, todo):
            rec["signature"] = signature(m)
            recs[m.stem] = rec
            cpu = sorted({x["op_type"] for x in rec["cpu_layers"]})
            print(f"{rec['status']:8s} {m.stem}  {rec['seconds']}s  cpu={','.join(cpu) or '-'}  {rec['error']}",
                  flush=True)
            tmp = out.with_suffix(".tmp")
            tmp.write_text(json.dumps(truth, indent=1, sort_keys=True))
            tmp.replace(out)
    return 0


def _toolkit_version() -> str | None:
    try:
        from importlib.metadata import version

        return version("rknn-toolkit2")
    except Exception:
        return None


if __name__ == "__main__":
    sys.exit(main())
