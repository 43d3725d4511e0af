"""docs/: generated rule pages are current, every config key is documented, the config examples load,
and the CI recipes run as written."""
from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

from conftest import load_script, shared_model
from json_schemas import validate_sarif

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
BIN = Path(sys.executable).parent


def _gen():
    return load_script("scripts/gen_rule_docs.py")


def test_generated_rule_docs_are_current():
    gen = _gen()
    bad = gen.stale(gen.generate())
    assert not bad, ("generated docs are stale: " + ", ".join(bad)
                     + ". Regenerate with: python scripts/gen_rule_docs.py")


def test_every_rule_has_a_page_with_its_sections():
    from rknnlint.rule import all_rules

    index = (DOCS / "rules" / "README.md").read_text()
    for code, rule in all_rules().items():
        page = (DOCS / "rules" / f"{code}.md").read_text()
        assert page.splitlines()[2] == f"# {code} {rule.name}"
        assert "## Why the NPU cares" in page and "## How to fix" in page
        assert f"[{code}]({code}.md)" in index


def test_errors_page_links_only_existing_rules():
    from rknnlint.rule import all_rules

    text = (DOCS / "errors.md").read_text()
    linked = set(re.findall(r"\(rules/(RKN\d{3})\.md\)", text))
    assert linked and linked <= set(all_rules())
    assert "KeyError: 'LayerNormalization'" in text and "RKN702 layernorm-no-epsilon" in text


def test_every_config_key_is_documented():
    from rknnlint.config import KEYS

    text = (DOCS / "configuration.md").read_text()
    rows = set(re.findall(r"^\| `([a-z-]+)` \|", text, re.M))
    assert rows == set(KEYS), f"documented {sorted(rows)} vs config.KEYS {sorted(KEYS)}"


def _blocks(md: str, lang: str) -> list[str]:
    return re.findall(rf"^```{lang}\n(.*?)^```", md, re.M | re.S)


def test_configuration_examples_load(tmp_path):
    from rknnlint.config import load_config

    text = (DOCS / "configuration.md").read_text()
    toml = _blocks(text, "toml")[0]
    (tmp_path / "pyproject.toml").write_text(toml)
    cfg = load_config(str(tmp_path / "pyproject.toml"))
    assert cfg.target == "rk3588" and cfg.ignore == ("RKN910",)
    cam = cfg.for_path(str(tmp_path / "models/camera/front.onnx"))  # globs are relative to the config file
    assert (cam.target, cam.dtype) == ("rv1106", "int8")
    assert cfg.for_path(str(tmp_path / "models/detector.onnx")).input_shapes == {"images": (1, 3, 640, 640)}
    y = _blocks(text, "yaml")[0]
    (tmp_path / "rknnlint.yaml").write_text(y)
    assert load_config(str(tmp_path / "rknnlint.yaml")).for_path(str(tmp_path / "models/camera/x.onnx")).target == "rv1106"


def _workflow() -> dict:
    text = (DOCS / "ci.md").read_text()
    block = text.split("<!-- ci-workflow: github -->", 1)[1]
    return yaml.safe_load(_blocks(block, "yaml")[0])


def _workflow_steps() -> list[str]:
    return [s["run"] for s in _workflow()["jobs"]["rknnlint"]["steps"] if "run" in s]


def _run(cmd: str, cwd: Path) -> subprocess.CompletedProcess:
    argv = shlex.split(cmd)
    if argv[0] == "rknnlint":
        argv[0] = str(BIN / "rknnlint")
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run(argv, cwd=cwd, capture_output=True, text=True, env=env, timeout=300)


def _fresh_repo(tmp_path: Path, model: str) -> Path:
    repo = tmp_path / "repo"
    (repo / "models").mkdir(parents=True)
    shutil.copy(shared_model(model), repo / "models" / "net.onnx")
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    return repo


@pytest.mark.parametrize("model,expect", [("cls_shufflenet_v2_x1_0_op13.onnx", 0), ("misc_resize_cubic_op13.onnx", 1)])
def test_github_workflow_runs_as_written(tmp_path, model, expect):
    steps = _workflow_steps()
    # rknnlint is not on PyPI: the template installs from $RKNNLINT, a git URL or a wheel (tests/test_packaging.py
    # runs that step with a wheel); installed here already, the rest runs as written
    assert steps[0] == 'pip install "$RKNNLINT"' and _workflow()["env"]["RKNNLINT"].startswith("git+https://")
    repo = _fresh_repo(tmp_path, model)
    results = [_run(cmd, repo) for cmd in steps[1:]]
    for r in results:
        assert "Traceback" not in r.stderr
        assert r.returncode == expect, (r.args, r.stdout, r.stderr)
    sarif = json.loads((repo / "rknnlint.sarif").read_text())
    validate_sarif(sarif)
    ids = {r["ruleId"] for r in sarif["runs"][0]["results"]}
    if expect:
        assert "RKN701" in ids
        assert any(line.startswith("::error file=models/net.onnx") or line.startswith("::error file=./models/net.onnx")
                   for line in results[1].stdout.splitlines()), results[1].stdout
    else:
        assert not any(x["level"] == "error" for x in sarif["runs"][0]["results"])


def test_gitlab_recipe_writes_junit(tmp_path):
    text = (DOCS / "ci.md").read_text()
    gl = yaml.safe_load(text.split("## GitLab CI", 1)[1].split("```yaml\n", 1)[1].split("```", 1)[0])
    script = gl["rknnlint"]["script"]
    assert script[0] == 'pip install "$RKNNLINT"' and gl["rknnlint"]["variables"]["RKNNLINT"].startswith("git+https://")
    repo = _fresh_repo(tmp_path, "misc_resize_cubic_op13.onnx")
    r = _run(script[1], repo)
    assert r.returncode == 1
    root = ET.parse(repo / gl["rknnlint"]["artifacts"]["reports"]["junit"]).getroot()
    assert root.get("failures") == "1"


def test_no_install_command_names_a_package_that_is_not_published():
    """`pip install rknnlint` installs nothing of ours: every pip line in README/docs installs from a git URL,
    a wheel or the checkout."""
    bad = []
    for page in [ROOT / "README.md", *sorted(DOCS.rglob("*.md"))]:
        for i, line in enumerate(page.read_text().splitlines(), 1):
            for m in re.finditer(r"pip install ((?:-\S+ )*)(['\"]?)(rknnlint(?:\[[\w,]+\])?)\2(?=[\s`]|$)", line):
                if "@" not in line[m.end():m.end() + 3] and not re.search(r"\bnot\b", line):  # "... does not install it"
                    bad.append(f"{page.relative_to(ROOT)}:{i}: {line.strip()}")
    assert not bad, "install commands for a package that is not on PyPI:\n" + "\n".join(bad)


def test_docs_links_resolve():
    for page in DOCS.glob("*.md"):
        for target in re.findall(r"\]\(([^)#:]+\.md)\)", page.read_text()):
            if target in ("fixing.md", "build.md"):  # written by the fix / build owners
                continue
            assert (page.parent / target).is_file(), f"{page.name} links to missing {target}"
