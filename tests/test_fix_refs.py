"""Rules declare their fixes as typed references (rknnlint.rule.Fix): every declared fix is a registered rewrite,
every rewrite is named by a rule or is explicitly on request, the docs agree with the declaration, and what
`rknnlint fix --select CODE` plans and applies is what the rule declares."""
from __future__ import annotations

import dataclasses
import re

import numpy as np
import onnx
import pytest
from onnx import TensorProto, helper, numpy_helper

from conftest import conv_weight, init, make_model, run_cli, save
from rknnlint.config import Config
from rknnlint.finding import Finding, Location
from rknnlint.fix import FixRequest, fix_model
from rknnlint.fix._loop import ON_REQUEST, _plan
from rknnlint.rewrites import Applicability, RewriteOptions, all_rewrites
from rknnlint.rule import STRICTNESS, Fix, all_rules

RULES = all_rules()
FIXED = {code: r for code, r in RULES.items() if r.fix is not None}
LEVEL_WORD = {Applicability.SAFE: "Safe", Applicability.UNSAFE: "Unsafe", Applicability.DISPLAY_ONLY: "Display-only"}


@pytest.mark.parametrize("code", sorted(FIXED))
def test_declared_fix_is_a_registered_rewrite_no_looser_than_its_own_level(code):
    rewrites = all_rewrites()
    fields = {f.name for f in dataclasses.fields(RewriteOptions)}
    for fix in FIXED[code].fix.chain():
        assert rewrites.get(fix.name) is fix.rewrite, f"{code}: {fix.rewrite!r} is not the registered {fix.name}"
        assert STRICTNESS[fix.level] >= STRICTNESS[fix.rewrite.applicability], \
            f"{code} declares {fix.name} {fix.level.value}, looser than the rewrite's {fix.rewrite.applicability.value}"
        assert {k for k, _ in fix.options} <= fields, f"{code}: options that RewriteOptions lacks"


def test_every_rewrite_is_named_by_a_rule_or_on_request():
    named = {f.name for r in FIXED.values() for f in r.fix.chain()}
    on_request = {cls.name for cls in ON_REQUEST}
    assert not named & on_request, f"named by a rule and also listed as on request: {named & on_request}"
    assert set(all_rewrites()) == named | on_request, \
        f"rewrites neither named by a rule's Fix nor in fix._loop.ON_REQUEST: {set(all_rewrites()) - named - on_request}"


def test_a_string_fix_is_refused_at_registration():
    from rknnlint.rule import Rule, register

    class Old(Rule):
        code, name, severity = "RKN999", "old-style", RULES["RKN701"].severity
        fix = "resize-cubic-to-conv"

    with pytest.raises(TypeError, match="must be a rknnlint.rule.Fix"):
        register(Old)


@pytest.mark.parametrize("code", sorted(RULES))
def test_docs_agree_with_the_declaration(code):
    rule = RULES[code]
    s = rule.doc_sections()
    safety, how = s.get("Fix safety", ""), s.get("How to fix", "")
    if rule.fix is None:
        assert not re.match(r"(Safe|Unsafe)\b", safety), f"{code}: 'Fix safety' promises a fix no Fix declares"
        if not rule.build_only:  # the build rules point at the static rules' fixes
            assert "rknnlint fix" not in how, f"{code}: 'How to fix' names `rknnlint fix`, but the rule declares no Fix"
        return
    assert safety.startswith(LEVEL_WORD[rule.fix.level]), f"{code}: 'Fix safety' should start with " \
                                                          f"{LEVEL_WORD[rule.fix.level]!r}: {safety[:60]!r}"
    if rule.fix.level is Applicability.DISPLAY_ONLY:
        assert f"--rewrite {rule.fix.name}" in how, f"{code}: a display-only fix is applied with --rewrite {rule.fix.name}"
    if rule.fix.level is Applicability.UNSAFE:
        assert "--unsafe-fixes" in how, f"{code}: an unsafe fix needs --unsafe-fixes"
    code_, out, _ = run_cli("explain", code)
    assert f"Fix: {rule.fix.describe()}: {rule.fix.command()}" in out


def _finding(code: str, op_type: str | None = None, fix: Fix | None = None) -> Finding:
    """A finding of rule `code` that `fix` (default: the rule's first) is for: on its first op type, with data
    naming it where the chain's fixes are told apart by the finding's data (RKN709's crash patterns)."""
    r = RULES[code]
    fix = fix or r.fix
    op = (fix.op_types or ("",))[0] if op_type is None else op_type
    data = {fix.data_key: fix.name} if fix.data_key else {}  # a rule whose finding's data names its rewrite
    return Finding(code, r.name, r.severity, "m", Location(op_type=op), fix=fix.name, fix_applicability=fix.level.value,
                   data=data)


@pytest.mark.parametrize("code", sorted(FIXED))
def test_the_plan_for_a_finding_follows_its_declared_chain(code):
    """Each fix of the chain is planned for a finding it is for once the fixes before it are done: a fallback that
    is for the same findings (RKN701: cubic to conv, then to linear) follows the one before; one for other ops or
    other data (RKN602's Cast cut, RKN709's per-pattern rewrites) is planned for those findings only."""
    chain = FIXED[code].fix.chain()
    done: frozenset[str] = frozenset()
    for fix in chain:
        for unsafe in (False, True):
            (pl,) = _plan([_finding(code, fix=fix)], FixRequest(unsafe=unsafe), False, done)
            assert (pl.name, pl.codes, pl.applicability) == (fix.name, (code,), fix.level)
            assert pl.options == dict(fix.options)
            want = {Applicability.SAFE: "", Applicability.UNSAFE: "" if unsafe else "pass --unsafe-fixes",
                    Applicability.DISPLAY_ONLY: f"advice only: apply it with --rewrite {fix.name}"}[fix.level]
            assert pl.skip.startswith(want) and bool(pl.skip) == bool(want)
        done |= {fix.name}
    assert _plan([_finding(code)], FixRequest(unsafe=True), False, done) == []
    if FIXED[code].fix.op_types:  # a finding on another op asks for nothing
        assert _plan([_finding(code, "SomeOtherOp")], FixRequest(unsafe=True), False) == []
    if FIXED[code].fix.data_key:  # nor one whose data names no rewrite (RKN709: a crash pattern without a fix)
        bare = dataclasses.replace(_finding(code), data={})
        assert _plan([bare], FixRequest(unsafe=True), False) == []


# ---- end to end: `rknnlint fix --select CODE` on a model that has the finding (the drifts issue 11 found)

def _cubic(scale: float):
    return make_model([helper.make_node("Resize", ["x", "", "s"], ["y"], mode="cubic", name="up")],
                      [("x", [1, 2, 4, 4])], [("y", [1, 2, int(4 * scale), int(4 * scale)])],
                      [init("s", np.array([1, 1, scale, scale], np.float32))])


def _fp16():
    g = helper.make_graph([helper.make_node("Add", ["x", "w"], ["y"], name="add")], "g",
                          [helper.make_tensor_value_info("x", TensorProto.FLOAT16, [1, 3, 4, 4])],
                          [helper.make_tensor_value_info("y", TensorProto.FLOAT16, [1, 3, 4, 4])],
                          [numpy_helper.from_array(np.ones((1, 3, 4, 4), np.float16), "w")])
    return helper.make_model(g, opset_imports=[helper.make_opsetid("", 13)], ir_version=8)


def _odd_channels():
    nodes = [helper.make_node("Conv", ["x", "w1"], ["a"], pads=[1, 1, 1, 1], name="c1"),
             helper.make_node("Relu", ["a"], ["r"], name="relu"),
             helper.make_node("Conv", ["r", "w2"], ["y"], pads=[1, 1, 1, 1], name="c2")]
    return make_model(nodes, [("x", [1, 3, 8, 8])], [("y", [1, 16, 8, 8])],
                      [init("w1", conv_weight(13, 3)), init("w2", conv_weight(16, 13))])


def _steps(model: onnx.ModelProto, code: str, **kw):
    out = fix_model(model, FixRequest(config=Config(select=(code,)), **kw))
    return [(s.rewrite, s.status, s.applicability) for s in out.steps], out


def test_rkn701_fix_select_applies_the_exact_rewrite_without_unsafe_fixes():
    steps, out = _steps(_cubic(2.0), "RKN701")
    assert steps == [("resize-cubic-to-conv", "applied", "safe")]
    assert "RKN701" not in {f.code for f in out.after}
    # a factor the exact rewrite cannot do: the declared fallback, unsafe
    steps, _ = _steps(_cubic(1.5), "RKN701")
    assert steps == [("resize-cubic-to-conv", "unchanged", "safe"), ("resize-cubic-to-linear", "skipped", "unsafe")]
    steps, _ = _steps(_cubic(1.5), "RKN701", unsafe=True)
    assert steps[-1] == ("resize-cubic-to-linear", "applied", "unsafe")


def test_rkn801_fix_select_applies_upcast_float_as_explain_says():
    steps, _ = _steps(_fp16(), "RKN801")
    assert steps == [("upcast-float", "skipped", "unsafe")]
    steps, out = _steps(_fp16(), "RKN801", unsafe=True)
    assert steps == [("upcast-float", "applied", "unsafe")]
    assert out.fixed.graph.input[0].type.tensor_type.elem_type == TensorProto.FLOAT
    code, text, _ = run_cli("explain", "RKN801")
    assert code == 0 and "Fix: upcast-float (unsafe): `rknnlint fix MODEL --unsafe-fixes`" in text


def test_rkn901_fix_select_offers_channel_padding_and_rewrite_applies_it(tmp_path):
    steps, out = _steps(_odd_channels(), "RKN901")
    assert steps == [] and out.advice == ["--rewrite pad-channels [RKN901] (display-only): pad Conv output channels "
                                          "to the alignment with zero filters (exact, opt-in)"]
    code, text, _ = run_cli("fix", save(_odd_channels(), tmp_path), "--select", "RKN901", "--dry-run")
    assert code == 0 and "  advice      --rewrite pad-channels [RKN901] (display-only)" in text
    steps, out = _steps(_odd_channels(), "RKN901", rewrites=("pad-channels",))
    assert steps[0] == ("pad-channels", "applied", "display-only")
    c1 = next(n for n in out.fixed.graph.node if n.name == "c1")
    w1 = next(t for t in out.fixed.graph.initializer if t.name == c1.input[1])
    assert w1.dims[0] == 16  # 13 filters padded to the rk3588 fp16 alignment


def test_rkn204_lowers_the_ir_version_with_convert_opset():
    m = _cubic(2.0)
    m.ir_version = 12
    steps, out = _steps(m, "RKN204")
    assert steps == [("convert-opset", "applied", "safe")] and out.fixed.ir_version <= 11


def test_fix_is_typed():
    assert all(isinstance(r.fix, Fix) for r in FIXED.values())
