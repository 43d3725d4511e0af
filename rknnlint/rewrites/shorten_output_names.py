"""shorten-output-names: output names longer than rknn-toolkit2 takes, cut to the limit with a digest."""
from __future__ import annotations

import hashlib
import json

import onnx

from ._base import Applicability, Rewrite, RewriteOptions, RewriteResult, copy_model, register_rewrite
from ._walk import graphs, rename_values

META = "rknnlint.renamed"  # metadata_props: {new name: old name} of the outputs renamed


@register_rewrite
class ShortenOutputNames(Rewrite):
    """An output named with more than 127 characters (`int8_output_name_max`; openWakeWord's timer head names its
    output with its JSON label map) fails the int8 build with a KeyError in the quantizer, and the float16 build's
    x86 simulator raises the same KeyError in rknn.inference() (RKN105, docs/facts.md#output-names). The name is
    cut to the limit, ending in '_' and 8 hex digits of the whole name's SHA-1; the old names are kept in
    metadata_props `rknnlint.renamed` ({new: old}). Unsafe: the interface name changes (the numbers do not)."""

    name = "shorten-output-names"
    summary = "cut output names longer than 127 characters (old names kept in metadata_props)"
    applicability = Applicability.UNSAFE

    def apply(self, model: onnx.ModelProto, options: RewriteOptions) -> RewriteResult:
        limit = options.max_output_name
        long = [o.name for o in model.graph.output if len(o.name) > limit]
        if not long:
            return RewriteResult(model, False, [f"no output name is longer than {limit} characters"])
        out = copy_model(model)
        taken = {o for g in graphs(out) for n in g.node for o in list(n.output) + list(n.input)}
        taken |= {t.name for t in out.graph.initializer} | {vi.name for vi in out.graph.input}
        renamed: dict[str, str] = {}
        for name in long:
            new = name[:limit - 9] + "_" + hashlib.sha1(name.encode()).hexdigest()[:8]
            while new in taken:
                new = new[:-1] + "_"
            taken.add(new)
            renamed[name] = new
        rename_values(out, renamed)
        old = {p.key: p for p in out.metadata_props}.get(META)
        kept = {**(json.loads(old.value) if old is not None else {}), **{b: a for a, b in renamed.items()}}
        if old is None:
            old = out.metadata_props.add()
            old.key = META
        old.value = json.dumps(kept)
        return RewriteResult(out, True, [f"output '{a[:40]}...' ({len(a)} characters) -> '{b}'" for a, b in renamed.items()],
                             extra={"renamed": renamed})
