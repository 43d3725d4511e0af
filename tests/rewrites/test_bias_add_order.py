"""bias-add-order: Add(uniform bias, MatMul) -> Add(MatMul, bias), bit-identical."""
from __future__ import annotations

import numpy as np
import pytest
from _crash_graphs import qkv_zero_bias
from _rw import apply, assert_same, tagged

from conftest import findings


def test_zero_qkv_bias_operands_swapped():
    m = qkv_zero_bias()
    res = apply("bias-add-order", m, codes=("RKN705",))
    add = next(n for n in res.model.graph.node if n.name == "qkv_add")
    assert list(add.input) == ["mm", "b"]
    assert tagged(res.model, "bias-add-order") == [add]
    assert_same(m, res.model, rtol=0, atol=0)
    assert not findings(res.model, select={"RKN705"})


def test_non_uniform_bias_is_left_alone():
    m = qkv_zero_bias()
    b = next(t for t in m.graph.initializer if t.name == "b")
    from onnx import numpy_helper

    b.CopyFrom(numpy_helper.from_array(np.arange(b.dims[0], dtype=np.float32), "b"))
    assert not apply("bias-add-order", m).changed


def _bloom_qkv():
    """BLOOM's fused qkv (RKN709 qkv-heads-three-gather): Add(zero bias, MatMul) -> Reshape [1, N, heads, 3, dh] ->
    a Gather per q, k, v; scripts/verify_crash_patterns.py builds it."""
    from conftest import ROOT, load_script

    return load_script(ROOT / "scripts" / "verify_crash_patterns.py").qkv_heads_gather()


def test_rkn709_bloom_qkv_names_bias_add_order_and_the_fix_clears_it(tmp_path):
    m = _bloom_qkv()
    got = findings(m, target="rk3588", select={"RKN709"}, toolkit_version="2.5.0")
    assert [(f.location.node_name, f.data.get("pattern"), f.fix) for f in got] == [
        ("qkv_bias", "qkv-heads-three-gather", "bias-add-order")]
    assert findings(m, target="rk3588", select={"RKN709"}, toolkit_version="2.3.2") == []
    res = apply("bias-add-order", m, codes=("RKN709",))
    assert [list(n.input) for n in res.model.graph.node if n.name == "qkv_bias"] == [["mm", "b"]]
    assert_same(m, res.model, rtol=0, atol=0)
    assert findings(res.model, target="rk3588", select={"RKN709"}, toolkit_version="2.5.0") == []


@pytest.mark.toolkit
def test_fixed_bloom_qkv_builds_with_2_5_0(tmp_path):
    """The installed 2.5.0 fails the BLOOM form in seperate_exmatmul_rs_split; with the operands swapped it builds."""
    import onnx

    from rknnlint.toolkit.runner import BuildJob, run_build

    src, fixed = tmp_path / "m.onnx", tmp_path / "fixed.onnx"
    m = _bloom_qkv()
    onnx.save(m, src)
    onnx.save(apply("bias-add-order", m).model, fixed)
    assert run_build(BuildJob(model=str(src), target="rk3588"), timeout=600.0, write_log=False).status != "built"
    assert run_build(BuildJob(model=str(fixed), target="rk3588"), timeout=600.0, write_log=False).status == "built"
