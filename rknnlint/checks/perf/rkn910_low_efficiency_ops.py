from __future__ import annotations

from collections import defaultdict

from onnx import TensorProto

from ...finding import Severity
from ...rule import Rule, Violation, register

# User Guide V2.3.0 8.5, Table 8-5 "Three types of inefficient operators" (docs/facts.md#inefficient-ops)
TABLE_8_5 = {
    "Transpose": "data transfer", "Reshape": "data transfer", "Split": "data transfer", "Concat": "data transfer",
    "Resize": "size transformation", "Tile": "size transformation", "MaxPool": "size transformation",
    "AveragePool": "size transformation", "Pad": "size transformation",
    "Sigmoid": "non-ReLU activation", "Tanh": "non-ReLU activation", "Softplus": "non-ReLU activation",
    "HardSwish": "non-ReLU activation",
}
_FUSING_PRODUCERS = frozenset({"Conv", "ConvTranspose"})


@register
class LowEfficiencyOps(Rule):
    """Ops that the RKNN User Guide lists as inefficient on the NPU (Table 8-5).

    What it does:
    Counts, per op type, the nodes of the twelve ops in User Guide Table 8-5 (data transfer: Transpose,
    Reshape, Split, Concat; size transformation: Resize, Tile, Pooling, Pad; non-ReLU activations:
    Sigmoid, Tanh, Softplus, HardSwish) and reports one finding per op type on its first node. Left out:
    activations directly after a Conv (fused into it, User Guide 8.4.2), a Sigmoid of a SiLU (x *
    sigmoid(x), fused to exSwish), Reshapes / Flattens that only add or drop size-1 dims, and shape
    arithmetic (int64 or 1-D tensors).

    Why the NPU cares:
    "Three types of inefficient operators" (User Guide V2.3.0 8.5, Table 8-5; docs/facts.md#inefficient-ops): they
    move data without computing, or use the NPU's slower paths. They all build; this is advice for
    latency-critical models.

    Example:
    A channel-shuffle block: Reshape -> Transpose -> Reshape between every pair of convs.

    How to fix:
    Prefer layouts that need no Transpose / Reshape between convs, ReLU-family activations, and strided
    convs instead of pooling, where the accuracy allows.

    Fix safety:
    Display-only: advice.
    """

    code = "RKN910"
    name = "low-efficiency-ops"
    severity = Severity.INFO

    def check(self, ctx):
        view = ctx.view
        found = defaultdict(list)
        for ref in view.main_nodes:
            kind = TABLE_8_5.get(ref.op_type)
            if kind is None or ref.domain not in ("", "ai.onnx") or not ref.outputs or view.is_constant(ref.outputs[0]):
                continue
            rank = view.rank(ref.outputs[0])
            if rank is not None and rank <= 1 or view.dtype(ref.outputs[0]) == TensorProto.INT64:
                continue  # shape arithmetic, folded or run once
            if kind == "non-ReLU activation" and self._fused(view, ref):
                continue
            if ref.op_type in ("Reshape", "Flatten") and self._squeeze_like(view, ref):
                continue
            found[ref.op_type].append(ref)
        for op in sorted(found, key=lambda o: found[o][0].index):
            refs = found[op]
            names = ", ".join(f"'{r.label}'" for r in refs[:3]) + (f" and {len(refs) - 3} more" if len(refs) > 3 else "")
            yield Violation(refs[0], f"{len(refs)} {op} node{'s' if len(refs) > 1 else ''} ({names}): "
                                     f"{TABLE_8_5[op]} op listed as inefficient on the NPU (User Guide Table 8-5)",
                            hint="avoid it in latency-critical paths where the model allows",
                            data={"op_type": op, "count": len(refs), "category": TABLE_8_5[op]})

    @staticmethod
    def _fused(view, ref) -> bool:
        src = ref.inputs[0] if ref.inputs else ""
        p = view.producer_of(src)
        if p is not None and p.op_type in _FUSING_PRODUCERS:
            return True
        # SiLU: Mul(x, Sigmoid(x)) becomes exSwish
        return any(c.op_type == "Mul" and src in c.inputs for c in view.consumers_of(ref.outputs[0]))

    @staticmethod
    def _squeeze_like(view, ref) -> bool:
        a, b = view.static_shape(ref.inputs[0]), view.static_shape(ref.outputs[0])
        if a is None or b is None:
            return False
        return [d for d in a if d != 1] == [d for d in b if d != 1]
