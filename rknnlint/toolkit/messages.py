"""The toolkit's error line: one reader of rknn-toolkit2's log for build, probe and calibration."""
from __future__ import annotations

import re
import signal

_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_NATIVE_TS = re.compile(r"RKNN: \[[0-9:.]+\]\s*")  # the native log's timestamp, inside a Python log line
_EXC = re.compile(r"^[A-Za-z_][\w.]*(Error|Exception|Fail)\b")
# E lines that are not the error: the version banner, and what some successful builds print
_NOT_ERRORS = ("rknn-toolkit2 version", "Unkown op target", "Unknown op target")


def clean_error(msg: str) -> str:
    """An error line without the native log's timestamp ('RKNN: [12:16:09.538] ')."""
    return _NATIVE_TS.sub("", msg).strip()


def first_error(stderr: str, stdout: str = "", exception: str = "", limit: int = 400) -> str:
    """The toolkit's first error line ('E build: ...', 'E RKNN: [ts] ...'), else the exception the child
    recorded, else the last exception line of the output. A message that ends in a traceback header names
    the exception instead; one that ends in ':' goes on with the next line."""
    lines = [_ANSI.sub("", s).rstrip() for s in (stderr + "\n" + stdout).splitlines()]
    last_exc = exception or next((s.strip() for s in reversed(lines) if _EXC.match(s)), "")
    for i, s in enumerate(lines):
        if not s.startswith("E ") or len(s) <= 3 or any(b in s for b in _NOT_ERRORS):
            continue
        msg = s[2:].strip()
        if msg.endswith("Traceback (most recent call last):") and last_exc:
            msg = f"{msg.split(':', 1)[0]}: {last_exc}"  # the pass that raised and its exception
        elif msg.endswith(":"):
            msg = f"{msg} {next((t.strip() for t in lines[i + 1:] if t.strip()), '')}".strip()
        return clean_error(msg)[:limit]
    return last_exc[:limit]


def failure_line(raw) -> str:
    """Why a child run (toolkit/runner.RawRun) did not build, in one line: the timeout, the signal that killed the
    child, else the toolkit's first error."""
    if raw.returncode is None:
        return f"timeout after {raw.timeout:.0f} s"
    if raw.signal:
        try:
            return f"killed by {signal.Signals(raw.signal).name}"
        except ValueError:
            return f"killed by signal {raw.signal}"
    return first_error(raw.stderr, raw.stdout, (raw.result or {}).get("exception", "")) or f"exit code {raw.returncode}"
