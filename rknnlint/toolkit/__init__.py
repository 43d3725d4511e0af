"""Run the real rknn-toolkit2 on a model in a child process and read what it did (`rknnlint build`)."""
from __future__ import annotations

from typing import TYPE_CHECKING

# Imported on first use: the build child (`python -m rknnlint.toolkit._child`) imports this package first.
_EXPORTS = {"BuildOutcome": "logparse", "Layer": "logparse", "parse_outcome": "logparse", "BuildJob": "runner",
            "ToolkitMissing": "runner", "run_build": "runner", "toolkit_available": "runner"}

if TYPE_CHECKING:
    from .logparse import BuildOutcome, Layer, parse_outcome
    from .runner import BuildJob, ToolkitMissing, run_build, toolkit_available


def __getattr__(name: str):
    mod = _EXPORTS.get(name)
    if mod is None:
        raise AttributeError(f"module 'rknnlint.toolkit' has no attribute '{name}'")
    import importlib

    value = getattr(importlib.import_module(f".{mod}", __name__), name)
    globals()[name] = value
    return value


__all__ = ["BuildJob", "BuildOutcome", "Layer", "ToolkitMissing", "parse_outcome", "run_build", "toolkit_available"]
