"""calibration/score.py scores CPU placement by node (recall AND precision, SCORING.md) and calibration/accuracy.py
turns results files into docs/accuracy.md; both on tiny synthetic truths, and the committed page is current."""
from __future__ import annotations

import json
from pathlib import Path

import onnx
from onnx import TensorProto, helper

from conftest import load_script


def _load(name: str):
    return load_script(f"calibration/{name}.py")


def _model(path: Path) -> None:
    nodes = [helper.make_node("Relu", ["x"], ["a"], name="relu"),
             helper.make_node("Reshape", ["a", "s"], ["b"], name="rs"),
             helper.make_node("Softmax", ["b"], ["c"], name="sm"),
             helper.make_node("Exp", ["c"], ["y"])]  # nameless: known by its output
    g = helper.make_graph(nodes, "g", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 4, 2, 2])],
                          [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 16])],
                          [helper.make_tensor("s", TensorProto.INT64, [2], [1, 16])])
    onnx.save(helper.make_model(g), path)


def _f(code, sev="warning", node_index=None, tensor=None, nodes=None):
    return {"code": code, "severity": sev, "message": "m", "target": "rk3566",
            "location": {"graph_path": [], "node_index": node_index, "node_name": None, "tensor": tensor},
            "data": {"nodes": nodes} if nodes else None}


def test_score_counts_precision_and_recall_by_node(tmp_path):
    score = _load("score")
    _model(tmp_path / "m.onnx")
    _model(tmp_path / "bad.onnx")
    truth = {"models": {
        # CPU: the Softmax, a Reshape the toolkit inserted on output y (maps to the nameless Exp), the graph input
        "m": {"status": "built", "cpu_layers": [
            {"op_type": "exSoftmax13", "full_name": "exSoftmax13:sm", "onnx_nodes": ["sm"], "onnx_node_index": [2]},
            {"op_type": "Reshape", "full_name": "Reshape:y-rs", "onnx_nodes": ["y"], "onnx_node_index": [3],
             "graph_output": "y"},
            {"op_type": "Transpose", "full_name": "Transpose:x_tp", "onnx_nodes": [], "graph_input": "x"}]},
        "bad": {"status": "failed", "error": "E build: boom", "cpu_layers": []}}}
    lint = {"models": [
        {"path": str(tmp_path / "m.onnx"), "findings": [
            _f("RKN601", node_index=2),                       # right
            _f("RKN610", tensor="y"),                         # right: the value counts for its producer (Exp)
            _f("RKN601", node_index=1),                       # wrong: the Reshape ran on the NPU
            _f("RKN611", nodes=["relu", "sm"]),               # a fused block: relu wrong, sm already right
            _f("RKN601", sev="info", node_index=0),           # info does not say "CPU"
            _f("RKN910", node_index=1)]},                     # not a placement rule
        {"path": str(tmp_path / "bad.onnx"), "findings": [_f("RKN705", sev="error", node_index=1)]}]}
    res = score.score(truth, lint, {}, "rk3566", tmp_path)
    row = res["models"]["m"]
    assert row["cpu_nodes"] == ["input:x", "sm", "y"]
    assert row["predicted_cpu_nodes"] == ["relu", "rs", "sm", "y"]
    assert row["false_cpu_nodes"] == ["relu", "rs"] and row["missed_cpu_nodes"] == ["input:x"]
    s = res["summary"]
    assert (s["cpu_nodes"], s["predicted_cpu_nodes"]) == (3, 4)
    assert (s["cpu_node_recall_pct"], s["cpu_node_precision_pct"]) == (66.7, 50.0)
    assert (s["failure_recall_pct"], s["false_alarms"], s["verdict_agreement_pct"]) == (100.0, 0, 100.0)


def test_accuracy_page_has_a_table_per_family_and_version(tmp_path):
    acc = _load("accuracy")
    res = tmp_path / "results"
    res.mkdir()
    base = {"summary": {"models": 3, "builds": 2, "scored": 3, "verdict_agreement_pct": 66.7,
                        "verdict_confusion": {"fail_predicted_and_failed": 0, "build_predicted_but_failed": 1,
                                              "fail_predicted_but_built": 0},
                        "failure_recall_pct": 0.0, "false_alarms": 0, "cpu_nodes": 4,
                        "cpu_node_recall_pct": 75.0, "cpu_node_precision_pct": 60.0},
            "rknnlint_commit": "abc1234"}
    for target, dtype, version in (("rk3566", "float16", "2.5.0"), ("rk3566", "float16", "2.3.2"),
                                   ("rv1106", "int8", "2.5.0")):
        (res / f"{target}-{dtype}-{version}.json").write_text(
            json.dumps({**base, "target": target, "dtype": dtype, "toolkit": version}))
    out = tmp_path / "accuracy.md"
    assert acc.main(["--results", str(res), "--out", str(out)]) == 0
    text = out.read_text()
    lines = text.splitlines()
    i, j = lines.index("## rk3566"), lines.index("## rv1106")
    rows = [x for x in lines[i:j] if x.startswith("| 2.")]
    assert [r.split(" | ")[0] for r in rows] == ["| 2.3.2", "| 2.5.0"]  # versions in order
    assert ("| 66.7% of 3 | 0.0% of 1 | 0 | 4 | 75.0% | 60.0% | - | - | - | - | - | - | - | - | - | - | - | - | - | - | - | - | - | - | - | - | - | - "
            "| `abc1234` |") in rows[0]
    assert "| int8 |" in lines[j + 4]
    assert acc.main(["--results", str(res), "--out", str(out), "--check"]) == 0
    # the unseen exports' scoring of the same target, dtype and version fills its column
    (res / "unseen").mkdir()
    (res / "unseen" / "rk3566-float16-2.5.0.json").write_text(json.dumps(
        {"target": "rk3566", "dtype": "float16", "toolkit": "2.5.0",
         "summary": {"builds": 19, "cpu_node_recall_pct": 40.0, "cpu_node_precision_pct": 80.0}}))
    (res / "unseen" / "fix-rk3588-float16-2.5.0.json").write_text("{}")  # another measurement kept there
    assert acc.main(["--results", str(res), "--out", str(out)]) == 0
    rows = [x for x in out.read_text().splitlines() if x.startswith("| 2.5.0 | float16")]
    assert "| - | 40.0% / 80.0% (19 built) | - | - | - | - | - | - | - | - | - | - | - | - | - | - | - | - | - | - | - | - | `abc1234` |" in rows[0]
    # the pretrained models' scoring fills its own column, verdict agreement included
    (res / "pretrained").mkdir()
    (res / "pretrained" / "rk3566-float16-2.5.0.json").write_text(json.dumps(
        {"target": "rk3566", "dtype": "float16", "toolkit": "2.5.0",
         "summary": {"models": 30, "builds": 27, "verdict_agreement_pct": 96.7, "cpu_node_recall_pct": 30.0,
                     "cpu_node_precision_pct": 50.0}}))
    assert acc.main(["--results", str(res), "--out", str(out)]) == 0
    rows = [x for x in out.read_text().splitlines() if x.startswith("| 2.5.0 | float16")]
    assert ("| 40.0% / 80.0% (19 built) | - | - | - | - | - | - | - | - | - | - | - | - | - | - | - | - | - | - | - | 30.0% / 50.0% / 96.7% (27 of 30 built) "
            "| `abc1234` |") in rows[0]
    # with its verdict scored, and the scoring from before the fixes that set taught kept beside it: "(was N%)"
    (res / "unseen" / "rk3566-float16-2.5.0.json").write_text(json.dumps(
        {"target": "rk3566", "dtype": "float16", "toolkit": "2.5.0",
         "summary": {"builds": 19, "scored": 40, "verdict_agreement_pct": 97.5, "cpu_node_recall_pct": 90.0,
                     "cpu_node_precision_pct": 80.0}}))
    (res / "unseen" / "before-fixes").mkdir()
    (res / "unseen" / "before-fixes" / "rk3566-float16-2.5.0.json").write_text(json.dumps(
        {"summary": {"cpu_node_recall_pct": 40.0, "cpu_node_precision_pct": 80.0}}))
    assert acc.main(["--results", str(res), "--out", str(out)]) == 0
    rows = [x for x in out.read_text().splitlines() if x.startswith("| 2.5.0 | float16")]
    assert "| 90.0% (was 40.0%) / 80.0% (was 80.0%) (19 built, verdict 97.5% of 40) |" in rows[0]
    # a version built on the pretrained models only gets its row, its calibration columns empty
    (res / "pretrained" / "rk3566-float16-2.3.0.json").write_text(json.dumps(
        {"target": "rk3566", "dtype": "float16", "toolkit": "2.3.0", "rknnlint_commit": "def5678",
         "summary": {"models": 30, "builds": 26, "verdict_agreement_pct": 100.0, "cpu_node_recall_pct": 70.0,
                     "cpu_node_precision_pct": 90.0}}))
    assert acc.main(["--results", str(res), "--out", str(out)]) == 0
    lines = out.read_text().splitlines()
    rows = [x for x in lines[lines.index("## rk3566"):lines.index("## rv1106")] if x.startswith("| 2.")]
    assert rows[0] == "| 2.3.0 | float16" + " | -" * 29 + " | 70.0% / 90.0% / 100.0% (26 of 30 built) | `def5678` |"
    assert [r.split(" | ")[0] for r in rows] == ["| 2.3.0", "| 2.3.2", "| 2.5.0"]
    # the fourth unseen set (export_unseen3.py): its first scoring alone, then the later one with "(was N%)"
    u3 = res / "unseen3"
    (u3 / "before").mkdir(parents=True)
    first = {"target": "rk3566", "dtype": "float16", "toolkit": "2.3.2", "rknnlint_commit": "aaa0001",
             "summary": {"builds": 30, "scored": 36, "verdict_agreement_pct": 94.4, "cpu_node_recall_pct": 50.0,
                         "cpu_node_precision_pct": 70.0}}
    (u3 / "before" / "rk3566-float16-2.3.2.json").write_text(json.dumps(first))
    (u3 / "before" / "rk3576-float16-2.3.2.json").write_text(json.dumps({**first, "target": "rk3576"}))
    assert acc.main(["--results", str(res), "--out", str(out)]) == 0
    lines = out.read_text().splitlines()
    row = next(x for x in lines if x.startswith("| 2.3.2 | float16") and "abc1234" in x)
    assert "| - | 50.0% / 70.0% (30 built, verdict 94.4% of 36) | - | - | - | - | - | - | - | - | - | - | - | - | - | - | - | - | - | - | - | `abc1234` |" in row
    # a row with no calibration build of its own gets one, its other columns empty
    i = lines.index("## rk3576")
    assert lines[i + 4] == ("| 2.3.2 | float16" + " | -" * 10 + " | 50.0% / 70.0% (30 built, verdict 94.4% of 36)"
                            " | - | - | - | - | - | - | - | - | - | - | - | - | - | - | - | - | - | - | - | `aaa0001` |")
    (u3 / "rk3566-float16-2.3.2.json").write_text(json.dumps(
        {**first, "summary": {**first["summary"], "cpu_node_recall_pct": 80.0}}))
    assert acc.main(["--results", str(res), "--out", str(out)]) == 0
    row = next(x for x in out.read_text().splitlines() if x.startswith("| 2.3.2 | float16") and "abc1234" in x)
    assert "| 80.0% (was 50.0%) / 70.0% (was 70.0%) (30 built, verdict 94.4% (was 94.4%) of 36) |" in row
    # unseen sets 5 to 22 (export_unseen4.py ... export_unseen21.py) each have a column after it, laid out the same
    # way: the first scoring alone, then the later one with "(was N%)"; the pretrained column and the commit close it
    later = [("unseen4", 20.0, 60.0), ("unseen5", 30.0, 40.0), ("unseen6", 10.0, 15.0), ("unseen7", 5.0, 25.0),
             ("unseen8", 35.0, 45.0), ("unseen9", 15.0, 55.0), ("unseen10", 25.0, 65.0), ("unseen11", 45.0, 75.0),
             ("unseen12", 40.0, 85.0), ("unseen13", 50.0, 90.0), ("unseen14", 55.0, 95.0),
             ("unseen15", 60.0, 97.0), ("unseen16", 65.0, 98.0), ("unseen17", 70.0, 99.0),
             ("unseen18", 75.0, 99.5), ("unseen19", 80.0, 99.7),
             ("unseen20", 85.0, 99.8), ("unseen21", 87.0, 99.9)]
    for k, (name, before, after) in enumerate(later):
        tail = " | -" * (len(later) - k) + " | `abc1234` |"
        d = res / name
        (d / "before").mkdir(parents=True)
        for sub, pct in (("before", before), (".", after)):
            (d / sub / "rk3566-float16-2.3.2.json").write_text(json.dumps(
                {**first, "summary": {**first["summary"], "cpu_node_recall_pct": pct}}))
            assert acc.main(["--results", str(res), "--out", str(out)]) == 0
            row = next(x for x in out.read_text().splitlines() if x.startswith("| 2.3.2 | float16") and "abc1234" in x)
            cell = (f"{pct}% / 70.0% (30 built, verdict 94.4% of 36)" if sub == "before" else
                    f"{after}% (was {before}%) / 70.0% (was 70.0%) (30 built, verdict 94.4% (was 94.4%) of 36)")
            assert f"36) | {cell}{tail}" in row, (name, sub, row)
    text = out.read_text()
    out.write_text(text + "x")
    assert acc.main(["--results", str(res), "--out", str(out), "--check"]) == 1


def test_committed_accuracy_page_is_current():
    assert _load("accuracy").main(["--check"]) == 0, "regenerate with: python calibration/accuracy.py"


def test_motif_table_keeps_only_the_sections_asked_for(tmp_path):
    """mine_motifs.py table --sections motifs: the back-offs are left empty (they are majorities over other runs and
    lost precision on held-out rk3588 models), the exact motifs stay; an unknown section is refused."""
    import argparse

    import pytest

    mm = _load("mine_motifs")
    _model(tmp_path / "m.onnx")
    truth = {"target": "rk3588", "dtype": "float16", "toolkit": "2.3.2",
             "models": {"m": {"status": "built", "cpu_layers": [{"full_name": "Reshape:rs", "onnx_nodes": ["rs"],
                                                                 "target": "CPU", "op_type": "Reshape"}]}}}
    ev = mm.evidence_from_builds(tmp_path, truth)
    full = ev.table()
    assert full["motifs"] and full["contexts"]
    path = mm.write_table(tmp_path / "out", truth, ev, "test", ["motifs"])
    import yaml

    doc = yaml.safe_load(path.read_text())
    assert path.name == "rk3588-float16-2.3.2.yaml"
    assert doc["motifs"] == full["motifs"] and doc["contexts"] == doc["neighbors"] == doc["ops"] == {}
    assert "sections kept: motifs" in doc["source"]
    with pytest.raises(SystemExit, match="unknown backoffs"):
        mm._sections(argparse.Namespace(sections="motifs,backoffs"))


def test_rescore_flags_a_model_exported_differently_and_a_row_that_lost(tmp_path):
    """calibration/rescore.py: a rebuilt truth whose CPU layers map to other nodes than the committed row's is a model
    exported differently (not comparable); a new scoring that misses a node or predicts a failure for a model that
    built is a loss, listed per model."""
    score, rescore = _load("score"), _load("rescore")
    _model(tmp_path / "m.onnx")
    truth = {"models": {"m": {"status": "built", "cpu_layers": [
        {"op_type": "exSoftmax13", "full_name": "exSoftmax13:sm", "onnx_nodes": ["sm"], "onnx_node_index": [2]}]}}}
    good = {"models": [{"path": str(tmp_path / "m.onnx"), "findings": [_f("RKN601", node_index=2)]}]}
    bad = {"models": [{"path": str(tmp_path / "m.onnx"), "findings": [_f("RKN601", node_index=1),
                                                                     _f("RKN705", sev="error", node_index=0)]}]}
    old, new = score.score(truth, good, {}, "rk3566", tmp_path), score.score(truth, bad, {}, "rk3566", tmp_path)
    assert rescore.differing_models(old, truth, tmp_path) == {}
    moved = {"models": {"m": {"status": "built", "cpu_layers": [
        {"op_type": "Reshape", "full_name": "Reshape:b", "onnx_nodes": ["rs"], "onnx_node_index": [1]}]}}}
    assert rescore.differing_models(old, moved, tmp_path) == {"m": "CPU nodes ['sm'] -> ['rs']"}
    (tmp_path / "m.onnx").unlink()
    assert rescore.differing_models(old, truth, tmp_path) == {"m": "not exported"}
    assert rescore.worse(old, new) == ["recall", "precision", "verdict", "false alarms"]
    assert rescore.worse(old, old) == []
    changes = rescore.model_changes(old, new)
    assert changes == ["    m: verdict build -> fail (real: built; RKN705); missed +sm; false +rs"]
    assert rescore.row_name(rescore.RESULTS / "unseen" / "rk3588-float16-2.5.0.json") == "unseen-rk3588-float16-2.5.0"


def test_fix_rate_section_counts_fixed_and_says_why_not(tmp_path):
    """results/fix/<set>-<row>.json (bench/bench_fix.py --builds --out) -> the "Fix rate" section: fixed = builds
    and cosine >= 0.999; the rest named with why (no fix and the errors left, a build failure, a low cosine)."""
    acc = _load("accuracy")
    fix = tmp_path / "fix"
    fix.mkdir()
    (fix / "unseen3-rk3566-float16-2.5.0.json").write_text(json.dumps({
        "target": "rk3566", "dtype": "float16", "toolkit": "2.5.0", "summary": {"failing": 4, "builds": 3, "fixed": 2},
        "models": {"a": {"result": "builds", "cosine": 1.0, "fixed": True},
                   "b": {"result": "builds", "cosine": None, "fixed": True},
                   "c": {"result": "builds", "cosine": 0.98, "fixed": False},
                   "d": {"result": "nothing written", "left": ["RKN303"], "fixed": False}}}))
    lines = acc.fix_rate(fix)
    row = next(ln for ln in lines if ln.startswith("| unseen set 4 | rk3566 |"))
    assert "| 4 | 3 | **2** (50%; 1 not scored: outputs below 1e-3) |" in row
    assert "c (cosine 0.98); d (no fix (RKN303 left))" in row
    assert acc.fix_rate(tmp_path / "none") == []


def test_issue_reproductions_get_their_own_table_with_the_first_scoring(tmp_path):
    """calibration/issue_repros.py's rows (results/issue-repros/) are a section of their own, "(was N%)" from before/."""
    acc = _load("accuracy")
    res = tmp_path / "results"
    (res / "issue-repros" / "before").mkdir(parents=True)

    def summary(recall, fr, fa):
        return {"models": 25, "builds": 24, "verdict_agreement_pct": 96.0, "failure_recall_pct": fr,
                "false_alarms": fa, "cpu_nodes": 30, "cpu_node_recall_pct": recall, "cpu_node_precision_pct": 100.0,
                "verdict_confusion": {"fail_predicted_and_failed": 1 if fr else 0,
                                      "build_predicted_but_failed": 0 if fr else 1}}
    for sub, s in (("", summary(90.0, 100.0, 0)), ("before", summary(70.0, 0.0, 1))):
        (res / "issue-repros" / sub / "rv1106-int8-2.5.0.json").write_text(json.dumps(
            {"target": "rv1106", "dtype": "int8", "toolkit": "2.5.0", "summary": s}))
    out = tmp_path / "accuracy.md"
    assert acc.main(["--results", str(res), "--out", str(out)]) == 0
    lines = out.read_text().splitlines()
    i = lines.index("## Issue reproductions")
    row = next(x for x in lines[i:] if x.startswith("| rv1106 |"))
    assert row == ("| rv1106 | int8 | 2.5.0 | 25 | 24 | 96.0% | 100.0% (was 0.0%) of 1 | 0 (was 1) | 30 | "
                   "90.0% (was 70.0%) | 100.0% |")


def test_second_issue_batch_is_a_section_of_its_own_after_the_first(tmp_path):
    """calibration/issue_repros2.py's rows (results/issue-repros2/) get their own section, after the first batch's,
    naming their script; a row of one batch never shows in the other's table."""
    acc = _load("accuracy")
    res = tmp_path / "results"
    s = {"models": 20, "builds": 18, "verdict_agreement_pct": 90.0, "failure_recall_pct": 50.0, "false_alarms": 0,
         "cpu_nodes": 12, "cpu_node_recall_pct": 75.0, "cpu_node_precision_pct": 100.0,
         "verdict_confusion": {"fail_predicted_and_failed": 1, "build_predicted_but_failed": 1}}
    for key, target in (("issue-repros", "rk3588"), ("issue-repros2", "rk3576")):
        (res / key).mkdir(parents=True)
        (res / key / f"{target}-float16-2.3.2.json").write_text(json.dumps(
            {"target": target, "dtype": "float16", "toolkit": "2.3.2", "summary": s}))
    (res / "issue-repros2" / "before").mkdir()
    (res / "issue-repros2" / "before" / "rk3576-float16-2.3.2.json").write_text(json.dumps(
        {"target": "rk3576", "dtype": "float16", "toolkit": "2.3.2", "summary": dict(s, cpu_node_recall_pct=50.0)}))
    out = tmp_path / "accuracy.md"
    assert acc.main(["--results", str(res), "--out", str(out)]) == 0
    lines = out.read_text().splitlines()
    first, second = lines.index("## Issue reproductions"), lines.index("## Issue reproductions, second batch")
    assert first < second
    assert "`calibration/issue_repros2.py`" in lines[second + 2]
    assert not any(x.startswith("| rk3576 |") for x in lines[first:second])
    row = next(x for x in lines[second:] if x.startswith("| rk3576 |"))
    assert row == ("| rk3576 | float16 | 2.3.2 | 20 | 18 | 90.0% | 50.0% of 2 | 0 | 12 | 75.0% (was 50.0%) | "
                   "100.0% |")
