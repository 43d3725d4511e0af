"""`rknnlint fix` and `rknnlint check --fix` on the command line: outputs, atomic writes, external data,
--diff / --dry-run / --in-place, the proof in the report, and bad input (one line, nothing written, exit 2)."""
from __future__ import annotations

import hashlib
import shutil

import numpy as np
import onnx
import pytest
from _det_graphs import classifier
from onnx import helper

from conftest import make_model, run_cli, save, shared_model
from json_schemas import validate


def _copy(tmp_path, name):
    src = shared_model(name)
    dst = tmp_path / name
    shutil.copy(src, dst)
    data = src.with_name(src.name + ".data")
    if data.exists():
        shutil.copy(data, tmp_path / data.name)
    return dst


def _digest(p):
    return hashlib.sha256(p.read_bytes()).hexdigest()


def _files(folder):
    return sorted(p.name for p in folder.iterdir())


def test_default_output_beside_the_input_and_input_untouched(tmp_path):
    src = _copy(tmp_path, "misc_layernorm_noeps_op17.onnx")
    before = _digest(src)
    code, out, err = run_cli("fix", src)
    assert code == 0, out + err
    dst = tmp_path / "misc_layernorm_noeps_op17.rknn-ready.onnx"
    assert dst.is_file() and _digest(src) == before
    assert "fixed       layernorm-epsilon [RKN702] (safe)" in out
    assert "proof       outputs equal on 1 input(s) (seeded), bit-identical (max abs err 0)" in out
    assert "left        0 error(s)" in out
    onnx.checker.check_model(onnx.load(dst), full_check=True)
    assert _files(tmp_path) == sorted([src.name, dst.name])  # no temp files left


def test_external_data_written_beside_the_output(tmp_path):
    src = _copy(tmp_path, "cls_squeezenet1_1_op21_dynamo.onnx")
    data = tmp_path / "cls_squeezenet1_1_op21_dynamo.onnx.data"
    before = _digest(data)
    code, out, err = run_cli("fix", src)
    assert code == 0, out + err
    dst = tmp_path / "cls_squeezenet1_1_op21_dynamo.rknn-ready.onnx"
    assert (tmp_path / (dst.name + ".data")).is_file()
    assert _digest(data) == before
    m = onnx.load(dst, load_external_data=False)
    assert next(o.version for o in m.opset_import if o.domain == "") == 13
    assert {e.value for t in m.graph.initializer for e in t.external_data if e.key == "location"} == {dst.name + ".data"}


def test_in_place_keeps_the_models_own_data_file_name_and_leaves_other_data_files(tmp_path):
    src = _copy(tmp_path, "cls_squeezenet1_1_op21_dynamo.onnx")
    data = tmp_path / "cls_squeezenet1_1_op21_dynamo.onnx.data"
    inode = data.stat().st_ino
    code, out, err = run_cli("fix", src, "--in-place")
    assert code == 0, out + err
    assert data.stat().st_ino != inode  # replaced by a rename, not rewritten in place
    m = onnx.load(src, load_external_data=False)
    locs = {e.value for t in m.graph.initializer for e in t.external_data if e.key == "location"}
    assert locs == {data.name} and sorted(p.name for p in tmp_path.iterdir()) == [src.name, data.name]
    assert next(o.version for o in m.opset_import if o.domain == "") == 13
    onnx.load(src)  # with its data
    # a data file not named after the model may be shared: it is left as it was
    other = tmp_path / "other"
    other.mkdir()
    onnx.save_model(onnx.load(shared_model("misc_layernorm_noeps_op17.onnx")), other / "m.onnx",
                    save_as_external_data=True, location="weights.bin", size_threshold=0)
    before = _digest(other / "weights.bin")
    assert run_cli("fix", other / "m.onnx", "--in-place")[0] == 0
    assert _digest(other / "weights.bin") == before and (other / "m.onnx.data").is_file()


def test_in_place_twice_then_nothing_to_fix(tmp_path):
    src = _copy(tmp_path, "misc_layernorm_noeps_op17.onnx")
    assert run_cli("fix", src, "--in-place")[0] == 0
    after = _digest(src)
    code, out, _ = run_cli("fix", src, "--in-place")
    assert code == 0 and "nothing to fix: no file written" in out and _digest(src) == after


def test_diff_and_dry_run_write_nothing(tmp_path):
    src = _copy(tmp_path, "det_yolov8n_nc20_256_op12.onnx")
    code, out, err = run_cli("fix", src, "--cut-head", "auto", "--diff")
    assert code == 1, out + err  # a pending change exits 1 (as ruff's --diff)
    assert "outputs before: 'output0' float32 [1,24,1344]" in out
    assert "outputs after:  '/model.22/cv2.0/cv2.0.2/Conv_output_0' float32 [1,64,32,32]" in out
    assert "nodes: 25 removed, 0 added" in out and "- Softmax '/model.22/dfl/Softmax'" in out
    assert "post-processing tail (det_yolov8n_nc20_256_op12.postprocess.onnx): 25 node(s)" in out
    assert "NPU part + post-processing tail equal to the original" in out
    code, out, _ = run_cli("fix", src, "--cut-head", "auto", "--dry-run")
    assert code == 1 and "would write" in out
    assert _files(tmp_path) == [src.name]


def test_head_cut_writes_the_tail(tmp_path):
    src = _copy(tmp_path, "det_tiny_topk_nms_op11.onnx")
    code, out, err = run_cli("fix", src, "--unsafe-fixes", "-o", tmp_path / "npu.onnx")
    assert code == 0, out + err
    tail = tmp_path / "det_tiny_topk_nms_op11.postprocess.onnx"
    assert (tmp_path / "npu.onnx").is_file() and tail.is_file()
    assert "NonMaxSuppression" in {n.op_type for n in onnx.load(tail).graph.node}
    assert "fixed       convert-opset [RKN201]" in out and "fixed       cut-head" in out


def test_json_report(tmp_path):
    src = _copy(tmp_path, "cls_mnasnet0_5_op13_dynbatch.onnx")
    code, out, _ = run_cli("fix", src, "--format", "json", "--dry-run", "--runs", "1")
    doc = validate(out, "fix")
    m = doc["models"][0]
    assert code == 1 and doc["exit_code"] == 1  # --dry-run with a pending change
    assert [s["rewrite"] for s in m["steps"] if s["status"] == "applied"] == ["pin-input-shapes"]
    assert m["proof"]["ok"] and m["proof"]["runs"] == 1 and m["proof"]["max_abs_err"] == 0
    assert "RKN101" in {f["code"] for f in m["before"]} and "RKN101" not in {f["code"] for f in m["after"]}
    assert m["written"] == []


def test_user_inputs(tmp_path):
    src = _copy(tmp_path, "misc_layernorm_noeps_op17.onnx")
    m = onnx.load(src)
    shape = [d.dim_value for d in m.graph.input[0].type.tensor_type.shape.dim]
    np.save(tmp_path / "x.npy", np.ones(shape, np.float32))
    code, out, err = run_cli("fix", src, "--inputs", tmp_path / "x.npy", "--runs", "1", "--dry-run")
    assert code == 1, out + err
    assert "on 2 input(s) (1 from --inputs)" in out
    np.save(tmp_path / "bad.npy", np.ones([1, 2], np.float32))
    code, _, err = run_cli("fix", src, "--inputs", tmp_path / "bad.npy", "--dry-run")
    assert code == 2 and "--inputs: array for" in err


def test_check_fix_is_the_same_thing(tmp_path):
    src = _copy(tmp_path, "misc_layernorm_noeps_op17.onnx")
    code, out, err = run_cli("check", src, "--fix")
    assert code == 0, out + err
    assert (tmp_path / "misc_layernorm_noeps_op17.rknn-ready.onnx").is_file()
    assert "fixed       layernorm-epsilon" in out


def test_several_models_into_a_folder(tmp_path):
    a = _copy(tmp_path, "misc_layernorm_noeps_op17.onnx")
    b = _copy(tmp_path, "misc_resize_cubic_op13.onnx")
    outdir = tmp_path / "out"
    outdir.mkdir()
    code, out, err = run_cli("fix", a, b, "-o", outdir, "-q")
    assert code == 0, out + err
    assert _files(outdir) == ["misc_layernorm_noeps_op17.rknn-ready.onnx", "misc_resize_cubic_op13.rknn-ready.onnx"]
    assert len(out.strip().splitlines()) == 2


def test_findings_left_make_exit_1(tmp_path):
    src = _copy(tmp_path, "det_tiny_topk_nms_op11.onnx")
    code, out, _ = run_cli("fix", src)  # the NMS error needs --unsafe-fixes (cut-head)
    assert code == 1
    assert "skipped     cut-head" in out and "error   RKN301" in out


@pytest.mark.parametrize("args, message", [
    (["--input-shape", "images=1,3,8,8"], "the model has no input 'images'"),
    (["--input-shape", "feats=1,50"], "is 3-D [1, T, 128], not 2-D"),
    (["--input-shape", "feats=2,50,128"], "dim 0 of input 'feats' is fixed to 1"),
    (["--cut-head", "auto"], "no post-processing head found"),
    (["--rewrite", "no-such-rewrite"], "unknown rewrite 'no-such-rewrite'"),
    (["--runs", "0"], "--runs must be at least 1"),
])
def test_bad_input_one_line_exit_2_nothing_written(tmp_path, args, message):
    src = _copy(tmp_path, "seq_transformer_encoder_dynseq_op17.onnx")
    code, out, err = run_cli("fix", src, *args)
    assert code == 2, out + err
    assert message in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert _files(tmp_path) == [src.name]


def test_model_onnxruntime_cannot_run(tmp_path):
    # a custom-domain op: rknnlint can rewrite around it, onnxruntime cannot run it
    nodes = [helper.make_node("Relu", ["x"], ["a"]), helper.make_node("MyOp", ["a"], ["b"], domain="custom"),
             helper.make_node("LayerNormalization", ["b", "g", "bb"], ["y"], axis=-1)]
    from conftest import init

    m = make_model(nodes, [("x", [1, 4])], [("y", [1, 4])],
                   [init("g", np.ones(4, np.float32)), init("bb", np.zeros(4, np.float32))], opset=17,
                   extra_opsets=[("custom", 1)])
    src = save(m, tmp_path)
    code, out, err = run_cli("fix", src, "--ignore", "RKN202,RKN203,RKN602")
    assert code == 2 and "onnxruntime cannot run the original model" in err and "--no-verify" in err
    assert _files(tmp_path) == ["m.onnx"]
    code, out, err = run_cli("fix", src, "--no-verify", "--ignore", "RKN202,RKN203,RKN602")
    assert code == 0, out + err
    assert "unproven    --no-verify" in out and (tmp_path / "m.rknn-ready.onnx").is_file()


def test_proof_failure_writes_nothing_and_exits_1(tmp_path, monkeypatch):
    from rknnlint.rewrites import layernorm_epsilon

    monkeypatch.setattr(layernorm_epsilon, "DEFAULT_EPSILON", 10.0)  # a "fix" that changes the numbers
    src = _copy(tmp_path, "misc_layernorm_noeps_op17.onnx")
    code, out, err = run_cli("fix", src)
    assert code == 1
    assert "PROOF FAILED" in out and "output 'y'" in out and "nothing written" in out
    assert _files(tmp_path) == [src.name]


def test_output_equal_to_input_needs_in_place(tmp_path):
    src = _copy(tmp_path, "misc_layernorm_noeps_op17.onnx")
    code, _, err = run_cli("fix", src, "-o", src)
    assert code == 2 and "use --in-place" in err


def test_classifier_without_head_is_fine_without_cut(tmp_path):
    src = save(classifier(), tmp_path)
    code, out, _ = run_cli("fix", src)
    assert "nothing to fix" in out


def test_config_input_shapes_apply_to_models_that_have_the_input(tmp_path):
    src = _copy(tmp_path, "seq_transformer_encoder_dynseq_op17.onnx")
    other = _copy(tmp_path, "misc_layernorm_noeps_op17.onnx")
    cfg = tmp_path / "rknnlint.yaml"
    cfg.write_text("input-shapes:\n  feats: [1, 50, 128]\n")
    code, out, err = run_cli("fix", src, other, "--config", cfg, "--dry-run", "-q")
    assert code == 1, out + err
    assert "2 fix(es)" not in out and out.count("(would write") == 2


def test_advice_names_crash_workarounds_no_rule_asked_for(tmp_path):
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).parent / "rewrites"))
    from _crash_graphs import psa_attention

    src = save(psa_attention(), tmp_path)
    code, out, _ = run_cli("fix", src, "--dry-run")  # RKN707 asks for the rewrite: no advice needed
    assert "fixed       attention-matmul-order [RKN707]" in out and "advice      --rewrite attention" not in out
    code, out, _ = run_cli("fix", src, "--ignore", "RKN707")  # no rule asks: advice
    assert "advice      --rewrite attention-matmul-order would change this model" in out
    code, out, _ = run_cli("fix", src, "--rewrite", "toolkit-workarounds", "--dry-run")
    assert "fixed       attention-matmul-order" in out and "advice      --rewrite attention" not in out
