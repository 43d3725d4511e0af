"""The real rknn-toolkit2 2.5.0 build puts on the CPU exactly the layers RKN601/RKN610 predict."""
from __future__ import annotations

import re
import subprocess
import sys

import onnx
import pytest
from onnx import helper

from conftest import findings, make_model

_CHILD = """
import sys
from rknn.api import RKNN
for path in sys.argv[1:]:
    print("MODEL", path, flush=True)
    r = RKNN(verbose=True)
    r.config(target_platform='rk3588')
    r.load_onnx(model=path)
    r.build(do_quantization=False)
    r.release()
"""
_ROW = re.compile(r"^D RKNN: \[[0-9:.]+\] +\d+ +(\w+) +FLOAT16 +(NPU|CPU) ")


def _models():
    relu = helper.make_node("Relu", ["x"], ["y"])
    return {
        "exp": make_model([helper.make_node("Exp", ["x"], ["a"]), helper.make_node("Relu", ["a"], ["y"])],
                          [("x", [1, 3, 8, 8])], [("y", [1, 3, 8, 8])]),
        "out10": make_model([relu], [("x", [1, 3, 10])], [("y", [1, 3, 10])]),
        "out16": make_model([relu], [("x", [1, 3, 16])], [("y", [1, 3, 16])]),
    }


@pytest.mark.toolkit
def test_cpu_layers_match_prediction(tmp_path):
    pytest.importorskip("rknn.api")
    paths = {}
    for name, m in _models().items():
        paths[name] = tmp_path / f"{name}.onnx"
        onnx.save(m, paths[name])
    p = subprocess.run([sys.executable, "-c", _CHILD, *map(str, paths.values())], capture_output=True, text=True,
                       timeout=300, cwd=tmp_path)
    cpu: dict[str, set[str]] = {}
    current = None
    for line in p.stdout.splitlines():
        if line.startswith("MODEL "):
            current = line.split()[1]
            cpu[current] = set()
        m = _ROW.match(line)
        if m and current and m.group(2) == "CPU" and not m.group(1).endswith("Operator"):
            cpu[current].add(m.group(1))
    for name, path in paths.items():
        predicted = {f.data.get("op") for f in findings(str(path), select={"RKN601", "RKN610"})}
        assert cpu[str(path)] == predicted, name
