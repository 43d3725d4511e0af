from __future__ import annotations

import math

import onnx

from ...finding import Severity
from ...rule import Rule, Violation, register

# 1 TiB. Far above what any conversion host or Rockchip board holds (boards carry at most tens of GiB), and
# far above real tensors (the largest weight of a 7B-parameter LLM is well under 1 GiB), so a tensor over it
# is a wrong dimension, not a big model.
MAX_TENSOR_BYTES = 1 << 40


def _itemsize(dtype: int) -> int:
    try:
        return onnx.helper.tensor_dtype_to_np_dtype(dtype).itemsize
    except Exception:
        return 1  # unknown or 4-bit types: count elements as bytes (a lower bound for every real type)


@register
class TensorTooLarge(Rule):
    """A tensor whose dims ask for more memory than any machine has (over 1 TiB).

    What it does:
    Multiplies out the static dims of every tensor of the main graph: initializers and Constants,
    declared inputs, outputs and value_info, and the shapes inferred by ONNX shape inference. A tensor
    over 1 TiB (2^40 bytes; MAX_TENSOR_BYTES) is an error naming it and its dims. The bound is far above
    the memory of any conversion host and of any Rockchip board (tens of GiB at most), and far above any
    real network's tensors, so only a wrong dimension crosses it. Only the first tensor of a chain of
    such tensors is reported (the one whose producer reads none).

    Why the NPU cares:
    rknn-toolkit2 2.5.0 evaluates constant subgraphs and checks the graph with onnxruntime, which has to
    allocate every tensor. Observed on rk3588 (fp16): an Expand to [1,3,2^19,2^21] fails the build with
    "[ONNXRuntimeError] : 6 : RUNTIME_EXCEPTION : Non-zero status code returned while running Expand
    node. Name:'expand_huge' ... Failed to allocate memory for requested buffer of size 13194139533312".

    Example:
    A Reshape or Expand whose target shape came from a wrong constant (a dimension multiplied twice, a
    sign error turned into a huge unsigned number), or a hand-edited input dimension.

    How to fix:
    Find the node that makes the tensor (the finding names it) and correct its shape input or attribute;
    re-export the model.

    Fix safety:
    Display-only.
    """

    code = "RKN208"
    name = "tensor-too-large"
    severity = Severity.ERROR

    def check(self, ctx):
        view = ctx.view
        huge: dict[str, tuple[tuple[int, ...], int, int]] = {}
        for name in view.value_names:
            dims = view.static_shape(name)
            if dims:
                elems = math.prod(dims)
                size = elems * _itemsize(view.dtype(name))
                if size > MAX_TENSOR_BYTES:
                    huge[name] = (dims, elems, size)
        for name, (dims, elems, size) in huge.items():
            ref = view.producer_of(name)
            if ref is not None and any(i in huge for i in ref.node.input):
                continue  # reported where the size first appears
            what = f"made by {ref.op_type} '{ref.label}'" if ref else (
                "an initializer" if view.is_initializer(name) else "a graph input")
            yield Violation(ref or name, f"tensor '{name}' ({what}) has dims {list(dims)}: {elems} elements, "
                                         f"{size / 2**40:.0f} TiB, more than any machine can allocate "
                                         f"(bound {MAX_TENSOR_BYTES >> 40} TiB); the toolkit's onnxruntime fails "
                                         "with \"Failed to allocate memory for requested buffer\"",
                            hint="correct the dimension that made it (a wrong shape constant or edit)",
                            data={"tensor": name, "dims": list(dims), "bytes": size})
