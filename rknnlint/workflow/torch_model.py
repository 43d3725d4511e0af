"""Reading a trained PyTorch model from what users have: a factory in a .py file, a pickled nn.Module, a
TorchScript file, or an ultralytics checkpoint.

Phase 1 (`rknnlint package-pt`) and phase 2 (`rknnlint export`) both start here, so both see the same module.
torch (and ultralytics, for its checkpoints) is imported inside the functions: `rknnlint check` never
imports this module's dependencies. Unpickling a checkpoint runs code from it: only open your own files
(docs/security.md).
"""
from __future__ import annotations

import importlib.util
import sys
import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import UsageError


class TorchModelError(UsageError):
    """The model spec names no file, no factory, or something that is not a torch model (exit 2)."""


@dataclass
class TorchModel:
    """A loaded model in eval mode. kind: 'module' (factory or class in a .py file), 'pickle' (a saved
    nn.Module), 'torchscript' or 'ultralytics'; meta: what the checkpoint says about itself (ultralytics:
    class names, image size)."""

    module: Any
    kind: str
    spec: str
    files: list[Path] = field(default_factory=list)  # the files the model was read from (copied into packages)
    meta: dict[str, Any] = field(default_factory=dict)


def import_torch():
    try:
        import torch
    except ImportError:
        raise TorchModelError("this command needs PyTorch (pip install torch); rknn-toolkit2 installs it too") from None
    return torch


def split_spec(spec: str) -> tuple[Path, str | None]:
    """'models/net.py:build' -> (Path('models/net.py'), 'build'); 'best.pt' -> (Path('best.pt'), None)."""
    path, sep, name = spec.rpartition(":")
    if sep and path.endswith(".py") and name.isidentifier():
        return Path(path), name
    return Path(spec), None


def load(spec: str, weights: str | None = None) -> TorchModel:
    """The model `spec` names, in eval mode on the CPU; TorchModelError (one line, exit 2) for bad input."""
    torch = import_torch()
    path, name = split_spec(spec)
    if not path.is_file():
        raise TorchModelError(f"{path}: no such file")
    if path.suffix == ".py":
        if name is None:
            raise TorchModelError(f"{spec}: name the factory or class, e.g. {path}:build_model")
        tm = _from_python(torch, path, name, spec)
    elif _is_torchscript(path):
        if weights:
            raise TorchModelError("--weights applies to a model built by a .py factory, not to a TorchScript file")
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # torch 2.13 marks torch.jit deprecated; the files still load
                tm = TorchModel(torch.jit.load(str(path), map_location="cpu"), "torchscript", spec, [path])
        except Exception as e:  # noqa: BLE001 - torch raises RuntimeError and friends with many lines
            raise TorchModelError(f"{path}: cannot load TorchScript: {first_line(e)}") from None
    else:
        if weights:
            raise TorchModelError("--weights applies to a model built by a .py factory (give FILE.py:NAME)")
        tm = _from_pickle(torch, path, spec)
    if weights:
        _load_weights(torch, tm.module, Path(weights))
        tm.files.append(Path(weights))
    tm.module.eval()
    if tm.kind != "torchscript":
        tm.module.float()
    return tm


def first_line(e: BaseException) -> str:
    text = next((ln.strip() for ln in str(e).splitlines() if ln.strip()), "")
    return f"{type(e).__name__}: {text}"[:300] if text else type(e).__name__


def _is_module(torch, obj) -> bool:
    return isinstance(obj, (torch.nn.Module, torch.jit.ScriptModule))


def _from_python(torch, path: Path, name: str, spec: str) -> TorchModel:
    folder = str(path.resolve().parent)
    mod_name = f"_rknnlint_user_{path.stem}"
    sys.path.insert(0, folder)  # the file's own imports of its neighbours work as in a training script
    try:
        loader_spec = importlib.util.spec_from_file_location(mod_name, path)
        module = importlib.util.module_from_spec(loader_spec)
        try:
            loader_spec.loader.exec_module(module)
        except Exception as e:  # noqa: BLE001 - the user's file: any error is theirs, in one line
            raise TorchModelError(f"{path}: cannot import: {first_line(e)}") from None
        obj = getattr(module, name, None)
        if obj is None:
            raise TorchModelError(f"{path}: has no '{name}'")
        if not _is_module(torch, obj):
            if not callable(obj):
                raise TorchModelError(f"{spec}: '{name}' is neither a torch module nor a factory")
            try:
                obj = obj()
            except Exception as e:  # noqa: BLE001
                raise TorchModelError(f"{spec}: calling {name}() failed: {first_line(e)}") from None
    finally:
        sys.path.remove(folder)
    if not _is_module(torch, obj):
        raise TorchModelError(f"{spec}: {name}() returned {type(obj).__name__}, not a torch.nn.Module")
    return TorchModel(obj, "module", spec, [path])


def _is_torchscript(path: Path) -> bool:
    """torch.jit.save writes a zip with code/ and constants.pkl; torch.save's zip has data.pkl only."""
    if not zipfile.is_zipfile(path):
        return False
    try:
        with zipfile.ZipFile(path) as z:
            names = z.namelist()
    except (OSError, zipfile.BadZipFile):
        return False
    return any(n.endswith("/constants.pkl") or "/code/" in n for n in names)


def _from_pickle(torch, path: Path, spec: str) -> TorchModel:
    try:
        obj = torch.load(str(path), map_location="cpu", weights_only=False)
    except ModuleNotFoundError as e:
        top = (e.name or "").split(".")[0]
        if top == "ultralytics":
            raise TorchModelError(f"{path}: an ultralytics checkpoint; reading it needs ultralytics "
                                  "(pip install ultralytics)") from None
        raise TorchModelError(f"{path}: the pickled model's classes come from module '{e.name}', which is not "
                              "importable here (run from the training code's folder, or give FILE.py:NAME "
                              "with --weights)") from None
    except Exception as e:  # noqa: BLE001 - not a torch file: pickle, zip and tensor errors alike
        raise TorchModelError(f"{path}: not a PyTorch checkpoint: {first_line(e)}") from None
    if _is_module(torch, obj):
        return TorchModel(obj, "pickle", spec, [path])
    if isinstance(obj, dict):
        inner = obj.get("ema") if obj.get("ema") is not None else obj.get("model")
        if _is_module(torch, inner) and type(inner).__module__.startswith("ultralytics"):
            return _ultralytics(inner, obj, spec, path)
        if _is_module(torch, inner):
            return TorchModel(inner, "pickle", spec, [path])
        if obj and all(isinstance(v, torch.Tensor) for v in obj.values()) or "state_dict" in obj:
            raise TorchModelError(f"{path}: holds weights only (a state_dict): give the model's factory as "
                                  f"FILE.py:NAME --weights {path}")
    raise TorchModelError(f"{path}: holds a {type(obj).__name__}, not a torch.nn.Module")


def _ultralytics(model, ckpt: dict, spec: str, path: Path) -> TorchModel:
    """An ultralytics checkpoint's model, switched to its export mode (the head returns one tensor, with
    fixed anchors), as ultralytics' own exporter does before torch.onnx.export."""
    for m in model.modules():
        if hasattr(m, "export"):
            m.export = True
        if hasattr(m, "format"):
            m.format = "onnx"
        if hasattr(m, "dynamic"):
            m.dynamic = False
    meta: dict[str, Any] = {}
    names = getattr(model, "names", None)
    if isinstance(names, dict):
        meta["class_names"] = [str(names[k]) for k in sorted(names)]
    elif isinstance(names, (list, tuple)):
        meta["class_names"] = [str(n) for n in names]
    imgsz = (ckpt.get("train_args") or {}).get("imgsz")
    if isinstance(imgsz, int):
        meta["imgsz"] = [imgsz, imgsz]
    elif isinstance(imgsz, (list, tuple)) and len(imgsz) == 2:
        meta["imgsz"] = [int(imgsz[0]), int(imgsz[1])]
    meta["task"] = getattr(model, "task", None)
    return TorchModel(model, "ultralytics", spec, [path], meta)


def _load_weights(torch, module, path: Path) -> None:
    if not path.is_file():
        raise TorchModelError(f"{path}: no such file")
    try:
        sd = torch.load(str(path), map_location="cpu", weights_only=True)
    except Exception as e:  # noqa: BLE001
        raise TorchModelError(f"{path}: not a state_dict file: {first_line(e)}") from None
    if isinstance(sd, dict) and isinstance(sd.get("state_dict"), dict):
        sd = sd["state_dict"]
    if not isinstance(sd, dict):
        raise TorchModelError(f"{path}: holds a {type(sd).__name__}, not a state_dict")
    try:
        module.load_state_dict(sd, strict=True)
    except RuntimeError as e:
        raise TorchModelError(f"{path}: does not fit the model: {first_line(e)}") from None


def ultralytics_defaults(tm: TorchModel) -> dict[str, Any]:
    """The source config an ultralytics model implies (its preprocessing is fixed by ultralytics: RGB,
    0..255 divided by 255, letterbox with grey 114), for what the user's metadata leaves out."""
    if tm.kind != "ultralytics":
        return {}
    h, w = tm.meta.get("imgsz") or [640, 640]
    d: dict[str, Any] = {"inputs": [{"name": "images", "shape": [1, 3, h, w]}], "layout": "NCHW",
                         "color_order": "RGB", "mean": [0, 0, 0], "std": [255, 255, 255],
                         "padding_color": [114, 114, 114], "preprocess": {"method": "letterbox", "interpolation": "linear"}}
    if tm.meta.get("class_names"):
        d["class_names"] = tm.meta["class_names"]
    return d
