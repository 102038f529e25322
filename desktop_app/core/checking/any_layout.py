"""Checking a file in any layout: a template file as always; a file that is not in the
template's layout (a CRM's export) read through a matching (given, kept for the
subsidiary, or proposed on the fly) into the template's layout, then checked by the same
rules, its findings naming the source's cells.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from desktop_app.core.checking.engine import CheckOptions, CheckResult, check_table
from desktop_app.core.matching.mapping import Matching
from desktop_app.core.matching.matched import (
    MatchedSheet,
    NoOpportunityTable,
    match_sheets,
    matched_table,
)
from desktop_app.core.model.progress import Progress
from desktop_app.core.reading.header import HeaderNotFound
from desktop_app.core.reading.policy import SCAN_FIRST, ReadPolicy
from desktop_app.core.reading.sheets import read_sheets
from desktop_app.core.reading.source import read_source
from desktop_app.core.reading.table import SourceTable
from desktop_app.core.schema.definition import TemplateSchema

# () -> (the saved matching or None, "given" | "kept" | "shipped" | "proposed", where)
SavedMatching = Callable[[], tuple[Matching | None, str, str | None]]


@dataclass
class MatchingUsed:
    """The matching a file was read with, and where it came from."""

    matched: MatchedSheet
    origin: str  # "given" (a matching file), "kept" (the subsidiary's), "shipped" (in the
    # schema's local variant), "proposed"
    source: str | None = None  # the matching file, when given or kept

    @property
    def matching(self) -> Matching:
        return self.matched.matching


def match_file(
    path: str | Path,
    schema: TemplateSchema,
    saved: Matching | None = None,
    *,
    subsidiary: str | None = None,
    progress: Progress | None = None,
) -> MatchedSheet:
    """Read every sheet of a file not in the template's layout and match its table."""
    book = read_sheets(path, schema, progress)
    return match_sheets(book, schema, saved, subsidiary=subsidiary)


def check_any_layout(
    path: str | Path,
    schema: TemplateSchema,
    options: CheckOptions,
    progress: Progress | None = None,
    *,
    policy: ReadPolicy = SCAN_FIRST,
    saved: SavedMatching | None = None,
) -> tuple[CheckResult, MatchingUsed | None]:
    """Check FILE; when it is not in the template's layout, through the matching saved()
    gives ((matching, origin, source): where it came from), else a proposed one. saved is
    called only for such a file, so a template file never depends on a kept matching. The
    second item is the matching used, None for a template file."""
    progress = progress or Progress()
    try:
        table = read_source(path, schema, progress, policy=policy)
    except HeaderNotFound as not_template:
        found = saved() if saved else (None, "proposed", None)
        try:
            matched = match_file(path, schema, found[0], subsidiary=options.subsidiary)
        except NoOpportunityTable:
            raise not_template from None  # the sentence a template file gets
    else:
        if in_template_layout(table, schema):
            return check_table(table, schema, options, progress), None
        found = saved() if saved else (None, "proposed", None)
        try:  # a few of its headers are the template's, most columns are not
            matched = match_file(path, schema, found[0], subsidiary=options.subsidiary)
        except NoOpportunityTable:
            return check_table(table, schema, options, progress), None
    matching, origin, source = found
    used = MatchingUsed(matched, origin if matching else "proposed", source if matching else None)
    result = check_table(matched_table(matched, schema), schema, options, progress)
    result.matched_with = used
    return result, used


def in_template_layout(table: SourceTable, schema: TemplateSchema) -> bool:
    """Whether a table read by the template's headers is the template's: it has most of
    the required columns (a template with a column renamed or left out still is; a CRM
    export sharing a few header names is not)."""
    required = [c.name for c in schema.columns if c.required]
    missing = sum(table.column(name) is None for name in required)
    return 2 * missing < len(required)
