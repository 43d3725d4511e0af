"""Known rknn-toolkit2 fusion-pass crashes that rknn.config(disable_rules=[...]) avoids, per toolkit version
(`workarounds` in rules/toolkit/<version>.yaml)."""
from __future__ import annotations


def known(version: str | None = None) -> dict[str, str]:
    """pass name (without _p_) -> why it is known to be safe to try, for `version` (default: the one in use)."""
    from .versions import facts, version_of

    return facts(version or version_of()).workarounds


def workaround_for(outcome, version: str | None = None) -> str | None:
    """The rule to disable for a failed build, when the crash is a known one."""
    if outcome.built or outcome.disable_rules:
        return None
    kn = known(version)
    for f in outcome.findings:
        for rule in f.data.get("disable_rules", []) or []:
            if rule in kn:
                return rule
    return outcome.suggested_rule if outcome.suggested_rule in kn else None
