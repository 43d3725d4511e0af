"""Re-verify the crash rules (RKN7xx) with one rknn-toolkit2 version and record the result as data.

Each crash rule has a minimal model that triggers it (the same graphs its tests build) and a neighbour that
must build; both are built with the given version's python (its venv, scripts/setup-toolkit.sh) for each
target, in a child process each. The outcome of every build is printed, and with --write the `crashes`
section of rules/toolkit/<version>.yaml is replaced by what was measured:

    crashes:
      measured: [<the commands that measured it>]
      rules:
        RKN704: {crashes: true, targets: [rk3588, rk3566], message: "..."}

A rule crashes for a version when its trigger model fails in the toolkit on at least one target; the crash
rules read that (rknnlint/toolkit/versions.py) to fire only for the versions measured to crash.

Usage: PYTHONPATH=. .venv/bin/python scripts/verify_crashes.py --version 2.3.2 [--python PY]
       [--targets rk3588,rk3566] [--models DIR] [--write] [--json OUT]
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "tests" / "rules")]
from rknnlint.toolkit.messages import failure_line  # noqa: E402
from rknnlint.toolkit.runner import BuildJob, RawRun, run_build  # noqa: E402


def cases():
    """(rule code, case name, model, True for the trigger / False for the neighbour that must build)."""
    import test_rkn701_resize_cubic as t701
    import test_rkn702_layernorm_no_epsilon as t702
    import test_rkn705_exmatmul_rs_split as t705
    import test_rkn706_conv_conv_add_crash as t706
    import test_rkn707_sdpa_fusion_crash as t707
    from _det_graphs import dfl_detector

    out = [("RKN701", "resize-cubic", t701._resize("cubic"), True),
           ("RKN701", "resize-linear", t701._resize("linear"), False),
           ("RKN701", "upsample-bicubic-op12-issue502", t701._upsample(), True),
           ("RKN701", "upsample-bilinear-op12-issue502", t701._upsample("linear"), False),
           ("RKN702", "layernorm-no-eps", t702._ln(None), True),
           ("RKN702", "layernorm-eps", t702._ln(1e-5), False),
           ("RKN704", "dfl-concat-conv-reshape-slice", dfl_detector(), True),
           ("RKN704", "dfl-no-slice", dfl_detector(slice_after=False), False),
           ("RKN705", "attention-rank5-qkv", t705._attention(), True),
           ("RKN705", "attention-random-bias", t705._attention(bias="rand"), False),
           ("RKN706", "two-gemm-heads-add", t706._heads(), True),
           ("RKN706", "two-gemm-heads-two-inputs", t706._heads(same_input=False), False),
           ("RKN707", "area-attention-v-softmaxT", t707._area_attention(), True),
           ("RKN707", "attention-batch2", t707._core(lead=(2, 2)), False)]
    try:
        import test_rkn708_reducemean_squeezed_spatial as t708
    except ImportError:
        return out
    return out + [(c, n, m, t) for c, n, m, t in t708.verify_cases()]


def shared_cases(folder: Path):
    """Real models for the same rules, when the folder has them (not needed: the minimal models decide)."""
    import onnx

    names = {"RKN701": "misc_resize_cubic_op13.onnx", "RKN702": "misc_layernorm_noeps_op17.onnx",
             "RKN704": "det_yolov8n_nc20_256_op12.onnx"}
    return [(code, f"shared:{Path(n).stem}", onnx.load(str(folder / n)), True)
            for code, n in names.items() if (folder / n).is_file()]


def build(python: str, path: Path, target: str) -> RawRun:
    """One build through rknnlint's toolkit runner: fp16, int8 (seeded calibration) where the family builds nothing
    else (rv1106, rv1106b), as scripts/verify_crash_patterns.py does."""
    from rknnlint.platforms import resolve_target

    int8 = resolve_target(target).fact("fp16_build", True) is False
    return run_build(BuildJob(model=str(path), target=target, dtype="int8" if int8 else "fp16"), timeout=900.0,
                     python=python, write_log=False)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--version", required=True)
    ap.add_argument("--python", help="python of the version's venv (default: found by rknnlint)")
    ap.add_argument("--targets", default="rk3588,rk3566")
    ap.add_argument("--models", type=Path, help="also build these real models (e.g. the models in fixtures/)")
    ap.add_argument("--only", help="comma list of rule codes")
    ap.add_argument("--triggers-only", action="store_true", help="skip the neighbours that must build")
    ap.add_argument("--write", action="store_true", help="replace the crashes section of rules/toolkit/VERSION.yaml")
    ap.add_argument("--json", type=Path, help="write every build's outcome here")
    a = ap.parse_args(argv)
    import onnx

    from rknnlint.errors import UsageError
    from rknnlint.toolkit import versions

    try:
        python = versions.checked_python(a.version, a.python)
    except UsageError as e:
        print(e, file=sys.stderr)
        return 2
    targets = [t for t in a.targets.split(",") if t]
    todo = cases() + (shared_cases(a.models) if a.models else [])
    if a.only:
        todo = [c for c in todo if c[0] in a.only.split(",")]
    if a.triggers_only:
        todo = [c for c in todo if c[3]]
    max_ir = versions.facts(a.version).max_ir_version
    runs = []
    with tempfile.TemporaryDirectory(prefix="rknnlint-verify-") as tmp:
        for code, name, model, trigger in todo:
            model.ir_version = min(model.ir_version, max_ir)  # the version's onnx must read the file
            path = Path(tmp) / f"{name.replace(':', '_')}.onnx"
            onnx.save(model, str(path))
            for target in targets:
                raw = build(python, path, target)
                rc, ok = raw.returncode if raw.returncode is not None else -9, raw.status == "built"
                msg = "" if ok else failure_line(raw)[:240]
                runs.append({"code": code, "case": name, "trigger": trigger, "target": target, "rc": rc,
                             "built": ok, "message": msg, "seconds": round(raw.seconds, 1)})
                print(f"{a.version} {code} {name:<34} {target:<7} {'built' if ok else 'FAILED'}"
                      f"{'' if ok else ': ' + msg}", flush=True)
    if a.json:
        a.json.write_text(json.dumps(runs, indent=1))
    rules = {}
    for code in dict.fromkeys(r["code"] for r in runs):
        trig = [r for r in runs if r["code"] == code and r["trigger"] and not r["case"].startswith("shared:")]
        bad = [r for r in trig if not r["built"]]
        rules[code] = {"crashes": bool(bad), "targets": sorted({r["target"] for r in bad}),
                       "message": bad[0]["message"] if bad else "builds on " + ", ".join(sorted({r["target"] for r in trig}))}
        neighbours = [r for r in runs if r["code"] == code and not r["trigger"] and not r["built"]]
        if neighbours:
            rules[code]["neighbour_failed"] = f"{neighbours[0]['case']} on {neighbours[0]['target']}: {neighbours[0]['message']}"
    if a.write:
        opts = " ".join(x for x in (f"--targets {a.targets}", a.only and f"--only {a.only}",
                                    a.triggers_only and "--triggers-only") if x)
        write(a.version, rules, f"scripts/verify_crashes.py --version {a.version} {opts} --write")
    return 0


def write(version: str, rules: dict, command: str) -> None:
    """Rewrite the trailing `crashes:` section of rules/toolkit/<version>.yaml (always the last key): the rules
    measured now replace their old entries, the others stay, and the command joins the list in `measured`."""
    import yaml

    path = ROOT / "rules" / "toolkit" / f"{version}.yaml"
    text = path.read_text(encoding="utf-8")
    old = (yaml.safe_load(text) or {}).get("crashes") or {}
    commands = old.get("measured") or []
    commands = [commands] if isinstance(commands, str) else list(commands)
    rules = {**(old.get("rules") or {}), **rules}
    rules = dict(sorted(rules.items()))
    command = [*[c for c in commands if c != command], command]
    head = text.split("\n# Crash rules re-verified", 1)[0].split("\ncrashes:", 1)[0].rstrip("\n")
    rest = text.split("\ncrashes:", 1)[1] if "\ncrashes:" in text else ""
    nxt = re.search(r"^[^\s]", rest, re.M)  # the next top-level key (or its comment) stays after the block
    tail = rest[nxt.start():] if nxt else ""
    block = yaml.safe_dump({"crashes": {"measured": command, "rules": rules}}, sort_keys=False, width=200,
                           allow_unicode=True)
    path.write_text(head + "\n# Crash rules re-verified with this version (written by the command in `measured`).\n"
                    + block + tail, encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
