"""`python -m desktop_app` is the same as the `template-checker` command (and the bundle's entry)."""

import multiprocessing
import sys

from desktop_app.cli import run

if __name__ == "__main__":
    # A frozen bundle starts its worker processes (consolidation, the isolated
    # reader) through this same entry point.
    multiprocessing.freeze_support()
    sys.exit(run())
