from __future__ import annotations

from ...finding import Severity
from ...rewrites.pad_channels import PadChannels
from ...rule import Fix, Rule, Violation, register
from ._align import alignment, padded

_ACTIVATIONS = frozenset({"Relu", "Clip", "LeakyRelu", "PRelu", "Sigmoid", "Tanh", "Elu", "HardSigmoid", "HardSwish",
                          "Softplus", "Mish", "Identity", "BatchNormalization", "Mul", "Add"})


@register
class ChannelAlignment(Rule):
    """Channel counts that are not multiples of the target's DDR-friendly alignment.

    What it does:
    For every Conv (input and output channels), depthwise Conv (channels) and other op on a 4-D tensor
    (output channels), compares the channel count with the multiple the target prefers for the build
    dtype: User Guide Tables 8-1..8-4 (conv in / conv out / depthwise / other), or the C2 value of Table
    5-1 where a family has no table (RK2118, RV1103B/RV1106B). Reports the padded count and the wasted
    fraction. Ops that only continue a conv's misaligned output (activations, Add, Mul, BN) are not
    reported again.

    Why the NPU cares:
    The NPU stores feature maps as NC1HWC2 with C1 = ceil(C / C2) (User Guide V2.3.0 5.1,
    docs/facts.md#channel-alignment): 13 channels on RK3588 fp16 occupy 16 lanes. The DDR tables list
    "size rules that are more friendly to DDR reading and writing. These rules are not mandatory"
    (docs/facts.md#ddr-alignment). Odd channel counts build and run (observed with rknn-toolkit2 2.5.0:
    3 -> 13 -> 37 channels and seg_tiny_unet_odd_channels_op13.onnx build on the NPU); they only cost
    bandwidth and compute.

    Example:
    Conv with 13 output channels on rk3588, float16: padded to 16, 19% of the output lanes wasted.

    How to fix:
    Choose channel widths that are multiples of the reported alignment, or pad the convs with zero
    filters: `rknnlint fix MODEL --rewrite pad-channels` (exact; `rknnlint fix` alone only lists it).

    Fix safety:
    Display-only: advice; the padding is exact but makes the model larger, so it runs only when named.
    """

    code = "RKN901"
    name = "channel-alignment"
    severity = Severity.INFO
    fix = Fix(PadChannels)

    def check(self, ctx):
        table, dtype, _source = alignment(ctx)
        if not table:
            return
        view = ctx.view
        reported: set[str] = set()
        for ref in view.main_nodes:
            if ref.domain not in ("", "ai.onnx") or not ref.outputs:
                continue
            if ref.op_type == "Conv":
                yield from self._conv(ctx, ref, table, dtype, reported)
                continue
            out = ref.outputs[0]
            shape = view.shape(out)
            if shape is None or len(shape) != 4 or not isinstance(shape[1], int) or shape[1] <= 1:
                continue
            c = shape[1]
            if c % table["other"] == 0 or view.is_constant(out):
                continue
            first = next((i for i in ref.inputs if i and not view.is_constant(i)), "")
            in_shape = view.shape(first) if first else None
            if ref.op_type in _ACTIVATIONS or (first in reported and in_shape is not None and len(in_shape) == 4
                                               and in_shape[1] == c):
                reported.add(out)
                continue
            reported.add(out)
            yield self._violation(ref, f"{ref.op_type} '{ref.label}'", [("output channels", c, table["other"])], dtype, ctx)

    def _conv(self, ctx, ref, table, dtype, reported):
        view = ctx.view
        w = view.shape(ref.inputs[1]) if len(ref.inputs) > 1 else None
        if w is None or len(w) != 4 or not all(isinstance(d, int) for d in w[:2]):
            return
        group = int(ref.attr("group", 1) or 1)
        cout, cin = w[0], w[1] * group
        reported.add(ref.outputs[0])
        if group > 1 and group == cin == cout:
            if cout % table["depthwise"]:
                yield self._violation(ref, f"depthwise Conv '{ref.label}'", [("channels", cout, table["depthwise"])],
                                      dtype, ctx)
            return
        parts = []
        # the first conv reads the image: 1-4 input channels are expected there and not worth a finding
        if cin % table["conv_in"] and cin > 4:
            parts.append(("input channels", cin, table["conv_in"]))
        if cout % table["conv_out"]:
            parts.append(("output channels", cout, table["conv_out"]))
        if parts:
            yield self._violation(ref, f"Conv '{ref.label}'", parts, dtype, ctx)

    @staticmethod
    def _violation(ref, what, parts, dtype, ctx):
        texts, data = [], []
        for kind, c, multiple in parts:
            p = padded(c, multiple)
            waste = (p - c) / p
            texts.append(f"{c} {kind} pad to {p} (multiple of {multiple}, {waste:.0%} wasted)")
            data.append({"kind": kind, "channels": c, "multiple": multiple, "padded": p,
                         "wasted_fraction": round(waste, 4)})
        return Violation(ref, f"{what}: " + "; ".join(texts) + f" on {ctx.target} {dtype}",
                         hint="use channel counts that are multiples of " +
                              " / ".join(sorted({str(m) for _, _, m in parts})),
                         data={"dtype": dtype, "channels": data})
