from __future__ import annotations

from onnx import helper

from conftest import conv_weight, findings, init, make_model, shared_model


def _convs(cout: int, cout2: int = 32, depthwise: bool = False):
    nodes = [helper.make_node("Conv", ["x", "w1"], ["a"], pads=[1, 1, 1, 1], name="c1"),
             helper.make_node("Relu", ["a"], ["r"], name="relu")]
    inits = [init("w1", conv_weight(cout, 3))]
    if depthwise:
        nodes.append(helper.make_node("Conv", ["r", "w2"], ["y"], pads=[1, 1, 1, 1], group=cout, name="dw"))
        inits.append(init("w2", conv_weight(cout, 1)))
        out = ("y", [1, cout, 8, 8])
    else:
        nodes.append(helper.make_node("Conv", ["r", "w2"], ["y"], pads=[1, 1, 1, 1], name="c2"))
        inits.append(init("w2", conv_weight(cout2, cout)))
        out = ("y", [1, cout2, 8, 8])
    return make_model(nodes, [("x", [1, 3, 8, 8])], [out], inits)


def test_fires_on_real_odd_channel_unet_with_padded_count_and_waste():
    fs = findings(shared_model("seg_tiny_unet_odd_channels_op13.onnx"), select={"RKN901"})
    first = fs[0]
    assert first.location.node_name == "/e1/e1.0/Conv" and str(first.severity) == "info"
    assert "13 output channels pad to 16 (multiple of 16, 19% wasted) on rk3588 float16" in first.message
    assert first.data["channels"][0] == {"kind": "output channels", "channels": 13, "multiple": 16, "padded": 16,
                                         "wasted_fraction": 0.1875}
    assert any(f.location.op_type == "ConvTranspose" for f in fs)


def test_alignment_follows_target_and_dtype():
    m = _convs(13)
    fp = findings(m, select={"RKN901"}, target="rk3566")
    assert "13 output channels pad to 16 (multiple of 8" in fp[0].message  # Table 8-1 fp16 conv out 8
    i8 = findings(m, select={"RKN901"}, target="rk3588", dtype="int8")
    assert "13 output channels pad to 32 (multiple of 32, 59% wasted)" in i8[0].message  # Table 8-2 int8
    # RK2118 has no DDR table: C2 = 4 (Table 5-1)
    assert "pad to 16 (multiple of 4" in findings(m, select={"RKN901"}, target="rk2118")[0].message
    # the second conv reads 13 channels: conv-in multiple 32 on rk3588 fp16
    c2 = [f for f in findings(m, select={"RKN901"}) if f.location.node_name == "c2"]
    assert "13 input channels pad to 32" in c2[0].message
    assert not any(f.location.node_name == "relu" for f in findings(m, select={"RKN901"}))


def test_depthwise_uses_its_own_multiple():
    fs = [f for f in findings(_convs(48, depthwise=True), select={"RKN901"}) if f.location.node_name == "dw"]
    assert "depthwise Conv 'dw': 48 channels pad to 64 (multiple of 32, 25% wasted)" in fs[0].message


def test_silent_on_aligned_channels():
    assert findings(_convs(32), select={"RKN901"}) == []
