"""Build a model with the real rknn-toolkit2 in a child process (never in the test process: it can segfault)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

_CODE = """
import sys
from rknn.api import RKNN
r = RKNN(verbose=False)
r.config(target_platform=sys.argv[2], **({'disable_rules': [sys.argv[3]]} if len(sys.argv) > 3 else {}))
if r.load_onnx(model=sys.argv[1]) != 0:
    sys.exit(3)
sys.exit(0 if r.build(do_quantization=False) == 0 else 4)
"""


def toolkit_build(path, target: str = "rk3588", disable_rule: str | None = None) -> tuple[int, str]:
    """(return code, combined output): 0 built, 3 load failed, 4 build returned an error, 1 build raised
    (the toolkit re-raises pass crashes), negative = killed by a signal."""
    pytest.importorskip("rknn.api")
    args = [sys.executable, "-c", _CODE, str(path), target] + ([disable_rule] if disable_rule else [])
    # the toolkit drops check*.onnx debug files into its working directory: keep them beside the model
    p = subprocess.run(args, capture_output=True, text=True, timeout=600, cwd=Path(path).parent)
    return p.returncode, p.stdout + p.stderr
