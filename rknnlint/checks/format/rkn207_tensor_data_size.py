from __future__ import annotations

import math
import os

import onnx
from onnx import TensorProto

from ...finding import Severity
from ...rule import Rule, Violation, register
from ...toolkit.versions import toolkit_said

# Copying a tensor's raw_data to measure it costs as much as reading it (protobuf hands out a copy):
# in-file tensors up to this size are measured one by one; larger ones only when the file is too short
# to hold what all of them declare (see the docstring).
SMALL_BYTES = 1 << 20
_BITS = {TensorProto.INT4: 4, TensorProto.UINT4: 4}
if hasattr(TensorProto, "FLOAT4E2M1"):
    _BITS[TensorProto.FLOAT4E2M1] = 4
# the repeated field a tensor of each type stores its values in when it has no raw_data, and values per element
_FIELD = {
    TensorProto.FLOAT: ("float_data", 1), TensorProto.DOUBLE: ("double_data", 1),
    TensorProto.INT64: ("int64_data", 1), TensorProto.UINT64: ("uint64_data", 1), TensorProto.UINT32: ("uint64_data", 1),
    TensorProto.COMPLEX64: ("float_data", 2), TensorProto.COMPLEX128: ("double_data", 2),
}


def expected_bytes(t: TensorProto) -> int | None:
    """Bytes the tensor's dims and dtype declare; None for types without a fixed size (strings)."""
    if t.data_type in (TensorProto.STRING, TensorProto.UNDEFINED):
        return None
    n = math.prod(t.dims)
    if t.data_type in _BITS:
        return (n * _BITS[t.data_type] + 7) // 8
    try:
        return n * onnx.helper.tensor_dtype_to_np_dtype(t.data_type).itemsize
    except Exception:
        return None


@register
class TensorDataSize(Rule):
    """A stored tensor whose data does not match its declared dims and dtype.

    What it does:
    For every initializer and Constant tensor (subgraphs included), compares the bytes its dims and dtype
    declare with the bytes it has. External data: the data file's size is read with stat (never the file
    itself, so a model with gigabytes of weights costs nothing more); the tensor's `length` entry must equal
    the declared size and offset + size must fit in the file (without a `length`, onnx reads from the
    offset to the end of the file, so the rest of the file must be exactly the declared size). In-file
    tensors: the raw_data length, or the count of typed values (float_data, int64_data, ...), must equal
    the declared size; tensors larger than 1 MiB are measured one by one only when the .onnx file is
    shorter than what they declare in all (protobuf copies raw_data to measure it, which on a 130 MB
    model costs half of reading the model). A missing data file is refused when the model is read
    (exit 2).

    Why the NPU cares:
    rknn-toolkit2 2.5.0 reads every weight with onnx.numpy_helper in load_onnx; external data shorter than
    declared fails there with "ValueError: cannot reshape array of size 40 into shape (3,3,3,3)"
    (observed on rk3588, a Conv weight of 81 floats whose data file holds 40).

    Example:
    A .onnx.data file truncated by an interrupted copy or download, a model moved without its current
    data file, or a hand-edited tensor whose dims were changed without its data.

    How to fix:
    Copy the data file again (compare its size with the original), or re-export the model. To check:
    `python -c "import onnx; onnx.load('m.onnx')"` loads every tensor.

    Fix safety:
    Display-only.
    """

    code = "RKN207"
    name = "tensor-data-size"
    severity = Severity.ERROR

    def check(self, ctx):
        from ...loader import iter_tensors

        view = ctx.view
        base = view.path.parent if view.path else None
        sizes: dict[str, int | None] = {}
        big: list[tuple[TensorProto, int]] = []
        for t in iter_tensors(view.graph):
            want = expected_bytes(t)
            if want is None:
                continue
            if t.data_location == TensorProto.EXTERNAL:
                if base is not None:
                    yield from _external(t, want, base, sizes)
                continue
            field = _FIELD.get(t.data_type)
            typed = len(getattr(t, field[0])) if field else 0
            if not typed and want > SMALL_BYTES and view.path is not None:
                big.append((t, want))
                continue
            yield from _in_file(t, want, field, typed)
        if big and sum(w for _, w in big) > view.path.stat().st_size:
            for t, want in big:
                yield from _in_file(t, want, None, 0)


def _in_file(t: TensorProto, want: int, field, typed: int):
    if typed:
        n = math.prod(t.dims) * field[1]
        if typed != n:
            yield Violation(t.name or None, f"tensor '{t.name}' declares {list(t.dims)} ({n} values) but holds {typed} in "
                                  f"{field[0]}: rknn-toolkit2 cannot read it", hint="re-export the model",
                            data={"tensor": t.name, "declared": n, "stored": typed})
        return
    have = len(t.raw_data)
    if have == want or (have == 0 and _other_fields(t)):  # values in a typed field this rule does not count
        return
    what = f"{have} bytes" if have else "no data"
    dtype = onnx.helper.tensor_dtype_to_string(t.data_type).removeprefix("TensorProto.")
    yield Violation(t.name or None, f"tensor '{t.name}' declares {list(t.dims)} {dtype} ({want} bytes) but holds {what}: "
                                    "rknn-toolkit2 cannot read it (numpy: cannot reshape array)",
                    hint="re-export the model", data={"tensor": t.name, "declared_bytes": want, "stored_bytes": have})


def _other_fields(t: TensorProto) -> bool:
    return any(len(getattr(t, f)) for f in ("float_data", "int32_data", "int64_data", "double_data", "uint64_data",
                                            "string_data"))


def _external(t: TensorProto, want: int, base, sizes: dict[str, int | None]):
    entries = {e.key: e.value for e in t.external_data}
    location = entries.get("location", "")
    if location not in sizes:
        try:
            sizes[location] = os.stat(base / location).st_size
        except OSError:
            sizes[location] = None  # the loader refuses missing files; a rule run on a bare ModelProto skips it
    size = sizes[location]
    if size is None:
        return
    try:
        offset = int(entries.get("offset") or 0)
        length = int(entries["length"]) if entries.get("length") else None
    except ValueError:
        yield Violation(t.name or None, f"tensor '{t.name}': external data entries offset/length are not numbers "
                              f"({entries.get('offset')!r}, {entries.get('length')!r})", hint="re-export the model",
                        data={"tensor": t.name, "file": location})
        return
    declared = f"tensor '{t.name}' declares {list(t.dims)} ({want} bytes)"
    problem = None
    if length is not None and length != want:
        problem = f"but its external data entry says length {length}"
    elif offset + want > size:
        have = max(size - offset, 0)
        problem = f"but '{location}' holds {have} bytes from offset {offset} (the file is {size} bytes)"
    elif length is None and size - offset != want:
        problem = (f"but '{location}' has {size - offset} bytes from offset {offset} to its end, and without a length "
                   "entry onnx reads all of them")
    if problem:
        yield Violation(t.name or None, f"{declared} {problem}: {toolkit_said()} fails in load_onnx (\"cannot reshape "
                              "array of size ...\")",
                        hint=f"copy '{location}' again from where the model came from, or re-export the model",
                        data={"tensor": t.name, "file": location, "declared_bytes": want, "file_bytes": size,
                              "offset": offset, "length": length})
