"""What a rule declares, so that the engine and the working session need nothing else.

Each rule module exports SPEC, a RuleSpec: its id and title, and its checks in the order
they run. A check says what it reads and its scope, which tells the working session how
far an edit can reach:

    ROWS    judges each row alone: re-run on a small table of the edited rows
    GROUPS  compares rows that share a key (DQ6): re-run over the groups of edited rows
    COLUMN  compares each row with its whole column (DQ8's median): re-run over the column
            after an edit to a column it reads
    FILE    settles something for the whole file (DQ1): re-run only by a full check, which
            the rule asks for through needs_full_recheck when an edit can change it
"""

from __future__ import annotations

from collections.abc import Callable, Set
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop_app.core.checking.engine import CheckContext
    from desktop_app.core.checking.file_context import FileContext
    from desktop_app.core.reading.table import SourceTable
    from desktop_app.core.schema.definition import TemplateSchema


class Scope(StrEnum):
    ROWS = "rows"
    GROUPS = "groups"
    COLUMN = "column"
    FILE = "file"


@dataclass(frozen=True)
class GroupKey:
    """Rows with equal values in these columns form a group; a row with an empty value in
    them is in none, unless empty_is_a_value (DQ6 compares all rows without an ID)."""

    columns: tuple[str, ...]
    empty_is_a_value: bool = False


def no_groups(schema: TemplateSchema) -> tuple[GroupKey, ...]:
    return ()


@dataclass(frozen=True)
class Check:
    """One part of a rule: run(ctx) adds findings to the context (and may build the typed
    frame that later checks read)."""

    run: Callable[[CheckContext], None]
    scope: Scope
    # The columns it reads; None: any column, and what the file context says.
    reads: frozenset[str] | None = None
    # GROUPS: the keys that make rows comparable, from the schema (a module-level function,
    # so that a result can be sent to another process).
    groups: Callable[[TemplateSchema], tuple[GroupKey, ...]] = no_groups

    def reads_any(self, columns: Set[str]) -> bool:
        return self.reads is None or not self.reads.isdisjoint(columns)


def never(columns: Set[str], table: SourceTable, file: FileContext) -> bool:
    return False


@dataclass(frozen=True)
class RuleSpec:
    id: str  # "DQ1"; its findings' codes start with it
    title: str  # in English; the catalogue has it in every language
    checks: tuple[Check, ...]
    # Whether edits to these columns (of this table, with this file context) can change
    # what the rule settles for the whole file, so that only a full check is right.
    needs_full_recheck: Callable[[Set[str], SourceTable, FileContext], bool] = never
