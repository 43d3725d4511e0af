"""Everything `rknnlint fix` prints is its own: onnx-graphsurgeon's logger ("[W] colored module is not
installed", "[W] Inference failed ...") is silenced while it folds constants."""
from __future__ import annotations

from onnx import helper

from conftest import make_model, run_cli_process


def test_graphsurgeon_warnings_do_not_leak(tmp_path):
    import onnx

    # a constant path through an op onnxruntime does not know: graphsurgeon's folding warns about it
    nodes = [helper.make_node("Constant", [], ["c"], value=helper.make_tensor("v", 1, [4], [1, 2, 3, 4])),
             helper.make_node("Foo", ["c"], ["d"], domain="com.example"),
             helper.make_node("Shape", ["x"], ["s"]),
             helper.make_node("Cast", ["s"], ["sf"], to=1),
             helper.make_node("ReduceSum", ["sf"], ["n"], keepdims=0),
             helper.make_node("Add", ["x", "d"], ["a"]),
             helper.make_node("Mul", ["a", "n"], ["y"])]
    m = make_model(nodes, [("x", ["N", 4])], [("y", ["N", 4])], opset=13, extra_opsets=[("com.example", 1)])
    src = tmp_path / "custom.onnx"
    onnx.save(m, src)
    p = run_cli_process("fix", src, "--input-shape", "x=1,4", "--no-verify", "-o", tmp_path / "out.onnx")
    text = p.stdout + p.stderr
    assert "folded or removed" in p.stdout, text  # graphsurgeon did run (Shape -> ReduceSum folded)
    assert "[W]" not in text and "colored" not in text and "Inference failed" not in text, text
    assert "Traceback" not in text
