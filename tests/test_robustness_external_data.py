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
