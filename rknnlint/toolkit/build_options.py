"""The quantization and optimization options of rknn.config() that rknnlint passes through (build flags, the
source config's `quantization:` block, package): validated here, so a bad value is one line (exit 2) before any
build, and the records state exactly what reached rknn.config(). Values: the RKNN.config docstrings (rknn-toolkit2
2.2.0 to 2.5.0: quantized_dtype, quantized_algorithm, quantized_method, float_dtype, optimization_level); what one
version takes, for which target and in which combination (gdq, group{SIZE}) is data measured per version
(`quantization` in rules/toolkit/<version>.yaml), checked by `validate` once the target and version are known."""
from __future__ import annotations

import re
from typing import Any

from ..errors import UsageError

GROUP = re.compile(r"group(\d+)")  # quantized_method group{SIZE} (rknn-toolkit2 2.3.2+)
GROUP_SIZES = tuple(range(32, 257, 32))  # its SIZE: a multiple of 32 in 32..256 (the docstring)

# rknn.config keyword -> (values any known version takes, toolkit default); quantized_method also group{SIZE}
OPTIONS: dict[str, tuple[tuple[Any, ...], Any]] = {
    "quantized_dtype": (("w8a8", "w8a16", "w16a16i_dfp", "w4a16", "w16a16i"), "w8a8"),
    "quantized_algorithm": (("normal", "mmse", "kl_divergence", "gdq"), "normal"),
    "quantized_method": (("layer", "channel") + tuple(f"group{n}" for n in GROUP_SIZES), "channel"),
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


def _shown(values) -> str:
    """The allowed values for a message: group{SIZE} as one entry."""
    plain = [str(v) for v in values if not GROUP.fullmatch(str(v))]
    sizes = [int(GROUP.fullmatch(str(v)).group(1)) for v in values if GROUP.fullmatch(str(v))]
    if sizes:
        plain.append(f"group{{SIZE}} (SIZE {', '.join(map(str, sizes))})")
    return ", ".join(plain)


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
        raise UsageError(f"{where}: expected one of {_shown(allowed)}")
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


def labels(source_opts: dict[str, Any], flag_opts: dict[str, Any], source: str = "source config") -> dict[str, str]:
    """rknn.config keyword -> how the user gave it (`--quantized-dtype w8a16`, `source.yaml: quantization.dtype
    w8a16`), for validate's message."""
    flag_of = {v: k for k, v in FLAGS.items()}
    key_of = {v: k for k, v in SOURCE_KEYS.items()}
    out = {k: f"{source}: quantization.{key_of[k]} {v}" for k, v in source_opts.items() if k in key_of}
    out.update({k: f"{flag_of[k]} {v}" for k, v in flag_opts.items() if k in flag_of})
    return out


def validate(opts: dict[str, Any], target: str, version: str | None = None,
             given: dict[str, str] | None = None) -> None:
    """UsageError (one line) unless rknn-toolkit2 `version` (default: the installed one) takes these int8 options
    for `target`: the quantized_dtype that target builds, the algorithms and methods it knows, gdq only with
    w4a16 / w8a16 and channel / group{SIZE}, group{SIZE} only with w4a16 (`quantization` in
    rules/toolkit/<version>.yaml, measured per version). `given`: keyword -> how the user wrote it (labels())."""
    from .versions import facts

    f = facts(version)
    q = f.quantization
    if q is None:
        return
    given = given or {}
    v = f"rknn-toolkit2 {f.version}"
    dtype = opts.get("quantized_dtype", OPTIONS["quantized_dtype"][1])
    algo = opts.get("quantized_algorithm", OPTIONS["quantized_algorithm"][1])
    method = opts.get("quantized_method", OPTIONS["quantized_method"][1])

    def name(key: str, value: Any) -> str:
        return given.get(key, f"{key} {value}")

    if dtype not in q.dtypes:
        raise UsageError(f"{name('quantized_dtype', dtype)}: expected one of {', '.join(q.dtypes)} ({v})")
    targets = q.dtypes[dtype]
    if targets is not None and target not in targets:
        raise UsageError(f"{name('quantized_dtype', dtype)}: {v} builds quantized_dtype {dtype} for "
                         f"{', '.join(targets)} only, not {target}")
    if algo not in q.algorithms:
        raise UsageError(f"{name('quantized_algorithm', algo)}: expected one of {', '.join(q.algorithms)} ({v})")
    group = GROUP.fullmatch(str(method))
    methods = q.methods + tuple(f"group{n}" for n in q.group_sizes)
    if method not in methods:
        raise UsageError(f"{name('quantized_method', method)}: expected one of {_shown(methods)} ({v})")
    if group and dtype not in q.group_dtypes:
        raise UsageError(f"{name('quantized_method', method)}: {v} takes group{{SIZE}} only with quantized_dtype "
                         f"{' or '.join(q.group_dtypes)}, not {dtype}")
    if algo == "gdq":
        if dtype not in q.gdq_dtypes:
            raise UsageError(f"{name('quantized_algorithm', algo)}: {v} takes gdq only with quantized_dtype "
                             f"{' or '.join(q.gdq_dtypes)}, not {dtype}")
        if ("group" if group else method) not in q.gdq_methods:
            shown = " or ".join("group{SIZE}" if m == "group" else m for m in q.gdq_methods)
            raise UsageError(f"{name('quantized_algorithm', algo)}: {v} takes gdq only with quantized_method "
                             f"{shown}, not {method}")
