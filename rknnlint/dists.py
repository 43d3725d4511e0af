"""Installed distributions, found by their metadata folders' names before importlib.metadata is asked.

`importlib.metadata` parses every installed package's metadata to answer one question; in a venv with
rknn-toolkit2 and torch that cost a `check` 20-30 ms of CPU (importing it, `entry_points()`, `version()`),
about a tenth of its budget over `onnx.load` on a 100 MB model (bench/bench_check.py). A wheel install
names its folder `<name>-<version>.dist-info` (an egg `<name>-<version>[-py...].egg-info`), so a listing
of sys.path says which packages are there; importlib.metadata answers only where the listing finds one.
"""
from __future__ import annotations

import functools
import os
import re
import sys

_META = re.compile(r"^(?P<name>[^-]+)-(?P<version>[^-]+?)(?:-py[^-]*)?\.(?:dist-info|egg-info)$")


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "_", name).lower()


@functools.cache
def _folders(path: tuple[str, ...]) -> tuple[tuple[str, str, str], ...]:
    """(canonical name, version, folder) of every metadata folder on `path`, in sys.path order."""
    out = []
    for entry in path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for n in names:
            m = _META.match(n)
            if m:
                out.append((_canonical(m["name"]), m["version"], os.path.join(entry or ".", n)))
    return tuple(out)


def version(name: str) -> str | None:
    """The installed version of distribution `name`, None when it is not installed. The first folder on
    sys.path wins, as with importlib.metadata.version."""
    want = _canonical(name)
    for n, v, _ in _folders(tuple(sys.path)):
        if n == want:
            return v
    return None


def entry_points(group: str, skip: str = "") -> list:
    """importlib.metadata's entry points of `group` other than those whose value is `skip` (rknnlint's own
    rules, which it imports itself); [] without importing importlib.metadata when no installed package's
    entry_points.txt declares another one in the group."""
    for _, _, folder in _folders(tuple(sys.path)):
        try:
            with open(os.path.join(folder, "entry_points.txt"), encoding="utf-8") as f:
                values = _section(f.read(), group)
        except OSError:
            continue
        if any(v != skip for v in values):
            break
    else:
        return []
    from importlib.metadata import entry_points as all_entry_points

    return [ep for ep in all_entry_points(group=group) if ep.value != skip]


def _section(text: str, group: str) -> list[str]:
    """The values of the `name = value` lines under `[group]` in an entry_points.txt."""
    values, inside = [], False
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("["):
            inside = line == f"[{group}]"
        elif inside and "=" in line and not line.startswith(("#", ";")):
            values.append(line.split("=", 1)[1].strip())
    return values
