"""The quantization and optimization options of rknn.config() that rknnlint passes through (build flags, the
source config's `quantization:` block, package): validated once here, so a bad value is one line (exit 2)
before any build, and the records state exactly what reached rknn.config(). Values: rknn-toolkit2 2.5.0
RKNN.config docstring (quantized_dtype, quantized_algorithm, quantized_method, float_dtype, optimization_level)."""
from __future__ import annotations

from typing import Any

from ..errors import UsageError

# rknn.config keyword -> (allowed values, toolkit default)
OPTIONS: dict[str, tuple[tuple[Any, ...], Any]] = {
    "quantized_dtype": (("w8a8", "w8a16", "w16a16i_dfp", "w4a16"), "w8a8"),
    "quantized_algorithm": (("normal", "mmse", "kl_divergence"), "normal"),
    "quantized_method": (("layer", "channel"), "channel"),
    "optimization_level": ((0, 1, 2, 3), 3),
    "quant_img_RGB2BGR": ((False, True), False),
    "float_dtype": (("float16",), "float16"),
}
INT8_ONLY = ("quantized_dtype", "quantized_algorithm", "quantized_method", "quant_img_RGB2BGR")

# the source config's `quantization:` keys -> rknn.config keywords
SOURCE_KEYS = {"dtype": "quantized_dtype", "algorithm": "quantized_algorithm", "method": "quantized_method",
               "optimization_level": "optimization_level", "float_dtype": "float_dtype"}

# `rknnlint build` flags -> rknn.config keywords
FLAGS = {"--quantized-dtype": "quantized_dtype", "--quantized-algorithm": "quantized_algorithm",
         "--quantized-method": "quantized_method", "--optimization-level": "optimization_level",
         "--float-dtype": "float_dtype"}


def check(key: str, value: Any, where: str) -> Any:
    """The value as rknn.config wants it, or UsageError naming `where` (a flag or a config key)."""
    allowed, _default = OPTIONS[key]
    if key == "optimization_level":
        try:
            value = int(str(value))
        except ValueError:
            value = None
    elif key == "quant_img_RGB2BGR":
        value = value if isinstance(value, bool) else None
    else:
        value = str(value)
    if value not in allowed:
        raise UsageError(f"{where}: expected one of {', '.join(str(a) for a in allowed)}")
    return value


def from_source(quantization: dict[str, Any], color_order: str, where: str) -> dict[str, Any]:
    """rknn.config keywords from a source config's `quantization:` block and colour order."""
    opts: dict[str, Any] = {}
    for k, v in (quantization or {}).items():
        if k not in SOURCE_KEYS:
            raise UsageError(f"{where}: unknown quantization key '{k}' (known: {', '.join(SOURCE_KEYS)})")
        opts[SOURCE_KEYS[k]] = check(SOURCE_KEYS[k], v, f"{where}: quantization.{k} {v!r}")
    if color_order == "BGR":
        opts["quant_img_RGB2BGR"] = True
    return opts


def from_args(args) -> dict[str, Any]:
    """rknn.config keywords from the `rknnlint build` flags that were given."""
    opts: dict[str, Any] = {}
    for flag, key in FLAGS.items():
        v = getattr(args, flag[2:].replace("-", "_"), None)
        if v is not None:
            opts[key] = check(key, v, f"{flag} {v}")
    if getattr(args, "quant_img_rgb2bgr", False):
        opts["quant_img_RGB2BGR"] = True
    return opts


def effective(opts: dict[str, Any], dtype: str) -> dict[str, Any]:
    """Every option with the value the build really uses (given, else the toolkit's default); the int8-only ones
    only for an int8 build, where they mean something."""
    return {k: opts.get(k, default) for k, (_allowed, default) in OPTIONS.items()
            if dtype == "int8" or k not in INT8_ONLY}
