"""Synthetic toolkit runs for the build rules' tests (RKN090-095): no toolkit needed."""
from __future__ import annotations

from rknnlint.toolkit.logparse import parse_outcome
from rknnlint.toolkit.runner import RawRun

# the layer table rknn-toolkit2 2.5.0 printed for a GRU model (rk3588 fp16): one Reshape on the CPU
TABLE = """\
D RKNN: [13:04:04.751]                                                         Network Layer Information Table
D RKNN: [13:04:04.751] ID   OpType             DataType Target InputShape                               OutputShape            Cycles(DDR/NPU/Total)    RW(KB)       FullName
D RKNN: [13:04:04.751] 0    InputOperator      FLOAT16  CPU    \\\\                                        (1,40,64)              0/0/0                    0            InputOperator:feats
D RKNN: [13:04:04.751] 2    exGRU              FLOAT16  NPU    (40,1,64),(96,64,1,1),(288,96,1,1),...   (40,1,1,96)            0/0/0                    571          exGRU:/g/GRU
D RKNN: [13:04:04.751] 8    Reshape            FLOAT16  CPU    (1,40,1,10),(3)                          (1,40,10)              0/0/0                    0            Reshape:out-rs
D RKNN: [13:04:04.751] 9    OutputOperator     FLOAT16  CPU    (1,40,10)                                \\\\                      0/0/0                    0            OutputOperator:out
D RKNN: [13:04:04.751] ----------------------------------------------------------------------------------------------
"""


def outcome(rc, result, stdout="", stderr="", model="m.onnx"):
    return parse_outcome(RawRun(rc, stdout, stderr, result, 1.0, "/tmp/x.log", 5.0), model, "rk3588", "fp16")


def static_codes(code: str) -> list[str]:
    """What the static check reports for the rule on a plain model: a build rule finds nothing there."""
    from onnx import helper

    from conftest import findings, make_model

    m = make_model([helper.make_node("Relu", ["x"], ["y"], name="r")], [("x", [1, 3, 8, 8])], [("y", [1, 3, 8, 8])])
    return [f.code for f in findings(m, select={code})]
