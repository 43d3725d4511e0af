"""The wheel ships the platform tables (rules/*.yaml) and works from an unpacked wheel."""
from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    p = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)],
                       capture_output=True, text=True, timeout=600)
    assert p.returncode == 0, p.stderr
    (whl,) = out.glob("rknnlint-*.whl")
    return whl


def test_wheel_contains_every_platform_table(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    tables = sorted(p.relative_to(ROOT / "rules").as_posix() for p in (ROOT / "rules").rglob("*.yaml"))
    assert tables, "no tables under rules/"
    missing = [t for t in tables if f"rknnlint/_platform_rules/{t}" not in names]
    assert not missing, f"wheel lacks {missing}"
    assert "rknnlint/checks/interface/rkn101_dynamic_input_shape.py" in names
    entry_points = zipfile.ZipFile(wheel).read(next(n for n in names if n.endswith("entry_points.txt"))).decode()
    assert "rknnlint = rknnlint.cli:main" in entry_points and "[rknnlint.rules]" in entry_points


def test_unpacked_wheel_loads_its_own_tables(wheel, tmp_path):
    zipfile.ZipFile(wheel).extractall(tmp_path)
    code = ("import rknnlint.platforms as p; d = p.rules_dir(); fam = p.families();"
            "print(d.name, sorted(fam))")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path,
                       env={"PYTHONPATH": str(tmp_path), "PATH": "/usr/bin:/bin"}, timeout=120)
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("_platform_rules ")
    for family in ("rk3588", "rk3566", "rk3576", "rk3562", "rv1106", "rv1106b", "rk2118"):
        assert f"'{family}'" in r.stdout
