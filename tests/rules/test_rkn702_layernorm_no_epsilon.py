from __future__ import annotations

import numpy as np
import pytest
from _toolkit_build import toolkit_build
from onnx import helper

from conftest import findings, init, make_model, save, shared_model


def _ln(eps: float | None):
    kw = {} if eps is None else {"epsilon": eps}
    nodes = [helper.make_node("MatMul", ["x", "w"], ["h"]),
             helper.make_node("LayerNormalization", ["h", "g", "b"], ["y"], axis=-1, name="ln", **kw)]
    inits = [init("w", np.random.default_rng(0).standard_normal((16, 16)).astype(np.float32)),
             init("g", np.ones(16, np.float32)), init("b", np.zeros(16, np.float32))]
    return make_model(nodes, [("x", [1, 8, 16])], [("y", [1, 8, 16])], inits, opset=17)


def test_fires_on_real_layernorm_without_epsilon():
    fs = findings(shared_model("misc_layernorm_noeps_op17.onnx"), select={"RKN702"})
    assert len(fs) == 1 and fs[0].location.op_type == "LayerNormalization"
    assert "_p_convert_layernorm_to_exnorm" in fs[0].message
    assert fs[0].fix == "layernorm-epsilon" and fs[0].fix_applicability == "safe"


def test_minimal_graphs():
    assert [f.location.node_name for f in findings(_ln(None), select={"RKN702"})] == ["ln"]
    assert findings(_ln(1e-5), select={"RKN702"}) == []
    assert findings(shared_model("seq_transformer_encoder_dynseq_op17.onnx"), select={"RKN702"}) == []


@pytest.mark.toolkit
def test_toolkit_crashes_without_epsilon_and_builds_with_it(tmp_path):
    rc, out = toolkit_build(save(_ln(None), tmp_path, "noeps.onnx"))
    assert rc in (1, 4) and "convert_layernorm_to_exnorm" in out
    rc, out = toolkit_build(save(_ln(1e-5), tmp_path, "eps.onnx"))
    assert rc == 0, out[-2000:]
