from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from onnx import helper

from conftest import findings, init, make_model, run_cli, save, shared_model
from json_schemas import validate

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
    fs = [f for f in findings(MAXVIT, select={"RKN611"}) if not f.data.get("pattern")]
    assert len(fs) == 22 and {f.location.op_type for f in fs} == {"Softmax"}  # 2 attentions in each of 11 MaxViT layers


@pytest.mark.toolkit
def test_real_build_puts_exactly_the_predicted_layers_on_the_cpu(tmp_path):
    pytest.importorskip("rknn.api")
    for tokens, boundary in ((49, True), (56, False)):
        path = save(_attention(tokens), tmp_path, f"attn{tokens}.onnx")
        code, out, err = run_cli("build", path, "--format", "json", "--no-static")
        assert code == 0, err
        (b,) = validate(out, "build")["builds"]
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


def _maxvit_pair(n: int, c: int = 8, win: int = 7):
    """torchvision MaxViT's window then grid partition of [1, c, n*win, n*win], with an Add as the attention stand-in."""
    h = n * win
    shapes = {"wp6": [1, c, n, win, n, win], "wp4": [1, n * n, win * win, c], "wd6": [1, n, n, win, win, c],
              "img": [1, c, h, h], "gp6": [1, c, win, n, win, n], "gp4": [1, win * win, n * n, c],
              "gd6": [1, win, win, n, n, c]}
    inits = [init(k, np.array(v, np.int64)) for k, v in shapes.items()]
    inits += [init("bw", np.ones(c, np.float32)), init("bg", np.ones(c, np.float32))]
    N = helper.make_node
    nodes = [N("Reshape", ["x", "wp6"], ["a0"], name="wpart"), N("Transpose", ["a0"], ["a1"], name="wpart_t", perm=[0, 2, 4, 3, 5, 1]),
             N("Reshape", ["a1", "wp4"], ["a2"], name="wpart_1"), N("Add", ["a2", "bw"], ["a3"], name="wadd"),
             N("Reshape", ["a3", "wd6"], ["b0"], name="wdep"), N("Transpose", ["b0"], ["b1"], name="wdep_t", perm=[0, 5, 1, 3, 2, 4]),
             N("Reshape", ["b1", "img"], ["b2"], name="wdep_1"),
             N("Reshape", ["b2", "gp6"], ["c0"], name="gpart"), N("Transpose", ["c0"], ["c1"], name="gpart_t", perm=[0, 2, 4, 3, 5, 1]),
             N("Reshape", ["c1", "gp4"], ["c2"], name="gpart_1"), N("Transpose", ["c2"], ["c3"], name="gswap", perm=[0, 2, 1, 3]),
             N("Add", ["c3", "bg"], ["c4"], name="gadd"), N("Transpose", ["c4"], ["c5"], name="gswap_back", perm=[0, 2, 1, 3]),
             N("Reshape", ["c5", "gd6"], ["d0"], name="gdep"), N("Transpose", ["d0"], ["d1"], name="gdep_t", perm=[0, 5, 1, 3, 2, 4]),
             N("Reshape", ["d1", "img"], ["y"], name="gdep_1")]
    return make_model(nodes, [("x", [1, c, h, h])], [("y", [1, c, h, h])], inits, opset=17)


def _partition_findings(model, target="rk3588"):
    return [(f.location.node_name, f.data["pattern"]) for f in findings(model, target=target, select={"RKN611"})]


def test_partitions_with_four_windows_per_side_name_the_six_cpu_layers():
    fs = findings(_maxvit_pair(4), select={"RKN611"})
    assert [(f.location.node_name, f.data["pattern"], f.severity.name) for f in fs] == [
        ("wdep", "window-departition", "WARNING"), ("wdep_t", "window-departition", "WARNING"),
        ("gpart", "grid-partition", "WARNING"), ("gpart_1", "grid-partition", "WARNING"),
        ("gadd", "grid-departition", "WARNING"), ("gdep_1", "grid-departition", "WARNING")]
    assert fs[2].message.startswith("Reshape 'gpart' (grid partition, rank-6 Reshape) runs on the CPU on rk3588: "
                                    "a grid partition with 4 cells per side (H / window, no multiple of 8)")
    assert "the Reshape the toolkit makes of the grid departition's swap Transpose after Add 'gadd'" in fs[4].message
    assert "16 windows (4 per side, at most 4)" in fs[1].message and fs[1].data["n"] == 4


def test_partitions_by_windows_per_side():
    grid = [("gpart", "grid-partition"), ("gpart_1", "grid-partition"), ("gadd", "grid-departition"),
            ("gdep_1", "grid-departition")]
    assert _partition_findings(_maxvit_pair(6)) == grid  # 6 per side: window departition fused (exWindow), grid not
    assert _partition_findings(_maxvit_pair(8)) == []  # 8 per side (maxvit_t block 0): all on the NPU
    assert _partition_findings(_maxvit_pair(1)) == []  # window = whole map (maxvit_t block 3)
    assert _partition_findings(_maxvit_pair(4), target="rk3566") == []  # measured on rk3588 only


@pytest.mark.skipif(not MAXVIT.is_file(), reason="calibration model not exported")
def test_real_torchvision_maxvit_partitions():
    fs = findings(MAXVIT, select={"RKN611"})
    pats = sorted(str(f.data.get("pattern")) for f in fs)
    # 22 Softmax boundaries; blocks 1 and 2 (4 and 2 windows per side, 7 layers) 6 partition layers each; block 0 (8) none
    assert pats.count("None") == 22 and len(fs) == 22 + 42
    assert {p: pats.count(p) for p in set(pats) - {"None"}} == {"grid-partition": 14, "grid-departition": 14,
                                                                "window-departition": 14}
    assert not any("/blocks.0/" in (f.location.node_name or "") or "/blocks.3/" in (f.location.node_name or "")
                   for f in fs if f.data.get("pattern"))


@pytest.mark.toolkit
@pytest.mark.skipif(not MAXVIT.is_file(), reason="calibration model not exported")
def test_real_build_of_a_maxvit_layer_puts_the_predicted_partition_nodes_on_the_cpu(tmp_path):
    pytest.importorskip("rknn.api")
    import onnx.utils

    pre = "/blocks.1/layers.0/layers/"
    path = tmp_path / "maxvit_b1l0.onnx"
    onnx.utils.extract_model(str(MAXVIT), str(path), [pre + "MBconv/Add_output_0"],
                             [pre + "grid_attention/departition_op/Reshape_1_output_0"])
    want = {f.location.node_name for f in findings(path, select={"RKN611"}) if f.data.get("pattern")}
    code, out, err = run_cli("build", str(path), "--format", "json", "--no-static")
    assert code == 0, err
    (b,) = validate(out, "build")["builds"]
    cpu = {n for lay in b["layers"] if lay["target"] == "CPU" for n in lay["onnx_nodes"] if "partition" in n or n.endswith("Add_1")}
    assert cpu == want and len(want) == 6
