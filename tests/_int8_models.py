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


def _image_model(d: Path, name: str, sample: str, nodes, inits, cout: int, samples: int, rng) -> tuple[Path, Path]:
    """Writes d/<name>.onnx (x [1, 3, 32, 32] -> y [1, cout, 32, 32]), `samples` random NCHW .npy samples and the
    dataset.txt listing them; returns the model and the list."""
    g = helper.make_graph(nodes, name, [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 3, 32, 32])],
                          [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, cout, 32, 32])], inits)
    m = helper.make_model(g, opset_imports=[helper.make_opsetid("", 13)])
    m.ir_version = 8
    d.mkdir(parents=True, exist_ok=True)
    save(m, d / f"{name}.onnx")
    for k in range(samples):
        np.save(d / f"{sample}{k}.npy", rng.standard_normal((1, 3, 32, 32)).astype(np.float32))
    (d / "dataset.txt").write_text("".join(f"{sample}{k}.npy\n" for k in range(samples)))
    return d / f"{name}.onnx", d / "dataset.txt"


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
    return _image_model(d, "outlier", "sample", nodes, inits, 4, samples, rng)


def sdpa_crash_model(d: Path, samples: int = 12) -> tuple[Path, Path]:
    """o = v @ Transpose(Softmax(q^T @ k)) on [1, 2, 16|32, 64] inputs: rknn-toolkit2 2.5.0's
    fuse_exmatmul_add_mul_exsoftmax13_exmatmul_to_sdpa pass raises IndexError on it (RKN707), and
    disable_rules=[that pass] builds it."""
    rng = np.random.default_rng(0)
    N = helper.make_node
    nodes = [N("Transpose", ["q"], ["qt"], perm=[0, 1, 3, 2]), N("MatMul", ["qt", "k"], ["a"], name="attn_qk"),
             N("Softmax", ["a"], ["p"], axis=-1), N("Transpose", ["p"], ["pt"], perm=[0, 1, 3, 2]),
             N("MatMul", ["v", "pt"], ["o"], name="attn_v")]
    shapes = {"q": [1, 2, 16, 64], "k": [1, 2, 16, 64], "v": [1, 2, 32, 64]}
    g = helper.make_graph(nodes, "sdpa", [helper.make_tensor_value_info(n, TensorProto.FLOAT, s) for n, s in shapes.items()],
                          [helper.make_tensor_value_info("o", TensorProto.FLOAT, [1, 2, 32, 64])])
    m = helper.make_model(g, opset_imports=[helper.make_opsetid("", 13)])
    m.ir_version = 8
    d.mkdir(parents=True, exist_ok=True)
    save(m, d / "sdpa.onnx")
    lines = []
    for k in range(samples):
        for n, s in shapes.items():
            np.save(d / f"s{k}_{n}.npy", (rng.standard_normal(s) * 0.5).astype(np.float32))
        lines.append(" ".join(f"s{k}_{n}.npy" for n in shapes))
    (d / "dataset.txt").write_text("\n".join(lines) + "\n")
    return d / "sdpa.onnx", d / "dataset.txt"


def stft_model(d: Path, samples: int = 12, n: int = 512, k: int = 64, s: int = 32) -> tuple[Path, Path]:
    """An audio front end like silero-vad's: a K-tap Conv with stride S (a short-time Fourier transform: K/2+1
    cosine and sine filters), the magnitude sqrt(re^2 + im^2), two Convs; fed speech-like tones. In int8 the
    squared imaginary part of silero-vad's is all zeros and the magnitude is lost; the toolkit splits its long
    kernel into many Convs, which rknnlint's fold-strided-conv makes one layer again. This one keeps its
    accuracy in plain int8: the tests check that the rewrite reaches the real build and is recorded."""
    rng = np.random.default_rng(0)
    bins = k // 2 + 1
    t = np.arange(k)
    win = 0.5 - 0.5 * np.cos(2 * np.pi * t / k)
    basis = np.concatenate([np.cos(2 * np.pi * np.outer(np.arange(bins), t) / k),
                            -np.sin(2 * np.pi * np.outer(np.arange(bins), t) / k)]) * win
    enc_w = (rng.standard_normal((16, bins, 3)) * 0.2).astype(np.float32)
    inits = [numpy_helper.from_array(basis[:, None, :].astype(np.float32), "basis"),
             numpy_helper.from_array(np.array([1], np.int64), "ax1"),
             numpy_helper.from_array(np.array([0], np.int64), "s0"),
             numpy_helper.from_array(np.array([bins], np.int64), "s1"),
             numpy_helper.from_array(np.array([2 * bins], np.int64), "s2"),
             numpy_helper.from_array(np.array(2.0, np.float32), "two"),
             numpy_helper.from_array(enc_w, "enc_w"),
             numpy_helper.from_array((rng.standard_normal((4, 16, 1)) * 0.3).astype(np.float32), "head_w")]
    nodes = [helper.make_node("Unsqueeze", ["audio", "ax1"], ["u"], name="unsqueeze"),
             helper.make_node("Conv", ["u", "basis"], ["spec"], kernel_shape=[k], strides=[s], name="stft"),
             helper.make_node("Slice", ["spec", "s0", "s1", "ax1"], ["re"], name="real"),
             helper.make_node("Slice", ["spec", "s1", "s2", "ax1"], ["im"], name="imag"),
             helper.make_node("Pow", ["re", "two"], ["re2"], name="re2"),
             helper.make_node("Pow", ["im", "two"], ["im2"], name="im2"),
             helper.make_node("Add", ["re2", "im2"], ["pw"], name="power"),
             helper.make_node("Sqrt", ["pw"], ["mag"], name="magnitude"),
             helper.make_node("Conv", ["mag", "enc_w"], ["e"], kernel_shape=[3], pads=[1, 1], name="enc"),
             helper.make_node("Relu", ["e"], ["er"], name="enc_relu"),
             helper.make_node("Conv", ["er", "head_w"], ["y"], kernel_shape=[1], name="head")]
    frames = (n - k) // s + 1
    g = helper.make_graph(nodes, "stft", [helper.make_tensor_value_info("audio", TensorProto.FLOAT, [1, n])],
                          [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 4, frames])], inits)
    m = helper.make_model(g, opset_imports=[helper.make_opsetid("", 13)])
    m.ir_version = 8
    d.mkdir(parents=True, exist_ok=True)
    save(m, d / "stft.onnx")
    tt = np.arange(n) / 16000
    for j in range(samples):
        f0 = rng.uniform(100, 250)
        x = sum(np.sin(2 * np.pi * f0 * h * tt + rng.uniform(0, 6)) / h for h in range(1, 12))
        x = 0.3 * x / np.abs(x).max() + 0.01 * rng.standard_normal(n)
        np.save(d / f"audio{j}.npy", x[None].astype(np.float32))
    (d / "dataset.txt").write_text("".join(f"audio{j}.npy\n" for j in range(samples)))
    return d / "stft.onnx", d / "dataset.txt"


def se_model(d: Path, samples: int = 12) -> tuple[Path, Path]:
    """Conv+Relu, a squeeze-and-excitation block (GlobalAveragePool -> Conv -> Relu -> Conv -> HardSigmoid, the
    gate multiplied into the Conv's output, as PP-OCRv6-tiny det's blocks), then a Conv: the gate's side branch
    and the main path the hybrid search walks."""
    rng = np.random.default_rng(0)
    N = helper.make_node

    def w(name, *shape):
        return numpy_helper.from_array((rng.standard_normal(shape) / np.sqrt(np.prod(shape[1:]))).astype(np.float32), name)

    inits = [w("c1_w", 16, 3, 3, 3), w("fc1_w", 4, 16, 1, 1), w("fc2_w", 16, 4, 1, 1), w("c2_w", 8, 16, 3, 3)]
    nodes = [N("Conv", ["x", "c1_w"], ["c1"], pads=[1, 1, 1, 1], name="conv1"), N("Relu", ["c1"], ["r1"], name="relu1"),
             N("GlobalAveragePool", ["r1"], ["sq"], name="squeeze"), N("Conv", ["sq", "fc1_w"], ["f1"], name="fc1"),
             N("Relu", ["f1"], ["f1r"], name="fc1_relu"), N("Conv", ["f1r", "fc2_w"], ["f2"], name="fc2"),
             N("HardSigmoid", ["f2"], ["gate"], alpha=1 / 6, beta=0.5, name="gate"),
             N("Mul", ["r1", "gate"], ["scaled"], name="excite"),
             N("Conv", ["scaled", "c2_w"], ["y"], pads=[1, 1, 1, 1], name="conv2")]
    return _image_model(d, "se", "se", nodes, inits, 8, samples, rng)


if __name__ == "__main__":
    print(*outlier_model(Path(sys.argv[1])))
