"""A model over 2 GB (external data): check reads the graph, not the weights, and its memory stays bounded;
fix refuses to load more than 2 GiB of weights (docs/fixing.md), in one line and bounded memory."""
from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys

import onnx
import pytest
from onnx import TensorProto, helper

N = 16384  # one [N, N] float32 weight is 1 GiB
LAYERS = 3  # 3 GiB of weights in all
FIXED_OVERHEAD_MB = 400  # interpreter, onnx, numpy, rich


def make_big_model(folder, batch: int | str = 1) -> tuple:
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
    g = helper.make_graph(nodes, "big", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [batch, N])],
                          [helper.make_tensor_value_info("y", TensorProto.FLOAT, [batch, N])], inits)
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


def _peak_run(args, timeout=300):
    """`python -m rknnlint ARGS` with its own peak resident memory (VmHWM read at exit) in MB."""
    code = ("import atexit, sys, runpy\n"
            "def peak():\n"
            "    kb = int(next(l for l in open('/proc/self/status') if l.startswith('VmHWM')).split()[1])\n"
            "    sys.stderr.write(f'PEAK_MB {kb / 1024:.0f}\\n')\n"
            "atexit.register(peak)\n"
            "sys.argv = ['rknnlint'] + sys.argv[1:]\n"
            "runpy.run_module('rknnlint', run_name='__main__')\n")
    env = {k: v for k, v in os.environ.items() if k != "RKNNLINT_DEBUG"}
    p = subprocess.run([sys.executable, "-c", code, *map(str, args)], capture_output=True, text=True,
                       timeout=timeout, env=env)
    lines = [x for x in p.stderr.splitlines() if x.strip()]
    peak = float(next(x.split()[1] for x in lines if x.startswith("PEAK_MB")))
    return p.returncode, p.stdout, [x for x in lines if not x.startswith("PEAK_MB")], peak


@pytest.mark.slow
def test_fix_on_model_over_2gb_refuses_in_one_line_with_bounded_memory(tmp_path):
    # a dynamic batch: pin-input-shapes would have to rewrite (and the proof run) 3 GiB of weights
    path, data_bytes, graph_bytes = make_big_model(tmp_path, batch="batch")
    data = tmp_path / "big.onnx.data"
    before = (hashlib.sha256(path.read_bytes()).hexdigest(), data.stat().st_size, data.stat().st_mtime_ns)
    code, out, err, peak = _peak_run(["fix", path])
    assert code == 2, (out, err)
    assert len(err) == 1 and "Traceback" not in "".join(err)
    assert err[0] == (f"rknnlint: error: {path}: 3.0 GiB of weights, above the 2.0 GiB that rewriting and proving "
                      "a model may load (it holds the weights about 4 times, and onnxruntime takes at most 2 GiB in "
                      "memory); nothing written. `rknnlint check` still works on it; fix the graph at export")
    limit = 1.5 * graph_bytes / 2**20 + FIXED_OVERHEAD_MB
    print(f"fix on {data_bytes / 2**30:.1f} GiB model: refused, peak {peak:.0f} MB (limit {limit:.0f} MB)")
    assert peak < limit
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.onnx", "big.onnx.data"]  # nothing written
    assert (hashlib.sha256(path.read_bytes()).hexdigest(), data.stat().st_size, data.stat().st_mtime_ns) == before


@pytest.mark.slow
def test_fix_on_model_over_2gb_with_nothing_to_rewrite_reports_without_loading_weights(tmp_path):
    path, data_bytes, graph_bytes = make_big_model(tmp_path)  # static shapes: no rewrite applies
    code, out, err, peak = _peak_run(["fix", path])
    assert err == [] and "nothing to fix: no file written" in out
    assert code == 1 and "RKN306" in out  # the all-zero (sparse) weights fold to constants: left as a finding
    limit = 1.5 * graph_bytes / 2**20 + FIXED_OVERHEAD_MB
    print(f"fix (nothing to rewrite) on {data_bytes / 2**30:.1f} GiB model: peak {peak:.0f} MB (limit {limit:.0f} MB)")
    assert peak < limit
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.onnx", "big.onnx.data"]
    # an explicit request needs the weights: refused, however the group is named
    code, out, err, peak = _peak_run(["fix", "--rewrite", "toolkit-workarounds", path])
    assert code == 2 and len(err) == 1 and "3.0 GiB of weights, above the 2.0 GiB" in err[0] and peak < limit


def test_in_file_weights_counted_from_the_file_size(tmp_path):
    """load_full counts a model's in-file weights by its file size (no ByteSize() pass over the weights)."""
    import numpy as np
    from onnx import helper, numpy_helper

    from rknnlint.fix._write import WeightsTooLarge, load_full, weight_bytes

    w = numpy_helper.from_array(np.ones((512, 512), np.float32), "w")
    g = helper.make_graph([helper.make_node("MatMul", ["x", "w"], ["y"])], "g",
                          [helper.make_tensor_value_info("x", onnx.TensorProto.FLOAT, [1, 512])],
                          [helper.make_tensor_value_info("y", onnx.TensorProto.FLOAT, [1, 512])], [w])
    path = tmp_path / "m.onnx"
    onnx.save(helper.make_model(g, opset_imports=[helper.make_opsetid("", 13)]), path)
    model, files = load_full(path)
    assert files == []
    assert weight_bytes(model, tmp_path, path.stat().st_size) == model.ByteSize() == path.stat().st_size
    with pytest.raises(WeightsTooLarge, match="1 MiB of weights, above the 1 MiB"):
        load_full(path, max_weight_bytes=2**20)
