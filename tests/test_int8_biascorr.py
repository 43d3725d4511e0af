"""calibration/int8_biascorr.py (docs/int8.md, "Bias correction"): the toolkit's int8 weight grid, the mean of a
convolution per output channel, and the comparison against the ORIGINAL model (BuildJob.reference) that a
corrected model's build needs: without it the build would be compared with its own, shifted, fp32 outputs."""
from __future__ import annotations

import numpy as np
import onnx
import pytest
from onnx import numpy_helper

from conftest import load_script
from tests._int8_models import outlier_model


def _load():
    return load_script("calibration/int8_biascorr.py")


def test_weight_grid_is_asymmetric_per_channel_with_zero_on_it():
    bc = _load()
    w = np.array([[0.5, -0.25, 0.1, 0.0], [2.0, 1.0, 0.3, 0.7]], np.float32).reshape(2, 4, 1, 1)
    q = bc.wq(w, 0)
    # channel 0: [-0.25, 0.5] in 255 steps; channel 1 (all positive): [0, 2.0]
    s0, s1 = 0.75 / 255, 2.0 / 255
    assert np.allclose(q[0] / s0, np.round(q[0] / s0)) and np.allclose(q[1] / s1, np.round(q[1] / s1))
    assert q[0, 3, 0, 0] == 0.0 and q[1, 0, 0, 0] == pytest.approx(2.0)
    assert np.abs(q - w).max() <= max(s0, s1) / 2 + 1e-9
    # a MatMul weight [K, N]: per column
    m = np.array([[1.0, 0.01], [-1.0, 0.02]])
    assert bc.wq(m, 1)[:, 1] == pytest.approx([0.01, 0.02], abs=0.02 / 255)


def test_conv_mean_is_the_mean_of_the_convolution():
    import onnxruntime as ort
    from onnx import TensorProto, helper

    bc = _load()
    rng = np.random.default_rng(1)
    x = rng.standard_normal((2, 4, 9, 11)).astype(np.float32)
    for attrs, w in (({"pads": [1, 2, 0, 1], "strides": [2, 1]}, rng.standard_normal((6, 4, 3, 3)).astype(np.float32)),
                     ({"pads": [1, 1, 1, 1], "group": 4, "dilations": [2, 2]}, rng.standard_normal((4, 1, 3, 3)).astype(np.float32))):
        g = helper.make_graph([helper.make_node("Conv", ["x", "w"], ["y"], **attrs)], "g",
                              [helper.make_tensor_value_info("x", TensorProto.FLOAT, list(x.shape))],
                              [helper.make_tensor_value_info("y", TensorProto.FLOAT, None)],
                              [numpy_helper.from_array(w, "w")])
        sess = ort.InferenceSession(helper.make_model(g, opset_imports=[helper.make_opsetid("", 17)])
                                    .SerializeToString(), providers=["CPUExecutionProvider"])
        y = sess.run(None, {"x": x})[0]
        assert bc.conv_mean(x, w, attrs) == pytest.approx(y.mean(axis=(0, 2, 3)), abs=1e-5)
        if "dilations" not in attrs:  # the direct convolution of `check`
            assert bc._conv(x, w, np.zeros(6), attrs) == pytest.approx(y, abs=1e-4)


def test_weights_step_moves_each_bias_by_the_mean_weight_rounding_error(tmp_path):
    import onnxruntime as ort

    bc = _load()
    model, ds = outlier_model(tmp_path, blocks=2, samples=3)
    out = tmp_path / "bc.onnx"
    rep = bc.weights(str(model), str(ds), str(out))
    assert rep["corrected"] == 3  # conv1, conv2, head
    new = {i.name: numpy_helper.to_array(i) for i in onnx.load(out).graph.initializer}
    old = {i.name: numpy_helper.to_array(i) for i in onnx.load(model).graph.initializer}
    # conv1 reads the samples themselves: its shift is -E[conv(x, Wq - W)]
    xs = [np.load(p) for p in sorted(tmp_path.glob("sample*.npy"))]
    eps = bc.wq(old["conv1_w"], 0) - old["conv1_w"]
    want = -np.mean([bc.conv_mean(x, eps, {"pads": [1, 1, 1, 1]}) for x in xs], axis=0)
    assert new["conv1_bc_bias"] - old["conv1_b"] == pytest.approx(want, abs=1e-6)
    sess = ort.InferenceSession(str(out), providers=["CPUExecutionProvider"])
    assert sess.run(None, {"x": xs[0]})[0].shape == (1, 4, 32, 32)


@pytest.mark.toolkit
def test_a_build_is_compared_with_the_reference_model_when_given(tmp_path):
    """A model whose head weights changed sign builds fine; compared with itself its fp16 outputs agree, compared
    with the original (reference) they do not: the comparison a bias-corrected model needs."""
    from rknnlint.toolkit.runner import BuildJob, run_build

    model, _ds = outlier_model(tmp_path, blocks=2, samples=1)
    m = onnx.load(model)
    for i in m.graph.initializer:
        if i.name == "head_w":
            i.CopyFrom(numpy_helper.from_array(-numpy_helper.to_array(i), "head_w"))
    moved = tmp_path / "moved.onnx"
    onnx.save(m, moved)
    own = run_build(BuildJob(model=str(moved), dtype="fp16", compare=True), timeout=300)
    ref = run_build(BuildJob(model=str(moved), dtype="fp16", compare=True, reference=str(model)), timeout=300)
    cos_own = own.result["compare"]["outputs"][0]["cosine"]
    cos_ref = ref.result["compare"]["outputs"][0]["cosine"]
    assert cos_own > 0.999 and cos_ref < 0.99
