"""rknnlint/toolkit/owners.py: a layer of the table belongs to the ONNX node the toolkit rewrote into it, read from
the FullNames rknn-toolkit2 2.5.0 printed (rv1106 int8, calibration/placement_sweep.py inorm_conv_c16_hw64; timm
MobileViT's swapped attention Transpose; a channel shuffle's Reshape turned into a Conv)."""
from __future__ import annotations

import numpy as np
from onnx import helper

from conftest import init, load_script, make_model, save
from rknnlint.toolkit.layers import layer_table
from rknnlint.toolkit.logparse import map_layers
from rknnlint.toolkit.owners import ModelIndex

# the layer table of inorm_conv_c16_hw64 built for rv1106 int8 (rknn-toolkit2 2.5.0), columns as printed
TABLE = """\
D RKNN: [20:28:41.338]                                                         Network Layer Information Table
D RKNN: [20:28:41.338] ---------------------------------------------------------------------------------------------
D RKNN: [20:28:41.338] ID   OpType             DataType Target InputShape                               OutputShape            Cycles(DDR/NPU/Total)    RW(KB)       FullName
D RKNN: [20:28:41.338] ---------------------------------------------------------------------------------------------
D RKNN: [20:28:41.338] 0    InputOperator      INT8     CPU    \\                                        (1,3,64,64)            0/0/0                    0            InputOperator:x
D RKNN: [20:28:41.338] 1    Conv               INT8     NPU    (1,3,64,64),(16,3,3,3),(16)              (1,16,64,64)           12750/36864/36864        12           Conv:pre
D RKNN: [20:28:41.338] 2    Conv               INT8     NPU    (1,16,64,64),(16,16,3,3),(16)            (1,16,64,64)           21675/36864/36864        66           Conv:front
D RKNN: [20:28:41.338] 3    Transpose          INT8     NPU    (1,16,64,64)                             (64,64,1,16)           0/0/0                    64           Transpose:front_y_tp
D RKNN: [20:28:41.338] 4    Reshape            INT8     NPU    (64,64,1,16),(4)                         (1,4096,1,16)          0/0/0                    64           Reshape:front_y_tp_rs
D RKNN: [20:28:41.338] 5    exNorm             INT8     CPU    (1,4096,1,16)                            (1,4096,1,16)          0/0/0                    64           exNorm:front_y_tp_rs_norm
D RKNN: [20:28:41.338] 6    Mul                INT8     NPU    (1,4096,1,16),(1,1,1,16)                 (1,4096,1,16)          0/0/0                    64           Mul:front_y_tp_rs_norm_mul
D RKNN: [20:28:41.338] 7    AddRelu            INT8     NPU    (1,4096,1,16),(1,1,1,16)                 (1,4096,1,16)          0/0/0                    64           Add:front_y_tp_rs_norm_mul_add_AddRelu
D RKNN: [20:28:41.338] 8    Reshape            INT8     NPU    (1,4096,1,16),(4)                        (64,64,1,16)           0/0/0                    64           Reshape:inorm#1_rs
D RKNN: [20:28:41.338] 9    Transpose          INT8     NPU    (64,64,1,16)                             (1,16,64,64)           0/0/0                    64           Transpose:inorm#1_rs_tp
D RKNN: [20:28:41.338] 10   Conv               INT8     NPU    (1,16,64,64),(16,16,3,3),(16)            (1,16,64,64)           21675/36864/36864        66           Conv:post
D RKNN: [20:28:41.338] 11   OutputOperator     INT8     NPU    (1,16,64,64)                             \\                      0/0/0                    64           OutputOperator:post_y
D RKNN: [20:28:41.338] ---------------------------------------------------------------------------------------------
"""


def _w(*shape):
    return (np.random.default_rng(0).standard_normal(shape) * 0.1).astype(np.float32)


def _inorm_model():
    """Conv pre -> Conv front -> InstanceNormalization inorm -> Relu act -> Conv post (the sweep's inorm case)."""
    N = helper.make_node
    nodes = [N("Conv", ["x", "w1", "b1"], ["pre_y"], name="pre", pads=[1, 1, 1, 1]),
             N("Conv", ["pre_y", "w2", "b2"], ["front_y"], name="front", pads=[1, 1, 1, 1]),
             N("InstanceNormalization", ["front_y", "s", "b"], ["inorm_y"], name="inorm", epsilon=1e-5),
             N("Relu", ["inorm_y"], ["act_y"], name="act"),
             N("Conv", ["act_y", "w3", "b3"], ["post_y"], name="post", pads=[1, 1, 1, 1])]
    inits = [init("w1", _w(16, 3, 3, 3)), init("b1", _w(16)), init("w2", _w(16, 16, 3, 3)), init("b2", _w(16)),
             init("s", _w(16)), init("b", _w(16)), init("w3", _w(16, 16, 3, 3)), init("b3", _w(16))]
    return make_model(nodes, [("x", [1, 3, 64, 64])], [("post_y", [1, 16, 64, 64])], inits)


def test_a_normalization_named_after_its_input_is_the_norm_nodes(tmp_path):
    """exNorm:front_y_tp_rs_norm computes the InstanceNorm reading front_y, not the Conv producing it; the layout
    layers around it stay on the value (the Conv's output)."""
    p = save(_inorm_model(), tmp_path)
    got = {lay.full_name: lay.onnx_nodes for lay in map_layers(layer_table(TABLE), str(p))}
    assert got["exNorm:front_y_tp_rs_norm"] == ("inorm",)
    assert got["Mul:front_y_tp_rs_norm_mul"] == ("inorm",)
    assert got["Add:front_y_tp_rs_norm_mul_add_AddRelu"] == ("inorm",)
    assert got["Transpose:front_y_tp"] == ("front",) and got["Reshape:front_y_tp_rs"] == ("front",)
    assert got["Reshape:inorm#1_rs"] == ("inorm",) and got["Conv:front"] == ("front",)


def test_calibration_truth_maps_the_same(tmp_path):
    """calibration/run_toolkit.py writes the same owner into the truth files (what score.py and the sweep tables read)."""
    rt = load_script("calibration/run_toolkit.py")
    p = save(_inorm_model(), tmp_path)
    lays = [{"op_type": "exNorm", "full_name": "exNorm:front_y_tp_rs_norm"},
            {"op_type": "Reshape", "full_name": "Reshape:x_rs"}]
    rt.map_layers(lays, str(p))
    assert lays[0]["onnx_nodes"] == ["inorm"] and lays[0]["onnx_node_index"] == [2] and lays[0]["owner_via"] == "consumer"
    assert lays[1]["onnx_nodes"] == [] and lays[1]["graph_input"] == "x"  # a layer the toolkit put on the input


def test_a_rewrite_of_the_producer_stays_with_the_producer():
    """A Transpose swapped past the Split reading it (MobileViT) is named after the Transpose's output with 'swap'."""
    N = helper.make_node
    m = make_model([N("Reshape", ["x", "s"], ["r"], name="rs"),
                    N("Transpose", ["r"], ["t"], name="tp", perm=[2, 0, 1]),
                    N("Split", ["t"], ["a", "b"], name="split", axis=0)],
                   [("x", [1, 4, 2, 8])], [("a", [1, 4, 8]), ("b", [1, 4, 8])],
                   [init("s", np.array([4, 8, 2], np.int64))])
    idx = ModelIndex(m)
    assert idx.owner("Gather", "Gather:t_rs_swap_gather").node == "tp"
    assert idx.owner("Split", "Split:t_swap_split").node == "tp"
    # a Conv the toolkit made of the node reading a value (a channel shuffle's Reshape, a global pool) is that node's
    assert idx.owner("Conv", "Conv:r_conv").node == "tp"
    assert idx.owner("exDataConvert", "exDataConvert:r__cvt_int8_float16").node == "rs"  # a conversion on the value
    assert idx.owner("Relu", "Relu:nothing_here") is None


def test_a_truth_rebuilt_from_results_maps_its_layers_again(tmp_path):
    """calibration/truth_from_results.py: a committed results row (status, error, CPU layers by FullName) becomes a
    truth whose layers map to the same nodes score.py counted, so a row re-scores where its truth.json is gone."""
    tfr = load_script("calibration/truth_from_results.py")
    save(_inorm_model(), tmp_path, "m.onnx")
    results = {"target": "rv1106", "dtype": "int8", "toolkit": "2.5.0", "command": "score.py ...", "models": {
        "m": {"build": "built", "build_error": None, "cpu_layers": [
            {"op_type": "exNorm", "full_name": "exNorm:front_y_tp_rs_norm", "onnx_op": "InstanceNormalization"}]},
        "gone": {"build": "failed", "build_error": "E build: KeyError", "cpu_layers": []}}}
    truth = tfr.truth_of(results, tmp_path)
    assert (truth["target"], truth["dtype"], truth["toolkit"]) == ("rv1106", "int8", "2.5.0")
    lay = truth["models"]["m"]["cpu_layers"][0]
    assert lay["onnx_nodes"] == ["inorm"] and lay["onnx_node_index"] == [2] and lay["target"] == "CPU"
    assert truth["models"]["gone"] == {"status": "failed", "error": "E build: KeyError",
                                       "suggested_disable_rule": None, "cpu_layers": []}
