"""README.md and docs/ against the tool: every code they name exists, what they call rule-less really is,
every `rknnlint ...` command they show parses with the CLI's own parser, and every source a rule cites can
be opened (docs/facts.md anchors, never a file outside the repository)."""
from __future__ import annotations

import io
import re
import shlex
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from conftest import load_script

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
PAGES = [ROOT / "README.md", *sorted(DOCS.rglob("*.md"))]
FENCE = re.compile(r"^```(\w*)\n(.*?)^```", re.M | re.S)
INLINE = re.compile(r"(?<!`)`(rknnlint [^`\n]+)`(?!`)")
OFF_REPO = "RKNN_" + "FACTS"  # the team's notes, in neither the repository nor the wheel (split: not to match itself)


def _rules():
    from rknnlint.rule import all_rules

    return all_rules()


def _build_codes() -> set[str]:
    """Codes `rknnlint build` reports (rknnlint/toolkit/logparse.py), which are not static rules."""
    from rknnlint.toolkit import logparse

    return {v[0] for v in vars(logparse).values() if isinstance(v, tuple) and v and isinstance(v[0], str)
            and re.fullmatch(r"RKN\d{3}", v[0])}


def _norm(s: str) -> str:
    return " ".join(s.split())


def test_every_code_in_the_docs_exists():
    known = set(_rules()) | _build_codes()
    assert {"RKN090", "RKN092", "RKN306"} <= known
    bad = []
    for page in PAGES:
        for i, line in enumerate(page.read_text(encoding="utf-8").splitlines(), 1):
            for code in re.findall(r"\bRKN\d{3,4}\b", line):
                if code not in known and not re.search(rf"{code}\b.*(?:unknown|not a rule|no such)|(?:unknown|not a rule|no such)[^.]*'{code}'", line, re.I):
                    bad.append(f"{page.relative_to(ROOT)}:{i}: {code}")
    assert not bad, "codes that are neither a rule nor a build code:\n" + "\n".join(bad)


def _message_pattern(msg: str) -> re.Pattern:
    """A toolkit message as quoted in the docs, with its placeholders ([...], 'x', N, K) matching anything."""
    parts = re.split(r"(\[\.\.\.\]|'x'|'name'|\bN\b|\bK\b|\.\.\.)", _norm(msg))
    return re.compile("".join(".*?" if i % 2 else re.escape(p) for i, p in enumerate(parts)))


def _rule_texts() -> dict[str, str]:
    import inspect

    out = {}
    for code, rule in _rules().items():
        cls = rule if isinstance(rule, type) else type(rule)
        out[code] = _norm((cls.__doc__ or "") + " " + inspect.getsource(inspect.getmodule(cls)))
    return out


def _gen():
    return load_script("scripts/gen_rule_docs.py")


def test_messages_said_to_have_no_rule_really_have_none():
    """A toolkit message that errors.md (or any page) says no rule predicts must not be quoted by a rule."""
    texts = _rule_texts()
    claims = [(msg, f"errors.md: {msg}") for msg, _, codes, _ in _gen().ERRORS if not codes]
    for page in PAGES:
        for i, line in enumerate(page.read_text(encoding="utf-8").splitlines(), 1):
            if re.search(r"\bno (?:static )?rule\b", line, re.I):
                claims += [(m, f"{page.relative_to(ROOT)}:{i}") for m in re.findall(r"`([^`]{12,})`", line)]
    assert claims
    bad = [f"{where}: quoted by {code}" for msg, where in claims for code, text in texts.items()
           if _message_pattern(msg).search(text)]
    assert not bad, "said to have no rule, but a rule predicts it:\n" + "\n".join(bad)


def test_messages_with_a_rule_are_quoted_by_it():
    """The reverse: each errors.md row names rules, and the rules exist."""
    rules = _rules()
    rows = [(m, codes) for m, _, codes, _ in _gen().ERRORS if codes]
    assert rows and all(c in rules for _, codes in rows for c in codes)
    assert any("RKN306" in codes for _, codes in rows)


def _doc_commands():
    """(page, command, whole): commands in code blocks are whole; inline `rknnlint ...` spans in the text
    are often fragments (`rknnlint fix --unsafe-fixes`), so only their subcommand and flags are checked."""
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        for _, body in FENCE.findall(text):
            for line in body.replace("\\\n", " ").splitlines():
                s = re.sub(r"^\s*(?:\$ |- |run: |entry: |script: )*", "", line).strip()
                for seg in re.split(r"\s*(?:&&|\|\||;|\|)\s*", s):
                    seg = re.sub(r"^(?:[A-Z_]+=\S*\s+)+", "", seg.strip())
                    if seg.startswith("rknnlint "):
                        yield page, seg, True
        for m in INLINE.finditer(FENCE.sub("", text)):
            cmd = m.group(1)
            if not re.search(r"[\[\]{}<>]|\.\.\.|\|", cmd):  # usage synopses ([--opt], A|B, ...) are not commands
                yield page, cmd, False


def _flag_error(cmd: str) -> str | None:
    """A fragment's subcommand exists and each of its --flags is one of that subcommand's options."""
    import argparse

    from rknnlint.cli import build_parser

    parser, _ = build_parser()
    argv = shlex.split(cmd, comments=True)[1:]
    subs = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction)).choices
    if argv and argv[0].startswith("-"):  # `rknnlint --version`
        sub, args = parser, argv
    elif argv and argv[0] in subs:
        sub, args = subs[argv[0]], argv[1:]
    else:
        return f"no subcommand {argv[:1]}"
    flags = {o for a in sub._actions for o in a.option_strings}
    unknown = [t.split("=", 1)[0] for t in args if t.startswith("-") and t.split("=", 1)[0] not in flags
               and not re.fullmatch(r"-\d+(?:\.\d+)?", t)]
    return f"unknown option(s) {unknown}" if unknown else None


def _parse_error(cmd: str) -> str | None:
    from rknnlint.cli import build_parser

    parser, _ = build_parser()
    argv = shlex.split(cmd, comments=True)[1:]
    err = io.StringIO()
    try:
        with redirect_stdout(io.StringIO()), redirect_stderr(err):
            parser.parse_args(argv)
    except SystemExit as e:
        if e.code:
            return err.getvalue().strip().splitlines()[-1] if err.getvalue().strip() else f"exit {e.code}"
    return None


def test_commands_in_the_docs_parse():
    cmds = list(_doc_commands())
    assert sum(whole for *_, whole in cmds) >= 25 and sum(not whole for *_, whole in cmds) >= 25
    bad = [f"{page.relative_to(ROOT)}: `{cmd}`: {err}" for page, cmd, whole in cmds
           if (err := _parse_error(cmd) if whole else _flag_error(cmd))]
    assert not bad, "commands in the docs that the CLI rejects:\n" + "\n".join(bad)


def test_parse_check_catches_a_wrong_flag():
    assert _parse_error("rknnlint check model.onnx --no-such-flag") is not None
    assert _parse_error("rknnlint check model.onnx --target rk3588  # a comment") is None
    assert _flag_error("rknnlint fix --unsafe-fixes") is None
    assert _flag_error("rknnlint check --no-such-flag") is not None
    assert _flag_error("rknnlint explain --unsafe-fixes") is not None  # a real flag, of another subcommand
    assert _flag_error("rknnlint frobnicate") is not None


FACTS = DOCS / "facts.md"
CITE = re.compile(r"docs/facts\.md((?:#[\w-]+)(?:,\s*#[\w-]+)*)?")


def _anchors() -> set[str]:
    return set(re.findall(r'<a id="([\w-]+)"></a>', FACTS.read_text(encoding="utf-8")))


def _cited():
    for top in ("rknnlint", "rules", "docs", "scripts"):
        for f in sorted((ROOT / top).rglob("*")):
            if f.is_file() and f.suffix in (".py", ".yaml", ".md"):
                for m in CITE.finditer(f.read_text(encoding="utf-8")):
                    for a in re.findall(r"#([\w-]+)", m.group(1) or ""):
                        yield f, a
    for page in PAGES:  # links from other pages: (facts.md#anchor)
        for a in re.findall(r"\(facts\.md#([\w-]+)\)", page.read_text(encoding="utf-8")):
            yield page, a


def test_no_rule_or_doc_cites_a_file_outside_the_repository():
    bad = []
    for top in ("rknnlint", "rules", "docs", "scripts", "README.md", "pyproject.toml"):
        p = ROOT / top
        for f in [p] if p.is_file() else sorted(p.rglob("*")):
            if f.is_file() and f.suffix in (".py", ".yaml", ".md", ".toml", ".json"):
                if OFF_REPO in f.read_text(encoding="utf-8", errors="replace"):
                    bad.append(str(f.relative_to(ROOT)))
    assert not bad, f"cite {OFF_REPO}.md, which users cannot open (cite docs/facts.md#anchor):\n" + "\n".join(bad)


@pytest.mark.parametrize("code", sorted(_rules()))
def test_explain_cites_only_what_a_user_can_open(code):
    from conftest import run_cli

    rc, out, err = run_cli("explain", code)
    assert rc == 0, err
    assert OFF_REPO not in out and "../" not in out
    for a in re.findall(r"#([\w-]+)", " ".join(m.group(1) or "" for m in CITE.finditer(out))):
        assert a in _anchors(), f"{code} cites docs/facts.md#{a}, which does not exist"


def test_every_cited_facts_anchor_exists():
    anchors = _anchors()
    cited = list(_cited())
    assert len({a for _, a in cited}) >= 15  # the rules cite the facts page, by section
    bad = sorted({f"{f.relative_to(ROOT)}: #{a}" for f, a in cited if a not in anchors})
    assert not bad, "docs/facts.md has no such anchor:\n" + "\n".join(bad)


def test_facts_sections_name_public_sources():
    text = FACTS.read_text(encoding="utf-8")
    assert "https://github.com/airockchip/rknn-toolkit2" in text and "https://github.com/airockchip/rknn_model_zoo" in text
    assert "../" not in text
    for a in ("opset", "static-shapes", "dynamic-graph", "channel-alignment", "cpu-ops", "real-exports"):
        assert f'<a id="{a}"></a>' in text
