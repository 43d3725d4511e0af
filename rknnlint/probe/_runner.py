"""Run probe cases through rknn-toolkit2, one child process per case, and read what happened."""
from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import onnx

from ._models import Case

# Families whose toolkit build must be int8 (the float16 build is refused: RKNN_FACTS.md 2.4).
INT8_ONLY = {"rv1106", "rv1106b", "rv1103", "rv1103b"}
# Ops the compiler can merge into a preceding Conv (activation / per-channel affine): no layer of their own.
FUSABLE = {"Relu", "LeakyRelu", "Clip", "Sigmoid", "HardSigmoid", "HardSwish", "Tanh", "Elu", "Selu", "Celu", "Mish", "Softplus",
           "PRelu", "BatchNormalization", "Add", "Sub", "Mul", "Div", "Max", "Min", "Sum", "Mean", "Exp", "Abs", "Neg",
           "ThresholdedRelu", "Sqrt", "Erf", "Swish", "Gelu"}
LAYOUT_LAYERS = {"Reshape", "Transpose"}
LAYOUT_OPS = {"Reshape", "Transpose", "Flatten", "Squeeze", "Unsqueeze", "Expand", "Tile", "DepthToSpace", "SpaceToDepth"}
_EDGE = re.compile(r"^(x\d*|probe_o\d+|pre_wrap0)([_#-]|$)")  # tensors named after a graph input or output
_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_TABLE_ROW = re.compile(r"^\s*(\d+)\s+(\S+)\s+(\S+)\s+(CPU|NPU)\s+(.*?)\s+(\S+)\s*$")


@dataclass(frozen=True)
class Layer:
    op_type: str
    target: str  # CPU | NPU
    full_name: str  # "OpType:tensor"

    @property
    def tensor(self) -> str:
        return self.full_name.split(":", 1)[1] if ":" in self.full_name else self.full_name


@dataclass
class Result:
    """What the toolkit did with one case."""

    op: str
    variant: str
    status: str  # built | fails | crashes | timeout
    error: str = ""
    signal: int = 0
    layers: list[Layer] = field(default_factory=list)
    op_layers: list[Layer] = field(default_factory=list)
    sim: dict = field(default_factory=dict)
    seconds: float = 0.0
    note: str = ""
    fused: bool = False  # the probed node left no layer but sits right after the prefix Conv and can merge into it

    @property
    def placement(self) -> str:
        return classify(self)


def layer_table(stdout: str) -> list[Layer]:
    """The rows of the last 'Network Layer Information Table' the native compiler printed."""
    rows: list[Layer] = []
    inside = False
    for raw in stdout.splitlines():
        line = _ANSI.sub("", raw)
        line = re.sub(r"^D RKNN: \[[^\]]*\]\s?", "", line)
        if "Network Layer Information Table" in line:
            rows, inside = [], True
            continue
        if not inside:
            continue
        if line.startswith("ID ") or set(line.strip()) <= {"-"}:
            if rows and set(line.strip()) <= {"-"} and line.strip():
                inside = False
            continue
        m = _TABLE_ROW.match(line)
        if m:
            rows.append(Layer(m.group(2), m.group(4), m.group(6)))
    return rows


def clean_error(msg: str) -> str:
    """An error line without the native log's timestamp ('RKNN: [12:16:09.538] ')."""
    return re.sub(r"RKNN: \[[0-9:.]+\]\s*", "", msg).strip()


def first_error(stderr: str) -> str:
    """The first toolkit error line ('E build: ...'), else the last exception line."""
    lines = [_ANSI.sub("", s).rstrip() for s in stderr.splitlines()]
    last_exc = next((s.strip() for s in reversed(lines) if re.match(r"^[A-Za-z_][\w.]*(Error|Exception|Fail)\b", s)), "")
    for i, s in enumerate(lines):
        if s.startswith("E ") and len(s) > 3:
            msg = s[2:].strip()
            if msg.endswith("Traceback (most recent call last):") and last_exc:
                msg = f"{msg.split(':', 1)[0]}: {last_exc}"  # the pass that raised and its exception, not the traceback header
            elif msg.endswith(":"):  # the message went on the next line
                msg = f"{msg} {next((t.strip() for t in lines[i + 1:] if t.strip()), '')}".strip()
            return clean_error(msg)[:300]
    return last_exc[:300]


def _norm(op: str) -> str:
    op = op.lower()
    if op.startswith("ex"):
        op = op[2:]
    return re.sub(r"\d+$", "", op)


def classify(r: Result) -> str:
    """Placement of the probed op from one case: fails | cpu | fold | npu | rewrite."""
    if r.status != "built":
        if "constant" in r.error.lower() and "output" in r.error.lower():
            return "fold"  # static-shape ops whose only output folds to a constant
        return "fails"
    if not r.op_layers:
        # no layer of its own: merged into the Conv in front (activations, scales) or removed / folded
        return "npu" if r.fused else "fold"
    cpu = [lay for lay in r.op_layers if lay.target == "CPU" and not (r.op not in LAYOUT_OPS and _edge_layout(lay))]
    if cpu:
        return "cpu"
    # only a layout layer at the model's edge (the Reshape the toolkit adds after a graph input or before a
    # 2-D output) fell to the CPU: inside a real network the op itself runs on the NPU
    names = {_norm(lay.op_type) for lay in r.op_layers if lay.target == "NPU"}
    if _norm(r.op) in names:
        return "npu"
    if names <= {"conv"} and r.op not in ("MatMul", "Gemm"):
        return "npu"  # fused into the Conv in front, as in real models
    return "rewrite"


def _edge_layout(lay: Layer) -> bool:
    return lay.op_type in LAYOUT_LAYERS and bool(_EDGE.match(lay.tensor))


def _prefix_tensors(model: onnx.ModelProto) -> set[str]:
    return {o for n in model.graph.node for o in n.output if o.startswith("pre")} | {i.name for i in model.graph.input}


def run_case(case: Case, target: str, timeout: float, python: str | None = None) -> Result:
    """Build one case in a fresh child process (its own temporary folder) and read the outcome."""
    quant = target in INT8_ONLY
    t0 = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="rknnlint-probe-") as tmp:
        work = Path(tmp)
        onnx.save(case.model, str(work / "model.onnx"))
        for i, arr in enumerate(case.feeds.values()):
            if arr.dtype.kind in "fiub":
                np.save(work / f"in{i}.npy", arr)
        env = {**os.environ, "PYTHONUNBUFFERED": "1", "OMP_NUM_THREADS": "1"}
        with open(work / "stdout.txt", "wb") as out, open(work / "stderr.txt", "wb") as err:
            proc = subprocess.Popen([python or sys.executable, "-m", "rknnlint.probe._child", str(work), target, "1" if quant else "0"],
                                    stdout=out, stderr=err, cwd=work, env=env, start_new_session=True)
            try:
                rc = proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
                rc = None
        stdout = (work / "stdout.txt").read_text(errors="replace")
        stderr = (work / "stderr.txt").read_text(errors="replace")
        try:
            res = json.loads((work / "result.json").read_text())
        except (OSError, ValueError):
            res = {}
    r = Result(case.op, case.variant, "built", note=case.note, seconds=round(time.monotonic() - t0, 2))
    r.layers = layer_table(stdout)
    pre = _prefix_tensors(case.model)
    r.op_layers = [lay for lay in r.layers if lay.op_type not in ("InputOperator", "OutputOperator") and lay.tensor not in pre]
    if rc is None:
        r.status, r.error = "timeout", f"timed out after {timeout:g} s (stage {res.get('stage', '?')})"
    elif rc < 0:
        r.status, r.signal = "crashes", -rc
        r.error = first_error(stderr) or f"killed by signal {-rc} in stage {res.get('stage', '?')}"
    elif rc != 0 and not res.get("ok"):
        r.status, r.error = "fails", first_error(stderr) or f"exit code {rc} in stage {res.get('stage', '?')}"
    elif not res.get("ok"):
        r.status = "fails"
        r.error = first_error(stderr) or res.get("exception", "") or f"failed in stage {res.get('stage', '?')}"
    r.sim = res.get("sim", {}) if r.status == "built" else {}
    r.fused = r.status == "built" and not r.op_layers and case.op in FUSABLE and any(n.name == "probe" for n in case.model.graph.node)
    return r


def run_all(cases: list[Case], target: str, jobs: int = 2, timeout: float = 120.0,
            progress: Callable[[Result, int, int], None] | None = None) -> list[Result]:
    """Run every case for one target with `jobs` children at a time; results in case order."""
    results: list[Result | None] = [None] * len(cases)
    done = 0
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        futures = {pool.submit(run_case, c, target, timeout): i for i, c in enumerate(cases)}
        from concurrent.futures import as_completed

        for fut in as_completed(futures):
            i = futures[fut]
            results[i] = fut.result()
            done += 1
            if progress:
                progress(results[i], done, len(cases))
    return [r for r in results if r is not None]


def toolkit_knows(target: str, timeout: float = 120.0) -> str | None:
    """None when the installed toolkit accepts `target`, else its error line."""
    code = "import sys\nfrom rknn.api import RKNN\nr=RKNN(verbose=False)\nr.config(target_platform=sys.argv[1])\n"
    with tempfile.TemporaryDirectory(prefix="rknnlint-probe-") as tmp:
        p = subprocess.run([sys.executable, "-c", code, target], capture_output=True, text=True, cwd=tmp, timeout=timeout)
    if p.returncode == 0:
        return None
    return first_error(p.stderr) or f"rknn-toolkit2 does not accept target '{target}'"
