from __future__ import annotations

from ...finding import Severity
from ...rewrites.shorten_output_names import ShortenOutputNames
from ...rule import Fix, Rule, Violation, register
from ...toolkit.versions import version_of


@register
class LongOutputName(Rule):
    """Graph outputs whose name is too long for an int8 build.

    What it does:
    For an int8 (quantized) build, flags every graph output whose name has more characters than the
    `int8_output_name_max` fact (rules/common.yaml: 127).

    For a float16 build the same names are a warning (`simulator_output_name_max`): the build passes, but the x86
    simulator's rknn.inference() raises KeyError on them with 2.3.0, 2.3.2 and 2.5.0 (127 characters run).

    Why the NPU cares:
    Observed with rknn-toolkit2 2.5.0, 2.3.2, 2.3.0 and 2.2.0 (docs/facts.md#output-names): an output named with 128 or more
    characters fails build(do_quantization=True) on rv1106 and rk3588 with a KeyError in the quantizer, whatever op
    makes it; 127 characters build, and float16 builds take any length. A pretrained wake-word model (openWakeWord's
    timer head) names its output with its JSON label map and fails that way. With a version not measured (the fact's
    `measured` list) the finding is a warning.

    Example:
    An output named '{"1": "1_minute_timer", "2": "5_minute_timer", ...}' (133 characters).

    How to fix:
    Rename the output (onnx.compose / onnx.helper, or keep the label map in metadata_props) to a short name.
    `rknnlint fix MODEL --unsafe-fixes` (shorten-output-names) cuts the name to the limit with a short digest of the
    whole name and keeps the old name in metadata_props `rknnlint.renamed`.

    Fix safety:
    Unsafe: the interface name changes (the numbers do not).
    """

    code = "RKN105"
    name = "long-output-name"
    severity = Severity.ERROR
    fix = Fix(ShortenOutputNames)

    def check(self, ctx):
        limit = ctx.platform.fact("int8_output_name_max")
        if not ctx.quantized:
            yield from self._simulator(ctx)
            return
        if not isinstance(limit, int):
            return
        seen = ctx.platform.fact_measured("int8_output_name_max")
        version = version_of(ctx)
        measured = version if version in seen else ", ".join(seen)
        for vi in ctx.view.outputs:
            if len(vi.name) > limit:
                yield Violation(
                    vi.name, f"output name '{vi.name[:40]}...' has {len(vi.name)} characters: rknn-toolkit2 "
                             f"{measured} failed int8 builds with a KeyError in the quantizer for output names of more "
                             f"than {limit} (docs/facts.md#output-names)"
                             + ("" if version in seen else f"; not measured with {version}"),
                    hint=f"rename the output to at most {limit} characters",
                    severity=None if version in seen else Severity.WARNING,
                    data={"length": len(vi.name), "limit": limit})

    def _simulator(self, ctx):
        """float16: the build passes, the x86 simulator's inference fails on the name (`simulator_output_name_max`)."""
        limit = ctx.platform.fact("simulator_output_name_max")
        if not isinstance(limit, int):
            return
        seen = ctx.platform.fact_measured("simulator_output_name_max")
        version = version_of(ctx)
        for vi in ctx.view.outputs:
            if len(vi.name) > limit:
                yield Violation(
                    vi.name, f"output name '{vi.name[:40]}...' has {len(vi.name)} characters: the float16 build passes, "
                             f"but rknn-toolkit2 {version if version in seen else ', '.join(seen)}'s simulator "
                             f"(rknn.inference on x86) raised KeyError on output names of more than {limit} "
                             "(docs/facts.md#output-names)" + ("" if version in seen else f"; not measured with {version}"),
                    hint=f"rename the output to at most {limit} characters", severity=Severity.WARNING,
                    data={"length": len(vi.name), "limit": limit, "simulator": True})

