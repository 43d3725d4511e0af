"""Where independent toolkit jobs run: a pool of threads on this machine (the default, `--jobs N`) or tasks on a
Ray cluster (`--executor ray [--address ADDR]`). Both take the same function and items and hand results back in
input order, so a report does not depend on the executor. Each job still starts the toolkit in its own child
process with a timeout (crash isolation); the executor only decides which machine that child runs on."""
from __future__ import annotations

from ._run import run_tasks
from ._spec import EXECUTORS, ExecutorSpec, WorkerLost, add_executor_options, executor_from_args

__all__ = ["EXECUTORS", "ExecutorSpec", "WorkerLost", "add_executor_options", "executor_from_args", "run_tasks"]
