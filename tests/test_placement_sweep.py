"""calibration/placement_sweep.py table: the ONNX node each build's CPU layers belong to (rv1106 int8 names the
InstanceNorm's CPU exNorm after its input, 'exNorm:front_y_tp_rs_norm': it is the InstanceNorm's, not the Conv's in
front), and a case can still be dropped from the table (kept as evidence only)."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import onnx
import pytest
import yaml

from conftest import findings, load_script
from rknnlint import motifs
from rknnlint.graph import ModelView

ROOT = Path(__file__).resolve().parents[1]


def _read_only_sweeps(monkeypatch, folder: Path) -> None:
    """rknnlint reads the sweep tables written to `folder` alone, no whole-build or probed table (monkeypatch restores
    the folders after the test, _fresh_tables clears the table cache)."""
    none = folder.parent / "none"
    monkeypatch.setattr(motifs, "tables_dir", lambda: none)
    monkeypatch.setattr(motifs, "probed_dir", lambda: none)
    monkeypatch.setattr(motifs, "sweeps_dir", lambda: folder)
    motifs.table.cache_clear()


@pytest.fixture(autouse=True)
def _fresh_tables():
    yield
    motifs.table.cache_clear()

def _sweep():
    return load_script("calibration/placement_sweep.py")


def _models(tmp_path: Path, cases: dict) -> Path:
    """The models folder `placement_sweep.py models` writes: each stem's model and its manifest entry."""
    models = tmp_path / "models"
    models.mkdir()
    for stem, (m, _) in cases.items():
        onnx.save(m, str(models / f"{stem}.onnx"))
    (models / "sweep.json").write_text(json.dumps({stem: entry for stem, (_, entry) in cases.items()}))
    return models


def _tabled(ps, tmp_path: Path, models: Path, truth: dict) -> dict:
    """The sweep table `placement_sweep.py table` writes from these builds."""
    (tmp_path / "truth.json").write_text(json.dumps(truth))
    assert ps.main(["table", "--models", str(models), "--truth", str(tmp_path / "truth.json"),
                    "--out", str(tmp_path / "out")]) == 0
    name = f"{truth['target']}-{truth['dtype']}-{truth['toolkit']}.yaml"
    return yaml.safe_load((tmp_path / "out" / name).read_text())


def _setup(tmp_path: Path, ps) -> tuple[Path, Path]:
    models = tmp_path / "models"
    models.mkdir()
    man = {}
    for stem, case, (m, meta) in (("inorm_conv_c16_hw16", "inorm", ps.case_inorm(16, 16, "conv")),
                                  ("token_n32_c128", "token", ps.case_token(32, 128))):
        onnx.save(m, str(models / f"{stem}.onnx"))
        man[stem] = {"case": case, **meta}  # as cases() writes the manifest
    (models / "sweep.json").write_text(json.dumps(man))
    exnorm = {"op_type": "exNorm", "full_name": "exNorm:front_y_tp_rs_norm", "target": "CPU"}
    run_toolkit = load_script("calibration/run_toolkit.py")
    run_toolkit.map_layers([exnorm], str(models / "inorm_conv_c16_hw16.onnx"))  # as the truth file records it
    truth = {"target": "rv1106", "dtype": "int8", "toolkit": "2.5.0",
             "models": {"inorm_conv_c16_hw16": {"status": "built", "cpu_layers": [exnorm]},
                        "token_n32_c128": {"status": "built", "cpu_layers": []}}}
    (tmp_path / "truth.json").write_text(json.dumps(truth))
    return models, tmp_path / "truth.json"


def test_dropped_case_stays_as_evidence_but_sets_no_placement(tmp_path):
    ps = _sweep()
    models, truth = _setup(tmp_path, ps)
    args = ["table", "--models", str(models), "--truth", str(truth)]
    assert ps.main([*args, "--out", str(tmp_path / "all")]) == 0
    kept = yaml.safe_load((tmp_path / "all" / "rv1106-int8-2.5.0.yaml").read_text())
    assert kept["nodes"]["InstanceNormalization4"]["placement"] == "cpu"  # the exNorm is the InstanceNorm's own layer
    assert "--dtype int8" in kept["commands"][1]
    assert ps.main([*args, "--out", str(tmp_path / "drop"), "--drop", "inorm"]) == 0
    dropped = yaml.safe_load((tmp_path / "drop" / "rv1106-int8-2.5.0.yaml").read_text())
    assert "InstanceNormalization4" not in dropped["nodes"] and dropped["dropped"] == ["inorm"]
    assert dropped["cases"]["inorm_conv_c16_hw16"]["dropped"] is True
    assert dropped["cases"]["inorm_conv_c16_hw16"]["cpu_nodes"] == ["inorm"]
    assert "dropped" not in dropped["cases"]["token_n32_c128"] and "Gather3" in dropped["nodes"]


def test_committed_sweeps_put_the_instancenorm_on_the_cpu_where_its_exnorm_ran_there():
    for name in ("rv1106-int8", "rv1106b-int8", "rk2118-float16"):
        tab = yaml.safe_load((ROOT / "rules" / "motifs" / "sweeps" / f"{name}-2.5.0.yaml").read_text())
        assert "dropped" not in tab and tab["nodes"]["InstanceNormalization4"]["placement"] == "cpu", name
        assert tab["cases"]["inorm_conv_c16_hw64"]["cpu_nodes"][0] == "inorm", name
    rk3588 = yaml.safe_load((ROOT / "rules" / "motifs" / "sweeps" / "rk3588-float16-2.5.0.yaml").read_text())
    assert rk3588["outputs"]["elt>out3:a4"]["placement"] == "cpu" and rk3588["outputs"]["elt>out3:a8"]["placement"] == "npu"


def test_zero_case_records_whether_the_branch_behind_the_zero_weight_was_dropped(tmp_path):
    ps = _sweep()
    models = _models(tmp_path, {stem: (ps.case_zero(16, 8, zero)[0], {"case": "zero", "c": 16, "hw": 8, "zero": zero})
                                for stem, zero in (("zero_conv", True), ("zero_conv_ctl", False))})
    log = {"op_type": "Log", "full_name": "Log:log", "onnx_nodes": ["log"], "onnx_op": "Log", "target": "CPU"}
    truth = {"target": "rk3566", "dtype": "float16", "toolkit": "2.5.0",
             "models": {"zero_conv": {"status": "built", "cpu_layers": []},
                        "zero_conv_ctl": {"status": "built", "cpu_layers": [log]}}}
    tab = _tabled(ps, tmp_path, models, truth)
    assert tab["zero_weight"] == {"Conv": {"branch": "dropped", "n": 1, "from": ["zero_conv"]}}
    assert tab["nodes"]["Log4"]["placement"] == "cpu"  # the control build counts as a measurement of its own
    truth["models"]["zero_conv"]["cpu_layers"] = [log]
    tab = _tabled(ps, tmp_path, models, truth)
    assert tab["zero_weight"]["Conv"]["branch"] == "kept"


def test_sized_runs_and_area_attention_are_tabulated(tmp_path, monkeypatch):
    """Where the builds of one motif key disagree by size (MobileViT's unfold: stage 3's first Reshape on the CPU in
    rk3588 int8, stage 2's on the NPU) the table keeps the runs by size class too; the area attention's Split is keyed
    by its token count."""
    ps = _sweep()
    built = {"unfold_c80_hw8": ps.case_unfold(80, 8), "unfold_c64_hw16": ps.case_unfold(64, 16),
             "aattn_hw10": ps.case_aattn(10)}
    models = _models(tmp_path, {stem: (m, {"case": stem.split("_")[0], **meta}) for stem, (m, meta) in built.items()})
    cpu = {"op_type": "Reshape", "full_name": "Reshape:unf_rs0", "onnx_nodes": ["unf_rs0"], "onnx_op": "Reshape",
           "target": "CPU"}
    v = {"op_type": "Transpose", "full_name": "Transpose:split_v_tp_rs#1", "onnx_nodes": ["split"], "onnx_op": "Split",
         "target": "CPU"}
    truth = {"target": "rk3588", "dtype": "int8", "toolkit": "2.5.0",
             "models": {"unfold_c80_hw8": {"status": "built", "cpu_layers": [cpu]},
                        "unfold_c64_hw16": {"status": "built", "cpu_layers": []},
                        "aattn_hw10": {"status": "built", "cpu_layers": [v]}}}
    tab = _tabled(ps, tmp_path, models, truth)
    unfold = "conv>Reshape4>4>Transpose4:0213>Reshape4>4>Transpose4:0321>Reshape4>3:a16>elt+ln"
    assert tab["motifs"][unfold]["nodes"][0] == "mixed"
    assert tab["sized"][unfold + "@1.16.8"]["nodes"][0] == "cpu"
    assert tab["sized"][unfold + "@1.16.16"]["nodes"][0] == "npu"
    assert tab["area_attention"]["aattn4:a4"]["placement"] == "cpu"
    # the fold runs agreed: no size class needed (a LayerNorm over a batch of patches keeps its class, rows_key; a run
    # next to a channels-last map [1, H, W, C] its form, hw_form_key)
    assert not any(k.startswith("elt>LN3") and not k.endswith((".ble16", ".bgt16", ".hw:sq", ".hw:rect"))
                   for k in tab["sized"])
    # rknnlint reads the sized runs of the family's int8 sweep table (no whole-build table here)
    _read_only_sweeps(monkeypatch, tmp_path / "out")

    def flagged(stem: str) -> bool:
        return "unf_rs0" in {f.location.node_name for f in findings(str(models / f"{stem}.onnx"), target="rk3588",
                                                                     dtype="int8", select={"RKN601"})}

    assert flagged("unfold_c80_hw8") and not flagged("unfold_c64_hw16")


def test_merge_adds_only_the_named_sections_to_a_familys_table(tmp_path):
    """A few cases measured after a family's whole sweep (`models --case`, `table --merge`): the table's other sections,
    keys and commands stay; the new section, the new builds and the new commands join them."""
    ps = _sweep()
    models = tmp_path / "models"
    assert ps.main(["models", "--out", str(models), "--case", "zero"]) == 0
    man = json.loads((models / "sweep.json").read_text())
    assert sorted(man) == ["zero_attn_n50", "zero_conv_c32_hw16", "zero_conv_c32_hw16_ctl", "zero_mul_c32_hw16",
                           "zero_mul_c32_hw16_ctl", "zero_mul_sr_c32_hw16", "zero_mul_sr_c32_hw16_ctl"]
    log = {"op_type": "Log", "full_name": "Log:log", "onnx_nodes": ["log"], "onnx_op": "Log", "target": "CPU"}
    truth = {"target": "rk3588", "dtype": "float16", "toolkit": "2.5.0",
             "models": {"zero_attn_n50": {"status": "built", "cpu_layers": []},
                        "zero_conv_c32_hw16": {"status": "built", "cpu_layers": []},
                        "zero_conv_c32_hw16_ctl": {"status": "built", "cpu_layers": [log]}}}
    (tmp_path / "truth.json").write_text(json.dumps(truth))
    out = tmp_path / "out"
    out.mkdir()
    old = {"toolkit": "2.5.0", "family": "rk3588", "target": "rk3588", "dtype": "float16", "source": "s",
           "commands": ["python calibration/placement_sweep.py models --out /old"],
           "nodes": {"Log4": {"placement": "npu", "n": 1, "cpu": 0, "from": ["old"]}},
           "attention": {"attn5:a1": {"v": "cpu", "n": 1, "from": ["attn_n50"]}},
           "cases": {"old": {"case": "x", "status": "built"}}}
    (out / "rk3588-float16-2.5.0.yaml").write_text(yaml.safe_dump(old, sort_keys=False))
    assert ps.main(["table", "--models", str(models), "--truth", str(tmp_path / "truth.json"), "--out", str(out),
                    "--merge", "zero_weight", "--merge", "attention"]) == 0
    tab = yaml.safe_load((out / "rk3588-float16-2.5.0.yaml").read_text())
    assert tab["zero_weight"]["Conv"] == {"branch": "dropped", "n": 1, "from": ["zero_conv_c32_hw16"]}
    assert tab["zero_weight"]["MatMul"]["from"] == ["zero_attn_n50"]
    assert "Mul" not in tab["zero_weight"]  # the zero_mul builds are not in this truth
    assert tab["nodes"] == old["nodes"]  # the control's Log (cpu) is not merged: `nodes` was not named
    assert tab["attention"] == old["attention"]  # the zero build feeds no section but zero_weight
    assert list(tab)[-1] == "cases" and set(tab["cases"]) == {"old", *truth["models"]}
    assert tab["commands"][0] == old["commands"][0]
    assert tab["commands"][1].endswith("--case zero") and tab["commands"][-1].endswith("--merge attention")
    truth["target"] = "rk3576"
    (tmp_path / "truth.json").write_text(json.dumps(truth))
    (out / "rk3576-float16-2.5.0.yaml").write_text(yaml.safe_dump({**old, "family": "rk3588"}, sort_keys=False))
    with pytest.raises(SystemExit, match="family rk3588"):  # never merged into another family's table
        ps.main(["table", "--models", str(models), "--truth", str(tmp_path / "truth.json"), "--out", str(out),
                 "--merge", "zero_weight"])


def test_merge_replaces_a_dropped_case_the_new_builds_measure_again(tmp_path):
    """The int8 tables dropped MambaOut's stale `glu` builds (`--drop glu`); built again and merged, the new records
    replace the dropped ones and the case leaves `dropped`, unless a dropped build of it was not rebuilt."""
    ps = _sweep()
    models = tmp_path / "models"
    assert ps.main(["models", "--out", str(models), "--case", "zero"]) == 0
    truth = {"target": "rk3588", "dtype": "int8", "toolkit": "2.5.0",
             "models": {s: {"status": "built", "cpu_layers": []} for s in ("zero_conv_c32_hw16", "zero_attn_n50")}}
    (tmp_path / "truth.json").write_text(json.dumps(truth))
    stale = {"case": "zero", "status": "built", "cpu_nodes": ["stale"], "dropped": True}
    old = {"toolkit": "2.5.0", "family": "rk3588", "target": "rk3588", "dtype": "int8", "source": "s", "commands": [],
           "zero_weight": {}, "dropped": ["zero"],
           "cases": {"zero_conv_c32_hw16": stale, "zero_attn_n50": stale, "token_n32_c128": {"case": "token"}}}
    out = tmp_path / "out"
    out.mkdir()
    dest = out / "rk3588-int8-2.5.0.yaml"
    args = ["table", "--models", str(models), "--truth", str(tmp_path / "truth.json"), "--out", str(out),
            "--merge", "zero_weight"]
    dest.write_text(yaml.safe_dump(old, sort_keys=False))
    assert ps.main(args) == 0
    tab = yaml.safe_load(dest.read_text())
    assert "dropped" not in tab and tab["cases"]["zero_conv_c32_hw16"]["cpu_nodes"] == []
    assert "dropped" not in tab["cases"]["zero_attn_n50"] and tab["cases"]["token_n32_c128"] == {"case": "token"}
    assert tab["zero_weight"]["Conv"]["from"] == ["zero_conv_c32_hw16"]
    dest.write_text(yaml.safe_dump({**old, "cases": {**old["cases"], "zero_old": stale}}, sort_keys=False))
    assert ps.main(args) == 0
    tab = yaml.safe_load(dest.read_text())  # zero_old was not rebuilt: still dropped, and so is its case
    assert tab["dropped"] == ["zero"] and tab["cases"]["zero_old"]["dropped"] is True
    assert tab["cases"]["zero_conv_c32_hw16"]["cpu_nodes"] == []


def test_committed_sweeps_drop_the_branch_behind_an_all_zero_weight_on_every_family():
    """`zero`, measured on every family's table (2.5.0): the zero builds left no CPU layer, the random-weight
    control's Log ran on the CPU; RKN601 follows the committed table (the zero branch's Log unreported, the
    control's reported) where that family's single-op table puts Log on the CPU."""
    ps = _sweep()
    muls = []
    for path in sorted((ROOT / "rules" / "motifs" / "sweeps").glob("*-2.5.0.yaml")):
        tab = yaml.safe_load(path.read_text())
        # a Mul by zero (`zero_mul`, silero-vad's Cast(sr * 0)) only where it was built: its branch and the Cast folded
        mul = {"Mul": "dropped"} if "zero_mul_c32_hw16" in tab["cases"] else {}
        muls += [path.name] if mul else []
        assert {k: v["branch"] for k, v in tab["zero_weight"].items() if k != "Add" and ":" not in k} == {
            "Conv": "dropped", "MatMul": "dropped", **mul}, path
        # `gnorm`'s zero gammas (where measured): stored zeros dropped, zeros read through an Identity kept
        assert {k: v["branch"] for k, v in tab["zero_weight"].items() if ":" in k} in (
            {}, {"Mul:identity": "kept", "Mul:init": "dropped"}), path
        assert tab["cases"]["zero_conv_c32_hw16"]["cpu_nodes"] == [], path
        assert tab["cases"]["zero_conv_c32_hw16_ctl"]["cpu_nodes"] == ["log"], path
        if mul:
            assert tab["cases"]["zero_mul_c32_hw16"]["cpu_nodes"] == [], path
            assert tab["cases"]["zero_mul_c32_hw16_ctl"]["cpu_nodes"] == ["log"], path
            if tab["dtype"] == "float16":
                assert tab["cases"]["zero_mul_sr_c32_hw16"]["cpu_nodes"] == [], path
                assert tab["cases"]["zero_mul_sr_c32_hw16_ctl"]["cpu_nodes"] == ["branch", "cast"], path
            else:  # int8 quantizes on one sample per ONNX input; the toolkit's model has lost `sr`
                assert "input num: 2" in tab["cases"]["zero_mul_sr_c32_hw16"]["error"], path
    assert muls == ["rk2118-float16-2.5.0.yaml", "rk3562-float16-2.5.0.yaml", "rk3562-int8-2.5.0.yaml",
                    "rk3566-float16-2.5.0.yaml", "rk3566-int8-2.5.0.yaml", "rk3576-float16-2.5.0.yaml", "rk3576-int8-2.5.0.yaml",
                    "rk3588-float16-2.5.0.yaml", "rk3588-int8-2.5.0.yaml", "rv1106-int8-2.5.0.yaml", "rv1106b-int8-2.5.0.yaml"]
    for target in ("rk3588", "rv1106"):
        logs = {zero: [f.location.node_name for f in findings(ps.case_zero(32, 16, zero)[0], target=target,
                                                               select={"RKN601"})] for zero in (True, False)}
        assert logs == {True: [], False: ["log"]}, target


def test_a_role_whose_own_op_runs_on_the_cpu_adds_no_cpu_layout_layer(tmp_path):
    """rv1106b int8 and rk2118 fp16 run every LayerNorm on the CPU (exNorm:norm#1): the channels-last block's
    first_norm role (and an attention's qkv_in) stays "npu" there (no CPU Transpose / Reshape was added; RKN601
    names the LayerNorm), while a CPU Transpose named after the gate Mul, or a Transpose role on the CPU, counts."""
    ps = _sweep()
    models = _models(tmp_path, {"glu2_c48_hw16": (ps.case_glu(48, 16, stages=2)[0],
                                                  {"case": "glu", "c": 48, "hw": 16, "stages": 2})})

    def lay(op: str, full: str, node: str, onnx_op: str) -> dict:
        return {"op_type": op, "full_name": full, "onnx_nodes": [node], "onnx_op": onnx_op, "target": "CPU"}

    layers = [lay("exNorm", f"exNorm:{p}norm#1", f"{p}norm", "LayerNormalization") for p in ("", "s2_")]
    layers += [lay("Transpose", f"Transpose:{p}gate_output_0_tp", f"{p}gate", "Mul") for p in ("", "s2_")]
    layers += [lay("Transpose", f"Transpose:{p}c_nchw", f"{p}c_nchw", "Transpose") for p in ("", "s2_")]
    truth = {"target": "rk2118", "dtype": "float16", "toolkit": "2.5.0",
             "models": {"glu2_c48_hw16": {"status": "built", "cpu_layers": layers}}}
    tab = _tabled(ps, tmp_path, models, truth)
    block = tab["channels_last"]["glu4:hwle16:b1"]
    assert (block["first_norm"], block["gate"], block["to_conv"], block["from_conv"]) == ("npu", "cpu", "cpu", "npu")


def test_a_gather_standing_for_a_transpose_is_a_layout_layer_of_its_role():
    """role_place: Twins-SVT's window grid Transpose ran as 'Gather:<grid>_tp-rs-rs_sw-gather' (owned by the qkv
    MatMul) on rk2118 / rv1106 / rv1106b with 2.3.2: the MatMul's role has a CPU layout layer; an embedding Gather
    on the CPU is no layout layer."""
    ps = load_script("calibration/placement_sweep.py")
    node = type("N", (), {"node": onnx.helper.make_node("MatMul", ["a", "w"], ["y"], name="qkv_mm"), "op_type": "MatMul"})
    swap = {"op_type": "Gather", "full_name": "Gather:part_tp_y_tp-rs-rs_sw-gather", "onnx_nodes": ["qkv_mm"]}
    plain = {"op_type": "Gather", "full_name": "Gather:qkv_mm", "onnx_nodes": ["qkv_mm"]}
    assert ps.role_place(node, [swap]) == "cpu"
    assert ps.role_place(node, [plain]) == "npu"


def test_committed_sweeps_name_no_cpu_layout_layer_for_a_layernorm_run_on_the_cpu():
    """The LayerNorm-on-CPU families' tables (re-tabled with placement_sweep.role_place) put no attention or
    channels-last role on the CPU: their builds' only CPU layers there are the LayerNorms' (and XCiT's L2) exNorms."""
    for fam in ("rv1106-int8", "rv1106b-int8", "rk2118-float16"):
        tab = yaml.safe_load((ROOT / "rules" / "motifs" / "sweeps" / f"{fam}-2.5.0.yaml").read_text())
        for sec in ("attention", "channels_last"):
            assert tab[sec], (fam, sec)
            for key, roles in tab[sec].items():
                assert not {r for r, p in roles.items() if p in ("cpu", "mixed")}, (fam, sec, key)


def test_the_wide_builds_are_what_the_familys_width_limits_say():
    """`wide` (2.5.0; rk2118 fp16, rv1106b int8): every build past the family's `wide_features_npu_max` had its Linear's
    Transpose back (`linear`) or its Softmax (`softmax`) on the CPU, every build at or under it not: the facts RKN601
    reads rest on them. (On rv1106b a Softmax alone, fed by the graph input's Add, ran on the CPU at any size, as the
    probe's graph-input Softmax variants did: the limit is for a Softmax after a Linear.)"""
    from rknnlint.platforms import families

    for family, dtype, builds in (("rk2118", "float16", 26), ("rv1106b", "int8", 26)):
        limits = families().get(family).fact("wide_features_npu_max")
        tab = yaml.safe_load((ROOT / "rules" / "motifs" / "sweeps" / f"{family}-{dtype}-2.5.0.yaml").read_text())
        wide = {k: v for k, v in tab["cases"].items() if v.get("case") == "wide"}
        assert len(wide) == builds, family
        for stem, rec in wide.items():
            want = [] if rec["linear"] == "none" or rec["n"] <= limits["linear"] else ["fc"]
            if rec["softmax"] and (rec["n"] > limits["softmax"] or (rec["linear"] == "none" and family == "rv1106b")):
                want.append("sm")
            assert rec["cpu_nodes"] == want, (family, stem)
    # `dfl` (rv1106b int8): the Softmax over the 16 bins of [1, 16, 4, A] past `softmax_spatial` positions (4 * A)
    spatial = families().get("rv1106b").fact("wide_features_npu_max")["softmax_spatial"]
    dfl = {k: v for k, v in tab["cases"].items() if v.get("case") == "dfl" and v["status"] == "built"}
    assert len(dfl) == 9 and spatial == 8192
    for stem, rec in dfl.items():
        assert rec["cpu_nodes"] == (["sm"] if 4 * rec["a"] > spatial else []), stem


def test_rk3566_232_classifier_heads_are_placed_as_their_builds():
    """`head2` with rknn-toolkit2 2.3.2 on rk3566 fp16 (the committed sweep): a Softmax behind the Linear left no CPU
    Reshape anywhere (PP-OCR's direction classifier had none on its [1, 2] output); a MatMul + bias making [1, 2] or
    [1, 7] put it after the MatMul (MTCNN O-Net's dense_6, 10 values); 8 features none. RKN610 says the same."""
    ps = _sweep()
    tab = yaml.safe_load((ROOT / "rules" / "motifs" / "sweeps" / "rk3566-float16-2.3.2.yaml").read_text())
    for stem in ("head2_matmul_softmax_identity_n2", "head2_matmul_none_n2", "head2_matmul_none_n8"):
        assert tab["cases"][stem]["status"] == "built", stem
    for tail, n, want in (((("Softmax", "Identity")), 2, []), ((), 2, ["head_mm"]), ((), 7, ["head_mm"]),
                          ((), 8, [])):
        m, _ = ps.case_head2(n, "matmul", tail)
        fs = findings(m, target="rk3566", toolkit_version="2.3.2", select={"RKN610"})
        assert [f.location.node_name for f in fs] == want, (tail, n)


def test_rk3566_232_rank3_hard_swish_gets_cpu_reshapes_around_it():
    """`bn1d` with rknn-toolkit2 2.3.2 on rk3566 fp16 (the committed sweep): a HardSigmoid(x) * x on the rank-3 output
    of a BatchNormalization got a CPU Reshape after the BatchNorm and after the Mul (named after the Unsqueeze reading
    it), a Relu in its place none; RKN611 names those nodes from the sweep's `hswish` section."""
    ps = _sweep()
    tab = yaml.safe_load((ROOT / "rules" / "motifs" / "sweeps" / "rk3566-float16-2.3.2.yaml").read_text())
    assert tab["hswish"]["hswish3:norm"]["input"] == tab["hswish"]["hswish3:norm"]["output"] == "cpu"
    assert {"act2", "bn1", "bn2", "unsq"} <= set(tab["cases"]["bn1d_c160_t40"]["cpu_nodes"])
    from rknnlint.graph import ModelView

    m, _ = ps.case_bn1d(160, 40)
    [hsw1, hsw2] = motifs.hard_swishes(ModelView(m))
    assert (hsw1["key"], hsw1["roles"]["input"].name, hsw1["roles"]["output"].name) == ("hswish3:norm", "bn1", "unsq")
    assert (hsw2["roles"]["input"].name, hsw2["roles"]["output"].name) == ("bn2", "act2")
    got = {f.location.node_name for f in findings(m, target="rk3566", toolkit_version="2.3.2", select={"RKN611"})
           if "HardSwish" in f.message}
    assert got == {"bn1", "unsq", "bn2", "act2"}
    relu, _ = ps.case_bn1d(160, 40, "relu")
    assert [f for f in findings(relu, target="rk3566", toolkit_version="2.3.2", select={"RKN611"})
            if "HardSwish" in f.message] == []


def test_int8_builds_put_a_computed_rank2_divisor_and_a_magnitude_sqrt_on_the_cpu():
    """`div2` and `sqrt` built with rknn-toolkit2 2.5.0 in int8 on rk3576, rk3566 and rk3562: a masked mean over the
    tokens divided by its computed count (translit-encoder) and an STFT magnitude's Sqrt (silero-vad) ran on the CPU;
    the same Div by a constant count did not. RKN601 follows the committed tables in int8; rk3576 float16 (its Div
    and Sqrt measured on the NPU by the probe) reports neither."""
    ps = _sweep()
    count, const = ps.case_div2(16, 256, "count")[0], ps.case_div2(16, 256, "const")[0]
    mag = ps.case_sqrt(129, 4, 3)[0]
    for target in ("rk3576", "rk3566", "rk3562"):
        path = ROOT / "rules" / "motifs" / "sweeps" / f"{target}-int8-2.5.0.yaml"
        nodes = yaml.safe_load(path.read_text())["nodes"]
        assert nodes["Div2:t"]["placement"] == "cpu" and nodes["Sqrt3"]["placement"] == "cpu", target

        def cpu(m, t=target, dtype="int8"):
            return [f.location.node_name for f in findings(m, target=t, dtype=dtype, toolkit_version="2.5.0",
                                                          select={"RKN601"})]
        assert "mean" in cpu(count) and "mean" not in cpu(const), target
        assert "mag" in cpu(mag), target
    assert "mean" not in [f.location.node_name for f in findings(count, target="rk3576", toolkit_version="2.5.0",
                                                                   select={"RKN601"})]
    assert findings(mag, target="rk3576", toolkit_version="2.5.0", select={"RKN601"}) == []


def test_a_detector_heads_flattened_levels_are_keyed_by_map_class(tmp_path, monkeypatch):
    """`yhead3` (a YOLOv8 / YOLOX head: each level's Concat Reshaped to [1, C, H*W], the rows Concatenated): the table
    keys each level's Reshape by C's alignment and H, W modulo 4 (motifs.flat_key) and the rows' Concat by the
    alignments of C and N (motifs.boundary_sized_key), and rknnlint names the level and the Concat where those keys
    measured the CPU, not a level whose class measured the NPU."""
    ps = _sweep()
    cases = {}
    for stem, (h, w) in (("yhead3_split_c82_h40_w40", (40, 40)), ("yhead3_split_c82_h80_w80", (80, 80))):
        m, meta = ps.case_yhead3(h, w, (64, 18), "split")
        cases[stem] = (m, {"case": "yhead3", "h": h, "w": w, **meta})
    models = _models(tmp_path, cases)
    flat2 = {"op_type": "Reshape", "full_name": "Reshape:flat2", "onnx_nodes": ["flat2"], "onnx_op": "Reshape",
             "target": "CPU"}
    rows = {"op_type": "Reshape", "full_name": "Reshape:rows_y_rs", "onnx_nodes": ["rows"], "onnx_op": "Concat",
            "target": "CPU"}
    truth = {"target": "rk3588", "dtype": "float16", "toolkit": "2.5.0",
             "models": {"yhead3_split_c82_h40_w40": {"status": "built", "cpu_layers": [flat2, rows]},
                        "yhead3_split_c82_h80_w80": {"status": "built", "cpu_layers": []}}}
    tab = _tabled(ps, tmp_path, models, truth)
    assert tab["sized"]["concat>Reshape4>3:a1>concat@c1.h2.w2"]["nodes"] == ["cpu"]  # 10 x 10
    assert tab["sized"]["concat>Reshape4>3:a16>concat@c1.h0.w0"]["nodes"] == ["npu"]  # 40 x 40, 20 x 20, 80 x 80 ...
    assert tab["boundaries"]["concat3>slice"]["placement"] == "mixed"
    assert tab["boundaries_sized"]["concat3>slice@c1.a1"]["placement"] == "cpu"  # 2100 rows
    assert tab["boundaries_sized"]["concat3>slice@c1.a16"]["placement"] == "npu"  # 8400 rows
    _read_only_sweeps(monkeypatch, tmp_path / "out")

    def named(stem: str) -> set[str]:
        return {f.location.node_name for f in findings(str(models / f"{stem}.onnx"), target="rk3588",
                                                       dtype="float16", select={"RKN601", "RKN611"})}

    assert named("yhead3_split_c82_h40_w40") >= {"flat2", "rows"}
    assert not named("yhead3_split_c82_h40_w40") & {"flat0", "flat1"}
    assert not named("yhead3_split_c82_h80_w80") & {"flat0", "flat1", "flat2", "rows"}


def test_rk3588_int8_hard_swish_reshapes_go_by_the_steps_alignment():
    """`bn1d` on rk3588 int8 (2.5.0, the committed sweep): the CPU Reshapes around a rank-3 HardSigmoid(x) * x behind a
    BatchNormalization came at 25 and 40 steps, not at 32 (the plain key's builds split, the sized key decides);
    RKN611 names them for [1, 160, 40] (PP-OCRv6-tiny rec's neck) and not for [1, 96, 32]."""
    ps = _sweep()
    tab = yaml.safe_load((ROOT / "rules" / "motifs" / "sweeps" / "rk3588-int8-2.5.0.yaml").read_text())
    assert tab["hswish"]["hswish3:norm"]["input"] == "mixed"
    assert tab["hswish"]["hswish3:norm@a8"]["input"] == tab["hswish"]["hswish3:norm@a8"]["output"] == "cpu"
    assert tab["hswish"]["hswish3:norm@a16"]["input"] == "npu"

    def named(c: int, t: int) -> set[str]:
        m, _ = ps.case_bn1d(c, t)
        return {f.location.node_name for f in findings(m, target="rk3588", dtype="int8", select={"RKN611"})
                if "HardSwish" in f.message}

    assert named(160, 40) == {"bn1", "unsq", "bn2", "act2"}
    assert named(96, 32) == set()


def test_rk3566_int8_detector_rows_and_channels_last_outputs_follow_their_builds():
    """`yhead` and `nhwc_out` built with rknn-toolkit2 2.5.0 on rk3566 int8 (the committed sweep): PicoDet's
    Sigmoid -> Reshape [1, C, H*W] -> Transpose -> output put the Transpose on the CPU at every map size (layout-cdla's
    rows), a Conv map handed out channels-last (MTCNN P-Net) its Transpose; placement rules name those nodes in int8."""
    ps = _sweep()
    tab = yaml.safe_load((ROOT / "rules" / "motifs" / "sweeps" / "rk3566-int8-2.5.0.yaml").read_text())
    assert all(tab["cases"][s]["cpu_nodes"] == ["rows"] for s in tab["cases"] if s.startswith("yhead_c"))
    assert tab["cases"]["nhwc_out_c4_hw19"]["cpu_nodes"] == ["nhwc"]

    def named(m):
        return {n for f in findings(m, target="rk3566", dtype="int8", toolkit_version="2.5.0",
                                    select={"RKN601", "RKN610", "RKN611"})
                for n in [f.location.node_name, *(f.data.get("nodes") or [])] if n}
    assert "rows" in named(ps.case_yhead(10, 50, 38)[0])
    assert "nhwc" in named(ps.case_nhwc_out(4, 19)[0])


def test_rk3566_melspec_transposes_by_version():
    """`melspec` on rk3566 fp16: with rknn-toolkit2 2.3.2 both STFT Transposes to [1, 1, frames, bins] ran on the CPU,
    with 2.3.0 and 2.5.0 neither (2.3.0's partial sweep table lies over the 2.3.2 one it borrows); the filterbank
    MatMul's Transpose ran on the CPU with all three, and in int8 with 2.5.0."""
    ps = _sweep()
    m, _ = ps.case_melspec(8, 257, 32)
    for version, want in (("2.3.2", {"tp_real", "tp_imag"}), ("2.3.0", set()), ("2.5.0", set())):
        got = {f.location.node_name for f in findings(m, target="rk3566", toolkit_version=version, select={"RKN601"})}
        assert got & {"tp_real", "tp_imag"} == want, version
        assert "mel" in got, version  # the sized key (@1.1.8) outranks the whole builds' plain key (NPU)
    got = {f.location.node_name for f in findings(m, target="rk3566", dtype="int8", toolkit_version="2.5.0",
                                                  select={"RKN601"})}
    assert "mel" in got and not got & {"tp_real", "tp_imag"}


def test_log_mel_floor_sub_and_cast_on_the_cpu_with_2_3_0():
    """`scalar` (openWakeWord's log-mel floor: ReduceMax over all, keepdims 0 -> Sub -> Cast -> Clip's min) with
    rknn-toolkit2 2.3.0 on rk3588 / rk3562 / rk3566 float16: the rank-0 Sub (as 'Add:floor_2add') and the Cast ran on the CPU
    themselves (partial sweep tables, nodes Sub0 / Cast0); with 2.3.2 on rk3562 neither."""
    ps = _sweep()
    m, _ = ps.case_scalar(8, 32)

    def cpu(target, version):
        return {f.location.node_name for f in findings(m, target=target, toolkit_version=version, select={"RKN601"})}
    for target in ("rk3588", "rk3562", "rk3566"):
        assert {"floor", "floor_cast"} <= cpu(target, "2.3.0"), target
    assert not {"floor", "floor_cast"} & cpu("rk3562", "2.3.2")


def test_yolox_head_rows_on_rk3566_by_version():
    """`yhead3` with the YOLOX tail (ddddocr's detector: levels of 6 channels, rows Concat -> Transpose -> output) on
    rk3566 float16 at 52 x 52: the Reshapes of the 52 and 26 levels on the CPU, the 13 one's not, and the output
    Transpose, with rknn-toolkit2 2.2.0, 2.3.0 and 2.3.2; with 2.2.0 and 2.3.0 the rows Concat's Reshape after it too
    (2.2.0: its own partial sweep, ddddocr-det's `875_rs`; before it 2.2.0 borrowed 2.3.2's table and missed it)."""
    ps = _sweep()
    m, _ = ps.case_yhead3(52, 52, (4, 1, 1), "tp")
    for version in ("2.2.0", "2.3.0", "2.3.2"):
        got = {n for f in findings(m, target="rk3566", toolkit_version=version, select={"RKN601", "RKN610", "RKN611"})
               for n in [f.location.node_name, *(f.data.get("nodes") or [])] if n}
        want = {"flat0", "flat1", "rows_tp"} | ({"rows"} if version in ("2.2.0", "2.3.0") else set())
        assert got & {"flat0", "flat1", "flat2", "rows", "rows_tp"} == want, version


def test_yolov8_dfl_tail_on_rk3566_with_2_2_0():
    """`yhead3` with the `dfl` tail built with rknn-toolkit2 2.2.0 on rk3566 float16 (8 models): the rows Concat's
    Reshape (82 channels at 40 x 40), the DFL Reshape, its Transpose and Softmax and the Reshape after the bin Conv on
    the CPU; the rows Concat's Reshape not at 144 channels (a multiple of 16)."""
    ps = _sweep()

    def cpu(c, parts):
        m, _ = ps.case_yhead3(40, 40, parts, "dfl")
        return {n for f in findings(m, target="rk3566", toolkit_version="2.2.0", select={"RKN601", "RKN610", "RKN611"})
                for n in [f.location.node_name, *(f.data.get("nodes") or [])] if n}
    assert {"rows", "dfl_rs", "dfl_tp", "dfl_sm", "dfl_rs2"} <= cpu(82, (64, 18))
    assert "rows" not in cpu(144, (64, 80))


def test_log_mel_floor_reshape_after_the_sub_on_rk3566():
    """`scalar` on rk3566 with rknn-toolkit2 2.5.0 (float16 and int8) and 2.3.2 float16: a CPU Reshape after the Sub
    ('Reshape:floor_y-rs', boundaries_sized elt0>elt@<reduce), the Sub and the Cast themselves on the NPU."""
    ps = _sweep()
    m, _ = ps.case_scalar(8, 32)
    for version, dtype in (("2.5.0", "float16"), ("2.5.0", "int8"), ("2.3.2", "float16")):
        fs = findings(m, target="rk3566", dtype=dtype, toolkit_version=version, select={"RKN601", "RKN611"})
        assert [(f.code, f.data.get("motif")) for f in fs if f.location.node_name == "floor"] == \
            [("RKN611", "elt0>elt@<reduce")], (version, dtype)
        assert "floor_cast" not in {f.location.node_name for f in fs}


def test_crnn_rows_transpose_on_the_cpu_with_2_3_0():
    """`crnn` (ddddocr's head behind a bidirectional LSTM) with rknn-toolkit2 2.3.0: the Transpose the toolkit makes in
    front of the Gemm (named after the rows Reshape) ran on the CPU on rk3562 and rk2118 float16 at every size; on
    rk2118 the 8210-feature Gemm's Transpose back too (`@wide`), at 37 features not."""
    ps = _sweep()

    def cpu(m, target):
        return {f.location.node_name for f in findings(m, target=target, toolkit_version="2.3.0",
                                                       select={"RKN601", "RKN610", "RKN611"})}
    assert "rows_in" in cpu(ps.case_crnn(20, 128, 37)[0], "rk3562")
    assert {"rows_in", "head_mm"} <= cpu(ps.case_crnn(20, 512, 8210)[0], "rk2118")
    assert "head_mm" not in cpu(ps.case_crnn(20, 128, 37)[0], "rk2118")


def test_every_family_versions_wide_builds_are_what_its_width_fact_says():
    """`wide` built with 2.3.0, 2.3.2 and 2.5.0 (26 models per table: a Linear of 1000 to 18385 output features at 10 to
    80 rows): on every family the Linear's Transpose back ran on the CPU exactly where RKN601 says from the version's
    `wide_features_npu_max` (rkn601_cpu_fallback_op.wide_limits: rv1106 9216 with every version, rk3562 16384 with 2.3.x
    and none with 2.5.0, rk2118 and rk3588 8192, rv1106b 16384, rk3566 8192 and, under it, rows no multiple of 4 and,
    with 2.3.2 / 2.5.0, features no multiple of 8, where the Linear makes the output (rk3566: 192 to 1000 features at
    50 rows on the CPU as the head, on the NPU inside a block, `_mid`); on rk3576, with no limit, no build had it on
    the CPU."""
    import rknnlint

    ps = _sweep()
    seen = set()
    for path in sorted((ROOT / "rules" / "motifs" / "sweeps").glob("*.yaml")):
        tab = yaml.safe_load(path.read_text())
        family, version = tab["family"], str(tab["toolkit"])
        if family not in ("rv1106", "rk3562", "rk2118", "rk3576", "rk3566", "rk3588", "rv1106b"):
            continue
        wide = {k: v for k, v in tab["cases"].items()
                if v.get("case") == "wide" and v.get("status") == "built" and v["linear"] == "matmul"}
        for stem, rec in wide.items():
            m, _ = ps.case_wide(rec["n"], "matmul", rec["softmax"], t=rec.get("t", 40), mid=rec.get("mid", False))
            said = [f.location.node_name for f in rknnlint.check(m, target=family, dtype=tab["dtype"],
                                                                toolkit_version=version).findings
                    if f.code == "RKN601" and f.location.node_name == "fc"]
            assert said == [n for n in rec["cpu_nodes"] if n == "fc"], (path.name, stem)
            assert family != "rk3576" or not said
            seen.add(path.name)
    assert len(seen) >= 20, seen


def test_int8_builds_with_2_3_x_follow_their_partial_sweeps():
    """`sqrt`, `div2`, `bn1d` and `crnn` built in int8 with rknn-toolkit2 2.3.0 / 2.3.2 (rules/motifs/sweeps/
    <family>-int8-2.3.x.yaml, partial): the STFT magnitude's Sqrt and the Div by a computed count ran on the CPU on
    rk3588 (as on rk3566, rk3576, rk3562 with 2.3.2), the rank-3 BatchNorm / HardSwish's CPU Reshapes on rk3588, the
    rows Transpose in front of the Gemm on rk3576 / rk3562 2.3.2. Before these tables rk3588 int8 2.3.x read the
    float16 2.3.2 sweep, where the Sqrt ran on the NPU; float16 2.3.2 still reports no Sqrt."""
    ps = _sweep()
    count, const = ps.case_div2(16, 256, "count")[0], ps.case_div2(16, 256, "const")[0]
    mag = ps.case_sqrt(129, 4, 3)[0]

    def cpu(m, target, version, dtype="int8", rules=("RKN601",)):
        return {f.location.node_name for f in findings(m, target=target, dtype=dtype, toolkit_version=version,
                                                       select=set(rules))}
    for target, version in (("rk3588", "2.3.0"), ("rk3588", "2.3.2"), ("rk3566", "2.3.2"), ("rk3576", "2.3.2"),
                            ("rk3562", "2.3.2")):
        tab = yaml.safe_load((ROOT / "rules" / "motifs" / "sweeps" / f"{target}-int8-{version}.yaml").read_text())
        assert tab["partial"] and tab["nodes"]["Sqrt3"]["placement"] == "cpu", (target, version)
        assert "mag" in cpu(mag, target, version), (target, version)
        assert "mean" in cpu(count, target, version), (target, version)
    for version in ("2.3.0", "2.3.2"):
        assert "mean" not in cpu(const, "rk3588", version)
        m, _ = ps.case_bn1d(160, 40)
        assert {"bn1", "unsq", "bn2", "act2"} <= cpu(m, "rk3588", version, rules=("RKN611",))
    assert "mag" not in cpu(mag, "rk3588", "2.3.2", dtype="float16")
    for target in ("rk3576", "rk3562"):
        assert "rows_in" in cpu(ps.case_crnn(20, 128, 37)[0], target, "2.3.2", rules=("RKN601", "RKN610", "RKN611"))
    # `scalar` (the log-mel floor): in int8 with 2.3.0 the Sub (an Add layer) and the Cast behind it on the CPU, with
    # 2.3.2 a Reshape after the Sub and no Cast layer (oww-melspectrogram's Cast_27 in the rk3588 int8 2.3.0 row only)
    floor = ps.case_scalar(16, 16)[0]
    assert {"floor", "floor_cast"} <= cpu(floor, "rk3588", "2.3.0", rules=("RKN601", "RKN611"))
    assert "floor_cast" not in cpu(floor, "rk3588", "2.3.2", rules=("RKN601", "RKN611"))


def _cpu_nodes(m, target: str, version: str, dtype: str = "float16") -> set[str]:
    """The nodes a placement rule (RKN601 / RKN610 / RKN611) names for a target, version and dtype."""
    return {n for f in findings(m, target=target, dtype=dtype, toolkit_version=version,
                                select={"RKN601", "RKN610", "RKN611"})
            for n in [f.location.node_name, *(f.data.get("nodes") or [])] if n}


def test_yolov8_dfl_head_on_rk3566_by_version():
    """`yhead3` with YOLOv8's DFL tail (nudenet-320n: 64 box bins + 18 classes over 40 x 40, 20 x 20, 10 x 10): on
    rk3566 with rknn-toolkit2 2.5.0 (float16 and int8) a CPU Reshape after the rows Concat (boundaries_sized
    concat3>slice@c1.a1), the DFL's Reshape to [1, 4, 16, A] and its Softmax on the CPU, the Transpose not; with 2.3.2
    the Transpose and the Reshape after the bin Conv too; on rk3588 (2.5.0) no DFL node at all."""
    ps = _sweep()
    m, _ = ps.case_yhead3(40, 40, (64, 18), "dfl")
    dfl = {"dfl_rs", "dfl_tp", "dfl_sm", "dfl_rs2"}
    for dtype in ("float16", "int8"):
        got = _cpu_nodes(m, "rk3566", "2.5.0", dtype)
        assert got & (dfl | {"rows"}) == {"rows", "dfl_rs", "dfl_sm"}, dtype
    assert _cpu_nodes(m, "rk3566", "2.3.2") >= dfl | {"rows", "flat0", "flat2"}
    assert not _cpu_nodes(m, "rk3588", "2.5.0") & dfl
    # the rows Concat's key names that a part cut out of it is reshaped; where the parts go to element-wise ops (the
    # split tail, YOLO26's decode) the key stays the one rk3588's tables measured
    for case, want in ((m, ["concat3>slice@c1.a1>layout", "concat3>slice@c1.a1"]),
                       (ps.case_yhead3(40, 40, (64, 18), "split")[0], ["concat3>slice@c1.a1"])):
        view = ModelView(case)
        [rows] = [r for r in view.main_nodes if r.name == "rows"]
        assert motifs.boundary_sized_keys(view, rows) == want


def test_yolox_head_rows_on_rk3566_with_2_5_0():
    """`yhead3` with the YOLOX tail (ddddocr's detector) on rk3566 with rknn-toolkit2 2.5.0, float16 and int8: a CPU
    Reshape after the rows Concat and the Transpose to the output on the CPU at every map size (20 to 80 px), no level
    Reshape (2.3.x put the larger levels' on the CPU)."""
    ps = _sweep()
    for h, w in ((40, 40), (80, 80), (20, 40)):
        m, _ = ps.case_yhead3(h, w, (4, 1, 1), "tp")
        for dtype in ("float16", "int8"):
            got = _cpu_nodes(m, "rk3566", "2.5.0", dtype)
            assert got & {"flat0", "flat1", "flat2", "rows", "rows_tp"} == {"rows", "rows_tp"}, (h, w, dtype)


def test_silero_sequence_decoder_transposes_on_rk3566():
    """`vadseq` (silero-vad-16k-sequence's LSTM decoder): with rknn-toolkit2 2.5.0 on rk3566 the Transpose back to
    the map after the LSTM (perm 1, 2, 0) runs on the CPU, the one in front of it (0, 2, 1) on the NPU, and the rank-1
    output's Reshape on the CPU; with 2.3.2 only that Reshape."""
    ps = _sweep()
    m, _ = ps.case_vadseq(128, True, True)
    for dtype in ("float16", "int8"):
        assert _cpu_nodes(m, "rk3566", "2.5.0", dtype) & {"to_seq", "to_map", "flat"} == {"to_map", "flat"}, dtype
    assert _cpu_nodes(m, "rk3566", "2.3.2") & {"to_seq", "to_map", "flat"} == {"flat"}


def test_bidirectional_lstm_last_step_on_rk3566():
    """`bilstm` (openWakeWord's Keras bidirectional LSTMs, tf2onnx): on rk3566 the toolkit's Reshape after the LSTM
    whose last step is sliced out runs on the CPU (boundaries_sized rnn4>slice@>slice), the one after the LSTM whose
    directions are concatenated for the next does not (@>concat), and the Transpose after the rank-2 Concat of the
    last steps runs on the CPU (concat2>layout), with 2.3.2 and 2.5.0; on rk3588 none of them."""
    ps = _sweep()
    m, _ = ps.case_bilstm(16, 96, 64, 32)
    for version, dtype in (("2.5.0", "float16"), ("2.5.0", "int8"), ("2.3.2", "float16")):
        assert _cpu_nodes(m, "rk3566", version, dtype) & {"lstm1", "lstm2", "cat_last"} == {"lstm2", "cat_last"}, \
            (version, dtype)
    assert not _cpu_nodes(m, "rk3588", "2.5.0") & {"lstm1", "lstm2", "cat_last"}
    view = ModelView(m)
    keys = {r.name: motifs.boundary_sized_key(view, r) for r in view.main_nodes if r.op_type == "LSTM"}
    assert keys == {"lstm1": "rnn4>slice@>concat", "lstm2": "rnn4>slice@>slice"}


def test_masked_mean_reduce_by_its_divisor_on_rk3566():
    """`div2` (translit-encoder's masked mean, ReduceSum over the tokens -> Div): on rk3566 with 2.3.2 and 2.5.0 a CPU
    Transpose after the ReduceSum where the divisor is computed (the clipped token count, boundaries_sized
    reduce2>elt@/t), none where it is a constant (@/c); on rk3588 none."""
    ps = _sweep()
    count, _ = ps.case_div2(16, 256, "count")
    const, _ = ps.case_div2(16, 256, "const")
    for version, dtype in (("2.5.0", "float16"), ("2.5.0", "int8"), ("2.3.2", "float16")):
        assert "pool" in _cpu_nodes(count, "rk3566", version, dtype), (version, dtype)
        assert "pool" not in _cpu_nodes(const, "rk3566", version, dtype), (version, dtype)
    assert "pool" not in _cpu_nodes(count, "rk3588", "2.5.0")


def test_rnn_encoder_output_read_by_another_node_on_rk3566():
    """`rnnout` (translit-encoder's GRU encoder handing its sequence out): on rk3566 with 2.3.2 and 2.5.0 the toolkit
    adds a CPU Reshape on that output where a Mul also reads it (motifs.shared_output_key `@read`), none where nothing
    does (`@only`), and the Transpose / Reshape of the directions in front stay on the NPU; on rk3588 nothing."""
    ps = _sweep()
    tail, _ = ps.case_rnnout("GRU", 16, 128, True)
    only, _ = ps.case_rnnout("GRU", 16, 128, False)
    run = {"rnn0_tp", "rnn0_rs", "rnn1_tp", "rnn1_rs", "memory"}
    for version, dtype in (("2.5.0", "float16"), ("2.5.0", "int8"), ("2.3.2", "float16")):
        assert _cpu_nodes(tail, "rk3566", version, dtype) & run == {"memory"}, (version, dtype)
        assert not _cpu_nodes(only, "rk3566", version, dtype) & run, (version, dtype)
    assert not _cpu_nodes(tail, "rk3588", "2.5.0") & run


def test_crnn_and_svtr_flatten_on_rk3566_with_2_5_0():
    """`crnn` (ddddocr's LSTM head) with 2.5.0 on rk3566, float16 and int8: the rows Reshape in front of the Gemm and the
    8210-feature Gemm on the CPU, the Reshapes around them not; `svflat` (PP-OCRv4 rec's flatten to tokens, 120 x
    40): the Reshape and the Transpose on the NPU (with 2.3.2 too)."""
    ps = _sweep()
    crnn, _ = ps.case_crnn(20, 512, 8210)
    flat, _ = ps.case_svflat(120, 40)
    for version, dtype in (("2.5.0", "float16"), ("2.5.0", "int8"), ("2.3.2", "float16")):
        if version == "2.5.0":
            assert _cpu_nodes(crnn, "rk3566", version, dtype) & {"seq_tp", "seq_rs", "rows_in", "head_mm",
                                                                  "rows_out"} == {"rows_in", "head_mm"}, dtype
        assert not _cpu_nodes(flat, "rk3566", version, dtype) & {"flat", "tokens"}, (version, dtype)


def test_recurrent_state_outputs_get_no_cpu_reshape_on_rk3566():
    """`zstate` (silero-vad-16k-op15's state output [2, 1, 128]: two halves Concatenated, plus Cast(sr * 0)): with
    rknn-toolkit2 2.5.0 and 2.3.2 on rk3566 no Reshape on the output, whatever makes it (the Concat, the Add, a Tanh
    of one half [1, 1, 128]): the one-row class `:m1` of the output key, read before the plain key, which outputs of
    50-730 rows measured on the CPU."""
    ps = _sweep()
    for tie, lead in (("zero", 2), ("none", 2), ("zero", 1)):
        m, _ = ps.case_zstate(128, tie, lead)
        for version in ("2.5.0", "2.3.2"):
            assert not _cpu_nodes(m, "rk3566", version) & {"tie", "cat", "half0"}, (tie, lead, version)
    view = ModelView(ps.case_zstate(128, "zero", 2)[0])
    assert motifs.output_keys(view, view.output_names[0]) == ["elt>out3:a16:s1:m1", "elt>out3:a16:s1"]


@pytest.mark.parametrize("version", ["2.3.0", "2.3.2"])
def test_rk2118_23x_dfl_softmax_of_a_whole_head_is_placed_as_its_builds(version):
    """`dflhead` with rknn-toolkit2 2.3.0 / 2.3.2 on rk2118 fp16 (the committed sweeps): the DFL Softmax of a whole
    YOLOv8 head ran on the CPU from 2100 anchors where the levels' boxes and classes were concatenated, then Split
    (nudenet's export), and only at 8400 where the boxes were concatenated apart (ultralytics 8.3's: YOLO12n / YOLOv10n
    of the calibration exports on the NPU at 320 px). RKN601 names exactly the builds' CPU Softmaxes."""
    ps = _sweep()
    tab = yaml.safe_load((ROOT / "rules" / "motifs" / "sweeps" / f"rk2118-float16-{version}.yaml").read_text())
    cases = {k: v for k, v in tab["cases"].items() if v.get("case") == "dflhead"}
    assert len(cases) == 14 and {v["status"] for v in cases.values()} == {"built"}
    assert cases["dflhead_hw40_nc80"]["cpu_nodes"] == ["sm"] and cases["dflhead_hw72_nc80_nosplit"]["cpu_nodes"] == []
    for stem, rec in cases.items():
        m, _ = ps.case_dflhead(rec["hw"], rec["nc"], split=rec.get("split", True))
        fs = findings(m, target="rk2118", toolkit_version=version, select={"RKN601"})
        assert [f.location.node_name for f in fs if f.location.node_name == "sm"] == rec["cpu_nodes"], stem


def test_rk2118_232_qkv_transpose_of_a_batch_of_patches_is_placed_by_its_size_class():
    """`attn` / `pattn` with rknn-toolkit2 2.3.2 on rk2118 fp16 (the partial sweep's `sized`): the qkv Transpose ran on
    the CPU (a Gather) over MobileViT's batch of 4 patch pixels, on the NPU for one image (PaddleOCR's SVTR); the plain
    motif key, measured on the single images only, no longer speaks for the batch (MobileViT-xxs and Swin-T of the
    calibration exports)."""
    ps = _sweep()
    tab = yaml.safe_load((ROOT / "rules" / "motifs" / "sweeps" / "rk2118-float16-2.3.2.yaml").read_text())
    assert tab["cases"]["attn_n16_h4_d20_b4"]["cpu_nodes"] == ["norm", "qkv_tp"]
    assert tab["cases"]["pattn_n40_h8_d15"]["cpu_nodes"] == ["norm"]
    for args, kw, cpu in (((16, 4, 20), {"b": 4}, True), ((64, 4, 16), {"b": 4, "sdpa": True}, True),
                          ((16, 4, 20), {"b": 1}, False),
                          ((40, 8, 15), {"bias_first": True, "tail": True, "paddle": True}, False)):
        m, _ = ps.case_attn(*args, **kw)
        fs = findings(m, target="rk2118", toolkit_version="2.3.2", select={"RKN601", "RKN611"})
        assert ("qkv_tp" in {f.location.node_name for f in fs}) is cpu, (args, kw)


def test_rk3566_232_sweep_motif_answers_only_at_its_sizes_where_whole_builds_split():
    """rk3566 fp16 2.3.2: the whole builds split on `elt>MatMul4>4:n16>elt` (ConvNeXt-T's MLP Linear on the NPU, Swin-T's
    on the CPU at the same size class); the melspec small models put the log-mel filterbank MatMul over [1, 1, T, F]
    on the CPU. That measurement holds at its sizes (the sweep's sized keys), not for a channels-last MLP Linear over
    [1, 14, 14, 384], which the ConvNeXt-T builds kept on the NPU."""
    from onnx import TensorProto, helper, numpy_helper

    rng = np.random.default_rng(0)
    inits = [numpy_helper.from_array(rng.normal(0, 0.1, s).astype(np.float32), n)
             for n, s in (("b0", (384,)), ("w", (384, 1536)), ("b1", (1536,)))]
    nodes = [helper.make_node("Add", ["x", "b0"], ["a"], name="front"),
             helper.make_node("MatMul", ["a", "w"], ["m"], name="fc"),
             helper.make_node("Add", ["m", "b1"], ["y"], name="bias")]
    g = helper.make_graph(nodes, "g", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 14, 14, 384])],
                          [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 14, 14, 1536])], inits)
    mlp = helper.make_model(g, opset_imports=[helper.make_opsetid("", 13)])
    mel, _ = _sweep().case_melspec(8, 257, 32)
    cpu = {name: {f.location.node_name for f in findings(m, target="rk3566", toolkit_version="2.3.2",
                                                         select={"RKN601"})}
           for name, m in (("mlp", mlp), ("mel", mel))}
    assert "fc" not in cpu["mlp"] and "mel" in cpu["mel"]


def test_picodet_split_level_reshape_on_rk3566_by_version():
    """`yheads` (PicoDet's level as layout-cdla has it: Conv -> Split -> Sigmoid -> Reshape [1, 10, H*W] -> Transpose
    -> output) against `yhead` (no Split), built on rk3566 float16: with rknn-toolkit2 2.3.2 the class Reshape ran on
    the CPU behind the Split at 50 x 38 (H*W no multiple of 16), on the NPU at 20 x 20 and without the Split at every
    size; with 2.2.0 and 2.3.0 on the CPU at both sizes, behind the Split or not (motifs.split_flat_key `.split`)."""
    ps = _sweep()

    def cpu(m, version):
        return {f.location.node_name for f in findings(m, target="rk3566", toolkit_version=version,
                                                       select={"RKN601", "RKN610", "RKN611"})}
    for version in ("2.2.0", "2.3.0", "2.3.2"):
        assert "flat_cls" in cpu(ps.case_yhead_split(50, 38)[0], version), version
        assert ("flat_cls" in cpu(ps.case_yhead_split(20, 20)[0], version)) == (version != "2.3.2"), version
    assert "flat" not in cpu(ps.case_yhead(10, 50, 38)[0], "2.3.2")


# the DFL tail of ultralytics 8.4's export (`dflhead84`, rknn-toolkit2 2.3.2, and 2.2.0 / 2.3.0 on rk3588): the ONNX
# nodes the builds ran on the CPU at 8400 anchors (640 px), per family; at 5376 (512 px; rv1106b: 1701, 288 px) none
_DFL84 = {("rk3588", "float16", "2.3.2"): {"rs2"}, ("rk3588", "float16", "2.3.0"): {"rs2"},
          ("rk3588", "float16", "2.2.0"): {"rs2"}, ("rk3588", "int8", "2.3.2"): {"rs2"},
          ("rv1106", "int8", "2.3.2"): {"rs", "rs2", "sig"}, ("rv1106", "int8", "2.3.0"): {"rs", "rs2", "sig"},
          ("rv1106", "int8", "2.2.0"): {"rs", "rs2", "sig"},
          ("rk2118", "float16", "2.3.2"): {"sm"},
          ("rv1106b", "int8", "2.3.2"): {"sm"}, ("rk3562", "float16", "2.3.2"): set(),
          ("rk3576", "float16", "2.3.2"): set()}


@pytest.mark.parametrize("target,dtype,version", sorted(_DFL84))
def test_ultralytics_84_dfl_tail_is_placed_by_its_anchor_count(target, dtype, version):
    """`dflhead84` (YOLOv8 / YOLO11's head as ultralytics 8.4 exports it: Reshape [1, 4, 16, A] -> Transpose ->
    Softmax over the last axis -> Transpose -> bin Conv -> Reshape [1, 4, A] -> Slices -> decode): the committed sweep
    cases hold the builds' CPU nodes, and RKN601 / RKN610 / RKN611 name exactly those of the DFL tail at 8400 anchors
    (the `@long` size class, boundaries `elt3>concat@c16.a16@long`, the rows-fed Softmax past its positions limit) and
    none at 5376 (rv1106b: 1701); rk3562 / rk3576 stay silent. Fails on the tables before `dflhead84` (nothing named at 8400)."""
    ps = _sweep()
    tail = {"rs", "tp", "sm", "tp1", "rs2", "sig"}
    want = _DFL84[(target, dtype, version)]
    tab = yaml.safe_load((ROOT / "rules" / "motifs" / "sweeps" / f"{target}-{dtype}-{version}.yaml").read_text())
    assert set(tab["cases"]["dflhead84_hw80_nc80"]["cpu_nodes"]) & tail == want
    short = 36 if target == "rv1106b" else 64  # rv1106b: the Softmax on the CPU from 2100 anchors
    assert not set(tab["cases"][f"dflhead84_hw{short}_nc80"]["cpu_nodes"]) & tail
    for hw, cpu in ((80, want), (short, set())):
        m, _ = ps.case_dflhead84(hw, 80)
        assert _cpu_nodes(m, target, version, dtype) & tail == cpu, hw


@pytest.mark.parametrize("target,version,plain", [("rv1106", "2.3.0", False), ("rv1106", "2.3.2", False),
                                                  ("rv1106b", "2.3.2", True)])
def test_sdpa_qkv_transpose_of_a_batch_of_patches_has_its_own_key_on_rv1106(target, version, plain):
    """`attn` b 4 with and without `sdpa` built on rv1106 int8 with 2.3.0 and 2.3.2 and on rv1106b int8 with 2.3.2 (the
    partial sweeps' cases): the qkv Transpose over MobileViT's batch of 4 patch pixels ran on the CPU (a Gather) in the
    form where q and k^T are each scaled before their product (F.scaled_dot_product_attention as torch.onnx writes it,
    MobileViT's export); on rv1106 on the NPU in the plain form, on rv1106b on the CPU in both. Both forms spell one
    motif key; motifs.sdpa_key (`<sized key>.sdpa` / `.qk`) tells them apart. Fails on the tables before those keys
    (the SDPA form's Transpose not named on rv1106, the plain one named; neither on rv1106b)."""
    ps = _sweep()
    tab = yaml.safe_load((ROOT / "rules" / "motifs" / "sweeps" / f"{target}-int8-{version}.yaml").read_text())
    for (n, heads, d) in ((4, 4, 24), (16, 4, 20), (64, 4, 16)):
        stem = f"attn_n{n}_h{heads}_d{d}_b4"
        assert "qkv_tp" in tab["cases"][stem + "_sdpa"]["cpu_nodes"]
        assert ("qkv_tp" in tab["cases"][stem]["cpu_nodes"]) is plain
        for sdpa in (True, False):
            m, _ = ps.case_attn(n, heads, d, b=4, sdpa=sdpa)
            assert ("qkv_tp" in _cpu_nodes(m, target, version, "int8")) is (sdpa or plain), (stem, sdpa)


def test_rk3566_head3_builds_place_the_linear_or_the_output_never_both():
    """`head3` on rk3566 with rknn-toolkit2 2.5.0 (S = 32 rows, D = 128, N features; the committed sweeps): float16 put
    the Linear's Transpose back on the CPU for N = 6 and 10 (no multiple of 4), int8 also for N = 4, 12 and 20 (no
    multiple of 8: `wide_features_npu_max` 2.5.0 `int8`), and where it did, no Reshape on the output; RKN601 / RKN610
    name what the builds did, by dtype (the export row's LSTM / GRU heads of 12 features, int8: `/head/MatMul`)."""
    ps = _sweep()
    for dtype in ("float16", "int8"):
        tab = yaml.safe_load((ROOT / "rules" / "motifs" / "sweeps" / f"rk3566-{dtype}-2.5.0.yaml").read_text())
        for n in (4, 6, 8, 10, 12, 16, 20):
            built = set(tab["cases"][f"head3_s32_n{n}"]["cpu_nodes"])
            assert built in ({"head_mm"}, {"head_add"}), (dtype, n)
            m, _ = ps.case_head3(32, 128, n)
            fs = findings(m, target="rk3566", dtype=dtype, toolkit_version="2.5.0", select={"RKN601", "RKN610", "RKN611"})
            got = {n_ for f in fs for n_ in [f.location.node_name, *(f.data.get("nodes") or [])] if n_}
            got |= {"head_add"} if any(f.location.tensor == m.graph.output[0].name for f in fs) else set()
            if dtype == "int8":
                assert got & {"head_mm", "head_add"} == built, (dtype, n, got)
            else:  # (float16 N = 4 / 12: a whole-build motif still names head_mm as well, not this rule's)
                assert ("head_add" in got) == ("head_add" in built), (dtype, n, got)


def test_area_attention_qkv_reshape_on_rk2118_230_by_its_token_count():
    """`aattn` (ultralytics' area attention: qkv Conv -> Reshape [1, 2, 128, H*W] -> Split) at 5 x 5 to 40 x 40 built on
    rk2118 float16: with 2.3.0 the qkv Reshape ran on the CPU from 16 x 16 (256 positions; YOLO11n's C2PSA at 640 px,
    20 x 20), on the NPU at 15 x 15 and smaller; with 2.3.2 on the NPU at every size. motifs.tokens_key
    (`<sized key>.n256` / `.n1`) carries it. Fails on the tables before the key (nothing named with 2.3.0)."""
    ps = _sweep()
    tab = yaml.safe_load((ROOT / "rules" / "motifs" / "sweeps" / "rk2118-float16-2.3.0.yaml").read_text())
    for hw, cpu in ((8, False), (14, False), (15, False), (16, True), (20, True), (24, True), (40, True)):
        assert ("qkv_rs" in tab["cases"][f"aattn_hw{hw}"]["cpu_nodes"]) is cpu, hw
        m, _ = ps.case_aattn(hw)
        assert ("qkv_rs" in _cpu_nodes(m, "rk2118", "2.3.0")) is cpu, hw
        assert "qkv_rs" not in _cpu_nodes(m, "rk2118", "2.3.2"), hw
    # rv1106 int8 2.2.0: on the CPU from 10 x 10 (at 5 x 5 and 8 x 8 on the NPU), so YOLO11n's at 640 px too
    m, _ = ps.case_aattn(20)
    assert "qkv_rs" in _cpu_nodes(m, "rv1106", "2.2.0", "int8")


def test_rv1106b_220_dfl_softmax_of_ultralytics_84_past_8192_positions():
    """`dflhead84` built on rv1106b int8 with 2.2.0: the DFL Softmax on the CPU from 2100 anchors (8400 positions), on
    the NPU at 1701, as with 2.3.x: rv1106b's wide_features_npu_max has a 2.2.0 entry with `softmax_spatial` only.
    Fails without it (nothing named with 2.2.0)."""
    ps = _sweep()
    for hw, cpu in ((80, True), (40, True), (36, False)):
        m, _ = ps.case_dflhead84(hw, 80)
        assert ("sm" in _cpu_nodes(m, "rv1106b", "2.2.0", "int8")) is cpu, hw


def test_rknn_toolkit2_2_2_0_follows_its_own_partial_sweeps():
    """The cases the 2.3.0 partial sweeps hold, built with rknn-toolkit2 2.2.0 (rules/motifs/sweeps/*-2.2.0.yaml; before,
    2.2.0 read the nearest full table, 2.3.2's, whose placements differ): `scalar` on rk3566, rk3588 float16 and rv1106
    int8 (the rank-0 Sub and the Cast on the CPU), `melspec` on rk3566 (the STFT Transposes on the NPU), `reduce` (a
    ReduceMean over H, W lowered through a CPU Reshape + Transpose), `head3sm` (PP-OCR's 6625-class head: a CPU Reshape
    on the output, not after the Linear), `pattn` (8 heads of 15 at 40 tokens: v on the NPU) and `crnn` on rv1106 (the
    Transpose in front of the Gemm on the CPU)."""
    ps = _sweep()

    def named(m, target, dtype="float16"):
        return {n for f in findings(m, target=target, dtype=dtype, toolkit_version="2.2.0",
                                    select={"RKN601", "RKN610", "RKN611"})
                for n in [f.location.node_name, *(f.data.get("nodes") or [])] if n}
    floor = ps.case_scalar(8, 32)[0]
    for target, dtype in (("rk3566", "float16"), ("rk3588", "float16"), ("rv1106", "int8")):
        assert {"floor", "floor_cast"} <= named(floor, target, dtype), target
    assert named(ps.case_melspec(8, 257, 32)[0], "rk3566") == {"log", "mel"}
    assert {"front", "reduce"} <= named(ps.case_reduce("ReduceMean", 512, 4, [2, 3], 1)[0], "rk3566")
    head = named(ps.case_head3(40, 120, 6625, softmax=True)[0], "rk3566")
    assert "head_softmax" in head and "head_mm" not in head
    attn = named(ps.case_attn(40, heads=8, d=15, bias_first=True, tail=True, paddle=True)[0], "rk3566")
    assert {"qkv_tp", "o_rs"} <= attn and "sq_v" not in attn
    assert "rows_in" in named(ps.case_crnn(20, 128, 37)[0], "rv1106", "int8")


def test_padded_average_pool_leaving_pads_out_runs_on_the_npu_in_rk3576_int8_before_250():
    """`avgpool` (Conv -> AveragePool -> 1x1 Conv, 64 channels on 14 x 14 and 384 on 35 x 35, Inception-v4's branch
    pools): a padded pool that leaves the pads out of the mean ran on the CPU in every int8 build of rk3588, rk3566 and
    rk3562 (2.3.0, 2.3.2, 2.5.0), rk3576 int8 2.5.0 and rk3576 float16 2.3.2, as the probe's k3_s1_p1, and on the NPU
    in every rk3576 int8 build with 2.2.0, 2.3.0 and 2.3.2 (sweep key AveragePool4:pad_excl, over the probe variant).
    Fails on the tables before (the probe's CPU word everywhere)."""
    ps = _sweep()
    for k, s, p in ((3, 1, 1), (3, 2, 1), (5, 1, 2)):
        m, _ = ps.case_avgpool(64, 14, k, s, p, 0)
        for version in ("2.2.0", "2.3.0", "2.3.2"):
            assert "pool" not in _cpu_nodes(m, "rk3576", version, "int8"), (k, s, p, version)
        for target, version, dtype in (("rk3576", "2.3.2", "float16"), ("rk3576", "2.5.0", "int8"),
                                       ("rk3588", "2.3.2", "int8"), ("rk3566", "2.5.0", "int8"),
                                       ("rk3562", "2.3.0", "int8")):
            assert "pool" in _cpu_nodes(m, target, version, dtype), (k, s, p, target, version, dtype)
    m, _ = ps.case_avgpool(64, 14, 3, 1, 1, 1)  # the pads counted: on the NPU everywhere
    assert "pool" not in _cpu_nodes(m, "rk3588", "2.3.2", "int8")


def test_resize_of_a_1x1_map_stays_on_the_npu_in_int8():
    """`resize1` (an ASPP pooled branch: GlobalAveragePool -> 1x1 Conv -> bilinear Resize of the 1 x 1 map to 8 x 16,
    32 x 32, 64 x 64, align_corners and half_pixel): no CPU layer in any int8 build of rk3588, rk3566, rk3576, rk3562
    (2.3.0, 2.3.2, 2.5.0), where the int8 sweep's align_corners upscales of maps 32 wide or less ran on the CPU
    (sweep class `hw1`). Fails before the class (DeepLabV3+'s pooled branch named on rk3576 int8 2.3.2)."""
    ps = _sweep()
    for c, h, w in ((128, 8, 16), (64, 32, 32)):
        m, _ = ps.case_resize1(c, h, w)
        for target in ("rk3588", "rk3566", "rk3576", "rk3562"):
            for version in ("2.3.2", "2.5.0"):
                assert "resize" not in _cpu_nodes(m, target, version, "int8"), (c, h, w, target, version)


def test_int8_232_classifier_gemm_on_the_output_by_family():
    """`head2` built in int8 with 2.3.2 (and 2.3.0 on rk3588): a Gemm making a rank-2 output [1, N] got a CPU Reshape
    after its 1x1 Conv ('<out>_mm_tp_rs') on rk3588 for N = 1, 2, 4, 7, 8 (2.3.2 and 2.3.0), on rk3566 for N = 1 to 7,
    never for N = 16, and on rk3576 and rk3562 never (unseen set 6 on rk3588 int8 2.3.2: the 1000-class heads of
    Inception-v4, LCNetV2, LowFormer, ResNet-AA, CoAtNeXt and TNT). For a Linear making the output itself the heads entry
    answers where the run's motif (borrowed from float16) says NPU. Fails on the tables before (the float16 word: NPU)."""
    ps = _sweep()
    for n, cpu in ((8, {"rk3588"}), (7, {"rk3588", "rk3566"}), (16, set())):
        m, _ = ps.case_head2(n, "gemm", ())
        for target in ("rk3588", "rk3566", "rk3576", "rk3562"):
            assert ("head_mm" in _cpu_nodes(m, target, "2.3.2", "int8")) is (target in cpu), (n, target)
        assert ("head_mm" in _cpu_nodes(m, "rk3588", "2.3.0", "int8")) is ("rk3588" in cpu), n


def test_committed_sweeps_remove_an_add_of_zeros():
    """`zero_add` (84 builds): TopK indices + zeros, stored or computed from shapes, left no Add layer on every family
    and version measured; the control's + 1 ran the Add on the CPU. The table says `node: removed` from the zero
    builds only."""
    measured = []
    for path in sorted((ROOT / "rules" / "motifs" / "sweeps").glob("*.yaml")):
        tab = yaml.safe_load(path.read_text())
        entry = (tab.get("zero_weight") or {}).get("Add")
        if entry is None:
            continue
        measured.append(path.stem)
        assert entry["node"] == "removed" and entry["n"] == 4, path
        for stem, case in tab["cases"].items():
            if case.get("case") == "zero_add":
                assert ("add" in case["cpu_nodes"]) == (case["input"] == "one"), (path, stem)
    assert measured == ["rk2118-float16-2.3.2", "rk2118-float16-2.5.0", "rk3562-float16-2.5.0", "rk3562-int8-2.3.2",
                        "rk3566-float16-2.3.2", "rk3566-float16-2.5.0", "rk3576-float16-2.5.0", "rk3576-int8-2.3.2",
                        "rk3588-float16-2.3.2", "rk3588-float16-2.5.0", "rv1106-int8-2.3.2", "rv1106-int8-2.5.0",
                        "rv1106b-int8-2.3.2"]


def test_committed_sweep_names_the_layer_after_a_pool_by_its_reader():
    """`reduce_tail` (24 builds a family and version): with 2.5.0 on rk3566 the CPU Transpose after a ReduceMean over
    (-1, -2) took the mean's name under a Conv and the Flatten's / Reshape's in front of a Gemm; with 2.3.2 there was
    none. RKN611 names that node alone."""
    ps = _sweep()
    key = "ReduceMean4:ax-1,-2:kd1"
    tabs = {v: yaml.safe_load((ROOT / "rules" / "motifs" / "sweeps" / f"rk3566-float16-{v}.yaml").read_text())
            for v in ("2.5.0", "2.3.2")}
    assert {k: e["placement"] for k, e in tabs["2.5.0"]["reduce_readers"].items() if k.startswith(key + ">")} == {
        f"{key}>Flatten>linear": "reader", f"{key}>Reshape>linear": "reader", f"{key}>conv": "reduce"}
    assert {e["placement"] for k, e in tabs["2.3.2"]["reduce_readers"].items() if k.startswith(key + ">")} == {"none"}
    assert tabs["2.5.0"]["cases"]["rtail_c512_hw7_ax-1-2_flatten"]["cpu_layers"][2] == "Transpose:flat_y_tp_rs#1"
    got = {}
    for tail in ("conv", "flatten", "view"):
        m = ps.case_reduce_tail(512, 7, (-1, -2), tail)[0]
        got[tail] = [(f.location.node_name, tuple(f.data.get("nodes") or ())) for f in
                     findings(m, target="rk3566", select={"RKN611"}, toolkit_version="2.5.0")
                     if "adds a Transpose after" in f.message]
    assert got == {"conv": [("mean", ("mean",))], "flatten": [("flat", ("flat",))], "view": [("view", ("view",))]}


def test_committed_sweep_puts_a_map_reshaped_to_unaligned_tokens_on_the_cpu():
    """`maptok` (SimCC's head: [1, K, H, W] -> Reshape [1, K, H * W] -> Linear), rk3566 float16 2.5.0 and 2.3.2: the
    Reshape (and the Transpose the toolkit adds) on the CPU for K = 17 at every map from 2 x 2 to 64 x 48, on the
    NPU for K = 16 and 32 (8 x 6); RKN601 follows the size-classed keys."""
    ps = _sweep()
    for v in ("2.5.0", "2.3.2"):
        tab = yaml.safe_load((ROOT / "rules" / "motifs" / "sweeps" / f"rk3566-float16-{v}.yaml").read_text())
        cases = {k: c for k, c in tab["cases"].items() if c.get("case") == "maptok"}
        assert len(cases) == 8, v
        for stem, c in cases.items():
            assert ("tok" in c["cpu_nodes"]) == (c["c"] == 17), (v, stem)
        tok = {c: [f.location.node_name for f in findings(ps.case_maptok(c, 8, 6)[0], target="rk3566",
                                                          select={"RKN601"}, toolkit_version=v)
                   if f.location.node_name == "tok"] for c in (17, 16, 32)}
        assert tok == {17: ["tok"], 16: [], 32: []}, v


def test_committed_sweep_puts_nanodets_dfl_reshapes_on_the_cpu():
    """`nanohead` (6 builds each, rk3566 float16 2.5.0 and 2.3.2): the DFL Reshape [1, A, 4, 8] in front of the Softmax
    and the Reshape after the bins' MatMul ran on the CPU in every build; RKN601 names both (rk3588 2.5.0: on the NPU,
    not merged)."""
    ps = _sweep()
    m = ps.case_nanohead(416, 80)[0]
    for v in ("2.5.0", "2.3.2"):
        tab = yaml.safe_load((ROOT / "rules" / "motifs" / "sweeps" / f"rk3566-float16-{v}.yaml").read_text())
        assert tab["motifs"]["slice>Reshape3>4>softmax"]["nodes"] == ["cpu"], v
        assert all({"bins", "dist"} <= set(c["cpu_nodes"]) for c in tab["cases"].values() if c.get("case") == "nanohead")
        got = {f.location.node_name for f in findings(m, target="rk3566", select={"RKN601"}, toolkit_version=v)}
        assert {"bins", "dist"} <= got, v


def test_committed_sweep_puts_a_flatten_into_topk_on_the_cpu():
    """`flattopk` (rk3566 float16 2.5.0 and 2.3.2): a heat map flattened into a TopK had its Reshape (named after the
    Flatten) on the CPU in every build, whatever the size; RKN601 names the Flatten."""
    ps = _sweep()
    m = ps.case_flattopk(20, 48, 48)[0]
    for v in ("2.5.0", "2.3.2"):
        tab = yaml.safe_load((ROOT / "rules" / "motifs" / "sweeps" / f"rk3566-float16-{v}.yaml").read_text())
        assert tab["motifs"]["elt>Flatten4>2:a16>topk"]["nodes"] == ["cpu"], v
        assert all("flat" in c["cpu_nodes"] for c in tab["cases"].values() if c.get("case") == "flattopk"), v
        got = {f.location.node_name for f in findings(m, target="rk3566", select={"RKN601"}, toolkit_version=v)}
        assert "flat" in got, v


def test_a_sigmoid_of_a_laid_out_conv_map_gets_no_cpu_output_reshape_on_rk3588():
    """`laysig` (a YuNet-style level: Conv -> Reshape [1, C, H * W] -> Transpose(0, 2, 1) -> Sigmoid -> output): with
    rknn-toolkit2 2.3.2 and 2.5.0 on rk3588 fp16 (2.3.2 int8 too) no Reshape on a [1, N, 1] output at 64 to 1600 rows, a CPU one on
    [1, 1600, 4]: the `:lay` output key, read before the plain `elt>out3:a1` a Linear head's rows measured on the CPU."""
    ps = _sweep()
    one, _ = ps.case_laysig(40, 1)
    view = ModelView(one)
    assert motifs.output_keys(view, view.output_names[0]) == ["elt>out3:a1:lay", "elt>out3:a1"]
    four, _ = ps.case_laysig(40, 4)

    def outputs(m, version, dtype):
        return [f.data.get("motif") for f in findings(m, target="rk3588", toolkit_version=version, dtype=dtype,
                                                      select={"RKN610"})]

    for version, dtype in (("2.3.2", "float16"), ("2.5.0", "float16"), ("2.3.2", "int8")):
        assert outputs(one, version, dtype) == [], (version, dtype)
        assert outputs(four, version, dtype) == ["elt>out3:a4:lay"], (version, dtype)


def test_a_stack_and_sum_of_branches_gets_a_cpu_transpose_on_rk3588_past_65536_elements_a_branch():
    """`stacksum` (timm's ParallelThingsBlock: Unsqueeze(0) -> Concat on axis 0 -> ReduceSum): with rknn-toolkit2
    2.3.2 on rk3588 fp16 a Transpose after the Concat on the CPU for 171 x 384 and 577 x 128 per branch, none for
    170 x 384 or 256 x 256 (boundaries_sized concat4>reduce@big / @small); int8 with 2.3.2 none at any size (17 of
    17 builds: the int8 partial table's own `@big` entry answers over the float16 table it lies on)."""
    ps = _sweep()
    for n, d, cpu in ((171, 384, True), (577, 128, True), (170, 384, False), (256, 256, False)):
        m, _ = ps.case_stacksum(n, d)
        view = ModelView(m)
        stack = next(r for r in view.nodes if r.name == "stack")
        assert motifs.boundary_sized_keys(view, stack) == [f"concat4>reduce@{'big' if cpu else 'small'}"]
        assert ("stack" in _cpu_nodes(m, "rk3588", "2.3.2")) == cpu, (n, d)
        assert "stack" not in _cpu_nodes(m, "rk3588", "2.3.2", "int8"), (n, d)


def test_stylegan2_demodulation_sqrt_runs_on_the_cpu_on_rk3588_rk3576_and_rk3562():
    """`demod` (StyleGAN2's weight demodulation as torch dynamo exports it): with rknn-toolkit2 2.3.2 on rk3588,
    rk3576 and rk3562 fp16 and int8 (and 2.5.0 on rk3588 fp16) the rank-5 Sqrt [1, Cout, 1, 1, 1] and its Reciprocal
    ran on the CPU in 6 of 6 builds each (nodes Sqrt5, Reciprocal5), the ReduceSum in front on the NPU."""
    ps = _sweep()
    m, _ = ps.case_demod(64, 32)
    for target in ("rk3588", "rk3576", "rk3562"):
        for dtype in ("float16", "int8"):
            got = _cpu_nodes(m, target, "2.3.2", dtype)
            assert {"sqrt", "rsqrt"} <= got and "sum" not in got, (target, dtype, got)
    assert {"sqrt", "rsqrt"} <= _cpu_nodes(m, "rk3588", "2.5.0")


def test_output_layer_tells_whose_name_the_output_reshape_took():
    """out1op: a gaze head's '<yaw>-rs' is the output's; a map sum's '<map>_tp_rs_mm_tp_rs' (the sum lowered to a
    MatMul) is the output's too, named after the input; a CPU Reshape in front of a Relu output is not."""
    sweep = _sweep()
    m, _ = sweep.case_out1op("rsum4", 1)
    view = ModelView(m)
    out = view.output_names[0]
    lay = {"op_type": "Reshape", "onnx_op": "Relu", "full_name": "Reshape:map_y_tp_rs_mm_tp_rs", "onnx_nodes": ["map"]}
    assert sweep._output_layer(view, out, [lay], {"map"}) == ("cpu", "input")
    assert sweep._output_layer(view, out, [], set()) == ("npu", "")
    m, _ = sweep.case_out1op("sub", 1)
    view = ModelView(m)
    lay = {"op_type": "Reshape", "onnx_op": "Sub", "full_name": "Reshape:shift_y-rs", "onnx_nodes": ["shift"]}
    assert sweep._output_layer(view, view.output_names[0], [lay], {"shift"}) == ("cpu", "output")
    m, _ = sweep.case_out1op("relu", 1)
    view = ModelView(m)
    lay = {"op_type": "Reshape", "onnx_op": "Reshape", "full_name": "Reshape:vec", "onnx_nodes": ["vec"]}
    assert sweep._output_layer(view, view.output_names[0], [lay], set()) == ("npu", "")


def test_rk3566_swin_v2_windows_are_placed_by_each_versions_builds():
    """swinv2win built with 2.3.2 and 2.5.0 on rk3566 float16 (the committed sweeps): both ran the window's token Reshape,
    the qkv Transpose and v's Slice on the CPU at 64 windows of 8 x 8; 2.3.2 ran the out-projection's Add there too,
    2.5.0 its Reshape instead, so the 2.5.0 table no longer borrows 2.3.2's answer for the Add."""
    import rknnlint

    ps = load_script("calibration/placement_sweep.py")
    m = ps.case_swinv2win(64, 8, 96, 3, True)[0]

    def named(version):
        return {f.location.node_name for f in rknnlint.check(m, target="rk3566", toolkit_version=version).findings
                if f.code in ("RKN601", "RKN610", "RKN611") and f.severity.name.lower() in ("warning", "error")}
    old, new = named("2.3.2"), named("2.5.0")
    assert {"tok_rs", "qkv_tp", "sl_v"} <= old & new
    assert "proj_add" in old and "proj_add" not in new


def test_committed_rk3588_sweeps_place_selective_kernel_attention_by_size_and_plane():
    """`skattn`, `skattnc`, `skattnhw` (40 models): in every committed rk3588 build the stack of the branches and the
    weighted Mul had CPU layers exactly where one branch's C*H*W exceeded 65536 (float16) / 131072 (int8) or H*W was
    no multiple of 8 (float16) / 16 (int8); the sum of the stack exactly at such a plane, the weighted sum too but with
    2.3.0."""
    for name, limit, align in (("float16-2.3.2", 65536, 8), ("float16-2.3.0", 65536, 8), ("float16-2.5.0", 65536, 8),
                               ("int8-2.3.2", 131072, 16)):
        tab = yaml.safe_load((ROOT / "rules" / "motifs" / "sweeps" / f"rk3588-{name}.yaml").read_text())
        cases = {k: c for k, c in tab["cases"].items() if str(c.get("case")).startswith("skattn") and
                 c.get("status") == "built" and c.get("paths") == 2}
        assert len(cases) >= 38, name
        for stem, c in cases.items():
            h, w = (c["h"], c["w"]) if "h" in c else (c["hw"], c["hw"])
            plane = h * w % align != 0
            cpu = set(c["cpu_nodes"])
            assert ("stack" in cpu) == ("wsum_mul" in cpu) == (plane or c["c"] * h * w > limit), (name, stem)
            assert ("attn_sum" in cpu) == plane, (name, stem)
            assert ("wsum" in cpu) == (plane and name != "float16-2.3.0"), (name, stem)


def test_committed_sweeps_put_the_group_sum_reshape_on_the_cpu_by_its_size():
    """`r5sum` (FFA-Net's weighted sum of groups): in every committed rk3588 build the Mul of [1, G, C, H, W] by a
    weight, summed over G, had a CPU layer exactly when C*H*W exceeds 65536 in float16 (2.3.2, 2.3.0, 2.5.0) and
    131072 in int8 (2.3.2, 2.5.0)."""
    for name, limit in (("float16-2.3.2", 65536), ("float16-2.3.0", 65536), ("float16-2.5.0", 65536),
                        ("int8-2.3.2", 131072), ("int8-2.5.0", 131072)):
        tab = yaml.safe_load((ROOT / "rules" / "motifs" / "sweeps" / f"rk3588-{name}.yaml").read_text())
        cases = {k: c for k, c in tab["cases"].items() if c.get("case") == "r5sum" and c.get("status") == "built"}
        assert len(cases) >= 9, name
        for stem, c in cases.items():
            assert ("wsum_mul" in c["cpu_nodes"]) == (c["chw"] > limit), (name, stem)


@pytest.mark.parametrize("version", ["2.3.2", "2.5.0"])
def test_rk3566_batch_first_rnn_of_one_sequence_runs_its_unit_transposes_on_the_cpu(version):
    """`rnnseq` (RNNoise's chain of batch-first GRUs of one sequence) built on rk3566 float16: every Transpose(1, 0, 2)
    into and out of a GRU only moves the unit batch axis, and each became a CPU Reshape (motifs.unit_key `@unit`), the
    Squeezes in front of them not; the rank-3 input read by the Linear and the Concat took a CPU layer too. Over a
    batch of sequences (`dpgru`) the same out-of-RNN run keeps its Transpose on the NPU."""
    ps = _sweep()
    m = ps.case_rnnseq("GRU", 10, 42, 24, 24, 48, 22)[0]
    got = _cpu_nodes(m, "rk3566", version)
    assert {"rnn1_in", "rnn1_out", "rnn2_in", "rnn2_out"} <= got
    assert not {"rnn1_sq", "rnn2_sq", "cat"} & got
    # the input Linear's Transpose back at 10 rows (not at 32), the gains Linear's at 22 features and then no Reshape
    # on the Sigmoid output
    assert "dense" in got and "head" in got and "head_act" not in got
    assert "dense" not in _cpu_nodes(ps.case_rnnseq("GRU", 32, 42, 24, 24, 48, 22)[0], "rk3566", version)
    assert any(f.code == "RKN611" and f.location.tensor == "x"
               for f in findings(m, target="rk3566", toolkit_version=version))
    view = ModelView(m)
    out = next(r for r in view.nodes if r.node.name == "rnn1_out")
    assert motifs.unit_key(view, motifs.run_of(view, out)).endswith("concat@unit")
    batch = ps.case_dpgru(32, 16, 16)[0]
    bview = ModelView(batch)
    assert not any(motifs.unit_key(bview, motifs.run_of(bview, r)) for r in bview.nodes
                   if r.op_type == "Transpose" and motifs.run_of(bview, r))


@pytest.mark.parametrize("version, dtype, c, cpu", [
    ("2.3.2", "float16", 7, True), ("2.3.2", "float16", 12, False), ("2.5.0", "float16", 21, True),
    ("2.5.0", "float16", 8, False), ("2.3.2", "int8", 12, True), ("2.3.2", "int8", 16, False)])
def test_rk3566_mixing_linear_over_unaligned_rows_runs_its_transposes_on_the_cpu(version, dtype, c, cpu):
    """`tmix` (TSMixer's time mixing over [1, T, C]) built on rk3566: the Transpose(0, 2, 1) in front of the Linear
    over T and the Linear's Transpose back ran on the CPU where C, the rows of that Linear, is no multiple of 4 in
    float16 (2.3.2 and 2.5.0) and of 8 in int8 (2.3.2); the head's Linear, transposed straight back, on the NPU."""
    ps = _sweep()
    m = ps.case_tmix(512, c)[0]
    got = _cpu_nodes(m, "rk3566", version, dtype)
    assert ({"b0_tp1", "b0_tfc"} <= got) == cpu
    assert not ({"b0_tp1", "b0_tfc"} & got) or cpu
    assert not {"head_fc", "head_tp1"} & got


@pytest.mark.parametrize("version, dtype, cpu", [
    ("2.3.2", "float16", {"sum", "to_map", "flat", "score"}), ("2.5.0", "float16", {"flat", "score"}),
    ("2.3.2", "int8", {"sum", "sqrt", "to_map", "flat", "score"})])
def test_rk3566_padim_anomaly_map_places_its_reduce_and_reshapes_by_version(version, dtype, cpu):
    """`padim` (PaDiM's Mahalanobis map) built on rk3566: the batched MatMul by per-position matrices on the NPU
    (motifs.batched_weight_key `@bw`, where Swin-T's windowed Linear of the same plain key ran on the CPU), the
    ReduceSum's layer, the Reshape back to the map and the Flatten into the ReduceMax on the CPU with 2.3.2 (int8: the
    Sqrt too), only the Flatten and the ReduceMax with 2.5.0."""
    ps = _sweep()
    m = ps.case_padim(28, 32)[0]
    got = _cpu_nodes(m, "rk3566", version, dtype)
    assert got & {"maha", "quad", "tp", "sum", "sqrt", "to_map", "flat", "score"} == cpu


def test_rk3566_area_attention_v_split_of_104_tokens_by_version():
    """`aattn` over a 13 x 8 map (YOLO11m's C2PSA at 416 x 256, N = 104: a multiple of 8, not of 16) on rk3566
    float16: v's Transpose at the Split on the CPU with 2.3.2 (the finding on the Split, area_attention_key
    `aattn4:a8`), none with 2.5.0."""
    ps = _sweep()
    m = ps.case_aattn(13, w=8)[0]
    assert "split" in _cpu_nodes(m, "rk3566", "2.3.2")
    assert "split" not in _cpu_nodes(m, "rk3566", "2.5.0")


def test_rank3_output_of_a_scaled_reshape_names_the_reshape_on_rk3588():
    """placement_sweep `outscale` (a landmark head's Reshape [1, N, K] of a 1x1 Conv, or a 6 x 6 map's flatten, then
    Div / Mul / Add by a scalar or a Sigmoid, making the rank-3 output; 11 models, measured 2026-12-07 with 2.3.2
    float16 / int8, 2.5.0 and 2.3.0 float16): the output's CPU Reshape was 'Reshape:<the Reshape>' in every build with
    an unaligned last dim, so RKN610 names the Reshape, not the op making the output (unseen set 17's hand landmarks)."""
    sweep = _sweep()
    for n, k, op, hw in ((21, 3, "Div", 0), (21, 3, "Sigmoid", 0), (17, 0, "Mul", 6), (21, 3, "", 0)):
        m, _ = sweep.case_outscale(n, k, op, hw)
        for version in ("2.3.2", "2.5.0", "2.3.0"):
            got = [f.location.tensor or f.location.node_name
                   for f in findings(m, target="rk3588", toolkit_version=version, select={"RKN610"})]
            assert got == ["flat_y"], (n, k, op, hw, version, got)
    m, _ = sweep.case_outscale(16, 8, "Div")
    assert not findings(m, target="rk3588", toolkit_version="2.3.2", select={"RKN610"})


@pytest.mark.parametrize("version, dtype, cpu", [("2.3.2", "float16", True), ("2.3.2", "int8", True),
                                                 ("2.5.0", "float16", False)])
def test_rk3566_channels_last_mlp_with_an_unfused_gelu_runs_its_norm_and_exit_transposes_on_the_cpu(version, dtype,
                                                                                                      cpu):
    """`edgeblk` (EdgeNeXt's conv encoder as dynamo writes it, the committed rk3566 sweeps): with 2.3.2 (float16 and
    int8) the LayerNorm's Transpose and the Transpose back ran on the CPU in every block of the dynamo-form GELU, which
    2.3.2 does not fuse, though the residual reads the stream in front of the depthwise Conv (nhwc_mlp's `dw`: all on
    the NPU with the TorchScript GELU); 2.5.0, which fuses it, all on the NPU."""
    ps = _sweep()

    def named(m):
        return {f.location.node_name for f in findings(m, target="rk3566", dtype=dtype, toolkit_version=version)
                if f.code in ("RKN601", "RKN610", "RKN611") and f.severity.name.lower() in ("warning", "error")}
    blocks = {"b0_norm", "b0_to_nchw", "b1_norm", "b1_to_nchw"}
    got = named(ps.case_edgeblk(48, 16, 20, 3, False, 2, "ln", "dynamo")[0])
    assert (blocks <= got) if cpu else not (blocks & got)
    assert not blocks & named(ps.case_edgeblk(48, 16, 20, 3, False, 2, "ln", "ts")[0])


def test_output_of_a_written_out_layernorm_names_its_cpu_layer_after_the_first_mean():
    """`lnout_dec` (Speech2Text's final layer_norm written out, the committed rk3566 sweeps): the output's CPU layer is
    the fused norm's '<mean>_2ln_rs_tp', so RKN610 names the first ReduceMean, not the last Add; the table records
    `named: norm` from such a layer."""
    ps = _sweep()
    m = ps.case_lnout(75, 256, "out", "dec")[0]
    view = ModelView(m)
    lay = {"op_type": "Transpose", "full_name": "Transpose:ln_mean_2ln_rs_tp", "onnx_nodes": ["ln_mean"]}
    assert ps._output_layer(view, view.output_names[0], [lay], set()) == ("cpu", "norm")
    assert ps._output_layer(view, view.output_names[0], [], set()) == ("npu", "")
    for dtype in ("float16", "int8"):
        got = [f for f in findings(m, target="rk3566", dtype=dtype, toolkit_version="2.3.2") if f.code == "RKN610"]
        assert [f.location.tensor for f in got] == ["ln_mean_y"]  # the mean's output: scored as the mean's


def test_rk3566_232_swinir_window_attention_by_the_heads_width():
    """`swinir` (SwinIR-light's window attention on a rank-3 token stream, the committed rk3566 float16 2.3.2 sweep):
    at 96 windows of 64 tokens the partition into the qkv Linear ran on the CPU whatever the heads' width; with heads
    10 wide (C 60, 6 heads) the qkv Reshape, the Split and the heads' Reshape back too, with 16 wide none of those. (q @
    k^T's Reshape, on the CPU in these builds too, is left out of the attention keys: MobileViT's batch of 4 patches
    of 256 tokens, the same key, ran it on the NPU.)"""
    ps = _sweep()

    def named(m):
        return {f.location.node_name for f in findings(m, target="rk3566", toolkit_version="2.3.2")
                if f.code in ("RKN601", "RKN610", "RKN611") and f.severity.name.lower() in ("warning", "error")}
    narrow = named(ps.case_swinir(64, 96, 8, 60, 6)[0])
    assert {"part_rs", "part_tp", "win_rs", "qkv_rs", "split", "o_rs"} <= narrow
    wide = named(ps.case_swinir(64, 96, 8, 64, 4)[0])
    assert {"part_rs", "part_tp", "win_rs"} <= wide
    assert not {"qkv_rs", "split", "o_rs"} & wide
