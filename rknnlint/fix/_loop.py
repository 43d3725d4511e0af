"""The bounded fix loop: check, apply the rewrites the findings name, validate, re-check; then prove."""
from __future__ import annotations

import os
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import onnx

from ..config import Config
from ..errors import UsageError
from ..finding import Finding, Severity
from ..rewrites import EXACT, Applicability, Rewrite, RewriteOptions, RewriteRefused, Tolerance, all_rewrites
from ..rewrites._walk import toposort
from ..rewrites.expand_to_tile import ExpandToTile
from ..rewrites.fold_strided_conv import FoldStridedConv
from ..rewrites.pin_input_values import PinInputValues
from ..rewrites.reduce_rank import ReduceRank
from ..rewrites.rename_names import RenameNames
from ._proof import Proof

# The order rewrites run in within one round: interface and format first (later rewrites and the head
# search want static shapes and a known opset), then node-level repairs, the head cut, and the layout
# rewrites on what is left of the NPU part.
ORDER = ("upcast-float", "convert-opset", "pin-input-values", "drop-zeroed-inputs", "pin-input-shapes", "fold-control-flow", "rename-names", "shorten-output-names", "drop-default-attrs",
         "layernorm-epsilon", "remove-identity", "dequantize-dynamic", "resize-cubic-to-conv", "resize-cubic-to-linear", "cut-head", "bias-add-order",
         "attention-matmul-order", "merge-parallel-gemm", "widen-narrow-rows", "reducemean-keepdims", "reducemean-to-gap", "clip-to-max", "pad-drop-empty-value", "pad-typed-pads", "reduce-rank", "expand-to-tile", "fold-strided-conv", "pad-channels")
MAX_ROUNDS = 4

# Exact rewrites that each dodge a crash of rknn-toolkit2 2.5.0 observed on real exports (calibration set,
# rk3588): `--rewrite toolkit-workarounds` applies every one whose pattern is in the model.
REWRITE_GROUPS = {
    "toolkit-workarounds": ("bias-add-order", "attention-matmul-order", "merge-parallel-gemm", "drop-default-attrs"),
}

# Rewrites no rule's Fix names: they run only when asked for (--rewrite NAME), and why no finding asks.
ON_REQUEST: dict[type[Rewrite], str] = {
    RenameNames: "interface and node names are a matter of taste; onnxruntime's duplicate-name refusal is rare",
    ReduceRank: "measured on rk3588 (2.5.0) it changes nothing for ShuffleNet, ViT or a transformer encoder and "
                "moves one Transpose of a YOLOv5 head to the CPU: for targets that put 5-D ops on the CPU",
    ExpandToTile: "measured on rk3588 (2.5.0): Tile on H/W runs on the CPU, Expand mostly on the NPU",
    FoldStridedConv: "an int8 lever: the hybrid quantization (build --int8-accuracy) applies it itself; the toolkit "
                     "builds the unfolded Conv too",
    PinInputValues: "a pipeline step of --input-value NAME=VALUE: which value an input takes is the user's to say",
}


@dataclass
class FixRequest:
    """What the user asked `rknnlint fix` for."""

    config: Config = field(default_factory=Config)
    unsafe: bool = False
    input_shapes: dict[str, tuple[int, ...]] = field(default_factory=dict)
    input_values: dict[str, str] = field(default_factory=dict)  # --input-value: inputs fixed to a value
    cut_head: str | None = None  # "auto" or "t1,t2"
    rewrites: tuple[str, ...] = ()  # --rewrite: applied even without a finding
    verify: bool = True
    runs: int | None = None  # seeded input sets for the proof; None: 2, or 1 when the first is bit-identical
    user_inputs: list[dict[str, Any]] = field(default_factory=list)
    max_rounds: int = MAX_ROUNDS


@dataclass
class Step:
    """One rewrite the loop considered: applied, unchanged, rolled back, or skipped (with the reason)."""

    rewrite: str
    status: str  # applied | unchanged | rolled-back | skipped
    codes: tuple[str, ...] = ()
    applicability: str = "safe"
    notes: list[str] = field(default_factory=list)
    round: int = 1
    seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"rewrite": self.rewrite, "status": self.status, "codes": list(self.codes),
                "applicability": self.applicability, "notes": self.notes, "round": self.round}


@dataclass
class FixOutcome:
    """Everything one fix run produced; nothing is written yet."""

    original: onnx.ModelProto
    fixed: onnx.ModelProto
    tail: onnx.ModelProto | None = None
    steps: list[Step] = field(default_factory=list)
    before: list[Finding] = field(default_factory=list)
    after: list[Finding] = field(default_factory=list)
    converged: bool = True
    rounds: int = 0
    proof: Proof | None = None
    tolerance: Tolerance = EXACT
    renamed: dict[str, str] = field(default_factory=dict)
    values: dict[str, Any] = field(default_factory=dict)  # inputs made constants (--input-value): fed to the original
    seconds: dict[str, float] = field(default_factory=dict)
    advice: list[str] = field(default_factory=list)  # display-only fixes the findings asked for: not run
    invalid: str = ""  # the fixed model (or tail) still fails onnx.checker / strict shape inference: not written
    speculative: _Speculation | None = field(default=None, repr=False)

    @property
    def applied(self) -> list[Step]:
        return [s for s in self.steps if s.status == "applied"]

    @property
    def changed(self) -> bool:
        return bool(self.applied)

    @property
    def verified(self) -> bool:
        return self.proof is not None and self.proof.ok


def _lint(model: onnx.ModelProto, path: Path | None, config: Config, label: str, keep: list | None = None) -> list[Finding]:
    """The check's findings; `keep` receives the ModelView (the rewrites of the next round may use it)."""
    from ..context import build_context
    from ..engine import lint_model
    from ..graph import ModelView

    view = ModelView(model, path)
    if keep is not None:
        keep[:] = [view]
    return lint_model(view, config, build_context(config), model_label=label)


def would_rewrite(model: onnx.ModelProto, path: Path | None, request: FixRequest) -> bool:
    """Whether the fix loop's first round would apply any rewrite to this model (checked without weights)."""
    if request.rewrites or request.input_shapes or request.input_values or request.cut_head or \
            request.config.input_shapes:
        return True  # asked for explicitly (or by the config): rewrites that need the weights
    return any(not pl.skip for pl in _plan(_lint(model, path, request.config, str(path)), request, False))


def _validation_errors(model: onnx.ModelProto, keep: dict[int, bytes] | None = None) -> dict[str, str]:
    """onnx.checker and strict shape inference problems of a model, by stage. `keep`: receives the model's
    bytes under id(model) when it validates (the proof loads the same bytes)."""
    errs: dict[str, str] = {}
    weights = sum(len(t.raw_data) for t in model.graph.initializer)  # cheaper than ByteSize() on big models
    if weights < 2**31 - 2**26:
        try:  # both in one pass (full_check: strict, type-checking shape inference); apart only to name the stage
            data = model.SerializeToString()
            onnx.checker.check_model(data, full_check=True)
            if keep is not None:
                keep.clear()
                keep[id(model)] = data
            return errs
        except Exception:
            pass
        try:
            onnx.checker.check_model(model)
        except Exception as e:
            errs["onnx.checker"] = _first_line(e)
    try:
        onnx.shape_inference.infer_shapes(model, check_type=True, strict_mode=True)
    except Exception as e:
        errs["shape inference"] = _first_line(e)
    return errs


def _final_validation(model: onnx.ModelProto, tail: onnx.ModelProto | None, validated: dict[int, bytes]) -> str:
    """One line when the model the loop ended on (or its tail) fails validation, else ''. Each rewrite was
    only held to adding no new error; an error the original already had (a wrong declared shape, a bad
    attribute) can still be there, and the toolkit refuses such a model: it is not written."""
    errs = {} if id(model) in validated else _validation_errors(model)
    if errs and len(model.graph.value_info):  # stale shape hints of intermediate tensors: not part of the model
        hints = list(model.graph.value_info)
        del model.graph.value_info[:]
        errs = _validation_errors(model)
        if errs:
            model.graph.value_info.extend(hints)
    if errs and _declare_output_shapes(model):  # an output typed without a shape (older exporters)
        errs = _validation_errors(model)
    where = "the fixed model"
    if not errs and tail is not None:
        errs, where = _validation_errors(tail), "the post-processing tail"
    return "; ".join(f"{where} fails {k}: {v}" for k, v in errs.items())


def _declare_output_shapes(model: onnx.ModelProto) -> bool:
    """Graph outputs whose tensor type has no shape field (which onnx's full checker rejects) get the shape that
    shape inference gives them: the interface's metadata, not its numbers. Whether anything was declared."""
    missing = [o for o in model.graph.output if o.type.HasField("tensor_type") and not o.type.tensor_type.HasField("shape")]
    if not missing:
        return False
    try:
        inferred = onnx.shape_inference.infer_shapes(model)
    except Exception:
        return False
    known = {v.name: v for v in list(inferred.graph.value_info) + list(inferred.graph.output)}
    producer = {x: n for n in model.graph.node for x in n.output}
    done = False
    for o in missing:
        v = known.get(o.name)
        if v is not None and v.type.tensor_type.HasField("shape"):
            o.type.tensor_type.shape.CopyFrom(v.type.tensor_type.shape)
            done = True
            continue
        p = producer.get(o.name)  # a Reshape to a computed shape: its rank is the shape tensor's length
        s = known.get(p.input[1]) if p is not None and p.op_type == "Reshape" and len(p.input) > 1 else None
        dims = s.type.tensor_type.shape.dim if s is not None and s.type.tensor_type.HasField("shape") else []
        if len(dims) == 1 and dims[0].HasField("dim_value"):
            shape = o.type.tensor_type.shape
            for _ in range(dims[0].dim_value):
                shape.dim.add()
            done = True
    return done


def _first_line(e: Exception) -> str:
    for line in str(e).strip().splitlines():
        if line.strip():
            return line.strip()[:300]
    return type(e).__name__


def _options(request: FixRequest, platform_opts: dict[str, Any]) -> RewriteOptions:
    return RewriteOptions(input_shapes=dict(request.input_shapes), input_values=dict(request.input_values),
                          cut_head=request.cut_head,
                          allow_unsafe=request.unsafe, **platform_opts)


def _platform_options(config: Config) -> dict[str, Any]:
    """Rewrite options that come from the (first) target's platform facts."""
    from ..context import build_context

    ctx = build_context(config)
    _, platform = ctx.targets[0]
    lo, hi = platform.opset_window
    rec = int(platform.facts.get("opset", {}).get("recommended_min", 12))
    opts: dict[str, Any] = {"opset_window": (max(lo, rec), hi), "opset": 13 if max(lo, rec) <= 13 <= hi else hi,
                            "max_rank": int(platform.fact("max_rank", 4))}
    name_max = platform.fact("int8_output_name_max")
    if isinstance(name_max, int):
        opts["max_output_name"] = name_max
    if ctx.toolkit_version:  # --toolkit-version: the IR its pinned onnx reads (RKN204; 9 for 2.2.0), not the installed one's
        from ..toolkit.versions import facts

        opts["max_ir_version"] = facts(ctx.toolkit_version).max_ir_version
    c2 = getattr(platform, "c2", None)
    if callable(c2):
        try:
            opts["channel_align"] = int(c2(config.dtype))
        except Exception:
            pass
    return opts


@dataclass
class _Planned:
    name: str
    codes: tuple[str, ...]
    explicit: bool
    skip: str = ""
    allow_unsafe: bool = False
    applicability: Applicability = Applicability.SAFE
    options: dict[str, Any] = field(default_factory=dict)  # from the rules' Fix declarations


def _plan(findings: list[Finding], request: FixRequest, first: bool, done: frozenset[str] = frozenset()) -> list[_Planned]:
    """The rewrites one round runs: for each finding, the first fix of its rule's Fix chain (rule.Fix) not done
    yet, at the level the rule declared; then what the command line names."""
    from ..rule import STRICTNESS, all_rules

    rewrites = all_rewrites()
    rules = all_rules()
    wanted: dict[str, set[str]] = {}
    level: dict[str, Applicability] = {}  # the least strict level among the findings asking for a rewrite
    options: dict[str, dict[str, Any]] = {}
    explicit: set[str] = set()
    for f in findings:
        rule = rules.get(f.code)
        # the first fix of the chain not done yet that is for this finding (a rule's fallback can be for other ops)
        fix = next((x for x in rule.fix.chain() if x.name not in done and x.applies(f)), None) if rule and rule.fix else None
        if fix is None or fix.name not in rewrites:
            continue
        wanted.setdefault(fix.name, set()).add(f.code)
        if fix.name not in level or STRICTNESS[fix.level] < STRICTNESS[level[fix.name]]:
            level[fix.name] = fix.level
        options.setdefault(fix.name, {}).update(fix.options)
    if first:
        for name in request.rewrites:
            wanted.setdefault(name, set())
            explicit.add(name)
        if request.input_shapes:
            wanted.setdefault("pin-input-shapes", set())
            explicit.add("pin-input-shapes")
        if request.input_values:
            wanted.setdefault("pin-input-values", set())
            explicit.add("pin-input-values")
        if request.cut_head:
            wanted.setdefault("cut-head", set())
            explicit.add("cut-head")
    rank = {n: i for i, n in enumerate(ORDER)}
    out = []
    for name in sorted(wanted, key=lambda n: (rank.get(n, len(ORDER)), n)):
        cls = rewrites[name]
        codes = tuple(sorted(wanted[name]))
        lv = level.get(name, cls.applicability)
        p = _Planned(name, codes, name in explicit, allow_unsafe=request.unsafe or name in explicit, applicability=lv,
                     options=options.get(name, {}))
        if lv == Applicability.UNSAFE and not p.allow_unsafe and not cls.has_safe_cases:
            p.skip = "pass --unsafe-fixes" + (" or --cut-head auto" if name == "cut-head" else "")
        elif lv == Applicability.DISPLAY_ONLY and not p.explicit:
            p.skip = f"advice only: apply it with --rewrite {name}"
        out.append(p)
    return out


def fix_model(model: onnx.ModelProto, request: FixRequest, path: str | os.PathLike | None = None,
              label: str = "") -> FixOutcome:
    """Run the bounded fix loop on an in-memory model (external data loaded), then the numeric proof.

    RewriteRefused (a usage error) propagates; a rewrite that breaks validation is rolled back and named."""
    from ..rewrites import get_rewrite

    t0 = time.perf_counter()
    p = Path(path) if path else None
    label = label or (str(p) if p else "<model>")
    rewrites = all_rewrites()
    expanded: list[str] = []
    for name in request.rewrites:
        if name in REWRITE_GROUPS:
            expanded.extend(REWRITE_GROUPS[name])
        elif name in rewrites:
            expanded.append(name)
        else:
            known = ", ".join(list(rewrites) + list(REWRITE_GROUPS))
            raise UsageError(f"--rewrite: unknown rewrite '{name}' (known: {known})")
    request = replace(request, rewrites=tuple(dict.fromkeys(expanded)))
    base_opts = _options(request, _platform_options(request.config))
    last_view: list = []  # the ModelView of the last check
    findings = _lint(model, p, request.config, label, last_view)
    outcome = FixOutcome(original=model, fixed=model, before=list(findings))
    outcome.seconds["check"] = time.perf_counter() - t0
    baseline: dict[str, str] | None = None  # the original's own problems, computed when a rewrite fails validation
    done: set[str] = set()  # rewrites that had nothing (more) to do, were skipped or rolled back
    validated: dict[int, bytes] = {}  # the bytes of the last model that validated, by id
    current = model
    placement_before = _placement(findings)
    replay = False  # a placement roll-back dropped later steps of the round: plan explicit rewrites again
    converged = False
    rnd = 0
    for rnd in range(1, request.max_rounds + 1):
        applied_names = {s.rewrite for s in outcome.applied}
        plan = [pl for pl in _plan(findings, request, rnd == 1 or replay, frozenset(done)) if pl.name not in done
                and not (replay and rnd > 1 and pl.explicit and pl.name in applied_names)]
        replay = False
        round_log: list = []
        round_start = findings
        if not plan:
            converged = True
            break
        progress = False
        for pl in plan:
            if pl.skip and pl.applicability == Applicability.DISPLAY_ONLY:  # advice, not a step
                outcome.advice.append(f"--rewrite {pl.name} [{', '.join(pl.codes)}] (display-only): "
                                      f"{rewrites[pl.name].summary}")
                done.add(pl.name)
                continue
            step = Step(pl.name, "skipped", pl.codes, pl.applicability.value, round=rnd)
            outcome.steps.append(step)
            if pl.skip:
                step.notes = [pl.skip]
                done.add(pl.name)
                continue
            ts = time.perf_counter()
            # the rule's options, except where the command line gave the value
            given = {"input_shapes": bool(request.input_shapes), "cut_head": request.cut_head is not None}
            opts = replace(base_opts, **{k: v for k, v in pl.options.items() if not given.get(k)}, codes=pl.codes,
                           explicit=pl.explicit, allow_unsafe=pl.allow_unsafe, view=last_view[0] if last_view else None)
            try:
                res = get_rewrite(pl.name).apply(current, opts)
            except RewriteRefused:
                raise
            except ImportError as e:
                step.notes = [f"needs {e.name or 'a missing module'}: pip install 'rknnlint[fix]'"]
                done.add(pl.name)
                continue
            except Exception as e:
                if os.environ.get("RKNNLINT_DEBUG"):
                    raise
                step.status, step.notes = "rolled-back", [f"internal error in the rewrite ({type(e).__name__}: {e})"]
                done.add(pl.name)
                continue
            step.seconds = time.perf_counter() - ts
            step.notes = list(res.notes)
            if not res.changed:
                step.status = "unchanged"
                done.add(pl.name)
                continue
            # rewrites append new nodes where convenient; the toolkit refuses a graph out of topological order
            toposort(res.model.graph)
            if res.extra.get("tail") is not None:
                toposort(res.extra["tail"].graph)
            errs = _validation_errors(res.model, validated)
            if errs and baseline is None:
                baseline = _validation_errors(model)
            new = {k: v for k, v in errs.items() if k not in (baseline or {})}
            if new:
                step.status = "rolled-back"
                step.notes = [f"{k}: {v}" for k, v in new.items()] + step.notes
                done.add(pl.name)
                continue
            round_log.append((step, (current, outcome.tail, dict(outcome.renamed), dict(outcome.values),
                                     outcome.tolerance), res.model))
            step.status = "applied"
            current = res.model
            rw = get_rewrite(pl.name)
            outcome.tolerance = outcome.tolerance.loosest(rw.tolerance_for(res))
            if res.extra.get("tail") is not None:
                if outcome.tail is not None:
                    raise UsageError("the head was cut twice; cut it once (--cut-head)")
                outcome.tail = res.extra["tail"]
            outcome.renamed.update(res.extra.get("renamed", {}))
            outcome.values.update(res.extra.get("values", {}))
            progress = True
        if not progress:
            continue  # nothing changed: the next plan has only what the done rewrites left open
        if request.verify:
            outcome.speculative = _Speculation.start(outcome, current, request, validated.get(id(current)))
        tc = time.perf_counter()
        findings = _lint(current, None, request.config, label, last_view)
        if _added_placement(findings, placement_before):
            back, replay, placement_before = _roll_back_placement(outcome, round_log, round_start, placement_before,
                                                                  request, label, done)
            if back is not None:
                current = back
                findings = _lint(current, None, request.config, label, last_view)
        outcome.seconds["check"] += time.perf_counter() - tc
    else:
        converged = not [pl for pl in _plan(findings, request, False, frozenset(done)) if pl.name not in done and not pl.skip]
    if outcome.applied:
        outcome.invalid = _final_validation(current, outcome.tail, validated)
        if not outcome.invalid and any(f.code == "RKN206" for f in findings):  # the checker's complaint was mended
            findings = _lint(current, None, request.config, label)
        current = _record(current, outcome.applied)
    outcome.fixed = current
    outcome.after = findings
    outcome.converged = converged
    outcome.rounds = rnd
    outcome.seconds["fix"] = time.perf_counter() - t0
    return outcome


# Findings that say where layers run or that the toolkit crashes: a rewrite must not add any the original did
# not have (a fix that builds but moves layers to the CPU is no fix). Shape-dependent placement (RKN610 / RKN611)
# is left out: pinning shapes makes such findings decidable, it does not add the layers.
PLACEMENT_CODES = ("RKN601",)
CRASH_PREFIX = "RKN7"


def _placement(findings: list[Finding]) -> dict[tuple[str, str], int]:
    """(code, op type) -> count of CPU-placement and crash findings."""
    out: dict[tuple[str, str], int] = {}
    for f in findings:
        if f.code in PLACEMENT_CODES or f.code.startswith(CRASH_PREFIX):
            key = (f.code, f.location.op_type if f.code in PLACEMENT_CODES else "")
            out[key] = out.get(key, 0) + 1
    return out


def _added_placement(findings: list[Finding], before: dict[tuple[str, str], int]) -> list[str]:
    """What `findings` have beyond `before`: ['RKN601 Erf x2', 'RKN705'] (empty when nothing was added)."""
    now = _placement(findings)
    return [f"{code} {op} x{n - before.get((code, op), 0)}" if op else code
            for (code, op), n in sorted(now.items()) if n > before.get((code, op), 0)]


def _roll_back_placement(outcome: FixOutcome, round_log: list, start: list[Finding], before: dict,
                         request: FixRequest, label: str, done: set[str]) -> tuple[onnx.ModelProto | None, bool, dict]:
    """The round's models re-checked one rewrite at a time. The first whose result adds a toolkit crash the
    original did not have, or CPU layers without removing an error (a load refusal, a crash) in exchange, is
    rolled back and named with what it added; the rewrites after it are dropped from the round, to be planned
    again. A rewrite that adds CPU layers to remove an error is kept and its note says so. Returns the model to go
    on with (None: nothing rolled back), whether later steps were dropped, and the placement later rounds are
    compared with (the original's, plus what was kept)."""
    prev = start
    for k, (step, snap, after) in enumerate(round_log):
        now = _lint(after, None, request.config, label)
        added = _added_placement(now, before)
        crash = [a for a in added if a.startswith(CRASH_PREFIX)]
        errors_before = {f.code for f in prev if f.severity >= Severity.ERROR}
        removed = sorted(errors_before - {f.code for f in now if f.severity >= Severity.ERROR})
        if added and not crash and removed:
            step.notes = [f"adds {', '.join(added)} to remove {', '.join(removed)}"] + step.notes
            before = _placement(now)  # what later rewrites are compared with
        elif added:
            model, tail, renamed, values, tolerance = snap
            outcome.tail, outcome.renamed, outcome.values, outcome.tolerance = tail, renamed, values, tolerance
            outcome.speculative = None
            step.status = "rolled-back"
            step.notes = [f"would add what the original did not have: {', '.join(added)}"] + step.notes
            done.add(step.rewrite)
            dropped = {id(s) for s, _, _ in round_log[k + 1:]}
            outcome.steps[:] = [s for s in outcome.steps if id(s) not in dropped]
            return model, bool(dropped), before
        prev = now
    return None, False, before


FIXES_KEY = "rknnlint.fixes"


def _record(model: onnx.ModelProto, applied: list[Step]) -> onnx.ModelProto:
    """The model with metadata_props['rknnlint.fixes'] listing the applied rewrites and the rules behind them."""
    from .. import __version__

    m = model  # a rewrite's own copy: changed in place
    old = next((p.value for p in m.metadata_props if p.key == FIXES_KEY), "")
    keep = [p for p in m.metadata_props if p.key != FIXES_KEY]
    del m.metadata_props[:]
    m.metadata_props.extend(keep)
    now = "; ".join(f"{s.rewrite}" + (f" ({', '.join(s.codes)})" if s.codes else "") for s in applied)
    value = f"{old}; {now}" if old else f"rknnlint {__version__}: {now}"
    m.metadata_props.append(onnx.StringStringEntryProto(key=FIXES_KEY, value=value))
    return m


@dataclass
class _Speculation:
    """The proof of the model a round left, started in another thread before the re-check (Python) that
    decides whether it is the last: onnxruntime runs while the rules do. verify() uses it when the loop
    ended on that model and the proof would be asked the same; otherwise it is dropped."""

    fixed: onnx.ModelProto
    tail: onnx.ModelProto | None
    tolerance: Tolerance
    runs: int | None
    user_inputs: list
    future: Any

    @classmethod
    def start(cls, outcome: FixOutcome, current: onnx.ModelProto, request: FixRequest,
              current_data: bytes | None = None) -> _Speculation:
        from concurrent.futures import ThreadPoolExecutor

        from ._proof import prove, serialized

        # serialized here, since _record later edits `current` (its metadata: the numbers are the same)
        data = serialized(outcome.original, current, outcome.tail, current_data)
        pool = ThreadPoolExecutor(1)
        future = pool.submit(prove, outcome.original, current, outcome.tail, outcome.tolerance, request.runs,
                             request.user_inputs, dict(outcome.renamed), data=data,
                             values=dict(outcome.values))
        pool.shutdown(wait=False)
        return cls(current, outcome.tail, outcome.tolerance, request.runs, request.user_inputs, future)

    def matches(self, outcome: FixOutcome, request: FixRequest) -> bool:
        same_inputs = self.user_inputs is request.user_inputs or not (self.user_inputs or request.user_inputs)
        return (self.fixed is outcome.fixed and self.tail is outcome.tail and self.tolerance == outcome.tolerance
                and self.runs == request.runs and same_inputs)


def verify(outcome: FixOutcome, request: FixRequest) -> Proof | None:
    """Prove the fixed model in onnxruntime (None when nothing changed)."""
    from ._proof import prove

    if not outcome.changed:
        return None
    t = time.perf_counter()
    spec, outcome.speculative = outcome.speculative, None
    if spec is not None and spec.matches(outcome, request):
        outcome.proof = spec.future.result()
    else:
        outcome.proof = prove(outcome.original, outcome.fixed, outcome.tail, outcome.tolerance, request.runs,
                              request.user_inputs, outcome.renamed, values=outcome.values)
    outcome.seconds["proof"] = time.perf_counter() - t
    return outcome.proof


def remaining(outcome: FixOutcome, fail_on: Severity) -> list[Finding]:
    return [f for f in outcome.after if f.severity >= fail_on]
