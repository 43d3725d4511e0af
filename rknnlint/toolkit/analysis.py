"""rknn.accuracy_analysis's per-layer table (error_analysis.txt) read into rows mapped to ONNX nodes and sorted
by where int8 loses accuracy: `rknnlint build --int8 --dataset FILE --analyze`, and the ranking the automatic
hybrid quantization (toolkit/hybrid.py) starts from.

Each row of the toolkit's table is one tensor of the quantized graph: '[OpType] tensor', then the cosine and
euclidean error against the fp32 'golden' run, `entire` (errors accumulated from the input) and `single` (the
layer fed golden inputs: what this layer alone loses). A layer the toolkit fused into the next (Conv before
Relu) has an empty row; its tensor joins the next row with numbers, so a row names every ONNX node of the
fused group. 'q_zero' (the quantized output is all zeros) is counted as cosine 0."""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

_ROW = re.compile(r"^\[(?P<op>[^\]]+)\]\s+(?P<name>\S+)\s*(?P<rest>.*)$")
# numbers are printed with five decimals in fixed-width columns that a large euclidean error overflows
# ('1312.371220.99997'): read them by their decimals, not by the spaces between them
_NUM = re.compile(r"q_zero|nan|inf|-?\d+\.\d{5}")


@dataclass(frozen=True, kw_only=True)
class LayerError:
    """One row of the analysis: a (fused) layer of the quantized graph and what int8 costs there."""

    name: str  # the tensor the toolkit names the row by
    op_type: str
    tensors: tuple[str, ...]  # this row's tensor and those of the layers fused into it (earlier empty rows)
    entire_cos: float
    entire_euc: float
    single_cos: float
    single_euc: float
    onnx_nodes: tuple[str, ...] = ()
    onnx_ops: tuple[str, ...] = ()
    order: int = 0  # position in the toolkit's table (graph order)

    def to_dict(self) -> dict[str, Any]:
        def num(x: float) -> float | None:
            return None if math.isnan(x) else x

        return {"layer": self.name, "op_type": self.op_type, "tensors": list(self.tensors),
                "onnx_nodes": list(self.onnx_nodes), "onnx_ops": list(self.onnx_ops),
                "entire_cosine": num(self.entire_cos), "entire_euclidean": num(self.entire_euc),
                "single_cosine": num(self.single_cos), "single_euclidean": num(self.single_euc)}


def _val(tok: str) -> float:
    if tok == "q_zero":
        return 0.0
    try:
        return float(tok)
    except ValueError:
        return math.nan


def parse(text: str) -> list[LayerError]:
    """Rows of error_analysis.txt in graph order (the toolkit's simulator columns: entire cos/euc, single
    cos/euc); [] when the text holds no table."""
    from .layers import clean

    rows: list[LayerError] = []
    pending: list[str] = []
    for raw in text.splitlines():
        m = _ROW.match(clean(raw).strip())
        if not m:
            continue
        nums = _NUM.findall(m["rest"])
        if len(nums) < 4:  # fused into the next layer: no figures of its own
            pending.append(m["name"])
            continue
        vals = [_val(t) for t in nums[:4]]
        rows.append(LayerError(name=m["name"], op_type=m["op"], tensors=(*pending, m["name"]), entire_cos=vals[0],
                               entire_euc=vals[1], single_cos=vals[2], single_euc=vals[3], order=len(rows)))
        pending = []
    return rows


def onnx_index(model) -> tuple[dict, dict]:
    """(node name -> node, output tensor -> node) of an ONNX model (a path or a ModelProto)."""
    import onnx

    m = onnx.load(str(model), load_external_data=False) if not isinstance(model, onnx.ModelProto) else model
    return {n.name: n for n in m.graph.node if n.name}, {o: n for n in m.graph.node for o in n.output}


def node_of(tensor: str, by_name: dict, by_out: dict):
    """The ONNX node a toolkit tensor name came from: the name itself, else with the suffixes the toolkit adds
    ('_int8', '-rs', '_tp', '#2') cut one by one; None when nothing matches."""
    key = tensor
    for _ in range(8):
        node = by_out.get(key) or by_name.get(key)
        if node is not None or not key:
            return node
        cut = max(key.rfind(c) for c in "-_#")
        if cut <= 0:
            return None
        key = key[:cut]
    return None


def map_to_onnx(rows: list[LayerError], model) -> list[LayerError]:
    """Each row with the ONNX nodes its tensors came from (graph order, no repeats)."""
    from dataclasses import replace

    try:
        by_name, by_out = onnx_index(model)
    except Exception:  # noqa: BLE001 - an unreadable model: the rows stay unmapped
        return rows
    out = []
    for r in rows:
        nodes = [node_of(t, by_name, by_out) for t in r.tensors]
        seen: dict[str, str] = {}
        for n in nodes:
            if n is not None:
                seen.setdefault(n.name or n.output[0], n.op_type)
        out.append(replace(r, onnx_nodes=tuple(seen), onnx_ops=tuple(seen.values())))
    return out


def _key(r: LayerError) -> tuple[float, int]:
    c = r.single_cos
    return (-1.0 if math.isnan(c) else c, r.order)


def worst_first(rows: list[LayerError]) -> list[LayerError]:
    """Rows sorted by where accuracy is lost: lowest single-layer cosine first (nan and q_zero before any
    number), graph order among equals."""
    return sorted(rows, key=_key)


@dataclass
class Analysis:
    """The parsed analysis of one int8 build, or why there is none."""

    rows: list[LayerError] = field(default_factory=list)  # worst first
    error: str = ""
    sample: int = 0  # the calibration sample analysed (0-based line of the dataset file)

    def to_dict(self) -> dict[str, Any]:
        return {"error": self.error or None, "sample": self.sample, "layers": [r.to_dict() for r in self.rows]}


def from_result(result: dict[str, Any], model) -> Analysis | None:
    """The Analysis of a child's result.json (None when none was asked for)."""
    if "analysis" not in result and "analysis_error" not in result:
        return None
    if result.get("analysis_error"):
        return Analysis(error=result["analysis_error"])
    rows = parse(result.get("analysis") or "")
    if not rows:
        return Analysis(error="accuracy_analysis wrote no per-layer table")
    return Analysis(rows=worst_first(map_to_onnx(rows, model)), sample=int(result.get("analysis_sample") or 0))


def render(a: Analysis, stream, limit: int = 15) -> None:
    """The text table: the `limit` worst layers."""
    if a.error:
        print(f"  analysis: {a.error}", file=stream)
        return
    print(f"  accuracy_analysis (simulator, calibration sample {a.sample + 1}): {len(a.rows)} layers, worst "
          "single-layer cosine first", file=stream)
    print(f"    {'single cos':>10} {'entire cos':>10} {'single euc':>11}  layer -> ONNX nodes", file=stream)
    for r in a.rows[:limit]:
        nodes = ", ".join(f"{op} '{n}'" for n, op in zip(r.onnx_nodes, r.onnx_ops)) or "(no ONNX node)"
        print(f"    {r.single_cos:>10.5f} {r.entire_cos:>10.5f} {r.single_euc:>11.5g}  [{r.op_type}] {r.name} -> {nodes}",
              file=stream)
    if len(a.rows) > limit:
        print(f"    ... {len(a.rows) - limit} more (--format json lists every layer)", file=stream)
