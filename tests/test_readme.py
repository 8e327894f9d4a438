"""README.md stays true: its set-up commands are the ones CI runs, and it documents
every setting (with its env var) and every CLI command."""

from __future__ import annotations

import re
from pathlib import Path

from assistant.config import Settings

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _fenced_after(heading: str) -> str:
    match = re.search(rf"{re.escape(heading)}.*?```(?:sh|bash)?\n(.*?)```", README, re.S)
    assert match, f"README has no command block after {heading!r}"
    return match.group(1).strip()


def test_ci_runs_the_readme_test_command() -> None:
    command = _fenced_after("Run the tests")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert command in ci, f"`.ci/run` does not run the README test command: {command}"


def test_readme_start_command_installs_and_starts_the_app() -> None:
    command = _fenced_after("Install and start")
    assert "pip install" in command and command.rstrip().endswith("leadqual")


def test_every_setting_is_documented_with_its_env_var() -> None:
    missing = [
        f"LEADQUAL_{name.upper()}"
        for name in Settings.model_fields
        if f"LEADQUAL_{name.upper()}" not in README
    ]
    assert not missing, f"settings missing from README.md: {missing}"


def test_every_cli_command_is_documented() -> None:
    from assistant.cli import _register, app

    _register()
    names = [cmd.name or cmd.callback.__name__ for cmd in app.registered_commands]
    names += [group.name for group in app.registered_groups if group.name]
    missing = [name for name in names if f"leadqual {name}" not in README]
    assert not missing, f"commands missing from README.md: {missing}"


def test_every_tui_key_and_slash_command_is_documented() -> None:
    from assistant.tui.actions import keys_table, slash_table

    missing = [key for _where, key, _what in keys_table() if f"`{key}`" not in README]
    missing += [command for command, _what in slash_table() if f"`{command}`" not in README]
    assert not missing, f"TUI keys missing from README.md: {missing}"
