"""Run the real rknn-toolkit2 on a model in a child process and read what it did (`rknnlint build`)."""
from __future__ import annotations

from .logparse import BuildOutcome, Layer, parse_outcome
from .runner import BuildJob, ToolkitMissing, run_build, toolkit_available

__all__ = ["BuildJob", "BuildOutcome", "Layer", "ToolkitMissing", "parse_outcome", "run_build", "toolkit_available"]
