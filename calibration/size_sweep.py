"""Size sweeps of the motifs whose placement the older rknn-toolkit2 versions decide by size (issues 11, 12).

rk3588 fp16 builds with 2.2.0 / 2.3.0 / 2.3.2 put the same motif key on the CPU in one network and on the NPU in
another: torchvision Swin's windowed qkv (Linear -> Reshape to rank 5 -> Transpose 2,0,3,1,4) with 4, 16 or 64
windows, but not ViT's with a batch of 1; YOLO head Reshapes (N, C, 10, 10) -> (N, C, 100) into the Concat with 1,
4 or 51 channels, but not with 64 or 80. This writes motif specs (rknnlint/probe/_motifs.py) that vary one size at a
time around those exports, for `rknnlint probe --motifs --motif-set`:

    python calibration/size_sweep.py --out rules/motifs/probe-sizes.json
    rknnlint probe --motifs --motif-set rules/motifs/probe-sizes.json --target rk3588 --toolkit-version 2.3.2 --jobs 1

The probed table gives each size's placement and, where the sizes disagreed, the placement per size class
(motifs.size_class). Measured on rk3588 fp16: the qkv Transpose runs on the CPU for every leading dim above 1 and on
the NPU for 1 with 2.2.0, 2.3.0 and 2.3.2; the qkv Reshape in front of it runs on the CPU there too behind a Linear
with 2.2.0 and 2.3.0, on the NPU behind an Add (mixed: it decides nothing); the head Reshape runs on the NPU at all 18 sizes in the generated context
(a Conv in front, a Concat with another Conv's output after it), so what puts 1, 4 or 51 channels on the CPU in the
real heads is their context; the whole-build tables carry that per size class.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

# (windows or batch, tokens, heads, head dim): Swin-T stages (64/16/4/1 windows of 49 tokens), ViT-Tiny (1 x 50),
# MobileViT-XXS (4 x 64), and one size changed at a time around them
QKV = [(64, 49, 3, 32), (16, 49, 6, 32), (4, 49, 12, 32), (1, 49, 24, 32), (1, 50, 3, 64), (4, 64, 4, 16),
       (2, 49, 3, 32), (4, 49, 3, 32), (1, 49, 3, 32), (4, 64, 3, 32), (4, 50, 3, 32), (64, 64, 3, 32),
       (4, 49, 4, 16), (1, 64, 4, 16), (16, 64, 4, 16), (4, 16, 4, 16)]
# (channels, height, width) of a detection-head Reshape (N, C, H, W) -> (N, C, H*W) into the Concat
HEAD = [(1, 10, 10), (4, 10, 10), (51, 10, 10), (64, 10, 10), (80, 10, 10), (8, 10, 10), (16, 10, 10),
        (2, 10, 10), (32, 10, 10), (48, 10, 10), (1, 20, 20), (4, 20, 20), (51, 20, 20), (1, 40, 40), (4, 5, 5),
        (64, 5, 5), (1, 7, 7), (64, 7, 7)]


def qkv_spec(b: int, n: int, h: int, d: int, front: str | None = None) -> dict[str, Any]:
    """The qkv run in front of its attention (q, k, v gathered, softmax(q k^T) v), behind the default "elt" front (an
    Add on a computed tensor) or, with front="linear", behind a Linear over the tokens of a 4-D map (MatMul + bias),
    as in Swin. Both are measured: where they disagree the size class decides nothing."""
    return {"kind": "chain", "opset": 17, "x": [b, n, 3 * h * d], "before": "elt", "after": ["slice"],
            **({"front": front} if front else {}), "tail": "attention", "y": [3, b, h, n, d],
            "from": f"sweep: qkv {b} x {n} tokens, {h} heads of {d}" + (f", behind a {front}" if front else ""),
            "nodes": [{"op": "Reshape", "attrs": {}, "consts": {"1": {"int": [b, n, 3, h, d]}}},
                      {"op": "Transpose", "attrs": {"perm": [2, 0, 3, 1, 4]}, "consts": {}}]}


def head_spec(c: int, h: int, w: int) -> dict[str, Any]:
    return {"kind": "chain", "opset": 12, "x": [1, c, h, w], "before": "conv", "after": ["concat"],
            "y": [1, c, h * w], "from": f"sweep: head Reshape of {c} channels, {h}x{w}",
            "nodes": [{"op": "Reshape", "attrs": {}, "consts": {"1": {"int": [1, c, -1]}}}]}


def keyed(spec: dict[str, Any]) -> dict[str, Any] | None:
    """The spec with the motif key its generated model has (motifs.chain_key), None when no model can be made."""
    from rknnlint import motifs as M
    from rknnlint.graph import ModelView
    from rknnlint.probe import _motifs as PM

    try:
        b, names = PM._chain_model({**spec, "key": "sweep"}, spec["opset"])
        view = ModelView(b.model())
    except Exception:
        return None
    run = M.run_of(view, next(r for r in view.main_nodes if r.node.name == names[0]))
    spec = {**spec, "key": M.chain_key(view, run)}
    return spec if PM.motif_case({**spec, "id": "check"}) is not None else None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=str(ROOT / "rules" / "motifs" / "probe-sizes.json"))
    a = ap.parse_args(argv)
    specs = []
    sweep = [qkv_spec(*q) for q in QKV] + [qkv_spec(*q, front="linear") for q in QKV] + [head_spec(*h) for h in HEAD]
    for i, s in enumerate(sweep):
        k = keyed(s)
        if k is None:
            print(f"skipped (no model): {s['from']}")
            continue
        specs.append({"id": f"z{i:03d}", "models": 0, **k})
    Path(a.out).write_text(json.dumps({"command": "python calibration/size_sweep.py " + " ".join(sys.argv[1:]),
                                       "keys": len({s["key"] for s in specs}), "specs": specs}, indent=0) + "\n")
    print(f"{len(specs)} specs of {len({s['key'] for s in specs})} motif keys in {a.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
