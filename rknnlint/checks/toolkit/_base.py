from __future__ import annotations

from typing import Any, ClassVar

from ...finding import Finding, Location, Severity
from ...rule import Rule


class BuildRule(Rule):
    """A rule whose findings come from a real toolkit build (rknnlint/toolkit/logparse.py), not from the graph:
    the static check runs it and it finds nothing; `--select` / `--ignore` / severity overrides apply to the
    build's findings (toolkit.logparse.apply_config)."""

    build_only: ClassVar[bool] = True

    def check(self, ctx):
        return iter(())

    @classmethod
    def finding(cls, msg: str, model: str, target: str, severity: Severity | None = None, hint: str = "",
                loc: Location | None = None, **data: Any) -> Finding:
        return Finding(cls.code, cls.name, severity or cls.severity, msg, loc or Location(), hint=hint, target=target,
                       model=model, data={"source": "build", **{k: v for k, v in data.items() if v is not None}})
