"""Mine layout motifs from real exports, cut them out, and turn their real builds into measured motif tables.

    # 1. mine: count every motif (rknnlint/motifs.py) in the corpus, cut the most frequent out of the models they
    #    came from (onnx.utils.Extractor: the op in front, the run, the ops after it, their weights)
    python calibration/mine_motifs.py mine --models /work/calib/models --out /work/calib/motifs [--top 80] [--per-key 2]
    # 2. build every cut-out per family with the real toolkit (the same runner as the calibration)
    python calibration/run_toolkit.py --models /work/calib/motifs --target rk3566 --out /work/calib/motifs/rk3566-float16/truth.json --jobs 2
    # 3. tabulate: the placement of every node of every motif, per family, dtype and toolkit version
    python calibration/mine_motifs.py table --motifs /work/calib/motifs --truth /work/calib/motifs/rk3566-float16/truth.json ...

`table` writes rules/motifs/<family>-<dtype>-<version>.yaml (committed): per motif key the placement of each node
of the run (cpu | npu; "mixed" when the cut-outs disagreed, "fails" when the cut-out did not build), how many
cut-outs were built and which models they came from. A motif not in the table was not measured: the static check
falls back to the single-op probe table. The corpus stays outside the repository.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

MAX_CUT_NODES = 14
FLOATS = (1, 10)  # TensorProto.FLOAT, FLOAT16


def _name(n) -> str:
    return n.name or n.output[0]


def mine_model(path: Path) -> tuple[Any, list[dict[str, Any]]]:
    """The model and one record per motif instance: key, kind, the run's node names, cut inputs and outputs."""
    import onnx

    from rknnlint.graph import ModelView
    from rknnlint.motifs import CHAIN_OPS, chain_key, chain_of, in_chain, output_key

    model = onnx.load(str(path))
    view = ModelView(model, path)
    out: list[dict[str, Any]] = []
    seen: set[int] = set()

    def computed(names: list[str]) -> list[str]:
        return [x for x in names if x and not view.is_constant(x)]

    for ref in view.main_nodes:
        if ref.op_type not in CHAIN_OPS or ref.index in seen or not in_chain(view, ref):
            continue
        chain = chain_of(view, ref)
        if chain is None:
            continue
        seen.update(r.index for r in chain)
        if any(computed(list(r.node.input[1:])) for r in chain):
            continue  # a shape computed at run time: the cut-out would not be static
        head, last = chain[0], chain[-1]
        x = head.node.input[0]
        if view.dtype(x) not in FLOATS or (view.rank(x) or 0) < 2 or view.is_constant(x):
            continue  # shape arithmetic, not a tensor the NPU computes
        prod = view.producer.get(head.node.input[0])
        inputs = computed(list(prod.node.input)) if prod is not None else [head.node.input[0]]
        if last.node.output[0] in view.output_names:
            users, outputs = [], [last.node.output[0]]
        else:
            users = view.consumers.get(last.node.output[0], [])
            outputs = [o for u in users for o in u.node.output if o]
            inputs += [x for u in users for x in computed(list(u.node.input)) if x != last.node.output[0]]
        if not inputs or not outputs:
            continue
        out.append({"key": chain_key(view, chain), "kind": "chain", "nodes": [_name(r.node) for r in chain],
                    "inputs": sorted(set(inputs)), "outputs": outputs})
        out[-1]["types"] = _types(view, out[-1])
    for name in view.output_names:
        key = output_key(view, name)
        if key is None:
            continue
        p = view.producer[name]
        inputs = computed(list(p.node.input))
        if inputs:
            out.append({"key": key, "kind": "output", "nodes": [_name(p.node)], "inputs": inputs, "outputs": [name]})
            out[-1]["types"] = _types(view, out[-1])
    return model, out


def _types(view, rec: dict[str, Any]) -> dict[str, Any]:
    """Element type and dims of the cut's inputs and outputs, for values the Extractor's shape inference missed."""
    return {n: (view.dtype(n), [d if isinstance(d, int) and d > 0 else 1 for d in (view.shape(n) or [])])
            for n in rec["inputs"] + rec["outputs"]}


def _static(model) -> None:
    """Open input dims become 1 (the cut-out is built as is)."""
    for vi in model.graph.input:
        for d in vi.type.tensor_type.shape.dim:
            if not d.HasField("dim_value") or d.dim_value <= 0:
                d.Clear()
                d.dim_value = 1


def cmd_mine(a: argparse.Namespace) -> int:
    import onnx
    import onnx.utils

    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    models = sorted(Path(a.models).glob("*.onnx"))
    found: dict[str, list[tuple[Path, dict[str, Any]]]] = defaultdict(list)
    counts: Counter[str] = Counter()
    per_model: dict[str, list[dict[str, Any]]] = {}
    for p in models:
        try:
            _, recs = mine_model(p)
        except Exception as e:  # a model this onnx cannot read or infer: say so and go on
            print(f"skip {p.name}: {type(e).__name__}: {str(e)[:120]}", flush=True)
            continue
        per_model[p.stem] = recs
        for r in recs:
            counts[r["key"]] += 1
            found[r["key"]].append((p, r))
    # rank keys by how many models have them (one detector's hundred anchors count once), then by instances
    n_models = Counter(k for recs in per_model.values() for k in {r["key"] for r in recs})
    keys = sorted(counts, key=lambda k: (-n_models[k], -counts[k], k))[:a.top]
    manifest: dict[str, Any] = {}
    cache: dict[Path, Any] = {}
    for ki, key in enumerate(keys):
        done, used = 0, set()
        for p, r in found[key]:
            if done >= a.per_key:
                break
            if p.stem in used:
                continue
            try:
                if p not in cache:
                    cache.clear()
                    cache[p] = onnx.utils.Extractor(onnx.load(str(p)))
                ext = cache[p]
                for n, (et, dims) in r["types"].items():
                    if n not in ext.vimap and et:
                        ext.vimap[n] = onnx.helper.make_tensor_value_info(n, et, dims)
                m = ext.extract_model(r["inputs"], r["outputs"])
            except Exception as e:
                print(f"cut failed {key} from {p.stem}: {type(e).__name__}: {str(e)[:100]}", flush=True)
                continue
            if len([n for n in m.graph.node if n.op_type != "Constant"]) > MAX_CUT_NODES:
                continue
            _static(m)
            stem = f"motif{ki:03d}_{done}"
            onnx.save(m, str(out / f"{stem}.onnx"))
            manifest[stem] = {"key": key, "kind": r["kind"], "nodes": r["nodes"], "model": p.stem,
                              "count": counts[key], "models": n_models[key]}
            used.add(p.stem)
            done += 1
    (out / "motifs.json").write_text(json.dumps({"models": len(per_model), "keys": len(counts),
                                                 "instances": sum(counts.values()), "cutouts": manifest}, indent=1))
    print(f"{len(per_model)} models, {sum(counts.values())} motif instances of {len(counts)} keys; "
          f"{len(manifest)} cut-outs of the {len(keys)} most frequent keys in {out}")
    return 0


def _placements(rec: dict[str, Any], cut: dict[str, Any]) -> list[str]:
    """Placement of each node of the cut-out's run in its real build."""
    if rec.get("status") != "built":
        return ["fails"] * len(cut["nodes"])
    cpu: set[str] = set()
    inserted: set[str] = set()
    for lay in rec.get("cpu_layers", []):
        for n in lay.get("onnx_nodes") or []:
            cpu.add(n)
            if lay["op_type"] in ("Reshape", "Transpose") and lay.get("onnx_op") not in ("Reshape", "Transpose"):
                inserted.add(n)
    if cut["kind"] == "output":  # only the Reshape the toolkit adds on the output counts, not the op itself
        return ["cpu" if n in inserted else "npu" for n in cut["nodes"]]
    return ["cpu" if n in cpu else "npu" for n in cut["nodes"]]


def _node_table(folder: Path, man: dict[str, Any], truth: dict[str, Any]) -> dict[str, Any]:
    """Back-off entries: every node of every built run keyed by its own descriptor and edge context
    (rknnlint.motifs.node_key); a placement only where all cut-outs agreed."""
    import onnx

    from rknnlint.graph import ModelView
    from rknnlint.motifs import chain_of, node_key

    seen: dict[str, list[str]] = defaultdict(list)
    for stem, cut in man.items():
        rec = truth["models"].get(stem)
        if cut["kind"] != "chain" or rec is None or rec.get("status") != "built":
            continue
        view = ModelView(onnx.load(str(folder / f"{stem}.onnx")))
        by_name = {_name(r.node): r for r in view.main_nodes}
        refs = [by_name.get(n) for n in cut["nodes"]]
        if any(r is None for r in refs):
            continue
        chain = chain_of(view, refs[0])
        if chain is None or [_name(r.node) for r in chain] != cut["nodes"]:
            continue  # the cut changed the run (a consumer left out): its context is not the real one
        for ref, place in zip(refs, _placements(rec, cut)):
            seen[node_key(view, chain, ref)].append(place)
    out = {}
    for key in sorted(seen):
        places = set(seen[key])
        out[key] = {"placement": places.pop() if len(places) == 1 else "mixed", "n": len(seen[key])}
    return out


def cmd_table(a: argparse.Namespace) -> int:
    import yaml

    from rknnlint.platforms import families

    man = json.loads((Path(a.motifs) / "motifs.json").read_text())["cutouts"]
    fams = families()
    for tpath in a.truth:
        truth = json.loads(Path(tpath).read_text())
        target, dtype, version = truth["target"], truth.get("dtype", "float16"), truth.get("toolkit")
        family = fams.family_of(target) or target
        per_key: dict[str, list[tuple[str, list[str], str]]] = defaultdict(list)
        for stem, cut in man.items():
            rec = truth["models"].get(stem)
            if rec is None or rec.get("status") == "timeout":
                continue
            per_key[cut["key"]].append((cut["model"], _placements(rec, cut), rec.get("error") or ""))
        motifs: dict[str, Any] = {}
        outputs: dict[str, Any] = {}
        nodes = _node_table(Path(a.motifs), man, truth)
        for key in sorted(per_key):
            runs = per_key[key]
            width = len(runs[0][1])
            nodes = []
            for i in range(width):
                seen = {r[1][i] for r in runs if len(r[1]) > i}
                nodes.append(seen.pop() if len(seen) == 1 else "mixed")
            entry: dict[str, Any] = {"n": len(runs), "from": sorted({r[0] for r in runs})}
            errors = sorted({r[2] for r in runs if r[2]})
            if errors:
                entry["error"] = errors[0][:200]
            if man[next(s for s, c in man.items() if c["key"] == key)]["kind"] == "output":
                outputs[key] = {"placement": nodes[0], **entry}
            else:
                motifs[key] = {"nodes": nodes, **entry}
        doc = {
            "toolkit": version, "family": family, "target": target, "dtype": dtype,
            "source": f"measured with rknn-toolkit2 {version} on motifs cut out of real exports "
                      f"(calibration/mine_motifs.py, {target} {dtype})",
            "command": "python calibration/mine_motifs.py " + " ".join(sys.argv[1:]),
            "motifs": motifs, "nodes": nodes, "outputs": outputs,
        }
        dest = Path(a.out) / f"{family}-{dtype}-{version}.yaml"
        dest.parent.mkdir(parents=True, exist_ok=True)
        head = ("# Placement of layout motifs (rknnlint/motifs.py) measured with the real rknn-toolkit2 on cut-outs of\n"
                "# real exports; written by calibration/mine_motifs.py table. nodes: placement of each node of the run\n"
                "# (cpu | npu | mixed when cut-outs disagreed | fails); outputs: whether a Reshape is added on a rank-2/3\n"
                "# graph output the op makes.\n")
        dest.write_text(head + yaml.safe_dump(doc, sort_keys=False, width=200))
        cpu = sum("cpu" in e["nodes"] for e in motifs.values())
        print(f"{dest}: {len(motifs)} motifs ({cpu} with a CPU node), {len(outputs)} outputs")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    m = sub.add_parser("mine")
    m.add_argument("--models", default="/work/calib/models")
    m.add_argument("--out", default="/work/calib/motifs")
    m.add_argument("--top", type=int, default=80, help="cut out the N most frequent motif keys")
    m.add_argument("--per-key", type=int, default=2, help="cut-outs per key, each from another model")
    t = sub.add_parser("table")
    t.add_argument("--motifs", default="/work/calib/motifs")
    t.add_argument("--truth", action="append", required=True)
    t.add_argument("--out", default=str(ROOT / "rules" / "motifs"))
    a = ap.parse_args(argv)
    return cmd_mine(a) if a.cmd == "mine" else cmd_table(a)


if __name__ == "__main__":
    sys.exit(main())
