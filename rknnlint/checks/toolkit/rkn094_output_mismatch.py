from __future__ import annotations

from ...finding import Severity
from ...rule import register
from ._base import BuildRule


@register
class OutputMismatch(BuildRule):
    """An output of the built model, run in the toolkit's simulator, differs from onnxruntime.

    What it does:
    With `rknnlint build --compare` (and for every workaround build), feeds the same seeded inputs to the
    built model in rknn-toolkit2's simulator and to the ONNX model in onnxruntime, and reports every output
    whose cosine similarity is under the threshold (0.999 for a float build, 0.98 for int8) or whose
    shape differs.

    Why the NPU cares:
    A model can build and still compute something else: a fusion pass or a layout change that goes wrong,
    or int8 quantization that loses an output. The build log says nothing; only running both tells.

    Example:
    `output 'logits' differs from onnxruntime: cosine 0.91, max abs err 3.2`.

    How to fix:
    Find the first layer that differs (rknn.accuracy_analysis in the toolkit); try the build without the
    fusion pass involved (`disable_rules`), in float16 instead of int8, or with calibration data that looks
    like the real inputs (`--dataset`).

    Fix safety:
    No automatic fix.
    """

    code = "RKN094"
    name = "output-mismatch"
    severity = Severity.WARNING
