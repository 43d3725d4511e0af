from __future__ import annotations

import onnx
from onnx import helper

from conftest import conv_weight, findings, init, make_model


def _copy(identities: int = 1, direct: bool = False):
    """A Conv, and the mask input handed to an output through `identities` Identity nodes (or named as the output)."""
    nodes = [helper.make_node("Conv", ["x", "w"], ["y"], name="conv", pads=[1, 1, 1, 1])]
    src = "mask"
    for k in range(identities if not direct else 0):
        nodes.append(helper.make_node("Identity", [src], [f"copy{k}"], name=f"id{k}"))
        src = f"copy{k}"
    out = "mask" if direct else src
    return make_model(nodes, [("x", [1, 3, 8, 8]), ("mask", [1, 16], onnx.TensorProto.BOOL)],
                      [("y", [1, 8, 8, 8]), (out, [1, 16], onnx.TensorProto.BOOL)], [init("w", conv_weight(8, 3))])


def test_an_input_copied_through_identity_to_an_output_is_a_warning():
    fs = findings(_copy(2), target="rk3588", toolkit_version="2.5.0", select={"RKN107"})
    assert [(f.location.tensor, str(f.severity)) for f in fs] == [("copy1", "warning")]
    assert "output 'copy1' is input 'mask' copied through Identity 'id1', 'id0'" in fs[0].message
    assert "crashed with SIGFPE in some builds" in fs[0].message and "docs/facts.md#input-copies" in fs[0].message
    assert fs[0].data == {"input": "mask", "identity": ["id1", "id0"]}
    assert len(findings(_copy(1), target="rk3576", toolkit_version="2.3.2", select={"RKN107"})) == 1


def test_the_message_gives_the_rate_measured_with_the_version_in_use():
    """The transliteration encoder rebuilt with the same settings crashed in every rk3588 float16 build with 2.2.0
    and in 1 of 5 with 2.3.0 on rv1106b int8: RKN107 speaks for 2.2.0 and 2.3.0 too, each with its own figures."""
    [old] = findings(_copy(1), target="rk3588", toolkit_version="2.2.0", select={"RKN107"})
    assert "rknn-toolkit2 2.2.0 crashed with SIGFPE" in old.message and "8 of 8 builds on rk3588 float16" in old.message
    [mid] = findings(_copy(1), target="rv1106b", toolkit_version="2.3.0", select={"RKN107"})
    assert "1 of 5 builds on rv1106b int8" in mid.message and "8 of 8" not in mid.message
    [new] = findings(_copy(1), target="rk3588", toolkit_version="2.5.0", select={"RKN107"})
    assert "14 of 31 builds on rk3588 float16" in new.message


def test_silent_without_the_copy_or_where_not_measured():
    # an input named directly as an output never crashed; a version nobody measured says nothing
    assert findings(_copy(direct=True), target="rk3588", toolkit_version="2.5.0", select={"RKN107"}) == []
    assert findings(_copy(1), target="rk3588", toolkit_version="2.1.0", select={"RKN107"}) == []
