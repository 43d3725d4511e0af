"""rknnlint: check, fix and trial-build ONNX models for Rockchip RKNN NPUs."""
from __future__ import annotations

__version__ = "0.1.0"

from .config import Config, load_config
from .engine import check
from .errors import ModelLoadError, RknnlintError, UsageError
from .finding import Finding, Location, Severity, Status
from .report import ModelReport, Report
from .rule import Rule, Violation, register

__all__ = [
    "Config", "Finding", "Location", "ModelLoadError", "ModelReport", "Report", "RknnlintError", "Rule",
    "Severity", "Status", "UsageError", "Violation", "__version__", "check", "load_config", "register",
]
