"""Turn a toolkit run (exit status, result.json, stdout/stderr) into a BuildOutcome: status, findings, layers."""
from __future__ import annotations

import dataclasses
import re
import signal as _signal
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ..checks.toolkit.rkn090_build_failed import BuildFailed
from ..checks.toolkit.rkn091_toolkit_crashed import ToolkitCrashed
from ..checks.toolkit.rkn092_cpu_layer import CpuLayer
from ..checks.toolkit.rkn093_toolkit_warning import ToolkitWarning
from ..checks.toolkit.rkn094_output_mismatch import OutputMismatch
from ..checks.toolkit.rkn095_toolkit_workaround import ToolkitWorkaround
from ..finding import Finding, Location, Severity
from .layers import IO_OPS, Layer, clean, layer_table
from .messages import first_error
from .status import BuildStatus, status_of

_DISABLE = re.compile(r"disable_rules=\[['\"](\w+)['\"]\]")

# The build's own findings: registered rules (rknnlint/checks/toolkit/), so `explain`, docs and --ignore know them.
BUILD_FAILED = (BuildFailed.code, BuildFailed.name)
TOOLKIT_CRASHED = (ToolkitCrashed.code, ToolkitCrashed.name)
CPU_LAYER = (CpuLayer.code, CpuLayer.name)
TOOLKIT_WARNING = (ToolkitWarning.code, ToolkitWarning.name)
OUTPUT_MISMATCH = (OutputMismatch.code, OutputMismatch.name)
WORKAROUND = (ToolkitWorkaround.code, ToolkitWorkaround.name)



def _error_rules() -> dict[str, str]:
    """Error message (regular expression) -> the rule that predicts it, from `error_rules` of every
    rules/toolkit/<version>.yaml (a message names the same rule whichever version printed it)."""
    from .versions import facts, known_versions

    out: dict[str, str] = {}
    for v in known_versions():
        out.update(facts(v).error_rules)
    return out


def _pass_rules(version: str | None = None) -> dict[str, tuple[str, str]]:
    """Fusion pass named in a toolkit error -> (code, name) of the static rule that predicts it, from
    `pass_rules` in rules/toolkit/<version>.yaml."""
    from .versions import facts, version_of

    return {p: (code, _rule_name(code, code)) for p, code in facts(version or version_of()).pass_rules.items()}

_WARNINGS = (
    (re.compile(r"float16/float64 data types in the model have been modified to float32"),
     "the model's float16/float64 data was converted to float32 by the toolkit", Severity.INFO),
    (re.compile(r"(?i)resize.*deconv.*drift|drift.*resize"), "Resize was converted to a deconvolution and may drift from "
     "the original results", Severity.WARNING),
    (re.compile(r"(?i)outlier"), "quantization found outlier weights or activations: int8 accuracy may suffer", Severity.WARNING),
)


@dataclass
class BuildOutcome:
    """What the toolkit did with one model for one target and configuration."""

    model: str
    target: str
    dtype: str
    status: BuildStatus
    error: str = ""
    findings: list[Finding] = field(default_factory=list)
    layers: list[Layer] = field(default_factory=list)
    compare: dict[str, Any] = field(default_factory=dict)
    seconds: float = 0.0
    log_path: str = ""
    suggested_rule: str = ""  # disable_rules entry the toolkit itself suggested
    disable_rules: list[str] = field(default_factory=list)
    exported: str | None = None
    config: dict[str, Any] = field(default_factory=dict)  # the rknn.config() options the build used

    @property
    def built(self) -> bool:
        return self.status == "built"

    @property
    def agrees(self) -> bool | None:
        """True when every scored output matches, False when one does not, None when nothing could be scored."""
        if not self.compare.get("ran"):
            return None
        verdicts = [o.get("verdict") for o in self.compare.get("outputs", [])]
        if any(v == "mismatch" for v in verdicts):
            return False
        return True if "match" in verdicts else None

    def summary(self) -> dict[str, Any]:
        real = [lay for lay in self.layers if lay.op_type not in IO_OPS]
        npu = sum(lay.target == "NPU" for lay in real)
        cpu = Counter(lay.op_type for lay in real if lay.target == "CPU")
        return {"layers": len(real), "npu_layers": npu, "npu_coverage": round(npu / len(real), 4) if real else None,
                "cpu_ops": dict(sorted(cpu.items()))}

    def to_dict(self) -> dict[str, Any]:
        return {"model": self.model, "target": self.target, "dtype": self.dtype, "status": self.status,
                "error": self.error or None, "seconds": self.seconds, "log": self.log_path,
                "disable_rules": self.disable_rules, "config": self.config, "exported": self.exported, "summary": self.summary(),
                "compare": self.compare or None, "findings": [f.to_dict() for f in self.findings],
                "layers": [lay.to_dict() for lay in self.layers]}


def map_layers(layers: list[Layer], model_path: str) -> list[Layer]:
    """Attach the ONNX node each layer belongs to (owners.py: FullName is 'OpType:tensor', the tensor a node name or
    a value with suffixes the toolkit added ('-rs', '_tp', '#2'); a layer computing the node that reads the value
    belongs to that node)."""
    from .owners import ModelIndex

    try:
        index = ModelIndex.load(model_path)
    except Exception:
        return layers
    out = []
    for lay in layers:
        own = index.owner(lay.op_type, lay.full_name)
        if own is not None and own.node is not None:
            lay = dataclasses.replace(lay, onnx_nodes=(own.node,), onnx_op=own.op or "")
        out.append(lay)
    return out


def _norm(op: str) -> str:
    op = op.lower()
    return re.sub(r"\d+$", "", op[2:] if op.startswith("ex") else op)


def _rule_name(code: str, fallback: str) -> str:
    try:
        from ..rule import all_rules

        r = all_rules().get(code)
        return r.name if r is not None else fallback
    except Exception:
        return fallback


def _finding(code_name: tuple[str, str], sev: Severity, msg: str, model: str, target: str, hint: str = "",
             loc: Location | None = None, **data) -> Finding:
    code, name = code_name
    return Finding(code, _rule_name(code, name), sev, msg, loc or Location(), hint=hint, target=target, model=model,
                   data={"source": "build", **{k: v for k, v in data.items() if v is not None}})


build_finding = _finding  # the public name, for callers outside this module (build's workaround findings)


def _error_lines(stderr: str, stdout: str) -> list[str]:
    return [clean(s) for s in (stderr + "\n" + stdout).splitlines() if clean(s)]


def _dims_hint(text: str) -> str:
    dims = [d.strip().strip("'\"") for d in text.strip("[]").split(",")]
    return ",".join(d if d.isdigit() else ("1" if i == 0 else "<n>") for i, d in enumerate(dims))


def classify_error(error: str, lines: list[str], traceback: str, model: str, target: str) -> tuple[Finding, str]:
    """The finding for a failed load/build, mapped to the static rule that predicts it when one does."""
    text = error + "\n" + traceback
    suggested = next((m.group(1) for s in lines for m in [_DISABLE.search(s)] if m), "")
    pass_m = re.search(r"_p_(\w+)", text) or re.search(r"_p_(\w+)", "\n".join(lines))
    pass_name = pass_m.group(1) if pass_m else suggested
    if m := re.search(r"Unsupport onnx opset (\d+), need <= (\d+)", text):
        return _finding(("RKN201", "opset-out-of-range"), Severity.ERROR, f"load_onnx refused opset {m.group(1)} "
                        f"(rknn-toolkit2 accepts <= {m.group(2)}): {error}", model, target,
                        hint=f"re-export with opset {m.group(2)} or lower", error=error), suggested
    if m := re.search(r"The input shape (\[.*?\]) of '(.+?)' is not support", text):
        return _finding(("RKN101", "dynamic-input-shape"), Severity.ERROR,
                        f"input '{m.group(2)}' has the dynamic shape {m.group(1)}: {error}", model, target,
                        hint=f"give the shape: --input-shape {m.group(2)}={_dims_hint(m.group(1))} "
                             "(load_onnx inputs/input_size_list)",
                        loc=Location(tensor=m.group(2)), error=error), suggested
    if m := re.search(r"The input (\d+) of (\w+)\('(.*?)'\) need to be constant", text):
        op, node = m.group(2), m.group(3)
        return _finding(("RKN301", "dynamic-graph-op"), Severity.ERROR,
                        f"{op} '{node}': input {m.group(1)} is computed at run time, which makes a dynamic graph the "
                        f"toolkit refuses", model, target, hint=f"remove {op} '{node}' from the exported graph "
                        "(cut the model before it with load_onnx(outputs=...)) and do it in post-processing",
                        loc=Location(op_type=op, node_name=node), error=error), suggested
    if m := re.search(r"The (\w+)\('(.*?)'\) will cause the graph to be a dynamic graph", text):
        op, node = m.group(1), m.group(2)
        return _finding(("RKN302", "dynamic-graph-node"), Severity.ERROR, f"{op} '{node}' makes a dynamic graph the "
                        "toolkit refuses", model, target, hint=f"remove {op} '{node}' or make its inputs constant",
                        loc=Location(op_type=op, node_name=node), error=error), suggested
    if m := re.search(r"Can not find tensor value info for '(.+?)'", text):
        return _finding(("RKN206", "invalid-graph"), Severity.ERROR, f"no node produces '{m.group(1)}': {error}", model,
                        target, hint="give the value a producer (see `rknnlint check`, RKN206)",
                        loc=Location(tensor=m.group(1)), error=error), suggested
    if re.search(r"cannot reshape array of size \d+ into shape", text) and "load_onnx" in text:
        return _finding(("RKN207", "tensor-data-size"), Severity.ERROR, f"a weight's data does not match its dims: "
                        f"{error}", model, target, hint="`rknnlint check` (RKN207) names the tensor and its data file",
                        error=error), suggested
    if re.search(r"Failed to allocate memory for requested buffer", text):
        return _finding(("RKN208", "tensor-too-large"), Severity.ERROR, f"a tensor too large to allocate: {error}",
                        model, target, hint="`rknnlint check` (RKN208) names the tensor and its dims", error=error), suggested
    if re.search(r"not support do_quantization = False", text):
        return _finding(("RKN903", "fp-build-unsupported"), Severity.ERROR, f"{target} has no float build: {error}",
                        model, target, hint="build int8: --int8 --dataset FILE", error=error), suggested
    pass_rules = _pass_rules()
    if pass_name in pass_rules or (suggested and suggested in pass_rules):
        key = pass_name if pass_name in pass_rules else suggested
        return _finding(pass_rules[key], Severity.ERROR, f"the build crashed in the fusion pass _p_{key}: {error}",
                        model, target, hint=f"rknn.config(..., disable_rules=['{key}']) avoids the pass; rknnlint build "
                        "tries it and compares the outputs", error=error, **{"pass": f"_p_{key}", "disable_rules": [key]}), suggested
    for pattern, code in _error_rules().items():
        if re.search(pattern, text) or any(re.search(pattern, s) for s in lines):
            return _finding((code, _rule_name(code, code)), Severity.ERROR, f"rknn-toolkit2 build failed: {error}",
                            model, target, hint=f"`rknnlint explain {code}`", error=error), suggested
    hint = f"the toolkit suggests rknn.config(..., disable_rules=['{suggested}'])" if suggested else "see the build log"
    return _finding(BUILD_FAILED, Severity.ERROR, f"rknn-toolkit2 build failed: {error or 'no error message'}",
                    model, target, hint=hint, error=error, **({"pass": f"_p_{pass_name}"} if pass_name else {})), suggested


def parse_outcome(raw, model: str, target: str, dtype: str, disable_rules: list[str] | None = None) -> BuildOutcome:
    """Everything the report needs from one RawRun (see runner.run_build)."""
    res = raw.result or {}
    lines = _error_lines(raw.stderr, raw.stdout)
    status = status_of(raw.returncode, res)
    out = BuildOutcome(model, target, dtype, status, seconds=raw.seconds, log_path=raw.log_path,
                       disable_rules=list(disable_rules or []), exported=res.get("exported"),
                       config=dict(res.get("config") or {}))
    tail = [s for s in lines if not s.startswith("D ")][-8:]
    stage = res.get("stage", "?")
    if status is BuildStatus.TIMEOUT:
        out.error = f"timed out after {raw.timeout:g} s in stage {stage}"
        out.findings.append(_finding(TOOLKIT_CRASHED, Severity.ERROR, f"rknn-toolkit2 {out.error} (killed)", model, target,
                                     hint="raise --timeout, or look at the log for the stage it hung in",
                                     stage=res.get("stage"), last_lines=tail))
    elif status is BuildStatus.CRASHED or (status is BuildStatus.BUILT and raw.returncode < 0):
        sig = -raw.returncode if raw.returncode < 0 else 0
        try:
            sname = _signal.Signals(sig).name if sig else f"exit code {raw.returncode}"
        except ValueError:
            sname = f"signal {sig}"
        if status is BuildStatus.BUILT:  # died in a stage after the build (status.AFTER_BUILD)
            out.findings.append(_finding(TOOLKIT_CRASHED, Severity.WARNING, f"rknn-toolkit2 died ({sname}) in the {stage} "
                                         "stage after the build succeeded", model, target, stage=stage, last_lines=tail))
        else:
            out.error = f"crash ({sname} during {stage})"
            out.findings.append(_finding(TOOLKIT_CRASHED, Severity.ERROR, f"rknn-toolkit2 crashed with {sname} during "
                                         f"{stage}, without an error message", model, target,
                                         hint="last toolkit lines: " + " | ".join(tail[-3:]) if tail else "",
                                         signal=sig or None, stage=stage, last_lines=tail))
    elif status is BuildStatus.FAILED:
        out.error = first_error(raw.stderr, raw.stdout, res.get("exception", "")) or f"failed in stage {stage}"
        f, out.suggested_rule = classify_error(out.error, lines, res.get("traceback", ""), model, target)
        out.findings.append(f)
    if res.get("export_error"):
        out.findings.append(_finding(BUILD_FAILED, Severity.ERROR, f"export_rknn failed: {res['export_error']}", model, target))
    out.layers = map_layers(layer_table(raw.stdout), model) if out.built else []
    for lay in out.layers:
        if lay.target == "CPU" and lay.op_type not in IO_OPS:
            node = lay.onnx_nodes[0] if lay.onnx_nodes else ""
            if not node:
                what = f"layer {lay.full_name}"
            elif _norm(lay.op_type) == _norm(lay.onnx_op):
                what = f"{lay.onnx_op} '{node}'"
            else:  # a layer the toolkit inserted next to an ONNX node (e.g. a Reshape before an output)
                what = f"a {lay.op_type} the toolkit added at {lay.onnx_op} '{node}'"
            out.findings.append(_finding(CPU_LAYER, Severity.WARNING, f"{what} runs on the CPU (layer {lay.id} "
                                         f"{lay.op_type}, {lay.input_shapes} -> {lay.output_shape})", model, target,
                                         hint="CPU layers cost a round trip through DDR; see `rknnlint check` for a rewrite",
                                         loc=Location(op_type=lay.onnx_op or lay.op_type, node_name=node),
                                         layer=lay.id, full_name=lay.full_name))
    seen = set()
    for s in lines:
        if not s.startswith("W "):
            continue
        for rx, msg, sev in _WARNINGS:
            if rx.search(s) and msg not in seen:
                seen.add(msg)
                out.findings.append(_finding(TOOLKIT_WARNING, sev, f"{msg} (toolkit: {s[2:].strip()[:200]})", model, target))
    out.compare = res.get("compare") or {}
    for o in out.compare.get("outputs", []):
        if o.get("verdict") == "mismatch":
            from .compare import describe

            out.findings.append(_finding(OUTPUT_MISMATCH, Severity.WARNING, f"output '{o['output']}' differs from "
                                         f"onnxruntime: {describe(o)}", model, target,
                                         loc=Location(tensor=o["output"])))
    return out


def apply_config(outcome: BuildOutcome | None, config) -> None:
    """--select / --ignore and severity overrides of the config, applied to a build's findings (in place), as
    the engine applies them to the static ones."""
    if outcome is None:
        return
    from ..config import rule_selected

    kept = []
    for f in outcome.findings:
        if not rule_selected(f.code, f.name, config.select, config.ignore):
            continue
        sev = config.severity.get(f.code)
        kept.append(dataclasses.replace(f, severity=sev) if sev is not None else f)
    outcome.findings[:] = kept
