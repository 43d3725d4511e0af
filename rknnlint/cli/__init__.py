"""The `rknnlint` command: subcommands live one per module in this package."""
from __future__ import annotations

import argparse
import importlib
import os
import sys

from .. import __version__
from ..errors import RknnlintError

# Each module defines add_parser(subparsers) and run(args) -> int.
COMMANDS = ("check", "fix", "build", "rules", "explain", "probe", "doctor", "package-pt", "export", "package")


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
            mod = importlib.import_module(f"rknnlint.cli.{name.replace('-', '_')}_cmd")
        except ModuleNotFoundError as e:
            if e.name == f"rknnlint.cli.{name.replace('-', '_')}_cmd":
                continue
            raise
        mod.add_parser(sub)
        modules[name] = mod
    return parser, modules


class _Parser(argparse.ArgumentParser):
    pass


def main(argv: list[str] | None = None) -> int:
    if argv is None:  # a whole process: the model's bytes are read while the imports below run
        from ..prefetch import start_for_check

        start_for_check(sys.argv[1:])
    code = _main(argv)
    if argv is None:  # the program is about to exit (console script, python -m rknnlint)
        import gc

        # the interpreter's last collection walks every object the rule tables and onnx left (0.3-0.6 s measured
        # after a check); frozen objects are skipped, and the process ends right after
        gc.freeze()
    return code


def _main(argv: list[str] | None) -> int:
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
    except Exception as e:  # a bug in rknnlint, not in the input: one line; RKNNLINT_DEBUG=1 shows the traceback
        if os.environ.get("RKNNLINT_DEBUG"):
            raise
        print(f"rknnlint: internal error: {_one_line(e)} (RKNNLINT_DEBUG=1 shows the traceback; please report it, "
              "see docs/security.md)", file=sys.stderr)
        return 2


def _one_line(e: BaseException) -> str:
    """The exception's type and the first line of its message, at most 300 characters."""
    text = next((ln.strip() for ln in str(e).splitlines() if ln.strip()), "")
    return f"{type(e).__name__}: {text}"[:300] if text else type(e).__name__


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
