"""Baselines: record today's findings so that CI fails only on new ones.

The file is versioned JSON: {"rknnlint-baseline": 1, "findings": {fingerprint: {code, model, target, location}}}.
A fingerprint is rule code + model path + target + node name (see formatters/_common.py), so a baseline
survives re-exports that renumber nodes but not a renamed node or model.
"""
from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from .errors import UsageError
from .formatters._common import fingerprint

VERSION = 1
KEY = "rknnlint-baseline"


def load(path: str) -> dict[str, dict]:
    """fingerprint -> recorded entry {code, model, target, location, message}; a missing, corrupt or
    other-version file is a usage error."""
    p = Path(path)
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UsageError(f"--baseline {p}: file not found (create it with --update-baseline)") from None
    except (OSError, UnicodeDecodeError) as e:
        raise UsageError(f"--baseline {p}: cannot read: {getattr(e, 'strerror', None) or e}") from None
    except ValueError:
        raise UsageError(f"--baseline {p}: not a baseline file (corrupt JSON); recreate it with --update-baseline") from None
    if not isinstance(data, dict) or KEY not in data:
        raise UsageError(f"--baseline {p}: not an rknnlint baseline file")
    if data[KEY] != VERSION:
        raise UsageError(f"--baseline {p}: baseline format version {data[KEY]!r}, this rknnlint reads version {VERSION}; "
                         "recreate it with --update-baseline")
    found = data.get("findings")
    if not isinstance(found, dict):
        raise UsageError(f"--baseline {p}: not an rknnlint baseline file (no findings table)")
    return {k: (v if isinstance(v, dict) else {}) for k, v in found.items()}


def write(report, path: str) -> int:
    """Write every finding of `report` as the new baseline, atomically; returns how many were recorded."""
    from . import __version__

    entries = {}
    for f in sorted(report.findings, key=lambda x: x.sort_key()):
        entries[fingerprint(f)] = {"code": f.code, "model": f.model, "target": f.target, "location": str(f.location),
                                   "message": f.message}
    data = {KEY: VERSION, "rknnlint-version": __version__, "findings": entries}
    from ._files import write_text_atomic

    write_text_atomic(Path(path), json.dumps(data, indent=1, sort_keys=True) + "\n", "--baseline")
    return len(entries)


def stale(report, known: dict[str, dict]) -> list[dict]:
    """Entries of the baseline for the models of this report that match none of its findings: the finding
    was fixed, or its node or model renamed. (Entries of models not checked this time are not judged.)"""
    checked = {_norm(m.path) for m in report.models if not m.error}
    current = {fingerprint(f) for f in report.findings}
    out = [e for k, e in known.items() if k not in current and _norm(str(e.get("model", ""))) in checked]
    return sorted(out, key=lambda e: (str(e.get("code")), str(e.get("model")), str(e.get("location"))))


def _norm(path: str) -> str:
    return path.replace("\\", "/").removeprefix("./")


def filter_report(report, known: set[str] | dict[str, dict]):
    """The report without the findings whose fingerprint is in the baseline; returns (report, n_hidden)."""
    hidden = 0
    for m in report.models:
        keep = [f for f in m.findings if fingerprint(f) not in known]
        hidden += len(m.findings) - len(keep)
        m.findings = keep
    return replace(report), hidden
