"""rknn-toolkit2 2.3.0 / 2.3.2 segfault the rv1106b int8 build on a Pad with the empty constant_value input torch writes
(RKN709 crash patterns pad-empty-constant-value, pad-empty-constant-value-wide and pad-window-channels-last: HGNetV2's
stem, Wav2Vec2-BERT's causal conv padding, DaViT's window padding of a channels-last map); the same Pad without that input was measured to build. RKN709 names pad-drop-empty-value, which
leaves the empty input out: the same constant 0, so the outputs are equal."""
from __future__ import annotations

import numpy as np
import onnx
import pytest

from conftest import ROOT, findings, load_script, run_cli, toolkit_python

SCRIPT = load_script(ROOT / "scripts" / "verify_crash_patterns.py")


def _window_pad(path):
    onnx.save(SCRIPT.pad_window("layernorm", pads="shape"), path)  # DaViT's form: LayerNorm -> Reshape -> Pad('')
    return path


def _reported(path, target="rv1106b", version="2.3.2"):
    """RKN709's findings on an int8 build: (node, pattern, fix) each, and the findings."""
    got = findings(path, target=target, dtype="int8", select={"RKN709"}, toolkit_version=version)
    return [(f.location.node_name, f.data.get("pattern"), f.fix) for f in got], got


def test_rkn709_window_pad_names_pad_drop_empty_value(tmp_path):
    assert _reported(_window_pad(tmp_path / "m.onnx"))[0] == [("pad", "pad-window-channels-last", "pad-drop-empty-value")]


def test_fix_leaves_the_empty_input_out_exactly(tmp_path):
    import onnxruntime as ort

    src = _window_pad(tmp_path / "m.onnx")
    out = tmp_path / "fixed.onnx"
    code, text, err = run_cli("fix", src, "-o", out, "--target", "rv1106b", "--dtype", "int8",
                                 "--toolkit-version", "2.3.2")
    assert code == 0, text + err
    [pad] = [n for n in onnx.load(out).graph.node if n.op_type == "Pad"]
    assert list(pad.input) == ["map", "pads"]
    x = np.random.default_rng(0).standard_normal((1, 16, 96)).astype(np.float32)
    np.testing.assert_array_equal(ort.InferenceSession(str(out)).run(None, {"x": x})[0],
                                  ort.InferenceSession(str(src)).run(None, {"x": x})[0])
    assert findings(out, target="rv1106b", dtype="int8", select={"RKN709"}, toolkit_version="2.3.2") == []


def _fixed_and_built(src, tmp_path):
    """Where the 2.3.2 venv is installed (RKNNLINT_TOOLKIT_VENVS): `src` fails the rv1106b int8 build, `rknnlint fix`
    writes a model that builds; returns the fixed model's path."""
    from rknnlint.toolkit.runner import BuildJob, run_build

    py = toolkit_python("2.3.2")
    raw = run_build(BuildJob(model=str(src), target="rv1106b", dtype="int8"), timeout=600.0, python=py, write_log=False)
    assert raw.status != "built"
    out = tmp_path / "fixed.onnx"
    code, text, err = run_cli("fix", src, "-o", out, "--target", "rv1106b", "--dtype", "int8",
                              "--toolkit-version", "2.3.2")
    assert code == 0, text + err
    raw = run_build(BuildJob(model=str(out), target="rv1106b", dtype="int8"), timeout=600.0, python=py, write_log=False)
    assert raw.status == "built"
    return out


@pytest.mark.toolkit
def test_fixed_window_pad_builds_on_rv1106b_with_2_3_2(tmp_path):
    """The original segfaults, the fix builds."""
    _fixed_and_built(_window_pad(tmp_path / "m.onnx"), tmp_path)


def _causal_pad(path, left=30):
    onnx.save(SCRIPT.causal_pad(left=left), path)  # Wav2Vec2-BERT's conv module: F.pad(x, (30, 0)) -> depthwise Conv1d
    return path


def test_rkn709_wide_causal_pad_before_a_conv_names_pad_drop_empty_value(tmp_path):
    """pad-empty-constant-value-wide: 16 zeros or more before the Conv crashed rv1106b with 2.3.2, 15 built."""
    named, got = _reported(_causal_pad(tmp_path / "m.onnx"))
    assert named == [("pad", "pad-empty-constant-value-wide", "pad-drop-empty-value")]
    assert "16 or more zeros" in got[0].message
    assert _reported(_causal_pad(tmp_path / "m15.onnx", left=15))[1] == []
    assert _reported(tmp_path / "m.onnx", target="rv1106")[1] == []
    assert _reported(tmp_path / "m.onnx", version="2.5.0")[1] == []


@pytest.mark.toolkit
def test_fixed_causal_pad_builds_on_rv1106b_with_2_3_2(tmp_path):
    """The causal pad segfaults, without the empty input it builds, with the same outputs in onnxruntime."""
    import onnxruntime as ort

    src = _causal_pad(tmp_path / "m.onnx")
    out = _fixed_and_built(src, tmp_path)
    x = np.random.default_rng(0).standard_normal((1, 512, 200)).astype(np.float32)
    np.testing.assert_array_equal(ort.InferenceSession(str(out)).run(None, {"x": x})[0],
                                  ort.InferenceSession(str(src)).run(None, {"x": x})[0])


def test_raw_pads_before_a_conv_are_stored_as_int64_data_by_fix(tmp_path):
    """RKN709 pad-raw-pads-into-conv (rknn-toolkit2 2.5.0, issue 328) names pad-typed-pads: the pads move from raw
    bytes to int64_data, the same numbers, and the finding is gone; with 2.3.2 (measured to build) nothing asks."""
    import onnxruntime as ort

    src = tmp_path / "m.onnx"
    onnx.save(SCRIPT.pad_into_conv(), src)
    [f] = findings(src, target="rk3588", select={"RKN709"}, toolkit_version="2.5.0")
    assert (f.location.node_name, f.data.get("pattern"), f.fix) == ("pad", "pad-raw-pads-into-conv", "pad-typed-pads")
    out = tmp_path / "fixed.onnx"
    code, text, err = run_cli("fix", src, "-o", out, "--target", "rk3588", "--toolkit-version", "2.5.0")
    assert code == 0, text + err
    [pads] = [t for t in onnx.load(out).graph.initializer if t.name == "pads"]
    assert not pads.raw_data and list(pads.int64_data) == [0, 0, 1, 1, 0, 0, 1, 1]
    x = np.random.default_rng(0).standard_normal((1, 8, 32, 32)).astype(np.float32)
    np.testing.assert_array_equal(ort.InferenceSession(str(out)).run(None, {"x": x})[0],
                                  ort.InferenceSession(str(src)).run(None, {"x": x})[0])
    assert findings(out, target="rk3588", select={"RKN709"}, toolkit_version="2.5.0") == []
    assert findings(src, target="rk3588", select={"RKN709"}, toolkit_version="2.3.2") == []


@pytest.mark.toolkit
def test_fixed_raw_pads_build_with_the_installed_toolkit(tmp_path):
    """rknn-toolkit2 2.5.0 (the project's venv): the original fails in _p_fuse_pad_into_conv, the fixed model builds."""
    from rknnlint.toolkit.runner import BuildJob, run_build
    src = tmp_path / "m.onnx"
    onnx.save(SCRIPT.pad_into_conv(), src)
    raw = run_build(BuildJob(model=str(src), target="rk3588", dtype="fp16"), timeout=600.0, write_log=False)
    assert raw.status != "built"
    out = tmp_path / "fixed.onnx"
    code, text, err = run_cli("fix", src, "-o", out, "--target", "rk3588", "--toolkit-version", "2.5.0")
    assert code == 0, text + err
    raw = run_build(BuildJob(model=str(out), target="rk3588", dtype="fp16"), timeout=600.0, write_log=False)
    assert raw.status == "built"
