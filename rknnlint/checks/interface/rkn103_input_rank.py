from __future__ import annotations

from ...finding import Severity
from ...rule import Rule, Violation, register
from ...toolkit.versions import toolkit_said


@register
class InputRank(Rule):
    """Model inputs that are 3-D or 5-D (the NPU's native layout is 4-D NCHW).

    What it does:
    Flags graph inputs of rank 3 or 5.

    Why the NPU cares:
    Observed with rknn-toolkit2 2.5.0: a 3-D input [1,16,32] and a 5-D input [2,2,3,16,16] with
    elementwise ops build for rk3588; the toolkit reshapes them to 4-D internally (adds Reshape layers,
    "Tensor x_rs_i1 need parameter qtype" warnings). The input layout then is not NHWC/NCHW, so the
    runtime's layout conversion and mean/std preprocessing do not apply as for images.

    Example:
    A sequence model with input [1, T, C], or a video model with [1, C, T, H, W].

    How to fix:
    Nothing is required; for best speed give the model a 4-D input (e.g. [1, C, 1, T]) and reshape in
    the graph, and set mean/std in your own preprocessing.

    Fix safety:
    Display-only.
    """

    code = "RKN103"
    name = "input-rank"
    severity = Severity.INFO

    def check(self, ctx):
        for vi in ctx.view.inputs:
            r = ctx.view.rank(vi.name)
            if r in (3, 5):
                yield Violation(vi.name, f"input '{vi.name}' is {r}-D; {toolkit_said(ctx)} converts it by reshaping to 4-D, and "
                                "image preprocessing (mean/std, NHWC layout) does not apply",
                                hint="do mean/std yourself; a 4-D input avoids the extra reshape")
