"""The Textual interface: `run_tui()` opens the app on the configured database and extractor."""

from __future__ import annotations


def run_tui() -> None:
    """Load settings, open the Pipeline (SQLite by default, migrations run) and run the app."""
    from assistant.config import load_settings
    from assistant.tui.app import make_app

    settings = load_settings()
    app = make_app(settings)
    app.run()
