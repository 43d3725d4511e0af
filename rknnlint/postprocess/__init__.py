"""Post-processing for NPU outputs that rknnlint cut (numpy only)."""
