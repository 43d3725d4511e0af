from __future__ import annotations

import numpy as np
import pytest
from _toolkit_build import toolkit_build
from onnx import helper

from conftest import conv_weight, findings, init, make_model, save, shared_model


def _resize(mode: str, const_input: bool = False):
    nodes = [helper.make_node("Conv", ["x", "w"], ["c"], pads=[1, 1, 1, 1]),
             helper.make_node("Resize", ["k" if const_input else "c", "", "sc"], ["y"], mode=mode, name="up")]
    if const_input:
        nodes.append(helper.make_node("Add", ["c", "y"], ["z"]))
    inits = [init("w", conv_weight(4, 3)), init("sc", np.array([1, 1, 2, 2], np.float32))]
    if const_input:
        inits.append(init("k", np.ones((1, 4, 4, 4), np.float32)))
    out = ("z", [1, 4, 8, 8]) if const_input else ("y", [1, 4, 16, 16])
    return make_model(nodes, [("x", [1, 3, 8 if const_input else 8, 8 if const_input else 8])], [out], inits)


def _upsample(mode: str = "cubic", opset: int = 12):
    """nn.Upsample(scale_factor=2, mode='bicubic') as torch exports it at opset 12 (airockchip/rknn-toolkit2 issue
    502: a segfault with 2.3.0 and 2.3.2, opset 12 or 19; bilinear builds): Resize with an empty roi constant,
    scales, coordinate_transformation_mode='pytorch_half_pixel' and cubic_coeff_a=-0.75."""
    nodes = [helper.make_node("Conv", ["x", "w"], ["c"], pads=[1, 1, 1, 1], name="conv"),
             helper.make_node("Resize", ["c", "roi", "sc"], ["y"], mode=mode, name="upsample",
                              coordinate_transformation_mode="pytorch_half_pixel", cubic_coeff_a=-0.75)]
    inits = [init("w", conv_weight(8, 3)), init("roi", np.array([], np.float32)),
             init("sc", np.array([1, 1, 2, 2], np.float32))]
    return make_model(nodes, [("x", [1, 3, 32, 32])], [("y", [1, 8, 64, 64])], inits, opset=opset)


def test_fires_on_the_bicubic_upsample_of_issue_502():
    """The report's torch export (opset 12 and 19) killed the build with SIGSEGV with 2.3.2 and 2.5.0 on every
    family measured (scripts/verify_crashes.py); RKN701 names it, and the bilinear one stays silent."""
    for opset in (12, 19):
        for version in ("2.3.2", "2.5.0"):
            [f] = findings(_upsample(opset=opset), select={"RKN701"}, toolkit_version=version)
            assert f.location.node_name == "upsample" and "mode='cubic'" in f.message
            assert "segmentation fault" in f.message
        assert findings(_upsample("linear", opset), select={"RKN701"}, toolkit_version="2.3.2") == []


def test_fires_on_real_cubic_resize():
    fs = findings(shared_model("misc_resize_cubic_op13.onnx"), select={"RKN701"})
    assert len(fs) == 1 and fs[0].location.op_type == "Resize"
    assert str(fs[0].severity) == "error" and "segmentation fault" in fs[0].message
    assert fs[0].fix == "resize-cubic-to-conv" and fs[0].fix_applicability == "safe"  # the exact one runs first


def test_fires_on_minimal_cubic_and_not_on_linear_or_constant():
    assert [f.location.node_name for f in findings(_resize("cubic"), select={"RKN701"})] == ["up"]
    assert findings(_resize("linear"), select={"RKN701"}) == []
    assert findings(_resize("nearest"), select={"RKN701"}) == []
    assert findings(_resize("cubic", const_input=True), select={"RKN701"}) == []


@pytest.mark.toolkit
def test_toolkit_segfaults_on_cubic_and_builds_linear(tmp_path):
    rc, _ = toolkit_build(save(_resize("cubic"), tmp_path, "cubic.onnx"))
    assert rc < 0 or rc == 139  # killed by SIGSEGV
    rc, out = toolkit_build(save(_resize("linear"), tmp_path, "linear.onnx"))
    assert rc == 0, out[-2000:]
