"""rknn-toolkit2 versions as data: rules/toolkit/<version>.yaml, and where each version's venv lives.

Every fact that differs between toolkit versions (pins, the newest IR version, the fusion passes that crash
and the rule predicting each, the workarounds) is read from that file; adding a version is a data change.
Nothing here imports rknn: a venv is found by its path, the installed version by package metadata.
"""
from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# Where `scripts/setup-toolkit.sh VERSION` puts a version's venv unless told otherwise (docs/toolkit-versions.md).
VENVS_ENV = "RKNNLINT_TOOLKIT_VENVS"
DEFAULT_VENVS = "~/.rknnlint/venvs"


@dataclass(frozen=True)
class Crash:
    """One crash rule re-verified with one version: did the minimal model crash, and how."""

    code: str
    crashes: bool
    message: str = ""
    targets: tuple[str, ...] = ()
    neighbour_failed: str = ""  # a neighbour that should build failed too: the version may fail more widely


@dataclass(frozen=True)
class QuantOptions:
    """The quantization options one version's rknn.config takes (rules/toolkit/<version>.yaml `quantization`)."""

    dtypes: dict[str, tuple[str, ...] | None] = field(default_factory=dict)  # quantized_dtype -> targets (None: all)
    algorithms: tuple[str, ...] = ()
    methods: tuple[str, ...] = ()
    group_sizes: tuple[int, ...] = ()  # quantized_method group{SIZE}; () when the version has none
    group_dtypes: tuple[str, ...] = ()  # the quantized_dtypes a group{SIZE} method is taken with
    gdq_dtypes: tuple[str, ...] = ()  # the quantized_dtypes quantized_algorithm gdq is taken with
    gdq_methods: tuple[str, ...] = ()  # its quantized_methods ('group': any group{SIZE})
    source: str = ""


def _quant(raw: dict[str, Any] | None) -> QuantOptions | None:
    if not raw:
        return None
    gdq = raw.get("gdq") or {}
    return QuantOptions(
        dtypes={str(d): (None if t == "all" else tuple(t)) for d, t in (raw.get("dtypes") or {}).items()},
        algorithms=tuple(raw.get("algorithms") or ()), methods=tuple(raw.get("methods") or ()),
        group_sizes=tuple(int(n) for n in raw.get("group_sizes") or ()),
        group_dtypes=tuple(raw.get("group_dtypes") or ()), gdq_dtypes=tuple(gdq.get("dtypes") or ()),
        gdq_methods=tuple(gdq.get("methods") or ()), source=str(raw.get("source", "")))


@dataclass(frozen=True)
class ToolkitFacts:
    """What rknnlint knows about one rknn-toolkit2 version (rules/toolkit/<version>.yaml)."""

    version: str
    source: str
    pins: dict[str, str]
    max_ir_version: int
    workarounds: dict[str, str]
    pass_rules: dict[str, str]
    error_rules: dict[str, str] = field(default_factory=dict)  # message regex -> rule code
    crashes: dict[str, Crash] = field(default_factory=dict)
    crashes_measured: str = ""  # the command(s) that verified the crash rules; "" = not verified
    reference: bool = False  # the version rknnlint's rule texts (other than the crash rules) were measured with
    quantization: QuantOptions | None = None  # the rknn.config quantization options it takes (build_options.py)
    # the GELU forms (rknnlint/checks/ops/rkn601_cpu_fallback_op.gelu_form) whose Erf the fusion passes keep off the CPU
    gelu_fused: tuple[str, ...] = ("torchscript",)
    # whether the toolkit drops a ScatterND that overwrites every element of its data (rkn601_cpu_fallback_op.full_overwrite)
    scatter_full_overwrite_dropped: bool = False
    # the axes ("last", "channels") over which a written-out RMSNorm is fused into one exNorm layer
    # (fused_blocks.rmsnorm_block)
    rmsnorm_fused_axes: tuple[str, ...] = ("last",)
    # the op types of which the toolkit keeps one layer for nodes computing the same value (dropped_nodes.duplicate_of)
    duplicates_merged: tuple[str, ...] = ()
    # the fewest Gathers (of different data, by one computed index tensor) of which the toolkit keeps one layer (its
    # fuse pass remove_parallel_gather; dropped_nodes.parallel_gather_of); 0: it keeps them all
    parallel_gathers_merged: int = 0

    def crash(self, code: str) -> Crash | None:
        return self.crashes.get(code)


def toolkit_dir(folder: Path | None = None) -> Path:
    from ..platforms import rules_dir

    return Path(folder or rules_dir()) / "toolkit"


def vkey(version: str) -> tuple[int, ...]:
    """'2.3.2' -> (2, 3, 2), for ordering versions."""
    return tuple(int(p) for p in re.findall(r"\d+", version)[:3])


@functools.cache
def _load(folder: str) -> dict[str, ToolkitFacts]:
    from ..platforms import read_yaml  # the platform tables' JSON cache: every check reads these files

    out = {}
    for path in sorted(Path(folder).glob("*.yaml")):
        f = parse(read_yaml(path) or {})
        out[f.version] = f
    return out


def parse(raw: dict[str, Any]) -> ToolkitFacts:
    """One rules/toolkit/<version>.yaml. Every key is read here (tests/test_toolkit_versions.py checks it)."""
    crashes = raw.get("crashes") or {}
    measured = crashes.get("measured") or ""
    return ToolkitFacts(
        version=str(raw["version"]), source=str(raw["source"]), pins=dict(raw["pins"]),
        max_ir_version=int(raw["max_ir_version"]), workarounds=dict(raw.get("workarounds") or {}),
        pass_rules=dict(raw.get("pass_rules") or {}),
        error_rules=dict(raw.get("error_rules") or {}),
        crashes={code: Crash(code, bool(c["crashes"]), str(c.get("message", "")), tuple(c.get("targets", ())),
                             str(c.get("neighbour_failed", "")))
                 for code, c in (crashes.get("rules") or {}).items()},
        crashes_measured="; ".join(measured) if isinstance(measured, list) else str(measured),
        reference=bool(raw.get("reference", False)), quantization=_quant(raw.get("quantization")),
        gelu_fused=tuple(str(f) for f in (raw.get("gelu_fused") or ("torchscript",))),
        scatter_full_overwrite_dropped=bool(raw.get("scatter_full_overwrite_dropped", False)),
        rmsnorm_fused_axes=tuple(str(a) for a in (raw.get("rmsnorm_fused_axes") or ("last",))),
        duplicates_merged=tuple(str(op) for op in (raw.get("duplicates_merged") or ())),
        parallel_gathers_merged=int(raw.get("parallel_gathers_merged", 0) or 0))


def known_versions(folder: Path | None = None) -> list[str]:
    """Versions with a rules/toolkit/<version>.yaml, oldest first."""
    return sorted(_load(str(toolkit_dir(folder))), key=vkey)


def facts(version: str | None = None, folder: Path | None = None) -> ToolkitFacts:
    """The facts of `version` (default: default_version()); a version without a data file gets the nearest
    known one's facts (the caller says so: `nearest(version) != version`)."""
    data = _load(str(toolkit_dir(folder)))
    return data[nearest(version or default_version(folder), folder)]


def nearest(version: str, folder: Path | None = None) -> str:
    """`version` itself when it has data, else the known version closest to it (ties: the newer one)."""
    versions = known_versions(folder)
    return version if version in versions or not versions else closest(version, versions)


def closest(version: str, candidates: list[str]) -> str:
    """The candidate version nearest to `version`: same major.minor first, then the smaller step; ties: newer."""
    k = vkey(version)

    def distance(v: str) -> tuple:
        a, b = vkey(v), k
        n = max(len(a), len(b))
        a, b = a + (0,) * (n - len(a)), b + (0,) * (n - len(b))
        return (tuple(abs(x - y) for x, y in zip(a, b)), tuple(-x for x in a))

    return min(candidates, key=distance)


def installed_version() -> str | None:
    """The rknn-toolkit2 installed beside rknnlint, from its package metadata."""
    from ..platforms import installed_toolkit_version

    return installed_toolkit_version()


def default_version(folder: Path | None = None) -> str:
    """The installed toolkit's version, else the newest version with data."""
    return installed_version() or known_versions(folder)[-1]


def crash_versions(code: str, folder: Path | None = None) -> list[str]:
    """The versions whose minimal model for crash rule `code` was measured to crash, oldest first."""
    data = _load(str(toolkit_dir(folder)))
    return [v for v in known_versions(folder) if (c := data[v].crash(code)) is not None and c.crashes]


def venv_roots() -> list[Path]:
    """Folders holding rknn-<version> venvs: $RKNNLINT_TOOLKIT_VENVS (os.pathsep list), else ~/.rknnlint/venvs."""
    spec = os.environ.get(VENVS_ENV) or DEFAULT_VENVS
    return [Path(p).expanduser() for p in spec.split(os.pathsep) if p]


def venv_python(version: str) -> Path | None:
    """The python of the venv that has rknn-toolkit2 `version` (<root>/rknn-<version>/bin/python), if any."""
    for root in venv_roots():
        py = root / f"rknn-{version}" / "bin" / "python"
        if _has_toolkit(py.parent.parent, version):
            return py
    return None


def _has_toolkit(venv: Path, version: str) -> bool:
    """A venv with a python and rknn-toolkit2 `version` installed (its dist-info; nothing is run)."""
    return (venv / "bin" / "python").is_file() and any(
        venv.glob(f"lib/python*/site-packages/rknn_toolkit2-{version}.dist-info"))


def venvs() -> dict[str, Path]:
    """Every rknn-<version> venv found under venv_roots(): version -> its python."""
    out: dict[str, Path] = {}
    for root in venv_roots():
        for d in sorted(root.glob("rknn-*")) if root.is_dir() else ():
            version = d.name[len("rknn-"):]
            if _has_toolkit(d, version):
                out.setdefault(version, d / "bin" / "python")
    return dict(sorted(out.items(), key=lambda kv: vkey(kv[0])))


def python_for(version: str | None) -> str | None:
    """The python to run the toolkit child with for `version`: None (this python) when `version` is empty or
    the installed one; that version's venv otherwise. A version with neither is a usage error."""
    import sys

    from ..errors import UsageError

    if not version or version == installed_version():
        return None
    py = venv_python(version)
    if py is None:
        where = ", ".join(str(r) for r in venv_roots())
        raise UsageError(f"rknn-toolkit2 {version} is not installed here (installed: {installed_version() or 'none'}) "
                         f"and no venv rknn-{version} is under {where}: run scripts/setup-toolkit.sh {version} "
                         f"(or set {VENVS_ENV}); see docs/toolkit-versions.md")
    return str(py) if str(py) != sys.executable else None


def checked_python(version: str, python: str | None = None) -> str:
    """The python that runs rknn-toolkit2 `version` for the measurement scripts: `python` when given, else
    python_for(version), else this one; a usage error unless that python really has `version` installed."""
    import subprocess
    import sys

    from ..errors import UsageError

    py = python or python_for(version) or sys.executable
    got = subprocess.run([py, "-c", "from importlib.metadata import version; print(version('rknn-toolkit2'))"],
                         capture_output=True, text=True).stdout.strip()
    if got != version:
        raise UsageError(f"{py} has rknn-toolkit2 {got or 'none'}, not {version}")
    return py


def version_of(ctx: Any = None) -> str:
    """The toolkit version a check is for: the lint context's, else the one chosen on the command line
    (--toolkit-version), else default_version()."""
    from .. import platforms

    return (getattr(ctx, "toolkit_version", None) or getattr(platforms, "_selected_version", None)
            or default_version())


def crash_status(code: str, version: str) -> tuple[bool, str]:
    """(fire?, which versions it was seen in) for crash rule `code` and the toolkit `version` a model is for.
    A version whose crash rules were verified fires only when its trigger crashed there; a version never
    verified fires on what the other versions showed, and says so."""
    seen = crash_versions(code)
    known = _load(str(toolkit_dir()))
    f = known.get(version)
    if f is not None and f.crashes_measured and code in f.crashes:
        return f.crashes[code].crashes, f"seen in {', '.join(seen)}"
    if not any(code in k.crashes for k in known.values() if k.crashes_measured):
        return True, "not verified with any toolkit version"
    return bool(seen), f"seen in {', '.join(seen) or 'no version'}; crash rules not verified for {version}"


def reference_version(folder: Path | None = None) -> str:
    """The version rknnlint's rule texts were measured with (`reference: true` in its data file)."""
    data = _load(str(toolkit_dir(folder)))
    return next((v for v in known_versions(folder) if data[v].reference), known_versions(folder)[-1])


def toolkit_said(ctx: Any = None) -> str:
    """How a rule text names the toolkit: 'rknn-toolkit2 2.5.0' when the check is for the version the text was
    measured with, else 'rknn-toolkit2 (seen with 2.5.0; not verified with 2.3.2)'."""
    ref, version = reference_version(), version_of(ctx)
    return f"rknn-toolkit2 {ref}" if version == ref else f"rknn-toolkit2 (seen with {ref}; not verified with {version})"
