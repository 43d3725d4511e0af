from __future__ import annotations

from ...finding import Severity
from ...rewrites.cut_head import CutHead
from ...rewrites.dequantize_dynamic import DequantizeDynamic
from ...rule import Fix, Rule, Violation, register
from ...variants import OPS as VARIANT_OPS
from ...variants import measured as variant_fact

# ops other rules already report (dynamic graph, control flow, sequences, random)
_ELSEWHERE = {"If", "Loop", "Scan", "NonZero", "NonMaxSuppression", "Unique", "ConcatFromSequence",
              "RandomNormal", "RandomUniform", "RandomNormalLike", "RandomUniformLike", "Multinomial", "Bernoulli"}
# failing probe variants other rules report: cubic Resize (RKN701), shapes/scales from graph inputs (RKN302), rank > 4 (RKN501)
_VARIANTS_ELSEWHERE = {("Resize", "cubic_x2_half_pixel"), ("Resize", "scales_from_graph_input"),
                       ("Expand", "shape_graph_input"), ("Add", "rank6"), ("Mul", "rank5")}


@register
class UnsupportedOp(Rule):
    """Ops the target cannot run at all: the build fails, or the op is documented unsupported.

    What it does:
    Looks every node's op type up in the target's placement table and flags placement 'fails'
    (error: the rknn-toolkit2 2.5.0 build was observed to fail on it for this family) and
    'unsupported' (warning: documented unsupported, not observed; it may fall back to the CPU or fail).
    Nodes that fold to constants are skipped (the toolkit folds them away). Where the node is a measured
    probe variant (rknnlint/variants.py, e.g. a scalar-index Gather on a feature map's channel axis),
    that variant's placement replaces the op's; failing variants other rules report (cubic Resize: RKN701,
    shapes from graph inputs: RKN302, rank > 4: RKN501) are left to them.

    Why the NPU cares:
    The per-family tables in rules/measured/<family>-2.5.0.yaml come from real builds of one-op
    models (`rknnlint probe`); e.g. BitShift and ConvInteger fail on every family, and RV1106 has
    no NPU or CPU kernel for the Bitwise ops.

    Example:
    A ConvInteger node in a model built for rk3588.

    How to fix:
    Replace the op with supported ones, or compute it on the host. For onnxruntime's dynamic quantization
    (DynamicQuantizeLinear + MatMulInteger / ConvInteger) `rknnlint fix MODEL --unsafe-fixes` makes float
    MatMul / Conv on dequantized weights (dequantize-dynamic); quantize with the toolkit's int8 instead.

    A Cast to uint8 that makes a graph output (YOLO26-sem's ArgMax -> Cast class map; the build aborts on
    it) is cut off with the ArgMax it reads: `rknnlint fix MODEL --unsafe-fixes` (cut-head) ends the model
    at the logits and writes ArgMax -> Cast as <stem>.postprocess.onnx for the CPU.

    Fix safety:
    Unsafe, for the dynamic-quantization ops and the output Cast only: the original rounds activations to
    uint8 at run time, the dequantize rewrite does not (the outputs move by about 1% of their range); the
    cut changes the model's outputs (NPU part + tail reproduce the original exactly). No automatic fix for
    others.
    """

    code = "RKN602"
    name = "unsupported-op"
    severity = Severity.ERROR
    # onnxruntime's dynamic quantization (a chain of these ops) has an approximate float rewrite
    # a Cast to uint8 making an output (a segmenter's ArgMax -> Cast class map): cut before it, the tail reproduces it
    fix = Fix(DequantizeDynamic, op_types=("DynamicQuantizeLinear", "MatMulInteger", "ConvInteger"),
              fallback=Fix(CutHead, op_types=("Cast",)))

    def check(self, ctx):
        view = ctx.view
        for ref in view.nodes:
            if ref.domain not in ("", "ai.onnx") or ref.op_type in _ELSEWHERE or ref.op_type.startswith("Sequence"):
                continue
            fact = ctx.placement(ref.op_type)
            variant = ""
            if fact is not None and fact.placement not in ("fails", "unsupported") and ref.op_type not in VARIANT_OPS:
                continue  # fast path: only ops with a measured variant can fail for some attributes
            if ref.node.output and not any(view.depends_on_inputs(o) for o in ref.node.output if o):
                continue
            got = variant_fact(ctx.platform, view, ref)
            if got is not None:
                variant, fact = got
                if (ref.op_type, variant) in _VARIANTS_ELSEWHERE:
                    continue
            if fact is None or fact.placement not in ("fails", "unsupported"):
                continue
            label = ref.quoted_name
            if fact.placement == "fails":
                like = f" (like the measured probe variant {ref.op_type}/{variant}: {fact.note})" if variant else ""
                yield Violation(ref, f"{ref.op_type} node {label}: the rknn-toolkit2 build fails on it for {ctx.target}{like}",
                                hint="replace the op or compute it on the host",
                                data={"op": ref.op_type, "source": fact.source, **({"variant": variant} if variant else {})})
            else:
                yield Violation(ref, f"{ref.op_type} node {label} is unsupported on {ctx.target}; it may fall back to CPU or fail",
                                hint="replace the op or compute it on the host", severity=Severity.WARNING,
                                data={"op": ref.op_type, "source": fact.source})
