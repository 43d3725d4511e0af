"""`rknnlint doctor`: installed versions against rknn-toolkit2's pins."""
from __future__ import annotations

import importlib.metadata as md

import pytest

from rknnlint.cli.doctor_cmd import default_pins, diagnose, parse_requires, render, satisfies
from tests.conftest import run_cli

DEFAULT_PINS = default_pins()

REQUIRES_250 = ["protobuf <=4.25.4,>=4.21.6", "psutil >=5.9.0", "numpy <=1.26.4", "onnx <=1.18.0,>=1.16.1",
                "onnxruntime >=1.17.0", "torch <=2.4.0,>=1.10.1"]
GOOD = {"onnx": "1.18.0", "onnxruntime": "1.26.0", "numpy": "1.26.4", "protobuf": "4.25.4", "torch": "2.4.0"}


@pytest.mark.parametrize("version,spec,ok", [
    ("1.18.0", ">=1.16.1,<=1.18.0", True), ("1.19.0", ">=1.16.1,<=1.18.0", False), ("1.16.0", ">=1.16.1,<=1.18.0", False),
    ("2.13.0+cpu", "<=2.4.0,>=1.10.1", False), ("2.4.0+cpu", "<=2.4.0", True), ("2.0.2", "<=1.26.4", False),
    ("1.26.4", "<=1.26.4", True), ("1.17", ">=1.17.0", True), ("1.16.3", ">=1.17.0", False), ("1.18.1", "==1.18.*", True),
    ("1.19.0", "==1.18.*", False), ("1.18.1", "!=1.18.*", False),
])
def test_satisfies(version, spec, ok):
    assert satisfies(version, spec) is ok


def test_parse_requires_reads_the_2_5_0_metadata_lines():
    pins = parse_requires(REQUIRES_250 + ["scipy>=1.9.3; python_version >= '3.8'"])
    assert pins["onnx"] == "<=1.18.0,>=1.16.1"
    assert pins["numpy"] == "<=1.26.4"
    assert pins["scipy"] == ">=1.9.3"
    assert {k: pins[k] for k in DEFAULT_PINS} == {k: v.replace(" ", "") for k, v in parse_requires(REQUIRES_250).items() if k in DEFAULT_PINS}


def _status(rows, pkg):
    return next(r for r in rows if r.package == pkg)


def test_all_within_pins_is_clean():
    rows = diagnose(GOOD, parse_requires(REQUIRES_250), "2.5.0")
    assert {r.status for r in rows} == {"ok"}


def test_torch_outside_pin_is_a_warning_not_an_error():
    rows = diagnose({**GOOD, "torch": "2.13.0+cpu"}, parse_requires(REQUIRES_250), "2.5.0")
    assert _status(rows, "torch").status == "warning"
    assert not any(r.status == "error" for r in rows)


@pytest.mark.parametrize("pkg,version", [("onnx", "1.19.0"), ("numpy", "2.1.0"), ("protobuf", "5.28.0"), ("onnxruntime", "1.16.3")])
def test_hard_pin_broken_is_an_error_naming_the_fix(pkg, version):
    rows = diagnose({**GOOD, pkg: version}, parse_requires(REQUIRES_250), "2.5.0")
    row = _status(rows, pkg)
    assert row.status == "error"
    assert "pip install" in row.message and pkg in row.message
    assert "1 error(s)" in render(rows, "test")


def test_missing_dependency_with_toolkit_is_an_error():
    rows = diagnose({**GOOD, "onnxruntime": None}, parse_requires(REQUIRES_250), "2.5.0")
    assert _status(rows, "onnxruntime").status == "error"


def test_without_toolkit_nothing_is_an_error():
    rows = diagnose({**GOOD, "numpy": "2.1.0"}, DEFAULT_PINS, None)
    assert _status(rows, "rknn-toolkit2").status == "info"
    assert not any(r.status == "error" for r in rows)


def test_doctor_cli_on_this_environment():
    code, out, err = run_cli("doctor")
    for pkg in ("rknn-toolkit2", "onnx", "onnxruntime", "numpy", "protobuf", "torch"):
        assert pkg in out
    try:
        torch = md.version("torch")
    except md.PackageNotFoundError:
        torch = None
    if torch and not satisfies(torch, "<=2.4.0"):
        line = next(s for s in out.splitlines() if s.startswith("torch"))
        assert "warning" in line
    expected_error = any(r.status == "error" for r in diagnose(
        {p: _v(p) for p in GOOD}, parse_requires(md.requires("rknn-toolkit2") or []) if _v("rknn-toolkit2") else DEFAULT_PINS,
        _v("rknn-toolkit2")))
    assert code == (1 if expected_error else 0)
    assert err == ""


def _v(name):
    try:
        return md.version(name)
    except md.PackageNotFoundError:
        return None
