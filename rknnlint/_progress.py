"""Progress of one long toolkit run on a terminal: a spinner on stderr naming the model and the stage the
toolkit child is in (import, load, build, simulate, ...). Nothing when stderr is not a terminal."""
from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

STAGES = {"": "starting", "import": "importing rknn-toolkit2", "config": "configuring", "load": "loading the ONNX model",
          "build": "building", "built": "built", "export": "exporting", "simulate": "comparing in the simulator",
          "done": "done"}


@contextmanager
def stage_progress(label: str, stage: Callable[[], str], stream=None, every: float = 0.5) -> Iterator[None]:
    """While the block runs: 'building yolov8n.onnx (rk3588 fp16): loading the ONNX model, 12 s'."""
    stream = stream or sys.stderr
    isatty = getattr(stream, "isatty", None)
    if not (isatty and isatty()):
        yield
        return
    from rich.console import Console

    stop = threading.Event()
    t0 = time.monotonic()

    def text() -> str:
        s = stage()
        return f"{label}: {STAGES.get(s, s)}, {time.monotonic() - t0:.0f} s"

    with Console(file=stream).status(text()) as status:
        def poll() -> None:
            while not stop.wait(every):
                status.update(text())

        th = threading.Thread(target=poll, daemon=True)
        th.start()
        try:
            yield
        finally:
            stop.set()
            th.join()
