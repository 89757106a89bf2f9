"""The options users see come from the declarations: docs/patterns.md's "Options" section
must be the rendered declarations, and the CLI lists every option."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from pattern import BLOCKS
from pattern.options_doc import (
    END,
    REGENERATE,
    START,
    block_options,
    current,
    markdown,
    refreshed,
    section,
    table,
)

DOC = Path(__file__).resolve().parents[2] / "docs" / "patterns.md"


def test_docs_options_section_matches_the_declarations() -> None:
    doc = DOC.read_text(encoding="utf-8")
    assert current(doc) is not None, f"docs/patterns.md has no {START} ... {END} section; " \
        f"run `{REGENERATE}`"
    assert current(doc) == section(), (
        f"docs/patterns.md's options section differs from the declared options; "
        f"regenerate it with `{REGENERATE}`")


def test_every_block_and_option_is_in_the_markdown() -> None:
    md = markdown()
    for name, block in BLOCKS.items():
        assert f"### `{name}`: {block.title}" in md
        for opt in ("fit", *block.options):
            assert f"| `{opt}` |" in md


def test_refresh_replaces_only_the_marked_section() -> None:
    doc = f"# T\n\nbefore\n\n{START}\nold\n{END}\n\nafter\n"
    new = refreshed(doc)
    assert new.startswith("# T\n\nbefore\n\n") and new.endswith("\n\nafter\n")
    assert current(new) == section() and refreshed(new) == new
    appended = refreshed("# T\n")
    assert "## Options" in appended and current(appended) == section()


def test_main_check_and_write(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from pattern.options_doc import main

    f = tmp_path / "p.md"
    f.write_text(f"# T\n\n{START}\nstale\n{END}\n", encoding="utf-8")
    assert main(["--check", str(f)]) == 1
    assert REGENERATE in capsys.readouterr().err
    assert main(["--write", str(f)]) == 0 and main(["--check", str(f)]) == 0


def test_option_shapes() -> None:
    opts = block_options("shirt")["options"]
    assert next(iter(opts)) == "fit" and opts["fit"]["choices"] == ["fitted", "regular", "relaxed"]
    for name, d in opts.items():
        assert {"type", "default", "description"} <= set(d), name
        assert "choices" in d or d["type"] == "bool" or d["min"] <= d["default"] <= d["max"]


def _cli(argv: list[str]) -> int:
    from fitsvc.patterns.cli import add_commands

    parser = argparse.ArgumentParser()
    add_commands(parser.add_subparsers())
    args = parser.parse_args(argv)
    return int(args.func(args))


@pytest.mark.parametrize("block", sorted(BLOCKS))
def test_cli_options_table_and_json(block: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert _cli(["pattern", "options", block]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0] == f"{block}: {BLOCKS[block].title}"
    assert lines[1].split()[:3] == ["option", "type", "default"]
    names = [ln.split()[0] for ln in lines[2:]]
    assert names == list(block_options(block)["options"])
    assert out.endswith(table(block))
    assert _cli(["pattern", "options", block, "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == block_options(block)
