"""What the int8 rules share: whether the run builds int8, which quantized_method it uses, the measured
thresholds, and the advice."""
from __future__ import annotations

from ...int8_ranges import measured, threshold

DEFAULT_METHOD = "channel"  # rknn.config quantized_method default (rknn-toolkit2 2.5.0 docstring)
DOC = "docs/int8-hazards.md"
HYBRID = ("(hybrid quantization: `rknnlint build --int8 --dataset FILE --int8-accuracy 0.99` keeps the fewest "
          "layers in float16; `--analyze` shows where accuracy is lost)")


def builds_int8(ctx) -> bool:
    """True for an int8 build: --dtype int8, or a family that builds nothing else (rv1103/rv1106)."""
    return ctx.quantized or ctx.platform.fact("fp16_build", True) is False


def method_of(ctx) -> str:
    """The quantized_method the build uses: the source config's `quantization: {method: ...}`, else the default."""
    src = ctx.source
    q = getattr(src, "quantization", None) or {}
    m = str(q.get("method") or DEFAULT_METHOD)
    return m if m in ("layer", "channel") else DEFAULT_METHOD


def limit(ctx, kind: str, method: str, stat: str) -> float | None:
    return threshold(kind, method, stat, ctx.lint.rules_dir or None)


def measured_with(ctx) -> str:
    """'rknn-toolkit2 2.5.0 rk3588' from rules/int8/hazards.yaml: what the thresholds were measured with."""
    m = measured(ctx.lint.rules_dir or None)
    return f"rknn-toolkit2 {m.get('toolkit', '?')} {m.get('target', '?')}"
