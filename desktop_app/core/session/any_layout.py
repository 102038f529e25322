"""Opening a file in any layout for the window: a template file, or a CRM export read with
the subsidiary's kept matching, opens into a WorkingSession; a CRM export without one
comes back as a MatchToConfirm, for the person to confirm or change its matching first.

    open_any_layout(path, schema, options, progress) -> WorkingSession | MatchToConfirm
    check_matched(matched, schema, options, progress, origin) -> WorkingSession
    to_confirm(matched, schema, subsidiary) -> MatchToConfirm
    words_of(matched, schema, column, index, subsidiary) -> ListWords

All of this runs off the GUI thread: reading, proposing and counting words over 100,000
rows take far longer than a person may wait on a frozen window.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop_app.core.checking.any_layout import MatchingUsed, check_any_layout, match_file
from desktop_app.core.checking.engine import CheckOptions, check_table
from desktop_app.core.matching.kept import matching_for
from desktop_app.core.matching.matched import MatchedSheet, NoOpportunityTable, matched_table
from desktop_app.core.matching.profile import is_blank
from desktop_app.core.matching.table import split_table
from desktop_app.core.matching.values import propose_values
from desktop_app.core.model.a1 import col_letter
from desktop_app.core.model.period import subsidiary_from_file_name
from desktop_app.core.model.progress import Progress
from desktop_app.core.reading.policy import SCAN_FIRST
from desktop_app.core.schema.definition import TemplateSchema
from desktop_app.core.session.working import WorkingSession

SAMPLES = 3  # sample values shown with each source column


@dataclass
class ListWords:
    """A list column's source words: how often each occurs, and the proposed values."""

    counts: Counter
    mapped: dict[str, str]  # source word -> template value (words that differ from it)


@dataclass
class MatchToConfirm:
    """A file not in the template's layout, its proposed matching, and what the person
    needs to judge it: each source column's header and sample values, each list
    column's words."""

    matched: MatchedSheet
    subsidiary: str | None
    sources: list[str]  # each source column's name (its header, or its letter)
    samples: list[list[str]]  # a few values of each source column, as text
    words: dict[str, ListWords] = field(default_factory=dict)  # template column -> words

    @property
    def path(self) -> Path:
        return self.matched.book.path


class _NoKeptMatching(Exception):
    """The file is not in the template's layout and its subsidiary keeps no matching."""


def subsidiary_of(path: str | Path, options: CheckOptions) -> str | None:
    """The subsidiary whose kept matching applies: given, else the file's name says."""
    return options.subsidiary or subsidiary_from_file_name(Path(path).name)


def open_any_layout(
    path: str | Path,
    schema: TemplateSchema,
    options: CheckOptions | None = None,
    progress: Progress | None = None,
) -> WorkingSession | MatchToConfirm:
    """A template file, or a file read with its subsidiary's kept matching (else the one the
    schema ships), checked; any other file not in the template's layout, its matching
    proposed for the person."""
    options = options or CheckOptions()
    subsidiary = subsidiary_of(path, options)

    def kept():  # the subsidiary's kept matching, else the one the schema ships
        found = matching_for(schema, subsidiary)
        if found[0] is None:
            raise _NoKeptMatching()
        return found

    try:
        result, _ = check_any_layout(path, schema, options, progress, policy=SCAN_FIRST, saved=kept)
    except _NoKeptMatching:
        try:
            matched = match_file(path, schema, subsidiary=subsidiary, progress=progress)
        except NoOpportunityTable:  # no table to match: as the command line does
            result, _ = check_any_layout(path, schema, options, progress, policy=SCAN_FIRST)
            return WorkingSession(result, options)
        return to_confirm(matched, schema, subsidiary)
    return WorkingSession(result, options)


def check_matched(
    matched: MatchedSheet,
    schema: TemplateSchema,
    options: CheckOptions | None = None,
    progress: Progress | None = None,
    origin: str = "proposed",
    source: str | None = None,
) -> WorkingSession:
    """Check the matched data; the session's findings name the source's cells."""
    options = options or CheckOptions()
    result = check_table(matched_table(matched, schema), schema, options, progress)
    result.matched_with = MatchingUsed(matched, origin, source)
    return WorkingSession(result, options)


def to_confirm(
    matched: MatchedSheet, schema: TemplateSchema, subsidiary: str | None
) -> MatchToConfirm:
    """What the person needs to confirm matched's matching."""
    headers, columns = split_table(matched.sheet.rows, matched.shape)
    confirm = MatchToConfirm(
        matched,
        subsidiary,
        sources=[h or col_letter(i) for i, h in enumerate(headers)],
        samples=[_samples(column) for column in columns],
    )
    for column in schema.columns:
        match = matched.matching.columns.get(column.name)
        if column.vocabulary and match is not None and match.index is not None:
            words = words_of(matched, schema, column.name, match.index, subsidiary)
            words.mapped = dict(matched.matching.values.get(column.name, {}))  # as proposed
            confirm.words[column.name] = words
    return confirm


def words_of(
    matched: MatchedSheet,
    schema: TemplateSchema,
    column: str,
    index: int,
    subsidiary: str | None,
) -> ListWords:
    """The words of source column index, proposed as values of template column."""
    vocabulary = schema.column_by_name[column].vocabulary
    counts: Counter = Counter()
    for value, n in Counter(split_table(matched.sheet.rows, matched.shape)[1][index]).items():
        if isinstance(value, str) and not is_blank(value):
            counts[value.strip()] += n
    sub = schema.subsidiary(subsidiary)
    allowed = tuple(sub.currencies) if sub else ()
    return ListWords(counts, propose_values(schema, vocabulary, counts, allowed).mapped)


def _samples(column: Any) -> list[str]:
    found: list[str] = []
    for value in column:
        if not is_blank(value):
            found.append(str(value).strip())
            if len(found) == SAMPLES:
                break
    return found
