from __future__ import annotations

from ...finding import Severity
from ...motifs import MAX_CHAIN, chain_key, for_context, in_chain, input_key, run_of
from ...rewrites.bias_add_order import BiasAddOrder
from ...rewrites.clip_to_max import ClipToMax
from ...rewrites.pad_drop_empty_value import PadDropEmptyValue
from ...rewrites.pad_typed_pads import PadTypedPads
from ...rewrites.reducemean_to_gap import ReduceMeanToGap
from ...rewrites.remove_identity import RemoveIdentity
from ...rewrites.widen_narrow_rows import WidenNarrowRows
from ...rule import Fix, Rule, Violation, register


@register
class MeasuredCrashMotif(Rule):
    """A motif whose minimal model failed or crashed the toolkit's build when measured on this family and version.

    What it does:
    Two kinds of measured crash, one rule:
    1. Probed motifs: reads the `crashes` of the target family's probed motif table
    (rules/motifs/probed/<family>-<dtype>-<version>.yaml, written by `rknnlint probe --motifs`, docs/probe.md#motif-probe)
    for the toolkit version in use, and flags every run of layout / LayerNorm / Linear nodes (rknnlint/motifs.py) and
    every graph input whose motif key is there: "this motif crashed pass P of rknn-toolkit2 V on family F when
    measured", with the motif, the sizes that failed and the measurement (table file and command) as evidence. Where the
    same motif built at other sizes, a run of a size that built is left alone and one of an unmeasured size is a
    warning; a motif that real exports of the family contain and that built there
    (rules/motifs/<family>-<dtype>-<version>.yaml) is left alone too.
    2. Crash patterns of public issue reports (rules/motifs/crash-patterns.yaml, docs/probe.md#crash-patterns): a node
    with its inputs' kinds, shapes and neighbours (a Concat reading constants then a Transpose output; a MatMul of a
    tensor with its own transpose, or an Einsum of one with itself; an attention whose query is a constant; an
    optional output named ''; a per-head outer product MatMul; a rank-3 Concat reading one tensor twice; an LSTM or
    GRU without its bias input; a scalar-index Gather of a Conv output's channels; BoTNet's relative position logits;
    two Gathers of one computed index tensor, as RT-DETR's query selection; an Identity after one of two Slices of
    one tensor; a Constant written with value_ints / value_float; a padded 1x1 Conv over a wide map), each with the minimal
    model built per toolkit version and family by scripts/verify_crash_patterns.py. A node two reports' patterns match is
    reported once, by the first. The finding names the node, the version's error and the stage it failed in, the
    versions measured to fail and to build, and the report; an error on a family measured to fail, a warning on a family
    not measured when every measured one failed, nothing where it built or the version was not measured.
    One rule for every measured crash instead of one hand-written rule per crash; the hand-written crash rules
    (RKN701-RKN708) keep their own patterns.

    Why the NPU cares:
    The toolkit's fusion and constant-folding passes match multi-node patterns; a pattern that crashes a pass in a
    minimal model crashes it inside a network too. The build stops with the pass's error (`... (in _p_<pass>)`),
    so the model never converts.

    Example:
    A motif listed under `crashes:` of rules/motifs/probed/rk3566-float16-2.5.0.yaml; with rknn-toolkit2 2.3.2,
    Concat(c1, c2, c3, Transpose(x)) fails in fold_constant (rknn-toolkit2 issue 365) where Concat(Transpose(x), c1,
    c2, c3) builds.

    How to fix:
    Change the pattern (another reshape or input order, a 4-D layout; each crash pattern's data says how), build with
    rknn.config(..., disable_rules=['<pass>']) when the error names a pass and compare the outputs
    (`rknnlint build --compare`), or build with a toolkit version measured to build it.

    Fix safety:
    Safe where a crash pattern's data names a rewrite (`rewrite:` in rules/motifs/crash-patterns.yaml), which fixes it:
    softmax-identity-attention by remove-identity (the Identity between the Softmax and the MatMul is dropped, its
    readers read the Softmax; exact, proven in onnxruntime; the pattern's minimal model without the Identity was
    measured to build on every family); row-gemm-narrow by widen-narrow-rows where the narrow Linear reads another
    Linear (zero features up to 264: exact; openWakeWord's timer head measured to build on rk2118 with 2.3.0 and
    2.3.2); reduce-mean-wide by reducemean-to-gap (the wide H x W ReduceMean as GlobalAveragePool, measured to build;
    float rounding apart); clip-computed-bound by clip-to-max (Max(x, min) / Min(., max), exact, measured to build);
    pad-empty-constant-value, pad-empty-constant-value-wide and pad-window-channels-last by pad-drop-empty-value (the Pad's empty constant_value input
    left out, exact; measured to build on rv1106b with 2.3.0 / 2.3.2); pad-raw-pads-into-conv by pad-typed-pads (the
    Pad's constant pads stored as int64_data instead of raw bytes, exact; measured to build on every family with 2.5.0);
    qkv-heads-three-gather by bias-add-order (BLOOM's zero qkv bias written Add(MatMul, bias), exact; measured to build
    with 2.5.0 on rk3588). The other patterns and probed motifs have no automatic fix.
    """

    code = "RKN709"
    name = "measured-crash-motif"
    severity = Severity.ERROR
    fix = Fix.first_of(*(Fix(r, data_key="rewrite")
                         for r in (RemoveIdentity, WidenNarrowRows, ReduceMeanToGap, ClipToMax, PadDropEmptyValue,
                                   PadTypedPads, BiasAddOrder)))

    def check(self, ctx):
        yield from _patterns(ctx)
        tab = for_context(ctx)
        crashes = ((tab or {}).get("probed") or {}).get("crashes") or {}
        if not crashes:
            return
        view = ctx.view
        probed = tab["probed"]
        done: set[int] = set()
        for ref in view.main_nodes:
            if ref.index in done or not in_chain(view, ref):
                continue
            run = run_of(view, ref)
            if run is None:
                continue
            done.update(r.index for r in run)
            if len(run) > MAX_CHAIN:
                continue
            key = chain_key(view, run)
            if key in crashes and not _built_whole(tab, "motifs", key):
                v = _violation(ctx, tab, probed, crashes[key], key, run[0], view.shape(run[0].node.input[0]))
                if v is not None:
                    yield v
        for vi in view.inputs:
            key = input_key(view, vi.name)
            if key in crashes and not _built_whole(tab, "inputs", key):
                v = _violation(ctx, tab, probed, crashes[key], key, vi.name, view.shape(vi.name))
                if v is not None:
                    yield v


def _patterns(ctx):
    """The measured crash patterns (rules/motifs/crash-patterns.yaml) of the version in use that failed on the
    target's family, or on every family measured when the target's was not."""
    from ... import crash_patterns as CP
    from ...toolkit.versions import version_of

    pats = CP.table().get("patterns") or {}
    if not pats:
        return
    version, family, view = version_of(ctx), ctx.platform.family, ctx.view
    done: set[tuple[tuple[str, ...], int]] = set()  # a node two reports' patterns match is reported once
    live = []
    for pid, entry in pats.items():
        if entry.get("dtype") not in (None, ctx.dtype):  # a quantizer failure is measured and reported for int8 only
            continue
        state, m = CP.outcome(entry, version, family)
        if state in ("built", "unmeasured") or (state == "untested" and m.get("built")):
            continue
        live.append((pid, entry, state, m))
    # a pattern measured to fail on this very family speaks for a node before one measured on other families only
    for pid, entry, state, m in sorted(live, key=lambda x: x[2] != "failed"):
        match = entry.get("match") or {}
        for ref in view.nodes:
            if (ref.graph_path, ref.index) not in done and CP.matches(view, ref, match):
                done.add((ref.graph_path, ref.index))
                yield _pattern_violation(pid, entry, ref, version, family, state, m)


def _origin(source: str) -> str:
    """A pattern comes from a public issue report or from a calibration export that failed (documented in docs/)."""
    return f"public report {source}" if "/issues/" in source else f"found in a calibration build, {source}"


def _pattern_violation(pid, entry, ref, version, family, state, m) -> Violation:
    from ... import crash_patterns as CP
    from ...toolkit.versions import vkey

    fails = CP.failing_versions(entry)
    builds = sorted((v for v, x in (entry.get("measured") or {}).items() if x.get("built") and not x.get("failed")),
                    key=vkey)
    where = f"on {family}" if state == "failed" else f"on {', '.join(m.get('failed') or [])} ({family} not measured)"
    stage = f" in {m['stage']}" if m.get("stage") else ""
    also = f"; measured to fail with {', '.join(fails)}" if fails else ""
    ok = f", to build with {', '.join(builds)}" if builds else ""
    msg = (f"{ref.op_type} '{ref.label}' matches crash pattern {pid}, {entry.get('summary', '')}: rknn-toolkit2 "
           f"{version} failed{stage} {where} when the pattern's minimal model was measured: {m.get('error', '')}{also}"
           f"{ok}; {_origin(entry.get('source', ''))}")
    pas = m.get("pass") or ""
    return Violation(
        ref, msg, hint=entry.get("fix") or "change the pattern, or build with a toolkit version measured to build it",
        severity=None if state == "failed" else Severity.WARNING,
        data={"pattern": pid, **({"rewrite": entry["rewrite"]} if entry.get("rewrite") else {}), "toolkit": version, "family": family, "status": m.get("status", "failed"),
              "source": entry.get("source"), "failed_versions": fails, "built_versions": builds,
              **({"pass": f"_p_{pas}", "disable_rules": [pas]} if pas else {}),
              "evidence": {"file": "rules/motifs/crash-patterns.yaml", "command": CP.table().get("measured_by"),
                           "error": m.get("error", ""), "failed": m.get("failed") or [], "built": m.get("built") or []}})


def _built_whole(tab, section: str, key: str) -> bool:
    """The motif was measured inside real exports that built (the whole-build table has it): its minimal model's
    failure is the model's, not the motif's."""
    entry = (tab.get(section) or {}).get(key) or {}
    return bool(entry) and "fails" not in (entry.get("nodes") or [entry.get("placement")])


def _violation(ctx, tab, probed, entry, key, where, shape) -> Violation | None:
    size = "x".join(str(d) for d in shape) if shape and all(isinstance(d, int) for d in shape) else None
    if size is not None and size in (entry.get("built_sizes") or []):
        return None  # measured to build at this very size
    unsure = bool(entry.get("built_sizes")) and size not in (entry.get("sizes") or [])
    version, family = probed.get("toolkit", "?"), probed.get("family", ctx.platform.family)
    what = f"pass _p_{entry['pass']}" if entry.get("pass") else "the build"
    verb = "crashed" if entry.get("status") == "crashed" else "failed"
    sizes = ", ".join(entry.get("sizes") or [])
    also = f"; it built at {', '.join(entry['built_sizes'])}" if entry.get("built_sizes") else ""
    label = f"{where.op_type} '{where.name or where.index}'" if hasattr(where, "op_type") else f"input '{where}'"
    return Violation(
        where, f"motif {key} at {label} {verb} {what} of rknn-toolkit2 {version} on {family} when measured "
               f"(size {sizes}{also}): {entry.get('error', '')}".rstrip(": "),
        hint=(f"build with rknn.config(..., disable_rules=['{entry['pass']}']) and compare the outputs, or change the "
              "pattern" if entry.get("pass") else "change the pattern (another reshape order, a 4-D layout)"),
        severity=Severity.WARNING if unsure else None,
        data={"motif": key, "status": entry.get("status"), "toolkit": version, "family": family,
              **({"pass": f"_p_{entry['pass']}", "disable_rules": [entry["pass"]]} if entry.get("pass") else {}),
              "evidence": {"file": tab.get("probed_path"), "command": probed.get("command"),
                           "sizes": entry.get("sizes"), "built_sizes": entry.get("built_sizes") or []}})
