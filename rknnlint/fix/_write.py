"""Loading a model with its weights, and writing results atomically (temp file + rename)."""
from __future__ import annotations

import contextlib
import os
import re
import signal
import tempfile
import threading
from pathlib import Path

import onnx

from ..errors import UsageError
from ..loader import iter_tensors

EXTERNAL_THRESHOLD = 1_800_000_000  # bytes: above this a model is written with external data anyway
# Weights `fix` (and `package`'s head cut) will load: the fix holds them about four times (the original, the
# rewritten model, the two onnxruntime sessions of the proof), and onnxruntime takes an in-memory model only
# up to protobuf's 2 GiB. Larger models are refused before any weight is read (docs/fixing.md).
MAX_WEIGHT_BYTES = 2 << 30
TMP_MARK = re.compile(r"\.(\d+)\.[A-Za-z0-9_]+$")  # .<output name>.<pid>.<random>: write_model's temp folder


class WeightsTooLarge(UsageError):
    """More weights than `fix` may load; `model` is the graph without them (enough to check it)."""

    def __init__(self, message: str, model: onnx.ModelProto):
        super().__init__(message)
        self.model = model


def weight_bytes(model: onnx.ModelProto, folder: Path, file_size: int | None = None) -> int:
    """Bytes of the weights, external ones counted from their `length` (else the rest of their file),
    without reading them. `model` is loaded without external data; locations are checked already.
    `file_size`: the size of the file `model` was parsed from, which stands for model.ByteSize() (that
    serializes the whole model: 25 ms of a 12 MB one)."""
    total = model.ByteSize() if file_size is None else file_size
    for t in iter_tensors(model.graph):
        if t.data_location != onnx.TensorProto.EXTERNAL:
            continue
        e = {x.key: x.value for x in t.external_data}
        try:
            if e.get("length"):
                total += int(e["length"])
            else:
                total += max(0, (folder / e.get("location", "")).stat().st_size - int(e.get("offset") or 0))
        except (OSError, ValueError):
            continue  # onnx reports a broken entry when it loads the data
    return total


def _size(n: int) -> str:
    return f"{n / 2**30:.1f} GiB" if n >= 2**30 else f"{n / 2**20:.0f} MiB"


def load_full(path: Path, max_weight_bytes: int = MAX_WEIGHT_BYTES) -> tuple[onnx.ModelProto, list[Path]]:
    """The model with every external tensor read into memory (from inside its folder only), and the
    external data files it used. A model with more than `max_weight_bytes` of weights is refused (exit 2)
    before any weight is read."""
    from ..loader import _external_locations, check_external_location, load_model

    model = load_model(path)
    files = sorted({check_external_location(path.parent, loc, t) for t, loc in _external_locations(model)})
    try:
        file_size = path.stat().st_size
    except OSError:
        file_size = None
    size = weight_bytes(model, path.parent, file_size)
    if size > max_weight_bytes:
        raise WeightsTooLarge(
            f"{path}: {_size(size)} of weights, above the {_size(max_weight_bytes)} that rewriting and proving a "
            "model may load (it holds the weights about 4 times, and onnxruntime takes at most 2 GiB in memory); "
            "nothing written. `rknnlint check` still works on it; fix the graph at export", model)
    if files:
        onnx.load_external_data_for_model(model, str(path.parent))
    return model, files


def default_output(src: Path) -> Path:
    stem = src.name[:-5] if src.name.endswith(".onnx") else src.name
    return src.with_name(f"{stem}.rknn-ready.onnx")


def tail_path(src: Path, out: Path) -> Path:
    stem = src.name[:-5] if src.name.endswith(".onnx") else src.name
    return out.with_name(f"{stem}.postprocess.onnx")


def _data_name(out: Path, protected: list[Path]) -> str:
    """The external data file name for `out`: '<name>.data', never one of the input's data files."""
    base = f"{out.name}.data"
    name, k = base, 1
    taken = {p.resolve() for p in protected}
    while (out.parent / name).resolve() in taken:
        k += 1
        name = f"{out.name}.{k}.data"
    return name


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists, but another user's
        return True
    return True


def remove_stale_temps(out: Path) -> list[Path]:
    """Remove the temp folders a killed `fix` left beside `out` (.<name>.<pid>.<random>/ whose pid is dead).
    Only plain files directly inside are deleted; a folder holding anything else is left alone."""
    parent = out.parent if str(out.parent) else Path(".")
    removed = []
    prefix = f".{out.name}"
    try:
        entries = [e for e in os.scandir(parent) if e.name.startswith(prefix)]
    except OSError:
        return removed
    for e in entries:
        m = TMP_MARK.fullmatch(e.name[len(prefix):])
        if not m or not e.is_dir(follow_symlinks=False) or _pid_alive(int(m.group(1))):
            continue
        d = Path(e.path)
        try:
            inside = list(os.scandir(d))
            if any(not x.is_file(follow_symlinks=False) and not x.is_symlink() for x in inside):
                continue
            for x in inside:
                os.unlink(x.path)
            d.rmdir()
            removed.append(d)
        except OSError:
            continue
    return removed


class _Signals:
    """While writing: Ctrl-C raises KeyboardInterrupt and SIGTERM SystemExit(143), so the `finally` that removes
    the temp folder runs on both; inside `with signals.held():` a signal is held until the block ends (creating
    the temp folder, renaming data and model), so an interrupt never strands a folder or pairs new data with an
    old model. Python runs signal handlers in the main thread only: elsewhere this does nothing."""

    def __init__(self):
        self.old: dict[int, object] = {}
        self.holding = False
        self.pending: int | None = None

    def _raise(self, signum: int):
        if signum == signal.SIGINT:
            raise KeyboardInterrupt
        raise SystemExit(128 + signum)

    def _on_signal(self, signum, frame):
        if self.holding:
            self.pending = self.pending or signum
        else:
            self._raise(signum)

    def __enter__(self):
        if threading.current_thread() is threading.main_thread():
            for sig in (signal.SIGINT, signal.SIGTERM):
                self.old[sig] = signal.signal(sig, self._on_signal)
        return self

    def __exit__(self, *exc):
        for sig, handler in self.old.items():
            signal.signal(sig, handler)
        return False

    @contextlib.contextmanager
    def held(self):
        self.holding = True
        try:
            yield
        finally:
            self.holding = False
            if self.pending is not None:
                signum, self.pending = self.pending, None
                self._raise(signum)


def write_model(model: onnx.ModelProto, out: Path, external: bool, protected: list[Path],
                data_name: str | None = None) -> list[Path]:
    """Write atomically: into a temp folder beside `out` (.<name>.<pid>.<random>/), then rename (data file
    first, so the model never points at missing data). Returns the files written. `protected`: data files that
    must not be replaced; `data_name`: the external data file name to use (an in-place fix keeps the model's own,
    so that the file a repository tracks is the one replaced). The temp folder goes on every exit path Python sees (errors, Ctrl-C, SIGTERM); one
    left by a SIGKILL is removed by the next write to the same output."""
    parent = out.parent if str(out.parent) else Path(".")
    if not parent.is_dir():
        raise UsageError(f"{out}: folder {parent} does not exist")
    remove_stale_temps(out)
    external = external or model.ByteSize() > EXTERNAL_THRESHOLD
    written: list[Path] = []
    tmp: Path | None = None
    with _Signals() as signals:
        try:
            with signals.held():  # a signal between mkdir and the assignment would strand the folder
                tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.{os.getpid()}.", dir=parent))
            m = onnx.ModelProto()
            m.CopyFrom(model)
            tmp_model = tmp / out.name
            if external:
                data = data_name or _data_name(out, protected)
                onnx.save_model(m, str(tmp_model), save_as_external_data=True, all_tensors_to_one_file=True,
                                location=data, size_threshold=1024)
                with signals.held():
                    if (tmp / data).exists():
                        os.replace(tmp / data, parent / data)
                        written.append(parent / data)
                    os.replace(tmp_model, out)
            else:
                onnx.save_model(m, str(tmp_model))
                os.replace(tmp_model, out)
            written.insert(0, out)
        except OSError as e:
            raise UsageError(f"{out}: cannot write: {e.strerror or e}") from None
        finally:
            if tmp is not None and tmp.exists():
                for p in tmp.iterdir():
                    p.unlink()
                tmp.rmdir()
    return written
