"""Report formatters: one module per format, each with render(report, stream, **options)."""
from __future__ import annotations

import importlib
import sys
from pathlib import Path

from ..errors import UsageError

FORMATS = ("text", "concise", "json", "sarif", "github", "junit")


def get_formatter(name: str):
    if name not in FORMATS:
        raise UsageError(f"unknown format '{name}'; expected one of: {', '.join(FORMATS)}")
    try:
        return importlib.import_module(f"rknnlint.formatters.{name}_format")
    except ModuleNotFoundError:
        raise UsageError(f"format '{name}' is not available in this version") from None


def write_report(report, fmt, output: str | None, verbose: bool = False, quiet: bool = False,
                 color: str | None = None) -> int:
    """Render to stdout, or to `output` atomically while the terminal still gets the text report. A file
    never gets colour codes."""
    if output:
        import io

        from .._files import write_text_atomic

        out = Path(output)
        buf = io.StringIO()
        fmt.render(report, buf, verbose=verbose, quiet=quiet, color="never")
        write_text_atomic(out, buf.getvalue(), "--output")
        get_formatter("text").render(report, sys.stdout, verbose=verbose, quiet=quiet, color=color)
    else:
        fmt.render(report, sys.stdout, verbose=verbose, quiet=quiet, color=color)
    return report.exit_code
