#!/usr/bin/env bash
# Install one rknn-toolkit2 version into its own venv, beside the default one in .venv, for
# `rknnlint build/probe --toolkit-version VERSION` (docs/toolkit-versions.md).
# Usage: scripts/setup-toolkit.sh VERSION [DEST]
#   DEST defaults to $RKNNLINT_TOOLKIT_VENVS/rknn-VERSION, and RKNNLINT_TOOLKIT_VENVS to ~/.rknnlint/venvs.
# Same recipe as scripts/setup.sh: the toolkit's own requirements inside its pins
# (requirements/rknn-toolkit2-VERSION.txt, from the wheel's METADATA, minus torch), the toolkit with
# --no-deps, and the CPU build of torch with --no-deps (the toolkit only needs torch to import).
# rknnlint itself is not installed there: the build child runs with the repository on PYTHONPATH,
# so its small runtime dependencies (rich, pyyaml) are installed instead.
set -euo pipefail
cd "$(dirname "$0")/.."
VERSION=${1:?usage: scripts/setup-toolkit.sh VERSION [DEST]}
REQ=requirements/rknn-toolkit2-$VERSION.txt
[ -f "$REQ" ] || { echo "setup-toolkit: no $REQ (known: $(ls requirements | sed -n 's/^rknn-toolkit2-\(.*\)\.txt$/\1/p' | tr '\n' ' '))" >&2; exit 2; }
DEST=${2:-${RKNNLINT_TOOLKIT_VENVS:-$HOME/.rknnlint/venvs}/rknn-$VERSION}
PY=${PYTHON:-python3.11}
command -v "$PY" >/dev/null || PY=python3
[ -x "$DEST/bin/python" ] || "$PY" -m venv "$DEST"
PIP="$DEST/bin/python -m pip --disable-pip-version-check -q"
$PIP install --upgrade pip >/dev/null
$PIP install -r "$REQ" "rich>=12" "pyyaml>=5.4"
$PIP install --no-deps "rknn-toolkit2==$VERSION"
$PIP install --no-deps "torch==2.13.0" || $PIP install --no-deps --index-url https://download.pytorch.org/whl/cpu "torch"
$PIP install typing_extensions sympy mpmath networkx jinja2 markupsafe fsspec filelock
PYTHONPATH=$PWD "$DEST/bin/python" -c "import rknn.api, rknnlint, onnx, numpy; from importlib.metadata import version; print('$DEST: rknn-toolkit2', version('rknn-toolkit2'), 'onnx', onnx.__version__, 'numpy', numpy.__version__)"
