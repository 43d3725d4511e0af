"""`rknnlint probe`: build a minimal model per ONNX op and variant with the real rknn-toolkit2 and write the
measured platform tables (rules/measured/<family>-<toolkit version>.yaml)."""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from ..errors import UsageError
from ..executors import add_executor_options, executor_from_args


def add_parser(sub) -> None:
    p = sub.add_parser("probe", help="measure op placement per NPU family with the installed rknn-toolkit2 (slow)",
                       description="Build one minimal ONNX model per op and variant with rknn-toolkit2 (a child process each), "
                                   "read the layer table and compare the simulator with onnxruntime; write "
                                   "<out>/measured/<family>-<toolkit version>.yaml.")
    p.add_argument("--target", "-t", default="rk3588", help="target platform, a comma list, or all (one per family); default rk3588")
    p.add_argument("--ops", default=None, help="comma list of ONNX op types to probe (default: every default-domain op at opset <= 19)")
    p.add_argument("--variants", default=None, metavar="NAME,...",
                   help="with --ops: probe only these variants and add them to the existing table (the ops' entries, "
                        "their first variant's outcome, stay)")
    p.add_argument("--out", default="rules", help="rules folder to write measured/<family>-<version>.yaml into (default: rules)")
    p.add_argument("--jobs", "-j", type=int, default=2, help="toolkit child processes at a time (default 2)")
    add_executor_options(p)
    p.add_argument("--timeout", type=float, default=120.0, help="seconds per model build before it is recorded as a failure")
    p.add_argument("--dry-run", action="store_true", help="probe and print the summary, write nothing")
    p.add_argument("--toolkit-version", default=None, metavar="V",
                   help="probe with this rknn-toolkit2 version's venv (docs/toolkit-versions.md); default: the installed one")
    p.add_argument("--motifs", action="store_true",
                   help="measure motifs in context instead of single ops: one minimal model per motif of --motif-set, "
                        "written to <out>/motifs/probed/<family>-<dtype>-<version>.yaml (docs/probe.md)")
    p.add_argument("--motif-set", default=None, metavar="FILE",
                   help="motif specs (default: rules/motifs/probe-motifs.json, from calibration/mine_motifs.py specs)")
    p.add_argument("--top", type=int, default=None, metavar="N", help="with --motifs: only the N most frequent motifs")
    p.set_defaults(func=run)


def _run_in_venv(args: argparse.Namespace, python: str) -> int:
    """The same probe, run by the python of another toolkit version's venv, with this rknnlint on its path."""
    import os
    import subprocess

    argv = [python, "-m", "rknnlint", "probe", "--target", args.target, "--out", str(Path(args.out).resolve()),
            "--jobs", str(args.jobs), "--timeout", str(args.timeout)]
    argv += (["--ops", args.ops] if args.ops else []) + (["--dry-run"] if args.dry_run else [])
    argv += ["--variants", args.variants] if args.variants else []
    argv += (["--motifs"] if args.motifs else []) + (["--top", str(args.top)] if args.top else [])
    argv += ["--motif-set", str(Path(args.motif_set).resolve())] if args.motif_set else []
    argv += ["--executor", args.executor] + (["--address", args.address] if args.address else [])
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(Path(__file__).resolve().parents[2]), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    return subprocess.run(argv, env=env).returncode


def _fmt_time(s: float) -> str:
    m, sec = divmod(int(round(s)), 60)
    return f"{m}m{sec:02d}s" if m else f"{s:.1f}s"


def run(args: argparse.Namespace) -> int:
    from ..platforms import families, installed_toolkit_version, resolve_targets

    if args.jobs < 1:
        raise UsageError("--jobs must be at least 1")
    if args.timeout <= 0:
        raise UsageError("--timeout must be positive")
    if args.toolkit_version:
        from ..toolkit.versions import python_for

        python = python_for(args.toolkit_version)
        if python is not None:
            return _run_in_venv(args, python)
    version = installed_toolkit_version()
    if not version:
        raise UsageError("rknn-toolkit2 is not installed; `rknnlint probe` needs it (pip install rknn-toolkit2)")
    if args.target.strip().lower() == "all":
        targets = [(p.targets[0], p) for p in families().values()]
    else:
        targets = resolve_targets(args.target)

    from .. import probe
    from ..probe import int8_only, toolkit_knows

    if args.motifs:
        return _run_motifs(args, version, targets)

    known = probe.all_ops()
    if args.ops:
        ops = [o.strip() for o in args.ops.split(",") if o.strip()]
        unknown = [o for o in ops if o not in known]
        if unknown:
            raise UsageError(f"unknown ONNX op {', '.join(unknown)} (default domain, opset <= 19)")
    else:
        ops = known
    for target, _ in targets:
        why = toolkit_knows(target)
        if why:
            raise UsageError(f"rknn-toolkit2 {version} does not know target '{target}': {why}")

    cases = probe.cases(ops)
    wanted = {v.strip() for v in (args.variants or "").split(",") if v.strip()}
    if wanted:
        if not args.ops:
            raise UsageError("--variants needs --ops")
        missing = wanted - {c.variant for c in cases}
        if missing:
            raise UsageError(f"no probe variant {', '.join(sorted(missing))} of {args.ops}")
        cases = [c for c in cases if c.variant in wanted]
    t_all = time.monotonic()
    for target, plat in targets:
        dtype = "int8" if int8_only(target) else "float16"
        print(f"probing {len(cases)} models ({len(ops)} ops) for {target} ({dtype}) with rknn-toolkit2 {version}, "
              f"{args.jobs} job(s) ...", flush=True)
        t0 = time.monotonic()

        def progress(r, done, total):
            if sys.stderr.isatty():
                print(f"\r  {done}/{total} {r.op}/{r.variant}".ljust(70), end="", file=sys.stderr, flush=True)

        results = probe.run_all(cases, target, jobs=args.jobs, timeout=args.timeout, progress=progress,
                                executor=executor_from_args(args, args.jobs))
        if sys.stderr.isatty():
            print(file=sys.stderr)
        took = time.monotonic() - t0
        table = probe.build_table(results, version, plat.family, target, dtype, took)
        counts = ", ".join(f"{n} {k}" for k, n in table["probe"]["placements"].items())
        print(f"{plat.family}: {len(table['ops'])} ops, {len(results)} models in {_fmt_time(took)}: {counts}")
        if not args.dry_run:
            path = Path(args.out) / "measured" / f"{plat.family}-{version}.yaml"
            if wanted:
                try:
                    table = probe.merge_variants(probe.read_table(path), table)
                except ValueError as e:
                    raise UsageError(f"{path}: {e}") from None
            else:
                table = probe.merge_tables(probe.read_table(path), table)
            probe.write_table(path, table)
            print(f"  wrote {path}")
    print(f"probe took {_fmt_time(time.monotonic() - t_all)}")
    return 0


def _shown(path: Path) -> str:
    """A motif set's path as a table cites it: relative to the rules folder's checkout when inside it."""
    from ..platforms import rules_dir

    try:
        return str(path.resolve().relative_to(Path(rules_dir()).resolve().parent))
    except ValueError:
        return str(path)


def _run_motifs(args: argparse.Namespace, version: str, targets) -> int:
    """`probe --motifs`: build one minimal model per motif spec per target and write the probed motif tables."""
    from .. import probe
    from ..probe import int8_only, toolkit_knows
    from ..probe import motif_probe as PM

    path = Path(args.motif_set) if args.motif_set else PM.default_specs_path()
    try:
        specs = PM.load_specs(path)
    except (OSError, ValueError, KeyError) as e:
        raise UsageError(f"cannot read the motif set {path}: {e}") from None
    if args.top is not None:
        if args.top < 1:
            raise UsageError("--top must be at least 1")
        keys = list(dict.fromkeys(s["key"] for s in specs))[:args.top]
        specs = [s for s in specs if s["key"] in set(keys)]
    for target, _ in targets:
        why = toolkit_knows(target)
        if why:
            raise UsageError(f"rknn-toolkit2 {version} does not know target '{target}': {why}")
    pairs = [(s, c) for s in specs for c in [PM.motif_case(s)] if c is not None]
    command = "rknnlint probe --motifs " + " ".join(a for a in sys.argv[1:] if a not in ("probe", "--motifs"))
    t_all = time.monotonic()
    for target, plat in targets:
        dtype = "int8" if int8_only(target) else "float16"
        n_keys = len({s["key"] for s, _ in pairs})
        print(f"probing {len(pairs)} motif models ({n_keys} motifs) for {target} ({dtype}) with rknn-toolkit2 "
              f"{version}, {args.jobs} job(s) ...", flush=True)
        t0 = time.monotonic()

        def progress(r, done, total, t0=t0):
            if sys.stderr.isatty():
                print(f"\r  {done}/{total} {r.variant}".ljust(70), end="", file=sys.stderr, flush=True)
            elif done % 20 == 0 or done == total:  # a log file: a line now and then
                print(f"  {done}/{total} ({_fmt_time(time.monotonic() - t0)})", file=sys.stderr, flush=True)

        results = probe.run_all([c for _, c in pairs], target, jobs=args.jobs, timeout=args.timeout,
                                progress=progress, executor=executor_from_args(args, args.jobs))
        if sys.stderr.isatty():
            print(file=sys.stderr)
        took = time.monotonic() - t0
        records = [PM.record(s, c, r) for (s, c), r in zip(pairs, results)]
        table = PM.build_table([s for s, _ in pairs], records, version, plat.family, target, dtype, took, command,
                               _shown(path))
        cpu = sum("cpu" in e["nodes"] for e in table["motifs"].values())
        print(f"{plat.family}: {len(table['motifs'])} motifs ({cpu} with a CPU node), {len(table['inputs'])} inputs, "
              f"{len(table['crashes'])} failing, {len(records)} models in {_fmt_time(took)}")
        if not args.dry_run:
            out = PM.table_path(args.out, plat.family, "int8" if dtype == "int8" else "float16", version)
            PM.write_table(out, table)
            print(f"  wrote {out}")
    print(f"probe took {_fmt_time(time.monotonic() - t_all)}")
    return 0
