"""cut-head: NPU part ends at the head boundary; the tail model reproduces the original outputs exactly."""
from __future__ import annotations

import numpy as np
import onnx
import pytest
from _det_graphs import classifier, two_stage_detector
from _rw import apply, feeds, run

from conftest import shared_model
from rknnlint.rewrites import RewriteRefused


def _compose(m, res, seed=0):
    """original(x) == tail(npu(x)) and npu(x) == the original's tensors of the same names."""
    tail = res.extra["tail"]
    f = feeds(res.model, seed)
    ref = run(m, f)
    mid = run(res.model, f)
    tail_in = {i.name for i in tail.graph.input}
    assert tail_in == set(res.extra["boundary"]), "the tail's inputs are the new outputs"
    got = run(tail, {k: v for k, v in {**f, **mid}.items() if k in tail_in})
    for name, r in ref.items():
        np.testing.assert_array_equal(got[name], r, err_msg=name)
    # the new outputs are the original's intermediate tensors
    probe = onnx.ModelProto()
    probe.CopyFrom(m)
    for name in mid:
        probe.graph.output.append(onnx.helper.make_empty_tensor_value_info(name))
    inner = run(probe, f)
    for name, v in mid.items():
        np.testing.assert_array_equal(v, inner[name], err_msg=name)


def test_yolov8_is_cut_before_dfl():
    m = onnx.load(shared_model("det_yolov8n_nc20_256_op12.onnx"))
    res = apply("cut-head", m)
    outs = [o.name for o in res.model.graph.output]
    assert outs == [f"/model.22/{b}.{k}/{b}.{k}.2/Conv_output_0" for k in range(3) for b in ("cv2", "cv3")]
    assert [d.dim_value for d in res.model.graph.output[0].type.tensor_type.shape.dim] == [1, 64, 32, 32]
    tail_ops = {n.op_type for n in res.extra["tail"].graph.node}
    assert {"Softmax", "Concat", "Sigmoid"} <= tail_ops
    assert "Softmax" not in {n.op_type for n in res.model.graph.node}
    onnx.checker.check_model(res.extra["tail"], full_check=True)
    assert any(p.key == "rknnlint.cut_head" for p in res.model.metadata_props)
    _compose(m, res)


def test_nms_detector_integer_outputs_compose_exactly():
    m = onnx.load(shared_model("det_tiny_topk_nms_op11.onnx"))
    res = apply("cut-head", m)
    assert {"NonMaxSuppression", "TopK"} <= {n.op_type for n in res.extra["tail"].graph.node}
    assert not {"NonMaxSuppression", "TopK"} & {n.op_type for n in res.model.graph.node}
    for seed in range(2):
        _compose(m, res, seed)


def test_yolov5style_keeps_three_convs():
    m = onnx.load(shared_model("det_yolov5style_nc20_320_op12.onnx"))
    res = apply("cut-head", m)
    assert [o.name for o in res.model.graph.output] == ["/m.0/Conv_output_0", "/m.1/Conv_output_0", "/m.2/Conv_output_0"]
    _compose(m, res)


def test_tensors_given_by_name():
    m = onnx.load(shared_model("det_yolov8n_nc20_256_op12.onnx"))
    names = "/model.22/Concat_output_0,/model.22/Concat_1_output_0,/model.22/Concat_2_output_0"
    res = apply("cut-head", m, cut_head=names, explicit=True)
    assert [o.name for o in res.model.graph.output] == names.split(",")
    _compose(m, res)


def test_unknown_tensor_is_refused():
    m = onnx.load(shared_model("det_yolov8n_nc20_256_op12.onnx"))
    with pytest.raises(RewriteRefused, match="no tensor named 'nope'"):
        apply("cut-head", m, cut_head="nope", explicit=True)


def test_no_head():
    m = classifier()
    assert not apply("cut-head", m).changed
    with pytest.raises(RewriteRefused, match="no post-processing head found"):
        apply("cut-head", m, cut_head="auto", explicit=True)


def test_two_stage_detector_has_no_single_cut():
    with pytest.raises(RewriteRefused, match="no single cut separates"):
        apply("cut-head", two_stage_detector(), cut_head="auto", explicit=True)
