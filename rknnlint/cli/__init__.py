"""The `rknnlint` command: subcommands live one per module in this package."""
from __future__ import annotations

import argparse
import importlib
import sys

from .. import __version__
from ..errors import RknnlintError

# Each module defines add_parser(subparsers) and run(args) -> int.
COMMANDS = ("check", "fix", "build", "rules", "explain", "probe", "doctor", "package")


def build_parser() -> tuple[argparse.ArgumentParser, dict[str, object]]:
    parser = argparse.ArgumentParser(
        prog="rknnlint",
        description="Check, fix and trial-build ONNX models for Rockchip RKNN NPUs (rknn-toolkit2).",
        epilog="Exit codes: 0 clean, 1 findings at or above --fail-on (or a failed build), 2 usage error or unreadable model.",
    )
    parser.add_argument("--version", action="version", version=f"rknnlint {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    modules = {}
    for name in COMMANDS:
        try:
            mod = importlib.import_module(f"rknnlint.cli.{name}_cmd")
        except ModuleNotFoundError as e:
            if e.name == f"rknnlint.cli.{name}_cmd":
                continue
            raise
        mod.add_parser(sub)
        modules[name] = mod
    return parser, modules


class _Parser(argparse.ArgumentParser):
    pass


def main(argv: list[str] | None = None) -> int:
    parser, modules = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as e:  # argparse already printed one usage line
        return 0 if e.code == 0 else 2
    if not args.command:
        parser.print_help()
        return 2
    try:
        return int(modules[args.command].run(args) or 0)
    except RknnlintError as e:
        print(f"rknnlint: error: {e}", file=sys.stderr)
        return e.exit_code
    except KeyboardInterrupt:
        print("rknnlint: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
