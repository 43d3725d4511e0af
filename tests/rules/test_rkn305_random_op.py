from __future__ import annotations

import pytest
from onnx import helper

from conftest import ROOT, findings, make_model, shared_model


def test_fires_on_minimal_random_like():
    m = make_model([helper.make_node("RandomNormalLike", ["x"], ["r"], name="noise"), helper.make_node("Add", ["x", "r"], ["y"])],
                   [("x", [1, 4, 8, 8])], [("y", [1, 4, 8, 8])])
    fs = findings(m, select={"RKN305"})
    assert [f.location.node_name for f in fs] == ["noise"] and str(fs[0].severity) == "error"
    assert "Found Random node 'r'" in fs[0].message and "model.eval()" in fs[0].hint


def test_silent_on_real_models():
    for name in ("cls_shufflenet_v2_x1_0_op13.onnx", "seg_tiny_unet_odd_channels_op13.onnx"):
        assert findings(shared_model(name), select={"RKN305"}) == []


def _noise(op: str):
    if op.endswith("Like"):
        nodes = [helper.make_node(op, ["x"], ["r"], name="noise")]
    else:
        nodes = [helper.make_node(op, [], ["r"], shape=[1, 4, 8, 8], name="noise")]
    nodes.append(helper.make_node("Add", ["x", "r"], ["y"], name="add"))
    return make_model(nodes, [("x", [1, 4, 8, 8])], [("y", [1, 4, 8, 8])])


@pytest.mark.parametrize("op,where", [("RandomNormalLike", "runs on the CPU"), ("RandomUniformLike", "runs on the CPU"),
                                      ("RandomNormal", "leaves no random layer"),
                                      ("RandomUniform", "leaves no random layer")])
def test_severity_follows_the_measured_table_of_the_version(op, where):
    """rules/measured/rk3588-2.5.0.yaml: the build fails (error); rk3588-2.3.2.yaml: it builds (warning)."""
    (f,) = findings(_noise(op), select={"RKN305"}, toolkit_version="2.5.0")
    assert str(f.severity) == "error" and "Found Random node 'r'" in f.message
    (f,) = findings(_noise(op), select={"RKN305"}, toolkit_version="2.3.2")
    assert str(f.severity) == "warning", f.message
    assert f"measured with rknn-toolkit2 2.3.2 on rk3588, the build succeeds and the op {where}" in f.message


def test_a_family_not_measured_with_the_version_stays_an_error(tmp_path, monkeypatch):
    """A family without a table for the version (its other versions' say it builds or fails): no measurement for that
    version, so an error, as with no table at all. Every family is measured with every version in rules/, so a copy
    of rules/ without rk2118-2.2.0.yaml stands in for the day a new version lands (RKNNLINT_RULES_DIR)."""
    import shutil

    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules)
    (rules / "measured" / "rk2118-2.2.0.yaml").unlink()
    monkeypatch.setenv("RKNNLINT_RULES_DIR", str(rules))
    (f,) = findings(_noise("RandomNormalLike"), target="rk2118", select={"RKN305"}, toolkit_version="2.2.0")
    assert str(f.severity) == "error", f.message
    monkeypatch.delenv("RKNNLINT_RULES_DIR")
    (f,) = findings(_noise("RandomNormalLike"), target="rk2118", select={"RKN305"}, toolkit_version="2.2.0")
    assert str(f.severity) == "warning" and "measured with rknn-toolkit2 2.2.0 on rk2118" in f.message


def test_rk3566_measured_with_2_2_0():
    """rules/measured/rk3566-2.2.0.yaml: RandomNormalLike builds and runs on the CPU with 2.2.0."""
    (f,) = findings(_noise("RandomNormalLike"), target="rk3566", select={"RKN305"}, toolkit_version="2.2.0")
    assert str(f.severity) == "warning" and "measured with rknn-toolkit2 2.2.0 on rk3566" in f.message


def test_rk2118_measured_with_2_3_2():
    """rules/measured/rk2118-2.3.2.yaml: RandomNormalLike builds and runs on the CPU with 2.3.2 (fails with 2.5.0)."""
    (f,) = findings(_noise("RandomNormalLike"), target="rk2118", select={"RKN305"}, toolkit_version="2.3.2")
    assert str(f.severity) == "warning" and "measured with rknn-toolkit2 2.3.2 on rk2118" in f.message
