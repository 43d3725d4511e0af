from __future__ import annotations

import numpy as np
import pytest
from _toolkit_build import toolkit_build
from onnx import helper

from conftest import findings, init, make_model, save, shared_model


def _five_d(mid, extra=()):
    nodes = [helper.make_node("Reshape", ["x", "s5"], ["r5"], name="to5d"), *mid,
             helper.make_node("Reshape", ["m", "s4"], ["y"], name="back")]
    return make_model(nodes, [("x", [1, 8, 8, 8])], [("y", [1, 8, 8, 8])],
                      [init("s5", np.array([2, 2, 2, 8, 8], np.int64)), init("s4", np.array([1, 8, 8, 8], np.int64)), *extra])


def test_real_shufflenet_one_warning_per_shuffle_reshape():
    fs = findings(shared_model("cls_shufflenet_v2_x1_0_op13.onnx"), select={"RKN501"})
    assert len(fs) == 16  # one per channel shuffle, not one per 5-D tensor
    assert {f.location.op_type for f in fs} == {"Reshape"}
    assert all(str(f.severity) == "warning" and "CPU" not in f.message for f in fs)


def test_real_yolov5_head_groups_per_reshape_and_names_cpu_on_rk3566():
    fs = findings(shared_model("det_yolov5style_nc20_320_op12.onnx"), select={"RKN501"})
    assert sorted(f.location.node_name for f in fs) == ["/Reshape", "/Reshape_3", "/Reshape_6"]
    assert all(str(f.severity) == "warning" for f in fs)
    fs = findings(shared_model("det_yolov5style_nc20_320_op12.onnx"), target="rk3566", select={"RKN501"})
    assert len(fs) == 3 and all("on rk3566 its 5-D Reshape/Transpose run on the CPU" in f.message for f in fs)


def test_real_tiny_vit_qkv_warning():
    fs = findings(shared_model("cls_tiny_vit_5d_op14.onnx"), select={"RKN501"})
    assert [f.location.node_name for f in fs] == ["/Reshape_1", "/Reshape_3"]
    assert all(str(f.severity) == "warning" and "[1, 197, 3, 3, 32]" in f.message for f in fs)


def test_minimal_rewritten_vs_unknown_op():
    fs = findings(_five_d([helper.make_node("Softmax", ["r5"], ["m"], axis=2)]), select={"RKN501"})
    assert [(f.location.node_name, str(f.severity)) for f in fs] == [("to5d", "warning")]
    fs = findings(_five_d([helper.make_node("LpNormalization", ["r5"], ["m"], axis=2)]), select={"RKN501"})
    assert [f.location.node_name for f in fs] == ["to5d"]
    assert "LpNormalization" in fs[0].message and "not been verified" in fs[0].message
    assert fs[0].status.value == "unknown"


def _self_concat():
    nodes = [helper.make_node("Reshape", ["x", "s5"], ["r5"], name="to5d"),
             helper.make_node("Concat", ["r5", "r5"], ["c"], axis=2, name="cat"),
             helper.make_node("Reshape", ["c", "s4"], ["y"], name="back")]
    return make_model(nodes, [("x", [1, 8, 8, 8])], [("y", [1, 16, 8, 8])],
                      [init("s5", np.array([2, 2, 2, 8, 8], np.int64)), init("s4", np.array([1, 16, 8, 8], np.int64))])


def test_5d_self_concat_is_an_error():
    fs = findings(_self_concat(), select={"RKN501"})
    assert [(f.location.node_name, str(f.severity)) for f in fs] == [("to5d", "error")]
    assert "Concat 'cat'" in fs[0].message and "KeyError" in fs[0].message


def test_silent_on_4d_models():
    for name in ("seg_tiny_unet_odd_channels_op13.onnx", "seq_gru2x96_op12.onnx"):
        assert findings(shared_model(name), select={"RKN501"}) == []


@pytest.mark.toolkit
def test_toolkit_builds_5d_softmax_and_shuffle(tmp_path):
    rc, _ = toolkit_build(save(_five_d([helper.make_node("Softmax", ["r5"], ["m"], axis=2)]), tmp_path, "sm.onnx"))
    assert rc == 0
    rc, out = toolkit_build(save(_self_concat(), tmp_path, "cat.onnx"))
    assert rc != 0 and "KeyError: 'to5d'" in out  # the name of the Reshape node
