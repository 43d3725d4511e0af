"""SARIF 2.1.0 report for code-scanning dashboards (GitHub, GitLab, Azure DevOps); docs/schemas/sarif.schema.json
describes it."""
from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import quote

from ..finding import Severity
from ._common import fingerprint, rule_docs

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
# No helpUri / informationUri: SARIF wants absolute URIs there and rknnlint has no public address. The rule
# documentation (docs/rules/<code>.md, generated from the same docstrings) is in help.text.


def _uri(path: str) -> str:
    """A URI reference, as SARIF wants: relative paths percent-encoded with forward slashes, absolute ones file: URIs."""
    p = Path(path)
    return quote(p.as_posix()) if not p.is_absolute() else p.as_uri()


def to_sarif(report) -> dict:
    from .. import __version__

    rules = rule_docs(f.code for f in report.findings)
    index = {c: i for i, c in enumerate(rules)}
    driver_rules = []
    for code, r in rules.items():
        s = r.doc_sections()
        full = "\n\n".join(f"{k}:\n{s[k]}" for k in ("What it does", "Why the NPU cares", "How to fix", "Fix safety") if s.get(k))
        driver_rules.append({
            "id": code,
            "name": r.name,
            "shortDescription": {"text": r.title() or r.name},
            "fullDescription": {"text": s.get("What it does") or r.title() or r.name},
            "help": {"text": full or r.name},
            "defaultConfiguration": {"level": LEVEL[r.severity]},
            "properties": {"tags": ["rknn"] + ([f"fix:{r.fix.level.value}"] if r.fix else [])},
        })
    results = []
    for f in sorted(report.findings, key=lambda x: x.sort_key()):
        loc = f.location
        logical = {"fullyQualifiedName": str(loc), "kind": "function" if loc.kind == "node" else "variable"}
        if loc.node_name or loc.tensor:
            logical["name"] = loc.node_name or loc.tensor
        msg = f.message + (f" Fix: {f.hint}" if f.hint else "")
        res = {
            "ruleId": f.code,
            "level": LEVEL[f.severity],
            "message": {"text": f"[{f.target}] {msg}" if f.target else msg},
            "locations": [{
                "physicalLocation": {"artifactLocation": {"uri": _uri(f.model)}},
                "logicalLocations": [logical],
            }],
            "partialFingerprints": {"rknnlint/v1": fingerprint(f)},
            "properties": {"target": f.target, "status": f.status.value},
        }
        if f.code in index:
            res["ruleIndex"] = index[f.code]
        results.append(res)
    notifications = [
        {"level": "error", "message": {"text": m.error}, "locations": [{"physicalLocation": {"artifactLocation": {"uri": _uri(m.path)}}}]}
        for m in report.unreadable
    ]
    run = {
        "tool": {"driver": {"name": "rknnlint", "version": __version__, "rules": driver_rules}},
        "artifacts": [{"location": {"uri": _uri(m.path)}} for m in report.models],
        "results": results,
        "invocations": [{"executionSuccessful": not report.unreadable, "exitCode": report.exit_code,
                         "toolExecutionNotifications": notifications}],
        "properties": {"targets": list(report.targets), "failOn": str(report.fail_on),
                       "toolkit": report.toolkit.to_dict() if report.toolkit is not None else None},
    }
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


def render(report, stream, **_) -> None:
    json.dump(to_sarif(report), stream, indent=2)
    stream.write("\n")
