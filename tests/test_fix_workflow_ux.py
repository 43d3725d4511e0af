"""What a user of `fix` and `check --fix` meets first (issue 13): exit codes that gate CI, options that
`check --fix` advises and accepts, safe / unsafe fixable counts, --inputs parsing, and an in-place fix of a
model with external data that survives commit and clone."""
from __future__ import annotations

import json
import shutil
import subprocess

import numpy as np
import onnx
import pytest

from conftest import run_cli, shared_model


def _copy(tmp_path, name):
    dst = tmp_path / name
    shutil.copy(shared_model(name), dst)
    return dst


def test_diff_and_dry_run_exit_1_when_a_fix_is_pending_and_0_when_not(tmp_path):
    src = _copy(tmp_path, "misc_layernorm_noeps_op17.onnx")
    for flag in ("--diff", "--dry-run"):
        code, out, err = run_cli("fix", src, flag, "--runs", "1")
        assert code == 1, (flag, out, err)
        assert not (tmp_path / "misc_layernorm_noeps_op17.rknn-ready.onnx").exists()
    code, _, err = run_cli("fix", src, "--runs", "1")
    assert code == 0, err
    fixed = tmp_path / "misc_layernorm_noeps_op17.rknn-ready.onnx"
    for flag in ("--diff", "--dry-run"):
        code, out, err = run_cli("fix", fixed, flag, "-o", tmp_path / "again.onnx")
        assert code == 0 and "nothing to fix" in out, (flag, out, err)


def test_inputs_does_not_swallow_the_model_path(tmp_path):
    src = _copy(tmp_path, "misc_layernorm_noeps_op17.onnx")
    shape = [d.dim_value for d in onnx.load(src).graph.input[0].type.tensor_type.shape.dim]
    np.save(tmp_path / "x.npy", np.ones(shape, np.float32))
    code, out, err = run_cli("fix", "--inputs", tmp_path / "x.npy", src, "--runs", "1", "--dry-run")
    assert code == 1 and "(1 from --inputs)" in out, out + err  # 1: --dry-run with a pending fix
    code, out, err = run_cli("fix", "--inputs", f"{tmp_path / 'x.npy'},{tmp_path / 'x.npy'}", src, "--dry-run")
    assert code == 2 and "2 arrays for 1 model input(s)" in err


def test_check_counts_safe_and_unsafe_fixes_apart_and_fix_agrees(tmp_path):
    src = _copy(tmp_path, "det_yolov8n_nc20_256_op12.onnx")
    code, out, _ = run_cli("check", src)
    assert code == 1 and "0 fixable, 4 more with --unsafe-fixes;" in out.splitlines()[-1]
    code, out, _ = run_cli("check", src, "--format", "json")
    assert json.loads(out)["summary"]["fixable"] == 0 and json.loads(out)["summary"]["fixable_unsafe"] == 4
    code, out, _ = run_cli("fix", src, "--dry-run")
    assert "skipped     cut-head" in out and "pass --unsafe-fixes" in out
    assert "nothing to fix" not in out and "nothing fixed: the skipped fix(es) above say what enables them" in out


def test_check_fix_accepts_what_it_advises_and_writes_its_report(tmp_path):
    src = _copy(tmp_path, "det_tiny_topk_nms_op11.onnx")
    code, _, err = run_cli("check", src, "--unsafe-fixes")
    assert code == 2 and "add --fix" in err
    code, out, err = run_cli("check", src, "--fix", "--unsafe-fixes", "--cut-head", "auto", "-o",
                             tmp_path / "fix.json", "--format", "json")
    assert code == 0, out + err
    assert (tmp_path / "det_tiny_topk_nms_op11.rknn-ready.onnx").is_file()
    assert (tmp_path / "det_tiny_topk_nms_op11.postprocess.onnx").is_file()
    doc = json.loads((tmp_path / "fix.json").read_text())
    assert [m["output"] for m in doc["models"]] == [str(tmp_path / "det_tiny_topk_nms_op11.rknn-ready.onnx")]
    assert "fix report written to" in err
    code, _, err = run_cli("check", src, "--fix", "--format", "sarif")
    assert code == 2 and "text or json" in err
    dyn = _copy(tmp_path, "cls_mnasnet0_5_op13_dynbatch.onnx")
    # without --fix, --input-shape pins the input for the check itself (as load_onnx's input_size_list builds it)
    code, out, err = run_cli("check", dyn, "--input-shape", "input=1,3,224,224")
    assert code == 0 and "RKN101" not in out, out + err
    name = onnx.load(dyn).graph.input[0].name
    code, out, err = run_cli("check", dyn, "--fix", "--input-shape", f"{name}=2,3,224,224")
    fixed = onnx.load(tmp_path / "cls_mnasnet0_5_op13_dynbatch.rknn-ready.onnx")
    assert code == 0 and [d.dim_value for d in fixed.graph.input[0].type.tensor_type.shape.dim][0] == 2, out + err


def _git(cwd, *args):
    return subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args], cwd=cwd,
                          capture_output=True, text=True, check=True)


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_in_place_fix_of_external_data_model_survives_commit_and_clone(tmp_path):
    """What the rknnlint-fix pre-commit hook does: fix --in-place, git add -u, commit; a clone loads the model."""
    repo = tmp_path / "repo"
    repo.mkdir()
    m = onnx.load(shared_model("misc_layernorm_noeps_op17.onnx"))
    onnx.save_model(m, repo / "m.onnx", save_as_external_data=True, all_tensors_to_one_file=True,
                    location="m.onnx.data", size_threshold=0)
    _git(repo, "init", "-q")
    _git(repo, "add", "m.onnx", "m.onnx.data")
    _git(repo, "commit", "-q", "-m", "model")
    code, out, err = run_cli("fix", "--in-place", repo / "m.onnx")  # the hook's entry
    assert code == 0, out + err
    assert sorted(p.name for p in repo.iterdir() if p.name != ".git") == ["m.onnx", "m.onnx.data"]
    _git(repo, "add", "-u")
    _git(repo, "commit", "-q", "-m", "fixed")
    assert _git(repo, "status", "--porcelain").stdout == ""
    _git(tmp_path, "clone", "-q", str(repo), "clone")
    fixed = onnx.load(str(tmp_path / "clone" / "m.onnx"))  # loads the external data: it is in the clone
    assert {t.name for t in fixed.graph.initializer} >= {t.name for t in m.graph.initializer}
    assert all(n.op_type != "LayerNormalization" or any(a.name == "epsilon" for a in n.attribute)
               for n in fixed.graph.node)
    code, out, _ = run_cli("check", tmp_path / "clone" / "m.onnx", "--select", "RKN702")
    assert code == 0 and "RKN702" not in out
