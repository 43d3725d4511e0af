"""RKN095 toolkit-workaround: a known pass crash, the disable_rules build tried."""
from __future__ import annotations

from _build_run import outcome, static_codes

from rknnlint.toolkit.workarounds import workaround_for


def test_a_known_pass_crash_asks_for_the_workaround_build():
    stderr = ("E build: Traceback (most recent call last):\n"
              "W You can add disable_rules=['seperate_conv_rs_split'] in rknn.config() to temporarily disable the error rule!\n")
    o = outcome(0, {"stage": "build", "ok": False, "exception": "IndexError: list index out of range",
                    "traceback": "File x in _p_seperate_conv_rs_split"}, stderr=stderr)
    assert [f.code for f in o.findings] == ["RKN704"]
    assert workaround_for(o) == "seperate_conv_rs_split"
    # an unknown pass is not tried
    o2 = outcome(0, {"stage": "build", "ok": False, "exception": "IndexError: x", "traceback": "in _p_some_new_pass"},
                 stderr="E build: Traceback (most recent call last):\n")
    assert workaround_for(o2) is None


def test_the_finding_is_made_by_the_rule_class():
    from rknnlint.checks.toolkit.rkn095_toolkit_workaround import ToolkitWorkaround

    f = ToolkitWorkaround.finding("builds with disable_rules", "m.onnx", "rk3588", disable_rules=["p"], agrees=None)
    assert (f.code, f.name, f.severity.name) == ("RKN095", "toolkit-workaround", "INFO")
    assert f.data == {"source": "build", "disable_rules": ["p"]}
    assert static_codes("RKN095") == []
