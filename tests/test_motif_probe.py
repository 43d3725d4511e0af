"""`rknnlint probe --motifs` (rknnlint/probe/_motifs.py): a motif mined from a model is rebuilt as a minimal model that
has the same motif key; its real build gives each node's placement; the probed table feeds the matcher (RKN601), the
input motifs (RKN611) and the measured-crash rule (RKN709)."""
from __future__ import annotations

import json

import numpy as np
import pytest
import yaml
from onnx import helper

from conftest import conv_weight, findings, init, make_model, run_cli
from rknnlint import motifs
from rknnlint.graph import ModelView
from rknnlint.probe import _motifs as PM


def _shuffle(c: int = 16, hw: int = 8):
    """Conv -> Reshape(1, 2, c/2, h, w) -> Transpose(0, 2, 1, 3, 4) -> Reshape(1, c, h, w) -> Conv: a channel shuffle."""
    nodes = [helper.make_node("Conv", ["x", "w1"], ["a"], name="conv1", pads=[1, 1, 1, 1]),
             helper.make_node("Reshape", ["a", "s5"], ["b"], name="rs1"),
             helper.make_node("Transpose", ["b"], ["t"], name="tr", perm=[0, 2, 1, 3, 4]),
             helper.make_node("Reshape", ["t", "s4"], ["d"], name="rs2"),
             helper.make_node("Conv", ["d", "w2"], ["y"], name="conv2")]
    return make_model(nodes, [("x", [1, 3, hw, hw])], [("y", [1, c, hw, hw])],
                      [init("w1", conv_weight(c, 3)), init("w2", conv_weight(c, c, 1)),
                       init("s5", np.array([1, 2, c // 2, hw, hw], np.int64)),
                       init("s4", np.array([1, c, hw, hw], np.int64))])


def _spec(model, first="rs1"):
    view = ModelView(model)
    ref = next(r for r in view.main_nodes if r.name == first)
    spec = PM.spec_of(view, motifs.run_of(view, ref))
    spec["id"] = "t0"
    return spec


def test_a_mined_motif_is_rebuilt_with_the_same_key():
    spec = _spec(_shuffle())
    assert spec["key"] == "conv>Reshape4>5:a8>Transpose5:02134:a8>Reshape5>4>conv"
    assert spec["x"] == [1, 16, 8, 8] and [n["op"] for n in spec["nodes"]] == ["Reshape", "Transpose", "Reshape"]
    assert spec["nodes"][0]["consts"]["1"] == {"int": [1, 2, 8, 8, 8]}  # shapes by value
    case = PM.motif_case(spec)
    view = ModelView(case.model)
    run = motifs.run_of(view, next(r for r in view.main_nodes if r.name == "motif0"))
    assert [r.name for r in run] == ["motif0", "motif1", "motif2"]
    assert motifs.chain_key(view, run) == spec["key"]
    assert case.op == PM.MOTIF_OP and case.variant == "t0" and set(case.feeds) == {"x"}


def test_a_spec_whose_model_would_measure_another_motif_is_skipped():
    spec = _spec(_shuffle())
    assert PM.motif_case({**spec, "key": spec["key"].replace(">conv", ">elt", 1)}) is None  # key mismatch
    assert PM.motif_case({**spec, "before": "gridsample"}) is None  # no generator for that neighbour


def test_input_motif_key_and_model():
    nodes = [helper.make_node("Add", ["x", "c"], ["a"], name="add"),
             helper.make_node("Transpose", ["x"], ["t"], name="tr", perm=[0, 2, 1])]
    m = make_model(nodes, [("x", [1, 32, 128])], [("a", [1, 32, 128]), ("t", [1, 128, 32])],
                   [init("c", np.ones(128, np.float32))])
    view = ModelView(m)
    assert motifs.input_key(view, "x") == "in3:f>elt+layout"
    spec = {**PM.input_spec_of(view, "x"), "id": "i0"}
    case = PM.motif_case(spec)
    assert case is not None and motifs.input_key(ModelView(case.model), "x") == "in3:f>elt+layout"


def test_table_marks_sizes_that_disagree_and_records_failures():
    specs = [{"id": "a", "key": "K", "kind": "chain", "x": [1, 8, 4, 4]}, {"id": "b", "key": "K", "kind": "chain", "x": [1, 16, 4, 4]},
             {"id": "c", "key": "L", "kind": "chain", "x": [1, 8, 4, 4]}, {"id": "d", "key": "L", "kind": "chain", "x": [1, 8, 8, 8]},
             {"id": "e", "key": "in3:f>conv", "kind": "input", "x": [1, 40, 100]}]
    recs = [{"id": "a", "status": "built", "nodes": ["npu", "cpu"]}, {"id": "b", "status": "built", "nodes": ["npu", "npu"]},
            {"id": "c", "status": "crashed", "error": "E build: boom (in _p_fuse_x)", "pass": "fuse_x"},
            {"id": "d", "status": "built", "nodes": ["npu"]}, {"id": "e", "status": "built", "nodes": ["cpu"]}]
    t = PM.build_table(specs, recs, "2.5.0", "rk3566", "rk3566", "float16", 1.0, "rknnlint probe --motifs")
    assert t["motifs"]["K"]["nodes"] == ["npu", "mixed"]  # the second node's placement changes with size
    assert t["motifs"]["K"]["sizes"]["1x8x4x4"]["nodes"] == ["npu", "cpu"]
    assert t["crashes"]["L"] == {"kind": "chain", "status": "crashed", "error": "E build: boom (in _p_fuse_x)",
                                 "sizes": ["1x8x4x4"], "pass": "fuse_x", "built_sizes": ["1x8x8x8"]}
    assert t["inputs"]["in3:f>conv"]["placement"] == "cpu"
    assert t["probe"]["status"] == {"built": 4, "crashed": 1}


def _probed(folder, family="rk3566", **sections):
    from rknnlint.platforms import families

    version = families()[family].measured
    doc = {"toolkit": version, "family": family, "dtype": "float16", "command": "rknnlint probe --motifs --target rk3566",
           **sections}
    (folder / f"{family}-float16-{version}.yaml").write_text(yaml.safe_dump(doc))
    motifs.table.cache_clear()


def test_probed_motif_decides_where_no_whole_build_did(probed_dir):
    m = _shuffle()
    key = "conv>Reshape4>5:a8>Transpose5:02134:a8>Reshape5>4>conv"
    _probed(probed_dir, motifs={key: {"nodes": ["npu", "cpu", "npu"]}})
    [f] = findings(m, target="rk3566", select={"RKN601"})
    assert f.location.node_name == "tr" and f.data["motif"] == key
    assert "rknnlint probe --motifs" in f.data["source"] and "rules/motifs/probed/rk3566-float16-" in f.data["source"]
    _probed(probed_dir, motifs={key: {"nodes": ["npu", "mixed", "npu"]}})  # sizes disagreed: the single-op table decides
    assert "tr" in {f.location.node_name for f in findings(m, target="rk3566", select={"RKN601"})}
    assert all("motif" not in f.data for f in findings(m, target="rk3566", select={"RKN601"}))


def test_an_input_motif_measured_on_the_cpu_is_a_finding_on_the_input(probed_dir, monkeypatch):
    # the probed table alone: rk3566's committed sweep measured this input motif too (`melspec`: in3:f>conv, CPU)
    monkeypatch.setattr(motifs, "sweeps_dir", lambda: probed_dir / "no-sweeps")
    motifs.table.cache_clear()
    nodes = [helper.make_node("Conv", ["x", "w"], ["y"], name="conv1d", kernel_shape=[1])]
    m = make_model(nodes, [("x", [1, 40, 100])], [("y", [1, 40, 100])], [init("w", np.ones((40, 40, 1), np.float32))])
    assert findings(m, target="rk3566", select={"RKN611"}) == []
    _probed(probed_dir, inputs={"in3:f>conv": {"placement": "cpu"}})
    [f] = findings(m, target="rk3566", select={"RKN611"})
    assert f.location.tensor == "x" and f.data["motif"] == "in3:f>conv"
    _probed(probed_dir, inputs={"in3:f>conv": {"placement": "npu"}})
    assert findings(m, target="rk3566", select={"RKN611"}) == []


def test_committed_motif_set_rebuilds_every_spec():
    specs = PM.load_specs(PM.default_specs_path())
    assert len({s["key"] for s in specs}) >= 50
    assert {s["kind"] for s in specs} == {"chain", "input"}
    for s in specs[:40]:
        assert PM.motif_case(s) is not None, s["key"]


def test_probe_motifs_bad_motif_set_is_one_line_exit_2(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    code, out, err = run_cli("probe", "--motifs", "--motif-set", str(bad), "--dry-run")
    assert code == 2 and "cannot read the motif set" in err and "Traceback" not in err
    good = tmp_path / "good.json"
    good.write_text(json.dumps({"specs": []}))
    code, out, err = run_cli("probe", "--motifs", "--motif-set", str(good), "--top", "0", "--dry-run")
    assert code == 2 and "--top must be at least 1" in err


@pytest.mark.toolkit
def test_a_motif_model_builds_and_every_node_is_placed():
    """One real build (rk3588 fp16): the channel shuffle between convolutions, each node cpu or npu."""
    from rknnlint.probe import run_case

    spec = _spec(_shuffle())
    case = PM.motif_case(spec)
    r = run_case(case, "rk3588", timeout=180)
    rec = PM.record(spec, case, r)
    assert rec["status"] == "built", rec
    assert len(rec["nodes"]) == 3 and set(rec["nodes"]) <= {"cpu", "npu"}


def test_record_tells_own_layers_from_layers_inserted_for_the_generated_tail():
    from types import SimpleNamespace

    from rknnlint.toolkit.layers import Layer
    from rknnlint.toolkit.status import BuildStatus

    spec = _spec(_shuffle())
    case = PM.motif_case(spec)
    layers = [Layer(op_type="Reshape", target="NPU", full_name="Reshape:motif0_o"),
              Layer(op_type="Transpose", target="CPU", full_name="Transpose:motif1#2"),
              Layer(op_type="Reshape", target="NPU", full_name="Reshape:motif2"),
              Layer(op_type="Transpose", target="CPU", full_name="Transpose:motif2_o_tp")]
    result = SimpleNamespace(status=BuildStatus.BUILT, layers=layers, seconds=1.0, error="")
    rec = PM.record(spec, case, result)
    assert rec["nodes"] == ["npu", "cpu", "npu"] and rec["inserted"] == ["npu", "npu", "cpu"]
    # a run that ends in a graph output: the layer inserted there is the motif's own (an output Reshape)
    rec = PM.record({**spec, "after": ["out"]}, case, result)
    assert rec["nodes"] == ["npu", "cpu", "cpu"]
    failed = PM.record(spec, case, SimpleNamespace(status=BuildStatus.FAILED, layers=[], seconds=1.0,
                                                   error="E build: Cannot fuse (in _p_fuse_x)"))
    assert failed["pass"] == "fuse_x" and PM.motif_failure(failed)
    assert not PM.motif_failure({"status": "failed", "error": "build: ValueError: KeyError: 'LayerNormalization'"})
