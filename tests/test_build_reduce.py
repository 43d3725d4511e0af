"""`rknnlint build --reduce`: the graph cuts and search without the toolkit, then one real reduction of a model whose
Resize cubic segfaults rknn-toolkit2 2.5.0 (rk3588 fp16), padded with unrelated nodes before, beside and after it."""
from __future__ import annotations

import hashlib
import json

import numpy as np
import onnx
import pytest
from onnx import TensorProto, helper, numpy_helper

from conftest import run_cli

N = helper.make_node


def padded_cubic() -> onnx.ModelProto:
    """conv -> relu -> conv -> Resize(cubic) -> relu -> sigmoid, and a conv -> relu -> pool branch beside it."""
    rng = np.random.default_rng(0)

    def w(name, *s):
        return numpy_helper.from_array((rng.standard_normal(s) * 0.1).astype(np.float32), name)

    nodes = [N("Conv", ["x", "w0"], ["c0"], name="conv0", pads=[1, 1, 1, 1]),
             N("Conv", ["x", "wb"], ["cb"], name="branch_conv", pads=[1, 1, 1, 1]),
             N("Relu", ["c0"], ["r0"], name="relu0"),
             N("Relu", ["cb"], ["rb"], name="branch_relu"),
             N("Conv", ["r0", "w1"], ["c1"], name="conv1", pads=[1, 1, 1, 1]),
             N("GlobalAveragePool", ["rb"], ["y2"], name="branch_gap"),
             N("Resize", ["c1", "", "scales"], ["up"], name="resize_cubic", mode="cubic"),
             N("Relu", ["up"], ["r2"], name="relu_after"),
             N("Sigmoid", ["r2"], ["y1"], name="sigmoid_after")]
    inits = [w("w0", 8, 3, 3, 3), w("wb", 4, 3, 3, 3), w("w1", 8, 8, 3, 3),
             numpy_helper.from_array(np.array([1, 1, 2, 2], np.float32), "scales")]
    g = helper.make_graph(nodes, "padded_cubic", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 3, 16, 16])],
                          [helper.make_tensor_value_info("y1", TensorProto.FLOAT, [1, 8, 32, 32]),
                           helper.make_tensor_value_info("y2", TensorProto.FLOAT, [1, 4, 1, 1])], inits)
    return helper.make_model(g, opset_imports=[helper.make_opsetid("", 13)], ir_version=8)


def test_cuts_keep_constants_and_make_static_inputs():
    from rknnlint.toolkit.reduce import _Graph

    g = _Graph(padded_cubic())
    assert g.frontier(3) == ["r0", "rb"]
    assert g.frontier(6) == ["y2", "up"]
    inputs, nodes = g.cut(5, ["up"])
    assert inputs == ["c1"] and [g.nodes[i].name for i in nodes] == ["resize_cubic"]
    m = g.extract(inputs, ["up"])
    onnx.checker.check_model(m, full_check=True)
    assert [i.name for i in m.graph.input] == ["c1"]
    assert [d.dim_value for d in m.graph.input[0].type.tensor_type.shape.dim] == [1, 8, 16, 16]
    assert [t.name for t in m.graph.initializer] == ["scales"]  # the constant the node reads comes along
    inputs, nodes = g.cut(0, ["up"])
    assert inputs == ["x"] and len(nodes) == 4  # the branch beside it is not needed for 'up'


def test_fewest_outputs_and_signature_text():
    from rknnlint.toolkit.reduce import Signature, _ddmin, motif_text, repro_path

    tried = []

    def fails(items):
        tried.append(list(items))
        return "d" in items

    assert _ddmin(list("abcdefgh"), fails) == ["d"]
    assert len(tried) <= 6
    assert _ddmin(list("abcdefgh"), lambda x: "b" in x and "g" in x) == ["b", "g"]  # needs the complements
    assert _ddmin(list("abc"), lambda x: True, allow_empty=True) == []
    sig = Signature("crashed", "build", 11, "OpEmit", (), "RKN091")
    assert sig.describe() == "crashed with SIGSEGV during build in OpEmit (RKN091)"
    assert sig != Signature("crashed", "build", 11, "OtherPass", (), "RKN091")
    assert Signature("failed", "build", 0, "_p_convert_layernorm_to_exnorm", ("ValueError", "KeyError"),
                     "RKN702").describe() == ("failed in build: ValueError / KeyError in _p_convert_layernorm_to_exnorm "
                                              "(RKN702)")
    assert motif_text([{"op": "Resize", "attrs": {"mode": "cubic"}}, {"op": "Relu", "attrs": {}}]) == \
        "Resize(mode='cubic') -> Relu()"
    assert repro_path("/a/m.onnx").as_posix() == "/a/m.repro.onnx"


@pytest.mark.parametrize("args,needle", [(["--max-builds", "3"], "--max-builds is for --reduce"),
                                         (["--reduce", "--max-builds", "0"], "at least 1"),
                                         (["--reduce", "--target", "rk3588,rk3566"], "one target")])
def test_usage_errors(tmp_path, args, needle):
    pytest.importorskip("rknn.api")
    p = tmp_path / "m.onnx"
    onnx.save(padded_cubic(), p)
    code, out, err = run_cli("build", p, *args)
    assert code == 2 and needle in err


@pytest.mark.toolkit
def test_reduce_finds_the_crashing_resize_and_keeps_the_input(tmp_path):
    pytest.importorskip("rknn.api")
    p = tmp_path / "padded.onnx"
    onnx.save(padded_cubic(), p)
    before = hashlib.sha256(p.read_bytes()).hexdigest()
    # --ignore hides the build finding from the report, not from the failure signature
    code, out, err = run_cli("build", p, "--reduce", "--no-static", "--format", "json", "--ignore", "RKN091")
    assert code == 1, err
    build = json.loads(out)["builds"][0]
    red = build["reduce"]
    assert build["status"] == "crashed" and build["findings"] == []
    assert red["nodes_before"] == 9 and red["nodes_after"] == 1
    assert red["builds"] <= 8, red["steps"]
    sig = red["signature"]
    assert (sig["status"], sig["stage"], sig["signal"], sig["code"]) == ("crashed", "build", 11, "RKN091")
    assert [(m["op"], m["attrs"]) for m in red["motif"]] == [("Resize", {"mode": "cubic"})]
    assert red["motif"][0]["const_inputs"] == {"scales": [1.0, 1.0, 2.0, 2.0]}
    assert red["motif_text"] == "Resize(mode='cubic', scales=[1.0, 1.0, 2.0, 2.0])"
    assert red["inputs"] == [{"name": "c1", "shape": [1, 8, 16, 16], "dtype": "FLOAT"}]
    assert red["patterns"] == []  # a cubic Resize is RKN701's, no measured crash pattern
    # every candidate that counted failed exactly like the original; the ones that built did not count
    assert all(s["same"] == (s["result"] == sig["text"]) for s in red["steps"])
    assert any(s["result"] == "built" for s in red["steps"])
    repro = onnx.load(red["repro"])
    assert red["repro"] == str(tmp_path / "padded.repro.onnx")
    assert [n.op_type for n in repro.graph.node] == ["Resize"]
    onnx.checker.check_model(repro, full_check=True)
    assert hashlib.sha256(p.read_bytes()).hexdigest() == before  # the input is never modified
    code, out, _ = run_cli("build", p, "--reduce", "--no-static", "--max-builds", "1")
    assert code == 1
    assert "no smaller subgraph failed the same way within 1 build" in out
