"""README examples are executed.

Marker convention (the line directly before a ```console or ```bash fence):

    <!-- test: exit=1 -->                 every command must exit 1
    <!-- test: exit=0,1 -->               per command: the first exits 0, the second 1
    <!-- test: exit=2 toolkit -->         needs rknn-toolkit2 (marked, runs where it is installed)

Blocks without a marker are not run. In a ```console block, lines starting with `$ ` are commands and
the lines after one are its expected output: each expected line must appear, in order, in the real output
(compared after collapsing whitespace; a line `...` matches any number of lines, and `...` inside a line
matches any text, so long output can be elided).
In a ```bash block every line is a command (comments and `pip install ...` lines are skipped; `\\` continues).
Commands run with bash in a fresh temporary git repository that holds:
    model.onnx    a model with one error on rk3588 (cubic Resize, RKN701)
    clean.onnx    a model with no errors (ShuffleNetV2)
    yolov8n.onnx  a stock ultralytics YOLOv8n export (RKN704 error, head warnings)
    models/       clean.onnx and broken.onnx (a copy of model.onnx)
with `rknnlint` of this checkout first on PATH and NO_COLOR=1.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import shared_model

ROOT = Path(__file__).resolve().parents[1]
MARK = re.compile(r"^<!--\s*test:\s*(.*?)\s*-->\s*$")


@dataclass
class Command:
    cmd: str
    expected: list[str]


@dataclass
class Block:
    line: int
    exits: list[int]
    toolkit: bool
    commands: list[Command]


def parse(md: str) -> list[Block]:
    """The marked blocks of a markdown text."""
    lines = md.splitlines()
    blocks: list[Block] = []
    for i, line in enumerate(lines):
        m = MARK.match(line)
        if not m or i + 1 >= len(lines):
            continue
        fence = lines[i + 1].strip()
        if fence not in ("```console", "```bash", "```sh", "```shell"):
            raise ValueError(f"README line {i + 1}: a test marker must be followed by a ```console or ```bash block")
        opts = m.group(1).split()
        exits = [0]
        for o in opts:
            if o.startswith("exit="):
                exits = [int(x) for x in o[5:].split(",")]
        body = []
        for j in range(i + 2, len(lines)):
            if lines[j].strip() == "```":
                break
            body.append(lines[j])
        else:
            raise ValueError(f"README line {i + 1}: unterminated code block")
        cmds: list[Command] = []
        if fence == "```console":
            for b in body:
                if b.startswith("$ "):
                    cmds.append(Command(b[2:].strip(), []))
                elif cmds and b.strip():
                    cmds[-1].expected.append(b)
        else:
            joined = "\n".join(body).replace("\\\n", " ")
            for b in joined.splitlines():
                b = b.strip()
                if b and not b.startswith("#") and not b.startswith("pip install"):
                    cmds.append(Command(b.split(" #", 1)[0].strip(), []))
        cmds = [c for c in cmds if not c.cmd.startswith("pip install")]
        if len(exits) not in (1, len(cmds)):
            raise ValueError(f"README line {i + 1}: exit= lists {len(exits)} codes for {len(cmds)} commands")
        blocks.append(Block(i + 1, exits * len(cmds) if len(exits) == 1 else exits, "toolkit" in opts, cmds))
    return blocks


def _norm(s: str) -> str:
    return " ".join(s.split())


def _line_matches(expected: str, line: str) -> bool:
    """`...` inside an expected line matches any text; the pieces around it must appear in order."""
    at = 0
    for piece in expected.split("..."):
        piece = piece.strip()
        if not piece:
            continue
        at = line.find(piece, at)
        if at < 0:
            return False
        at += len(piece)
    return True


def output_matches(expected: list[str], actual: str) -> str | None:
    """None when every expected line appears in order in `actual`, else the first one that does not."""
    out = [_norm(x) for x in actual.splitlines()]
    pos = 0
    for e in expected:
        e = _norm(e)
        if e == "...":
            continue
        while pos < len(out) and not _line_matches(e, out[pos]):
            pos += 1
        if pos == len(out):
            return e
        pos += 1
    return None


def _workspace(tmp: Path) -> Path:
    ws = tmp / "ws"
    (ws / "models").mkdir(parents=True)
    shutil.copy(shared_model("misc_resize_cubic_op13.onnx"), ws / "model.onnx")
    shutil.copy(shared_model("cls_shufflenet_v2_x1_0_op13.onnx"), ws / "clean.onnx")
    shutil.copy(shared_model("det_yolov8n_nc20_256_op12.onnx"), ws / "yolov8n.onnx")
    shutil.copy(ws / "clean.onnx", ws / "models" / "clean.onnx")
    shutil.copy(ws / "model.onnx", ws / "models" / "broken.onnx")
    subprocess.run(["git", "init", "-q"], cwd=ws, check=True)
    return ws


def run_block(block: Block, tmp: Path) -> None:
    ws = _workspace(tmp)
    env = {**os.environ, "NO_COLOR": "1", "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
           "COLUMNS": "200"}
    for c, want in zip(block.commands, block.exits):
        r = subprocess.run(["bash", "-c", c.cmd], cwd=ws, env=env, capture_output=True, text=True, timeout=900)
        where = f"README.md line {block.line}: `{c.cmd}`"
        assert "Traceback" not in r.stderr, f"{where}\n{r.stderr}"
        assert r.returncode == want, f"{where}: exit {r.returncode}, expected {want}\n{r.stdout}\n{r.stderr}"
        missing = output_matches(c.expected, r.stdout + r.stderr)
        assert missing is None, f"{where}: expected output line not found: {missing!r}\n--- got:\n{r.stdout}{r.stderr}"


def _readme_blocks():
    p = ROOT / "README.md"
    return parse(p.read_text(encoding="utf-8")) if p.is_file() else []


_BLOCKS = _readme_blocks()


@pytest.mark.parametrize("block", [pytest.param(b, id=f"line{b.line}", marks=[pytest.mark.toolkit] if b.toolkit else [])
                                   for b in _BLOCKS])
def test_readme_example(block, tmp_path):
    run_block(block, tmp_path)


def test_readme_has_runnable_examples():
    if not _BLOCKS:
        raise AssertionError("README.md has no <!-- test: ... --> blocks: its examples must be tested")
    assert sum(len(b.commands) for b in _BLOCKS) >= 1


SAMPLE = """
<!-- test: exit=1 -->
```console
$ rknnlint check model.onnx
model.onnx
  error   RKN701 ...
...
FAIL 1 model: 1 error(s)
```

```bash
rknnlint this-is-not-run
```

<!-- test: exit=0,1 -->
```bash
# record, then fail on new
rknnlint check clean.onnx
rknnlint check models/ \\
  --fail-on error
```
"""


def test_parser_on_sample():
    blocks = parse(SAMPLE)
    assert [b.exits for b in blocks] == [[1], [0, 1]]
    assert blocks[0].commands[0].cmd == "rknnlint check model.onnx"
    assert blocks[0].commands[0].expected[0] == "model.onnx"
    assert [c.cmd for c in blocks[1].commands] == ["rknnlint check clean.onnx", "rknnlint check models/    --fail-on error"]
    with pytest.raises(ValueError):
        parse("<!-- test: exit=1 -->\n```python\nx\n```\n")
    with pytest.raises(ValueError):
        parse("<!-- test: exit=0,1 -->\n```bash\nrknnlint check a\n```\n")


def test_sample_blocks_run_and_a_wrong_expectation_fails(tmp_path):
    blocks = parse(SAMPLE)
    run_block(blocks[0], tmp_path / "a")
    run_block(blocks[1], tmp_path / "b")
    wrong = parse(SAMPLE.replace("exit=1 -->", "exit=0 -->", 1))[0]
    with pytest.raises(AssertionError, match="exit 1, expected 0"):
        run_block(wrong, tmp_path / "c")
    bad_text = parse(SAMPLE.replace("FAIL 1 model", "OK 1 model", 1))[0]
    with pytest.raises(AssertionError, match="expected output line not found"):
        run_block(bad_text, tmp_path / "d")
