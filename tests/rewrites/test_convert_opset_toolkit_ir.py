"""`rknnlint fix --toolkit-version V` lowers the IR version to what V's pinned onnx reads (RKN204: IR 9 for
rknn-toolkit2 2.2.0, whose load_onnx refuses IR 10 with 'Your model ir_version 10 is higher than the checker's
(9)': eight of the pip-shipped pretrained models, /work/calib/rescore/rk3588-float16-2.2.0), not to the
installed toolkit's limit (IR 11 for 2.5.0), which left them unfixed."""
from __future__ import annotations

import numpy as np
import onnx
import pytest
from onnx import TensorProto, helper

from conftest import run_cli, toolkit_python


def _ir10(path):
    rng = np.random.default_rng(1)
    w = helper.make_tensor("w", TensorProto.FLOAT, [8, 3, 3, 3], rng.standard_normal(216).astype(np.float32))
    g = helper.make_graph([helper.make_node("Conv", ["x", "w"], ["c"], pads=[1, 1, 1, 1], name="conv"),
                           helper.make_node("Relu", ["c"], ["y"], name="relu")], "ir10",
                          [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 3, 16, 16])],
                          [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 8, 16, 16])], [w])
    m = helper.make_model(g, opset_imports=[helper.make_opsetid("", 15)])
    m.ir_version = 10
    onnx.save(m, path)
    return path


def test_fix_for_2_2_0_writes_ir_9(tmp_path):
    src = _ir10(tmp_path / "m.onnx")
    out = tmp_path / "fixed.onnx"
    code, text, err = run_cli("fix", src, "-o", out, "--toolkit-version", "2.2.0")
    assert code == 0, text + err
    assert "IR version 10 -> 9" in text
    m = onnx.load(out)
    assert m.ir_version == 9
    assert [o.version for o in m.opset_import if o.domain in ("", "ai.onnx")] == [15]


def test_fix_for_2_5_0_keeps_ir_10(tmp_path):
    src = _ir10(tmp_path / "m.onnx")
    out = tmp_path / "fixed.onnx"
    code, text, err = run_cli("fix", src, "-o", out, "--toolkit-version", "2.5.0")
    assert code == 0, text + err
    assert not out.exists()  # IR 10 is inside 2.5.0's window: nothing to fix


@pytest.mark.toolkit
def test_fixed_model_loads_with_2_2_0(tmp_path):
    """Where the 2.2.0 venv is installed (RKNNLINT_TOOLKIT_VENVS): the original fails load_onnx, the fix builds."""
    from rknnlint.toolkit.simulate import simulate
    py = toolkit_python("2.2.0")
    src = _ir10(tmp_path / "m.onnx")
    rc, _, log = simulate(src, cwd=tmp_path, python=py)
    assert rc != 0 and "ir_version 10 is higher" in log, log[-1500:]
    out = tmp_path / "fixed.onnx"
    code, text, err = run_cli("fix", src, "-o", out, "--toolkit-version", "2.2.0")
    assert code == 0, text + err
    rc, _, log = simulate(out, cwd=tmp_path, python=py)
    assert rc == 0, log[-1500:]
