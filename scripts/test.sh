#!/usr/bin/env bash
# The test command: lint the code, then run the whole suite (the real rknn-toolkit2 included).
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${RKNNLINT_VENV:-.venv}
"$VENV/bin/python" -m ruff check rknnlint tests
"$VENV/bin/python" -m pytest -q -p no:cacheprovider "$@"
