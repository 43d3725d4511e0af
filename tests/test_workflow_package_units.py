"""Pieces of rknnlint package without the toolkit: model_config.yml, previous-record comparison, dataset checks."""
from __future__ import annotations

import json

import numpy as np
import pytest

from rknnlint.errors import UsageError
from rknnlint.workflow.package import _compare_previous, model_config_yml, validate_dataset
from rknnlint.workflow.source import parse_source

CFG = parse_source({"phase": "onnx", "inputs": [{"name": "images", "shape": [1, 3, 32, 32]}], "color_order": "BGR",
                    "mean": [1, 2, 3], "std": [4, 5, 6]})


def test_model_config_format_for_rknn_convert():
    d = model_config_yml("m_int8", "m.npu.onnx", CFG, True, "dataset.txt")["models"]
    assert d["platform"] == "onnx" and d["model_file_path"] == "m.npu.onnx" and d["quantize"] is True
    assert d["configs"]["mean_values"] == [[1, 2, 3]] and d["configs"]["std_values"] == [[4, 5, 6]]
    assert d["configs"]["quant_img_RGB2BGR"] is True and d["dataset"] == "dataset.txt"
    assert d["subgraphs"] == {"inputs": ["images"], "input_size_list": ["1,3,32,32"]}
    assert "dataset" not in model_config_yml("m", "m.onnx", CFG, False, None)["models"]


def test_previous_record_comparison(tmp_path):
    prev = {"builds": {"fp16": {"npu_coverage": 0.9, "size_bytes": 10, "outputs": [{"cosine": 0.99}]}}}
    p = tmp_path / "perf.json"
    p.write_text(json.dumps(prev))
    cur = {"builds": {"fp16": {"npu_coverage": 1.0, "size_bytes": 8, "outputs": [{"cosine": 1.0}, {"cosine": 0.995}]}}}
    d = _compare_previous(cur, str(p))
    assert d["fp16"] == {"npu_coverage": [0.9, 1.0], "size_bytes": [10, 8], "min_cosine": [0.99, 0.995]}
    with pytest.raises(UsageError, match="cannot read previous record"):
        _compare_previous(cur, str(tmp_path / "missing.json"))


def test_dataset_checks(tmp_path):
    np.save(tmp_path / "a.npy", np.zeros((1, 3, 32, 32), np.uint8))
    np.save(tmp_path / "b.npy", np.zeros((1, 32, 32, 3), np.uint8))
    (tmp_path / "ok.txt").write_text("a.npy\n")
    assert validate_dataset(tmp_path / "ok.txt", CFG) == [str((tmp_path / "a.npy").resolve())]
    for text, msg in (("b.npy\n", "has shape [1, 32, 32, 3]"), ("a.npy a.npy\n", "2 file(s) on the line"),
                      ("c.npy\n", "'c.npy' not found"), ("\n", "empty")):
        (tmp_path / "bad.txt").write_text(text)
        with pytest.raises(UsageError, match=msg.replace("[", r"\[").replace("]", r"\]").replace("(", r"\(").replace(")", r"\)")):
            validate_dataset(tmp_path / "bad.txt", CFG)
