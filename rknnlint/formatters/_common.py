"""Helpers shared by the CI formatters: stable fingerprints and rule lookup."""
from __future__ import annotations

import hashlib


def fingerprint(f) -> str:
    """A fingerprint that survives re-exports: rule code, model path, target and node (or tensor) name.

    The node index is left out on purpose: inserting a node upstream shifts every index, but names stay.
    """
    loc = f.location
    where = loc.node_name or (f"{loc.op_type}#{loc.node_index}" if loc.node_index >= 0 else "") or loc.tensor
    key = "\x1f".join((f.code, f.model.replace("\\", "/"), f.target, "/".join(loc.graph_path), where))
    if (f.data or {}).get("source") == "build":  # `check --build`: the build's RKN201 is not the static RKN201
        key += "\x1fbuild"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def rule_docs(codes) -> dict:
    """code -> rule class, for the codes that appear in a report (unknown codes are skipped)."""
    from ..rule import all_rules

    rules = all_rules()
    return {c: rules[c] for c in sorted(set(codes)) if c in rules}
