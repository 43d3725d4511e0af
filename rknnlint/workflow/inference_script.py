"""npu_inference.py, the board script of a package: _board_template.py with the package's values written in.

The script itself is a plain module here (ruff and the tests read it); `render` replaces the block between its
PACKAGE markers with this package's name, target, inputs, preprocessing, class names and tail.
"""
from __future__ import annotations

from pathlib import Path

from .source import SourceConfig

_TEMPLATE = Path(__file__).with_name("_board_template.py")
_START, _END = "# --- PACKAGE values (rknnlint package writes them) ---\n", "# --- end of PACKAGE values ---\n"


def render(cfg: SourceConfig, name: str, has_tail: bool, target: str, dtype: str = "fp16",
           head_kind: str | None = None, npu_outputs: list[str] | None = None,
           rknn_config: dict[str, dict] | None = None) -> str:
    """dtype: the .rknn the script loads by default (int8 for an int8-only target); head_kind: the cut head's
    kind (rknnlint.heads), 'nms' when the tail selects detections itself; npu_outputs: the NPU part's output
    names in order (the tail is fed by name); rknn_config: per dtype, the rknn.config options of the package's
    build, which the off-board stand-in repeats."""
    text = _TEMPLATE.read_text(encoding="utf-8")
    a, b = text.index(_START) + len(_START), text.index(_END)
    values = {"NAME": name, "TARGET": target, "DEFAULT_RKNN": dtype,
              "INPUTS": [{"name": i["name"], "shape": list(i["shape"])} for i in cfg.inputs],
              "LAYOUT": cfg.layout, "COLOR_ORDER": cfg.color_order, "MEAN": cfg.mean, "STD": cfg.std,
              "PADDING_COLOR": cfg.padding_color, "PREPROCESS": cfg.preprocess, "CLASS_NAMES": cfg.class_names,
              "TAIL": f"{name}.postprocess.onnx" if has_tail else None, "HEAD_KIND": head_kind if has_tail else None,
              "NPU_OUTPUTS": list(npu_outputs) if npu_outputs else None, "RKNN_CONFIG": rknn_config}
    block = "".join(f"{k} = {v!r}\n" for k, v in values.items())
    return text[:a] + block + text[b:]
