"""`python -m assistant` runs the same CLI as the `leadqual` command."""

from assistant.cli import main

main()
