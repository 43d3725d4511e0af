from __future__ import annotations

from ...finding import Severity
from ...rewrites.dequantize_dynamic import DequantizeDynamic
from ...rule import Fix, Rule, Violation, register
from ...toolkit.versions import toolkit_said

# (domain, op) pairs rknn-toolkit2 2.5.0 was observed to load; they run on the CPU
HANDLED = {("com.microsoft", "Gelu")}


@register
class CustomDomainOp(Rule):
    """Nodes from a non-default ONNX domain (com.microsoft, custom domains).

    What it does:
    Flags every node whose domain is not "" / "ai.onnx".

    Why the NPU cares:
    rknn-toolkit2 2.5.0 checks the model with onnxruntime and converts standard ops only. Observed:
    com.microsoft Gelu loads and is placed on the CPU (warning); an op nobody registered fails in
    load_onnx with onnxruntime "No Op registered for ...". Ops named with the 'cst' prefix are meant for
    user CPU kernels registered with rknn.reg_custom_op (docs/facts.md#dynamic-graph).

    Example:
    An onnxruntime-optimized model with com.microsoft FusedConv / Attention / SkipLayerNormalization.

    How to fix:
    Export the plain (unoptimized) ONNX graph so only standard ops appear; for a real custom op name it
    cst<Name> and register a CPU implementation with rknn.reg_custom_op. onnxruntime's dynamically quantized
    com.microsoft DynamicQuantizeLSTM: `rknnlint fix MODEL --unsafe-fixes` makes it the standard LSTM on
    dequantized weights (rewrite dequantize-dynamic), which the toolkit quantizes with its own int8.

    Fix safety:
    Unsafe, for DynamicQuantizeLSTM only: the original rounds activations to uint8 at run time, the float LSTM does
    not (the proof holds it to 5% of the largest output). Other non-standard ops have no automatic fix.
    """

    code = "RKN202"
    name = "custom-domain-op"
    severity = Severity.ERROR
    fix = Fix(DequantizeDynamic, op_types=("DynamicQuantizeLSTM",))

    def check(self, ctx):
        for ref in ctx.view.nodes:
            if ref.domain in ("", "ai.onnx"):
                continue
            if (ref.domain, ref.op_type) in HANDLED:
                yield Violation(ref, f"{ref.domain}::{ref.op_type} '{ref.name}' is a non-standard op; {toolkit_said(ctx)} "
                                "loads it but runs it on the CPU", severity=Severity.WARNING,
                                hint=f"export the standard ONNX form of {ref.op_type} so it can run on the NPU")
            elif ref.op_type.startswith("cst"):
                yield Violation(ref, f"custom op {ref.domain}::{ref.op_type} '{ref.name}' needs a CPU kernel registered with "
                                "rknn.reg_custom_op before load_onnx, otherwise the conversion fails",
                                hint="register it with rknn.reg_custom_op (see the RKNN custom-op guide)")
            else:
                yield Violation(ref, f"{ref.domain}::{ref.op_type} '{ref.name}' is from a non-standard domain that "
                                f"{toolkit_said(ctx)} does not convert",
                                hint="export the plain ONNX graph (no onnxruntime-optimized ops), or make it a cst-prefixed "
                                "custom op registered with rknn.reg_custom_op")
