"""Reusable graph rewrites behind `rknnlint fix`: one module per rewrite, each independent of findings."""
from __future__ import annotations

from ._base import (
    EXACT,
    Applicability,
    Rewrite,
    RewriteOptions,
    RewriteRefused,
    RewriteResult,
    Tolerance,
    all_rewrites,
    get_rewrite,
    register_rewrite,
    tags_of,
)

__all__ = [
    "EXACT",
    "Applicability",
    "Rewrite",
    "RewriteOptions",
    "RewriteRefused",
    "RewriteResult",
    "Tolerance",
    "all_rewrites",
    "get_rewrite",
    "register_rewrite",
    "tags_of",
]
