"""fold-strided-conv: a 1-D Conv whose kernel is a multiple of its stride (an STFT front end: silero-vad's 256-tap
Conv with stride 128) as frames folded into channels and a short Conv, same numbers."""
from __future__ import annotations

import numpy as np
import onnx
from onnx import numpy_helper

from ._base import Applicability, Rewrite, RewriteOptions, RewriteResult, begin, register_rewrite, tag
from ._walk import get_attr


def _weight(view, out: onnx.ModelProto, name: str) -> np.ndarray | None:
    """A Conv's weights: folded, an initializer, or a Constant node (the fold skips large ones)."""
    w = view.initializer_value(name)
    if w is None:
        for n in out.graph.node:
            if n.op_type == "Constant" and n.output[0] == name and n.attribute and n.attribute[0].name == "value":
                return numpy_helper.to_array(n.attribute[0].t)
    return w if w is not None else view.const_value(name)


@register_rewrite
class FoldStridedConv(Rewrite):
    """Conv over [N, C, L] with kernel K = m x stride S (m >= 2), no padding, no dilation, one group: the input
    is cut into frames of S samples that become channels ([N, C x S, L / S]) and the Conv becomes a Conv of kernel
    m and stride 1 over them (weights reordered, bias kept). rknn-toolkit2 2.5.0 splits a long kernel into many
    Convs and Adds (silero-vad's 256-tap STFT Conv: 64 Convs and 15 Adds, each re-quantized in int8): folded it
    is one layer, so the hybrid quantization (`rknnlint build --int8-accuracy`, docs/int8.md) can keep it in fp16
    as one layer; that search applies this rewrite on its own. Exact (the same products, summed in another
    order)."""

    name = "fold-strided-conv"
    summary = "1-D Conv with kernel = m x stride -> frames folded into channels + Conv of kernel m"
    applicability = Applicability.SAFE

    def apply(self, model: onnx.ModelProto, options: RewriteOptions) -> RewriteResult:
        res = self._fold(model, options)
        if not res.changed and any("input shape not static" in x for x in res.notes):
            # the input length comes out of constant arithmetic (silero-vad's padding): fold it, then try again
            from ._gs import fold_and_clean

            again = self._fold(fold_and_clean(model, options.fold_size_limit, self.name, options.codes), options)
            if again.changed:
                return again
        return res

    def _fold(self, model: onnx.ModelProto, options: RewriteOptions) -> RewriteResult:
        view, out, names = begin(model, "rknnlint/fold-strided-conv")
        notes, skipped, nodes = [], [], []
        for n in out.graph.node:
            if n.op_type != "Conv" or n.domain not in ("", "ai.onnx") or len(n.input) < 2:
                nodes.append(n)
                continue
            base = n.name or n.output[0]
            strides = list(get_attr(n, "strides", []))
            w = _weight(view, out, n.input[1]) if len(strides) == 1 and strides[0] >= 2 else None
            if w is None or w.ndim != 3 or w.shape[2] % strides[0] or w.shape[2] <= strides[0]:
                nodes.append(n)
                continue
            o, c, k = (int(d) for d in w.shape)
            s = int(strides[0])
            xs = view.static_shape(n.input[0])
            why = ("grouped" if int(get_attr(n, "group", 1)) != 1 else
                   "dilated" if any(int(d) != 1 for d in get_attr(n, "dilations", [1])) else
                   "padded" if any(int(p) for p in get_attr(n, "pads", [0, 0])) or
                   get_attr(n, "auto_pad", b"NOTSET") not in (b"NOTSET", "NOTSET") else
                   "input shape not static" if xs is None or len(xs) != 3 else "")
            if why:
                skipped.append(f"Conv '{base}' (kernel {k}, stride {s}) kept: {why}")
                nodes.append(n)
                continue
            nb, _c, length = xs
            frames = length // s
            src = n.input[0]
            if frames * s != length:  # the samples after the last whole frame reach no output
                st, en, ax = names("starts"), names("ends"), names("axes")
                for nm, v in ((st, [0]), (en, [frames * s]), (ax, [2])):
                    out.graph.initializer.append(numpy_helper.from_array(np.asarray(v, np.int64), nm))
                cut = names("cut")
                nodes.append(onnx.helper.make_node("Slice", [src, st, en, ax], [cut], name=f"{base}/cut"))
                src = cut
            shp4, shp3 = names("frames_shape"), names("channels_shape")
            out.graph.initializer.append(numpy_helper.from_array(np.asarray([nb, c, frames, s], np.int64), shp4))
            out.graph.initializer.append(numpy_helper.from_array(np.asarray([nb, c * s, frames], np.int64), shp3))
            fr, tr, ch = names("frames"), names("framesT"), names("channels")
            wf = names("weight")
            out.graph.initializer.append(numpy_helper.from_array(
                np.ascontiguousarray(w.reshape(o, c, k // s, s).transpose(0, 1, 3, 2).reshape(o, c * s, k // s))
                .astype(w.dtype), wf))
            new = [onnx.helper.make_node("Reshape", [src, shp4], [fr], name=f"{base}/frames"),
                   onnx.helper.make_node("Transpose", [fr], [tr], perm=[0, 1, 3, 2], name=f"{base}/frames_to_channels"),
                   onnx.helper.make_node("Reshape", [tr, shp3], [ch], name=f"{base}/channels"),
                   onnx.helper.make_node("Conv", [ch, wf, *n.input[2:]], list(n.output), name=base,
                                         kernel_shape=[k // s], strides=[1])]
            for x in new:
                tag(x, self.name, options.codes)
            if frames * s != length:
                tag(nodes[-1], self.name, options.codes)
            nodes.extend(new)
            notes.append(f"Conv '{base}' kernel {k} stride {s} over {list(xs)} -> {c * s} channels of {frames} frames, "
                         f"kernel {k // s}")
        if not notes:
            return RewriteResult(model, False, skipped or ["no strided 1-D Conv"])
        del out.graph.node[:]
        out.graph.node.extend(nodes)
        return RewriteResult(out, True, notes + skipped)
