"""The matching kept for each subsidiary, in the user data folder beside the kept schemas
(`matchings/{CODE}.yaml`), so next period's export is read the same way without questions;
else the one the schema ships in the subsidiary's local variant.

Only the command line and the window call this; a rule never reads the user data folder.
"""

from __future__ import annotations

from pathlib import Path

from desktop_app.core.matching.mapping import Matching
from desktop_app.core.schema.definition import TemplateSchema
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


def shipped_matching(schema: TemplateSchema, subsidiary: str | None) -> Matching | None:
    """The matching the schema's local variant for subsidiary ships, or None."""
    code = (subsidiary or "").strip().upper()
    variant = schema.model.local_variants.get(code)
    if variant is None or variant.matching is None:
        return None
    return Matching.from_data(variant.matching.as_data(), f"local_variants.{code}.matching")


def matching_for(
    schema: TemplateSchema, subsidiary: str | None
) -> tuple[Matching | None, str, str | None]:
    """(matching, origin, where) for subsidiary's file not in the template's layout: the
    kept one (the person's own choice wins), else the schema's, else (None, "proposed")."""
    kept = kept_matching(subsidiary)
    if kept is not None:
        return kept, "kept", str(kept_path(subsidiary))
    shipped = shipped_matching(schema, subsidiary)
    if shipped is not None:
        return shipped, "shipped", schema.source
    return None, "proposed", None
