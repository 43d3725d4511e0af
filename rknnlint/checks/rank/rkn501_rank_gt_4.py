from __future__ import annotations

from ...finding import Severity
from ...rule import Rule, Violation, register
from ...toolkit.versions import toolkit_said

# ops seen working on rank-5 tensors with rknn-toolkit2 2.5.0 (rk3588 builds of tiny graphs and of
# cls_shufflenet_v2, cls_tiny_vit_5d, det_yolov5style), plus the changelog's 5-D list (Clip, LeakyRelu,
# Elu, TopK) and the reshape->reduce rewrite (docs/facts.md#rank)
REWRITTEN = frozenset({
    "Reshape", "Transpose", "Squeeze", "Unsqueeze", "Flatten", "Identity", "Split", "Slice", "Concat", "Cast",
    "Add", "Sub", "Mul", "Div", "Pow", "Sigmoid", "Relu", "Clip", "LeakyRelu", "Elu", "Softmax", "MatMul", "TopK",
    "ReduceSum", "ReduceMean", "ReduceMax", "ReduceMin", "InstanceNormalization",
})


@register
class RankGt4(Rule):
    """Tensors of rank above 4, grouped by the node that creates them.

    What it does:
    Finds each node that turns rank <= 4 tensors (or a graph input) into a rank > 4 tensor, follows the
    rank > 4 region it starts, and reports it once. Warning when every op in the region is one that
    rknn-toolkit2 2.5.0 was seen to handle at rank 5; status unknown when the region holds an op not
    verified at rank > 4; error for the pattern seen to crash (a 5-D Concat of a tensor with itself).

    Why the NPU cares:
    The NPU works on 4-D NCHW tensors; the FAQ says ops above 4-D fail. 2.5.0 rewrites the common
    patterns (observed): the ShuffleNet channel shuffle (Reshape->5-D->Transpose->Reshape) becomes NPU
    ops, the timm-style qkv Reshape/Transpose/Split/Squeeze and the YOLOv5 head (Reshape, Transpose,
    Sigmoid, Slice, Mul, Pow, Add, Concat in 5-D) build for rk3588, as do 5-D Softmax, MatMul, Relu and
    Add, ReduceSum and InstanceNormalization. A 5-D Transpose with a general perm runs on the CPU on rk3588, and on rk3566 the YOLOv5 head's
    5-D Reshape/Transpose all land on the CPU (the ShuffleNet shuffle stays on the NPU there). A 5-D Concat of one tensor with itself crashed the build
    (KeyError: '<Reshape node name>' in GraphOptimizer.fuse_ops -> IRGraph.remove_node). docs/facts.md#rank.

    Example:
    YOLOv5 head: Conv [1,75,40,40] -> Reshape [1,3,25,40,40] -> Transpose [1,3,40,40,25].

    How to fix:
    Export the head without the 5-D reshape (end the graph at the Conv outputs and decode on the CPU),
    or rewrite the region with 4-D shapes (fold a leading 1 or merge two dims).

    Fix safety:
    Display-only.
    """

    code = "RKN501"
    name = "rank-gt-4"
    severity = Severity.WARNING

    def check(self, ctx):
        v = ctx.view
        max_rank = int(ctx.platform.fact("max_rank", 4))  # rules/common.yaml: the NPU's tensor rank
        big = {n for n in v.value_names if (v.rank(n) or 0) > max_rank}
        if not big:
            return
        done: set = set()
        roots = []
        for name in sorted(big, key=lambda n: (v.producer_of(n) is None, n)):
            if v.is_constant(name):
                continue  # weights, anchors and grids: folded by the toolkit before it plans layers
            ref = v.producer_of(name)
            if ref is None:  # graph input of rank > 4
                roots.append((None, name))
            elif not any(i in big for i in ref.inputs if i) and ref not in done:
                done.add(ref)
                roots.append((ref, name))
        for root, first in roots:
            region, frontier, seen = [], [first] + ([o for o in root.outputs if o in big] if root else []), set()
            while frontier:
                t = frontier.pop()
                if t in seen:
                    continue
                seen.add(t)
                for c in v.consumers_of(t):
                    if c not in region:
                        region.append(c)
                        frontier.extend(o for o in c.outputs if o in big)
            ops = sorted({c.op_type for c in region} | ({root.op_type} if root else set()))
            unknown = [o for o in ops if o not in REWRITTEN]
            shape = v.shape(first)
            where = f"{root.op_type} '{root.name}'" if root else f"input '{first}'"
            shown = "[" + ", ".join(str(d) for d in shape) + "]" if shape else f"rank {v.rank(first)}"
            target = root if root else first
            selfcat = [c for c in region if c.op_type == "Concat" and len(set(c.inputs)) < len(c.inputs)]
            if selfcat:
                c = selfcat[0]
                yield Violation(target, f"{where} creates a {len(shape or ())}-D tensor {shown} that Concat '{c.name}' joins "
                                f"with itself; {toolkit_said(ctx)} crashes in build (fuse_ops -> IRGraph.remove_node: "
                                "KeyError naming the Reshape node)", severity=Severity.ERROR, data={"ops": ops},
                                hint=f"make the Concat '{c.name}' 4-D, or replace the self-concat by a Tile / Expand")
                continue
            if unknown:
                yield Violation(target, f"{where} creates a {len(shape or ())}-D tensor {shown}; the rank>4 region uses "
                                f"{', '.join(unknown)}, which has not been verified with {toolkit_said(ctx)} at rank > 4",
                                unknown=True, data={"ops": ops, "unverified": unknown},
                                hint="rewrite the region with 4-D shapes (merge dims), or run `rknnlint build` to see")
                continue
            cpu = ""
            if "Transpose" in ops and not _is_shuffle(v, root, region):
                # rank5_on_cpu (rules/<family>.yaml): the family ran a YOLOv5-style head's 5-D Reshape/Transpose on the CPU
                cpu = (f"; on {ctx.family} its 5-D Reshape/Transpose run on the CPU" if ctx.platform.fact("rank5_on_cpu")
                       else "; the 5-D Transpose may run on the CPU")
            yield Violation(target, f"{where} creates a {len(shape or ())}-D tensor {shown} ({', '.join(ops)}); "
                            f"{toolkit_said(ctx)} rewrites this to 4-D{cpu}", data={"ops": ops, "cpu": bool(cpu)},
                            hint="keep tensors 4-D where you can (merge dims; end detection heads at the Conv outputs)")


def _is_shuffle(v, root, region) -> bool:
    """Reshape -> Transpose -> Reshape back to 4-D: collapsed into NPU ops by 2.5.0."""
    return (root is not None and root.op_type == "Reshape" and len(region) == 2
            and [r.op_type for r in region] == ["Transpose", "Reshape"])
