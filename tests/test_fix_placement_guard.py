"""A rewrite must not add CPU layers or toolkit crashes the original did not have: the fix loop compares the
static check's placement (RKN601 per op type, RKN7xx crashes) of each round with the original's and rolls
back the rewrite that added some, naming what it would have added. A rewrite that removes an error in exchange
(a crash, a load refusal) is kept and says what it added."""
from __future__ import annotations

import numpy as np
import onnx
from onnx import helper

from conftest import findings, init, make_model, run_cli
from rknnlint.fix._loop import _added_placement, _placement


def _expand_hw():
    # Expand repeating H and W (measured on rk3588 2.5.0: Expand on the NPU, the same as Tile on the CPU)
    nodes = [helper.make_node("Relu", ["x"], ["r"]), helper.make_node("Expand", ["r", "shape"], ["e"], name="expand"),
             helper.make_node("Add", ["e", "e"], ["y"])]
    return make_model(nodes, [("x", [1, 8, 1, 1])], [("y", [1, 8, 4, 4])],
                      [init("shape", np.array([1, 8, 4, 4], np.int64))])


def test_placement_counts():
    fs = findings(_expand_hw())
    assert not _added_placement(fs, _placement(fs))


def test_rewrite_adding_cpu_layers_is_rolled_back(tmp_path):
    # rk3576: the probe's Tile runs on the CPU; rk3588's sweep measured a Tile of unit axes as an NPU Expand
    # (calibration/placement_sweep.py `tilebc`), so there the same rewrite adds nothing and is kept
    src, out = tmp_path / "expand.onnx", tmp_path / "out.onnx"
    onnx.save(_expand_hw(), src)
    assert not findings(src, select=["RKN601"], target="rk3576")
    code, stdout, err = run_cli("fix", src, "-o", out, "--rewrite", "expand-to-tile", "--target", "rk3576")
    assert "rolled back expand-to-tile" in stdout, stdout + err
    assert "would add what the original did not have: RKN601 Tile x1" in stdout
    assert "nothing to fix" in stdout and not out.exists()
    code, stdout, err = run_cli("fix", src, "-o", out, "--rewrite", "expand-to-tile", "--target", "rk3588")
    assert "fixed       expand-to-tile" in stdout and out.exists(), stdout + err
