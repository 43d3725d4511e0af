"""A model over 2 GB (external data): check reads the graph, not the weights, and its memory stays bounded."""
from __future__ import annotations

import json
import subprocess
import sys

import onnx
import pytest
from onnx import TensorProto, helper

N = 16384  # one [N, N] float32 weight is 1 GiB
LAYERS = 3  # 3 GiB of weights in all
FIXED_OVERHEAD_MB = 400  # interpreter, onnx, numpy, rich


def make_big_model(folder) -> tuple:
    """A MatMul chain whose 3 GiB of weights live in a sparse .data file (made instantly with truncate)."""
    nodes, inits = [], []
    prev = "x"
    offset = 0
    size = N * N * 4
    for i in range(LAYERS):
        w = TensorProto(name=f"w{i}", data_type=TensorProto.FLOAT, dims=[N, N])
        w.data_location = TensorProto.EXTERNAL
        for k, v in (("location", "big.onnx.data"), ("offset", str(offset)), ("length", str(size))):
            e = w.external_data.add()
            e.key, e.value = k, v
        offset += size
        inits.append(w)
        out = "y" if i == LAYERS - 1 else f"h{i}"
        nodes.append(helper.make_node("MatMul", [prev, f"w{i}"], [out], name=f"fc{i}"))
        prev = out
    g = helper.make_graph(nodes, "big", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, N])],
                          [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, N])], inits)
    m = helper.make_model(g, opset_imports=[helper.make_opsetid("", 13)], ir_version=8)
    path = folder / "big.onnx"
    path.write_bytes(m.SerializeToString())
    with open(folder / "big.onnx.data", "wb") as f:
        f.truncate(offset)
    return path, offset, len(m.SerializeToString())


@pytest.mark.slow
def test_check_on_model_over_2gb_keeps_memory_bounded(tmp_path):
    path, data_bytes, graph_bytes = make_big_model(tmp_path)
    assert data_bytes > 2**31
    code = (
        "import sys, json, rknnlint\n"
        "r = rknnlint.check(sys.argv[1])\n"
        # VmHWM is this process image's own peak; ru_maxrss would include the forking parent's
        "peak = int(next(l for l in open('/proc/self/status') if l.startswith('VmHWM')).split()[1]) / 1024\n"
        "print(json.dumps({'exit': r.exit_code, 'error': r.models[0].error, 'peak_mb': peak,"
        " 'codes': sorted({f.code for f in r.findings})}))\n"
    )
    p = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, timeout=300)
    assert p.returncode == 0, p.stderr
    res = json.loads(p.stdout.strip().splitlines()[-1])
    assert res["error"] is None
    limit = 1.5 * graph_bytes / 2**20 + FIXED_OVERHEAD_MB
    print(f"check on {data_bytes / 2**30:.1f} GiB model: peak {res['peak_mb']:.0f} MB (limit {limit:.0f} MB)")
    assert res["peak_mb"] < limit
    assert onnx.load(path, load_external_data=False).graph.node[0].name == "fc0"  # untouched
