"""Bias correction for the toolkit's int8 (issue 15's untried lever): change what rknn-toolkit2 quantizes, not
which layers stay in fp16. Measured on the real pretrained models of calibration/int8_hybrid.py (their data under
ROOT/runs/TARGET/NAME/data, made by that script); results in calibration/results/int8-biascorr-rk3588.json and
docs/int8.md ("Bias correction"). The reference of every comparison stays the ORIGINAL model in onnxruntime fp32
(BuildJob.reference); only the model handed to the toolkit changes.

    python calibration/int8_biascorr.py weights MODEL DATASET OUT.onnx [--scale F] [--no-conv] [--no-mm]
        analytic (Nagel et al., "Data-Free Quantization", 2019, 4.2, with the calibration set's fp32 inputs):
        eps = Wq - W with the toolkit's int8 weight quantization (asymmetric, per output channel, zero on the
        grid; `check` below), each Conv's bias gets -E[conv(x, eps)] (mean over samples and output positions),
        each MatMul(constant) + Add(constant) the same per column
    python calibration/int8_biascorr.py dumps MODEL DATASET DIR IDX,IDX [INPUT=SHAPE]
        plain int8 build and rknn.accuracy_analysis on those calibration samples: DIR/a<i>/{golden,simulator}/npy
    python calibration/int8_biascorr.py empirical CUR.onnx NEXT.onnx GOLDEN_DIR SIM_DIR DAMP [LO:HI]
        empirical: for every Conv / MatMul+Add (targets LO:HI in graph order) the last tensor of its per-channel
        affine chain (Mul / Div / Add by a constant, BatchNormalization) that the simulator dumped; its mean
        error per channel (SIM_DIR's simulator against GOLDEN_DIR's golden, which must be the ORIGINAL model's)
        times -DAMP, scaled back through the chain, is added to the layer's bias
    python calibration/int8_biascorr.py eval NAME MODEL [--root R] [--target T]
        plain int8 build of MODEL on NAME's calibration data, compared with the ORIGINAL model on the first 4
        samples: the worst output cosine (the figure of docs/int8.md's tables)
    python calibration/int8_biascorr.py check DUMPS_DIR MODEL CFG
        the toolkit's weight quantization against its own simulator: PP-OCRv4 rec's pointwise Conv and two
        depthwise Convs fed the simulator's int8 inputs, CFG the model's .quantization.cfg (its output grids)
    python calibration/int8_biascorr.py equalize MODEL OUT.onnx [--clamp F]
        cross-layer equalization of those exact pairs (Conv / MatMul -> Add of a constant, Identity, Relu ->
        Conv / MatMul)
    python calibration/int8_biascorr.py pairs MODEL...
        Conv -> Conv pairs where cross-layer equalization is exact (nothing or ReLU / Identity / affine between)

Run with rknnlint's venv (rknn-toolkit2, onnxruntime) and PYTHONPATH at the repository."""
from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import numpy as np


def _consts(g) -> dict:
    from onnx import numpy_helper

    out = {}
    for n in g.node:
        if n.op_type == "Constant" and n.attribute and n.attribute[0].name == "value":
            out[n.output[0]] = numpy_helper.to_array(n.attribute[0].t)
    for i in g.initializer:
        out[i.name] = numpy_helper.to_array(i)
    return out


def _consumers(g) -> dict:
    cons: dict = {}
    for n in g.node:
        for i in n.input:
            cons.setdefault(i, []).append(n)
    return cons


def wq(w: np.ndarray, axis: int = 0) -> np.ndarray:
    """rknn-toolkit2's int8 weights: asymmetric per output channel, [min(w, 0), max(w, 0)] in 255 steps, the zero
    point rounded and clipped into int8 (`check`: the simulator's Conv outputs to 99.96-99.998%)."""
    wm = np.moveaxis(w.astype(np.float64), axis, 0)
    shape = wm.shape
    wm = wm.reshape(shape[0], -1)
    lo, hi = np.minimum(wm.min(1), 0), np.maximum(wm.max(1), 0)
    s = (hi - lo) / 255
    s[s == 0] = 1
    zp = np.clip(np.round(-128 - lo / s), -128, 127)
    q = (np.clip(np.round(wm / s[:, None]) + zp[:, None], -128, 127) - zp[:, None]) * s[:, None]
    return np.moveaxis(q.reshape(shape), 0, axis)


def conv_mean(x: np.ndarray, w: np.ndarray, attrs: dict) -> np.ndarray:
    """mean over batch and output positions of conv2d(x, w) (no bias), per output channel, in numpy: the mean of
    each kernel tap's input window, weighted by w."""
    pads = list(attrs.get("pads", [0, 0, 0, 0]))
    s0, s1 = attrs.get("strides", [1, 1])
    d0, d1 = attrs.get("dilations", [1, 1])
    groups = attrs.get("group", 1)
    xp = np.pad(x.astype(np.float64), ((0, 0), (0, 0), (pads[0], pads[2]), (pads[1], pads[3])))
    cout, cin_g, kh, kw = w.shape
    oh = (xp.shape[2] - d0 * (kh - 1) - 1) // s0 + 1
    ow = (xp.shape[3] - d1 * (kw - 1) - 1) // s1 + 1
    tap = np.empty((xp.shape[1], kh, kw))
    for i in range(kh):
        for j in range(kw):
            win = xp[:, :, i * d0: i * d0 + s0 * (oh - 1) + 1: s0, j * d1: j * d1 + s1 * (ow - 1) + 1: s1]
            tap[:, i, j] = win.mean(axis=(0, 2, 3))
    out_g = cout // groups
    mu = np.empty(cout)
    for c in range(cout):
        gi = c // out_g
        mu[c] = float((w[c] * tap[gi * cin_g:(gi + 1) * cin_g]).sum())
    return mu


def _dataset(ds: str) -> list[list[Path]]:
    base = Path(ds).parent
    return [[base / f for f in ln.split()] for ln in Path(ds).read_text().splitlines() if ln.strip()]


def weights(model: str, ds: str, out: str, scale: float = 1.0, conv: bool = True, mm: bool = True) -> dict:
    import onnx
    import onnxruntime as ort
    from onnx import helper, numpy_helper

    m = onnx.load(model)
    g = m.graph
    consts, cons = _consts(g), _consumers(g)
    targets = []
    for n in g.node:
        if conv and n.op_type == "Conv" and n.input[1] in consts and consts[n.input[1]].ndim == 4:
            targets.append(("conv", n))
        elif mm and n.op_type == "MatMul" and n.input[1] in consts and consts[n.input[1]].ndim == 2:
            us = cons.get(n.output[0], [])
            if len(us) == 1 and us[0].op_type == "Add" and any(i in consts for i in us[0].input):
                targets.append(("mm", n))
    m2 = onnx.load(model)
    have = {o.name for o in m2.graph.output}
    for t in sorted({n.input[0] for _, n in targets} - have):
        m2.graph.output.append(helper.ValueInfoProto(name=t))
    sess = ort.InferenceSession(m2.SerializeToString(), providers=["CPUExecutionProvider"])
    names = [o.name for o in sess.get_outputs()]
    lines = _dataset(ds)
    sums: dict = {}
    for ln in lines:
        res = dict(zip(names, sess.run(None, {i.name: np.load(f) for i, f in zip(sess.get_inputs(), ln)})))
        for kind, n in targets:
            w = consts[n.input[1]]
            if kind == "conv":
                attrs = {a.name: helper.get_attribute_value(a) for a in n.attribute}
                mu = conv_mean(res[n.input[0]], wq(w, 0) - w, attrs)
            else:
                mu = (res[n.input[0]].astype(np.float64) @ (wq(w, 1) - w)).reshape(-1, w.shape[1]).mean(0)
            sums[n.name] = sums.get(n.name, 0) + mu / len(lines)
    for kind, n in targets:
        d = -scale * sums[n.name]
        if kind == "conv":
            c = consts[n.input[1]].shape[0]
            b = consts[n.input[2]].astype(np.float64) if len(n.input) > 2 and n.input[2] else np.zeros(c)
            nb = n.name + "_bc_bias"
            g.initializer.append(numpy_helper.from_array((b + d).astype(np.float32), nb))
            if len(n.input) > 2:
                n.input[2] = nb
            else:
                n.input.append(nb)
        else:
            add = cons[n.output[0]][0]
            k = next(j for j, i in enumerate(add.input) if i in consts)
            b = consts[add.input[k]].astype(np.float64)
            nb = add.name + "_bc_bias"
            g.initializer.append(numpy_helper.from_array((np.broadcast_to(b, d.shape) + d).astype(np.float32), nb))
            add.input[k] = nb
    onnx.save(m, out)
    rep = {"corrected": len(targets), "max_abs_shift": max((float(np.abs(v).max()) for v in sums.values()), default=0)}
    print(json.dumps(rep))
    return rep


def dumps(model: str, ds: str, out: str, idx: list[int], shapes: dict, target: str = "rk3588") -> None:
    """In the toolkit's venv (this process imports rknn)."""
    from rknn.api import RKNN

    lines = [ln.split() for ln in Path(ds).read_text().splitlines() if ln.strip()]
    base = Path(ds).parent
    r = RKNN(verbose=False)
    r.config(target_platform=target)
    kw = {"inputs": list(shapes), "input_size_list": list(shapes.values())} if shapes else {}
    assert r.load_onnx(model=model, **kw) == 0
    assert r.build(do_quantization=True, dataset=ds) == 0
    for i in idx:
        assert r.accuracy_analysis(inputs=[str(base / f) for f in lines[i]], output_dir=f"{out}/a{i}", target=None) == 0
    r.release()


def _chain(start: str, c: int, consts: dict, cons: dict) -> list:
    """[(tensor, k)]: `start` and the tensors after it through per-channel affine ops, k the multiplier from it."""
    def vec(name):
        v = consts[name].astype(np.float64).reshape(-1)
        return np.full(c, v[0]) if v.size == 1 else (v if v.size == c else None)

    out, t, k = [(start, np.ones(c))], start, np.ones(c)
    while True:
        us = cons.get(t, [])
        if len(us) != 1:
            return out
        u = us[0]
        other = [i for i in u.input if i != t]
        if u.op_type in ("Mul", "Div") and len(other) == 1 and other[0] in consts and vec(other[0]) is not None:
            k = k * vec(other[0]) if u.op_type == "Mul" else k / vec(other[0])
        elif (u.op_type in ("Add", "Sub") and len(other) == 1 and other[0] in consts and u.input[0] == t
              and vec(other[0]) is not None):
            pass
        elif u.op_type == "BatchNormalization" and u.input[0] == t:
            sc, _b, _mu, var = (consts[i].astype(np.float64) for i in u.input[1:5])
            eps = next((a.f for a in u.attribute if a.name == "epsilon"), 1e-5)
            k = k * sc / np.sqrt(var + eps)
        else:
            return out
        t = u.output[0]
        out.append((t, k.copy()))


def empirical(cur: str, nxt: str, gdir: Path, sdir: Path, damp: float, rng: tuple[int, int] | None = None) -> dict:
    import onnx
    from onnx import numpy_helper

    m = onnx.load(cur)
    g = m.graph
    consts, cons = _consts(g), _consumers(g)
    samples = sorted(p.name for p in sdir.iterdir() if p.name.startswith("a"))
    mp: dict = {}
    for ln in (sdir / samples[0] / "map_name_to_file.txt").read_text().splitlines()[2:]:
        if ln.strip():
            k, f = ln.split()[:2]
            for suf in ("_mm_tp_sw", "_tp-rs", "-rs"):  # the toolkit's names of a MatMul / Linear output
                k = k[: -len(suf)] if k.endswith(suf) else k
            mp.setdefault(k, f.replace(".txt", ".npy"))
    fixes = []
    for n in g.node:
        if n.op_type == "Conv" and n.input[1] in consts and consts[n.input[1]].ndim == 4:
            c = consts[n.input[1]].shape[0]
            fixes.append(("conv", n, c, _chain(n.output[0], c, consts, cons)))
        elif n.op_type == "MatMul" and n.input[1] in consts and consts[n.input[1]].ndim == 2:
            us = cons.get(n.output[0], [])
            if len(us) == 1 and us[0].op_type == "Add" and any(i in consts for i in us[0].input if i != n.output[0]):
                c = consts[n.input[1]].shape[1]
                fixes.append(("mm", n, c, [(n.output[0], np.ones(c))] + _chain(us[0].output[0], c, consts, cons)))
    rows = []
    for kind, n, c, ch in (fixes[rng[0]:rng[1]] if rng else fixes):
        pick = [(t, k) for t, k in ch if t in mp]
        if not pick or any(np.abs(pick[-1][1]) < 1e-8):
            continue
        t, k = pick[-1]
        errs = []
        for s in samples:
            gf, sf = gdir / s / "golden" / "npy" / mp[t], sdir / s / "simulator" / "npy" / mp[t]
            if not gf.is_file() or not sf.is_file():
                break
            ga, sa = np.load(gf).astype(np.float64), np.load(sf).astype(np.float64)
            if ga.shape != sa.shape or ga.ndim < 2 or ga.shape[1] != c:
                break
            errs.append(np.moveaxis(sa - ga, 1, 0).reshape(c, -1))
        if len(errs) != len(samples):
            continue
        e = np.concatenate(errs, 1).mean(1)
        d = -damp * e / k
        if kind == "conv":
            b = consts[n.input[2]].astype(np.float64) if len(n.input) > 2 and n.input[2] else np.zeros(c)
            nb = n.name + "_bce_bias"
            while nb in consts:
                nb += "_"
            consts[nb] = (b + d).astype(np.float32)
            g.initializer.append(numpy_helper.from_array(consts[nb], nb))
            if len(n.input) > 2:
                n.input[2] = nb
            else:
                n.input.append(nb)
        else:
            add = cons[n.output[0]][0]
            j = next(j for j, i in enumerate(add.input) if i != n.output[0])
            nb = add.name + "_bce_bias"
            while nb in consts:
                nb += "_"
            consts[nb] = (np.broadcast_to(consts[add.input[j]].astype(np.float64).reshape(-1), (c,)) + d).astype(np.float32)
            g.initializer.append(numpy_helper.from_array(consts[nb], nb))
            add.input[j] = nb
        rows.append({"layer": n.name, "tensor": t, "bias_rms": float(np.sqrt((e ** 2).mean()))})
    onnx.save(m, nxt)
    print(json.dumps({"corrected": len(rows), "of": len(fixes), "rows": rows}))
    return {"corrected": rows}


def evaluate(name: str, model: str, root: Path | None, target: str) -> dict:
    from dataclasses import replace

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import int8_subsets as subsets

    from rknnlint.toolkit.runner import run_build

    if root:
        subsets.ROOT = root
    subsets.TARGET = target
    orig = subsets.job_for(name, "normal")
    subsets.MODEL = model
    job = replace(subsets.job_for(name, "normal"), reference=orig.model, compare=True, compare_samples=4)
    raw = run_build(job, timeout=1800)
    outs = {o["output"]: o.get("cosine") for o in (raw.result.get("compare") or {}).get("outputs", [])}
    rec = {"name": name, "model": model, "target": target, "worst": min(outs.values()) if outs else None,
           "outputs": outs, "status": str(raw.status)}
    print(json.dumps(rec))
    return rec


def check(d: Path, model: str, cfg_path: str) -> None:
    """PP-OCRv4 rec (rapidocr 1.4.4): three of its Convs fed the simulator's own int8 inputs (DIR/a<i> of `dumps`),
    with fp32 or the toolkit's asymmetric per-channel weights, outputs on the int8 grid of the toolkit's
    .quantization.cfg (hybrid_quantization_step1's); the share of elements equal to the simulator's output."""
    import onnx
    import yaml
    from onnx import helper

    m = onnx.load(model)
    consts = _consts(m.graph)
    nodes = {n.name: n for n in m.graph.node}
    qp = yaml.safe_load(Path(cfg_path).read_text())["quantize_parameters"]
    a = sorted(p for p in d.iterdir() if p.name.startswith("a"))[0]

    def ld(t):
        return np.load(a / "simulator" / "npy" / (t.replace(".", "_") + ".npy")).astype(np.float64)

    def q8(y, t):
        s, z = qp[t]["scale"][0], qp[t]["zero_point"][0]
        return (np.clip(np.round(y / s) + z, -128, 127) - z) * s

    def hs(v):
        return v * np.clip(v + 3, 0, 6) / 6

    for cname, inp, mid, out in (("p2o.Conv.2", "p2o.Add.7", None, "hardswish_31.tmp_0"),
                                 ("p2o.Conv.1", "batch_norm_2.tmp_2", "p2o.Add.3", "hardswish_30.tmp_0"),
                                 ("p2o.Conv.3", "p2o.Add.15", "p2o.Add.19", "hardswish_32.tmp_0")):
        n = nodes[cname]
        attrs = {x.name: helper.get_attribute_value(x) for x in n.attribute}
        w, b = consts[n.input[1]], consts[n.input[2]]
        mul, add = cons_affine(m, n)
        x, sim = ld(inp), ld(out)
        kind = "depthwise" if attrs.get("group", 1) > 1 else "pointwise"
        for hyp, wx in (("fp32", w.astype(np.float64)), ("asym per channel", wq(w, 0))):
            for requant in ([False, True] if mid else [False]):
                y = _conv(x, wx, b, attrs) * mul + add
                if requant:  # the Conv's own output on its int8 grid before the HardSwish
                    y = q8(y, mid)
                y = q8(hs(y), out)
                print(f"{cname} ({kind}) weights {hyp}{', conv output requantized' if requant else ''}: "
                      f"{(np.abs(y - sim) < 1e-4).mean():.5f} of elements equal to the simulator's")


def cons_affine(m, n):
    """PP-OCRv4 rec's Conv -> Mul(scalar) -> Add(scalar) (MobileOne block): the two scalars."""
    consts, cons = _consts(m.graph), _consumers(m.graph)
    mul = cons[n.output[0]][0]
    add = cons[mul.output[0]][0]
    k = float(next(consts[i] for i in mul.input if i in consts).reshape(-1)[0])
    c = float(next(consts[i] for i in add.input if i in consts).reshape(-1)[0])
    return k, c


def _conv(x, w, b, attrs):
    """direct conv2d in numpy (small layers only)."""
    pads = list(attrs.get("pads", [0, 0, 0, 0]))
    s0, s1 = attrs.get("strides", [1, 1])
    groups = attrs.get("group", 1)
    xp = np.pad(x, ((0, 0), (0, 0), (pads[0], pads[2]), (pads[1], pads[3])))
    cout, cin_g, kh, kw = w.shape
    oh, ow = (xp.shape[2] - kh) // s0 + 1, (xp.shape[3] - kw) // s1 + 1
    y = np.zeros((x.shape[0], cout, oh, ow)) + b.reshape(1, -1, 1, 1)
    og = cout // groups
    for i in range(kh):
        for j in range(kw):
            win = xp[:, :, i: i + s0 * (oh - 1) + 1: s0, j: j + s1 * (ow - 1) + 1: s1]
            for gi in range(groups):
                y[:, gi * og:(gi + 1) * og] += np.einsum("nchw,oc->nohw", win[:, gi * cin_g:(gi + 1) * cin_g],
                                                         w[gi * og:(gi + 1) * og, :, i, j])
    return y


def pairs(paths: list[str]) -> None:
    import onnx

    for p in paths:
        g = onnx.load(p, load_external_data=False).graph
        init = {i.name for i in g.initializer} | {n.output[0] for n in g.node if n.op_type == "Constant"}
        prod = {o: n for n in g.node for o in n.output}
        ncons = Counter(i for n in g.node for i in n.input)
        weighted = [n for n in g.node if n.op_type in ("Conv", "MatMul", "Gemm") and len(n.input) > 1 and n.input[1] in init]
        exact, other = 0, Counter()
        for c2 in weighted:
            t, acts = c2.input[0], []
            while t in prod and ncons[t] == 1 and len(acts) <= 6:
                n = prod[t]
                if n.op_type in ("Conv", "MatMul", "Gemm") and len(n.input) > 1 and n.input[1] in init:
                    break
                if n.op_type == "BatchNormalization" or (n.op_type in ("Mul", "Add", "Div", "Sub")
                                                         and any(i in init for i in n.input)):
                    t = n.input[0] if n.input[0] not in init else n.input[1]
                    continue
                acts.append(n.op_type)
                t = n.input[0]
            else:
                continue
            if t in prod and prod[t].op_type in ("Conv", "MatMul", "Gemm") and ncons[t] == 1:
                if set(acts) <= {"Relu", "LeakyRelu", "Identity"}:
                    exact += 1
                else:
                    other[tuple(sorted(set(acts)))] += 1
        print(json.dumps({"model": p, "weighted_layers": len(weighted), "exact_pairs": exact,
                          "pairs_through_other_ops": sum(other.values())}))


def equalize(model: str, out: str, clamp: float = 0.0) -> dict:
    """Cross-layer equalization (Nagel et al. 2019, section 4.1) where it is exact: a Conv (or MatMul) whose only
    consumer path to the next Conv (or MatMul) is an Add of a constant, Identity or Relu. Channel c of the tensor
    between them is divided by s_c = sqrt(r1_c / r2_c) (r1: the range of the first layer's output channel c, r2:
    that of the second layer's input channel c), the second layer's weights of that channel multiplied by it:
    both ranges become sqrt(r1 r2) and the outputs stay the same (checked by `eval`'s onnxruntime reference).
    `--clamp F` keeps s within [1/F, F]."""
    import onnx
    from onnx import numpy_helper

    m = onnx.load(model)
    g = m.graph
    consts = _consts(g)
    prod = {o: n for n in g.node for o in n.output}
    ncons = Counter(i for n in g.node for i in n.input)

    def weighted(n):
        return n.op_type in ("Conv", "MatMul") and len(n.input) > 1 and n.input[1] in consts

    def put(name, arr, node, idx):
        new = f"{name}_cle{idx}_{node.name}"
        g.initializer.append(numpy_helper.from_array(arr.astype(np.float32), new))
        consts[new] = arr
        return new

    done = []
    for c2 in [n for n in g.node if weighted(n)]:
        t, path = c2.input[0], []
        while t in prod and ncons[t] == 1 and len(path) <= 4:
            n = prod[t]
            if weighted(n):
                break
            if n.op_type in ("Identity", "Relu") or (n.op_type == "Add" and any(i in consts for i in n.input)):
                path.append(n)
                t = next(i for i in n.input if i not in consts)
                continue
            path = None
            break
        if not path and path != []:
            continue
        c1 = prod.get(t)
        if c1 is None or not weighted(c1) or ncons[t] != 1 or c1.op_type != c2.op_type:
            continue
        w1, w2 = consts[c1.input[1]].astype(np.float64), consts[c2.input[1]].astype(np.float64)
        if c1.op_type == "Conv":
            group = next((a.i for a in c2.attribute if a.name == "group"), 1)
            c = w1.shape[0]
            r1 = np.abs(w1.reshape(c, -1)).max(1)
            if group == 1:
                r2 = np.abs(np.moveaxis(w2, 1, 0).reshape(c, -1)).max(1)
            elif group == c and w2.shape[0] == c and w2.shape[1] == 1:
                r2 = np.abs(w2.reshape(c, -1)).max(1)
            else:
                continue
        else:
            c = w1.shape[1]
            r1, r2 = np.abs(w1).max(0), np.abs(w2).max(1)
        ok = (r1 > 0) & (r2 > 0)
        s = np.ones(c)
        s[ok] = np.sqrt(r1[ok] / r2[ok])
        if clamp:  # a dead channel (r1 ~ 0) would get s ~ 0 and its bias / s would set the tensor's int8 range
            s = np.clip(s, 1 / clamp, clamp)
        if c1.op_type == "Conv":
            w1n = w1 / s.reshape(-1, 1, 1, 1)
            w2n = w2 * (s.reshape(1, -1, 1, 1) if group == 1 else s.reshape(-1, 1, 1, 1))
        else:
            w1n, w2n = w1 / s.reshape(1, -1), w2 * s.reshape(-1, 1)
        c1.input[1] = put(c1.input[1], w1n, c1, 1)
        c2.input[1] = put(c2.input[1], w2n, c2, 2)
        if c1.op_type == "Conv" and len(c1.input) > 2 and c1.input[2]:
            c1.input[2] = put(c1.input[2], consts[c1.input[2]].astype(np.float64) / s, c1, 3)
        for n in path:
            if n.op_type == "Add":
                j = next(j for j, i in enumerate(n.input) if i in consts)
                v = consts[n.input[j]].astype(np.float64)
                shape = (1, -1, 1, 1) if c1.op_type == "Conv" else (-1,)
                full = np.broadcast_to(v.reshape(-1) if v.size == c else v.reshape(-1)[:1], (c,)) / s
                n.input[j] = put(n.input[j], full.reshape(shape), n, 4)
        done.append({"first": c1.name, "second": c2.name, "between": [n.op_type for n in path],
                     "scale_range": [float(s.min()), float(s.max())]})
    onnx.save(m, out)
    print(json.dumps({"pairs": done}))
    return {"pairs": done}


def main(argv: list[str]) -> int:
    cmd, a = argv[0], argv[1:]
    opt = {a[i]: a[i + 1] for i in range(len(a) - 1) if a[i].startswith("--") and a[i] not in ("--no-conv", "--no-mm")}
    pos = [x for i, x in enumerate(a) if not x.startswith("--") and not (i and a[i - 1] in opt)]
    if cmd == "weights":
        weights(pos[0], pos[1], pos[2], float(opt.get("--scale", 1.0)), "--no-conv" not in a, "--no-mm" not in a)
    elif cmd == "dumps":
        shapes = {k: [int(v) for v in s.split(",")] for k, s in (x.split("=") for x in pos[4:])}
        dumps(pos[0], pos[1], pos[2], [int(i) for i in pos[3].split(",")], shapes, opt.get("--target", "rk3588"))
    elif cmd == "empirical":
        rng = tuple(int(v) for v in pos[5].split(":")) if len(pos) > 5 else None
        empirical(pos[0], pos[1], Path(pos[2]), Path(pos[3]), float(pos[4]), rng)
    elif cmd == "eval":
        evaluate(pos[0], pos[1], Path(opt["--root"]) if "--root" in opt else None, opt.get("--target", "rk3588"))
    elif cmd == "check":
        check(Path(pos[0]), pos[1], pos[2])
    elif cmd == "equalize":
        equalize(pos[0], pos[1], float(opt.get("--clamp", 0)))
    elif cmd == "pairs":
        pairs(pos)
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
