"""Adopting rknnlint in a real repository (issue 13): config mistakes named with their file, key and the
closest spelling; a configured baseline that does not exist yet; stale baseline entries; per-path globs
relative to the config file however the model path is written."""
from __future__ import annotations

import json
import shutil

from conftest import run_cli, shared_model
from json_schemas import validate
from rknnlint.discover import TAIL_NOTE

CLEAN = shared_model("cls_shufflenet_v2_x1_0_op13.onnx")
DYN = shared_model("cls_mnasnet0_5_op13_dynbatch.onnx")  # RKN101 error


def _repo(tmp_path, config: str):
    (tmp_path / ".git").mkdir()
    (tmp_path / "pyproject.toml").write_text("[tool.rknnlint]\n" + config)
    return tmp_path


def test_misspelled_key_and_unknown_code_name_file_key_and_closest(tmp_path, monkeypatch):
    _repo(tmp_path, 'targt = "rk3588"\n')
    monkeypatch.chdir(tmp_path)
    code, _, err = run_cli("check", CLEAN)
    assert code == 2 and err.strip().startswith(f"rknnlint: error: {tmp_path / 'pyproject.toml'}: unknown key 'targt'; "
                                                "did you mean 'target'?")
    (tmp_path / "pyproject.toml").write_text('[tool.rknnlint]\nignore = ["RKN9100"]\n')
    code, _, err = run_cli("check", CLEAN)
    assert code == 2 and f"{tmp_path / 'pyproject.toml'}: 'ignore': unknown rule code or name 'RKN9100'; did you mean " \
                         "'RKN910'?" in err
    (tmp_path / "pyproject.toml").write_text('[tool.rknnlint.per-path."m/*"]\nselect = ["dynamic-input-shap"]\n')
    code, _, err = run_cli("check", CLEAN)
    assert code == 2 and "per-path 'm/*': 'select'" in err and "did you mean 'dynamic-input-shape'?" in err
    code, _, err = run_cli("check", CLEAN, "--config", tmp_path / "none.toml", "--ignore", "RKN9100")
    assert code == 2 and "none.toml" in err  # the config is read first
    (tmp_path / "pyproject.toml").write_text("[tool.rknnlint]\n")
    code, _, err = run_cli("check", CLEAN, "--select", "RKN1011")
    assert code == 2 and "--select: unknown rule code or name 'RKN1011'; did you mean 'RKN101'?" in err


def test_configured_baseline_not_written_yet_is_not_an_error(tmp_path, monkeypatch):
    repo = _repo(tmp_path, 'baseline = "ci/baseline.json"\n')
    (repo / "ci").mkdir()
    (repo / "models").mkdir()
    shutil.copy(DYN, repo / "models" / "dyn.onnx")
    (repo / "sub").mkdir()
    monkeypatch.chdir(repo / "sub")  # the baseline path is relative to the config file, not the working folder
    code, out, err = run_cli("check", "../models")
    assert code == 1, err  # the RKN101 error, not a usage error
    assert "--baseline" not in err and "does not exist yet" in err and "'baseline' key of" in err
    code, _, err = run_cli("check", "../models", "--update-baseline")
    assert code == 0 and (repo / "ci" / "baseline.json").is_file(), err
    code, _, err = run_cli("check", "../models")
    assert code == 0 and "hidden by baseline" in err and "no longer match" not in err
    code, _, err = run_cli("check", "../models", "--baseline", repo / "missing.json")  # an explicit flag stays strict
    assert code == 2 and "--baseline" in err and "file not found" in err


def test_baseline_says_which_entries_no_longer_match(tmp_path, monkeypatch):
    repo = _repo(tmp_path, 'baseline = "b.json"\n')
    (repo / "models").mkdir()
    shutil.copy(DYN, repo / "models" / "dyn.onnx")
    shutil.copy(CLEAN, repo / "models" / "other.onnx")
    monkeypatch.chdir(repo)
    assert run_cli("check", "models", "--update-baseline")[0] == 0
    data = json.loads((repo / "b.json").read_text())
    n = len(data["findings"])
    shutil.copy(CLEAN, repo / "models" / "dyn.onnx")  # the model was fixed: its entries are stale
    code, _, err = run_cli("check", "models")
    stale = [e for e in data["findings"].values() if e["model"] == "models/dyn.onnx"]
    assert code == 0 and stale and n > len(stale)
    assert f"{len(stale)} baseline entr" in err and "no longer match a finding" in err and "RKN101 models/dyn.onnx" in err
    code, _, err = run_cli("check", "models/other.onnx")  # entries of models not checked are not judged
    assert "no longer match" not in err


def test_per_path_globs_are_relative_to_the_config_file(tmp_path, monkeypatch):
    repo = _repo(tmp_path, 'target = "rk3588"\n[tool.rknnlint.per-path."models/camera/*.onnx"]\ntarget = "rv1106"\n'
                           '[tool.rknnlint.per-path."*_int8.onnx"]\ndtype = "int8"\n')
    (repo / "models" / "camera").mkdir(parents=True)
    (repo / "other" / "models" / "camera").mkdir(parents=True)
    shutil.copy(CLEAN, repo / "models" / "camera" / "a.onnx")
    shutil.copy(CLEAN, repo / "models" / "camera" / "b_int8.onnx")
    shutil.copy(CLEAN, repo / "other" / "models" / "camera" / "c.onnx")  # not under <root>/models/camera
    for cwd, path in ((repo, "models/camera/a.onnx"), (repo, str(repo / "models/camera/a.onnx")),
                      (repo / "other", "../models/camera/a.onnx"), (repo / "models", "camera/a.onnx"),
                      (repo / "models" / "camera", "./a.onnx")):
        monkeypatch.chdir(cwd)
        code, out, _ = run_cli("check", path, "-f", "json")
        assert json.loads(out)["models"][0]["targets"] == ["rv1106"], (cwd, path)
    monkeypatch.chdir(repo)
    code, out, _ = run_cli("check", "models", "other", "-f", "json")
    got = {m["path"]: (m["targets"], m["verdicts"]) for m in json.loads(out)["models"]}
    assert got["models/camera/a.onnx"] == (["rv1106"], {"rv1106": "fails"})  # rv1106 has no float build
    assert got["models/camera/b_int8.onnx"] == (["rv1106"], {"rv1106": "builds"})  # int8 by the name glob
    assert got["other/models/camera/c.onnx"][0] == ["rk3588"]


def _tree(tmp_path):
    """A repository as users have them: models, a venv, node_modules, a git-ignored folder, a fixed model
    and a post-processing tail that rknnlint wrote."""
    import subprocess

    repo = tmp_path / "repo"
    for d in ("models/camera", ".venv/lib/site-packages/pkg", "node_modules/x", "data", "build/tmp"):
        (repo / d).mkdir(parents=True)
    bad = shared_model("misc_layernorm_noeps_op17.onnx")  # RKN702 error
    for d in (".venv/lib/site-packages/pkg", "node_modules/x", "data", "build/tmp"):
        shutil.copy(bad, repo / d / "m.onnx")
    shutil.copy(CLEAN, repo / "models" / "camera" / "a.onnx")
    shutil.copy(CLEAN, repo / "models" / "camera" / "a.rknn-ready.onnx")
    shutil.copy(bad, repo / "models" / "camera" / "a.postprocess.onnx")  # would fail as an NPU model
    (repo / ".gitignore").write_text("data/\n")
    (repo / "pyproject.toml").write_text("[tool.rknnlint]\n")
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    return repo


def test_folder_check_skips_venvs_ignored_files_and_tails_and_checks_fixed_models(tmp_path, monkeypatch):
    repo = _tree(tmp_path)
    monkeypatch.chdir(repo)
    code, out, err = run_cli("check", ".", "-f", "json")
    doc = validate(out, "check")
    paths = sorted(m["path"] for m in doc["models"])
    assert paths == ["build/tmp/m.onnx", "models/camera/a.onnx", "models/camera/a.rknn-ready.onnx"], paths
    assert doc["skipped"] == [{"path": "models/camera/a.postprocess.onnx", "why": TAIL_NOTE}]
    assert f"rknnlint: skipped models/camera/a.postprocess.onnx: {TAIL_NOTE}" in err
    assert code == 1  # build/tmp/m.onnx: exclude it in the config, or on the command line
    code, out, _ = run_cli("check", ".", "--exclude", "build", "-f", "json")
    assert code == 0 and len(json.loads(out)["models"]) == 2
    (repo / "pyproject.toml").write_text('[tool.rknnlint]\nextend-exclude = ["build/tmp/"]\n')
    code, out, _ = run_cli("check", ".", "-f", "json")
    assert code == 0 and len(json.loads(out)["models"]) == 2
    (repo / "pyproject.toml").write_text('[tool.rknnlint]\nexclude = ["build"]\nrespect-gitignore = false\n')
    code, out, _ = run_cli("check", ".", "-f", "json")  # `exclude` replaces the defaults: the venv is checked
    got = sorted(m["path"] for m in json.loads(out)["models"])
    assert ".venv/lib/site-packages/pkg/m.onnx" in got and "data/m.onnx" in got and "node_modules/x/m.onnx" in got
    # a tail named on the command line (pre-commit passes every staged *.onnx) is skipped, not failed
    (repo / "pyproject.toml").write_text("[tool.rknnlint]\n")
    code, out, err = run_cli("check", "models/camera/a.postprocess.onnx", "models/camera/a.onnx")
    assert code == 0 and "skipped models/camera/a.postprocess.onnx" in err
    code, out, err = run_cli("check", "data/m.onnx")  # named explicitly: checked even though git ignores it
    assert code == 1


def test_build_and_fix_take_the_same_files(tmp_path, monkeypatch):
    from rknnlint.discover import discover

    repo = _tree(tmp_path)
    monkeypatch.chdir(repo)
    from rknnlint.config import load_config

    files = [str(p) for p in discover(["."], load_config()).files]
    assert files == ["build/tmp/m.onnx", "models/camera/a.onnx", "models/camera/a.rknn-ready.onnx"]
    code, out, err = run_cli("fix", "models/camera/a.postprocess.onnx", "--dry-run")
    assert code == 0 and "skipped models/camera/a.postprocess.onnx" in err and out == ""
