from __future__ import annotations

from onnx import helper

from conftest import findings, make_model


def _dynconv(group: int = 1):
    cin_per_group = 4 // group
    return make_model([helper.make_node("Conv", ["x", "w"], ["y"], pads=[1, 1, 1, 1], group=group, name="dyn")],
                      [("x", [1, 4, 8, 8]), ("w", [4 if group > 1 else 8, cin_per_group, 3, 3])],
                      [("y", [1, 4 if group > 1 else 8, 8, 8])])


def test_fires_where_the_docs_do_not_support_dynamic_weights():
    fs = findings(_dynconv(), select={"RKN902"}, target="rk3566")
    assert [f.location.node_name for f in fs] == ["dyn"] and str(fs[0].severity) == "info"
    assert "only on RK3576/RK3588" in fs[0].message  # the families whose dynamic_weights fact is true and "built such convs on the NPU" in fs[0].message
    assert len(findings(_dynconv(), select={"RKN902"}, target="rv1106")) == 1


def test_grouped_dynamic_conv_on_rk3588():
    fs = findings(_dynconv(group=4), select={"RKN902"}, target="rk3588")
    assert len(fs) == 1 and "group=4" in fs[0].message


def test_silent_on_documented_case_and_static_weights():
    assert findings(_dynconv(), select={"RKN902"}, target="rk3588") == []
    assert findings(_dynconv(), select={"RKN902"}, target="rk3576") == []
    from conftest import shared_model

    assert findings(shared_model("seg_tiny_unet_odd_channels_op13.onnx"), select={"RKN902"}, target="rk3566") == []
