from __future__ import annotations

from ...dropped_nodes import dropped_by_zero_weight
from ...finding import Severity
from ...motifs import for_context
from ...rewrites.pin_input_values import DropZeroedInputs
from ...rule import Fix, Rule, Violation, register
from ...toolkit.versions import version_of


@register
class FoldedInput(Rule):
    """Graph inputs the toolkit folds away, which an int8 build's calibration lines must leave out.

    What it does:
    For an int8 (quantized) build, flags every graph input that only reaches the outputs through a Mul by an
    all-zero constant (and what reads only that), where the family's placement sweep measured the toolkit folding
    such a Mul (rules/motifs/sweeps `zero_weight` key Mul, rknnlint.dropped_nodes.zero_folded_nodes), for the toolkit
    version the fact `int8_unread_input_fails` (rules/common.yaml) was measured with.

    Why the NPU cares:
    rknn-toolkit2's fold_constant folds `x * 0` to a constant, with the Cast behind it, and the input that fed it is
    read by nothing: the model it builds has one input fewer than the ONNX graph. An int8 build that lists one
    calibration file per ONNX input then stops before quantizing: "The input num: 3 in dataset.txt not match input
    num: 2 in model" (docs/facts.md#folded-inputs). silero-vad's 16 kHz model adds `Cast(sr * 0)` (its int64
    sample-rate input) to its state output and fails so on rk3588, rv1106 and rv1106b int8 with rknn-toolkit2
    2.5.0, and on rk3588, rk3566, rk3576 and rk3562 int8 with 2.3.0 and 2.3.2; a small model of that
    (calibration/placement_sweep.py `zero_mul_sr`) fails the same way with 2.5.0 on rv1106b, with 2.3.0 on rk3588,
    rk3566, rv1106 and rv1106b and with 2.3.2 on rk3588, rk3566, rk3576, rk3562, rv1106 and rv1106b.
    The float16 build takes the model, which then has that many inputs at run time too.

    Example:
    `input 'sr' reaches the outputs only through Mul '/Mul' by an all-zero constant: rknn-toolkit2 folds it away`.

    How to fix:
    Give each calibration line one file per input the built model keeps (leave this one out), and feed the RKNN
    model those inputs only; or remove the input and the Mul from the graph (it adds zeros):
    `rknnlint fix MODEL --unsafe-fixes` (drop-zeroed-inputs) makes the input the constant 0 and folds what reads it.

    Fix safety:
    Unsafe: the interface changes (one input fewer); the outputs are the same for every finite value of the input.
    """

    code = "RKN106"
    name = "folded-input"
    severity = Severity.ERROR
    fix = Fix(DropZeroedInputs)

    def check(self, ctx):
        if not ctx.quantized or not ctx.platform.fact("int8_unread_input_fails", False):
            return
        seen = ctx.platform.fact_measured("int8_unread_input_fails")
        measured = version_of(ctx)
        if measured not in seen:
            return
        tab = for_context(ctx)
        view = ctx.view
        kept = [vi.name for vi in view.inputs]
        for name in kept:
            users = view.consumers.get(name, [])
            if not users or any(u.graph_path or dropped_by_zero_weight(tab, view, u) is None for u in users):
                continue
            mul = next((u for u in users if u.op_type == "Mul"), users[0])
            left = [n for n in kept if n != name]
            yield Violation(
                name, f"input '{name}' reaches the outputs only through {mul.op_type} '{mul.name}' by an all-zero "
                      f"constant: rknn-toolkit2 {measured} folds it away, and an int8 build given one calibration file "
                      f"per ONNX input fails ('The input num: {len(kept)} in dataset.txt not match input num: "
                      f"{len(kept) - 1} in model'; docs/facts.md#folded-inputs)",
                hint=f"list only {', '.join(left) or 'the other inputs'} on each calibration line, or remove the input "
                     "and the Mul by zero from the graph",
                data={"input": name, "node": mul.name, "inputs_kept": left})
