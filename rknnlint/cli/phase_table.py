"""What `package-pt`, `export` and `package` print: latency lines, and the one summary table of a batch."""
from __future__ import annotations

from pathlib import Path

from ..errors import RknnlintError, UsageError


def add_measure_options(p, runtimes: str) -> None:
    """--samples, --runs, --threads and -o, as package-pt and export both take them."""
    p.add_argument("--samples", default=None, metavar="FILE",
                   help="labelled samples for top-1 accuracy: one line per sample, FILE... LABEL")
    p.add_argument("--runs", type=int, default=20,
                   help="timed inferences per runtime for latency/FPS (default 20; fewer when they pass 5 s)")
    p.add_argument("--threads", type=int, default=1,
                   help=f"CPU threads of {runtimes} while measuring latency (default 1: comparable between phases "
                        "and machines, no OpenMP spin-waiting on a busy machine)")
    p.add_argument("-o", "--output", required=True, metavar="DIR", help="output folder (must not exist or be empty)")


def print_latency(perf: dict) -> None:
    for runtime, lat in perf.get("latency", {}).items():
        print(f"  {runtime}: median {lat['median_ms']} ms, {lat['fps']} FPS ({lat['runs']} runs, {lat.get('threads')} thread(s))")
    acc = perf.get("accuracy")
    if acc:
        print(f"  top-1 accuracy: {acc['top1']} on {acc['samples']} samples" if acc.get("top1") is not None
              else f"  accuracy: {acc['reason']}")


def _resolve(x: str, base: Path) -> str:
    """A list entry relative to the list's folder (FILE.py:NAME too)."""
    path, sep, name = x.rpartition(":")
    if sep and path.endswith(".py"):
        return f"{_resolve(path, base)}:{name}"
    return x if Path(x).is_absolute() else str(base / x)


def _lines(spec: str) -> list[list[str]]:
    p = Path(spec)
    if not p.is_file():
        raise UsageError(f"{spec}: no such model list")
    rows = []
    for ln in p.read_text(encoding="utf-8").splitlines():
        if ln.strip() and not ln.startswith("#"):
            parts = [_resolve(x, p.parent) for x in ln.split()]
            if len(parts) > 2:
                raise UsageError(f"{spec}: '{ln.strip()}': expected MODEL [SOURCE]")
            rows.append(parts)
    if not rows:
        raise UsageError(f"{spec}: no models")
    return rows


def run_batch(spec: str, output: str, one) -> int:
    """Every model of the list into output/<name>; one table (model, status, seconds, min cosine or
    latency, error) and exit 1 when any failed."""
    from ..workflow.pt_package import model_name

    out = Path(output)
    table = []
    for parts in _lines(spec):
        model, source = parts[0], parts[1] if len(parts) > 1 else None
        name = Path(model).name if Path(model).is_dir() else model_name(model)
        try:
            r = one(model, source, out / name)
            perf = r.performance
            cos = [x["cosine"] for x in perf.get("torch_vs_onnxruntime", []) if x.get("cosine") is not None]
            lat = next(iter(perf.get("latency", {}).values()), {})
            table.append((name, "ok", f"{r.seconds:.1f}", f"{min(cos):.6f}" if cos else "n/a",
                          f"{lat.get('median_ms')} ms"))
        except RknnlintError as e:
            table.append((name, "failed", "", "", str(e)))
    return print_summary(("model", "status", "s", "min cosine", "latency / error"), table)


def print_summary(head: tuple[str, ...], rows: list[tuple]) -> int:
    """A batch's one table (status in the second column) and its count line; exit 1 when any model failed."""
    widths = [max(len(str(r[i])) for r in [head, *rows]) for i in range(len(head))]
    for r in [head, *rows]:
        print("  ".join(str(c).ljust(w) for c, w in zip(r, widths)).rstrip())
    failed = sum(r[1] != "ok" for r in rows)
    print(f"{len(rows) - failed} packaged, {failed} failed")
    return 1 if failed else 0
