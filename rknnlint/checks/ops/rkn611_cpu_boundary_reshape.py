from __future__ import annotations

from onnx import TensorProto

from ...dropped_nodes import dropped_by_zero_weight, duplicate_of, zero_branch_shortcut
from ...finding import Severity
from ...graph import NodeRef
from ...motifs import (
    BRANCH_SUM,
    area_attention_placement,
    area_attention_roles,
    attention_placement,
    boundary_placement,
    for_context,
    glu_placement,
    hswish_placement,
    input_placement,
    linear_attention_placement,
    map_flatten_placement,
    masked_softmax_placement,
    measured_where,
    reduce_key_axes,
    reduce_placement,
    reduce_reader,
    safe_softmax_placement,
    token_mlp_placement,
)
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

# Window / grid partition (torchvision MaxViT): [1,C,H,W] -Reshape-> [1,C,a,b,c,d] -Transpose(PART)-> -Reshape-> [1,G,T,C];
# departition: [1,G,T,C] -Reshape-> 6-D -Transpose(DEPART)-> -Reshape-> [1,C,H,W]; the grid variant swaps G and T with
# Transpose(SWAP) after the partition and before the departition. The targets it was measured on are the family fact
# `window_partition_cpu` (rules/<family>.yaml).
PART, DEPART, SWAP = [0, 2, 4, 3, 5, 1], [0, 5, 1, 3, 2, 4], [0, 2, 1, 3]
SMALL_WINDOW_GRID = 4  # window departition on the CPU when it feeds a grid partition and n <= this (n = 2, 3, 4 measured)


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

    Partitions: MaxViT's window / grid partition (rank-6 Reshape, Transpose perm [0, 2, 4, 3, 5, 1], Reshape
    to [1, groups, tokens, C]) and departition (Reshape, perm [0, 5, 1, 3, 2, 4], Reshape back to [1, C, H, W]).
    With n = H / window (windows per side), measured on rk3588 fp16 (2026-11-29) with maxvit_t's own
    window + grid layer cut out and its reshape sizes changed (n = 2, 3, 4, 5, 6, 8, 16 at C = 128, n = 4
    at C = 64, n = 5 at C = 256): the grid (strided) partition and departition keep their Reshapes on the
    NPU only when n is a multiple of C2 (the 4-D form [C * 7, n, 7, n] has last dim n); for n = 2..6 the
    partition Reshape, the partition Reshape_1, the Reshape the toolkit makes of the swap Transpose and the
    departition Reshape (named after the op in front of the swap) and the departition Reshape_1 run on the
    CPU. The window partition and departition become NPU "exWindow" ops, except that for n <= 4 (16
    windows or fewer, where the toolkit lays windows out as batch) a window departition that feeds a grid
    partition keeps its rank-6 Reshape and Transpose, on the CPU; alone (into a graph output) it was an
    exWindow even there. Channels did not matter; n = 1 (window = whole map) is left alone. In maxvit_t this
    is blocks 1 and 2 (n = 4 and 2): 6 CPU layers in each of their 7 layers; block 0 (n = 8) stays on the NPU.

    Measured boundaries: where the family has a measured motif table (rules/motifs/, calibration/mine_motifs.py),
    a node outside the layout runs is also flagged when most real builds added a CPU Reshape / Transpose after
    the same op class feeding the same consumer classes (e.g. on rk3566 fp16 a Conv feeding a CPU
    InstanceNormalization got "Transpose:<conv>_output_0_tp" and "Reshape:..._tp_rs", both on the CPU). Where
    no real build of the family measured the key, the small models of calibration/placement_sweep.py answer
    (rules/motifs/sweeps/): on rk3566 fp16 (2.5.0) a Conv or an Add in front of an InstanceNormalization got
    the CPU Transpose + Reshape at 16 x 64 x 64, 64 x 32 x 32 and 32 x 32 x 32, and the InstanceNorm's output
    the CPU Reshape + Transpose back.

    Attention (measured on the same small models, `attention`): in timm's Attention as torch.onnx exports it
    (qkv Linear, Reshape to [1, N, 3, heads, d], Transpose(2, 0, 3, 1, 4), Split, Squeeze q / k / v) on rk3566
    fp16 the toolkit ran v's Reshape (named after the op feeding the qkv Linear, usually the LayerNorm) and v's
    Transpose (named after v's Squeeze) on the CPU for N = 50, 197 and 730 tokens, on the NPU for 64, 196 and
    200: a token count that is no multiple of 4 (the NPU's 2-D transposes need both sides aligned to 4, as the
    rank-3 output sweep showed for the channels). timm ViT / PiT / XCiT with a class token (197, 50 tokens) pay
    two CPU layers per block besides the Softmax. XCiT's cross-covariance attention (qkv Transpose(2, 0, 3, 4, 1),
    attention over channels) ran its qkv Reshape and Transpose on the CPU for N = 64, 196 and 197 (`xca`), v's
    Transpose again only for 197. CoaT's factorised attention (Softmax over k's tokens) ran the qkv Reshape and
    Transpose on the CPU for N = 50, 196, 197 and q's Transpose for 50 and 197 (`fattn`); with its convolutional
    relative position encoding on v (`coat`, N = 50 and 197) the Transpose after k's Softmax, q's and v's
    Transposes, the Reshapes of v to an image and back, the Transpose after the encoding's Mul and the output
    Reshape. On rk3588 and rk3576 fp16 the same XCiT and factorised attentions (`xca`, `fattn`, 2.5.0) stayed on the
    NPU; CoaT's (`coat`, N = 50 and 197) kept one CPU Reshape (v's back from the image) on rk3588, none on rk3576.
    On rk3562 fp16, rv1106 / rv1106b int8 and rk2118 fp16 (2.5.0) all three kinds got no CPU Reshape or Transpose;
    the last three run the LayerNorm in front of the qkv Linear on the CPU itself (an exNorm, RKN601's), which the
    tables no longer count as v's Reshape.

    PaddleOCR's recognisers as Paddle2ONNX writes them (SVTR attention) take q, k and v out of the qkv Transpose
    with a Slice and a Squeeze each instead of a Split, q scaled by a Mul (torch.onnx's dynamo exporter writes the
    same Slices for timm's unbind): the same roles and keys as the Split's, measured on their own too (`pattn`,
    2.5.0). On rk3566 fp16 and int8 the qkv Transpose, v's Squeeze and the Reshape back to tokens ran on the CPU
    for a head width of 15 (PP-OCRv4 / v5 / v6 rec: 8 heads of 15, 40 tokens; also at 50 and 64 tokens), none of
    them for head widths 16 and 32 at 40 tokens; at 197 tokens of 32 v's Reshape and Transpose, as in timm's. On
    rk3588 fp16 / int8 and rk3576 fp16 none ran on the CPU.

    Graph inputs: the toolkit's Reshape on an input (`Reshape:<input>_rs`), by the input's rank, element type and
    consumers, from real builds, the probed table or the small models; on rk3566 fp16 (2.5.0) a rank-2 audio input
    [1, L] into a Pad (silero-vad's STFT front) got it on the CPU for L = 512, 576 and 1024 (`in2pad`).

    Channels-last gated conv blocks (timm MambaOut: LayerNorm and Linear layers on [1, H, W, C], a Split on C, one
    part through Transpose -> depthwise Conv -> Transpose back, a gate Mul), measured on the same small models
    (`channels_last`): on rk3566 fp16 a run of 2 or 3 such blocks at 16 or 8 px (48 or 96 channels) got a CPU
    Transpose after each block's fc1 Linear, on both Transposes around the depthwise Conv and after the gate Mul;
    one block alone, or a run at 32 px, stayed on the NPU (the toolkit turned the block into 1x1 Convs). timm
    mambaout_femto at 128 px pays 60 CPU layers in its last three stages. On rk3588 and rk3576 fp16 the same 17
    small models built with no CPU layer (2.5.0), as on rk3562 fp16; on rv1106 / rv1106b int8 and rk2118 fp16 their
    only CPU layers were the LayerNorms themselves (RKN601), no Transpose.

    HardSwish written as HardSigmoid(x) * x (`hswish`, rknnlint/motifs.hard_swishes): with rknn-toolkit2 2.3.2 on
    rk3566 fp16 a rank-3 one behind a BatchNormalization (PP-OCRv6-tiny rec's Conv1d neck, `bn1d`: 64 to 160 channels
    over 25 to 40 steps) got a CPU Reshape after the BatchNorm and one after the Mul (named after the Unsqueeze that
    reads it, when one does); with a Relu in its place none.

    Reduce lowering (measured on the same small models, `reduces`): on rk3566 fp16 a ReduceMean over H and W
    written with its axes in ascending order ([2, 3], [-2, -1]) became one NPU global-average-pool Conv, while
    written in descending order ([3, 2], [-1, -2]: torch's x.mean((-1, -2)), as torch.onnx dynamo exports of
    torchvision ResNet / MobileNet write it) the toolkit made Reshape + Transpose + Conv + Transpose of it, the
    Reshape and Transposes on the CPU (named after the op in front and after the ReduceMean, or the Reshape that
    reads it), for keepdims 0 and 1, opset 13 and 18, 512 x 4 x 4 and 64 x 8 x 8. A ReduceSum over the last axis
    got a CPU Transpose after it when the axis was 8 or 12 long, not when it was 4 (`reduces_sized`). With
    rknn-toolkit2 2.3.0 on rk3566 fp16 every ReduceMean over H and W, ascending or not, keepdims 0 or 1, got the CPU
    Reshape after the op in front and the CPU Transpose after it (PP-OCRv6's squeeze-excite pools), and a ReduceSum
    over the last axis the CPU Reshape in front at 4, 8 and 12. With 2.2.0 and 2.3.0 on rk3588 fp16 a ReduceMean over
    [2, 3] got a CPU Reshape after the op in front (no Transpose) when neither H nor W of the map is a multiple of 4
    (2 x 2, 3 x 3, 5 x 5, 6 x 6, 7 x 7, 9 x 9, 10 x 10, 14 x 14; 64 to 1280 channels), none at 4 x 4, 8 x 8, 16 x 16,
    28 x 28, 12 x 6, 8 x 7 or 8 x 1 (`reduce_plane`, `reduces_plane`: squeeze-excite pools on a 14 x 14 map, a
    classifier's global pool on 7 x 7 or 5 x 5), in int8 (2.3.0) as well; in int8 the small models at 12 x 6 and
    8 x 7 got it too, PP-OCRv6's pools on 6 x 80 and 3 x 80 did not (no finding there); with 2.3.2 none of them.

    A map flattened into a Linear (Flatten or Reshape [1, -1] of a [1, C, H, W] map, H * W > 1, read by a Gemm or a
    MatMul with a constant weight: `mapflat`, `mapflats`, rknnlint.motifs.map_flatten_key): the toolkit hands the map
    to the Linear through a Reshape named after the flatten ('Reshape:<flat>_tp_rs'). With rknn-toolkit2 2.3.2 it ran
    on the CPU on rk3588 fp16 unless H and W are both 5 or less (flatten + Linear folded into one H x W Conv) or
    H * W is a multiple of 8 (7 x 7, 6 x 6, 6 x 10, 9 x 25, 1 x 6, 3 x 12: CPU; 5 x 5, 2 x 3, 8 x 8, 6 x 8, 12 x 12:
    NPU), on rk3566 fp16 unless H and W are both 5 or less (8 x 8, 16 x 16 on the CPU too), 8 to 512 channels
    (ArcFace's BN -> Flatten [1, 512, 7, 7] -> FC, Ultra-Fast-Lane-Detection's [1, 8, 9, 25] -> Linear 1800). With
    2.5.0 on rk3566 the maps over 5 x 5 split by more than these classes (16 x 7 x 7 on the NPU, 64 x 7 x 7 on the
    CPU): no finding there.

    Example:
    Softmax over [1, G, H, 49, 49] feeding Einsum("B G H I J, B G H J D -> B G H I D").

    How to fix:
    Attention: a token count that is a multiple of 4.
    Reduce lowering: write the axes in ascending order (x.mean((2, 3))) or use GlobalAveragePool; on rk3588 with
    2.2.0 / 2.3.0, pool a map whose H or W is a multiple of 4, or build with 2.3.2 or later.
    Partitions: choose input sizes so that H / window is a multiple of C2 (224 -> 56, 28, 14 gives 8, 4, 2).
    Boundaries: let the CPU op go (RKN601: for Einsum, write the equation without spaces, or use matmul), or keep the
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
                origin = view.behind(name, SHAPE_ONLY)
                if origin is None or on_cpu(origin) or on_cpu(src):
                    continue  # data from a graph input or a CPU op: no NPU -> CPU boundary here
                shape = view.shape(name)
                if shape is None or len(shape) in (0, 1, 4):
                    continue
                last = shape[-1]
                if not isinstance(last, int) or last % c2 == 0:
                    continue
                seen.add(name)
                label = src.quoted_name
                who = ref.quoted_name
                yield Violation(
                    src, f"{src.op_type} {label} hands a {len(shape)}-D tensor {list(shape)} (last dim no multiple of {c2}) "
                         f"to {ref.op_type} {who}, which runs on the CPU; the Reshape the toolkit adds between them "
                         f"runs on the CPU too on {ctx.target}",
                    hint=f"move {ref.op_type} {who} to the NPU (see RKN601) or make the last dim a multiple of {c2}",
                    data={"op": "Reshape", "tensor": name, "consumer": ref.name or ref.index,
                          "shape": [d if d is not None else "?" for d in shape]})
        if ctx.target in (ctx.platform.fact("window_partition_cpu") or ()) and not ctx.quantized:
            yield from _partitions(view, c2, ctx.target)
        # a Reduce measured by its own axes first: the boundary after it (`reduce3>layout`) may be the layer its
        # Reshape reader is named after (placement_sweep `axmean`)
        measured = (*_measured_reduces(ctx, seen), *_measured_boundaries(ctx, seen), *_measured_attention(ctx, seen),
                    *_measured_area_attention(ctx, seen), *_measured_channels_last(ctx, seen),
                    *_measured_hswish(ctx, seen), *_measured_token_mlp(ctx, seen), *_measured_safe_softmax(ctx, seen),
                    *_measured_masked_softmax(ctx, seen), *_measured_linear_attention(ctx, seen),
                    *_measured_inputs(ctx),
                    *_measured_map_flattens(ctx, seen))
        tab = for_context(ctx)
        for v in measured:  # a branch behind an all-zero weight is dropped whole (RKN601, dropped_nodes.dead_nodes)
            if not (isinstance(v.target, NodeRef) and dropped_by_zero_weight(tab, view, v.target) is not None):
                yield v


def _measured_roles(ctx, seen, section, placement):
    """(node the pattern is keyed at, key, table, role, node, its output) of each CPU role of a pattern the sweep
    measured (`section`; `placement` the motifs function that returns (key, [(role, node)], table) or None), each
    output once."""
    tab = for_context(ctx)
    if tab is None or not (tab.get("sweep") or {}).get(section):
        return
    for ref in ctx.view.main_nodes:
        hit = placement(tab, ctx.view, ref)
        if hit is None:
            continue
        key, cpu, where = hit
        for role, node in cpu:
            out = node.node.output[0]
            if out not in seen:
                seen.add(out)
                yield ref, key, where, role, node, out


def _measured_attention(ctx, seen):
    """timm-style (and Paddle2ONNX's sliced) attentions whose token count the small models measured (rules/motifs/sweeps `attention`,
    rknnlint.motifs.attention_roles): where N is no multiple of 4 the toolkit runs v's Reshape (named after the op
    feeding the qkv Linear) and v's Transpose (named after the node taking v out) on the CPU; in int8, with a batch
    of patches (MobileViT), also the qkv Reshape / Transpose, the Split and the Reshape back to tokens."""
    view = ctx.view
    for ref, key, where, role, node, out in _measured_roles(ctx, seen, "attention", attention_placement):
        n = view.shape(ref.node.input[0])[1]
        what = _ROLE_TEXT.get(role, role)
        yield Violation(
            node, f"{what} in the attention at {ref.op_type} {ref.quoted_name} ({n} tokens"
                  f"{', no multiple of 4' if isinstance(n, int) and n % 4 else ''}) runs on "
                  f"the CPU on {ctx.target}; the toolkit names it after {node.op_type} {node.quoted_name} (measured on "
                  f"small models, {where}: {key})",
            hint="pad the token count to a multiple of 4 (e.g. drop or add a class token, pick the input size)"
            if isinstance(n, int) and n % 4 else "fold the batch of patches or windows into the token axis, or "
            "compare the measured token counts and batches in the sweep table",
            data={"op": "Reshape" if role in ("qkv_in", "qkv_rs", "o_rs", "crpe_rs", "crpe_rs1", "sr_rs", "v_rs", "qk")
                  else "Transpose",
                  "tensor": out,
                  "motif": key, "role": role})


def _measured_token_mlp(ctx, seen):
    """Token MLPs on rank-3 tokens whose form and token count the small models measured (rules/motifs/sweeps
    `token_mlp`, rknnlint.motifs.token_mlp): the toolkit's Transposes after fc1 and after the activation."""
    view = ctx.view
    for ref, key, where, role, node, out in _measured_roles(ctx, seen, "token_mlp", token_mlp_placement):
        yield Violation(
            node, f"the Transpose after {'fc1' if role == 'fc1' else 'the activation'} of the token MLP at MatMul "
                  f"{ref.quoted_name} ({view.shape(ref.node.output[0])[1]} tokens) runs on the CPU on {ctx.target}; "
                  f"the toolkit names it after {node.op_type} {node.quoted_name} (measured on small models, {where}: "
                  f"{key})",
            hint="a token count that is a multiple of 4 (pick the input size), or GELU in place of StarReLU",
            data={"op": "Transpose", "tensor": out, "motif": key, "role": role})


def _measured_safe_softmax(ctx, seen):
    """The Softmax of torch's masked scaled_dot_product_attention (Where(IsNaN(p), 0, p)) whose token count the small
    models measured (rules/motifs/sweeps `safe_softmax`, rknnlint.motifs.safe_softmax): the CPU IsNaN's Transposes,
    from the product q @ k^T's layout and back into the product with v."""
    for ref, key, where, role, node, out in _measured_roles(ctx, seen, "safe_softmax", safe_softmax_placement):
        yield Violation(
            node, f"the Transpose {'from' if role == 'qk' else 'back into'} the attention's product layout "
                  f"{'to' if role == 'qk' else 'after'} IsNaN {ref.quoted_name} (the masked SDPA's safe Softmax) runs on "
                  f"the CPU on {ctx.target}; the toolkit names it after {node.op_type} {node.quoted_name} (measured on "
                  f"small models, {where}: {key})",
            hint="export the attention without the NaN guard (an additive float mask, or torch's math SDPA with a "
                 "plain Softmax) so the probabilities stay in the product's layout",
            data={"op": "Transpose", "tensor": out, "motif": key, "role": role})


def _measured_masked_softmax(ctx, seen):
    """An eager attention's Softmax behind a computed mask whose form the small models measured (rules/motifs/sweeps
    `masked_softmax`, rknnlint.motifs.masked_softmax): the Transpose from the product q @ k^T's layout to the CPU
    Softmax, named after the product."""
    for ref, key, where, role, node, out in _measured_roles(ctx, seen, "masked_softmax", masked_softmax_placement):
        yield Violation(
            node, f"the Transpose from the attention's product layout to Softmax {ref.quoted_name} (its scores plus a "
                  f"computed mask) runs on the CPU on {ctx.target}; the toolkit names it after {node.op_type} "
                  f"{node.quoted_name} (measured on small models, {where}: {key})",
            hint="add the mask as [1, 1, 1, N] (broadcast over the query rows, BERT's (1 - m) * -1e4) rather than "
                 "an expanded [1, 1, N, N] Where, or fold it into the model's input",
            data={"op": "Transpose", "tensor": out, "motif": key, "role": role})


def _measured_linear_attention(ctx, seen):
    """A linear attention (fast-transformers' elu + 1 form, LoFTR's encoder) the small models measured
    (rules/motifs/sweeps `linear_attention`, rknnlint.motifs.linear_attention): the layout layers the toolkit makes to
    contract k and v over the tokens and to apply the normaliser, named after k's Linear, Reshape and + 1, the
    ReduceSum, the output Einsum and its Reshape (int8: v's scale and Reshape too)."""
    for ref, key, where, role, node, out in _measured_roles(ctx, seen, "linear_attention", linear_attention_placement):
        yield Violation(
            node, f"{node.op_type} {node.quoted_name} ({_LINATT_TEXT.get(role, role)}) of the linear attention at Einsum "
                  f"{ref.quoted_name} gets a layout layer on the CPU on {ctx.target} (measured on small models, "
                  f"{where}: {key})",
            hint="write the attention with MatMuls on [B, h, N, d] heads (k^T v and q (k^T v) as matmuls, the "
                 "normaliser as q @ ksum^T), or keep it on the CPU on purpose",
            data={"op": "Transpose", "tensor": out, "motif": key, "role": role})


_LINATT_TEXT = {"k_lin": "k's Linear", "k_rs": "k's heads Reshape", "k_act": "k's feature map", "k_feat": "k's + 1",
                "v_lin": "v's Linear", "v_rs": "v's heads Reshape", "v_feat": "v's scale", "q_lin": "q's Linear",
                "q_rs": "q's heads Reshape", "q_act": "q's feature map", "q_feat": "q's + 1", "kv": "k^T v",
                "ksum": "the sum of k over the tokens", "qk": "q . ksum", "eps": "the normaliser's eps",
                "recip": "the normaliser's reciprocal", "out": "the output product", "out_scale": "the output's scale",
                "out_rs": "the output's Reshape to tokens"}

def _measured_area_attention(ctx, seen):
    """ultralytics' area attentions whose token count the small models measured (rules/motifs/sweeps
    `area_attention`, rknnlint.motifs.area_attention_key): the toolkit hands v to the product through a CPU
    Transpose / Reshape named after the Split."""
    view = ctx.view
    for tab, ref, key, where in _cpu_hits(ctx, seen, "area_attention", area_attention_placement, output=2):
        yield Violation(
            ref, f"the toolkit hands v of the attention at Split {ref.quoted_name} ({view.shape(ref.node.input[0])[3]} "
                 f"tokens) to its product through a Transpose / Reshape that runs on the CPU on {ctx.target} "
                 f"(measured on small models, {where}: {key})",
            hint="compare the measured token counts in the sweep table and pick an input size whose token count "
                 "stays on the NPU",
            data={"op": "Transpose", "tensor": ref.node.output[2], "motif": key, "role": "v"})
        roles = (((tab.get("sweep") or {}).get("area_attention") or {}).get(key) or {}).get("roles") or {}
        for role, node in area_attention_roles(view, ref).items():
            out = node.node.output[0] if node.node.output else None
            if roles.get(role) != "cpu" or out is None or out in seen or cpu_placement(ctx, node) is not None:
                continue  # (RKN601 names a node it places on the CPU itself)
            seen.add(out)
            yield Violation(
                node, f"{_AREA_ROLE_TEXT[role]} of the attention at Split {ref.quoted_name} runs on the CPU on "
                      f"{ctx.target} (measured on small models, {where}: {key}, role {role})",
                hint="an input size whose area split the toolkit keeps on the NPU, or area=1 for this block",
                data={"op": node.op_type, "tensor": out, "motif": key, "role": role})


_AREA_ROLE_TEXT = {"q_tp": "q's Transpose", "av": "the layout layer after the product v @ attn^T",
                   "o_tp": "the Transpose of the heads back", "o_rs": "the Reshape of the areas back to a map",
                   "o_nchw": "the Transpose of the map back to NCHW", "area_rs": "the Reshape of the tokens to areas",
                   "area_tp": "the Transpose of the areas to heads", "v_rs": "the Reshape of v back to a map",
                   "v_nchw": "the Transpose of v back to NCHW"}


# what the toolkit's CPU layer at each attention role (rknnlint.motifs.attention_roles) does
_ROLE_TEXT = {"qkv_in": "the Reshape of v's projection", "v": "v's Transpose", "qkv_rs": "the qkv Reshape",
              "qkv_tp": "the qkv Transpose", "split": "the layout layer on the q / k / v split", "q": "q's Transpose",
              "k_tp": "k's Transpose", "o_rs": "the Reshape of the heads back to tokens",
              "crpe_rs": "the Reshape of v to an image", "crpe_rs1": "the Reshape of the encoded v back",
              "crpe_mul": "the Transpose after the position encoding's Mul",
              "sr_rs": "the Reshape of the reduced map to k / v tokens", "k_scale": "k^T's Transpose after its scale",
              "qkv_mm": "the Transpose back after the qkv Linear", "o_tp": "the Transpose of the heads back",
              "v_rs": "v's Reshape to heads", "v_tp": "v's Transpose to heads",
              "q_scale": "q's layout layer after its scale", "av": "the layout layer after the product with v",
              "v_slice": "the layout layer on the Slice taking v out", "qk": "the Reshape after the product q @ k^T",
              "proj": "the Transpose after the proj Linear"}


_GLU_WHAT = {"fc1": "the Transpose after its fc1 Linear", "to_conv": "its Transpose to the depthwise Conv",
             "from_conv": "its Transpose back from the depthwise Conv", "gate": "the Transpose after its gate Mul",
             "first_norm": "the Transpose after the first block's LayerNorm",
             "exit": "the Transpose where the blocks hand back to NCHW"}


def _measured_channels_last(ctx, seen):
    """Channels-last gated conv blocks (timm MambaOut's, rknnlint.motifs.glu_blocks) whose size class the small models
    measured (rules/motifs/sweeps `channels_last`): the toolkit's CPU Transposes around the block's ops."""
    tab = for_context(ctx)
    for role, node, block, where in glu_placement(tab, ctx.view):
        out = node.node.output[0]
        if out in seen:
            continue
        seen.add(out)
        h, w = block["hw"]
        yield Violation(
            node, f"{_GLU_WHAT.get(role, role)} in a run of {block['blocks']} channels-last gated conv blocks at "
                  f"{h}x{w} px, {block['c']} channels, runs on the CPU on {ctx.target}; the toolkit names it after "
                  f"{node.op_type} {node.quoted_name} (measured on small models, {where}: {block['key']})",
            hint="keep such blocks at more than 16 px, or write the block channels-first (1x1 Convs instead of "
                 "Linear layers on [1, H, W, C])",
            data={"op": "Transpose", "tensor": out, "motif": block["key"], "role": role})


def _measured_hswish(ctx, seen):
    """The CPU Reshapes around a HardSwish written as HardSigmoid(x) * x that the small models measured
    (rknnlint/motifs.hswish_placement): on the op making x and on the Mul's result."""
    view = ctx.view
    for role, node, key, where in hswish_placement(for_context(ctx), view):
        if node.node.output[0] in seen:
            continue
        seen.add(node.node.output[0])
        label = node.quoted_name
        side = "in front of" if role == "input" else "after"
        yield Violation(
            node, f"the toolkit adds a Reshape after {node.op_type} {label}, {side} a HardSwish written as "
                  f"HardSigmoid(x) * x, that runs on the CPU on {ctx.target} (measured on small models, {where}: {key})",
            hint="keep the tensor 4-D around the HardSwish (a 1 x T image through the Conv1d block), or write it as "
                 "one HardSwish op",
            data={"op": "Reshape", "tensor": node.node.output[0], "motif": key, "role": role})


_NHWC_HINT = ("normalise over the channels of the NCHW map instead ({op} {label} over axis 1 between the convolutions, "
              "no Transposes), write the norm as a LayerNormalization the toolkit fuses, or build with rknn-toolkit2 "
              "2.5.0, which kept these on the NPU where the small models measured both versions)")


def _reduce_hint(ref, label, key, default):
    """The fix for a Reduce lowered through CPU layers: its axes in ascending order, unless they already are (with
    rknn-toolkit2 2.3.0 on rk3566 fp16 every ReduceMean over H and W went through them, in either order)."""
    try:
        axes = reduce_key_axes(key)
    except (IndexError, ValueError):
        axes = []
    if "@hw" not in key and len(axes) > 1 and axes == sorted(axes):  # a plane key's fix is the plane's size
        return (f"its axes are already ascending: this toolkit version lowers {ref.op_type} {label} through CPU "
                "layers in either axis order; another rknn-toolkit2 version may pool it on the NPU (rknnlint check "
                "--toolkit-version)")
    return default.format(op=ref.op_type, label=label)


def _kept_producer(view, ref):
    """The node whose output tensor the toolkit's Reshape in front of a Reduce reads, past nodes it drops or fuses
    away: a Slice that keeps the whole tensor (timm GhostNet's `cat(...)[:, :C]`: the Reshape was named after the
    Concat) and a BatchNormalization behind an op that is no Conv (RepViT's residual Add -> BN: after the Add), in
    rknn-toolkit2 2.3.0 builds on rk3566 fp16 (the export row rk3566-float16-2.3.0). Not an Identity: the dropped
    Identity's output keeps its name (PP-OCRv6's Add -> Identity -> ReduceMean: `Reshape:<identity output>_rs`).
    Nor a residual block whose branch is all zeros (timm's zero_init_last with random weights, zero_weights.zero_valued):
    the toolkit drops the branch and its Add, and a Relu after it when the shortcut is a Relu's output, so the Reshape
    takes the shortcut's name (dynamo ResNet-Blur-18's last block: `Reshape:relu_14_rs` for the mean of relu_16, with
    2.3.2 and 2.5.0 on rk3566 and 2.3.0 on rk3588; HaloNet-26t's, unseen set 6)."""
    while ref is not None and ref.node.input and ref.node.input[0]:
        short = zero_branch_shortcut(view, ref)
        if short is not None:
            ref = short
            continue
        inner = view.producer.get(ref.node.input[0])
        if inner is None:
            break
        shape_in, shape_out = view.shape(ref.node.input[0]), view.shape(ref.node.output[0])
        if (ref.op_type == "Slice" and shape_in is not None and shape_in == shape_out) \
                or (ref.op_type == "BatchNormalization" and inner.op_type != "Conv"):
            ref = inner
            continue
        conv = _sub_spectral_conv(view, ref)
        if conv is not None:
            ref = conv
            continue
        break
    return ref


def _sub_spectral_conv(view, ref):
    """The Conv in front of a sub-spectral norm that ends at `ref` (BC-ResNet: Conv [1, C, F, T] -> Reshape [1, C * S,
    F / S, T] -> BatchNormalization -> Reshape back), else None: the toolkit folds the three away, so the Reshape of a
    mean after it was named after the Conv (`Transpose:conv2d_1_rs`, unseen set 12's dynamo BC-ResNet with 2.3.2 on
    rk3566 fp16 and int8)."""
    if ref.op_type != "Reshape":
        return None
    bn = view.producer.get(ref.node.input[0])
    if bn is None or bn.op_type != "BatchNormalization":
        return None
    split = view.producer.get(bn.node.input[0])
    if split is None or split.op_type != "Reshape":
        return None
    conv = view.producer.get(split.node.input[0])
    shape = view.shape(ref.node.output[0])
    if conv is None or conv.op_type != "Conv" or shape is None or view.shape(split.node.input[0]) != shape:
        return None
    return conv


def _measured_map_flattens(ctx, seen):
    """Maps flattened into a Linear whose map size the small models put the toolkit's Reshape on the CPU for
    (rknnlint.motifs.map_flatten_key, sweep section `mapflats`): the Reshape takes the flatten's name."""
    view = ctx.view
    for tab, ref, key, where in _cpu_hits(ctx, seen, "mapflats", map_flatten_placement):
        _, c, h, w = view.shape(ref.node.input[0])
        lin = view.consumers_of(ref.node.output[0])[0]
        folds = "" if key.endswith("k5") else " or keep H and W at 5 or less (then it folds into one Conv)"
        a8 = ((tab.get("sweep") or {}).get("mapflats") or {}).get("mapflat:a8") or {}
        aligned = " or make H * W a multiple of 8" if key.endswith("u8") and a8.get("placement") == "npu" else ""
        yield Violation(
            ref, f"{ref.op_type} {ref.quoted_name} flattens a [1, {c}, {h}, {w}] map into {lin.op_type} {lin.quoted_name}: the "
                 f"Reshape the toolkit adds to hand it over runs on the CPU on {ctx.target} ({key}; measured on small "
                 f"models, {where})",
            hint=f"pool the map first (GlobalAveragePool, or a strided Conv down to 1 x 1){folds}{aligned}",
            data={"op": "Reshape", "tensor": ref.node.output[0], "motif": key})

def _measured_reduces(ctx, seen):
    """Reduce nodes the toolkit lowers through CPU Reshape / Transpose layers, by the axes as written (measured on
    small models, rules/motifs/sweeps/, rknnlint.motifs.reduce_key): the op in front gets the Reshape + Transpose,
    the Reduce (or the Reshape / Flatten reading it, whose name the layer then takes) the Transpose back. Not for the
    mean of a norm the toolkit fuses into one layer (fused_blocks)."""
    from ...fused_blocks import blocks
    from ...toolkit.versions import facts, version_of

    tab = for_context(ctx)
    if tab is None or not any((tab.get("sweep") or {}).get(k) for k in ("reduces", "reduces_plane", "reduces_nhwc",
                                                                        "reduces_chan", "reduces_sized")):
        return
    view = ctx.view
    fused = blocks(view, version_of(ctx))
    merged = facts(version_of(ctx)).duplicates_merged
    for ref in view.main_nodes:
        # a Reduce computing what an earlier one computes has no layer of its own (one for both: dropped_nodes)
        twin = duplicate_of(view, ref, merged) is not None
        hit = reduce_placement(tab, view, ref) if ref.index not in fused and not twin else None
        if hit is None or not view.depends_on_inputs(ref.node.output[0]):
            continue
        places, key, where = hit
        label = ref.quoted_name
        src = _kept_producer(view, view.producer.get(ref.node.input[0]))
        if places["producer"] == "cpu" and src is not None and src.node.output[0] not in seen and BRANCH_SUM not in key:
            # (a branch stack's sum: the stack and the weighted Mul in front are keyed as nodes of their own, RKN601)
            seen.add(src.node.output[0])
            if "@nhwc" in key:  # an unfused channels-last norm's mean (motifs.reduce_nhwc_key): a Reshape to rows
                yield Violation(
                    src, f"the toolkit adds a Reshape after {src.op_type} {src.quoted_name} that runs on the CPU on "
                         f"{ctx.target}: it lowers {ref.op_type} {label} over the last axis of a channels-last tensor "
                         f"({key}) as a 1x1 Conv over [H * W, C, 1, 1] rows (measured on small models, {where})",
                    hint=_NHWC_HINT.format(op=ref.op_type, label=label),
                    data={"op": "Reshape", "tensor": src.node.output[0], "motif": key})
            elif "@hw" in key:  # a plane whose sides are not multiples of 4 (motifs.reduce_plane_key): a Reshape only
                sides = "only one of whose sides is" if key.endswith("@hwa4") else "neither of whose sides is"
                yield Violation(
                    src, f"the toolkit adds a Reshape after {src.op_type} {src.quoted_name} that runs on the CPU on "
                         f"{ctx.target}: it lowers {ref.op_type} {label} over a map {sides} a multiple of 4 ({key}) "
                         f"through it (measured on small models, {where})",
                    hint=_reduce_hint(ref, label, key, "pool a map whose H and W are multiples of 4 (choose the input "
                                          "size), or build with rknn-toolkit2 2.3.2 or later, where {op} {label} "
                                          "pools on the NPU"),
                    data={"op": "Reshape", "tensor": src.node.output[0], "motif": key})
            else:
                yield Violation(
                    src, f"the toolkit adds a Reshape and a Transpose after {src.op_type} {src.quoted_name} that run on the "
                         f"CPU on {ctx.target}: it lowers {ref.op_type} {label} ({key}) through them (measured on small "
                         f"models, {where})",
                    hint=_reduce_hint(ref, label, key, "write the axes of {op} {label} in ascending order "
                                          "(x.mean((2, 3)) or GlobalAveragePool) so the toolkit pools on the NPU"),
                    data={"op": "Reshape", "tensor": src.node.output[0], "motif": key})
        if places["node"] == "cpu" and ref.node.output[0] not in seen:
            seen.add(ref.node.output[0])
            users = view.consumers.get(ref.node.output[0], [])
            nodes = [ref.node.name or ref.node.output[0]]
            at, tensor = ref, ref.node.output[0]
            nxt = view.consumers.get(users[0].node.output[0], []) if len(users) == 1 else []
            named = reduce_reader(tab, view, ref)
            if named == "reader":
                # measured on small models (`reduce_readers`): the layer takes the name of the Flatten / Reshape that
                # hands the pooled map to a Linear (2.5.0 on rk3566, placement_sweep `reduce_tail`), so the finding
                # sits there and names nothing else (the mean was a false CPU node of dynamo classifiers)
                at, tensor = users[0], users[0].node.output[0]
                nodes = [users[0].node.name or users[0].node.output[0]]
            elif named == "reduce":
                pass  # its own name (`Transpose:mean#1_rs#1`: a Conv reads it)
            elif users and users[0].op_type == "Reshape" and len(nxt) == 1 and nxt[0].op_type == "Gemm":
                # the layer takes the Reshape's name (`Transpose:view_tp_rs#1`): the classifier pools of ten dynamo
                # exports, ReduceMean -> Reshape -> Gemm, with 2.5.0 and 2.3.0 on rk3566 (the rk3566 rows of the
                # calibration exports and unseen sets 4 to 6), so the finding sits there; a Reshape into a
                # BatchNormalization left it the mean's (`Transpose:node_mean#1_rs#1`, unseen set 5's dynamo ReID)
                at, nodes = users[0], [users[0].node.name or users[0].node.output[0]]
            elif len(users) == 1 and users[0].op_type in SHAPE_ONLY - {"Identity"}:
                # the layer may take the reshape's name; never an Identity's, which the toolkit drops first (PP-OCRv6's
                # ReduceMean -> Identity -> Conv: the Transpose was named after the ReduceMean, 2.3.0 on rk3566)
                nodes.append(users[0].node.name or users[0].node.output[0])
            if "@nhwc" in key:  # the Reshape back from the rows, named after the mean (`Reshape:<mean>#1_rs`)
                yield Violation(
                    ref, f"the toolkit adds a Reshape after {ref.op_type} {label} that runs on the CPU on {ctx.target}: "
                         f"it lowers the mean over the last axis of a channels-last tensor ({key}) as a 1x1 Conv over "
                         f"[H * W, C, 1, 1] rows and reshapes the result back (measured on small models, {where})",
                    hint=_NHWC_HINT.format(op=ref.op_type, label=label),
                    data={"op": "Reshape", "tensor": ref.node.output[0], "motif": key,
                          "nodes": [ref.node.name or ref.node.output[0]]})
                continue
            if BRANCH_SUM in key:  # a sum over a rank-5 stack's branches (motifs.reduce_branch_key): `<sum>#1_rs`
                yield Violation(
                    ref, f"the toolkit adds a Reshape after {ref.op_type} {label} that runs on the CPU on {ctx.target}: "
                         f"it lowers the sum over the branch axis of a rank-5 stack whose plane H * W is no multiple of "
                         f"8 ({key}) through it (measured on small models, {where})",
                    hint=f"choose an input size that makes H * W a multiple of 8 there, or sum the branches as an Add "
                         f"of 4-D maps instead of {ref.op_type} {label} over a stack",
                    data={"op": "Reshape", "tensor": ref.node.output[0], "motif": key,
                          "nodes": [ref.node.name or ref.node.output[0]]})
                continue
            if "@chan" in key:  # the mean over a map's channels (motifs.reduce_channel_key): `Reshape:<mean>#1_rs`
                yield Violation(
                    ref, f"the toolkit adds a Reshape after {ref.op_type} {label} that runs on the CPU on {ctx.target}: "
                         f"it lowers the mean over the channels of a map ({key}) as a 1x1 Conv over [1, C, 1, H * W] "
                         f"and reshapes the result back (measured on small models, {where})",
                    hint=f"write {ref.op_type} {label} as a 1x1 Conv with C weights of 1 / C, which runs on the NPU",
                    data={"op": "Reshape", "tensor": ref.node.output[0], "motif": key,
                          "nodes": [ref.node.name or ref.node.output[0]]})
                continue
            yield Violation(
                at, f"the toolkit adds a Transpose after {ref.op_type} {label} ({key}) that runs on the CPU on "
                     f"{ctx.target} (measured on small models, {where})",
                hint=_reduce_hint(ref, label, key, "write the axes of {op} {label} in ascending order, or reduce over "
                                      "the channel axis"),
                data={"op": "Transpose", "tensor": tensor, "motif": key, "nodes": nodes})


def _measured_inputs(ctx):
    """Graph inputs on which the toolkit inserts a CPU layer (`Reshape:<input>_rs`), by the input's motif: its rank,
    element type and the classes of its consumers, measured in real builds of the family, on a minimal model or in
    the small-model sweep (rknnlint/motifs.input_placement). The finding sits on the input value, where the layer is."""
    tab = for_context(ctx)
    if tab is None:
        return
    view = ctx.view
    for vi in view.inputs:
        hit = input_placement(tab, view, vi.name)
        if hit is None or hit[0] != "cpu":
            continue
        where = (f"rknnlint probe --motifs, {tab.get('probed_path')}" if hit[2] == "probed"
                 else f"small models, {tab.get('sweep_path')}" if hit[2] == "sweep"
                 else f"real exports built whole, rules/motifs/{ctx.platform.family}-{tab.get('dtype')}-"
                      f"{tab.get('toolkit')}.yaml")
        yield Violation(
            vi.name, f"the toolkit inserts a layer on graph input '{vi.name}' that runs on the CPU on {ctx.target} "
                     f"(measured in context: input motif {hit[1]}; {where})",
            hint="feed the input as a 4-D NCHW tensor (reshape on the host) so the NPU can read it as it is",
            data={"op": "Reshape", "tensor": vi.name, "motif": hit[1]})


def _measured_boundaries(ctx, seen):
    """Nodes after which most real builds of the family added a CPU Reshape / Transpose for the same kind of
    consumers (rules/motifs `boundaries`, rknnlint.motifs.boundary_key)."""
    view = ctx.view

    def float_data(ref):
        return view.depends_on_inputs(ref.node.output[0]) and view.dtype(ref.node.output[0]) in FLOATS

    for tab, ref, key, _ in _cpu_hits(ctx, seen, "boundaries", boundary_placement, keep=float_data):
        ref = _fused_conv(view, ref) or ref
        label = ref.quoted_name
        sweep = measured_where(tab, "boundaries", key)
        yield Violation(
            ref, f"the toolkit adds a Reshape / Transpose after {ref.op_type} {label} that runs on the CPU on "
                 f"{ctx.target} (measured in context: motif {key}"
                 f"{f'; small models, {sweep}' if sweep else ''})",
            hint="see which consumer needs another layout (RKN601) and keep the tensor 4-D for it",
            data={"op": "Reshape", "tensor": ref.node.output[0], "motif": key})


def _fused_conv(view, ref):
    """The Conv3d in front of a rank-5 Relu that is its one reader: the toolkit fuses the Relu into the Conv and names
    the layer it adds after the pair after the Conv's output ('Reshape:<conv>_rs': X3D's head Conv3d -> Relu -> 5-D
    GlobalAveragePool on rk3566 with 2.3.2 and 2.5.0 and on rk3588; calibration/placement_sweep.py `x3dblk` `head`),
    where a Relu behind an Add keeps its own name (`c3d`); None otherwise."""
    if ref.op_type != "Relu" or not ref.node.input:
        return None
    src = view.producer.get(ref.node.input[0])
    y = view.shape(ref.node.output[0])
    if src is None or src.op_type != "Conv" or not y or len(y) != 5 or \
            [u.node.name for u in view.consumers_of(ref.node.input[0])] != [ref.node.name]:
        return None
    return src

def _cpu_hits(ctx, seen, section, placement, output=0, keep=None):
    """(table, node, key, where) of each node a measured pattern places on the CPU: `placement(table, view, node)`
    answers ('cpu' | 'npu', key[, where]) or None from the context's table, whose `section` (in its sweep or, for
    boundaries measured in real builds, at its top) must hold data; `keep` a further test of the node. Each node's
    output `output` is claimed in `seen` once, so one layer gets one finding."""
    tab = for_context(ctx)
    if tab is None or not ((tab.get("sweep") or {}).get(section) or tab.get(section)):
        return
    for ref in ctx.view.main_nodes:
        hit = placement(tab, ctx.view, ref)
        if hit is None or hit[0] != "cpu" or ref.node.output[output] in seen or (keep and not keep(ref)):
            continue
        seen.add(ref.node.output[output])
        yield tab, ref, hit[1], (hit[2] if len(hit) > 2 else None)


def _ints(view, name):
    v = view.const_value(name)
    return [int(x) for x in v.ravel()] if v is not None else None


def _only(view, name, op, perm=None):
    """The single consumer of `name` when it is `op` (with that perm), else None."""
    cs = view.consumers_of(name)
    if len(cs) != 1 or cs[0].op_type != op or (perm is not None and list(cs[0].attr("perm") or []) != perm):
        return None
    return cs[0]


def _chain(view, first, perm):
    """Reshape `first` to rank 6 -> Transpose(perm) -> Reshape: the three nodes and the 6-D shape, or None."""
    if first.op_type != "Reshape" or len(first.inputs) < 2:
        return None
    six = _ints(view, first.inputs[1])
    if not six or len(six) != 6 or any(d <= 0 for d in six):
        return None
    tr = _only(view, first.outputs[0], "Transpose", perm)
    last = tr and _only(view, tr.outputs[0], "Reshape")
    return (first, tr, last, six) if last else None


def _partitions(view, c2, target):
    seen: set[int] = set()

    def hit(ref, text, why, data, subject=None):
        if ref.index in seen:
            return None
        seen.add(ref.index)
        subject = subject or f"{ref.op_type} {ref.quoted_name} {text}"
        return Violation(ref, f"{subject} runs on the CPU on {target}: {why}",
                         hint=f"make H / window a multiple of {c2} (pick the input size), or accept the CPU round trip",
                         data=data)

    for ref in view.nodes:
        part = _chain(view, ref, PART)
        if part is None:
            continue
        first, _, last, (_, ch, a, b, c, d) = part
        if a != c or b != d:
            continue
        swap = _only(view, last.outputs[0], "Transpose", SWAP)
        if swap is not None:  # grid: [1, C, window, n, window, n]
            n, kind = b, "grid"
        else:
            n, kind = a, "window"
        if n <= 1 or kind != "grid" or n % c2 == 0:
            continue
        why = (f"a grid partition with {n} cells per side (H / window, no multiple of {c2}) keeps its Reshapes "
               f"off the NPU")
        data = {"pattern": "grid-partition", "n": n, "channels": ch}
        for node, text in ((first, "(grid partition, rank-6 Reshape)"), (last, "(grid partition, Reshape to tokens)")):
            v = hit(node, text, why, data)
            if v:
                yield v
        # the matching departition: ... -> Transpose(SWAP) -> Reshape 6-D -> Transpose(DEPART) -> Reshape [1, C, H, W]
        for node in view.nodes:
            if node.op_type != "Transpose" or list(node.attr("perm") or []) != SWAP:
                continue
            dep = _only(view, node.outputs[0], "Reshape")
            chain = dep and _chain(view, dep, DEPART)
            if not chain or chain[3] != [1, a, c, b, d, ch] or view.shape(chain[2].outputs[0]) != view.shape(first.inputs[0]):
                continue
            src = view.producer.get(node.inputs[0])
            wdata = {"pattern": "grid-departition", "n": n, "channels": ch}
            if src is not None and src.op_type not in SHAPE_ONLY:
                v = hit(src, "", why, wdata, subject=f"the Reshape the toolkit makes of the grid departition's swap Transpose "
                                                     f"after {src.op_type} {src.quoted_name}")
                if v:
                    yield v
            v = hit(chain[2], "(grid departition, Reshape back to [1, C, H, W])", why, wdata)
            if v:
                yield v
    # window departition that feeds a grid partition, with few windows
    for ref in view.nodes:
        dep = _chain(view, ref, DEPART)
        if dep is None:
            continue
        first, tr, last, (_, a, b, c, d, ch) = dep
        if a != b or c != d or not 1 < a <= SMALL_WINDOW_GRID:
            continue
        nxt = _only(view, last.outputs[0], "Reshape")
        grid = nxt and _chain(view, nxt, PART)
        if not grid or _only(view, grid[2].outputs[0], "Transpose", SWAP) is None:
            continue
        why = (f"a window departition of {a * a} windows ({a} per side, at most {SMALL_WINDOW_GRID}) that feeds a grid "
               f"partition is not fused into an NPU exWindow op; its rank-6 Reshape and Transpose stay")
        data = {"pattern": "window-departition", "n": a, "channels": ch}
        for node in (first, tr):
            v = hit(node, "(window departition)", why, data)
            if v:
                yield v
