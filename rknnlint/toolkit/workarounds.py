"""Known rknn-toolkit2 fusion-pass crashes that rknn.config(disable_rules=[...]) avoids (2.5.0)."""
from __future__ import annotations

# pass name (without _p_) -> why it is known to be safe to try
KNOWN = {
    "seperate_conv_rs_split": "crashes on YOLOv8/YOLO11 DFL decode heads (docs/facts.md#real-exports)",
    "seperate_exmatmul_rs_split": "crashes on some attention MatMuls after a rank-5 qkv reshape (docs/facts.md#real-exports)",
    "fuse_exmatmul_add_mul_exsoftmax13_exmatmul_to_sdpa": "crashes on ultralytics attention, v @ softmax^T (RKN707); "
                                                          "measured to build YOLO11n / YOLOv10n / YOLO12n / YOLO26n",
}


def workaround_for(outcome) -> str | None:
    """The rule to disable for a failed build, when the crash is a known one."""
    if outcome.built or outcome.disable_rules:
        return None
    for f in outcome.findings:
        for rule in f.data.get("disable_rules", []) or []:
            if rule in KNOWN:
                return rule
    return outcome.suggested_rule if outcome.suggested_rule in KNOWN else None
