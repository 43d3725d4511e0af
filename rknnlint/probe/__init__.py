"""`rknnlint probe`: measure, with the real rknn-toolkit2, where every ONNX op lands on each NPU family."""
from __future__ import annotations

from ._models import Case, all_ops, cases, unprobed_ops
from ._runner import Layer, Result, classify, run_all, run_case
from ._table import build_table, merge_tables, read_table, write_table

__all__ = ["Case", "Layer", "Result", "all_ops", "build_table", "cases", "classify", "merge_tables", "read_table", "run_all",
           "run_case", "unprobed_ops", "write_table"]
