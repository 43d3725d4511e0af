"""Score `rknnlint check` against what the real toolkit did (the truth file from run_toolkit.py).

    python calibration/score.py --truth /work/calib/truth.json --models /work/calib/models \
        [--target rk3588] [--results calibration/results/rk3588-float16-2.5.0.json] [--report /work/calib/REPORT.md]

The target and dtype come from the truth file (run_toolkit.py --target / --dtype); the results file defaults to
calibration/results/<target>-<dtype>-<toolkit version>.json, which calibration/accuracy.py turns into docs/accuracy.md.

Figures, as issue 12 defines them:
- verdict agreement: rknnlint predicts "the build fails" when it reports any error-severity finding for
  the target; the truth is the real fp16 build as exported (built, or failed / crashed; a truth from
  run_toolkit.py --pin: built with load_onnx inputs / input_size_list, scored on calibration/pin_models.py's
  copies, `load: pinned` in the results). Models whose
  build timed out are left out.
- CPU-op recall: of the layers the real build put on the CPU (Input/OutputOperator excluded), the share
  named by a finding: a finding whose location is one of the ONNX nodes the layer's FullName points at,
  or, for a layer the toolkit inserted on a graph output or input (e.g. "Reshape:out-rs"), a finding on
  that value or on the node that produces it. Reported twice: counting findings of any severity, and
  counting only warnings and errors (the stricter figure; an info finding on a CPU node does not say "CPU").
- by node (issue 12): the CPU nodes of a built model are the ONNX nodes its CPU layers map to (a layer on a graph
  input counts as that input); the predicted nodes are those named by a warning or error of a placement rule
  (PLACEMENT: on a node, on a value = the node producing it, or on every node a finding lists in data["nodes"]).
  recall = CPU nodes predicted / CPU nodes; precision = predicted nodes that were on the CPU / predicted nodes,
  both summed over the built models.
- failure recall (failing builds predicted) and false alarms (built models predicted to fail).

Prints the figures and every disagreement; writes a small results JSON (per model: build result, CPU
layers, rknnlint verdict; no model files) and a Markdown report.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

_IO_OPS = ("InputOperator", "OutputOperator")
_SEV = {"info": 1, "warning": 2, "error": 3}
# the rules whose findings say "this runs on the CPU" (scored for placement precision)
PLACEMENT = frozenset({"RKN601", "RKN610", "RKN611"})


def run_rknnlint(models: list[Path], target: str, cwd: Path, dtype: str = "float16",
                 toolkit: str | None = None) -> tuple[dict[str, Any], float]:
    """One `rknnlint check --format json` over all models (cwd outside any project, so no config applies),
    for the toolkit version the truth was built with (its crash rules, IR window and measured tables)."""
    cmd = [sys.executable, "-m", "rknnlint"]
    cmd += ["check", "--format", "json", "--target", target, "--dtype", dtype, "--fail-on", "error",
            *(["--toolkit-version", toolkit] if toolkit else []), *map(str, models)]
    t0 = time.time()
    p = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    dt = time.time() - t0
    if p.returncode not in (0, 1):
        raise SystemExit(f"rknnlint check exited {p.returncode}: {p.stderr.strip()[-500:]}")
    return json.loads(p.stdout), dt


def family_of(name: str, manifest: dict[str, Any]) -> str:
    return manifest.get(name, {}).get("family") or name.split("_", 1)[0]


def _named_by(layer: dict[str, Any], findings: list[dict[str, Any]], min_sev: int) -> list[str]:
    nodes = set(layer.get("onnx_nodes") or [])
    idx = set(layer.get("onnx_node_index") or [])
    values = {v for v in (layer.get("graph_output"), layer.get("graph_input")) if v}
    codes = []
    for f in findings:
        if _SEV.get(f["severity"], 0) < min_sev:
            continue
        loc = f.get("location") or {}
        top = not loc.get("graph_path")
        hit = (loc.get("node_name") in nodes and top) or (loc.get("node_index") in idx and top)
        hit = hit or (loc.get("tensor") in values)
        if hit:
            codes.append(f["code"])
    return sorted(set(codes))


class NodeNames:
    """A model's top-level node names (name, or first output when nameless) and who produces each value."""

    def __init__(self, path: Path | None) -> None:
        self.names: list[str] = []
        self.producer: dict[str, int] = {}
        self.inputs: set[str] = set()
        self.index: dict[str, int] = {}
        if path is None or not path.exists():
            return
        import onnx

        g = onnx.load(str(path), load_external_data=False).graph
        self.names = [n.name or (n.output[0] if n.output else f"#{i}") for i, n in enumerate(g.node)]
        self.producer = {o: i for i, n in enumerate(g.node) for o in n.output if o}
        self.inputs = {i.name for i in g.input}
        self.index = {nm: i for i, nm in enumerate(self.names)}

    def value(self, name: str) -> str | None:
        if name in self.producer:
            return self.names[self.producer[name]]
        return f"input:{name}" if name in self.inputs else None


def truth_nodes(layers: list[dict[str, Any]], names: NodeNames) -> set[str]:
    """The nodes (or graph inputs, as 'input:<name>') the CPU layers map to; an unmapped layer keeps its FullName."""
    out = set()
    for lay in layers:
        idx = lay.get("onnx_node_index") or []
        if idx and idx[0] < len(names.names):
            out.add(names.names[idx[0]])
        elif lay.get("onnx_nodes"):
            out.add(lay["onnx_nodes"][0])
        elif lay.get("graph_input"):
            out.add(f"input:{lay['graph_input']}")
        else:
            out.add(f"layer:{lay['full_name']}")
    return out


def predicted_nodes(findings: list[dict[str, Any]], names: NodeNames) -> set[str]:
    """Nodes named by a warning or error of a placement rule (a value counts for its producer)."""
    out: set[str] = set()
    for f in findings:
        if f["code"] not in PLACEMENT or _SEV.get(f["severity"], 0) < 2:
            continue
        loc = f.get("location") or {}
        if loc.get("graph_path"):
            continue
        i = loc.get("node_index")
        if i is not None and 0 <= i < len(names.names):
            out.add(names.names[i])
        elif loc.get("node_name"):
            out.add(loc["node_name"])
        elif loc.get("tensor"):
            v = names.value(loc["tensor"])
            out.add(v or f"value:{loc['tensor']}")
        for n in (f.get("data") or {}).get("nodes") or []:
            out.add(n)
    return out


def score(truth: dict[str, Any], lint: dict[str, Any], manifest: dict[str, Any], target: str,
          models_dir: Path | None = None) -> dict[str, Any]:
    by_model = {Path(m["path"]).stem: m for m in lint["models"]}
    rows: dict[str, Any] = {}
    for name, t in sorted(truth["models"].items()):
        lm = by_model.get(name)
        if lm is None:
            continue
        findings = [f for f in lm.get("findings", []) if f.get("target") in (None, target)]
        errors = [f for f in findings if f["severity"] == "error"]
        man = manifest.get(name, {})
        names = NodeNames(models_dir / f"{name}.onnx" if models_dir else None)
        row: dict[str, Any] = {
            "family": family_of(name, manifest), "arch": man.get("arch"), "opset": man.get("opset"),
            "exporter": ("ultralytics" if man.get("ultralytics") else "dynamo" if man.get("dynamo") else "torchscript")
            if man else None,
            "dynamic": bool(man.get("dynamic") or (man.get("ultralytics") or {}).get("dynamic")),
            "fp16": bool(man.get("fp16")),
            "build": t["status"], "build_error": t.get("error") or None,
            "suggested_disable_rule": t.get("suggested_disable_rule"),
            "rknnlint_unreadable": lm.get("error"),
            "rknnlint_predicts_fail": bool(errors) or bool(lm.get("error")),
            "rknnlint_errors": [{"code": f["code"], "node": (f.get("location") or {}).get("node_name")
                                 or (f.get("location") or {}).get("tensor"), "message": f["message"]} for f in errors],
            "rknnlint_counts": lm.get("counts"),
            "cpu_layers": [],
        }
        for lay in t.get("cpu_layers", []):
            row["cpu_layers"].append({
                "op_type": lay["op_type"], "full_name": lay["full_name"], "onnx_op": lay.get("onnx_op"),
                "named_by": _named_by(lay, findings, 1), "named_by_warning": _named_by(lay, findings, 2)})
        if t["status"] == "built":
            tn_, pn_ = truth_nodes(t.get("cpu_layers", []), names), predicted_nodes(findings, names)
            row["cpu_nodes"] = sorted(tn_)
            row["predicted_cpu_nodes"] = sorted(pn_)
            row["false_cpu_nodes"] = sorted(pn_ - tn_)
            row["missed_cpu_nodes"] = sorted(tn_ - pn_)
        if t["status"] == "timeout":
            row["agrees"] = None
        else:
            row["agrees"] = row["rknnlint_predicts_fail"] == (t["status"] != "built")
        rows[name] = row

    scored = [r for r in rows.values() if r["agrees"] is not None]
    cpu = [(n, lay) for n, r in rows.items() if r["build"] == "built" for lay in r["cpu_layers"]]
    # the same, per (model, CPU op type): named when every layer of that type in the model is named
    pairs: dict[tuple[str, str], list[bool]] = {}
    per_model: dict[str, float] = {}
    for n, lay in cpu:
        v = pairs.setdefault((n, lay["op_type"]), [True, True])
        v[0] &= bool(lay["named_by"])
        v[1] &= bool(lay["named_by_warning"])
    for n, r in rows.items():
        if r["build"] == "built" and r["cpu_layers"]:
            per_model[n] = 100.0 * sum(bool(x["named_by"]) for x in r["cpu_layers"]) / len(r["cpu_layers"])
    fam = Counter(r["family"] for r in rows.values())
    fam_agree = defaultdict(lambda: [0, 0])
    for r in scored:
        fam_agree[r["family"]][0] += r["agrees"]
        fam_agree[r["family"]][1] += 1
    tp = sum(r["rknnlint_predicts_fail"] and r["build"] != "built" for r in scored)
    fp = sum(r["rknnlint_predicts_fail"] and r["build"] == "built" for r in scored)
    fn = sum(not r["rknnlint_predicts_fail"] and r["build"] != "built" for r in scored)
    tn = sum(not r["rknnlint_predicts_fail"] and r["build"] == "built" for r in scored)

    def pct(a: int, b: int) -> float | None:
        return round(100.0 * a / b, 1) if b else None

    built = [r for r in rows.values() if r["build"] == "built"]
    n_true = sum(len(r["cpu_nodes"]) for r in built)
    n_pred = sum(len(r["predicted_cpu_nodes"]) for r in built)
    n_hit = sum(len(set(r["cpu_nodes"]) & set(r["predicted_cpu_nodes"])) for r in built)

    summary = {
        "models": len(rows), "scored": len(scored),
        "builds": sum(r["build"] == "built" for r in rows.values()),
        "build_fails": sum(r["build"] in ("failed", "crashed") for r in rows.values()),
        "timeouts": sum(r["build"] == "timeout" for r in rows.values()),
        "verdict_agreement_pct": pct(sum(r["agrees"] for r in scored), len(scored)),
        "verdict_confusion": {"fail_predicted_and_failed": tp, "fail_predicted_but_built": fp,
                              "build_predicted_but_failed": fn, "build_predicted_and_built": tn},
        "failure_recall_pct": pct(tp, tp + fn),
        "false_alarms": fp,
        "cpu_nodes": n_true,
        "predicted_cpu_nodes": n_pred,
        "cpu_node_recall_pct": pct(n_hit, n_true),
        "cpu_node_precision_pct": pct(n_hit, n_pred),
        "cpu_layers": len(cpu),
        "cpu_recall_pct": pct(sum(bool(lay["named_by"]) for _, lay in cpu), len(cpu)),
        "cpu_recall_warning_pct": pct(sum(bool(lay["named_by_warning"]) for _, lay in cpu), len(cpu)),
        "cpu_op_types": len(pairs),
        "cpu_op_type_recall_pct": pct(sum(v[0] for v in pairs.values()), len(pairs)),
        "cpu_op_type_recall_warning_pct": pct(sum(v[1] for v in pairs.values()), len(pairs)),
        "models_with_cpu_layers": len(per_model),
        "cpu_recall_per_model_mean_pct": round(sum(per_model.values()) / len(per_model), 1) if per_model else None,
        "models_per_family": dict(sorted(fam.items())),
        "verdict_agreement_per_family": {k: f"{a}/{b}" for k, (a, b) in sorted(fam_agree.items())},
        "models_per_exporter": dict(sorted(Counter(str(r["exporter"]) for r in rows.values()).items())),
        "models_per_opset": {str(k): v for k, v in sorted(Counter(r["opset"] or 0 for r in rows.values()).items())},
        "dynamic_models": sum(r["dynamic"] for r in rows.values()),
        "fp16_models": sum(r["fp16"] for r in rows.values()),
    }
    return {"summary": summary, "models": rows}


def disagreements(res: dict[str, Any]) -> tuple[list[str], list[str]]:
    verdict, cpu = [], []
    for name, r in res["models"].items():
        if r["agrees"] is False:
            if r["rknnlint_predicts_fail"]:
                errs = "; ".join(f"{e['code']} {e['node'] or ''}: {e['message']}" for e in r["rknnlint_errors"][:3])
                verdict.append(f"{name}: BUILT, but rknnlint predicts failure: {errs or r['rknnlint_unreadable']}")
            else:
                verdict.append(f"{name}: {r['build'].upper()} `{r['build_error']}`, rknnlint predicts it builds")
        if r["build"] == "built":
            groups: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
            for lay in r["cpu_layers"]:
                if lay["named_by"] and lay["named_by_warning"]:
                    continue
                tag = "not named" if not lay["named_by"] else f"named only by info ({','.join(lay['named_by'])})"
                groups.setdefault((lay["op_type"], lay["onnx_op"] or "?", tag), []).append(lay)
            for (op, onnx_op, tag), lays in groups.items():
                more = f" (x{len(lays)})" if len(lays) > 1 else ""
                cpu.append(f"{name}: CPU {op}{more} from ONNX {onnx_op}, e.g. `{lays[0]['full_name']}`: {tag}")
    return verdict, cpu


def markdown(res: dict[str, Any], lint_seconds: float, target: str, toolkit: str | None) -> str:
    s = res["summary"]
    verdict, cpu = disagreements(res)
    false = [f"{n}: {', '.join(r['false_cpu_nodes'])}" for n, r in res["models"].items() if r.get("false_cpu_nodes")]
    out = [f"# rknnlint calibration: {target}, rknn-toolkit2 {toolkit}, {res.get('dtype', 'float16')} build "
           + ("pinned (load_onnx inputs / input_size_list; rknnlint on the copies with those dims)"
              if res.get("load") == "pinned" else "as exported"),
           "",
           f"- **by node: CPU recall {s['cpu_node_recall_pct']}% of {s['cpu_nodes']}, precision "
           f"{s['cpu_node_precision_pct']}% of {s['predicted_cpu_nodes']} predicted**; failure recall "
           f"{s['failure_recall_pct']}%, false alarms {s['false_alarms']}",
           f"- models: {s['models']} ({s['builds']} built, {s['build_fails']} failed/crashed, {s['timeouts']} timed out)",
           f"- **verdict agreement: {s['verdict_agreement_pct']}%** of {s['scored']} "
           f"(confusion: {s['verdict_confusion']})",
           f"- **CPU-op recall: {s['cpu_recall_pct']}%** of {s['cpu_layers']} CPU layers named by any finding; "
           f"{s['cpu_recall_warning_pct']}% by a warning or error",
           f"- CPU-op recall per (model, CPU op type): {s['cpu_op_type_recall_pct']}% of {s['cpu_op_types']} "
           f"(warning+: {s['cpu_op_type_recall_warning_pct']}%); mean per model: "
           f"{s['cpu_recall_per_model_mean_pct']}% over {s['models_with_cpu_layers']} models with CPU layers",
           f"- per family (models): {s['models_per_family']}",
           f"- per exporter: {s['models_per_exporter']}; per opset: {s['models_per_opset']}; "
           f"dynamic axes: {s['dynamic_models']}; fp16: {s['fp16_models']}",
           f"- verdict agreement per family: {s['verdict_agreement_per_family']}",
           f"- `rknnlint check` on all {s['models']} models: {lint_seconds:.1f} s", "",
           f"## Verdict disagreements ({len(verdict)})", ""]
    out += [f"- {v}" for v in verdict] or ["none"]
    out += ["", f"## CPU layers not named by a warning/error ({len(cpu)} groups)", ""]
    out += [f"- {c}" for c in cpu] or ["none"]
    out += ["", f"## Nodes predicted on the CPU that the build ran on the NPU ({len(false)} models)", ""]
    out += [f"- {c}" for c in false] or ["none"]
    out += ["", "## All models", "", "| model | build | error / CPU layers | rknnlint | agrees |", "|---|---|---|---|---|"]
    for name, r in res["models"].items():
        what = r["build_error"] or ", ".join(f"{x['op_type']}({x['full_name'].split(':', 1)[-1]})"
                                             for x in r["cpu_layers"]) or "-"
        pred = "fails: " + ",".join(sorted({e["code"] for e in r["rknnlint_errors"]})) if r["rknnlint_predicts_fail"] \
            else "builds"
        out.append(f"| {name} | {r['build']} | {what.replace('|', '/')[:160]} | {pred} | "
                   f"{'yes' if r['agrees'] else 'n/a' if r['agrees'] is None else '**NO**'} |")
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--truth", default="/work/calib/truth.json")
    ap.add_argument("--models", default="/work/calib/models")
    ap.add_argument("--target", default=None, help="default: the truth file's target")
    ap.add_argument("--results", default=None,
                    help="default: calibration/results/<target>-<dtype>-<toolkit version>.json")
    ap.add_argument("--report", default="/work/calib/REPORT.md")
    ap.add_argument("--notes", default="/work/calib/NOTES.md", help="appended to the report when it exists")
    a = ap.parse_args(argv)
    if not Path(a.truth).is_file():
        raise SystemExit(f"no truth file {a.truth}: run calibration/run_toolkit.py first (see calibration/README.md)")
    truth = json.loads(Path(a.truth).read_text())
    target = a.target or truth.get("target", "rk3588")
    dtype = truth.get("dtype", "float16")
    results = Path(a.results) if a.results else (
        Path(__file__).with_name("results") / f"{target}-{dtype}-{truth.get('toolkit')}.json")
    mdir = Path(a.models)
    man_p = mdir / "manifest.json"
    manifest = json.loads(man_p.read_text()) if man_p.exists() else {}
    paths = [mdir / f"{n}.onnx" for n in sorted(truth["models"]) if (mdir / f"{n}.onnx").exists()]
    lint, dt = run_rknnlint(paths, target, mdir, dtype, truth.get("toolkit"))
    res = score(truth, lint, manifest, target, mdir)
    res = {"target": target, "dtype": dtype, "toolkit": truth.get("toolkit"),
           **({"load": "pinned"} if truth.get("load") == "pinned" else {}),
           "rknnlint": lint.get("tool", {}).get("version"), "rknnlint_commit": _git_head(),
           "command": "python calibration/score.py " + " ".join(argv if argv is not None else sys.argv[1:]), **res}
    results.parent.mkdir(parents=True, exist_ok=True)
    results.write_text(_dump(res))
    md = markdown(res, dt, target, truth.get("toolkit"))
    if a.report:
        notes = Path(a.notes) if a.notes else None
        if notes and notes.is_file():
            md += "\n" + notes.read_text()
        Path(a.report).write_text(md)
    s = res["summary"]
    print(f"by node: CPU recall {s['cpu_node_recall_pct']}% of {s['cpu_nodes']}, precision "
          f"{s['cpu_node_precision_pct']}% of {s['predicted_cpu_nodes']}; failure recall {s['failure_recall_pct']}%, "
          f"false alarms {s['false_alarms']}")
    print(f"verdict agreement {s['verdict_agreement_pct']}% of {s['scored']} models; CPU recall "
          f"{s['cpu_recall_pct']}% (warning+: {s['cpu_recall_warning_pct']}%) of {s['cpu_layers']} CPU layers; "
          f"per (model, op type) {s['cpu_op_type_recall_pct']}% of {s['cpu_op_types']}")
    verdict, cpu = disagreements(res)
    for line in verdict + cpu:
        print("  " + line)
    return 0


def _dump(res: dict[str, Any]) -> str:
    """JSON with one line per model, so the committed file stays small and diffs read per model."""
    head = {k: v for k, v in res.items() if k != "models"}
    lines = json.dumps(head, indent=1).rstrip("}").rstrip() + ',\n "models": {\n'
    rows = [f"  {json.dumps(n)}: {json.dumps(r, separators=(',', ':'))}" for n, r in res["models"].items()]
    return lines + ",\n".join(rows) + "\n }\n}\n"


def _git_head() -> str | None:
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=os.path.dirname(os.path.abspath(__file__)),
                              capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None


if __name__ == "__main__":
    sys.exit(main())
