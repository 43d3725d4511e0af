"""Measured crash patterns (rules/motifs/crash-patterns.yaml, rknnlint/crash_patterns.py): RKN709 reports a pattern of
a public issue report where its minimal model failed with the toolkit version in use, on the node, with the error,
the versions and the fix; the near misses measured to build stay silent."""
from __future__ import annotations

import importlib.util
import re

import numpy as np
import pytest
import yaml
from onnx import helper

from conftest import ROOT, findings, init, make_model
from rknnlint import crash_patterns as CP
from rknnlint.toolkit import versions

F = np.float32


def _concat(order="ccct", producer="Transpose"):
    """Conv -> Transpose -> Concat with three [1,16,16,2] constants, inputs in `order` (c constant, t computed)."""
    nodes = [helper.make_node("Conv", ["x", "w"], ["c"], name="conv", kernel_shape=[1, 1])]
    if producer == "Transpose":
        nodes.append(helper.make_node("Transpose", ["c"], ["t"], name="tp", perm=[0, 2, 3, 1]))
        axis, out = 3, [1, 16, 16, 14]
    else:
        nodes[0].output[0] = "t"
        axis, out = 1, [1, 14, 16, 16]
    shape = [1, 16, 16, 2] if axis == 3 else [1, 2, 16, 16]
    consts = iter(f"k{i}" for i in range(3))
    nodes.append(helper.make_node("Concat", [next(consts) if ch == "c" else "t" for ch in order], ["y"], name="cat",
                                  axis=axis))
    inits = [init("w", np.ones((8, 8, 1, 1), F))] + [init(f"k{i}", np.zeros(shape, F)) for i in range(3)]
    return make_model(nodes, [("x", [1, 8, 16, 16])], [("y", out)], inits)


def _gram(kind="self"):
    """Conv -> Reshape [1,16,64] -> MatMul(r, Transpose(r)) (self), MatMul(r, Transpose(z)) (other)."""
    nodes = [helper.make_node("Conv", ["x", "w"], ["c"], name="conv", kernel_shape=[1, 1]),
             helper.make_node("Reshape", ["c", "s"], ["r"], name="rs"),
             helper.make_node("Transpose", ["r" if kind == "self" else "z"], ["rt"], name="tp", perm=[0, 2, 1]),
             helper.make_node("MatMul", ["r", "rt"], ["y"], name="gram")]
    ins = [("x", [1, 16, 8, 8])] + ([("z", [1, 16, 64])] if kind != "self" else [])
    return make_model(nodes, ins, [("y", [1, 16, 16])],
                      [init("w", np.ones((16, 16, 1, 1), F)), init("s", np.array([1, 16, 64], np.int64))])


def _pooling(query="const"):
    """Attention pooling over 64 tokens, 2 heads of 8: MatMul(Q, K^T) -> Mul -> Softmax -> MatMul(., V)."""
    inits = [init("wk", np.full((16, 16), 0.01, F)), init("wv", np.full((16, 16), 0.01, F)),
             init("s4", np.array([1, 64, 2, 8], np.int64)), init("sc", np.array(0.35, F))]
    nodes = []
    if query == "const":
        inits.append(init("q", np.ones((1, 2, 1, 8), F)))
    else:
        nodes.append(helper.make_node("Transpose", ["qin"], ["q"], name="q_tp", perm=[0, 2, 1, 3]))
    nodes += [helper.make_node("MatMul", ["x", "wk"], ["k"], name="k_proj"),
              helper.make_node("MatMul", ["x", "wv"], ["v"], name="v_proj"),
              helper.make_node("Reshape", ["k", "s4"], ["k4"], name="k_rs"),
              helper.make_node("Transpose", ["k4"], ["kt"], name="k_tp", perm=[0, 2, 3, 1]),
              helper.make_node("Reshape", ["v", "s4"], ["v4"], name="v_rs"),
              helper.make_node("Transpose", ["v4"], ["vt"], name="v_tp", perm=[0, 2, 1, 3]),
              helper.make_node("MatMul", ["q", "kt"], ["a"], name="qk"),
              helper.make_node("Mul", ["a", "sc"], ["a2"], name="scale"),
              helper.make_node("Softmax", ["a2"], ["p"], name="softmax", axis=-1),
              helper.make_node("MatMul", ["p", "vt"], ["y"], name="pv")]
    ins = [("x", [1, 64, 16])] + ([("qin", [1, 1, 2, 8])] if query != "const" else [])
    return make_model(nodes, ins, [("y", [1, 2, 1, 8])], inits)


def _rkn709(model, version, target="rk3588"):
    return [f for f in findings(model, target=target, toolkit_version=version, select={"RKN709"})
            if "pattern" in f.data]


# ----------------------------------------------------------------------------- the committed measurements
def test_concat_after_constants_is_reported_where_measured_to_fail_and_not_where_it_built():
    [f] = _rkn709(_concat(), "2.3.2")
    assert f.severity.name == "ERROR" and f.location.node_name == "cat"
    assert f.data["pattern"] == "concat-constants-then-transpose"
    assert "rknn-toolkit2 2.3.2 failed in " in f.message and "fold_constant on rk3588" in f.message
    assert "Can't merge shape info" in f.message and "issues/365" in f.message
    assert "2.5.0" in f.data["built_versions"] and "2.3.2" in f.data["failed_versions"]
    assert "Transpose output first" in f.hint
    assert _rkn709(_concat(), "2.3.2", target="rk3566")[0].severity.name == "ERROR"
    assert _rkn709(_concat(), "2.5.0") == []  # measured to build with 2.5.0
    # near misses measured to build: the computed input first, a Conv output instead of a Transpose
    assert _rkn709(_concat("tccc"), "2.3.2") == []
    assert _rkn709(_concat("ct"), "2.3.2") == []  # one constant (a ViT class token) then the Transpose: built
    assert _rkn709(_concat("ccct", producer="Conv"), "2.3.2") == []


def test_gram_matrix_is_reported_with_the_native_pass_that_crashed():
    [f] = _rkn709(_gram(), "2.3.2")
    assert f.location.node_name == "gram" and f.data["status"] == "crashed"
    assert "killed by SIGSEGV" in f.message and "RKNNSubgraphManager" in f.message and "issues/395" in f.message
    assert f.data["failed_versions"] == ["2.3.2"]
    assert _rkn709(_gram(), "2.3.0") == [] and _rkn709(_gram(), "2.5.0") == []
    assert _rkn709(_gram("other"), "2.3.2") == []  # x @ z^T: two inputs, built


def test_constant_query_attention_names_the_fusion_pass_to_disable():
    [f] = _rkn709(_pooling(), "2.5.0")
    assert f.location.node_name == "qk" and f.data["disable_rules"] == ["fuse_matmul_softmax_matmul_to_sdpa"]
    assert "inputs or 'outputs' must be set" in f.message and "issues/298" in f.message
    assert _rkn709(_pooling("computed"), "2.5.0") == []  # the query from the input: built


# ----------------------------------------------------------------------------- the rule's reading of the data
@pytest.fixture
def patterns_file(tmp_path, monkeypatch):
    path = tmp_path / "crash-patterns.yaml"
    monkeypatch.setattr(CP, "patterns_path", lambda: path)
    yield path
    CP._load.cache_clear()


def _write(path, measured):
    entry = {"source": "https://example.org/1", "summary": "s", "fix": "do this",
             "match": {"op": "Concat", "inputs": "^(const )+Transpose( const)*$"}, "measured": measured}
    path.write_text(yaml.safe_dump({"patterns": {"p": entry}, "measured_by": ["cmd"]}))
    CP._load.cache_clear()


def test_failed_family_is_an_error_an_unmeasured_family_a_warning_and_a_built_one_silent(patterns_file):
    _write(patterns_file, {"2.3.2": {"status": "failed", "failed": ["rk3588"], "error": "E", "stage": "S"}})
    [f] = _rkn709(_concat(), "2.3.2")
    assert f.severity.name == "ERROR" and f.data["evidence"]["command"] == ["cmd"]
    [f] = _rkn709(_concat(), "2.3.2", target="rk3566")
    assert f.severity.name == "WARNING" and "(rk3566 not measured)" in f.message
    _write(patterns_file, {"2.3.2": {"failed": ["rk3588"], "built": ["rk3566"], "error": "E"}})
    assert _rkn709(_concat(), "2.3.2", target="rk3566") == []
    assert _rkn709(_concat(), "2.3.0") == []  # that version was not measured: nothing to say


# ----------------------------------------------------------------------------- the data file itself
def _script():
    spec = importlib.util.spec_from_file_location("verify_crash_patterns", ROOT / "scripts" / "verify_crash_patterns.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_every_pattern_has_a_source_a_model_and_measurements_of_known_versions():
    data = CP.table()
    models = _script().MODELS
    known = set(versions.known_versions())
    for section in ("patterns", "built"):
        for pid, entry in data[section].items():
            assert re.match(r"https://github\.com/\S+/issues/\d+$", entry["source"]), pid
            assert pid in models, f"{pid}: no minimal model in scripts/verify_crash_patterns.py"
            assert entry.get("measured") and set(entry["measured"]) <= known, pid
            for v, m in entry["measured"].items():
                assert m.get("failed") or m.get("built"), (pid, v)
                if section == "built":
                    assert not m.get("failed"), f"{pid} failed with {v}: move it to patterns"
    for pid, entry in data["patterns"].items():
        assert entry["match"]["op"] and entry["fix"], pid
        assert CP.failing_versions(entry), f"{pid} failed nowhere: move it to built"
    assert data["measured_by"]


def test_docs_show_the_measurements():
    page = (ROOT / "docs" / "probe.md").read_text()
    assert _script().table_md(CP.table()) in page, "regenerate: scripts/verify_crash_patterns.py --version X --table"


@pytest.mark.parametrize("err", [
    "[ONNXRuntimeError] : 1 : FAIL : Exception during initialization: allocation_planner.cc:237 status.IsOK() was "
    "false. Could not find OrtValue with name ''",
    "ValueError: inputs or 'outputs' must be set!"])
def test_a_build_failing_with_a_measured_pattern_error_maps_to_rkn709(err):
    from rknnlint.toolkit.logparse import classify_error

    finding, _ = classify_error(err, [], "", "m.onnx", "rk3588")
    assert finding.code == "RKN709"


def test_an_optional_output_named_empty_is_reported_and_a_node_without_it_is_not():
    def drop(outs):
        nodes = [helper.make_node("Conv", ["x", "w"], ["c"], name="conv", kernel_shape=[1, 1]),
                 helper.make_node("Dropout", ["c"], outs, name="drop"),
                 helper.make_node("Conv", ["d", "w"], ["y"], name="conv2", kernel_shape=[1, 1])]
        return make_model(nodes, [("x", [1, 8, 16, 16])], [("y", [1, 8, 16, 16])], [init("w", np.ones((8, 8, 1, 1), F))])

    [f] = _rkn709(drop(["d", ""]), "2.5.0")
    assert f.location.node_name == "drop" and f.data["pattern"] == "empty-optional-output"
    assert "Could not find OrtValue with name ''" in f.message and "issues/576" in f.message
    assert "list only the outputs the graph uses" in f.hint
    assert _rkn709(drop(["d"]), "2.5.0") == []


def test_find_names_the_patterns_a_repro_holds_whatever_the_version():
    assert CP.find(_concat()) == [("concat-constants-then-transpose", "cat")]
    assert CP.find(_gram()) == [("matmul-self-transpose", "gram")]
    assert CP.find(_concat("tccc")) == [] and CP.find(_pooling("computed")) == []


def _outer(inner=1, op="MatMul"):
    """x [1,64] -> two Linear -> Reshape [1,4,16,inner] and [1,4,inner,16] -> MatMul (a per-head outer product)."""
    nodes = [helper.make_node("MatMul", ["x", "wk"], ["k"], name="k_proj"),
             helper.make_node("MatMul", ["x", "wv"], ["v"], name="v_proj"),
             helper.make_node("Reshape", ["k", "sk"], ["k4"], name="k_rs"),
             helper.make_node("Reshape", ["v", "sv"], ["v4"], name="v_rs"),
             helper.make_node(op, ["k4", "v4"], ["y"], name="outer")]
    d = 64 * inner
    return make_model(nodes, [("x", [1, 64])], [("y", [1, 4, 16, 16])],
                      [init("wk", np.full((64, d), 0.01, F)), init("wv", np.full((64, d), 0.01, F)),
                       init("sk", np.array([1, 4, 16, inner], np.int64)), init("sv", np.array([1, 4, inner, 16], np.int64))])


def test_outer_product_matmul_is_reported_with_the_reshape_error_of_the_report():
    [f] = _rkn709(_outer(), "2.2.0")
    assert f.location.node_name == "outer" and f.data["pattern"] == "outer-product-heads"
    assert "requested shape" in f.message and "issues/169" in f.message
    assert f.data["failed_versions"] == ["2.2.0", "2.3.0"] and f.data["built_versions"] == ["2.3.2", "2.5.0"]
    assert _rkn709(_outer(inner=2), "2.2.0") == []  # an ordinary batched MatMul: built
    [f] = _rkn709(_outer(op="Mul"), "2.3.0")  # the same product as a broadcast Mul failed too
    assert f.location.op_type == "Mul" and f.location.node_name == "outer"
    assert _rkn709(_outer(), "2.3.2") == []


def test_the_outer_product_reshape_error_of_220_maps_to_rkn709():
    from rknnlint.toolkit.logparse import classify_error

    err = ("Non-zero status code returned while running Reshape node. Name:'y_mm-rs' Status Message: The input tensor "
           "cannot be reshaped to the requested shape. Input shape:{1,2048,1,1}, requested shape:{1,32,64,64}")
    finding, _ = classify_error(err, [], "", "m.onnx", "rk3588")
    assert finding.code == "RKN709"


def test_squeeze_excitation_and_silu_muls_are_no_outer_product():
    """False-alarm guard: SiLU / squeeze-excitation Muls of [1,C,1,1] tensors (EfficientNet, MaxViT: built with every
    version) have the shapes' trailing 1s but are no outer product."""
    nodes = [helper.make_node("GlobalAveragePool", ["x"], ["p"], name="gap"),
             helper.make_node("Conv", ["p", "w"], ["s"], name="fc"),
             helper.make_node("Sigmoid", ["s"], ["g"], name="sig"),
             helper.make_node("Mul", ["s", "g"], ["a"], name="silu"),
             helper.make_node("Mul", ["x", "a"], ["y"], name="scale")]
    m = make_model(nodes, [("x", [1, 16, 8, 8])], [("y", [1, 16, 8, 8])], [init("w", np.ones((16, 16, 1, 1), F))])
    assert CP.find(m) == [] and _rkn709(m, "2.2.0") == []


def test_no_crash_pattern_in_the_fixture_models():
    """The real exports in fixtures/ build (or fail for their own rules' reasons): none holds a measured pattern."""
    import onnx

    for path in sorted((ROOT / "fixtures").glob("*.onnx")):
        assert CP.find(onnx.load(str(path), load_external_data=False)) == [], path.name


def _einsum(same=True):
    """Conv outputs reshaped to [1,1,16,64], transposed -> Einsum 'bhid,bhjd->bhij' (q q^T when `same`)."""
    nodes = [helper.make_node("Conv", ["x", "w"], ["cq"], name="convq", kernel_shape=[1, 1]),
             helper.make_node("Conv", ["x", "w"], ["ck"], name="convk", kernel_shape=[1, 1]),
             helper.make_node("Reshape", ["cq", "s"], ["q"], name="q_rs"),
             helper.make_node("Reshape", ["cq" if same else "ck", "s"], ["k"], name="k_rs"),
             helper.make_node("Transpose", ["q"], ["qt"], name="q_tp", perm=[0, 1, 3, 2]),
             helper.make_node("Transpose", ["k"], ["kt"], name="k_tp", perm=[0, 1, 3, 2]),
             helper.make_node("Einsum", ["qt", "kt"], ["y"], name="scores", equation="bhid,bhjd->bhij")]
    outs = [("y", [1, 1, 64, 64])] + ([("ck", [1, 16, 1, 64])] if same else [])
    return make_model(nodes, [("x", [1, 16, 1, 64])], outs,
                      [init("w", np.ones((16, 16, 1, 1), F)), init("s", np.array([1, 1, 16, 64], np.int64))])


def test_einsum_of_a_tensor_with_itself_is_reported_through_its_reshapes_and_transposes():
    [f] = _rkn709(_einsum(), "2.3.2")
    assert f.location.node_name == "scores" and f.data["pattern"] == "einsum-self-transpose"
    assert "killed by SIGSEGV" in f.message and "issues/57" in f.message
    assert _rkn709(_einsum(same=False), "2.3.2") == [] and _rkn709(_einsum(), "2.5.0") == []
