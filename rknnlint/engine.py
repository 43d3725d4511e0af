"""Run the rules over a model for each target and turn violations into located, filtered, sorted findings."""
from __future__ import annotations

import time
from collections.abc import Iterable
from pathlib import Path

import onnx

from .config import Config, node_ignored, rule_selected
from .context import LintContext
from .errors import RknnlintError, UsageError
from .finding import Finding, Location, Severity, Status
from .graph import ModelView, NodeRef
from .platforms import Platform, resolve_targets
from .report import ModelReport, Report
from .rule import Rule, Violation, all_rules

SUPPRESS_TAG = "rknnlint: ignore"


def selected_rules(config: Config) -> list[Rule]:
    rules = all_rules()
    for code in list(config.select) + list(config.ignore) + list(config.severity):
        c = code.strip()
        if c.upper() != "ALL" and not any(k.startswith(c.upper()) or r.name == c for k, r in rules.items()):
            raise UsageError(f"unknown rule code or name '{code}' (see `rknnlint rules`)")
    return [cls() for code, cls in rules.items() if rule_selected(code, cls.name, config.select, config.ignore)]


def _locate(view: ModelView, target: object) -> Location:
    if isinstance(target, NodeRef):
        return target.location
    if isinstance(target, str):
        return Location(tensor=target)
    return Location()


def _doc_suppressed(target: object, code: str) -> bool:
    """A node whose doc_string holds 'rknnlint: ignore[RKN601]' (or bare 'rknnlint: ignore') is skipped."""
    if not isinstance(target, NodeRef):
        return False
    doc = target.node.doc_string
    if SUPPRESS_TAG not in doc:
        return False
    rest = doc.split(SUPPRESS_TAG, 1)[1]
    if not rest.startswith("["):
        return True
    codes = rest[1:].split("]", 1)[0]
    return any(code.startswith(c.strip().upper()) for c in codes.split(",") if c.strip())



def _guarded(rule: Rule, ctx: LintContext):
    """A rule's violations; a rule that raises becomes one RKN000 warning instead of a crash of the whole run.
    RKNNLINT_DEBUG=1 (set by the test suite) re-raises, so rule bugs fail tests."""
    import os

    try:
        yield from rule.check(ctx)
    except Exception as e:
        if os.environ.get("RKNNLINT_DEBUG"):
            raise
        yield Violation(None, f"internal error in rule {rule.code} ({type(e).__name__}: {e}); the rule was skipped. "
                              "Please report this with the model.", severity=Severity.WARNING,
                        data={"internal_error": True, "rule": rule.code})


def lint_view(view: ModelView, platform: Platform, target: str, config: Config, rules: list[Rule],
              model_label: str = "") -> list[Finding]:
    """Findings of the selected rules on one model for one target."""
    ctx = LintContext(view, platform, target, config.dtype)
    out: list[Finding] = []
    for rule in rules:
        if rule.platforms is not None and platform.family not in rule.platforms:
            continue
        seen: set[tuple] = set()
        for v in _guarded(rule, ctx):
            loc = _locate(view, v.target)
            if _doc_suppressed(v.target, rule.code) or node_ignored(loc.node_name, rule.code, config.per_node_ignores):
                continue
            key = (loc, v.message)
            if key in seen:
                continue
            seen.add(key)
            sev = config.severity.get(rule.code) or v.severity or rule.severity
            out.append(Finding(
                code=rule.code, name=rule.name, severity=sev, message=v.message, location=loc, hint=v.hint,
                status=Status.UNKNOWN if v.unknown else Status.FAIL, target=target, model=model_label,
                fix=rule.fix, fix_applicability=rule.fix_applicability, data=v.data))
    out.sort(key=Finding.sort_key)
    return out


def check_model(source: str | Path | onnx.ModelProto, config: Config, rules: list[Rule] | None = None,
                label: str | None = None) -> ModelReport:
    """Check one model for the config's targets; a model that cannot be read gives a report with `error`."""
    from .loader import load_model

    start = time.perf_counter()
    targets = resolve_targets(config.target)
    rules = selected_rules(config) if rules is None else rules
    path = None if isinstance(source, onnx.ModelProto) else Path(source)
    name = label or (str(path) if path else "<model>")
    report = ModelReport(name, [t for t, _ in targets])
    try:
        model = source if isinstance(source, onnx.ModelProto) else load_model(path)
        view = ModelView(model, path)
        for target, platform in targets:
            findings = lint_view(view, platform, target, config, rules, name)
            report.findings.extend(findings)
            report.verdicts[target] = "fails" if any(f.severity >= Severity.ERROR for f in findings) else "builds"
    except RknnlintError as e:
        report.error = str(e)
    report.seconds = time.perf_counter() - start
    return report


def expand_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Files named directly, and every *.onnx below a named directory, in sorted order."""
    out: list[Path] = []
    for p in paths:
        p = Path(p)
        if p.is_dir():
            found = sorted(x for x in p.rglob("*.onnx") if x.is_file() and not x.name.endswith(".rknn-ready.onnx"))
            if not found:
                raise UsageError(f"{p}: no *.onnx files in this directory")
            out.extend(found)
        else:
            out.append(p)
    if not out:
        raise UsageError("no model given")
    return out


def check(paths: str | Path | onnx.ModelProto | Iterable[str | Path], target: str | None = None,
          config: Config | None = None, **overrides) -> Report:
    """Check models and return a Report. The Python API behind `rknnlint check`.

    >>> report = rknnlint.check("model.onnx", target="rk3588")
    >>> report.exit_code, [f.code for f in report.findings]
    """
    from dataclasses import replace

    cfg = config or Config()
    if target:
        cfg = replace(cfg, target=target)
    if overrides:
        cfg = cfg.merged({k.replace("_", "-"): v for k, v in overrides.items()}, where="check()")
    resolve_targets(cfg.target)  # an unknown target is a usage error before any model is read
    if isinstance(paths, onnx.ModelProto):
        reports = [check_model(paths, cfg)]
    else:
        items = [paths] if isinstance(paths, (str, Path)) else list(paths)
        reports = []
        for p in expand_paths(items):
            c = cfg.for_path(str(p))
            reports.append(check_model(p, c))
    return Report(reports, cfg.fail_on, [t for t, _ in resolve_targets(cfg.target)])
