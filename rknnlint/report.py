"""The result of a check: per model, per target, the findings; plus the summary and the exit code."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .finding import Finding, Severity

JSON_SCHEMA_VERSION = "1.0"


@dataclass
class ModelReport:
    """Findings for one model file (all targets checked), or the one-line reason it could not be read."""

    path: str
    targets: list[str]
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None
    seconds: float = 0.0
    # targets -> verdict: "fails" when an error finding predicts the build fails, else "builds"
    verdicts: dict[str, str] = field(default_factory=dict)

    def counts(self) -> dict[str, int]:
        c = {"error": 0, "warning": 0, "info": 0}
        for f in self.findings:
            c[str(f.severity)] += 1
        return c


@dataclass
class Report:
    """Everything one `rknnlint check` produced."""

    models: list[ModelReport]
    fail_on: Severity = Severity.ERROR
    targets: list[str] = field(default_factory=list)
    toolkit: Any = None  # context.ToolkitChoice: the rknn-toolkit2 version whose facts were used
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, why): files found but not checked

    @property
    def toolkit_line(self) -> str:
        """The toolkit version the findings are for, as every report states it."""
        return self.toolkit.describe() if self.toolkit is not None else "rknn-toolkit2 version unknown"

    @property
    def findings(self) -> list[Finding]:
        return [f for m in self.models for f in m.findings]

    @property
    def unreadable(self) -> list[ModelReport]:
        return [m for m in self.models if m.error]

    def failed(self) -> bool:
        return any(f.severity >= self.fail_on for f in self.findings)

    @property
    def exit_code(self) -> int:
        """0 clean, 1 a finding at or above fail_on, 2 a model could not be read."""
        if self.unreadable:
            return 2
        return 1 if self.failed() else 0

    def counts(self) -> dict[str, int]:
        c = {"error": 0, "warning": 0, "info": 0}
        for m in self.models:
            for k, v in m.counts().items():
                c[k] += v
        return c

    def fixable(self) -> int:
        """Findings a plain `rknnlint fix` (safe fixes only) would fix."""
        return sum(1 for f in self.findings if f.fix and f.fix_applicability == "safe")

    def unsafe_fixable(self) -> int:
        """Findings only `rknnlint fix --unsafe-fixes` (or the fix's own flag) would fix."""
        return sum(1 for f in self.findings if f.fix and f.fix_applicability == "unsafe")

    def fixable_text(self) -> str:
        """'2 fixable, 2 more with --unsafe-fixes': what `rknnlint fix` will do, and what it needs for the rest."""
        more = self.unsafe_fixable()
        return f"{self.fixable()} fixable" + (f", {more} more with --unsafe-fixes" if more else "")

    def to_dict(self) -> dict[str, Any]:
        from . import __version__

        return {
            "schema_version": JSON_SCHEMA_VERSION,
            "tool": {"name": "rknnlint", "version": __version__},
            "targets": self.targets,
            "toolkit": self.toolkit.to_dict() if self.toolkit is not None else None,
            "fail_on": str(self.fail_on),
            "exit_code": self.exit_code,
            "summary": {**self.counts(), "fixable": self.fixable(), "fixable_unsafe": self.unsafe_fixable(), "models": len(self.models),
                        "unreadable": len(self.unreadable)},
            "skipped": [{"path": p, "why": why} for p, why in self.skipped],
            "models": [
                {
                    "path": m.path,
                    "error": m.error,
                    "targets": m.targets,
                    "verdicts": m.verdicts,
                    "counts": m.counts(),
                    "seconds": round(m.seconds, 4),
                    "findings": [f.to_dict() for f in m.findings],
                }
                for m in self.models
            ],
        }
