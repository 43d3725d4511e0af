"""`rknnlint fix`: the bounded fix loop, the numeric proof in onnxruntime, atomic writing, --diff."""
from __future__ import annotations

from ._diff import diff_dict, diff_lines
from ._loop import REWRITE_GROUPS, FixOutcome, FixRequest, Step, fix_model, verify, would_rewrite
from ._proof import OriginalNotRunnable, Proof, load_user_inputs, prove
from ._write import WeightsTooLarge, default_output, load_full, tail_path, write_model

__all__ = ["REWRITE_GROUPS", "FixOutcome", "FixRequest", "OriginalNotRunnable", "Proof", "Step", "WeightsTooLarge",
           "default_output", "diff_dict", "diff_lines", "fix_model", "load_full", "load_user_inputs", "prove", "tail_path", "verify",
           "would_rewrite", "write_model"]
