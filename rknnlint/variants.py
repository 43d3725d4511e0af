"""Which probe variant (rknnlint/probe/_models.py) a model's node is, so its measured placement applies.

`rknnlint probe` builds one small model per op and variant (AveragePool k3_s1_p1, Resize linear_x2_align_corners,
Pow exponent_1.5, ...) and records each variant's placement in rules/measured/<family>-<toolkit>.yaml under
`variants:`. match() reads a node's attributes, constant inputs, dtypes and shapes and names the variants it
stands for, most specific first: the exact probe model when there is one (k5_s1_p2), else the variant that shares
the condition the toolkit decides on (any padded AveragePool that excludes the pads from the mean is k3_s1_p1).
An empty list means no variant speaks for the node: its op-level placement applies.
"""
from __future__ import annotations

from collections.abc import Callable

import numpy as np
from onnx import TensorProto

from .graph import ModelView, NodeRef

INTS = (TensorProto.INT64, TensorProto.INT32)


def match(view: ModelView, ref: NodeRef) -> list[str]:
    fn = _MATCHERS.get(ref.op_type)
    if fn is None:
        return []
    try:
        return fn(view, ref)
    except (TypeError, ValueError, IndexError):  # odd attributes on a malformed node: no variant
        return []


def measured(platform, view: ModelView, ref: NodeRef):
    """(variant, OpFact) of the first variant the node stands for that the platform's measured table has, else None
    (then the op-level placement applies)."""
    lookup = getattr(platform, "variant", None)
    if lookup is None:
        return None
    for name in match(view, ref):
        fact = lookup(ref.op_type, name)
        if fact is not None and fact.placement:
            return name, fact
    return None


# variants whose probe model spells the node's neighbours (what feeds it, what it makes), which the layout motif keys
# of rknnlint/motifs.py do not: their measured placement decides before a motif's (a rotary interleave's Reshape is
# `concat>Reshape>elt` to the motif tables, which real exports measured on the NPU in other contexts). The value says
# whose the CPU layer is: "reader" where the toolkit names it after the node's output ('Gather:<out>-gather'), which
# the layer table gives to the one node reading it (rknnlint/toolkit/owners.py).
# Integers the graph computes are the same kind of context: the layout motif and sweep keys were measured on float data
# (a float Unsqueeze is a reshape, a float Tile an NPU op), so an Unsqueeze / Tile of TopK indices takes its
# int64_computed placement (calibration/issue_repros2.py i141_topk_scores).
CONTEXT = {("Reshape", "interleave_5d"): "reader", ("Unsqueeze", "int64_computed"): "",
           ("Tile", "int64_computed"): ""}


def measured_in_context(platform, view: ModelView, ref: NodeRef):
    """(variant, OpFact, whose) for a node whose variant is in CONTEXT (whose: "" or "reader"), else None."""
    if ref.op_type not in {op for op, _ in CONTEXT}:
        return None
    got = measured(platform, view, ref)
    if got is None or (ref.op_type, got[0]) not in CONTEXT:
        return None
    return got[0], got[1], CONTEXT[(ref.op_type, got[0])]


def _ints(ref: NodeRef, name: str, default: list[int] | None = None) -> list[int]:
    v = ref.attr(name)
    return [int(x) for x in v] if v is not None else list(default or [])


def _num(x: float) -> str:
    return f"{x:g}"


def _dynamic(view: ModelView, name: str) -> bool:
    return bool(name) and view.depends_on_inputs(name)


def _int64(view: ModelView, ref: NodeRef, names: list[str], probed: str) -> list[str] | None:
    """None when no operand in `names` is an integer tensor; else the probe's `probed` variant (an int64 graph
    input straight into the op whose result is the graph output) or `int64_computed` (the integers made inside the
    graph, e.g. TopK indices, or the result read by another node; then the probed variant where a table lacks it).
    Measured with rknn-toolkit2 2.5.0, rv1106 int8:
    int64 input -> Div -> int64 output crashes ("Can not find quantize information!"), while the same Div followed
    by a Cast, and TopK indices -> Div, -> Div -> Sub, -> Less -> Where, build with those ops on the CPU (as
    RT-DETR's query-index decode did)."""
    ints = [i for i in names if i and view.dtype(i) in INTS]
    if not ints:
        return None
    inputs = {vi.name for vi in view.inputs}
    raw = any(i in inputs for i in ints) and any(o in view.output_names for o in ref.outputs)
    # a table without int64_computed (not probed for that family or version) falls back to the probed variant
    return [probed] if raw else ["int64_computed", probed]


def pool_pads(ref: NodeRef) -> list[int]:
    """A pool's pads, an auto_pad SAME pool's as the symmetric padding it stands for (the toolkit decides on whether
    the windows are padded, not on how)."""
    k = _ints(ref, "kernel_shape")
    auto = ref.attr("auto_pad", b"NOTSET")
    auto = auto.decode() if isinstance(auto, bytes) else str(auto)
    if auto.startswith("SAME") and k:
        return [max(k[0] - 1, 0) // 2] * 4
    return _ints(ref, "pads", [0, 0, 0, 0])


def excludes_pads(ref: NodeRef) -> bool:
    """An AveragePool whose padded windows leave the pads out of the mean (count_include_pad 0): the attribute the
    probe variants' placement turns on (k3_s1_p1 on the CPU, k3_s1_p1_count_include_pad on the NPU)."""
    return ref.op_type == "AveragePool" and any(pool_pads(ref)) and not ref.attr("count_include_pad", 0)


def _pool(view: ModelView, ref: NodeRef) -> list[str]:
    k = _ints(ref, "kernel_shape")
    if len(k) != 2:
        return ["rank3_pool1d"] if len(k) == 1 else []
    s = _ints(ref, "strides", [1, 1])
    pads = pool_pads(ref)
    padded = any(pads)
    out: list[str] = []
    if ref.op_type == "MaxPool":
        if len(ref.outputs) > 1 and ref.outputs[1]:
            return ["k2_s2_indices"]
        if max(_ints(ref, "dilations", [1, 1])) > 1:
            return ["k3_s1_d2"]
    square = k[0] == k[1] and s[0] == s[1]
    if ref.attr("ceil_mode", 0) and square:
        out.append(f"k{k[0]}_s{s[0]}_p{pads[0]}_ceil" if padded and len(set(pads)) == 1 else f"k{k[0]}_s{s[0]}_ceil")
    if square and len(set(pads)) == 1:
        exact = f"k{k[0]}_s{s[0]}_p{pads[0]}"
        if ref.op_type == "AveragePool" and padded and ref.attr("count_include_pad", 0):
            exact += "_count_include_pad"
        out.append(exact)
    elif square and padded and pads[:2] == [0, 0]:
        out.append(f"k{k[0]}_s{s[0]}_pads_asymmetric")
    if ref.op_type == "AveragePool":
        # the toolkit decides on the padding: padded windows that leave the pads out of the mean run on the CPU
        if excludes_pads(ref):
            out.append("k3_s1_p1")
        elif padded:
            out.append("k3_s1_p1_count_include_pad")
        else:
            out.append("k2_s2_p0")
    return out


def _conv_transpose(view: ModelView, ref: NodeRef) -> list[str]:
    k = _ints(ref, "kernel_shape")
    if not k:
        w = view.shape(ref.inputs[1]) if len(ref.inputs) > 1 else None
        k = [d for d in (w or ())[2:] if isinstance(d, int)]
    if len(k) == 1:
        # a 1-D one is built as a 2-D one between Reshapes; from stride 16 on (power of two) it took exConvTransposePad
        # on the CPU like k16_s16 (Vocos' k256 s64 overlap-add; calibration/placement_sweep.py `ctbig`, rk3588 2.3.2)
        s1 = _ints(ref, "strides", [1])
        return (["k16_s16"] if _big_pow2(s1[0]) else []) + ["rank3"]
    if len(k) != 2:
        return []
    s = _ints(ref, "strides", [1, 1])
    out = []
    if ref.attr("group", 1) > 1:
        out.append(f"depthwise_k{k[0]}_s{s[0]}")
    pads = _ints(ref, "pads", [0, 0, 0, 0])
    if k[0] == k[1] and s[0] == s[1]:
        out.append(f"k{k[0]}_s{s[0]}" + (f"_p{pads[0]}" if any(pads) else ""))
        out.append(f"k{k[0]}_s{s[0]}")
        if s[0] & (s[0] - 1):  # a stride that is no power of two (3, 5, 6) takes exConvTransposePad on the CPU like k3_s3
            out.append("k3_s3")
        elif _big_pow2(s[0]):  # stride 16 or 32 with any kernel (HED's k32 s16 side output) like k16_s16 (`ctbig`)
            out.append("k16_s16")
    # after the stride: the output_padding probe has stride 2, and a stride-3 ConvTranspose with output_padding (FSRCNN's
    # k9 s3 p4, output_padding 2) took exConvTransposePad on the CPU like k3_s3 (rk3566, rk3588 float16, 2.3.2)
    if any(_ints(ref, "output_padding")):
        out.append("output_padding")
    return out


def _big_pow2(stride: int) -> bool:
    """A stride of 16 or more that is a power of two: with 2.3.2 on rk3588 float16 a ConvTranspose by such a stride
    (16, 32, 64; kernels of once to four times it, 1 or 16 channels, 1-D or 2-D) took exConvTransposePad on the CPU,
    by 8 not (calibration/placement_sweep.py `ctbig`)."""
    return stride >= 16 and not stride & (stride - 1)


def _resize(view: ModelView, ref: NodeRef) -> list[str]:
    mode = ref.attr("mode", b"nearest")
    mode = mode.decode() if isinstance(mode, bytes) else str(mode)
    coord = ref.attr("coordinate_transformation_mode", b"half_pixel")
    coord = coord.decode() if isinstance(coord, bytes) else str(coord)
    ins = ref.inputs
    scales = view.const_value(ins[2]) if len(ins) > 2 and ins[2] else None
    sizes = view.const_value(ins[3]) if len(ins) > 3 and ins[3] else None
    if len(ins) > 2 and ins[2] and scales is None and _dynamic(view, ins[2]):
        return ["scales_from_graph_input"]
    src = view.shape(ins[0])
    if (scales is None or np.size(scales) == 0) and sizes is None and ref.outputs:
        # sizes computed from the map's shape (EfficientAD's Resize back to the input size after a Pad with computed
        # pads, where onnx's inference stops): the toolkit sees static shapes, so compare the folded ones
        from .static_shapes import resolved_shape

        src, dst = resolved_shape(view, ins[0]), resolved_shape(view, ref.outputs[0])
        if _static(src) and _static(dst) and len(src) == len(dst):
            sizes = np.asarray(dst)
    if (scales is None or np.size(scales) == 0) and sizes is not None:
        if src and len(src) == np.size(sizes) and _static(src):
            scales = np.asarray(sizes, dtype=np.float64) / np.asarray(src, dtype=np.float64)
    hw = [float(x) for x in np.asarray(scales).ravel()[-2:]] if scales is not None and np.size(scales) >= 2 else []
    f = hw[0] if hw and hw[0] == hw[1] else None
    if mode == "cubic":
        return ["cubic_x2_half_pixel"]
    src = src or []
    if mode == "linear" and len(src) == 4 and list(src[2:]) == [1, 1]:
        # a 1 x 1 map spread over H x W (an ASPP image-pooling branch): on the NPU, unlike the probed 2x upscales.
        # Measured 2026-12-05 (onnx.helper [1, 128, 1, 1] -> align_corners to [1, 128, 8, 16], rknn-toolkit2 2.3.2 on
        # rk3588, rk3566, rk3576, rk3562, rk2118 float16 and rv1106 int8, 2.5.0 on rk3588 / rk3566, 2.3.0 on rk3588):
        # no CPU layer, while the same Resize from 8 x 16 to 64 x 128 ran on the CPU; unseen set 6's DeepLabV3+ built
        # its pooled branch's Resize on the NPU on every family (docs/probe.md#resize-from-a-1x1-map).
        return []
    if mode == "linear":
        if coord == "align_corners":
            out = ["linear_sizes_31_align_corners"] if _whole_steps(src, sizes, hw) else []
            return out + ([f"linear_x{_num(f)}_align_corners"] if f else []) + ["linear_x2_align_corners"]
        out = [f"linear_x{_num(f)}_{coord}"] if f else []
        if len(hw) == 2 and min(hw) >= 1 and any(x != int(x) for x in hw):
            # a fractional upscale, on one axis enough (DDRNet's 2 x 3 -> 8 x 10, 8 x 10 -> 60 x 80): measured on the
            # CPU where x1.5 is; unequal whole factors (1 x 2 -> 8 x 10) stay on the NPU (docs/probe.md)
            out.append("linear_x1.5_half_pixel")
        elif f:
            out.append(f"linear_x{'2' if f >= 1 else '0.5'}_{coord}")
        return out
    if mode == "nearest" and f:
        return [f"nearest_x{_num(f)}_{coord}", f"nearest_x{_num(f)}"]
    return []


def _whole_steps(src, sizes, hw: list[float]) -> bool:
    """An align_corners Resize whose output steps are whole input steps on both axes ((out - 1) / (in - 1) a whole
    number: Fast-SCNN's pyramid pooling 2 x 2 -> 12 x 24, 16 x 16 -> 31 x 31): the toolkit kept those on the NPU where
    2 x 2 -> 12 x 25 or a plain x2 ran on the CPU (placement_sweep case `resizeac`, docs/probe.md)."""
    if len(src) != 4 or not all(isinstance(d, int) and d > 1 for d in src[2:]):
        return False
    if sizes is not None and np.size(sizes) == 4:
        out = [int(d) for d in np.asarray(sizes).ravel()[2:]]
    elif len(hw) == 2:
        out = [int(np.floor(d * s)) for d, s in zip(src[2:], hw)]
    else:
        return False
    return all(o > i and (o - 1) % (i - 1) == 0 for i, o in zip(src[2:], out))


def _softmax(view: ModelView, ref: NodeRef) -> list[str]:
    r = view.rank(ref.inputs[0])
    if r is None:
        return []
    axis = ref.attr("axis", 1 if view.opset < 13 else -1)
    a = axis + r if axis < 0 else axis
    if r == 3 and a == 2:
        return ["rank3_axis_last"]
    return [f"rank{r}_axis{a}"]


def _int_data(view: ModelView, ref: NodeRef) -> list[str]:
    """`int64_computed` for a layout op (Unsqueeze, Tile) whose data input holds integers computed from the graph's
    input data (TopK / ArgMax indices, index arithmetic), [] for floats and for shape arithmetic (Shape cuts the
    chain: the toolkit folds it). calibration/issue_repros2.py i141_topk_scores (YOLOv10's box gather index, TopK
    indices -> Unsqueeze -> Tile -> GatherElements): both ran on the CPU as INT64 layers (`Transpose:<x>_rs`,
    `Expand:<tile>#1`) with 2.3.2 on rk3588, rk3566 float16 and rv1106 int8, where a float Unsqueeze is a
    reshape and the float Tile of the sweep (`Tile3:unit`) stayed on the NPU."""
    x = ref.inputs[0] if ref.inputs else ""
    if not x or view.dtype(x) not in INTS or not _dynamic(view, x) or _from_graph_input(view, x):
        return []
    return list(dict.fromkeys(_int_only(view, ref, [x], "int64_computed")))


def _from_graph_input(view: ModelView, name: str) -> bool:
    """Whether a value is a graph input or a re-layout of one (Unsqueeze / Squeeze / Reshape / Flatten): placement_sweep
    `i64in` measured BERT's int64 mask input Unsqueezed twice with one CPU layer, named after the second Unsqueeze (the
    input's run, motifs `in:i>`), so those are not integers the graph computes."""
    inputs = {vi.name for vi in view.inputs}
    for _ in range(8):
        if name in inputs:
            return True
        prod = view.producer.get(name)
        if prod is None or prod.op_type not in ("Unsqueeze", "Squeeze", "Reshape", "Flatten") or not prod.inputs:
            return False
        name = prod.inputs[0]
    return False


def _gather_index(view: ModelView, ref: NodeRef) -> bool:
    """Whether every reader takes the node's output as the indices of a Gather / GatherElements / GatherND: unseen set
    16's pose decode (pose_argmax_decode_256x192_op13: four Clip -> Unsqueeze -> GatherElements) had a CPU layer for
    one of its four index Unsqueezes with 2.3.2 on rk3562 / rk2118 float16, the other three none (the Gather took them
    in), so an index Unsqueeze names no integer variant; i141's Unsqueeze into a Tile ran on the CPU."""
    users = view.consumers.get(ref.outputs[0], []) if ref.outputs else []
    return bool(users) and all(u.op_type in ("Gather", "GatherElements", "GatherND") and len(u.inputs) > 1
                               and u.inputs[1] == ref.outputs[0] for u in users)


def _unsqueeze(view: ModelView, ref: NodeRef) -> list[str]:
    """The toolkit decides an Unsqueeze by the rank it makes: a 5-D result (axis0_to_5d) left the NPU on rk3588
    with 2.2.0 and 2.3.0 where rank 4 from rank 3 (rank3_axis1) stayed, so a result of rank 4 or less is that one;
    a 5-D result taken back to 4-D inside the network and never handed out at rank 5 is to_5d_inside. Integers
    computed in the graph are `int64_computed` (_int_data)."""
    ints = _int_data(view, ref)
    if ints and not _gather_index(view, ref):
        return ints
    r = view.rank(ref.outputs[0]) if ref.outputs else None
    if r is None:  # an If branch's value has no inferred shape: the input's rank and the axes added
        r_in = view.rank(ref.inputs[0]) if ref.inputs else None
        axes = _ints(ref, "axes") if view.opset < 13 else view.const_value(ref.inputs[1]) if len(ref.inputs) > 1 else None
        if r_in is None or axes is None:
            return []
        r = r_in + int(np.asarray(axes).size)
    if r >= 5:
        return ["axis0_to_5d"] if _hands_out_5d(view, ref.outputs[0]) else ["to_5d_inside"]
    return (["opset11_attr"] if view.opset < 13 else []) + ["rank3_axis1"]


def _hands_out_5d(view: ModelView, name: str) -> bool:
    """Whether a tensor of rank 5 or more reaches a graph output at that rank (through the nodes that keep it there).
    The CPU layer of the probe's axis0_to_5d is the Reshape the toolkit adds to hand its 5-D output out (`Reshape:
    probe_2rs`): small models on rk3588 and rk3566 with 2.2.0 and 2.3.0 put that Reshape on the CPU after an Unsqueeze,
    a Relu or a Concat of 5-D tensors that were the graph output, and nothing on the CPU where a Reshape or Conv took
    the same tensors back to 4-D (EVA-02's rotary interleave: Unsqueeze -> Concat -> Reshape)."""
    seen, todo = set(), [name]
    while todo and len(seen) < 64:
        t = todo.pop()
        if t in seen or not t:
            continue
        seen.add(t)
        if t in view.output_names:
            return True
        for user in view.consumers_of(t):
            for o in user.outputs:
                r = view.rank(o) if o else None
                if o and (r is None or r >= 5):
                    todo.append(o)
    return False



def _reshape(view: ModelView, ref: NodeRef) -> list[str]:
    """A Reshape back to rank 4 or less of a Concat, on its last axis, of 5-D Unsqueezes on that axis (a rotary
    interleave, EVA-02's rot) is interleave_5d: the toolkit turns the three into a Gather named after the Reshape's
    output (`Gather:<reshape out>-gather`), which rv1106 ran on the CPU with 2.2.0 and 2.3.0 in unseen set 4's EVA-02
    builds, as the probe did on rv1106, rv1106b and rk2118 (NPU elsewhere). Probed with 2.2.0 and 2.3.0 only: with 2.3.2
    EVA-02's whole build turned the Gather into a 1x1 Conv on the NPU (`<reshape out>-gather_2conv`) while small
    rotary models (Conv -> strided Slices -> the interleave, last axis 16 to 128, rv1106 int8) kept a CPU Gather, so
    the small model does not speak for that version's context. Every other Reshape takes the op's (or its layout
    motif's) placement."""
    if len(ref.inputs) < 1 or not ref.outputs:
        return []
    r_out = view.rank(ref.outputs[0])
    if r_out is None and len(ref.inputs) > 1 and ref.inputs[1]:
        # a computed target shape (HF RoFormer's Shape of the heads): its length is the output's rank
        s = view.shape(ref.inputs[1])
        r_out = s[0] if s is not None and len(s) == 1 and isinstance(s[0], int) else None
    cat = view.producer_of(ref.inputs[0])
    if r_out is None or r_out > 4 or cat is None or cat.op_type != "Concat":
        return []
    r = view.rank(cat.outputs[0]) if cat.outputs else None
    axis = cat.attr("axis", 0)
    if r is None or r < 5 or (axis + r if axis < 0 else axis) != r - 1:
        return []
    for x in cat.inputs:
        u = view.producer_of(x) if x else None
        if u is None or u.op_type != "Unsqueeze":
            return []
        axes = _ints(u, "axes") if view.opset < 13 else (
            view.const_value(u.inputs[1]) if len(u.inputs) > 1 else None)
        if axes is None or [int(a) + r if int(a) < 0 else int(a) for a in np.asarray(axes).ravel()] != [r - 1]:
            return []
    return ["interleave_5d"]


def _pow(view: ModelView, ref: NodeRef) -> list[str]:
    e = view.const_value(ref.inputs[1]) if len(ref.inputs) > 1 else None
    if e is None:
        return ["feature"]
    e = np.asarray(e, dtype=np.float64)
    if e.size != 1:
        return ["channel"]
    v = float(e.ravel()[0])
    out = [f"exponent_{_num(v)}"]
    if v not in (2.0, 3.0, 0.5, -0.5):
        out.append("exponent_1.5")  # measured: only 2, 3, 0.5 and -0.5 stay on the NPU (4, -1, -2, 0.25, 1.5 do not)
    return out


def _gather(view: ModelView, ref: NodeRef) -> list[str]:
    if len(ref.inputs) < 2:
        return []
    data, idx = ref.inputs[0], ref.inputs[1]
    dshape = view.shape(data)
    r = len(dshape) if dshape is not None else None
    axis = ref.attr("axis", 0)
    axis = axis + r if r is not None and axis < 0 else axis
    if _dynamic(view, idx):
        if view.is_initializer(data) or view.is_constant(data):
            return ["embedding_table"] if r == 2 else ["const_table_rank3_dynamic_indices"]
        return ["rank2_dynamic_indices"]
    iv = view.const_value(idx)
    if iv is not None and np.ndim(iv) == 0:
        if r == 3 and axis == 1:
            return ["rank3_token0"]
        # qkv[0] on a rank-5 tensor etc. build fine; the probe's failure is the toolkit's Conv + Gather fusion
        return ["axis1_scalar"] if r == 4 and axis == 1 and _conv_output(view, data) else []
    if r == 4:
        return [f"axis{axis}_indices"]
    return []


_FOLDED = frozenset({"BatchNormalization", "Add", "Mul"})  # folded into the Conv before its Gather fusion


def _conv_output(view: ModelView, name: str) -> bool:
    """A Conv's output, or one behind a BatchNormalization / an Add or Mul of a constant. Only then does a scalar
    Gather on axis 1 fail (TypeError in the toolkit's _p_fuse_conv_gather); on a graph input, behind a Relu, a
    Sigmoid, a constant Sub or Div or an Add of two maps it builds (measured with 2.3.2 and 2.5.0, docs/probe.md)."""
    ref = view.producer_of(name)
    while ref is not None and ref.op_type in _FOLDED and (
            ref.op_type == "BatchNormalization" or any(view.is_constant(x) for x in ref.inputs[1:2])):
        ref = view.producer_of(ref.inputs[0])
    return ref is not None and ref.op_type == "Conv"


def _gather_elements(view: ModelView, ref: NodeRef) -> list[str]:
    if len(ref.inputs) < 2:
        return []
    return ["dynamic_indices"] if _dynamic(view, ref.inputs[1]) else ["axis1"]


def _expand(view: ModelView, ref: NodeRef) -> list[str]:
    src, out = view.shape(ref.inputs[0]), view.shape(ref.outputs[0])
    if len(ref.inputs) > 1 and view.const_value(ref.inputs[1]) is None and _dynamic(view, ref.inputs[1]):
        return ["shape_graph_input"]
    ints = _int64(view, ref, ref.inputs[:1], "int64_values")
    if ints is not None:
        return ints
    if src and out and len(src) == len(out) and isinstance(src[0], int) and isinstance(out[0], int) and out[0] > src[0]:
        return ["batch2"]
    if src is not None and len(src) == 3:
        return ["rank3_tokens"]
    if src is not None and len(src) == 4:
        return ["channel_to_hw"]
    return []


def _cast(view: ModelView, ref: NodeRef) -> list[str]:
    to = ref.attr("to")
    src = view.dtype(ref.inputs[0])
    if src and src == to:
        return []  # a Cast to its own type: the toolkit drops it
    if to == TensorProto.INT32:
        return ["to_int32"]
    if to == TensorProto.INT64:
        return ["to_int64"]
    if to == TensorProto.BOOL:
        return ["to_bool"]
    if to == TensorProto.FLOAT16:
        return ["to_float16"]
    if to == TensorProto.UINT8:
        return ["int_to_uint8"] if src in INTS else ["to_uint8"]
    if to == TensorProto.FLOAT and src == TensorProto.BOOL:
        return ["bool_to_float"]
    if to == TensorProto.FLOAT and src in INTS:
        return ["int64_to_float"]
    return []


def _static(shape) -> bool:
    return bool(shape) and all(isinstance(d, int) and d > 0 for d in shape)


def _pad(view: ModelView, ref: NodeRef) -> list[str]:
    if len(ref.inputs) > 3 and ref.inputs[3]:
        return ["with_axes"]
    mode = ref.attr("mode", b"constant")
    mode = mode.decode() if isinstance(mode, bytes) else str(mode)
    if mode == "reflect":
        src = view.producer.get(ref.inputs[0])
        if src is not None and src.op_type == "Relu" and _users(view, ref.inputs[0]) == 1:
            norm = view.producer.get(src.inputs[0])
            if norm is not None and norm.op_type == "InstanceNormalization":
                return ["reflect_instnorm_relu_conv"]  # measured on the CPU (style-transfer blocks)
            return ["reflect_after_relu"]
        if src is not None and src.op_type == "Relu":
            return ["reflect_after_shared_relu", "reflect_hw1"]
    pv = view.const_value(ref.inputs[1]) if len(ref.inputs) > 1 and ref.inputs[1] else None
    if pv is None and ref.attr("pads") is not None:
        pv = np.asarray(ref.attr("pads"))
    out = []
    users = view.consumers.get(ref.outputs[0], []) if ref.outputs else []
    shape = view.shape(ref.inputs[0])
    if mode == "constant" and users and ref.outputs[0] not in view.output_names \
            and all(u.op_type == "Reshape" for u in users) and shape and len(shape) == 4 \
            and isinstance(shape[1], int) and shape[1] > 0:
        # a zero Pad whose map a Reshape lays out anew (tf2onnx's channels-last front: openWakeWord's [1, 76, 32, 1]
        # input -> Pad -> Reshape [1, 1, 76, 34]): with 2.3.x on the CPU where C is no multiple of 8 (12, 36, 74, 76,
        # 77, 84), on the NPU where it is (8 to 96); calibration/placement_sweep.py `padin`
        out.append("constant_reshape_c8" if shape[1] % 8 == 0 else "constant_reshape")
    p = [int(x) for x in np.asarray(pv).ravel()] if pv is not None and np.size(pv) == 8 else []
    into = {u.op_type for u in users}
    kind = {"Conv": "conv", "MaxPool": "pool"}.get(into.pop()) if len(into) == 1 else None
    if mode == "constant" and kind and ref.outputs[0] not in view.output_names and not (p and (p[1] or p[5])):
        # a zero Pad the Conv / MaxPool after it takes as its padding; pads not constant read as the Conv's symmetric
        # ones and as the pool's TensorFlow 'same' ones (bottom / right)
        asym = (p[2], p[3]) != (p[6], p[7]) if p else kind == "pool"
        out.append(f"constant_asym_{kind}" if asym else f"constant_{kind}")
    if p:
        if p[1] or p[5]:
            return ["channels"]
        if mode == "constant" and len(ref.inputs) > 2 and ref.inputs[2]:
            out.append("constant_value_asym")
        c = shape[1] if shape and len(shape) == 4 and isinstance(shape[1], int) and shape[1] > 0 else 0
        if mode == "constant" and c % 8 and any(p):  # (a Pad of zeros is no layer at all)
            # channels no multiple of 8: with 2.3.2 on the CPU on rk3588 (1 to 6, 10, 12, 20; not 8, 16, 24), on
            # rk3566 where C is no multiple of 4 (calibration/placement_sweep.py `padtail`); the probe variants measure
            # 1, 2, 3, 4 and 6 channels, a wider map reads the one of its alignment (4 or 6)
            chan = f"constant_c{c if c <= 4 else (4 if c % 4 == 0 else 6)}"
            if kind == "conv" and not _conv_takes_pad(users[0], p):  # a layer of its own: its channels decide
                out = [v for v in out if v not in ("constant_conv", "constant_asym_conv")]
                if _zero_value(view, ref):
                    out.insert(0, chan)  # the Pad's own layer: its channels first
            if chan not in out:
                out.append(chan)
        if len({p[2], p[3], p[6], p[7]}) == 1:
            out.append(f"{mode}_hw{p[2]}")
    return out + [f"{mode}_hw1"]


# The widest zero Pad a Conv with no padding of its own was measured to take as its padding (4), and the narrowest it
# left a layer of its own (31): calibration/placement_sweep.py `padconv` with 2.3.2; between, unmeasured, it is taken.
PAD_TAKEN_MAX, PAD_SEPARATE_MIN = 4, 31


def _conv_takes_pad(conv: NodeRef, pads: list[int]) -> bool:
    """Whether the Conv reading a zero Pad takes it as its padding. placement_sweep `padconv` (16 models, 2.3.2 on
    rk3562, rk3576, rk2118 float16 and rv1106, rv1106b int8): a Conv with pads of its own left the Pad a layer of its
    own whatever the Pad's axes (unseen set 19's DCCRN: the causal time Pad (0, 1) into a 5 x 2 Conv padded 2 on the
    frequency axis), and so did one without at a Pad of 31 / 32 rows (CREPE's 255 / 256 too), where Pads of up to 4,
    symmetric or not, vanished into it. A Pad of its own then runs where a zero Pad of its channels runs (`constant_c*`:
    on the CPU on rk3562, rk3576 and rv1106 for 1 and 4 channels, on the NPU on rk2118 and rv1106b)."""
    own = conv.attr("pads")
    if own is not None and any(int(x) for x in own):
        return False
    return max(pads, default=0) < PAD_SEPARATE_MIN


def _zero_value(view: ModelView, ref: NodeRef) -> bool:
    """A constant Pad whose fill value is zero (none given, or a constant 0)."""
    if len(ref.inputs) < 3 or not ref.inputs[2]:
        return True
    v = view.const_value(ref.inputs[2])
    return v is not None and np.size(v) == 1 and float(np.asarray(v).ravel()[0]) == 0.0


def _users(view: ModelView, name: str) -> int:
    """Consumers of a value, a graph output counting as one."""
    return len(view.consumers.get(name, [])) + (name in view.output_names)


def _depth_to_space(view: ModelView, ref: NodeRef) -> list[str]:
    mode = ref.attr("mode", b"DCR")
    mode = mode.decode() if isinstance(mode, bytes) else str(mode)
    return [f"{mode}_b{ref.attr('blocksize', 2)}"]


def _binary(view: ModelView, ref: NodeRef) -> list[str]:
    """Add/Sub/Mul/Div: integer inputs, high rank, or how a float right-hand side broadcasts (the probe's patterns)."""
    if len(ref.inputs) != 2:
        return []
    a, b = ref.inputs
    ints = _int64(view, ref, [a, b], "int64_inputs")
    if ints is not None:
        return ints
    sa, sb = view.shape(a), view.shape(b)
    if sa is None or sb is None or not _dynamic(view, a):
        return []
    r = len(sa)
    if r >= 5:
        # a computed right-hand side by the smaller operand's broadcast, as a constant one (either may be the gate)
        small = sb
        if _dynamic(view, b) and len(sb) == r and all(isinstance(d, int) for d in (*sa, *sb)) and \
                int(np.prod(sa)) < int(np.prod(sb)):
            small = sa
        return [f"rank{r}"] if _leading_only(small) else []
    if ref.op_type == "Div" and r in (2, 3) and _dynamic(view, b) and _expanded_divisor(view, a, b, rank=r):
        return ["feature"]
    if r == 3 and len(sb) <= 1:
        return ["rank3_tokens"]
    if r != 4:
        return []
    if _dynamic(view, b):
        same = len(sb) == 4 and list(sb) == list(sa)
        if same or (ref.op_type == "Div" and _expanded_divisor(view, a, b)):
            return ["feature"]
        return ["feature_bcast"] if ref.op_type != "Div" and _broadcast(view, a, b) else []
    sb = list(sb)
    if all(d == 1 for d in sb):
        return ["scalar"]
    if len(sb) == 1:
        return ["lastdim"]
    if len(sb) == 4 and sb[0] == 1 and sb[2:] == [1, 1]:
        return ["channel"]
    if len(sb) == 4 and sb[:2] == [1, 1]:
        return ["spatial"]
    if list(sb) == list(sa):
        return ["same"]
    return []


def _leading_only(sb) -> bool:
    """A right-hand side of a rank-5+ op that is 1 over the last three axes and varies along the leading ones (the
    probe's rank5 / rank6 patterns, [1, C, 1, 1, 1]: a squeeze-excite gate of a 3-D CNN). Measured with 2.5.0 on rk2118
    fp16 and rv1106b int8, a Mul of a [1,3,20,20,2] tensor (a graph input, or a YOLOv5 anchor decode after Transpose
    and Sigmoid) runs on the CPU by [1,3,1,1,1] only; by a scalar, [1,3,1,1,2] (anchors), [1,1,1,1,2] or [1,1,20,20,2]
    (the grid) it stays on the NPU. A computed operand the same (calibration/placement_sweep.py `mul5`, 2.3.2 and 2.5.0
    on rk2118 float16 and rv1106b int8, behind a depthwise Conv3d: the SE Mul by its gate [1, C, 1, 1, 1] on the CPU in
    every build; a swish x * sigmoid(x), a product of two maps of one shape, a computed [1, 1, T, H, W] or
    [1, C, T, 1, 1] gate and a constant [1, C, T, 1, 1] on the NPU in every build; unseen set 21's X3D-XS: 6 SE Muls on
    the CPU, 10 swishes on the NPU), and a square x * x (EvoNorm-S0's centred group view [1, 32, C / 32, H, W], on the
    NPU with 2.3.2 on rv1106b int8 at every size: `evonorm`, 8 of 8; unseen set 11's ResNetV2-50d-EvoNorm, 51 of 51)."""
    dims = list(sb)
    return len(dims) >= 5 and all(d == 1 for d in dims[-3:]) and any(d != 1 for d in dims)


def _broadcast(view: ModelView, a: str, b: str) -> bool:
    """A computed rank-4 operand that broadcasts along the channels only ([N,1,H,W] against [N,C,H,W]), the probe's
    `feature_bcast` (a feature map and its channel mean; RT-DETR's deformable attention weights [8,1,300,12] against
    [8,32,300,12]). A squeeze-excite scale [1,C,1,1] is not it (it broadcasts over H, W)."""
    sa, sb = _concrete(view, a), _concrete(view, b)
    if sa is None or sb is None or len(sa) != 4 or len(sb) != 4:
        return False
    return sb[1] == 1 < sa[1] and all(sa[i] == sb[i] for i in (0, 2, 3))


def _concrete(view: ModelView, name: str):
    """The value's shape with every dim a number: the inferred one, else with shape computations folded."""
    shape = view.shape(name)
    if shape is not None and all(isinstance(d, int) for d in shape):
        return tuple(shape)
    from .static_shapes import resolved_shape

    shape = resolved_shape(view, name)
    return tuple(shape) if shape is not None and all(isinstance(d, int) for d in shape) else None


def _expanded_divisor(view: ModelView, a: str, b: str, rank: int = 4) -> bool:
    """A computed rank-4 divisor that broadcasts against the dividend: rknn-toolkit2 expands it first and divides two
    tensors of one shape, the probe's `feature` Div (measured with 2.5.0: timm EfficientViT's linear attention
    v / (sum + eps), [1,8,64,16] / [1,8,64,1], became 'Expand:<divisor>_expand' then a Div on two (8,64,1,16) inputs,
    on the CPU in every int8 build and on the NPU in every float16 one, as the probe's `feature` Div). Rank 2 and 3
    too, same shape or broadcast: in the rv1106 int8 calibration builds every Div by a computed divisor outside a
    fused normalization ran on the CPU (RT-DETR's inverse sigmoid [1,300,4] / [1,300,4], a masked mean [1,128] /
    [1,1], EfficientViT's), none on the NPU."""
    sa, sb = _concrete(view, a), _concrete(view, b)
    if sa is None or sb is None or len(sa) != rank or len(sb) != rank:
        return False
    return (sa != sb or rank < 4) and all(x == y or y == 1 for x, y in zip(sa, sb))


def _where(view: ModelView, ref: NodeRef) -> list[str]:
    """Integer values (see _int64), or a constant condition: the probe's mask_const (unseen set 19's Funnel
    Transformer picks its token-type attention with a constant [1, 1, T, T] mask) built on rk2118 float16 2.3.2,
    where a computed mask (mask_feature) crashes."""
    if len(ref.inputs) == 3:
        ints = _int64(view, ref, ref.inputs[1:], "int64_values")
        if ints:
            return ints
        if ref.inputs[0] and view.is_constant(ref.inputs[0]):  # stored, or computed from constants only (the
            return ["mask_const"]  # exported Funnel's Or -> Unsqueeze -> Expand mask; built on rk2118 2.3.2)
    return []


def _int_only(view: ModelView, ref: NodeRef, names: list[str], probed: str) -> list[str]:
    """_int64 without the fall-back to the probed variant: ops whose float form the toolkit rewrites (CumSum to a
    Conv) or keeps on the NPU (Concat), so a table without `int64_computed` has no word for computed integers."""
    ints = _int64(view, ref, names, probed)
    return [] if ints is None else [v for v in ints if v == "int64_computed" or len(ints) == 1]


def _cumsum(view: ModelView, ref: NodeRef) -> list[str]:
    """CumSum over integers: a position count (NLLB / M2M100's `cumsum(mask) * mask + pad`) ran on the CPU where the
    float CumSum is rewritten to an NPU Conv (calibration/issue_repros.py `i176_cumsum_positions`)."""
    return _int_only(view, ref, ref.inputs[:1], "int64_inputs")


def _concat(view: ModelView, ref: NodeRef) -> list[str]:
    """Concat of integers: shape arithmetic on a graph input (the probe's int64_shapes) or indices the graph computes
    (a keypoint decode's GatherND indices, calibration/issue_repros.py `i93_gathernd_keypoints`)."""
    return _int_only(view, ref, [x for x in ref.inputs if x], "int64_shapes")


def _clip(view: ModelView, ref: NodeRef) -> list[str]:
    """Clip of integers the graph computes (unseen set 16's pose decode clamps ArgMax indices +- 1 and +- W to the
    heatmap): probed as `int64_computed` (TopK indices clamped to [0, 62]); a float Clip takes the op's placement."""
    return list(dict.fromkeys(_int_only(view, ref, ref.inputs[:1], "int64_computed")))


def _compare(view: ModelView, ref: NodeRef) -> list[str]:
    """Less / Greater / Equal ...: integer operands (see _int64), or how the right-hand side of a feature map
    comparison broadcasts (the probe's channel / scalar / feature patterns). A scalar threshold or a same-shape map
    is placed like the probe's 4-D one at any rank: Greater / Less of [1, 3072], [1, 192, 16], [1, 64, 256],
    [1, 2, 4, 16, 16] against a scalar (dynamo's softplus writes Greater(x, 20)) or a same-shape map ran on the CPU
    and built on rv1106 / rv1106b int8 (2.3.2, 2.5.0) and rk2118 float16 (2.3.2), where the 4-D channel pattern
    crashes, and Greater stayed on the NPU on rk3576 float16 2.3.2 like its probe's scalar one (docs/probe.md). A
    scalar threshold is the scalar variant where the map's shape is unknown too: unseen set 19's DCCRN-lite writes
    torch.atan2 as Greater / Less (x, 0) on a ConvTranspose output whose shape rknnlint could not infer; it built on
    rv1106 int8 2.3.2 with both on the CPU."""
    if len(ref.inputs) != 2:
        return []
    a, b = ref.inputs
    ints = _int64(view, ref, [a, b], "int64_inputs")
    if ints is not None:
        return ints
    sa, sb = view.shape(a), view.shape(b)
    if sb is not None and not sa and _dynamic(view, a) and not _dynamic(view, b) and all(d == 1 for d in sb):
        return ["scalar"]  # a scalar threshold is never the crashing channel pattern, whatever the map's unknown shape
    if not sa or sb is None or not _dynamic(view, a):
        return []
    if _dynamic(view, b):
        return ["feature"] if list(sb) == list(sa) else []
    sb = list(sb)
    if all(d == 1 for d in sb):
        return ["scalar"]
    return ["channel"] if len(sa) == len(sb) == 4 and sb[0] == 1 and sb[2:] == [1, 1] else []


def _rnn(view: ModelView, ref: NodeRef) -> list[str]:
    d = ref.attr("direction", b"forward")
    return [d.decode() if isinstance(d, bytes) else str(d)]


def _einsum(view: ModelView, ref: NodeRef) -> list[str]:
    """Measured on rk3588: an equation with whitespace ("b i j, b j k -> b i k", as torch exports what the source
    wrote) stays an Einsum on the CPU; without whitespace the toolkit rewrites 3-D, 4-D and 5-D products to NPU
    MatMuls."""
    eq = ref.attr("equation")
    if isinstance(eq, bytes):
        eq = eq.decode("utf-8", "replace")
    if not isinstance(eq, str):
        return []
    spaced = any(c.isspace() for c in eq)
    if len(ref.inputs) == 1:
        return [] if spaced else ["nchw_transpose"]  # one operand: a transpose / reduction, measured without spaces
    if len(ref.inputs) != 2:
        return []
    if spaced:
        return ["bij_bjk_spaced"]
    return ["bghid_bghjd_5d"] if max(view.rank(i) or 0 for i in ref.inputs) >= 5 else ["bij_bjk"]


def _slice_steps(view: ModelView, ref: NodeRef) -> tuple[list[int], list[int]] | None:
    """(axes, steps) of a Slice with constant starts / ends / axes / steps, axes made non-negative; None otherwise."""
    ins = list(ref.node.input)
    rank = view.rank(ins[0]) if ins else None
    vals = [view.const_value(ins[k]) if len(ins) > k and ins[k] else None for k in range(1, 5)]
    if vals[0] is None or vals[1] is None or rank is None:
        return None
    n = len(vals[0].flatten())
    axes = [int(a) % rank for a in vals[2].flatten()] if vals[2] is not None else list(range(n))
    steps = [int(x) for x in vals[3].flatten()] if vals[3] is not None else [1] * n
    return axes, steps


def _slice(view: ModelView, ref: NodeRef) -> list[str]:
    """A strided Slice over H or W (YOLOv5's Focus stem, x[..., ::2, ::2]) is one of the probe's step-2 variants: one
    Slice over both axes `hw_step2_focus`; the strided-W Slice that reads a strided-H one (the second half of a Focus
    pair) `focus_second`; a strided-H Slice read by two or more strided-W Slices (the stem as newer torch exports share
    it) `focus_shared`; one of four separate pairs into one Concat (the stem as older torch exports write it)
    `focus_pairs`; any other strided-H Slice `height_step2` (a table without it: `width_step2`, the same stride on
    the other axis), strided-W `width_step2`. A rank-3 sequence [T, B, D] reversed over T (an unrolled backward
    LSTM) is `rank3_reverse_time`; another negative step is `negative_step`; otherwise the axis names the variant
    (channels, height, batch_axis0, rank3_tokens), and starts / ends the network computes are `starts_graph_input`.
    A strided Slice that reads a Slice strided over another axis (channels-last windows: Swin's patch merging) has no
    variant. Measured with 2.5.0 (rk3588 float16, the Focus stems of ddddocr's detector and a torch export): the
    separate pairs left the strided-H Slices on the CPU and merged the strided-W ones into them; shared, the toolkit
    made the stem one Conv. The separate pairs in front of the stem's Conv (probe `focus_pairs`, rk3588 float16): the
    strided-H Slices on the CPU with 2.5.0, one NPU Conv with 2.3.2 (its fuse_focus_slice)."""
    got = _slice_steps(view, ref)
    if got is None:
        return ["starts_graph_input"] if len(ref.node.input) > 2 and _dynamic(view, ref.node.input[1]) else []
    axes, steps = got
    rank = view.rank(ref.node.input[0])
    if rank == 3:
        if axes == [0] and steps == [-1]:
            return ["rank3_reverse_time"]
        return ["rank3_tokens"] if axes == [1] and all(s == 1 for s in steps) else []
    if rank != 4:
        return []
    if any(s < 0 for s in steps):
        return ["negative_step"]
    strided = sorted(a for a, s in zip(axes, steps) if a in (1, 2, 3) and s > 1)
    if strided == [2, 3]:
        return ["hw_step2_focus"]
    if strided in ([2], [3]):
        prev = view.producer_of(ref.node.input[0])
        before = _slice_steps(view, prev) if prev is not None and prev.op_type == "Slice" else None
        if before is not None and any(s > 1 for s in before[1]):
            return ["focus_second"] if (strided == [3] and {a for a, s in zip(*before) if s > 1} == {2}) else []
        if strided == [3]:
            return ["rotary_pairs", "width_step2"] if _rotary_pair(view, ref) else ["width_step2"]
        users = view.consumers_of(ref.node.output[0])
        wide = [u for u in users if u.op_type == "Slice" and (_slice_steps(view, u) or ([], []))[0] == [3]
                and all(s > 1 for s in (_slice_steps(view, u) or ([], []))[1])]
        if len(wide) >= 2 and len(wide) == len(users):
            return ["focus_shared"]
        if len(wide) == 1 == len(users) and _focus_pairs(view, wide[0]):
            return ["focus_pairs", "height_step2", "width_step2"]
        return ["height_step2", "width_step2"]
    if strided:
        return []
    if 0 in axes:
        return ["batch_axis0"]
    return ["channels"] if 1 in axes else ["height"]


def _rotary_pair(view: ModelView, ref: NodeRef) -> bool:
    """Whether a strided-W Slice is one half of a rotary interleave: read (through a Neg or not) by an Unsqueeze whose
    Concat a Reshape takes back to rank 4 (interleave_5d; timm's RoPE ViT and EVA-02 as torch exports them). Small
    attention models (placement_sweep `rope`) put such Slices of the heads on the CPU on rk3588 fp16 with 2.3.2, while
    2.5.0 folded them into the Conv it makes of the interleave; a table without the probe's `rotary_pairs` falls back
    to width_step2. The Reshape may take its target from a Shape of the pair (an LLM decode step's interleaved RoPE)
    or of the heads (HF RoFormer): unseen set 19's rk3588 rows put those Slices on the CPU with 2.3.2 / 2.3.0 and on
    the NPU with 2.5.0, as the probe."""
    users = view.consumers_of(ref.node.output[0])
    if len(users) == 1 and users[0].op_type == "Neg":
        users = view.consumers_of(users[0].node.output[0])
    if len(users) != 1 or users[0].op_type != "Unsqueeze":
        return False
    cats = view.consumers_of(users[0].node.output[0])
    rs = view.consumers_of(cats[0].node.output[0]) if len(cats) == 1 and cats[0].op_type == "Concat" else []
    rs = [u for u in rs if u.op_type != "Shape"]  # a Shape of the pair for the Reshape's target (an LLM's RoPE)
    return len(rs) == 1 and rs[0].op_type == "Reshape" and _reshape(view, rs[0]) == ["interleave_5d"]


def _focus_pairs(view: ModelView, second: NodeRef) -> bool:
    """Whether a strided-W Slice (the second of a Focus pair) is one of four such pairs that make one Concat over the
    channels: YOLOv5's Focus stem as older torch exports write it (the probe's `focus_pairs`)."""
    users = view.consumers_of(second.node.output[0])
    if len(users) != 1 or users[0].op_type != "Concat" or len(users[0].node.input) != 4:
        return False
    for x in users[0].node.input:
        w = view.producer_of(x)
        h = view.producer_of(w.node.input[0]) if w is not None and w.op_type == "Slice" else None
        if h is None or h.op_type != "Slice" or (_slice_steps(view, w) or ([], []))[0] != [3] \
                or (_slice_steps(view, h) or ([], []))[0] != [2]:
            return False
    return True


def _tile(view: ModelView, ref: NodeRef) -> list[str]:
    """A Tile whose constant repeats are all 1 (a no-op, the probe's `repeats_ones`: timm GCViT tiles its global query
    by its window count, 1 in the last two stages); integers computed in the graph are `int64_computed` (_int_data);
    other Tiles: no variant, the op's placement applies."""
    ints = _int_data(view, ref)
    if ints:
        return ints
    if len(ref.inputs) < 2 or not ref.inputs[1]:
        return []
    reps = view.const_value(ref.inputs[1])
    return ["repeats_ones"] if reps is not None and np.asarray(reps).size and np.all(np.asarray(reps) == 1) else []


def _reduce(view: ModelView, ref: NodeRef) -> list[str]:
    """The probe's ReduceMax variants over a rank-4 feature map: `axes<axes>_keepdims<k>` for the channel, spatial
    and last-axis reductions it built, `all_axes` for a reduction of every element to a scalar (no axes given).
    rknn-toolkit2 2.5.0 on rk3576 ran ReduceMax over the channels on the NPU and the spatial, last-axis and all-axes
    variants on the CPU (rules/measured/rk3576-2.5.0.yaml), where the op-level placement (the channel variant) said
    NPU; every other family and version measured every ReduceMax variant on the CPU. openWakeWord's melspectrogram
    reduces its log-mel map to its maximum that way (the top_db clamp) and its rk3576 float16 and int8 builds ran it
    on the CPU.
    Only ReduceMax: the other Reduce ops' probe variants sit at a graph output, their placement in context is the
    sweeps' `reduces` section, and no real build here has checked the two against each other."""
    r = view.rank(ref.inputs[0]) if ref.inputs else None
    if r is None:
        return []
    axes = view.axes(ref)
    if axes is None:
        return []  # computed axes: no variant speaks for it
    if not axes:
        if ref.attr("noop_with_empty_axes", 0):
            return []
        return ["all_axes"]
    norm = sorted({a + r if a < 0 else a for a in axes})
    if norm == list(range(r)):
        return ["all_axes"]
    if r != 4:
        return []
    return [f"axes{''.join(map(str, norm))}_keepdims{1 if ref.attr('keepdims', 1) else 0}"]


def _logic(view: ModelView, ref: NodeRef) -> list[str]:
    """A logical And whose one reader casts it to float (a mask multiplied in, KAN's B-spline bases: (x >= g0) & (x <
    g1) -> Cast) is `masks_to_float`: 2.5.0 lowers And as Cast -> Mul -> Cast back to bool, and only that last Cast
    ran on the CPU in the probe's bool output (`bool_masks`); unseen set 11's KAN kept its Ands on the NPU on rk3588
    with 2.5.0, on the CPU with 2.3.2. Any other And takes the op's placement."""
    users = view.consumers_of(ref.node.output[0]) if ref.node.output else []
    if len(users) == 1 and users[0].op_type == "Cast" and int(users[0].attr("to", 0) or 0) in (1, 10) \
            and ref.node.output[0] not in view.output_names:
        return ["masks_to_float"]
    return []


_MATCHERS: dict[str, Callable[[ModelView, NodeRef], list[str]]] = {
    "AveragePool": _pool, "MaxPool": _pool, "ConvTranspose": _conv_transpose, "Resize": _resize, "Softmax": _softmax,
    "Pow": _pow, "Gather": _gather, "GatherElements": _gather_elements, "Expand": _expand, "Cast": _cast, "Pad": _pad,
    "DepthToSpace": _depth_to_space, "Add": _binary, "Sub": _binary, "Mul": _binary, "Div": _binary,
    "Where": _where, "LSTM": _rnn, "GRU": _rnn, "Einsum": _einsum, "Less": _compare, "Greater": _compare,
    "LessOrEqual": _compare, "GreaterOrEqual": _compare, "Equal": _compare, "Slice": _slice, "Tile": _tile,
    "ReduceMax": _reduce, "Unsqueeze": _unsqueeze, "CumSum": _cumsum, "Concat": _concat, "Reshape": _reshape,
    "And": _logic, "Clip": _clip,
}
OPS = frozenset(_MATCHERS)  # the ops whose placement can depend on attributes
