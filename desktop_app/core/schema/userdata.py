"""The user's data folder: kept schemas, trusted keys, the channel, kept matchings.

TEMPLATE_CHECKER_DATA_DIR overrides it (tests, portable use); otherwise it is the
platform's user data folder for the program.
"""

from __future__ import annotations

import os
from pathlib import Path

DATA_DIR_VARIABLE = (
    "TEMPLATE_CHECKER_DATA_DIR"  # overrides the user data folder (tests, portable use)
)
APP_NAME = "template-checker"


def data_dir() -> Path:
    """TEMPLATE_CHECKER_DATA_DIR, else the user data folder."""
    base = os.environ.get(DATA_DIR_VARIABLE)
    if not base:
        from platformdirs import user_data_dir

        base = user_data_dir(APP_NAME, appauthor=False)
    return Path(base)
