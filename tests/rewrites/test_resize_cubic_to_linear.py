"""resize-cubic-to-linear: the unsafe fallback; the numbers change, the proof says by how much."""
from __future__ import annotations

import numpy as np
import onnx
from _rw import apply, feeds, run

from conftest import shared_model
from rknnlint.rewrites import get_rewrite


def test_cubic_becomes_linear_and_numbers_move():
    m = onnx.load(shared_model("misc_resize_cubic_op13.onnx"))
    res = apply("resize-cubic-to-linear", m)
    r = next(n for n in res.model.graph.node if n.op_type == "Resize")
    attrs = {a.name: a for a in r.attribute}
    assert attrs["mode"].s == b"linear" and "cubic_coeff_a" not in attrs
    f = feeds(m)
    a, b = run(m, f)["y"].ravel(), run(res.model, f)["y"].ravel()
    assert not np.allclose(a, b, atol=1e-3)
    assert 0.9 < float(a @ b / (np.linalg.norm(a) * np.linalg.norm(b))) < 0.9999


def test_contract():
    rw = get_rewrite("resize-cubic-to-linear")
    assert rw.applicability.value == "unsafe" and rw.tolerance.approximate
    from rknnlint.rule import all_rules

    assert [f.name for f in all_rules()["RKN701"].fix.chain()] == ["resize-cubic-to-conv", "resize-cubic-to-linear"]
