from __future__ import annotations

import numpy as np
import onnx
from onnx import TensorProto, helper

from conftest import conv_weight, findings, init, make_model, save

S = [1, 3, 8, 8]


def _external_conv(tmp_path, data: bytes, length: int | None = 324, offset: int = 0):
    w = TensorProto(name="w", data_type=TensorProto.FLOAT, dims=[3, 3, 3, 3])
    w.data_location = TensorProto.EXTERNAL
    entries = [("location", "m.onnx.data"), ("offset", str(offset))] + ([("length", str(length))] if length else [])
    for k, v in entries:
        e = w.external_data.add()
        e.key, e.value = k, v
    m = make_model([helper.make_node("Conv", ["x", "w"], ["y"], name="conv", pads=[1, 1, 1, 1])], [("x", S)],
                   [("y", S)], [w])
    p = save(m, tmp_path)
    (tmp_path / "m.onnx.data").write_bytes(data)
    return p


def test_external_data_shorter_than_declared_names_tensor_and_file(tmp_path):
    p = _external_conv(tmp_path, np.ones(40, np.float32).tobytes())
    fs = findings(p, select={"RKN207"})
    assert [(str(f.severity), f.location.tensor, f.data["file"], f.data["declared_bytes"], f.data["file_bytes"])
            for f in fs] == [("error", "w", "m.onnx.data", 324, 160)]
    assert "'m.onnx.data' holds 160 bytes" in fs[0].message


def test_length_entry_that_disagrees_with_dims(tmp_path):
    p = _external_conv(tmp_path, np.ones(200, np.float32).tobytes(), length=400)
    fs = findings(p, select={"RKN207"})
    assert [f.data["length"] for f in fs] == [400] and "length 400" in fs[0].message


def test_file_longer_than_declared_without_length_is_an_error(tmp_path):
    p = _external_conv(tmp_path, np.ones(100, np.float32).tobytes(), length=None)
    fs = findings(p, select={"RKN207"})
    assert len(fs) == 1 and "400 bytes from offset 0 to its end" in fs[0].message


def test_matching_external_data_passes(tmp_path):
    # shared file: the tensor sits at offset 16 with a length entry, more data follows
    p = _external_conv(tmp_path, bytes(16) + np.ones(81, np.float32).tobytes() + bytes(64), offset=16)
    assert findings(p, select={"RKN207"}) == []
    p = _external_conv(tmp_path, np.ones(81, np.float32).tobytes(), length=None)
    assert findings(p, select={"RKN207"}) == []


def test_in_file_tensors_raw_and_typed(tmp_path):
    short = TensorProto(name="w", data_type=TensorProto.FLOAT, dims=[3, 3, 3, 3], raw_data=bytes(160))
    m = make_model([helper.make_node("Conv", ["x", "w"], ["y"], name="conv", pads=[1, 1, 1, 1])], [("x", S)],
                   [("y", S)], [short])
    fs = findings(m, select={"RKN207"})
    assert [(f.location.tensor, f.data["declared_bytes"], f.data["stored_bytes"]) for f in fs] == [("w", 324, 160)]
    typed = TensorProto(name="w", data_type=TensorProto.FLOAT, dims=[3, 3, 3, 3], float_data=[0.5] * 80)
    m.graph.initializer[0].CopyFrom(typed)
    fs = findings(m, select={"RKN207"})
    assert [(f.data["declared"], f.data["stored"]) for f in fs] == [(81, 80)]
    m.graph.initializer[0].CopyFrom(init("w", conv_weight(3, 3)))
    assert findings(m, select={"RKN207"}) == []


def test_large_in_file_tensor_short_is_found_through_the_file_size(tmp_path):
    big = np.zeros((64, 64, 8, 8), np.float32)  # 1 MiB: measured only when the file is too short for all
    w = onnx.numpy_helper.from_array(big, "w")
    w.raw_data = w.raw_data[: 2**19]
    m = make_model([helper.make_node("Conv", ["x", "w"], ["y"], name="conv", pads=[0, 0, 0, 0])], [("x", [1, 64, 8, 8])],
                   [("y", [1, 64, 1, 1])], [w])
    w2 = onnx.numpy_helper.from_array(np.zeros((64, 64, 8, 9), np.float32), "w2")  # > 1 MiB
    m.graph.initializer.append(w2)
    fs = findings(save(m, tmp_path), select={"RKN207"})
    assert [f.location.tensor for f in fs] == ["w"]  # w is 1 MiB exactly: measured directly
    m.graph.initializer[1].raw_data = w2.raw_data[:1000]
    fs = findings(save(m, tmp_path), select={"RKN207"})
    assert sorted(f.location.tensor for f in fs) == ["w", "w2"]
