"""rknnlint.dists: what importlib.metadata would say, read from the metadata folders' names."""
import importlib.metadata as md
import sys

from rknnlint import dists


def _dist(site, folder, entry_points=None):
    d = site / folder
    d.mkdir()
    name, version = folder.split("-")[0], folder.split("-")[1].removesuffix(".dist-info")
    (d / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n")
    if entry_points is not None:
        (d / "entry_points.txt").write_text(entry_points)


def test_version_agrees_with_importlib_metadata():
    for name in ("onnx", "numpy", "rich", "PyYAML", "rknn-toolkit2"):
        try:
            want = md.version(name)
        except md.PackageNotFoundError:
            want = None
        assert dists.version(name) == want, name


def test_version_from_folder_name_first_on_path_wins(tmp_path, monkeypatch):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir(), b.mkdir()
    _dist(a, "rknn_toolkit2-2.3.2.dist-info")
    _dist(b, "rknn_toolkit2-2.5.0.dist-info")
    monkeypatch.setattr(sys, "path", [str(a), str(b)])
    assert dists.version("rknn-toolkit2") == "2.3.2"
    monkeypatch.setattr(sys, "path", [str(b)])
    assert dists.version("rknn-toolkit2") == "2.5.0"
    monkeypatch.setattr(sys, "path", [str(tmp_path)])
    assert dists.version("rknn-toolkit2") is None


def test_entry_points_only_loads_metadata_for_another_plugin(tmp_path, monkeypatch):
    _dist(tmp_path, "rknnlint-9.9.dist-info", "[console_scripts]\nrknnlint = rknnlint.cli:main\n\n"
          "[rknnlint.rules]\ncore = rknnlint.checks\n")
    monkeypatch.setattr(sys, "path", [str(tmp_path)])
    assert dists.entry_points("rknnlint.rules", skip="rknnlint.checks") == []
    _dist(tmp_path, "acme_rules-1.0.dist-info", "[rknnlint.rules]\nacme = acme_rules.checks\n")
    monkeypatch.setattr(sys, "path", [str(tmp_path), ""])  # a new path: the folder listing is read again
    found = dists.entry_points("rknnlint.rules", skip="rknnlint.checks")
    assert [(ep.name, ep.value) for ep in found] == [("acme", "acme_rules.checks")]
