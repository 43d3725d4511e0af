"""pin-input-values: an input the user fixes at deployment (`--input-value sr=16000`) becomes a constant, so
that what is computed from it (an If choosing a branch by the sample rate) folds exactly."""
from __future__ import annotations

import numpy as np
import onnx
from onnx import helper, numpy_helper

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
    restore_output_types,
)


def value_for(vi: onnx.ValueInfoProto, text: str) -> np.ndarray:
    """The value `text` (a number, or comma-separated numbers) in the input's dtype and shape."""
    tt = vi.type.tensor_type
    dtype = helper.tensor_dtype_to_np_dtype(tt.elem_type)
    try:
        items = [float(x) if np.dtype(dtype).kind == "f" else int(float(x)) for x in text.split(",") if x.strip()]
    except ValueError:
        raise RewriteRefused(f"--input-value {vi.name}={text}: not a number") from None
    dims = [d.dim_value if d.HasField("dim_value") else None for d in tt.shape.dim] if tt.HasField("shape") else None
    arr = np.asarray(items, dtype=dtype)
    if dims is None or dims == []:
        if len(items) != 1 and dims == []:
            raise RewriteRefused(f"--input-value {vi.name}={text}: the input is a scalar")
        return arr.reshape(()) if len(items) == 1 else arr
    if any(d is None for d in dims):
        if len(dims) == 1:
            return arr
        raise RewriteRefused(f"--input-value {vi.name}: the input's shape is not static; give --input-shape too")
    if int(np.prod(dims)) != arr.size:
        if arr.size == 1:
            return np.full(dims, arr.reshape(()), dtype=dtype)
        raise RewriteRefused(f"--input-value {vi.name}={text}: {arr.size} value(s) for shape {dims}")
    return arr.reshape(dims)


@register_rewrite
class PinInputValues(Rewrite):
    """A model that selects a branch from a scalar input (a sample rate, a mode flag) keeps an If that
    rknn-toolkit2 cannot build (RKN303). With the value the deployment uses, the input becomes an initializer,
    constant subgraphs fold, and the If on it becomes the taken branch. The input is removed from the model's
    interface, so it runs only with `--input-value`; the proof feeds the original that same value."""

    name = "pin-input-values"
    summary = "turn the inputs given with --input-value into constants and fold what they decide"
    applicability = Applicability.UNSAFE

    def apply(self, model: onnx.ModelProto, options: RewriteOptions) -> RewriteResult:
        from ._gs import fold_and_clean

        if not options.input_values:
            return RewriteResult(model, False, ["no --input-value given"])
        inputs = {vi.name: vi for vi in model.graph.input}
        for name in options.input_values:
            if name not in inputs:
                raise RewriteRefused(f"--input-value: the model has no input '{name}' (inputs: {', '.join(inputs)})")
        out = copy_model(model)
        keep = [vi for vi in out.graph.input if vi.name not in options.input_values]
        values = {n: value_for(inputs[n], t) for n, t in options.input_values.items()}
        del out.graph.input[:]
        out.graph.input.extend(keep)
        out.graph.initializer.extend(numpy_helper.from_array(v, n) for n, v in values.items())
        drop_value_info(out.graph)
        clear_output_shapes(out.graph)
        notes = [f"input '{n}' = {v.tolist()} (removed from the inputs)" for n, v in values.items()]
        done: list[str] = []
        out = infer(fold_and_clean(out, options.fold_size_limit, self.name, options.codes, done), in_place=True)
        restore_output_types(out.graph, model.graph)
        return RewriteResult(out, True, notes + done, extra={"values": values})


def zeroed_inputs(view) -> list[str]:
    """Graph inputs of a ModelView every reader of which is a Mul by an all-zero constant (silero-vad's `sr * 0`):
    the outputs do not depend on their value (for finite inputs), and rknn-toolkit2 folds them away (RKN106)."""
    from ..zero_weights import all_zero

    out = []
    for vi in view.inputs:
        users = view.consumers.get(vi.name, [])
        if users and all(u.op_type == "Mul" and len(u.node.input) == 2 and not u.graph_path
                         and all_zero(view, u.node.input[1] if u.node.input[0] == vi.name else u.node.input[0])
                         for u in users):
            out.append(vi.name)
    return out


@register_rewrite
class DropZeroedInputs(Rewrite):
    """An input read only by a Mul with an all-zero constant (silero-vad's `Cast(sr * 0)` added to its state)
    changes no output; rknn-toolkit2 folds it away, so the built model has one input fewer and an int8 build
    given one calibration file per ONNX input stops ('The input num: 3 in dataset.txt not match input num: 2',
    RKN106). The input becomes the constant 0 (pin-input-values: what reads it folds) and leaves the interface:
    the outputs are the same for every finite value of it. Unsafe: the model's inputs change."""

    name = "drop-zeroed-inputs"
    summary = "remove inputs that only feed a Mul by zero (they change no output)"
    applicability = Applicability.UNSAFE

    def apply(self, model: onnx.ModelProto, options: RewriteOptions) -> RewriteResult:
        from dataclasses import replace

        names = zeroed_inputs(options.view_of(model))
        if not names:
            return RewriteResult(model, False, ["no input is read only by a Mul by zero"])
        res = PinInputValues().apply(model, replace(options, input_values={n: "0" for n in names}))
        return RewriteResult(res.model, res.changed, [f"input '{n}' only feeds a Mul by zero" for n in names] + res.notes,
                             extra=res.extra)
