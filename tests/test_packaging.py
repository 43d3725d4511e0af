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


def _documented_wheel_command() -> list[str]:
    """The wheel-building line of docs/getting-started.md, as the user types it."""
    text = (ROOT / "docs" / "getting-started.md").read_text()
    (line,) = [x.split("#", 1)[0].split() for x in text.splitlines() if x.startswith("pip wheel ")]
    return line


def test_documented_wheel_installs_into_a_fresh_venv_and_checks(tmp_path):
    """docs/getting-started.md's wheel path and the CI templates' `pip install "$RKNNLINT"` with a wheel:
    build with the documented command, install into a new virtual environment (offline: --no-deps
    --no-index, the runtime dependencies lent from this environment behind the venv's own packages), then
    check fixtures with the venv's `rknnlint`: exit codes, findings, and the platform tables from the wheel."""
    import os
    import site

    from conftest import shared_model

    cmd = _documented_wheel_command()
    assert cmd[:2] == ["pip", "wheel"] and "dist" in cmd
    build = subprocess.run([sys.executable, "-m", *cmd], cwd=ROOT, capture_output=True, text=True, timeout=600,
                           env={**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1"})
    assert build.returncode == 0, build.stderr
    (whl,) = sorted((ROOT / "dist").glob("rknnlint-*.whl"), key=lambda p: p.stat().st_mtime)[-1:]
    wf = (ROOT / "docs" / "ci.md").read_text()
    assert '- run: pip install "$RKNNLINT"' in wf and '- pip install "$RKNNLINT"' in wf

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    py = venv / "bin" / "python"
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}
    env.update(RKNNLINT=str(whl), PIP_DISABLE_PIP_VERSION_CHECK="1", NO_COLOR="1")
    r = subprocess.run(["bash", "-c", f'"{py}" -m pip install --no-deps --no-index "$RKNNLINT"'], env=env,
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    site_dir = Path(subprocess.run([str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                                   capture_output=True, text=True, check=True).stdout.strip())
    # onnx, numpy, protobuf, rich, pyyaml from here; a plain path line, so this environment's editable
    # rknnlint (a .pth in that folder) is not processed and the venv's own rknnlint comes first
    (site_dir / "zz_runtime_deps.pth").write_text("\n".join(site.getsitepackages()) + "\n")

    where = subprocess.run([str(py), "-c", "import rknnlint, rknnlint.platforms as p; print(rknnlint.__file__); "
                            "print(p.rules_dir()); print(sorted(p.families()))"],
                           cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert where.returncode == 0, where.stderr
    module, rules, families = where.stdout.splitlines()
    assert Path(module).is_relative_to(venv) and Path(rules) == site_dir / "rknnlint" / "_platform_rules"
    assert all(f"'{f}'" in families for f in ("rk3588", "rk3566", "rk2118", "rv1106b"))

    exe = venv / "bin" / "rknnlint"
    bad = subprocess.run([str(exe), "check", str(shared_model("misc_resize_cubic_op13.onnx"))], cwd=tmp_path, env=env,
                         capture_output=True, text=True, timeout=300)
    assert bad.returncode == 1 and "RKN701" in bad.stdout and "Traceback" not in bad.stderr, bad.stdout + bad.stderr
    good = subprocess.run([str(exe), "check", str(shared_model("cls_shufflenet_v2_x1_0_op13.onnx")), "--target", "rk3588"],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert good.returncode == 0, good.stdout + good.stderr
    assert subprocess.run([str(exe), "explain", "RKN101"], env=env, capture_output=True, timeout=120).returncode == 0
