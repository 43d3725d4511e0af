"""Minimal ONNX models, one per (op, variant), for probing what rknn-toolkit2 does with each op.

Every model names the probed node `probe` and its outputs `probe_o<i>`; nodes that only feed it (the Conv
that makes a feature map, a Greater that makes a bool mask, ...) have outputs named `pre_*`, so the layer
table can be split into the prefix and the probed op's own layers.
"""
from __future__ import annotations

import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import onnx
from onnx import TensorProto, helper

MAX_OPSET = 19
F32 = np.float32
I64 = np.int64


@dataclass
class Case:
    """One probe model: the op, a variant label, the model and the input feeds (name -> array)."""

    op: str
    variant: str
    model: onnx.ModelProto
    feeds: dict[str, np.ndarray]
    note: str = ""

    @property
    def key(self) -> str:
        return f"{self.op}/{self.variant}"


class B:
    """A tiny graph builder: inputs, constants, a feature-map prefix, the probed node."""

    def __init__(self, seed: int, opset: int = MAX_OPSET) -> None:
        self.rng = np.random.default_rng(seed)
        self.opset = opset
        self.nodes: list[onnx.NodeProto] = []
        self.inits: list[onnx.TensorProto] = []
        self.inputs: list[onnx.ValueInfoProto] = []
        self.feeds: dict[str, np.ndarray] = {}
        self.outputs: list[str] = []
        self.n = 0
        self.extra_opsets: list[onnx.OperatorSetIdProto] = []
        self.out_types: dict[str, tuple[int, list[int]]] = {}  # outputs shape inference cannot type (function ops, Loop)

    def _name(self, prefix: str) -> str:
        self.n += 1
        return f"{prefix}{self.n}"

    def input(self, shape: list[int], dtype: Any = F32, data: np.ndarray | None = None, lo: float = 0.0,
              hi: float = 1.0, name: str | None = None) -> str:
        name = name or ("x" if not self.inputs else f"x{len(self.inputs)}")
        if data is None:
            if np.dtype(dtype) == np.bool_:
                data = self.rng.random(shape) > 0.5
            elif np.issubdtype(np.dtype(dtype), np.integer):
                data = self.rng.integers(int(lo), int(hi) + 1, size=shape).astype(dtype)
            else:
                data = self.rng.uniform(lo, hi, size=shape).astype(dtype)
        self.feeds[name] = np.asarray(data, dtype=dtype)
        self.inputs.append(helper.make_tensor_value_info(name, helper.np_dtype_to_tensor_dtype(np.dtype(dtype)), list(shape)))
        return name

    def const(self, value: Any, dtype: Any = None) -> str:
        arr = np.asarray(value, dtype=dtype) if dtype is not None else np.asarray(value)
        if arr.dtype == np.float64:
            arr = arr.astype(F32)
        name = self._name("pre_c")
        self.inits.append(onnx.numpy_helper.from_array(arr, name))
        return name

    def rand(self, shape: list[int], lo: float = -1.0, hi: float = 1.0) -> str:
        return self.const(self.rng.uniform(lo, hi, size=shape).astype(F32))

    def node(self, op: str, inputs: list[str], n_out: int = 1, prefix: str = "pre_", name: str | None = None,
             domain: str = "", **attrs: Any) -> Any:
        outs = [self._name(prefix) for _ in range(n_out)]
        self.nodes.append(helper.make_node(op, inputs, outs, name=name or outs[0], domain=domain or None, **attrs))
        return outs[0] if n_out == 1 else outs

    def feat(self, c: int = 8, h: int = 16, w: int = 16, lo: float | None = None, hi: float | None = None) -> str:
        """A feature map [1, c, h, w] made by a 3x3 Conv from a graph input, like the inside of a real model.
        With lo/hi the values stay in [lo, hi] (for ops with a restricted domain: Log, Sqrt, Acos, ...)."""
        if not self.inputs or self.inputs[0].name != "x" or _dims(self.inputs[0]) != [1, 3, h, w]:
            x = self.input([1, 3, h, w], name="x" if not self.inputs else None)
        else:
            x = "x"
        if lo is None:
            wt = self.rng.normal(0, 0.3, size=(c, 3, 3, 3)).astype(F32)
            bias = np.zeros(c, F32)
        else:
            wt = self.rng.uniform(0, (hi - lo) / 27.0, size=(c, 3, 3, 3)).astype(F32)
            bias = np.full(c, lo, F32)
        return self.node("Conv", [x, self.const(wt), self.const(bias)], pads=[1, 1, 1, 1], kernel_shape=[3, 3])

    def probe(self, op: str, inputs: list[str], n_out: int = 1, domain: str = "", **attrs: Any) -> list[str]:
        outs = [f"probe_o{i}" for i in range(n_out)]
        self.nodes.append(helper.make_node(op, inputs, outs, name="probe", domain=domain or None, **attrs))
        self.outputs.extend(outs)
        return outs

    def wrap(self, op: str, inputs: list[str], **attrs: Any) -> list[str]:
        """The graph's output node when the probed op only feeds it (Shape -> ... -> Add): its layers count as prefix."""
        outs = ["pre_wrap0"]
        self.nodes.append(helper.make_node(op, inputs, outs, name="pre_wrap", **attrs))
        self.outputs.extend(outs)
        return outs

    def post(self, op: str, inputs: list[str], **attrs: Any) -> str:
        """A node after the probed one (its layers count as the probed op's, but for a CPU layer named after its own output
        where the probed op's own layer ran on the NPU: _runner.classify)."""
        out = self._name("probe_post")
        self.nodes.append(helper.make_node(op, inputs, [out], name=out, **attrs))
        return out

    def model(self, outputs: list[str] | None = None, graph_extra: dict | None = None) -> onnx.ModelProto:
        outs = outputs or self.outputs
        g = helper.make_graph(self.nodes, "probe", self.inputs, [helper.make_value_info(o, onnx.TypeProto()) for o in outs],
                              self.inits)
        m = helper.make_model(g, opset_imports=[helper.make_opsetid("", self.opset), *self.extra_opsets],
                              producer_name="rknnlint-probe")
        m.ir_version = 8 if self.opset <= 18 else 9
        inferred = onnx.shape_inference.infer_shapes(m, strict_mode=False)
        known = {vi.name: vi for vi in [*inferred.graph.value_info, *inferred.graph.output]}
        del m.graph.output[:]
        for o in outs:
            vi = known.get(o)
            if o in self.out_types:
                m.graph.output.append(helper.make_tensor_value_info(o, *self.out_types[o]))
            elif vi is not None and vi.type.WhichOneof("value") is not None:
                m.graph.output.append(vi)
            else:
                m.graph.output.append(helper.make_tensor_value_info(o, TensorProto.FLOAT, None))
        return m


def _dims(vi: onnx.ValueInfoProto) -> list[int]:
    return [d.dim_value for d in vi.type.tensor_type.shape.dim]


Builder = Callable[[B], None]


@dataclass
class Spec:
    variant: str
    build: Builder
    opset: int = MAX_OPSET
    note: str = ""


@dataclass
class Registry:
    specs: dict[str, list[Spec]] = field(default_factory=dict)

    def add(self, op: str, variant: str, build: Builder, opset: int = MAX_OPSET, note: str = "") -> None:
        self.specs.setdefault(op, []).append(Spec(variant, build, opset, note))


R = Registry()
add = R.add


# ---- element-wise unary ---------------------------------------------------------------------------------
_UNARY_DOMAIN: dict[str, tuple[float, float] | None] = {
    "Abs": None, "Acos": (-0.9, 0.9), "Acosh": (1.1, 3.0), "Asin": (-0.9, 0.9), "Asinh": None, "Atan": None,
    "Atanh": (-0.9, 0.9), "Ceil": None, "Cos": None, "Cosh": None, "Elu": None, "Erf": None, "Exp": None,
    "Floor": None, "HardSigmoid": None, "HardSwish": None, "Log": (0.1, 3.0), "Mish": None, "Neg": None,
    "Reciprocal": (0.2, 2.0), "Relu": None, "Round": None, "Selu": None, "Sigmoid": None, "Sign": None, "Sin": None,
    "Sinh": None, "Softplus": None, "Softsign": None, "Sqrt": (0.1, 3.0), "Tan": (-1.0, 1.0), "Tanh": None,
    "ThresholdedRelu": None, "LeakyRelu": None, "Celu": None, "Shrink": None, "Identity": None, "Dropout": None,
    "IsInf": None, "IsNaN": None,
}
for _op, _dom in _UNARY_DOMAIN.items():
    def _u(b: B, op: str = _op, dom: tuple[float, float] | None = _dom) -> None:
        x = b.feat(lo=dom[0], hi=dom[1]) if dom else b.feat()
        b.probe(op, [x])
    add(_op, "feature", _u)
    if _op in ("Sigmoid", "Relu", "Exp", "Tanh", "Abs", "Neg", "Sqrt", "Log"):
        def _u2(b: B, op: str = _op, dom: tuple[float, float] | None = _dom) -> None:
            lo, hi = dom or (-2.0, 2.0)
            b.probe(op, [b.input([2, 32], lo=lo, hi=hi)])
        add(_op, "rank2_input", _u2)
        def _u5(b: B, op: str = _op, dom: tuple[float, float] | None = _dom) -> None:
            lo, hi = dom or (-2.0, 2.0)
            b.probe(op, [b.input([1, 2, 4, 8, 8], lo=lo, hi=hi)])
        add(_op, "rank5_input", _u5)
add("LeakyRelu", "alpha0.2", lambda b: b.probe("LeakyRelu", [b.feat()], alpha=0.2))
add("HardSigmoid", "alpha1/6", lambda b: b.probe("HardSigmoid", [b.feat()], alpha=1 / 6, beta=0.5))
add("Elu", "alpha0.5", lambda b: b.probe("Elu", [b.feat()], alpha=0.5))
add("Not", "bool_mask", lambda b: b.probe("Not", [b.node("Greater", [b.feat(), b.const(np.float32(0))])]))
add("Not", "bool_input", lambda b: b.probe("Not", [b.input([1, 8, 16, 16], np.bool_)]))
add("Dropout", "ratio_input", lambda b: b.probe("Dropout", [b.feat(), b.const(np.float32(0.3))]))

# ---- element-wise binary --------------------------------------------------------------------------------
_BIN = ["Add", "Sub", "Mul", "Div", "Max", "Min", "Mean", "Sum", "Pow", "Mod", "PRelu",
        "Equal", "Greater", "GreaterOrEqual", "Less", "LessOrEqual"]
_POS_RHS = {"Div", "Mod", "Pow"}


def _rhs(b: B, op: str, pattern: str) -> str:
    lo, hi = (0.5, 2.0) if op in _POS_RHS else (-1.0, 1.0)
    if op == "Pow":
        lo, hi = (1.0, 3.0)
    shapes = {"channel": [1, 8, 1, 1], "same": [1, 8, 16, 16], "scalar": [], "lastdim": [16], "spatial": [1, 1, 16, 16],
              "row": [1, 8, 1, 16]}
    if pattern == "feature":
        return b.feat(lo=0.5, hi=2.0) if op in _POS_RHS else b.feat()
    if op == "PRelu" and pattern == "scalar":
        return b.rand([1], 0.1, 0.3)
    return b.rand(shapes[pattern], lo, hi)


for _op in _BIN:
    pats = ["channel", "same", "scalar", "feature", "lastdim", "spatial"] if _op in ("Add", "Mul", "Sub", "Div") else \
        ["channel", "scalar", "feature"]
    if _op == "PRelu":
        pats = ["channel", "scalar"]
    for _p in pats:
        def _bf(b: B, op: str = _op, p: str = _p) -> None:
            lhs = b.feat(lo=0.5, hi=2.0) if op in ("Pow", "Mod") else b.feat()
            attrs = {"fmod": 1} if op == "Mod" else {}
            b.probe(op, [lhs, _rhs(b, op, p)], **attrs)
        add(_op, _p, _bf)
for _e in (2.0, 3.0, 0.5, -0.5, 1.5, 4.0, -1.0, -2.0, 0.25):
    add("Pow", f"exponent_{_e:g}", lambda b, e=_e: b.probe("Pow", [b.feat(lo=0.2, hi=2.0), b.const(np.float32(e))]))
add("Add", "rank3_tokens", lambda b: b.probe("Add", [b.input([1, 10, 64]), b.rand([64])]))
add("Mul", "rank5", lambda b: b.probe("Mul", [b.input([1, 2, 4, 8, 8]), b.rand([1, 2, 1, 1, 1])]))
add("Add", "rank6", lambda b: b.probe("Add", [b.input([1, 2, 2, 4, 8, 8]), b.rand([1, 2, 2, 1, 1, 1])]))
add("Add", "int64_inputs", lambda b: b.probe("Add", [b.input([1, 8], I64, hi=9), b.const(np.ones([1, 8], I64))]))
for _op in ("Sub", "Mul", "Div"):
    add(_op, "int64_inputs", lambda b, o=_op: b.probe(o, [b.input([1, 8], I64, lo=1, hi=9), b.const(np.full([1, 8], 2, I64))]))


def _topk_indices(b: B) -> str:
    """int64 indices made inside the graph (TopK of a float input), as a detector's query / class decode has them."""
    return b.node("TopK", [b.input([1, 64]), b.const(np.array([8], I64))], n_out=2, axis=-1)[1]


for _op in ("Add", "Sub", "Mul", "Div"):
    add(_op, "int64_computed", lambda b, o=_op: b.probe(o, [_topk_indices(b), b.const(np.full([1, 8], 2, I64))]),
        note="integers computed in the graph (TopK indices), not a graph input")
for _op in ("Add", "Sub", "Mul"):
    add(_op, "feature_bcast", lambda b, o=_op: b.probe(o, [b.feat(), b.node("ReduceMean", [b.feat(c=4)], axes=[1], keepdims=1)]),
        opset=17, note="the other operand computed too and broadcast along the channels ([1,1,H,W])")
for _op in ("Less", "Greater", "LessOrEqual", "GreaterOrEqual", "Equal"):
    add(_op, "int64_computed", lambda b, o=_op: b.probe(o, [_topk_indices(b), b.const(np.array(4, I64))]),
        note="integers computed in the graph (TopK indices) against a scalar")
add("Max", "three_inputs", lambda b: b.probe("Max", [b.feat(), b.feat(), b.feat()]))
add("Sum", "three_inputs", lambda b: b.probe("Sum", [b.feat(), b.feat(), b.feat()]))
for _op in ("And", "Or", "Xor"):
    add(_op, "bool_masks", lambda b, op=_op: b.probe(op, [b.node("Greater", [b.feat(), b.const(np.float32(0))]),
                                                          b.node("Less", [b.feat(), b.const(np.float32(0.2))])]))
    add(_op, "bool_inputs", lambda b, op=_op: b.probe(op, [b.input([1, 8, 16, 16], np.bool_), b.input([1, 8, 16, 16], np.bool_)]))


def _and_to_float(b: B) -> None:
    """Two comparisons of a map ANDed and cast to float, the mask multiplied into the map (a KAN layer's B-spline
    bases, (x >= g0) & (x < g1)): the And's bool result is no graph output."""
    f = b.feat()
    cast = b.node("Cast", [b.probe("And", [b.node("GreaterOrEqual", [f, b.const(np.float32(0))]),
                                           b.node("Less", [f, b.const(np.float32(0.2))])])[0]], to=TensorProto.FLOAT)
    b.outputs[:] = []
    b.wrap("Mul", [f, cast])


add("And", "masks_to_float", _and_to_float)
for _op in ("BitwiseAnd", "BitwiseOr", "BitwiseXor"):
    add(_op, "int32", lambda b, op=_op: b.probe(op, [b.input([1, 8, 16], np.int32, hi=100), b.const(np.full([16], 7, np.int32))]))
add("BitwiseNot", "int32", lambda b: b.probe("BitwiseNot", [b.input([1, 8, 16], np.int32, hi=100)]))
add("BitShift", "uint32_left", lambda b: b.probe("BitShift", [b.input([1, 8, 16], np.uint32, hi=100),
                                                              b.const(np.full([16], 2, np.uint32))], direction="LEFT"))
add("Where", "mask_feature", lambda b: b.probe("Where", [b.node("Greater", [b.feat(), b.const(np.float32(0))]), b.feat(),
                                                        b.rand([1, 8, 1, 1])]))
add("Where", "int64_values", lambda b: b.probe("Where", [b.input([1, 8], np.bool_), b.input([1, 8], I64, hi=9),
                                                       b.const(np.zeros([1, 8], I64))]))
add("Where", "int64_computed", lambda b: b.probe("Where", [b.node("Greater", [b.input([1, 8]), b.const(np.float32(0))]),
                                                         _topk_indices(b), b.const(np.zeros([1, 8], I64))]),
    note="integer values computed in the graph (TopK indices)")
add("Where", "mask_const", lambda b: b.probe("Where", [b.const(np.random.RandomState(0).rand(1, 1, 16, 16) > 0.5),
                                                      b.feat(), b.node("Tanh", [b.feat()])]),
    note="a constant mask (a token-type or block pattern baked into the graph) choosing between two feature maps")
add("Where", "mask_scalar", lambda b: b.probe("Where", [b.node("Greater", [b.feat(), b.const(np.float32(0))]), b.feat(),
                                                       b.const(np.float32(0))]))
add("Clip", "relu6", lambda b: b.probe("Clip", [b.feat(), b.const(np.float32(0)), b.const(np.float32(6))]))
add("Clip", "min_max", lambda b: b.probe("Clip", [b.feat(), b.const(np.float32(-0.5)), b.const(np.float32(0.5))]))
add("Clip", "min_only", lambda b: b.probe("Clip", [b.feat(), b.const(np.float32(0.1))]))
add("Clip", "opset6_attrs", lambda b: b.probe("Clip", [b.feat()], min=0.0, max=6.0), opset=10)
add("Clip", "int64_computed", lambda b: b.probe("Clip", [_topk_indices(b), b.const(np.array(0, I64)),
                                                        b.const(np.array(62, I64))]),
    note="integers computed in the graph (TopK indices) clamped to a range (a heatmap decode's neighbour indices)")
add("Cast", "to_float16", lambda b: b.probe("Cast", [b.feat()], to=TensorProto.FLOAT16))
add("Cast", "to_int32", lambda b: b.probe("Cast", [b.feat()], to=TensorProto.INT32))
add("Cast", "to_int64", lambda b: b.probe("Cast", [b.feat()], to=TensorProto.INT64))
add("Cast", "to_bool", lambda b: b.probe("Cast", [b.feat()], to=TensorProto.BOOL))
add("Cast", "bool_to_float", lambda b: b.probe("Cast", [b.node("Greater", [b.feat(), b.const(np.float32(0))])],
                                               to=TensorProto.FLOAT))
add("Cast", "int64_to_float", lambda b: b.probe("Cast", [b.input([1, 32], I64, hi=50)], to=TensorProto.FLOAT))
add("Cast", "to_uint8", lambda b: b.probe("Cast", [b.feat()], to=TensorProto.UINT8),
    note="a uint8 tensor (a graph output here), as a mask exported as bytes")
add("Cast", "int_to_uint8", lambda b: b.probe("Cast", [b.node("ArgMax", [b.feat()], axis=1, keepdims=0)],
                                              to=TensorProto.UINT8),
    note="a class map as bytes: ArgMax over the channels, then Cast to uint8 (ultralytics' semantic head)")
add("CastLike", "to_float16", lambda b: b.probe("CastLike", [b.feat(), b.const(np.zeros([1], np.float16))]))
add("CastLike", "to_int32", lambda b: b.probe("CastLike", [b.feat(), b.const(np.zeros([1], np.int32))]))

# ---- conv / pool ----------------------------------------------------------------------------------------


def _conv(b: B, k: int = 3, s: int = 1, d: int = 1, g: int = 1, cin: int = 8, cout: int = 16, pads: list[int] | None = None,
          hw: int = 16, bias: bool = True, op: str = "Conv") -> None:
    x = b.feat(c=cin, h=hw, w=hw)
    if op == "Conv":
        w = b.rand([cout, cin // g, k, k], -0.2, 0.2)
    else:
        w = b.rand([cin, cout // g, k, k], -0.2, 0.2)
    ins = [x, w] + ([b.rand([cout])] if bias else [])
    p = pads if pads is not None else ([(k - 1) * d // 2] * 4 if op == "Conv" else [0] * 4)
    b.probe(op, ins, kernel_shape=[k, k], strides=[s, s], dilations=[d, d], group=g, pads=p)


for _k in (1, 3, 5, 7, 9, 11, 15, 31, 33):
    add("Conv", f"k{_k}", lambda b, k=_k: _conv(b, k=k, hw=40 if k > 15 else 16))
for _s in (2, 3, 4, 8):
    add("Conv", f"k3_s{_s}", lambda b, s=_s: _conv(b, k=3, s=s, hw=32))
add("Conv", "k3_s5", lambda b: _conv(b, k=3, s=5, hw=40))
add("Conv", "k3_s16", lambda b: _conv(b, k=3, s=16, hw=64))
add("Conv", "k3_d16", lambda b: _conv(b, k=3, d=16, hw=64))
add("Conv", "k63", lambda b: _conv(b, k=63, hw=72))
add("Conv", "k8_s8_patchify", lambda b: _conv(b, k=8, s=8, hw=32, pads=[0, 0, 0, 0]))
for _d in (2, 4, 8):
    add("Conv", f"k3_d{_d}", lambda b, d=_d: _conv(b, k=3, d=d, hw=32))
add("Conv", "depthwise_k3", lambda b: _conv(b, k=3, g=16, cin=16, cout=16))
add("Conv", "depthwise_k5_s2", lambda b: _conv(b, k=5, s=2, g=16, cin=16, cout=16))
add("Conv", "depthwise_k9", lambda b: _conv(b, k=9, g=16, cin=16, cout=16))
add("Conv", "group2", lambda b: _conv(b, k=3, g=2, cin=8, cout=16))
add("Conv", "pads_asymmetric", lambda b: _conv(b, k=3, pads=[0, 0, 1, 1]))
add("Conv", "pad16", lambda b: _conv(b, k=3, pads=[16, 16, 16, 16]))
add("Conv", "no_bias", lambda b: _conv(b, k=3, bias=False))
add("Conv", "odd_channels_3_13", lambda b: _conv(b, k=3, cin=3, cout=13))
add("Conv", "auto_pad_same", lambda b: b.probe("Conv", [b.feat(), b.rand([16, 8, 3, 3])], kernel_shape=[3, 3],
                                                auto_pad="SAME_UPPER"))
add("Conv", "rank3_conv1d", lambda b: b.probe("Conv", [b.input([1, 8, 32], lo=-1), b.rand([16, 8, 3], -0.2, 0.2)],
                                               kernel_shape=[3], pads=[1, 1]))
add("Conv", "rank5_conv3d", lambda b: b.probe("Conv", [b.input([1, 4, 8, 16, 16], lo=-1), b.rand([8, 4, 3, 3, 3], -0.2, 0.2)],
                                               kernel_shape=[3, 3, 3], pads=[1] * 6))
add("Conv", "dynamic_weights", lambda b: b.probe("Conv", [b.feat(), b.input([16, 8, 3, 3], lo=-0.2, hi=0.2)],
                                                  kernel_shape=[3, 3], pads=[1, 1, 1, 1]))
for _k, _s in ((2, 2), (3, 2), (4, 2), (3, 1), (3, 3), (4, 4), (8, 8), (5, 5), (6, 3), (6, 6), (16, 16)):
    add("ConvTranspose", f"k{_k}_s{_s}", lambda b, k=_k, s=_s: _conv(b, k=k, s=s, op="ConvTranspose"))
add("ConvTranspose", "k4_s2_p1", lambda b: _conv(b, k=4, s=2, op="ConvTranspose", pads=[1, 1, 1, 1]))
add("ConvTranspose", "depthwise_k4_s2", lambda b: _conv(b, k=4, s=2, g=16, cin=16, cout=16, op="ConvTranspose"))
add("ConvTranspose", "output_padding", lambda b: b.probe("ConvTranspose", [b.feat(), b.rand([8, 8, 3, 3], -0.2, 0.2)],
                                                          kernel_shape=[3, 3], strides=[2, 2], pads=[1, 1, 1, 1],
                                                          output_padding=[1, 1]))
add("ConvTranspose", "rank3", lambda b: b.probe("ConvTranspose", [b.input([1, 8, 16], lo=-1), b.rand([8, 4, 2], -0.2, 0.2)],
                                                 kernel_shape=[2], strides=[2]))


def _pool(b: B, op: str, k: int, s: int, p: int = 0, ceil: int = 0, d: int = 1, hw: int = 16, extra: dict | None = None) -> None:
    attrs: dict[str, Any] = {"kernel_shape": [k, k], "strides": [s, s], "pads": [p] * 4}
    if ceil:
        attrs["ceil_mode"] = 1
    if d != 1:
        attrs["dilations"] = [d, d]
    attrs.update(extra or {})
    b.probe(op, [b.feat(h=hw, w=hw)], **attrs)


for _op in ("MaxPool", "AveragePool", "LpPool"):
    for _k, _s, _p in ((2, 2, 0), (3, 1, 1), (3, 2, 1), (5, 1, 2), (7, 1, 3), (9, 1, 4), (13, 1, 6), (3, 3, 0), (16, 16, 0)):
        if _op == "LpPool" and _k not in (2, 3):
            continue
        add(_op, f"k{_k}_s{_s}_p{_p}", lambda b, op=_op, k=_k, s=_s, p=_p: _pool(b, op, k, s, p, hw=32 if k > 9 else 16))
    add(_op, "k3_s2_ceil", lambda b, op=_op: _pool(b, op, 3, 2, 0, ceil=1, hw=15))
    if _op != "LpPool":
        add(_op, "k3_s2_p1_ceil", lambda b, op=_op: _pool(b, op, 3, 2, 1, ceil=1, hw=15))
        add(_op, "k31_s31_p0", lambda b, op=_op: _pool(b, op, 31, 31, 0, hw=62))
        add(_op, "k2_s1_pads_asymmetric", lambda b, op=_op: _pool(b, op, 2, 1, extra={"pads": [0, 0, 1, 1]}),
            note="TF-style SAME padding of an even kernel")
add("MaxPool", "k3_s1_d2", lambda b: _pool(b, "MaxPool", 3, 1, 2, d=2))
add("MaxPool", "k2_s2_indices", lambda b: b.probe("MaxPool", [b.feat()], 2, kernel_shape=[2, 2], strides=[2, 2]))
add("MaxPool", "rank3_pool1d", lambda b: b.probe("MaxPool", [b.input([1, 8, 32], lo=-1)], kernel_shape=[3], strides=[2]))
add("AveragePool", "k3_s1_p1_count_include_pad", lambda b: _pool(b, "AveragePool", 3, 1, 1, extra={"count_include_pad": 1}))
add("AveragePool", "rank3_pool1d", lambda b: b.probe("AveragePool", [b.input([1, 8, 32], lo=-1)], kernel_shape=[3], strides=[2]))
add("GlobalAveragePool", "feature", lambda b: b.probe("GlobalAveragePool", [b.feat()]))
add("GlobalAveragePool", "large_80x80", lambda b: b.probe("GlobalAveragePool", [b.feat(h=80, w=80)]))
add("GlobalMaxPool", "feature", lambda b: b.probe("GlobalMaxPool", [b.feat()]))
add("GlobalLpPool", "feature", lambda b: b.probe("GlobalLpPool", [b.feat()], p=2))
add("MaxRoiPool", "feature", lambda b: b.probe("MaxRoiPool", [b.feat(), b.const(np.array([[0, 0, 0, 7, 7], [0, 4, 4, 15, 15]], F32))],
                                                pooled_shape=[2, 2]))
add("RoiAlign", "feature", lambda b: b.probe("RoiAlign", [b.feat(), b.const(np.array([[0, 0, 7, 7], [4, 4, 15, 15]], F32)),
                                                          b.const(np.zeros([2], I64))], output_height=2, output_width=2))
add("MaxUnpool", "after_maxpool", lambda b: b.probe("MaxUnpool", b.node("MaxPool", [b.feat()], 2, kernel_shape=[2, 2],
                                                                           strides=[2, 2]), kernel_shape=[2, 2], strides=[2, 2]))
add("DeformConv", "feature", lambda b: b.probe("DeformConv", [b.feat(), b.rand([8, 8, 3, 3], -0.2, 0.2), b.rand([1, 18, 16, 16], -1, 1)],
                                                kernel_shape=[3, 3], pads=[1, 1, 1, 1]))
add("ConvInteger", "uint8", lambda b: b.probe("ConvInteger", [b.input([1, 3, 16, 16], np.uint8, hi=255),
                                                              b.const(np.ones([8, 3, 3, 3], np.uint8))], kernel_shape=[3, 3]))
add("QLinearConv", "uint8", lambda b: b.probe("QLinearConv", [
    b.input([1, 3, 16, 16], np.uint8, hi=255), b.const(np.float32(0.02)), b.const(np.uint8(128)),
    b.const(b.rng.integers(0, 255, [8, 3, 3, 3]).astype(np.uint8)), b.const(np.float32(0.01)), b.const(np.uint8(128)),
    b.const(np.float32(0.05)), b.const(np.uint8(128))], kernel_shape=[3, 3], pads=[1, 1, 1, 1]))

# ---- normalization --------------------------------------------------------------------------------------
add("BatchNormalization", "feature", lambda b: b.probe("BatchNormalization", [b.feat(), b.rand([8], 0.5, 1.5), b.rand([8]),
                                                                              b.rand([8]), b.rand([8], 0.5, 1.5)]))
add("BatchNormalization", "input_no_conv", lambda b: b.probe("BatchNormalization", [b.input([1, 8, 16, 16]), b.rand([8], 0.5, 1.5),
                                                                                    b.rand([8]), b.rand([8]), b.rand([8], 0.5, 1.5)]))
add("InstanceNormalization", "feature", lambda b: b.probe("InstanceNormalization", [b.feat(), b.rand([8], 0.5, 1.5), b.rand([8])],
                                                          epsilon=1e-5))
add("LayerNormalization", "last_axis_eps", lambda b: b.probe("LayerNormalization", [b.input([1, 10, 64], lo=-1), b.rand([64], 0.5, 1.5),
                                                                                    b.rand([64])], axis=-1, epsilon=1e-5), opset=17)
add("LayerNormalization", "last_axis_no_epsilon", lambda b: b.probe("LayerNormalization", [b.input([1, 10, 64], lo=-1),
                                                                                          b.rand([64], 0.5, 1.5), b.rand([64])], axis=-1),
    opset=17)
add("LayerNormalization", "feature_channels_last", lambda b: b.probe("LayerNormalization", [b.feat(), b.rand([16], 0.5, 1.5),
                                                                                           b.rand([16])], axis=-1, epsilon=1e-5), opset=17)
def _groupnorm(b: B) -> None:
    b.probe("GroupNormalization", [b.feat(), b.rand([4], 0.5, 1.5), b.rand([4])], num_groups=4, epsilon=1e-5)
    b.out_types["probe_o0"] = (TensorProto.FLOAT, [1, 8, 16, 16])


add("GroupNormalization", "groups4", _groupnorm, opset=18)
add("LpNormalization", "axis1_p2", lambda b: b.probe("LpNormalization", [b.feat()], axis=1, p=2))
add("LpNormalization", "axis_last_p2", lambda b: b.probe("LpNormalization", [b.feat()], axis=-1, p=2))
add("MeanVarianceNormalization", "feature", lambda b: b.probe("MeanVarianceNormalization", [b.feat()], axes=[0, 2, 3]), opset=13)
add("LRN", "size5", lambda b: b.probe("LRN", [b.feat()], size=5, alpha=1e-4, beta=0.75, bias=1.0))

# ---- softmax family -------------------------------------------------------------------------------------
for _op in ("Softmax", "LogSoftmax", "Hardmax"):
    for _ax in (1, 2, 3, -1):
        if _ax == -1 and _op != "Softmax":
            continue
        add(_op, f"rank4_axis{_ax}", lambda b, op=_op, ax=_ax: b.probe(op, [b.feat()], axis=ax))
    add(_op, "rank2_axis1", lambda b, op=_op: b.probe(op, [b.input([4, 80], lo=-3, hi=3)], axis=1))
    add(_op, "rank3_axis_last", lambda b, op=_op: b.probe(op, [b.input([1, 10, 64], lo=-3, hi=3)], axis=-1))
add("Softmax", "rank3_axis1", lambda b: b.probe("Softmax", [b.input([1, 10, 64], lo=-3, hi=3)], axis=1))
add("Softmax", "rank4_axis0", lambda b: b.probe("Softmax", [b.feat()], axis=0))
add("Softmax", "rank5_axis2", lambda b: b.probe("Softmax", [b.input([1, 4, 16, 8, 8], lo=-3, hi=3)], axis=2))
add("Softmax", "opset11_axis1", lambda b: b.probe("Softmax", [b.feat()], axis=1), opset=11)
add("Softmax", "attention_1x4x64x64", lambda b: b.probe("Softmax", [b.input([1, 4, 64, 64], lo=-3, hi=3)], axis=-1))

# ---- reductions -----------------------------------------------------------------------------------------
_RED = ["ReduceL1", "ReduceL2", "ReduceLogSum", "ReduceLogSumExp", "ReduceMax", "ReduceMean", "ReduceMin", "ReduceProd",
        "ReduceSum", "ReduceSumSquare"]
for _op in _RED:
    for _axes, _kd in (([1], 1), ([2, 3], 1), ([3], 1), ([1], 0), ([2, 3], 0)):
        if _op not in ("ReduceMean", "ReduceSum", "ReduceMax") and _axes != [1] and _axes != [2, 3]:
            continue
        def _rf(b: B, op: str = _op, axes: list[int] = _axes, kd: int = _kd) -> None:
            x = b.feat(lo=0.1, hi=1.5) if op in ("ReduceLogSum", "ReduceProd") else b.feat()
            b.probe(op, [x, b.const(np.array(axes, I64))], keepdims=kd)
        add(_op, f"axes{''.join(map(str, _axes))}_keepdims{_kd}", _rf)
add("ReduceMean", "opset13_axes_attr", lambda b: b.probe("ReduceMean", [b.feat()], axes=[2, 3], keepdims=1), opset=13)
add("ReduceMean", "rank3_last", lambda b: b.probe("ReduceMean", [b.input([1, 10, 64], lo=-1), b.const(np.array([-1], I64))],
                                                  keepdims=1))
add("ReduceMax", "all_axes", lambda b: b.probe("ReduceMax", [b.feat()], keepdims=0))
for _op in ("ArgMax", "ArgMin"):
    for _ax in (1, 3):
        add(_op, f"axis{_ax}_keepdims1", lambda b, op=_op, ax=_ax: b.probe(op, [b.feat()], axis=ax, keepdims=1))
    add(_op, "axis1_keepdims0", lambda b, op=_op: b.probe(op, [b.feat()], axis=1, keepdims=0))
add("TopK", "k5_axis_last", lambda b: b.probe("TopK", [b.node("Flatten", [b.feat()]), b.const(np.array([5], I64))], 2))
add("TopK", "k3_channels", lambda b: b.probe("TopK", [b.feat(), b.const(np.array([3], I64))], 2, axis=1))
add("CumSum", "axis3", lambda b: b.probe("CumSum", [b.feat(), b.const(np.int64(3))]))
add("CumSum", "axis1", lambda b: b.probe("CumSum", [b.feat(), b.const(np.int64(1))]))
add("CumSum", "int64_inputs", lambda b: b.probe("CumSum", [b.input([1, 16], I64, hi=8), b.const(np.int64(1))]),
    note="an int64 graph input (token ids) straight into the CumSum whose result is the graph output")
add("CumSum", "int64_computed", lambda b: b.probe("CumSum", [_topk_indices(b), b.const(np.int64(1))]),
    note="integers computed in the graph (TopK indices): a position count as NLLB / M2M100 export it "
         "(github.com/airockchip/rknn_model_zoo/issues/176)")

# ---- matmul / gemm --------------------------------------------------------------------------------------
add("MatMul", "rank2_const_b", lambda b: b.probe("MatMul", [b.input([4, 64], lo=-1), b.rand([64, 32], -0.2, 0.2)]))
add("MatMul", "rank3_const_b", lambda b: b.probe("MatMul", [b.input([1, 10, 64], lo=-1), b.rand([64, 32], -0.2, 0.2)]))
add("MatMul", "rank4_const_b", lambda b: b.probe("MatMul", [b.feat(), b.rand([16, 8], -0.2, 0.2)]))
add("MatMul", "rank4_both_data", lambda b: b.probe("MatMul", [b.feat(), b.node("Transpose", [b.feat()], perm=[0, 1, 3, 2])]))
add("MatMul", "rank3_both_inputs", lambda b: b.probe("MatMul", [b.input([1, 10, 32], lo=-1), b.input([1, 32, 10], lo=-1)]))
add("MatMul", "attention_4heads", lambda b: b.probe("MatMul", [b.input([1, 4, 64, 16], lo=-1), b.input([1, 4, 16, 64], lo=-1)]))
add("MatMul", "rank2_flattened_feature", lambda b: b.probe("MatMul", [b.node("Flatten", [b.feat()]), b.rand([2048, 10], -0.05, 0.05)]))
add("Gemm", "transB_bias", lambda b: b.probe("Gemm", [b.node("Flatten", [b.feat(h=4, w=4)]), b.rand([10, 128], -0.1, 0.1),
                                                      b.rand([10])], transB=1))
add("Gemm", "no_trans_no_bias", lambda b: b.probe("Gemm", [b.input([2, 64], lo=-1), b.rand([64, 10], -0.1, 0.1)]))
add("Gemm", "alpha_beta", lambda b: b.probe("Gemm", [b.input([2, 64], lo=-1), b.rand([10, 64], -0.1, 0.1), b.rand([10])],
                                            transB=1, alpha=0.5, beta=2.0))
add("Gemm", "dynamic_b", lambda b: b.probe("Gemm", [b.input([2, 64], lo=-1), b.input([64, 10], lo=-1)]))
add("Einsum", "bij_bjk", lambda b: b.probe("Einsum", [b.input([1, 10, 32], lo=-1), b.input([1, 32, 8], lo=-1)], equation="bij,bjk->bik"))
add("Einsum", "nchw_transpose", lambda b: b.probe("Einsum", [b.feat()], equation="nchw->nhwc"))
# torch exports the equation as written: torchvision MaxViT writes "B G H I D, B G H J D -> B G H I J"
add("Einsum", "bij_bjk_spaced", lambda b: b.probe("Einsum", [b.input([1, 10, 32], lo=-1), b.input([1, 32, 8], lo=-1)],
                                                  equation="b i j, b j k -> b i k"))
add("Einsum", "bghid_bghjd_5d", lambda b: b.probe("Einsum", [b.input([1, 2, 4, 16, 8], lo=-1), b.input([1, 2, 4, 16, 8], lo=-1)],
                                                  equation="bghid,bghjd->bghij"))
add("MatMulInteger", "uint8", lambda b: b.probe("MatMulInteger", [b.input([4, 16], np.uint8, hi=255),
                                                                  b.const(np.ones([16, 8], np.uint8))]))
add("QLinearMatMul", "uint8", lambda b: b.probe("QLinearMatMul", [
    b.input([4, 16], np.uint8, hi=255), b.const(np.float32(0.02)), b.const(np.uint8(128)),
    b.const(np.ones([16, 8], np.uint8)), b.const(np.float32(0.01)), b.const(np.uint8(128)),
    b.const(np.float32(0.05)), b.const(np.uint8(128))]))
add("Det", "batch_3x3", lambda b: b.probe("Det", [b.input([4, 3, 3], lo=-1)]))

# ---- shape manipulation ---------------------------------------------------------------------------------
add("Reshape", "4d_to_4d", lambda b: b.probe("Reshape", [b.feat(), b.const(np.array([1, 16, 8, 16], I64))]))
add("Reshape", "4d_to_3d_tokens", lambda b: b.probe("Reshape", [b.feat(), b.const(np.array([1, 8, 256], I64))]))
add("Reshape", "4d_to_2d", lambda b: b.probe("Reshape", [b.feat(), b.const(np.array([1, -1], I64))]))
add("Reshape", "4d_to_5d_yolo", lambda b: b.probe("Reshape", [b.feat(c=24), b.const(np.array([1, 3, 8, 16, 16], I64))]))
add("Reshape", "4d_to_6d", lambda b: b.probe("Reshape", [b.feat(), b.const(np.array([1, 2, 4, 4, 4, 16], I64))]))
add("Reshape", "zero_dims", lambda b: b.probe("Reshape", [b.feat(), b.const(np.array([0, 0, -1], I64))]))
add("Reshape", "shape_from_data", lambda b: b.probe("Reshape", [b.feat(), b.node("Concat", [
    b.node("Slice", [b.node("Shape", [b.feat()]), b.const(np.array([0], I64)), b.const(np.array([2], I64))]),
    b.const(np.array([-1], I64))], axis=0)]), note="shape computed by Shape/Slice/Concat (folded for static inputs)")
add("Reshape", "shape_graph_input", lambda b: b.probe("Reshape", [b.feat(), b.input([3], I64, data=np.array([1, 8, 256]))]),
    note="shape is a graph input (data-dependent)")
for _perm, _shape in (((0, 2, 3, 1), None), ((0, 1, 3, 2), None), ((0, 3, 1, 2), None), ((1, 0, 2, 3), None), ((0, 2, 1, 3), None)):
    add("Transpose", "perm" + "".join(map(str, _perm)), lambda b, perm=_perm: b.probe("Transpose", [b.feat()], perm=list(perm)))
add("Transpose", "perm0231_large_64x160x160", lambda b: b.probe("Transpose", [b.feat(c=64, h=160, w=160)], perm=[0, 2, 3, 1]))
add("Transpose", "perm0231_c3_640", lambda b: b.probe("Transpose", [b.input([1, 3, 640, 640])], perm=[0, 2, 3, 1]))
add("Transpose", "rank2", lambda b: b.probe("Transpose", [b.input([32, 64])], perm=[1, 0]))
add("Transpose", "rank3_021", lambda b: b.probe("Transpose", [b.input([1, 10, 64])], perm=[0, 2, 1]))
add("Transpose", "rank5_01342", lambda b: b.probe("Transpose", [b.node("Reshape", [b.feat(c=24), b.const(np.array([1, 3, 8, 16, 16], I64))])],
                                                  perm=[0, 1, 3, 4, 2]))
add("Transpose", "rank5_batch2", lambda b: b.probe("Transpose", [b.input([2, 3, 4, 8, 8])], perm=[0, 1, 3, 4, 2]))
add("Transpose", "rank6_pixelshuffle", lambda b: b.probe("Transpose", [b.node("Reshape", [b.feat(), b.const(np.array([1, 2, 2, 2, 16, 16], I64))])],
                                                         perm=[0, 1, 4, 2, 5, 3]))
add("Flatten", "axis1", lambda b: b.probe("Flatten", [b.feat()], axis=1))
add("Flatten", "axis2", lambda b: b.probe("Flatten", [b.feat()], axis=2))
add("Squeeze", "axis0", lambda b: b.probe("Squeeze", [b.feat(), b.const(np.array([0], I64))]))
add("Squeeze", "pooled_23", lambda b: b.probe("Squeeze", [b.node("GlobalAveragePool", [b.feat()]), b.const(np.array([2, 3], I64))]))
add("Squeeze", "opset11_attr", lambda b: b.probe("Squeeze", [b.node("GlobalAveragePool", [b.feat()])], axes=[2, 3]), opset=11)
add("Unsqueeze", "axis0_to_5d", lambda b: b.probe("Unsqueeze", [b.feat(), b.const(np.array([0], I64))]))


def _unsqueeze_inside(b: B) -> None:
    """A feature map Unsqueeze-d to 5-D at the end, a Relu on the 5-D tensor, Reshape-d back to 4-D for a Conv: the 5-D
    tensor stays inside the network (axis0_to_5d hands its 5-D result out as the graph output)."""
    u = b.probe("Unsqueeze", [b.feat(), b.const(np.array([-1], I64))])[0]
    rs = b.post("Reshape", [b.post("Relu", [u]), b.const(np.array([1, 8, 16, 16], I64))])
    b.outputs[:] = [b.post("Conv", [rs, b.rand([8, 8, 1, 1])])]


def _reshape_interleave(b: B) -> None:
    """Two halves interleaved along the last axis as timm's rotary embedding (EVA-02's rot) exports it: -x and x each
    Unsqueeze-d to 5-D at the end, Concat-ed there, the probed Reshape back to 4-D [1, 8, 16, 32], a Conv."""
    f = b.feat()
    ax = b.const(np.array([-1], I64))
    cat = b.node("Concat", [b.node("Unsqueeze", [b.node("Neg", [f]), ax]), b.node("Unsqueeze", [f, ax])], axis=-1)
    rs = b.probe("Reshape", [cat, b.const(np.array([1, 8, 16, 32], I64))])[0]
    b.outputs[:] = [b.post("Conv", [rs, b.rand([8, 8, 1, 1])])]


add("Unsqueeze", "to_5d_inside", _unsqueeze_inside,
    note="a 5-D Unsqueeze taken back to 4-D inside the network (Relu, Reshape, Conv), not handed out")
add("Reshape", "interleave_5d", _reshape_interleave,
    note="a Concat of two 5-D Unsqueezes on their new last axis Reshape-d back to 4-D (a rotary interleave)")
add("Unsqueeze", "int64_computed", lambda b: b.probe("Unsqueeze", [_topk_indices(b), b.const(np.array([2], I64))]),
    note="integers computed in the graph (TopK indices) given an axis, as a detector's box gather builds its index")
add("Unsqueeze", "rank3_axis1", lambda b: b.probe("Unsqueeze", [b.input([1, 10, 64]), b.const(np.array([1], I64))]))
add("Unsqueeze", "opset11_attr", lambda b: b.probe("Unsqueeze", [b.input([1, 10, 64])], axes=[1]), opset=11)
for _ax in (1, 2, 3):
    add("Concat", f"axis{_ax}_features", lambda b, ax=_ax: b.probe("Concat", [b.feat(), b.feat()], axis=ax))
add("Concat", "axis1_const", lambda b: b.probe("Concat", [b.feat(), b.rand([1, 4, 16, 16])], axis=1))
add("Concat", "axis1_odd_channels", lambda b: b.probe("Concat", [b.feat(c=3), b.feat(c=5), b.feat(c=7)], axis=1))
add("Concat", "rank3_axis1", lambda b: b.probe("Concat", [b.input([1, 10, 64]), b.input([1, 5, 64])], axis=1))
add("Concat", "rank2_axis0", lambda b: b.probe("Concat", [b.input([2, 64]), b.input([3, 64])], axis=0))
add("Concat", "rank5_axis2", lambda b: b.probe("Concat", [b.input([1, 3, 4, 8, 8]), b.input([1, 3, 2, 8, 8])], axis=2))
add("Concat", "int64_shapes", lambda b: b.probe("Concat", [b.input([2], I64, hi=8), b.const(np.array([3], I64))], axis=0))
add("Concat", "int64_computed", lambda b: b.probe("Concat", [b.const(np.arange(8, dtype=I64).reshape(8, 1)),
                                                         b.node("Reshape", [_topk_indices(b), b.const(np.array([8, 1], I64))])],
                                                 axis=1),
    note="integers computed in the graph (TopK indices) beside constant ones, as a keypoint decode builds GatherND "
         "indices (github.com/airockchip/rknn-toolkit2/issues/93)")
add("Split", "axis1_equal", lambda b: b.probe("Split", [b.feat(), b.const(np.array([4, 4], I64))], 2, axis=1))
add("Split", "axis1_unequal", lambda b: b.probe("Split", [b.feat(c=16), b.const(np.array([4, 12], I64))], 2, axis=1))
add("Split", "axis1_num_outputs", lambda b: b.probe("Split", [b.feat()], 2, axis=1, num_outputs=2), opset=18)
add("Split", "axis2", lambda b: b.probe("Split", [b.feat(), b.const(np.array([8, 8], I64))], 2, axis=2))
add("Split", "axis3_three", lambda b: b.probe("Split", [b.feat(), b.const(np.array([4, 4, 8], I64))], 3, axis=3))
add("Split", "opset11_attr", lambda b: b.probe("Split", [b.feat()], 2, axis=1, split=[4, 4]), opset=11)
add("Split", "rank3_last", lambda b: b.probe("Split", [b.input([1, 10, 96]), b.const(np.array([32, 32, 32], I64))], 3, axis=2))


def _slice(b: B, starts: list[int], ends: list[int], axes: list[int], steps: list[int] | None = None, x: str | None = None) -> None:
    ins = [x or b.feat(), b.const(np.array(starts, I64)), b.const(np.array(ends, I64)), b.const(np.array(axes, I64))]
    if steps:
        ins.append(b.const(np.array(steps, I64)))
    b.probe("Slice", ins)


add("Slice", "channels", lambda b: _slice(b, [0], [4], [1]))
add("Slice", "height", lambda b: _slice(b, [2], [10], [2]))
add("Slice", "width_step2", lambda b: _slice(b, [0], [16], [3], [2]))
add("Slice", "hw_step2_focus", lambda b: _slice(b, [1, 1], [16, 16], [2, 3], [2, 2]))
add("Slice", "height_step2", lambda b: _slice(b, [0], [16], [2], [2]))


def _slice_rotary(b: B) -> None:
    """A rotary embedding's interleaved pairs over an attention head's last axis, as torch dynamo writes timm's RoPE
    ViT: tokens -> Linear -> heads [1, 4, 64, 64], the probed x[..., 1::2] negated and x[..., 0::2] each Unsqueeze-d to
    5-D, Concat-ed, Reshape-d back, x * cos + that * sin, heads back to tokens, a Linear (the output: its layers are
    the prefix's). 64 tokens: at 65, rk3566 ran the Linears' layout Transposes on the CPU (placement_sweep `rope`)."""
    big = np.array([2 ** 63 - 1], I64)
    ax, step, one, zero = (b.const(np.array([v], I64)) for v in (3, 2, 1, 0))
    t = b.node("MatMul", [b.input([1, 64, 256]), b.rand([256, 256])])
    t = b.node("Transpose", [b.node("Reshape", [t, b.const(np.array([1, 64, 4, 64], I64))])], perm=[0, 2, 1, 3])
    odd = b.probe("Slice", [t, one, b.const(big), ax, step])[0]
    even = b.node("Slice", [t, zero, b.const(big), ax, step])
    last = b.const(np.array([-1], I64))
    pair = b.node("Concat", [b.node("Unsqueeze", [b.node("Neg", [odd]), last]), b.node("Unsqueeze", [even, last])],
                  axis=-1)
    rot = b.node("Reshape", [pair, b.const(np.array([1, 4, 64, 64], I64))])
    y = b.node("Add", [b.node("Mul", [t, b.rand([1, 1, 64, 64])]), b.node("Mul", [rot, b.rand([1, 1, 64, 64])])])
    y = b.node("Reshape", [b.node("Transpose", [y], perm=[0, 2, 1, 3]), b.const(np.array([1, 64, 256], I64))])
    b.outputs[:] = []
    b.wrap("MatMul", [y, b.rand([256, 256])])


add("Slice", "rotary_pairs", _slice_rotary,
    note="x[..., 1::2] of attention heads into a rotary interleave (Neg, Unsqueeze, Concat, Reshape back)")


# YOLOv5's Focus stem as exported (x[..., ::2, :] then [..., ::2]): the second Slice reads the first; does the toolkit
# merge them into one layer (named after the first, as in ddddocr's detector) so that the second has none?
add("Slice", "focus_second", lambda b: _slice(b, [0], [16], [3], [2], x=b.node(
    "Slice", [b.feat(), b.const(np.array([0], I64)), b.const(np.array([16], I64)), b.const(np.array([2], I64)),
              b.const(np.array([2], I64))])))


def _focus_shared(b: B) -> None:
    """YOLOv5's Focus stem as newer torch exports it: two strided-H Slices of the input, each read by two strided-W
    Slices, Concat (the first strided-H Slice is the probed node): does the toolkit fuse the stem into one Conv?"""
    x = b.input([1, 3, 32, 32])
    i64 = [b.const(np.array([v], I64)) for v in (0, 1, 2 ** 63 - 1, 2, 3)]
    zero, one, end, ax2, ax3 = i64
    step = b.const(np.array([2], I64))
    h0 = b.probe("Slice", [x, zero, end, ax2, step])[0]
    h1 = b.node("Slice", [x, one, end, ax2, step])
    parts = [b.post("Slice", [h, w, end, ax3, step]) for w, h in ((zero, h0), (zero, h1), (one, h0), (one, h1))]
    b.outputs[:] = [b.post("Concat", parts, axis=1)]


add("Slice", "focus_shared", _focus_shared)


def _focus_pairs(b: B) -> None:
    """YOLOv5's Focus stem as older torch exports write it (ddddocr's detector): four separate pairs, a strided-H
    Slice of the input read by one strided-W Slice each, into one Concat on the channels (the first strided-H Slice is
    the probed node), then the stem's 3x3 Conv: does the toolkit make the stem one Conv (fuse_focus_slice) or run the
    Slices? Measured on rk3588 float16 at 32, 416 and 640 px: 2.3.2 made it one NPU Conv, 2.5.0 ran the four strided-H
    Slices on the CPU (and made it one Conv when the Concat was the graph output, no Conv behind it)."""
    x = b.input([1, 3, 32, 32])
    zero, one, end, ax2, ax3 = (b.const(np.array([v], I64)) for v in (0, 1, 2 ** 63 - 1, 2, 3))
    step = b.const(np.array([2], I64))
    parts = []
    for k, (h, w) in enumerate(((zero, zero), (one, zero), (zero, one), (one, one))):
        first = b.probe("Slice", [x, h, end, ax2, step])[0] if k == 0 else b.node("Slice", [x, h, end, ax2, step])
        parts.append(b.post("Slice", [first, w, end, ax3, step]))
    cat = b.post("Concat", parts, axis=1)
    b.outputs[:] = [b.node("Conv", [cat, b.rand([8, 12, 3, 3])], pads=[1, 1, 1, 1], kernel_shape=[3, 3])]


add("Slice", "focus_pairs", _focus_pairs)
add("Slice", "negative_step", lambda b: _slice(b, [-1], [-100], [3], [-1]))
add("Slice", "batch_axis0", lambda b: _slice(b, [0], [1], [0], x=b.input([2, 8, 16, 16])))
add("Slice", "rank3_tokens", lambda b: _slice(b, [1], [10], [1], x=b.input([1, 10, 64])))
# a sequence [T, 1, D] reversed in time (x[::-1]: the backward direction of an LSTM exported unrolled, captcha CRNNs)
add("Slice", "rank3_reverse_time", lambda b: _slice(b, [-1], [-2 ** 63 + 1], [0], [-1],
                                                    x=b.node("Relu", [b.input([20, 1, 64])])))
add("Slice", "starts_graph_input", lambda b: b.probe("Slice", [b.feat(), b.input([1], I64, data=np.array([2])),
                                                               b.const(np.array([10], I64)), b.const(np.array([2], I64))]))
add("Gather", "axis1_scalar", lambda b: b.probe("Gather", [b.feat(), b.const(np.int64(2))], axis=1))
add("Gather", "axis1_indices", lambda b: b.probe("Gather", [b.feat(), b.const(np.array([0, 2, 5], I64))], axis=1))
add("Gather", "axis3_indices", lambda b: b.probe("Gather", [b.feat(), b.const(np.array([1, 3], I64))], axis=3))
add("Gather", "rank3_token0", lambda b: b.probe("Gather", [b.input([1, 10, 64]), b.const(np.int64(0))], axis=1))
add("Gather", "embedding_table", lambda b: b.probe("Gather", [b.rand([100, 32]), b.input([1, 8], I64, hi=99)], axis=0))
add("GatherElements", "axis1", lambda b: b.probe("GatherElements", [b.feat(), b.const(b.rng.integers(0, 8, [1, 4, 16, 16]).astype(I64))],
                                                 axis=1))
add("Gather", "const_table_rank3_dynamic_indices",
    lambda b: b.probe("Gather", [b.rand([1, 50, 4]), b.node("Cast", [b.input([6], F32, hi=49.0)], to=7)], axis=1),
    note="a constant anchor table indexed by computed indices (detection decoders)")
add("GatherElements", "dynamic_indices",
    lambda b: b.probe("GatherElements", [b.input([1, 50, 4]), b.node("Cast", [b.input([1, 6, 4], F32, hi=49.0)], to=7)], axis=1),
    note="indices computed in the graph (a TopK index or a Cast), not a constant")
add("GatherND", "batch_dims0", lambda b: b.probe("GatherND", [b.feat(), b.const(np.array([[0, 1], [0, 3]], I64))]))
add("ScatterElements", "axis1", lambda b: b.probe("ScatterElements", [b.feat(), b.const(np.tile(np.arange(2, dtype=I64).reshape(1, 2, 1, 1), (1, 1, 16, 16))),
                                                                      b.rand([1, 2, 16, 16])], axis=1))
add("ScatterND", "channel_rows", lambda b: b.probe("ScatterND", [b.feat(), b.const(np.array([[0, 1], [0, 3]], I64)), b.rand([2, 16, 16])]))
add("Scatter", "axis1_opset10", lambda b: b.probe("Scatter", [b.feat(), b.const(np.tile(np.arange(2, dtype=I64).reshape(1, 2, 1, 1), (1, 1, 16, 16))),
                                                              b.rand([1, 2, 16, 16])], axis=1), opset=10)
add("Tile", "hw_x2", lambda b: b.probe("Tile", [b.feat(), b.const(np.array([1, 1, 2, 2], I64))]))
add("Tile", "channels_x3", lambda b: b.probe("Tile", [b.feat(), b.const(np.array([1, 3, 1, 1], I64))]))
add("Tile", "batch_x2", lambda b: b.probe("Tile", [b.feat(), b.const(np.array([2, 1, 1, 1], I64))]))
add("Tile", "int64_computed", lambda b: b.probe("Tile", [b.node("Unsqueeze", [_topk_indices(b), b.const(np.array([2], I64))]),
                                                       b.const(np.array([1, 1, 4], I64))]),
    note="integers computed in the graph (TopK indices) repeated, as YOLOv10's box gather index (github.com/airockchip/"
         "rknn-toolkit2/issues/141, calibration/issue_repros2.py i141_topk_scores)")
# repeats all 1 (a no-op: timm GCViT tiles its global query by the number of windows, 1 in its last stages)
add("Tile", "repeats_ones", lambda b: b.probe("Tile", [b.feat(), b.const(np.array([1, 1, 1, 1], I64))]))
add("Expand", "channel_to_hw", lambda b: b.probe("Expand", [b.node("GlobalAveragePool", [b.feat()]), b.const(np.array([1, 8, 16, 16], I64))]))
add("Expand", "batch2", lambda b: b.probe("Expand", [b.feat(), b.const(np.array([2, 8, 16, 16], I64))]))
add("Expand", "int64_computed", lambda b: b.probe("Expand", [b.node("Unsqueeze", [_topk_indices(b), b.const(np.array([2], I64))]),
                                                           b.const(np.array([1, 8, 4], I64))]),
    note="integer values computed in the graph (TopK indices) broadcast, as RT-DETR's decode does")
add("Expand", "int64_values", lambda b: b.probe("Expand", [b.input([4, 6, 1], I64, hi=9), b.const(np.array([1, 1, 4], I64))]),
    note="an index tensor broadcast before a GatherElements (detection decoders)")
add("Gather", "rank2_dynamic_indices",
    lambda b: b.probe("Gather", [b.input([50, 16]), b.node("Cast", [b.input([6], F32, hi=49.0)], to=7)], axis=0),
    note="rows of a computed tensor picked by computed indices (query selection)")
add("Expand", "rank3_tokens", lambda b: b.probe("Expand", [b.input([1, 1, 64]), b.const(np.array([1, 10, 64], I64))]))
for _mode in ("constant", "reflect", "edge"):
    add("Pad", f"{_mode}_hw1", lambda b, m=_mode: b.probe("Pad", [b.feat(), b.const(np.array([0, 0, 1, 1, 0, 0, 1, 1], I64))], mode=m))
add("Pad", "constant_value_asym", lambda b: b.probe("Pad", [b.feat(), b.const(np.array([0, 0, 0, 0, 0, 0, 1, 2], I64)),
                                                             b.const(np.float32(-1))]))
add("Pad", "channels", lambda b: b.probe("Pad", [b.feat(), b.const(np.array([0, 2, 0, 0, 0, 3, 0, 0], I64))]))
add("Pad", "opset10_attr", lambda b: b.probe("Pad", [b.feat()], pads=[0, 0, 1, 1, 0, 0, 1, 1]), opset=10)
add("Pad", "reflect_after_relu", lambda b: b.probe("Pad", [b.node("Relu", [b.feat()]), b.const(np.array([0, 0, 1, 1, 0, 0, 1, 1], I64))],
                                                           mode="reflect"), note="a reflect Pad that is the only user of a Relu")
add("Pad", "reflect_after_shared_relu",
    lambda b: (lambda r: (b.probe("Pad", [r, b.const(np.array([0, 0, 1, 1, 0, 0, 1, 1], I64))], mode="reflect"),
                          b.outputs.append(r)))(b.node("Relu", [b.feat()])),
    note="a reflect Pad whose Relu input also feeds another consumer (a graph output)")
def _pad_then_conv(b: B, x: str, c: int) -> None:
    """A reflect Pad feeding a 3x3 Conv without padding; the Conv's output is the graph's output."""
    pad = b.probe("Pad", [x, b.const(np.array([0, 0, 1, 1, 0, 0, 1, 1], I64))], mode="reflect")[0]
    b.outputs[:] = [b.post("Conv", [pad, b.rand([c, c, 3, 3])])]


add("Pad", "reflect_instnorm_relu_conv",
    lambda b: _pad_then_conv(b, b.node("Relu", [b.node("InstanceNormalization", [b.feat(c=16), b.const(np.ones(16, F32)),
                                                                                b.const(np.zeros(16, F32))])]), 16),
    note="the style-transfer block: InstanceNorm -> Relu -> reflect Pad -> 3x3 Conv")
add("Pad", "reflect_conv", lambda b: _pad_then_conv(b, b.feat(), 8), note="a reflect Pad in front of a 3x3 Conv without padding")


def _constant_pad_then_conv(b: B, pads: list[int], stride: int) -> None:
    """A zero Pad between two Convs (timm's TF-'same' and HGNet stems): inside the network, not a graph output."""
    pad = b.probe("Pad", [b.feat(), b.const(np.array(pads, I64))], mode="constant")[0]
    b.outputs[:] = [b.post("Conv", [pad, b.rand([8, 8, 3, 3])], strides=[stride, stride])]


add("Pad", "constant_conv", lambda b: _constant_pad_then_conv(b, [0, 0, 1, 1, 0, 0, 1, 1], 1),
    note="a zero Pad in front of a 3x3 Conv without padding")
add("Pad", "constant_asym_conv", lambda b: _constant_pad_then_conv(b, [0, 0, 0, 0, 0, 0, 1, 1], 2),
    note="a zero Pad on the bottom / right in front of a stride-2 3x3 Conv (TensorFlow 'same' padding)")
def _constant_pad_then_pool(b: B, pads: list[int], stride: int) -> None:
    """A zero Pad in front of a 3x3 MaxPool without padding (EfficientDet's BiFPN 'same' max pooling)."""
    pad = b.probe("Pad", [b.feat(), b.const(np.array(pads, I64))], mode="constant")[0]
    b.outputs[:] = [b.post("MaxPool", [pad], kernel_shape=[3, 3], strides=[stride, stride])]


add("Pad", "constant_pool", lambda b: _constant_pad_then_pool(b, [0, 0, 1, 1, 0, 0, 1, 1], 1),
    note="a zero Pad in front of a 3x3 MaxPool without padding")
add("Pad", "constant_asym_pool", lambda b: _constant_pad_then_pool(b, [0, 0, 0, 0, 0, 0, 1, 1], 2),
    note="a zero Pad on the bottom / right in front of a stride-2 3x3 MaxPool (TensorFlow 'same' max pooling)")


for _c in (1, 2, 3, 4, 6):
    add("Pad", f"constant_c{_c}", lambda b, c=_c: b.probe("Pad", [b.feat(c=c), b.const(np.array([0, 0, 4, 4, 0, 0, 4, 4], I64))]),
        note=f"a zero Pad of a {_c}-channel map (EfficientAD's anomaly map, an image) by 4 on every side")


def _pad_then_reshape(b: B, c: int) -> None:
    """A zero Pad of a channels-last graph input [1, C, 32, 1] on axis 2, its map Reshape-d to NCHW [1, 1, C, 34] for a
    3x3 Conv, as tf2onnx writes openWakeWord's embedding front (C = 76)."""
    pad = b.probe("Pad", [b.input([1, c, 32, 1]), b.const(np.array([0, 0, 1, 0, 0, 0, 1, 0], I64))], mode="constant")[0]
    rs = b.post("Reshape", [pad, b.const(np.array([1, 1, c, 34], I64))])
    b.outputs[:] = [b.post("Conv", [rs, b.rand([24, 1, 3, 3])])]


add("Pad", "constant_reshape", lambda b: _pad_then_reshape(b, 76),
    note="a zero Pad of a [1, 76, 32, 1] input (76 channels: no multiple of 8) Reshape-d to [1, 1, 76, 34] (openWakeWord)")
add("Pad", "constant_reshape_c8", lambda b: _pad_then_reshape(b, 72),
    note="the same with 72 channels (a multiple of 8)")
add("Pad", "reflect_hw4", lambda b: b.probe("Pad", [b.feat(), b.const(np.array([0, 0, 4, 4, 0, 0, 4, 4], I64))], mode="reflect"))
add("Pad", "with_axes", lambda b: b.probe("Pad", [b.feat(), b.const(np.array([1, 1, 1, 1], I64)), b.const(np.float32(0)),
                                                  b.const(np.array([2, 3], I64))]), opset=18)
for _mode in ("DCR", "CRD"):
    add("DepthToSpace", f"{_mode}_b2", lambda b, m=_mode: b.probe("DepthToSpace", [b.feat(c=16)], blocksize=2, mode=m))
for _mode in ("DCR", "CRD"):
    add("DepthToSpace", f"{_mode}_b3", lambda b, m=_mode: b.probe("DepthToSpace", [b.feat(c=9)], blocksize=3, mode=m))
add("SpaceToDepth", "b2", lambda b: b.probe("SpaceToDepth", [b.feat()], blocksize=2))
add("SpaceToDepth", "b4", lambda b: b.probe("SpaceToDepth", [b.feat()], blocksize=4))
add("Trilu", "upper", lambda b: b.probe("Trilu", [b.feat()]))
add("Trilu", "lower_k1", lambda b: b.probe("Trilu", [b.feat(), b.const(np.int64(1))], upper=0))
add("ReverseSequence", "time_major", lambda b: b.probe("ReverseSequence", [b.input([4, 2, 8]), b.const(np.array([4, 3], I64))],
                                                        batch_axis=1, time_axis=0))
add("CenterCropPad", "crop_hw", lambda b: b.probe("CenterCropPad", [b.feat(), b.const(np.array([10, 10], I64))], axes=[2, 3]))
add("Col2Im", "k2", lambda b: b.probe("Col2Im", [b.input([1, 8, 64]), b.const(np.array([9, 9], I64)), b.const(np.array([2, 2], I64))]))

# ---- resize ---------------------------------------------------------------------------------------------


def _resize(b: B, mode: str, coord: str, scale: float | None = None, size: int | None = None, nearest_mode: str | None = None,
            hw: int = 16) -> None:
    x = b.feat(h=hw, w=hw)
    attrs: dict[str, Any] = {"mode": mode, "coordinate_transformation_mode": coord}
    if nearest_mode:
        attrs["nearest_mode"] = nearest_mode
    roi = "" if b.opset >= 13 else b.const(np.zeros([0], F32))  # roi is not optional before opset 13
    if scale is not None:
        ins = [x, roi, b.const(np.array([1, 1, scale, scale], F32))]
    else:
        ins = [x, roi, b.const(np.zeros([0], F32)) if b.opset < 13 else "", b.const(np.array([1, 8, size, size], I64))]
    b.probe("Resize", ins, **attrs)


for _s in (2, 4, 8, 16):
    add("Resize", f"nearest_x{_s}_asymmetric", lambda b, s=_s: _resize(b, "nearest", "asymmetric", float(s), nearest_mode="floor"))
add("Resize", "nearest_x2_half_pixel", lambda b: _resize(b, "nearest", "half_pixel", 2.0))
add("Resize", "nearest_x1.5", lambda b: _resize(b, "nearest", "asymmetric", 1.5, nearest_mode="floor"))
add("Resize", "nearest_x0.5", lambda b: _resize(b, "nearest", "asymmetric", 0.5, nearest_mode="floor"))
add("Resize", "nearest_sizes_32", lambda b: _resize(b, "nearest", "asymmetric", size=32, nearest_mode="floor"))
for _coord in ("half_pixel", "pytorch_half_pixel", "align_corners", "asymmetric"):
    add("Resize", f"linear_x2_{_coord}", lambda b, c=_coord: _resize(b, "linear", c, 2.0))
add("Resize", "linear_x4_half_pixel", lambda b: _resize(b, "linear", "half_pixel", 4.0))
add("Resize", "linear_x1.5_half_pixel", lambda b: _resize(b, "linear", "half_pixel", 1.5))
add("Resize", "linear_x0.5_half_pixel", lambda b: _resize(b, "linear", "half_pixel", 0.5))
add("Resize", "linear_sizes_24_align_corners", lambda b: _resize(b, "linear", "align_corners", size=24))
# 16 -> 31: (out - 1) / (in - 1) = 2, a whole number (Fast-SCNN's PPM, 2 x 2 -> 12 x 24, on the NPU: placement_sweep resizeac)
add("Resize", "linear_sizes_31_align_corners", lambda b: _resize(b, "linear", "align_corners", size=31))
add("Resize", "cubic_x2_half_pixel", lambda b: _resize(b, "cubic", "half_pixel", 2.0))
add("Resize", "nearest_x2_opset11", lambda b: _resize(b, "nearest", "asymmetric", 2.0, nearest_mode="floor"), opset=11)
add("Resize", "scales_from_graph_input", lambda b: b.probe("Resize", [b.feat(), "", b.input([4], F32, data=np.array([1, 1, 2, 2], F32))],
                                                           mode="nearest"), note="scales are a graph input (data-dependent)")
add("Upsample", "nearest_x2_opset9", lambda b: b.probe("Upsample", [b.feat(), b.const(np.array([1, 1, 2, 2], F32))], mode="nearest"), opset=9)
add("Upsample", "linear_x2_opset9", lambda b: b.probe("Upsample", [b.feat(), b.const(np.array([1, 1, 2, 2], F32))], mode="linear"), opset=9)
add("GridSample", "bilinear", lambda b: b.probe("GridSample", [b.feat(), b.rand([1, 8, 8, 2], -1, 1)], mode="linear"
                                                 if b.opset >= 20 else "bilinear"), opset=16)
add("GridSample", "nearest", lambda b: b.probe("GridSample", [b.feat(), b.rand([1, 8, 8, 2], -1, 1)], mode="nearest"), opset=16)

# ---- shape-producing / constant ops ----------------------------------------------------------------------
_fold_note = "static shapes: the result is a constant the toolkit folds"
add("Shape", "of_feature_plus", lambda b: b.wrap("Add", [b.feat(c=4, h=1, w=1), b.node("Cast", [b.node("Reshape", [
    b.node("Shape", [b.feat()], prefix="probe_s"), b.const(np.array([1, 4, 1, 1], I64))], prefix="probe_r")], to=TensorProto.FLOAT,
    prefix="probe_c")]), note=_fold_note)
add("Shape", "output_directly", lambda b: b.probe("Shape", [b.feat()]), note=_fold_note)
add("Size", "output_directly", lambda b: b.probe("Size", [b.feat()]), note=_fold_note)
add("ConstantOfShape", "const_shape", lambda b: b.wrap("Add", [b.feat(), b.node("ConstantOfShape", [b.const(np.array([1, 8, 16, 16], I64))],
                                                                                  prefix="probe_k", value=helper.make_tensor("v", TensorProto.FLOAT, [1], [0.5]))]),
    note=_fold_note)
add("ConstantOfShape", "shape_from_input", lambda b: b.probe("ConstantOfShape", [b.input([2], I64, data=np.array([4, 8]))]),
    note="shape is a graph input (data-dependent)")
add("Constant", "added", lambda b: b.wrap("Add", [b.feat(), b.node("Constant", [], prefix="probe_k",
                                                                    value=helper.make_tensor("v", TensorProto.FLOAT, [1, 8, 1, 1], list(range(8))))]))
add("Range", "const", lambda b: b.wrap("Add", [b.input([1, 16]), b.node("Cast", [b.node("Range", [b.const(np.int64(0)), b.const(np.int64(16)),
                                                                                                  b.const(np.int64(1))], prefix="probe_r")],
                                                                         to=TensorProto.FLOAT, prefix="probe_c")]), note=_fold_note)
add("Range", "limit_from_input", lambda b: b.probe("Range", [b.const(np.float32(0)), b.input([], F32, data=np.float32(8)), b.const(np.float32(1))]),
    note="limit is a graph input (data-dependent)")
add("EyeLike", "square", lambda b: b.probe("EyeLike", [b.input([16, 16])]))
add("OneHot", "depth8", lambda b: b.probe("OneHot", [b.input([1, 10], I64, hi=7), b.const(np.array([8], I64)), b.const(np.array([0, 1], F32))]))
add("NonZero", "mask", lambda b: b.probe("NonZero", [b.node("Greater", [b.feat(), b.const(np.float32(0))])]))
add("Unique", "vector", lambda b: b.probe("Unique", [b.input([32], F32, data=np.arange(32, dtype=F32) % 5)], 4, sorted=1))
add("Compress", "axis1", lambda b: b.probe("Compress", [b.feat(), b.const(np.array([1, 0, 1, 0, 1, 0, 1, 0], bool))], axis=1))
add("NonMaxSuppression", "boxes", lambda b: b.probe("NonMaxSuppression", [b.input([1, 20, 4]), b.input([1, 2, 20]),
                                                                          b.const(np.array([5], I64)), b.const(np.array([0.5], F32)),
                                                                          b.const(np.array([0.1], F32))]))
for _op in ("HannWindow", "HammingWindow", "BlackmanWindow"):
    add(_op, "const_size", lambda b, op=_op: b.wrap("Mul", [b.input([1, 16]), b.node(op, [b.const(np.int64(16))], prefix="probe_w")]),
        note=_fold_note)
add("MelWeightMatrix", "const", lambda b: b.wrap("MatMul", [b.input([1, 9]), b.node("MelWeightMatrix", [
    b.const(np.int64(4)), b.const(np.int64(16)), b.const(np.int64(16000)), b.const(np.float32(0)), b.const(np.float32(8000))],
    prefix="probe_m")]), note=_fold_note)
add("DFT", "real_signal", lambda b: b.probe("DFT", [b.input([1, 16, 1]), b.const(np.int64(16))], onesided=1), opset=17)
add("STFT", "real_signal", lambda b: b.probe("STFT", [b.input([1, 64, 1]), b.const(np.int64(8)), b.const(np.hanning(16).astype(F32))]),
    opset=17)

# ---- recurrent ------------------------------------------------------------------------------------------


def _rnn(b: B, op: str, direction: str = "forward", hidden: int = 16) -> None:
    gates = {"RNN": 1, "GRU": 3, "LSTM": 4}[op]
    nd = 2 if direction == "bidirectional" else 1
    x = b.input([5, 1, 8], lo=-1)
    ins = [x, b.rand([nd, gates * hidden, 8], -0.3, 0.3), b.rand([nd, gates * hidden, hidden], -0.3, 0.3),
           b.rand([nd, 2 * gates * hidden], -0.1, 0.1)]
    b.probe(op, ins, 2 if op != "LSTM" else 3, hidden_size=hidden, direction=direction)


for _op in ("RNN", "GRU", "LSTM"):
    for _dir in ("forward", "bidirectional", "reverse"):
        add(_op, _dir, lambda b, op=_op, d=_dir: _rnn(b, op, d))

# ---- random / training / quantization -------------------------------------------------------------------
add("RandomNormal", "const_shape", lambda b: b.wrap("Add", [b.feat(), b.node("RandomNormal", [], prefix="probe_r", shape=[1, 8, 16, 16],
                                                                              seed=1.0)]))
add("RandomUniform", "const_shape", lambda b: b.wrap("Add", [b.feat(), b.node("RandomUniform", [], prefix="probe_r", shape=[1, 8, 16, 16],
                                                                                seed=1.0)]))
add("RandomNormalLike", "feature", lambda b: b.probe("RandomNormalLike", [b.feat()], seed=1.0))
add("RandomUniformLike", "feature", lambda b: b.probe("RandomUniformLike", [b.feat()], seed=1.0))
add("Bernoulli", "feature", lambda b: b.probe("Bernoulli", [b.feat(lo=0.1, hi=0.9)], seed=1.0))
add("Multinomial", "logits", lambda b: b.probe("Multinomial", [b.input([2, 10], lo=-1)], sample_size=3, seed=1.0))
add("NegativeLogLikelihoodLoss", "mean", lambda b: b.probe("NegativeLogLikelihoodLoss", [b.input([4, 5], lo=-3, hi=0),
                                                                                         b.const(np.array([0, 1, 2, 3], I64))]))
add("SoftmaxCrossEntropyLoss", "mean", lambda b: b.probe("SoftmaxCrossEntropyLoss", [b.input([4, 5], lo=-3, hi=3),
                                                                                     b.const(np.array([0, 1, 2, 3], I64))]))
add("QuantizeLinear", "uint8", lambda b: b.probe("QuantizeLinear", [b.feat(), b.const(np.float32(0.02)), b.const(np.uint8(128))]))
add("DequantizeLinear", "uint8", lambda b: b.probe("DequantizeLinear", [b.input([1, 8, 16, 16], np.uint8, hi=255), b.const(np.float32(0.02)),
                                                                        b.const(np.uint8(128))]))
add("DequantizeLinear", "qdq_pair", lambda b: b.probe("DequantizeLinear", [
    b.node("QuantizeLinear", [b.feat(), b.const(np.float32(0.02)), b.const(np.uint8(128))]), b.const(np.float32(0.02)),
    b.const(np.uint8(128))]))
add("DynamicQuantizeLinear", "feature", lambda b: b.probe("DynamicQuantizeLinear", [b.feat()], 3))
add("StringNormalizer", "lower", lambda b: b.probe("StringNormalizer", [b.input([3], np.object_, data=np.array(["A", "b", "C"], object))],
                                                   case_change_action="LOWER"))
add("TfIdfVectorizer", "int_ngrams", lambda b: b.probe("TfIdfVectorizer", [b.input([1, 8], np.int32, hi=5)], mode="TF", min_gram_length=1,
                                                       max_gram_length=1, max_skip_count=0, ngram_counts=[0], ngram_indexes=[0, 1, 2],
                                                       pool_int64s=[1, 2, 3]))

# ---- control flow / sequence / optional -----------------------------------------------------------------


def _if(b: B, cond_from_data: bool) -> None:
    x = b.feat()
    then_g = helper.make_graph([helper.make_node("Relu", [x], ["t_out"])], "then", [], [helper.make_tensor_value_info("t_out", TensorProto.FLOAT, None)])
    else_g = helper.make_graph([helper.make_node("Sigmoid", [x], ["e_out"])], "else", [], [helper.make_tensor_value_info("e_out", TensorProto.FLOAT, None)])
    if cond_from_data:
        cond = b.node("Greater", [b.node("ReduceMean", [x], keepdims=0), b.const(np.float32(0))])
    else:
        cond = b.const(np.array(True))
    b.probe("If", [cond], then_branch=then_g, else_branch=else_g)


add("If", "cond_from_data", lambda b: _if(b, True))
add("If", "cond_initializer", lambda b: _if(b, False))


def _loop(b: B) -> None:
    x = b.feat()
    body = helper.make_graph(
        [helper.make_node("Identity", ["cond_in"], ["cond_out"]), helper.make_node("Add", ["v_in", "one"], ["v_out"])], "body",
        [helper.make_tensor_value_info("i", TensorProto.INT64, []), helper.make_tensor_value_info("cond_in", TensorProto.BOOL, []),
         helper.make_tensor_value_info("v_in", TensorProto.FLOAT, None)],
        [helper.make_tensor_value_info("cond_out", TensorProto.BOOL, []), helper.make_tensor_value_info("v_out", TensorProto.FLOAT, None)],
        [onnx.numpy_helper.from_array(np.float32(1), "one")])
    b.probe("Loop", [b.const(np.int64(3)), b.const(np.array(True)), x], body=body)
    b.out_types["probe_o0"] = (TensorProto.FLOAT, [1, 8, 16, 16])


add("Loop", "three_trips", _loop)


def _scan(b: B) -> None:
    body = helper.make_graph(
        [helper.make_node("Add", ["s_in", "x_t"], ["s_out"]), helper.make_node("Identity", ["s_out"], ["y_t"])], "body",
        [helper.make_tensor_value_info("s_in", TensorProto.FLOAT, [8]), helper.make_tensor_value_info("x_t", TensorProto.FLOAT, [8])],
        [helper.make_tensor_value_info("s_out", TensorProto.FLOAT, [8]), helper.make_tensor_value_info("y_t", TensorProto.FLOAT, [8])])
    b.probe("Scan", [b.const(np.zeros(8, F32)), b.input([5, 8])], 2, body=body, num_scan_inputs=1)


add("Scan", "cumsum", _scan)


def _seq(b: B, op: str) -> None:
    a, c = b.feat(), b.feat()
    if op == "SequenceConstruct":
        b.probe("SequenceAt", [b.node("SequenceConstruct", [a, c], prefix="probe_q"), b.const(np.int64(1))])
    elif op == "SequenceAt":
        b.probe("SequenceAt", [b.node("SequenceConstruct", [a, c]), b.const(np.int64(1))])
    elif op == "SequenceEmpty":
        b.probe("SequenceLength", [b.node("SequenceEmpty", [], prefix="probe_q")])
    elif op == "SequenceErase":
        b.probe("SequenceAt", [b.node("SequenceErase", [b.node("SequenceConstruct", [a, c]), b.const(np.int64(0))], prefix="probe_q"),
                               b.const(np.int64(0))])
    elif op == "SequenceInsert":
        b.probe("SequenceAt", [b.node("SequenceInsert", [b.node("SequenceConstruct", [a]), c], prefix="probe_q"), b.const(np.int64(1))])
    elif op == "SequenceLength":
        b.probe("SequenceLength", [b.node("SequenceConstruct", [a, c])])
    elif op == "SplitToSequence":
        b.probe("SequenceAt", [b.node("SplitToSequence", [a, b.const(np.array([4, 4], I64))], prefix="probe_q", axis=1), b.const(np.int64(0))])
    elif op == "ConcatFromSequence":
        b.probe("ConcatFromSequence", [b.node("SequenceConstruct", [a, c])], axis=1)
    elif op == "SequenceMap":
        body = helper.make_graph([helper.make_node("Relu", ["e"], ["r"])], "body", [helper.make_tensor_value_info("e", TensorProto.FLOAT, None)],
                                 [helper.make_tensor_value_info("r", TensorProto.FLOAT, None)])
        b.probe("SequenceAt", [b.node("SequenceMap", [b.node("SequenceConstruct", [a, c])], prefix="probe_q", body=body), b.const(np.int64(0))])


for _op in ("SequenceConstruct", "SequenceAt", "SequenceEmpty", "SequenceErase", "SequenceInsert", "SequenceLength", "SplitToSequence",
            "ConcatFromSequence", "SequenceMap"):
    add(_op, "feature_maps", lambda b, op=_op: _seq(b, op))


def _optional(b: B, op: str) -> None:
    x = b.feat()
    if op == "Optional":
        b.probe("OptionalGetElement", [b.node("Optional", [x], prefix="probe_q")])
    elif op == "OptionalGetElement":
        b.probe("OptionalGetElement", [b.node("Optional", [x])])
    else:
        b.probe("OptionalHasElement", [b.node("Optional", [x])])


for _op in ("Optional", "OptionalGetElement", "OptionalHasElement"):
    add(_op, "feature", lambda b, op=_op: _optional(b, op))

# ---- data-dependent shape inputs on otherwise static ops ------------------------------------------------
add("Expand", "shape_graph_input", lambda b: b.probe("Expand", [b.node("GlobalAveragePool", [b.feat()]), b.input([4], I64, data=np.array([1, 8, 16, 16]))]),
    note="shape is a graph input (data-dependent)")
add("Tile", "repeats_graph_input", lambda b: b.probe("Tile", [b.feat(), b.input([4], I64, data=np.array([1, 1, 2, 2]))]),
    note="repeats are a graph input (data-dependent)")


# ---------------------------------------------------------------------------------------------------------


def all_ops(max_opset: int = MAX_OPSET) -> list[str]:
    """Every default-domain ONNX op defined at opset <= max_opset (deprecated ones included)."""
    import onnx.defs

    return sorted({s.name for s in onnx.defs.get_all_schemas_with_history() if s.domain == "" and s.since_version <= max_opset})


def _seed(key: str) -> int:
    return zlib.crc32(key.encode())


def cases(ops: list[str] | None = None) -> list[Case]:
    """The probe cases for `ops` (default: every op of all_ops()), in op order."""
    out = []
    for op in ops or all_ops():
        for spec in R.specs.get(op, []):
            b = B(_seed(f"{op}/{spec.variant}"), spec.opset)
            spec.build(b)
            out.append(Case(op, spec.variant, b.model(), b.feeds, spec.note))
    return out


def unprobed_ops() -> list[str]:
    """Ops of all_ops() with no probe model (should be empty)."""
    return [op for op in all_ops() if op not in R.specs]
