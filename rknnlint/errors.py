"""Errors a user can cause; the CLI prints their message as one line and exits 2."""
from __future__ import annotations


class RknnlintError(Exception):
    """A problem with the user's input (model, flag, config): reported in one line, exit code 2."""

    exit_code = 2


class ModelLoadError(RknnlintError):
    """The model file cannot be read as an ONNX model (missing, truncated, not protobuf, unsafe data path)."""


class UsageError(RknnlintError):
    """A command-line flag, target name or config key is wrong."""


class ConfigError(UsageError):
    """The configuration file is malformed or names an unknown key."""
