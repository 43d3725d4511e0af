"""Run the rules over a model for each target and turn violations into located, filtered, sorted findings."""
from __future__ import annotations

import time
from collections.abc import Iterable
from pathlib import Path

import onnx

from .config import Config, node_ignored, rule_selected
from .context import LintContext, RuleContext, build_context
from .errors import RknnlintError, UsageError
from .finding import Finding, Location, Severity, Status
from .graph import ModelView, NodeRef
from .pinned import PinError
from .platforms import Platform
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



def _guarded(rule: Rule, ctx: RuleContext):
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
              model_label: str = "", lint: LintContext | None = None) -> list[Finding]:
    """Findings of the selected rules on one model for one target, within the run's context (default: the
    context the config alone gives)."""
    lint = lint if lint is not None else build_context(config)
    ctx = lint.rule_context(view, target, platform)
    out: list[Finding] = []
    for rule in rules:
        if not rule.applies_to(platform):
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
            # the first fix of the rule's chain that is for this finding (a fallback can be for other ops)
            fix = next((x for x in rule.fix.chain() if x.applies_to(loc.op_type, v.data)), None) if rule.fix else None
            out.append(Finding(
                code=rule.code, name=rule.name, severity=sev, message=v.message, location=loc, hint=v.hint,
                status=Status.UNKNOWN if v.unknown else Status.FAIL, target=target, model=model_label,
                fix=fix.name if fix else None, fix_applicability=fix.level.value if fix else None, data=v.data))
    out.sort(key=Finding.sort_key)
    return out


def lint_model(view: ModelView, config: Config, lint: LintContext, rules: list[Rule] | None = None,
               model_label: str = "") -> list[Finding]:
    """Findings of the selected rules on one model for every target of the context."""
    rules = selected_rules(config) if rules is None else rules
    out: list[Finding] = []
    for target, platform in lint.targets:
        out.extend(lint_view(view, platform, target, config, rules, model_label, lint))
    return out


def check_model(source: str | Path | onnx.ModelProto, config: Config, rules: list[Rule] | None = None,
                label: str | None = None, lint: LintContext | None = None,
                input_shapes: dict[str, tuple[int, ...]] | None = None) -> ModelReport:
    """Check one model for the context's targets; a model that cannot be read gives a report with `error`.
    `input_shapes` (`check --input-shape`): these static dims are written into the graph inputs first, in memory
    (the model as `load_onnx(inputs=..., input_size_list=...)` builds it); a name or shape that does not fit the
    model is a UsageError."""
    from .loader import load_model

    start = time.perf_counter()
    lint = lint if lint is not None else build_context(config)
    rules = selected_rules(config) if rules is None else rules
    path = None if isinstance(source, onnx.ModelProto) else Path(source)
    name = label or (str(path) if path else "<model>")
    report = ModelReport(name, lint.target_names)
    try:
        model = source if isinstance(source, onnx.ModelProto) else load_model(path)
        if input_shapes:
            from .pinned import pin_inputs

            if isinstance(source, onnx.ModelProto):  # the caller's model stays as it was
                model = onnx.ModelProto.FromString(source.SerializeToString())
            pin_inputs(model, input_shapes)
        view = ModelView(model, path)
        for target, platform in lint.targets:
            findings = lint_view(view, platform, target, config, rules, name, lint)
            report.findings.extend(findings)
            report.verdicts[target] = "fails" if any(f.severity >= Severity.ERROR for f in findings) else "builds"
    except PinError:  # a pinned shape that does not fit the model: the command's error, not the model's
        raise
    except RknnlintError as e:
        report.error = str(e)
    report.seconds = time.perf_counter() - start
    return report


def expand_paths(paths: Iterable[str | Path], config: Config | None = None) -> list[Path]:
    """The model files the paths cover, in sorted order per folder (discover.py: excluded folders, git-ignored
    files and post-processing tails left out)."""
    from .discover import discover

    items = list(paths)
    if not items:
        raise UsageError("no model given")
    return discover(items, config).files


def api_config(target: str | None = None, config: Config | None = None, **overrides) -> Config:
    """The config of a Python API call: `config` (default: built-in defaults), then `target`, then the
    keyword overrides (config-file key names with '_' for '-': fail_on=, toolkit_version=, ...)."""
    from dataclasses import replace

    cfg = config or Config()
    if target:
        cfg = replace(cfg, target=target)
    if overrides:
        cfg = cfg.merged({k.replace("_", "-"): v for k, v in overrides.items()}, where="check()")
    return cfg


def run_check(paths: str | Path | onnx.ModelProto | Iterable[str | Path], config: Config, lint: LintContext,
              progress=None, input_shapes: dict[str, tuple[int, ...]] | None = None) -> Report:
    """Check models within one context. Per-path config tables apply per model; `progress(done, total,
    path)` is called after each model when given; `input_shapes` pins those inputs of every model (check_model)."""
    rules = selected_rules(config)
    if isinstance(paths, onnx.ModelProto):
        reports = [check_model(paths, config, rules, lint=lint, input_shapes=input_shapes)]
    else:
        from .discover import discover

        items = [paths] if isinstance(paths, (str, Path)) else list(paths)
        if not items:
            raise UsageError("no model given")
        found = discover(items, config)
        files = found.files
        reports = []
        for i, p in enumerate(files, 1):
            c = config.for_path(str(p))
            reports.append(check_model(p, c, rules if c is config else None, lint=lint.for_config(c),
                                       input_shapes=input_shapes))
            if progress is not None:
                progress(i, len(files), str(p))
        return Report(reports, config.fail_on, lint.target_names, toolkit=lint.toolkit, skipped=found.skipped)
    return Report(reports, config.fail_on, lint.target_names, toolkit=lint.toolkit)


def check(paths: str | Path | onnx.ModelProto | Iterable[str | Path], target: str | None = None,
          config: Config | None = None, source=None, **overrides) -> Report:
    """Check models and return a Report. The Python API behind `rknnlint check`: the same config gives
    the same context, so the same findings, as the command line.

    >>> report = rknnlint.check("model.onnx", target="rk3588", toolkit_version="2.5.0")
    >>> report.exit_code, [f.code for f in report.findings], report.toolkit.version

    `source`: a source config (path or workflow.source.SourceConfig), as `check --source`.
    """
    cfg = api_config(target, config, **overrides)
    lint = build_context(cfg, source=source)  # an unknown target is a usage error before any model is read
    return run_check(paths, cfg, lint)
