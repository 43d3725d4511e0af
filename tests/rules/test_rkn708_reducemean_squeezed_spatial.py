from __future__ import annotations

import numpy as np
import onnx
import pytest
from _toolkit_build import toolkit_build
from onnx import helper

from conftest import conv_weight, findings, init, make_model, save, shared_model

_rng = np.random.default_rng(0)


def _pool_head(keepdims: int = 0, axes=(2, 3), tail: str = "gemm", opset: int = 13, convs: bool = True):
    """3 -> 13 -> 37 channel conv stack, ReduceMean over `axes`, then a 10-class Gemm (or `tail`)."""
    nodes, inits, x = [], [], "x"
    if convs:
        nodes = [helper.make_node("Conv", ["x", "w1"], ["a"], pads=[1, 1, 1, 1], name="c1"),
                 helper.make_node("Relu", ["a"], ["r"], name="relu"),
                 helper.make_node("Conv", ["r", "w2"], ["c"], pads=[1, 1, 1, 1], name="c2")]
        inits = [init("w1", conv_weight(13, 3)), init("w2", conv_weight(37, 13))]
        x = "c"
    c = 37 if convs else 3
    if opset >= 18:
        inits.append(init("axes", np.array(axes, np.int64)))
        nodes.append(helper.make_node("ReduceMean", [x, "axes"], ["p"], keepdims=keepdims, name="pool"))
    else:
        nodes.append(helper.make_node("ReduceMean", [x], ["p"], axes=list(axes), keepdims=keepdims, name="pool"))
    kept = [1, c, 8, 8]
    for a in axes:
        kept[a % 4] = 1
    pooled = kept if keepdims else [d for i, d in enumerate([1, c, 8, 8]) if i not in {a % 4 for a in axes}]
    if tail == "output":
        return make_model(nodes, [("x", [1, 3, 8, 8])], [("p", pooled)], inits, opset=opset)
    if keepdims:
        nodes.append(helper.make_node("Flatten", ["p"], ["f"], name="flatten"))
    inits += [init("wg", _rng.standard_normal((10, c)).astype(np.float32)), init("bg", np.zeros(10, np.float32))]
    nodes.append(helper.make_node("Gemm", ["f" if keepdims else "p", "wg", "bg"], ["y"], transB=1, name="fc"))
    return make_model(nodes, [("x", [1, 3, 8, 8])], [("y", [1, 10])], inits, opset=opset)


def _convnext_pooler(keepdims: int = 0, c: int = 16):
    """Hugging Face ConvNextModel's pooler, exported at opset 18 (airockchip/rknn-toolkit2 issue 527): a 4x4 stride-4
    stem Conv, ReduceMean over [-2, -1] (the axes input) without keepdims, then LayerNormalization of the [1, C]
    means; the stem output is a graph output too (last_hidden_state). keepdims=1 adds a Flatten before the norm."""
    nodes = [helper.make_node("Conv", ["x", "w"], ["h"], kernel_shape=[4, 4], strides=[4, 4], name="stem"),
             helper.make_node("ReduceMean", ["h", "axes"], ["mean"], keepdims=keepdims, name="pool")]
    src = "mean"
    if keepdims:
        nodes.append(helper.make_node("Flatten", ["mean"], ["flat"], axis=1, name="flatten"))
        src = "flat"
    nodes.append(helper.make_node("LayerNormalization", [src, "g", "b"], ["pooled"], axis=-1, epsilon=1e-12,
                                  name="layernorm"))
    inits = [init("w", conv_weight(c, 3, 4)), init("axes", np.array([-2, -1], np.int64)),
             init("g", np.ones(c, np.float32)), init("b", np.zeros(c, np.float32))]
    return make_model(nodes, [("x", [1, 3, 32, 32])], [("h", [1, c, 8, 8]), ("pooled", [1, c])], inits, opset=18)


def _channel_attention(c: int = 16):
    """A CBAM / BiFPN channel attention as airockchip/rknn-toolkit2 issue 411 exports it: the mean over H and W
    without keepdims, a two-layer MLP (MatMul), Sigmoid, Reshape [1, C, 1, 1] and the Mul that scales the map."""
    nodes = [helper.make_node("Conv", ["x", "w"], ["h"], pads=[1, 1, 1, 1], name="conv"),
             helper.make_node("ReduceMean", ["h"], ["m"], axes=[2, 3], keepdims=0, name="pool"),
             helper.make_node("MatMul", ["m", "w1"], ["a"], name="fc1"),
             helper.make_node("Relu", ["a"], ["ar"], name="relu"),
             helper.make_node("MatMul", ["ar", "w2"], ["s"], name="fc2"),
             helper.make_node("Sigmoid", ["s"], ["g"], name="gate"),
             helper.make_node("Reshape", ["g", "shape"], ["g4"], name="gate_rs"),
             helper.make_node("Mul", ["h", "g4"], ["y"], name="scale")]
    inits = [init("w", conv_weight(c, 3)), init("w1", _rng.standard_normal((c, c // 4)).astype(np.float32) * 0.1),
             init("w2", _rng.standard_normal((c // 4, c)).astype(np.float32) * 0.1),
             init("shape", np.array([1, c, 1, 1], np.int64))]
    return make_model(nodes, [("x", [1, 3, 32, 32])], [("y", [1, c, 32, 32])], inits)


def _eca(opset: int = 13, tail: str = "conv1d", c: int = 16, after: str = ""):
    """timm's ECA channel attention as ECA-ResNet exports it: the mean over H and W without keepdims read by a
    Reshape to [1, 1, C], a 1-D Conv over the channels (k = 3), Sigmoid, Reshape [1, C, 1, 1] and the Mul that scales
    the map (tail "gemm": the Reshape keeps [1, C] and a Gemm reads it). after "conv" / "zero-conv": the scaled map
    goes on through a 1x1 Conv (random / all-zero weight) added to the map, as ByobNet's bottleneck puts ECA before
    its last Conv (timm's zero_init_last with random weights zeroes that Conv once BN is folded into it)."""
    inits = [init("w", conv_weight(c, 3))]
    nodes = [helper.make_node("Conv", ["x", "w"], ["h"], pads=[1, 1, 1, 1], name="conv")]
    if opset >= 18:
        inits.append(init("axes", np.array([2, 3], np.int64)))
        nodes.append(helper.make_node("ReduceMean", ["h", "axes"], ["m"], keepdims=0, name="pool"))
    else:
        nodes.append(helper.make_node("ReduceMean", ["h"], ["m"], axes=[2, 3], keepdims=0, name="pool"))
    if tail == "gemm":
        inits += [init("s2", np.array([1, c], np.int64)), init("wg", _rng.standard_normal((10, c)).astype(np.float32)),
                  init("bg", np.zeros(10, np.float32))]
        nodes += [helper.make_node("Reshape", ["m", "s2"], ["r"], name="view"),
                  helper.make_node("Gemm", ["r", "wg", "bg"], ["y"], transB=1, name="fc")]
        return make_model(nodes, [("x", [1, 3, 16, 16])], [("y", [1, 10])], inits, opset=opset)
    inits += [init("s3", np.array([1, 1, c], np.int64)), init("k", _rng.standard_normal((1, 1, 3)).astype(np.float32)),
              init("s4", np.array([1, c, 1, 1], np.int64))]
    nodes += [helper.make_node("Reshape", ["m", "s3"], ["r"], name="view"),
              helper.make_node("Conv", ["r", "k"], ["e"], pads=[1, 1], name="eca_conv"),
              helper.make_node("Sigmoid", ["e"], ["g"], name="gate"),
              helper.make_node("Reshape", ["g", "s4"], ["g4"], name="gate_rs"),
              helper.make_node("Mul", ["h", "g4"], ["s" if after else "y"], name="scale")]
    if after:
        inits.append(init("w3", np.zeros((c, c, 1, 1), np.float32) if after == "zero-conv" else conv_weight(c, c, 1)))
        nodes += [helper.make_node("Conv", ["s", "w3"], ["z"], name="conv_last"),
                  helper.make_node("Add", ["z", "h"], ["y"], name="residual")]
    return make_model(nodes, [("x", [1, 3, 16, 16])], [("y", [1, c, 16, 16])], inits, opset=opset)


def _zeroed_branch(zero: bool = True, c: int = 16, shared: bool = False):
    """A residual block whose last Conv has an all-zero weight (timm's zero_init_last, random weights: ECA-ResNet's
    Bottleneck), its squeezed mean (ReduceMean over H and W, keepdims=0) through a Gemm, Sigmoid and Reshape
    [1, C, 1, 1] scaling the block's input map; zero=False: the same with a non-zero weight. shared=True: the
    weight reaches the Conv through an Identity node, as TorchScript's export writes a weight equal to an earlier
    one (ECA-ResNet-light's blocks after the first of a stage)."""
    w2 = np.zeros((c, c, 1, 1), np.float32) if zero else conv_weight(c, c, 1)
    nodes = [helper.make_node("Identity", ["w2_first"], ["w2"], name="w2_shared")] if shared else []
    nodes += [helper.make_node("Conv", ["x", "w"], ["h"], pads=[1, 1, 1, 1], name="conv"),
             helper.make_node("Conv", ["h", "w2", "b2"], ["z"], name="conv_last"),
             helper.make_node("ReduceMean", ["z"], ["m"], axes=[2, 3], keepdims=0, name="pool"),
             helper.make_node("Gemm", ["m", "wg"], ["a"], transB=1, name="fc"),
             helper.make_node("Sigmoid", ["a"], ["g"], name="gate"),
             helper.make_node("Reshape", ["g", "s4"], ["g4"], name="gate_rs"),
             helper.make_node("Mul", ["h", "g4"], ["y"], name="scale")]
    inits = [init("w", conv_weight(c, 3)), init("w2_first" if shared else "w2", w2), init("b2", np.full(c, 0.1, np.float32)),
             init("wg", _rng.standard_normal((c, c)).astype(np.float32) * 0.1),
             init("s4", np.array([1, c, 1, 1], np.int64))]
    return make_model(nodes, [("x", [1, 3, 16, 16])], [("y", [1, c, 16, 16])], inits)


def verify_cases():
    """The triggers and neighbours that must build, for scripts/verify_crashes.py: the minimal pool head, and the
    patterns of two public reports (issues 527 and 411)."""
    return [("RKN708", "reducemean-hw-keepdims0-gemm", _pool_head(), True),
            ("RKN708", "reducemean-hw-keepdims1-flatten-gemm", _pool_head(keepdims=1), False),
            ("RKN708", "convnext-pooler-layernorm-issue527", _convnext_pooler(), True),
            ("RKN708", "convnext-pooler-keepdims1-flatten", _convnext_pooler(keepdims=1), False),
            ("RKN708", "channel-attention-mlp-issue411", _channel_attention(), True),
            ("RKN708", "eca-reshape-conv1d", _eca(), True),
            ("RKN708", "eca-reshape-conv1d-op18", _eca(opset=18), True),
            ("RKN708", "reshape-rank2-gemm", _eca(tail="gemm"), True),
            ("RKN708", "eca-before-conv-op18", _eca(opset=18, after="conv"), True),
            ("RKN708", "eca-before-zero-weight-conv-op18", _eca(opset=18, after="zero-conv"), False),
            ("RKN708", "eca-before-zero-weight-conv", _eca(after="zero-conv"), False),
            ("RKN708", "mean-of-zero-weight-conv", _zeroed_branch(), False),
            ("RKN708", "mean-of-zero-weight-conv-via-identity", _zeroed_branch(shared=True), True),
            ("RKN708", "mean-of-conv", _zeroed_branch(zero=False), True)]


def _codes(model, version: str, tmp_path) -> list[str]:
    import json

    from conftest import run_cli

    code, out, err = run_cli("check", str(save(model, tmp_path, "m.onnx")), "--toolkit-version", version,
                             "--select", "RKN708", "-f", "json")
    assert code in (0, 1), err
    return [f["code"] for m in json.loads(out)["models"] for f in m["findings"]]


def test_fires_only_for_the_versions_measured_to_fail(tmp_path):
    from rknnlint.toolkit.versions import crash_versions

    failing = crash_versions("RKN708")
    assert "2.3.2" in failing and "2.5.0" not in failing
    assert _codes(_pool_head(), "2.3.2", tmp_path) == ["RKN708"]
    assert _codes(_pool_head(), "2.5.0", tmp_path) == []


def test_message_names_the_consumer_and_the_versions():
    fs = findings(_pool_head(), select={"RKN708"}, toolkit_version="2.3.2")
    assert len(fs) == 1 and fs[0].location.node_name == "pool"
    assert "Gemm 'fc'" in fs[0].message and "seen in" in fs[0].message and "2.3.2" in fs[0].message


@pytest.mark.parametrize("kw", [{"axes": (-2, -1)}, {"opset": 18}, {"convs": False}])
def test_fires_on_the_other_spellings(kw):
    assert [f.code for f in findings(_pool_head(**kw), select={"RKN708"}, toolkit_version="2.3.2")] == ["RKN708"]


@pytest.mark.parametrize("kw", [{"keepdims": 1}, {"axes": (3,)}, {"axes": (1,)}, {"tail": "output"}])
def test_silent_on_the_neighbours_that_build(kw):
    assert findings(_pool_head(**kw), select={"RKN708"}, toolkit_version="2.3.2") == []


def test_eca_and_rank2_reshape_fire_a_mean_of_a_zero_weight_conv_does_not():
    """Measured with 2.3.2 on rk3566 and rk3588 (scripts/verify_crashes.py --only RKN708): the ECA form and a
    Reshape keeping [1, C] fail like the Gemm head; the same residual branch fails with a non-zero last Conv and
    builds with an all-zero one (the toolkit folds the mean away: timm ECA-ResNet-26t with random weights)."""
    for m in (_eca(), _eca(opset=18), _eca(tail="gemm"), _zeroed_branch(zero=False)):
        fs = findings(m, select={"RKN708"}, toolkit_version="2.3.2")
        assert [(f.code, f.location.node_name) for f in fs] == [("RKN708", "pool")]
    assert findings(_zeroed_branch(), select={"RKN708"}, toolkit_version="2.3.2") == []


def test_a_mean_whose_scaled_map_only_reaches_a_zero_weight_conv_is_dead():
    """Measured with 2.3.2: unseen set 10's ECA-HaloNeXt-26 (dynamo, random weights) built on rk3566 and rk3588 with
    5 such means, a cut of it ending at an ECA failed with 'Invalid rank for input: mean_2'; these minimal models on
    all seven families: the ECA whose scaled map goes only into an all-zero Conv builds (the toolkit folds the Conv to
    a constant and the mean is dead before the rank check), the same with a random Conv fails."""
    for m in (_eca(opset=18, after="conv"), _eca(after="conv")):
        fs = findings(m, select={"RKN708"}, toolkit_version="2.3.2")
        assert [(f.code, f.location.node_name) for f in fs] == [("RKN708", "pool")]
    for m in (_eca(opset=18, after="zero-conv"), _eca(after="zero-conv")):
        assert findings(m, select={"RKN708"}, toolkit_version="2.3.2") == []


def test_a_zero_weight_shared_through_an_identity_does_not_save_the_mean():
    """Measured with 2.3.2 on rk3566 and rk3588 (rknnlint build, fp16): the residual branch whose all-zero last Conv
    weight is an initializer builds, the same weight reached through an Identity (TorchScript's weight sharing: timm
    ECA-ResNet-light) fails with 'Invalid rank for input: m Got: 4 Expected: 2', as the non-zero one does."""
    for m in (_zeroed_branch(shared=True), _zeroed_branch(zero=False, shared=True)):
        fs = findings(m, select={"RKN708"}, toolkit_version="2.3.2")
        assert [(f.code, f.location.node_name) for f in fs] == [("RKN708", "pool")]
        assert "Invalid rank for input" in fs[0].message
    assert findings(_zeroed_branch(shared=True), select={"RKN708"}, toolkit_version="2.5.0") == []


def test_the_reports_of_a_pooled_layernorm_and_a_channel_attention_are_predicted():
    """airockchip/rknn-toolkit2 issues 527 (HF ConvNeXt's pooler: 'Invalid rank for input: mean Got: 4 Expected: 2')
    and 411 (a BiFPN / CBAM channel attention, the same error on its ReduceMean): their minimal models fail with
    2.3.2 and build with 2.5.0 (scripts/verify_crashes.py, rules/toolkit/*.yaml); RKN708 names the ReduceMean and its
    reader for 2.3.2 only, and keepdims=1 + Flatten, which builds, stays silent."""
    [f] = findings(_convnext_pooler(), select={"RKN708"}, toolkit_version="2.3.2")
    assert f.location.node_name == "pool" and "LayerNormalization 'layernorm'" in f.message
    assert "Invalid rank for input" in f.message
    [f] = findings(_channel_attention(), select={"RKN708"}, toolkit_version="2.3.2")
    assert f.location.node_name == "pool" and "MatMul 'fc1'" in f.message
    assert findings(_convnext_pooler(keepdims=1), select={"RKN708"}, toolkit_version="2.3.2") == []
    assert findings(_convnext_pooler(), select={"RKN708"}, toolkit_version="2.5.0") == []
    assert findings(_channel_attention(), select={"RKN708"}, toolkit_version="2.5.0") == []


def test_real_shufflenet_head():
    fs = findings(shared_model("cls_shufflenet_v2_x1_0_op13.onnx"), select={"RKN708"}, toolkit_version="2.3.2")
    assert len(fs) == 1 and "Gemm" in fs[0].message


@pytest.mark.toolkit
def test_installed_toolkit_agrees(tmp_path):
    """The installed toolkit (2.5.0 in CI) builds both; its data says so (the rule is silent for it)."""
    from rknnlint.toolkit.versions import crash_versions, installed_version

    rc, out = toolkit_build(save(_pool_head(), tmp_path, "pool.onnx"))
    assert (rc != 0) == (installed_version() in crash_versions("RKN708")), out[-2000:]
    rc, out = toolkit_build(save(_pool_head(keepdims=1), tmp_path, "flat.onnx"))
    assert rc == 0, out[-2000:]


def test_a_build_failing_with_the_rank_error_maps_to_the_rule():
    from rknnlint.toolkit.logparse import classify_error

    err = ("[ONNXRuntimeError] : 2 : INVALID_ARGUMENT : Invalid rank for input: p Got: 4 Expected: 2 Please fix "
           "either the inputs/outputs or the model.")
    finding, _ = classify_error(err, [], "", "m.onnx", "rk3588")
    assert finding.code == "RKN708"


@pytest.mark.parametrize("opset", [13, 18])
def test_fix_removes_the_finding_for_232(tmp_path, opset):
    """`rknnlint fix --toolkit-version 2.3.2` applies reducemean-keepdims on its own (safe), proves the numbers,
    and the fixed model has no RKN708 for 2.3.2."""
    from conftest import run_cli

    src = save(_pool_head(opset=opset), tmp_path, "pool.onnx")
    out = tmp_path / "fixed.onnx"
    code, text, err = run_cli("fix", str(src), "-o", str(out), "--toolkit-version", "2.3.2", "--select", "RKN708")
    assert code == 0, text + err
    assert "reducemean-keepdims [RKN708] (safe)" in text
    assert _codes(onnx.load(out), "2.3.2", tmp_path) == []
    ops = [n.op_type for n in onnx.load(out).graph.node]
    assert ops[-3:] == ["ReduceMean", "Flatten", "Gemm"]


def test_finding_names_the_fix():
    (f,) = findings(_pool_head(), select={"RKN708"}, toolkit_version="2.3.2")
    assert f.fix == "reducemean-keepdims" and f.fix_applicability == "safe"
