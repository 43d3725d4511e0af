"""`--cut-head zoo`: end a YOLO model in the per-stride output layout of Rockchip's rknn_model_zoo
(https://github.com/airockchip/rknn_model_zoo, examples/yolov5 ... yolo11), so the zoo's C and Python
post-processing (or rknnlint.postprocess.yolo_zoo) runs on the NPU outputs unchanged.

The head boundary comes from rknnlint.heads (the same search `--cut-head auto` uses); this module only
gives each boundary tensor its role (box logits, class logits, mask coefficients, keypoints, angle,
prototypes), adds the few nodes the layout needs (class Sigmoid, score sum = Clip(ReduceSum, 0, 1), the
pose keypoint decode, the obb angle Sigmoid) and makes them the outputs. Layouts (docs/fixing.md#zoo-layout):

    DFL heads (YOLOv6/v8/v10/v11), per stride 8, 16, 32:
      detect   box [1,4R,H,W], cls [1,nc,H,W] (sigmoid), score_sum [1,1,H,W]
      segment  box, cls, score_sum, mask [1,nm,H,W]; then proto [1,nm,Hp,Wp]
      pose     box_cls [1,4R+nc,H,W] (logits); then keypoints [1,K,ndim,N] (decoded, input pixels)
      obb      box_cls [1,4R+nc,H,W] (logits); then angle [1,1,N] (sigmoid)
    anchor heads (YOLOv5/v7), per stride: [1, na*(5+nc), H, W] after sigmoid.

Before it answers, the cut decodes its own outputs with rknnlint.postprocess.yolo_zoo on a seeded input and
compares them with the model's own decoded predictions; a head that decodes differently is refused. The
removed post-processing comes back as a tail that maps the zoo outputs to the original outputs (inverse
sigmoid, slices), so `rknnlint fix` proves NPU part + tail against the original as for any cut.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field

import numpy as np
import onnx
from onnx import helper, numpy_helper

from ..postprocess import yolo_zoo
from ._base import RewriteRefused, opset_of

ZOO_URL = "https://github.com/airockchip/rknn_model_zoo"
LAYOUT_KEY = yolo_zoo.LAYOUT_KEY
EXAMPLES = {("dfl", "detect"): "examples/yolov8, examples/yolo11, examples/yolov10, examples/yolov6",
            ("dfl", "segment"): "examples/yolov8_seg", ("dfl", "pose"): "examples/yolov8_pose",
            ("dfl", "obb"): "examples/yolov8_obb", ("anchor", "detect"): "examples/yolov5, examples/yolov7"}


class NotYolo(RewriteRefused):
    """The graph is not a YOLO family the zoo layout knows (one line, exit 2)."""


def _refuse(why: str):
    raise NotYolo(f"--cut-head zoo: {why}")


@dataclass
class _Plan:
    family: str  # 'dfl' or 'anchor'
    task: str = "detect"
    strides: list[int] = field(default_factory=list)
    groups: list[dict[str, str]] = field(default_factory=list)  # per stride: role -> raw tensor
    shapes: dict[str, tuple[int, ...]] = field(default_factory=dict)
    reg_max: int = 16
    nc: int = 0
    na: int = 0
    kpt: tuple[int, int] = (0, 0)
    proto: str | None = None  # seg: the model's own prototype output (after its activation)
    proto_raw: str | None = None  # seg: the boundary tensor before the prototype activation
    nms: bool = True
    decoded: list[str] = field(default_factory=list)  # where the model's own decoded predictions may be
    input_hw: tuple[int, int] = (0, 0)


# -- recognising the head -----------------------------------------------------------------------------

def _plan(model: onnx.ModelProto, view, hb, swap: bool = False, ndim: int | None = None) -> _Plan:
    if hb is None:
        _refuse("not a recognised YOLO family: no post-processing head found (no DFL, box decode or NMS "
                "after the last convolutions)")
    if not hb.cuttable:
        _refuse(f"not a recognised YOLO family: {hb.reason}")
    if len(view.inputs) != 1:
        _refuse(f"not a recognised YOLO family: {len(view.inputs)} inputs (a YOLO model has one image input)")
    ishape = view.static_shape(view.inputs[0].name)
    if ishape is None:
        _refuse("the image input needs a static [1,C,H,W] shape: pin it first "
                "(`rknnlint fix MODEL --input-shape NAME=1,3,H,W`)")
    if len(ishape) != 4 or ishape[0] != 1:
        _refuse(f"not a recognised YOLO family: the input is [{','.join(map(str, ishape))}], not one [1,C,H,W] image")
    shapes = {}
    for t in hb.boundary_tensors:
        s = view.static_shape(t)
        if s is None or len(s) != 4 or s[0] != 1:
            _refuse(f"not a recognised YOLO family: head tensor '{t}' is not a static [1,C,H,W] tensor")
        shapes[t] = tuple(int(x) for x in s)
    concat = hb.markers_of("concat")
    if not concat:
        _refuse("not a recognised YOLO family: no Concat of decoded boxes with scores in the head")
    plan = _Plan("dfl" if "dfl" in hb.kinds else "anchor", shapes=shapes, input_hw=(ishape[2], ishape[3]),
                 decoded=list(view.output_names) + [r.outputs[0] for r in reversed(concat)], nms="topk" not in hb.kinds or "nms" in hb.kinds)
    if plan.family == "dfl":
        _plan_dfl(plan, view, hb, swap, ndim)
    elif "decode" in hb.kinds:
        _plan_anchor(plan, view, hb)
    else:
        _refuse("not a recognised YOLO family: no DFL or anchor box decode in the head")
    return plan


def _stride(plan: _Plan, h: int, w: int, what: str) -> int:
    ih, iw = plan.input_hw
    if h == 0 or w == 0 or ih % h or iw % w or ih // h != iw // w:
        _refuse(f"not a recognised YOLO family: {what} [{h}x{w}] is not the input {ih}x{iw} divided by a stride")
    return ih // h


def _plan_dfl(plan: _Plan, view, hb, swap: bool = False, ndim: int | None = None) -> None:
    sm = hb.markers_of("dfl")[0]
    s = view.static_shape(sm.inputs[0])
    axis = next((a.i for a in sm.node.attribute if a.name == "axis"), -1 if view.opset >= 13 else 1)
    plan.reg_max = int(s[axis]) if s else 16
    R = plan.reg_max
    by_hw: dict[tuple[int, int], list[str]] = {}
    for t in hb.boundary_tensors:
        by_hw.setdefault(plan.shapes[t][2:], []).append(t)
    strided = {hw: ts for hw, ts in by_hw.items() if any(plan.shapes[t][1] == 4 * R for t in ts)}
    rest = [t for hw, ts in by_hw.items() if hw not in strided for t in ts]
    if len(strided) != 3:
        _refuse(f"the zoo's post-processing expects 3 strides; this head has {len(strided)} box branches")
    if len(rest) > 1:
        _refuse(f"not a recognised YOLO family: head tensors {', '.join(rest)} belong to no stride")
    if rest:  # segment: the prototype branch
        plan.proto_raw = rest[0]
        plan.proto = _activated_output(view, rest[0])
        if plan.proto is None:
            _refuse(f"not a recognised YOLO family: '{rest[0]}' (prototypes?) reaches no model output")
    obb = any(r.op_type in ("Cos", "Sin") for r in hb.tail_nodes)
    for hw in sorted(strided, key=lambda k: -k[0]):
        ts = strided[hw]
        box = next(t for t in ts if plan.shapes[t][1] == 4 * R)
        others = [t for t in ts if t != box]
        g = {"box": box}
        if len(others) == 1 and not rest and not obb:
            g["cls"] = others[0]
            plan.task = "detect"
        elif len(others) == 2:
            first, second = others[::-1] if swap else others  # graph order, or the other way round
            if rest:
                nm = plan.shapes[plan.proto_raw][1]
                if plan.shapes[first][1] == nm and plan.shapes[second][1] != nm:
                    first, second = second, first
                g.update(cls=first, mask=second)
                plan.task = "segment"
            elif obb:
                if plan.shapes[first][1] == 1 and plan.shapes[second][1] != 1:
                    first, second = second, first
                g.update(cls=first, angle=second)
                plan.task = "obb"
            else:
                g.update(cls=first, kpt=second)
                plan.task = "pose"
        else:
            _refuse(f"not a recognised YOLO family: stride {hw[0]}x{hw[1]} has {len(ts)} head tensors "
                    f"({', '.join(ts)})")
        plan.strides.append(_stride(plan, hw[0], hw[1], f"head tensor '{box}'"))
        plan.groups.append(g)
    ncs = {plan.shapes[g["cls"]][1] for g in plan.groups}
    if len(ncs) != 1:
        _refuse(f"not a recognised YOLO family: class branches differ in width ({sorted(ncs)})")
    plan.nc = ncs.pop()
    if plan.task == "pose":
        c = plan.shapes[plan.groups[0]["kpt"]][1]
        ndim = ndim or (3 if c % 3 == 0 else 2)  # x, y, visibility (ultralytics' default) or x, y
        if c % ndim:
            _refuse(f"not a recognised YOLO family: a {c}-channel keypoint branch is not K x {ndim}")
        plan.kpt = (c // ndim, ndim)
    if plan.task == "obb" and any(plan.shapes[g["angle"]][1] != 1 for g in plan.groups):
        _refuse("not a recognised YOLO family: the obb angle branch is not one channel wide")


def _activated_output(view, t: str) -> str | None:
    """The model output computed from `t` by elementwise ops only (the prototype activation)."""
    shape = view.static_shape(t)
    for o in view.output_names:
        if view.static_shape(o) == shape and any(r for r in view.upstream(o, limit=8)
                                                 if t in r.inputs):
            return o
    return None


def _plan_anchor(plan: _Plan, view, hb) -> None:
    ts = sorted(hb.boundary_tensors, key=lambda t: -plan.shapes[t][2])
    if len(ts) != 3:
        _refuse(f"the zoo's post-processing expects 3 strides; this anchor head has {len(ts)} branches")
    for t in ts:
        na = no = None
        for c in view.consumers_of(t):
            if c.op_type == "Reshape":
                s = view.const_value(c.inputs[1]) if len(c.inputs) > 1 else None
                if s is not None and s.size == 5:
                    na, no = int(s[1]), int(s[2])
        c_in = plan.shapes[t][1]
        if na is None or na * no != c_in or no < 6:
            _refuse(f"not a recognised YOLO family: '{t}' [{c_in} channels] is not reshaped to "
                    "[1, anchors, 5+classes, H, W] (YOLOv5/v7 head)")
        if plan.na and (na, no - 5) != (plan.na, plan.nc):
            _refuse("not a recognised YOLO family: the anchor branches differ in anchors or classes")
        plan.na, plan.nc = na, no - 5
        plan.strides.append(_stride(plan, plan.shapes[t][2], plan.shapes[t][3], f"head tensor '{t}'"))
        plan.groups.append({"p": t})


# -- building the graph --------------------------------------------------------------------------------

class _Builder:
    """Nodes and constants appended to one graph, in one element type."""

    def __init__(self, graph: onnx.GraphProto, opset: int, dtype: int, used: set[str]):
        self.g, self.opset, self.dtype, self.used = graph, opset, dtype, used
        self.np = helper.tensor_dtype_to_np_dtype(dtype)

    def name(self, hint: str) -> str:
        n, k = hint, 1
        while n in self.used:
            k += 1
            n = f"{hint}_{k}"
        self.used.add(n)
        return n

    def const(self, value, hint: str, dtype=None) -> str:
        n = self.name(f"zoo/{hint}")
        arr = np.asarray(value, dtype=dtype or self.np)
        self.g.initializer.append(numpy_helper.from_array(arr, n))
        return n

    def node(self, op: str, inputs: list[str], out: str | None = None, hint: str = "", **attrs) -> str:
        out = out or self.name(f"zoo/{hint or op}")
        self.g.node.append(helper.make_node(op, inputs, [out], name=self.name(f"zoo/{op}"), **attrs))
        return out

    def slice(self, x: str, axis: int, start: int, end: int, out: str | None = None) -> str:
        i64 = np.int64
        return self.node("Slice", [x, self.const([start], "start", i64), self.const([end], "end", i64),
                                   self.const([axis], "axis", i64)], out, "slice")

    def reshape(self, x: str, shape, out: str | None = None) -> str:
        return self.node("Reshape", [x, self.const(list(shape), "shape", np.int64)], out, "reshape")

    def reduce_sum_ch(self, x: str) -> str:
        if self.opset >= 13:
            return self.node("ReduceSum", [x, self.const([1], "axes", np.int64)], keepdims=1)
        return self.node("ReduceSum", [x], axes=[1], keepdims=1)

    def clip01(self, x: str, out: str) -> str:
        if self.opset >= 11:
            return self.node("Clip", [x, self.const(0.0, "zero"), self.const(1.0, "one")], out)
        return self.node("Clip", [x], out, min=0.0, max=1.0)

    def logit(self, p: str, out: str) -> str:
        one_minus = self.node("Sub", [self.const(1.0, "one"), p])
        return self.node("Sub", [self.node("Log", [p]), self.node("Log", [one_minus])], out)


def _point_consts(plan: _Plan) -> tuple[np.ndarray, np.ndarray]:
    """Per anchor point (strides in order, row-major): the stride [N] and the cell's x, y times it [2, N]."""
    s_all, xy_all = [], []
    for s, g in zip(plan.strides, plan.groups):
        h, w = plan.shapes[next(iter(g.values()))][2:]
        ys, xs = np.meshgrid(np.arange(h), np.arange(w), indexing="ij")
        s_all.append(np.full(h * w, s, np.float64))
        xy_all.append(np.stack([xs.reshape(-1), ys.reshape(-1)]) * s)
    return np.concatenate(s_all), np.concatenate(xy_all, 1)


def _add_zoo_nodes(b: _Builder, plan: _Plan) -> tuple[list[str], list[str]]:
    """The zoo outputs appended to the graph (which holds the raw head tensors): (output names, roles per stride)."""
    outs: list[str] = []
    if plan.family == "anchor":
        for s, g in zip(plan.strides, plan.groups):
            outs.append(b.node("Sigmoid", [g["p"]], b.name(f"p_s{s}")))
        return outs, ["p"]
    if plan.task in ("detect", "segment"):
        for s, g in zip(plan.strides, plan.groups):
            cls = b.node("Sigmoid", [g["cls"]], b.name(f"cls_s{s}"))
            # the sum reads its own Sigmoid: an output that also feeds nodes would be kept in two layouts (RKN405)
            total = b.reduce_sum_ch(b.node("Sigmoid", [g["cls"]]))
            outs += [g["box"], cls, b.clip01(total, b.name(f"score_sum_s{s}"))]
            if plan.task == "segment":
                outs.append(g["mask"])
        if plan.task == "segment":
            outs.append(plan.proto)
            return outs, ["box", "cls", "score_sum", "mask"]
        return outs, ["box", "cls", "score_sum"]
    for s, g in zip(plan.strides, plan.groups):
        outs.append(b.node("Concat", [g["box"], g["cls"]], b.name(f"box_cls_s{s}"), axis=1))
    if plan.task == "pose":
        K, ndim = plan.kpt
        parts = []
        for g in plan.groups:
            h, w = plan.shapes[g["kpt"]][2:]
            parts.append(b.reshape(g["kpt"], [1, K, ndim, h * w]))
        k = b.node("Concat", parts, axis=3)
        strides, cell = _point_consts(plan)
        n = strides.size
        xy = b.slice(k, 2, 0, 2)
        xy = b.node("Add", [b.node("Mul", [xy, b.const((2 * strides).reshape(1, 1, 1, n), "two_stride")]),
                            b.const(cell.reshape(1, 1, 2, n), "cell_px")])
        pieces = [xy] + ([b.node("Sigmoid", [b.slice(k, 2, 2, 3)])] if ndim == 3 else [])
        outs.append(b.node("Concat", pieces, b.name("keypoints"), axis=2) if len(pieces) > 1
                    else b.node("Identity", pieces, b.name("keypoints")))
    else:  # obb
        parts = []
        for g in plan.groups:
            h, w = plan.shapes[g["angle"]][2:]
            parts.append(b.reshape(g["angle"], [1, 1, h * w]))
        outs.append(b.node("Sigmoid", [b.node("Concat", parts, axis=2)], b.name("angle")))
    return outs, ["box_cls"]


def _inverse_prefix(b: _Builder, plan: _Plan, zoo_outs: list[str]) -> list[str]:
    """Nodes that give the tail back the raw head tensors from the zoo outputs; returns the tail's new inputs."""
    ins: list[str] = []
    k = 0
    if plan.family == "anchor":
        for g in plan.groups:
            b.logit(zoo_outs[k], g["p"])
            ins.append(zoo_outs[k])
            k += 1
        return ins
    if plan.task in ("detect", "segment"):
        per = 4 if plan.task == "segment" else 3
        for i, g in enumerate(plan.groups):
            box, cls = zoo_outs[i * per], zoo_outs[i * per + 1]
            b.logit(cls, g["cls"])
            ins += [box, cls] + ([zoo_outs[i * per + 3]] if plan.task == "segment" else [])
        return ins
    R = plan.reg_max
    for i, g in enumerate(plan.groups):
        bc = zoo_outs[i]
        b.slice(bc, 1, 0, 4 * R, g["box"])
        b.slice(bc, 1, 4 * R, 4 * R + plan.nc, g["cls"])
        ins.append(bc)
    last = zoo_outs[len(plan.groups)]
    ins.append(last)
    strides, cell = _point_consts(plan)
    n = strides.size
    if plan.task == "pose":
        K, ndim = plan.kpt
        xy = b.slice(last, 2, 0, 2)
        xy = b.node("Div", [b.node("Sub", [xy, b.const(cell.reshape(1, 1, 2, n), "cell_px")]),
                            b.const((2 * strides).reshape(1, 1, 1, n), "two_stride")])
        raw = xy
        if ndim == 3:
            vis = b.logit(b.slice(last, 2, 2, 3), b.name("zoo/vis_logit"))
            raw = b.node("Concat", [xy, vis], axis=2)
        start = 0
        for g in plan.groups:
            h, w = plan.shapes[g["kpt"]][2:]
            b.reshape(b.slice(raw, 3, start, start + h * w), [1, K * ndim, h, w], g["kpt"])
            start += h * w
    else:
        raw = b.logit(last, b.name("zoo/angle_logit"))
        start = 0
        for g in plan.groups:
            h, w = plan.shapes[g["angle"]][2:]
            b.reshape(b.slice(raw, 2, start, start + h * w), [1, 1, h, w], g["angle"])
            start += h * w
    return ins


def _layout(plan: _Plan, outs: list[str], per_stride: list[str]) -> dict:
    d = {"family": plan.family, "task": plan.task, "strides": plan.strides, "per_stride": per_stride,
         "outputs": outs, "nc": plan.nc, "input_hw": list(plan.input_hw), "nms": plan.nms,
         "zoo": f"{ZOO_URL} ({EXAMPLES.get((plan.family, plan.task), '')})"}
    if plan.family == "dfl":
        d["reg_max"] = plan.reg_max
    if plan.task == "pose":
        d["kpt_shape"] = list(plan.kpt)
    return d


# -- the self-check ----------------------------------------------------------------------------------------

def _run(model: onnx.ModelProto, names: list[str], shape) -> dict[str, np.ndarray]:
    import onnxruntime as ort

    m = onnx.ModelProto()
    m.CopyFrom(model)
    have = {o.name for o in m.graph.output}
    for n in names:
        if n not in have:
            m.graph.output.append(helper.make_empty_tensor_value_info(n))
    so = ort.SessionOptions()
    so.log_severity_level = 4
    sess = ort.InferenceSession(m.SerializeToString(), so, providers=["CPUExecutionProvider"])
    inp = sess.get_inputs()[0]
    x = np.random.default_rng(0).random(shape, dtype=np.float32)
    x = x.astype(np.float16) if inp.type == "tensor(float16)" else x
    return dict(zip(names, sess.run(names, {inp.name: x})))


def _rows(d: np.ndarray, n: int) -> np.ndarray:
    """The decoded predictions as [C, N] (the exporter's [1, C, N] or [1, N, C])."""
    d = np.asarray(d, np.float64).reshape(d.shape[-2], d.shape[-1]) if d.ndim == 3 and d.shape[0] == 1 else None
    if d is None:
        return None
    if d.shape[1] == n:
        return d
    if d.shape[0] == n:
        return d.T
    return None


def _close(a: np.ndarray, b: np.ndarray, scale: float) -> float:
    """Largest difference, in units of the tolerance (<= 1 passes)."""
    a, b = np.asarray(a, np.float64), np.asarray(b, np.float64)
    return float(np.max(np.abs(a - b) / (1e-3 * max(scale, 1.0) + 1e-3 * np.abs(b)))) if a.size else 0.0


def _self_check(plan: _Plan, layout: dict, got: dict[str, np.ndarray]) -> tuple[float, str]:
    """Decode the zoo outputs and compare with the model's own predictions: (worst, box format)."""
    outs = [got[n] for n in layout["outputs"]]
    n_points = sum(plan.shapes[next(iter(g.values()))][2] * plan.shapes[next(iter(g.values()))][3]
                   for g in plan.groups) * (plan.na or 1)
    d = next((r for r in (_rows(got[n], n_points) for n in plan.decoded) if r is not None), None)
    if d is None:
        _refuse(f"not a recognised YOLO family: no tensor of the head holds one decoded row per anchor point "
                f"({n_points}): {', '.join(f'{n} {list(got[n].shape)}' for n in plan.decoded[:4])}")
    if plan.family == "anchor":
        layout["anchors"] = _fit_anchors(plan, outs, d)
    p = yolo_zoo.predictions(outs, layout)
    box_d = d[:4].T
    scale = float(np.max(np.abs(box_d))) if box_d.size else 1.0
    if plan.task == "obb":
        worst, fmt = _close(p["xywhr"][:, :4], box_d, scale), "xywh"
    else:
        as_xywh = np.concatenate([box_d[:, :2] - box_d[:, 2:] / 2, box_d[:, :2] + box_d[:, 2:] / 2], 1)
        wx, wy = _close(p["boxes"], as_xywh, scale), _close(p["boxes"], box_d, scale)
        worst, fmt = (wx, "xywh") if wx <= wy else (wy, "xyxy")
    nc = plan.nc
    if plan.family == "anchor":
        cls_d = d[5:5 + nc].T * d[4:5].T
        rest = d[5 + nc:]
    else:
        cls_d = d[4:4 + nc].T
        rest = d[4 + nc:]
    worst = max(worst, _close(p["scores"], cls_d, 1.0))
    if plan.task == "segment":
        worst = max(worst, _close(p["mask_coef"], rest.T, float(np.max(np.abs(rest))) if rest.size else 1.0))
    elif plan.task == "pose":
        K, ndim = plan.kpt
        kd = rest.reshape(K, ndim, -1).transpose(2, 0, 1)
        worst = max(worst, _close(p["keypoints"], kd, float(np.max(np.abs(kd))) if kd.size else 1.0))
    elif plan.task == "obb":
        worst = max(worst, _close(p["angle"], rest[-1], 1.0))
    return worst, fmt


def _fit_anchors(plan: _Plan, outs: list[np.ndarray], d: np.ndarray) -> list[list[list[float]]]:
    """YOLOv5/v7 anchors in input pixels, read back from the model's own decode: w = (2 sigmoid)^2 * anchor."""
    anchors, start = [], 0
    for o in outs:
        _, c, h, w = o.shape
        p = o.reshape(plan.na, 5 + plan.nc, h * w).astype(np.float64)
        wh_d = d[2:4, start:start + plan.na * h * w].reshape(2, plan.na, h * w).transpose(1, 0, 2)
        a = np.median(wh_d / np.maximum((2 * p[:, 2:4]) ** 2, 1e-12), axis=2)
        anchors.append([[round(float(v), 4) for v in row] for row in a])
        start += plan.na * h * w
    return anchors


# -- the cut ---------------------------------------------------------------------------------------------

def cut_zoo(model: onnx.ModelProto, view=None, hb=None):
    """(NPU model, tail model, layout dict, notes) for a YOLO model; NotYolo (a RewriteRefused, exit 2) with
    one line when the graph is not a recognised YOLO family. `view`/`hb`: a ModelView of `model` and its
    head boundary when the caller has them. The NPU model's metadata holds the layout as JSON under
    'rknnlint.zoo_layout'; rknnlint.postprocess.yolo_zoo.detect(outputs, layout) decodes its outputs."""
    from ..graph import ModelView
    from ..heads import find_head_boundary

    view = view if view is not None else ModelView(model)
    hb = hb if hb is not None else find_head_boundary(view)
    plan = _plan(model, view, hb)
    # the roles the graph leaves open, tried in turn until the self-check agrees: the extra branch made
    # before the class branch; 2-D keypoints whose count is also a multiple of 3
    tries = [{}] + ([{"swap": True}] if plan.task != "detect" else []) + \
        ([{"ndim": 2}, {"swap": True, "ndim": 2}] if plan.task == "pose" and plan.kpt[1] == 3 else [])
    first = None
    for kw in tries:
        try:
            return _cut(model, view, _plan(model, view, hb, **kw) if kw else plan)
        except NotYolo as e:
            first = first or e
    raise first


def _cut(model: onnx.ModelProto, view, plan: _Plan):
    from onnx.utils import Extractor

    from .cut_head import _inferred, split_at

    raw = [t for g in plan.groups for t in g.values()]
    try:
        _, tail, _ = split_at(model, raw)
    except ValueError as e:
        _refuse(f"not a recognised YOLO family: {e}")
    dtype = view.dtype(raw[0]) or onnx.TensorProto.FLOAT
    opset = opset_of(model)
    full = onnx.ModelProto()
    full.CopyFrom(model)
    used = {n for node in full.graph.node for n in list(node.input) + list(node.output)} | \
        {t.name for t in full.graph.initializer} | {v.name for v in full.graph.input} | {n.name for n in full.graph.node}
    b = _Builder(full.graph, opset, dtype, used)
    outs, per_stride = _add_zoo_nodes(b, plan)
    layout = _layout(plan, outs, per_stride)
    try:
        got = _run(full, list(dict.fromkeys(outs + plan.decoded)), (1, *view.static_shape(view.inputs[0].name)[1:]))
    except Exception as e:  # onnxruntime cannot run it: nothing can be checked
        _refuse(f"onnxruntime cannot run the model to check the layout ({str(e).splitlines()[0][:160]})")
    worst, fmt = _self_check(plan, layout, got)
    if not worst <= 1.0:
        _refuse(f"not a recognised YOLO family: the zoo layout decodes to predictions that differ from the "
                f"model's own ({worst:.3g}x the tolerance)")
    # the NPU part: graph input -> zoo outputs
    del full.graph.output[:]
    full.graph.output.extend(helper.make_empty_tensor_value_info(o) for o in outs)
    inferred = _inferred(full)
    npu = Extractor(inferred).extract_model([vi.name for vi in view.inputs], outs)
    from .cut_head import keep_header  # cut_head imports this module lazily: no cycle at import time

    keep_header(npu, model)
    npu.graph.name = model.graph.name or "npu"
    del npu.graph.output[:]
    npu.graph.output.extend(helper.make_tensor_value_info(o, helper.np_dtype_to_tensor_dtype(got[o].dtype),
                                                          list(got[o].shape)) for o in outs)
    npu.metadata_props.append(onnx.StringStringEntryProto(key=LAYOUT_KEY, value=json.dumps(layout)))
    tail = _zoo_tail(tail, plan, outs, {vi.name: vi for vi in list(npu.graph.output)}, opset, dtype)
    fam = "DFL (YOLOv6/v8/v10/v11)" if plan.family == "dfl" else "anchor (YOLOv5/v7)"
    notes = [f"zoo layout: {fam} {plan.task}, strides {', '.join(map(str, plan.strides))}, {plan.nc} classes, "
             f"{len(outs)} outputs ({', '.join(per_stride)} per stride"
             f"{', then ' + outs[-1] if len(outs) > len(plan.groups) * len(per_stride) else ''}); "
             f"decoded outputs match the model's own (boxes {fmt})"]
    return npu, tail, layout, notes


def _zoo_tail(tail: onnx.ModelProto, plan: _Plan, outs: list[str], out_vi: dict, opset: int, dtype: int) -> onnx.ModelProto:
    """The cut-off post-processing with the zoo outputs as its inputs: inverse nodes first, then the tail."""
    g = onnx.GraphProto()
    g.name = tail.graph.name
    used = {n for node in tail.graph.node for n in list(node.input) + list(node.output)} | set(outs) | \
        {t.name for t in tail.graph.initializer}
    b = _Builder(g, opset, dtype, used)
    ins = _inverse_prefix(b, plan, outs)
    raw = {t for grp in plan.groups for t in grp.values()}
    g.node.extend(tail.graph.node)
    g.initializer.extend(tail.graph.initializer)
    g.input.extend(out_vi[n] for n in ins)
    g.input.extend(vi for vi in tail.graph.input if vi.name not in raw and vi.name not in {t.name for t in tail.graph.initializer})
    g.output.extend(tail.graph.output)
    m = helper.make_model(g, opset_imports=list(tail.opset_import), ir_version=tail.ir_version)
    m.producer_name, m.producer_version = tail.producer_name, tail.producer_version
    return m

