"""dequantize-dynamic: onnxruntime's dynamic quantization (DynamicQuantizeLinear + MatMulInteger / ConvInteger
+ Cast + Mul by the scales) back to its float equivalent: a float MatMul / Conv on dequantized weights."""
from __future__ import annotations

import numpy as np
import onnx
from onnx import helper, numpy_helper

from ._base import (
    Applicability,
    Rewrite,
    RewriteOptions,
    RewriteResult,
    Tolerance,
    begin,
    listed,
    register_rewrite,
    tag,
)
from ._walk import producer_map

# The original quantizes every activation to uint8 at run time (its own min / max); the float model does not.
# DynamicQuantizeLSTM (com.microsoft) is done the same way: the standard LSTM on dequantized W and R.
# The two differ by that rounding: measured on onnxruntime quantize_dynamic models with random weights (tests),
# at most 1.2% of the output's largest magnitude (cosine >= 0.99996); the proof holds it to 5%.
TOLERANCE = Tolerance(rtol=5e-2, atol=5e-2, scaled=True)
# An LSTM carries each step's rounding into the next: measured 14% of max|output| on its final state (cosine 0.9988)
# on a random bidirectional LSTM (tests) on a CPU where onnxruntime's u8s8 kernel saturates (AVX2, no VNNI). The
# original is the approximation there; the proof reports the difference instead of holding it to a bound.
LSTM_TOLERANCE = Tolerance(rtol=1e-1, atol=1e-1, scaled=True, approximate=True)


def _consumers(graph: onnx.GraphProto) -> dict[str, list[onnx.NodeProto]]:
    out: dict[str, list[onnx.NodeProto]] = {}
    for n in graph.node:
        for i in n.input:
            out.setdefault(i, []).append(n)
    return out


def _quantized_bias(add: onnx.NodeProto, conv_out: str, made, const):
    """The float bias behind an older onnxruntime's quantized Conv bias: Add(ConvInteger, Reshape(Cast(Floor(
    Div(bias, x_scale * w_scale))))); None when the Add is not that."""
    other = add.input[1] if add.input[0] == conv_out else add.input[0]
    node = made.get(other)
    for op in ("Reshape", "Cast", "Floor", "Div"):
        if node is None or node.op_type != op:
            return None
        if op == "Div":
            b = const(node.input[0])
            return None if b is None else np.asarray(b, np.float32)
        node = made.get(node.input[0])
    return None


def _float_lstm(n: onnx.NodeProto, const, names, graph: onnx.GraphProto) -> onnx.NodeProto | str:
    """onnxruntime's com.microsoft DynamicQuantizeLSTM as the standard LSTM on dequantized weights. Its W / R are
    int8 [directions, input or hidden, 4 * hidden] with per-direction (or per-direction-and-column) scales and zero
    points; the standard LSTM wants float [directions, 4 * hidden, input or hidden], same gate order (i, o, f, c).
    A string says why it was left."""
    label = f"DynamicQuantizeLSTM '{n.name or n.output[0]}'"
    ins = list(n.input) + [""] * (12 - len(n.input))
    x, wq, rq, b, seq, h0, c0, p, ws, wz, rs, rz = ins[:12]
    arrays = {k: const(v) for k, v in (("w", wq), ("r", rq), ("ws", ws), ("wz", wz), ("rs", rs), ("rz", rz)) if v}
    if set(arrays) != {"w", "r", "ws", "wz", "rs", "rz"} or any(a is None for a in arrays.values()):
        return f"{label}: weights, scales or zero points are not constants"

    def deq(q, scale, zp):
        q = np.asarray(q).astype(np.float32)  # [D, K, 4H]
        d = q.shape[0]
        shape = (d, 1, -1) if np.asarray(scale).size > d else (d, 1, 1)
        f = (q - np.asarray(zp).astype(np.float32).reshape(shape)) * np.asarray(scale, np.float32).reshape(shape)
        return np.ascontiguousarray(f.transpose(0, 2, 1))  # [D, 4H, K]

    w = names("lstm_W")
    r = names("lstm_R")
    wf, rf = deq(arrays["w"], arrays["ws"], arrays["wz"]), deq(arrays["r"], arrays["rs"], arrays["rz"])
    graph.initializer.extend([numpy_helper.from_array(wf, w), numpy_helper.from_array(rf, r)])
    inputs = [x, w, r, b, seq, h0, c0, p]
    while inputs and not inputs[-1]:
        inputs.pop()
    new = helper.make_node("LSTM", inputs, list(n.output), name=n.name or names("LSTM"))
    new.attribute.extend(n.attribute)
    new.doc_string = n.doc_string
    return new


@register_rewrite
class DequantizeDynamic(Rewrite):
    """rknn-toolkit2 2.5.0 refuses onnxruntime's dynamically quantized models: DynamicQuantizeLinear,
    MatMulInteger and ConvInteger are not in its op list, and it quantizes with its own calibration instead
    (`build(do_quantization=True)`). The float equivalent (weights dequantized once: (W - zero_point) * scale;
    a float MatMul / Conv on the unquantized activation) builds; quantize it with the toolkit's own int8. The
    numbers change by the activation rounding the original did at run time: unsafe, with a stated tolerance."""

    name = "dequantize-dynamic"
    summary = "DynamicQuantizeLinear + MatMulInteger / ConvInteger -> float MatMul / Conv on dequantized weights"
    applicability = Applicability.UNSAFE
    tolerance = TOLERANCE

    def apply(self, model: onnx.ModelProto, options: RewriteOptions) -> RewriteResult:
        view, out, names = begin(model, "rknnlint/dequantize-dynamic")
        g = out.graph
        made = producer_map(g)
        users = _consumers(g)
        inits = {t.name: t for t in g.initializer}

        def const(name: str):
            if name in inits:
                return numpy_helper.to_array(inits[name])
            return view.const_value(name)

        drop: set[int] = set()
        replace: dict[int, onnx.NodeProto] = {}
        done, skipped = [], []
        for n in g.node:
            if n.op_type not in ("MatMulInteger", "ConvInteger") or n.domain not in ("", "ai.onnx"):
                continue
            label = f"{n.op_type} '{n.name or n.output[0]}'"
            dq = made.get(n.input[0])
            wq = const(n.input[1])
            wzp = const(n.input[3]) if len(n.input) > 3 and n.input[3] else np.zeros((), np.int8)
            after = users.get(n.output[0], [])
            bias_add, bias = None, None
            if len(after) == 1 and after[0].op_type == "Add":  # older onnxruntime: an int32 bias added first
                bias_add = after[0]
                bias = _quantized_bias(bias_add, n.output[0], made, const)
                after = users.get(bias_add.output[0], []) if bias is not None else []
            casts = after
            cast = casts[0] if len(casts) == 1 and casts[0].op_type == "Cast" else None
            muls = users.get(cast.output[0], []) if cast is not None else []
            mul = muls[0] if len(muls) == 1 and muls[0].op_type == "Mul" else None
            if dq is None or dq.op_type != "DynamicQuantizeLinear" or wq is None or wzp is None or mul is None or \
                    (len(n.input) > 2 and n.input[2] and n.input[2] != dq.output[2]):
                skipped.append(f"{label}: not the DynamicQuantizeLinear -> {n.op_type} -> Cast -> Mul pattern")
                continue
            scale_name = mul.input[1] if mul.input[0] == cast.output[0] else mul.input[0]
            smul = made.get(scale_name)
            wscale = None
            if smul is not None and smul.op_type == "Mul" and dq.output[1] in smul.input:
                other = smul.input[1] if smul.input[0] == dq.output[1] else smul.input[0]
                wscale = const(other)
            if wscale is None:
                skipped.append(f"{label}: the output scale is not x_scale * a constant weight scale")
                continue
            w = wq.astype(np.float32)
            zp = np.asarray(wzp).astype(np.float32)
            sc = np.asarray(wscale).astype(np.float32)
            if n.op_type == "ConvInteger":
                shape = (-1,) + (1,) * (w.ndim - 1)
                wf = (w - zp.reshape(shape if zp.size > 1 else ())) * sc.reshape(shape if sc.size > 1 else ())
            else:
                wf = (w - zp) * sc  # per-column zero points / scales broadcast over the last axis
            wname = names("weight")
            g.initializer.append(numpy_helper.from_array(wf.astype(np.float32), wname))
            op = "Conv" if n.op_type == "ConvInteger" else "MatMul"
            ins = [dq.input[0], wname]
            if bias is not None and op == "Conv":
                bname = names("bias")
                g.initializer.append(numpy_helper.from_array(bias.astype(np.float32).reshape(-1), bname))
                ins.append(bname)
            elif bias is not None:
                skipped.append(f"{label}: a quantized bias on a MatMulInteger is not read")
                continue
            new = helper.make_node(op, ins, [mul.output[0]], name=names(op))
            if op == "Conv":
                new.attribute.extend(n.attribute)
            tag(new, self.name, options.codes)
            replace[id(mul)] = new
            drop.update({id(n), id(cast)} | ({id(bias_add)} if bias_add is not None else set()))
            done.append(label)
        for n in g.node:
            if n.op_type == "DynamicQuantizeLSTM" and n.domain == "com.microsoft":
                lstm = _float_lstm(n, const, names, g)
                if isinstance(lstm, str):
                    skipped.append(lstm)
                    continue
                tag(lstm, self.name, options.codes)
                replace[id(n)] = lstm
                done.append(f"DynamicQuantizeLSTM '{n.name or n.output[0]}'")
        if not done:
            return RewriteResult(model, False, skipped or ["no MatMulInteger / ConvInteger / DynamicQuantizeLSTM"])
        nodes = [replace.get(id(n), n) for n in g.node if id(n) not in drop]
        del g.node[:]
        g.node.extend(nodes)
        from ._gs import clean

        out = clean(out)  # the DynamicQuantizeLinear and scale Muls nothing reads any more
        note = f"{len(done)} integer op(s) to float on dequantized weights: " + listed(done, 4, quote=False)
        lstm = any(d.startswith("DynamicQuantizeLSTM") for d in done)
        return RewriteResult(out, True, [note] + skipped, extra={"tolerance": LSTM_TOLERANCE} if lstm else {})
