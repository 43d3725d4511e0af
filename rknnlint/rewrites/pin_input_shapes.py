"""pin-input-shapes: give dynamic input dims fixed sizes, fold the shape arithmetic that becomes constant,
and remove dead nodes and unused initializers."""
from __future__ import annotations

import ast

import onnx

from ..pinned import _dims, _shown  # one reading of an input's declared dims, as `check --input-shape`
from ._base import (
    Applicability,
    Rewrite,
    RewriteOptions,
    RewriteRefused,
    RewriteResult,
    clear_output_shapes,
    copy_model,
    drop_value_info,
    infer,
    register_rewrite,
    weightless,
)


def _metadata_hw(model: onnx.ModelProto) -> tuple[int, int] | None:
    """The image size an exporter recorded in the model's metadata (ultralytics: imgsz = [640, 640])."""
    meta = {p.key: p.value for p in model.metadata_props}
    for key in ("imgsz", "img_size", "image_size", "input_size"):
        if key in meta:
            try:
                v = ast.literal_eval(meta[key])
            except (ValueError, SyntaxError):
                continue
            if isinstance(v, int):
                return v, v
            if isinstance(v, (list, tuple)) and len(v) == 2 and all(isinstance(x, int) and x > 0 for x in v):
                return int(v[0]), int(v[1])
    return None


def _symbols(expr: str) -> set[str]:
    try:
        tree = ast.parse(expr, mode="eval")
    except SyntaxError:
        return set()
    return {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}


_OPS = {ast.Add: lambda a, b: a + b, ast.Sub: lambda a, b: a - b, ast.Mult: lambda a, b: a * b,
        ast.FloorDiv: lambda a, b: a // b, ast.Mod: lambda a, b: a % b}


def _evaluate(expr: str, values: dict[str, int]) -> int | None:
    """An exporter's dim expression ('2*s0', 's0 + 1', '(s1//2)') at known symbol values; None when it is
    not integer arithmetic of known symbols."""

    def ev(n):
        if isinstance(n, ast.Expression):
            return ev(n.body)
        if isinstance(n, ast.Constant) and isinstance(n.value, int):
            return n.value
        if isinstance(n, ast.Name):
            return values[n.id]
        if isinstance(n, ast.BinOp) and type(n.op) in _OPS:
            return _OPS[type(n.op)](ev(n.left), ev(n.right))
        if isinstance(n, ast.UnaryOp) and isinstance(n.op, ast.USub):
            return -ev(n.operand)
        raise ValueError(expr)

    try:
        return int(ev(ast.parse(expr, mode="eval")))
    except (SyntaxError, ValueError, KeyError, ZeroDivisionError, RecursionError):
        return None


def solve_symbols(model: onnx.ModelProto, given: dict[str, tuple[int, ...]]) -> dict[str, int]:
    """Symbol -> value from the given shapes: a dim 'T' given as 100 is T = 100; a dim '2*T' given as 200 is
    T = 100 (one unknown symbol per dim, solved by search over the values that reproduce the given size)."""
    values: dict[str, int] = {}
    pending: list[tuple[str, int]] = []
    for vi in model.graph.input:
        if vi.name not in given or not vi.type.HasField("tensor_type"):
            continue
        for d, size in zip(_dims(vi), given[vi.name]):
            if isinstance(d, str) and d:
                pending.append((d.strip(), int(size)))
    for _ in range(len(pending) + 1):
        progress = False
        for expr, size in pending:
            unknown = sorted(_symbols(expr) - set(values))
            if len(unknown) != 1:
                continue
            sym = unknown[0]
            if expr == sym:
                values[sym], progress = size, True
                continue
            f0, f1 = _evaluate(expr, {**values, sym: 0}), _evaluate(expr, {**values, sym: 1})
            guess = [(size - f0) // (f1 - f0)] if f0 is not None and f1 is not None and f1 != f0 else []
            # linear (2*T, T+1) first, else a bounded search (T//2, T%4 ...)
            for v in guess + list(range(1, min(2 * size + 2, 4096))):
                if v > 0 and _evaluate(expr, {**values, sym: v}) == size:
                    values[sym], progress = v, True
                    break
        if not progress:
            break
    return values


def plan_shapes(model: onnx.ModelProto, given: dict[str, tuple[int, ...]]) -> tuple[dict[str, tuple[int, ...]], list[str]]:
    """Input name -> the shape to pin, and the reasons some dynamic inputs are left alone.
    A name or shape the user gave that does not fit the model raises RewriteRefused."""
    inits = {t.name for t in model.graph.initializer}
    inputs = [vi for vi in model.graph.input if vi.name not in inits]
    names = [vi.name for vi in inputs]
    for name in given:
        if name not in names:
            raise RewriteRefused(f"--input-shape: the model has no input '{name}' (inputs: {', '.join(names)})")
    hw = _metadata_hw(model)
    symbols = solve_symbols(model, given)
    plan: dict[str, tuple[int, ...]] = {}
    left: list[str] = []
    for vi in inputs:
        if not vi.type.HasField("tensor_type"):
            continue
        dims = _dims(vi)
        has_shape = vi.type.tensor_type.HasField("shape")
        if vi.name in given:
            shape = tuple(given[vi.name])
            if has_shape and len(shape) != len(dims):
                raise RewriteRefused(f"--input-shape {vi.name}={','.join(map(str, shape))}: the model's input is "
                                     f"{len(dims)}-D {_shown(dims)}, not {len(shape)}-D")
            for k, (d, s) in enumerate(zip(dims, shape)):
                if isinstance(d, int) and d != s:
                    raise RewriteRefused(f"--input-shape {vi.name}={','.join(map(str, shape))}: dim {k} of input "
                                         f"'{vi.name}' is fixed to {d} in the model {_shown(dims)}")
            if list(shape) != dims:
                plan[vi.name] = shape
            continue
        if not has_shape:
            left.append(f"input '{vi.name}' has no shape at all; give --input-shape {vi.name}=...")
            continue
        if all(isinstance(d, int) for d in dims):
            continue
        new: list[int] = []
        unknown: list[str] = []
        for k, d in enumerate(dims):
            known = _evaluate(d, symbols) if isinstance(d, str) and d and symbols else None
            if isinstance(d, int):
                new.append(d)
            elif known is not None and known > 0:
                new.append(known)  # the same symbol as a dim of a given input (T, 2*T)
            elif k == 0:
                new.append(1)  # the batch axis
            elif hw is not None and len(dims) == 4 and k >= 2:
                new.append(hw[k - 2])
            else:
                unknown.append(f"dim {k} ({d or '?'})")
                new.append(-1)
        if unknown:
            example = ",".join(str(x) if x > 0 else "N" for x in new)
            left.append(f"input '{vi.name}' {_shown(dims)}: {', '.join(unknown)} is dynamic and not the batch; "
                        f"rknnlint does not guess it: give --input-shape {vi.name}={example}")
        else:
            plan[vi.name] = tuple(new)
    return plan, left


@register_rewrite
class PinInputShapes(Rewrite):
    """rknn-toolkit2 refuses any symbolic or -1 input dim at load_onnx ('The input shape [...] of 'x' is
    not support!', docs/facts.md#static-shapes). Dims come from --input-shape, else the batch axis becomes 1 and
    image sizes come from the exporter's metadata (ultralytics imgsz); other dims are never guessed.
    After pinning, every constant subgraph (Shape, Gather, Concat, ConstantOfShape, Range, Expand shape
    chains) is folded with onnx-graphsurgeon, and dead nodes and unused initializers are removed."""

    name = "pin-input-shapes"
    summary = "fix dynamic input dims, fold constant subgraphs, remove dead nodes"
    applicability = Applicability.SAFE

    def apply(self, model: onnx.ModelProto, options: RewriteOptions) -> RewriteResult:
        plan, left = plan_shapes(model, options.input_shapes)
        if not plan:
            return RewriteResult(model, False, left or ["no dynamic input dims"])
        out = copy_model(model)
        notes = []
        for vi in out.graph.input:
            if vi.name in plan:
                before = _dims(vi)
                shape = vi.type.tensor_type.shape
                shape.ClearField("dim")
                for d in plan[vi.name]:
                    shape.dim.add().dim_value = int(d)
                notes.append(f"input '{vi.name}' {_shown(before)} -> {_shown(list(plan[vi.name]))}")
        drop_value_info(out.graph)
        clear_output_shapes(out.graph)
        try:
            out = infer(out, in_place=True)
            onnx.shape_inference.infer_shapes(weightless(out) or out, check_type=False, strict_mode=True, data_prop=True)
        except Exception as e:
            text = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
            shapes = " ".join(f"{k}={','.join(map(str, v))}" for k, v in plan.items())
            raise RewriteRefused(f"input shape {shapes} contradicts the graph: {text}") from None
        bad = _reshape_conflict(out)
        if bad:
            shapes = " ".join(f"{k}={','.join(map(str, v))}" for k, v in plan.items())
            raise RewriteRefused(f"input shape {shapes} contradicts the graph: {bad}")
        n_before, init_before = len(out.graph.node), len(out.graph.initializer)
        kinds = sorted({n.op_type for n in out.graph.node})
        inlined: list[str] = []
        out = fold_and_clean_checked(out, options.fold_size_limit, options.codes, inlined)
        out = infer(out, in_place=True)
        removed = n_before - len(out.graph.node)
        gone = sorted(set(kinds) - {n.op_type for n in out.graph.node})
        if removed:
            notes.append(f"folded or removed {removed} node(s)" + (f" (no {', '.join(gone)} left)" if gone else ""))
        notes.extend(inlined)
        dropped = init_before - len(out.graph.initializer)
        if dropped > 0:
            notes.append(f"{dropped} unused initializer(s) removed")
        return RewriteResult(out, True, notes + left)


def _reshape_conflict(model: onnx.ModelProto) -> str:
    """A Reshape whose constant target cannot hold its (now static) input, or ''."""
    import numpy as np

    from ._base import constant_values, static_shapes

    shapes = static_shapes(model)
    consts = constant_values(model)
    for n in model.graph.node:
        if n.op_type != "Reshape" or len(n.input) < 2 or n.input[1] not in consts or n.input[0] not in shapes:
            continue
        target = [int(d) for d in consts[n.input[1]].reshape(-1)]
        src = shapes[n.input[0]]
        if any(d <= 0 for d in target):
            if 0 not in target and -1 in target:
                known = int(np.prod([d for d in target if d > 0]))
                total = int(np.prod(src))
                if known and total % known:
                    return f"Reshape '{n.name}' cannot make {target} from {list(src)}"
            continue
        if int(np.prod(target)) != int(np.prod(src)):
            return f"Reshape '{n.name}' cannot make {target} from {list(src)}"
    return ""


def fold_and_clean_checked(model: onnx.ModelProto, size_limit: int, codes: tuple[str, ...] = (),
                           notes: list[str] | None = None) -> onnx.ModelProto:
    from ._gs import fold_and_clean

    return fold_and_clean(model, size_limit, PinInputShapes.name, codes, notes)
