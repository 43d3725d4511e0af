from __future__ import annotations

from ...finding import Severity
from ...rule import Rule, Violation, register
from ...toolkit.versions import version_of


@register
class InputCopiedToOutput(Rule):
    """A graph output that is a graph input copied through Identity nodes, which crashes some builds at random.

    What it does:
    Flags every graph output whose value is a graph input passed through one or more Identity nodes, where the
    fact `input_identity_output_crashes` (rules/common.yaml) was measured for the toolkit version in use.

    Why the NPU cares:
    Measured with rknn-toolkit2 2.5.0 on rk3588 (docs/facts.md#input-copies): a Conv model that also hands an input
    through an Identity to an output crashed with SIGFPE in 7 of 29 builds (three such models, each file built 7-15 times) and built in the others;
    a transliteration encoder that passes its mask through so (arabic-name-romanizer 0.2.0) crashed in 14 of 31 builds
    on rk3588 float16 and built in all 14 without that output. Rebuilt the same file with the same settings (the same
    seeded int8 samples): with 2.2.0 on rk3588 float16 it crashed in 8 of 8 builds (0 of 4 without the copy), on
    rv1106 int8 in 1 of 3 and on rk3566 float16 in 0 of 4, with
    2.3.0 on rv1106b int8 in 1 of 5, with 2.3.2 in 1 of 5 on rk3588 float16 and 2 of 5 on rk3576 int8 (0 of 4 without
    the copy), with 2.5.0 in 0 of 5 on rv1106b int8. Fixing Python's string-hash seed (PYTHONHASHSEED 0-3) left both
    outcomes, so the crash is random per build, not a property of the model, family or version alone: `check`
    cannot say whether the next build passes, only that it may not. A build that passes once can fail the next
    time, in CI or on a colleague's machine. The message gives the rate measured with the version in use.

    Example:
    `output 'src_mask_out' is input 'src_mask' copied through Identity 'Identity_72'`.

    How to fix:
    Drop the output and let the application keep the input it already has; the NPU adds nothing to a copy.

    Fix safety:
    No automatic fix: the interface changes.
    """

    code = "RKN107"
    name = "input-copied-to-output"
    severity = Severity.WARNING

    def check(self, ctx):
        fact = ctx.platform.facts.get("input_identity_output_crashes") or {}
        if not ctx.platform.fact("input_identity_output_crashes", False):
            return
        seen = ctx.platform.fact_measured("input_identity_output_crashes")
        version = version_of(ctx)
        if version not in seen:
            return
        rate = ((fact.get("by_version") or {}).get(version) or {}).get("rate") or fact.get("rate", "measured")
        view = ctx.view
        inputs = {vi.name for vi in view.inputs}
        for out in view.outputs:
            name, chain = out.name, []
            while name not in inputs:
                p = view.producer.get(name)
                if p is None or p.op_type != "Identity" or p.graph_path or not p.node.input:
                    break
                chain.append(p)
                name = p.node.input[0]
            if name in inputs and chain:
                via = ", ".join(f"'{p.label}'" for p in chain)
                yield Violation(
                    out.name, f"output '{out.name}' is input '{name}' copied through Identity {via}: rknn-toolkit2 "
                              f"{version} crashed with SIGFPE in some builds of such a model and built in others "
                              f"({rate}; docs/facts.md#input-copies)",
                    hint=f"drop the output '{out.name}' and keep '{name}' in the application",
                    data={"input": name, "identity": [p.label for p in chain]})
