"""The one way rknnlint runs rknn-toolkit2: a child process (toolkit/_child.py) in its own process group and
temporary folder, with a timeout, stdout/stderr captured at the fd level, the crash signal recorded, and the
Python executable as a parameter (another toolkit version's venv). Used by build, probe, package,
calibration and the fix measurements (toolkit/simulate.py)."""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from ..errors import RknnlintError
from .status import BuildStatus, status_of

_LIVE: set[subprocess.Popen] = set()  # children still running, killed on Ctrl-C / SIGTERM of rknnlint

INSTALL_HINT = "rknn-toolkit2 is not installed: pip install 'rknnlint[rknn]' (or run scripts/setup.sh)"


def trace(mark: str) -> None:
    """bench/bench_build.py --profile: append a time stamp (CLOCK_MONOTONIC, the same in every process) to the
    file named by RKNNLINT_BENCH_TRACE. Nothing happens without that variable."""
    path = os.environ.get("RKNNLINT_BENCH_TRACE")
    if path:
        with open(path, "a", encoding="utf-8") as f:
            f.write(json.dumps({"mark": mark, "t": time.monotonic(), "pid": os.getpid()}) + "\n")


class ToolkitMissing(RknnlintError):
    """rknn-toolkit2 cannot be imported in this Python."""


def toolkit_available(python: str | None = None) -> bool:
    """True when `rknn.api` can be found (without importing it: that takes seconds)."""
    if python and python != sys.executable:
        p = subprocess.run([python, "-c", "import importlib.util,sys; sys.exit(importlib.util.find_spec('rknn') is None)"],
                           capture_output=True)
        return p.returncode == 0
    import importlib.util

    try:
        return importlib.util.find_spec("rknn.api") is not None
    except ImportError:  # a broken or blocked install
        return False


@dataclass
class BuildJob:
    """What to build: one model, one target, one configuration."""

    model: str
    target: str = "rk3588"
    dtype: str = "fp16"  # fp16 | int8
    dataset: str | None = None
    mean: list[float] | None = None
    std: list[float] | None = None
    input_shapes: dict[str, list[int]] = field(default_factory=dict)
    export: str | None = None
    compare: bool = False
    disable_rules: list[str] = field(default_factory=list)
    # further rknn.config() keywords (toolkit/build_options.py: quantized_*, optimization_level, ...)
    config: dict = field(default_factory=dict)
    seed: int = 0
    feeds: str | None = None  # .npz (input name -> array): the simulator's inputs and the int8 sample, else seeded
    keep_outputs: bool = False  # with compare: RawRun.outputs gets the simulator's and onnxruntime's arrays
    analyze: bool = False  # int8: rknn.accuracy_analysis on a calibration sample (toolkit/analysis.py)
    compare_samples: int = 0  # compare on the first N calibration samples (.npy) instead of one seeded input
    hybrid: dict = field(default_factory=dict)  # {"step": 1, "dir"} or {"step": 2, "model", "data", "cfg"} (toolkit/hybrid.py)
    # build with this rknn-toolkit2 version's venv (toolkit/versions.py); None: the toolkit beside rknnlint
    toolkit_version: str | None = None
    # compare against this ONNX model in onnxruntime instead of `model` (the user's model, when the toolkit builds
    # a rewritten one whose fp32 outputs are not the same: calibration/int8_biascorr.py's corrected biases)
    reference: str | None = None


@dataclass
class RawRun:
    """What the child left behind."""

    returncode: int | None  # None: killed after the timeout
    stdout: str
    stderr: str
    result: dict
    seconds: float
    log_path: str
    timeout: float
    outputs: dict | None = None  # keep_outputs: {"ref": [onnxruntime arrays], "sim": [simulator arrays]}

    @property
    def signal(self) -> int:
        """The signal that killed the child (0: none; a timeout's SIGKILL is the runner's, not a crash)."""
        return -self.returncode if self.returncode is not None and self.returncode < 0 else 0

    @property
    def status(self) -> BuildStatus:
        return status_of(self.returncode, self.result)


class StartedBuild:
    """A build child that is running; `finish()` waits for it (with the timeout) and collects what it left,
    `cancel()` kills it and removes its folder. Starting early lets rknnlint do its own work meanwhile."""

    def __init__(self, job: BuildJob, python: str | None = None, env: dict[str, str] | None = None) -> None:
        self.job = job
        self.t0 = time.monotonic()
        self.tmp = Path(tempfile.mkdtemp(prefix="rknnlint-build-"))
        self.proc: subprocess.Popen | None = None
        try:
            if python is None and job.toolkit_version:
                from .versions import python_for

                python = python_for(job.toolkit_version)
            d = asdict(job)
            d["model"] = str(Path(job.model).resolve())
            if job.dataset:
                d["dataset"] = str(Path(job.dataset).resolve())
            if job.feeds:
                d["feeds"] = str(Path(job.feeds).resolve())
            d["work_dir"] = str(self.tmp)
            if job.export:
                d["export"] = str(self.tmp / "out.rknn")
            (self.tmp / "job.json").write_text(json.dumps(d))
            env = {**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})}
            # the package must be importable from the child even when cwd is the temp folder
            env["PYTHONPATH"] = os.pathsep.join([str(Path(__file__).resolve().parents[2]),
                                                 env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
            with open(self.tmp / "stdout.txt", "wb") as out, open(self.tmp / "stderr.txt", "wb") as err:
                # the child's fds 1 and 2 are these files: native code printing with printf lands there too
                self.proc = subprocess.Popen([python or sys.executable, "-m", "rknnlint.toolkit._child",
                                              str(self.tmp / "job.json")], stdin=subprocess.DEVNULL, stdout=out,
                                             stderr=err, cwd=self.tmp, env=env, start_new_session=True,
                                             preexec_fn=_die_with_parent)
            _LIVE.add(self.proc)
            trace("child-spawned")
        except BaseException:
            self.cancel()
            raise

    def stage(self) -> str:
        """The stage the child last reported (config, load, build, built, export, simulate, done), '' before
        the toolkit is imported: for a progress display while the build runs."""
        try:
            return str(json.loads((self.tmp / "result.json").read_text()).get("stage") or "")
        except (OSError, ValueError, AttributeError):
            return ""

    def cancel(self) -> None:
        if self.proc is not None:
            _kill_group(self.proc)
        shutil.rmtree(self.tmp, ignore_errors=True)

    def finish(self, timeout: float = 600.0, log_path: str | Path | None = None, write_log: bool = True) -> RawRun:
        """write_log=False: no log file (probe's hundreds of runs); else `log_path`, or a temporary file."""
        job, tmp = self.job, self.tmp
        try:
            assert self.proc is not None
            left = max(0.1, timeout - (time.monotonic() - self.t0))
            # a blocking wait in a thread wakes up as the child ends; Popen.wait(timeout) polls every 50 ms
            waiter = threading.Thread(target=self.proc.wait, daemon=True)
            waiter.start()
            try:
                waiter.join(left)
                rc: int | None = None if waiter.is_alive() else self.proc.returncode
            finally:
                _kill_group(self.proc)
            trace("child-reaped")
            stdout = (tmp / "stdout.txt").read_text(errors="replace")
            stderr = (tmp / "stderr.txt").read_text(errors="replace")
            try:
                result = json.loads((tmp / "result.json").read_text())
            except (OSError, ValueError):
                result = {}
            if job.export and result.get("ok") and (tmp / "out.rknn").is_file():
                dest = Path(job.export)
                dest.parent.mkdir(parents=True, exist_ok=True)
                part = dest.with_name(dest.name + ".part")
                shutil.copyfile(tmp / "out.rknn", part)
                os.replace(part, dest)
                result["exported"] = str(dest)
            outputs = _read_outputs(tmp / "outputs.npz") if job.keep_outputs else None
            log = _write_log(log_path, job, stdout, stderr, rc) if write_log else ""
            return RawRun(rc, stdout, stderr, result, round(time.monotonic() - self.t0, 2), log, timeout, outputs)
        finally:
            self.cancel()


def run_build(job: BuildJob, timeout: float = 600.0, log_path: str | Path | None = None,
              python: str | None = None, env: dict[str, str] | None = None, write_log: bool = True) -> RawRun:
    """Run the job in `python -m rknnlint.toolkit._child` with `python` (default: this interpreter). The child
    gets a fresh temporary working folder (the toolkit drops debug files into its cwd), removed afterwards; an
    export is moved into place only when complete."""
    return StartedBuild(job, python, env).finish(timeout, log_path, write_log)


def _read_outputs(path: Path) -> dict | None:
    if not path.is_file():
        return None
    import numpy as np

    with np.load(path, allow_pickle=False) as z:
        n = sum(k.startswith("ref") for k in z.files)
        return {"ref": [z[f"ref{k}"] for k in range(n)], "sim": [z[f"sim{k}"] for k in range(n)]}


def _die_with_parent() -> None:
    """In the child, before exec: SIGKILL it when the process that started it dies (a killed Ray worker or a
    killed rknnlint must not leave a toolkit build running). Linux only; elsewhere nothing happens."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def kill_all() -> None:
    """Kill every running build child and its process group (rknnlint is being interrupted)."""
    for proc in list(_LIVE):
        _kill_group(proc)


def _kill_group(proc: subprocess.Popen) -> None:
    """Kill the child's whole process group (the toolkit may start helpers); also on Ctrl-C in the parent."""
    _LIVE.discard(proc)
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:  # pragma: no cover
        pass


def _write_log(log_path, job: BuildJob, stdout: str, stderr: str, rc) -> str:
    if log_path is None:
        fd, name = tempfile.mkstemp(prefix=f"rknnlint-{Path(job.model).stem}-", suffix=".log")
        os.close(fd)
        log_path = name
    p = Path(log_path)
    p.parent.mkdir(parents=True, exist_ok=True)
    head = f"# rknnlint build log: {job.model} target={job.target} dtype={job.dtype} disable_rules={job.disable_rules} config={job.config} exit={rc}\n"
    p.write_text(head + "# ---- stdout (native compiler, layer table) ----\n" + stdout + "\n# ---- stderr ----\n" + stderr,
                 encoding="utf-8")
    return str(p)
