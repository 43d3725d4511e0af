from __future__ import annotations

from onnx import helper

from conftest import findings, make_model, run_cli, shared_model


def test_fires_on_real_dynamic_batch_export():
    fs = findings(shared_model("cls_mnasnet0_5_op13_dynbatch.onnx"), select={"RKN101"})
    assert len(fs) == 1
    f = fs[0]
    assert f.location.tensor == "input"
    assert "['batch', 3, 224, 224]" in f.message
    assert "--input-shape input=1,3,224,224" in f.hint


def test_fires_on_minimal_symbolic_and_minus_one_dims():
    m = make_model([helper.make_node("Relu", ["x"], ["y"])], [("x", ["N", 3, -1, 8])], [("y", ["N", 3, -1, 8])])
    fs = findings(m, select={"RKN101"})
    assert [f.location.tensor for f in fs] == ["x"]
    assert str(fs[0].severity) == "error"


def test_silent_on_static_input():
    m = make_model([helper.make_node("Relu", ["x"], ["y"])], [("x", [1, 3, 8, 8])], [("y", [1, 3, 8, 8])])
    assert findings(m, select={"RKN101"}) == []
    assert findings(shared_model("cls_shufflenet_v2_x1_0_op13.onnx"), select={"RKN101"}) == []


def test_cli_exit_code_is_one():
    code, out, _ = run_cli("check", shared_model("seq_transformer_encoder_dynseq_op17.onnx"))
    assert code == 1
    assert "RKN101" in out and "'T'" in out


def test_hint_names_dynamic_input_only_where_the_family_accepts_it():
    m = make_model([helper.make_node("Relu", ["x"], ["y"])], [("x", ["N", 3, 8, 8])], [("y", ["N", 3, 8, 8])])
    assert "dynamic_input=" in findings(m, target="rk3588", select={"RKN101"})[0].hint  # rules/rk3588.yaml: true
    assert "dynamic_input=" not in findings(m, target="rv1106", select={"RKN101"})[0].hint  # common.yaml: false
