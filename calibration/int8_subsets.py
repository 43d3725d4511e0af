"""Hand-picked fp16 layer sets on the real pretrained models of calibration/int8_hybrid.py: where their int8
accuracy goes, when the automatic search (`rknnlint build --int8-accuracy`) does not reach 0.99. Each command is
one toolkit run through rknnlint's own runner (toolkit/hybrid.py's run_trial), on the data int8_hybrid.py made
under ROOT/runs/rk3588/NAME/data; results go to DIR/NAME-ALGO/ (base.json, trials.jsonl) and are collected
into calibration/results/int8-subsets-rk3588.json by `collect`.

    python calibration/int8_subsets.py prep NAME ALGO DIR         # plain int8 (+analysis) and hybrid step 1
    python calibration/int8_subsets.py trial NAME ALGO DIR TAG LIST.json   # LIST: tensors of the step-1 cfg
    python calibration/int8_subsets.py atrial NAME ALGO DIR TAG LIST.json  # trial + accuracy_analysis of that build
    python calibration/int8_subsets.py proxy NAME ALGO DIR OUT.json  # greedy set on an onnxruntime fake-quant model
    python calibration/int8_subsets.py propose NAME ALGO DIR      # step 1 with the toolkit's proposal, then that set
    python calibration/int8_subsets.py fp16 NAME DIR              # the fp16 build: the ceiling
    python calibration/int8_subsets.py clip NAME ALGO DIR PCT     # step 2 with activation ranges clipped (below)
    python calibration/int8_subsets.py collect DIR SETS.json OUT  # SETS.json: tag -> what the set is
    python calibration/int8_subsets.py ctc OUT.json               # PP-OCRv4 rec: what its int8 cosine means

Options before the command: `--target T` (default rk3588; the data of ROOT/runs/T/NAME/data), `--model PATH`
(another ONNX file of the same model, e.g. the OUT.rewritten.onnx the search wrote, whose tensors name its cfg's)
`--root DIR` (default /work/calib/pretrained: the x/x2 model folders and the runs int8_hybrid.py --root wrote)
and `--disable-rule PASS` (repeatable: a toolkit pass every build disables, as the search does after a known
crash: PP-OCRv5 rec's `fuse_exmatmul_add_mul_exsoftmax13_exmatmul_to_sdpa`).

Run with rknnlint's venv (it needs rknn-toolkit2) and PYTHONPATH at the repository."""
from __future__ import annotations

import json
import sys
from dataclasses import replace
from pathlib import Path

ROOT = Path("/work/calib/pretrained")
TARGET = "rk3588"
MODEL: str | None = None  # --model: another ONNX file of the model (the search's rewritten one)
DISABLE: list[str] = []  # --disable-rule: a toolkit pass disabled in every build (a known crash's workaround, RKN707)


def job_for(name: str, algo: str, dtype: str = "int8"):
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import int8_hybrid

    from rknnlint.toolkit.runner import BuildJob

    path, shapes, _maker = int8_hybrid.models(ROOT)[name]
    ds = ROOT / "runs" / TARGET / name / "data" / "dataset.txt"
    cfg = {} if algo == "normal" else {"quantized_algorithm": algo}
    if algo.startswith("w16a16i"):  # the whole model in 16-bit integers: the ceiling where no float build exists
        cfg = {"quantized_dtype": algo}
    return BuildJob(model=MODEL or str(path), target=TARGET, dtype=dtype, dataset=str(ds), input_shapes=shapes,
                    config=cfg, disable_rules=list(DISABLE))


def prep(name: str, algo: str, d: Path) -> None:
    from rknnlint.toolkit.runner import run_build

    job = job_for(name, algo)
    d.mkdir(parents=True, exist_ok=True)
    raw = run_build(replace(job, analyze=True, compare=True, compare_samples=4, export=str(d / "int8.rknn")),
                    timeout=1800, log_path=d / "int8.log")
    (d / "base.json").write_text(json.dumps({"compare": raw.result.get("compare"), "analysis": raw.result.get("analysis"),
                                             "status": str(raw.status), "seconds": raw.seconds}))
    raw1 = run_build(replace(job, hybrid={"step": 1, "dir": str(d)}), timeout=1800, log_path=d / "step1.log")
    (d / "files.json").write_text(json.dumps(raw1.result.get("hybrid_files")))


def trial(name: str, algo: str, d: Path, tag: str, tensors: list[str]) -> None:
    import yaml

    from rknnlint.toolkit.hybrid import run_trial

    files = json.loads((d / "files.json").read_text())
    cfg = yaml.safe_load(Path(files["quantization.cfg"]).read_text())
    t = run_trial(job_for(name, algo), files, cfg, tensors, d / f"t-{tag}", 4, 1800, d / f"t-{tag}.log")
    with open(d / "trials.jsonl", "a") as f:
        f.write(json.dumps({"tag": tag, "n": len(tensors), "tensors": tensors, "cos": t.cosines, "status": t.status,
                            "error": t.error}) + "\n")


def atrial(name: str, algo: str, d: Path, tag: str, tensors: list[str]) -> None:
    """A trial whose hybrid build also runs accuracy_analysis (simulator, on the sample that agreed least):
    where the error accumulates once these layers are in fp16, against base.json's plain analysis. Writes
    a-TAG.json (compare, analysis) and a line to trials.jsonl."""
    import yaml

    from rknnlint.toolkit.hybrid import keep_dtype
    from rknnlint.toolkit.runner import run_build

    files = json.loads((d / "files.json").read_text())
    cfg = yaml.safe_load(Path(files["quantization.cfg"]).read_text())
    job = job_for(name, algo)
    cfg["custom_quantize_layers"] = {t: keep_dtype(job.target) for t in tensors}
    p = d / f"a-{tag}.quantization.cfg"
    p.write_text(yaml.safe_dump(cfg, sort_keys=False))
    raw = run_build(replace(job, analyze=True, compare=True, compare_samples=4, export=str(d / f"a-{tag}.rknn"),
                            hybrid={"step": 2, "model": files["model"], "data": files["data"], "cfg": str(p)}),
                    timeout=1800, log_path=d / f"a-{tag}.log")
    cmp = raw.result.get("compare") or {}
    (d / f"a-{tag}.json").write_text(json.dumps({"compare": cmp, "analysis": raw.result.get("analysis"),
                                                 "status": str(raw.status), "seconds": raw.seconds}))
    with open(d / "trials.jsonl", "a") as f:
        f.write(json.dumps({"tag": tag, "n": len(tensors), "tensors": tensors, "status": str(raw.status),
                            "cos": {o["output"]: o.get("cosine") for o in cmp.get("outputs", [])}, "error": ""}) + "\n")


def _fake_quant(model_path: str, shapes: dict, params: dict):
    """The ONNX model with every int8 activation of the step-1 cfg fake-quantized (QuantizeLinear /
    DequantizeLinear with the cfg's own scale and zero point) behind a switch input per tensor (1: int8, 0:
    float); a cfg tensor the toolkit made (`-rs`, `_mm_tp_sw`) names the ONNX tensor that is its longest prefix.
    Returns (model, cfg name -> ONNX tensor, ONNX tensor -> switch input)."""
    import numpy as np
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    m = onnx.load(model_path)
    g = m.graph
    for i in g.input:
        for dim, v in zip(i.type.tensor_type.shape.dim, shapes.get(i.name, [])):
            dim.ClearField("dim_param")
            dim.dim_value = v
    prod = {o: k for k, n in enumerate(g.node) for o in n.output}
    longest = sorted(prod, key=len, reverse=True)
    tmap = {}
    for k, v in params.items():
        if str(v.get("dtype")) == "int8" and len(v.get("scale") or []) == 1:
            t = k if k in prod else next((n for n in longest if k.startswith(n)), None)
            if t:
                tmap[k] = t
    sw: dict[str, str] = {}
    after: dict[int, list] = {}
    for k, t in tmap.items():
        if t in sw:
            continue
        s = sw[t] = f"__fq{len(sw)}"
        node = g.node[prod[t]]
        node.output[list(node.output).index(t)] = s + "_x"
        g.initializer.extend([numpy_helper.from_array(np.array(params[k]["scale"][0], np.float32), s + "_s"),
                              numpy_helper.from_array(np.array(params[k]["zero_point"][0], np.int8), s + "_z")])
        g.input.append(helper.make_tensor_value_info(s, TensorProto.FLOAT, []))
        after.setdefault(prod[t], []).extend([
            helper.make_node("QuantizeLinear", [s + "_x", s + "_s", s + "_z"], [s + "_q"]),
            helper.make_node("DequantizeLinear", [s + "_q", s + "_s", s + "_z"], [s + "_dq"]),
            helper.make_node("Sub", [s + "_dq", s + "_x"], [s + "_d"]),
            helper.make_node("Mul", [s + "_d", s], [s + "_m"]),
            helper.make_node("Add", [s + "_x", s + "_m"], [t])])
    nodes = [x for k, n in enumerate(g.node) for x in [n, *after.get(k, [])]]
    del g.node[:]
    g.node.extend(nodes)
    del g.value_info[:]
    return m, tmap, sw


def proxy(name: str, algo: str, d: Path, out: Path) -> None:
    """Greedy fp16 set on an onnxruntime fake-quant model (_fake_quant) instead of toolkit builds: from no
    float tensor, add the one that raises the worst output cosine (first 4 calibration samples, against the
    model with every switch off) most, up to 15% of the cfg's layers. Writes the set and the proxy's figures
    (plain, each step) to OUT; `trial` then builds the set with the toolkit."""
    import numpy as np
    import onnxruntime as ort
    import yaml

    from rknnlint.toolkit.analysis import from_result
    from rknnlint.toolkit.hybrid import input_cast, quantized_layers, read_graph

    job = job_for(name, algo)
    files = json.loads((d / "files.json").read_text())
    cfg = yaml.safe_load(Path(files["quantization.cfg"]).read_text())
    an = from_result({"analysis": json.loads((d / "base.json").read_text())["analysis"]}, "none.onnx")
    layers = quantized_layers(cfg, an)
    graph = read_graph(files["model"])
    cands = [t for r in sorted(an.rows, key=lambda r: r.order) if not input_cast(r, graph) for t in r.tensors
             if t in set(layers)]
    m, tmap, sw = _fake_quant(job.model, job.input_shapes, cfg["quantize_parameters"])
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = 1
    sess = ort.InferenceSession(m.SerializeToString(), opts, providers=["CPUExecutionProvider"])
    names = [i.name for i in sess.get_inputs() if i.name not in set(sw.values())]
    ds = Path(job.dataset)
    samples = [[np.load(ds.parent / f) for f in ln.split()] for ln in ds.read_text().splitlines()[:4] if ln.strip()]

    def run(x, floats):
        return sess.run(None, {**dict(zip(names, x)),
                               **{s: np.array(0.0 if t in floats else 1.0, np.float32) for t, s in sw.items()}})

    ref = [run(x, set(sw)) for x in samples]

    def worst(fp16):
        floats = {tmap[k] for k in fp16 if k in tmap}
        cs = []
        for x, r in zip(samples, ref):
            for a, b in zip(r, run(x, floats)):
                a, b = a.ravel().astype(np.float64), b.ravel().astype(np.float64)
                cs.append(float(a @ b / (np.linalg.norm(a) * np.linalg.norm(b) + 1e-30)))
        return min(cs)

    cands = [c for c in cands if c in tmap]
    chosen, steps = [], []
    plain = worst([])
    while len(chosen) < max(1, int(0.15 * len(layers))):
        c = max((c for c in cands if c not in chosen), key=lambda c: worst(chosen + [c]))
        chosen.append(c)
        steps.append(round(worst(chosen), 6))
    out.write_text(json.dumps({"model": name, "proxy_plain": round(plain, 6), "steps": steps, "tensors": chosen,
                               "command": "python calibration/int8_subsets.py proxy " + " ".join(sys.argv[2:])},
                              indent=1) + "\n")


def propose(name: str, algo: str, d: Path) -> None:
    """hybrid_quantization_step1(proposal=True): the layers the toolkit itself proposes for fp16 (its
    custom_quantize_layers), then a step 2 with exactly that set (on prep's step-1 files, so the trial is
    comparable with the others); the trial's tag is 'proposal'."""
    import yaml

    from rknnlint.toolkit.runner import run_build

    p = d / "proposal"
    p.mkdir(parents=True, exist_ok=True)
    raw = run_build(replace(job_for(name, algo), hybrid={"step": 1, "dir": str(p), "proposal": True}), timeout=3600,
                    log_path=d / "proposal.log")
    files = raw.result.get("hybrid_files") or {}
    if not files:
        with open(d / "trials.jsonl", "a") as f:
            f.write(json.dumps({"tag": "proposal", "n": 0, "tensors": [], "cos": {}, "status": str(raw.status),
                                "error": f"step 1 with proposal: {raw.status}", "seconds": raw.seconds}) + "\n")
        return
    cfg = yaml.safe_load(Path(files["quantization.cfg"]).read_text()) or {}
    tensors = list((cfg.get("custom_quantize_layers") or {}).keys())
    (d / "proposal.json").write_text(json.dumps({"tensors": tensors, "seconds": raw.seconds}))
    trial(name, algo, d, "proposal", tensors)


PCTS = (0.001, 0.01, 0.1, 1.0)  # clip: the low percentiles measured (the high ones are 100 - these)


def clip(name: str, algo: str, d: Path, pct: float) -> None:
    """hybrid_quantization_step2 with no layer in fp16 but every per-tensor activation range of the step-1 cfg
    clipped to the [100 - PCT, PCT] percentiles of its fp32 values (onnxruntime on the calibration samples; a
    range is only narrowed). Step 2 takes edited min/max and derives the scale (an edited scale it refuses:
    "is not allowed to be modified"). The experiment behind docs/int8.md's "clipped ranges"."""
    import numpy as np
    import onnx
    import onnxruntime as ort
    import yaml

    from rknnlint.toolkit.hybrid import run_trial

    files = json.loads((d / "files.json").read_text())
    cfg = yaml.safe_load(Path(files["quantization.cfg"]).read_text())
    job = job_for(name, algo)
    m = onnx.load(job.model)
    names = {o for n in m.graph.node for o in n.output}
    params = cfg["quantize_parameters"]
    want = [k for k, v in params.items() if v.get("dtype") == "int8" and k in names and v.get("qmethod") == "layer"
            and len(v.get("min") or []) == 1]
    stats = d / "clip-stats.npz"
    if stats.is_file():
        st = dict(np.load(stats))
    else:
        del m.graph.output[:]
        for k in want:
            m.graph.output.append(onnx.helper.make_empty_tensor_value_info(k))
        sess = ort.InferenceSession(m.SerializeToString(), providers=["CPUExecutionProvider"])
        ds = Path(job.dataset)
        vals: dict = {k: [] for k in want}
        for line in ds.read_text().splitlines():
            if line.strip():
                feeds = [np.load(ds.parent / f) for f in line.split()]
                for k, o in zip(want, sess.run(want, {i.name: a for i, a in zip(sess.get_inputs(), feeds)})):
                    o = o.astype(np.float32).ravel()
                    vals[k].append(o[:: o.size // 2_000_000 + 1] if o.size > 2_000_000 else o)
        qs = list(PCTS) + [100 - p for p in PCTS]
        st = {k: np.percentile(np.concatenate(vals[k]), qs) for k in want}
        np.savez(stats, **st)
    i = PCTS.index(round(100 - pct, 3))
    n = 0
    for k in want:
        lo, hi = float(min(st[k][i], 0.0)), float(st[k][len(PCTS) + i])
        v = params[k]
        lo = 0.0 if v["min"][0] >= 0 else max(lo, v["min"][0])
        hi = min(hi, v["max"][0])
        if hi > lo and (hi < v["max"][0] or lo > v["min"][0]):
            v["min"], v["max"] = [lo], [hi]
            n += 1
    tag = f"clip{pct:g}"
    t = run_trial(job, files, cfg, [], d / f"t-{tag}", 4, 1800, d / f"t-{tag}.log")
    with open(d / "trials.jsonl", "a") as f:
        f.write(json.dumps({"tag": tag, "n": 0, "tensors": [], "clipped": n, "cos": t.cosines, "status": t.status,
                            "error": t.error}) + "\n")


def fp16(name: str, d: Path) -> None:
    from rknnlint.toolkit.runner import run_build

    d.mkdir(parents=True, exist_ok=True)
    raw = run_build(replace(job_for(name, "normal", "fp16"), compare=True, compare_samples=4), timeout=1800,
                    log_path=d / "fp16.log")
    (d / "base.json").write_text(json.dumps({"compare": raw.result.get("compare"), "status": str(raw.status),
                                             "seconds": raw.seconds}))


def collect(root: Path, sets: dict, out: Path) -> None:
    """One JSON: per model and algorithm the plain int8 (or fp16) cosines, the layers the cfg can move, and
    every trial: what the set is, how many tensors, each output's cosine."""
    import yaml

    res: dict = {}
    for d in sorted(p for p in root.iterdir() if p.is_dir() and (p / "base.json").is_file()):
        name, _, algo = d.name.rpartition("-")
        base = json.loads((d / "base.json").read_text())
        cos = {o["output"]: o.get("cosine") for o in (base.get("compare") or {}).get("outputs", [])}
        rec = {"build": "fp16" if algo == "fp16" else f"int8 {algo}", "seconds": round(base["seconds"], 1),
               "cosines": cos}
        if (d / "files.json").is_file() and json.loads((d / "files.json").read_text()):
            files = json.loads((d / "files.json").read_text())
            cfg = yaml.safe_load(Path(files["quantization.cfg"]).read_text()) or {}
            from rknnlint.toolkit.analysis import from_result
            from rknnlint.toolkit.hybrid import quantized_layers

            an = from_result({"analysis": base.get("analysis")}, "none.onnx") if base.get("analysis") else None
            rec["quantized_layers"] = len(quantized_layers(cfg, an))
        if (d / "trials.jsonl").is_file():
            rec["trials"] = []
            for line in (d / "trials.jsonl").read_text().splitlines():
                t = json.loads(line)
                rec["trials"].append({"set": sets.get(name, {}).get(t["tag"], t["tag"]), "tag": t["tag"],
                                      "fp16_layers": t["n"], "cosines": t["cos"], "status": t["status"],
                                      "tensors": t["tensors"], **({"clipped": t["clipped"]} if "clipped" in t else {})})
        res.setdefault(name, {})[algo] = rec
    out.write_text(json.dumps(res, indent=1) + "\n")


def ctc(out: Path, name: str = "ppocrv4-rec") -> None:
    """PP-OCRv4 rec's plain int8 build (normal) in the simulator on all 12 samples against onnxruntime fp32: per
    sample the output cosine, the frames whose top class differs (fp32's and int8's top probability), fp32's
    smallest top-1 margin, and whether CTC greedy decoding (repeats merged, class 0 the blank) reads the same
    string. Runs the toolkit in this process (rknnlint's venv)."""
    import numpy as np
    import onnxruntime as ort
    from rknn.api import RKNN

    job = job_for(name, "normal")
    ds = Path(job.dataset)
    r = RKNN(verbose=False)
    r.config(target_platform=job.target)
    assert r.load_onnx(model=job.model, inputs=list(job.input_shapes),
                       input_size_list=[list(v) for v in job.input_shapes.values()]) == 0
    assert r.build(do_quantization=True, dataset=str(ds)) == 0 and r.init_runtime() == 0
    sess = ort.InferenceSession(job.model, providers=["CPUExecutionProvider"])

    def decode(p):
        a, prev, seq = p.argmax(-1), -1, []
        for c in a:
            if c != prev and c != 0:
                seq.append(int(c))
            prev = c
        return seq

    rows = []
    for k, line in enumerate(ln for ln in ds.read_text().splitlines() if ln.strip()):
        x = [np.load(ds.parent / f) for f in line.split()]
        ref = sess.run(None, {sess.get_inputs()[0].name: x[0]})[0][0]
        sim = np.asarray(r.inference(inputs=x, data_format="nchw")[0]).reshape(ref.shape)
        a, b = ref.ravel().astype(np.float64), sim.ravel().astype(np.float64)
        top = np.sort(ref, -1)
        flips = [{"frame": t, "fp32_class": int(ref[t].argmax()), "int8_class": int(sim[t].argmax()),
                  "fp32_top": round(float(ref[t].max()), 3), "int8_top": round(float(sim[t].max()), 3)}
                 for t in range(ref.shape[0]) if ref[t].argmax() != sim[t].argmax()]
        rows.append({"sample": k, "cosine": round(float(a @ b / np.linalg.norm(a) / np.linalg.norm(b)), 6),
                     "fp32_min_margin": round(float((top[:, -1] - top[:, -2]).min()), 3), "flipped_frames": flips,
                     "same_text": decode(ref) == decode(sim), "fp32_chars": len(decode(ref)), "int8_chars": len(decode(sim))})
    out.write_text(json.dumps({"model": name, "target": job.target, "build": "int8 normal (plain)",
                               "command": "python calibration/int8_subsets.py ctc " + str(out), "samples": rows},
                              indent=1) + "\n")


def main(argv: list[str]) -> int:
    global TARGET, MODEL, ROOT
    while argv and argv[0] in ("--target", "--model", "--root", "--disable-rule"):
        if argv[0] == "--disable-rule":
            DISABLE.append(argv[1])
        elif argv[0] == "--target":
            TARGET = argv[1]
        elif argv[0] == "--root":
            ROOT = Path(argv[1])
        else:
            MODEL = argv[1]
        argv = argv[2:]
    cmd = argv[0]
    if cmd == "prep":
        prep(argv[1], argv[2], Path(argv[3]) / f"{argv[1]}-{argv[2]}")
    elif cmd == "trial":
        trial(argv[1], argv[2], Path(argv[3]) / f"{argv[1]}-{argv[2]}", argv[4], json.loads(Path(argv[5]).read_text()))
    elif cmd == "atrial":
        atrial(argv[1], argv[2], Path(argv[3]) / f"{argv[1]}-{argv[2]}", argv[4], json.loads(Path(argv[5]).read_text()))
    elif cmd == "proxy":
        proxy(argv[1], argv[2], Path(argv[3]) / f"{argv[1]}-{argv[2]}", Path(argv[4]))
    elif cmd == "propose":
        propose(argv[1], argv[2], Path(argv[3]) / f"{argv[1]}-{argv[2]}")
    elif cmd == "clip":
        clip(argv[1], argv[2], Path(argv[3]) / f"{argv[1]}-{argv[2]}", float(argv[4]))
    elif cmd == "fp16":
        fp16(argv[1], Path(argv[2]) / f"{argv[1]}-fp16")
    elif cmd == "ctc":
        ctc(Path(argv[1]))
    elif cmd == "collect":
        collect(Path(argv[1]), json.loads(Path(argv[2]).read_text()), Path(argv[3]))
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
