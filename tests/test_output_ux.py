"""Output people can read and grep (issue 13): full-width piped tables, concise lines, statistics, colour."""
from __future__ import annotations

import json

from conftest import run_cli, shared_model
from rknnlint.rule import all_rules


def test_rules_piped_uses_the_full_width():
    code, out, _ = run_cli("rules")  # stdout is not a terminal here, as with `rknnlint rules | cat`
    assert code == 0 and "…" not in out
    lines = out.splitlines()
    assert len(lines) == 1 + len(all_rules()) and max(map(len, lines)) > 80
    for line, (c, r) in zip(lines[1:], all_rules().items()):
        assert line.startswith(c) and f" {r.name} " in line and line.endswith(r.title()), line
        assert line == line.rstrip()


YOLO = shared_model("det_yolov8n_nc20_256_op12.onnx")


def test_concise_puts_the_path_on_every_finding_line():
    code, out, _ = run_cli("check", YOLO, "--format", "concise")
    lines = out.splitlines()
    assert code == 1 and lines[-1].startswith("FAIL 1 model: ")
    rkn704 = [ln for ln in lines if " RKN704 " in ln]  # what `grep RKN704` gives
    assert rkn704 == [ln for ln in lines if "RKN704" in ln] and len(rkn704) == 1
    assert rkn704[0].startswith(f'{YOLO}:graph:node[222](Conv, "/model.22/dfl/conv/Conv"): RKN704 error ')
    assert all(ln.startswith(f"{YOLO}:") for ln in lines[:-1])
    assert "\x1b[" not in out  # not a terminal: no colour codes


def test_same_finding_on_several_targets_is_one_line_naming_them():
    code, out, _ = run_cli("check", YOLO, "--target", "rk3588,rk3576", "--format", "concise")
    rkn704 = [ln for ln in out.splitlines() if " RKN704 " in ln]
    assert len(rkn704) == 1 and rkn704[0].endswith("[rk3588, rk3576] [fix: unsafe]")
    code, text, _ = run_cli("check", YOLO, "--target", "rk3588,rk3576")
    assert [ln for ln in text.splitlines() if " RKN704 " in ln][0].startswith("  error   RKN704 rk3588, rk3576 graph:")
    per_target = [ln for ln in out.splitlines() if " RKN901 " in ln]
    assert per_target and all("rk3588" in ln for ln in per_target)  # not merged: different message per target


def test_a_long_list_is_said_once_and_short():
    code, out, _ = run_cli("check", YOLO)
    lines = out.splitlines()
    assert max(map(len, lines)) < 500, max(lines, key=len)
    head = [ln for ln in lines if any(f" {c} " in ln for c in ("RKN402", "RKN403", "RKN404", "RKN704"))]
    assert len(head) == 4
    assert sum("'/model.22/cv2.0/cv2.0.2/Conv_output_0' [1,64,32,32]" in ln for ln in head) == 1
    assert sum("(as listed for RKN704 above)" in ln for ln in head) == 3 and "and 3 more" in head[0]
    assert all(ln.endswith(" [fix: unsafe]") for ln in head)  # the fix marker is shown, not taken for markup
    code, verbose, _ = run_cli("check", YOLO, "--verbose")
    assert "'/model.22/cv3.2/cv3.2.2/Conv_output_0' [1,20,8,8]" in verbose  # --verbose keeps every item


def test_statistics_and_exit_zero():
    code, out, _ = run_cli("check", YOLO, "--statistics")
    lines = out.splitlines()
    assert code == 1 and lines[-1].startswith("FAIL 1 model")
    rows = {ln.split()[1]: int(ln.split()[0]) for ln in lines[:-1]}
    code, js, _ = run_cli("check", YOLO, "--format", "json")
    from collections import Counter

    assert rows == Counter(f["code"] for m in json.loads(js)["models"] for f in m["findings"])
    assert "RKN704  dfl-conv-rs-split" in out and "[fix: unsafe]" in out
    assert run_cli("check", YOLO, "--exit-zero", "-q")[0] == 0
    assert run_cli("check", YOLO, "--exit-zero", "--format", "json")[0] == 0
    assert run_cli("check", "/nonexistent.onnx", "--exit-zero")[0] == 2  # an unreadable model is not a finding


def test_color_option_and_environment(monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    assert "\x1b[" in run_cli("check", YOLO, "--color", "always")[1]
    assert "\x1b[" in run_cli("check", YOLO, "--color", "always", "-f", "concise")[1]
    assert "\x1b[" not in run_cli("check", YOLO)[1]  # auto, piped
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert "\x1b[" in run_cli("check", YOLO)[1]
    assert "\x1b[" not in run_cli("check", YOLO, "--color", "never")[1]
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in run_cli("check", YOLO)[1]
    assert "\x1b[" in run_cli("check", YOLO, "--color", "always")[1]
