"""Known rknn-toolkit2 crashes: graph patterns that make a pass or the compiler fail, with the workaround.

Which toolkit versions each pattern crashes is data (`crashes` in rules/toolkit/<version>.yaml, measured by
scripts/verify_crashes.py): a rule fires for a version measured to crash, stays silent for a version measured
to build, and for a version never verified fires on what the others showed and says so.
"""
from __future__ import annotations


def seen_in(ctx, code: str) -> str | None:
    """'seen in 2.3.2, 2.5.0' (plus a note when the version in use was never verified) when crash rule
    `code` applies to the toolkit version of `ctx`; None when that version was measured to build it."""
    from ...toolkit.versions import crash_status, version_of

    fire, text = crash_status(code, version_of(ctx))
    return text if fire else None
