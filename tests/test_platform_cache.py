"""The platform tables' parse cache (rknnlint.platforms.read_yaml): JSON named by the hash of the YAML bytes."""
from __future__ import annotations

import yaml

from rknnlint.platforms import read_yaml, rules_dir

TABLE = "family: rkx\nops:\n  Conv: {placement: npu, observed: '2.5.0'}\n  Pow:\n    placement: cpu\nlimits: {c: 3.5}\n"


def _files(d):
    return sorted((d / "tables").glob("*.json")) if (d / "tables").is_dir() else []


def test_second_read_comes_from_the_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("RKNNLINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("RKNNLINT_NO_CACHE", raising=False)
    src = tmp_path / "t.yaml"
    src.write_text(TABLE)
    assert read_yaml(src) == yaml.safe_load(TABLE)
    (cached,) = _files(tmp_path / "cache")
    cached.write_text('{"family": "from-cache"}')
    assert read_yaml(src) == {"family": "from-cache"}  # read back, not parsed again
    src.write_text(TABLE.replace("rkx", "rky"))  # other bytes: other entry, never a stale one
    assert read_yaml(src)["family"] == "rky" and len(_files(tmp_path / "cache")) == 2


def test_broken_cache_entry_is_parsed_again(tmp_path, monkeypatch):
    monkeypatch.setenv("RKNNLINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("RKNNLINT_NO_CACHE", raising=False)
    src = tmp_path / "t.yaml"
    src.write_text(TABLE)
    read_yaml(src)
    (cached,) = _files(tmp_path / "cache")
    cached.write_text('{"family": ')
    assert read_yaml(src) == yaml.safe_load(TABLE)


def test_values_json_cannot_hold_are_not_cached(tmp_path, monkeypatch):
    monkeypatch.setenv("RKNNLINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("RKNNLINT_NO_CACHE", raising=False)
    src = tmp_path / "t.yaml"
    src.write_text("family: rkx\nc2: {8: 16}\n")  # an int key would come back from JSON as a string
    assert read_yaml(src) == {"family": "rkx", "c2": {8: 16}}
    assert _files(tmp_path / "cache") == []


def test_off_and_unwritable(tmp_path, monkeypatch):
    src = tmp_path / "t.yaml"
    src.write_text(TABLE)
    monkeypatch.setenv("RKNNLINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("RKNNLINT_NO_CACHE", "1")
    assert read_yaml(src) == yaml.safe_load(TABLE) and _files(tmp_path / "cache") == []
    monkeypatch.delenv("RKNNLINT_NO_CACHE")
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("RKNNLINT_CACHE_DIR", str(blocker))  # a file where the folder should be
    assert read_yaml(src) == yaml.safe_load(TABLE)


def test_shipped_tables_read_the_same_through_the_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("RKNNLINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("RKNNLINT_NO_CACHE", raising=False)
    for p in sorted(rules_dir().rglob("*.yaml")):
        want = yaml.safe_load(p.read_text(encoding="utf-8")) or {}
        assert read_yaml(p) == want and read_yaml(p) == want, p.name
    assert len(_files(tmp_path / "cache")) == len(list(rules_dir().rglob("*.yaml")))
