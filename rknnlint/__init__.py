"""rknnlint: check, fix and trial-build ONNX models for Rockchip RKNN NPUs."""
from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"

# The public names are imported on first use: `python -m rknnlint build` and the build child import this
# package, and the engine (onnx, numpy, the platform tables) would delay the start of every build.
_EXPORTS = {
    "Config": "config", "load_config": "config", "check": "engine",
    "ModelLoadError": "errors", "RknnlintError": "errors", "UsageError": "errors",
    "Finding": "finding", "Location": "finding", "Severity": "finding", "Status": "finding",
    "ModelReport": "report", "Report": "report", "Rule": "rule", "Violation": "rule", "register": "rule",
}

if TYPE_CHECKING:
    from .config import Config, load_config
    from .engine import check
    from .errors import ModelLoadError, RknnlintError, UsageError
    from .finding import Finding, Location, Severity, Status
    from .report import ModelReport, Report
    from .rule import Rule, Violation, register


def __getattr__(name: str):
    mod = _EXPORTS.get(name)
    if mod is None:
        raise AttributeError(f"module 'rknnlint' has no attribute '{name}'")
    import importlib

    value = getattr(importlib.import_module(f".{mod}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))


__all__ = [
    "Config", "Finding", "Location", "ModelLoadError", "ModelReport", "Report", "RknnlintError", "Rule",
    "Severity", "Status", "UsageError", "Violation", "__version__", "check", "load_config", "register",
]
