from __future__ import annotations

import pytest
from _toolkit_build import toolkit_build
from onnx import helper

from conftest import findings, make_model, save, shared_model


def _seq():
    nodes = [helper.make_node("SequenceConstruct", ["x", "x"], ["sq"], name="mk"),
             helper.make_node("ConcatFromSequence", ["sq"], ["y"], axis=1, name="cat")]
    return make_model(nodes, [("x", [1, 4, 8, 8])], [("y", [1, 8, 8, 8])])


def test_fires_on_minimal_sequence_graph():
    fs = findings(_seq(), select={"RKN304"})
    assert sorted(f.location.node_name for f in fs) == ["cat", "mk"]
    assert all(str(f.severity) == "error" for f in fs)
    assert any("The Op of 'SequenceConstruct' is not supported yet" in f.message for f in fs)


def test_silent_on_real_models():
    for name in ("cls_shufflenet_v2_x1_0_op13.onnx", "seq_transformer_encoder_dynseq_op17.onnx"):
        assert findings(shared_model(name), select={"RKN304"}) == []


@pytest.mark.toolkit
def test_toolkit_refuses_sequence(tmp_path):
    rc, out = toolkit_build(save(_seq(), tmp_path))
    assert rc != 0 and "The Op of 'SequenceConstruct' is not supported yet" in out
