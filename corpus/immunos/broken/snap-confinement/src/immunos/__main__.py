"""Run the command-line interface with ``python -m immunos``."""

from immunos.cli import main

raise SystemExit(main())
