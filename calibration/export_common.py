"""What the unseen-set exporters (export_unseen3.py ... export_unseen8.py) share: builders and the command line.

Each unseen set is a `specs()` list of export_models.Spec; `run` exports it with export_models.main (same
exporter, manifest and log lines), into `default_out` unless `--out` is given.
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, Callable

sys.path.insert(0, str(Path(__file__).resolve().parent))
import export_models as em  # noqa: E402
from export_models import Spec, _timm  # noqa: E402


def _timm_sz(name: str, size: int, **kw) -> Callable[[], tuple[Any, tuple]]:
    """A timm model built for a smaller input than its default (img_size passed to the constructor)."""
    return _timm(name, size, img_size=size, **kw)


def _timm_rect(name: str, h: int, w: int, **kw) -> Callable[[], tuple[Any, tuple]]:
    """A timm convnet fed a non-square h x w input (any size its strides accept)."""
    def build():
        import timm
        import torch

        return timm.create_model(name, pretrained=False, **kw).eval(), (torch.randn(1, 3, h, w),)

    return build


def cbr(i: int, o: int, k: int = 3, s: int = 1, g: int = 1, act: Any = None, d: int = 1) -> Any:
    """Conv (no bias, 'same' padding for odd k) + BatchNorm2d + activation (ReLU unless given); torch imported here."""
    from torch import nn

    return nn.Sequential(nn.Conv2d(i, o, k, s, d * (k // 2), dilation=d, groups=g, bias=False), nn.BatchNorm2d(o),
                         (act or nn.ReLU)())


def rms_norm(d: int, eps: float = 1e-6) -> Any:
    """LLaMA's RMSNorm over the last axis, w * x / sqrt(mean(x^2) + eps), as decoder-step exports write it; torch
    imported here."""
    import torch
    from torch import nn

    class RMSNorm(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.w = nn.Parameter(torch.ones(d))

        def forward(self, x):
            return self.w * x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + eps)

    return RMSNorm()


def hf_outputs(model: Any, keys: list[str], arg_names: tuple[str, ...] = ()) -> Any:
    """A Hugging Face model returning the named fields of its output as plain tensors (one, or a tuple), in eval mode.

    The exporters want tensors, not ModelOutput objects; the model stays attribute `m`, so node names read `/m/...`.
    With `arg_names` the inputs are passed by keyword (for forwards whose positional order puts other inputs between).
    """
    from torch import nn

    class Wrap(nn.Module):
        def __init__(self, m, keys) -> None:
            super().__init__()
            self.m, self.keys = m, keys

        def forward(self, *args):
            out = self.m(**dict(zip(arg_names, args))) if arg_names else self.m(*args)
            return tuple(out[k] for k in self.keys) if len(self.keys) > 1 else out[self.keys[0]]

    return Wrap(model, keys).eval()


def run(specs: Callable[[], list[Spec]], default_out: str, argv: list[str]) -> int:
    """Export `specs()` with export_models.main; `--out` defaults to `default_out`."""
    em.specs = specs  # export_models.main exports whatever specs() returns, with its manifest and log lines
    return em.main(argv + ([] if any(a.startswith("--out") for a in argv) else ["--out", default_out]))
