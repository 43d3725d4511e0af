"""github, junit and json formats, and --output (file gets the format, terminal the text report)."""
from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ET

from conftest import run_cli, shared_model

CUBIC = shared_model("misc_resize_cubic_op13.onnx")


def test_github_annotations():
    code, out, _ = run_cli("check", CUBIC, "--format", "github")
    assert code == 1
    lines = out.splitlines()
    err = [x for x in lines if x.startswith("::error ")]
    assert len(err) == 1
    assert err[0].startswith(f"::error file={CUBIC},title=RKN701 resize-cubic [rk3588]::")
    assert "Resize '/Resize' uses mode='cubic'" in err[0]
    # workflow-command escaping: '%' in the message becomes %25, no raw newlines
    assert all("\n" not in x for x in lines)
    notices = [x for x in lines if x.startswith("::notice ")]
    assert any("50%25 wasted" in x for x in notices)


def test_junit_one_case_per_model_and_target(tmp_path):
    clean = shared_model("cls_shufflenet_v2_x1_0_op13.onnx")
    code, out, _ = run_cli("check", CUBIC, clean, "--format", "junit", "--target", "rk3588,rk3566")
    assert code == 1
    root = ET.fromstring(out)
    cases = root.findall(".//testcase")
    assert sorted((c.get("classname").rsplit("/", 1)[-1], c.get("name")) for c in cases) == [
        ("cls_shufflenet_v2_x1_0_op13.onnx", "rk3566"), ("cls_shufflenet_v2_x1_0_op13.onnx", "rk3588"),
        ("misc_resize_cubic_op13.onnx", "rk3566"), ("misc_resize_cubic_op13.onnx", "rk3588")]
    failed = {(c.get("classname").rsplit("/", 1)[-1], c.get("name")) for c in cases if c.find("failure") is not None}
    assert failed == {("misc_resize_cubic_op13.onnx", "rk3566"), ("misc_resize_cubic_op13.onnx", "rk3588")}
    assert root.get("tests") == "4" and root.get("failures") == "2"
    assert "RKN701" in root.find(".//failure").text


def test_junit_unreadable_is_an_error_case(tmp_path):
    bad = tmp_path / "bad.onnx"
    bad.write_bytes(b"garbage")
    code, out, _ = run_cli("check", bad, "--format", "junit")
    assert code == 2
    root = ET.fromstring(out)
    assert root.get("errors") == "1"


def test_output_file_gets_format_terminal_gets_text(tmp_path):
    out_file = tmp_path / "report.sarif"
    code, out, _ = run_cli("check", CUBIC, "--format", "sarif", "--output", out_file)
    assert code == 1
    doc = json.loads(out_file.read_text())
    assert doc["version"] == "2.1.0"
    assert "RKN701" in out and "FAIL" in out and not out.lstrip().startswith("{")
    assert [p.name for p in tmp_path.iterdir()] == ["report.sarif"]  # no temp file left


def test_output_json_replaces_old_file_atomically(tmp_path):
    out_file = tmp_path / "r.json"
    out_file.write_text("old")
    code, _, _ = run_cli("check", CUBIC, "-f", "json", "-o", out_file)
    assert code == 1 and json.loads(out_file.read_text())["exit_code"] == 1


def test_output_unwritable_is_one_line_exit_2(tmp_path):
    code, out, err = run_cli("check", CUBIC, "-f", "json", "-o", tmp_path / "missing" / "r.json")
    assert code == 2 and "does not exist" in err and len(err.strip().splitlines()) == 1
    code, _, err = run_cli("check", CUBIC, "-f", "json", "-o", tmp_path)
    assert code == 2 and "is a directory" in err
    if os.geteuid() != 0:
        ro = tmp_path / "ro"
        ro.mkdir()
        ro.chmod(0o500)
        try:
            code, _, err = run_cli("check", CUBIC, "-f", "json", "-o", ro / "r.json")
            assert code == 2 and "cannot write" in err
            assert list(ro.iterdir()) == []
        finally:
            ro.chmod(0o700)


def test_unknown_format_is_usage_error():
    code, out, err = run_cli("check", CUBIC, "--format", "xml")
    assert code == 2 and out == ""
    assert err.strip().count("\n") == 0 and "unknown format 'xml'" in err
