"""The pre-commit hooks, for real: `pre-commit try-repo` this repository in a fresh git repository with a
clean and a broken model. pre-commit builds its own virtualenv and pip-installs rknnlint into it (from
this work tree, dependencies from the package index), so the first run takes a minute."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import shared_model

REPO = Path(__file__).resolve().parents[1]
PRE_COMMIT = Path(sys.executable).with_name("pre-commit")

pytestmark = pytest.mark.skipif(not PRE_COMMIT.exists() or shutil.which("git") is None,
                                reason="pre-commit (dev extra) or git not installed")


def _git(cwd, *args):
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True)


@pytest.fixture(scope="module")
def user_repo(tmp_path_factory):
    d = tmp_path_factory.mktemp("user_repo")
    _git(d, "init", "-q")
    _git(d, "config", "user.email", "t@example.com")
    _git(d, "config", "user.name", "t")
    (d / "models").mkdir()
    shutil.copy(shared_model("cls_shufflenet_v2_x1_0_op13.onnx"), d / "models" / "clean.onnx")
    shutil.copy(shared_model("misc_resize_cubic_op13.onnx"), d / "models" / "broken.onnx")
    shutil.copy(shared_model("misc_layernorm_noeps_op17.onnx"), d / "models" / "fixable.onnx")
    (d / "notes.txt").write_text("not a model\n")
    _git(d, "add", ".")
    return d


def _try_repo(cwd, hook, *files, home):
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "NO_COLOR": "1"}
    env.pop("VIRTUAL_ENV", None)
    cmd = [str(PRE_COMMIT), "try-repo", str(REPO), hook, "--verbose", "--color", "never"]
    cmd += ["--files", *files] if files else ["--all-files"]
    return subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=900)


@pytest.fixture(scope="module")
def pc_home(tmp_path_factory):
    return tmp_path_factory.mktemp("pre_commit_home")


def test_check_hook_fails_on_broken_model_only(user_repo, pc_home):
    r = _try_repo(user_repo, "rknnlint-check", home=pc_home)
    out = r.stdout + r.stderr
    assert r.returncode == 1, out
    assert "rknnlint check" in out and "Failed" in out
    assert "RKN701" in out and "broken.onnx" in out
    assert "notes.txt" not in out.split("rknnlint check", 1)[1]  # only .onnx files are passed

    r = _try_repo(user_repo, "rknnlint-check", "models/clean.onnx", home=pc_home)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "Passed" in r.stdout


def test_fix_hook_rewrites_in_place(user_repo, pc_home):
    if not (REPO / "rknnlint" / "cli" / "fix_cmd.py").exists():
        pytest.xfail("`rknnlint fix MODEL --in-place` (rknnlint/cli/fix_cmd.py) is not in this tree yet")
    import onnx

    fixable = user_repo / "models" / "fixable.onnx"
    clean = user_repo / "models" / "clean.onnx"
    before, clean_before = fixable.read_bytes(), clean.read_bytes()
    # RKN702 (LayerNormalization without epsilon) has a safe fix: the hook rewrites the file in place
    r = _try_repo(user_repo, "rknnlint-fix", "models/fixable.onnx", "models/clean.onnx", home=pc_home)
    out = r.stdout + r.stderr
    assert r.returncode == 1, out
    assert "files were modified by this hook" in out and "Traceback" not in out
    assert fixable.read_bytes() != before
    onnx.checker.check_model(onnx.load(str(fixable)))
    assert clean.read_bytes() == clean_before
    # the rewritten model no longer has the finding
    from conftest import findings

    assert not findings(fixable, select={"RKN702"})
    # a second run has nothing left to change
    r = _try_repo(user_repo, "rknnlint-fix", "models/fixable.onnx", home=pc_home)
    assert "files were modified by this hook" not in r.stdout + r.stderr
