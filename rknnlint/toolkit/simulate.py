"""Raw simulator outputs of a float build, for comparing a fixed model (and its cut-off tail) with the
original: what bench/bench_fix.py and tests/test_fix_toolkit.py measure. `rknnlint build --compare` uses
the richer runner in rknnlint.toolkit.runner instead.

The toolkit runs in a child process (it can segfault); numpy and onnxruntime are imported only when called.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

_CHILD = r"""
import json, sys
import numpy as np
from rknn.api import RKNN
model, inputs, out, names, shapes, target = (sys.argv[1], sys.argv[2], sys.argv[3], json.loads(sys.argv[4]),
                                             json.loads(sys.argv[5]), sys.argv[6])
r = RKNN(verbose=False)
r.config(target_platform=target)
kw = {"inputs": list(shapes), "input_size_list": list(shapes.values())} if shapes else {}
if r.load_onnx(model=model, **kw) != 0:
    sys.exit(3)
if r.build(do_quantization=False) != 0:
    sys.exit(4)
if out == "-":
    sys.exit(0)
if r.init_runtime() != 0:
    sys.exit(5)
d = np.load(inputs)
feeds = [d[n] for n in names]
fmt = ["nchw" if f.ndim == 4 else None for f in feeds]
outs = r.inference(inputs=feeds, data_format=fmt if len(fmt) > 1 else fmt[0])
if outs is None:
    sys.exit(6)
np.savez(out, *outs)
"""


def simulate(model, feed: dict | None = None, shapes: dict | None = None, cwd=None, target: str = "rk3588",
             timeout: float = 600) -> tuple[int, list | None, str]:
    """Build `model` for `target` (fp16) and, when `feed` (input name -> array) is given, run it on the
    simulator. Returns (return code, the simulator's outputs in model order or None, the child's output):
    0 built (and simulated), 3 load failed, 4 build failed, 5 init_runtime failed, 6 inference failed,
    1 the toolkit raised, negative: killed by a signal. `shapes` (input name -> dims) is passed to
    load_onnx. The toolkit's debug files and the feed/output files go to `cwd` (default: the model's folder)."""
    import numpy as np

    cwd = Path(cwd) if cwd is not None else Path(model).parent
    names = list(feed) if feed else []
    inputs, out = cwd / "inputs.npz", cwd / "sim.npz"
    if feed:
        np.savez(inputs, **feed)
    p = subprocess.run([sys.executable, "-c", _CHILD, str(model), str(inputs), str(out) if feed else "-",
                        json.dumps(names), json.dumps(shapes or {}), target], capture_output=True, text=True,
                       timeout=timeout, cwd=cwd)
    log = p.stdout + p.stderr
    if p.returncode != 0 or not feed:
        return p.returncode, None, log
    sim = np.load(out)
    return 0, [sim[f"arr_{k}"] for k in range(len(sim.files))], log


def with_tail(tail, got: dict, feed: dict) -> dict:
    """`got` (output name -> array of the NPU part) plus the outputs of the post-processing tail model at
    path `tail` (written by a head cut), run in onnxruntime on `got` and, for its other inputs, `feed`."""
    import numpy as np
    import onnxruntime as ort

    ts = ort.InferenceSession(str(tail), providers=["CPUExecutionProvider"])
    tfeed = {i.name: (got[i.name] if i.name in got else feed[i.name]).astype(np.float32) for i in ts.get_inputs()}
    return {**got, **dict(zip([o.name for o in ts.get_outputs()], ts.run(None, tfeed)))}


def cosine(a, b) -> float:
    """Cosine similarity of two arrays taken flat: 1.0 when both are all zero, 0.0 when only one is."""
    import numpy as np

    a, b = np.asarray(a, np.float64).ravel(), np.asarray(b, np.float64).ravel()
    na, nb = np.linalg.norm(a), np.linalg.norm(b)
    return 1.0 if na == nb == 0 else float(a @ b / (na * nb)) if na and nb else 0.0
