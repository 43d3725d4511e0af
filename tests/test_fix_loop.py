"""The fix loop: which rewrites run, rollback of a rewrite that breaks validation, non-convergence,
safer rewrites first, tags and metadata on the result."""
from __future__ import annotations

import numpy as np
import onnx
import pytest
from onnx import helper

from conftest import init, make_model, shared_model
from rknnlint.config import Config
from rknnlint.fix import FixRequest, fix_model, verify
from rknnlint.rewrites import Applicability, Rewrite, RewriteResult, Tolerance, register_rewrite
from rknnlint.rewrites._base import _REGISTRY, copy_model


@pytest.fixture
def test_rewrite():
    """Register throw-away rewrites for one test."""
    added = []

    def add(cls):
        register_rewrite(cls)
        added.append(cls.name)
        return cls

    yield add
    for name in added:
        _REGISTRY.pop(name, None)


def _ln_model():
    return onnx.load(shared_model("misc_layernorm_noeps_op17.onnx"))


def _names(outcome, status=None):
    return [s.rewrite for s in outcome.steps if status is None or s.status == status]


def test_safe_fix_applied_tagged_and_recorded():
    out = fix_model(_ln_model(), FixRequest())
    assert _names(out, "applied") == ["layernorm-epsilon"]
    assert out.steps[0].codes == ("RKN702",)
    ln = next(n for n in out.fixed.graph.node if n.op_type == "LayerNormalization")
    assert "rknnlint-fix: layernorm-epsilon (RKN702)" in ln.doc_string
    meta = {p.key: p.value for p in out.fixed.metadata_props}
    assert "layernorm-epsilon (RKN702)" in meta["rknnlint.fixes"]
    assert "RKN702" in {f.code for f in out.before} and "RKN702" not in {f.code for f in out.after}
    assert out.converged
    proof = verify(out, FixRequest())
    assert proof.ok and proof.max_abs == 0 and proof.bit_identical
    assert proof.runs == 1  # bit-identical on the first seeded set under the exact tolerance
    assert "on 1 input(s) (seeded), bit-identical" in proof.summary()
    assert verify(out, FixRequest(runs=2)).runs == 2  # --runs N is obeyed as given


def test_unsafe_fix_is_skipped_without_the_flag():
    m = onnx.load(shared_model("det_yolov8n_nc20_256_op12.onnx"))
    out = fix_model(m, FixRequest())
    step = next(s for s in out.steps if s.rewrite == "cut-head")
    assert step.status == "skipped" and "pass --unsafe-fixes" in step.notes[0]
    assert not out.changed and out.tail is None
    out = fix_model(m, FixRequest(unsafe=True))
    assert _names(out, "applied") == ["cut-head"] and out.tail is not None
    assert "RKN704" not in {f.code for f in out.after}


def test_the_exact_cubic_rewrite_comes_before_the_unsafe_one():
    m = onnx.load(shared_model("misc_resize_cubic_op13.onnx"))
    out = fix_model(m, FixRequest(unsafe=True))
    assert _names(out, "applied") == ["resize-cubic-to-conv"]
    assert "resize-cubic-to-linear" not in _names(out)
    assert out.tolerance == Tolerance()


def test_unsafe_fallback_when_the_exact_rewrite_does_not_apply():
    m = make_model([helper.make_node("Resize", ["x", "", "s"], ["y"], mode="cubic", name="up")],
                   [("x", [1, 2, 4, 4])], [("y", [1, 2, 6, 6])], [init("s", np.array([1, 1, 1.5, 1.5], np.float32))])
    out = fix_model(m, FixRequest())
    assert [(s.rewrite, s.status) for s in out.steps] == [("resize-cubic-to-conv", "unchanged"),
                                                          ("resize-cubic-to-linear", "skipped")]
    out = fix_model(m, FixRequest(unsafe=True))
    assert _names(out, "applied") == ["resize-cubic-to-linear"] and out.tolerance.approximate
    proof = verify(out, FixRequest())
    assert proof.ok and proof.summary().startswith("outputs changed by design")


def test_a_rewrite_that_breaks_validation_is_rolled_back(test_rewrite):
    @test_rewrite
    class Breaks(Rewrite):
        name = "test-breaks"
        applicability = Applicability.SAFE

        def apply(self, model, options):
            out = copy_model(model)
            out.graph.node[0].input[0] = "no_such_tensor"
            return RewriteResult(out, True, ["broke it"])

    m = _ln_model()
    out = fix_model(m, FixRequest(rewrites=("test-breaks",)))
    step = next(s for s in out.steps if s.rewrite == "test-breaks")
    assert step.status == "rolled-back" and step.notes[0].startswith("onnx.checker:")
    assert _names(out, "applied") == ["layernorm-epsilon"]
    assert all(i != "no_such_tensor" for n in out.fixed.graph.node for i in n.input)


def test_non_convergence_is_reported(test_rewrite, monkeypatch):
    @test_rewrite
    class Churn(Rewrite):
        """Changes the model every time without fixing anything."""

        name = "test-churn"
        applicability = Applicability.SAFE

        def apply(self, model, options):
            out = copy_model(model)
            out.graph.node[0].doc_string += "x"
            return RewriteResult(out, True, ["churned"])

    from rknnlint.checks.crashes.rkn702_layernorm_no_epsilon import LayerNormNoEpsilon
    from rknnlint.rule import Fix

    monkeypatch.setattr(LayerNormNoEpsilon, "fix", Fix(Churn))
    out = fix_model(_ln_model(), FixRequest(max_rounds=3))
    assert not out.converged and out.rounds == 3
    assert _names(out, "applied") == ["test-churn"] * 3


def _scaled_by(factor):
    class Scales(Rewrite):
        name = "test-scales"
        applicability = Applicability.SAFE

        def apply(self, model, options):
            out = copy_model(model)
            y = out.graph.output[0].name
            for n in out.graph.node:
                for k, o in enumerate(n.output):
                    if o == y:
                        n.output[k] = "pre"
            out.graph.initializer.append(onnx.numpy_helper.from_array(np.array(factor, np.float32), "f"))
            out.graph.node.append(helper.make_node("Mul", ["pre", "f"], [y]))
            return RewriteResult(out, True, ["scaled"])

    return Scales


def test_proof_failure_names_the_output(test_rewrite):
    test_rewrite(_scaled_by(2.0))
    m = make_model([helper.make_node("Relu", ["x"], ["y"])], [("x", [1, 8])], [("y", [1, 8])])
    out = fix_model(m, FixRequest(rewrites=("test-scales",)))
    proof = verify(out, FixRequest())
    assert not proof.ok and proof.outputs[0].name == "y"
    assert "values outside rtol 0.0001, atol 1e-05" in proof.outputs[0].why


def test_selection_limits_what_is_fixed():
    m = onnx.load(shared_model("det_tiny_topk_nms_op11.onnx"))
    out = fix_model(m, FixRequest(config=Config(ignore=("RKN201",)), unsafe=True))
    assert "convert-opset" not in _names(out)
    assert _names(out, "applied") == ["cut-head"]


def test_nothing_to_fix():
    m = onnx.load(shared_model("seq_gru2x96_op12.onnx"))
    out = fix_model(m, FixRequest())
    assert not out.changed and out.converged and verify(out, FixRequest()) is None


def test_proof_runs_every_set_when_not_bit_identical(test_rewrite):
    test_rewrite(_scaled_by(np.nextafter(np.float32(1), np.float32(2))))  # one ulp: inside the tolerance
    m = make_model([helper.make_node("Relu", ["x"], ["y"])], [("x", [1, 64])], [("y", [1, 64])])
    out = fix_model(m, FixRequest(rewrites=("test-scales",)))
    proof = verify(out, FixRequest())
    assert proof.ok and not proof.bit_identical and proof.runs == 2
    assert 0 < proof.max_abs < 1e-5
    assert "max abs err" in proof.summary() and "bit-identical" not in proof.summary()


def test_a_mismatch_runs_every_set_and_fails():
    from rknnlint.fix._proof import prove

    x = helper.make_tensor_value_info("x", onnx.TensorProto.FLOAT, [1, 4])
    y = helper.make_tensor_value_info("y", onnx.TensorProto.FLOAT, [1, 4])
    a = make_model([helper.make_node("Relu", ["x"], ["y"])], [x], [y])
    b = make_model([helper.make_node("Abs", ["x"], ["y"])], [x], [y])
    proof = prove(a, b, None, runs=None)
    assert not proof.ok and proof.runs == 2 and not proof.bit_identical
    assert "outputs differ on 2 input(s)" in proof.summary()


def test_the_proof_started_during_the_recheck_is_used_only_for_the_same_request():
    out = fix_model(_ln_model(), FixRequest())
    spec = out.speculative
    assert spec is not None and spec.fixed is out.fixed  # started before the re-check, on the model that was kept
    proof = verify(out, FixRequest())
    assert out.speculative is None and proof is spec.future.result() and proof.ok and proof.runs == 1
    out = fix_model(_ln_model(), FixRequest())
    assert verify(out, FixRequest(runs=3)).runs == 3  # another request: proven again, not the speculation
    out = fix_model(_ln_model(), FixRequest(verify=False))
    assert out.speculative is None
