"""Read an ONNX file without writing anything and without following data paths out of its folder."""
from __future__ import annotations

import os
from pathlib import Path

import onnx

from .errors import ModelLoadError
from .prefetch import take as take_prefetched

PROTOBUF_LIMIT = 2**31 - 1


def iter_tensors(graph: onnx.GraphProto):
    """Every stored tensor of a graph and its subgraphs: initializers and tensor attributes (Constant)."""
    yield from graph.initializer
    for node in graph.node:
        for attr in node.attribute:
            if attr.type == onnx.AttributeProto.TENSOR:
                yield attr.t
            elif attr.type == onnx.AttributeProto.GRAPH:
                yield from iter_tensors(attr.g)
            elif attr.type == onnx.AttributeProto.GRAPHS:
                for g in attr.graphs:
                    yield from iter_tensors(g)


def _external_locations(model: onnx.ModelProto) -> list[tuple[str, str]]:
    """(tensor name, location) of every initializer and Constant stored outside the .onnx file."""
    found = []
    for t in iter_tensors(model.graph):
        if t.data_location == onnx.TensorProto.EXTERNAL:
            entries = {e.key: e.value for e in t.external_data}
            found.append((t.name, entries.get("location", "")))
    return found


def check_external_location(model_dir: Path, location: str, tensor: str = "") -> Path:
    """Resolve an external-data location, refusing anything that leaves the model's folder."""
    what = f"external data of '{tensor}'" if tensor else "external data"
    if not location:
        raise ModelLoadError(f"{what} has no location")
    if os.path.isabs(location) or location.startswith(("/", "\\")) or ":" in location[:3]:
        raise ModelLoadError(f"{what} uses an absolute path '{location}'; refused (only files inside the model's folder are read)")
    if ".." in Path(location).parts or ".." in location.replace("\\", "/").split("/"):
        raise ModelLoadError(f"{what} path '{location}' leaves the model's folder; refused")
    base = model_dir.resolve()
    target = (model_dir / location)
    real = Path(os.path.realpath(target))
    if real != base and base not in real.parents:
        raise ModelLoadError(f"{what} path '{location}' resolves outside the model's folder (symlink?); refused")
    if not real.is_file():
        raise ModelLoadError(f"{what} file '{location}' is missing next to the model")
    return real


def load_model(path: str | os.PathLike) -> onnx.ModelProto:
    """Load the graph of an ONNX file; weights stored externally stay on disk until a rule asks for them."""
    p = Path(path)
    if not p.exists():
        raise ModelLoadError(f"{p}: no such file")
    if p.is_dir():
        raise ModelLoadError(f"{p}: is a directory, not an ONNX file")
    size = p.stat().st_size
    if size == 0:
        raise ModelLoadError(f"{p}: empty file, not an ONNX model")
    if size > PROTOBUF_LIMIT:
        raise ModelLoadError(
            f"{p}: {size / 2**30:.1f} GiB in one protobuf file is over the 2 GiB protobuf limit; "
            "save it with external data (onnx.save(..., save_as_external_data=True))")
    data = take_prefetched(p)
    try:
        if data is None:
            with open(p, "rb") as f:
                data = f.read()
    except OSError as e:
        raise ModelLoadError(f"{p}: cannot read: {e.strerror or e}") from None
    model = onnx.ModelProto()
    try:
        model.ParseFromString(data)
    except Exception:
        raise ModelLoadError(f"{p}: not an ONNX model (protobuf parse failed: truncated or not ONNX)") from None
    del data
    if model.ir_version <= 0 or not model.HasField("graph") or not model.opset_import and model.ir_version >= 3:
        raise ModelLoadError(f"{p}: not an ONNX model (no IR version, graph or opset)")
    if len(model.graph.output) == 0:
        raise ModelLoadError(f"{p}: the graph has no outputs; not a usable ONNX model")
    for tensor, location in _external_locations(model):
        check_external_location(p.parent, location, tensor)
    return model
