"""The top-level `schemas/` and `resources/` folders, wherever the program runs from.

They sit at the top of the repository (the design card's layout) and are installed as
`desktop_app.schemas` and `desktop_app.resources` (pyproject's package-dir mapping, and
build.spec's data entries for the bundle), so an installed copy and the bundle find them
through importlib.resources; a plain checkout finds them beside the package.
"""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Literal

PACKAGE = Path(__file__).resolve().parent
ROOT = PACKAGE.parent


def data_folder(name: Literal["schemas", "resources"]) -> Traversable:
    try:
        folder = resources.files(f"desktop_app.{name}")
        if folder.is_dir():
            return folder
    except ModuleNotFoundError:
        pass
    inside = PACKAGE / name  # installed or bundled without the package being importable
    return inside if inside.is_dir() else ROOT / name
