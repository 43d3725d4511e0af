"""Read the model file of `rknnlint check` while the interpreter is still importing rknnlint and onnx.

Reading a 100+ MB model is a third of what `check` costs on it, and the read releases the GIL: started in a
thread before the imports, it is done by the time the loader asks for it (bench/bench_check.py). Only the
bytes are read here; the loader still does every check on the path, and takes the bytes only when the file
is the same one (size and modification time unchanged).
"""
from __future__ import annotations

import os
import threading

_MAX_BYTES = 2**31 - 1  # the loader refuses larger protobuf files with its own message
_lock = threading.Lock()
_pending: dict[str, tuple[threading.Thread, list[object]]] = {}


def _key(path: str) -> str:
    return os.path.realpath(path)


def start(path: str) -> None:
    """Begin reading path in a daemon thread when it is a regular file the loader would read whole."""
    try:
        st = os.stat(path)
    except OSError:
        return
    if not (0 < st.st_size <= _MAX_BYTES) or not os.path.isfile(path):
        return
    box: list[object] = []

    def read() -> None:
        try:
            with open(path, "rb") as f:
                box.append((os.fstat(f.fileno()), f.read()))
        except OSError:
            pass

    t = threading.Thread(target=read, name="rknnlint-prefetch", daemon=True)
    with _lock:
        _pending[_key(path)] = (t, box)
    t.start()


def take(path: str | os.PathLike) -> bytes | None:
    """The bytes read for path, once, if the file has not changed since; else None (the caller reads it)."""
    with _lock:
        entry = _pending.pop(_key(os.fspath(path)), None)
    if entry is None:
        return None
    thread, box = entry
    thread.join()
    if not box:
        return None
    st, data = box[0]  # type: ignore[misc]
    try:
        now = os.stat(path)
    except OSError:
        return None
    if (now.st_size, now.st_mtime_ns, now.st_ino) != (st.st_size, st.st_mtime_ns, st.st_ino) or len(data) != st.st_size:
        return None
    return data


def start_for_check(argv: list[str]) -> None:
    """`rknnlint check MODEL.onnx ...`: prefetch the first model named on the command line."""
    if not argv or argv[0] != "check":
        return
    for arg in argv[1:]:
        if not arg.startswith("-") and arg.lower().endswith(".onnx"):
            start(arg)
            return
