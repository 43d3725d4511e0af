"""Report formatters: one module per format, each with render(report, stream, **options)."""
from __future__ import annotations

import importlib
import os
import sys
import tempfile
from pathlib import Path

from ..errors import UsageError

FORMATS = ("text", "json", "sarif", "github", "junit")


def get_formatter(name: str):
    if name not in FORMATS:
        raise UsageError(f"unknown format '{name}'; expected one of: {', '.join(FORMATS)}")
    try:
        return importlib.import_module(f"rknnlint.formatters.{name}_format")
    except ModuleNotFoundError:
        raise UsageError(f"format '{name}' is not available in this version") from None


def write_report(report, fmt, output: str | None, verbose: bool = False, quiet: bool = False) -> int:
    """Render to stdout, or to `output` atomically while the terminal still gets the text report."""
    if output:
        out = Path(output)
        if out.is_dir():
            raise UsageError(f"--output {out}: is a directory")
        parent = out.parent if str(out.parent) else Path(".")
        if not parent.is_dir():
            raise UsageError(f"--output {out}: folder {parent} does not exist")
        try:
            fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=parent)
        except OSError as e:
            raise UsageError(f"--output {out}: cannot write: {e.strerror}") from None
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                fmt.render(report, f, verbose=verbose, quiet=quiet)
            os.replace(tmp, out)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        get_formatter("text").render(report, sys.stdout, verbose=verbose, quiet=quiet)
    else:
        fmt.render(report, sys.stdout, verbose=verbose, quiet=quiet)
    return report.exit_code
