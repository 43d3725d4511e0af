from __future__ import annotations

from onnx import helper

from conftest import findings, make_model, shared_model


def _op(op, domain):
    return make_model([helper.make_node(op, ["x"], ["y"], domain=domain, name="n")], [("x", [1, 4, 8, 8])],
                      [("y", [1, 4, 8, 8])], extra_opsets=[(domain, 1)])


def test_known_microsoft_gelu_is_a_cpu_warning():
    fs = findings(_op("Gelu", "com.microsoft"), select={"RKN202"})
    assert len(fs) == 1 and str(fs[0].severity) == "warning" and "CPU" in fs[0].message


def test_unknown_domain_op_is_an_error_and_cst_needs_registration():
    fs = findings(_op("FusedThing", "my.domain"), select={"RKN202"})
    assert [f.location.node_name for f in fs] == ["n"] and str(fs[0].severity) == "error"
    fs = findings(_op("cstSoftplus", "my.domain"), select={"RKN202"})
    assert "rknn.reg_custom_op" in fs[0].message


def test_silent_on_real_models():
    for name in ("cls_shufflenet_v2_x1_0_op13.onnx", "det_yolov8n_nc20_256_op12.onnx"):
        assert findings(shared_model(name), select={"RKN202"}) == []
