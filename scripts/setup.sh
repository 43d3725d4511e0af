#!/usr/bin/env bash
# One command that installs rknnlint, rknn-toolkit2 2.5.0 and the test tools into .venv.
# rknn-toolkit2 pins numpy<=1.26.4, onnx<=1.18.0, protobuf<=4.25.4 and torch<=2.4.0; its torch pin is
# too old for CPython 3.11 wheels on some mirrors, so the toolkit is installed without its own
# requirements and the CPU build of torch is installed beside it (the toolkit only needs torch to import).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3.11}
command -v "$PY" >/dev/null || PY=python3
VENV=${RKNNLINT_VENV:-.venv}
[ -x "$VENV/bin/python" ] || "$PY" -m venv "$VENV"
PIP="$VENV/bin/python -m pip --disable-pip-version-check -q"
$PIP install --upgrade pip >/dev/null
# 1. the toolkit's own requirements, inside its pins
$PIP install -r requirements/rknn-toolkit2-2.5.0.txt
# 2. the toolkit itself, and torch CPU (imported by rknn.api) without pulling a CUDA build
$PIP install --no-deps rknn-toolkit2==2.5.0
$PIP install --no-deps "torch==2.13.0" || $PIP install --no-deps --index-url https://download.pytorch.org/whl/cpu "torch"
$PIP install typing_extensions sympy mpmath networkx jinja2 markupsafe fsspec filelock
# 3. rknnlint with its test tools
$PIP install -e ".[dev]"
# 4. the large test fixtures, written from their committed skeletons (fixtures/README.md)
"$VENV/bin/python" fixtures/make_fixtures.py
"$VENV/bin/python" -c "import rknnlint, onnx, numpy; print('rknnlint', rknnlint.__version__, 'onnx', onnx.__version__, 'numpy', numpy.__version__)"
# 5. other toolkit versions, each in its own venv under .toolkits/ (scripts/test.sh looks there): the build test
#    that builds with two versions in one run needs 2.3.2 (about 5 minutes and 1.5 GB; measured without a pip
#    cache). RKNNLINT_EXTRA_TOOLKITS=none (or a list such as "2.3.0 2.3.2") changes that (docs/toolkit-versions.md).
EXTRA=${RKNNLINT_EXTRA_TOOLKITS-2.3.2}
for v in ${EXTRA//,/ }; do
  [ "$v" = none ] && continue
  # not fatal: without it the two-version test skips, saying so
  PYTHON="$PY" bash scripts/setup-toolkit.sh "$v" ".toolkits/rknn-$v" \
    || echo "setup: rknn-toolkit2 $v was not installed in .toolkits/rknn-$v; the tests that need it skip" >&2
done
