from __future__ import annotations

from ...finding import Severity
from ...rewrites.pin_input_shapes import PinInputShapes
from ...rule import Fix, Rule, Violation, register


@register
class DynamicInputShape(Rule):
    """Model inputs with symbolic, unknown or non-positive dimensions.

    What it does:
    Flags every graph input whose shape has a named (symbolic) dim such as 'batch', a -1 or 0, an
    unknown dim, or no shape at all.

    Why the NPU cares:
    The NPU compiler plans memory for one fixed shape. rknn-toolkit2 2.5.0 refuses such a model in
    load_onnx: "The input shape ['batch', 3, 224, 224] of 'input' is not support! Please set the
    'inputs' / 'input_size_list' parameters of 'rknn.load_onnx' ..." (observed; docs/facts.md#static-shapes).
    config(dynamic_input=...) accepts a fixed list of shapes on the families whose `dynamic_input` fact is
    true (rules/<family>.yaml; the User Guide names RK3562/3566/3568/3576/3588); there the hint says so.

    Example:
    torch.onnx.export(..., dynamic_axes={"input": {0: "batch"}}) gives input [batch, 3, 224, 224].

    How to fix:
    Export without dynamic_axes, or run `rknnlint fix MODEL --input-shape input=1,3,224,224`, or pass
    inputs=/input_size_list= to rknn.load_onnx (then check the model as it builds it:
    `rknnlint check MODEL --input-shape input=1,3,224,224` pins the input in memory).

    Fix safety:
    Safe for the batch dim (pinned to 1); spatial dims need --input-shape (the fixer refuses to guess).
    """

    code = "RKN101"
    name = "dynamic-input-shape"
    severity = Severity.ERROR
    fix = Fix(PinInputShapes)

    def check(self, ctx):
        # dynamic_input (rules/<family>.yaml): the family accepts a list of fixed shapes in rknn.config
        multi = (f"; or list the shapes to support in rknn.config(dynamic_input=[...]) ({ctx.target} accepts it)"
                 if ctx.platform.fact("dynamic_input") else "")
        for vi in ctx.view.inputs:
            shape = ctx.view.shape(vi.name)
            if shape is None:
                yield Violation(vi.name, f"input '{vi.name}' has no shape", unknown=False,
                                hint="export with a static shape or give --input-shape")
                continue
            bad = [d for d in shape if not isinstance(d, int) or d <= 0]
            if bad:
                shown = "[" + ", ".join(repr(d) if isinstance(d, str) else str(d if d is not None else "?") for d in shape) + "]"
                yield Violation(
                    vi.name, f"input '{vi.name}' has dynamic shape {shown}; rknn-toolkit2 refuses it at load_onnx",
                    hint=f"`rknnlint fix MODEL --input-shape {vi.name}=" + ",".join(str(d) if isinstance(d, int) and d > 0 else ("1" if i == 0 else "N") for i, d in enumerate(shape)) + "`" + multi,
                    data={"shape": [d if d is not None else "?" for d in shape]})
