"""Platform facts (rules/*.yaml): op placement, opset window, alignment and other facts, per NPU family."""
from __future__ import annotations

import functools
import hashlib
import json
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import UsageError

# The targets and families are data: every rules/<family>.yaml (its `targets:`) is a valid --target, and
# rules/common.yaml `toolkit1_targets` lists the RKNN-Toolkit 1 names rejected with a pointer. No family or
# target name is written in rknnlint's code (tests/test_family_data.py).


def rules_dir() -> Path:
    """The folder of platform YAML files: RKNNLINT_RULES_DIR when set (a folder laid out like rules/: a
    family added there is a target with no code change), else the one shipped inside the wheel, else the
    repo's top-level rules/."""
    return _rules_dir(os.environ.get("RKNNLINT_RULES_DIR") or "")


@functools.cache
def _rules_dir(env: str) -> Path:
    """rules_dir for one RKNNLINT_RULES_DIR value: a check asks a hundred times, the stat calls once."""
    if env:
        return Path(env)
    packaged = Path(__file__).parent / "_platform_rules"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "rules"


@dataclass(frozen=True)
class OpFact:
    """Where an ONNX op lands on a family: npu, cpu, rewrite (toolkit turns it into NPU ops), fold
    (constant-folded away), fails (build fails), unsupported (documented unsupported, unobserved)."""

    op: str
    placement: str
    source: str
    note: str = ""
    observed: str = ""  # toolkit version it was measured with, "" for documented facts


@dataclass(frozen=True)
class Platform:
    """The facts about one NPU family, merged from rules/common.yaml and rules/<family>.yaml."""

    family: str
    targets: tuple[str, ...]
    facts: dict[str, Any]
    ops: dict[str, OpFact]
    toolkit: str = ""
    sources: dict[str, str] = field(default_factory=dict)
    measured: str = ""  # toolkit version of the rules/measured table merged in, "" when none
    # probe variants of the measured table: op -> variant -> {placement, layers, ...}
    variants: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)

    def fact(self, key: str, default: Any = None) -> Any:
        v = self.facts.get(key, default)
        if isinstance(v, dict) and "value" in v:
            return v["value"]
        return v

    def fact_measured(self, key: str) -> list[str]:
        """The toolkit versions a fact was measured with (its `measured`: one version or a list), as strings."""
        v = self.facts.get(key)
        seen = (v.get("measured") if isinstance(v, dict) else None) or []
        return [str(x) for x in ([seen] if isinstance(seen, (str, int, float)) else seen)]

    def fact_source(self, key: str) -> str:
        v = self.facts.get(key)
        return v.get("source", "") if isinstance(v, dict) else ""

    def op(self, op_type: str) -> OpFact | None:
        return self.ops.get(op_type)

    def variant(self, op_type: str, name: str) -> OpFact | None:
        """The measured placement of one probe variant (rules/measured `variants:`), None when not probed."""
        v = (self.variants.get(op_type) or {}).get(name)
        if not v:
            return None
        src = f"observed with rknn-toolkit2 {self.measured} (rknnlint probe variant {op_type}/{name})"
        return OpFact(op_type, v.get("placement", ""), src, str(v.get("layers") or v.get("error") or ""), self.measured)

    @property
    def opset_window(self) -> tuple[int, int]:
        o = self.facts.get("opset", {})
        return int(o.get("min", 7)), int(o.get("max", 19))

    def c2(self, dtype: str) -> int | None:
        return (self.facts.get("c2") or {}).get(dtype)

    def alignment(self, dtype: str) -> dict[str, int]:
        return ((self.facts.get("ddr_alignment") or {}).get(dtype)) or {}


def read_yaml(path: Path) -> dict[str, Any]:
    """A platform YAML file as data. What a file parses to is kept as JSON in the user's cache, named by the
    hash of the file's bytes: reading it back takes 1 ms where parsing a ~100 kB measured table takes 30 ms
    (the YAML files were a third of a one-model check). A cache that cannot be read or written is passed
    by; RKNNLINT_NO_CACHE=1 turns it off, RKNNLINT_CACHE_DIR moves it."""
    data = path.read_bytes()
    cached = _cache_path(data)
    if cached is not None:
        try:
            return json.loads(cached.read_bytes())
        except (OSError, ValueError):
            pass
    import yaml  # only on a cache miss: the import alone costs 20 ms

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C loader is ~10x faster on the op tables
    out = yaml.load(data.decode("utf-8"), Loader=loader) or {}
    if cached is not None:
        _cache_store(cached, out)
    return out


_CACHE_FORMAT = "platform-yaml-1"  # bump when what read_yaml returns changes


def _cache_path(data: bytes) -> Path | None:
    if os.environ.get("RKNNLINT_NO_CACHE"):
        return None
    root = os.environ.get("RKNNLINT_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "rknnlint")
    key = hashlib.sha256(_CACHE_FORMAT.encode() + b"\0" + data).hexdigest()[:40]
    return Path(root) / "tables" / f"{key}.json"


def _cache_store(path: Path, value: dict[str, Any]) -> None:
    """Write `value` as JSON when JSON gives it back unchanged (string keys, plain scalars), atomically."""
    try:
        text = json.dumps(value, separators=(",", ":"))
        if json.loads(text) != value:
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    except (OSError, TypeError, ValueError):
        return


def _ops(raw: dict[str, Any], default_source: str) -> dict[str, OpFact]:
    out = {}
    for op, v in (raw or {}).items():
        if isinstance(v, str):
            out[op] = OpFact(op, v, default_source)
        else:
            out[op] = OpFact(op, v["placement"], v.get("source", default_source), v.get("note", ""), v.get("observed", ""))
    return out


def installed_toolkit_version() -> str | None:
    """The installed rknn-toolkit2 version from its dist metadata folder (rknn itself is never imported)."""
    from .dists import version

    return version("rknn-toolkit2")


@functools.cache
def installed_toolkit_version_cached() -> str | None:
    return installed_toolkit_version()


def _version_key(v: str) -> tuple:
    return tuple(int(x) if x.isdigit() else -1 for x in v.replace("-", ".").split("."))


def all_measured_versions(folder: Path | str | None = None) -> list[str]:
    """Every toolkit version with a measured table (rules/measured/<family>-<version>.yaml), oldest first."""
    d = Path(folder or rules_dir()) / "measured"
    found = {p.stem.rpartition("-")[2] for p in d.glob("*-*.yaml")}
    return sorted(found, key=_version_key)


def has_measured(folder: Path | str, family: str, version: str) -> bool:
    return (Path(folder) / "measured" / f"{family}-{version}.yaml").is_file()


def default_toolkit_version(folder: Path | str | None = None) -> tuple[str, str]:
    """(version, origin) when none is given: the installed rknn-toolkit2, else the newest version measured
    in rules/measured/, else ("", "none")."""
    installed = installed_toolkit_version_cached()
    if installed:
        return installed, "installed"
    measured = all_measured_versions(folder)
    return (measured[-1], "newest measured") if measured else ("", "none")


def measured_versions(family: str, folder: Path | None = None) -> list[str]:
    """Toolkit versions with a measured table (rules/measured/<family>-<version>.yaml) for a family."""
    d = Path(folder or rules_dir()) / "measured"
    return sorted(p.stem[len(family) + 1:] for p in d.glob(f"{family}-*.yaml"))


@functools.cache
def _base(folder: str) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    """common.yaml and the small per-family files (rules/<family>.yaml), read once."""
    d = Path(folder)
    common = read_yaml(d / "common.yaml")
    raws = {}
    for path in sorted(d.glob("*.yaml")):
        if path.name != "common.yaml":
            raw = read_yaml(path)
            raws[raw["family"]] = raw
    return common, raws


@functools.cache
def _build(folder: str, toolkit_version: str, family: str) -> Platform:
    """One family's Platform; its measured table (~100 kB of YAML, the slow part) is read only here."""
    d = Path(folder)
    common, raws = _base(folder)
    raw = raws[family]
    ops = _ops(common.get("ops", {}), common.get("source", ""))
    ops.update(_ops(raw.get("ops", {}), raw.get("source", "")))
    facts = {**common.get("facts", {}), **raw.get("facts", {})}
    # measured facts (rules/measured/<family>-<toolkit>.yaml, written by `rknnlint probe`) win over documented ones
    measured, version = _measured_path(d, raw, toolkit_version)
    used = ""
    variants: dict[str, Any] = {}
    if measured is not None:
        m = read_yaml(measured)
        ops.update(_ops(m.get("ops", {}), m.get("source", f"observed with rknn-toolkit2 {version}")))
        facts.update(m.get("facts", {}))
        variants = m.get("variants") or {}
        used = version
    return Platform(raw["family"], tuple(raw["targets"]), facts, ops, str(raw.get("toolkit", "")), measured=used,
                    variants=variants)


def _measured_path(d: Path, raw: dict[str, Any], toolkit_version: str) -> tuple[Path | None, str]:
    """The measured table to overlay and the toolkit version it was measured with: the version's own, else
    (a family not measured with it) the nearest measured version's; Platform.measured tells which."""
    version = toolkit_version or str(raw.get("toolkit", ""))
    path = d / "measured" / f"{raw['family']}-{version}.yaml"
    if path.is_file():
        return path, version
    have = measured_versions(raw["family"], d)
    if not have or not version:
        return None, ""
    from .toolkit.versions import closest

    near = closest(version, have)
    return d / "measured" / f"{raw['family']}-{near}.yaml", near


def all_targets(folder: Path | str | None = None) -> tuple[str, ...]:
    """Every target_platform name of every family in the data, sorted."""
    return tuple(sorted({t for raw in _base(str(folder or rules_dir()))[1].values() for t in raw["targets"]}))


def toolkit1_targets(folder: Path | str | None = None) -> tuple[str, ...]:
    """RKNN-Toolkit 1 target names (rules/common.yaml `toolkit1_targets`)."""
    v = _base(str(folder or rules_dir()))[0].get("toolkit1_targets") or {}
    return tuple(v.get("value", ()) if isinstance(v, dict) else v)


def families_with(key: str, folder: Path | str | None = None) -> list[str]:
    """Families whose fact `key` (rules/<family>.yaml over rules/common.yaml) is true, from the small files only."""
    common, raws = _base(str(folder or rules_dir()))
    out = []
    for family, raw in raws.items():
        v = {**common.get("facts", {}), **(raw.get("facts") or {})}.get(key)
        if isinstance(v, dict):
            v = v.get("value")
        if v:
            out.append(family)
    return out


class _Families(Mapping):
    """family -> Platform, each built on first use: a check for one target reads one measured table."""

    def __init__(self, folder: str, toolkit_version: str):
        self._folder, self._version = folder, toolkit_version
        self._names = list(_base(folder)[1])

    def __getitem__(self, family: str) -> Platform:
        if family not in self._names:
            raise KeyError(family)
        return _build(self._folder, self._version, family)

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)

    @property
    def folder(self) -> str:
        return self._folder

    def family_of(self, target: str) -> str | None:
        """The family whose targets include `target`, without building any Platform."""
        return next((f for f, raw in _base(self._folder)[1].items() if target in raw["targets"]), None)

    def measured_versions(self) -> list[str]:
        """Toolkit versions of the measured tables in use, without reading them."""
        d = Path(self._folder)
        out = set()
        for raw in _base(self._folder)[1].values():
            path, version = _measured_path(d, raw, self._version)
            if path is not None:
                out.add(version)
        return sorted(out)


@functools.cache
def _load_all(folder: str, toolkit_version: str = "") -> _Families:
    return _Families(folder, toolkit_version)


def families(folder: Path | None = None, toolkit_version: str | None = None) -> _Families:
    """All platform families, keyed by family name, with the measured tables of `toolkit_version`
    (default: the installed toolkit, else the newest measured; see default_toolkit_version)."""
    d = folder or rules_dir()
    version = toolkit_version or default_toolkit_version(d)[0]
    return _load_all(str(d), version or "")


def resolve_target(name: str, fams: _Families | None = None) -> Platform:
    """The family of a target_platform name, with the toolkit's case-insensitivity; unknown names are a usage error."""
    t = name.strip().lower() if name.strip() == name else name
    fams = fams if fams is not None else families()
    family = fams.family_of(t)
    if family is not None:
        return fams[family]
    known = ", ".join(all_targets(fams.folder))
    if t in toolkit1_targets(fams.folder):
        raise UsageError(f"target '{name}' belongs to RKNN-Toolkit 1, not rknn-toolkit2; rknn-toolkit2 targets: {known}")
    raise UsageError(f"unknown target '{name}'; expected one of: {known}, or all")


def resolve_targets(spec: str, fams: _Families | None = None) -> list[tuple[str, Platform]]:
    """Targets named on the command line: one name, a comma list, or 'all' (one representative per family)."""
    fams = fams if fams is not None else families()
    if spec.strip().lower() == "all":
        return [(p.targets[0], p) for p in fams.values()]
    out = []
    for name in spec.split(","):
        if name.strip():
            p = resolve_target(name.strip(), fams)
            out.append((name.strip().lower(), p))
    if not out:
        raise UsageError("no target given")
    return out
