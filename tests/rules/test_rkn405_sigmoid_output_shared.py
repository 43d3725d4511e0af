from __future__ import annotations

from _det_graphs import dfl_detector
from onnx import helper

from conftest import findings, init, make_model, shared_model


def test_fires_when_sigmoid_output_is_also_consumed():
    m = dfl_detector(concat_scores=False)
    m.graph.output.append(helper.make_tensor_value_info("final", 1, [1, 6, 84]))
    m.graph.node.append(helper.make_node("Concat", ["boxes", "scores"], ["final"], axis=1, name="extra_concat"))
    fs = findings(m, select={"RKN405"})
    assert len(fs) == 1
    assert fs[0].location.node_name == "score_sigmoid"
    assert "Concat 'extra_concat'" in fs[0].message and "'box0' [1,64,8,8]" in fs[0].message


def test_fires_on_minimal_graph_without_detector():
    m = make_model([helper.make_node("Sigmoid", ["x"], ["s"], name="sig"), helper.make_node("Mul", ["s", "k"], ["y"])],
                   [("x", [1, 4, 8, 8])], [("s", [1, 4, 8, 8]), ("y", [1, 4, 8, 8])], [init("k", [2.0])])
    fs = findings(m, select={"RKN405"})
    assert [f.location.node_name for f in fs] == ["sig"]
    assert "Mul" in fs[0].message


def test_silent_when_sigmoid_is_only_an_output():
    assert findings(dfl_detector(concat_scores=False), select={"RKN405"}) == []
    assert findings(shared_model("det_yolov8n_nc20_256_op12.onnx"), select={"RKN405"}) == []
