from __future__ import annotations

from ...finding import Severity
from ...rule import Rule, Violation, register


@register
class CpuFallbackOp(Rule):
    """Ops that the target runs on the CPU instead of the NPU.

    What it does:
    Looks every node's op type up in the target's placement table (rules/common.yaml,
    rules/<family>.yaml, overridden by rules/measured/<family>-2.5.0.yaml) and flags those whose
    placement is cpu.

    Why the NPU cares:
    A CPU layer splits the graph: the tensors travel NPU -> DDR -> CPU -> DDR -> NPU and the op runs
    on the ARM cores, often slower than the whole NPU part. rknn-toolkit2 2.5.0 prints such layers
    with target CPU in its "Network Layer Information Table" (RKNN_FACTS.md 4.4, 13, 14).

    Example:
    ArgMax, Cast, Equal, Exp, Log, Erf, TopK on rk3588; Softmax on rk3566/rk3568.

    How to fix:
    Move the op out of the exported graph (post-processing on the host) or replace it with an
    NPU-friendly equivalent.

    Fix safety:
    No automatic fix: moving an op out changes the model's outputs.
    """

    code = "RKN601"
    name = "cpu-fallback-op"
    severity = Severity.WARNING

    def check(self, ctx):
        for ref in ctx.view.nodes:
            if ref.domain not in ("", "ai.onnx"):
                continue
            view = ctx.view
            if ref.node.output and not any(view.depends_on_inputs(o) for o in ref.node.output if o):
                continue  # constant subgraph: the toolkit folds it away
            if _gelu_erf(view, ref):
                continue  # Erf inside x*0.5*(1+erf(x/sqrt2)) is fused into an NPU GELU
            fact = ctx.placement(ref.op_type)
            if ref.op_type == "ConvTranspose" and any(
                    a.name == "strides" and max(a.ints, default=1) > 2 for a in ref.node.attribute):
                # observed 2.5.0 rk3588: stride 3 gives Conv(NPU) -> exConvTransposePad(CPU) -> Conv(NPU)
                fact = fact.__class__("ConvTranspose", "cpu", "observed with rknn-toolkit2 2.5.0 (exConvTransposePad on CPU)")
            if _resize_align_corners(ref):
                fact = fact.__class__("Resize", "cpu", "observed with rknn-toolkit2 2.5.0 (seg_tiny_unet_odd_channels)")
            context = _context_cpu(view, ref)
            if context:
                fact = fact.__class__(ref.op_type, "cpu", f"observed with rknn-toolkit2 2.5.0 ({context})")
            if fact is None or fact.placement != "cpu":
                continue
            label = f"'{ref.name}'" if ref.name else f"#{ref.index}"
            yield Violation(
                ref, f"{ref.op_type} node {label} runs on the CPU on {ctx.target}",
                hint="move it to host post-processing or replace it with an NPU op",
                data={"op": ref.op_type, "source": fact.source})


def _gelu_erf(view, ref) -> bool:
    if ref.op_type != "Erf":
        return False
    src = view.producer.get(ref.node.input[0])
    if src is None or src.op_type not in ("Div", "Mul"):
        return False
    users = view.consumers.get(ref.node.output[0], [])
    return len(users) == 1 and users[0].op_type == "Add"


def _resize_align_corners(ref) -> bool:
    if ref.op_type != "Resize":
        return False
    attrs = {a.name: (a.s.decode() if a.s else a.i) for a in ref.node.attribute}
    return attrs.get("mode") == "linear" and attrs.get("coordinate_transformation_mode") == "align_corners"


def _context_cpu(view, ref) -> str:
    """Variants of NPU ops that the 2.5.0 probe (rules/measured) or real exports saw on the CPU."""
    op = ref.op_type
    if op == "Gather" and len(ref.inputs) > 1 and view.is_initializer(ref.inputs[0]):
        table = view.shape(ref.inputs[0])
        if table is not None and len(table) == 2 and view.depends_on_inputs(ref.inputs[1]):
            return "probe variant embedding_table: Gather from a weight table runs on the CPU"
    if op == "Expand":
        src, out = view.shape(ref.inputs[0]), view.shape(ref.outputs[0])
        if src and out and len(src) == len(out) and isinstance(src[0], int) and isinstance(out[0], int) and out[0] > src[0]:
            return "probe variant batch2: Expand over the batch axis runs on the CPU"
    if op == "Cast":
        to = ref.attr("to")
        if to in (6, 7):  # INT32, INT64
            return "probe variants to_int32 / to_int64: Cast to an integer type runs on the CPU"
    if op == "Einsum":
        if any((view.rank(i) or 0) >= 4 for i in ref.inputs):
            return "real export (torchvision maxvit_t): Einsum on 4-D operands ran on the CPU; only 3-D batched matmul is rewritten to exMatMul"
    if op == "Pad" and len(ref.inputs) > 3 and ref.inputs[3]:
        return "probe variant with_axes: Pad with an axes input runs on the CPU"
    return ""
