"""Run probe cases through rknn-toolkit2 (the one toolkit runner, a child process per case) and read what
happened."""
from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import onnx

from ..toolkit.layers import Layer, layer_table
from ..toolkit.messages import first_error
from ..toolkit.runner import BuildJob, run_build
from ..toolkit.status import BuildStatus
from ._models import Case

# Ops the compiler can merge into a preceding Conv (activation / per-channel affine): no layer of their own.
FUSABLE = {"Relu", "LeakyRelu", "Clip", "Sigmoid", "HardSigmoid", "HardSwish", "Tanh", "Elu", "Selu", "Celu", "Mish", "Softplus",
           "PRelu", "BatchNormalization", "Add", "Sub", "Mul", "Div", "Max", "Min", "Sum", "Mean", "Exp", "Abs", "Neg",
           "ThresholdedRelu", "Sqrt", "Erf", "Swish", "Gelu"}
LAYOUT_LAYERS = {"Reshape", "Transpose"}
LAYOUT_OPS = {"Reshape", "Transpose", "Flatten", "Squeeze", "Unsqueeze", "Expand", "Tile", "DepthToSpace", "SpaceToDepth"}
_EDGE = re.compile(r"^(x\d*|probe_o\d+|pre_wrap0)([_#-]|$)")  # tensors named after a graph input or output


@dataclass
class Result:
    """What the toolkit did with one case."""

    op: str
    variant: str
    status: BuildStatus
    error: str = ""
    signal: int = 0
    layers: list[Layer] = field(default_factory=list)
    op_layers: list[Layer] = field(default_factory=list)
    sim: dict = field(default_factory=dict)
    seconds: float = 0.0
    note: str = ""
    fused: bool = False  # the probed node left no layer but sits right after the prefix Conv and can merge into it
    post_tensors: list[str] = field(default_factory=list)  # outputs of the nodes after the probed one (B.post)

    @property
    def placement(self) -> str:
        return classify(self)


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
    if any(_norm(lay.op_type) == _norm(r.op) and lay.target == "NPU" for lay in r.op_layers):
        # the probed op ran on the NPU: a CPU layer the toolkit named after a later node's own output is that node's
        # (rk3566, 2.2.0: Pad@NPU, then the Transpose `probe_post3` the Reshape after it became, on the CPU)
        post = set(r.post_tensors)
        cpu = [lay for lay in cpu if lay.tensor not in post or _norm(lay.op_type) == _norm(r.op)]
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


def _match(ref, got, quant: bool) -> dict:
    """One output against onnxruntime, with the probe's tolerance (looser than build --compare's: a probe model
    is one op on random data)."""
    ref = np.asarray(ref)
    got = np.asarray(got)
    if ref.size != got.size:
        return {"match": False, "why": f"shape {list(got.shape)} vs onnxruntime {list(ref.shape)}"}
    if ref.size == 0:
        return {"match": True}
    r = ref.astype(np.float64).reshape(-1)
    g = got.astype(np.float64).reshape(-1)
    if ref.dtype == bool or np.issubdtype(ref.dtype, np.integer):
        agree = float(np.mean(r == np.round(g)))
        return {"match": agree >= 0.99, "agree": round(agree, 4)}
    finite = np.isfinite(r)
    if not np.array_equal(finite, np.isfinite(g)):
        return {"match": False, "why": "non-finite values differ"}
    r, g = r[finite], g[finite]
    if r.size == 0:
        return {"match": True}
    scale = max(float(np.max(np.abs(r))), 1e-6)
    err = float(np.max(np.abs(r - g))) / scale
    denom = float(np.linalg.norm(r) * np.linalg.norm(g))
    cos = float(np.dot(r, g) / denom) if denom > 0 else (1.0 if np.allclose(r, g) else 0.0)
    ok = cos >= 0.98 if quant else (err <= 0.02 or cos >= 0.9999)
    return {"match": bool(ok), "cos": round(cos, 5), "rel_err": round(err, 5)}


def _sim(raw, quant: bool) -> dict:
    """The simulator check of a built case: {ran, match, outputs} or {ran: False, why}."""
    cmp = raw.result.get("compare") or {}
    if not cmp:
        return {}
    if not cmp.get("ran") or not raw.outputs:
        return {"ran": False, "why": cmp.get("why", "no outputs")}
    rows = [_match(r, o, quant) for r, o in zip(raw.outputs["ref"], raw.outputs["sim"])]
    return {"ran": True, "match": all(c["match"] for c in rows), "outputs": rows}


def int8_only(target: str) -> bool:
    """Whether the target's family refuses a float16 build (`fp16_build: false` in rules/<family>.yaml)."""
    from ..platforms import resolve_target

    return resolve_target(target).fact("fp16_build", True) is False


def run_case(case: Case, target: str, timeout: float, python: str | None = None) -> Result:
    """Build one case in a fresh child process (its own temporary folder) and read the outcome; with `python`
    (another toolkit version's interpreter) instead of this one."""
    quant = int8_only(target)
    feeds = {k: v for k, v in case.feeds.items() if v.dtype.kind in "fiub"}
    simulate = bool(feeds) and len(feeds) == len(case.feeds)
    with tempfile.TemporaryDirectory(prefix="rknnlint-probe-") as tmp:
        work = Path(tmp)
        onnx.save(case.model, str(work / "model.onnx"))
        if feeds:
            np.savez(work / "feeds.npz", **feeds)
        job = BuildJob(model=str(work / "model.onnx"), target=target, dtype="int8" if quant else "fp16",
                       feeds=str(work / "feeds.npz") if feeds else None, compare=simulate, keep_outputs=simulate)
        raw = run_build(job, timeout=timeout, python=python, env={"OMP_NUM_THREADS": "1"}, write_log=False)
    res = raw.result
    r = Result(case.op, case.variant, raw.status, note=case.note, seconds=raw.seconds)
    if r.status is BuildStatus.BUILT and raw.signal:
        r.status = BuildStatus.CRASHED  # the simulator crashed after the build: a probe counts that as a crash
    r.layers = layer_table(raw.stdout)
    pre = _prefix_tensors(case.model)
    r.op_layers = [lay for lay in r.layers if lay.op_type not in ("InputOperator", "OutputOperator") and lay.tensor not in pre]
    r.post_tensors = sorted(o for n in case.model.graph.node if n.name.startswith("probe_post") for o in n.output)
    stage = res.get("stage", "?")
    if r.status is BuildStatus.TIMEOUT:
        r.error = f"timed out after {timeout:g} s (stage {stage})"
    elif r.status is BuildStatus.CRASHED:
        r.signal = raw.signal
        r.error = first_error(raw.stderr, limit=300) or (f"killed by signal {raw.signal} in stage {stage}" if raw.signal
                                              else f"exit code {raw.returncode} in stage {stage}")
    elif r.status is BuildStatus.FAILED:
        r.error = first_error(raw.stderr, exception=res.get("exception", ""), limit=300) or f"failed in stage {stage}"
    r.sim = _sim(raw, quant) if r.status is BuildStatus.BUILT else {}
    r.fused = r.status is BuildStatus.BUILT and not r.op_layers and case.op in FUSABLE and any(n.name == "probe" for n in case.model.graph.node)
    return r


def _case_task(task) -> Result:
    """One probe model as a Ray task (module level, so Ray can ship it)."""
    case, target, timeout, python = task
    return run_case(case, target, timeout, python)


def run_all(cases: list[Case], target: str, jobs: int = 2, timeout: float = 120.0,
            progress: Callable[[Result, int, int], None] | None = None, python: str | None = None,
            executor=None) -> list[Result]:
    """Run every case for one target with `jobs` children at a time; results in case order. `executor` (an
    ExecutorSpec of kind ray) runs each case as a task on a Ray cluster instead; a case whose worker died on every
    try is recorded as crashed."""
    if executor is not None and executor.kind == "ray":
        from ..executors import WorkerLost, run_tasks

        out = run_tasks(_case_task, [(c, target, timeout, python) for c in cases], executor,
                        label=lambda t: f"{t[0].op}/{t[0].variant}", verb="probing")
        return [Result(c.op, c.variant, BuildStatus.CRASHED, error=f"the Ray worker died on all {r.attempts} tries "
                       f"({r.reason})") if isinstance(r, WorkerLost) else r for c, r in zip(cases, out)]
    results: list[Result | None] = [None] * len(cases)
    done = 0
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        futures = {pool.submit(run_case, c, target, timeout, python): i for i, c in enumerate(cases)}
        from concurrent.futures import as_completed

        for fut in as_completed(futures):
            i = futures[fut]
            results[i] = fut.result()
            done += 1
            if progress:
                progress(results[i], done, len(cases))
    return [r for r in results if r is not None]


def toolkit_knows(target: str, timeout: float = 120.0, python: str | None = None) -> str | None:
    """None when the installed toolkit accepts `target`, else its error line."""
    code = "import sys\nfrom rknn.api import RKNN\nr=RKNN(verbose=False)\nr.config(target_platform=sys.argv[1])\n"
    with tempfile.TemporaryDirectory(prefix="rknnlint-probe-") as tmp:
        p = subprocess.run([python or sys.executable, "-c", code, target], capture_output=True, text=True, cwd=tmp, timeout=timeout)
    if p.returncode == 0:
        return None
    return first_error(p.stderr, limit=300) or f"rknn-toolkit2 does not accept target '{target}'"
