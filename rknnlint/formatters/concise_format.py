"""The concise report (as ruff's `concise`): one line per finding, `path:location: CODE severity message
[targets]`, so that `grep RKN101` keeps the model; then the summary line."""
from __future__ import annotations

from ._common import ListsOnce, color_wanted, group_targets

_SEV = {"error": "\x1b[1;31m", "warning": "\x1b[33m", "info": "\x1b[36m"}


def render(report, stream, color: str | None = None, verbose: bool = False, **_) -> None:
    from .text_format import summary_line

    paint = color_wanted(stream, color)
    multi = len(report.targets) > 1
    for m in report.models:
        if m.error:
            stream.write(f"{m.path}: cannot read: {m.error}\n")
            continue
        once = ListsOnce(full=verbose)
        for f, targets in group_targets(m.findings):
            sev = str(f.severity)
            sev_text = f"{_SEV[sev]}{sev}\x1b[0m" if paint else sev
            where = f" [{', '.join(targets)}]" if multi and targets else ""
            fix = f" [fix: {f.fix_applicability}]" if f.fix else ""
            stream.write(f"{m.path}:{f.location}: {f.code} {sev_text} {once(f.code, f.message)}{where}{fix}\n")
    stream.write(summary_line(report) + "\n")
