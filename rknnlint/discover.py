"""Which model files a command covers: the files named on the command line, and the *.onnx below the named
folders except excluded folders (virtual environments, version control, node_modules; the config's `exclude`
/ `extend-exclude`; --exclude), git-ignored files, and the post-processing tails rknnlint wrote.

A file named on the command line is always taken (as ruff does), except a post-processing tail: that is a
CPU model (`fix --cut-head` writes <stem>.postprocess.onnx to run after the NPU), so judging it as an NPU
model would fail it for what it is meant to do. It is skipped with a note. A fixed model
(<stem>.rknn-ready.onnx) is the model you convert: it is checked like any other.
"""
from __future__ import annotations

import os
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .config import Config, path_matches
from .errors import UsageError

# Folders no model you convert lives in, skipped below a named folder unless the config's `exclude` says otherwise
DEFAULT_EXCLUDE = (".git", ".hg", ".svn", ".bzr", ".venv", "venv", ".tox", ".nox", "node_modules", "__pycache__",
                   "__pypackages__", "site-packages", ".eggs", ".mypy_cache", ".pytest_cache", ".ruff_cache")
TAIL_SUFFIX = ".postprocess.onnx"
TAIL_NOTE = "a post-processing tail (runs on the CPU after the NPU part), not an NPU model: not checked"


@dataclass
class Discovery:
    files: list[Path] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, why), said to the user


def excludes(config: Config | None) -> tuple[str, ...]:
    cfg = config or Config()
    base = DEFAULT_EXCLUDE if cfg.exclude is None else cfg.exclude
    return tuple(base) + tuple(cfg.extend_exclude)


def discover(paths: Iterable[str | Path], config: Config | None = None) -> Discovery:
    cfg = config or Config()
    patterns = excludes(cfg)
    root = cfg.root
    out = Discovery()
    for p in map(Path, paths):
        if not p.is_dir():
            if p.name.endswith(TAIL_SUFFIX):
                out.skipped.append((str(p), TAIL_NOTE))
            else:
                out.files.append(p)  # named: taken even when excluded; a missing file is reported by the reader
            continue
        found: list[Path] = []
        tails = 0
        for dirpath, dirnames, filenames in os.walk(p):
            d = Path(dirpath)
            dirnames[:] = sorted(n for n in dirnames if not any(path_matches(d / n, pat, root) for pat in patterns))
            for name in sorted(filenames):
                f = d / name
                if not name.endswith(".onnx") or not f.is_file() or any(path_matches(f, pat, root) for pat in patterns):
                    continue
                if name.endswith(TAIL_SUFFIX):
                    tails += 1
                    out.skipped.append((str(f), TAIL_NOTE))
                    continue
                found.append(f)
        ignored = _git_ignored(p, found) if cfg.respect_gitignore else set()
        found = [f for f in found if f not in ignored]
        if not found and not tails and not ignored:
            raise UsageError(f"{p}: no *.onnx files in this directory")
        out.files.extend(sorted(found))
    return out


def _git_ignored(folder: Path, files: list[Path]) -> set[Path]:
    """The files git ignores (.gitignore, .git/info/exclude, the global excludes file); tracked files never
    count as ignored. Nothing when git is missing or the folder is not in a work tree."""
    if not files:
        return set()
    try:
        p = subprocess.run(["git", "-C", str(folder), "check-ignore", "--stdin", "-z"],
                           input="\0".join(os.path.abspath(f) for f in files) + "\0", capture_output=True,
                           text=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return set()
    if p.returncode not in (0, 1):  # 128: not a git work tree
        return set()
    hit = {os.path.normpath(x) for x in p.stdout.split("\0") if x}
    return {f for f in files if os.path.abspath(f) in hit}
