"""`rknnlint build` without the toolkit: log parsing, error mapping, metrics, static-vs-build, usage errors."""
from __future__ import annotations

import os
import subprocess
import sys

import numpy as np
import pytest

from conftest import ROOT, make_model, run_cli, save
from rknnlint.finding import Finding, Location, Severity
from rknnlint.toolkit.compare import metrics, normalise, seeded_inputs
from rknnlint.toolkit.logparse import (
    BuildOutcome,
    Layer,
    classify_error,
    layer_table,
    map_layers,
    parse_outcome,
)
from rknnlint.toolkit.runner import RawRun

# Rows as rknn-toolkit2 2.5.0 printed them for seq_gru2x96_op12.onnx (rk3588 fp16), with the native log prefix.
TABLE = """\
D RKNN: [13:04:04.751]                                                         Network Layer Information Table
D RKNN: [13:04:04.751] ----------------------------------------------------------------------------------------------
D RKNN: [13:04:04.751] ID   OpType             DataType Target InputShape                               OutputShape            Cycles(DDR/NPU/Total)    RW(KB)       FullName
D RKNN: [13:04:04.751] ----------------------------------------------------------------------------------------------
D RKNN: [13:04:04.751] 0    InputOperator      FLOAT16  CPU    \\                                        (1,40,64)              0/0/0                    0            InputOperator:feats
D RKNN: [13:04:04.751] 2    exGRU              FLOAT16  NPU    (40,1,64),(96,64,1,1),(288,96,1,1),...   (40,1,1,96)            0/0/0                    571          exGRU:/g/GRU
D RKNN: [13:04:04.751] 6    Conv               FLOAT16  NPU    (1,96,1,40),(10,96,1,1),(10)             (1,10,1,40)            463/144/463              9            Conv:/o/MatMul#2
D RKNN: [13:04:04.751] 8    Reshape            FLOAT16  CPU    (1,40,1,10),(3)                          (1,40,10)              0/0/0                    0            Reshape:out-rs
D RKNN: [13:04:04.751] 9    OutputOperator     FLOAT16  CPU    (1,40,10)                                \\                      0/0/0                    0            OutputOperator:out
D RKNN: [13:04:04.751] ----------------------------------------------------------------------------------------------
D RKNN: [13:04:04.752] >>>>>> start: rknn::RKNNModelExportPass
"""


def test_layer_table_rows():
    rows = layer_table(TABLE)
    assert [r.id for r in rows] == [0, 2, 6, 8, 9]
    gru = rows[1]
    assert (gru.op_type, gru.dtype, gru.target, gru.output_shape, gru.cycles, gru.full_name) == \
        ("exGRU", "FLOAT16", "NPU", "(40,1,1,96)", "0/0/0", "exGRU:/g/GRU")
    assert gru.input_shapes == "(40,1,64),(96,64,1,1),(288,96,1,1),..."
    assert rows[2].cycles == "463/144/463"
    assert rows[3].target == "CPU" and rows[3].full_name == "Reshape:out-rs"


def test_layer_table_takes_the_last_table():
    rows = layer_table(TABLE.replace("exGRU  ", "exLSTM ") + TABLE)
    assert rows[1].op_type == "exGRU"


def test_map_layers_to_onnx_nodes(tmp_path):
    from onnx import helper

    m = make_model([helper.make_node("Relu", ["x"], ["r"], name="/a/Relu"), helper.make_node("Add", ["r", "r"], ["out"], name="/o/Add")],
                   [("x", [1, 4])], [("out", [1, 4])])
    p = save(m, tmp_path)
    rows = [Layer(id=1, op_type="Relu", target="NPU", full_name="Relu:/a/Relu"),
            Layer(id=2, op_type="Reshape", target="CPU", full_name="Reshape:out-rs"),
            Layer(id=3, op_type="Transpose", target="NPU", full_name="Transpose:r_output_0_mm_tp#2")]
    got = map_layers(rows, str(p))
    assert got[0].onnx_nodes == ("/a/Relu",) and got[0].onnx_op == "Relu"
    assert got[1].onnx_nodes == ("/o/Add",) and got[1].onnx_op == "Add"  # the producer of output 'out'
    assert got[2].onnx_nodes == ("/a/Relu",)  # suffixes stripped down to the tensor 'r': a layout layer on it


@pytest.mark.parametrize("error,code,node", [
    ("load_onnx: Unsupport onnx opset 21, need <= 19!", "RKN201", ""),
    ("load_onnx: The input shape ['batch', 3, 224, 224] of 'input' is not support!", "RKN101", ""),
    ("build: The input 0 of NonMaxSuppression('nms') need to be constant! It will cause the graph to be a dynamic graph!",
     "RKN301", "nms"),
    ("build: The If('cond_if') will cause the graph to be a dynamic graph! Remove it manually and try again!", "RKN302", "cond_if"),
    ("config: Current target_platform(rv1106) not support do_quantization = False!", "RKN903", ""),
    ("build: ValueError: IndexError: list index out of range", "RKN704", ""),
    ("build: something nobody has seen", "RKN090", ""),
])
def test_classify_error(error, code, node):
    lines = ["W You can add disable_rules=['seperate_conv_rs_split'] in rknn.config() to temporarily disable the error rule!"] \
        if code == "RKN704" else []
    f, suggested = classify_error(error, lines, "", "m.onnx", "rk3588")
    assert f.code == code and f.severity is Severity.ERROR
    assert f.location.node_name == node
    assert error.split(": ", 1)[1][:20] in f.message or code in ("RKN301", "RKN302")
    if code == "RKN704":
        assert suggested == "seperate_conv_rs_split" and f.data["disable_rules"] == ["seperate_conv_rs_split"]


def test_layernorm_pass_crash_maps_to_rkn702():
    tb = "File x.py in _p_convert_layernorm_to_exnorm\nKeyError: 'LayerNormalization'"
    f, _ = classify_error("build: ValueError: KeyError: 'LayerNormalization'", [], tb, "m.onnx", "rk3588")
    assert f.code == "RKN702" and "_p_convert_layernorm_to_exnorm" in f.message


def _raw(rc, result, stdout="", stderr=""):
    return RawRun(rc, stdout, stderr, result, 1.0, "/tmp/x.log", 5.0)


def test_outcome_signal_is_a_crash_finding():
    o = parse_outcome(_raw(-11, {"stage": "build", "ok": False}, stderr="D RKNN: [1:2:3.4] >>>>>> start: OpEmit\n"),
                      "m.onnx", "rk3588", "fp16")
    assert o.status == "crashed" and "SIGSEGV" in o.error
    (f,) = o.findings
    assert f.code == "RKN091" and f.data["signal"] == 11 and f.data["stage"] == "build"
    assert any("OpEmit" in s for s in f.data["last_lines"])


def test_outcome_timeout():
    o = parse_outcome(_raw(None, {"stage": "build"}), "m.onnx", "rk3588", "fp16")
    assert o.status == "timeout" and "5 s" in o.error and o.findings[0].code == "RKN091"


def test_outcome_built_with_cpu_layer_warning_and_compare(tmp_path):
    stderr = "W load_onnx: Please note that some float16/float64 data types in the model have been modified to float32!\n"
    res = {"ok": True, "stage": "done", "compare": {"ran": True, "outputs": [
        {"output": "out", "cosine": 0.5, "max_abs_err": 3.0, "verdict": "mismatch"}]}}
    o = parse_outcome(_raw(0, res, stdout=TABLE, stderr=stderr), "m.onnx", "rk3588", "fp16")
    codes = sorted(f.code for f in o.findings)
    assert codes == ["RKN092", "RKN093", "RKN094"]
    s = o.summary()
    assert s == {"layers": 3, "npu_layers": 2, "npu_coverage": round(2 / 3, 4), "cpu_ops": {"Reshape": 1}}
    assert o.agrees is False


def test_metrics():
    a = np.arange(12, dtype=np.float32).reshape(3, 4)
    m = metrics(a, a + 1e-4)
    assert m["verdict"] == "match" and m["cosine"] > 0.9999 and m["max_abs_err"] == pytest.approx(1e-4, rel=1e-2)
    assert metrics(a, -a)["verdict"] == "mismatch"
    assert metrics(a, a.reshape(-1)[:5])["verdict"] == "mismatch"


def test_normalise_and_seeded_inputs():
    (x,) = seeded_inputs([("x", [1, 3, 2, 2], "float32")], 0, True)
    assert x.min() >= 0 and x.max() <= 255
    (y,) = seeded_inputs([("x", [1, 3, 2, 2], "float32")], 0, True)
    assert np.array_equal(x, y)
    n = normalise(x, [10, 20, 30], [2, 4, 5])
    assert np.allclose(n[0, 1], (x[0, 1] - 20) / 4)


def test_static_vs_build():
    from rknnlint.usecases.build import static_vs_build

    built = BuildOutcome("m.onnx", "rk3588", "fp16", "built",
                         layers=[Layer(id=3, op_type="Resize", target="CPU", full_name="Resize:/up", onnx_nodes=("/up",),
                                       onnx_op="Resize"),
                                 Layer(id=4, op_type="Reshape", target="CPU", full_name="Reshape:y-rs", onnx_nodes=("/y",),
                                       onnx_op="Add")])
    warn = Finding("RKN999", "x", Severity.WARNING, "m", Location(node_index=1, op_type="Resize", node_name="/up"))
    err = Finding("RKN401", "x", Severity.ERROR, "m", Location())
    d = static_vs_build([warn], built)
    assert d == ["CPU layer no rule predicted: Reshape at '/y' (layer 4)"]
    assert static_vs_build([warn, err], built)[0] == "predicted failure that built: RKN401"
    # a finding on another Reshape node does not name the layer; one on the output value 'y' does, 'y2' does not
    other = Finding("RKN910", "x", Severity.INFO, "m", Location(node_index=5, op_type="Reshape", node_name="/other"))
    assert static_vs_build([warn, other], built) == d
    out_y = Finding("RKN610", "x", Severity.WARNING, "m", Location(tensor="y"))
    assert static_vs_build([warn, out_y], built) == []
    assert static_vs_build([warn, Finding("RKN610", "x", Severity.WARNING, "m", Location(tensor="y2"))], built) == d
    failed = BuildOutcome("m.onnx", "rk3588", "fp16", "failed", error="boom")
    assert static_vs_build([], failed) == ["build failed but no static error predicted it: boom"]
    assert static_vs_build([err], failed) == []


def _blocked_env(tmp_path):
    """An interpreter in which `rknn` cannot be imported (as on a machine without rknn-toolkit2)."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(
        "import sys\nclass _Block:\n    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'rknn' or name.startswith('rknn.'):\n            raise ModuleNotFoundError(name)\n"
        "sys.meta_path.insert(0, _Block())\n")
    return {**os.environ, "PYTHONPATH": os.pathsep.join([str(site), str(ROOT)])}


def test_missing_toolkit_says_how_to_install(tmp_path):
    from onnx import helper

    p = save(make_model([helper.make_node("Relu", ["x"], ["y"])], [("x", [1, 4])], [("y", [1, 4])]), tmp_path)
    r = subprocess.run([sys.executable, "-m", "rknnlint", "build", str(p)], capture_output=True, text=True,
                       env=_blocked_env(tmp_path), timeout=120)
    assert r.returncode == 2, r.stderr
    assert r.stderr.strip().splitlines() == ["rknnlint: error: rknn-toolkit2 is not installed: pip install 'rknnlint[rknn]' "
                                             "(or run scripts/setup.sh)"]


def _conv_model(tmp_path):
    from onnx import helper

    from conftest import conv_weight, init

    m = make_model([helper.make_node("Conv", ["x", "w"], ["y"], pads=[1, 1, 1, 1])], [("x", [1, 3, 8, 8])], [("y", [1, 4, 8, 8])],
                   [init("w", conv_weight(4, 3))])
    return save(m, tmp_path)


@pytest.mark.parametrize("extra,needle", [
    (["--mean", "0,0"], "--mean has 2 value(s) but input 'x' has 3 channels"),
    (["--std", "1,2,3,4"], "--std has 4 value(s) but input 'x' has 3 channels"),
    (["--mean", "a,b,c"], "--mean 'a,b,c': expected numbers"),
    (["--int8", "--dataset", "nope.txt"], "--dataset nope.txt: file not found"),
    (["--target", "rk9999"], "rk9999"),
    (["--timeout", "0"], "--timeout must be positive"),
    (["--jobs", "0"], "--jobs must be at least 1"),
])
def test_usage_errors_are_one_line_exit_2(tmp_path, extra, needle):
    pytest.importorskip("rknn")
    p = _conv_model(tmp_path)
    before = set(os.listdir(tmp_path))
    code, out, err = run_cli("build", p, *extra)
    assert code == 2
    assert len(err.strip().splitlines()) == 1 and needle in err
    assert set(os.listdir(tmp_path)) == before


def test_dataset_with_wrong_input_count(tmp_path):
    pytest.importorskip("rknn")
    p = _conv_model(tmp_path)
    np.save(tmp_path / "a.npy", np.zeros((1, 3, 8, 8), np.float32))
    (tmp_path / "ds.txt").write_text("a.npy a.npy\n")
    code, _, err = run_cli("build", p, "--int8", "--dataset", tmp_path / "ds.txt")
    assert code == 2 and "line 1: 2 file(s) for a model with 1 input(s)" in err


def test_dataset_lines_leave_out_an_input_no_node_reads(tmp_path):
    """rknn-toolkit2 drops a graph input nothing reads and then refuses a file for it; the check counts as it does."""
    pytest.importorskip("rknn")
    from onnx import TensorProto, helper

    from conftest import conv_weight, init

    m = make_model([helper.make_node("Conv", ["x", "w"], ["y"], pads=[1, 1, 1, 1])],
                   [("x", [1, 3, 8, 8]), ("sr", [], TensorProto.INT64)], [("y", [1, 4, 8, 8])], [init("w", conv_weight(4, 3))])
    p = save(m, tmp_path)
    np.save(tmp_path / "a.npy", np.random.default_rng(0).standard_normal((1, 3, 8, 8)).astype(np.float32))
    (tmp_path / "two.txt").write_text("a.npy a.npy\n")
    code, _, err = run_cli("build", p, "--int8", "--dataset", tmp_path / "two.txt")
    assert code == 2 and "2 file(s) for a model with 1 input(s)" in err and "no node reads: sr" in err
    (tmp_path / "one.txt").write_text("a.npy\n")
    code, out, err = run_cli("build", p, "--int8", "--dataset", tmp_path / "one.txt")
    assert code == 0, out + err


def test_one_layer_table_parser_reads_overflowing_shapes_and_another_header():
    # the probe's rows: InputShape overflows its column and touches OutputShape (one space between them)
    row = "D RKNN: [12:06:34.373] 1    Conv    FLOAT16  NPU    (1,3,16,16),(8,3,3,3) (1,8,16,16)   287/2304/2304   2   Conv:pre_3"
    text = TABLE.replace("D RKNN: [13:04:04.751] 6    Conv ", row + "\nD RKNN: [13:04:04.751] 6    Conv ")
    rows = layer_table(text)
    conv = next(r for r in rows if r.full_name == "Conv:pre_3")
    assert (conv.id, conv.input_shapes, conv.output_shape, conv.cycles) == (1, "(1,3,16,16),(8,3,3,3)", "(1,8,16,16)",
                                                                            "287/2304/2304")
    # a table without the RW(KB) column: the columns come from its own header
    other = ("Network Layer Information Table\nID  OpType  DataType Target InputShape  OutputShape  Cycles(DDR/NPU/Total)  FullName\n"
             "3   Softmax FLOAT16  CPU    (1,10)      (1,10)       0/0/0   Softmax:/s\n-----\n")
    (sm,) = layer_table(other)
    assert (sm.op_type, sm.target, sm.output_shape, sm.cycles, sm.full_name) == ("Softmax", "CPU", "(1,10)", "0/0/0", "Softmax:/s")


def test_a_full_name_with_spaces_stays_whole():
    """openWakeWord's timer model names its output with a JSON string; its CPU Reshape's FullName holds spaces
    (rknn-toolkit2 2.5.0, rk3588 fp16): the row keeps its columns and the whole name, so the layer maps to the output."""
    name = '{"1": "1_minute_timer", "6": "1_hour_timer"}'
    text = ("Network Layer Information Table\n"
            "ID   OpType   DataType Target InputShape   OutputShape   Cycles(DDR/NPU/Total)   RW(KB)   FullName\n"
            f"D RKNN: [07:02:27.857] 9    Reshape  FLOAT16  CPU    (1,7,1,1),(2)   (1,7)   0/0/0   0   Reshape:{name}-rs\n"
            "-----\n")
    (row,) = layer_table(text)
    assert (row.op_type, row.target, row.output_shape, row.cycles) == ("Reshape", "CPU", "(1,7)", "0/0/0")
    assert row.full_name == f"Reshape:{name}-rs" and row.tensor == f"{name}-rs"


@pytest.mark.parametrize("rc,result,status", [
    (None, {"stage": "build"}, "timeout"),
    (-11, {"stage": "build"}, "crashed"),
    (-11, {"stage": "simulate", "ok": True}, "built"),  # died after a good build: the build stands
    (-6, {"stage": "done", "ok": True}, "crashed"),
    (1, {"stage": "build"}, "crashed"),  # exited without telling why
    (0, {"stage": "build", "rc": -1}, "failed"),
    (0, {"stage": "load", "exception": "KeyError: 'x'"}, "failed"),
    (0, {"stage": "done", "ok": True}, "built"),
])
def test_one_status_vocabulary(rc, result, status):
    from rknnlint.toolkit.status import BuildStatus, status_of

    assert status_of(rc, result) is BuildStatus(status)
    assert BuildStatus.parse("fails") is BuildStatus.FAILED and BuildStatus.parse("crashes") is BuildStatus.CRASHED
