"""The finding record: what a rule reports, where, and how bad it is."""
from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any


class Severity(enum.IntEnum):
    """How bad a finding is; one meaning everywhere.

    error: rknn-toolkit2 refuses or crashes on this model for this target.
    warning: it converts, at a cost (CPU fallback, slow op, accuracy risk).
    info: advice.
    """

    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, text: str) -> Severity:
        try:
            return cls[text.strip().upper()]
        except KeyError:
            from .errors import UsageError

            raise UsageError(f"unknown severity {text!r}; expected error, warning or info") from None

    def __str__(self) -> str:
        return self.name.lower()


class Status(str, enum.Enum):
    """Whether the rule could decide: `fail` is a real finding, `unknown` means a shape or value was missing."""

    FAIL = "fail"
    UNKNOWN = "unknown"


@dataclass(frozen=True, order=True)
class Location:
    """Where a finding points: a node (by index path into subgraphs), a tensor, a graph input, or the model."""

    graph_path: tuple[str, ...] = ()  # e.g. ("node[3](If, 'cond')", "then_branch") for subgraphs
    node_index: int = -1
    op_type: str = ""
    node_name: str = ""
    tensor: str = ""  # a value name (graph input, output or initializer) when the finding is not about a node

    @property
    def kind(self) -> str:
        if self.node_index >= 0:
            return "node"
        if self.tensor:
            return "value"
        return "model"

    def __str__(self) -> str:
        parts = ["graph"] + [p for p in self.graph_path]
        prefix = "/".join(parts)
        if self.node_index >= 0:
            return f'{prefix}:node[{self.node_index}]({self.op_type}, "{self.node_name}")'
        if self.tensor:
            return f'{prefix}:value("{self.tensor}")'
        return prefix

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": str(self),
            "graph_path": list(self.graph_path),
            "node_index": self.node_index if self.node_index >= 0 else None,
            "op_type": self.op_type or None,
            "node_name": self.node_name or None,
            "tensor": self.tensor or None,
        }


@dataclass(frozen=True)
class Finding:
    """One rule violation in one model for one target, ready for a formatter."""

    code: str
    name: str
    severity: Severity
    message: str
    location: Location
    hint: str = ""
    status: Status = Status.FAIL
    target: str = ""
    model: str = ""
    fix: str | None = None  # name of the rewrite that can fix this
    fix_applicability: str | None = None  # safe | unsafe | display-only
    data: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def sort_key(self) -> tuple:
        return (self.model, self.target, self.location.graph_path, self.location.node_index,
                self.location.tensor, self.code, self.message)

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "severity": str(self.severity),
            "status": self.status.value,
            "message": self.message,
            "hint": self.hint or None,
            "location": self.location.to_dict(),
            "target": self.target,
            "model": self.model,
            "fix": {"rewrite": self.fix, "applicability": self.fix_applicability} if self.fix else None,
            "data": self.data or None,
        }
