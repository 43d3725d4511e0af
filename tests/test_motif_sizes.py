"""Size classes of motifs (motifs.size_class / sized_key): the older toolkits place the same motif by its sizes. With
rknn-toolkit2 2.3.2 on rk3588 the attention qkv Reshape -> Transpose(2, 0, 3, 1, 4) runs on the NPU for a batch of 1
(ViT) and its Transpose on the CPU for 2 to 64 windows (Swin); rules/motifs/probed/rk3588-float16-2.3.2.yaml measured
it (calibration/size_sweep.py)."""
from __future__ import annotations

import numpy as np
import yaml
from onnx import helper

from conftest import findings, init, make_model
from rknnlint import motifs
from rknnlint.graph import ModelView
from rknnlint.probe import _motifs as PM

KEY = "elt>Reshape3>5:a16>Transpose5:20314:a16>slice"


def _qkv(windows: int, tokens: int = 49, heads: int = 3, dim: int = 32):
    """(windows, tokens, 3*heads*dim) + bias -> Reshape (w, t, 3, h, d) -> Transpose (2, 0, 3, 1, 4) -> Gather q by a
    one-element index (its axis kept: no q / k / v take of motifs.take_key, whose `.gather` class the committed sweep
    tables answer first; these tests are about the probed size classes)."""
    c = 3 * heads * dim
    nodes = [helper.make_node("Add", ["x", "b"], ["a"], name="bias"),
             helper.make_node("Reshape", ["a", "s"], ["r"], name="rs"),
             helper.make_node("Transpose", ["r"], ["t"], name="tr", perm=[2, 0, 3, 1, 4]),
             helper.make_node("Gather", ["t", "i"], ["q"], name="q", axis=0)]
    return make_model(nodes, [("x", [windows, tokens, c])], [("q", [1, windows, heads, tokens, dim])],
                      [init("b", np.zeros(c, np.float32)), init("s", np.array([windows, tokens, 3, heads, dim], np.int64)),
                       init("i", np.array([0], np.int64))])


def _run(model):
    view = ModelView(model)
    ref = next(r for r in view.main_nodes if r.name == "rs")
    return view, motifs.run_of(view, ref)


def test_sized_key_names_the_leading_dim_and_the_middle_alignments():
    view, run = _run(_qkv(64))
    assert motifs.chain_key(view, run) == KEY
    assert motifs.sized_key(view, run) == KEY + "@n.1"  # 64 windows, 49 tokens (not a multiple of 8)
    view, run = _run(_qkv(1, tokens=64))
    assert motifs.sized_key(view, run) == KEY + "@1.16"


def test_probed_size_class_decides_where_the_motif_is_mixed(probed_dir):
    sized = {KEY + "@n.1": {"nodes": ["npu", "cpu"]}, KEY + "@1.1": {"nodes": ["npu", "npu"]}}
    doc = {"toolkit": "2.3.2", "family": "rk3588", "dtype": "float16", "command": "rknnlint probe --motifs",
           "motifs": {KEY: {"nodes": ["npu", "mixed"]}}, "sized": sized}
    (probed_dir / "rk3588-float16-2.3.2.yaml").write_text(yaml.safe_dump(doc))
    motifs.table.cache_clear()
    got = findings(_qkv(16), target="rk3588", select={"RKN601"}, toolkit_version="2.3.2")
    [f] = [f for f in got if f.data.get("motif")]
    assert f.location.node_name == "tr" and f.data["motif"] == KEY + "@n.1"
    assert "rules/motifs/probed/rk3588-float16-2.3.2.yaml" in f.data["source"]
    got = findings(_qkv(1), target="rk3588", select={"RKN601"}, toolkit_version="2.3.2")
    assert not {"rs", "tr"} & {f.location.node_name for f in got}


def test_probe_table_groups_sizes_by_class_only_where_sizes_disagreed():
    specs = [{"id": i, "key": k, "kind": "chain", "x": x} for i, k, x in
             (("a", KEY, [64, 49, 288]), ("b", KEY, [1, 49, 288]), ("c", KEY, [4, 49, 288]), ("d", "L", [1, 8, 4, 4]))]
    recs = [{"id": "a", "x": [64, 49, 288], "status": "built", "nodes": ["npu", "cpu"], "sized": KEY + "@n.1"},
            {"id": "b", "x": [1, 49, 288], "status": "built", "nodes": ["npu", "npu"], "sized": KEY + "@1.1"},
            {"id": "c", "x": [4, 49, 288], "status": "built", "nodes": ["npu", "cpu"], "sized": KEY + "@n.1"},
            {"id": "d", "x": [1, 8, 4, 4], "status": "built", "nodes": ["npu"], "sized": "L@1.8.1"}]
    t = PM.build_table(specs, recs, "2.3.2", "rk3588", "rk3588", "float16", 1.0, "rknnlint probe --motifs",
                       "rules/motifs/probe-sizes.json")
    assert t["motifs"][KEY]["nodes"] == ["npu", "mixed"]
    assert t["sized"] == {KEY + "@n.1": {"sizes": ["64x49x288", "4x49x288"], "nodes": ["npu", "cpu"]},
                          KEY + "@1.1": {"sizes": ["1x49x288"], "nodes": ["npu", "npu"]}}  # L agreed: no class
    assert "rules/motifs/probe-sizes.json" in t["source"]


def test_a_size_measured_behind_two_fronts_that_disagree_decides_nothing():
    """2.2.0 runs the qkv Reshape on the NPU behind an Add and on the CPU behind a Linear (as in Swin): the class is
    mixed for the Reshape, and the Transpose both agreed on still decides."""
    specs = [{"id": "a", "key": KEY, "kind": "chain", "x": [64, 49, 288]},
             {"id": "b", "key": KEY, "kind": "chain", "x": [64, 49, 288], "front": "linear"},
             {"id": "c", "key": KEY, "kind": "chain", "x": [1, 49, 288]}]
    recs = [{"id": "a", "status": "built", "nodes": ["npu", "cpu"], "sized": KEY + "@n.1"},
            {"id": "b", "status": "built", "nodes": ["cpu", "cpu"], "sized": KEY + "@n.1"},
            {"id": "c", "status": "built", "nodes": ["npu", "npu"], "sized": KEY + "@1.1"}]
    t = PM.build_table(specs, recs, "2.2.0", "rk3588", "rk3588", "float16", 1.0, "rknnlint probe --motifs")
    assert set(t["motifs"][KEY]["sizes"]) == {"64x49x288", "64x49x288/linear", "1x49x288"}
    assert t["sized"][KEY + "@n.1"] == {"sizes": ["64x49x288", "64x49x288/linear"], "nodes": ["mixed", "cpu"]}


def test_committed_size_sweep_rebuilds_every_spec_with_its_key():
    specs = PM.load_specs(PM.default_specs_path().parent / "probe-sizes.json")
    assert {s["key"] for s in specs} >= {KEY}
    for s in specs:
        assert PM.motif_case(s) is not None, s["id"]


def test_a_version_nothing_was_measured_with_on_a_family_takes_that_versions_size_classes_from_another(probed_dir):
    """rk3576 has no table of 2.3.2's: the size classes probed with 2.3.2 on rk3588 answer for it (the 2.3.2 builds of
    Swin-T put the same 10 windowed qkv Transposes on the CPU on rk3588, rk3576 and rk3562); rk3576 with 2.5.0 has
    tables of its own and is left alone, and a size class never overrides a family's own table."""
    doc = {"toolkit": "2.3.2", "family": "rk3588", "dtype": "float16", "command": "rknnlint probe --motifs",
           "sized": {KEY + "@n.1": {"nodes": ["npu", "cpu"]}, KEY + "@1.1": {"nodes": ["npu", "npu"]}}}
    (probed_dir / "rk3588-float16-2.3.2.yaml").write_text(yaml.safe_dump(doc))
    motifs.table.cache_clear()
    got = [f for f in findings(_qkv(16), target="rk3576", select={"RKN601"}, toolkit_version="2.3.2")
           if f.data.get("motif")]
    assert [f.location.node_name for f in got] == ["tr"]
    assert "rules/motifs/probed/rk3588-float16-2.3.2.yaml" in got[0].data["source"]
    assert "rknn-toolkit2 2.3.2" in got[0].data["source"]
    assert not [f for f in findings(_qkv(1), target="rk3576", select={"RKN601"}, toolkit_version="2.3.2")
                if f.data.get("motif")]
    assert motifs.table("rk3576", "float16", "2.5.0").get("version_sized") is None
