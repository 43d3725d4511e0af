"""Broken and hostile ONNX files for robustness testing: byte mutations and structural damage.

`python -m rknnlint.fuzz [--command fix] --iterations 2000 --seed 1 MODEL...` runs a longer campaign than CI
does and prints how many cases ran and how many were handled.
"""
from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import onnx
from onnx import TensorProto, helper


def byte_mutations(data: bytes, rng: random.Random, n: int) -> Iterator[tuple[str, bytes]]:
    """Truncations, flipped bytes, inserted and deleted runs of a serialized model."""
    for _ in range(n):
        kind = rng.choice(("truncate", "flip", "insert", "delete", "zero"))
        b = bytearray(data)
        if kind == "truncate":
            yield kind, bytes(b[: rng.randrange(0, max(1, len(b)))])
            continue
        pos = rng.randrange(0, max(1, len(b)))
        if kind == "flip":
            for _ in range(rng.randint(1, 8)):
                i = rng.randrange(0, len(b))
                b[i] ^= 1 << rng.randrange(8)
        elif kind == "insert":
            b[pos:pos] = rng.randbytes(rng.randint(1, 64))
        elif kind == "delete":
            del b[pos: pos + rng.randint(1, 64)]
        else:
            b[pos: pos + 16] = bytes(min(16, len(b) - pos))
        yield kind, bytes(b)


def _copy(model: onnx.ModelProto) -> onnx.ModelProto:
    m = onnx.ModelProto()
    m.CopyFrom(model)
    return m


def structural_mutations(model: onnx.ModelProto, rng: random.Random) -> Iterator[tuple[str, onnx.ModelProto]]:
    """Models that parse but are wrong: dangling edges, cycles, duplicate names, odd dims, empty graphs, deep nesting."""
    g = model.graph
    nodes = list(g.node)

    m = _copy(model)
    if m.graph.node:
        n = m.graph.node[rng.randrange(len(m.graph.node))]
        if n.input:
            n.input[0] = "does_not_exist"
    yield "dangling-input", m

    m = _copy(model)
    if len(m.graph.node) >= 2:
        a, b = m.graph.node[0], m.graph.node[-1]
        if a.input and b.output:
            a.input[0] = b.output[0]
    yield "cycle", m

    m = _copy(model)
    for n in m.graph.node:
        n.name = "same"
        if n.output:
            n.output[0] = n.output[0] if rng.random() < 0.5 else "dup"
    yield "duplicate-names", m

    for dims in ([-5, 3, 224, 224], [2**40, 3, 8, 8], [0, 0, 0, 0], [1], [1, 3, 2**31, 2**31]):
        m = _copy(model)
        for vi in m.graph.input:
            if vi.type.HasField("tensor_type"):
                vi.type.tensor_type.shape.ClearField("dim")
                for d in dims:
                    vi.type.tensor_type.shape.dim.add().dim_value = d
        yield f"dims{dims}", m

    m = _copy(model)
    for vi in list(m.graph.input) + list(m.graph.output):
        if vi.type.HasField("tensor_type"):
            vi.type.tensor_type.elem_type = rng.choice((TensorProto.STRING, TensorProto.BOOL, 0, 99))
    yield "wrong-types", m

    m = _copy(model)
    del m.graph.input[:]
    yield "missing-inputs", m

    m = _copy(model)
    del m.graph.node[:]
    yield "empty-graph", m

    m = _copy(model)
    for n in m.graph.node:
        if n.attribute:
            a = n.attribute[0]
            a.type = onnx.AttributeProto.STRINGS
            a.strings.append(b"garbage")
    yield "bad-attributes", m

    m = _copy(model)
    m.opset_import[0].version = rng.choice((0, 1, 99, -3))
    yield "bad-opset", m

    m = _copy(model)
    if m.graph.initializer:
        t = m.graph.initializer[0]
        t.raw_data = t.raw_data[: len(t.raw_data) // 2]
        t.dims.append(7)
    yield "short-initializer", m

    # subgraphs nested deep
    leaf = helper.make_graph([helper.make_node("Identity", ["c"], ["o"])], "leaf", [],
                             [helper.make_tensor_value_info("o", TensorProto.BOOL, [])])
    inner = leaf
    for depth in range(30):
        node = helper.make_node("If", ["c"], [f"o{depth}"], then_branch=inner, else_branch=leaf)
        inner = helper.make_graph([node], f"d{depth}", [], [helper.make_tensor_value_info(f"o{depth}", TensorProto.BOOL, [])])
    m = _copy(model)
    m.graph.node.extend(inner.node)
    m.graph.input.append(helper.make_tensor_value_info("c", TensorProto.BOOL, []))
    yield "deep-subgraphs", m
    del nodes


@dataclass
class FuzzReport:
    """What a campaign did: every case is handled (worked, findings, or one-line exit 2 within the time bound)
    or counted by what went wrong."""

    command: str
    ran: int = 0
    handled: int = 0
    by_code: dict[int, int] = field(default_factory=dict)
    hangs: list[str] = field(default_factory=list)
    tracebacks: list[str] = field(default_factory=list)
    internal_errors: list[str] = field(default_factory=list)
    bad_exit: list[str] = field(default_factory=list)
    peak_mb: float = 0.0
    seconds: float = 0.0

    def line(self) -> str:
        codes = ", ".join(f"exit {k}: {v}" for k, v in sorted(self.by_code.items()))
        bad = (f"; {len(self.hangs)} over the time bound, {len(self.tracebacks)} tracebacks or multi-line errors, "
               f"{len(self.internal_errors)} internal errors, {len(self.bad_exit)} other exit codes")
        return (f"fuzz {self.command}: {self.ran} cases ran, {self.handled} handled ({codes}){bad}; "
                f"peak worker memory {self.peak_mb:.0f} MB; {self.seconds:.1f}s")


def _worker(conn, command: str) -> None:
    """Runs `rknnlint COMMAND CASE` in-process for each case the parent sends. What native code (onnxruntime,
    onnx) writes to the stderr descriptor is collected with Python's: the user sees both."""
    import contextlib
    import io
    import os
    import tempfile

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    native = tempfile.TemporaryFile()
    os.dup2(native.fileno(), 2)
    os.environ.pop("RKNNLINT_DEBUG", None)
    from rknnlint.cli import main

    while True:
        job = conn.recv()
        if job is None:
            return
        case, out = job
        args = [command, case] + (["-q", "-o", out] if command == "fix" else [])
        err = io.StringIO()
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
            try:
                code = main(args)
            except BaseException as e:  # noqa: BLE001 - anything escaping main is what the fuzz looks for
                code = -1
                err.write(f"Traceback (escaped main): {type(e).__name__}: {e}\n")
        peak = int(next(x for x in open("/proc/self/status") if x.startswith("VmHWM")).split()[1]) / 1024
        native.seek(0)
        text = native.read().decode("utf-8", "replace")
        native.seek(0)
        native.truncate()
        conn.send((code, text + err.getvalue(), peak))


class _Runner:
    """A forked worker process running the cases one by one; killed and replaced when a case overruns."""

    def __init__(self, command: str):
        import multiprocessing as mp

        self.command, self.ctx, self.proc = command, mp.get_context("fork"), None

    def _start(self):
        self.conn, child = self.ctx.Pipe()
        self.proc = self.ctx.Process(target=_worker, args=(child, self.command), daemon=True)
        self.proc.start()
        child.close()

    def run(self, case: str, out: str, time_bound: float):
        if self.proc is None or not self.proc.is_alive():
            self._start()
        self.conn.send((case, out))
        if self.conn.poll(time_bound):
            try:
                return self.conn.recv()
            except EOFError:  # the worker died (a crash in native code)
                self.proc = None
                return -2, "worker died", 0.0
        self.close(kill=True)
        return None

    def close(self, kill: bool = False):
        if self.proc is None:
            return
        if kill:
            self.proc.kill()
        else:
            try:
                self.conn.send(None)
            except OSError:
                pass
        self.proc.join(10)
        self.proc = None


def cases(models: list[Path], iterations: int, seed: int) -> Iterator[tuple[str, bytes]]:
    """(label, serialized model): `iterations` byte mutations and every structural mutation of each model."""
    rng = random.Random(seed)
    for model_path in models:
        data = Path(model_path).read_bytes()
        for i, (kind, blob) in enumerate(byte_mutations(data, rng, iterations)):
            yield f"{Path(model_path).name} bytes#{i} {kind}", blob
        model = onnx.load(model_path, load_external_data=False)
        for kind, m in structural_mutations(model, random.Random(rng.randrange(1 << 30))):
            yield f"{Path(model_path).name} {kind}", m.SerializeToString()


def campaign(models: list[Path], command: str = "check", iterations: int = 200, seed: int = 1,
             time_bound: float = 20.0) -> FuzzReport:
    """Run `rknnlint COMMAND` on broken variants of `models` in a worker process, each within `time_bound`."""
    import tempfile
    import time

    rep = FuzzReport(command)
    start = time.perf_counter()
    runner = _Runner(command)
    try:
        with tempfile.TemporaryDirectory(prefix="rknnlint-fuzz-") as d:
            for label, blob in cases(models, iterations, seed):
                f = Path(d) / "fuzz.onnx"
                f.write_bytes(blob)
                rep.ran += 1
                res = runner.run(str(f), str(Path(d) / "out.onnx"), time_bound)
                for p in Path(d).iterdir():
                    if p.name != "fuzz.onnx":
                        p.unlink() if p.is_file() else None
                if res is None:
                    rep.hangs.append(label)
                    continue
                code, err, peak = res
                rep.peak_mb = max(rep.peak_mb, peak)
                lines = [x for x in err.splitlines() if x.strip()]
                if "Traceback" in err or len(lines) > 1:  # native log lines count too
                    rep.tracebacks.append(f"{label}: {lines[-1] if lines else err[:200]}")
                elif lines and lines[0].startswith("rknnlint: internal error"):
                    rep.internal_errors.append(f"{label}: {lines[0]}")
                elif code not in (0, 1, 2) or (code == 2 and not lines):
                    rep.bad_exit.append(f"{label}: exit {code}")
                else:
                    rep.handled += 1
                    rep.by_code[code] = rep.by_code.get(code, 0) + 1
    finally:
        runner.close()
    rep.seconds = time.perf_counter() - start
    return rep


def main(argv: list[str] | None = None) -> int:
    import argparse

    p = argparse.ArgumentParser(prog="python -m rknnlint.fuzz",
                                description="Fuzz `rknnlint check` or `rknnlint fix` with broken variants of models: "
                                            "byte mutations and structural damage. Exit 0 when every case was "
                                            "handled (worked, or exit 2 with one line, within the time bound).")
    p.add_argument("models", nargs="+", type=Path)
    p.add_argument("--command", choices=("check", "fix"), default="check")
    p.add_argument("--iterations", type=int, default=200, help="byte mutations per model (default 200)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--time-bound", type=float, default=20.0, metavar="S", help="seconds per case (default 20)")
    a = p.parse_args(argv)
    rep = campaign(a.models, a.command, a.iterations, a.seed, a.time_bound)
    print(rep.line())
    for what, items in (("over the time bound", rep.hangs), ("traceback", rep.tracebacks),
                        ("internal error", rep.internal_errors), ("exit code", rep.bad_exit)):
        for item in items:
            print(f"  {what}: {item}")
    return 0 if rep.ran == rep.handled else 1


if __name__ == "__main__":
    raise SystemExit(main())
