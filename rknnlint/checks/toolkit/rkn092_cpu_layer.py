from __future__ import annotations

from ...finding import Severity
from ...rule import register
from ._base import BuildRule


@register
class CpuLayer(BuildRule):
    """A layer of the built model runs on the CPU (from the compiler's layer table).

    What it does:
    Reads the native compiler's "Network Layer Information Table" of a successful build and reports every
    layer whose Target is CPU (the input and output operators excepted), mapped back to the ONNX node it
    came from, or to the node next to which the toolkit inserted it (a Reshape before a graph output).

    Why the NPU cares:
    A CPU layer makes the data leave the NPU, cross DDR and come back: one round trip per CPU island, often
    costing more than the op itself. The table is the toolkit's own placement, so this is what the board
    will do, unlike the static rules' prediction.

    Example:
    `TopK '/post/TopK' runs on the CPU (layer 212 TopK, (1,8400) -> (1,100))`.

    How to fix:
    See the static finding on the same node (`rknnlint check`), which names a rewrite or a cut where one
    exists; post-processing is usually best moved out of the model (`rknnlint fix --cut-head auto`).
    `--ignore RKN092` hides these findings when the CPU layers are expected.

    Fix safety:
    No automatic fix from the build: the static rules carry the rewrites.
    """

    code = "RKN092"
    name = "cpu-layer"
    severity = Severity.WARNING
