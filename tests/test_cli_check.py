"""`rknnlint check` on the terminal: compact default, --verbose, --quiet, colours, progress, summary
table, per-path configuration, exit codes."""
from __future__ import annotations

import io
import os
import pty
import shutil
import subprocess
import sys

import pytest

import rknnlint
from conftest import run_cli, shared_model
from json_schemas import validate

CUBIC = shared_model("misc_resize_cubic_op13.onnx")
CLEAN = shared_model("cls_shufflenet_v2_x1_0_op13.onnx")
YOLO = shared_model("det_yolov8n_nc20_256_op12.onnx")


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def _render(report, stream, **kw):
    from rknnlint.formatters import text_format

    text_format.render(report, stream, **kw)
    return stream.getvalue()


def test_colour_only_on_a_terminal_and_no_color(monkeypatch):
    rep = rknnlint.check(CUBIC)
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert "\x1b[" in _render(rep, _Tty())
    assert "\x1b[" not in _render(rep, io.StringIO())
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in _render(rep, _Tty())


def test_compact_default_verbose_and_quiet():
    code, out, _ = run_cli("check", YOLO)
    assert code == 1
    assert "RKN704" in out and "... and" in out and "more (--verbose shows all)" in out
    assert "why:" not in out
    n_default = len(out.splitlines())
    code_v, out_v, _ = run_cli("check", YOLO, "--verbose")
    assert code_v == 1 and "... and" not in out_v
    assert "why: rknn-toolkit2 2.5.0 fails" in out_v or out_v.count("why:") >= 3
    codes = {f.code for f in rknnlint.check(YOLO).findings}
    assert out_v.count("why:") <= len(codes)  # a rule's why once, not beside each of its findings
    assert len(out_v.splitlines()) > n_default
    rep = rknnlint.check(YOLO)
    assert out_v.count(" RKN901 ") == sum(1 for f in rep.findings if f.code == "RKN901")
    code_q, out_q, _ = run_cli("check", YOLO, "--quiet")
    assert code_q == 1 and out_q.splitlines() == [out_q.strip()]
    assert out_q.startswith("FAIL 1 model: 1 error(s)")


def test_summary_table_for_several_models():
    code, out, _ = run_cli("check", CUBIC, CLEAN)
    assert code == 1
    assert "summary" in out
    row = [x for x in out.splitlines() if "misc_resize_cubic_op13.onnx" in x and "s" in x.split()[-1]][-1]
    assert row.split()[1:4] == ["1", "0", "2"]
    assert "FAIL 2 models" in out
    _, single, _ = run_cli("check", CLEAN)
    assert "summary" not in single and "OK 1 model" in single


def test_fail_on_levels():
    assert run_cli("check", CLEAN)[0] == 0
    assert run_cli("check", CLEAN, "--fail-on", "info")[0] == (1 if rknnlint.check(CLEAN).findings else 0)
    assert run_cli("check", CUBIC, "--fail-on", "error", "--select", "RKN901")[0] == 0
    assert run_cli("check", CUBIC, "--fail-on", "info", "--select", "RKN901")[0] == 1


def test_per_path_targets(tmp_path, monkeypatch):
    (tmp_path / "models" / "cam").mkdir(parents=True)
    (tmp_path / "models" / "box").mkdir(parents=True)
    shutil.copy(CLEAN, tmp_path / "models" / "cam" / "a.onnx")
    shutil.copy(CLEAN, tmp_path / "models" / "box" / "b.onnx")
    (tmp_path / "pyproject.toml").write_text(
        '[tool.rknnlint]\ntarget = "rk3588"\n\n[tool.rknnlint.per-path."models/cam/*.onnx"]\ntarget = "rv1106"\n')
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    code, out, _ = run_cli("check", "models", "-f", "json")

    rep = validate(out, "check")
    targets = {m["path"].split("/")[-1]: m["targets"] for m in rep["models"]}
    assert targets == {"a.onnx": ["rv1106"], "b.onnx": ["rk3588"]}
    # rv1106 has no float build: the camera model fails, the box model does not
    codes = {m["path"].split("/")[-1]: {f["code"] for f in m["findings"] if f["severity"] == "error"} for m in rep["models"]}
    assert codes == {"a.onnx": {"RKN903"}, "b.onnx": set()} and code == 1
    # --dtype int8 on the command line makes the rv1106 model build
    assert run_cli("check", "models", "--dtype", "int8")[0] == 0


def test_progress_on_a_tty_only(tmp_path):
    for i in range(6):
        shutil.copy(CLEAN, tmp_path / f"m{i}.onnx")
    env = {**os.environ, "NO_COLOR": "1"}
    r = subprocess.run([sys.executable, "-m", "rknnlint", "check", str(tmp_path), "-q"], capture_output=True, text=True, env=env)
    assert r.returncode == 0 and "checked" not in r.stderr
    master, slave = pty.openpty()
    try:
        p = subprocess.run([sys.executable, "-m", "rknnlint", "check", str(tmp_path)], stdout=subprocess.PIPE,
                           stderr=slave, env=env, timeout=300)
        os.close(slave)
        slave = -1
        err = b""
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            if not chunk:
                break
            err += chunk
    finally:
        os.close(master)
        if slave >= 0:
            os.close(slave)
    assert p.returncode == 0
    assert b"checked 6/6 models" in err
    assert b"checked" not in p.stdout


def test_text_formatter_imports_no_rich_until_rendering():
    code = ("import sys, rknnlint.formatters.text_format, rknnlint.formatters.sarif_format, "
            "rknnlint.formatters.github_format, rknnlint.formatters.junit_format; "
            "print(any(m == 'rich' or m.startswith('rich.') for m in sys.modules))")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert r.stdout.strip() == "False", r.stderr


@pytest.mark.parametrize("args,needle", [
    (("--format", "yaml"), "unknown format 'yaml'"),
    (("--target", "rk9999"), "rk9999"),
    (("--fail-on", "fatal"), "invalid choice"),
])
def test_usage_errors_exit_2(args, needle):
    r = subprocess.run([sys.executable, "-m", "rknnlint", "check", str(CUBIC), *args], capture_output=True, text=True)
    assert r.returncode == 2 and needle in r.stderr and "Traceback" not in r.stderr
