"""The probe's model generator and result reading (no toolkit needed)."""
from __future__ import annotations

import onnx
import pytest

from rknnlint.probe import all_ops, cases, classify, unprobed_ops
from rknnlint.probe._runner import Layer, Result, layer_table
from rknnlint.probe._table import build_table, merge_tables, merge_variants, read_table, write_table
from rknnlint.toolkit.messages import first_error
from rknnlint.toolkit.status import BuildStatus
from tests.conftest import run_cli

ALL = cases()
# Where onnxruntime itself cannot run a valid model here (no en_US locale in the test image).
ORT_ENVIRONMENT = ("Failed to construct locale",)


def test_every_default_domain_op_up_to_opset_19_has_a_probe_model():
    ops = all_ops()
    assert len(ops) >= 180 and {"Conv", "Resize", "Softmax", "NonMaxSuppression", "Upsample", "Scatter"} <= set(ops)
    assert unprobed_ops() == []
    assert {c.op for c in ALL} == set(ops)


def test_case_keys_are_unique_and_models_name_the_probed_node():
    keys = [c.key for c in ALL]
    assert len(keys) == len(set(keys))
    for c in ALL:
        names = {n.name for n in c.model.graph.node}
        assert "probe" in names or "pre_wrap" in names, c.key
        assert max(o.version for o in c.model.opset_import if o.domain in ("", "ai.onnx")) <= 19


def test_variants_cover_the_attributes_that_matter():
    v = {c.key for c in ALL}
    for key in ("Conv/k3_s2", "Conv/k3_d2", "Conv/depthwise_k3", "MaxPool/k3_s2_ceil", "Resize/linear_x2_align_corners",
                "Resize/cubic_x2_half_pixel", "Softmax/rank4_axis2", "Transpose/rank6_pixelshuffle", "Reshape/4d_to_5d_yolo",
                "Reshape/shape_graph_input", "Add/channel", "Add/scalar", "Add/feature", "Cast/to_int64", "Add/rank6"):
        assert key in v, key
    ranks = {len(i.type.tensor_type.shape.dim) for c in ALL for i in c.model.graph.input}
    assert {2, 3, 4, 5, 6} <= ranks


@pytest.mark.parametrize("case", ALL, ids=[c.key for c in ALL])
def test_generated_model_is_valid_and_runs_in_onnxruntime(case):
    ort = pytest.importorskip("onnxruntime")
    try:
        onnx.checker.check_model(case.model, full_check=True)
    except onnx.checker.ValidationError as e:
        # GroupNormalization-18 is itself deprecated in onnx 1.18; the toolkit still sees it in real exports
        assert case.op == "GroupNormalization" and "deprecated" in str(e), str(e)
    try:
        sess = ort.InferenceSession(case.model.SerializeToString(), providers=["CPUExecutionProvider"])
        outs = sess.run(None, case.feeds)
    except Exception as e:  # noqa: BLE001
        if any(s in str(e) for s in ORT_ENVIRONMENT):
            pytest.skip("onnxruntime cannot run this op in this environment")
        raise
    assert len(outs) == len(case.model.graph.output)


TABLE = """D RKNN: [12:06:34.373] ---------------------------------------------------------------------
D RKNN: [12:06:34.373]                      Network Layer Information Table
D RKNN: [12:06:34.373] ---------------------------------------------------------------------
D RKNN: [12:06:34.373] ID   OpType             DataType Target InputShape         OutputShape     Cycles(DDR/NPU/Total)    RW(KB)       FullName
D RKNN: [12:06:34.373] ---------------------------------------------------------------------
D RKNN: [12:06:34.373] 0    InputOperator      FLOAT16  CPU    \\                  (1,3,16,16)     0/0/0                    0            InputOperator:x
D RKNN: [12:06:34.373] 1    Conv               FLOAT16  NPU    (1,3,16,16),(8,3,3,3) (1,8,16,16)   287/2304/2304            2            Conv:pre_3
D RKNN: [12:06:34.373] 2    TopK               FLOAT16  CPU    (1,2048)           (1,5)           0/0/0                    4            TopK:probe
D RKNN: [12:06:34.373] 3    OutputOperator     FLOAT16  CPU    (1,5)              \\               0/0/0                    4            OutputOperator:probe_o0
D RKNN: [12:06:34.373] ---------------------------------------------------------------------
D RKNN: [12:06:34.373] ---------------------------------------------------------------------
"""


def test_layer_table_is_read_from_the_compiler_stdout():
    rows = layer_table("noise\n" + TABLE + "D RKNN: later lines\n")
    assert [(r.op_type, r.target, r.full_name) for r in rows] == [
        ("InputOperator", "CPU", "InputOperator:x"), ("Conv", "NPU", "Conv:pre_3"), ("TopK", "CPU", "TopK:probe"),
        ("OutputOperator", "CPU", "OutputOperator:probe_o0")]


def test_first_error_line():
    err = "I rknn building ...\n\x1b[1;31mE build: The input 0 of NonZero('probe') need to be constant!\x1b[0m\nE build: later\n"
    assert first_error(err) == "build: The input 0 of NonZero('probe') need to be constant!"
    assert first_error("Traceback (most recent call last):\n  File x\nValueError: bad shape\n") == "ValueError: bad shape"
    # a pass that raised: name the exception, not the traceback header
    tb = "E build: Traceback (most recent call last):\n  File y\nTypeError: len() of unsized object\n"
    assert first_error(tb) == "build: TypeError: len() of unsized object"
    assert first_error("E build:\nValueError: Found Random node 'r'\n") == "build: ValueError: Found Random node 'r'"
    assert first_error("E RKNN: [12:16:09.538] Not Support Dtype: 2.\n") == "Not Support Dtype: 2."


def _r(status="built", layers=(), op="TopK", **kw):
    lay = [Layer(op_type=x[0], target=x[1], full_name=x[2] if len(x) > 2 else f"{x[0]}:probe") for x in layers]
    return Result(op, "v", BuildStatus(status), layers=lay, op_layers=lay, **kw)


@pytest.mark.parametrize("result,placement", [
    (_r(layers=[("TopK", "CPU")]), "cpu"),
    (_r(op="Softmax", layers=[("exSoftmax13", "NPU")]), "npu"),
    (_r(op="Softmax", layers=[("Transpose", "NPU"), ("exSoftmax13", "NPU"), ("Transpose", "NPU")]), "npu"),
    (_r(op="Abs", layers=[("Mul", "NPU"), ("Max", "NPU")]), "rewrite"),
    (_r(op="Identity"), "fold"),
    # the Reshape the toolkit puts before a 2-D graph output is the model's edge, not the op
    (_r(op="Gemm", layers=[("Conv", "NPU", "Conv:probe#2"), ("Reshape", "CPU", "Reshape:probe_o0_mm_tp_rs")]), "rewrite"),
    (_r(op="MatMul", layers=[("Reshape", "CPU", "Reshape:x1_rs"), ("exMatMul", "NPU", "exMatMul:probe#1")]), "npu"),
    # ... but layout layers inside the network that land on the CPU do count
    (_r(op="CumSum", layers=[("Transpose", "CPU", "Transpose:pre_3_rs_tp"), ("Conv", "NPU", "Conv:pre_3_rs_tp_conv")]), "cpu"),
    (_r(op="Flatten", layers=[("Reshape", "CPU", "Reshape:probe_o0-rs")]), "cpu"),
    (_r(op="Relu", fused=True), "npu"),
    (_r(status="failed", error="build: The input 0 of NonZero('probe') need to be constant!"), "fails"),
    (_r(status="crashed", signal=11), "fails"),
    (_r(status="timeout", error="timed out"), "fails"),
    (_r(status="failed", error="build: All outputs ['probe_o0'] of model are constants, The model is invalid!"), "fold"),
])
def test_classify(result, placement):
    assert classify(result) == placement


def test_table_summary_marks_crashes_and_versions(tmp_path):
    results = [_r(op="Resize", layers=[("Resize", "NPU")]), _r(op="Resize", status="crashed", signal=11),
               _r(op="TopK", layers=[("TopK", "CPU")])]
    results[1].variant = "cubic"
    table = build_table(results, "2.5.0", "rk3588", "rk3588", "float16", 12.0)
    assert table["ops"]["Resize"]["placement"] == "npu"
    assert "cubic (crashes (signal 11))" in table["ops"]["Resize"]["note"]
    assert table["variants"]["Resize"]["cubic"]["error"].startswith("crashes (signal 11)")
    assert table["ops"]["TopK"] == {**table["ops"]["TopK"], "placement": "cpu", "observed": "2.5.0"}
    path = tmp_path / "measured" / "rk3588-2.5.0.yaml"
    write_table(path, table)
    assert 'toolkit: "2.5.0"' in path.read_text()
    assert read_table(path)["ops"]["TopK"]["placement"] == "cpu"
    partial = build_table([_r(op="TopK", layers=[("TopK", "NPU")])], "2.5.0", "rk3588", "rk3588", "float16", 1.0)
    merged = merge_tables(read_table(path), partial)
    assert merged["ops"]["TopK"]["placement"] == "npu" and merged["ops"]["Resize"]["placement"] == "npu"



def test_a_probe_of_a_few_variants_adds_their_records_and_keeps_the_ops_entries():
    whole = build_table([_r(op="Reshape", layers=[("Reshape", "NPU")])], "2.3.0", "rk3588", "rk3588", "float16", 1.0)
    one = _r(op="Reshape", layers=[("Gather", "CPU")])
    one.variant = "interleave_5d"
    few = build_table([one], "2.3.0", "rk3588", "rk3588", "float16", 1.0)
    merged = merge_variants(whole, few)
    assert merged["ops"]["Reshape"] == whole["ops"]["Reshape"]  # the op's entry is its first variant's
    assert merged["variants"]["Reshape"]["interleave_5d"]["placement"] == "cpu"
    assert set(merged["variants"]["Reshape"]) == {*whole["variants"]["Reshape"], "interleave_5d"}
    with pytest.raises(ValueError):  # another version's table, or none: nothing to add to
        merge_variants({**whole, "toolkit": "2.5.0"}, few)
    with pytest.raises(ValueError):
        merge_variants({}, few)

def test_probe_cli_bad_input_is_one_line_exit_2():
    code, out, err = run_cli("probe", "--ops", "NotAnOp")
    assert code == 2 and err.count("\n") == 1 and "unknown ONNX op NotAnOp" in err
    code, out, err = run_cli("probe", "--target", "rk1808", "--ops", "Relu")
    assert code == 2 and err.count("\n") == 1 and "rk1808" in err
    code, out, err = run_cli("probe", "--jobs", "0")
    assert code == 2 and err.count("\n") == 1


def test_probe_cli_without_toolkit_is_one_line_exit_2(monkeypatch):
    import rknnlint.platforms as platforms

    monkeypatch.setattr(platforms, "installed_toolkit_version", lambda: None)
    code, out, err = run_cli("probe", "--ops", "Relu")
    assert code == 2 and err.count("\n") == 1 and "rknn-toolkit2 is not installed" in err


def test_failure_line_names_the_signal_the_timeout_or_the_toolkit_error():
    """verify_crashes.py / verify_crash_patterns.py record one line per failed run of the toolkit runner."""
    from rknnlint.toolkit.messages import failure_line
    from rknnlint.toolkit.runner import RawRun

    def raw(rc, stderr="", result=None):
        return RawRun(returncode=rc, stdout="", stderr=stderr, result=result or {}, seconds=1.0, log_path="", timeout=900.0)

    assert failure_line(raw(-11)) == "killed by SIGSEGV"
    assert failure_line(raw(None)) == "timeout after 900 s"
    assert failure_line(raw(0, "I loading\nE build: Catch exception when building RKNN model!\n")) == \
        "build: Catch exception when building RKNN model!"
    assert failure_line(raw(1, result={"exception": "KeyError: 'LayerNormalization'"})) == "KeyError: 'LayerNormalization'"
