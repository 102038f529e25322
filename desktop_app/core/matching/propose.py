"""Propose a matching for a table that is not in the template's layout.

    propose(headers, columns, schema, saved=None, subsidiary=None) -> Matching
    propose_for_rows(rows, schema, ...) -> Matching   (finds the header row first)

Only a sample of rows is looked at (the schema's `matching.thresholds.sample_rows`, spread
over the table), so a 100,000-row export costs about what a small one does; the words of
list columns are counted over every row, for the person who confirms them.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Sequence
from typing import Any

from desktop_app.core.matching.assign import score_pairs, solve
from desktop_app.core.matching.mapping import ColumnMatch, Matching
from desktop_app.core.matching.names import header_name
from desktop_app.core.matching.profile import (
    ColumnProfile,
    is_blank,
    profile_column,
    sample_indices,
    text_date,
    text_number,
)
from desktop_app.core.matching.scores import (
    TemplateSpec,
    header_prefixes,
    name_matrix,
    template_specs,
)
from desktop_app.core.matching.table import find_table, split_table
from desktop_app.core.matching.values import propose_values, word_mappers
from desktop_app.core.model.a1 import col_letter
from desktop_app.core.schema.definition import TemplateSchema, normalise_label


def warm_up(schema: TemplateSchema) -> None:
    """Load what the matcher needs (scipy's solver, rapidfuzz, babel's names) in a thread
    of its own, so that it is ready by the time the file has been read: importing scipy
    alone takes longer than matching."""

    def load() -> None:
        import rapidfuzz.process  # noqa: F401
        import scipy.optimize  # noqa: F401

        word_mappers(schema)
        name_matrix(schema, [])
        text_date("1 Jan 2000")

    threading.Thread(target=load, name="matching warm-up", daemon=True).start()


def propose_for_rows(
    rows: list[list[Any]],
    schema: TemplateSchema,
    saved: Matching | None = None,
    *,
    subsidiary: str | None = None,
    sheet: str | None = None,
) -> Matching:
    """Find the table in a sheet's raw rows (row 1 first), then propose its matching."""
    shape = find_table(rows, schema)
    headers, columns = split_table(rows, shape)
    header_row = None if shape.header is None else shape.header + 1
    return propose(
        headers, columns, schema, saved, subsidiary=subsidiary, header_row=header_row, sheet=sheet
    )


def propose(
    headers: list[str | None],
    columns: Sequence[Sequence[Any]],
    schema: TemplateSchema,
    saved: Matching | None = None,
    *,
    subsidiary: str | None = None,
    header_row: int | None = None,
    sheet: str | None = None,
) -> Matching:
    """For each template column, the source column that holds it (or None), how sure
    that is (0-1) and why; the source's list words mapped onto the template's values.

    headers are the header cells (None where blank or when the table has none; such a
    column is named by its letter); columns hold the values below the header. A saved
    matching's columns are taken as they are where the source still has them.
    """
    schema = schema.for_subsidiary(subsidiary)
    data = schema.model.matching
    sources = [_source_name(h, i) for i, h in enumerate(headers)]
    rows = max((len(c) for c in columns), default=0)
    sample = sample_indices(rows, data.thresholds.sample_rows)
    suffixes = frozenset(data.company_suffixes)
    profiles = [
        profile_column([col[i] for i in sample if i < len(col)], suffixes) for col in columns
    ]
    specs = template_specs(schema)
    chosen = _saved_choices(saved, sources) if saved else {}
    free_specs = [i for i, spec in enumerate(specs) if spec.name not in chosen]
    taken = {m.index for m in chosen.values() if m and m.index is not None}
    free_sources = [i for i in range(len(sources)) if i not in taken]
    prefixes = header_prefixes(schema)
    names = [header_name(headers[s], prefixes) if headers[s] else None for s in free_sources]
    scores = score_pairs(
        [specs[t] for t in free_specs],
        names,
        name_matrix(schema, names)[free_specs],
        [profiles[s] for s in free_sources],
        word_mappers(schema),
    )
    for t, s in solve(scores, [specs[t] for t in free_specs], data.thresholds.propose_min):
        source = free_sources[s]
        by = "name" if scores.by_name[t, s] else "values"
        confidence = float(scores.confidence[t, s])
        chosen[specs[free_specs[t]].name] = ColumnMatch(sources[source], confidence, by, source)
    matching = Matching(
        columns={spec.name: chosen.get(spec.name) for spec in specs},
        header_row=header_row,
        sheet=sheet,
    )
    _fill_constants(matching, schema, subsidiary, profiles)
    used = {m.index for m in matching.columns.values() if m and m.index is not None}
    matching.unmapped = [
        sources[i] for i in range(len(sources)) if i not in used and profiles[i].count
    ]
    _propose_values(matching, specs, columns, profiles, sample, schema, subsidiary)
    if saved:
        for column, words in saved.values.items():  # the person's words win
            matching.values.setdefault(column, {}).update(words)
            if column in matching.unsure_values:
                unsure = [w for w in matching.unsure_values[column] if w not in words]
                matching.unsure_values[column] = unsure
    return matching


def _source_name(header: str | None, index: int) -> str:
    return header if header else col_letter(index)


def _saved_choices(saved: Matching, sources: list[str]) -> dict[str, ColumnMatch | None]:
    """The saved matching's columns that still apply: its sources found in this table
    (compared ignoring case and spaces), its constants, and the columns it says are absent."""
    where = {normalise_label(s): i for i, s in reversed(list(enumerate(sources)))}
    chosen: dict[str, ColumnMatch | None] = {}
    for column, match in saved.columns.items():
        if match is None or match.by == "constant":
            chosen[column] = match
        elif (index := where.get(normalise_label(match.source or ""))) is not None:
            chosen[column] = ColumnMatch(sources[index], 1.0, "saved", index)
    return chosen


def _fill_constants(
    matching: Matching,
    schema: TemplateSchema,
    subsidiary: str | None,
    profiles: list[ColumnProfile],
) -> None:
    """What follows from the subsidiary when the source has no column for it: its code,
    and its currency when the amounts show one currency (or it has only one)."""
    sub = schema.subsidiary(subsidiary)
    if sub is None:
        return
    specs, columns = template_specs(schema), matching.columns
    code = next((s.name for s in specs if s.vocabulary == "subsidiaries" and s.required), None)
    if code and columns[code] is None:
        columns[code] = ColumnMatch(None, 1.0, "constant", value=subsidiary)
    currency = next((s.name for s in specs if s.vocabulary == "currencies"), None)
    if currency is None or columns[currency] is not None:
        return
    amount = next((columns[s.name] for s in specs if s.kind == "money" and s.required), None)
    marks = profiles[amount.index].currency_marks if amount and amount.index is not None else {}
    mapper = word_mappers(schema)["currencies"]
    found = {mapper.map(mark, tuple(sub.currencies)) for mark in marks}
    if len(found) == 1 and None not in found:
        columns[currency] = ColumnMatch(None, 0.9, "constant", value=found.pop())
    elif not marks:
        sure = 0.9 if len(sub.currencies) == 1 else 0.6
        columns[currency] = ColumnMatch(None, sure, "constant", value=sub.currencies[0])


def _propose_values(
    matching: Matching,
    specs: list[TemplateSpec],
    columns: Sequence[Sequence[Any]],
    profiles: list[ColumnProfile],
    sample: list[int],
    schema: TemplateSchema,
    subsidiary: str | None,
) -> None:
    """The source's words of each matched list column onto the template's values."""
    sub = schema.subsidiary(subsidiary)
    allowed = tuple(sub.currencies) if sub else ()
    for spec in specs:
        match = matching.columns.get(spec.name)
        if not spec.vocabulary or match is None or match.index is None:
            continue
        words = _words(columns[match.index])
        hints = None
        if spec.vocabulary == "stages":
            hints = _probabilities_by_word(matching, columns, profiles, sample, match.index)
        proposal = propose_values(schema, spec.vocabulary, words, allowed, hints)
        if proposal.mapped:
            matching.values[spec.name] = proposal.mapped
        if proposal.unsure:
            matching.unsure_values[spec.name] = proposal.unsure


def _words(column: list[Any]) -> Counter:
    """Each distinct text of a column with how often it occurs, blanks left out."""
    counted = Counter(column)
    words: Counter = Counter()
    for value, n in counted.items():
        if isinstance(value, str) and not is_blank(value):
            words[value.strip()] += n
    return words


def _probabilities_by_word(
    matching: Matching,
    columns: Sequence[Sequence[Any]],
    profiles: list[ColumnProfile],
    sample: list[int],
    stage_index: int,
) -> dict[str, list[float]] | None:
    """The source's own probabilities (0-100) of each stage word, over the sampled rows."""
    match = matching.columns.get("probability")
    if match is None or match.index is None:
        return None
    stages, chances = columns[stage_index], columns[match.index]
    scale = 100.0 if profiles[match.index].in_0_1 >= 0.98 else 1.0
    found: dict[str, list[float]] = {}
    for i in sample:
        word, chance = (
            stages[i] if i < len(stages) else None,
            chances[i] if i < len(chances) else None,
        )
        if not isinstance(word, str) or is_blank(word) or is_blank(chance):
            continue
        number = chance if isinstance(chance, int | float) else text_number(str(chance).strip())[0]
        if number is not None and not isinstance(number, bool):
            found.setdefault(word.strip(), []).append(float(number) * scale)
    return found
