"""Configuration: select / ignore, severity overrides, per-node and per-path settings, from
`[tool.rknnlint]` in pyproject.toml, an rknnlint.yaml, or --config."""
from __future__ import annotations

import fnmatch
import os
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .errors import ConfigError
from .finding import Severity

KEYS = {
    "target": "default target platform (rk3588, ..., or all)",
    "dtype": "the build you plan: float16 (default) or int8",
    "select": "rule codes, prefixes or names to run (default: all)",
    "ignore": "rule codes, prefixes or names to skip",
    "fail-on": "lowest severity that makes the exit code 1: error (default), warning or info",
    "severity": "mapping of rule code to error / warning / info",
    "per-node-ignores": "mapping of node-name glob to a list of codes to ignore on matching nodes",
    "per-path": "mapping of path glob to a table of these same keys, for models under that glob",
    "input-shapes": "mapping of input name to a shape list, used by fix and build",
    "baseline": "path of a baseline file; findings in it are not reported",
    "toolkit-version": "rknn-toolkit2 version whose facts and measured op tables to use (default: the installed one, else the newest measured)",
    "exclude": "globs of files and folders a folder check skips (replaces the default list of venvs etc.)",
    "extend-exclude": "globs of files and folders to skip as well as the default list",
    "respect-gitignore": "skip files git ignores when checking a folder (default true)",
}


@dataclass(frozen=True)
class Config:
    target: str = "rk3588"
    dtype: str = "float16"
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_on: Severity = Severity.ERROR
    severity: dict[str, Severity] = field(default_factory=dict)
    per_node_ignores: dict[str, tuple[str, ...]] = field(default_factory=dict)
    per_path: dict[str, dict[str, Any]] = field(default_factory=dict)
    input_shapes: dict[str, tuple[int, ...]] = field(default_factory=dict)
    baseline: str | None = None
    toolkit_version: str | None = None
    exclude: tuple[str, ...] | None = None  # None: discover.DEFAULT_EXCLUDE
    extend_exclude: tuple[str, ...] = ()
    respect_gitignore: bool = True
    source: str = ""

    @property
    def root(self) -> Path:
        """The folder path globs are relative to: the config file's (as ruff's per-file-ignores), else the
        working folder."""
        return Path(os.path.abspath(Path(self.source).parent if self.source else Path.cwd()))

    def for_path(self, model_path: str) -> Config:
        """This config with the per-path tables whose glob matches the model applied, in file order. A glob is
        relative to the config file's folder, whichever way the path was written (relative, absolute, ../)."""
        cfg = self
        for pattern, table in self.per_path.items():
            if path_matches(model_path, pattern, self.root):
                cfg = cfg.merged(table, where=f"per-path '{pattern}'")
        return cfg

    def merged(self, table: dict[str, Any], where: str = "config") -> Config:
        return replace(self, **_parse_table(table, where, allow_per_path=False))


def path_matches(path: str | os.PathLike, pattern: str, root: Path) -> bool:
    """Whether `path` matches a config glob. A glob with a '/' is anchored at `root` ('models/cam/*.onnx',
    'models/cam/' for everything below); one without matches the file name or any folder name ('*_int8.onnx',
    '.venv'). '*' also crosses '/', '**/' is accepted."""
    p = Path(os.path.abspath(path))
    pat = pattern.strip().removeprefix("./").replace("**/", "*").replace("/**", "/*")
    if "/" in pat.rstrip("/"):
        try:
            rel = p.relative_to(root).as_posix()
        except ValueError:
            return False
        head = pat.rstrip("/")
        return fnmatch.fnmatchcase(rel, head) or fnmatch.fnmatchcase(rel, head + "/*")
    name = pat.rstrip("/")
    try:
        parts = p.relative_to(root).parts
    except ValueError:
        parts = (p.name,)
    return any(fnmatch.fnmatchcase(part, name) for part in parts)


def _codes(value: Any, key: str, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [v for v in value.replace(" ", "").split(",") if v]
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: '{key}' must be a list of rule codes")
    codes = tuple(v.strip() for v in value)
    check_codes(codes, f"{where}: '{key}'")
    return codes


def _did_you_mean(word: str, choices) -> str:
    import difflib

    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


def check_codes(codes, where: str) -> None:
    """Every entry must name a rule: a code, a code prefix (RKN1), a rule name, or ALL. `where` names the file
    and key (or the flag) in the message, with the closest code or name."""
    from .rule import all_rules

    rules = all_rules()
    for code in codes:
        c = code.strip()
        if c.upper() == "ALL" or any(k.startswith(c.upper()) or r.name == c for k, r in rules.items()):
            continue
        hint = _did_you_mean(c.upper(), rules) or _did_you_mean(c, [r.name for r in rules.values()])
        raise ConfigError(f"{where}: unknown rule code or name '{code}'{hint} (see `rknnlint rules`)")


def _parse_table(table: dict[str, Any], where: str, allow_per_path: bool = True) -> dict[str, Any]:
    if not isinstance(table, dict):
        raise ConfigError(f"{where}: expected a table of settings")
    out: dict[str, Any] = {}
    for key, value in table.items():
        k = key.replace("_", "-")
        if k == "per-path" and not allow_per_path:
            raise ConfigError(f"{where}: 'per-path' cannot be nested inside a per-path table")
        if k not in KEYS:
            raise ConfigError(f"{where}: unknown key '{key}'{_did_you_mean(k, KEYS)} (known: {', '.join(sorted(KEYS))})")
        if k == "target":
            if not isinstance(value, str):
                raise ConfigError(f"{where}: 'target' must be a string")
            out["target"] = value
        elif k == "dtype":
            if value not in ("float16", "int8", "fp16", "i8"):
                raise ConfigError(f"{where}: 'dtype' must be float16 or int8")
            out["dtype"] = "int8" if value in ("int8", "i8") else "float16"
        elif k in ("select", "ignore"):
            out[k] = _codes(value, k, where)
        elif k == "fail-on":
            out["fail_on"] = _severity(value, where)
        elif k == "severity":
            if not isinstance(value, dict):
                raise ConfigError(f"{where}: 'severity' must map rule codes to error/warning/info")
            check_codes([str(c) for c in value], f"{where}: 'severity'")
            out["severity"] = {str(c): _severity(v, where) for c, v in value.items()}
        elif k == "per-node-ignores":
            if not isinstance(value, dict):
                raise ConfigError(f"{where}: 'per-node-ignores' must map node-name globs to code lists")
            out["per_node_ignores"] = {str(g): _codes(v, k, where) for g, v in value.items()}
        elif k == "per-path":
            if not isinstance(value, dict) or not all(isinstance(v, dict) for v in value.values()):
                raise ConfigError(f"{where}: 'per-path' must map path globs to tables")
            for g, v in value.items():
                _parse_table(v, f"{where} per-path '{g}'", allow_per_path=False)
            out["per_path"] = dict(value)
        elif k == "input-shapes":
            if not isinstance(value, dict):
                raise ConfigError(f"{where}: 'input-shapes' must map input names to shapes")
            try:
                out["input_shapes"] = {str(n): tuple(int(d) for d in s) for n, s in value.items()}
            except (TypeError, ValueError):
                raise ConfigError(f"{where}: 'input-shapes' values must be lists of integers") from None
        elif k == "baseline":
            out["baseline"] = str(value)
        elif k == "toolkit-version":
            out["toolkit_version"] = str(value)
        elif k in ("exclude", "extend-exclude"):
            if isinstance(value, str):
                value = [value]
            if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
                raise ConfigError(f"{where}: '{k}' must be a list of path globs")
            out[k.replace("-", "_")] = tuple(value)
        elif k == "respect-gitignore":
            if not isinstance(value, bool):
                raise ConfigError(f"{where}: 'respect-gitignore' must be true or false")
            out["respect_gitignore"] = value
    return out


def _severity(value: Any, where: str) -> Severity:
    if not isinstance(value, str) or value.lower() not in ("error", "warning", "info"):
        raise ConfigError(f"{where}: severity must be error, warning or info, not {value!r}")
    return Severity[value.upper()]


def _read_toml(path: Path) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    try:
        with open(path, "rb") as f:
            return tomllib.load(f)
    except (OSError, ValueError) as e:
        raise ConfigError(f"{path}: cannot read config: {e}") from None


def load_config(path: str | None = None, start: Path | None = None) -> Config:
    """The config from --config, else the nearest rknnlint.yaml or pyproject.toml [tool.rknnlint] above `start`."""
    if path:
        p = Path(path)
        if not p.is_file():
            raise ConfigError(f"{p}: config file not found")
        return _from_file(p, explicit=True)
    here = (start or Path.cwd()).resolve()
    for d in [here, *here.parents]:
        for name in ("rknnlint.yaml", ".rknnlint.yaml"):
            if (d / name).is_file():
                return _from_file(d / name)
        if (d / "pyproject.toml").is_file():
            cfg = _from_file(d / "pyproject.toml")
            if cfg.source:
                return cfg
        if (d / ".git").exists():
            break
    return Config()


def _from_file(p: Path, explicit: bool = False) -> Config:
    if p.suffix == ".toml":
        data = _read_toml(p)
        table = data.get("tool", {}).get("rknnlint")
        if table is None:
            if explicit:
                raise ConfigError(f"{p}: no [tool.rknnlint] table")
            return Config()
    else:
        import yaml

        try:
            with open(p, encoding="utf-8") as f:
                table = yaml.safe_load(f) or {}
        except (OSError, yaml.YAMLError) as e:
            raise ConfigError(f"{p}: cannot read config: {str(e).splitlines()[0]}") from None
        if isinstance(table, dict) and "rknnlint" in table and len(table) == 1:
            table = table["rknnlint"]
    values = _parse_table(table, str(p))
    if values.get("baseline") and not Path(values["baseline"]).is_absolute():
        values["baseline"] = str(_rel(p.parent / values["baseline"]))  # relative to the config file, as globs
    return Config(**values, source=str(p))


def _rel(path: Path) -> Path:
    """`path` relative to the working folder when it lies below it (shorter messages), else as it is."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve())
    except ValueError:
        return path


def rule_selected(code: str, name: str, select: tuple[str, ...], ignore: tuple[str, ...]) -> bool:
    """Whether a rule runs: the longest matching select or ignore entry wins; a tie goes to select."""

    def best(entries: tuple[str, ...]) -> int:
        n = -1
        for e in entries:
            e = e.strip()
            if e.upper() == "ALL":
                n = max(n, 0)
            elif e == name:
                n = max(n, 99)
            elif code.startswith(e.upper()):
                n = max(n, len(e))
        return n

    s = best(select) if select else 0
    i = best(ignore)
    return s >= 0 and s >= i


def node_ignored(node_name: str, code: str, per_node: dict[str, tuple[str, ...]]) -> bool:
    for glob, codes in per_node.items():
        if node_name and fnmatch.fnmatchcase(node_name, glob) and any(code.startswith(c.upper()) or c.upper() == "ALL" for c in codes):
            return True
    return False
