"""Measured motifs (rknnlint/motifs.py): a layout op's placement is looked up around it, most specific first, and
the single-op probe table answers only where no motif was measured. Decomposed LayerNorms are one finding."""
from __future__ import annotations

import numpy as np
import onnx
import pytest
import yaml
from onnx import helper

from conftest import conv_weight, findings, init, load_script, make_model
from rknnlint import dropped_nodes, motifs
from rknnlint.graph import ModelView


def _reshape_between_convs():
    nodes = [helper.make_node("Conv", ["x", "w1"], ["a"], name="conv1", pads=[1, 1, 1, 1]),
             helper.make_node("Reshape", ["a", "s"], ["b"], name="rs"),
             helper.make_node("Conv", ["b", "w2"], ["y"], name="conv2", pads=[1, 1, 1, 1])]
    return make_model(nodes, [("x", [1, 3, 16, 16])], [("y", [1, 8, 32, 8])],
                      [init("w1", conv_weight(16, 3)), init("w2", conv_weight(8, 16)),
                       init("s", np.array([1, 16, 32, 8], np.int64))])


@pytest.fixture
def table_dir(tmp_path, monkeypatch):
    monkeypatch.setattr(motifs, "tables_dir", lambda: tmp_path)
    monkeypatch.setattr(motifs, "probed_dir", lambda: tmp_path / "probed")  # whole-build tables only
    monkeypatch.setattr(motifs, "sweeps_dir", lambda: tmp_path / "sweeps")
    motifs.table.cache_clear()
    yield tmp_path
    motifs.table.cache_clear()


def _write(folder, family, version, **sections):
    doc = {"toolkit": version, "family": family, "dtype": "float16", **sections}
    (folder / f"{family}-float16-{version}.yaml").write_text(yaml.safe_dump(doc))
    motifs.table.cache_clear()


def test_chain_key_spells_the_context():
    view = ModelView(_reshape_between_convs())
    rs = next(r for r in view.main_nodes if r.op_type == "Reshape")
    chain = motifs.chain_of(view, rs)
    assert [r.name for r in chain] == ["rs"]
    assert motifs.chain_key(view, chain) == "conv>Reshape4>4>conv"
    assert motifs.node_key(view, chain, rs) == "inner|Reshape4>4"


def test_reshape_between_convs_follows_the_measured_motif(table_dir):
    m = _reshape_between_convs()
    # no motif table: the single-op probe (Conv -> Reshape -> graph output) says CPU on rk3566
    assert [f.location.node_name for f in findings(m, target="rk3566", select={"RKN601"})] == ["rs"]
    version = _measured_version("rk3566")
    _write(table_dir, "rk3566", version, motifs={"conv>Reshape4>4>conv": {"nodes": ["npu"], "n": 1}})
    assert findings(m, target="rk3566", select={"RKN601"}) == []
    _write(table_dir, "rk3566", version, motifs={"conv>Reshape4>4>conv": {"nodes": ["cpu"], "n": 1}})
    [f] = findings(m, target="rk3566", select={"RKN601"})
    assert f.location.node_name == "rs" and "measured in context: motif conv>Reshape4>4>conv" in f.message
    assert f.data["motif"] == "conv>Reshape4>4>conv"


def test_back_off_to_the_node_context_then_to_the_single_op_table(table_dir):
    m = _reshape_between_convs()
    version = _measured_version("rk3566")
    # another run measured, but this node's own descriptor inside a network was: NPU
    _write(table_dir, "rk3566", version, motifs={"pool>Reshape4>4>conv": {"nodes": ["cpu"], "n": 1}},
           contexts={"inner|Reshape4>4": {"placement": "npu", "n": 3}})
    assert findings(m, target="rk3566", select={"RKN601"}) == []
    # builds split evenly: no decision, the single-op table answers
    _write(table_dir, "rk3566", version, contexts={"inner|Reshape4>4": {"placement": "mixed", "n": 4, "cpu": 2}})
    assert [f.location.node_name for f in findings(m, target="rk3566", select={"RKN601"})] == ["rs"]
    # the op between the same neighbour classes comes before the node's own shape, the op type alone last
    _write(table_dir, "rk3566", version, neighbors={"conv>Reshape>conv": {"placement": "cpu", "n": 2, "cpu": 2}},
           contexts={"inner|Reshape4>4": {"placement": "npu", "n": 3, "cpu": 0}})
    [f] = findings(m, target="rk3566", select={"RKN601"})
    assert f.data["motif"] == "conv>Reshape>conv"
    _write(table_dir, "rk3566", version, ops={"inner|Reshape": {"placement": "npu", "n": 9, "cpu": 1}})
    assert findings(m, target="rk3566", select={"RKN601"}) == []


def test_measured_output_motif_decides_the_output_reshape(table_dir):
    w = np.random.default_rng(0).standard_normal((10, 32)).astype(np.float32)
    m = make_model([helper.make_node("Relu", ["x"], ["r"]), helper.make_node("Gemm", ["r", "W"], ["y"], transB=1)],
                   [("x", [1, 32])], [("y", [1, 10])], [init("W", w)])
    assert [f.location.tensor for f in findings(m, target="rk3566", select={"RKN610"})] == ["y"]
    version = _measured_version("rk3566")
    # the Gemm is a Linear layer: part of a run ending in the output; measured NPU there, so no output Reshape either
    _write(table_dir, "rk3566", version, motifs={"elt>Gemm2>2:n1:a1>out": {"nodes": ["npu"], "n": 1}})
    assert findings(m, target="rk3566", select={"RKN610", "RKN601"}) == []


def test_output_key_tells_multiples_of_four_apart():
    """On rk3566 fp16 the output Reshape of [1, 32, N] ran on the CPU for N = 4, 8, 12, 16, 20 and the Transpose in
    front of it for N = 6, 10 (calibration/placement_sweep.py head3): N % 4 is part of the output motif."""
    def head(n: int):
        w = np.random.default_rng(n).standard_normal((16, n)).astype(np.float32)
        return make_model([helper.make_node("MatMul", ["x", "W"], ["h"]), helper.make_node("Add", ["h", "b"], ["y"])],
                          [("x", [1, 32, 16])], [("y", [1, 32, n])], [init("W", w), init("b", np.zeros(n, np.float32))])

    keys = {n: motifs.output_key(ModelView(head(n)), "y") for n in (4, 6, 8, 10, 12, 16)}
    assert keys == {4: "elt>out3:a4", 6: "elt>out3:a1", 8: "elt>out3:a8", 10: "elt>out3:a1", 12: "elt>out3:a4",
                    16: "elt>out3:a16"}
    m = head(12)
    m.graph.input[0].type.tensor_type.shape.dim[1].dim_value = 30
    m.graph.output[0].type.tensor_type.shape.dim[1].dim_value = 30
    assert motifs.output_key(ModelView(m), "y") == "elt>out3:a4:s1"


def _measured_version(family: str) -> str:
    from rknnlint.platforms import families

    return families()[family].measured  # the installed toolkit is the measured one in CI


def test_decomposed_layernorm_is_one_finding_listing_its_nodes():
    c = 16
    nodes = [helper.make_node("ReduceMean", ["x"], ["m"], name="mean", axes=[-1]),
             helper.make_node("Sub", ["x", "m"], ["d"], name="sub"),
             helper.make_node("Pow", ["d", "two"], ["p"], name="pow"),
             helper.make_node("ReduceMean", ["p"], ["v"], name="var", axes=[-1]),
             helper.make_node("Add", ["v", "eps"], ["ve"], name="add_eps"),
             helper.make_node("Sqrt", ["ve"], ["s"], name="sqrt"),
             helper.make_node("Div", ["d", "s"], ["n"], name="div"),
             helper.make_node("Mul", ["n", "g"], ["ng"], name="gamma"),
             helper.make_node("Add", ["ng", "b"], ["y"], name="beta")]
    m = make_model(nodes, [("x", [1, 8, 8, c])], [("y", [1, 8, 8, c])],
                   [init("two", np.array(2.0, np.float32)), init("eps", np.array(1e-6, np.float32)),
                    init("g", np.ones(c, np.float32)), init("b", np.zeros(c, np.float32))])
    fs = findings(m, target="rv1106", select={"RKN601"}, dtype="int8")
    assert [f.location.node_name for f in fs] == ["mean"]
    assert fs[0].data["block"] == ["mean", "sub", "pow", "var", "add_eps", "sqrt", "div", "gamma", "beta"]
    assert "decomposed LayerNorm (9 nodes" in fs[0].message
    # where LayerNormalization runs on the NPU the block is not reported node by node either
    assert findings(m, target="rk3588", select={"RKN601"}) == []


def test_measured_boundary_flags_the_node_the_inserted_layer_follows(table_dir):
    nodes = [helper.make_node("Conv", ["x", "w"], ["a"], name="conv", pads=[1, 1, 1, 1]),
             helper.make_node("InstanceNormalization", ["a", "s", "b"], ["y"], name="inorm")]
    m = make_model(nodes, [("x", [1, 3, 16, 16])], [("y", [1, 8, 16, 16])],
                   [init("w", conv_weight(8, 3)), init("s", np.ones(8, np.float32)), init("b", np.zeros(8, np.float32))])
    version = _measured_version("rk3566")
    _write(table_dir, "rk3566", version, boundaries={"conv4>inorm": {"placement": "npu", "n": 3, "cpu": 0}})
    assert findings(m, target="rk3566", select={"RKN611"}) == []
    _write(table_dir, "rk3566", version, boundaries={"conv4>inorm": {"placement": "cpu", "n": 9, "cpu": 9}})
    [f] = findings(m, target="rk3566", select={"RKN611"})
    assert f.location.node_name == "conv" and f.data["motif"] == "conv4>inorm"
    assert "small models" not in f.message
    # a BatchNormalization is another class: the InstanceNorm measurement does not reach it
    m.graph.node[1].op_type = "BatchNormalization"
    m.graph.node[1].input.extend(["b", "s"])
    assert findings(m, target="rk3566", select={"RKN611"}) == []


def test_sweep_table_answers_where_real_builds_did_not_measure_the_key(table_dir):
    nodes = [helper.make_node("Conv", ["x", "w"], ["a"], name="conv", pads=[1, 1, 1, 1]),
             helper.make_node("InstanceNormalization", ["a", "s", "b"], ["y"], name="inorm")]
    m = make_model(nodes, [("x", [1, 3, 16, 16])], [("y", [1, 8, 16, 16])],
                   [init("w", conv_weight(8, 3)), init("s", np.ones(8, np.float32)), init("b", np.zeros(8, np.float32))])
    version = _measured_version("rk3566")
    _write(table_dir, "rk3566", version, boundaries={"conv4>elt": {"placement": "npu", "n": 3, "cpu": 0}})
    assert findings(m, target="rk3566", select={"RKN611"}) == []
    (table_dir / "sweeps").mkdir()
    _write(table_dir / "sweeps", "rk3566", version, boundaries={"conv4>inorm": {"placement": "cpu", "n": 3, "cpu": 3}})
    [f] = findings(m, target="rk3566", select={"RKN611"})
    assert f.location.node_name == "conv" and f"rules/motifs/sweeps/rk3566-float16-{version}.yaml" in f.message
    # real builds of the family that measured the key come first
    _write(table_dir, "rk3566", version, boundaries={"conv4>inorm": {"placement": "npu", "n": 5, "cpu": 0}})
    assert findings(m, target="rk3566", select={"RKN611"}) == []


def _l2norm_model():
    """torch.nn.functional.normalize(x, dim=-1) as exported: ReduceL2 -> Clip -> Expand -> Div, then a MatMul."""
    import numpy as np
    from onnx import TensorProto, helper, numpy_helper

    nodes = [helper.make_node("ReduceL2", ["x"], ["n"], axes=[-1], keepdims=1, name="l2"),
             helper.make_node("Clip", ["n", "eps"], ["c"], name="clip"),
             helper.make_node("Shape", ["x"], ["s"], name="shape"),
             helper.make_node("Expand", ["c", "s"], ["e"], name="expand"),
             helper.make_node("Div", ["x", "e"], ["d"], name="div"),
             helper.make_node("MatMul", ["d", "w"], ["y"], name="mm")]
    inits = [numpy_helper.from_array(np.array(1e-12, np.float32), "eps"),
             numpy_helper.from_array(np.ones((64, 32), np.float32), "w")]
    g = helper.make_graph(nodes, "g", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 4, 12, 64])],
                          [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 4, 12, 32])], inits)
    return helper.make_model(g, opset_imports=[helper.make_opsetid("", 13)])


def test_decomposed_l2_normalization_is_one_finding_where_lpnormalization_runs_on_the_cpu():
    """Measured on rk3588: 2.2.0 runs LpNormalization (and the block the toolkit fuses into it) on the CPU, 2.3.0
    rewrites it onto the NPU (rules/measured/rk3588-2.2.0.yaml, rk3588-2.3.0.yaml)."""
    import rknnlint

    model = _l2norm_model()
    fs = [f for f in rknnlint.check(model, target="rk3588", toolkit_version="2.2.0").findings if f.code == "RKN601"]
    assert len(fs) == 1 and fs[0].location.node_name == "l2"
    assert "decomposed L2 normalization (4 nodes" in fs[0].message and "LpNormalization" in fs[0].message
    assert fs[0].data["block"] == ["l2", "clip", "expand", "div"]
    later = rknnlint.check(model, target="rk3588", toolkit_version="2.3.0").findings
    assert [f for f in later if f.code == "RKN601"] == []


def _gap(axes, opset=13):
    """Conv -> Relu -> ReduceMean(axes, keepdims=1) -> Conv: a global average pool as torch exports x.mean(...)."""
    mean = (helper.make_node("ReduceMean", ["r", "axes"], ["m"], name="mean", keepdims=1) if opset >= 18 else
            helper.make_node("ReduceMean", ["r"], ["m"], name="mean", axes=axes, keepdims=1))
    nodes = [helper.make_node("Conv", ["x", "w1"], ["a"], name="conv1", pads=[1, 1, 1, 1]),
             helper.make_node("Relu", ["a"], ["r"], name="relu"), mean,
             helper.make_node("Conv", ["m", "w2"], ["y"], name="conv2")]
    inits = [init("w1", conv_weight(16, 3)), init("w2", conv_weight(16, 16, 1))]
    if opset >= 18:
        inits.append(init("axes", np.array(axes, np.int64)))
    return make_model(nodes, [("x", [1, 3, 4, 4])], [("y", [1, 16, 1, 1])], inits, opset=opset)


def test_reduce_key_keeps_the_axes_as_written():
    for axes, opset, key in (([-1, -2], 13, "ReduceMean4:ax-1,-2:kd1"), ([2, 3], 13, "ReduceMean4:ax2,3:kd1"),
                             ([-1, -2], 18, "ReduceMean4:ax-1,-2:kd1")):
        view = ModelView(_gap(axes, opset))
        assert motifs.reduce_key(view, view.main_nodes[2]) == key


def test_swept_reduce_flags_the_op_in_front_and_the_reduce(table_dir):
    version = _measured_version("rk3566")
    (table_dir / "sweeps").mkdir()
    _write(table_dir / "sweeps", "rk3566", version, reduces={
        "ReduceMean4:ax-1,-2:kd1": {"producer": "cpu", "node": "cpu", "n": 3},
        "ReduceMean4:ax2,3:kd1": {"producer": "npu", "node": "npu", "n": 2}})
    fs = findings(_gap([-1, -2]), target="rk3566", select={"RKN611"})
    assert sorted(f.location.node_name for f in fs) == ["mean", "relu"]
    assert all("ascending order" in f.hint and "rules/motifs/sweeps/" in f.message for f in fs)
    assert findings(_gap([2, 3]), target="rk3566", select={"RKN611"}) == []
    assert findings(_gap([-1, -2]), target="rk3588", select={"RKN611"}) == []  # measured on rk3566 only


def test_a_reduce_written_with_positive_axes_reads_the_negative_axes_measurement(table_dir):
    """placement_sweep `axmeanp` (rk3566 fp16 / int8 2.3.2): a mean over axis 2 / 3 of a [1, C, H, W] map lowered as
    the same mean over -2 / -1 (the same CPU Transposes / Reshapes); the order of the axes still keys apart."""
    ps = _sweep_cases()
    version = _measured_version("rk3566")
    (table_dir / "sweeps").mkdir()
    _write(table_dir / "sweeps", "rk3566", version, reduces={
        "ReduceMean4:ax-2:kd1": {"producer": "cpu", "node": "cpu", "n": 3},
        "ReduceMean4:ax-1,-2:kd1": {"producer": "cpu", "node": "cpu", "n": 3}})
    assert {"pre", "axmean"} <= _warned(ps.case_axmean(32, 20, 2, "ca")[0], "rk3566", version)
    assert not {"pre", "axmean"} & _warned(ps.case_axmean(32, 20, 3, "ca")[0], "rk3566", version)
    # a last-axis entry is not borrowed across the sign (a Conv map's row means vs a head RMSNorm's)
    _write(table_dir / "sweeps", "rk3566", version, reduces={
        "ReduceMean4:ax-1:kd1": {"producer": "cpu", "node": "cpu", "n": 3}})
    assert not {"pre", "axmean"} & _warned(ps.case_axmean(32, 20, 3, "ca")[0], "rk3566", version)
    assert findings(_gap([2, 3]), target="rk3566", select={"RKN611"}) == []  # [-2, -1] unmeasured, [-1, -2] apart
    assert motifs._other_sign("ReduceMean4:ax3,-2:kd1") is None


def test_a_mean_after_a_sub_spectral_norm_names_the_conv_in_front(table_dir):
    """BC-ResNet's sub-spectral norm (Conv -> Reshape [1, C * S, F / S, T] -> BatchNormalization -> Reshape back) is
    folded away by the toolkit: the CPU Transpose in front of the frequency mean after it was named after the Conv
    (unseen set 12's dynamo BC-ResNet, rk3566 fp16 / int8 2.3.2)."""
    nodes = [helper.make_node("Conv", ["x", "w"], ["c"], name="conv", kernel_shape=[1, 1]),
             helper.make_node("Reshape", ["c", "s1"], ["v"], name="split"),
             helper.make_node("BatchNormalization", ["v", "g", "b", "m", "var"], ["n"], name="ssn"),
             helper.make_node("Reshape", ["n", "s2"], ["r"], name="back"),
             helper.make_node("ReduceMean", ["r"], ["y"], name="mean", axes=[2], keepdims=1)]
    inits = [init("w", conv_weight(8, 3, 1)), init("s1", np.array([1, 32, 4, 20], np.int64)),
             init("s2", np.array([1, 8, 16, 20], np.int64)), *(init(n, np.ones(32, np.float32)) for n in "gbm"),
             init("var", np.ones(32, np.float32))]
    model = make_model(nodes, [("x", [1, 3, 16, 20])], [("y", [1, 8, 1, 20])], inits, opset=13)
    version = _measured_version("rk3566")
    (table_dir / "sweeps").mkdir()
    _write(table_dir / "sweeps", "rk3566", version, reduces={
        "ReduceMean4:ax2:kd1": {"producer": "cpu", "node": "cpu", "n": 3}})
    assert _warned_nodes(model, "rk3566", version, codes=("RKN611",)) == {"conv", "mean"}


def test_committed_sweep_puts_a_descending_mean_on_the_cpu_on_rk3566_only():
    """The committed rules/motifs/sweeps table (calibration/placement_sweep.py, real rk3566 builds)."""
    fs = findings(_gap([-1, -2], opset=18), target="rk3566", select={"RKN611"})
    assert sorted(f.location.node_name for f in fs) == ["mean", "relu"]
    assert findings(_gap([2, 3], opset=18), target="rk3566", select={"RKN611"}) == []


def test_committed_2_3_0_sweep_puts_any_spatial_mean_on_the_cpu_on_rk3566():
    """rk3566 fp16 2.3.0 (placement_sweep `reduce`, real builds): a ReduceMean over H and W in ascending order got the
    CPU Reshape after the op in front and the CPU Transpose after it; 2.3.2 pooled it on the NPU."""
    for opset in (13, 18):
        fs = findings(_gap([2, 3], opset=opset), target="rk3566", toolkit_version="2.3.0", select={"RKN611"})
        assert sorted(f.location.node_name for f in fs) == ["mean", "relu"]
        assert all("ReduceMean4:ax2,3:kd1" in f.message and "already ascending" in f.hint for f in fs)
    assert findings(_gap([2, 3]), target="rk3566", toolkit_version="2.3.2", select={"RKN611"}) == []
    fs = findings(_gap([-1, -2]), target="rk3566", toolkit_version="2.3.0", select={"RKN611"})
    front = [f for f in fs if f.location.node_name == "relu"]
    assert len(front) == 1 and "ascending order (x.mean" in front[0].hint


def test_a_reduce_transpose_is_never_named_after_an_identity_reading_it():
    """PP-OCRv6's squeeze-excite: ReduceMean -> Identity -> Conv; the toolkit drops the Identity and names the CPU
    Transpose after the ReduceMean (`Transpose:ReduceMean.0_rs`, rk3566 2.3.0), while a Reshape may lend its name."""
    model = _gap([2, 3])
    g = model.graph
    g.node[2].output[0] = "m0"
    g.node.insert(3, helper.make_node("Identity", ["m0"], ["m"], name="ident"))
    fs = findings(model, target="rk3566", toolkit_version="2.3.0", select={"RKN611"})
    node = [f for f in fs if f.location.node_name == "mean"]
    assert len(node) == 1 and node[0].data["nodes"] == ["mean"]
    g.node[3].op_type = "Reshape"
    g.node[3].input.append("shape")
    g.initializer.append(init("shape", np.array([1, 16, 1, 1], np.int64)))
    fs = findings(model, target="rk3566", toolkit_version="2.3.0", select={"RKN611"})
    assert [f.data["nodes"] for f in fs if f.location.node_name == "mean"] == [["mean", "ident"]]
    model = _gap([2, 3])  # a Flatten (not measured): both names stay possible
    g = model.graph
    g.node[2].output[0] = "m0"
    g.node.insert(3, helper.make_node("Flatten", ["m0"], ["m"], name="ident"))
    g.node[4].op_type = "Gemm"
    g.node[4].input[1] = "fw"
    g.initializer.append(init("fw", np.ones((16, 16), np.float32)))
    g.output[0].type.tensor_type.shape.dim.pop()
    g.output[0].type.tensor_type.shape.dim.pop()
    fs = findings(model, target="rk3566", toolkit_version="2.3.0", select={"RKN611"})
    assert [f.data["nodes"] for f in fs if f.location.node_name == "mean"] == [["mean", "ident"]]


def _dynamo_classifier_tail(zero_branch=True, bias=None):
    """The end of a dynamo-exported ResNet: Conv -> Relu (the shortcut, 'relu_a') -> a residual block whose last Conv
    has an all-zero weight when `zero_branch` (timm's zero_init_last with random weights) -> Add -> Relu ('relu_b')
    -> ReduceMean(axes [-1, -2]) -> Reshape [1, C] ('view') -> Gemm."""
    w2 = np.zeros((16, 16, 3, 3), np.float32) if zero_branch else conv_weight(16, 16)
    nodes = [helper.make_node("Conv", ["x", "w1"], ["a"], name="conv1", pads=[1, 1, 1, 1]),
             helper.make_node("Relu", ["a"], ["ra"], name="relu_a"),
             helper.make_node("Conv", ["ra", "w2"] + (["b2"] if bias is not None else []), ["c2"], name="conv2",
                              pads=[1, 1, 1, 1]),
             helper.make_node("Add", ["c2", "ra"], ["s"], name="add"),
             helper.make_node("Relu", ["s"], ["rb"], name="relu_b"),
             helper.make_node("ReduceMean", ["rb", "axes"], ["m"], name="mean", keepdims=1),
             helper.make_node("Reshape", ["m", "shape"], ["v"], name="view"),
             helper.make_node("Gemm", ["v", "fw", "fb"], ["y"], name="fc", transB=1)]
    inits = [init("w1", conv_weight(16, 3)), init("w2", w2), init("axes", np.array([-1, -2], np.int64)),
             init("shape", np.array([1, 16], np.int64)), init("fw", np.ones((10, 16), np.float32) * 0.1),
             init("fb", np.zeros(10, np.float32))]
    if bias is not None:
        inits.append(init("b2", np.full(16, bias, np.float32)))
    return make_model(nodes, [("x", [1, 3, 5, 5])], [("y", [1, 10])], inits, opset=18)


def test_a_reduce_behind_a_zero_residual_branch_is_named_after_the_shortcut():
    """Dynamo ResNet-Blur-18 / HaloNet-26t of unseen set 6 (random weights, timm's zero_init_last): the last block's
    branch Conv is all zeros, the toolkit drops it, the Add and the Relu after it, and names the CPU Reshape in front
    of the classifier's mean after the shortcut Relu (`Reshape:relu_14_rs` for mean(relu_16): rk3566 with 2.3.2 and
    2.5.0); a non-zero branch, or one with a non-zero bias, keeps the Relu after the Add."""
    def front(model, version):
        fs = findings(model, target="rk3566", toolkit_version=version, select={"RKN611"})
        return sorted(f.location.node_name for f in fs if f.data.get("op") == "Reshape")

    for version in ("2.3.2", "2.5.0"):
        assert front(_dynamo_classifier_tail(), version) == ["relu_a"], version
        assert front(_dynamo_classifier_tail(zero_branch=False), version) == ["relu_b"], version
        assert front(_dynamo_classifier_tail(bias=0.0), version) == ["relu_a"], version
        assert front(_dynamo_classifier_tail(bias=0.5), version) == ["relu_b"], version
    # 2.5.0 also runs a Transpose after the mean, named after the Reshape reading it when a Gemm reads that
    # (`Transpose:view_tp_rs#1`), after the mean when a BatchNormalization does (`Transpose:node_mean#1_rs#1`)
    fs = findings(_dynamo_classifier_tail(), target="rk3566", toolkit_version="2.5.0", select={"RKN611"})
    [tp] = [f for f in fs if f.data.get("op") == "Transpose"]
    assert tp.location.node_name == "view" and tp.data["nodes"] == ["view"] and "'mean'" in tp.message
    model = _dynamo_classifier_tail()
    fc = model.graph.node[-1]
    fc.op_type, fc.input[:] = "BatchNormalization", ["v", "g", "b", "b", "g"]
    fc.ClearField("attribute")
    model.graph.initializer.extend([init("g", np.ones(16, np.float32)), init("b", np.zeros(16, np.float32))])
    model.graph.output[0].type.tensor_type.shape.dim[1].dim_value = 16
    fs = findings(model, target="rk3566", toolkit_version="2.5.0", select={"RKN611"})
    [tp] = [f for f in fs if f.data.get("op") == "Transpose"]
    assert tp.location.node_name == "mean" and tp.data["nodes"] == ["mean", "view"]


def test_the_reshape_in_front_of_a_reduce_is_named_past_what_the_toolkit_drops():
    """rk3566 fp16 2.3.0 (export row): timm GhostNet's `cat(...)[:, :C]` (a Slice keeping the whole tensor) and RepViT's
    residual Add -> BatchNormalization in front of the SE ReduceMean: the CPU Reshape was named after the Concat and
    the Add (`Reshape:.../ghost1/Concat_output_0_rs`, `.../token_mixer/Add_1_output_0_rs`), never the Slice or the
    BN; a Slice that cuts channels, and a BN behind a Conv, are named themselves."""
    def front(model):
        fs = findings(model, target="rk3566", toolkit_version="2.3.0", select={"RKN611"})
        return sorted(f.location.node_name for f in fs if f.location.node_name != "mean")

    def ghost(half):
        model = _gap([2, 3])
        g = model.graph
        g.node[0].input[1] = "wh"
        g.node[1].output[0] = "r0"
        g.node.insert(2, helper.make_node("Concat", ["r0", "r0"], ["c"], name="cat", axis=1))
        g.node.insert(3, helper.make_node("Slice", ["c", "st", "en", "ax"], ["r"], name="keep"))
        g.initializer.extend([init("wh", conv_weight(half, 3)), init("st", np.array([0], np.int64)),
                              init("en", np.array([16], np.int64)), init("ax", np.array([1], np.int64))])
        return model

    assert front(ghost(8)) == ["cat"]  # [1, 16] -> Slice [0:16]: dropped
    assert front(ghost(16)) == ["keep"]  # [1, 32] -> Slice [0:16]: kept

    model = _gap([2, 3])
    g = model.graph
    g.node[1].output[0] = "r0"
    g.node.insert(2, helper.make_node("Add", ["r0", "r0"], ["s"], name="res"))
    g.node.insert(3, helper.make_node("BatchNormalization", ["s", "g", "b", "mu", "var"], ["r"], name="bn"))
    g.initializer.extend(init(n, np.ones(16, np.float32)) for n in ("g", "b", "mu", "var"))
    assert front(model) == ["res"]
    g.node[3].input[0] = "a"  # Conv -> BN: the BN is named
    g.node.remove(g.node[2])
    g.node.remove(g.node[1])
    assert front(model) == ["bn"]


def test_rows_concat_into_the_dfl_keeps_its_reshape_on_the_npu_with_2_3_0():
    """`yhead3` on rk3566 fp16 2.3.0: the rows Concat of a YOLOX tail (6 channels -> Transpose -> output) got a CPU
    Reshape after it at every map size, the box rows Concat into the DFL Reshape (64 channels, ultralytics' opset-12
    exports) at none (`dflbox`, the same 8 map sets): the key `concat3>layout` is told apart by its size class."""
    ps = _sweep_cases()
    for tail, parts, want in (("tp", (4, 1, 1), {"rows"}), ("dflbox", (64,), set())):
        for h, w in ((40, 40), (52, 52), (40, 24)):
            m, _ = ps.case_yhead3(h, w, parts, tail)
            got = {f.location.node_name for f in findings(m, target="rk3566", toolkit_version="2.3.0",
                                                          select={"RKN601", "RKN610", "RKN611"})}
            assert got & {"rows"} == want, (tail, h, w)


def _gn1():
    """timm's GroupNorm(1): Reshape [1, 1, C*H*W] -> InstanceNormalization -> Reshape back -> Mul -> Conv."""
    nodes = [helper.make_node("Conv", ["x", "w1"], ["a"], name="conv1", pads=[1, 1, 1, 1]),
             helper.make_node("Reshape", ["a", "s1"], ["f"], name="flat"),
             helper.make_node("InstanceNormalization", ["f", "g", "b"], ["n"], name="inorm"),
             helper.make_node("Reshape", ["n", "s2"], ["u"], name="unflat"),
             helper.make_node("Conv", ["u", "w2"], ["y"], name="conv2")]
    return make_model(nodes, [("x", [1, 3, 8, 8])], [("y", [1, 16, 8, 8])],
                      [init("w1", conv_weight(16, 3)), init("w2", conv_weight(16, 16, 1)),
                       init("s1", np.array([1, 1, 1024], np.int64)), init("s2", np.array([1, 16, 8, 8], np.int64)),
                       init("g", np.ones(1, np.float32)), init("b", np.zeros(1, np.float32))])


def test_swept_op_at_its_input_rank_overrides_the_single_op_table(table_dir):
    version = _measured_version("rk3566")
    def flagged():
        return "inorm" in {f.location.node_name for f in findings(_gn1(), target="rk3566", select={"RKN601"})}

    assert flagged()  # the single-op probe measured InstanceNormalization on a 4-D input: CPU
    (table_dir / "sweeps").mkdir()
    _write(table_dir / "sweeps", "rk3566", version, nodes={"InstanceNormalization3": {"placement": "npu", "n": 2}})
    assert not flagged()
    _write(table_dir / "sweeps", "rk3566", version, nodes={"InstanceNormalization3": {"placement": "mixed", "n": 2}})
    assert flagged()


def _attention(n: int):
    """timm's Attention as torch.onnx writes it: LN -> qkv Linear -> Reshape [1, N, 3, 2, 8] -> Transpose(2, 0, 3, 1, 4)
    -> Split -> Squeeze q / k / v -> q @ k^T -> Softmax -> @ v -> Transpose -> Reshape -> out."""
    c, rng = 16, np.random.default_rng(n)
    nodes = [helper.make_node("LayerNormalization", ["x", "g", "b"], ["h"], name="norm", axis=-1, epsilon=1e-6),
             helper.make_node("MatMul", ["h", "wqkv"], ["qkv0"], name="qkv_mm"),
             helper.make_node("Add", ["qkv0", "bqkv"], ["qkv"], name="qkv_add"),
             helper.make_node("Reshape", ["qkv", "s5"], ["r5"], name="qkv_rs"),
             helper.make_node("Transpose", ["r5"], ["t5"], name="qkv_tp", perm=[2, 0, 3, 1, 4]),
             helper.make_node("Split", ["t5", "ones"], ["s0", "s1", "s2"], name="split", axis=0),
             helper.make_node("Squeeze", ["s0", "zero"], ["q"], name="sq_q"),
             helper.make_node("Squeeze", ["s1", "zero"], ["k"], name="sq_k"),
             helper.make_node("Squeeze", ["s2", "zero"], ["v"], name="sq_v"),
             helper.make_node("Transpose", ["k"], ["kt"], name="k_tp", perm=[0, 1, 3, 2]),
             helper.make_node("MatMul", ["q", "kt"], ["a0"], name="qk"),
             helper.make_node("Softmax", ["a0"], ["a"], name="softmax", axis=-1),
             helper.make_node("MatMul", ["a", "v"], ["o"], name="av"),
             helper.make_node("Transpose", ["o"], ["ot"], name="o_tp", perm=[0, 2, 1, 3]),
             helper.make_node("Reshape", ["ot", "s3"], ["y"], name="o_rs")]
    inits = [init("g", np.ones(c, np.float32)), init("b", np.zeros(c, np.float32)),
             init("wqkv", rng.standard_normal((c, 3 * c)).astype(np.float32)), init("bqkv", np.zeros(3 * c, np.float32)),
             init("s5", np.array([1, n, 3, 2, 8], np.int64)), init("ones", np.ones(3, np.int64)),
             init("zero", np.zeros(1, np.int64)), init("s3", np.array([1, n, c], np.int64))]
    return make_model(nodes, [("x", [1, n, c])], [("y", [1, n, c])], inits, opset=17)


def _paddle_attention(n: int, axis: int = 0):
    """_attention as Paddle2ONNX writes PaddleOCR's SVTR attention: q, k, v each a Slice of one on `axis` and a
    Squeeze instead of the Split, q scaled by a Mul."""
    m = _attention(n)
    g = m.graph
    i = next(j for j, nd in enumerate(g.node) if nd.op_type == "Split")
    del g.node[i]
    for j, x in enumerate("qkv"):
        g.node.insert(i + j, helper.make_node("Slice", ["t5", f"st{j}", f"en{j}", "ax"], [f"s{j}"], name=f"slice_{x}"))
        g.initializer.extend([init(f"st{j}", np.array([j], np.int64)), init(f"en{j}", np.array([j + 1], np.int64))])
    g.initializer.extend([init("ax", np.array([axis], np.int64)), init("scale", np.array(0.35, np.float32))])
    qk = next(nd for nd in g.node if nd.name == "qk")
    qk.input[0] = "qs"
    g.node.insert(list(g.node).index(qk), helper.make_node("Mul", ["q", "scale"], ["qs"], name="q_scale"))
    return m


def test_paddle_sliced_qkv_is_an_attention_as_the_split():
    view = ModelView(_paddle_attention(40))
    tp = next(r for r in view.main_nodes if r.name == "qkv_tp")
    key, roles = motifs.attention_roles(view, tp)
    assert key == "attn5:a8:d8:s" and motifs.attention_keys(key) == ["attn5:a8:d8:s", "attn5:a8"]
    assert {r: n.name for r, n in roles.items()} == {
        "qkv_in": "norm", "qkv_rs": "qkv_rs", "qkv_tp": "qkv_tp", "q": "sq_q", "k_tp": "k_tp", "v": "sq_v",
        "v_slice": "slice_v", "qk": "qk", "o_rs": "o_rs"}
    # Slices on another axis do not take q, k, v out: no attention roles for them
    view = ModelView(_paddle_attention(40, axis=1))
    assert "v" not in motifs.attention_roles(view, next(r for r in view.main_nodes if r.name == "qkv_tp"))[1]


def test_swept_paddle_attention_flags_the_measured_roles(table_dir):
    version = _measured_version("rk3566")
    (table_dir / "sweeps").mkdir()
    _write(table_dir / "sweeps", "rk3566", version, attention={
        "attn5:a8": {"qkv_in": "npu", "v": "npu", "n": 1}})
    m = _paddle_attention(40)
    assert [f for f in findings(m, target="rk3566", select={"RKN611"}) if "attention" in f.message] == []
    _write(table_dir / "sweeps", "rk3566", version, attention={
        "attn5:a8": {"qkv_in": "npu", "v": "npu", "n": 2},
        "attn5:a8:d8:s": {"qkv_tp": "cpu", "v": "cpu", "o_rs": "cpu", "q": "npu", "n": 1}})
    fs = [f for f in findings(m, target="rk3566", select={"RKN611"}) if "attention" in f.message]
    assert sorted(f.location.node_name for f in fs) == ["o_rs", "qkv_tp", "sq_v"]
    assert all("attn5:a8:d8:s" in f.message for f in fs)


def test_attention_roles_and_key_follow_the_token_count():
    view = ModelView(_attention(197))
    key, roles = motifs.attention_roles(view, view.main_nodes[4])
    assert key == "attn5:a1:d8" and roles["qkv_in"].name == "norm" and roles["v"].name == "sq_v"
    assert motifs.attention_keys(key) == ["attn5:a1:d8", "attn5:a1"]
    view = ModelView(_attention(196))
    assert motifs.attention_roles(view, view.main_nodes[4])[0] == "attn5:a4:d8"
    assert motifs.attention_roles(view, view.main_nodes[9]) is None  # k's Transpose is no qkv Transpose


def test_swept_attention_flags_v_reshape_and_transpose_only_for_unaligned_tokens(table_dir):
    version = _measured_version("rk3566")
    (table_dir / "sweeps").mkdir()
    _write(table_dir / "sweeps", "rk3566", version, attention={
        "attn5:a1": {"qkv_in": "cpu", "v": "cpu", "n": 3}, "attn5:a4": {"qkv_in": "npu", "v": "npu", "n": 1}})
    fs = [f for f in findings(_attention(197), target="rk3566", select={"RKN611"}) if "attention" in f.message]
    assert sorted(f.location.node_name for f in fs) == ["norm", "sq_v"]
    assert all("197 tokens, no multiple of 4" in f.message for f in fs)
    assert [f for f in findings(_attention(196), target="rk3566", select={"RKN611"}) if "attention" in f.message] == []


def _linear_head(n: int):
    w = np.random.default_rng(n).standard_normal((16, n)).astype(np.float32)
    return make_model([helper.make_node("Relu", ["x"], ["r"], name="act"),
                       helper.make_node("MatMul", ["r", "W"], ["h"], name="head_mm"),
                       helper.make_node("Add", ["h", "b"], ["y"], name="head_add")],
                      [("x", [1, 32, 16])], [("y", [1, 32, n])], [init("W", w), init("b", np.zeros(n, np.float32))])


def test_swept_output_names_the_linear_whose_transpose_runs_on_the_cpu(table_dir):
    """head3 sweep: for [1, 32, N] with N = 6, 10 the Transpose after the Linear's Conv ran on the CPU, the output
    Reshape on the NPU; for N = 4, 8, 12, 16, 20 the other way round."""
    version = _measured_version("rk3576")
    (table_dir / "sweeps").mkdir()
    _write(table_dir / "sweeps", "rk3576", version, outputs={
        "elt>out3:a1": {"placement": "npu", "n": 2, "linear": "cpu"},
        "elt>out3:a4": {"placement": "cpu", "n": 4, "linear": "npu"}})
    fs = findings(_linear_head(10), target="rk3576", select={"RKN610"})
    assert [f.location.node_name for f in fs] == ["head_mm"] and "no multiple of 4" in fs[0].message
    fs = findings(_linear_head(12), target="rk3576", select={"RKN610"})
    assert [f.location.tensor for f in fs] == ["y"]  # the output Reshape, not the Linear


def _ctc_head(n: int):
    """_linear_head with a Softmax over N (behind an Identity, as Paddle2ONNX writes it) making the output: PP-OCR rec."""
    m = _linear_head(n)
    m.graph.node[-1].output[0] = "h1"
    m.graph.node.extend([helper.make_node("Identity", ["h1"], ["h2"], name="drop"),
                         helper.make_node("Softmax", ["h2"], ["y"], name="head_softmax", axis=-1)])
    return m


def test_swept_ctc_head_names_the_linear_behind_the_softmax(table_dir):
    """head3sm sweep (measured on rk3566 fp16; the same mechanism on a family without a Linear width fact): behind a Softmax, N = 37, 97, 6625 put the Transpose after the Linear on the CPU,
    N = 12, 64 the output Reshape."""
    view = ModelView(_ctc_head(10))
    assert motifs.output_key(view, "y") == "softmax>out3:a1" and motifs.output_linear(view, "y").name == "head_mm"
    version = _measured_version("rk3576")
    (table_dir / "sweeps").mkdir()
    _write(table_dir / "sweeps", "rk3576", version, outputs={
        "softmax>out3:a1": {"placement": "npu", "n": 3, "linear": "cpu"},
        "softmax>out3:a4": {"placement": "cpu", "n": 1, "linear": "npu"}})
    fs = findings(_ctc_head(10), target="rk3576", select={"RKN610"})
    assert [f.location.node_name for f in fs] == ["head_mm"] and "no multiple of 4" in fs[0].message
    fs = findings(_ctc_head(12), target="rk3576", select={"RKN610"})
    assert [f.location.tensor for f in fs] == ["y"]


def _padded_audio():
    """silero-vad's STFT front: a rank-2 audio input [1, 576] -> reflect Pad -> Unsqueeze -> strided Conv1d."""
    w = np.random.default_rng(0).standard_normal((8, 1, 64)).astype(np.float32)
    return make_model([helper.make_node("Pad", ["x", "pads"], ["p"], name="pad", mode="reflect"),
                       helper.make_node("Unsqueeze", ["p", "ax"], ["u"], name="unsq"),
                       helper.make_node("Conv", ["u", "w"], ["y"], name="conv", kernel_shape=[64], strides=[32])],
                      [("x", [1, 576])], [("y", [1, 8, 21])],
                      [init("pads", np.array([0, 64, 0, 64], np.int64)), init("ax", np.array([1], np.int64)),
                       init("w", w)], opset=15)


def test_swept_input_motif_is_a_finding_on_the_input(table_dir):
    """in2pad sweep (rk3566 fp16): the toolkit's Reshape on a rank-2 input into a Pad ran on the CPU."""
    assert motifs.input_key(ModelView(_padded_audio()), "x") == "in2:f>pad"
    version = _measured_version("rk3566")
    (table_dir / "sweeps").mkdir()
    _write(table_dir / "sweeps", "rk3566", version, inputs={"in2:f>pad": {"placement": "npu", "n": 4}})
    assert [f for f in findings(_padded_audio(), target="rk3566", select={"RKN611"}) if "graph input" in f.message] == []
    _write(table_dir / "sweeps", "rk3566", version, inputs={"in2:f>pad": {"placement": "cpu", "n": 4}})
    [f] = [f for f in findings(_padded_audio(), target="rk3566", select={"RKN611"}) if "graph input" in f.message]
    assert f.location.tensor == "x" and "in2:f>pad; small models" in f.message


def _padded_audio_mode(mode: str):
    m = _padded_audio()
    for a in m.graph.node[0].attribute:
        if a.name == "mode":
            a.s = mode.encode()
    return m


def test_integer_mask_input_is_keyed_by_what_reads_its_cast():
    """An int64 attention mask read by a Cast alone: the key names the Cast's readers (maskcast's Unsqueeze, DistilBERT's
    Flatten: `layout`; MobileBERT's GatherND as dynamo writes it), so the 2.5.0 tables, measured on the Unsqueeze form
    only (CPU Reshape on rk3588 and rk3566), say nothing for the GatherND form, which 2.5.0 built without one in
    MobileBERT; with 2.5.0 on rk3588 the committed table puts the Unsqueeze form's mask on the CPU and not the other."""
    ps = load_script("calibration/placement_sweep.py")
    unsq = ps.case_maskcast(64, "bool")[0]
    gnd = ps.case_maskgnd(64)[0]
    assert motifs.input_keys(ModelView(unsq), "mask") == ["in2:i>elt:cast>layout", "in2:i>elt"]
    assert motifs.input_keys(ModelView(gnd), "mask") == ["in2:i>elt:cast>gathernd", "in2:i>elt"]
    assert motifs.input_keys(ModelView(unsq), "x") == ["in3:f>elt@a16", "in3:f>elt"]  # a float input: no Cast key

    def on_mask(m):
        return [f for f in findings(m, target="rk3588", toolkit_version="2.5.0", select={"RKN611"})
                if f.location.tensor == "mask"]
    assert len(on_mask(unsq)) == 1 and on_mask(gnd) == []


def test_input_key_spells_the_pad_mode_first(table_dir):
    """in2pad with 2.3.2 (rk3566 fp16): the input's Reshape ran on the CPU into a reflect Pad, not into a constant
    Pad; the Pad-mode key decides before the plain one."""
    assert motifs.input_keys(ModelView(_padded_audio()), "x") == ["in2:f>pad:reflect", "in2:f>pad"]
    assert motifs.input_keys(ModelView(_padded_audio_mode("constant")), "x") == ["in2:f>pad:constant", "in2:f>pad"]
    version = _measured_version("rk3566")
    (table_dir / "sweeps").mkdir()
    _write(table_dir / "sweeps", "rk3566", version, inputs={
        "in2:f>pad": {"placement": "mixed", "n": 4}, "in2:f>pad:reflect": {"placement": "cpu", "n": 3},
        "in2:f>pad:constant": {"placement": "npu", "n": 1}})
    [f] = [f for f in findings(_padded_audio(), target="rk3566", select={"RKN611"}) if "graph input" in f.message]
    assert f.location.tensor == "x" and "in2:f>pad:reflect; small models" in f.message
    assert [f for f in findings(_padded_audio_mode("constant"), target="rk3566", select={"RKN611"})
            if "graph input" in f.message] == []


def test_rank3_input_key_spells_the_last_dims_alignment_first(table_dir):
    """in3 with 2.3.2 (rk3588 fp16): the Reshape on a rank-3 input ran on the CPU where its last dim is no multiple of
    8 ([1, 40, 101] into a Conv1d), on the NPU where it is ([1, 40, 96]); the sized key decides before the plain one."""
    ps = _sweep_cases()
    odd, even = ps.case_in3(40, 101, "conv")[0], ps.case_in3(40, 96, "conv")[0]
    assert motifs.input_keys(ModelView(odd), "x") == ["in3:f>conv@a1", "in3:f>conv"]
    assert motifs.input_keys(ModelView(even), "x") == ["in3:f>conv@a16", "in3:f>conv"]
    version = _measured_version("rk3588")
    (table_dir / "sweeps").mkdir()
    _write(table_dir / "sweeps", "rk3588", version, inputs={
        "in3:f>conv": {"placement": "npu", "n": 9}, "in3:f>conv@a1": {"placement": "cpu", "n": 5},
        "in3:f>conv@a16": {"placement": "npu", "n": 4}})
    [f] = [f for f in findings(odd, target="rk3588", select={"RKN611"}) if "graph input" in f.message]
    assert f.location.tensor == "x" and "in3:f>conv@a1" in f.message
    assert [f for f in findings(even, target="rk3588", select={"RKN611"}) if "graph input" in f.message] == []


def _input_hits(model, target, version):
    return [f.location.tensor for f in findings(model, target=target, toolkit_version=version, select={"RKN611"})
            if "graph input" in f.message]


def test_rank3_input_reshape_with_250_follows_the_in3_builds():
    """in3 built with rknn-toolkit2 2.5.0 and 2.3.0 (the committed sweep tables): on rk3566 fp16 the Reshape on a rank-3 input
    ran on the CPU into a Conv1d, a MatMul ([1, 24, 500], a decoder's tokens) and PointNet's input transform (read
    by a Conv1d and a MatMul, [1, 3, 1024]) at every size; on rk3588 fp16 only where the last dim is no multiple of
    8 (the transform at 101 points, not at 1024). An input into a Transpose keeps the plain key (flat3: NPU)."""
    ps = _sweep_cases()
    tnet, tnet_odd = ps.case_in3(3, 1024, "tnet")[0], ps.case_in3(3, 101, "tnet")[0]
    tokens = ps.case_in3(500, 24, "matmul")[0]
    assert motifs.input_keys(ModelView(tnet), "x") == ["in3:f>conv+layout@a16", "in3:f>conv+layout"]
    for version in ("2.3.0", "2.5.0"):  # 2.3.0: the partial sweeps' in3 keys, the same placements
        for m in (tnet, tnet_odd, tokens):
            assert _input_hits(m, "rk3566", version) == ["x"], version
        assert _input_hits(tnet, "rk3588", version) == [], version
        assert _input_hits(tnet_odd, "rk3588", version) == ["x"], version
    # a rank-3 input read by a Transpose has no sized key
    x = helper.make_tensor_value_info("x", onnx.TensorProto.FLOAT, [1, 50, 128])
    y = helper.make_tensor_value_info("y", onnx.TensorProto.FLOAT, [50, 1, 128])
    g = helper.make_graph([helper.make_node("Transpose", ["x"], ["y"], perm=[1, 0, 2])], "g", [x], [y])
    assert motifs.input_keys(ModelView(helper.make_model(g)), "x") == ["in3:f>layout"]


def test_a_series_input_into_its_decomposition_follows_the_dlin_builds():
    """dlin with 2.3.2 (the committed sweep tables): DLinear's series x[1, T, C] read by Slices, a Concat and a Sub got
    a CPU Reshape on rk3588 where C is no multiple of 8 in fp16 (7, 21, 3; 8 and 16 not), of 16 in int8 (8 too), and
    none on rk3576 fp16; an input read by a Transpose keeps no sized key (above)."""
    ps = _sweep_cases()
    odd, eight, wide = (ps.case_dlin(336, c)[0] for c in (7, 8, 16))
    assert motifs.input_keys(ModelView(odd), "x") == ["in3:f>concat+elt+slice@a1", "in3:f>concat+elt+slice"]
    assert _input_hits(odd, "rk3588", "2.3.2") == ["x"]
    assert _input_hits(eight, "rk3588", "2.3.2") == _input_hits(wide, "rk3588", "2.3.2") == []
    assert _input_hits(odd, "rk3576", "2.3.2") == []
    int8 = [f.location.tensor for f in findings(eight, target="rk3588", dtype="int8", toolkit_version="2.3.2",
                                                select={"RKN611"}) if "graph input" in f.message]
    assert int8 == ["x"]
    # in3ln `revin` / `lnd` (iTransformer's RevIN, a written-out LayerNorm): read by a ReduceMean and a Sub, the same
    revin, revin8 = ps.case_in3ln(96, 21, "revin")[0], ps.case_in3ln(96, 8, "revin")[0]
    assert motifs.input_keys(ModelView(revin), "x") == ["in3:f>elt+reduce@a1", "in3:f>elt+reduce"]
    assert _input_hits(revin, "rk3588", "2.3.2") == ["x"]
    assert _input_hits(revin8, "rk3588", "2.3.2") == []


def test_rank3_input_into_a_layernorm_follows_the_in3ln_builds():
    """in3ln built with 2.3.2 and 2.5.0 (the committed sweep tables): on rk3566 fp16 a rank-3 input read by a
    LayerNormalization, by its written-out form (ReduceMean / Sub) or by a position-embedding Add got a CPU layer
    (`Transpose:x_tp` / `Reshape:x_rs`) at every T and C; read by a Reshape to [T, C] it got none (issue repro i162,
    where the probe of 2.5.0 alone had said CPU); on rk3588 none of them did."""
    ps = _sweep_cases()
    ln, lnd, flat = (ps.case_in3ln(50, 256, f)[0] for f in ("ln", "lnd", "rs"))
    assert motifs.input_keys(ModelView(ln), "x") == ["in3:f>ln"]
    assert motifs.input_keys(ModelView(lnd), "x") == ["in3:f>elt+reduce@a16", "in3:f>elt+reduce"]
    for version in ("2.3.2", "2.5.0"):
        assert _input_hits(ln, "rk3566", version) == ["x"], version
        assert _input_hits(lnd, "rk3566", version) == ["x"], version
        assert _input_hits(flat, "rk3566", version) == [], version
    assert _input_hits(ln, "rk3588", "2.3.2") == _input_hits(lnd, "rk3588", "2.3.2") == []


def test_an_unmeasured_alignment_class_takes_what_its_measured_classes_agree_on():
    """rk3566 fp16 2.3.2 (in3): a rank-3 input into a MatMul got a CPU Reshape at last dims no multiple of 8 and at
    multiples of 16 alike; a last dim of 40 (Mamba2's [1, 64, 40]) follows them, before the plain key that Flatten
    inputs measured on the NPU."""
    x = helper.make_tensor_value_info("x", onnx.TensorProto.FLOAT, [1, 64, 40])
    y = helper.make_tensor_value_info("y", onnx.TensorProto.FLOAT, [1, 64, 64])
    w = helper.make_tensor("w", onnx.TensorProto.FLOAT, [40, 64], [0.1] * 40 * 64)
    g = helper.make_graph([helper.make_node("MatMul", ["x", "w"], ["y"])], "g", [x], [y], [w])
    m = helper.make_model(g, opset_imports=[helper.make_opsetid("", 13)])
    assert motifs.input_keys(ModelView(m), "x") == ["in3:f>layout@a8", "in3:f>layout"]
    assert _input_hits(m, "rk3566", "2.3.2") == ["x"]


def test_swept_motif_comes_after_whole_builds_and_before_the_back_offs(table_dir):
    m = _reshape_between_convs()
    view = ModelView(m)
    key = motifs.chain_key(view, motifs.run_of(view, view.main_nodes[1]))
    version = _measured_version("rk3566")
    _write(table_dir, "rk3566", version, neighbors={"conv>Reshape>conv": {"placement": "npu", "n": 9, "cpu": 0}})
    assert findings(m, target="rk3566", select={"RKN601"}) == []
    (table_dir / "sweeps").mkdir()
    _write(table_dir / "sweeps", "rk3566", version, motifs={key: {"nodes": ["cpu"], "n": 2}})
    [f] = findings(m, target="rk3566", select={"RKN601"})
    assert f.location.node_name == "rs" and "calibration/placement_sweep.py" in f.data["source"]
    _write(table_dir, "rk3566", version, motifs={key: {"nodes": ["npu"], "n": 1}})  # a real build of it decides
    assert findings(m, target="rk3566", select={"RKN601"}) == []


def _xca(n: int):
    """XCiT's cross-covariance attention: _attention with the qkv Transpose(2, 0, 3, 4, 1) (attention over channels)."""
    m = _attention(n)
    for node in m.graph.node:
        if node.name == "qkv_tp":
            node.attribute[0].ints[:] = [2, 0, 3, 4, 1]
        if node.name == "o_tp":
            node.attribute[0].ints[:] = [0, 3, 1, 2]
    return m


def test_xca_attention_flags_the_qkv_reshape_and_transpose_at_every_token_count(table_dir):
    """placement_sweep `xca`: with XCiT's permutation the qkv Reshape and Transpose ran on the CPU for N = 64, 196, 197
    (rk3566 fp16), v's Transpose only for 197; the timm permutation's key and roles are unchanged."""
    view = ModelView(_xca(196))
    key, roles = motifs.attention_roles(view, view.main_nodes[4])
    assert key == "xca5:a4:d8" and roles["qkv_rs"].name == "qkv_rs" and roles["qkv_tp"].name == "qkv_tp"
    version = _measured_version("rk3566")
    (table_dir / "sweeps").mkdir()
    _write(table_dir / "sweeps", "rk3566", version, attention={
        "xca5:a4": {"qkv_in": "npu", "qkv_rs": "cpu", "qkv_tp": "cpu", "v": "npu", "n": 1},
        "attn5:a4": {"qkv_in": "npu", "qkv_rs": "npu", "qkv_tp": "npu", "v": "npu", "n": 1}})
    fs = [f for f in findings(_xca(196), target="rk3566", select={"RKN611"}) if "attention" in f.message]
    assert sorted(f.location.node_name for f in fs) == ["qkv_rs", "qkv_tp"]
    assert [f for f in findings(_attention(196), target="rk3566", select={"RKN611"}) if "attention" in f.message] == []


def _zero_branch(weight: np.ndarray, shared: bool = False):
    """Conv -> [Sigmoid -> Log -> 1x1 Conv(weight)] -> Add the trunk: the branch Conv's weight through an Identity
    when `shared` (torch.onnx shares equal weights so)."""
    nodes = [helper.make_node("Conv", ["x", "w1"], ["a"], name="pre", pads=[1, 1, 1, 1]),
             helper.make_node("Sigmoid", ["a"], ["s"], name="sig"),
             helper.make_node("Log", ["s"], ["l"], name="log"),
             *([helper.make_node("Identity", ["wz"], ["wz_shared"], name="share")] if shared else []),
             helper.make_node("Conv", ["l", "wz_shared" if shared else "wz", "bz"], ["b"], name="branch"),
             helper.make_node("Add", ["a", "b"], ["y"], name="res")]
    return make_model(nodes, [("x", [1, 3, 16, 16])], [("y", [1, 8, 16, 16])],
                      [init("w1", conv_weight(8, 3)), init("wz", weight), init("bz", np.ones(8, np.float32))])


def test_branch_behind_an_all_zero_weight_is_dropped_where_a_sweep_measured_it(table_dir):
    """placement_sweep `zero` (rk3566 fp16): the CPU Log in front of a 1x1 Conv with an all-zero weight was dropped
    with its branch; with a random weight it ran on the CPU. -0.0 (what BN folding leaves) counts as zero."""
    zero = np.zeros((8, 8, 1, 1), np.float32)
    zero[0, 0, 0, 0] = -0.0
    zero[1] = -0.0
    view = ModelView(_zero_branch(zero))
    assert {view.main_nodes[i].name for i in dropped_nodes.dead_nodes(view)} == {"sig", "log"}
    assert dropped_nodes.dead_nodes(ModelView(_zero_branch(zero + 0.1))) == frozenset()
    version = _measured_version("rk3566")
    (table_dir / "sweeps").mkdir()
    _write(table_dir / "sweeps", "rk3566", version, zero_weight={"Conv": {"branch": "dropped", "n": 1}})

    def logs(m):
        return [f.location.node_name for f in findings(m, target="rk3566", select={"RKN601"})]

    assert logs(_zero_branch(zero)) == [] and logs(_zero_branch(zero, shared=True)) == []
    assert logs(_zero_branch(zero + 0.1)) == ["log"]
    _write(table_dir / "sweeps", "rk3566", version, zero_weight={"Conv": {"branch": "kept", "n": 1}})
    assert logs(_zero_branch(zero)) == ["log"]  # not measured as dropped: the single-op table speaks


def test_a_large_weight_is_judged_zero_from_the_file_as_from_memory(tmp_path):
    """A weight of 1 MB or more is first looked at in the model file (weight_heads: reading raw_data copies the whole
    tensor, most of `check`'s time on a 100 MB model); the answer is the one the whole tensor gives: zeros, -0.0
    included, make the branch dead; nonzero first numbers, or zeros first and a number further on, keep it live."""
    def dead(weight, name):
        nodes = [helper.make_node("Conv", ["x", "w1"], ["a"], name="pre", pads=[1, 1, 1, 1]),
                 helper.make_node("Sigmoid", ["a"], ["s"], name="sig"),
                 helper.make_node("Log", ["s"], ["l"], name="log"),
                 helper.make_node("Conv", ["l", "wz", "bz"], ["b"], name="branch"),
                 helper.make_node("Add", ["a", "b"], ["y"], name="res")]
        m = make_model(nodes, [("x", [1, 3, 8, 8])], [("y", [1, 512, 8, 8])],
                       [init("w1", conv_weight(512, 3)), init("wz", weight), init("bz", np.ones(512, np.float32))])
        path = tmp_path / f"{name}.onnx"
        onnx.save(m, path)
        view = ModelView(onnx.load(path), path)
        return {view.main_nodes[i].name for i in dropped_nodes.dead_nodes(view)}

    zero = np.zeros((512, 512, 1, 1), np.float32)
    assert zero.nbytes >= 1 << 20
    zero[0] = -0.0
    assert dead(zero, "zero") == {"sig", "log"}
    late = zero.copy()
    late[511, 511] = 1.0
    assert dead(late, "late") == set()
    assert dead(zero + 0.1, "random") == set()


def test_a_version_without_motif_tables_borrows_the_nearest_versions_placements_not_its_crashes(table_dir):
    """A family with whole-build motif tables for 2.5.0 only (rk3566 before its 2.3.2 builds were mined): 2.3.2
    borrows their placements (measured: on the 45 exports of calibration/subset-issue12.txt, rk3566 float16 with
    2.3.2, CPU-node precision 18.9% with the single-op tables, 71.6% with 2.5.0's motif tables), and the finding cites
    the version that measured it; a probed crash of 2.5.0 is not one of 2.3.2's."""
    m = _reshape_between_convs()
    _write(table_dir, "rk3566", "2.5.0", motifs={"conv>Reshape4>4>conv": {"nodes": ["npu"], "n": 1}})
    assert findings(m, target="rk3566", select={"RKN601"}, toolkit_version="2.3.2") == []
    _write(table_dir, "rk3566", "2.5.0", motifs={"conv>Reshape4>4>conv": {"nodes": ["cpu"], "n": 1}})
    [f] = findings(m, target="rk3566", select={"RKN601"}, toolkit_version="2.3.2")
    assert "rules/motifs/rk3566-float16-2.5.0.yaml" in f.data["source"] and "2.3.2" not in f.data["source"]
    tab = motifs.table("rk3566", "float16", "2.3.2")
    assert tab["toolkit"] == "2.5.0" and tab["borrowed"] == {"whole": "2.5.0"}
    assert motifs.table("rk3566", "float16", "2.5.0").get("borrowed") is None
    assert motifs.table("rk3588", "float16", "2.3.2") is None  # the family has no table in any version
    probed = table_dir / "probed"
    probed.mkdir()
    (probed / "rk3566-float16-2.5.0.yaml").write_text(yaml.safe_dump(
        {"toolkit": "2.5.0", "family": "rk3566", "dtype": "float16",
         "crashes": {"conv>Reshape4>4>conv": {"status": "failed", "sizes": ["1x16x16x16"]}}}))
    motifs.table.cache_clear()
    assert "crashes" in motifs.table("rk3566", "float16", "2.5.0")["probed"]
    assert "crashes" not in motifs.table("rk3566", "float16", "2.3.2")["probed"]
    # a kind of table the version has of its own is its own; each other kind is still borrowed
    (probed / "rk3566-float16-2.3.2.yaml").write_text(yaml.safe_dump(
        {"toolkit": "2.3.2", "family": "rk3566", "dtype": "float16",
         "crashes": {"conv>Reshape4>4>conv": {"status": "failed", "sizes": ["1x16x16x16"]}}}))
    motifs.table.cache_clear()
    tab = motifs.table("rk3566", "float16", "2.3.2")
    assert "crashes" in tab["probed"] and tab["borrowed"] == {"whole": "2.5.0"}
    # the version's own table, once measured, wins over a borrowed one
    _write(table_dir, "rk3566", "2.3.2", motifs={"conv>Reshape4>4>conv": {"nodes": ["npu"], "n": 1}})
    assert findings(m, target="rk3566", select={"RKN601"}, toolkit_version="2.3.2") == []


def _divide(divisor: str):
    """Conv -> Div by `divisor` -> Conv: `computed` (Sigmoid(Conv) + 1, as EfficientViT's linear attention divides by
    its computed normaliser) or `const` (a [1, C, 1, 1] constant)."""
    c = 8
    nodes = [helper.make_node("Conv", ["x", "w1"], ["a"], name="conv1", pads=[1, 1, 1, 1])]
    if divisor == "computed":
        nodes += [helper.make_node("Conv", ["a", "w2"], ["d0"], name="den_conv"),
                  helper.make_node("Sigmoid", ["d0"], ["d1"], name="den_sig"),
                  helper.make_node("Add", ["d1", "one"], ["d"], name="eps")]
    nodes += [helper.make_node("Div", ["a", "d" if divisor == "computed" else "k"], ["q"], name="div"),
              helper.make_node("Conv", ["q", "w3"], ["y"], name="conv2")]
    inits = [init("w1", conv_weight(c, 3)), init("w2", conv_weight(c, c, 1)), init("w3", conv_weight(c, c, 1)),
             init("one", np.array(1.0, np.float32)), init("k", np.full((1, c, 1, 1), 2.0, np.float32))]
    return make_model(nodes, [("x", [1, 3, 16, 16])], [("y", [1, c, 16, 16])], inits)


def test_int8_sweep_table_puts_a_computed_divisor_on_the_cpu_in_int8_only(table_dir):
    """calibration/placement_sweep.py `div`, int8 on rk3566 / rk3588 / rk3576 / rk3562: a Div whose divisor the network
    computes ran on the CPU, a Div by a constant on the NPU; fp16 kept both on the NPU. The family's int8 sweep table
    answers int8 checks, its float16 table fp16 checks."""
    version = _measured_version("rk3566")
    view = ModelView(_divide("computed"))
    assert motifs.node_key_sweep(view, next(r for r in view.main_nodes if r.op_type == "Div")) == "Div4:t"
    view = ModelView(_divide("const"))
    assert motifs.node_key_sweep(view, next(r for r in view.main_nodes if r.op_type == "Div")) == "Div4"
    (table_dir / "sweeps").mkdir()
    _write(table_dir / "sweeps", "rk3566", version, nodes={"Div4:t": {"placement": "npu", "n": 1}})
    doc = {"toolkit": version, "family": "rk3566", "dtype": "int8",
           "nodes": {"Div4:t": {"placement": "cpu", "n": 4}, "Div4": {"placement": "npu", "n": 1}}}
    (table_dir / "sweeps" / f"rk3566-int8-{version}.yaml").write_text(yaml.safe_dump(doc))
    motifs.table.cache_clear()

    def flagged(divisor: str, dtype: str) -> list[str]:
        return [f.location.node_name for f in findings(_divide(divisor), target="rk3566", dtype=dtype,
                                                       select={"RKN601"})]

    assert flagged("computed", "int8") == ["div"]
    [f] = findings(_divide("computed"), target="rk3566", dtype="int8", select={"RKN601"})
    assert f"rules/motifs/sweeps/rk3566-int8-{version}.yaml: Div4:t" in f.data["source"]
    assert flagged("computed", "fp16") == [] and flagged("const", "int8") == []


def _batched_attention(n: int, batch: int):
    """_attention with a batch of `batch` patches (MobileViT runs its transformer on the 4 pixels of 2x2 patches)."""
    m = _attention(n)
    for t in m.graph.initializer:
        if t.name in ("s5", "s3"):
            vals = list(np.frombuffer(t.raw_data, np.int64)) if t.raw_data else list(t.int64_data)
            t.ClearField("raw_data")
            t.ClearField("int64_data")
            t.int64_data.extend([batch, *vals[1:]])
    for vi in (*m.graph.input, *m.graph.output):
        vi.type.tensor_type.shape.dim[0].dim_value = batch
    return m


def test_batched_attention_key_and_int8_roles(table_dir):
    """On rk3566 int8 the qkv Reshape / Transpose of an attention over a batch of 4 patches and the Reshape back to
    tokens ran on the CPU (placement_sweep `attn` b = 4); a table without the batched key falls back to batch 1."""
    view = ModelView(_batched_attention(16, 4))
    key, roles = motifs.attention_roles(view, view.main_nodes[4])
    assert key == "attn5:a16:d8:bn"
    assert {r: n.name for r, n in roles.items()} == {
        "qkv_in": "norm", "qkv_rs": "qkv_rs", "qkv_tp": "qkv_tp", "split": "split", "q": "sq_q", "k_tp": "k_tp",
        "v": "sq_v", "qk": "qk", "o_rs": "o_rs"}
    version = _measured_version("rk3566")
    (table_dir / "sweeps").mkdir()
    _write(table_dir / "sweeps", "rk3566", version, attention={
        "attn5:a16": {"qkv_in": "npu", "v": "npu", "n": 1},
        "attn5:a16:d8:bn": {"qkv_rs": "cpu", "qkv_tp": "cpu", "o_rs": "cpu", "v": "npu", "n": 2}})
    fs = [f for f in findings(_batched_attention(16, 4), target="rk3566", select={"RKN611"}) if "attention" in f.message]
    assert sorted(f.location.node_name for f in fs) == ["o_rs", "qkv_rs", "qkv_tp"]
    assert {f.data["role"] for f in fs} == {"qkv_rs", "qkv_tp", "o_rs"}
    assert [f for f in findings(_attention(16), target="rk3566", select={"RKN611"}) if "attention" in f.message] == []
    _write(table_dir / "sweeps", "rk3566", version, attention={"attn5:a16": {"qkv_in": "cpu", "v": "npu", "n": 1}})
    fs = [f for f in findings(_batched_attention(16, 4), target="rk3566", select={"RKN611"}) if "attention" in f.message]
    assert [f.location.node_name for f in fs] == ["norm"]  # no batched key measured: the batch-of-1 entry answers
    # q scaled after its Squeeze (torch.onnx's scaled_dot_product_attention) is another key
    m = _batched_attention(16, 4)
    sq_q = next(n for n in m.graph.node if n.name == "sq_q")
    sq_q.output[0] = "q_raw"
    m.graph.node.insert(list(m.graph.node).index(sq_q) + 1,
                        helper.make_node("Mul", ["q_raw", "qscale"], ["q"], name="q_scale"))
    m.graph.initializer.append(init("qscale", np.array(0.5, np.float32)))
    view = ModelView(m)
    assert motifs.attention_roles(view, view.main_nodes[4])[0] == "attn5:a16:d8:bn:s"


def _area_attention(hw: int):
    """ultralytics' area attention as exported: Conv qkv -> Reshape [1, 2, 128, N] -> Split (32, 32, 64) on axis 2 ->
    q scaled and transposed @ k -> Softmax -> v @ attn^T -> Reshape -> Conv."""
    n = hw * hw
    nodes = [helper.make_node("Conv", ["x", "wq"], ["qkv"], name="qkv"),
             helper.make_node("Reshape", ["qkv", "s4"], ["r"], name="qkv_rs"),
             helper.make_node("Split", ["r", "sizes"], ["q0", "k", "v"], name="split", axis=2),
             helper.make_node("Mul", ["q0", "scale"], ["q1"], name="q_scale"),
             helper.make_node("Transpose", ["q1"], ["qt"], name="q_tp", perm=[0, 1, 3, 2]),
             helper.make_node("MatMul", ["qt", "k"], ["a0"], name="qk"),
             helper.make_node("Softmax", ["a0"], ["a1"], name="softmax", axis=-1),
             helper.make_node("Transpose", ["a1"], ["at"], name="a_tp", perm=[0, 1, 3, 2]),
             helper.make_node("MatMul", ["v", "at"], ["o"], name="av"),
             helper.make_node("Reshape", ["o", "s_out"], ["o4"], name="o_rs"),
             helper.make_node("Conv", ["o4", "wp"], ["y"], name="proj")]
    inits = [init("wq", conv_weight(256, 128, 1)), init("wp", conv_weight(128, 128, 1)),
             init("s4", np.array([1, 2, 128, n], np.int64)), init("sizes", np.array([32, 32, 64], np.int64)),
             init("scale", np.array(32 ** -0.5, np.float32)), init("s_out", np.array([1, 128, hw, hw], np.int64))]
    return make_model(nodes, [("x", [1, 128, hw, hw])], [("y", [1, 128, hw, hw])], inits)


def test_swept_area_attention_flags_the_split_by_token_count(table_dir):
    """placement_sweep `aattn` on rk3566 int8: the toolkit's CPU Transpose / Reshape on v is named after the Split."""
    view = ModelView(_area_attention(10))
    split = next(r for r in view.main_nodes if r.op_type == "Split")
    assert motifs.area_attention_key(view, split) == "aattn4:a4"
    assert motifs.area_attention_key(view, next(r for r in view.main_nodes if r.op_type == "Conv")) is None
    version = _measured_version("rk3566")
    (table_dir / "sweeps").mkdir()
    _write(table_dir / "sweeps", "rk3566", version, area_attention={
        "aattn4:a4": {"placement": "cpu", "n": 1}, "aattn4:a16": {"placement": "npu", "n": 1}})
    fs = [f for f in findings(_area_attention(10), target="rk3566", select={"RKN611"}) if f.data.get("role") == "v"]
    assert [f.location.node_name for f in fs] == ["split"] and "aattn4:a4" in fs[0].message
    assert [f for f in findings(_area_attention(20), target="rk3566", select={"RKN611"})
            if f.data.get("role") == "v"] == []


def test_area_split_attention_names_its_cpu_roles(table_dir):
    """placement_sweep `aattn_area` (YOLO12's A2C2f with 4 areas, rk3566 fp16 2.3.2): the Split has its own key, and
    the roles the sweep measured on the CPU (q's Transpose, the product v @ attn^T, the way back) are named once."""
    m, _ = _sweep_cases().case_aattn_area(20, 4)
    view = ModelView(m)
    split = next(r for r in view.main_nodes if r.op_type == "Split")
    assert motifs.area_attention_key(view, split) == "aattn4:a4:areas"
    roles = motifs.area_attention_roles(view, split)
    assert {r: n.node.name for r, n in roles.items()} == {
        "q_tp": "q_tp", "av": "av", "o_tp": "o_tp", "o_rs": "o_rs", "o_nchw": "o_nchw", "area_rs": "area_rs",
        "area_tp": "area_tp", "v_rs": "v_rs", "v_nchw": "v_nchw"}
    one, _ = _sweep_cases().case_aattn_area(20, 1)
    v1 = ModelView(one)
    assert motifs.area_attention_key(v1, next(r for r in v1.main_nodes if r.op_type == "Split")) == "aattn4:a16:tp"
    version = _measured_version("rk3566")
    (table_dir / "sweeps").mkdir()
    _write(table_dir / "sweeps", "rk3566", version, area_attention={"aattn4:a4:areas": {
        "placement": "cpu", "n": 1, "roles": {"q_tp": "cpu", "av": "cpu", "o_tp": "npu", "o_rs": "cpu",
                                              "o_nchw": "cpu"}}})
    fs = findings(m, target="rk3566", select={"RKN601", "RKN611"})
    for node in ("split", "q_tp", "av", "o_rs", "o_nchw"):  # each once: RKN611 leaves RKN601's own nodes to it
        assert len([f for f in fs if f.location.node_name == node]) == 1, node
    assert [f for f in fs if f.code == "RKN611" and f.location.node_name == "o_tp"] == []  # measured npu
    assert "v @ attn^T" in next(f.message for f in fs if f.location.node_name == "av")
    assert [f for f in findings(one, target="rk3566", select={"RKN611"}) if f.data.get("role") in motifs.AREA_ROLES] == []


def _sweep_cases():
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "calibration" / "placement_sweep.py"
    spec = importlib.util.spec_from_file_location("placement_sweep", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_channels_last_gated_blocks_are_keyed_by_size_and_run_length(table_dir):
    """placement_sweep `glu` (rk3566 fp16): a run of 2+ MambaOut blocks at 16 px put the Transposes around fc1, the
    depthwise Conv and the gate on the CPU; one block, or 32 px, stayed on the NPU."""
    ps = _sweep_cases()
    view = ModelView(ps.case_glu(48, 32, stages=2, blocks=2)[0])
    blocks = motifs.glu_blocks(view)
    assert [(b["key"], b["hw"], b["c"]) for b in blocks] == [("glu4:hwgt16:b2+", [32, 32], 48)] * 2 + [
        ("glu4:hwle16:b2+", [16, 16], 96)] * 2
    assert blocks[2]["roles"]["first_norm"].name == "s2_norm" and blocks[3]["roles"]["exit"].name == "to_nchw"
    assert motifs.glu_blocks(ModelView(ps.case_glu(96, 16, split=False)[0])) == []  # no gate: not this block
    version = _measured_version("rk3566")
    (table_dir / "sweeps").mkdir()
    _write(table_dir / "sweeps", "rk3566", version, channels_last={
        "glu4:hwle16:b2+": {"fc1": "cpu", "to_conv": "cpu", "from_conv": "cpu", "gate": "cpu", "exit": "mixed"},
        "glu4:hwgt16:b2+": {"fc1": "npu", "to_conv": "npu", "from_conv": "npu", "gate": "npu"}})
    fs = [f for f in findings(ps.case_glu(48, 32, stages=2, blocks=2)[0], target="rk3566", select={"RKN611"})
          if "gated conv" in f.message]
    assert sorted(f.location.node_name for f in fs) == sorted(
        f"s2_{p}{r}" for p in ("", "b1_") for r in ("fc1_mm", "c_nchw", "c_nhwc", "gate"))
    assert "2 channels-last gated conv blocks at 16x16 px, 96 channels" in fs[0].message


def test_factorised_attention_and_sized_reduce_keys():
    ps = _sweep_cases()
    view = ModelView(ps.case_attn(50, heads=8, d=8, bias_first=True, factor=True)[0])
    qkv_tp = next(r for r in view.main_nodes if r.name == "qkv_tp")
    key, roles = motifs.attention_roles(view, qkv_tp)
    assert key == "fattn5:a1:d8" and roles["q"].name == "sq_q" and roles["v"].name == "sq_v"
    view = ModelView(ps.case_attn(50)[0])
    assert motifs.attention_roles(view, next(r for r in view.main_nodes if r.name == "qkv_tp"))[0] == "attn5:a1:d16"
    view = ModelView(ps.case_coat(7)[0])  # CoaT: the position encoding on v makes it crpe5, with its own roles
    key, roles = motifs.attention_roles(view, next(r for r in view.main_nodes if r.name == "qkv_tp"))
    assert key == "crpe5:a1:d8" and {r: n.name for r, n in roles.items() if r.startswith(("crpe", "o_", "k_"))} == {
        "k_tp": "k_tp", "crpe_rs": "crpe_rs", "crpe_rs1": "crpe_rs1", "crpe_mul": "crpe_mul", "o_rs": "o_rs"}
    for hw, cls in ((4, "le4"), (8, "gt4")):
        view = ModelView(ps.case_reduce("ReduceSum", 128, hw, [-1], 1)[0])
        red = next(r for r in view.main_nodes if r.name == "reduce")
        assert motifs.reduce_sized_key(view, red) == f"ReduceSum4:ax-1:kd1@r{cls}"


def test_committed_2_3_2_tables_keep_a_class_token_gather_after_a_layernorm_on_the_npu_on_rk3566():
    """placement_sweep `token` with 2.3.2 on rk3566 fp16 / int8 (3 + 3 models): after a LayerNorm the Gather stayed on
    the NPU (the CPU Transpose went in front of the LayerNorm), after an Add it ran on the CPU at 197 / 32 tokens
    (unseen sets 12 / 13: FlexiViT's and DINOv2's class-token Gathers, warned from the probe variant)."""
    ps = _sweep_cases()
    for dtype in ("float16", "int8"):
        assert "token" not in _warned(ps.case_token(197, 192, ln=True)[0], "rk3566", "2.3.2", dtype)


def test_op_in_front_only_clears_a_sweep_node_verdict(table_dir):
    """nodes_ctx: a class-token Gather after a LayerNorm stayed on the NPU where after an Add it ran on the CPU; a
    context's CPU entry is not taken (the toolkit names boundary layers after the op in front)."""
    ps = _sweep_cases()
    version = _measured_version("rk3566")
    (table_dir / "sweeps").mkdir()
    _write(table_dir / "sweeps", "rk3566", version, nodes={"Gather3": {"placement": "cpu"}},
           nodes_ctx={"Gather3<ln": {"placement": "npu"}, "Gather3<elt": {"placement": "cpu"}})
    tab = motifs.table("rk3566", "float16", version)
    for ln, want in ((True, ("npu", "Gather3<ln")), (False, ("cpu", "Gather3"))):
        view = ModelView(ps.case_token(197, 192, ln=ln)[0])
        tok = next(r for r in view.main_nodes if r.name == "token")
        assert motifs.sweep_node_placement(tab, view, tok)[:2] == want

    def cpu_token(ln: bool) -> list[str]:
        fs = findings(ps.case_token(197, 192, ln=ln)[0], target="rk3566", select={"RKN601"})
        return [f.location.node_name for f in fs if f.location.node_name == "token"]

    # the probe variant Gather/rank3_token0 (CPU on rk3566) names the node's attributes: it beats an op-at-rank NPU
    # key, not a key that also names the op in front (PiT / CoaT / XCiT: 3 false warnings on the unseen exports)
    assert cpu_token(True) == [] and cpu_token(False) == ["token"]
    _write(table_dir / "sweeps", "rk3566", version, nodes={"Gather3": {"placement": "npu"}})
    assert cpu_token(True) == ["token"]


def test_resize_sweep_key_spells_mode_and_input_width():
    """placement_sweep `resize` (int8): an align_corners bilinear x2 Resize ran on the CPU on rk3562 from 64 px wide on
    and on the NPU at 32 px, so the key keeps the mode, the coordinate mode and the input width's class."""
    def key(hw: int, mode: str = "linear") -> str:
        nodes = [helper.make_node("Conv", ["x", "w"], ["a"], name="conv", pads=[1, 1, 1, 1]),
                 helper.make_node("Resize", ["a", "", "sc"], ["y"], name="up", mode=mode,
                                  coordinate_transformation_mode="align_corners")]
        m = make_model(nodes, [("x", [1, 3, hw, hw])], [("y", [1, 8, 2 * hw, 2 * hw])],
                       [init("w", conv_weight(8, 3)), init("sc", np.array([1, 1, 2, 2], np.float32))])
        view = ModelView(m)
        return motifs.node_key_sweep(view, next(r for r in view.main_nodes if r.op_type == "Resize"))

    assert key(32) == "Resize4:linear:align_corners:w<=32"
    assert key(64) == "Resize4:linear:align_corners:w>=64"
    assert key(48) == "Resize4:linear:align_corners:w<64"
    assert key(64, "nearest") == "Resize4:nearest:align_corners:w>=64"


def _gru(t: int = 32, i: int = 96, h: int = 96):
    nodes = [helper.make_node("GRU", ["x", "w", "r"], ["y", "yh"], name="gru", hidden_size=h)]
    return make_model(nodes, [("x", [t, 1, i])], [("y", [t, 1, 1, h])],
                      [init("w", np.random.default_rng(0).standard_normal((1, 3 * h, i)).astype(np.float32)),
                       init("r", np.random.default_rng(1).standard_normal((1, 3 * h, h)).astype(np.float32))])


def test_a_borrowed_table_says_nothing_about_an_op_whose_single_op_placement_changed():
    """rk3576: the probe put GRU on the CPU with 2.3.2 and on the NPU with 2.5.0 (rules/measured/rk3576-*.yaml), and
    the 2.3.2 calibration builds ran both GRU exports' GRU on the CPU; the 2.5.0 sweep's NPU GRU, borrowed, hid that."""
    assert {"GRU", "ReduceMax"} <= motifs.changed_ops("rk3576", "2.3.2", "2.5.0")
    assert "GRU" not in motifs.changed_ops("rk3566", "2.3.2", "2.5.0")
    motifs.table.cache_clear()
    assert "GRU" in motifs.table("rk3576", "float16", "2.3.2")["changed_ops"]
    old = [f for f in findings(_gru(), target="rk3576", select={"RKN601"}, toolkit_version="2.3.2")
           if f.location.node_name == "gru"]
    assert len(old) == 1 and "2.3.2" in old[0].data["source"]
    assert [f for f in findings(_gru(), target="rk3576", select={"RKN601"}, toolkit_version="2.5.0")
            if f.location.node_name == "gru"] == []


def test_a_data_moving_op_changed_alone_does_not_void_a_borrowed_table():
    """rk3588: Unsqueeze ran on the CPU alone with 2.2.0 / 2.3.0 and was rewritten with 2.5.0 (the probe's edge),
    but inside attention it ran on the NPU in every version's whole builds (seq_transformer_enc, seq_token_encoder):
    the borrowed 2.5.0 sweep still speaks for it, GRU-like compute ops stay voided."""
    assert "Unsqueeze" not in motifs.changed_ops("rk3588", "2.2.0", "2.5.0")
    assert "LpNormalization" in motifs.changed_ops("rk3588", "2.2.0", "2.5.0")


def _zero_mul_input(c: int):
    """silero-vad's tie of its sample-rate input into its state output: an int64 scalar input `sr` -> Mul by the
    constant `c` -> Cast to float -> Add to a Conv's output."""
    nodes = [helper.make_node("Conv", ["x", "w1"], ["a"], name="pre", pads=[1, 1, 1, 1]),
             helper.make_node("Mul", ["sr", "c"], ["m"], name="mul"),
             helper.make_node("Cast", ["m"], ["mc"], name="cast", to=onnx.TensorProto.FLOAT),
             helper.make_node("Add", ["a", "mc"], ["y"], name="res")]
    return make_model(nodes, [("x", [1, 3, 16, 16]), ("sr", [], onnx.TensorProto.INT64)], [("y", [1, 8, 16, 16])],
                      [init("w1", conv_weight(8, 3)), init("c", np.array(c, np.int64))], opset=15)


def test_a_mul_by_an_all_zero_constant_is_folded_with_what_reads_only_it(table_dir):
    """placement_sweep `zero_mul_sr` (rk3562, rk2118 fp16, 2.5.0): `Cast(sr * 0)` left no layer (fold_constant removed
    the Mul and the Cast), `Cast(sr * 3)` ran both on the CPU. Without a sweep entry for Mul the probe table speaks."""
    view = ModelView(_zero_mul_input(0))
    assert {view.main_nodes[i].name for i in dropped_nodes.zero_folded_nodes(view)} == {"mul", "cast"}
    assert dropped_nodes.zero_folded_nodes(ModelView(_zero_mul_input(3))) == frozenset()
    version = _measured_version("rk3562")
    (table_dir / "sweeps").mkdir()

    def cpu(m):
        return sorted(f.location.node_name for f in findings(m, target="rk3562", select={"RKN601"}))

    assert cpu(_zero_mul_input(0)) == ["cast", "mul"]  # no zero_weight entry for Mul: the probe table
    _write(table_dir / "sweeps", "rk3562", version, zero_weight={"Mul": {"branch": "dropped", "n": 2}})
    assert cpu(_zero_mul_input(0)) == []
    assert cpu(_zero_mul_input(3)) == ["cast", "mul"]
    _write(table_dir / "sweeps", "rk3562", version, zero_weight={"Conv": {"branch": "dropped", "n": 1}})
    assert cpu(_zero_mul_input(0)) == ["cast", "mul"]  # measured for a Conv's weight only


def test_a_partial_sweep_answers_its_keys_over_the_nearest_full_sweep(table_dir):
    """A few cases built with 2.3.2 on a family whose only full sweep is 2.5.0's (rk3576: ddddocr's CRNN head ran its
    Transpose on the CPU with 2.3.2 only, calibration/placement_sweep.py `crnn`): the partial table's keys answer, every
    other key stays the 2.5.0 table's, and an int8 check is not answered by a float16 partial table."""
    sweeps = table_dir / "sweeps"
    sweeps.mkdir()
    _write(sweeps, "rk3576", "2.5.0", boundaries={"conv4>inorm": {"placement": "cpu", "n": 3, "cpu": 3},
                                                  "conv4>elt": {"placement": "npu", "n": 3, "cpu": 0}})
    _write(sweeps, "rk3576", "2.3.2", partial=True, boundaries={"conv4>elt": {"placement": "cpu", "n": 1, "cpu": 1}})
    tab = motifs.table("rk3576", "float16", "2.3.2")
    assert tab["sweep"]["boundaries"]["conv4>elt"]["placement"] == "cpu"  # measured with 2.3.2
    assert tab["sweep"]["boundaries"]["conv4>inorm"]["placement"] == "cpu"  # borrowed from 2.5.0
    assert tab["borrowed"] == {"sweep": "2.5.0"}
    assert tab["sweep_path"] == "rules/motifs/sweeps/rk3576-float16-2.3.2.yaml over rules/motifs/sweeps/rk3576-float16-2.5.0.yaml"
    # the partial table is never borrowed by another version, and 2.5.0 reads its own table alone
    assert "partial" not in motifs.table("rk3576", "float16", "2.5.0")["sweep"]
    assert motifs.table("rk3576", "float16", "2.5.0")["sweep"]["boundaries"]["conv4>elt"]["placement"] == "npu"
    assert motifs.table("rk3576", "float16", "2.4.0")["sweep"]["boundaries"]["conv4>elt"]["placement"] == "npu"
    (sweeps / "rk3576-int8-2.5.0.yaml").write_text(yaml.safe_dump(
        {"toolkit": "2.5.0", "family": "rk3576", "dtype": "int8",
         "boundaries": {"conv4>elt": {"placement": "npu", "n": 2, "cpu": 0}}}))
    motifs.table.cache_clear()
    assert motifs.table("rk3576", "int8", "2.3.2")["sweep"]["boundaries"]["conv4>elt"]["placement"] == "npu"


def test_an_int8_partial_sweep_lies_over_the_table_its_version_read_before(table_dir):
    """rk3588 int8 with 2.3.0 / 2.3.2 read the float16 2.3.2 sweep (no int8 sweep with 2.3.x); the int8 cases built
    with 2.3.x (placement_sweep sqrt, div2, bn1d, crnn, zero) lie over that table, not over int8 2.5.0's: taking
    2.5.0's as the base cost the pretrained rk3588 int8 2.3.2 row precision 100 -> 93% (Softmax.2 of the PP-OCR
    recognisers) and recall on layout-cdla's Reshapes."""
    sweeps = table_dir / "sweeps"
    sweeps.mkdir()

    def put(dtype, version, partial=False, **sections):
        doc = {"toolkit": version, "family": "rk3588", "dtype": dtype, **sections, **({"partial": True} if partial else {})}
        (sweeps / f"rk3588-{dtype}-{version}.yaml").write_text(yaml.safe_dump(doc))
        motifs.table.cache_clear()

    put("float16", "2.3.2", nodes={"Softmax3": {"placement": "npu", "n": 2, "cpu": 0}})
    put("int8", "2.5.0", nodes={"Softmax3": {"placement": "cpu", "n": 2, "cpu": 2}})
    put("float16", "2.3.0", partial=True, nodes={"Pad4": {"placement": "cpu", "n": 1, "cpu": 1}})
    before = motifs.table("rk3588", "int8", "2.3.2")["sweep_path"]
    assert before == "rules/motifs/sweeps/rk3588-float16-2.3.2.yaml"
    put("int8", "2.3.2", partial=True, nodes={"Sqrt3": {"placement": "cpu", "n": 2, "cpu": 2}})
    put("int8", "2.3.0", partial=True, nodes={"Sqrt3": {"placement": "cpu", "n": 2, "cpu": 2}})
    for version in ("2.3.0", "2.3.2"):
        tab = motifs.table("rk3588", "int8", version)
        assert tab["sweep"]["nodes"]["Sqrt3"]["placement"] == "cpu"  # this version's int8 builds
        assert tab["sweep"]["nodes"]["Softmax3"]["placement"] == "npu"  # the float16 2.3.2 table, as before
        assert tab["sweep_path"] == f"rules/motifs/sweeps/rk3588-int8-{version}.yaml over {before}"
    # 2.5.0 int8 still reads its own full table, float16 2.3.2 its own
    assert motifs.table("rk3588", "int8", "2.5.0")["sweep"]["nodes"]["Softmax3"]["placement"] == "cpu"
    assert "Sqrt3" not in motifs.table("rk3588", "float16", "2.3.2")["sweep"]["nodes"]


def test_a_motif_the_versions_partial_sweep_built_outranks_a_borrowed_whole_build_table(table_dir):
    """rk2118 / rv1106b with 2.3.2: the borrowed 2.5.0 whole-build table put the qkv Transpose of an attention on the
    CPU (MobileViT's builds), the same motif built with 2.3.2 on the family (placement_sweep `pattn`, PaddleOCR's SVTR)
    ran on the NPU, as in the pretrained PP-OCR recognisers' 2.3.2 builds: this version's measurement answers."""
    m = _reshape_between_convs()
    _write(table_dir, "rk2118", "2.5.0", motifs={"conv>Reshape4>4>conv": {"nodes": ["cpu"], "n": 1}})
    assert len(findings(m, target="rk2118", select={"RKN601"}, toolkit_version="2.3.2")) == 1
    (table_dir / "sweeps").mkdir()
    _write(table_dir / "sweeps", "rk2118", "2.3.2", partial=True, motifs={"conv>Reshape4>4>conv": {"nodes": ["npu"], "n": 2}})
    assert findings(m, target="rk2118", select={"RKN601"}, toolkit_version="2.3.2") == []
    assert len(findings(m, target="rk2118", select={"RKN601"}, toolkit_version="2.5.0")) == 1


@pytest.mark.parametrize("target, dtype", [("rk2118", "float16"), ("rv1106b", "int8"), ("rv1106", "int8")])
def test_svtr_qkv_transpose_follows_the_sweeps_size_class_over_mobilevits_whole_build(target, dtype):
    """rknn-toolkit2 2.5.0: the whole-build table's only attention with this qkv motif is MobileViT's (a batch of 4
    patches: the Transpose on the CPU); PaddleOCR's SVTR attention built small at a batch of 1 (placement_sweep `pattn`,
    merged as size-classed keys) kept it on the NPU, as in the pretrained PP-OCR recognisers' builds. The size class
    decides: batch 1 no warning, a batch of 4 still the measured CPU Transpose."""
    sweep = load_script("calibration/placement_sweep.py")
    for b, expected in ((1, ["norm"]), (4, ["norm", "qkv_tp"])):
        m, _ = sweep.case_attn(40, 8, 15, bias_first=True, tail=True, paddle=True, b=b)
        got = findings(m, target=target, select={"RKN601", "RKN611"}, dtype=dtype, toolkit_version="2.5.0")
        assert sorted(f.location.node_name for f in got if f.severity.name.lower() != "info") == expected


def _rkn601_nodes(model, target, version):
    return sorted(f.location.node_name for f in findings(model, target=target, toolkit_version=version,
                                                           select={"RKN601"}))


def test_pose_head_level_flatten_at_h_mod_4_of_2_follows_the_posehead_builds():
    """placement_sweep `posehead` (the committed 2.3.2 / 2.5.0 sweep tables): a Pose head level's keypoint (51
    channels) or one-class flatten Reshape [1, C, h, w] -> [1, C, h * w] into the levels' Concat ran on the CPU
    wherever h % 4 = 2 (10 x 10 at 320 px, 6 x 6 in the P6 head at 384 px, 14, 18, 22) on rk3566 fp16 2.3.2 and on
    rk3588 fp16 2.3.2 / 2.5.0 (18 of 18 builds each); the 64-channel box levels stayed on the NPU."""
    ps = _sweep_cases()
    m320 = ps.case_posehead(40, 1, 3)[0]
    p6 = ps.case_posehead(48, 80, 4)[0]
    for target, version in (("rk3566", "2.3.2"), ("rk3588", "2.3.2"), ("rk3588", "2.5.0")):
        hits = _rkn601_nodes(m320, target, version)
        assert {"fkpt2", "fcls2"} <= set(hits), (target, version, hits)
        assert not {"fbox0", "fbox1", "fbox2"} & set(hits), (target, version, hits)
        assert "fkpt3" in _rkn601_nodes(p6, target, version), (target, version)


def test_pose_head_four_channel_level_flatten_stays_on_the_npu_on_rk3566_232():
    """placement_sweep `posehead` nc 4 / 6 (rknn-toolkit2 2.3.2): rk3566 fp16 kept a 4-channel level's flatten Reshape
    on the NPU at 10 x 10 (and 6 x 6 in the P6 head) where the 6-channel one and the 51-channel keypoints ran on the
    CPU (motifs.flat_c4_key); rk3588 fp16 ran the 4-channel one on the CPU like 6."""
    ps = _sweep_cases()
    for nc, hw, lvl, node in ((4, 40, 3, "fcls2"), (6, 40, 3, "fcls2"), (4, 48, 4, "fcls3"), (6, 48, 4, "fcls3")):
        m = ps.case_posehead(hw, nc, lvl)[0]
        hits = _rkn601_nodes(m, "rk3566", "2.3.2")
        assert ("fkpt" + node[-1]) in hits, (nc, hw, hits)
        assert (node in hits) == (nc == 6), (nc, hw, hits)
        assert node in _rkn601_nodes(m, "rk3588", "2.3.2"), (nc, hw)


def _warned_nodes(model, target, version, codes=("RKN601", "RKN611")):
    """The nodes a warning of `codes` names (a finding's `nodes` data where it names several), graph inputs as
    `input:<name>`."""
    out = set()
    for f in findings(model, target=target, toolkit_version=version, select=set(codes)):
        if f.severity.name.lower() == "info":
            continue
        loc = f.location
        if loc.node_name:
            out.add(loc.node_name)
        elif loc.tensor:
            out.add(f"input:{loc.tensor}")
        out.update((f.data or {}).get("nodes") or [])
    return out


def test_integral_head_c3d_tail_and_tnet_add_follow_the_sweep_builds():
    """placement_sweep `integral`, `c3d` and `in3_tnet_add` (built on rk3566 fp16 with rknn-toolkit2 2.3.2 and 2.5.0,
    rk3588 fp16 2.3.2 as the control): an integral pose head put its flatten Reshape (into the Softmax), the Reshape
    back to 4-D (into the ReduceSums) and the Transpose after each marginal's Mul (into a last-axis ReduceSum) on the
    CPU in 7 of 7 builds on rk3566, none on rk3588; a 3-D CNN's 5-D input and the Reshape after its last Relu (into
    the 5-D GlobalAveragePool) in 5 of 5 on rk3566, not after rk3588's; PointNet's T-net matrix + identity
    ([1, C, C], C 3 or 6) into the MatMul with the points in 4 of 4 on both."""
    ps = _sweep_cases()
    integral = ps.case_integral(17, 48, 36)[0]
    c3d = ps.case_c3d(64, 4, 4)[0]
    tnet = ps.case_in3(3, 1024, "tnet_add")[0]
    for version in ("2.3.2", "2.5.0"):
        got = _warned_nodes(integral, "rk3566", version)
        assert {"rs", "rs_in", "mul_x", "mul_y"} <= got, (version, got)
        assert not {"marg_x", "marg_y", "sum_x", "sum_y"} & got, (version, got)
        got = _warned_nodes(c3d, "rk3566", version)
        assert {"act1", "input:x"} <= got and "act0" not in got, (version, got)
        assert "t_eye" in _warned_nodes(tnet, "rk3566", version), version
    assert not {"rs", "rs_in", "mul_x", "mul_y"} & _warned_nodes(integral, "rk3588", "2.3.2")
    assert "act1" not in _warned_nodes(c3d, "rk3588", "2.3.2")
    assert "t_eye" in _warned_nodes(tnet, "rk3588", "2.3.2")


def test_small_matrix_times_computed_tensor_follows_the_gau_builds():
    """placement_sweep `gau` and `in3_tnet_add` (rknn-toolkit2 2.3.0 / 2.3.2 / 2.5.0 on rk3588 fp16, 2.3.2 int8, and
    rk3566): RTMPose's gated attention unit, relu(q k^T / s)^2 [1, T, T] times the computed v, got no Reshape after
    the square on rk3588 at any T from 3 to 49, where PointNet's T-net matrix of the same class times the graph input
    got a CPU one for C 3 to 17 (`>mm` vs `>mmv`); rk3566 put a Transpose after the square in every build."""
    ps = _sweep_cases()
    gau = ps.case_gau(17, 256, 512, "sq")[0]
    tnet = ps.case_in3(17, 512, "tnet_add")[0]
    view = ModelView(gau)
    square = next(r for r in view.main_nodes if r.name == "square")
    assert motifs.boundary_sized_keys(view, square) == ["elt3>layout@c1.a1>mmv", "elt3>layout@c1.a1"]
    for version in ("2.3.0", "2.3.2", "2.5.0"):
        assert "square" not in _warned_nodes(gau, "rk3588", version), version
        assert "t_eye" in _warned_nodes(tnet, "rk3588", version), version
    assert "square" in _warned_nodes(gau, "rk3566", "2.3.2")


def test_cross_attention_kv_heads_follow_the_xattn_builds():
    """placement_sweep `xattn` (rknn-toolkit2 2.3.2 and 2.5.0 on rk3566 fp16, 2.3.2 on rk3588 fp16): a decoder's
    cross-attention as torch.nn.MultiheadAttention exports it (the memory's packed k / v Linear, Reshape [S, 1, 2, D],
    the rank-5 Transpose, Gather k / v, each split into heads) put v's last Reshape on the CPU in 8 of 8 builds on
    rk3566 with both versions (`.kv`), a Transpose after k^T's scale with 2.3.2 and k's Transpose itself with 2.5.0,
    and the memory input's Transpose where two Linears read it; the self-attention form (one q / k / v Linear, a
    Gather of three) kept v's Reshape on the NPU at 24 tokens; rk3588 none of them."""
    ps = _sweep_cases()
    cross = ps.case_xattn(24, 50)[0]
    kv2 = ps.case_xattn(24, 50, packed=False)[0]
    self_attn = ps.case_xattn(24, 24, mem="self")[0]
    assert {"v_h4", "k_scale"} <= _warned_nodes(cross, "rk3566", "2.3.2")
    got = _warned_nodes(cross, "rk3566", "2.5.0")
    assert {"v_h4", "k_t"} <= got and "k_scale" not in got, got
    for version in ("2.3.2", "2.5.0"):
        assert "mem_tp" in _warned_nodes(kv2, "rk3566", version), version
        assert "v_h4" not in _warned_nodes(self_attn, "rk3566", version), version
    assert not {"v_h4", "k_scale", "k_t", "mem_tp"} & (_warned_nodes(cross, "rk3588", "2.3.2")
                                                       | _warned_nodes(kv2, "rk3588", "2.3.2"))


def test_spatial_reduction_attention_kv_roles_follow_the_srattn_builds():
    """placement_sweep `srattn` (rknn-toolkit2 2.3.2, 2.5.0 and 2.3.0 on rk3566 fp16, 2.3.2 on rk3588 fp16): PVT /
    Twins-PCPVT / SegFormer's attention with a packed key / value pair ([1, M, 2, h, d] -> Transpose(2, 0, 3, 1, 4) ->
    Split in two) ran the reduction's Reshape to k / v tokens (without a reduction Conv: the kv Reshape), k^T's last
    node in front of the product (its scale Mul, or its Transpose unscaled) and v's Squeeze on the CPU on rk3566 for 2
    to 8 heads at every M (4 to 256); one head at M = 16 kept them on the NPU, at M = 49 v alone went to the CPU;
    rk3588 ran none of them on the CPU."""
    ps = _sweep_cases()
    sra = ps.case_srattn(16, 2, 64, 4)[0]
    view = ModelView(sra)
    key, roles = motifs.attention_roles(view, next(r for r in view.main_nodes if r.node.name == "kv_tp"))
    assert key == "srkv5:a16:d16" and roles["sr_rs"].name == "sr_rs" and roles["k_scale"].name == "k_scale"
    kv = ps.case_srattn(7, 8, 32, 1, sdpa=False)[0]  # no reduction (Twins' last stage), q @ k^T then the scale
    one = ps.case_srattn(16, 1, 64, 4)[0]
    one49 = ps.case_srattn(14, 1, 64, 2)[0]
    for version in ("2.3.2", "2.5.0", "2.3.0"):
        assert {"sr_rs", "k_scale", "sq_v"} <= _warned_nodes(sra, "rk3566", version), version
        got = _warned_nodes(kv, "rk3566", version)
        assert {"kv_rs", "k_tp", "sq_v"} <= got and "sr_rs" not in got, (version, got)
        assert not {"sr_rs", "k_scale", "sq_v"} & _warned_nodes(one, "rk3566", version), version
        got = _warned_nodes(one49, "rk3566", version)
        assert "sq_v" in got and not {"sr_rs", "k_scale"} & got, (version, got)
    assert not {"sr_rs", "kv_rs", "k_scale", "k_tp", "sq_v"} & (_warned_nodes(sra, "rk3588", "2.3.2")
                                                                 | _warned_nodes(kv, "rk3588", "2.3.2"))


def test_area_attention_follows_the_aattn_builds_of_each_version():
    """placement_sweep `aattn` / `aattn_area` built with rknn-toolkit2 2.5.0 (and the area sizes with 49, 25 and 36
    tokens per area with 2.3.2) on rk3566 fp16, rk3588 fp16 2.3.2 the control: YOLO12's A2C2f with 4 areas of 49
    tokens (its 224 px classifier's P4) ran the Split's k / v layout, q's Transpose, the product v @ attn^T and the way
    back on the CPU with both versions; unsplit (C2PSA's form) 2.5.0 ran the Split's v layout on the CPU only where
    the tokens are no multiple of 4 (25, 49, 225 of 12 sizes); rk3588 none."""
    ps = _sweep_cases()
    areas = ps.case_aattn_area(14, 4)[0]
    for version in ("2.3.2", "2.5.0"):
        assert {"split", "q_tp", "av", "o_rs", "o_nchw"} <= _warned_nodes(areas, "rk3566", version), version
    assert "split" in _warned_nodes(ps.case_aattn(5)[0], "rk3566", "2.5.0")
    assert "split" not in _warned_nodes(ps.case_aattn(20)[0], "rk3566", "2.5.0")
    assert not {"split", "q_tp", "av", "o_rs", "o_nchw"} & _warned_nodes(areas, "rk3588", "2.3.2")


def test_channels_last_attention_roles_follow_the_nhwc_attn_builds():
    """placement_sweep `nhwc_attn` (rknn-toolkit2 2.3.2, 2.5.0 and 2.3.0 on rk3566 fp16, 2.3.2 on rk3588 fp16): timm's
    Attention over a channels-last map, as VOLO's transformer stages run it, ran the qkv Linear's Transpose back, the
    qkv Transpose, the Transpose after the product and the Reshape back to the map on the CPU at 16 to 196 tokens with
    every version (12 of 12 builds with an MLP behind), v where the tokens are no multiple of 4; the LayerNorm in front
    stayed on the NPU (the token attention's `attn5:a1` had put it on the CPU). A block whose residual goes straight
    back to NCHW is its own kind: 2.5.0 kept its qkv Linear and the way back on the NPU. rk3588: none."""
    ps = _sweep_cases()
    m = ps.case_nhwc_attn(7, 12, 32)[0]
    view = ModelView(m)
    key, roles = motifs.attention_roles(view, next(r for r in view.main_nodes if r.node.name == "qkv_tp"))
    assert key == "nattn5:a1:d16:s" and roles["qkv_mm"].name == "qkv_mm" and roles["o_tp"].name == "o_tp"
    end = ps.case_nhwc_attn(7, 12, 32, mlp=False)[0]
    for version in ("2.3.2", "2.5.0", "2.3.0"):
        got = _warned_nodes(m, "rk3566", version)
        assert {"qkv_mm", "qkv_tp", "sq_v", "o_tp", "o_rs"} <= got and "norm1" not in got, (version, got)
    got = _warned_nodes(end, "rk3566", "2.5.0")
    assert "sq_v" in got and not {"qkv_mm", "o_tp", "o_rs"} & got, got
    assert not {"qkv_mm", "qkv_tp", "sq_v", "o_tp", "o_rs"} & _warned_nodes(m, "rk3588", "2.3.2")


def test_tnt_attention_fold_and_rows_follow_the_tnt_builds():
    """placement_sweep `tnt` (rknn-toolkit2 2.3.2, 2.5.0 and 2.3.0 on rk3566 fp16, 2.3.2 on rk3588 fp16): timm TNT's
    attention packs q and k ([B, N, 2, h, d]) and gives v a Linear of its own (kind `qk5`). The outer attention (a
    batch of 1) ran v's Reshape and Transpose on the CPU where N is no multiple of 4 (50 tokens; NPU at 64); the inner
    one over 49 patches of 16 pixels ran v's Transpose and the Reshape back on the CPU for heads of 6 (2.3.2; 8: NPU),
    with 2.5.0 also the pair's Reshape. The Reshape folding the patches' pixel rows into the outer tokens ([49, 16, 24]
    -> [1, 49, 384], `.fold`) ran on the CPU with every version; with 2.5.0 the inner LayerNorm over more than 16
    patches too (`.bgt16`: 49 CPU, 16 NPU). rk3588: none of them."""
    ps = _sweep_cases()
    tnt = ps.case_tnt(49, 4, 24, 4, 6)[0]
    view = ModelView(tnt)
    key, roles = motifs.attention_roles(view, next(r for r in view.main_nodes if r.node.name == "in_qk_tp"))
    assert key == "qk5:a16:d1:bn" and roles["v_rs"].name == "in_v_rs" and roles["v_tp"].name == "in_v_tp"
    assert roles["o_rs"].name == "in_o_rs"
    key, _ = motifs.attention_roles(view, next(r for r in view.main_nodes if r.node.name == "out_qk_tp"))
    assert key == "qk5:a1:d16"
    fold = next(r for r in view.main_nodes if r.node.name == "b_fold")
    assert any(k.endswith(".fold") for k in motifs.class_keys(view, motifs.run_of(view, fold)))
    outer = {"out_v_rs", "out_v_tp"}
    got = _warned_nodes(tnt, "rk3566", "2.3.2")
    assert outer | {"in_v_tp", "in_o_rs", "fold", "b_fold"} <= got and not {"in_qk_rs", "norm_in"} & got, got
    got = _warned_nodes(tnt, "rk3566", "2.5.0")
    assert outer | {"in_v_tp", "in_o_rs", "in_qk_rs", "fold", "b_fold", "norm_in"} <= got, got
    assert not {"in_v_tp", "in_o_rs"} & _warned_nodes(ps.case_tnt(49, 4, 32, 4, 8)[0], "rk3566", "2.3.2")
    got = _warned_nodes(ps.case_tnt(16, 4, 24, 4, 6)[0], "rk3566", "2.5.0")
    assert "norm_in" not in got and "fold" in got, got
    assert not outer & _warned_nodes(ps.case_tnt(64, 4, 24, 4, 6, cls=False)[0], "rk3566", "2.3.2")
    assert not (outer | {"in_v_tp", "in_o_rs", "fold", "b_fold", "norm_in"}) & _warned_nodes(tnt, "rk3588", "2.3.2")


def test_efficientvim_mixer_follows_the_hsm_builds():
    """placement_sweep `hsm` (rknn-toolkit2 2.3.2, 2.5.0 and 2.3.0 on rk3566 fp16, 2.3.2 and 2.3.0 on rk3588 fp16):
    EfficientViM's HSM-SSD mixer with a state of S = 49 (no multiple of 4) ran, with 2.3.2 on rk3566, the Reshape of the
    Conv1d's output into the depthwise Conv's map and the Reshape back, the Transpose of the weighted B and a Transpose
    after the first block's out_proj (read by the product only) on the CPU, and the state's classifier Transposes;
    with 2.5.0 the Transpose of B and every out_proj's but no Reshape (the last block's out_proj, also read by the
    classifier, is keyed with S = 16's NPU builds: not named); S = 16 none of the mixer's. rk3588 ran the two
    Reshapes on the CPU on a 2 x 2 map (L = 4) with S = 9, on the NPU on 8 x 8 (`.l<L's alignment>`)."""
    ps = _sweep_cases()
    s49 = ps.case_hsm(128, 8, 49)[0]
    got = _warned_nodes(s49, "rk3566", "2.3.2")
    assert {"k0_to_map", "k0_from_map", "k0_b_tp", "k0_out_proj", "k1_to_map", "k1_b_tp", "head_tp"} <= got, got
    got = _warned_nodes(s49, "rk3566", "2.5.0")
    assert {"k0_b_tp", "k0_out_proj", "k1_b_tp"} <= got and "k0_to_map" not in got, got
    assert not {"k0_to_map", "k0_from_map", "k0_b_tp", "k0_out_proj"} & _warned_nodes(ps.case_hsm(128, 8, 16)[0],
                                                                                      "rk3566", "2.3.2")
    for version in ("2.3.2", "2.3.0"):
        assert {"k0_to_map", "k0_from_map"} <= _warned_nodes(ps.case_hsm(320, 2, 9)[0], "rk3588", version), version
        assert not {"k0_to_map", "k0_from_map"} & _warned_nodes(s49, "rk3588", version), version


def test_starrelu_token_mlp_follows_the_tokmlp_builds():
    """placement_sweep `tokmlp` (rknn-toolkit2 2.3.2, 2.5.0 and 2.3.0 on rk3566 fp16, 2.3.2 on rk3588 fp16): MetaFormer's
    token MLP with StarReLU (Relu -> Pow 2 -> Mul -> Add) on [1, N, C] ran fc1's Transpose back and the one after the
    activation on the CPU with 2.3.2 where N is no multiple of 4 (11 of 11 builds; an Add of zero folded away, the
    layer after its Mul), on the NPU at 16, 36, 64 and 196 tokens; 2.5.0, 2.3.0 and rk3588 none (CAFormer-S18's 18 MLP
    nodes at 49 tokens with 2.3.2)."""
    ps = _sweep_cases()
    star0 = ps.case_tokmlp(7, 320, "star0")[0]
    view = ModelView(star0)
    key, roles = motifs.token_mlp(view, next(r for r in view.main_nodes if r.node.name == "fc1_mm"))
    assert key == "tokmlp3:pow:a1" and roles["act"].name == "act_mul"  # the Add of zero is folded away
    assert {"fc1_mm", "act_mul"} <= _warned_nodes(star0, "rk3566", "2.3.2")
    assert {"fc1_mm", "act_add"} <= _warned_nodes(ps.case_tokmlp(5, 320, "star", w=6)[0], "rk3566", "2.3.2")
    assert not {"fc1_mm", "act_add"} & _warned_nodes(ps.case_tokmlp(8, 320, "star")[0], "rk3566", "2.3.2")
    for target, version in (("rk3566", "2.5.0"), ("rk3566", "2.3.0"), ("rk3588", "2.3.2")):
        assert not {"fc1_mm", "act_mul"} & _warned_nodes(star0, target, version), (target, version)


def test_channel_attention_qkv_run_follows_the_cattn_builds():
    """placement_sweep `cattn` (rknn-toolkit2 2.3.2 and 2.5.0 on rk3566 fp16, 2.3.2 on rk3588 fp16): DaViT's channel
    attention (k^T @ v -> Softmax -> @ q^T) ran its qkv Reshape [1, N, 3, H, D] and Transpose(2, 0, 3, 1, 4) on the
    CPU in 5 of 5 builds on rk3566 (3136 x 96 to 49 x 768), none on rk3588 (`.chan`); the window attention of the
    same network (`wattn`, SDPA form over 4 windows) is no channel attention and gets no `.chan` key."""
    ps = _sweep_cases()
    chan = ps.case_cattn(196, 96)[0]
    for version in ("2.3.2", "2.5.0"):
        assert {"qkv_rs", "qkv_tp"} <= _warned_nodes(chan, "rk3566", version), version
    assert not {"qkv_rs", "qkv_tp"} & _warned_nodes(chan, "rk3588", "2.3.2")
    win = ps.case_attn(49, 12, 32, b=4, sdpa=True, tail=True)[0]
    view = ModelView(win)
    tp = next(r for r in view.main_nodes if r.node.name == "qkv_tp")
    assert not any(k.endswith(".chan") for k in motifs.class_keys(view, motifs.run_of(view, tp)))
    # nor does a channel attention take the token attention's roles: unseen set 4's DaViT had its v Squeeze predicted
    # by `attn5:a1` (v's Transpose at N no multiple of 4, measured on token attention only)
    odd = ps.case_cattn(50, 96)[0]
    view = ModelView(odd)
    tp = next(r for r in view.main_nodes if r.node.name == "qkv_tp")
    assert motifs.attention_roles(view, tp)[0].startswith("cattn5:a1")
    assert "sq_v" not in _warned_nodes(odd, "rk3566", "2.3.2")
    wview = ModelView(win)
    assert motifs.attention_roles(wview, next(r for r in wview.main_nodes if r.node.name == "qkv_tp"))[0].startswith(
        "attn5:")


def test_crnn_rnn_tail_names_the_reshape_as_the_gru_builds():
    """placement_sweep `crnn_gru` (rknn-toolkit2 2.3.2 and 2.5.0 on rk3566 fp16, 2.3.2 on rk3588 fp16): behind a
    CRNN's last bidirectional GRU (or LSTM), Transpose(0, 2, 1, 3) -> Reshape [T, 1, 2H] -> Linear, the toolkit's CPU
    layer belonged to the Reshape (`Reshape:<reshape>_rs`) in 8 of 8 builds on rk3566, not the Transpose, and the
    Transpose to [T, 1, C] behind a MaxPool and a Squeeze ran on the CPU (3 of 3); rk3588 kept them on the NPU."""
    m = _sweep_cases().case_crnn_gru(40, 96, 64)[0]
    for version in ("2.3.2", "2.5.0"):
        got = _warned_nodes(m, "rk3566", version)
        assert "seq_rs1" in got and "seq_tp1" not in got, (version, got)
    assert not {"seq_rs1", "seq_tp1"} & _warned_nodes(m, "rk3588", "2.3.2")
    pooled = _sweep_cases().case_crnn_gru(40, 96, 64, pool=True)[0]  # MaxPool -> Squeeze -> Transpose into the GRU
    for version in ("2.3.2", "2.5.0"):
        assert "seq_in" in _warned_nodes(pooled, "rk3566", version), version
    assert "seq_in" not in _warned_nodes(pooled, "rk3588", "2.3.2")


def test_channels_last_mlp_cpu_layers_follow_the_nhwc_mlp_builds():
    """placement_sweep `nhwc_mlp` (rknn-toolkit2 2.3.2, 2.3.0 and 2.5.0 on rk3566 fp16, 2.3.2 on rk3588 fp16): a
    channels-last MLP block (Transpose -> LayerNorm -> Linear -> GELU -> Linear) whose residual Add reads the tensor
    the block's entry reads put a CPU Transpose after its LayerNorm and one at its exit, on fc2 where the residual is
    added channels-last (Swin's MLP) and on the Transpose back where there is one; with a depthwise Conv in front and
    the residual taken from the stream before it (ConvNeXt, EdgeNeXt) nothing; 2.5.0 the same at 7 to 16 px, nothing
    at 28 px; rk3588 nothing (motifs.nhwc_mlp_key)."""
    ps = _sweep_cases()
    res = ps.case_nhwc_mlp(96, 14, "res")[0]
    swin = ps.case_nhwc_mlp(96, 14, "res_swin")[0]
    tp = ps.case_nhwc_mlp(96, 14, "tp")[0]
    convnext = ps.case_nhwc_mlp(96, 14, "tp_tv", ln="dec", dw="stream")[0]
    edgenext = ps.case_nhwc_mlp(96, 14, "tp", dw="stream")[0]
    mlp = {"norm", "fc1_mm", "fc2_mm", "to_nchw"}
    for version in ("2.3.2", "2.3.0", "2.5.0"):
        assert _warned_nodes(res, "rk3566", version) & mlp == {"norm", "fc2_mm"}, version
        assert _warned_nodes(swin, "rk3566", version) & mlp == {"norm", "fc2_mm"}, version
        assert _warned_nodes(tp, "rk3566", version) & mlp == {"norm", "to_nchw"}, version
        assert not _warned_nodes(convnext, "rk3566", version) & mlp, version
        assert not _warned_nodes(edgenext, "rk3566", version) & mlp, version
    assert not _warned_nodes(ps.case_nhwc_mlp(96, 28, "res")[0], "rk3566", "2.5.0") & mlp
    assert _warned_nodes(ps.case_nhwc_mlp(96, 28, "res")[0], "rk3566", "2.3.2") & mlp == {"norm", "fc2_mm"}
    for m in (res, tp):
        assert not _warned_nodes(m, "rk3588", "2.3.2") & mlp


def test_chained_channels_last_mlp_blocks_get_no_per_block_exit():
    """placement_sweep `nhwc_mlp_chain` (rknn-toolkit2 2.3.2, rk3566 fp16): two channels-last MLP blocks in a row put
    one CPU layer on the first LayerNorm and one on the last residual Add, none on either block's fc2 (where a single
    block has its exit); timm VOLO-D1's chained blocks ran on the NPU (motifs._mlp_chained)."""
    chain = _sweep_cases().case_nhwc_mlp(96, 14, "res", 2)[0]
    assert not {"fc2_mm", "b1_fc2_mm"} & _warned_nodes(chain, "rk3566", "2.3.2")
    assert "fc2_mm" in _warned_nodes(_sweep_cases().case_nhwc_mlp(96, 14, "res")[0], "rk3566", "2.3.2")


def test_chained_channels_last_mlp_blocks_follow_the_chain_builds():
    """placement_sweep `nhwc_mlp_chain` (rknn-toolkit2 2.3.2, 2.3.0 and 2.5.0 on rk3566 fp16, 2.3.2 on rk3588 fp16):
    in a channels-last region the first block's LayerNorm had the region's CPU entry (`chainin`), a block whose entry
    reads another Linear's residual Add (`chain`: the second of two, or behind a token mixer) kept its LayerNorm and fc1
    on the NPU. Without the chain keys the whole-build motif of Swin-T's norm2 put that LayerNorm on the CPU (timm
    VOLO-D1's 18 MLP LayerNorms with 2.3.2, all on the NPU in its build)."""
    ps = _sweep_cases()
    chain = ps.case_nhwc_mlp(96, 14, "res", 2)[0]
    mix = ps.case_nhwc_mlp(384, 7, "res_mix")[0]
    view = ModelView(chain)
    assert motifs.nhwc_mlp_roles(view, next(r for r in view.main_nodes if r.node.name == "b1_norm")) == (
        "mlpin", "chain.le16")
    assert motifs.nhwc_mlp_roles(view, next(r for r in view.main_nodes if r.node.name == "norm")) == (
        "mlpin", "chainin.le16")
    for version in ("2.3.2", "2.3.0", "2.5.0"):
        got = _warned_nodes(chain, "rk3566", version)
        assert "norm" in got and not {"b1_norm", "b1_fc1_mm", "fc1_mm"} & got, (version, got)
        got = _warned_nodes(mix, "rk3566", version)
        assert not {"norm", "fc1_mm"} & got, (version, got)
    assert "norm" not in _warned_nodes(chain, "rk3588", "2.3.2")


def test_reduce_mean_over_a_plane_with_no_side_a_multiple_of_4_gets_a_cpu_reshape_on_rk3588_2_3_0():
    """placement_sweep `reduce_plane` (rk3588): with rknn-toolkit2 2.2.0 and 2.3.0 (fp16) a ReduceMean over [2, 3] of a
    7 x 7 or 14 x 14 map got a CPU Reshape after the Relu in front, of an 8 x 8 or 8 x 7 map none; with 2.3.2 none
    (motifs.reduce_plane_key, the tables' `reduces_plane`)."""
    ps = _sweep_cases()
    for version in ("2.2.0", "2.3.0"):
        found = findings(ps.case_reduce("ReduceMean", 192, 14, [2, 3], 1)[0], target="rk3588",
                         toolkit_version=version, select={"RKN611"})
        front = [f for f in found if f.location.node_name == "front"]
        assert front and "neither of whose sides is a multiple of 4" in front[0].message
        assert "front" in _warned_nodes(ps.case_reduce("ReduceMean", 64, 7, [2, 3], 1)[0], "rk3588", version)
        assert "front" not in _warned_nodes(ps.case_reduce("ReduceMean", 64, 8, [2, 3], 1)[0], "rk3588", version)
        assert "front" not in _warned_nodes(ps.case_reduce_plane(128, 8, 7)[0], "rk3588", version)
        # the same pools as torch.onnx (dynamo) writes x.mean((-1, -2)): axes [-1, -2] at opset 18 (case
        # `reduce_plane_dyn`: FBNet-C's and ResNet-Blur-18's 5 x 5 classifier pools in unseen set 6)
        for hw, cpu in ((5, True), (7, True), (14, True), (8, False)):
            m = ps.case_reduce("ReduceMean", 512, hw, [-1, -2], 1, opset=18)[0]
            assert ("front" in _warned_nodes(m, "rk3588", version)) is cpu, (version, hw)
    assert "front" not in _warned_nodes(ps.case_reduce("ReduceMean", 64, 7, [2, 3], 1)[0], "rk3588", "2.3.2")
    assert "front" not in _warned_nodes(ps.case_reduce("ReduceMean", 64, 7, [2, 3], 1)[0], "rk3576", "2.3.0")
    # int8 (2.3.0): neither side a multiple of 4 as in fp16; both sides multiples of 4 stayed on the NPU (one side:
    # the small models and PP-OCRv6's 6 x 80 pools disagreed, no finding)
    int8 = {f.location.node_name for f in findings(ps.case_reduce("ReduceMean", 64, 7, [2, 3], 1)[0], target="rk3588",
                                                    toolkit_version="2.3.0", dtype="int8", select={"RKN611"})}
    assert "front" in int8
    assert not {f.location.node_name for f in findings(ps.case_reduce_plane(128, 12, 12)[0], target="rk3588",
                                                        toolkit_version="2.3.0", dtype="int8", select={"RKN611"})}


def test_reduce_plane_key_classes_the_plane_by_its_sides():
    ps = _sweep_cases()
    for (h, w), cls in (((7, 8), "a4"), ((12, 6), "a4"), ((6, 6), "u4"), ((14, 14), "u4"), ((8, 1), "b4"),
                        ((28, 28), "b4")):
        view = ModelView(ps.case_reduce_plane(64, h, w)[0])
        red = next(r for r in view.main_nodes if r.op_type == "ReduceMean")
        assert motifs.reduce_plane_key(view, red) == f"ReduceMean4:ax2,3:kd1@hw{cls}"


def test_a_map_flattened_into_a_linear_gets_a_cpu_reshape_by_its_size_on_rk3588_2_3_2():
    """placement_sweep `mapflat` (rk3588 fp16, rknn-toolkit2 2.3.2): the Reshape the toolkit adds to hand a flattened
    [1, C, H, W] map to a Linear ran on the CPU for 7 x 7, 6 x 6, 9 x 25, 1 x 6 (17 builds), on the NPU for maps of at
    most 5 x 5 (folded into one Conv) and where H * W is a multiple of 8 (24 builds): ArcFace's and UFLD's heads."""
    ps = _sweep_cases()
    [f] = [f for f in findings(ps.case_mapflat(64, 7, 7)[0], target="rk3588", toolkit_version="2.3.2",
                               select={"RKN611"}) if f.location.node_name == "flat"]
    assert "[1, 64, 7, 7] map into Gemm 'fc'" in f.message and "runs on the CPU on rk3588" in f.message
    assert "mapflat:u8" in f.message and "multiple of 8" in f.hint
    assert "flat" in _warned_nodes(ps.case_mapflat(8, 9, 25, "Reshape")[0], "rk3588", "2.3.2")
    assert "flat" in _warned_nodes(ps.case_mapflat(512, 7, 7, "Reshape", "MatMul")[0], "rk3588", "2.3.2")
    for c, h, w in ((32, 5, 5), (8, 2, 3), (16, 8, 8), (8, 6, 8), (8, 12, 12), (64, 1, 1)):
        assert "flat" not in _warned_nodes(ps.case_mapflat(c, h, w)[0], "rk3588", "2.3.2"), (c, h, w)
    # no sweep of it for 2.5.0: no finding there
    assert "flat" not in _warned_nodes(ps.case_mapflat(64, 7, 7)[0], "rk3588", "2.5.0")
    # rk3566 fp16 (2.3.2): every map over 5 x 5, H * W a multiple of 8 or not (14 + 17 builds); up to 5 x 5 the NPU
    for c, h, w in ((64, 7, 7), (16, 8, 8), (8, 6, 8), (8, 1, 25)):
        assert "flat" in _warned_nodes(ps.case_mapflat(c, h, w)[0], "rk3566", "2.3.2"), (c, h, w)
    [f] = [f for f in findings(ps.case_mapflat(16, 8, 8)[0], target="rk3566", toolkit_version="2.3.2",
                               select={"RKN611"}) if f.location.node_name == "flat"]
    assert "multiple of 8" not in f.hint and "5 or less" in f.hint
    for c, h, w in ((32, 5, 5), (8, 2, 3), (128, 4, 4)):
        assert "flat" not in _warned_nodes(ps.case_mapflat(c, h, w)[0], "rk3566", "2.3.2"), (c, h, w)


def test_map_flatten_key_classes_the_map_by_its_size():
    ps = _sweep_cases()
    for (h, w), cls in (((5, 5), "k5"), ((2, 3), "k5"), ((7, 8), "a8"), ((1, 16), "a8"), ((7, 7), "u8"),
                        ((1, 6), "u8"), ((9, 25), "u8")):
        view = ModelView(ps.case_mapflat(8, h, w)[0])
        flat = next(r for r in view.main_nodes if r.name == "flat")
        assert motifs.map_flatten_key(view, flat) == f"mapflat:{cls}"
    view = ModelView(ps.case_mapflat(64, 1, 1)[0])  # a 1 x 1 map: nothing to hand over
    assert motifs.map_flatten_key(view, next(r for r in view.main_nodes if r.name == "flat")) is None


def _rmsnorm(form: str = "div", weight: bool = True, t: int = 32, d: int = 256, cast: int | None = None):
    """A Linear -> RMSNorm written out (Pow 2 -> ReduceMean over the last axis -> Add eps -> Sqrt -> Div(1, .) or
    Reciprocal -> Mul by x -> Mul by a weight) -> Linear, as a tiny decoder block exports it; `cast`: a Cast to that
    element type before the weight's Mul (Hugging Face's LlamaRMSNorm `.to(input_dtype)`)."""
    import numpy as np
    from onnx import TensorProto, helper, numpy_helper

    rng = np.random.RandomState(0)
    f32 = np.float32
    inits = [numpy_helper.from_array((rng.randn(d, d) * 0.05).astype(f32), "w1"),
             numpy_helper.from_array(np.array(2.0, f32), "two"), numpy_helper.from_array(np.array(1e-6, f32), "eps"),
             numpy_helper.from_array(np.array(1.0, f32), "one"), numpy_helper.from_array(np.ones(d, f32), "g"),
             numpy_helper.from_array((rng.randn(d, d) * 0.05).astype(f32), "w2")]
    nodes = [helper.make_node("MatMul", ["x", "w1"], ["h"], name="fc1"),
             helper.make_node("Pow", ["h", "two"], ["sq"], name="rms_pow"),
             helper.make_node("ReduceMean", ["sq"], ["ms"], axes=[-1], keepdims=1, name="rms_mean"),
             helper.make_node("Add", ["ms", "eps"], ["mse"], name="rms_eps"),
             helper.make_node("Sqrt", ["mse"], ["rt"], name="rms_sqrt"),
             helper.make_node("Div", ["one", "rt"], ["inv"], name="rms_inv") if form == "div" else
             helper.make_node("Reciprocal", ["rt"], ["inv"], name="rms_inv"),
             helper.make_node("Mul", ["h", "inv"], ["n"], name="rms_mul")]
    last = "n"
    if cast is not None:
        nodes.append(helper.make_node("Cast", ["n"], ["nc"], name="rms_cast", to=cast))
        last = "nc"
    if weight:
        nodes.append(helper.make_node("Mul", [last, "g"], ["nw"], name="rms_w"))
        last = "nw"
    nodes.append(helper.make_node("MatMul", [last, "w2"], ["y"], name="fc2"))
    g = helper.make_graph(nodes, "g", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, t, d])],
                          [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, t, d])], inits)
    m = helper.make_model(g, opset_imports=[helper.make_opsetid("", 13)])
    m.ir_version = 8
    return m


def test_a_written_out_rmsnorm_is_one_fused_layer_where_layernorm_runs_on_the_cpu():
    """Measured with rknn-toolkit2 2.3.2 (rknnlint build, small models): x * (1 / sqrt(mean(x ** 2) + eps)) * w became
    one 'exNorm:rms_mean_2rmsn' layer, on the CPU on rv1106 int8 and rk2118 fp16 and on the NPU on rk3588 fp16 (unseen
    set 7's tiny decoder: five on rv1106); with Reciprocal, or without the weight, it was not fused."""
    from rknnlint.fused_blocks import blocks

    view = ModelView(_rmsnorm())
    head = next(r for r in view.main_nodes if r.name == "rms_mean")
    assert [r.name for r in blocks(view)[head.index]] == ["rms_mean", "rms_pow", "rms_eps", "rms_sqrt", "rms_inv",
                                                           "rms_mul", "rms_w"]
    for target, dtype in (("rv1106", "int8"), ("rk2118", "float16")):
        fs = [f for f in findings(_rmsnorm(), target=target, dtype=dtype, toolkit_version="2.3.2", select={"RKN601"})]
        assert [f.location.node_name for f in fs] == ["rms_mean"], target
        assert "decomposed RMSNorm (7 nodes" in fs[0].message
    assert findings(_rmsnorm(), target="rk3588", toolkit_version="2.3.2", select={"RKN601"}) == []
    for kw in ({"form": "recip"}, {"weight": False}):
        assert not blocks(ModelView(_rmsnorm(**kw))), kw


def test_an_rmsnorm_with_a_same_type_cast_before_its_weight_is_still_one_fused_layer():
    """Hugging Face's LlamaRMSNorm casts the normed rows to the input's type before the weight (float32 to float32):
    unseen set 22's SmolLM-width Llama had no CPU layer for its norms on rk3588 / rk3576 float16 and one
    exNorm:<ReduceMean>_2rmsn CPU layer per norm on rv1106 int8 (2.3.2), as the form without the Cast."""
    from onnx import TensorProto

    from rknnlint.fused_blocks import blocks

    view = ModelView(_rmsnorm(cast=TensorProto.FLOAT))
    head = next(r for r in view.main_nodes if r.name == "rms_mean")
    assert [r.name for r in blocks(view)[head.index]] == ["rms_mean", "rms_pow", "rms_eps", "rms_sqrt", "rms_inv",
                                                           "rms_mul", "rms_w"]
    fs = findings(_rmsnorm(cast=TensorProto.FLOAT), target="rv1106", dtype="int8", toolkit_version="2.3.2",
                  select={"RKN601"})
    assert [f.location.node_name for f in fs] == ["rms_mean"]
    assert findings(_rmsnorm(cast=TensorProto.FLOAT), target="rk3588", toolkit_version="2.3.2", select={"RKN601"}) == []
    assert not blocks(ModelView(_rmsnorm(cast=TensorProto.FLOAT16)))  # a real cast is not the fused form


def test_an_rmsnorm_over_the_channels_is_no_fused_layer_and_its_reciprocal_runs_on_the_cpu():
    """placement_sweep `rmsc` (timm's RmsNorm2d as MobileNetV5 exports it: Pow 2 -> ReduceMean over axis 1 -> Add eps
    -> Sqrt -> Div(1, .) -> Mul by x -> Mul by the weight), built with 2.3.2: no exNorm layer (the same norm over the
    last axis of tokens was one); on rk2118 float16 the Div(1, .) and the Mul behind it ran on the CPU, x / sqrt(.)
    and a Mul by a Sigmoid gate on the NPU; on rv1106b int8 the Pow, the Sqrt and the Div, the Mul on the NPU."""
    from rknnlint.fused_blocks import blocks

    ps = _sweep_cases()
    m = ps.case_rmsc(32, 32, "div1")[0]
    assert not blocks(ModelView(m), "2.3.2")  # 2.3.2 (rules/toolkit/2.3.2.yaml rmsnorm_fused_axes: last)
    assert blocks(ModelView(m))  # 2.5.0 fused it: one exNorm on the CPU on the three families
    assert blocks(ModelView(ps.case_rmsc(64, 64, "last3")[0]), "2.3.2")
    got = {f.location.node_name for f in findings(m, target="rk2118", toolkit_version="2.3.2", select={"RKN601"})
           if f.severity.name != "INFO"}
    assert got == {"div", "mul"}
    assert _warned_int8(m, "rv1106b", "2.3.2") >= {"pow", "sqrt", "div"}
    assert "mul" not in _warned_int8(m, "rv1106b", "2.3.2")
    for form in ("div", "gate"):
        assert not {f.location.node_name for f in findings(ps.case_rmsc(32, 32, form)[0], target="rk2118",
                                                            toolkit_version="2.3.2", select={"RKN601"})
                    if f.severity.name != "INFO"}, form
    fs = [f for f in findings(m, target="rk2118", toolkit_version="2.5.0", select={"RKN601"}) if f.code == "RKN601"]
    assert [f.location.node_name for f in fs if f.severity.name != "INFO"] == ["mean"]
    assert "decomposed RMSNorm" in fs[0].message


def test_a_map_flatten_class_the_small_models_split_on_gives_no_finding():
    """With 2.5.0 on rk3566 (fp16) the maps over 5 x 5 split within a class (16 x 7 x 7 on the NPU, 64 x 7 x 7 on the
    CPU): the sweep records `mixed` and RKN611 names nothing there."""
    ps = _sweep_cases()
    for c in (16, 64):
        assert "flat" not in _warned_nodes(ps.case_mapflat(c, 7, 7)[0], "rk3566", "2.5.0"), c

def test_tnt_qk_transpose_stays_on_the_npu_of_rv1106_rv1106b_and_rk2118_with_2_3_2():
    """placement_sweep `qkattn` (TNT-S's attention: a qk Linear without bias -> Reshape [B, N, 2, h, d] ->
    Transpose(2, 0, 3, 1, 4) -> Split), built with 2.3.2 on rv1106 and rv1106b int8 and rk2118 fp16: the rank-5
    Transpose ran on the NPU at every size (49 patches of 16 pixels, 4 heads of 6 or 8; 50 tokens, 6 heads of 64;
    16 windows of 64): unseen set 6's TNT-S put none of its 24 on the CPU there, where the 2.5.0 whole builds' back-off
    (`inner|Transpose5:20314:*`, CPU) had said so."""
    ps = _sweep_cases()
    for n, heads, d, b in ((16, 4, 6, 49), (50, 6, 64, 1), (64, 4, 6, 16)):
        m, _ = ps.case_qkattn(n, heads, d, b)
        for target, dtype in (("rv1106", "int8"), ("rv1106b", "int8"), ("rk2118", "float16")):
            got = {f.location.node_name for f in findings(m, target=target, dtype=dtype, toolkit_version="2.3.2",
                                                          select={"RKN601", "RKN611"}) if f.severity.name != "INFO"}
            assert "qk_tp" not in got, (n, target)


def test_an_8_3_dfl_reshape_over_8400_anchors_runs_on_the_cpu_of_rv1106_with_2_3_2():
    """placement_sweep `dflhead` without the Split (ultralytics 8.3's YOLOv8 head: Reshape [1, 4, 16, A] ->
    Transpose(0, 2, 1, 3) -> Softmax), built int8 on rv1106 with 2.3.2: the DFL Reshape ran on the CPU over 8400
    anchors (640 px), on the NPU up to 7581 (608 px) (unseen set 6's YOLOv8-ghost-P2 at 320 px: 8500 anchors)."""
    ps = _sweep_cases()
    assert "rs" in _warned_int8(ps.case_dflhead(80, 80, split=False)[0], "rv1106", "2.3.2")
    for hw in (40, 64, 76):
        assert "rs" not in _warned_int8(ps.case_dflhead(hw, 80, split=False)[0], "rv1106", "2.3.2"), hw


def _warned_int8(model, target, version):
    return {f.location.node_name for f in findings(model, target=target, dtype="int8", toolkit_version=version,
                                                   select={"RKN601", "RKN611"}) if f.severity.name != "INFO"}


def test_a_segment_heads_stride_mul_gets_a_cpu_reshape_on_rk3588_with_2_3_x():
    """placement_sweep `seghead84` (YOLOv8 / YOLOv9c-seg's head as ultralytics 8.4 exports it: the stride Mul's boxes
    Concat-ed first with the class scores and the 32 mask coefficients) on rk3588 fp16 with 2.3.2 and 2.3.0: a CPU
    Reshape after the stride Mul at 2100 and 3549 anchors (320 and 416 px), none at 5376 and 8400; the Detect head's
    Concat of two (`dflhead84`) had none at 2100 (unseen set 6's YOLOv9c-seg: /model.22/Mul_2)."""
    ps = _sweep_cases()
    for version in ("2.3.2", "2.3.0"):
        for hw in (40, 52):
            assert "stride" in _warned_nodes(ps.case_dflhead84(hw, 80, mc=32)[0], "rk3588", version), (version, hw)
        for hw in (64, 80):
            assert "stride" not in _warned_nodes(ps.case_dflhead84(hw, 80, mc=32)[0], "rk3588", version), (version, hw)
        assert "stride" not in _warned_nodes(ps.case_dflhead84(40, 80)[0], "rk3588", version), version


def test_an_add_of_zeros_is_removed_where_a_sweep_measured_it(table_dir):
    """placement_sweep `zero_add` (rk3566, rk3588, rk3562, rk3576 float16 and rv1106 int8, 2.5.0): TopK indices +
    an all-zero int64 offset, stored or computed from shapes (Shape -> Range -> Tile -> Mul, as ultralytics' RT-DETR
    adds arange(batch) * N), left no Add layer (`remove_invalid_add`); + 1 ran the Add on the CPU. Without the sweep
    entry the probe variant speaks for all three."""
    ps = load_script("calibration/placement_sweep.py")
    version = _measured_version("rk3566")
    (table_dir / "sweeps").mkdir()

    def adds(offset):
        m = ps.case_zero_add(64, 16, offset)[0]
        return [f.location.node_name for f in findings(m, target="rk3566", select={"RKN601"})
                if f.location.node_name == "add"]

    view = ModelView(ps.case_zero_add(64, 16, "computed")[0])
    assert view.const_value("scale_y").tolist() == [0] * 16  # the Tile of the shape arithmetic folds
    assert [adds(o) for o in ("zero", "computed", "one")] == [["add"], ["add"], ["add"]]
    _write(table_dir / "sweeps", "rk3566", version, zero_weight={"Add": {"node": "removed", "n": 4}})
    assert [adds(o) for o in ("zero", "computed", "one")] == [[], [], ["add"]]
    _write(table_dir / "sweeps", "rk3566", version, zero_weight={"Mul": {"branch": "dropped", "n": 2}})
    assert adds("zero") == ["add"]  # measured for a Mul's zero only


def _shape_read_transpose(shape_read: bool):
    """A deformable attention's sampling locations: Sub -> rank-5 Transpose (0, 2, 1, 3, 4) -> Reshape to rank 4 ->
    Split; `shape_read`: a Shape also reads the Transpose's output (as torch exports a reshape whose sizes it reads from
    the tensor; here the target of a Reshape of the first part, which keeps its shape)."""
    b, q, h, p = 1, 30, 8, 12
    nodes = [helper.make_node("Sub", ["x", "one"], ["s"], name="sub"),
             helper.make_node("Transpose", ["s"], ["t"], name="tp", perm=[0, 2, 1, 3, 4]),
             helper.make_node("Reshape", ["t", "target"], ["r"], name="rs"),
             helper.make_node("Split", ["r", "sp"], ["y0", "y1", "y2"], name="split", axis=3)]
    inits = [init("one", np.ones(1, np.float32)), init("sp", np.array([8, 8, 8], np.int64)),
             init("target", np.array([b, h, q, -1], np.int64))]
    outs = ["y0", "y1", "y2"]
    if shape_read:
        nodes += [helper.make_node("Shape", ["t"], ["st"], name="shape", end=3),
                  helper.make_node("Concat", ["st", "eight"], ["target0"], name="target0", axis=0),
                  helper.make_node("Reshape", ["y0", "target0"], ["z0"], name="rs0")]
        inits += [init("eight", np.array([8], np.int64))]
        outs[0] = "z0"
    return make_model(nodes, [("x", [b, q, h, p, 2])], [(o, [b, h, q, 8]) for o in outs], inits, opset=15)


def test_a_shape_reader_does_not_end_a_measured_run(table_dir):
    """The toolkit folds a Shape of a static tensor: RT-DETR exported with reshape targets read from Shape nodes put
    each decoder layer's rank-5 sampling-location Transpose on the CPU (rk3566 float16 2.5.0), as the whole builds'
    motif of the Transpose into its Reshape said; the Shape reading the Transpose's output ended the run before."""
    version = _measured_version("rk3566")
    key = "elt>Transpose5:02134:a1>Reshape5>4>slice"
    _write(table_dir, "rk3566", version, motifs={key: {"nodes": ["cpu", "npu"], "n": 6}},
           neighbors={"elt>Transpose>layout": {"placement": "npu", "n": 15, "cpu": 0}})

    def cpu(m):
        return sorted(f.location.node_name for f in findings(m, target="rk3566", select={"RKN601"}))

    for shape_read in (False, True):
        view = ModelView(_shape_read_transpose(shape_read))
        tp = next(r for r in view.main_nodes if r.name == "tp")
        assert [r.name for r in motifs.run_of(view, tp, shape_read=True)] == ["tp", "rs"]
        assert "tp" in cpu(_shape_read_transpose(shape_read)), shape_read
    view = ModelView(_shape_read_transpose(True))
    assert [r.name for r in motifs.run_of(view, next(r for r in view.main_nodes if r.name == "tp"))] == ["tp"]


def test_the_layer_after_a_pool_takes_the_name_its_reader_was_measured_to_give(table_dir):
    """placement_sweep `reduce_tail` (rk3566 float16 2.5.0): the CPU Transpose after a ReduceMean over (-1, -2) was
    named after the mean when a Conv read it (`Transpose:mean#1_rs#1`), after the Flatten / Reshape handing it to a
    Gemm (`Transpose:flat_y_tp_rs#1`): RKN611's finding names that node alone (`reduce_readers`)."""
    ps = load_script("calibration/placement_sweep.py")
    version = _measured_version("rk3566")
    (table_dir / "sweeps").mkdir()
    key = "ReduceMean4:ax-1,-2:kd1"

    def named(tail):
        m = ps.case_reduce_tail(128, 8, (-1, -2), tail)[0]
        return sorted((f.location.node_name, tuple(f.data.get("nodes") or ())) for f in
                      findings(m, target="rk3566", select={"RKN611"}) if "adds a Transpose after" in f.message)

    _write(table_dir / "sweeps", "rk3566", version, reduces={key: {"producer": "cpu", "node": "cpu", "n": 3}})
    assert named("flatten") == [("mean", ("mean", "flat"))]  # unmeasured: the mean and the reshape it feeds
    _write(table_dir / "sweeps", "rk3566", version, reduces={key: {"producer": "cpu", "node": "cpu", "n": 3}},
           reduce_readers={f"{key}>Flatten>linear": {"placement": "reader", "n": 4},
                           f"{key}>Reshape>linear": {"placement": "reader", "n": 4},
                           f"{key}>conv": {"placement": "reduce", "n": 4}})
    assert named("flatten") == [("flat", ("flat",))]
    assert named("view") == [("view", ("view",))]
    assert named("conv") == [("mean", ("mean",))]


def test_outer_sum_of_rank_5_with_a_batch_is_cpu_with_2_3_2_and_npu_with_2_5_0():
    """SAM's relative positions [B, h, w, h, 1] + [B, h, w, 1, w] (placement_sweep `relpos`): the Add ran on the CPU
    with 2.3.2 on every family measured whenever B > 1; with B = 1 (a leading unit axis) and written at rank 4 it
    stayed on the NPU, as with 2.5.0 at every size. Other Adds of the same models keep their plain key."""
    ps = load_script("calibration/placement_sweep.py")
    windows, _ = ps.case_relpos(4, 8, 8, 32)
    one, _ = ps.case_relpos(1, 8, 8, 32)
    flat, _ = ps.case_relpos(4, 8, 8, 32, rank=4)

    def cpu_rel(model, target, version, dtype="float16"):
        return [f for f in findings(model, target=target, toolkit_version=version, dtype=dtype, select={"RKN601"})
                if f.location.node_name == "rel" and f.severity.name == "WARNING"]

    for target, dtype in (("rk3588", "float16"), ("rk3576", "int8"), ("rv1106", "int8"), ("rk2118", "float16")):
        [f] = cpu_rel(windows, target, "2.3.2", dtype)
        assert "Add5:outer" in f.message or "Add5:outer" in str(f.data)
        assert cpu_rel(one, target, "2.3.2", dtype) == [] and cpu_rel(flat, target, "2.3.2", dtype) == []
    assert cpu_rel(windows, "rk3588", "2.5.0") == []
    view = ModelView(windows)
    keys = {r.name: motifs.node_key_sweep(view, r) for r in view.main_nodes if r.op_type == "Add"}
    assert keys["rel"] == "Add5:outer" and keys["k"] == "Add3"


def test_einsum_operand_takes_the_layers_of_the_einsum_it_feeds():
    """placement_sweep `relpos` and `mvitpool` (rknn-toolkit2 2.3.2 float16 / int8 and 2.5.0 float16 on rk3566): the
    Reshape of q into the Einsums with the relative-position tables got the CPU Transpose / Reshape layers the toolkit
    makes of them (14 of 14 builds each), key `Reshape>einsum`; MViTv2's pooling Reshapes into the depthwise Convs
    stayed on the NPU (21 of 21), the logits' Reshape back from rank 6 ran on the CPU (7 of 7), q's LayerNorm with
    2.3.2 at every size. An Einsum written with spaces (a CPU Einsum of its own) gives its operand no such key."""
    ps = load_script("calibration/placement_sweep.py")
    m = ps.case_mvitpool(2, 96, 16, 1, 2)[0]
    for version, dtype in (("2.3.2", "float16"), ("2.3.2", "int8"), ("2.5.0", "float16")):
        got = {f.location.node_name for f in findings(m, target="rk3566", toolkit_version=version, dtype=dtype,
                                                      select={"RKN601", "RKN611"}) if f.severity.name != "INFO"}
        assert {"rel_q_rs", "attn_rs"} <= got and not {"pool_rs_q", "pool_rs_k", "pool_rs_v"} & got, (version, got)
        assert ("norm_q" in got) == (version == "2.3.2"), (version, got)
    view = ModelView(m)
    keys = {r.name: motifs.node_key_sweep(view, r) for r in view.main_nodes}
    assert keys["rel_q_rs"] == "Reshape>einsum" and keys["pool_rs_q"] is None
    for node in m.graph.node:
        if node.op_type == "Einsum":
            node.attribute[0].s = node.attribute[0].s.replace(b",", b", ")
    assert motifs.node_key_sweep(ModelView(m), next(r for r in ModelView(m).main_nodes if r.name == "rel_q_rs")) is None


def test_stacked_branches_summed_over_the_leading_axis():
    """placement_sweep `stacksum` (torch.stack([...]).sum(0), timm's parallel blocks): with 2.3.2 on rk3566 float16
    and int8 the Concat over the leading axis and the ReduceSum over it got CPU Transposes (4 of 4 each), with 2.5.0
    neither. The Concat's key spells the leading axis (`Concat4:ax0`); a Concat over another axis keeps its plain key."""
    ps = load_script("calibration/placement_sweep.py")
    m = ps.case_stackrows(197, 384)[0]
    for dtype in ("float16", "int8"):
        got = {f.location.node_name for f in findings(m, target="rk3566", toolkit_version="2.3.2", dtype=dtype,
                                                      select={"RKN601", "RKN611"}) if f.severity.name != "INFO"}
        assert {"stack", "sum"} <= got, (dtype, got)
    assert not {"stack", "sum"} & _warned_nodes(m, "rk3566", "2.5.0")
    view = ModelView(m)
    stack = next(r for r in view.main_nodes if r.name == "stack")
    assert motifs.node_key_sweep(view, stack) == "Concat4:ax0"
    stack.node.attribute[0].i = 1
    assert motifs.node_key_sweep(view, stack) == "Concat4"


def test_attention_over_a_batch_of_windows_has_its_own_roles():
    """placement_sweep `swinwin` (timm's Swin block, 2.3.2 float16 on rk3566): over 16 windows of 49 tokens the window
    tokens' Reshape into the qkv Linear, the qkv Reshape and the Split ran on the CPU and v's Squeeze did not, where
    the one-image key (`attn5:a1`, which the batch's key backed off to) has v on the CPU."""
    m = load_script("calibration/placement_sweep.py").case_swinwin(28, 7, 192, 6)[0]
    got = _warned_nodes(m, "rk3566", "2.3.2")
    assert {"tok_rs", "qkv_rs", "split"} <= got and "sq_v" not in got, got


def test_head_flatten_into_rows_by_its_channel_count():
    """placement_sweep `headflat` (YuNet-style heads, 2.3.2 float16 on rk3566): a map [1, C, H, W] flattened and
    transposed to rows [1, H * W, C] had its Reshape on the CPU for one channel (into a Sigmoid or the output) and its
    Transpose for 4 and 10 channels, at 40 x 40, 20 x 20 and 10 x 10 (flat_c4_key's `.one` / `.odd` / `.c4`)."""
    ps = load_script("calibration/placement_sweep.py")
    for c, sig, cpu, npu in ((1, True, "flat_rs", "flat_tp"), (1, False, "flat_rs", "flat_tp"),
                             (10, False, "flat_tp", "flat_rs"), (4, False, "flat_tp", "flat_rs")):
        got = _warned_nodes(ps.case_headflat(c, 20, sig)[0], "rk3566", "2.3.2")
        assert cpu in got and npu not in got, (c, sig, got)


def test_an_op_measured_alike_at_every_rank_answers_for_an_unmeasured_rank():
    """int8 Sqrt on rk3562 with 2.3.2 was measured on the CPU at ranks 3 and 4 (placement_sweep `sqrt`): a rank-2
    Sqrt, as 6DRepNet's norm of a [1, 3] row, gets the same answer; a scalar key (rank 0) lends none and an op
    measured at one rank only lends none."""
    x = helper.make_tensor_value_info("x", onnx.TensorProto.FLOAT, [1, 16])
    nodes = [helper.make_node("Mul", ["x", "x"], ["sq"], name="sq"),
             helper.make_node("ReduceSum", ["sq", "ax"], ["s"], name="sum", keepdims=1),
             helper.make_node("Sqrt", ["s"], ["n"], name="norm"),
             helper.make_node("Div", ["x", "n"], ["y"], name="unit")]
    m = make_model(nodes, [x], [helper.make_tensor_value_info("y", onnx.TensorProto.FLOAT, [1, 16])],
                   [init("ax", np.array([1], np.int64))])
    hits = [f for f in findings(m, target="rk3562", dtype="int8", toolkit_version="2.3.2", select={"RKN601"})
            if f.location.node_name == "norm"]
    assert len(hits) == 1 and hits[0].severity.name == "WARNING"
    assert [f for f in findings(m, target="rk3562", toolkit_version="2.3.2", select={"RKN601"})
            if f.location.node_name == "norm"] == []
    assert motifs._all_ranks({"Cast0": {"placement": "cpu"}, "Div2": {"placement": "cpu"}}) == {}
    assert motifs.table("rk3562", "int8", "2.3.2")["sweep_ranks"]["Sqrt"][0] == "cpu"


def test_qkv_transpose_taken_apart_by_gathers_or_a_split_has_its_own_key(table_dir):
    """placement_sweep `wtake` (rk3588 fp16 2.3.2 and 2.3.0, rk3576 / rk3562 2.3.2): a windowed attention's qkv
    Transpose ran on the CPU where Gathers take q, k, v out (torchvision's Swin-T) and on the NPU where a Split does
    (timm's Swin-V2-CR); the whole builds' plain sized key (Swin-T's, CPU) no longer speaks for the Split form."""
    ps = _sweep_cases()
    gather, _ = ps.case_attn(49, 3, 32, b=16, take="gather")
    split, _ = ps.case_attn(49, 3, 32, b=16)
    keys = {}
    for name, m in (("gather", gather), ("split", split)):
        view = ModelView(m)
        tp = next(r for r in view.main_nodes if r.node.name == "qkv_tp")
        run = motifs.run_of(view, tp)
        keys[name] = motifs.take_key(view, run, motifs.sized_key(view, run))
    base = "elt>Reshape3>5:a16>Transpose5:20314:a16>slice@n.1"
    assert keys == {"gather": base + ".gather", "split": base + ".split"}
    version = _measured_version("rk3588")
    _write(table_dir, "rk3588", version, sized={base: {"nodes": ["npu", "cpu"], "n": 10}})
    (table_dir / "sweeps").mkdir()
    _write(table_dir / "sweeps", "rk3588", version, sized={
        base + ".gather": {"nodes": ["npu", "cpu"], "n": 3}, base + ".split": {"nodes": ["npu", "npu"], "n": 3}})
    fs = findings(gather, target="rk3588", select={"RKN601"})
    assert [f.location.node_name for f in fs] == ["qkv_tp"] and base + ".gather" in fs[0].message
    assert [f for f in findings(split, target="rk3588", select={"RKN601"}) if f.location.node_name == "qkv_tp"] == []


def test_qkv_taken_by_slices_and_a_cosine_attention_have_their_own_classes(table_dir):
    """placement_sweep `wslice` (2.3.2 on rk2118, rk3576, rk3562, rv1106, rv1106b): torch dynamo's unbind(0) (a Slice of
    one and a Squeeze per part) is its own take, `.slice`; q L2-normalised after the take (Swin-V2's cosine attention)
    adds `.cos`. On rk2118 the plain Slice take ran the windowed qkv Transpose on the CPU, the cosine one on the NPU:
    the `.cos` key answers before the take's own."""
    ps = _sweep_cases()
    keys = {}
    for name, cos in (("plain", False), ("cos", True)):
        m, _ = ps.case_attn(64, 4, 16, b=16, take="slice", cosine=cos)
        view = ModelView(m)
        run = motifs.run_of(view, next(r for r in view.main_nodes if r.node.name == "qkv_tp"))
        keys[name] = [k for k in motifs.class_keys(view, run) if ".slice" in k]
    base = "elt>Reshape3>5:a16>Transpose5:20314:a16>slice@n.16"
    # (`.slice.c16`: the width's class, take_width_key, after the cosine class and before the take's own)
    assert keys == {"plain": [base + ".slice.c16", base + ".slice"],
                    "cos": [base + ".slice.cos", base + ".slice.c16", base + ".slice"]}
    split, _ = ps.case_attn(49, 3, 32, b=16, cosine=True)
    view = ModelView(split)
    run = motifs.run_of(view, next(r for r in view.main_nodes if r.node.name == "qkv_tp"))
    assert motifs.class_keys(view, run)[0].endswith(".split.cos")
    version = _measured_version("rk3588")
    (table_dir / "sweeps").mkdir()
    _write(table_dir / "sweeps", "rk3588", version, sized={
        base + ".slice": {"nodes": ["npu", "cpu"], "n": 2}, base + ".slice.cos": {"nodes": ["npu", "npu"], "n": 2}})
    plain, _ = ps.case_attn(64, 4, 16, b=16, take="slice")
    cos, _ = ps.case_attn(64, 4, 16, b=16, take="slice", cosine=True)
    assert "qkv_tp" in [f.location.node_name for f in findings(plain, target="rk3588", select={"RKN601"})]
    assert "qkv_tp" not in [f.location.node_name for f in findings(cos, target="rk3588", select={"RKN601"})]


def test_a_size_class_measured_with_the_version_outranks_a_borrowed_tables_finer_class(table_dir):
    """exports rk3588 fp16 2.2.0: the whole builds with 2.2.0 put Swin-T's windowed qkv Reshape and Transpose on the
    CPU (sized key `@n.1`); the sweep borrowed from another version (`.gather`: the Reshape on the NPU there) must not
    overrule that measurement of this version."""
    gather, _ = _sweep_cases().case_attn(49, 3, 32, b=16, take="gather")
    base = "elt>Reshape3>5:a16>Transpose5:20314:a16>slice@n.1"
    version = _measured_version("rk3588")
    other = "2.3.2" if version != "2.3.2" else "2.5.0"
    _write(table_dir, "rk3588", version, sized={base: {"nodes": ["cpu", "cpu"], "n": 10}})
    (table_dir / "sweeps").mkdir()
    _write(table_dir / "sweeps", "rk3588", other, sized={base + ".gather": {"nodes": ["npu", "cpu"], "n": 3}})
    assert motifs.table("rk3588", "float16", version).get("borrowed") == {"sweep": other}
    fs = findings(gather, target="rk3588", select={"RKN601"})
    assert sorted(f.location.node_name for f in fs) == ["qkv_rs", "qkv_tp"]
    assert all(base in f.message and base + ".gather" not in f.message for f in fs)


@pytest.mark.parametrize(("c", "hw", "cpu"), [(128, 10, True), (48, 14, True), (128, 20, False), (384, 8, False)])
def test_a_channels_last_mean_is_classed_by_the_maps_width(c, hw, cpu):
    """placement_sweep `nhwc_rms` (rk3588 fp16 2.5.0, 11 models): the var form's first mean got a CPU Reshape where the
    map's width is no multiple of 4 (5, 10, 14), not where it is (8 to 40), whatever the channels."""
    m, _ = _sweep_cases().case_nhwc_rms(c, hw, "var")
    view = ModelView(m)
    mean = next(r for r in view.main_nodes if r.op_type == "ReduceMean")
    assert motifs.reduce_nhwc_width_key(view, mean) == motifs.reduce_nhwc_key(view, mean) + (".wn" if cpu else ".w4")
    flagged = {f.location.node_name for f in findings(m, target="rk3588", toolkit_version="2.5.0", select={"RKN611"})}
    assert (mean.node.name in flagged) == cpu


@pytest.mark.parametrize(("cin", "cout", "k", "key", "cpu"), [(64, 32, 3, "Mul5:sq", True),
                                                            (64, 16, 3, "Mul5:sq:c<32", False),
                                                            (256, 3, 1, "Mul5:sq:k1", False)])
def test_a_demodulation_square_is_keyed_by_kernel_and_channels(cin, cout, k, key, cpu):
    """placement_sweep `demod` (rk3566 fp16 2.5.0, 12 models): StyleGAN2's squared modulated weight [1, Cout, Cin, k,
    k] got a CPU Reshape for k = 3 and Cout >= 32 only; the modulating Mul of the same rank is no square."""
    m, _ = _sweep_cases().case_demod(cin, cout, k)
    view = ModelView(m)
    by = {r.node.name: r for r in view.main_nodes}
    assert motifs.node_key_sweep(view, by["square"]) == key
    assert ":sq" not in (motifs.node_key_sweep(view, by["modulate"]) or "")
    flagged = {f.location.node_name for f in findings(m, target="rk3566", toolkit_version="2.5.0", select={"RKN601"})}
    assert ("square" in flagged) == cpu


@pytest.mark.parametrize(("rank", "floor", "key"), [(3, "computed", "Max3:s"), (3, "scalar", "Max3:s"),
                                                    (3, "channel", "Max3"), (4, "computed", "Max4:s"),
                                                    (4, "channel", "Max4"), (4, "one1", "Max4:s"),
                                                    (4, "ones", "Max4"), (4, "leaky", "Max4")])
def test_a_max_with_a_scalar_floor_is_keyed_apart_and_runs_on_the_cpu(table_dir, rank, floor, key):
    """placement_sweep `maxs` (rk3588 fp16 2.3.2 / 2.5.0, rk3576 2.3.2, rk3562 2.3.2): a Max of a map and a floor of
    lower rank (a constant of rank 0 or [1], or computed as Whisper's x.max() - 8) ran on the CPU at rank 3 and 4, a
    rank-4 Max by a per-channel bound or by a [1, 1, 1, 1] constant (openWakeWord's max(leaky_relu(x), -0.4)) on the
    NPU."""
    m, _ = _sweep_cases().case_maxs(rank, floor)
    view = ModelView(m)
    assert motifs.node_key_sweep(view, next(r for r in view.main_nodes if r.op_type == "Max")) == key
    version = _measured_version("rk3588")
    (table_dir / "sweeps").mkdir()
    _write(table_dir / "sweeps", "rk3588", version, nodes={
        "Max3:s": {"placement": "cpu", "n": 2}, "Max3": {"placement": "cpu", "n": 1},
        "Max4:s": {"placement": "cpu", "n": 2}, "Max4": {"placement": "npu", "n": 1}})
    flagged = [f.location.node_name for f in findings(m, target="rk3588", select={"RKN601"})]
    assert ("clamp" in flagged) == (key != "Max4")


def test_a_reflect_pad_is_keyed_by_its_mode():
    """placement_sweep `in3pad`: a reflect or edge Pad of a waveform input [1, 1, L] ran on the CPU, the same behind a
    Conv1d on the NPU, so the sweep's node key spells a Pad's mode and whether it pads a graph input (a constant Pad
    keeps its old key)."""
    ps = _sweep_cases()
    for mode, front, key in (("reflect", False, "Pad3:reflect:in"), ("edge", False, "Pad3:edge:in"),
                             ("reflect", True, "Pad3:reflect"), ("constant", False, "Pad3"), ("constant", True, "Pad3")):
        view = ModelView(ps.case_in3pad(4000, 64, mode, front)[0])
        assert motifs.node_key_sweep(view, next(r for r in view.main_nodes if r.op_type == "Pad")) == key


def test_a_reflect_pad_of_a_lifted_input_pads_the_input():
    """placement_sweep `in3pad` with `lift` (2.3.2: rk3588, rk3576, rk3562, rk2118 fp16, rv1106 int8): a waveform x[1,
    L] lifted to [1, 1, L] by an Unsqueeze or a Reshape before its reflect Pad (silero-vad) ran on the CPU like the
    Pad of a rank-3 input; a Reshape that splits the input ([1, 2L] -> [1, 2, L]) is no lift, so its Pad keeps the
    plain reflect key."""
    from onnx import TensorProto, helper

    ps = _sweep_cases()
    for lift in ("Unsqueeze", "Reshape"):
        view = ModelView(ps.case_in3pad(576, 64, lift=lift)[0])
        assert motifs.node_key_sweep(view, next(r for r in view.main_nodes if r.op_type == "Pad")) == "Pad3:reflect:in"
    g = helper.make_graph(
        [helper.make_node("Reshape", ["x", "shape"], ["r"], name="split"),
         helper.make_node("Pad", ["r", "pads"], ["y"], name="pad", mode="reflect")], "g",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 1152])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 2, 704])],
        [helper.make_tensor("shape", TensorProto.INT64, [3], [1, 2, 576]),
         helper.make_tensor("pads", TensorProto.INT64, [6], [0, 0, 64, 0, 0, 64])])
    view = ModelView(helper.make_model(g, opset_imports=[helper.make_opsetid("", 17)]))
    assert motifs.node_key_sweep(view, next(r for r in view.main_nodes if r.op_type == "Pad")) == "Pad3:reflect"


def test_a_map_squeezed_by_a_row_mean_is_keyed_by_the_axis(table_dir):
    """placement_sweep `seaaxial` (rk3588 fp16 / int8 2.3.2, fp16 2.3.0): SeaFormer's row attention (means over W) put
    the Reshape after the q / k means and the Transpose of v's heads on the CPU, the column attention (means over H)
    nothing; both spell the same plain keys at 16 x 16, so the mean's axis is part of the boundary and run keys."""
    m, _ = _sweep_cases().case_seaaxial(16, 16)
    view = ModelView(m)
    by = {r.node.name: r for r in view.main_nodes}
    assert motifs.boundary_sized_keys(view, by["row_qmean"]) == ["reduce3>elt@c16.a16:ax-1", "reduce3>elt@c16.a16"]
    assert motifs.boundary_sized_keys(view, by["col_qmean"])[0] == "reduce3>elt@c16.a16:ax-2"
    run = motifs.run_of(view, by["row_vtp"])
    assert motifs.reduced_key(view, run, "k") == "k.ax-1"
    assert motifs.reduced_key(view, motifs.run_of(view, by["col_vtp"]), "k") == "k.ax-2"
    version = _measured_version("rk3588")
    (table_dir / "sweeps").mkdir()
    plain = "reduce>Reshape3>4>Transpose4:0132>layout@1.16"
    _write(table_dir / "sweeps", "rk3588", version, boundaries={"reduce3>elt": {"placement": "mixed", "n": 4}},
           boundaries_sized={
        "reduce3>elt@c16.a16:ax-1": {"placement": "cpu", "n": 2}, "reduce3>elt@c16.a16:ax-2": {"placement": "npu", "n": 2}},
           sized={plain + ".ax-1": {"nodes": ["npu", "cpu"], "n": 2}, plain + ".ax-2": {"nodes": ["npu", "npu"], "n": 2}})
    flagged = {f.location.node_name for f in findings(m, target="rk3588", select={"RKN601", "RKN611"})}
    assert {"row_qmean", "row_kmean", "row_vtp"} <= flagged
    assert not flagged & {"col_qmean", "col_kmean", "col_vtp"}


def _warned(model, target, version, dtype="float16"):
    """The nodes an RKN601 / RKN611 warning names (with a finding's `nodes` data)."""
    out = set()
    for f in findings(model, target=target, dtype=dtype, toolkit_version=version, select={"RKN601", "RKN611"}):
        if f.severity.name.lower() != "info":
            out.add(f.location.node_name)
            out.update((f.data or {}).get("nodes") or [])
    return out


def test_an_rmsnorm_over_the_channels_is_fused_only_by_the_versions_that_fuse_that_axis():
    """placement_sweep `rms_cf` (timm's RmsNorm2d, MobileNetV5): over axis 1 of a [1, C, H, W] map 2.5.0 fused the
    block into one exNorm layer on rk3566 (no CPU layer), 2.3.2 did not: Div(1, .) on the CPU in float16, the Sqrt
    too in int8 (rules/toolkit/<version>.yaml rmsnorm_fused_axes); over the last axis every version fused it."""
    from rknnlint.fused_blocks import blocks

    ps = _sweep_cases()
    model = ps.case_rms_cf(64, 32, "div1", 1)[0]
    view = ModelView(model)
    mean = next(r for r in view.main_nodes if r.name == "mean")
    assert mean.index in blocks(view, "2.5.0") and mean.index not in blocks(view, "2.3.2")
    last = ModelView(ps.case_rms_cf(64, 32, "div1", -1)[0])
    assert next(r for r in last.main_nodes if r.name == "mean").index in blocks(last, "2.3.2")
    assert _warned(model, "rk3566", "2.3.2") == {"rsqrt"}
    assert _warned(model, "rk3566", "2.3.2", "int8") == {"rsqrt", "sqrt"}
    assert _warned(model, "rk3566", "2.5.0") == set()
    # x / sqrt(.) kept its Div on the NPU in float16 (a computed numerator: `Div4:t`, not `Div4:r`)
    assert _warned(ps.case_rms_cf(64, 32, "divx", 1)[0], "rk3566", "2.3.2") == set()


def test_every_toolkit_version_fuses_a_norm_over_the_last_axis():
    """motifs.nhwc_reduces reads the fused blocks at the default version: that is only right while every version's
    `rmsnorm_fused_axes` (rules/toolkit/<version>.yaml) holds `last`, as measured for 2.2.0 to 2.5.0."""
    from rknnlint.toolkit.versions import facts, known_versions

    assert {v: "last" in facts(v).rmsnorm_fused_axes for v in known_versions()} == dict.fromkeys(known_versions(), True)


def test_a_channel_mean_of_a_map_gets_a_cpu_reshape_where_the_mean_of_a_square_does_not():
    """placement_sweep `chpool` (CBAM / PP-LiteSeg UAFM channel statistics): with 2.3.2 on rk3566 the ReduceMean over
    the channels of a Conv map became Reshape -> Conv -> Reshape back, the last on the CPU ('Reshape:chmean#1_rs'),
    the mean of a Pow's square one Conv on the NPU; 2.5.0 kept both on the NPU (motifs.reduce_channel_key)."""
    ps = _sweep_cases()
    mean, powmean = ps.case_chpool(64, 32, 32, "mean")[0], ps.case_chpool(64, 32, 32, "powmean")[0]
    view = ModelView(mean)
    ref = next(r for r in view.main_nodes if r.name == "chmean")
    assert motifs.reduce_channel_key(view, ref) == "ReduceMean4:ax1:kd1@chan.map"
    pview = ModelView(powmean)
    assert motifs.reduce_channel_key(pview, next(r for r in pview.main_nodes if r.name == "chmean")).endswith(".sq")
    for dtype in ("float16", "int8"):
        assert "chmean" in _warned(mean, "rk3566", "2.3.2", dtype), dtype
        assert "chmean" not in _warned(powmean, "rk3566", "2.3.2", dtype), dtype
    assert "chmean" not in _warned(mean, "rk3566", "2.5.0")


def test_a_mean_over_one_side_of_a_map_puts_the_layers_around_it_on_the_cpu():
    """placement_sweep `axmean` (rk3566, 2.3.2 float16 and int8): the op in front of a mean over W or H gets a CPU
    Reshape / Transpose, and the layer after it is named after the mean when kept, after its Reshape reader when
    squeezed to [1, C, L]."""
    ps = _sweep_cases()
    for dtype in ("float16", "int8"):
        assert {"pre", "axmean"} <= _warned(ps.case_axmean(64, 16, -1, "ca")[0], "rk3566", "2.3.2", dtype)
        got = _warned(ps.case_axmean(64, 16, -1, "seq")[0], "rk3566", "2.3.2", dtype)
        assert {"pre", "seq_rs"} <= got and "axmean" not in got, dtype


def test_an_unfused_token_rmsnorm_puts_a_transpose_after_its_pow_but_a_fused_one_nothing():
    """placement_sweep `tokrms` (rk3566): the Sqrt -> Reciprocal form of a token RMSNorm is not fused; with 2.3.2 a
    CPU Transpose after the Pow and the Reciprocal on the CPU; the Div(1, .) form is one fused layer, its mean no
    layer of its own (RKN611 skips a fused block's mean)."""
    ps = _sweep_cases()
    assert {"pow", "rsqrt"} <= _warned(ps.case_tokrms(256, 1024, 2, "recip")[0], "rk3566", "2.3.2")
    assert "pow" not in _warned(ps.case_tokrms(256, 1024, 2, "recip")[0], "rk3566", "2.5.0")
    assert not {"pow", "mean"} & _warned(ps.case_tokrms(256, 1024, 2, "div1")[0], "rk3566", "2.3.2")


def test_an_rmsnorm_over_attention_heads_puts_the_reshapes_of_its_mean_on_the_cpu_with_2_3_2():
    """placement_sweep `headrms` (rk3566 float16 2.3.2): the mean over the head dim of [1, H, T, D] (axis written 3,
    as dynamo does: Sapiens2's qk-norm, ViT-dpwee's sub-norm) is lowered as Reshape [H * T, D, 1, 1] -> Conv ->
    Reshape back, both Reshapes on the CPU (`Reshape:pow_y_rs`, `Reshape:mean#1_rs`) at every size and front built;
    the same mean over the channels of a map is another key."""
    ps = _sweep_cases()
    for h, t, d, front in ((12, 201, 64, "heads"), (4, 64, 64, "attn")):
        assert {"pow", "mean"} <= _warned(ps.case_headrms(h, t, d, 3, front)[0], "rk3566", "2.3.2"), (h, t, d, front)
    assert not {"pow", "mean"} & _warned(ps.case_headrms(12, 201, 64, 3, "heads")[0], "rk3588", "2.3.2")


def test_a_qk_norms_heads_transpose_runs_on_the_cpu_with_2_3_2_but_a_scaled_qs_does_not_take_its_class():
    """placement_sweep `headrms` (rk3566 2.3.2 float16 and int8): q's heads Transpose 0213 read by an RMSNorm over the
    head dim ran on the CPU ('Transpose:q_tp', 4 of 4 each): motifs.norm_heads_key, `@sqnorm`. The same run read by a
    Mul (attention's scale) has no such class."""
    ps = _sweep_cases()
    model = ps.case_headrms(12, 201, 64, 3, "heads")[0]
    view = ModelView(model)
    q_tp = next(r for r in view.main_nodes if r.node.name == "q_tp")
    assert motifs.norm_heads_key(view, motifs.run_of(view, q_tp), "k") == "k@sqnorm"
    for dtype in ("float16", "int8"):
        assert "q_tp" in _warned(model, "rk3566", "2.3.2", dtype), dtype
    attn = ps.case_headrms(4, 64, 64, 3, "attn")[0]
    view = ModelView(attn)
    k_tp = next(r for r in view.main_nodes if r.node.name == "k_tp")
    assert motifs.norm_heads_key(view, motifs.run_of(view, k_tp), "k") is None


def test_a_token_rmsnorm_of_one_row_keeps_its_square_on_the_npu():
    """placement_sweep `tokrms` / `wrms` at one token (rk3566, 2.3.2 float16 and int8): the square of a [1, 1, D] row
    needs no Transpose for the mean (`reduces_sized` `ReduceMean3:ax-1:kd1@row1`, 4 of 4 builds each), where 4 and 16
    tokens put one on the CPU after the Pow (unseen set 11's kv-cache decoder step: five Pows falsely warned)."""
    ps = _sweep_cases()
    for dtype in ("float16", "int8"):
        assert "pow" not in _warned(ps.case_tokrms(1, 256, -1, "recip")[0], "rk3566", "2.3.2", dtype), dtype
        assert "pow" in _warned(ps.case_tokrms(4, 256, -1, "recip")[0], "rk3566", "2.3.2", dtype), dtype
    view = ModelView(ps.case_tokrms(1, 256, -1, "recip")[0])
    mean = next(r for r in view.main_nodes if r.node.name == "mean")
    assert motifs.reduce_row_key(view, mean) == "ReduceMean3:ax-1:kd1@row1"
    view = ModelView(ps.case_tokrms(4, 256, -1, "recip")[0])
    assert motifs.reduce_row_key(view, next(r for r in view.main_nodes if r.node.name == "mean")) is None


def test_a_written_out_reduction_norm_names_the_spatial_reduction_layer_after_its_mean():
    """placement_sweep `srattn_written` (SegFormer's TorchScript export, rk3566 2.3.2 float16 and int8, 2.5.0): the
    layer on the reduced tokens was 'Reshape:sr_norm_mean_2ln_rs_rs', so the `sr_rs` role is the norm's first mean."""
    ps = _sweep_cases()
    model = ps.case_srattn(16, 2, 32, 4, False, written=True)[0]
    view = ModelView(model)
    tp = next(r for r in view.main_nodes if r.name == "kv_tp")
    key, roles = motifs.attention_roles(view, tp)
    assert key.startswith("srkv5:") and roles["sr_rs"].name == "sr_norm_mean"
    for dtype in ("float16", "int8"):
        assert {"sr_norm_mean", "k_tp", "sq_v"} <= _warned(model, "rk3566", "2.3.2", dtype), dtype


def test_an_instance_norm_behind_a_slice_gets_its_cpu_layout_named_after_the_slice():
    """placement_sweep `ibnorm` (MODNet's IBNorm, rk3566 2.3.2 float16 / int8 and 2.5.0): 'Transpose:sl_in_y_tp' in
    front of the InstanceNorm at every size: boundary key slice4>inorm."""
    ps = _sweep_cases()
    model = ps.case_ibnorm(32, 64)[0]
    for version, dtype in (("2.3.2", "float16"), ("2.3.2", "int8"), ("2.5.0", "float16")):
        assert "sl_in" in _warned(model, "rk3566", version, dtype), (version, dtype)


def test_a_scale_norm_puts_its_l2_on_the_cpu_with_2_3_2():
    """placement_sweep `scalenorm` (RTMPose's ScaleNorm, rk3566): the ReduceL2 on the CPU with 2.3.2 (float16, int8),
    the Div in int8 too, neither with 2.5.0."""
    ps = _sweep_cases()
    model = ps.case_scalenorm(17, 256)[0]
    assert "l2" in _warned(model, "rk3566", "2.3.2") and "unit" not in _warned(model, "rk3566", "2.3.2")
    assert {"l2", "unit"} <= _warned(model, "rk3566", "2.3.2", "int8")
    assert not {"l2", "unit"} & _warned(model, "rk3566", "2.5.0")


def test_a_cyclic_shift_is_keyed_as_a_roll_and_runs_on_the_cpu_unless_folded_into_its_tokens_reshape():
    """placement_sweep `roll` (torch.roll as two Slices and a Concat per axis, Swin's cyclic shift) with 2.3.2 on
    rk2118 fp16 and rv1106 / rv1106b int8: Swin-V2-CR's whole shifted block put all four rolls' Gathers on the CPU
    (the map rolled is read by the residual Add too; the rolled-back map comes from the window reverse), as did a
    Conv map's; a roll of a Reshape of tokens read by nothing else (`.tok`) split by context (no answer); a channel
    Concat is no roll; rk3588 measured none."""
    ps = _sweep_cases()
    block = ps.case_roll(28, 192, "nhwc", shift=-3, tail="block", res=True)[0]
    view = ModelView(block)
    keys = {r.name: motifs.node_key_sweep(view, r) for r in view.main_nodes if r.op_type == "Concat"}
    assert keys == {"roll_h": "Concat4:roll1", "roll_w": "Concat4:roll2", "unroll_h": "Concat4:roll1",
                    "unroll_w": "Concat4:roll2"}
    nores = ModelView(ps.case_roll(28, 192, "nhwc", shift=-3, tail="block_nores", res=True)[0])
    assert {r.name: motifs.node_key_sweep(nores, r) for r in nores.main_nodes if r.name in ("roll_h", "roll_w")} == {
        "roll_h": "Concat4:roll1.tok", "roll_w": "Concat4:roll2.tok"}
    cat = ModelView(ps.case_roll(28, 192, "cat")[0])
    assert motifs.node_key_sweep(cat, next(r for r in cat.main_nodes if r.op_type == "Concat")) == "Concat4"
    rolls = {"roll_h", "roll_w", "unroll_h", "unroll_w"}
    for target in ("rk2118", "rv1106", "rv1106b"):
        dtype = "float16" if target == "rk2118" else "int8"
        assert rolls <= _warned(block, target, "2.3.2", dtype), target
    assert not rolls & _warned(block, "rk3588", "2.3.2")
    assert not {"roll_h", "roll_w"} & _warned(ps.case_roll(28, 192, "nhwc", tail="ln")[0], "rk2118", "2.3.2")


def test_a_layernorm_computing_the_same_as_an_earlier_one_is_no_cpu_layer_of_its_own():
    """placement_sweep `duoln` (rv1106 / rv1106b int8, rk2118 fp16, 2.3.2): two written-out LayerNorms of one tensor
    with the same gamma and beta (the second read through an Identity) made one CPU exNorm, named after the first;
    with their own gamma and beta, or over two tensors, two."""
    ps = _sweep_cases()

    def normed(model):
        return [f.location.node_name for f in findings(model, target="rv1106", dtype="int8", toolkit_version="2.3.2",
                                                       select={"RKN601"}) if "decomposed LayerNorm" in f.message]

    assert normed(ps.case_duoln(64, 128, shared=True)[0]) == ["norm_a_mean"]
    assert sorted(normed(ps.case_duoln(64, 128)[0])) == ["norm_a_mean", "norm_b_mean"]
    assert sorted(normed(ps.case_duoln(197, 384, same=False)[0])) == ["norm_a_mean", "norm_b_mean"]


def test_a_split_qkv_whose_q_is_scaled_after_the_take_is_its_own_class():
    """placement_sweep `wtake` with 2.3.2 on rv1106 int8: over 4 to 64 windows the qkv Transpose taken apart by a
    Split ran on the NPU where q is used as taken (and in Swin-V2-CR's cosine form), on the CPU where q is scaled
    after the take (timm's Swin, Swin-S3: `.split.qs`); one image: the NPU either way."""
    ps = _sweep_cases()
    scaled, plain = (ps.case_attn(49, 3, 32, b=64, take="split", qscale=q)[0] for q in (True, False))
    view = ModelView(scaled)
    tp = next(r for r in view.main_nodes if r.name == "qkv_tp")
    run = motifs.run_of(view, tp)
    assert any(k.endswith(".split.qs") for k in motifs.class_keys(view, run))
    assert "qkv_tp" in _warned(scaled, "rv1106", "2.3.2", "int8")
    assert "qkv_tp" not in _warned(plain, "rv1106", "2.3.2", "int8")
    assert "qkv_tp" not in _warned(ps.case_attn(196, 3, 64, b=1, take="split", qscale=True)[0], "rv1106", "2.3.2",
                                   "int8")


def test_an_integer_op_takes_no_answer_from_the_float_ranks_a_sweep_measured():
    """rk3588's sweep measured float Adds at ranks 3 and 4 on the NPU; NLLB's int64 position Add of rank 2
    (calibration/issue_repros.py i176: cumsum(mask) * mask + padding_idx) ran on the CPU with 2.3.2 and 2.5.0, so an
    integer-valued op keeps the probe's int64 variant and borrows nothing from the float ranks."""
    ids = helper.make_tensor_value_info("ids", onnx.TensorProto.INT64, [1, 16])
    nodes = [helper.make_node("Mul", ["ids", "ids"], ["sq"], name="sq"),
             helper.make_node("Add", ["sq", "pad"], ["pos"], name="add_pad")]
    m = make_model(nodes, [ids], [helper.make_tensor_value_info("pos", onnx.TensorProto.INT64, [1, 16])],
                   [init("pad", np.array(1, np.int64))])
    assert [f.location.node_name for f in findings(m, target="rk3588", select={"RKN601"})
            if f.location.node_name == "add_pad"] == ["add_pad"]


def test_grouped_window_attention_roles_follow_the_lsa_builds(table_dir):
    """placement_sweep `lsa` (Twins-SVT's locally-grouped attention: q, k, v of rank 5 over the window grid): with
    2.3.2 on rk3566 the window-grid Transpose, the qkv Transpose, the Split, q / k^T's scale Muls, v, the product with
    v and the Transpose after it got CPU layers over 4 to 64 windows; over one window only the first three."""
    ps = load_script("calibration/placement_sweep.py")
    view = ModelView(ps.case_lsa(8, 4, 16, 2)[0])
    tp = next(r for r in view.main_nodes if r.name == "qkv_tp")
    key, roles = motifs.attention_roles(view, tp)
    assert key == "gattn6:a16:d8:bn:s" and motifs.attention_keys(key) == [key, "gattn6:a16"]
    assert {r: n.name for r, n in roles.items()} == {
        "qkv_in": "part_tp", "qkv_mm": "qkv_mm", "qkv_rs": "qkv_rs", "qkv_tp": "qkv_tp", "split": "split",
        "q": "sq_q", "q_scale": "q_scale", "k_tp": "k_tp", "k_scale": "k_scale", "v": "sq_v", "av": "av",
        "o_tp": "o_tp", "o_rs": "o_rs"}
    one = ModelView(ps.case_lsa(4, 4, 16, 2)[0])
    assert motifs.attention_roles(one, next(r for r in one.main_nodes if r.name == "qkv_tp"))[0] == "gattn6:a16:d8:s"
    version = _measured_version("rk3566")
    (table_dir / "sweeps").mkdir()
    many = {r: "cpu" for r in ("qkv_in", "qkv_tp", "split", "q_scale", "k_scale", "v", "av", "o_tp")}
    _write(table_dir / "sweeps", "rk3566", version, attention={
        "gattn6:a16:d8:bn:s": {**many, "q": "npu", "n": 2},
        "gattn6:a16:d8:s": {"qkv_in": "cpu", "qkv_tp": "cpu", "split": "cpu", "v": "npu", "n": 1}})

    def named(hw):
        return sorted(f.location.node_name for f in findings(ps.case_lsa(hw, 4, 16, 2)[0], target="rk3566",
                                                             select={"RKN611"}) if "attention" in f.message)
    assert named(8) == ["av", "k_scale", "o_tp", "part_tp", "q_scale", "qkv_tp", "split", "sq_v"]
    assert named(4) == ["part_tp", "qkv_tp", "split"]


def test_v_heads_split_runs_on_the_cpu_by_the_sepattn_builds(table_dir):
    """placement_sweep `sepattn` (q, k, v Linears apart, as CLIP's text encoder and SAM's decoder): with 2.3.2 on
    rk3566 v's head-split Reshape and Transpose ran on the CPU for 7, 50 and 77 key / value tokens, on the NPU for 16
    and 64; q's run, of the same sized key, on the NPU."""
    ps = load_script("calibration/placement_sweep.py")
    version = _measured_version("rk3566")
    (table_dir / "sweeps").mkdir()
    view = ModelView(ps.case_sepattn(7, 7, 2, 8)[0])
    runs = {r.name: motifs.run_of(view, r) for r in view.main_nodes if r.name in ("q_rs", "v_rs")}
    keys = {n: motifs.vheads_key(view, run, motifs.sized_key(view, run)) for n, run in runs.items()}
    assert keys == {"q_rs": None, "v_rs": "elt>Reshape3>4>Transpose4:0213>layout@1.1.v:a1"}
    _write(table_dir / "sweeps", "rk3566", version, sized={
        "elt>Reshape3>4>Transpose4:0213>layout@1.1": {"nodes": ["npu", "npu"], "n": 5},
        "elt>Reshape3>4>Transpose4:0213>layout@1.16": {"nodes": ["npu", "npu"], "n": 3},
        "elt>Reshape3>4>Transpose4:0213>layout@1.1.v:a1": {"nodes": ["cpu", "cpu"], "n": 5},
        "elt>Reshape3>4>Transpose4:0213>layout@1.16.v:a16": {"nodes": ["npu", "npu"], "n": 3}})

    def named(n, m):
        return sorted(f.location.node_name for f in findings(ps.case_sepattn(n, m, 2, 8)[0], target="rk3566",
                                                             select={"RKN601"}) if f.location.node_name[:2] in ("q_", "v_"))
    assert named(7, 7) == ["v_rs", "v_tp"]
    assert named(64, 7) == ["v_rs", "v_tp"]  # cross attention: k / v from 7 tokens
    assert named(7, 16) == []


@pytest.mark.parametrize("version", ["2.3.2", "2.5.0"])
def test_v_heads_split_on_rk2118_follows_its_number_of_values(version):
    """placement_sweep `vsz` (rk2118 float16, 2.3.2 and 2.5.0, the committed sweeps): v's head-split Transpose on the
    CPU from 261888 values of [1, M, h, d] whatever the split into M, h and d, on the NPU at 230400 and below; rk3566's
    table has no size class for it and keeps its alignment class (`.v:a<n>`)."""
    ps = load_script("calibration/placement_sweep.py")

    def v_named(n, heads, d, target="rk2118"):
        model = ps.case_sepattn(n, n, heads, d)[0]
        return sorted(f.location.node_name for f in findings(model, target=target, toolkit_version=version,
                                                             select={"RKN601"}) if f.location.node_name.startswith("v_"))
    view = ModelView(ps.case_sepattn(341, 341, 12, 64)[0])
    run = motifs.run_of(view, next(r for r in view.main_nodes if r.name == "v_rs"))
    assert motifs.vsize_key(view, run, motifs.sized_key(view, run)) == "elt>Reshape3>4>Transpose4:0213>layout.v@gt240k"
    assert v_named(341, 12, 64) == ["v_tp"]
    assert v_named(256, 8, 128) == ["v_tp"]
    assert v_named(300, 12, 64) == []
    assert v_named(197, 12, 64) == []


def test_window_cosine_attention_roles_by_the_swinv2win_builds(table_dir):
    """placement_sweep `swinv2win` (Swin-V2's window attention as torch.onnx's dynamo exporter writes it): with 2.3.2
    on rk3566 fp16 the window tokens' Reshape, the qkv Transpose, v's Slice and Squeeze and the Transpose after the
    proj Linear ran on the CPU over a batch of windows, the Reshape after q @ k^T too where the logits are over 2^18
    numbers (`:big`); the proj layer is named after its bias Add, after the Linear where the bias is all zero."""
    ps = load_script("calibration/placement_sweep.py")
    m = ps.case_swinv2win(64, 8, 96, 3)[0]
    view = ModelView(m)
    key, roles = motifs.attention_roles(view, next(r for r in view.main_nodes if r.name == "qkv_tp"))
    assert key == "attn5:a16:d16:bn:cos:big"
    assert motifs.attention_keys(key) == [key, "attn5:a16:d16:bn:cos", "attn5:a16"]
    assert {r: roles[r].name for r in ("qkv_in", "v_slice", "v", "qk", "proj")} == {
        "qkv_in": "tok_rs", "v_slice": "sl_v", "v": "sq_v", "qk": "qk", "proj": "proj_add"}
    small = ModelView(ps.case_swinv2win(16, 8, 384, 12)[0])  # 4 windows of 12 heads: 196k logits
    assert motifs.attention_roles(small, next(r for r in small.main_nodes if r.name == "qkv_tp"))[0] == \
        "attn5:a16:d16:bn:cos"
    dot = ModelView(ps.case_swinv2win(64, 8, 96, 3, cos=False)[0])
    assert motifs.attention_roles(dot, next(r for r in dot.main_nodes if r.name == "qkv_tp"))[0] == \
        "attn5:a16:d16:bn:s:big"
    version = _measured_version("rk3566")
    (table_dir / "sweeps").mkdir()
    _write(table_dir / "sweeps", "rk3566", version, attention={
        "attn5:a16": {"qkv_in": "npu", "v": "npu", "n": 1},
        "attn5:a16:d16:bn:cos": {"qkv_in": "cpu", "qk": "mixed", "proj": "cpu", "q": "npu", "n": 5},
        "attn5:a16:d16:bn:cos:big": {"qkv_in": "cpu", "qk": "cpu", "proj": "cpu", "q": "npu", "n": 3}})

    def named(model):
        return sorted(f.location.node_name for f in findings(model, target="rk3566", select={"RKN611"})
                      if "attention" in f.message)
    assert named(m) == ["proj_add", "qk", "tok_rs"]
    assert named(ps.case_swinv2win(16, 8, 384, 12)[0]) == ["proj_add", "tok_rs"]
    bias = next(nd.input[1] for nd in m.graph.node if nd.name == "proj_add")
    t = next(t for t in m.graph.initializer if t.name == bias)
    t.CopyFrom(onnx.numpy_helper.from_array(np.zeros(96, np.float32), bias))  # dropped by the toolkit
    assert named(m) == ["proj_mm", "qk", "tok_rs"]


def test_swinv2_merge_run_is_classed_by_the_windows_it_feeds():
    """placement_sweep `swinv2merge`: Swin-V2's patch merging (reduction Linear, then LayerNorm) into a stage of 4
    windows or of one: with 2.3.2 on rk3566 fp16 the Transpose after the Linear ran on the CPU in front of several
    windows, the one after the LayerNorm in front of one (`@wins` / `@win1`)."""
    ps = load_script("calibration/placement_sweep.py")

    def keys(hw):
        view = ModelView(ps.case_swinv2merge(hw, 192 if hw == 32 else 384, 8, "mlp")[0])
        run = motifs.run_of(view, next(r for r in view.main_nodes if r.name == "pm_rs"))
        assert [r.name for r in run] == ["pm_rs", "pm_tp", "pm_flat", "reduction", "pm_norm"]
        return [k for k in motifs.class_keys(view, run) if "@win" in k]
    assert [k.rsplit("@", 1)[1] for k in keys(32)] == ["wins"]
    assert [k.rsplit("@", 1)[1] for k in keys(16)] == ["win1"]
    view = ModelView(ps.case_pmerge(28, 96)[0])  # Swin-V1's merge into a pool: no window partition behind
    run = motifs.run_of(view, next(r for r in view.main_nodes if r.name == "pm_rs"))
    assert not any("@win" in k for k in motifs.class_keys(view, run))


def test_safe_softmax_transposes_by_the_safesm_builds(table_dir):
    """placement_sweep `safesm` (torch's masked SDPA: Where(IsNaN(p), 0, p) after the Softmax): with 2.3.2 on rk3566
    the IsNaN's Transposes ran on the CPU, named after q @ k^T and after the Where, at 16 to 433 tokens; v's heads run
    is classed as with a plain Softmax (`.v:a1` at 50 tokens)."""
    ps = load_script("calibration/placement_sweep.py")
    m = ps.case_sepattn(50, 50, 4, 32, mask=True, safe=True)[0]
    view = ModelView(m)
    keys, roles = motifs.safe_softmax(view, next(r for r in view.main_nodes if r.op_type == "IsNaN"))
    assert keys == ["safesm@short.hn", "safesm:a1", "safesm"]
    assert {r: n.name for r, n in roles.items()} == {"qk": "qk", "where": "safe"}
    assert motifs.safe_softmax(view, next(r for r in view.main_nodes if r.op_type == "Softmax")) is None
    run = motifs.run_of(view, next(r for r in view.main_nodes if r.name == "v_rs"))
    assert motifs.vheads_key(view, run, "k").endswith(".v:a1")
    version = _measured_version("rk3566")
    (table_dir / "sweeps").mkdir()
    _write(table_dir / "sweeps", "rk3566", version, safe_softmax={"safesm": {"qk": "cpu", "where": "cpu", "n": 8}})
    fs = [f for f in findings(m, target="rk3566", select={"RKN611"}) if "IsNaN" in f.message]
    assert sorted(f.location.node_name for f in fs) == ["qk", "safe"]
    assert [f for f in findings(ps.case_sepattn(50, 50, 4, 32, mask=True)[0], target="rk3566", select={"RKN611"})
            if "IsNaN" in f.message] == []  # a plain Softmax: no safe Softmax


@pytest.mark.parametrize("version", ["2.3.0", "2.3.2", "2.5.0"])
def test_safe_softmax_product_transpose_by_token_count_and_heads_on_rk3588(version):
    """placement_sweep `safesm` / `safesz` built with 2.3.0, 2.3.2 and 2.5.0 on rk3588 float16 (the committed sweep tables):
    the masked SDPA's q @ k^T Transpose ran on the CPU past 256 tokens with more than one head (Depth-Anything-S's
    433 tokens of 6 heads), on the NPU at 128 tokens of 12 heads (DistilBERT) and at 433 of one; the Where's never."""
    ps = load_script("calibration/placement_sweep.py")

    def cpu(n, heads):
        m = ps.case_sepattn(n, n, heads, 64, safe=True)[0]
        return sorted(f.location.node_name for f in findings(m, target="rk3588", toolkit_version=version,
                                                             select={"RKN611"}) if "IsNaN" in f.message)
    assert cpu(433, 6) == ["qk"]
    assert cpu(300, 4) == ["qk"]
    assert cpu(128, 12) == []
    assert cpu(433, 1) == []
    assert cpu(256, 6) == []


def test_shape_read_run_answers_from_the_sweep_motifs(table_dir):
    """timm Swin's patch merging as exported reads the rank-6 Transpose's shape: the run the toolkit sees (the Shape
    folded) is the one placement_sweep `pmerge` built with constant targets, whose Reshape and Transpose ran on the
    CPU with 2.3.2 on rk3566 (6 of 6)."""
    ps = load_script("calibration/placement_sweep.py")
    version = _measured_version("rk3566")
    (table_dir / "sweeps").mkdir()
    m = ps.case_pmerge(16, 16, True, "written")[0]
    m.graph.node.append(helper.make_node("Shape", ["pm_tp_y"], ["pm_shape"], name="pm_shape"))
    view = ModelView(m)
    tp = next(r for r in view.main_nodes if r.name == "pm_tp")
    key = motifs.chain_key(view, motifs.run_of(view, tp, shape_read=True))
    assert key != motifs.chain_key(view, motifs.run_of(view, tp))
    _write(table_dir / "sweeps", "rk3566", version, motifs={key: {"nodes": ["cpu", "cpu", "npu"], "n": 3}})
    names = {f.location.node_name for f in findings(m, target="rk3566", select={"RKN601"})}
    assert {"pm_rs", "pm_tp"} <= names and "pm_flat" not in names


def test_evonorm_group_std_boundaries_follow_the_evonorm_builds(table_dir):
    """placement_sweep `evonorm` (timm EvoNorm-S0's group std in rank 5): with 2.3.2 on rk3566 the tensor taken into
    the means and its square got a CPU Reshape after them (a rank-5 tensor into a ReduceMean), the eps Add after the
    variance too (an element-wise op on a reduce), the Sub of the mean none; the Sqrt ran on the CPU itself."""
    ps = load_script("calibration/placement_sweep.py")
    version = _measured_version("rk3566")
    (table_dir / "sweeps").mkdir()
    m = ps.case_evonorm(64, 8, 32)[0]
    view = ModelView(m)
    keys = {r.name: motifs.boundary_sized_key(view, r) for r in view.main_nodes if r.name in ("cast", "sub", "sq", "eps")}
    assert keys == {"cast": "elt5>elt+reduce@mean.a16", "sub": "elt5>elt@<elt", "sq": "elt5>reduce@mean.a16",
                    "eps": "elt5>elt@<reduce"}  # a table measured without the rows' alignment answers the plain key
    _write(table_dir / "sweeps", "rk3566", version, boundaries_sized={
        "elt5>elt+reduce@mean": {"placement": "cpu", "n": 6}, "elt5>reduce@mean": {"placement": "cpu", "n": 8},
        "elt5>elt@<reduce": {"placement": "cpu", "n": 8}, "elt5>elt@<layout": {"placement": "npu", "n": 2}},
        boundaries={"elt5>elt": {"placement": "mixed", "n": 22}}, nodes={"Sqrt5": {"placement": "cpu", "n": 8}})
    names = {f.location.node_name for f in findings(m, target="rk3566", select={"RKN601", "RKN611"})}
    assert {"cast", "sq", "eps", "sqrt"} <= names and "sub" not in names


def test_a_rank_5_statistic_read_by_a_mul_is_keyed_apart_from_one_read_by_a_sqrt(table_dir):
    """placement_sweep `gstd5` (rk3588 fp16 2.3.2): EvoNorm's eps Add on the group variance got a CPU Reshape after
    it where a Sqrt (a CPU op at rank 5) reads it, none where a Mul does, so a reader other than a Sqrt is spelled in
    the key (`elt5>elt@<reduce>mul`) and keeps the Sqrt case's answer from it."""
    cases = _sweep_cases()
    m, _ = cases.case_gstd5(64, 56, "sqrt")
    mul, _ = cases.case_gstd5(64, 56, "mul")
    eps = {}
    for name, model in (("sqrt", m), ("mul", mul)):
        view = ModelView(model)
        eps[name] = motifs.boundary_sized_key(view, next(r for r in view.main_nodes if r.name == "eps"))
    assert eps == {"sqrt": "elt5>elt@<reduce", "mul": "elt5>elt@<reduce>mul"}
    version = _measured_version("rk3588")
    (table_dir / "sweeps").mkdir()
    _write(table_dir / "sweeps", "rk3588", version, boundaries={"elt5>elt": {"placement": "mixed", "n": 8}},
           boundaries_sized={"elt5>elt@<reduce": {"placement": "cpu", "n": 4},
                             "elt5>elt@<reduce>mul": {"placement": "npu", "n": 4}})
    assert "eps" in _warned(m, "rk3588", version)
    assert "eps" not in _warned(mul, "rk3588", version)


def test_a_rank_5_mean_is_keyed_by_the_alignment_of_its_rows(table_dir):
    """placement_sweep `gstd5` sizes (rk3588 2.3.0 / 2.3.2 / 2.5.0 fp16, 2.3.2 int8): the Reshapes after EvoNorm's Cast
    and square into the rank-5 means ran on the CPU where H * W is no multiple of 8 (14 x 14, 10 x 10, 26 x 26), not
    at 16 x 16 or 14 x 28; one channel a group is its own class (2.5.0 kept it on the NPU at 14 x 14)."""
    cases = _sweep_cases()
    keys = {}
    for c, h, w in ((256, 14, 14), (256, 16, 16), (256, 14, 28), (32, 14, 14)):
        view = ModelView(cases.case_gstd5(c, h, "mul", w=w)[0])
        sq = next(r for r in view.main_nodes if r.name == "square")
        keys[(c, h, w)] = motifs.boundary_sized_keys(view, sq)
    assert keys == {(256, 14, 14): ["elt5>reduce@mean.a1", "elt5>reduce@mean"],
                    (256, 16, 16): ["elt5>reduce@mean.a16", "elt5>reduce@mean"],
                    (256, 14, 28): ["elt5>reduce@mean.a8", "elt5>reduce@mean"],
                    (32, 14, 14): ["elt5>reduce@mean.a1.g1", "elt5>reduce@mean.a1", "elt5>reduce@mean"]}
    version = _measured_version("rk3588")
    (table_dir / "sweeps").mkdir()
    _write(table_dir / "sweeps", "rk3588", version, boundaries={"elt5>reduce": {"placement": "mixed", "n": 8}},
           boundaries_sized={"elt5>reduce@mean": {"placement": "mixed", "n": 8},
                             "elt5>reduce@mean.a1": {"placement": "cpu", "n": 8},
                             "elt5>reduce@mean.a1.g1": {"placement": "npu", "n": 1},
                             "elt5>reduce@mean.a16": {"placement": "npu", "n": 6}})
    assert "square" in _warned(cases.case_gstd5(256, 14, "mul")[0], "rk3588", version)
    assert "square" not in _warned(cases.case_gstd5(256, 16, "mul")[0], "rk3588", version)
    assert "square" not in _warned(cases.case_gstd5(32, 14, "mul")[0], "rk3588", version)


def test_detector_levels_handed_out_as_rows_are_keyed_by_k_and_by_what_reads_them(table_dir):
    """placement_sweep `lvlrows` (rk3588 fp16 / int8 2.3.2): each level's Reshape [1, H, W, A * K] -> [1, H * W * A, K]
    into the levels' Concat ran on the CPU where a Sigmoid / Softmax reads the Concat and K is no multiple of 8 (K 2,
    20), on the NPU for K 80 and 1; where the Concat is the output the levels split (no verdict)."""
    ps = _sweep_cases()

    def rows(model):
        view = ModelView(model)
        return {r.name: motifs.level_rows_key(view, motifs.run_of(view, r)) for r in view.main_nodes
                if r.name.startswith("nhwc")}

    sig, out, k80 = (ps.case_lvlrows(20, 9, (24, 12, 6), "sig")[0], ps.case_lvlrows(20, 9, (24, 12, 6), "none")[0],
                     ps.case_lvlrows(80, 1, (20, 10), "sig")[0])
    key = "conv>Transpose4:0231>Reshape4>3:a1>concat@lvl.a1."
    assert set(rows(sig).values()) == {key + "op"} and set(rows(out).values()) == {key + "out"}
    assert set(rows(k80).values()) == {"conv>Transpose4:0231>Reshape4>3:a16>concat@lvl.a16.op"}
    version = _measured_version("rk3588")
    (table_dir / "sweeps").mkdir()
    _write(table_dir / "sweeps", "rk3588", version, sized={
        key + "op": {"nodes": ["npu", "cpu"], "n": 11}, key + "out": {"nodes": ["npu", "mixed"], "n": 22},
        "conv>Transpose4:0231>Reshape4>3:a16>concat@lvl.a16.op": {"nodes": ["npu", "npu"], "n": 3}})
    assert {"rows0", "rows1", "rows2"} <= _warned(sig, "rk3588", version)
    assert not {"rows0", "rows1", "rows2", "nhwc0"} & _warned(out, "rk3588", version)
    assert not {"rows0", "rows1"} & _warned(k80, "rk3588", version)
    # a ViT's patch rows behind a class token stack no levels (DINOv3, unseen set 10: on the NPU on rk3566)
    nodes = [helper.make_node("Conv", ["x", "w"], ["c"], name="patch", kernel_shape=[1, 1]),
             helper.make_node("Transpose", ["c"], ["t"], name="nhwc", perm=[0, 2, 3, 1]),
             helper.make_node("Reshape", ["t", "s"], ["r"], name="rows"),
             helper.make_node("Concat", ["cls", "r"], ["y"], name="tokens", axis=1)]
    vit = make_model(nodes, [("x", [1, 3, 8, 8])], [("y", [1, 65, 16])],
                     [init("w", conv_weight(16, 3, 1)), init("s", np.array([1, 64, 16], np.int64)),
                      init("cls", np.zeros((1, 1, 16), np.float32))])
    assert set(rows(vit).values()) == {None}
    # the YOLOv5 layout first (`lvlrows5`, YOLOP's raw head): its 3-node run is keyed the same way
    five = ps.case_lvlrows(6, 3, (24, 12), "sig", rank5=True)[0]
    view = ModelView(five)
    assert {r.name: motifs.level_rows_key(view, motifs.run_of(view, r)) for r in view.main_nodes
            if r.name.startswith("split")} == {
        "split0": "conv>Reshape4>5:a8>Transpose5:01342:a1>Reshape5>3:a1>concat@lvl.a1.op",
        "split1": "conv>Reshape4>5:a1>Transpose5:01342:a1>Reshape5>3:a1>concat@lvl.a1.op"}


def test_a_detector_levels_concat_is_keyed_by_the_rows_of_its_levels(table_dir):
    """placement_sweep `lvlcat` (rk3576 / rk3562 fp16, rv1106 int8 2.3.2): the levels' Concat itself ran on the CPU
    where a level's rows are odd, K no multiple of 8 and the levels stack 6375 rows or more; the key spells what
    reads it, the rows' alignment and size class, and, for the output, whether the levels halve."""
    ps = _sweep_cases()

    def key(model):
        view = ModelView(model)
        return motifs.node_key_sweep(view, next(r for r in view.main_nodes if r.name == "levels"))

    odd = ps.case_lvlrows(20, 3, (60, 30, 15, 7), "sig")[0]  # 10800 + 2700 + 675 + 147 rows
    even = ps.case_lvlrows(20, 2, (30, 15), "sig")[0]  # 1800 + 450
    out = ps.case_lvlrows(4, 3, (20, 10, 5), "none")[0]
    assert (key(odd), key(even), key(out)) == ("Concat3:lvl.a1.op.m1.r16384", "Concat3:lvl.a1.op.m2.r4096",
                                              "Concat3:lvl.a1.out.m1.r2048.halves")
    version = _measured_version("rk3576")
    (table_dir / "sweeps").mkdir()
    _write(table_dir / "sweeps", "rk3576", version, nodes={
        "Concat3": {"placement": "npu", "n": 9, "cpu": 0},
        "Concat3:lvl.a1.op.m1.r16384": {"placement": "cpu", "n": 2, "cpu": 2}})
    assert "levels" in _warned(odd, "rk3576", version)
    assert "levels" not in _warned(even, "rk3576", version)  # unmeasured class: the rank's entry answers


def test_a_group_norm_is_keyed_by_its_map_width_then_plain(table_dir):
    """placement_sweep `gnormhw` (rk3588 int8 2.3.2): both Reshapes of a GroupNorm of 8 channels a group ran on the CPU
    on 7 x 7 and 14 x 14 maps, on the NPU where the width is a multiple of 4; a table without the width's class
    answers with the plain key."""
    ps = _sweep_cases()

    def keys(model):
        view = ModelView(model)
        return motifs.group_norm_keys(view, next(r for r in view.main_nodes if r.name == "inorm"))

    w14, w16 = ps.case_gnorm(64, 8, 14)[0], ps.case_gnorm(64, 8, 16)[0]
    assert keys(w14) == ["GroupNorm:a8:w2", "GroupNorm:a8"] and keys(w16) == ["GroupNorm:a8:w4", "GroupNorm:a8"]
    assert keys(ps.case_gnorm(64, 8, 7)[0])[0] == "GroupNorm:a8:w1"
    version = _measured_version("rk3588")
    (table_dir / "sweeps").mkdir()
    roles = {"placement": "npu", "layer": "none", "n": 2}
    _write(table_dir / "sweeps", "rk3588", version, gnorm={
        "GroupNorm:a8:w2": {**roles, "reshape_in": "cpu", "reshape_out": "cpu"},
        "GroupNorm:a8": {**roles, "reshape_in": "npu", "reshape_out": "npu"}})
    assert {"gn_in", "gn_out"} <= _warned(w14, "rk3588", version)
    assert not {"gn_in", "gn_out"} & _warned(w16, "rk3588", version)


def test_a_group_norm_of_odd_groups_or_one_channel_a_group_is_keyed_by_its_length_first(table_dir):
    """placement_sweep `gnormcg1` / `gnormgodd` (rk3588 fp16 2.3.0 / 2.5.0): GroupNorm(32, 32) on 112 x 112 maps
    (ResNetV2-50-D-GN's stem) was transposed [1, 32, 1, 12544] -> [1, 12544, 1, 32] around its exNorm layer, the
    transpose back (named after the InstanceNorm) on the CPU with 2.5.0; on 64 x 64 maps on the NPU."""
    ps = _sweep_cases()

    def keys(model):
        view = ModelView(model)
        return motifs.group_norm_keys(view, next(r for r in view.main_nodes if r.name == "inorm"))

    stem, small = ps.case_gnorm(32, 32, 112)[0], ps.case_gnorm(32, 32, 64)[0]
    assert keys(stem) == ["GroupNorm:a1:w4:tlong", "GroupNorm:a1:w4", "GroupNorm:a1"]
    assert keys(small)[0] == "GroupNorm:a1:w4:tshort"
    assert keys(ps.case_gnorm(24, 3, 56)[0])[0] == "GroupNorm:a8:w4:tlong"
    assert keys(ps.case_gnorm(64, 8, 56)[0])[0] == "GroupNorm:a8:w4"  # an even number of groups of 8: no length class
    version = _measured_version("rk3588")
    (table_dir / "sweeps").mkdir()
    roles = {"placement": "npu", "layer": "none", "n": 2, "reshape_in": "npu", "reshape_out": "npu"}
    _write(table_dir / "sweeps", "rk3588", version, gnorm={
        "GroupNorm:a1:w4:tlong": {**roles, "norm_layout": "cpu"}, "GroupNorm:a1:w4": {**roles, "norm_layout": "npu"}})
    assert "inorm" in _warned(stem, "rk3588", version)
    assert "inorm" not in _warned(small, "rk3588", version)


def test_a_group_norms_reshapes_follow_its_width_class_over_the_reshapes_own_context(table_dir):
    """placement_sweep `gnormhw` (rk3566 fp16 2.5.0 and 2.3.2): EfficientNet-B0-GN's GroupNorm Reshapes of 7 x 7 maps
    ran on the NPU where the context of such a Reshape measured alone (`inner|Reshape4>3:a8`) said CPU; where the
    block's width class is measured it places them, the plain key leaves them to the context."""
    ps = _sweep_cases()
    m = ps.case_gnorm(64, 8, 7)[0]
    version = _measured_version("rk3566")
    _write(table_dir, "rk3566", version, contexts={"inner|Reshape4>3:a8": {"placement": "cpu", "n": 2, "cpu": 2}})
    (table_dir / "sweeps").mkdir()
    roles = {"placement": "npu", "layer": "none", "n": 2, "reshape_in": "npu", "reshape_out": "npu"}
    _write(table_dir / "sweeps", "rk3566", version, gnorm={"GroupNorm:a8": roles})
    assert "gn_in" in _warned(m, "rk3566", version)
    _write(table_dir / "sweeps", "rk3566", version, gnorm={"GroupNorm:a8": roles, "GroupNorm:a8:w1": roles})
    assert not {"gn_in", "gn_out"} & _warned(m, "rk3566", version)


def test_a_heatmap_flattened_into_an_argmax_runs_its_reshape_on_the_cpu_on_rk3566():
    """placement_sweep `heatsel` (rk3566 fp16 / int8 2.3.2, the committed sweep tables): a keypoint head's Reshape of
    K heatmaps to [1, K, H * W] / [K, H * W] in front of an ArgMax ran on the CPU at every size (17 x 48 x 48 to
    21 x 16 x 16), the offsets' Reshape + Transpose in front of a GatherND too; rk3588 fp16 kept the Reshape on the
    NPU."""
    ps = _sweep_cases()
    for dtype in ("float16", "int8"):
        assert "flat" in _warned(ps.case_heatsel(17, 32, 32, "argmax3")[0], "rk3566", "2.3.2", dtype)
        assert {"flat", "offs_view", "offs_tp"} <= _warned(ps.case_heatsel(17, 24, 24, "gnd")[0], "rk3566", "2.3.2",
                                                           dtype)
    assert "flat" not in _warned(ps.case_heatsel(17, 32, 32, "argmax3")[0], "rk3588", "2.3.2")


def test_a_modulated_1x1_conv_weight_runs_its_mul_on_the_cpu():
    """placement_sweep `modw` (2.3.2 on rk3588, rk3566, rk2118 float16, rv1106 int8; 2.5.0 on rk3588): StyleGAN2's
    toRGB modulation, the constant weight [1, Cout, Cin, k, k] times the style [1, 1, Cin, 1, 1] Reshaped into a Conv's
    weight, ran its Mul on the CPU for a 1 x 1 kernel (Cout 3 to 64, rank 4 and 5) and on the NPU for a 3 x 3 one."""
    ps = _sweep_cases()
    for rank in (5, 4):
        one = ps.case_modw(64, 3, 1, rank)[0]
        view = ModelView(one)
        mul = next(r for r in view.main_nodes if r.name == "modulate")
        assert motifs.node_key_sweep(view, mul) == "Mul:convw:k1:in"
        for target, dtype in (("rk3588", "float16"), ("rv1106", "int8")):
            assert "modulate" in _warned(one, target, "2.3.2", dtype), (rank, target)
    assert "modulate" not in _warned(ps.case_modw(64, 16, 3)[0], "rk3588", "2.3.2")
    # the demodulation (a scale over the output channels) is its own key: on the NPU on rk3588, the CPU on rk2118
    demod = ps.case_demod(64, 32)[0]
    view = ModelView(demod)
    assert motifs.node_key_sweep(view, next(r for r in view.main_nodes if r.name == "demod")) == "Mul:convw:kn:out"
    assert "demod" not in _warned(demod, "rk3588", "2.3.2") and "demod" in _warned(demod, "rk2118", "2.3.2")


def test_a_strided_slice_runs_on_the_cpu_but_not_a_focus_pair():
    """placement_sweep `sslice` (2.3.2 on rk3588, rk3566, rk2118 float16, rv1106 int8): PointNet++'s xyz[:, ::4] ran on
    the CPU over a graph input, a computed tensor and a Conv map; a strided Slice over another axis of a strided Slice
    (YOLOv5's Focus, which the toolkit fuses) takes the Focus key, not the strided one."""
    ps = _sweep_cases()
    model = ps.case_sslice("input", 1024, 3, 4)[0]
    view = ModelView(model)
    assert motifs.node_key_sweep(view, next(r for r in view.main_nodes if r.name == "pick")) == "Slice3:step"
    assert "pick" in _warned(model, "rk3588", "2.3.2") and "pick" in _warned(model, "rv1106", "2.3.2", "int8")
    big = np.iinfo(np.int64).max
    nodes = [helper.make_node("Slice", ["x", "s0", "e", "a2", "st"], ["h"], name="rows"),
             helper.make_node("Slice", ["h", "s0", "e", "a3", "st"], ["y"], name="cols")]
    inits = [init("s0", np.array([0], np.int64)), init("e", np.array([big], np.int64)),
             init("a2", np.array([2], np.int64)), init("a3", np.array([3], np.int64)),
             init("st", np.array([2], np.int64))]
    focus = ModelView(make_model(nodes, [("x", [1, 3, 64, 64])], [("y", [1, 3, 32, 32])], inits))
    assert {motifs.node_key_sweep(focus, r) for r in focus.main_nodes} == {"Slice4:focus:pairs:sq:h",
                                                                            "Slice4:focus:pairs:sq:w"}


def test_a_node_computing_what_an_earlier_one_computes_has_no_layer_of_its_own():
    """placement_sweep `dupexp` / `dupop` (2.3.2 on rk3588, rk2118 float16, rv1106 / rv1106b int8): two Expands of one
    index tensor by equal folded shapes, two Equals with -1, two equal Slices of a map: one layer for each pair (the
    first); two Expands to other shapes two. 2.3.0 kept both of unseen set 10's pairs (rules/toolkit duplicates_merged)."""
    ps = _sweep_cases()
    same = ModelView(ps.case_dupexp(True)[0])
    other = ModelView(ps.case_dupexp(False)[0])
    exp2 = next(r for r in same.main_nodes if r.name == "exp2")
    assert dropped_nodes.duplicate_of(same, exp2, ("Expand",)).name == "exp1"
    assert dropped_nodes.duplicate_of(other, next(r for r in other.main_nodes if r.name == "exp2"), ("Expand",)) is None
    assert dropped_nodes.duplicate_of(same, exp2, ("Equal",)) is None
    equal = ps.case_dupop("Equal")[0]
    assert "eq2" not in _warned(equal, "rk3588", "2.3.2") and "eq1" in _warned(equal, "rk3588", "2.3.2")
    assert {"eq1", "eq2"} <= _warned(equal, "rk3588", "2.3.0")


def test_a_constant_part_of_a_concat_taken_back_out_is_folded():
    """placement_sweep `catpart` (2.2.0, 2.3.0, 2.3.2 on rk3588 / rk3576 float16, rv1106 int8): torchvision's roi_align
    over a list of boxes Concat-s zeros in front of the boxes and takes them back out (Gather [0] or Slice 0:1 ->
    Squeeze -> Cast to int64): no Cast layer; with a graph input in place of the zeros the Cast ran on the CPU."""
    ps = _sweep_cases()
    for take in ("gather", "slice"):
        model = ps.case_catpart(32, take)[0]
        view = ModelView(model)
        cast = next(r for r in view.main_nodes if r.name == "idx_i64")
        assert dropped_nodes.folded_concat_part(view, cast), take
        assert "idx_i64" not in _warned(model, "rk3576", "2.3.2") and "roi" in _warned(model, "rk3576", "2.3.2")
    control = ps.case_catpart(32, "gather", "input")[0]
    view = ModelView(control)
    assert not dropped_nodes.folded_concat_part(view, next(r for r in view.main_nodes if r.name == "idx_i64"))
    assert "idx_i64" in _warned(control, "rk3576", "2.3.2")


def test_gathers_by_one_index_tensor_are_one_layer_from_the_versions_fewest():
    """placement_sweep `pgather` (2.3.2 on rk3576 float16 and rv1106 int8, 2.3.0 / 2.2.0 on rk3588 float16): Gathers
    of constant tables by one int64 index input were one CPU layer named after the first with 2.3.2 from two on, with
    2.3.0 from three on; Gathers by two index inputs stayed two layers."""
    ps = _sweep_cases()
    two, three = ps.case_pgather(2, 1, 32)[0], ps.case_pgather(3, 1, 32)[0]
    control = ps.case_pgather(2, 1, 32, two_ids=True)[0]
    assert _warned(two, "rk3576", "2.3.2") >= {"gather0"} and "gather1" not in _warned(two, "rk3576", "2.3.2")
    assert {"gather0", "gather1"} <= _warned(control, "rk3576", "2.3.2")
    assert {"gather0", "gather1"} <= _warned(two, "rk3588", "2.3.0")
    assert "gather0" in _warned(three, "rk3588", "2.3.0")
    assert not {"gather1", "gather2"} & _warned(three, "rk3588", "2.3.0")


def test_a_flattened_conv_head_gets_its_cpu_reshape_after_the_flatten():
    """placement_sweep `head2c` (2.3.2 on rk3588 float16 / int8, rk3576, rv1106): a 1x1 Conv classifier on the pooled
    map, Flatten-ed (-> Softmax) into a rank-2 output (unseen set 15's TC-ResNet): on rk3588 the CPU Reshape follows the
    Flatten for 10, 12, 35 classes, none for 16 or 1000, never on the output; none on rk3576."""
    ps = _sweep_cases()
    twelve, sixteen = ps.case_head2(12, "conv", ("Softmax",))[0], ps.case_head2(16, "conv", ("Softmax",))[0]
    view = ModelView(twelve)
    assert motifs.output_head(view, view.output_names[0])[1] == "head2:Flatten>Softmax:a4"

    def named(model, target):
        return {f.location.node_name for f in findings(model, target=target, toolkit_version="2.3.2",
                                                       select={"RKN610"}) if f.severity.name != "INFO"}

    assert named(twelve, "rk3588") == {"flat"}
    assert not named(sixteen, "rk3588") and not named(twelve, "rk3576")


def test_an_int64_mask_input_read_by_a_cast_gets_a_cpu_reshape():
    """placement_sweep `maskcast` (2.3.2 on rk3588, rk3576, rk3562, rk2118 float16, rv1106 / rv1106b int8): an int64
    attention mask [1, N] Cast to bool or float onto the scores got `Reshape:mask_rs` on the CPU, N 16 to 128 (unseen
    set 15's DistilBERT and MobileBERT)."""
    model = _sweep_cases().case_maskcast(64, "float")[0]
    assert motifs.input_key(ModelView(model), "mask") == "in2:i>elt"
    for target, dtype in (("rk3576", "float16"), ("rv1106", "int8")):
        fs = findings(model, target=target, dtype=dtype, toolkit_version="2.3.2", select={"RKN611"})
        assert any("in2:i>elt" in f.message and f.severity.name != "INFO" for f in fs), target


def test_an_l2_normalization_without_a_floor_is_one_fused_block():
    """CLIP's x / ReduceL2(x) (unseen set 10's text encoder): with 2.3.2 one 'exNorm:<ReduceL2>_2lpnorm2' layer on every
    family, no Div layer (the int8 rule for a Div by a computed divisor does not apply)."""
    from rknnlint.fused_blocks import blocks

    nodes = [helper.make_node("MatMul", ["x", "w"], ["t"], name="proj"),
             helper.make_node("ReduceL2", ["t"], ["n"], axes=[-1], keepdims=1, name="l2"),
             helper.make_node("Div", ["t", "n"], ["y"], name="div")]
    model = make_model(nodes, [("x", [1, 64])], [("y", [1, 32])], [init("w", np.ones((64, 32), np.float32))])
    view = ModelView(model)
    assert {r.name for r in view.main_nodes if r.index in blocks(view, "2.3.2")} == {"l2", "div"}
    assert "div" not in _warned(model, "rk3588", "2.3.2", "int8")


def test_a_position_input_read_by_a_slot_compare_gets_a_cpu_reshape_whatever_else_reads_it():
    """placement_sweep `posin` (2.3.2 on rk3588 fp16 / int8, rk3566, rk3562, rk3576, rv1106 / rv1106b; 2.5.0, 2.3.0 on
    rk3588): a decoder step's int64 position [1] read by a LessOrEqual with the cache slots got `Reshape:position_rs`
    on the CPU, read by the rotary tables' Gathers alone no layer. A key with more reader classes than any build
    measured (set 22's static-KV Llama step also Adds to it) follows its classes: CPU where one is CPU."""
    ps = _sweep_cases()
    both, rope = ps.case_posin("both", 128)[0], ps.case_posin("rope", 128)[0]
    both.graph.initializer.append(init("one", np.array([1], np.int64)))
    both.graph.node.append(helper.make_node("Add", ["position", "one"], ["next_slot"], name="next_slot"))
    both.graph.output.append(helper.make_tensor_value_info("next_slot", onnx.TensorProto.INT64, [1]))
    assert motifs.input_keys(ModelView(both), "position") == ["in1:i>elt+lessorequal+slice"]
    for target, version in (("rk3588", "2.3.2"), ("rk3576", "2.3.2"), ("rk3588", "2.5.0")):
        assert "position" in _input_hits(both, target, version), (target, version)
        assert "position" not in _input_hits(rope, target, version), (target, version)
    sec = {"in1:i>slice": {"placement": "npu"}}
    assert motifs._reader_classes(sec, "in1:i>elt+slice") is None  # elt never measured alone: no guess
    assert motifs._reader_classes(sec, "in1:i>slice+slice") == {"placement": "npu"}


def test_an_attention_mask_read_by_a_cast_and_a_positions_cumsum_gets_the_cast_masks_cpu_reshape():
    """Unseen set 23's OPT (and LFM2's mask, Cast beside an Unsqueeze): an int64 attention mask [1, T] that a Cast to
    float reads beside a CumSum of positions got `Reshape:attention_mask_rs` on the CPU on rk3588 and rk3566 with
    2.3.2, as a mask a Cast alone reads (`in2:i>elt`, CPU in the whole builds); the compound key no build measured
    follows its classes. A mask only Gathers read keeps no layer."""
    mask = helper.make_tensor_value_info("attention_mask", onnx.TensorProto.INT64, [1, 64])
    nodes = [helper.make_node("Cast", ["attention_mask"], ["mf"], to=1, name="mask_float"),
             helper.make_node("CumSum", ["attention_mask", "axis1"], ["pos"], name="positions"),
             helper.make_node("Gather", ["table", "pos"], ["pe"], name="embed_positions"),
             helper.make_node("Unsqueeze", ["mf", "ax2"], ["mu"], name="mask_unsqueeze"),
             helper.make_node("Mul", ["pe", "mu"], ["y"], name="masked")]
    inits = [init("axis1", np.array(1, np.int64)), init("ax2", np.array([2], np.int64)),
             init("table", np.random.default_rng(0).standard_normal((66, 32)).astype(np.float32))]
    model = helper.make_model(helper.make_graph(nodes, "g", [mask], [helper.make_tensor_value_info(
        "y", onnx.TensorProto.FLOAT, [1, 64, 32])], inits), opset_imports=[helper.make_opsetid("", 14)])
    assert motifs.input_keys(ModelView(model), "attention_mask") == ["in2:i>cumsum+elt"]
    for target in ("rk3588", "rk3566"):
        assert "attention_mask" in _input_hits(model, target, "2.3.2"), target
    assert motifs._reader_classes({"in2:i>gather": {"placement": "npu"}}, "in2:i>gather+gather") == {"placement": "npu"}


def test_an_integer_input_read_by_argmax_and_its_mask_unsqueezes_get_cpu_layers():
    """placement_sweep `i64in` (2.3.2 on rk3588, rk2118 float16, rv1106 / rv1106b int8): CLIP's int64 ids read by an
    ArgMax (and the embedding Gather) got a CPU Reshape on the input, read by the Gather alone none; BERT's mask
    Unsqueezed twice one CPU Reshape named after the second Unsqueeze (`in:i>`: an integer input's run)."""
    ps = _sweep_cases()
    argmax, gather = ps.case_i64in("argmax", 77)[0], ps.case_i64in("gather", 77)[0]
    assert motifs.input_keys(ModelView(argmax), "ids") == ["in2:i>argmax+slice"]
    for target in ("rk3588", "rk2118"):
        assert "ids" in _input_hits(argmax, target, "2.3.2") and "ids" not in _input_hits(gather, target, "2.3.2")
    mask = ps.case_i64in("mask2", 128)[0]
    view = ModelView(mask)
    m2 = next(r for r in view.main_nodes if r.name == "m2")
    assert motifs.chain_key(view, motifs.run_of(view, m2)).startswith("in:i>")
    warned = _warned(mask, "rk3588", "2.3.2")
    assert "m2" in warned and "m1" not in warned


def test_evonorm_expands_its_group_std_on_the_cpu_where_three_axes_broadcast():
    """placement_sweep `evonorm` with 2.3.2 on rv1106b int8 and rk2118 float16: the Expand of the group std
    [1, 32, 1, 1, 1] back to the view [1, 32, C / 32, H, W] ran on the CPU at 2 channels a group (three axes broadcast),
    on the NPU at one (two); the square of the centred view on the NPU, no probe rank-5 broadcast."""
    ps = _sweep_cases()
    two, one = ps.case_evonorm(64, 56)[0], ps.case_evonorm(32, 112)[0]
    for model, axes in ((two, 3), (one, 2)):
        view = ModelView(model)
        expand = next(r for r in view.main_nodes if r.name == "expand")
        assert motifs.node_key_sweep(view, expand) == f"Expand5:x{axes}"
    warned = _warned_int8(two, "rv1106b", "2.3.2")
    assert "expand" in warned and "sq" not in warned
    assert not {"expand", "sq"} & _warned_int8(one, "rv1106b", "2.3.2")
    assert "expand" in _warned_nodes(two, "rk2118", "2.3.2") and "sq" not in _warned_nodes(two, "rk2118", "2.3.2")


def test_a_per_head_rmsnorms_reciprocal_mul_over_the_last_axis_is_not_the_channels_cpu_mul():
    """placement_sweep `rmsc` with 2.3.2 on rk2118 float16: the Mul spreading 1 / rms over the channels ran on the CPU;
    a per-head q / k norm's over the last axis ([1, h, N, d] * [1, h, N, 1], Sapiens2) on the NPU in 4 of 5 builds."""
    ps = _sweep_cases()
    head, chan = ps.case_rmsc(201, 768, "head4")[0], ps.case_rmsc(32, 32, "recip")[0]
    view = ModelView(head)
    assert motifs.node_key_sweep(view, next(r for r in view.main_nodes if r.name == "mul")) == "Mul4:recip:last"
    assert "mul" not in _warned_nodes(head, "rk2118", "2.3.2") and "recip" in _warned_nodes(head, "rk2118", "2.3.2")
    assert "mul" in _warned_nodes(chan, "rk2118", "2.3.2")


def test_twins_window_grid_gather_is_named_after_the_qkv_linear_over_a_batch_of_windows():
    """placement_sweep `lsa` with 2.3.2 on rk2118 float16 and rv1106 / rv1106b int8: over 4 to 64 windows the grid
    Transpose ran as a CPU Gather owned by the qkv MatMul that reads it, over one window none."""
    ps = _sweep_cases()
    many, one = ps.case_lsa(56, 7, 64, 2)[0], ps.case_lsa(7, 7, 512, 16)[0]
    assert "qkv_mm" in _warned_nodes(many, "rk2118", "2.3.2")
    assert "qkv_mm" not in _warned_nodes(one, "rk2118", "2.3.2")
    for target in ("rv1106", "rv1106b"):
        assert "qkv_mm" in _warned_int8(many, target, "2.3.2") and "qkv_mm" not in _warned_int8(one, target, "2.3.2")


def test_a_tile_of_unit_axes_is_an_expand_and_an_expand_by_ones_no_layer():
    """placement_sweep `tilebc` (2.3.2 on rk3588, rk3566, rv1106, rk2118): an LSTM autoencoder's code [1, 1, 32] tiled
    over 60 steps (behind torch's Expand by ones) became an NPU 'Expand:<Tile>#1' and the Expand by ones no layer;
    [1, 4, 32] tiled by 15 and a map's 4 x 4 by 2 x 2 ran the Tile on the CPU."""
    ps = _sweep_cases()
    unit = ps.case_tilebc((1, 1, 32), (1, 60, 1), True)[0]
    view = ModelView(unit)
    tile = next(r for r in view.main_nodes if r.name == "tile")
    assert motifs.node_key_sweep(view, tile) == "Tile3:unit"
    assert dropped_nodes.noop_expand(view, next(r for r in view.main_nodes if r.name == "noop"))
    assert not {"tile", "noop"} & _warned(unit, "rk3588", "2.3.2")
    assert "tile" in _warned(ps.case_tilebc((1, 4, 32), (1, 15, 1))[0], "rk3588", "2.3.2")


def test_an_rmsnorm_weighted_first_runs_its_reciprocal_on_the_cpu():
    """placement_sweep `wrms` (2.3.2 on rk3588, rk3566, rk2118 float16, rv1106 int8; 2.5.0 on rk3588): an RMSNorm
    over one token or 16 to 64 that multiplies the weight into x before the reciprocal (unseen set 11's LLM decoder
    step) is not fused: its Div(1, sqrt) ran on the CPU everywhere, the Mul by it on the NPU."""
    ps = _sweep_cases()
    model = ps.case_tokrms(1, 256, -1, "wfirst")[0]
    for target, dtype in (("rk3588", "float16"), ("rv1106", "int8")):
        warned = _warned(model, target, "2.3.2", dtype)
        assert "rsqrt" in warned and "norm" not in warned, target


def test_a_rotary_half_is_no_strided_slice_of_points():
    """placement_sweep `rope`: the strided halves of a rotary interleave ran on the NPU with 2.5.0 (folded into a Conv)
    and on the CPU with 2.3.2, as the probe variant Slice/rotary_pairs says; they take no `:step` key, whose `sslice`
    builds (PointNet++'s points) ran on the CPU with every version and would answer for them."""
    m, _ = _sweep_cases().case_attn(64, 4, 32, rope="interleave")
    view = ModelView(m)
    strided = [r for r in view.main_nodes if r.op_type == "Slice" and motifs._strided_axes(view, r)]
    assert strided and all(not motifs.node_key_sweep(view, r).endswith(":step") for r in strided)


def _cpu_slices(model, target, version, dtype="float16"):
    return sorted(f.location.node_name for f in findings(model, target=target, toolkit_version=version, dtype=dtype,
                                                         select={"RKN601"}) if f.data.get("op") == "Slice")


def test_focus_stem_shared_on_a_non_square_input_runs_its_six_slices_on_the_cpu():
    """focus built with 2.3.2 (rk3588 fp16 / int8, rk3566, rv1106 int8) and 2.5.0 (rk3588): YOLOv5's Focus stem with
    shared strided-H Slices became one NPU Conv on a square input and six CPU Slices on a 384 x 640 one (unseen set
    12's YOLOP-lite); as four separate pairs it was one Conv with 2.3.2 and four CPU strided-H Slices with 2.5.0."""
    ps = _sweep_cases()
    rect, square = ps.case_focus(384, 640, "shared", "conv")[0], ps.case_focus(320, 320, "shared", "conv")[0]
    pairs = ps.case_focus(384, 640, "pairs", "conv")[0]
    six = ["h0", "h1", "w0", "w1", "w2", "w3"]
    assert motifs.node_key_sweep(ModelView(rect), ModelView(rect).main_nodes[0]) == "Slice4:focus:shared:rect:h"
    for target, version, dtype in (("rk3588", "2.3.2", "float16"), ("rk3588", "2.5.0", "float16"),
                                   ("rk3566", "2.3.2", "float16"), ("rv1106", "2.3.2", "int8")):
        assert _cpu_slices(rect, target, version, dtype) == six, (target, version)
        assert _cpu_slices(square, target, version, dtype) == [], (target, version)
    assert _cpu_slices(pairs, "rk3588", "2.3.2") == []
    assert _cpu_slices(pairs, "rk3588", "2.5.0") == ["h0", "h1", "h2", "h3"]


def test_channel_mean_of_a_map_gets_a_cpu_reshape_on_rk3588_by_its_plane():
    """chpool at C 128 (CBAM in a YOLO neck) built with 2.3.2 and 2.5.0 on rk3588: the mean over the channels of a
    26 x 26 or 13 x 13 map got its CPU 'Reshape:<mean>#1_rs', of a 20 / 40 / 52 / 80 square none; on rv1106 int8 none
    at any size. A map times a broadcast gate (CBAM's x * channel attention) is a map, not a product of two maps."""
    ps = _sweep_cases()
    odd, even = ps.case_chpool(128, 26, 26, "mean")[0], ps.case_chpool(128, 52, 52, "mean")[0]
    view = ModelView(odd)
    mean = next(r for r in view.main_nodes if r.op_type == "ReduceMean")
    assert motifs.reduce_channel_sized_key(view, mean) == "ReduceMean4:ax1:kd1@chan.map@hwu4"
    for version in ("2.3.2", "2.5.0"):
        assert [f.location.node_name for f in findings(odd, target="rk3588", toolkit_version=version,
                                                        select={"RKN611"})] == ["chmean"], version
        assert [f for f in findings(even, target="rk3588", toolkit_version=version, select={"RKN611"})] == []
    assert [f for f in findings(odd, target="rv1106", toolkit_version="2.3.2", dtype="int8", select={"RKN611"})] == []


def _zero_se(weight: float, bias: float):
    """Conv -> Relu -> 1x1 Conv `conv3` (all weights `weight`, bias `bias`) -> squeeze-excite over its 7 x 7 map
    (ReduceMean [2, 3] -> Conv -> Relu -> Conv -> Sigmoid -> Mul) -> Add the trunk, as timm's ResNet-RS."""
    c = 16
    nodes = [helper.make_node("Conv", ["x", "w1"], ["a0"], name="conv1", pads=[1, 1, 1, 1]),
             helper.make_node("Relu", ["a0"], ["a"], name="act"),
             helper.make_node("Conv", ["a", "w3", "b3"], ["h"], name="conv3"),
             helper.make_node("ReduceMean", ["h"], ["m"], name="se_mean", axes=[2, 3], keepdims=1),
             helper.make_node("Conv", ["m", "f1"], ["s1"], name="se_fc1"),
             helper.make_node("Relu", ["s1"], ["s2"], name="se_act"),
             helper.make_node("Conv", ["s2", "f2"], ["s3"], name="se_fc2"),
             helper.make_node("Sigmoid", ["s3"], ["s"], name="se_gate"),
             helper.make_node("Mul", ["h", "s"], ["g"], name="se_mul"),
             helper.make_node("Add", ["g", "a"], ["y"], name="res")]
    return make_model(nodes, [("x", [1, 3, 7, 7])], [("y", [1, c, 7, 7])],
                      [init("w1", conv_weight(c, 3)), init("w3", np.full((c, c, 1, 1), weight, np.float32)),
                       init("b3", np.full(c, bias, np.float32)), init("f1", conv_weight(4, c, k=1)),
                       init("f2", conv_weight(c, 4, k=1))])


def test_a_squeeze_excite_behind_an_all_zero_conv_is_folded_where_a_sweep_measured_it(table_dir):
    """placement_sweep `zero_se` (rk3588 fp16 2.2.0 / 2.3.0, rk3566 fp16 2.3.0): the SE mean over a 7 x 7 or 14 x 14
    map put a CPU Reshape on the Conv in front; behind a Conv whose weight is all zero (bias zero or not, timm's
    ResNet-RS with random weights) no layer was left on the CPU: the toolkit folds the Conv and the excite."""
    view = ModelView(_zero_se(0.0, 0.5))
    folded = dropped_nodes.zero_folded_nodes(view, fold=frozenset({"Conv"}))
    assert {view.main_nodes[i].name for i in folded} == {"conv3", "se_mean", "se_fc1", "se_act", "se_fc2", "se_gate",
                                                          "se_mul"}
    (table_dir / "sweeps").mkdir()
    plane = {"reduces_plane": {"ReduceMean4:ax2,3:kd1@hwu4": {"producer": "cpu", "node": "npu", "n": 3}}}

    def front(m):
        return [f.location.node_name for f in findings(m, target="rk3588", toolkit_version="2.3.0", select={"RKN611"})]

    _write(table_dir / "sweeps", "rk3588", "2.3.0", zero_weight={"Conv": {"branch": "dropped", "n": 1}}, **plane)
    assert front(_zero_se(0.0, 0.0)) == ["conv3"]  # the branch in front measured dropped, not what reads the Conv
    _write(table_dir / "sweeps", "rk3588", "2.3.0", zero_weight={"Conv": {"branch": "dropped", "n": 1},
                                                                 "Conv:fold": {"branch": "dropped", "n": 4}}, **plane)
    assert front(_zero_se(0.0, 0.0)) == [] and front(_zero_se(0.0, 0.5)) == []
    assert front(_zero_se(0.1, 0.0)) == ["conv3"]  # a random weight: the control's CPU Reshape


def _coordatt(c: int, h: int, w: int):
    """Coordinate attention's two pools of one Conv map: ReduceMean [3] ([1, C, H, 1]) and ReduceMean [2] Transposed
    to [1, C, W, 1], Concatenated over H into a 1x1 Conv."""
    nodes = [helper.make_node("Conv", ["x", "w1"], ["a"], name="pre", pads=[1, 1, 1, 1]),
             helper.make_node("ReduceMean", ["a"], ["mh"], name="pool_h", axes=[3], keepdims=1),
             helper.make_node("ReduceMean", ["a"], ["mw0"], name="pool_w", axes=[2], keepdims=1),
             helper.make_node("Transpose", ["mw0"], ["mw"], name="pool_w_tp", perm=[0, 1, 3, 2]),
             helper.make_node("Concat", ["mh", "mw"], ["cat"], name="cat", axis=2),
             helper.make_node("Conv", ["cat", "w2"], ["y"], name="mix")]
    return make_model(nodes, [("x", [1, 3, h, w])], [("y", [1, 8, h + w, 1])],
                      [init("w1", conv_weight(c, 3)), init("w2", conv_weight(8, c, k=1))])


def test_a_mean_over_one_side_is_classed_by_both_sides_and_the_kept_row(table_dir):
    """placement_sweep `coordatt` (rk3588 fp16 2.5.0): the mean over W of a map whose H is no multiple of 8 left its
    CPU Reshape ('Reshape:pool_h#1_rs'), the mean over H read by a Transpose a CPU Transpose once C * W passed 8192
    (192 x 52 x 52, 256 x 40 x 40, not 128 x 52 x 52), read by a Conv none (`coordatt1`); with 2.3.2 the Reshape went
    on the op in front."""
    view = ModelView(_coordatt(192, 26, 16))
    keys = {r.name: motifs.reduce_side_key(view, r) for r in view.main_nodes if r.op_type == "ReduceMean"}
    assert keys == {"pool_h": "ReduceMean4:ax3:kd1@ra8ku8.ckle8k", "pool_w": "ReduceMean4:ax2:kd1@ru8ka8.ckle8k>tp"}
    view = ModelView(_coordatt(192, 52, 52))
    assert motifs.reduce_side_key(view, view.main_nodes[2]) == "ReduceMean4:ax2:kd1@ru8ku8.ckgt8k>tp"
    view = ModelView(_coordatt(12, 52, 52))  # as few channels as attention heads [1, 12, T, D]: not measured
    assert motifs.reduce_side_key(view, view.main_nodes[2]) is None
    (table_dir / "sweeps").mkdir()

    def cpu(m, version):
        return sorted(f.location.node_name
                      for f in findings(m, target="rk3588", toolkit_version=version, select={"RKN611"}))

    side = {"ReduceMean4:ax3:kd1@ru8ku8.ckgt8k": {"producer": "npu", "node": "cpu", "n": 2},
            "ReduceMean4:ax2:kd1@ru8ku8.ckgt8k>tp": {"producer": "npu", "node": "cpu", "n": 2},
            "ReduceMean4:ax3:kd1@ra8ka8.ckgt8k": {"producer": "npu", "node": "npu", "n": 2},
            "ReduceMean4:ax2:kd1@ra8ka8.ckgt8k>tp": {"producer": "npu", "node": "cpu", "n": 2},
            "ReduceMean4:ax2:kd1@ra8ka8.ckgt8k": {"producer": "npu", "node": "npu", "n": 2}}
    _write(table_dir / "sweeps", "rk3588", "2.5.0", reduces_sized=side)
    assert cpu(_coordatt(192, 52, 52), "2.5.0") == ["pool_h", "pool_w"]
    assert cpu(_coordatt(256, 40, 40), "2.5.0") == ["pool_w"]
    _write(table_dir / "sweeps", "rk3588", "2.3.2", reduces_sized={
        "ReduceMean4:ax3:kd1@ru8ku8.ckgt8k": {"producer": "cpu", "node": "npu", "n": 2}})
    assert cpu(_coordatt(192, 52, 52), "2.3.2") == ["pre"]


def test_a_channels_last_patch_flattening_runs_on_the_cpu_by_its_map_and_what_reads_the_tokens():
    """placement_sweep `nhwctok` (rk3566 2.3.2): Conv -> Transpose 0231 -> Reshape [1, H * W, C] into a written-out
    RMSNorm (DeepSeek's) put the Transpose on the CPU at 14 x 14 and 16 x 16 (float16 and int8; motifs.norm_tokens_key,
    `@sqnorm`), the Reshape too at 16 x 16 in float16; into a class-token Concat (Sapiens2's) both on the CPU at 16 x 12
    in float16, neither at 14 x 14. The same flattening into a plain Linear has no `@sqnorm` class."""
    ps = _sweep_cases()
    rms = ps.case_nhwctok(256, 16, 16, "rms")[0]
    view = ModelView(rms)
    tp = next(r for r in view.main_nodes if r.node.name == "nhwc")
    assert motifs.norm_tokens_key(view, motifs.run_of(view, tp), "k") == "k@sqnorm"
    assert {"nhwc", "tok"} <= _warned(rms, "rk3566", "2.3.2")
    for dtype in ("float16", "int8"):
        assert "nhwc" in _warned(ps.case_nhwctok(128, 14, 14, "rms")[0], "rk3566", "2.3.2", dtype), dtype
    assert {"nhwc", "tok"} <= _warned(ps.case_nhwctok(128, 16, 12, "cat")[0], "rk3566", "2.3.2")
    assert not {"nhwc", "tok"} & _warned(ps.case_nhwctok(192, 14, 14, "cat")[0], "rk3566", "2.3.2")
    mm = ps.case_nhwctok(128, 14, 14, "mm")[0]
    view = ModelView(mm)
    tp = next(r for r in view.main_nodes if r.node.name == "nhwc")
    assert motifs.norm_tokens_key(view, motifs.run_of(view, tp), "k") is None


def test_a_cosine_attentions_q_div_and_k_transpose_run_on_the_cpu_on_rk3566_int8():
    """placement_sweep `wtake` `cos` (rk3566 int8 2.3.2, 10 builds): q and k L2-normalised (x / max(||x||, eps)) put
    a CPU Transpose after q's Div (`elt4>layout@l2.n` over windows, only where the Div feeds q k^T) and k^T's Transpose on the CPU
    (`...@l2`, motifs.l2_key) over 1 to 64 windows; a plain scaled attention's k^T has no such class."""
    ps = _sweep_cases()
    model = ps.case_attn(49, 3, 32, b=16, take="split", cosine=True)[0]
    view = ModelView(model)
    by = {r.node.name: r for r in view.main_nodes}
    assert motifs.boundary_sized_keys(view, by["q_l2"]) == ["elt4>layout@l2.n"]
    assert motifs.boundary_sized_keys(view, by["k_l2"]) == []
    assert motifs.l2_key(view, motifs.run_of(view, by["k_tp"]), "k") == "k@l2"
    assert {"q_l2", "k_tp"} <= _warned(model, "rk3566", "2.3.2", "int8")
    plain = ps.case_attn(49, 3, 32, b=16, take="split", qscale=True)[0]
    view = ModelView(plain)
    k_tp = next(r for r in view.main_nodes if r.node.name == "k_tp")
    assert motifs.l2_key(view, motifs.run_of(view, k_tp), "k") is None
def _count_head(n: int = 1):
    """CSRNet's count: a density map [1, n, 8, 8] (Conv -> Relu) summed over (0, 2, 3), keepdims 0, to [n]."""
    w = np.random.default_rng(n).standard_normal((n, 4, 1, 1)).astype(np.float32)
    return make_model([helper.make_node("Conv", ["x", "w"], ["c"], name="conv"),
                       helper.make_node("Relu", ["c"], ["density"], name="act"),
                       helper.make_node("ReduceSum", ["density", "ax"], ["count"], name="sum", keepdims=0)],
                      [("x", [1, 4, 8, 8])], [("count", [n])], [init("w", w), init("ax", np.array([0, 2, 3], np.int64))],
                      opset=13)


def _gaze_head(bins: int = 90):
    """L2CS-Net's yaw: Gemm -> Softmax over the bins -> Mul by the bin index -> ReduceSum (keepdims 0) -> Mul -> Sub."""
    rng = np.random.default_rng(bins)
    f = np.float32
    return make_model([helper.make_node("Gemm", ["x", "W"], ["l"], name="fc", transB=1),
                       helper.make_node("Softmax", ["l"], ["p"], name="sm", axis=1),
                       helper.make_node("Mul", ["p", "idx"], ["e"], name="weigh"),
                       helper.make_node("ReduceSum", ["e", "ax"], ["s"], name="sum", keepdims=0),
                       helper.make_node("Mul", ["s", "four"], ["d"], name="scale"),
                       helper.make_node("Sub", ["d", "shift"], ["yaw"], name="centre")],
                      [("x", [1, 16])], [("yaw", [1])],
                      [init("W", rng.standard_normal((bins, 16)).astype(f)), init("idx", np.arange(bins, dtype=f)),
                       init("ax", np.array([1], np.int64)), init("four", np.array(4.0, f)),
                       init("shift", np.array(180.0, f))], opset=13)


def test_rank1_output_key_spells_the_producer_the_length_and_the_op_in_front():
    """out1op sweep: the toolkit's Reshape on a rank-1 output depends on the op making it, the length (one value or
    more) and what is in front, so the key spells them (the Mul and Sub between the sum and the output are
    element-wise, looked through)."""
    assert motifs.output_key(ModelView(_count_head(1)), "count") == "reduce4>out1:n1<conv"
    assert motifs.output_key(ModelView(_count_head(8)), "count") == "reduce4>out1:a8<conv"
    assert motifs.output_key(ModelView(_gaze_head()), "yaw") == "elt1>out1:n1<reduce"


def test_swept_rank1_output_reshape_is_named_after_the_producer_or_its_input(table_dir):
    """rk3588 2.3.2: the gaze head's '<yaw>-rs' on the CPU; the count's Reshape named '<density>_rs_mm_tp_rs' (the
    sum lowered to a MatMul), so the finding names the density, the Relu's output; a table without the key: none."""
    version = _measured_version("rk3576")
    (table_dir / "sweeps").mkdir()
    _write(table_dir / "sweeps", "rk3576", version, outputs={
        "elt1>out1:n1<reduce": {"placement": "cpu", "n": 1, "named": "output"},
        "reduce4>out1:n1<conv": {"placement": "cpu", "n": 1, "named": "input"}})
    assert [f.location.tensor for f in findings(_gaze_head(), target="rk3576", select={"RKN610"})] == ["yaw"]
    [f] = findings(_count_head(1), target="rk3576", select={"RKN610"})
    assert f.location.tensor == "density" and "after its input 'density'" in f.message
    assert findings(_count_head(8), target="rk3576", select={"RKN610"}) == []  # reduce4>out1:a8<conv not measured


def test_plane_key_reads_the_shape_after_computed_tf_same_pads():
    """timm's TF-'same' Pad computes its pads (Ceil, Clip ...): onnx's inference leaves the map symbolic after it, the
    folded shape gives the squeeze-excite mean its plane class (rk3588 2.3.0: CPU Reshape on 14 x 14 / 7 x 7)."""
    from test_static_shapes import _tf_same

    m = _tf_same(h=14)
    m.graph.node.extend([helper.make_node("ReduceMean", ["y"], ["se"], name="se", axes=[2, 3], keepdims=1)])
    m.graph.output[0].name = "se"
    view = ModelView(m)
    se = next(r for r in view.main_nodes if r.op_type == "ReduceMean")
    assert view.static_shape("y") is None
    assert motifs.reduce_plane_key(view, se) == "ReduceMean4:ax2,3:kd1@hwu4"


def _se1d(front: str = "relu", src: str = "conv"):
    """A squeeze-excite's mean over T of [1, 32, 50] (ECAPA-TDNN): a Conv1d (`src` "conv"; "matmul": tokens out of a
    Linear) -> Relu (`front` "pow": its square too) -> ReduceMean [2], keepdims -> Mul back into the map."""
    w = init("w", conv_weight(32, 16, k=1)[..., 0] if src == "conv" else np.ones((50, 50), np.float32))
    first = helper.make_node("Conv", ["x", "w"], ["a"], name="pre") if src == "conv" else \
        helper.make_node("MatMul", ["x", "w"], ["a"], name="pre")
    nodes = [first, helper.make_node("Relu", ["a"], ["r"], name="act")]
    v = "r"
    if front == "pow":
        nodes.append(helper.make_node("Pow", ["r", "two"], ["q"], name="sq"))
        v = "q"
    nodes += [helper.make_node("ReduceMean", [v], ["m"], name="mean", axes=[2], keepdims=1),
              helper.make_node("Mul", ["r", "m"], ["y"], name="apply")]
    shape = [1, 16, 50] if src == "conv" else [1, 32, 50]
    return make_model(nodes, [("x", shape)], [("y", [1, 32, 50])], [w, init("two", np.array(2.0, np.float32))])


def test_a_mean_over_the_time_of_a_conv1d_map_has_its_own_key(table_dir):
    """placement_sweep `se1d` (rk3566 fp16): with 2.5.0 the mean over T of a Conv1d map put a CPU Transpose on the op
    in front and on the mean, with 2.3.2 on the op in front only; token means out of a Linear keep the plain key."""
    view = ModelView(_se1d())
    mean = next(r for r in view.main_nodes if r.op_type == "ReduceMean")
    assert motifs.reduce_seq_key(view, mean) == "ReduceMean3:ax2:kd1@seq.map"
    view = ModelView(_se1d("pow"))
    assert motifs.reduce_seq_key(view, view.main_nodes[3]) == "ReduceMean3:ax2:kd1@seq.sq"
    view = ModelView(_se1d(src="matmul"))
    assert motifs.reduce_seq_key(view, view.main_nodes[2]) is None
    (table_dir / "sweeps").mkdir()

    def cpu(m, version):
        return sorted(f.location.node_name
                      for f in findings(m, target="rk3566", toolkit_version=version, select={"RKN611"}))

    _write(table_dir / "sweeps", "rk3566", "2.5.0", reduces_sized={
        "ReduceMean3:ax2:kd1@seq.map": {"producer": "cpu", "node": "cpu", "n": 7}},
        reduces={"ReduceMean3:ax2:kd1": {"producer": "npu", "node": "npu", "n": 3}})
    assert cpu(_se1d(), "2.5.0") == ["act", "mean"]
    assert cpu(_se1d(src="matmul"), "2.5.0") == []
    _write(table_dir / "sweeps", "rk3566", "2.3.2", reduces_sized={
        "ReduceMean3:ax2:kd1@seq.map": {"producer": "cpu", "node": "npu", "n": 7}})
    assert cpu(_se1d(), "2.3.2") == ["act"]


def test_a_reduce_computing_what_an_earlier_one_computes_gets_no_layer_of_its_own(table_dir):
    """placement_sweep `dupop` ReduceMean (rk3566 fp16, 2.3.2 and 2.5.0): two equal means over W of one map were one
    layer; ECAPA-TDNN's two means over T of one map (unseen set 5) one CPU Transpose, named after the first."""
    ps = _sweep_cases()
    (table_dir / "sweeps").mkdir()
    _write(table_dir / "sweeps", "rk3566", "2.5.0", reduces={
        "ReduceMean4:ax3:kd1": {"producer": "cpu", "node": "cpu", "n": 3}})
    model = ps.case_dupop("ReduceMean")[0]
    assert sorted(f.location.node_name for f in findings(model, target="rk3566", toolkit_version="2.5.0",
                                                         select={"RKN611"})) == ["mean1", "pre"]


def test_an_area_attention_behind_a_residual_has_its_own_key():
    """placement_sweep `aattn_area2` (rk3566 fp16 2.5.0): in two ABlocks of 4 areas the second block's area split and
    v's way back to NCHW ran on the CPU too, the first block's not (YOLO12n-cls's A2C2f, unseen set 5); the committed
    2.5.0 table's `:res` entries name them, 2.3.2's not."""
    ps = _sweep_cases()
    model = ps.case_aattn_area(14, 4, blocks=2)[0]
    view = ModelView(model)
    splits = {r.name: r for r in view.main_nodes if r.op_type == "Split"}
    assert motifs.area_attention_res_key(view, splits["split"]) is None
    assert motifs.area_attention_res_key(view, splits["b1_split"]) == "aattn4:a1:areas:res"
    assert {k: n.name for k, n in motifs.area_attention_roles(view, splits["b1_split"]).items()
            if k.startswith(("area", "v_"))} == {"area_rs": "b1_area_rs", "area_tp": "b1_area_tp",
                                                   "v_rs": "b1_v_rs", "v_nchw": "b1_v_nchw"}

    def roles(version):
        return {f.location.node_name for f in findings(model, target="rk3566", toolkit_version=version,
                                                       select={"RKN611"}) if f.data.get("role")}

    new = roles("2.5.0")
    assert {"b1_area_rs", "b1_area_tp", "b1_v_rs", "b1_v_nchw"} <= new
    assert not new & {"area_rs", "area_tp", "v_rs", "v_nchw"}
    assert not roles("2.3.2") & {"b1_area_rs", "b1_area_tp", "b1_v_nchw"}


@pytest.mark.parametrize("target", ["rk3588", "rv1106"])
def test_safe_softmax_product_transpose_moves_to_384_tokens_in_int8(target):
    """placement_sweep `safesm` / `safesz` built with 2.3.2 in int8 on rk3588 and rv1106 (the committed sweep tables):
    the q @ k^T Transpose stayed on the NPU up to 325 tokens of 4 to 6 heads and ran on the CPU from 384 (the fp16
    edge is 256), and with one head from 433 tokens the Where's Transpose back ran on the CPU instead."""
    ps = load_script("calibration/placement_sweep.py")

    def cpu(n, heads):
        m = ps.case_sepattn(n, n, heads, 64, safe=True)[0]
        return sorted(f.location.node_name for f in findings(m, target=target, dtype="int8", toolkit_version="2.3.2",
                                                             select={"RKN611"}) if "IsNaN" in f.message)
    assert cpu(433, 6) == ["qk"]
    assert cpu(384, 3) == ["qk"]
    assert cpu(325, 6) == []
    assert cpu(128, 12) == []
    assert cpu(512, 1) == ["safe"]


def test_rnn_sequence_read_by_two_linears_runs_its_transpose_back_on_the_cpu_on_rk3588():
    """placement_sweep `rnnheads` with 2.3.2 on rk3588 float16 (the committed sweep table): a bidirectional GRU's
    sequence turned back to [1, T, 2H] by Transpose(1, 0, 2) ran that Transpose on the CPU where two Linears read it
    (unseen set 16's SED CRNN: frame scores and attention weights), on the NPU where one does."""
    ps = load_script("calibration/placement_sweep.py")

    def cpu(**kw):
        m = ps.case_rnnheads("GRU", 125, 128, **kw)[0]
        return [f.location.node_name for f in findings(m, target="rk3588", toolkit_version="2.3.2")
                if f.code in ("RKN601", "RKN611") and f.location.node_name == "back"]
    assert cpu(heads=2) == ["back"]
    assert cpu(heads=1) == []


def test_a_weighted_sum_of_rank5_groups_gets_a_cpu_reshape_by_the_group_size():
    """placement_sweep `r5sum` (FFA-Net's fusion, unseen set 15: Reshape [1, G, C, H, W] -> Mul by a weight ->
    ReduceSum(1)): with 2.3.2 on rk3588 the Reshape the sum is lowered to ran on the CPU (named after the Mul) in
    float16 when C*H*W exceeds 65536, in int8 only above 131072."""
    ps = _sweep_cases()
    small, mid, big = (ps.case_r5sum(3, 32, 32, 32, "sig")[0], ps.case_r5sum(3, 32, 48, 48, "sig")[0],
                       ps.case_r5sum(2, 16, 128, 128, "const")[0])
    view = ModelView(mid)
    mul = next(r for r in view.nodes if r.node.name == "wsum_mul")
    assert motifs.node_key_sweep(view, mul) == "Mul5:gsum@le128k.hw.a16"  # and its plane's class (48 x 48)
    assert "wsum_mul" in _warned(mid, "rk3588", "2.3.2") and "wsum_mul" in _warned(big, "rk3588", "2.3.2")
    assert "wsum_mul" not in _warned(small, "rk3588", "2.3.2")
    assert "wsum_mul" not in _warned(mid, "rk3588", "2.3.2", "int8")
    assert "wsum_mul" in _warned(big, "rk3588", "2.3.2", "int8")


def test_a_concat_of_unit_parts_on_the_last_axis_runs_on_the_cpu_when_the_width_is_odd():
    """placement_sweep `cpxout` (GTCRN's complex output, unseen set 15: [1, T, F, 1] parts Concat-ed on the last axis):
    with 2.3.2 on rk3588 float16 and int8 a CPU Reshape after the Concat for F 17, 33, 257, none for 16, 32, 64."""
    ps = _sweep_cases()
    odd, even = ps.case_cpxout(63, 33)[0], ps.case_cpxout(63, 32)[0]
    view = ModelView(odd)
    cat = next(r for r in view.nodes if r.node.name == "cat")
    assert motifs.node_key_sweep(view, cat) == "Concat4:last1@odd"
    for dtype in ("float16", "int8"):
        assert "cat" in _warned(odd, "rk3588", "2.3.2", dtype)
        assert "cat" not in _warned(even, "rk3588", "2.3.2", dtype)


def test_a_mean_over_an_odd_last_axis_puts_the_reshape_in_front_on_the_cpu():
    """placement_sweep `powmean` (GTCRN's temporal attention input: Pow -> ReduceMean over F, keepdims 0): with 2.3.2
    on rk3588 float16 the mean's output Reshape always ran on the CPU, the Reshape of its input (the Pow's) where F
    was odd (`reduce_last_key` @rodd / @reven)."""
    ps = _sweep_cases()
    odd, even = ps.case_powmean(8, 63, 33)[0], ps.case_powmean(8, 63, 32)[0]
    view = ModelView(odd)
    mean = next(r for r in view.nodes if r.node.name == "mean")
    assert motifs.reduce_last_key(view, mean) == "ReduceMean4:ax-1:kd0@rodd"
    assert {"sq", "mean"} <= _warned(odd, "rk3588", "2.3.2")
    assert "mean" in _warned(even, "rk3588", "2.3.2") and "sq" not in _warned(even, "rk3588", "2.3.2")


def _named_refs(model):
    """The model's view and its nodes by name."""
    view = ModelView(model)
    return view, {r.node.name: r for r in view.nodes}


def test_dual_path_gru_halves_are_placed_by_direction():
    """placement_sweep `dpgru` (GTCRN's dual-path block): with 2.3.2 on rk3588 float16 the Concat of halves out of
    bidirectional GRUs ran on the CPU, out of forward ones on the NPU; in int8 every bidirectional GRU got a CPU
    exDataConvert and the Transposes of 8-channel halves into the GRUs ran on the CPU."""
    model = _sweep_cases().case_dpgru(63, 33, 16)[0]
    view, by = _named_refs(model)
    assert motifs.node_key_sweep(view, by["intra_cat"]) == "Concat3:birnn"
    assert motifs.node_key_sweep(view, by["inter_cat"]) == "Concat3:rnn"
    assert motifs.node_key_sweep(view, by["intra0_gru"]) == "GRU3:grp:a1:bi"  # int8 2.3.2 backs off to GRU3:bi
    fp16, int8 = _warned(model, "rk3588", "2.3.2"), _warned(model, "rk3588", "2.3.2", "int8")
    assert "intra_cat" in fp16 and "inter_cat" not in fp16 and "intra0_gru" not in fp16
    assert {"intra0_gru", "intra1_gru", "intra0_in", "inter0_in"} <= int8
    assert not {"intra_cat", "inter_cat", "inter0_gru"} & int8


def test_rnn_input_transpose_of_odd_rows_gets_a_cpu_data_convert_on_rk3562_and_rk3576_int8():
    """placement_sweep `dpgru` / `powmean` with 2.3.2 on rk3562 and rk3576 int8 (35 builds each): the Transpose into a
    GRU, [S, B, W], got a CPU 'exDataConvert:<its output>__cvt_int8_float16' exactly where S * B was odd and W below
    16 (`.rows:odd`): GTCRN's 63 x 33 halves of 8 channels and its temporal GRU's [63, 1, 8]; not at 32 x 16, 64 x 33
    or with 16 channels a half; float16 builds keep it on the NPU."""
    ps = _sweep_cases()
    odd, even, wide = (ps.case_dpgru(63, 33, 16)[0], ps.case_dpgru(64, 33, 16, paths="both", halves=2)[0],
                       ps.case_dpgru(63, 33, 32)[0])
    view = ModelView(odd)
    run = motifs.run_of(view, next(r for r in view.main_nodes if r.name == "intra0_in"))
    assert any(k.endswith(".rows:odd") for k in motifs.class_keys(view, run))
    for target in ("rk3562", "rk3576"):
        assert {"intra0_in", "inter0_in"} <= _warned(odd, target, "2.3.2", "int8"), target
        assert not {"intra0_in", "inter0_in"} & _warned(even, target, "2.3.2", "int8"), target
        assert not {"intra0_in", "inter0_in"} & _warned(wide, target, "2.3.2", "int8"), target
        assert "rnn_in" in _warned(ps.case_powmean(8, 63, 33, "pow", "gru")[0], target, "2.3.2", "int8"), target
        assert "rnn_in" not in _warned(ps.case_powmean(8, 32, 32, "pow", "gru")[0], target, "2.3.2", "int8"), target
    assert not {"intra0_in", "inter0_in"} & _warned(odd, "rk3562", "2.3.2")


def test_a_window_gather_of_an_unfold_runs_on_the_cpu_on_rv1106_rv1106b_and_rk2118():
    """placement_sweep `gtunfold` (GTCRN's unfold: a Gather by [3, F] window indices on the padded axis) with 2.3.2 on
    rv1106, rv1106b int8 and rk2118 float16: that Gather on the CPU in 12 of 12 builds each (`Gather5:win`), the Gather
    by one row of indices ([1, T]) on the NPU."""
    model = _sweep_cases().case_gtunfold(8, 63, 33)[0]
    view, by = _named_refs(model)
    assert motifs.node_key_sweep(view, by["win"]) == "Gather5:win"
    assert motifs.node_key_sweep(view, by["rows"]) == "Gather4"
    for target, dtype in (("rv1106", "int8"), ("rv1106b", "int8"), ("rk2118", "float16")):
        got = _warned(model, target, "2.3.2", dtype)
        assert "win" in got and "rows" not in got, target
    assert "win" not in _warned(model, "rk3562", "2.3.2")


def test_grouped_gru_inputs_get_a_cpu_pad_with_250_where_the_batch_is_unaligned():
    """placement_sweep `dpgru` with 2.5.0 on rk3588 float16: a Pad on each GRU's input ran on the CPU where the GRU's
    batch (the input's dim 1) was no multiple of 4 (63 x 33: all four GRUs; 63 x 32: the intra ones, batch 63), none
    at 32 x 16 or 40 x 20; one GRU over a slice alone (`slicegru`) is no grouped RNN. The Pad is named after the GRU's
    input, so it is the GRU's where the GRU is that value's only reader, else the Transpose's (GTCRN's Shape reads it)."""
    ps = _sweep_cases()
    odd = ps.case_dpgru(63, 33, 16)[0]
    got = _warned(odd, "rk3588", "2.5.0")
    assert {"intra0_gru", "intra1_gru", "inter0_gru", "inter1_gru"} <= got
    assert not {"intra_cat", "inter_cat", "intra0_in"} & got  # 2.5.0: the Concats on the NPU (2.3.2: the intra one)
    half = _warned(ps.case_dpgru(63, 32, 16, paths="both")[0], "rk3588", "2.5.0")
    assert {"intra0_gru", "intra1_gru"} <= half and not {"inter0_gru", "inter1_gru"} & half
    for t, f in ((32, 16), (40, 20)):
        assert not {"intra0_gru", "inter0_gru"} & _warned(ps.case_dpgru(t, f, 16)[0], "rk3588", "2.5.0")
    view = ModelView(ps.case_slicegru(63, 33, 16, shape_read=False)[0])
    assert motifs.node_key_sweep(view, next(r for r in view.nodes if r.op_type == "GRU")) == "GRU3"
    # a second reader of the GRU's input (the Shape of GTCRN's initial state): the finding names the Transpose
    shaped = onnx.ModelProto()
    shaped.CopyFrom(odd)
    shaped.graph.node.append(onnx.helper.make_node("Shape", ["intra0_in_y"], ["intra0_in_shape"], name="intra0_shape"))
    got = _warned(shaped, "rk3588", "2.5.0")
    assert "intra0_in" in got and "intra0_gru" not in got and "intra1_gru" in got
    assert "intra0_gru" not in _warned(odd, "rk3588", "2.3.2")  # 2.3.2: no Pad


def test_gtcrn_cases_built_with_250_carry_over_where_they_agree():
    """The `cpxout` / `powmean` / `padsp` models built with 2.5.0 on rk3588 float16: the complex output's Concat of
    parts [1, T, F, 1] still gets its CPU Reshape where F is odd; the Pow / ReduceMean Reshapes and the spatial zero
    Pads of few channels, on the CPU with 2.3.2, ran on the NPU."""
    ps = _sweep_cases()
    assert "cat" in _warned(ps.case_cpxout(63, 257)[0], "rk3588", "2.5.0")
    assert "cat" not in _warned(ps.case_cpxout(63, 32)[0], "rk3588", "2.5.0")
    assert not {"sq", "mean"} & _warned(ps.case_powmean(8, 63, 33)[0], "rk3588", "2.5.0")
    assert "pad" not in _warned(ps.case_padsp(4, 32, "w")[0], "rk3588", "2.5.0")
    assert "pad" in _warned(ps.case_padsp(4, 32, "w")[0], "rk3588", "2.3.2")


def test_a_stereo_cost_volume_places_its_pads_by_channels_and_its_concat_by_size():
    """placement_sweep `costvol` (unseen set 16's AnyNet: per disparity |left - shifted right| -> zero Pad of W ->
    Unsqueeze -> Concat on axis 2 -> Conv3d): with 2.3.2 on rv1106 and rk3588 int8 the Pads ran on the CPU for 4 and 8
    channels, not 16; the Concat's Reshape ran on the CPU where D * H * W > 16384, not at 16384 or less."""
    ps = _sweep_cases()
    for target in ("rv1106", "rk3588"):
        big = _warned_int8(ps.case_costvol(16, 24, 64, 128)[0], target, "2.3.2")
        assert "vol" in big and not any(n.startswith("pad") for n in big), target
        assert "vol" not in _warned_int8(ps.case_costvol(16, 8, 32, 64)[0], target, "2.3.2"), target
        assert {"pad1", "pad2", "pad3"} <= _warned_int8(ps.case_costvol(4, 4, 32, 64)[0], target, "2.3.2"), target
    view = ModelView(ps.case_costvol(16, 10, 32, 64)[0])
    assert motifs.node_key_sweep(view, next(r for r in view.nodes if r.node.name == "vol")) == "Concat5:vol@gt16k:stack>conv"


def test_a_softmax_over_a_reshaped_conv_map_runs_on_the_npu_on_rv1106b():
    """placement_sweep `gcattn` (GC-EfficientNetV2's global-context attention: 1x1 Conv -> Reshape [1, 1, H*W] ->
    Softmax) with 2.3.2 on rv1106b int8: the Softmax on the NPU at every size (8 of 8), where the probe's graph-fed
    Softmax ran on the CPU (rules/rv1106b.yaml placement_after)."""
    ps = _sweep_cases()
    for c, hw in ((192, 14), (64, 56)):
        assert "attn_sm" not in _warned_int8(ps.case_gcattn(c, hw)[0], "rv1106b", "2.3.2")


def test_a_dynamo_mean_over_hw_reshapes_its_input_on_the_cpu_in_int8_where_neither_lane_is_aligned():
    """placement_sweep `reduce` (x.mean((-1, -2), keepdim=True) as torch dynamo writes it, opset 18) with 2.3.2 on
    rk3588 int8: a CPU Reshape after the op in front where neither H * W nor C is a multiple of 16 (RegNetY's 888 x 7
    x 7, EfficientNet-B3's 40 x 150 x 150), none where either is (888 x 8 x 8, 896 x 7 x 7, 120 x 28 x 28)."""
    ps = _sweep_cases()

    def model(c, hw):
        return ps.case_reduce("ReduceMean", c, hw, [-1, -2], 1, opset=18)[0]

    for c, hw in ((888, 7), (40, 150), (440, 7)):
        assert "front" in _warned_int8(model(c, hw), "rk3588", "2.3.2"), (c, hw)
    for c, hw in ((888, 8), (896, 7), (120, 28)):
        assert "front" not in _warned_int8(model(c, hw), "rk3588", "2.3.2"), (c, hw)
    view = ModelView(model(888, 7))
    assert motifs.reduce_lanes_key(view, next(r for r in view.nodes if r.op_type == "ReduceMean")) == \
        "ReduceMean4:ax-1,-2:kd1@lanes.none"


def test_a_token_shift_pad_at_the_end_runs_on_the_cpu():
    """placement_sweep `tokshift` (MobileBERT's trigram embedding): with 2.3.2, 2.3.0 and 2.5.0 on rk3588 the zero Pad
    of tokens [1, T, D] at the end of T ran on the CPU, the one at the start on the NPU."""
    model = _sweep_cases().case_tokshift(64, 128, "both")[0]
    view = ModelView(model)
    pad = next(r for r in view.nodes if r.node.name == "next_pad")
    assert motifs.node_key_sweep(view, pad) == "Pad3:tok:end"
    for version in ("2.3.2", "2.3.0", "2.5.0"):
        got = _warned(model, "rk3588", version)
        assert "next_pad" in got and "prev_pad" not in got, version


def test_a_spatial_zero_pad_runs_on_the_cpu_below_the_lane_width():
    """placement_sweep `padsp`: a zero Pad of W read by an Add ran on the CPU on rk3588 with 2.3.2 for 4 channels in
    float16 and int8, for 8 in int8 only, for 16 in neither; a Pad a Conv reads is no such key (taken as padding)."""
    ps = _sweep_cases()
    c4, c8, c16 = (ps.case_padsp(c, 32, "w")[0] for c in (4, 8, 16))
    assert "pad" in _warned(c4, "rk3588", "2.3.2") and "pad" in _warned(c4, "rk3588", "2.3.2", "int8")
    assert "pad" not in _warned(c8, "rk3588", "2.3.2") and "pad" in _warned(c8, "rk3588", "2.3.2", "int8")
    assert "pad" not in _warned(c16, "rk3588", "2.3.2", "int8")
    view = ModelView(ps.case_padsp(8, 32, "w")[0])
    assert motifs.node_key_sweep(view, next(r for r in view.nodes if r.node.name == "pad")) == "Pad4:sp:a8"


def test_a_global_context_attention_reshape_runs_on_the_cpu_off_the_lane_width():
    """placement_sweep `gcattn` (GC-EfficientNetV2's attention, unseen set 16): with 2.3.2 on rk3588 float16 and int8
    the Reshape of the one-channel map [1, 1, H, W] -> [1, 1, H*W] before the Softmax ran on the CPU at 14 x 14 and
    7 x 7, not at 16 x 16 or 12 x 12."""
    ps = _sweep_cases()
    for dtype in ("float16", "int8"):
        assert "attn_rs" in _warned(ps.case_gcattn(192, 14)[0], "rk3588", "2.3.2", dtype)
        assert "attn_rs" not in _warned(ps.case_gcattn(64, 16)[0], "rk3588", "2.3.2", dtype)


def test_a_conv1d_input_gets_a_cpu_reshape_in_int8_unless_its_length_is_aligned():
    """placement_sweep `in3` built in int8 on rk3588 with 2.3.2 (unseen set 15's Whisper): the input [1, C, T] of a
    Conv1d got a CPU Reshape for T 1000 / 3000 (no multiple of 16), not in float16, not for T 1024."""
    ps = _sweep_cases()
    ragged, aligned = ps.case_in3(80, 3000, "conv")[0], ps.case_in3(3, 1024, "conv")[0]
    assert "input:x" in _warned_nodes_int8(ragged) and "input:x" not in _warned_nodes_int8(aligned)
    assert "input:x" not in _warned_nodes(ragged, "rk3588", "2.3.2")


def _warned_nodes_int8(model):
    out = set()
    for f in findings(model, target="rk3588", dtype="int8", toolkit_version="2.3.2", select={"RKN611"}):
        if f.severity.name != "INFO" and f.location.tensor:
            out.add(f"input:{f.location.tensor}")
    return out


def test_a_conv_transpose_by_a_stride_of_16_stands_for_the_k16_s16_probe():
    """placement_sweep `ctbig` (HED's k32 s16 side output, Vocos' k256 s64 overlap-add, unseen set 14): a ConvTranspose
    by a power-of-two stride of 16 or more, 1-D or 2-D, took exConvTransposePad on the CPU on rk3588 with 2.3.2; by 8
    it stayed on the NPU."""
    from rknnlint import variants

    ps = _sweep_cases()
    for k, st, rank, cpu in ((32, 16, 4, True), (256, 64, 3, True), (16, 8, 4, False), (16, 8, 3, False)):
        model = ps.case_ctbig(k, st, 16, rank, 64 if rank == 3 else 20)[0]
        view = ModelView(model)
        up = next(r for r in view.nodes if r.node.name == "up")
        assert ("k16_s16" in variants.match(view, up)) == cpu, (k, st, rank)
        assert ("up" in _warned(model, "rk3588", "2.3.2")) == cpu, (k, st, rank)


def test_a_layernorm_making_a_graph_output_runs_on_the_cpu_on_rk3566():
    """placement_sweep `lnout` (rk3566 fp16 / int8 2.3.2, fp16 2.5.0, the committed sweep tables): a token encoder's last
    LayerNorm handed to the graph output (Whisper's ln_post, HuBERT's last final_layer_norm) got a CPU layer named after
    it ('<ln>#1_rs_tp', '<ln>_y-rs') at 49 to 1500 tokens; the same norm into a Linear did not."""
    ps = _sweep_cases()
    for version, dtype in (("2.3.2", "float16"), ("2.3.2", "int8"), ("2.5.0", "float16")):
        for n, c in ((1500, 384), (49, 768), (100, 40)):
            assert "ln" in _warned(ps.case_lnout(n, c, "out")[0], "rk3566", version, dtype)
        assert "ln" not in _warned(ps.case_lnout(49, 768, "linear")[0], "rk3566", version, dtype)


def test_a_group_norm_of_a_conv1d_map_names_the_conv_and_the_norm_not_its_reshapes_on_rk3566():
    """placement_sweep `wavfront` (rk3566 fp16 / int8 2.3.2, fp16 2.5.0): wav2vec2 / HuBERT's first feature-extractor layer, a
    Conv1d into GroupNorm(C, C) on its rank-3 map, ran the Transpose after the Conv and the one named after the
    InstanceNorm on the CPU, the block's Reshapes on the NPU (the rank-4 maps' `GroupNorm:a1` entry had them on the CPU)."""
    ps = _sweep_cases()
    m = ps.case_wavfront(16000, 512, 10, 5, "gn")[0]
    view = ModelView(m)
    assert motifs.group_norm_keys(view, next(r for r in view.main_nodes if r.name == "inorm")) == [
        "GroupNorm:a1:r3", "GroupNorm:a1"]
    for version, dtype in (("2.3.2", "float16"), ("2.3.2", "int8"), ("2.5.0", "float16")):
        warned = _warned(m, "rk3566", version, dtype)
        assert {"conv0", "inorm"} <= warned and not {"gn_in", "gn_out"} & warned
    assert "conv0" not in _warned(ps.case_wavfront(16000, 512, 10, 5, "none")[0], "rk3566", "2.3.2")


def test_a_vit_readout_of_a_shared_norm_runs_on_the_cpu_on_rk3566_by_the_kept_tokens():
    """placement_sweep `readln` (rk3566 fp16 2.3.2): Depth Anything's stage read-out (LayerNorm -> Slice off the class
    token -> Reshape [1, h, w, C] -> Transpose -> Conv) ran its Reshape and Transpose on the CPU where the norm also fed
    q / k / v Linears (torch dynamo merges the two norms), on the NPU where the read-out alone read it; the norm itself
    on the CPU where the map's width is a multiple of 8 (float16 and int8), of 4 (float16 only), on the NPU at 14."""
    ps = _sweep_cases()
    shared = _warned(ps.case_readln(18, 24, 384, True)[0], "rk3566", "2.3.2")
    assert {"ln", "grid", "to_map"} <= shared
    assert not {"ln", "grid", "to_map"} & _warned(ps.case_readln(18, 24, 384, False)[0], "rk3566", "2.3.2")
    odd = _warned(ps.case_readln(14, 14, 384, True)[0], "rk3566", "2.3.2")
    assert {"grid", "to_map"} <= odd and "ln" not in odd
    w4 = ps.case_readln(12, 20, 384, True)[0]
    assert "ln" in _warned(w4, "rk3566", "2.3.2") and "ln" not in _warned(w4, "rk3566", "2.3.2", "int8")
    assert not {"ln", "grid", "to_map"} & _warned(ps.case_readln(18, 24, 384, True)[0], "rk3566", "2.5.0")  # 2.5.0: NPU
    view = ModelView(ps.case_readln(18, 24, 384, True)[0])
    grid = next(r for r in view.main_nodes if r.name == "grid")
    run = motifs.run_of(view, grid)
    assert motifs.readout_key(view, run, "k") == "k.ro:shared"


def test_a_pixel_unshuffle_of_a_rectangular_map_runs_its_transpose_on_the_cpu_on_rk3566():
    """placement_sweep `unshuf` (rk3566 fp16 2.3.2): XFeat's stem, the image's channel mean -> InstanceNorm -> pixel
    unshuffle by 8 (rank-6 Reshape / Transpose / Reshape) -> Conv: the Transpose and the last Reshape on the CPU on
    192 x 256 to 480 x 640 images, only the last Reshape on square ones; the norm of one channel behind the mean on the
    NPU."""
    ps = _sweep_cases()
    rect = _warned(ps.case_unshuf(480, 640, 8, "mean_in")[0], "rk3566", "2.3.2")
    assert {"us_tp", "us_out"} <= rect and "norm" not in rect
    for version, dtype in (("2.3.2", "float16"), ("2.3.2", "int8"), ("2.5.0", "float16")):
        square = _warned(ps.case_unshuf(256, 256, 8, "mean_in")[0], "rk3566", version, dtype)
        assert "us_out" in square and "us_tp" not in square
        assert "us_tp" in _warned(ps.case_unshuf(240, 320, 8, "conv")[0], "rk3566", version, dtype)


def test_a_heads_later_levels_flattened_into_a_branch_concat_run_on_the_cpu_on_rk3566():
    """placement_sweep `yhead26` (rk3566 fp16 / int8 2.3.2): YOLO26 / YOLOv8-pose heads Reshape each branch's level to
    [1, C, H * W] and Concatenate the levels per branch: the 1- and 51-channel branches' middle (960 to 1600 positions)
    and last levels ran their Reshape on the CPU, the first level of 3840 on the NPU; the 4-channel box branch the same
    in int8, on the NPU in float16."""
    ps = _sweep_cases()
    m = ps.case_yhead26(80, 48, (4, 80, 51))[0]
    view = ModelView(m)
    ref = next(r for r in view.main_nodes if r.name == "flat1_2")
    run = motifs.run_of(view, ref)
    flat = motifs.flat_key(view, run)
    assert motifs.level_flat_key(view, run, motifs.flat_c4_key(view, run, flat)).endswith(".odd.lv.mid.mid")
    fp16, int8 = _warned(m, "rk3566", "2.3.2"), _warned(m, "rk3566", "2.3.2", "int8")
    assert {"flat1_2", "flat2_2"} <= fp16 and not {"flat0_2", "flat1_0", "flat2_0"} & fp16
    assert {"flat1_0", "flat2_0", "flat1_2", "flat2_2"} <= int8 and "flat0_2" not in int8


def test_a_heads_level_flatten_on_rk3588_goes_to_the_cpu_by_its_map_not_its_place():
    """placement_sweep `yhead26` on rk3588 (fp16 / int8 2.3.2, fp16 2.3.0): a level's flatten into the branch Concat
    ran on the CPU where H and W are both 2 modulo 4 (26 x 46, 30 x 18, 10 x 6, 14 x 14), on the NPU on odd maps
    (13 x 23, 15 x 9, 7 x 7) and multiples of 4, whichever level it is: unseen set 19's YOLO11s-OBB (416 x 736) and
    YOLO11n-pose (480 x 288) ran their last level's 1- / 51-channel flatten on the NPU (false CPU findings before)."""
    ps = _sweep_cases()
    m = ps.case_yhead26(52, 92, (4, 1, 51))[0]
    for version, dtype in (("2.3.2", "float16"), ("2.3.2", "int8"), ("2.3.0", "float16")):
        got = _warned_nodes_dtype(m, "rk3588", version, dtype)
        assert {"flat1_1", "flat1_2"} <= got and not {"flat2_1", "flat2_2", "flat0_1", "flat0_2"} & got, version
    got = _warned_nodes_dtype(ps.case_yhead26(40, 24, (4, 1, 51))[0], "rk3588", "2.3.2", "float16")
    assert {"flat2_1", "flat2_2"} <= got and not {"flat1_1", "flat1_2"} & got


def test_a_pose_heads_keypoint_split_on_rk3588_follows_its_levels_maps():
    """placement_sweep `posekpt` (rk3588 fp16 2.3.2 / 2.3.0, int8 2.3.2): the keypoints' Reshape [1, 51, A] -> [1, 17,
    3, A] of a Pose head ran on the CPU where a level's map is 2 modulo 4 both high and wide (a CPU level flatten: 320
    px's 10 x 10, 10 x 6), on the NPU where no level's is (640 x 384: 80 x 48 / 40 x 24 / 20 x 12); a level 2 modulo 4
    one way only (12 x 10) on the NPU in float16 and on the CPU in int8 (motifs.levels_split_key). Unseen sets 15 and
    16's YOLOv8s-pose at 640 and YOLO26s-pose at 640 x 384 had false CPU findings on it from yolov8n-pose at 320."""
    ps = _sweep_cases()
    for version, dtype in (("2.3.2", "float16"), ("2.3.2", "int8"), ("2.3.0", "float16")):
        assert "kpt_rs" in _warned_nodes_dtype(ps.case_posehead(40, 1, 3, w=24)[0], "rk3588", version, dtype), version
        assert "kpt_rs" not in _warned_nodes_dtype(ps.case_posehead(80, 1, 3, w=48)[0], "rk3588", version, dtype)
    one2 = ps.case_posehead(48, 1, 3, w=40)[0]
    assert "kpt_rs" not in _warned_nodes_dtype(one2, "rk3588", "2.3.2", "float16")
    assert "kpt_rs" in _warned_nodes_dtype(one2, "rk3588", "2.3.2", "int8")


def test_a_one_feature_linear_gets_its_cpu_reshape_on_rk3588_by_its_rows():
    """placement_sweep `gruchain` (rk3588 fp16 2.3.2 / 2.3.0 / 2.5.0, int8 2.3.2): RNNoise's voice-activity Linear of
    one output feature behind the GRU's Transpose got a CPU Reshape after its MatMul at T = 10 and 50 rows, none at 16
    (motifs.one_feature_key `.feat1`); unseen set 17's RNNoise missed it on every rk3588 row before."""
    ps = _sweep_cases()
    for version, dtype in (("2.3.2", "float16"), ("2.3.2", "int8"), ("2.3.0", "float16"), ("2.5.0", "float16")):
        assert "vad_mm" in _warned_nodes_dtype(ps.case_gruchain(10, 42, 24, 48, 96, 22)[0], "rk3588", version, dtype)
        assert "vad_mm" not in _warned_nodes_dtype(ps.case_gruchain(16, 42, 24, 48, 96, 22)[0], "rk3588", version,
                                                   dtype)


def test_a_rank5_map_into_a_global_pool_gets_a_cpu_reshape_on_rk3588_by_its_plane():
    """placement_sweep `c3dpool` (rk3588 fp16 2.3.2 / 2.5.0 / 2.3.0, int8 2.3.2): X3D's depthwise Conv3d read by its
    squeeze-excite GlobalAveragePool got a CPU Reshape after it on 10 x 10 and 5 x 5 maps (H * W no multiple of 8),
    none on 12 x 12 or 20 x 20 (motifs.boundary_sized_key `@gap.a<n>`); unseen set 21's X3D-XS-lite missed three."""
    ps = _sweep_cases()
    for version, dtype in (("2.3.2", "float16"), ("2.5.0", "float16"), ("2.3.0", "float16"), ("2.3.2", "int8")):
        assert "dw" in _warned_nodes_dtype(ps.case_c3dpool(216, 4, 10, 1)[0], "rk3588", version, dtype), version
        assert "dw" in _warned_nodes_dtype(ps.case_c3dpool(64, 4, 10, 1, False)[0], "rk3588", version, dtype)
        assert "dw" not in _warned_nodes_dtype(ps.case_c3dpool(108, 4, 20, 1)[0], "rk3588", version, dtype)
        assert "dw" not in _warned_nodes_dtype(ps.case_c3dpool(64, 4, 12, 1)[0], "rk3588", version, dtype)


def test_a_3dmm_heads_column_reshapes_run_on_the_cpu_on_rk3588_by_the_points_width():
    """placement_sweep `dmm` (rk3588 fp16 2.3.2 / 2.5.0 / 2.3.0, int8 2.3.2): 3DDFA's pose Reshape [1, 12] -> [1, 3, 4]
    between Slices ran on the CPU at every d, the landmarks Reshape [1, n * d, 1] -> [1, n, d] into the Transpose at
    d = 2, 3, 4 (and in int8 at 8), on the NPU at d = 8 in float16 (motif keys); unseen set 16's 3DDFA missed both."""
    ps = _sweep_cases()
    for version, dtype in (("2.3.2", "float16"), ("2.5.0", "float16"), ("2.3.0", "float16"), ("2.3.2", "int8")):
        got = _warned_nodes_dtype(ps.case_dmm(68, 3)[0], "rk3588", version, dtype)
        assert {"pose_rs", "pts_rs"} <= got, (version, dtype)
        assert "pts_tp" not in got
    got = _warned_nodes_dtype(ps.case_dmm(64, 8)[0], "rk3588", "2.3.2", "float16")
    assert "pose_rs" in got and "pts_rs" not in got


def test_deberta_int64_mask_unsqueezes_run_on_the_cpu_on_rk3588():
    """placement_sweep `dbmask` (rk3588 fp16 2.3.2 / 2.3.0 / 2.5.0, int8 2.3.2): DeBERTa-v2's int64 mask made a row
    [1, 1, 1, N] by two Unsqueezes and a column [1, 1, N, 1] by Squeeze -> Unsqueeze, multiplied in int64: the CPU
    layers named after the second Unsqueeze of each (`<node>_2rs`); 2.5.0 encodes the column only (unseen set 17's
    DeBERTa-v2 kept the row on the NPU with 2.5.0); the embeddings' Unsqueeze [1, N, 1] into a Cast with 2.3.0 only."""
    ps = _sweep_cases()
    m = ps.case_dbmask("deberta", 64)[0]
    for version, dtype in (("2.3.2", "float16"), ("2.3.2", "int8"), ("2.3.0", "float16")):
        got = _warned_nodes_dtype(m, "rk3588", version, dtype)
        assert {"row2", "col_unsq"} <= got and "row1" not in got and "col_sq" not in got, (version, dtype)
    got = _warned_nodes_dtype(m, "rk3588", "2.5.0", "float16")
    assert "col_unsq" in got and "row2" not in got
    assert "emb_unsq" in _warned_nodes_dtype(m, "rk3588", "2.3.0", "float16")
    assert "emb_unsq" not in _warned_nodes_dtype(m, "rk3588", "2.3.2", "float16")


def test_an_argmax_decodes_sub_into_a_sign_gets_a_cpu_reshape_on_rk3588_by_the_keypoints():
    """placement_sweep `signq` (rk3588 fp16 2.3.2 / 2.5.0 / 2.3.0, int8 2.3.2): the Sub of a peak's neighbours into a
    Sign got a CPU Reshape after it for 17 and 21 keypoints ([K, 1] and [1, K, 1]), none for 16
    (motifs.boundary_sized_key `elt2>sign@r<n>.a1`); unseen set 16's argmax pose decode missed two on every row."""
    from rknnlint.graph import ModelView

    ps = _sweep_cases()
    m17, m16 = ps.case_signq(17, 64, 48, "gather")[0], ps.case_signq(16, 64, 48, "gather")[0]
    view = ModelView(m17)
    assert motifs.boundary_sized_key(view, next(r for r in view.nodes if r.node.name == "diff")) == "elt2>sign@r1.a1"
    for version, dtype in (("2.3.2", "float16"), ("2.3.2", "int8"), ("2.5.0", "float16"), ("2.3.0", "float16")):
        assert "diff" in _warned_nodes_dtype(m17, "rk3588", version, dtype), (version, dtype)
        assert "diff" not in _warned_nodes_dtype(m16, "rk3588", version, dtype), (version, dtype)
        assert "diff" in _warned_nodes_dtype(ps.case_signq(17, 64, 48, "rank3")[0], "rk3588", version, dtype)


def test_x3ds_head_conv_into_relu_and_pool_gets_a_cpu_reshape_on_rk3588_by_its_plane():
    """placement_sweep `c3dhead` (rk3588 fp16 2.3.2 / 2.5.0 / 2.3.0, int8 2.3.2): X3D's head 1x1x1 Conv3d -> Relu ->
    GlobalAveragePool got a CPU Reshape after the (Relu-fused) Conv on 5 x 5, 7 x 7 and 10 x 10 maps, none on 8 x 8,
    12 x 12, 20 x 20 (motifs.boundary_sized_key `conv5>elt@relugap.a<n>`); unseen set 21's X3D-XS-lite missed it."""
    ps = _sweep_cases()
    for version, dtype in (("2.3.2", "float16"), ("2.5.0", "float16"), ("2.3.0", "float16"), ("2.3.2", "int8")):
        assert "head" in _warned_nodes_dtype(ps.case_c3dhead(432, 4, 5)[0], "rk3588", version, dtype), (version, dtype)
        assert "head" not in _warned_nodes_dtype(ps.case_c3dhead(432, 4, 8)[0], "rk3588", version, dtype)


def test_a_multi_query_repeat_kv_expand_runs_on_the_cpu_with_2_5_0_on_rk3588():
    """placement_sweep `kvrep` (rk3588 fp16 2.5.0 / 2.3.2): transformers' repeat_kv Expand [1, 1, 1, T, d] ->
    [1, 1, rep, T, d] of one kv head ran on the CPU with 2.5.0 (rep 2 to 8), the interleaved one of 2 to 4 kv heads on
    the NPU, both on the NPU with 2.3.2 (motifs._expanded_axes `:tile`); unseen sets 21 / 22's Gemma and Falcon-MQA."""
    ps = _sweep_cases()
    mq, gq = ps.case_kvrep(1, 4, 64, 128)[0], ps.case_kvrep(2, 4, 64, 64)[0]
    assert {"k_exp", "v_exp"} <= _warned_nodes_dtype(mq, "rk3588", "2.5.0", "float16")
    assert not {"k_exp", "v_exp"} & _warned_nodes_dtype(gq, "rk3588", "2.5.0", "float16")
    assert not {"k_exp", "v_exp"} & _warned_nodes_dtype(mq, "rk3588", "2.3.2", "float16")



def test_a_multi_query_repeat_kv_expand_runs_on_the_cpu_with_2_5_0_on_the_small_families():
    """placement_sweep `kvrep` with 2.5.0 on rk3576 float16 and rv1106 / rv1106b int8 (2026-12-08, 24 builds): as on
    rk3588, the repeat_kv Expand of one kv head on the CPU, of 2 to 4 kv heads on the NPU (unseen set 22's
    Falcon-MQA on rk3576 2.5.0: its four Expands unpredicted)."""
    ps = _sweep_cases()
    mq, gq = ps.case_kvrep(1, 4, 64, 128)[0], ps.case_kvrep(2, 4, 64, 64)[0]
    for target, dtype in (("rk3576", "float16"), ("rv1106", "int8"), ("rv1106b", "int8")):
        assert {"k_exp", "v_exp"} <= _warned_nodes_dtype(mq, target, "2.5.0", dtype), target
        assert not {"k_exp", "v_exp"} & _warned_nodes_dtype(gq, target, "2.5.0", dtype), target


def test_a_repeat_kv_expand_of_a_concat_made_head_runs_on_the_cpu_with_2_3_2_on_rv1106():
    """placement_sweep `kvsrc` (rv1106 / rv1106b int8 2.3.2): the repeat_kv Expand of a head RoPE makes (its
    rotate_half Concat under the Mul / Add) or a past-cache Concat makes, read by the keys' Transpose, became a CPU
    `Gather:<Unsqueeze>_gather`;
    the projection's own head, plus / times a constant or plus a second projection stayed on the NPU
    (motifs._head_concat `:cat`; unseen sets 20 and 22's SmolLM, Mistral, Qwen2 keys). rk3588 measured no `:cat`:
    its `Expand5:x1` (NPU) answers."""
    ps = _sweep_cases()
    rope, cat = ps.case_kvsrc("rope", 2, 4, 64, 32)[0], ps.case_kvsrc("cat", 2, 4, 16, 32)[0]
    for target in ("rv1106", "rv1106b"):
        got = _warned_nodes_dtype(rope, target, "2.3.2", "int8")
        assert "k_exp" in got and "v_exp" not in got, target
        assert "k_exp" in _warned_nodes_dtype(cat, target, "2.3.2", "int8"), target
        for form in ("proj", "addc", "add2", "mulc"):
            assert not {"k_exp", "v_exp"} & _warned_nodes_dtype(ps.case_kvsrc(form, 2, 4, 64, 32)[0], target, "2.3.2",
                                                                  "int8"), (target, form)
    # 2.5.0 on rv1106 as 2.3.2 (and the one-kv-head RoPE model, which 2.3.2 failed, its `:tile:cat` keys' Expand)
    assert "k_exp" in _warned_nodes_dtype(rope, "rv1106", "2.5.0", "int8")
    assert "k_exp" in _warned_nodes_dtype(ps.case_kvsrc("rope", 1, 4, 64, 32)[0], "rv1106", "2.5.0", "int8")
    assert not {"k_exp", "v_exp"} & _warned_nodes_dtype(ps.case_kvsrc("scat", 2, 4, 16, 32)[0], "rv1106", "2.5.0",
                                                          "int8")
    # a cache Concat's values (`:catv`): on the CPU on rv1106, on the NPU on rv1106b
    assert "v_exp" in _warned_nodes_dtype(cat, "rv1106", "2.3.2", "int8")
    assert "v_exp" not in _warned_nodes_dtype(cat, "rv1106b", "2.3.2", "int8")
    assert not {"k_exp", "v_exp"} & _warned_nodes_dtype(rope, "rk3588", "2.3.2", "float16")

def test_a_conv_read_by_a_squeeze_excite_mean_gets_a_cpu_reshape_with_2_3_0_on_rk3588_by_its_plane():
    """placement_sweep `semean` (rk3588 fp16 2.3.0): a Conv whose map a ReduceMean over (2, 3) and the gate's Mul read
    got a CPU Reshape after it on 7 x 7, 10 x 10 and 15 x 20 maps, none on 12 x 12, 16 x 20, 30 x 40
    (motifs.boundary_sized_key `conv4>elt+reduce@mean.a<n>`); unseen set 21's RegNetV-040 missed 12 on its 2.3.0 row."""
    ps = _sweep_cases()
    assert "gconv" in _warned_nodes_dtype(ps.case_semean(512, 15, 20, 8)[0], "rk3588", "2.3.0", "float16")
    assert "gconv" in _warned_nodes_dtype(ps.case_semean(256, 7, 7, 4)[0], "rk3588", "2.3.0", "float16")
    assert "gconv" not in _warned_nodes_dtype(ps.case_semean(512, 30, 40, 8)[0], "rk3588", "2.3.0", "float16")
    assert "gconv" not in _warned_nodes_dtype(ps.case_semean(256, 12, 12, 8)[0], "rk3588", "2.3.0", "float16")


def test_a_safe_softmax_with_a_computed_mask_map_leaves_the_npu_on_rk3588_past_256_tokens():
    """placement_sweep `pmask` (rk3588 fp16 2.3.2 / 2.3.0 / 2.5.0, int8 2.3.2): torch's masked SDPA Softmax whose
    additive mask the network computes as a [1, 1, N, N] map (Hugging Face Pix2Struct, 512 patches) ran on the CPU
    from 300 tokens on, on the NPU at 128; without the NaN guard on the NPU at 512 (motifs._safe_mask)."""
    ps = _sweep_cases()
    for version, dtype in (("2.3.2", "float16"), ("2.3.0", "float16"), ("2.5.0", "float16"), ("2.3.2", "int8")):
        assert "softmax" in _warned_nodes_dtype(ps.case_pmask(512, 6, "outer")[0], "rk3588", version, dtype), version
        assert "softmax" not in _warned_nodes_dtype(ps.case_pmask(128, 6, "outer")[0], "rk3588", version, dtype)
    assert "softmax" not in _warned_nodes_dtype(ps.case_pmask(512, 6, "outer", False)[0], "rk3588", "2.3.2", "float16")
    assert "softmax" in _warned_nodes_dtype(ps.case_pmask(256, 6, "outer")[0], "rk3588", "2.3.2", "int8")
    assert "softmax" not in _warned_nodes_dtype(ps.case_pmask(256, 6, "outer")[0], "rk3588", "2.3.2", "float16")


def test_a_safe_softmax_with_an_input_mask_map_leaves_the_npu_on_rv1106_past_96_tokens():
    """placement_sweep `infmask` / `pmask` (rv1106 int8 2.3.2): a masked SDPA's safe Softmax behind a computed [1, 1, N,
    N] mask map ran on the CPU from 112 tokens on (2 to 12 heads; DistilBERT / RoBERTa at 128, Pix2Struct at 512) and
    on the NPU at 49 to 96 (MobileBERT, ALBERT, Qwen2 at 64): the class `le96`; rk3588's tables, which measured only
    `le128`, answer a 96-token Softmax through the coarser class (NPU)."""
    ps = _sweep_cases()
    for n, heads, cpu in ((96, 12, False), (64, 4, False), (112, 12, True), (128, 2, True), (512, 6, True)):
        got = "softmax0" in _warned_nodes_dtype(ps.case_infmask(n, heads, "inf", True, 1)[0], "rv1106", "2.3.2", "int8")
        assert got is cpu, (n, heads)
    m = ps.case_pmask(96, 6, "outer")[0]
    view = ModelView(m)
    ref = next(r for r in view.main_nodes if r.name == "softmax")
    assert motifs.node_key_sweep(view, ref) == "Softmax4:safe@cmap.le96"
    assert "softmax" not in _warned_nodes_dtype(m, "rk3588", "2.3.2", "float16")
    assert "softmax" in _warned_nodes_dtype(ps.case_pmask(128, 6, "outer")[0], "rv1106", "2.3.2", "int8")


def test_an_area_attentions_qkv_reshape_leaves_the_npu_on_rk3588_int8_by_tokens_per_area():
    """placement_sweep `aattn_area` with 4 heads (rk3588 int8 2.3.2): YOLO12's area attention ran its qkv Reshape on
    the CPU where the tokens per area are past 144 and no multiple of 16 (30 x 30 in 4 areas: 225; unseen set 16's
    YOLO12s at 480 px), on the NPU at 144, 256, 400 and below (motifs.area_qkv_key)."""
    ps = _sweep_cases()
    for hw, cpu in ((30, True), (26, True), (36, True), (32, False), (40, False), (24, False), (22, False)):
        got = "qkv_rs" in _warned_nodes_dtype(ps.case_aattn_area(hw, 4, heads=4)[0], "rk3588", "2.3.2", "int8")
        assert got is cpu, hw
    assert "qkv_rs" not in _warned_nodes_dtype(ps.case_aattn_area(30, 4, heads=4)[0], "rk3588", "2.3.2", "float16")


def test_a_padding_mask_expanded_over_the_heads_runs_on_the_cpu_on_rk3588_from_2_3_2():
    """placement_sweep `mexp` (rk3588): FastSpeech2's padding mask Where(Cast(Equal(ids, 0)), -1e4, 0) Expand-ed
    over the heads ran the Expand on the CPU with 2.3.2 (float16, int8) and 2.5.0, on the NPU with 2.3.0
    (motifs._mask_expand); a float tensor's Expand of the same shape keeps the plain key."""
    ps = _sweep_cases()
    m = ps.case_mexp(96, 2)[0]
    for version, dtype in (("2.3.2", "float16"), ("2.3.2", "int8"), ("2.5.0", "float16")):
        assert "m_exp" in _warned_nodes_dtype(m, "rk3588", version, dtype), version
    assert "m_exp" not in _warned_nodes_dtype(m, "rk3588", "2.3.0", "float16")
    view = ModelView(m)
    ref = next(r for r in view.main_nodes if r.name == "m_exp")
    assert motifs.node_key_sweep(view, ref) == "Expand4:x1:wmask"


def test_a_padding_mask_expanded_over_the_heads_runs_on_the_cpu_on_rk3576_and_rv1106():
    """placement_sweep `mexp` with 2.3.2 on rk3576 float16 and rv1106 int8 (12 builds each, a bias Add or a Linear in
    front): the Expand of FastSpeech2's Where-made padding mask ran on the CPU in every build (set 20's 4 missed
    Expands a row); rv1106b kept it on the NPU (its Softmax on the CPU instead), so its table has no such key."""
    ps = _sweep_cases()
    for front in ("add", "mm"):
        m = ps.case_mexp(64, 4, front=front)[0]
        assert "m_exp" in _warned_nodes_dtype(m, "rk3576", "2.3.2", "float16"), front
        assert "m_exp" in _warned_nodes_dtype(m, "rv1106", "2.3.2", "int8"), front
        assert "m_exp" not in _warned_nodes_dtype(m, "rv1106b", "2.3.2", "int8"), front


def test_a_masked_eager_softmax_runs_on_the_cpu_on_rv1106b_from_32_tokens():
    """placement_sweep `maskflat` / `mexp` (rv1106b int8 2.3.2): an attention's Softmax whose scores take a computed
    mask (a Where of an int64 input's mask laid out to [1, 1, 1, N]; FastSpeech2's mask Reshape-d over the heads) ran
    on the CPU, where placement_after keeps a Softmax after its MatMul on the NPU; under 32 tokens (CLIPSeg's text
    encoder, 12) the rule does not hold (rules/rv1106b.yaml placement_after `masked`, `min_tokens`)."""
    ps = _sweep_cases()
    for m in (ps.case_maskflat(128, 4, "reshape4")[0], ps.case_maskflat(64, 4, "flatgather")[0], ps.case_mexp(96, 2)[0]):
        assert "softmax" in _warned_nodes_dtype(m, "rv1106b", "2.3.2", "int8")
    assert "softmax" not in _warned_nodes_dtype(ps.case_maskflat(16, 4, "reshape4")[0], "rv1106b", "2.3.2", "int8")
    assert "softmax" not in _warned_nodes_dtype(ps.case_maskflat(128, 4, "reshape4")[0], "rv1106b", "2.3.0", "int8")


def test_an_int64_mask_input_read_by_a_cast_gets_a_cpu_reshape_on_rk3566():
    """placement_sweep `maskcast` (rk3566 fp16 / int8 2.3.2): a BERT attention mask [1, N] of int64 read by a Cast
    got a CPU Reshape on the input ('mask_rs') and the Cast ran on the CPU, to bool into a Where before the Softmax
    too (rk3588 fused that one into exSoftmaxMask)."""
    ps = _sweep_cases()
    for dtype in ("float16", "int8"):
        for to in ("bool", "float"):
            assert {"input:mask", "mcast"} <= _warned_nodes_dtype(ps.case_maskcast(64, to)[0], "rk3566", "2.3.2", dtype)


def _warned_nodes_dtype(model, target, version, dtype):
    out = set()
    for f in findings(model, target=target, dtype=dtype, toolkit_version=version, select={"RKN601", "RKN611"}):
        if f.severity.name.lower() == "info":
            continue
        loc = f.location
        out.add(loc.node_name if loc.node_name else f"input:{loc.tensor}")
    return out


def test_whispers_sdpa_keeps_k_transposed_through_rank_3_on_the_npu_and_splits_v_by_dtype_on_rk3566():
    """placement_sweep `sdpak` (rk3566 fp16 / int8 2.3.2): torch dynamo's SDPA as Whisper's encoder has it (k^T as
    Reshape [h, T, d] -> Transpose(0, 2, 1) -> Reshape [1, h, d, T]) kept k's run on the NPU at every T; v's head split
    at 1500 tokens on the NPU in float16 and on the CPU in int8 (`v:a4`)."""
    ps = _sweep_cases()
    m = ps.case_sdpak(1500, 6, 64)[0]
    fp16, int8 = _warned(m, "rk3566", "2.3.2"), _warned(m, "rk3566", "2.3.2", "int8")
    assert not {"k_t", "k_r3", "k_tp"} & (fp16 | int8)
    assert not {"v_view", "v_tp"} & fp16 and {"v_view", "v_tp"} <= int8


def test_a_global_context_block_on_rk3566_runs_its_reshape_and_the_map_unsqueeze_by_the_map_size():
    """placement_sweep `gcattn` with the block's SiLU (GC-EfficientNetV2, unseen set 16) on rk3566 2.3.2: the attention
    Reshape before the Softmax on the CPU at every size; the map's Unsqueeze into the context MatMul on the CPU at 7 x 7
    in float16 and int8, at 14 x 14 in int8 only."""
    ps = _sweep_cases()
    small, mid = ps.case_gcattn(768, 7, silu=True)[0], ps.case_gcattn(416, 14, silu=True)[0]
    for dtype in ("float16", "int8"):
        assert {"attn_rs", "map_un"} <= _warned(small, "rk3566", "2.3.2", dtype)
        assert "attn_rs" in _warned(mid, "rk3566", "2.3.2", dtype)
    assert "map_un" not in _warned(mid, "rk3566", "2.3.2") and "map_un" in _warned(mid, "rk3566", "2.3.2", "int8")


def test_mobilevit_attention_over_patches_runs_its_qkv_layout_on_the_cpu_by_width_on_rk3566():
    """placement_sweep `mvitdyn` (MobileViT-XS as dynamo writes it, unseen set 16) on rk3566 2.3.2: the qkv Reshape,
    the v Slice and the out Reshape on the CPU where the width C is no multiple of 16 (C 120) in float16, where the
    head width d is no multiple of 8 (C 144, d 36) in int8 too; the fold back on the CPU at every width."""
    ps = _sweep_cases()
    c120, c144 = ps.case_mvitdyn(120, 16)[0], ps.case_mvitdyn(144, 8)[0]
    layout = {"l0_qkv_rs", "l0_sl_v", "l0_o_rs"}
    assert layout <= _warned(c120, "rk3566", "2.3.2") and layout <= _warned(c120, "rk3566", "2.3.2", "int8")
    assert not layout & _warned(c144, "rk3566", "2.3.2") and layout <= _warned(c144, "rk3566", "2.3.2", "int8")
    assert {"fold_rs1", "fold_tp1", "fold_rs2"} <= _warned(c120, "rk3566", "2.3.2")
    assert "l0_sl_q" not in _warned(c120, "rk3566", "2.3.2")
    view = ModelView(c120)
    ref = next(r for r in view.main_nodes if r.name == "l0_sl_v")
    assert motifs.node_key_sweep(view, ref) == "Slice5:qkv2.c8:a1"


def test_hugging_face_swin_windows_run_the_shared_qkv_input_and_out_bias_on_the_cpu_on_rk3566():
    """placement_sweep `hfswin` (Hugging Face Swin-T, unseen set 16) on rk3566 2.3.2: over 4 to 64 windows the value
    q / k / v read (the partition's last Reshape) and the out-projection's bias Add (read by the window reverse) on the
    CPU, the three Linears and the patch merging's Reshape on the NPU; one window's partition on the NPU."""
    ps = _sweep_cases()
    m = ps.case_hfswin(28, 7, 192, 6)[0]
    for dtype in ("float16", "int8"):
        warned = _warned(m, "rk3566", "2.3.2", dtype)
        assert {"tok_win_rs", "o_add", "v_tp"} <= warned
        assert not {"q_mm", "k_mm", "v_mm", "q_add", "merge_rs"} & warned
    assert "tok_win_rs" not in _warned(ps.case_hfswin(7, 7, 768, 24, merge=False)[0], "rk3566", "2.3.2")
    view = ModelView(m)
    add = next(r for r in view.main_nodes if r.name == "o_add")
    assert motifs.node_key_sweep(view, add) == "Add3:lin@n>tok:sq"  # a square map's reverse
    mm = next(r for r in view.main_nodes if r.name == "q_mm")
    run = motifs.run_of(view, mm)
    assert motifs.shared_linear_key(view, run, "k") == "k.shared"


def test_a_selective_kernel_attention_runs_its_rank_5_stack_and_sums_on_the_cpu_on_rk3566():
    """placement_sweep `skattn` (SKResNeXt-50's conv2, unseen set 17) on rk3566 float16 / int8 2.3.2 and float16
    2.5.0: the Concat of the Unsqueezed branches, both sums over the branch axis, the Softmax and the weighted Mul on
    the CPU at every stage (8 of 8); `r5sum` (FFA-Net's group sum) put its ReduceSum there too."""
    ps = _sweep_cases()
    m = ps.case_skattn(256, 28)[0]
    for version, dtype in (("2.3.2", "float16"), ("2.3.2", "int8"), ("2.5.0", "float16")):
        assert {"stack", "attn_sum", "wsum_mul", "wsum"} <= _warned(m, "rk3566", version, dtype)
    assert "wsum" in _warned(ps.case_r5sum(3, 16, 64, 64)[0], "rk3566", "2.3.2", "int8")
    view = ModelView(m)
    # the size and plane class (rk3588's measure) over the plain key rk3566 measured, which still answers
    assert motifs.node_key_sweep(view, next(r for r in view.main_nodes if r.name == "stack")) == \
        "Concat5:stack>elt+reduce@gt128k.hw.a16"


def test_selective_kernel_attention_on_rk3588_by_branch_size_and_plane_alignment():
    """placement_sweep `skattn`, `skattnc`, `skattnhw` on rk3588 (38 models, measured 2026-12-07 with 2.3.2 float16 /
    int8, 2.5.0 and 2.3.0 float16): the stack and the weighted Mul got CPU Reshapes where one branch's C*H*W exceeded
    65536 (float16) / 131072 (int8), and the stack, the Mul and both sums over the branches wherever H*W was no multiple
    of 8 (float16) / 16 (int8); 2.3.0 left the second sum on the NPU."""
    ps = _sweep_cases()
    four = {"stack", "attn_sum", "wsum_mul", "wsum"}
    small = ps.case_skattn(1024, 7)[0]  # 50176 values a branch, H*W = 49
    view = ModelView(small)
    node = {r.name: r for r in view.main_nodes}
    assert motifs.node_key_sweep(view, node["stack"]) == "Concat5:stack>elt+reduce@lt64k.hw.a1"
    assert motifs.node_key_sweep(view, node["wsum_mul"]) == "Mul5:gsum@lt64k.hw.a1"
    assert motifs.reduce_branch_key(view, node["attn_sum"]) == "ReduceSum5:ax1:kd0@branch.hw.a1"
    for version, dtype in (("2.3.2", "float16"), ("2.3.2", "int8"), ("2.5.0", "float16")):
        assert four <= _warned(small, "rk3588", version, dtype), (version, dtype)
    assert four - _warned(small, "rk3588", "2.3.0") == {"wsum"}
    big = ps.case_skattn(128, 56)[0]  # 401408 values, H*W = 3136: the size, not the plane
    for version, dtype in (("2.3.2", "float16"), ("2.3.2", "int8"), ("2.5.0", "float16")):
        assert four & _warned(big, "rk3588", version, dtype) == {"stack", "wsum_mul"}, (version, dtype)
    assert not four & _warned(ps.case_skattn(64, 32)[0], "rk3588", "2.3.2")  # 65536 values, H*W = 1024
    eights = ps.case_skattn(128, 12, 2, 10)[0]  # H*W = 120: a multiple of 8, not of 16
    assert not four & _warned(eights, "rk3588", "2.3.2")
    assert four <= _warned(eights, "rk3588", "2.3.2", "int8")


def test_rnnoise_gru_chain_on_rk3588_by_width_alignment():
    """placement_sweep `gruchain` (RNNoise's streaming GRUs, 8 models, measured 2026-12-07 with 2.3.2 float16 / int8,
    2.5.0 and 2.3.0 float16): the Transpose(1, 0, 2) into a GRU got a CPU Reshape where its width was no multiple of 8
    (float16) / 16 (int8), so did the features input read by the Concats; the Linear of one output feature got its
    Reshape after the MatMul, none on the [1, T, 1] output (the MatMul's run key also holds Linears of 10 features,
    whose Reshape is the output's: not merged)."""
    ps = _sweep_cases()
    m = ps.case_gruchain(10, 42, 24, 48, 96, 22)[0]  # Concat widths 90 and 114, as RNNoise's
    for version in ("2.3.2", "2.5.0", "2.3.0"):
        got = _warned_nodes(m, "rk3588", version, codes=("RKN601", "RKN610", "RKN611"))
        assert {"noise_gru_in", "den_gru_in", "input:x", "input:gains_y"} <= got, version  # (values: input:)
        assert not {"vad_gru_in", "input:vad_y"} & got, version
    aligned = ps.case_gruchain(10, 40, 24, 48, 96, 22)[0]  # widths 88 and 112
    assert not {"noise_gru_in", "den_gru_in", "input:x"} & _warned_nodes(aligned, "rk3588", "2.3.2")
    view = ModelView(m)
    assert motifs.output_keys(view, "vad_y")[0] == "elt>out3:a1:s1:n1"


def test_hf_swin_patch_merging_slices_on_rk3588_by_map_shape():
    """placement_sweep `hfmerge` (Hugging Face Swin's patch merging: strided Slices over H, then W, of a channels-last
    map; 14 models, measured 2026-12-07 on rk3588 with 2.3.2 float16 / int8, 2.5.0 and 2.3.0 float16): all six
    Slices ran on the CPU on a rectangular map (Donut's 96 x 80 stage, unseen set 18), none on a square one."""
    ps = _sweep_cases()
    six = {"rows0", "rows1", "p00", "p01", "p10", "p11"}
    rect, square = ps.case_hfmerge(96, 80, 96)[0], ps.case_hfmerge(56, 56, 96)[0]
    view = ModelView(rect)
    node = {r.name: r for r in view.main_nodes}
    assert motifs.node_key_sweep(view, node["rows0"]) == "Slice4:focus:shared:rect:h:nhwc"
    assert motifs.node_key_sweep(view, node["p11"]) == "Slice4:focus:shared:rect:w:nhwc"
    for version, dtype in (("2.3.2", "float16"), ("2.3.2", "int8"), ("2.5.0", "float16"), ("2.3.0", "float16")):
        assert six <= _warned(rect, "rk3588", version, dtype), (version, dtype)
        assert not six & _warned(square, "rk3588", version, dtype), (version, dtype)
        # the Reshape of the tokens to the map in front of the Slices ran on the NPU in all 56 builds (`.mslices`
        # sized keys), where LeViT's whole builds (the plain key elt>Reshape3>4>slice) had a CPU one
        assert "map_rs" not in _warned(rect, "rk3588", version, dtype) | _warned(square, "rk3588", version, dtype)


def test_hf_swin_patch_merging_slices_on_the_small_families_by_map_shape():
    """placement_sweep `hfmerge` built on rk3562, rk3576, rk2118 float16 and rv1106, rv1106b int8 (and rk3562 / rk3576
    int8) with 2.3.2 (2026-12-07, s27-small): the same split as rk3588, all six strided Slices on the CPU on every
    rectangular map (Donut's 96 x 80 to 24 x 20 stages, unseen set 18: 18 CPU nodes a row), none on a square one."""
    ps = _sweep_cases()
    six = {"rows0", "rows1", "p00", "p01", "p10", "p11"}
    rect, square = ps.case_hfmerge(96, 80, 96)[0], ps.case_hfmerge(56, 56, 96)[0]
    for target, version, dtype in SMALL_HFMERGE_ROWS:
        assert six <= _warned(rect, target, version, dtype), (target, version, dtype)
        assert not six & _warned(square, target, version, dtype), (target, version, dtype)


SMALL_HFMERGE_ROWS = tuple((t, v, d) for t, d in (("rk3562", "float16"), ("rk3576", "float16"), ("rk2118", "float16"),
                                                    ("rv1106", "int8"), ("rv1106b", "int8"), ("rk3562", "int8"),
                                                    ("rk3576", "int8")) for v in ("2.3.2",)) + (
    ("rk3562", "2.5.0", "float16"), ("rk3576", "2.5.0", "float16"), ("rk2118", "2.5.0", "float16"),
    ("rv1106", "2.5.0", "int8"), ("rv1106b", "2.5.0", "int8"))


def test_a_linear_bias_add_written_bias_first_is_keyed_by_its_data_operand():
    """Hugging Face writes a Linear's bias Add as Add(bias, x): node_key_sweep keys it by x (`Add3:lin@n>tok` over a
    batch of windows read by the window reverse), so rk3566 2.3.2's measured CPU class answers for it too."""
    ps = _sweep_cases()
    g = ps.G(5)
    x = g.op("Reshape", "tok", [ps.conv(g, "pre", "x", 3, 96, k=1), g.ints(4, 49, 96)])
    y = g.op("Add", "bias", [g.w(96), g.op("MatMul", "lin", [x, g.w(96, 96)])])
    y = g.op("Reshape", "back", [g.op("Reshape", "win", [y, g.ints(4, 7, 7, 96)]), g.ints(1, 96, 14, 14)])
    m = g.model("x", [1, 3, 14, 14], ps.conv(g, "post", y, 96, 8))
    view = ModelView(m)
    assert motifs.node_key_sweep(view, next(r for r in view.main_nodes if r.name == "bias")) == "Add3:lin@n>tok"
    assert "bias" in _warned(m, "rk3566", "2.3.2")


def test_selective_kernel_attention_mul_runs_on_the_cpu_on_rk3562_rv1106_rv1106b_rk2118():
    """placement_sweep `skattn` (s25-rk3566's case; 8 models, C 32 to 1024 at 64 to 7 px, measured 2026-12-07 with 2.3.2
    on rv1106 / rv1106b int8, rk3562 / rk2118 fp16, merged into those sweep tables): the Mul of the rank-5 stack by the
    path softmax ran on the CPU (a Reshape named after it) in every 2-path build on rk3562, rk2118 and rv1106, and on
    rv1106b from 28 x 28 x 256 up; rv1106 also ran both sums over the paths there. rk3576 ran none on the CPU."""
    m = _sweep_cases().case_skattn(128, 56)[0]
    assert "wsum_mul" in _warned(m, "rk3562", "2.3.2")
    assert "wsum_mul" in _warned(m, "rk2118", "2.3.2")
    assert {"wsum_mul"} <= _warned(m, "rv1106", "2.3.2", "int8")
    assert "wsum_mul" in _warned(m, "rv1106b", "2.3.2", "int8")
    assert "wsum_mul" not in _warned(m, "rk3576", "2.3.2")


def test_selective_kernel_attention_leaves_the_npu_by_its_group_size_per_family_and_dtype():
    """placement_sweep `skattn` at 2 to 4 paths, one group's C*H*W 1024 to 401408 (16 builds each with 2.3.2 on rk3562
    float16 / int8, rk2118 float16, rv1106 int8): the stack Concat and the weighted Mul (a Reshape each) ran on the
    CPU by the size of one group, whatever the path count, from 38400 up in rk3562 / rk2118 float16 (16384 on the
    NPU), from 65536 in rk3562 int8 (50176 on the NPU: SKResNeXt-50's last stage), from 16384 on rv1106 (8192 on the
    NPU), where rv1106 also ran both sums over the paths from 38400 up."""
    ps = _sweep_cases()
    small, last, mid = ps.case_skattn(64, 16, 3)[0], ps.case_skattn(1024, 7)[0], ps.case_skattn(512, 14, 3)[0]
    view = ModelView(last)
    # with the plane class rk3588 measured (7 x 7)
    assert motifs.node_key_sweep(view, next(r for r in view.main_nodes if r.name == "wsum_mul")) == \
        "Mul5:gsum@lt64k.hw.a1"
    assert motifs.reduce_group_key(view, next(r for r in view.main_nodes if r.name == "wsum")) == \
        "ReduceSum5:ax1:kd0@glt64k"
    for target in ("rk3562", "rk2118"):
        assert {"stack", "wsum_mul"} <= _warned(last, target, "2.3.2")
        assert not {"stack", "wsum_mul"} & _warned(small, target, "2.3.2")
    assert not {"stack", "wsum_mul"} & _warned(last, "rk3562", "2.3.2", "int8")
    assert {"stack", "wsum_mul"} <= _warned(mid, "rk3562", "2.3.2", "int8")
    assert {"stack", "wsum_mul", "attn_sum", "wsum"} <= _warned(mid, "rv1106", "2.3.2", "int8")
    assert {"stack", "wsum_mul"} <= _warned(small, "rv1106", "2.3.2", "int8")
    assert not {"attn_sum", "wsum"} & _warned(small, "rv1106", "2.3.2", "int8")


def test_an_oriented_box_concat_beside_the_angles_sin_runs_on_the_cpu_when_it_is_narrow():
    """placement_sweep `chcat_sin` (issue 354's OBB decode: the angle Concat-ed into the output [1, 3, N] beside the
    boxes its Sin / Cos rotate): with 2.3.2 on every small family the Concat ran on the CPU at 3 and 5 channels, on
    the NPU at 83 / 85 and where it took a Relu of the angle instead of the value the Sin reads (`chcat`: no Sin, NPU)."""
    ps = _sweep_cases()
    narrow, wide = ps.case_chcat((2, 1), 40, 40, "out", "sin")[0], ps.case_chcat((4, 80, 1), 40, 40, "out", "sin")[0]
    other = ps.case_chcat((2, 1), 40, 40, "out", "sin_nocat")[0]
    view = ModelView(narrow)
    assert motifs.node_key_sweep(view, next(r for r in view.main_nodes if r.name == "cat")) == "Concat3:trig@lt16"
    for target, dtype in (("rk3562", "float16"), ("rk2118", "float16"), ("rv1106", "int8"), ("rv1106b", "int8"),
                          ("rk3576", "int8")):
        assert "cat" in _warned(narrow, target, "2.3.2", dtype)
        assert "cat" not in _warned(wide, target, "2.3.2", dtype)
        assert "cat" not in _warned(other, target, "2.3.2", dtype)


def test_a_dfl_softmax_over_more_than_65536_rows_leaves_the_npu_on_rk3562():
    """placement_sweep `dfl` op12 (ultralytics' DFL at opset 12: Transpose to [1, A, 4, 16] -> Softmax over the 16
    bins) with 2.3.2 on rk3562 float16 and int8: the Softmax on the NPU up to A 16384, on the CPU from 16385 (unseen
    set 17's YOLOv8-p2 head, 19125 anchors); rv1106 int8 kept it on the NPU."""
    ps = _sweep_cases()
    small, big = ps.case_dfl(16384, op12=True)[0], ps.case_dfl(19125, op12=True)[0]
    view = ModelView(big)
    assert motifs.node_key_sweep(view, next(r for r in view.main_nodes if r.name == "sm")) == "Softmax4:rows@gt64k"
    for dtype in ("float16", "int8"):
        assert "sm" in _warned(big, "rk3562", "2.3.2", dtype)
        assert "sm" not in _warned(small, "rk3562", "2.3.2", dtype)
    assert "sm" not in _warned(big, "rv1106", "2.3.2", "int8")


def test_a_dfl_softmax_over_more_than_65536_rows_leaves_the_npu_on_rk3588_232_and_230():
    """The same `dfl` op12 models and `dflhead84` at 112 px (16464 anchors) built on rk3588 (2.3.2 float16 / int8,
    2.3.0 float16): the Softmax on the CPU from 16385 anchors, on the NPU at 16384 and at 96 px (12096); unseen set 17's
    YOLOv8s-p2 (19125 anchors) ran it on the CPU on those rows and on the NPU with 2.5.0 (no entry there)."""
    ps = _sweep_cases()
    small, big = ps.case_dfl(16384, op12=True)[0], ps.case_dfl(16385, op12=True)[0]
    for version, dtype in (("2.3.2", "float16"), ("2.3.2", "int8"), ("2.3.0", "float16")):
        assert "sm" in _warned(big, "rk3588", version, dtype), (version, dtype)
        assert "sm" not in _warned(small, "rk3588", version, dtype), (version, dtype)
        assert "sm" in _warned(ps.case_dflhead84(112, 80)[0], "rk3588", version, dtype), (version, dtype)
    assert "sm" not in _warned(big, "rk3588", "2.5.0", "float16")


def test_an_unaligned_pad_runs_on_the_cpu_on_rk3562_and_rk3576_int8():
    """placement_sweep `padsp` / `padc` with 2.3.2 on rk3562 and rk3576 int8 (28 builds each): a zero Pad of a map (spatial, read by an
    Add) and a channel Pad ran on the CPU wherever C is no multiple of 16 (unseen set 15's GTCRN at 8 channels, set 17's
    BlazePose landmark at 24), on the NPU at 16 and 32, as on rk3588 int8."""
    ps = _sweep_cases()
    for c, cpu in ((8, True), (24, True), (16, False), (32, False)):
        for target in ("rk3562", "rk3576"):
            assert ("pad" in _warned(ps.case_padsp(c, 32, "w")[0], target, "2.3.2", "int8")) == cpu, (target, c)


def test_hugging_face_swin_on_a_rectangular_map_runs_its_window_layout_on_the_cpu_on_rk3566():
    """placement_sweep `hfswinpad` (Hugging Face Swin as transformers 5 exports it, unseen set 18's Donut at 384 x 320;
    13 models, rk3566 float16 / int8 2.3.2): on a rectangular map (96 x 80 padded to 100 x 80 for window 10) the Reshape
    in front of the Pad, the partition's Reshapes and Transpose, the crop's Reshape, the merging's Reshapes and Slices
    and the residual's boundary into the merging ran on the CPU; on a square map (56 x 56, window 7) none of them, the
    out-projection's bias Add there; q's heads on the NPU at every size."""
    ps = _sweep_cases()
    rect = ps.case_hfswinpad(96, 80, 10, 96, 3)[0]
    square = ps.case_hfswinpad(56, 56, 7, 96, 3)[0]
    layout = {"map_rs", "part_rs", "part_tp", "tok_win_rs", "untok_rs", "merge_rs", "merge_tok", "res2",
              "rows0", "rows1", "x0", "x1", "x2", "x3"}
    for dtype in ("float16", "int8"):
        got = _warned(rect, "rk3566", "2.3.2", dtype)
        assert layout <= got, (dtype, layout - got)
        assert not {"o_add", "q_tp", "q_rs", "q_mm", "k_mm", "v_mm"} & got, dtype
        sq = _warned(square, "rk3566", "2.3.2", dtype)
        assert not (layout - {"tok_win_rs"}) & sq, dtype
        assert "o_add" in sq
    view = ModelView(rect)
    node = {r.name: r for r in view.main_nodes}
    run = motifs.run_of(view, node["part_rs"])
    assert motifs.hw_form_key(view, run, "k") == "k.hw:rect"
    assert motifs.node_key_sweep(view, node["o_add"]) == "Add3:lin@n>tok:rect"
    assert motifs.boundary_sized_keys(view, node["res2"])[0].endswith(".hw:rect")
    view = ModelView(square)
    node = {r.name: r for r in view.main_nodes}
    assert motifs.hw_form_key(view, motifs.run_of(view, node["part_rs"]), "k") == "k.hw:sq"  # made inside the run
    # one window across W (12 x 10 padded to 20 x 10) is a form of its own; tokens split into heads are no map
    one = ModelView(ps.case_hfswinpad(12, 10, 10, 768, 24, merge=False)[0])
    node = {r.name: r for r in one.main_nodes}
    assert motifs.hw_form_key(one, motifs.run_of(one, node["part_rs"]), "k") == "k.hw:rect1"
    assert motifs.hw_form_key(one, motifs.run_of(one, node["q_rs"]), "k") is None


def test_a_decoder_steps_cache_concat_and_stacked_cache_inputs_run_on_the_cpu_on_rk3566():
    """placement_sweep `kvstep` (a Whisper-like decoder step, unseen set 18; 8 models, P 8 to 63 cached tokens, S 64
    to 1500, C 256 to 512): on rk3566 with 2.3.2 (float16, int8) the k Linear and the v bias Add into the cache Concat,
    the Concat's head Reshapes and Transposes and every stacked cache input got CPU layers at every size; with 2.5.0 the
    v bias Add and the inputs only."""
    ps = _sweep_cases()
    for past in (24, 31):
        m = ps.case_kvstep(past, 384, 6, 1500)[0]
        step = {"l0_k_mm", "l0_v_add", "l0_k_rs", "l0_k_tp", "l0_v_rs", "l0_v_tp"}
        ins = {f"input:{w}_{x}" for w in ("self", "cross") for x in "kv"}
        for dtype in ("float16", "int8"):
            got = _warned_nodes_dtype(m, "rk3566", "2.3.2", dtype)
            assert step | ins <= got, (past, dtype, (step | ins) - got)
            assert not {"l0_q_mm", "l0_ck_rs", "l0_ck_tp"} & got
        got = _warned_nodes_dtype(m, "rk3566", "2.5.0", "float16")
        assert {"l0_v_add"} | ins <= got and not {"l0_k_mm", "l0_k_rs", "l0_k_tp"} & got, past
    view = ModelView(m)
    assert motifs.input_keys(view, "self_k") == ["in4:f>slice:stack", "in4:f>slice"]


def test_relative_shift_reshapes_on_rk3588_by_heads_and_last_dims():
    """placement_sweep `relshift_mm` (Wav2Vec2-Conformer's relative shift behind the MatMul of q and the positions; 14
    models, measured 2026-12-07 with 2.3.2 float16 / int8, 2.5.0 and 2.3.0 float16): at h no multiple of 8 the two
    Reshapes that split the last two axes anew ran on the CPU by the class of the last dim in and out (98 -> 49, 49 ->
    97: both), at h = 16 on the NPU; the Pad of the MatMul's scores on the NPU in every build (not the single-op
    probe's CPU); int8 by 16 (h = 8 like h = 12)."""
    ps = _sweep_cases()
    m = ps.case_relshift_mm(12, 49)[0]
    view = ModelView(m)
    node = {r.name: r for r in view.main_nodes}
    keys = [motifs.class_keys(view, motifs.run_of(view, node[n])) for n in ("shift_rs", "shift_back")]
    assert keys == [["pad>Reshape4>4>slice@1.1.1.resplit:a2.a1"], ["slice>Reshape4>4>slice@1.1.1.resplit:a1.a1"]]
    aligned, h8 = ps.case_relshift_mm(12, 48)[0], ps.case_relshift_mm(8, 49)[0]
    for version, dtype in (("2.3.2", "float16"), ("2.3.2", "int8"), ("2.5.0", "float16"), ("2.3.0", "float16")):
        got = _warned(m, "rk3588", version, dtype)
        assert {"shift_rs", "shift_back"} <= got and "shift_pad" not in got, (version, dtype)
        assert not {"shift_rs", "shift_back", "shift_pad"} & _warned(aligned, "rk3588", version, dtype)
        assert ({"shift_rs", "shift_back"} <= _warned(h8, "rk3588", version, dtype)) == (dtype == "int8")


def test_sub_of_a_broadcast_tensor_from_a_constant_runs_on_the_cpu_on_rk3588():
    """placement_sweep `bcsub` (a MoveNet-style decode's grid [H, W] minus the keypoints [K, 1, 1]; 17 models, measured
    2026-12-07 with 2.3.2 float16 / int8, 2.5.0 and 2.3.0 float16): Sub(constant, x) ran on the CPU where x is
    broadcast over H and W (`Sub3:cminus:b2`) or one axis of a rank-4 map, on the NPU where x has the difference's
    shape; Sub(x, constant) and 1 - x on the NPU."""
    ps = _sweep_cases()
    m = ps.case_bcsub(17, 48, 48, "cpu", "r3")[0]
    view = ModelView(m)
    assert motifs.node_key_sweep(view, next(r for r in view.main_nodes if r.name == "grid_sub")) == "Sub3:cminus:b2"
    for version, dtype in (("2.3.2", "float16"), ("2.3.2", "int8"), ("2.5.0", "float16"), ("2.3.0", "float16")):
        assert "grid_sub" in _warned(m, "rk3588", version, dtype), (version, dtype)
        assert "grid_sub" in _warned(ps.case_bcsub(17, 48, 48, "npu", "b1w")[0], "rk3588", version, dtype)
        for form in ("r3r", "b0", "scalar"):
            assert "grid_sub" not in _warned(ps.case_bcsub(17, 48, 48, "npu", form)[0], "rk3588", version, dtype), form


def test_a_mix_transformer_stages_map_reshapes_leave_the_npu_past_8192_tokens_on_rv1106():
    """placement_sweep `mitffn` (SegFormer / GLPN's stage as dynamo writes it) with 2.3.2 and 2.5.0 on rv1106 int8: the Reshapes
    between the map and its tokens on the CPU where H * W exceeded 8192 (`@long`), on the NPU at 8192 and less."""
    ps = _sweep_cases()
    for h, w, cpu in ((88, 120, True), (128, 128, True), (64, 128, False), (64, 64, False)):
        for version in ("2.3.2", "2.5.0"):
            got = _warned(ps.case_mitffn(32, h, w)[0], "rv1106", version, "int8")
            assert ({"map_rs", "out_rs"} <= got) == cpu and (not {"map_rs", "out_rs"} & got) == (not cpu), (h, w)


SMALL_RSM_ROWS = (("rk3562", "float16"), ("rv1106", "int8"), ("rk3576", "float16"))  # the small-family rows relshift_mm / bcsub were built on (2.3.2)


def test_relative_shift_and_constant_minuend_sub_on_the_small_families():
    """placement_sweep `relshift_mm` and `bcsub` built 2026-12-07 (s28-small) with 2.3.2 on the small families: the
    relative shift's Pad (unseen set 18's Wav2Vec2-Conformer: false CPU Pads from the single-op probe) and both
    Reshapes on the NPU at every size; Sub(constant, x) of a broadcast x on the CPU, of x of the difference's shape on
    the NPU, as on rk3588."""
    ps = _sweep_cases()
    shift, sub = ps.case_relshift_mm(12, 49)[0], ps.case_bcsub(17, 48, 48, "cpu", "r3")[0]
    for target, dtype in SMALL_RSM_ROWS:
        assert not {"shift_rs", "shift_back", "shift_pad"} & _warned(shift, target, "2.3.2", dtype), target
        assert "grid_sub" in _warned(sub, target, "2.3.2", dtype), target
        for form in ("r3r", "b0", "scalar"):
            assert "grid_sub" not in _warned(ps.case_bcsub(17, 48, 48, "npu", form)[0], target, "2.3.2", dtype), form


def test_dynamic_convolution_kernel_reshape_on_rk3588_by_taps():
    """placement_sweep `dynconv` (ConvBERT's dynamic convolution; 8 models, measured 2026-12-07 with 2.3.2 float16 /
    int8, 2.5.0 and 2.3.0 float16): the kernel Reshape to [T * h, k, 1] read by a Softmax over the k taps got a CPU
    Reshape at k 9 everywhere, at k 8 in int8 only (`.taps:<alignment of k>`)."""
    ps = _sweep_cases()
    m, eight = ps.case_dynconv(128, 9, 6)[0], ps.case_dynconv(128, 8, 6)[0]
    view = ModelView(m)
    run = motifs.run_of(view, next(r for r in view.main_nodes if r.name == "ker_rs"))
    assert motifs.class_keys(view, run) == ["elt>Reshape3>3:a1>softmax@1.16.taps:a1"]
    for version, dtype in (("2.3.2", "float16"), ("2.3.2", "int8"), ("2.5.0", "float16"), ("2.3.0", "float16")):
        assert "ker_rs" in _warned(m, "rk3588", version, dtype), (version, dtype)
        assert ("ker_rs" in _warned(eight, "rk3588", version, dtype)) == (dtype == "int8"), (version, dtype)

def test_a_long_waveform_lifted_into_a_conv1d_gets_a_cpu_reshape_on_rv1106_only():
    """placement_sweep `wavfront` (wav2vec2's first layer: waveform [1, L] -> Unsqueeze -> Conv1d(512, k 10, s 5) ->
    GroupNorm) built 2026-12-07 with 2.3.2 on rv1106 and rv1106b int8: rv1106 put a CPU Reshape on the Unsqueeze
    (`<unsq>_rs`) at 16000 samples (3 of 3) and none at 1600 to 8000; rv1106b none at any length (unseen sets 15, 17,
    18's HuBERT / WavLM / SEW / Wav2Vec2-Conformer: `/m/feature_extractor/Unsqueeze` on rv1106). long_key's `@long`
    (a dim over 8192) splits them."""
    ps = _sweep_cases()
    long_, short = ps.case_wavfront(16000, 512, 10, 5, "gn")[0], ps.case_wavfront(8000, 512, 10, 5, "gn")[0]
    assert "unsq" in _warned(long_, "rv1106", "2.3.2", "int8")
    assert "unsq" not in _warned(short, "rv1106", "2.3.2", "int8")
    assert "unsq" not in _warned(long_, "rv1106b", "2.3.2", "int8")


def test_a_one_row_linear_past_the_width_limit_stays_on_the_npu_where_measured():
    """placement_sweep `wide1` (2026-12-07, 2.3.2): a Linear of one row ([1, 1, C] @ [C, N], unseen set 18's Whisper-like
    decoder step's 51865-word head) kept its Transpose back on the NPU on rk3562, rv1106, rv1106b (Conv-fed) and
    rk2118 (LayerNorm-fed) past every family's wide_features_npu_max; 2 to 8 rows of 20000 / 51865 did not."""
    ps = _sweep_cases()
    for target, dtype in (("rk3562", "float16"), ("rv1106", "int8"), ("rv1106b", "int8"), ("rk2118", "float16")):
        one, two = ps.case_wide1_ln(51865, 1)[0], ps.case_wide1_ln(20000, 2)[0]
        assert "fc" not in _warned(one, target, "2.3.2", dtype), target
        assert "fc" in _warned(two, target, "2.3.2", dtype), target
        assert "fc" in _warned(ps.case_wide(51865, "matmul", False, t=8)[0], target, "2.3.2", dtype), target


def test_a_one_row_linear_stays_on_the_npu_on_rk3588_and_rk3566_up_to_32000_features():
    """placement_sweep `wide1` (2026-12-08) on rk3588 (2.3.0, 2.3.2, 2.5.0) and rk3566 (2.3.2, 2.5.0): one row of 12000 and
    20000 features on the NPU, 2 to 8 rows on the CPU (the Transpose back), one row of 51865 with a CPU Reshape; unseen
    set 23's tied 32000-word head of one row on the NPU (`one_row_max`)."""
    ps = _sweep_cases()
    for target, version in (("rk3588", "2.3.2"), ("rk3588", "2.5.0"), ("rk3566", "2.3.2"), ("rk3566", "2.5.0")):
        assert "fc" not in _warned(ps.case_wide1_ln(20000, 1)[0], target, version), (target, version)
        assert "fc" in _warned(ps.case_wide1_ln(20000, 2)[0], target, version), (target, version)
        assert "fc" in _warned(ps.case_wide1_ln(51865, 1)[0], target, version), (target, version)



def _computed_reshape_target(m, name: str, lo: int, hi: int):
    """`m` with the target of Reshape `name` computed from Shape(its data input)[lo:hi] (as TorchScript writes a
    reshape of sizes it takes from the tensor; a Div that onnx's data propagation does not evaluate), so onnx's shape
    inference leaves every dim after it unknown."""
    m = onnx.ModelProto.FromString(m.SerializeToString())
    nodes = list(m.graph.node)
    i, node = next((i, n) for i, n in enumerate(nodes) if n.name == name)
    src = node.input[0]
    made = [helper.make_node("Shape", [src], [f"{name}_shape"], name=f"{name}_shape"),
            helper.make_node("Slice", [f"{name}_shape", f"{name}_lo", f"{name}_hi"], [f"{name}_dims"],
                             name=f"{name}_dims"),
            helper.make_node("Mul", [f"{name}_dims", f"{name}_two"], [f"{name}_twice"], name=f"{name}_twice"),
            helper.make_node("Div", [f"{name}_twice", f"{name}_two"], [f"{name}_target"], name=f"{name}_target")]
    m.graph.initializer.extend([onnx.numpy_helper.from_array(np.array([lo], np.int64), f"{name}_lo"),
                                onnx.numpy_helper.from_array(np.array([hi], np.int64), f"{name}_hi"),
                                onnx.numpy_helper.from_array(np.array(2, np.int64), f"{name}_two")])
    node.input[1] = f"{name}_target"
    del m.graph.node[:]
    m.graph.node.extend(nodes[:i] + made + nodes[i:])
    del m.graph.value_info[:]
    return m


def test_a_run_onnx_left_unsized_is_keyed_by_its_folded_shapes():
    """GTCRN (unseen set 15) computes its dual-path reshape targets from Shape nodes, so onnx's inference left the GRUs'
    input Transposes unsized (`slice>Transpose3:102:a?>rnn`) and the `dpgru` small models' motif
    `slice>Transpose3:102:a8>rnn` (every such Transpose on the CPU on rk3566) was never read: the 8 were missed on
    rk3566 float16 / int8 2.3.2. The run is looked up again spelled with the folded static shapes
    (motifs._resolved_run) where the plain key has an unknown rank or dim."""
    ps = _sweep_cases()
    m = _computed_reshape_target(ps.case_dpgru(63, 33, 16)[0], "intra_rs", 1, 4)
    view = ModelView(m)
    node = {r.name: r for r in view.main_nodes}
    run = motifs.run_of(view, node["intra0_in"])
    assert "a?" in motifs.chain_key(view, run)
    for dtype in ("float16", "int8"):
        got = _warned(m, "rk3566", "2.3.2", dtype)
        assert {"intra0_in", "intra1_in"} <= got, dtype
    # the sized constant-target model and the computed one agree
    assert {"intra0_in", "intra1_in"} <= _warned(ps.case_dpgru(63, 33, 16)[0], "rk3566", "2.3.2")


def test_an_eager_attentions_product_leaves_the_npu_behind_a_full_where_mask_on_rk3566():
    """placement_sweep `qkmask` (Hugging Face eager attention, q @ k^T / sqrt(d) + mask -> Softmax; unseen sets 17-19's
    RoFormer, ConvBERT, SqueezeBERT as transformers 5 exports them): on rk3566 (float16 / int8 2.3.2) the mask made
    as Where(Expand(bool mask) [1, 1, N, N], 0, float min) put a CPU Transpose from the product's layout, named after
    the MatMul, in front of the CPU Softmax at 50, 64 and 128 tokens; BERT's broadcast (1 - m) * -1e4 [1, 1, 1, N],
    a constant mask or none did not, nor 2.5.0 with any of them."""
    ps = _sweep_cases()
    where = ps.case_qkmask(128, 12, 64, "where")[0]
    bcast = ps.case_qkmask(128, 12, 64, "input")[0]
    view = ModelView(where)
    sm = next(r for r in view.main_nodes if r.op_type == "Softmax")
    keys, roles = motifs.masked_softmax(view, sm)
    assert keys == ["masksm:where:full:a16", "masksm:where:full"] and roles["qk"].name == "qk"
    view = ModelView(bcast)
    sm = next(r for r in view.main_nodes if r.op_type == "Softmax")
    assert motifs.masked_softmax(view, sm)[0][0] == "masksm:other:bcast:a16"
    for dtype in ("float16", "int8"):
        assert "qk" in _warned(where, "rk3566", "2.3.2", dtype), dtype
        assert "qk" not in _warned(bcast, "rk3566", "2.3.2", dtype), dtype
        assert "qk" not in _warned(ps.case_qkmask(128, 12, 64, "const")[0], "rk3566", "2.3.2", dtype), dtype
    # 2.5.0 kept the product's layout on the NPU (SqueezeBERT's and RoFormer's 2.5.0 rows agree)
    assert "qk" not in _warned(where, "rk3566", "2.5.0")
    # measured on rk3566 only: rk3588 reads no such key
    assert "qk" not in _warned(where, "rk3588", "2.3.2")


def test_relative_shift_runs_on_the_cpu_on_rk3566_at_every_size():
    """placement_sweep `relshift_mm` built on rk3566 (14 models, h 4 to 16, N 16 to 100; unseen set 18's
    Wav2Vec2-Conformer): with 2.3.2 (float16, int8) and 2.5.0 (float16) the product of q and the positions (its Transpose into the Pad,
    named after the MatMul) and both Reshapes of the shift ran on the CPU at every size, where rk3588 split by heads
    and last dims."""
    ps = _sweep_cases()
    for heads, n in ((12, 49), (16, 49), (8, 40)):
        m = ps.case_relshift_mm(heads, n)[0]
        for dtype, version in (("float16", "2.3.2"), ("int8", "2.3.2"), ("float16", "2.5.0")):
            got = _warned(m, "rk3566", version, dtype)
            assert {"pos_scores", "shift_rs", "shift_back"} <= got, (heads, n, dtype, version, got)
    view = ModelView(ps.case_relshift_mm(12, 49)[0])
    node = {r.name: r for r in view.main_nodes}
    assert motifs.sized_key(view, motifs.run_of(view, node["pos_scores"])) == "elt>MatMul4>4:n1>pad@1.1.1"


def test_x3ds_squeeze_excite_on_rank5_maps_leaves_the_npu_on_rk3566():
    """placement_sweep `x3dblk` and `c3dpool` (X3D's bottleneck with its squeeze-excite, unseen set 21's X3D-XS-lite)
    on rk3566 (fp16 / int8 2.3.2, fp16 2.5.0): the Reshape after the depthwise Conv3d into the pool (`conv5>elt+pool`)
    and the Transpose after the excite Conv3d (`conv5>elt@gate<elt`) ran on the CPU at every map size, 40 x 40 to
    5 x 5; the reducing Conv3d (`@<pool`) and the block's other Conv3d none. The head's Conv3d -> Relu -> pool got its
    Reshape named after the Conv (the Relu fused into it)."""
    ps = _sweep_cases()
    se = ps.case_x3dblk(48, 108, 4, 20, 1, True, False)[0]
    view = ModelView(se)
    node = {r.name: r for r in view.main_nodes}
    assert motifs.boundary_sized_key(view, node["se_exp"]) == "conv5>elt@gate<elt"
    assert motifs.boundary_sized_key(view, node["se_red"]) == "conv5>elt@<pool"
    head = ps.case_x3dblk(96, 216, 4, 10, 1, False, True)[0]
    for dtype, version in (("float16", "2.3.2"), ("int8", "2.3.2"), ("float16", "2.5.0")):
        got = _warned(se, "rk3566", version, dtype)
        assert {"dw", "se_exp"} <= got and not {"se_red", "a", "c"} & got, (dtype, version, got)
        got = _warned(head, "rk3566", version, dtype)
        assert "head" in got and "head_act" not in got, (dtype, version, got)
    # a block without the squeeze-excite: its depthwise Conv3d feeds the Swish only
    assert "dw" not in _warned(ps.case_x3dblk(24, 54, 4, 40, 1, False, False)[0], "rk3566", "2.3.2")
    # int8 ran the excite Mul's Reshape at 4 frames, not at 8, float16 at neither
    assert motifs.boundary_sized_key(view, node["se_mul"]) == "elt5>elt@<conv.gate:t4"
    assert "se_mul" in _warned(se, "rk3566", "2.3.2", "int8") and "se_mul" not in _warned(se, "rk3566", "2.3.2")
    assert "se_mul" not in _warned(ps.case_x3dblk(64, 128, 8, 8, 1, True, False)[0], "rk3566", "2.3.2", "int8")


def test_a_linear_attentions_k_side_and_normaliser_leave_the_npu_on_rk3566():
    """placement_sweep `linattn` (LoFTR's encoder, fast-transformers' elu + 1 linear attention written with Einsums;
    unseen set 21's LoFTR-lite) on rk3566 (fp16 / int8 2.3.2, fp16 2.5.0): k's Linear, its heads Reshape and + 1 and
    the ReduceSum of k over the tokens got CPU layout layers in every build, self and cross layers, 64 to 1200 tokens;
    q's Linear and the KV Einsum none. int8 also v's scale and Reshape at 300 tokens of 16-wide heads."""
    ps = _sweep_cases()
    m = ps.case_linattn(15, 20, 128, 8)[0]
    view = ModelView(m)
    kv = next(r for r in view.main_nodes if r.name == "l1_0_kv")
    keys, roles = motifs.linear_attention(view, kv)
    assert keys == ["linattn:a4:d16", "linattn"]
    assert {r: n.name for r, n in roles.items() if r in ("k_lin", "k_rs", "k_feat", "ksum", "out", "q_lin")} == {
        "k_lin": "l1_0_k", "k_rs": "l1_0_k_rs", "k_feat": "l1_0_k_p1", "ksum": "l1_0_ksum", "out": "l1_0_out",
        "q_lin": "l1_0_q"}
    k_side = {f"l{i}_{j}_{n}" for i in range(2) for j in range(2) for n in ("k", "k_rs", "k_p1", "ksum")}
    for dtype, version in (("float16", "2.3.2"), ("int8", "2.3.2"), ("float16", "2.5.0")):
        got = _warned(m, "rk3566", version, dtype)
        assert k_side <= got and not {"l0_0_q", "l0_0_kv", "l0_0_qk"} & got, (dtype, version, got)
    assert {"l0_0_v_scale", "l0_0_v_rs"} <= _warned(m, "rk3566", "2.3.2", "int8")
    assert not {"l0_0_v_scale", "l0_0_v_rs"} & _warned(m, "rk3566", "2.3.2")
    # measured on rk3566 only
    assert "l0_0_k" not in _warned(m, "rk3588", "2.3.2")


def test_an_older_eager_attentions_v_heads_leave_the_npu_by_the_key_tokens_on_rk3566():
    """placement_sweep `bmmattn` (transformers' older eager attention, heads Reshape-d to [h, N, d] for rank-3
    MatMuls: unseen set 21's TrOCR cross attention and SpeechT5's encoder) on rk3566: v's Reshape and Transpose to
    heads ran on the CPU where the key tokens are no multiple of 4 (49, 50, 145) with 2.3.2 (fp16, int8; 2.5.0 the
    Transpose only), int8 also at 100 and 196; q's never; SpeechT5's relative bias Transposes (q's to [N, h, d] and
    the product's back) on the CPU with 2.3.2."""
    ps = _sweep_cases()
    m = ps.case_bmmattn(16, 145, 4, 64, cross=True)[0]
    view = ModelView(m)
    node = {r.name: r for r in view.main_nodes}
    run = motifs.run_of(view, node["v_rs"])
    assert motifs.vheads_key(view, run, motifs.sized_key(view, run)).endswith(".v:a1")
    assert motifs.vheads_key(view, motifs.run_of(view, node["q_rs"]), "") is None
    for dtype in ("float16", "int8"):
        got = _warned(m, "rk3566", "2.3.2", dtype)
        assert {"v_rs", "v_tp"} <= got and not {"q_rs", "q_tp", "k_rs"} & got, (dtype, got)
    assert "v_tp" in _warned(m, "rk3566", "2.5.0") and "v_rs" not in _warned(m, "rk3566", "2.5.0")
    a4 = ps.case_bmmattn(16, 196, 4, 64, cross=True)[0]
    assert "v_rs" not in _warned(a4, "rk3566", "2.3.2") and "v_rs" in _warned(a4, "rk3566", "2.3.2", "int8")
    rel = ps.case_bmmattn(49, 49, 12, 64, relpos=True)[0]
    assert {"rel_q", "rel_back", "v_rs", "v_tp"} <= _warned(rel, "rk3566", "2.3.2")


def test_an_oriented_box_heads_rotation_and_output_leave_the_npu_on_rk3566():
    """placement_sweep `obbhead` (ultralytics' OBB head: the angle's Cos / Sin rotate (rb - lt) / 2, the output Concat
    of boxes, classes and the angle; unseen sets 14-21's YOLOv8n / YOLO11s / YOLO12s-obb) on rk3566 with 2.3.2 (fp16,
    int8): a CPU layer after the Div, after the angle's Mul by pi and on the output at 2100 to 8400 anchors, 15 and
    80 classes, square and rectangular maps (14 of 14 builds; 2.5.0 fails the head, RKN704)."""
    ps = _sweep_cases()
    for h, w in ((64, 64), (52, 92)):
        m = ps.case_obbhead(h, w, 80)[0]
        view = ModelView(m)
        assert motifs.output_keys(view, "out_y")[0].endswith(":trig@ge16")
        for dtype in ("float16", "int8"):
            got = {f.location.node_name or f.location.tensor for f in findings(
                m, target="rk3566", dtype=dtype, toolkit_version="2.3.2", select={"RKN611", "RKN610"})
                if f.severity.name != "INFO"}
            assert {"half", "ang_pi", "out_y"} <= got, (h, w, dtype, got)
    # the long keys only: a class token's Gather behind an Add (`token`, [1, 197, 192]) keeps its NPU answer
    assert "front" not in _warned(ps.case_token(197, 192)[0], "rk3566", "2.3.2")


def test_a_z_pool_transpose_runs_on_the_cpu_on_rk3566_by_perm_and_width():
    """placement_sweep `zpool` (triplet attention, unseen set 22): on rk3566 both 0213 Transposes on the CPU at every
    size, the 0321 ones at W = 7 / 14 and not at W = 16 to 56 (2.5.0 and 2.3.2 float16; int8 2.3.2 as well); rk3588
    2.5.0 keeps them all on the NPU."""
    ps = _sweep_cases()
    tps = {"zp_tp", "zp_back"}
    for version, dtype in (("2.5.0", "float16"), ("2.3.2", "float16"), ("2.3.2", "int8")):
        assert tps <= _warned(ps.case_zpool(64, 56, 56, (0, 2, 1, 3))[0], "rk3566", version, dtype), (version, dtype)
        assert tps <= _warned(ps.case_zpool(256, 14, 14, (0, 3, 2, 1))[0], "rk3566", version, dtype), (version, dtype)
    for version in ("2.5.0", "2.3.2"):
        assert not tps & _warned(ps.case_zpool(64, 56, 56, (0, 3, 2, 1))[0], "rk3566", version)
        assert not tps & _warned(ps.case_zpool(64, 14, 28, (0, 3, 2, 1))[0], "rk3566", version)  # by W, not H
        assert tps <= _warned(ps.case_zpool(64, 56, 7, (0, 3, 2, 1))[0], "rk3566", version)
    assert not tps & _warned(ps.case_zpool(64, 56, 56, (0, 2, 1, 3))[0], "rk3588", "2.5.0")


def test_a_pp_yoloe_dfl_gets_its_cpu_reshape_by_the_bins_alignment_on_rk3566():
    """placement_sweep `dflpp` (PP-YOLOE-lite's DFL, unseen set 22): on rk3566 (2.5.0, 2.3.2 float16 and int8) the
    0312 Transpose after the Softmax over 17 bins gets a CPU Reshape ('Reshape:tp_back#1'), over 16 bins the Reshape in
    front does ('Reshape:rs#1'); rk3588 2.5.0 neither."""
    ps = _sweep_cases()
    for version, dtype in (("2.5.0", "float16"), ("2.3.2", "float16"), ("2.3.2", "int8")):
        got = _warned(ps.case_dflpp(1920, 17)[0], "rk3566", version, dtype)
        assert "tp_back" in got and "rs" not in got, (version, dtype)
        got = _warned(ps.case_dflpp(1920, 16)[0], "rk3566", version, dtype)
        assert "rs" in got and "tp_back" not in got, (version, dtype)
    assert not {"rs", "tp_back"} & _warned(ps.case_dflpp(1920, 17)[0], "rk3588", "2.5.0")


def _qkv_in_proj(shape_reader: bool) -> onnx.ModelProto:
    """A TransformerEncoder's in-projection [1, 32, 128] -> Transpose -> MatMul 384 -> Add, as exported with dynamic
    batch and pinned: Shape nodes read the Transpose's output to compute a Reshape target (folded by the toolkit)."""
    N = helper.make_node
    rng = np.random.default_rng(0)
    nodes = [N("Transpose", ["x"], ["t"], name="tp", perm=[1, 0, 2]), N("MatMul", ["t", "w"], ["m"], name="mm"),
             N("Add", ["m", "b"], ["a"], name="add")]
    inits = [init("w", (rng.standard_normal((128, 384)) * 0.1).astype(np.float32)), init("b", np.zeros(384, np.float32))]
    out = "a"
    if shape_reader:
        nodes += [N("Shape", ["t"], ["s"], name="shape"), N("Gather", ["s", "i0"], ["g"], name="gather", axis=0),
                  N("Unsqueeze", ["g", "ax"], ["gu"], name="unsq"), N("Concat", ["gu", "rest"], ["tgt"], name="cat", axis=0),
                  N("Reshape", ["a", "tgt"], ["y"], name="rs")]
        inits += [init("i0", np.array(0, np.int64)), init("ax", np.array([0], np.int64)),
                  init("rest", np.array([1, 384], np.int64))]
        out = "y"
    return make_model(nodes, [("x", [1, 32, 128])], [(out, [32, 1, 384])], inits, opset=17)


def test_static_model_places_a_run_without_the_shape_readers_first(monkeypatch):
    """With static inputs the toolkit folds the Shape nodes reading the Transpose, so the MatMul is in the run
    Transpose -> MatMul (measured on the NPU), not a run of its own after a multi-reader `layout` (measured on the CPU
    on rk3566 with 2.3.2): the pinned TransformerEncoder's in-projection (calibration/results/pinned/main)."""
    def motif_cpu(model):
        return [f.message for f in findings(model, "rk3566", {"RKN601"}, toolkit_version="2.3.2")
                if f.location.node_name == "mm" and "layout>MatMul3" in f.message]

    assert motif_cpu(_qkv_in_proj(True)) == []
    monkeypatch.setattr(motifs, "_static_inputs", lambda view: False)
    assert motif_cpu(_qkv_in_proj(True))  # the run cut at the Transpose's Shape readers: CPU
