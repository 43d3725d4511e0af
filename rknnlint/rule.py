"""The rule contract: metadata, a docstring that is the documentation, and a check that yields violations."""
from __future__ import annotations

import importlib
import pkgutil
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, ClassVar

from .finding import Severity
from .rewrites._base import Applicability

if TYPE_CHECKING:
    from .context import RuleContext
    from .graph import NodeRef
    from .rewrites._base import Rewrite

DOC_SECTIONS = ("What it does", "Why the NPU cares", "Example", "How to fix", "Fix safety")
CODE_RE = re.compile(r"^RKN\d{3}$")
NAME_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


# how far `rknnlint fix` may go on its own: a rule may declare a stricter level than its rewrite's, never a looser one
STRICTNESS = {Applicability.SAFE: 0, Applicability.UNSAFE: 1, Applicability.DISPLAY_ONLY: 2}


@dataclass(frozen=True)
class Fix:
    """A rule's fix: a typed reference to the rewrite class that removes its findings. The fix loop, `explain`,
    the rules tables and docs/fixing.md all read this one declaration.

    applicability: how `rknnlint fix` applies it (safe: by default; unsafe: with --unsafe-fixes; display-only:
    advice, applied when named with --rewrite); None means the rewrite's own. options: RewriteOptions fields
    set when this rule asks for the rewrite (the command line wins). fallback: the fix tried next when the
    finding is still there after this one (an exact rewrite that does not apply everywhere, then an
    approximate one). op_types: the fix is for findings on these ops only (empty: every finding)."""

    rewrite: type[Rewrite]
    applicability: Applicability | None = None
    options: tuple[tuple[str, Any], ...] | dict[str, Any] = ()
    fallback: Fix | None = None
    op_types: tuple[str, ...] = ()  # only findings on these ops (a rule over many ops, a rewrite for some)
    data_key: str = ""  # only findings whose data[data_key] names this rewrite (a rule whose data says which fix)

    def __post_init__(self) -> None:
        if isinstance(self.options, dict):
            object.__setattr__(self, "options", tuple(sorted(self.options.items())))

    @property
    def name(self) -> str:
        return self.rewrite.name

    @property
    def level(self) -> Applicability:
        return Applicability(self.applicability or self.rewrite.applicability)

    def applies_to(self, op_type: str, data: dict | None = None) -> bool:
        """Whether this fix is for a finding on that op with that data (the rewrite its data names, where
        data_key is set)."""
        if self.op_types and op_type not in self.op_types:
            return False
        return not self.data_key or (data or {}).get(self.data_key) == self.name

    def applies(self, finding) -> bool:
        return self.applies_to(finding.location.op_type, finding.data)

    @staticmethod
    def first_of(*fixes: Fix) -> Fix:
        """The fixes tried in this order, each the one before's fallback (a rule whose findings each name their
        rewrite, data_key)."""
        out = fixes[-1]
        for f in reversed(fixes[:-1]):
            out = replace(f, fallback=out)
        return out

    def chain(self) -> tuple[Fix, ...]:
        """This fix, then its fallbacks in order."""
        return (self,) + (self.fallback.chain() if self.fallback else ())

    def command(self) -> str:
        """The command that applies it."""
        if self.level is Applicability.DISPLAY_ONLY:
            return f"`rknnlint fix MODEL --rewrite {self.name}`"
        return "`rknnlint fix MODEL --unsafe-fixes`" if self.level is Applicability.UNSAFE else "`rknnlint fix MODEL`"

    def describe(self) -> str:
        """'resize-cubic-to-conv (safe); where it does not apply: resize-cubic-to-linear (unsafe)'."""
        return "; where it does not apply: ".join(
            f"{f.name} ({f.level.value}" + (f", for {'/'.join(f.op_types)}" if f.op_types else "")
            + (f", where the finding's {f.data_key} names it" if f.data_key else "") + ")" for f in self.chain())


@dataclass
class Violation:
    """What a rule yields: the graph object it is about, and what to say. The engine adds the location."""

    target: Any  # NodeRef, a value name (str), or None for the whole model
    message: str
    hint: str = ""
    severity: Severity | None = None  # None: the rule's default
    unknown: bool = False  # the rule could not decide (missing shape or value)
    data: dict[str, Any] = field(default_factory=dict)


class Rule:
    """Base class of every rule. Subclasses set the class attributes and implement one of the checks.

    A rule either lists `op_types` and implements `check_node` (the engine visits those nodes in every
    graph, subgraphs included), or implements `check` over the whole model.
    """

    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[Severity]
    summary: ClassVar[str] = ""
    platforms: ClassVar[tuple[str, ...] | None] = None  # families it applies to; None = all (plugins; core rules use `requires`)
    requires: ClassVar[str | None] = None  # a platform fact (rules/<family>.yaml) that must be true for the rule to run
    op_types: ClassVar[tuple[str, ...]] = ()
    build_only: ClassVar[bool] = False  # found by reading a real toolkit build (checks/toolkit/), never statically
    fix: ClassVar[Fix | None] = None  # the rewrite that fixes its findings (None: no automatic fix)

    @classmethod
    def applies_to(cls, platform) -> bool:
        """Whether the rule runs for a target of this platform (family)."""
        if cls.platforms is not None and platform.family not in cls.platforms:
            return False
        return not cls.requires or bool(platform.fact(cls.requires))

    @classmethod
    def families(cls) -> list[str] | None:
        """The families the rule runs on, from the platform data; None for all."""
        if cls.platforms is None and not cls.requires:
            return None
        from .platforms import families_with

        fams = families_with(cls.requires) if cls.requires else None
        if cls.platforms is not None:
            fams = [f for f in (fams if fams is not None else cls.platforms) if f in cls.platforms]
        return fams

    def check(self, ctx: RuleContext) -> Iterator[Violation]:
        for ref in ctx.view.nodes:
            if ref.op_type in self.op_types and ref.domain in ("", "ai.onnx"):
                yield from self.check_node(ctx, ref)

    def check_node(self, ctx: RuleContext, ref: NodeRef) -> Iterator[Violation]:
        return iter(())

    @classmethod
    def doc_sections(cls) -> dict[str, str]:
        """The docstring split into its sections ('What it does', 'Why the NPU cares', ...)."""
        import inspect

        doc = inspect.cleandoc(cls.__doc__ or "")
        sections: dict[str, str] = {}
        current = "Summary"
        lines: list[str] = []
        for line in doc.splitlines():
            m = re.match(r"^([A-Z][A-Za-z ]+):\s*$", line)
            if m and m.group(1) in DOC_SECTIONS + ("Platforms",):
                sections[current] = "\n".join(lines).strip()
                current, lines = m.group(1), []
            else:
                lines.append(line)
        sections[current] = "\n".join(lines).strip()
        return sections

    @classmethod
    def title(cls) -> str:
        return cls.summary or cls.doc_sections().get("Summary", "").splitlines()[0] if cls.__doc__ else cls.name


_REGISTRY: dict[str, type[Rule]] = {}


def register(cls: type[Rule]) -> type[Rule]:
    """Class decorator: add a rule to the registry, checking its metadata."""
    if not CODE_RE.match(cls.code):
        raise ValueError(f"rule code {cls.code!r} must look like RKN123")
    if not NAME_RE.match(cls.name):
        raise ValueError(f"rule name {cls.name!r} must be kebab-case")
    if cls.fix is not None and not isinstance(cls.fix, Fix):
        raise TypeError(f"{cls.code}.fix must be a rknnlint.rule.Fix (a reference to the rewrite class), "
                        f"not {cls.fix!r}")
    other = _REGISTRY.get(cls.code)
    if other is not None and other is not cls and other.__qualname__ != cls.__qualname__:
        raise ValueError(f"rule code {cls.code} registered twice ({other.__name__}, {cls.__name__})")
    _REGISTRY[cls.code] = cls
    return cls


def _import_tree(package: str) -> None:
    mod = importlib.import_module(package)
    for info in pkgutil.walk_packages(mod.__path__, package + "."):
        importlib.import_module(info.name)


_loaded = False
_load_lock = threading.Lock()


def all_rules() -> dict[str, type[Rule]]:
    """Every registered rule by code: the core set under rknnlint.checks and plugins from the
    `rknnlint.rules` entry-point group (a module or package whose import registers rules).
    Thread-safe: a folder build checks models in threads, and a half-imported registry would lose findings."""
    global _loaded
    if _loaded:
        return dict(sorted(_REGISTRY.items()))
    with _load_lock:
        if not _loaded:
            _load_all()
            _loaded = True
    return dict(sorted(_REGISTRY.items()))


def find_rule(code: str) -> type[Rule]:
    """A rule by code (RKN601, any case) or name (cpu-fallback-op); an unknown one is a usage error."""
    from .errors import UsageError

    c = code.strip()
    for k, r in all_rules().items():
        if k == c.upper() or r.name == c:
            return r
    raise UsageError(f"unknown rule '{code}' (see `rknnlint rules`)")


def _load_all() -> None:
    _import_tree("rknnlint.checks")
    from .dists import entry_points

    for ep in entry_points("rknnlint.rules", skip="rknnlint.checks"):
        obj = ep.load()
        if hasattr(obj, "__path__"):
            _import_tree(obj.__name__)
        elif isinstance(obj, type) and issubclass(obj, Rule):
            register(obj)
