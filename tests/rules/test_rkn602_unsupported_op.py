from __future__ import annotations

from onnx import helper

from conftest import findings, make_model, shared_model


def test_fires_on_minimal_bitshift():
    m = make_model([helper.make_node("BitShift", ["x", "x"], ["y"], direction="LEFT")],
                   [("x", [1, 3, 8, 8], 12)], [("y", [1, 3, 8, 8], 12)])
    fs = findings(m, select={"RKN602"})
    assert [f.location.op_type for f in fs] == ["BitShift"]
    assert str(fs[0].severity) == "error"


def test_silent_on_relu_and_real_model():
    m = make_model([helper.make_node("Relu", ["x"], ["y"])], [("x", [1, 3, 8, 8])], [("y", [1, 3, 8, 8])])
    assert findings(m, select={"RKN602"}) == []
    assert findings(shared_model("cls_shufflenet_v2_x1_0_op13.onnx"), select={"RKN602"}) == []


def test_fires_on_failing_probe_variant_scalar_gather_on_a_feature_map():
    import numpy as np

    from conftest import init

    w = init("w", np.ones((8, 3, 3, 3), np.float32))
    m = make_model([helper.make_node("Conv", ["x", "w"], ["f"], pads=[1, 1, 1, 1]),
                    helper.make_node("Gather", ["f", "i"], ["y"], name="pick", axis=1)],
                   [("x", [1, 3, 16, 16])], [("y", [1, 16, 16])], [w, init("i", np.array(2, np.int64))])
    fs = findings(m, select={"RKN602"})
    assert [f.location.node_name for f in fs] == ["pick"]
    assert fs[0].message.startswith("Gather node 'pick': the rknn-toolkit2 build fails on it for rk3588 "
                                    "(like the measured probe variant Gather/axis1_scalar")
    assert fs[0].data["variant"] == "axis1_scalar" and str(fs[0].severity) == "error"
    # qkv[0] of a rank-5 attention tensor builds fine: no finding
    qkv = make_model([helper.make_node("Gather", ["x", "i"], ["y"], name="q", axis=0)],
                     [("x", [3, 1, 4, 8, 16])], [("y", [1, 4, 8, 16])], [init("i", np.array(0, np.int64))])
    assert findings(qkv, select={"RKN602"}) == []


def test_scalar_gather_fails_only_on_a_conv_output_or_its_folded_affine():
    """The toolkit's failure is its Conv + Gather fusion (measured rk3588 fp16 2.3.2): behind a BatchNormalization or
    a constant Mul the Gather still fails, behind a Relu or on a computed map (GTCRN's spectrum) it builds."""
    import numpy as np

    from conftest import init

    def pick_after(op: str, *extra: str):
        inits = [init("w", np.ones((8, 3, 3, 3), np.float32)), init("i", np.array(2, np.int64)),
                 init("s", np.full((1, 8, 1, 1), 2.0, np.float32))]
        inits += [init(n, np.ones(8, np.float32)) for n in ("sc", "bi", "mu", "va")]
        return make_model([helper.make_node("Conv", ["x", "w"], ["f"], pads=[1, 1, 1, 1]),
                           helper.make_node(op, ["f", *extra], ["m"]),
                           helper.make_node("Gather", ["m", "i"], ["y"], name="pick", axis=1)],
                          [("x", [1, 3, 16, 16])], [("y", [1, 16, 16])], inits)

    assert [f.data["variant"] for f in findings(pick_after("Mul", "s"), select={"RKN602"})] == ["axis1_scalar"]
    bn = pick_after("BatchNormalization", "sc", "bi", "mu", "va")
    assert [f.data["variant"] for f in findings(bn, select={"RKN602"})] == ["axis1_scalar"]
    assert findings(pick_after("Relu"), select={"RKN602"}) == []
    assert findings(pick_after("Add", "f"), select={"RKN602"}) == []


def test_variant_owned_by_another_rule_is_not_repeated():
    import numpy as np

    from conftest import init

    m = make_model([helper.make_node("Resize", ["x", "", "s"], ["y"], name="up", mode="cubic")],
                   [("x", [1, 8, 16, 16])], [("y", [1, 8, 32, 32])], [init("s", np.array([1, 1, 2, 2], np.float32))])
    assert findings(m, select={"RKN602"}) == []
    assert [f.code for f in findings(m, select={"RKN701"})] == ["RKN701"]
