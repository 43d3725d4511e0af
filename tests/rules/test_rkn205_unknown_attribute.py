from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from _toolkit_build import toolkit_build
from onnx import helper

from conftest import findings, init, make_model, save, shared_model

CALIB = Path(__file__).resolve().parents[2].parent / "calib" / "models" / "seq_lstm1x96_op18_dynamo.onnx"


def _rnn(op: str = "LSTM", opset: int = 18, **attrs):
    gates = {"LSTM": 4, "GRU": 3, "RNN": 1}[op]
    rng = np.random.default_rng(0)
    inits = [init("W", rng.standard_normal((1, gates * 8, 4)).astype(np.float32)),
             init("R", rng.standard_normal((1, gates * 8, 8)).astype(np.float32))]
    node = helper.make_node(op, ["x", "W", "R"], ["y"], hidden_size=8, name="rnn", **attrs)
    return make_model([node], [("x", [5, 1, 4])], [("y", [5, 1, 1, 8])], inits, opset=opset)


def _relu(**attrs):
    return make_model([helper.make_node("Relu", ["x"], ["y"], name="act", **attrs)], [("x", [1, 3, 4, 4])],
                      [("y", [1, 3, 4, 4])])


def test_fires_on_lstm_and_gru_layout():
    fs = findings(_rnn(layout=0), select={"RKN205"})
    assert [f.location.node_name for f in fs] == ["rnn"] and str(fs[0].severity) == "error"
    assert "'layout'" in fs[0].message and "Unrecognized attribute: layout for operator LSTM" in fs[0].message
    assert "drop-default-attrs" in fs[0].hint and fs[0].fix == "drop-default-attrs"
    assert len(findings(_rnn("GRU", opset=14, layout=0), select={"RKN205"})) == 1
    fs = findings(_rnn(layout=1), select={"RKN205"})
    assert len(fs) == 1 and "drop-default-attrs" not in fs[0].hint


def test_lstm_layout_is_no_error_with_the_versions_that_build_it():
    """rknn-toolkit2 2.3.2 built the minimal LSTM / GRU with layout=0 on rk3588 and the dynamo LSTM export on rk3588
    and rk3566, 2.3.0 the dynamo export on rk3588; 2.5.0 stops in its re-emitted LSTM-7 / GRU-7 check."""
    for version in ("2.3.2", "2.3.0"):
        assert findings(_rnn(layout=0), select={"RKN205"}, toolkit_version=version) == []
        assert findings(_rnn("GRU", opset=14, layout=0), select={"RKN205"}, toolkit_version=version) == []
        fs = findings(_relu(foo=1), select={"RKN205"}, toolkit_version=version)
        assert [f.location.node_name for f in fs] == ["act"]  # unknown at the model's own opset: still an error
    assert len(findings(_rnn(layout=0), select={"RKN205"}, toolkit_version="2.5.0")) == 1


def _chain(mid: tuple[str, ...], layouts: tuple[bool, bool] = (True, False), second: str = "LSTM"):
    """LSTM(x) -> Reshape [5, 1, 8] -> the `mid` ops -> a second LSTM (or a MatMul when `second` is "MatMul"), as the
    small models built with 2.3.2 / 2.3.0 on rk3588 (docs/probe.md#rnn-layout-in-a-chain)."""
    rng = np.random.default_rng(0)
    inits = [init("W0", rng.standard_normal((1, 32, 4)).astype(np.float32)),
             init("R0", rng.standard_normal((1, 32, 8)).astype(np.float32)),
             init("s0", np.array([5, 1, 8], np.int64)), init("c", np.ones((1, 1, 8), np.float32)),
             init("M", rng.standard_normal((8, 8)).astype(np.float32)),
             init("W1", rng.standard_normal((1, 32, 8)).astype(np.float32)),
             init("R1", rng.standard_normal((1, 32, 8)).astype(np.float32))]
    kw = [{"layout": 0} if on else {} for on in layouts]
    nodes = [helper.make_node("LSTM", ["x", "W0", "R0"], ["y0"], hidden_size=8, name="rnn0", **kw[0]),
             helper.make_node("Reshape", ["y0", "s0"], ["z"], name="rs")]
    t, out = "z", [5, 1, 8]
    for i, op in enumerate(mid):
        args = {"Add": (["c"], {}), "MatMul": (["M"], {}), "Transpose": ([], {"perm": [1, 0, 2]})}[op]
        nodes.append(helper.make_node(op, [t, *args[0]], [f"m{i}"], name=f"mid{i}", **args[1]))
        t, out = f"m{i}", ([1, 5, 8] if op == "Transpose" else out)
    if second == "MatMul":
        nodes.append(helper.make_node("MatMul", [t, "M"], ["y"], name="fc"))
    else:
        nodes.append(helper.make_node("LSTM", [t, "W1", "R1"], ["y"], hidden_size=8, name="rnn1", **kw[1]))
        out = [5, 1, 1, 8]
    return make_model(nodes, [("x", [5, 1, 4])], [("y", out)], inits, opset=18)


def test_lstm_layout_feeding_an_lstm_or_matmul_fails_with_2_3_x():
    """2.3.2 and 2.3.0 re-emit an LSTM whose output reaches another LSTM or a MatMul through Reshape only (stacked
    layers, the dynamo CRNN): the one with `layout` fails; with an Add or a Transpose(1, 0, 2) between it built."""
    for version in ("2.3.2", "2.3.0"):
        for model in (_chain(()), _chain(("MatMul",)), _chain((), second="MatMul")):
            fs = findings(model, select={"RKN205"}, toolkit_version=version)
            assert [f.location.node_name for f in fs] == ["rnn0"], (version, fs)
            assert f"{version}'s constant folding re-emits it" in fs[0].message and fs[0].fix == "drop-default-attrs"
        for model in (_chain(("Add",)), _chain(("Transpose",), second="MatMul"), _chain((), (False, True))):
            assert findings(model, select={"RKN205"}, toolkit_version=version) == []
    # 2.5.0 re-emits every LSTM: the second one's layout counts there too
    fs = findings(_chain((), (True, True)), select={"RKN205"}, toolkit_version="2.5.0")
    assert sorted(f.location.node_name for f in fs) == ["rnn0", "rnn1"]


def test_fires_on_an_attribute_the_schema_lacks():
    fs = findings(_relu(foo=1), select={"RKN205"})
    assert [f.location.node_name for f in fs] == ["act"] and "opset 13" in fs[0].message


def test_silent_on_known_attributes():
    assert findings(_rnn(), select={"RKN205"}) == []
    assert findings(_rnn("RNN", layout=0), select={"RKN205"}) == []
    assert findings(_relu(), select={"RKN205"}) == []
    assert findings(shared_model("seq_gru2x96_op12.onnx"), select={"RKN205"}) == []


def test_fix_drops_the_default_layout():
    from rknnlint.fix import FixRequest, fix_model, verify

    out = fix_model(_rnn(layout=0), FixRequest())
    verify(out, FixRequest())
    assert [s.rewrite for s in out.applied] == ["drop-default-attrs"] and out.proof.ok
    assert [f for f in out.after if f.code == "RKN205"] == []


@pytest.mark.skipif(not CALIB.exists(), reason="calibration set not present")
def test_fires_on_the_dynamo_lstm_export():
    fs = findings(CALIB, select={"RKN205"})
    assert fs and all("layout" in f.message for f in fs)


@pytest.mark.toolkit
def test_toolkit_agrees(tmp_path):
    rc, out = toolkit_build(save(_rnn(opset=14, layout=0), tmp_path, "layout.onnx"))
    assert rc != 0 and "Unrecognized attribute: layout for operator LSTM" in out
    rc, out = toolkit_build(save(_rnn(opset=14), tmp_path, "ok.onnx"))
    assert rc == 0, out[-2000:]
