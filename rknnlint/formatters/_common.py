"""Helpers shared by the CI formatters: stable fingerprints and rule lookup."""
from __future__ import annotations

import hashlib


def fingerprint(f) -> str:
    """A fingerprint that survives re-exports: rule code, model path, target and node (or tensor) name.

    The node index is left out on purpose: inserting a node upstream shifts every index, but names stay.
    """
    loc = f.location
    where = loc.node_name or (f"{loc.op_type}#{loc.node_index}" if loc.node_index >= 0 else "") or loc.tensor
    key = "\x1f".join((f.code, f.model.replace("\\", "/"), f.target, "/".join(loc.graph_path), where))
    if (f.data or {}).get("source") == "build":  # `check --build`: the build's RKN201 is not the static RKN201
        key += "\x1fbuild"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def rule_docs(codes) -> dict:
    """code -> rule class, for the codes that appear in a report (unknown codes are skipped)."""
    from ..rule import all_rules

    rules = all_rules()
    return {c: rules[c] for c in sorted(set(codes)) if c in rules}


def color_wanted(stream, color: str | None = None) -> bool:
    """--color always / never / auto; auto: a terminal, unless NO_COLOR is set; FORCE_COLOR turns it on
    (https://no-color.org, https://force-color.org). Piped output gets no escape codes."""
    import os

    if color == "always":
        return True
    if color == "never":
        return False
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def group_targets(findings) -> list[tuple]:
    """Findings of one model, the same finding for several targets folded into one: [(finding, targets)].
    Two findings are the same when code, severity, location, hint and message agree once each one's target
    name is taken out of its message; the first keeps its place."""
    groups: dict[tuple, list] = {}
    for f in findings:
        text = f.message.replace(f.target, "\x00") if f.target else f.message
        key = (f.code, int(f.severity), f.location, f.hint, text)
        groups.setdefault(key, []).append(f)
    out = []
    for fs in groups.values():
        targets = tuple(dict.fromkeys(f.target for f in fs if f.target))
        first = fs[0]
        if len(targets) > 1 and first.target in first.message:
            from dataclasses import replace

            first = replace(first, message=first.message.replace(first.target, "/".join(targets)))
        out.append((first, targets))
    return out


LONG_SEGMENT = 120  # characters: a list this long is said once per model, then referred to
LIST_SHOWN = 3  # items of a long list shown (the JSON report and --verbose have all)


class ListsOnce:
    """Says a long list in a message (the tensors a head cut ends at, in every head finding of a model) once
    per model and short: its first items and a count, and later findings that repeat it refer to the first
    ('... (as listed for RKN704 above)'). `full=True` (--verbose) keeps every item."""

    def __init__(self, full: bool = False) -> None:
        self.seen: dict[str, str] = {}
        self.full = full

    def __call__(self, code: str, message: str) -> str:
        import re

        parts = message.split("; ")
        for i, part in enumerate(parts):
            cut = part.find("'")
            lst = part[cut:] if cut > 0 else ""
            if len(lst) < LONG_SEGMENT:
                continue
            if lst in self.seen:
                parts[i] = f"{part[:cut].rstrip()} ... (as listed for {self.seen[lst]} above)"
                continue
            self.seen[lst] = code
            items = re.split(r", (?=')", lst)
            if not self.full and len(items) > LIST_SHOWN + 1:
                parts[i] = part[:cut] + ", ".join(items[:LIST_SHOWN]) + f" and {len(items) - LIST_SHOWN} more"
        return "; ".join(parts)


def statistics(report) -> list[tuple[int, str, str, str, str]]:
    """(count, code, name, severity, fix) per rule, most frequent first: `check --statistics`."""
    from collections import Counter

    counts = Counter(f.code for f in report.findings)
    first = {}
    for f in report.findings:
        first.setdefault(f.code, f)
    rows = [(n, c, first[c].name, str(first[c].severity), first[c].fix_applicability if first[c].fix else "-")
            for c, n in counts.items()]
    return sorted(rows, key=lambda r: (-r[0], r[1]))
