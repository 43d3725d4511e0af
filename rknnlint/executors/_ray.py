"""Ray as the executor: one task per job, scheduled by CPUs, retried once when its worker dies.

Imported only for `--executor ray`. Every Ray node needs rknnlint and rknn-toolkit2 installed as on the
machine that starts the run (the toolkit runs in a child process of the task, as with the local pool)."""
from __future__ import annotations

import contextlib
import io
import logging
import re
import sys
from collections.abc import Callable, Sequence
from typing import Any

from ..errors import UsageError
from ._spec import ExecutorSpec, WorkerLost

INSTALL_HINT = "Ray is not installed: pip install 'ray>=2.9' (the [ray] extra of rknnlint)"


def _ray():
    try:
        import ray
    except ImportError:
        raise UsageError(INSTALL_HINT) from None
    return ray


def _lost_errors(ray) -> tuple[type[BaseException], ...]:
    names = ("WorkerCrashedError", "NodeDiedError", "OutOfMemoryError", "LocalRayletDiedError", "ObjectLostError",
             "OwnerDiedError", "ActorDiedError")
    return tuple(t for t in (getattr(ray.exceptions, n, None) for n in names) if isinstance(t, type))


def connect(spec: ExecutorSpec):
    """Join the cluster at spec.address, or start a private Ray instance with spec.workers CPUs; returns ray."""
    ray = _ray()
    if ray.is_initialized():
        return ray
    kw: dict[str, Any] = {"log_to_driver": False, "logging_level": logging.ERROR}
    if spec.address:
        kw["address"] = spec.address
    else:
        kw.update(num_cpus=spec.workers, include_dashboard=False)
    try:
        ray.init(**kw)
    except (ConnectionError, RuntimeError, ValueError) as e:
        where = spec.address or "this machine"
        raise UsageError(f"cannot start or reach Ray on {where}: {str(e).splitlines()[0] if str(e) else type(e).__name__}") from None
    return ray


def run_on_ray(fn: Callable[[Any], Any], items: Sequence[Any], spec: ExecutorSpec,
               label: Callable[[Any], str], verb: str) -> list[Any]:
    # Ray's driver prints cluster events ("(raylet) A worker died ...") on stdout, which holds the report: from
    # connecting to shutting down, they go through _EventLines to stderr
    with contextlib.redirect_stdout(_EventLines()):
        ray = connect(spec)
        try:
            return _run(ray, fn, items, spec, label, verb)
        finally:
            ray.shutdown()


def _run(ray, fn, items, spec: ExecutorSpec, label, verb: str) -> list[Any]:
    from ._run import progress

    lost = _lost_errors(ray)
    # one CPU per job, as one local worker thread: the toolkit's own child is the one that works
    remote = ray.remote(num_cpus=1, max_retries=spec.retries, retry_exceptions=False)(fn)
    refs = [remote.remote(item) for item in items]
    index = {ref: i for i, ref in enumerate(refs)}
    out: list[Any] = [None] * len(items)
    pending = list(refs)
    try:
        with progress(verb, len(items)) as prog:
            task = prog.add_task(f"{len(items)} job(s) on Ray", total=len(items))
            while pending:
                done, pending = ray.wait(pending, num_returns=1)
                for ref in done:
                    i = index[ref]
                    try:
                        out[i] = ray.get(ref)
                    except lost as e:
                        out[i] = WorkerLost(attempts=spec.retries + 1, reason=_first_line(e))
                    except ray.exceptions.RayTaskError as e:  # fn raised: the same exception as with the local pool
                        raise e.as_instanceof_cause() from None
                    prog.update(task, advance=1, description=label(items[i]))
    except BaseException:
        for ref in pending:
            ray.cancel(ref, force=True)
        raise
    return out


class _EventLines(io.TextIOBase):
    """Where Ray's driver prints cluster events: each becomes one plain line on stderr ("rknnlint: ray: ...",
    up to Ray's troubleshooting details, no colours), so stdout keeps only the report."""

    _ANSI = re.compile(r"\x1b\[[0-9;]*m")

    def __init__(self) -> None:
        self._buf = ""

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        self._buf += text
        while "\n" in self._buf:
            line, self._buf = self._buf.split("\n", 1)
            line = self._ANSI.sub("", line).strip()
            if line:
                line = re.sub(r"^\((raylet|pid=\d+[^)]*)\)\s*", "", line)
                first = re.split(r"\s(?:To troubleshoot|Error:|Lease ID:)", line, maxsplit=1)[0]
                print(f"rknnlint: ray: {first[:200]}", file=sys.stderr)
        return len(text)


def _first_line(e: BaseException) -> str:
    text = str(e).strip()
    for line in text.splitlines():
        if line.strip():
            return f"{type(e).__name__}: {line.strip()[:200]}"
    return type(e).__name__
