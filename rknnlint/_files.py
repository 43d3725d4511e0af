"""Writing the files users keep (reports, baselines, source configs, packages): atomically, with ordinary
permissions, and YAML without anchors."""
from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .errors import UsageError


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def default_mode() -> int:
    """What open() would give a new file: 0666 less the umask (0644 under umask 022). mkstemp gives 0600."""
    return 0o666 & ~_umask()


def write_text_atomic(path: Path, text: str, what: str = "") -> None:
    """Write `text` to `path` through a temp file beside it and a rename, so that a reader never sees half a
    file; the file gets the permissions a normal write would give it. `what` prefixes error messages."""
    path = Path(path)
    label = f"{what} {path}" if what else str(path)
    parent = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise UsageError(f"{label}: is a directory")
    if not parent.is_dir():
        raise UsageError(f"{label}: folder {parent} does not exist")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=parent)
    except OSError as e:
        raise UsageError(f"{label}: cannot write: {e.strerror}") from None
    try:
        os.fchmod(fd, default_mode())
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, path)
    except OSError as e:
        Path(tmp).unlink(missing_ok=True)
        raise UsageError(f"{label}: cannot write: {e.strerror or e}") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@contextmanager
def staged_folder(out: Path) -> Iterator[Path]:
    """A temp folder beside `out` to write a package into: renamed to `out` (an absent or empty folder) when the
    block ends, removed when it raises, so that a package is whole or absent."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    try:
        yield work
        if out.exists():
            out.rmdir()
        work.chmod(0o755)
        work.rename(out)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise


def yaml_dump(data: Any, width: int = 80) -> str:
    """YAML for people: key order kept, and a value used twice written twice (no &id001 / *id001 anchors)."""
    import yaml

    class _NoAliases(yaml.SafeDumper):
        def ignore_aliases(self, data: Any) -> bool:
            return True

    return yaml.dump(data, Dumper=_NoAliases, sort_keys=False, allow_unicode=True, default_flow_style=False,
                     width=width)
