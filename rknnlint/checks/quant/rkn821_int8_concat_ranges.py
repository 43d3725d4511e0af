from __future__ import annotations

from ...finding import Severity
from ...int8_ranges import value_ranges, width
from ...rule import Rule, Violation, register
from ._common import DOC, HYBRID, builds_int8, limit, measured_with, method_of


@register
class Int8ConcatRanges(Rule):
    """Tensors of very different value ranges concatenated, in an int8 build.

    What it does:
    For an int8 build, finds every Concat whose inputs have ranges the graph itself bounds (constants,
    Sigmoid / Softmax / Tanh outputs, Clip, and those scaled or shifted by constants) and fires where the
    widest input's range is at least the measured ratio (rules/int8/hazards.yaml) times the narrowest one's.
    Concats of decoded boxes with scores in a detector head are RKN404's and not repeated here.

    Why the NPU cares:
    A Concat output has one int8 scale and zero point, so every input is requantized to the widest range:
    an input of 0..1 beside one of 0..640 keeps fewer than one of the 255 levels. Measured with
    rknn-toolkit2 on rk3588 (calibration/int8_hazards.py): Concat(Sigmoid * K, Sigmoid) loses the 0..1
    part (its cosine against onnxruntime fp32 below 0.99) from K = the threshold in rules/int8/hazards.yaml
    (docs/int8-hazards.md).

    Example:
    Concat(axis=1)([grid_xy [0..80], sigmoid(obj) [0..1]]) in a hand-written decoder.

    How to fix:
    Output the tensors separately and concatenate after the NPU (on the CPU), scale the wide input into a
    similar range before the Concat (divide coordinates by the image size), or keep the Concat in float16
    (hybrid quantization: `rknnlint build --int8 --dataset FILE --int8-accuracy 0.99`).

    Fix safety:
    No automatic fix: the outputs change.
    """

    code = "RKN821"
    name = "int8-concat-ranges"
    severity = Severity.WARNING

    def check(self, ctx):
        if not builds_int8(ctx):
            return
        method = method_of(ctx)
        ratio_limit = limit(ctx, "concat", method, "range_ratio")
        if ratio_limit is None:
            return
        view = ctx.view
        concats = [r for r in view.main_nodes if r.op_type == "Concat" and r.domain in ("", "ai.onnx")]
        if not concats:
            return
        ranges = value_ranges(view)
        skip = None
        for ref in concats:
            if view.const_value(ref.outputs[0]) is not None or view.dtype(ref.outputs[0]) not in _FLOAT:
                continue  # folded at build time, or shape arithmetic (integers are not quantized)
            known = [(i, ranges[i]) for i in ref.inputs if i in ranges and width(ranges[i]) > 0]
            if len(known) < 2:
                continue
            wide = max(known, key=lambda kv: width(kv[1]))
            narrow = min(known, key=lambda kv: width(kv[1]))
            ratio = width(wide[1]) / width(narrow[1])
            if ratio < ratio_limit:
                continue
            if skip is None:
                skip = _rkn404_concats(view)
            if ref in skip:
                continue
            levels = 255 / ratio
            yield Violation(
                ref,
                f"Concat '{ref.label}' joins '{wide[0]}' ({_r(wide[1])}) with '{narrow[0]}' ({_r(narrow[1])}): "
                f"one int8 scale for both leaves '{narrow[0]}' {levels:.2g} of 255 levels (range ratio {ratio:.0f}; "
                f"measured accuracy loss from {ratio_limit:.0f}, {measured_with(ctx)})",
                hint="concatenate after the NPU (separate outputs), scale the wide input into the narrow one's range "
                     f"before the Concat, or keep '{ref.label}' in float16 {HYBRID} ({DOC})",
                data={"wide": wide[0], "narrow": narrow[0], "ratio": round(ratio, 2), "threshold": ratio_limit,
                      "quantized_method": method})


_FLOAT = (0, 1, 10, 11)  # unknown, float, float16, double (onnx TensorProto)


def _r(r) -> str:
    return f"{r[0]:.4g}..{r[1]:.4g}"


def _rkn404_concats(view) -> set:
    """The Concats RKN404 reports (boxes with scores in a detector head)."""
    from ...heads import find_head_boundary

    hb = find_head_boundary(view)
    return set(hb.markers_of("concat")) if hb is not None else set()
