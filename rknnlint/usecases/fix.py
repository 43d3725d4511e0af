"""The `fix` use case: for each model, load -> fix loop (context -> engine -> rewrites) -> proof -> write, with
nothing printed. The CLI turns arguments into a FixJob, calls `run` and renders each model's result."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..errors import RknnlintError, UsageError
from ..finding import Severity


@dataclass(frozen=True)
class FixJob:
    """What `rknnlint fix` (or `check --fix`) was asked: the models, the fix request (config, rewrites, shapes,
    proof settings), where to write, and the user's proof inputs."""

    paths: Sequence[str | Path]
    request: Any  # fix.FixRequest
    output: str | None = None  # a file (one model) or a folder
    in_place: bool = False
    diff: bool = False
    dry_run: bool = False
    inputs: Sequence[str] = ()  # --inputs arrays for the proof (items may be comma lists)
    diff_format: str = "lines"  # --diff as text lines, or "dict" (the JSON report)
    build: bool = False  # also build the original and the fixed model with the real toolkit (first target)
    fail_on: Severity = Severity.ERROR


def run(job: FixJob, on_result: Callable[[dict], None] | None = None) -> tuple[int, list[dict], Any]:
    """Fix every model; returns (exit code, one result per model, the context.ToolkitChoice the findings are
    for). `on_result` sees each result as it is done. With several models, a model that fails gives a result
    with `error` and the rest go on; with one, the error is raised."""
    from ..context import build_context
    from ..engine import expand_paths

    toolkit = build_context(job.request.config).toolkit  # an unknown target is a usage error before any model is read
    if job.in_place and job.output:
        raise UsageError("--in-place and --output exclude each other")
    paths = expand_paths(job.paths, job.request.config)
    out_arg = Path(job.output) if job.output else None
    if out_arg is not None and len(paths) > 1 and not out_arg.is_dir():
        raise UsageError(f"--output {out_arg}: several models need an existing folder")
    results = []
    code = 0
    for p in paths:
        try:
            res = fix_one(p, job, out_arg)
        except RknnlintError as e:
            if len(paths) == 1:
                raise
            res = {"path": str(p), "error": str(e), "exit_code": e.exit_code}
        code = max(code, res["exit_code"])
        results.append(res)
        if on_result is not None:
            on_result(res)
    return code, results, toolkit


def fix_one(p: Path, job: FixJob, out_arg: Path | None) -> dict:
    """One model: the fix outcome, where it was (or would be) written, the proof, advice; `exit_code`."""
    from ..fix import (
        WeightsTooLarge,
        default_output,
        diff_dict,
        diff_lines,
        fix_model,
        load_full,
        load_user_inputs,
        tail_path,
        verify,
        would_rewrite,
        write_model,
    )

    request, fail_on = job.request, job.fail_on

    try:
        model, data_files = load_full(p)
    except WeightsTooLarge as e:  # fine when nothing needs fixing: the check needs no weights
        if would_rewrite(e.model, p, request):
            raise
        model, data_files = e.model, []
    items = [x.strip() for item in job.inputs or [] for x in item.split(",") if x.strip()]
    user = load_user_inputs(items, model)
    if user:
        request = replace(request, user_inputs=user)
    # the config file's input-shapes apply to the models that have those inputs; --input-shape wins
    names = {vi.name for vi in model.graph.input}
    from_config = {k: v for k, v in (request.config.input_shapes or {}).items() if k in names}
    if from_config:
        request = replace(request, input_shapes={**from_config, **request.input_shapes})
    if job.in_place:
        out = p
    elif out_arg is not None:
        out = out_arg / default_output(p).name if out_arg.is_dir() else out_arg
    else:
        out = default_output(p)
    if out.resolve() == p.resolve() and not job.in_place:
        raise UsageError(f"{out}: is the input; use --in-place to replace it")
    outcome = fix_model(model, request, p, label=str(p))
    tail_out = tail_path(p, out) if outcome.tail is not None else None
    res: dict = {"path": str(p), "output": None, "tail": None, "outcome": outcome, "written": [],
                 "unproven": False, "exit_code": 0, "fail_on": fail_on}
    if outcome.invalid:  # never written: the toolkit would refuse it, and the proof could not load it
        pass
    elif outcome.changed and request.verify:
        _check_user_shapes(outcome, request)
        verify(outcome, request)
    elif outcome.changed:
        res["unproven"] = True
    proof_failed = bool(outcome.invalid) or (outcome.proof is not None and not outcome.proof.ok)
    if job.build and outcome.changed and not proof_failed:
        from ..context import build_context
        from ..fix._build import build_check

        target = build_context(request.config).target_names[0]
        dtype = "int8" if request.config.dtype == "int8" else "fp16"
        res["build"] = build_check(p, outcome.fixed, target, dtype)
        proof_failed = not res["build"].ok  # nothing written, exit 1
    if job.diff and outcome.changed:
        tail_name = tail_out.name if tail_out else ""
        if job.diff_format == "dict":
            res["diff"] = diff_dict(outcome.original, outcome.fixed, outcome.tail, tail_name)
        else:
            res["diff"] = diff_lines(outcome.original, outcome.fixed, outcome.tail, tail_name)
    dry = job.diff or job.dry_run
    if outcome.changed and not proof_failed:
        res["output"] = str(out)
        res["tail"] = str(tail_out) if tail_out else None
        if not dry:
            stem = p.name[:-5] if p.name.endswith(".onnx") else p.name
            same = [f for f in data_files if f.resolve().parent == p.resolve().parent and f.name.startswith(stem)]
            if job.in_place and len(data_files) == 1 and same:
                # the model's own data file (X.onnx.data): replaced under its name (data first, then the model,
                # each by a rename), so that `git add -u` after the fix commits a model and the data it points at;
                # a data file named otherwise may be shared by other models and is left alone
                files = write_model(outcome.fixed, out, external=True, protected=[], data_name=same[0].name)
            else:
                files = write_model(outcome.fixed, out, external=bool(data_files), protected=data_files)
            if outcome.tail is not None and tail_out is not None:
                files += write_model(outcome.tail, tail_out, external=False, protected=data_files)
            res["written"] = [str(f) for f in files]
    left = [f for f in outcome.after if f.severity >= fail_on]
    # as ruff's --diff: a pending change exits 1, so that `fix --diff` / `--dry-run` can gate CI
    res["exit_code"] = 1 if proof_failed or left or (dry and outcome.changed) else 0
    res["advice"] = [] if proof_failed else outcome.advice + advice(outcome)
    return res


def advice(outcome) -> list[str]:
    """Crash workarounds no finding asked for but whose pattern is in the fixed model: say so (they are
    exact; rknn-toolkit2 2.5.0 crashed on each pattern in real exports)."""
    from ..fix import REWRITE_GROUPS
    from ..rewrites import RewriteOptions, get_rewrite

    done = {s.rewrite for s in outcome.steps}
    out = []
    for name in REWRITE_GROUPS["toolkit-workarounds"]:
        if name in done:
            continue
        try:
            r = get_rewrite(name).apply(outcome.fixed, RewriteOptions())
        except Exception:  # advice only: a rewrite that cannot even look at the model says nothing
            continue
        if r.changed:
            out.append(f"--rewrite {name} would change this model ({r.notes[0][:160]}): rknn-toolkit2 2.5.0 "
                       "crashed on this pattern in real exports")
    return out


def _check_user_shapes(outcome, request) -> None:
    """--inputs arrays must fit the fixed model's (now static) input shapes."""
    if not request.user_inputs:
        return
    static = {}
    for vi in outcome.fixed.graph.input:
        dims = [d.dim_value if d.HasField("dim_value") else None for d in vi.type.tensor_type.shape.dim]
        static[vi.name] = dims
    for feed in request.user_inputs:
        for name, arr in feed.items():
            want = static.get(name)
            if want is not None and (len(want) != arr.ndim or any(w is not None and w != s for w, s in zip(want, arr.shape))):
                raise UsageError(f"--inputs: array for '{name}' has shape {list(arr.shape)}; the fixed model takes "
                                 f"{['?' if w is None else w for w in want]}")
