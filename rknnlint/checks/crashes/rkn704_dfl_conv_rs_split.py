from __future__ import annotations

from ...finding import Severity
from ...heads import find_head_boundary
from ...rewrites.cut_head import CutHead
from ...rule import Fix, Rule, Violation, register
from . import seen_in

_PASS_THROUGH = ("Transpose", "Softmax", "Reshape", "Identity", "Unsqueeze", "Squeeze")


@register
class DflConvRsSplit(Rule):
    """The DFL decode head of stock ultralytics YOLOv8 / YOLO11 exports, which crashes rknn-toolkit2.

    What it does:
    Flags a Conv whose output is reshaped and then sliced or split (Conv -> Reshape -> Slice/Split) when
    the conv's input comes, through Transpose / Softmax / Reshape only, from a Concat of two or more
    branches: the DFL block of ultralytics' Detect head, which concatenates the per-stride box logits,
    applies the 1x1 DFL conv, and splits the distances into left-top / right-bottom.

    Why the NPU cares:
    Which toolkit versions crash is measured data (`crashes` in rules/toolkit/<version>.yaml, see
    docs/toolkit-versions.md); the finding names them and is silent for a version measured to build.
    rknn-toolkit2 fails in the fusion pass `_p_seperate_conv_rs_split` ("IndexError: list index out
    of range", reported as `fuse_rule_crash(conv._p_seperate_conv_rs_split: ValueError)`) and prints
    "You can add disable_rules=['seperate_conv_rs_split'] in rknn.config()". Observed on rk3588, rk3566 and rk2118
    with det_yolov8n_nc20_256_op12.onnx and on minimal graphs. Neighbours that build: the same block
    without the Slice/Split after the reshape, the block fed by a single branch (no Concat), and the block
    whose Concat result is a graph input; with the Softmax removed or random conv weights it still
    crashes, so the trigger is the Concat -> ... -> Conv -> Reshape -> Slice structure, not DFL maths.

    Example:
    ultralytics YOLOv8 export: Concat(3 strides) -> Reshape [1,4,16,N] -> Transpose -> Softmax ->
    Transpose -> Conv(1x1) -> Reshape [1,4,N] -> Slice (lt) / Slice (rb) -> dist2bbox.

    How to fix:
    Cut the head before the DFL (`rknnlint fix MODEL --unsafe-fixes --cut-head auto`; the outputs become
    the per-stride box and score convs, like Rockchip's exports), or build with
    rknn.config(..., disable_rules=['seperate_conv_rs_split']) (with it the YOLOv8n model built).

    Fix safety:
    Unsafe: cutting the head changes the outputs; the written tail model reproduces them exactly.
    """

    code = "RKN704"
    name = "dfl-conv-rs-split"
    severity = Severity.ERROR
    fix = Fix(CutHead)
    op_types = ("Conv",)

    def check_node(self, ctx, ref):
        seen = seen_in(ctx, self.code)
        if seen is None:
            return
        if ref.graph_path or not ref.outputs:
            return
        view = ctx.view
        reshapes = [c for c in view.consumers_of(ref.outputs[0]) if c.op_type == "Reshape"]
        split = next((s for r in reshapes for s in view.consumers_of(r.outputs[0]) if s.op_type in ("Slice", "Split")),
                     None)
        if split is None:
            return
        concat = self._concat_above(view, ref.inputs[0] if ref.inputs else "")
        if concat is None:
            return
        hb = find_head_boundary(view)
        cut = f"; cut the head at {hb.describe_boundary()}" if hb is not None and hb.cuttable else ""
        yield Violation(ref, f"Conv '{ref.label}' -> Reshape -> {split.op_type} '{split.label}' after Concat "
                             f"'{concat.label}' (the ultralytics DFL decode) crashes rknn-toolkit2 in pass "
                             f"_p_seperate_conv_rs_split ({seen}){cut}",
                        hint="cut the head (`rknnlint fix MODEL --unsafe-fixes --cut-head auto`) or build with "
                             "rknn.config(disable_rules=['seperate_conv_rs_split'])",
                        data={"pass": "_p_seperate_conv_rs_split", "disable_rules": ["seperate_conv_rs_split"]})

    @staticmethod
    def _concat_above(view, name: str):
        for _ in range(8):
            p = view.producer_of(name) if name else None
            if p is None:
                return None
            if p.op_type == "Concat":
                dyn = [i for i in p.inputs if i and view.producer_of(i) is not None and not view.is_constant(i)]
                return p if len(dyn) >= 2 else None
            if p.op_type not in _PASS_THROUGH:
                return None
            name = p.inputs[0] if p.inputs else ""
        return None
