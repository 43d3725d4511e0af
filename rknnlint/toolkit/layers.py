"""The native compiler's "Network Layer Information Table": one row type and one parser for every caller."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_NATIVE = re.compile(r"^[DIWE] RKNN: \[[0-9:.]+\]\s?")
# The columns rknn-toolkit2 2.5.0 prints; a table's own header line overrides them (other versions may differ).
DEFAULT_HEADER = ("ID", "OpType", "DataType", "Target", "InputShape", "OutputShape", "Cycles(DDR/NPU/Total)", "RW(KB)",
                  "FullName")
IO_OPS = ("InputOperator", "OutputOperator")


@dataclass(frozen=True, kw_only=True)
class Layer:
    """One row of the table; onnx_nodes / onnx_op are filled by map_layers."""

    op_type: str
    target: str  # NPU | CPU
    full_name: str  # "OpType:tensor"
    id: int = -1
    dtype: str = ""
    input_shapes: str = ""
    output_shape: str = ""
    cycles: str = ""
    onnx_nodes: tuple[str, ...] = ()
    onnx_op: str = ""

    @property
    def tensor(self) -> str:
        return self.full_name.split(":", 1)[1] if ":" in self.full_name else self.full_name

    def to_dict(self) -> dict[str, Any]:
        """Numbers as numbers: shapes as lists of ints, cycles as {ddr, npu, total} (the table's text is a
        display format; a shape list the toolkit cut with '...' says so in input_shapes_truncated)."""
        ins, truncated = _shapes(self.input_shapes)
        outs, _ = _shapes(self.output_shape)
        return {"id": self.id, "op_type": self.op_type, "dtype": self.dtype, "target": self.target,
                "input_shapes": ins, "input_shapes_truncated": truncated, "output_shape": outs[0] if outs else None,
                "cycles": _cycles(self.cycles), "full_name": self.full_name, "onnx_nodes": list(self.onnx_nodes),
                "onnx_op": self.onnx_op or None}


def _shapes(text: str) -> tuple[list[list[int]], bool]:
    """'(1,3,8,8),(16),...' -> [[1, 3, 8, 8], [16]], True (cut short by the toolkit); '\\' -> [], False."""
    shapes = [[int(d) for d in m.split(",") if d.strip().lstrip("-").isdigit()]
              for m in re.findall(r"\(([^()]*)\)", text or "")]
    return shapes, "..." in (text or "")


def _cycles(text: str) -> dict[str, int | None]:
    """'463/144/463' (DDR/NPU/Total) -> {'ddr': 463, 'npu': 144, 'total': 463}; missing parts are None."""
    parts = (text or "").split("/")
    vals = [int(p) if p.strip().isdigit() else None for p in parts] + [None] * 3
    return {"ddr": vals[0], "npu": vals[1], "total": vals[2]}


def clean(line: str) -> str:
    """A log line without colour codes and the native log's prefix ('D RKNN: [12:16:09.538] ')."""
    return _NATIVE.sub("", _ANSI.sub("", line)).rstrip()


def _row(tokens: list[str], header: tuple[str, ...]) -> Layer | None:
    """Columns before InputShape from the left, the ones after it from the right: InputShape is the only column
    that can overflow its width, and no column holds a space."""
    if len(tokens) < 5 or not tokens[0].isdigit() or tokens[3] not in ("CPU", "NPU"):
        return None
    cut = header.index("InputShape") if "InputShape" in header else 4
    after = header[cut + 1:]
    cols = dict(zip(header[:cut], tokens[:cut]))
    tail = tokens[cut:]
    n = min(len(after), len(tail))
    cols.update(zip(after[len(after) - n:], tail[len(tail) - n:]))
    cols["InputShape"] = " ".join(tail[:len(tail) - n])
    return Layer(id=int(tokens[0]), op_type=tokens[1], dtype=tokens[2], target=tokens[3],
                 input_shapes=cols.get("InputShape", ""), output_shape=cols.get("OutputShape", ""),
                 cycles=next((v for k, v in cols.items() if k.startswith("Cycles")), ""),
                 full_name=cols.get("FullName", tokens[-1]))


def _tokens(s: str) -> list[str]:
    """A row's columns split on whitespace, its FullName kept whole: the name is the last column and starts with the
    row's OpType ('Reshape:<tensor>'), and a tensor may hold spaces (openWakeWord's timer model names its output
    '{"1": "1_minute_timer", ...}', its CPU Reshape 'Reshape:{"1": ...}-rs')."""
    tokens = s.split()
    if len(tokens) < 5 or not tokens[0].isdigit():
        return tokens
    m = re.search(rf"\s{re.escape(tokens[1])}:", s)
    if m is None or not any(c.isspace() for c in s[m.start() + 1:]):
        return tokens
    return [*s[:m.start()].split(), s[m.start() + 1:]]


def layer_table(stdout: str) -> list[Layer]:
    """Rows of the last Network Layer Information Table in the native compiler's stdout."""
    rows: list[Layer] = []
    inside = False
    header = DEFAULT_HEADER
    for raw in stdout.splitlines():
        line = clean(raw)
        if "Network Layer Information Table" in line:
            rows, inside, header = [], True, DEFAULT_HEADER
            continue
        if not inside:
            continue
        s = line.strip()
        if s.startswith("ID ") and "OpType" in s:
            header = tuple(s.split())
            continue
        if not s or set(s) <= {"-"}:
            if rows and s:
                inside = False
            continue
        row = _row(_tokens(s), header)
        if row is not None:
            rows.append(row)
    return rows
