"""Measured crash patterns (rules/motifs/crash-patterns.yaml, rknnlint/crash_patterns.py): RKN709 reports a pattern of
a public issue report where its minimal model failed with the toolkit version in use, on the node, with the error,
the versions and the fix; the near misses measured to build stay silent."""
from __future__ import annotations

import re

import numpy as np
import onnx
import pytest
import yaml
from onnx import helper, numpy_helper

from conftest import ROOT, findings, init, load_script, make_model
from rknnlint import crash_patterns as CP
from rknnlint.toolkit import versions

F = np.float32


def _script():
    """scripts/verify_crash_patterns.py: its MODELS are the minimal models the data was measured on."""
    return load_script("scripts/verify_crash_patterns.py")


SCRIPT = _script()
_concat, _gram, _pooling, _outer, _einsum = (SCRIPT.concat, SCRIPT.gram_conv, SCRIPT.pooling_attention,
                                              SCRIPT.outer_product_heads, SCRIPT.einsum_scores)


def _rkn709(model, version, target="rk3588", dtype="float16"):
    return [f for f in findings(model, target=target, toolkit_version=version, dtype=dtype, select={"RKN709"})
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
    assert f.location.node_name == "mm" and f.data["status"] == "crashed"
    assert "killed by SIGSEGV" in f.message and "RKNNSubgraphManager" in f.message and "issues/395" in f.message
    assert f.data["failed_versions"] == ["2.3.2"]
    assert _rkn709(_gram(), "2.3.0") == [] and _rkn709(_gram(), "2.5.0") == []
    assert _rkn709(SCRIPT.gram("other"), "2.3.2") == []  # x @ z^T: two inputs, built


def test_constant_query_attention_names_the_fusion_pass_to_disable():
    [f] = _rkn709(_pooling(), "2.5.0")
    assert f.location.node_name == "qk" and f.data["disable_rules"] == ["fuse_matmul_softmax_matmul_to_sdpa"]
    assert "inputs or 'outputs' must be set" in f.message and "issues/298" in f.message
    assert _rkn709(_pooling("computed"), "2.5.0") == []  # the query from the input: built


def test_an_attention_of_constants_only_is_no_constant_query_attention():
    """Unseen set 16's DETR decoder: its first self-attention reads the learned queries alone (query and keys
    constants), the toolkit folds it whole and built it with 2.3.2, 2.3.0 and 2.5.0 where a constant probe over
    keys from the input failed."""
    for q_len, tokens in ((1, 576), (50, 50)):
        model = _pooling(q_len=q_len, tokens=tokens, keys="const")
        for version, target in (("2.3.2", "rk3588"), ("2.3.2", "rk3576"), ("2.5.0", "rk3588"), ("2.3.0", "rk3562")):
            assert _rkn709(model, version, target) == []
    assert [f.location.node_name for f in _rkn709(_pooling(q_len=50, tokens=50), "2.3.2")] == ["qk"]


def test_an_odd_embedding_table_beside_a_comparable_constant_is_not_reported():
    """Unseen set 18's Whisper-like decoder: its 51865 x 384 table beside the tied logits weight [384, 51865] built on
    rv1106 int8 with 2.3.2; a 99 x 64 table built beside a [64, 90] constant and crashed beside a [64, 64] one."""
    emb = SCRIPT.embedding_gather
    assert _rkn709(emb(99, 64, 1, other=(64, 90)), "2.3.2", "rv1106", "int8") == []
    assert _rkn709(emb(99, 64, 1, other=(256, 64)), "2.3.0", "rv1106b", "int8") == []
    for model in (emb(99, 64, 1, other=(64, 64)), emb(99, 64, 1)):
        [f] = _rkn709(model, "2.3.2", "rv1106", "int8")
        assert f.location.node_name == "embed" and f.data["pattern"] == "embedding-gather-odd-rows"


def test_a_rank3_attention_with_the_heads_in_the_batch_axis_is_no_constant_query_attention():
    """Unseen set 18's SigLIP head as dynamo writes nn.MultiheadAttention: the probe [12, 1, 64] over keys
    [12, 64, 196] built with 2.3.2, 2.5.0 and 2.3.0 on rk3588, rk3576, rk3562 and rv1106 where the rank-4 probe
    [1, 12, 1, 64] over the same keys failed."""
    for scale in (False, True):
        model = _pooling("batched", scale=scale, tokens=196, heads=12, dh=64)
        for version, target in (("2.3.2", "rk3588"), ("2.5.0", "rk3576"), ("2.3.0", "rk3562")):
            assert _rkn709(model, version, target) == []
    [f] = _rkn709(_pooling(tokens=196, heads=12, dh=64), "2.3.2", "rk3576")
    assert f.location.node_name == "qk" and f.data["pattern"] == "constant-query-attention"


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
def test_every_pattern_has_a_source_a_model_and_measurements_of_known_versions():
    data = CP.table()
    models = SCRIPT.MODELS
    known = set(versions.known_versions())
    for section in ("patterns", "built"):
        for pid, entry in data[section].items():
            src = entry["source"]  # a public issue report, or a calibration export documented in docs/
            assert (re.match(r"https://github\.com/\S+/issues/\d+$", src)
                    or (src.startswith("docs/") and (ROOT / src.split("#")[0]).is_file())), pid
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


def _outcomes(pid):
    """(version, family, model name, failed?) for the pattern's model and every neighbour, as measured."""
    for version, m in CP.table()["patterns"][pid]["measured"].items():
        for name, where in [("", m), *(m.get("neighbours") or {}).items()]:
            for family in where.get("failed") or []:
                yield version, family, name, True
            for family in where.get("built") or []:
                yield version, family, name, False


@pytest.mark.parametrize("pid", sorted(CP.table()["patterns"]))
def test_each_measured_model_is_reported_exactly_where_it_failed(pid):
    """The data and the rule agree on the models it was measured on: the pattern's model and each neighbour give
    RKN709 for every version x family it failed on and nothing where it built."""
    make, neighbours = SCRIPT.MODELS[pid]
    models = {"": make(), **{name: build() for name, build in neighbours.items()}}
    dtype = CP.table()["patterns"][pid].get("dtype") or "float16"
    wrong = [(v, fam, name or pid) for v, fam, name, failed in _outcomes(pid)
             if bool(_rkn709(models[name], v, target=fam, dtype=dtype)) != failed]
    assert wrong == []


def test_docs_show_the_measurements():
    page = (ROOT / "docs" / "probe.md").read_text()
    assert SCRIPT.table_md(CP.table()) in page, "regenerate: scripts/verify_crash_patterns.py --version X --table"


@pytest.mark.parametrize("err", [
    "[ONNXRuntimeError] : 1 : FAIL : Exception during initialization: allocation_planner.cc:237 status.IsOK() was "
    "false. Could not find OrtValue with name ''",
    "ValueError: inputs or 'outputs' must be set!"])
def test_a_build_failing_with_a_measured_pattern_error_maps_to_rkn709(err):
    from rknnlint.toolkit.logparse import classify_error

    finding, _ = classify_error(err, [], "", "m.onnx", "rk3588")
    assert finding.code == "RKN709"


def test_an_optional_output_named_empty_is_reported_and_a_node_without_it_is_not():
    [f] = _rkn709(SCRIPT.empty_optional_output(), "2.5.0")
    assert f.location.node_name == "drop" and f.data["pattern"] == "empty-optional-output"
    assert "Could not find OrtValue with name ''" in f.message and "issues/576" in f.message
    assert "list only the outputs the graph uses" in f.hint
    assert _rkn709(SCRIPT.empty_optional_output("Dropout-one-output"), "2.5.0") == []


def test_find_names_the_patterns_a_repro_holds_whatever_the_version():
    assert CP.find(_concat()) == [("concat-constants-then-transpose", "cat")]
    assert CP.find(_gram()) == [("matmul-self-transpose", "mm")]
    assert CP.find(_concat("tccc")) == [] and CP.find(_pooling("computed")) == []


def test_outer_product_matmul_is_reported_with_the_reshape_error_of_the_report():
    [f] = _rkn709(_outer(4, 16, 64), "2.2.0")
    assert f.location.node_name == "outer" and f.data["pattern"] == "outer-product-heads"
    assert "requested shape" in f.message and "issues/169" in f.message
    assert f.data["failed_versions"] == ["2.2.0", "2.3.0"] and f.data["built_versions"] == ["2.3.2", "2.5.0"]
    assert _rkn709(_outer(4, 16, 64, inner=2), "2.2.0") == []  # an ordinary batched MatMul: built
    [f] = _rkn709(_outer(4, 16, 64, op="Mul"), "2.3.0")  # the same product as a broadcast Mul failed too
    assert f.location.op_type == "Mul" and f.location.node_name == "outer"
    assert _rkn709(_outer(4, 16, 64), "2.3.2") == []


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


def test_einsum_of_a_tensor_with_itself_is_reported_through_its_reshapes_and_transposes():
    [f] = _rkn709(_einsum(same=True), "2.3.2")
    assert f.location.node_name == "einsum" and f.data["pattern"] == "einsum-self-transpose"
    assert "killed by SIGSEGV" in f.message and "issues/57" in f.message
    assert _rkn709(_einsum(same=False), "2.3.2") == [] and _rkn709(_einsum(same=True), "2.5.0") == []


def test_concat_reading_one_tensor_twice_is_reported_and_its_neighbours_are_not():
    """rknn_model_zoo issue 221 (YOLOv8-OBB): Concat(cos, sin, cos) of rank-3 tensors fails in
    reduce_reshape_op_around_concat with every version measured; each input once, rank 4 or rank 2 builds."""
    [f] = _rkn709(SCRIPT.concat_repeated(), "2.5.0")
    assert f.location.node_name == "cat" and f.data["pattern"] == "concat-repeated-input"
    assert "KeyError" in f.message and "rknn_model_zoo/issues/221" in f.message
    assert f.data["disable_rules"] == ["reduce_reshape_op_around_concat"]
    assert _rkn709(SCRIPT.concat_repeated((0, 1)), "2.5.0") == []
    assert _rkn709(SCRIPT.concat_repeated(rank=4), "2.5.0") == []
    assert _rkn709(SCRIPT.concat_repeated(rank=2), "2.5.0") == []  # [1, N] on axis 0: built with every version


def test_class_and_distillation_tokens_are_reported_once_with_their_own_report():
    """rknn-toolkit2 issue 357 (AST): two token constants before the patches' Transpose output; the Concat matches
    this pattern and issue 365's, and is reported once."""
    [f] = _rkn709(SCRIPT.token_concat(), "2.3.2")
    assert f.location.node_name == "cat" and f.data["pattern"] == "class-distillation-tokens-concat"
    assert "KeyError" in f.message and "issues/357" in f.message
    assert _rkn709(SCRIPT.token_concat("ct"), "2.3.2") == []  # one class token (ViT): built
    assert _rkn709(SCRIPT.token_concat(), "2.5.0") == []


def test_a_graph_of_constant_outputs_is_rkn306_and_its_build_error_maps_there():
    """rknn-toolkit2 issue 221: every output computed from constants fails 'All outputs ... are constants'; RKN306
    predicts it (no crash pattern needed), and the toolkit's message maps to RKN306."""
    from rknnlint.toolkit.logparse import classify_error

    assert [f.code for f in findings(SCRIPT.constant_branch(True), select={"RKN306"})] == ["RKN306"]
    assert findings(SCRIPT.constant_branch(), select={"RKN306"}) == []
    finding, _ = classify_error("ValueError: All outputs ['y0'] of model are constants, The model is invalid!", [], "",
                                "m.onnx", "rk3588")
    assert finding.code == "RKN306"


def test_the_repeated_concat_failure_maps_to_rkn709_by_the_pass_the_toolkit_names():
    from rknnlint.toolkit.logparse import classify_error

    lines = ["W You can add disable_rules=['reduce_reshape_op_around_concat'] in rknn.config() to temporarily disable "
             "the error rule!"]
    finding, suggested = classify_error("ValueError: KeyError: 'c_rs'", lines, "", "m.onnx", "rk3588")
    assert finding.code == "RKN709" and suggested == "reduce_reshape_op_around_concat"


def test_tokens_expanded_by_a_folded_shape_still_match():
    """timm's deit_tiny_distilled_patch16_224 exported with a static batch expands each token by a shape computed from
    constants (Where(Equal, ConstantOfShape, Constant)), which shape inference leaves unknown ('?x?x192'); that export
    failed with 2.3.2 on rk3588 (KeyError in fuse_ops > fold_constant) as the pattern says."""
    m = SCRIPT.token_concat()
    g = m.graph
    cat = next(n for n in g.node if n.name == "cat")
    g.initializer.extend([numpy_helper.from_array(np.array([1, 1, 64], np.int64), "shp"),
                          numpy_helper.from_array(np.array([1, 1, 1], np.int64), "ones"),
                          numpy_helper.from_array(np.array([True, True, True]), "cond")])
    where = helper.make_node("Where", ["cond", "shp", "ones"], ["w"], name="where")
    expands = [helper.make_node("Expand", [tok, "w"], [f"e{i}"], name=f"expand{i}")
               for i, tok in enumerate(list(cat.input)[:2])]
    cat.input[0], cat.input[1] = "e0", "e1"
    nodes = [where, *expands, *g.node]
    del g.node[:]
    g.node.extend(nodes)
    assert [p for p, node in CP.find(m) if node == "cat"][0] == "class-distillation-tokens-concat"
    [f] = _rkn709(m, "2.3.2")
    assert f.data["pattern"] == "class-distillation-tokens-concat"


def test_calibration_crashes_are_found_by_what_computed_the_grid_and_the_pads_values():
    """The two 2.3.2 crashes found in calibration builds: the grid of an affine_grid whose theta the model computes
    (not one given as input), and a Pad with an empty constant_value input whose non-zero pads nobody but a graph
    output or several readers take."""
    # its theta Gemm reads a [1, 16] row from the input: row-gemm-narrow too (the rk2118 crash of the same pass)
    assert CP.find(SCRIPT.affine_grid_sample()) == [("affine-grid-sample", "grid_sample"), ("row-gemm-narrow", "fc")]
    assert CP.find(SCRIPT.affine_grid_sample("input")) == [] and CP.find(SCRIPT.affine_grid_sample("grid")) == []
    assert CP.find(SCRIPT.pad_end()) == [("pad-empty-constant-value", "pad")]
    assert CP.find(SCRIPT.pad_end("stem", chain=False)) == [("pad-empty-constant-value", "pad")]
    assert CP.find(SCRIPT.pad_end(pads=(0,) * 8, chain=False)) == []  # the measured model has non-zero pads
    assert CP.find(SCRIPT.pad_end(empty=False)) == [] and CP.find(SCRIPT.pad_end("conv")) == []
    [f] = _rkn709(SCRIPT.pad_end(), "2.3.2", target="rv1106b")
    assert "found in a calibration build, docs/probe.md#crash-patterns" in f.message and "SIGSEGV" in f.message
    assert _rkn709(SCRIPT.pad_end(), "2.3.2", target="rv1106") == []



def test_lstm_without_its_bias_is_reported_where_it_crashed_and_one_with_a_bias_is_not():
    """rockchip-linux/rknn-toolkit2 issues 70 and 57: an LSTM, forward or bidirectional, without its bias input B was
    killed by SIGSEGV with 2.2.0 and 2.3.0; with B (as torch exports it) it built, and 2.3.2 / 2.5.0 built both."""
    [f] = _rkn709(SCRIPT.lstm(), "2.3.0")
    assert f.location.node_name == "lstm" and f.data["pattern"] == "lstm-without-bias"
    assert "killed by SIGSEGV" in f.message and "rknn-toolkit2/issues/70" in f.message
    assert f.data["failed_versions"] == ["2.2.0", "2.3.0", "2.5.0"] and "bias input B" in f.hint
    assert _rkn709(SCRIPT.lstm(bias=True), "2.3.0") == []
    assert _rkn709(SCRIPT.lstm(32, 64, 96, ("Y",), bias=True, pre="Transpose"), "2.2.0") == []
    assert _rkn709(SCRIPT.lstm(), "2.3.2") == [] and _rkn709(SCRIPT.lstm(), "2.5.0") == []
    [f] = _rkn709(SCRIPT.lstm(16, 64, 64, ("Y",), "bidirectional"), "2.2.0")
    assert f.data["pattern"] == "lstm-without-bias"  # both reports' patterns match: reported once, by the first
    # calibration/issue_repros2.py r70_lstm_no_bias was killed by SIGSEGV on rv1106 int8 with 2.5.0 (rk3566 / rk3588
    # built it): measured on the five other families since
    [f] = _rkn709(SCRIPT.lstm(), "2.5.0", target="rv1106", dtype="int8")
    assert f.data["pattern"] == "lstm-without-bias" and f.severity.name == "ERROR"


def test_scalar_gather_of_conv_channels_is_reported_with_every_version_and_its_neighbours_are_not():
    """rockchip-linux/rknn-toolkit2 issue 101: Gather(axis 1) of a Conv output with a scalar index failed with every
    version measured ("len() of unsized object"); a rank-1 index, another axis, a Relu between, a graph input or a ViT
    class-token pick built (match.attrs tells the axis apart)."""
    [f] = _rkn709(SCRIPT.gather_channels(1), "2.5.0")
    assert f.location.node_name == "gather" and f.data["pattern"] == "gather-scalar-index"
    assert "len() of unsized object" in f.message and "rknn-toolkit2/issues/101" in f.message
    assert "one-element list" in f.hint
    for near in (SCRIPT.gather_channels((1,)), SCRIPT.gather_channels((0, 1, 2)), SCRIPT.gather_channels(axis=2),
                 SCRIPT.gather_channels(src="relu"), SCRIPT.gather_channels(src="input"),
                 SCRIPT.gather_channels(0, 192, 16, src="tokens")):
        assert _rkn709(near, "2.5.0") == [] and CP.find(near) == []


def test_gru_without_its_bias_is_reported_like_the_lstm():
    """rockchip-linux/rknn-toolkit2 issue 380 (GRU): a GRU without its bias input B, forward or bidirectional, was
    killed by SIGSEGV with 2.2.0 and 2.3.0; with B, and as torch exports it (B, linear_before_reset=1), it built."""
    [f] = _rkn709(SCRIPT.gru(), "2.2.0")
    assert f.location.node_name == "gru" and f.data["pattern"] == "gru-without-bias"
    assert "killed by SIGSEGV" in f.message and "issues/380" in f.message
    assert _rkn709(SCRIPT.gru(bias=True, lbr=1), "2.2.0") == [] and _rkn709(SCRIPT.gru(), "2.3.2") == []


def test_gathers_sharing_computed_indices_are_reported_on_the_constant_table_only():
    """RT-DETR's top-k index gathers the features and the constant anchors (remove_parallel_gather merges them, 2.3.2);
    Gathers sharing a constant index (an attention's q / k / v split) or each with its own index are no match."""
    m = SCRIPT.shared_index_gathers()
    assert CP.find(m) == [("gathers-sharing-indices", "gather_anchor")]
    assert CP.find(SCRIPT.shared_index_gathers("own")) == []
    for zeros in ("zero-add", "computed-zero-add", "reshaped-zero-add"):  # the toolkit drops an Add of zeros first
        assert CP.find(SCRIPT.shared_index_gathers(zeros)) == [("gathers-sharing-indices", "gather_anchor")], zeros
    got = findings(m, select=["RKN709"], target="rk3566", toolkit_version="2.3.2")
    assert [f.location.node_name for f in got] == ["gather_anchor"] and "2.3.2" in got[0].message
    assert findings(m, select=["RKN709"], target="rk3566", toolkit_version="2.5.0") == []
    qkv = helper.make_graph(
        [helper.make_node("Gather", ["x", "i"], ["q"], name="gq", axis=0),
         helper.make_node("Gather", ["x2", "i"], ["k"], name="gk", axis=0),
         helper.make_node("Add", ["q", "k"], ["y"], name="add")], "g",
        [helper.make_tensor_value_info("x", 1, [3, 4, 8]), helper.make_tensor_value_info("x2", 1, [3, 4, 8])],
        [helper.make_tensor_value_info("y", 1, [4, 8])], [numpy_helper.from_array(np.array(0, np.int64), "i")])
    assert [p for p, _ in CP.find(helper.make_model(qkv, opset_imports=[helper.make_opsetid("", 13)]))
            if p == "gathers-sharing-indices"] == []
    # a rotary embedding's cos and sin tables of one shape gathered by one position index: merged, built (2.3.2)
    assert CP.find(SCRIPT.shared_index_tables()) == []
    assert [n for _, n in CP.find(SCRIPT.shared_index_tables(n_sin=512))] == ["gather_cos", "gather_sin"]
    ones = SCRIPT.shared_index_gathers("zero-add")  # indices plus ones are other indices: no merge to predict
    next(t for t in ones.graph.initializer if t.name == "zeros").CopyFrom(
        numpy_helper.from_array(np.ones(300, np.int64), "zeros"))
    assert CP.find(ones) == []


@pytest.mark.toolkit
def test_fix_drops_the_softmax_identity_and_the_fixed_attention_builds(tmp_path):
    """softmax-identity-attention names the rewrite remove-identity in its data: `rknnlint fix` drops the Identity,
    the finding is gone and the real rk3588 build (2.5.0 failed on the pattern) passes with the same outputs."""
    from conftest import run_cli, save

    src = save(SCRIPT.softmax_identity_attention(), tmp_path, "attn.onnx")
    [f] = [f for f in _rkn709(onnx.load(src), "2.5.0") if f.data["pattern"] == "softmax-identity-attention"]
    assert f.fix == "remove-identity" and f.data["rewrite"] == "remove-identity"
    out = tmp_path / "attn.fixed.onnx"
    code, text, err = run_cli("fix", str(src), "-o", str(out), "--target", "rk3588")
    assert code == 0, (text, err)
    assert "fixed       remove-identity [RKN709] (safe)" in text and "bit-identical" in text
    fixed = onnx.load(out)
    assert "Identity" not in [n.op_type for n in fixed.graph.node]
    assert _rkn709(fixed, "2.5.0") == []
    code, text, err = run_cli("build", str(out), "--target", "rk3588", "--compare", "--no-static")
    assert code == 0 and "built in" in text and "compare" in text and "match" in text, (text, err)


def test_siamese_cross_correlation_built_everywhere_and_raises_no_crash_finding():
    """airockchip/rknn-toolkit2 issue 14 (a Siamese tracker's depthwise cross-correlation, a core dump in an int8
    build with 2.0.0b): its minimal model, and the plain SiamFC correlation, built with 2.3.0, 2.3.2 and 2.5.0 on every
    family measured, so it is kept under `built` and RKN709 says nothing; the weights computed at run time are
    RKN902's advice (info) only."""
    entry = CP.table()["built"]["siamese-depthwise-xcorr"]
    assert entry["source"].endswith("rknn-toolkit2/issues/14")
    assert all(not m.get("failed") for m in entry["measured"].values())
    assert set(entry["measured"]["2.5.0"]["built"]) >= {"rk3588", "rk3566", "rv1106", "rk2118"}
    m = SCRIPT.siamese_xcorr()
    assert CP.find(m) == []
    for version in ("2.3.2", "2.5.0"):
        got = findings(m, target="rk3566", toolkit_version=version, select={"RKN709", "RKN902"})
        assert [(f.code, f.location.node_name, f.severity.name) for f in got] == [("RKN902", "xcorr", "INFO")]
        assert "group=256" in got[0].message or "takes its weights" in got[0].message


def test_an_identity_after_one_of_two_slices_is_reported_on_the_slice():
    """airockchip/rknn-toolkit2 issue 256: two Slices of one tensor become a Split ('slice_2_2sp') and
    convert_identity_to_reshape then fails with a KeyError when an Identity follows one of them (directly, or through
    a Reshape and the Reshape back); measured to fail with 2.3.0 and to build with 2.3.2 and 2.5.0. One Slice, no
    Identity, or a Reshape to another shape before the Identity built."""
    [f] = _rkn709(SCRIPT.slices_identity(), "2.3.0")
    assert f.location.node_name == "slice_2" and f.data["pattern"] == "parallel-slices-identity"
    assert "KeyError" in f.message and "convert_identity_to_reshape" in f.data.get("pass", "") + f.message
    assert "rknn-toolkit2/issues/256" in f.message and "drop the Identity" in f.hint
    assert f.data["failed_versions"] == ["2.3.0"]
    assert _rkn709(SCRIPT.slices_identity(reshapes=0), "2.3.0")[0].location.node_name == "slice_2"
    for near in (SCRIPT.slices_identity(slices=1), SCRIPT.slices_identity(identity=False),
                 SCRIPT.slices_identity(reshapes=1)):
        assert _rkn709(near, "2.3.0") == [] and CP.find(near) == []
    assert _rkn709(SCRIPT.slices_identity(), "2.3.2") == [] and _rkn709(SCRIPT.slices_identity(), "2.5.0") == []


def test_the_identity_pass_failure_of_230_maps_to_rkn709(monkeypatch):
    """A 2.3.0 build that fails in convert_identity_to_reshape (the toolkit names the pass in its disable_rules hint)
    is the parallel-slices-identity pattern's failure: `rknnlint build --toolkit-version 2.3.0` reports RKN709."""
    from rknnlint import platforms
    from rknnlint.toolkit.logparse import classify_error

    monkeypatch.setattr(platforms, "_selected_version", "2.3.0", raising=False)
    lines = ["W You can add disable_rules=['convert_identity_to_reshape'] in rknn.config() to temporarily disable the "
             "error rule!"]
    finding, suggested = classify_error("ValueError: KeyError: 'slice_2_2sp'", lines, "", "m.onnx", "rk3588")
    assert finding.code == "RKN709" and suggested == "convert_identity_to_reshape"


def test_a_rank4_outer_sum_of_two_reshaped_logits_of_one_shape_is_reported_with_2_3_0():
    """remove_reshape_before_add (2.3.0) drops both Reshapes of same-shaped logits before an Add that broadcasts them;
    logits of two shapes or of rank 3, or Reshaped alike (no broadcast), built."""
    make, near = SCRIPT.MODELS["reshaped-outer-sum-4d"]
    for m in (make(), near["unsqueeze"]()):
        [f] = _rkn709(m, "2.3.0", target="rk3576")
        assert f.location.node_name == "add_rel" and "reshaped-outer-sum-4d" in f.message
        assert _rkn709(m, "2.3.2", target="rk3576") == []
    for name in ("16x8-logits", "rank3-logits", "no-broadcast"):
        assert _rkn709(near[name](), "2.3.0", target="rk3576") == [], name


def test_multi_query_attention_is_reported_on_its_qk_matmul_with_2_3_2_only():
    # scripts/verify_crash_patterns.py multi-query-attention-softmax: 2.3.2 failed on rk3588 ("Can not reshape from
    # [16, 16] to [4, 16, 16]") and built on rk3566; 2.5.0 built on both; one head or no Softmax built
    make, neighbours = SCRIPT.MODELS["multi-query-attention-softmax"]
    [f] = _rkn709(make(), "2.3.2")
    assert f.location.node_name == "mm_qk" and "Can not reshape" in f.message
    assert _rkn709(make(), "2.5.0") == [] and _rkn709(make(), "2.3.2", target="rk3566") == []
    assert _rkn709(neighbours["one-head"](), "2.3.2") == [] and _rkn709(neighbours["no-softmax"](), "2.3.2") == []


def test_einsum_attentions_chained_over_one_mask_are_reported_on_the_first_masked_add():
    # unseen set 19's LLM decode step: two Einsum attentions in a chain adding one mask tensor failed with 2.3.2 on
    # rk3588 in fuse_exmatmul_add_mul_exsoftmax13_exmatmul_to_sdpa; the same pair side by side, or each with its own
    # mask, built (scripts/verify_crash_patterns.py einsum-attention-shared-mask-chained)
    make, neighbours = SCRIPT.MODELS["einsum-attention-shared-mask-chained"]
    [f] = _rkn709(make(), "2.3.2")
    assert f.location.node_name == "mask_add0" and "matmul_1" in f.message
    assert _rkn709(make(), "2.3.2", target="rk3566") == []
    assert _rkn709(neighbours["parallel"](), "2.3.2") == [] and _rkn709(neighbours["own-masks"](), "2.3.2") == []


def test_a_concat_of_two_slices_of_one_rank3_tensor_is_reported_with_2_5_0():
    # unseen set 19's Funnel-base: Concat(x[:, :1], x[:, :-1]) of a [1, 128, 384] tensor crashed every family with
    # 2.5.0; the rank-4 form (Swin's roll) and Slices of two tensors built (verify_crash_patterns slice_shift_concat)
    make, neighbours = SCRIPT.MODELS["concat-slices-of-one-rank3"]
    [f] = _rkn709(make(), "2.5.0", target="rk3566")
    assert f.location.node_name == "cat" and f.data["pattern"] == "concat-slices-of-one-rank3"
    assert _rkn709(neighbours["rank4"](), "2.5.0") == [] and _rkn709(neighbours["two-inputs"](), "2.5.0") == []


def test_dfl_softmax_over_4096_anchors_is_reported_on_rv1106b_and_not_below_or_where_it_built():
    """YOLOv8's DFL decode (calibration/placement_sweep.py case dfl): with 2.5.0 int8 on rv1106b the build was killed
    by SIGABRT at 4096 anchors and more (8400 is a 640 px YOLOv8) and built at 4095 and 2100, and at 8400 where a graph
    input fed the Reshape; rk2118 fp16 crashed the same way, rv1106 int8 and rk3588 / rk3566 / rk3576 / rk3562 fp16
    built every size (the families measured to build stay silent)."""
    [f] = _rkn709(SCRIPT.dfl_wide(8400), "2.5.0", target="rv1106b")
    assert f.location.node_name == "dfl_softmax" and f.data["pattern"] == "dfl-softmax-wide"
    assert "crash pattern dfl-softmax-wide" in f.message and "SIGABRT" in f.message and "on rv1106b" in f.message
    assert f.severity.name == "ERROR" and "416 px" in f.hint
    assert [g.data["pattern"] for g in _rkn709(SCRIPT.dfl_wide(4096), "2.5.0", target="rv1106b")] == ["dfl-softmax-wide"]
    for near in (SCRIPT.dfl_wide(4095), SCRIPT.dfl_wide(2100), SCRIPT.dfl_wide(conv=False), SCRIPT.dfl(8400)):
        assert _rkn709(near, "2.5.0", target="rv1106b") == []
    assert [g.data["pattern"] for g in _rkn709(SCRIPT.dfl_wide(8400), "2.5.0", target="rk2118")] == ["dfl-softmax-wide"]
    for family in ("rv1106", "rk3588", "rk3566"):
        assert _rkn709(SCRIPT.dfl_wide(8400), "2.5.0", target=family) == []
    assert _rkn709(SCRIPT.dfl_wide(8400), "2.3.0", target="rv1106b") == []  # not measured with 2.3.0
    # a whole YOLOv8 head at 8400 anchors (the box part Split from the levels' Concat into the DFL Reshape) built on
    # rk2118 float16 and rv1106b int8 with 2.3.0 / 2.3.2 / 2.5.0: only a Conv straight into the Reshape matches
    head, _ = load_script("calibration/placement_sweep.py").case_dflhead(80, 80)
    for family in ("rk2118", "rv1106b"):
        assert _rkn709(head, "2.5.0", target=family) == []


def test_a_constant_node_without_a_tensor_value_is_reported_on_the_constant():
    """A Constant written with value_ints (onnxscript, the dynamo exporter, graph tools) or value_float fails load_onnx
    with "AttributeError: 'list' object has no attribute 'HasField'" on every family with 2.3.0, 2.3.2 and 2.5.0; the
    same Constant written with a tensor `value` (torch.onnx's TorchScript exporter) builds."""
    [f] = _rkn709(SCRIPT.constant_attr(), "2.5.0")
    assert f.location.node_name == "cst" and f.data["pattern"] == "constant-non-tensor-attribute"
    assert "HasField" in f.message and "initializer" in f.hint and f.severity.name == "ERROR"
    assert [g.location.node_name for g in _rkn709(SCRIPT.constant_attr("value_float"), "2.3.0", target="rv1106")] == ["cst"]
    assert _rkn709(SCRIPT.constant_attr("value"), "2.5.0") == [] and CP.find(SCRIPT.constant_attr("value")) == []


def test_the_constant_attribute_load_failure_maps_to_rkn709():
    from rknnlint.toolkit.logparse import classify_error

    err = "ValueError: AttributeError: 'list' object has no attribute 'HasField'"
    finding, _ = classify_error(err, [], "", "m.onnx", "rk3588")
    assert finding.code == "RKN709"


def test_a_padded_1x1_conv_over_a_wide_map_is_reported_on_rk3588_only():
    """airockchip/rknn-toolkit2 issue 86: a 1x1 Conv with pads 1 over a 126 x 1198 x 384 map was killed by SIGABRT in
    RKNNTilingPass on rk3588 (2.5.0, 2.3.2, 2.3.0) and built on rk3576, rk3566, rk3562, rk2118, rv1106, rv1106b; on rk3588 it
    also crashed at width 598 and with 64 output channels, and built without the pads, as a 3x3 Conv, with 64 input
    channels and at 16 x 16 x 16."""
    make, near = SCRIPT.MODELS["conv1x1-padded-wide"]
    [f] = _rkn709(make(), "2.5.0")
    assert f.location.node_name == "conv" and f.data["pattern"] == "conv1x1-padded-wide"
    assert "SIGABRT" in f.message and "RKNNTilingPass" in f.message and "issues/86" in f.message
    assert "Pad node" in f.hint and f.data["failed_versions"] == ["2.3.0", "2.3.2", "2.5.0"]
    assert [g.location.node_name for g in _rkn709(near["width-598"](), "2.5.0")] == ["conv"]
    for name in ("unpadded", "3x3-kernel", "64-channels-in", "16x16x16"):
        assert _rkn709(near[name](), "2.5.0") == [] and CP.find(near[name]()) == [], name
    for family in ("rk3576", "rk3566", "rk3562", "rk2118", "rv1106", "rv1106b"):
        assert _rkn709(make(), "2.5.0", target=family) == []


def test_a_reduce_mean_over_more_than_2048_elements_is_reported_where_measured_to_crash():
    """PP-OCRv6's text detectors (the pretrained set): a squeeze-and-excitation ReduceMean over H x W = 80 x 80 was
    killed by SIGABRT in OpEmit with 2.3.0 on rk2118 float16 (`rknnlint build --reduce` cut each model to that node);
    measured on the minimal model: 46 x 46 = 2116 elements crashed there, 32 x 64 = 2048 and the same pooling as a
    GlobalAveragePool built."""
    make, near = SCRIPT.MODELS["reduce-mean-wide"]
    [f] = _rkn709(make(), "2.3.0", target="rk2118")
    assert f.location.node_name == "reduce" and f.data["pattern"] == "reduce-mean-wide"
    assert "SIGABRT" in f.message and "GlobalAveragePool" in f.hint
    assert [g.location.node_name for g in _rkn709(near["46x46"](), "2.3.0", target="rk2118")] == ["reduce"]
    for name in ("32x64", "global-average-pool"):
        assert _rkn709(near[name](), "2.3.0", target="rk2118") == [] and CP.find(near[name]()) == [], name
    assert _rkn709(make(), "2.5.0", target="rk2118") == []
    assert CP.reduced_count(CP.ModelView(make()), CP.ModelView(make()).nodes[0]) == 6400


def test_an_integral_heads_weighted_marginal_over_the_last_axis_is_reported_on_rv1106_with_2_3_0():
    """Unseen set 4's integral pose head crashed with rknn-toolkit2 2.2.0 and 2.3.0 on rv1106 int8 (signal 11; 2.3.2 built it, and
    2.3.0 built it on rk3566); placement_sweep `integral` crashed at all 7 sizes; cut down: the y coordinate, ReduceSum
    over the last axis (W) -> Mul by the positions -> ReduceSum over the last axis, crashed alone; the x coordinate
    (reduced over H first) and the chain with an Add or a Relu in place of the Mul built."""
    make, near = SCRIPT.MODELS["reduce-last-axis-weighted-sum"]
    [f] = _rkn709(make(), "2.3.0", target="rv1106")
    assert f.location.node_name == "marginal" and f.data["pattern"] == "reduce-last-axis-weighted-sum"
    assert "SIGSEGV" in f.message
    for name in ("reduce-h-first", "add-between"):
        assert _rkn709(near[name](), "2.3.0", target="rv1106") == [] and CP.find(near[name]()) == [], name
    assert _rkn709(make(), "2.3.0", target="rk3566") == [] and _rkn709(make(), "2.3.2", target="rv1106") == []
    assert [g.data["pattern"] for g in _rkn709(make(), "2.2.0", target="rv1106")] == ["reduce-last-axis-weighted-sum"]



def test_swiftformers_token_normalize_is_reported_on_the_families_2_3_0_crashed_on():
    """Unseen set 4's SwiftFormer-XS was killed by SIGSEGV with rknn-toolkit2 2.3.0 on rk3566 and rk3588 float16
    (`rknnlint build --reduce` cut it to 7 nodes): its additive attention's token weights [1, N, 1] normalized over the
    tokens (ReduceL2 axis 1 -> Clip -> Expand -> Div) and multiplied into the queries. On small models the chain crashed
    2.3.0 on rk3588, rk3566, rk3562 and rk3576 (N = 1600 and 25), built on rk2118, rv1106, rv1106b and with 2.2.0,
    2.3.2 and 2.5.0; without the Clip, without the Expand, ending at the Div or over the last axis it built."""
    make, near = SCRIPT.MODELS["token-normalize-expand-mul"]
    for target in ("rk3588", "rk3566", "rk3562", "rk3576"):
        [f] = _rkn709(make(), "2.3.0", target=target)
        assert f.location.node_name == "norm" and f.data["pattern"] == "token-normalize-expand-mul", target
        assert "SIGSEGV" in f.message
    assert [g.location.node_name for g in _rkn709(near["n25"](), "2.3.0", target="rk3566")] == ["norm"]
    for name in ("no-clip", "no-expand", "div-output", "last-axis", "reduce-sum"):
        assert _rkn709(near[name](), "2.3.0", target="rk3588") == [] and CP.find(near[name]()) == [], name
    for version in ("2.2.0", "2.3.2", "2.5.0"):
        assert _rkn709(make(), version, target="rk3588") == [], version
    assert _rkn709(make(), "2.3.0", target="rv1106") == [] and _rkn709(make(), "2.3.0", target="rk2118") == []

def test_a_clip_with_a_computed_bound_is_reported_where_measured_to_crash():
    """openWakeWord's melspectrogram model (the pretrained set): its top_db clamp, ReduceMax -> Sub -> Cast ->
    Clip(x, min=that), was killed by SIGSEGV with 2.3.0 on rk3576 float16; measured on the minimal model: the
    computed bound crashed there as min or as max and without the Cast, Max(x, that) and a Clip at constants built."""
    make, near = SCRIPT.MODELS["clip-computed-bound"]
    [f] = _rkn709(make(), "2.3.0", target="rk3576")
    assert f.location.node_name == "clip" and f.data["pattern"] == "clip-computed-bound"
    assert "SIGSEGV" in f.message and "Max(x, threshold)" in f.hint
    assert [g.location.node_name for g in _rkn709(near["computed-max"](), "2.3.0", target="rk3576")] == ["clip"]
    for name in ("constant-bounds", "max-op"):  # (on its one-channel input: input-affine-narrow, rk2118's own crash)
        assert _rkn709(near[name](), "2.3.0", target="rk3576") == [], name
        assert [p for p, _ in CP.find(near[name]()) if p != "input-affine-narrow"] == [], name
    for family in ("rk3588", "rk3566", "rk3562"):
        assert _rkn709(make(), "2.3.0", target=family) == [], family


def test_a_linear_on_a_narrow_row_is_reported_on_rk2118_with_2_3_x():
    """openWakeWord's timer head (the pretrained set): Flatten -> Gemm 3264 -> 128 -> Relu -> Gemm 128 -> 128 -> ...
    was killed by SIGABRT (glibc heap corruption found in RKNNFlatcModelBuildPass) with 2.3.0 and 2.3.2 on rk2118
    float16; measured on small models: a Gemm / MatMul on a [1, K] row from the input or behind another Linear
    crashed there for K = 16 to 256, built for K = 257, over 4 rows, behind a Conv (mtcnn-rnet's tail) and on a
    Flatten of a 4 x 4 map (folded into one Conv); with 2.5.0 and on the six other families it built."""
    make, near = SCRIPT.MODELS["row-gemm-narrow"]
    for version in ("2.3.0", "2.3.2"):
        [f] = _rkn709(make(), version, target="rk2118")
        assert f.location.node_name == "fc" and f.data["pattern"] == "row-gemm-narrow"
        assert "SIGABRT" in f.message and "256" in f.hint
        for name in ("k16", "k256-n4", "matmul", "timer-mlp"):
            assert [g.location.node_name for g in _rkn709(near[name](), version, target="rk2118")] == ["fc"], name
        for name in ("k257", "matmul-rows4", "conv-front", "flatten-4x4", "conv-gap-32x32"):
            assert _rkn709(near[name](), version, target="rk2118") == [] and CP.find(near[name]()) == [], name
        for family in ("rk3588", "rk3576", "rk3566", "rk3562", "rv1106"):
            assert _rkn709(make(), version, target=family) == [], family
    assert _rkn709(make(), "2.5.0", target="rk2118") == []


def test_a_reduction_of_a_narrow_row_is_reported_on_rk2118_with_2_3_x():
    """Unseen set 13's L2CS-Net-lite (the expectation over 90 gaze bins: Gemm -> Softmax -> Mul by the bin indices ->
    ReduceSum) aborted in RKNNFlatcModelBuildPass with 2.3.2 on rk2118 float16 and nothing predicted it; `rknnlint
    build --reduce` cut it to the ReduceSum alone. Small models: a ReduceSum / ReduceMean over all K features of a
    [1, K] row crashed there with 2.3.0 and 2.3.2 for K = 8 to 256 whatever made the row (the graph input, a Relu,
    L2CS's head, [1, K, 1, 1], an RMS norm), built for K = 257 and as a LayerNorm's mean, on the six other families
    and with 2.5.0; for K = 2 to 7 (row-reduce-few) 2.3.0 crashed and 2.3.2 built."""
    make, near = SCRIPT.MODELS["row-reduce"]
    for version in ("2.3.0", "2.3.2"):
        [f] = _rkn709(make(), version, target="rk2118")
        assert f.location.node_name == "reduce" and f.data["pattern"] == "row-reduce"
        assert "2.5.0" in f.hint
        for name in ("input", "k8", "k256", "reduce-mean", "keepdims-0", "rank4", "head", "rms"):
            assert [g.location.node_name for g in _rkn709(near[name](), version, target="rk2118")] == ["reduce"], name
        for name in ("k257", "layernorm"):
            assert _rkn709(near[name](), version, target="rk2118") == [] and CP.find(near[name]()) == [], name
        for family in ("rk3588", "rk3566", "rk3576", "rk3562", "rv1106", "rv1106b"):
            assert _rkn709(make(), version, target=family) == [], family
    assert _rkn709(make(), "2.5.0", target="rk2118") == []
    few, near_few = SCRIPT.MODELS["row-reduce-few"]
    assert [g.data["pattern"] for g in _rkn709(few(), "2.3.0", target="rk2118")] == ["row-reduce-few"]
    assert [g.data["pattern"] for g in _rkn709(near_few["k2"](), "2.3.0", target="rk2118")] == ["row-reduce-few"]
    assert _rkn709(few(), "2.3.2", target="rk2118") == [] and _rkn709(near_few["k2"](), "2.3.2", target="rk2118") == []


def test_a_gather_of_a_state_stack_from_the_input_is_reported_on_rk2118_with_2_3_x():
    """Unseen set 10's DTLN (states_in [4, 2, 1, 128] -> Gather(axis 0) per LSTM layer) aborted with 2.3.2 on rk2118
    float16; `rknnlint build --reduce` cut it to one Gather. Small models crashed there with 2.3.0 and 2.3.2 for C of 1
    or 2 and W of 16 or more, built for C = 4 and 8 (attention's q / k / v unpack), a 4 x 4 map, a stack a Reshape or
    a Transpose made, a Gather of axis 1, with 2.5.0 and on the other families."""
    make, near = SCRIPT.MODELS["state-stack-gather"]
    for version in ("2.3.0", "2.3.2"):
        [f] = _rkn709(make(), version, target="rk2118")
        assert f.location.node_name == "gather" and f.data["pattern"] == "state-stack-gather"
        assert "one input per layer" in f.hint
        for name in ("relu", "list-index", "n2", "c1", "h8", "w16"):
            assert [g.location.node_name for g in _rkn709(near[name](), version, target="rk2118")] == ["gather"], name
        for name in ("c4", "c8", "w4-h4", "reshape", "transpose", "axis1"):
            assert _rkn709(near[name](), version, target="rk2118") == [] and CP.find(near[name]()) == [], name
        assert _rkn709(make(), version, target="rk3588") == []
    assert _rkn709(make(), "2.5.0", target="rk2118") == []


def test_a_state_stack_gather_in_a_model_of_over_2_24_constant_elements_is_not_reported():
    """Unseen set 18's Whisper-like decoder unpacks its caches [2, 1, 24, 384] by Gather and built on rk2118 with
    2.3.2: beside a constant [384, 43691] (just over 2^24 elements) the unpack built, beside [384, 43690] it aborted."""
    _, near = SCRIPT.MODELS["state-stack-gather"]
    assert [f.location.node_name for f in _rkn709(near["whisper-caches"](), "2.3.2", target="rk2118")] == ["gather"]
    assert [f.location.node_name for f in _rkn709(near["beside-384x43690"](), "2.3.2", target="rk2118")] == ["gather"]
    assert _rkn709(near["beside-384x43691"](), "2.3.2", target="rk2118") == []


def test_a_long_kernel_inverse_stft_is_reported_where_it_overflowed():
    """Unseen set 14's Vocos-like vocoder (a 1-D ConvTranspose of kernel 256, stride 64 over 64 frames) stopped with
    'buffer overflow!' on rk2118 / rv1106b with 2.3.2 and on rk3588 with 2.5.0; over 16 frames it built, and a kernel
    of 128 failed only with 2.5.0 on rk3588."""
    make, near = SCRIPT.MODELS["convtranspose-1d-kernel-256"]
    for version, family in (("2.3.2", "rk2118"), ("2.3.2", "rv1106b"), ("2.3.0", "rk2118"), ("2.5.0", "rk3588")):
        [f] = _rkn709(make(), version, target=family)
        assert f.location.node_name == "istft" and f.data["pattern"] == "convtranspose-1d-kernel-256"
        assert "inverse STFT" in f.hint
        assert _rkn709(near["16-frames"](), version, target=family) == []
    assert _rkn709(make(), "2.3.2", target="rk3588") == [] and _rkn709(make(), "2.5.0", target="rk3566") == []
    k128, near128 = SCRIPT.MODELS["convtranspose-1d-kernel-128"]
    assert [g.data["pattern"] for g in _rkn709(k128(), "2.5.0", target="rk3588")] == ["convtranspose-1d-kernel-128"]
    assert _rkn709(k128(), "2.3.2", target="rk2118") == [] and _rkn709(near128["kernel-64"](), "2.5.0", target="rk3588") == []


def test_a_window_pad_of_a_channels_last_map_is_reported_on_rv1106b_with_2_3_x():
    """timm's DaViT-tiny at 112 px (unseen set 4) was killed by SIGSEGV in OpEmit with 2.3.2 on rv1106b int8; cut by hand
    to its last stage's window Pad: a [1, 4, 4, C] channels-last map padded at the end of H and W to the 7 x 7 window
    with the empty constant_value input torch writes. Measured on small models: after a Transpose(0, 2, 3, 1) or a
    Reshape of LayerNorm'd tokens it crashed there with 2.3.0 and 2.3.2 (computed pads, the Pad as the output, 768
    channels too); without the empty input, on a graph input already channels last, with zero pads, and into a
    downsample Conv it built; rv1106, rk2118 and 2.5.0 built all. The pattern names DaViT's stage-4 window Pad only."""
    make, near = SCRIPT.MODELS["pad-window-channels-last"]
    for version in ("2.3.0", "2.3.2"):
        [f] = _rkn709(make(), version, target="rv1106b")
        assert f.location.node_name == "pad" and f.data["pattern"] == "pad-window-channels-last"
        assert "SIGSEGV" in f.message and "empty third input" in f.hint
        for name in ("layernorm-tokens", "shape-pads", "768-channels"):
            assert [g.location.node_name for g in _rkn709(near[name](), version, target="rv1106b")] == ["pad"], name
        for name in ("no-empty-input", "channels-last-input", "zero-pads-7x7", "nchw-then-conv"):
            assert _rkn709(near[name](), version, target="rv1106b") == [] and CP.find(near[name]()) == [], name
        for family in ("rv1106", "rk2118"):
            assert _rkn709(make(), version, target=family) == [], family
    assert _rkn709(make(), "2.5.0", target="rv1106b") == []


def test_a_wide_linear_on_a_pooled_narrow_row_is_reported_on_rk2118_with_2_3_x():
    """Unseen set 5's PFLD landmark head (GlobalAveragePool -> Flatten rows, Concat [1, 176] -> Gemm 196) was killed by
    SIGABRT with 2.3.2 on rk2118 float16; small models: a Linear of N = 192 to 1000 on a pooled row of K = 16 to 256
    crashed there with 2.3.0 and 2.3.2, built for K = 512 and N = 10, with 2.5.0 and on rk3588."""
    make, near = SCRIPT.MODELS["pooled-row-gemm-wide"]
    for version in ("2.3.0", "2.3.2"):
        [f] = _rkn709(make(), version, target="rk2118")
        assert f.location.node_name == "fc" and f.data["pattern"] == "pooled-row-gemm-wide"
        for name in ("k16", "n192", "matmul", "concat-pfld"):
            assert [g.location.node_name for g in _rkn709(near[name](), version, target="rk2118")] == ["fc"], name
        for name in ("n10", "k512"):
            assert _rkn709(near[name](), version, target="rk2118") == [] and CP.find(near[name]()) == [], name
    assert _rkn709(make(), "2.3.2", target="rk3588") == []
    assert _rkn709(make(), "2.5.0", target="rk2118") == []


def test_a_wide_linear_on_a_pooled_row_normalized_channels_last_is_reported_on_rk2118_with_2_3_x():
    """Unseen set 8's ConvNeXt-zepto-RMS (torch dynamo) was killed by SIGSEGV with 2.3.2 on rk2118 float16 and nothing
    predicted it; `rknnlint build --reduce` (18 builds) cut it to the head Gemm 256 -> 1000 alone. Its head pools with a
    ReduceMean, normalizes channels last (Transpose, the norm, Transpose back) and Reshapes to [1, 256]: small models of
    that head crashed on rk2118 with 2.3.2 and 2.3.0 (a LayerNormalization op or no norm between the Transposes, a
    MatMul, K = 128, a 4 x 4 map too), built for K = 512, on the six other families and with 2.5.0. Over every held
    model only ConvNeXt-RMS has the pattern."""
    make, near = SCRIPT.MODELS["pooled-norm-row-gemm-wide"]
    for version in ("2.3.0", "2.3.2"):
        [f] = _rkn709(make(), version, target="rk2118")
        assert f.location.node_name == "fc" and f.data["pattern"] == "pooled-norm-row-gemm-wide"
        for name in ("layernorm-op", "transposes-only", "matmul", "k128", "map-4x4"):
            assert [g.location.node_name for g in _rkn709(near[name](), version, target="rk2118")] == ["fc"], name
        assert _rkn709(near["k512"](), version, target="rk2118") == [] and CP.find(near["k512"]()) == []
        assert [p for p, _ in CP.find(near["gap-flatten"]())] == ["pooled-row-gemm-wide"]
        for family in ("rk3588", "rk3566", "rv1106"):
            assert _rkn709(make(), version, target=family) == [], family
    assert _rkn709(make(), "2.5.0", target="rk2118") == []


def test_a_zero_pad_with_raw_pads_before_a_conv_is_reported_with_2_5_0_only():
    """calibration/issue_repros.py i328_pad_image_input (github.com/airockchip/rknn-toolkit2/issues/328): rknn-toolkit2
    2.5.0 failed in _p_fuse_pad_into_conv ('assignment destination is read-only') on every family where the pads are
    raw bytes; the same numbers in int64_data, a constant_value of 0.5, a Relu between and opset 10's attribute built."""
    make, near = SCRIPT.MODELS["pad-raw-pads-into-conv"]
    for target in ("rk3588", "rk3566", "rv1106"):
        [f] = _rkn709(make(), "2.5.0", target=target)
        assert f.location.node_name == "pad" and f.data["pattern"] == "pad-raw-pads-into-conv"
        assert "read-only" in f.message and "issues/328" in f.message and "int64_data" in f.hint
    for name in ("constant-node-pads", "no-value-input", "after-conv"):
        assert [g.location.node_name for g in _rkn709(near[name](), "2.5.0")] == ["pad"], name
    for name in ("typed-pads", "value-0.5", "relu-between", "pads-attribute-opset10"):
        assert _rkn709(near[name](), "2.5.0") == [] and CP.find(near[name]()) == [], name
    for version in ("2.3.2", "2.3.0", "2.2.0"):
        assert _rkn709(make(), version) == [] and _rkn709(make(), version, target="rv1106") == [], version


def test_a_partition_attention_on_a_rank4_token_grid_is_reported_on_rk3566_with_2_3_2():
    """Unseen set 7's MaxxViT-v2 (timm maxxvitv2_nano_rw_256 at 128 px) failed with 2.3.2 on rk3566 float16 ("inputs or
    'outputs' must be set!"); reduced (rknnlint build --reduce) to its qkv MatMul -> Add -> Reshape on the [64, 4, 4, 96]
    partition, then built small with the partition and attention around it: the grid and the window partition and a
    random bias failed on rk3566 and built on rk3588; tokens flattened to [P, 16, C], no bias Add and one partition
    built on both."""
    make, near = SCRIPT.MODELS["grid-tokens-qkv-reshape"]
    [f] = _rkn709(make(), "2.3.2", target="rk3566")
    assert f.location.node_name == "qkv_rs" and f.data["pattern"] == "grid-tokens-qkv-reshape"
    assert "must be set" in f.message and "Swin" in f.hint
    for name in ("window-partition", "bias-random"):
        assert [g.location.node_name for g in _rkn709(near[name](), "2.3.2", target="rk3566")] == ["qkv_rs"], name
    for name in ("tokens-rank3", "no-bias-add", "one-partition"):
        assert _rkn709(near[name](), "2.3.2", target="rk3566") == [], name
        assert "grid-tokens-qkv-reshape" not in {p for p, _ in CP.find(near[name]())}, name
    assert _rkn709(make(), "2.3.2", target="rk3588") == []


def test_a_window_unpartition_of_rank4_tokens_after_the_proj_is_reported_with_2_3_2():
    """Unseen set 10's MaxViT (timm maxvit_rmlp_pico_rw_256) failed with 2.3.2 on rk3588 and rv1106 int8 too, where
    grid-tokens-qkv-reshape built; reduced by cutting the model, then built small: the proj Linear (MatMul + Add) of
    [P, ws, ws, C] tokens followed by the window un-partition (Reshape [-1, n, n, ws, ws, C] -> Transpose (0, 1, 3, 2,
    4, 5)) failed on all seven families; no bias Add, tokens flattened to [P, ws * ws, C] (torchvision's Swin) and
    MaxxViT-v2's grid un-partition and one partition built. Not the torchvision / timm Swin layouts, nor
    grid-tokens-qkv-reshape's minimal model."""
    make, near = SCRIPT.MODELS["window-unpartition-grid-tokens"]
    for target in ("rk3588", "rk3566", "rk3576", "rk3562", "rk2118", "rv1106", "rv1106b"):
        [f] = _rkn709(make(), "2.3.2", target=target)
        assert f.location.node_name == "unpart_tp" and f.data["pattern"] == "window-unpartition-grid-tokens"
        assert "must be set" in f.message and "Swin" in f.hint
    assert ("window-unpartition-grid-tokens", "unpart_tp") in CP.find(near["maxvit-block-attention"]())
    for name in ("no-proj-bias", "flat-tokens", "grid-unpartition", "one-partition"):
        assert "window-unpartition-grid-tokens" not in {p for p, _ in CP.find(near[name]())}, name
        assert _rkn709(near[name](), "2.3.2") == [], name
    grid, _ = SCRIPT.MODELS["grid-tokens-qkv-reshape"]
    assert "window-unpartition-grid-tokens" not in {p for p, _ in CP.find(grid())}


def test_a_zero_qkv_bias_before_a_heads_split_is_reported_with_2_5_0():
    """grid-tokens-qkv-reshape's flattened-tokens neighbour failed with 2.5.0 on rk3566 and rk3588 in
    seperate_exmatmul_rs_split: a window attention whose qkv Linear adds an all-zero bias (timm's init) and is
    reshaped to [P, -1, heads, 3 * dh] -> Transpose -> Split; one window failed too, a random bias, no bias Add and
    timm's Attention layout (Reshape [P, N, 3, heads, dh], EdgeNeXt's XCA and MobileViT, which built whole) built, and
    2.3.2 built all five."""
    make, near = SCRIPT.MODELS["tokens-qkv-heads-split"]
    for target in ("rk3566", "rk3588"):
        [f] = _rkn709(make(), "2.5.0", target=target)
        assert f.location.node_name == "qkv_add" and f.data["pattern"] == "tokens-qkv-heads-split"
        assert [g.location.node_name for g in _rkn709(near["one-window"](), "2.5.0", target=target)] == ["qkv_add"]
        for name in ("bias-random", "no-bias-add", "qkv-rank5"):
            assert _rkn709(near[name](), "2.5.0", target=target) == [] and CP.find(near[name]()) == [], name
        assert _rkn709(make(), "2.3.2", target=target) == []


def test_a_dilated_3x3_conv_of_rate_16_to_23_is_reported_on_rk2118():
    """Unseen set 6's DeepLabV3+ (ASPP rates 6 / 12 / 18 over an 8 x 16 map of 160 channels) was killed by SIGABRT in
    OpEmit on rk2118 float16 with 2.3.2, reduced to its rate-18 Conv; measured on small models the 3x3 Conv with
    dilation 16 to 20 or 23 crashed there with 2.3.0, 2.3.2 and 2.5.0 (also over 64 x 64), and built with dilation 12, 15, 21
    and 24, depthwise, and on rk3588, rk3566, rk3562, rk3576 and rv1106."""
    make, near = SCRIPT.MODELS["dilated-conv-16-23"]
    for version in ("2.3.0", "2.3.2", "2.5.0"):
        [f] = _rkn709(make(), version, target="rk2118")
        assert f.location.node_name == "conv" and f.data["pattern"] == "dilated-conv-16-23"
        assert "SIGABRT" in f.message
        assert [g.location.node_name for g in _rkn709(near["dilation-16-64x64"](), version, target="rk2118")] == ["conv"]
        for name in ("dilation-12", "dilation-15", "dilation-21", "dilation-24", "depthwise"):
            assert _rkn709(near[name](), version, target="rk2118") == [], (version, name)
        for family in ("rk3588", "rk3566", "rk3562", "rk3576", "rv1106"):
            assert _rkn709(make(), version, target=family) == [], (version, family)


def test_rel_logits_behind_a_zero_weight_conv_are_dropped_before_the_failing_pass():
    """HaloNet-26t (unseen set 6, dynamo, random weights) built with 2.5.0 on rk3566 although its relative position
    logits match rel-logits-expand-transpose: each attention block ends in timm's zero_init_last Conv, whose all-zero
    weight the toolkit folds, dropping the branch before fuse_ops (cut out of the model: the block up to its residual
    Add built, up to the Conv in front failed). Measured on the pattern's model in a residual block: a random weight
    failed, an all-zero initializer built, the same zeros read through an Identity (torch.onnx's shared weights, as
    BoTNet-26t's, which failed) failed."""
    _, near = SCRIPT.MODELS["rel-logits-expand-transpose"]
    for name in ("conv-tail", "zero-conv-identity-tail"):
        [f] = _rkn709(near[name](), "2.5.0", target="rk3566")
        assert f.location.node_name == "tp" and f.data["pattern"] == "rel-logits-expand-transpose", name
    assert _rkn709(near["zero-conv-tail"](), "2.5.0", target="rk3566") == []
    assert CP.find(near["zero-conv-tail"]()) == []


def test_a_training_mode_batchnorm_is_reported_with_2_3_x_and_2_5_0():
    """timm's StdConv2d standardises its weight with F.batch_norm(training=True): torch writes a BatchNormalization
    with training_mode=1 and the running mean / variance outputs from opset 14 (the hybrid ViT's BiT stem, unseen set
    8; ECA-NFNet-L0, unseen set 5): 'is in Training mode, which is not supperted' on every family with 2.3.2 and
    2.5.0; the inference-mode BatchNormalization (one output) builds."""
    m = SCRIPT.batchnorm_stats("weights-training-mode")
    for version in ("2.3.2", "2.5.0"):
        for target in ("rk3588", "rk3566", "rv1106"):
            [f] = _rkn709(m, version, target=target)
            assert f.location.node_name == "bn" and f.data["pattern"] == "batchnorm-statistics-outputs"
            assert f.severity.name == "ERROR"
    assert _rkn709(SCRIPT.batchnorm_stats("inference"), "2.3.2") == []


def test_a_constant_of_shape_without_its_value_is_reported_and_one_with_a_value_is_not():
    """torch dynamo writes F.max_unpool2d's zeros as a ConstantOfShape with no value attribute (ENet, unseen set 8):
    load_onnx fails with "'numpy.ndarray' object has no attribute 'data_type'" on every family with 2.3.2 and 2.5.0,
    whether the shape is constant or computed; the same node with value = float 0 written out builds."""
    for version in ("2.3.2", "2.5.0"):
        [f] = _rkn709(SCRIPT.constant_of_shape(), version)
        assert f.location.node_name == "zeros" and f.data["pattern"] == "constant-of-shape-default-value"
        assert "data_type" in f.message and "value attribute" in f.hint
        assert [g.location.node_name for g in _rkn709(SCRIPT.constant_of_shape(shape="computed"), version,
                                                      target="rk3566")] == ["zeros"]
    assert _rkn709(SCRIPT.constant_of_shape(0.0), "2.3.2") == []
    assert _rkn709(SCRIPT.constant_of_shape(0.0, "computed"), "2.5.0") == []
def test_a_depthwise_7x7_over_1024_channels_of_a_4x4_map_is_reported_on_rv1106b():
    """Unseen set 7's ConvFormer-S18 at 128 px was killed by SIGABRT on rv1106b int8 with 2.3.2, reduced to its last
    stage's depthwise 7x7 Conv over [1, 1024, 4, 4]; measured on small models it crashed there with 2.3.0, 2.3.2 and
    2.5.0 (2048 channels and a 9x9 kernel too), built with 768 / 960 channels, on 2 x 2, 5 x 5 and 4 x 8 maps, with a
    5x5 kernel, and on the six other families."""
    make, near = SCRIPT.MODELS["depthwise-7x7-small-map-wide"]
    for version in ("2.3.0", "2.3.2", "2.5.0"):
        [f] = _rkn709(make(), version, target="rv1106b")
        assert f.location.node_name == "dwconv" and f.data["pattern"] == "depthwise-7x7-small-map-wide"
        assert "SIGABRT" in f.message
        for family in ("rk3588", "rk3566", "rk3562", "rk3576", "rk2118", "rv1106"):
            assert _rkn709(make(), version, target=family) == [], (version, family)
    for name in ("2048-channels", "9x9-kernel"):
        assert [g.location.node_name for g in _rkn709(near[name](), "2.3.2", target="rv1106b")] == ["dwconv"], name
    for name in ("768-channels", "960-channels", "5x5-map", "2x2-map", "4x8-map", "5x5-kernel"):
        assert _rkn709(near[name](), "2.3.2", target="rv1106b") == [] and CP.find(near[name]()) == [], name


def test_sams_unsqueezed_rel_pos_logits_added_rank_5_are_reported_with_2_2_0_and_2_3_0():
    """Unseen set 8's SAM ViT-B (timm add_decomposed_rel_pos) failed in build with 2.3.0 on rk3588, reduced to the Add
    of its height and width logits [B, H, W, K] Unsqueezed at 4 and 3: that Add alone failed with 2.3.0 on all seven
    families (12 heads on 16 x 16, 48 windows x heads on 8 x 8, the operands either way round), with 2.2.0 on the five it supports,
    and built with 2.3.2 and 2.5.0; logits
    of two shapes (16 x 8), rank-5 inputs and the sum one rank lower built. SAM's K is unknown to onnx's inference
    (gathered by computed indices): the match reads the folded shapes."""
    make, near = SCRIPT.MODELS["rel-pos-unsqueeze-add-5d"]
    for target in ("rk3588", "rk3566", "rv1106"):
        [f] = _rkn709(make(), "2.3.0", target=target)
        assert f.location.node_name == "add_rel" and f.data["pattern"] == "rel-pos-unsqueeze-add-5d"
        assert f.severity.name == "ERROR" and "one rank lower" in f.hint
        assert [g.location.node_name for g in _rkn709(near["width-first"](), "2.3.0", target=target)] == ["add_rel"]
    assert [g.location.node_name for g in _rkn709(make(), "2.2.0", target="rk3566")] == ["add_rel"]
    for version in ("2.3.2", "2.5.0"):
        assert _rkn709(make(), version) == [] and _rkn709(near["8x8-windows"](), version) == []
    for name in ("16x8-logits", "8x16-logits", "rank5-inputs", "rank4-sum"):
        assert _rkn709(near[name](), "2.3.0") == [] and CP.find(near[name]()) == [], name
    # K computed from Shape nodes (SAM's gathered tables): unknown to onnx's inference, folded by the toolkit
    x = helper.make_tensor_value_info("q", onnx.TensorProto.FLOAT, [12, 16, 16, 64])
    tab = numpy_helper.from_array(np.ones((31, 64), F), "tab")
    nodes = [helper.make_node("Shape", ["q"], ["s"]), helper.make_node("Gather", ["s", "one"], ["h"], axis=0),
             helper.make_node("Range", ["zero", "h", "one"], ["r"]),
             helper.make_node("Unsqueeze", ["r", "ax1"], ["rc"]), helper.make_node("Unsqueeze", ["r", "ax0"], ["rr"]),
             helper.make_node("Sub", ["rc", "rr"], ["d"]), helper.make_node("Add", ["d", "off"], ["idx"]),
             helper.make_node("Gather", ["tab", "idx"], ["R"], axis=0),
             helper.make_node("Einsum", ["q", "R"], ["lh"], equation="bhwc,hkc->bhwk"),
             helper.make_node("Einsum", ["q", "R"], ["lw"], equation="bhwc,wkc->bhwk"),
             helper.make_node("Unsqueeze", ["lh", "ax4"], ["uh"]), helper.make_node("Unsqueeze", ["lw", "ax3"], ["uw"]),
             helper.make_node("Add", ["uh", "uw"], ["y"], name="add_rel")]
    inits = [tab, *(numpy_helper.from_array(np.array(v, np.int64), n) for n, v in
                    (("one", 1), ("zero", 0), ("off", 15), ("ax0", [0]), ("ax1", [1]), ("ax3", [3]), ("ax4", [4])))]
    g = helper.make_graph(nodes, "g", [x], [helper.make_tensor_value_info("y", onnx.TensorProto.FLOAT, None)], inits)
    m = helper.make_model(g, opset_imports=[helper.make_opsetid("", 17)])
    [f] = _rkn709(m, "2.3.0")
    assert f.location.node_name == "add_rel"
def test_a_log_softmax_with_a_negative_axis_after_a_transpose_is_reported():
    """Unseen set 9's QuartzNet (a CTC head: Conv1d -> Transpose(0, 2, 1) -> LogSoftmax(axis=-1)) failed with 2.3.2 on
    rk3588 and rk3566 in _swap_transpose_softmax ('-1 is not in list'); measured on small models it failed on all
    seven families with 2.2.0 to 2.5.0, rank 4, axis -2 and no axis at opset 13 (default -1) too, and built with the axis
    written positive, with Softmax, with no Transpose in front, with the Transpose also a graph output and with no axis
    at opset 12 (default 1)."""
    make, near = SCRIPT.MODELS["transpose-softmax-negative-axis"]
    for version in ("2.2.0", "2.3.0", "2.5.0"):
        assert [g.location.node_name for g in _rkn709(make(), version, target="rv1106")] == ["softmax"], version
    for family in ("rk3588", "rk3566", "rk3562", "rk3576", "rk2118", "rv1106", "rv1106b"):
        [f] = _rkn709(make(), "2.3.2", target=family)
        assert f.location.node_name == "softmax" and f.data["pattern"] == "transpose-softmax-negative-axis"
        assert "-1 is not in list" in f.message and "positive" in f.hint
    for name in ("rank4", "input-fed", "axis-minus-2", "opset12", "default-axis"):
        assert [g.location.node_name for g in _rkn709(near[name](), "2.3.2")] == ["softmax"], name
    for name in ("positive-axis", "softmax", "softmax-positive-axis", "rank4-positive-axis", "axis-1", "no-transpose",
                 "transpose-also-output", "default-axis-opset12"):
        assert _rkn709(near[name](), "2.3.2") == [] and CP.find(near[name]()) == [], name


def test_attention_whose_values_are_its_keys_is_reported_and_one_with_its_own_values_is_not():
    """Softmax(q @ k^T) @ k, the first placement_sweep `relpos` models: killed by SIGSEGV in RKNNSubgraphManager with
    2.3.0 and 2.3.2 on the families that fuse it into one SDPA layer (rk3588 among them), built with 2.5.0 and on rk3566;
    k re-laid out by a Reshape before it is read as the value is the same data. Values of their own built everywhere."""
    make, near = SCRIPT.MODELS["attention-values-are-keys"]
    unscaled, near_unscaled = SCRIPT.MODELS["attention-values-are-keys-unscaled"]
    for model, pid in ((make(), "attention-values-are-keys"), (near["reshaped-keys"](), "attention-values-are-keys"),
                       (unscaled(), "attention-values-are-keys-unscaled")):
        [f] = _rkn709(model, "2.3.2")
        assert f.location.node_name == "qk" and f.data["pattern"] == pid
        assert f.severity.name == "ERROR" and "RKNNSubgraphManager" in f.message and "own" in f.hint
    assert _rkn709(make(), "2.5.0") == [] and _rkn709(make(), "2.3.2", target="rk3566") == []
    assert _rkn709(make(), "2.2.0") == [] and len(_rkn709(unscaled(), "2.2.0")) == 1  # 2.2.0 fuses the bare form only
    for m in (near["own-values"](), near_unscaled["own-values"]()):
        assert _rkn709(m, "2.3.2") == [] and CP.find(m) == []


def test_an_image_added_to_a_conv_stack_of_it_is_reported_where_the_first_conv_pass_crashed():
    """Restormer-lite's x + f(x) (unseen set 10): a residual Add of the graph input and the last Conv of a stack that
    starts with a Conv of that input was killed by SIGSEGV in RKNNAddFirstConv with 2.3.2 on rk3562, rv1106 and
    rv1106b from three channels, on rv1106 alone at two; a Sub, x + Conv(x) and a Relu before the first Conv built."""
    make, near = SCRIPT.MODELS["input-residual-first-conv"]
    for family in ("rk3562", "rv1106", "rv1106b"):
        [f] = _rkn709(make(), "2.3.2", target=family)
        assert f.location.node_name == "res" and f.data["pattern"] == "input-residual-first-conv"
        assert "RKNNAddFirstConv" in f.message
    for family in ("rk3588", "rk3566", "rk3576", "rk2118"):
        assert _rkn709(make(), "2.3.2", target=family) == [], family
    two, _ = SCRIPT.MODELS["input-residual-first-conv-2-channels"]
    assert [f.data["pattern"] for f in _rkn709(two(), "2.3.2", target="rv1106")] == [
        "input-residual-first-conv-2-channels"]
    assert _rkn709(two(), "2.3.2", target="rk3562") == []
    for name in ("sub", "one-conv", "relu-reads-input"):
        assert [p for p, _ in CP.find(near[name]()) if p.startswith("input-residual-first")] == [], name


def test_a_computed_weight_over_a_constant_map_is_reported_where_its_channels_change():
    """StyleGAN2's modulated weight over a constant map: _p_convert_dynamic_weight_conv_to_static_weight failed to
    broadcast with 2.3.2 on all seven families (and 2.5.0) where Cout != Cin; Cin = Cout and a map fed as a graph
    input built."""
    make, near = SCRIPT.MODELS["computed-weight-conv-const-map"]
    for version in ("2.3.2", "2.5.0"):
        [f] = _rkn709(make(), version)
        assert f.location.node_name == "conv" and "broadcast" in f.message
    assert [n for _, n in CP.find(near["1x1"]())] == ["conv"]
    for name in ("cout-16", "cin-32", "map-input"):
        assert CP.find(near[name]()) == [], name


def test_an_empty_computed_mask_piece_is_reported_unless_a_concat_drops_it():
    """torchvision's Swin3D at 8 frames writes its shifted-window mask with ScatterND updates of shape (0, 21, 21):
    the toolkit's shape check refuses the empty ConstantOfShape output ('is abnormal!', 2.3.2); the same piece
    concatenated, and a one-row slice, built."""
    make, near = SCRIPT.MODELS["constant-of-shape-empty"]
    got = _rkn709(make(), "2.3.2")
    assert sorted(f.location.node_name for f in got) == ["idx", "updates"] and "abnormal" in got[0].message
    for name in ("one-row", "concat-reader"):
        assert CP.find(near[name]()) == [], name


def test_an_exp_of_a_long_cumsum_is_reported_in_int8_builds_only():
    """Mamba2's SSD decay: CumSum over 64 steps -> segment sums -> masked_fill -> Exp failed every int8 build in the
    quantizer (NaN scale, 2.3.2) and built in float16 and with 2.5.0; 32 steps, the segment sums without the Exp and
    the CumSum -> Exp alone built."""
    make, near = SCRIPT.MODELS["segment-sum-exp"]
    [f] = _rkn709(make(), "2.3.2", dtype="int8")
    assert f.location.node_name == "exp" and "NaN" in f.message
    assert [n for _, n in CP.find(near["inf-fill"]())] == ["exp"]
    assert _rkn709(make(), "2.3.2") == [] and _rkn709(make(), "2.5.0", dtype="int8") == []
    for name in ("32-steps", "no-exp", "cumsum-exp"):
        assert CP.find(near[name]()) == [], name


def test_dynamo_token_concat_of_nhwc_patches_is_reported_unless_a_layernorm_reads_it():
    """Sapiens2's embedding (Transpose -> Reshape patches after a class and 8 register tokens) failed in fold_constant
    with 2.3.2 where the toolkit swapped the Transpose behind the Concat; a LayerNormalization reader (DINOv3), one
    token and an N = C grid (no swap: it failed another way on rv1106 / rv1106b, KeyError 'r_rs') leave the pattern."""
    make, near = SCRIPT.MODELS["tokens-concat-nhwc-patches"]
    [f] = _rkn709(make(), "2.3.2")
    assert f.location.node_name == "cat" and "Inferred" in f.message
    assert _rkn709(make(), "2.3.2", target="rk3566") == [] and _rkn709(make(), "2.5.0") == []
    for name in ("layernorm-reader", "one-token"):
        assert CP.find(near[name]()) == [], name
    assert CP.find(SCRIPT.token_concat_nhwc(h=8, w=8)) == []


def test_a_global_max_pool_read_by_a_conv_is_reported_on_rk2118_with_2_3_x():
    """Unseen set 12's CBAM / CoordAtt detector was killed on rk2118 float16 with 2.3.2 (13 GB in OpEmit): its
    channel attention max-pools the whole map and a 1x1 Conv (the shared MLP) reads the vector. Measured on small
    models: a GlobalMaxPool, a MaxPool whose window is the map and a ReduceMax over H and W read by a Conv (also
    through a Relu) or a Flatten -> Gemm crashed with 2.3.2 and 2.3.0, built with 2.5.0 and on every other family;
    the pooled vector as the graph output, gating the map (Sigmoid -> Mul) or added to the average-pooled one first
    built."""
    make, near = SCRIPT.MODELS["global-max-pool-read-by-conv"]
    for version in ("2.3.0", "2.3.2"):
        [f] = _rkn709(make(), version, target="rk2118")
        assert f.location.node_name == "pool" and f.data["pattern"] == "global-max-pool-read-by-conv"
        for name in ("maxpool-window-52x52", "reduce-max-hw", "relu-conv", "flatten-gemm"):
            assert [g.location.node_name for g in _rkn709(near[name](), version, target="rk2118")] == ["pool"], name
        assert _rkn709(make(), version, target="rk3588") == []
    for name in ("graph-output", "sigmoid-mul", "add-avg-then-conv"):
        assert CP.find(near[name]()) == [], name
    assert _rkn709(make(), "2.5.0", target="rk2118") == []


def test_a_stride_1_max_pool_window_over_the_map_is_reported_on_rk2118_over_32768_elements():
    """Unseen set 12's YOLOP-lite was killed on rk2118 float16 with 2.3.2 (19 GB, REGTASK 'bit width of field value
    exceeds the limit'): its SPP k = 13 MaxPool over [1, 256, 12, 20], a window longer than the map's height, which the
    toolkit rewrites into tiled global max pools. Measured: [256, 9, 16] (36864 elements) failed, [256, 8, 16] (32768),
    [128, 12, 20] and a window within the map ([256, 16, 16]) built; 2.3.0 built it."""
    make, near = SCRIPT.MODELS["max-pool-window-over-map"]
    [f] = _rkn709(make(), "2.3.2", target="rk2118")
    assert f.location.node_name == "pool" and f.data["pattern"] == "max-pool-window-over-map"
    for name in ("32768-elements", "128-channels-12x20", "window-fits-16x16"):
        assert CP.find(near[name]()) == [], name
    assert _rkn709(make(), "2.3.2", target="rk3588") == []
    assert _rkn709(make(), "2.3.0", target="rk2118") == []


def test_a_rank6_where_of_a_window_gather_is_reported_where_it_crashed():
    """torch.export's adaptive average pool of a size that does not divide the map (unseen set 15's SparseInst, 20 ->
    3): GatherND of the windows, a Transpose to [1, C, o, k, o, k] and a Where that masks the positions past each
    window crashed the build on every family measured with 2.3.2; without the Where it built on rk3588 / rk3576 /
    rv1106b (aborted on the others: not a pattern), and the masking at rank 5 built but on rv1106."""
    make, near = SCRIPT.MODELS["where-rank6"]
    for family in ("rk3588", "rk3566", "rv1106", "rk2118"):
        found = _rkn709(make(), "2.3.2", target=family)
        assert [f.location.node_name for f in found] == ["masked_fill_0", "masked_fill_1"], family
        assert found[0].data["pattern"] == "where-rank6" and "adaptive average pool" in found[0].message
    assert _rkn709(SCRIPT.window_gather(wheres=0), "2.3.2") == []
    assert _rkn709(SCRIPT.window_gather(form="rank5"), "2.3.2") == []
    assert [f.location.node_name for f in _rkn709(near["reshape"](), "2.3.2", target="rk3588")] == ["masked_fill_0", "masked_fill_1"]


def test_a_bidirectional_gru_over_a_batch_is_reported_where_it_crashed():
    """GTCRN's intra-frame GRUs (unseen set 15) run over 63 frames as the batch: a bidirectional GRU with batch > 1
    aborted 2.3.0 ('GRU: Not support batch_size(63) > 1, when direcions > 1') on rk3588 / rk3566 and 2.2.0 on rk3588,
    and built with 2.3.2 and 2.5.0; batch 1 built everywhere, the one-way GRU over a batch everywhere but 2.2.0."""
    make, near = SCRIPT.MODELS["gru-bidirectional-batch"]
    for version, family in (("2.3.0", "rk3588"), ("2.3.0", "rk3566"), ("2.2.0", "rk3588")):
        found = _rkn709(make(), version, target=family)
        assert {f.location.node_name for f in found} == {"gru"}, (version, family)
        assert [f.data["pattern"] for f in found] == [
            "gru-batch" if version == "2.2.0" else "gru-bidirectional-batch"], (version, family)
    assert _rkn709(make(), "2.3.2") == [] and _rkn709(make(), "2.5.0") == []
    assert _rkn709(near["batch1"](), "2.3.0") == [] and _rkn709(near["forward"](), "2.3.0") == []
    assert [f.data["pattern"] for f in _rkn709(near["forward"](), "2.2.0")] == ["gru-batch"]


def test_an_elementwise_op_on_a_narrow_image_input_is_reported_on_rk2118_with_2_3_x():
    """Unseen set 15's colorization net ((L - 50) / 100 on the lightness [1, 1, 256, 256], then its Conv stack) was
    killed by SIGABRT in RKNNFlatcModelBuildPass with 2.3.2 on rk2118 float16; `rknnlint build --reduce` cut it to the
    Sub alone. Small models: any of Sub / Add / Mul / Div by a constant, Clip or Relu straight on a rank-4 input of
    one or two channels crashed there (16 x 16 to 256 x 256, scalar or per-channel constants, with or without a Conv
    after); three or four channels and a rank-3 [1, 1, L] input built, and so did every other family."""
    make, near = SCRIPT.MODELS["input-affine-narrow"]
    [f] = _rkn709(make(), "2.3.2", target="rk2118")
    assert f.location.node_name == "e0" and f.data["pattern"] == "input-affine-narrow"
    assert "SIGABRT" in f.message and "Conv" in f.hint
    for name in ("alone", "div-only", "clip", "relu", "2-channels", "16x16"):
        assert [g.location.node_name for g in _rkn709(near[name](), "2.3.2", target="rk2118")] == ["e0"], name
    for name in ("3-channels", "4-channels", "mul-rank3"):
        assert _rkn709(near[name](), "2.3.2", target="rk2118") == [] and \
            [p for p, _ in CP.find(near[name]()) if p == "input-affine-narrow"] == [], name
    for family in ("rk3588", "rk3566", "rk3576", "rk3562", "rv1106", "rv1106b"):
        assert _rkn709(make(), "2.3.2", target=family) == [], family


def test_a_hand_written_int64_mask_into_the_softmax_is_reported_on_rv1106():
    """placement_sweep's maskcast_bool (an int64 mask input Cast to bool, Unsqueezed, selecting scores or -1e4 in a
    Where read by the Softmax) was killed by SIGSEGV on rv1106 int8 with 2.3.2 and 2.5.0 at 16 to 128 tokens and with
    4 heads; the mask broadcast without an Unsqueeze, an Equal(mask, 0) mask and a float mask Cast to bool built,
    and every other family built the trigger."""
    make, near = SCRIPT.MODELS["mask-cast-where-softmax"]
    for version in ("2.3.2", "2.5.0"):
        [f] = _rkn709(make(), version, target="rv1106", dtype="int8")
        assert f.location.node_name == "masked" and f.data["pattern"] == "mask-cast-where-softmax"
        assert "SIGSEGV" in f.message and "float mask" in f.hint
    for name in ("16-tokens", "128-tokens", "4-heads"):
        assert [g.location.node_name for g in _rkn709(near[name](), "2.3.2", target="rv1106", dtype="int8")] == \
            ["masked"], name
    for name in ("no-unsqueeze", "equal-zero", "float-mask"):
        assert [p for p, _ in CP.find(near[name]()) if p == "mask-cast-where-softmax"] == [], name
    for family in ("rk3588", "rk3566", "rk3576", "rk3562", "rv1106b"):
        assert _rkn709(make(), "2.3.2", target=family, dtype="int8") == [], family


def test_an_embedding_of_an_odd_number_of_rows_is_reported_where_it_crashed():
    """Unseen set 16's RoBERTa (50265 x 768 token embedding) was killed on rv1106 int8 with 2.3.2; `rknnlint build
    --reduce` cut it to the Gather alone. An odd row count crashed there at any size (99 to 50265), an even one built
    (30522 to 50266); rk3588 built both, 2.5.0 built both."""
    make = SCRIPT.embedding_gather
    for rows in (50265, 49153, 99):
        [f] = _rkn709(make(rows, 64), "2.3.2", target="rv1106", dtype="int8")
        assert f.location.node_name == "embed" and f.data["pattern"] == "embedding-gather-odd-rows"
    assert "SIGSEGV" in f.message
    for rows in (50266, 49152, 30522):
        assert _rkn709(make(rows, 64), "2.3.2", target="rv1106", dtype="int8") == []
    assert _rkn709(make(50265, 64), "2.3.2", target="rk3588") == []
    assert _rkn709(make(50265, 64), "2.5.0", target="rv1106", dtype="int8") == []


def test_a_constant_minus_a_single_channel_input_is_reported_on_rk2118_like_the_input_minus_a_constant():
    """rockchip-linux/rknn-toolkit2 issue 56 as calibration/issue_repros2.py r56_mask_expand writes it: (1 - mask) *
    -1e4 of a [1, 1, 1, 32] mask input was killed by SIGABRT on rk2118 with 2.3.2 and 2.3.0; `rknnlint build --reduce`
    cut it to Sub(1, mask). The constant-first order is its own pattern (input-affine-narrow reads the input first);
    Div(1, mask), a Conv in front, three channels and a [1, 1, 1, 7] input built."""
    [f] = _rkn709(SCRIPT.mask_bias(), "2.3.2", target="rk2118")
    assert f.location.node_name == "invert" and f.data["pattern"] == "input-affine-narrow-const-first"
    assert "issues/56" in f.message and f.severity.name == "ERROR"
    assert _rkn709(SCRIPT.mask_bias(), "2.3.2", target="rk3588") == []
    assert _rkn709(SCRIPT.mask_bias(), "2.5.0", target="rk2118") == []
    for near in (SCRIPT.const_sub(op="Div"), SCRIPT.const_sub(second="conv"), SCRIPT.const_sub("second", shape=(1, 3, 1, 32)),
                 SCRIPT.const_sub("second", shape=(1, 1, 1, 7)), SCRIPT.mask_bias(mask_rank=2)):
        assert _rkn709(near, "2.3.2", target="rk2118") == []
    [f] = _rkn709(SCRIPT.const_sub("second"), "2.3.2", target="rk2118")
    assert f.data["pattern"] == "input-affine-narrow"


def test_a_gather_of_channels_read_by_a_conv_is_reported_for_2_3_0_and_the_same_gather_as_output_is_not():
    """rockchip-linux/rknn-toolkit2 issue 101 as calibration/issue_repros2.py r101_gather_channel_list writes it: Conv
    -> Gather(axis 1, [0, 2, 4]) -> Conv failed fold_constant with 2.3.0 on every family, whatever the index list; the
    Gather as the graph output built, and 2.3.2 / 2.5.0 built it."""
    [f] = _rkn709(SCRIPT.gather_then_conv(), "2.3.0", target="rv1106", dtype="int8")
    assert f.location.node_name == "pick" and f.data["pattern"] == "gather-channel-list-into-conv"
    assert _rkn709(SCRIPT.gather_then_conv((0, 1, 2)), "2.3.0") != []
    assert _rkn709(SCRIPT.gather_channels((0, 2, 4), hw=32), "2.3.0") == []
    assert _rkn709(SCRIPT.gather_then_conv(), "2.3.2") == [] and _rkn709(SCRIPT.gather_then_conv(), "2.5.0") == []


def test_a_clipped_mahalanobis_distance_is_reported_on_rk2118_and_its_unclipped_form_is_not():
    """Unseen set 17's PaDiM-lite was killed by SIGABRT on rk2118 with 2.3.2: the deltas [P, 1, D] MatMul by constant
    inverse covariances [P, D, D], Mul by the deltas, ReduceSum, then Clip (Relu and Sigmoid too); without the Clip,
    with a Sqrt after the sum, with one shared [D, D] matrix or without the ReduceSum it built, and every other family
    built the trigger."""
    make, near = SCRIPT.MODELS["mahalanobis-clip"]
    [f] = _rkn709(make(), "2.3.2", target="rk2118")
    assert f.location.node_name == "mm" and f.data["pattern"] == "mahalanobis-clip"
    assert "SIGABRT" in f.message and "drop the Clip" in f.hint
    for name in ("relu", "sigmoid", "input-front", "49-patches", "no-mul", "tokens-input"):
        assert [g.location.node_name for g in _rkn709(near[name](), "2.3.2", target="rk2118")] == ["mm"], name
    for name in ("no-clip", "sqrt", "shared-weight", "no-reduce", "no-matmul", "matmul-clip"):
        assert [p for p, _ in CP.find(near[name]()) if p == "mahalanobis-clip"] == [], name
    for family in ("rk3588", "rk3566", "rk3576", "rk3562", "rv1106b"):
        assert _rkn709(make(), "2.3.2", target=family) == [], family


def test_a_gram_matrix_of_points_another_node_reads_is_reported_for_2_3_0():
    """Unseen set 17's DGCNN was killed by SIGSEGV on rk3588 with 2.3.0: x^T @ x of the points x [1, 3, 1024] that a
    Pow also reads (the squared norms); the same Gram matrix with no other reader of x built with 2.3.0 (2.3.2 crashes
    it either way: matmul-self-transpose)."""
    make, near = SCRIPT.MODELS["matmul-self-transpose-shared-source"]
    [f] = _rkn709(make(), "2.3.0")
    assert f.location.node_name == "mm" and f.data["pattern"] == "matmul-self-transpose-shared-source"
    for name in ("square", "relu", "computed-source", "64-points"):
        assert [g.location.node_name for g in _rkn709(near[name](), "2.3.0")] == ["mm"], name
    for name in ("no-other-reader", "transpose-an-output"):
        assert _rkn709(near[name](), "2.3.0") == [], name
        assert [p for p, _ in CP.find(near[name]())] == ["matmul-self-transpose"], name
    # 2.3.2 was measured on rk3588 alone for this pattern; on rk2118 the Gram pattern measured there speaks
    [f] = _rkn709(make(), "2.3.2", target="rk2118")
    assert f.data["pattern"] == "matmul-self-transpose" and f.severity.name == "ERROR"


def test_a_rotated_box_decode_of_offsets_halved_by_a_div_is_not_reported():
    """The whole rotation of rknn_model_zoo issue 221 failed with 2.3.0 whatever computed the angle; with the offsets
    computed by a Div (ultralytics' (rb - lt) / 2, the YOLO11s / 12s / 26s-OBB exports that built) it built."""
    near = SCRIPT.MODELS["split-pair-mul"][1]
    for name in ("full-rotation", "levels-angle", "levels-sigmoid-angle"):
        assert {g.data["pattern"] for g in _rkn709(near[name](), "2.3.0")} == {"split-pair-mul"}, name
    for name in ("halved-offsets", "dfl-offsets", "dfl-softmax-input"):
        assert [p for p, _ in CP.find(near[name]()) if p == "split-pair-mul"] == [], name


def test_a_one_by_one_map_expanded_over_h_and_w_is_reported_on_rk2118_and_a_gate_or_one_axis_is_not():
    """Unseen set 18's FFDNet aborted on rk2118 with 2.3.2, and `rknnlint build --reduce` cut it to one Expand of the
    noise level [1, 1, 1, 1] to [1, 3, 150, 200]. The small models aborted for every [N, C, 1, 1] source Expanded over H
    and W, into a Concat and a Conv or as the output, and for a Mul by a ones map; along H alone, along W alone, over
    channels, or gating an image by a Mul (ECA) they built, and every other family built the trigger."""
    make, near = SCRIPT.MODELS["expand-input-map"]
    [f] = _rkn709(make(), "2.3.2", target="rk2118")
    assert f.location.node_name == "expand" and f.data["pattern"] == "expand-input-map"
    assert "SIGABRT" in f.message and "RKNNFlatcModelBuildPass" in f.message
    for name in ("small-map", "channel-source", "computed-source", "into-conv", "mul-by-ones", "tile", "two-step"):
        assert len(_rkn709(near[name](), "2.3.2", target="rk2118")) == 1, name
    for name in ("plane-source", "w-only", "h-only", "rank3-rows", "into-mul", "into-mul-computed"):
        assert [p for p, _ in CP.find(near[name]()) if p == "expand-input-map"] == [], name
    for family in ("rk3588", "rk3566", "rk3576", "rk3562", "rv1106", "rv1106b"):
        assert _rkn709(make(), "2.3.2", target=family) == [], family
    assert _rkn709(make(), "2.5.0", target="rk2118") == []


def test_an_spp_pool_over_a_short_map_of_odd_width_is_reported_on_rk2118_and_taller_or_even_maps_are_not():
    """Unseen set 18's YOLO11m-seg (320 x 480) and YOLOv9c (352 x 608) were killed on rk2118 with 2.3.2 after two
    million REGTASK lines: a node prefix cut it to the first SPP pool, k = 5 over [1, 256, 10, 15]. Small models: at most
    11 rows, an odd width and over 32768 elements overflowed; 12 rows or more, an even width or fewer elements built."""
    make, near = SCRIPT.MODELS["max-pool-odd-width"]
    [f] = _rkn709(make(), "2.3.2", target="rk2118")
    assert f.location.node_name == "pool" and f.data["pattern"] == "max-pool-odd-width"
    assert "REGTASK" in f.message and "12 rows or more" in f.hint
    for name in ("11x19", "9x15", "k3", "128-channels-10x31"):
        assert len(_rkn709(near[name](), "2.3.2", target="rk2118")) == 1, name
    for name in ("12x15", "16x17", "20x31", "10x16", "8x15-30720", "128-channels"):
        assert [p for p, _ in CP.find(near[name]()) if p == "max-pool-odd-width"] == [], name
    assert _rkn709(make(), "2.3.2", target="rk3588") == [] and len(_rkn709(make(), "2.5.0", target="rk2118")) == 1


def test_rotate_half_of_q_and_k_cut_from_one_qkv_is_reported_on_both_rotations_with_2_3_2_only():
    # unseen set 22's GPT-NeoX: q and k Sliced from one fused qkv tensor, each rotated by rotate-half, failed in
    # gather_to_conv with 2.3.2 on every family and built with 2.5.0 / 2.3.0; q and k of two inputs, q alone rotated,
    # or a Transpose between the Split and the rotation built (scripts/verify_crash_patterns.py rope_shared_qkv)
    make, neighbours = SCRIPT.MODELS["rope-halves-of-shared-qkv"]
    found = _rkn709(make(), "2.3.2", target="rk3562")
    assert sorted(f.location.node_name for f in found) == ["k_rotate_half", "q_rotate_half"]
    assert "gather_to_conv" in found[0].message
    assert _rkn709(make(), "2.5.0") == [] and _rkn709(make(), "2.3.0") == []
    for name in ("separate-inputs", "q-only", "transpose-after-split"):
        assert _rkn709(neighbours[name](), "2.3.2") == [], name
    assert len(_rkn709(neighbours["split"](), "2.3.2")) == 2



def test_a_single_kv_head_split_from_one_qkv_projection_is_no_mqa_repeat_crash():
    # unseen set 22's Falcon failed in swap_expand_transpose, but the kv head Split from a fused qkv projection and
    # repeated for the keys or the values built on rk3588 and rk3566 with 2.3.2 (scripts/verify_crash_patterns.py
    # mqa-repeat-kv-expand neighbours fused-qkv-split*): the pattern stays with a projection of its own
    _, neighbours = SCRIPT.MODELS["mqa-repeat-kv-expand"]
    for name in ("fused-qkv-split", "fused-qkv-split-values-8x32"):
        assert _rkn709(neighbours[name](), "2.3.2") == [], name
    assert _rkn709(neighbours["values"](), "2.3.2")


def test_einsum_projections_of_a_layernorm_into_an_einsum_attention_are_reported_with_2_3_2_only():
    # unseen set 22's XLNet: Einsum 'ibh,hnd->ibnd' projections of a LayerNorm output, an Einsum attention and the
    # next LayerNorm: fold_constant KeyError with 2.3.2 on every family; MatMul projections, no next LayerNorm or no
    # LayerNorm in front built (scripts/verify_crash_patterns.py seq_first_block)
    make, neighbours = SCRIPT.MODELS["einsum-attention-between-layernorms"]
    found = _rkn709(make(), "2.3.2", target="rk3576")
    assert sorted(f.location.node_name for f in found) == ["k_proj", "q_proj", "v_proj"]
    assert _rkn709(make(), "2.5.0") == [] and _rkn709(make(), "2.3.0") == []
    for name in ("matmul-projections", "no-next-layernorm", "input-front", "q-projection-only"):
        assert _rkn709(neighbours[name](), "2.3.2") == [], name


def test_positions_counted_from_a_seeded_mask_are_reported_for_int8_builds_only():
    # unseen set 23's OPT: positions CumSum(mask) * mask - 1 + 2 index a 514-row table; calibrated on the seeded
    # samples (integers 0 to 7) they pass it and the quantizer's onnxruntime run fails; float16 builds it, and so do a
    # 4096-row table, 8 tokens, the CumSum alone and a mask made 0 / 1 by a compare (scripts/verify_crash_patterns.py
    # seeded_positions_gather)
    make, neighbours = SCRIPT.MODELS["positions-cumsum-of-mask-seeded-int8"]
    [f] = _rkn709(make(), "2.3.2", target="rv1106", dtype="int8")
    assert f.location.node_name == "embed_positions" and f.severity.name == "ERROR"
    assert _rkn709(make(), "2.3.2", target="rk3588", dtype="int8")
    assert _rkn709(make(), "2.3.2") == []  # float16
    for name in ("table-4096", "8-tokens", "cumsum-only", "mask-compare"):
        assert _rkn709(neighbours[name](), "2.3.2", target="rv1106", dtype="int8") == [], name
def test_repeat_kv_of_a_fused_qkv_split_is_reported_on_the_keys_with_2_3_2_only():
    # unseen set 22's Falcon (one fused qkv tensor Split into q, one key head, one value head; both heads Unsqueezed,
    # Expanded over the heads and Reshaped) failed in swap_expand_transpose with 2.3.2 on every family and built with
    # 2.5.0; cut by Slices, or with the values read by nothing (the toolkit cuts such a Split into Slices) it built
    # (scripts/verify_crash_patterns.py mqa_expanded_keys)
    make, neighbours = SCRIPT.MODELS["mqa-repeat-kv-expand-split"]
    [f] = _rkn709(make(), "2.3.2", target="rv1106", dtype="int8")
    assert f.location.node_name == "k_expand" and f.data["pattern"] == "mqa-repeat-kv-expand-split"
    assert "swap_expand_transpose" in f.message
    assert _rkn709(make(), "2.5.0") == []
    for name in ("slice-cut", "values-unread"):
        assert _rkn709(neighbours[name](), "2.3.2") == [], name
    assert [f.location.node_name for f in _rkn709(neighbours["two-key-heads"](), "2.3.2")] == ["k_expand"]


def test_an_attention_whose_output_nothing_reads_is_reported_with_2_5_0_only():
    # q @ k^T -> Softmax -> @ v, nothing between the first MatMul and the Softmax, rank 4, batch 1, the last MatMul a
    # graph output read by nothing: 2.5.0 failed in fuse_exmatmul_add_mul_exsoftmax13_exmatmul_to_sdpa (IndexError) on
    # rk3588, rk3576, rk3562 and rv1106 and built on rk3566, rk2118 and rv1106b, 2.3.2 built it; a scale, a mask, an
    # Add or a Transpose after it, a batch of 2 or rank 3 built (scripts/verify_crash_patterns.py attention_as_output)
    make, neighbours = SCRIPT.MODELS["attention-output-unread"]
    [f] = _rkn709(make(), "2.5.0", target="rk3576")
    assert f.location.node_name == "av" and "fuse_exmatmul_add_mul_exsoftmax13_exmatmul_to_sdpa" in f.message
    assert _rkn709(make(), "2.3.2") == [] and _rkn709(make(), "2.5.0", target="rk3566") == []
    for name in ("then-add", "then-transpose", "batch-2", "rank-3", "scaled", "masked"):
        assert _rkn709(neighbours[name](), "2.5.0") == [], name
    assert len(_rkn709(neighbours["one-head-16"](), "2.5.0", target="rv1106", dtype="int8")) == 1


def test_a_zero_bias_fused_qkv_cut_by_three_slices_is_reported_with_2_5_0():
    # unseen set 22's GPT-NeoX (transformers' all-zero qkv bias Added first, Reshape [1, T, heads, 3 dh], Transpose,
    # three Slices) failed in seperate_exmatmul_rs_split with 2.5.0 on every family; a trained bias, the bias Added
    # second, or one Slice of the heads built (scripts/verify_crash_patterns.py qkv_three_slices)
    make, neighbours = SCRIPT.MODELS["qkv-heads-three-slices"]
    [f] = _rkn709(make(), "2.5.0", target="rk2118")
    assert f.location.node_name == "qkv_bias" and "seperate_exmatmul_rs_split" in f.message
    for name in ("trained-bias", "bias-second", "one-slice"):
        assert _rkn709(neighbours[name](), "2.5.0") == [], name
