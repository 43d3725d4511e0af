#!/usr/bin/env bash
# The test command: lint the code, then run the whole suite (the real rknn-toolkit2 included).
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${RKNNLINT_VENV:-.venv}
"$VENV/bin/python" -m ruff check rknnlint tests
# the toolkit tests must run, not skip (tests/test_toolkit_build.py fails when rknn.api cannot be imported)
export RKNNLINT_REQUIRE_TOOLKIT=${RKNNLINT_REQUIRE_TOOLKIT:-1}
# the other toolkit versions scripts/setup.sh installed (.toolkits/rknn-V), after the user's own venv folders
export RKNNLINT_TOOLKIT_VENVS="${RKNNLINT_TOOLKIT_VENVS:-$HOME/.rknnlint/venvs}:$PWD/.toolkits"
"$VENV/bin/python" -m pytest -q -p no:cacheprovider "$@"
