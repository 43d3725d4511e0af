"""rename-names: unique, non-empty node names; interface names without whitespace or control characters."""
from __future__ import annotations

import re

import onnx

from ._base import Applicability, Rewrite, RewriteOptions, RewriteResult, copy_model, register_rewrite
from ._walk import graphs, rename_values

BAD = re.compile(r"[\s\x00-\x1f\x7f]")


@register_rewrite
class RenameNames(Rewrite):
    """rknn-toolkit2 names nodes in its errors and layer table ("The input 0 of NonZero('') ..."): empty or
    duplicate node names make them impossible to trace back. Node names become unique and non-empty
    (safe: nothing computes with node names). With --unsafe-fixes, graph input and output names that hold
    whitespace or control characters are rewritten with '_' (the interface changes, so unsafe). Offered
    on request: --rewrite rename-names."""

    name = "rename-names"
    summary = "unique non-empty node names; interface names without whitespace (unsafe part)"
    applicability = Applicability.DISPLAY_ONLY

    def apply(self, model: onnx.ModelProto, options: RewriteOptions) -> RewriteResult:
        out = copy_model(model)
        used: set[str] = set()
        renamed_nodes = 0
        for g in graphs(out):
            for n in g.node:
                name = n.name
                if not name or name in used:
                    base = name or f"{n.op_type}_{n.output[0] if n.output else 'node'}"
                    k, cand = 1, base
                    while cand in used:
                        k += 1
                        cand = f"{base}_{k}"
                    n.name = cand
                    renamed_nodes += 1
                used.add(n.name)
        renamed: dict[str, str] = {}
        if options.allow_unsafe:
            inits = {t.name for t in out.graph.initializer}
            taken = {o for n in out.graph.node for o in list(n.output) + list(n.input)} | inits
            for vi in list(out.graph.input) + list(out.graph.output):
                if vi.name in inits or not BAD.search(vi.name):
                    continue
                new = BAD.sub("_", vi.name)
                while new in taken:
                    new += "_"
                taken.add(new)
                renamed[vi.name] = new
            rename_values(out, renamed)
        if not renamed_nodes and not renamed:
            return RewriteResult(model, False, ["node names are unique and interface names are clean"])
        notes = []
        if renamed_nodes:
            notes.append(f"{renamed_nodes} node(s) given unique names")
        if renamed:
            notes.append("interface renamed: " + ", ".join(f"'{a}' -> '{b}'" for a, b in renamed.items()))
        return RewriteResult(out, True, notes, extra={"renamed": renamed})
