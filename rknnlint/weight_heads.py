"""The first bytes of a large weight, read from the model file: `TensorProto.raw_data` copies the whole tensor
(about 0.15 s per 100 MB), and the checks that ask whether a weight is all zeros (RKN306, the zero-weight branch
fold of the placement motifs) reject trained or random weights on their first bytes."""
from __future__ import annotations

import mmap

HEAD = 64  # bytes looked at before a whole weight is read: nonzero weights are rejected there
FROM_FILE = 1 << 20  # bytes: a larger weight's first bytes are read from the model file, not from memory


def file_heads(view) -> FileHeads:
    """The view's one FileHeads (the file's offsets are indexed once per check, whoever asks first)."""
    heads = view.__dict__.get("_file_heads")
    if heads is None:
        heads = view.__dict__["_file_heads"] = FileHeads(view.path)
    return heads


class FileHeads:
    """The first bytes of large initializers' raw_data, read from the model file. `TensorProto.raw_data`
    copies the whole weight (about 0.15 s per 100 MB, most of a check's time on a large model when read for every weight); the file
    read takes 64 bytes. The offsets come from one walk over the protobuf wire format of the file (mmap,
    nothing copied; nodes are skipped by their length): ModelProto.graph = 7, GraphProto.initializer = 5,
    TensorProto dims = 1, data_type = 2, name = 8, raw_data = 9. A tensor whose name, type or dims differ
    from the file's gets no head (the model in memory is not the file's)."""

    def __init__(self, path):
        self.path = path
        self._index: dict[str, tuple[int, tuple[int, ...], int, int]] | None = None

    def head(self, t) -> bytes | None:
        if self.path is None:
            return None
        if self._index is None:
            try:
                self._index = _raw_data_index(self.path)
            except (OSError, ValueError, IndexError):
                self._index = {}
        loc = self._index.get(t.name)
        if loc is None or loc[0] != t.data_type or loc[1] != tuple(t.dims):
            return None
        try:
            with open(self.path, "rb") as f:
                f.seek(loc[2])
                return f.read(min(loc[3], HEAD))
        except OSError:
            return None


def _varint(b, pos: int) -> tuple[int, int]:
    out = shift = 0
    while True:
        c = b[pos]
        pos += 1
        out |= (c & 0x7F) << shift
        if c < 0x80:
            return out, pos
        shift += 7


def _fields(b, pos: int, end: int):
    """(field number, wire type, value) of each field of the message in b[pos:end]; the value of a
    length-delimited field is its (start, end)."""
    while pos < end:
        key, pos = _varint(b, pos)
        wt = key & 7
        if wt == 0:
            v, pos = _varint(b, pos)
        elif wt == 2:
            n, pos = _varint(b, pos)
            v, pos = (pos, pos + n), pos + n
        elif wt in (1, 5):
            v, pos = None, pos + (8 if wt == 1 else 4)
        else:
            raise ValueError("unsupported wire type")
        yield key >> 3, wt, v
    if pos != end:
        raise ValueError("truncated message")


def _raw_data_index(path) -> dict[str, tuple[int, tuple[int, ...], int, int]]:
    """name -> (data_type, dims, offset, length) of the raw_data of each main-graph initializer in the file."""
    index: dict[str, tuple[int, tuple[int, ...], int, int]] = {}
    twice: set[str] = set()
    with open(path, "rb") as f, mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as b:
        for field, wt, graph in _fields(b, 0, len(b)):
            if field != 7 or wt != 2:
                continue
            for gfield, gwt, tensor in _fields(b, *graph):
                if gfield != 5 or gwt != 2:
                    continue
                name, dtype, dims, raw = None, 0, [], None
                for tfield, twt, v in _fields(b, *tensor):
                    if tfield == 8 and twt == 2:
                        name = bytes(b[v[0]:v[1]]).decode("utf-8", "replace")
                    elif tfield == 2 and twt == 0:
                        dtype = v
                    elif tfield == 1 and twt == 0:
                        dims.append(v)
                    elif tfield == 1 and twt == 2:  # packed dims
                        p = v[0]
                        while p < v[1]:
                            d, p = _varint(b, p)
                            dims.append(d)
                    elif tfield == 9 and twt == 2:
                        raw = v
                if name is None or raw is None:
                    continue
                if name in index or name in twice:
                    twice.add(name)
                    index.pop(name, None)
                    continue
                index[name] = (dtype, tuple(dims), raw[0], raw[1] - raw[0])
    return index
