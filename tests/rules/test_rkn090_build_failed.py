"""RKN090 build-failed: a toolkit error no static rule maps to."""
from __future__ import annotations

from _build_run import outcome, static_codes

from conftest import run_cli


def test_unmapped_error_is_rkn090_with_the_pass_the_toolkit_named():
    stderr = ("E build: The shape of '/Transpose_1_output_0' is (0, 1), it is abnormal!\n"
              "W You can add disable_rules=['some_new_pass'] in rknn.config() to temporarily disable the error rule!\n")
    o = outcome(0, {"stage": "build", "ok": False, "rc": -1}, stderr=stderr)
    assert o.status == "failed"
    (f,) = o.findings
    assert (f.code, f.name, f.severity.name) == ("RKN090", "build-failed", "ERROR")
    assert "is abnormal" in f.message and "disable_rules=['some_new_pass']" in f.hint
    assert f.data["source"] == "build"


def test_export_error_is_rkn090_on_a_built_model():
    o = outcome(0, {"stage": "done", "ok": True, "export_error": "export_rknn returned an error"})
    assert o.status == "built" and [f.code for f in o.findings] == ["RKN090"]


def test_static_check_finds_nothing_and_explain_prints_the_docs():
    assert static_codes("RKN090") == []
    code, out, _ = run_cli("explain", "RKN090")
    assert code == 0 and out.startswith("RKN090 build-failed (error)") and "How to fix:" in out
