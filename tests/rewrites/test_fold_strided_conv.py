"""fold-strided-conv: a 1-D Conv with kernel = m x stride becomes frames folded into channels and a Conv of
kernel m, same numbers (the int8 lever of docs/int8.md: silero-vad's STFT Conv)."""
from __future__ import annotations

import numpy as np
from _rw import apply, assert_same, ops
from onnx import helper

from conftest import init, make_model


def _conv(cin=1, length=64, k=16, s=4, bias=True, **attrs):
    rng = np.random.default_rng(1)
    w = rng.standard_normal((6, cin, k)).astype(np.float32)
    out_len = (length - k) // s + 1
    inputs = ["x", "w"] + (["b"] if bias else [])
    inits = [init("w", w)] + ([init("b", rng.standard_normal(6).astype(np.float32))] if bias else [])
    node = helper.make_node("Conv", inputs, ["y"], name="stft", kernel_shape=[k], strides=[s], **attrs)
    return make_model([node], [("x", [1, cin, length])], [("y", [1, 6, out_len])], inits)


def test_long_kernel_becomes_frames_in_channels_and_a_short_kernel():
    m = _conv()
    res = apply("fold-strided-conv", m)
    assert ops(res.model) == ["Reshape", "Transpose", "Reshape", "Conv"]
    conv = res.model.graph.node[-1]
    assert conv.name == "stft" and conv.output[0] == "y" and len(conv.input) == 3
    w = next(t for t in res.model.graph.initializer if t.name == conv.input[1])
    assert list(w.dims) == [6, 4, 4]  # 4 samples of each frame as channels, kernel 16 / 4
    assert "kernel 16 stride 4 over [1, 1, 64] -> 4 channels of 16 frames, kernel 4" in res.notes[0]
    assert_same(m, res.model, rtol=1e-5, atol=1e-5)


def test_several_channels_and_a_length_that_is_no_multiple_of_the_stride():
    m = _conv(cin=3, length=67, k=12, s=4, bias=False)
    res = apply("fold-strided-conv", m)
    assert ops(res.model) == ["Slice", "Reshape", "Transpose", "Reshape", "Conv"]
    assert_same(m, res.model, rtol=1e-5, atol=1e-5)


def test_convs_it_cannot_fold_are_kept_with_a_reason():
    for attrs, why in (({"pads": [2, 2]}, "padded"), ({"dilations": [2]}, "dilated")):
        res = apply("fold-strided-conv", _conv(**attrs))
        assert not res.changed and res.notes == [f"Conv 'stft' (kernel 16, stride 4) kept: {why}"], res.notes
    assert not apply("fold-strided-conv", _conv(k=6, s=4)).changed  # kernel no multiple of the stride: not a frame
    assert not apply("fold-strided-conv", _conv(k=4, s=4)).changed  # already one frame per output
