"""SARIF output: valid against the official 2.1.0 schema, rules listed once, stable fingerprints."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import run_cli, shared_model

SCHEMA = Path(__file__).resolve().parents[1] / "fixtures" / "schemas" / "sarif-schema-2.1.0.json"  # OASIS, unmodified


def _schema():
    return json.loads(SCHEMA.read_text())


def _sarif(*args):
    code, out, err = run_cli("check", *args, "--format", "sarif")
    return code, json.loads(out)


def test_sarif_validates_against_schema_on_many_models():
    jsonschema = pytest.importorskip("jsonschema")
    code, doc = _sarif(shared_model("misc_resize_cubic_op13.onnx"), shared_model("det_tiny_topk_nms_op11.onnx"),
                       shared_model("cls_squeezenet1_1_op21_dynamo.onnx"), "--target", "rk3588,rv1106")
    assert code == 1
    jsonschema.validate(doc, _schema())
    run = doc["runs"][0]
    ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert len(ids) == len(set(ids)), "a rule is listed twice"
    assert {r["ruleId"] for r in run["results"]} <= set(ids)
    for r in run["results"]:
        assert ids[r["ruleIndex"]] == r["ruleId"]
        assert r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith(".onnx")
    cubic = [r for r in run["results"] if r["ruleId"] == "RKN701"]
    assert cubic and cubic[0]["level"] == "error"
    assert cubic[0]["locations"][0]["logicalLocations"][0]["name"] == "/Resize"
    assert "Resize" in cubic[0]["locations"][0]["logicalLocations"][0]["fullyQualifiedName"]
    rule = run["tool"]["driver"]["rules"][ids.index("RKN701")]
    assert "Why the NPU cares" in rule["help"]["text"]


def test_sarif_fingerprints_are_stable_and_distinct(tmp_path):
    m = shared_model("misc_resize_cubic_op13.onnx")
    _, a = _sarif(m, "--target", "rk3588,rk3566")
    _, b = _sarif(m, "--target", "rk3588,rk3566")
    fa = [r["partialFingerprints"]["rknnlint/v1"] for r in a["runs"][0]["results"]]
    fb = [r["partialFingerprints"]["rknnlint/v1"] for r in b["runs"][0]["results"]]
    assert fa == fb and len(fa) == len(set(fa))
    # a copy of the model at another path gets other fingerprints (the model path is part of it)
    other = tmp_path / "copy.onnx"
    other.write_bytes(m.read_bytes())
    _, c = _sarif(other, "--target", "rk3588,rk3566")
    assert not set(fa) & {r["partialFingerprints"]["rknnlint/v1"] for r in c["runs"][0]["results"]}


def test_sarif_clean_and_unreadable(tmp_path):
    jsonschema = pytest.importorskip("jsonschema")
    bad = tmp_path / "bad.onnx"
    bad.write_bytes(b"not a model")
    code, doc = _sarif(bad)
    assert code == 2
    jsonschema.validate(doc, _schema())
    inv = doc["runs"][0]["invocations"][0]
    assert inv["executionSuccessful"] is False and inv["toolExecutionNotifications"]
