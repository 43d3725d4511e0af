"""The three malformed models of issue 12 (a node input nothing produces, external data shorter than declared, a
tensor no machine can allocate): `check` reports each as an error, and the REAL rknn-toolkit2 2.5.0 fails on each
(one build apiece), with the build failure mapped to the same rule."""
from __future__ import annotations

import json

import numpy as np
import pytest
from onnx import TensorProto, helper

from conftest import init, make_model, run_cli, save

S = [1, 3, 8, 8]


def _dangling(tmp_path):
    return save(make_model([helper.make_node("Relu", ["x"], ["r"], name="relu"),
                            helper.make_node("Add", ["r", "ghost"], ["y"], name="add_ghost")], [("x", S)], [("y", S)]),
                tmp_path)


def _short_external(tmp_path):
    w = TensorProto(name="w", data_type=TensorProto.FLOAT, dims=[3, 3, 3, 3])
    w.data_location = TensorProto.EXTERNAL
    for k, v in (("location", "m.onnx.data"), ("offset", "0"), ("length", "324")):
        e = w.external_data.add()
        e.key, e.value = k, v
    p = save(make_model([helper.make_node("Conv", ["x", "w"], ["y"], name="conv", pads=[1, 1, 1, 1])], [("x", S)],
                        [("y", S)], [w]), tmp_path)
    (tmp_path / "m.onnx.data").write_bytes(np.ones(40, np.float32).tobytes())
    return p


def _huge(tmp_path):
    shape = np.array([1, 3, 2**19, 2**21], np.int64)
    return save(make_model([helper.make_node("Expand", ["x", "shp"], ["b"], name="expand_huge"),
                            helper.make_node("ReduceMax", ["b"], ["y"], name="rmax", axes=[2, 3], keepdims=1)],
                           [("x", [1, 3, 1, 1])], [("y", [1, 3, 1, 1])], [init("shp", shape)]), tmp_path)


CASES = {"dangling": (_dangling, "RKN206", "Can not find tensor value info for 'ghost'!"),
         "short-external": (_short_external, "RKN207", "cannot reshape array of size 40 into shape (3,3,3,3)"),
         "huge": (_huge, "RKN208", "Failed to allocate memory")}


@pytest.mark.parametrize("case", sorted(CASES))
def test_check_says_error(case, tmp_path):
    make, code, _ = CASES[case]
    rc, out, err = run_cli("check", make(tmp_path), "--format", "json")
    assert rc == 1, err
    doc = json.loads(out)
    errors = [f["code"] for m in doc["models"] for f in m["findings"] if f["severity"] == "error"]
    assert errors == [code]


@pytest.mark.toolkit
@pytest.mark.parametrize("case", sorted(CASES))
def test_real_toolkit_fails_the_same_model(case, tmp_path):
    pytest.importorskip("rknn.api")
    make, code, message = CASES[case]
    rc, out, err = run_cli("build", make(tmp_path), "--format", "json", "--no-static")
    assert rc == 1, err
    build = json.loads(out)["builds"][0]
    assert build["status"] == "failed", build["error"]
    assert message in build["error"]
    assert [f["code"] for f in build["findings"]] == [code]


@pytest.mark.toolkit
def test_declared_shape_conflict_is_a_warning_because_the_toolkit_builds_it(tmp_path):
    """RKN206 says warning, not error, for a stale declared shape: the real build re-infers shapes and succeeds."""
    pytest.importorskip("rknn.api")
    p = save(make_model([helper.make_node("Relu", ["x"], ["r"], name="relu"),
                         helper.make_node("Sigmoid", ["r"], ["y"], name="sig")], [("x", S)], [("y", [1, 3, 9, 9])]),
             tmp_path)
    rc, out, err = run_cli("check", p, "--format", "json", "--select", "RKN206")
    assert rc == 0 and [f["severity"] for m in json.loads(out)["models"] for f in m["findings"]] == ["warning"]
    rc, out, err = run_cli("build", p, "--format", "json", "--no-static")
    assert rc == 0, err
    assert json.loads(out)["builds"][0]["status"] == "built"
