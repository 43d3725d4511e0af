"""`rknnlint probe`: measure, with the real rknn-toolkit2, where every ONNX op lands on each NPU family."""
from __future__ import annotations

# the motif probe (probe --motifs), public under this name for the CLI
from . import _motifs as motif_probe
from ._models import Case, all_ops, cases, unprobed_ops
from ._runner import Layer, Result, classify, int8_only, run_all, run_case, toolkit_knows
from ._table import build_table, merge_tables, merge_variants, read_table, write_table

__all__ = ["Case", "Layer", "Result", "all_ops", "build_table", "cases", "classify", "int8_only", "merge_tables", "merge_variants", "motif_probe", "read_table", "run_all",
           "run_case", "toolkit_knows", "unprobed_ops", "write_table"]
