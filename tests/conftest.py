"""Shared test helpers: tiny models built in code, the real exported models in fixtures/, and a CLI runner."""
from __future__ import annotations

import io
import os
import subprocess
import sys
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import numpy as np

os.environ.setdefault("RKNNLINT_DEBUG", "1")
# builds are real in the suite: the build cache is off unless a test turns it on (tests/test_executors.py)
os.environ.setdefault("RKNNLINT_NO_BUILD_CACHE", "1")
import onnx
import pytest
from onnx import TensorProto, helper, numpy_helper

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SHARED_MODELS = FIXTURES  # the old name, kept for callers: the models now live in the repository
F = TensorProto.FLOAT


def load_script(relpath: str):
    """A repository script (calibration/, scripts/) as a module, so tests can call its functions: the scripts are
    not a package."""
    import importlib.util

    path = ROOT / relpath
    spec = importlib.util.spec_from_file_location(path.stem, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def shared_model(name: str) -> Path:
    """A real exported model from fixtures/ (fixtures/README.md); the large ones are written on first use
    from their committed skeletons by fixtures/make_fixtures.py (a NAME.onnx.data name writes its model)."""
    p = FIXTURES / name
    model = name[: -len(".data")] if name.endswith(".onnx.data") else name
    if model in _make_fixtures().generated():
        _make_fixtures().ensure(model)
    assert p.is_file(), f"missing {p}: see fixtures/README.md"
    return p


def _make_fixtures():
    """fixtures/make_fixtures.py as a module (it is a script, not part of the package)."""
    import importlib.util

    mod = sys.modules.get("rknnlint_make_fixtures")
    if mod is None:
        spec = importlib.util.spec_from_file_location("rknnlint_make_fixtures", FIXTURES / "make_fixtures.py")
        mod = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = mod
        spec.loader.exec_module(mod)
    return mod


def tensor(name: str, shape, dtype=F):
    return helper.make_tensor_value_info(name, dtype, shape)


def init(name: str, array) -> onnx.TensorProto:
    return numpy_helper.from_array(np.asarray(array), name)


def make_model(nodes, inputs, outputs, initializers=(), opset: int = 13, ir_version: int = 8, extra_opsets=()) -> onnx.ModelProto:
    """A model from helper.make_node nodes; inputs/outputs are (name, shape[, dtype]) or ValueInfoProto."""

    def vi(x):
        return x if isinstance(x, onnx.ValueInfoProto) else tensor(*x)

    graph = helper.make_graph(list(nodes), "g", [vi(i) for i in inputs], [vi(o) for o in outputs], list(initializers))
    opsets = [helper.make_opsetid("", opset)] + [helper.make_opsetid(d, v) for d, v in extra_opsets]
    return helper.make_model(graph, opset_imports=opsets, ir_version=ir_version)


def conv_weight(cout: int, cin: int, k: int = 3, seed: int = 0):
    return np.random.default_rng(seed).standard_normal((cout, cin, k, k)).astype(np.float32) * 0.1


def save(model: onnx.ModelProto, tmp_path: Path, name: str = "m.onnx") -> Path:
    p = tmp_path / name
    onnx.save(model, p)
    return p


def toolkit_python(version: str) -> str:
    """The python of another rknn-toolkit2 version's venv (RKNNLINT_TOOLKIT_VENVS); the test is skipped without it
    (CI installs only the default toolkit)."""
    from rknnlint.toolkit.versions import venv_python

    if not os.environ.get("RKNNLINT_TOOLKIT_VENVS") or venv_python(version) is None:
        pytest.skip(f"no rknn-toolkit2 {version} venv")
    return str(venv_python(version))


def run_cli(*args: str) -> tuple[int, str, str]:
    """Run `rknnlint ARGS` in-process; returns (exit code, stdout, stderr)."""
    from rknnlint.cli import main

    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main([str(a) for a in args])
    return code, out.getvalue(), err.getvalue()


def run_cli_process(*args: str, timeout: float = 600, **kw) -> subprocess.CompletedProcess:
    """Run `python -m rknnlint ARGS` in a child process (for tracebacks, signals, imports)."""
    return subprocess.run([sys.executable, "-m", "rknnlint", *map(str, args)], capture_output=True, text=True,
                          timeout=timeout, **kw)


def findings(model_or_path, target: str = "rk3588", select=None, **kw):
    """Findings of rknnlint.check on a model or path, optionally only for some codes."""
    import rknnlint

    rep = rknnlint.check(model_or_path, target=target, **kw)
    assert not rep.unreadable, rep.unreadable[0].error
    out = rep.findings
    if select:
        out = [f for f in out if f.code in select]
    return out


@pytest.fixture
def shared():
    return shared_model


@pytest.fixture
def probed_dir(tmp_path, monkeypatch):
    """A folder that stands in for rules/motifs/probed (and an empty whole-build folder): only what a test writes."""
    from rknnlint import motifs

    whole = tmp_path / "whole"
    whole.mkdir()
    monkeypatch.setattr(motifs, "tables_dir", lambda: whole)  # no whole-build table: only the probed one
    monkeypatch.setattr(motifs, "probed_dir", lambda: tmp_path)
    motifs.table.cache_clear()
    yield tmp_path
    motifs.table.cache_clear()
