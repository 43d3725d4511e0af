"""Measure where static int8 hazards start to cost accuracy, with the real rknn-toolkit2 int8 build and its
simulator against onnxruntime fp32; writes rules/int8/hazards.yaml, which RKN420 and RKN421 read.

Three sweeps of small models built with onnx.helper (seeded Gaussian weights, 20 seeded N(0,1) calibration
samples, one further seeded sample compared), each for quantized_method layer and channel:

- weight-channel: one output channel of the middle Conv scaled by s, and the next Conv's matching input channel
  by 1/s, so the fp32 function is the same for every s: only quantization can change the output;
- weight-element: one weight of the middle Conv set to r times the tensor's robust std (an outlier inside one
  channel: per-channel quantization cannot isolate it), the next Conv's matching input channel scaled down so
  that the grown channel does not dominate the output (and with it the cosine);
- concat: Concat(Sigmoid(conv) * K, Sigmoid(conv)) for K = the range ratio; scored on the 0..1 part, which is
  what loses its resolution when both share one int8 scale.

The statistic each rule computes (rknnlint.int8_ranges) is recorded per model; the threshold written is the
smallest statistic whose build fell below the cosine target (0.99), per quantized_method.

    PYTHONPATH=$PWD .venv/bin/python calibration/int8_hazards.py --target rk3588 --out rules/int8/hazards.yaml
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from rknnlint.int8_ranges import weight_outlier_stats  # noqa: E402
from rknnlint.toolkit.runner import BuildJob, run_build  # noqa: E402
from rknnlint.toolkit.simulate import cosine  # noqa: E402

TARGET_COSINE = 0.99
SHAPE = [1, 16, 32, 32]


def _conv(name, x, w, out, pad=1):
    k = w.shape[-1]
    return helper.make_node("Conv", [x, name + "_w", name + "_b"], [out], name=name, kernel_shape=[k, k],
                            pads=[pad] * 4 if k > 1 else [0] * 4)


def _model(nodes, inits, outputs):
    g = helper.make_graph(nodes, "hazard", [helper.make_tensor_value_info("x", TensorProto.FLOAT, SHAPE)],
                          [helper.make_tensor_value_info(o, TensorProto.FLOAT, None) for o in outputs],
                          [numpy_helper.from_array(a, n) for n, a in inits.items()])
    m = helper.make_model(g, opset_imports=[helper.make_opsetid("", 13)])
    m.ir_version = 8
    return m


def weight_model(kind: str, factor: float, seed: int = 0) -> tuple[onnx.ModelProto, np.ndarray]:
    """x -> conv1 -> relu -> conv2 (the hazard) -> relu -> conv3 -> y; returns the model and conv2's weight."""
    rng = np.random.default_rng(seed)
    w1 = (rng.standard_normal((32, 16, 3, 3)) * np.sqrt(2 / 144)).astype(np.float32)
    w2 = (rng.standard_normal((32, 32, 3, 3)) * np.sqrt(2 / 288)).astype(np.float32)
    w3 = (rng.standard_normal((16, 32, 1, 1)) * np.sqrt(1 / 32)).astype(np.float32)
    c = 5
    if kind == "channel":
        w2[c] *= factor
        w3[:, c] /= factor
    elif kind == "element":
        robust = 1.4826 * np.median(np.abs(w2 - np.median(w2)))
        w2[c, 3, 1, 1] = factor * robust
        w3[:, c] /= max(1.0, factor / 4)  # channel c's activation grows with the outlier: keep it from dominating y
    inits = {"conv1_w": w1, "conv1_b": np.zeros(32, np.float32), "conv2_w": w2, "conv2_b": np.zeros(32, np.float32),
             "conv3_w": w3, "conv3_b": np.zeros(16, np.float32)}
    nodes = [_conv("conv1", "x", w1, "a1"), helper.make_node("Relu", ["a1"], ["r1"], name="relu1"),
             _conv("conv2", "r1", w2, "a2"), helper.make_node("Relu", ["a2"], ["r2"], name="relu2"),
             _conv("conv3", "r2", w3, "y")]
    return _model(nodes, inits, ["y"]), w2


def concat_model(ratio: float, seed: int = 0) -> onnx.ModelProto:
    """y = Concat(Sigmoid(conv_a(x)) * ratio, Sigmoid(conv_b(x))): channels 8..15 of y are the 0..1 part."""
    rng = np.random.default_rng(seed)
    wa = (rng.standard_normal((8, 16, 3, 3)) * np.sqrt(2 / 144)).astype(np.float32)
    wb = (rng.standard_normal((8, 16, 3, 3)) * np.sqrt(2 / 144)).astype(np.float32)
    inits = {"conv_a_w": wa, "conv_a_b": np.zeros(8, np.float32), "conv_b_w": wb, "conv_b_b": np.zeros(8, np.float32),
             "k": np.array(ratio, np.float32)}
    nodes = [_conv("conv_a", "x", wa, "a"), helper.make_node("Sigmoid", ["a"], ["sa"], name="sig_a"),
             helper.make_node("Mul", ["sa", "k"], ["big"], name="scale"),
             _conv("conv_b", "x", wb, "b"), helper.make_node("Sigmoid", ["b"], ["small"], name="sig_b"),
             helper.make_node("Concat", ["big", "small"], ["y"], name="concat", axis=1)]
    return _model(nodes, inits, ["y"])


def calibration_list(work: Path, n_calib: int, spike: float = 0.0) -> Path:
    """n_calib seeded N(0,1) samples; with `spike`, the first one holds that value at one pixel of every channel
    (an outlier sample: the kind of range explosion RKN824 looks for)."""
    folder = work / (f"spike{spike:g}" if spike else "plain")
    folder.mkdir(exist_ok=True)
    lines = []
    for k in range(n_calib):
        p = folder / f"calib{k}.npy"
        if not p.exists():
            a = np.random.default_rng(100 + k).standard_normal(SHAPE).astype(np.float32)
            if spike and k == 0:
                a[0, :, SHAPE[2] // 2, SHAPE[3] // 2] = spike
            np.save(p, a)
        lines.append(str(p))
    (folder / "dataset.txt").write_text("\n".join(lines) + "\n")
    return folder / "dataset.txt"


def activation_model(seed: int = 0) -> onnx.ModelProto:
    """x -> conv1 -> relu -> conv2 -> y (the spike of an outlier sample grows conv1's and relu's ranges)."""
    rng = np.random.default_rng(seed)
    w1 = (rng.standard_normal((32, 16, 3, 3)) * np.sqrt(2 / 144)).astype(np.float32)
    w2 = (rng.standard_normal((16, 32, 1, 1)) * np.sqrt(1 / 32)).astype(np.float32)
    inits = {"conv1_w": w1, "conv1_b": np.zeros(32, np.float32), "conv2_w": w2, "conv2_b": np.zeros(16, np.float32)}
    nodes = [_conv("conv1", "x", w1, "a1"), helper.make_node("Relu", ["a1"], ["r1"], name="relu1"),
             _conv("conv2", "r1", w2, "y")]
    return _model(nodes, inits, ["y"])


def build(model: onnx.ModelProto, work: Path, stem: str, method: str, target: str, n_calib: int,
          spike: float = 0.0) -> dict:
    """Build int8 with `method`, run the compare sample in the simulator; the reference and simulator outputs."""
    path = work / f"{stem}.onnx"
    onnx.save(model, path)
    dataset = calibration_list(work, n_calib, spike)
    feeds = work / "feed.npz"
    if not feeds.exists():
        np.savez(feeds, x=np.random.default_rng(7).standard_normal(SHAPE).astype(np.float32))
    job = BuildJob(model=str(path), target=target, dtype="int8", dataset=str(dataset), compare=True,
                   feeds=str(feeds), keep_outputs=True, config={"quantized_method": method})
    raw = run_build(job, timeout=600, write_log=False)
    if not raw.outputs:
        return {"status": str(raw.status), "error": (raw.result.get("exception") or raw.stderr[-300:])}
    return {"status": "built", "ref": raw.outputs["ref"][0], "sim": raw.outputs["sim"][0], "seconds": raw.seconds}


PLANS = {"weight-channel": (1, 2, 4, 8, 16, 32, 64, 128, 256), "weight-element": (4, 8, 16, 32, 64, 128, 256, 512),
         "concat": (1, 2, 4, 8, 16, 32, 64, 128, 256, 1024),
         "activation": (0, 16, 64, 128, 256, 512, 1024, 2048, 4096)}


def sweep(target: str, n_calib: int, log, kinds=tuple(PLANS)) -> list[dict]:
    from rknnlint.activation_ranges import collect

    rows = []
    work = Path(tempfile.mkdtemp(prefix="int8-hazards-"))
    plans = [(k, f) for k in kinds for f in PLANS[k]]
    for method in ("layer", "channel"):
        for kind, f in plans:
            if kind == "activation":  # the spike of one outlier sample; statistic: the widest activation's max/bulk
                m = activation_model()
                onnx.save(m, work / "activation.onnx")
                ds = calibration_list(work, n_calib, float(f))
                top = max(collect(work / "activation.onnx", ds), key=lambda a: a.ratio)
                stat = {"activation_ratio": round(top.ratio, 2), "tensor": top.tensor}
                r = build(m, work, f"{kind}-{f}", method, target, n_calib, spike=float(f))
                row = {"kind": kind, "factor": f, "method": method, **stat, "status": r["status"]}
                if r["status"] == "built":
                    ref, sim = np.asarray(r["ref"]), np.asarray(r["sim"]).reshape(np.asarray(r["ref"]).shape)
                    row["cosine"] = round(cosine(ref, sim), 6)
                else:
                    row["error"] = r.get("error", "")[:200]
                rows.append(row)
                log(json.dumps(row))
                continue
            if kind == "concat":
                m, stat = concat_model(f), {"range_ratio": float(f)}
            else:
                m, w = weight_model(kind.split("-")[1], f)
                s = weight_outlier_stats(w)
                stat = {"tensor_ratio": round(s.tensor_ratio, 2), "channel_ratio": round(s.channel_ratio, 2),
                        "norm_ratio": round(s.norm_ratio, 2), "channel": s.channel}
            r = build(m, work, f"{kind}-{f}", method, target, n_calib)
            row = {"kind": kind, "factor": f, "method": method, **stat, "status": r["status"]}
            if r["status"] == "built":
                ref, sim = np.asarray(r["ref"]), np.asarray(r["sim"]).reshape(np.asarray(r["ref"]).shape)
                row["cosine"] = round(cosine(ref, sim), 6)
                if kind == "concat":  # the 0..1 part: what a shared scale costs
                    row["small_cosine"] = round(cosine(ref[:, 8:], sim[:, 8:]), 6)
                    row["small_levels"] = int(len(np.unique(np.round(sim[:, 8:], 6))))
            else:
                row["error"] = r.get("error", "")[:200]
            rows.append(row)
            log(json.dumps(row))
    return rows


# the statistics recorded per kind (rknnlint.int8_ranges), and the score that judges a row
KINDS = {"weight-channel": (("tensor_ratio", "norm_ratio"), "cosine"),
         "weight-element": (("channel_ratio", "tensor_ratio", "norm_ratio"), "cosine"),
         "concat": (("range_ratio",), "small_cosine"),
         "activation": (("activation_ratio",), "cosine")}


def thresholds(rows: list[dict], passing: bool = False) -> dict:
    """Per method, kind and statistic: the smallest value whose output fell below the target cosine (None: never
    within the sweep); passing=True: the largest value below that one that still reached the target."""
    out: dict = {}
    for method in ("layer", "channel"):
        got: dict = {}
        for kind, (stats, score) in KINDS.items():
            mine = [r for r in rows if r["kind"] == kind and r["method"] == method and r.get(score) is not None]
            got[kind] = {}
            for stat in stats:
                bad = [r[stat] for r in mine if r[score] < TARGET_COSINE]
                first_bad = min(bad) if bad else None
                if passing:
                    good = [r[stat] for r in mine
                            if r[score] >= TARGET_COSINE and (first_bad is None or r[stat] < first_bad)]
                    got[kind][stat] = max(good) if good else None
                else:
                    got[kind][stat] = first_bad
        out[method] = got
    return out


def precision(paths: list[str], target: str = "rk3588") -> list[dict]:
    """RKN820 / RKN821 on real models, int8, for each quantized_method: how many findings each model gets."""
    from dataclasses import dataclass, field, replace

    from rknnlint.config import Config
    from rknnlint.context import build_context
    from rknnlint.graph import ModelView
    from rknnlint.loader import load_model
    from rknnlint.rule import all_rules

    @dataclass
    class Method:  # what the rules read of a source config: its quantization block
        quantization: dict = field(default_factory=dict)

    rules = [all_rules()[c]() for c in ("RKN820", "RKN821")]
    lint = build_context(Config(target=target, dtype="int8"))
    rows = []
    for p in paths:
        try:
            view = ModelView(load_model(p), Path(p))
        except Exception as e:  # noqa: BLE001 - an unreadable model is reported, not fatal
            rows.append({"model": Path(p).name, "error": str(e)[:120]})
            continue
        row: dict = {"model": Path(p).name}
        for method in ("channel", "layer"):
            ctx = replace(lint, source=Method({"method": method})).rule_context(view, *lint.targets[0])
            for r in rules:
                found = list(r.check(ctx))
                row[f"{r.code}_{method}"] = len(found)
                if found:
                    row.setdefault("examples", []).append(found[0].message[:160])
        rows.append(row)
    return rows


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--target", default="rk3588")
    ap.add_argument("--calib", type=int, default=20, help="calibration samples (default 20)")
    ap.add_argument("--out", default=None, help="write the YAML here (default: print)")
    ap.add_argument("--rows", default=None, help="also write every measured row as JSON lines here")
    ap.add_argument("--kinds", default=",".join(PLANS), help=f"kinds to sweep (default: {','.join(PLANS)})")
    ap.add_argument("--merge", action="store_true",
                    help="with --out: keep the rows of the other kinds already in that file (and its command)")
    ap.add_argument("--precision", nargs="+", default=None, metavar="MODEL",
                    help="instead of the sweep: count RKN820/RKN821 findings on these models (int8, each method)")
    args = ap.parse_args(argv)
    if args.precision:
        for row in precision(args.precision, args.target):
            print(json.dumps(row))
        return 0
    t0 = time.monotonic()
    rows_f = open(args.rows, "w") if args.rows else None

    def log(line):
        print(line, file=sys.stderr, flush=True)
        if rows_f:
            rows_f.write(line + "\n")
            rows_f.flush()

    kinds = [k for k in args.kinds.split(",") if k]
    unknown = [k for k in kinds if k not in PLANS]
    if unknown:
        ap.error(f"unknown kind(s) {', '.join(unknown)} (known: {', '.join(PLANS)})")
    rows = sweep(args.target, args.calib, log, kinds)
    from importlib.metadata import version

    import yaml

    command = " ".join(["PYTHONPATH=$PWD .venv/bin/python calibration/int8_hazards.py"]
                       + (argv if argv is not None else sys.argv[1:]))
    source = "measured: " + command
    spent = (time.monotonic() - t0) / 60
    if args.merge and args.out and Path(args.out).is_file():
        old = yaml.safe_load(Path(args.out).read_text()) or {}
        rows = [r for r in old.get("rows", []) if r["kind"] not in kinds] + rows
        source = old.get("source", "measured:") + "; then " + command
        spent += float(old.get("minutes") or 0)
    doc = {"source": source,
           "toolkit": version("rknn-toolkit2"), "target": args.target, "calibration_samples": args.calib,
           "target_cosine": TARGET_COSINE, "minutes": round(spent, 1),
           "thresholds": thresholds(rows),
           "last_passing": thresholds(rows, passing=True), "rows": rows}

    text = yaml.safe_dump(doc, sort_keys=False, width=120)
    if args.out:
        Path(args.out).write_text(text)
    else:
        print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
