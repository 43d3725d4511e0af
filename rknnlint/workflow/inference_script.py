"""npu_inference.py, the board script of a package: preprocessing from the source config, the NPU part through
rknn-toolkit-lite2 (RKNNLite), the post-processing tail through onnxruntime.

Stand-in off the board: when rknnlite is not importable, the script builds the package's NPU ONNX part
(<name>.npu.onnx) with rknn-toolkit2 using the same mean/std/colour config and runs it on the simulator
(init_runtime() with no target). Same inputs, same outputs, only slower.
"""
from __future__ import annotations

from .source import SourceConfig

_TEMPLATE = '''#!/usr/bin/env python3
"""Run {name} on a Rockchip NPU ({target}). Written by `rknnlint package`.

Usage: python3 npu_inference.py IMAGE_OR_NPY [--out outputs.npz] [--rknn fp16|int8]

NPU part: {name}_{dtype}.rknn through rknn-toolkit-lite2 (RKNNLite) on the board.
Off the board (no rknnlite): stand-in = rknn-toolkit2 simulator; {name}.npu.onnx is built with the same
config (mean/std/colour order) and run with init_runtime() without a target.
Post-processing tail: {tail} (onnxruntime), when present.
"""
import argparse
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
NAME = {name!r}
INPUT_SHAPE = {shape!r}   # from rknn_source.yaml, layout {layout}
LAYOUT = {layout!r}
COLOR_ORDER = {color!r}    # order the model expects
MEAN = {mean!r}
STD = {std!r}
PADDING_COLOR = {pad!r}
TAIL = {tail!r}


def letterbox(img, h, w, color):
    """Resize keeping the aspect ratio, pad to h x w with the padding colour (img: HxWxC uint8, RGB)."""
    ih, iw = img.shape[:2]
    r = min(h / ih, w / iw)
    nh, nw = int(round(ih * r)), int(round(iw * r))
    ys = (np.arange(nh) * ih / nh).astype(int)
    xs = (np.arange(nw) * iw / nw).astype(int)
    resized = img[ys][:, xs]
    out = np.empty((h, w, img.shape[2]), dtype=np.uint8)
    out[:] = np.array(color, dtype=np.uint8)
    top, left = (h - nh) // 2, (w - nw) // 2
    out[top:top + nh, left:left + nw] = resized
    return out, r, (left, top)


def load_input(path):
    """NHWC uint8 pixels in the model's colour order (mean/std are applied by the NPU, as configured)."""
    if path.endswith(".npy"):
        a = np.load(path)
        if a.ndim == 3:
            a = a[None]
        if a.shape[1] == INPUT_SHAPE[1] and LAYOUT == "NCHW" and a.shape[-1] != INPUT_SHAPE[1]:
            a = a.transpose(0, 2, 3, 1)
        return a
    from PIL import Image  # images need Pillow on the board
    img = np.asarray(Image.open(path).convert("RGB"))
    h, w = (INPUT_SHAPE[2], INPUT_SHAPE[3]) if LAYOUT == "NCHW" else (INPUT_SHAPE[1], INPUT_SHAPE[2])
    img, _, _ = letterbox(img, h, w, PADDING_COLOR or [114, 114, 114])
    if COLOR_ORDER == "BGR":
        img = img[..., ::-1]
    return np.ascontiguousarray(img[None])


def npu_runner(dtype="fp16"):
    try:
        from rknnlite.api import RKNNLite
    except ImportError:
        RKNNLite = None
    if RKNNLite is not None:
        rk = RKNNLite()
        if rk.load_rknn(os.path.join(HERE, NAME + "_" + dtype + ".rknn")) != 0 or rk.init_runtime() != 0:
            sys.exit("npu_inference: cannot load the .rknn on the NPU")
        return rk
    from rknn.api import RKNN  # stand-in: rknn-toolkit2 simulator
    rk = RKNN(verbose=False)
    rk.config(target_platform={target!r}, mean_values=[MEAN], std_values=[STD])
    if rk.load_onnx(model=os.path.join(HERE, NAME + ".npu.onnx")) != 0 or rk.build(do_quantization=False) != 0:
        sys.exit("npu_inference: simulator build failed")
    if rk.init_runtime() != 0:
        sys.exit("npu_inference: simulator init_runtime failed")
    return rk


def run(x, dtype="fp16"):
    rk = npu_runner(dtype)
    outs = rk.inference(inputs=[x], data_format=["nhwc"])
    if TAIL:
        import onnxruntime as ort
        sess = ort.InferenceSession(os.path.join(HERE, TAIL), providers=["CPUExecutionProvider"])
        feeds = {{i.name: o.astype(np.float32) for i, o in zip(sess.get_inputs(), outs)}}
        outs = sess.run(None, feeds)
        names = [o.name for o in sess.get_outputs()]
    else:
        names = ["output%d" % i for i in range(len(outs))]
    return dict(zip(names, outs))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("input")
    ap.add_argument("--out", default="outputs.npz")
    ap.add_argument("--rknn", choices=("fp16", "int8"), default={dtype!r},
                    help="which .rknn to load on the board (the off-board stand-in always simulates fp16)")
    a = ap.parse_args()
    res = run(load_input(a.input), a.rknn)
    np.savez(a.out, **res)
    for k, v in res.items():
        print(k, list(np.shape(v)))


if __name__ == "__main__":
    main()
'''


def render(cfg: SourceConfig, name: str, has_tail: bool, target: str, dtype: str = "fp16") -> str:
    """dtype: the .rknn the script loads by default (int8 for an int8-only target)."""
    return _TEMPLATE.format(name=name, target=target, dtype=dtype, shape=list(cfg.inputs[0]["shape"]), layout=cfg.layout,
                            color=cfg.color_order, mean=cfg.mean, std=cfg.std, pad=cfg.padding_color,
                            tail=f"{name}.postprocess.onnx" if has_tail else None)
