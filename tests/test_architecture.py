"""The layering holds: the core never imports Textual and data flows one way.

The contracts live in pyproject.toml ([tool.importlinter]); this runs them, and also
imports every core module in a fresh interpreter to catch Textual pulled in at runtime.
"""

from __future__ import annotations

import pkgutil
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _core_modules() -> list[str]:
    import assistant
    import storage

    names: list[str] = []
    for package in (assistant, storage):
        for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            if info.name.startswith(("assistant.tui", "assistant.cli", "storage.migrations")):
                continue
            if info.name == "assistant.__main__":
                continue
            names.append(info.name)
    return names


def test_core_modules_do_not_load_textual() -> None:
    modules = _core_modules()
    assert "assistant.domain" in modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "loaded = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print(','.join(loaded))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "", f"core modules loaded Textual: {out.stdout.strip()}"


def test_import_contracts_hold() -> None:
    lint_imports = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    if lint_imports is None:
        pytest.skip("import-linter is not installed (pip install -e '.[test]')")
    out = subprocess.run([lint_imports, "--no-cache"], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stdout[-3000:] + out.stderr[-2000:]
