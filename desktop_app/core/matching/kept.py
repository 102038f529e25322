"""The matching kept for each subsidiary, in the user data folder beside the kept schemas
(`matchings/{CODE}.yaml`), so next period's export is read the same way without questions.

Only the command line and the window call this; a rule never reads the user data folder.
"""

from __future__ import annotations

from pathlib import Path

from desktop_app.core.matching.mapping import Matching
from desktop_app.core.schema.store import store_folder


def kept_path(subsidiary: str) -> Path:
    return store_folder().parent / "matchings" / f"{subsidiary.strip().upper()}.yaml"


def kept_matching(subsidiary: str | None) -> Matching | None:
    """The subsidiary's kept matching, or None when it has none."""
    if not subsidiary:
        return None
    path = kept_path(subsidiary)
    return Matching.load(path) if path.is_file() else None


def keep_matching(matching: Matching, subsidiary: str) -> Path:
    """Keep matching for subsidiary (replacing the one kept before); where it is kept."""
    path = kept_path(subsidiary)
    path.parent.mkdir(parents=True, exist_ok=True)
    matching.save(path)
    return path
