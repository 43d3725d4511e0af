"""Turn probe results into the measured platform table rules/measured/<family>-<toolkit>.yaml."""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

from ..toolkit.messages import clean_error
from ..toolkit.status import BuildStatus
from ._runner import Layer, Result, classify

PLACEMENTS = ("npu", "rewrite", "cpu", "fold", "fails", "unsupported")
# The variant that stands for the op when its first one is not the form real exports use.
PRIMARY = {"Pow": "exponent_2", "Shape": "output_directly", "Gather": "axis1_indices"}


def _sim_text(r: Result) -> str:
    s = r.sim or {}
    if not s:
        return ""
    if not s.get("ran"):
        return "not run: " + str(s.get("why", ""))[:120]
    if s.get("match"):
        return "match"
    bad = [o for o in s.get("outputs", []) if not o.get("match")]
    detail = ", ".join(o.get("why") or f"cos {o.get('cos')}, rel err {o.get('rel_err')}" if "cos" in o or "why" in o
                       else f"agree {o.get('agree')}" for o in bad)
    return f"MISMATCH ({detail})"


def _layers_text(layers: list[Layer]) -> str:
    return ", ".join(f"{lay.op_type}@{lay.target}" for lay in layers)


def variant_record(r: Result) -> dict[str, Any]:
    """One variant's result as a small YAML mapping."""
    rec: dict[str, Any] = {"placement": classify(r)}
    if r.status is BuildStatus.CRASHED:
        rec["error"] = f"crashes (signal {r.signal})" + (f": {r.error}" if r.error and "signal" not in r.error else "")
    elif r.status is BuildStatus.TIMEOUT:
        rec["error"] = r.error
    elif r.status is BuildStatus.FAILED:
        rec["error"] = r.error
    if r.op_layers:
        rec["layers"] = _layers_text(r.op_layers)
    elif r.status is BuildStatus.BUILT:
        rec["layers"] = "merged into the Conv in front" if r.fused else "none (removed or folded)"
    sim = _sim_text(r)
    if sim:
        rec["simulator"] = sim
    if r.note:
        rec["note"] = r.note
    return rec


def _why(r: Result) -> str:
    if r.status is BuildStatus.CRASHED:
        return f"crashes (signal {r.signal})"
    if r.status is BuildStatus.TIMEOUT:
        return "times out"
    return r.error.split(". ")[0][:160]


def op_entry(op: str, results: list[Result], version: str, target: str, dtype: str) -> dict[str, Any]:
    """The op's summary: the placement of its first (most typical) variant, with the other variants in the note."""
    results = sorted(results, key=lambda r: r.variant != PRIMARY.get(op))  # stable: otherwise the first stays first
    first = results[0]
    placement = classify(first)
    parts: list[str] = []
    if first.status is BuildStatus.BUILT:
        parts.append(f"{first.variant}: " + (_layers_text(first.op_layers) or ("merged into the Conv in front" if first.fused
                                                                             else "no layer left")))
    else:
        parts.append(f"{first.variant}: {_why(first)}")
    others = Counter(classify(r) for r in results[1:])
    for pl in PLACEMENTS:
        names = [r for r in results[1:] if classify(r) == pl]
        if not names or pl == placement:
            continue
        shown = "; ".join(f"{r.variant}" + (f" ({_why(r)})" if pl == "fails" else "") for r in names[:6])
        more = f" and {len(names) - 6} more" if len(names) > 6 else ""
        parts.append(f"{pl} for {shown}{more}")
    mism = [r.variant for r in results if (r.sim or {}).get("ran") and not r.sim.get("match")]
    if mism:
        parts.append("simulator differs from onnxruntime for " + ", ".join(mism[:6]))
    if len(results) > 1:
        parts.append(f"{len(results)} variants: " + ", ".join(f"{n} {pl}" for pl, n in sorted((others + Counter([placement])).items())))
    return {"placement": placement, "observed": version,
            "source": f"observed with rknn-toolkit2 {version} (rknnlint probe, {target} {dtype})", "note": "; ".join(parts)}


def build_table(results: list[Result], version: str, family: str, target: str, dtype: str, seconds: float) -> dict[str, Any]:
    by_op: dict[str, list[Result]] = {}
    for r in results:
        r.error = clean_error(r.error)
        by_op.setdefault(r.op, []).append(r)
    ops = {op: op_entry(op, rs, version, target, dtype) for op, rs in sorted(by_op.items())}
    variants = {op: {r.variant: variant_record(r) for r in rs} for op, rs in sorted(by_op.items())}
    return {
        "toolkit": version,
        "family": family,
        "target": target,
        "dtype": dtype,
        "source": f"observed with rknn-toolkit2 {version} (rknnlint probe)",
        "probe": {"cases": len(results), "ops": len(ops), "seconds": round(seconds, 1),
                  "placements": dict(sorted(Counter(e["placement"] for e in ops.values()).items()))},
        "ops": ops,
        "variants": variants,
    }


def merge_tables(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """A partial probe (--ops) updates the ops it probed and keeps the rest of an existing table."""
    if not old or old.get("toolkit") != new.get("toolkit"):
        return new
    out = dict(new)
    out["ops"] = {**(old.get("ops") or {}), **new["ops"]}
    out["variants"] = {**(old.get("variants") or {}), **new.get("variants", {})}
    out["probe"] = {**new["probe"], "ops": len(out["ops"]),
                    "placements": dict(sorted(Counter(e["placement"] for e in out["ops"].values()).items()))}
    if old.get("probe", {}).get("ops", 0) > len(new["ops"]):
        out["probe"]["cases"] = old.get("probe", {}).get("cases", new["probe"]["cases"])
        out["probe"]["seconds"] = old.get("probe", {}).get("seconds", new["probe"]["seconds"])
    return out



def merge_variants(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """A probe of a few variants (--variants) adds or replaces those variant records in an existing table of the same
    toolkit version and keeps everything else, the ops' entries too (an op's entry is its first variant's outcome)."""
    if not old or old.get("toolkit") != new.get("toolkit"):
        raise ValueError("--variants adds to an existing table of the same toolkit version; probe the whole op first")
    out = dict(old)
    out["variants"] = {op: dict(recs) for op, recs in (old.get("variants") or {}).items()}
    for op, recs in (new.get("variants") or {}).items():
        out["variants"].setdefault(op, {}).update(recs)
    return out


HEADER = ("# Measured by `rknnlint probe` with the real rknn-toolkit2 (one minimal model per op and variant, see docs/probe.md).\n"
          "# ops: the placement of each op's first (most typical) variant; variants: every model that was built.\n"
          "# placement: npu | rewrite (turned into other NPU ops) | cpu | fold (no layer left) | fails (build fails or crashes)\n")


def write_table(path: Path, table: dict[str, Any]) -> None:
    """Write atomically (a reader never sees a half-written table), 0644 under umask 022, no YAML anchors."""
    from .._files import write_text_atomic, yaml_dump

    path.parent.mkdir(parents=True, exist_ok=True)
    text = HEADER + yaml_dump(table, width=160)
    # versions stay strings for every YAML reader ("2.5" would otherwise load as a float)
    text = re.sub(r"^(\s*(?:toolkit|observed): )([0-9][0-9.a-z]*)$", r'\1"\2"', text, flags=re.M)
    write_text_atomic(path, text)


def read_table(path: Path) -> dict[str, Any]:
    if not path.is_file():
        return {}
    with open(path, encoding="utf-8") as f:
        return yaml.safe_load(f) or {}


def result_from_dict(d: dict[str, Any]) -> Result:
    """A Result from its dataclasses.asdict() form (saved raw runs)."""
    d = dict(d)
    d["layers"] = [Layer(**x) for x in d.get("layers", [])]
    d["op_layers"] = [Layer(**x) for x in d.get("op_layers", [])]
    d["status"] = BuildStatus.parse(d["status"])
    return Result(**d)
