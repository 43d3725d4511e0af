from __future__ import annotations

from ...finding import Severity
from ...rule import register
from ._base import BuildRule


@register
class BuildFailed(BuildRule):
    """The real rknn-toolkit2 build (or export) failed with an error no static rule predicts.

    What it does:
    Reported by `rknnlint build` and `rknnlint check --build` when load_onnx, build or export_rknn returns an
    error or raises, and the message does not map to a static rule (a known message is reported under that
    rule's code instead: RKN201 for the opset, RKN101 for a dynamic input, RKN704 for a known pass crash...).
    The finding carries the toolkit's first error line, and the fusion pass (`_p_...`) or the
    `disable_rules` entry the toolkit named, when it named one.

    Why the NPU cares:
    A model the toolkit cannot build never reaches the board. A failure that no rule predicted is a gap in
    rknnlint's static rules: the build log (its path is in the report) tells what the toolkit refused.

    Example:
    `build: The shape of '/Transpose_1_output_0' is (0, 1), it is abnormal!` on a YOLOv8 export with NMS.

    How to fix:
    Read the error line and the log; see docs/errors.md for the messages rknnlint knows. When the toolkit
    suggests `rknn.config(disable_rules=[...])`, `rknnlint build` tries it (RKN095).

    Fix safety:
    No automatic fix: what to change depends on the error.
    """

    code = "RKN090"
    name = "build-failed"
    severity = Severity.ERROR
