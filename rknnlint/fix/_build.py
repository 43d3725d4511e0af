"""`fix --build`: the real rknn-toolkit2 build of the original and of the fixed model, side by side, so that a fix
that moves layers to the CPU (or crashes where the original built) is caught by the toolkit itself, not only by
the static check's placement guard."""
from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import onnx

CONTROL = frozenset({"InputOperator", "OutputOperator"})


@dataclass
class BuildCheck:
    """What the real builds said: statuses, CPU layers per op type, and what the fix added."""

    target: str
    dtype: str
    original: str
    fixed: str
    original_cpu: dict[str, int] = field(default_factory=dict)
    fixed_cpu: dict[str, int] = field(default_factory=dict)
    error: str = ""

    @property
    def added(self) -> dict[str, int]:
        """CPU layers the fixed build has beyond the original's (only when the original built)."""
        if self.original != "built":
            return {}
        return {op: n - self.original_cpu.get(op, 0) for op, n in sorted(self.fixed_cpu.items())
                if n > self.original_cpu.get(op, 0)}

    @property
    def ok(self) -> bool:
        return self.fixed == "built" and not self.added

    def line(self) -> str:
        def cpu(d: dict[str, int]) -> str:
            total = sum(d.values())
            return f"{total} CPU layer(s)" + (f": {', '.join(f'{k} x{v}' for k, v in d.items())}" if total else "")

        orig = f"original {self.original}" + (f" ({cpu(self.original_cpu)})" if self.original == "built" else "")
        fixed = f"fixed {self.fixed}" + (f" ({cpu(self.fixed_cpu)})" if self.fixed == "built" else f": {self.error}")
        text = f"{self.target} {self.dtype}: {orig}; {fixed}"
        if self.added:
            text += "; the fix adds CPU layers the original did not have: " + \
                ", ".join(f"{k} x{v}" for k, v in self.added.items())
        return text

    def to_dict(self) -> dict:
        return {"target": self.target, "dtype": self.dtype, "original": self.original, "fixed": self.fixed,
                "original_cpu": self.original_cpu, "fixed_cpu": self.fixed_cpu, "added_cpu": self.added,
                "error": self.error, "ok": self.ok}


def _cpu(layers) -> dict[str, int]:
    out: dict[str, int] = {}
    for lay in layers:
        if lay.target == "CPU" and lay.op_type not in CONTROL:
            out[lay.op_type] = out.get(lay.op_type, 0) + 1
    return dict(sorted(out.items()))


def build_check(original: Path, fixed: onnx.ModelProto, target: str, dtype: str, timeout: float = 600.0) -> BuildCheck:
    """Build `original` (a file) and `fixed` (written to a temporary folder) with the real toolkit, in two child
    processes at once."""
    from ..toolkit.logparse import parse_outcome
    from ..toolkit.runner import BuildJob, StartedBuild, ToolkitMissing, toolkit_available

    if not toolkit_available():
        raise ToolkitMissing("fix --build needs rknn-toolkit2 in this Python environment")
    with tempfile.TemporaryDirectory(prefix="rknnlint-fix-build-") as tmp:
        path = Path(tmp) / original.name
        onnx.save(fixed, path, save_as_external_data=fixed.ByteSize() > 1_800_000_000)
        jobs = [BuildJob(model=str(original), target=target, dtype=dtype),
                BuildJob(model=str(path), target=target, dtype=dtype)]
        started = [StartedBuild(j) for j in jobs]
        outs = [parse_outcome(s.finish(timeout, None, False), j.model, target, dtype) for s, j in zip(started, jobs)]
    o, f = outs
    return BuildCheck(target, dtype, str(o.status), str(f.status), _cpu(o.layers), _cpu(f.layers),
                      "" if f.built else (f.error or str(f.status))[:300])
