"""A small model whose plain int8 build loses its output, for the int8 tests and the docs/int8.md walk-through:
`python -m tests._int8_models DIR` writes DIR/outlier.onnx, 12 calibration samples and DIR/dataset.txt.

A stack of 3x3 Conv+Relu blocks; one output channel of 'conv2' is 2000x the others (an outlier channel), and
'conv3' reads only the other channels. int8 quantizes the tensor 'conv2' writes with one range for all its
channels, so the small channels round to zero and everything after them is lost; keeping conv2 and conv3 in
fp16 restores it."""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
from onnx import TensorProto, helper, numpy_helper, save

CHANNELS = 16


def outlier_model(d: Path, blocks: int = 14, samples: int = 12) -> tuple[Path, Path]:
    rng = np.random.default_rng(0)
    inits, nodes = [], []
    x = "x"
    cin = 3
    for k in range(1, blocks + 1):
        w = (rng.standard_normal((CHANNELS, cin, 3, 3)) * (1.0 / np.sqrt(9 * cin))).astype(np.float32)
        if k == 2:
            w[0] *= 2000.0  # the outlier channel
        if k == 3:
            w[:, 0] = 0.0  # conv3 ignores it and reads only the small channels
        inits += [numpy_helper.from_array(w, f"conv{k}_w"),
                  numpy_helper.from_array(np.zeros(CHANNELS, np.float32), f"conv{k}_b")]
        nodes += [helper.make_node("Conv", [x, f"conv{k}_w", f"conv{k}_b"], [f"c{k}"], pads=[1, 1, 1, 1], name=f"conv{k}"),
                  helper.make_node("Relu", [f"c{k}"], [f"r{k}"], name=f"relu{k}")]
        x, cin = f"r{k}", CHANNELS
    w = (rng.standard_normal((4, CHANNELS, 1, 1)) * 0.25).astype(np.float32)
    inits += [numpy_helper.from_array(w, "head_w"), numpy_helper.from_array(np.zeros(4, np.float32), "head_b")]
    nodes.append(helper.make_node("Conv", [x, "head_w", "head_b"], ["y"], name="head"))
    g = helper.make_graph(nodes, "outlier", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 3, 32, 32])],
                          [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 4, 32, 32])], inits)
    m = helper.make_model(g, opset_imports=[helper.make_opsetid("", 13)])
    m.ir_version = 8
    d.mkdir(parents=True, exist_ok=True)
    save(m, d / "outlier.onnx")
    for k in range(samples):
        np.save(d / f"sample{k}.npy", rng.standard_normal((1, 3, 32, 32)).astype(np.float32))
    (d / "dataset.txt").write_text("".join(f"sample{k}.npy\n" for k in range(samples)))
    return d / "outlier.onnx", d / "dataset.txt"


if __name__ == "__main__":
    print(*outlier_model(Path(sys.argv[1])))
