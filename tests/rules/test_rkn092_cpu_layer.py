"""RKN092 cpu-layer: a CPU layer of the compiler's layer table."""
from __future__ import annotations

from _build_run import TABLE, outcome, static_codes
from onnx import helper

from conftest import make_model, save
from rknnlint.config import Config
from rknnlint.finding import Severity
from rknnlint.toolkit.logparse import apply_config


def _built(tmp_path):
    m = make_model([helper.make_node("Relu", ["feats"], ["out"], name="/o/Relu")], [("feats", [1, 40, 10])], [("out", [1, 40, 10])])
    return outcome(0, {"stage": "done", "ok": True}, stdout=TABLE, model=str(save(m, tmp_path)))


def test_cpu_layer_mapped_to_the_onnx_node(tmp_path):
    o = _built(tmp_path)
    (f,) = o.findings
    assert (f.code, f.name, f.severity) == ("RKN092", "cpu-layer", Severity.WARNING)
    assert f.location.node_name == "/o/Relu" and "a Reshape the toolkit added at Relu '/o/Relu'" in f.message
    assert f.data["layer"] == 8


def test_ignore_and_severity_override_apply_to_build_findings(tmp_path):
    o = _built(tmp_path)
    apply_config(o, Config(severity={"RKN092": Severity.INFO}))
    assert [f.severity for f in o.findings] == [Severity.INFO]
    apply_config(o, Config(ignore=("RKN092",)))
    assert o.findings == [] and o.summary()["cpu_ops"] == {"Reshape": 1}  # the layer table itself stays


def test_static_check_finds_nothing():
    assert static_codes("RKN092") == []
