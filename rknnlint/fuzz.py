"""Broken and hostile ONNX files for robustness testing: byte mutations and structural damage.

`python -m rknnlint.fuzz --iterations 2000 --seed 1 MODEL...` runs a longer campaign than CI does.
"""
from __future__ import annotations

import random
from collections.abc import Iterator

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


def main(argv: list[str] | None = None) -> int:
    import argparse
    import tempfile
    import time
    from pathlib import Path

    import rknnlint

    p = argparse.ArgumentParser(prog="python -m rknnlint.fuzz", description="Fuzz `rknnlint check` with broken models.")
    p.add_argument("models", nargs="+")
    p.add_argument("--iterations", type=int, default=200)
    p.add_argument("--seed", type=int, default=1)
    a = p.parse_args(argv)
    rng = random.Random(a.seed)
    ran = handled = 0
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as d:
        for model_path in a.models:
            data = Path(model_path).read_bytes()
            for _kind, blob in byte_mutations(data, rng, a.iterations):
                f = Path(d) / "fuzz.onnx"
                f.write_bytes(blob)
                ran += 1
                r = rknnlint.check(f)
                handled += 1 if r.exit_code in (0, 1, 2) else 0
    print(f"fuzz: {ran} cases ran, {handled} handled, {time.perf_counter() - start:.1f}s")
    return 0 if ran == handled else 1


if __name__ == "__main__":
    raise SystemExit(main())
