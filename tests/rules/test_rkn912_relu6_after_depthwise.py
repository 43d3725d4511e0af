from __future__ import annotations

import numpy as np
from onnx import helper

from conftest import conv_weight, findings, init, make_model


def _dw_clip(hi: float = 6.0, group: int = 8):
    nodes = [helper.make_node("Conv", ["x", "w"], ["c"], pads=[1, 1, 1, 1], group=group, name="dw"),
             helper.make_node("Clip", ["c", "lo", "hi"], ["y"], name="relu6")]
    inits = [init("w", conv_weight(8, 8 // group)), init("lo", np.array(0.0, np.float32)),
             init("hi", np.array(hi, np.float32))]
    return make_model(nodes, [("x", [1, 8, 8, 8])], [("y", [1, 8, 8, 8])], inits)


def test_fires_in_int8_builds():
    fs = findings(_dw_clip(), select={"RKN912"}, dtype="int8")
    assert [f.location.node_name for f in fs] == ["relu6"] and "depthwise Conv 'dw' (8 channels)" in fs[0].message


def test_silent_for_fp16_other_clips_and_regular_convs():
    assert findings(_dw_clip(), select={"RKN912"}) == []
    assert findings(_dw_clip(hi=1.0), select={"RKN912"}, dtype="int8") == []
    assert findings(_dw_clip(group=1), select={"RKN912"}, dtype="int8") == []
