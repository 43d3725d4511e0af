"""The executor a command was asked for, and the command-line options that choose it."""
from __future__ import annotations

from dataclasses import dataclass

from ..errors import UsageError

EXECUTORS = ("local", "ray")


@dataclass(frozen=True)
class ExecutorSpec:
    """`kind` local: `workers` threads here. `kind` ray: tasks on the cluster at `address` (None: a Ray instance
    started for this run on this machine with `workers` CPUs); a task whose worker dies is retried `retries` times."""

    kind: str = "local"
    workers: int = 1
    address: str | None = None
    retries: int = 1


@dataclass(frozen=True)
class WorkerLost:
    """A job whose Ray worker died (killed, out of memory, node lost) on every try: the job fails, the run goes on."""

    attempts: int
    reason: str


def add_executor_options(p) -> None:
    """--executor / --address, shared by build, probe and package."""
    p.add_argument("--executor", choices=EXECUTORS, default="local",
                   help="where jobs run: local threads (default, --jobs at a time) or tasks on a Ray cluster "
                        "(the [ray] extra: pip install 'ray>=2.9')")
    p.add_argument("--address", default=None, metavar="ADDR",
                   help="Ray cluster to join (host:port of its head, or 'auto'); default: start Ray on this machine "
                        "with --jobs CPUs")


def executor_from_args(args, workers: int) -> ExecutorSpec:
    kind = getattr(args, "executor", "local") or "local"
    address = getattr(args, "address", None)
    if address and kind != "ray":
        raise UsageError("--address is for --executor ray")
    if workers < 1:
        raise UsageError("--jobs must be at least 1")
    return ExecutorSpec(kind=kind, workers=workers, address=address)
