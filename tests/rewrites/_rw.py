"""Helpers for the rewrite tests: apply a rewrite, check the result with onnx.checker, and compare the
original and rewritten models in onnxruntime independently of rknnlint's own proof code."""
from __future__ import annotations

import numpy as np
import onnx

from rknnlint.rewrites import RewriteOptions, get_rewrite

ORT_NP = {"tensor(float)": np.float32, "tensor(float16)": np.float16, "tensor(double)": np.float64,
          "tensor(int64)": np.int64, "tensor(int32)": np.int32, "tensor(bool)": np.bool_}


def apply(name: str, model: onnx.ModelProto, check: bool = True, **opts):
    """Run one rewrite; the result must pass onnx.checker (full check) when it changed anything."""
    before = model.SerializeToString()
    res = get_rewrite(name).apply(model, RewriteOptions(**opts))
    assert model.SerializeToString() == before, "a rewrite must not modify its input model"
    if res.changed and check:
        onnx.checker.check_model(res.model, full_check=True)
    return res


def session(model: onnx.ModelProto):
    import onnxruntime as ort

    so = ort.SessionOptions()
    so.log_severity_level = 3
    return ort.InferenceSession(model.SerializeToString(), so, providers=["CPUExecutionProvider"])


def feeds(model: onnx.ModelProto, seed: int = 0, shapes: dict | None = None) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    out = {}
    for i in session(model).get_inputs():
        shape = (shapes or {}).get(i.name) or [d if isinstance(d, int) else 1 for d in i.shape]
        dt = ORT_NP[i.type]
        out[i.name] = rng.standard_normal(shape).astype(dt) if np.dtype(dt).kind == "f" else \
            rng.integers(0, 4, size=shape).astype(dt)
    return out


def run(model: onnx.ModelProto, feed: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    s = session(model)
    names = {i.name: i.type for i in s.get_inputs()}
    f = {k: v.astype(ORT_NP[names[k]]) for k, v in feed.items() if k in names}
    return dict(zip([o.name for o in s.get_outputs()], s.run(None, f)))


def assert_same(original: onnx.ModelProto, fixed: onnx.ModelProto, runs: int = 2, rtol: float = 1e-5,
                atol: float = 1e-6, shapes: dict | None = None) -> float:
    """Every original output equals the fixed model's output of the same name on seeded inputs; returns
    the max abs difference seen."""
    worst = 0.0
    for seed in range(runs):
        f = feeds(fixed, seed, shapes)
        a, b = run(original, f), run(fixed, f)
        for name, ref in a.items():
            assert name in b, f"output {name} missing"
            np.testing.assert_allclose(b[name].astype(np.float64), ref.astype(np.float64), rtol=rtol, atol=atol,
                                       err_msg=name)
            if ref.size:
                worst = max(worst, float(np.abs(b[name].astype(np.float64) - ref.astype(np.float64)).max()))
    return worst


def ops(model: onnx.ModelProto) -> list[str]:
    return [n.op_type for n in model.graph.node]


def max_rank(model: onnx.ModelProto) -> int:
    inferred = onnx.shape_inference.infer_shapes(model)
    g = inferred.graph
    ranks = [len(v.type.tensor_type.shape.dim) for v in list(g.value_info) + list(g.output) + list(g.input)
             if v.type.tensor_type.HasField("shape")]
    return max(ranks)


def tagged(model: onnx.ModelProto, rewrite: str) -> list[onnx.NodeProto]:
    from rknnlint.rewrites import tags_of

    return [n for n in model.graph.node if rewrite in tags_of(n)]
