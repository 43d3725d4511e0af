"""`rknnlint export`: phase 2, a PyTorch model (or a pt package) to an RKNN-ready ONNX package: static
shapes from the source config, an opset inside the toolkit's window, constant folding, rank <= 4, the
post-processing head cut off; then `check` on the result. Writes the model, onnx_source.yaml (inherited
from training_source.yaml) and performance_onnx.json (torch vs onnxruntime on the same seeded inputs)."""
from __future__ import annotations

import argparse
import sys

from ..errors import UsageError
from .phase_table import add_measure_options


def add_parser(sub) -> None:
    p = sub.add_parser("export", help="phase 2: PyTorch to an RKNN-ready ONNX package, then check it",
                       description=__doc__)
    p.add_argument("model", nargs="?",
                   help="a pt package folder (from package-pt), or FILE.py:NAME, a pickled nn.Module, a TorchScript "
                        "file or an ultralytics checkpoint (with --source)")
    p.add_argument("--source", default=None, metavar="FILE", help="the pt phase's config (training_source.yaml)")
    p.add_argument("--weights", default=None, metavar="FILE", help="a state_dict to load into FILE.py:NAME's model")
    p.add_argument("--opset", type=int, default=None,
                   help="ONNX opset (default: the lowest of the target's recommended window that exports, from 12)")
    p.add_argument("--cut-head", default="auto", metavar="auto|zoo|none|T1,T2",
                   help="cut the post-processing off where rknnlint's head search says (auto, default), with the "
                        "outputs in rknn_model_zoo's layout (zoo), not at all (none), or at the named tensors")
    p.add_argument("--target", "-t", default=None, help="target platform for the opset window and the check "
                                                        "(default: the config's first target, else rk3588)")
    p.add_argument("--previous", default=None, metavar="JSON",
                   help="performance_pt.json to compare with (default: the pt package's)")
    p.add_argument("--models", default=None, metavar="LIST",
                   help="batch: a file with one pt package folder (or `MODEL SOURCE`) per line (each in -o DIR/<name>)")
    add_measure_options(p, "torch and onnxruntime")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..workflow.export import export_package
    from .phase_table import print_latency, run_batch

    if args.runs < 1 or args.threads < 1:
        raise UsageError("--runs and --threads must be at least 1")
    if bool(args.model) == bool(args.models):
        raise UsageError("give one MODEL or --models LIST")

    def one(model, source, out):
        return export_package(model, source, out, opset=args.opset, cut_head=args.cut_head, target=args.target,
                              samples=args.samples, runs=args.runs, threads=args.threads)

    if args.models:
        return run_batch(args.models, args.output, one)
    res = export_package(args.model, args.source, args.output, args.weights, args.opset, args.cut_head, args.target,
                         args.samples, args.previous, args.runs, args.threads)
    perf = res.performance
    print(f"{res.model}: onnx package in {res.out_dir} ({res.seconds:.1f} s): {', '.join(res.files)}")
    for note in res.notes:
        print(f"  {note}")
    rows = perf["torch_vs_onnxruntime"]
    cos = [r["cosine"] for r in rows if r["cosine"] is not None]
    print(f"  torch vs onnxruntime: min cosine {min(cos) if cos else 'n/a'}, max abs error "
          f"{max((r['max_abs_err'] for r in rows if r['max_abs_err'] is not None), default='n/a')}")
    print_latency(perf)
    prev = perf.get("previous")
    if prev and not prev["same_torch_outputs"]:
        print(f"  warning: the torch outputs differ from {prev['path']}: the model changed since the pt package",
              file=sys.stderr)
    return _check(res)


def _check(res) -> int:
    """`rknnlint check --source onnx_source.yaml` on the exported model, printed as check prints it."""
    from pathlib import Path

    import rknnlint

    from ..formatters import get_formatter, write_report
    from ..workflow.export import ONNX_SOURCE

    out = Path(res.out_dir)
    decided = res.performance
    model = out / decided["model"]
    from ..workflow.source import load_source

    cfg = load_source(out / ONNX_SOURCE)
    target = (cfg.extra.get("decided") or {}).get("target") or "rk3588"
    report = rknnlint.check(str(model), target=target, source=cfg)
    print(f"check ({target}):")
    write_report(report, get_formatter("text"), None)
    return report.exit_code
