from __future__ import annotations

import numpy as np

from ...finding import Severity
from ...motifs import (
    for_context,
    in_chain,
    node_placement,
    output_head_placement,
    output_linear,
    output_linear_placement,
    output_named_input,
    output_named_norm,
    output_placement,
    written_layernorm_head,
)
from ...rule import Rule, Violation, register
from .rkn601_cpu_fallback_op import wide_limits, wide_linear


@register
class Non4dOutput(Rule):
    """Graph outputs of rank 2 or 3, for which the toolkit adds a CPU Reshape.

    What it does:
    Flags every graph output whose inferred shape has rank 2 or 3 and whose last dim is not a
    multiple of the target's C2 (8 for float16 on rk3588).

    Why the NPU cares:
    The NPU produces 4-D tensors; for a 3-D graph output rknn-toolkit2 2.5.0 appends a Reshape
    named like "Reshape:<output>-rs" that runs on the CPU (observed on a YOLOv5-style [1, 6300, 25]
    output and a GRU [1, 40, 10] output; docs/facts.md#observed-placement). Observed on rk3588 fp16 with a single
    Relu: [1,3,4] and [1,3,10] give CPU Reshapes, [1,3,8] and [1,3,16] stay on the NPU. Rank 2
    behaves the same (measured on rk3588 fp16, 2026-11-29): a Gemm head with 6, 10 or 1001 outputs
    gets "Reshape:<output>_mm_tp_rs" (1,N,1,1) -> (1,N) on the CPU, with 8, 16 or 1000 it stays on
    the NPU; a Relu or Softmax ending in [1,6] or [1,12] gets "Reshape:<output>-rs" on the CPU.

    Where whole builds of real exports showed no such Reshape on the family (rules/<family>.yaml
    `output_reshape_cpu: false`; rknn-toolkit2 2.5.0: rv1106b int8 and rk2118 fp16, 31 calibration exports built
    each, none with a CPU layer on a graph output though 8 and 4 of them end in outputs the C2 test flags; rv1106 int8,
    56 exports built with 2.5.0 and 41 with 2.3.2, none but after a TopK / ArgMax, measured output motifs), only a
    measured output motif reports one.

    Where the family has a measured motif table (rules/motifs/), the output's motif decides instead: the class
    of the op that makes it with the output's rank and last-dim alignment, measured on cut-outs of real exports
    (calibration/mine_motifs.py); an output that ends a measured layout / Linear run is left to RKN601, which
    reports that run's measured placement.

    Measured on small models (calibration/placement_sweep.py `head3`, rules/motifs/sweeps/, rk3566 fp16 2.5.0): a
    Linear (MatMul + bias Add) making a [1, S, N] output becomes a 1x1 Conv between Transposes (1, S, 1, D) ->
    (1, D, 1, S) and back; for N = 4, 8, 12, 16, 20 with S = 32 the Transpose back stayed on the NPU and the
    output Reshape ran on the CPU, for N = 6 and 10 (or S = 30) the Transpose back ran on the CPU (named after the
    MatMul) and the output Reshape on the NPU. The output motif spells N's and S's alignment to 4, and where the
    sweep measured the Transpose on the CPU the Linear is flagged. The same with a Softmax over N before the output
    (a CTC recogniser's head, PP-OCR rec; `head3sm`, S = 40, D = 120): for N = 37, 97 and 6625 the Transpose after
    the Linear ran on the CPU, for N = 12 and 64 the output Reshape. On rk3588 with 2.3.2 a Linear making more than
    8192 features (8200 to 18710: PP-OCRv5 / v6 rec's 18385 / 18710 classes) put its Transpose on the CPU and
    nothing on the output whatever N's alignment (the output motif `:wide`), 6625 the output Reshape.

    A classifier head making a rank-2 output (a Linear on a flat [1, C], then its bias Add, Softmax, Sigmoid, Relu or
    Identity; calibration/placement_sweep.py `head2`, the sweep's `heads`): the small models say, per chain and N's
    alignment, whether the CPU Reshape comes after the Linear's 1x1 Conv (named after the MatMul's output, as in
    MTCNN's and PP-OCR's classifier heads) or on the output; the finding names that node.

    Example:
    A detector whose head ends in Concat -> [1, N, 25]; a classifier whose Gemm head has 10 classes
    ([1, 10]; TinyViT, token classifiers, keyword spotting softmax over 12 words).

    How to fix:
    End the exported graph at 4-D tensors (e.g. per-head [1, C, H, W] conv outputs) and do the
    reshape on the host.

    Fix safety:
    No automatic fix: the output layout changes.
    """

    code = "RKN610"
    name = "non-4d-output"
    severity = Severity.WARNING

    def check(self, ctx):
        tab = for_context(ctx)
        for vi in ctx.view.outputs:
            shape = ctx.view.shape(vi.name)
            if shape is None:
                continue
            if tab is not None:
                head = output_head_placement(tab, ctx.view, vi.name)
                if head is not None:
                    yield from _head(ctx, vi.name, list(shape), *head)
                    continue
                lin = output_linear_placement(tab, ctx.view, vi.name)
                # where the family's Linear width limits were measured for this version, RKN601 decides from them
                if lin is not None and wide_limits(ctx) is None:
                    node, key, where = lin
                    label = node.quoted_name
                    yield Violation(
                        node, f"the Transpose the toolkit adds after {node.op_type} {label} (a Linear making output "
                              f"'{vi.name}' {list(shape)}) runs on the CPU on {ctx.target}: the output's last dim or "
                              f"rows are no multiple of 4 (measured on small models, {where}: {key})",
                        hint="make the Linear's output features (and the rows) multiples of 4, or end the graph at a "
                             "4-D tensor",
                        data={"op": "Transpose", "tensor": node.node.output[0], "motif": key})
                p = ctx.view.producer.get(vi.name)
                if p is not None and in_chain(ctx.view, p) and node_placement(tab, ctx.view, p) is not None:
                    continue  # a measured layout run ends here: RKN601 reports it from the measurement
                linear = output_linear(ctx.view, vi.name) or _behind_sigmoid(ctx.view, vi.name)
                if linear is not None and wide_limits(ctx) is not None and wide_linear(ctx, linear) is not None:
                    # RKN601 puts the Linear's Transpose back on the CPU; then the toolkit adds no Reshape on the
                    # output (placement_sweep `head3` on rk3566, float16 and int8: `head_mm` or `head_add`, never both)
                    continue
                hit = output_placement(tab, ctx.view, vi.name)
                if hit is not None:
                    if hit[0] == "cpu":
                        where, why = _named_after(ctx.view, vi.name, output_named_input(tab, hit[1]),
                                                  output_named_norm(tab, hit[1]))
                        yield Violation(
                            where, f"output '{vi.name}' has rank {len(shape)} {list(shape)}; the toolkit adds a "
                            f"Reshape that runs on the CPU on {ctx.target} (measured in context: motif {hit[1]}){why}",
                            hint="end the graph at 4-D tensors and reshape on the host",
                            data={"op": "Reshape", "motif": hit[1], "output": vi.name,
                                  "shape": [d if d is not None else "?" for d in shape]})
                    continue
            if ctx.platform.fact("output_reshape_cpu", True) is False:
                continue  # whole builds of this family added no CPU layer on any graph output
            c2 = ctx.platform.c2("int8" if ctx.quantized else "float16") or 8
            last = shape[-1] if shape else None
            if len(shape) in (2, 3) and isinstance(last, int) and last % c2 != 0:
                where, why = _named_after(ctx.view, vi.name)
                yield Violation(
                    where,
                    f"output '{vi.name}' has rank {len(shape)} {list(shape)} and its last dim is no multiple of {c2}; "
                    f"the toolkit adds a Reshape that runs on the CPU on {ctx.target}{why}",
                    hint="end the graph at 4-D tensors and reshape on the host",
                    data={"op": "Reshape", "output": vi.name, "shape": [d if d is not None else "?" for d in shape]})


def _named_after(view, out: str, named_input: bool = False, named_norm: bool = False) -> tuple[str, str]:
    """The value whose name the toolkit gives the Reshape it adds on output `out`, and a note saying why when that is
    not the output. A ReduceMean over a rank-3 tensor's middle axis (keepdims 0) making the output is lowered to
    Reshape -> MatMul -> Transpose -> Reshape, whose last Reshape (the output's) is named after the mean's input
    (`<input>_rs_mm_tp_rs`): with 2.3.2 and 2.5.0 on rk3588 and 2.3.2 on rk3566 float16, a mean over 4 or 8 frames
    of 10 to 400 classes, as TSM's consensus (calibration/placement_sweep.py `clipmean`, 8 of 8 builds that had the
    Reshape); a ReduceSum there kept `<output>-rs`. `named_input`: the small models of the output's motif named it
    after the producer's data input (a map's ReduceSum to a rank-1 count, `out1op`). `named_norm`: they put it on the
    fused layer of the written-out LayerNorm making the output, which the toolkit names after its first mean
    (`<mean>_2ln_rs_tp`, `lnout_dec`)."""
    p = view.producer.get(out)
    head = written_layernorm_head(view, p) if named_norm else None
    if head is not None:
        return head.node.output[0], (f" (it fuses the LayerNorm written out from {head.op_type} '{head.name}' into "
                                     f"one layer and names that layer's layout after the mean)")
    flat = _flattened_softmax(view, p) or _reshaped_elementwise(view, p)
    if flat is not None:
        return flat.node.output[0], (f" (it runs {p.op_type} '{p.name}' on the 4-D map before {flat.op_type} "
                                     f"'{flat.name}' and names that Reshape after it)")
    if named_input and p is not None:
        data = next((x for x in p.node.input if x and view.depends_on_inputs(x)), None)
        if data:
            label = p.quoted_name
            return data, (f" (it lowers {p.op_type} {label} to a MatMul and names that Reshape after its input "
                          f"'{data}')")
    if p is None or p.op_type != "ReduceMean" or p.attr("keepdims", 1) or not p.node.input:
        return out, ""
    x = view.shape(p.node.input[0])
    try:
        axes = view.axes(p)
    except (TypeError, ValueError):
        return out, ""
    if x is None or len(x) != 3 or not axes or any(a % 3 == 2 for a in axes):
        return out, ""
    label = p.quoted_name
    return p.node.input[0], (f" (it lowers ReduceMean {label} to a MatMul and names that Reshape after the mean's "
                             f"input '{p.node.input[0]}')")


def _flattened_softmax(view, p):
    """The Flatten / Reshape of a [N, C, 1, 1] map that the output's Softmax reads (a classifier's tail): the toolkit
    moves the Softmax onto the 4-D map and the output's CPU Reshape carries the Flatten's name (`<flat>_rs`), on
    rk3588 fp16 / int8 2.3.2 and 2.5.0 (TC-ResNet in unseen set 15; 8 small models, docs/probe.md)."""
    if p is None or p.op_type != "Softmax" or not p.node.input:
        return None
    flat = view.producer.get(p.node.input[0])
    if flat is None or flat.op_type not in ("Flatten", "Reshape") or not flat.node.input:
        return None
    x = view.shape(flat.node.input[0])
    return flat if x is not None and len(x) == 4 and list(x[2:]) == [1, 1] else None


_MOVED_ELEMENTWISE = frozenset({"Sigmoid", "Mul", "Div", "Add"})


def _reshaped_elementwise(view, p):
    """The Reshape of a 4-D map to the rank-3 graph output that an elementwise op reads on its way to the output (a
    landmark head's [1, N * K, 1, 1] -> [1, N, K] divided by the input size, BlazePose's / MediaPipe hand's; a Sigmoid,
    or a Mul / Div / Add by a scalar constant): the toolkit runs the op on the 4-D map and the output's CPU Reshape is
    that Reshape ('Reshape:<its name>'), with 2.3.2 float16 / int8, 2.5.0 and 2.3.0 on rk3588 at [1, 21, 3], [1, 17, 3],
    [1, 33, 5] and a 6 x 6 map flattened to [1, 17, 36] (calibration/placement_sweep.py `outscale`, unseen set 17's
    hand landmarks). A Flatten to a rank-2 output behind a Sigmoid kept the output's name there (its presence score)."""
    if p is None or p.op_type not in _MOVED_ELEMENTWISE or not p.node.output:
        return None
    out = view.shape(p.node.output[0])
    data = [x for x in p.node.input if x and view.depends_on_inputs(x)]
    consts = [x for x in p.node.input if x and not view.depends_on_inputs(x)]
    if out is None or len(out) != 3 or len(data) != 1 or data[0] != p.node.input[0]:
        return None
    if any(np.size(view.const_value(c)) != 1 for c in consts):
        return None
    flat = view.producer.get(data[0])
    if flat is None or flat.op_type != "Reshape" or not flat.node.input or len(view.consumers_of(data[0])) != 1:
        return None
    x = view.shape(flat.node.input[0])
    return flat if x is not None and len(x) == 4 else None


def _head(ctx, out: str, shape: list, lin, key: str, entry: dict, where: str):
    """The measured classifier head's CPU Reshape(s): after the Linear, on the output, both or neither."""
    label = lin.quoted_name
    if entry["linear"] == "cpu":
        yield Violation(
            lin, f"the Reshape the toolkit adds after {lin.op_type} {label} (the Linear of a head making output "
                 f"'{out}' {shape}) runs on the CPU on {ctx.target} (measured on small models, {where}: {key})",
            hint="make the head's output features a multiple of 8, or end the graph at a 4-D tensor",
            data={"op": "Reshape", "tensor": lin.node.output[0], "motif": key})
    if entry["output"] == "cpu":
        yield Violation(
            out, f"output '{out}' has rank 2 {shape}; the toolkit adds a Reshape that runs on the CPU on {ctx.target} "
                 f"(measured on small models, {where}: {key})",
            hint="end the graph at 4-D tensors and reshape on the host",
            data={"op": "Reshape", "motif": key, "shape": [d if d is not None else "?" for d in shape]})


def _behind_sigmoid(view, name: str):
    """The Linear (past its bias Add) whose Sigmoid is the graph output `name`, else None: RNNoise's gains and voice
    activity; placement_sweep `rnnseq` on rk3566 (float16 2.3.2 / 2.5.0, int8 2.3.2) put the Linear's Transpose back
    on the CPU at 22 features and no Reshape on the output, the output Reshape at 16 features and none on the Linear,
    as `head3` measured for a Softmax. Not for an output other nodes read too (unseen set 16's sound-event CRNN: its
    strong-label Sigmoid, also multiplied by the attention weights, got both CPU layers on rk3566)."""
    p = view.producer.get(name)
    if p is None or p.op_type != "Sigmoid" or not p.node.input or view.consumers_of(name):
        return None
    return output_linear(view, p.node.input[0])
