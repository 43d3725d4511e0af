from __future__ import annotations

from ...finding import Severity
from ...rewrites.reducemean_keepdims import ReduceMeanKeepdims, squeezed_spatial_mean
from ...rule import Fix, Rule, Violation, register
from ...zero_weights import folded_away, zeroing_nodes
from . import seen_in


@register
class ReduceMeanSqueezedSpatial(Rule):
    """ReduceMean over H and W without keepdims feeding another op, which some rknn-toolkit2 versions fail.

    What it does:
    Flags a ReduceMean over the last two axes of a 4-D tensor (axes [2, 3] or [-2, -1], as the attribute or,
    from opset 18, the axes input) with keepdims=0 whose result is read by another node: the global average
    pool of `x.mean((2, 3))` before a classifier.

    Why the NPU cares:
    Which toolkit versions crash is measured data (`crashes` in rules/toolkit/<version>.yaml, see
    docs/toolkit-versions.md); the finding names them and is silent for a version measured to build.
    The failing versions turn the pooled [N, C] result back into a rank-4 tensor while the next op still
    expects rank 2, and the build stops in onnxruntime inside the toolkit: "[ONNXRuntimeError] : 2 :
    INVALID_ARGUMENT : Invalid rank for input: ... Got: 4 Expected: 2". Measured on rk3588 (fp16) with a
    3 -> 13 -> 37 channel conv stack and with a bare input, followed by Gemm, MatMul, Relu or Add (and, with
    2.3.2 on rk3566 and rk3588, a Reshape to [1, 1, C] into a 1-D Conv as timm's ECA attention writes it, and a
    Reshape keeping [1, C] into a Gemm). Neighbours that build with every version: keepdims=1 followed by Flatten,
    ReduceMean over one axis only, ReduceMax the same way, and the ReduceMean result as a graph output read by
    nothing. With 2.3.2 on rk3566 and rk3588 also the mean of a map that a Conv with an all-zero weight computes
    (timm's zero_init_last with random weights: ECA-ResNet's Bottleneck; the same block with a non-zero weight
    fails): the toolkit's constant folding removes the mean before the rank check, so the rule is silent where
    such a weight cuts the mean from the graph inputs (zero_weights.zeroing_nodes, as RKN306 reads it). Not when
    the zero weight reaches the Conv through an Identity node, as TorchScript writes a weight equal to an earlier
    one: that block fails with 2.3.2 on rk3566 and rk3588 like a non-zero one (the Identity is folded only after
    the rank check; timm ECA-ResNet-light's blocks after the first of a stage, unseen set 7). Silent too when
    everything the mean computes is multiplied away downstream (zero_weights.folded_away): ByobNet's ECA before an
    all-zero last Conv (timm ECA-HaloNeXt-26 with random weights, dynamo, unseen set 10) builds with 2.3.2 on all
    seven families, the same ECA before a random Conv fails (docs/probe.md).

    Public reports with this pattern: Hugging Face ConvNeXt's pooler, `layernorm(x.mean([-2, -1]))` exported at
    opset 18, ReduceMean -> LayerNormalization ("Invalid rank for input: mean Got: 4 Expected: 2",
    https://github.com/airockchip/rknn-toolkit2/issues/527), and a BiFPN / CBAM channel attention whose mean feeds
    an MLP (https://github.com/airockchip/rknn-toolkit2/issues/411); both minimal models fail with 2.3.2 and build
    with 2.3.0 and 2.5.0 on all seven families (scripts/verify_crashes.py --only RKN708).

    Example:
    torchvision ShuffleNetV2: `x = x.mean([2, 3]); x = self.fc(x)` exports ReduceMean(axes=[2, 3],
    keepdims=0) -> Gemm.

    How to fix:
    `rknnlint fix MODEL` writes the node as ReduceMean(keepdims=1) + Flatten(axis=1) under the same output
    name. In the export: `x.mean((2, 3), keepdim=True).flatten(1)` or `nn.AdaptiveAvgPool2d(1)` +
    `flatten(1)`. Or build with a toolkit version measured to build it.

    Measured with rknn-toolkit2 2.3.2 on rk3588 (fp16): `rknnlint fix M --toolkit-version 2.3.2`, then
    `rknnlint build M.rknn-ready.onnx --toolkit-version 2.3.2`: the conv-stack model above (opset 13 and 18)
    and torchvision ShuffleNetV2 x1.0 (fixtures/cls_shufflenet_v2_x1_0_op13.onnx) fail before the fix and
    build after it (ShuffleNetV2: 104/104 layers on the NPU).

    Fix safety:
    Safe: the same means, reshaped from [N, C, 1, 1] to [N, C]; the outputs do not change (proven in
    onnxruntime by the fixer).
    """

    code = "RKN708"
    name = "reducemean-squeezed-spatial"
    severity = Severity.ERROR
    fix = Fix(ReduceMeanKeepdims)
    op_types = ("ReduceMean",)

    def check_node(self, ctx, ref):
        seen = seen_in(ctx, self.code)
        if seen is None or not squeezed_spatial_mean(ctx.view, ref):
            return
        if zeroing_nodes(ctx.view, [ref.inputs[0]], through_identity=False) is not None:
            return  # the toolkit folds the mean to a constant before the rank check
        if folded_away(ctx.view, ref.outputs[0]):
            return  # what the mean computes is multiplied by a zero weight: dead before the rank check
        readers = ctx.view.consumers_of(ref.outputs[0])
        yield Violation(ref, f"ReduceMean '{ref.label}' averages H and W with keepdims=0 and feeds "
                             f"{readers[0].op_type} '{readers[0].label}': rknn-toolkit2 fails with onnxruntime's "
                             f"'Invalid rank for input ... Got: 4 Expected: 2' ({seen})",
                        hint="`rknnlint fix MODEL` writes it as ReduceMean(keepdims=1) + Flatten(axis=1) "
                             "(outputs unchanged)")
