"""External data: read only from inside the model's folder; absolute, '..' and escaping symlinks are refused."""
from __future__ import annotations

import hashlib
import os
import shutil

import numpy as np
import onnx
import pytest
from onnx import helper

import rknnlint
from conftest import conv_weight, init, make_model, run_cli, shared_model


def _model_with_external(tmp_path, location: str, data_file=None):
    w = init("w", conv_weight(8, 3))
    m = make_model([helper.make_node("Conv", ["x", "w"], ["y"], pads=[1, 1, 1, 1])], [("x", [1, 3, 16, 16])],
                   [("y", [1, 8, 16, 16])], [w])
    t = m.graph.initializer[0]
    raw = t.raw_data or np.asarray(conv_weight(8, 3)).tobytes()
    t.ClearField("raw_data")
    t.ClearField("float_data")
    t.data_location = onnx.TensorProto.EXTERNAL
    for k, v in (("location", location), ("offset", "0"), ("length", str(len(raw)))):
        e = t.external_data.add()
        e.key, e.value = k, v
    d = tmp_path / "models"
    d.mkdir(exist_ok=True)
    p = d / "m.onnx"
    p.write_bytes(m.SerializeToString())
    if data_file is not None:
        data_file.parent.mkdir(parents=True, exist_ok=True)
        data_file.write_bytes(raw)
    return p


def test_real_external_data_model_is_checked():
    rep = rknnlint.check(shared_model("seg_tiny_unet_extdata_op13.onnx"))
    assert not rep.unreadable
    assert rep.models[0].verdicts == {"rk3588": "builds"}


def test_data_inside_folder_is_accepted(tmp_path):
    p = _model_with_external(tmp_path, "m.onnx.data", tmp_path / "models" / "m.onnx.data")
    assert not rknnlint.check(p).unreadable


@pytest.mark.parametrize("location,needle", [
    ("/etc/passwd", "absolute path"),
    ("../secret.bin", "leaves the model's folder"),
    ("sub/../../secret.bin", "leaves the model's folder"),
    ("missing.data", "is missing"),
])
def test_escaping_locations_are_refused(tmp_path, location, needle):
    (tmp_path / "secret.bin").write_bytes(b"\0" * 864)
    p = _model_with_external(tmp_path, location)
    code, out, err = run_cli("check", p)
    assert code == 2
    assert needle in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_symlink_leaving_folder_is_refused(tmp_path):
    outside = tmp_path / "outside.bin"
    outside.write_bytes(b"\0" * 864)
    p = _model_with_external(tmp_path, "link.data")
    os.symlink(outside, tmp_path / "models" / "link.data")
    code, _, err = run_cli("check", p)
    assert code == 2 and "outside the model's folder" in err


def test_check_leaves_model_and_data_byte_identical(tmp_path):
    src = shared_model("seg_tiny_unet_extdata_op13.onnx")
    for f in (src, src.with_name(src.name + ".data")):
        shutil.copy(f, tmp_path / f.name)
    files = sorted(tmp_path.iterdir())
    before = {f.name: hashlib.sha256(f.read_bytes()).hexdigest() for f in files}
    mtimes = {f.name: f.stat().st_mtime_ns for f in files}
    for args in (["check", tmp_path / src.name], ["check", "--format", "json", tmp_path / src.name],
                 ["check", "--target", "all", tmp_path]):
        run_cli(*args)
    after = {f.name: hashlib.sha256(f.read_bytes()).hexdigest() for f in sorted(tmp_path.iterdir())}
    assert before == after
    assert {f.name: f.stat().st_mtime_ns for f in files} == mtimes


def _external_layernorm(folder):
    """misc_layernorm_noeps_op17 (RKN702: fix adds the epsilon) saved with its weights in m.onnx.data."""
    m = onnx.load(shared_model("misc_layernorm_noeps_op17.onnx"))
    p = folder / "m.onnx"
    onnx.save_model(m, p, save_as_external_data=True, all_tensors_to_one_file=True, location="m.onnx.data",
                    size_threshold=0)
    assert (folder / "m.onnx.data").stat().st_size > 0
    return p


def test_every_command_leaves_model_and_data_byte_identical(tmp_path, monkeypatch):
    from rknnlint.rewrites import layernorm_epsilon

    src = _external_layernorm(tmp_path)
    inputs = [src, tmp_path / "m.onnx.data"]

    def state():
        return {f.name: (hashlib.sha256(f.read_bytes()).hexdigest(), f.stat().st_mtime_ns) for f in inputs}

    before = state()
    runs = {
        "check": (["check", src], {1}),
        "fix --dry-run": (["fix", "--dry-run", src], {1}),  # a fix is pending
        "fix --diff": (["fix", "--diff", src], {1}),
        "fix": (["fix", src], {0}),
        "fix again (output exists)": (["fix", src], {0}),
    }
    for what, (args, codes) in runs.items():
        code, out, err = run_cli(*args)
        assert code in codes, (what, code, out, err)
        assert state() == before, what
    out_model = tmp_path / "m.rknn-ready.onnx"
    assert out_model.is_file() and (tmp_path / "m.rknn-ready.onnx.data").is_file()  # its own data, beside it
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temp folders
    # a fix whose proof fails writes nothing and touches nothing
    monkeypatch.setattr(layernorm_epsilon, "DEFAULT_EPSILON", 10.0)
    code, out, err = run_cli("fix", src, "-o", tmp_path / "failed.onnx")
    assert code == 1 and "PROOF FAILED" in out
    assert state() == before and not (tmp_path / "failed.onnx").exists()
    monkeypatch.undo()
    # a quick trial build (the toolkit crashes on this model: RKN702 as a build finding)
    pytest.importorskip("rknn.api")
    code, out, err = run_cli("build", src, "--no-static", "--out-dir", tmp_path / "build")
    assert code == 1, out + err
    assert state() == before, "build"
