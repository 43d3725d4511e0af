"""Re-score committed calibration rows whose truth files are gone: old -> new figures per row and per model.

For each committed results file (calibration/results/**/<target>-<dtype>-<version>.json) it rebuilds the row's
truth with truth_from_results.py from the models exported again (export_models.py, export_unseen2.py, or
pretrained_set.py: random or real weights, the node names must be the ones built), scores it with score.py, and
prints the committed figures against the new ones (CPU-node recall and precision, verdict agreement, failure recall,
false alarms) and every model whose verdict, missed or false CPU nodes changed.

    python calibration/rescore.py calibration/results/rk3588-float16-2.5.0.json ... \\
        --models /work/calib/models --out /work/calib/rescore-exports [--at-row-commit] [--update]

--at-row-commit scores with the code of the commit that wrote each row (the last commit of the row file, checked
out detached under --out/checkouts/), which must give the committed figures again: a model whose committed CPU nodes
the rebuilt truth does not reproduce, or whose scoring differs there, was exported differently from the one built
(listed as `differs`; --drop-differing leaves such models out of the rebuilt truth). --repo scores with another
checkout (default: this one). --update writes the new scoring over the committed row (score.py --results; its
held-out figures go: re-run mine_motifs.py crossval on the rebuilt truth).
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"
FIGS = (("cpu_node_recall_pct", "recall"), ("cpu_node_precision_pct", "precision"),
        ("verdict_agreement_pct", "verdict"), ("failure_recall_pct", "fail-recall"), ("false_alarms", "false-alarms"))


def row_name(row: Path) -> str:
    """unseen/rk3588-float16-2.5.0.json -> unseen-rk3588-float16-2.5.0"""
    try:
        rel = row.resolve().relative_to(RESULTS)
    except ValueError:
        rel = Path(row.name)
    return str(rel.with_suffix("")).replace(os.sep, "-")


def checkout(repo: Path, commit: str, where: Path) -> Path:
    """A detached worktree of repo at commit (made once, reused)."""
    path = where / commit
    if not (path / "calibration" / "score.py").exists():
        where.mkdir(parents=True, exist_ok=True)
        subprocess.run(["git", "-C", str(repo), "worktree", "add", "--detach", "-f", str(path), commit],
                       check=True, capture_output=True)
    return path


def row_commit(repo: Path, row: Path, committed: dict[str, Any]) -> tuple[str, str]:
    """The commit whose code wrote the row: the last commit that changed the row file (a row is committed with the
    tables and code that scored it; its `rknnlint_commit` is the HEAD it was scored on, which may lack tables still
    uncommitted then, or be rebased away), else its `rknnlint_commit`."""
    last = subprocess.run(["git", "-C", str(row.resolve().parent), "log", "-1", "--format=%h", "--", row.name],
                          capture_output=True, text=True).stdout.strip()
    if last:
        return last, f"last commit of the row file; rknnlint_commit {committed.get('rknnlint_commit')}"
    return committed.get("rknnlint_commit") or "HEAD", "rknnlint_commit"


def run_score(code: Path, truth: Path, models: Path, results: Path, report: Path | None = None) -> dict[str, Any]:
    """score.py of checkout `code` (its rknnlint on PYTHONPATH) on truth; returns the results it wrote."""
    env = dict(os.environ, PYTHONPATH=str(code))
    cmd = [sys.executable, str(code / "calibration" / "score.py"), "--truth", str(truth), "--models", str(models),
           "--results", str(results), "--report", str(report or results.with_suffix(".md")), "--notes", ""]
    p = subprocess.run(cmd, cwd=code, env=env, capture_output=True, text=True)
    results.with_suffix(".log").write_text(p.stdout + p.stderr)
    if p.returncode != 0:
        raise RuntimeError(f"score.py at {code} failed: {p.stderr.strip()[-400:]}")
    return json.loads(results.read_text())


def differing_models(committed: dict[str, Any], truth: dict[str, Any], models: Path) -> dict[str, str]:
    """Models the rebuilt truth cannot stand for: missing, or whose CPU layers map to other nodes than committed."""
    sys.path.insert(0, str(HERE))
    from score import NodeNames, truth_nodes

    out: dict[str, str] = {}
    for name, row in committed["models"].items():
        if not (models / f"{name}.onnx").exists():
            out[name] = "not exported"
            continue
        if row.get("build") != "built" or "cpu_nodes" not in row:
            continue
        now = truth_nodes(truth["models"][name]["cpu_layers"], NodeNames(models / f"{name}.onnx"))
        if now != set(row["cpu_nodes"]):
            out[name] = f"CPU nodes {sorted(set(row['cpu_nodes']) - now)} -> {sorted(now - set(row['cpu_nodes']))}"
    return out


def model_changes(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """One line per model whose verdict, missed or false CPU nodes differ between two scorings."""
    lines = []
    for name, o in old["models"].items():
        n = new["models"].get(name)
        if n is None:
            continue
        parts = []
        if o.get("agrees") != n.get("agrees") or o.get("rknnlint_predicts_fail") != n.get("rknnlint_predicts_fail"):
            parts.append(f"verdict {'fail' if o.get('rknnlint_predicts_fail') else 'build'} -> "
                         f"{'fail' if n.get('rknnlint_predicts_fail') else 'build'} (real: {n.get('build')}; "
                         f"{', '.join(e['code'] for e in n.get('rknnlint_errors') or []) or '-'})")
        for key, label in (("missed_cpu_nodes", "missed"), ("false_cpu_nodes", "false")):
            a, b = set(o.get(key) or []), set(n.get(key) or [])
            if a != b:
                parts.append(f"{label} " + " ".join([f"+{x}" for x in sorted(b - a)] + [f"-{x}" for x in sorted(a - b)]))
        if parts:
            lines.append(f"    {name}: {'; '.join(parts)}")
    return lines


def figures(s: dict[str, Any]) -> dict[str, Any]:
    return {k: s.get(k) for k, _ in FIGS} | {"cpu_nodes": s.get("cpu_nodes"),
                                             "predicted_cpu_nodes": s.get("predicted_cpu_nodes")}


def line(old: dict[str, Any], new: dict[str, Any]) -> str:
    o, n = figures(old["summary"]), figures(new["summary"])
    out = [f"{label} {o[k]}->{n[k]}" + ("" if o[k] == n[k] else " *") for k, label in FIGS]
    return f"{', '.join(out)} (CPU nodes {o['cpu_nodes']}->{n['cpu_nodes']}, predicted " \
           f"{o['predicted_cpu_nodes']}->{n['predicted_cpu_nodes']})"


def worse(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    o, n = old["summary"], new["summary"]
    lost = [label for k, label in FIGS[:4] if (n.get(k) or 0) < (o.get(k) or 0)]
    if (n.get("false_alarms") or 0) > (o.get("false_alarms") or 0):
        lost.append("false alarms")
    return lost


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("rows", nargs="+", type=Path, help="committed calibration/results/**/*.json")
    ap.add_argument("--models", type=Path, required=True, help="the exported models the rows were built from")
    ap.add_argument("--out", type=Path, default=Path("/work/calib/rescore-exports"))
    ap.add_argument("--repo", type=Path, default=HERE.parent, help="the checkout whose code scores (default: this)")
    ap.add_argument("--at-row-commit", action="store_true", help="also score with the commit that wrote each row")
    ap.add_argument("--drop-differing", action="store_true",
                    help="leave out of the truth the models the rebuilt truth does not reproduce")
    ap.add_argument("--reuse", action="store_true",
                    help="take the row's-commit scoring from an earlier run's --out (the truth is rebuilt the same)")
    ap.add_argument("--label", default="now", help="the new scoring's file name under --out/<row>/ (now.json)")
    ap.add_argument("--update", action="store_true", help="write the new scoring over the committed row")
    a = ap.parse_args(argv)
    sys.path.insert(0, str(HERE.parent))
    sys.path.insert(0, str(HERE))
    from truth_from_results import truth_of

    summary: list[str] = []
    for row in a.rows:
        name = row_name(row)
        committed = json.loads(row.read_text())
        d = a.out / name
        d.mkdir(parents=True, exist_ok=True)
        truth = truth_of(committed, a.models)
        differs = differing_models(committed, truth, a.models)
        (d / "truth.json").write_text(json.dumps(truth, indent=1, sort_keys=True))
        print(f"{name} ({len(truth['models'])} models; committed by {committed.get('rknnlint_commit')})")
        base, code = committed, None
        if a.at_row_commit:
            commit, how = row_commit(a.repo, row, committed)
            code = checkout(a.repo, commit, a.out / "checkouts")
            then = (json.loads((d / "at-commit.json").read_text()) if a.reuse and (d / "at-commit.json").exists()
                    else run_score(code, d / "truth.json", a.models, d / "at-commit.json"))
            print(f"  at {commit} ({how}): {line(committed, then)}")
            for ln in model_changes(committed, then):
                print(ln)
                differs.setdefault(ln.split(":", 1)[0].strip(), "scored apart at the row's commit:" + ln.split(":", 1)[1])
        for m, why in sorted(differs.items()):
            print(f"    differs {m}: {why}" + (" (dropped)" if a.drop_differing else ""))
        scored = d / "truth.json"
        if a.drop_differing and differs:
            # the comparison on the models that reproduce: the row's commit scores the reduced truth as the baseline
            kept = dict(truth, models={m: t for m, t in truth["models"].items() if m not in differs})
            scored = d / "truth-kept.json"
            scored.write_text(json.dumps(kept, indent=1, sort_keys=True))
            if code is not None:
                base = (json.loads((d / "at-commit-kept.json").read_text())
                        if a.reuse and (d / "at-commit-kept.json").exists()
                        else run_score(code, scored, a.models, d / "at-commit-kept.json"))
                print(f"  at the row's commit without them: {line(committed, base)}")
        now = run_score(a.repo, scored, a.models, d / f"{a.label}.json")
        print(f"  {a.label}: {line(base, now)}")
        for ln in model_changes(base, now):
            print(ln)
        lost = worse(base, now)
        summary.append(f"{name:32s} {line(base, now)}" + (f"  LOST {', '.join(lost)}" if lost else "")
                       + (f"  ({len(differs)} differing model(s) {'left out' if a.drop_differing else 'kept'})"
                          if differs else ""))
        if a.update:  # every model as exported now (a differing one is scored as it is now)
            run_score(a.repo, d / "truth.json", a.models, row.resolve(), d / "now.md")
    print()
    print("\n".join(summary))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
