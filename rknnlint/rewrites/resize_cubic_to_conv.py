"""resize-cubic-to-conv: bicubic upsampling by an integer factor as Pad(edge) + depthwise 5x5 Conv +
DepthToSpace, which computes the same numbers with ops the NPU runs."""
from __future__ import annotations

import numpy as np
import onnx
from onnx import numpy_helper

from ._base import (
    Applicability,
    Rewrite,
    RewriteOptions,
    RewriteResult,
    Tolerance,
    begin,
    drop_value_info,
    opset_of,
    register_rewrite,
    tag,
)
from ._walk import get_attr

MODES = ("half_pixel", "pytorch_half_pixel", "asymmetric")
TAPS = 5  # offsets -2..2 cover every phase of every integer factor


def cubic(x: float, a: float) -> float:
    """The cubic convolution kernel ONNX Resize uses (Keys, coefficient a)."""
    x = abs(x)
    if x <= 1:
        return (a + 2) * x ** 3 - (a + 3) * x ** 2 + 1
    if x < 2:
        return a * x ** 3 - 5 * a * x ** 2 + 8 * a * x - 4 * a
    return 0.0


def phase_weights(scale: int, a: float, mode: str) -> np.ndarray:
    """[scale, 5]: for output phase p, the weights of input offsets -2..2 around the source pixel."""
    w = np.zeros((scale, TAPS), dtype=np.float64)
    for p in range(scale):
        f = (p + 0.5) / scale - 0.5 if mode != "asymmetric" else p / scale
        base = int(np.floor(f))
        t = f - base
        for k, dist in enumerate((t + 1, t, 1 - t, 2 - t)):
            w[p, base - 1 + k + 2] += cubic(dist, a)
    return w


def _scale(model_consts: dict, node: onnx.NodeProto, shape: tuple[int, ...]) -> int | None:
    scales = model_consts.get(node.input[2]) if len(node.input) > 2 and node.input[2] else None
    if scales is None or scales.size == 0:
        sizes = model_consts.get(node.input[3]) if len(node.input) > 3 and node.input[3] else None
        if sizes is None or sizes.size != 4:
            return None
        if any(int(s) % int(d) for s, d in zip(sizes, shape)):
            return None
        scales = np.asarray([int(s) // int(d) for s, d in zip(sizes, shape)], dtype=np.float64)
    scales = np.asarray(scales, dtype=np.float64).reshape(-1)
    if scales.size != 4 or scales[0] != 1 or scales[1] != 1 or scales[2] != scales[3]:
        return None
    s = scales[2]
    return int(s) if s == int(s) and 2 <= s <= 8 else None


def why_not(node: onnx.NodeProto, shape, consts: dict, opset: int) -> str | None:
    """None when the node can be rewritten exactly, else the reason."""
    if get_attr(node, "mode", b"nearest") not in (b"cubic", "cubic"):
        return "not cubic"
    mode = get_attr(node, "coordinate_transformation_mode", b"half_pixel")
    mode = mode.decode() if isinstance(mode, bytes) else mode
    if mode not in MODES:
        return f"coordinate_transformation_mode '{mode}' has position-dependent weights"
    if get_attr(node, "exclude_outside", 0):
        return "exclude_outside=1"
    if get_attr(node, "antialias", 0) or get_attr(node, "axes") is not None:
        return "antialias / axes"
    if shape is None or len(shape) != 4:
        return "the input is not a static 4-D NCHW tensor"
    if len(node.input) > 1 and node.input[1] and mode == "tf_crop_and_resize":
        return "roi"
    if _scale(consts, node, shape) is None:
        return "the scale is not the same integer factor (2-8) on H and W"
    return None


@register_rewrite
class ResizeCubicToConv(Rewrite):
    """The rknn-toolkit2 2.5.0 compiler crashes (segmentation fault) on Resize mode=cubic (docs/facts.md#npu-limits,
    observed). For an integer factor s on H and W with half_pixel / pytorch_half_pixel / asymmetric
    coordinates, every output phase is a fixed 4-tap cubic filter of the input with edge clamping: that
    is Pad(edge, 2) + a depthwise 5x5 Conv with C*s*s outputs + DepthToSpace(s, CRD), all NPU ops. Same
    numbers up to float rounding (proven in onnxruntime)."""

    name = "resize-cubic-to-conv"
    summary = "integer-factor bicubic Resize as Pad + depthwise Conv + DepthToSpace (exact)"
    applicability = Applicability.SAFE
    tolerance = Tolerance(rtol=1e-4, atol=1e-5)

    def apply(self, model: onnx.ModelProto, options: RewriteOptions) -> RewriteResult:
        opset = opset_of(model)
        if opset < 11:
            return RewriteResult(model, False, ["opset < 11 has no cubic Resize"])
        view, out, names = begin(model, "rknnlint/resize-cubic")
        consts: dict = {}
        notes, skipped = [], []
        graph = out.graph
        new_nodes: list[onnx.NodeProto] = []
        touched: set[str] = set()
        for n in graph.node:
            if n.op_type != "Resize" or n.domain not in ("", "ai.onnx") or get_attr(n, "mode") not in (b"cubic", "cubic"):
                new_nodes.append(n)
                continue
            for i in n.input[1:]:
                if i and i not in consts:
                    v = view.const_value(i)
                    consts[i] = v if v is not None else view.initializer_value(i)
            shape = view.static_shape(n.input[0])
            reason = why_not(n, shape, consts, opset)
            if reason:
                skipped.append(f"Resize '{n.name or n.output[0]}' kept: {reason}")
                new_nodes.append(n)
                continue
            s = _scale(consts, n, shape)
            a = float(get_attr(n, "cubic_coeff_a", -0.75))
            mode = get_attr(n, "coordinate_transformation_mode", b"half_pixel")
            mode = mode.decode() if isinstance(mode, bytes) else mode
            c = int(shape[1])
            w1 = phase_weights(s, a, mode)  # [s, 5]
            w2 = np.einsum("pi,qj->pqij", w1, w1).reshape(s * s, TAPS, TAPS)  # phase (py, px) -> 5x5
            weight = np.tile(w2[None], (c, 1, 1, 1)).reshape(c * s * s, 1, TAPS, TAPS).astype(np.float32)
            dt = view.dtype(n.input[0])
            if dt and dt != onnx.TensorProto.FLOAT:
                weight = weight.astype(onnx.helper.tensor_dtype_to_np_dtype(dt))
            base = n.name or n.output[0]
            pads = names("pads")
            graph.initializer.append(numpy_helper.from_array(np.asarray([0, 0, 2, 2, 0, 0, 2, 2], dtype=np.int64), pads))
            wname = names("weight")
            graph.initializer.append(numpy_helper.from_array(weight, wname))
            padded, phases = names("padded"), names("phases")
            pad = onnx.helper.make_node("Pad", [n.input[0], pads], [padded], name=f"{base}/pad_edge", mode="edge")
            conv = onnx.helper.make_node("Conv", [padded, wname], [phases], name=f"{base}/cubic_phases", group=c,
                                         kernel_shape=[TAPS, TAPS], pads=[0, 0, 0, 0], strides=[1, 1])
            d2s = onnx.helper.make_node("DepthToSpace", [phases], [n.output[0]], name=base, blocksize=s, mode="CRD")
            for x in (pad, conv, d2s):
                tag(x, self.name, options.codes)
            new_nodes.extend([pad, conv, d2s])
            touched.add(n.output[0])
            notes.append(f"Resize '{base}' (cubic x{s}, {mode}) -> Pad(edge) + depthwise Conv 5x5 ({c * s * s} "
                         f"filters) + DepthToSpace({s})")
        if not notes:
            return RewriteResult(model, False, skipped or ["no cubic Resize"])
        del graph.node[:]
        graph.node.extend(new_nodes)
        drop_value_info(graph, touched)
        from ._gs import clean

        return RewriteResult(clean(out), True, notes + skipped)
