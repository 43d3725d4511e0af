"""What the real rknn-toolkit2 build reports (`rknnlint build`, `check --build`): rules with codes, docs and
`--ignore`, found by reading the build, never by the static check."""
