from __future__ import annotations

import pytest
from _toolkit_build import toolkit_build
from onnx import helper

from conftest import findings, make_model, save, shared_model


def _relu(ir):
    return make_model([helper.make_node("Relu", ["x"], ["y"])], [("x", [1, 4, 8, 8])], [("y", [1, 4, 8, 8])], ir_version=ir)


def test_fires_on_ir_newer_than_onnx_1_18():
    fs = findings(_relu(12), select={"RKN204"})
    assert len(fs) == 1 and str(fs[0].severity) == "error" and "IR version 12" in fs[0].message


def test_silent_on_ir_3_to_11_and_real_models():
    for ir in (3, 8, 10, 11):
        assert findings(_relu(ir), select={"RKN204"}) == [], ir
    for name in ("cls_shufflenet_v2_x1_0_op13.onnx", "cls_squeezenet1_1_op21_dynamo.onnx"):
        assert findings(shared_model(name), select={"RKN204"}) == []


@pytest.mark.toolkit
def test_toolkit_loads_ir_11(tmp_path):
    rc, _ = toolkit_build(save(_relu(11), tmp_path))
    assert rc == 0
