"""RKN709 measured-crash-motif: a motif whose minimal model crashed a toolkit pass when `rknnlint probe --motifs`
measured it is an error on the motif's first node, with the pass, version, family and the table as evidence."""
from __future__ import annotations

import yaml
from test_motif_probe import _probed, _shuffle

from conftest import findings
from rknnlint import motifs


def test_measured_crash_motif_reports_the_pass_version_family_and_evidence(probed_dir):
    m = _shuffle()
    key = "conv>Reshape4>5:a8>Transpose5:02134:a8>Reshape5>4>conv"
    assert findings(m, target="rk3566", select={"RKN709"}) == []
    _probed(probed_dir, crashes={key: {"kind": "chain", "status": "crashed", "pass": "fuse_reshape_transpose",
                                       "error": "E build: x (in _p_fuse_reshape_transpose)", "sizes": ["1x16x8x8"]}})
    [f] = findings(m, target="rk3566", select={"RKN709"})
    assert f.severity.name == "ERROR" and f.location.node_name == "rs1"
    assert "crashed pass _p_fuse_reshape_transpose of rknn-toolkit2" in f.message and "on rk3566 when measured" in f.message
    assert f.data["disable_rules"] == ["fuse_reshape_transpose"]
    assert f.data["evidence"]["file"].startswith("rules/motifs/probed/rk3566-float16-")
    assert f.data["evidence"]["command"] == "rknnlint probe --motifs --target rk3566"
    # measured to build at this very size: silent; at an unmeasured size while another built: a warning
    _probed(probed_dir, crashes={key: {"status": "failed", "sizes": ["1x16x4x4"], "built_sizes": ["1x16x8x8"]}})
    assert findings(m, target="rk3566", select={"RKN709"}) == []
    _probed(probed_dir, crashes={key: {"status": "failed", "sizes": ["1x16x4x4"], "built_sizes": ["1x16x2x2"]}})
    [f] = findings(m, target="rk3566", select={"RKN709"})
    assert f.severity.name == "WARNING" and "it built at 1x16x2x2" in f.message
    assert findings(m, target="rk3588", select={"RKN709"}) == []  # another family: not measured there
    # real exports of the family contain the motif and built: the minimal model's failure is not the motif's
    crash = {key: {"status": "failed", "sizes": ["1x16x8x8"]}}
    _probed(probed_dir, crashes=crash)
    assert len(findings(m, target="rk3566", select={"RKN709"})) == 1
    from rknnlint.platforms import families

    v = families()["rk3566"].measured
    (probed_dir / "whole" / f"rk3566-float16-{v}.yaml").write_text(yaml.safe_dump(
        {"toolkit": v, "family": "rk3566", "dtype": "float16", "motifs": {key: {"nodes": ["npu", "npu", "npu"]}}}))
    motifs.table.cache_clear()
    assert findings(m, target="rk3566", select={"RKN709"}) == []
