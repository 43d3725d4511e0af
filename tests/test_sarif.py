"""SARIF output: valid against docs/schemas/sarif.schema.json (SARIF 2.1.0 as rknnlint emits it), rules listed once,
stable fingerprints."""
from __future__ import annotations

import copy
import json

import pytest

from conftest import run_cli, shared_model
from json_schemas import validate_sarif


def _sarif(*args):
    code, out, err = run_cli("check", *args, "--format", "sarif")
    return code, json.loads(out)


def test_sarif_validates_against_schema_on_many_models():
    code, doc = _sarif(shared_model("misc_resize_cubic_op13.onnx"), shared_model("det_tiny_topk_nms_op11.onnx"),
                       shared_model("cls_squeezenet1_1_op21_dynamo.onnx"), "--target", "rk3588,rv1106")
    assert code == 1
    validate_sarif(doc)
    run = doc["runs"][0]
    ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
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
    bad = tmp_path / "bad.onnx"
    bad.write_bytes(b"not a model")
    code, doc = _sarif(bad)
    assert code == 2
    validate_sarif(doc)
    inv = doc["runs"][0]["invocations"][0]
    assert inv["executionSuccessful"] is False and inv["toolExecutionNotifications"]


def _break(doc, how):
    run = doc["runs"][0]
    res = next(r for r in run["results"] if r["ruleId"] == "RKN701")
    if how == "level fatal":
        res["level"] = "fatal"
    elif how == "no message":
        del res["message"]
    elif how == "ruleIndex of another rule":
        res["ruleIndex"] = next(i for i, r in enumerate(run["tool"]["driver"]["rules"]) if r["id"] != "RKN701")
    elif how == "version 2.0.0":
        doc["version"] = "2.0.0"
    elif how == "line 0":
        res["locations"][0]["physicalLocation"]["region"] = {"startLine": 0, "startColumn": 1}
    elif how == "windows path":
        res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] = "models\\net.onnx"
    elif how == "rule listed twice":
        run["tool"]["driver"]["rules"].append(run["tool"]["driver"]["rules"][0])


@pytest.fixture(scope="module")
def cubic_sarif():
    code, doc = _sarif(shared_model("misc_resize_cubic_op13.onnx"), shared_model("det_tiny_topk_nms_op11.onnx"))
    assert code == 1 and len(doc["runs"][0]["tool"]["driver"]["rules"]) > 1
    return doc


@pytest.mark.parametrize("how,says", [
    ("level fatal", "'fatal' is not one of"), ("no message", "'message' is a required property"),
    ("ruleIndex of another rule", "is not rule RKN701"), ("version 2.0.0", "'2.1.0' was expected"),
    ("line 0", "0 is less than the minimum of 1"), ("windows path", "does not match"),
    ("rule listed twice", "has non-unique elements"),
])
def test_schema_rejects_a_broken_log(cubic_sarif, how, says):
    validate_sarif(cubic_sarif)  # the log as written is valid; one change breaks it
    doc = copy.deepcopy(cubic_sarif)
    _break(doc, how)
    with pytest.raises(AssertionError, match=says):
        validate_sarif(doc)
    region = {"startLine": 3, "startColumn": 1, "endLine": 3, "endColumn": 9}  # a valid region is accepted
    ok = copy.deepcopy(cubic_sarif)
    ok["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"] = region
    validate_sarif(ok)


def test_uri_of_a_path_with_a_space_is_a_uri_reference(tmp_path, monkeypatch):
    (tmp_path / "my models").mkdir()
    (tmp_path / "my models" / "net 1.onnx").write_bytes(shared_model("misc_resize_cubic_op13.onnx").read_bytes())
    monkeypatch.chdir(tmp_path)
    code, doc = _sarif("my models/net 1.onnx")
    assert code == 1
    validate_sarif(doc)
    assert doc["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == \
        "my%20models/net%201.onnx"
