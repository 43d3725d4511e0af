from __future__ import annotations

import numpy as np

from ...finding import Severity
from ...rule import Rule, Violation, register
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
    3 -> 13 -> 37 channel conv stack and with a bare input, followed by Gemm, MatMul, Relu or Add. Neighbours
    that build with every version: keepdims=1 followed by Flatten, ReduceMean over one axis only, ReduceMax
    the same way, and the ReduceMean result as a graph output read by nothing.

    Example:
    torchvision ShuffleNetV2: `x = x.mean([2, 3]); x = self.fc(x)` exports ReduceMean(axes=[2, 3],
    keepdims=0) -> Gemm.

    How to fix:
    Export the pool with keepdims and flatten it (`x.mean((2, 3), keepdim=True).flatten(1)`, or
    `nn.AdaptiveAvgPool2d(1)` + `flatten(1)`), or build with a toolkit version measured to build it.

    Fix safety:
    Display-only: advice (the change is made in the export).
    """

    code = "RKN708"
    name = "reducemean-squeezed-spatial"
    severity = Severity.ERROR
    op_types = ("ReduceMean",)

    def check_node(self, ctx, ref):
        seen = seen_in(ctx, self.code)
        if seen is None or ref.graph_path or not ref.outputs or not ref.inputs:
            return
        view = ctx.view
        if int(ref.attr("keepdims", 1)) != 0 or view.rank(ref.inputs[0]) != 4:
            return
        axes = ref.attr("axes")
        if axes is None and len(ref.inputs) > 1 and ref.inputs[1]:
            value = view.const_value(ref.inputs[1])
            axes = None if value is None else np.asarray(value).reshape(-1).tolist()
        if axes is None or sorted(int(a) % 4 for a in axes) != [2, 3]:
            return
        readers = view.consumers_of(ref.outputs[0])
        if not readers:
            return
        yield Violation(ref, f"ReduceMean '{ref.label}' averages H and W with keepdims=0 and feeds "
                             f"{readers[0].op_type} '{readers[0].label}': rknn-toolkit2 fails with onnxruntime's "
                             f"'Invalid rank for input ... Got: 4 Expected: 2' ({seen})",
                        hint="export the pool with keepdims and flatten it: x.mean((2, 3), keepdim=True).flatten(1)")
