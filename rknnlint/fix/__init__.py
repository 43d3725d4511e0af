"""`rknnlint fix`: the bounded fix loop, the numeric proof in onnxruntime, atomic writing, --diff."""
from __future__ import annotations

from ._loop import FixOutcome, FixRequest, Step, fix_model, verify, would_rewrite
from ._proof import OriginalNotRunnable, Proof, prove

__all__ = ["FixOutcome", "FixRequest", "OriginalNotRunnable", "Proof", "Step", "fix_model", "prove", "verify", "would_rewrite"]
