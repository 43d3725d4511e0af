from __future__ import annotations

import pytest
from _det_graphs import dfl_detector
from _toolkit_build import toolkit_build

from conftest import findings, save, shared_model


def test_fires_on_real_yolov8():
    fs = findings(shared_model("det_yolov8n_nc20_256_op12.onnx"), select={"RKN704"})
    assert len(fs) == 1
    f = fs[0]
    assert f.location.node_name == "/model.22/dfl/conv/Conv" and str(f.severity) == "error"
    assert "_p_seperate_conv_rs_split" in f.message and "seperate_conv_rs_split" in f.hint
    assert "'/model.22/cv2.0/cv2.0.2/Conv_output_0' [1,64,32,32]" in f.message


def test_minimal_trigger_and_neighbours():
    assert [f.location.node_name for f in findings(dfl_detector(), select={"RKN704"})] == ["dfl_conv"]
    assert len(findings(dfl_detector(branches=2, decode=False, concat_scores=False), select={"RKN704"})) == 1
    # no Slice after the DFL reshape, or one branch only (no Concat): the toolkit builds these
    assert findings(dfl_detector(slice_after=False), select={"RKN704"}) == []
    assert findings(dfl_detector(branches=1), select={"RKN704"}) == []
    assert findings(shared_model("det_yolov5style_nc20_320_op12.onnx"), select={"RKN704"}) == []


@pytest.mark.toolkit
def test_toolkit_agrees(tmp_path):
    rc, out = toolkit_build(save(dfl_detector(), tmp_path, "crash.onnx"))
    assert rc in (1, 4) and "_p_seperate_conv_rs_split" in out
    rc, out = toolkit_build(save(dfl_detector(), tmp_path, "crash.onnx"), disable_rule="seperate_conv_rs_split")
    assert rc == 0, out[-2000:]
    for kw in ({"slice_after": False}, {"branches": 1}):
        rc, out = toolkit_build(save(dfl_detector(**kw), tmp_path, "ok.onnx"))
        assert rc == 0, (kw, out[-2000:])
