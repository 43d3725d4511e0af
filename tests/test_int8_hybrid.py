"""int8 accuracy (docs/int8.md): `build --analyze` parses the toolkit's accuracy_analysis into layers mapped to
ONNX nodes, worst first; `build --int8-accuracy` finds the fp16 layers that bring the outputs back; a
failure inside the toolkit's hybrid step is one line, never rknnlint's crash. The real builds use the model of
tests/_int8_models.py (an outlier channel in conv2 that conv3 cannot read after int8)."""
from __future__ import annotations

import json

import pytest
import yaml

from tests._int8_models import outlier_model
from tests.conftest import run_cli
from tests.json_schemas import validate

# error_analysis.txt as rknn-toolkit2 2.5.0 writes it (colour codes and all): fused rows without figures, a
# euclidean error wide enough to run into the next column, and q_zero
ANALYSIS = """# simulator_error: calculate the output error of each layer of the simulator (compared to the 'golden' value).
#              entire: output error of each layer between 'golden' and 'simulator', these errors will accumulate layer by layer.
#              single: single-layer output error between 'golden' and 'simulator', can better reflect the single-layer accuracy of the simulator.

layer_name                          simulator_error
                                entire              single
                             cos      euc        cos      euc
-------------------------------------------------------------------
[Input] x                  1.00000 | 0.00000   1.00000 | 0.00000
[exDataConvert] x_int8     0.99996 | 0.53200   0.99996 | 0.53200
[Conv] c1
[Relu] r1                  0.99993 | 1.10908   0.99993 | 1.10908
[Conv] c2
[Relu] r2                  0.99991 | 1312.371220.99997 | 883.16492
[Conv] c3
[Relu] r3                   q_zero |  q_zero    q_zero |  q_zero
[Conv] y_int8               q_zero |  q_zero   0.99995 | \x1b[1;33m3.83684\x1b[0m
[exDataConvert] y           q_zero |  q_zero   0.99997 | 3.04149
"""


def test_parse_analysis_groups_fused_rows_and_reads_overflowing_columns(tmp_path):
    from rknnlint.toolkit.analysis import map_to_onnx, parse, worst_first

    rows = parse(ANALYSIS)
    assert [r.name for r in rows] == ["x", "x_int8", "r1", "r2", "r3", "y_int8", "y"]
    r2 = rows[3]
    assert r2.tensors == ("c2", "r2") and r2.entire_euc == pytest.approx(1312.37122) and r2.single_cos == 0.99997
    assert rows[4].single_cos == 0.0 and rows[4].entire_cos == 0.0  # q_zero
    assert rows[5].single_euc == pytest.approx(3.83684)  # colour codes dropped
    model, _ = outlier_model(tmp_path, blocks=3, samples=1)
    ranked = worst_first(map_to_onnx(rows, model))
    assert ranked[0].name == "r3" and ranked[0].onnx_nodes == ("conv3", "relu3") and ranked[0].onnx_ops == ("Conv", "Relu")
    assert ranked[1].onnx_nodes == ("conv1", "relu1")  # 0.99993, then the others by cosine
    assert [r.name for r in ranked[-1:]] == ["x"]


def test_units_add_the_producers_of_a_layers_inputs(tmp_path):
    """A layer reads an int8 tensor its producer quantized: its unit holds the producer's tensors too."""
    from rknnlint.toolkit.analysis import Analysis, map_to_onnx, parse, worst_first
    from rknnlint.toolkit.hybrid import units

    model, _ = outlier_model(tmp_path, blocks=3, samples=1)
    a = Analysis(rows=worst_first(map_to_onnx(parse(ANALYSIS), model)))
    us = units(a, model, ["c1", "r1", "c2", "r2", "c3", "r3", "y_int8"])
    assert us[0] == ["c3", "r3", "c2", "r2"]


def test_analyze_and_int8_accuracy_need_int8_and_dataset(tmp_path):
    model, ds = outlier_model(tmp_path, blocks=3, samples=2)
    for extra in (["--analyze"], ["--int8-accuracy", "0.99"]):
        code, _, err = run_cli("build", model, "--int8", *extra, "--no-static")
        assert code == 2 and "needs --int8 and --dataset" in err and len(err.strip().splitlines()) == 1, err
    code, _, err = run_cli("build", model, "--int8", "--dataset", ds, "--int8-accuracy", "1.5", "--no-static")
    assert code == 2 and err.strip() == "rknnlint: error: --int8-accuracy 1.5: expected a cosine in (0, 1], e.g. 0.99"
    (tmp_path / "img.png").write_bytes(b"")
    (tmp_path / "images.txt").write_text("img.png\n")
    code, _, err = run_cli("build", model, "--int8", "--dataset", tmp_path / "images.txt", "--int8-accuracy", "0.99",
                           "--no-static")
    assert code == 2 and "must list .npy files" in err and len(err.strip().splitlines()) == 1, err


@pytest.mark.toolkit
def test_analyze_points_at_the_layer_that_loses_accuracy(tmp_path):
    model, ds = outlier_model(tmp_path)
    code, text, err = run_cli("build", model, "--int8", "--dataset", ds, "--analyze", "--compare", "--no-static",
                              "--out-dir", tmp_path / "out")
    b = json.loads((tmp_path / "out" / "outlier.rk3588.int8.json").read_text())  # the build's JSON entry
    validate({"schema_version": "1.0", "tool": {"name": "rknnlint", "version": "0"}, "fail_on": "error",
              "exit_code": code, "builds": [b], "unreadable": []}, "build")
    assert b["status"] == "built", err
    assert b["compare"]["outputs"][0]["cosine"] < 0.5  # plain int8 loses the output
    worst = b["analysis"]["layers"][0]
    assert worst["onnx_nodes"] == ["conv3", "relu3"] and worst["single_cosine"] < 0.5, worst
    assert all(lay["single_cosine"] > 0.99 for lay in b["analysis"]["layers"][1:])
    lines = text.splitlines()
    head = next(k for k, ln in enumerate(lines) if "single cos" in ln)
    assert lines[head + 1].endswith("[Relu] r3 -> Conv 'conv3', Relu 'relu3'"), text


@pytest.mark.toolkit
def test_int8_accuracy_reaches_the_target_with_few_fp16_layers(tmp_path):
    model, ds = outlier_model(tmp_path)
    out = tmp_path / "out" / "outlier.rknn"
    code, text, err = run_cli("build", model, "--int8", "--dataset", ds, "--int8-accuracy", "0.99", "--export", out,
                              "--format", "json", "--no-static")
    assert code == 0, err
    h = validate(text, "build")["builds"][0]["hybrid"]
    assert h["reached"] and h["int8_worst_cosine"] < 0.5 and h["worst_cosine"] >= 0.99, h
    assert set(h["fp16_layers"]) == {"c2", "r2", "c3", "r3"} and h["fp16_share"] <= 0.15
    assert h["builds"] <= 4
    assert out.is_file() and out.stat().st_size == h["rknn_bytes"]
    cfg = yaml.safe_load((tmp_path / "out" / "outlier.quantization.cfg").read_text())
    assert cfg["custom_quantize_layers"] == {t: "float16" for t in h["fp16_layers"]}
    assert not list((tmp_path / "out").glob("*.part"))


@pytest.mark.toolkit
def test_a_failing_hybrid_step_is_one_line(tmp_path):
    """The toolkit raising inside hybrid_quantization_step2 (here on a .model file that is not one) comes back
    as the trial's one-line error and status; the search goes on with the next candidate."""
    from rknnlint.toolkit.hybrid import run_trial
    from rknnlint.toolkit.runner import BuildJob

    model, ds = outlier_model(tmp_path, blocks=3, samples=2)
    (tmp_path / "bad.model").write_bytes(b"\x08\x96\x01 not a model" * 64)
    (tmp_path / "bad.data").write_bytes(b"")
    job = BuildJob(model=str(model), dtype="int8", dataset=str(ds))
    t = run_trial(job, {"model": str(tmp_path / "bad.model"), "data": str(tmp_path / "bad.data")},
                  {"quantize_parameters": {}}, ["c3"], tmp_path / "trial")
    assert t.status == "failed" and t.worst is None and not t.reaches(0.5)
    assert t.error.startswith("hybrid_quantization_step2 failed: ") and "\n" not in t.error, t.error
    assert json.dumps(t.to_dict())


def test_ranking_counts_what_a_layer_adds_and_skips_errors_that_do_not_last(tmp_path):
    """'b', a sigmoid gate, drops the accumulated cosine to 0.7 but its consumer agrees at 0.98 again (squashed
    where it is multiplied in): it loses nothing that reaches the output. 'c' loses 0.05 on its own; 'a' 0.01.
    The same drop at a layer that is no gate counts (silero-vad's STFT magnitude: Sqrt at 0.54, the Conv after it
    at 0.96, the LSTM output at 0.56)."""
    from onnx import TensorProto, helper, save

    from rknnlint.toolkit.analysis import Analysis, LayerError, map_to_onnx
    from rknnlint.toolkit.hybrid import ranked

    nodes = [helper.make_node("Relu", [i], [o], name=f"n_{o}") for i, o in (("x", "a"), ("a", "b"), ("b", "c"))]
    g = helper.make_graph(nodes, "g", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 4])],
                          [helper.make_tensor_value_info("c", TensorProto.FLOAT, [1, 4])])
    save(helper.make_model(g, opset_imports=[helper.make_opsetid("", 13)]), tmp_path / "m.onnx")

    def row(name, entire, single, order, op="Relu"):
        return LayerError(name=name, op_type=op, tensors=(name,), entire_cos=entire, entire_euc=0.0,
                          single_cos=single, single_euc=0.0, order=order)

    def order(b_op):
        a = Analysis(rows=map_to_onnx([row("a", 0.99, 0.99, 0), row("b", 0.70, 0.999, 1, b_op), row("c", 0.98, 0.95, 2)],
                                      tmp_path / "m.onnx"))
        return [(a.rows[i].name, round(loss, 4)) for loss, i in ranked(a, tmp_path / "m.onnx")]

    assert order("Sigmoid") == [("c", 0.05), ("a", 0.01), ("b", 0.0)]
    assert order("Sqrt") == [("b", 0.29), ("c", 0.05), ("a", 0.01)]


@pytest.mark.toolkit
def test_int8_only_target_keeps_layers_in_int16(tmp_path):
    """rv1106 builds no float: step 2 refuses float16 layers there ('only support int8/int16'), so the moved
    layers are int16, and that reaches the target too."""
    model, ds = outlier_model(tmp_path)
    out = tmp_path / "rv.rknn"
    code, text, err = run_cli("build", model, "--int8", "--dataset", ds, "--target", "rv1106", "--int8-accuracy", "0.99",
                              "--export", out, "--no-static")
    assert code == 0, err
    assert "layers in int16" in text and "fp16" not in text.split("accuracy_analysis")[0], text
    cfg = yaml.safe_load((tmp_path / "rv.quantization.cfg").read_text())
    assert set(cfg["custom_quantize_layers"].values()) == {"int16"} and out.is_file()


def _toolkit_graph(path):
    """A step-1 .model as rknn-toolkit2 2.5.0 writes it (an ONNX graph of its own layers, named as the cfg names
    them): a shared stem, a score head Conv -> Sigmoid -> Reshape -> exDataConvert and a box head Conv ->
    exDataConvert."""
    from onnx import TensorProto, helper, save

    def n(op, ins, out):
        return helper.make_node(op, ins, [out], name=f"n_{out}", domain="" if op in ("Conv", "Sigmoid", "Reshape") else "rk")

    nodes = [n("exDataConvert", ["x"], "x_int8"), n("Conv", ["x_int8", "w0"], "stem"),
             n("Conv", ["stem", "w1"], "score_logit"), n("Sigmoid", ["score_logit"], "score_sig"),
             n("Reshape", ["score_sig", "shape_i1"], "scores_int8"), n("exDataConvert", ["scores_int8"], "scores"),
             n("Conv", ["stem", "w2"], "boxes_int8"), n("exDataConvert", ["boxes_int8"], "boxes")]
    g = helper.make_graph(nodes, "g", [helper.make_tensor_value_info(i, TensorProto.FLOAT, [1]) for i in
                                       ("x", "w0", "w1", "w2", "shape_i1")],
                          [helper.make_tensor_value_info(o, TensorProto.FLOAT, [1]) for o in ("scores", "boxes")])
    save(helper.make_model(g, opset_imports=[helper.make_opsetid("", 13), helper.make_opsetid("rk", 1)]), path)
    return path


def test_toolkit_graph_gives_each_outputs_tail_and_upstream(tmp_path):
    """The tail of an output runs back to the nearest layer with weights (exDataConvert is no Conv, though its
    name holds one); the layers upstream of one output leave the other head out."""
    from rknnlint.toolkit.hybrid import read_graph

    g = read_graph(_toolkit_graph(tmp_path / "m.model"))
    assert g.outputs == ["scores", "boxes"]
    assert g.stage("scores") == ["scores", "scores_int8", "score_sig", "score_logit"]
    assert g.stage("boxes") == ["boxes", "boxes_int8"]
    assert g.upstream(["scores"]) >= {"score_sig", "score_logit", "stem", "x_int8"}
    assert not g.upstream(["scores"]) & {"boxes_int8", "boxes"}
    assert read_graph(tmp_path / "missing.model") is None
    (tmp_path / "bad.model").write_bytes(b"not a model")
    assert read_graph(tmp_path / "bad.model") is None


def test_the_input_side_leaves_out_the_inputs_own_cast(tmp_path):
    """exDataConvert reading a graph input (x_int8) is the input's cast to int8: the input side leaves it out. The
    output's cast (scores, reading the toolkit's own scores_int8) and every other layer stay candidates."""
    from rknnlint.toolkit.analysis import LayerError
    from rknnlint.toolkit.hybrid import input_cast, read_graph

    g = read_graph(_toolkit_graph(tmp_path / "m.model"))

    def row(name, op, order):
        return LayerError(name=name, op_type=op, tensors=(name,), entire_cos=1.0, entire_euc=0.0, single_cos=1.0,
                          single_euc=0.0, order=order)

    assert input_cast(row("x_int8", "exDataConvert", 1), g)
    assert not input_cast(row("scores", "exDataConvert", 7), g)
    assert not input_cast(row("stem", "Conv", 2), g)
    assert input_cast(row("x_int8", "exDataConvert", 1), None)  # without the graph: the first row after the input
    assert not input_cast(row("scores", "exDataConvert", 7), None)


def test_rows_are_linked_through_the_toolkit_graph(tmp_path):
    """With the toolkit's graph the producers of a row are found by its own tensor names (a tensor no analysis row
    names, here the Reshape, is passed through), where the source ONNX model knows none of them."""
    from rknnlint.toolkit.analysis import Analysis, LayerError
    from rknnlint.toolkit.hybrid import _edges, read_graph, units

    g = read_graph(_toolkit_graph(tmp_path / "m.model"))

    def row(name, tensors, entire, single, order):
        return LayerError(name=name, op_type="x", tensors=tensors, entire_cos=entire, entire_euc=0.0,
                          single_cos=single, single_euc=0.0, order=order)

    rows = [row("stem", ("stem",), 0.999, 0.999, 0), row("score_sig", ("score_logit", "score_sig"), 0.9, 0.9, 1),
            row("scores", ("scores",), 0.9, 1.0, 2), row("boxes_int8", ("boxes_int8",), 0.95, 0.95, 3)]
    edges = _edges(rows, tmp_path / "none.onnx", g)
    assert edges == {1: {0}, 2: {1}, 3: {0}}
    a = Analysis(rows=rows)
    layers = ["stem", "score_logit", "score_sig", "scores_int8", "boxes_int8"]
    assert units(a, tmp_path / "none.onnx", layers, g)[:2] == [["score_logit", "score_sig", "stem"], ["boxes_int8", "stem"]]
    # only what the failing output is computed from
    assert units(a, tmp_path / "none.onnx", layers, g, allowed=g.upstream(["scores"])) == [
        ["score_logit", "score_sig", "stem"]]


def test_the_cheapest_setting_that_reaches_wins(tmp_path):
    """Several quantization algorithms searched: the first one (cheapest) that reached is written, with its fewest
    fp16 layers; without any that reached, the build that came closest."""
    from rknnlint.toolkit.hybrid import HybridResult, Trial, _finish

    def t(algo, n, cos, family="analysis"):
        return Trial(fp16=[f"l{k}" for k in range(n)], status="built", cosines={"y": cos}, setting=algo,
                     family=family)

    res = HybridResult("m.onnx", "rk3588", 0.99, 0.15)
    res.base = t("normal", 0, 0.8, "plain int8")
    res.bases = [res.base, t("mmse", 0, 0.85, "plain int8")]
    res.layers_of = {"normal": 100, "mmse": 100}
    res.trials = [t("normal", 15, 0.95), t("mmse", 15, 0.995), t("mmse", 7, 0.991), t("mmse", 3, 0.98)]
    _finish(res, tmp_path / "out.rknn", 0.15)
    assert res.reached and res.best is res.trials[2] and res.fp16_share == 0.07
    d = res.to_dict()
    assert d["quantized_algorithm"] == "mmse" and d["builds"] == 6
    assert [a["quantized_algorithm"] for a in d["algorithms_tried"]] == ["normal", "mmse"]
    res.trials = [t("normal", 15, 0.95), t("mmse", 15, 0.97)]
    res.reached, res.error = False, ""
    _finish(res, tmp_path / "out.rknn", 0.15)
    assert not res.reached and res.best is res.trials[1]
    assert "normal: 15 of 100 layers" in res.error and "mmse" in res.error, res.error


@pytest.mark.toolkit
def test_a_long_strided_conv_is_folded_before_the_search(tmp_path):
    """The search builds the model with fold-strided-conv applied (an STFT's 64-tap Conv of stride 32 as 32
    channels of frames and a 2-tap Conv), says so, and writes that model beside the .rknn: the .rknn and its cfg
    are of it. It computes the same numbers as the user's model."""
    import numpy as np
    import onnx
    import onnxruntime as ort

    from tests._int8_models import stft_model

    model, ds = stft_model(tmp_path)
    out = tmp_path / "out" / "stft.rknn"
    code, text, err = run_cli("build", model, "--int8", "--dataset", ds, "--int8-accuracy", "0.99", "--export", out,
                              "--format", "json", "--no-static")
    assert code == 0, err
    h = validate(text, "build")["builds"][0]["hybrid"]
    assert h["rewrites"] == ["fold-strided-conv: Conv 'stft' kernel 64 stride 32 over [1, 1, 512] -> 32 channels of "
                             "16 frames, kernel 2"], h
    assert h["reached"] and h["builds"] == 1 and h["rewritten_model"] == str(tmp_path / "out" / "stft.rewritten.onnx")
    folded = onnx.load(h["rewritten_model"])
    conv = next(n for n in folded.graph.node if n.name == "stft")
    assert [a.ints for a in conv.attribute if a.name == "kernel_shape"] == [[2]]
    x = np.load(tmp_path / "audio0.npy")
    a, b = (ort.InferenceSession(str(p)).run(None, {"audio": x})[0] for p in (model, h["rewritten_model"]))
    assert np.allclose(a, b, rtol=1e-4, atol=1e-5)


@pytest.mark.toolkit
def test_a_known_toolkit_crash_is_searched_with_its_workaround(tmp_path):
    """The plain int8 build crashing in a fusion pass with a known disable_rules workaround (RKN707's SDPA fusion,
    as on PP-OCRv5 / v6-small rec) is built again with it, and every later build of the search uses it."""
    from tests._int8_models import sdpa_crash_model

    model, ds = sdpa_crash_model(tmp_path)
    code, text, err = run_cli("build", model, "--int8", "--dataset", ds, "--int8-accuracy", "0.5", "--export",
                              tmp_path / "out" / "sdpa.rknn", "--format", "json", "--no-static")
    h = validate(text, "build")["builds"][0]["hybrid"]
    assert h["disable_rules"] == ["fuse_exmatmul_add_mul_exsoftmax13_exmatmul_to_sdpa"], h
    assert h["int8_worst_cosine"] is not None and not h["error"], h
    assert any("disable_rules" in n for n in h["notes"]), h["notes"]
    assert code == (0 if h["reached"] else 1), err


def test_gate_side_branches_are_found_in_the_toolkit_graph(tmp_path):
    """An SE block's squeeze and excite (from the tensor it forks from, left out, to the gate a Mul multiplies back
    in) is a side branch; the main path (the stem, the Mul, what follows) is not, nor a gate that squeezes
    nothing (a spatial attention map, x * sigmoid(conv(x)), multiplied into the tensor it was computed from)."""
    from onnx import TensorProto, helper, save

    from rknnlint.toolkit.hybrid import read_graph

    def n(op, ins, out):
        return helper.make_node(op, ins, [out], name=f"n_{out}")

    nodes = [n("Conv", ["x", "w0"], "stem"), n("Conv", ["stem", "w1"], "gap_conv0"), n("Conv", ["gap_conv0", "w2"], "fc1"),
             n("Relu", ["fc1"], "fc1r"), n("Conv", ["fc1r", "w3"], "fc2"), n("HardSigmoid", ["fc2"], "gate"),
             n("Mul", ["stem", "gate"], "scaled"), n("Conv", ["scaled", "w4"], "logit"), n("Sigmoid", ["logit"], "prob"),
             n("Mul", ["prob", "scaled"], "y")]
    shape = {"stem": [1, 16, 8, 8], "gap_conv0": [1, 16, 1, 1], "fc1": [1, 4, 1, 1], "fc1r": [1, 4, 1, 1],
             "fc2": [1, 16, 1, 1], "gate": [1, 16, 1, 1], "scaled": [1, 16, 8, 8], "logit": [1, 16, 8, 8],
             "prob": [1, 16, 8, 8]}
    g = helper.make_graph(nodes, "g", [helper.make_tensor_value_info(i, TensorProto.FLOAT, [1]) for i in
                                       ("x", "w0", "w1", "w2", "w3", "w4")],
                          [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 16, 8, 8])],
                          value_info=[helper.make_tensor_value_info(k, TensorProto.FLOAT, v) for k, v in shape.items()])
    save(helper.make_model(g, opset_imports=[helper.make_opsetid("", 13)]), tmp_path / "m.model")
    graph = read_graph(tmp_path / "m.model")
    assert graph.gate_branches() == {"gap_conv0", "fc1", "fc1r", "fc2", "gate"}
    graph.size.clear()  # without shapes no squeeze is seen: nothing is a side branch
    assert graph.gate_branches() == set()


@pytest.mark.toolkit
def test_the_toolkits_own_graph_of_an_se_block_has_its_side_branch(tmp_path):
    """rknn-toolkit2 lowers the GlobalAveragePool of an SE block into Conv layers of its own: the side branch is
    found in hybrid_quantization_step1's graph, holds the gate and the squeeze, and none of the main path's layers
    (what the search's orderings then leave out)."""
    from rknnlint.toolkit.hybrid import read_graph
    from rknnlint.toolkit.runner import BuildJob, run_build
    from tests._int8_models import se_model

    model, ds = se_model(tmp_path)
    (tmp_path / "s1").mkdir()
    raw = run_build(BuildJob(model=str(model), dtype="int8", dataset=str(ds), hybrid={"step": 1, "dir": str(tmp_path / "s1")}),
                    timeout=300)
    files = raw.result.get("hybrid_files")
    assert files, raw.status
    g = read_graph(files["model"])
    side = g.gate_branches()
    gate = next(t for t, op in g.op.items() if op == "HardSigmoid")
    assert gate in side
    mul = next(t for t, op in g.op.items() if op == "Mul")
    assert mul not in side and not side & g.upstream(g.reads[mul]) - g.upstream([gate])
    assert len(side) >= 3  # the gate, both Convs of the excitation (and the squeeze's own layers)
    assert not side & set(g.stage(g.outputs[0]))  # the last Conv and the output's cast stay on the main path
