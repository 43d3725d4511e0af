"""pad-channels: pad a Conv's output channels to the target's alignment with zero filters, and give its
consumers matching zero input channels (exact)."""
from __future__ import annotations

import numpy as np
import onnx
from onnx import numpy_helper

from ._base import (
    Applicability,
    Rewrite,
    RewriteOptions,
    RewriteResult,
    begin,
    drop_value_info,
    register_rewrite,
    tag,
)
from ._walk import get_attr, set_attr

# channel-wise ops the padded (zero) channels may pass through
PASS = frozenset({"Relu", "LeakyRelu", "Clip", "Sigmoid", "HardSigmoid", "HardSwish", "Tanh", "Elu", "Selu",
                  "MaxPool", "AveragePool", "GlobalAveragePool", "GlobalMaxPool", "Identity"})


ARITH = frozenset({"Mul", "Add", "Sub", "Max", "Min"})


def _region(start: str, co: int, consumers, outputs, inits, view) -> tuple[list, list, str]:
    """(channel-wise nodes, consumer Convs, reason it cannot be padded or ''), walking from `start`."""
    padded = {start}
    chain: list[onnx.NodeProto] = []
    finals: list[onnx.NodeProto] = []
    queue = [start]
    seen: set[int] = set()
    while queue:
        t = queue.pop(0)
        if t in outputs:
            return [], [], f"'{t}' is a graph output"
        for c in consumers.get(t, []):
            if id(c) in seen:
                continue
            op = c.op_type
            if op in ("Conv", "ConvTranspose") and c.input[0] == t and int(get_attr(c, "group", 1)) == 1 \
                    and c.input[1] in inits:
                seen.add(id(c))
                finals.append(c)
                continue
            if op in PASS or op == "BatchNormalization" or (
                    op == "Conv" and c.input[0] == t and int(get_attr(c, "group", 1)) == co):
                if any(x not in inits for x in c.input[1:] if x):
                    return [], [], f"{op} '{c.name}' has non-constant parameters"
            elif op in ARITH:
                for x in c.input:
                    if x in padded:
                        continue
                    v = view.const_value(x)
                    s = v.shape if v is not None else None
                    if s is None or (len(s) >= 3 and s[-3] != 1):  # a per-channel operand
                        return [], [], f"{op} '{c.name}' mixes in '{x}', which is not a scalar-like constant"
                if not all(x in padded or view.const_value(x) is not None for x in c.input):
                    continue  # waits for its other padded input
            else:
                return [], [], f"{op} '{c.name}' reads the channels"
            seen.add(id(c))
            chain.append(c)
            for o in c.output:
                if o:
                    padded.add(o)
                    queue.append(o)
    if not finals:
        return [], [], "no Conv reads the channels"
    waiting = [c for t in padded for c in consumers.get(t, []) if id(c) not in seen]
    if waiting:
        return [], [], f"{waiting[0].op_type} '{waiting[0].name}' also reads other tensors"
    return chain, finals, ""


def _pad(a: np.ndarray, axis: int, to: int, value: float = 0.0) -> np.ndarray:
    width = [(0, 0)] * a.ndim
    width[axis] = (0, to - a.shape[axis])
    return np.pad(a, width, constant_values=value)


@register_rewrite
class PadChannels(Rewrite):
    """The NPU stores tensors as NC1HWC2 and prefers channel counts that are multiples of the target's
    alignment (User Guide Tables 5-1, 8-1..8-4; docs/facts.md#channel-alignment). A Conv with, say, 13 output channels
    becomes one with 16, the 3 new filters all zero (zero bias), and every Conv that reads it gets 3 zero
    input channels; ReLU-like ops, pooling, depthwise Convs and BatchNormalization in between carry the
    extra channels. The outputs are unchanged. Opt-in (--rewrite pad-channels): it makes the model larger."""

    name = "pad-channels"
    summary = "pad Conv output channels to the alignment with zero filters (exact, opt-in)"
    applicability = Applicability.DISPLAY_ONLY

    def apply(self, model: onnx.ModelProto, options: RewriteOptions) -> RewriteResult:
        align = max(1, int(options.channel_align))
        view, out, _ = begin(model)
        inits = {t.name: t for t in out.graph.initializer}
        consumers: dict[str, list[onnx.NodeProto]] = {}
        for n in out.graph.node:
            for i in n.input:
                consumers.setdefault(i, []).append(n)
        outputs = {o.name for o in out.graph.output}
        shared = {name for name, cs in consumers.items() if len(cs) > 1}
        notes, skipped = [], []
        stale: set[str] = set()

        def arr(name: str) -> np.ndarray | None:
            t = inits.get(name)
            return numpy_helper.to_array(t) if t is not None else None

        def put(name: str, value: np.ndarray) -> None:
            inits[name].CopyFrom(numpy_helper.from_array(np.ascontiguousarray(value), name))

        for conv in list(out.graph.node):
            if conv.op_type != "Conv" or int(get_attr(conv, "group", 1)) != 1:
                continue
            w = arr(conv.input[1])
            if w is None or w.ndim != 4 or any(x not in inits for x in conv.input[1:] if x):
                continue
            co = w.shape[0]
            new = -(-co // align) * align
            if new == co:
                continue
            label = conv.name or conv.output[0]
            # every tensor that carries the padded channels, up to the Convs that take them as input channels
            chain, finals, why = _region(conv.output[0], co, consumers, outputs, inits, view)
            if why:
                skipped.append(f"Conv '{label}' ({co} channels) kept: {why}")
                continue
            if any(x in shared for x in [conv.input[1]] + [c.input[1] for c in chain + finals
                                                           if len(c.input) > 1 and c.input[1] in inits]):
                skipped.append(f"Conv '{label}' kept: its weights are shared with other nodes")
                continue
            put(conv.input[1], _pad(w, 0, new))
            if len(conv.input) > 2 and conv.input[2]:
                put(conv.input[2], _pad(arr(conv.input[2]), 0, new))
            for n in chain:
                if n.op_type in ARITH:
                    stale.update(n.output)
                    tag(n, self.name, options.codes)
                    continue
                if n.op_type == "Conv":  # depthwise
                    put(n.input[1], _pad(arr(n.input[1]), 0, new))
                    if len(n.input) > 2 and n.input[2]:
                        put(n.input[2], _pad(arr(n.input[2]), 0, new))
                    set_attr(n, "group", new)
                elif n.op_type == "BatchNormalization":
                    for k, fill in ((1, 0.0), (2, 0.0), (3, 0.0), (4, 1.0)):
                        put(n.input[k], _pad(arr(n.input[k]), 0, new, fill))
                stale.update(n.output)
                tag(n, self.name, options.codes)
            for c in finals:  # Conv weights are [out, in, kh, kw]; ConvTranspose weights [in, out, kh, kw]
                put(c.input[1], _pad(arr(c.input[1]), 0 if c.op_type == "ConvTranspose" else 1, new))
                tag(c, self.name, options.codes)
            stale.add(conv.output[0])
            tag(conv, self.name, options.codes)
            notes.append(f"Conv '{label}' {co} -> {new} output channels (zero filters); "
                         f"{len(finals)} consumer Conv(s) get zero input channels")
        if not notes:
            return RewriteResult(model, False, skipped or [f"every Conv already has a multiple of {align} channels"])
        drop_value_info(out.graph, stale)
        del view
        return RewriteResult(out, True, notes + skipped[:5])
