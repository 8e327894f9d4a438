"""The `leadqual` command: a thin typer shell over the pipeline. No arguments opens the TUI.

Each group of commands lives in its own module and registers itself on `app`.
"""

from __future__ import annotations

import typer

app = typer.Typer(
    name="leadqual",
    help="Qualify sales leads from rep notes: extract facts, score them, explain the verdict.",
    no_args_is_help=False,
    add_completion=False,
    rich_markup_mode="rich",
)


@app.callback(invoke_without_command=True)
def _root(ctx: typer.Context) -> None:
    """With no command, open the terminal UI."""
    if ctx.invoked_subcommand is None:
        from assistant.tui import run_tui  # the TUI is loaded only when asked for

        run_tui()


def _register() -> None:
    # Imported for their side effect of adding commands to `app`.
    import importlib

    for name in ("score_cmds", "qualify_cmds", "llm_cmds", "lead_cmds", "crm_cmds"):
        try:
            importlib.import_module(f"assistant.cli.{name}")
        except ModuleNotFoundError as exc:  # a group not written yet
            if exc.name != f"assistant.cli.{name}":
                raise


def main() -> None:
    _register()
    app()
