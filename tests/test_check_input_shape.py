"""`rknnlint check --input-shape NAME=dims`: the model checked as `load_onnx(inputs=..., input_size_list=...)` builds
it (the dims written into the graph input in memory, the file untouched); a name or dims that do not fit the model:
one error line, exit 2."""
from __future__ import annotations

import pytest
from onnx import helper

import rknnlint
from conftest import conv_weight, init, make_model, run_cli, save


def _dynamic(tmp_path):
    nodes = [helper.make_node("Conv", ["x", "w"], ["c"], name="conv", pads=[1, 1, 1, 1]),
             helper.make_node("Relu", ["c"], ["y"], name="relu")]
    m = make_model(nodes, [("x", ["N", 3, "H", "W"])], [("y", ["N", 16, "H", "W"])], [init("w", conv_weight(16, 3))])
    return save(m, tmp_path, "dyn.onnx")


def test_pinned_input_checks_the_static_model_and_leaves_the_file(tmp_path):
    src = _dynamic(tmp_path)
    before = src.read_bytes()
    code, out, err = run_cli("check", src, "--target", "rk3588", "--format", "concise")
    assert code == 1 and "RKN101" in out and "value(\"x\")" in out, out + err
    code, out, err = run_cli("check", src, "--target", "rk3588", "--format", "concise", "--input-shape", "x=1,3,32,32")
    assert code == 0, out + err
    assert "RKN101" not in out and not err
    assert src.read_bytes() == before


def test_pinned_input_through_the_api(tmp_path):
    from rknnlint.config import Config
    from rknnlint.context import build_context
    from rknnlint.engine import run_check

    src = _dynamic(tmp_path)
    cfg = Config(target="rk3588")
    rep = run_check([src], cfg, build_context(cfg), input_shapes={"x": (1, 3, 32, 32)})
    assert not rep.unreadable and "RKN101" not in {f.code for f in rep.findings}
    assert "RKN101" in {f.code for f in rknnlint.check(src, target="rk3588").findings}


@pytest.mark.parametrize("shape, message", [
    ("images=1,3,32,32", "--input-shape images=1,3,32,32: the model has no input 'images' (inputs: x)"),
    ("x=1,3,32", "--input-shape x=1,3,32: the model's input is 4-D [N, 3, H, W], not 3-D"),
    ("x=1,4,32,32", "--input-shape x=1,4,32,32: dim 1 of input 'x' is fixed to 3 in the model [N, 3, H, W]"),
    ("x=1,3,0,32", "dims must be positive integers"),
])
def test_bad_pin_one_line_exit_2(tmp_path, shape, message):
    src = _dynamic(tmp_path)
    code, out, err = run_cli("check", src, "--target", "rk3588", "--input-shape", shape)
    assert code == 2, out + err
    assert message in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert not out


def test_help_says_what_input_shape_does():
    code, out, _ = run_cli("check", "--help")
    text = " ".join(out.split())  # argparse wraps at the terminal's width
    assert code == 0 and "load_onnx(inputs=[NAME]," in text and "the file untouched" in text
