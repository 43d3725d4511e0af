"""The committed measured tables against the installed rknn-toolkit2: re-probe a few ops and compare."""
from __future__ import annotations

import importlib.metadata as md

import pytest

from rknnlint.platforms import families, rules_dir
from rknnlint.probe import all_ops, cases, classify, read_table, run_case

VERSION = "2.5.0"
# One op per placement kind (NPU, rewritten, CPU, build failure, compiler crash), first variants where typical.
SAMPLE = [("Softmax", "rank4_axis1"), ("TopK", "k5_axis_last"), ("NonZero", "mask"), ("Resize", "cubic_x2_half_pixel"),
          ("Resize", "linear_x2_align_corners")]


def _table(family: str) -> dict:
    return read_table(rules_dir() / "measured" / f"{family}-{VERSION}.yaml")


@pytest.mark.parametrize("family", sorted(families()))
def test_committed_table_covers_every_op_for_every_family(family):
    table = _table(family)
    assert table, f"no measured table for {family}"
    assert table["toolkit"] == VERSION
    assert set(all_ops()) <= set(table["ops"])
    for op, entry in table["ops"].items():
        assert entry["placement"] in ("npu", "rewrite", "cpu", "fold", "fails"), op
        assert entry["observed"] == VERSION and entry["source"].startswith(f"observed with rknn-toolkit2 {VERSION}")


def test_measured_table_overrides_documented_facts_and_follows_the_version():
    plat = families(toolkit_version=VERSION)["rk3588"]
    assert plat.measured == VERSION
    assert plat.op("TopK").observed == VERSION
    assert "rknnlint probe" in plat.op("TopK").source
    # a version nobody measured rk3588 with: the nearest measured version's table, and Platform.measured says which
    other = families(toolkit_version="2.4.0")["rk3588"]
    assert other.measured == VERSION and other.op("TopK").observed == VERSION


@pytest.mark.toolkit
@pytest.mark.parametrize("op,variant", SAMPLE, ids=[f"{o}/{v}" for o, v in SAMPLE])
def test_reprobe_agrees_with_committed_rk3588_table(op, variant):
    pytest.importorskip("rknn.api")
    if md.version("rknn-toolkit2") != VERSION:
        pytest.skip(f"the committed table is for rknn-toolkit2 {VERSION}")
    case = next(c for c in cases([op]) if c.variant == variant)
    result = run_case(case, "rk3588", timeout=300)
    committed = _table("rk3588")["variants"][op][variant]
    assert classify(result) == committed["placement"], (result.status, result.error, result.op_layers)
    if committed.get("error", "").startswith("crashes"):
        assert result.status == "crashed"


@pytest.mark.parametrize("version,said", [("2.4.0", "no op tables measured with rknn-toolkit2 2.4.0 for rk3588: "
                                                     "using the nearest measured version's, 2.5.0"),
                                          ("2.5.0", "using op tables measured with rknn-toolkit2 2.5.0")])
def test_check_says_which_tables_it_used(shared, version, said):
    from tests.conftest import run_cli

    code, out, err = run_cli("check", shared("det_yolov5style_nc20_320_op12.onnx"), "--toolkit-version", version, "-q")
    assert said in err
    assert f"rknn-toolkit2 {version} (given; " in out  # the report itself says which version it is for
    assert code in (0, 1)


@pytest.mark.toolkit
def test_probe_cli_writes_a_table_and_says_how_long(tmp_path):
    pytest.importorskip("rknn.api")
    from tests.conftest import run_cli_process

    p = run_cli_process("probe", "--target", "rk3588", "--ops", "Relu,TopK", "--out", tmp_path, "--jobs", "2")
    assert p.returncode == 0, p.stderr
    assert "probe took" in p.stdout
    table = read_table(tmp_path / "measured" / f"rk3588-{md.version('rknn-toolkit2')}.yaml")
    assert set(table["ops"]) == {"Relu", "TopK"}
    assert table["ops"]["TopK"]["placement"] == "cpu"
    assert table["variants"]["Relu"]["feature"]["simulator"] == "match"


def _pad_reshape_result(pad_target: str, tp_tensor: str = "probe_post3"):
    """Pad/constant_reshape as rknn-toolkit2 2.2.0 built it on rk3566: the Pad, then the Reshape after it as a Transpose."""
    from rknnlint.probe._runner import Result
    from rknnlint.toolkit.layers import Layer
    from rknnlint.toolkit.status import BuildStatus

    lays = [Layer(op_type=op, target=t, full_name=f"{op}:{n}") for op, t, n in
            (("Pad", pad_target, "probe"), ("Transpose", "CPU", tp_tensor), ("Conv", "NPU", "probe_post5"))]
    return Result("Pad", "constant_reshape", BuildStatus.BUILT, layers=lays, op_layers=lays,
                  post_tensors=["probe_post3", "probe_post5"])


def test_cpu_layer_named_after_a_later_node_is_that_nodes():
    # measured: rknnlint probe --ops Pad --target rk3566 --toolkit-version 2.2.0 (Pad@NPU, Transpose `probe_post3`@CPU)
    assert classify(_pad_reshape_result("NPU")) == "npu"
    assert classify(_pad_reshape_result("CPU")) == "cpu"  # the Pad itself on the CPU (rk3588, rk3562, rk3576)
    # a CPU layer named otherwise (after the Pad node) still counts as the Pad's
    assert classify(_pad_reshape_result("NPU", tp_tensor="probe_tp")) == "cpu"
