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


def _pool_model(tmp_path, input_dims, declared, name="pool.onnx"):
    from onnx import TensorProto

    nodes = [helper.make_node("Conv", ["x", "w"], ["c"], name="conv", pads=[1, 1, 1, 1]),
             helper.make_node("MaxPool", ["c"], ["y"], name="pool", kernel_shape=[5, 5], pads=[2, 2, 2, 2])]
    m = make_model(nodes, [("x", input_dims)], [("y", declared or [1, 16, 32, 32])], [init("w", conv_weight(16, 3))])
    if declared:
        m.graph.value_info.append(helper.make_tensor_value_info("c", TensorProto.FLOAT, declared))
    return save(m, tmp_path, name)


def test_static_inputs_with_symbolic_value_info_up_to_a_maxpool_fail_rkn108(tmp_path):
    """docs/facts.md#declared-symbolic-dims: pinned ultralytics dynamic exports fail in fuse_ops with 2.3.2 / 2.5.0."""
    sym = ["batch", 16, "((height - 1)//2) + 1", "((width - 1)//2) + 1"]
    pinned = _pool_model(tmp_path, [1, 3, 32, 32], sym)
    got = [f for f in rknnlint.check(pinned, target="rk3588", toolkit_version="2.3.2").findings if f.code == "RKN108"]
    assert [(f.location.node_name, f.severity.name) for f in got] == [("pool", "ERROR")]
    assert got[0].data["tensor"] == "c"
    # not measured with 2.3.0; no declared symbolic dims; a dynamic input (RKN101's)
    assert "RKN108" not in {f.code for f in rknnlint.check(pinned, target="rk3588", toolkit_version="2.3.0").findings}
    batch_only = _pool_model(tmp_path, [1, 3, 32, 32], ["batch", 16, 32, 32], "batch.onnx")  # ShuffleNetV2 built
    assert "RKN108" not in {f.code for f in rknnlint.check(batch_only, target="rk3588", toolkit_version="2.5.0").findings}
    clean = _pool_model(tmp_path, [1, 3, 32, 32], None, "clean.onnx")
    assert "RKN108" not in {f.code for f in rknnlint.check(clean, target="rk3588", toolkit_version="2.3.2").findings}
    dyn = _pool_model(tmp_path, ["batch", 3, "height", "width"], sym, "dyn.onnx")
    codes = {f.code for f in rknnlint.check(dyn, target="rk3588", toolkit_version="2.3.2").findings}
    assert "RKN101" in codes and "RKN108" not in codes
    # the same export pinned by the check, as load_onnx(inputs=..., input_size_list=...) builds it
    code, out, err = run_cli("check", dyn, "--target", "rk3588", "--toolkit-version", "2.3.2", "--format", "concise",
                             "--input-shape", "x=1,3,32,32")
    assert code == 1 and "RKN101" not in out and 'RKN108 error MaxPool \'pool\'' in out, out + err
