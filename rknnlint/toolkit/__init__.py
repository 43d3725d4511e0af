"""The one boundary to the real rknn-toolkit2: run it in a child process (runner, _child) and read what it did
(status, layers, messages, logparse), for build, probe, package, calibration and the fix measurements."""
from __future__ import annotations

from typing import TYPE_CHECKING

# Imported on first use: the build child (`python -m rknnlint.toolkit._child`) imports this package first.
_EXPORTS = {"BuildOutcome": "logparse", "Layer": "layers", "layer_table": "layers", "parse_outcome": "logparse",
            "BuildJob": "runner", "RawRun": "runner", "StartedBuild": "runner", "ToolkitMissing": "runner",
            "run_build": "runner", "toolkit_available": "runner", "BuildStatus": "status", "status_of": "status",
            "first_error": "messages"}

if TYPE_CHECKING:
    from .layers import Layer, layer_table
    from .logparse import BuildOutcome, parse_outcome
    from .messages import first_error
    from .runner import BuildJob, RawRun, StartedBuild, ToolkitMissing, run_build, toolkit_available
    from .status import BuildStatus, status_of


def __getattr__(name: str):
    mod = _EXPORTS.get(name)
    if mod is None:
        raise AttributeError(f"module 'rknnlint.toolkit' has no attribute '{name}'")
    import importlib

    value = getattr(importlib.import_module(f".{mod}", __name__), name)
    globals()[name] = value
    return value


__all__ = ["BuildJob", "BuildOutcome", "BuildStatus", "Layer", "RawRun", "StartedBuild", "ToolkitMissing", "first_error",
           "layer_table", "parse_outcome", "run_build", "status_of", "toolkit_available"]
