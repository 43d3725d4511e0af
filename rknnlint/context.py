"""The lint context: everything one run is about (targets, dtype, toolkit version, source config), built
once from the config and handed to the engine; and what one rule sees for one model and one target.

No module global or context variable stands in for any of it: the Python API and the CLI build the same
context from the same config, so they give the same findings.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .platforms import OpFact, Platform

if TYPE_CHECKING:
    from .config import Config
    from .graph import ModelView


@dataclass(frozen=True)
class ToolkitChoice:
    """The rknn-toolkit2 version whose facts a run uses, and why that one.

    origin: "given" (--toolkit-version / config / API), "installed" (read from the installed package's
    metadata), "newest measured" (no toolkit installed: the newest version in rules/measured/), or "none".
    measured: whether the target families have op tables measured with this version (rules/measured/).
    """

    version: str
    origin: str
    measured: bool = False

    def describe(self) -> str:
        """One phrase for reports: 'rknn-toolkit2 2.5.0 (installed, measured tables)'."""
        if not self.version:
            return "rknn-toolkit2 version unknown (documented tables only)"
        tables = "measured tables" if self.measured else "no op tables measured with this version"
        return f"rknn-toolkit2 {self.version} ({self.origin}; {tables})"

    def to_dict(self) -> dict[str, Any]:
        return {"version": self.version, "origin": self.origin, "measured": self.measured}


@dataclass(frozen=True)
class LintContext:
    """One run: the targets with their platform facts, the planned dtype, the toolkit version and the
    source config. Built by `build_context`; rules read it through `RuleContext.lint`."""

    targets: tuple[tuple[str, Platform], ...]
    dtype: str = "float16"
    toolkit: ToolkitChoice = field(default_factory=lambda: ToolkitChoice("", "none"))
    source: Any = None  # workflow.source.SourceConfig from `check --source` / check(source=...), else None
    target_spec: str = "rk3588"
    rules_dir: str = ""

    @property
    def toolkit_version(self) -> str:
        return self.toolkit.version

    @property
    def target_names(self) -> list[str]:
        return [t for t, _ in self.targets]

    def for_config(self, config: Config) -> LintContext:
        """This context for a per-path config: the same object unless the target, dtype or toolkit changed."""
        same_toolkit = not config.toolkit_version or config.toolkit_version == self.toolkit.version
        if config.target == self.target_spec and config.dtype == self.dtype and same_toolkit:
            return self
        ctx = build_context(config, source=self.source, rules_folder=self.rules_dir or None,
                            toolkit_version=config.toolkit_version or self.toolkit.version or None)
        if same_toolkit:  # the version is still the run's: keep saying where it came from
            ctx = replace(ctx, toolkit=replace(self.toolkit, measured=ctx.toolkit.measured))
        return ctx

    def rule_context(self, view: ModelView, target: str, platform: Platform) -> RuleContext:
        return RuleContext(view, platform, target, self)


@dataclass(frozen=True)
class RuleContext:
    """What a rule sees: one model checked for one target, within a run's LintContext."""

    view: ModelView
    platform: Platform
    target: str
    lint: LintContext

    @property
    def dtype(self) -> str:
        """The build the user plans: float16 or int8."""
        return self.lint.dtype

    @property
    def source(self) -> Any:
        return self.lint.source

    @property
    def toolkit_version(self) -> str:
        return self.lint.toolkit.version

    @property
    def family(self) -> str:
        return self.platform.family

    def placement(self, op_type: str) -> OpFact | None:
        return self.platform.op(op_type)

    @property
    def quantized(self) -> bool:
        return self.dtype == "int8"


def choose_toolkit(version: str | None = None, rules_folder: str | Path | None = None) -> ToolkitChoice:
    """The toolkit version a run uses: the one given, else the installed one (package metadata; rknn is
    never imported), else the newest version measured in rules/measured/."""
    from .platforms import default_toolkit_version

    if version:
        return ToolkitChoice(version, "given")
    return ToolkitChoice(*default_toolkit_version(rules_folder))


def build_context(config: Config, source: Any = None, rules_folder: str | Path | None = None,
                  toolkit_version: str | None = None) -> LintContext:
    """The run's context from a config: targets resolved (an unknown one is a usage error), the toolkit
    version chosen, the source config (a path is loaded; a SourceConfig is kept)."""
    from . import platforms

    folder = str(rules_folder or platforms.rules_dir())
    choice = choose_toolkit(toolkit_version or config.toolkit_version, folder)
    fams = platforms.families(Path(folder), toolkit_version=choice.version)
    targets = tuple(platforms.resolve_targets(config.target, fams))
    measured = bool(choice.version) and all(
        platforms.has_measured(Path(folder), p.family, choice.version) for _, p in targets)
    if isinstance(source, (str, Path)):
        from .workflow.source import load_source

        source = load_source(source)
    return LintContext(targets, config.dtype, ToolkitChoice(choice.version, choice.origin, measured), source,
                       config.target, folder)
