"""Channel alignment tables per target and build dtype (from the platform facts)."""
from __future__ import annotations

from ...context import RuleContext

# Tables 8-1..8-4 have no row for these families; Table 5-1's C2 is used instead (User Guide V2.3.0 5.1).
_KEYS = ("conv_in", "conv_out", "depthwise", "other")


def alignment(ctx: RuleContext) -> tuple[dict[str, int], str, str]:
    """({conv_in, conv_out, depthwise, other} -> multiple, dtype used, source) for the context's target.

    The build dtype's DDR table (Tables 8-1..8-4) when the family has one, else C2 (Table 5-1) for every
    kind; a family that cannot build the requested dtype (RV1106: no fp16) uses the dtype it can build.
    """
    p = ctx.platform
    order = [ctx.dtype] + [d for d in ("int8", "float16") if d != ctx.dtype]
    for dtype in order:
        table = p.alignment(dtype)
        if table and all(k in table for k in _KEYS):
            return {k: int(table[k]) for k in _KEYS}, dtype, p.fact_source("ddr_alignment") or "User Guide Tables 8-1..8-4"
    for dtype in order:
        c2 = p.c2(dtype)
        if c2:
            return {k: int(c2) for k in _KEYS}, dtype, p.fact_source("c2") or "User Guide Table 5-1 (C2)"
    return {}, ctx.dtype, ""


def padded(c: int, multiple: int) -> int:
    return -(-c // multiple) * multiple
