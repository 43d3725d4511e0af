"""The repository stands alone: every model the tests, docs and quick start use is in fixtures/ (or written
there from a committed skeleton), nothing refers to a folder beside the clone, and the quick start runs on
a copy of the repository with nothing beside it."""
from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import onnx
import pytest
from onnx import TensorProto

from conftest import FIXTURES, _make_fixtures, shared_model

ROOT = Path(__file__).resolve().parents[1]
BESIDE = "../" + "shared"  # spelled in two pieces so this file does not match itself
TEXT = {".md", ".py", ".sh", ".toml", ".yaml", ".yml", ".cfg", ".txt", ".json", ""}


def _texts():
    for top in ("README.md", "docs", "tests", "scripts", "bench", "fixtures", "calibration", ".ci", "pyproject.toml"):
        p = ROOT / top
        for f in ([p] if p.is_file() else sorted(p.rglob("*")) if p.is_dir() else []):
            if f.is_file() and f.suffix in TEXT and "__pycache__" not in f.parts:
                yield f


def test_nothing_refers_to_a_folder_beside_the_clone():
    bad = []
    for f in _texts():
        text = f.read_text(encoding="utf-8", errors="replace")
        for i, line in enumerate(text.splitlines(), 1):
            if BESIDE in line or re.search(r"""parents?\[?\d?\]?\s*\)?\s*/\s*["']shared["']""", line) \
                    or re.search(r"""parent\s*/\s*["']shared["']""", line):
                bad.append(f"{f.relative_to(ROOT)}:{i}: {line.strip()}")
    assert not bad, "refers to a folder beside the repository:\n" + "\n".join(bad)


def test_every_model_the_tests_and_docs_name_is_in_fixtures():
    names = set()
    for f in _texts():
        text = f.read_text(encoding="utf-8", errors="replace")
        names |= set(re.findall(r"""shared_?(?:model)?\(\s*["']([^"']+\.onnx)["']""", text))
        names |= set(re.findall(r"fixtures/([\w.-]+\.onnx)\b", text))
    assert len(names) >= 14, names
    for n in sorted(names):
        assert shared_model(n).is_file(), n


def test_generated_models_are_git_ignored_and_committed_ones_are_small():
    mf = _make_fixtures()
    gen = mf.generated()
    assert len(gen) == 5
    ignore = (ROOT / ".gitignore").read_text().splitlines()
    for n in gen:
        assert f"/fixtures/{n}" in ignore, n
    assert "/fixtures/cls_squeezenet1_1_op21_dynamo.onnx.data" in ignore
    committed = [p for p in FIXTURES.rglob("*") if p.is_file() and p.name not in gen and not p.name.endswith(".onnx.data")
                 or p.name == "seg_tiny_unet_extdata_op13.onnx.data"]
    assert sum(p.stat().st_size for p in committed) < 6_000_000


def _sha(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


def test_make_fixtures_is_deterministic_idempotent_and_keeps_dtypes():
    mf = _make_fixtures()
    name = "cls_squeezenet1_1_fp16_op13.onnx"
    p = mf.ensure(name)
    sha, mtime = _sha(p), p.stat().st_mtime_ns
    assert mf.ensure(name).stat().st_mtime_ns == mtime  # up to date: left alone
    mf.ensure(name, force=True)
    assert _sha(p) == sha  # the same bytes again
    assert not list(FIXTURES.glob(".*.tmp"))  # written through a temporary file, renamed
    m = onnx.load(str(p))
    weights = [t for t in m.graph.initializer if len(t.dims) == 4]
    assert weights and all(t.data_type == TensorProto.FLOAT16 and t.raw_data and not t.doc_string for t in weights)
    big = max(weights, key=lambda t: np.prod(t.dims))
    a = onnx.numpy_helper.to_array(big).astype(np.float32)
    assert a.dtype == np.float32 and np.isfinite(a).all() and 0 < a.std() < 1  # random, but of the export's scale


def test_external_data_model_keeps_its_data_file():
    p = shared_model("cls_squeezenet1_1_op21_dynamo.onnx")
    m = onnx.load(str(p), load_external_data=False)
    ext = [t for t in m.graph.initializer if t.data_location == TensorProto.EXTERNAL]
    assert len(ext) == 26
    assert {e.value for t in ext for e in t.external_data if e.key == "location"} == {p.name + ".data"}
    full = onnx.load(str(p))  # every external tensor reads back from the .data file
    assert all(t.raw_data for t in full.graph.initializer)
    assert (p.parent / (p.name + ".data")).stat().st_size == 4926208


def _repository_copy(dest: Path) -> Path:
    """The files a clone would have (tracked plus new, not ignored), copied from this checkout."""
    r = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                       capture_output=True)
    if r.returncode != 0:
        pytest.skip("not a git checkout")
    for rel in filter(None, r.stdout.decode().split("\0")):
        src = ROOT / rel
        if src.is_file():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / rel)
    subprocess.run(["git", "init", "-q"], cwd=dest, check=True)  # as in a clone: .gitignore applies
    return dest


def _quick_start() -> list[tuple[str, int]]:
    """The quick start's rknnlint commands with the exit code their `# exit N` comment gives (else 0)."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = text.split("## Quick start", 1)[1].split("```bash", 1)[1].split("```", 1)[0]
    cmds = []
    for line in block.splitlines():
        if line.startswith("rknnlint "):
            cmd, _, comment = line.partition("#")
            m = re.match(r"\s*exit (\d)", comment)
            cmds.append((cmd.strip(), int(m.group(1)) if m else 0))
    return cmds


def _run_quick_start(tmp_path: Path, with_build: bool) -> dict[str, subprocess.CompletedProcess]:
    """The quick start pasted into a copy of the repository with nothing beside it; each command must exit as
    its `# exit N` comment says (0 without one) and print no traceback."""
    repo = _repository_copy(tmp_path / "alone" / "rknnlint")
    assert not (repo.parent.parent / BESIDE[3:]).exists()
    r = subprocess.run([sys.executable, "fixtures/make_fixtures.py"], cwd=repo, capture_output=True, text=True,
                       timeout=300)
    assert r.returncode == 0, r.stderr
    bindir = tmp_path / "bin"
    bindir.mkdir()
    (bindir / "rknnlint").write_text(f'#!/bin/sh\nexec "{sys.executable}" -m rknnlint "$@"\n')
    (bindir / "rknnlint").chmod(0o755)
    env = {**os.environ, "PYTHONPATH": str(repo), "PATH": f"{bindir}{os.pathsep}{os.environ.get('PATH', '')}",
           "NO_COLOR": "1"}
    cmds = [(c.replace("/tmp/", f"{tmp_path}/"), e) for c, e in _quick_start()
            if with_build or not c.startswith("rknnlint build")]
    assert len(cmds) == (5 if with_build else 4) and cmds[0][1] == 1
    out = {}
    for cmd, want in cmds:
        r = subprocess.run(["bash", "-c", cmd], cwd=repo, env=env, capture_output=True, text=True, timeout=900)
        assert "Traceback" not in r.stderr, (cmd, r.stderr)
        assert r.returncode == want, (cmd, r.returncode, r.stdout[-2000:], r.stderr[-2000:])
        out[cmd.split()[1]] = r
    return out


def test_quick_start_runs_on_a_copy_with_nothing_beside_it(tmp_path):
    """The quick start's static commands (check, explain, fix, the compatibility matrix)."""
    out = _run_quick_start(tmp_path, with_build=False)
    assert (tmp_path / "mnasnet.rknn-ready.onnx").is_file()
    # every fixture, the five git-ignored ones written from skeletons too (a folder walk skips ignored files)
    assert re.search(r"\b14 models\b", out["check"].stdout), out["check"].stdout[-1000:]


@pytest.mark.toolkit
def test_quick_start_build_compares_without_a_mismatch(tmp_path):
    """The whole quick start, the real rknn-toolkit2 build of the fixed MNASNet included: it builds, and its
    outputs (all below float16's resolution) are reported as not scorable, not as a mismatch."""
    pytest.importorskip("rknn.api")
    out = _run_quick_start(tmp_path, with_build=True)
    text = out["build"].stdout + out["build"].stderr
    assert "built" in text and "mismatch" not in text.lower(), text
