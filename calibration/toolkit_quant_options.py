"""Which quantization options each rknn-toolkit2 version's rknn.config() accepts, per target: the data behind the
`quantization:` block of rules/toolkit/<version>.yaml (rknnlint/toolkit/build_options.py checks a build's options
against it before any build, so a refused combination is one usage line, not a toolkit traceback).

Each case is one rknn.config(target_platform=T, **options) call (no model, no build: seconds in all); the result
is ok or the toolkit's own error line. Run it with the python of each version's venv:

    for v in 2.2.0 2.3.0 2.3.2; do /work/venvs/rknn-$v/bin/python calibration/toolkit_quant_options.py \\
        --out calibration/results/toolkit-quant-options-$v.json; done
    /work/main/.venv/bin/python calibration/toolkit_quant_options.py --out calibration/results/toolkit-quant-options-2.5.0.json
    python calibration/toolkit_quant_options.py summary calibration/results/toolkit-quant-options-*.json
"""
from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
from pathlib import Path

TARGETS = ("rk3562", "rk3566", "rk3568", "rk3576", "rk3588", "rk3588s", "rv1103", "rv1106", "rv1103b", "rv1106b",
           "rv1126b", "rk2118")
DTYPES = ("w8a8", "w8a16", "w4a16", "w16a16i", "w16a16i_dfp")
ALGORITHMS = ("normal", "mmse", "kl_divergence", "gdq")
METHODS = ("layer", "channel", "group32", "group48", "group64", "group128", "group256", "group288", "group")


def cases():
    for d in DTYPES:
        yield {"quantized_dtype": d}
        for a in ALGORITHMS[1:]:
            yield {"quantized_dtype": d, "quantized_algorithm": a}
        for m in METHODS:
            if m != "channel":
                yield {"quantized_dtype": d, "quantized_method": m}
        for m in ("layer", "group32", "group128"):
            yield {"quantized_dtype": d, "quantized_algorithm": "gdq", "quantized_method": m}


def run_case(target: str, opts: dict) -> str:
    """'ok' or the toolkit's error message (its own text, colour codes removed)."""
    from rknn.api import RKNN

    saved = os.dup(1), os.dup(2)
    with tempfile.TemporaryFile(mode="w+") as tf:
        os.dup2(tf.fileno(), 1)
        os.dup2(tf.fileno(), 2)
        try:
            r = RKNN(verbose=False)
            try:
                ret = r.config(target_platform=target, **opts)
            except BaseException:  # the toolkit raises after printing its error line
                ret = -1
            r.release()
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os.dup2(saved[0], 1)
            os.dup2(saved[1], 2)
        tf.seek(0)
        text = re.sub(r"\x1b\[[0-9;]*m", "", tf.read())
    if ret == 0:
        return "ok"
    m = re.search(r"config: (?!Traceback)(.+)", text)
    return m.group(1).strip() if m else f"error (ret {ret})"


def summary(paths: list[Path]) -> str:
    """Per version: which dtypes each target accepts, and the combination errors (for the yaml by hand)."""
    out = []
    for p in paths:
        d = json.loads(p.read_text())
        out.append(f"== rknn-toolkit2 {d['version']}")
        res = d["results"]
        for dt in DTYPES:
            ok = [t for t in TARGETS if res.get(f"{t} quantized_dtype={dt}") == "ok"]
            out.append(f"  {dt}: {', '.join(ok) or '-'}")
        errors = sorted({v for v in res.values() if v != "ok"})
        out += [f"  error: {e}" for e in errors]
    return "\n".join(out)


def main() -> int:
    if sys.argv[1:2] == ["summary"]:
        print(summary([Path(x) for x in sys.argv[2:]]))
        return 0
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, required=True)
    a = ap.parse_args()
    from importlib.metadata import version

    res = {}
    for t in TARGETS:
        for opts in cases():
            res[f"{t} " + " ".join(f"{k}={v}" for k, v in opts.items())] = run_case(t, opts)
    v = version("rknn-toolkit2")
    a.out.write_text(json.dumps({"version": v, "command": f"python calibration/toolkit_quant_options.py --out {a.out}",
                                 "results": res}, indent=1) + "\n")
    print(summary([a.out]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
