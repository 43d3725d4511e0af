"""`rknnlint package-pt`: phase 1, a trained PyTorch model to a package (training_source.yaml from the user's
metadata, performance_pt.json: torch outputs on seeded inputs, latency/FPS, accuracy on labelled samples)."""
from __future__ import annotations

import argparse

from ..errors import UsageError
from .phase_table import add_measure_options


def add_parser(sub) -> None:
    p = sub.add_parser("package-pt", help="phase 1: a PyTorch model to a pt package (training_source.yaml, performance_pt.json)",
                       description=__doc__)
    p.add_argument("model", nargs="?",
                   help="FILE.py:NAME (a factory or nn.Module class), a pickled nn.Module .pt, a TorchScript file "
                        "or an ultralytics checkpoint")
    p.add_argument("--source", default=None, metavar="FILE",
                   help="the model's metadata (inputs, color_order, mean, std, class_names...; phase pt); "
                        "an ultralytics checkpoint fills in what it fixes itself")
    p.add_argument("--weights", default=None, metavar="FILE", help="a state_dict to load into FILE.py:NAME's model")
    p.add_argument("--models", default=None, metavar="LIST",
                   help="batch: a file with one `MODEL SOURCE` per line (each package in -o DIR/<name>)")
    add_measure_options(p, "torch")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..workflow.pt_package import package_pt
    from .phase_table import print_latency, run_batch

    if args.runs < 1 or args.threads < 1:
        raise UsageError("--runs and --threads must be at least 1")
    if bool(args.model) == bool(args.models):
        raise UsageError("give one MODEL or --models LIST")
    if args.models:
        return run_batch(args.models, args.output, lambda m, s, o: package_pt(m, s, o, samples=args.samples, runs=args.runs, threads=args.threads))
    res = package_pt(args.model, args.source, args.output, args.weights, args.samples, args.runs, args.threads)
    print(f"{res.model}: pt package in {res.out_dir} ({res.seconds:.1f} s): {', '.join(res.files)}")
    print_latency(res.performance)
    return 0
