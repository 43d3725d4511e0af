"""The terminal report: grouped by model, then severity; the same finding on several targets once; colours
on a terminal (--color, NO_COLOR, FORCE_COLOR)."""
from __future__ import annotations

import re

from ..finding import Severity

SUMMARY_MIN_MODELS = 2  # a per-model summary table from this many models on
INFO_SHOWN = 3  # info findings of one rule shown per model before the rest are counted (without --verbose)
STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def _console(stream, color: str | None = None):
    from rich.console import Console

    from ._common import color_wanted

    on = color_wanted(stream, color)
    isatty = getattr(stream, "isatty", None)
    tty = bool(isatty and isatty())
    return Console(file=stream, force_terminal=on, no_color=not on, highlight=False, soft_wrap=True,
                   emoji=False, width=None if tty else 10_000)


def summary_line(report) -> str:
    """The last line of every text report: verdict, counts, fixable, threshold, toolkit version."""
    c = report.counts()
    n = len(report.models)
    return (f"{'FAIL' if report.exit_code else 'OK'} {n} model{'s' if n != 1 else ''}: {c['error']} error(s), "
            f"{c['warning']} warning(s), {c['info']} info, {report.fixable_text()}; fail-on={report.fail_on}"
            + (f"; {len(report.unreadable)} unreadable" if report.unreadable else "") + f"; {report.toolkit_line}")


Line = list  # [(style, text), ...]: one output line, rich styles ("" for none)


def render(report, stream, verbose: bool = False, quiet: bool = False, color: str | None = None, **_) -> None:
    from ._common import color_wanted

    multi_target = len(report.targets) > 1
    tables = not quiet and (multi_target or len(report.models) >= SUMMARY_MIN_MODELS)
    lines = [] if quiet else list(_model_lines(report, verbose, multi_target))
    verdict, rest = summary_line(report).split(" ", 1)
    last = [("red" if verdict == "FAIL" else "green", verdict), ("", " " + rest)]
    if not tables and not color_wanted(stream, color):
        # plain text, as rich would write it without colour: a pre-commit hook or a CI log pays no rich import
        stream.write("".join("".join(text for _, text in line) + "\n" for line in [*lines, last]))
        return
    from rich.text import Text

    con = _console(stream, color)
    for line in lines:
        con.print(Text.assemble(*((text, style) for style, text in line)))
    if tables and multi_target:
        _matrix(con, report)
    if tables and len(report.models) >= SUMMARY_MIN_MODELS:
        _summary_table(con, report)
    con.print(Text.assemble(*((text, style) for style, text in last)))


def _model_lines(report, verbose: bool, multi_target: bool):
    """The report's lines per model: its findings by severity, advice that repeats folded into a count."""
    from ._common import ListsOnce, group_targets

    for m in report.models:
        if m.error:
            yield [("bold", m.path), ("", ": "), ("red", "cannot read"), ("", f": {m.error}")]
            continue
        if not m.findings:
            yield [("bold", m.path), ("", ": "), ("green", "no findings"), ("", f" ({', '.join(m.targets)})")]
            continue
        yield [("bold", m.path)]
        shown_hints: set[tuple[str, str]] = set()
        shown_why: set[str] = set()  # a rule's why is the same on every node: once per code
        once = ListsOnce(full=verbose)
        grouped = group_targets(m.findings)  # the same finding on several targets: one line naming them
        for sev in (Severity.ERROR, Severity.WARNING, Severity.INFO):
            group = [(f, ts) for f, ts in grouped if f.severity == sev]
            per_code: dict[str, int] = {}
            hidden: dict[str, int] = {}
            for f, targets in group:
                per_code[f.code] = per_code.get(f.code, 0) + 1
                # compact default: advice that repeats on many nodes shows its first cases and a count
                if not verbose and sev == Severity.INFO and per_code[f.code] > INFO_SHOWN:
                    hidden[f.code] = hidden.get(f.code, 0) + 1
                    continue
                line = [("", "  "), (STYLE[sev], f"{str(sev):7}"), ("", " "), ("bold", f.code), ("", " ")]
                if multi_target and targets:
                    line += [("dim", ", ".join(targets)), ("", " ")]
                line.append(("", f"{f.location}: {once(f.code, f.message)}"))
                if f.status.value == "unknown":
                    line.append(("dim", " (unknown: shape or value missing)"))
                if f.fix:
                    line.append(("dim", f" [fix: {f.fix_applicability}]"))
                yield line
                if f.hint and (verbose or (f.code, f.hint) not in shown_hints):
                    shown_hints.add((f.code, f.hint))
                    yield [("", "          "), ("dim", "fix:"), ("", f" {f.hint}")]
                if verbose and f.code not in shown_why:
                    shown_why.add(f.code)
                    why = _why_summary(f.code)
                    if why:
                        yield [("", "          "), ("dim", "why:"), ("", " "), ("dim", why)]
            for code, n in hidden.items():
                yield [("", "  "), (STYLE[sev], f"{str(sev):7}"), ("", " "), ("bold", code), ("", " "),
                       ("dim", f"... and {n} more (--verbose shows all)")]


def _why_summary(code: str) -> str:
    """The first two sentences of a rule's "Why the NPU cares" and where the rest is: the whole section runs to pages
    for the placement rules, too long to read beside each finding."""
    from ..rule import find_rule

    why = " ".join(find_rule(code).doc_sections().get("Why the NPU cares", "").split())
    if not why:
        return ""
    sentences = re.split(r"(?<=[.!?])\s+(?=[A-Za-z])", why)
    head = " ".join(sentences[:2])
    return head if len(sentences) <= 2 else f"{head} (more: docs/rules/{code}.md)"


def _matrix(con, report) -> None:
    from rich.table import Table

    t = Table(title="compatibility (predicted rknn-toolkit2 build)", box=None)
    t.add_column("model")
    for target in report.targets:
        t.add_column(target)
    for m in report.models:
        row = [m.path]
        for target in report.targets:
            if m.error:
                row.append("unreadable")
                continue
            v = m.verdicts.get(target, "-")
            errs = sum(1 for f in m.findings if f.target == target and f.severity == Severity.ERROR)
            warns = sum(1 for f in m.findings if f.target == target and f.severity == Severity.WARNING)
            row.append("[red]fails[/]" if v == "fails" else ("[yellow]builds*[/]" if warns else "[green]builds[/]")
                       + (f" ({errs}E)" if errs else ""))
        t.add_row(*row)
    con.print(t)


def _summary_table(con, report) -> None:
    from rich.table import Table

    t = Table(title="summary", box=None)
    for col in ("model", "errors", "warnings", "info", "time"):
        t.add_column(col)
    for m in report.models:
        c = m.counts()
        t.add_row(m.path, "unreadable" if m.error else str(c["error"]), str(c["warning"]), str(c["info"]), f"{m.seconds:.2f}s")
    con.print(t)
