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

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "calibration"))

MAX_CUT_NODES = 14
FLOATS = (1, 10)  # TensorProto.FLOAT, FLOAT16


def _name(n) -> str:
    return n.name or n.output[0]


def mine_model(path: Path) -> tuple[Any, list[dict[str, Any]]]:
    """The model and one record per motif instance: key, kind, the run's node names, cut inputs and outputs."""
    import onnx

    from rknnlint import motifs as M
    from rknnlint.graph import ModelView

    model = onnx.load(str(path))
    view = ModelView(model, path)
    out: list[dict[str, Any]] = []
    seen: set[int] = set()

    def computed(names: list[str]) -> list[str]:
        return [x for x in names if x and not view.is_constant(x)]

    for ref in view.main_nodes:
        if ref.op_type not in M.CHAIN_OPS or ref.index in seen or not M.in_chain(view, ref):
            continue
        chain = M.run_of(view, ref)
        if chain is None:
            continue
        seen.update(r.index for r in chain)
        out.append({"key": None, "kind": "context", "nodes": [_name(r.node) for r in chain],
                    "contexts": [M.node_key(view, chain, r) for r in chain],
                    "neighbors": [M.neighbor_key(view, chain, r) for r in chain],
                    "ops": [M.op_key(view, chain, r) for r in chain]})
        if len(chain) > M.MAX_CHAIN:
            continue
        head, last = chain[0], chain[-1]
        x = head.node.input[0]
        rec = {"key": M.chain_key(view, chain), "kind": "chain", "nodes": [_name(r.node) for r in chain],
               "sized": M.sized_key(view, chain), "cuttable": False}
        out.append(rec)
        if any(computed(list(r.node.input[1:])) for r in chain):
            continue  # a shape computed at run time: a cut-out would not be static
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
        rec.update(cuttable=True, inputs=sorted(set(inputs)), outputs=outputs)
        rec["types"] = _types(view, rec)
    for ref in view.main_nodes:
        key = M.boundary_key(view, ref)
        if key is not None and view.dtype(ref.node.output[0]) in FLOATS:
            out.append({"key": key, "kind": "boundary", "nodes": [_name(ref.node)]})
    for vi in view.inputs:
        key = M.input_key(view, vi.name)
        if key is not None:
            out.append({"key": key, "kind": "input", "nodes": [vi.name]})
    for name in view.output_names:
        key = M.output_key(view, name)
        if key is None:
            continue
        p = view.producer[name]
        inputs = computed(list(p.node.input))
        if inputs:
            out.append({"key": key, "kind": "output", "nodes": [_name(p.node)], "inputs": inputs, "outputs": [name],
                        "cuttable": True})
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
        recs = [r for r in recs if r["kind"] == "output" or r.get("cuttable")]
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
    """Placement of each node of a run (or of an output's producer) in a real build: cpu when a CPU layer of the
    layer table maps to it; for an output only a Reshape / Transpose the toolkit added counts."""
    if rec.get("status") != "built":
        return ["fails"] * len(cut["nodes"])
    if cut["kind"] == "input":
        on_cpu = {lay.get("graph_input") for lay in rec.get("cpu_layers", [])}
        return ["cpu" if n in on_cpu else "npu" for n in cut["nodes"]]
    cpu: set[str] = set()
    inserted: set[str] = set()
    for lay in rec.get("cpu_layers", []):
        for n in lay.get("onnx_nodes") or []:
            cpu.add(n)
            if lay["op_type"] in ("Reshape", "Transpose") and lay.get("onnx_op") not in ("Reshape", "Transpose"):
                inserted.add(n)
    if cut["kind"] in ("output", "boundary"):
        return ["cpu" if n in inserted else "npu" for n in cut["nodes"]]
    return ["cpu" if n in cpu else "npu" for n in cut["nodes"]]


class Evidence:
    """Placements seen per motif key, per node context and per output motif, with the models they came from."""

    def __init__(self) -> None:
        self.motifs: dict[str, list[tuple[str, list[str]]]] = defaultdict(list)
        self.sized: dict[str, list[tuple[str, list[str]]]] = defaultdict(list)
        self.contexts: dict[str, list[str]] = defaultdict(list)
        self.ops: dict[str, list[str]] = defaultdict(list)
        self.neighbors: dict[str, list[str]] = defaultdict(list)
        self.boundaries: dict[str, list[str]] = defaultdict(list)
        self.inputs: dict[str, list[str]] = defaultdict(list)
        self.outputs: dict[str, list[tuple[str, str]]] = defaultdict(list)

    def add(self, model: str, rec: dict[str, Any], found: dict[str, Any]) -> None:
        places = _placements(rec, found)
        if found["kind"] == "output":
            self.outputs[found["key"]].append((model, places[0]))
            return
        if found["kind"] == "input":
            self.inputs[found["key"]].append(places[0])
            return
        if found["kind"] == "boundary":
            self.boundaries[found["key"]].append(places[0])
            return
        if found["kind"] == "context":
            for ctx, nb, op, place in zip(found["contexts"], found["neighbors"], found["ops"], places):
                self.contexts[ctx].append(place)
                self.neighbors[nb].append(place)
                self.ops[op].append(place)
            return
        self.motifs[found["key"]].append((model, places))
        if found.get("sized"):
            self.sized[found["sized"]].append((model, places))

    def table(self) -> dict[str, Any]:
        def one(seen: set[str]) -> str:
            return seen.pop() if len(seen) == 1 else "mixed"

        def agreed(seen: dict[str, list[tuple[str, list[str]]]]) -> dict[str, Any]:
            out = {}
            for key in sorted(seen):
                runs = seen[key]
                width = min(len(r[1]) for r in runs)
                out[key] = {"nodes": [one({r[1][i] for r in runs}) for i in range(width)], "n": len(runs),
                            "from": sorted({r[0] for r in runs})}
            return out

        motifs = agreed(self.motifs)
        # the motif with its size class (motifs.sized_key), only where the plain key's builds disagreed
        sized = {k: v for k, v in agreed(self.sized).items() if "mixed" in motifs.get(k.split("@")[0], {"nodes": ["mixed"]})["nodes"]}
        def most(v: list[str]) -> dict[str, Any]:
            cpu = v.count("cpu")
            place = "cpu" if 2 * cpu > len(v) else "npu" if 2 * cpu < len(v) else "mixed"
            return {"placement": place, "n": len(v), "cpu": cpu}

        contexts = {k: most(v) for k, v in sorted(self.contexts.items())}
        ops = {k: most(v) for k, v in sorted(self.ops.items())}
        neighbors = {k: most(v) for k, v in sorted(self.neighbors.items())}
        boundaries = {k: most(v) for k, v in sorted(self.boundaries.items())}
        inputs = {k: most(v) for k, v in sorted(self.inputs.items())}
        outputs = {k: {"placement": one({p for _, p in v}), "n": len(v), "from": sorted({m for m, _ in v})}
                   for k, v in sorted(self.outputs.items())}
        return {"motifs": motifs, "sized": sized, "neighbors": neighbors, "contexts": contexts, "ops": ops, "outputs": outputs,
                "boundaries": boundaries, "inputs": inputs}


def evidence_from_builds(models: Path, truth: dict[str, Any], names: list[str] | None = None) -> Evidence:
    """Every motif of every model that built, placed as its real build placed it (the calibration truth)."""
    ev = Evidence()
    for name in sorted(names if names is not None else truth["models"]):
        rec = truth["models"].get(name)
        path = models / f"{name}.onnx"
        if rec is None or rec.get("status") != "built" or not path.exists():
            continue
        try:
            _, found = mine_model(path)
        except Exception as e:
            print(f"skip {name}: {type(e).__name__}: {str(e)[:100]}", flush=True)
            continue
        for f in found:
            ev.add(name, rec, f)
    return ev


def evidence_from_cutouts(folder: Path, truth: dict[str, Any]) -> Evidence:
    """The same from the cut-outs `mine` wrote and run_toolkit.py built (a run's context ends at the cut)."""
    ev = Evidence()
    man = json.loads((folder / "motifs.json").read_text())["cutouts"]
    for stem, cut in man.items():
        rec = truth["models"].get(stem)
        if rec is None or rec.get("status") == "timeout":
            continue
        ev.add(cut["model"], rec, cut)
    return ev


def _doc(truth: dict[str, Any], tables: dict[str, Any], source: str) -> tuple[str, dict[str, Any]]:
    from rknnlint.platforms import families

    target, dtype, version = truth["target"], truth.get("dtype", "float16"), truth.get("toolkit")
    family = families().family_of(target) or target
    doc = {"toolkit": version, "family": family, "target": target, "dtype": dtype,
           "source": f"measured with rknn-toolkit2 {version}, {target} {dtype}: {source}",
           "command": "python calibration/mine_motifs.py " + " ".join(sys.argv[1:]), **tables}
    return f"{family}-{dtype}-{version}.yaml", doc


HEAD = ("# Placement of layout / LayerNorm / Linear runs (rknnlint/motifs.py) measured with the real rknn-toolkit2;\n"
        "# written by calibration/mine_motifs.py table. motifs: placement of each node of the run (cpu | npu | mixed\n"
        "# when builds disagreed | fails); neighbors, contexts, then ops (the back-offs): each op between the classes of\n"
        "# the ops around its run, then its own shape, then its op type, inside the network or at a graph input /\n"
        "# output, over all runs: the placement most builds gave it (n runs,\n"
        "# cpu of them on the CPU); outputs: whether a Reshape is added on a rank-2/3 graph output the op makes;\n"
        "# boundaries: whether most builds added a CPU Reshape / Transpose after an op class that feeds these consumers;\n"
        "# inputs: whether most builds put a layer the toolkit inserts on a graph input of this motif on the CPU.\n")


SECTIONS = ("motifs", "sized", "neighbors", "contexts", "ops", "outputs", "boundaries", "inputs")


def kept(table: dict[str, Any], sections: list[str] | None) -> dict[str, Any]:
    """The table with only `sections` filled (None: all). The back-offs and the output / boundary entries are
    majorities over other runs: keep them only where cross-validation shows they hold on models left out."""
    return table if sections is None else {k: (v if k in sections else {}) for k, v in table.items()}


def write_table(dest_dir: Path, truth: dict[str, Any], ev: Evidence, source: str,
                sections: list[str] | None = None) -> Path:
    import yaml

    if sections is not None:
        source += f"; sections kept: {', '.join(sections)} (crossval --sections scores the choice on models left out)"
    fname, doc = _doc(truth, kept(ev.table(), sections), source)
    dest = dest_dir / fname
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_text(HEAD + yaml.safe_dump(doc, sort_keys=False, width=200, default_flow_style=None))
    return dest


def cmd_table(a: argparse.Namespace) -> int:
    for tpath in a.truth:
        truth = json.loads(Path(tpath).read_text())
        if a.cutouts:
            ev = evidence_from_cutouts(Path(a.cutouts), truth)
            source = "motifs cut out of real exports (calibration/mine_motifs.py mine)"
        else:
            ev = evidence_from_builds(Path(a.models), truth)
            source = (f"the layer tables of {sum(r.get('status') == 'built' for r in truth['models'].values())} "
                      "real exports built whole (calibration/run_toolkit.py)")
        dest = write_table(Path(a.out), truth, ev, source, _sections(a))
        t = kept(ev.table(), _sections(a))
        cpu = sum("cpu" in e["nodes"] for e in t["motifs"].values())
        print(f"{dest}: {len(t['motifs'])} motifs ({cpu} with a CPU node), {len(t['contexts'])} contexts, "
              f"{len(t['outputs'])} outputs")
    return 0


def _sections(a: argparse.Namespace) -> list[str] | None:
    if not getattr(a, "sections", None):
        return None
    out = [x.strip() for x in a.sections.split(",") if x.strip()]
    bad = [x for x in out if x not in SECTIONS]
    if bad:
        raise SystemExit(f"--sections: unknown {', '.join(bad)} (known: {', '.join(SECTIONS)})")
    return out


def cmd_specs(a: argparse.Namespace) -> int:
    """The motif set `rknnlint probe --motifs` measures: the most frequent run and input motifs of the corpus as
    specs (rknnlint/probe/_motifs.py), each at up to --sizes distinct input shapes (the size sweep), ranked by how
    many models have them; only specs whose generated model gives the same motif key back."""
    import onnx

    from rknnlint import motifs as M
    from rknnlint.graph import ModelView
    from rknnlint.probe import _motifs as PM

    found: dict[str, dict[str, Any]] = defaultdict(dict)  # key -> shape text -> spec
    n_models: Counter[str] = Counter()
    models = sorted(Path(a.models).glob("*.onnx"))
    for p in models:
        try:
            view = ModelView(onnx.load(str(p), load_external_data=False), p)
            seen_keys: set[str] = set()
            done: set[int] = set()
            for ref in view.main_nodes:
                if ref.index in done or not M.in_chain(view, ref):
                    continue
                run = M.run_of(view, ref)
                if run is None:
                    continue
                done.update(r.index for r in run)
                if len(run) > M.MAX_CHAIN:
                    continue
                spec = PM.spec_of(view, run)
                if spec is None:
                    continue
                spec["from"] = p.stem
                found[spec["key"]].setdefault(json.dumps(spec["x"]), spec)
                seen_keys.add(spec["key"])
            for vi in view.inputs:
                spec = PM.input_spec_of(view, vi.name)
                if spec is not None:
                    spec["from"] = p.stem
                    found[spec["key"]].setdefault(json.dumps(spec["x"]), spec)
                    seen_keys.add(spec["key"])
            n_models.update(seen_keys)
        except Exception as e:  # a model this onnx cannot read or infer: say so and go on
            print(f"skip {p.name}: {type(e).__name__}: {str(e)[:120]}", flush=True)
    keys = sorted(found, key=lambda k: (-n_models[k], k))
    out: list[dict[str, Any]] = []
    n_keys = 0
    for key in keys:
        if n_keys >= a.top and next(iter(found[key].values()))["kind"] != "input":
            continue  # every input motif is kept: there are few
        by_size = sorted(found[key].values(), key=lambda s: (int(np.prod(s["x"])), s["from"]))
        # the size sweep: the smallest, the largest and the middle shape the corpus has for this motif
        picks = [by_size[0], by_size[-1], by_size[len(by_size) // 2]][:a.sizes]
        kept = 0
        for spec in {json.dumps(s["x"]): s for s in picks}.values():
            spec = {"id": f"m{n_keys:03d}s{kept}", "models": n_models[key], **spec}
            if PM.motif_case(spec) is None:
                continue
            out.append(spec)
            kept += 1
        n_keys += kept > 0
    dest = Path(a.out)
    dest.write_text(json.dumps({"command": "python calibration/mine_motifs.py " + " ".join(sys.argv[1:]),
                                "corpus_models": len(models), "keys": n_keys, "specs": out}, indent=0) + "\n")
    print(f"{len(models)} models, {len(found)} motif keys; {len(out)} specs of the {n_keys} most frequent "
          f"generatable keys in {dest}")
    return 0


def cmd_crossval(a: argparse.Namespace) -> int:
    """k-fold by model: tables from the other folds' builds, rknnlint scored on this fold's models (held out)."""
    import tempfile

    import score as scoring

    import rknnlint
    from rknnlint import motifs as M

    truth = json.loads(Path(a.truth).read_text())
    target, dtype = truth["target"], truth.get("dtype", "float16")
    # the builds the tables are mined from: this truth's, or (--tables-from) another dtype's builds of the same family,
    # as the int8 rows of rk3566 / rk3576 / rk3562 are checked with the fp16 tables (held out: mined without the fold)
    source = json.loads(Path(a.tables_from).read_text()) if a.tables_from else truth
    # scored with the version the truth was built with (its crash rules, IR window and single-op tables)
    version = {"toolkit_version": truth["toolkit"]} if truth.get("toolkit") else {}
    names = sorted(truth["models"])
    folds = [names[i::a.folds] for i in range(a.folds)]
    rows: dict[str, Any] = {}
    orig = M.tables_dir
    with tempfile.TemporaryDirectory(prefix="motif-cv-") as tmp:
        try:
            for held in folds:
                train = [n for n in sorted(source["models"]) if n not in set(held)]
                write_table(Path(tmp), source, evidence_from_builds(Path(a.models), source, train), "cross-validation",
                            _sections(a))
                M.tables_dir = lambda: Path(tmp)  # type: ignore[assignment]
                M.table.cache_clear()
                paths = [Path(a.models) / f"{n}.onnx" for n in held if (Path(a.models) / f"{n}.onnx").exists()]
                rep = rknnlint.check(paths, target=target, dtype=dtype, **version)
                lint = {"models": [{"path": m.path, "findings": [f.to_dict() for f in m.findings], "error": m.error,
                                    "counts": None} for m in rep.models]}
                sub = {"models": {n: truth["models"][n] for n in held}}
                rows.update(scoring.score(sub, lint, {}, target, Path(a.models))["models"])
        finally:
            M.tables_dir = orig  # type: ignore[assignment]
            M.table.cache_clear()
    built = [r for r in rows.values() if r["build"] == "built"]
    n_true = sum(len(r["cpu_nodes"]) for r in built)
    n_pred = sum(len(r["predicted_cpu_nodes"]) for r in built)
    n_hit = sum(len(set(r["cpu_nodes"]) & set(r["predicted_cpu_nodes"])) for r in built)
    res = {"folds": a.folds, "models": len(rows), "built": len(built), "cpu_nodes": n_true, "predicted": n_pred,
           "recall_pct": round(100 * n_hit / n_true, 1) if n_true else None,
           "precision_pct": round(100 * n_hit / n_pred, 1) if n_pred else None,
           "command": "python calibration/mine_motifs.py " + " ".join(sys.argv[1:])}
    print(json.dumps(res))
    if a.rows:  # the held-out rows (missed and false CPU nodes per model), for analysis
        Path(a.rows).write_text(json.dumps(rows, indent=1))
    if a.results and Path(a.results).exists():  # recorded next to the in-sample figures
        doc = json.loads(Path(a.results).read_text())
        doc["summary"]["held_out"] = res
        Path(a.results).write_text(scoring._dump(doc))
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
    t.add_argument("--models", default="/work/calib/models", help="the exports the truth files built")
    t.add_argument("--cutouts", default=None, help="use the cut-outs in this folder (from mine) instead")
    t.add_argument("--truth", action="append", required=True)
    t.add_argument("--out", default=str(ROOT / "rules" / "motifs"))
    t.add_argument("--sections", default=None, help="comma list of the table sections to write (default: all)")
    s = sub.add_parser("specs", help="the motif set `rknnlint probe --motifs` measures")
    s.add_argument("--models", default="/work/calib/models")
    s.add_argument("--top", type=int, default=80, help="the N most frequent motif keys")
    s.add_argument("--sizes", type=int, default=2, help="input shapes per key (smallest, largest, middle)")
    s.add_argument("--out", default=str(ROOT / "rules" / "motifs" / "probe-motifs.json"))
    c = sub.add_parser("crossval")
    c.add_argument("--models", default="/work/calib/models")
    c.add_argument("--truth", required=True)
    c.add_argument("--folds", type=int, default=2)
    c.add_argument("--tables-from", default=None,
                   help="mine the tables from this truth file's builds (e.g. the family's float16 truth for an int8 row "
                        "checked with the float16 tables), leaving out the held-out fold's models")
    c.add_argument("--results", default=None, help="a results file of score.py to record the figures in")
    c.add_argument("--sections", default=None, help="score tables holding only these sections (as table --sections)")
    c.add_argument("--rows", default=None, help="write the held-out score rows per model (JSON) to this file")
    a = ap.parse_args(argv)
    return {"mine": cmd_mine, "table": cmd_table, "crossval": cmd_crossval, "specs": cmd_specs}[a.cmd](a)


if __name__ == "__main__":
    sys.exit(main())
