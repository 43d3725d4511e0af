"""Every JSON document rknnlint prints has a schema_version and validates against docs/schemas/ (issue 13)."""
from __future__ import annotations

import json
import shutil

import pytest

from conftest import run_cli, shared_model
from json_schemas import SCHEMAS, validate
from rknnlint.toolkit.layers import Layer


def test_every_schema_is_valid_and_documented():
    from jsonschema import Draft202012Validator

    names = sorted(p.name for p in SCHEMAS.glob("*.schema.json"))
    assert names == ["build.schema.json", "check.schema.json", "fix.schema.json", "sarif.schema.json"]
    for n in names:
        Draft202012Validator.check_schema(json.loads((SCHEMAS / n).read_text()))
    text = (SCHEMAS.parent / "ci.md").read_text() + (SCHEMAS.parent / "build.md").read_text()
    assert all(f"schemas/{n}" in text for n in names)


def test_check_json_validates_with_findings_unreadable_and_several_targets(tmp_path):
    (tmp_path / "empty.onnx").write_bytes(b"")
    shutil.copy(shared_model("det_yolov8n_nc20_256_op12.onnx"), tmp_path)
    code, out, _ = run_cli("check", tmp_path, "--format", "json", "--target", "rk3588,rv1106")
    doc = validate(out, "check")
    assert code == 2 and doc["schema_version"] == "1.0" and doc["summary"]["unreadable"] == 1
    assert any(f["fix"] for m in doc["models"] for f in m["findings"])


def test_fix_json_validates_with_structured_diff(tmp_path):
    src = tmp_path / "det_tiny_topk_nms_op11.onnx"
    shutil.copy(shared_model(src.name), src)
    code, out, _ = run_cli("fix", src, "--unsafe-fixes", "--diff", "--format", "json")
    doc = validate(out, "fix")
    assert code == 1 and doc["schema_version"] == "1.0"
    d = doc["models"][0]["diff"]
    assert d["opset"] == {"before": 11, "after": 13}
    assert {"op_type": "NonMaxSuppression", "name": "nms", "outputs": ["selected"]} in d["nodes_removed"]
    assert d["tail"]["file"] == "det_tiny_topk_nms_op11.postprocess.onnx" and d["tail"]["nodes"] == 16
    code, out, _ = run_cli("fix", tmp_path / "missing.onnx", src, "--format", "json", "--dry-run", "--unsafe-fixes")
    doc = validate(out, "fix")
    assert doc["models"][0]["exit_code"] == 2 and doc["models"][1]["diff"] is None


def test_build_layer_fields_are_numbers():
    lay = Layer(id=6, op_type="Conv", dtype="FLOAT16", target="NPU", input_shapes="(1,96,1,40),(10,96,1,1),...",
                output_shape="(1,10,1,40)", cycles="463/144/463", full_name="Conv:/o/MatMul#2")
    d = lay.to_dict()
    assert d["cycles"] == {"ddr": 463, "npu": 144, "total": 463}
    assert d["input_shapes"] == [[1, 96, 1, 40], [10, 96, 1, 1]] and d["input_shapes_truncated"] is True
    assert d["output_shape"] == [1, 10, 1, 40]
    inp = Layer(id=0, op_type="InputOperator", dtype="FLOAT16", target="CPU", input_shapes="\\", output_shape="(1,40,64)",
                cycles="0/0/0", full_name="InputOperator:feats").to_dict()
    assert inp["input_shapes"] == [] and inp["output_shape"] == [1, 40, 64]
    doc = {"schema_version": "1.0", "tool": {"name": "rknnlint", "version": "0"}, "fail_on": "error", "exit_code": 0,
           "unreadable": [], "builds": [{"model": "m.onnx", "target": "rk3588", "dtype": "fp16", "status": "built",
                                         "error": None, "seconds": 1.0, "log": "x.log", "disable_rules": [],
                                         "exported": None, "compare": None, "findings": [], "static_vs_build": [],
                                         "summary": {"layers": 1, "npu_layers": 1, "npu_coverage": 1.0, "cpu_ops": {}},
                                         "layers": [d, inp]}]}
    validate(doc, "build")
    doc["builds"][0]["layers"][0]["cycles"] = "463/144/463"
    with pytest.raises(AssertionError, match="cycles"):
        validate(doc, "build")
