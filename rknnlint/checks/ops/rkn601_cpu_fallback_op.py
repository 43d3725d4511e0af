from __future__ import annotations

from ...finding import Severity
from ...platforms import OpFact
from ...rule import Rule, Violation, register
from ...variants import measured as variant_fact


@register
class CpuFallbackOp(Rule):
    """Ops that the target runs on the CPU instead of the NPU.

    What it does:
    Names the probe variant each node is (rknnlint/variants.py: pool kernel/stride/padding/ceil_mode/indices,
    ConvTranspose kernel and stride, Resize mode/coordinate mode/scale, Softmax rank and axis, Pow exponent,
    DepthToSpace block size, Pad mode and what feeds it, Gather/GatherElements with computed indices, integer
    Cast/Expand/Where/arithmetic, LSTM/GRU direction, Einsum equation written with spaces) and takes that variant's placement from the target's
    measured table (rules/measured/<family>-2.5.0.yaml `variants:`, written by `rknnlint probe`); nodes no
    variant speaks for take the op's placement (rules/common.yaml, rules/<family>.yaml, overridden by the
    measured `ops:`). Flags placement cpu; the finding's source names the measured variant.

    Why the NPU cares:
    A CPU layer splits the graph: the tensors travel NPU -> DDR -> CPU -> DDR -> NPU and the op runs
    on the ARM cores, often slower than the whole NPU part. rknn-toolkit2 2.5.0 prints such layers
    with target CPU in its "Network Layer Information Table" (RKNN_FACTS.md 4.4, 13, 14). Many NPU ops
    fall back only for some attributes: measured on rk3588 and rk3566, AveragePool with padding left out of
    the mean, linear Resize with align_corners or a fractional upscale, Pow with an exponent other than
    2, 3, 0.5, -0.5, ConvTranspose with a stride that is no power of two (3, 5, 6: exConvTransposePad on the
    CPU), DepthToSpace with block size 3, a reflect Pad after InstanceNorm + Relu, and
    int64 index arithmetic (Div/Mul/Sub/Where/Expand/Cast) with computed-index Gather/GatherElements as in
    RT-DETR's query selection all run on the CPU. An Einsum whose equation contains whitespace ("B G H I D,
    B G H J D -> B G H I J", as torchvision MaxViT's source writes it and torch exports it verbatim) stays an
    Einsum on the CPU; the same product written without spaces is rewritten to NPU MatMuls, in 3-D, 4-D and 5-D
    (measured on rk3588, rknn-toolkit2 2.5.0, 2026-11-29).

    Example:
    ArgMax, Cast to int, Equal, Exp, Log, Erf, TopK on rk3588; Softmax on rk3566/rk3568;
    AveragePool(kernel 3, stride 1, pads 1) on every family; DepthToSpace(blocksize=3) (ESPCN pixel shuffle x3).

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
            placed = cpu_placement(ctx, ref)
            if placed is None:
                continue
            fact, variant, context = placed
            label = f"'{ref.name}'" if ref.name else f"#{ref.index}"
            like = f" (like the measured probe variant {ref.op_type}/{variant})" if variant and not context else ""
            yield Violation(
                ref, f"{ref.op_type} node {label} runs on the CPU on {ctx.target}{like}",
                hint="move it to host post-processing or replace it with an NPU op",
                data={"op": ref.op_type, "source": fact.source, **({"variant": variant} if like else {})})


def cpu_placement(ctx, ref):
    """(fact, variant, context) when the target runs this node on the CPU, else None (also used by RKN611)."""
    if ref.domain not in ("", "ai.onnx"):
        return None
    view = ctx.view
    if ref.node.output and not any(view.depends_on_inputs(o) for o in ref.node.output if o):
        return None  # constant subgraph: the toolkit folds it away
    if _gelu_erf(view, ref):
        return None  # Erf inside x*0.5*(1+erf(x/sqrt2)) is fused into an NPU GELU
    fact = ctx.placement(ref.op_type)
    variant = ""
    measured = variant_fact(ctx.platform, view, ref)
    if measured is not None:
        variant, fact = measured
    context = _context_cpu(view, ref)
    if context:
        fact = OpFact(ref.op_type, "cpu", f"observed with rknn-toolkit2 2.5.0 ({context})")
    if fact is None or fact.placement != "cpu":
        return None
    return fact, variant, context


def _gelu_erf(view, ref) -> bool:
    if ref.op_type != "Erf":
        return False
    src = view.producer.get(ref.node.input[0])
    if src is None or src.op_type not in ("Div", "Mul"):
        return False
    users = view.consumers.get(ref.node.output[0], [])
    return len(users) == 1 and users[0].op_type == "Add"


def _context_cpu(view, ref) -> str:
    """CPU variants seen in real exports that no probe model stands for (none at present: Einsum, once here, is a
    measured probe variant now, decided by whitespace in its equation rather than by rank)."""
    return ""
