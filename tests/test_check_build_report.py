"""`rknnlint check --build` in machine formats: ONE document with the static findings and the real build."""
from __future__ import annotations

import json

import pytest

from conftest import run_cli, shared_model
from json_schemas import validate, validate_sarif

pytestmark = pytest.mark.toolkit


def test_json_is_one_document_with_static_and_build():
    pytest.importorskip("rknn.api")
    model = shared_model("cls_squeezenet1_1_op21_dynamo.onnx")
    code, out, err = run_cli("check", "--build", model, "--format", "json")
    assert code == 1, err
    doc = validate(out, "check")  # a second document (or any text) after the first would make this raise
    # the static part: the check's report, unchanged in shape
    (m,) = doc["models"]
    assert m["path"] == str(model) and m["verdicts"] == {"rk3588": "fails"}
    static_codes = [f["code"] for f in m["findings"]]
    assert "RKN201" in static_codes and all((f["data"] or {}).get("source") != "build" for f in m["findings"])
    assert doc["static_exit_code"] == 1 and doc["exit_code"] == 1
    # the build part: what the toolkit did
    (b,) = doc["builds"]
    assert b["model"] == str(model) and b["target"] == "rk3588" and b["dtype"] == "fp16"
    assert b["status"] == "failed" and "opset 21" in b["error"]
    assert [f["code"] for f in b["findings"]] == ["RKN201"] and b["findings"][0]["data"]["source"] == "build"
    assert b["static_vs_build"] == []  # the static RKN201 predicted the failed build


def test_json_exit_code_is_the_builds_when_the_static_check_is_clean():
    pytest.importorskip("rknn.api")
    model = shared_model("cls_shufflenet_v2_x1_0_op13.onnx")
    code, out, err = run_cli("check", "--build", model, "--format", "json", "--fail-on", "error")
    doc = validate(out, "check")
    (b,) = doc["builds"]
    assert b["status"] == "built" and b["summary"]["npu_coverage"] == 1.0 and b["summary"]["cpu_ops"] == {}
    assert b["layers"][0]["op_type"] == "InputOperator"
    assert doc["exit_code"] == code == doc["static_exit_code"] == 0, err


def test_sarif_is_one_log_with_build_results(tmp_path):
    pytest.importorskip("rknn.api")
    model = shared_model("seq_gru2x96_op12.onnx")
    report = tmp_path / "r.sarif"
    code, out, err = run_cli("check", "--build", model, "--format", "sarif", "--output", report)
    doc = json.loads(report.read_text())
    validate_sarif(doc)
    run = doc["runs"][0]
    build = [r for r in run["results"] if r["ruleId"] == "RKN092"]
    assert len(build) == 1 and "Reshape" in build[0]["message"]["text"]
    assert build[0]["locations"][0]["logicalLocations"][0]["name"] == "/o/Add"
    static = [r for r in run["results"] if r["ruleId"] != "RKN092"]
    assert static, "the static findings are in the same run"
    prints = [r["partialFingerprints"]["rknnlint/v1"] for r in run["results"]]
    assert len(prints) == len(set(prints))
    (b,) = run["properties"]["builds"]
    assert b["status"] == "built" and b["summary"]["cpu_ops"] == {"Reshape": 1}
    assert run["invocations"][0]["exitCode"] == code
    # the terminal got the text report: static first, then the build
    assert out.index("seq_gru2x96_op12.onnx  rk3588 fp16: built") > 0 and "NPU coverage" in out


def test_ignore_applies_to_the_build_findings():
    """RKN092 is a registered rule: `--ignore RKN092` is accepted (it was a usage error, exit 2) and hides the
    CPU-layer findings of the build; the layer table and its summary stay."""
    pytest.importorskip("rknn.api")
    model = shared_model("seq_gru2x96_op12.onnx")
    code, out, err = run_cli("check", "--build", model, "--format", "json", "--ignore", "RKN092")
    assert code in (0, 1), err
    (b,) = json.loads(out)["builds"]
    assert b["status"] == "built" and b["summary"]["cpu_ops"] == {"Reshape": 1}
    assert "RKN092" not in [f["code"] for f in b["findings"]]
