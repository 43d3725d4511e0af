"""The "pinned" load mode of /work/shared/SCORING.md: a model with a non-static graph input, built with
`load_onnx(..., inputs=[...], input_size_list=[[...]])`, and checked by rknnlint as the same model with those
static dims written into its graph inputs.

    python calibration/pin_models.py --models SET --out SET-pinned [--input-shapes-from calibration/export_unseen.py]

writes SET-pinned/<name>.onnx for every model of SET that has a non-static input (nothing but the graph inputs'
dims changed: value_info, Shape / Gather / Concat chains and the rest stay as exported; external data is linked,
not copied), SET-pinned/manifest.json (SET's entries, each with `pinned`: input name -> dims) and pinned.json
(the same map). Models whose inputs are all static are left out: their pinned job is the as-exported job.
`calibration/run_toolkit.py --pin` builds the original models with the same dims (BuildJob.input_shapes ->
load_onnx inputs / input_size_list); `calibration/score.py --models SET-pinned` scores rknnlint on the copies.

The dims of each input, first that applies:
1. the input's static dims in the graph (an input with none dynamic is given as it is: load_onnx needs all);
2. the manifest's `example_inputs` (export_models.py: the shape of the tensor it was exported with);
3. the export script's INPUT_SHAPES (`--input-shapes-from`: the shapes bench/bench_fix.py pins);
4. the manifest's `inputs` when that entry has no symbolic dim;
5. rknnlint's pin-input-shapes plan: batch axis 1, H / W from the exporter's metadata (ultralytics imgsz),
   symbols solved from the inputs already known (a mask's T from the input's T);
6. DEFAULT_DIM (224 for a 4-D input's H / W, else 64: a sequence length) for a dim none of these gives.
"""
from __future__ import annotations

import argparse
import ast
import json
import os
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import onnx  # noqa: E402

from rknnlint.pinned import dynamic_inputs, graph_inputs, pin_inputs  # noqa: E402

DEFAULT_HW = 224  # a dynamic H or W (dim 2 or 3 of a 4-D input) nothing else gives
DEFAULT_DIM = 64  # any other dynamic non-batch dim (a sequence length) nothing else gives


def _dims(vi: onnx.ValueInfoProto) -> list[int | str | None]:
    out: list[int | str | None] = []
    for d in vi.type.tensor_type.shape.dim:
        out.append(int(d.dim_value) if d.HasField("dim_value") and d.dim_value > 0 else (d.dim_param or None))
    return out


def input_shapes_from(script: Path | None) -> dict[str, dict[str, list[int]]]:
    """An export script's INPUT_SHAPES ({stem: ["name=1,3,H,W", ...]}), read with ast (the script needs torch)."""
    if script is None:
        return {}
    out: dict[str, dict[str, list[int]]] = {}
    for node in ast.parse(Path(script).read_text()).body:
        target = node.target if isinstance(node, ast.AnnAssign) else (
            node.targets[0] if isinstance(node, ast.Assign) else None)
        if isinstance(target, ast.Name) and target.id == "INPUT_SHAPES" and node.value is not None:
            for stem, items in ast.literal_eval(node.value).items():
                out[stem] = {i.rpartition("=")[0]: [int(d) for d in i.rpartition("=")[2].split(",")] for i in items}
    return out


def _fits(dims: list[int | str | None], shape: Any) -> bool:
    return (isinstance(shape, (list, tuple)) and len(shape) == len(dims)
            and all(isinstance(s, int) and s > 0 for s in shape)
            and all(not isinstance(d, int) or d == s for d, s in zip(dims, shape)))


def pin_plan(model: onnx.ModelProto, entry: dict[str, Any] | None = None,
             given: dict[str, list[int]] | None = None) -> tuple[dict[str, list[int]] | None, list[str]]:
    """(input name -> static dims for every input, how each dynamic input got its dims), or (None, []) when the
    model's inputs are all static. Order: the docstring of this module."""
    if not dynamic_inputs(model):
        return None, []
    entry, given = entry or {}, given or {}
    example, listed = entry.get("example_inputs") or {}, entry.get("inputs") or {}
    shapes: dict[str, list[int]] = {}
    how: list[str] = []
    rest = []
    for vi in graph_inputs(model):
        dims = _dims(vi)
        if all(isinstance(d, int) for d in dims) and vi.type.tensor_type.HasField("shape"):
            shapes[vi.name] = [int(d) for d in dims]  # type: ignore[arg-type]
            continue
        for src, cand in (("example_inputs", example.get(vi.name)), ("INPUT_SHAPES", given.get(vi.name)),
                          ("manifest inputs", listed.get(vi.name))):
            if _fits(dims, cand):
                shapes[vi.name] = [int(s) for s in cand]
                how.append(f"{vi.name}: {src}")
                break
        else:
            rest.append(vi)
    if rest:
        from rknnlint.rewrites.pin_input_shapes import plan_shapes

        plan, _ = plan_shapes(model, {k: tuple(v) for k, v in shapes.items()})
        for vi in rest:
            dims = _dims(vi)
            got = list(plan.get(vi.name) or [-1] * len(dims))
            filled = []
            for k, (d, g) in enumerate(zip(dims, got)):
                if isinstance(d, int):
                    filled.append(d)
                elif g > 0:
                    filled.append(int(g))
                elif k == 0:
                    filled.append(1)  # the batch axis
                else:
                    filled.append(DEFAULT_HW if len(dims) == 4 and k >= 2 else DEFAULT_DIM)
            shapes[vi.name] = filled
            how.append(f"{vi.name}: " + ("rknnlint plan" if vi.name in plan else "batch 1 / default dims"))
    return shapes, how


def write_pinned(src: Path, dst: Path, shapes: dict[str, list[int]]) -> None:
    """dst: src with these dims written into its graph inputs, nothing else changed; its external data linked."""
    m = onnx.load(str(src), load_external_data=False)
    pin_inputs(m, {k: tuple(v) for k, v in shapes.items()}, where="pin")
    dst.parent.mkdir(parents=True, exist_ok=True)
    onnx.save(m, str(dst))
    for data in src.parent.glob(src.name + ".data"):
        link = dst.parent / data.name
        if link.is_symlink() or link.exists():
            link.unlink()
        os.symlink(data.resolve(), link)
    # other external data files a model names (location relative to the model's folder)
    for t in m.graph.initializer:
        for kv in t.external_data:
            if kv.key == "location" and not (dst.parent / kv.value).exists() and (src.parent / kv.value).exists():
                (dst.parent / kv.value).parent.mkdir(parents=True, exist_ok=True)
                os.symlink((src.parent / kv.value).resolve(), dst.parent / kv.value)


def plans(models: Path, shapes_from: Path | None = None) -> dict[str, tuple[dict[str, list[int]], list[str]]]:
    """Model stem -> (pinned dims, how) for every model of the folder with a non-static input."""
    man_p = models / "manifest.json"
    manifest = json.loads(man_p.read_text()) if man_p.exists() else {}
    given = input_shapes_from(shapes_from)
    out = {}
    for p in sorted(models.glob("*.onnx")):
        m = onnx.load(str(p), load_external_data=False)
        shapes, how = pin_plan(m, manifest.get(p.stem), given.get(p.stem))
        if shapes is not None:
            out[p.stem] = (shapes, how)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--models", type=Path, required=True, help="the set's folder (its manifest.json when it has one)")
    ap.add_argument("--out", type=Path, required=True, help="folder for the pinned copies")
    ap.add_argument("--input-shapes-from", type=Path, default=None, metavar="SCRIPT.py",
                    help="an export script whose INPUT_SHAPES gives dims per model stem (calibration/export_unseen.py)")
    a = ap.parse_args(argv)
    man_p = a.models / "manifest.json"
    manifest = json.loads(man_p.read_text()) if man_p.exists() else {}
    found = plans(a.models, a.input_shapes_from)
    out_man = {}
    for stem, (shapes, how) in found.items():
        write_pinned(a.models / f"{stem}.onnx", a.out / f"{stem}.onnx", shapes)
        out_man[stem] = {**(manifest.get(stem) or {}), "pinned": shapes, "pinned_from": how}
        print(f"pinned  {stem}  " + " ".join(f"{k}={','.join(map(str, v))}" for k, v in shapes.items())
              + f"  ({'; '.join(how)})")
    a.out.mkdir(parents=True, exist_ok=True)
    (a.out / "manifest.json").write_text(json.dumps(out_man, indent=1, sort_keys=True))
    (a.out / "pinned.json").write_text(json.dumps({k: v[0] for k, v in found.items()}, indent=1, sort_keys=True))
    print(f"{len(found)} of {len(list(a.models.glob('*.onnx')))} models have a non-static input: written to {a.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
