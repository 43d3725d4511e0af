"""Results of trial builds, kept by what decides them: the model's bytes (and its external data), the target,
dtype, build options, calibration data and toolkit version. A CI run then rebuilds only what changed.

Entries live in $RKNNLINT_CACHE_DIR (default ~/.cache/rknnlint)/builds, one pickle each, written atomically.
`--no-cache` (or RKNNLINT_NO_BUILD_CACHE=1) builds anyway and stores the fresh result. Timeouts and lost workers
are not stored: they say nothing about the model."""
from __future__ import annotations

import hashlib
import json
import os
import pickle
import tempfile
from dataclasses import asdict
from pathlib import Path
from typing import Any

FORMAT = "build-cache-2"  # bump when what an entry holds changes
_CHUNK = 4 << 20


def cache_root() -> Path:
    root = os.environ.get("RKNNLINT_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "rknnlint")
    return Path(root) / "builds"


def enabled() -> bool:
    return not os.environ.get("RKNNLINT_NO_BUILD_CACHE")


def _hash_file(h, path: Path) -> None:
    with open(path, "rb") as f:
        while chunk := f.read(_CHUNK):
            h.update(chunk)


def _external_files(model: Path) -> list[Path]:
    """The external data files a model names (read without loading its weights); a location that leaves the
    model's folder is not followed, as the loader refuses it."""
    import onnx

    from ..errors import ModelLoadError
    from ..loader import check_external_location, iter_tensors

    try:
        proto = onnx.load(str(model), load_external_data=False)
    except Exception:  # noqa: BLE001 - an unreadable model is keyed by its bytes alone
        return []
    names = {kv.value for t in iter_tensors(proto.graph) for kv in t.external_data if kv.key == "location"}
    found = []
    for name in sorted(names):
        try:
            path = check_external_location(model.parent, name)
        except ModelLoadError:
            continue
        if path.is_file():
            found.append(path)
    return found


def key(job, toolkit_version: str, extra: dict[str, Any] | None = None) -> str:
    """sha256 over everything that decides the build's outcome; the model's path is not part of it."""
    h = hashlib.sha256(FORMAT.encode() + b"\0")
    model = Path(job.model)
    _hash_file(h, model)
    for ext in _external_files(model):
        h.update(b"\0ext\0" + ext.name.encode())
        _hash_file(h, ext)
    opts = {k: v for k, v in asdict(job).items() if k not in ("model", "export")}
    if job.dataset:
        h.update(b"\0dataset\0")
        ds = Path(job.dataset)
        _hash_file(h, ds)
        for line in ds.read_text(errors="replace").splitlines():
            p = (ds.parent / line.strip()) if line.strip() and not os.path.isabs(line.strip()) else Path(line.strip())
            if line.strip() and p.is_file():
                _hash_file(h, p)
        opts.pop("dataset")
    h.update(json.dumps({"job": opts, "toolkit": toolkit_version, **(extra or {})}, sort_keys=True).encode())
    return h.hexdigest()


def load(k: str) -> Any | None:
    path = cache_root() / k[:2] / f"{k}.pkl"
    try:
        with open(path, "rb") as f:
            entry = pickle.load(f)
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError, ValueError):
        return None
    return entry if isinstance(entry, dict) and entry.get("format") == FORMAT else None


def store(k: str, value: dict[str, Any]) -> None:
    """Best effort: a cache that cannot be written is no cache, never an error."""
    path = cache_root() / k[:2] / f"{k}.pkl"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".pkl")
        with os.fdopen(fd, "wb") as f:
            pickle.dump({"format": FORMAT, **value}, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        try:
            os.unlink(tmp)  # type: ignore[possibly-undefined]
        except (OSError, NameError):
            pass
