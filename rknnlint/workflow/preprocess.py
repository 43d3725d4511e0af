"""A source config's image preprocessing on the PC: the code the package's board script runs, so every phase
(torch, onnxruntime, simulator, board) sees the same pixels for the same image.

The functions live in _board_template.py because the board script must not import rknnlint; this module is
their public face for rknnlint's own phases.
"""
from __future__ import annotations

from typing import Any

from ..errors import UsageError
from ._board_template import InputError, fit, read_image, resize
from .source import SourceConfig

__all__ = ["fit", "image_input", "read_image", "resize"]


def image_input(path: str, cfg: SourceConfig, index: int = 0) -> Any:
    """One image as model input `index` expects it before mean/std: float32 pixel values (0-255), batch 1, in
    the config's layout and colour order, resized by the config's `preprocess`. UsageError on a bad file."""
    import numpy as np

    shape = list(cfg.inputs[index]["shape"])
    if len(shape) != 4:
        raise UsageError(f"{path}: an image needs a 4-D input, input '{cfg.inputs[index]['name']}' is {shape}")
    h, w, c = (shape[2], shape[3], shape[1]) if cfg.layout == "NCHW" else (shape[1], shape[2], shape[3])
    try:
        img, _ = fit(read_image(str(path), c), h, w, cfg.preprocess, cfg.padding_color)
    except InputError as e:
        raise UsageError(str(e)) from None
    if cfg.color_order == "BGR":
        img = img[..., ::-1]
    x = img.astype(np.float32)[None]
    return np.ascontiguousarray(x.transpose(0, 3, 1, 2) if cfg.layout == "NCHW" else x)
