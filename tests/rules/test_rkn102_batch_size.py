from __future__ import annotations

import pytest
from _toolkit_build import toolkit_build
from onnx import helper

from conftest import conv_weight, findings, init, make_model, save, shared_model


def _conv(batch):
    return make_model([helper.make_node("Conv", ["x", "w"], ["y"], pads=[1, 1, 1, 1])], [("x", [batch, 3, 8, 8])],
                      [("y", [batch, 4, 8, 8])], [init("w", conv_weight(4, 3))])


def test_fires_on_minimal_batch_2_as_info():
    fs = findings(_conv(2), select={"RKN102"})
    assert [f.location.tensor for f in fs] == ["x"] and str(fs[0].severity) == "info"
    assert "batch 2" in fs[0].message and "rknn_batch_size" in fs[0].hint


def test_silent_on_batch_1_and_real_models():
    assert findings(_conv(1), select={"RKN102"}) == []
    # a symbolic batch is RKN101's business
    for name in ("cls_mnasnet0_5_op13_dynbatch.onnx", "cls_shufflenet_v2_x1_0_op13.onnx", "seq_gru2x96_op12.onnx"):
        assert findings(shared_model(name), select={"RKN102"}) == []


@pytest.mark.toolkit
def test_toolkit_builds_batch_2(tmp_path):
    rc, _ = toolkit_build(save(_conv(2), tmp_path))
    assert rc == 0
