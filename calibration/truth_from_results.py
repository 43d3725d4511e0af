"""A truth.json rebuilt from a committed results file, so a row can be re-scored where its truth is gone.

score.py keeps, per model, the real build's status, its first error line and every CPU layer (op type and the
layer table's FullName). That is all score.py reads from a truth, except which ONNX node each layer belongs to;
that is mapped again here by run_toolkit.map_layers (rknnlint/toolkit/owners.py), as a re-parse of the build log
would. The models must be the ones the row was built from (calibration/pretrained_set.py writes them again).

    python calibration/truth_from_results.py calibration/results/pretrained/rk3588-float16-2.5.0.json \\
        --models /work/calib/pretrained/models --out /work/calib/rescore/rk3588-float16-2.5.0/truth.json
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from run_toolkit import map_layers  # noqa: E402


def truth_of(results: dict[str, Any], models: Path) -> dict[str, Any]:
    """The truth a results file was scored from: status, error and CPU layers per model, layers mapped to nodes."""
    out: dict[str, Any] = {"target": results["target"], "dtype": results["dtype"], "toolkit": results["toolkit"],
                           "rebuilt_from": results.get("command"), "models": {}}
    for name, row in results["models"].items():
        layers = [{"op_type": lay["op_type"], "full_name": lay["full_name"], "target": "CPU"}
                  for lay in row.get("cpu_layers", [])]
        path = models / f"{name}.onnx"
        if layers and path.exists():
            map_layers(layers, str(path))
        out["models"][name] = {"status": row["build"], "error": row.get("build_error"),
                               "suggested_disable_rule": row.get("suggested_disable_rule"), "cpu_layers": layers}
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("results", type=Path, help="a calibration/results/**/<target>-<dtype>-<version>.json")
    ap.add_argument("--models", type=Path, required=True, help="the folder of <name>.onnx the row was built from")
    ap.add_argument("--out", type=Path, required=True)
    a = ap.parse_args(argv)
    truth = truth_of(json.loads(a.results.read_text()), a.models)
    missing = [n for n in truth["models"] if not (a.models / f"{n}.onnx").exists()]
    if missing:
        print(f"truth_from_results: {len(missing)} model(s) not in {a.models}: {', '.join(missing[:5])}",
              file=sys.stderr)
        return 2
    a.out.parent.mkdir(parents=True, exist_ok=True)
    a.out.write_text(json.dumps(truth, indent=1, sort_keys=True))
    print(f"{a.out}: {len(truth['models'])} models, "
          f"{sum(len(t['cpu_layers']) for t in truth['models'].values())} CPU layers")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
