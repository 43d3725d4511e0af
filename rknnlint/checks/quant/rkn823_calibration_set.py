from __future__ import annotations

from ...finding import Severity
from ...rule import register
from ..toolkit._base import BuildRule


@register
class CalibrationSet(BuildRule):
    """A calibration set too small, with repeated samples, or whose values or shapes do not fit the model.

    What it does:
    `rknnlint build --int8 --dataset FILE` and `rknnlint package --int8 --dataset FILE` read the list before
    building and report, one line each: fewer than 20 samples (with the count), samples whose bytes repeat
    another's, .npy samples whose shape is not the input's, and samples whose value range does not fit the
    mean/std the toolkit applies (float samples already normalized while mean/std expect 0-255 pixels, or
    pixels while mean/std are on a 0-1 scale).

    Why the NPU cares:
    An int8 build takes every activation's range from the calibration samples. Rockchip's user guide
    recommends 20-200 samples covering the real inputs (docs/facts.md#calibration-set); ranges from a
    handful, from repeats, or from values normalized twice miss what the model meets on the board and clip
    it, and the build says nothing.

    Example:
    `calibration set dataset.txt has 4 sample(s); the RKNN SDK user guide asks for 20-200`.

    How to fix:
    List 20 or more distinct samples taken like the real inputs: raw 0-255 pixels when mean/std are given
    (the toolkit normalizes), .npy arrays in the model's NCHW shape. Then check the outputs
    (`--int8-accuracy`): more is not always better. With quantized_algorithm normal each range is the min/max
    over the whole set, so every added sample can only widen it; measured on two real models, 48 samples lost
    more than 12 (docs/int8.md#calibration-set-size).

    Fix safety:
    No automatic fix: the data is the team's.
    """

    code = "RKN823"
    name = "calibration-set"
    severity = Severity.WARNING
