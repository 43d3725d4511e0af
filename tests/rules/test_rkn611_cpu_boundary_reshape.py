from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from onnx import helper

from conftest import findings, init, make_model, run_cli, save, shared_model

MAXVIT = Path("/work/calib/models/cls_tv_maxvit_t_op17.onnx")  # calibration set (calibration/README.md), not in the repo


def _attention(tokens: int, spaced: bool = True, d: int = 32):
    """q.k^T + bias -> Softmax -> .v with Einsum; torch writes the equation as the source does ("b i d, b j d -> b i j")."""
    eq1, eq2 = ("b i d, b j d -> b i j", "b i j, b j d -> b i d") if spaced else ("bid,bjd->bij", "bij,bjd->bid")
    rng = np.random.default_rng(0)
    ws = [init(n, rng.standard_normal((d, d)).astype(np.float32) * 0.1) for n in ("Wq", "Wk", "Wv", "Wm")]
    nodes = [helper.make_node("MatMul", ["x", "Wq"], ["q"], name="q"), helper.make_node("MatMul", ["x", "Wk"], ["k"], name="k"),
             helper.make_node("MatMul", ["x", "Wv"], ["v"], name="v"),
             helper.make_node("Einsum", ["q", "k"], ["e"], name="qk", equation=eq1),
             helper.make_node("Add", ["e", "bias"], ["eb"], name="bias_add"),
             helper.make_node("Softmax", ["eb"], ["s"], name="softmax", axis=-1),
             helper.make_node("Einsum", ["s", "v"], ["o"], name="av", equation=eq2),
             helper.make_node("MatMul", ["o", "Wm"], ["y"], name="merge")]
    bias = init("bias", rng.standard_normal((1, tokens, tokens)).astype(np.float32))
    return make_model(nodes, [("x", [1, tokens, d])], [("y", [1, tokens, d])], [*ws, bias], opset=17)


def test_fires_at_softmax_feeding_cpu_einsum_with_49_tokens():
    (f,) = findings(_attention(49), select={"RKN611"})
    assert f.location.node_name == "softmax" and f.severity.name == "WARNING"
    assert "hands a 3-D tensor [1, 49, 49] (last dim no multiple of 8) to Einsum 'av'" in f.message
    assert f.data["tensor"] == "s"


def test_silent_with_56_tokens_and_when_einsum_is_rewritten():
    assert findings(_attention(56), select={"RKN611"}) == []  # 56 is a multiple of C2 = 8: the Reshape stays on the NPU
    assert findings(_attention(49, spaced=False), select={"RKN611"}) == []  # no CPU Einsum, no boundary
    assert [f.location.node_name for f in findings(_attention(49), select={"RKN601"})] == ["qk", "av"]


def test_silent_on_real_shared_models():
    for name in ("cls_tiny_vit_5d_op14.onnx", "seq_gru2x96_op12.onnx", "det_yolov5style_nc20_320_op12.onnx"):
        assert findings(shared_model(name), select={"RKN611"}) == [], name


@pytest.mark.skipif(not MAXVIT.is_file(), reason="calibration model not exported")
def test_real_torchvision_maxvit_names_every_softmax_boundary():
    fs = findings(MAXVIT, select={"RKN611"})
    assert len(fs) == 22 and {f.location.op_type for f in fs} == {"Softmax"}  # 2 attentions in each of 11 MaxViT layers


@pytest.mark.toolkit
def test_real_build_puts_exactly_the_predicted_layers_on_the_cpu(tmp_path):
    pytest.importorskip("rknn.api")
    for tokens, boundary in ((49, True), (56, False)):
        path = save(_attention(tokens), tmp_path, f"attn{tokens}.onnx")
        code, out, err = run_cli("build", path, "--format", "json", "--no-static")
        assert code == 0, err
        (b,) = json.loads(out)["builds"]
        cpu = sorted((lay["op_type"], lay["onnx_nodes"][0]) for lay in b["layers"]
                     if lay["target"] == "CPU" and not lay["op_type"].endswith("Operator"))
        # Einsum 'qk' adds Reshape:e_rs for its own output; RKN601 names that layer's node, RKN611 the Softmax one
        want = [("Einsum", "av"), ("Einsum", "qk")] + ([("Reshape", "qk"), ("Reshape", "softmax")] if boundary else [])
        assert cpu == sorted(want), tokens


def test_silent_when_the_cpu_op_is_elementwise():
    # measured: Softmax over [1, 32, 12] -> Exp (CPU) left no Reshape layer; the CPU Exp takes the 4-D form as it is
    shape = [1, 32, 12]
    m = make_model([helper.make_node("Softmax", ["x"], ["s"], name="softmax", axis=-1),
                    helper.make_node("Exp", ["s"], ["y"], name="exp")], [("x", shape)], [("y", shape)])
    assert [f.location.node_name for f in findings(m, select={"RKN601"})] == ["exp"]
    assert findings(m, select={"RKN611"}) == []
