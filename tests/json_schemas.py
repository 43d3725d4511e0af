"""Validate rknnlint's JSON documents against the published schemas in docs/schemas/ (issue 13)."""
from __future__ import annotations

import json
from functools import cache
from pathlib import Path

SCHEMAS = Path(__file__).resolve().parent.parent / "docs" / "schemas"


@cache
def _validator(name: str):
    from jsonschema import Draft202012Validator
    from referencing import Registry, Resource

    docs = {p.name: json.loads(p.read_text()) for p in SCHEMAS.glob("*.schema.json")}
    registry = Registry().with_resources((d["$id"], Resource.from_contents(d)) for d in docs.values())
    schema = docs[f"{name}.schema.json"]
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, registry=registry)


def validate(doc: dict | str, name: str) -> dict:
    """The document (parsed when given as text), after checking it against docs/schemas/<name>.schema.json;
    every error is listed on failure."""
    if isinstance(doc, str):
        doc = json.loads(doc)
    errors = sorted(_validator(name).iter_errors(doc), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors[:20])
    return doc


def validate_sarif(doc: dict | str) -> dict:
    """A SARIF log checked against docs/schemas/sarif.schema.json, plus what JSON Schema cannot say: rule ids are
    unique within the run and a result's ruleIndex points at the rule whose id is its ruleId (SARIF 2.1.0, 3.27.6)."""
    doc = validate(doc, "sarif")
    for run in doc["runs"]:
        ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
        assert len(ids) == len(set(ids)), f"a rule is listed twice: {ids}"
        for i, res in enumerate(run["results"]):
            if "ruleIndex" in res:
                k = res["ruleIndex"]
                assert k < len(ids) and ids[k] == res["ruleId"], f"results/{i}: ruleIndex {k} is not rule {res['ruleId']}"
    return doc
