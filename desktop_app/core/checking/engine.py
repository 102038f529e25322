"""Run the rules over a SourceTable and collect the findings.

First the file context is settled (whose file, which period: see file_context) and the
schema resolved for that subsidiary (its local variant); then each rule's checks run in
order and share a CheckContext: DQ1 reports the file's structure and drops non-data
rows; DQ2 marks empty cells; DQ3 turns raw cells into typed values; DQ4 puts listed
values into canonical form. DQ5-DQ9 then work on `ctx.frame`, which holds the values as
the clean export will write them. A cell whose value could not be read is None/NaN
there, so later rules skip it instead of piling a second finding on the same mistake.
What each check produced is kept by check, for the working session's re-checks.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from desktop_app.core.checking.file_context import (
    FileContext,
    settle_file_context,
    use_local_headers,
)
from desktop_app.core.checking.rule import Check, RuleSpec
from desktop_app.core.model.catalogue import render
from desktop_app.core.model.findings import Finding, Severity, summarise
from desktop_app.core.model.period import Period
from desktop_app.core.model.progress import Progress
from desktop_app.core.reading.policy import SCAN_FIRST, ReadPolicy
from desktop_app.core.reading.source import read_source
from desktop_app.core.reading.table import SourceTable
from desktop_app.core.schema.definition import TemplateSchema

if TYPE_CHECKING:
    import pandas as pd


@dataclass
class CheckOptions:
    subsidiary: str | None = None
    period: str | None = None


@dataclass
class CheckContext:
    schema: TemplateSchema  # resolved for the file's subsidiary (its local variant)
    table: SourceTable
    options: CheckOptions = field(default_factory=CheckOptions)
    file: FileContext = field(default_factory=FileContext)
    findings: list[Finding] = field(default_factory=list)
    # positions (into table.raw) of the rows that are data, set by DQ1
    positions: np.ndarray | None = None
    rows: np.ndarray | None = None  # Excel row numbers of those rows
    empty: dict[str, np.ndarray] = field(default_factory=dict)  # set by DQ2
    all_text: set[str] = field(default_factory=set)  # columns whose values are all str, by DQ2
    unreadable: dict[str, np.ndarray] = field(default_factory=dict)  # set by DQ3/DQ4
    frame: pd.DataFrame | None = None  # typed, canonical values, set by DQ3/DQ4
    _kinds: dict[str, np.ndarray] = field(default_factory=dict, repr=False)

    @property
    def subsidiary(self) -> str | None:
        return self.file.subsidiary

    @property
    def period(self) -> Period | None:
        return self.file.period

    @property
    def locale(self) -> str:
        return self.schema.locale_for(self.subsidiary)

    @property
    def report_date(self):
        return self.period.end if self.period else None

    @property
    def sheet(self) -> str | None:
        return self.table.sheet

    def has(self, column: str) -> bool:
        return self.frame is not None and column in self.frame.columns

    def set_column(self, column: str, values) -> None:
        """Put typed values into the frame; text stays object dtype with None for missing."""
        import pandas as pd

        dtype = None if getattr(values, "dtype", np.dtype(object)).kind != "O" else object
        self.frame[column] = pd.Series(values, dtype=dtype, copy=False)

    def raw_values(self, column: str) -> np.ndarray:
        """The raw values of the data rows (non-data rows removed), an object array."""
        raw = self.table.raw[column]
        return raw if len(self.positions) == len(raw) else raw[self.positions]

    def kinds(self, column: str) -> np.ndarray:
        """The Python type of each raw value of the data rows, computed once per column."""
        cached = self._kinds.get(column)
        if cached is None:
            values = self.raw_values(column)
            cached = self._kinds[column] = np.fromiter(
                map(type, values), dtype=object, count=len(values)
            )
        return cached

    def add(
        self,
        code: str,
        *,
        row: int | None = None,
        column: str | None = None,
        value: Any = None,
        suggestion: Any = None,
        cell: bool = True,
        **params: Any,
    ) -> Finding:
        """Record a finding; rule and severity come from the code and the schema."""
        ref = None
        if cell and row is not None and column is not None:
            ref = self.table.cell_ref(column, row)
        finding = Finding.of(
            code,
            self.schema.severity(code),
            sheet=self.table.sheet,
            row=row,
            column=column,
            cell=ref,
            value=value,
            suggestion=suggestion,
            params=params,
        )
        self.findings.append(finding)
        return finding


@dataclass
class CheckResult:
    schema: TemplateSchema
    table: SourceTable
    findings: list[Finding]
    subsidiary: str | None
    period: Period | None
    frame: Any  # pandas DataFrame of typed canonical values (None if no data sheet)
    rows: list[int]  # Excel row of each frame row
    checked_at: datetime
    edits: list = field(default_factory=list)  # Edit records applied before this check
    file: FileContext = field(default_factory=FileContext)
    rules: tuple[RuleSpec, ...] = ()  # the rules it was checked with
    # What each check found, in the order they ran (the findings, by check).
    found_by_check: list[tuple[Check, list[Finding]]] = field(default_factory=list, repr=False)
    # For a file not in the template's layout: the matching it was read with (any_layout).
    matched_with: Any = None

    @property
    def summary(self) -> dict[str, Any]:
        return summarise(self.findings)

    @property
    def error_count(self) -> int:
        return sum(1 for f in self.findings if f.severity == Severity.ERROR)

    @property
    def passed(self) -> bool:
        return self.error_count == 0

    def to_json(self) -> dict[str, Any]:
        ordered = sorted(self.findings, key=Finding.sort_key)
        return {
            "file": str(self.table.path),
            "schema": self.schema.to_json(),
            "subsidiary": self.subsidiary,
            "period": self.period.label if self.period else None,
            "summary": self.summary,
            "findings": [f.to_json() for f in ordered],
        }


def schema_in_use(schema: TemplateSchema, file: FileContext) -> TemplateSchema:
    """The schema the rules check with: the one given, with the subsidiary's local variant."""
    return schema.for_subsidiary(file.subsidiary)


def new_context(
    table: SourceTable,
    schema: TemplateSchema,
    options: CheckOptions,
    file: FileContext,
    **fields: Any,
) -> CheckContext:
    """A context for checking table (or some of its rows) as a file of this context."""
    local = schema_in_use(schema, file)
    return CheckContext(schema=local, table=table, options=options, file=file, **fields)


def check_table(
    table: SourceTable,
    schema: TemplateSchema,
    options: CheckOptions | None = None,
    progress: Progress | None = None,
    rules: Sequence[RuleSpec] | None = None,
) -> CheckResult:
    """Apply the rules (default: the nine), in order, to an already read table."""
    if rules is None:
        from desktop_app.core.checking.rules import RULES

        rules = RULES
    progress = progress or Progress()
    options = options or CheckOptions()
    file = settle_file_context(table, schema, options)
    ctx = new_context(table, schema, options, file)
    if ctx.schema is not schema:
        use_local_headers(table, ctx.schema)
    found_by_check = []
    for i, rule in enumerate(rules):
        label = render("checking.rule_running", {"rule": rule.id, "title": rule_title(rule)})
        progress.step(label, 0.5 + 0.5 * i / len(rules))
        for check in rule.checks:
            start = len(ctx.findings)
            check.run(ctx)
            found_by_check.append((check, ctx.findings[start:]))
        if table.header_row is None:
            break  # no data to check; DQ1 has said why
    progress.step(render("checking.finished"), 1.0)
    rows = [] if ctx.rows is None else ctx.rows.tolist()
    return CheckResult(
        schema=schema,
        table=table,
        findings=ctx.findings,
        subsidiary=file.subsidiary,
        period=file.period,
        frame=ctx.frame,
        rows=rows,
        checked_at=datetime.now().astimezone(),
        file=file,
        rules=tuple(rules),
        found_by_check=found_by_check,
    )


def rule_title(rule: RuleSpec) -> str:
    """The rule's title in the language in use (a rule the catalogue lacks: its own)."""
    code = f"checking.title.{rule.id}"
    title = render(code)
    return rule.title if title == code else title


def check_file(
    path: str | Path,
    schema: TemplateSchema,
    options: CheckOptions | None = None,
    progress: Progress | None = None,
    *,
    policy: ReadPolicy = SCAN_FIRST,
) -> CheckResult:
    """Read FILE and check it: the whole job of `template-checker check`.

    policy: how the read guards against a reader that aborts the process (see
    desktop_app.core.reading.policy); the default suits a process with something to lose.
    """
    progress = progress or Progress()
    table = read_source(path, schema, progress, policy=policy)
    return check_table(table, schema, options, progress)
