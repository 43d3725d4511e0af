from __future__ import annotations

from ...finding import Severity
from ...rule import register
from ._base import BuildRule


@register
class ToolkitCrashed(BuildRule):
    """The rknn-toolkit2 process died (a signal, or an exit without a message) or ran past the time limit.

    What it does:
    Reported by `rknnlint build` when the child process that runs the toolkit is killed by a signal
    (SIGSEGV, SIGABRT...), exits without recording why, or is killed after `--timeout` seconds. The
    finding names the signal, the stage (load, build, simulate, export) and the last toolkit lines. A
    crash in the simulator or the export after a good build is a warning: the build itself stands.

    Why the NPU cares:
    The native compiler crashes on some graphs without any message (a cubic Resize makes it segfault):
    the conversion script dies and nothing says which node is to blame. rknnlint runs the toolkit in a
    child process so the crash becomes a finding.

    Example:
    `rknn-toolkit2 crashed with SIGSEGV during build, without an error message` for Resize(mode='cubic').

    How to fix:
    Run `rknnlint check` on the model: a crash rule (RKN7xx) often names the node and the rewrite. For a
    timeout, raise `--timeout` or look at the log for the stage it hung in.

    Fix safety:
    No automatic fix for the crash itself; the static rule that predicts it may have one.
    """

    code = "RKN091"
    name = "toolkit-crashed"
    severity = Severity.ERROR
