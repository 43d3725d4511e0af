from __future__ import annotations

import pytest
from _toolkit_build import toolkit_build
from onnx import helper

from conftest import conv_weight, findings, init, make_model, save, shared_model


def _conv():
    return make_model([helper.make_node("Conv", ["x", "w"], ["y"], pads=[1, 1, 1, 1])], [("x", [1, 3, 8, 8])],
                      [("y", [1, 8, 8, 8])], [init("w", conv_weight(8, 3))])


@pytest.mark.parametrize("target", ["rv1106", "rv1103", "rv1106b", "rv1103b"])
def test_fp16_refused_on_int8_only_targets(target):
    fs = findings(shared_model("cls_shufflenet_v2_x1_0_op13.onnx"), select={"RKN903"}, target=target)
    assert len(fs) == 1 and str(fs[0].severity) == "error"
    assert f"Current target_platform({target}) not support do_quantization = False!" in fs[0].message
    assert fs[0].location.kind == "model"


def test_int8_refused_on_rk2118_and_minimal_graph():
    fs = findings(_conv(), select={"RKN903"}, target="rk2118", dtype="int8")
    assert len(fs) == 1 and "float16 only" in fs[0].message


def test_silent_when_the_dtype_is_supported():
    assert findings(_conv(), select={"RKN903"}, target="rv1106", dtype="int8") == []
    assert findings(_conv(), select={"RKN903"}, target="rk2118") == []
    assert findings(_conv(), select={"RKN903"}, target="rk3588") == []


@pytest.mark.toolkit
def test_toolkit_refuses_fp16_on_rv1106b(tmp_path):
    rc, out = toolkit_build(save(_conv(), tmp_path), target="rv1106b")
    assert rc in (1, 4) and "not support do_quantization = False" in out
