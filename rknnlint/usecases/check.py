"""The `check` use case: config -> lint context -> engine -> baseline -> report, with nothing printed.

The CLI turns arguments into a CheckRequest and renders the CheckResult; the Python API (rknnlint.check)
runs the same engine on the same context, so both give the same findings.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..config import Config
from ..context import LintContext, build_context
from ..errors import UsageError
from ..report import Report


@dataclass(frozen=True)
class CheckRequest:
    """One check: the models, the merged config, and what to do with a baseline and a source config."""

    paths: Sequence[str | Path]
    config: Config
    source: str | Path | None = None  # source config (onnx_source.yaml) for RKN960
    baseline: str | None = None  # default: the config's `baseline`
    update_baseline: bool = False
    progress: Callable[[int, int, str], None] | None = None  # (done, total, path) after each model
    # `--input-shape`: these inputs pinned in memory, as load_onnx(inputs=..., input_size_list=...) builds them
    input_shapes: dict[str, tuple[int, ...]] | None = None

    @property
    def baseline_path(self) -> str | None:
        return self.baseline or self.config.baseline


@dataclass(frozen=True)
class CheckResult:
    """What a check produced: the report (baseline findings already hidden), the context it ran in, and
    what happened to the baseline. `exit_code` is the command's."""

    report: Report
    context: LintContext
    baseline_path: str | None = None
    hidden: int = 0  # findings hidden by the baseline
    recorded: int | None = None  # findings written to the baseline (--update-baseline)
    baseline_refused: bool = False  # --update-baseline with unreadable models: nothing written
    baseline_missing: bool = False  # the config's `baseline` names a file not written yet: nothing hidden
    stale: tuple[dict, ...] = ()  # baseline entries of the checked models that match no finding any more

    @property
    def exit_code(self) -> int:
        if self.baseline_refused:
            return 2
        if self.recorded is not None:
            return 0
        return self.report.exit_code


def prepare(request: CheckRequest) -> tuple[LintContext, set[str] | None]:
    """The context and the baseline's fingerprints: every usage error (unknown target, bad baseline or
    source config) before any model is read."""
    if request.update_baseline and not request.baseline_path:
        raise UsageError("--update-baseline needs --baseline FILE (or 'baseline' in the config)")
    context = build_context(request.config, source=request.source)
    known = None
    if request.baseline_path and not request.update_baseline and not _missing_config_baseline(request):
        from .. import baseline

        known = baseline.load(request.baseline_path)
    return context, known


def _missing_config_baseline(request: CheckRequest) -> bool:
    """The config file names a baseline that does not exist yet (a fresh clone, before the first
    --update-baseline): not an error, nothing is hidden. A missing --baseline FILE stays an error."""
    return request.baseline is None and bool(request.config.baseline) and not Path(request.config.baseline).exists()


def run(request: CheckRequest, prepared: tuple[LintContext, Any] | None = None) -> CheckResult:
    """Check the models; apply or update the baseline."""
    from ..engine import run_check

    context, known = prepared or prepare(request)
    report = run_check(request.paths, request.config, context, progress=request.progress,
                       input_shapes=request.input_shapes)
    path = request.baseline_path
    if request.update_baseline:
        from .. import baseline

        if report.unreadable:  # a baseline without some models' findings would hide them later
            return CheckResult(report, context, path, baseline_refused=True)
        return CheckResult(report, context, path, recorded=baseline.write(report, path))
    hidden, stale = 0, []
    if known is not None:
        from .. import baseline

        stale = baseline.stale(report, known)
        report, hidden = baseline.filter_report(report, known)
    return CheckResult(report, context, path, hidden=hidden, baseline_missing=_missing_config_baseline(request),
                       stale=tuple(stale))
