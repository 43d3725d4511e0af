from __future__ import annotations

from ...finding import Severity
from ...rewrites.merge_parallel_gemm import MergeParallelGemm
from ...rule import Fix, Rule, Violation, register
from . import seen_in

_PASS_THROUGH = ("BatchNormalization", "Flatten", "Reshape", "Squeeze", "Identity")


@register
class ConvConvAdd(Rule):
    """Two Gemm heads on the same input whose outputs are added crash rknn-toolkit2's `_p_fuse_conv_conv_add`.

    What it does:
    Flags an Add whose two inputs are each the output of a Gemm with a constant weight, where both Gemms
    read the same input tensor (directly or through a per-head BatchNormalization / Flatten / Reshape,
    which the toolkit folds into the Gemm): the distillation-head pattern head(x) + head_dist(x) of timm LeViT,
    EfficientFormerV2 and RepViT classifiers.

    Why the NPU cares:
    Which toolkit versions crash is measured data (`crashes` in rules/toolkit/<version>.yaml, see
    docs/toolkit-versions.md); the finding names them and is silent for a version measured to build.
    The toolkit converts each Gemm to a 1x1 Conv, then the pass fuse_conv_conv_add matches Conv -> Add
    and crashes: "TypeError: 'NoneType' object is unsliceable (in _p_fuse_conv_conv_add)"; the log suggests
    disable_rules=['fuse_conv_conv_add']. Observed on rk3588 (fp16 build) with timm
    efficientformerv2_s0, levit_128s and repvit_m0_9 exports, and with a minimal graph
    x[1,32] -> Gemm(W1,b1), Gemm(W2,b2) -> Add (with and without Gemm bias); LeViT puts a
    BatchNormalization in front of each head, which the toolkit fuses away. Neighbours that build: the
    same two Gemms reading different inputs, and two Conv 1x1 or 3x3 on the same 4-D input added together.

    Example:
    pooled[1,384] -> Gemm head (1000) and Gemm head_dist (1000) -> Add -> Div 2.

    How to fix:
    `rknnlint fix MODEL` merges the two heads into one Gemm (rewrite merge-parallel-gemm: W = W1 + W2,
    b = b1 + b2, with each head's BatchNormalization folded in), or build with
    rknn.config(..., disable_rules=['fuse_conv_conv_add']).

    Fix safety:
    Safe: the merged Gemm computes the same sum, exact up to float rounding (proven against onnxruntime
    by `rknnlint fix`).
    """

    code = "RKN706"
    name = "conv-conv-add-crash"
    severity = Severity.ERROR
    fix = Fix(MergeParallelGemm)
    op_types = ("Add",)

    def check_node(self, ctx, ref):
        seen = seen_in(ctx, self.code)
        if seen is None:
            return
        view = ctx.view
        if ref.graph_path or len(ref.inputs) != 2 or ref.inputs[0] == ref.inputs[1]:
            return
        gemms = [view.producer_of(i) for i in ref.inputs]
        if any(g is None or g.op_type != "Gemm" or len(g.inputs) < 2 or not view.is_constant(g.inputs[1])
               for g in gemms):
            return
        roots = [self._root(view, g.inputs[0]) for g in gemms]
        if roots[0] != roots[1]:
            return
        yield Violation(ref, f"Add '{ref.label}' sums Gemm '{gemms[0].label}' and Gemm '{gemms[1].label}' that read the "
                             f"same input '{roots[0]}': rknn-toolkit2 crashes in pass "
                             f"_p_fuse_conv_conv_add ('NoneType' object is unsliceable; {seen})",
                        hint="`rknnlint fix MODEL` merges the two heads into one Gemm (W1 + W2, b1 + b2), or build with "
                             "rknn.config(disable_rules=['fuse_conv_conv_add'])",
                        data={"pass": "_p_fuse_conv_conv_add", "disable_rules": ["fuse_conv_conv_add"]})

    @staticmethod
    def _root(view, name: str) -> str:
        """The tensor behind per-head BatchNormalization / Flatten / Reshape (the toolkit folds these away)."""
        for _ in range(4):
            p = view.producer_of(name)
            if p is None or p.op_type not in _PASS_THROUGH or not p.inputs:
                return name
            name = p.inputs[0]
        return name
