"""Run fn over items on the chosen executor, with a progress bar on a terminal, results in input order."""
from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from typing import Any

from ._spec import ExecutorSpec


def run_tasks(fn: Callable[[Any], Any], items: Sequence[Any], spec: ExecutorSpec,
              label: Callable[[Any], str] = str, verb: str = "building") -> list[Any]:
    """fn(item) for every item. Local: exceptions propagate as from a loop. Ray: fn must be picklable (a module
    function); an item whose worker died on every try yields a WorkerLost instead of a result."""
    if spec.kind == "ray":
        from ._ray import run_on_ray

        return run_on_ray(fn, items, spec, label, verb)
    if len(items) == 1:
        return [fn(items[0])]
    return _run_local(fn, items, spec.workers, label, verb)


def progress(verb: str, total: int):
    """A transient rich progress bar on stderr; a no-op one when stderr is not a terminal (rich decides)."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    prog = Progress(TextColumn(verb), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    TextColumn("{task.description}"), transient=True, console=Console(file=sys.stderr))
    return prog


def _run_local(fn, items, workers: int, label, verb: str) -> list[Any]:
    from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait

    out: list[Any] = [None] * len(items)
    with progress(verb, len(items)) as prog:
        task = prog.add_task("", total=len(items))
        with ThreadPoolExecutor(max_workers=workers) as pool:
            running: dict[Any, int] = {}
            queue = list(enumerate(items))
            while queue or running:
                while queue and len(running) < workers:
                    i, item = queue.pop(0)
                    running[pool.submit(fn, item)] = i
                # the label names a job being built, not the last one finished
                prog.update(task, description=", ".join(label(items[i]) for i in sorted(running.values())))
                done, _ = wait(running, return_when=FIRST_COMPLETED)
                for fut in done:
                    out[running.pop(fut)] = fut.result()
                    prog.update(task, advance=1)
    return out
