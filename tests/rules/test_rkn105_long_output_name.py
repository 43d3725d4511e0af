from __future__ import annotations

import pytest
from onnx import helper

from conftest import findings, make_model


def _named(n: int):
    name = "o" * n
    return make_model([helper.make_node("Relu", ["x"], [name])], [("x", [1, 7])], [(name, [1, 7])])


@pytest.mark.parametrize("version", ["2.5.0", "2.3.2", "2.3.0", "2.2.0"])
@pytest.mark.parametrize(("n", "fires"), [(127, False), (128, True), (200, True)])
def test_int8_output_name_of_128_or_more_characters_is_an_error(n, fires, version):
    # docs/facts.md#output-names: rknn-toolkit2 2.5.0 and 2.3.2 int8 (rv1106, rk3588) failed with KeyError for 128,
    # 129, 200 and built 100, 127; 2.3.0 failed for 128 and built 127
    fs = findings(_named(n), target="rv1106", dtype="int8", toolkit_version=version, select={"RKN105"})
    assert [(f.location.tensor, str(f.severity)) for f in fs] == ([("o" * n, "error")] if fires else [])
    if fires:
        assert f"has {n} characters" in fs[0].message and f"rknn-toolkit2 {version} failed" in fs[0].message


def test_a_version_not_measured_gets_a_warning():
    [f] = findings(_named(128), target="rv1106", dtype="int8", toolkit_version="2.1.0", select={"RKN105"})
    assert str(f.severity) == "warning" and "not measured with 2.1.0" in f.message


@pytest.mark.parametrize(("n", "fires"), [(127, False), (128, True), (200, True)])
def test_float16_builds_take_any_length_but_the_simulator_does_not(n, fires):
    # measured with 2.5.0, 2.3.2 and 2.3.0 on rk3588 float16: 128 characters build, rknn.inference raises KeyError
    fs = findings(_named(n), target="rk3588", select={"RKN105"})
    assert [(str(f.severity), f.fix) for f in fs] == ([("warning", "shorten-output-names")] if fires else [])
    if fires:
        assert "float16 build passes" in fs[0].message and "simulator" in fs[0].message
