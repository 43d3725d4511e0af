"""`rknnlint build` with the REAL rknn-toolkit2 on real models (each build is a child process, a few seconds)."""
from __future__ import annotations

import os

import pytest

from conftest import run_cli, shared_model
from json_schemas import validate

pytestmark = pytest.mark.toolkit

# What rknn-toolkit2 2.5.0 does with each fixture model, rk3588 fp16 (fixtures/README.md, re-measured).
EXPECTED = {
    "cls_mnasnet0_5_op13_dynbatch.onnx": ("failed", "RKN101", []),
    "cls_shufflenet_v2_x1_0_op13.onnx": ("built", None, []),
    "cls_squeezenet1_1_fp16_op13.onnx": ("built", None, []),
    "cls_squeezenet1_1_op21_dynamo.onnx": ("failed", "RKN201", []),
    "cls_tiny_vit_5d_op14.onnx": ("built", None, ["Reshape"]),
    "det_tiny_topk_nms_op11.onnx": ("failed", "RKN301", []),
    "det_yolov5style_nc20_320_op12.onnx": ("built", None, ["Reshape"]),
    "det_yolov8n_nc20_256_op12.onnx": ("failed", "RKN704", []),
    "misc_layernorm_noeps_op17.onnx": ("failed", "RKN702", []),
    "misc_resize_cubic_op13.onnx": ("crashed", "RKN091", []),
    "seg_tiny_unet_extdata_op13.onnx": ("built", None, ["Resize"]),
    "seg_tiny_unet_odd_channels_op13.onnx": ("built", None, ["Resize"]),
    "seq_gru2x96_op12.onnx": ("built", None, ["Reshape"]),
    "seq_transformer_encoder_dynseq_op17.onnx": ("failed", "RKN101", []),
}


def test_toolkit_tests_run_for_real_where_required():
    """scripts/test.sh (the CI's test command) sets RKNNLINT_REQUIRE_TOOLKIT=1: there a missing or broken
    rknn-toolkit2 fails the suite instead of skipping every test below."""
    import subprocess
    import sys

    if os.environ.get("RKNNLINT_REQUIRE_TOOLKIT") != "1":
        pytest.skip("RKNNLINT_REQUIRE_TOOLKIT is not set (scripts/test.sh sets it)")
    p = subprocess.run([sys.executable, "-c", "from rknn.api import RKNN"], capture_output=True, text=True, timeout=300)
    assert p.returncode == 0, "rknn-toolkit2 cannot be imported: " + (p.stderr.strip().splitlines() or ["?"])[-1]


@pytest.fixture(scope="module")
def no_stray_tmp(tmp_path_factory):
    pytest.importorskip("rknn.api")
    d = tmp_path_factory.mktemp("tmpdir")
    old = os.environ.get("TMPDIR")
    os.environ["TMPDIR"] = str(d)
    import tempfile

    tempfile.tempdir = None
    yield d
    if old is None:
        os.environ.pop("TMPDIR", None)
    else:
        os.environ["TMPDIR"] = old
    tempfile.tempdir = None


def _json(out: str) -> list[dict]:
    return validate(out, "build")["builds"]


def test_builds_places_compares_exports(tmp_path, no_stray_tmp):
    rknn = tmp_path / "out" / "gru.rknn"
    code, out, err = run_cli("build", shared_model("seq_gru2x96_op12.onnx"), "--compare", "--export", rknn,
                             "--format", "json", "--out-dir", tmp_path / "rep")
    assert code == 0, err
    (b,) = _json(out)
    assert b["status"] == "built" and b["target"] == "rk3588" and b["dtype"] == "fp16"
    ops = [lay["op_type"] for lay in b["layers"]]
    assert ops[0] == "InputOperator" and ops[-1] == "OutputOperator" and "exGRU" in ops
    cpu = [lay for lay in b["layers"] if lay["target"] == "CPU" and "Operator" not in lay["op_type"]]
    assert [lay["op_type"] for lay in cpu] == ["Reshape"] and cpu[0]["onnx_nodes"] == ["/o/Add"]
    s = b["summary"]
    assert s["cpu_ops"] == {"Reshape": 1} and 0.8 < s["npu_coverage"] < 1.0
    assert [f["code"] for f in b["findings"]] == ["RKN092"]
    (o,) = b["compare"]["outputs"]
    assert o["output"] == "out" and o["verdict"] == "match" and o["cosine"] > 0.9999 and o["max_abs_err"] < 0.01
    assert rknn.is_file() and rknn.stat().st_size > 1000 and not list(rknn.parent.glob("*.part"))
    assert os.path.isfile(b["log"]) and "Network Layer Information Table" in open(b["log"]).read()
    assert (tmp_path / "rep" / "seq_gru2x96_op12.rk3588.fp16.json").is_file()
    assert os.listdir(no_stray_tmp) == []  # the child's work folder is gone, the log went to --out-dir


def test_mean_std_layout_and_fp16_warning(no_stray_tmp):
    code, out, err = run_cli("build", shared_model("cls_squeezenet1_1_fp16_op13.onnx"), "--compare", "--mean", "0,0,0",
                             "--std", "255,255,255", "--format", "json", "--no-static")
    assert code == 0, err
    (b,) = _json(out)
    assert b["compare"]["ran"] and all(o["cosine"] > 0.999 for o in b["compare"]["outputs"])
    warn = [f for f in b["findings"] if f["code"] == "RKN093"]
    assert len(warn) == 1 and "float16/float64" in warn[0]["message"]
    for leftover in os.listdir(no_stray_tmp):  # only the kept log
        assert leftover.endswith(".log")


def test_load_failure_opset21():
    code, out, _ = run_cli("build", shared_model("cls_squeezenet1_1_op21_dynamo.onnx"), "--format", "json", "--no-static")
    assert code == 1
    (b,) = _json(out)
    assert b["status"] == "failed" and "opset 21" in b["error"]
    assert [f["code"] for f in b["findings"]] == ["RKN201"]


def test_build_failure_nms_names_op_and_node():
    code, out, _ = run_cli("build", shared_model("det_tiny_topk_nms_op11.onnx"), "--no-static")
    assert code == 1
    assert "RKN301 error" in out and "NonMaxSuppression 'nms'" in out


def test_compiler_segfault_is_a_finding():
    code, out, _ = run_cli("build", shared_model("misc_resize_cubic_op13.onnx"), "--format", "json", "--no-static")
    assert code == 1
    (b,) = _json(out)
    assert b["status"] == "crashed"
    (f,) = b["findings"]
    assert f["code"] == "RKN091" and f["data"]["signal"] == 11 and f["data"]["last_lines"]


def test_known_crash_workaround_is_diagnosed_and_applied():
    code, out, _ = run_cli("build", shared_model("det_yolov8n_nc20_256_op12.onnx"), "--format", "json", "--no-static",
                           "--apply-workarounds")
    assert code == 0
    (b,) = _json(out)
    assert b["status"] == "built" and b["disable_rules"] == ["seperate_conv_rs_split"]
    assert all(o["cosine"] > 0.999 for o in b["compare"]["outputs"])
    before = b["as_exported"]
    assert before["status"] == "failed" and [f["code"] for f in before["findings"]] == ["RKN704", "RKN095"]
    assert before["findings"][1]["data"]["agrees"] is True


def test_timeout_kills_the_child(tmp_path):
    code, out, err = run_cli("build", shared_model("cls_shufflenet_v2_x1_0_op13.onnx"), "--timeout", "1.5", "--no-static",
                             "--out-dir", tmp_path)
    assert code == 1
    assert "timed out after 1.5 s" in out
    assert err.strip().splitlines()[-1].startswith("rknnlint: error: cls_shufflenet_v2_x1_0_op13.onnx: build timed out")


def test_check_build_static_first_then_build():
    code, out, _ = run_cli("check", "--build", shared_model("cls_squeezenet1_1_op21_dynamo.onnx"))
    assert code == 1
    static_at = out.find("RKN201")
    build_at = out.find("load_onnx refused opset 21")
    assert 0 <= static_at < build_at


def test_every_shared_model_rk3588_fp16(tmp_path):
    """Every shared model builds as measured, and the static rules agree with the build: no disagreement at all."""
    folder = shared_model("seq_gru2x96_op12.onnx").parent
    for name in EXPECTED:
        shared_model(name)  # the five written from skeletons (git-ignored, so a folder walk would skip them)
    code, out, err = run_cli("build", *sorted(folder.glob("*.onnx")), "--jobs", "2", "--format", "json",
                             "--out-dir", tmp_path)
    assert code == 1  # some models fail as exported
    got = {os.path.basename(b["model"]): b for b in _json(out)}
    assert set(got) == set(EXPECTED)
    for name, (status, code_, cpu) in EXPECTED.items():
        b = got[name]
        assert b["status"] == status, (name, b["error"])
        if code_:
            assert b["findings"][0]["code"] == code_, name
        assert sorted(b["summary"]["cpu_ops"]) == cpu, name
        assert b["static_vs_build"] == [], name  # each CPU layer named by a finding on its node or output value
    assert len(list(tmp_path.glob("*.json"))) == len(EXPECTED)


def _procs_mentioning(text: str) -> list[int]:
    pids = []
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                with open(f"/proc/{d}/cmdline", "rb") as f:
                    if text.encode() in f.read():
                        pids.append(int(d))
            except OSError:
                pass
    return pids


@pytest.mark.parametrize("sig", ["SIGTERM", "SIGKILL"])
def test_killed_rknnlint_leaves_no_build_child(tmp_path, sig):
    import signal
    import subprocess
    import sys
    import time

    pytest.importorskip("rknn.api")
    tmpdir = tmp_path / "tmp"
    tmpdir.mkdir()
    p = subprocess.Popen([sys.executable, "-m", "rknnlint", "build", str(shared_model("cls_shufflenet_v2_x1_0_op13.onnx")),
                          "--no-static"], env={**os.environ, "TMPDIR": str(tmpdir)},
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while not _procs_mentioning(str(tmpdir)) or len(_procs_mentioning(str(tmpdir))) < 1:
        assert time.monotonic() < deadline, "the build child never started"
        time.sleep(0.1)
    time.sleep(1.0)
    p.send_signal(getattr(signal, sig))
    p.wait(timeout=30)
    deadline = time.monotonic() + 10
    while _procs_mentioning(str(tmpdir)) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert _procs_mentioning(str(tmpdir)) == []
    if sig == "SIGTERM":  # a clean unwind also removes the child's work folder
        assert [x for x in os.listdir(tmpdir) if x.startswith("rknnlint-build-")] == []


def test_folder_build_reports_unreadable_models_as_check_does(tmp_path, no_stray_tmp):
    """An empty .onnx in a folder: check's one line and exit 2, never a toolkit build (issue 13)."""
    from onnx import helper

    from conftest import make_model, save

    save(make_model([helper.make_node("Relu", ["x"], ["y"], name="r")], [("x", [1, 3, 8, 8])], [("y", [1, 3, 8, 8])]),
         tmp_path, "good.onnx")
    (tmp_path / "empty.onnx").write_bytes(b"")
    code, out, err = run_cli("build", tmp_path, "--format", "json", "--no-static")
    assert code == 2, err
    doc = validate(out, "build")
    assert [b["status"] for b in doc["builds"]] == ["built"] and doc["exit_code"] == 2
    assert doc["unreadable"] == [{"path": str(tmp_path / "empty.onnx"),
                                  "error": f"{tmp_path / 'empty.onnx'}: empty file, not an ONNX model"}]
    assert f"rknnlint: error: {tmp_path / 'empty.onnx'}: empty file, not an ONNX model" in err
    code, _, err = run_cli("build", tmp_path / "empty.onnx")
    assert code == 2 and err.strip() == f"rknnlint: error: {tmp_path / 'empty.onnx'}: empty file, not an ONNX model"


def test_single_build_shows_the_toolkit_stage_on_a_terminal(tmp_path, no_stray_tmp):
    """stderr a terminal: a spinner naming the model and the stage (issue 13); piped: nothing."""
    import pty
    import subprocess
    import sys

    from onnx import helper

    from conftest import make_model, save

    m = save(make_model([helper.make_node("Relu", ["x"], ["y"], name="r")], [("x", [1, 3, 8, 8])], [("y", [1, 3, 8, 8])]),
             tmp_path, "tiny.onnx")
    master, slave = pty.openpty()
    env = {**os.environ, "TERM": "xterm", "COLUMNS": "200"}
    p = subprocess.Popen([sys.executable, "-m", "rknnlint", "build", str(m), "--no-static", "--no-cache"],
                         stdout=subprocess.PIPE, stderr=slave, env=env)
    os.close(slave)
    chunks = []
    while True:
        try:
            b = os.read(master, 4096)
        except OSError:
            break
        if not b:
            break
        chunks.append(b)
    out, _ = p.communicate(timeout=300)
    os.close(master)
    err = b"".join(chunks).decode(errors="replace")
    assert p.returncode == 0, err
    from rknnlint._progress import STAGES

    assert "building tiny.onnx (rk3588 fp16): importing rknn-toolkit2, 0 s" in err  # then the stages it reaches
    assert all(s.split(":", 1)[1].split(",")[0].strip() in STAGES.values()
               for s in err.split("building tiny.onnx (rk3588 fp16)")[1:] if s.startswith(":"))
    assert b"built in" in out and b"\x1b[" not in out
    code, _, err = run_cli("build", m, "--no-static", "--no-cache")  # not a terminal: no progress
    assert code == 0 and "building tiny.onnx" not in err
