"""The one vocabulary for what rknn-toolkit2 did with a model (build, probe, package, calibration)."""
from __future__ import annotations

from enum import StrEnum
from typing import Any


class BuildStatus(StrEnum):
    """A StrEnum: compares equal to, formats and serialises as its value ("built", ...)."""

    BUILT = "built"  # load_onnx and build returned 0
    FAILED = "failed"  # the toolkit refused the model (a return code or an exception it raised)
    CRASHED = "crashed"  # the child died (a signal, or an exit without telling why)
    TIMEOUT = "timeout"  # killed after the time limit

    @classmethod
    def parse(cls, value: str) -> BuildStatus:
        """Also reads the words older probe runs used ('fails', 'crashes')."""
        return cls({"fails": "failed", "crashes": "crashed"}.get(value, value))


# stages after a successful build: a crash there leaves the build itself good
AFTER_BUILD = ("analyze", "simulate", "export")


def status_of(returncode: int | None, result: dict[str, Any]) -> BuildStatus:
    """The status of one child run from its exit status and the result.json it left (see toolkit/_child.py)."""
    res = result or {}
    if returncode is None:
        return BuildStatus.TIMEOUT
    died = returncode < 0 or (returncode != 0 and not res.get("ok") and not res.get("exception")
                              and res.get("stage") != "done")
    if died:
        return BuildStatus.BUILT if res.get("ok") and res.get("stage") in AFTER_BUILD else BuildStatus.CRASHED
    return BuildStatus.BUILT if res.get("ok") else BuildStatus.FAILED
