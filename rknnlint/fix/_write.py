"""Loading a model with its weights, and writing results atomically (temp file + rename)."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

import onnx

from ..errors import UsageError

EXTERNAL_THRESHOLD = 1_800_000_000  # bytes: above this a model is written with external data anyway


def load_full(path: Path) -> tuple[onnx.ModelProto, list[Path]]:
    """The model with every external tensor read into memory (from inside its folder only), and the
    external data files it used."""
    from ..loader import _external_locations, check_external_location, load_model

    model = load_model(path)
    files = sorted({check_external_location(path.parent, loc, t) for t, loc in _external_locations(model)})
    if files:
        onnx.load_external_data_for_model(model, str(path.parent))
    return model, files


def default_output(src: Path) -> Path:
    stem = src.name[:-5] if src.name.endswith(".onnx") else src.name
    return src.with_name(f"{stem}.rknn-ready.onnx")


def tail_path(src: Path, out: Path) -> Path:
    stem = src.name[:-5] if src.name.endswith(".onnx") else src.name
    return out.with_name(f"{stem}.postprocess.onnx")


def _data_name(out: Path, protected: list[Path]) -> str:
    """The external data file name for `out`: '<name>.data', never one of the input's data files."""
    base = f"{out.name}.data"
    name, k = base, 1
    taken = {p.resolve() for p in protected}
    while (out.parent / name).resolve() in taken:
        k += 1
        name = f"{out.name}.{k}.data"
    return name


def write_model(model: onnx.ModelProto, out: Path, external: bool, protected: list[Path]) -> list[Path]:
    """Write atomically: into a temp folder beside `out`, then rename (data file first, so the model never
    points at missing data). Returns the files written. `protected`: data files that must not be replaced."""
    parent = out.parent if str(out.parent) else Path(".")
    if not parent.is_dir():
        raise UsageError(f"{out}: folder {parent} does not exist")
    external = external or model.ByteSize() > EXTERNAL_THRESHOLD
    try:
        tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=parent))
    except OSError as e:
        raise UsageError(f"{out}: cannot write: {e.strerror}") from None
    written: list[Path] = []
    try:
        m = onnx.ModelProto()
        m.CopyFrom(model)
        tmp_model = tmp / out.name
        if external:
            data = _data_name(out, protected)
            onnx.save_model(m, str(tmp_model), save_as_external_data=True, all_tensors_to_one_file=True,
                            location=data, size_threshold=1024)
            if (tmp / data).exists():
                os.replace(tmp / data, parent / data)
                written.append(parent / data)
        else:
            onnx.save_model(m, str(tmp_model))
        os.replace(tmp_model, out)
        written.insert(0, out)
    except OSError as e:
        raise UsageError(f"{out}: cannot write: {e.strerror or e}") from None
    finally:
        for p in tmp.iterdir() if tmp.exists() else []:
            p.unlink()
        if tmp.exists():
            tmp.rmdir()
    return written
