from __future__ import annotations

from onnx import helper

from conftest import findings, make_model, shared_model


def test_fires_on_minimal_argmax():
    m = make_model([helper.make_node("ArgMax", ["x"], ["y"], axis=1, keepdims=1)],
                   [("x", [1, 3, 8, 8])], [("y", [1, 1, 8, 8])])
    fs = findings(m, select={"RKN601"})
    assert len(fs) == 1
    assert "ArgMax" in fs[0].message and "runs on the CPU on rk3588" in fs[0].message
    assert str(fs[0].severity) == "warning"


def test_silent_on_relu():
    m = make_model([helper.make_node("Relu", ["x"], ["y"])], [("x", [1, 3, 8, 8])], [("y", [1, 3, 8, 8])])
    assert findings(m, select={"RKN601"}) == []


def test_real_model_runs():
    fs = findings(shared_model("cls_shufflenet_v2_x1_0_op13.onnx"), select={"RKN601"})
    assert all(f.code == "RKN601" for f in fs)


def test_fires_on_real_unet_align_corners_resize():
    fs = findings(shared_model("seg_tiny_unet_odd_channels_op13.onnx"), select={"RKN601"})
    assert [f.location.op_type for f in fs] == ["Resize"]


def test_silent_on_gelu_erf_and_folded_equal_in_real_vit():
    assert findings(shared_model("cls_tiny_vit_5d_op14.onnx"), select={"RKN601"}) == []


def test_fires_on_standalone_erf():
    m = make_model([helper.make_node("Erf", ["x"], ["y"])], [("x", [1, 3, 8, 8])], [("y", [1, 3, 8, 8])])
    assert [f.location.op_type for f in findings(m, select={"RKN601"})] == ["Erf"]


def test_fires_on_conv_transpose_stride_3_not_2():
    import numpy as np
    from onnx import numpy_helper
    w = numpy_helper.from_array(np.ones((4, 4, 3, 3), np.float32), "w")
    for stride, expect in ((3, ["ConvTranspose"]), (2, [])):
        m = make_model([helper.make_node("ConvTranspose", ["x", "w"], ["y"], strides=[stride, stride])],
                       [("x", [1, 4, 8, 8])], [("y", [1, 4, 8 * stride, 8 * stride])], [w])
        assert [f.location.op_type for f in findings(m, select={"RKN601"})] == expect


def test_context_variants_measured_on_cpu():
    import numpy as _np
    from onnx import TensorProto as _T
    from onnx import helper as _h

    from conftest import findings as _findings
    from conftest import init as _init
    from conftest import make_model as _mm

    emb = _mm([_h.make_node("Gather", ["table", "ids"], ["e"], name="emb"),
               _h.make_node("Cast", ["ids"], ["ids32"], name="to_i32", to=_T.INT32),
               _h.make_node("Einsum", ["e4", "e4"], ["s"], name="attn", equation="bhid,bhjd->bhij")],
              [("ids", [1, 8], _T.INT64), ("e4", [1, 2, 8, 16])],
              [("e", [1, 8, 16]), ("ids32", [1, 8], _T.INT32), ("s", [1, 2, 8, 8])],
              [_init("table", _np.zeros((100, 16), _np.float32))])
    names = sorted(f.location.node_name for f in _findings(emb, select={"RKN601"}))
    assert names == ["attn", "emb", "to_i32"]
    plain = _mm([_h.make_node("Einsum", ["a", "b"], ["c"], name="bmm", equation="bij,bjk->bik")],
                [("a", [1, 4, 8]), ("b", [1, 8, 4])], [("c", [1, 4, 4])])
    assert _findings(plain, select={"RKN601"}) == []
