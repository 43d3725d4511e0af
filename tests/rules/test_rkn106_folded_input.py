from __future__ import annotations

import numpy as np
import onnx
from onnx import helper

from conftest import conv_weight, findings, init, make_model


def _sr_times(c: int):
    """silero-vad's tie of its int64 sample-rate input into an output: Conv(x) + Cast(sr * c)."""
    nodes = [helper.make_node("Conv", ["x", "w"], ["a"], name="pre", pads=[1, 1, 1, 1]),
             helper.make_node("Mul", ["sr", "c"], ["m"], name="mul"),
             helper.make_node("Cast", ["m"], ["mc"], name="cast", to=onnx.TensorProto.FLOAT),
             helper.make_node("Add", ["a", "mc"], ["y"], name="res")]
    return make_model(nodes, [("x", [1, 3, 16, 16]), ("sr", [], onnx.TensorProto.INT64)], [("y", [1, 8, 16, 16])],
                      [init("w", conv_weight(8, 3)), init("c", np.array(c, np.int64))], opset=15)


def test_an_input_read_only_through_a_mul_by_zero_fails_an_int8_build():
    """rv1106b int8, 2.5.0: its sweep measured the Mul by zero folded (zero_mul), and the zero_mul_sr build given one
    calibration file per ONNX input failed with 'The input num: 2 in dataset.txt not match input num: 1 in model'."""
    fs = findings(_sr_times(0), target="rv1106b", dtype="int8", toolkit_version="2.5.0", select={"RKN106"})
    assert [(f.location.tensor, str(f.severity)) for f in fs] == [("sr", "error")]
    assert "The input num: 2 in dataset.txt not match input num: 1" in fs[0].message
    assert fs[0].data["inputs_kept"] == ["x"]
    # measured the same on rk3588, rv1106, rk3576, rk3566 and rk3562 int8 (zero_mul_sr failed there as
    # silero-vad-16k-op15 did)
    for target in ("rk3588", "rv1106", "rk3576", "rk3566", "rk3562"):
        assert len(findings(_sr_times(0), target=target, dtype="int8", toolkit_version="2.5.0", select={"RKN106"})) == 1


def test_silent_where_the_input_is_read_or_the_fold_was_not_measured():
    assert findings(_sr_times(3), target="rv1106b", dtype="int8", toolkit_version="2.5.0", select={"RKN106"}) == []
    # float16 builds take no calibration set; another version, or a family whose sweep has no Mul entry: not measured
    assert findings(_sr_times(0), target="rk2118", toolkit_version="2.5.0", select={"RKN106"}) == []
    # a version nobody built the case with
    assert findings(_sr_times(0), target="rk3588", dtype="int8", toolkit_version="2.2.0", select={"RKN106"}) == []


def test_fires_with_2_3_0_and_2_3_2_where_the_fold_was_measured():
    """zero_mul_sr failed the same way ('input num: 2 ... input num: 1') with 2.3.0 on rk3588, rk3566, rv1106 and
    rv1106b int8 and with 2.3.2 on rk3588, rk3566, rk3576, rk3562, rv1106 and rv1106b int8, as silero-vad-16k-op15 did on
    rk3588, rk3566, rk3576 and rk3562 (calibration/placement_sweep.py `zero`, rules/motifs/sweeps/*-int8-2.3.*.yaml)."""
    for version, targets in (("2.3.0", ("rk3588", "rk3566", "rv1106", "rv1106b")),
                             ("2.3.2", ("rk3588", "rk3566", "rk3576", "rk3562", "rv1106", "rv1106b"))):
        for target in targets:
            fs = findings(_sr_times(0), target=target, dtype="int8", toolkit_version=version, select={"RKN106"})
            assert [f.location.tensor for f in fs] == ["sr"], (target, version)
            assert f"rknn-toolkit2 {version} folds it away" in fs[0].message
        assert findings(_sr_times(3), target="rk3588", dtype="int8", toolkit_version=version, select={"RKN106"}) == []
        assert findings(_sr_times(0), target="rk3588", toolkit_version=version, select={"RKN106"}) == []
