"""Option groups shared by several subcommands, so that they spell and mean the same everywhere."""
from __future__ import annotations

import argparse
from dataclasses import replace

from ..config import Config, check_codes, load_config
from ..errors import UsageError
from ..finding import Severity


def target_help(allow_all: bool = True) -> str:
    """The --target help, listing the targets of the platform data (rules/<family>.yaml)."""
    from ..config import Config
    from ..platforms import all_targets

    default = Config().target
    names = [f"{t} (default)" if t == default else t for t in all_targets()]
    return "target platform: " + ", ".join(names) + (", a comma list, or all" if allow_all else "")


def add_target_options(p: argparse.ArgumentParser, allow_all: bool = True) -> None:
    g = p.add_argument_group("target")
    g.add_argument("--target", "-t", default=None, help=target_help(allow_all))
    g.add_argument("--dtype", choices=("float16", "int8"), default=None,
                   help="the build you plan: float16 (default) or int8 (quantized)")
    g.add_argument("--toolkit-version", default=None, metavar="V",
                   help="rknn-toolkit2 version whose facts and measured op tables (rules/measured) to use; default: the "
                        "installed one, else the newest measured")


def add_selection_options(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("rule selection")
    g.add_argument("--select", default=None, help="comma list of rule codes, prefixes or names to run")
    g.add_argument("--ignore", default=None, help="comma list of rule codes, prefixes or names to skip")
    g.add_argument("--config", default=None, help="config file (rknnlint.yaml or pyproject.toml); default: nearest one")
    g.add_argument("--exclude", action="append", default=None, metavar="GLOB[,GLOB]",
                   help="skip these files or folders below a named folder, besides the config's exclude list and "
                        "the default (.venv, venv, node_modules, .git, ...); repeatable or a comma list")


def parse_input_shapes(items: list[str] | None) -> dict[str, tuple[int, ...]]:
    """NAME=1,3,640,640 items into a dict; a bad item is a usage error."""
    out: dict[str, tuple[int, ...]] = {}
    for item in items or []:
        name, sep, dims = item.rpartition("=")
        if not sep or not name:
            raise UsageError(f"--input-shape '{item}': expected NAME=1,3,640,640")
        try:
            shape = tuple(int(d) for d in dims.replace("x", ",").split(",") if d.strip())
        except ValueError:
            raise UsageError(f"--input-shape '{item}': dims must be integers") from None
        if not shape or any(d <= 0 for d in shape):
            raise UsageError(f"--input-shape '{item}': dims must be positive integers")
        out[name] = shape
    return out


def config_from_args(args: argparse.Namespace) -> Config:
    """The file config with command-line flags on top."""
    cfg = load_config(getattr(args, "config", None))
    changes = {}
    if getattr(args, "target", None):
        changes["target"] = args.target
    if getattr(args, "dtype", None):
        changes["dtype"] = args.dtype
    if getattr(args, "select", None):
        changes["select"] = tuple(s.strip() for s in args.select.split(",") if s.strip())
        check_codes(changes["select"], "--select")
    if getattr(args, "ignore", None):
        flag = tuple(s.strip() for s in args.ignore.split(",") if s.strip())
        check_codes(flag, "--ignore")
        changes["ignore"] = tuple(cfg.ignore) + flag
    if getattr(args, "fail_on", None):
        changes["fail_on"] = Severity.parse(args.fail_on)
    if getattr(args, "input_shape", None):
        changes["input_shapes"] = {**cfg.input_shapes, **parse_input_shapes(args.input_shape)}
    if getattr(args, "exclude", None):
        changes["extend_exclude"] = tuple(cfg.extend_exclude) + tuple(
            x.strip() for item in args.exclude for x in item.split(",") if x.strip())
    if getattr(args, "toolkit_version", None):
        changes["toolkit_version"] = args.toolkit_version
    return replace(cfg, **changes)


def discovery_config(args: argparse.Namespace) -> Config:
    """The file config with --exclude on top: what decides which files a folder argument covers (for commands
    that build the rest of their config later)."""
    cfg = load_config(getattr(args, "config", None))
    extra = tuple(x.strip() for item in getattr(args, "exclude", None) or [] for x in item.split(",") if x.strip())
    return replace(cfg, extend_exclude=tuple(cfg.extend_exclude) + extra) if extra else cfg
