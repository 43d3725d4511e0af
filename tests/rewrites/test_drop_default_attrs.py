"""drop-default-attrs: LSTM layout=0 (written by the dynamo exporter) removed, same numbers."""
from __future__ import annotations

from _crash_graphs import lstm_layout0
from _rw import apply, assert_same


def test_lstm_layout_zero_removed():
    m = lstm_layout0()
    res = apply("drop-default-attrs", m)
    lstm = res.model.graph.node[0]
    assert "layout" not in {a.name for a in lstm.attribute} and "hidden_size" in {a.name for a in lstm.attribute}
    assert_same(m, res.model, rtol=0, atol=0)


def test_layout_one_is_kept():
    m = lstm_layout0()
    for a in m.graph.node[0].attribute:
        if a.name == "layout":
            a.i = 1
    assert not apply("drop-default-attrs", m, check=False).changed
