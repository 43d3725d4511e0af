"""Where builds run: the local pool, the build cache, and a real local Ray cluster (a head and a second node
process on the loopback address, started by the test). The toolkit builds are real rknn-toolkit2 builds."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from conftest import conv_weight, init, make_model, run_cli, run_cli_process, save, shared_model

pytestmark = pytest.mark.toolkit


def _conv_model(tmp_path: Path, name: str, cout: int = 8, seed: int = 0) -> Path:
    from onnx import helper

    m = make_model([helper.make_node("Conv", ["x", "w"], ["y"], name="conv", pads=[1, 1, 1, 1]),
                    helper.make_node("Relu", ["y"], ["out"], name="relu")],
                   [("x", [1, 3, 32, 32])], [("out", [1, cout, 32, 32])], [init("w", conv_weight(cout, 3, seed=seed))])
    return save(m, tmp_path, name)


def _stable(doc: dict) -> list[dict]:
    """The report without what differs between two runs of the same builds (timings, temp log names)."""
    out = []
    for b in doc["builds"]:
        b = json.loads(json.dumps(b))
        for k in ("seconds", "log", "cached"):
            b.pop(k, None)
        for f in b.get("findings", []):
            f.get("data", {}).pop("log", None)
        out.append(b)
    return out


def test_address_without_ray_is_a_usage_error(tmp_path):
    code, _, err = run_cli("build", str(_conv_model(tmp_path, "a.onnx")), "--address", "127.0.0.1:1")
    assert code == 2
    assert err.strip().splitlines() == ["rknnlint: error: --address is for --executor ray"]


def test_build_cache_rebuilds_only_what_changed(tmp_path, monkeypatch):
    monkeypatch.delenv("RKNNLINT_NO_BUILD_CACHE", raising=False)
    monkeypatch.setenv("RKNNLINT_CACHE_DIR", str(tmp_path / "cache"))
    models = tmp_path / "models"
    models.mkdir()
    a = _conv_model(models, "a.onnx")
    _conv_model(models, "b.onnx", cout=16, seed=1)

    def build(*extra):
        t0 = time.monotonic()
        p = run_cli_process("build", str(models), "--jobs", "2", "--format", "json", *extra)
        assert p.returncode == 0, p.stderr
        return json.loads(p.stdout), time.monotonic() - t0

    first, _ = build()
    assert [x["cached"] for x in first["builds"]] == [False, False]
    second, _ = build()
    assert [x["cached"] for x in second["builds"]] == [True, True]
    assert _stable(second) == _stable(first)
    assert all(Path(x["log"]).is_file() for x in second["builds"])
    # new bytes for one model: only that one is built again; the same bytes under another name are a hit
    _conv_model(models, "b.onnx", cout=16, seed=2)
    os.replace(a, models / "renamed.onnx")
    third, _ = build()
    by_name = {Path(x["model"]).name: x for x in third["builds"]}
    assert by_name["b.onnx"]["cached"] is False
    assert by_name["renamed.onnx"]["cached"] is True
    assert by_name["renamed.onnx"]["model"].endswith("renamed.onnx")
    forced, _ = build("--no-cache")
    assert [x["cached"] for x in forced["builds"]] == [False, False]


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


RAY_ENV = {"RAY_AUTH_MODE": "disabled", "RAY_USAGE_STATS_ENABLED": "0"}  # a throw-away cluster on this machine


@pytest.fixture(scope="module")
def ray_cluster(tmp_path_factory):
    """A real two-node Ray cluster on this machine: `ray start --head` and a second `ray start` (one CPU each),
    started as a user would; the workers import this checkout of rknnlint."""
    pytest.importorskip("ray")
    ray_bin = str(Path(sys.executable).with_name("ray"))
    env = {**os.environ, **RAY_ENV, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    port = _free_port()
    address = f"127.0.0.1:{port}"
    common = ["--num-cpus=1", "--node-ip-address=127.0.0.1", "--disable-usage-stats"]
    try:
        subprocess.run([ray_bin, "start", "--head", f"--port={port}", "--include-dashboard=false", *common],
                       env=env, check=True, capture_output=True, timeout=180)
        subprocess.run([ray_bin, "start", f"--address={address}", *common], env=env, check=True,
                       capture_output=True, timeout=180)
        for _ in range(120):
            st = subprocess.run([ray_bin, "status", f"--address={address}"], env=env, capture_output=True, text=True,
                                timeout=60)
            if "2.0 CPU" in st.stdout:
                break
            time.sleep(1)
        else:
            pytest.fail("the second Ray node did not join: " + st.stdout[-500:])
        yield address
    finally:
        subprocess.run([ray_bin, "stop", "--force"], env=env, capture_output=True, timeout=180)


def _ray_cli(*args: str) -> subprocess.CompletedProcess:
    return run_cli_process(*args, env={**os.environ, **RAY_ENV})


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    """Two models that build and one that segfaults the 2.5.0 compiler (Resize cubic)."""
    d = tmp_path_factory.mktemp("fleet")
    _conv_model(d, "a_conv8.onnx")
    _conv_model(d, "b_conv16.onnx", cout=16, seed=1)
    (d / "c_cubic.onnx").write_bytes(shared_model("misc_resize_cubic_op13.onnx").read_bytes())
    return d


def test_ray_matches_local_pool_and_a_crash_fails_only_its_job(ray_cluster, folder):
    local = run_cli_process("build", str(folder), "--jobs", "2", "--format", "json")
    ray = _ray_cli("build", str(folder), "--executor", "ray", "--address", ray_cluster, "--format", "json")
    assert local.returncode == ray.returncode == 1, (local.stderr, ray.stderr)
    assert "Traceback" not in ray.stderr
    lj, rj = json.loads(local.stdout), json.loads(ray.stdout)
    assert _stable(rj) == _stable(lj)
    status = {Path(b["model"]).name: b["status"] for b in rj["builds"]}
    assert status == {"a_conv8.onnx": "built", "b_conv16.onnx": "built", "c_cubic.onnx": "crashed"}


def test_ray_hanging_build_times_out(ray_cluster):
    # a model whose toolkit child cannot finish in 0.5 s on any machine (importing rknn.api alone takes longer);
    # a one-Conv model with 1 s passed as built once on a fast CI machine
    p = _ray_cli("build", str(shared_model("cls_shufflenet_v2_x1_0_op13.onnx")), "--executor", "ray",
                 "--address", ray_cluster, "--timeout", "0.5", "--no-static", "--format", "json")
    assert p.returncode == 1, (p.stdout[-2000:], p.stderr[-2000:])
    (b,) = json.loads(p.stdout)["builds"]
    assert b["status"] == "timeout" and "timed out after 0.5 s" in b["error"], b


def _kill_worker_of(model_name: str, times: int, stop: threading.Event) -> list[int]:
    """SIGKILL the Ray worker whose toolkit child builds model_name, `times` times (each retry starts a new one)."""
    killed: list[int] = []
    while len(killed) < times and not stop.is_set():
        for pid in os.listdir("/proc"):
            if not pid.isdigit():
                continue
            try:
                cmd = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
                if b"rknnlint.toolkit._child" not in cmd:
                    continue
                job = json.loads(Path(cmd[-2].decode() if not cmd[-1] else cmd[-1].decode()).read_text())
                if not job["model"].endswith(model_name):
                    continue
                ppid = int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
                # the child of a worker killed before stays behind, re-parented (to init or a subreaper): killing its
                # new parent is no kill of a Ray worker, and counting it let the retry build (seen on a fast machine)
                if ppid in killed or b"ray" not in Path(f"/proc/{ppid}/cmdline").read_bytes():
                    continue
                os.kill(ppid, signal.SIGKILL)
                killed.append(ppid)
            except (OSError, ValueError, KeyError, IndexError):
                continue
        time.sleep(0.05)
    return killed


@pytest.mark.parametrize("kills, expect", [(1, "built"), (2, "crashed")])
def test_ray_killed_worker_is_retried_once_then_reported(ray_cluster, folder, kills, expect):
    stop = threading.Event()
    result: list[list[int]] = []
    t = threading.Thread(target=lambda: result.append(_kill_worker_of("b_conv16.onnx", kills, stop)))
    t.start()
    try:
        p = _ray_cli("build", str(folder / "a_conv8.onnx"), str(folder / "b_conv16.onnx"), "--executor", "ray",
                     "--address", ray_cluster, "--format", "json", "--no-cache")
    finally:
        stop.set()
        t.join()
    assert len(result[0]) == kills
    assert "Traceback" not in p.stderr
    assert "rknnlint: ray: A worker died or was killed" in p.stderr
    builds = {Path(b["model"]).name: b for b in json.loads(p.stdout)["builds"]}
    assert builds["a_conv8.onnx"]["status"] == "built"
    assert builds["b_conv16.onnx"]["status"] == expect
    if expect == "crashed":
        assert p.returncode == 1
        assert "died on all 2 tries" in builds["b_conv16.onnx"]["error"]
    else:
        assert p.returncode == 0, p.stderr


def test_ray_missing_is_one_line(tmp_path):
    """Without Ray installed the executor says how to install it (run in a Python that hides the ray package)."""
    code = ("import sys; sys.modules['ray'] = None; from rknnlint.cli import main; "
            f"sys.exit(main(['build', {str(_conv_model(tmp_path, 'a.onnx'))!r}, '--executor', 'ray']))")
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert p.returncode == 2
    assert p.stderr.strip().splitlines() == ["rknnlint: error: Ray is not installed: pip install 'ray>=2.9' (the [ray] extra of rknnlint)"]


def test_package_batch_on_ray_matches_local(ray_cluster, tmp_path):
    from test_package import DET, _source

    models = tmp_path / "models.txt"
    models.write_text(str(shared_model(DET)) + "\n")
    src = str(_source(tmp_path))
    rows = {}
    for name, extra in (("local", ["-j", "1"]), ("ray", ["--executor", "ray", "--address", ray_cluster])):
        p = _ray_cli("package", "--models", str(models), "--source", src, "-o", str(tmp_path / name), *extra)
        assert p.returncode == 0, p.stderr
        assert "1 packaged, 0 failed" in p.stdout
        assert (tmp_path / name / DET[:-5] / "performance_rknn.json").is_file()
        row = next(ln.split() for ln in p.stdout.splitlines() if ln.startswith(DET[:-5]))
        rows[name] = row[:2] + row[3:]  # without the build seconds
    assert rows["ray"] == rows["local"]


def test_probe_on_ray_writes_the_same_table(ray_cluster, tmp_path):
    from importlib import metadata

    import yaml

    tables = {}
    for name, extra in (("local", ["--jobs", "2"]), ("ray", ["--executor", "ray", "--address", ray_cluster])):
        p = _ray_cli("probe", "--target", "rk3588", "--ops", "Relu,TopK", "--out", str(tmp_path / name), *extra)
        assert p.returncode == 0, p.stderr
        t = yaml.safe_load((tmp_path / name / "measured" / f"rk3588-{metadata.version('rknn-toolkit2')}.yaml").read_text())
        tables[name] = ({op: v["placement"] for op, v in t["ops"].items()},
                        {op: {k: v["placement"] for k, v in vs.items()} for op, vs in t["variants"].items()})
    assert tables["ray"] == tables["local"]
    assert tables["ray"][0] == {"Relu": "npu", "TopK": "cpu"}
