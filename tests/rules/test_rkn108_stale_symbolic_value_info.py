"""RKN108 stale-symbolic-value-info: a model with static inputs whose value_info still declares a MaxPool's input with
symbolic H / W (a dynamic export pinned) fails in fuse_ops with rknn-toolkit2 2.3.2 / 2.5.0."""
from __future__ import annotations

from onnx import helper

import rknnlint
from conftest import conv_weight, init, make_model, run_cli, save


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
