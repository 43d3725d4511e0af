from __future__ import annotations

from ...finding import Severity
from ...rule import Rule, Violation, register
from ...toolkit.versions import version_of

FACT = "declared_symbolic_pool_fails"


def _declared(view) -> dict[str, list]:
    """Value name -> the dims the file declares for it (value_info and graph outputs), symbolic dims as strings."""
    out: dict[str, list] = {}
    for vi in list(view.graph.value_info) + list(view.graph.output):
        tt = vi.type.tensor_type if vi.type.HasField("tensor_type") else None
        if tt is None or not tt.HasField("shape"):
            continue
        out[vi.name] = [d.dim_value if d.HasField("dim_value") else (d.dim_param or "?") for d in tt.shape.dim]
    return out


@register
class StaleSymbolicValueInfo(Rule):
    """A model whose inputs are static but whose value_info still declares a MaxPool's input with symbolic H / W.

    What it does:
    When every graph input has static dims (exported so, written in by hand, pinned with `check --input-shape`,
    as load_onnx's inputs / input_size_list pin them), flags the first MaxPool whose input the file's value_info
    (or a graph output) still declares with a symbolic spatial dim (H or W): what an exporter with dynamic axes
    writes for every intermediate value (ultralytics `dynamic=True`: ['batch', 128, '((height - 1)//2) + 1', ...]).
    Only for the toolkit versions the fact `declared_symbolic_pool_fails` (rules/common.yaml) was measured with.

    Why the NPU cares:
    rknn-toolkit2 keeps some declared symbolic dims after load_onnx even with the input sizes given, and a fuse
    pass then compares or multiplies the dim string: ultralytics 8.4 YOLOv8n (opset 12 and 17), YOLOv8n-seg,
    YOLOv5nu, YOLO11n and YOLOv10n exported with `dynamic=True` and pinned to 1x3x320x320 fail with rknn-toolkit2
    2.3.2 on rk3588, rk3566, rk3576, rk3562 and rk2118 float16 ("TypeError: '<' not supported between instances
    of 'str' and 'int'" in _p_convert_maxpool_to_maxpool_tile, or "KeyError: dtype('<U182')") and rv1106 and
    rv1106b int8 ("can't multiply sequence by non-int of type 'str'"), and YOLOv8n opset 12, YOLO11n and YOLOv10n
    with 2.5.0 on rk3588.
    The same files with their value_info removed build; the pinned file loaded without inputs= fails the same
    way (the declared dims decide, not load_onnx's arguments). A 28-node cut of YOLOv8n (its stride-2 Conv, C2f
    and SPPF with their value_info) fails too; hand-built Conv / C2f / SPPF graphs with symbolic value_info built,
    a dynamo DeepLabV3 (no MaxPool) with 153 symbolic value_info entries built, and a dynamo ShuffleNetV2 declared
    with a symbolic batch only (its MaxPool input [batch, 24, 64, 64]) built with 2.5.0 on rk3588: the rule names
    the MaxPool on a symbolic H / W every measured failure has, not every graph that fails so
    (docs/facts.md#declared-symbolic-dims).

    Example:
    `yolo export format=onnx dynamic=True`, then rknn.load_onnx(model, inputs=['images'],
    input_size_list=[[1, 3, 640, 640]]).

    How to fix:
    Remove the value_info before building (`del model.graph.value_info[:]`; onnx re-infers it), or pin the dynamic
    export with RKN101's fix (pin-input-shapes with `--input-shape images=1,3,640,640`: it drops the value_info and
    folds the shape chains), or export with static shapes.

    Fix safety:
    No automatic fix of its own (RKN101's pin-input-shapes is the one for a dynamic export).
    """

    code = "RKN108"
    name = "stale-symbolic-value-info"
    severity = Severity.ERROR

    def check(self, ctx):
        view = ctx.view
        if (not ctx.platform.fact("declared_symbolic_pool_fails", False)
                or version_of(ctx) not in ctx.platform.fact_measured(FACT)):
            return
        if not view.inputs or any(view.static_shape(vi.name) is None for vi in view.inputs):
            return  # a dynamic input is RKN101's
        declared = _declared(view)
        if not declared:
            return
        for ref in view.main_nodes:
            if ref.op_type != "MaxPool" or not ref.node.input:
                continue
            x = ref.node.input[0]
            dims = declared.get(x)
            if not dims or len(dims) < 3 or all(isinstance(d, int) for d in dims[2:]):
                continue  # a symbolic batch alone: the pinned dynamo ShuffleNetV2 (MaxPool on [batch, 24, 64, 64]) built
            n_sym = sum(1 for v in declared.values() if any(not isinstance(d, int) for d in v))
            shown = "[" + ", ".join(str(d) if isinstance(d, int) else repr(d[:24] + ("..." if len(d) > 24 else ""))
                                    for d in dims) + "]"
            yield Violation(
                ref, f"MaxPool '{ref.name}' reads '{x}', which the model's value_info declares {shown} although the "
                     f"graph inputs are static ({n_sym} value(s) declared with symbolic dims): rknn-toolkit2 "
                     f"{version_of(ctx)} keeps such dims and fails in fuse_ops (measured on pinned YOLO dynamic "
                     "exports; docs/facts.md#declared-symbolic-dims)",
                hint="remove the value_info before building (del model.graph.value_info[:]), or run rknnlint fix on "
                     "the dynamic export with --input-shape",
                data={"tensor": x, "declared": [d if isinstance(d, int) else str(d) for d in dims],
                      "symbolic_values": n_sym})
            return  # one finding per model: every later MaxPool has the same cause
