"""Child process of `rknnlint probe`: build one model with rknn-toolkit2, run it in the simulator, compare with
onnxruntime. Run as `python -m rknnlint.probe._child WORKDIR TARGET QUANT`; WORKDIR holds model.onnx and
in<i>.npy; writes result.json there. The native compiler's layer table goes to this process's stdout."""
from __future__ import annotations

import json
import sys
from pathlib import Path


def _compare(ref, got, quant: bool) -> dict:
    import numpy as np

    ref = np.asarray(ref)
    got = np.asarray(got)
    if ref.size != got.size:
        return {"match": False, "why": f"shape {list(got.shape)} vs onnxruntime {list(ref.shape)}"}
    if ref.size == 0:
        return {"match": True}
    r = ref.astype(np.float64).reshape(-1)
    g = got.astype(np.float64).reshape(-1)
    if ref.dtype == bool or np.issubdtype(ref.dtype, np.integer):
        agree = float(np.mean(r == np.round(g)))
        return {"match": agree >= 0.99, "agree": round(agree, 4)}
    finite = np.isfinite(r)
    if not np.array_equal(finite, np.isfinite(g)):
        return {"match": False, "why": "non-finite values differ"}
    r, g = r[finite], g[finite]
    if r.size == 0:
        return {"match": True}
    scale = max(float(np.max(np.abs(r))), 1e-6)
    err = float(np.max(np.abs(r - g))) / scale
    denom = float(np.linalg.norm(r) * np.linalg.norm(g))
    cos = float(np.dot(r, g) / denom) if denom > 0 else (1.0 if np.allclose(r, g) else 0.0)
    ok = cos >= 0.98 if quant else (err <= 0.02 or cos >= 0.9999)
    return {"match": bool(ok), "cos": round(cos, 5), "rel_err": round(err, 5)}


def main(argv: list[str]) -> int:
    work, target, quant = Path(argv[0]), argv[1], argv[2] == "1"
    res: dict = {"stage": "import"}
    out = work / "result.json"

    def save() -> None:
        out.write_text(json.dumps(res))

    save()
    import numpy as np
    from rknn.api import RKNN

    feeds = [np.load(p, allow_pickle=False) for p in sorted(work.glob("in*.npy"), key=lambda p: int(p.stem[2:]))]
    rknn = RKNN(verbose=True)
    try:
        res["stage"] = "config"
        save()
        rknn.config(target_platform=target)
        res["stage"] = "load"
        save()
        ret = rknn.load_onnx(model=str(work / "model.onnx"))
        if ret != 0:
            res.update(ok=False, rc=ret)
            save()
            return 0
        res["stage"] = "build"
        save()
        kw = {}
        if quant:
            lines = " ".join(str(p) for p in sorted(work.glob("in*.npy"), key=lambda p: int(p.stem[2:])))
            (work / "dataset.txt").write_text(lines + "\n")
            kw["dataset"] = str(work / "dataset.txt")
        ret = rknn.build(do_quantization=quant, **kw)
        if ret != 0:
            res.update(ok=False, rc=ret)
            save()
            return 0
        res.update(stage="built", ok=True)
        save()
        if not feeds or any(f.dtype.kind not in "fiub" for f in feeds):
            return 0
        res["stage"] = "simulate"
        save()
        if rknn.init_runtime() != 0:
            res["sim"] = {"ran": False, "why": "init_runtime failed"}
            save()
            return 0
        fmt = "nchw" if all(f.ndim == 4 for f in feeds) else None
        outs = rknn.inference(inputs=feeds, data_format=fmt)
        if outs is None:
            res["sim"] = {"ran": False, "why": "inference returned None"}
            save()
            return 0
        import onnxruntime as ort

        sess = ort.InferenceSession(str(work / "model.onnx"), providers=["CPUExecutionProvider"])
        ref = sess.run(None, {i.name: f for i, f in zip(sess.get_inputs(), feeds)})
        cmp = [_compare(r, o, quant) for r, o in zip(ref, outs)]
        res["sim"] = {"ran": True, "match": all(c["match"] for c in cmp), "outputs": cmp}
        res["stage"] = "done"
        save()
    except Exception as e:  # the toolkit raises on many unsupported models; record, don't lose
        res.update(ok=res.get("ok", False) if res["stage"] in ("simulate",) else False,
                   exception=f"{type(e).__name__}: {str(e).strip().splitlines()[-1] if str(e).strip() else ''}")
        if res["stage"] == "simulate":
            res["sim"] = {"ran": False, "why": res.pop("exception")}
        save()
    finally:
        try:
            rknn.release()
        except Exception:
            pass
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
