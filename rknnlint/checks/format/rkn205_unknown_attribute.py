from __future__ import annotations

from ...finding import Severity
from ...rewrites.drop_default_attrs import DropDefaultAttrs
from ...rule import Fix, Rule, Violation, register

# Ops rknn-toolkit2 2.5.0 re-emits as a small ONNX model of its own while folding constants
# (rknn.base.extend_op.lstm.lstm_infer -> ir_utils.gen_onnx -> onnx.checker.check_model), checked against
# the op's first schema version: an attribute added later (LSTM layout, opset 14) is unknown there.
_REEMITTED = {"LSTM": 7, "GRU": 7}
# Versions whose builds were measured to accept LSTM / GRU `layout` (no re-emitted copy checked): 2.3.2 built the
# dynamo LSTM export (calibration seq_lstm1x96_op18_dynamo, rk3588 and rk3566) and the minimal LSTM / GRU with
# layout=0 (rk3588); 2.3.0 built the dynamo LSTM export on rk3588 (calibration/run_toolkit.py --python). Every other
# version is taken to re-emit and check them, as 2.5.0 was measured to.
_REEMIT_BUILDS = frozenset({"2.3.0", "2.3.2"})
# ... except for an LSTM / GRU whose output Y is read, through these layout ops only, as the data input of one of
# _REEMIT_READERS: those versions re-emit that RNN too (fold_constant -> lstm_infer) and stop on its `layout`.
# Measured on rk3588 float16 with 2.3.2 and 2.3.0 (unseen set 6's dynamo CRNN, two stacked BiLSTMs, failed so on
# rk3566 and rk3588 with 2.3.2): LSTM -> Reshape -> LSTM, LSTM -> Transpose(0,2,1,3) -> Reshape -> LSTM (also
# bidirectional, and GRU), LSTM -> Reshape -> MatMul -> LSTM and LSTM -> Reshape -> MatMul failed; a single LSTM / GRU
# (forward, reverse, bidirectional, behind a Relu), two LSTMs side by side, `layout` on the second of two only,
# LSTM -> Reshape -> Add -> LSTM and LSTM -> Reshape -> Transpose(1,0,2) -> MatMul built (2.3.2; 2.3.0 killed those, which have
# no bias input B: crash pattern lstm-without-bias). Builds: docs/probe.md#rnn-layout-in-a-chain.
_REEMIT_READERS = frozenset({"LSTM", "GRU", "MatMul"})
_REEMIT_THROUGH = {"Reshape": None, "Transpose": (0, 2, 1, 3)}  # op -> the perm it must have (None: any)


@register
class UnknownAttribute(Rule):
    """Node attributes that the ONNX schema the toolkit checks against does not know.

    What it does:
    Compares each default-domain node's attribute names with the ONNX op schema (from the onnx package the
    toolkit pins, 1.16-1.18): at the model's opset, and for LSTM and GRU, which the toolkit rebuilds as
    a model of its own while folding constants, at the schema version that copy is checked against
    (LSTM-7 / GRU-7, without `layout`).

    Why the NPU cares:
    An attribute the schema does not know stops rknn-toolkit2 2.5.0's build: onnxruntime refuses the
    graph ("INVALID_GRAPH ... Unrecognized attribute: foo for operator Relu"), and an LSTM with `layout`
    (legal from opset 14, written as layout=0 by the torch dynamo exporter) fails in the toolkit's own
    check: "onnx.onnx_cpp2py_export.checker.ValidationError: Unrecognized attribute: layout for operator
    LSTM" (observed on rk3588 at opsets 14 and 18, from lstm_infer, and the same for GRU; the same nodes
    without `layout` build, and RNN with layout=0 builds). rknn-toolkit2 2.3.2 and 2.3.0 build a single LSTM with
    `layout` (measured on rk3588, and rk3566 with 2.3.2), but not one whose output feeds another LSTM / GRU or a
    MatMul directly (through Reshape, or Transpose(0, 2, 1, 3) then Reshape: stacked layers, the dynamo CRNN's
    BiLSTMs; measured on rk3588 with both versions, docs/probe.md#rnn-layout-in-a-chain): that one is re-emitted and
    fails the same check. With those versions only such RNNs, and the model's own opset, count.

    Example:
    torch.onnx.export(lstm_model, x, dynamo=True) writes LSTM(..., layout=0).

    How to fix:
    `rknnlint fix MODEL` removes attributes that only restate the schema default (rewrite
    drop-default-attrs); an attribute with another value has to be expressed otherwise (for LSTM
    layout=1, transpose the input and output around a layout=0 LSTM) or removed in the exporter.

    Fix safety:
    Safe where the attribute holds the schema default (removing it is exact); display-only otherwise.
    """

    code = "RKN205"
    name = "unknown-attribute"
    severity = Severity.ERROR
    fix = Fix(DropDefaultAttrs)

    def check(self, ctx):
        from onnx import defs

        from ...toolkit.versions import version_of

        model = ctx.view.model
        reemits = version_of(ctx) not in _REEMIT_BUILDS
        opset = next((o.version for o in model.opset_import if o.domain in ("", "ai.onnx")), 1)
        known: dict[tuple[str, int], tuple[set[str], dict] | None] = {}

        def attrs_at(op: str, version: int):
            key = (op, version)
            if key not in known:
                try:
                    s = defs.get_schema(op, version, "")
                    known[key] = (set(s.attributes), s.attributes)
                except Exception:
                    known[key] = None  # an unknown op is RKN203's finding
            return known[key]

        for ref in ctx.view.nodes:
            if ref.domain not in ("", "ai.onnx") or not ref.node.attribute:
                continue
            now = attrs_at(ref.op_type, opset)
            if now is None:
                continue
            chained = ref.op_type in _REEMITTED and not reemits and _read_by_reemitting(ctx.view, ref)
            old = attrs_at(ref.op_type, _REEMITTED[ref.op_type]) if (reemits or chained) and ref.op_type in _REEMITTED \
                else None
            for a in ref.node.attribute:
                if a.name not in now[0]:
                    where = f"opset {opset}"
                    stage = "onnxruntime refuses the graph in build"
                elif old is not None and a.name not in old[0]:
                    where = f"{ref.op_type}-{_REEMITTED[ref.op_type]}, the schema its constant folding checks"
                    stage = ("the toolkit's onnx checker stops the build" if not chained else
                             f"its output feeds {chained} directly (through Reshape / Transpose), so "
                             f"{version_of(ctx)}'s constant folding re-emits it and its onnx checker stops the build")
                else:
                    continue
                default = _is_default(now[1].get(a.name), a)
                yield Violation(ref, f"{ref.op_type} '{ref.label}' has attribute '{a.name}', unknown to {where}: "
                                     f"{stage} (\"Unrecognized attribute: {a.name} for operator {ref.op_type}\")",
                                hint=("it holds the schema default: `rknnlint fix MODEL` removes it "
                                      "(drop-default-attrs)") if default else
                                     "remove the attribute in the exporter or express it with other ops",
                                data={"attribute": a.name, "default": default})


def _read_by_reemitting(view, ref) -> str:
    """The op type of the first node that reads the RNN's Y as its data input through _REEMIT_THROUGH only and is
    one of _REEMIT_READERS ("" when none does)."""
    todo, seen = [ref.node.output[0]] if ref.node.output and ref.node.output[0] else [], set()
    while todo:
        value = todo.pop()
        if value in seen:
            continue
        seen.add(value)
        for c in view.consumers_of(value):
            if not c.node.input or c.node.input[0] != value:
                continue
            if c.op_type in _REEMIT_READERS:
                return c.op_type
            if c.op_type in _REEMIT_THROUGH:
                perm = _REEMIT_THROUGH[c.op_type]
                if perm is None or tuple(c.attr("perm") or ()) == perm:
                    todo.extend(o for o in c.node.output if o)
    return ""


def _is_default(schema_attr, a) -> bool:
    from onnx import helper

    if schema_attr is None or not schema_attr.default_value.name:
        return False
    try:
        return helper.get_attribute_value(schema_attr.default_value) == helper.get_attribute_value(a)
    except Exception:
        return False
