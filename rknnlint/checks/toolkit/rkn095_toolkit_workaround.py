from __future__ import annotations

from ...finding import Severity
from ...rule import register
from ._base import BuildRule


@register
class ToolkitWorkaround(BuildRule):
    """A known toolkit crash that `rknn.config(disable_rules=[...])` avoids: tried, and the outputs compared.

    What it does:
    When a build fails in a fusion pass that rknnlint knows can be switched off safely
    (rknnlint/toolkit/workarounds.py), `rknnlint build` builds again with that pass disabled and compares
    the simulator's outputs with onnxruntime. The finding says whether it builds and whether the outputs
    agree; `--apply-workarounds` keeps the workaround build as the result when they do.

    Why the NPU cares:
    A pass that crashes is an optimisation: without it the model still runs on the NPU, and the numbers
    are checked before the workaround is suggested.

    Example:
    `builds with rknn.config(..., disable_rules=['seperate_conv_rs_split']); outputs agree with onnxruntime
    (cosine 1.000000)` for a stock YOLOv8 export.

    How to fix:
    Add the disable_rules entry to your conversion script (after checking accuracy on real data when the
    outputs were not compared), or remove the pattern with `rknnlint fix`, where the crash rule names a
    rewrite.

    Fix safety:
    Advice: the entry goes into your own conversion script.
    """

    code = "RKN095"
    name = "toolkit-workaround"
    severity = Severity.INFO
