"""Which ONNX node a row of the layer table belongs to, from its FullName ('OpType:tensor').

The toolkit names a layer after an ONNX node ('Conv:/l1/Conv'), a node's split or rewrite ('<node>#1',
'<node>_2ln'), or a tensor plus one suffix per rewrite step ('<value>_tp', '<value>-rs', '<value>_tp_rs_norm').
A tensor-named layer is not always the producer's: measured with rknn-toolkit2 2.5.0 (full layer tables of the
calibration builds and of calibration/placement_sweep.py's models, NPU rows included), a layer the toolkit makes
when it rewrites a node is named after the tensor that node *reads*:

- an InstanceNormalization `inorm` reading `front_y` (the output of Conv `front`) with a non-trivial scale and
  bias became 'Transpose:front_y_tp', 'Reshape:front_y_tp_rs', 'exNorm:front_y_tp_rs_norm' (on the CPU on rv1106,
  rv1106b int8 and rk2118 fp16), 'Mul:front_y_tp_rs_norm_mul', 'Add:front_y_tp_rs_norm_mul_add_AddRelu',
  then 'Reshape:inorm#1_rs' (sweep inorm_conv_c16_hw64); with scale 1 / bias 0 the exNorm layer is
  'exNorm:<node>#1' (style transfer exports);
- a channel shuffle's Reshape reading a Concat's output became 'Conv:<concat>_output_0_conv', a global average
  pool reading a Relu's output 'Conv:<relu>_output_0_gavg_2conv0', a Div's broadcast 'Expand:<add>_output_0_expand'.

The layout layers the toolkit inserts around them ('_tp', '_rs', '-rs', a data conversion) sit on the value and
are counted there (a finding on the value or on the node producing it names them, as issue 12 asks). A layer
that rewrites the producer itself says so in its suffix: a Transpose swapped past its Split ('<value>_rs_swap_gather',
'<value>_swap_split', timm MobileViT) or a Conv cut into tiles ('<value>_tile0_conv_add').
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# layers that move or convert a value rather than compute a node: they stay on the value (its producer)
LAYOUT_OPS = frozenset({"Reshape", "Transpose", "exDataConvert", "DataConvert"})
# suffix tokens of a rewrite of the producer itself (its output named the new layers)
_PRODUCER_TOKENS = ("swap", "tile")
# a layer op -> the ONNX ops it computes, where the names differ (exNorm is the toolkit's normalization layer)
_COMPUTES = {"exNorm": {"InstanceNormalization", "LayerNormalization", "GroupNormalization",
                        "MeanVarianceNormalization", "LpNormalization"}}


@dataclass(frozen=True)
class Owner:
    """The node a layer belongs to (None for a layer on a graph input), the prefix of its tensor that matched,
    and how: 'name' (a node name), 'output' (a node's output: the value it sits on), 'consumer' (the node reading
    that value), 'input' (a graph input)."""

    key: str
    via: str
    node_index: int | None = None
    node: str | None = None
    op: str | None = None
    graph_input: str | None = None
    graph_output: str | None = None


class ModelIndex:
    """A model's node names, value producers and consumers, graph inputs and outputs, built once per model."""

    def __init__(self, model: Any) -> None:
        g = model.graph
        self.nodes = list(g.node)
        self.by_name = {n.name: i for i, n in enumerate(self.nodes) if n.name}
        self.by_out = {o: i for i, n in enumerate(self.nodes) for o in n.output if o}
        self.users: dict[str, list[int]] = {}
        for i, n in enumerate(self.nodes):
            for v in dict.fromkeys(x for x in n.input if x):
                self.users.setdefault(v, []).append(i)
        self.inputs = {i.name for i in g.input}
        self.outputs = {o.name for o in g.output}

    @classmethod
    def load(cls, path: str) -> ModelIndex:
        import onnx

        return cls(onnx.load(path, load_external_data=False))

    def label(self, i: int) -> str:
        n = self.nodes[i]
        return n.name or n.output[0]

    def _known(self, key: str) -> bool:
        return key in self.by_name or key in self.by_out or key in self.inputs or key in self.outputs

    def _prefix(self, tensor: str) -> str | None:
        """The longest prefix of the tensor that names something, cut where a suffix starts ('_', '-', '#');
        else the longest prefix at all (a suffix written without a separator)."""
        cuts = [len(tensor)] + [i for i in range(len(tensor) - 1, 0, -1) if tensor[i] in "_-#"]
        for c in cuts:
            if self._known(tensor[:c]):
                return tensor[:c]
        return next((tensor[:c] for c in range(len(tensor), 0, -1) if self._known(tensor[:c])), None)

    def owner(self, op_type: str, full_name: str) -> Owner | None:
        """The node (or graph input) the layer `op_type` named `full_name` belongs to; None when nothing matches."""
        tensor = full_name.split(":", 1)[1] if ":" in full_name else full_name
        key = self._prefix(tensor)
        if key is None:
            return None
        gout = key if key in self.outputs else None
        if key in self.by_name:
            i = self.by_name[key]
            return Owner(key, "name", i, self.label(i), self.nodes[i].op_type, graph_output=gout)
        suffix = tensor[len(key):]
        user = self._consumer(op_type, key, suffix)
        if user is not None:
            return Owner(key, "consumer", user, self.label(user), self.nodes[user].op_type)
        if key in self.by_out:
            i = self.by_out[key]
            return Owner(key, "output", i, self.label(i), self.nodes[i].op_type, graph_output=gout)
        return Owner(key, "input" if key in self.inputs else "output", graph_input=key if key in self.inputs else None,
                     graph_output=gout)

    def _consumer(self, op_type: str, value: str, suffix: str) -> int | None:
        """The node reading `value` that a compute layer named '<value><suffix>' rewrites, or None (a layout layer,
        a rewrite of the producer, an unsuffixed name, or no single reader to give it to)."""
        if not suffix or suffix.startswith("#") or op_type in LAYOUT_OPS:
            return None
        tokens = [t for t in suffix.replace("-", "_").replace("#", "_").split("_") if t]
        if any(t.startswith(_PRODUCER_TOKENS) for t in tokens):
            return None
        users = self.users.get(value, [])
        fits = [u for u in users if _computes(op_type, self.nodes[u].op_type)]
        if len(fits) == 1:
            return fits[0]
        return users[0] if len(users) == 1 else None


def _computes(layer_op: str, onnx_op: str) -> bool:
    """Whether a layer of type `layer_op` computes an ONNX `onnx_op` (same name, a fused 'ConvRelu' / 'AddRelu'
    starting with it, or the toolkit's own name for it)."""
    if onnx_op in _COMPUTES.get(layer_op, ()):
        return True
    base = layer_op[2:] if layer_op.startswith("ex") else layer_op
    return base.rstrip("0123456789").startswith(onnx_op)
