"""GitHub Actions workflow commands: one ::error / ::warning / ::notice line per finding."""
from __future__ import annotations

from ..finding import Severity

COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _prop(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A").replace(":", "%3A").replace(",", "%2C")


def _data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def render(report, stream, **_) -> None:
    for m in report.unreadable:
        stream.write(f"::error file={_prop(m.path)},title=rknnlint: cannot read::{_data(m.error or '')}\n")
    for f in sorted(report.findings, key=lambda x: x.sort_key()):
        title = f"{f.code} {f.name}" + (f" [{f.target}]" if f.target else "")
        text = f"{f.location}: {f.message}" + (f" Fix: {f.hint}" if f.hint else "")
        stream.write(f"::{COMMAND[f.severity]} file={_prop(f.model)},title={_prop(title)}::{_data(text)}\n")
    c = report.counts()
    stream.write(f"rknnlint: {len(report.models)} model(s), {c['error']} error(s), {c['warning']} warning(s), {c['info']} info\n")
