"""The shared models whose as-exported rk3588 fp16 build fails: `rknnlint fix --unsafe-fixes` makes them
build with the real rknn-toolkit2 2.5.0, and the simulator's outputs (composed with the post-processing
tail after a head cut) agree with onnxruntime on the original model (cosine >= 0.999)."""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

import numpy as np
import onnx
import pytest

from conftest import run_cli, shared_model
from rknnlint.toolkit.simulate import cosine, simulate, with_tail

pytestmark = pytest.mark.toolkit

# model, extra fix arguments
FAILING = [
    ("cls_mnasnet0_5_op13_dynbatch.onnx", []),
    ("cls_squeezenet1_1_op21_dynamo.onnx", []),
    ("det_tiny_topk_nms_op11.onnx", []),
    ("det_yolov8n_nc20_256_op12.onnx", []),
    ("misc_layernorm_noeps_op17.onnx", []),
    ("misc_resize_cubic_op13.onnx", []),
    ("seq_transformer_encoder_dynseq_op17.onnx", ["--input-shape", "feats=1,50,128"]),
]

def _toolkit(model, feed=None, shapes=None, cwd=None):
    """(return code, simulator outputs): see rknnlint.toolkit.simulate.simulate."""
    pytest.importorskip("rknn.api")
    rc, outs, _ = simulate(model, feed, shapes=shapes, cwd=cwd)
    return rc, outs


@pytest.mark.parametrize("name, extra", FAILING, ids=[n for n, _ in FAILING])
def test_fixed_model_builds_and_agrees(tmp_path, name, extra):
    import onnxruntime as ort

    src = shared_model(name)
    shutil.copy(src, tmp_path / name)
    if src.with_name(src.name + ".data").exists():
        shutil.copy(src.with_name(src.name + ".data"), tmp_path / (src.name + ".data"))
    rc, _ = _toolkit(tmp_path / name, cwd=tmp_path)
    assert rc != 0, f"{name} builds as exported: not a failing model any more"

    fixed = tmp_path / "fixed.onnx"
    code, out, err = run_cli("fix", tmp_path / name, "--unsafe-fixes", "-o", fixed, *extra)
    assert code == 0, out + err
    m = onnx.load(fixed, load_external_data=False)
    rng = np.random.default_rng(0)
    feed = {i.name: rng.standard_normal([d.dim_value for d in i.type.tensor_type.shape.dim]).astype(np.float32)
            for i in m.graph.input}
    rc, sim = _toolkit(fixed, feed, cwd=tmp_path)
    assert rc == 0, f"the fixed {name} does not build (rc {rc})"

    got = dict(zip([o.name for o in m.graph.output], sim))
    tail_path = tmp_path / (name[:-5] + ".postprocess.onnx")
    if tail_path.exists():  # a head cut: the CPU tail runs after the NPU part
        got = with_tail(tail_path, got, feed)
    orig = ort.InferenceSession(str(tmp_path / name), providers=["CPUExecutionProvider"])
    ofeed = {i.name: feed[i.name].astype(np.float16 if i.type == "tensor(float16)" else np.float32)
             for i in orig.get_inputs()}
    ref = dict(zip([o.name for o in orig.get_outputs()], orig.run(None, ofeed)))
    for out_name, r in ref.items():
        g = np.asarray(got[out_name]).reshape(r.shape)
        if r.dtype.kind in "iu":
            np.testing.assert_array_equal(g, r, err_msg=out_name)
        elif np.abs(r).max() < 1e-3:
            # random-weight logits of ~1e-7 are below fp16 resolution: no build can match them in cosine.
            # Then the fixed build must compute what the toolkit computes for the original with the
            # input shape given to load_onnx (its own way to pin shapes).
            shapes = {i.name: [d.dim_value for d in i.type.tensor_type.shape.dim] for i in m.graph.input}
            rc, own = _toolkit(tmp_path / name, feed, shapes=shapes, cwd=tmp_path)
            assert rc == 0
            assert cosine(g, own[0]) >= 0.999, out_name
        else:
            assert cosine(g, r) >= 0.999, (out_name, cosine(g, r))


def _crash_graphs():
    sys.path.insert(0, str(Path(__file__).parent / "rewrites"))
    import _crash_graphs as cg

    return cg


# minimal graph -> rknnlint fix arguments that make it build
CRASHES = [("qkv_zero_bias", []), ("psa_attention", ["--rewrite", "attention-matmul-order"]),
           ("distill_head", ["--rewrite", "merge-parallel-gemm"]), ("lstm_layout0", ["--rewrite", "toolkit-workarounds"])]


@pytest.mark.parametrize("name, args", CRASHES, ids=[c[0] for c in CRASHES])
def test_exact_workarounds_make_crashing_patterns_build(tmp_path, name, args):
    """Each pattern crashes rknn-toolkit2 2.5.0 as exported; the exact rewrite makes it build and the simulator
    agrees with onnxruntime on the original."""
    import onnxruntime as ort

    m = getattr(_crash_graphs(), name)()
    src = tmp_path / f"{name}.onnx"
    onnx.save(m, src)
    rc, _ = _toolkit(src, cwd=tmp_path)
    assert rc != 0, f"{name} builds as it is: the pattern no longer crashes the toolkit"
    fixed = tmp_path / "fixed.onnx"
    code, out, err = run_cli("fix", src, "-o", fixed, *args)
    assert code == 0 and fixed.exists(), out + err
    rng = np.random.default_rng(0)
    feed = {i.name: rng.standard_normal([d.dim_value for d in i.type.tensor_type.shape.dim]).astype(np.float32)
            for i in m.graph.input}
    rc, sim = _toolkit(fixed, feed, cwd=tmp_path)
    assert rc == 0, f"the fixed {name} does not build (rc {rc})"
    ref = ort.InferenceSession(str(src), providers=["CPUExecutionProvider"]).run(None, feed)
    for r, g in zip(ref, sim):
        assert cosine(g.reshape(r.shape), r) >= 0.999
