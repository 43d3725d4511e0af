"""What a rule sees: the model view, the target's platform facts and the build options."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .graph import ModelView
from .platforms import OpFact, Platform


@dataclass
class LintContext:
    """One model checked for one target. `dtype` is the build the user plans: float16 or int8."""

    view: ModelView
    platform: Platform
    target: str
    dtype: str = "float16"
    # workflow.source.SourceConfig when `check --source` is given (set through workflow.source.use_source)
    source: Any = field(default_factory=lambda: _active_source())

    @property
    def family(self) -> str:
        return self.platform.family

    def placement(self, op_type: str) -> OpFact | None:
        return self.platform.op(op_type)

    @property
    def quantized(self) -> bool:
        return self.dtype == "int8"


def _active_source():
    from .workflow.source import active_source

    return active_source()
