"""One explicit lint context: the Python API and the CLI build it from the same config, so the same model
gives the same findings from both, for any toolkit version; the version used is in every report."""
from __future__ import annotations

import json

import pytest
from onnx import helper

import rknnlint
from rknnlint.context import build_context
from rknnlint.platforms import all_measured_versions, has_measured, installed_toolkit_version, rules_dir
from tests.conftest import make_model, run_cli, save, shared_model

VERSIONS = ("2.5.0", "2.3.2")


def _small(tmp_path):
    """Ops whose placement differs between the documented tables and the 2.5.0 measured ones."""
    nodes = [helper.make_node("Acos", ["x"], ["a"], name="acos"),
             helper.make_node("GatherElements", ["a", "i"], ["y"], name="gather", axis=1)]
    model = make_model(nodes, [("x", [1, 4, 8]), ("i", [1, 4, 8], 7)], [("y", [1, 4, 8])])
    return save(model, tmp_path, "small.onnx")


def _key(f: dict) -> tuple:
    return (f["code"], f["target"], f["location"]["node_name"], f["severity"], f["message"])


def _api(path, version):
    rep = rknnlint.check(path, target="rk3588,rv1106", toolkit_version=version)
    return sorted(_key(f.to_dict()) for f in rep.findings), rep


def _cli(path, version):
    code, out, err = run_cli("check", path, "--target", "rk3588,rv1106", "--toolkit-version", version, "-f", "json")
    data = json.loads(out)
    return sorted(_key(f) for m in data["models"] for f in m["findings"]), data, code


@pytest.mark.parametrize("model", ["small", "yolov8n"])
def test_same_findings_from_python_and_cli_for_two_versions(tmp_path, model):
    path = _small(tmp_path) if model == "small" else shared_model("det_yolov8n_nc20_256_op12.onnx")
    seen = {}
    for version in VERSIONS:  # the API first: it once ignored toolkit_version and used what the CLI left behind
        api, rep = _api(path, version)
        cli, data, code = _cli(path, version)
        assert api == cli and cli, version
        assert code == rep.exit_code
        assert data["toolkit"] == {"version": version, "origin": "given",
                                   "measured": all(has_measured(rules_dir(), f, version) for f in ("rk3588", "rv1106"))}
        assert rep.toolkit.version == version
        seen[version] = api
    if model == "yolov8n":  # the version matters (RKN704 is measured to crash 2.5.0 only): the test can fail
        assert seen[VERSIONS[0]] != seen[VERSIONS[1]]


def test_default_version_is_the_installed_one_else_the_newest_measured():
    from rknnlint.config import Config

    ctx = build_context(Config())
    installed = installed_toolkit_version()
    if installed:
        assert (ctx.toolkit.version, ctx.toolkit.origin) == (installed, "installed")
    else:
        assert (ctx.toolkit.version, ctx.toolkit.origin) == (all_measured_versions()[-1], "newest measured")


def test_version_is_in_text_json_and_sarif(tmp_path):
    path = _small(tmp_path)
    code, out, _ = run_cli("check", path, "-q", "--toolkit-version", "2.5.0")
    assert out.rstrip().endswith("rknn-toolkit2 2.5.0 (given; measured tables)")
    code, out, _ = run_cli("check", path, "-f", "sarif", "--toolkit-version", "2.3.2")
    props = json.loads(out)["runs"][0]["properties"]
    assert props["toolkit"]["version"] == "2.3.2"
    code, out, _ = run_cli("check", path, "-f", "json")
    assert json.loads(out)["toolkit"]["version"] == build_context(rknnlint.Config()).toolkit.version
    code, out, _ = run_cli("check", path, "-f", "junit", "--toolkit-version", "2.4.0")  # nobody measured 2.4.0
    assert '<property name="rknn-toolkit2" value="rknn-toolkit2 2.4.0 (given; no op tables measured' in out


def test_context_is_frozen_and_per_path_config_gets_its_own(tmp_path):
    from dataclasses import FrozenInstanceError

    from rknnlint.config import Config

    ctx = build_context(Config(target="rk3588"))
    with pytest.raises(FrozenInstanceError):
        ctx.dtype = "int8"
    assert ctx.for_config(Config(target="rk3588")) is ctx
    other = ctx.for_config(Config(target="rv1106", dtype="int8"))
    assert other.target_names == ["rv1106"] and other.dtype == "int8"
    assert other.toolkit == ctx.toolkit


def test_without_an_installed_toolkit_the_newest_measured_version_is_used(tmp_path, monkeypatch):
    import shutil

    from rknnlint import platforms

    rules = tmp_path / "rules"
    shutil.copytree(rules_dir(), rules)
    newest = max(all_measured_versions(), key=lambda v: [int(x) for x in v.split(".")])
    bumped = newest.rsplit(".", 1)[0] + "." + str(int(newest.rsplit(".", 1)[1]) + 90)  # e.g. 2.5.90
    shutil.copy(rules / "measured" / f"rk3588-{newest}.yaml", rules / "measured" / f"rk3588-{bumped}.yaml")
    monkeypatch.setenv("RKNNLINT_RULES_DIR", str(rules))
    monkeypatch.setattr(platforms, "installed_toolkit_version_cached", lambda: None)
    assert platforms.all_measured_versions(rules)[-1] == bumped
    code, out, _ = run_cli("check", _small(tmp_path), "-f", "json")
    assert json.loads(out)["toolkit"] == {"version": bumped, "origin": "newest measured", "measured": True}
    assert rknnlint.check(_small(tmp_path)).toolkit.version == bumped


def test_fix_json_says_which_toolkit_version(tmp_path):
    code, out, err = run_cli("fix", _small(tmp_path), "--dry-run", "-f", "json", "--toolkit-version", "2.3.2")
    assert json.loads(out)["toolkit"] == {"version": "2.3.2", "origin": "given",
                                          "measured": has_measured(rules_dir(), "rk3588", "2.3.2")}, err
    code, out, err = run_cli("fix", _small(tmp_path), "--dry-run", "--toolkit-version", "2.5.0")
    assert out.splitlines()[-1] == "findings for rknn-toolkit2 2.5.0 (given; measured tables)"
