"""`rknnlint doctor`: the installed rknn-toolkit2 and the packages it pins, and what does not match.

A package outside rknn-toolkit2's pins is a common cause of build errors that look like model problems
(docs/facts.md#opset). Versions come from package metadata: nothing heavy is imported.
"""
from __future__ import annotations

import argparse
import re
from dataclasses import dataclass

TOOLKIT = "rknn-toolkit2"
PACKAGES = ("onnx", "onnxruntime", "numpy", "protobuf", "torch")
# Outside its pin but not fatal: the toolkit only needs torch for PyTorch models (torch 2.13 builds ONNX models fine).
SOFT = {"torch"}


@dataclass(frozen=True)
class Row:
    package: str
    installed: str | None
    required: str
    status: str  # ok | warning | error | info
    message: str = ""


def _vtuple(v: str) -> tuple[int, ...]:
    nums = []
    for part in re.split(r"[.+-]", v):
        m = re.match(r"\d+", part)
        if not m:
            break
        nums.append(int(m.group()))
    return tuple(nums)


def _cmp(a: str, b: str) -> int:
    x, y = _vtuple(a), _vtuple(b)
    n = max(len(x), len(y))
    x, y = x + (0,) * (n - len(x)), y + (0,) * (n - len(y))
    return (x > y) - (x < y)


def satisfies(version: str, spec: str) -> bool:
    """Whether `version` meets a specifier list like '>=1.16.1,<=1.18.0' (release numbers only)."""
    ops = {">=": lambda c: c >= 0, "<=": lambda c: c <= 0, ">": lambda c: c > 0, "<": lambda c: c < 0,
           "==": lambda c: c == 0, "!=": lambda c: c != 0, "~=": lambda c: c >= 0}
    for clause in (s.strip() for s in spec.split(",") if s.strip()):
        m = re.match(r"(>=|<=|==|!=|~=|>|<)\s*(\S+)", clause)
        if not m:
            continue
        op, ver = m.groups()
        if ver.endswith(".*"):
            same_series = _vtuple(version)[:len(_vtuple(ver[:-2]))] == _vtuple(ver[:-2])
            if same_series != (op != "!="):
                return False
            continue
        if not ops[op](_cmp(version, ver)):
            return False
    return True


def parse_requires(requires: list[str]) -> dict[str, str]:
    """Requires-Dist lines ('onnx <=1.18.0,>=1.16.1; python_version ...') into {name: specifier}."""
    out = {}
    for line in requires:
        req = line.split(";", 1)[0].strip()
        m = re.match(r"([A-Za-z0-9_.-]+)\s*(?:\[[^\]]*\])?\s*\(?([^)]*)\)?", req)
        if m:
            out[m.group(1).lower().replace("_", "-")] = m.group(2).replace(" ", "")
    return out


def diagnose(installed: dict[str, str | None], pins: dict[str, str], toolkit: str | None) -> list[Row]:
    """One row per package: installed version against the toolkit's pin."""
    rows = [Row(TOOLKIT, toolkit, "", "ok" if toolkit else "info",
                "" if toolkit else "not installed: `rknnlint check` works without it; build and probe need it")]
    for pkg in PACKAGES:
        have, spec = installed.get(pkg), pins.get(pkg, "")
        if have is None:
            if not toolkit:
                rows.append(Row(pkg, None, spec, "info", "not installed"))
            elif pkg in SOFT:
                rows.append(Row(pkg, None, spec, "warning", f"not installed; {TOOLKIT} declares it (needed for PyTorch models)"))
            else:
                rows.append(Row(pkg, None, spec, "error", f"not installed; {TOOLKIT} needs it"))
        elif spec and not satisfies(have, spec):
            if not toolkit:
                rows.append(Row(pkg, have, spec, "info", f"outside the {TOOLKIT} pin (toolkit not installed)"))
            elif pkg in SOFT:
                rows.append(Row(pkg, have, spec, "warning", f"outside the {TOOLKIT} pin {spec}; ONNX builds work, "
                                                            "PyTorch model conversion is untested with it"))
            else:
                rows.append(Row(pkg, have, spec, "error", f"outside the {TOOLKIT} pin {spec}: expect load/build errors "
                                                          f"that look like model problems; pip install '{pkg}{spec}'"))
        else:
            rows.append(Row(pkg, have, spec, "ok"))
    return rows


def default_version() -> str:
    """The newest toolkit version with data: its pins stand in when no toolkit is installed."""
    from ..toolkit.versions import known_versions

    return known_versions()[-1]


def default_pins() -> dict[str, str]:
    """The Requires-Dist pins of default_version() (rules/toolkit/<version>.yaml)."""
    from ..toolkit.versions import facts

    return dict(facts(default_version()).pins)


def installed_versions() -> tuple[str | None, dict[str, str | None], dict[str, str], str]:
    """(toolkit version, {package: version}, pins, where the pins came from), from package metadata only."""
    import importlib.metadata as md

    def version(name: str) -> str | None:
        try:
            return md.version(name)
        except md.PackageNotFoundError:
            return None

    toolkit = version(TOOLKIT)
    pins, origin = default_pins(), f"{TOOLKIT} {default_version()} pins from rules/toolkit/{default_version()}.yaml"
    if toolkit:
        try:
            req = md.requires(TOOLKIT) or []
        except md.PackageNotFoundError:
            req = []
        parsed = parse_requires(req)
        if parsed:
            pins = {p: parsed[p] for p in PACKAGES if p in parsed}
            origin = f"Requires-Dist of the installed {TOOLKIT} {toolkit}"
    return toolkit, {p: version(p) for p in PACKAGES}, pins, origin


def add_parser(sub) -> None:
    p = sub.add_parser("doctor", help="check the installed rknn-toolkit2 and the package versions it pins",
                       description="Print the installed rknn-toolkit2, onnx, onnxruntime, numpy, protobuf and torch versions "
                                   "against the toolkit's pins. Exit 1 when a package breaks a hard pin.")
    p.set_defaults(func=run)


def render(rows: list[Row], origin: str) -> str:
    lines = [f"pins: {origin}", f"{'package':<15} {'installed':<14} {'required':<22} status"]
    for r in rows:
        lines.append(f"{r.package:<15} {r.installed or '-':<14} {r.required or '-':<22} {r.status}"
                     + (f": {r.message}" if r.message else ""))
    errors = sum(r.status == "error" for r in rows)
    warnings = sum(r.status == "warning" for r in rows)
    lines.append(f"{errors} error(s), {warnings} warning(s)" + (": fix the errors before trusting a failed build" if errors else ""))
    return "\n".join(lines)


def measured_for(version: str) -> dict[str, object]:
    """What rknnlint knows and has measured with one toolkit version: data, probe tables, crash rules,
    calibration results."""
    from ..platforms import rules_dir
    from ..toolkit.versions import facts, known_versions

    d = rules_dir()
    tables = sorted(p.name[: -len(f"-{version}.yaml")] for p in (d / "measured").glob(f"*-{version}.yaml"))
    f = facts(version) if version in known_versions() else None
    calib_dir = d.parent / "calibration"
    calib = sorted(p.stem for p in [*calib_dir.glob(f"results/*-{version}.json"),
                                    *calib_dir.glob(f"results-*-{version}.json")])
    return {"facts": f, "tables": tables, "calibration": calib}


def _crash_line(f) -> str:
    if f is None or not f.crashes_measured:
        return "not verified"
    crash = [f"{c.code} ({', '.join(c.targets)})" for c in f.crashes.values() if c.crashes]
    builds = [c.code for c in f.crashes.values() if not c.crashes]
    odd = [f"{c.code}: {c.neighbour_failed}" for c in f.crashes.values() if c.neighbour_failed]
    return (f"verified; crash: {', '.join(crash) or 'none'}; build: {', '.join(builds) or 'none'}"
            + (f"; neighbours failing too: {'; '.join(odd)}" if odd else ""))


def render_versions(installed: str | None) -> str:
    """Toolkit versions: installed, venvs beside it, and what is measured for each."""
    from ..toolkit.versions import VENVS_ENV, known_versions, venv_roots, venvs, vkey

    found = venvs()
    lines = [f"toolkit versions (venvs under {', '.join(str(r) for r in venv_roots())}; set {VENVS_ENV} "
             "to change; scripts/setup-toolkit.sh VERSION makes one):"]
    for v in sorted(set(known_versions()) | set(found) | ({installed} if installed else set()), key=vkey):
        where = "installed here" if v == installed else (f"venv {found[v].parent.parent}" if v in found else "not installed")
        m = measured_for(v)
        f = m["facts"]
        lines.append(f"  {v:<7} {where}" + ("  (reference: the rule texts were measured with it)" if f and f.reference else ""))
        lines.append(f"          data: {f'rules/toolkit/{v}.yaml ({f.source})' if f else 'none: the nearest version is used'}")
        lines.append(f"          probe tables: {', '.join(m['tables']) or 'none measured'}")
        lines.append(f"          crash rules: {_crash_line(f)}")
        lines.append(f"          calibration: {', '.join(m['calibration']) or 'none'}")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    toolkit, installed, pins, origin = installed_versions()
    rows = diagnose(installed, pins, toolkit)
    print(render(rows, origin))
    print(render_versions(toolkit))
    return 1 if any(r.status == "error" for r in rows) else 0
