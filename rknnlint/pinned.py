"""Input shapes pinned for the check: the model a user builds with `load_onnx(..., inputs=[...],
input_size_list=[[...]])` is the exported graph with those static dims on its inputs (docs/cli.md, `check
--input-shape`). Only the graph inputs' dims are written; nothing else in the graph changes (value_info with
symbolic dims and the Shape / Gather / Concat chains stay: the rules read them as the toolkit does once the
input is static)."""
from __future__ import annotations

from collections.abc import Mapping, Sequence

import onnx

from .errors import UsageError


class PinError(UsageError):
    """A pinned shape that does not fit the model (unknown input, other rank, a fixed dim contradicted)."""


def _dims(vi: onnx.ValueInfoProto) -> list[int | str | None]:
    out: list[int | str | None] = []
    for d in vi.type.tensor_type.shape.dim:
        if d.HasField("dim_value") and d.dim_value > 0:
            out.append(int(d.dim_value))
        else:
            out.append(d.dim_param or None)
    return out


def _shown(dims: Sequence[int | str | None]) -> str:
    return "[" + ", ".join(str(d) if d is not None else "?" for d in dims) + "]"


def graph_inputs(model: onnx.ModelProto) -> list[onnx.ValueInfoProto]:
    """The model's real inputs (graph inputs that are not initializers)."""
    inits = {t.name for t in model.graph.initializer}
    return [vi for vi in model.graph.input if vi.name not in inits]


def dynamic_inputs(model: onnx.ModelProto) -> list[str]:
    """Names of the inputs with a symbolic, unknown or non-positive dim, or no shape at all."""
    out = []
    for vi in graph_inputs(model):
        if not vi.type.HasField("tensor_type"):
            continue
        tt = vi.type.tensor_type
        if not tt.HasField("shape") or any(not isinstance(d, int) for d in _dims(vi)):
            out.append(vi.name)
    return out


def check_shapes(model: onnx.ModelProto, shapes: Mapping[str, Sequence[int]], where: str = "--input-shape") -> None:
    """PinError (a UsageError, one line) when a name is not an input of the model, a shape has another rank than
    the input or contradicts a dim the model fixes."""
    inputs = {vi.name: vi for vi in graph_inputs(model)}
    for name, shape in shapes.items():
        vi = inputs.get(name)
        given = f"{where} {name}={','.join(map(str, shape))}"
        if vi is None:
            raise PinError(f"{given}: the model has no input '{name}' (inputs: {', '.join(inputs) or 'none'})")
        if not vi.type.HasField("tensor_type"):
            raise PinError(f"{given}: input '{name}' is not a tensor")
        if any(int(d) <= 0 for d in shape):
            raise PinError(f"{given}: dims must be positive integers")
        if not vi.type.tensor_type.HasField("shape"):
            continue
        dims = _dims(vi)
        if len(dims) != len(shape):
            raise PinError(f"{given}: the model's input is {len(dims)}-D {_shown(dims)}, not {len(shape)}-D")
        for k, (d, s) in enumerate(zip(dims, shape)):
            if isinstance(d, int) and d != int(s):
                raise PinError(f"{given}: dim {k} of input '{name}' is fixed to {d} in the model {_shown(dims)}")


def pin_inputs(model: onnx.ModelProto, shapes: Mapping[str, Sequence[int]],
               where: str = "--input-shape") -> onnx.ModelProto:
    """The model with these static dims written into its graph inputs (in place; checked first by check_shapes).
    Returns the same ModelProto."""
    if not shapes:
        return model
    check_shapes(model, shapes, where)
    for vi in graph_inputs(model):
        if vi.name not in shapes:
            continue
        shape = vi.type.tensor_type.shape
        shape.ClearField("dim")
        for d in shapes[vi.name]:
            shape.dim.add().dim_value = int(d)
    return model
