from __future__ import annotations

import pytest
from _toolkit_build import toolkit_build
from onnx import helper

from conftest import findings, make_model, save, shared_model


def _op(op, opset=13):
    return make_model([helper.make_node(op, ["x"], ["y"], name="n")], [("x", [1, 4, 8, 8])], [("y", [1, 4, 8, 8])], opset=opset)


def test_fires_on_unknown_and_too_new_op():
    fs = findings(_op("FooBar"), select={"RKN203"})
    assert [f.location.node_name for f in fs] == ["n"] and str(fs[0].severity) == "error"
    assert "No Op registered for FooBar" in fs[0].message
    assert [f.location.op_type for f in findings(_op("Mish", opset=13), select={"RKN203"})] == ["Mish"]  # Mish is opset 18


def test_silent_on_standard_ops_and_real_models():
    assert findings(_op("Mish", opset=18), select={"RKN203"}) == []
    for name in ("cls_shufflenet_v2_x1_0_op13.onnx", "seq_transformer_encoder_dynseq_op17.onnx", "det_tiny_topk_nms_op11.onnx"):
        assert findings(shared_model(name), select={"RKN203"}) == []


@pytest.mark.toolkit
def test_toolkit_refuses_unknown_op(tmp_path):
    rc, out = toolkit_build(save(_op("FooBar"), tmp_path))
    assert rc != 0 and "No Op registered for FooBar" in out
