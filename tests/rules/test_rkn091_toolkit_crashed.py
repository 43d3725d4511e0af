"""RKN091 toolkit-crashed: the toolkit child died or timed out."""
from __future__ import annotations

from _build_run import outcome, static_codes


def test_segfault_during_build_is_an_error_naming_signal_and_stage():
    o = outcome(-11, {"stage": "build", "ok": False})
    (f,) = o.findings
    assert (f.code, f.severity.name) == ("RKN091", "ERROR") and o.status == "crashed"
    assert "SIGSEGV" in f.message and f.data["stage"] == "build" and f.data["signal"] == 11


def test_crash_in_the_simulator_after_a_good_build_is_a_warning():
    o = outcome(-6, {"stage": "simulate", "ok": True})
    (f,) = o.findings
    assert o.status == "built" and (f.code, f.severity.name) == ("RKN091", "WARNING") and "SIGABRT" in f.message


def test_timeout():
    o = outcome(None, {"stage": "load"})
    assert o.status == "timeout" and [f.code for f in o.findings] == ["RKN091"] and "stage load" in o.error


def test_static_check_finds_nothing():
    assert static_codes("RKN091") == []
