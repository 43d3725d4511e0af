"""The "pinned" load mode (SCORING.md): calibration/pin_models.py writes the copies with static input dims (nothing
else changed), calibration/run_toolkit.py --pin builds only the dynamic models with load_onnx inputs /
input_size_list from the same plan, and calibration/accuracy.py shows the rows in a section of their own."""
from __future__ import annotations

import json
from pathlib import Path

import onnx
from onnx import TensorProto, helper

from conftest import load_script


def _load(name: str):
    return load_script(f"calibration/{name}.py")


def _model(path: Path, shape, extra_input=None) -> None:
    nodes = [helper.make_node("Shape", ["x"], ["s"], name="shape"),
             helper.make_node("Relu", ["x"], ["a"], name="relu"),
             helper.make_node("Reshape", ["a", "s"], ["y"], name="rs")]
    ins = [helper.make_tensor_value_info("x", TensorProto.FLOAT, shape)]
    if extra_input:
        ins.append(helper.make_tensor_value_info(*extra_input))
    g = helper.make_graph(nodes, "g", ins, [helper.make_tensor_value_info("y", TensorProto.FLOAT, shape)])
    g.value_info.append(helper.make_tensor_value_info("a", TensorProto.FLOAT, shape))
    onnx.save(helper.make_model(g, opset_imports=[helper.make_opsetid("", 13)]), path)


def _set(tmp_path: Path) -> Path:
    d = tmp_path / "set"
    d.mkdir()
    _model(d / "static.onnx", [1, 3, 8, 8])
    _model(d / "dynhw.onnx", ["batch", 3, "h", "w"])
    _model(d / "dynseq.onnx", [1, "T", 16], extra_input=("mask", TensorProto.FLOAT, [1, "T"]))
    _model(d / "nomani.onnx", ["N", 3, "H", "W"])
    (d / "manifest.json").write_text(json.dumps({
        "dynhw": {"family": "cls", "dynamic": {"x": {"0": "batch"}}, "example_inputs": {"x": [1, 3, 96, 128]},
                  "inputs": {"x": ["batch", 3, "h", "w"]}},
        "dynseq": {"family": "seq", "inputs": {"x": [1, "T", 16], "mask": [1, "T"]}},
        "static": {"family": "cls", "inputs": {"x": [1, 3, 8, 8]}}}))
    return d


def test_pin_plan_takes_export_time_shapes_then_documented_defaults(tmp_path):
    pm = _load("pin_models")
    d = _set(tmp_path)
    shapes_from = tmp_path / "export_x.py"
    shapes_from.write_text('INPUT_SHAPES: dict = {"dynseq": ["x=1,40,16"]}\n')
    plans = pm.plans(d, shapes_from)
    assert set(plans) == {"dynhw", "dynseq", "nomani"}  # all-static: the as-exported job
    assert plans["dynhw"][0] == {"x": [1, 3, 96, 128]}
    # the mask's T solved from the input's T (rknnlint's pin-input-shapes plan)
    assert plans["dynseq"][0] == {"x": [1, 40, 16], "mask": [1, 40]}
    assert plans["nomani"][0] == {"x": [1, 3, pm.DEFAULT_HW, pm.DEFAULT_HW]}


def test_pinned_copy_changes_only_the_graph_inputs(tmp_path):
    pm = _load("pin_models")
    d = _set(tmp_path)
    out = tmp_path / "pinned"
    assert pm.main(["--models", str(d), "--out", str(out)]) == 0
    assert sorted(p.name for p in out.glob("*.onnx")) == ["dynhw.onnx", "dynseq.onnx", "nomani.onnx"]
    src, got = onnx.load(d / "dynhw.onnx"), onnx.load(out / "dynhw.onnx")
    assert [x.dim_value for x in got.graph.input[0].type.tensor_type.shape.dim] == [1, 3, 96, 128]
    assert got.graph.node == src.graph.node and got.graph.output == src.graph.output
    assert got.graph.value_info == src.graph.value_info  # symbolic value_info stays as exported
    man = json.loads((out / "manifest.json").read_text())
    assert man["dynhw"]["pinned"] == {"x": [1, 3, 96, 128]} and man["dynhw"]["family"] == "cls"


def test_run_toolkit_pin_builds_only_dynamic_models_with_load_onnx_shapes(tmp_path, monkeypatch):
    rt = _load("run_toolkit")
    d = _set(tmp_path)
    jobs = []

    class Raw:
        returncode, stdout, stderr, seconds = 0, "", "", 0.1
        result = {"ok": True, "stage": "done"}

    def fake(job, **kw):
        jobs.append(job)
        return Raw()

    monkeypatch.setattr(rt, "run_build", fake)
    monkeypatch.setattr(rt, "_toolkit_version", lambda python=None: "2.3.2")
    truth = tmp_path / "truth.json"
    assert rt.main(["--models", str(d), "--out", str(truth), "--pin"]) == 0
    got = {Path(j.model).stem: j.input_shapes for j in jobs}
    assert got == {"dynhw": {"x": [1, 3, 96, 128]}, "dynseq": {"x": [1, 64, 16], "mask": [1, 64]},
                   "nomani": {"x": [1, 3, 224, 224]}}
    t = json.loads(truth.read_text())
    assert t["load"] == "pinned" and set(t["models"]) == set(got)
    assert t["models"]["dynhw"]["pinned"] == {"x": [1, 3, 96, 128]}
    jobs.clear()
    assert rt.main(["--models", str(d), "--out", str(truth), "--pin"]) == 0 and not jobs  # nothing changed
    assert rt.main(["--models", str(d), "--out", str(tmp_path / "plain.json")]) == 0
    assert len(jobs) == 4 and all(not j.input_shapes for j in jobs)  # as exported: every model, no shapes


def test_pinned_rows_are_a_section_of_their_own_with_the_first_scoring(tmp_path):
    acc = _load("accuracy")
    res = tmp_path / "results"
    s = {"models": 8, "builds": 6, "verdict_agreement_pct": 75.0, "failure_recall_pct": 50.0, "false_alarms": 1,
         "cpu_nodes": 10, "cpu_node_recall_pct": 80.0, "cpu_node_precision_pct": 90.0,
         "verdict_confusion": {"fail_predicted_and_failed": 1, "build_predicted_but_failed": 1}}
    (res / "pinned" / "main" / "before").mkdir(parents=True)
    (res / "pinned" / "main" / "rk3588-float16-2.3.2.json").write_text(json.dumps(
        {"target": "rk3588", "dtype": "float16", "toolkit": "2.3.2", "summary": s}))
    (res / "pinned" / "main" / "before" / "rk3588-float16-2.3.2.json").write_text(json.dumps(
        {"target": "rk3588", "dtype": "float16", "toolkit": "2.3.2",
         "summary": dict(s, cpu_node_precision_pct=40.0, false_alarms=3)}))
    out = tmp_path / "accuracy.md"
    assert acc.main(["--results", str(res), "--out", str(out)]) == 0
    lines = out.read_text().splitlines()
    i = lines.index("## Pinned inputs")
    row = next(x for x in lines[i:] if x.startswith("| main"))
    assert row == ("| main (`calibration/export_models.py`) | rk3588 | float16 | 2.3.2 | 8 | 6 | 75.0% | 50.0% of 2 | "
                   "1 (was 3) | 10 | 80.0% | 90.0% (was 40.0%) |")
    assert not any(x.startswith("| 2.3.2 |") for x in lines[:i] if "main" in x)
