"""rknnlint/variants.py names each probe model's node by its own variant, so measured placements apply to real nodes."""
from __future__ import annotations

import pytest

from rknnlint import probe
from rknnlint.graph import ModelView
from rknnlint.platforms import families
from rknnlint.variants import _MATCHERS, match

# probe variants whose model the matcher names by an equivalent, more general label
EQUIVALENT = {
    "Resize/nearest_sizes_32": "nearest_x2", "Resize/nearest_x2_opset11": "nearest_x2",
    "Resize/linear_sizes_24_align_corners": "linear_x2_align_corners",
    "Softmax/rank4_axis-1": "rank4_axis3", "Softmax/opset11_axis1": "rank4_axis1", "Softmax/attention_1x4x64x64": "rank4_axis3",
    "Pow/scalar": "exponent_1.5", "Pad/opset10_attr": "constant_hw1", "Pad/reflect_conv": "reflect_hw1",
}
# variants that stand for the op itself (no attribute makes them special): the op-level placement applies
OP_LEVEL = {"Where/mask_feature", "Where/mask_scalar"}


@pytest.mark.parametrize("case", probe.cases(sorted(_MATCHERS)), ids=lambda c: c.key)
def test_probe_model_matches_its_variant(case):
    view = ModelView(case.model)
    ref = next(r for r in view.nodes if r.name == "probe")
    names = match(view, ref)
    if case.key in OP_LEVEL:
        assert names == []
    else:
        assert case.variant in names or EQUIVALENT.get(case.key) in names, names


def test_measured_variants_load_with_their_source():
    p = families()["rk3588"]
    fact = p.variant("DepthToSpace", "CRD_b3")
    assert fact.placement == "cpu" and "probe variant DepthToSpace/CRD_b3" in fact.source
    assert p.variant("DepthToSpace", "no_such_variant") is None


def test_odd_attributes_give_no_variant():
    from onnx import helper

    m = helper.make_model(helper.make_graph([helper.make_node("AveragePool", ["x"], ["y"], kernel_shape=[3])], "g",
                                            [helper.make_tensor_value_info("x", 1, None)],
                                            [helper.make_tensor_value_info("y", 1, None)]))
    view = ModelView(m)
    assert match(view, view.nodes[0]) == ["rank3_pool1d"]
