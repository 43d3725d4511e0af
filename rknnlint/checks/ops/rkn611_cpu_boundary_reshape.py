from __future__ import annotations

from onnx import TensorProto

from ...finding import Severity
from ...rule import Rule, Violation, register
from .rkn601_cpu_fallback_op import cpu_placement

# CPU ops measured to take a non-4-D input through a Reshape of their own (rk3588, 2.5.0). Not added: elementwise ops
# (a CPU Exp after a Softmax over [1, 32, 12] or [1, 2, 4, 4, 12] left no Reshape layer at all) and GatherElements
# (RT-DETR's [1, 300, 4] box gather on the CPU showed no Reshape in front of it).
CONSUMERS = frozenset({"Einsum"})

# Ops that only relabel a tensor's shape: the toolkit folds them into the boundary Reshape, so what counts is the op
# that computed the data in front of them.
SHAPE_ONLY = frozenset({"Reshape", "Squeeze", "Unsqueeze", "Flatten", "Identity"})
FLOATS = (TensorProto.FLOAT, TensorProto.FLOAT16)


@register
class CpuBoundaryReshape(Rule):
    """A tensor of rank other than 4 that an NPU op hands to a CPU op, for which the toolkit adds a CPU Reshape.

    What it does:
    For every node the target runs on the CPU (as RKN601 decides it) of an op measured to read its input in its
    own N-D shape (Einsum), looks at each float input that an NPU node computes (through Reshape / Squeeze /
    Unsqueeze / Flatten, which only relabel it). When that tensor has rank 2, 3 or above 4 and its last dim is
    not a multiple of the target's C2 (8 for float16 on rk3588, 16 for int8), flags the producing node: the
    Reshape the toolkit inserts between the NPU's 4-D form of the tensor and the CPU op's N-D input runs on the
    CPU too.

    Why the NPU cares:
    The NPU computes in 4-D; a CPU op that reads a 3-D or 5-D tensor gets it through a Reshape named like
    "Reshape:<tensor>-rs". Measured with rknn-toolkit2 2.5.0 on rk3588 fp16 (2026-11-29), with an attention
    whose Einsum runs on the CPU (equation written with spaces, see RKN601): for 49 tokens the Softmax output
    [1, 16, 4, 49, 49] (and [1, 49, 49] in 3-D) reaches the Einsum through "Reshape:<softmax>-rs" on the CPU,
    while the q / k / v inputs [.., 49, 32] reach it through NPU Reshapes; with 56 tokens the Softmax's Reshape
    stays on the NPU too. Elementwise CPU ops (Exp after a 3-D or 5-D Softmax) take the 4-D form as it is and
    get no Reshape, nor did RT-DETR's CPU GatherElements on [1, 300, 4]; they are left out. It is the rule
    RKN610 applies to graph outputs, the same kind of boundary.
    In torchvision MaxViT this is one CPU layer per attention block (22 in maxvit_t), next to the CPU Einsums.

    Example:
    Softmax over [1, G, H, 49, 49] feeding Einsum("B G H I J, B G H J D -> B G H I D").

    How to fix:
    Let the CPU op go (RKN601: for Einsum, write the equation without spaces, or use matmul), or keep the
    boundary tensor 4-D or with a last dim that is a multiple of C2 (pad the token count).

    Fix safety:
    No automatic fix: it depends on the CPU op's rewrite.
    """

    code = "RKN611"
    name = "cpu-boundary-reshape"
    severity = Severity.WARNING

    def check(self, ctx):
        view = ctx.view
        c2 = ctx.platform.c2("int8" if ctx.quantized else "float16") or 8
        cpu: dict[int, bool] = {}

        def on_cpu(ref) -> bool:
            if ref.index not in cpu:
                cpu[ref.index] = cpu_placement(ctx, ref) is not None
            return cpu[ref.index]

        seen: set[str] = set()
        for ref in view.nodes:
            if ref.op_type not in CONSUMERS or not on_cpu(ref):
                continue
            for name in ref.inputs:
                if not name or name in seen:
                    continue
                src = view.producer.get(name)
                if src is None or not view.depends_on_inputs(name) or view.dtype(name) not in FLOATS:
                    continue
                origin = src
                while origin is not None and origin.op_type in SHAPE_ONLY and origin.inputs:
                    origin = view.producer.get(origin.inputs[0])
                if origin is None or on_cpu(origin) or on_cpu(src):
                    continue  # data from a graph input or a CPU op: no NPU -> CPU boundary here
                shape = view.shape(name)
                if shape is None or len(shape) in (0, 1, 4):
                    continue
                last = shape[-1]
                if not isinstance(last, int) or last % c2 == 0:
                    continue
                seen.add(name)
                label = f"'{src.name}'" if src.name else f"#{src.index}"
                who = f"'{ref.name}'" if ref.name else f"#{ref.index}"
                yield Violation(
                    src, f"{src.op_type} {label} hands a {len(shape)}-D tensor {list(shape)} (last dim no multiple of {c2}) "
                         f"to {ref.op_type} {who}, which runs on the CPU; the Reshape the toolkit adds between them "
                         f"runs on the CPU too on {ctx.target}",
                    hint=f"move {ref.op_type} {who} to the NPU (see RKN601) or make the last dim a multiple of {c2}",
                    data={"op": "Reshape", "tensor": name, "consumer": ref.name or ref.index,
                          "shape": [d if d is not None else "?" for d in shape]})
