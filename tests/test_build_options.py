"""The quantization and optimization options (toolkit/build_options.py) reach the real rknn.config from the
build flags and the source config, the records state what the toolkit held, bad values are one line (exit 2),
and an int8-only target (rv1106) is packaged with its int8 build only."""
from __future__ import annotations

import json
import re

import numpy as np
import pytest
import yaml
from onnx import TensorProto, helper, numpy_helper, save

from tests.conftest import run_cli


def _tiny(d):
    """Conv+Relu, 3x16x16 in, 8 channels out, and a 3-sample .npy calibration list."""
    rng = np.random.default_rng(0)
    w = numpy_helper.from_array(rng.standard_normal((8, 3, 3, 3)).astype(np.float32), "w")
    b = numpy_helper.from_array(rng.standard_normal(8).astype(np.float32), "b")
    g = helper.make_graph([helper.make_node("Conv", ["x", "w", "b"], ["c"], pads=[1, 1, 1, 1], name="conv"),
                           helper.make_node("Relu", ["c"], ["y"], name="relu")], "g",
                          [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 3, 16, 16])],
                          [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 8, 16, 16])], [w, b])
    m = helper.make_model(g, opset_imports=[helper.make_opsetid("", 13)])
    m.ir_version = 8
    save(m, d / "tiny.onnx")
    for k in range(3):
        np.save(d / f"s{k}.npy", rng.integers(0, 256, (1, 3, 16, 16)).astype(np.float32))
    (d / "ds.txt").write_text("".join(f"s{k}.npy\n" for k in range(3)))
    return d / "tiny.onnx", d / "ds.txt"


def _source(d, **quant):
    cfg = {"phase": "onnx", "model": "tiny.onnx", "inputs": [{"name": "x", "shape": [1, 3, 16, 16]}],
           "layout": "NCHW", "color_order": "BGR", "mean": [0, 0, 0], "std": [255, 255, 255]}
    if quant:
        cfg["quantization"] = quant
    p = d / "onnx_source.yaml"
    p.write_text(yaml.safe_dump(cfg))
    return p


WANT = {"quantized_algorithm": "mmse", "quantized_method": "layer", "optimization_level": 2}


@pytest.mark.toolkit
def test_int8_options_read_back_from_the_toolkit(tmp_path):
    model, ds = _tiny(tmp_path)
    code, out, err = run_cli("build", model, "--int8", "--dataset", ds, "--quantized-algorithm", "mmse",
                             "--quantized-method", "layer", "--optimization-level", "2", "--format", "json",
                             "--out-dir", tmp_path / "out", "--no-cache", "--no-static")
    assert code == 0, err
    b = json.loads(out)["builds"][0]
    assert b["status"] == "built"
    assert {k: b["config"][k] for k in WANT} == WANT and b["config"]["quantized_dtype"] == "w8a8"
    log = (tmp_path / "out" / "tiny.rk3588.int8.log").read_text()
    held = next(ln for ln in log.splitlines() if ln.startswith("rknnlint: rknn.config as the toolkit holds it:"))
    for k, v in WANT.items():
        assert f"{k}={v}" in held
    assert "MmseQuant2" in log  # the toolkit's own mmse pass ran (absent with the default 'normal')


ALL = {"quantized_dtype": "w16a16i_dfp", "quantized_algorithm": "kl_divergence", "quantized_method": "layer",
       "optimization_level": 1, "quant_img_RGB2BGR": True, "float_dtype": "float16"}


@pytest.mark.toolkit
def test_every_option_read_back_from_the_toolkit(tmp_path):
    """All six options, each away from its default where it has another value, in one real int8 build: the
    toolkit's own config holds each, and its own output shows the ones it acts on visibly (16-bit layers in the
    compiler's table for w16a16i_dfp, its config warning for quant_img_RGB2BGR)."""
    model, ds = _tiny(tmp_path)
    code, out, err = run_cli("build", model, "--int8", "--dataset", ds, "--quantized-dtype", "w16a16i_dfp",
                             "--quantized-algorithm", "kl_divergence", "--quantized-method", "layer",
                             "--optimization-level", "1", "--quant-img-rgb2bgr", "--float-dtype", "float16",
                             "--format", "json", "--out-dir", tmp_path / "out", "--no-cache", "--no-static")
    assert code == 0, err
    b = json.loads(out)["builds"][0]
    assert b["status"] == "built" and b["config"] == ALL
    log = (tmp_path / "out" / "tiny.rk3588.int8.log").read_text()
    held = next(ln for ln in log.splitlines() if ln.startswith("rknnlint: rknn.config as the toolkit holds it:"))
    assert held.split(": ", 2)[2].split(", ") == [f"{k}={v}" for k, v in ALL.items()]
    assert {lay["dtype"] for lay in b["layers"] if lay["op_type"] != "OutputOperator"} == {"INT16"}
    assert "config: The quant_img_RGB2BGR of input 0 is set to True" in log


@pytest.mark.toolkit
def test_gdq_and_group_quantization_read_back_from_the_toolkit(tmp_path):
    """gdq and group{SIZE} (rknn-toolkit2 2.3.2+, w4a16 on rk3576): they reach rknn.config, the toolkit holds
    them, its own GDQ pass runs and the weights are 4-bit."""
    model, ds = _tiny(tmp_path)
    code, out, err = run_cli("build", model, "--int8", "--dataset", ds, "--target", "rk3576", "--quantized-dtype",
                             "w4a16", "--quantized-algorithm", "gdq", "--quantized-method", "group32", "--format",
                             "json", "--out-dir", tmp_path / "out", "--no-cache", "--no-static")
    assert code == 0, err
    b = json.loads(out)["builds"][0]
    want = {"quantized_dtype": "w4a16", "quantized_algorithm": "gdq", "quantized_method": "group32"}
    assert b["status"] == "built" and {k: b["config"][k] for k in want} == want
    log = (tmp_path / "out" / "tiny.rk3576.int8.log").read_text()
    held = next(ln for ln in log.splitlines() if ln.startswith("rknnlint: rknn.config as the toolkit holds it:"))
    for k, v in want.items():
        assert f"{k}={v}" in held
    assert "GdqQuant" in log  # the toolkit's own gdq pass (absent with the default 'normal')
    assert re.search(r"ConvRelu w\s+INT4", log)  # w4a16: 4-bit weights in the compiler's table


@pytest.mark.parametrize("args,message", [
    (("--quantized-algorithm", "gdq"),
     "--quantized-algorithm gdq: rknn-toolkit2 2.5.0 takes gdq only with quantized_dtype w4a16 or w8a16, not w8a8"),
    (("--quantized-dtype", "w8a16"),
     "--quantized-dtype w8a16: rknn-toolkit2 2.5.0 builds quantized_dtype w8a16 for rk3562 only, not rk3588"),
    (("--target", "rk3576", "--quantized-method", "group64"),
     "--quantized-method group64: rknn-toolkit2 2.5.0 takes group{SIZE} only with quantized_dtype w4a16, not w8a8"),
    (("--target", "rk3562", "--quantized-dtype", "w8a16", "--quantized-algorithm", "gdq", "--quantized-method", "layer"),
     "--quantized-algorithm gdq: rknn-toolkit2 2.5.0 takes gdq only with quantized_method channel or group{SIZE}, "
     "not layer"),
    (("--target", "rk3576", "--quantized-dtype", "w4a16", "--quantized-method", "group48"),
     "--quantized-method group48: expected one of layer, channel, group{SIZE} (SIZE 32, 64, 96, 128, 160, 192, "
     "224, 256)"),
])
def test_combination_the_toolkit_refuses_is_one_line_exit_2(tmp_path, args, message):
    """What the toolkit's rknn.config would refuse with a traceback (calibration/results/toolkit-quant-options-
    2.5.0.json) is one usage line before any build."""
    model, ds = _tiny(tmp_path)
    code, out, err = run_cli("build", model, "--int8", "--dataset", ds, *args, "--no-static")
    assert code == 2 and err.strip() == f"rknnlint: error: {message}", err


def test_each_version_takes_what_it_was_measured_to_take():
    """Per version (rules/toolkit/<version>.yaml `quantization`): 2.2.0 knows neither gdq nor group{SIZE} nor
    w4a16; 2.3.0 has w4a16 on rk3576 and w8a16 there too; 2.3.2 adds gdq and group{SIZE}; 2.5.0 drops w16a16i."""
    from rknnlint.errors import UsageError
    from rknnlint.toolkit.build_options import validate

    def refused(opts, target, version):
        try:
            validate(opts, target, version)
        except UsageError as e:
            return str(e)
        return None

    gdq = {"quantized_dtype": "w4a16", "quantized_algorithm": "gdq", "quantized_method": "group128"}
    assert refused(gdq, "rk3576", "2.5.0") is None and refused(gdq, "rk3576", "2.3.2") is None
    assert refused(gdq, "rk3576", "2.3.0") == \
        "quantized_algorithm gdq: expected one of normal, mmse, kl_divergence (rknn-toolkit2 2.3.0)"
    assert refused({**gdq, "quantized_algorithm": "normal"}, "rk3576", "2.3.0") == \
        "quantized_method group128: expected one of layer, channel (rknn-toolkit2 2.3.0)"
    assert "quantized_dtype w4a16: expected one of w8a8, w8a16, w16a16i, w16a16i_dfp (rknn-toolkit2 2.2.0)" == \
        refused(gdq, "rk3576", "2.2.0")
    assert refused({"quantized_dtype": "w8a16"}, "rk3576", "2.3.0") is None
    assert "for rk3562 only, not rk3576" in refused({"quantized_dtype": "w8a16"}, "rk3576", "2.3.2")
    assert refused({"quantized_dtype": "w16a16i"}, "rk3588", "2.3.2") is None
    assert "expected one of" in refused({"quantized_dtype": "w16a16i"}, "rk3588", "2.5.0")
    assert refused({"quantized_dtype": "w8a16", "quantized_algorithm": "gdq"}, "rk3562", "2.5.0") is None


def test_source_config_combination_names_the_config_key(tmp_path):
    model, ds = _tiny(tmp_path)
    src = _source(tmp_path, algorithm="gdq")
    code, _, err = run_cli("build", model, "--int8", "--dataset", ds, "--source", src, "--no-static")
    assert code == 2 and len(err.strip().splitlines()) == 1
    assert err.strip() == ("rknnlint: error: source config: quantization.algorithm gdq: rknn-toolkit2 2.5.0 takes gdq "
                           "only with quantized_dtype w4a16 or w8a16, not w8a8")


@pytest.mark.parametrize("flag,value", [("--quantized-algorithm", "minmax"), ("--quantized-method", "group"),
                                        ("--optimization-level", "5"), ("--quantized-dtype", "int8"), ("--quantized-dtype", "w16a16i"),
                                        ("--float-dtype", "bfloat16")])
def test_bad_option_value_is_one_line_exit_2(tmp_path, flag, value):
    model, ds = _tiny(tmp_path)
    code, out, err = run_cli("build", model, "--int8", "--dataset", ds, flag, value, "--no-static")
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1 and flag in lines[0] and "expected one of" in lines[0], err


def test_int8_option_on_fp16_build_is_exit_2(tmp_path):
    model, _ = _tiny(tmp_path)
    code, _, err = run_cli("build", model, "--quantized-method", "layer", "--no-static")
    assert code == 2 and err.strip() == "rknnlint: error: --quantized-method is for --int8 builds"


def test_source_config_quantization_checked(tmp_path):
    model, ds = _tiny(tmp_path)
    src = _source(tmp_path, algorithm="mmse", methd="layer")
    code, _, err = run_cli("build", model, "--int8", "--dataset", ds, "--source", src, "--no-static")
    assert code == 2 and "unknown quantization key 'methd'" in err and len(err.strip().splitlines()) == 1
    src = _source(tmp_path, algorithm="mmse")
    code, _, err = run_cli("build", model, "--int8", "--dataset", ds, "--source", src,
                           "--quantized-algorithm", "kl_divergence", "--no-static")
    assert code == 2 and "--quantized-algorithm kl_divergence contradicts quantized_algorithm mmse" in err


def test_int8_only_target_needs_int8(tmp_path):
    model, _ = _tiny(tmp_path)
    code, _, err = run_cli("package", model, "--source", _source(tmp_path), "--target", "rv1106",
                           "-o", tmp_path / "pkg")
    assert code == 2 and "rv1106 builds int8 only" in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "pkg").exists()


@pytest.mark.toolkit
def test_package_int8_only_target_with_source_options(tmp_path):
    model, ds = _tiny(tmp_path)
    src = _source(tmp_path, algorithm="mmse", method="layer", optimization_level=2)
    code, _, err = run_cli("package", model, "--source", src, "--target", "rv1106", "--int8", "--dataset", ds,
                           "-o", tmp_path / "pkg")
    assert code == 0, err
    out = tmp_path / "pkg"
    assert (out / "tiny_int8.rknn").is_file() and not (out / "tiny_fp16.rknn").exists()
    perf = json.loads((out / "performance_rknn.json").read_text())
    assert list(perf["builds"]) == ["int8"]
    used = perf["builds"]["int8"]["rknn_config"]
    assert {k: used[k] for k in WANT} == WANT and used["quant_img_RGB2BGR"] is True  # color_order BGR
    configs = yaml.safe_load((out / "model_config.yml").read_text())["models"]["configs"]
    assert {k: configs[k] for k in used} == used
    nxt = yaml.safe_load((out / "rknn_source.yaml").read_text())
    assert nxt["decided"]["builds"] == ["int8"] and nxt["decided"]["npu_model"] == "tiny_int8.rknn"
    assert nxt["decided"]["rknn_config"]["int8"] == used
    assert "DEFAULT_RKNN = 'int8'" in (out / "npu_inference.py").read_text()  # the board script loads int8
