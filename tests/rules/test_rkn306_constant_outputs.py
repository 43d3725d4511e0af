from __future__ import annotations

import pytest
from _toolkit_build import toolkit_build
from onnx import helper

from conftest import findings, make_model, save, shared_model


def _shape_only():
    return make_model([helper.make_node("Shape", ["x"], ["s"]), helper.make_node("Cast", ["s"], ["y"], to=1)],
                      [("x", [1, 4, 8, 8])], [("y", [4])])


def test_fires_when_every_output_is_shape_derived():
    fs = findings(_shape_only(), select={"RKN306"})
    assert len(fs) == 1 and str(fs[0].severity) == "error"
    assert "All outputs ['y'] of model are constants, The model is invalid!" in fs[0].message


def test_silent_when_one_output_uses_data():
    m = make_model([helper.make_node("Shape", ["x"], ["s"]), helper.make_node("Cast", ["s"], ["y"], to=1),
                    helper.make_node("Relu", ["x"], ["z"])], [("x", [1, 4, 8, 8])], [("y", [4]), ("z", [1, 4, 8, 8])])
    assert findings(m, select={"RKN306"}) == []
    for name in ("cls_shufflenet_v2_x1_0_op13.onnx", "det_tiny_topk_nms_op11.onnx"):
        assert findings(shared_model(name), select={"RKN306"}) == []


@pytest.mark.toolkit
def test_toolkit_refuses_constant_outputs(tmp_path):
    rc, out = toolkit_build(save(_shape_only(), tmp_path))
    assert rc != 0 and "All outputs ['y'] of model are constants, The model is invalid!" in out
