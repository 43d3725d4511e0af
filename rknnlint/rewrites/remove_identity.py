"""remove-identity: an Identity between two computed tensors is dropped; its readers read its input."""
from __future__ import annotations

import onnx

from ._base import Applicability, Rewrite, RewriteOptions, RewriteResult, copy_model, register_rewrite, tag
from ._walk import _used_inside


@register_rewrite
class RemoveIdentity(Rewrite):
    """Exporters leave Identity nodes where training had a layer that inference skips (Paddle2ONNX writes the
    dropout after an attention Softmax as one). rknn-toolkit2 2.5.0's attention fusion fails on q @ k^T -> Softmax
    -> Identity -> @ v on rk3588, rk3576, rk3562 and rv1106, and the same attention without the Identity builds on
    every family (crash pattern softmax-identity-attention, rules/motifs/crash-patterns.yaml). Dropping the node
    changes no number: exact."""

    name = "remove-identity"
    summary = "drop Identity nodes between computed tensors (their readers read the Identity's input)"
    applicability = Applicability.SAFE

    def apply(self, model: onnx.ModelProto, options: RewriteOptions) -> RewriteResult:
        out = copy_model(model)
        g = out.graph
        made = {o for n in g.node for o in n.output if o}
        keep = {o.name for o in g.output}  # a graph output keeps its name
        for n in g.node:
            keep |= _used_inside(n)  # a subgraph reads it by name
        alias: dict[str, str] = {}
        dropped = []
        for n in g.node:
            if (n.op_type == "Identity" and n.domain in ("", "ai.onnx") and len(n.input) == 1 and len(n.output) == 1
                    and n.input[0] in made and n.output[0] not in keep):
                alias[n.output[0]] = n.input[0]
                dropped.append(n)
        if not dropped:
            return RewriteResult(model, False, ["no Identity between computed tensors"])

        def source(name: str) -> str:
            while name in alias:
                name = alias[name]
            return name

        gone = {id(n) for n in dropped}
        nodes = [n for n in g.node if id(n) not in gone]
        for n in nodes:
            for i, x in enumerate(n.input):
                if x in alias:
                    n.input[i] = source(x)
                    tag(n, self.name, options.codes)
        names = {o for n in dropped for o in n.output}
        kept_vi = [v for v in g.value_info if v.name not in names]
        del g.value_info[:]
        g.value_info.extend(kept_vi)
        del g.node[:]
        g.node.extend(nodes)
        shown = ", ".join(f"'{n.name or n.output[0]}'" for n in dropped[:4]) + (
            f" and {len(dropped) - 4} more" if len(dropped) > 4 else "")
        return RewriteResult(out, True, [f"dropped Identity {shown}: their readers read their inputs"])
