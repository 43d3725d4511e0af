"""JSON report (schema in docs/json-schema.md; `schema_version` changes when a field changes meaning)."""
from __future__ import annotations

import json


def render(report, stream, **_) -> None:
    json.dump(report.to_dict(), stream, indent=2, sort_keys=False)
    stream.write("\n")
