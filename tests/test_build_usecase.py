"""`build` is a use case below the CLI (rknnlint/usecases/build.py): a BuildRequest in, a BuildResult out, nothing
printed on stdout; what the user must hear goes through the request's `log`."""
from __future__ import annotations

import json

import pytest

from rknnlint.config import Config
from rknnlint.errors import UsageError
from rknnlint.usecases.build import BuildRequest, BuildResult, run


def test_unreadable_models_are_reported_not_built(tmp_path, capsys):
    bad = [tmp_path / "a.onnx", tmp_path / "b.onnx"]
    for p in bad:
        p.write_bytes(b"not a model")
    said: list[str] = []
    result = run(BuildRequest(models=bad, config=Config(), log=said.append))
    assert isinstance(result, BuildResult) and result.entries == []
    assert [u["path"] for u in result.unreadable] == [str(p) for p in bad]
    assert result.exit_code == 2
    doc = result.document()
    assert doc["exit_code"] == 2 and doc["builds"] == [] and len(doc["unreadable"]) == 2
    json.dumps(doc)  # the --format json document as is
    assert len(said) == 2 and all(line.startswith("rknnlint: error: ") for line in said)
    assert capsys.readouterr().out == ""


@pytest.mark.toolkit
def test_request_errors_come_before_any_build(tmp_path):
    from conftest import shared_model

    model = shared_model("seq_gru2x96_op12.onnx")
    with pytest.raises(UsageError, match="--max-builds is for --reduce"):
        run(BuildRequest(models=[model], config=Config(), max_builds=3))
    with pytest.raises(UsageError, match="--quantized-dtype is for --int8 builds"):
        run(BuildRequest(models=[model], config=Config(), toolkit_options={"quantized_dtype": "w8a16"}))
